//! The editors' report: one self-contained HTML page (`check --format
//! html`; `diff`'s page is made of the same pieces, in `diff.rs`).
//!
//! Inline CSS, no fonts, scripts or images from anywhere, so it works
//! offline, as an email attachment and on paper. Every piece of story text
//! and metadata goes through maud, which escapes by default; links are made
//! only from `http(s)` URLs. Filtering by severity is CSS on radio buttons,
//! so it works with scripts off. Colour is never the only signal: every
//! mark has a word or a symbol too.

use super::{CheckReport, Emitter, Mark, Tables, mark, measure_name, measures_shown};
use super::{people_shown, rejected_in_order};
use crate::Analysis;
use crate::notation::interval_text;
use crate::quote::diff::Op;
use crate::rules::{EventGroup, Evidence, Finding, Measure, Rule, Severity};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::io::{self, Write};

/// The HTML report.
#[derive(Debug)]
pub(super) struct Html;

impl Emitter for Html {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        write(w, r)
    }
}

const CSS: &str = r#"
:root { --fg:#1b1b1b; --muted:#555; --line:#d0d0d0; --err:#a4000f; --warn:#7a4b00; --info:#00508a; --ok:#1d6b2f; --bg:#fff; --mark:#fff1a8; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
main, header.top { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.table-wrap { overflow-x: auto; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .8rem; letter-spacing: .03em; }
.sev.error { color: var(--err); } .sev.warning { color: var(--warn); } .sev.info { color: var(--info); }
.differs { background: #fde8e8; } .differs .mark { color: var(--err); font-weight: 700; }
.agrees .mark { color: var(--ok); font-weight: 700; }
.alone .mark { color: var(--muted, #555); }
.finding { border-left: 4px solid var(--line); padding: .3rem .8rem; margin: .8rem 0; }
.finding.error { border-color: var(--err); } .finding.warning { border-color: var(--warn); } .finding.info { border-color: var(--info); }
blockquote { margin: .3rem 0; padding: .3rem .6rem; background: #f7f7f7; border-left: 3px solid var(--line); }
mark { background: var(--mark); padding: 0 .1em; }
del { color: var(--err); text-decoration: line-through; } ins { color: var(--ok); text-decoration: underline; font-weight: 600; }
.quotes { display: grid; grid-template-columns: 1fr 1fr; gap: .6rem; }
.muted { color: var(--muted); font-size: .9rem; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem; }
.summary div { border: 1px solid var(--line); padding: .4rem .8rem; }
.filter { margin: .8rem 0; } .filter label { margin-right: 1rem; }
input.show { position: absolute; opacity: 0; width: 1px; height: 1px; }
#show-all:focus-visible ~ header label[for=show-all], #show-warning:focus-visible ~ header label[for=show-warning], #show-error:focus-visible ~ header label[for=show-error] { outline: 2px solid var(--info); }
#show-all:checked ~ header label[for=show-all], #show-warning:checked ~ header label[for=show-warning], #show-error:checked ~ header label[for=show-error] { font-weight: 700; text-decoration: underline; }
.filter label { cursor: pointer; }
#show-error:checked ~ main .finding:not(.error) { display: none; }
#show-warning:checked ~ main .finding.info { display: none; }
nav ul { padding-left: 1.2rem; }
@media (max-width: 40rem) { .quotes { grid-template-columns: 1fr; } body { font-size: 15px; } }
.visually { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
figure.chart { margin: .6rem 0 1.2rem; max-width: 44rem; } figure.chart svg { width: 100%; height: auto; display: block; }
.chart .axis { stroke: var(--fg); } .chart .grid { stroke: var(--line); stroke-dasharray: 3 3; }
.chart text { font-size: 11px; fill: var(--fg); } .chart .tick { fill: var(--muted); }
.chart .bar { stroke-width: 3; stroke-linecap: round; }
.chart .differs .bar { stroke: var(--err); } .chart .differs rect, .chart .differs polygon { fill: var(--err); }
.chart .agrees .bar { stroke: var(--ok); } .chart .agrees circle, .chart .agrees polygon { fill: var(--ok); }
.chart .alone .bar { stroke: var(--muted); } .chart .alone circle { fill: #fff; stroke: var(--muted); stroke-width: 1.5; } .chart .alone polygon { fill: var(--muted); }
@media print { .filter, nav { display: none; } .finding { break-inside: avoid; } a { color: inherit; } }
"#;

/// The head row of an event's table: what the rows are, then one column
/// per outlet in event order.
fn outlet_header(analyses: &[Analysis], g: &EventGroup, rows: &str) -> Markup {
    html! {
        thead { tr {
            th scope="col" { (rows) }
            @for &s in &g.stories { th scope="col" { (analyses[s].story.outlet) } }
        } }
    }
}

pub(super) fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

/// Only http(s) URLs become links.
pub(super) fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(u)
}

/// A story's sentence with the evidence span marked.
fn sentence_with_mark(a: &Analysis, span: &std::ops::Range<usize>) -> Markup {
    let s = crate::text::sentence_at(&a.sentences, span.start)
        .map_or(span.clone(), |k| a.sentences[k].span.clone());
    let (from, to) = (s.start.min(span.start), s.end.max(span.end));
    let st = &a.story;
    html! {
        (st.slice(from..span.start)) mark { (st.slice(span.clone())) } (st.slice(span.end..to))
    }
}

/// A word diff, marked with `<del>`/`<ins>` and words for screen readers.
pub(super) fn word_diff(parts: &[(Op, String)]) -> Markup {
    html! {
        p { "Words: "
            @for (op, text) in parts {
                @match op {
                    Op::Equal => { (text) " " }
                    Op::Delete => { del { span class="visually" { "[removed: " } (text) span class="visually" { "]" } } " " }
                    Op::Insert => { ins { span class="visually" { "[added: " } (text) span class="visually" { "]" } } " " }
                }
            }
        }
    }
}

/// The id of each event's section, in the order of `events`: `event-`
/// and a slug of the name (ASCII letters and digits, lower case, other runs
/// as one `-`). A name the slug does not spell exactly (`fire 2024` beside
/// `fire-2024`, a name in another script) gets a hash of the name too, so
/// that its id does not change with the other events of the batch; and any
/// id still taken gets `-2`, `-3`, ...
fn anchors(events: &[EventGroup]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    events
        .iter()
        .map(|g| {
            let name = &*g.event;
            let mut slug = String::new();
            for c in name.chars() {
                if c.is_ascii_alphanumeric() {
                    slug.push(c.to_ascii_lowercase());
                } else if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
            }
            let slug = slug.trim_end_matches('-');
            let base = if !slug.is_empty() && slug == name {
                format!("event-{slug}")
            } else if slug.is_empty() {
                format!("event-{:08x}", fnv1a(name))
            } else {
                format!("event-{slug}-{:08x}", fnv1a(name))
            };
            let mut id = base.clone();
            let mut n = 1;
            while !taken.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

/// 32-bit FNV-1a: a stable hash, the same on every platform and run.
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn finding(r: &CheckReport<'_>, f: &Finding) -> Markup {
    let (shown, rest) = r.evidence(f);
    finding_of(r.analyses, r.rules, f, &shown, &rest)
}

fn evidence(analyses: &[Analysis], e: &Evidence) -> Markup {
    let a = &analyses[e.story];
    let p = a.story.position(e.span.start);
    let src = e.claim.and_then(|k| a.claims[k].source.clone());
    html! {
        p {
            strong { (a.story.outlet) }
            @if let Some(s) = src { " (" (s) ")" }
            @if e.primary { " — " em { "the odd one out" } }
            br;
            span class="muted" { (a.story.path) ":" (p.line) ":" (p.column) }
        }
        blockquote { (sentence_with_mark(a, &e.span)) }
    }
}

/// A finding: the evidence `shown`, then the `rest` folded away (a
/// `details` element: it opens with scripts off).
pub(super) fn finding_of(
    analyses: &[Analysis],
    rules: &[Rule],
    f: &Finding,
    shown: &[&Evidence],
    rest: &[&Evidence],
) -> Markup {
    html! {
        section class={ "finding " (sev_class(f.severity)) } {
            h4 { span class={ "sev " (sev_class(f.severity)) } { (f.severity.as_str()) } " " (f.title) " " span class="muted" { "[" (f.rule) "]" } }
            @for e in shown { (evidence(analyses, e)) }
            @if !rest.is_empty() {
                details class="more" {
                    summary { "and " (rest.len()) " more" }
                    @for e in rest { (evidence(analyses, e)) }
                }
            }
            @let why = super::explain::explain(f, rules);
            p class="why" { strong { "Why: " } (why.what) br; span class="level" { (why.level) } }
            @if let Some(d) = &f.diff {
                (word_diff(&d.parts))
            }
        }
    }
}

/// Render the whole page.
pub(crate) fn render(r: &CheckReport<'_>) -> String {
    let shown: Vec<&Finding> = r.shown().collect();
    let ids = anchors(r.events);
    let body = html! {
        body {
            input class="show" type="radio" name="show" id="show-all" checked aria-label="show everything";
            input class="show" type="radio" name="show" id="show-warning" aria-label="show warnings and errors";
            input class="show" type="radio" name="show" id="show-error" aria-label="show errors only";
            (top(r, &shown, &ids))
            main {
                @for x in rejected_in_order(r.rejected) {
                    p { span class="sev error" { "rejected" } " " (x.to_string()) }
                }
                @for (g, id) in r.events.iter().zip(&ids) {
                    (event_section(r, &shown, g, id))
                }
            }
        }
    };
    page("crosscheck report", &body)
}

/// The page's header: the title, the tally of events, outlets, stories
/// and shown findings by level, the level filter and the events' links
/// (`ids` their anchors).
fn top(r: &CheckReport<'_>, shown: &[&Finding], ids: &[String]) -> Markup {
    let count = |s: Severity| shown.iter().filter(|f| f.severity == s).count();
    let outlets: std::collections::BTreeSet<&str> =
        r.analyses.iter().map(|a| &*a.story.outlet).collect();
    html! {
        header class="top" {
            h1 { "crosscheck report" }
            div class="summary" role="status" {
                div { strong { (r.events.len()) } " event(s)" }
                div { strong { (outlets.len()) } " outlet(s), " (r.analyses.len()) " stories" }
                div { span class="sev error" { "errors" } " " strong { (count(Severity::Error)) } }
                div { span class="sev warning" { "warnings" } " " strong { (count(Severity::Warning)) } }
                div { span class="sev info" { "info" } " " strong { (count(Severity::Info)) } }
                @if !r.rejected.is_empty() { div { strong { (r.rejected.len()) } " rejected" } }
            }
            p class="filter" {
                "Show: "
                label for="show-all" { "everything" } " "
                label for="show-warning" { "warnings and errors" } " "
                label for="show-error" { "errors only" }
            }
            nav aria-label="Events" {
                ul { @for (g, id) in r.events.iter().zip(ids) { li { a href={ "#" (id) } { (g.event) } } } }
            }
        }
    }
}

/// One event's section, anchored at `id`: its heading and grouping
/// reason, its stories, the measure and people tables, the charts, then
/// its findings among `shown`.
fn event_section(r: &CheckReport<'_>, shown: &[&Finding], g: &EventGroup, id: &str) -> Markup {
    let charts: Vec<Markup> = g
        .measures
        .iter()
        .filter_map(|m| super::chart::measure(r.analyses, m))
        .collect();
    let fs: Vec<&&Finding> = shown.iter().filter(|f| *f.event == *g.event).collect();
    html! {
        section id=(id) {
            h2 { "Event " (g.event) }
            @if let Some(why) = &g.reason { p class="muted" { "Grouped: " (why) } }
            (stories_table(r, g))
            (measures_table(r, g))
            (people_table(r, g))
            @if !charts.is_empty() {
                h3 { "Figures over time" }
                @for c in charts { (c) }
            }
            h3 { "Findings" }
            @if fs.is_empty() { p class="muted" { "The outlets agree on everything the rules measure." } }
            @for f in fs { (finding(r, f)) }
        }
    }
}

/// The event's stories: a row per story with its outlet, headline,
/// publication day and a link (safe URLs only, the path otherwise).
fn stories_table(r: &CheckReport<'_>, g: &EventGroup) -> Markup {
    html! {
        h3 { "Stories" }
        div class="table-wrap" { table {
            thead { tr { th scope="col" { "Outlet" } th scope="col" { "Headline" } th scope="col" { "Published" } th scope="col" { "Link" } } }
            tbody { @for &s in &g.stories {
                @let st = &r.analyses[s].story;
                tr {
                    th scope="row" { (st.outlet) }
                    td { (st.title().unwrap_or_default()) }
                    td { (st.published.map(|d| d.to_string()).unwrap_or_default()) }
                    td { @match st.url().and_then(safe_url) {
                        Some(u) => { a href=(u) rel="noopener noreferrer" { "story" } }
                        None => { span class="muted" { (st.path) } }
                    } }
                }
            } }
        } }
    }
}

/// The event's measure table (a row per measure, a column per story,
/// each cell marked and its figures with what they mean); nothing when no
/// measure is shown.
fn measures_table(r: &CheckReport<'_>, g: &EventGroup) -> Markup {
    let measures: Vec<&Measure> = measures_shown(g, r.tables.unwrap_or(Tables::All)).collect();
    html! {
        @if !measures.is_empty() {
            h3 { "Figures and dates" }
            div class="table-wrap" { table {
                (outlet_header(r.analyses, g, "Measure"))
                tbody { @for m in measures {
                    tr {
                        th scope="row" { (measure_name(&m.title)) }
                        @for &s in &g.stories {
                            @let a = &r.analyses[s];
                            @let cell = m.cells.iter().find(|c| c.0 == s);
                            @match cell {
                                None => { td class="muted" { "—" } }
                                Some((_, ks)) => {
                                    @let mark = mark(r.analyses, m, s, ks);
                                    @let bad = mark == Mark::Differs;
                                    @let why = if bad {
                                        r.findings.iter().filter(|f| *f.event == *g.event && f.rule == m.rule).map(|f| f.severity).max()
                                            .map_or(String::new(), |sv| format!(" from the others ({})", sv.as_str()))
                                    } else { String::new() };
                                    td class=(mark.class()) {
                                        span class="mark" { (mark.text()) } span class="muted" { (why) }
                                        @for &k in ks {
                                            @let c = &a.claims[k];
                                            br; "\u{201c}" (a.story.slice(c.surface())) "\u{201d} "
                                            span class="muted" {
                                                (interval_text(&c.quantity)) @if let Some(src) = &c.source { ", " (src) }
                                                @if let Some(apart) = super::not_compared(c) { ", not compared: " (apart) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                } }
            } }
        }
    }
}

/// The event's people table (a row per person, a column per story, each
/// cell the name as written and the age); nothing when no person is
/// shown.
fn people_table(r: &CheckReport<'_>, g: &EventGroup) -> Markup {
    let people: Vec<&crate::rules::person::PersonRow> =
        people_shown(g, r.tables.unwrap_or(Tables::All)).collect();
    html! {
        @if !people.is_empty() {
            h3 { "People" }
            div class="table-wrap" { table {
                (outlet_header(r.analyses, g, "Person"))
                tbody { @for p in people {
                    tr class=(if p.differs { "differs" } else { "agrees" }) {
                        th scope="row" { (p.name) @if let Some(role) = p.role { br; span class="muted" { (role) } } }
                        @for &s in &g.stories {
                            @match p.cells.iter().find(|c| c.0 == s) {
                                None => { td class="muted" { "—" } }
                                Some((_, name, age)) => { td { (name) ", " (age) } }
                            }
                        }
                    }
                } }
            } }
        }
    }
}

/// The page around a body: no scripts, fonts or images, and a policy that
/// forbids loading any.
pub(super) fn page(title: &str, body: &Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            (body)
        }
    }
    .into_string()
}

/// Write the page.
pub(crate) fn write(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    w.write_all(render(r).as_bytes())?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::anchors;
    use crate::rules::EventGroup;

    fn ids(names: &[&str]) -> Vec<String> {
        let events: Vec<EventGroup> = names
            .iter()
            .map(|n| EventGroup {
                event: (*n).into(),
                stories: crate::ThinVec::new(),
                measures: crate::ThinVec::new(),
                people: crate::ThinVec::new(),
                reason: None,
            })
            .collect();
        anchors(&events)
    }

    #[test]
    fn event_anchors_are_unique_valid_and_stable() {
        let names = [
            "fire 2024",
            "fire-2024",
            "Fire 2024",
            "пожар",
            "повар",
            "火災",
            "",
            "event-fire-2024",
            "fire-2024-2",
        ];
        let got = ids(&names);
        let unique: std::collections::HashSet<&String> = got.iter().collect();
        assert_eq!(unique.len(), names.len(), "{got:?}");
        for id in &got {
            assert!(id.starts_with("event-"), "{id}");
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{id}"
            );
        }
        // a name its slug spells keeps its plain id
        assert_eq!(got[1], "event-fire-2024");
        assert_eq!(ids(&["storm-ilse"]), ["event-storm-ilse"]);
        // the id of a name does not depend on the other events
        assert_eq!(ids(&["fire 2024"])[0], got[0]);
        assert_eq!(ids(&["повар"])[0], got[4]);
    }
}
