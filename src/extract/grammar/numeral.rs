//! Figures written in digits.
//!
//! ```text
//! numeral  = european | whole [ decimals ] [ exponent ]
//! european = digit{1,3} ( "." digit{3} )* "," digit{1,2}   (* 1,5 · 7,00 · 2.345,67 *)
//! whole    = indian | grouped | plain | ""      (* "" only before decimals: .08 *)
//! indian   = digit{1,2} ( "," digit{2} )+ "," digit{3}   (* lakh and crore: 12,34,567 *)
//! grouped  = digit{1,3} group+
//! group    = sep digit{3}                       (* the group must end the digits *)
//! sep      = "," | " " | NBSP | THIN-SPACE | NARROW-NBSP
//! plain    = digit+
//! decimals = "." digit+
//! exponent = ("e" | "E" | "x10^") [sign] digit{1,3} | "x10" minus digit{1,3} | "^" sign{0,2} digit{1,3}
//! ```
//!
//! A plain space separates thousands only between a group of one to three
//! digits and exactly three more (`2 104`, not `423 0000`).
//!
//! A comma followed by one or two digits is a decimal comma, as outlets
//! translated from European languages write it (`1,5 million`): English
//! groups thousands by three. Not when another digit, comma or point
//! follows (`1,2,3`).

use super::{Rule, is_space, miss};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit1, one_of, satisfy};
use nom::combinator::{map, not, opt, peek, recognize, value, verify};
use nom::multi::{fold_many_m_n, many0_count, many1_count};
use nom::sequence::{preceded, terminated};

/// A number in digits, with what its writing says about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// Digits after the decimal point (`52.3` → 1).
    pub decimals: u32,
    /// Digits before the decimal point, separators excluded.
    pub int_digits: u32,
    /// Thousands separators were used (`2,104`).
    pub grouped: bool,
    /// An exponent or power was written.
    pub power: bool,
}

impl Numeral {
    /// A plain whole number with no separators, like `2022`.
    pub fn is_plain_integer(&self) -> bool {
        self.decimals == 0 && !self.grouped && !self.power
    }

    /// The smallest step the writing can express.
    pub fn precision(&self) -> f64 {
        10f64.powi(-(self.decimals as i32))
    }
}

/// `digit*`: the run of ASCII digits `i` starts with (maybe empty), and
/// the rest. By bytes: nom's `take_while` decodes characters.
fn digits(i: &str) -> (&str, &str) {
    let n = i.bytes().take_while(u8::is_ascii_digit).count();
    (&i[n..], &i[..n])
}

/// [`digits`] as a rule, which never fails.
fn digit_run<'a>() -> impl Parser<&'a str, Output = &'a str, Error = ()> {
    |i: &'a str| -> Rule<'a, &'a str> { Ok(digits(i)) }
}

/// `digit{n}`, the whole run: `n` digits and no more.
fn exactly<'a>(n: usize) -> impl Parser<&'a str, Output = &'a str, Error = ()> {
    verify(digit_run(), move |d: &str| d.len() == n)
}

/// `digit{1,k}`, the whole run.
fn up_to<'a>(k: usize) -> impl Parser<&'a str, Output = &'a str, Error = ()> {
    verify(digit_run(), move |d: &str| (1..=k).contains(&d.len()))
}

/// `sep = "," | " " | NBSP | THIN-SPACE | NARROW-NBSP`
fn sep(i: &str) -> Rule<'_, char> {
    satisfy(|c| c == ',' || is_space(c)).parse(i)
}

/// `sep digit{3}` in the separator style of the number so far (`style`,
/// none before the first group): one separator style per number, and a
/// plain space only where nothing else can follow (`423 0000` is two
/// numbers).
fn group<'a>(style: Option<char>) -> impl Parser<&'a str, Output = char, Error = ()> {
    move |i: &'a str| {
        let (r, c) =
            terminated(verify(sep, |c| style.is_none_or(|s| s == *c)), exactly(3)).parse(i)?;
        let (r, ()) = not(satisfy(|x| c == ' ' && (x.is_ascii_digit() || x == ','))).parse(r)?;
        Ok((r, c))
    }
}

/// `grouped = digit{1,3} group+`
fn grouped(i: &str) -> Rule<'_, &str> {
    recognize((
        up_to(3),
        group(None).flat_map(|c| many0_count(group(Some(c)))),
    ))
    .parse(i)
}

/// `indian = digit{1,2} ( "," digit{2} )+ "," digit{3}`
fn indian(i: &str) -> Rule<'_, &str> {
    recognize((
        up_to(2),
        many1_count(preceded(char(','), exactly(2))),
        preceded(char(','), exactly(3)),
    ))
    .parse(i)
}

/// `european = digit{1,3} ( "." digit{3} )* "," digit{1,2}`, and no list
/// after (`1,2,3`): the first digits, the whole part with its points, and
/// the decimals.
fn european(i: &str) -> Rule<'_, (&str, &str, &str)> {
    let (r, (first, points)) = (
        up_to(3),
        recognize(many0_count(preceded(char('.'), exactly(3)))),
    )
        .parse(i)?;
    let (r, frac) = preceded(char(','), up_to(2)).parse(r)?;
    let (r, ()) = not((one_of(",."), satisfy(|c| c.is_ascii_digit()))).parse(r)?;
    Ok((r, (first, &i[..first.len() + points.len()], frac)))
}

/// The whole part where a separator follows the first digits: `indian |
/// grouped | plain`; whether it was grouped.
fn whole(i: &str) -> Rule<'_, (&str, bool)> {
    alt((
        map(indian, |w| (w, true)),
        map(grouped, |w| (w, true)),
        map(digit1, |w| (w, false)),
    ))
    .parse(i)
}

/// `"." digit+`
fn decimals(i: &str) -> Rule<'_, &str> {
    preceded(char('.'), digit1).parse(i)
}

/// Powers of ten that are exact in an `f64`.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of the digits of `int` (separators skipped) and `frac`, as
/// Rust's float parsing reads them. When the digits fit in 2^53 and there
/// are at most 22 decimals, one exact division gives the same correctly
/// rounded value without building a string.
fn value_of(int: &str, frac: &str) -> f64 {
    let digits = || int.bytes().chain(frac.bytes()).filter(u8::is_ascii_digit);
    let mantissa = digits().try_fold(0u64, |m, d| {
        m.checked_mul(10)?
            .checked_add(u64::from(d - b'0'))
            .filter(|&m| m < 1 << 53)
    });
    match (mantissa, EXACT_POWERS.get(frac.len())) {
        (Some(m), Some(p)) => m as f64 / p,
        _ => {
            let mut text: String = int.chars().filter(char::is_ascii_digit).collect();
            if text.is_empty() {
                text.push('0');
            }
            if !frac.is_empty() {
                text.push('.');
                text.push_str(frac);
            }
            text.parse().unwrap_or(f64::NAN)
        }
    }
}

/// `numeral = european | whole [ decimals ] [ exponent ]` at the start of `i`.
pub fn numeral(i: &str) -> Rule<'_, Numeral> {
    // the common case first: a run of digits that nothing after it can
    // continue is `plain`; the rules below would each read it again
    let (after, first) = digits(i);
    if !first.is_empty() && !continues(after) {
        let value = value_of(first, "");
        if !value.is_finite() {
            return miss();
        }
        let n = Numeral {
            value,
            decimals: 0,
            int_digits: first.len() as u32,
            grouped: false,
            power: false,
        };
        return Ok((after, n));
    }
    // a dispatch on the byte after the first digits: the European writing
    // goes on with a comma or a point, the groups with a separator, and
    // everything else is `plain` (or nothing, before a point: `.08`)
    let european = match after.as_bytes().first() {
        Some(b',' | b'.') => european(i).ok(),
        _ => None,
    };
    if let Some((r, (first, int, frac))) = european {
        return Ok((
            r,
            Numeral {
                value: value_of(int, frac),
                decimals: frac.len() as u32,
                int_digits: int.bytes().filter(u8::is_ascii_digit).count() as u32,
                grouped: int.len() > first.len(),
                power: false,
            },
        ));
    }
    let (rest, (int, grouped)) = if after.starts_with(|c| c == ',' || is_space(c)) {
        whole(i)?
    } else {
        (after, (first, false))
    };
    let (rest, frac) = opt(decimals).parse(rest)?;
    let frac = frac.unwrap_or("");
    let int_digits = int.bytes().filter(u8::is_ascii_digit).count();
    if int_digits == 0 && frac.is_empty() {
        return miss();
    }
    let (rest, power) = opt(exponent).parse(rest)?;
    let value = match power {
        Some((exp, true)) => value_of(int, frac) * 10f64.powi(exp),
        Some((exp, false)) => value_of(int, frac).powi(exp),
        None => value_of(int, frac),
    };
    if !value.is_finite() {
        return miss();
    }
    Ok((
        rest,
        Numeral {
            value,
            decimals: frac.len() as u32,
            int_digits: int_digits as u32,
            grouped,
            power: power.is_some(),
        },
    ))
}

/// Whether the text after a run of digits may go on with a separator, a
/// point or an exponent: a dispatch on its first bytes, so that a comma or
/// full stop of the sentence (`in 2022.`) never asks the rules. Each arm
/// is the start of a rule: `sep digit`, `"." digit`, `"," digit` (a
/// decimal comma), an exponent's letter before its sign or digits.
fn continues(after: &str) -> bool {
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let b = after.as_bytes();
    match b {
        [b',' | b'.' | b' ' | b'\t', d, ..] => d.is_ascii_digit(),
        [b'e' | b'E' | b'^', s, ..] => s.is_ascii_digit() || matches!(s, b'+' | b'-' | 0xE2),
        [b'x', b'1', ..] | [0xC3, 0x97, ..] => true,
        // a no-break space; the thin, narrow and figure spaces
        [0xC2, 0xA0, ..] => digit(b.get(2)),
        [0xE2, ..] => digit(b.get(3)),
        _ => false,
    }
}

/// `exponent = ( "e" | "E" | "x10^" | "×10^" ) [ sign ] digit{1,3}
///           | ( "x10" | "×10" ) minus digit{1,3}
///           | "^" sign{0,2} digit{1,3}`, then no letter or digit:
/// (exponent, base ten?). `^` raises the number itself.
fn exponent(i: &str) -> Rule<'_, (i32, bool)> {
    // a dispatch on the first byte: most numbers have no exponent
    if !i.starts_with(['e', 'E', 'x', '\u{d7}', '^']) {
        return miss();
    }
    let (r, base10) = alt((
        value(true, one_of("eE")),
        value(true, alt((tag("x10^"), tag("\u{d7}10^")))),
        // "1.6×10−19": the caret lost, the sign kept
        value(
            true,
            terminated(
                alt((tag("\u{d7}10"), tag("x10"))),
                peek(one_of("-\u{2212}")),
            ),
        ),
        value(false, char('^')),
    ))
    .parse(i)?;
    let (r, sign) = fold_many_m_n(
        0,
        if base10 { 1 } else { 2 },
        one_of("+-\u{2212}"),
        || 1,
        |s, c| if c == '+' { s } else { -s },
    )
    .parse(r)?;
    let (r, d) = terminated(up_to(3), not(satisfy(char::is_alphanumeric))).parse(r)?;
    let e: i32 = d.parse().map_err(|_| nom::Err::Error(()))?;
    Ok((r, (sign * e, base10)))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The numeral as it was written before its rules were nom
    // combinators, step by step: the rules must read every text as it did.
    fn digits_plain(i: &str) -> (&str, &str) {
        let n = i.bytes().take_while(u8::is_ascii_digit).count();
        (&i[n..], &i[..n])
    }

    /// Parse a separator followed by exactly three digits that end the number.
    fn group_plain(i: &str) -> Option<(&str, &str)> {
        let c = i.chars().next()?;
        if c != ',' && !is_space(c) {
            return None;
        }
        let after = &i[c.len_utf8()..];
        let (rest, d) = digits_plain(after);
        if d.len() != 3 {
            return None;
        }
        // `1,234.5` is fine; `1,2345` is not a group.
        Some((rest, d))
    }

    /// Indian grouping after the first one or two digits: pairs, then the
    /// last three (`12,34,567`). Returns the rest after the last group.
    fn indian_plain<'a>(first: &str, mut rest: &'a str) -> Option<&'a str> {
        if first.len() > 2 {
            return None;
        }
        let mut pairs = 0;
        loop {
            let (r, d) = digits_plain(rest.strip_prefix(',')?);
            match d.len() {
                2 => {
                    pairs += 1;
                    rest = r;
                }
                3 if pairs > 0 => return Some(r),
                _ => return None,
            }
        }
    }

    /// European writing after the first one to three digits: points between
    /// thousands and a decimal comma (`2.345,67`, `7,00`). Returns the rest
    /// after the whole part (with the points) and the decimal digits.
    fn european_plain(rest: &str) -> Option<(&str, &str, &str)> {
        let mut r = rest;
        while let Some(after) = r.strip_prefix('.') {
            let (r2, d) = digits_plain(after);
            if d.len() != 3 {
                return None;
            }
            r = r2;
        }
        let int_end = r;
        let (after, frac) = digits_plain(r.strip_prefix(',')?);
        let more = |p: char| {
            after
                .strip_prefix(p)
                .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_digit()))
        };
        (matches!(frac.len(), 1 | 2) && !more(',') && !more('.')).then_some((after, int_end, frac))
    }

    /// Parse digits at the start of `i`.
    fn numeral_plain(i: &str) -> Option<(&str, Numeral)> {
        let (mut rest, first) = digits_plain(i);
        let mut grouped = false;
        if (1..=3).contains(&first.len()) {
            if let Some((r, int_end, frac)) = european_plain(rest) {
                let int = &i[..i.len() - int_end.len()];
                return Some((
                    r,
                    Numeral {
                        value: value_of(int, frac),
                        decimals: frac.len() as u32,
                        int_digits: int.bytes().filter(u8::is_ascii_digit).count() as u32,
                        grouped: int.len() > first.len(),
                        power: false,
                    },
                ));
            }
        }
        if first.is_empty() {
            if !rest.starts_with('.') {
                return None;
            }
        } else if let Some(r) = indian_plain(first, rest) {
            rest = r;
            grouped = true;
        } else if first.len() <= 3 {
            let mut seps = None;
            while let Some((r, _)) = group_plain(rest) {
                let sep = rest.chars().next();
                // one separator style per number, and a plain space only
                // when nothing else can make sense of the digits
                if seps.is_some() && seps != sep {
                    break;
                }
                if sep == Some(' ') && r.starts_with(|c: char| c.is_ascii_digit() || c == ',') {
                    break;
                }
                seps = sep;
                rest = r;
                grouped = true;
            }
        }
        // the whole part as written, separators included
        let int = &i[..i.len() - rest.len()];
        let int_digits = int.bytes().filter(u8::is_ascii_digit).count();
        let mut decimals = 0;
        let mut frac = "";
        if let Some(r) = rest.strip_prefix('.') {
            let (r2, d) = digits_plain(r);
            if !d.is_empty() {
                frac = d;
                decimals = d.len() as u32;
                rest = r2;
            }
        }
        if int_digits == 0 && frac.is_empty() {
            return None;
        }
        let mut value = value_of(int, frac);
        let mut power = false;
        if let Some((r, exp, base10)) = exponent_plain(rest) {
            value = if base10 {
                value * 10f64.powi(exp)
            } else {
                value.powi(exp)
            };
            power = true;
            rest = r;
        }
        if !value.is_finite() {
            return None;
        }
        Some((
            rest,
            Numeral {
                value,
                decimals,
                int_digits: int_digits as u32,
                grouped,
                power,
            },
        ))
    }

    /// `e10`, `e-1`, `x10^6`, `^23`, `^--23` → (rest, exponent, base-ten?)
    fn exponent_plain(i: &str) -> Option<(&str, i32, bool)> {
        let (r, base10) = if let Some(r) = i.strip_prefix(['e', 'E']) {
            (r, true)
        } else if let Some(r) = i.strip_prefix("x10^").or_else(|| i.strip_prefix("×10^")) {
            (r, true)
        } else if let Some(r) = i
            .strip_prefix("×10")
            .or_else(|| i.strip_prefix("x10"))
            .filter(|r| r.starts_with(['-', '\u{2212}']))
        {
            // "1.6×10−19": the caret lost, the sign kept
            (r, true)
        } else if let Some(r) = i.strip_prefix('^') {
            (r, false)
        } else {
            return None;
        };
        let mut sign = 1;
        let mut r = r;
        let mut signs = 0;
        while let Some(c) = r
            .chars()
            .next()
            .filter(|c| matches!(c, '+' | '-' | '\u{2212}'))
        {
            if c != '+' {
                sign = -sign;
            }
            r = &r[c.len_utf8()..];
            signs += 1;
            if signs > 2 || (base10 && signs > 1) {
                return None;
            }
        }
        let (rest, d) = digits_plain(r);
        if d.is_empty() || d.len() > 3 || rest.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        let e: i32 = d.parse().ok()?;
        Some((rest, sign * e, base10))
    }

    fn reading(n: Numeral) -> (u64, u32, u32, bool, bool) {
        (
            n.value.to_bits(),
            n.decimals,
            n.int_digits,
            n.grouped,
            n.power,
        )
    }

    #[test]
    fn the_rules_read_the_edges_as_the_steps_did() {
        let edges = [
            "1e--5",
            "2^--3",
            "2^---3",
            "1e+5",
            "1e5x",
            "1x10-3",
            "1\u{d7}10\u{2212}3",
            "1x10^+2",
            "1,234 567",
            "1 234,567",
            "1 234 567",
            "423 000,5",
            "1 234,",
            "12,34,567,890",
            "1,00,00",
            "1.234.567,89",
            "1.234,5,6",
            "1,5.2",
            "1.23,4",
            ".5",
            ".",
            "0,05",
            "1\u{a0}234\u{a0}567",
            "1\u{202f}234,567",
            "12 345",
            "1234 567",
            "1,2345",
        ];
        for s in edges {
            let rules = numeral(s).ok().map(|(r, n)| (r, reading(n)));
            let steps = numeral_plain(s).map(|(r, n)| (r, reading(n)));
            assert_eq!(rules, steps, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_rules_read_as_the_steps_did(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "1", "12", "123", "1234", "0", "45", "678", "9", ",", ".", " ", "\u{a0}",
                "\u{202f}", "e", "E", "^", "x10^", "\u{d7}10^", "\u{d7}10", "x10", "-", "+",
                "\u{2212}", "a", "%",
            ]), 0..9),
        ) {
            let s = pieces.concat();
            let rules = numeral(&s).ok().map(|(r, n)| (r, reading(n)));
            let steps = numeral_plain(&s).map(|(r, n)| (r, reading(n)));
            proptest::prop_assert_eq!(rules, steps);
        }
    }

    fn v(s: &str) -> (f64, &str) {
        let (rest, n) = numeral(s).unwrap();
        (n.value, rest)
    }

    #[test]
    fn table() {
        let cases: &[(&str, f64, &str)] = &[
            ("2,104 civilians", 2104.0, " civilians"),
            ("1.5 million", 1.5, " million"),
            ("2 104 people", 2104.0, " people"),
            ("40\u{202f}000", 40000.0, ""),
            ("1,234,567.", 1_234_567.0, "."),
            ("423 0000", 423.0, " 0000"),
            (".08", 0.08, ""),
            ("4.800", 4.8, ""),
            ("192.", 192.0, "."),
            ("1, 234", 1.0, ", 234"),
            // a decimal comma: one or two digits, and no list after
            ("12,34", 12.34, ""),
            ("1,5 million", 1.5, " million"),
            ("7,00.", 7.0, "."),
            ("2.345,67 and", 2345.67, " and"),
            ("0,5%", 0.5, "%"),
            ("1,2,3", 1.0, ",2,3"),
            ("1,23.4", 1.0, ",23.4"),
            ("1.11,11", 1.11, ",11"),
            // Indian grouping: lakh and crore
            ("12,34,567.89 rupees", 1_234_567.89, " rupees"),
            ("1,00,000", 100_000.0, ""),
            ("2,50,00,000 people", 25_000_000.0, " people"),
            ("12,34,56", 12.0, ",34,56"),
            ("123,45,678", 123.0, ",45,678"),
            ("1e10", 1e10, ""),
            ("1.3x10^6", 1.3e6, ""),
            ("4.8×10−12 joules", 4.8e-12, " joules"),
            ("7.1x10-3", 7.1e-3, ""),
            ("2.2×10^−5", 2.2e-5, ""),
            ("2.5^-1", 0.4, ""),
            ("2022", 2022.0, ""),
        ];
        for (input, value, rest) in cases {
            let (got, r) = v(input);
            assert!(
                (got - value).abs() < 1e-9 * value.abs().max(1.0),
                "{input}: {got}"
            );
            assert_eq!(r, *rest, "{input}");
        }
    }

    #[test]
    fn values_are_those_of_float_parsing() {
        // exact division where the digits fit, string parsing beyond
        let cases = [
            ("0", ""),
            ("", "08"),
            ("52", "3"),
            ("9007199254740991", ""),
            ("9007199254740993", ""),
            ("123,456,789,012", "345"),
            ("1", "0000000000000000000001"),
            ("1", "00000000000000000000001"),
            ("98765432109876543210", "5"),
            ("0", "1"),
            ("3", "14159265358979"),
        ];
        for (int, frac) in cases {
            let digits: String = int.chars().filter(char::is_ascii_digit).collect();
            let want: f64 = format!("{}.{frac}0", if digits.is_empty() { "0" } else { &digits })
                .parse()
                .unwrap();
            assert_eq!(
                value_of(int, frac).to_bits(),
                want.to_bits(),
                "{int}.{frac}"
            );
        }
    }

    #[test]
    fn writing_is_recorded() {
        let (_, n) = numeral("52.3").unwrap();
        assert_eq!(n.decimals, 1);
        assert!((n.precision() - 0.1).abs() < 1e-12);
        let (_, n) = numeral("2,104").unwrap();
        assert!(n.grouped && !n.is_plain_integer());
        let (_, n) = numeral("2022").unwrap();
        assert!(n.is_plain_integer());
        assert_eq!(n.int_digits, 4);
    }

    #[test]
    fn rejects_what_is_not_a_numeral() {
        assert!(numeral("abc").is_err());
        assert!(numeral(".").is_err());
        assert!(numeral(&"9".repeat(400)).is_err());
    }
}
