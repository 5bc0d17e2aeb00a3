//! `--group-by auto` against a generated mixed batch whose events are known.

use crate::corpus;
use crosscheck::group::auto::cluster;
use std::collections::HashMap;

/// Purity: how much of each found group is one true event. Completeness:
/// how much of each true event lands in one found group.
fn purity(found: &[String], truth: &[String]) -> f64 {
    let mut by: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (f, t) in found.iter().zip(truth) {
        *by.entry(f).or_default().entry(t).or_default() += 1;
    }
    let best: usize = by.values().map(|m| m.values().max().unwrap()).sum();
    best as f64 / found.len() as f64
}

#[test]
fn auto_grouping_finds_the_generated_events() {
    // CROSSCHECK_GROUP_TEST="N PER_EVENT" tries another batch
    let (n, per): (usize, usize) = std::env::var("CROSSCHECK_GROUP_TEST")
        .ok()
        .and_then(|v| {
            let (a, b) = v.split_once(' ')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .unwrap_or((1200, 6));
    let mut stories = Vec::new();
    let events = corpus::batch(n, per, |rel, text| {
        let b = crosscheck::story::from_bytes(rel, text.as_bytes());
        stories.extend(b.stories);
    });
    assert_eq!(stories.len(), n);
    // a mixed batch: interleave the events
    stories
        .sort_by_key(|s| (s.id.len() * 7919 + s.id.bytes().map(usize::from).sum::<usize>()) % 101);
    let analyses: Vec<_> = stories.into_iter().map(crosscheck::analyse).collect();
    let truth: Vec<String> = analyses
        .iter()
        .map(|a| a.story.event.as_deref().unwrap().to_string())
        .collect();
    let found: Vec<String> = cluster(&analyses).into_iter().map(|c| c.event).collect();
    let p = purity(&found, &truth);
    let c = purity(&truth, &found);
    let groups = found.iter().collect::<std::collections::HashSet<_>>().len();
    eprintln!("{events} events, {groups} groups found: purity {p:.3}, completeness {c:.3}");
    assert!(p >= 0.95, "purity {p:.3}");
    assert!(c >= 0.95, "completeness {c:.3}");
    // the same stories in another order group the same way
    let rev: Vec<_> = analyses.iter().rev().cloned().collect();
    let again: Vec<String> = cluster(&rev).into_iter().map(|c| c.event).rev().collect();
    assert_eq!(again, found);
}

/// The handwritten fixture events (stories that disagree on purpose, tolls
/// that rise over days) group exactly as their labels say.
#[test]
fn auto_grouping_matches_the_fixture_labels() {
    let (analyses, rejected) =
        crate::util::analyse(&crate::util::root().join("tests/fixtures/events"));
    assert!(rejected.is_empty(), "{rejected:?}");
    let truth: Vec<String> = analyses
        .iter()
        .map(|a| a.story.event.as_deref().unwrap().to_string())
        .collect();
    let found: Vec<String> = cluster(&analyses).into_iter().map(|c| c.event).collect();
    assert_eq!(purity(&found, &truth), 1.0, "{found:?}");
    assert_eq!(purity(&truth, &found), 1.0, "{found:?}");
}
