//! The single pass over a text that finds every figure.
//!
//! Candidate positions are found cheaply, byte by byte: digits, currency
//! signs, and the start of a word from [`lexicon::is_trigger`]. Only there is
//! the nom grammar run. What stands *before* a figure (qualifiers, `between`,
//! name introducers) is looked up backwards from the candidate, so common
//! words never start a parse.
//!
//! The result is a list of [`Mention`]s: every figure the grammar knows,
//! including years, ordinals and lone `one`s. Deciding which mentions are
//! claims is the frame's job ([`super::frame`]).

use super::grammar::{
    self, alpha_run, boundary_after, boundary_before, cardinal, date, duration, guard, lexicon,
    money, percent, qualifier, range, vague, words_before,
};
use super::quantity::{Change, DEFAULT_APPROX, Interval, Qualifier, Quantity, Unit, interval_for};
use jiff::civil::Date;
use std::ops::Range;

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The whole figure, qualifier words included (`at least 2,000`).
    pub span: Range<usize>,
    /// The number as written, without qualifier words (`$2,000`).
    pub value_span: Range<usize>,
    /// The digits or number words alone, without currency or unit (`2,000`).
    pub number_span: Range<usize>,
    /// The value as the text states it, before a qualifier widens it:
    /// `about $14 million` states 14,000,000 (a range states both ends).
    pub stated: (f64, f64),
    pub quantity: Quantity,
    /// A fraction word (`two-thirds`, `half`) read as a share in percent.
    pub share: bool,
    /// The figure is the single word `one`/`a`, usually a determiner.
    pub lone_one: bool,
    /// The figure is written in words (`fifty`), not digits.
    pub spelled: bool,
}

/// Every figure in `text`, in order. `published` resolves weekdays and
/// dates without a year.
pub fn mentions(text: &str, published: Option<Date>) -> Vec<Mention> {
    scan(text, published, true)
}

/// [`mentions`]; without `sieve`, every byte goes the slow way (the scan
/// as it was before [`Sieve`], which tests hold the fast path to).
fn scan(text: &str, published: Option<Date>, sieve: bool) -> Vec<Mention> {
    let bytes = text.as_bytes();
    // room for a figure in every 128 bytes, up front: real news has about
    // six in a kilobyte (most stories fewer than eight), so most stories
    // never grow the vector, and a short text (a sentence, usually without
    // a figure) allocates nothing
    let mut out = Vec::with_capacity(text.len() / 128);
    let mut slashed = guard::Slashed::default();
    let mut fast = sieve.then(Sieve::new);
    let mut i = 0;
    while i < bytes.len() {
        // the words and bytes that cannot start a figure, skipped 64 bytes
        // at a time; what is left is decided below, byte by byte
        if let Some(f) = fast.as_mut() {
            i = f.next(bytes, i);
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if !MAY_START[usize::from(b)] {
            // white space, punctuation, a letter of another script (its
            // continuation bytes are skipped the same way)
            i += 1;
            continue;
        }
        let candidate = if b.is_ascii_alphabetic() {
            let n = alpha_run(&bytes[i..]);
            let word_start = i;
            // the cheap tests first: most words are neither
            let wanted = lexicon::is_trigger(&bytes[i..i + n])
                || (may_be_prefix(bytes, i, n) && money::prefix(&text[i..]).is_some());
            if !wanted || !boundary_before(text, i) {
                i += n;
                continue;
            }
            Some(word_start)
        } else if b.is_ascii_digit() {
            if boundary_before(text, i) || text[..i].ends_with('$') {
                Some(i)
            } else {
                i += bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                continue;
            }
        } else if b == b'$' || b == 0xC2 || b == 0xE2 {
            let vulgar = text[i..]
                .chars()
                .next()
                .and_then(cardinal::vulgar)
                .is_some();
            // "nzd$15": a dollar sign glued to a country prefix starts a figure too
            let glued_dollar = b == b'$' && text[..i].ends_with(|c: char| c.is_ascii_alphabetic());
            ((vulgar || money::prefix(&text[i..]).is_some())
                && (boundary_before(text, i) || glued_dollar))
                .then_some(i)
        } else if (b == b'.' || b == b'-' || b == b'+')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '<' | '>' | '=' | '~'))
        {
            Some(i)
        } else {
            None
        };
        if let Some(at) = candidate {
            if !bytes[at].is_ascii_alphabetic() {
                if let Some(end) = data_run(bytes, at) {
                    i = end;
                    continue;
                }
            }
            let floor = out.last().map_or(0, |m: &Mention| m.span.end);
            // "items 12,14,17": inside a list of numbers, the next comma
            // ends the number rather than starting decimals
            let listed = at >= 2 && bytes[at - 1] == b',' && bytes[at - 2].is_ascii_digit();
            let upto = if listed {
                at + memchr::memchr(b',', &bytes[at..]).unwrap_or(bytes.len() - at)
            } else {
                text.len()
            };
            match figure(&text[..upto], at, published, floor, &mut slashed) {
                Step::Found(m) => {
                    i = m.span.end.max(i + 1);
                    // a figure beyond the range of a double (`1e308
                    // billion`) is no figure: its bounds would read as
                    // unbounded ends
                    if in_range(&m) {
                        out.push(m);
                    }
                    continue;
                }
                Step::Skip(end) => {
                    i = end.max(i + 1);
                    continue;
                }
                Step::Labels(range) => {
                    i = range.end.max(i + 1);
                    // a code is short: a run of digits and dashes longer
                    // than any phone number is skipped whole, so hostile
                    // input cannot make millions of labels
                    if range.len() <= MAX_CODE {
                        labels(text, range, &mut out);
                    }
                    continue;
                }
                Step::None => {}
            }
        }
        i += utf8_len(b);
    }
    join_bounds(text, &mut out);
    from_to(text, &mut out);
    restated_changes(text, &mut out);
    out
}

/// Whether the word of `n` letters at `at` may be a currency before a
/// number (`RM 42`, `US$ 3.14`, `Rs. 20`): a code of at most four letters
/// or a name that starts with an r (`ringgit 17`), before a digit or a
/// dollar sign, that [`money::may_be_prefix_word`] does not turn away. A
/// test that [`money::prefix`] passes whenever it finds a currency, so
/// that most words are turned away before it is asked.
#[inline]
fn may_be_prefix(bytes: &[u8], at: usize, n: usize) -> bool {
    if n > 4 && !matches!(bytes[at], b'r' | b'R') {
        return false;
    }
    let after = &bytes[at + n..];
    let number_next = after
        .first()
        .is_some_and(|b| b.is_ascii_digit() || *b == b'$')
        || (after.len() > 1
            && matches!(after[0], b' ' | b'.')
            && (after[1].is_ascii_digit() || after[1] == b'$' || after[1] == b' '));
    number_next && money::may_be_prefix_word(&bytes[at..at + n])
}

/// The scan's fast path: where [`mentions`] must look next. The bytes that
/// cannot start a figure, and the words that cannot ([`lexicon::is_trigger`]
/// and [`may_be_prefix`] turn them away), are skipped with bit masks of 64
/// bytes, and the masks are kept while the scan stays in their block. The
/// last block of a text is padded with spaces.
/// Exactly what the scan itself skips is skipped, one step of it at a time:
/// a byte that is no letter and no [`MAY_START`] byte; a run of letters
/// that is no word the scan would try (one that goes on from a letter
/// before it is never at a word boundary); a `.`, `-` or `+` that no digit
/// follows; a no-break space; a character of general punctuation (U+2000
/// to U+203F: dashes, quotation marks), which is neither a currency sign
/// nor a fraction. Everything else is left to the scan.
///
/// Most words are followed by a space (or another byte up to 0x20) and a
/// letter, which no currency before a number is: such a word needs only
/// the trigger test, and a word of one or two letters (no trigger has
/// fewer than three) none, so the masks drop it before any test of its
/// own.
struct Sieve {
    /// Where the block of the masks starts.
    base: usize,
    /// The bytes of the block, then spaces past the end of the text, then
    /// sixteen more: the words of the block are read from here in loads of
    /// eight bytes, with no test of the text's length.
    block: [u8; 80],
    /// Bit k: byte `base + k` is an ASCII letter.
    letters: u64,
    /// Bit k: byte `base + k` is a letter after a byte that is none (but
    /// not a word of one or two letters followed by a quiet byte), or a
    /// byte that is no letter, no space and no control character, which
    /// [`skipped_mark`] decides.
    starts: u64,
    /// Bit k: byte `base + k` is a space or a control character and a
    /// letter follows it: no currency ends before it.
    quiet: u64,
    /// Whether the masks hold a block.
    loaded: bool,
}

impl Sieve {
    fn new() -> Sieve {
        Sieve {
            base: 0,
            block: [b' '; 80],
            letters: 0,
            starts: 0,
            quiet: 0,
            loaded: false,
        }
    }

    /// The first byte at or after `i` that the scan must decide, or the
    /// end of `bytes`.
    fn next(&mut self, bytes: &[u8], mut i: usize) -> usize {
        'blocks: loop {
            if !self.loaded || i < self.base || i >= self.base + 64 {
                if i >= bytes.len() {
                    return bytes.len();
                }
                self.load(bytes, i);
            }
            let (base, letters) = (self.base, self.letters);
            let mut m = self.starts & (!0u64 << (i - base));
            while m != 0 {
                let k = m.trailing_zeros() as usize;
                let p = base + k;
                m &= m - 1;
                if letters >> k & 1 == 0 {
                    if !skipped_mark(bytes, p) {
                        return p;
                    }
                    continue;
                }
                // a word: its letters in the block
                let n = (!(letters >> k)).trailing_zeros() as usize;
                let end = k + n;
                if end >= 63 {
                    // to the block's last two bytes or beyond: a block from
                    // the word on holds it and what follows it
                    if k > 0 {
                        i = p;
                        self.loaded = false;
                        continue 'blocks;
                    }
                    match word_across(bytes, p) {
                        Some(next) => {
                            i = next;
                            continue 'blocks;
                        }
                        None => return p,
                    }
                }
                // the cheap tests first: after most words come a space and
                // a letter, which no currency is, and most words are no
                // trigger
                let quiet = self.quiet >> end & 1 == 1;
                if (!quiet && may_be_prefix(bytes, p, n)) || self.trigger(k, n) {
                    return p;
                }
            }
            i = base + 64;
        }
    }

    /// [`lexicon::is_trigger`] of the word of `n` letters at `k` in the
    /// block (`k` below 62).
    #[inline]
    fn trigger(&self, k: usize, n: usize) -> bool {
        let word = |k: usize| u64::from_le_bytes(self.block[k..k + 8].try_into().unwrap_or([0; 8]));
        lexicon::is_trigger_loaded(word(k & 63), n, || word((k & 63) + 8))
    }

    /// The masks of the 64 bytes at `at`, or of the bytes left and spaces.
    fn load(&mut self, bytes: &[u8], at: usize) {
        match bytes.get(at..at + 64) {
            Some(b) => self.block[..64].copy_from_slice(b),
            None => {
                let rest = &bytes[at..];
                self.block[..rest.len()].copy_from_slice(rest);
                self.block[rest.len()..64].fill(b' ');
            }
        }
        let (letters, spaces) = block_classes(&self.block[..64]);
        let letter_before = at > 0 && bytes[at - 1].is_ascii_alphabetic();
        let words = letters & !((letters << 1) | u64::from(letter_before));
        // a quiet byte after a word of one letter or of two (the shifts
        // bring in no bit past the block: a word near its end stays)
        let quiet = spaces & (letters >> 1);
        let short = words
            & ((!(letters >> 1) & (quiet >> 1))
                | ((letters >> 1) & !(letters >> 2) & (quiet >> 2)));
        self.base = at;
        self.letters = letters;
        self.quiet = quiet;
        self.starts = (words & !short) | !(letters | spaces);
        self.loaded = true;
    }
}

/// The classes of 64 bytes, one bit a byte (bit k: byte k): the ASCII
/// letters, and the spaces and control characters (0x20 and below).
/// Sixteen bytes at a time in a vector of `wide` (SSE2 on x86-64, NEON on
/// AArch64, plain code elsewhere): two compares and two masks of its
/// sign bits, about a tenth of the instructions of eight-byte words.
#[inline]
fn block_classes(block: &[u8]) -> (u64, u64) {
    use wide::i8x16;
    let (mut letters, mut spaces) = (0u64, 0u64);
    for (c, chunk) in block.chunks_exact(16).enumerate() {
        let bytes: [u8; 16] = chunk.try_into().unwrap_or([0; 16]);
        let x = i8x16::new(bytes.map(|b| b as i8));
        // folded to lower case and moved so that `a` to `z` are the 26
        // least values of a signed byte (no other byte is: one of 0x80 and
        // above folds to 0xA0 and above, which moves to -65 and above)
        let l = ((x | i8x16::splat(0x20)) + i8x16::splat(0x1f)).simd_lt(i8x16::splat(i8::MIN + 26));
        // the sign flipped, 0x00 to 0x20 are the 33 least values
        let s = (x ^ i8x16::splat(i8::MIN)).simd_lt(i8x16::splat(i8::MIN + 0x21));
        letters |= u64::from(l.to_bitmask() as u16) << (16 * c);
        spaces |= u64::from(s.to_bitmask() as u16) << (16 * c);
    }
    (letters, spaces)
}

/// The word at `at` that goes on to the end of the sieve's block or
/// beyond: where the scan goes on after it when it cannot start a figure
/// (`None` when it may: the scan decides).
#[inline(never)]
fn word_across(bytes: &[u8], at: usize) -> Option<usize> {
    let n = alpha_run(&bytes[at..]);
    let word = &bytes[at..at + n];
    (!lexicon::is_trigger(word) && !may_be_prefix(bytes, at, n)).then_some(at + n)
}

/// Whether the scan skips the byte at `at`, one that is no ASCII letter,
/// without trying a figure there: one that is no [`MAY_START`] byte, a
/// `.`, `-` or `+` that no digit follows, a no-break space (U+00A0) and
/// general punctuation (U+2000 to U+203F).
#[inline]
fn skipped_mark(bytes: &[u8], at: usize) -> bool {
    let next = bytes.get(at + 1).copied();
    match bytes[at] {
        b'0'..=b'9' | b'$' => false,
        b'.' | b'-' | b'+' => !next.is_some_and(|b| b.is_ascii_digit()),
        0xC2 => next == Some(0xA0),
        0xE2 => next == Some(0x80),
        // `%`, `&`, `'`, `(`, `)`, `*`, `,`, `/`, the other marks, other
        // lead bytes and the bytes that follow a lead byte
        _ => true,
    }
}

/// `gained 85 cents, or 1.1%`: a figure restated in another unit after
/// `, or` is the same change.
fn restated_changes(text: &str, out: &mut [Mention]) {
    for k in 1..out.len() {
        let before = out[k - 1].quantity.change;
        if !matches!(before, Change::Up | Change::Down)
            || out[k].quantity.change != Change::Level
            || !super::grammar::change::can_change(out[k].quantity.unit)
        {
            continue;
        }
        let between = text
            .get(out[k - 1].span.end..out[k].span.start)
            .unwrap_or("?");
        // the word of the first unit may stand before: "320 points, or 0.9%"
        let head = between.strip_suffix(", or ").map(str::trim);
        if head.is_some_and(|h| h.is_empty() || matches!(h, "points" | "point" | "pts")) {
            out[k].quantity.change = before;
        }
    }
}

/// Both ends of a change: `from $61,200 to $58,900` (two figures the
/// range did not join: a fall, or a verb before `from`), and `to 40, up
/// from 35`. Each of the two figures carries the pair.
fn from_to(text: &str, out: &mut [Mention]) {
    for k in 1..out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        if a.quantity.unit != b.quantity.unit
            || !super::grammar::change::can_change(a.quantity.unit)
        {
            continue;
        }
        let between = text.get(a.span.end..b.span.start).unwrap_or("?").trim();
        // the cheap test first: the words between are few
        if between.len() > ", down from".len() {
            continue;
        }
        let before_a = || words_before(text, a.span.start).next();
        let from_then_to = between.eq_ignore_ascii_case("to")
            && before_a().is_some_and(|(_, w)| w.eq_ignore_ascii_case("from"));
        let then_from = [", up from", ", down from", "up from", "down from"]
            .iter()
            .any(|w| between.eq_ignore_ascii_case(w));
        // "dropped to 59% from 67%"
        let to_then_from = between.eq_ignore_ascii_case("from")
            && before_a().is_some_and(|(_, w)| w.eq_ignore_ascii_case("to"));
        let (from, to) = if from_then_to {
            (a.stated.0, b.stated.0)
        } else if then_from || to_then_from {
            (b.stated.0, a.stated.0)
        } else {
            continue;
        };
        let pair = Change::FromTo { from, to };
        out[k - 1].quantity.change = pair;
        out[k].quantity.change = pair;
    }
}

/// Whether a figure's numbers are finite: the value stated and both ends
/// of its interval (`None` is an unbounded end, stated so). Not the upper
/// value stated or the precision: `millions` states [2·10⁶, ∞) and has no
/// precision.
fn in_range(m: &Mention) -> bool {
    let q = &m.quantity;
    [m.stated.0, q.interval.low]
        .into_iter()
        .chain(q.interval.high)
        .all(f64::is_finite)
}

/// The longest phone number, address or name whose numbers are labels.
const MAX_CODE: usize = 40;

/// The most numbers that a run of digits and the marks between numbers
/// (`1, 2, 3`, `12/35/53`, `4 5 6`, `1.2.3`) may hold and still be read as
/// prose. A longer run is a table or a dump of data: it is skipped whole,
/// so that hostile input (a 100 MB line of `1,`) cannot make millions of
/// figures.
const MAX_LIST: usize = 64;

/// Where the run of numbers at `at` ends, if it holds more than
/// [`MAX_LIST`] numbers within its first 4 KB.
fn data_run(bytes: &[u8], at: usize) -> Option<usize> {
    let joins = |b: u8| {
        matches!(
            b,
            b',' | b'.' | b'/' | b'-' | b'+' | b' ' | b'\t' | b':' | b';'
        )
    };
    let mut numbers = 0;
    let mut k = at;
    while k < bytes.len() {
        let b = bytes[k];
        if b.is_ascii_digit() {
            if k == at || !bytes[k - 1].is_ascii_digit() {
                numbers += 1;
            }
        } else if !joins(b) {
            break;
        }
        k += 1;
        // short of a list by 4 KB: a few long numbers, to be read
        if numbers <= MAX_LIST && k - at >= 4096 {
            break;
        }
    }
    crate::work::step(k - at);
    (numbers > MAX_LIST).then_some(k)
}

/// Each run of digits in `text[range]` as a [`Unit::Label`] mention.
fn labels(text: &str, range: Range<usize>, out: &mut Vec<Mention>) {
    let b = text.as_bytes();
    let mut i = range.start;
    while i < range.end {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let n = b[i..range.end]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let span = i..i + n;
        let v: f64 = text[i..i + n].parse().unwrap_or(0.0);
        out.push(Mention {
            span: span.clone(),
            value_span: span.clone(),
            number_span: span,
            stated: (v, v),
            quantity: Quantity::new(Qualifier::Exact, Unit::Label, v, v, 1.0),
            share: false,
            lone_one: false,
            spelled: false,
        });
        i += n;
    }
}

/// A unit named without a number: `the dollar fell`, `a tiny percent`,
/// `the % change`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitWord {
    pub span: Range<usize>,
    /// [`Unit::Percent`] or [`Unit::Money`].
    pub unit: Unit,
}

/// The percent and currency words of `text` that stand outside every figure
/// of `found` (the [`mentions`] of the same text): a currency or share the
/// text speaks of without stating one. Words that are mostly something else
/// without a number (`won`, `pound`) are not units here.
pub fn unit_words(text: &str, found: &[Mention]) -> Vec<UnitWord> {
    let b = text.as_bytes();
    // the figures are in order and do not overlap: one pass over both
    let mut next = 0;
    let mut in_figure = |i: usize| {
        while found.get(next).is_some_and(|m| m.span.end <= i) {
            next += 1;
        }
        found.get(next).is_some_and(|m| m.span.start <= i)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && !in_figure(i) {
            out.push(UnitWord {
                span: i..i + 1,
                unit: Unit::Percent,
            });
        }
        if !b[i].is_ascii_alphabetic() {
            i += utf8_len(b[i]);
            continue;
        }
        let n = alpha_run(&b[i..]);
        let end = i + n;
        if boundary_before(text, i) && boundary_after(&text[end..]) && !in_figure(i) {
            let w = &text[i..end];
            if let Ok(e) = percent::word(&text[i..]).map(|(r, ())| text.len() - r.len()) {
                out.push(UnitWord {
                    span: i..e,
                    unit: Unit::Percent,
                });
                i = e;
                continue;
            }
            if let Some(code) = money::named_alone(w) {
                out.push(UnitWord {
                    span: i..end,
                    unit: Unit::Money(code),
                });
            }
        }
        i = end;
    }
    out
}

/// The bytes a figure or a word can start at: ASCII letters and digits,
/// `$`, the lead bytes of `£ ¥ ½` (0xC2) and `€ ₹ ⅓ −` (0xE2), and the
/// `.`, `-`, `+` before a digit.
static MAY_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'$' | 0xC2 | 0xE2 | b'.' | b'-' | b'+');
        b += 1;
    }
    t
};

fn utf8_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

enum Step {
    Found(Mention),
    /// Not a figure, and nothing inside it is either (a time of day).
    Skip(usize),
    /// Numbers that name rather than count (a phone number, `F-35`): each
    /// run of digits in the range is a [`Unit::Label`].
    Labels(Range<usize>),
    None,
}

/// A figure's parts before qualifiers and ranges are resolved.
#[derive(Debug, Clone)]
struct Amount {
    value: f64,
    precision: f64,
    unit: Option<Unit>,
    scale: Option<f64>,
    fraction: bool,
    spelled: bool,
    lone_one: bool,
    plain_integer: Option<u32>,
    number: Range<usize>,
    end: usize,
}

/// `[currency] cardinal [unit]` at byte `at`.
fn amount(text: &str, at: usize) -> Option<Amount> {
    let (s, unit, negative) = amount_prefix(&text[at..]);
    let number_start = text.len() - s.len();
    let (rest, c) = match cardinal::cardinal(s) {
        Ok(x) => x,
        // "a dollar a day": the article is one of the currency
        Err(_) => article_as_one(s)?,
    };
    let rest = restated(rest, &c);
    let mut a = Amount {
        value: c.value,
        precision: c.precision,
        unit,
        scale: c.scaled.then_some(c.precision),
        fraction: c.fraction,
        spelled: c.spelled,
        lone_one: c.lone_one,
        plain_integer: c
            .numeral
            .filter(|n| n.is_plain_integer() && !c.scaled)
            .map(|n| n.int_digits),
        number: number_start..text.len() - rest.len(),
        end: 0,
    };
    let rest = scale_suffix(text, at, rest, &c, &mut a);
    let rest = if a.unit.is_none() {
        unit_suffix(rest, &c, &mut a)
    } else {
        rest
    };
    let rest = minor_units(text, at, rest, &mut a);
    if negative {
        a.value = -a.value;
    }
    a.end = text.len() - rest.len();
    Some(a)
}

/// What stands before the number: a currency (`$`, `US$`, `Rs.`), a sign,
/// or the word `minus`. The rest, the currency, and whether the amount is
/// negative.
fn amount_prefix(s: &str) -> (&str, Option<Unit>, bool) {
    // most amounts start with a digit, which starts no currency, sign or
    // word (what `money::prefix` reads first is a letter, a dot or a sign)
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return (s, None, false);
    }
    if let Some((r, code)) = money::prefix(s) {
        (r, Some(Unit::Money(code)), false)
    } else if let Some(r) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        (r, None, true)
    } else if let Some(r) = s.strip_prefix('+') {
        (r, None, false)
    } else if !s.starts_with(['m', 'M', 'n', 'N']) {
        // the first letter first: most amounts start with a digit
        (s, None, false)
    } else {
        match grammar::alpha_word_ci(s) {
            // "minus 40", "minus-40 degrees"
            Some((r, w)) if w == "minus" || w == "negative" => {
                let r = r
                    .strip_prefix('-')
                    .unwrap_or(r)
                    .trim_start_matches(grammar::is_space);
                (r, None, true)
            }
            _ => (s, None, false),
        }
    }
}

/// "sixty (60) days", "60 (sixty)": restated at once in brackets, in the
/// other writing, the figure is one. The rest after the brackets, or
/// `rest` unchanged.
fn restated<'a>(rest: &'a str, c: &cardinal::Cardinal) -> &'a str {
    let inner = rest
        .strip_prefix(" (")
        .and_then(|x| cardinal::cardinal(x).ok());
    match inner {
        Some((r, inner)) if inner.value == c.value && inner.spelled != c.spelled && !c.fraction => {
            r.strip_prefix(')').unwrap_or(rest)
        }
        _ => rest,
    }
}

/// A scale letter after the digits that the cardinal left: `£30m` (a
/// lower-case m is a million only with money), `40m of its phones`,
/// `2.5m barrels` (British copy's millions).
fn scale_suffix<'a>(
    text: &str,
    at: usize,
    rest: &'a str,
    c: &cardinal::Cardinal,
    a: &mut Amount,
) -> &'a str {
    let scaled = if a.unit.is_some() && c.numeral.is_some() {
        grammar::scale::suffix_money(rest).ok()
    } else if a.unit.is_none() && c.numeral.is_some() && !c.scaled && rest.starts_with('m') {
        let before = grammar::words_before(text, at).next().map(|(_, w)| w);
        grammar::scale::million_m(rest, before)
    } else {
        None
    };
    let Some((r, sc)) = scaled else {
        return rest;
    };
    a.value *= sc;
    a.precision *= sc;
    a.scale = Some(sc);
    r
}

/// The unit after an amount without a currency before it: percent, a
/// currency, degrees, pence, a duration, an ordinal suffix, the `s` of a
/// decade.
fn unit_suffix<'a>(rest: &'a str, c: &cardinal::Cardinal, a: &mut Amount) -> &'a str {
    // the word after read once: most amounts are followed by a space and
    // a word that is no unit (`35 people`), which every rule below turns
    // away
    if !unit_word_read(rest) {
        return rest;
    }
    unit_suffix_read(rest, c, a)
}

/// Whether a rule of [`unit_suffix`] may read anything in `rest`: not
/// where a space and a word follow that starts no percent word (a `p`),
/// no cent or Egyptian pound (`c`, `l`), and that neither
/// [`money::may_be_currency_after`] nor [`duration::may_be_unit`] passes
/// (degrees, pence, an ordinal and a decade are glued to the number).
#[inline]
fn unit_word_read(rest: &str) -> bool {
    match rest.as_bytes() {
        [b' ', word @ ..] if word.first().is_some_and(u8::is_ascii_alphabetic) => {
            matches!(word[0], b'p' | b'P' | b'c' | b'l' | b'L')
                || money::may_be_currency_after(&word[..alpha_run(word)])
                || duration::may_be_unit(&rest[1..])
        }
        _ => true,
    }
}

/// [`unit_suffix`] without the look at the word after.
fn unit_suffix_read<'a>(rest: &'a str, c: &cardinal::Cardinal, a: &mut Amount) -> &'a str {
    if let Ok((r, u)) = percent::suffix(rest) {
        a.unit = Some(u);
        return r;
    }
    if let Some((r, code, mult)) = money::suffix(rest) {
        a.unit = Some(Unit::Money(code));
        a.value *= mult;
        a.precision *= mult;
        // "75 USD million"
        let Some((r2, sc)) = money::trailing_scale(r) else {
            return r;
        };
        a.value *= sc;
        a.precision *= sc;
        a.scale = Some(sc);
        return r2;
    }
    if let Some(r) = degrees(rest) {
        // "40.3C", "-5°C", "98.6°F"
        a.unit = Some(Unit::Measure("degree"));
        return r;
    }
    if let Some(r) = pence(rest, a.value).filter(|_| a.scale.is_none()) {
        // "212p": a share price in pence
        a.unit = Some(Unit::Money("GBP"));
        a.value /= 100.0;
        a.precision /= 100.0;
        return r;
    }
    if let Some((r, u)) = duration::suffix(rest) {
        a.unit = Some(u);
        return r;
    }
    if let Some(r) = c.numeral.and_then(|_| ordinal_suffix(rest, a.value)) {
        a.unit = Some(Unit::Ordinal);
        return r;
    }
    // the 1990s
    if let Some(r) = rest.strip_prefix('s').or_else(|| rest.strip_prefix("'s")) {
        if c.numeral
            .is_some_and(|n| n.is_plain_integer() && n.int_digits == 4)
            && boundary_after(r)
        {
            a.unit = Some(Unit::Year);
            return r;
        }
    }
    rest
}

/// "3 dollars 50 cents", "thirteen dollars and forty-five cents", "$20
/// and 43c": the minor units after an amount of money.
fn minor_units<'a>(text: &str, at: usize, rest: &'a str, a: &mut Amount) -> &'a str {
    let Some(Unit::Money(code)) = a.unit else {
        return rest;
    };
    // "between 10 dollars and 20": the end of a range, not cents
    let ranged = grammar::words_before(text, at)
        .take(2)
        .any(|(_, w)| w.eq_ignore_ascii_case("between"));
    let whole = a.value.fract() == 0.0 && !ranged;
    let Some((r, minor)) = money::minor_units(rest, code, whole) else {
        return rest;
    };
    a.value += minor;
    a.precision = a.precision.min(0.01);
    r
}

/// Whether the figure at `start..end` is the magnitude of a quake: after
/// `magnitude` or before the quake itself.
fn magnitude(text: &str, start: usize, end: usize) -> bool {
    // the cheap test first: a word of a quake starts with one of these
    let two = text
        .as_bytes()
        .get(end + 1..end + 3)
        .map(|t| [t[0].to_ascii_lowercase(), t[1].to_ascii_lowercase()]);
    let quake_next = matches!(
        two,
        Some([b'q', b'u'] | [b'e' | b'm', b'a'] | [b't', b'e' | b'r'] | [b'a', b'f'])
    );
    let head = text[..start].trim_end_matches([' ', '-']);
    if !quake_next && !head.ends_with(['e', 'E']) {
        return false;
    }
    let named = head.len() >= 9
        && head.is_char_boundary(head.len() - 9)
        && head[head.len() - 9..].eq_ignore_ascii_case("magnitude");
    let quake = text[end..]
        .strip_prefix([' ', '-'])
        .and_then(grammar::alpha_word_ci)
        .is_some_and(|(_, w)| {
            matches!(
                w.as_str(),
                "quake" | "earthquake" | "temblor" | "tremor" | "aftershock" | "magnitude"
            )
        });
    named || quake
}

/// `40.3C`, `-5°C`, `98.6 °F`: degrees of temperature.
fn degrees(rest: &str) -> Option<&str> {
    let r = rest.trim_start_matches(grammar::is_space);
    let (r, sign) = match r.strip_prefix('\u{b0}') {
        Some(x) => (x, true),
        None if r.len() == rest.len() => (r, false),
        None => return None,
    };
    let after = r.strip_prefix(['C', 'F']).filter(|x| boundary_after(x));
    match (after, sign) {
        (Some(x), _) => Some(x),
        (None, true) => Some(r),
        (None, false) => None,
    }
}

/// `212p`: pence glued to the amount. Not the lines of a video picture
/// (`1080p`, `720p`).
fn pence(rest: &str, value: f64) -> Option<&str> {
    let r = rest.strip_prefix('p')?;
    let video = [
        240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0,
    ];
    (boundary_after(r) && !r.starts_with(".m") && !video.contains(&value)).then_some(r)
}

/// `a dollar`, `an euro`: the article as the number one, before the
/// currency word that [`money::one_unit`] accepts.
fn article_as_one(s: &str) -> Option<(&str, cardinal::Cardinal)> {
    // the first letter first, nothing lower-cased
    if !s.starts_with(['a', 'A']) {
        return None;
    }
    let (r, w) = grammar::alpha_word_ci(s)?;
    if !matches!(w.as_str(), "a" | "an") || !money::one_unit(r) {
        return None;
    }
    Some((r, cardinal::Cardinal::word(1.0)))
}

fn ordinal_suffix(i: &str, v: f64) -> Option<&str> {
    // the first letter first: most numbers are followed by none of a suffix
    if !i.starts_with(['s', 'n', 'r', 't', 'S', 'N', 'R', 'T']) {
        return None;
    }
    let last = (v as u64) % 100;
    let want = match (last % 10, last / 10) {
        (_, 1) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    // `21st` or `21ST`, not `21sT`
    let r = i.get(..2).filter(|w| {
        *w == want
            || w.bytes()
                .zip(want.bytes())
                .all(|(a, b)| a == b.to_ascii_uppercase())
    })?;
    let r = &i[r.len()..];
    boundary_after(r).then_some(r)
}

fn date_mention(at: usize, end: usize, d: date::DateRef, published: Option<Date>) -> Step {
    let Some((first, last, inferred)) = date::resolve(d, published) else {
        return Step::Skip(end);
    };
    let days = date::epoch_days;
    let mut q = Quantity::new(
        Qualifier::Exact,
        Unit::Date,
        days(first).into(),
        days(last).into(),
        1.0,
    );
    if first != last {
        q.qualifier = Qualifier::Range;
    }
    q.date = Some(first);
    q.year_inferred = inferred;
    // "on Tuesday", "last Tuesday": the qualifier-free span is the date itself
    let stated = (q.interval.low, q.interval.high.unwrap_or(q.interval.low));
    Step::Found(Mention {
        span: at..end,
        value_span: at..end,
        number_span: at..end,
        stated,
        quantity: q,
        share: false,
        lone_one: false,
        spelled: false,
    })
}

/// The figure at `at`; `floor` is where the previous figure ended, so no
/// qualifier is read from text that belongs to it. The steps in order:
/// what is no count ([`guard_step`]), a date, a vague count, then the
/// amount, the range it may open, what it says about itself after the
/// range ([`label_step`]), the qualifiers around it, and what the whole
/// turns out to be ([`reinterpret`]).
#[inline(never)]
fn figure(
    text: &str,
    at: usize,
    published: Option<Date>,
    floor: usize,
    slashed: &mut guard::Slashed,
) -> Step {
    let first = text.as_bytes()[at];
    if let Some(step) = guard_step(text, at, first, slashed) {
        return step;
    }
    if let Some(step) = date_step(text, at, first, published) {
        return step;
    }
    if first.is_ascii_alphabetic() {
        if let Some(m) = vague_step(text, at, floor) {
            return Step::Found(m);
        }
        // "percent of 10", "per cent of twenty-two": the share named first
        if let Some(m) = percent_first(text, at) {
            return Step::Found(m);
        }
    }
    // the word right before the candidate, read once: where the amount
    // starts there (most do), the range's opener, the names, the
    // qualifiers and the change all start from it too
    let at_word = words_before(text, at).next();
    let (start, nation) = amount_start(text, at, first, floor, at_word);
    let Some(a) = amount(text, start) else {
        return Step::None;
    };
    // "a four-by-four", "a 10-by-12 room": a size or a vehicle, no figure
    if let Some(r) = text[a.end..].strip_prefix("-by-") {
        if let Some(b) = amount(text, text.len() - r.len()) {
            return Step::Skip(b.end);
        }
    }
    let mut f = Reading::of(&a, start);
    f.nation = nation;
    // the word right before the amount
    let near = if start == at {
        at_word
    } else {
        words_before(text, start).next()
    };
    // the word after the amount, read once for the range's link and the
    // qualifiers after it: most figures are followed by a word that none
    // of them reads (`35 people`)
    let read_after = word_after_read(&text[a.end..]);
    range_step(text, start, near, floor, &a, read_after, &mut f);
    let unit = f.unit.unwrap_or(Unit::Count);
    if let Some(step) = label_step(text, first, start, near, f.end, unit) {
        return step;
    }
    qualifier_step(text, start, near, floor, unit, read_after, &mut f);
    Step::Found(reinterpret(text, start, near, floor, &a, unit, f))
}

/// Numbers that are no count at all: an identifier, a time of day.
fn guard_step(text: &str, at: usize, first: u8, slashed: &mut guard::Slashed) -> Option<Step> {
    if !(first.is_ascii_digit() || first == b'+') {
        return None;
    }
    match guard::skip_in(text, at, slashed) {
        Some((n, guard::Guarded::Identifier)) => Some(Step::Labels(at..at + n)),
        Some((n, guard::Guarded::Time)) => Some(Step::Skip(at + n)),
        None => None,
    }
}

/// A date at `at`: in digits, or a month or weekday named.
fn date_step(text: &str, at: usize, first: u8, published: Option<Date>) -> Option<Step> {
    let s = &text[at..];
    if first.is_ascii_digit() || first == b'+' {
        let (r, d) = date::numeric(s).or_else(|| date::day_first(s))?;
        return Some(date_mention(at, text.len() - r.len(), d, published));
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    if let Some((r, d)) = date::month_first(s) {
        // "October 1-2": the second day of a span is no count
        let r = r
            .strip_prefix(['-', '\u{2013}'])
            .filter(|x| {
                let n = x.bytes().take_while(u8::is_ascii_digit).count();
                // a day, not the time after a date ("2013-17:59")
                (1..=2).contains(&n)
                    && boundary_after(&x[n..])
                    && !x[n..].starts_with([':', '.'])
                    && x[..n].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
            })
            .map_or(r, |x| {
                &x[x.bytes().take_while(u8::is_ascii_digit).count()..]
            });
        return Some(date_mention(at, text.len() - r.len(), d, published));
    }
    let (r, wd) = date::weekday(s)?;
    let next = words_before(text, at)
        .next()
        .is_some_and(|(_, w)| w.eq_ignore_ascii_case("next") || w.eq_ignore_ascii_case("coming"));
    let end = text.len() - r.len();
    let d = date::DateRef::Weekday { weekday: wd, next };
    Some(date_mention(at, end, d, published))
}

/// A vague count: `dozens`, `several hundred`, `a few thousand`.
fn vague_step(text: &str, at: usize, floor: usize) -> Option<Mention> {
    let s = &text[at..];
    // "several dozen", "a few hundred": the vague word starts the figure
    // (the scale word first: it is rarer than the words before it)
    let several = vague::several(s).and_then(|v| {
        words_before(text, at)
            .next()
            .filter(|(ws, w)| *ws >= floor && vague::vague_before(w))
            .map(|(ws, _)| (ws, v))
    });
    let vague_at = several.map_or(at, |(ws, _)| ws);
    let vague_at = if several.is_some() {
        // "a few hundred" starts at the article
        words_before(text, vague_at)
            .next()
            .filter(|(ws, w)| *ws >= floor && w.eq_ignore_ascii_case("a"))
            .map_or(vague_at, |(ws, _)| ws)
    } else {
        vague_at
    };
    let (r, lo, hi) = several.map(|(_, v)| v).or_else(|| vague::vague(s))?;
    let at = vague_at;
    let end = text.len() - r.len();
    let (qual, qstart) = match qualifier::before(text, at).filter(|(_, st)| *st >= floor) {
        // "more than hundreds" is still hundreds
        Some((q, st)) if matches!(q, Qualifier::MoreThan | Qualifier::AtLeast) => (q, st),
        _ => (Qualifier::Vague, at),
    };
    let mut q = Quantity::new(Qualifier::Vague, Unit::Count, lo, hi.unwrap_or(lo), 1.0);
    q.qualifier = qual;
    q.interval = Interval {
        low: lo,
        high: hi,
        low_inclusive: true,
        high_inclusive: hi.is_some(),
    };
    Some(Mention {
        span: qstart..end,
        value_span: at..end,
        number_span: at..end,
        stated: (lo, hi.unwrap_or(f64::INFINITY)),
        quantity: q,
        share: false,
        lone_one: false,
        spelled: true,
    })
}

/// Where the amount starts, and where the figure starts when a nation
/// names its currency before it. `a dozen`, `a third`: at the article;
/// `US$ 5`, `HK $10`: at the country; `Malaysian ringgit 17`: the figure at
/// the nation, the amount at the name. `at_word` is the word right before
/// `at` (`words_before(text, at).next()`).
fn amount_start(
    text: &str,
    at: usize,
    first: u8,
    floor: usize,
    at_word: Option<(usize, &str)>,
) -> (usize, Option<usize>) {
    let mut start = at;
    let mut nation = None;
    if first == b'$' {
        let head = &text[..at];
        let letters = head.trim_end_matches(' ');
        let n = letters
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
            .count();
        let from = letters.len() - n;
        if n > 0
            && n <= 4
            && head.len() - letters.len() <= 1
            && from >= floor
            && boundary_before(text, from)
            && money::prefix(&text[from..]).is_some()
        {
            start = from;
        }
    }
    if first.is_ascii_alphabetic() {
        if let Some((ws, w)) = at_word {
            // "Malaysian ringgit 17"
            if ws >= floor && money::nation_of(w, &text[at..]) {
                nation = Some(ws);
            }
            // "a dozen", "a third"; "a dollar", which the currency word triggers
            if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
                && (cardinal::cardinal(&text[ws..]).is_ok_and(|(r, _)| r.len() < text.len() - at)
                    || money::one_unit(&text[ws + w.len()..]))
            {
                start = ws;
            }
        }
    }
    (start, nation)
}

/// A figure as the steps after the amount read it.
#[derive(Debug, Clone, Copy)]
struct Reading {
    span_start: usize,
    end: usize,
    number_end: usize,
    unit: Option<Unit>,
    low: f64,
    high: f64,
    precision: f64,
    qual: Qualifier,
    ranged: bool,
    stated: (f64, f64),
    /// Where a nation that names the currency starts (`Malaysian ringgit 17`).
    nation: Option<usize>,
}

impl Reading {
    /// The amount alone, starting at `start`.
    fn of(a: &Amount, start: usize) -> Reading {
        Reading {
            span_start: start,
            end: a.end,
            number_end: a.number.end,
            unit: a.unit,
            low: a.value,
            high: a.value,
            precision: a.precision,
            qual: Qualifier::Exact,
            ranged: false,
            stated: (a.value, a.value),
            nation: None,
        }
    }
}

/// The word that opens a range to the left of the figure: `between`,
/// `from`, with where it starts. `near` is the word right before the
/// amount (`words_before(text, start).next()`).
fn opener(near: Option<(usize, &str)>, floor: usize) -> Option<(usize, range::Opener)> {
    match near.filter(|(ws, _)| *ws >= floor) {
        Some((ws, w)) if w.eq_ignore_ascii_case("between") => Some((ws, range::Opener::Between)),
        Some((ws, w)) if w.eq_ignore_ascii_case("from") => Some((ws, range::Opener::From)),
        _ => None,
    }
}

/// The range the amount `a` opens, if a link and a second amount follow
/// that make one: `15 to 18 million`, `$5-10bn`, `the 2002-03 season`.
/// `read_after` is [`word_after_read`] of the text after the amount.
fn range_step(
    text: &str,
    start: usize,
    near: Option<(usize, &str)>,
    floor: usize,
    a: &Amount,
    read_after: bool,
    f: &mut Reading,
) {
    // a word that no link is follows: no range
    if !read_after {
        return;
    }
    let end = f.end;
    let opener = opener(near, floor);
    // "fell from 40 to 35": both ends of a change, not a range
    let from_change = opener.is_some_and(|(ws, o)| {
        o == range::Opener::From && grammar::change::verb_before_from(text, ws)
    });
    let link = range::link(&text[end..], opener.map_or(range::Opener::None, |o| o.1))
        .ok()
        .map(|(r, ())| r);
    let Some(after) = link.filter(|_| !from_change) else {
        return;
    };
    let second_at = text.len() - after.len();
    let Some(b) = second_end(text, start, floor, a, end, second_at) else {
        return;
    };
    let mut lo = a.value;
    // "15 to 18 million", "$5-10bn": the scale of the upper end
    if a.scale.is_none() && b.scale.is_some() && lo < b.value / b.scale.unwrap_or(1.0) + 1.0 {
        lo *= b.scale.unwrap_or(1.0);
    }
    let unit_ok = match (a.unit, b.unit) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // "between 1750 and 1800 the town grew" are years; "between
    // 1500 and 1800 troops" counts
    let oldest = if plural_after(&text[b.end..]) {
        1800.0
    } else {
        1000.0
    };
    let year_like = |v: f64, d: Option<u32>| d == Some(4) && (oldest..=2100.0).contains(&v);
    // a year has no currency: "$1099 to $1499" is a range of prices
    let years = a.unit.is_none()
        && year_like(a.value, a.plain_integer)
        && (b.plain_integer == Some(2)
            || year_like(b.value, b.plain_integer)
            // "from 2019 to 4.2 million units": a year, then a figure
            || b.scale.is_some());
    let dashed = !text[end..second_at].trim().chars().any(char::is_alphabetic);
    // "the 2002-03 season", "from 1978-89": a span of years
    if years && dashed && b.plain_integer == Some(2) && !text[b.end..].starts_with(':') {
        let century = (a.value / 100.0).floor() * 100.0;
        let mut last = century + b.value;
        if last < a.value {
            last += 100.0;
        }
        f.low = a.value;
        f.high = last;
        f.unit = Some(Unit::Year);
        f.stated = (f.low, f.high);
    } else if unit_ok && b.value > lo && !years {
        f.low = lo;
        f.high = b.value;
        f.unit = a.unit.or(b.unit);
        f.precision = f.precision.min(b.precision);
        f.stated = (lo, b.value);
        if let Some((ws, _)) = opener {
            f.span_start = ws;
        }
    } else {
        return;
    }
    f.end = b.end;
    f.number_end = b.number.end;
    f.qual = Qualifier::Range;
    f.ranged = true;
}

/// The second amount of a range at `second_at`, after the link that ends
/// the first at `end`, if it can close one: not a score (`a 2-13 season`),
/// neighbours after `or`, not the level a change reached.
fn second_end(
    text: &str,
    start: usize,
    floor: usize,
    a: &Amount,
    end: usize,
    second_at: usize,
) -> Option<Amount> {
    let dashed = !text[end..second_at].trim().chars().any(char::is_alphabetic);
    let or = text[end..second_at].trim() == "or";
    let digits_at = |i: usize| {
        text[i..].starts_with(|c: char| c.is_ascii_digit()) || money::prefix(&text[i..]).is_some()
    };
    // "a 2-13 season", "a 7-0 run": a score or a record
    let score = |b: &Amount| {
        let season = a.plain_integer == Some(4) && b.plain_integer == Some(2);
        dashed && !season && range::score_after(&text[b.end..])
    };
    // "three or four", "20 or 30": neighbours only
    let near = |b: &Amount| !or || b.value <= 3.0 * a.value + 2.0;
    // "grew by $12.4bn to $310.6bn", "rose 4.1% to 212p": a change,
    // then the level it reached ("rose 5 to 10 percent" is a range)
    // ("rose by a third to 1,240": a share, then the level)
    let first_unit = a.unit.or(a.fraction.then_some(Unit::Percent));
    let change_then_level = first_unit.is_some_and(|u| {
        let qs = qualifier::before(text, start)
            .map_or(start, |(_, qs)| qs)
            .max(floor);
        text[end..second_at].trim().eq_ignore_ascii_case("to")
            && grammar::change::before(text, qs.min(start), floor, u, &text[end..]).is_some()
    });
    amount(text, second_at)
        .filter(|b| !b.lone_one || b.value != 1.0)
        .filter(|b| {
            (!dashed || (digits_at(start) && digits_at(second_at)))
                && !score(b)
                && near(b)
                && !change_then_level
        })
}

/// The words that the rules after a figure's amount read first after a
/// space: [`range::link`] ([`range::LINK_WORDS`]), [`qualifier::after`]
/// and [`qualifier::or_equal`] ([`qualifier::AFTER_WORDS`]), in one
/// filter.
static AFTER_WORDS: lexicon::WordEnds = lexicon::WordEnds::EMPTY.with_lists(AFTER_LISTS, false);

/// The lists of [`AFTER_WORDS`].
const AFTER_LISTS: &[&[&str]] = &[range::LINK_WORDS, qualifier::AFTER_WORDS];

/// Bit k: a word of [`AFTER_LISTS`] starts with the letter whose low five
/// bits are k (in either case).
const AFTER_FIRSTS: u32 = {
    let mut bits = 0u32;
    let mut l = 0;
    while l < AFTER_LISTS.len() {
        let mut k = 0;
        while k < AFTER_LISTS[l].len() {
            bits |= 1 << (AFTER_LISTS[l][k].as_bytes()[0] & 0x1f);
            k += 1;
        }
        l += 1;
    }
    bits
};

/// Whether [`range::link`], [`qualifier::after`] or [`qualifier::or_equal`]
/// may read anything in `rest`, the text after an amount: not where a
/// space and a word that none of them reads follow ([`AFTER_WORDS`] fails
/// it), where each of them finds nothing.
#[inline]
fn word_after_read(rest: &str) -> bool {
    match rest.as_bytes() {
        // the first letter first: most words start with none of theirs
        [b' ', word @ ..] if word.first().is_some_and(u8::is_ascii_alphabetic) => {
            AFTER_FIRSTS >> (word[0] & 0x1f) & 1 == 1
                && AFTER_WORDS.may_hold(&word[..alpha_run(word)])
        }
        _ => true,
    }
}

/// Whether a plural word (or `people`, `children`) follows: `1500 troops`
/// counts, where `1500` alone is a year.
fn plural_after(rest: &str) -> bool {
    grammar::alpha_word_ci(rest.trim_start()).is_some_and(|(_, w)| {
        w.ends_with('s') || matches!(w.as_str(), "people" | "children" | "men" | "women")
    })
}

/// What the figure says about itself once read: letters glued after it
/// that nothing explained (`5G`, `3D`) make it no figure; a name or a brand
/// (`Boeing 737`) makes its numbers labels.
fn label_step(
    text: &str,
    first: u8,
    start: usize,
    near: Option<(usize, &str)>,
    end: usize,
    unit: Unit,
) -> Option<Step> {
    if !boundary_after(&text[end..]) && !text[end..].starts_with(['-', '+', '\'', '’']) {
        let skip_to = end
            + text[end..]
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .count();
        return Some(Step::Skip(skip_to));
    }
    (first.is_ascii_digit()
        && (guard::is_name_near(text, start, near)
            || guard::is_name_after(text, start, end)
            || (unit == Unit::Count && guard::is_brand_number(text, start, end))))
    .then_some(Step::Labels(start..end))
}

/// The qualifiers after the figure (`or more`, `or equal`) and before it
/// (`at least`, `around` a range). `read_after` is [`word_after_read`] of
/// the text after the amount, where a figure that is no range ends.
fn qualifier_step(
    text: &str,
    start: usize,
    near: Option<(usize, &str)>,
    floor: usize,
    unit: Unit,
    read_after: bool,
    f: &mut Reading,
) {
    let end = f.end;
    let mut or_equal = false;
    if !f.ranged && read_after {
        if let Ok((r, q)) = qualifier::after(&text[end..]) {
            f.qual = q;
            f.end = text.len() - r.len();
        } else if let Ok((r, ())) = qualifier::or_equal(&text[end..]) {
            // "less than 5000 or equal", "more than 5000 or equal to"
            or_equal = true;
            f.end = text.len() - r.len();
        }
    }
    let before = || qualifier::before_near(text, start, near).filter(|(_, qs)| *qs >= floor);
    if f.ranged && f.span_start == start {
        // "around 12-20 dollars": about a range widens both ends
        if let Some((Qualifier::Approx, qs)) = before() {
            f.qual = Qualifier::Approx;
            f.span_start = qs;
        }
    }
    if !f.ranged {
        if let Some((q, qs)) = before() {
            // "over three years" is a span of time, not a bound on it
            let over = text[qs..start].trim().eq_ignore_ascii_case("over");
            // "bringing us up to 83%", "the toll went up to 40": a level
            // reached, not a ceiling
            let reached = q == Qualifier::AtMost
                && text[qs..start].trim().eq_ignore_ascii_case("up to")
                && words_before(text, qs)
                    .take(2)
                    .any(|(_, w)| grammar::change::motion_verb(w));
            if reached {
                // the figure alone: "to" before it says it is a level
            } else if f.qual == Qualifier::Exact && !(over && matches!(unit, Unit::Duration(_))) {
                f.qual = q;
                f.span_start = qs;
            } else if q == Qualifier::Exact {
                // "equal to 5000 or less"
                f.span_start = qs;
            }
        }
    }
    if or_equal {
        f.qual = match f.qual {
            Qualifier::MoreThan => Qualifier::AtLeast,
            Qualifier::LessThan => Qualifier::AtMost,
            q => q,
        };
    }
}

/// What the figure turns out to be, read whole: a year, a fraction of a
/// point, a magnitude, a share; then its change, and the mention.
fn reinterpret(
    text: &str,
    start: usize,
    near: Option<(usize, &str)>,
    floor: usize,
    a: &Amount,
    unit: Unit,
    f: Reading,
) -> Mention {
    let Reading {
        span_start,
        mut end,
        mut low,
        mut high,
        mut precision,
        qual,
        ranged,
        mut stated,
        number_end,
        nation,
        ..
    } = f;
    let mut unit = unit;
    // a bare four-digit number between 1000 and 2100 is a year
    if unit == Unit::Count
        && a.plain_integer == Some(4)
        && (1000.0..=2100.0).contains(&a.value)
        && !ranged
        && !plural_after(&text[end..])
    {
        unit = Unit::Year;
    }
    let mut share = false;
    // "a quarter point", "half a percentage point": a fraction of a point
    // the word after read only after a fraction (few figures are)
    let fraction_of_point = (a.fraction && unit == Unit::Count && !ranged)
        .then(|| {
            ["point", "points", "percentage point", "percentage points"]
                .iter()
                .find_map(|w| {
                    text[end..]
                        .strip_prefix([' ', '-'])
                        .and_then(|r| r.strip_prefix(w))
                        .filter(|r| boundary_after(r))
                })
        })
        .flatten();
    if let Some(r) = fraction_of_point {
        unit = Unit::PercentPoint;
        end = text.len() - r.len();
    } else if unit == Unit::Count && magnitude(text, span_start.min(start), end) {
        // "of magnitude 6.8", "a magnitude-5.9 quake", "a 6.1 temblor"
        unit = Unit::Measure("magnitude");
    } else if a.fraction && unit == Unit::Count && a.value.abs() < 1.0 && !ranged {
        share = true;
        unit = Unit::Percent;
        low *= 100.0;
        high *= 100.0;
        precision *= 100.0;
        stated = (stated.0 * 100.0, stated.1 * 100.0);
    }
    let mut quantity = Quantity::new(qual, unit, low, high, precision);
    if qual == Qualifier::Approx {
        quantity.interval = interval_for(qual, low, high, DEFAULT_APPROX);
    }
    // the words before the figure with its qualifier: before the amount
    // (read once, `near`) when no qualifier stands before it
    let change_at = span_start.min(start);
    let nearest = if change_at == start {
        near
    } else {
        words_before(text, change_at).next()
    };
    quantity.change = grammar::change::before_near(text, nearest, floor, unit, &text[end..])
        .or_else(|| grammar::change::after(&text[end..], unit))
        .unwrap_or(Change::Level);
    let start = nation.unwrap_or(start);
    Mention {
        span: span_start.min(start)..end,
        value_span: start..end,
        number_span: a.number.start..number_end,
        stated,
        quantity,
        share,
        lone_one: a.lone_one && !ranged,
        spelled: a.spelled,
    }
}

/// `percent of 10`: the word first, the number after `of`.
fn percent_first(text: &str, at: usize) -> Option<Mention> {
    let s = &text[at..];
    // the first letter first, nothing lower-cased
    if !s.starts_with(['p', 'P']) {
        return None;
    }
    let (r, w) = grammar::alpha_word_ci(s)?;
    let r = match w.as_str() {
        "percent" | "percents" => r,
        "per" => {
            let (r2, w2) = grammar::alpha_word_ci(r.strip_prefix(' ')?)?;
            (w2 == "cent").then_some(r2)?
        }
        _ => return None,
    };
    let after = r.strip_prefix(" of ")?;
    let (rest, c) = cardinal::cardinal(after).ok()?;
    if c.fraction || !boundary_after(rest) {
        return None;
    }
    let number_start = text.len() - after.len();
    let end = text.len() - rest.len();
    Some(Mention {
        span: at..end,
        value_span: at..end,
        number_span: number_start..end,
        stated: (c.value, c.value),
        quantity: Quantity::new(
            Qualifier::Exact,
            Unit::Percent,
            c.value,
            c.value,
            c.precision,
        ),
        share: false,
        lone_one: false,
        spelled: c.spelled,
    })
}

/// Join `more than 100 and fewer than 300` (and the reverse order) into one
/// range: a lower bound and an upper bound side by side bound one figure.
fn join_bounds(text: &str, out: &mut Vec<Mention>) {
    let lower = |q: Qualifier| matches!(q, Qualifier::MoreThan | Qualifier::AtLeast);
    let upper = |q: Qualifier| matches!(q, Qualifier::LessThan | Qualifier::AtMost);
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let between = text.get(a.span.end..b.span.start).unwrap_or("?").trim();
        // "higher or equal than 100, lower or equal than 300" is one
        // figure; "more than 500, up to 15,000" two: after a comma only
        // two comparisons bound one figure, not a ceiling ("up to", "as
        // many as") listed after a floor
        let ceiling_word = |m: &Mention| {
            let q = text[m.span.start..m.value_span.start].to_ascii_lowercase();
            q.starts_with("up to") || q.starts_with("as ")
        };
        let linked = matches!(between, "and" | "but" | ", and" | ", but")
            || (between == "," && !ceiling_word(a) && !ceiling_word(b));
        let (lo, hi) = if lower(a.quantity.qualifier) && upper(b.quantity.qualifier) {
            (a, b)
        } else if upper(a.quantity.qualifier) && lower(b.quantity.qualifier) {
            (b, a)
        } else {
            k += 1;
            continue;
        };
        if !linked
            || a.quantity.unit != b.quantity.unit
            || hi
                .quantity
                .interval
                .high
                .is_none_or(|h| h <= lo.quantity.interval.low)
        {
            k += 1;
            continue;
        }
        let mut q = lo.quantity.clone();
        q.qualifier = Qualifier::Range;
        q.interval.high = hi.quantity.interval.high;
        q.interval.high_inclusive = hi.quantity.interval.high_inclusive;
        let joined = Mention {
            span: a.span.start..b.span.end,
            value_span: a.value_span.start..b.value_span.end,
            number_span: a.number_span.start..b.number_span.end,
            stated: (lo.stated.0, hi.stated.1),
            quantity: q,
            share: a.share && b.share,
            lone_one: false,
            spelled: a.spelled || b.spelled,
        };
        out[k] = joined;
        out.remove(k + 1);
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn alpha_runs_count_ascii_letters(b in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::num::u8::ANY,
                proptest::sample::select(b"azAZ@[`{09 \xc3\xa9".to_vec()),
                proptest::sample::select(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".to_vec()),
            ],
            0..40,
        )) {
            let want = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            proptest::prop_assert_eq!(alpha_run(&b), want);
        }
    }

    /// Pieces of text for the fast path's tests: trigger words, currency
    /// codes and names, words that are none, digits, the marks of the
    /// masks, characters of other scripts, a word longer than a block.
    const PIECES: &[&str] = &[
        "one",
        "One",
        "may",
        "May",
        "per",
        "cent",
        "percent",
        "million",
        "half",
        "dozens",
        "tens",
        "of",
        "the",
        "stone",
        "people",
        "killed",
        "at",
        "least",
        "between",
        "and",
        "Rs",
        "RM",
        "US",
        "U.S.",
        "usd",
        "EUR",
        "PS",
        "euro",
        "ringgit",
        "rupees",
        "nzd",
        "a",
        "an",
        "dollar",
        "March",
        "Feb",
        "Tuesday",
        "minus",
        "s",
        "it's",
        "x",
        "12",
        "2,104",
        "1.5",
        "3",
        "2021",
        "9",
        "0",
        "$",
        "$4",
        "£",
        "€",
        "½",
        "¼",
        "−",
        "–",
        "—",
        "“",
        "”",
        "’",
        "‘",
        "…",
        "\u{a0}",
        "\u{2009}",
        "é",
        "café",
        "日本",
        "₹",
        "%",
        "-",
        "+",
        ".",
        ",",
        "/",
        "'",
        "(",
        ")",
        "&",
        "*",
        ":",
        ";",
        "\n",
        "\n\n",
        "  ",
        " ",
        " ",
        " ",
        " ",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The sieve skips exactly what the scan byte by byte skips.
        #[test]
        fn the_sieve_finds_what_the_byte_loop_finds(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..120),
            glue in proptest::collection::vec(proptest::bool::ANY, 120),
        ) {
            let mut text = String::new();
            for (k, p) in parts.iter().enumerate() {
                text.push_str(p);
                if glue[k] {
                    text.push(' ');
                }
            }
            let published = Some(Date::constant(2022, 4, 19));
            proptest::prop_assert_eq!(
                scan(&text, published, true),
                scan(&text, published, false),
                "{:?}", text
            );
        }
    }

    /// The same on real news, each story whole and from a few offsets (so
    /// that blocks start elsewhere); skipped when `../shared/realnews` is
    /// missing.
    #[test]
    fn the_sieve_finds_what_the_byte_loop_finds_in_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        for s in stories {
            let t = s.text.as_str();
            assert_eq!(
                scan(t, s.published, true),
                scan(t, s.published, false),
                "{}",
                s.id
            );
            for k in [1, 3, 8, 29, 63]
                .into_iter()
                .filter(|&k| t.is_char_boundary(k))
            {
                assert_eq!(
                    scan(&t[k..], s.published, true),
                    scan(&t[k..], s.published, false),
                    "{} from {k}",
                    s.id
                );
            }
        }
    }

    /// What the sieve skips without asking: a no-break space and general
    /// punctuation are no currency sign and no fraction.
    #[test]
    fn punctuation_is_no_currency_and_no_fraction() {
        for c in std::iter::once('\u{a0}').chain('\u{2000}'..='\u{203f}') {
            let s = format!("{c}5");
            assert_eq!(cardinal::vulgar(c), None, "{c:?}");
            assert_eq!(money::prefix(&s), None, "{c:?}");
            assert!(skipped_mark(s.as_bytes(), 0), "{c:?}");
        }
        for c in ['£', '€', '½', '¾', '⅓', '₹', '−', '¥'] {
            let s = format!("{c}5");
            assert!(!skipped_mark(s.as_bytes(), 0), "{c:?}");
        }
    }

    /// The classes of each byte of a block, one byte at a time.
    fn classes_byte_by_byte(block: &[u8]) -> (u64, u64) {
        block.iter().enumerate().fold((0, 0), |(l, s), (k, &b)| {
            (
                l | u64::from(b.is_ascii_alphabetic()) << k,
                s | u64::from(b <= b' ') << k,
            )
        })
    }

    #[test]
    fn block_classes_are_the_classes_of_each_byte() {
        for b in 0..=255u8 {
            for fill in [b'q', b' ', 0xC3, b'5'] {
                for at in 0..64 {
                    let mut x = [fill; 64];
                    x[at] = b;
                    assert_eq!(
                        block_classes(&x),
                        classes_byte_by_byte(&x),
                        "{b:#x} at {at} in {fill:#x}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn block_classes_of_any_bytes(b in proptest::collection::vec(proptest::num::u8::ANY, 64)) {
            proptest::prop_assert_eq!(block_classes(&b), classes_byte_by_byte(&b));
        }
    }

    #[test]
    fn alpha_runs_stop_at_every_byte_that_is_no_letter() {
        for other in 0..=255u8 {
            for at in 0..20 {
                let mut b = vec![b'q'; 20];
                b[at] = other;
                let want = if other.is_ascii_alphabetic() { 20 } else { at };
                assert_eq!(alpha_run(&b), want, "byte {other:#x} at {at}");
            }
        }
    }

    #[test]
    fn ordinal_suffixes_follow_the_number() {
        assert_eq!(ordinal_suffix("st place", 21.0), Some(" place"));
        assert_eq!(ordinal_suffix("ST,", 21.0), Some(","));
        assert_eq!(ordinal_suffix("th", 11.0), Some(""));
        assert_eq!(ordinal_suffix("nd", 112.0), None);
        assert_eq!(ordinal_suffix("rd", 3.0), Some(""));
        assert_eq!(ordinal_suffix("sT", 1.0), None);
        assert_eq!(ordinal_suffix("stop", 1.0), None);
        assert_eq!(ordinal_suffix("s", 1.0), None);
        assert_eq!(ordinal_suffix("é", 1.0), None);
    }

    fn one(text: &str) -> Mention {
        let m = mentions(text, Some(Date::constant(2022, 4, 19)));
        assert_eq!(m.len(), 1, "{text}: {m:#?}");
        m.into_iter().next().unwrap()
    }

    fn check(text: &str, surface: &str, q: Qualifier, unit: &str, low: f64, high: Option<f64>) {
        let m = one(text);
        assert_eq!(&text[m.span.clone()], surface, "{text}");
        assert_eq!(m.quantity.qualifier, q, "{text}");
        assert_eq!(m.quantity.unit.to_string(), unit, "{text}");
        let iv = m.quantity.interval;
        assert!((iv.low - low).abs() < 1e-6, "{text}: low {}", iv.low);
        match (iv.high, high) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{text}: high {a}"),
            (a, b) => assert_eq!(a, b, "{text}"),
        }
    }

    #[test]
    // reason: a table of cases, one line each
    #[allow(clippy::too_many_lines)]
    fn the_design_table() {
        use Qualifier::*;
        check(
            "Around 2,104 civilians died",
            "Around 2,104",
            Approx,
            "count",
            1893.6,
            Some(2314.4),
        );
        check(
            "At least 2,000 civilians",
            "At least 2,000",
            AtLeast,
            "count",
            2000.0,
            None,
        );
        check(
            "more than 70% of Russians",
            "more than 70%",
            MoreThan,
            "percent",
            70.0,
            Some(100.0),
        );
        check(
            "approval well above fifty percent.",
            "well above fifty percent",
            MoreThan,
            "percent",
            50.0,
            Some(100.0),
        );
        check(
            "as many as 15,000 Russian soldiers",
            "as many as 15,000",
            AtMost,
            "count",
            0.0,
            Some(15000.0),
        );
        check(
            "less than two months of",
            "less than two months",
            LessThan,
            "duration:month",
            0.0,
            Some(2.0),
        );
        check(
            "between 15,000 and 18,000 people",
            "between 15,000 and 18,000",
            Range,
            "count",
            15000.0,
            Some(18000.0),
        );
        // about a range: both ends widen, as for one figure
        check(
            "some 15-18 people",
            "some 15-18",
            Approx,
            "count",
            13.5,
            Some(19.8),
        );
        check(
            "between 15 and 18 people",
            "between 15 and 18",
            Range,
            "count",
            15.0,
            Some(18.0),
        );
        check(
            "within sixty (60) days",
            "sixty (60) days",
            Exact,
            "duration:day",
            60.0,
            Some(60.0),
        );
        check("a pair of gunmen", "a pair", Exact, "count", 2.0, Some(2.0));
        check(
            "a dollar a day",
            "a dollar",
            Exact,
            "money:USD",
            1.0,
            Some(1.0),
        );
        check(
            "Malaysian ringgit 17",
            "Malaysian ringgit 17",
            Exact,
            "money:MYR",
            17.0,
            Some(17.0),
        );
        check(
            "hundreds more",
            "hundreds",
            Vague,
            "count",
            200.0,
            Some(999.0),
        );
        check(
            "tens of thousands fled",
            "tens of thousands",
            Vague,
            "count",
            20000.0,
            Some(99999.0),
        );
        check(
            "nearly 1,300 homes",
            "nearly 1,300",
            ApproxBelow,
            "count",
            1170.0,
            Some(1300.0),
        );
        check(
            "it cost $1.2bn.",
            "$1.2bn",
            Exact,
            "money:USD",
            1.2e9,
            Some(1.2e9),
        );
        check("a £30m fund", "£30m", Exact, "money:GBP", 3e7, Some(3e7));
        check(
            "a 28-second clip",
            "28-second",
            Exact,
            "duration:second",
            28.0,
            Some(28.0),
        );
        check(
            "a 34-year-old man",
            "34-year-old",
            Exact,
            "age",
            34.0,
            Some(34.0),
        );
        check(
            "2,000 or more people",
            "2,000 or more",
            AtLeast,
            "count",
            2000.0,
            None,
        );
        check(
            "two-thirds of voters",
            "two-thirds",
            Exact,
            "percent",
            200.0 / 3.0,
            Some(200.0 / 3.0),
        );
        check(
            "half a million people",
            "half a million",
            Exact,
            "count",
            5e5,
            Some(5e5),
        );
    }

    #[test]
    fn dates_resolve() {
        let m = one("Russia invaded on Feb. 24 to");
        assert_eq!(m.quantity.date, Some(Date::constant(2022, 2, 24)));
        let m = one("the OHCHR said Tuesday in its");
        assert_eq!(m.quantity.date, Some(Date::constant(2022, 4, 19)));
        let m = one("since 24 February, though");
        assert_eq!(m.quantity.date, Some(Date::constant(2022, 2, 24)));
    }

    #[test]
    fn figures_never_overlap() {
        // found by fuzzing: "c" read as cents, then as the C of C$
        for text in ["000 c$2", "5 c$3 more", "7 US$ 4"] {
            let m = mentions(text, None);
            for w in m.windows(2) {
                assert!(w[0].span.end <= w[1].span.start, "{text}: {m:?}");
            }
        }
    }

    /// Issue 16: a run of more numbers than any list in prose holds is
    /// data, skipped whole; a list of numbers, a long number and a table
    /// row are read.
    #[test]
    fn a_run_of_numbers_is_data() {
        for unit in ["1,", "1 ", "12/35/53/", "1.", "+1 ", "1, "] {
            let run = format!("{} people died", unit.repeat(100));
            assert_eq!(mentions(&run, None), vec![], "{unit}");
            // the figure after the run is read again
            let after = format!("{} and then 12 people died", unit.repeat(100));
            let m = mentions(&after, None);
            assert_eq!(m.len(), 1, "{unit}: {m:?}");
            assert_eq!(m[0].stated.0, 12.0);
        }
        let list: Vec<String> = (1..=40).map(|k| k.to_string()).collect();
        assert_eq!(
            mentions(&format!("in years {}", list.join(", ")), None).len(),
            40
        );
        let long = format!("We counted {} people", "9".repeat(200));
        assert_eq!(mentions(&long, None).len(), 1);
        let row = "12 35 53 100\n";
        let one_row = mentions(row, None).len();
        assert!(one_row > 0);
        assert_eq!(mentions(&row.repeat(100), None).len(), 100 * one_row);
    }

    #[test]
    fn figures_beyond_a_double_are_no_figures() {
        let huge = format!("${} trillion", "9".repeat(300));
        for text in [
            huge.as_str(),
            "1e308 billion people",
            "around 1.7e308 people",
            "between 1e307 and 1e308 billion dollars",
            "more than 1e300 trillion euros",
        ] {
            let m = mentions(
                &format!("Officials said {text} were lost, and 12 died."),
                None,
            );
            for x in &m {
                assert!(in_range(x), "{text}: {x:?}");
            }
            // the figure after it is still found
            assert!(m.iter().any(|x| x.stated.0 == 12.0), "{text}: {m:?}");
        }
        // unbounded figures stay figures
        let m = mentions("millions of people", None);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].quantity.interval.high, None);
        // the largest figures a double holds stay figures
        let m = mentions("1e300 people", None);
        assert_eq!(m.len(), 1, "{m:?}");
        let high = m[0].quantity.interval.high.unwrap();
        assert!((high / 1e300 - 1.0).abs() < 1e-9, "{high}");
    }

    #[test]
    fn numbers_in_a_list_are_whole() {
        let m = mentions("items 12,14,17,33 and 1,5 million", None);
        let got: Vec<f64> = m.iter().map(|m| m.stated.0).collect();
        assert_eq!(got, [12.0, 14.0, 17.0, 33.0, 1_500_000.0]);
    }

    #[test]
    fn units_named_without_a_number() {
        let words = |text: &str| -> Vec<(String, String)> {
            unit_words(text, &mentions(text, None))
                .iter()
                .map(|u| (text[u.span.clone()].to_string(), u.unit.to_string()))
                .collect()
        };
        let owned = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            words("The dollar fell 2% against the yen; a tiny percent, the % change."),
            owned(&[
                ("dollar", "money:USD"),
                ("yen", "money:JPY"),
                ("percent", "percent"),
                ("%", "percent")
            ])
        );
        // inside a figure, or a word that is mostly something else
        assert_eq!(
            words("50 dollars, 3 per cent, they won, a pound of flour"),
            owned(&[])
        );
        assert_eq!(
            words("paid in RMB, not per cent"),
            owned(&[("RMB", "money:CNY"), ("per cent", "percent")])
        );
    }

    #[test]
    fn not_counts() {
        for (text, unit) in [
            ("in 2022 the", "year"),
            ("the 1990s saw", "year"),
            ("the 21st century", "ordinal"),
        ] {
            assert_eq!(one(text).quantity.unit.to_string(), unit, "{text}");
        }
        for text in [
            "an F-35 jet",
            "5G masts",
            "Section 427 says",
            "the S&P 500 fell",
            "call 555-123-4567 now",
            "at 10:30 a.m. local",
            "host 192.168.1.2 down",
            "the COVID-19 pandemic",
            "a MiG-29 crashed",
        ] {
            assert!(
                mentions(text, None)
                    .iter()
                    .all(|m| m.quantity.unit == Unit::Label),
                "{text}: {:?}",
                mentions(text, None)
            );
        }
        // each number of a code is a label, never a count
        let spans = |text: &str| -> Vec<(String, f64)> {
            mentions(text, None)
                .iter()
                .filter(|m| m.quantity.unit == Unit::Label)
                .map(|m| (text[m.span.clone()].to_string(), m.stated.0))
                .collect()
        };
        let owned = |v: &[(&str, f64)]| -> Vec<(String, f64)> {
            v.iter().map(|(t, x)| (t.to_string(), *x)).collect()
        };
        assert_eq!(
            spans("host 192.168.1.20 down"),
            owned(&[("192", 192.0), ("168", 168.0), ("1", 1.0), ("20", 20.0)])
        );
        assert_eq!(
            spans("call +44-207-946/0000"),
            owned(&[("44", 44.0), ("207", 207.0), ("946", 946.0), ("0000", 0.0)])
        );
        assert_eq!(spans("an F-35 jet"), owned(&[("35", 35.0)]));
        let long = format!("call {} now", "12-".repeat(1000));
        assert!(mentions(&long, None).is_empty());
        assert_eq!(spans("at 10:30 a.m. local"), owned(&[]));
    }

    /// The figures of `text` that are not names, dates, years or ordinals:
    /// (stated low, stated high, unit, qualifier, change).
    fn figures(text: &str) -> Vec<(f64, f64, String, &'static str, &'static str)> {
        mentions(text, Some(Date::constant(2024, 5, 2)))
            .into_iter()
            .filter(|m| {
                !matches!(
                    m.quantity.unit,
                    Unit::Label | Unit::Date | Unit::Year | Unit::Ordinal
                )
            })
            .map(|m| {
                (
                    m.stated.0,
                    m.stated.1,
                    m.quantity.unit.to_string(),
                    m.quantity.qualifier.as_str(),
                    m.quantity.change.as_str(),
                )
            })
            .collect()
    }

    /// Issue 19: the forms real news writes, each in a sentence of our own.
    #[test]
    // reason: a table of cases, one line each
    #[allow(clippy::too_many_lines)]
    fn numbers_as_real_news_writes_them() {
        type Want<'a> = &'a [(f64, f64, &'a str, &'a str, &'a str)];
        let cases: &[(&str, Want)] = &[
            (
                "Turnout fell to 58% from 64%.",
                &[
                    (58.0, 58.0, "percent", "exact", "from-to"),
                    (64.0, 64.0, "percent", "exact", "from-to"),
                ],
            ),
            (
                "Cases rose by a quarter to 900.",
                &[
                    (25.0, 25.0, "percent", "exact", "up"),
                    (900.0, 900.0, "count", "exact", "level"),
                ],
            ),
            ("The iPad 10 sold well.", &[]),
            ("Published May 2nd 2013-17:59 by staff", &[]),
            (
                "It costs $1099 to $1499.",
                &[(1099.0, 1499.0, "money:USD", "range", "level")],
            ),
            (
                "A magnitude-6.2 quake hit.",
                &[(6.2, 6.2, "measure:magnitude", "exact", "level")],
            ),
            (
                "A 4.4 tremor shook the town.",
                &[(4.4, 4.4, "measure:magnitude", "exact", "level")],
            ),
            (
                "He is 6-foot-2 and fast.",
                &[(6.0, 6.0, "measure:foot", "exact", "level")],
            ),
            ("On 2011-13:42 the cable broke.", &[]),
            // British millions before what is counted; metres elsewhere
            (
                "The app lost 12m of its users.",
                &[(12e6, 12e6, "count", "exact", "level")],
            ),
            (
                "Pipelines carried 3.5m barrels a day.",
                &[(3.5e6, 3.5e6, "measure:barrel", "exact", "level")],
            ),
            (
                "Growers expect a 6.1m-tonne harvest.",
                &[(6.1e6, 6.1e6, "measure:tonne", "exact", "level")],
            ),
            (
                "He joined for a PS4m fee.",
                &[(4e6, 4e6, "money:GBP", "exact", "level")],
            ),
            (
                "They built a 250m bridge.",
                &[(250.0, 250.0, "measure:metre", "exact", "level")],
            ),
            (
                "She ran the 800m in June.",
                &[(800.0, 800.0, "measure:metre", "exact", "level")],
            ),
            // house styles
            (
                "Rents were up 4pc in May.",
                &[(4.0, 4.0, "percent", "exact", "up")],
            ),
            (
                "It sold a 20pc stake.",
                &[(20.0, 20.0, "percent", "exact", "level")],
            ),
            (
                "It fell to minus-30 degrees.",
                &[(-30.0, -30.0, "measure:degree", "exact", "level")],
            ),
            (
                "The index closed down 0.7 per cent at 3,120.",
                &[
                    (0.7, 0.7, "percent", "exact", "down"),
                    (3120.0, 3120.0, "count", "exact", "level"),
                ],
            ),
            // lists and ranges
            (
                "Between 2,000 and 3,000 fled and dozens more hid.",
                &[
                    (2000.0, 3000.0, "count", "range", "level"),
                    (24.0, 99.0, "count", "vague", "level"),
                ],
            ),
            (
                "They expect more than 200, up to 9,000, to come.",
                &[
                    (200.0, 200.0, "count", "more-than", "level"),
                    (9000.0, 9000.0, "count", "at-most", "level"),
                ],
            ),
            (
                "Output went from 2021 to 3.4 million cars.",
                &[(3.4e6, 3.4e6, "count", "exact", "level")],
            ),
            ("Between 1750 and 1800 the town grew.", &[]),
            ("The cafe at 8-10 Quay Street shut.", &[]),
            (
                "They shipped 2.4 million 6-packs.",
                &[
                    (2.4e6, 2.4e6, "count", "exact", "level"),
                    (6.0, 6.0, "count", "exact", "level"),
                ],
            ),
            (
                "The side ended a 3-11 season.",
                &[
                    (3.0, 3.0, "count", "exact", "level"),
                    (11.0, 11.0, "count", "exact", "level"),
                ],
            ),
            (
                "Police fired two or three shots.",
                &[(2.0, 3.0, "count", "range", "level")],
            ),
            (
                "Several dozen people waited.",
                &[(24.0, 99.0, "count", "vague", "level")],
            ),
            ("He coached in the 1996-97 season.", &[]),
            // names with numbers
            ("She sat in Seat 9 at the back.", &[]),
            ("They stayed in the top 3, level on points.", &[]),
            ("The crew of Gemini 4 came home in 1965.", &[]),
            ("It was a category 2 storm.", &[]),
            ("The FTSE 100 and the Nikkei 225 fell.", &[]),
            ("The lab holds ISO 17025 status.", &[]),
            ("Talks begin at 0900 GMT.", &[]),
            (
                "Copper gained 40 cents, or 0.5%, to $8.10.",
                &[
                    (0.4, 0.4, "money:USD", "exact", "up"),
                    (0.5, 0.5, "percent", "exact", "up"),
                    (8.1, 8.1, "money:USD", "exact", "level"),
                ],
            ),
            (
                "The index shed 210 points, or 1.3%.",
                &[
                    (210.0, 210.0, "count", "exact", "down"),
                    (1.3, 1.3, "percent", "exact", "down"),
                ],
            ),
            (
                "The plant will cut 900 jobs.",
                &[(900.0, 900.0, "count", "exact", "level")],
            ),
            (
                "United beat Leeds 4-2 at home.",
                &[
                    (4.0, 4.0, "count", "exact", "level"),
                    (2.0, 2.0, "count", "exact", "level"),
                ],
            ),
            (
                "A quake of magnitude 5.9 hit.",
                &[(5.9, 5.9, "measure:magnitude", "exact", "level")],
            ),
            (
                "It reached 38.2C on Monday.",
                &[(38.2, 38.2, "measure:degree", "exact", "level")],
            ),
            (
                "It was -4°C at dawn.",
                &[(-4.0, -4.0, "measure:degree", "exact", "level")],
            ),
            (
                "The bank cut rates by a quarter point.",
                &[(0.25, 0.25, "percentage-point", "exact", "down")],
            ),
            ("The fair runs on June 3-4 in Leeds.", &[]),
            ("He drove a four-by-four.", &[]),
            // scientific notation
            (
                "A gram holds 3.3×10^22 atoms.",
                &[(3.3e22, 3.3e22, "count", "exact", "level")],
            ),
            (
                "The charge was 3.2×10−19 coulombs.",
                &[(3.2e-19, 3.2e-19, "count", "exact", "level")],
            ),
            // change against level
            (
                "Shares rose 2.5% to 340p.",
                &[
                    (2.5, 2.5, "percent", "exact", "up"),
                    (3.4, 3.4, "money:GBP", "exact", "level"),
                ],
            ),
            (
                "The coin fell from $41,000 to $38,500.",
                &[
                    (41000.0, 41000.0, "money:USD", "exact", "from-to"),
                    (38500.0, 38500.0, "money:USD", "exact", "from-to"),
                ],
            ),
            (
                "Sales grew by $1.5 billion to $20.2 billion.",
                &[
                    (1.5e9, 1.5e9, "money:USD", "exact", "up"),
                    (20.2e9, 20.2e9, "money:USD", "exact", "level"),
                ],
            ),
            (
                "Wheat was up 12 cents at $6.40.",
                &[
                    (0.12, 0.12, "money:USD", "exact", "up"),
                    (6.4, 6.4, "money:USD", "exact", "level"),
                ],
            ),
            (
                "Prices rose 3% in March.",
                &[(3.0, 3.0, "percent", "exact", "up")],
            ),
            (
                "Prices rose to 3% in March.",
                &[(3.0, 3.0, "percent", "exact", "level")],
            ),
            (
                "The toll reached 41, up from 30.",
                &[
                    (41.0, 41.0, "count", "exact", "from-to"),
                    (30.0, 30.0, "count", "exact", "from-to"),
                ],
            ),
            (
                "Ages ranged from 18 to 25.",
                &[(18.0, 25.0, "count", "range", "level")],
            ),
            (
                "The upgrade took it up to 90% of capacity.",
                &[(90.0, 90.0, "percent", "exact", "level")],
            ),
            (
                "Fares rise by up to 90% next year.",
                &[(90.0, 90.0, "percent", "at-most", "up")],
            ),
        ];
        for (text, want) in cases {
            let got = figures(text);
            let got: Vec<_> = got
                .iter()
                .map(|(a, b, u, q, c)| (*a, *b, u.as_str(), *q, *c))
                .collect();
            let close = got.len() == want.len()
                && got.iter().zip(want.iter()).all(|(g, w)| {
                    let near =
                        |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
                    near(g.0, w.0) && near(g.1, w.1) && g.2 == w.2 && g.3 == w.3 && g.4 == w.4
                });
            assert!(close, "{text}\n got {got:?}\nwant {want:?}");
        }
    }

    /// Whether the rules that [`word_after_read`] answers for find nothing
    /// in `rest`, as with no word after; the message names the one that
    /// finds something.
    fn after_rules_find_nothing(rest: &str) -> Result<(), String> {
        for opener in [
            range::Opener::None,
            range::Opener::Between,
            range::Opener::From,
        ] {
            if range::link(rest, opener).is_ok() {
                return Err(format!("link after {opener:?}"));
            }
        }
        if qualifier::after(rest).is_ok() {
            return Err("qualifier after".into());
        }
        if qualifier::or_equal(rest).is_ok() {
            return Err("or equal".into());
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// A word after an amount that the filter turns away is read by no
        /// rule it stands for: each finds what it finds with nothing after.
        #[test]
        fn a_word_after_turned_away_is_read_by_no_rule(
            rest in "( |-|\\+|~|  )?([a-zA-Z]{0,6}|to|TO|through|thru|and|And|or|OR|plus|odd|Odd|pt|tho|oe|a|o|p)(| |-|[0-9]|\u{e9}|\\.| (more|less|so|equal|than|to|[0-9]{1,3}|[a-z]{1,4}))(| to| than| [0-9])"
        ) {
            if !word_after_read(&rest) {
                proptest::prop_assert_eq!(after_rules_find_nothing(&rest), Ok(()), "{:?}", rest);
            }
        }
    }

    #[test]
    fn the_filter_of_the_word_after_turns_away_words_only() {
        for rest in [
            " to 5",
            " or more",
            " Or so",
            " and above",
            " plus",
            " ODD",
            " thru 9",
        ] {
            assert!(word_after_read(rest), "{rest}");
        }
        // what is no space and a letter is left to the rules
        for rest in [
            "",
            "-plus",
            "+",
            "%",
            " ",
            "  or more",
            " \u{e9}t\u{e9}",
            " 5",
        ] {
            assert!(word_after_read(rest), "{rest:?}");
        }
        for rest in [" people", " of", " a", " percent", " in 2020", " tons"] {
            assert!(!word_after_read(rest), "{rest}");
        }
    }

    /// The same at every word of real news: where the filter turns the
    /// word after a space away, no rule it stands for reads it; skipped
    /// when `../shared/realnews` is missing.
    #[test]
    fn a_word_after_turned_away_is_read_by_no_rule_in_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        let mut turned_away = 0;
        for s in stories {
            let t = s.text.as_str();
            for p in memchr::memchr_iter(b' ', t.as_bytes()) {
                if !word_after_read(&t[p..]) {
                    turned_away += 1;
                    assert_eq!(after_rules_find_nothing(&t[p..]), Ok(()), "{} at {p}", s.id);
                }
            }
        }
        assert!(turned_away > 0, "no word turned away");
    }

    /// The amount of the number `c` at `number` before a unit is read.
    fn blank_amount(c: &cardinal::Cardinal, number: std::ops::Range<usize>) -> Amount {
        Amount {
            value: c.value,
            precision: c.precision,
            unit: None,
            scale: None,
            fraction: c.fraction,
            spelled: c.spelled,
            lone_one: c.lone_one,
            plain_integer: None,
            number,
            end: 0,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The look at the word after a number changes no unit that
        /// [`unit_suffix`] reads: percent words and signs, currencies,
        /// degrees, pence, units of time and measure, suffixes, and words
        /// that are none, in either case.
        #[test]
        fn the_word_after_changes_no_unit(
            number in "1|3|21|212|1990|2\\.5|one|forty",
            rest in "( |  |-|\\t)?(%|\\u{b0}C|C|F|p|pc|s|'s|st|nd|th|c|l|le|LE|l\\.e\\.|[a-zA-Z]{1,7}|percent|per cent|pct|usd|USD|dollars|euros|yuan|cents|MUSD|US|Swiss|year|years|km|tonnes|m|feet|hours)?( (old|million|francs|points|[a-z]{1,5}|dollars)|\\.|,|-[a-z]{1,4})?",
        ) {
            let c = cardinal::cardinal(&number).map(|(_, c)| c).expect("a number");
            let text = format!("{number}{rest}");
            let blank = blank_amount(&c, 0..number.len());
            let (mut a, mut b) = (blank.clone(), blank);
            let fast = unit_suffix(&text[number.len()..], &c, &mut a);
            let read = unit_suffix_read(&text[number.len()..], &c, &mut b);
            proptest::prop_assert_eq!(fast, read);
            proptest::prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
    }

    /// The same after every run of digits in `../shared/realnews`, as
    /// the cardinal reads it; skipped when it is missing.
    #[test]
    fn the_word_after_changes_no_unit_in_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        let mut turned_away = 0;
        for s in stories {
            let t = s.text.as_str();
            for (k, _) in t.match_indices(|ch: char| ch.is_ascii_digit()) {
                if k > 0 && t.as_bytes()[k - 1].is_ascii_digit() {
                    continue;
                }
                let Ok((rest, c)) = cardinal::cardinal(&t[k..]) else {
                    continue;
                };
                let blank = blank_amount(&c, k..t.len() - rest.len());
                turned_away += usize::from(!unit_word_read(rest));
                let (mut a, mut b) = (blank.clone(), blank);
                let fast = unit_suffix(rest, &c, &mut a);
                let read = unit_suffix_read(rest, &c, &mut b);
                assert_eq!(fast, read, "{} at {k}", s.id);
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{} at {k}", s.id);
            }
        }
        assert!(turned_away > 0, "no word turned away");
    }
}
