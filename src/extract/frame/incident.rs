//! The incident reader: which incident of an event a figure belongs to.
//!
//! An event (one story group) can hold several incidents: a roundup tells
//! of a car bomb in one town and air strikes on another; a shooting story
//! recalls an older one. A claim's incident key is its place (the place
//! reader's `scope`), its time (the day a date pattern binds to the event
//! in its sentence, or a span such as `this year`) and its kind (`shooting`,
//! `air strike`, `bombing`, `quake`, ... from the incident words of its
//! sentence nearest the figure; `vocabulary.yaml`). Figures are compared
//! only when their keys can be one incident: a part that is unknown on
//! either side does not separate them.

use super::tokens::{Tok, class};
use super::vocabulary::vocabulary;
use crate::text::words::WordSet;
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// When an incident happened, as far as the figure's sentence says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum When {
    /// The day a date pattern binds to the event (`killed on March 3`).
    Day(Date),
    /// A span that makes the figure a period's (`this year`).
    Span(&'static str),
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Day(d) => write!(f, "{d}"),
            When::Span(s) => f.write_str(s),
        }
    }
}

/// A claim's incident key, beside its place (`Claim::scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Incident {
    /// What happened: `shooting`, `air strike`, `bombing`, `quake`, ...
    pub kind: Option<&'static str>,
    pub when: Option<When>,
}

impl Incident {
    /// Whether two keys can be one incident: kinds, days (a day apart is
    /// one news cycle) and spans that are known on both sides agree.
    pub fn compatible(&self, other: &Incident) -> bool {
        let kinds = match (self.kind, other.kind) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let times = match (self.when, other.when) {
            (Some(When::Day(a)), Some(When::Day(b))) => {
                a.since(b).is_ok_and(|s| s.get_days().abs() <= 1)
            }
            (Some(When::Span(a)), Some(When::Span(b))) => a == b,
            (Some(When::Span(_)), Some(_)) | (Some(_), Some(When::Span(_))) => false,
            _ => true,
        };
        kinds && times
    }
}

/// Phrases by their first word, and the first words as a set: most
/// tokens are turned away by the set without hashing a string.
struct Index {
    first: WordSet,
    phrases: FxHashMap<&'static str, Vec<Phrase>>,
}

/// A phrase, its name, and whether it is a span (`this year`) rather than
/// a kind.
type Phrase = (&'static [&'static str], &'static str, bool);

fn index(list: &'static [(Vec<&'static str>, &'static str)]) -> Index {
    let spans = &vocabulary().spans;
    let is_span = |name: &str| spans.iter().any(|(_, s)| *s == name);
    let mut phrases: FxHashMap<&'static str, Vec<Phrase>> = FxHashMap::default();
    for (phrase, name) in list {
        phrases
            .entry(phrase[0])
            .or_default()
            .push((phrase.as_slice(), *name, is_span(name)));
    }
    let first: Vec<&'static str> = phrases.keys().copied().collect();
    Index {
        first: WordSet::new(&first),
        phrases,
    }
}

/// Kind phrases first, then span phrases, in one index: a sentence is read
/// once for both.
static PHRASES: LazyLock<Index> = LazyLock::new(|| {
    let v = vocabulary();
    let mut all: Vec<(Vec<&'static str>, &'static str)> = v.incident_kinds.clone();
    all.extend(v.spans.iter().map(|(p, s)| (p.clone(), *s)));
    all.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    index(Box::leak(all.into_boxed_slice()))
});

/// The first words of the incident kinds and spans.
pub(super) fn first_words() -> &'static WordSet {
    &PHRASES.first
}

/// Every phrase of `index` in `toks`, with its byte start and whether it
/// is a span, longest first at each place, in order. `starts` are the
/// positions of the tokens to read, in order: every first word of a phrase
/// among others.
fn phrases_in(
    index: &Index,
    toks: &[Tok<'_>],
    starts: &[usize],
    mut found: impl FnMut(usize, &'static str, bool),
) {
    // the token after the last phrase found: a phrase's words start none
    let mut next = 0;
    for &k in starts {
        if k < next {
            continue;
        }
        let t = toks[k];
        let Some(candidates) = t
            .is(class::INCIDENT_FIRST)
            .then(|| index.phrases.get(t.low))
            .flatten()
        else {
            continue;
        };
        let phrase = candidates.iter().find(|(p, _, _)| {
            k + p.len() <= toks.len()
                && p.iter()
                    .enumerate()
                    .all(|(j, w)| toks[k + j].word && toks[k + j].low == *w)
        });
        if let Some(&(p, name, span)) = phrase {
            found(t.start, name, span);
            next = k + p.len();
        }
    }
}

/// The incident words of a sentence, (byte start, kind), into `kinds`, and
/// its first span phrase (`this year`), in one reading. `all` is the union
/// of the tokens' classes; `starts` as for [`phrases_in`].
pub(crate) fn read(
    toks: &[Tok<'_>],
    all: u32,
    starts: &[usize],
    kinds: &mut Vec<(usize, &'static str)>,
) -> Option<&'static str> {
    kinds.clear();
    if all & class::INCIDENT_FIRST == 0 {
        return None;
    }
    let mut first_span = None;
    phrases_in(&PHRASES, toks, starts, |at, name, span| {
        if !span {
            kinds.push((at, name));
        } else if first_span.is_none() {
            first_span = Some(name);
        }
    });
    first_span
}

/// The kind nearest the figure.
pub(crate) fn kind_for(
    kinds: &[(usize, &'static str)],
    figure: &Range<usize>,
) -> Option<&'static str> {
    kinds
        .iter()
        .min_by_key(|(at, _)| {
            if *at >= figure.end {
                at - figure.end
            } else {
                figure.start - (*at).min(figure.start)
            }
        })
        .map(|&(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::frame::claims;
    use crate::extract::scan::mentions;
    use crate::text::sentences;

    fn incident(t: &str, figure: &str) -> Incident {
        let s = sentences(t, 0);
        let published = Date::new(2024, 5, 6).ok();
        let (cs, _) = claims(t, &s, mentions(t, published), published);
        let at = t.find(figure).expect("figure in text");
        cs.iter()
            .find(|c| c.span.start <= at && at < c.span.end)
            .map(|c| c.incident)
            .expect("a claim")
    }

    #[test]
    fn kinds_of_a_roundup_are_read_per_figure() {
        let t = "A car bomb killed 9 people in Tarin, and air strikes on Marda killed 14 others.";
        assert_eq!(incident(t, "9 people").kind, Some("bombing"));
        assert_eq!(incident(t, "14 others").kind, Some("air strike"));
        let t = "Police said 3 people were killed in the shooting.";
        assert_eq!(incident(t, "3 people").kind, Some("shooting"));
        assert_eq!(
            incident("Twelve people died on Friday.", "Twelve").kind,
            None
        );
    }

    #[test]
    fn the_day_bound_to_the_event_and_spans() {
        let t = "4 people were killed on May 3 in Orlo.";
        assert_eq!(
            incident(t, "4 people").when,
            Date::new(2024, 5, 3).ok().map(When::Day)
        );
        let t = "This year 40 people have been killed in shootings in the city.";
        assert_eq!(incident(t, "40 people").when, Some(When::Span("this year")));
    }

    #[test]
    fn keys_are_compatible_unless_a_known_part_differs() {
        let day = |d: i8| Some(When::Day(Date::new(2024, 5, d).unwrap()));
        let k = |kind, when| Incident { kind, when };
        assert!(k(Some("shooting"), day(3)).compatible(&k(None, day(4))));
        assert!(!k(Some("shooting"), None).compatible(&k(Some("bombing"), None)));
        assert!(!k(None, day(3)).compatible(&k(None, day(6))));
        assert!(!k(None, Some(When::Span("this year"))).compatible(&k(None, day(6))));
        assert!(k(None, None).compatible(&k(Some("quake"), day(1))));
    }
}
