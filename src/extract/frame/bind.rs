//! Binding: which clause pattern, if any, ties a figure to what it counts
//! and what happened; and the marks that keep a figure out of comparisons
//! whatever it counts (a sub-group, background, an age).
//!
//! The patterns and word lists are data (`lexicon.yaml`, compiled into the
//! binary); this module only reads them and matches them on the tokens of a
//! sentence. A pattern is split at its figure `N`: the part after it is
//! matched forward from the end of the figure, the part before it backward
//! from its start, so a pattern costs a few token comparisons per figure.
//!
//! Prefer silence to a guess: a figure no pattern binds is `inferred`, and
//! the engine never raises a warning or an error on it.

use super::tokens::class;
use super::vocabulary::WordIndex;
use super::{Tok, event_at};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// The lexicon as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LexiconFile {
    aux: Vec<String>,
    verbs: BTreeMap<String, Vec<String>>,
    pub(crate) patterns: Vec<PatternFile>,
    pub(crate) subgroup: SubgroupFile,
    pub(crate) background: Background,
    perpetrator: Vec<String>,
    revision: Vec<String>,
    additive: Vec<String>,
    pub(crate) one_person: OnePerson,
    pub(crate) age: Age,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
// the examples are read by the lexicon's tests only
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct OnePerson {
    determiners: Vec<String>,
    persons: Vec<String>,
    killed: Vec<String>,
    injured: Vec<String>,
    aux: Vec<String>,
    deadly: Vec<String>,
    verbs_killed: Vec<String>,
    verbs_injured: Vec<String>,
    pub(crate) must: Vec<Example>,
    pub(crate) must_not: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
// the examples are read by the lexicon's tests only
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct PatternFile {
    pub(crate) id: String,
    pattern: String,
    /// `date` for the patterns that bind a date to the event; figures otherwise.
    #[serde(default)]
    unit: Option<String>,
    /// The event when no `EVENT` or `VERB` element names one.
    #[serde(default)]
    event: Option<String>,
    /// The pattern does not apply in a sentence with one of these words.
    #[serde(default)]
    unless: Vec<String>,
    /// `false`: the figure is bound for what it says, but is no event's
    /// toll to compare (`four people were shot`, a count of the wounded
    /// only when nobody died, which the next sentence may belie).
    #[serde(default = "yes")]
    compare: bool,
    pub(crate) must: Vec<Example>,
    pub(crate) must_not: Vec<Example>,
}

fn yes() -> bool {
    true
}

/// A sentence and the figure in it (as written, qualifier and noun
/// included) that a pattern or mark must (or must not) apply to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
// the examples are read by the lexicon's tests only
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Example {
    pub(crate) text: String,
    pub(crate) figure: String,
    #[serde(default)]
    pub(crate) event: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
// the examples are read by the lexicon's tests only
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct SubgroupFile {
    before: Vec<String>,
    after: Vec<String>,
    sentence_start: Vec<String>,
    after_clause: Vec<String>,
    pub(crate) must: Vec<Example>,
    pub(crate) must_not: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
// the examples are read by the lexicon's tests only
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Background {
    phrases: Vec<String>,
    sentence_start: Vec<String>,
    teaser: Vec<String>,
    pub(crate) must: Vec<Example>,
    pub(crate) must_not: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
// the examples are read by the lexicon's tests only
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Age {
    before: Vec<String>,
    persons: Vec<String>,
    not_names: Vec<String>,
    pub(crate) must: Vec<Example>,
    pub(crate) must_not: Vec<Example>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rep {
    One,
    Opt,
    Star,
}

#[derive(Debug, PartialEq, Eq)]
enum Elem {
    Noun,
    Event,
    Verb,
    Aux,
    Gap,
    /// A word in `-ly` (`fatally`, `critically`).
    Adv,
    Words(WordList),
}

/// One of a few words (`to|at|of`): as written, for the needs index, and
/// as a set, for matching without comparing strings.
#[derive(Debug)]
struct WordList {
    words: Vec<String>,
    set: Words,
}

impl WordList {
    /// Whether the token is one of the words. Every word of a pattern is a
    /// word some pattern may need (asserted when the lexicon is built), so
    /// the token's class turns most words away first.
    #[inline]
    fn has(&self, t: &Tok<'_>) -> bool {
        t.is(class::NEEDS) && self.set.contains(t.low)
    }
}

impl PartialEq for WordList {
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Eq for WordList {}

#[derive(Debug)]
struct Pattern {
    id: &'static str,
    /// Elements after the figure, in reading order.
    after: Vec<(Elem, Rep)>,
    /// Elements before the figure, nearest first.
    before: Vec<(Elem, Rep)>,
    /// The first element of `before` that must match once, a word or an
    /// event phrase, when only elements of one word that may be left out
    /// stand before it (`VERB` in `VERB GAP? GAP? N`): its index and how
    /// many stand before it. It must then start among the words just
    /// before the figure, that many and one more (an event phrase: three
    /// more), see [`Pattern::may_bind_before`].
    reach: Option<(usize, usize)>,
    event: Option<&'static str>,
    date: bool,
    /// `None` when the pattern applies in any sentence.
    unless: Option<Words>,
    compare: bool,
    /// The elements it must match once (see [`Needs`]): a sentence without
    /// one of them is not tried.
    needs: u64,
}

/// What a sentence holds of the elements the patterns must match once: an
/// event phrase (bit 0), an active verb (bit 1), and each word list a
/// pattern names without `?` or `*` (the bits after). A pattern is tried
/// only in a sentence with all its needs; the match is the same, found
/// sooner.
#[derive(Debug)]
struct Needs {
    /// The words of `bits`, each at its place there.
    index: WordIndex,
    /// Each word's bits: of the lists that hold it, and [`ANCHOR`],
    /// [`EVENT_FIRST`], [`NEED_VERB`].
    bits: Vec<u64>,
    /// Each word's event when it is an active verb (`killing` → `killed`).
    verb: Vec<Option<&'static str>>,
    /// The words of `bits`: the class bit [`class::NEEDS`] of a token.
    any: Words,
    /// The words that meet a need (bits besides [`ANCHOR`] and
    /// [`EVENT_FIRST`]): the class bit [`NEED_WORD`].
    meeting: Words,
    /// The needs each word of two letters of `meeting` meets, by its two
    /// bytes: the commonest words of all (`to`, `at`, `of`), told without
    /// a lookup.
    two_letters: Vec<([u8; 2], u64)>,
}

const NEED_EVENT: u64 = 1;
const NEED_VERB: u64 = 2;
/// In [`Needs::words`]: the word is an anchor (a pattern's word or a verb).
const ANCHOR: u64 = 1 << 62;
/// In [`Needs::words`]: an event phrase starts with the word.
const EVENT_FIRST: u64 = 1 << 63;

/// The needs of each pattern, and the word index of all of them.
/// `anchors` are every word a pattern names and every active verb (see
/// [`anchor_words`]); `verbs` the active verbs.
fn needs_of(
    patterns: &mut [Pattern],
    anchors: &[String],
    verbs: &FxHashMap<String, &'static str>,
) -> Needs {
    let mut words: FxHashMap<String, u64> = FxHashMap::default();
    let mut next = 2;
    for p in patterns.iter_mut() {
        let mut needs = 0;
        for (elem, rep) in p.after.iter().chain(&p.before) {
            if *rep != Rep::One {
                continue;
            }
            match elem {
                Elem::Event => needs |= NEED_EVENT,
                Elem::Verb => needs |= NEED_VERB,
                Elem::Words(ws) if next < 62 => {
                    let bit = 1u64 << next;
                    next += 1;
                    for w in &ws.words {
                        *words.entry(w.clone()).or_default() |= bit;
                    }
                    needs |= bit;
                }
                _ => {}
            }
        }
        p.needs = needs;
    }
    // each word's bits besides its lists: a verb, an anchor, an event's
    // first word
    for w in anchors {
        let bits = words.entry(w.clone()).or_default();
        *bits |= ANCHOR;
        if verbs.contains_key(w) {
            *bits |= NEED_VERB;
        }
    }
    for w in super::event::events_by_first_word().keys() {
        *words.entry((*w).to_string()).or_default() |= EVENT_FIRST;
    }
    let mut all: Vec<String> = words.keys().cloned().collect();
    all.sort();
    let listed: Vec<&'static str> = all.iter().map(|w| leak(w.clone())).collect();
    let met = |w: &String| words[w] & !(ANCHOR | EVENT_FIRST);
    let meeting: Vec<String> = all.iter().filter(|w| met(w) != 0).cloned().collect();
    Needs {
        two_letters: meeting
            .iter()
            .filter_map(|w| Some((<[u8; 2]>::try_from(w.as_bytes()).ok()?, met(w))))
            .collect(),
        meeting: self::words(&meeting),
        index: WordIndex::new(&listed),
        bits: all.iter().map(|w| words[w]).collect(),
        verb: all.iter().map(|w| verbs.get(w).copied()).collect(),
        any: self::words(&all),
    }
}

impl Needs {
    /// The index of a token's word among the words of [`Needs`], when
    /// its class says it is one.
    #[inline]
    fn of(&self, t: &Tok<'_>) -> Option<usize> {
        if t.is(class::NEEDS) {
            self.index.get(t.low)
        } else {
            None
        }
    }

    /// The needs a word of [`NEED_WORD`] meets.
    #[inline]
    fn bits_of(&self, t: &Tok<'_>) -> u64 {
        if let Ok(two) = <[u8; 2]>::try_from(t.low.as_bytes()) {
            if let Some(&(_, bits)) = self.two_letters.iter().find(|(w, _)| *w == two) {
                return bits;
            }
        }
        self.index
            .get(t.low)
            .map_or(0, |i| self.bits[i] & !(ANCHOR | EVENT_FIRST))
    }

    /// The event of a token's word when it is an active verb.
    #[inline]
    fn verb(&self, t: &Tok<'_>) -> Option<&'static str> {
        self.of(t).and_then(|i| self.verb[i])
    }
}

/// Whether any pattern may bind a figure of this sentence, and the needs
/// it meets (see [`Needs`]): one pass over its words. Every pattern needs
/// something (asserted when the lexicon is built), so a sentence that
/// meets no need binds nothing. Only the words that meet a need are
/// looked up ([`NEED_WORD`]), and the commonest of them (`to`, `of`) not
/// even that (see [`Needs::bits_of`]).
/// `all` is the union of the tokens' classes.
pub(super) fn sentence_needs(toks: &[Tok<'_>], all: u32) -> (bool, u64) {
    let lex = &*LEXICON;
    let mut have = 0;
    if all & (NEED_WORD | class::EVENT_FIRST) == 0 {
        return (false, have);
    }
    for (k, t) in toks.iter().enumerate() {
        // the token's class turns most words away
        if t.class & (NEED_WORD | class::EVENT_FIRST) == 0 || !t.word {
            continue;
        }
        if t.class & NEED_WORD != 0 {
            have |= lex.needs.bits_of(t);
        }
        if t.class & class::EVENT_FIRST != 0
            && have & NEED_EVENT == 0
            && event_at(toks, k).is_some()
        {
            have |= NEED_EVENT;
        }
    }
    (have != 0, have)
}

/// A word that meets a need of some pattern (see [`Needs`]): a bit of
/// [`Tok::class`] after the tokeniser's (see [`class`]).
pub(crate) const NEED_WORD: u32 = 1 << 26;

/// Phrases indexed by their first token: a sentence is read once, each
/// token asking only the phrases that start with it.
#[derive(Debug, Default)]
struct Phrases(FxHashMap<String, Vec<Vec<String>>>);

impl Phrases {
    fn new(list: Vec<Vec<String>>) -> Self {
        let mut m: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for p in list.into_iter().filter(|p| !p.is_empty()) {
            m.entry(p[0].clone()).or_default().push(p);
        }
        Phrases(m)
    }

    /// Whether one of the phrases starts at token `k`.
    fn at(&self, toks: &[Tok<'_>], k: usize) -> bool {
        toks.get(k)
            .and_then(|t| self.0.get(t.low))
            .is_some_and(|ps| ps.iter().any(|p| starts_with(toks, k, p)))
    }
}

/// A word list of the lexicon, looked up without comparing strings.
type Words = crate::text::words::WordSet;

fn words(list: &[String]) -> Words {
    let v: Vec<&'static str> = list.iter().map(|w| leak(w.to_ascii_lowercase())).collect();
    Words::new(&v)
}

#[derive(Debug)]
struct Lexicon {
    aux: Words,
    patterns: Vec<Pattern>,
    needs: Needs,
    sub_before: Vec<Vec<String>>,
    sub_after: Vec<Vec<String>>,
    sub_start: Vec<Vec<String>>,
    sub_clause: Words,
    sub_before_last: Words,
    sub_after_first: Words,
    sub_start_first: Words,
    /// Background, perpetrator and revision phrases in one index.
    marks: FxHashMap<String, Vec<(Vec<String>, Mark)>>,
    /// The first words of `marks`, asked first.
    mark_first: Words,
    /// The words that are a phrase of `marks` by themselves (`since`).
    mark_alone: Words,
    /// The second words of the phrases of `marks` (`far` of `so far`): a
    /// first word followed by none of them starts no longer phrase.
    mark_next: Words,
    teaser: Phrases,
    additive: Words,
    age_before: Vec<Vec<String>>,
    /// The last words of `age_before`, asked first.
    age_before_last: Words,
    age_persons: Words,
    age_not_names: Words,
    person_det: Words,
    persons: Words,
    person_events: Vec<(Vec<String>, &'static str)>,
    person_aux: Words,
    person_deadly: Words,
    person_verbs: Vec<(Vec<String>, &'static str)>,
    /// The first words of `person_events` and `person_verbs`, asked first.
    person_first: Words,
}

const SOURCE: &str = include_str!("lexicon.yaml");

/// The lexicon as written, for its tests.
pub(crate) fn file() -> LexiconFile {
    serde_yaml::from_str(SOURCE).expect("the compiled-in lexicon parses")
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn phrase(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_ascii_lowercase).collect()
}

fn phrases(v: &[String]) -> Vec<Vec<String>> {
    v.iter().map(|s| phrase(s)).collect()
}

fn compile_pattern(p: PatternFile) -> Pattern {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut seen_n = false;
    for part in p.pattern.split_whitespace() {
        if part == "N" {
            assert!(!seen_n, "pattern {}: N twice", p.id);
            seen_n = true;
            continue;
        }
        let (body, rep) = if let Some(b) = part.strip_suffix('?') {
            (b, Rep::Opt)
        } else if let Some(b) = part.strip_suffix('*') {
            (b, Rep::Star)
        } else {
            (part, Rep::One)
        };
        let elem = match body {
            "NOUN" => Elem::Noun,
            "EVENT" => Elem::Event,
            "VERB" => Elem::Verb,
            "AUX" => Elem::Aux,
            "GAP" => Elem::Gap,
            "ADV" => Elem::Adv,
            words => {
                let words: Vec<String> = words.split('|').map(str::to_ascii_lowercase).collect();
                Elem::Words(WordList {
                    set: self::words(&words),
                    words,
                })
            }
        };
        if seen_n {
            after.push((elem, rep));
        } else {
            assert!(elem != Elem::Noun, "pattern {}: NOUN before N", p.id);
            before.push((elem, rep));
        }
    }
    assert!(seen_n, "pattern {}: no N", p.id);
    before.reverse();
    let reach = reach_of(&before);
    assert!(
        matches!(p.unit.as_deref(), None | Some("date")),
        "pattern {}: unit is date or absent",
        p.id
    );
    Pattern {
        unless: (!p.unless.is_empty()).then(|| words(&p.unless)),
        compare: p.compare,
        date: p.unit.is_some(),
        id: leak(p.id),
        after,
        before,
        reach,
        event: p.event.map(leak),
        needs: 0,
    }
}

/// An element that is one word, told by the word alone.
fn one_word(elem: &Elem) -> bool {
    matches!(elem, Elem::Verb | Elem::Aux | Elem::Words(_))
}

/// [`Pattern::reach`] of the elements before a figure, nearest first.
fn reach_of(before: &[(Elem, Rep)]) -> Option<(usize, usize)> {
    for (i, (elem, rep)) in before.iter().enumerate() {
        match rep {
            // an event phrase is told by its first word, up to three
            // words before where it ends (see `backward`)
            Rep::One => return (one_word(elem) || *elem == Elem::Event).then_some((i, i)),
            // a gap, a word or an adverb left out or taken: one token
            Rep::Opt if matches!(elem, Elem::Gap | Elem::Adv) || one_word(elem) => {}
            _ => return None,
        }
    }
    None
}

impl Pattern {
    /// Whether the element [`Pattern::reach`] names may match before the
    /// figure that starts at token `first`: a cheap necessary condition of
    /// [`backward`], so a pattern that fails it cannot bind.
    fn may_bind_before(&self, toks: &[Tok<'_>], first: usize) -> bool {
        let Some((i, optional)) = self.reach else {
            return true;
        };
        let elem = &self.before[i].0;
        // an event phrase of up to three words ends where a word would
        let reach = if *elem == Elem::Event { 3 } else { 1 };
        toks[first.saturating_sub(optional + reach)..first]
            .iter()
            .any(|t| match elem {
                Elem::Verb => LEXICON.needs.verb(t).is_some(),
                Elem::Aux => t.is(class::AUX),
                Elem::Words(ws) => ws.has(t),
                Elem::Event => t.is(class::EVENT_FIRST),
                _ => true,
            })
    }
}

/// Phrases that say someone was killed or injured, with that event, the
/// longest first (`shot and killed` before `killed`).
fn by_event(killed: &[String], injured: &[String]) -> Vec<(Vec<String>, &'static str)> {
    let mut v: Vec<(Vec<String>, &'static str)> = phrases(killed)
        .into_iter()
        .map(|p| (p, "killed"))
        .chain(phrases(injured).into_iter().map(|p| (p, "injured")))
        .collect();
    v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    v
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let f = file();
    let mut verbs = FxHashMap::default();
    for (canon, forms) in f.verbs.clone() {
        let canon = leak(canon);
        for v in forms {
            verbs.insert(v.to_ascii_lowercase(), canon);
        }
    }
    let f_patterns: Vec<String> = f.patterns.iter().map(|p| p.pattern.clone()).collect();
    let f_verbs: Vec<String> = f.verbs.values().flatten().cloned().collect();
    let marked: Vec<Vec<String>> = mark_phrases(&f).collect();
    let mut patterns: Vec<Pattern> = f.patterns.into_iter().map(compile_pattern).collect();
    let needs = needs_of(&mut patterns, &anchor_words(&f_patterns, &f_verbs), &verbs);
    // a pattern's words and the active verbs are matched after the class
    // bit `NEEDS` (see `WordList::has`, `is_verb`): each must be in its set
    for w in verbs.keys() {
        assert!(needs.any.contains(w), "verb {w} not indexed");
    }
    for p in &patterns {
        // a pattern that needs nothing would be tried in every sentence,
        // and `sentence_needs` would have to say so
        assert!(p.needs != 0, "pattern {}: needs no word or event", p.id);
        for (elem, _) in p.after.iter().chain(&p.before) {
            if let Elem::Words(ws) = elem {
                for w in &ws.words {
                    assert!(needs.any.contains(w), "pattern {}: {w} not indexed", p.id);
                }
            }
        }
    }
    Lexicon {
        aux: words(&f.aux),
        sub_before: phrases(&f.subgroup.before),
        sub_after: phrases(&f.subgroup.after),
        sub_start: phrases(&f.subgroup.sentence_start),
        sub_clause: words(&f.subgroup.after_clause),
        sub_before_last: words(
            &phrases(&f.subgroup.before)
                .into_iter()
                .filter_map(|p| p.last().cloned())
                .collect::<Vec<_>>(),
        ),
        sub_after_first: words(
            &phrases(&f.subgroup.after)
                .into_iter()
                .filter_map(|p| p.first().cloned())
                .collect::<Vec<_>>(),
        ),
        sub_start_first: words(
            &phrases(&f.subgroup.sentence_start)
                .into_iter()
                .filter_map(|p| p.first().cloned())
                .collect::<Vec<_>>(),
        ),
        mark_first: words(
            &[
                &f.background.phrases[..],
                &f.perpetrator[..],
                &f.revision[..],
            ]
            .concat()
            .iter()
            .filter_map(|p| p.split_whitespace().next().map(str::to_string))
            .collect::<Vec<_>>(),
        ),
        mark_alone: words(
            &marked
                .iter()
                .filter(|p| p.len() == 1)
                .map(|p| p[0].clone())
                .collect::<Vec<_>>(),
        ),
        mark_next: words(
            &marked
                .iter()
                .filter_map(|p| p.get(1).cloned())
                .collect::<Vec<_>>(),
        ),
        marks: {
            let mut m: FxHashMap<String, Vec<(Vec<String>, Mark)>> = FxHashMap::default();
            for (list, mark) in [
                (&f.background.phrases, Mark::Background),
                (&f.perpetrator, Mark::Perpetrator),
                (&f.revision, Mark::Revision),
            ] {
                for p in phrases(list).into_iter().filter(|p| !p.is_empty()) {
                    m.entry(p[0].clone()).or_default().push((p, mark));
                }
            }
            m
        },
        teaser: Phrases::new(
            phrases(&f.background.teaser)
                .into_iter()
                .chain(phrases(&f.background.sentence_start))
                .collect(),
        ),

        additive: words(&f.additive),
        age_before: phrases(&f.age.before),
        age_before_last: words(
            &phrases(&f.age.before)
                .into_iter()
                .map(|p| p.last().cloned().expect("an age phrase has a word"))
                .collect::<Vec<_>>(),
        ),
        age_persons: words(&f.age.persons),
        age_not_names: words(&f.age.not_names),
        person_det: words(&f.one_person.determiners),
        persons: words(&f.one_person.persons),
        person_events: by_event(&f.one_person.killed, &f.one_person.injured),
        person_aux: words(&f.one_person.aux),
        person_deadly: words(&f.one_person.deadly),
        person_verbs: by_event(&f.one_person.verbs_killed, &f.one_person.verbs_injured),
        person_first: words(
            &by_event(&f.one_person.killed, &f.one_person.injured)
                .into_iter()
                .chain(by_event(
                    &f.one_person.verbs_killed,
                    &f.one_person.verbs_injured,
                ))
                .filter_map(|(p, _)| p.first().cloned())
                .collect::<Vec<_>>(),
        ),
        needs,
        patterns,
    }
});

/// The phrases of [`Lexicon::marks`], as words.
fn mark_phrases(f: &LexiconFile) -> impl Iterator<Item = Vec<String>> {
    [
        &f.background.phrases[..],
        &f.perpetrator[..],
        &f.revision[..],
    ]
    .concat()
    .into_iter()
    .map(|p| phrase(&p))
    .filter(|p| !p.is_empty())
}

/// A word that is a phrase of the marks by itself (see [`marks`]): a bit
/// of [`Tok::class`] after the tokeniser's (see [`class`]).
pub(crate) const MARK_ALONE: u32 = 1 << 24;
/// The second word of a phrase of the marks (see [`marks`]).
pub(crate) const MARK_NEXT: u32 = 1 << 25;

/// The lexicon's word lists that tokens record in their class (see
/// [`class`], and this module's bits after those).
pub(super) fn class_sets() -> [(&'static Words, u32); 11] {
    let lex = &*LEXICON;
    [
        (&lex.needs.any, class::NEEDS),
        (&lex.mark_first, class::MARK_FIRST),
        (&lex.mark_alone, MARK_ALONE),
        (&lex.mark_next, MARK_NEXT),
        (&lex.needs.meeting, NEED_WORD),
        (&lex.person_first, class::PERSON_FIRST),
        (&lex.person_deadly, class::DEADLY),
        (&lex.persons, class::PERSON),
        (&lex.person_det, class::PERSON_DETERMINER),
        (&lex.aux, class::AUX),
        (&lex.person_aux, class::PERSON_AUX),
    ]
}

/// How a figure was bound: the pattern and the event it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub pattern: &'static str,
    pub event: Option<&'static str>,
}

/// Whether figures bound by a pattern may be compared as an event's toll.
pub(crate) fn comparable(pattern: &str) -> bool {
    pattern != ONE_PERSON
        && LEXICON
            .patterns
            .iter()
            .find(|p| p.id == pattern)
            .is_none_or(|p| p.compare)
}

/// The pattern name of [`one_person`] claims.
pub(crate) const ONE_PERSON: &str = "one-person";

/// What a match needs to know besides the tokens.
struct Ctx<'t, 'a> {
    toks: &'t [Tok<'a>],
    /// The counted noun after the figure, if the frame found one.
    noun: Option<&'t Range<usize>>,
    lex: &'static Lexicon,
}

const MAX_STAR: usize = 6;

fn is_gap(t: &Tok<'_>) -> bool {
    t.word && !t.text.bytes().any(|b| b.is_ascii_digit()) && !super::clause_break(t)
}

/// Match `elems` forward from token `k`; the event named on the way
/// (`Some(None)`: a match that named none).
#[allow(clippy::option_option)]
fn forward(
    cx: &Ctx<'_, '_>,
    elems: &[(Elem, Rep)],
    k: usize,
    event: Option<&'static str>,
) -> Option<Option<&'static str>> {
    let Some(((elem, rep), rest)) = elems.split_first() else {
        return Some(event);
    };
    // how many tokens one occurrence of `elem` takes at `at`, and its event
    let one = |at: usize| -> Option<(usize, Option<&'static str>)> {
        let t = cx.toks.get(at)?;
        match elem {
            Elem::Noun => {
                let n = cx.noun?;
                if t.start > n.start || !t.word {
                    return None;
                }
                let mut j = at;
                while j < cx.toks.len() && cx.toks[j].end <= n.end {
                    if !cx.toks[j].word {
                        return None;
                    }
                    j += 1;
                }
                (j > at && cx.toks[j - 1].end == n.end).then_some((j - at, None))
            }
            Elem::Event => event_at(cx.toks, at).map(|(e, n)| (n, Some(e))),
            Elem::Verb => {
                let e = cx.lex.needs.verb(t)?;
                Some((1, Some(e)))
            }
            Elem::Aux => t.is(class::AUX).then_some((1, None)),
            Elem::Gap => is_gap(t).then_some((1, None)),
            Elem::Adv => (t.word && t.low.len() > 4 && t.low.ends_with("ly")).then_some((1, None)),
            Elem::Words(ws) => ws.has(t).then_some((1, None)),
        }
    };
    match rep {
        Rep::One => {
            let (n, e) = one(k)?;
            forward(cx, rest, k + n, e.or(event))
        }
        // a gap is taken only when needed (the nearest event wins)
        Rep::Opt if *elem == Elem::Gap => forward(cx, rest, k, event).or_else(|| {
            let (n, e) = one(k)?;
            forward(cx, rest, k + n, e.or(event))
        }),
        Rep::Opt => {
            if let Some((n, e)) = one(k) {
                if let Some(r) = forward(cx, rest, k + n, e.or(event)) {
                    return Some(r);
                }
            }
            forward(cx, rest, k, event)
        }
        Rep::Star => {
            // greedy, then back off
            let mut stops: arrayvec::ArrayVec<(usize, Option<&'static str>), { MAX_STAR + 2 }> =
                arrayvec::ArrayVec::new();
            stops.push((k, event));
            let mut at = k;
            let mut ev = event;
            while stops.len() <= MAX_STAR {
                let Some((n, e)) = one(at) else { break };
                at += n;
                ev = e.or(ev);
                stops.push((at, ev));
            }
            // read in place, not moved out of the array
            if *elem == Elem::Gap {
                stops.iter().find_map(|&(at, ev)| forward(cx, rest, at, ev))
            } else {
                stops
                    .iter()
                    .rev()
                    .find_map(|&(at, ev)| forward(cx, rest, at, ev))
            }
        }
    }
}

/// Match `elems` (nearest first) backward from the token before `k`.
#[allow(clippy::option_option)]
fn backward(
    cx: &Ctx<'_, '_>,
    elems: &[(Elem, Rep)],
    k: usize,
    event: Option<&'static str>,
) -> Option<Option<&'static str>> {
    let Some(((elem, rep), rest)) = elems.split_first() else {
        return Some(event);
    };
    // tokens one occurrence takes, ending just before `end`
    let one = |end: usize| -> Option<(usize, Option<&'static str>)> {
        let last = end.checked_sub(1)?;
        let t = cx.toks.get(last)?;
        match elem {
            Elem::Noun => None,
            Elem::Event => (1..=3).find_map(|len| {
                let start = end.checked_sub(len)?;
                event_at(cx.toks, start)
                    .filter(|&(_, n)| n == len)
                    .map(|(e, n)| (n, Some(e)))
            }),
            Elem::Verb => {
                let e = cx.lex.needs.verb(t)?;
                Some((1, Some(e)))
            }
            Elem::Aux => t.is(class::AUX).then_some((1, None)),
            Elem::Gap => is_gap(t).then_some((1, None)),
            Elem::Adv => (t.word && t.low.len() > 4 && t.low.ends_with("ly")).then_some((1, None)),
            Elem::Words(ws) => ws.has(t).then_some((1, None)),
        }
    };
    match rep {
        Rep::One => {
            let (n, e) = one(k)?;
            backward(cx, rest, k - n, e.or(event))
        }
        // a gap is taken only when needed (the nearest event wins)
        Rep::Opt if *elem == Elem::Gap => backward(cx, rest, k, event).or_else(|| {
            let (n, e) = one(k)?;
            backward(cx, rest, k - n, e.or(event))
        }),
        Rep::Opt => {
            if let Some((n, e)) = one(k) {
                if let Some(r) = backward(cx, rest, k - n, e.or(event)) {
                    return Some(r);
                }
            }
            backward(cx, rest, k, event)
        }
        Rep::Star => {
            let mut stops: arrayvec::ArrayVec<(usize, Option<&'static str>), { MAX_STAR + 2 }> =
                arrayvec::ArrayVec::new();
            stops.push((k, event));
            let mut at = k;
            let mut ev = event;
            while stops.len() <= MAX_STAR {
                let Some((n, e)) = one(at) else { break };
                at -= n;
                ev = e.or(ev);
                stops.push((at, ev));
            }
            // read in place, not moved out of the array
            if *elem == Elem::Gap {
                stops
                    .iter()
                    .find_map(|&(at, ev)| backward(cx, rest, at, ev))
            } else {
                stops
                    .iter()
                    .rev()
                    .find_map(|&(at, ev)| backward(cx, rest, at, ev))
            }
        }
    }
}

/// The first pattern that binds the figure whose tokens are
/// `toks[first..after]` (`noun`: the counted noun the frame found after it).
pub(super) fn bind(
    toks: &[Tok<'_>],
    (first, after): (usize, usize),
    noun: Option<&Range<usize>>,
    date: bool,
    needs: u64,
) -> Option<Binding> {
    let lex = &*LEXICON;
    let cx = Ctx { toks, noun, lex };
    lex.patterns
        .iter()
        .filter(|p| p.date == date && p.needs & !needs == 0 && p.may_bind_before(toks, first))
        .find_map(|p| {
            let after_event = forward(&cx, &p.after, after, None)?;
            let before_event = backward(&cx, &p.before, first, None)?;
            let barred = p
                .unless
                .as_ref()
                .is_some_and(|u| toks.iter().any(|t| t.word && u.contains(t.low)));
            if barred {
                return None;
            }
            Some(Binding {
                pattern: p.id,
                event: after_event.or(before_event).or(p.event),
            })
        })
}

/// Every word a pattern names and every active verb: a sentence with none
/// of them, and no event word, binds nothing.
fn anchor_words(patterns: &[String], verbs: &[String]) -> Vec<String> {
    let mut a: Vec<String> = Vec::new();
    for p in patterns {
        for part in p.split_whitespace() {
            let body = part.trim_end_matches(['?', '*']);
            if body.chars().any(char::is_lowercase) {
                a.extend(body.split('|').map(str::to_ascii_lowercase));
            }
        }
    }
    a.extend(verbs.iter().map(|v| v.to_ascii_lowercase()));
    a.sort();
    a.dedup();
    a
}

/// Whether the tokens ending just before `end` spell `phrase`.
fn ends_with(toks: &[Tok<'_>], end: usize, phrase: &[String]) -> bool {
    end >= phrase.len()
        && toks[end - phrase.len()..end]
            .iter()
            .zip(phrase)
            .all(|(t, w)| t.word && t.low == w)
}

/// Whether the tokens from `start` spell `phrase` (words, or a sign such
/// as `+` written as itself).
fn starts_with(toks: &[Tok<'_>], start: usize, phrase: &[String]) -> bool {
    toks.len() >= start + phrase.len()
        && toks[start..start + phrase.len()]
            .iter()
            .zip(phrase)
            .all(|(t, w)| t.low == w)
}

/// A figure that counts part of a group: `three of the officers`,
/// `including two children`, `six were among the dead`, a sentence that
/// starts `Of those, ...`.
/// `including` is the sentence's first `including`, if any.
pub(super) fn subgroup(
    toks: &[Tok<'_>],
    (first, after, noun_end): (usize, usize, usize),
    including: Option<usize>,
) -> bool {
    let lex = &*LEXICON;
    let low = |k: usize| toks.get(k).filter(|t| t.word).map(|t| t.low);
    // "killing 12 people, including one shooting that left two dead"
    if including.is_some_and(|i| i < first)
        || first
            .checked_sub(1)
            .and_then(low)
            .is_some_and(|w| lex.sub_before_last.contains(w))
            && lex.sub_before.iter().any(|p| ends_with(toks, first, p))
        || low(after).is_some_and(|w| lex.sub_after_first.contains(w))
            && lex.sub_after.iter().any(|p| starts_with(toks, after, p))
        || low(0).is_some_and(|w| lex.sub_start_first.contains(w))
            && lex.sub_start.iter().any(|p| starts_with(toks, 0, p))
    {
        return true;
    }
    // "six civilians were among ...": the verb, then the mark
    let mut k = noun_end;
    let mut steps = 0;
    while let Some(t) = toks.get(k) {
        if steps > 4 || !t.word {
            break;
        }
        if lex.sub_clause.contains(t.low) {
            return true;
        }
        if t.class & class::AUX == 0 {
            break;
        }
        k += 1;
        steps += 1;
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Background,
    Perpetrator,
    Revision,
}

/// What the words of a sentence say of all its figures.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Marks {
    /// Another incident, a period total, a rate (`since the war began`,
    /// `last year`, `per 100,000`), a teaser for another story, or a year
    /// other than the story's own.
    pub(super) background: bool,
    /// The attacker counted with the victims (`including the gunman`).
    pub(super) perpetrator: bool,
    /// A figure that corrects an earlier one (`not five as first reported`).
    pub(super) revision: bool,
}

/// The marks of a sentence, in one pass over its tokens; `year` is the
/// story's (any year in the sentence is background when it is unknown).
pub(super) fn marks(toks: &[Tok<'_>], year: Option<i16>) -> Marks {
    let lex = &*LEXICON;
    let mut m = Marks {
        background: lex.teaser.at(toks, 0),
        ..Marks::default()
    };
    for (k, t) in toks.iter().enumerate() {
        if !t.word {
            continue;
        }
        if t.text.len() == 4 && t.text.as_bytes()[0].is_ascii_digit() {
            if let Ok(n) = t.text.parse::<i16>() {
                if (1900..=2100).contains(&n) && year.is_none_or(|y| n != y) {
                    m.background = true;
                }
            }
        }
        if t.class & class::MARK_FIRST == 0 {
            continue;
        }
        // most first words (`the`, `in`, `as`) start no phrase here: told
        // by their class and the next token's, before the index is asked
        let may =
            t.class & MARK_ALONE != 0 || toks.get(k + 1).is_some_and(|n| n.class & MARK_NEXT != 0);
        if !may {
            continue;
        }
        if let Some(ps) = lex.marks.get(t.low) {
            for (p, mark) in ps {
                if starts_with(toks, k, p) {
                    match mark {
                        Mark::Background => m.background = true,
                        Mark::Perpetrator => m.perpetrator = true,
                        Mark::Revision => m.revision = true,
                    }
                }
            }
        }
    }
    m
}

/// Whether the figure is added to another (`six were also killed`): an
/// additive word within the figure's clause, up to four words away.
pub(super) fn additive(toks: &[Tok<'_>], first: usize, after: usize) -> bool {
    let lex = &*LEXICON;
    let near = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.word && lex.additive.contains(t.low))
    };
    let mut k = after;
    while k < toks.len() && k < after + 4 && !super::clause_break(&toks[k]) && toks[k].word {
        if near(k) {
            return true;
        }
        k += 1;
    }
    first > 0 && near(first - 1)
}

/// One person named by a noun and what happened to them, or a few joined
/// by `and` (`a woman and her granddaughter were found dead`): `(first
/// token, token after the last noun, event, people)` for `a man was shot
/// dead`, `killed a 19-year-old woman`, and, at the start of a sentence,
/// `13-year-old boy killed`.
/// `all` is the union of the tokens' classes.
pub(super) fn one_person(toks: &[Tok<'_>], all: u32) -> Vec<Person> {
    let lex = &*LEXICON;
    if all & (class::PERSON_FIRST | class::SHOT) == 0 {
        return Vec::new();
    }
    // a sentence that speaks of a death: `shot` there may be fatal; one
    // with no person noun or age makes no claim of a noun phrase. No sign
    // has a class of these (word lists hold words: a test asserts it), so
    // the sentence's classes are its words'.
    let deadly = all & class::DEADLY != 0;
    let may_phrase =
        all & class::PERSON != 0 || toks.iter().any(|t| t.word && t.low.ends_with("-old"));
    // what happened to a named person is told after the name: no name
    // after the last such word names one
    let last_event = toks
        .iter()
        .rposition(|t| t.class & (class::PERSON_FIRST | class::SHOT) != 0)
        .unwrap_or(0);
    let r = PersonReader { toks, lex, deadly };
    let mut out = Vec::new();
    // with no noun phrase to describe, only a name before the last event
    // word may be read: the tokens after it start nothing
    let end = if may_phrase { toks.len() } else { last_event };
    let mut k = 0;
    while k < end {
        // most tokens start neither a name nor a described person
        if k > 0 && !r.may_start(k) {
            k += 1;
            continue;
        }
        // the next token to read follows what was found: for a name, its
        // age's commas too
        let found = (k < last_event)
            .then(|| r.named(k))
            .flatten()
            .or_else(|| may_phrase.then(|| r.described(k)).flatten());
        match found {
            Some((p, next)) => {
                out.push(p);
                k = next;
            }
            None => k += 1,
        }
    }
    out
}

/// Whether a word starts with a capital letter (ASCII told without
/// decoding a `char`).
#[inline]
fn upper_first(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => w.chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// One-person claim: first token, token after the last noun, event,
/// people.
pub(super) type Person = (usize, usize, &'static str, u32);

/// The one-person reader over a sentence that names an event of a person;
/// `deadly` when it speaks of a death.
struct PersonReader<'t, 'a> {
    toks: &'t [Tok<'a>],
    lex: &'static Lexicon,
    deadly: bool,
}

impl PersonReader<'_, '_> {
    /// Whether token `k` is a word of the lists `bits` name.
    #[inline]
    fn is(&self, k: usize, bits: u32) -> bool {
        self.toks.get(k).is_some_and(|t| t.is(bits))
    }

    /// Whether [`Self::named`] or [`Self::described`] may find someone
    /// from `k` (after the sentence's first token): a word that is
    /// capitalised, an age or a determiner. A word that starts with a
    /// small ASCII letter or a digit is not capitalised.
    #[inline]
    fn may_start(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.word
            && (!t.text.as_bytes()[0].is_ascii_lowercase()
                && !t.text.as_bytes()[0].is_ascii_digit()
                || t.class & class::PERSON_DETERMINER != 0
                || t.low.ends_with("-old"))
    }

    #[inline]
    fn age(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| {
            t.word
                && t.low.ends_with("-old")
                && ["-year-old", "-month-old", "-week-old", "-day-old"]
                    .iter()
                    .any(|a| t.low.ends_with(a))
        })
    }

    #[inline]
    fn adverb(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .is_some_and(|t| t.word && t.low.len() > 4 && t.low.ends_with("ly"))
    }

    /// Past auxiliaries and adverbs from `j` (`was later`): the token
    /// after them.
    fn past_aux(&self, mut j: usize) -> usize {
        while self.is(j, class::PERSON_AUX) || self.adverb(j) {
            j += 1;
        }
        j
    }

    /// A noun phrase from `k`: [age] [up to two modifiers] person, or an
    /// age alone (`a 16-year-old has died`); the token after it. Headlines
    /// capitalise their modifiers (`Fresno County deputy dies`).
    fn phrase(&self, k: usize, headline: bool) -> Option<usize> {
        let mut j = k;
        let aged = self.age(j);
        if aged {
            j += 1;
        }
        for _ in 0..3 {
            if self.is(j, class::PERSON) {
                return Some(j + 1);
            }
            let t = self.toks.get(j)?;
            let modifier = t.word
                && !t.text.bytes().any(|b| b.is_ascii_digit())
                && (headline || t.text.bytes().all(|b| b.is_ascii_lowercase()));
            if !modifier || t.class & class::AUX != 0 || self.is(j, class::PERSON_DETERMINER) {
                return aged.then_some(k + 1);
            }
            j += 1;
        }
        aged.then_some(k + 1)
    }

    /// A phrase of `list` at `k`: its length and event. Most words start
    /// no phrase of either list: one inlined filter first.
    fn phrase_at(
        &self,
        k: usize,
        list: &[(Vec<String>, &'static str)],
    ) -> Option<(usize, &'static str)> {
        if self
            .toks
            .get(k)
            .is_none_or(|t| t.class & class::PERSON_FIRST == 0)
        {
            return None;
        }
        list.iter()
            .find(|(p, _)| starts_with(self.toks, k, p))
            .map(|(p, e)| (p.len(), *e))
    }

    /// What happened to the subject from `j`: an event phrase, or `shot`
    /// (`shot himself`) in a sentence that speaks of no death.
    fn happened(&self, j: usize) -> Option<&'static str> {
        if let Some((_, e)) = self.phrase_at(j, &self.lex.person_events) {
            return Some(e);
        }
        let shot = self.toks.get(j).is_some_and(|t| t.word && t.low == "shot");
        (shot && !self.deadly).then_some("injured")
    }

    /// A capitalised word of a name. A capitalised function word (`Those
    /// killed ...`, `They were hurt`, `It killed ...`) names nobody, or not
    /// one person; `He`, `She` name one.
    #[inline]
    fn capital(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| {
            t.word
                && upper_first(t.text)
                && t.class & (class::PERSON_DETERMINER | class::AUX) == 0
                && (t.class & class::STOP == 0 || matches!(t.low, "he" | "she"))
        })
    }

    /// A name: [age] one to three capitalised words, then perhaps `, 19,`
    /// (`17-year-old Ana Ode`, `Ana Ode, 19,`); the token after it.
    fn name(&self, k: usize) -> Option<usize> {
        let toks = self.toks;
        let mut j = k;
        if self.age(j) {
            j += 1;
        }
        let first = j;
        while j < first + 3 && self.capital(j) {
            j += 1;
        }
        if j == first {
            return None;
        }
        let comma = |i: usize| toks.get(i).is_some_and(|t| !t.word && t.text == ",");
        let number = |i: usize| {
            toks.get(i)
                .is_some_and(|t| t.word && t.text.bytes().all(|b| b.is_ascii_digit()))
        };
        if comma(j) && number(j + 1) && comma(j + 2) {
            j += 3;
        }
        Some(j)
    }

    /// A named person to whom something happened, from `k`, and the token
    /// after the name.
    fn named(&self, k: usize) -> Option<(Person, usize)> {
        if !(self.capital(k) || self.age(k) && self.capital(k + 1)) {
            return None;
        }
        let end = self.name(k)?;
        let j = self.past_aux(end);
        if j == end && !self.toks.get(j).is_some_and(|t| t.word) {
            return None;
        }
        // a name needs an auxiliary before `shot` or `wounded` (`Officer
        // Hay was shot`), not a headline's verb
        let e = self.happened(j).filter(|&e| e == "killed" || j > end)?;
        // the person's name, age included; not the age's comma
        let last = (k..end).rev().find(|&i| self.capital(i)).unwrap_or(k);
        Some(((k, last + 1, e, 1), end))
    }

    /// People described by a noun from `k`: after a determiner (`a man`,
    /// `her son`), or at a headline's start (`13-year-old boy killed`).
    fn described(&self, k: usize) -> Option<(Person, usize)> {
        let det = self.is(k, class::PERSON_DETERMINER);
        let headline_start = k == 0 && !det;
        if !det && !headline_start {
            return None;
        }
        let from = if det { k + 1 } else { k };
        let (end, people) = self.joined(self.phrase(from, headline_start)?);
        // the person as subject: `a man was (later) shot dead`
        if let Some(e) = self.happened(self.past_aux(end)) {
            return Some(((k, end, e, people), end));
        }
        let object = if det {
            self.object(k, end, people)
        } else {
            None
        };
        object.map(|p| (p, end))
    }

    /// People joined by `and` to the one whose phrase ends at `end`, each
    /// named by a noun (`a woman and her 6-year-old granddaughter`, `a man
    /// and a child`): where the last phrase ends, and how many people.
    fn joined(&self, first_end: usize) -> (usize, u32) {
        let (mut end, mut people) = (first_end, 1_u32);
        while self
            .toks
            .get(end)
            .is_some_and(|t| t.word && t.low == "and" || t.text == ",")
        {
            let next_det = self.is(end + 1, class::PERSON_DETERMINER);
            let from = if next_det { end + 2 } else { end + 1 };
            match self.phrase(from, false) {
                Some(e) if e > from => {
                    end = e;
                    people += 1;
                }
                _ => break,
            }
        }
        (end, people)
    }

    /// The people of tokens `k..end` (from a determiner) as the object:
    /// `killed a 19-year-old woman`, `killed his wife and son before
    /// killing himself` (the attacker too).
    fn object(&self, k: usize, end: usize, people: u32) -> Option<Person> {
        let toks = self.toks;
        let reflexive = (end..(end + 7).min(toks.len())).any(|i| {
            matches!(toks[i].low, "himself" | "herself")
                && toks[end..i]
                    .iter()
                    .any(|t| matches!(t.low, "killing" | "killed" | "shooting" | "gun"))
        });
        let verb = (1..=3).find_map(|n| {
            let at = k.checked_sub(n)?;
            self.phrase_at(at, &self.lex.person_verbs)
                .filter(|&(len, _)| len == n)
        });
        // `shot his friend in the back`, where nobody died
        let shot = || {
            k.checked_sub(1)
                .and_then(|at| toks.get(at))
                .is_some_and(|t| t.word && matches!(t.low, "shot" | "shooting" | "shoots"))
                && !self.deadly
        };
        let e = verb
            .map(|(_, e)| e)
            .or_else(|| shot().then_some("injured"))?;
        let people = people + u32::from(e == "killed" && reflexive);
        Some((k, end, e, people))
    }
}

/// Whether a phrase of the lexicon's `age.before` ends just before token
/// `first`: its last word asked first, in a set.
fn after_age_word(toks: &[Tok<'_>], first: usize) -> bool {
    let lex = &*LEXICON;
    first
        .checked_sub(1)
        .map(|k| toks[k])
        .is_some_and(|t| t.word && lex.age_before_last.contains(t.low))
        && lex.age_before.iter().any(|p| ends_with(toks, first, p))
}

/// A range of ages (`aged 19 to 34`, `aged between 18 and 25`, `ranging
/// in age from 31 to 40`): a range figure after an age word, both ends
/// whole numbers of years. Never a count of people.
pub(super) fn age_range(toks: &[Tok<'_>], first: usize, stated: (f64, f64)) -> bool {
    let years = |v: f64| v.fract() == 0.0 && (0.0..=110.0).contains(&v);
    if !(years(stated.0) && years(stated.1) && stated.0 < stated.1) {
        return false;
    }
    after_age_word(toks, first)
}

/// A figure that goes on a list of ages (`ages 47 and 48`, `ages 6, 9 and
/// 16`): the figure before it in the sentence is an age, only `,`, `and`
/// or `or` stand between them, and nothing is counted after it (`aged 19,
/// and 12 people died` counts people).
pub(super) fn listed_age(
    toks: &[Tok<'_>],
    previous_end: usize,
    first: usize,
    after: usize,
    value: f64,
) -> bool {
    if !(value.fract() == 0.0 && (0.0..=110.0).contains(&value)) || after != first + 1 {
        return false;
    }
    let k = toks.partition_point(|t| t.start < previous_end);
    let between = &toks[k.min(first)..first];
    let joins = !between.is_empty()
        && between.len() <= 2
        && between.iter().all(|t| matches!(t.low, "," | "and" | "or"));
    let closes = match toks.get(after) {
        None => true,
        Some(t) if !t.word => !matches!(t.text, "%" | "$"),
        Some(t) => matches!(
            t.low,
            "and" | "or" | "respectively" | "were" | "are" | "was"
        ),
    };
    joins && closes
}

/// An age beside a name or a person (`Ana Ode, 19,`, `the man, 28,`,
/// `both 19`, `aged 19`): a whole number of years a person has, never a
/// count of people.
pub(super) fn age(toks: &[Tok<'_>], first: usize, after: usize, value: f64) -> bool {
    if !(value.fract() == 0.0 && (0.0..=110.0).contains(&value)) || after != first + 1 {
        return false;
    }
    let lex = &*LEXICON;
    if after_age_word(toks, first) {
        // `who is 5'10`, `who was 6 feet tall`: a height, not an age
        let measure = toks[first].text.contains(['\'', '’'])
            || toks.get(after).is_some_and(|t| {
                matches!(t.text, "'" | "’" | "\"" | "′" | "″")
                    || matches!(t.low, "feet" | "foot" | "ft" | "inches" | "pounds" | "lbs")
            });
        return !measure;
    }
    // ", 19," after a capitalised word or a person
    let comma = |k: usize| toks.get(k).is_some_and(|t| !t.word && t.text == ",");
    if first < 2 || !comma(first - 1) {
        return false;
    }
    let prev = toks[first - 2];
    let named = prev.word
        && (prev.text.chars().next().is_some_and(char::is_uppercase)
            && !lex.age_not_names.contains(prev.low)
            || lex.age_persons.contains(prev.low));
    let closes = match toks.get(after) {
        None => true,
        Some(t) if !t.word => matches!(t.text, "," | "." | ")" | ";"),
        Some(t) => matches!(t.low, "and" | "of" | "from" | "who"),
    };
    named && closes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classes [`one_person`] reads of a sentence.
    const PERSON_CLASSES: u32 = class::DEADLY | class::PERSON_FIRST | class::SHOT | class::PERSON;

    /// [`one_person`] reads the classes of a whole sentence as those of
    /// its words: no sign (a token that is no word: one character; word
    /// lists hold lower-case ASCII words, so only an ASCII sign could be
    /// in one) has a class it reads.
    #[test]
    fn no_sign_has_a_class_the_person_reader_reads() {
        let signs = (0u8..128)
            .filter(|c| !c.is_ascii_alphanumeric())
            .fold(0, |all, c| all | crate::extract::frame::classes().of(&[c]));
        assert_eq!(signs & PERSON_CLASSES, 0);
    }
    use crate::extract::frame::{Claim, claims};
    use crate::extract::quantity::Unit;
    use crate::extract::scan::mentions;
    use crate::text::sentences;
    use jiff::civil::Date;

    fn claim_of(ex: &Example) -> Claim {
        let published = Some(Date::constant(2024, 5, 6));
        let s = sentences(&ex.text, 0);
        let (cs, _) = claims(&ex.text, &s, mentions(&ex.text, published), published);
        cs.into_iter()
            .find(|c| ex.text[c.surface()] == ex.figure || ex.text[c.span.clone()] == ex.figure)
            .unwrap_or_else(|| panic!("no figure {:?} in {:?}", ex.figure, ex.text))
    }

    fn toks_of<'a>(text: &'a str, lowered: &'a str) -> Vec<Tok<'a>> {
        let mut toks = Vec::new();
        crate::extract::frame::tokens::tokens(&mut toks, text, 0..text.len(), lowered);
        toks
    }

    proptest::proptest! {
        /// The shortcuts of the readers against what they stand for: a
        /// pattern whose reached word is not before the figure matches
        /// nothing backward; no name after the last event word names
        /// someone; an age phrase is found by its last word.
        #[test]
        fn shortcuts_change_no_answer(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "killed", "Killing", "arrested", "pledged", "the", "a", "man", "Ana",
                    "Ode", "was", "were", "shot", "dead", "toll", "rose", "to", "at", "of",
                    "crowd", "cost", "aged", "who", "is", "ages", ",", "19", "$2", "billion",
                    "later", "fatally", "17-year-old", "died", "injured", "and", "number",
                    "people", "on", "March", "3", "Police", "He", "wounding",
                ]),
                0..14,
            ),
        ) {
            let text = words.join(" ");
            let lowered = text.to_ascii_lowercase();
            let toks = toks_of(&text, &lowered);
            let lex = &*LEXICON;
            let cx = Ctx { toks: &toks, noun: None, lex };
            for first in 0..=toks.len() {
                for p in &lex.patterns {
                    if backward(&cx, &p.before, first, None).is_some() {
                        proptest::prop_assert!(p.may_bind_before(&toks, first), "{} {text:?} {first}", p.id);
                    }
                }
                let by_any = lex.age_before.iter().any(|p| ends_with(&toks, first, p));
                proptest::prop_assert_eq!(after_age_word(&toks, first), by_any);
            }
            let last_event = toks
                .iter()
                .rposition(|t| t.class & (class::PERSON_FIRST | class::SHOT) != 0)
                .unwrap_or(0);
            for deadly in [false, true] {
                let r = PersonReader { toks: &toks, lex, deadly };
                for k in 0..toks.len() {
                    if r.named(k).is_some() {
                        proptest::prop_assert!(k < last_event, "{text:?} {k}");
                    }
                    if k > 0 && (r.named(k).is_some() || r.described(k).is_some()) {
                        proptest::prop_assert!(r.may_start(k), "{text:?} {k}");
                    }
                }
            }
            let all = toks.iter().fold(0, |a, t| a | t.class);
            let words_only = toks.iter().filter(|t| t.word).fold(0, |a, t| a | t.class);
            proptest::prop_assert_eq!(all & PERSON_CLASSES, words_only & PERSON_CLASSES);
        }
    }

    /// [`sentence_needs`] as first written, one lookup for every word
    /// some pattern names: what the class-bit shortcut must agree with
    /// (the same needs; "may bind" exactly when it meets one, as every
    /// pattern needs something).
    fn sentence_needs_by_lookup(toks: &[Tok<'_>]) -> (bool, u64) {
        let lex = &*LEXICON;
        let (mut may, mut have) = (false, 0);
        for (k, t) in toks.iter().enumerate() {
            let Some(i) = lex.needs.of(t) else {
                continue;
            };
            let bits = lex.needs.bits[i];
            if bits & ANCHOR != 0 {
                may = true;
                have |= bits & !(ANCHOR | EVENT_FIRST);
            }
            if bits & EVENT_FIRST != 0 && have & NEED_EVENT == 0 && event_at(toks, k).is_some() {
                may = true;
                have |= NEED_EVENT;
            }
        }
        (may, have)
    }

    fn needs_agree(toks: &[Tok<'_>]) -> Result<(), String> {
        let all = toks.iter().fold(0, |a, t| a | t.class);
        let (may, have) = sentence_needs(toks, all);
        let (may_before, have_before) = sentence_needs_by_lookup(toks);
        let binds = |needs: u64| LEXICON.patterns.iter().any(|p| p.needs & !needs == 0);
        if have != have_before || may != (have_before != 0) || (may_before && !may && binds(0)) {
            return Err(format!("{may} {have:#x} vs {may_before} {have_before:#x}"));
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn sentence_needs_agree_with_a_lookup_of_each_word(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "killed", "Killing", "to", "TO", "of", "at", "on", "in", "was", "shot",
                    "toll", "Death", "number", "people", "cost", "crowd", "hit", "rose",
                    "injured", "wounded", "arrested", "the", "a", ",", "19", "and", "or",
                    "died", "more", "than", "hospitalized", "turnout", "pledged", "up",
                ]),
                0..16,
            ),
        ) {
            let text = words.join(" ");
            let lowered = text.to_ascii_lowercase();
            let toks = toks_of(&text, &lowered);
            if let Err(e) = needs_agree(&toks) {
                proptest::prop_assert!(false, "{text:?}: {e}");
            }
        }
    }

    /// The same on every sentence of real news; skipped when
    /// `../shared/realnews` is missing.
    #[test]
    fn sentence_needs_agree_on_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        let mut met = 0;
        for (i, s) in stories.iter().enumerate() {
            let lowered = s.text.to_ascii_lowercase();
            for sentence in sentences(&s.text, 0) {
                let mut toks = Vec::new();
                crate::extract::frame::tokens::tokens(
                    &mut toks,
                    &s.text,
                    sentence.span.clone(),
                    &lowered,
                );
                if let Err(e) = needs_agree(&toks) {
                    panic!("story {i}, bytes {:?}: {e}", sentence.span);
                }
                met += usize::from(sentence_needs_by_lookup(&toks).1 != 0);
            }
        }
        assert!(met > 1000, "{met}");
    }

    #[test]
    fn the_lexicon_compiles() {
        assert!(!LEXICON.patterns.is_empty());
        let needs = &LEXICON.needs;
        let verb = |w: &str| needs.index.get(w).and_then(|i| needs.verb[i]);
        assert_eq!(verb("killing"), Some("killed"));
        assert_eq!(verb("toll"), None);
    }

    #[test]
    fn every_pattern_binds_its_examples_and_only_those() {
        let mut failures = Vec::new();
        for p in file().patterns {
            for ex in &p.must {
                let c = claim_of(ex);
                if c.bound.is_none() || ex.event.is_some() && c.event != ex.event {
                    failures.push(format!(
                        "{}: {:?} in {:?}: bound {:?}, event {:?}",
                        p.id, ex.figure, ex.text, c.bound, c.event
                    ));
                }
            }
            for ex in &p.must_not {
                let c = claim_of(ex);
                if c.bound == Some(p.id.as_str()) {
                    failures.push(format!(
                        "{}: {:?} in {:?} must stay unbound, bound by {:?}",
                        p.id, ex.figure, ex.text, c.bound
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn marks_apply_to_their_examples_and_only_those() {
        let f = file();
        let mut failures = Vec::new();
        let mut check = |what: &str, ex: &Example, want: bool, got: &dyn Fn(&Claim) -> bool| {
            let c = claim_of(ex);
            if got(&c) != want {
                failures.push(format!("{what} {want}: {:?} in {:?}", ex.figure, ex.text));
            }
        };
        for ex in &f.subgroup.must {
            check("subgroup", ex, true, &|c| c.subgroup);
        }
        for ex in &f.subgroup.must_not {
            check("subgroup", ex, false, &|c| c.subgroup);
        }
        for ex in &f.background.must {
            check("background", ex, true, &|c| c.background);
        }
        for ex in &f.background.must_not {
            check("background", ex, false, &|c| c.background);
        }
        for ex in &f.age.must {
            check("age", ex, true, &|c| c.quantity.unit == Unit::Age);
        }
        for ex in &f.age.must_not {
            check("age", ex, false, &|c| c.quantity.unit == Unit::Age);
        }
        for ex in &f.one_person.must {
            let published = Some(Date::constant(2024, 5, 6));
            let s = sentences(&ex.text, 0);
            let (cs, _) = claims(&ex.text, &s, mentions(&ex.text, published), published);
            let found = cs.iter().any(|c| {
                c.bound == Some(ONE_PERSON)
                    && ex.text[c.span.clone()] == ex.figure
                    && (ex.event.is_none() || c.event == ex.event)
            });
            if !found {
                failures.push(format!(
                    "one person: {:?} in {:?}: {cs:?}",
                    ex.figure, ex.text
                ));
            }
        }
        for ex in &f.one_person.must_not {
            let published = Some(Date::constant(2024, 5, 6));
            let s = sentences(&ex.text, 0);
            let (cs, _) = claims(&ex.text, &s, mentions(&ex.text, published), published);
            if cs.iter().any(|c| c.bound == Some(ONE_PERSON)) {
                failures.push(format!("one person, none: {:?}", ex.text));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
