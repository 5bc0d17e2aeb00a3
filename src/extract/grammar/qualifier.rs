//! Qualifiers: the words that bound a figure.
//!
//! ```text
//! before = approx | approx-below | at-least | more-than | at-most | less-than | exact
//! approx       = "around" | "about" | "roughly" | "some" | "an estimated" | "approximately" | ...
//! approx-below = "nearly" | "almost" | "close to" | "just under" | "just shy of"
//! at-least     = "at least" | "no fewer than" | "no less than" | "a minimum of" | ">="
//! more-than    = "more than" | "over" | "upwards of" | "in excess of" | "well above" | ">" | ...
//! at-most      = "up to" | "as many as" | "no more than" | "at most" | "<="
//! less-than    = "fewer than" | "less than" | "under" | "below" | "<"
//! after  = "or more" | "or above" | "and more" | "+" | "-plus" | "or so" | "-odd"
//!        | "or fewer" | "or less"
//! ```
//!
//! `before` is matched on the words *left* of a figure, nearest first, so the
//! scanner never starts the grammar at common words like `about` or `over`.

use super::{Rule, alpha_word_ci, boundary, is_space, keyword, miss, word_ci, words_before};
use crate::extract::quantity::Qualifier;
use crate::text::words::WordSet;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, satisfy};
use nom::combinator::{not, opt, value};
use nom::sequence::{preceded, terminated};
use std::sync::LazyLock;

/// Phrases in reading order, longest first within each length.
const BEFORE: &[(&[&str], Qualifier)] = &[
    (&["well", "in", "excess", "of"], Qualifier::MoreThan),
    (&["in", "the", "region", "of"], Qualifier::Approx),
    (&["on", "the", "order", "of"], Qualifier::Approx),
    (&["of", "the", "order", "of"], Qualifier::Approx),
    (&["at", "least", "or", "equal", "to"], Qualifier::AtLeast),
    (&["equal", "to", "or", "more", "than"], Qualifier::AtLeast),
    (&["equal", "to", "or", "less", "than"], Qualifier::AtMost),
    (&["less", "than", "or", "equal", "to"], Qualifier::AtMost),
    (&["more", "than", "or", "equal", "to"], Qualifier::AtLeast),
    (
        &["greater", "than", "or", "equal", "to"],
        Qualifier::AtLeast,
    ),
    (&["bigger", "or", "equal", "than"], Qualifier::AtLeast),
    (&["greater", "or", "equal", "than"], Qualifier::AtLeast),
    (&["higher", "or", "equal", "than"], Qualifier::AtLeast),
    (&["larger", "or", "equal", "than"], Qualifier::AtLeast),
    (&["more", "or", "equal", "than"], Qualifier::AtLeast),
    (&["smaller", "or", "equal", "than"], Qualifier::AtMost),
    (&["lower", "or", "equal", "than"], Qualifier::AtMost),
    (&["less", "or", "equal", "than"], Qualifier::AtMost),
    (&["fewer", "or", "equal", "than"], Qualifier::AtMost),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["not", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["not", "more", "than"], Qualifier::AtMost),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["a", "maximum", "of"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["as", "much", "as"], Qualifier::AtMost),
    (&["as", "high", "as"], Qualifier::AtMost),
    (&["just", "shy", "of"], Qualifier::ApproxBelow),
    (&["more", "or", "less"], Qualifier::Approx),
    (&["far", "more", "than"], Qualifier::MoreThan),
    (&["many", "more", "than"], Qualifier::MoreThan),
    (&["well", "more", "than"], Qualifier::MoreThan),
    (&["slightly", "more", "than"], Qualifier::MoreThan),
    (&["far", "fewer", "than"], Qualifier::LessThan),
    (&["slightly", "less", "than"], Qualifier::LessThan),
    (&["slightly", "fewer", "than"], Qualifier::LessThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["north", "of"], Qualifier::MoreThan),
    (&["more", "than"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["larger", "than"], Qualifier::MoreThan),
    (&["higher", "than"], Qualifier::MoreThan),
    (&["bigger", "than"], Qualifier::MoreThan),
    (&["well", "above"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["just", "above"], Qualifier::MoreThan),
    (&["well", "below"], Qualifier::LessThan),
    (&["well", "under"], Qualifier::LessThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["at", "most"], Qualifier::AtMost),
    (&["up", "to"], Qualifier::AtMost),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["lower", "than"], Qualifier::LessThan),
    (&["smaller", "than"], Qualifier::LessThan),
    (&["just", "under"], Qualifier::ApproxBelow),
    (&["just", "below"], Qualifier::ApproxBelow),
    (&["close", "to"], Qualifier::ApproxBelow),
    (&["an", "estimated"], Qualifier::Approx),
    (&["equal", "to"], Qualifier::Exact),
    (&["equals", "to"], Qualifier::Exact),
    (&["equaling", "to"], Qualifier::Exact),
    (&["nearly"], Qualifier::ApproxBelow),
    (&["almost"], Qualifier::ApproxBelow),
    (&["around"], Qualifier::Approx),
    (&["about"], Qualifier::Approx),
    (&["roughly"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["approx"], Qualifier::Approx),
    (&["estimated"], Qualifier::Approx),
    (&["circa"], Qualifier::Approx),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["exceeded"], Qualifier::MoreThan),
    (&["exceeds"], Qualifier::MoreThan),
    (&["topping"], Qualifier::MoreThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["exactly"], Qualifier::Exact),
    (&["precisely"], Qualifier::Exact),
    (&["equals"], Qualifier::Exact),
];

/// The last words of the phrases of [`BEFORE`].
static LAST: LazyLock<WordSet> = LazyLock::new(|| {
    let mut last: Vec<&'static str> = BEFORE.iter().map(|(p, _)| p[p.len() - 1]).collect();
    last.sort_unstable();
    last.dedup();
    WordSet::new(&last)
});

/// The phrases of [`BEFORE`] (their places in it, in its order) by their
/// last word: a figure's nearest word is compared with those phrases only.
static BY_LAST: LazyLock<rustc_hash::FxHashMap<&'static str, Vec<usize>>> = LazyLock::new(|| {
    let mut by_last = rustc_hash::FxHashMap::<&'static str, Vec<usize>>::default();
    for (k, (p, _)) in BEFORE.iter().enumerate() {
        by_last.entry(p[p.len() - 1]).or_default().push(k);
    }
    by_last
});

/// A qualifier phrase ending right before byte `at`. Returns the qualifier,
/// the byte where the phrase starts, and the phrase's first word.
pub fn before(text: &str, at: usize) -> Option<(Qualifier, usize)> {
    before_near(text, at, words_before(text, at).next())
}

/// [`before`], with the word nearest `at` read already by the caller:
/// `nearest` is `words_before(text, at).next()`. The words further back
/// are the words before the nearest one's start (what the walk from `at`
/// goes on to read: a proptest in the parent module holds them equal).
pub fn before_near<'a>(
    text: &'a str,
    at: usize,
    nearest: Option<(usize, &'a str)>,
) -> Option<(Qualifier, usize)> {
    if let Some(q) = symbol_before(text, at) {
        return Some(q);
    }
    // most figures follow a word that ends no phrase ("killed 35", "in
    // 2021"): one lookup turns them away before the phrases are walked
    let nearest = nearest.filter(|(_, w)| LAST.contains(w))?;
    // the words further back are read as the phrases ask for them: most
    // phrases fail at the second word
    let mut words: [(usize, &str); 5] = [nearest, (0, ""), (0, ""), (0, ""), (0, "")];
    let mut n = 1;
    let mut walk = words_before(text, nearest.0).take(4);
    // the last words are lower-case ASCII (a `WordSet` holds them), and so
    // is a word `LAST` holds: lower-cased, it is the key of its phrases,
    // whose last word is the nearest word
    let key = super::Lower::new(nearest.1);
    let phrases = BY_LAST.get(key.as_str())?;
    'phrases: for &(phrase, q) in phrases.iter().map(|&k| &BEFORE[k]) {
        for (k, p) in phrase.iter().rev().enumerate().skip(1) {
            while n <= k {
                let Some(w) = walk.next() else {
                    // fewer words than the phrase has
                    continue 'phrases;
                };
                words[n] = w;
                n += 1;
            }
            if !words[k].1.eq_ignore_ascii_case(p) {
                continue 'phrases;
            }
        }
        return Some((q, words[phrase.len() - 1].0));
    }
    None
}

/// `>`, `>=`, `<`, `<=`, `~` right before a number.
fn symbol_before(text: &str, at: usize) -> Option<(Qualifier, usize)> {
    // most figures follow a letter or a digit after ASCII spaces: the last
    // other byte, when it is ASCII, is the last character of `head`, and
    // none but these can end a symbol
    let last = text.as_bytes()[..at]
        .iter()
        .rev()
        .find(|&&b| b != b' ' && b != b'\t');
    if last.is_some_and(|&b| b.is_ascii() && !matches!(b, b'=' | b'>' | b'<' | b'~')) {
        return None;
    }
    let head = text[..at].trim_end_matches(is_space);
    let (q, len) = if head.ends_with(">=") || head.ends_with("> =") || head.ends_with('≥') {
        (
            Qualifier::AtLeast,
            if head.ends_with('≥') {
                '≥'.len_utf8()
            } else if head.ends_with("> =") {
                3
            } else {
                2
            },
        )
    } else if head.ends_with("<=") || head.ends_with("< =") || head.ends_with('≤') {
        (
            Qualifier::AtMost,
            if head.ends_with('≤') {
                '≤'.len_utf8()
            } else if head.ends_with("< =") {
                3
            } else {
                2
            },
        )
    } else if head.ends_with('>') {
        (Qualifier::MoreThan, 1)
    } else if head.ends_with('<') {
        (Qualifier::LessThan, 1)
    } else if head.ends_with('~') && !head.ends_with("~~") {
        (Qualifier::Approx, 1)
    } else {
        return None;
    };
    let start = head.len() - len;
    // "<>30", "=>30" are not comparisons
    if text[..start].ends_with(['<', '>', '=']) {
        return None;
    }
    Some((q, start))
}

/// `after`: a qualifier after a figure (`or more`, `+`, `or so`).
pub fn after(i: &str) -> Rule<'_, Qualifier> {
    // `plus-sign | hyphened | " " spaced`, dispatched on the first byte:
    // this rule runs after every figure
    match i.as_bytes().first() {
        Some(b'+') => plus_sign(i),
        Some(b'-') => hyphened(i),
        Some(b' ') => spaced(&i[1..]),
        _ => miss(),
    }
}

/// `plus-sign = "+"`, not before a digit (`3+4` is a sum).
fn plus_sign(i: &str) -> Rule<'_, Qualifier> {
    value(
        Qualifier::AtLeast,
        terminated(char('+'), not(satisfy(|c| c.is_ascii_digit()))),
    )
    .parse(i)
}

/// `hyphened = ( "-plus" | "-odd" )`, then a word boundary.
fn hyphened(i: &str) -> Rule<'_, Qualifier> {
    terminated(
        alt((
            value(Qualifier::AtLeast, tag("-plus")),
            value(Qualifier::Approx, tag("-odd")),
        )),
        boundary,
    )
    .parse(i)
}

/// The first words (in lower case) of [`after`] after its space, and of
/// [`or_equal`]: a word after a figure that is none of them starts neither.
pub const AFTER_WORDS: &[&str] = &["plus", "odd", "or", "and"];

/// `spaced = "plus" | "odd" | ( "or" | "and" ) " " bound-word [ " than" ]`
fn spaced(i: &str) -> Rule<'_, Qualifier> {
    // the first letter first, nothing lower-cased
    if !i.starts_with(['p', 'P', 'o', 'O', 'a', 'A']) {
        return miss();
    }
    let (r, w) = word_ci(i)?;
    match w.as_str() {
        // "500 plus" is at least 500; "3 plus 4" and "0.03 plus zero point" are sums
        "plus" if !number_next(r) => Ok((r, Qualifier::AtLeast)),
        "odd" => Ok((r, Qualifier::Approx)),
        "or" | "and" => {
            let (r, q) = preceded(char(' '), |x| bound_word(x, &w)).parse(r)?;
            let (r, ()) = than(r)?;
            Ok((r, q))
        }
        _ => miss(),
    }
}

/// `bound-word`: the word after `or`/`and` (`more`, `fewer`, `so`) and the
/// bound the pair says.
fn bound_word<'a>(i: &'a str, joint: &str) -> Rule<'a, Qualifier> {
    let (r, w2) = word_ci(i)?;
    let q = match (joint, w2.as_str()) {
        ("or" | "and", "more" | "above" | "greater" | "higher" | "over") => Qualifier::AtLeast,
        ("or", "fewer" | "less" | "lower" | "below" | "under") => Qualifier::AtMost,
        ("or", "so" | "thereabouts") => Qualifier::Approx,
        _ => return miss(),
    };
    Ok((r, q))
}

/// `[ " than" ]` after the bound word, taken at a word boundary; before a
/// number the pair is no qualifier ("5 or more than 4500" is two figures).
fn than(i: &str) -> Rule<'_, ()> {
    match i.strip_prefix(" than") {
        Some(r) if r.trim_start().starts_with(|c: char| c.is_ascii_digit()) => miss(),
        Some(r) if super::boundary_after(r) => Ok((r, ())),
        _ => Ok((i, ())),
    }
}

/// Whether a number follows (after any white space): then the words
/// before it join two figures rather than qualify one.
fn number_next(i: &str) -> bool {
    let next = i.trim_start();
    next.starts_with(|c: char| c.is_ascii_digit())
        || alpha_word_ci(next).is_some_and(|(_, w)| super::lexicon::number_word_lower(&w).is_some())
}

/// `or-equal = " or equal" [ " to" ]`, not before a number: after a strict
/// bound it makes the bound inclusive.
pub fn or_equal(i: &str) -> Rule<'_, ()> {
    // the cheap test first: this rule runs after every figure
    if !i
        .as_bytes()
        .get(..3)
        .is_some_and(|b| b.eq_ignore_ascii_case(b" or"))
    {
        return miss();
    }
    let (r, ()) = value((), (char(' '), keyword("or"), char(' '), keyword("equal"))).parse(i)?;
    let (r, _) = opt(preceded(char(' '), keyword("to"))).parse(r)?;
    // "more than 5000 or equal to 6000" is two figures
    if number_next(r) { miss() } else { Ok((r, ())) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    /// [`symbol_before`] as it was, without its first look at the last byte.
    fn symbol_before_plain(text: &str, at: usize) -> Option<(Qualifier, usize)> {
        let head = text[..at].trim_end_matches(is_space);
        let (q, len) = if head.ends_with(">=") || head.ends_with("> =") || head.ends_with('≥') {
            (
                Qualifier::AtLeast,
                if head.ends_with('≥') {
                    '≥'.len_utf8()
                } else if head.ends_with("> =") {
                    3
                } else {
                    2
                },
            )
        } else if head.ends_with("<=") || head.ends_with("< =") || head.ends_with('≤') {
            (
                Qualifier::AtMost,
                if head.ends_with('≤') {
                    '≤'.len_utf8()
                } else if head.ends_with("< =") {
                    3
                } else {
                    2
                },
            )
        } else if head.ends_with('>') {
            (Qualifier::MoreThan, 1)
        } else if head.ends_with('<') {
            (Qualifier::LessThan, 1)
        } else if head.ends_with('~') && !head.ends_with("~~") {
            (Qualifier::Approx, 1)
        } else {
            return None;
        };
        let start = head.len() - len;
        // "<>30", "=>30" are not comparisons
        if text[..start].ends_with(['<', '>', '=']) {
            return None;
        }
        Some((q, start))
    }

    proptest::proptest! {
        #[test]
        fn symbols_before_agree_with_the_plain_reading(
            s in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\t", "\u{a0}", "\u{2009}", ">", "<", "=", "~", "≥", "≤", "a", "1", "é", "\u{2003}",
            ]), 0..8),
        ) {
            let text = format!("{}12", s.concat());
            let at = text.len() - 2;
            proptest::prop_assert_eq!(symbol_before(&text, at), symbol_before_plain(&text, at));
        }
    }

    /// [`before`] as it was: every phrase of [`BEFORE`] tried in turn.
    fn before_plain(text: &str, at: usize) -> Option<(Qualifier, usize)> {
        if let Some(q) = symbol_before(text, at) {
            return Some(q);
        }
        let mut near = words_before(text, at);
        let nearest = near.next().filter(|(_, w)| LAST.contains(w))?;
        let mut words: [(usize, &str); 5] = [nearest, (0, ""), (0, ""), (0, ""), (0, "")];
        let mut n = 1;
        for w in near.take(4) {
            words[n] = w;
            n += 1;
        }
        'phrases: for (phrase, q) in BEFORE {
            if phrase.len() > n {
                continue;
            }
            for (k, p) in phrase.iter().rev().enumerate() {
                if !words[k].1.eq_ignore_ascii_case(p) {
                    continue 'phrases;
                }
            }
            return Some((*q, words[phrase.len() - 1].0));
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn phrases_by_last_word_agree_with_trying_every_phrase(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(BEFORE).prop_map(|(p, _)| p.join(" ")),
                    proptest::sample::select(BEFORE).prop_map(|(p, _)| p.join(" ").to_uppercase()),
                    proptest::sample::select(BEFORE).prop_map(|(p, _)| p[p.len() - 1].to_string()),
                    "[a-zA-Z]{1,6}",
                    proptest::sample::select(vec![">", "~", "é", ","]).prop_map(str::to_string),
                ],
                0..6,
            ),
        ) {
            let text = format!("{} 12", words.join(" "));
            let at = text.len() - 2;
            proptest::prop_assert_eq!(before(&text, at), before_plain(&text, at));
        }
    }

    fn b(s: &str) -> Option<(Qualifier, &str)> {
        before(s, s.len()).map(|(q, at)| (q, &s[at..]))
    }

    #[test]
    fn before_table() {
        assert_eq!(
            b("killed at least "),
            Some((Qualifier::AtLeast, "at least "))
        );
        assert_eq!(b("At least "), Some((Qualifier::AtLeast, "At least ")));
        assert_eq!(b("as many as "), Some((Qualifier::AtMost, "as many as ")));
        assert_eq!(
            b("approval well above "),
            Some((Qualifier::MoreThan, "well above "))
        );
        assert_eq!(b("toll at over "), Some((Qualifier::MoreThan, "over ")));
        assert_eq!(b("Around "), Some((Qualifier::Approx, "Around ")));
        assert_eq!(
            b("an estimated "),
            Some((Qualifier::Approx, "an estimated "))
        );
        assert_eq!(b("nearly "), Some((Qualifier::ApproxBelow, "nearly ")));
        assert_eq!(
            b("no fewer than "),
            Some((Qualifier::AtLeast, "no fewer than "))
        );
        assert_eq!(b("x >"), Some((Qualifier::MoreThan, ">")));
        assert_eq!(b("more, "), None);
        assert_eq!(b("the "), None);
        assert_eq!(b("killed "), None);
    }

    #[test]
    fn after_table() {
        assert_eq!(
            after(" or more people"),
            Ok((" people", Qualifier::AtLeast))
        );
        assert_eq!(after("+ people"), Ok((" people", Qualifier::AtLeast)));
        assert_eq!(after(" or so."), Ok((".", Qualifier::Approx)));
        assert_eq!(after(" or fewer"), Ok(("", Qualifier::AtMost)));
        assert!(after(" or more than 4500").is_err());
        assert_eq!(after(" or greater than"), Ok(("", Qualifier::AtLeast)));
        assert!(after(" people").is_err());
        assert_eq!(after("-plus."), Ok((".", Qualifier::AtLeast)));
        assert_eq!(after("-odd years"), Ok((" years", Qualifier::Approx)));
        assert!(after("-pluses").is_err());
        assert_eq!(after(" odd"), Ok(("", Qualifier::Approx)));
        assert!(after(" and so").is_err());
        assert_eq!(
            after(" or more thanks"),
            Ok((" thanks", Qualifier::AtLeast))
        );
        assert!(after("+3").is_err());
        assert!(after(" plus zero point").is_err());
        assert_eq!(or_equal(" or equal to it"), Ok((" it", ())));
        assert_eq!(or_equal(" or equal"), Ok(("", ())));
        assert!(or_equal(" or more").is_err());
    }
}
