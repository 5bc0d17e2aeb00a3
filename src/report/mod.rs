//! Report: turns analyses into bytes. Every emitter writes to `impl Write`,
//! so tests capture output as strings.

mod chart;
pub mod check;
pub mod ci;
pub mod claims;
pub mod diff;
pub mod escape;
pub mod explain;
pub mod html;
mod snippet;

/// Version of the JSON contracts (`claims` and `check`). 2: a claim's
/// (and a dangling quantifier's) "what happened" is `happened`, no longer
/// `event`, which is the story's event alone.
pub const JSON_VERSION: u32 = 2;

use crate::extract::quantity::Quantity;
use crate::story::Rejected;

/// The one order of rejected inputs in every report and on standard
/// error: by path, then line (then column and reason, so that two at one
/// place do not fall back to the order of the arguments).
pub fn rejected_order(a: &Rejected, b: &Rejected) -> std::cmp::Ordering {
    (&a.path, a.line, a.column, &a.reason).cmp(&(&b.path, b.line, b.column, &b.reason))
}

/// Where a story or a rejected input stands in the reports that list both
/// (JSON, JSON Lines, JUnit, claims): path, id (a rejected input's is its
/// path), then a rejected input's line, column and reason.
pub(crate) type StoryKey<'a> = (&'a str, &'a str, Option<usize>, Option<usize>, &'a str);

pub(crate) fn checked_key(a: &crate::Analysis) -> StoryKey<'_> {
    (&a.story.path, &a.story.id, None, None, "")
}

pub(crate) fn rejected_key(x: &Rejected) -> StoryKey<'_> {
    (&x.path, &x.path, x.line, x.column, &x.reason)
}

/// Rejected inputs in [`rejected_order`].
pub(crate) fn rejected_in_order(rejected: &[Rejected]) -> Vec<&Rejected> {
    let mut v: Vec<&Rejected> = rejected.iter().collect();
    v.sort_by(|a, b| rejected_order(a, b));
    v
}

/// Round away binary noise (`1893.6000000000001`) so output is stable.
pub(crate) fn clean(x: f64) -> f64 {
    if x.abs() >= 1e15 {
        return x;
    }
    (x * 1e6).round() / 1e6
}

/// A number for people: `10`, `2.5`, without binary noise.
pub fn interval_number(x: f64) -> String {
    let x = clean(x);
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// A figure's meaning in short notation, for people: `53`, `[35, ∞)`,
/// `(70, 100]`, `2024-03-03`. One formatter for every human format.
pub fn interval_text(q: &Quantity) -> String {
    if let Some(d) = q.date {
        return d.to_string();
    }
    let num = |x: f64| {
        let x = clean(x);
        if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{x:.0}")
        } else {
            format!("{x}")
        }
    };
    let iv = q.interval;
    match iv.high {
        Some(h) if h == iv.low => num(h),
        high => format!(
            "{}{}, {}{}",
            if iv.low_inclusive { '[' } else { '(' },
            num(iv.low),
            high.map_or_else(|| "∞".to_string(), num),
            if iv.high_inclusive { ']' } else { ')' }
        ),
    }
}

/// A rule's title as the name of what it measures: "Death toll differs
/// between outlets" → "Death toll".
pub fn measure_name(title: &str) -> std::borrow::Cow<'_, str> {
    if let Some(m) = title.strip_suffix(" differs between outlets") {
        return m.into();
    }
    if let Some(m) = title.strip_suffix(" is dated differently between outlets") {
        return format!("Date of {}", m.to_lowercase()).into();
    }
    title.into()
}
