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
/// A stable sort on every core: the same order as on one.
pub(crate) fn sort_findings(analyses: &[Analysis], findings: &mut [Finding]) {
    use rayon::slice::ParallelSliceMut;
    findings.par_sort_by(|a, b| finding_order(analyses, a, b));
}

pub(crate) fn story_order(analyses: &[Analysis], a: usize, b: usize) -> std::cmp::Ordering {
    let (x, y) = (&analyses[a].story, &analyses[b].story);
    (&x.path, &x.id).cmp(&(&y.path, &y.id))
}

/// The order of [`sort_findings`]. Its key borrows: at 1 GB of real news,
/// cloning four strings a comparison made the batch's last sort a tenth
/// of a second of one core (issue 21).
fn finding_order(analyses: &[Analysis], a: &Finding, b: &Finding) -> std::cmp::Ordering {
    order_key(analyses, a).cmp(&order_key(analyses, b))
}

/// Event, severity (most serious first), rule, then the first evidence's
/// story (path, id) and offset.
type OrderKey<'a> = (
    &'a str,
    std::cmp::Reverse<super::model::Severity>,
    &'a str,
    Option<(&'a str, &'a str, usize)>,
);

fn order_key<'a>(analyses: &'a [Analysis], f: &'a Finding) -> OrderKey<'a> {
    let e = f.evidence.first();
    (
        &f.event,
        std::cmp::Reverse(f.severity),
        &f.rule,
        e.map(|e| {
            let s = &analyses[e.story].story;
            (&*s.path, &*s.id, e.span.start)
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order before it borrowed: owned keys.
    fn finding_order_owned(analyses: &[Analysis], a: &Finding, b: &Finding) -> std::cmp::Ordering {
        let key = |f: &Finding| {
            let e = f.evidence.first();
            (
                f.event.clone(),
                std::cmp::Reverse(f.severity),
                f.rule.clone(),
                e.map(|e| {
                    (
                        analyses[e.story].story.path.to_string(),
                        analyses[e.story].story.id.clone(),
                        e.span.start,
                    )
                }),
            )
        };
        key(a).cmp(&key(b))
    }

    /// The findings of the example batch and of real news (when present),
    /// sorted on three threads, stand as a serial stable sort with owned
    /// keys puts them, from the reverse order too; and every pair compares
    /// as it did.
    #[test]
    fn findings_sort_as_with_owned_keys() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = vec![root.join("examples/batch").to_string_lossy().into_owned()];
        match std::fs::read_dir(root.join("../shared/realnews")) {
            Ok(dirs) => paths.extend(
                dirs.filter_map(Result::ok)
                    .map(|d| d.path().join("stories.jsonl"))
                    .filter(|p| p.is_file())
                    .map(|p| p.to_string_lossy().into_owned()),
            ),
            Err(_) => eprintln!("skipped: ../shared/realnews is missing"),
        }
        let rules = crate::rules::defaults().unwrap();
        let listing = crate::story::list(&paths, &mut std::io::empty());
        let o = crate::check_batch(listing, &rules, &crate::Settings::default(), &());
        let (analyses, findings) = (&o.analyses, &o.findings);
        assert!(findings.len() > 10, "{}", findings.len());
        for f in findings.iter().take(200) {
            for g in findings.iter().take(200) {
                assert_eq!(
                    finding_order(analyses, f, g),
                    finding_order_owned(analyses, f, g)
                );
            }
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        for start in [findings.clone(), findings.iter().rev().cloned().collect()] {
            let mut want = start.clone();
            want.sort_by(|a, b| finding_order_owned(analyses, a, b));
            let mut got = start;
            pool.install(|| sort_findings(analyses, &mut got));
            assert!(got == want);
        }
    }
}
