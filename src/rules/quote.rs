//! Quote rules: the same remark worded differently between outlets, or
//! given to another speaker.
//!
//! The versions of each remark come from [`crate::quote::remark`]; each
//! difference has a class (a negation dropped, a number changed, a word
//! replaced, ...) whose level the rule sets, and the rule's own level caps
//! them, as it caps the findings of every kind.

use super::{Evidence, Finding, Kind, QuoteRule, Rule, WordDiff};
use crate::Analysis;
use crate::quote::diff::{Class, QuoteDiff};
use crate::quote::remark::{Cited, remarks};
use std::collections::BTreeMap;
use std::ops::Range;

/// The same quotation worded differently (or given to another speaker):
/// one finding per odd version of a remark ([`crate::quote::remark`]).
// reason: not split while another engineer changes this file; left to the lead (issue 22, part 6)
#[allow(clippy::too_many_lines)]
pub(super) fn compare(
    analyses: &[Analysis],
    stories: &[usize],
    rule: &Rule,
    cfg: &QuoteRule,
    event: &str,
) -> Vec<Finding> {
    // two quotes of one story are never one remark (`remarks` pairs
    // versions of different stories only): an event with quotes in fewer
    // than two stories has nothing to compare, and is not normalised
    if stories
        .iter()
        .filter(|&&s| !analyses[s].quotes.is_empty())
        .nth(1)
        .is_none()
    {
        return Vec::new();
    }
    // every quote of the event, in report order
    let mut refs: Vec<(usize, usize)> = Vec::new();
    let mut cands = Vec::new();
    for &s in stories {
        for (k, c) in crate::quote::align::candidates(&analyses[s], s) {
            refs.push((s, k));
            cands.push(c);
        }
    }
    if cands.len() < 2 {
        return Vec::new();
    }
    let rank: BTreeMap<usize, usize> = stories.iter().enumerate().map(|(r, &s)| (s, r)).collect();
    let sev = &cfg.severities;
    let level = |d: &QuoteDiff| {
        let of = |c: &Class| match c {
            Class::Negation => Some(sev.negation),
            Class::Number => Some(sev.number),
            Class::Word => Some(sev.word),
            Class::Rewording => Some(sev.rewording),
            Class::Omission => Some(sev.omission),
            Class::Form => Some(sev.form),
            Class::Tense => Some(sev.tense),
            Class::Function => Some(sev.function),
            Class::Partial => sev.partial,
        };
        let partial = d.partial.then_some(sev.partial).flatten();
        d.classes.iter().filter_map(of).max().max(partial)
    };
    let r = remarks(
        &cands,
        |s| rank.get(&s).copied().unwrap_or(usize::MAX),
        cfg.thresholds,
        level,
    );
    // the bytes of aligned words `w` of candidate `m`
    let span_of = |m: usize, w: &Range<usize>| {
        let (s, k) = refs[m];
        let q = &analyses[s].quotes[k].span;
        let spans = &cands[m].words.spans;
        match (
            spans.get(w.start),
            w.end.checked_sub(1).and_then(|e| spans.get(e)),
        ) {
            (Some(a), Some(b)) if !w.is_empty() => q.start + a.start..q.start + b.end,
            _ => q.clone(),
        }
    };
    let quoted = |m: usize, w: &Range<usize>| {
        let a = &analyses[refs[m].0];
        format!(
            "{}: \u{201c}{}\u{201d}",
            a.story.outlet,
            a.story.slice(span_of(m, w)).replace('\n', " ")
        )
    };
    let speaker_of = |m: usize| analyses[refs[m].0].quotes[refs[m].1].speaker.as_deref();
    let sure = |m: usize| analyses[refs[m].0].quotes[refs[m].1].attribution.is_sure();
    // every story of the outlier and of the versions cited, each once
    let evidence = |outlier: usize, region: &Range<usize>, cited: &[&Cited]| {
        let mut out: Vec<Evidence> = Vec::new();
        let mut push = |m: usize, w: &Range<usize>, primary: bool| {
            let story = refs[m].0;
            let span = span_of(m, w);
            if !out.iter().any(|e| e.story == story && e.span == span) {
                out.push(Evidence {
                    story,
                    claim: None,
                    span,
                    primary,
                });
            }
        };
        let members = &r.versions[outlier].members;
        for (k, &m) in members.iter().enumerate() {
            push(m, region, k == 0);
        }
        for c in cited {
            for &m in &r.versions[c.version].members {
                push(m, &c.region, false);
            }
        }
        out.sort_by(|a, b| {
            super::finding::story_order(analyses, a.story, b.story)
                .then(a.span.start.cmp(&b.span.start))
        });
        out
    };
    let mut out = Vec::new();
    for o in &r.outliers {
        let region = o
            .references
            .iter()
            .map(|c| c.outlier_region.clone())
            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
            .unwrap_or_default();
        let cited: Vec<&Cited> = o
            .references
            .iter()
            .chain(&o.others)
            .chain(&o.allies)
            .collect();
        let m = r.versions[o.version].members[0];
        let Some(first) = o.references.first() else {
            continue;
        };
        let reference = r.versions[first.version].members[0];
        let speaker = std::iter::once(m)
            .chain(
                cited
                    .iter()
                    .flat_map(|c| r.versions[c.version].members.iter().copied()),
            )
            .filter(|&x| sure(x))
            .find_map(speaker_of)
            .unwrap_or("an unnamed speaker");
        let why = WordDiff {
            parts: o.diff.parts.clone(),
            classes: o.diff.classes.clone(),
            reason: o.diff.reason(),
        };
        let others = cited
            .iter()
            .map(|c| r.versions[c.version].stories.len())
            .sum::<usize>();
        let more = match others {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        out.push(Finding {
            rule: rule.id.clone(),
            kind: Kind::Quote,
            // the rule's own level caps its classes' levels
            severity: o.level.min(rule.severity),
            event: event.to_string(),
            title: rule.title.clone(),
            message: format!(
                "{} ({}) \u{2014} {speaker}: {}{more} / {}",
                rule.title,
                why.why(),
                quoted(reference, &first.region),
                quoted(m, &region),
            ),
            evidence: evidence(o.version, &region, &cited),
            diff: Some(why),
        });
    }
    for x in &r.misattributions {
        let m = r.versions[x.version].members[0];
        let Some(first) = x.others.first() else {
            continue;
        };
        let reference = r.versions[first.version].members[0];
        let reason = format!(
            "the same words are given to {} and to {}",
            speaker_of(reference).unwrap_or("?"),
            speaker_of(m).unwrap_or("?")
        );
        let cited: Vec<&Cited> = x.others.iter().collect();
        out.push(Finding {
            rule: rule.id.clone(),
            kind: Kind::Quote,
            severity: sev.misattribution.min(rule.severity),
            event: event.to_string(),
            title: rule.title.clone(),
            message: format!(
                "{} ({reason}) \u{2014} {} / {}",
                rule.title,
                quoted(reference, &first.region),
                quoted(m, &first.outlier_region),
            ),
            evidence: evidence(x.version, &first.outlier_region, &cited),
            diff: Some(WordDiff {
                parts: x.diff.parts.clone(),
                classes: Vec::new(),
                reason,
            }),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::rules::{Severity, load_str};

    /// The findings of a quote rule of level `severity` on two stories
    /// that quote one remark with and without its "not", and give it to
    /// two people.
    fn levels(severity: &str) -> Vec<(Severity, String)> {
        let rule = format!(
            "rules:\n  - id: q\n    kind: quote\n    severity: {severity}\n    title: Quote differs\n    quote:\n      severity:\n        negation: error\n        misattribution: warning\n"
        );
        let rules = load_str("q.yaml", &rule).unwrap();
        let story = |id: &str, text: &str| {
            crate::analyse(
                crate::story::inline(id, id, None, Some("2024-05-02"), None, text).unwrap(),
            )
        };
        let stories = [
            story(
                "a",
                "\"We did not order the evacuation of the valley,\" Mayor Ida Brenner said. \"The river will be open to boats again by the end of the month,\" said Tomas Reyes.",
            ),
            story(
                "b",
                "\"We did order the evacuation of the valley,\" Mayor Ida Brenner said. \"The river will be open to boats again by the end of the month,\" said Ida Brenner.",
            ),
        ];
        let (_, findings) = crate::rules::check(&stories, &rules, crate::group::GroupBy::Batch);
        findings
            .into_iter()
            .map(|f| (f.severity, f.diff.map(|d| d.reason).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_rules_level_caps_the_levels_of_its_classes() {
        let error = levels("error");
        assert!(
            error.iter().any(|f| f.0 == Severity::Error),
            "a dropped negation is an error under an error rule: {error:?}"
        );
        for (severity, cap) in [("warning", Severity::Warning), ("info", Severity::Info)] {
            let capped = levels(severity);
            assert_eq!(capped.len(), error.len(), "{capped:?}");
            for (f, e) in capped.iter().zip(&error) {
                assert_eq!(f.0, e.0.min(cap), "{capped:?}");
                assert_eq!(f.1, e.1);
            }
        }
    }
}
