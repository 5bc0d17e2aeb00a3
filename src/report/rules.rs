//! The views of `crosscheck rules`: the list of rules in force, one rule
//! explained, the results of the rules' own tests.

use crate::notation::interval_number;
use crate::rules::test::CaseResult;
use crate::rules::{FigureRule, LintCheck, QuoteRule, Rule, RuleKind, Severity, UnitMatch};
use std::io::{self, Write};

/// One line per rule: id, kind, level and title.
pub fn list(out: &mut dyn Write, rules: &[Rule]) -> io::Result<()> {
    for r in rules {
        writeln!(
            out,
            "{:<22} {:<7} {:<8} {}",
            r.id,
            r.kind.name().as_str(),
            r.severity.as_str(),
            r.title
        )?;
    }
    Ok(())
}

/// A rule in YAML-like words, as `crosscheck rules explain` prints it.
pub fn explain(out: &mut dyn Write, r: &Rule) -> io::Result<()> {
    writeln!(out, "id: {}", r.id)?;
    writeln!(out, "kind: {}", r.kind.name().as_str())?;
    writeln!(out, "severity: {}", r.severity.as_str())?;
    writeln!(out, "title: {}", r.title)?;
    writeln!(out, "defined in: {}:{}", r.file, r.line)?;
    if let Some(d) = &r.description {
        writeln!(out, "description: |")?;
        for line in d.trim().lines() {
            writeln!(out, "  {line}")?;
        }
    }
    match &r.kind {
        RuleKind::Figure(how) | RuleKind::Date(how) => explain_figures(out, how)?,
        RuleKind::Lint(check) => {
            let check = match check {
                LintCheck::DanglingQuantifier => {
                    "dangling-quantifier  # a quantifier with no number: at least people were killed"
                }
                LintCheck::WeekdayMismatch => {
                    "weekday-mismatch  # a weekday beside a date it does not fall on"
                }
                LintCheck::SharesOver100 => "shares-over-100  # shares of one whole above 100 %",
            };
            writeln!(out, "check: {check}")?;
        }
        RuleKind::Quote(q) => explain_quotes(out, q)?,
        RuleKind::Person => {
            writeln!(
                out,
                "person:  # ages and first-name spellings of one person across outlets"
            )?;
            writeln!(
                out,
                "  days_apart: 180  # stories further apart are not compared"
            )?;
        }
    }
    explain_tests(out, r)
}

/// `[a, b]`, or `[]`.
fn bracketed(v: &[String]) -> String {
    if v.is_empty() {
        "[]".to_string()
    } else {
        format!("[{}]", v.join(", "))
    }
}

/// What a figure or date rule matches and how it compares.
fn explain_figures(out: &mut dyn Write, how: &FigureRule) -> io::Result<()> {
    let percent = |x: f64| format!("{}%", interval_number(x * 100.0));
    writeln!(out, "match:")?;
    let any = |v: &[String]| if v.is_empty() { "  # anything" } else { "" };
    writeln!(
        out,
        "  counted: {}{}",
        bracketed(&how.matcher.counted),
        any(&how.matcher.counted)
    )?;
    writeln!(
        out,
        "  event: {}{}",
        bracketed(&how.matcher.event),
        any(&how.matcher.event)
    )?;
    writeln!(out, "  unless: {}", bracketed(&how.matcher.unless))?;
    let unit = match &how.matcher.unit {
        UnitMatch::Any => "any".to_string(),
        UnitMatch::Money => "money  # any currency".to_string(),
        UnitMatch::Exact(u) => u.clone(),
    };
    writeln!(out, "  unit: {unit}")?;
    writeln!(out, "compare:")?;
    writeln!(
        out,
        "  tolerance: {}  # slack beyond the qualifiers' own meaning",
        percent(how.compare.tolerance)
    )?;
    writeln!(
        out,
        "  approx: {}  # what \"around\" and \"about\" mean",
        percent(how.compare.approx)
    )?;
    writeln!(
        out,
        "  cumulative: {}  # {}",
        how.compare.cumulative,
        if how.compare.cumulative {
            "only grows: a later, higher figure is an update"
        } else {
            "a later figure may be higher or lower"
        }
    )?;
    writeln!(
        out,
        "  scope: {}",
        if how.compare.scope_must_match {
            "must-match  # figures of different places are different measures"
        } else {
            "ignore  # places do not matter"
        }
    )?;
    Ok(())
}

/// A quote rule's severity for each class of change.
fn explain_quotes(out: &mut dyn Write, q: &QuoteRule) -> io::Result<()> {
    let s = &q.severities;
    writeln!(out, "quote:")?;
    writeln!(out, "  severity:")?;
    for (class, level) in [
        ("negation", Some(s.negation)),
        ("number", Some(s.number)),
        ("word", Some(s.word)),
        ("rewording", Some(s.rewording)),
        ("omission", Some(s.omission)),
        ("form", Some(s.form)),
        ("tense", Some(s.tense)),
        ("function", Some(s.function)),
        ("partial", s.partial),
        ("misattribution", Some(s.misattribution)),
    ] {
        writeln!(
            out,
            "    {class}: {}",
            level.map_or("off", Severity::as_str)
        )?;
    }
    Ok(())
}

/// The rule's own tests, one line each.
fn explain_tests(out: &mut dyn Write, r: &Rule) -> io::Result<()> {
    if !r.tests.is_empty() {
        writeln!(out, "tests:")?;
        for t in &r.tests {
            writeln!(
                out,
                "  - {}  # {} stor{}, {}",
                t.name,
                t.stories.len(),
                if t.stories.len() == 1 { "y" } else { "ies" },
                if t.expect.is_empty() {
                    "must not fire".to_string()
                } else {
                    format!("{} finding(s) expected", t.expect.len())
                }
            )?;
        }
    }
    Ok(())
}

/// Each case's result, then the counts.
pub fn tests(out: &mut dyn Write, results: &[CaseResult]) -> io::Result<()> {
    let failed = results.iter().filter(|r| r.failure.is_some()).count();
    for r in results {
        match &r.failure {
            None => writeln!(out, "ok     {} / {}", r.rule, r.case)?,
            Some(why) => writeln!(out, "FAILED {} / {}: {why}", r.rule, r.case)?,
        }
    }
    writeln!(
        out,
        "rules: {} passed, {} failed",
        results.len() - failed,
        failed
    )
}
