//! Scale suffixes after digits.
//!
//! ```text
//! suffix  = [ " " ] letters                   (* then a word boundary *)
//! letters = "k" | "K" | "M" | "MM" | "mn" | "mln" | "mil" | "bn" | "b" | "bln" | "B"
//!         | "tn" | "tln" | "trn"
//!         | "m"                               (* only when money: see `money` *)
//!                                             (* after the space, one letter only if "k" *)
//! ```
//!
//! Lower-case `m` alone is a metre as often as a million (`10m wall`), so it
//! scales inside a money amount (`£30m`), which [`super::money`] asks
//! for with [`suffix_money`], and elsewhere only where British copy writes
//! millions of something ([`million_m`]):
//!
//! ```text
//! million-m = "m" ( SPACE plural-noun | SPACE "of" | "-" measure-unit )
//! ```
//!
//! `40m of its phones`, `2.5m barrels`, `a 9.4m-tonne harvest` are millions;
//! `a 300m tower`, `won the 200m`, `the 400m hurdles`, `the last 100m of
//! the race` are metres. Scale *words* (`1.5 million`) are handled by
//! [`super::cardinal`].

use super::{Rule, ascii_letters, boundary, miss};
use nom::Parser;
use nom::character::complete::char;
use nom::combinator::{opt, verify};
use nom::sequence::terminated;

fn table(s: &str, money: bool) -> Option<f64> {
    Some(match s {
        "k" | "K" => 1e3,
        "M" | "MM" | "mn" | "Mn" | "mln" | "mil" => 1e6,
        "m" if money => 1e6,
        "bn" | "Bn" | "BN" | "b" | "B" | "bln" => 1e9,
        "tn" | "Tn" | "tln" | "trn" => 1e12,
        _ => return None,
    })
}

/// `suffix = [ " " ] letters`, then a word boundary.
fn parse(i: &str, money: bool) -> Rule<'_, f64> {
    // the cheap test first: every suffix starts with one of these letters
    // (after a space or none), and most words after a number with none
    let b = i.as_bytes();
    let first = if b.first() == Some(&b' ') {
        b.get(1)
    } else {
        b.first()
    };
    if !first.is_some_and(|c| matches!(c, b'k' | b'K' | b'm' | b'M' | b'b' | b'B' | b't' | b'T')) {
        return miss();
    }
    let (t, space) = opt(char(' ')).parse(i)?;
    // a detached single letter is too ambiguous ("10 m", "5 b"), except k
    let fits = |w: &&str| {
        (1..=3).contains(&w.len()) && (space.is_none() || w.len() > 1 || *w == "k" || *w == "K")
    };
    let (r, w) = terminated(verify(ascii_letters, fits), boundary).parse(t)?;
    table(w, money).map_or_else(miss, |s| Ok((r, s)))
}

/// A scale suffix right after digits: `3k`, `1.2bn`, `10M`, `2mil`.
pub fn suffix(i: &str) -> Rule<'_, f64> {
    parse(i, false)
}

/// The same inside a money amount, where `m` means million: `£30m`.
pub fn suffix_money(i: &str) -> Rule<'_, f64> {
    parse(i, true)
}

/// Plural words that follow a distance in metres: races and their parts.
const METRE_EVENTS: &[&str] = &[
    "hurdles", "relays", "heats", "finals", "sprints", "races", "events", "titles", "records",
    "medals", "metres", "meters", "lengths", "laps", "yards",
];

/// Words before a distance that make `100m of` part of a course: `the last
/// 100m of the race`.
const COURSE_WORDS: &[&str] = &["last", "first", "final", "next", "opening", "closing"];

/// `m` glued to a number where it means a million (see the module
/// grammar); `before` is the word before the number. Returns the rest after
/// the `m` and the scale.
pub fn million_m<'a>(i: &'a str, before: Option<&str>) -> Option<(&'a str, f64)> {
    let rest = i.strip_prefix('m')?;
    if let Some(r) = rest.strip_prefix('-') {
        // "a 9.4m-tonne harvest": the measure is counted in millions
        return super::duration::measure_word(r).map(|_| (rest, 1e6));
    }
    let after = rest.strip_prefix(' ')?;
    let (_, w) = super::alpha_word_ci(after)?;
    let course = before.is_some_and(|b| COURSE_WORDS.contains(&super::Lower::new(b).as_str()));
    let millions = if w == "of" {
        !course
    } else {
        let plural = (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && w.len() > 3)
            || matches!(
                w.as_str(),
                "people" | "children" | "men" | "women" | "cattle"
            );
        plural && !METRE_EVENTS.contains(&w.as_str())
    };
    // the word must start in lower case: "10m Olympic" is no count
    let lower_start = after.starts_with(|c: char| c.is_ascii_lowercase());
    (millions && lower_start).then_some((rest, 1e6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_suffixes() {
        assert_eq!(suffix("k people"), Ok((" people", 1e3)));
        assert_eq!(suffix("bn."), Ok((".", 1e9)));
        assert_eq!(suffix("M."), Ok((".", 1e6)));
        assert!(suffix("m wall").is_err());
        assert_eq!(suffix_money("m."), Ok((".", 1e6)));
        assert_eq!(suffix_money(" mn"), Ok(("", 1e6)));
        assert_eq!(suffix(" k"), Ok(("", 1e3)));
        assert!(suffix(" m").is_err());
        assert!(suffix(" bn2").is_err());
        assert!(suffix("km").is_err());
        assert!(suffix(" people").is_err());
        assert!(suffix("G").is_err());
    }

    #[test]
    fn a_glued_m_is_a_million_only_before_what_is_counted() {
        let millions = |i: &str, before: Option<&str>| million_m(i, before).map(|x| x.1);
        assert_eq!(millions("m of its handsets", Some("sold")), Some(1e6));
        assert_eq!(millions("m barrels of crude", None), Some(1e6));
        assert_eq!(millions("m-tonne crop", Some("a")), Some(1e6));
        assert_eq!(millions("m people", None), Some(1e6));
        assert_eq!(millions("m tower", Some("a")), None);
        assert_eq!(millions("m.", Some("the")), None);
        assert_eq!(millions("m hurdles", Some("the")), None);
        assert_eq!(millions("m of the race", Some("last")), None);
        assert_eq!(millions("m-long wall", Some("a")), None);
        assert_eq!(millions("m Olympians", None), None);
        assert_eq!(millions("mph", None), None);
    }
}
