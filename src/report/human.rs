//! The terminal: each finding as rustc shows an error (annotate-snippets),
//! the outlets' lines with the figure underlined and notes on why, then
//! per event a table of what each outlet says about each measure.

use super::escape::terminal as term;
use super::{CheckReport, Emitter, Mark, Tables, counts, mark, measures_shown, more_note};
use super::{measure_name, not_compared, people_shown, rejected_in_order, render_diff};
use crate::notation::interval_text;
use crate::rules::person::PersonRow;
use crate::rules::{EventGroup, Evidence, Finding, Measure, Severity};
use crate::story::Position;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

/// The human report.
#[derive(Debug)]
pub(super) struct Human;

impl Emitter for Human {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, color: bool) -> io::Result<()> {
        human(w, r, color)
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn human(w: &mut dyn Write, r: &CheckReport<'_>, color: bool) -> io::Result<()> {
    human_windowed(w, r, color, super::snippet::LONG_LINE)
}

/// annotate-snippets shows C0 controls and bidi overrides in a source
/// line as visible characters but passes C1 controls (U+009B is CSI to many
/// terminals): replace those too, moving the span `start..end` with them.
fn without_c1(
    line: std::borrow::Cow<'_, str>,
    start: usize,
    end: usize,
) -> (std::borrow::Cow<'_, str>, usize, usize) {
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !line.chars().any(c1) {
        return (line, start, end);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let (mut s, mut e) = (None, None);
    for (i, c) in line.char_indices() {
        if s.is_none() && i >= start {
            s = Some(out.len());
        }
        if e.is_none() && i >= end {
            e = Some(out.len());
        }
        out.push(if c1(c) { '\u{fffd}' } else { c });
    }
    let (s, e) = (s.unwrap_or(out.len()), e.unwrap_or(out.len()));
    (std::borrow::Cow::Owned(out), s, e.max(s))
}

/// The human report, with snippet lines longer than `long` bytes windowed.
fn human_windowed(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    color: bool,
    long: usize,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for f in r.shown() {
        finding(w, r, f, &renderer, color, long)?;
    }
    for x in rejected_in_order(r.rejected) {
        writeln!(w, "rejected: {}", term(&x.to_string()))?;
    }
    tables(w, r, color)?;
    tally(w, r)
}

/// One evidence of a finding as its snippet shows it.
struct Shown<'a> {
    evidence: &'a Evidence,
    /// Where the evidence starts in its file.
    pos: Position,
    /// Its line, or a window on a long one.
    line: super::snippet::Line<'a>,
    /// The outlet, with the claim's source when it has one.
    label: String,
}

/// Writes one finding as rustc writes an error (its title, each
/// evidence's line with the figure underlined, the notes), then a blank
/// line.
fn finding(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    f: &Finding,
    renderer: &Renderer,
    color: bool,
    long: usize,
) -> io::Result<()> {
    let title = format!("{} [{}]", term(&f.title), term(&f.rule));
    let (evidence, rest) = r.evidence(f);
    let shown = shown_lines(r, evidence, long);
    let notes = notes(r, f, &rest, color);
    // a window's header column is put right after rendering: every
    // path of the group then carries a marker to find the headers by
    let windowed = shown.iter().any(|s| s.line.window);
    let marker = if windowed {
        header_marker(r, &shown, &title, &notes)
    } else {
        String::new()
    };
    let cleaned = cleaned_lines(&shown);
    let group = snippet_group(r, f, title, &shown, &cleaned, &marker, notes);
    let rendered = renderer.render(&[group]);
    if windowed {
        let columns: Vec<Option<usize>> = shown
            .iter()
            .map(|s| s.line.window.then_some(s.pos.column))
            .collect();
        writeln!(
            w,
            "{}",
            super::snippet::fix_headers(&rendered, &marker, &columns)
        )?;
    } else {
        writeln!(w, "{rendered}")?;
    }
    writeln!(w)
}

/// Each evidence's line, shifted so the column is the file's own (HTML
/// markup and JSON escapes are not in the story text); a long one is a
/// window around the figure (see `snippet`).
fn shown_lines<'a>(
    r: &'a CheckReport<'_>,
    evidence: Vec<&'a Evidence>,
    long: usize,
) -> Vec<Shown<'a>> {
    evidence
        .into_iter()
        .map(|e| {
            let a = &r.analyses[e.story];
            let pos = a.story.position(e.span.start);
            let (from, line) = a.story.line_at(e.span.start);
            let claim = e.claim.map(|k| &a.claims[k]);
            let label = match claim.and_then(|c| c.source.as_deref()) {
                Some(src) => format!("{} ({})", term(&a.story.outlet), term(src)),
                None => term(&a.story.outlet).into_owned(),
            };
            let line = super::snippet::line(
                &a.story,
                line,
                from,
                e.span.clone(),
                pos.column,
                label.chars().count(),
                long,
            );
            Shown {
                evidence: e,
                pos,
                line,
                label,
            }
        })
        .collect()
}

/// The notes under a finding's snippets, in order: why it fired, its
/// level, the word diff of a quote, the evidence left out, its event.
fn notes(r: &CheckReport<'_>, f: &Finding, rest: &[&Evidence], color: bool) -> [Option<String>; 5] {
    let why = super::explain::explain(f, r.rules);
    [
        Some(format!("why: {}", term(&why.what))),
        Some(term(&why.level).into_owned()),
        f.diff
            .as_ref()
            .map(|d| format!("words: {}", render_diff(&d.parts, color))),
        more_note(r.analyses, rest, |o| term(o).into_owned()),
        Some(format!("event: {}", term(&f.event))),
    ]
}

/// The marker every path of a windowed group carries: text found in none
/// of the group's lines, labels, paths, title or notes.
fn header_marker(
    r: &CheckReport<'_>,
    shown: &[Shown<'_>],
    title: &str,
    notes: &[Option<String>],
) -> String {
    let texts: Vec<&str> = shown
        .iter()
        .flat_map(|s| {
            [
                s.line.text.as_ref(),
                s.label.as_str(),
                &*r.analyses[s.evidence.story].story.path,
            ]
        })
        .chain([title])
        .chain(notes.iter().flatten().map(String::as_str))
        .collect();
    super::snippet::marker(&texts)
}

/// Each shown line with C1 controls out ([`without_c1`]), and the
/// evidence's span in it, moved with them.
fn cleaned_lines<'a>(shown: &'a [Shown<'_>]) -> Vec<(std::borrow::Cow<'a, str>, usize, usize)> {
    shown
        .iter()
        .map(|s| {
            let (e, line) = (s.evidence, &s.line);
            let start = e.span.start.wrapping_sub(line.origin);
            let end = e
                .span
                .end
                .wrapping_sub(line.origin)
                .min(line.text.len())
                .max(start + 1)
                .min(line.text.len().max(start));
            without_c1(std::borrow::Cow::Borrowed(line.text.as_ref()), start, end)
        })
        .collect()
}

/// The finding's annotate-snippets group: its title at the finding's
/// level, a snippet per evidence (the span underlined and labelled, the
/// path followed by `marker`), then the notes.
fn snippet_group<'a>(
    r: &CheckReport<'_>,
    f: &Finding,
    title: String,
    shown: &'a [Shown<'_>],
    cleaned: &'a [(std::borrow::Cow<'a, str>, usize, usize)],
    marker: &str,
    notes: [Option<String>; 5],
) -> Group<'a> {
    let mut group = Group::with_title(level(f.severity).primary_title(title));
    for (s, (text, start, end)) in shown.iter().zip(cleaned) {
        let (start, end) = (*start, *end);
        let a = &r.analyses[s.evidence.story];
        let kind = if s.evidence.primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        // a headline from front matter sits on its own line of the file
        let line_no = s.pos.line;
        group = group.element(
            Snippet::source(text.as_ref())
                .line_start(line_no)
                .path(format!("{}{marker}", term(&a.story.path)))
                .annotation(kind.span(start..end).label(s.label.as_str())),
        );
    }
    for note in notes.into_iter().flatten() {
        group = group.element(Level::NOTE.message(note));
    }
    group
}

/// Writes the last line: the findings by level, the events, the stories
/// checked and rejected, and how many findings `--min-level` hides.
fn tally(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let c = counts(r.findings.iter());
    let shown = counts(r.shown());
    let hidden = (c.error + c.warning + c.info) - (shown.error + shown.warning + shown.info);
    writeln!(
        w,
        "{} error{}, {} warning{}, {} info in {} event{} ({} stories checked, {} rejected){}",
        c.error,
        if c.error == 1 { "" } else { "s" },
        c.warning,
        if c.warning == 1 { "" } else { "s" },
        c.info,
        r.events.len(),
        if r.events.len() == 1 { "" } else { "s" },
        r.analyses.len(),
        r.rejected.len(),
        if hidden > 0 {
            format!("; {hidden} below --min-level not shown")
        } else {
            String::new()
        }
    )
}

/// The terminal styles of the tables: escape sequences with colour, empty
/// strings without.
#[derive(Debug, Clone, Copy)]
struct Style {
    bold: &'static str,
    dim: &'static str,
    red: &'static str,
    green: &'static str,
    reset: &'static str,
}

impl Style {
    fn new(color: bool) -> Style {
        if color {
            Style {
                bold: "\x1b[1m",
                dim: "\x1b[2m",
                red: "\x1b[31m",
                green: "\x1b[32m",
                reset: "\x1b[0m",
            }
        } else {
            Style {
                bold: "",
                dim: "",
                red: "",
                green: "",
                reset: "",
            }
        }
    }
}

/// Per event: each measure and what each outlet says about it, in
/// aligned columns; by default only the measures on which outlets
/// disagree.
fn tables(w: &mut dyn Write, r: &CheckReport<'_>, color: bool) -> io::Result<()> {
    let style = Style::new(color);
    let which = r.tables.unwrap_or(Tables::Disagreements);
    let mut quiet = 0;
    for g in r.events {
        if which == Tables::None {
            break;
        }
        let measures: Vec<&Measure> = measures_shown(g, which).collect();
        let people: Vec<&PersonRow> = people_shown(g, which).collect();
        if measures.is_empty() && people.is_empty() && which == Tables::Disagreements {
            quiet += 1;
            continue;
        }
        event_heading(w, r, g, style)?;
        measure_rows(w, r, &measures, style)?;
        people_rows(w, r, &people, style)?;
        writeln!(w)?;
    }
    quiet_note(w, quiet, style)
}

/// Writes an event's heading (its name, stories and outlets) and the
/// reason it was grouped, when there is one.
fn event_heading(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    g: &EventGroup,
    style: Style,
) -> io::Result<()> {
    let Style {
        bold, dim, reset, ..
    } = style;
    let outlets: Vec<std::borrow::Cow<'_, str>> = g
        .stories
        .iter()
        .map(|&s| term(&r.analyses[s].story.outlet))
        .collect();
    writeln!(
        w,
        "{bold}event {}{reset} {dim}— {} stories: {}{reset}",
        term(&g.event),
        g.stories.len(),
        outlets.join(", ")
    )?;
    if let Some(why) = &g.reason {
        writeln!(w, "  {dim}grouped: {}{reset}", term(why))?;
    }
    Ok(())
}

/// Writes each measure's heading, then a row per outlet: its mark, the
/// outlet padded to the widest of the event's (up to 32 columns), and
/// what it says.
fn measure_rows(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    measures: &[&Measure],
    style: Style,
) -> io::Result<()> {
    let Style {
        bold,
        dim,
        red,
        green,
        reset,
    } = style;
    // the widest outlet of the event's tables, up to a point
    let width = measures
        .iter()
        .flat_map(|m| &m.cells)
        .map(|(s, _)| term(&r.analyses[*s].story.outlet).chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    let mark_width = Mark::OnlyOne.text().chars().count();
    for m in measures {
        writeln!(
            w,
            "  {bold}{}{reset} {dim}[{}]{reset}",
            term(&measure_name(&m.title)),
            term(&m.rule)
        )?;
        for (s, ks) in &m.cells {
            let a = &r.analyses[*s];
            let parts: Vec<String> = ks.iter().map(|&k| says(a, k, style)).collect();
            let m = mark(r.analyses, m, *s, ks);
            let colour = match m {
                Mark::Differs => red,
                Mark::Agrees => green,
                Mark::OnlyOne | Mark::NotCompared => dim,
            };
            let outlet = term(&a.story.outlet);
            let pad = width.saturating_sub(outlet.chars().count());
            writeln!(
                w,
                "    {colour}{:<mark_width$}{reset}  {outlet}{:pad$}  {}",
                m.text(),
                "",
                parts.join("; ")
            )?;
        }
    }
    Ok(())
}

/// What claim `k` of `a` says in a table row: its words quoted, then
/// dimmed its interval, its source and why it was not compared.
fn says(a: &crate::Analysis, k: usize, style: Style) -> String {
    let Style { dim, reset, .. } = style;
    let c = &a.claims[k];
    let text = term(a.story.slice(c.surface()));
    let src = c
        .source
        .as_deref()
        .map(|x| format!(", {}", term(x)))
        .unwrap_or_default();
    let apart = not_compared(c)
        .map(|why| format!(", not compared: {why}"))
        .unwrap_or_default();
    format!(
        "\u{201c}{text}\u{201d} {dim}{}{src}{apart}{reset}",
        interval_text(&c.quantity)
    )
}

/// Writes the people table: its heading when there is anyone, then per
/// person a marked line and what each outlet writes (name and age).
fn people_rows(
    w: &mut dyn Write,
    r: &CheckReport<'_>,
    people: &[&PersonRow],
    style: Style,
) -> io::Result<()> {
    let Style {
        bold,
        dim,
        red,
        green,
        reset,
    } = style;
    if !people.is_empty() {
        writeln!(w, "  {bold}People{reset} {dim}[person-facts]{reset}")?;
    }
    for p in people {
        let role = p.role.map(|r| format!(", {r}")).unwrap_or_default();
        let (colour, mark) = if p.differs {
            (red, "✗ differs")
        } else if p.cells.len() < 2 {
            (dim, "· only one outlet")
        } else {
            (green, "✓ agrees")
        };
        writeln!(
            w,
            "    {colour}{mark}{reset}  {bold}{}{reset}{dim}{role}{reset}",
            term(&p.name)
        )?;
        let pwidth = p
            .cells
            .iter()
            .map(|(s, _, _)| term(&r.analyses[*s].story.outlet).chars().count())
            .max()
            .unwrap_or(0)
            .min(32);
        for (s, name, age) in &p.cells {
            let outlet = term(&r.analyses[*s].story.outlet);
            let pad = pwidth.saturating_sub(outlet.chars().count());
            writeln!(w, "      {outlet}{:pad$}  {}, {age}", "", term(name))?;
        }
    }
    Ok(())
}

/// Writes how many events the tables left out for having no
/// disagreement; nothing when none was.
fn quiet_note(w: &mut dyn Write, quiet: usize, style: Style) -> io::Result<()> {
    let Style { dim, reset, .. } = style;
    if quiet > 0 {
        writeln!(
            w,
            "{dim}{quiet} event{} with no disagreement in its tables (--tables all shows them){reset}\n",
            if quiet == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Check stories given as (file name, bytes) as `check` does (one
    /// event, compacted) and render the human report with lines longer
    /// than `long` bytes windowed.
    fn human_report<const N: usize>(
        files: &[(&str, String)],
        color: bool,
        longs: [usize; N],
    ) -> [String; N] {
        let rules = crate::rules::defaults().unwrap();
        let mut analyses = Vec::new();
        for (name, body) in files {
            let b = crate::story::from_bytes(name, body.as_bytes());
            assert!(b.rejected.is_empty(), "{:?}", b.rejected);
            analyses.extend(b.stories.into_iter().map(crate::analyse));
        }
        let planned = crate::group::Planned {
            event: "e".to_string(),
            stories: (0..analyses.len()).collect(),
            reason: None,
        };
        let (group, findings) = crate::rules::engine::check_event(&analyses, planned, &rules);
        let mut spans = vec![Vec::new(); analyses.len()];
        for f in &findings {
            for e in &f.evidence {
                spans[e.story].push(e.span.clone());
            }
        }
        // every claim kept (the tables cite them; their numbers stay), the
        // text cut to the cited lines as `check` cuts it
        let analyses: Vec<crate::Analysis> = analyses
            .into_iter()
            .zip(&spans)
            .map(|(a, s)| {
                let keep: Vec<usize> = (0..a.claims.len()).collect();
                crate::batch::compact(a, &keep, s).0
            })
            .collect();
        let report = CheckReport {
            analyses: &analyses,
            rejected: &[],
            events: std::slice::from_ref(&group),
            findings: &findings,
            min_level: Severity::Info,
            rules: &rules,
            fail_on: None,
            verbose: false,
            tables: Some(Tables::All),
            run_at: None,
        };
        longs.map(|long| {
            let mut out = Vec::new();
            human_windowed(&mut out, &report, color, long).unwrap();
            String::from_utf8(out).unwrap()
        })
    }

    /// A story of one long line and a page on one line, with figures
    /// (dangling quantifiers) among long words, runs of white space, wide
    /// and multi-byte characters: the windowed report is the whole-line
    /// report, byte for byte.
    #[test]
    fn a_window_shows_what_the_whole_line_shows() {
        use proptest::prelude::*;
        let piece = prop_oneof![
            4 => "[a-z]{1,12}",
            1 => "[a-zé中😀]{1,30}",
            1 => " {1,200}",
            1 => "[ \t]{1,6}",
            2 => Just("at least people were killed".to_string()),
        ];
        let config = ProptestConfig {
            cases: 24,
            ..ProptestConfig::default()
        };
        let mut runner = proptest::test_runner::TestRunner::new(config);
        runner
            .run(
                &(
                    prop::collection::vec(piece, 100..400),
                    "[A-Za-z ]{0,60}",
                    any::<bool>(),
                ),
                |(pieces, outlet, color)| {
                    let line = pieces.join(" ");
                    let txt = format!("---\noutlet: {outlet:?}\n---\n{line}. \n");
                    let items: String = pieces
                        .chunks(7)
                        .map(|c| {
                            ["<li>", &c.join(" "), ".</li><p>", &c.join("&amp;"), ".</p>"].concat()
                        })
                        .collect();
                    let html =
                        format!("<html><body><article><ul>{items}</ul></article></body></html>");
                    let files = [("a.txt", txt), ("b.html", html)];
                    let [windowed, long, whole] =
                        human_report(&files, color, [0, 1000, usize::MAX]);
                    prop_assert!(whole.contains("..."), "no line was long enough to cut");
                    prop_assert_eq!(&windowed, &whole);
                    prop_assert_eq!(&long, &whole);
                    Ok(())
                },
            )
            .unwrap();
    }

    /// A window that would start in a long run of white space before the
    /// figure starts before the run: annotate-snippets would take the run
    /// for the line's indentation.
    #[test]
    fn a_window_starts_before_white_space() {
        for (run, tail) in [(600, 0), (2000, 0), (600, 3000), (530, 10)] {
            let line = format!(
                "{}{}at least people were killed in town.{}",
                "word ".repeat(300),
                " ".repeat(run),
                " more".repeat(tail)
            );
            let indented = format!("{}{}", " ".repeat(run), line);
            for body in [line, indented] {
                let files = [("a.txt", body)];
                let [windowed, whole] = human_report(&files, false, [0, usize::MAX]);
                assert!(whole.contains("at least"), "{whole}");
                assert_eq!(windowed, whole, "run of {run}");
            }
        }
    }
}
