//! The link between the two ends of a range.
//!
//! ```text
//! range     = figure link figure
//! link      = dashed | worded
//! dashed    = SPACE* dash SPACE*                            (* space on both sides or neither *)
//! dash      = "-" | "–" | "—" | "~"
//! worded    = SPACE+ link-word SPACE+
//! link-word = "to" | "through" | "thru"
//!           | "and"                                        (* only after "between" *)
//!           | "or"                                         (* "three or four": neighbours only *)
//! score     = figure "-" figure score-word                 (* "a 2-13 season": no range *)
//! ```
//!
//! The driver parses the two figures; this module only knows the link. A
//! range whose upper end is not above its lower end (`2-1`, `3-3`) is a
//! score or a label, not a range, and the driver drops it.

use super::{Rule, alpha_word_ci, is_space, miss, spaces, word_ci};
use nom::Parser;
use nom::bytes::complete::take_while1;
use nom::character::complete::satisfy;
use nom::combinator::value;
use nom::sequence::terminated;

/// What opened the range to the left of the first figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    None,
    Between,
    From,
}

/// `link`: the link after the first figure; the rest is where the second
/// starts.
pub fn link(i: &str, opener: Opener) -> Rule<'_, ()> {
    // asked after every figure, which most often a word that links
    // nothing follows (" people") or a full stop or comma: turned away on
    // its first bytes (no dash, no space, or a space and a letter that no
    // link word starts with)
    let nothing = match i.as_bytes() {
        [b' ', c, ..] => c.is_ascii_alphabetic() && !matches!(c | 0x20, b't' | b'a' | b'o'),
        [c, ..] => c.is_ascii() && !matches!(c, b' ' | b'\t' | b'-' | b'~'),
        [] => false,
    };
    if nothing {
        return miss();
    }
    link_read(i, opener)
}

/// [`link`] without the look at its first bytes.
fn link_read(i: &str, opener: Opener) -> Rule<'_, ()> {
    let (t, before) = spaces(i)?;
    if let Ok((r, _)) = dash(t) {
        // "15-18", "15 – 18"; but not "15 -18" (a list, a sign)
        let (r, after) = spaces(r)?;
        return if before.is_empty() == after.is_empty() {
            Ok((r, ()))
        } else {
            miss()
        };
    }
    if before.is_empty() {
        return miss();
    }
    value((), terminated(|w| link_word(w, opener), space1)).parse(t)
}

/// `dash = "-" | "–" | "—" | "~"`
fn dash(i: &str) -> Rule<'_, char> {
    satisfy(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}' | '~')).parse(i)
}

/// Every `link-word` (in lower case): a word after a figure that is none
/// of them links nothing, whatever the opener.
pub const LINK_WORDS: &[&str] = &["to", "through", "thru", "and", "or"];

/// `link-word`, as far as `opener` allows it.
fn link_word(i: &str, opener: Opener) -> Rule<'_, ()> {
    // the first letter first, nothing lower-cased
    if !i.starts_with(['t', 'T', 'a', 'A', 'o', 'O']) {
        return miss();
    }
    let (r, w) = word_ci(i)?;
    let ok = match w.as_str() {
        "to" | "through" | "thru" => true,
        "and" => opener == Opener::Between,
        "or" => opener == Opener::None,
        _ => false,
    };
    if ok { Ok((r, ())) } else { miss() }
}

/// `SPACE+`
fn space1(i: &str) -> Rule<'_, &str> {
    take_while1(is_space).parse(i)
}

/// Words after `X-Y` that make it a score or a record, two figures of
/// their own: `a 2-13 season`, `a 7-0 run`, `a 60-46 lead`.
const SCORE_WORDS: &[&str] = &[
    "season",
    "record",
    "lead",
    "win",
    "victory",
    "defeat",
    "loss",
    "draw",
    "run",
    "score",
    "scoreline",
    "margin",
    "deficit",
    "advantage",
    "edge",
    "split",
    "tie",
    "decision",
    "vote",
    "verdict",
    "finish",
    "start",
    "mark",
    "rout",
    "thrashing",
    "triumph",
];

/// Whether the text after a dashed pair makes it a score or a record.
pub fn score_after(rest: &str) -> bool {
    rest.strip_prefix(' ')
        .and_then(alpha_word_ci)
        .is_some_and(|(_, w)| SCORE_WORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The look at the first bytes turns away only what the rule
        /// itself turns away.
        #[test]
        fn links_read_as_without_the_first_look(
            i in "[ \t\u{a0}\u{2013}~,.a-zA-Z0-9-]{0,3}( ?(to|and|or|thru|through|At|Or|To|tons|people))?[ 0-9]{0,2}",
        ) {
            for o in [Opener::None, Opener::Between, Opener::From] {
                proptest::prop_assert_eq!(link(&i, o), link_read(&i, o), "{:?}", i);
            }
        }
    }

    #[test]
    fn links() {
        assert_eq!(link("-18,000", Opener::None), Ok(("18,000", ())));
        assert_eq!(link(" – 18", Opener::None), Ok(("18", ())));
        assert_eq!(link(" to 18", Opener::None), Ok(("18", ())));
        assert_eq!(link(" and 18", Opener::Between), Ok(("18", ())));
        assert!(link(" and 18", Opener::None).is_err());
        assert!(link(" -18", Opener::None).is_err());
        assert!(link(" people", Opener::None).is_err());
        assert_eq!(link(" or 4", Opener::None), Ok(("4", ())));
        assert!(link(" or 4", Opener::Between).is_err());
        assert!(score_after(" season, the worst"));
        assert!(score_after(" lead at the break"));
        assert!(!score_after(" people"));
        assert!(!score_after(" seasons"));
    }
}
