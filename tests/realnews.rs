//! The reviewed verdicts on real news: `check` on `../shared/realnews`
//! against `tests/realnews/verdicts.yaml`, where every warning and error it
//! gave was read against the articles as an editor would and judged
//! `true` (a real inconsistency between or within outlets), `false` (a false
//! alarm, with its cause) or `arguable`. Findings are keyed on their baseline
//! fingerprint, so no article text is kept here.
//!
//! The test fails when a false alarm marked fixed comes back, when one
//! reviewed as true disappears, when a finding (figure, date, lint or
//! quotation) has no verdict yet, or when the file no longer says what
//! `check` does (a finding marked
//! `raised` that is gone must be marked `fixed`); it prints the counts (`cargo test --test
//! realnews`). It also measures, for the gun-violence
//! set, in how many incidents some story states the gold killed (injured)
//! count as a bound claim, against floors that only rise.
//! Skipped, and says so, where `../shared/realnews` is missing (a test
//! binary of its own, [`harness`]: libtest would say `ok`).

mod harness;
#[allow(dead_code)] // the helpers of the other test binary
mod util;

use crosscheck::group::GroupBy;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, clippy::struct_field_names)] // severity is for readers of the file
struct Verdict {
    key: String,
    rule: String,
    event: String,
    severity: String,
    verdict: String,
    cause: String,
    note: String,
    /// For false and arguable findings: `raised` while `check` still gives
    /// it, `fixed` once a change made it go; a fixed false alarm must not
    /// come back.
    #[serde(default)]
    state: Option<String>,
}

/// Killed and injured: the share of GVA incidents (with a gold count of at
/// least one) where some story states the count as a bound claim.
const GOLD_FLOORS: (f64, f64) = (0.87, 0.89);

fn verdicts() -> Vec<Verdict> {
    let path = crate::util::root().join("tests/realnews/verdicts.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let v: Vec<Verdict> = serde_yaml::from_str(&text).unwrap();
    for x in &v {
        assert!(
            matches!(x.verdict.as_str(), "true" | "false" | "arguable"),
            "{}: verdict is true, false or arguable",
            x.key
        );
        assert!(
            !x.cause.is_empty() && !x.note.is_empty(),
            "{}: cause and note",
            x.key
        );
        assert!(
            matches!(
                (x.verdict.as_str(), x.state.as_deref()),
                ("true", None) | ("false" | "arguable", Some("raised" | "fixed"))
            ),
            "{}: a false or arguable verdict says whether it is raised or fixed; a true one does not",
            x.key
        );
    }
    v
}

/// Every story of the three sets, analysed.
fn analyses(shared: &std::path::Path) -> Vec<crosscheck::Analysis> {
    let paths = harness::realnews_files(shared);
    let batch = crosscheck::story::ingest(&paths, &mut std::io::empty());
    assert!(batch.rejected.is_empty(), "{:?}", batch.rejected);
    batch.stories.into_iter().map(crosscheck::analyse).collect()
}

fn main() {
    harness::run(&[
        (
            "reviewed_findings_on_real_news_hold",
            reviewed_findings_on_real_news_hold,
        ),
        (
            "gold_tolls_of_gun_violence_incidents_are_found_bound",
            gold_tolls_of_gun_violence_incidents_are_found_bound,
        ),
    ]);
}

fn reviewed_findings_on_real_news_hold() -> harness::Outcome {
    let shared = harness::shared("realnews")?;
    let analyses = analyses(&shared);
    let rules = crosscheck::rules::load::defaults().unwrap();
    let (_, findings) = crosscheck::rules::check(&analyses, &rules, GroupBy::Event);
    let shown: BTreeMap<String, (&str, String, String)> = findings
        .iter()
        .filter(|f| f.severity >= crosscheck::rules::model::Severity::Warning)
        .map(|f| {
            let kind = match f.kind {
                crosscheck::rules::model::Kind::Quote => "quote",
                crosscheck::rules::model::Kind::Person => "person",
                _ => "figure",
            };
            (
                crosscheck::rules::baseline::fingerprint(&analyses, f),
                (kind, f.rule.clone(), f.severity.as_str().to_string()),
            )
        })
        .collect();
    let reviewed = verdicts();
    let by_key: BTreeMap<&str, &Verdict> = reviewed.iter().map(|v| (v.key.as_str(), v)).collect();
    let mut problems = Vec::new();
    // per kind: true, false, arguable, unreviewed; errors: true, all
    let mut counts: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let mut errors: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (key, (kind, rule, severity)) in &shown {
        let c = counts.entry(kind).or_default();
        match by_key.get(key.as_str()) {
            Some(v) => {
                match v.verdict.as_str() {
                    "true" => c[0] += 1,
                    "false" => {
                        c[1] += 1;
                        if v.state.as_deref() == Some("fixed") {
                            problems.push(format!(
                                "a false alarm marked fixed is back: {key} {rule} {} ({}: {})",
                                v.event, v.cause, v.note
                            ));
                        }
                    }
                    _ => c[2] += 1,
                }
                if severity == "error" {
                    let e = errors.entry(kind).or_default();
                    e.0 += usize::from(v.verdict == "true");
                    e.1 += 1;
                }
            }
            None => {
                c[3] += 1;
                problems.push(format!(
                    "an unreviewed {kind} {severity}: {key} {rule} - read it against the \
                     articles and add a verdict to tests/realnews/verdicts.yaml"
                ));
            }
        }
    }
    let present: BTreeSet<&str> = shown.keys().map(String::as_str).collect();
    for v in &reviewed {
        let here = present.contains(v.key.as_str());
        if v.verdict == "true" && !here {
            problems.push(format!(
                "a finding reviewed as true is lost: {} {} {} ({})",
                v.key, v.rule, v.event, v.note
            ));
        }
        if v.state.as_deref() == Some("raised") && !here {
            problems.push(format!(
                "a {} finding is no longer raised: mark {} fixed",
                v.verdict, v.key
            ));
        }
    }
    let stories = analyses.len();
    for (kind, [t, f, a, u]) in &counts {
        let (et, e) = errors.get(kind).copied().unwrap_or_default();
        println!(
            "realnews {kind} warnings and errors: {t} true, {f} false, {a} arguable, {u} unreviewed \
             ({stories} stories; errors reviewed true: {et} of {e})"
        );
    }
    let fixed = reviewed
        .iter()
        .filter(|v| v.state.as_deref() == Some("fixed"))
        .count();
    println!("realnews: {fixed} reviewed false or arguable findings fixed and kept away");
    // people: at least 80 % of warnings and errors real, every error real
    if let Some([t, f, a, _]) = counts.get("person") {
        let all = t + f + a;
        if *t * 5 < all * 4 {
            problems.push(format!("person findings: {t} of {all} true, under 80 %"));
        }
        if let Some((et, e)) = errors.get("person") {
            if et != e {
                problems.push(format!("person errors: {et} of {e} true, not all"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

fn gold_tolls_of_gun_violence_incidents_are_found_bound() -> harness::Outcome {
    let shared = harness::shared("realnews/gva/gold.jsonl")?;
    let gold_text = std::fs::read_to_string(shared.join("realnews/gva/gold.jsonl")).unwrap();
    let mut gold: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        gold.insert(
            v["event"].as_str().unwrap().to_string(),
            (
                v["killed"].as_f64().unwrap(),
                v["injured"].as_f64().unwrap(),
            ),
        );
    }
    let (analyses, _) = crate::util::analyse(&shared.join("realnews/gva/stories.jsonl"));
    let mut rates = Vec::new();
    for (which, event) in [(0, "killed"), (1, "injured")] {
        let (mut stated, mut found) = (0_u32, 0_u32);
        for (incident, counts) in &gold {
            let want = if which == 0 { counts.0 } else { counts.1 };
            if want < 1.0 {
                continue;
            }
            stated += 1;
            let holds = analyses
                .iter()
                .filter(|a| a.story.event.as_deref() == Some(incident.as_str()))
                .flat_map(|a| &a.claims)
                .any(|c| {
                    c.bound.is_some()
                        && c.event.as_deref() == Some(event)
                        && c.quantity.unit == crosscheck::extract::quantity::Unit::Count
                        && c.quantity.interval.low <= want
                        && c.quantity.interval.high.is_none_or(|h| want <= h)
                });
            found += u32::from(holds);
        }
        let rate = f64::from(found) / f64::from(stated);
        println!(
            "realnews gva: gold {event} count found bound in {found} of {stated} incidents ({:.1} %)",
            rate * 100.0
        );
        rates.push(rate);
    }
    assert!(
        rates[0] >= GOLD_FLOORS.0,
        "killed: {:.3} below the floor",
        rates[0]
    );
    assert!(
        rates[1] >= GOLD_FLOORS.1,
        "injured: {:.3} below the floor",
        rates[1]
    );
    Ok(())
}
