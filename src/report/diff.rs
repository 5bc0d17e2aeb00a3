//! Output of `crosscheck diff A B`: two stories side by side for an editor.

use super::check::render_diff;
use super::measure_name;
use crate::Analysis;
use crate::extract::frame::Claim;
use crate::rules::Severity;
use crate::rules::pair::{PairReport, RowStatus};
use std::io::{self, Write};

/// Output formats of `crosscheck diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Human,
    Markdown,
    Html,
}

fn phrase(a: &Analysis, c: &Claim) -> String {
    let text = a.story.slice(c.surface());
    match (&c.quantity.date, c.source.as_deref()) {
        (Some(d), _) => format!("\u{201c}{text}\u{201d} ({d})"),
        (None, Some(src)) => format!("\u{201c}{text}\u{201d} ({src})"),
        (None, None) => format!("\u{201c}{text}\u{201d}"),
    }
}

fn cell(a: &Analysis, claims: &[usize]) -> String {
    if claims.is_empty() {
        return "—".to_string();
    }
    claims
        .iter()
        .map(|&k| phrase(a, &a.claims[k]))
        .collect::<Vec<_>>()
        .join("; ")
}

fn status(s: RowStatus) -> (&'static str, &'static str) {
    match s {
        RowStatus::Agree => ("✓", "agrees"),
        RowStatus::Differ => ("✗", "differs"),
        RowStatus::OnlyA => ("·", "only in A"),
        RowStatus::OnlyB => ("·", "only in B"),
    }
}

fn header(a: &Analysis) -> String {
    let s = &a.story;
    let published = s.published.map(|d| format!(", {d}")).unwrap_or_default();
    format!("{} — {}{published}", s.outlet, s.path)
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Write the comparison of two stories.
pub fn write(
    w: &mut dyn Write,
    format: DiffFormat,
    analyses: &[Analysis],
    r: &PairReport,
    color: bool,
) -> io::Result<()> {
    let (a, b) = (&analyses[0], &analyses[1]);
    let quote = |x: &Analysis, run: &std::ops::Range<usize>| {
        crate::quote::statement_text(&x.story.text, &x.quotes, run).replace('\n', " ")
    };
    let lint: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.kind == crate::rules::Kind::Lint)
        .collect();
    match format {
        DiffFormat::Html => {
            w.write_all(super::html::render_pair(analyses, r).as_bytes())?;
            return writeln!(w);
        }
        DiffFormat::Human => {
            let (bold, dim, reset) = if color {
                ("\x1b[1m", "\x1b[2m", "\x1b[0m")
            } else {
                ("", "", "")
            };
            writeln!(w, "{bold}A{reset} {}", header(a))?;
            writeln!(w, "{bold}B{reset} {}", header(b))?;
            writeln!(w, "\n{bold}Figures and dates{reset}")?;
            if r.figures.is_empty() {
                writeln!(w, "  {dim}no figure the rules measure{reset}")?;
            }
            for row in &r.figures {
                let (mark, word) = status(row.status);
                let sev = row
                    .severity
                    .map(|s| format!(" [{}]", s.as_str()))
                    .unwrap_or_default();
                writeln!(
                    w,
                    "  {mark} {word:<9} {bold}{}{reset}{sev}",
                    measure_name(&row.title)
                )?;
                writeln!(w, "      A {}", cell(a, &row.a))?;
                writeln!(w, "      B {}", cell(b, &row.b))?;
            }
            writeln!(w, "\n{bold}Quotes{reset}")?;
            if r.quotes.is_empty() {
                writeln!(w, "  {dim}no quotation in both stories{reset}")?;
            }
            for q in &r.quotes {
                let who = q.speaker.as_deref().unwrap_or("unnamed speaker");
                let (mark, what) = if q.misattributed {
                    ("✗", "given to different speakers".to_string())
                } else if q.diff.classes.is_empty() {
                    ("✓", "same words".to_string())
                } else {
                    (
                        "✗",
                        q.diff
                            .classes
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                };
                writeln!(w, "  {mark} {bold}{who}{reset} {dim}({what}){reset}")?;
                writeln!(w, "      A \u{201c}{}\u{201d}", quote(a, &q.a))?;
                writeln!(w, "      B \u{201c}{}\u{201d}", quote(b, &q.b))?;
                if !q.diff.classes.is_empty() {
                    writeln!(w, "      {}", render_diff(&q.diff.parts, color))?;
                }
            }
            if !lint.is_empty() {
                writeln!(w, "\n{bold}Each story alone{reset}")?;
                for f in &lint {
                    let s = &analyses[f.evidence[0].story];
                    writeln!(
                        w,
                        "  {} {} ({})",
                        f.severity.as_str(),
                        f.message,
                        s.story.outlet
                    )?;
                }
            }
        }
        DiffFormat::Markdown => {
            writeln!(
                w,
                "# {} ↔ {}\n",
                md_escape(&a.story.outlet),
                md_escape(&b.story.outlet)
            )?;
            writeln!(
                w,
                "- **A**: {}\n- **B**: {}\n",
                md_escape(&header(a)),
                md_escape(&header(b))
            )?;
            writeln!(w, "## Figures and dates\n")?;
            writeln!(w, "| | measure | A | B |\n|---|---|---|---|")?;
            for row in &r.figures {
                let (mark, word) = status(row.status);
                let sev = row
                    .severity
                    .map(|s| format!(" ({})", s.as_str()))
                    .unwrap_or_default();
                writeln!(
                    w,
                    "| {mark} {word}{sev} | {} | {} | {} |",
                    md_escape(&measure_name(&row.title)),
                    md_escape(&cell(a, &row.a)),
                    md_escape(&cell(b, &row.b))
                )?;
            }
            writeln!(w, "\n## Quotes\n")?;
            for q in &r.quotes {
                let who = q.speaker.as_deref().unwrap_or("unnamed speaker");
                let what = if q.misattributed {
                    "given to different speakers".to_string()
                } else if q.diff.classes.is_empty() {
                    "same words".to_string()
                } else {
                    q.diff
                        .classes
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                writeln!(w, "- **{}** ({what})", md_escape(who))?;
                writeln!(w, "  - A: \u{201c}{}\u{201d}", md_escape(&quote(a, &q.a)))?;
                writeln!(w, "  - B: \u{201c}{}\u{201d}", md_escape(&quote(b, &q.b)))?;
                if !q.diff.classes.is_empty() {
                    writeln!(
                        w,
                        "  - words: {}",
                        md_escape(&super::ci::markdown_diff(&q.diff.parts))
                    )?;
                }
            }
            if !lint.is_empty() {
                writeln!(w, "\n## Each story alone\n")?;
                for f in &lint {
                    writeln!(w, "- {}: {}", f.severity.as_str(), md_escape(&f.message))?;
                }
            }
        }
    }
    let count = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        w,
        "\n{} error(s), {} warning(s), {} info",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}
