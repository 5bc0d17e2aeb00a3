//! Change against level: whether a figure says what something is or by how
//! much it moved.
//!
//! ```text
//! up       = up-verb [ adverb ] [ "by" ] figure            (* "rose 4.1%", "grew by $12.4bn" *)
//!          | "up" figure                                   (* "shares were up 7pc" *)
//!          | ( "a rise" | "an increase" | ... ) "of" figure
//!          | figure ( "rise" | "increase" | "higher" | ... ) (* "a 5% rise", "2% higher" *)
//! down     = the same with down-verbs, "down", "fall", "cut", "lower", "cheaper"
//! level    = verb "to" figure | "at" figure | figure        (* "rose to 212p", "at $71.05" *)
//! from-to  = [ verb ] "from" figure "to" figure             (* "fell from $61,200 to $58,900" *)
//!          | figure "," ( "up" | "down" ) "from" figure     (* "to 40, up from 35" *)
//! ```
//!
//! Verbs that also mean other things (`lost`, `gained`, `dropped`, `cut`,
//! `added`) mark a change only of a share or an amount of money (`lost 3%`,
//! not `lost 3 players`); no verb marks a change of a distance (`fell
//! 600m from a ridge`). `up` and `down` after a verb of their own are a
//! phrasal verb (`picked up 3 wins`, `shot down 4 drones`), not a change.
//! The pairs of `from-to` are found by the scanner once all figures are
//! known ([`crate::extract::scan`]).

use super::{Lower, words_before};
use crate::extract::quantity::{Change, Unit};

/// Which way a word moves a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Up,
    Down,
    /// `went from 5 to 7`: a change whose direction the figures tell.
    Either,
}

impl Way {
    fn change(self) -> Option<Change> {
        match self {
            Way::Up => Some(Change::Up),
            Way::Down => Some(Change::Down),
            Way::Either => None,
        }
    }
}

/// Verbs that state a change up.
const UP: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "increased",
    "increase",
    "increases",
    "increasing",
    "climbed",
    "climb",
    "climbs",
    "climbing",
    "jumped",
    "jump",
    "jumps",
    "jumping",
    "surged",
    "surge",
    "surges",
    "surging",
    "soared",
    "soar",
    "soars",
    "soaring",
    "grew",
    "grow",
    "grows",
    "growing",
    "grown",
    "advanced",
    "rallied",
    "rebounded",
    "spiked",
    "leapt",
    "leaped",
    "swelled",
    "widened",
    "expanded",
    "accelerated",
];

/// Verbs of a change up that also mean other things (`gained 3 players`).
const UP_WEAK: &[&str] = &[
    "gained", "gain", "gains", "gaining", "added", "adds", "raised", "boosted", "hiked",
];

/// Verbs that state a change down.
const DOWN: &[&str] = &[
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "decreased",
    "decrease",
    "decreases",
    "decreasing",
    "declined",
    "decline",
    "declines",
    "declining",
    "slid",
    "slide",
    "slides",
    "sliding",
    "slipped",
    "slumped",
    "slump",
    "tumbled",
    "tumble",
    "plunged",
    "plunge",
    "plummeted",
    "sank",
    "sunk",
    "dipped",
    "dip",
    "shrank",
    "shrunk",
    "shrinks",
    "contracted",
    "eased",
    "narrowed",
    "retreated",
];

/// Verbs of a change down that also mean other things (`cut 1,500 jobs`).
const DOWN_WEAK: &[&str] = &[
    "lost", "lose", "loses", "losing", "shed", "sheds", "dropped", "drop", "drops", "dropping",
    "cut", "cuts", "cutting", "lowered", "reduced", "trimmed", "slashed",
];

/// Verbs of a change whose direction the figures tell (`went from 5 to 7`).
const EITHER: &[&str] = &["went", "moved", "changed", "shifted", "swung"];

/// A verb that states a change, and whether it also means other things
/// (then only shares and money are changes after it).
fn verb(w: &str) -> Option<(Way, bool)> {
    if crate::word_set!(UP).contains(w) {
        Some((Way::Up, false))
    } else if crate::word_set!(DOWN).contains(w) {
        Some((Way::Down, false))
    } else if crate::word_set!(UP_WEAK).contains(w) {
        Some((Way::Up, true))
    } else if crate::word_set!(DOWN_WEAK).contains(w) {
        Some((Way::Down, true))
    } else if crate::word_set!(EITHER).contains(w) {
        Some((Way::Either, false))
    } else {
        None
    }
}

/// Nouns of change before `of` (`a rise of 5%`) or after a figure (`a 5%
/// rise`).
fn noun(w: &str) -> Option<Way> {
    Some(match w {
        "rise" | "rises" | "increase" | "increases" | "gain" | "gains" | "jump" | "hike"
        | "growth" | "surge" | "climb" | "rally" | "higher" | "dearer" | "up" | "improvement"
        | "boost" => Way::Up,
        "fall" | "falls" | "drop" | "drops" | "decline" | "declines" | "decrease" | "cut"
        | "cuts" | "reduction" | "slump" | "plunge" | "lower" | "cheaper" | "down" => Way::Down,
        _ => return None,
    })
}

/// Words that may stand between a verb and its figure: `rose sharply by`.
const ADVERBS: &[&str] = &[
    "sharply", "slightly", "steeply", "strongly", "modestly", "further", "again",
];

fn adverb(w: &str) -> bool {
    crate::word_set!(ADVERBS).contains(w)
}

/// The nouns of change (see [`noun`]).
const NOUNS: &[&str] = &[
    "rise",
    "rises",
    "increase",
    "increases",
    "gain",
    "gains",
    "jump",
    "hike",
    "growth",
    "surge",
    "climb",
    "rally",
    "higher",
    "dearer",
    "up",
    "improvement",
    "boost",
    "fall",
    "falls",
    "drop",
    "drops",
    "decline",
    "declines",
    "decrease",
    "cut",
    "cuts",
    "reduction",
    "slump",
    "plunge",
    "lower",
    "cheaper",
    "down",
];

/// Every word right before a figure that can start a change: one set, so
/// that the figures after any other word (most of them) cost one lookup.
fn opens_change(w: &str) -> bool {
    static FIRST: std::sync::LazyLock<crate::text::words::WordSet> =
        std::sync::LazyLock::new(|| {
            let all = [
                UP,
                UP_WEAK,
                DOWN,
                DOWN_WEAK,
                EITHER,
                ADVERBS,
                NOUNS,
                &["by", "of"],
            ]
            .concat();
            crate::text::words::WordSet::new(&all)
        });
    FIRST.contains(w)
}

/// A word before `up` or `down` that makes them a phrasal verb's particle
/// (`picked up`, `shot down`), not a change: a verb in the past or the
/// progressive, or one of the common bare verbs; not the verbs of a price
/// (`closed down 3.9%`, `ended up 2%`).
fn particle_of_verb(w: &str) -> bool {
    let price = matches!(
        w,
        "closed"
            | "closing"
            | "ended"
            | "ending"
            | "finished"
            | "opened"
            | "opening"
            | "traded"
            | "trading"
            | "edged"
            | "moved"
            | "ticked"
            | "inched"
            | "being"
    );
    let verbal = w.ends_with("ed") || w.ends_with("ing");
    let bare = matches!(
        w,
        "pick"
            | "picks"
            | "set"
            | "sets"
            | "took"
            | "take"
            | "takes"
            | "round"
            | "rounds"
            | "sign"
            | "signs"
            | "lock"
            | "locks"
            | "shut"
            | "shuts"
            | "broke"
            | "break"
            | "breaks"
            | "blew"
            | "blow"
            | "cut"
            | "cuts"
            | "tore"
            | "burn"
            | "burns"
            | "beat"
            | "beats"
            | "gave"
            | "give"
            | "gives"
            | "make"
            | "makes"
            | "made"
            | "put"
            | "puts"
            | "turn"
            | "turns"
            | "shot"
            | "shoot"
            | "shoots"
            | "wrote"
            | "write"
            | "held"
            | "hold"
            | "holds"
            | "brought"
            | "bring"
            | "brings"
            | "wound"
            | "sat"
            | "sit"
            | "stood"
            | "stand"
            | "step"
            | "steps"
            | "stepped"
            | "backed"
            | "ran"
            | "run"
            | "runs"
            | "split"
            | "knocked"
            | "wiped"
            | "mop"
            | "tied"
            | "tie"
            | "hung"
            | "line"
            | "lined"
            | "came"
            | "come"
            | "comes"
    );
    !price && (verbal || bare)
}

/// Whether a unit can change: shares, money, counts and measures other than
/// distances; not dates, years, ordinals, ages, durations or names.
pub fn can_change(unit: Unit) -> bool {
    match unit {
        Unit::Count | Unit::Percent | Unit::PercentPoint | Unit::Money(_) => true,
        Unit::Measure(m) => !matches!(
            m,
            "metre"
                | "kilometre"
                | "centimetre"
                | "millimetre"
                | "mile"
                | "foot"
                | "inch"
                | "yard"
                | "storey"
        ),
        _ => false,
    }
}

fn amount(unit: Unit) -> bool {
    matches!(unit, Unit::Percent | Unit::PercentPoint | Unit::Money(_))
}

/// The change the words before a figure state; `at` is where the figure
/// (with its qualifier) starts, `floor` where the figure before it ended.
pub fn before(text: &str, at: usize, floor: usize, unit: Unit, rest: &str) -> Option<Change> {
    before_near(text, words_before(text, at).next(), floor, unit, rest)
}

/// [`before`], with the word nearest the figure read already by the caller:
/// `nearest` is `words_before(text, at).next()`. The words further back
/// are the words before the nearest one's start (what the walk from `at`
/// goes on to read: a proptest of [`super`] holds them equal).
pub fn before_near(
    text: &str,
    nearest: Option<(usize, &str)>,
    floor: usize,
    unit: Unit,
    rest: &str,
) -> Option<Change> {
    if !can_change(unit) {
        return None;
    }
    // most figures follow no word of change: one cheap lookup first
    let (ws0, w0) = nearest.filter(|(ws, _)| *ws >= floor)?;
    if !opens_change(w0) {
        return None;
    }
    // "shed 320 points": points of an index or a poll are an amount too
    let points = || {
        rest.strip_prefix(' ')
            .and_then(super::alpha_word_ci)
            .is_some_and(|(_, w)| matches!(w.as_str(), "point" | "points"))
    };
    let amount = || amount(unit) || points();
    let w0 = Lower::new(w0);
    let mut words = words_before(text, ws0)
        .take_while(|(ws, _)| *ws >= floor)
        .map(|(_, w)| Lower::new(w));
    let by_verb = |w: Lower, words: &mut dyn Iterator<Item = Lower>| {
        let mut w = w;
        while adverb(&w) {
            w = words.next()?;
        }
        match verb(&w) {
            Some((way, weak)) => (!weak || amount()).then(|| way.change()).flatten(),
            None => noun(&w).and_then(Way::change),
        }
    };
    match w0.as_str() {
        // "grew by", "cut prices by", "raised its forecast by"
        "by" => words
            .take(4)
            .find(|w| verb(w).is_some() || noun(w).is_some())
            .and_then(|w| by_verb(w, &mut std::iter::empty())),
        "up" | "down" => {
            if words.next().is_some_and(|w1| particle_of_verb(&w1)) {
                return None;
            }
            Some(if w0 == "up" { Change::Up } else { Change::Down })
        }
        "of" => {
            let w1 = words.next()?;
            noun(&w1).and_then(Way::change)
        }
        _ => by_verb(w0, &mut words),
    }
}

/// The change a word right after a figure states: `a 5% rise`, `2% higher
/// than`, `$100 cheaper`. Only shares and money.
pub fn after(rest: &str, unit: Unit) -> Option<Change> {
    if !amount(unit) {
        return None;
    }
    let r = rest.strip_prefix(' ')?;
    let (_, w) = super::alpha_word_ci(r)?;
    noun(&w).and_then(Way::change)
}

/// A verb that carries a figure to a level with `up to`: `bringing us up
/// to 83%`, `the toll went up to 40` (where `up to` is no ceiling).
pub fn motion_verb(w: &str) -> bool {
    let w = Lower::new(w);
    matches!(
        w.as_str(),
        "bring"
            | "brings"
            | "bringing"
            | "brought"
            | "take"
            | "takes"
            | "taking"
            | "took"
            | "taken"
            | "push"
            | "pushes"
            | "pushed"
            | "pushing"
            | "go"
            | "goes"
            | "went"
            | "gone"
            | "going"
            | "move"
            | "moves"
            | "moved"
            | "moving"
            | "ramp"
            | "ramped"
            | "shot"
            | "shoots"
            | "crept"
            | "creeps"
            | "edged"
            | "jumped"
            | "climbed"
            | "rose"
            | "risen"
            | "stepped"
            | "scaled"
            | "revised"
            | "revises"
            | "raised"
    )
}

/// Whether the words before `from` at `at` state a change (`fell from`,
/// `went from`, `up from`): then `from X to Y` is both ends of a change,
/// not a range.
pub fn verb_before_from(text: &str, at: usize) -> bool {
    let mut words = words_before(text, at).map(|(_, w)| Lower::new(w));
    let Some(mut w) = words.next() else {
        return false;
    };
    while adverb(&w) {
        match words.next() {
            Some(x) => w = x,
            None => return false,
        }
    }
    verb(&w).is_some() || matches!(w.as_str(), "up" | "down")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The change stated before the last number of `t` (a digit run),
    /// with the unit given.
    fn change(t: &str, figure: &str, unit: Unit) -> Option<&'static str> {
        let at = t.find(figure).unwrap();
        before(t, at, 0, unit, &t[at + figure.len()..])
            .or_else(|| after(&t[at + figure.len()..], unit))
            .map(Change::as_str)
    }

    #[test]
    fn changes_and_levels_in_our_own_sentences() {
        let pct = Unit::Percent;
        let usd = Unit::Money("USD");
        for (t, figure, unit, want) in [
            ("Profits rose 8% in the spring", "8%", pct, Some("up")),
            ("Profits rose to 8% in the spring", "8%", pct, None),
            ("Exports grew by $3 billion", "$3 billion", usd, Some("up")),
            (
                "Exports grew sharply by $3 billion",
                "$3 billion",
                usd,
                Some("up"),
            ),
            ("The chain cut its prices by 10%", "10%", pct, Some("down")),
            ("The pound was down 2 cents", "2 cents", usd, Some("down")),
            ("Copper was up 4pc on Monday", "4pc", pct, Some("up")),
            (
                "The index ended down 0.8 per cent",
                "0.8 per cent",
                pct,
                Some("down"),
            ),
            ("a fall of 6% in orders", "6%", pct, Some("down")),
            ("a 6% fall in orders", "6%", pct, Some("down")),
            ("fares were 3% higher than in May", "3%", pct, Some("up")),
            ("the new model is $50 cheaper", "$50", usd, Some("down")),
            ("The firm lost 12% of its value", "12%", pct, Some("down")),
            ("The firm lost 12 of its stores", "12", Unit::Count, None),
            ("The club picked up 3 wins", "3", Unit::Count, None),
            ("Troops shot down 2 drones", "2", Unit::Count, None),
            (
                "Unemployment fell 20,000 in June",
                "20,000",
                Unit::Count,
                Some("down"),
            ),
            (
                "The climber fell 40m from a ledge",
                "40m",
                Unit::Measure("metre"),
                None,
            ),
            (
                "The river rose 2 metres",
                "2 metres",
                Unit::Measure("metre"),
                None,
            ),
            ("Oil traded at $71 a barrel", "$71", usd, None),
            ("He was 34 when he died", "34", Unit::Age, None),
        ] {
            assert_eq!(change(t, figure, unit), want, "{t}");
        }
    }

    #[test]
    fn every_word_of_a_change_opens_one() {
        for w in [UP, UP_WEAK, DOWN, DOWN_WEAK, EITHER, ADVERBS, NOUNS].concat() {
            assert!(opens_change(w), "{w}");
            assert!(verb(w).is_some() || noun(w).is_some() || adverb(w), "{w}");
        }
        for w in NOUNS {
            assert!(noun(w).is_some(), "{w}");
        }
        assert!(!opens_change("killed") && !opens_change("said") && !opens_change("the"));
    }

    #[test]
    fn from_is_a_change_after_a_verb_only() {
        let at = |t: &str| t.find(" from").unwrap();
        assert!(verb_before_from("Sales fell from", at("Sales fell from")));
        assert!(verb_before_from("It went from", at("It went from")));
        assert!(verb_before_from(
            "the toll, up from",
            at("the toll, up from")
        ));
        assert!(!verb_before_from(
            "ages ranging from",
            at("ages ranging from")
        ));
        assert!(!verb_before_from("children from", at("children from")));
    }
}
