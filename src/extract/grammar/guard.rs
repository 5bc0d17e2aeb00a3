//! Digits that are not figures: phone numbers, IP addresses, times of day,
//! and names with digits (`F-35`, `5G`, `Section 427`, `S&P 500`).
//!
//! ```text
//! phone  = [ "+" ] digits ( ( "-" | "." | " " | "/" ) digits ){2,}   (* seven digits or more *)
//!        | "(" digit{3} ")" SPACE digit{3} "-" digit{4}
//! ip     = octet "." octet "." octet "." octet
//! time   = hh ":" mm [ SPACE ] [ meridiem ] | hh [ SPACE ] meridiem
//!        | hhmm SPACE zone                             (* "1300 GMT" *)
//! name   = introducer SPACE digits | letter "-" digits | digits letter+
//!        | abbreviation "." SPACE digits               (* "Hwy. 550", "N.C. 42" *)
//!        | digits [ "-" digits ] SPACE ( "block" | Name{0,3} street )   (* "the 2200 block", "22-24 Harbour Road" *)
//!        | "911" | rank-word SPACE digits               (* "top 4", not "top 4 teams" *)
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
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Slashed {
    /// Offsets of the text before this are inside such a run.
    until: usize,
}

/// [`skip`] at byte `at` of `text`, for figures asked in the order of
/// the text.
pub fn skip_in(text: &str, at: usize, slashed: &mut Slashed) -> Option<(usize, Guarded)> {
    // the bytes after the first digits first: most numbers are followed by
    // a mark or a word that continues no address, phone number or time.
    // There each rule of [`skip_read`] finds nothing, and the phone number's walk
    // ends at those digits, which it records as a run of slashes would
    if let Some(n) = plain_number(text.as_bytes(), at) {
        if at >= slashed.until {
            slashed.until = at + n;
        }
        return None;
    }
    skip_read(text, at, slashed)
}

/// The digits at `at`, when what follows them starts no IP address
/// (a full stop before a digit), no phone number (a separator before a
/// digit, or a bracket before them), and no time of day (a colon before
/// a digit, a meridiem's first letter, a zone after four digits): how
/// many. `None` where [`skip_read`] must look.
#[inline]
fn plain_number(b: &[u8], at: usize) -> Option<usize> {
    if at > 0 && b[at - 1] == b'(' {
        return None;
    }
    let n = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    let next = b.get(at + n + 1).copied();
    let plain = match b.get(at + n) {
        None => true,
        // "3pm", "10 AM", "5 a.m."
        Some(b'a' | b'p' | b'A' | b'P' | b'\t') => false,
        Some(b'.' | b'-' | b'/' | b':') => !next.is_some_and(|c| c.is_ascii_digit()),
        // a space before a word: not before a digit (a phone number's
        // group), a meridiem, another space, a zone after four digits
        Some(b' ') => next.is_some_and(|c| {
            c.is_ascii_lowercase() && !matches!(c, b'a' | b'p')
                || c.is_ascii_uppercase() && !matches!(c, b'A' | b'P') && n != 4
                || c.is_ascii_punctuation()
        }),
        Some(c) => c.is_ascii(),
    };
    plain.then_some(n)
}

/// [`skip_in`] read rule by rule.
fn skip_read(text: &str, at: usize, slashed: &mut Slashed) -> Option<(usize, Guarded)> {
    let i = &text[at..];
    ip(i)
        .or_else(|| {
            if at < slashed.until {
                return None;
            }
            // "(434) 555-0100" found from its first digit
            if at > 0 && text.as_bytes()[at - 1] == b'(' {
                if let Phone::Found(n) = phone(&text[at - 1..]) {
                    return Some(n - 1);
                }
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

/// Time zones after a time written as four digits (`1300 GMT`).
const ZONES: &[&str] = &[
    "GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "PST", "PDT", "IST",
];

fn time(i: &str) -> Option<usize> {
    let h = digits(i);
    if h == 4 {
        // "at 1300 GMT", "0700 GMT+3"
        let hh: u32 = i[..2].parse().ok()?;
        let mm: u32 = i[2..4].parse().ok()?;
        let zone = i[4..].strip_prefix(' ').and_then(|r| {
            let n = r.bytes().take_while(u8::is_ascii_uppercase).count();
            (ZONES.contains(&&r[..n]) && super::boundary_after(&r[n..])).then_some(n)
        })?;
        return (hh < 24 && mm < 60).then_some(5 + zone);
    }
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
    // the cheap test first: after ASCII spaces, another ASCII byte than
    // the first letter of a meridiem starts none, nor that letter before
    // another byte than its second (`people`): asked after most numbers
    let b = i.as_bytes();
    let k = b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
    match b.get(k) {
        Some(b'a' | b'p' | b'A' | b'P') if !matches!(b.get(k + 1), Some(b'.' | b'm' | b'M')) => {
            return None;
        }
        Some(c) if c.is_ascii() && !matches!(c, b'a' | b'p' | b'A' | b'P') => return None,
        _ => {}
    }
    let t = i.trim_start_matches(is_space);
    let sp = i.len() - t.len();
    if !t.starts_with(['a', 'p', 'A', 'P']) {
        return None;
    }
    for m in [
        "a.m.", "p.m.", "a. m.", "p. m.", "am", "pm", "AM", "PM", "A.M.", "P.M.",
    ] {
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
    "iso",
    "seat",
    "news",
    "category",
];

/// Introducers that make a name also in lower case: `a category 3
/// storm`, `seat 14`.
const LOWER_INTRODUCERS: &[&str] = &["category", "seat", "grade", "size", "gauge"];

/// Abbreviations that introduce a number with their full stop: `Hwy. 550`.
const DOTTED: &[&str] = &[
    "hwy", "rte", "rt", "ste", "apt", "bldg", "rm", "sec", "art", "fig", "ch", "vol", "pt", "no",
    "nos", "nr", "st",
];

/// The last word of a street's name: `22-24 Harbour Road`, `54 State St.`.
const STREETS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "boulevard",
    "blvd",
    "drive",
    "way",
    "court",
    "ct",
    "place",
    "terrace",
    "parkway",
    "pkwy",
    "circle",
    "highway",
    "hwy",
    "crescent",
    "close",
    "square",
    "pike",
    "trail",
    "row",
];

/// Whether a word is a noun a count could count: plural in form, or one of
/// the plurals without an `s`.
fn plural_noun(w: &str) -> bool {
    let l = super::Lower::new(w);
    (l.len() > 3 && l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us"))
        || matches!(
            l.as_str(),
            "people" | "children" | "men" | "women" | "police" | "troops" | "staff"
        )
}

/// The word after a figure, when only a space stands between.
fn word_after(rest: &str) -> Option<&str> {
    let r = rest.strip_prefix(' ')?;
    let n = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    (n > 0).then(|| &r[..n])
}

/// Whether the figure `text[at..end]` is a name by what follows it: a
/// block or a street of an address, or the emergency number.
pub fn is_name_after(text: &str, at: usize, end: usize) -> bool {
    let rest = &text[end..];
    let figure = &text[at..end];
    if figure == "911" && word_after(rest).is_none_or(|w| !plural_noun(w)) {
        return true;
    }
    // the cheap test first: every name after a number starts with a
    // hyphen or a space before a bore (` caliber`), a capital or `block`
    let b = rest.as_bytes();
    match (b.first(), b.get(1)) {
        (Some(b'-'), _) | (Some(b' '), Some(b'c' | b'b' | b'A'..=b'Z')) => {}
        _ => return false,
    }
    // "a .38-caliber revolver", "a 12-gauge shotgun": a weapon's bore
    if ["-caliber", "-calibre", " caliber", " calibre", "-gauge"]
        .iter()
        .any(|w| rest.starts_with(w))
    {
        return true;
    }
    // every other name after a number starts with a space and a capital,
    // or `block`
    if b.first() != Some(&b' ')
        || !(b.get(1).is_some_and(u8::is_ascii_uppercase) || b.get(1) == Some(&b'b'))
    {
        return false;
    }
    street_or_block(figure, rest)
}

/// Whether the figure is digits and hyphens that number a block or a
/// street of an address, by the capitalised words after it (`rest`
/// starts with a space and a capital or `b`).
fn street_or_block(figure: &str, rest: &str) -> bool {
    if !figure.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return false;
    }
    let mut r = rest;
    for k in 0..4 {
        let Some(w) = word_after(r) else {
            return false;
        };
        let lw = super::Lower::new(w);
        if k == 0 && lw == "block" {
            return true;
        }
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
        // a headline in title case: "5 People Wounded In Drive-By Shooting"
        let function = matches!(
            lw.as_str(),
            "in" | "at"
                | "on"
                | "of"
                | "and"
                | "the"
                | "for"
                | "to"
                | "after"
                | "as"
                | "by"
                | "with"
                | "from"
                | "near"
        );
        if !capital || function {
            return false;
        }
        if k > 0 && crate::word_set!(STREETS).contains(&lw) {
            return true;
        }
        r = &r[1 + w.len()..];
    }
    false
}

/// Verbs that headlines in title case put before a count: `Gunman Kill
/// 3`, `Floods Leave 5 Dead`.
const HEADLINE_VERBS: &[&str] = &[
    "kill", "leave", "hit", "top", "reach", "near", "pass", "exceed", "hurt", "claim", "injure",
    "wound", "arrest", "rescue", "save", "strike", "shoot", "face", "cost", "pay", "win", "lose",
    "beat", "add", "cut", "sell", "buy", "hire", "employ", "see", "put", "say", "tell", "make",
    "take", "get", "give", "raise", "earn", "score", "lead", "trail", "count", "total", "number",
    "hold", "have", "be", "dead", "evacuate", "displace", "sentence", "jail", "fine", "free",
    "release", "detain", "seize", "capture", "kidnap", "rise", "fall", "hits", "up", "down",
    "only", "just", "nearly", "about", "all", "some", "over", "under", "than",
    // the small words a headline in title case capitalises
    "in", "at", "on", "of", "by", "for", "and", "but", "or", "with", "from", "to", "as", "after",
    "near", "into", "around", "almost", "per", "the", "a", "an",
];

/// Whether a plain number right after a capitalised word is a name: a
/// model, a station, a route the lists do not know (`Opteron 3200`,
/// `Cleveland 19`, `SEA-ME-WE 4`). Only where the word stands inside a
/// sentence (not first: `About 300 came`), is no verb of a headline in
/// title case (`Kills 29`, `Leave 5`), and nothing counted follows the
/// number (`Kill 100 Terrorists`, `12 Marines`).
pub fn is_brand_number(text: &str, at: usize, end: usize) -> bool {
    // the cheap test first: a word with a capital and a space right before
    // the number
    let b = text.as_bytes();
    if at < 2 || b[at - 1] != b' ' {
        return false;
    }
    let mut k = at - 1;
    let mut capital = false;
    while k > 0 && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b'-') {
        k -= 1;
        capital |= b[k].is_ascii_uppercase();
    }
    if !capital {
        return false;
    }
    let Some((ws, w)) = words_before(text, at).next() else {
        return false;
    };
    // "Opteron", "SEA-ME-WE", "iPhone": a capital somewhere in the word
    if w.len() < 2 || !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let figure = &text[at..end];
    let plain = |f: &str| !f.is_empty() && f.len() <= 5 && f.bytes().all(|b| b.is_ascii_digit());
    let numbers_plain = match figure.find(' ') {
        Some(k) => figure[k..]
            .strip_prefix(" or ")
            .is_some_and(|second| plain(&figure[..k]) && plain(second)),
        None => plain(figure),
    };
    if !numbers_plain {
        return false;
    }
    let lw = super::Lower::new(w);
    let verbish = lw.ends_with('s') || lw.ends_with("ed") || lw.ends_with("ing");
    if verbish || crate::word_set!(HEADLINE_VERBS).contains(&lw) {
        return false;
    }
    // the word must not open its sentence: "Nearly 50 died", "Officials 3..."
    let head = text[..ws].trim_end_matches(is_space);
    let opens = head.is_empty()
        || head.ends_with(['.', '!', '?', '\n', ':', '"', '\u{201c}', '(', '\u{2014}'])
        || head.ends_with(" -");
    if opens {
        return false;
    }
    // "beat Arsenal 3-1": a score after a team
    if text[end..]
        .strip_prefix(['-', '\u{2013}'])
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    // "Related Coverage 4 injured in ...": what happened to them follows
    let happened = word_after(&text[end..]).is_some_and(|w| {
        matches!(
            super::Lower::new(w).as_str(),
            "dead"
                | "killed"
                | "injured"
                | "wounded"
                | "hurt"
                | "shot"
                | "missing"
                | "arrested"
                | "died"
                | "die"
                | "dies"
                | "hospitalized"
                | "hospitalised"
                | "critical"
                | "stabbed"
                | "detained"
                | "displaced"
                | "evacuated"
                | "more"
                | "others"
        )
    });
    if happened {
        return false;
    }
    // nothing counted after: punctuation, the end, or a lower-case word that
    // is no plural
    match word_after(&text[end..]) {
        Some(next) => next.starts_with(|c: char| c.is_ascii_lowercase()) && !plural_noun(next),
        None => !text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '%'),
    }
}

/// Whether the figure starting at byte `at` is part of a name. (Letters
/// glued after the digits, as in `5G`, are the driver's check, since only it
/// knows which suffixes it understood.)
pub fn is_name(text: &str, at: usize) -> bool {
    is_name_near(text, at, words_before(text, at).next())
}

/// [`is_name`], with the word nearest `at` read already by the caller:
/// `nearest` is `words_before(text, at).next()`.
pub fn is_name_near(text: &str, at: usize, nearest: Option<(usize, &str)>) -> bool {
    let head = &text[..at];
    // F-35, COVID-19, S-400
    if let Some(h) = head.strip_suffix('-') {
        // not "under-14", "over-50s", "magnitude-6.2": a bound or a
        // measure, not a model's name
        let bound = ["under", "over", "magnitude", "aged"].iter().any(|w| {
            h.len() >= w.len()
                && h.as_bytes()[h.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
        });
        if h.ends_with(|c: char| c.is_ascii_alphabetic()) && !bound {
            return true;
        }
    }
    if head.ends_with("S&P ") || head.ends_with('#') || head.ends_with("# ") {
        return true;
    }
    // "Hwy. 550", "N.C. 42": an abbreviation with its full stop
    if let Some(h) = head.strip_suffix(". ") {
        let n = h
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic() || *b == b'.')
            .count();
        let word = &h[h.len() - n..];
        let lw = super::Lower::new(word);
        let state = word.len() == 3
            && word.as_bytes()[1] == b'.'
            && word.bytes().filter(u8::is_ascii_uppercase).count() == 2;
        let after = &text[at..];
        let digits_end = after.bytes().take_while(u8::is_ascii_digit).count();
        let counts = word_after(&after[digits_end..]).is_some_and(plural_noun);
        if (state
            || (word.starts_with(|c: char| c.is_ascii_uppercase())
                && crate::word_set!(DOTTED).contains(&lw)))
            && !counts
        {
            return true;
        }
    }
    if let Some((_, w)) = nearest {
        // the word before is ASCII letters and apostrophes: the sets and
        // the comparisons below ignore its case, and nothing is lower-cased
        let after = &text[at..];
        let digits_end = after.bytes().take_while(u8::is_ascii_digit).count();
        let counts = || word_after(&after[digits_end..]).is_some_and(plural_noun);
        if crate::word_set!(LOWER_INTRODUCERS).contains(w) && !counts() {
            return true;
        }
        // "the Premier League's top 4": a rank, unless it counts ("top 10 teams")
        if w.eq_ignore_ascii_case("top")
            && !counts()
            && !after[digits_end..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '%')
        {
            return true;
        }
        if crate::word_set!(INTRODUCERS).contains(w) {
            // "iPhone 15" is a name as "Galaxy 9" is
            let capital = w.bytes().any(|b| b.is_ascii_uppercase());
            let numbered = ["no", "nos", "nr", "nrs", "number"]
                .iter()
                .any(|n| w.eq_ignore_ascii_case(n));
            if capital || numbered {
                // "number 10" is a name, "a number" is not: need no article after
                return !w.eq_ignore_ascii_case("number") || capital;
            }
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

    #[test]
    fn numbers_after_a_proper_name() {
        let brand = |t: &str, n: &str| {
            let at = t.find(n).unwrap();
            is_brand_number(t, at, at + n.len())
        };
        assert!(brand("It runs on a cheap Xeon 2400 chip.", "2400"));
        assert!(brand("He told Channel 9 she had left.", "9"));
        assert!(brand("The link was cut on the TAT 14, they said.", "14"));
        assert!(brand("a mid-range Ryzen 5600 or 5700 part", "5600 or 5700"));
        assert!(brand("a fault on the ASIA-AFRICA-EURO 2 link", "2"));
        assert!(!brand("OSLO, Norway - About 40 came", "40"));
        assert!(!brand("Nearly 50 died.", "50"));
        assert!(!brand("The storm in Kerala 300 people fled.", "300"));
        assert!(!brand("Gunman Kills 4 at a Mall", "4"));
        assert!(!brand("Floods Leave 5 dead", "5"));
        assert!(!brand("a firm of Boston 12,000 strong", "12,000"));
        assert!(!brand("they met Obama 2 weeks ago", "2"));
        assert!(brand("the Boeing 787 Dreamliner 9 model", "9"));
        assert!(brand("an old iPod 4 she kept", "4"));
        assert!(!brand("Crash Victims Named In 2 Towns", "2"));
        assert!(!brand("Two Hurt In 1 Crash", "1"));
        assert!(!brand("Related Stories 5 dead after a fire", "5"));
        // a character of several bytes before the hyphen
        assert!(!is_name(
            "the word “café”-9 here",
            "the word “café”-9 here".find('9').unwrap()
        ));
    }

    #[test]
    fn names_of_our_own() {
        let named = |t: &str, n: &str| {
            let at = t.find(n).unwrap();
            is_name(t, at) || is_name_after(t, at, at + n.len())
        };
        for (t, n) in [
            ("They took Hwy. 61 north.", "61"),
            ("a crash on N.C. 12 near the coast", "12"),
            ("it was a category 4 hurricane", "4"),
            ("She sat in seat 22 by the window.", "22"),
            ("The side stayed in the top 6, level on points.", "6"),
            ("Her plant meets ISO 14001 now.", "14001"),
            ("gunfire in the 3100 block of Elm Avenue", "3100"),
            ("The bakery at 17-19 Mill Lane reopened.", "17-19"),
            ("He lives at 5 Orchard Close.", "5"),
            ("a caller dialled 911 at dawn", "911"),
            ("She dialled 911.", "911"),
            ("a 911 call came in", "911"),
            ("a .22-caliber rifle", "22"),
            ("a 20-gauge shotgun", "20"),
        ] {
            assert!(named(t, n), "{t}: {n} is a name");
        }
        for (t, n) in [
            ("the top 10 firms by sales", "10"),
            ("35 people in the block", "35"),
            ("Police said 12 Marines were hurt.", "12"),
            ("In the U.S. 40 states voted.", "40"),
            ("He scored 12 goals.", "12"),
            ("a category of 3 items", "3"),
            ("4 Killed In Crash On Elm Road", "4"),
            ("a team for under-12 players", "12"),
        ] {
            assert!(!named(t, n), "{t}: {n} is a figure");
        }
        assert_eq!(skip("1300 GMT on"), Some((8, Guarded::Time)));
        assert_eq!(skip("0700 GMT+3"), Some((8, Guarded::Time)));
        assert_eq!(skip("0700 GMTX"), None);
        assert_eq!(skip("2500 GMT"), None);
        assert_eq!(skip("1300 people"), None);
        assert_eq!(skip("11 p. m. on"), Some((8, Guarded::Time)));
        let t = "call (555) 123-4567 now";
        assert_eq!(
            skip_in(t, 6, &mut Slashed::default()),
            Some((13, Guarded::Identifier))
        );
    }

    /// [`skip_in`] and [`skip_read`] at every digit of `text` in order,
    /// each with its own record of slashes: the answers and the records
    /// must agree.
    fn same_as_read(text: &str) -> Result<(), String> {
        let (mut fast, mut read) = (Slashed::default(), Slashed::default());
        for at in (0..text.len()).filter(|&k| text.as_bytes()[k].is_ascii_digit()) {
            let (a, b) = (skip_in(text, at, &mut fast), skip_read(text, at, &mut read));
            if a != b || fast != read {
                return Err(format!(
                    "{text:?} at {at}: {a:?} {fast:?} against {b:?} {read:?}"
                ));
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The look at the bytes after the digits changes no answer:
        /// digits between the marks, spaces and letters that start or
        /// continue an address, a phone number or a time.
        #[test]
        fn plain_numbers_are_skipped_as_the_rules_skip_them(
            s in "[0-9(+]{0,2}([0-9]{1,5}[ .:/\\-\t,()apmAPMGTUCSxZ\u{a0}é]{0,3}){0,5}",
        ) {
            proptest::prop_assert_eq!(same_as_read(&s), Ok(()));
        }
    }

    /// The same at every digit of the stories of `../shared/realnews`;
    /// skipped when they are missing.
    #[test]
    fn plain_numbers_are_skipped_as_the_rules_skip_them_in_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        for s in stories {
            assert_eq!(same_as_read(&s.text), Ok(()), "{}", s.id);
        }
    }

    /// [`is_name_after`] as it was, without its first look at the two
    /// bytes after the figure.
    fn is_name_after_read(text: &str, at: usize, end: usize) -> bool {
        let rest = &text[end..];
        let figure = &text[at..end];
        if figure == "911" && word_after(rest).is_none_or(|w| !plural_noun(w)) {
            return true;
        }
        // "a .38-caliber revolver", "a 12-gauge shotgun": a weapon's bore
        if ["-caliber", "-calibre", " caliber", " calibre", "-gauge"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return true;
        }
        let b = rest.as_bytes();
        if b.first() != Some(&b' ')
            || !(b.get(1).is_some_and(u8::is_ascii_uppercase) || b.get(1) == Some(&b'b'))
        {
            return false;
        }
        street_or_block(figure, rest)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The look at the first bytes after a figure changes no answer of
        /// [`is_name_after`].
        #[test]
        fn names_after_a_figure_as_the_rules_read_them(
            figure in "911|[0-9]{1,4}|[0-9]-[0-9]{1,2}",
            rest in "( |-|  |\\.)?(caliber|calibre|gauge|block|Block|c|b|[A-Z][a-z]{0,5}|[a-z]{1,5}|911)?( (Street|St|Avenue|in|people|[A-Z][a-z]{0,4}|[a-z]{1,4})){0,4}",
        ) {
            let text = format!("{figure}{rest}");
            proptest::prop_assert_eq!(
                is_name_after(&text, 0, figure.len()),
                is_name_after_read(&text, 0, figure.len()),
                "{:?}", text
            );
        }
    }

    /// The same after every run of digits in `../shared/realnews`;
    /// skipped when it is missing.
    #[test]
    fn names_after_a_figure_as_the_rules_read_them_in_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        for s in stories {
            let (t, b) = (s.text.as_str(), s.text.as_bytes());
            let mut at = 0;
            for end in 1..=b.len() {
                if !b[end - 1].is_ascii_digit() {
                    at = end;
                    continue;
                }
                if b.get(end).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                assert_eq!(
                    is_name_after(t, at, end),
                    is_name_after_read(t, at, end),
                    "{} at {at}",
                    s.id
                );
            }
        }
    }
}
