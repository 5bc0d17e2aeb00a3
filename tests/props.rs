//! Properties of the grammar: no panics on any input, and every way of
//! writing a number means the same number.

use crosscheck::extract::scan::mentions;
use proptest::prelude::*;

/// English words for `n` (British "and"), for comparing with digits.
fn words(n: u64) -> String {
    const UNITS: [&str; 20] = [
        "zero",
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
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_thousand(n: u64, out: &mut Vec<String>, after_scale: bool) {
        let h = n / 100;
        let r = n % 100;
        if h > 0 {
            out.push(format!("{} hundred", UNITS[h as usize]));
        }
        if r > 0 {
            if h > 0 || after_scale {
                out.push("and".to_string());
            }
            if r < 20 {
                out.push(UNITS[r as usize].to_string());
            } else if r % 10 == 0 {
                out.push(TENS[(r / 10) as usize].to_string());
            } else {
                out.push(format!(
                    "{}-{}",
                    TENS[(r / 10) as usize],
                    UNITS[(r % 10) as usize]
                ));
            }
        }
    }
    if n == 0 {
        return "zero".to_string();
    }
    let mut out = Vec::new();
    let scales = [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    let mut rest = n;
    let mut any = false;
    for (v, name) in scales {
        if rest >= v {
            below_thousand(rest / v, &mut out, false);
            out.push(name.to_string());
            rest %= v;
            any = true;
        }
    }
    if rest > 0 {
        below_thousand(rest, &mut out, any && rest < 100);
    }
    out.join(" ")
}

fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The single figure in `text`, as (low, whole text covered).
fn value_of(text: &str) -> Option<(f64, bool)> {
    let m = mentions(text, None);
    let first = m.first()?;
    Some((
        first.quantity.interval.low,
        m.len() == 1 && first.value_span == (0..text.len()),
    ))
}

#[test]
fn words_helper_matches_known_forms() {
    assert_eq!(words(2104), "two thousand one hundred and four");
    assert_eq!(words(112), "one hundred and twelve");
    assert_eq!(words(1_000_023), "one million and twenty-three");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_panic_on_any_text(s in "\\PC{0,200}") {
        let _ = mentions(&s, None);
        let sentences = crosscheck::text::sentences(&s, 0);
        let _ = crosscheck::extract::frame::claims(&s, &sentences, mentions(&s, None), None);
    }

    #[test]
    fn no_panic_on_number_like_text(s in "[0-9a-z,.%$£€ \\-–/:]{0,60}") {
        let _ = mentions(&s, None);
    }

    #[test]
    fn digits_and_words_agree(n in 0u64..2_000_000_000) {
        let (a, whole_a) = value_of(&grouped(n)).unwrap();
        let w = words(n);
        let (b, whole_b) = value_of(&w).unwrap_or((f64::NAN, false));
        prop_assert_eq!(a, n as f64);
        prop_assert!(whole_a);
        prop_assert_eq!(b, n as f64, "{}", w);
        prop_assert!(whole_b, "{} not read whole", w);
    }

    #[test]
    fn decimals_are_read_as_float_parsing_reads_them(int in "[1-9][0-9]{0,24}", frac in "[0-9]{1,25}") {
        let text = format!("{int}.{frac}");
        let want: f64 = text.parse().unwrap();
        let got = crosscheck::extract::grammar::numeral::numeral(&text).unwrap().1.value;
        prop_assert_eq!(got.to_bits(), want.to_bits(), "{}", text);
    }

    #[test]
    fn separators_agree(n in 1000u64..1_000_000_000) {
        let plain = n.to_string();
        let thin = grouped(n).replace(',', "\u{202f}");
        let spaced = grouped(n).replace(',', " ");
        let (a, _) = value_of(&format!("{plain} people")).unwrap();
        let (b, _) = value_of(&format!("{thin} people")).unwrap();
        let (c, _) = value_of(&format!("{spaced} people")).unwrap();
        prop_assert_eq!(a, n as f64);
        prop_assert_eq!(b, n as f64);
        prop_assert_eq!(c, n as f64);
    }

    #[test]
    fn scale_words_and_suffixes_agree(whole in 1u64..999, tenth in 0u64..10) {
        let expect = (whole * 10 + tenth) as f64 * 100_000.0;
        for text in [
            format!("{whole}.{tenth} million"),
            format!("{whole}.{tenth}m dollars").replace("m dollars", " million dollars"),
            format!("${whole}.{tenth}m"),
            grouped(whole * 1_000_000 + tenth * 100_000),
        ] {
            let (v, _) = value_of(&text).unwrap();
            prop_assert!((v - expect).abs() < 1e-6 * expect, "{}: {}", text, v);
        }
    }
}
