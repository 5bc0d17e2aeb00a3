//! The claim frame: which figures are claims, and what each one is about.
//!
//! For every figure the frame reads, within its sentence: **what is counted**
//! (the head noun after it, singular, adjectives dropped: `six partially burnt
//! bodies` → `body`), **what happened** (`killed`, `injured`, `killed or
//! injured`, `detained`, ...), **where** (`in Bucha`), **who says so**
//! (`according to police`, `the OHCHR said`, `NATO estimates`), and **as of
//! when** (a date in the sentence, else publication). It also records
//! quantifiers with no number (`at least people were killed`).
//!
//! These are heuristics over words, kept deliberately plain: each step looks
//! at a handful of words around the figure and stops at clause boundaries.

use super::quantity::{Qualifier, Quantity, Unit};
use super::scan::Mention;
use crate::text::{Sentence, sentence_at};
use jiff::civil::Date;

pub(crate) mod bind;
mod dangling;
mod event;
pub mod incident;
mod noun;
mod place;
mod time;
mod tokens;
mod vocabulary;

pub use super::claim::{Claim, Dangling};
use crate::text::attribution::{source_for, sources_at};
use dangling::{CueCursor, dangling_in, shares_in, story_cues};
pub use event::EVENT_NAMES;
use event::event_for;
pub(crate) use event::{clause_break, event_at};
pub use incident::{Incident, When};
pub(crate) use noun::is_person;
pub use noun::singular;
use noun::{counted_after, counted_before, inherit_counted};
use place::{places_in, scope_for};
pub(crate) use tokens::Tok;
use tokens::class;
pub(crate) use tokens::classes;
#[cfg(test)]
use tokens::tokens;
use tokens::{lower, tokens_marking};

/// Which mentions are claims: everything but labels (`F-35`), determiner
/// `one`s and fraction words that are not shares of something.
#[inline]
fn is_claim(text: &str, m: &Mention) -> bool {
    if m.quantity.unit == Unit::Label {
        return false;
    }
    // most figures: told inline, the next word read only for the rest
    !m.lone_one && !m.share || is_claim_by_next_word(text, m)
}

/// [`is_claim`] of a lone `one` or a share word, which the word after it
/// decides.
fn is_claim_by_next_word(text: &str, m: &Mention) -> bool {
    let after = text[m.span.end..].trim_start();
    let next_word = &after[..after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len())];
    let qualified = m.span.start < m.value_span.start;
    if m.lone_one {
        return qualified || is_person(next_word);
    }
    if m.share {
        return qualified || matches!(lower(next_word).as_str(), "of" | "the");
    }
    true
}

/// Frame every mention of one story.
pub fn claims(
    text: &str,
    sentences: &[Sentence],
    mentions: Vec<Mention>,
    published: Option<Date>,
) -> (Vec<Claim>, Vec<Dangling>) {
    let mut out: Vec<Claim> = Vec::with_capacity(mentions.len());
    let by_sentence = claims_by_sentence(text, sentences, mentions);
    let mut dangling = Vec::new();
    // one lower-cased copy and one token buffer for all sentences; the copy
    // in a buffer of the thread's, kept from story to story
    let mut buffer = LOWERED.take();
    buffer.clear();
    buffer.push_str(text);
    buffer.make_ascii_lowercase();
    let lowered: &str = &buffer;
    let cues = story_cues(text, lowered, sentences);
    let (shares, person_sentences, cues) = (cues.shares, cues.person, cues.dangle);
    // sized for a long sentence once, not grown token by token in each story
    let mut toks = Vec::with_capacity(256);
    // buffers of the sentences' readers, reused from sentence to sentence
    let mut starts = Vec::with_capacity(64);
    let mut sources = Vec::new();
    let mut places = Vec::new();
    let mut kinds = Vec::new();
    // the sentences come in order: the cues before each are passed once
    let (mut share_cursor, mut dangle_cursor) = (CueCursor::new(&shares), CueCursor::new(&cues));
    let mut k = 0;
    for (si, sentence) in sentences.iter().enumerate() {
        let start = k;
        while k < by_sentence.len() && by_sentence[k].0 == si {
            k += 1;
        }
        let ms = &by_sentence[start..k];
        let may_share = share_cursor.holds(&sentence.span);
        let may_person = person_sentences[si];
        let may_dangle = dangle_cursor.holds(&sentence.span);
        if ms.is_empty() && !may_dangle && !may_share && !may_person {
            continue;
        }
        toks.clear();
        // where the readers may start, found as the tokens are
        starts.clear();
        let all = tokens_marking(
            &mut toks,
            text,
            sentence.span.clone(),
            lowered,
            READER_FIRST,
            &mut starts,
        );
        let toks = &toks[..];
        // a quantifier with no number starts with one of its first words
        if may_dangle && all & class::DANGLE_FIRST != 0 {
            dangling.extend(dangling_in(toks, &starts, si));
        }
        if may_share {
            shares_in(toks, &shares, &sentence.span, si, &mut dangling);
        }
        let persons = if may_person {
            bind::one_person(toks, all)
        } else {
            Vec::new()
        };
        if ms.is_empty() && persons.is_empty() {
            continue;
        }
        sources_at(text, toks, all, &starts, &mut sources);
        places_in(toks, all, &starts, &mut places);
        let frame = SentenceFrame {
            text,
            toks,
            all,
            sentence,
            si,
            published,
            sources: std::mem::take(&mut sources),
            places: std::mem::take(&mut places),
            date_in_sentence: time::reported_on(text, ms),
            including: (all & class::INCLUDING != 0)
                .then(|| {
                    starts
                        .iter()
                        .copied()
                        .find(|&k| toks[k].is(class::INCLUDING))
                })
                .flatten(),
            needs: std::cell::OnceCell::new(),
            marks: std::cell::OnceCell::new(),
        };
        let first_claim = out.len();
        sentence_claims(&frame, ms, persons, &mut out);
        incident_keys(toks, all, &starts, &mut kinds, &mut out[first_claim..]);
        // the frame's buffers go back for the next sentence
        (sources, places) = (frame.sources, frame.places);
    }
    drop(toks);
    // a story of up to a megabyte leaves its buffer to the next
    if buffer.capacity() <= 1 << 20 {
        LOWERED.set(buffer);
    }
    inherit_counted(text, &mut out, sentences);
    // the percentages of a sentence come after its quantifiers
    if !dangling.is_sorted_by_key(|d| d.span.start) {
        dangling.sort_by_key(|d| d.span.start);
    }
    (out, dangling)
}

/// [`sentence_at`] for offsets asked mostly in order: the sentence is
/// found by stepping on from the one found before, and by a binary search
/// only when an offset comes before the last one asked.
struct SentenceCursor<'s> {
    sentences: &'s [Sentence],
    /// How many sentences start at or before the last offset asked.
    started: usize,
    last: usize,
}

impl<'s> SentenceCursor<'s> {
    fn new(sentences: &'s [Sentence]) -> Self {
        SentenceCursor {
            sentences,
            started: 0,
            last: 0,
        }
    }

    #[inline]
    fn sentence_at(&mut self, offset: usize) -> Option<usize> {
        let sentences = self.sentences;
        if offset < self.last {
            self.started = sentences.partition_point(|s| s.span.start <= offset);
        } else {
            while self.started < sentences.len() && sentences[self.started].span.start <= offset {
                self.started += 1;
            }
        }
        self.last = offset;
        let found = self
            .started
            .checked_sub(1)
            .filter(|&k| offset < sentences[k].span.end.max(sentences[k].span.start + 1));
        debug_assert_eq!(found, sentence_at(sentences, offset));
        found
    }
}

/// The mentions that are claims, each with its sentence, in order of
/// sentence and start.
fn claims_by_sentence(
    text: &str,
    sentences: &[Sentence],
    mentions: Vec<Mention>,
) -> Vec<(usize, Mention)> {
    // group mentions by sentence (sized once: a filtered iterator would
    // grow the vector from four)
    let mut by_sentence: Vec<(usize, Mention)> = Vec::with_capacity(mentions.len());
    // the figures come in order: each sentence is found by stepping on
    // from the one before, not by a binary search over the story
    let mut at = SentenceCursor::new(sentences);
    for m in mentions {
        if is_claim(text, &m) {
            if let Some(s) = at.sentence_at(m.value_span.start) {
                by_sentence.push((s, m));
            }
        }
    }
    // the scanner finds figures in order: most stories are sorted already
    if !by_sentence.is_sorted_by_key(|(s, m)| (*s, m.span.start)) {
        by_sentence.sort_by_key(|(s, m)| (*s, m.span.start));
    }
    by_sentence
}

thread_local! {
    /// The lower-cased copy of the story [`claims`] reads, kept for the
    /// thread's next story: a fresh copy each time made the allocator take
    /// and return pages at a rate that cost more than the copy.
    static LOWERED: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// One sentence as its readers found it, shared by its figures: its
/// tokens, sources, places and date, and what the clause patterns need and
/// the sentence's words mark, both read on first use only.
struct SentenceFrame<'t, 'a> {
    text: &'a str,
    toks: &'t [Tok<'a>],
    /// The union of the tokens' classes.
    all: u32,
    sentence: &'t Sentence,
    si: usize,
    published: Option<Date>,
    sources: Vec<(usize, String)>,
    places: Vec<place::Place>,
    date_in_sentence: Option<Date>,
    /// The token `including`, which starts a sub-group.
    including: Option<usize>,
    /// Whether any pattern may bind here, and the needs the sentence meets.
    needs: std::cell::OnceCell<(bool, u64)>,
    /// What the sentence's words say of its figures (for bound figures).
    marks: std::cell::OnceCell<bind::Marks>,
}

impl SentenceFrame<'_, '_> {
    fn needs(&self) -> (bool, u64) {
        *self
            .needs
            .get_or_init(|| bind::sentence_needs(self.toks, self.all))
    }

    fn marks(&self) -> bind::Marks {
        *self
            .marks
            .get_or_init(|| bind::marks(self.toks, self.published.map(Date::year)))
    }

    /// The claim of mention `idx` of the sentence's mentions `ms`;
    /// `previous_age` ends the figure before it when that one is an age.
    fn figure(&self, ms: &[(usize, Mention)], idx: usize, previous_age: Option<usize>) -> Claim {
        let toks = self.toks;
        let m = &ms[idx].1;
        let first_tok = toks.partition_point(|t| t.start < m.span.start);
        let figure_end = first_at(toks, first_tok, m.span.end);
        let aged;
        let m = if self.is_age(m, first_tok, figure_end, previous_age) {
            let mut a = m.clone();
            a.quantity.unit = Unit::Age;
            aged = a;
            &aged
        } else {
            m
        };
        let (counted, counted_span, additional) = counted(toks, figure_end, first_tok, m);
        // the event is looked for after the counted noun, never in it
        let noun_end = counted_span
            .as_ref()
            .map_or(figure_end, |c| first_at(toks, figure_end, c.end));
        let event = if matches!(
            m.quantity.unit,
            Unit::Duration(_) | Unit::Age | Unit::Year | Unit::Ordinal | Unit::Measure(_)
        ) {
            None
        } else {
            event_for(toks, first_tok, noun_end, ms, idx)
        };
        let countable = matches!(
            m.quantity.unit,
            Unit::Count | Unit::Money(_) | Unit::Percent
        );
        let date = m.quantity.unit == Unit::Date;
        let binding = ((countable || date) && self.needs().0)
            .then(|| {
                bind::bind(
                    toks,
                    (first_tok, figure_end),
                    counted_span.as_ref(),
                    date,
                    self.needs().1,
                )
            })
            .flatten();
        let event = match binding.and_then(|b| b.event) {
            Some(e) => Some(e.to_string()),
            None => event,
        };
        let subgroup =
            countable && bind::subgroup(toks, (first_tok, figure_end, noun_end), self.including);
        let marked = if binding.is_some() {
            self.marks()
        } else {
            bind::Marks::default()
        };
        let additional = additional || countable && bind::additive(toks, first_tok, noun_end);
        Claim {
            bound: binding.map(|b| b.pattern),
            subgroup,
            background: marked.background,
            perpetrator: marked.perpetrator,
            revision: marked.revision,
            span: m.span.clone(),
            value_span: m.value_span.clone(),
            quantity: m.quantity.clone(),
            stated: m.stated,
            counted,
            counted_span,
            event,
            scope: scope_for(self.text, &self.places, &m.span),
            source: source_for(self.text, &self.sentence.span, &self.sources, &m.span),
            as_of: if date {
                None
            } else {
                self.date_in_sentence.or(self.published)
            },
            additional,
            superseded: time::superseded(self.text, m.span.start),
            sentence: self.si,
            block: self.sentence.block,
            incident: Incident::default(),
        }
    }

    /// Whether a count is an age: appositive (`Ana Ode, 19,`), the next of
    /// a list of ages (`ages 47 and 48`), or a range of ages.
    fn is_age(
        &self,
        m: &Mention,
        first_tok: usize,
        after_tok: usize,
        previous_age: Option<usize>,
    ) -> bool {
        let toks = self.toks;
        if m.quantity.unit != Unit::Count {
            return false;
        }
        match m.quantity.qualifier {
            Qualifier::Exact => {
                bind::age(toks, first_tok, after_tok, m.stated.0)
                    || previous_age.is_some_and(|end| {
                        bind::listed_age(toks, end, first_tok, after_tok, m.stated.0)
                    })
            }
            Qualifier::Range => bind::age_range(toks, first_tok, m.stated),
            _ => false,
        }
    }

    /// The claim of one person (`a man was shot dead`): tokens `a..b`, the
    /// person noun last, and what happened to them.
    fn person(
        &self,
        span: std::ops::Range<usize>,
        a: usize,
        b: usize,
        event: &'static str,
        people: u32,
    ) -> Claim {
        let toks = self.toks;
        let marks = self.marks();
        Claim {
            bound: Some(bind::ONE_PERSON),
            subgroup: false,
            background: marks.background,
            perpetrator: marks.perpetrator,
            revision: marks.revision,
            value_span: toks[a].start..toks[a].end,
            quantity: Quantity::exact(Unit::Count, f64::from(people)),
            stated: (f64::from(people), f64::from(people)),
            counted: Some(toks[b - 1].low.to_string()),
            counted_span: None,
            event: Some(event.to_string()),
            scope: scope_for(self.text, &self.places, &span),
            source: source_for(self.text, &self.sentence.span, &self.sources, &span),
            as_of: self.date_in_sentence.or(self.published),
            additional: false,
            superseded: false,
            sentence: self.si,
            block: self.sentence.block,
            incident: Incident::default(),
            span,
        }
    }
}

/// The first token from `from` on that starts at or after byte `at`:
/// `toks.partition_point(|t| t.start < at)` when every token before `from`
/// starts before `at`, found by a step or two from a token the caller
/// knows, not by a binary search over the sentence (a figure's end and its
/// noun lie a few tokens after its start).
#[inline]
fn first_at(toks: &[Tok<'_>], from: usize, at: usize) -> usize {
    let mut k = from;
    while k < toks.len() && toks[k].start < at {
        k += 1;
    }
    debug_assert_eq!(k, toks.partition_point(|t| t.start < at));
    k
}

/// What a figure counts (`35 people`, `the dead numbered 35`), its span,
/// and whether the noun says it comes on top of others (`35 more`). Dates,
/// years and ordinals count nothing; `35 dead` names what happened, not
/// what is counted.
fn counted(
    toks: &[Tok<'_>],
    after_tok: usize,
    first_tok: usize,
    m: &Mention,
) -> (Option<String>, Option<std::ops::Range<usize>>, bool) {
    let (counted, counted_span, additional) =
        if matches!(m.quantity.unit, Unit::Date | Unit::Year | Unit::Ordinal) {
            (None, None, false)
        } else {
            counted_after(toks, after_tok, m)
        };
    // "thousands homeless", "35 dead": the word after is what happened
    let (counted, counted_span) = match &counted_span {
        Some(c) if event_at(toks, first_at(toks, after_tok, c.start)).is_some() => (None, None),
        _ => (counted, counted_span),
    };
    let counted = counted.or_else(|| counted_before(toks, first_tok, m));
    (counted, counted_span, additional)
}

/// The claims of one sentence's figures `ms`, then those of its `persons`
/// that no figure already counts, onto `out`.
fn sentence_claims(
    frame: &SentenceFrame<'_, '_>,
    ms: &[(usize, Mention)],
    persons: Vec<bind::Person>,
    out: &mut Vec<Claim>,
) {
    let first_claim = out.len();
    for idx in 0..ms.len() {
        // the figure before, in this sentence, when it is an age: a list
        // of ages goes on (`ages 47 and 48`)
        let previous_age = out[first_claim..]
            .last()
            .filter(|c| c.quantity.unit == Unit::Age)
            .map(|c| c.span.end);
        out.push(frame.figure(ms, idx, previous_age));
    }
    let sentence_start = out.len();
    let toks = frame.toks;
    for (a, b, e, people) in persons {
        let span = toks[a].start..toks[b - 1].end;
        // a figure of the sentence already counts these people
        let taken = out[first_claim..sentence_start].iter().any(|c| {
            c.quantity.unit == Unit::Count && c.span.start < span.end && span.start < c.span.end
        });
        if !taken {
            out.push(frame.person(span, a, b, e, people));
        }
    }
    // claims of one person come after their sentence's figures (the
    // sentences' claims are in order: sorting each sentence's sorts all)
    let sentence = &mut out[first_claim..];
    if !sentence.is_sorted_by_key(|c| c.span.start) {
        sentence.sort_by_key(|c| c.span.start);
    }
}

/// The incident keys of one sentence's claims: the kind nearest each
/// figure, and the day a date pattern binds to the event (else a span such
/// as `this year`) for the figures beside it.
fn incident_keys(
    toks: &[Tok<'_>],
    all: u32,
    starts: &[usize],
    kinds: &mut Vec<(usize, &'static str)>,
    claims: &mut [Claim],
) {
    if claims.is_empty() {
        return;
    }
    let span = incident::read(toks, all, starts, kinds);
    let day = claims
        .iter()
        .find(|c| c.quantity.unit == Unit::Date && c.bound.is_some())
        .and_then(|c| c.quantity.date)
        .map(When::Day);
    let when = day.or(span.map(When::Span));
    for c in claims {
        c.incident.kind = incident::kind_for(kinds, &c.span);
        if c.quantity.unit != Unit::Date {
            c.incident.when = when;
        }
    }
}

/// The classes of the words the sentence's readers start at: places
/// (`in`, `where`), sources (`according`, `said`), incident words, dangling
/// quantifiers and `including`.
const READER_FIRST: u32 = class::WHERE
    | class::PLACE_PREPOSITION
    | class::ACCORDING
    | class::ATTRIBUTING
    | class::INCIDENT_FIRST
    | class::DANGLE_FIRST
    | class::INCLUDING;

/// The positions of the words of `toks` in a class of [`READER_FIRST`],
/// in order, into `out`: each reader visits these, not every token (most
/// words are in none of them). `all` is the union of the tokens' classes.
/// [`claims`] has them from the tokeniser ([`tokens_marking`]); this walk
/// is the reference its tests compare with.
#[cfg(test)]
fn reader_starts(toks: &[Tok<'_>], all: u32, out: &mut Vec<usize>) {
    out.clear();
    if all & READER_FIRST == 0 {
        return;
    }
    out.extend(
        toks.iter()
            .enumerate()
            .filter(|(_, t)| t.is(READER_FIRST))
            .map(|(k, _)| k),
    );
}

#[cfg(test)]
mod tests {
    use super::dangling::{dangle_cues, dangle_cues_each};
    use super::*;
    use crate::extract::scan::mentions;
    use crate::text::sentences;
    use std::ops::Range;

    #[test]
    fn dangle_cues_in_one_pass_are_the_cues_of_each_word() {
        let text = "At least, as many as, fewer than, an estimated, upwards of, in \
                    excess of, more than, up to; Manyfold thanks: LEAST, up  to, \
                    at leastways, pto, xcessive";
        let cues = dangle_cues(text.as_bytes());
        assert_eq!(cues, dangle_cues_each(text.as_bytes()));
        let words: Vec<&str> = cues.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            words,
            [
                "least",
                "many",
                "fewer",
                "than",
                "estimated",
                "pwards",
                "xcess",
                "than",
                "p to",
                "than",
                "least",
                "xcess"
            ]
        );
    }

    /// The tokeniser as first written, over chars: what [`tokens`] must
    /// agree with.
    fn tokens_by_chars(text: &str, range: Range<usize>) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        let s = &text[range.clone()];
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    let joins = matches!(d, '\'' | '’' | '-' | '&')
                        && s[j + d.len_utf8()..].starts_with(char::is_alphanumeric);
                    if d.is_alphanumeric()
                        || joins
                        || (d == '.' || d == ',')
                            && s[j + 1..].starts_with(|x: char| x.is_ascii_digit())
                            && c.is_ascii_digit()
                    {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                out.push((range.start + i, range.start + end, true));
            } else if !c.is_whitespace() {
                out.push((range.start + i, range.start + i + c.len_utf8(), false));
            }
        }
        out
    }

    #[test]
    fn those_detained_at_a_named_gathering_are_its_participants() {
        let counted = |text: &str| {
            let s = sentences(text, 0);
            let (claims, _) = super::claims(text, &s, mentions(text, None), None);
            // the last figure of each sentence is the one asked about
            claims.last().and_then(|c| c.counted.clone())
        };
        let cases = [
            (
                "Protests spread to six cities, and more than 300 have been detained, police said.",
                Some("protester"),
            ),
            (
                "More than 2,000 attended the demonstration outside parliament.",
                Some("demonstrator"),
            ),
            (
                "At least 12 were killed during the protests, medics said.",
                Some("person"),
            ),
            (
                "More than 300 have been detained since Monday, police said.",
                Some("person"),
            ),
            (
                "Police detained 40 journalists at the protest.",
                Some("journalist"),
            ),
            // the inferred protesters are not handed on to the injured
            (
                "Protests spread, and more than 300 have been detained. At least 12 were injured, medics said.",
                Some("person"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(counted(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn a_where_clause_after_a_bare_preposition_names_no_place() {
        // found by the grammar fuzz target: "In where" once subtracted past zero
        for text in [
            "In where 5 died.",
            "In where ,8 people were hurt",
            "At where",
        ] {
            let s = sentences(text, 0);
            let (claims, _) = super::claims(text, &s, mentions(text, None), None);
            assert!(
                claims.iter().all(|c| c.scope.is_none()),
                "{text}: {claims:?}"
            );
        }
        let text = "Norrby station where 5 died.";
        let s = sentences(text, 0);
        let (claims, _) = super::claims(text, &s, mentions(text, None), None);
        assert_eq!(claims[0].scope.as_deref(), Some("at Norrby station"));
    }

    #[test]
    fn tokens_join_figures_not_words() {
        let text = "ab.5 2,104 1.5. x-ray O’Neill's — Σ٣ é";
        let lowered = text.to_ascii_lowercase();
        let mut toks = Vec::new();
        tokens(&mut toks, text, 0..text.len(), &lowered);
        let got: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            got,
            [
                "ab",
                ".",
                "5",
                "2,104",
                "1.5",
                ".",
                "x-ray",
                "O’Neill's",
                "—",
                "Σ٣",
                "é"
            ]
        );
        // the range ends the text: `1.` before a digit outside it is no figure
        toks.clear();
        tokens(&mut toks, text, 11..13, &lowered);
        assert_eq!(toks.iter().map(|t| t.text).collect::<Vec<_>>(), ["1", "."]);
        assert_eq!(
            tokens_by_chars(text, 0..text.len()),
            toks_of(text, 0..text.len())
        );
    }

    fn toks_of(text: &str, range: Range<usize>) -> Vec<(usize, usize, bool)> {
        let lowered = text.to_ascii_lowercase();
        let mut toks = Vec::new();
        tokens(&mut toks, text, range, &lowered);
        toks.iter().map(|t| (t.start, t.end, t.word)).collect()
    }

    proptest::proptest! {
        #[test]
        fn tokens_agree_with_the_char_tokeniser(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-zA-Z0-9]{1,6}").unwrap(),
                    proptest::string::string_regex("[ .,'’&\\-]{1,2}").unwrap(),
                    proptest::string::string_regex("[éΣ٣²½—“”\u{a0}\t\n]").unwrap(),
                ],
                0..24,
            ),
            cut in 0usize..8,
        ) {
            let text: String = parts.concat();
            // a range that starts and ends inside the text, on char boundaries
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let from = starts[cut.min(starts.len() - 1)];
            let to = starts[starts.len() - 1 - cut.min(starts.len() - 1)].max(from);
            let lowered = text.to_ascii_lowercase();
            let mut toks = Vec::new();
            tokens(&mut toks, &text, from..to, &lowered);
            let got: Vec<(usize, usize, bool)> = toks.iter().map(|t| (t.start, t.end, t.word)).collect();
            proptest::prop_assert_eq!(got, tokens_by_chars(&text, from..to));
            for t in &toks {
                proptest::prop_assert_eq!(t.low, text[t.start..t.end].to_ascii_lowercase());
            }
        }
    }

    fn frame(text: &str) -> (Vec<Claim>, Vec<Dangling>) {
        let published = Some(Date::constant(2022, 4, 19));
        let s = sentences(text, 0);
        claims(text, &s, mentions(text, published), published)
    }

    fn one(text: &str) -> Claim {
        let (c, _) = frame(text);
        assert_eq!(c.len(), 1, "{text}: {c:#?}");
        c.into_iter().next().unwrap()
    }

    #[test]
    fn counted_nouns_are_singular_heads() {
        let cases = [
            (
                "Volunteers carried four badly charred bodies from the mine.",
                "body",
            ),
            (
                "The alliance estimates that as many as 9,000 Arvian soldiers may have died.",
                "soldier",
            ),
            (
                "Surveys suggest more than 60% of Norwegians support the reform.",
                "Norwegian",
            ),
            (
                "The valley was strewn with the remains of at least 300 people.",
                "person",
            ),
            (
                "The regulator has received more than 1,500 complaints about fraud.",
                "complaint",
            ),
        ];
        for (text, counted) in cases {
            assert_eq!(one(text).counted.as_deref(), Some(counted), "{text}");
        }
    }

    #[test]
    fn events_forward_backward_and_across_asides() {
        let (c, _) = frame(
            "Roughly 1,840 villagers, including 95 children, have been killed in the fighting.",
        );
        assert_eq!(c[0].event.as_deref(), Some("killed"));
        assert_eq!(c[1].event.as_deref(), Some("killed"));
        assert_eq!(c[1].counted.as_deref(), Some("child"));
        let c = one("More than 300 pupils have been killed or injured since the shelling began.");
        assert_eq!(c.event.as_deref(), Some("killed or injured"));
        let c = one("Arvia puts the death toll at over 12,000.");
        assert_eq!(c.event.as_deref(), Some("killed"));
        assert_eq!(c.source.as_deref(), Some("Arvia"));
        let (c, _) = frame(
            "About 1,204 residents in Loria got killed while 3,110 more got injured, the agency said.",
        );
        assert_eq!(c[0].event.as_deref(), Some("killed"));
        assert_eq!(c[1].event.as_deref(), Some("injured"));
        assert!(c[1].additional);
        assert_eq!(c[1].counted.as_deref(), Some("resident"));
        assert_eq!(c[0].scope.as_deref(), Some("in Loria"));
    }

    #[test]
    fn sources_and_dates() {
        let c = one(
            "More than 400 bodies were found near Tarsk, according to the country's police force.",
        );
        assert_eq!(c.source.as_deref(), Some("country's police force"));
        let (c, _) = frame(
            "Some 1,204 residents died, the Office of the Regional Ombudsman (ORO) said Tuesday.",
        );
        assert_eq!(c[0].source.as_deref(), Some("ORO"));
        assert_eq!(c[0].as_of, Some(Date::constant(2022, 4, 19)));
    }

    #[test]
    fn dangling_quantifiers_are_recorded() {
        let (c, d) =
            frame("The market where at least people were killed, including three children.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].counted.as_deref(), Some("person"));
        assert_eq!(d[0].event.as_deref(), Some("killed"));
        assert_eq!(c[0].event.as_deref(), Some("killed"));
        let (_, d) =
            frame("They trust television more than their sons. At least the rain stopped.");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn percentages_without_their_number_are_recorded() {
        let (_, d) = frame("Turnout fell by percent, and more than % of the seats changed.");
        let spans: Vec<&str> = d
            .iter()
            .map(|d| {
                &"Turnout fell by percent, and more than % of the seats changed."[d.span.clone()]
            })
            .collect();
        assert_eq!(spans, ["by percent", "than %"]);
        assert!(d.iter().all(|d| d.counted.as_deref() == Some("percent")));
        for fine in [
            "Turnout fell by 4 percent to 61 per cent.",
            "Only a tiny percent voted; the % change was small.",
            "A recent poll found the center held.",
        ] {
            let (_, d) = frame(fine);
            assert!(d.is_empty(), "{fine}: {d:?}");
        }
    }

    #[test]
    fn determiners_are_not_claims() {
        let (c, _) = frame("One witness said one moment was odd. At least one person died.");
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].quantity.qualifier, Qualifier::AtLeast);
    }
}

#[cfg(test)]
mod reader_tests {
    use super::*;
    use crate::text::sentences;

    /// Each sentence reader on the positions of [`reader_starts`] reads what
    /// it reads on every position (as the readers were first written).
    fn agree(text: &str) -> usize {
        let lowered = text.to_ascii_lowercase();
        let mut read = 0;
        for (si, s) in sentences(text, 0).iter().enumerate() {
            let mut toks = Vec::new();
            // what the tokeniser marks, after what a previous sentence left
            let mut marked = vec![usize::MAX];
            let all = tokens_marking(
                &mut toks,
                text,
                s.span.clone(),
                &lowered,
                READER_FIRST,
                &mut marked,
            );
            let every: Vec<usize> = (0..toks.len()).collect();
            let mut starts = Vec::new();
            reader_starts(&toks, all, &mut starts);
            assert_eq!(marked[1..], starts, "{:?}", &text[s.span.clone()]);
            let both = |at: &[usize]| {
                let (mut sources, mut places, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
                sources_at(text, &toks, all, at, &mut sources);
                places_in(&toks, all, at, &mut places);
                let span = incident::read(&toks, all, at, &mut kinds);
                let dangling = dangling_in(&toks, at, si);
                let including = at.iter().copied().find(|&k| toks[k].is(class::INCLUDING));
                format!("{sources:?} {places:?} {kinds:?} {span:?} {dangling:?} {including:?}")
            };
            let (new, old) = (both(&starts), both(&every));
            assert_eq!(new, old, "{:?}", &text[s.span.clone()]);
            read += usize::from(new.len() > 40);
        }
        read
    }

    #[test]
    fn readers_on_their_starts_read_what_they_read_on_every_token() {
        let read = agree(
            "More than 400 bodies were found near Tarsk, according to the country's police \
             force. At least people were killed in the shooting this year, including three \
             children, in Loria, the agency said. Norrby station where 5 died. Car bomb car \
             bomb in recent years over the past week. In where 5 died. Officials said.",
        );
        assert!(read >= 3, "{read}");
    }

    /// The same on every sentence of `../shared/realnews`; skipped when it
    /// is missing.
    #[test]
    fn readers_on_their_starts_agree_on_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        let read: usize = stories.iter().map(|s| agree(&s.text)).sum();
        assert!(read > 1000, "{read}");
    }
}
