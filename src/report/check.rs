//! Output of `crosscheck check`: findings with their evidence.
//!
//! JSON is the contract in DESIGN.md: `{version, summary, stories,
//! findings}`. Human output shows each finding as rustc shows an error: the
//! outlets' sentences with the figure underlined (annotate-snippets), then
//! per event a table of what each outlet says about each measure.

use super::claims::QuantityOut;
use super::escape::terminal as term;
use crate::Analysis;
use crate::rules::{EventGroup, Finding, Severity};
use crate::story::Rejected;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of `crosscheck check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
    Junit,
    Github,
    Markdown,
    Html,
}

impl CheckFormat {
    /// The report shows per-event tables of every measured claim (so a
    /// batch check must keep them: [`crate::batch::Options::tables`]).
    pub fn shows_tables(self) -> bool {
        matches!(
            self,
            CheckFormat::Human | CheckFormat::Markdown | CheckFormat::Html
        )
    }
}

/// Which per-event tables a report for people shows (`--tables`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tables {
    /// No table.
    None,
    /// Only the measures on which outlets disagree (the terminal's default).
    Disagreements,
    /// Every measure (the default of Markdown and HTML).
    All,
}

/// How one outlet stands on one measure, in a per-event table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// One of its figures disagrees with another outlet's.
    Differs,
    /// Its figures were compared with another outlet's and agree.
    Agrees,
    /// Its figures could be compared, but no other outlet gives one.
    OnlyOne,
    /// None of its figures takes part in a comparison (inferred, a
    /// sub-group, background, ...).
    NotCompared,
}

impl Mark {
    /// The mark in words, for every format.
    pub fn text(self) -> &'static str {
        match self {
            Mark::Differs => "✗ differs",
            Mark::Agrees => "✓ agrees",
            Mark::OnlyOne => "· only one outlet",
            Mark::NotCompared => "· not compared",
        }
    }

    /// A class name for HTML.
    pub fn class(self) -> &'static str {
        match self {
            Mark::Differs => "differs",
            Mark::Agrees => "agrees",
            Mark::OnlyOne | Mark::NotCompared => "alone",
        }
    }
}

/// Why a claim takes no part in comparisons, if it does not: only a
/// figure bound by a clause pattern, and not set apart, is compared.
pub fn not_compared(c: &crate::extract::frame::Claim) -> Option<&'static str> {
    if crate::rules::figure::eligible(c) {
        None
    } else if c.bound.is_none() {
        Some("inferred")
    } else if c.subgroup {
        Some("a sub-group")
    } else if c.background {
        Some("background")
    } else if c.perpetrator {
        Some("with the attacker")
    } else if c.superseded {
        Some("superseded")
    } else if c.additional {
        Some("added to another")
    } else {
        Some("one person")
    }
}

/// The mark of story `s`, whose claims of measure `m` are `ks`.
pub fn mark(analyses: &[Analysis], m: &crate::rules::Measure, s: usize, ks: &[usize]) -> Mark {
    let compared = |s: usize, ks: &[usize]| {
        ks.iter()
            .any(|&k| not_compared(&analyses[s].claims[k]).is_none())
    };
    if ks.iter().any(|&k| m.conflicting.contains(&(s, k))) {
        Mark::Differs
    } else if !compared(s, ks) {
        Mark::NotCompared
    } else if m.cells.iter().any(|(o, oks)| *o != s && compared(*o, oks)) {
        Mark::Agrees
    } else {
        Mark::OnlyOne
    }
}

/// The people of an event a report shows with `tables`: those two outlets
/// disagree on, or all.
pub fn people_shown(
    g: &crate::rules::EventGroup,
    tables: Tables,
) -> impl Iterator<Item = &crate::rules::person::PersonRow> {
    g.people.iter().filter(move |p| match tables {
        Tables::None => false,
        Tables::Disagreements => p.differs,
        Tables::All => true,
    })
}

/// The measures of an event a report shows with `tables`.
pub fn measures_shown(
    g: &EventGroup,
    tables: Tables,
) -> impl Iterator<Item = &crate::rules::Measure> {
    g.measures.iter().filter(move |m| match tables {
        Tables::None => false,
        Tables::Disagreements => !m.conflicting.is_empty(),
        Tables::All => true,
    })
}

/// One emitter per format: each writes a whole report to `w`.
pub trait Emitter {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, color: bool) -> io::Result<()>;
}

struct Human;
struct Json;
struct Jsonl;
struct Sarif;
struct Junit;
struct Github;
struct Markdown;
struct Html;

impl Emitter for Html {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        super::html::write(w, r)
    }
}

impl Emitter for Human {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, color: bool) -> io::Result<()> {
        human(w, r, color)
    }
}

impl Emitter for Json {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        json(w, r)
    }
}

impl Emitter for Jsonl {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        jsonl(w, r)
    }
}

impl Emitter for Sarif {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        super::ci::sarif(w, r)
    }
}

impl Emitter for Junit {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        super::ci::junit(w, r)
    }
}

impl Emitter for Github {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        super::ci::github(w, r)
    }
}

impl Emitter for Markdown {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        super::ci::markdown(w, r)
    }
}

/// The emitter of a format.
pub fn emitter(format: CheckFormat) -> &'static dyn Emitter {
    match format {
        CheckFormat::Human => &Human,
        CheckFormat::Json => &Json,
        CheckFormat::Jsonl => &Jsonl,
        CheckFormat::Sarif => &Sarif,
        CheckFormat::Junit => &Junit,
        CheckFormat::Github => &Github,
        CheckFormat::Markdown => &Markdown,
        CheckFormat::Html => &Html,
    }
}

/// What a check run produced, ready for any emitter.
#[derive(Debug)]
pub struct CheckReport<'a> {
    pub analyses: &'a [Analysis],
    pub rejected: &'a [Rejected],
    pub events: &'a [EventGroup],
    /// All findings, whatever their level.
    pub findings: &'a [Finding],
    /// Findings below this are not shown.
    pub min_level: Severity,
    /// The rules in force (SARIF lists them; JUnit has a case for each).
    pub rules: &'a [crate::rules::Rule],
    /// What fails the run (JUnit marks those cases failed).
    pub fail_on: Option<Severity>,
    /// Every evidence of a finding in the reports for people, not only
    /// the odd one out and one counterpart (JSON and SARIF always have
    /// them all).
    pub verbose: bool,
    /// The per-event tables (`None`: the format's default).
    pub tables: Option<Tables>,
    /// When the run happened (`2026-12-05T03:11:00`, UTC), for the JUnit
    /// suites' timestamp; `None`: the newest publication date of a suite,
    /// so that the report depends on its input alone.
    pub run_at: Option<String>,
}

impl CheckReport<'_> {
    pub(crate) fn shown(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity >= self.min_level)
    }

    /// The evidence a report for people shows of `f`, in order, and the
    /// rest ([`compact_evidence`]; all of it with `verbose`).
    pub(crate) fn evidence<'f>(
        &self,
        f: &'f Finding,
    ) -> (
        Vec<&'f crate::rules::Evidence>,
        Vec<&'f crate::rules::Evidence>,
    ) {
        if self.verbose {
            (f.evidence.iter().collect(), Vec::new())
        } else {
            compact_evidence(self.analyses, f)
        }
    }
}

/// The odd one out (the primary evidence) and one counterpart: of the
/// others, the one that says what most of them say (the same interval, or
/// the same words), the first in order on a tie. The rest come second:
/// one outlier among ten outlets is two excerpts and "and 8 more", not ten.
pub fn compact_evidence<'f>(
    analyses: &[Analysis],
    f: &'f Finding,
) -> (
    Vec<&'f crate::rules::Evidence>,
    Vec<&'f crate::rules::Evidence>,
) {
    let others: Vec<&crate::rules::Evidence> = f.evidence.iter().filter(|e| !e.primary).collect();
    if others.len() <= 1 || f.evidence.iter().all(|e| !e.primary) {
        return (f.evidence.iter().collect(), Vec::new());
    }
    let says = |e: &crate::rules::Evidence| {
        let a = &analyses[e.story];
        match e.claim {
            Some(k) => crate::notation::interval_text(&a.claims[k].quantity),
            None => a.story.slice(e.span.clone()).to_lowercase(),
        }
    };
    let keys: Vec<String> = others.iter().map(|e| says(e)).collect();
    let mut best = 0;
    let mut best_n = 0;
    for (i, k) in keys.iter().enumerate() {
        let n = keys.iter().filter(|x| *x == k).count();
        if n > best_n {
            (best, best_n) = (i, n);
        }
    }
    let counterpart = others[best];
    let (shown, rest): (Vec<_>, Vec<_>) = f
        .evidence
        .iter()
        .partition(|e| e.primary || std::ptr::eq(*e, counterpart));
    (shown, rest)
}

/// "and 3 more: Harbour Herald, River Gazette, Wire Service" for the
/// evidence a report leaves out; the outlets are made safe by `safe`.
pub(crate) fn more_note(
    analyses: &[Analysis],
    rest: &[&crate::rules::Evidence],
    safe: impl Fn(&str) -> String,
) -> Option<String> {
    const NAMED: usize = 6;
    if rest.is_empty() {
        return None;
    }
    let mut outlets: Vec<&str> = rest
        .iter()
        .map(|e| analyses[e.story].story.outlet.as_str())
        .collect();
    outlets.dedup();
    let mut names: Vec<String> = outlets.iter().take(NAMED).map(|o| safe(o)).collect();
    if outlets.len() > NAMED {
        names.push(format!("{} others", outlets.len() - NAMED));
    }
    Some(format!(
        "and {} more: {} (--verbose shows them)",
        rest.len(),
        names.join(", ")
    ))
}

#[derive(Debug, Serialize)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Debug, Serialize)]
struct Summary {
    stories: usize,
    checked: usize,
    rejected: usize,
    events: usize,
    findings: Counts,
}

#[derive(Debug, Serialize)]
struct StoryRow<'a> {
    id: &'a str,
    outlet: Option<&'a str>,
    path: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

#[derive(Debug, Serialize)]
struct EvidenceOut {
    story: String,
    outlet: String,
    path: String,
    line: usize,
    column: usize,
    span: [usize; 2],
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<QuantityOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    primary: bool,
}

#[derive(Debug, Serialize)]
struct DiffPart {
    op: &'static str,
    text: String,
}

#[derive(Debug, Serialize)]
struct FindingOut {
    rule: String,
    kind: &'static str,
    severity: &'static str,
    event: String,
    title: String,
    message: String,
    evidence: Vec<EvidenceOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<Vec<DiffPart>>,
}

/// A word diff for the terminal: coloured, or `[-old-]{+new+}` without
/// colour. The words are story text: their control characters are shown,
/// not obeyed ([`super::escape::terminal`]).
pub fn render_diff(parts: &[(crate::quote::diff::Op, String)], color: bool) -> String {
    use crate::quote::diff::Op;
    let mut out = String::new();
    for (op, text) in parts {
        if !out.is_empty() {
            out.push(' ');
        }
        let text = super::escape::terminal(text);
        match (op, color) {
            (Op::Equal, _) => out.push_str(&text),
            (Op::Delete, true) => out.push_str(&format!("\x1b[31;9m{text}\x1b[0m")),
            (Op::Insert, true) => out.push_str(&format!("\x1b[32;4m{text}\x1b[0m")),
            (Op::Delete, false) => out.push_str(&format!("[-{text}-]")),
            (Op::Insert, false) => out.push_str(&format!("{{+{text}+}}")),
        }
    }
    out
}

#[derive(Debug, Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    stories: Rows<'a>,
    /// Events found from content (`--group-by auto`), with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<GroupOut>,
    findings: FindingRows<'a>,
}

/// The shown findings, each made as it is written (a finding of a big
/// event cites thousands of stories).
#[derive(Debug)]
struct FindingRows<'a>(&'a CheckReport<'a>);

impl FindingRows<'_> {
    fn iter(&self) -> impl Iterator<Item = FindingOut> + '_ {
        self.0.shown().map(|f| finding_out(self.0.analyses, f))
    }
}

impl Serialize for FindingRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[derive(Debug, Serialize)]
struct GroupOut {
    event: String,
    stories: Vec<String>,
    reason: String,
}

fn counts<'a>(fs: impl Iterator<Item = &'a Finding>) -> Counts {
    let mut c = Counts {
        error: 0,
        warning: 0,
        info: 0,
    };
    for f in fs {
        match f.severity {
            Severity::Error => c.error += 1,
            Severity::Warning => c.warning += 1,
            Severity::Info => c.info += 1,
        }
    }
    c
}

fn kind_str(k: crate::rules::Kind) -> &'static str {
    match k {
        crate::rules::Kind::Figure => "figure",
        crate::rules::Kind::Date => "date",
        crate::rules::Kind::Lint => "lint",
        crate::rules::Kind::Quote => "quote",
        crate::rules::Kind::Person => "person",
    }
}

fn evidence_out(analyses: &[Analysis], e: &crate::rules::Evidence) -> EvidenceOut {
    let a = &analyses[e.story];
    let pos = a.story.position(e.span.start);
    let claim = e.claim.map(|k| &a.claims[k]);
    EvidenceOut {
        story: a.story.id.clone(),
        outlet: a.story.outlet.clone(),
        path: a.story.path.clone(),
        line: pos.line,
        column: pos.column,
        span: [e.span.start, e.span.end],
        text: a.story.slice(e.span.clone()).to_string(),
        quantity: claim.map(|c| QuantityOut::new(&c.quantity, a.story.slice(c.value_span.clone()))),
        source: claim.and_then(|c| c.source.clone()),
        primary: e.primary,
    }
}

fn json(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &document(r))?;
    writeln!(w)
}

/// One JSON object a line: each story, then each finding.
fn jsonl(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let doc = document(r);
    for s in doc.stories.iter() {
        serde_json::to_writer(&mut *w, &serde_json::json!({"type": "story", "story": s}))?;
        writeln!(w)?;
    }
    for f in doc.findings.iter() {
        serde_json::to_writer(
            &mut *w,
            &serde_json::json!({"type": "finding", "finding": f}),
        )?;
        writeln!(w)?;
    }
    serde_json::to_writer(
        &mut *w,
        &serde_json::json!({"type": "summary", "version": doc.version, "summary": doc.summary}),
    )?;
    writeln!(w)
}

/// The story rows, checked and rejected, in (path, id, line) order, made
/// as they are written: a big batch's rows are never all held at once.
#[derive(Debug)]
struct Rows<'a> {
    analyses: &'a [Analysis],
    rejected: &'a [Rejected],
    events: &'a [EventGroup],
    /// Per checked story, its event's index in `events` (`u32::MAX`: none);
    /// four bytes a story, for batches of 100,000.
    event_of: Vec<u32>,
    /// Below `analyses.len()` a checked story, above a rejected input.
    order: Vec<u32>,
}

impl<'a> Rows<'a> {
    fn new(r: &CheckReport<'a>) -> Self {
        let mut event_of: Vec<u32> = vec![u32::MAX; r.analyses.len()];
        for (e, g) in r.events.iter().enumerate() {
            for &s in &g.stories {
                event_of[s] = u32::try_from(e).unwrap_or(u32::MAX);
            }
        }
        let mut rows = Rows {
            analyses: r.analyses,
            rejected: r.rejected,
            event_of,
            events: r.events,
            order: (0..r.analyses.len() + r.rejected.len())
                .map(|k| u32::try_from(k).expect("fewer than 2^32 stories"))
                .collect(),
        };
        // rejected inputs among them as in every other report
        let key = |k: usize| match rows.analyses.get(k) {
            Some(a) => super::checked_key(a),
            None => super::rejected_key(&rows.rejected[k - rows.analyses.len()]),
        };
        let mut order = std::mem::take(&mut rows.order);
        // the index breaks ties: the order of a stable sort, without its buffer
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            key(a).cmp(&key(b)).then(a.cmp(&b))
        });
        rows.order = order;
        rows
    }

    fn row(&self, k: usize) -> StoryRow<'a> {
        match self.analyses.get(k) {
            Some(a) => StoryRow {
                id: &a.story.id,
                outlet: Some(&a.story.outlet),
                path: &a.story.path,
                status: "checked",
                event: self
                    .events
                    .get(self.event_of[k] as usize)
                    .map(|g| g.event.as_str()),
                reason: None,
                line: None,
                column: None,
            },
            None => {
                let x = &self.rejected[k - self.analyses.len()];
                StoryRow {
                    id: &x.path,
                    outlet: None,
                    path: &x.path,
                    status: "rejected",
                    event: None,
                    reason: Some(&x.reason),
                    line: x.line,
                    column: x.column,
                }
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = StoryRow<'a>> + '_ {
        self.order.iter().map(|&k| self.row(k as usize))
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

fn document<'a>(r: &'a CheckReport<'a>) -> Document<'a> {
    let stories = Rows::new(r);
    Document {
        version: super::JSON_VERSION,
        summary: Summary {
            stories: r.analyses.len() + r.rejected.len(),
            checked: r.analyses.len(),
            rejected: r.rejected.len(),
            events: r.events.len(),
            findings: counts(r.shown()),
        },
        stories,
        groups: r
            .events
            .iter()
            .filter_map(|g| {
                Some(GroupOut {
                    event: g.event.clone(),
                    stories: g
                        .stories
                        .iter()
                        .map(|&s| r.analyses[s].story.id.clone())
                        .collect(),
                    reason: g.reason.clone()?,
                })
            })
            .collect(),
        findings: FindingRows(r),
    }
}

fn finding_out(analyses: &[Analysis], f: &Finding) -> FindingOut {
    FindingOut {
        rule: f.rule.clone(),
        kind: kind_str(f.kind),
        severity: f.severity.as_str(),
        event: f.event.clone(),
        title: f.title.clone(),
        message: f.message.clone(),
        evidence: f
            .evidence
            .iter()
            .map(|e| evidence_out(analyses, e))
            .collect(),
        diff: f.diff.as_ref().map(|d| {
            d.parts
                .iter()
                .map(|(op, text)| DiffPart {
                    op: op.as_str(),
                    text: text.clone(),
                })
                .collect()
        }),
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn human(w: &mut dyn Write, r: &CheckReport<'_>, color: bool) -> io::Result<()> {
    human_windowed(w, r, color, super::snippet::LONG_LINE)
}

/// annotate-snippets shows C0 controls and bidi overrides in a source
/// line as visible characters but passes C1 controls (U+009B is CSI to many
/// terminals): replace those too, moving the span `start..end` with them.
fn without_c1(
    line: std::borrow::Cow<'_, str>,
    start: usize,
    end: usize,
) -> (std::borrow::Cow<'_, str>, usize, usize) {
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !line.chars().any(c1) {
        return (line, start, end);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let (mut s, mut e) = (None, None);
    for (i, c) in line.char_indices() {
        if s.is_none() && i >= start {
            s = Some(out.len());
        }
        if e.is_none() && i >= end {
            e = Some(out.len());
        }
        out.push(if c1(c) { '\u{fffd}' } else { c });
    }
    let (s, e) = (s.unwrap_or(out.len()), e.unwrap_or(out.len()));
    (std::borrow::Cow::Owned(out), s, e.max(s))
}

/// The human report, with snippet lines longer than `long` bytes windowed.
fn human_windowed(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    color: bool,
    long: usize,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for f in r.shown() {
        let title = format!("{} [{}]", term(&f.title), term(&f.rule));
        // each evidence's line, shifted so the column is the file's own
        // (HTML markup and JSON escapes are not in the story text); a long
        // one is a window around the figure (see `snippet`)
        let (evidence, rest) = r.evidence(f);
        let mut shown = Vec::with_capacity(evidence.len());
        for e in evidence {
            let a = &r.analyses[e.story];
            let pos = a.story.position(e.span.start);
            let (from, line) = a.story.line_at(e.span.start);
            let claim = e.claim.map(|k| &a.claims[k]);
            let label = match claim.and_then(|c| c.source.as_deref()) {
                Some(src) => format!("{} ({})", term(&a.story.outlet), term(src)),
                None => term(&a.story.outlet).into_owned(),
            };
            let line = super::snippet::line(
                &a.story,
                line,
                from,
                e.span.clone(),
                pos.column,
                label.chars().count(),
                long,
            );
            shown.push((e, pos, line, label));
        }
        let why = super::explain::explain(f, r.rules);
        let notes = [
            Some(format!("why: {}", term(&why.what))),
            Some(term(&why.level).into_owned()),
            f.diff
                .as_ref()
                .map(|d| format!("words: {}", render_diff(&d.parts, color))),
            more_note(r.analyses, &rest, |o| term(o).into_owned()),
            Some(format!("event: {}", term(&f.event))),
        ];
        // a window's header column is put right after rendering: every
        // path of the group then carries a marker to find the headers by
        let windowed = shown.iter().any(|s| s.2.window);
        let marker = if windowed {
            let texts: Vec<&str> = shown
                .iter()
                .flat_map(|(e, _, line, label)| {
                    [
                        line.text.as_ref(),
                        label.as_str(),
                        r.analyses[e.story].story.path.as_str(),
                    ]
                })
                .chain([title.as_str()])
                .chain(notes.iter().flatten().map(String::as_str))
                .collect();
            super::snippet::marker(&texts)
        } else {
            String::new()
        };
        let mut group = Group::with_title(level(f.severity).primary_title(title.clone()));
        // C1 controls out of the source lines, the spans moved with them
        let cleaned: Vec<(std::borrow::Cow<'_, str>, usize, usize)> = shown
            .iter()
            .map(|(e, _, line, _)| {
                let start = e.span.start.wrapping_sub(line.origin);
                let end = e
                    .span
                    .end
                    .wrapping_sub(line.origin)
                    .min(line.text.len())
                    .max(start + 1)
                    .min(line.text.len().max(start));
                without_c1(std::borrow::Cow::Borrowed(line.text.as_ref()), start, end)
            })
            .collect();
        for ((e, pos, _, label), (text, start, end)) in shown.iter().zip(&cleaned) {
            let (start, end) = (*start, *end);
            let a = &r.analyses[e.story];
            let kind = if e.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            // a headline from front matter sits on its own line of the file
            let line_no = pos.line;
            group = group.element(
                Snippet::source(text.as_ref())
                    .line_start(line_no)
                    .path(format!("{}{marker}", term(&a.story.path)))
                    .annotation(kind.span(start..end).label(label.as_str())),
            );
        }
        for note in notes.into_iter().flatten() {
            group = group.element(Level::NOTE.message(note));
        }
        let rendered = renderer.render(&[group]);
        if windowed {
            let columns: Vec<Option<usize>> = shown
                .iter()
                .map(|(_, pos, line, _)| line.window.then_some(pos.column))
                .collect();
            writeln!(
                w,
                "{}",
                super::snippet::fix_headers(&rendered, &marker, &columns)
            )?;
        } else {
            writeln!(w, "{rendered}")?;
        }
        writeln!(w)?;
    }
    for x in super::rejected_in_order(r.rejected) {
        writeln!(w, "rejected: {}", term(&x.to_string()))?;
    }
    tables(w, r, color)?;
    let c = counts(r.findings.iter());
    let shown = counts(r.shown());
    let hidden = (c.error + c.warning + c.info) - (shown.error + shown.warning + shown.info);
    writeln!(
        w,
        "{} error{}, {} warning{}, {} info in {} event{} ({} stories checked, {} rejected){}",
        c.error,
        if c.error == 1 { "" } else { "s" },
        c.warning,
        if c.warning == 1 { "" } else { "s" },
        c.info,
        r.events.len(),
        if r.events.len() == 1 { "" } else { "s" },
        r.analyses.len(),
        r.rejected.len(),
        if hidden > 0 {
            format!("; {hidden} below --min-level not shown")
        } else {
            String::new()
        }
    )
}

/// A claim's interval in short notation (see [`crate::notation::interval_text`]).
pub fn interval(c: &crate::extract::frame::Claim) -> String {
    crate::notation::interval_text(&c.quantity)
}

/// Per event: each measure and what each outlet says about it, in
/// aligned columns; by default only the measures on which outlets
/// disagree.
fn tables(w: &mut dyn Write, r: &CheckReport<'_>, color: bool) -> io::Result<()> {
    let (bold, dim, red, green, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let which = r.tables.unwrap_or(Tables::Disagreements);
    let mut quiet = 0;
    for g in r.events {
        if which == Tables::None {
            break;
        }
        let measures: Vec<&crate::rules::Measure> = measures_shown(g, which).collect();
        let people: Vec<&crate::rules::person::PersonRow> = people_shown(g, which).collect();
        if measures.is_empty() && people.is_empty() && which == Tables::Disagreements {
            quiet += 1;
            continue;
        }
        let outlets: Vec<std::borrow::Cow<'_, str>> = g
            .stories
            .iter()
            .map(|&s| term(&r.analyses[s].story.outlet))
            .collect();
        writeln!(
            w,
            "{bold}event {}{reset} {dim}— {} stories: {}{reset}",
            term(&g.event),
            g.stories.len(),
            outlets.join(", ")
        )?;
        if let Some(why) = &g.reason {
            writeln!(w, "  {dim}grouped: {}{reset}", term(why))?;
        }
        // the widest outlet of the event's tables, up to a point
        let width = measures
            .iter()
            .flat_map(|m| &m.cells)
            .map(|(s, _)| term(&r.analyses[*s].story.outlet).chars().count())
            .max()
            .unwrap_or(0)
            .min(32);
        let mark_width = Mark::OnlyOne.text().chars().count();
        for m in measures {
            writeln!(
                w,
                "  {bold}{}{reset} {dim}[{}]{reset}",
                term(&super::measure_name(&m.title)),
                term(&m.rule)
            )?;
            for (s, ks) in &m.cells {
                let a = &r.analyses[*s];
                let parts: Vec<String> = ks
                    .iter()
                    .map(|&k| {
                        let c = &a.claims[k];
                        let text = term(a.story.slice(c.surface()));
                        let src = c
                            .source
                            .as_deref()
                            .map(|x| format!(", {}", term(x)))
                            .unwrap_or_default();
                        let apart = not_compared(c)
                            .map(|why| format!(", not compared: {why}"))
                            .unwrap_or_default();
                        format!(
                            "\u{201c}{text}\u{201d} {dim}{}{src}{apart}{reset}",
                            interval(c)
                        )
                    })
                    .collect();
                let m = mark(r.analyses, m, *s, ks);
                let colour = match m {
                    Mark::Differs => red,
                    Mark::Agrees => green,
                    Mark::OnlyOne | Mark::NotCompared => dim,
                };
                let outlet = term(&a.story.outlet);
                let pad = width.saturating_sub(outlet.chars().count());
                writeln!(
                    w,
                    "    {colour}{:<mark_width$}{reset}  {outlet}{:pad$}  {}",
                    m.text(),
                    "",
                    parts.join("; ")
                )?;
            }
        }
        if !people.is_empty() {
            writeln!(w, "  {bold}People{reset} {dim}[person-facts]{reset}")?;
        }
        for p in people {
            let role = p.role.map(|r| format!(", {r}")).unwrap_or_default();
            let (colour, mark) = if p.differs {
                (red, "✗ differs")
            } else if p.cells.len() < 2 {
                (dim, "· only one outlet")
            } else {
                (green, "✓ agrees")
            };
            writeln!(
                w,
                "    {colour}{mark}{reset}  {bold}{}{reset}{dim}{role}{reset}",
                term(&p.name)
            )?;
            let pwidth = p
                .cells
                .iter()
                .map(|(s, _, _)| term(&r.analyses[*s].story.outlet).chars().count())
                .max()
                .unwrap_or(0)
                .min(32);
            for (s, name, age) in &p.cells {
                let outlet = term(&r.analyses[*s].story.outlet);
                let pad = pwidth.saturating_sub(outlet.chars().count());
                writeln!(w, "      {outlet}{:pad$}  {}, {age}", "", term(name))?;
            }
        }
        writeln!(w)?;
    }
    if quiet > 0 {
        writeln!(
            w,
            "{dim}{quiet} event{} with no disagreement in its tables (--tables all shows them){reset}\n",
            if quiet == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// Write a check report in `format`.
pub fn write(
    w: &mut dyn Write,
    format: CheckFormat,
    r: &CheckReport<'_>,
    color: bool,
) -> io::Result<()> {
    emitter(format).emit(w, r, color)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Check stories given as (file name, bytes) as `check` does (one
    /// event, compacted) and render the human report with lines longer
    /// than `long` bytes windowed.
    fn human_report<const N: usize>(
        files: &[(&str, String)],
        color: bool,
        longs: [usize; N],
    ) -> [String; N] {
        let rules = crate::rules::defaults().unwrap();
        let mut analyses = Vec::new();
        for (name, body) in files {
            let b = crate::story::from_bytes(name, body.as_bytes());
            assert!(b.rejected.is_empty(), "{:?}", b.rejected);
            analyses.extend(b.stories.into_iter().map(crate::analyse));
        }
        let planned = crate::group::Planned {
            event: "e".to_string(),
            stories: (0..analyses.len()).collect(),
            reason: None,
        };
        let (group, findings) = crate::rules::engine::check_event(&analyses, planned, &rules);
        let mut spans = vec![Vec::new(); analyses.len()];
        for f in &findings {
            for e in &f.evidence {
                spans[e.story].push(e.span.clone());
            }
        }
        // every claim kept (the tables cite them; their numbers stay), the
        // text cut to the cited lines as `check` cuts it
        let analyses: Vec<Analysis> = analyses
            .into_iter()
            .zip(&spans)
            .map(|(a, s)| {
                let keep: Vec<usize> = (0..a.claims.len()).collect();
                crate::batch::compact(a, &keep, s).0
            })
            .collect();
        let report = CheckReport {
            analyses: &analyses,
            rejected: &[],
            events: std::slice::from_ref(&group),
            findings: &findings,
            min_level: Severity::Info,
            rules: &rules,
            fail_on: None,
            verbose: false,
            tables: Some(Tables::All),
            run_at: None,
        };
        longs.map(|long| {
            let mut out = Vec::new();
            human_windowed(&mut out, &report, color, long).unwrap();
            String::from_utf8(out).unwrap()
        })
    }

    /// A story of one long line and a page on one line, with figures
    /// (dangling quantifiers) among long words, runs of white space, wide
    /// and multi-byte characters: the windowed report is the whole-line
    /// report, byte for byte.
    #[test]
    fn a_window_shows_what_the_whole_line_shows() {
        use proptest::prelude::*;
        let piece = prop_oneof![
            4 => "[a-z]{1,12}",
            1 => "[a-zé中😀]{1,30}",
            1 => " {1,200}",
            1 => "[ \t]{1,6}",
            2 => Just("at least people were killed".to_string()),
        ];
        let config = ProptestConfig {
            cases: 24,
            ..ProptestConfig::default()
        };
        let mut runner = proptest::test_runner::TestRunner::new(config);
        runner
            .run(
                &(
                    prop::collection::vec(piece, 100..400),
                    "[A-Za-z ]{0,60}",
                    any::<bool>(),
                ),
                |(pieces, outlet, color)| {
                    let line = pieces.join(" ");
                    let txt = format!("---\noutlet: {outlet:?}\n---\n{line}. \n");
                    let items: String = pieces
                        .chunks(7)
                        .map(|c| {
                            ["<li>", &c.join(" "), ".</li><p>", &c.join("&amp;"), ".</p>"].concat()
                        })
                        .collect();
                    let html =
                        format!("<html><body><article><ul>{items}</ul></article></body></html>");
                    let files = [("a.txt", txt), ("b.html", html)];
                    let [windowed, long, whole] =
                        human_report(&files, color, [0, 1000, usize::MAX]);
                    prop_assert!(whole.contains("..."), "no line was long enough to cut");
                    prop_assert_eq!(&windowed, &whole);
                    prop_assert_eq!(&long, &whole);
                    Ok(())
                },
            )
            .unwrap();
    }

    /// A window that would start in a long run of white space before the
    /// figure starts before the run: annotate-snippets would take the run
    /// for the line's indentation.
    #[test]
    fn a_window_starts_before_white_space() {
        for (run, tail) in [(600, 0), (2000, 0), (600, 3000), (530, 10)] {
            let line = format!(
                "{}{}at least people were killed in town.{}",
                "word ".repeat(300),
                " ".repeat(run),
                " more".repeat(tail)
            );
            let indented = format!("{}{}", " ".repeat(run), line);
            for body in [line, indented] {
                let files = [("a.txt", body)];
                let [windowed, whole] = human_report(&files, false, [0, usize::MAX]);
                assert!(whole.contains("at least"), "{whole}");
                assert_eq!(windowed, whole, "run of {run}");
            }
        }
    }
}
