//! Report: findings and analyses into bytes. Only this module and the
//! CLI format output.
//!
//! The shared model is here: a [`CheckReport`] (what a check produced,
//! what to show of it), the per-event tables' marks, which evidence a
//! report for people shows, and the [`Emitter`] trait every format
//! implements. Each output format of `check` has a file of its own: human
//! (the terminal, with annotate-snippets), json (JSON and JSON Lines),
//! sarif, junit, github (workflow commands), markdown and html. The views
//! of the other commands sit beside them: [`claims`] and [`diff`] (which
//! borrow the formats' pieces, never the other way round). [`explain`]
//! says why a finding has its level, [`escape`] makes story text safe for
//! each output, `chart` and `snippet` serve the HTML and terminal
//! formats. Every emitter writes to `impl Write`, so tests capture output
//! as strings.

mod chart;
pub mod claims;
pub mod diff;
pub mod escape;
pub(crate) mod explain;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod markdown;
pub mod rules;
mod sarif;
mod snippet;

/// Version of the JSON contracts (`claims` and `check`). 2: a claim's
/// (and a dangling quantifier's) "what happened" is `happened`, no longer
/// `event`, which is the story's event alone.
pub(crate) const JSON_VERSION: u32 = 2;

use crate::Analysis;
use crate::rules::{EventGroup, Evidence, Finding, Measure, Rule, Severity};
use crate::story::Rejected;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// The one order of rejected inputs in every report and on standard
/// error: by path, then line (then column and reason, so that two at one
/// place do not fall back to the order of the arguments).
pub fn rejected_order(a: &Rejected, b: &Rejected) -> std::cmp::Ordering {
    (&a.path, a.line, a.column, &a.reason).cmp(&(&b.path, b.line, b.column, &b.reason))
}

/// Where a story or a rejected input stands in the reports that list both
/// (JSON, JSON Lines, JUnit, claims): path, id (a rejected input's is its
/// path), then a rejected input's line, column and reason.
pub(crate) type StoryKey<'a> = (&'a str, &'a str, Option<usize>, Option<usize>, &'a str);

pub(crate) fn checked_key(a: &Analysis) -> StoryKey<'_> {
    (&a.story.path, &a.story.id, None, None, "")
}

pub(crate) fn rejected_key(x: &Rejected) -> StoryKey<'_> {
    (&x.path, &x.path, x.line, x.column, &x.reason)
}

/// Rejected inputs in [`rejected_order`].
pub(crate) fn rejected_in_order(rejected: &[Rejected]) -> Vec<&Rejected> {
    let mut v: Vec<&Rejected> = rejected.iter().collect();
    v.sort_by(|a, b| rejected_order(a, b));
    v
}

/// A rule's title as the name of what it measures: "Death toll differs
/// between outlets" → "Death toll".
pub(crate) fn measure_name(title: &str) -> std::borrow::Cow<'_, str> {
    if let Some(m) = title.strip_suffix(" differs between outlets") {
        return m.into();
    }
    if let Some(m) = title.strip_suffix(" is dated differently between outlets") {
        return format!("Date of {}", m.to_lowercase()).into();
    }
    title.into()
}

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
    /// Each format by its name on the command line.
    pub const NAMES: [(&'static str, CheckFormat); 8] = [
        ("human", CheckFormat::Human),
        ("json", CheckFormat::Json),
        ("jsonl", CheckFormat::Jsonl),
        ("sarif", CheckFormat::Sarif),
        ("junit", CheckFormat::Junit),
        ("github", CheckFormat::Github),
        ("markdown", CheckFormat::Markdown),
        ("html", CheckFormat::Html),
    ];

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

impl Tables {
    /// Each choice by its name on the command line.
    pub const NAMES: [(&'static str, Tables); 3] = [
        ("none", Tables::None),
        ("disagreements", Tables::Disagreements),
        ("all", Tables::All),
    ];
}

/// How one outlet stands on one measure, in a per-event table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
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
    pub(crate) fn text(self) -> &'static str {
        match self {
            Mark::Differs => "✗ differs",
            Mark::Agrees => "✓ agrees",
            Mark::OnlyOne => "· only one outlet",
            Mark::NotCompared => "· not compared",
        }
    }

    /// A class name for HTML.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Mark::Differs => "differs",
            Mark::Agrees => "agrees",
            Mark::OnlyOne | Mark::NotCompared => "alone",
        }
    }
}

/// Why a claim takes no part in comparisons, if it does not: only a
/// figure bound by a clause pattern, and not set apart, is compared.
pub(crate) fn not_compared(c: &crate::extract::frame::Claim) -> Option<&'static str> {
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
pub(crate) fn mark(analyses: &[Analysis], m: &Measure, s: usize, ks: &[usize]) -> Mark {
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
pub(crate) fn people_shown(
    g: &EventGroup,
    tables: Tables,
) -> impl Iterator<Item = &crate::rules::person::PersonRow> {
    g.people.iter().filter(move |p| match tables {
        Tables::None => false,
        Tables::Disagreements => p.differs,
        Tables::All => true,
    })
}

/// The measures of an event a report shows with `tables`.
pub(crate) fn measures_shown(g: &EventGroup, tables: Tables) -> impl Iterator<Item = &Measure> {
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

/// The emitter of a format.
pub fn emitter(format: CheckFormat) -> &'static dyn Emitter {
    match format {
        CheckFormat::Human => &human::Human,
        CheckFormat::Json => &json::Json,
        CheckFormat::Jsonl => &json::Jsonl,
        CheckFormat::Sarif => &sarif::Sarif,
        CheckFormat::Junit => &junit::Junit,
        CheckFormat::Github => &github::Github,
        CheckFormat::Markdown => &markdown::Markdown,
        CheckFormat::Html => &html::Html,
    }
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
    pub rules: &'a [Rule],
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
    pub(crate) fn evidence<'f>(&self, f: &'f Finding) -> (Vec<&'f Evidence>, Vec<&'f Evidence>) {
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
pub(crate) fn compact_evidence<'f>(
    analyses: &[Analysis],
    f: &'f Finding,
) -> (Vec<&'f Evidence>, Vec<&'f Evidence>) {
    let others: Vec<&Evidence> = f.evidence.iter().filter(|e| !e.primary).collect();
    if others.len() <= 1 || f.evidence.iter().all(|e| !e.primary) {
        return (f.evidence.iter().collect(), Vec::new());
    }
    let says = |e: &Evidence| {
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
    rest: &[&Evidence],
    safe: impl Fn(&str) -> String,
) -> Option<String> {
    const NAMED: usize = 6;
    if rest.is_empty() {
        return None;
    }
    let mut outlets: Vec<&str> = rest
        .iter()
        .map(|e| &*analyses[e.story].story.outlet)
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

/// A piece of evidence in plain text, `Outlet: “the words”`, on one line
/// (SARIF, JUnit and Markdown quote evidence so).
fn evidence_text(r: &CheckReport<'_>, e: &Evidence) -> String {
    let a = &r.analyses[e.story];
    format!(
        "{}: \u{201c}{}\u{201d}",
        a.story.outlet,
        a.story.slice(e.span.clone()).replace('\n', " ")
    )
}

/// A word diff for the terminal: coloured, or `[-old-]{+new+}` without
/// colour. The words are story text: their control characters are shown,
/// not obeyed ([`escape::terminal`]). SARIF takes the plain form.
pub(crate) fn render_diff(parts: &[(crate::quote::diff::Op, String)], color: bool) -> String {
    use crate::quote::diff::Op;
    let mut out = String::new();
    for (op, text) in parts {
        if !out.is_empty() {
            out.push(' ');
        }
        let text = escape::terminal(text);
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

/// Findings by level (the JSON summary, the terminal's last line).
#[derive(Debug, Serialize)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
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

/// Tasks per thread in a window: the cores that finish first take more.
pub(crate) const TASKS_PER_THREAD: usize = 8;

/// Items `0..n`, `per_task` to a task, each appended to a buffer by `render`, written to `w` in
/// order: a window of items at a time is rendered on every core, then
/// written, so the bytes are those of rendering them one after another
/// on one thread (whatever the thread count), and a big report is never
/// held whole.
pub(crate) fn in_order(
    w: &mut dyn Write,
    (n, per_task): (usize, usize),
    render: &(dyn Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync),
) -> io::Result<()> {
    let window = per_task * TASKS_PER_THREAD * rayon::current_num_threads().max(1);
    for start in (0..n).step_by(window) {
        let end = (start + window).min(n);
        let done: Vec<io::Result<Vec<u8>>> = (start..end)
            .step_by(per_task)
            .collect::<Vec<usize>>()
            .into_par_iter()
            .map(|from| {
                let mut out = Vec::new();
                for i in from..(from + per_task).min(end) {
                    render(i, &mut out)?;
                }
                Ok(out)
            })
            .collect();
        for bytes in done {
            w.write_all(&bytes?)?;
        }
    }
    Ok(())
}
