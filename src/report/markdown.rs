//! Markdown, for pull-request comments and the job summary. Every story
//! field is escaped ([`super::escape`]): text as text, paths and event
//! names as code.

use super::escape::{markdown as md, markdown_code as code};
use super::{CheckReport, Emitter, Tables, evidence_text, mark, measures_shown, more_note};
use super::{measure_name, people_shown, rejected_in_order};
use crate::rules::{EventGroup, Finding, Measure, Severity};
use std::io::{self, Write};

/// The Markdown report.
#[derive(Debug)]
pub(super) struct Markdown;

impl Emitter for Markdown {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        markdown(w, r)
    }
}

/// A word diff in Markdown: deletions struck through, insertions in bold,
/// each word escaped ([`md`]).
pub(crate) fn markdown_diff(parts: &[(crate::quote::diff::Op, String)]) -> String {
    use crate::quote::diff::Op;
    parts
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(op, text)| match op {
            Op::Equal => md(text),
            Op::Delete => format!("~~{}~~", md(text)),
            Op::Insert => format!("**{}**", md(text)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Markdown report for pull-request comments and job summaries. Every
/// story field is escaped ([`super::escape`]): text as text, paths and
/// event names as code.
pub(crate) fn markdown(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    summary(w, r)?;
    rejected(w, r)?;
    for g in r.events {
        event(w, r, g)?;
    }
    Ok(())
}

/// Writes the heading and the one-line tally of findings, events and stories.
fn summary(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let count = |s: Severity| r.shown().filter(|f| f.severity == s).count();
    writeln!(w, "## crosscheck\n")?;
    writeln!(
        w,
        "**{} error(s), {} warning(s), {} info** in {} event(s); {} stories checked, {} rejected.\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        r.events.len(),
        r.analyses.len(),
        r.rejected.len()
    )
}

/// Writes one bullet per rejected story, with its position, and a blank
/// line after them when there were any.
fn rejected(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    for x in rejected_in_order(r.rejected) {
        let at = match (x.line, x.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", x.path),
            (Some(l), None) => format!("{}:{l}", x.path),
            _ => x.path.clone(),
        };
        writeln!(w, "- ❌ rejected {}: {}", code(&at), md(&x.reason))?;
    }
    if !r.rejected.is_empty() {
        writeln!(w)?;
    }
    Ok(())
}

/// Writes one event's section: its heading and grouping reason, the
/// measure and people tables the report's `--tables` asks for, then its
/// findings.
fn event(w: &mut dyn Write, r: &CheckReport<'_>, g: &EventGroup) -> io::Result<()> {
    writeln!(w, "### Event {}\n", code(&g.event))?;
    if let Some(why) = &g.reason {
        writeln!(w, "Grouped: {}\n", md(why))?;
    }
    let which = r.tables.unwrap_or(Tables::All);
    measures_table(w, r, g, which)?;
    people_table(w, r, g, which)?;
    for f in r.shown().filter(|f| *f.event == *g.event) {
        finding(w, r, f)?;
    }
    writeln!(w)
}

/// Writes the event's measure table (one row per outlet and measure) and a
/// blank line after it; nothing when no measure is shown.
fn measures_table(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    g: &EventGroup,
    which: Tables,
) -> io::Result<()> {
    let measures: Vec<&Measure> = measures_shown(g, which).collect();
    if measures.is_empty() {
        return Ok(());
    }
    writeln!(w, "| measure | outlet | says | |\n|---|---|---|---|")?;
    for m in measures {
        for (s, ks) in &m.cells {
            let a = &r.analyses[*s];
            let says: Vec<String> = ks
                .iter()
                .map(|&k| {
                    format!(
                        "\u{201c}{}\u{201d}",
                        md(a.story.slice(a.claims[k].surface()))
                    )
                })
                .collect();
            writeln!(
                w,
                "| {} | {} | {} | {} |",
                md(&measure_name(&m.title)),
                md(&a.story.outlet),
                says.join("; "),
                mark(r.analyses, m, *s, ks).text()
            )?;
        }
    }
    writeln!(w)
}

/// Writes the event's people table (one row per person and outlet) and a
/// blank line after it; nothing when no person is shown.
fn people_table(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    g: &EventGroup,
    which: Tables,
) -> io::Result<()> {
    let people: Vec<&crate::rules::person::PersonRow> = people_shown(g, which).collect();
    if people.is_empty() {
        return Ok(());
    }
    writeln!(
        w,
        "| person | role | outlet | as written | age | |\n|---|---|---|---|---|---|"
    )?;
    for p in people {
        let mark = if p.differs {
            "✗ differs"
        } else {
            "✓ agrees"
        };
        for (s, name, age) in &p.cells {
            writeln!(
                w,
                "| {} | {} | {} | {} | {age} | {mark} |",
                md(&p.name),
                p.role.unwrap_or(""),
                md(&r.analyses[*s].story.outlet),
                md(name)
            )?;
        }
    }
    writeln!(w)
}

/// Writes one finding as a bullet (severity icon, rule, title) with its
/// evidence, the note on evidence left out, why it fired and, for quotes,
/// the word diff.
fn finding(w: &mut dyn Write, r: &CheckReport<'_>, f: &Finding) -> io::Result<()> {
    let icon = match f.severity {
        Severity::Error => "🔴",
        Severity::Warning => "🟠",
        Severity::Info => "🔵",
    };
    writeln!(
        w,
        "- {icon} **{}** {} — {}",
        f.severity.as_str(),
        code(&f.rule),
        md(&f.title)
    )?;
    let (shown, rest) = r.evidence(f);
    for e in shown {
        let a = &r.analyses[e.story];
        let p = a.story.position(e.span.start);
        writeln!(
            w,
            "  - {} {}",
            code(&format!("{}:{}:{}", a.story.path, p.line, p.column)),
            md(&evidence_text(r, e))
        )?;
    }
    if let Some(more) = more_note(r.analyses, &rest, md) {
        writeln!(w, "  - {more}")?;
    }
    let why = super::explain::explain(f, r.rules);
    writeln!(w, "  - why: {} — {}", md(&why.what), md(&why.level))?;
    if let Some(d) = &f.diff {
        writeln!(w, "  - words: {}", markdown_diff(&d.parts))?;
    }
    Ok(())
}
