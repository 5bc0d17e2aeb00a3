//! Two stories side by side, for `crosscheck diff`: which figures agree,
//! which differ, which stand in one story only, and how their quotations
//! compare word by word.

use super::engine::check;
use super::{Finding, Rule, RuleKind, Severity};
use crate::Analysis;
use crate::group::GroupBy;
use crate::quote::align::{Relation, Thresholds, align};
use crate::quote::diff::{QuoteDiff, compare_regions};

/// How the two stories stand on one measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowStatus {
    Agree,
    Differ,
    OnlyA,
    OnlyB,
}

/// One measure (a figure rule or the date of the event) in both stories.
#[derive(Debug, Clone)]
pub(crate) struct FigureRow {
    pub(crate) rule: String,
    pub(crate) title: String,
    /// Claim indices in story A and in story B.
    pub(crate) a: Vec<usize>,
    pub(crate) b: Vec<usize>,
    pub(crate) status: RowStatus,
    pub(crate) severity: Option<Severity>,
}

/// One remark quoted in both stories.
#[derive(Debug, Clone)]
pub(crate) struct QuoteRow {
    /// The quote in story A and in story B (indices into their quotes, as
    /// a range of one).
    pub(crate) a: std::ops::Range<usize>,
    pub(crate) b: std::ops::Range<usize>,
    pub(crate) speaker: Option<String>,
    pub(crate) misattributed: bool,
    pub(crate) diff: QuoteDiff,
}

/// The comparison of two stories.
#[derive(Debug, Clone)]
pub struct PairReport {
    pub(crate) figures: Vec<FigureRow>,
    pub(crate) quotes: Vec<QuoteRow>,
    /// The named people of both stories, with their ages.
    pub(crate) people: Vec<super::person::PersonRow>,
    /// Every finding of the rules over the two stories (lint included).
    pub findings: Vec<Finding>,
}

/// Compare story 0 (A) with story 1 (B) of `analyses` under `rules`.
pub(crate) fn compare_pair(analyses: &[Analysis], rules: &[Rule]) -> PairReport {
    let (events, findings) = check(analyses, rules, GroupBy::Batch);
    let mut figures = Vec::new();
    for m in events.iter().flat_map(|e| &e.measures) {
        let cell = |s: usize| {
            m.cells
                .iter()
                .find(|c| c.0 == s)
                .map(|c| c.1.clone())
                .unwrap_or_default()
        };
        let (a, b) = (cell(0), cell(1));
        let severity = findings
            .iter()
            .filter(|f| f.rule == m.rule)
            .map(|f| f.severity)
            .max();
        let status = match (a.is_empty(), b.is_empty()) {
            (false, true) => RowStatus::OnlyA,
            (true, false) => RowStatus::OnlyB,
            _ if severity.is_some() => RowStatus::Differ,
            _ => RowStatus::Agree,
        };
        figures.push(FigureRow {
            rule: m.rule.clone(),
            title: m.title.clone(),
            a,
            b,
            status,
            severity,
        });
    }
    let thresholds = rules
        .iter()
        .find_map(|r| match &r.kind {
            RuleKind::Quote(q) => Some(q.thresholds),
            _ => None,
        })
        .unwrap_or_default();
    let quotes = quote_rows(analyses, thresholds);
    let people = events.iter().flat_map(|e| e.people.clone()).collect();
    PairReport {
        figures,
        quotes,
        people,
        findings,
    }
}

fn quote_rows(analyses: &[Analysis], t: Thresholds) -> Vec<QuoteRow> {
    let mut refs = Vec::new();
    let mut cands = Vec::new();
    for (s, a) in analyses.iter().enumerate().take(2) {
        for (k, c) in crate::quote::align::candidates(a, s) {
            refs.push((s, k));
            cands.push(c);
        }
    }
    let all: Vec<&crate::quote::align::Candidate> = cands.iter().collect();
    let pairs = align(&all, t, |i, j| refs[i].0 != refs[j].0);
    // a quote is one remark with the quote of the other story that matches
    // the same words of it best, not with every one that shares its frame
    let overlaps =
        |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| a.start < b.end && b.start < a.end;
    let dominated = |p: &crate::quote::align::Pair| {
        pairs.iter().any(|q| {
            q.matched > p.matched
                && ((q.i == p.i && overlaps(&q.a, &p.a))
                    || (q.j == p.j && overlaps(&q.b, &p.b))
                    || (q.j == p.i && overlaps(&q.b, &p.a))
                    || (q.i == p.j && overlaps(&q.a, &p.b)))
        })
    };
    let kept: Vec<crate::quote::align::Pair> =
        pairs.iter().filter(|p| !dominated(p)).cloned().collect();
    let mut rows: Vec<QuoteRow> = kept
        .into_iter()
        .map(|p| {
            let ((i, ri), (j, rj)) = if refs[p.i].0 == 0 {
                ((p.i, p.a), (p.j, p.b))
            } else {
                ((p.j, p.b), (p.i, p.a))
            };
            let (qa, qb) = (
                &analyses[0].quotes[refs[i].1],
                &analyses[1].quotes[refs[j].1],
            );
            QuoteRow {
                a: refs[i].1..refs[i].1 + 1,
                b: refs[j].1..refs[j].1 + 1,
                speaker: qa.speaker.clone().or_else(|| qb.speaker.clone()),
                misattributed: p.relation == Relation::Misattributed,
                diff: compare_regions(&cands[i].words, ri, &cands[j].words, rj),
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.a.start, r.b.start));
    rows
}
