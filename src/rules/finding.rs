//! Findings: what the rules report, as data. A [`Finding`] is one
//! disagreement (or, for lint rules, one problem of one story) with the
//! [`Evidence`] it cites: a claim, a quantifier or a quotation, by story
//! and byte span, and the one order findings are reported in. Reports
//! turn them into text; nothing here formats.

use super::model::{Kind, Severity};
use crate::Analysis;
use std::ops::Range;

/// One claim, quantifier or sentence cited by a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index of the story in the analyses given to [`super::check`].
    pub story: usize,
    /// Index of the claim in that story, when the evidence is a claim.
    pub claim: Option<usize>,
    /// Byte span in the story's text.
    pub span: Range<usize>,
    /// The claim the others are compared against (most conflicts).
    pub primary: bool,
}

/// A disagreement (or, for lint rules, a problem in one story).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    pub event: String,
    pub title: String,
    pub message: String,
    pub evidence: Vec<Evidence>,
    /// For quote findings: the word diff from the version most outlets
    /// give to the odd one out, and what kind of difference it is.
    pub diff: Option<WordDiff>,
}

/// The word diff of a quote finding.
#[derive(Debug, Clone, PartialEq)]
pub struct WordDiff {
    pub parts: Vec<(crate::quote::diff::Op, String)>,
    /// The kinds of difference (`negation`, `word`, ...), most serious
    /// first; empty for a misattribution.
    pub classes: Vec<crate::quote::diff::Class>,
    /// The most serious, in an editor's words: `a negation is dropped:
    /// “not”`, `the same words are given to two speakers`.
    pub reason: String,
}

impl WordDiff {
    /// `negation: a negation is dropped: “not”`: the classes and the reason.
    pub(crate) fn why(&self) -> String {
        if self.classes.is_empty() {
            return self.reason.clone();
        }
        let names: Vec<&str> = self.classes.iter().map(|c| c.as_str()).collect();
        format!("{}: {}", names.join(", "), self.reason)
    }
}

/// Findings in report order: event, severity, rule, then where they are.
pub(crate) fn sort_findings(analyses: &[Analysis], findings: &mut [Finding]) {
    findings.sort_by(|a, b| finding_order(analyses, a, b));
}

pub(crate) fn story_order(analyses: &[Analysis], a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&analyses[a].story, &analyses[b].story);
    (&x.path, &x.id).cmp(&(&y.path, &y.id))
}

fn finding_order(analyses: &[Analysis], a: &Finding, b: &Finding) -> std::cmp::Ordering {
    let key = |f: &Finding| {
        let e = f.evidence.first();
        (
            f.event.clone(),
            std::cmp::Reverse(f.severity),
            f.rule.clone(),
            e.map(|e| {
                (
                    analyses[e.story].story.path.clone(),
                    analyses[e.story].story.id.clone(),
                    e.span.start,
                )
            }),
        )
    };
    key(a).cmp(&key(b))
}
