//! Percentages and percentage points after a number.
//!
//! ```text
//! suffix  = SPACE* sign
//!         | glued                                 (* no space before *)
//!         | SPACE+ word [ " " points ]
//! sign    = "%" | FULLWIDTH-PERCENT
//! glued   = "pc"                                  (* British house style: "up 7pc" *)
//! word    = "percent" | "percents" | "pct" | "percentage" | "percentages" | "per" " " "cent"
//! points  = "point" | "points"                    (* "percentage points": a difference *)
//! ```

use super::{Rule, boundary, keyword, miss, spaces, word_ci};
use crate::extract::quantity::Unit;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, satisfy};
use nom::combinator::{success, value};
use nom::sequence::{preceded, terminated};

/// `suffix`: a percent sign or word after a number, and the unit.
pub fn suffix(i: &str) -> Rule<'_, Unit> {
    // asked after every number, which most often a word that is no
    // percent follows (" people"), or a full stop or comma: turned away on
    // its first bytes (every percent word and `pc` start with a p)
    let nothing = match i.as_bytes() {
        [b' ', c, ..] => c.is_ascii_alphabetic() && !matches!(c, b'p' | b'P'),
        [c, ..] => c.is_ascii() && !matches!(c, b' ' | b'\t' | b'%' | b'p'),
        [] => false,
    };
    if nothing {
        return miss();
    }
    suffix_read(i)
}

/// [`suffix`] without the look at its first bytes.
fn suffix_read(i: &str) -> Rule<'_, Unit> {
    let (t, space) = spaces(i)?;
    if let Ok((r, _)) = sign(t) {
        return Ok((r, Unit::Percent));
    }
    // words need a space before them
    if space.is_empty() {
        value(Unit::Percent, glued).parse(i)
    } else {
        preceded(
            word,
            alt((
                value(Unit::PercentPoint, preceded(char(' '), points)),
                success(Unit::Percent),
            )),
        )
        .parse(t)
    }
}

/// `sign = "%" | FULLWIDTH-PERCENT`
fn sign(i: &str) -> Rule<'_, char> {
    satisfy(|c| matches!(c, '%' | '\u{ff05}')).parse(i)
}

/// `glued = "pc"`, then a word boundary: `7pc`, `a 15pc stake`.
fn glued(i: &str) -> Rule<'_, &str> {
    terminated(tag("pc"), boundary).parse(i)
}

/// `points = "point" | "points"`
fn points(i: &str) -> Rule<'_, ()> {
    alt((keyword("point"), keyword("points"))).parse(i)
}

/// `word`: a percent word at the start of `i` (`percent`, `per cent`,
/// `pct`, `percentage`).
pub fn word(i: &str) -> Rule<'_, ()> {
    // every percent word starts with a p: the first letter first, nothing
    // lower-cased
    if !i.starts_with(['p', 'P']) {
        return miss();
    }
    let (r, w) = word_ci(i)?;
    match w.as_str() {
        "percent" | "percents" | "pct" | "percentage" | "percentages" => Ok((r, ())),
        "per" => preceded(char(' '), keyword("cent")).parse(r),
        _ => miss(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The look at the first bytes turns away only what the rule
        /// itself turns away.
        #[test]
        fn suffixes_read_as_without_the_first_look(
            i in "[ \t\u{a0}\u{ff05}%,.a-zA-Z0-9-]{0,3}(pc|PC|percent|Per cent|pct|people|points)?[ .a-z]{0,2}",
        ) {
            proptest::prop_assert_eq!(suffix(&i), suffix_read(&i), "{:?}", i);
        }
    }

    #[test]
    fn forms() {
        assert_eq!(suffix("% of"), Ok((" of", Unit::Percent)));
        assert_eq!(suffix(" %"), Ok(("", Unit::Percent)));
        assert_eq!(suffix("  \u{ff05}"), Ok(("", Unit::Percent)));
        assert_eq!(suffix(" percent."), Ok((".", Unit::Percent)));
        assert_eq!(suffix(" per cent"), Ok(("", Unit::Percent)));
        assert_eq!(suffix(" Percent"), Ok(("", Unit::Percent)));
        assert_eq!(suffix(" percentage points"), Ok(("", Unit::PercentPoint)));
        assert_eq!(suffix(" percent point."), Ok((".", Unit::PercentPoint)));
        assert_eq!(suffix(" percent pointed"), Ok((" pointed", Unit::Percent)));
        assert!(suffix(" per capita").is_err());
        assert!(suffix("percent").is_err());
        assert_eq!(suffix("pc stake"), Ok((" stake", Unit::Percent)));
        assert_eq!(suffix("pc."), Ok((".", Unit::Percent)));
        assert!(suffix("pcs").is_err());
        assert!(suffix(" pc").is_err());
    }
}
