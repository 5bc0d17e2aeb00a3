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

use super::lexicon::WordEnds;
use super::{alpha_word_ci, is_space};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// ISO 4217 codes the grammar knows, lower-case.
const CODES: &[(&str, &str)] = &[
    ("usd", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("jpy", "JPY"),
    ("cny", "CNY"),
    ("rmb", "CNY"),
    ("inr", "INR"),
    ("rub", "RUB"),
    ("uah", "UAH"),
    ("cad", "CAD"),
    ("aud", "AUD"),
    ("chf", "CHF"),
    ("mxn", "MXN"),
    ("nzd", "NZD"),
    ("hkd", "HKD"),
    ("sgd", "SGD"),
    ("sek", "SEK"),
    ("nok", "NOK"),
    ("dkk", "DKK"),
    ("pln", "PLN"),
    ("czk", "CZK"),
    ("huf", "HUF"),
    ("try", "TRY"),
    ("brl", "BRL"),
    ("zar", "ZAR"),
    ("krw", "KRW"),
    ("ils", "ILS"),
    ("kwd", "KWD"),
    ("lbp", "LBP"),
    ("egp", "EGP"),
    ("qar", "QAR"),
    ("sar", "SAR"),
    ("bgn", "BGN"),
    ("myr", "MYR"),
    ("aed", "AED"),
    ("thb", "THB"),
    ("idr", "IDR"),
    ("php", "PHP"),
    ("vnd", "VND"),
    ("ngn", "NGN"),
    ("kes", "KES"),
    ("pkr", "PKR"),
    ("bdt", "BDT"),
    ("irr", "IRR"),
    ("iqd", "IQD"),
    ("mnt", "MNT"),
    ("ron", "RON"),
    ("btc", "XBT"),
    ("xbt", "XBT"),
];

/// [`CODES`] by code: `code` is asked of every three-letter word next to
/// a figure ("the", "and"), so it looks up rather than walks the list.
static BY_CODE: LazyLock<FxHashMap<[u8; 3], &'static str>> = LazyLock::new(|| {
    CODES
        .iter()
        .map(|(k, c)| (<[u8; 3]>::try_from(k.as_bytes()).unwrap_or_default(), *c))
        .collect()
});

fn code(w: &str) -> Option<&'static str> {
    // every code has three letters
    let key = <[u8; 3]>::try_from(w.as_bytes()).ok()?;
    BY_CODE.get(&key).copied()
}

/// A code as written: upper case (`USD`), or lower case when the code is
/// no English word (`usd`, but not `try`, `ron`, `cad`).
fn code_as_written(written: &str) -> Option<&'static str> {
    // every code has three bytes: no other word is copied and lower-cased
    if written.len() != 3 {
        return None;
    }
    let lower = super::Lower::new(written);
    let upper = written.bytes().all(|b| b.is_ascii_uppercase());
    let lower_ok = written.bytes().all(|b| b.is_ascii_lowercase())
        && !matches!(lower.as_str(), "try" | "ron" | "cad");
    (upper || lower_ok).then(|| code(lower.as_str())).flatten()
}

/// `MUSD`, `MEUR`: a code in millions.
fn million_code(w: &str) -> Option<&'static str> {
    w.strip_prefix('m').filter(|r| r.len() == 3).and_then(code)
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
        '₡' => "CRC",
        '₾' => "GEL",
        '₭' => "LAK",
        '₺' => "TRY",
        '₦' => "NGN",
        '₱' => "PHP",
        '₪' => "ILS",
        '₫' => "VND",
        '฿' => "THB",
        _ => return None,
    };
    Some((&i[c.len_utf8()..], code))
}

super::lexicon::word_match! {
    /// The dollar a country prefix names: `US$`, `C$`, `HK $`.
    fn dollar_of -> &'static str;
    const DOLLAR_OF;
    {
        "us" | "usd" | "u.s" | "u.s." => "USD",
        "c" | "cad" | "ca" => "CAD",
        "a" | "aud" | "au" => "AUD",
        "nz" | "nzd" => "NZD",
        "hk" | "hkd" => "HKD",
        "s" | "sgd" => "SGD",
        "mex" | "mxn" => "MXN",
    }
}

/// Currency names written before the amount: `ringgit 17`, `rupees 500`.
fn name_before(w: &str) -> Option<&'static str> {
    match w {
        "ringgit" | "ringgits" => Some("MYR"),
        "rupees" => Some("INR"),
        _ => None,
    }
}

/// Whether `nation` names the currency whose name starts `rest`, written
/// before an amount (`Malaysian ringgit 17`).
pub fn nation_of(nation: &str, rest: &str) -> bool {
    // asked before every figure that starts with a word: the first letter
    // first, nothing lower-cased
    if !rest.starts_with(['r', 'R']) {
        return false;
    }
    let Some((_, name)) = alpha_word_ci(rest) else {
        return false;
    };
    let n = super::Lower::new(nation);
    name_before(name.as_str()).is_some() && national(n.as_str(), name.as_str()).is_some()
}

/// The currencies an article can stand for one of (`a dollar`). Each is
/// also a trigger word of the scanner ([`super::lexicon`]), which then
/// looks back for the article; a test keeps the two lists together.
pub const ONE_UNIT: &[&str] = &[
    "dollar", "euro", "pound", "rupee", "rouble", "ruble", "franc", "peso", "shekel", "cent",
    "penny",
];

/// `a dollar`, `an euro`: whether `i` (after the article) is one unit of a
/// currency, as in `a dollar a day`. Not `a pound of flour`, not `a yen
/// for travel`.
pub fn one_unit(i: &str) -> bool {
    // bytes and a word set, nothing lower-cased
    let Some(w) = i.as_bytes().strip_prefix(b" ") else {
        return false;
    };
    let n = w.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let rest = &i[1 + n..];
    n >= 4
        && crate::word_set!(ONE_UNIT).contains_bytes(&w[..n])
        && super::boundary_after(rest)
        && !rest.starts_with(" of")
}

/// A currency before the amount. Returns the rest (spaces skipped) and the code.
pub fn prefix(i: &str) -> Option<(&str, &'static str)> {
    prefix_with(i, true)
}

/// [`prefix`]; without `sieve`, every word of up to four letters is
/// copied and looked up (as before [`may_start_prefix`], which tests hold
/// the sieve to).
#[inline]
fn prefix_with(i: &str, sieve: bool) -> Option<(&str, &'static str)> {
    // both names start with an r: no lower-casing for other words
    if i.starts_with(['r', 'R']) {
        if let Some((r, w)) = alpha_word_ci(i) {
            if let Some(code) = name_before(w.as_str()) {
                let rest = r.strip_prefix(' ')?;
                return rest
                    .starts_with(|c: char| c.is_ascii_digit())
                    .then_some((rest, code));
            }
        }
    }
    let (rest, code) = if let Some(x) = symbol(i) {
        x
    } else {
        // letters (and dots) up to a space, a dollar sign or a digit
        let n = i
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
            .count();
        // most words before a number ("in 2021") are no currency: turned
        // away before they are copied and looked up
        if n == 0 || n > 4 || (sieve && !may_start_prefix(i.as_bytes())) {
            return None;
        }
        let w = super::Lower::new(&i[..n]);
        let after = &i[n..];
        let dollar = after.strip_prefix('$').or_else(|| after.strip_prefix(" $"));
        if let Some(r) = dollar {
            // "a $48 million" is an article, "A$48m" Australian dollars
            if after.starts_with(' ') && matches!(&i[..n], "a" | "s" | "A" | "S") {
                return None;
            }
            (r, dollar_of(&w)?)
        } else if after.starts_with(|c: char| c.is_ascii_digit())
            && (&i[..n] == "PS" || w == "euro")
        {
            // "PS9m": a pound sign that a conversion to ASCII turned into
            // letters; "euro110 billion", the word glued to the amount
            (after, if w == "euro" { "EUR" } else { "GBP" })
        } else if after.starts_with(|c: char| c.is_ascii_digit() || c == ' ' || c == '\u{a0}') {
            let written = i[..n].trim_end_matches('.');
            let c = match w.trim_end_matches('.') {
                "rs" if written.starts_with('R') => "INR",
                "rm" if written == "RM" => "MYR",
                _ => code_as_written(written)?,
            };
            // "Rs. 20"
            (after, c)
        } else {
            return None;
        }
    };
    let rest = rest.trim_start_matches(is_space);
    rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        .then_some((rest, code))
}

/// Whether `i` may start a currency that [`prefix`] reads: a test on the
/// letters it starts with (before any dot: `U.S.`), which every word
/// [`prefix`] knows passes and most other words fail with one load. A
/// text that fails starts no currency [`prefix`] finds, except a symbol.
pub fn may_start_prefix(i: &[u8]) -> bool {
    may_be_prefix_word(&i[..super::alpha_run(i)])
}

/// [`may_start_prefix`] of a word of ASCII letters, the whole run.
#[inline]
pub fn may_be_prefix_word(w: &[u8]) -> bool {
    // the letters of each word before its first dot, in any case
    static ENDS: WordEnds = {
        let mut e = WordEnds::EMPTY.with_lists(
            &[
                DOLLAR_OF,
                &[
                    "u", "ps", "euro", "rs", "rm", "ringgit", "ringgits", "rupees",
                ],
            ],
            false,
        );
        let mut k = 0;
        while k < CODES.len() {
            e = e.with(CODES[k].0.as_bytes());
            k += 1;
        }
        e
    };
    ENDS.may_hold(w)
}

/// Currency names after an amount, with the multiplier of minor units: one
/// table, asked through a set whose inlined filter on length and end letters
/// turns most words away before any lookup.
const CURRENCIES: &[(&str, (&str, f64))] = &[
    ("dollar", ("USD", 1.0)),
    ("dollars", ("USD", 1.0)),
    ("bucks", ("USD", 1.0)),
    ("euro", ("EUR", 1.0)),
    ("euros", ("EUR", 1.0)),
    ("pound", ("GBP", 1.0)),
    ("pounds", ("GBP", 1.0)),
    ("quid", ("GBP", 1.0)),
    ("yen", ("JPY", 1.0)),
    ("yuan", ("CNY", 1.0)),
    ("renminbi", ("CNY", 1.0)),
    ("kuai", ("CNY", 1.0)),
    ("rupee", ("INR", 1.0)),
    ("rupees", ("INR", 1.0)),
    ("rs", ("INR", 1.0)),
    ("rouble", ("RUB", 1.0)),
    ("roubles", ("RUB", 1.0)),
    ("ruble", ("RUB", 1.0)),
    ("rubles", ("RUB", 1.0)),
    ("hryvnia", ("UAH", 1.0)),
    ("hryvnias", ("UAH", 1.0)),
    ("hryvnas", ("UAH", 1.0)),
    ("franc", ("CHF", 1.0)),
    ("francs", ("CHF", 1.0)),
    ("peso", ("MXN", 1.0)),
    ("pesos", ("MXN", 1.0)),
    ("shekel", ("ILS", 1.0)),
    ("shekels", ("ILS", 1.0)),
    ("riyal", ("SAR", 1.0)),
    ("riyals", ("SAR", 1.0)),
    ("rial", ("IRR", 1.0)),
    ("rials", ("IRR", 1.0)),
    ("dinar", ("KWD", 1.0)),
    ("dinars", ("KWD", 1.0)),
    ("ringgit", ("MYR", 1.0)),
    ("ringgits", ("MYR", 1.0)),
    ("rm", ("MYR", 1.0)),
    ("tugrik", ("MNT", 1.0)),
    ("tugriks", ("MNT", 1.0)),
    ("lira", ("TRY", 1.0)),
    ("liras", ("TRY", 1.0)),
    ("lire", ("TRY", 1.0)),
    ("rand", ("ZAR", 1.0)),
    ("won", ("KRW", 1.0)),
    ("naira", ("NGN", 1.0)),
    ("krona", ("SEK", 1.0)),
    ("kronor", ("SEK", 1.0)),
    ("krone", ("NOK", 1.0)),
    ("kroner", ("NOK", 1.0)),
    ("zloty", ("PLN", 1.0)),
    ("zlotys", ("PLN", 1.0)),
    // currencies the euro replaced, still in archive copy
    ("peseta", ("ESP", 1.0)),
    ("pesetas", ("ESP", 1.0)),
    ("guilder", ("NLG", 1.0)),
    ("guilders", ("NLG", 1.0)),
    ("markka", ("FIM", 1.0)),
    ("markkaa", ("FIM", 1.0)),
    // run together, or in Egyptian Arabic
    ("egyptianpound", ("EGP", 1.0)),
    ("egyptianpounds", ("EGP", 1.0)),
    ("geneh", ("EGP", 1.0)),
    ("guineh", ("EGP", 1.0)),
    ("saudiriyal", ("SAR", 1.0)),
    ("saudiriyals", ("SAR", 1.0)),
    ("bitcoin", ("XBT", 1.0)),
    ("bitcoins", ("XBT", 1.0)),
    ("satoshi", ("XBT", 1e-8)),
    ("satoshis", ("XBT", 1e-8)),
    ("cent", ("USD", 0.01)),
    ("cents", ("USD", 0.01)),
    ("pence", ("GBP", 0.01)),
    ("penny", ("GBP", 0.01)),
    ("pennies", ("GBP", 0.01)),
];

/// The currency a word names and its multiplier (as written: `Euros` names
/// none).
fn currency_word(w: &str) -> Option<(&'static str, f64)> {
    type Index = (
        crate::text::words::WordSet,
        rustc_hash::FxHashMap<&'static str, (&'static str, f64)>,
    );
    static INDEX: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| {
        let words: Vec<&'static str> = CURRENCIES.iter().map(|(w, _)| *w).collect();
        (
            crate::text::words::WordSet::new(&words),
            CURRENCIES.iter().copied().collect(),
        )
    });
    let (set, currencies) = &*INDEX;
    if !set.contains(w) {
        return None;
    }
    currencies.get(w).copied()
}

/// A currency named on its own, with no amount: `the dollar fell`,
/// `USD`. Words that are mostly something else without a number before
/// them (`won`, `pound`, `rand`, `bucks`, `penny`) are left out.
pub fn named_alone(written: &str) -> Option<&'static str> {
    if let Some(c) = code_as_written(written) {
        return Some(c);
    }
    let w = super::Lower::new(written);
    match w.as_str() {
        "won" | "pound" | "pounds" | "rand" | "bucks" | "quid" | "penny" | "rs" | "rm" | "kuai"
        | "mark" | "marks" => None,
        other => currency_word(other).map(|(code, _)| code),
    }
}

/// Every word that [`national`] reads as a nationality: [`suffix`] reads
/// no second word after any other.
const NATIONALITIES: &[&str] = &[
    "us",
    "american",
    "canadian",
    "australian",
    "swiss",
    "chinese",
    "japanese",
    "indian",
    "turkish",
    "lebanese",
    "egyptian",
    "qatari",
    "saudi",
    "kuwaiti",
    "malaysian",
    "malaysia",
    "mexican",
    "russian",
    "ukrainian",
    "dutch",
    "finnish",
    "spanish",
    "french",
    "german",
    "genihat",
];

/// Nationality words that pick a currency: `Swiss francs`, `US dollars`.
fn national(w: &str, currency: &str) -> Option<&'static str> {
    Some(match (w, currency) {
        ("us" | "american", "dollar" | "dollars") => "USD",
        ("canadian", "dollar" | "dollars") => "CAD",
        ("australian", "dollar" | "dollars") => "AUD",
        ("swiss", "franc" | "francs") => "CHF",
        ("chinese", "yuan") => "CNY",
        ("japanese", "yen") => "JPY",
        ("indian", "rupee" | "rupees") => "INR",
        ("turkish", "lira" | "liras") => "TRY",
        ("lebanese", "pound" | "pounds") => "LBP",
        ("egyptian", "pound" | "pounds") => "EGP",
        ("qatari", "riyal" | "riyals") => "QAR",
        ("saudi", "riyal" | "riyals") => "SAR",
        ("kuwaiti", "dinar" | "dinars") => "KWD",
        ("malaysian" | "malaysia", "ringgit" | "ringgits") => "MYR",
        ("mexican", "peso" | "pesos") => "MXN",
        ("russian", "rouble" | "roubles" | "ruble" | "rubles") => "RUB",
        ("ukrainian", "hryvnia" | "hryvnias") => "UAH",
        ("dutch", "guilder" | "guilders") => "NLG",
        ("finnish", "markka") => "FIM",
        ("spanish", "peseta" | "pesetas") => "ESP",
        ("french", "franc" | "francs") => "FRF",
        ("german", "mark" | "marks") => "DEM",
        // "genihat masriya": Egyptian pounds in Arabic
        ("genihat", "masriya") => "EGP",
        _ => return None,
    })
}

/// A currency after the amount: the rest, the code, and a multiplier
/// (`cents` → 0.01, `MUSD` → a million).
pub fn suffix(i: &str) -> Option<(&str, &'static str, f64)> {
    suffix_with(i, true)
}

/// [`suffix`]; without `sieve`, every word is read and looked up (as
/// before [`may_be_currency_after`], which tests hold the sieve to).
#[inline]
fn suffix_with(i: &str, sieve: bool) -> Option<(&str, &'static str, f64)> {
    if sieve {
        // the first byte after ASCII spaces first: most numbers are
        // followed by a word that is no currency (" people") or by a mark
        // (a comma, a full stop); neither starts a sign, a cent, a yuan,
        // the Egyptian pound or a hyphenated currency
        let b = i.as_bytes();
        let k = b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
        match b.get(k) {
            Some(&c) if c.is_ascii_alphabetic() && !matches!(c, b'c' | b'l' | b'L') => {
                let n = super::alpha_run(&b[k..]);
                if !may_be_currency_after(&b[k..k + n]) {
                    return None;
                }
            }
            Some(&c) if c.is_ascii() && !c.is_ascii_alphabetic() && !matches!(c, b'$' | b'-') => {
                return None;
            }
            _ => {}
        }
    }
    let t = i.trim_start_matches(is_space);
    let spaced = t.len() < i.len();
    if let Some((r, c)) = symbol(t) {
        if !r.starts_with(|c: char| c.is_ascii_digit()) {
            return Some((r, c, 1.0));
        }
    }
    if let Some(r) = t.strip_prefix('¢') {
        return Some((r, "USD", 0.01));
    }
    // "10 c": cents, spaced; glued "10c" is read with the minor units
    if let Some(r) = t.strip_prefix('c').filter(|r| {
        spaced && super::boundary_after(r) && !r.starts_with(['.', '\'', '’', '-', '$'])
    }) {
        return Some((r, "USD", 0.01));
    }
    if let Some(r) = t.strip_prefix('元') {
        return Some((r, "CNY", 1.0));
    }
    // "75 L.E.", "75 l.e", "75 LE": the Egyptian pound
    if spaced && t.starts_with(['l', 'L']) {
        for abbr in ["l.e.", "l.e"] {
            if let Some(r) = t
                .get(..abbr.len())
                .filter(|w| w.eq_ignore_ascii_case(abbr))
                .map(|_| &t[abbr.len()..])
                .filter(|r| super::boundary_after(r) && !r.starts_with(|c: char| c.is_alphabetic()))
            {
                return Some((r, "EGP", 1.0));
            }
        }
    }
    // "12-cent", "one-yen"
    let (t, hyphen) = match t.strip_prefix('-') {
        Some(r) if !spaced => (r, true),
        _ => (t, false),
    };
    let glued = !spaced && !hyphen;
    // most words after a number name no currency ("35 people"): turned
    // away before they are copied and looked up
    let n = super::alpha_run(t.as_bytes());
    if sieve && n > 0 && !may_be_currency_after(&t.as_bytes()[..n]) {
        return None;
    }
    let (r, w) = alpha_word_ci(t)?;
    let written = &t[..w.len()];
    // "2.50US$"
    if let Some(r2) = r.strip_prefix('$') {
        if let Some(c) = dollar_of(&w) {
            return Some((r2, c, 1.0));
        }
    }
    // "75 LE", "75 le", not "75 Le Pen supporters"
    if !hyphen && matches!(written, "LE" | "le") {
        return Some((r, "EGP", 1.0));
    }
    // "5G": only a currency code, or Rs and RM, may stick to digits
    if glued && code_as_written(written).is_none() && !matches!(written, "Rs" | "RM") {
        return None;
    }
    if let Some((c, mult)) = currency_word(&w) {
        // "pounds sterling"
        if c == "GBP" && mult == 1.0 {
            if let Some((r2, w2)) = r.strip_prefix(' ').and_then(alpha_word_ci) {
                if w2 == "sterling" {
                    return Some((r2, c, mult));
                }
            }
        }
        return Some((r, c, mult));
    }
    if let Some(c) = code_as_written(written) {
        return Some((r, c, 1.0));
    }
    if let Some(c) = million_code(&w).filter(|_| written.starts_with('M')) {
        return Some((r, c, 1e6));
    }
    // "US dollars", "Swiss francs", "Lebanese pounds"
    if !crate::word_set!(NATIONALITIES).contains(&w) {
        return None;
    }
    let (r2, w2) = alpha_word_ci(r.strip_prefix(' ')?)?;
    let c = national(&w, &w2)?;
    Some((r2, c, 1.0))
}

/// Whether the word `w` (ASCII letters, in any case) may be read by
/// [`suffix`] as a currency: a word that fails is none of the words its
/// rules read after an amount (a currency's name or code, a code in
/// millions, a country before `$`, `LE`, a nationality).
pub(crate) fn may_be_currency_after(w: &[u8]) -> bool {
    // one load from a table built with the program turns most words away
    static ENDS: WordEnds = {
        let mut e = WordEnds::EMPTY.with_lists(&[DOLLAR_OF, NATIONALITIES, &["le"]], false);
        let mut k = 0;
        while k < CURRENCIES.len() {
            e = e.with(CURRENCIES[k].0.as_bytes());
            k += 1;
        }
        let mut k = 0;
        while k < CODES.len() {
            e = e.with(CODES[k].0.as_bytes());
            k += 1;
        }
        e
    };
    // "MUSD": a code in millions
    let million = w.len() == 4 && matches!(w[0], b'm' | b'M');
    million || ENDS.may_hold(w)
}

/// A scale word after a currency code: `75 USD million`.
pub fn trailing_scale(i: &str) -> Option<(&str, f64)> {
    let (r, w) = alpha_word_ci(i.strip_prefix(' ')?)?;
    let s = match w.as_str() {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    };
    Some((r, s))
}

/// Cents after the main unit: `3 dollars 50 cents`, `$20 and 43c`,
/// `thirteen dollars and forty-five cents`; after a whole amount also
/// without the word when nothing follows but the end of the clause
/// (`it cost 15 dollars 50.`, `twenty rupees and 43`), never before a word
/// (`20 euros and 50 were sold` is two figures). Returns the rest and the
/// amount in the main unit.
///
/// ```text
/// minor = " " ["and "] cardinal ("c" | " " minor-word | &clause-end)
/// ```
pub fn minor_units<'a>(i: &'a str, code: &str, whole: bool) -> Option<(&'a str, f64)> {
    let t = i.strip_prefix(' ')?;
    let t = t.strip_prefix("and ").unwrap_or(t);
    let (r, c) = super::cardinal::cardinal(t).ok()?;
    if c.value >= 100.0 || c.value.fract() != 0.0 || c.scaled {
        return None;
    }
    let clause_end = r
        .strip_prefix(['.', ',', ';', ':', '!', '?', ')'])
        .unwrap_or(r)
        .chars()
        .next()
        .is_none_or(char::is_whitespace)
        && !r.starts_with(' ');
    if whole && clause_end && !matches!(code, "JPY" | "KRW") {
        return Some((r, c.value / 100.0));
    }
    let (rest, minor) = if let Some(r2) = r.strip_prefix('c').filter(|r2| super::boundary_after(r2))
    {
        (
            r2,
            code == "USD" || code == "CAD" || code == "AUD" || code == "MYR",
        )
    } else {
        let (r2, w) = alpha_word_ci(r.strip_prefix(' ')?)?;
        let ok = match w.as_str() {
            "cent" | "cents" => !matches!(code, "GBP"),
            "pence" | "penny" | "p" => code == "GBP",
            "sen" | "sens" => code == "MYR",
            "kopiyka" | "kopiykas" | "kopiyok" => code == "UAH",
            "kopek" | "kopeks" | "kopeck" | "kopecks" => matches!(code, "RUB" | "UAH"),
            _ => false,
        };
        (r2, ok)
    };
    minor.then_some((rest, c.value / 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    /// The second words of [`national`]'s pairs.
    const NATIONAL_CURRENCIES: &[&str] = &[
        "dollar", "dollars", "franc", "francs", "yuan", "yen", "rupee", "rupees", "lira", "liras",
        "pound", "pounds", "riyal", "riyals", "dinar", "dinars", "ringgit", "ringgits", "peso",
        "pesos", "rouble", "roubles", "ruble", "rubles", "hryvnia", "hryvnias", "guilder",
        "guilders", "markka", "peseta", "pesetas", "mark", "marks", "masriya",
    ];

    proptest::proptest! {
        /// The sieve of words turns away no currency: every word after an
        /// amount reads as it reads when each is looked up.
        #[test]
        fn currencies_after_read_as_without_the_sieve(i in crate::extract::grammar::words_in_any_case(&[
            CURRENCIES.iter().map(|(w, _)| *w).collect::<Vec<_>>().leak(),
            CODES.iter().map(|(w, _)| *w).collect::<Vec<_>>().leak(),
            DOLLAR_OF,
            NATIONALITIES,
            NATIONAL_CURRENCIES,
            &["le", "l.e.", "musd", "meur", "mark", "c", "rs", "rm", "sterling", "people"],
        ])) {
            for pre in ["", " ", "  ", "-", "\u{a0}", "\t", " \t", ".", ", ", "1", "$", " $", " \u{a2}", " -"] {
                let s = format!("{pre}{i}");
                proptest::prop_assert_eq!(suffix_with(&s, true), suffix_with(&s, false), "{:?}", s);
            }
        }
    }

    /// Every pair of the words the rules know (and a few they do not),
    /// in three cases, read as without the sieve.
    #[test]
    fn every_pair_of_known_words_reads_as_without_the_sieve() {
        let mut words: Vec<&str> = [
            CURRENCIES
                .iter()
                .map(|(w, _)| *w)
                .collect::<Vec<_>>()
                .as_slice(),
            CODES.iter().map(|(w, _)| *w).collect::<Vec<_>>().as_slice(),
            DOLLAR_OF,
            NATIONALITIES,
            NATIONAL_CURRENCIES,
            &[
                "le", "l.e.", "musd", "meur", "c", "sterling", "people", "million",
            ],
        ]
        .concat();
        words.sort_unstable();
        words.dedup();
        let cased = |w: &str| {
            [w.to_string(), w.to_ascii_uppercase(), {
                let mut c = w.to_string();
                c[..1].make_ascii_uppercase();
                c
            }]
        };
        for a in &words {
            for a in cased(a) {
                for b in &words {
                    for pre in [" ", "", "-"] {
                        for mid in [" ", "$", " $"] {
                            let s = format!("{pre}{a}{mid}{b}");
                            assert_eq!(suffix_with(&s, true), suffix_with(&s, false), "{s:?}");
                        }
                    }
                }
            }
        }
    }

    /// Every word of up to four letters and dots that [`prefix`] may
    /// know (and a few it does not), in three cases, before each thing
    /// that may follow a currency, reads as without the sieve of words.
    #[test]
    fn every_currency_before_an_amount_reads_as_without_the_sieve() {
        let mut words: Vec<&str> = [
            CODES.iter().map(|(w, _)| *w).collect::<Vec<_>>().as_slice(),
            DOLLAR_OF,
            &[
                "ps", "euro", "rs", "rm", "rs.", "rm.", "u.s", "u.", "ringgit", "ringgits",
                "rupees", "rupee", "in", "of", "the", "and", "a", "an", "s", "on", "to", "r", "eu",
                "usa", "ab",
            ],
        ]
        .concat();
        words.sort_unstable();
        words.dedup();
        let cased = |w: &str| {
            [w.to_string(), w.to_ascii_uppercase(), {
                let mut c = w.to_string();
                c[..1].make_ascii_uppercase();
                c
            }]
        };
        for w in &words {
            for w in cased(w) {
                for after in [
                    "5", " 5", "$5", " $5", ".5", "\u{a0}5", " x", ". 5", "..5", "5m",
                ] {
                    let s = format!("{w}{after}");
                    assert_eq!(prefix_with(&s, true), prefix_with(&s, false), "{s:?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The same for words made up, and for the words of the lists
        /// with anything after them.
        #[test]
        fn currencies_before_read_as_without_the_sieve(
            w in crate::extract::grammar::words_in_any_case(&[
                CODES.iter().map(|(w, _)| *w).collect::<Vec<_>>().leak(),
                DOLLAR_OF,
                &["ps", "euro", "rs", "rm", "ringgit", "rupees", "u.s."],
            ]),
            after in "[ $.0-9\u{a0}a-z]{0,3}",
        ) {
            let s = format!("{w}{after}");
            proptest::prop_assert_eq!(prefix_with(&s, true), prefix_with(&s, false), "{:?}", s);
        }
    }

    #[test]
    fn every_nationality_is_listed() {
        for n in NATIONALITIES {
            assert!(
                NATIONAL_CURRENCIES.iter().any(|c| national(n, c).is_some()),
                "{n}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn no_word_outside_the_list_is_a_nationality(
            w in proptest::prop_oneof![
                "[a-z]{0,10}",
                proptest::sample::select(NATIONALITIES).prop_map(|w| format!("{w}s")),
                proptest::sample::select(NATIONALITIES).prop_map(|w| w[1..].to_string()),
            ],
            c in proptest::sample::select(NATIONAL_CURRENCIES),
        ) {
            if !crate::word_set!(NATIONALITIES).contains(&w) {
                proptest::prop_assert_eq!(national(&w, c), None);
            }
        }
    }

    /// `code_as_written` before it turned away every word but of three bytes.
    fn code_as_written_plain(written: &str) -> Option<&'static str> {
        let lower = super::super::Lower::new(written);
        let upper = written.bytes().all(|b| b.is_ascii_uppercase());
        let lower_ok = written.bytes().all(|b| b.is_ascii_lowercase())
            && !matches!(lower.as_str(), "try" | "ron" | "cad");
        (upper || lower_ok).then(|| code(lower.as_str())).flatten()
    }

    proptest::proptest! {
        #[test]
        fn codes_as_written_agree_with_the_plain_reading(w in proptest::prop_oneof![
            "[a-zA-Z]{0,5}",
            "(USD|usd|Usd|EUR|eur|try|TRY|ron|cad|CAD|€|£a|u€)[a-z]{0,1}",
            "\\PC{0,4}",
        ]) {
            proptest::prop_assert_eq!(code_as_written(&w), code_as_written_plain(&w));
        }
    }

    /// The table searched word by word: what [`currency_word`] must agree with.
    fn currency_word_plain(w: &str) -> Option<(&'static str, f64)> {
        CURRENCIES.iter().find(|(c, _)| *c == w).map(|(_, v)| *v)
    }

    #[test]
    fn every_listed_currency_word_names_its_currency_once() {
        for (w, v) in CURRENCIES {
            assert_eq!(currency_word(w), Some(*v), "{w}");
            assert_eq!(
                CURRENCIES.iter().filter(|(c, _)| c == w).count(),
                1,
                "{w} twice"
            );
        }
        assert_eq!(currency_word("Euros"), None, "as written");
    }

    proptest::proptest! {
        #[test]
        fn the_currency_word_filter_agrees_with_the_table(w in proptest::prop_oneof![
            proptest::sample::select(CURRENCIES).prop_map(|(w, _)| w.to_string()),
            proptest::sample::select(CURRENCIES).prop_flat_map(|(w, _)| (proptest::strategy::Just(w), 0..w.len(), "[a-zA-Z]{0,2}"))
                .prop_map(|(w, cut, tail)| format!("{}{tail}", &w[..cut])),
            "[a-zA-Z]{1,16}",
            "\\PC{0,6}",
        ]) {
            proptest::prop_assert_eq!(currency_word(&w), currency_word_plain(&w));
        }
    }

    #[test]
    fn every_code_is_three_lower_case_letters_and_found() {
        for (k, c) in CODES {
            assert!(
                k.len() == 3 && k.bytes().all(|b| b.is_ascii_lowercase()),
                "{k}"
            );
            assert_eq!(code(k), Some(*c), "{k}");
        }
        assert_eq!(code("the"), None);
        assert_eq!(code("usdx"), None);
        assert_eq!(code_as_written("Eur"), None);
    }

    #[test]
    fn prefixes() {
        assert_eq!(prefix("$1.2bn"), Some(("1.2bn", "USD")));
        assert_eq!(prefix("£30m"), Some(("30m", "GBP")));
        assert_eq!(prefix("€ 2 million"), Some(("2 million", "EUR")));
        assert_eq!(prefix("US$ 5"), Some(("5", "USD")));
        assert_eq!(prefix("C$1.34"), Some(("1.34", "CAD")));
        assert_eq!(prefix("USD 22.5"), Some(("22.5", "USD")));
        assert_eq!(prefix("$ sign"), None);
        assert_eq!(prefix("hk $ 10.05"), Some(("10.05", "HKD")));
        assert_eq!(prefix("USD115.5"), Some(("115.5", "USD")));
        assert_eq!(prefix("Rs. 20"), Some(("20", "INR")));
        assert_eq!(prefix("try 5 times"), None);
        assert_eq!(prefix("Try 5"), None);
        assert_eq!(prefix("usa 5"), None);
        assert_eq!(prefix("ringgit 17"), Some(("17", "MYR")));
        assert_eq!(prefix("Rupees 500 crore"), Some(("500 crore", "INR")));
        assert_eq!(prefix("ringgit fell"), None);
        assert!(one_unit(" dollar a day"));
        assert!(!one_unit(" pound of flour"));
        assert!(!one_unit(" yen for"));
        assert!(!one_unit(" dollars"));
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
        assert_eq!(suffix("-cent-a-share"), Some(("-a-share", "USD", 0.01)));
        assert_eq!(suffix(" Swiss francs"), Some(("", "CHF", 1.0)));
        assert_eq!(suffix("USD"), Some(("", "USD", 1.0)));
        assert_eq!(suffix(" MUSD"), Some(("", "USD", 1e6)));
        assert_eq!(suffix("G"), None);
        assert_eq!(suffix("US$ more"), Some((" more", "USD", 1.0)));
        assert_eq!(suffix("Rs"), Some(("", "INR", 1.0)));
        assert_eq!(suffix("RM."), Some((".", "MYR", 1.0)));
        assert_eq!(suffix("rm"), None);
        assert_eq!(suffix(" L.E. each"), Some((" each", "EGP", 1.0)));
        assert_eq!(suffix(" LE"), Some(("", "EGP", 1.0)));
        assert_eq!(suffix(" c each"), Some((" each", "USD", 0.01)));
        assert_eq!(suffix(" c. 1900"), None);
        assert_eq!(suffix(" Le Pen"), None);
        assert_eq!(suffix(" genihat masriya"), Some(("", "EGP", 1.0)));
        assert_eq!(code_as_written("usd"), Some("USD"));
        assert_eq!(code_as_written("EUR"), Some("EUR"));
        assert_eq!(code_as_written("TRY"), Some("TRY"));
        assert_eq!(code_as_written("try"), None);
        assert_eq!(code_as_written("Usd"), None);
        assert_eq!(code_as_written("usdollars"), None);
        assert_eq!(minor_units(" dollars", "USD", true), None);
        assert_eq!(minor_units(" 50 cents.", "USD", true), Some((".", 0.5)));
        assert_eq!(
            minor_units(" and forty-five cents", "USD", true),
            Some(("", 0.45))
        );
        // without the word: only at the end of a clause, after a whole amount
        assert_eq!(minor_units(" 50.", "USD", true), Some((".", 0.5)));
        assert_eq!(minor_units(" and 43", "INR", true), Some(("", 0.43)));
        assert_eq!(
            minor_units(" forty five, said", "USD", true),
            Some((", said", 0.45))
        );
        assert_eq!(minor_units(" 50.", "USD", false), None);
        assert_eq!(minor_units(" and 50 were sold", "EUR", true), None);
        assert_eq!(minor_units(" 50 times", "EUR", true), None);
        assert_eq!(minor_units(" 50.5", "EUR", true), None);
        assert_eq!(minor_units(" 500.", "EUR", true), None);
        assert_eq!(minor_units(" 50.", "JPY", true), None);
        assert_eq!(minor_units(" 7 kopiykas", "UAH", false), Some(("", 0.07)));
        assert_eq!(minor_units(" 7 kopiykas", "USD", false), None);
    }
}
