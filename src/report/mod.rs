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
