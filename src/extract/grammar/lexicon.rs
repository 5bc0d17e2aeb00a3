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
//! Lookups are on ASCII-lowercased words of at most 16 bytes, so callers can
//! lowercase into a stack buffer and never allocate.

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

/// Lowercase an ASCII word into a buffer; `None` when too long or not ASCII.
pub fn lower<'b>(w: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let b = w.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..b.len()])
}

/// The cardinal meaning of a word (`twenty` → `Tens(20)`).
pub fn number_word(w: &str) -> Option<NumberWord> {
    let mut buf = [0u8; 16];
    let l = lower(w, &mut buf)?;
    Some(match l {
        b"zero" | b"nought" | b"naught" | b"nil" => NumberWord::Unit(0),
        b"one" => NumberWord::Unit(1),
        b"two" => NumberWord::Unit(2),
        b"three" => NumberWord::Unit(3),
        b"four" => NumberWord::Unit(4),
        b"five" => NumberWord::Unit(5),
        b"six" => NumberWord::Unit(6),
        b"seven" => NumberWord::Unit(7),
        b"eight" => NumberWord::Unit(8),
        b"nine" => NumberWord::Unit(9),
        b"ten" => NumberWord::Teen(10),
        b"eleven" => NumberWord::Teen(11),
        b"twelve" => NumberWord::Teen(12),
        b"thirteen" => NumberWord::Teen(13),
        b"fourteen" => NumberWord::Teen(14),
        b"fifteen" => NumberWord::Teen(15),
        b"sixteen" => NumberWord::Teen(16),
        b"seventeen" => NumberWord::Teen(17),
        b"eighteen" => NumberWord::Teen(18),
        b"nineteen" => NumberWord::Teen(19),
        b"twenty" => NumberWord::Tens(20),
        b"thirty" => NumberWord::Tens(30),
        b"forty" | b"fourty" => NumberWord::Tens(40),
        b"fifty" => NumberWord::Tens(50),
        b"sixty" => NumberWord::Tens(60),
        b"seventy" => NumberWord::Tens(70),
        b"eighty" => NumberWord::Tens(80),
        b"ninety" => NumberWord::Tens(90),
        b"hundred" => NumberWord::Hundred,
        b"thousand" => NumberWord::Scale(1e3),
        // South Asian scales, with the abbreviations Indian copy uses
        b"lakh" | b"lakhs" | b"lac" | b"lacs" | b"lkh" | b"lkhs" => NumberWord::Scale(1e5),
        b"million" => NumberWord::Scale(1e6),
        b"crore" | b"crores" | b"krore" | b"krores" | b"koti" | b"cr" => NumberWord::Scale(1e7),
        b"billion" => NumberWord::Scale(1e9),
        b"trillion" => NumberWord::Scale(1e12),
        b"quadrillion" => NumberWord::Scale(1e15),
        b"quintillion" => NumberWord::Scale(1e18),
        b"sextillion" => NumberWord::Scale(1e21),
        b"dozen" => NumberWord::Dozen,
        _ => return None,
    })
}

/// The denominator an ordinal word stands for in a fraction (`thirds` → 3),
/// with whether it is plural. `first` and `second` are never denominators on
/// their own.
pub fn denominator(w: &str) -> Option<(f64, bool)> {
    let mut buf = [0u8; 16];
    let l = lower(w, &mut buf)?;
    let (stem, plural) = match l {
        b"halves" => return Some((2.0, true)),
        b"half" => return Some((2.0, false)),
        _ if l.len() > 3 && l.ends_with(b"s") => (&l[..l.len() - 1], true),
        _ => (l, false),
    };
    ordinal_value(stem)
        .filter(|&v| v >= 3.0 || stem == b"quarter")
        .map(|v| (v, plural))
}

/// The value of an ordinal word (`fifth` → 5, `quarter` → 4).
pub fn ordinal_value(l: &[u8]) -> Option<f64> {
    Some(match l {
        b"first" => 1.0,
        b"second" => 2.0,
        b"third" => 3.0,
        b"fourth" | b"quarter" => 4.0,
        b"fifth" => 5.0,
        b"sixth" => 6.0,
        b"seventh" => 7.0,
        b"eighth" => 8.0,
        b"ninth" => 9.0,
        b"tenth" => 10.0,
        b"eleventh" => 11.0,
        b"twelfth" => 12.0,
        b"thirteenth" => 13.0,
        b"fourteenth" => 14.0,
        b"fifteenth" => 15.0,
        b"sixteenth" => 16.0,
        b"seventeenth" => 17.0,
        b"eighteenth" => 18.0,
        b"nineteenth" => 19.0,
        b"twentieth" => 20.0,
        b"thirtieth" => 30.0,
        b"fortieth" => 40.0,
        b"fiftieth" => 50.0,
        b"sixtieth" => 60.0,
        b"seventieth" => 70.0,
        b"eightieth" => 80.0,
        b"ninetieth" => 90.0,
        b"hundredth" => 100.0,
        b"thousandth" => 1e3,
        b"millionth" => 1e6,
        b"billionth" => 1e9,
        b"trillionth" => 1e12,
        _ => return None,
    })
}

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
