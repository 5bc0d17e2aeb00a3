//! The word lists of the slot readers, read from `vocabulary.yaml`
//! (compiled into the binary) once, into sets that look a word up without
//! comparing strings.

use crate::extract::quantity::Qualifier;
use crate::text::words::{WordClasses, WordSet};
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    stop: Vec<String>,
    verbish: Vec<String>,
    persons: Vec<String>,
    events: Vec<[String; 2]>,
    places: PlacesFile,
    dangling: DanglingFile,
    incidents: IncidentsFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IncidentsFile {
    kinds: std::collections::BTreeMap<String, Vec<String>>,
    spans: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    prepositions: Vec<String>,
    nouns: Vec<String>,
    words: Vec<String>,
    not_places: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DanglingFile {
    qualifiers: Vec<[String; 2]>,
    before_a_share: Vec<String>,
}

/// The lists, as sets and phrase tables.
pub(crate) struct Vocabulary {
    pub stop: WordSet,
    pub verbish: WordSet,
    pub persons: WordSet,
    /// Event phrases (words) and their canonical event, in file order.
    pub events: Vec<(Vec<&'static str>, &'static str)>,
    pub place_prepositions: WordSet,
    pub place_nouns: WordSet,
    pub place_words: WordSet,
    pub not_places: WordSet,
    /// Quantifier phrases (words) that need a number, with their qualifier.
    pub dangling: Vec<(Vec<&'static str>, Qualifier)>,
    pub before_a_share: WordSet,
    /// Incident phrases (words) and their kind, longest first.
    pub incident_kinds: Vec<(Vec<&'static str>, &'static str)>,
    /// Phrases that make a figure a period's (`this year`).
    pub spans: Vec<(Vec<&'static str>, &'static str)>,
}

const SOURCE: &str = include_str!("vocabulary.yaml");

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_ascii_lowercase().into_boxed_str())
}

fn set(words: &[String]) -> WordSet {
    let words: Vec<&'static str> = words.iter().map(|w| leak(w)).collect();
    WordSet::new(&words)
}

fn phrase(p: &str) -> Vec<&'static str> {
    p.split_whitespace().map(leak).collect()
}

fn qualifier(name: &str) -> Qualifier {
    [
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::Approx,
        Qualifier::ApproxBelow,
        Qualifier::Exact,
    ]
    .into_iter()
    .find(|q| q.as_str() == name)
    .unwrap_or_else(|| panic!("vocabulary.yaml: no qualifier {name}"))
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let f: File = serde_yaml::from_str(SOURCE).expect("the compiled-in vocabulary parses");
    Vocabulary {
        stop: set(&f.stop),
        verbish: set(&f.verbish),
        persons: set(&f.persons),
        events: f.events.iter().map(|[p, e]| (phrase(p), leak(e))).collect(),
        place_prepositions: set(&f.places.prepositions),
        place_nouns: set(&f.places.nouns),
        place_words: set(&f.places.words),
        not_places: set(&f.places.not_places),
        dangling: f
            .dangling
            .qualifiers
            .iter()
            .map(|[p, q]| (phrase(p), qualifier(q)))
            .collect(),
        before_a_share: set(&f.dangling.before_a_share),
        incident_kinds: {
            let mut kinds: Vec<(Vec<&'static str>, &'static str)> = f
                .incidents
                .kinds
                .iter()
                .flat_map(|(kind, phrases)| {
                    let kind = leak(kind);
                    phrases.iter().map(move |p| (phrase(p), kind))
                })
                .collect();
            kinds.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
            kinds
        },
        spans: {
            let mut spans: Vec<(Vec<&'static str>, &'static str)> = f
                .incidents
                .spans
                .iter()
                .map(|p| (phrase(p), leak(p)))
                .collect();
            spans.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
            spans
        },
    }
});

/// Words to their places in a list, found as a [`WordSet`] finds a word
/// (packed, one probe of a table at most a quarter full) instead of by
/// hashing and comparing a string: for the tables the readers ask a
/// token's word of, most often.
#[derive(Debug)]
pub(crate) struct WordIndex(WordClasses);

impl WordIndex {
    /// The index of `words`, lower-case ASCII, each once: word `i` is
    /// found as `i`.
    ///
    /// # Panics
    /// On a word listed twice, or not lower-case ASCII.
    pub(crate) fn new(words: &[&'static str]) -> WordIndex {
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), words.len(), "a word listed twice");
        // one set of one word each, its bits the word's place plus one:
        // a word is in one set only, so its bits are that number
        let sets: Vec<WordSet> = words.iter().map(|&w| WordSet::new(&[w])).collect();
        let numbered: Vec<(&WordSet, u32)> = sets.iter().zip(1..).collect();
        WordIndex(WordClasses::new(&numbered))
    }

    /// The place of `low`, a word with no ASCII capital (a token's
    /// lower-cased view), in the list; `None` when it is not listed.
    #[inline]
    pub(crate) fn get(&self, low: &str) -> Option<usize> {
        (self.0.of_lower(low.as_bytes()) as usize).checked_sub(1)
    }
}

/// The vocabulary, read on first use.
pub(crate) fn vocabulary() -> &'static Vocabulary {
    &VOCABULARY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_phrase_names_a_canonical_event() {
        for (p, e) in &vocabulary().events {
            assert!(
                super::super::EVENT_NAMES.contains(e),
                "vocabulary.yaml: `{}` names {e}, which is no canonical event",
                p.join(" ")
            );
        }
    }

    #[test]
    fn a_longer_phrase_comes_before_a_shorter_one_with_its_first_word() {
        let events = &vocabulary().events;
        for (i, (p, _)) in events.iter().enumerate() {
            for (q, _) in &events[i + 1..] {
                assert!(
                    !(q.len() > p.len() && q.starts_with(p)),
                    "vocabulary.yaml: `{}` would never match after `{}`",
                    q.join(" "),
                    p.join(" ")
                );
            }
        }
    }

    /// Every listed word is found at its place, in any ASCII case made
    /// lower; other words, close to them, are not found.
    #[test]
    fn a_word_index_finds_each_word_at_its_place() {
        let words = [
            "a",
            "to",
            "the",
            "killed",
            "hospitalised",
            "a-very-long-word-indeed",
            "100,000",
            "+",
        ];
        let index = WordIndex::new(&words);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(index.get(w), Some(i), "{w}");
            let s = format!("{w}s");
            assert_eq!(index.get(&s), None, "{s}");
            assert_eq!(index.get(&w[1..]), words.iter().position(|v| *v == &w[1..]));
        }
        for w in [
            "",
            "x",
            "b",
            "tot",
            "kill",
            "killer",
            "a-very-long-word-indeeds",
            "é",
        ] {
            assert_eq!(index.get(w), None, "{w}");
        }
    }

    #[test]
    fn lists_read_as_words_not_yaml_booleans() {
        let v = vocabulary();
        for w in ["on", "off", "the", "people"] {
            assert!(v.stop.contains(w) || v.persons.contains(w), "{w}");
        }
        assert!(v.not_places.contains("May") && v.not_places.contains("sunday"));
    }
}
