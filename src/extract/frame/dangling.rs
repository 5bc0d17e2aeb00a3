//! Quantifiers and percentages whose number is missing: `at least people
//! were killed`, `rose by percent`; and the cheap one-pass cue searches that
//! decide which sentences are read for them.

use super::Dangling;
use super::event_at;
use super::noun::{is_person, plural_like, singular};
use super::tokens::{Tok, class};
use super::vocabulary::vocabulary;
use crate::extract::quantity::Qualifier;
use crate::text::Sentence;
use std::ops::Range;

/// The words a dangling quantifier needs (`at least`, `as many as`,
/// `more than`, `up to`, ...), by the part of each that no other word of
/// the list overlaps.
pub(crate) const DANGLE_CUES: [&str; 8] = [
    "least",
    "many",
    "fewer",
    "estimated",
    "pwards",
    "xcess",
    "than",
    "p to",
];

/// Where the words of [`DANGLE_CUES`] occur in `text`, as sorted (start,
/// end) spans, found in one pass over the whole story (aho-corasick's
/// SIMD Teddy searcher) rather than searched again in every sentence.
/// No cue overlaps another, so every occurrence is found.
pub(crate) fn dangle_cues(text: &[u8]) -> Vec<(usize, usize)> {
    use std::sync::LazyLock;
    static TEDDY: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(DANGLE_CUES)
            .build()
    });
    match TEDDY.as_ref() {
        Some(teddy) => teddy
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect(),
        None => dangle_cues_each(text),
    }
}

/// The words that may say what happened to one person (`dead`, `killed`,
/// `wounded`, ...), by the part of each that the others do not overlap.
const PERSON_CUES: [&str; 11] = [
    "dead", "died", "dies", "kill", "slain", "murder", "wound", "injur", "hurt", "gunned", "shot",
];

/// Which sentences hold a word that may say what happened to one person
/// (`dead`, `killed`, `wounded`, ...): only those are read for `a man was
/// shot dead`. One pass over the story; each cue marks the sentence it lies
/// wholly inside.
pub(crate) fn person_sentences(lowered: &[u8], sentences: &[Sentence]) -> Vec<bool> {
    use std::sync::LazyLock;
    static TEDDY: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(PERSON_CUES)
            .build()
    });
    let mut marks = vec![false; sentences.len()];
    match TEDDY.as_ref() {
        Some(teddy) => {
            for m in teddy.find_iter(lowered) {
                mark_person(&mut marks, sentences, m.start(), m.end());
            }
        }
        None => {
            for w in PERSON_CUES {
                for at in memchr::memmem::find_iter(lowered, w) {
                    mark_person(&mut marks, sentences, at, at + w.len());
                }
            }
        }
    }
    marks
}

/// A person cue at `start..end` counts for the sentence it lies wholly
/// inside.
fn mark_person(marks: &mut [bool], sentences: &[Sentence], start: usize, end: usize) {
    let k = sentences.partition_point(|s| s.span.end <= start);
    if let Some(s) = sentences.get(k) {
        if s.span.start <= start && end <= s.span.end {
            marks[k] = true;
        }
    }
}

/// The cues of one story that decide which of its sentences are read for
/// what has no number: [`dangle_cues`], [`share_cues`] and
/// [`person_sentences`].
pub(crate) struct Cues {
    pub(crate) dangle: Vec<(usize, usize)>,
    pub(crate) shares: Vec<(usize, usize)>,
    /// Per sentence.
    pub(crate) person: Vec<bool>,
}

/// [`Cues`] in one pass over the lower-cased story instead of three (two
/// Teddy searches and a `memmem` for `cent`): one searcher holds the words
/// of all three. A dangling cue and `cent` are searched in the story as
/// written, so each is taken only where the story's own bytes spell it.
///
/// Each search on its own finds its words without overlaps, leftmost first.
/// No word of the three lists starts another (at any byte at most one
/// matches), so searching again one byte after each match finds every
/// occurrence of every word; each list then keeps, in order, those that
/// start at or after the end of the one it kept before: what its own
/// search finds.
pub(crate) fn story_cues(text: &str, lowered: &str, sentences: &[Sentence]) -> Cues {
    use aho_corasick::packed::Searcher;
    use std::sync::LazyLock;
    const CENT: usize = DANGLE_CUES.len() + PERSON_CUES.len();
    static TEDDY: LazyLock<Option<Searcher>> = LazyLock::new(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(DANGLE_CUES)
            .extend(PERSON_CUES)
            .add("cent")
            .build()
    });
    let (bytes, hay) = (text.as_bytes(), lowered.as_bytes());
    let Some(teddy) = TEDDY.as_ref() else {
        return Cues {
            dangle: dangle_cues(bytes),
            shares: share_cues(bytes),
            person: person_sentences(hay, sentences),
        };
    };
    let mut dangle = Vec::new();
    let mut cents = Vec::new();
    let mut person = vec![false; sentences.len()];
    // where each list's last kept word ends
    let (mut dangle_end, mut person_end, mut cent_end) = (0, 0, 0);
    let mut at = 0;
    while at < hay.len() {
        let Some(m) = teddy.find_in(hay, aho_corasick::Span::from(at..hay.len())) else {
            break;
        };
        let (start, end, id) = (m.start(), m.end(), m.pattern().as_usize());
        let as_written = |w: &str| &bytes[start..end] == w.as_bytes();
        if id < DANGLE_CUES.len() {
            if start >= dangle_end && as_written(DANGLE_CUES[id]) {
                dangle.push((start, end));
                dangle_end = end;
            }
        } else if id < CENT {
            if start >= person_end {
                mark_person(&mut person, sentences, start, end);
                person_end = end;
            }
        } else if start >= cent_end && as_written("cent") {
            cents.push(start);
            cent_end = end;
        }
        at = start + 1;
    }
    Cues {
        dangle,
        shares: shares_from(bytes, cents.into_iter()),
        person,
    }
}

/// [`dangle_cues`] on a CPU without the SIMD the Teddy searcher needs: one
/// memmem pass per word.
pub(crate) fn dangle_cues_each(text: &[u8]) -> Vec<(usize, usize)> {
    let mut cues: Vec<(usize, usize)> = DANGLE_CUES
        .iter()
        .flat_map(|w| memchr::memmem::find_iter(text, w).map(|at| (at, at + w.len())))
        .collect();
    cues.sort_unstable();
    cues
}

/// Where a percent word or sign follows a word in `text` (sorted): each is
/// asked whether its number was dropped (`rose by percent`). Most follow
/// their digits (`5%`, `5 percent`) and are passed over here.
pub(crate) fn share_cues(text: &[u8]) -> Vec<(usize, usize)> {
    use std::sync::LazyLock;
    // one pass finds "percent" and "per cent" alike
    static CENT: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"cent"));
    shares_from(text, CENT.find_iter(text))
}

/// [`share_cues`] from where `cent` occurs in `text`.
fn shares_from(text: &[u8], cents: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
    let per = |at: usize| {
        let head = &text[..at];
        let head = head.strip_suffix(b" ").unwrap_or(head);
        (head.len() >= 3 && head[head.len() - 3..].eq_ignore_ascii_case(b"per"))
            .then(|| (head.len() - 3, at + 4))
    };
    let mut cues: Vec<(usize, usize)> = cents
        .filter_map(per)
        .chain(memchr::memchr_iter(b'%', text).map(|at| (at, at + 1)))
        .filter(|&(at, _)| {
            let before = text[..at].strip_suffix(b" ").unwrap_or(&text[..at]);
            before.last().is_some_and(u8::is_ascii_alphabetic)
        })
        .collect();
    cues.sort_unstable();
    cues
}

/// The percentages of `cues` inside `span` whose number was dropped
/// (`by percent`), found through the tokens that hold them.
pub(crate) fn shares_in(
    toks: &[Tok<'_>],
    cues: &[(usize, usize)],
    span: &Range<usize>,
    sentence: usize,
    out: &mut Vec<Dangling>,
) {
    let first = cues.partition_point(|c| c.0 < span.start);
    for c in cues[first..].iter().take_while(|c| c.1 <= span.end) {
        let k = toks.partition_point(|t| t.end <= c.0);
        if toks.get(k).is_some_and(|t| t.start == c.0) {
            if let Some(end) = share_without_number(toks, k) {
                out.push(Dangling {
                    span: toks[k - 1].start..end,
                    qualifier: Qualifier::Exact,
                    counted: Some("percent".to_string()),
                    event: None,
                    sentence,
                });
            }
        }
    }
}

/// Whether one of `cues` lies wholly inside `span`, by a search of the
/// cues: the reference the debug assertion of [`CueCursor::holds`] checks
/// that cursor against.
pub(crate) fn may_dangle(cues: &[(usize, usize)], span: &Range<usize>) -> bool {
    let first = cues.partition_point(|c| c.0 < span.start);
    ends_inside(&cues[first..], span)
}

/// Whether one of `cues`, none of which starts before `span`, lies wholly
/// inside it.
#[inline]
fn ends_inside(cues: &[(usize, usize)], span: &Range<usize>) -> bool {
    cues.iter()
        .take_while(|c| c.0 < span.end)
        .any(|c| c.1 <= span.end)
}

/// [`may_dangle`] for sentences asked in order of their start: the cues
/// before a sentence are stepped over once for the story, not searched
/// again for each sentence.
pub(crate) struct CueCursor<'c> {
    cues: &'c [(usize, usize)],
    /// The first cue that starts at or after the last sentence asked.
    at: usize,
}

impl<'c> CueCursor<'c> {
    pub(crate) fn new(cues: &'c [(usize, usize)]) -> Self {
        CueCursor { cues, at: 0 }
    }

    /// [`may_dangle`] of `span`, which starts at or after the span asked
    /// before.
    #[inline]
    pub(crate) fn holds(&mut self, span: &Range<usize>) -> bool {
        let cues = self.cues;
        while self.at < cues.len() && cues[self.at].0 < span.start {
            self.at += 1;
        }
        let found = ends_inside(&cues[self.at..], span);
        debug_assert_eq!(found, may_dangle(cues, span));
        found
    }
}

/// A percentage with its number dropped: `by percent`, `than %`. Returns
/// the end of the percent word when `toks[k]` starts one after such a word.
pub(crate) fn share_without_number(toks: &[Tok<'_>], k: usize) -> Option<usize> {
    let before = toks.get(k.checked_sub(1)?)?;
    if !before.word || !vocabulary().before_a_share.contains(before.low) {
        return None;
    }
    let t = toks[k];
    match t.low {
        "%" | "percent" => Some(t.end),
        "per" => toks.get(k + 1).filter(|n| n.low == "cent").map(|n| n.end),
        _ => None,
    }
}

/// The first words of the dangling quantifiers (`at`, `as`, `more`, ...).
pub(super) fn first_words() -> &'static crate::text::words::WordSet {
    use std::sync::LazyLock;
    static FIRST: LazyLock<crate::text::words::WordSet> = LazyLock::new(|| {
        let firsts: Vec<&'static str> = vocabulary().dangling.iter().map(|(p, _)| p[0]).collect();
        crate::text::words::WordSet::new(&firsts)
    });
    &FIRST
}

/// Quantifiers whose number is missing: `at least people were killed`.
/// `starts` are the positions of the tokens to read, in order: every first
/// word of a quantifier among others.
pub(crate) fn dangling_in(toks: &[Tok<'_>], starts: &[usize], sentence: usize) -> Vec<Dangling> {
    let phrases = &vocabulary().dangling;
    let mut out = Vec::new();
    'tok: for &k in starts {
        if !toks[k].is(class::DANGLE_FIRST) {
            continue;
        }
        for (phrase, q) in phrases {
            if k + phrase.len() >= toks.len() {
                continue;
            }
            if !phrase
                .iter()
                .enumerate()
                .all(|(j, p)| toks[k + j].low == *p)
            {
                continue;
            }
            let next = toks[k + phrase.len()];
            if !next.word || !plural_like(next.text) || !next.text.chars().all(char::is_lowercase) {
                continue;
            }
            // the noun must be what figures count, and a verb of counting follow
            let verb_follows = toks[k + phrase.len() + 1..].iter().take(4).any(|t| {
                let lowered;
                let w = if t.text.is_ascii() {
                    t.low
                } else {
                    lowered = t.text.to_lowercase();
                    lowered.as_str()
                };
                matches!(
                    w,
                    "were"
                        | "was"
                        | "have"
                        | "has"
                        | "had"
                        | "are"
                        | "died"
                        | "killed"
                        | "dead"
                        | "injured"
                        | "wounded"
                        | "remain"
                        | "fled"
                )
            });
            let person = is_person(next.text);
            let strict = matches!(q, Qualifier::MoreThan | Qualifier::AtMost);
            if !person || (strict && !verb_follows) {
                continue;
            }
            let event = (k + phrase.len() + 1..toks.len().min(k + phrase.len() + 6))
                .find_map(|j| event_at(toks, j).map(|(e, _)| e.to_string()));
            out.push(Dangling {
                span: toks[k].start..next.end,
                qualifier: *q,
                counted: Some(singular(next.text)),
                event,
                sentence,
            });
            continue 'tok;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`story_cues`] against the three searches it stands for, each on its
    /// own.
    fn agrees(text: &str) {
        let sentences = crate::text::sentences(text, 0);
        let lowered = text.to_ascii_lowercase();
        let cues = story_cues(text, &lowered, &sentences);
        let bytes = text.as_bytes();
        assert_eq!(cues.dangle, dangle_cues_each(bytes), "{text:?}");
        assert_eq!(cues.dangle, dangle_cues(bytes), "{text:?}");
        assert_eq!(cues.shares, share_cues(bytes), "{text:?}");
        assert_eq!(
            cues.person,
            person_sentences(lowered.as_bytes(), &sentences),
            "{text:?}"
        );
    }

    #[test]
    fn story_cues_are_the_cues_of_each_search() {
        for text in [
            "",
            "At least 5 died. LEAST, Many, many; up to 9 per cent were hurt.",
            // the words of the lists run into each other
            "deadied killeast thanthan leastdies diesshot estimatedead p toxcess pwardshot",
            "Percent, per cent, PER CENT, 5%, by %, percentage. Shot. SHOT dead",
            "The man was shot dead. A woman died. Upwards of 10 were wounded.",
        ] {
            agrees(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn story_cues_agree_with_each_search(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "least", "LEAST", "Least", "many", "fewer", "estimated", "pwards", "xcess",
                "than", "p to", "P TO", "dead", "Died", "dies", "kill", "slain", "murder",
                "wound", "injur", "hurt", "gunned", "shot", "cent", "CENT", "per", "%", " ",
                ". ", "\n\n", "s", "e", "t", "a", "d", "é", "x",
            ]),
            0..40,
        )) {
            agrees(&parts.concat());
        }
    }

    /// The same on every story of `../shared/realnews`; skipped when it is
    /// missing.
    #[test]
    fn story_cues_agree_with_each_search_on_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        for s in &stories {
            agrees(&s.text);
        }
    }
}
