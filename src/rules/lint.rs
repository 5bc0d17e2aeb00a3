//! Lint rules: one story alone. A quantifier with no number (`at least
//! people were killed`), a weekday that does not fall on the date beside
//! it, shares of one whole that add up to more than 100 %.

use super::{Evidence, Finding, Kind, LintCheck, Rule};
use crate::Analysis;
use crate::extract::quantity::{Qualifier, Unit};
use std::collections::BTreeMap;
use std::ops::Range;

/// A problem one story has alone: the claim it is about, if any, where it
/// stands, and what to say.
type Problem = (Option<usize>, Range<usize>, String);

/// Read each story of an event alone for the problem `check` names.
pub(super) fn check(
    analyses: &[Analysis],
    stories: &[usize],
    rule: &Rule,
    check: LintCheck,
    event: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for &s in stories {
        let a = &analyses[s];
        let problems = match check {
            LintCheck::DanglingQuantifier => dangling(a, &rule.title),
            LintCheck::WeekdayMismatch => weekday_mismatches(a, &rule.title),
            LintCheck::SharesOver100 => shares_over_100(a, &rule.title),
        };
        out.extend(problems.into_iter().map(|(claim, span, message)| Finding {
            rule: rule.id.clone(),
            kind: Kind::Lint,
            severity: rule.severity,
            event: event.to_string(),
            title: rule.title.clone(),
            message,
            evidence: vec![Evidence {
                story: s,
                claim,
                span,
                primary: true,
            }],
            diff: None,
        }));
    }
    out
}

/// A quantifier with no number: `at least people were killed`.
fn dangling(a: &Analysis, title: &str) -> Vec<Problem> {
    a.dangling
        .iter()
        .map(|d| {
            let text = &a.story.text[d.span.clone()];
            (
                None,
                d.span.clone(),
                format!("{title}: \u{201c}{text}\u{201d} has no number"),
            )
        })
        .collect()
}

/// A weekday written right before a date it does not fall on: `Tuesday,
/// March 3, 2024`.
fn weekday_mismatches(a: &Analysis, title: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for (k, c) in a.claims.iter().enumerate() {
        let Some(d) = c
            .quantity
            .date
            .filter(|_| c.quantity.unit == Unit::Date && c.quantity.qualifier == Qualifier::Exact)
        else {
            continue;
        };
        let head = a.story.text[..c.span.start].trim_end_matches([' ', ',']);
        let n = head
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let word = &head[head.len() - n..];
        let Some(wd) = crate::extract::grammar::date::weekday_name(word) else {
            continue;
        };
        // a date written without its year, well before the story, may be
        // of the year before: no mismatch if it fits that year ("Saturday,
        // Sept. 12" in a January story)
        let year_before = c.quantity.year_inferred
            && a.story.published.is_some_and(|p| (p - d).get_days() > 60)
            && d.checked_sub(jiff::Span::new().years(1))
                .is_ok_and(|e| e.weekday() == wd);
        if d.weekday() != wd && !year_before {
            let span = head.len() - n..c.span.end;
            let text = &a.story.text[span.clone()];
            out.push((
                Some(k),
                span,
                format!(
                    "{title}: \u{201c}{text}\u{201d}, but {d} is a {:?}",
                    d.weekday()
                ),
            ));
        }
    }
    out
}

/// Shares of one whole in one sentence that add up to more than 100 %.
fn shares_over_100(a: &Analysis, title: &str) -> Vec<Problem> {
    let mut by_sentence: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (k, c) in a.claims.iter().enumerate() {
        // a share of a whole: `40% of voters`, `40 percent of the vote`,
        // `40% of respondents` — not a rate or a change (`a 20 percent
        // improvement`, `a 79 percent conviction rate`)
        let of_whole = a.story.text[c.span.end..].trim_start().starts_with("of ")
            || c.counted
                .as_deref()
                .is_some_and(crate::extract::frame::is_person);
        if c.quantity.unit == Unit::Percent && c.quantity.qualifier == Qualifier::Exact && of_whole
        {
            if let Some(n) = &c.counted {
                by_sentence
                    .entry((c.sentence, n.to_lowercase()))
                    .or_default()
                    .push(k);
            }
        }
    }
    let mut out = Vec::new();
    for ks in by_sentence.values().filter(|ks| ks.len() >= 2) {
        let sum: f64 = ks.iter().map(|&k| a.claims[k].stated.0).sum();
        if sum > 100.5 {
            let span = a.claims[ks[0]].span.start..a.claims[ks[ks.len() - 1]].surface().end;
            out.push((
                Some(ks[0]),
                span,
                format!("{title}: the shares add up to {sum}%"),
            ));
        }
    }
    out
}
