//! JSON, the contract in DESIGN.md (`{version, summary, stories,
//! findings}`), and JSON Lines (one object a line: each story, each
//! finding, then the summary). Big batches are written as they are
//! serialised: story rows and findings are made one at a time.

use super::claims::QuantityOut;
use super::{CheckReport, Counts, Emitter, counts};
use crate::Analysis;
use crate::rules::{EventGroup, Evidence, Finding};
use crate::story::Rejected;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// The JSON report.
#[derive(Debug)]
pub(super) struct Json;

/// The JSON Lines report.
#[derive(Debug)]
pub(super) struct Jsonl;

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

fn evidence_out(analyses: &[Analysis], e: &Evidence) -> EvidenceOut {
    let a = &analyses[e.story];
    let pos = a.story.position(e.span.start);
    let claim = e.claim.map(|k| &a.claims[k]);
    EvidenceOut {
        story: a.story.id.clone(),
        outlet: a.story.outlet.to_string(),
        path: a.story.path.to_string(),
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
        // the index breaks ties: the order of a stable sort, without its
        // buffer; a total order, so sorting on every core gives the same
        // order as on one
        order.par_sort_unstable_by(|&a, &b| {
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
                    .map(|g| &*g.event),
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
                    event: g.event.to_string(),
                    stories: g
                        .stories
                        .iter()
                        .map(|&s| r.analyses[s].story.id.clone())
                        .collect(),
                    reason: g.reason.as_deref()?.to_string(),
                })
            })
            .collect(),
        findings: FindingRows(r),
    }
}

fn finding_out(analyses: &[Analysis], f: &Finding) -> FindingOut {
    FindingOut {
        rule: f.rule.clone(),
        kind: f.kind.as_str(),
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
