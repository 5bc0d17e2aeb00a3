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

/// The longest trigger: a longer word is none.
const TRIGGER_MAX: usize = 11;
// [`is_trigger`] reads the bytes past eight from the four before the
// word's end, which holds to twelve
const _: () = assert!(TRIGGER_MAX <= 12, "is_trigger packs at most 12 bytes");

/// The letters of a word of up to 16 bytes, packed little-endian into two
/// words (bytes 0 to 7, then 8 to 15; 0 past the word), each byte OR-ed
/// with 0x20: the lower case of an ASCII letter, and no lower-case letter
/// for any other byte. A word of letters packs as its lower case; a
/// trigger's packing is its own.
const fn packed(w: &[u8]) -> (u64, u64) {
    let (mut lo, mut hi) = (0u64, 0u64);
    let mut k = 0;
    while k < w.len() {
        let b = (w[k] | 0x20) as u64;
        if k < 8 {
            lo |= b << (8 * k);
        } else {
            hi |= b << (8 * (k - 8));
        }
        k += 1;
    }
    (lo, hi)
}

/// log2 of the slots of [`TRIGGER_TABLE`]: a third of them or fewer hold
/// a trigger.
const TRIGGER_BITS: u32 = 9;

/// log2 of the bits of [`TRIGGER_FILTER`]: one in twenty of them or
/// fewer is set (136 triggers set about one in thirty: room for about 70
/// more before the filter needs more bits).
const FILTER_BITS: u32 = 12;

/// A multiplicative hash of the first eight bytes of a packed word: its top
/// [`FILTER_BITS`] pick a bit of the filter, its top [`TRIGGER_BITS`] the
/// slot where the table's search starts. Triggers that share eight letters
/// (`thousand`, `thousands`) share a slot and lie next to each other.
#[inline]
const fn trigger_hash(lo: u64) -> u64 {
    lo.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The packed triggers in an open-addressing table (linear probing; an
/// empty slot is `(0, 0)`): built with the program.
static TRIGGER_TABLE: [(u64, u64); 1 << TRIGGER_BITS] = {
    let mut t = [(0u64, 0u64); 1 << TRIGGER_BITS];
    assert!(
        TRIGGERS.len() * 3 <= t.len(),
        "a table at most a third full"
    );
    let mut k = 0;
    while k < TRIGGERS.len() {
        let w = TRIGGERS[k].as_bytes();
        assert!(
            w.len() >= 3 && w.len() <= TRIGGER_MAX,
            "a trigger of 3 to TRIGGER_MAX letters"
        );
        let p = packed(w);
        let mut at = (trigger_hash(p.0) >> (64 - TRIGGER_BITS)) as usize;
        while t[at].0 != 0 {
            at = (at + 1) & (t.len() - 1);
        }
        t[at] = p;
        k += 1;
    }
    t
};

/// A bit for the hash of each trigger's first eight letters (a Bloom
/// filter of one hash, 512 bytes): most words that are no trigger find
/// their bit clear, with one multiplication and one load.
static TRIGGER_FILTER: [u64; 1 << (FILTER_BITS - 6)] = {
    let mut f = [0u64; 1 << (FILTER_BITS - 6)];
    assert!(
        TRIGGERS.len() * 20 <= 1 << FILTER_BITS,
        "a filter of few bits set"
    );
    let mut k = 0;
    while k < TRIGGERS.len() {
        let h = (trigger_hash(packed(TRIGGERS[k].as_bytes()).0) >> (64 - FILTER_BITS)) as usize;
        f[h >> 6] |= 1 << (h & 63);
        k += 1;
    }
    f
};

/// [`is_trigger`] of the word of `n` bytes whose first eight bytes are
/// `lo` and whose next eight `hi` gives (little-endian; the bytes from `n`
/// on may be anything): the scanner's test, which loads them from the
/// text, the second eight only when the filter passes a word of more than
/// eight. A word of 3 to [`TRIGGER_MAX`] bytes is packed as [`packed`]
/// does, then tested against [`TRIGGER_FILTER`], and only then looked up
/// in [`TRIGGER_TABLE`].
#[inline]
pub fn is_trigger_loaded(lo: u64, n: usize, hi: impl FnOnce() -> u64) -> bool {
    const CASE: u64 = 0x2020_2020_2020_2020;
    // the first n bytes of sixteen, as masks: built with the program
    const LOW: [u64; 16] = {
        let mut t = [!0u64; 16];
        let mut k = 0;
        while k < 8 {
            t[k] = (1 << (8 * k)) - 1;
            k += 1;
        }
        t
    };
    if !(3..=TRIGGER_MAX).contains(&n) {
        return false;
    }
    // the bytes of the word in the first eight
    let lo = (lo | CASE) & LOW[n];
    let h = trigger_hash(lo);
    let bit = (h >> (64 - FILTER_BITS)) as usize;
    if TRIGGER_FILTER[bit >> 6] >> (bit & 63) & 1 == 0 {
        return false;
    }
    // n - 8 is 0 to 3 bytes of the second eight
    let hi = if n > 8 { (hi() | CASE) & LOW[n - 8] } else { 0 };
    let mut at = (h >> (64 - TRIGGER_BITS)) as usize;
    loop {
        let (l, m) = TRIGGER_TABLE[at];
        if l == lo && m == hi {
            return true;
        }
        if l == 0 {
            return false;
        }
        at = (at + 1) & (TRIGGER_TABLE.len() - 1);
    }
}

/// Whether the scanner should start the grammar at this word (in any
/// case).
#[inline]
pub fn is_trigger(w: &[u8]) -> bool {
    let n = w.len();
    if !(3..=TRIGGER_MAX).contains(&n) {
        return false;
    }
    // the word's bytes with a few overlapping loads, not a copy of unknown
    // length (the lookup masks what lies past the word)
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([w[i], w[i + 1], w[i + 2], w[i + 3]]));
    let (lo, hi) = if n >= 8 {
        let lo = u64::from_le_bytes(w[..8].try_into().unwrap_or([0; 8]));
        // bytes 8 to n - 1 are the last n - 8 of the four before n
        (lo, u32_at(n - 4) >> (8 * (12 - n)))
    } else if n >= 4 {
        (u32_at(0) | (u32_at(n - 4) << (8 * (n - 4))), 0)
    } else {
        (
            u64::from(w[0]) | u64::from(w[1]) << 8 | u64::from(w[2]) << 16,
            0,
        )
    };
    is_trigger_loaded(lo, n, || hi)
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

    /// The reference for [`is_trigger`]: the list as a word set.
    fn is_trigger_in_set(w: &[u8]) -> bool {
        crate::word_set!(TRIGGERS).contains_bytes(w)
    }

    /// [`is_trigger`], and [`is_trigger_loaded`] with anything after the
    /// word, against the word set.
    fn agrees_with_the_set(w: &[u8], after: &[u8]) {
        let want = is_trigger_in_set(w);
        assert_eq!(is_trigger(w), want, "{w:?}");
        let mut b = [0u8; 16];
        let n = w.len().min(16);
        b[..n].copy_from_slice(&w[..n]);
        for (k, &a) in after.iter().enumerate().take(16 - n) {
            b[n + k] = a;
        }
        let lo = u64::from_le_bytes(b[..8].try_into().unwrap());
        let hi = u64::from_le_bytes(b[8..].try_into().unwrap());
        if w.len() <= 16 {
            assert_eq!(
                is_trigger_loaded(lo, w.len(), || hi),
                want,
                "{w:?} {after:?}"
            );
        }
    }

    #[test]
    fn every_trigger_is_one_in_any_case_and_its_neighbours_are_not() {
        let mut found = 0;
        for w in TRIGGERS {
            for v in [w.to_string(), w.to_ascii_uppercase(), {
                let mut c = w.to_string();
                c[..1].make_ascii_uppercase();
                c
            }] {
                assert!(is_trigger(v.as_bytes()), "{v}");
                agrees_with_the_set(v.as_bytes(), b"s of the 123");
                found += 1;
            }
            // one letter more, one fewer, one changed, a byte that is no
            // letter in its place: no trigger unless the list has it
            let b = w.as_bytes();
            for k in 0..b.len() {
                let mut shorter = b.to_vec();
                shorter.remove(k);
                agrees_with_the_set(&shorter, b"xyz");
                for c in [
                    b'a', b'e', b's', b'@', b'[', b'`', b'{', 0, 0x80, 0xc1, b'0', b' ',
                ] {
                    let mut changed = b.to_vec();
                    changed[k] = c;
                    agrees_with_the_set(&changed, b"");
                    let mut longer = b.to_vec();
                    longer.insert(k, c);
                    agrees_with_the_set(&longer, b" ");
                }
            }
        }
        assert_eq!(found, 3 * TRIGGERS.len());
        for w in [
            "the",
            "this",
            "",
            "a",
            "on",
            "ones",
            "thousandthss",
            "Thousandths",
        ] {
            agrees_with_the_set(w.as_bytes(), b"");
        }
    }

    proptest::proptest! {
        /// The table finds what the word set finds, whatever follows the
        /// word.
        #[test]
        fn the_trigger_table_is_the_word_set(
            w in "[a-zA-Z]{0,14}|[a-zA-Z@\\[`{ 0-9]{0,12}|(one|ten|half|thousand|million|march)[a-z]{0,3}",
            after in proptest::collection::vec(proptest::num::u8::ANY, 0..16),
        ) {
            agrees_with_the_set(w.as_bytes(), &after);
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
