//! Conformance of the number grammar against public test suites kept in
//! `../shared/conformance` (Recognizers-Text, Duckling, NeMo; see its
//! README for the formats).
//!
//! A case passes when a figure is found over the expected text (same
//! characters, case-insensitive) with the expected value, or for ranges the
//! expected bounds and open/closed ends. Pass rates are printed per file;
//! the run fails when a file falls below its floor in
//! `tests/conformance_floors.txt`. Floors only rise.
//!
//! Without `../shared` (a bare clone) the harness says so and passes: CI
//! runs it with the folder in place.

use crosscheck::extract::quantity::{Qualifier, Unit};
use crosscheck::extract::scan::{Mention, UnitWord, mentions, unit_words};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Tally {
    passed: usize,
    total: usize,
    misses: Vec<String>,
}

impl Tally {
    fn record(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.total += 1;
        if ok {
            self.passed += 1;
        } else if self.misses.len() < 400 {
            self.misses.push(what());
        }
    }

    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// The value a mention states (a share in percent back to a fraction).
fn plain_value(m: &Mention) -> f64 {
    if m.share {
        m.stated.0 / 100.0
    } else {
        m.stated.0
    }
}

fn text_of<'a>(input: &'a str, r: &std::ops::Range<usize>) -> &'a str {
    &input[r.clone()]
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// Recognizers-Text NumberModel / PercentModel: `Text` and `Resolution.value`.
fn recognizers_numbers(path: &Path, percent: bool) -> Tally {
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut t = Tally::default();
    for case in &cases {
        let input = case["Input"].as_str().unwrap_or("");
        let found = mentions(input, None);
        for r in case["Results"].as_array().into_iter().flatten() {
            let want_text = r["Text"].as_str().unwrap_or("");
            let raw = r["Resolution"]["value"].as_str().unwrap_or("");
            let want: Option<f64> = raw.trim_end_matches('%').parse().ok();
            // no value: a percent word standing alone ("a small percent")
            let bare = matches!(raw, "" | "null")
                && unit_words(input, &found).iter().any(|u| {
                    u.unit == Unit::Percent && same_text(text_of(input, &u.span), want_text)
                });
            let ok = bare
                || want.is_some_and(|w| {
                    found.iter().any(|m| {
                        let value_ok = if percent {
                            m.quantity.unit == Unit::Percent && close(m.stated.0, w)
                        } else {
                            close(plain_value(m), w)
                        };
                        value_ok
                            && [&m.number_span, &m.value_span, &m.span]
                                .iter()
                                .any(|r| same_text(text_of(input, r), want_text))
                    })
                });
            t.record(ok, || {
                format!(
                    "{input:?} want {want_text:?}={raw} got {:?}",
                    summary(input, &found)
                )
            });
        }
    }
    t
}

fn summary(input: &str, found: &[Mention]) -> Vec<String> {
    found
        .iter()
        .map(|m| {
            format!(
                "{}={}{}",
                &input[m.span.clone()],
                plain_value(m),
                if m.share { "(share)" } else { "" }
            )
        })
        .collect()
}

/// `(20,35]`, `[30,)`, `(,1000)` → (low, low_inclusive, high, high_inclusive)
fn parse_range(s: &str) -> Option<(Option<f64>, bool, Option<f64>, bool)> {
    let lo_inc = s.starts_with('[');
    let hi_inc = s.ends_with(']');
    let inner = &s[1..s.len() - 1];
    let (a, b) = inner.split_once(',')?;
    let a = if a.is_empty() {
        None
    } else {
        Some(a.parse().ok()?)
    };
    let b = if b.is_empty() {
        None
    } else {
        Some(b.parse().ok()?)
    };
    Some((a, lo_inc, b, hi_inc))
}

/// Recognizers-Text NumberRangeModel: interval notation.
fn recognizers_ranges(path: &Path) -> Tally {
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut t = Tally::default();
    for case in &cases {
        let input = case["Input"].as_str().unwrap_or("");
        let found = mentions(input, None);
        for r in case["Results"].as_array().into_iter().flatten() {
            let want_text = r["Text"].as_str().unwrap_or("");
            let raw = r["Resolution"]["value"].as_str().unwrap_or("");
            let ok = parse_range(raw).is_some_and(|(lo, lo_inc, hi, hi_inc)| {
                found.iter().any(|m| {
                    // a share ("one quarter", "a half") is a percentage here:
                    // back to a fraction, as plain_value does
                    let mut iv = m.quantity.interval;
                    // the notation has no "about": "about 20~100" is [20,100]
                    let approx = m.quantity.qualifier == Qualifier::Approx;
                    if approx {
                        iv.low = m.stated.0;
                        iv.high = Some(m.stated.1);
                        iv.low_inclusive = true;
                        iv.high_inclusive = true;
                    }
                    if m.share {
                        iv.low /= 100.0;
                        iv.high = iv.high.map(|h| h / 100.0);
                    }
                    let low_ok = match lo {
                        // unbounded below: news figures are bounded by zero, so only the kind matters
                        None => matches!(
                            m.quantity.qualifier,
                            Qualifier::AtMost | Qualifier::LessThan
                        ),
                        Some(l) => close(iv.low, l) && iv.low_inclusive == lo_inc,
                    };
                    let high_ok = match hi {
                        None => iv.high.is_none(),
                        Some(h) => {
                            iv.high.is_some_and(|x| close(x, h)) && iv.high_inclusive == hi_inc
                        }
                    };
                    let with_unit = same_text(text_of(input, &m.span), want_text);
                    let without_unit =
                        same_text(&input[m.span.start..m.number_span.end], want_text);
                    let without_about =
                        approx && same_text(text_of(input, &m.value_span), want_text);
                    low_ok && high_ok && (with_unit || without_unit || without_about)
                })
            });
            t.record(ok, || {
                format!(
                    "{input:?} want {want_text:?}={raw} got {:?}",
                    ranges(input, &found)
                )
            });
        }
    }
    t
}

fn ranges(input: &str, found: &[Mention]) -> Vec<String> {
    found
        .iter()
        .map(|m| {
            let iv = m.quantity.interval;
            format!(
                "{}={}{},{}{}",
                &input[m.span.clone()],
                if iv.low_inclusive { '[' } else { '(' },
                iv.low,
                iv.high.map_or(String::new(), |h| h.to_string()),
                if iv.high_inclusive { ']' } else { ')' }
            )
        })
        .collect()
}

/// ISO codes a Recognizers or Duckling currency name stands for.
fn currency_codes<'a>(unit: &'a str, iso: Option<&'a str>) -> Vec<&'a str> {
    if let Some(iso) = iso {
        return vec![iso];
    }
    if unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()) {
        return vec![unit];
    }
    match unit {
        "Dollar" | "USD" => vec!["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"],
        "Pound" | "GBP" | "British pound" => vec!["GBP"],
        "Euro" | "EUR" => vec!["EUR"],
        // a cent of any currency: the suites write "ten pennies" as 10 cents
        "Cent" => vec!["USD", "EUR", "GBP", "CAD", "AUD"],
        "Pence" | "Penny" => vec!["GBP"],
        "Yen" | "JPY" | "Japanese yen" => vec!["JPY"],
        "INR" | "Rupee" => vec!["INR"],
        "CNY" | "Chinese yuan" => vec!["CNY"],
        "Franc" | "Swiss franc" => vec!["CHF"],
        "Peso" | "Mexican peso" => vec!["MXN"],
        "Dinar" => vec!["KWD", "IQD"],
        "Riyal" => vec!["SAR", "QAR"],
        "Rial" => vec!["IRR"],
        "Shekel" => vec!["ILS"],
        "Satoshi" => vec!["XBT"],
        "Peseta" => vec!["ESP"],
        "Finnish markka" => vec!["FIM"],
        "Netherlands guilder" => vec!["NLG"],
        "Bitcoin" => vec!["XBT"],
        _ => vec![],
    }
}

/// Recognizers-Text CurrencyModel.
fn recognizers_currency(path: &Path) -> Tally {
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut t = Tally::default();
    for case in &cases {
        let input = case["Input"].as_str().unwrap_or("");
        let found = mentions(input, None);
        for r in case["Results"].as_array().into_iter().flatten() {
            let want_text = r["Text"].as_str().unwrap_or("");
            let res = &r["Resolution"];
            let unit = res["unit"].as_str().unwrap_or("");
            let codes = currency_codes(unit, res["isoCurrency"].as_str());
            let want: Option<f64> = res["value"].as_str().and_then(|v| v.parse().ok());
            // minor units: our figures are in the major unit
            let scale = match unit {
                "Cent" | "Pence" | "Penny" => 0.01,
                "Satoshi" => 1e-8,
                _ => 1.0,
            };
            // no value: a currency named alone ("the dollar fell")
            let bare = res["value"].is_null()
                && unit_words(input, &found).iter().any(|u: &UnitWord| {
                    matches!(u.unit, Unit::Money(c) if codes.contains(&c))
                        && same_text(text_of(input, &u.span), want_text)
                });
            let ok = bare
                || want.is_some_and(|w| {
                    let w = w * scale;
                    found.iter().any(|m| {
                        let Unit::Money(code) = m.quantity.unit else {
                            return false;
                        };
                        codes.contains(&code)
                            && close(m.stated.0, w)
                            && (same_text(text_of(input, &m.value_span), want_text)
                                || same_text(text_of(input, &m.span), want_text))
                    })
                });
            t.record(ok, || {
                format!(
                    "{:?} want {want_text:?}={res} got {:?}",
                    &input[..input.len().min(90)],
                    summary(input, &found)
                )
            });
        }
    }
    t
}

/// Duckling corpora: each text is a whole input with one reading.
fn duckling(path: &Path, money: bool) -> Tally {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut t = Tally::default();
    for ex in doc["examples"].as_array().into_iter().flatten() {
        let parsed = &ex["parsed"];
        for text in ex["texts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let found = mentions(text, None);
            let whole: Vec<&Mention> = found
                .iter()
                .filter(|m| {
                    same_text(&text[m.span.clone()], text)
                        || same_text(&text[m.value_span.clone()], text)
                })
                .collect();
            let unit = parsed["unit"].as_str().unwrap_or("");
            let codes = currency_codes(unit, None);
            let unit_ok = |m: &Mention| {
                if !money || unit == "Unnamed" {
                    return true;
                }
                matches!(m.quantity.unit, Unit::Money(c) if codes.contains(&c))
            };
            let cents = matches!(unit, "Cent" | "Pence");
            let ok = match parsed["kind"].as_str() {
                Some("exact") => {
                    let v = parsed["value"]
                        .as_f64()
                        .map(|v| if cents { v / 100.0 } else { v });
                    whole
                        .iter()
                        .any(|m| v.is_some_and(|v| close(plain_value(m), v)) && unit_ok(m))
                }
                Some("between") => {
                    let (a, b) = (parsed["from"].as_f64(), parsed["to"].as_f64());
                    whole.iter().any(|m| {
                        a.is_some_and(|a| close(m.stated.0, a))
                            && b.is_some_and(|b| close(m.stated.1, b))
                            && unit_ok(m)
                    })
                }
                Some("under") => {
                    let v = parsed["value"].as_f64();
                    whole.iter().any(|m| {
                        v.is_some_and(|v| m.quantity.interval.high.is_some_and(|h| close(h, v)))
                            && unit_ok(m)
                    })
                }
                Some("above") => {
                    let v = parsed["value"].as_f64();
                    whole.iter().any(|m| {
                        v.is_some_and(|v| {
                            close(m.quantity.interval.low, v) && m.quantity.interval.high.is_none()
                        }) && unit_ok(m)
                    })
                }
                _ => false,
            };
            t.record(ok, || {
                format!("{text:?} want {parsed} got {:?}", summary(text, &found))
            });
        }
    }
    for text in doc["negative"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let found = mentions(text, None);
        let ok = found
            .iter()
            .all(|m| money && !matches!(m.quantity.unit, Unit::Money(_)));
        t.record(ok, || {
            format!(
                "{text:?} must give nothing, got {:?}",
                summary(text, &found)
            )
        });
    }
    t
}

/// NeMo `spoken~written` lines; cases whose written side is not a number
/// (NeMo leaves small numbers as words) say nothing about values and are
/// left out of the count.
fn nemo(path: &Path) -> Tally {
    let mut t = Tally::default();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let Some((spoken, written)) = line.split_once('~') else {
            continue;
        };
        let Ok(want) = written.replace(',', "").trim().parse::<f64>() else {
            continue;
        };
        let found = mentions(spoken, None);
        let ok = found
            .iter()
            .any(|m| same_text(&spoken[m.span.clone()], spoken) && close(plain_value(m), want));
        t.record(ok, || {
            format!("{spoken:?} want {want} got {:?}", summary(spoken, &found))
        });
    }
    t
}

fn floors(path: &Path) -> BTreeMap<String, f64> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((it.next()?.to_string(), it.next()?.parse().ok()?))
        })
        .collect()
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/conformance");
    if !shared.is_dir() {
        println!("conformance: ../shared/conformance not found; skipped (CI runs it)");
        return;
    }
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let rt = shared.join("recognizers-text");
    let files: Vec<(&str, Tally)> = vec![
        ("recognizers/NumberModel", recognizers_numbers(&rt.join("Number/NumberModel.json"), false)),
        ("recognizers/NumberRangeModelExperimentalMode", recognizers_ranges(&rt.join("Number/NumberRangeModelExperimentalMode.json"))),
        ("recognizers/PercentModel", recognizers_numbers(&rt.join("Number/PercentModel.json"), true)),
        ("recognizers/CurrencyModel", recognizers_currency(&rt.join("NumberWithUnit/CurrencyModel.json"))),
        ("duckling/Numeral", duckling(&shared.join("duckling/Numeral_EN_Corpus.json"), false)),
        ("duckling/AmountOfMoney", duckling(&shared.join("duckling/AmountOfMoney_EN_Corpus.json"), true)),
        ("nemo/cardinal", nemo(&shared.join("nemo-text-processing/data_inverse_text_normalization/test_cases_cardinal.txt"))),
        ("nemo/cardinal_cased", nemo(&shared.join("nemo-text-processing/data_inverse_text_normalization/test_cases_cardinal_cased.txt"))),
    ];
    let floors = floors(&root.join("tests/conformance_floors.txt"));
    let mut failed = 0;
    let mut passed = 0;
    for (name, t) in &files {
        let floor = floors.get(*name).copied().unwrap_or(0.0);
        let ok = t.rate() + 1e-9 >= floor;
        println!(
            "{:<46} {:>4}/{:<4} {:>6.1}%   floor {:>5.1}%  {}",
            name,
            t.passed,
            t.total,
            100.0 * t.rate(),
            100.0 * floor,
            if ok { "ok" } else { "BELOW FLOOR" }
        );
        if verbose || !ok {
            for m in &t.misses {
                println!("    miss: {m}");
            }
        }
        if ok { passed += 1 } else { failed += 1 }
    }
    println!("conformance: {passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
