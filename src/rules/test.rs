//! `crosscheck rules test`: each rule's own cases, run through the engine.
//!
//! A case gives the stories of one event inline and the findings the rule
//! must report (each with a severity and the texts it must cite); a case
//! with no expectations must report nothing.

use super::engine::check;
use super::model::{Expectation, TestDef};
use super::{Finding, Rule};
use crate::Analysis;
use crate::group::GroupBy;

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    pub rule: String,
    pub case: String,
    /// Why the case failed; `None` when it passed.
    pub failure: Option<String>,
}

fn cited(analyses: &[Analysis], f: &Finding) -> Vec<String> {
    f.evidence
        .iter()
        .map(|e| analyses[e.story].story.text[e.span.clone()].to_string())
        .collect()
}

fn meets(analyses: &[Analysis], f: &Finding, e: &Expectation) -> bool {
    let texts = cited(analyses, f);
    e.severity.is_none_or(|s| s == f.severity)
        && e.cites
            .iter()
            .all(|c| texts.iter().any(|t| t.contains(c.as_str())))
}

fn run_case(rule: &Rule, t: &TestDef) -> Option<String> {
    let mut analyses = Vec::new();
    for (k, s) in t.stories.iter().enumerate() {
        let id = format!("case-{}", k + 1);
        match crate::story::inline(
            &id,
            &s.outlet,
            s.title.as_deref(),
            s.published.as_deref(),
            Some("case"),
            &s.text,
        ) {
            Ok(story) => analyses.push(crate::analyse(story)),
            Err(r) => return Some(format!("story {}: {}", k + 1, r.reason)),
        }
    }
    let (_, findings) = check(&analyses, std::slice::from_ref(rule), GroupBy::Batch);
    let describe = |f: &Finding| format!("{} {:?}", f.severity.as_str(), cited(&analyses, f));
    if t.expect.is_empty() {
        return (!findings.is_empty()).then(|| {
            format!(
                "expected no finding, got {}",
                findings.iter().map(describe).collect::<Vec<_>>().join("; ")
            )
        });
    }
    let mut used = vec![false; findings.len()];
    for e in &t.expect {
        let hit = findings
            .iter()
            .enumerate()
            .find(|(k, f)| !used[*k] && meets(&analyses, f, e));
        match hit {
            Some((k, _)) => used[k] = true,
            None => {
                return Some(format!(
                    "expected a {} finding citing {:?}; got {}",
                    e.severity.map_or("", |s| s.as_str()),
                    e.cites,
                    if findings.is_empty() {
                        "none".to_string()
                    } else {
                        findings.iter().map(describe).collect::<Vec<_>>().join("; ")
                    }
                ));
            }
        }
    }
    let extra: Vec<String> = findings
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(f, _)| describe(f))
        .collect();
    (!extra.is_empty()).then(|| format!("unexpected findings: {}", extra.join("; ")))
}

/// Run every case of every rule.
pub fn run(rules: &[Rule]) -> Vec<CaseResult> {
    let mut out = Vec::new();
    for rule in rules {
        for t in &rule.tests {
            out.push(CaseResult {
                rule: rule.id.clone(),
                case: t.name.clone(),
                failure: run_case(rule, t),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_rules_pass_their_own_cases() {
        let rules = crate::rules::defaults().unwrap();
        let results = super::run(&rules);
        let failed: Vec<String> = results
            .iter()
            .filter_map(|r| {
                r.failure
                    .as_ref()
                    .map(|f| format!("{} / {}: {f}", r.rule, r.case))
            })
            .collect();
        assert!(results.len() >= 20, "{} cases", results.len());
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }
}
