//! The three seed articles in ../shared/seeds against the claims a careful
//! reader finds in them (claims_gold.tsv), and `check` on them. Run where
//! ../shared exists (CI); a bare clone says `skipped` (a test binary of
//! its own, [`harness`]: libtest would say `ok`). The floor only rises.

mod harness;
#[allow(dead_code)] // the helpers of the other test binary
mod util;

fn main() {
    harness::run(&[
        ("seed_claims_match_the_gold", seed_claims_match_the_gold),
        ("seed_acceptance", seed_acceptance),
    ]);
}

fn cites(analyses: &[crosscheck::Analysis], f: &crosscheck::rules::Finding) -> Vec<String> {
    f.evidence
        .iter()
        .map(|e| analyses[e.story].story.text[e.span.clone()].to_string())
        .collect()
}

use crosscheck::extract::quantity::Qualifier;

/// Gold rows matched with the right number, qualifier and unit.
const FLOOR_FIGURES: usize = 26;
/// ... of which the counted noun also matches (where the gold gives one).
const FLOOR_COUNTED: usize = 26;

struct Gold {
    story: String,
    surface: String,
    value: String,
    qualifier: String,
    unit: String,
    counted: String,
}

fn gold(shared: &std::path::Path) -> Vec<Gold> {
    let text = std::fs::read_to_string(shared.join("seeds/claims_gold.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Gold {
                story: f[0].into(),
                surface: f[1].into(),
                value: f[2].into(),
                qualifier: f[3].into(),
                unit: f[4].into(),
                counted: f.get(5).copied().unwrap_or("").into(),
            }
        })
        .collect()
}

fn number_of(value: &str) -> Option<f64> {
    value.split('-').next()?.parse().ok()
}

fn seed_claims_match_the_gold() -> harness::Outcome {
    let shared = harness::shared("seeds/claims_gold.tsv")?;
    let (analyses, rejected) = crate::util::analyse(&shared.join("seeds/batch"));
    assert!(rejected.is_empty(), "{rejected:?}");
    let rows = gold(&shared);
    let mut used: Vec<(String, usize)> = Vec::new();
    let (mut figures, mut counted, mut report) = (0, 0, String::new());
    for g in &rows {
        let a = analyses
            .iter()
            .find(|a| a.story.id == g.story)
            .expect("story");
        if g.qualifier == "dangling" {
            let ok = a
                .dangling
                .iter()
                .any(|d| a.story.text[d.span.clone()].eq_ignore_ascii_case(&g.surface));
            figures += usize::from(ok);
            counted += usize::from(ok);
            report.push_str(&format!(
                "{} {:<40} dangling\n",
                if ok { "ok " } else { "MISS" },
                g.surface
            ));
            continue;
        }
        // the first unused claim whose surface overlaps the gold surface's number
        let found = a.claims.iter().enumerate().find(|(k, c)| {
            let surface = &a.story.text[c.surface()];
            !used.contains(&(g.story.clone(), *k))
                && (surface.to_lowercase().contains(&g.surface.to_lowercase())
                    || g.surface
                        .to_lowercase()
                        .contains(&a.story.text[c.value_span.clone()].to_lowercase()))
        });
        let Some((k, c)) = found else {
            report.push_str(&format!("MISS {:<40} not found\n", g.surface));
            continue;
        };
        used.push((g.story.clone(), k));
        let q = &c.quantity;
        let unit_ok =
            q.unit.to_string() == g.unit || (g.unit == "date" && q.unit.to_string() == "date");
        let qual_ok = q.qualifier.as_str() == g.qualifier;
        let value_ok = match (g.unit.as_str(), number_of(&g.value)) {
            ("date", _) => q.date.is_some_and(|d| d.to_string().ends_with(&g.value)),
            (_, Some(v)) if q.qualifier == Qualifier::Approx => {
                (q.interval.low..=q.interval.high.unwrap_or(f64::MAX)).contains(&v)
            }
            (_, Some(v)) => q.interval.low == v || q.interval.high == Some(v),
            _ => false,
        };
        let ok = unit_ok && qual_ok && value_ok;
        figures += usize::from(ok);
        let counted_ok = g.counted.is_empty() || c.counted.as_deref() == Some(g.counted.as_str());
        counted += usize::from(ok && counted_ok);
        report.push_str(&format!(
            "{} {:<40} {} {} {} counted={:?} (gold {:?})\n",
            if ok && counted_ok {
                "ok "
            } else if ok {
                "ok~"
            } else {
                "BAD"
            },
            g.surface,
            q.qualifier,
            q.unit,
            q.interval.low,
            c.counted,
            g.counted
        ));
    }
    eprintln!(
        "{report}seed gold: {figures}/{} figures right, {counted} with the counted noun",
        rows.len()
    );
    assert!(
        figures >= FLOOR_FIGURES,
        "figures {figures} < floor {FLOOR_FIGURES}\n{report}"
    );
    assert!(
        counted >= FLOOR_COUNTED,
        "counted {counted} < floor {FLOOR_COUNTED}\n{report}"
    );
    Ok(())
}

/// `check` on the seeds: the figures that agree in different words stay
/// quiet; the dangling quantifier and the reworded quotation are found.
fn seed_acceptance() -> harness::Outcome {
    use crosscheck::group::GroupBy;
    use crosscheck::quote::diff::Op;
    use crosscheck::rules::{self, Severity};
    let shared = harness::shared("seeds/batch")?;
    let (analyses, rejected) = crate::util::analyse(&shared.join("seeds/batch"));
    assert!(rejected.is_empty());
    let (_, findings) = rules::check(&analyses, &rules::defaults().unwrap(), GroupBy::Event);
    let cited_together = |a: &str, b: &str| {
        findings.iter().any(|f| {
            let t = cites(&analyses, f);
            f.severity >= Severity::Warning
                && t.iter().any(|x| x.contains(a))
                && t.iter().any(|x| x.contains(b))
        })
    };
    assert!(
        !cited_together("2,104 civilians", "2,000 civilians"),
        "around 2,104 vs at least 2,000 agree"
    );
    assert!(
        !cited_together("170 children", "500 children"),
        "killed vs killed or injured are different measures"
    );
    assert!(
        !cited_together("70%", "fifty percent"),
        "more than 70% vs well above fifty percent agree"
    );
    assert!(
        findings.iter().any(|f| f.rule == "dangling-quantifier"
            && cites(&analyses, f).iter().any(|t| t == "at least people")),
        "the dangling quantifier is reported"
    );
    // the mother's words in seed-000 and seed-001 are one quotation, reworded
    let quote = findings
        .iter()
        .find(|f| f.rule == "quote-wording")
        .expect("the mother's words are aligned");
    assert!(quote.severity >= Severity::Warning);
    let diff = quote.diff.as_ref().unwrap();
    assert!(
        diff.parts
            .iter()
            .any(|(op, t)| *op == Op::Delete && t.contains("nazis")),
        "{diff:?}"
    );
    assert!(
        diff.parts
            .iter()
            .any(|(op, t)| *op == Op::Insert && t.contains("fascists")),
        "{diff:?}"
    );
    let stories: Vec<&str> = quote
        .evidence
        .iter()
        .map(|e| analyses[e.story].story.id.as_str())
        .collect();
    assert_eq!(stories, vec!["seed-000", "seed-001"]);
    let serious: Vec<_> = findings
        .iter()
        .filter(|f| {
            f.severity >= Severity::Warning
                && !matches!(f.rule.as_str(), "dangling-quantifier" | "quote-wording")
        })
        .collect();
    assert!(
        serious.is_empty(),
        "no false alarm on the seeds: {serious:#?}"
    );
    Ok(())
}
