//! Why a finding says what it says, for the human, Markdown and HTML
//! reports: what kind of difference it is (`a digit swap`, `a negation is
//! dropped: “not”`, `but 2025-05-13 is a Tuesday`) and why that makes it
//! an error rather than a warning (or a warning rather than info).
//!
//! The engine gives the kind of difference inside the message (`Title
//! (why): ...` for figures and dates, `Title: what` for lint) and in the
//! word diff for quotations; the reasons for a level are the engine's
//! rules (README, "Severity says how sure a finding is"), said once here.

use crate::rules::{Finding, Kind, Rule, Severity};

/// A finding explained: what differs, and why it has its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Explanation {
    /// `a digit swap`; `negation, word: a negation is dropped: “not”`.
    pub(crate) what: String,
    /// `error: figures of the same day, ...`.
    pub(crate) level: String,
}

/// The kind of difference a figure or date finding's message names: the
/// parenthesis after the title.
fn figure_reason(f: &Finding) -> Option<&str> {
    let rest = f
        .message
        .strip_prefix(f.title.as_str())?
        .strip_prefix(" (")?;
    Some(rest.split_once("): ")?.0)
}

/// Why a figure or date finding has its level, given its reason.
fn figure_level(f: &Finding, reason: &str, rule_level: Option<Severity>) -> String {
    let sev = f.severity.as_str();
    if rule_level == Some(f.severity) && f.severity < Severity::Error {
        // the rule's own level caps it: nothing more to explain
        if !matches!(
            reason,
            "different named sources"
                | "figures several days apart"
                | "a vague quantity"
                | "an explicit revision"
        ) {
            return format!("{sev}: the highest level of rule {}", f.rule);
        }
    }
    match (f.severity, reason) {
        (Severity::Error, _) if f.kind == Kind::Date => {
            "error: stories of the same day put the event on different days".to_string()
        }
        (Severity::Error, _) => "error: figures of the same day, from the same or no named \
                                 source, that differ as a slip of the pen does"
            .to_string(),
        (Severity::Warning, "one figure at least twice the other") => {
            "warning, not error: a factor of two is as often an early count or another way of \
             counting as a mistake"
                .to_string()
        }
        (Severity::Warning, "a later, lower count") => {
            "warning, not error: a later report may correct an earlier one".to_string()
        }
        (Severity::Warning, "a digit swap" | "a slipped zero" | "a different day") => {
            "warning, not error: the stories are not of the same day (or one is undated)"
                .to_string()
        }
        (Severity::Warning, _) => {
            "warning, not error: the figures differ, but not as a digit swap or a slipped zero \
             does"
                .to_string()
        }
        (Severity::Info, "different named sources") => {
            "info: different named sources (police, organisers) may well count differently"
                .to_string()
        }
        (Severity::Info, "figures several days apart") => {
            "info: figures days apart may both have been right on their day".to_string()
        }
        (Severity::Info, "a vague quantity") => {
            "info: a vague word (dozens, hundreds) commits to no figure".to_string()
        }
        (Severity::Info, "an explicit revision") => {
            "info: the story itself says the figure was revised".to_string()
        }
        (s, _) => format!("{}: the level of rule {}", s.as_str(), f.rule),
    }
}

/// Explain `f`; `rules` are the rules in force (a rule's own level caps
/// its findings).
pub(crate) fn explain(f: &Finding, rules: &[Rule]) -> Explanation {
    let rule_level = rules.iter().find(|r| r.id == f.rule).map(|r| r.severity);
    let sev = f.severity.as_str();
    match (&f.diff, f.kind) {
        (Some(d), _) => {
            let level = match d.classes.first() {
                None => format!(
                    "{sev}: rule {} makes the same words given to two named people a {sev}",
                    f.rule
                ),
                Some(c) => format!(
                    "{sev}: rule {} makes a difference of the class {} a{} {sev}",
                    f.rule,
                    c.as_str(),
                    if f.severity == Severity::Warning {
                        ""
                    } else {
                        "n"
                    }
                ),
            };
            Explanation {
                what: d.why(),
                level,
            }
        }
        (None, Kind::Figure | Kind::Date) => {
            let reason = figure_reason(f).unwrap_or("figures that do not agree");
            Explanation {
                what: reason.to_string(),
                level: figure_level(f, reason, rule_level),
            }
        }
        (None, Kind::Person) => {
            let level = if f.message.contains(" swapped ") {
                format!("{sev}: two people's ages swapped between outlets")
            } else if f.message.contains(" spelled ") {
                format!("{sev}: a first name spelled two ways")
            } else if f.message.contains(" outside the ages ") {
                format!("{sev}: an age outside the range a story gives the person's group")
            } else if f.severity == Severity::Error {
                format!("{sev}: every age stands beside the name and every story is dated")
            } else {
                format!(
                    "{sev}: an age not right beside the name, or an undated story (an error needs both)"
                )
            };
            Explanation {
                what: f.message.clone(),
                level,
            }
        }
        (None, _) => {
            let what = f
                .message
                .strip_prefix(f.title.as_str())
                .and_then(|m| m.strip_prefix(": "))
                .unwrap_or(&f.message);
            Explanation {
                what: what.to_string(),
                level: format!("{sev}: the level of rule {}", f.rule),
            }
        }
    }
}

/// The explanation of the most serious finding of `rule` in a pair of
/// stories (`crosscheck diff`), if it made one.
pub(crate) fn of_rule(findings: &[Finding], rule: &str, rules: &[Rule]) -> Option<Explanation> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .max_by_key(|f| f.severity)
        .map(|f| explain(f, rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: Kind, severity: Severity, message: &str) -> Finding {
        Finding {
            rule: "deaths".to_string(),
            kind,
            severity,
            event: "e".to_string(),
            title: "Death toll differs between outlets".to_string(),
            message: message.to_string(),
            evidence: Vec::new(),
            diff: None,
        }
    }

    #[test]
    fn figures_say_their_reason_and_why_their_level() {
        let rules = crate::rules::defaults().unwrap();
        let f = finding(
            Kind::Figure,
            Severity::Error,
            "Death toll differs between outlets (a digit swap): A: “35”; B: “53”",
        );
        let e = explain(&f, &rules);
        assert_eq!(e.what, "a digit swap");
        assert!(
            e.level.starts_with("error: figures of the same day"),
            "{e:?}"
        );
        let f = finding(
            Kind::Figure,
            Severity::Warning,
            "Death toll differs between outlets (one figure at least twice the other): A: “4”",
        );
        let e = explain(&f, &rules);
        assert_eq!(e.what, "one figure at least twice the other");
        assert!(e.level.contains("a factor of two"), "{e:?}");
        let f = finding(
            Kind::Figure,
            Severity::Info,
            "Death toll differs between outlets (different named sources): A: “4”",
        );
        assert!(
            explain(&f, &rules)
                .level
                .starts_with("info: different named sources")
        );
    }

    #[test]
    fn lint_says_what_is_wrong() {
        let mut f = finding(
            Kind::Lint,
            Severity::Error,
            "A weekday does not match its date: A: “Monday, May 13”, but 2025-05-13 is a Tuesday",
        );
        f.title = "A weekday does not match its date".to_string();
        f.rule = "weekday-mismatch".to_string();
        let e = explain(&f, &[]);
        assert_eq!(e.what, "A: “Monday, May 13”, but 2025-05-13 is a Tuesday");
        assert_eq!(e.level, "error: the level of rule weekday-mismatch");
    }
}
