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

/// Which sentences hold a word that may say what happened to one person
/// (`dead`, `killed`, `wounded`, ...): only those are read for `a man was
/// shot dead`. One pass over the story; each cue marks the sentence it lies
/// wholly inside.
pub(crate) fn person_sentences(lowered: &[u8], sentences: &[Sentence]) -> Vec<bool> {
    use std::sync::LazyLock;
    const WORDS: [&str; 11] = [
        "dead", "died", "dies", "kill", "slain", "murder", "wound", "injur", "hurt", "gunned",
        "shot",
    ];
    static TEDDY: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(WORDS)
            .build()
    });
    let mut marks = vec![false; sentences.len()];
    // a cue counts for the sentence it lies wholly inside
    let mut mark = |start: usize, end: usize| {
        let k = sentences.partition_point(|s| s.span.end <= start);
        if let Some(s) = sentences.get(k) {
            if s.span.start <= start && end <= s.span.end {
                marks[k] = true;
            }
        }
    };
    match TEDDY.as_ref() {
        Some(teddy) => {
            for m in teddy.find_iter(lowered) {
                mark(m.start(), m.end());
            }
        }
        None => {
            for w in WORDS {
                for at in memchr::memmem::find_iter(lowered, w) {
                    mark(at, at + w.len());
                }
            }
        }
    }
    marks
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
    let per = |at: usize| {
        let head = &text[..at];
        let head = head.strip_suffix(b" ").unwrap_or(head);
        (head.len() >= 3 && head[head.len() - 3..].eq_ignore_ascii_case(b"per"))
            .then(|| (head.len() - 3, at + 4))
    };
    let mut cues: Vec<(usize, usize)> = CENT
        .find_iter(text)
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

/// Whether one of `cues` lies wholly inside `span`: a cheap test before
/// looking for dangling quantifiers in a sentence.
pub(crate) fn may_dangle(cues: &[(usize, usize)], span: &Range<usize>) -> bool {
    let first = cues.partition_point(|c| c.0 < span.start);
    cues[first..]
        .iter()
        .take_while(|c| c.0 < span.end)
        .any(|c| c.1 <= span.end)
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
pub(crate) fn dangling_in(toks: &[Tok<'_>], sentence: usize) -> Vec<Dangling> {
    let phrases = &vocabulary().dangling;
    let mut out = Vec::new();
    'tok: for k in 0..toks.len() {
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
