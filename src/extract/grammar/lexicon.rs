//! Number words and their values.
//!
//! ```text
//! unit     = "zero" | "nought" | "naught" | "one" | ... | "nine"
//! teen     = "ten" | "eleven" | ... | "nineteen"
//! tens     = "twenty" | "thirty" | ... | "ninety"
//! hundred  = "hundred"
//! scale    = "thousand" | "lakh" | "million" | "crore" | "billion" | "trillion" | ...
//! ordinal  = "half" | "third" | "quarter" | "fourth" | ... | "hundredth" | "millionth" (+ "s")
//! ```
//!
//! Lookups are on ASCII-lower-cased words: the parsers read a word with
//! [`super::alpha_word_ci`], which lower-cases it on the stack once, and ask
//! the `*_lower` lookups; a word in any case goes through [`super::Lower`].

use super::Lower;

/// The kind and value of a cardinal number word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWord {
    Unit(u8),
    Teen(u8),
    Tens(u8),
    Hundred,
    Scale(f64),
    Dozen,
}

/// The cardinal meaning of a word in any case (`Twenty` → `Tens(20)`).
pub fn number_word(w: &str) -> Option<NumberWord> {
    number_word_lower(&Lower::new(w))
}

/// A `match` of lower-case words and the list of its words, written once:
/// a filter built from the list (a [`crate::text::words::WordSet`]) then
/// turns away no word the `match` knows.
macro_rules! word_match {
    ($(#[$attr:meta])* $vis:vis fn $name:ident -> $out:ty; const $list:ident; { $($($w:literal)|+ => $v:expr,)* }) => {
        $(#[$attr])*
        $vis fn $name(l: &str) -> Option<$out> {
            Some(match l {
                $($($w)|+ => $v,)*
                _ => return None,
            })
        }
        /// Every word of the `match` of the function of the same name.
        pub(crate) const $list: &[&str] = &[$($($w),+),*];
    };
}
pub(crate) use word_match;

word_match! {
    /// [`number_word`] of a word lower-cased already.
    pub fn number_word_lower -> NumberWord;
    const NUMBER_WORDS;
    {
        "zero" | "nought" | "naught" | "nil" => NumberWord::Unit(0),
        "one" => NumberWord::Unit(1),
        "two" => NumberWord::Unit(2),
        "three" => NumberWord::Unit(3),
        "four" => NumberWord::Unit(4),
        "five" => NumberWord::Unit(5),
        "six" => NumberWord::Unit(6),
        "seven" => NumberWord::Unit(7),
        "eight" => NumberWord::Unit(8),
        "nine" => NumberWord::Unit(9),
        "ten" => NumberWord::Teen(10),
        "eleven" => NumberWord::Teen(11),
        "twelve" => NumberWord::Teen(12),
        "thirteen" => NumberWord::Teen(13),
        "fourteen" => NumberWord::Teen(14),
        "fifteen" => NumberWord::Teen(15),
        "sixteen" => NumberWord::Teen(16),
        "seventeen" => NumberWord::Teen(17),
        "eighteen" => NumberWord::Teen(18),
        "nineteen" => NumberWord::Teen(19),
        "twenty" => NumberWord::Tens(20),
        "thirty" => NumberWord::Tens(30),
        "forty" | "fourty" => NumberWord::Tens(40),
        "fifty" => NumberWord::Tens(50),
        "sixty" => NumberWord::Tens(60),
        "seventy" => NumberWord::Tens(70),
        "eighty" => NumberWord::Tens(80),
        "ninety" => NumberWord::Tens(90),
        "hundred" => NumberWord::Hundred,
        "thousand" => NumberWord::Scale(1e3),
        // South Asian scales, with the abbreviations Indian copy uses
        "lakh" | "lakhs" | "lac" | "lacs" | "lkh" | "lkhs" => NumberWord::Scale(1e5),
        "million" => NumberWord::Scale(1e6),
        "crore" | "crores" | "krore" | "krores" | "koti" | "cr" => NumberWord::Scale(1e7),
        "billion" => NumberWord::Scale(1e9),
        "trillion" => NumberWord::Scale(1e12),
        "quadrillion" => NumberWord::Scale(1e15),
        "quintillion" => NumberWord::Scale(1e18),
        "sextillion" => NumberWord::Scale(1e21),
        "dozen" => NumberWord::Dozen,
    }
}

/// The denominator an ordinal word stands for in a fraction (`thirds` → 3),
/// with whether it is plural. `first` and `second` are never denominators on
/// their own.
pub fn denominator(w: &str) -> Option<(f64, bool)> {
    denominator_lower(&Lower::new(w))
}

/// [`denominator`] of a word lower-cased already.
pub fn denominator_lower(l: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match l {
        "halves" => return Some((2.0, true)),
        "half" => return Some((2.0, false)),
        _ if l.len() > 3 && l.ends_with('s') => (&l[..l.len() - 1], true),
        _ => (l, false),
    };
    ordinal_value(stem.as_bytes())
        .filter(|&v| v >= 3.0 || stem == "quarter")
        .map(|v| (v, plural))
}

/// The value of an ordinal word (`fifth` → 5, `quarter` → 4).
pub fn ordinal_value(l: &[u8]) -> Option<f64> {
    std::str::from_utf8(l).ok().and_then(ordinal_lower)
}

word_match! {
    /// [`ordinal_value`] of a word as a string.
    fn ordinal_lower -> f64;
    const ORDINALS;
    {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" | "quarter" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "sixtieth" => 60.0,
        "seventieth" => 70.0,
        "eightieth" => 80.0,
        "ninetieth" => 90.0,
        "hundredth" => 100.0,
        "thousandth" => 1e3,
        "millionth" => 1e6,
        "billionth" => 1e9,
        "trillionth" => 1e12,
    }
}

/// Per first and last byte of a word (folded to five bits, so that the
/// case of a letter does not matter), the lengths of some listed words as
/// bits: a filter built with the program, which every listed word passes
/// in any case and most other words fail with one load.
#[derive(Debug)]
pub struct WordEnds([[u32; 32]; 32]);

impl WordEnds {
    /// The filter of no word.
    pub const EMPTY: WordEnds = WordEnds([[0; 32]; 32]);

    /// The filter with the word `w` (1 to 31 bytes) added.
    #[must_use]
    pub const fn with(mut self, w: &[u8]) -> WordEnds {
        assert!(!w.is_empty() && w.len() < 32, "a word of 1 to 31 bytes");
        self.0[(w[0] & 0x1f) as usize][(w[w.len() - 1] & 0x1f) as usize] |= 1 << w.len();
        self
    }

    /// The filter with the words of `lists` added, and each also with an
    /// `s` after it when `plurals`.
    #[must_use]
    pub const fn with_lists(mut self, lists: &[&[&str]], plurals: bool) -> WordEnds {
        let mut l = 0;
        while l < lists.len() {
            let mut k = 0;
            while k < lists[l].len() {
                let w = lists[l][k].as_bytes();
                self = self.with(w);
                if plurals {
                    // the word with an `s`: its first byte, an `s` last
                    assert!(w.len() < 31, "a word of 1 to 30 bytes");
                    self.0[(w[0] & 0x1f) as usize][(b's' & 0x1f) as usize] |= 1 << (w.len() + 1);
                }
                k += 1;
            }
            l += 1;
        }
        self
    }

    /// Whether `w` may be a word of the filter: one that fails is none.
    #[inline]
    pub fn may_hold(&self, w: &[u8]) -> bool {
        match (w.first(), w.last()) {
            (Some(&a), Some(&z)) if w.len() < 32 => {
                self.0[usize::from(a & 0x1f)][usize::from(z & 0x1f)] >> w.len() & 1 == 1
            }
            _ => false,
        }
    }
}

/// The number words, the ordinals and `half`, `halves`, each also with an
/// `s` after it: what [`number_word_lower`] and [`denominator_lower`] may
/// know, for filters of the words they are asked.
pub const NUMBER_AND_ORDINAL_WORDS: &[&[&str]] = &[NUMBER_WORDS, ORDINALS, &["half", "halves"]];

/// The words that can *begin* a figure; qualifiers are looked up backwards.
const TRIGGERS: &[&str] = &[
    "zero",
    "nought",
    "naught",
    "nil",
    "pair",
    // "a dollar": the scanner looks back for the article; money::ONE_UNIT
    "dollar",
    "euro",
    "pound",
    "rupee",
    "rouble",
    "ruble",
    "franc",
    "peso",
    "shekel",
    "cent",
    "penny",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "lakh",
    "crore",
    "dozen",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "tens",
    "half",
    "halves",
    "quarter",
    "quarters",
    "third",
    "thirds",
    "fourth",
    "fourths",
    "fifth",
    "fifths",
    "sixth",
    "sixths",
    "seventh",
    "sevenths",
    "eighth",
    "eighths",
    "ninth",
    "ninths",
    "tenth",
    "tenths",
    "hundredth",
    "hundredths",
    "thousandth",
    "thousandths",
    "millionth",
    "millionths",
    "billionth",
    "trillionth",
    "trillionths",
    "minus",
    "negative",
    "percent",
    "percents",
    "per",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "usd",
    "eur",
    "gbp",
    "jpy",
    "cad",
    "aud",
    "chf",
    "cny",
    "rmb",
    "inr",
    "rub",
    "uah",
    "mex",
];

/// Per first and last letter of a trigger (folded to five bits, so that
/// case does not matter), its lengths as bits: built with the program.
static TRIGGER_ENDS: WordEnds = WordEnds::EMPTY.with_lists(&[TRIGGERS], false);

/// The same per second and last but one letter of a trigger (every trigger
/// has three letters or more): `this` passes the ends of `tens`, not
/// these.
static TRIGGER_INNER: WordEnds = {
    let mut t = WordEnds::EMPTY;
    let mut k = 0;
    while k < TRIGGERS.len() {
        let w = TRIGGERS[k].as_bytes();
        assert!(w.len() >= 3, "a trigger of three letters or more");
        t.0[(w[1] & 0x1f) as usize][(w[w.len() - 2] & 0x1f) as usize] |= 1 << w.len();
        k += 1;
    }
    t
};

/// A test that every trigger passes and most other words fail (`the`: no
/// trigger of three letters starts with a t and ends with an e; `this`:
/// no trigger of four letters has an h second and an i third), with two
/// loads from tables built with the program: the scanner asks it of every
/// word before [`is_trigger`].
#[inline]
pub fn may_be_trigger(w: &[u8]) -> bool {
    w.len() >= 3
        && TRIGGER_ENDS.may_hold(w)
        && TRIGGER_INNER.0[usize::from(w[1] & 0x1f)][usize::from(w[w.len() - 2] & 0x1f)] >> w.len()
            & 1
            == 1
}

/// Whether the scanner should start the grammar at this word.
pub fn is_trigger(w: &[u8]) -> bool {
    (3..=16).contains(&w.len()) && crate::word_set!(TRIGGERS).contains_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_currency_an_article_can_count_is_a_trigger() {
        for w in super::super::money::ONE_UNIT {
            assert!(is_trigger(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn every_trigger_may_be_one_in_any_case() {
        for w in TRIGGERS {
            assert!(may_be_trigger(w.as_bytes()), "{w}");
            assert!(may_be_trigger(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        assert!(!may_be_trigger(b"the"));
        assert!(!may_be_trigger(b"this"));
        assert!(!may_be_trigger(b""));
    }

    proptest::proptest! {
        /// The filter turns away no trigger: a word it fails is none.
        #[test]
        fn words_that_fail_the_filter_are_no_triggers(w in "[a-zA-Z]{0,40}") {
            if !may_be_trigger(w.as_bytes()) {
                proptest::prop_assert!(!is_trigger(w.as_bytes()));
            }
        }
    }

    #[test]
    fn words_have_their_values() {
        assert_eq!(number_word("Twenty"), Some(NumberWord::Tens(20)));
        assert_eq!(number_word("nought"), Some(NumberWord::Unit(0)));
        assert_eq!(number_word("million"), Some(NumberWord::Scale(1e6)));
        assert_eq!(number_word("people"), None);
        for (w, v) in [
            ("lakhs", 1e5),
            ("lkh", 1e5),
            ("lacs", 1e5),
            ("koti", 1e7),
            ("Cr", 1e7),
        ] {
            assert_eq!(number_word(w), Some(NumberWord::Scale(v)), "{w}");
        }
    }

    #[test]
    fn ordinals_as_denominators() {
        assert_eq!(denominator("thirds"), Some((3.0, true)));
        assert_eq!(denominator("quarter"), Some((4.0, false)));
        assert_eq!(denominator("half"), Some((2.0, false)));
        assert_eq!(denominator("second"), None);
        assert_eq!(denominator("hundredths"), Some((100.0, true)));
    }

    #[test]
    fn triggers_are_case_insensitive_and_exclude_common_words() {
        assert!(is_trigger(b"Fifty"));
        assert!(is_trigger(b"FEB"));
        assert!(!is_trigger(b"the"));
        assert!(!is_trigger(b"a"));
        assert!(!is_trigger(b"people"));
    }
}
