//! The what-happened reader: the event word nearest a figure within its
//! clause (`killed`, `injured`, `killed or injured`, `detained`, ...), for
//! figures no clause pattern binds (see `bind`, which binds the rest).

use super::tokens::{Tok, class};
use crate::extract::scan::Mention;

/// The canonical events the frame names; rules may only use these.
pub const EVENT_NAMES: &[&str] = &[
    "killed",
    "injured",
    "killed or injured",
    "missing",
    "displaced",
    "evacuated",
    "detained",
    "discovered",
    "rescued",
    "support",
    "oppose",
    "turnout",
    "received",
    "invaded",
    "launched",
    "attended",
    "sentenced",
    "fined",
    "raised",
    "pledged",
    "cost",
    "jobs",
    "occurred",
    "began",
    "ended",
    "damaged",
];

/// Event phrases (`vocabulary.yaml`) indexed by their first word.
pub(crate) type EventIndex =
    rustc_hash::FxHashMap<&'static str, Vec<(&'static [&'static str], &'static str)>>;

pub(crate) fn events_by_first_word() -> &'static EventIndex {
    use std::sync::LazyLock;
    static INDEX: LazyLock<EventIndex> = LazyLock::new(|| {
        let mut m = EventIndex::default();
        for (phrase, canon) in &super::vocabulary::vocabulary().events {
            m.entry(phrase[0])
                .or_default()
                .push((phrase.as_slice(), *canon));
        }
        m
    });
    &INDEX
}

/// The first words of the event phrases, asked before the index: most
/// words are turned away by the set's inlined filter, without hashing.
pub(super) fn event_first_words() -> &'static crate::text::words::WordSet {
    use std::sync::LazyLock;
    static FIRST: LazyLock<crate::text::words::WordSet> = LazyLock::new(|| {
        let firsts: Vec<&'static str> = events_by_first_word().keys().copied().collect();
        crate::text::words::WordSet::new(&firsts)
    });
    &FIRST
}

#[inline]
pub(crate) fn event_at(toks: &[Tok<'_>], k: usize) -> Option<(&'static str, usize)> {
    // most tokens start no event phrase: told by their class, inline
    if !toks.get(k).is_some_and(|t| t.is(class::EVENT_FIRST)) {
        return None;
    }
    event_phrase_at(toks, k)
}

/// The event phrases that start with one word, and their events.
type Phrases = &'static [(&'static [&'static str], &'static str)];

/// [`events_by_first_word`] as a list, and the index of its first words:
/// a token's word is found by one probe, not hashed as a string.
fn events_by_first_index() -> &'static (super::vocabulary::WordIndex, Vec<Phrases>) {
    use std::sync::LazyLock;
    static INDEX: LazyLock<(super::vocabulary::WordIndex, Vec<Phrases>)> = LazyLock::new(|| {
        let (firsts, phrases): (Vec<&'static str>, Vec<Phrases>) = events_by_first_word()
            .iter()
            .map(|(w, ps)| (*w, ps.as_slice()))
            .unzip();
        (super::vocabulary::WordIndex::new(&firsts), phrases)
    });
    &INDEX
}

/// [`event_at`] at a token that starts some event phrase.
fn event_phrase_at(toks: &[Tok<'_>], k: usize) -> Option<(&'static str, usize)> {
    let (index, by_first) = events_by_first_index();
    let first = toks[k];
    let candidates = by_first[index.get(first.low)?];
    if !first.word {
        return None;
    }
    // the index found the first word of each candidate (a token's `low`
    // has no ASCII capital): only the words after it are compared
    'e: for (phrase, canon) in candidates {
        let Some(rest) = toks.get(k + 1..k + phrase.len()) else {
            continue;
        };
        for (t, p) in rest.iter().zip(&phrase[1..]) {
            if !t.word || t.low != *p {
                continue 'e;
            }
        }
        return Some((canon, phrase.len()));
    }
    None
}

/// Words that end a clause for the event search.
pub(crate) fn clause_break(t: &Tok<'_>) -> bool {
    if !t.word {
        return matches!(t.text, ";" | ":" | "—" | "(" | ")" | "\"" | "“" | "”");
    }
    t.class & class::CLAUSE_WORD != 0
}

/// The words of [`clause_break`].
pub(super) fn clause_words() -> &'static crate::text::words::WordSet {
    crate::word_set!(&[
        "while", "whereas", "but", "although", "though", "after", "before", "which", "because",
    ])
}

/// The event nearest the figure: forward to the clause end (stepping over
/// an `including ...` aside), then backward.
pub(crate) fn event_for(
    toks: &[Tok<'_>],
    first: usize,
    after: usize,
    ms: &[(usize, Mention)],
    idx: usize,
) -> Option<String> {
    let mut next = idx + 1;
    let mut k = after;
    let mut steps = 0;
    while k < toks.len() && steps < 14 {
        let t = toks[k];
        if clause_break(&t) {
            break;
        }
        if ms.get(next).is_some_and(|(_, n)| t.start >= n.span.start) {
            // another figure: go on only if it is an aside ("including 95 children")
            let prev = k.checked_sub(1).map(|p| toks[p].low);
            if !matches!(prev, Some("including" | "among")) {
                break;
            }
            next += 1;
        }
        if let Some((e, _)) = event_at(toks, k) {
            return Some(e.to_string());
        }
        k += 1;
        steps += 1;
    }
    // backward, to the previous figure or a clause break
    let prev_fig_end = idx.checked_sub(1).map(|p| ms[p].1.span.end);
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 12 {
        k -= 1;
        steps += 1;
        let t = toks[k];
        if prev_fig_end.is_some_and(|e| t.end <= e) || clause_break(&t) && t.text != "(" {
            break;
        }
        if let Some((e, _)) = event_at(toks, k) {
            // "killed or injured" read backwards starts at "killed"
            return Some(e.to_string());
        }
        if k >= 2 {
            if let Some((e, n)) = event_at(toks, k - 2) {
                if n == 3 {
                    return Some(e.to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`event_phrase_at`] as first written: every word of each candidate
    /// compared, the first too.
    fn event_phrase_at_word_by_word(toks: &[Tok<'_>], k: usize) -> Option<(&'static str, usize)> {
        let (index, by_first) = events_by_first_index();
        let candidates = by_first[index.get(toks[k].low)?];
        'e: for (phrase, canon) in candidates {
            if k + phrase.len() > toks.len() {
                continue;
            }
            for (j, p) in phrase.iter().enumerate() {
                let t = toks[k + j];
                if !t.word || t.low != *p {
                    continue 'e;
                }
            }
            return Some((canon, phrase.len()));
        }
        None
    }

    fn toks_of<'a>(text: &'a str, lowered: &'a str) -> Vec<Tok<'a>> {
        let mut toks = Vec::new();
        super::super::tokens::tokens(&mut toks, text, 0..text.len(), lowered);
        toks
    }

    /// Every position of `text`'s tokens, both ways; how many start an event.
    fn agree(text: &str) -> Result<usize, String> {
        let lowered = text.to_ascii_lowercase();
        let toks = toks_of(text, &lowered);
        let mut found = 0;
        for k in 0..toks.len() {
            let old = toks[k]
                .is(class::EVENT_FIRST)
                .then(|| event_phrase_at_word_by_word(&toks, k))
                .flatten();
            let new = event_at(&toks, k);
            if new != old {
                // offsets, not words: real news is never quoted
                let at = toks[k].start..toks[k].end;
                return Err(format!("token {k}, bytes {at:?}: {new:?} against {old:?}"));
            }
            found += usize::from(new.is_some());
        }
        Ok(found)
    }

    #[test]
    fn every_event_phrase_is_found_as_before() {
        let mut text = String::new();
        for (phrase, _) in &super::super::vocabulary::vocabulary().events {
            // the phrase, its first word alone, and the phrase in capitals
            text.push_str(&phrase.join(" "));
            text.push_str(". ");
            text.push_str(phrase[0]);
            text.push_str(", ");
            text.push_str(&phrase.join(" ").to_uppercase());
            text.push_str(" x ");
        }
        let found = agree(&text).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            found >= super::super::vocabulary::vocabulary().events.len(),
            "{found}"
        );
    }

    proptest::proptest! {
        #[test]
        fn comparing_the_words_after_the_first_changes_no_answer(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "killed", "Killed", "or", "injured", "shot", "dead", "were", "taken",
                    "into", "custody", "went", "missing", "left", "homeless", "-", ",",
                    "wounded", "died", "the", "death", "toll", "5", "arrested", "\u{e9}",
                ]),
                0..12,
            ),
        ) {
            let text = words.join(" ");
            let answer = agree(&text);
            proptest::prop_assert!(answer.is_ok(), "{:?}: {:?}", text, answer);
        }
    }

    /// The same on every sentence of real news (skipped when
    /// `../shared/realnews` is missing).
    #[test]
    fn event_phrases_agree_on_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            println!("skipped: ../shared/realnews is missing");
            return;
        };
        let mut found = 0;
        for (i, s) in stories.iter().enumerate() {
            found += agree(&s.text).unwrap_or_else(|e| panic!("story {i}: {e}"));
        }
        assert!(found > 1000, "{found}");
    }
}
