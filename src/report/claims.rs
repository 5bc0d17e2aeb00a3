//! Output of `crosscheck claims`: what was extracted, for debugging rules.
//!
//! The JSON shape is the contract in DESIGN.md: `{version, stories: [...]}`,
//! one entry per input with `status: checked | rejected`.

use crate::Analysis;
use crate::extract::frame::{Claim, Dangling};
use crate::extract::quantity::{Change, Quantity, Unit};
use crate::quote::Quote;
use crate::story::{Rejected, Story};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Serialize)]
pub(crate) struct QuantityOut {
    /// The number as written.
    pub(crate) value: String,
    pub(crate) low: Option<f64>,
    pub(crate) high: Option<f64>,
    pub(crate) low_inclusive: bool,
    pub(crate) high_inclusive: bool,
    pub(crate) qualifier: &'static str,
    pub(crate) unit: String,
    /// `level`, `up`, `down` or `from-to`.
    pub(crate) change: &'static str,
    /// For `from-to`: the two ends as stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) from: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) to: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) date: Option<String>,
    /// The interval for people (not part of the JSON contract).
    #[serde(skip)]
    pub(crate) shown: String,
}

impl QuantityOut {
    pub(crate) fn new(q: &Quantity, value: &str) -> Self {
        let finite = |x: f64| x.is_finite().then_some(crate::notation::clean(x));
        QuantityOut {
            value: value.to_string(),
            low: finite(q.interval.low),
            high: q.interval.high.and_then(finite),
            low_inclusive: q.interval.low_inclusive,
            high_inclusive: q.interval.high_inclusive,
            qualifier: q.qualifier.as_str(),
            unit: q.unit.to_string(),
            change: q.change.as_str(),
            from: match q.change {
                Change::FromTo { from, .. } => finite(from),
                _ => None,
            },
            to: match q.change {
                Change::FromTo { to, .. } => finite(to),
                _ => None,
            },
            date: (q.unit == Unit::Date)
                .then(|| q.date.map(|d| d.to_string()))
                .flatten(),
            shown: crate::notation::interval_text(q),
        }
    }
}

/// A claim's incident key in JSON.
#[derive(Debug, Serialize)]
pub(crate) struct IncidentOut {
    /// The place (the claim's `scope`).
    pub(crate) place: Option<String>,
    /// The day the event is dated in the sentence (`2024-05-03`), or a
    /// span (`this year`).
    pub(crate) time: Option<String>,
    /// `shooting`, `air strike`, `bombing`, `quake`, `crash`, `storm or flood`.
    pub(crate) kind: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ClaimOut {
    pub(crate) text: String,
    pub(crate) span: [usize; 2],
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) quantity: QuantityOut,
    pub(crate) counted: Option<String>,
    /// What happened (`killed`): named apart from the story's event since
    /// version 2 of the contract.
    pub(crate) happened: Option<String>,
    pub(crate) scope: Option<String>,
    /// Which incident of the event: `{place, time, kind}`, each part null
    /// when the sentence does not say.
    pub(crate) incident: IncidentOut,
    pub(crate) source: Option<String>,
    pub(crate) as_of: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) additional: bool,
    pub(crate) block: &'static str,
    /// `bound` when a clause pattern tied the figure to what it counts and
    /// what happened, `inferred` when the frame read them from nearby words.
    pub(crate) binding: &'static str,
    /// The pattern that bound it (`figure-event`, `verb-figure`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) pattern: Option<&'static str>,
    /// `subgroup` (part of a group: `three of the officers`),
    /// `with-perpetrator` (`5 dead, including the gunman`) or `background`
    /// (another incident, a period total, a teaser); absent for the event's
    /// own figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) role: Option<&'static str>,
}

impl ClaimOut {
    pub(crate) fn new(story: &Story, c: &Claim) -> Self {
        let surface = c.surface();
        let pos = story.position(surface.start);
        ClaimOut {
            text: story.text[surface.clone()].to_string(),
            span: [surface.start, surface.end],
            line: pos.line,
            column: pos.column,
            quantity: QuantityOut::new(&c.quantity, &story.text[c.value_span.clone()]),
            counted: c.counted.clone(),
            happened: c.event.clone(),
            scope: c.scope.clone(),
            incident: IncidentOut {
                place: c.scope.clone(),
                time: c.incident.when.map(|w| w.to_string()),
                kind: c.incident.kind,
            },
            source: c.source.clone(),
            as_of: c.as_of.map(|d| d.to_string()),
            additional: c.additional,
            binding: if c.bound.is_some() {
                "bound"
            } else {
                "inferred"
            },
            pattern: c.bound,
            role: if c.subgroup {
                Some("subgroup")
            } else if c.perpetrator {
                Some("with-perpetrator")
            } else if c.background {
                Some("background")
            } else {
                None
            },
            block: match c.block {
                crate::text::Block::Headline => "headline",
                crate::text::Block::ListItem => "list-item",
                crate::text::Block::Paragraph => "paragraph",
                crate::text::Block::Caption => "caption",
            },
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct QuoteOut {
    pub(crate) text: String,
    pub(crate) span: [usize; 2],
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) speaker: Option<String>,
}

impl QuoteOut {
    fn new(story: &Story, q: &Quote) -> Self {
        let pos = story.position(q.span.start);
        QuoteOut {
            text: story.text[q.span.clone()].to_string(),
            span: [q.span.start, q.span.end],
            line: pos.line,
            column: pos.column,
            speaker: q.speaker.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct DanglingOut {
    pub(crate) text: String,
    pub(crate) span: [usize; 2],
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) qualifier: &'static str,
    pub(crate) counted: Option<String>,
    pub(crate) happened: Option<String>,
}

impl DanglingOut {
    fn new(story: &Story, d: &Dangling) -> Self {
        let pos = story.position(d.span.start);
        DanglingOut {
            text: story.text[d.span.clone()].to_string(),
            span: [d.span.start, d.span.end],
            line: pos.line,
            column: pos.column,
            qualifier: d.qualifier.as_str(),
            counted: d.counted.clone(),
            happened: d.event.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct StoryOut {
    pub(crate) id: String,
    pub(crate) outlet: Option<String>,
    pub(crate) path: String,
    pub(crate) status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) event: Option<String>,
    pub(crate) claims: Vec<ClaimOut>,
    pub(crate) quotes: Vec<QuoteOut>,
    pub(crate) dangling: Vec<DanglingOut>,
}

impl StoryOut {
    pub(crate) fn checked(a: &Analysis) -> Self {
        let s = &a.story;
        StoryOut {
            id: s.id.clone(),
            outlet: Some(s.outlet.to_string()),
            path: s.path.to_string(),
            status: "checked",
            reason: None,
            line: None,
            column: None,
            title: s.title().map(str::to_string),
            published: s.published.map(|d| d.to_string()),
            event: s.event.as_deref().map(str::to_string),
            claims: a.claims.iter().map(|c| ClaimOut::new(s, c)).collect(),
            quotes: a.quotes.iter().map(|q| QuoteOut::new(s, q)).collect(),
            dangling: a.dangling.iter().map(|d| DanglingOut::new(s, d)).collect(),
        }
    }

    pub(crate) fn rejected(r: &Rejected) -> Self {
        StoryOut {
            id: r.path.clone(),
            outlet: None,
            path: r.path.clone(),
            status: "rejected",
            reason: Some(r.reason.clone()),
            line: r.line,
            column: r.column,
            title: None,
            published: None,
            event: None,
            claims: Vec::new(),
            quotes: Vec::new(),
            dangling: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize)]
struct Document {
    version: u32,
    stories: Vec<StoryOut>,
}

/// Output formats of `crosscheck claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimsFormat {
    Human,
    Json,
    Jsonl,
}

impl ClaimsFormat {
    /// Each format by its name on the command line.
    pub const NAMES: [(&'static str, ClaimsFormat); 3] = [
        ("human", ClaimsFormat::Human),
        ("json", ClaimsFormat::Json),
        ("jsonl", ClaimsFormat::Jsonl),
    ];
}

/// Stories in a stable order: by path, then id, rejected inputs among them.
fn ordered(analyses: &[Analysis], rejected: &[Rejected]) -> Vec<StoryOut> {
    let mut out: Vec<StoryOut> = analyses
        .iter()
        .map(StoryOut::checked)
        .chain(rejected.iter().map(StoryOut::rejected))
        .collect();
    // rejected inputs as in every report ([`super::rejected_order`])
    out.sort_by(|a, b| {
        (&a.path, &a.id, a.line, a.column, &a.reason)
            .cmp(&(&b.path, &b.id, b.line, b.column, &b.reason))
    });
    out
}

/// Write the claims of every story in `format`.
pub fn write(
    w: &mut dyn Write,
    format: ClaimsFormat,
    analyses: &[Analysis],
    rejected: &[Rejected],
    color: bool,
) -> io::Result<()> {
    let stories = ordered(analyses, rejected);
    match format {
        ClaimsFormat::Json => {
            let doc = Document {
                version: super::JSON_VERSION,
                stories,
            };
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            writeln!(w)
        }
        ClaimsFormat::Jsonl => {
            for s in &stories {
                serde_json::to_writer(&mut *w, s)?;
                writeln!(w)?;
            }
            Ok(())
        }
        ClaimsFormat::Human => human(w, &stories, color),
    }
}

/// Every story field is shown with its control characters made visible
/// ([`super::escape::terminal`]).
fn human(w: &mut dyn Write, stories: &[StoryOut], color: bool) -> io::Result<()> {
    use super::escape::terminal as term;
    let (bold, dim, red, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    for s in stories {
        if s.status == "rejected" {
            let at = match (s.line, s.column) {
                (Some(l), Some(c)) => format!(":{l}:{c}"),
                (Some(l), None) => format!(":{l}"),
                _ => String::new(),
            };
            writeln!(
                w,
                "{red}{bold}rejected{reset} {}{at}: {}",
                term(&s.path),
                term(s.reason.as_deref().unwrap_or(""))
            )?;
            writeln!(w)?;
            continue;
        }
        writeln!(
            w,
            "{bold}{}{reset} ({}) {dim}{}, {} claims, {} quotes{reset}",
            term(&s.path),
            term(s.outlet.as_deref().unwrap_or("?")),
            term(&s.id),
            s.claims.len(),
            s.quotes.len()
        )?;
        for c in &s.claims {
            let mut frame = Vec::new();
            for (k, v) in [
                ("counted", &c.counted),
                ("happened", &c.happened),
                ("scope", &c.scope),
                ("source", &c.source),
                ("as of", &c.as_of),
            ] {
                if let Some(v) = v {
                    frame.push(format!("{k}: {}", term(v)));
                }
            }
            writeln!(
                w,
                "  {:>4}:{:<3} {bold}{}{reset}  {} {} {}{}",
                c.line,
                c.column,
                term(&c.text),
                c.quantity.shown,
                term(&c.quantity.unit),
                c.quantity.qualifier,
                if frame.is_empty() {
                    String::new()
                } else {
                    format!("  {dim}{}{reset}", frame.join(", "))
                }
            )?;
        }
        for d in &s.dangling {
            writeln!(
                w,
                "  {:>4}:{:<3} {red}{}{reset}  quantifier with no number",
                d.line,
                d.column,
                term(&d.text)
            )?;
        }
        for q in &s.quotes {
            // a quotation over two lines is shown on one
            let text: String = q
                .text
                .chars()
                .take(70)
                .map(|c| if c == '\n' { ' ' } else { c })
                .collect();
            let text = term(&text);
            let more = if q.text.chars().count() > 70 {
                "…"
            } else {
                ""
            };
            writeln!(
                w,
                "  {:>4}:{:<3} {dim}quote{reset} “{text}{more}” {dim}— {}{reset}",
                q.line,
                q.column,
                term(q.speaker.as_deref().unwrap_or("unknown speaker"))
            )?;
        }
        writeln!(w)?;
    }
    Ok(())
}
