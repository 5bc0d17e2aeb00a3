//! The time reader: as of when a figure is given (`said Tuesday`, `as of
//! Monday`; else publication), and whether the story itself replaces it
//! with a later one (`up from 35`, `initially`). The day of the incident
//! itself is the incident reader's (`incident.rs`): the day a date pattern
//! binds to the event's own verb, not a press conference's.

use super::tokens::three_words_before;
use crate::extract::grammar::{Lower, words_before};
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
            said_before(text, m.span.start)
        })
        .and_then(|(_, m)| m.quantity.date)
}

/// Whether the words before byte `at` give a date as of a report: `said`,
/// `said on`, `as of`. The words are compared as they stand, with no
/// lower-cased copy of each (the set and the comparisons ignore ASCII case);
/// the second word is read only after `on` or `of`.
fn said_before(text: &str, at: usize) -> bool {
    // a word longer than a lower-cased copy holds was the empty word
    let fits = |w: &str| w.len() <= Lower::CAPACITY;
    let said = |w: &str| fits(w) && crate::text::attribution::words().attributing.contains(w);
    let mut words = words_before(text, at).map(|(_, w)| w);
    let Some(w0) = words.next() else {
        return false;
    };
    if said(w0) {
        return true;
    }
    if w0.eq_ignore_ascii_case("on") {
        return words.next().is_some_and(said);
    }
    w0.eq_ignore_ascii_case("of") && words.next().is_some_and(|w| w.eq_ignore_ascii_case("as"))
}

/// `up from 35`, `revised down from 7`, `initially 5`: an earlier figure
/// the story itself replaces, at byte `at`.
pub(crate) fn superseded(text: &str, at: usize) -> bool {
    // the nearest word of most figures ends in neither `m` nor `y`: told
    // by one byte, before the word is found
    if !may_end_a_cue(text.as_bytes(), at) {
        return false;
    }
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

/// Whether the word before byte `at`, as `words_before` finds it (over
/// spaces, tabs and one no-break space), may be one of [`superseded`]'s
/// cues: its last letter is `m` (`from`) or `y` (`initially`, ...).
fn may_end_a_cue(b: &[u8], at: usize) -> bool {
    let mut e = at;
    while e > 0 && matches!(b[e - 1], b' ' | b'\t') {
        e -= 1;
    }
    if e >= 2 && b[e - 2] == 0xC2 && b[e - 1] == 0xA0 {
        e -= 2;
    }
    e > 0 && matches!(b[e - 1], b'm' | b'M' | b'y' | b'Y')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`said_before`] as it was first written: three words lower-cased.
    fn said_before_lowered(text: &str, at: usize) -> bool {
        let [w0, w1, _] = three_words_before(text, at);
        let said = |w: &str| crate::text::attribution::words().attributing.contains(w);
        said(&w0) || (w0 == "on" && said(&w1)) || (w0 == "of" && w1 == "as")
    }

    #[test]
    fn a_report_date_follows_said_said_on_or_as_of() {
        for (text, want) in [
            ("officials SAID Tuesday", true),
            ("police said on\u{a0}Monday", true),
            ("As Of Friday", true),
            ("it happened on Sunday", false),
            ("as  of, Sunday", false),
            ("said, on Monday", false),
            ("on Monday", false),
            ("Monday", false),
        ] {
            let at = text.rfind(' ').map_or(0, |i| i + 1);
            assert_eq!(said_before(text, at), want, "{text:?}");
            assert_eq!(said_before_lowered(text, at), want, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn said_before_agrees_with_three_lowered_words(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "said", "SAID", "Said", "on", "ON", "of", "Of", "as", "AS", "announced",
                        "says", "killed", "o", "n", "s", "'", "5",
                        "saidsaidsaidsaidsaidsaid", "saidsaidsaidsaidsaidsai",
                    ]),
                    proptest::sample::select(vec![" ", "  ", "\t", "\u{a0}", ",", "é", "\u{a0}\u{a0}"]),
                ],
                0..10,
            ),
        ) {
            let text: String = parts.concat();
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    said_before(&text, at),
                    said_before_lowered(&text, at),
                    "{:?} at {}", text, at
                );
            }
        }
    }

    /// [`superseded`] as it was before the one-byte test.
    fn superseded_by_words(text: &str, at: usize) -> bool {
        let nearest = crate::extract::grammar::words_before(text, at)
            .next()
            .map(|(_, w)| super::super::tokens::lower(w));
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

    #[test]
    fn cues_before_a_figure_are_found() {
        for (text, want) in [
            ("up from 35", true),
            ("revised down from\u{a0}7", true),
            ("Initially \t5", true),
            ("rose from, 5", false),
            ("killed 35", false),
        ] {
            let at = text
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(text.len());
            assert_eq!(superseded(text, at), want, "{text:?}");
            assert_eq!(superseded_by_words(text, at), want, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_one_byte_test_changes_no_answer(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "from", "FROM", "up", "down", "revised", "rose", "Previously",
                        "initially", "originally", "ORIGINALLY", "fell", "m", "y", "5",
                    ]),
                    proptest::sample::select(vec![" ", "  ", "\t", "\u{a0}", ",", "'", "é", "\u{a0}\u{a0}"]),
                ],
                0..10,
            ),
        ) {
            let text: String = parts.concat();
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    superseded(&text, at),
                    superseded_by_words(&text, at),
                    "{:?} at {}", text, at
                );
            }
        }
    }
}
