//! The time reader: as of when a figure is given (`said Tuesday`, `as of
//! Monday`; else publication), and whether the story itself replaces it
//! with a later one (`up from 35`, `initially`). The day of the incident
//! itself is the incident reader's (`incident.rs`): the day a date pattern
//! binds to the event's own verb, not a press conference's.

use super::tokens::three_words_before;
use crate::extract::quantity::Unit;
use crate::extract::scan::Mention;
use jiff::civil::Date;

/// The date a sentence's figures are given as of: `said Tuesday`, `said on
/// March 3`, `as of Monday`; not the date of something else.
pub(crate) fn reported_on(text: &str, mentions: &[(usize, Mention)]) -> Option<Date> {
    mentions
        .iter()
        .find(|(_, m)| {
            if m.quantity.unit != Unit::Date || m.quantity.interval.point().is_none() {
                return false;
            }
            let [w0, w1, _] = three_words_before(text, m.span.start);
            let said = |w: &str| crate::text::attribution::words().attributing.contains(w);
            said(&w0) || (w0 == "on" && said(&w1)) || (w0 == "of" && w1 == "as")
        })
        .and_then(|(_, m)| m.quantity.date)
}

/// `up from 35`, `revised down from 7`, `initially 5`: an earlier figure
/// the story itself replaces, at byte `at`.
pub(crate) fn superseded(text: &str, at: usize) -> bool {
    // most figures have none of the nearest words: asked first, alone
    let nearest = crate::extract::grammar::words_before(text, at)
        .next()
        .map(|(_, w)| super::tokens::lower(w));
    if !nearest.is_some_and(|w| {
        matches!(
            w.as_str(),
            "from" | "previously" | "initially" | "originally"
        )
    }) {
        return false;
    }
    let before = three_words_before(text, at);
    let w = |k: usize| before[k].as_str();
    (w(0) == "from"
        && matches!(
            w(1),
            "up" | "down"
                | "revised"
                | "rose"
                | "risen"
                | "fell"
                | "climbed"
                | "jumped"
                | "increased"
        ))
        || (w(0) == "from" && w(1) == "down" && w(2) == "revised")
        || matches!(w(0), "previously" | "initially" | "originally")
}
