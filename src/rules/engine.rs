//! The engine: compiled rules over the claims of a batch → findings.
//!
//! Stories are grouped into events first ([`crate::group`]); nothing is
//! compared across events. Within an event each rule goes to its kind's
//! comparison: a figure or date rule gathers the claims it measures (all
//! of them go to the event's table) and holds each story's figures against
//! every other story's ([`super::figure`], [`super::date`]); a lint rule
//! reads each story alone ([`super::lint`]); a quote rule compares the
//! versions of each remark ([`super::quote`]); a person rule the ages and
//! names of each person ([`super::person`]). Events are compared in
//! parallel; findings come back in one order whatever the thread count.

use super::finding::{sort_findings, story_order};
use super::{EventGroup, Finding, Rule, RuleKind};
use crate::Analysis;
use crate::group::{GroupBy, Planned};

/// Run every rule over the batch. Findings and events come back sorted.
pub fn check(
    analyses: &[Analysis],
    rules: &[Rule],
    by: GroupBy,
) -> (Vec<EventGroup>, Vec<Finding>) {
    let planned = crate::group::events(analyses, by);
    // the rules' word lists are numbered once for every event
    let compiled = Compiled::of(rules);
    // events are independent: compare them in parallel; collecting keeps
    // their order, so the output does not depend on the thread count
    let results: Vec<(EventGroup, Vec<Finding>)> = {
        use rayon::prelude::*;
        planned
            .into_par_iter()
            .map(|p| check_event_with(analyses, p, rules, &compiled))
            .collect()
    };
    let mut events = Vec::with_capacity(results.len());
    let mut findings = Vec::new();
    for (g, f) in results {
        events.push(g);
        findings.extend(f);
    }
    sort_findings(analyses, &mut findings);
    (events, findings)
}

/// The rules' word lists, numbered ([`super::Words::matchers`]): made
/// once for a batch and shared by its events.
pub(crate) struct Compiled<'r> {
    vocabulary: super::Words<'r>,
    matchers: Vec<Option<super::matcher::Compiled<'r>>>,
}

impl<'r> Compiled<'r> {
    pub(crate) fn of(rules: &'r [Rule]) -> Compiled<'r> {
        let (vocabulary, matchers) = super::Words::matchers(rules);
        Compiled {
            vocabulary,
            matchers,
        }
    }
}

/// Run every rule over one event's stories (indices into `analyses`),
/// their word lists built for this event alone (tests; a batch builds them
/// once: [`check_event_with`]).
#[cfg(test)]
pub(crate) fn check_event(
    analyses: &[Analysis],
    planned: Planned,
    rules: &[Rule],
) -> (EventGroup, Vec<Finding>) {
    check_event_with(analyses, planned, rules, &Compiled::of(rules))
}

/// [`check_event`] with the rules' word lists numbered beforehand
/// ([`Compiled::of`] the same `rules`), for a caller that runs many events.
pub(crate) fn check_event_with(
    analyses: &[Analysis],
    planned: Planned,
    rules: &[Rule],
    compiled: &Compiled<'_>,
) -> (EventGroup, Vec<Finding>) {
    let Planned {
        event,
        mut stories,
        reason,
    } = planned;
    stories.sort_by(|&a, &b| story_order(analyses, a, b));
    // each claim's words are looked up once, not once per rule
    let Compiled {
        vocabulary,
        matchers,
    } = compiled;
    let words: Vec<Vec<super::matcher::ClaimWords>> = stories
        .iter()
        .map(|&s| {
            analyses[s]
                .claims
                .iter()
                .map(|c| vocabulary.of(c))
                .collect()
        })
        .collect();
    // the people of the event are read once, for the person rules and the
    // people table
    let people = super::person::entities(analyses, &stories);
    let mut measures = Vec::new();
    let mut findings = Vec::new();
    for (rule, matcher) in rules.iter().zip(matchers) {
        let on = |matcher| super::figure::On {
            stories: &stories,
            words: &words,
            matcher,
        };
        match (&rule.kind, matcher) {
            (RuleKind::Figure(how), Some(m)) => {
                let (m, f) = super::figure::compare_rule(analyses, on(m), rule, how, &event);
                measures.extend(m);
                findings.extend(f);
            }
            (RuleKind::Date(how), Some(m)) => {
                let (m, f) = super::date::compare_rule(analyses, on(m), rule, how, &event);
                measures.extend(m);
                findings.extend(f);
            }
            (RuleKind::Lint(check), _) => {
                findings.extend(super::lint::check(analyses, &stories, rule, *check, &event));
            }
            (RuleKind::Quote(how), _) => {
                findings.extend(super::quote::compare(analyses, &stories, rule, how, &event));
            }
            (RuleKind::Person, _) => {
                findings.extend(super::person::compare_people(
                    analyses, &stories, &people, rule, &event,
                ));
            }
            // Words::matchers compiles a matcher for every figure and date rule
            (RuleKind::Figure(_) | RuleKind::Date(_), None) => {}
        }
    }
    let people = super::person::people_table(&stories, &people);
    let group = EventGroup {
        event: event.into_boxed_str(),
        stories: stories.into(),
        measures: measures.into(),
        people: people.into(),
        reason: reason.map(String::into_boxed_str),
    };
    (group, findings)
}
