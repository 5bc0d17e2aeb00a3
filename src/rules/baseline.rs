//! Accepted findings (baselines) and suppressions (ignore comments).
//!
//! A finding's fingerprint is made of what it is about, not where it sits:
//! the rule, the event, the stories and the normalised values cited. A
//! baselined finding stays accepted when the text around it moves; a new
//! disagreement — another value, another story — is a new fingerprint.
//!
//! Stories opt out of rules with front matter `crosscheck-ignore: [rule]`
//! or a comment in the body, `<!-- crosscheck-ignore rule-id -->`. A
//! finding is dropped when any story it cites ignores its rule.

use super::Finding;
use crate::Analysis;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What a finding is about, independent of positions.
pub fn fingerprint(analyses: &[Analysis], f: &Finding) -> String {
    let mut parts: BTreeSet<String> = BTreeSet::new();
    for e in &f.evidence {
        let a = &analyses[e.story];
        let value = match e.claim.map(|k| &a.claims[k]) {
            Some(c) => format!(
                "{}:{}:{}:{}",
                c.quantity.unit, c.quantity.qualifier, c.stated.0, c.stated.1
            ),
            None => crate::quote::diff::normalize(a.story.slice(e.span.clone()))
                .words
                .join(" "),
        };
        parts.insert(format!("{}={value}", a.story.id));
    }
    let key = format!(
        "{}|{}|{}",
        f.rule,
        f.event,
        parts.into_iter().collect::<Vec<_>>().join("|")
    );
    format!("{:016x}", fnv(&key))
}

/// A baseline file: the fingerprints of accepted findings.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub(crate) version: u32,
    /// Fingerprint → what it was, for people reading the file.
    pub accepted: BTreeMap<String, String>,
}

impl Baseline {
    pub(crate) fn from_findings(analyses: &[Analysis], findings: &[Finding]) -> Baseline {
        Baseline {
            version: 1,
            accepted: findings
                .iter()
                .map(|f| {
                    (
                        fingerprint(analyses, f),
                        format!("{} [{}] {}", f.severity.as_str(), f.rule, f.message),
                    )
                })
                .collect(),
        }
    }
}

/// The rules a story ignores: front matter and body comments.
pub(crate) fn ignored_rules(a: &Analysis) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = a.story.ignore().iter().cloned().collect();
    let text = &a.story.text;
    let mut from = 0;
    // memmem's vectorised search: most stories have no comment at all
    while let Some(k) = memchr::memmem::find(&text.as_bytes()[from..], b"<!--") {
        let start = from + k + 4;
        let Some(end) = memchr::memmem::find(&text.as_bytes()[start..], b"-->") else {
            break;
        };
        let inner = text[start..start + end].trim();
        if let Some(ids) = inner.strip_prefix("crosscheck-ignore") {
            out.extend(
                ids.split([' ', ','])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
        }
        from = start + end + 3;
    }
    out
}

/// Each story's ignores (front matter or body comment), by story index,
/// for the stories that have any: few do.
pub(crate) type Ignores = BTreeMap<usize, BTreeSet<String>>;

/// The [`Ignores`] of `analyses`, read once for the batch, on every core.
pub(crate) fn ignores(analyses: &[Analysis]) -> Ignores {
    analyses
        .par_iter()
        .enumerate()
        .map(|(k, a)| (k, ignored_rules(a)))
        .filter(|(_, set)| !set.is_empty())
        .collect()
}

/// The ignores that name no rule in `known`: (story index, the id as
/// written, the id it likely means), in story order then by id.
pub(crate) fn unknown_ignores(
    ignores: &Ignores,
    known: &[&str],
) -> Vec<(usize, String, Option<String>)> {
    let mut out = Vec::new();
    for (&k, ids) in ignores {
        for id in ids.iter().filter(|id| !known.contains(&id.as_str())) {
            let meant = crate::story::did_you_mean(id, known).map(str::to_string);
            out.push((k, id.clone(), meant));
        }
    }
    out
}

/// What suppression removed, and which ignores removed nothing.
#[derive(Debug, Clone, Default)]
pub struct Suppressed {
    pub by_baseline: usize,
    pub by_ignore: usize,
    /// (story index, rule) pairs of ignores that matched no finding.
    pub unused_ignores: Vec<(usize, String)>,
    /// Baseline entries (fingerprint, what it was) that matched no finding:
    /// fixed since, or changed into a new finding.
    pub stale: Vec<(String, String)>,
}

/// Drop findings that a story ignores or that the baseline accepts.
pub(crate) fn apply(
    analyses: &[Analysis],
    ignores: &Ignores,
    findings: Vec<Finding>,
    baseline: Option<&Baseline>,
) -> (Vec<Finding>, Suppressed) {
    let mut used: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut matched: BTreeSet<String> = BTreeSet::new();
    let mut s = Suppressed::default();
    // in place, in order: a second list of the findings kept was the rise
    // of the peak at the end of a big batch (issue 21)
    let mut kept = findings;
    kept.retain(|f| {
        let ignoring: Vec<usize> = f
            .evidence
            .iter()
            .map(|e| e.story)
            .filter(|st| ignores.get(st).is_some_and(|set| set.contains(&f.rule)))
            .collect();
        if !ignoring.is_empty() {
            used.extend(ignoring.into_iter().map(|st| (st, f.rule.clone())));
            s.by_ignore += 1;
            return false;
        }
        if let Some(b) = baseline {
            let key = fingerprint(analyses, f);
            if b.accepted.contains_key(&key) {
                matched.insert(key);
                s.by_baseline += 1;
                return false;
            }
        }
        true
    });
    for (&st, set) in ignores {
        for rule in set {
            if !used.contains(&(st, rule.clone())) {
                s.unused_ignores.push((st, rule.clone()));
            }
        }
    }
    if let Some(b) = baseline {
        s.stale = b
            .accepted
            .iter()
            .filter(|(k, _)| !matched.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
    }
    (kept, s)
}
