//! Output of `crosscheck diff A B`: two stories side by side for an editor,
//! in the terminal, in Markdown, or as an HTML page made of the HTML
//! report's pieces.

use super::escape::{markdown as md, terminal as term};
use super::html::{finding_of, page, safe_url, sev_class, word_diff};
use super::markdown::markdown_diff;
use super::{measure_name, render_diff};
use crate::Analysis;
use crate::extract::frame::Claim;
use crate::notation::interval_text;
use crate::rules::pair::{PairReport, RowStatus};
use crate::rules::{Evidence, Finding, Kind, Rule, Severity};
use maud::{Markup, html};
use std::io::{self, Write};

/// Output formats of `crosscheck diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Human,
    Markdown,
    Html,
}

impl DiffFormat {
    /// Each format by its name on the command line.
    pub const NAMES: [(&'static str, DiffFormat); 3] = [
        ("human", DiffFormat::Human),
        ("markdown", DiffFormat::Markdown),
        ("html", DiffFormat::Html),
    ];
}

/// A claim as a reader sees it; `safe` escapes story text for the output.
fn phrase(a: &Analysis, c: &Claim, safe: fn(&str) -> String) -> String {
    let text = safe(a.story.slice(c.surface()));
    match (&c.quantity.date, c.source.as_deref()) {
        (Some(d), _) => format!("\u{201c}{text}\u{201d} ({d})"),
        (None, Some(src)) => format!("\u{201c}{text}\u{201d} ({})", safe(src)),
        (None, None) => format!("\u{201c}{text}\u{201d}"),
    }
}

fn cell(a: &Analysis, claims: &[usize], safe: fn(&str) -> String) -> String {
    if claims.is_empty() {
        return "—".to_string();
    }
    claims
        .iter()
        .map(|&k| phrase(a, &a.claims[k], safe))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A person as story `s` (0 for A, 1 for B) gives them: `Ana Ode, 19`.
pub(crate) fn person_cell(
    p: &crate::rules::person::PersonRow,
    s: usize,
    safe: fn(&str) -> String,
) -> String {
    p.cells
        .iter()
        .find(|c| c.0 == s)
        .map_or("—".to_string(), |(_, name, age)| {
            format!("{}, {age}", safe(name))
        })
}

/// How the two stories agree on a person.
pub(crate) fn person_status(p: &crate::rules::person::PersonRow) -> (&'static str, &'static str) {
    match (p.differs, p.cells.len()) {
        (true, _) => ("✗", "differs"),
        (false, 1) if p.cells[0].0 == 0 => ("·", "only in A"),
        (false, 1) => ("·", "only in B"),
        _ => ("✓", "agrees"),
    }
}

fn term_text(s: &str) -> String {
    term(s).into_owned()
}

fn status(s: RowStatus) -> (&'static str, &'static str) {
    match s {
        RowStatus::Agree => ("✓", "agrees"),
        RowStatus::Differ => ("✗", "differs"),
        RowStatus::OnlyA => ("·", "only in A"),
        RowStatus::OnlyB => ("·", "only in B"),
    }
}

fn header(a: &Analysis, safe: fn(&str) -> String) -> String {
    let s = &a.story;
    let published = s.published.map(|d| format!(", {d}")).unwrap_or_default();
    format!("{} — {}{published}", safe(&s.outlet), safe(&s.path))
}

/// A figure no rule measures, by what it is: `person killed`, `house
/// damaged`, `duration:year`.
fn label(c: &Claim) -> String {
    let what = match (&c.counted, &c.event) {
        (Some(n), Some(e)) => format!("{n} {e}"),
        (Some(n), None) => n.clone(),
        (None, Some(e)) => e.clone(),
        (None, None) => String::new(),
    };
    let unit = c.quantity.unit.to_string();
    match (what.is_empty(), unit.as_str()) {
        (true, _) => unit,
        (false, "count") => what,
        (false, _) => format!("{what} ({unit})"),
    }
}

/// The figures of both stories that no rule measures, side by side by
/// what they are ([`label`]): (label, claims of A, claims of B). Years,
/// ordinals and labels are not figures of anything and stay out.
pub(crate) fn other_figures(
    analyses: &[Analysis],
    r: &PairReport,
) -> Vec<(String, Vec<usize>, Vec<usize>)> {
    use crate::extract::quantity::Unit;
    let mut rows: std::collections::BTreeMap<String, (Vec<usize>, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for (side, a) in analyses.iter().take(2).enumerate() {
        let measured: Vec<usize> = r
            .figures
            .iter()
            .flat_map(|row| if side == 0 { &row.a } else { &row.b })
            .copied()
            .collect();
        for (k, c) in a.claims.iter().enumerate() {
            if measured.contains(&k)
                || matches!(c.quantity.unit, Unit::Year | Unit::Ordinal | Unit::Label)
            {
                continue;
            }
            let row = rows.entry(label(c)).or_default();
            if side == 0 { &mut row.0 } else { &mut row.1 }.push(k);
        }
    }
    rows.into_iter().map(|(l, (a, b))| (l, a, b)).collect()
}

/// Two stories compared, as the `diff` writers read them.
struct Pair<'a> {
    analyses: &'a [Analysis],
    r: &'a PairReport,
    rules: &'a [Rule],
    color: bool,
}

impl Pair<'_> {
    fn a(&self) -> &Analysis {
        &self.analyses[0]
    }

    fn b(&self) -> &Analysis {
        &self.analyses[1]
    }

    /// Why a rule's row has its level, when a finding of it says so.
    fn why(&self, rule: &str) -> Option<super::explain::Explanation> {
        super::explain::of_rule(&self.r.findings, rule, self.rules)
    }

    /// The words of a quotation's statement, on one line.
    fn quote(x: &Analysis, run: &std::ops::Range<usize>) -> String {
        crate::quote::statement_text(&x.story.text, &x.quotes, run).replace('\n', " ")
    }

    fn lint(&self) -> Vec<&Finding> {
        self.r
            .findings
            .iter()
            .filter(|f| f.kind == Kind::Lint)
            .collect()
    }

    /// Bold, dim and reset, or nothing without colour.
    fn style(&self) -> (&'static str, &'static str, &'static str) {
        if self.color {
            ("\x1b[1m", "\x1b[2m", "\x1b[0m")
        } else {
            ("", "", "")
        }
    }

    /// The terminal comparison: headers, figures, people, quotes, lint.
    fn human(&self, w: &mut dyn Write) -> io::Result<()> {
        let (a, b) = (self.a(), self.b());
        let (bold, _, reset) = self.style();
        writeln!(w, "{bold}A{reset} {}", header(a, term_text))?;
        writeln!(w, "{bold}B{reset} {}", header(b, term_text))?;
        self.human_figures(w)?;
        self.human_people(w)?;
        self.human_quotes(w)?;
        self.human_lint(w)
    }

    /// The figures the rules measure, then the others side by side.
    fn human_figures(&self, w: &mut dyn Write) -> io::Result<()> {
        let (a, b) = (self.a(), self.b());
        let r = self.r;
        let (bold, dim, reset) = self.style();
        let analyses = self.analyses;
        let why = |rule: &str| self.why(rule);
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
                term(&measure_name(&row.title))
            )?;
            writeln!(w, "      A {}", cell(a, &row.a, term_text))?;
            writeln!(w, "      B {}", cell(b, &row.b, term_text))?;
            if let Some(e) = why(&row.rule) {
                writeln!(
                    w,
                    "      {dim}why: {}; {}{reset}",
                    term(&e.what),
                    term(&e.level)
                )?;
            }
        }
        let others = other_figures(analyses, r);
        if !others.is_empty() {
            writeln!(
                w,
                "\n{bold}Other figures{reset} {dim}(no rule measures them: side by side, not compared){reset}"
            )?;
            for (what, ka, kb) in &others {
                writeln!(w, "  · {bold}{}{reset}", term(what))?;
                writeln!(w, "      A {}", cell(a, ka, term_text))?;
                writeln!(w, "      B {}", cell(b, kb, term_text))?;
            }
        }
        Ok(())
    }

    /// Named people and their ages.
    fn human_people(&self, w: &mut dyn Write) -> io::Result<()> {
        let r = self.r;
        let (bold, dim, reset) = self.style();
        writeln!(w, "\n{bold}People{reset}")?;
        if r.people.is_empty() {
            writeln!(w, "  {dim}no named person with an age{reset}")?;
        }
        for p in &r.people {
            let (mark, word) = person_status(p);
            writeln!(w, "  {mark} {word:<9} {bold}{}{reset}", term(&p.name))?;
            writeln!(w, "      A {}", person_cell(p, 0, term_text))?;
            writeln!(w, "      B {}", person_cell(p, 1, term_text))?;
        }
        Ok(())
    }

    /// Quotations in both stories, word by word.
    fn human_quotes(&self, w: &mut dyn Write) -> io::Result<()> {
        let (a, b) = (self.a(), self.b());
        let r = self.r;
        let (bold, dim, reset) = self.style();
        let color = self.color;
        let term_quote =
            |x: &Analysis, run: &std::ops::Range<usize>| term(&Self::quote(x, run)).into_owned();
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
                ("✗", q.diff.why())
            };
            writeln!(
                w,
                "  {mark} {bold}{}{reset} {dim}({what}){reset}",
                term(who),
                what = term(&what)
            )?;
            writeln!(w, "      A \u{201c}{}\u{201d}", term_quote(a, &q.a))?;
            writeln!(w, "      B \u{201c}{}\u{201d}", term_quote(b, &q.b))?;
            if !q.diff.classes.is_empty() {
                writeln!(w, "      {}", render_diff(&q.diff.parts, color))?;
            }
        }
        Ok(())
    }

    /// What each story gets wrong alone.
    fn human_lint(&self, w: &mut dyn Write) -> io::Result<()> {
        let (bold, _, reset) = self.style();
        let (analyses, rules, lint) = (self.analyses, self.rules, self.lint());
        if !lint.is_empty() {
            writeln!(w, "\n{bold}Each story alone{reset}")?;
            for f in &lint {
                let s = &analyses[f.evidence[0].story];
                let e = super::explain::explain(f, rules);
                writeln!(
                    w,
                    "  {} {}: {} ({})",
                    f.severity.as_str(),
                    term(&f.title),
                    term(&e.what),
                    term(&s.story.outlet)
                )?;
            }
        }
        Ok(())
    }

    /// The Markdown comparison: headers, figures, people, quotes, lint.
    fn markdown(&self, w: &mut dyn Write) -> io::Result<()> {
        let (a, b) = (self.a(), self.b());
        writeln!(w, "# {} ↔ {}\n", md(&a.story.outlet), md(&b.story.outlet))?;
        writeln!(
            w,
            "- **A**: {}\n- **B**: {}\n",
            header(a, md),
            header(b, md)
        )?;
        self.markdown_figures(w)?;
        self.markdown_people(w)?;
        self.markdown_quotes(w)?;
        self.markdown_lint(w)
    }

    /// The figures the rules measure, then the others side by side.
    fn markdown_figures(&self, w: &mut dyn Write) -> io::Result<()> {
        let (a, b) = (self.a(), self.b());
        let r = self.r;
        let analyses = self.analyses;
        let why = |rule: &str| self.why(rule);
        writeln!(w, "## Figures and dates\n")?;
        writeln!(w, "| | measure | A | B |\n|---|---|---|---|")?;
        for row in &r.figures {
            let (mark, word) = status(row.status);
            let sev = row
                .severity
                .map(|s| {
                    let what = why(&row.rule).map(|e| format!(": {}", md(&e.what)));
                    format!(" ({}{})", s.as_str(), what.unwrap_or_default())
                })
                .unwrap_or_default();
            writeln!(
                w,
                "| {mark} {word}{sev} | {} | {} | {} |",
                md(&measure_name(&row.title)),
                cell(a, &row.a, md),
                cell(b, &row.b, md)
            )?;
        }
        let others = other_figures(analyses, r);
        if !others.is_empty() {
            writeln!(w, "\n## Other figures\n")?;
            writeln!(w, "No rule measures these: side by side, not compared.\n")?;
            writeln!(w, "| what | A | B |\n|---|---|---|")?;
            for (what, ka, kb) in &others {
                writeln!(
                    w,
                    "| {} | {} | {} |",
                    md(what),
                    cell(a, ka, md),
                    cell(b, kb, md)
                )?;
            }
        }
        Ok(())
    }

    /// Named people and their ages.
    fn markdown_people(&self, w: &mut dyn Write) -> io::Result<()> {
        let r = self.r;
        if !r.people.is_empty() {
            writeln!(w, "\n## People\n")?;
            writeln!(w, "| | person | A | B |\n|---|---|---|---|")?;
            for p in &r.people {
                let (mark, word) = person_status(p);
                writeln!(
                    w,
                    "| {mark} {word} | {} | {} | {} |",
                    md(&p.name),
                    person_cell(p, 0, md),
                    person_cell(p, 1, md)
                )?;
            }
        }
        Ok(())
    }

    /// Quotations in both stories, word by word.
    fn markdown_quotes(&self, w: &mut dyn Write) -> io::Result<()> {
        let (a, b) = (self.a(), self.b());
        let r = self.r;
        let quote = Self::quote;
        writeln!(w, "\n## Quotes\n")?;
        for q in &r.quotes {
            let who = q.speaker.as_deref().unwrap_or("unnamed speaker");
            let what = if q.misattributed {
                "given to different speakers".to_string()
            } else if q.diff.classes.is_empty() {
                "same words".to_string()
            } else {
                q.diff.why()
            };
            writeln!(w, "- **{}** ({})", md(who), md(&what))?;
            writeln!(w, "  - A: \u{201c}{}\u{201d}", md(&quote(a, &q.a)))?;
            writeln!(w, "  - B: \u{201c}{}\u{201d}", md(&quote(b, &q.b)))?;
            if !q.diff.classes.is_empty() {
                writeln!(w, "  - words: {}", markdown_diff(&q.diff.parts))?;
            }
        }
        Ok(())
    }

    /// What each story gets wrong alone.
    fn markdown_lint(&self, w: &mut dyn Write) -> io::Result<()> {
        let (rules, lint) = (self.rules, self.lint());
        if !lint.is_empty() {
            writeln!(w, "\n## Each story alone\n")?;
            for f in &lint {
                let e = super::explain::explain(f, rules);
                writeln!(
                    w,
                    "- {}: {}: {} ({})",
                    f.severity.as_str(),
                    md(&f.title),
                    md(&e.what),
                    md(&e.level)
                )?;
            }
        }
        Ok(())
    }
}

/// Write the comparison of two stories.
pub fn write(
    w: &mut dyn Write,
    format: DiffFormat,
    analyses: &[Analysis],
    r: &PairReport,
    rules: &[Rule],
    color: bool,
) -> io::Result<()> {
    let pair = Pair {
        analyses,
        r,
        rules,
        color,
    };
    match format {
        DiffFormat::Html => {
            w.write_all(render_pair(analyses, r, rules).as_bytes())?;
            return writeln!(w);
        }
        DiffFormat::Human => pair.human(w)?,
        DiffFormat::Markdown => pair.markdown(w)?,
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

/// The claims `ks` of a story in a cell: each quoted, with its interval.
fn pair_cell(x: &Analysis, ks: &[usize]) -> Markup {
    html! {
        @if ks.is_empty() { span class="muted" { "—" } }
        @for (i, &k) in ks.iter().enumerate() {
            @if i > 0 { br; }
            @let c = &x.claims[k];
            "\u{201c}" (x.story.slice(c.surface())) "\u{201d} " span class="muted" { (interval_text(&c.quantity)) }
        }
    }
}

/// A story's row of the table of the two: outlet, headline, date, link.
fn story_row(label: &str, x: &Analysis) -> Markup {
    html! {
        tr {
            th scope="row" { (label) }
            td { (x.story.outlet) }
            td { (x.story.title().unwrap_or_default()) }
            td { (x.story.published.map(|d| d.to_string()).unwrap_or_default()) }
            td { @match x.story.url().and_then(safe_url) {
                Some(u) => { a href=(u) rel="noopener noreferrer" { "story" } }
                None => { span class="muted" { (x.story.path) } }
            } }
        }
    }
}

/// The figures the rules measure, each row with its status and why.
fn figures_section(analyses: &[Analysis], r: &PairReport, rules: &[Rule]) -> Markup {
    let (a, b) = (&analyses[0], &analyses[1]);
    let cell = pair_cell;
    html! {
                h2 { "Figures and dates" }
                div class="table-wrap" { table {
                    thead { tr { th scope="col" { "Measure" } th scope="col" { "A: " (a.story.outlet) } th scope="col" { "B: " (b.story.outlet) } th scope="col" { "" } } }
                    tbody { @for row in &r.figures {
                        @let (cls, word) = match row.status {
                            RowStatus::Agree => ("agrees", "✓ agrees"),
                            RowStatus::Differ => ("differs", "✗ differs"),
                            RowStatus::OnlyA => ("", "· only in A"),
                            RowStatus::OnlyB => ("", "· only in B"),
                        };
                        tr class=(cls) {
                            th scope="row" { (measure_name(&row.title)) }
                            td { (cell(a, &row.a)) }
                            td { (cell(b, &row.b)) }
                            td {
                                span class="mark" { (word) }
                                @if let Some(s) = row.severity { " " span class={ "sev " (sev_class(s)) } { (s.as_str()) } }
                                @if let Some(e) = super::explain::of_rule(&r.findings, &row.rule, rules) {
                                    br; span class="why" { (e.what) } br; span class="muted level" { (e.level) }
                                }
                            }
                        }
                    } }
                } }
    }
}

/// The figures no rule measures, side by side.
fn others_section(analyses: &[Analysis], r: &PairReport) -> Markup {
    let (a, b) = (&analyses[0], &analyses[1]);
    let cell = pair_cell;
    html! {
                @let others = other_figures(analyses, r);
                @if !others.is_empty() {
                    h2 { "Other figures" }
                    p class="muted" { "No rule measures these: side by side, not compared." }
                    div class="table-wrap" { table {
                        thead { tr { th scope="col" { "What" } th scope="col" { "A: " (a.story.outlet) } th scope="col" { "B: " (b.story.outlet) } } }
                        tbody { @for (what, ka, kb) in &others {
                            tr { th scope="row" { (what) } td { (cell(a, ka)) } td { (cell(b, kb)) } }
                        } }
                    } }
                }
    }
}

/// Named people and what each story says of them.
fn people_section(analyses: &[Analysis], r: &PairReport) -> Markup {
    let (a, b) = (&analyses[0], &analyses[1]);
    html! {
                @if !r.people.is_empty() {
                    h2 { "People" }
                    div class="table-wrap" { table {
                        thead { tr { th scope="col" { "Person" } th scope="col" { "A: " (a.story.outlet) } th scope="col" { "B: " (b.story.outlet) } th scope="col" { "" } } }
                        tbody { @for p in &r.people {
                            @let (mark, word) = person_status(p);
                            tr class=(if p.differs { "differs" } else { "" }) {
                                th scope="row" { (p.name) }
                                td { (person_cell(p, 0, str::to_string)) }
                                td { (person_cell(p, 1, str::to_string)) }
                                td { span class="mark" { (mark) " " (word) } }
                            }
                        } }
                    } }
                }
    }
}

/// The quotations in both stories, word by word.
fn quotes_section(analyses: &[Analysis], r: &PairReport) -> Markup {
    let (a, b) = (&analyses[0], &analyses[1]);
    html! {
                h2 { "Quotations" }
                @if r.quotes.is_empty() { p class="muted" { "No quotation appears in both stories." } }
                @for q in &r.quotes {
                    @let bad = q.misattributed || !q.diff.classes.is_empty();
                    section class={ "finding " (if bad { "warning" } else { "info" }) } {
                        h4 {
                            (q.speaker.clone().unwrap_or_else(|| "unnamed speaker".to_string())) " — "
                            @if q.misattributed { "given to different speakers" }
                            @else if q.diff.classes.is_empty() { "✓ same words" }
                            @else { "✗ " (q.diff.why()) }
                        }
                        div class="quotes" {
                            blockquote { strong { "A " } (crate::quote::statement_text(&a.story.text, &a.quotes, &q.a)) }
                            blockquote { strong { "B " } (crate::quote::statement_text(&b.story.text, &b.quotes, &q.b)) }
                        }
                        @if !q.diff.classes.is_empty() { (word_diff(&q.diff.parts)) }
                    }
                }
    }
}

/// What each story gets wrong alone.
fn lint_section(analyses: &[Analysis], r: &PairReport, rules: &[Rule]) -> Markup {
    html! {
                @let lint: Vec<&Finding> = r.findings.iter().filter(|f| f.kind == Kind::Lint).collect();
                @if !lint.is_empty() {
                    h2 { "Each story alone" }
                    @for f in lint {
                        @let all: Vec<&Evidence> = f.evidence.iter().collect();
                        (finding_of(analyses, rules, f, &all, &[]))
                    }
                }
    }
}

/// The `crosscheck diff` page: two stories side by side.
fn render_pair(analyses: &[Analysis], r: &PairReport, rules: &[Rule]) -> String {
    let (a, b) = (&analyses[0], &analyses[1]);
    let body = html! {
            body { main {
                h1 { (a.story.outlet) " ↔ " (b.story.outlet) }
                div class="table-wrap" { table {
                    thead { tr { th scope="col" { "" } th scope="col" { "Outlet" } th scope="col" { "Headline" } th scope="col" { "Published" } th scope="col" { "Link" } } }
                    tbody { (story_row("A", a)) (story_row("B", b)) }
                } }
                (figures_section(analyses, r, rules))
                (others_section(analyses, r))
                (people_section(analyses, r))
                (quotes_section(analyses, r))
                (lint_section(analyses, r, rules))
            } }
    };
    page(
        &format!("crosscheck diff: {} ↔ {}", a.story.outlet, b.story.outlet),
        &body,
    )
}
