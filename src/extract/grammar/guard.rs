//! Digits that are not figures: phone numbers, IP addresses, times of day,
//! and names with digits (`F-35`, `5G`, `Section 427`, `S&P 500`).
//!
//! ```text
//! phone  = [ "+" ] digits ( ( "-" | "." | " " | "/" ) digits ){2,}   (* seven digits or more *)
//!        | "(" digit{3} ")" SPACE digit{3} "-" digit{4}
//! ip     = octet "." octet "." octet "." octet
//! time   = hh ":" mm [ SPACE ] [ meridiem ] | hh [ SPACE ] meridiem
//! name   = introducer SPACE digits | letter "-" digits | digits letter+
//! ```
//!
//! Years and ordinals are recognised by the driver after parsing, because
//! they *are* numbers, just not counts.

use super::{is_space, words_before};

fn digits(i: &str) -> usize {
    i.bytes().take_while(u8::is_ascii_digit).count()
}

/// What [`skip`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    /// A phone number or IP address: its numbers are labels.
    Identifier,
    /// A time of day.
    Time,
}

/// Length of a phone number, IP address or time of day at `i`, if one
/// starts there, and which it is.
pub fn skip(i: &str) -> Option<(usize, Guarded)> {
    skip_in(i, 0, &mut Slashed::default())
}

/// What [`skip_in`] learnt of a text: where a run of numbers joined by
/// slashes alone (`12/35/53/100`) ends. No phone number starts inside
/// one, since each number of it would walk the same run to the same end;
/// asking at each of them again was quadratic in the run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Slashed {
    /// Offsets of the text before this are inside such a run.
    until: usize,
}

/// [`skip`] at byte `at` of `text`, for figures asked in the order of
/// the text.
pub fn skip_in(text: &str, at: usize, slashed: &mut Slashed) -> Option<(usize, Guarded)> {
    let i = &text[at..];
    ip(i)
        .or_else(|| {
            if at < slashed.until {
                return None;
            }
            match phone(i) {
                Phone::Found(n) => Some(n),
                Phone::Slashed(end) => {
                    slashed.until = at + end;
                    None
                }
                Phone::None => None,
            }
        })
        .map(|n| (n, Guarded::Identifier))
        .or_else(|| time(i).map(|n| (n, Guarded::Time)))
}

fn ip(i: &str) -> Option<usize> {
    let mut at = 0;
    for k in 0..4 {
        crate::work::step(1);
        let n = digits(&i[at..]);
        if n == 0 || n > 3 {
            return None;
        }
        at += n;
        if k < 3 {
            if !i[at..].starts_with('.') {
                return None;
            }
            at += 1;
        }
    }
    (!i[at..].starts_with(|c: char| c.is_ascii_digit())).then_some(at)
}

/// What [`phone`] found at a place.
enum Phone {
    /// A phone number this long.
    Found(usize),
    /// None: numbers joined by slashes alone, up to here.
    Slashed(usize),
    None,
}

fn phone(i: &str) -> Phone {
    let mut at = usize::from(i.starts_with('+'));
    let plus = at == 1;
    if i[at..].starts_with('(') {
        // (555) 123-4567
        let n = digits(&i[at + 1..]);
        if n == 3 && i[at + 4..].starts_with(") ") {
            let r = &i[at + 6..];
            let a = digits(r);
            if a == 3 && r[3..].starts_with('-') && digits(&r[4..]) == 4 {
                return Phone::Found(at + 6 + 8);
            }
        }
        return Phone::None;
    }
    let mut groups = 0;
    let mut total = 0;
    let mut seps = None;
    loop {
        let n = digits(&i[at..]);
        if n == 0 {
            break;
        }
        crate::work::step(1);
        groups += 1;
        total += n;
        at += n;
        let Some(c) = i[at..].chars().next() else {
            break;
        };
        if !matches!(c, '-' | '.' | ' ' | '/')
            || !i[at + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            break;
        }
        if c != '/' {
            if seps.is_some_and(|s| s != c) {
                break;
            }
            // a space-separated phone number needs a plus, and the
            // separator never changes: "1 1 1 ..." is no phone number,
            // however far it runs
            if c == ' ' && !plus {
                return Phone::None;
            }
            seps = Some(c);
        }
        at += 1;
    }
    if seps.is_none() && !plus {
        return Phone::Slashed(at);
    }
    let dashed = seps == Some('-') || seps == Some('.');
    // 2022-02-24 is a date
    let iso = groups == 3 && total == 8 && i[..at].len() == 10 && digits(i) == 4;
    let long_enough = total >= 7 && groups >= 3 || plus && total >= 4 && groups >= 2;
    if long_enough && (dashed || plus) && !iso {
        Phone::Found(at)
    } else {
        Phone::None
    }
}

fn time(i: &str) -> Option<usize> {
    let h = digits(i);
    if h == 0 || h > 2 {
        return None;
    }
    let mut at = h;
    if i[at..].starts_with(':') && digits(&i[at + 1..]) == 2 {
        at += 3;
        if i[at..].starts_with(':') && digits(&i[at + 1..]) == 2 {
            at += 3;
        }
        return Some(at + meridiem(&i[at..]).unwrap_or(0));
    }
    meridiem(&i[at..]).map(|m| at + m)
}

fn meridiem(i: &str) -> Option<usize> {
    let t = i.trim_start_matches(is_space);
    let sp = i.len() - t.len();
    if !t.starts_with(['a', 'p', 'A', 'P']) {
        return None;
    }
    for m in ["a.m.", "p.m.", "am", "pm", "AM", "PM", "A.M.", "P.M."] {
        if let Some(r) = t.strip_prefix(m) {
            if m.ends_with('.') || !r.starts_with(|c: char| c.is_alphanumeric()) {
                return Some(sp + m.len());
            }
        }
    }
    None
}

/// Words that make the number after them part of a name.
const INTRODUCERS: &[&str] = &[
    "section",
    "article",
    "title",
    "chapter",
    "flight",
    "route",
    "highway",
    "interstate",
    "boeing",
    "airbus",
    "apollo",
    "windows",
    "iphone",
    "galaxy",
    "resolution",
    "room",
    "gate",
    "platform",
    "proposition",
    "prop",
    "paragraph",
    "clause",
    "page",
    "volume",
    "vol",
    "episode",
    "season",
    "level",
    "no",
    "nos",
    "nr",
    "nrs",
    "number",
    "formula",
    "fortune",
    "ftse",
    "dow",
    "phase",
    "model",
    "version",
    "agenda",
    "euro",
    "cop",
    "bus",
    "line",
    "channel",
    "studio",
    "terminal",
    "pier",
    "exit",
    "district",
    "ward",
    "precinct",
    "stage",
    "figure",
    "table",
    "appendix",
    "annex",
    "schedule",
    "rule",
    "act",
    "decree",
    "law",
    "cac",
    "dax",
    "nikkei",
    "vision",
    "covid",
    "sars",
    "mig",
    "su",
    "tu",
    "playstation",
    "xbox",
    "pixel",
];

/// Whether the figure starting at byte `at` is part of a name. (Letters
/// glued after the digits, as in `5G`, are the driver's check, since only it
/// knows which suffixes it understood.)
pub fn is_name(text: &str, at: usize) -> bool {
    let head = &text[..at];
    // F-35, COVID-19, S-400
    if let Some(h) = head.strip_suffix('-') {
        if h.ends_with(|c: char| c.is_ascii_alphabetic()) {
            return true;
        }
    }
    if head.ends_with("S&P ") || head.ends_with('#') || head.ends_with("# ") {
        return true;
    }
    if let Some((_, w)) = words_before(text, at).next() {
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
        let lw = super::Lower::new(w);
        if crate::word_set!(INTRODUCERS).contains(w)
            && (capital || matches!(lw.as_str(), "no" | "nos" | "nr" | "nrs" | "number"))
        {
            // "number 10" is a name, "a number" is not: need no article after
            return lw != "number" || capital;
        }
    }
    // "Su-27" style where the hyphen is surrounded by letters and digits was
    // handled above; "No. 10" keeps its full stop in the text
    head.ends_with("No. ") || head.ends_with("no. ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips() {
        assert_eq!(skip("192.168.10.2 is"), Some((12, Guarded::Identifier)));
        assert_eq!(skip("+1-222-2222/2222 is"), Some((16, Guarded::Identifier)));
        assert_eq!(skip("555-123-4567"), Some((12, Guarded::Identifier)));
        assert_eq!(skip("10:30 a.m. on"), Some((10, Guarded::Time)));
        assert_eq!(skip("3pm"), Some((3, Guarded::Time)));
        assert_eq!(skip("3 p.m."), Some((6, Guarded::Time)));
        assert_eq!(skip("2,104 people"), None);
        assert_eq!(skip("15-18"), None);
        assert_eq!(skip("1.5 million"), None);
        assert_eq!(skip("2022-02-24"), None);
        assert_eq!(skip("+44 20 7946 0958 is"), Some((16, Guarded::Identifier)));
        assert_eq!(skip("12/35/53/100-1 is"), Some((14, Guarded::Identifier)));
        assert_eq!(skip("1 1 1 1 1 1 1 1"), None);
        assert_eq!(skip("12/35/53/100/7"), None);
    }

    /// Issue 16: inside a run of numbers joined by slashes the guard does
    /// not walk the run again at each number, and says what it said before.
    #[test]
    fn a_run_of_slashes_is_walked_once() {
        let text = "12/35/53/100/7 and 555-123-4567";
        let mut slashed = Slashed::default();
        let mut answers = Vec::new();
        for at in [0, 3, 6, 9, 13, 19] {
            answers.push(skip_in(text, at, &mut slashed));
            assert_eq!(answers.last().copied(), Some(skip(&text[at..])), "{at}");
        }
        assert_eq!(slashed.until, 14);
        assert_eq!(answers[5], Some((12, Guarded::Identifier)));
    }

    #[test]
    fn names() {
        let t = "an F-35 and 5G and Section 427 and the S&P 500 and 35 people";
        let at = |s: &str| t.find(s).unwrap();
        assert!(is_name(t, at("35 and")));
        assert!(is_name(t, at("427")));
        assert!(is_name(t, at("500")));
        assert!(!is_name(t, at("35 people")));
    }
}
