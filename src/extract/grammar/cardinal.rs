//! Cardinal numbers in words, digits, or both, with fractions.
//!
//! ```text
//! cardinal  = "a" "pair" | [ "a" | "an" ] head { sep term } [ point ] [ "and" fraction ]
//! head      = numeral [ suffix ] | word
//! term      = word | numeral          (* after "hundred" or a scale word *)
//! word      = unit | teen | tens | "hundred" | scale | "dozen" | "dozens"   (* "nil" is a unit *)
//! sep       = SPACE+ | SPACE* "-" SPACE* | SPACE+ "and" SPACE+
//! point     = "point" unit { unit | teen | tens }
//! fraction  = ( "a" | "an" | cardinal ) denominator [ "of" ] [ "a" ] [ scale ]
//! suffix    = see [`super::scale`]
//! ```
//!
//! Values accumulate the usual way: units, teens and tens add; `hundred`
//! multiplies the group; a scale word closes the group into the total. A
//! token that cannot follow the previous one ends the number where the last
//! complete value ended, so `3 hundred and 2 hundred` is two numbers.
//!
//! The parser calls itself for the fraction after `and` (`one and a half`)
//! and for the divisor of a ratio (`three out of four`), at most
//! [`MAX_DEPTH`] deep: `1 and 1 and 1 and ...` once recursed per `and`
//! until the stack overflowed, and each of its numbers walked the rest of
//! the chain again.

use super::lexicon::{NumberWord, WordEnds, denominator_lower, number_word_lower, ordinal_value};
use super::numeral::{Numeral, numeral};
use super::{Rule, alpha_word_ci, is_space, miss, scale};

/// A parsed cardinal number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cardinal {
    pub value: f64,
    /// Smallest step the writing expresses (`2.1 million` → 100,000).
    pub precision: f64,
    /// Any part was written in words.
    pub spelled: bool,
    /// The number is (or ends in) a fraction such as `two-thirds`.
    pub fraction: bool,
    /// A fraction took part, even if a scale then made a whole number of it
    /// (`half a million`).
    pub has_fraction: bool,
    /// A scale word or suffix was applied (`million`, `bn`, `k`).
    pub scaled: bool,
    /// The scale a fraction was multiplied by (`half a million` → 10⁶), else 1.
    pub fraction_scale: f64,
    /// How many number words or numerals it spans.
    pub terms: u16,
    /// The numeral, when the number is digits only.
    pub numeral: Option<Numeral>,
    /// The number is the single word `one` (or `a`), which is usually a
    /// determiner rather than a figure.
    pub lone_one: bool,
}

impl Cardinal {
    /// A whole number that one word stands for (`a pair`, the `a` of `a
    /// dollar`).
    pub fn word(value: f64) -> Cardinal {
        Cardinal {
            value,
            precision: 1.0,
            spelled: true,
            fraction: false,
            has_fraction: false,
            scaled: false,
            fraction_scale: 1.0,
            terms: 1,
            numeral: None,
            lone_one: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num(Numeral),
    /// `3/4`, `¾`: a fraction written with digits or a fraction sign.
    Frac(f64),
    W(NumberWord),
    /// `millions`, `thousands`: a scale in the plural, exact after a count.
    Plural(NumberWord),
    Dozens,
    Denom(f64, bool),
    A,
    And,
    Point,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Digits,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
}

/// Skip a separator between number words; `None` if there is none.
fn sep(i: &str) -> Option<&str> {
    // the common cases first, by bytes: no separator before an ASCII
    // character other than a space, a tab or a hyphen; one space before one
    let b = i.as_bytes();
    let plain = |c: &u8| c.is_ascii() && !matches!(c, b' ' | b'\t' | b'-');
    match b {
        [c, ..] if plain(c) => return None,
        [b' ', c, ..] if plain(c) => return Some(&i[1..]),
        _ => {}
    }
    let t = i.trim_start_matches(is_space);
    let spaced = t.len() < i.len();
    if let Some(r) = t.strip_prefix('-') {
        return Some(r.trim_start_matches(is_space));
    }
    spaced.then_some(t)
}

/// Read one token at `i` (no leading separator).
/// The value of a fraction sign such as `¾`.
pub fn vulgar(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '⅒' => 0.1,
        _ => return None,
    })
}

/// `3/4`: a proper fraction with a small denominator (never `9/11`, never a date).
fn digit_fraction(i: &str) -> Option<(&str, f64)> {
    let n = i.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return None;
    }
    let r = i[n..].strip_prefix('/')?;
    let d = r.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 3 || r[d..].starts_with(['/', '-']) || !super::boundary_after(&r[d..]) {
        return None;
    }
    let (num, den): (f64, f64) = (i[..n].parse().ok()?, r[..d].parse().ok()?);
    let proper = num < den && den <= 100.0 && num > 0.0;
    (proper && &i[..n + 1 + d] != "9/11").then(|| (&r[d..], num / den))
}

fn token(i: &str) -> Option<(&str, Tok)> {
    token_with(i, true)
}

/// [`token`]; without `sieve`, every word is read and looked up (as
/// before [`may_be_word_token`], which tests hold the sieve to).
#[inline]
fn token_with(i: &str, sieve: bool) -> Option<(&str, Tok)> {
    crate::work::step(1);
    if let Some(c) = i.chars().next().filter(|c| !c.is_ascii()) {
        return vulgar(c).map(|v| (&i[c.len_utf8()..], Tok::Frac(v)));
    }
    if i.starts_with(|c: char| c.is_ascii_digit())
        || (i.starts_with('.') && i[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        if let Some((r, v)) = digit_fraction(i) {
            return Some((r, Tok::Frac(v)));
        }
        let (r, n) = numeral(i).ok()?;
        return Some((r, Tok::Num(n)));
    }
    // the word after most numbers is none a number is read on with
    // ("35 people"): turned away before it is copied and looked up
    let n = super::alpha_run(i.as_bytes());
    if sieve && n > 0 && !may_be_word_token(&i.as_bytes()[..n]) {
        return None;
    }
    word_token(i)
}

super::lexicon::word_match! {
    /// The words [`token`] reads besides number words and denominators.
    fn other_word -> Tok;
    const OTHER_WORDS;
    {
        "a" | "an" => Tok::A,
        "and" => Tok::And,
        "point" => Tok::Point,
        "dozens" | "dzs" | "dozs" => Tok::Dozens,
        "dz" | "doz" => Tok::W(NumberWord::Dozen),
        "hundreds" => Tok::Plural(NumberWord::Hundred),
        "thousands" => Tok::Plural(NumberWord::Scale(1e3)),
        "millions" => Tok::Plural(NumberWord::Scale(1e6)),
        "billions" => Tok::Plural(NumberWord::Scale(1e9)),
        "trillions" => Tok::Plural(NumberWord::Scale(1e12)),
    }
}

/// Whether the word `w` (ASCII letters) may be a token: one that fails is
/// none ([`word_token`] of it is `None`). One load from a table built with
/// the program turns most words away.
#[inline]
fn may_be_word_token(w: &[u8]) -> bool {
    static ENDS: WordEnds = WordEnds::EMPTY
        .with_lists(super::lexicon::NUMBER_AND_ORDINAL_WORDS, true)
        .with_lists(&[OTHER_WORDS], false);
    ENDS.may_hold(w)
}

/// [`token`] of a word.
fn word_token(i: &str) -> Option<(&str, Tok)> {
    let (r, l) = alpha_word_ci(i)?;
    if let Some(t) = other_word(&l) {
        return Some((r, t));
    }
    if let Some(nw) = number_word_lower(&l) {
        // a tens word hyphenated to an ordinal is one denominator: "twenty-first"
        if let NumberWord::Tens(t) = nw {
            if let Some((r3, l2)) = r.strip_prefix('-').and_then(alpha_word_ci) {
                let (stem, plural) = match l2.strip_suffix('s') {
                    Some(s) => (s, true),
                    None => (l2.as_str(), false),
                };
                if let Some(o) = ordinal_value(stem.as_bytes()).filter(|&o| o < 10.0) {
                    return Some((r3, Tok::Denom(f64::from(t) + o, plural)));
                }
            }
        }
        return Some((r, Tok::W(nw)));
    }
    let (d, plural) = denominator_lower(&l)?;
    Some((r, Tok::Denom(d, plural)))
}

struct Acc {
    total: f64,
    current: f64,
    small: f64,
    last: Last,
    last_scale: f64,
    hundred_in_group: bool,
    precision: f64,
    spelled: bool,
    scaled: bool,
    terms: u16,
    numeral: Option<Numeral>,
    lone_one: bool,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            total: 0.0,
            current: 0.0,
            small: 0.0,
            last: Last::Start,
            last_scale: f64::INFINITY,
            hundred_in_group: false,
            precision: 1.0,
            spelled: false,
            scaled: false,
            terms: 0,
            numeral: None,
            lone_one: false,
        }
    }

    fn value(&self) -> f64 {
        self.total + self.current
    }

    fn out(&self, fraction: bool) -> Cardinal {
        Cardinal {
            value: self.value(),
            precision: self.precision,
            spelled: self.spelled,
            fraction,
            has_fraction: fraction,
            scaled: self.scaled,
            fraction_scale: 1.0,
            terms: self.terms,
            numeral: if self.terms == 1 { self.numeral } else { None },
            lone_one: self.lone_one && self.terms == 1,
        }
    }

    /// Apply a number word; false when it cannot follow what came before.
    fn push(&mut self, w: NumberWord, after_and: bool) -> bool {
        use Last::{Digits, Hundred, Scale, Start, Teen, Tens, Unit};
        match w {
            NumberWord::Unit(u) => {
                let ok = match self.last {
                    Start => true,
                    Tens => !after_and,
                    Hundred | Scale => u != 0 || !after_and,
                    _ => false,
                };
                if !ok || (after_and && u == 0) {
                    return false;
                }
                self.current += f64::from(u);
                self.small += f64::from(u);
                self.last = Unit;
                self.precision = 1.0;
            }
            NumberWord::Teen(t) | NumberWord::Tens(t) => {
                if !matches!(self.last, Start | Hundred | Scale) {
                    return false;
                }
                self.current += f64::from(t);
                self.small += f64::from(t);
                self.last = if matches!(w, NumberWord::Teen(_)) {
                    Teen
                } else {
                    Tens
                };
                self.precision = 1.0;
            }
            NumberWord::Hundred => {
                if self.hundred_in_group
                    || after_and
                    || !matches!(self.last, Start | Unit | Teen | Tens | Digits)
                    || (self.last == Digits && self.current >= 1000.0)
                {
                    return false;
                }
                let (base, step) = match self.last {
                    Start => (1.0, 100.0),
                    Digits => (self.current, self.precision * 100.0),
                    _ => (self.current, 100.0),
                };
                self.current = base * 100.0;
                self.small = 0.0;
                self.hundred_in_group = true;
                self.last = Hundred;
                self.precision = step;
            }
            NumberWord::Scale(s) => {
                if after_and {
                    return false;
                }
                match self.last {
                    // "three lakh crore", "hundred thousand million"
                    Scale if self.current == 0.0 && s > self.last_scale => {
                        self.total *= s;
                        self.precision *= s;
                    }
                    Start | Scale => return false,
                    _ if s >= self.last_scale => return false,
                    _ => {
                        let step = if self.last == Digits {
                            self.precision
                        } else {
                            1.0
                        };
                        self.total += self.current * s;
                        self.current = 0.0;
                        self.small = 0.0;
                        self.precision = step * s;
                    }
                }
                self.last_scale = s;
                self.hundred_in_group = false;
                self.scaled = true;
                self.last = Scale;
            }
            NumberWord::Dozen => {
                if !matches!(self.last, Start | Unit | Teen | Tens | Digits) {
                    return false;
                }
                let n = if self.last == Start {
                    1.0
                } else {
                    self.small.max(1.0)
                };
                self.current = self.current - self.small + n * 12.0;
                self.small = 0.0;
                self.last = Scale;
                self.last_scale = 12.0;
            }
        }
        self.spelled = true;
        self.terms += 1;
        true
    }
}

/// Parse decimals spelled after "point": `zero three`, `seventy-one`, `eleven`.
fn point_digits(mut i: &str) -> Option<(&str, String)> {
    let mut out = String::new();
    // a tens word waits for a unit to fill its second digit
    let mut pending_tens = false;
    while let Some((r, Tok::W(w))) = sep(i).and_then(token) {
        match w {
            NumberWord::Unit(u) => {
                out.push(char::from(b'0' + u));
                pending_tens = false;
            }
            NumberWord::Teen(t) | NumberWord::Tens(t) if !pending_tens => {
                if t >= 20 {
                    out.push(char::from(b'0' + t / 10));
                    pending_tens = true;
                } else {
                    out.push_str(&t.to_string());
                }
            }
            _ => break,
        }
        i = r;
    }
    if pending_tens {
        out.push('0');
    }
    (!out.is_empty()).then_some((i, out))
}

/// How deep [`cardinal`] calls itself. A number needs one level for a
/// fraction after `and` or a ratio, and no written number two: beyond this,
/// what follows `and` is not read as a fraction of the number before, and
/// `over`/`in`/`out of` do not divide.
const MAX_DEPTH: u8 = 2;

/// Parse a cardinal number at `i`.
pub fn cardinal(i: &str) -> Rule<'_, Cardinal> {
    cardinal_at(i, 0)
}

/// [`cardinal`], called `depth` deep inside another.
// reason: the loop over the terms of a number still holds their order and the state between them; its terms are functions (issue 22, part 6: to be split further)
#[allow(clippy::too_many_lines)]
fn cardinal_at(i: &str, depth: u8) -> Rule<'_, Cardinal> {
    let mut acc = Acc::new();
    let mut rest = i;
    let mut leading_a = false;
    let mut first = true;
    // the first token is read once: it is asked for "a", for "half" and
    // then taken by the loop
    let head = token(i);
    // "a dozen", "a hundred", "a third", "half a million"
    if let Some((r, Tok::A)) = head {
        if let (_, Some(done)) = article(r)? {
            return Ok(done);
        }
        leading_a = true;
        // "a" stands for one: "a thousand", "a hundred thousand"
        acc.current = 1.0;
        acc.small = 1.0;
        acc.last = Last::Unit;
        rest = r;
        first = false;
    }
    if let (false, Some((r, Tok::Denom(d, false)))) = (leading_a, head) {
        if let Some(done) = part_of_scale(r, d) {
            return Ok(done);
        }
    }
    let mut head = if leading_a { None } else { head };
    let mut committed: Option<(&str, Cardinal)> = None;
    let mut before_and: Option<(&str, Cardinal)> = None;
    let mut after_and = false;
    let mut since_and = u8::MAX;
    loop {
        let next = if let Some(t) = head.take() {
            Some(t)
        } else if first || after_and {
            token(rest)
        } else {
            sep(rest).and_then(token)
        };
        let Some((r, tok)) = next else { break };
        match tok {
            Tok::Num(n) => match digits_term(&mut acc, n, r, first) {
                Flow::Next(r) => rest = r,
                Flow::Close(r) => {
                    committed = Some((r, acc.out(false)));
                    break;
                }
                Flow::Stop => break,
            },
            Tok::W(w) => {
                if !acc.push(w, after_and) {
                    // "four twenty thirds": the denominator starts here
                    if let Some(f) = compound_fraction(i) {
                        return Ok(f);
                    }
                    // "3 hundred and 2 hundred": the "and" joined two numbers
                    if after_and || since_and == 1 {
                        if let Some(b) = before_and {
                            committed = Some(b);
                        }
                    }
                    break;
                }
                if acc.terms == 1 && w == NumberWord::Unit(1) {
                    acc.lone_one = true;
                }
                rest = r;
            }
            Tok::Frac(v) => match with_fraction(&acc, v, first) {
                Some(c) => return Ok((r, c)),
                None => break,
            },
            Tok::Plural(w) if acc.last != Last::Start && !after_and => {
                // "three billions", "two hundred dozens" — exact after a count
                if !acc.push(w, false) {
                    break;
                }
                rest = r;
            }
            Tok::Dozens if acc.last != Last::Start || after_and => {
                if !dozens(&mut acc, after_and) {
                    break;
                }
                rest = r;
            }
            Tok::Denom(d, plural) if acc.last != Last::Start => match over(i, &acc, r, d, plural) {
                Some(done) => return Ok(done),
                None => break,
            },
            Tok::And => {
                let Some(s) = sep(r) else { break };
                if acc.last == Last::Start {
                    break;
                }
                // "and a half", "and three quarters", "and a half million"
                if let Some(done) = and_fraction(i, &acc, s, depth) {
                    return Ok(done);
                }
                // "hundred and six"
                before_and = Some((rest, acc.out(false)));
                after_and = true;
                since_and = 0;
                rest = s;
                first = false;
                continue;
            }
            Tok::Point if acc.spelled && acc.last != Last::Scale => {
                let Some((r2, digits)) = point_digits(r) else {
                    break;
                };
                committed = Some(point(&mut acc, r2, &digits));
                break;
            }
            _ => break,
        }
        after_and = false;
        since_and = since_and.saturating_add(1);
        first = false;
        committed = Some((rest, acc.out(false)));
    }
    let Some((rest, mut c)) = committed else {
        return miss();
    };
    if let Some(ratio) = ratio(rest, &c, depth) {
        return Ok(ratio);
    }
    if leading_a {
        c.lone_one = false;
        if !c.scaled && !matches!(c.value, 100.0 | 12.0) {
            return miss();
        }
    }
    Ok((rest, c))
}

/// What the loop of [`cardinal_at`] does after a term.
enum Flow<'a> {
    /// The number goes on after the term, at this rest.
    Next(&'a str),
    /// The term closes the number, which ends at this rest.
    Close(&'a str),
    /// The term is no part of the number: it ends before it.
    Stop,
}

/// `"a" ( "pair" | denominator | hundred | scale | dozen )`: what the
/// article `a` makes of the number that follows it (`r` is after the
/// article). The number itself when the article closes it (`a pair`, `a
/// third`), `None` when it goes on with the article as one (`a
/// thousand`), and a failure when no number follows.
fn article(r: &str) -> Rule<'_, Option<(&str, Cardinal)>> {
    let Some(s) = sep(r) else {
        return miss();
    };
    // "a pair": two, exactly
    if let Some((r2, _)) = alpha_word_ci(s).filter(|(_, w)| *w == "pair") {
        return Ok((r, Some((r2, Cardinal::word(2.0)))));
    }
    match token(s) {
        Some((_, Tok::W(NumberWord::Hundred | NumberWord::Scale(_) | NumberWord::Dozen))) => {
            Ok((r, None))
        }
        Some((r2, Tok::Denom(d, false))) => Ok((r, Some(of_scale(r2, unit_fraction(d))))),
        _ => miss(),
    }
}

/// `half a million`, `half a dozen`, `quarter million`: a fraction of a
/// scale, read whole (`r` is after the fraction word).
fn part_of_scale(r: &str, d: f64) -> Option<(&str, Cardinal)> {
    let scale_follows = || {
        sep(r).and_then(token).is_some_and(|(_, t)| {
            matches!(t, Tok::A | Tok::W(NumberWord::Scale(_) | NumberWord::Dozen))
        })
    };
    (d == 2.0 || d == 4.0 && scale_follows()).then(|| of_scale(r, unit_fraction(d)))
}

/// `head = numeral [ suffix ]` (`first`), or a numeral as a `term` after
/// `hundred` or a scale word (`4 thousand 3 hundred and 21`).
fn digits_term<'a>(acc: &mut Acc, n: Numeral, r: &'a str, first: bool) -> Flow<'a> {
    if first {
        acc.current = n.value;
        acc.small = n.value;
        acc.precision = n.precision();
        acc.numeral = Some(n);
        acc.last = Last::Digits;
        acc.terms = 1;
        // suffix scales: 3k, $1.2bn, £30m
        let Ok((r2, s)) = scale::suffix(r) else {
            return Flow::Next(r);
        };
        acc.total = acc.current * s;
        acc.current = 0.0;
        acc.small = 0.0;
        acc.precision *= s;
        acc.scaled = true;
        acc.last = Last::Scale;
        acc.last_scale = s;
        acc.numeral = None;
        return Flow::Close(r2);
    }
    // digits after "hundred"/"thousand": "4 thousand 3 hundred and 21"
    let ceiling = if acc.last == Last::Hundred {
        100.0
    } else {
        acc.last_scale
    };
    // "3.1 million 12-packs": a number glued to a word by a hyphen, or
    // after a decimal one, starts a figure of its own
    let compound = r
        .strip_prefix('-')
        .is_some_and(|x| x.starts_with(|c: char| c.is_ascii_alphabetic()));
    let fits = matches!(acc.last, Last::Hundred | Last::Scale)
        && n.decimals == 0
        && n.value > 0.0
        && !n.grouped
        && n.value < ceiling
        && !compound
        && acc.numeral.is_none_or(|first| first.decimals == 0);
    if !fits {
        return Flow::Stop;
    }
    acc.current += n.value;
    acc.small += n.value;
    acc.last = Last::Digits;
    acc.terms += 1;
    Flow::Next(r)
}

/// A denominator after the number so far (`two thirds`, `one quarter`):
/// the fraction it closes, or `None` when it is no part of the number.
fn over<'a>(
    i: &'a str,
    acc: &Acc,
    r: &'a str,
    d: f64,
    plural: bool,
) -> Option<(&'a str, Cardinal)> {
    // "one hundred forty sevenths": part of the number before may belong
    // to the denominator
    if let Some(f) = compound_fraction(i) {
        return Some(f);
    }
    // "two thirds", "one hundred thirty-two fifths", "one quarter"
    let one = acc.value() == 1.0;
    if plural == one || d < 3.0 && plural {
        return None;
    }
    let mut c = acc.out(true);
    c.value = acc.value() / d;
    c.precision = 1.0 / d;
    c.terms += 1;
    c.lone_one = false;
    c.numeral = None;
    Some(of_scale(r, c))
}

/// `"and" fraction` (`and a half`, `and three quarters`, `and a half
/// million`) after the number so far; `s` is after the `and`.
fn and_fraction<'a>(i: &'a str, acc: &Acc, s: &'a str, depth: u8) -> Option<(&'a str, Cardinal)> {
    if depth >= MAX_DEPTH {
        return None;
    }
    let (r2, f) = cardinal_at(s, depth + 1).ok()?;
    if !(f.has_fraction && f.value > 0.0) {
        return None;
    }
    // "one hundred and forty sevenths" is 140/7
    if let Some(f) = compound_fraction(i) {
        return Some(f);
    }
    let add = if f.scaled && acc.last != Last::Scale {
        // "five and a half million": the scale takes the whole
        acc.value() * (f.fraction_scale - 1.0) + f.value
    } else if f.scaled {
        f.value
    } else if acc.last == Last::Scale {
        f.value * acc.last_scale
    } else {
        f.value
    };
    let mut c = acc.out(true);
    c.value += add;
    c.precision = c.precision.min(add.abs().max(f64::MIN_POSITIVE));
    c.terms += f.terms + 1;
    c.lone_one = false;
    c.numeral = None;
    c.fraction = false;
    // "five and a half million"
    Some(trailing_scale(r2, c, acc.last != Last::Scale && !f.scaled))
}

/// `point`: the decimals spelled after `point` added to the number so far,
/// and a scale after them (`two point two million`).
fn point<'a>(acc: &mut Acc, r: &'a str, digits: &str) -> (&'a str, Cardinal) {
    let frac: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
    acc.current += frac;
    acc.precision = 10f64.powi(-(digits.len() as i32));
    trailing_scale(r, acc.out(false), true)
}

/// `3/4`, `¾`, `2 1/4`, `2½`: a fraction written with digits or a sign,
/// alone (`first`) or after a whole number in digits.
fn with_fraction(acc: &Acc, v: f64, first: bool) -> Option<Cardinal> {
    if !(first || acc.last == Last::Digits && acc.numeral.is_some_and(|n| n.decimals == 0)) {
        return None;
    }
    let mut c = acc.out(true);
    c.value = if first { v } else { acc.value() + v };
    c.precision = 0.01;
    c.terms += 1;
    c.lone_one = false;
    c.numeral = None;
    Some(c)
}

/// `dozens` after the number so far (`two hundred dozens`); false when
/// it is no part of it.
fn dozens(acc: &mut Acc, after_and: bool) -> bool {
    // "18,000 and dozens more": after "and", dozens are a vague figure
    // of their own, never a multiplier
    if after_and {
        return false;
    }
    if acc.last != Last::Hundred {
        return acc.push(NumberWord::Dozen, after_and);
    }
    acc.current *= 12.0;
    acc.small = 0.0;
    acc.last = Last::Scale;
    acc.last_scale = 12.0;
    acc.terms += 1;
    true
}

/// A word of a spelled fraction: a number word, `and`, or the closing
/// ordinal (as the number word it counts on from, and whether plural).
#[derive(Clone, Copy)]
enum Part {
    /// `hyphened`: joined to the word before by a hyphen (`thirty-two`).
    W {
        w: NumberWord,
        hyphened: bool,
    },
    And,
    Ordinal {
        w: NumberWord,
        plural: bool,
        hyphened: bool,
    },
}

/// The number word an ordinal counts as in a compound (`fifth` → five,
/// `hundredth` → hundred).
fn ordinal_word(v: f64) -> NumberWord {
    match v {
        v if v < 10.0 => NumberWord::Unit(v as u8),
        v if v < 20.0 => NumberWord::Teen(v as u8),
        v if v < 100.0 => NumberWord::Tens(v as u8),
        100.0 => NumberWord::Hundred,
        v => NumberWord::Scale(v),
    }
}

/// An ordinal word closing a spelled fraction: `fifths`, `firsts`. Not
/// `second(s)`, which after a number is a unit of time.
fn closing_ordinal(i: &str) -> Option<(&str, f64, bool)> {
    let (r, l) = alpha_word_ci(i)?;
    let (stem, plural) = match l.strip_suffix('s') {
        Some(s) => (s, true),
        None => (l.as_str(), false),
    };
    if stem == "second" || stem == "quarter" {
        return None;
    }
    Some((r, ordinal_value(stem.as_bytes())?, plural))
}

/// Push `parts` into a fresh accumulator; its value if every word fits.
fn value_of(parts: &[Part]) -> Option<f64> {
    let mut acc = Acc::new();
    let mut after_and = false;
    for p in parts {
        match *p {
            Part::And => {
                if after_and || acc.last == Last::Start {
                    return None;
                }
                after_and = true;
                continue;
            }
            Part::W { w, .. } | Part::Ordinal { w, .. } => {
                if !acc.push(w, after_and) {
                    return None;
                }
            }
        }
        after_and = false;
    }
    (!after_and && acc.last != Last::Start).then(|| acc.value())
}

/// A fraction whose denominator is a compound ordinal, read as
/// Recognizers-Text reads it: `four twenty thirds` (4/23), `one one hundred
/// sixth` (1/106), `one hundred forty sevenths` (100/47), and with `and`
/// binding the numerator, `one hundred and forty sevenths` (140/7).
///
/// ```text
/// fraction    = numerator denominator
/// numerator   = cardinal in words
/// denominator = [ cardinal in words ] ordinal    (* the longest that leaves a numerator *)
/// ```
///
/// [`cardinal`] asks for it only where its own reading meets a
/// denominator, a fraction after `and`, or a word that cannot follow the
/// number so far: plain numbers never pay for it.
///
/// The numerator is one exactly when the ordinal is singular. Fractions
/// whose denominator is one word (`two thirds`, `seven million and two
/// fifths`) are left to [`cardinal`]'s own reading, which also takes `of a
/// million` after them, unless what follows an `and` makes no proper
/// fraction with it.
fn compound_fraction(i: &str) -> Option<(&str, Cardinal)> {
    const MAX: usize = 12;
    if !i.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // the words, up to and including the closing ordinal
    let mut parts = [Part::And; MAX];
    let mut n = 0;
    let mut at = i;
    let rest = loop {
        if n + 2 > MAX {
            return None;
        }
        let s = if n == 0 { at } else { sep(at)? };
        let hyphened = n > 0 && at.trim_start_matches(is_space).starts_with('-');
        if n > 0 {
            if let Some((r, d, plural)) = closing_ordinal(s) {
                parts[n] = Part::Ordinal {
                    w: ordinal_word(d),
                    plural,
                    hyphened,
                };
                n += 1;
                break r;
            }
        }
        let (r, tok) = token(s)?;
        match tok {
            Tok::W(w) if w != NumberWord::Dozen => parts[n] = Part::W { w, hyphened },
            Tok::And if n > 0 => parts[n] = Part::And,
            // "twenty-fifths": the tens and the ordinal as two words
            Tok::Denom(d, plural) if n > 0 && d > 20.0 && d < 100.0 => {
                let tens = (d as u8) / 10 * 10;
                parts[n] = Part::W {
                    w: NumberWord::Tens(tens),
                    hyphened,
                };
                parts[n + 1] = Part::Ordinal {
                    w: ordinal_word(d - f64::from(tens)),
                    plural,
                    hyphened: true,
                };
                n += 2;
                break r;
            }
            _ => return None,
        }
        at = r;
        n += 1;
    };
    let parts = &parts[..n];
    let Some(Part::Ordinal { plural, .. }) = parts.last().copied() else {
        return None;
    };
    for k in 1..n {
        let (num, den) = parts.split_at(k);
        let starts_ok = match den[0] {
            Part::W { w, hyphened } => {
                !hyphened
                    && matches!(
                        w,
                        NumberWord::Unit(_) | NumberWord::Teen(_) | NumberWord::Tens(_)
                    )
            }
            Part::Ordinal { hyphened, .. } => !hyphened,
            Part::And => false,
        };
        if !starts_ok {
            continue;
        }
        let Some(a) = value_of(num) else { continue };
        let Some(d) = value_of(den) else { continue };
        if (a == 1.0) == plural || d < 3.0 || a <= 0.0 {
            continue;
        }
        if den.len() == 1 {
            // "one hundred and forty sevenths" is 140/7, as forty sevenths
            // make no proper fraction; "seven million and two fifths" and
            // "three hundred and twelve hundredths" add a proper fraction,
            // which [`cardinal`] reads
            let after_and = num.iter().rposition(|p| matches!(p, Part::And));
            let improper = after_and
                .and_then(|at| value_of(&num[at + 1..]))
                .is_some_and(|v| v >= d);
            if !improper {
                return None;
            }
        }
        let c = Cardinal {
            value: a / d,
            precision: 1.0 / d,
            spelled: true,
            fraction: true,
            has_fraction: true,
            scaled: false,
            fraction_scale: 1.0,
            terms: n as u16,
            numeral: None,
            lone_one: false,
        };
        return Some(of_scale(rest, c));
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    OutOf,
    In,
    Over,
}

/// `three out of four`, `one in five`, `two over seven.`: a share or a
/// quotient written as a ratio. `depth` is that of the number before.
fn ratio<'a>(rest: &'a str, c: &Cardinal, depth: u8) -> Option<(&'a str, Cardinal)> {
    if c.fraction || c.value.fract() != 0.0 || c.value <= 0.0 || depth >= MAX_DEPTH {
        return None;
    }
    let (after, link) = if let Some(r) = rest.strip_prefix(" out of ") {
        (r, Link::OutOf)
    } else if let Some(r) = rest.strip_prefix(" in ") {
        (r, Link::In)
    } else if let Some(r) = rest.strip_prefix(" over ") {
        (r, Link::Over)
    } else {
        return None;
    };
    if link == Link::In && c.value != 1.0 {
        return None;
    }
    let (r, d) = cardinal_at(after, depth + 1).ok()?;
    let plain_year = |c: &Cardinal| {
        c.numeral
            .is_some_and(|n| n.int_digits == 4 && n.is_plain_integer())
    };
    let bad = match link {
        Link::OutOf => d.value < c.value,
        Link::In => d.value > 1000.0,
        // "two over seven." ends its clause; "2,000 over 3 years", "5% in
        // 2021 over 2020" do not divide
        Link::Over => {
            let tail = r.trim_start_matches(is_space);
            !(tail.is_empty() || tail.starts_with(['.', ',', ';', ':', '?', '!', ')']))
        }
    };
    if bad || d.fraction || d.value < 2.0 || plain_year(&d) {
        return None;
    }
    let mut out = *c;
    out.value = c.value / d.value;
    out.precision = 1.0 / d.value;
    out.fraction = true;
    out.has_fraction = true;
    out.lone_one = false;
    out.numeral = None;
    out.terms += d.terms;
    Some((r, out))
}

/// `a third`, `half`: one over `d`.
fn unit_fraction(d: f64) -> Cardinal {
    Cardinal {
        value: 1.0 / d,
        precision: 1.0 / d,
        spelled: true,
        fraction: true,
        has_fraction: true,
        scaled: false,
        fraction_scale: 1.0,
        terms: 1,
        numeral: None,
        lone_one: false,
    }
}

/// After a fraction: "of a million", "a million", "million", "dozen".
fn of_scale(r: &str, c: Cardinal) -> (&str, Cardinal) {
    let mut at = r;
    let mut saw_of = false;
    if let Some(s) = sep(at) {
        if let Some((r2, w)) = alpha_word_ci(s) {
            if w == "of" {
                at = r2;
                saw_of = true;
            }
        }
    }
    if let Some(s) = sep(at) {
        let s = match token(s) {
            Some((r2, Tok::A)) => sep(r2).unwrap_or(s),
            _ if saw_of => return (r, c),
            _ => s,
        };
        if let Some((r2, Tok::W(NumberWord::Scale(sc)))) = token(s) {
            let mut c2 = c;
            c2.value *= sc;
            c2.precision *= sc;
            c2.scaled = true;
            c2.fraction = false;
            c2.fraction_scale = sc;
            c2.terms += 1;
            return (r2, c2);
        }
        if let Some((r2, Tok::W(NumberWord::Dozen))) = token(s) {
            let mut c2 = c;
            c2.value *= 12.0;
            c2.fraction = false;
            c2.terms += 1;
            return (r2, c2);
        }
    }
    (r, c)
}

/// After "five and a half": an optional scale word multiplies the whole.
fn trailing_scale(r: &str, c: Cardinal, allowed: bool) -> (&str, Cardinal) {
    if allowed {
        if let Some(s) = sep(r) {
            if let Some((r2, Tok::W(NumberWord::Scale(sc)))) = token(s) {
                let mut c2 = c;
                c2.value *= sc;
                c2.precision *= sc;
                c2.scaled = true;
                c2.fraction = false;
                return (r2, c2);
            }
        }
    }
    (r, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The sieve of words turns away no word a token is read from:
        /// every word reads as it reads when each is looked up.
        #[test]
        fn tokens_read_as_without_the_sieve(i in super::super::words_in_any_case(&[
            super::super::lexicon::NUMBER_WORDS,
            super::super::lexicon::ORDINALS,
            OTHER_WORDS,
            &["half", "halves", "twenty-first", "people", "per"],
        ])) {
            proptest::prop_assert_eq!(token_with(&i, true), token_with(&i, false), "{:?}", i);
            let spaced = format!(" {i}");
            proptest::prop_assert_eq!(
                sep(&spaced).and_then(token),
                sep(&spaced).and_then(|s| token_with(s, false))
            );
        }
    }

    /// Every word the rules know, in three cases, with an `s` and a
    /// hyphened ordinal after it, reads as without the sieve.
    #[test]
    fn every_known_word_reads_as_without_the_sieve() {
        let lists = [
            super::super::lexicon::NUMBER_WORDS,
            super::super::lexicon::ORDINALS,
            OTHER_WORDS,
            &["half", "halves"],
        ];
        for w in lists.concat() {
            for w in [w.to_string(), w.to_ascii_uppercase(), {
                let mut c = w.to_string();
                c[..1].make_ascii_uppercase();
                c
            }] {
                for tail in ["", "s", "-first", "-thirds", " ", "1", "$"] {
                    let i = format!("{w}{tail}");
                    assert_eq!(token_with(&i, true), token_with(&i, false), "{i:?}");
                }
            }
        }
    }

    fn v(s: &str) -> (f64, usize) {
        let (rest, c) = cardinal(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (c.value, s.len() - rest.len())
    }

    #[test]
    fn table() {
        let cases: &[(&str, f64, usize)] = &[
            ("fifty", 50.0, 5),
            ("twenty-three people", 23.0, 12),
            ("one hundred and twelve", 112.0, 22),
            ("two thousand one hundred and four", 2104.0, 33),
            ("a dozen eggs", 12.0, 7),
            ("three dozens", 36.0, 12),
            ("half a million", 500_000.0, 14),
            ("two-thirds of", 2.0 / 3.0, 10),
            ("a tenth", 0.1, 7),
            ("1.5 million", 1_500_000.0, 11),
            ("3k", 3000.0, 2),
            ("1.2bn", 1.2e9, 5),
            ("twenty one hundred and eleven", 2111.0, 29),
            ("eleven hundred twenty one", 1121.0, 25),
            ("one and a half", 1.5, 14),
            ("five and a half million", 5_500_000.0, 23),
            ("two hundred point zero three", 200.03, 28),
            ("4 thousand 3 hundred and 21 is", 4321.0, 27),
            ("3 hundred and 2 hundred", 300.0, 9),
            ("fifty - two", 52.0, 11),
            ("a hundred", 100.0, 9),
            ("three quarters", 0.75, 14),
            ("one million two thousand", 1_002_000.0, 24),
            ("two million three", 2_000_003.0, 17),
            ("a twenty-first", 1.0 / 21.0, 14),
            (".08", 0.08, 3),
            ("two hundred point seventy-one", 200.71, 29),
            ("one hundred and three quarters", 100.75, 30),
            ("twenty and three fifths", 20.6, 23),
            ("five billion and three quarters", 5.75e9, 31),
            ("one billion and a half million", 1.0005e9, 30),
            ("a thousand pandas", 1000.0, 10),
            ("3/4 of", 0.75, 3),
            ("2 1/4", 2.25, 5),
            ("¾", 0.75, 2),
            ("one in five adults", 0.2, 11),
            ("three out of four voters", 0.75, 17),
            ("three billions", 3e9, 14),
            ("two hundred dozens", 2400.0, 18),
            ("two point two million", 2.2e6, 21),
            ("a pair of", 2.0, 6),
            ("nil", 0.0, 3),
            // compound ordinals close a fraction; the longest denominator wins
            ("four twenty thirds", 4.0 / 23.0, 18),
            ("thirty forty-sixths", 30.0 / 46.0, 19),
            ("one one hundred sixth", 1.0 / 106.0, 21),
            ("one hundred forty sevenths", 100.0 / 47.0, 26),
            ("one hundred and forty sevenths", 140.0 / 7.0, 30),
            ("two hundred one thousand ninths", 200.0 / 1009.0, 31),
            ("seven million and two fifths", 7.4e6, 28),
            ("three hundred and twelve hundredths", 300.12, 35),
            // an ordinal that cannot close a fraction stays an ordinal
            ("one hundred fourth birthday", 100.0, 11),
            ("two twenty seconds", 2.0, 3),
            // "over" divides only at the end of a clause
            ("two over seven.", 2.0 / 7.0, 14),
            ("3000 over 4", 750.0, 11),
            ("2,000 over 3 years", 2000.0, 5),
            ("5 in 2021 over 2020.", 5.0, 1),
        ];
        for (input, value, len) in cases {
            let (got, l) = v(input);
            assert!(
                (got - value).abs() < 1e-6 * value.abs().max(1.0),
                "{input}: got {got}"
            );
            assert_eq!(l, *len, "{input}: span");
        }
    }

    #[test]
    fn precision_follows_the_writing() {
        let (_, c) = cardinal("2.1 million").unwrap();
        assert!((c.precision - 100_000.0).abs() < 1e-6);
        let (_, c) = cardinal("two thousand one hundred and four").unwrap();
        assert_eq!(c.precision, 1.0);
    }

    /// Issue 16: chains of `and` and of ratios are read without recursing
    /// once per link, in a thread with a small stack.
    #[test]
    fn long_chains_neither_overflow_nor_recurse() {
        let chains = [
            "1 and ".repeat(10_000),
            "one hundred and ".repeat(10_000),
            "one and ".repeat(10_000),
            "1 in ".repeat(10_000),
            "3 over ".repeat(10_000),
            "two out of ".repeat(10_000),
        ];
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                for chain in &chains {
                    let (rest, _) = cardinal(chain).unwrap();
                    assert!(rest.len() > chain.len() - 40, "{}", &chain[..20]);
                }
            })
            .unwrap()
            .join()
            .unwrap();
        // what a number needs stays: a fraction after "and", a ratio
        assert_eq!(v("one hundred and one and a half"), (101.5, 30));
        assert_eq!(v("1 and 1 and a half").0, 2.5);
    }

    #[test]
    fn non_numbers_fail() {
        for s in ["and", "a", "a man", "point", "the"] {
            assert!(cardinal(s).is_err(), "{s}");
        }
        let (_, c) = cardinal("one").unwrap();
        assert!(c.lone_one);
    }
}
