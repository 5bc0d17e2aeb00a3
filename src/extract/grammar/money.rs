//! Currencies before and after an amount.
//!
//! ```text
//! prefix = symbol | code [ SPACE ] [ "$" ] | country "$"
//! symbol = "$" | "£" | "€" | "¥" | "₹" | "₽" | "₴" | "₩" | "₿"
//! code   = "USD" | "EUR" | "GBP" | "JPY" | "CNY" | "RMB" | "INR" | "RUB" | "UAH" | "CAD" | "AUD" | "CHF"
//! country= "US" | "U.S." | "C" | "A" | "NZ" | "HK" | "S" | "Mex"
//! suffix = SPACE ( currency-word | code ) | [ SPACE ] symbol
//! currency-word = [ "US" | "U.S." | "Canadian" | "Australian" ] ( "dollar" | "dollars" )
//!        | "euro" | "euros" | "pound" | "pounds" [ "sterling" ] | "yen" | "yuan"
//!        | "rupee" | "rupees" | "rouble" | "roubles" | "ruble" | "rubles"
//!        | "hryvnia" | "hryvnias" | "franc" | "francs" | "peso" | "pesos"
//!        | "cent" | "cents" | "pence"
//! ```
//!
//! A bare `$` is read as US dollars; outlets that mean another dollar say so.

use super::{alpha_word_ci, is_space};

fn code(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "inr" => "INR",
        "rub" => "RUB",
        "uah" => "UAH",
        "cad" => "CAD",
        "aud" => "AUD",
        "chf" => "CHF",
        _ => return None,
    })
}

fn symbol(i: &str) -> Option<(&str, &'static str)> {
    let c = i.chars().next()?;
    let code = match c {
        '$' => "USD",
        '£' => "GBP",
        '€' => "EUR",
        '¥' => "JPY",
        '₹' => "INR",
        '₽' => "RUB",
        '₴' => "UAH",
        '₩' => "KRW",
        '₿' => "XBT",
        _ => return None,
    };
    Some((&i[c.len_utf8()..], code))
}

/// A currency before the amount. Returns the rest (spaces skipped) and the code.
pub fn prefix(i: &str) -> Option<(&str, &'static str)> {
    let (rest, code) = if let Some(x) = symbol(i) {
        x
    } else {
        let (r, w) = alpha_word_ci(i).or_else(|| {
            // "US$", "C$": letters glued to a dollar sign
            let n = i.bytes().take_while(u8::is_ascii_alphabetic).count();
            (n > 0 && i[n..].starts_with('$')).then(|| (&i[n..], i[..n].to_ascii_lowercase()))
        })?;
        if let Some(r2) = r.strip_prefix('$') {
            let c = match w.as_str() {
                "us" | "usd" => "USD",
                "c" | "cad" => "CAD",
                "a" | "aud" => "AUD",
                "nz" => "NZD",
                "hk" => "HKD",
                "s" => "SGD",
                "mex" => "MXN",
                _ => return None,
            };
            (r2, c)
        } else {
            let c = code(&w)?;
            (r, c)
        }
    };
    let rest = rest.trim_start_matches(is_space);
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '.').then_some((rest, code))
}

/// A currency after the amount: the rest, the code, and a multiplier
/// (`cents` → 0.01).
pub fn suffix(i: &str) -> Option<(&str, &'static str, f64)> {
    let t = i.trim_start_matches(is_space);
    let spaced = t.len() < i.len();
    if let Some((r, c)) = symbol(t) {
        if !r.starts_with(|c: char| c.is_ascii_digit()) {
            return Some((r, c, 1.0));
        }
    }
    if !spaced {
        return None;
    }
    let (r, w) = alpha_word_ci(t)?;
    let (code, mult) = match w.as_str() {
        "dollar" | "dollars" => ("USD", 1.0),
        "euro" | "euros" => ("EUR", 1.0),
        "pound" | "pounds" => ("GBP", 1.0),
        "yen" => ("JPY", 1.0),
        "yuan" | "renminbi" => ("CNY", 1.0),
        "rupee" | "rupees" => ("INR", 1.0),
        "rouble" | "roubles" | "ruble" | "rubles" => ("RUB", 1.0),
        "hryvnia" | "hryvnias" | "hryvnas" => ("UAH", 1.0),
        "franc" | "francs" => ("CHF", 1.0),
        "peso" | "pesos" => ("MXN", 1.0),
        "cent" | "cents" => ("USD", 0.01),
        "pence" => ("GBP", 0.01),
        "us" | "canadian" | "australian" => {
            let (r2, w2) = alpha_word_ci(r.strip_prefix(' ')?)?;
            if w2 != "dollar" && w2 != "dollars" {
                return None;
            }
            let c = match w.as_str() {
                "us" => "USD",
                "canadian" => "CAD",
                _ => "AUD",
            };
            return Some((r2, c, 1.0));
        }
        other => (code(other)?, 1.0),
    };
    // "pounds sterling"
    if code == "GBP" {
        if let Some((r2, w2)) = r.strip_prefix(' ').and_then(alpha_word_ci) {
            if w2 == "sterling" {
                return Some((r2, code, mult));
            }
        }
    }
    Some((r, code, mult))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(prefix("$1.2bn"), Some(("1.2bn", "USD")));
        assert_eq!(prefix("£30m"), Some(("30m", "GBP")));
        assert_eq!(prefix("€ 2 million"), Some(("2 million", "EUR")));
        assert_eq!(prefix("US$ 5"), Some(("5", "USD")));
        assert_eq!(prefix("C$1.34"), Some(("1.34", "CAD")));
        assert_eq!(prefix("USD 22.5"), Some(("22.5", "USD")));
        assert_eq!(prefix("$ sign"), None);
        assert_eq!(prefix("usa 5"), None);
    }

    #[test]
    fn suffixes() {
        assert_eq!(suffix(" dollars."), Some((".", "USD", 1.0)));
        assert_eq!(suffix(" euros"), Some(("", "EUR", 1.0)));
        assert_eq!(suffix(" cents"), Some(("", "USD", 0.01)));
        assert_eq!(suffix(" US dollars"), Some(("", "USD", 1.0)));
        assert_eq!(suffix(" €,"), Some((",", "EUR", 1.0)));
        assert_eq!(suffix(" USD,100"), Some((",100", "USD", 1.0)));
        assert_eq!(suffix(" people"), None);
    }
}
