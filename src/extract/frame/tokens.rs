//! Word helpers of the frame's readers; the tokens themselves are the
//! text module's (`crate::text::tokens`), shared with the attribution
//! reader.

use crate::extract::grammar::Lower;
pub(crate) use crate::text::tokens::{Tok, capitalised, class};
use crate::text::words::{WordClasses, WordSet};
use std::ops::Range;
use std::sync::LazyLock;

/// The table of every word list whose membership the tokeniser records in
/// [`Tok::class`] (see [`class`]).
pub(crate) fn classes() -> &'static WordClasses {
    static CLASSES: LazyLock<WordClasses> = LazyLock::new(|| WordClasses::new(&class_sets()));
    &CLASSES
}

/// Each list of [`classes`] with its bit.
fn class_sets() -> Vec<(&'static WordSet, u32)> {
    let v = super::vocabulary::vocabulary();
    let mut sets = vec![
        (&v.place_prepositions, class::PLACE_PREPOSITION),
        (crate::word_set!(&["where"]), class::WHERE),
        (&v.place_words, class::PLACE_WORD),
        (&v.not_places, class::NOT_PLACE),
        (&v.place_nouns, class::PLACE_NOUN),
        (super::place::before_place(), class::BEFORE_PLACE),
        (&v.stop, class::STOP),
        (&v.verbish, class::VERBISH),
        (super::event::event_first_words(), class::EVENT_FIRST),
        (super::event::clause_words(), class::CLAUSE_WORD),
        (super::incident::first_words(), class::INCIDENT_FIRST),
        (
            crate::word_set!(&["shot", "shooting", "shoots"]),
            class::SHOT,
        ),
        (
            &crate::text::attribution::words().attributing,
            class::ATTRIBUTING,
        ),
        (crate::word_set!(&["according"]), class::ACCORDING),
        (crate::word_set!(&["including"]), class::INCLUDING),
        (super::dangling::first_words(), class::DANGLE_FIRST),
    ];
    sets.extend(super::bind::class_sets());
    sets
}

/// The tokens of `text[range]` with their classes, appended to `out` (see
/// [`crate::text::tokens::tokens`]); the union of their classes. The
/// frame itself tokenises with [`tokens_marking`]; its tests with this.
#[cfg(test)]
pub(crate) fn tokens<'a>(
    out: &mut Vec<Tok<'a>>,
    text: &'a str,
    range: Range<usize>,
    lowered: &'a str,
) -> u32 {
    crate::text::tokens::tokens(out, text, range, lowered, classes())
}

/// [`tokens`], and the positions in `out` of its words of a class of
/// `mask`, in order, appended to `marks` (see
/// [`crate::text::tokens::tokens_marking`]).
pub(crate) fn tokens_marking<'a>(
    out: &mut Vec<Tok<'a>>,
    text: &'a str,
    range: Range<usize>,
    lowered: &'a str,
    mask: u32,
    marks: &mut Vec<usize>,
) -> u32 {
    crate::text::tokens::tokens_marking(out, text, range, lowered, classes(), mask, marks)
}

/// The three words before byte `at`, nearest first, lower-cased on the
/// stack (the empty word where there are fewer).
pub(crate) fn three_words_before(text: &str, at: usize) -> [Lower; 3] {
    let mut words = crate::extract::grammar::words_before(text, at).map(|(_, w)| lower(w));
    let empty = lower("");
    [
        words.next().unwrap_or(empty),
        words.next().unwrap_or(empty),
        words.next().unwrap_or(empty),
    ]
}

/// Lower-case for comparing with word lists (on the stack, ASCII only).
pub(crate) fn lower(s: &str) -> Lower {
    Lower::new(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token's class bit for a list is set exactly when the list's set
    /// contains it: every word of the lists' sources in three casings, and
    /// words that are not in them.
    #[test]
    fn classes_agree_with_each_set() {
        let sets = class_sets();
        let mut bits = sets.iter().map(|(_, b)| b).collect::<Vec<_>>();
        bits.sort_unstable();
        bits.dedup();
        assert_eq!(bits.len(), sets.len(), "one bit per list");
        let sources = [
            include_str!("vocabulary.yaml"),
            include_str!("lexicon.yaml"),
            include_str!("../../text/attribution.yaml"),
        ];
        let mut words: Vec<String> = sources
            .iter()
            .flat_map(|s| s.split(|c: char| c.is_whitespace() || "\"[]{},:|?*#".contains(c)))
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                let mut chars = w.chars();
                let first = chars.next().map(|c| c.to_ascii_uppercase());
                let title: String = first.into_iter().chain(chars).collect();
                let tail: String = w.chars().skip(1).collect();
                [
                    w.to_string(),
                    w.to_ascii_uppercase(),
                    title,
                    format!("{w}s"),
                    tail,
                ]
            })
            .collect();
        words.extend(
            [
                "",
                "x",
                "the",
                "The",
                "where",
                "WHERE",
                "according",
                "é",
                "café",
                "a-very-long-word-indeed",
            ]
            .map(String::from),
        );
        let table = classes();
        let mut found = 0;
        for w in &words {
            let of = table.of(w.as_bytes());
            for (set, bit) in &sets {
                assert_eq!(of & bit != 0, set.contains(w), "{w:?} in list {bit:#x}");
            }
            found += usize::from(of != 0);
        }
        assert!(found > 500, "{found}");
    }

    proptest::proptest! {
        #[test]
        fn classes_of_any_word_agree_with_each_set(w in "[a-zA-Z'’-]{1,18}") {
            let of = classes().of(w.as_bytes());
            for (set, bit) in class_sets() {
                proptest::prop_assert_eq!(of & bit != 0, set.contains(&w), "{:?} {:#x}", w, bit);
            }
        }
    }
}
