//! The nom grammar for figures in news text.
//!
//! One module per construct, each with its grammar in its doc comment. All
//! parsers take `&str` positioned at a candidate and return the rest, so a
//! span is always `input.len() - rest.len()`; nothing is copied.
//!
//! The parsers are forward-only. What comes *before* a figure (`at least`,
//! `between`, `Section`) is looked up by [`qualifier`] and [`guard`] on the
//! text to the left of the candidate, so the scanner only ever starts nom at
//! digits, currency signs and number words.

pub mod cardinal;
pub mod change;
pub mod date;
pub mod duration;
pub mod guard;
pub mod lexicon;
pub mod money;
pub mod numeral;
pub mod percent;
pub mod qualifier;
pub mod range;
pub mod scale;
pub mod vague;

use nom::{IResult, Parser};

/// Horizontal space inside a figure: spaces, tabs, no-break and thin spaces.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}'
    )
}

/// What a grammar rule returns: the rest of the input and what it read. A
/// rule that does not match fails with `()`: the grammar then tries the
/// next rule and never reports the failure, so it carries nothing (and
/// costs nothing to make).
pub type Rule<'a, O> = IResult<&'a str, O, ()>;

/// A rule's failure, for the rules whose body is a test rather than a
/// combinator.
#[inline]
pub fn miss<'a, T>() -> Rule<'a, T> {
    Err(nom::Err::Error(()))
}

/// `SPACE*`: the horizontal space `i` starts with ([`is_space`]).
#[inline]
pub fn spaces(i: &str) -> Rule<'_, &str> {
    // `take_while(is_space)` with the standard library's trim, which
    // skips the common case (no space, or one ASCII space) faster than
    // nom's search by characters: this rule runs after every figure
    let n = i.len() - i.trim_start_matches(is_space).len();
    Ok((&i[n..], &i[..n]))
}

/// `ASCII-LETTER*`, eight bytes at a time ([`alpha_run`]): nom's
/// `take_while` searches by characters, and this rule runs after every
/// number.
#[inline]
pub fn ascii_letters(i: &str) -> Rule<'_, &str> {
    let n = alpha_run(i.as_bytes());
    Ok((&i[n..], &i[..n]))
}

/// A word boundary, where nothing is read: the end of the text or a
/// character that is no letter or digit.
#[inline]
pub fn boundary(i: &str) -> Rule<'_, ()> {
    if boundary_after(i) {
        Ok((i, ()))
    } else {
        miss()
    }
}

/// An ASCII word ending at a word boundary, lower-cased on the stack:
/// [`alpha_word_ci`] as a rule.
#[inline]
pub fn word_ci(i: &str) -> Rule<'_, Lower> {
    alpha_word_ci(i).ok_or(nom::Err::Error(()))
}

/// The word `w` (written in lower case) in any case.
pub fn keyword<'a>(w: &'static str) -> impl Parser<&'a str, Output = (), Error = ()> {
    nom::combinator::map(
        nom::combinator::verify(word_ci, move |l: &Lower| *l == w),
        |_| (),
    )
}

/// Whether the character before byte `at` ends a word (or `at` is 0).
pub fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether `rest` starts at a word boundary (not in the middle of a word).
pub fn boundary_after(rest: &str) -> bool {
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// The words to the left of `at`, nearest first, as (start, word) pairs.
/// Only spaces may separate them: any other character (a comma, a full
/// stop, a quotation mark) ends the walk, so qualifiers never cross a clause.
pub fn words_before(text: &str, at: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut end = at;
    let mut first = true;
    std::iter::from_fn(move || {
        let mut e = end;
        while e > 0 && matches!(bytes[e - 1], b' ' | b'\t') {
            e -= 1;
        }
        // a no-break space, U+00A0
        if e >= 2 && bytes[e - 2] == 0xC2 && bytes[e - 1] == 0xA0 {
            e -= 2;
        }
        if e == end && !first {
            return None; // no space between two words: not a separate word
        }
        first = false;
        let s = e - word_run_back(&bytes[..e]);
        if s == e {
            return None;
        }
        end = s;
        Some((s, &text[s..e]))
    })
}

/// How many bytes at the end of `b` are ASCII letters or `'`, eight at a
/// time: the word [`words_before`] steps back over.
#[inline]
fn word_run_back(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    let mut n = 0;
    while let Some(chunk) = b.len().checked_sub(n + 8).map(|k| &b[k..k + 8]) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // each test in the high bit of each byte (no carry crosses a
        // byte: the 7-bit values plus the offsets stay below 0x100)
        let l = (x | (0x20 * ONES)) & (0x7f * ONES);
        let letters =
            (l + (0x80 - u64::from(b'a')) * ONES) & !(l + (0x80 - u64::from(b'z') - 1) * ONES);
        let t = x ^ (u64::from(b'\'') * ONES);
        let apostrophes = !(((t & (0x7f * ONES)) + 0x7f * ONES) | t);
        let word = (letters & !x | apostrophes) & HIGH;
        // the last byte is the most significant: count from the top
        let last_other = (!word & HIGH).leading_zeros() as usize / 8;
        n += last_other;
        if last_other < 8 {
            return n;
        }
    }
    n + b[..b.len() - n]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic() || **c == b'\'')
        .count()
}

/// An ASCII word at the start of `i`, lower-cased on the stack, ending at a
/// word boundary.
pub fn alpha_word_ci(i: &str) -> Option<(&str, Lower)> {
    let b = i.as_bytes();
    let n = alpha_run(b);
    if n == 0 || n > Lower::CAPACITY {
        return None;
    }
    // after the letters: an ASCII byte is no letter, so only a digit
    // joins the word; another character is asked of Unicode
    let joined = match b.get(n) {
        Some(c) if c.is_ascii() => c.is_ascii_digit(),
        Some(_) => !boundary_after(&i[n..]),
        None => false,
    };
    if joined {
        return None;
    }
    Some((&i[n..], Lower::letters(i, n)))
}

/// How many ASCII letters `b` starts with, eight bytes at a time.
pub(crate) fn alpha_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // lower-case by setting 0x20, then test 'a' <= byte <= 'z' in
        // each byte's high bit (no carry crosses a byte: the 7-bit values
        // plus the offsets stay below 0x100); ASCII bytes only
        let l = (x | (0x20 * ONES)) & (0x7f * ONES);
        let at_least_a = l + (0x80 - u64::from(b'a')) * ONES;
        let past_z = l + (0x80 - u64::from(b'z') - 1) * ONES;
        let letters = at_least_a & !past_z & !x & (0x80 * ONES);
        let first_other = (!letters & (0x80 * ONES)).trailing_zeros() as usize / 8;
        n += first_other;
        if first_other < 8 {
            return n;
        }
    }
    n + b[n..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
}

/// An ASCII-lower-cased copy of a short word on the stack: the grammar and
/// the frame compare many words with fixed lists and must not allocate for
/// each. A word that is longer or not ASCII becomes the empty word, which
/// is in no list.
#[derive(Clone, Copy)]
pub struct Lower(arrayvec::ArrayString<{ Lower::CAPACITY }>);

impl Lower {
    pub const CAPACITY: usize = 24;

    pub fn new(w: &str) -> Lower {
        let mut buf = arrayvec::ArrayString::new();
        if w.is_ascii() && buf.try_push_str(w).is_ok() {
            buf.make_ascii_lowercase();
        }
        Lower(buf)
    }

    /// [`Lower::new`] of the `n` ASCII letters `i` starts with (at most
    /// [`Lower::CAPACITY`]). Where the text goes on for the whole capacity,
    /// that many bytes are copied and cut to the word: a copy of fixed
    /// size, made in place, where one of the word's length calls `memcpy`.
    ///
    /// The copy of fixed size is lower-cased whole before it is cut: a
    /// loop of known length, which the compiler unrolls, where one over
    /// the word's length runs byte by byte. The bytes after the word stay
    /// UTF-8 (only ASCII capitals change) and are cut off.
    fn letters(i: &str, n: usize) -> Lower {
        match i.get(..Lower::CAPACITY) {
            Some(head) => {
                let mut b = arrayvec::ArrayString::<{ Lower::CAPACITY }>::new();
                if b.try_push_str(head).is_ok() {
                    b.make_ascii_lowercase();
                    b.truncate(n);
                }
                Lower(b)
            }
            None => {
                let mut b = arrayvec::ArrayString::from(&i[..n]).unwrap_or_default();
                b.make_ascii_lowercase();
                Lower(b)
            }
        }
    }

    pub fn as_str(&self) -> &str {
        // an `ArrayString` is a `str` already: no UTF-8 check on every
        // comparison, as a byte buffer would need
        &self.0
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Lower {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Debug for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// Inputs for the tests of a sieve of words: a word of `lists` or of
/// random letters, with or without an `s` after it, its letters in any
/// case, then what may follow a word (a hyphen, a digit, a dollar sign, a
/// full stop, a letter of another script) and maybe a space and another
/// such word.
#[cfg(test)]
pub(crate) fn words_in_any_case(
    lists: &[&[&'static str]],
) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy as _;
    let listed: Vec<&'static str> = lists.concat();
    let word = move || {
        (
            proptest::prop_oneof![
                proptest::sample::select(listed.clone()).prop_map(str::to_string),
                "[a-zA-Z]{1,12}",
            ],
            proptest::bool::ANY,
            proptest::collection::vec(proptest::bool::ANY, 32),
        )
            .prop_map(|(w, plural, upper)| {
                let w: String = w
                    .chars()
                    .zip(&upper)
                    .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                    .collect();
                format!("{w}{}", if plural { "s" } else { "" })
            })
    };
    (word(), "[\\-$.,1éa-z]{0,2}", proptest::option::of(word())).prop_map(|(w, tail, next)| {
        match next {
            Some(n) => format!("{w}{tail} {n}"),
            None => format!("{w}{tail}"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`alpha_word_ci`] as it was written first: a plain count of the
    /// letters, the boundary asked of Unicode, a copy lower-cased.
    fn alpha_word_plain(i: &str) -> Option<(&str, Lower)> {
        let n = i.bytes().take_while(u8::is_ascii_alphabetic).count();
        if n == 0 || n > Lower::CAPACITY || !boundary_after(&i[n..]) {
            return None;
        }
        Some((&i[n..], Lower::new(&i[..n])))
    }

    proptest::proptest! {
        #[test]
        fn word_runs_back_count_letters_and_apostrophes(b in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::num::u8::ANY,
                proptest::sample::select(b"azAZ@[`{09 '\xc2\xa0".to_vec()),
                proptest::sample::select(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'".to_vec()),
            ],
            0..40,
        )) {
            let plain = b.iter().rev().take_while(|c| c.is_ascii_alphabetic() || **c == b'\'').count();
            proptest::prop_assert_eq!(word_run_back(&b), plain);
        }
    }

    #[test]
    fn word_runs_back_stop_at_every_byte_that_is_no_letter() {
        for other in 0..=255u8 {
            for at in 0..20 {
                let mut b = vec![b'q'; 20];
                b[at] = other;
                let word = other.is_ascii_alphabetic() || other == b'\'';
                let want = if word { 20 } else { 19 - at };
                assert_eq!(word_run_back(&b), want, "byte {other:#x} at {at}");
            }
        }
    }

    /// [`words_before`] as it was written first, byte by byte.
    fn words_before_plain(text: &str, at: usize) -> Vec<(usize, &str)> {
        let bytes = text.as_bytes();
        let mut end = at;
        let mut first = true;
        std::iter::from_fn(move || {
            let mut e = end;
            while e > 0 && matches!(bytes[e - 1], b' ' | b'\t') {
                e -= 1;
            }
            if e >= 2 && &bytes[e - 2..e] == "\u{a0}".as_bytes() {
                e -= 2;
            }
            if e == end && !first {
                return None;
            }
            first = false;
            let mut s = e;
            while s > 0 && (bytes[s - 1].is_ascii_alphabetic() || bytes[s - 1] == b'\'') {
                s -= 1;
            }
            if s == e {
                return None;
            }
            end = s;
            Some((s, &text[s..e]))
        })
        .collect()
    }

    proptest::proptest! {
        #[test]
        fn words_before_reads_as_the_plain_walk(
            s in "([a-zA-Z']{0,12}[ \t\u{a0},.é0-9]{0,2}){0,6}",
        ) {
            for at in (0..=s.len()).filter(|&k| s.is_char_boundary(k)) {
                let fast: Vec<_> = words_before(&s, at).collect();
                proptest::prop_assert_eq!(&fast, &words_before_plain(&s, at));
                // the walk goes on as a walk started afresh at the start
                // of the nearest word: what `qualifier::before_near` relies on
                if let Some(&(ws, _)) = fast.first() {
                    let again: Vec<_> = words_before(&s, ws).collect();
                    proptest::prop_assert_eq!(&fast[1..], &again[..]);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_read_as_a_plain_reading_reads_them(
            s in "[a-zA-Z]{0,30}[ 0-9a-zA-Z.,'é日\u{a0}-]{0,3}"
        ) {
            let fast = alpha_word_ci(&s).map(|(r, w)| (r, w.to_string()));
            let plain = alpha_word_plain(&s).map(|(r, w)| (r, w.to_string()));
            proptest::prop_assert_eq!(fast, plain);
        }
    }
}
