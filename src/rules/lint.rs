//! Lint rules: one story alone. A quantifier with no number (`at least
//! people were killed`), a weekday that does not fall on the date beside
//! it, shares of one whole that add up to more than 100 %.

use super::{Evidence, Finding, Kind, LintCheck, Rule};
use crate::Analysis;
use crate::extract::quantity::{Qualifier, Unit};
use std::collections::BTreeMap;
use std::ops::Range;

/// Read each story of an event alone for the problem `check` names.
// reason: not split while another engineer changes this file; left to the lead (issue 22, part 6)
#[allow(clippy::too_many_lines)]
pub(super) fn check(
    analyses: &[Analysis],
    stories: &[usize],
    rule: &Rule,
    check: LintCheck,
    event: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |s: usize, claim: Option<usize>, span: Range<usize>, message: String| {
        out.push(Finding {
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
        });
    };
    for &s in stories {
        let a = &analyses[s];
        match check {
            LintCheck::DanglingQuantifier => {
                for d in &a.dangling {
                    let text = &a.story.text[d.span.clone()];
                    push(
                        s,
                        None,
                        d.span.clone(),
                        format!("{}: \u{201c}{text}\u{201d} has no number", rule.title),
                    );
                }
            }
            LintCheck::WeekdayMismatch => {
                // "Tuesday, March 3, 2024": the weekday written right before a date
                for (k, c) in a.claims.iter().enumerate() {
                    let Some(d) = c.quantity.date.filter(|_| {
                        c.quantity.unit == Unit::Date && c.quantity.qualifier == Qualifier::Exact
                    }) else {
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
                    // a date written without its year, well before the
                    // story, may be of the year before: no mismatch if it
                    // fits that year ("Saturday, Sept. 12" in a January story)
                    let year_before = c.quantity.year_inferred
                        && a.story.published.is_some_and(|p| (p - d).get_days() > 60)
                        && d.checked_sub(jiff::Span::new().years(1))
                            .is_ok_and(|e| e.weekday() == wd);
                    if d.weekday() != wd && !year_before {
                        let span = head.len() - n..c.span.end;
                        let text = &a.story.text[span.clone()];
                        push(
                            s,
                            Some(k),
                            span,
                            format!(
                                "{}: \u{201c}{text}\u{201d}, but {d} is a {:?}",
                                rule.title,
                                d.weekday()
                            ),
                        );
                    }
                }
            }
            LintCheck::SharesOver100 => {
                let mut by_sentence: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
                for (k, c) in a.claims.iter().enumerate() {
                    // a share of a whole: `40% of voters`, `40 percent of
                    // the vote`, `40% of respondents` — not a rate or a
                    // change (`a 20 percent improvement`, `a 79 percent
                    // conviction rate`)
                    let of_whole = a.story.text[c.span.end..].trim_start().starts_with("of ")
                        || c.counted
                            .as_deref()
                            .is_some_and(crate::extract::frame::is_person);
                    if c.quantity.unit == Unit::Percent
                        && c.quantity.qualifier == Qualifier::Exact
                        && of_whole
                    {
                        if let Some(n) = &c.counted {
                            by_sentence
                                .entry((c.sentence, n.to_lowercase()))
                                .or_default()
                                .push(k);
                        }
                    }
                }
                for ks in by_sentence.values().filter(|ks| ks.len() >= 2) {
                    let sum: f64 = ks.iter().map(|&k| a.claims[k].stated.0).sum();
                    if sum > 100.5 {
                        let span =
                            a.claims[ks[0]].span.start..a.claims[ks[ks.len() - 1]].surface().end;
                        push(
                            s,
                            Some(ks[0]),
                            span,
                            format!("{}: the shares add up to {sum}%", rule.title),
                        );
                    }
                }
            }
        }
    }
    out
}
