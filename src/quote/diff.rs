//! Comparing two renderings of one quotation, word by word.
//!
//! Both are normalised first, so that what is not a discrepancy never shows
//! as one: case, punctuation, quotation marks and dashes; elided parts
//! (`...`, `…`); editorial brackets (`It (the hospital) has coped`,
//! `[sic]`, `the UN (United Nations)`): what stands in brackets is the
//! outlet's, not the speaker's; contractions (`don't` = `do not`, also as
//! scraped text spaces them, `don ’ t`); censored and uncensored profanity
//! (`f**k`, `f---`, `f***`, `dammit` are one expletive), but not Markdown
//! emphasis (`**not**` is `not`); stammered repeats (`we we ran`); British
//! and American spelling, from the list in `lexicon.yaml`.
//!
//! Only the aligned region of two quotes is compared ([`compare_regions`]):
//! words one version has beyond it are a partial quote, never a change.
//! Inside it, the word diff is `similar`'s (patience algorithm); each
//! difference is then classed. Spelling a compound apart or together
//! (`cease-fire`, `ceasefire`, `air strikes`), an abbreviation for its
//! words (`UN`, `United Nations`), a stammer (`we ran and we ran out`) and
//! words left out at an ellipsis are no change. What is left is, most
//! serious first: a negation dropped or added, a number changed, content
//! words replaced (`before` for `after`), the whole reworded, words left out
//! or added, a word's form or spelling (`kill`, `killing`; `Hasakeh`,
//! `Hasakah`), the tense of reported speech (`is`, `was`), function words
//! (`speak to it`, `speak on it`).

use super::lexicon::lexicon;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use std::ops::Range;

/// A quotation as comparable words, with where the text elided something.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    pub words: Vec<String>,
    /// Word positions right after an ellipsis.
    pub elisions: Vec<usize>,
    /// Word positions that start a new sentence (never 0).
    pub sentences: Vec<usize>,
    /// Word positions after a comma, colon, semicolon or dash within a
    /// sentence.
    pub clauses: Vec<usize>,
    /// Words written in capitals (`UN`, `SOHR`): perhaps an abbreviation.
    pub capitals: Vec<bool>,
    /// Where each word stands in the text normalised, in bytes.
    pub spans: Vec<Range<usize>>,
}

/// One part of a word diff: `equal`, `delete` (only in the first version)
/// or `insert` (only in the second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Equal => "equal",
            Op::Delete => "delete",
            Op::Insert => "insert",
        }
    }
}

/// What kind of difference two versions show, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A `not`, `no`, `never` dropped or added.
    Negation,
    /// A number changed, dropped or added.
    Number,
    /// Content words replaced by others (`before` / `after`).
    Word,
    /// Much of the quotation reworded (a translation, a paraphrase).
    Rewording,
    /// Words left out (or added) inside the quotation, without an ellipsis.
    Omission,
    /// A word's form or spelling (`kill` / `killing`, `Hasakeh` / `Hasakah`).
    Form,
    /// The tense of reported speech (`is` / `was`).
    Tense,
    /// Function words only (`to` / `on`, a `that` added).
    Function,
    /// One version quotes more of the remark than the other.
    Partial,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Negation => "negation",
            Class::Number => "number",
            Class::Word => "word",
            Class::Rewording => "rewording",
            Class::Omission => "omission",
            Class::Form => "form",
            Class::Tense => "tense",
            Class::Function => "function",
            Class::Partial => "partial",
        }
    }
}

/// One classed difference: the words of the first version and of the second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub class: Class,
    pub old: String,
    pub new: String,
}

impl Change {
    /// What the second version did to the first, in an editor's words.
    pub fn reason(&self) -> String {
        let (old, new) = (&self.old, &self.new);
        let l = lexicon();
        let negation = |s: &str| {
            s.split(' ')
                .filter(|w| l.negations.contains(*w))
                .collect::<Vec<_>>()
                .join(" ")
        };
        match self.class {
            Class::Negation => {
                let count = |s: &str| s.split(' ').filter(|w| l.negations.contains(*w)).count();
                if count(old) > count(new) {
                    format!("a negation is dropped: \u{201c}{}\u{201d}", negation(old))
                } else {
                    format!("a negation is added: \u{201c}{}\u{201d}", negation(new))
                }
            }
            Class::Number if new.is_empty() => {
                format!("a number is dropped: \u{201c}{old}\u{201d}")
            }
            Class::Number if old.is_empty() => format!("a number is added: \u{201c}{new}\u{201d}"),
            Class::Number => {
                format!("a number is changed: \u{201c}{old}\u{201d} \u{2192} \u{201c}{new}\u{201d}")
            }
            Class::Word => format!(
                "{}: \u{201c}{old}\u{201d} \u{2192} \u{201c}{new}\u{201d}",
                if old.contains(' ') || new.contains(' ') {
                    "words are changed"
                } else {
                    "a word is changed"
                }
            ),
            Class::Rewording => "the quotation is reworded".to_string(),
            Class::Omission if new.is_empty() => {
                format!("words are left out: \u{201c}{old}\u{201d}")
            }
            Class::Omission if old.is_empty() => format!("words are added: \u{201c}{new}\u{201d}"),
            // the side whose words mean something is what was left out or added
            Class::Omission if old.split(' ').any(is_content) => {
                format!("words are left out: \u{201c}{old}\u{201d} \u{2192} \u{201c}{new}\u{201d}")
            }
            Class::Omission => {
                format!("words are added: \u{201c}{old}\u{201d} \u{2192} \u{201c}{new}\u{201d}")
            }
            Class::Form => format!(
                "a word's form or spelling differs: \u{201c}{old}\u{201d} \u{2192} \u{201c}{new}\u{201d}"
            ),
            Class::Tense => {
                format!("the tense differs: \u{201c}{old}\u{201d} \u{2192} \u{201c}{new}\u{201d}")
            }
            Class::Function if new.is_empty() => {
                format!("function words are left out: \u{201c}{old}\u{201d}")
            }
            Class::Function if old.is_empty() => {
                format!("function words are added: \u{201c}{new}\u{201d}")
            }
            Class::Function => format!(
                "function words differ: \u{201c}{old}\u{201d} \u{2192} \u{201c}{new}\u{201d}"
            ),
            Class::Partial => "one version quotes more of the remark".to_string(),
        }
    }
}

/// The comparison of two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteDiff {
    pub parts: Vec<(Op, String)>,
    /// The kinds of difference, most serious first, each once.
    pub classes: Vec<Class>,
    /// Each classed difference, in the order of the words.
    pub changes: Vec<Change>,
    /// One version has words beyond the region compared (a partial quote).
    pub partial: bool,
    /// Share of words the two versions have in common, 0 to 1.
    pub similarity: f64,
}

impl QuoteDiff {
    /// The kinds of difference and the most serious in words: `negation,
    /// word: a negation is dropped: “not”; and one more difference`.
    pub fn why(&self) -> String {
        let names: Vec<&str> = self.classes.iter().map(|c| c.as_str()).collect();
        format!("{}: {}", names.join(", "), self.reason())
    }

    /// The most serious difference in an editor's words, and how many more
    /// there are.
    pub fn reason(&self) -> String {
        let mut ranked: Vec<&Change> = self.changes.iter().collect();
        ranked.sort_by_key(|c| c.class);
        match ranked.first() {
            None if self.classes.contains(&Class::Rewording) => {
                "the quotation is reworded".to_string()
            }
            None if self.partial => Change {
                class: Class::Partial,
                old: String::new(),
                new: String::new(),
            }
            .reason(),
            None => "the same words".to_string(),
            Some(c) => match ranked.len() {
                1 => c.reason(),
                2 => format!("{}; and one more difference", c.reason()),
                n => format!("{}; and {} more differences", c.reason(), n - 1),
            },
        }
    }
}

fn expletive(w: &str) -> bool {
    // a letter and two or more dashes or stars: "f--", "é**"; by
    // characters, as the first letter need not be one byte
    let mut rest = w.chars();
    let censored = w.contains('*')
        || (rest.next().is_some_and(char::is_alphabetic)
            && rest.clone().nth(1).is_some()
            && rest.all(|c| c == '-' || c == '*'));
    censored || expletive_word(w)
}

/// An expletive written out.
fn expletive_word(w: &str) -> bool {
    matches!(
        w,
        "fuck"
            | "fucking"
            | "shit"
            | "damn"
            | "dammit"
            | "damnit"
            | "bloody"
            | "hell"
            | "bastard"
            | "bastards"
            | "crap"
    )
}

/// Markdown emphasis around a word (`**not**`, `*never*`) is no censoring.
fn unemphasised(w: &str) -> &str {
    let inner = w.trim_start_matches('*');
    if inner.len() == w.len() {
        return w;
    }
    let core = inner.trim_end_matches('*');
    if core.is_empty() || core.contains('*') {
        w
    } else {
        core
    }
}

/// Expand a contraction into its words, each given to `push`; the word
/// itself is given when it is one word as written.
fn expand(written: String, mut push: impl FnMut(String)) {
    // most words are letters and digits only: no emphasis, apostrophe,
    // contraction or censoring to read; only `cannot` is two words, and
    // only a listed expletive or spelling is another word
    if !written.is_empty()
        && written.bytes().all(|b| b.is_ascii_alphanumeric())
        && written != "cannot"
    {
        push(if expletive_word(&written) {
            "<expletive>".to_string()
        } else if let Some(us) = lexicon().spellings.get(&written) {
            us.clone()
        } else {
            written
        });
        return;
    }
    let w = unemphasised(&written);
    // most words have no curly apostrophe: read as written, not copied
    let curly = w.contains(['’', '‘']);
    let straight;
    let w = if curly {
        straight = w.replace(['’', '‘'], "'");
        straight.as_str()
    } else {
        w
    };
    let (base, tail): (&str, Option<&'static str>) = match w {
        "won't" => ("will", Some("not")),
        "can't" => ("can", Some("not")),
        "shan't" => ("shall", Some("not")),
        "cannot" => ("can", Some("not")),
        w => {
            if let Some(b) = w.strip_suffix("n't") {
                (b, Some("not"))
            } else if let Some(b) = w.strip_suffix("'re") {
                (b, Some("are"))
            } else if let Some(b) = w.strip_suffix("'m") {
                (b, Some("am"))
            } else if let Some(b) = w.strip_suffix("'ve") {
                (b, Some("have"))
            } else if let Some(b) = w.strip_suffix("'ll") {
                (b, Some("will"))
            } else if let Some(b) = w.strip_suffix("'d") {
                (b, Some("would"))
            } else if let Some(b) = w.strip_suffix("'s") {
                (b, None)
            } else {
                (w.trim_matches('\''), None)
            }
        }
    };
    // `None`: the word as written (a part of it is as long only when it
    // is all of it)
    let first: Option<Option<String>> = if base.is_empty() {
        None
    } else if expletive(base) {
        Some(Some("<expletive>".to_string()))
    } else if let Some(us) = lexicon().spellings.get(base) {
        Some(Some(us.clone()))
    } else if !curly && base.len() == written.len() {
        Some(None)
    } else {
        Some(Some(base.to_string()))
    };
    if let Some(word) = first {
        push(word.unwrap_or(written));
    }
    if let Some(t) = tail {
        push(t.to_string());
    }
}

/// Byte ranges of bracketed text (round or square), outermost pairs only;
/// a bracket that never closes is left alone. Read by bytes: a bracket is
/// one byte, and no byte of a longer character is one.
fn brackets(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    // most quotations have no bracket at all
    if !text.bytes().any(|b| matches!(b, b'(' | b'[')) {
        return out;
    }
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' => open.push((b, i)),
            b')' | b']' => {
                let want = if b == b')' { b'(' } else { b'[' };
                if let Some(k) = open.iter().rposition(|&(o, _)| o == want) {
                    let start = open[k].1;
                    open.truncate(k);
                    if open.is_empty() {
                        out.retain(|r| r.start < start);
                        out.push(start..i + 1);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The character that starts at byte `i` of `text` (a character
/// boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Whether a word is written in capitals: two letters or more, all upper
/// case (counted by bytes when it is ASCII).
fn capitals(raw: &str, ascii: bool) -> bool {
    if ascii {
        let (mut letters, mut upper) = (0usize, 0usize);
        for b in raw.bytes() {
            letters += usize::from(b.is_ascii_alphabetic());
            upper += usize::from(b.is_ascii_uppercase());
        }
        letters >= 2 && upper == letters
    } else {
        let letters = || raw.chars().filter(|c| c.is_alphabetic());
        letters().count() >= 2 && letters().all(char::is_uppercase)
    }
}

/// A word as the text gives it, before contractions are expanded.
struct Token {
    text: String,
    span: Range<usize>,
    capitals: bool,
    /// An ellipsis stands before it.
    elided: bool,
    /// It starts a sentence.
    sentence: bool,
    /// It starts a clause within a sentence.
    clause: bool,
}

/// The words of a quotation as written, and what stands between them.
struct Scanner<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    /// A word is being read: `text[start..]` up to where it ends.
    in_word: bool,
    start: usize,
    dots: usize,
    elided: bool,
    ended: bool,
    clause: bool,
    apostrophes: usize,
    other: bool,
}

impl Scanner<'_> {
    /// The word being read ends at `end`.
    fn flush(&mut self, end: usize) {
        if !self.in_word {
            return;
        }
        let raw = &self.text[self.start..end];
        let ascii = raw.is_ascii();
        let lower = if ascii {
            raw.to_ascii_lowercase()
        } else {
            raw.to_lowercase()
        };
        let elided = self.elided || self.dots >= 3;
        let sentence = self.ended || (1..3).contains(&self.dots);
        // "don ’ t", "I ’ m": a contraction as scraped text spaces it
        let spaced = self.apostrophes == 1
            && !self.other
            && !elided
            && !sentence
            && matches!(lower.as_str(), "s" | "m" | "re" | "ll" | "ve" | "d" | "t");
        match self.tokens.last_mut() {
            Some(prev) if spaced => {
                prev.text.push('\'');
                prev.text.push_str(&lower);
                prev.span.end = end;
            }
            _ => {
                self.tokens.push(Token {
                    text: lower,
                    span: self.start..end,
                    capitals: capitals(raw, ascii),
                    elided,
                    sentence,
                    clause: self.clause,
                });
            }
        }
        self.in_word = false;
        self.dots = 0;
        self.elided = false;
        self.ended = false;
        self.clause = false;
        self.apostrophes = 0;
        self.other = false;
    }

    /// A character that is no part of a word.
    fn separator(&mut self, c: char) {
        match c {
            '.' => self.dots += 1,
            '…' => self.dots += 3,
            '!' | '?' => self.ended = true,
            '\'' | '’' | '‘' => self.apostrophes += 1,
            _ if c.is_whitespace() => {}
            _ => {
                if self.dots >= 3 {
                    self.elided = true;
                } else if self.dots > 0 {
                    self.ended = true;
                }
                self.dots = 0;
                self.other = true;
                self.clause |= matches!(c, ',' | ';' | ':' | '—' | '–');
            }
        }
    }
}

impl<'t> Scanner<'t> {
    /// Read the words of `text`, and what stands between them.
    fn read(text: &'t str) -> Scanner<'t> {
        let skip = brackets(text);
        let mut s = Scanner {
            text,
            // a word is some six bytes with the space after it
            tokens: Vec::with_capacity(text.len() / 6 + 1),
            in_word: false,
            start: 0,
            dots: 0,
            elided: false,
            ended: false,
            clause: false,
            apostrophes: 0,
            other: false,
        };
        let mut brackets = skip.iter().peekable();
        // by bytes, ASCII letters and digits (most of a quotation) without
        // decoding; a longer character is decoded where it starts
        let mut i = 0;
        while let Some((c, len)) = char_at(text, i) {
            if let Some(r) = brackets.next_if(|r| r.start == i) {
                // what stands in brackets is the outlet's: a separator
                s.flush(i);
                s.other = true;
                i = r.end;
                continue;
            }
            if c.is_ascii_alphanumeric() {
                // a run of ASCII letters and digits joins the word, and no
                // bracket starts inside it
                if !s.in_word {
                    s.start = i;
                    s.in_word = true;
                }
                i += 1 + text.as_bytes()[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                continue;
            }
            let next = i + len;
            let joins = match c {
                '\'' | '’' | '‘' => {
                    s.in_word && char_at(text, next).is_some_and(|(n, _)| n.is_alphanumeric())
                }
                '*' => true,
                // a letter followed by dashes or stars is a censored word:
                // "f---", "f**k"; every character of a word joins it, so the
                // word so far is the text from its start
                '-' => {
                    s.in_word
                        && text[s.start..i]
                            .chars()
                            .skip(1)
                            .all(|x| x == '-' || x == '*')
                }
                // "1,000", "2.5"
                ',' | '.' => {
                    s.in_word
                        && text[s.start..i]
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                        && text.as_bytes().get(next).is_some_and(u8::is_ascii_digit)
                }
                _ => c.is_alphanumeric(),
            };
            if joins {
                if !s.in_word {
                    s.start = i;
                    s.in_word = true;
                }
            } else {
                s.flush(i);
                s.separator(c);
            }
            i = next;
        }
        s.flush(text.len());
        s
    }
}

/// The tokens to keep (indices into `tokens`): stammered repeats ("we we
/// ran", "I, I think") taken out.
fn without_repeats(tokens: &[Token]) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let repeat = (1..=3).rev().find(|&n| {
            k + n <= tokens.len()
                && kept.len() >= n
                && tokens[k..k + n].iter().all(|t| !t.elided && !t.sentence)
                && tokens[k..k + n]
                    .iter()
                    .zip(&kept[kept.len() - n..])
                    .all(|(a, &b)| a.text == tokens[b].text)
        });
        match repeat {
            Some(n) => k += n,
            None => {
                kept.push(k);
                k += 1;
            }
        }
    }
    kept
}

/// Normalise a quotation for comparison.
pub fn normalize(text: &str) -> Normalized {
    let mut s = Scanner::read(text);
    let trailing_elision = s.elided || s.dots >= 3;
    // stammered repeats taken out, then contractions expanded
    let kept = without_repeats(&s.tokens);
    let mut out = Normalized {
        words: Vec::with_capacity(kept.len()),
        capitals: Vec::with_capacity(kept.len()),
        spans: Vec::with_capacity(kept.len()),
        ..Normalized::default()
    };
    for k in kept {
        let t = &mut s.tokens[k];
        // the word's text moves to the result when it is the word
        let text = std::mem::take(&mut t.text);
        let t = &s.tokens[k];
        if t.elided {
            out.elisions.push(out.words.len());
        } else if t.sentence && !out.words.is_empty() {
            out.sentences.push(out.words.len());
        } else if t.clause && !out.words.is_empty() {
            out.clauses.push(out.words.len());
        }
        expand(text, |w| {
            out.words.push(w);
            out.capitals.push(t.capitals);
            out.spans.push(t.span.clone());
        });
    }
    if trailing_elision {
        out.elisions.push(out.words.len());
    }
    out.elisions.dedup();
    out.sentences.dedup();
    out.clauses.dedup();
    out
}

/// The values of the numbers in some words, each run of number words as
/// one (`thirty five` is 35, as `35` is), sorted. A lone `one` is a
/// pronoun as often as a number, and is left out; `first` and `second`
/// count as ordinals only when `ordinals` says so (`wait a second`).
fn numbers_with(words: &[String], ordinals: bool) -> Vec<String> {
    use crate::extract::grammar::lexicon::{NumberWord, number_word};
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if w.bytes().any(|b| b.is_ascii_digit())
            && w.bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        {
            // `1.5 million` is 1,500,000
            let mut value: f64 = w.replace(',', "").parse().unwrap_or(0.0);
            let mut n = 1;
            while let Some(NumberWord::Scale(s)) = words.get(i + n).and_then(|w| number_word(w)) {
                value *= s;
                n += 1;
            }
            out.push(if n == 1 {
                w.replace(',', "")
            } else {
                format!("{value}")
            });
            i += n;
            continue;
        }
        // ordinals: `11th` and `eleventh` (not `first`, `second`: "wait a
        // second")
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(suffix, "st" | "nd" | "rd" | "th")
        {
            out.push(format!("#{digits}"));
            i += 1;
            continue;
        }
        if let Some(v) = crate::extract::grammar::lexicon::ordinal_value(w.as_bytes())
            .filter(|&v| (ordinals || v >= 3.0) && w != "quarter")
        {
            out.push(format!("#{v}"));
            i += 1;
            continue;
        }
        let mut total = 0.0_f64;
        let mut current = 0.0_f64;
        let mut n = 0;
        while let Some(nw) = words.get(i + n).and_then(|w| number_word(w)) {
            match nw {
                NumberWord::Unit(v) | NumberWord::Teen(v) | NumberWord::Tens(v) => {
                    current += f64::from(v);
                }
                NumberWord::Hundred => current = current.max(1.0) * 100.0,
                NumberWord::Scale(s) => {
                    total += current.max(1.0) * s;
                    current = 0.0;
                }
                NumberWord::Dozen => current = current.max(1.0) * 12.0,
            }
            n += 1;
        }
        if n == 0 {
            i += 1;
            continue;
        }
        if !(n == 1 && w == "one") {
            out.push(format!("{}", total + current));
        }
        i += n;
    }
    out.sort();
    out
}

fn numbers(words: &[String]) -> Vec<String> {
    numbers_with(words, false)
}

/// `kill` and `killing`, `damages` and `damaged`; or a slip of a letter
/// in a longer word (`Hasakeh`, `Hasakah`).
fn same_form(a: &str, b: &str) -> bool {
    fn stem(w: &str) -> &str {
        for suffix in ["ing", "ed", "es", "s", "ly", "er", "e"] {
            if let Some(s) = w.strip_suffix(suffix) {
                if s.chars().count() >= 3 {
                    return s;
                }
            }
        }
        w
    }
    if stem(a) == stem(b) {
        return true;
    }
    let n = a.chars().count().min(b.chars().count());
    let d = edit_distance(a, b);
    (n >= 4 && d <= 1) || (n >= 8 && d <= 2)
}

/// Levenshtein distance with adjacent swaps, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// Take out of both sides the compounds the other side spells as one word
/// (`cease fire` / `ceasefire`).
fn drop_compounds<'w>(old: &mut Vec<&'w str>, new: &mut Vec<&'w str>) {
    fn pass<'w>(split: &mut Vec<&'w str>, whole: &mut Vec<&'w str>) {
        for len in [3, 2] {
            let mut k = 0;
            while k + len <= split.len() {
                let joined: String = split[k..k + len].concat();
                if let Some(p) = whole.iter().position(|w| *w == joined) {
                    whole.remove(p);
                    split.drain(k..k + len);
                } else {
                    k += 1;
                }
            }
        }
    }
    pass(old, new);
    pass(new, old);
}

/// One version gives an abbreviation (`UN`, `SOHR`), the other its words.
fn abbreviation(short: &[String], caps: &[bool], long: &[String]) -> bool {
    if short.len() != 1 || !caps.first().copied().unwrap_or(false) || long.len() < 2 {
        return false;
    }
    let initials = |ws: &mut dyn Iterator<Item = &String>| -> String {
        ws.filter_map(|w| w.chars().next()).collect()
    };
    let all = initials(&mut long.iter());
    let content = initials(&mut long.iter().filter(|w| !lexicon().function.contains(*w)));
    short[0] == all || short[0] == content
}

/// The inserted (or deleted) words at `at` repeat their neighbours in the
/// same version, perhaps with a joining word: `we ran and we ran out`.
fn stammer(side: &[String], at: &Range<usize>) -> bool {
    let joining =
        |w: &String| matches!(w.as_str(), "and" | "or" | "uh" | "um" | "er" | "i" | "mean");
    let w = &side[at.clone()];
    let lead = w.iter().take_while(|x| joining(x)).count();
    let trail = w[lead..].iter().rev().take_while(|x| joining(x)).count();
    let core = &w[lead..w.len() - trail];
    let k = core.len();
    if k == 0 {
        return false;
    }
    let before = at.start >= k && side[at.start - k..at.start] == *core;
    let after = at.end + k <= side.len() && side[at.end..at.end + k] == *core;
    before || after
}

/// The negations among some words (`rest` is what follows them); a `not`
/// before `just` or `only` (`not just in jail, but underneath it`, `need
/// not to just be`) narrows, it does not negate.
fn negations(words: &[String], rest: &[String]) -> usize {
    let l = lexicon();
    let narrows = |w: &String| matches!(w.as_str(), "just" | "only" | "merely" | "simply" | "even");
    let mut after = words.iter().chain(rest).skip(1);
    words
        .iter()
        .filter(|w| {
            let next: Vec<&String> = after.clone().take(2).collect();
            after.next();
            l.negations.contains(*w)
                && !(w.as_str() == "not"
                    && (next.first().is_some_and(|n| narrows(n))
                        || (next.first().is_some_and(|n| n.as_str() == "to")
                            && next.get(1).is_some_and(|n| narrows(n)))))
        })
        .count()
}

/// Negative concord: `did not see anything` and `did not see nothing`
/// say the same, when a negation stands before the words in both versions.
fn concord(old: &[String], new: &[String], before: (&[String], &[String])) -> bool {
    const PAIRS: &[(&str, &str)] = &[
        ("anything", "nothing"),
        ("anybody", "nobody"),
        ("anyone", "nobody"),
        ("ever", "never"),
        ("any", "no"),
        ("either", "neither"),
        ("anywhere", "nowhere"),
    ];
    let l = lexicon();
    let negated = |ws: &[String]| {
        ws.iter()
            .rev()
            .take(5)
            .any(|w| l.negations.contains(w.as_str()))
    };
    old.len() == new.len()
        && negated(before.0)
        && negated(before.1)
        && old.iter().zip(new).all(|(a, b)| {
            a == b
                || PAIRS
                    .iter()
                    .any(|&(x, y)| (a == x && b == y) || (a == y && b == x))
        })
}

/// The class of one difference between `old` and `new` words (`rest`:
/// what follows each in its version; `before`: what stands before it), or
/// `None` when it is a difference of style only.
fn classify(
    old: &[String],
    new: &[String],
    rest: (&[String], &[String]),
    before: (&[String], &[String]),
) -> Option<Class> {
    let l = lexicon();
    // a negation flipped is a word or two; one among many changed words is
    // part of a rewording
    let small = old.len().max(new.len()) <= 4;
    if small && negations(old, rest.0) != negations(new, rest.1) {
        return Some(if concord(old, new, before) {
            Class::Function
        } else {
            Class::Negation
        });
    }
    // a number changed, whether `first` is read as one (`1st`) or not
    let (na, nb) = (numbers(old), numbers(new));
    if na != nb && numbers_with(old, true) != numbers_with(new, true) {
        return Some(Class::Number);
    }
    // words both sides have are no difference, in whatever order
    let mut o: Vec<&str> = old.iter().map(String::as_str).collect();
    let mut n: Vec<&str> = Vec::new();
    for w in new {
        if let Some(p) = o.iter().position(|x| x == w) {
            o.remove(p);
        } else {
            n.push(w);
        }
    }
    drop_compounds(&mut o, &mut n);
    // the same numbers written otherwise (`thirty-five`, `35`; `11th`,
    // `eleventh`)
    if !na.is_empty() || !nb.is_empty() {
        let number =
            |w: &&str| !numbers_with(&[(*w).to_string()], true).is_empty() || is_number_word(w);
        o.retain(|w| !number(w));
        n.retain(|w| !number(w));
    }
    if o.is_empty() && n.is_empty() {
        return None;
    }
    let pair = |x: &str, y: &str| (x.to_string(), y.to_string());
    let tense = o.len() == n.len() && o.iter().zip(&n).all(|(x, y)| l.tense.contains(&pair(x, y)));
    if tense {
        return Some(Class::Tense);
    }
    let function = |w: &&str| l.function.contains(*w) || l.negations.contains(*w);
    let content = |ws: &[&str]| -> Vec<String> {
        ws.iter()
            .filter(|w| !function(w))
            .map(|w| (*w).to_string())
            .collect()
    };
    let (co, cn) = (content(&o), content(&n));
    match (co.is_empty(), cn.is_empty()) {
        (true, true) => return Some(Class::Function),
        // content words on one side only: left out, or added
        (true, false) | (false, true) => return Some(Class::Omission),
        _ => {}
    }
    if co.len() == cn.len()
        && co.iter().zip(&cn).all(|(x, y)| {
            same_form(x, y) || l.tense.contains(&pair(x, y)) || l.irregular.contains(&pair(x, y))
        })
    {
        return Some(Class::Form);
    }
    Some(Class::Word)
}

/// Two words that are one word's forms: `kill`, `killing`; `sit`, `sat`;
/// `is`, `was`; or a slip of a letter.
pub(crate) fn related(a: &str, b: &str) -> bool {
    let l = lexicon();
    let pair = (a.to_string(), b.to_string());
    same_form(a, b) || l.tense.contains(&pair) || l.irregular.contains(&pair)
}

/// A word that carries meaning: no function word, no negation.
pub(crate) fn is_content(w: &str) -> bool {
    let l = lexicon();
    !l.function.contains(w) && !l.negations.contains(w)
}

fn is_number_word(w: &str) -> bool {
    crate::extract::grammar::lexicon::number_word(w).is_some()
}

/// Compare two versions of one quotation as a whole (the first is the
/// reference): words only one has at either end are a partial quote.
pub fn compare(a: &Normalized, b: &Normalized) -> QuoteDiff {
    compare_regions(a, 0..a.words.len(), b, 0..b.words.len())
}

/// Compare the aligned regions `ra` of `a` and `rb` of `b` (the first is
/// the reference); what either has outside them is a partial quote.
pub fn compare_regions(
    a: &Normalized,
    ra: Range<usize>,
    b: &Normalized,
    rb: Range<usize>,
) -> QuoteDiff {
    let hunks = hunks(a, &ra, b, &rb);
    let mut diff = DiffWalk {
        parts: Vec::new(),
        changes: Vec::new(),
        equal: 0,
        partial: ra.start > 0 || rb.start > 0 || ra.end < a.words.len() || rb.end < b.words.len(),
    };
    let n = hunks.len();
    for (k, hunk) in hunks.into_iter().enumerate() {
        let at_end = k == 0 || k + 1 == n;
        diff.hunk(a, b, &hunk, at_end);
    }
    diff.finish(ra.len().min(rb.len()).max(1))
}

/// A run of equal words, or the change between two such runs: the words
/// of each version it covers.
struct Hunk {
    same: bool,
    x: Range<usize>,
    y: Range<usize>,
}

/// The patience diff of regions `ra` of `a` and `rb` of `b` as hunks, in
/// order, with word indices into the whole versions.
fn hunks(a: &Normalized, ra: &Range<usize>, b: &Normalized, rb: &Range<usize>) -> Vec<Hunk> {
    let ops = capture_diff_slices(
        Algorithm::Patience,
        &a.words[ra.clone()],
        &b.words[rb.clone()],
    );
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in &ops {
        let (tag, x, y) = op.as_tag_tuple();
        let (x, y) = (
            x.start + ra.start..x.end + ra.start,
            y.start + rb.start..y.end + rb.start,
        );
        let equal = tag == DiffTag::Equal;
        match hunks.last_mut() {
            Some(h) if !h.same && !equal => {
                h.x.end = x.end;
                h.y.end = y.end;
            }
            _ => hunks.push(Hunk { same: equal, x, y }),
        }
    }
    hunks
}

/// A [`QuoteDiff`] as it is built, hunk by hunk.
struct DiffWalk {
    parts: Vec<(Op, String)>,
    changes: Vec<Change>,
    /// Words the versions have in common (or differ in only by style).
    equal: usize,
    partial: bool,
}

impl DiffWalk {
    /// Add `words` to the parts as `op`, joined to the last part when it
    /// has the same op.
    fn push(&mut self, op: Op, words: &[String]) {
        if words.is_empty() {
            return;
        }
        let text = words.join(" ");
        match self.parts.last_mut() {
            Some((last, t)) if *last == op => {
                t.push(' ');
                t.push_str(&text);
            }
            _ => self.parts.push((op, text)),
        }
    }

    /// Take in `hunk` of `a` against `b`; `at_end`: it is the first or
    /// the last.
    fn hunk(&mut self, a: &Normalized, b: &Normalized, hunk: &Hunk, at_end: bool) {
        let (x, y) = (&hunk.x, &hunk.y);
        let (wa, wb) = (&a.words[x.clone()], &b.words[y.clone()]);
        if hunk.same {
            self.equal += wa.len();
            self.push(Op::Equal, wb);
            return;
        }
        // the ends of a partial quote, and parts elided with "...", are no change
        let edge = at_end && (wa.is_empty() || wb.is_empty());
        let elided = (wb.is_empty() && b.elisions.contains(&y.start))
            || (wa.is_empty() && a.elisions.contains(&x.start));
        self.partial |= edge;
        let style = !edge
            && !elided
            && (wa.concat() == wb.concat()
                || abbreviation(wa, &a.capitals[x.clone()], wb)
                || abbreviation(wb, &b.capitals[y.clone()], wa));
        if style {
            self.equal += wa.len().min(wb.len());
            self.push(Op::Equal, wb);
            return;
        }
        self.push(Op::Delete, wa);
        self.push(Op::Insert, wb);
        let repeated =
            (wb.is_empty() && stammer(&a.words, x)) || (wa.is_empty() && stammer(&b.words, y));
        if edge || elided || repeated {
            return;
        }
        self.changes.extend(change(a, b, x, y));
    }

    /// The diff, its similarity the words in common over `shorter`.
    fn finish(self, shorter: usize) -> QuoteDiff {
        let similarity = self.equal as f64 / shorter as f64;
        let mut classes: Vec<Class> = self.changes.iter().map(|c| c.class).collect();
        if similarity < 0.6
            && classes
                .iter()
                .any(|c| matches!(c, Class::Word | Class::Omission))
        {
            classes.push(Class::Rewording);
        }
        classes.sort_unstable();
        classes.dedup();
        QuoteDiff {
            parts: self.parts,
            classes,
            changes: self.changes,
            partial: self.partial,
            similarity,
        }
    }
}

/// The classed change from words `x` of `a` to words `y` of `b`, if
/// any: many words left out or added are a clause left out (an
/// omission, even with a negation among them), else what [`classify`]
/// says.
fn change(a: &Normalized, b: &Normalized, x: &Range<usize>, y: &Range<usize>) -> Option<Change> {
    let (wa, wb) = (&a.words[x.clone()], &b.words[y.clone()]);
    let clause = (wa.is_empty() || wb.is_empty()) && wa.len() + wb.len() >= 4;
    let class = if clause {
        Class::Omission
    } else {
        classify(
            wa,
            wb,
            (&a.words[x.end..], &b.words[y.end..]),
            (&a.words[..x.start], &b.words[..y.start]),
        )?
    };
    Some(Change {
        class,
        old: wa.join(" "),
        new: wb.join(" "),
    })
}

/// Normalisation as it was before it read words as slices of the text
/// (kept to test the new one against).
#[cfg(test)]
mod before {
    use super::{Normalized, expletive, lexicon, unemphasised};
    use std::ops::Range;

    /// Byte ranges of bracketed text, read by characters.
    pub(super) fn brackets(text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut open: Vec<(char, usize)> = Vec::new();
        for (i, c) in text.char_indices() {
            match c {
                '(' | '[' => open.push((c, i)),
                ')' | ']' => {
                    let want = if c == ')' { '(' } else { '[' };
                    if let Some(k) = open.iter().rposition(|&(o, _)| o == want) {
                        let start = open[k].1;
                        open.truncate(k);
                        if open.is_empty() {
                            out.retain(|r| r.start < start);
                            out.push(start..i + 1);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn american(w: &str) -> String {
        lexicon()
            .spellings
            .get(w)
            .cloned()
            .unwrap_or_else(|| w.to_string())
    }

    /// Expand a contraction into its words.
    fn expand(w: &str, out: &mut Vec<String>) {
        let w = unemphasised(w).replace(['’', '‘'], "'");
        let (base, tail): (String, Option<&str>) = match w.as_str() {
            "won't" => ("will".into(), Some("not")),
            "can't" => ("can".into(), Some("not")),
            "shan't" => ("shall".into(), Some("not")),
            "cannot" => ("can".into(), Some("not")),
            _ => {
                if let Some(b) = w.strip_suffix("n't") {
                    (b.to_string(), Some("not"))
                } else if let Some(b) = w.strip_suffix("'re") {
                    (b.to_string(), Some("are"))
                } else if let Some(b) = w.strip_suffix("'m") {
                    (b.to_string(), Some("am"))
                } else if let Some(b) = w.strip_suffix("'ve") {
                    (b.to_string(), Some("have"))
                } else if let Some(b) = w.strip_suffix("'ll") {
                    (b.to_string(), Some("will"))
                } else if let Some(b) = w.strip_suffix("'d") {
                    (b.to_string(), Some("would"))
                } else if let Some(b) = w.strip_suffix("'s") {
                    (b.to_string(), None)
                } else {
                    (w.trim_matches('\'').to_string(), None)
                }
            }
        };
        if !base.is_empty() {
            out.push(if expletive(&base) {
                "<expletive>".to_string()
            } else {
                american(&base)
            });
        }
        if let Some(t) = tail {
            out.push(t.to_string());
        }
    }

    /// A word as the text gives it, before contractions are expanded.
    struct Token {
        text: String,
        span: Range<usize>,
        capitals: bool,
        /// An ellipsis stands before it.
        elided: bool,
        /// It starts a sentence.
        sentence: bool,
        /// It starts a clause within a sentence.
        clause: bool,
    }

    /// The words of a quotation as written, and what stands between them.
    struct Scanner<'t> {
        text: &'t str,
        tokens: Vec<Token>,
        word: String,
        start: usize,
        dots: usize,
        elided: bool,
        ended: bool,
        clause: bool,
        apostrophes: usize,
        other: bool,
    }

    impl Scanner<'_> {
        /// The word being read ends at `end`.
        fn flush(&mut self, end: usize) {
            if self.word.is_empty() {
                return;
            }
            let lower = self.word.to_lowercase();
            let elided = self.elided || self.dots >= 3;
            let sentence = self.ended || (1..3).contains(&self.dots);
            // "don ’ t", "I ’ m": a contraction as scraped text spaces it
            let spaced = self.apostrophes == 1
                && !self.other
                && !elided
                && !sentence
                && matches!(lower.as_str(), "s" | "m" | "re" | "ll" | "ve" | "d" | "t");
            match self.tokens.last_mut() {
                Some(prev) if spaced => {
                    prev.text.push('\'');
                    prev.text.push_str(&lower);
                    prev.span.end = end;
                }
                _ => {
                    let raw = &self.text[self.start..end];
                    let letters = || raw.chars().filter(|c| c.is_alphabetic());
                    self.tokens.push(Token {
                        text: lower,
                        span: self.start..end,
                        capitals: letters().count() >= 2 && letters().all(char::is_uppercase),
                        elided,
                        sentence,
                        clause: self.clause,
                    });
                }
            }
            self.word.clear();
            self.dots = 0;
            self.elided = false;
            self.ended = false;
            self.clause = false;
            self.apostrophes = 0;
            self.other = false;
        }

        /// A character that is no part of a word.
        fn separator(&mut self, c: char) {
            match c {
                '.' => self.dots += 1,
                '…' => self.dots += 3,
                '!' | '?' => self.ended = true,
                '\'' | '’' | '‘' => self.apostrophes += 1,
                _ if c.is_whitespace() => {}
                _ => {
                    if self.dots >= 3 {
                        self.elided = true;
                    } else if self.dots > 0 {
                        self.ended = true;
                    }
                    self.dots = 0;
                    self.other = true;
                    self.clause |= matches!(c, ',' | ';' | ':' | '—' | '–');
                }
            }
        }
    }

    /// Normalise a quotation for comparison.
    pub fn normalize(text: &str) -> Normalized {
        let skip = brackets(text);
        let mut s = Scanner {
            text,
            tokens: Vec::new(),
            word: String::new(),
            start: 0,
            dots: 0,
            elided: false,
            ended: false,
            clause: false,
            apostrophes: 0,
            other: false,
        };
        let mut chars = text.char_indices().peekable();
        let mut brackets = skip.iter().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(r) = brackets.next_if(|r| r.start == i) {
                // what stands in brackets is the outlet's: a separator
                s.flush(i);
                s.other = true;
                while chars.next_if(|&(j, _)| j < r.end).is_some() {}
                continue;
            }
            let next = chars.peek().map(|&(_, n)| n);
            let joins = match c {
                '\'' | '’' | '‘' => {
                    !s.word.is_empty() && next.is_some_and(char::is_alphanumeric)
                }
                '*' => true,
                // a letter followed by dashes or stars is a censored word: "f---", "f**k"
                '-' => !s.word.is_empty() && s.word.chars().skip(1).all(|x| x == '-' || x == '*'),
                // "1,000", "2.5"
                ',' | '.' => {
                    !s.word.is_empty()
                        && s.word
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                _ => c.is_alphanumeric(),
            };
            if joins {
                if s.word.is_empty() {
                    s.start = i;
                }
                s.word.push(c);
            } else {
                s.flush(i);
                s.separator(c);
            }
        }
        s.flush(text.len());
        let trailing_elision = s.elided || s.dots >= 3;
        // stammered repeats ("we we ran", "I, I think") taken out, then
        // contractions expanded
        let mut kept: Vec<&Token> = Vec::new();
        let mut k = 0;
        while k < s.tokens.len() {
            let repeat = (1..=3).rev().find(|&n| {
                k + n <= s.tokens.len()
                    && kept.len() >= n
                    && s.tokens[k..k + n].iter().all(|t| !t.elided && !t.sentence)
                    && s.tokens[k..k + n]
                        .iter()
                        .zip(&kept[kept.len() - n..])
                        .all(|(a, b)| a.text == b.text)
            });
            match repeat {
                Some(n) => k += n,
                None => {
                    kept.push(&s.tokens[k]);
                    k += 1;
                }
            }
        }
        let mut out = Normalized::default();
        for t in kept {
            if t.elided {
                out.elisions.push(out.words.len());
            } else if t.sentence && !out.words.is_empty() {
                out.sentences.push(out.words.len());
            } else if t.clause && !out.words.is_empty() {
                out.clauses.push(out.words.len());
            }
            let mut ws = Vec::new();
            expand(&t.text, &mut ws);
            for w in ws {
                out.words.push(w);
                out.capitals.push(t.capitals);
                out.spans.push(t.span.clone());
            }
        }
        if trailing_elision {
            out.elisions.push(out.words.len());
        }
        out.elisions.dedup();
        out.sentences.dedup();
        out.clauses.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(a: &str, b: &str) -> Vec<Class> {
        compare(&normalize(a), &normalize(b)).classes
    }

    #[test]
    fn normalisation_erases_what_is_no_discrepancy() {
        assert_eq!(
            normalize("Don't LOSE—heart!").words,
            vec!["do", "not", "lose", "heart"]
        );
        assert_eq!(normalize("f**k").words, normalize("f---").words);
        assert_eq!(normalize("f***").words, vec!["<expletive>"]);
        assert_eq!(
            normalize("an honourable thing").words,
            normalize("an honorable thing").words
        );
        assert_eq!(normalize("We will ... rebuild").elisions, vec![2]);
        assert_eq!(normalize("We will… rebuild").elisions, vec![2]);
    }

    #[test]
    fn markdown_emphasis_is_no_censored_word() {
        assert_eq!(
            normalize("It is **not** over").words,
            vec!["it", "is", "not", "over"]
        );
        assert_eq!(
            normalize("It is *never* over").words,
            vec!["it", "is", "never", "over"]
        );
        assert_eq!(normalize("f**k it").words, vec!["<expletive>", "it"]);
    }

    #[test]
    fn brackets_spaced_contractions_repeats_and_numbers() {
        let w = |s: &str| normalize(s).words.join(" ");
        assert_eq!(
            w("It (the hospital) has coped before"),
            "it has coped before"
        );
        assert_eq!(
            w("They were fine [sic] yesterday"),
            "they were fine yesterday"
        );
        assert_eq!(w("the UN (United Nations) said"), w("the UN said"));
        assert_eq!(
            w("I ’ m not positive, don ’ t ask"),
            "i am not positive do not ask"
        );
        assert_eq!(
            w("the third time ’ s the charm"),
            "the third time the charm"
        );
        assert_eq!(w("we we ran, I, I think"), "we ran i think");
        assert_eq!(w("it cost 1,000 or 2.5 each"), "it cost 1,000 or 2.5 each");
        // a bracket that never closes is kept
        assert_eq!(w("a (b c"), "a b c");
        let n = normalize("He said: \"Go.\" Then we left... and ran. Fast!");
        assert_eq!(n.sentences, vec![3, 8]);
        assert_eq!(n.elisions, vec![6]);
        let t = "Mr. Berg’s car";
        let n = normalize(t);
        assert_eq!(&t[n.spans[1].clone()], "Berg’s");
    }

    #[test]
    fn house_styles_partial_quotes_and_ellipses_are_no_change() {
        assert!(
            classes(
                "“We will rebuild every home in this valley,” he said",
                "\"We will rebuild every home in this valley\""
            )
            .is_empty()
        );
        assert!(
            classes(
                "We will rebuild every home in this valley by spring",
                "rebuild every home in this valley"
            )
            .is_empty()
        );
        assert!(
            classes(
                "We will rebuild every home in this valley by spring",
                "We will rebuild ... by spring"
            )
            .is_empty()
        );
        assert!(
            classes(
                "You kill them, f**k, believe me",
                "You kill them, f---, believe me"
            )
            .is_empty()
        );
        for (a, b) in [
            (
                "the cease-fire held overnight",
                "the ceasefire held overnight",
            ),
            (
                "a series of air strikes on the town",
                "a series of airstrikes on the town",
            ),
            (
                "the data center is the foundation",
                "the datacenter is the foundation",
            ),
            ("the United Nations will send aid", "the UN will send aid"),
            (
                "the Syrian Observatory for Human Rights counted them",
                "the SOHR counted them",
            ),
            (
                "we ran and we ran out of the building",
                "we ran out of the building",
            ),
            (
                "the centre of the town was hit",
                "the center of the town was hit",
            ),
            ("It (the hospital) has coped before", "It has coped before"),
        ] {
            assert_eq!(classes(a, b), vec![], "{a} / {b}");
        }
    }

    #[test]
    fn words_that_start_with_a_letter_of_many_bytes() {
        // issue 16: a byte slice after the first letter panicked here
        for (quote, want) in [
            ("Ça suffit, dit-il", "ça"),
            ("Über alles", "über"),
            ("L'Élysée a parlé", "l'élysée"),
            ("Это не так", "это"),
            ("Όχι σήμερα", "όχι"),
            ("ß", "ß"),
        ] {
            assert_eq!(normalize(quote).words[0], want, "{quote}");
        }
        // a censored word is a letter and dashes or stars, whatever the letter
        assert_eq!(normalize("é--").words, vec!["<expletive>"]);
        assert_eq!(normalize("é-").words, vec!["é-"]);
        assert_eq!(normalize("f-").words, vec!["f-"]);
        assert!(!classes("Nous n'irons pas à l'Élysée", "Nous irons à l'Élysée").is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Any text normalises and compares without a panic.
        #[test]
        fn any_text_normalises(a in "\\PC{0,40}", b in "(\\PC|[-*'’.…()\\[\\] ]){0,40}") {
            let (na, nb) = (normalize(&a), normalize(&b));
            proptest::prop_assert_eq!(na.words.len(), na.spans.len());
            proptest::prop_assert_eq!(nb.words.len(), nb.capitals.len());
            for s in &nb.spans {
                proptest::prop_assert!(b.get(s.clone()).is_some());
            }
            let d = compare(&na, &nb);
            proptest::prop_assert!(d.similarity >= 0.0);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Normalisation reads any text as it did before it read words
        /// as slices of the text: any characters, and pieces of quotations
        /// (contractions spaced or not, censored words, numbers, ellipses,
        /// brackets, emphasis, stammers).
        #[test]
        fn normalisation_reads_as_before(
            any in "(\\PC|[-*'’‘.…,;:!?()\\[\\] —–]){0,60}",
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "We", "we", "don't", "don", "’", "t", "I", "’m", "can't", "won’t", "Cannot",
                "f**k", "f---", "é--", "**not**", "*never*", "1,000", "2.5", "1st", "UN",
                "centre", "honour", "...", "…", ".", ",", "!", "(the", "hospital)", "[sic]",
                "'", "''", "O'Neal", "’s", "we", "ran", "-", "—", "it's", "they'd", "'ll",
                // bytes of longer characters beside ASCII ones
                "ÉTAT", "Élysée", "l’Élysée", "\u{212a}m", "\u{130}stanbul", "é--", "ça",
                "NATO’s", "3.", "1,000.5", "(", "[", ")", "]", "f-", "*", "UN’s", "A.",
            ]), 0..30),
            glue in proptest::collection::vec(proptest::sample::select(vec![" ", "", "  ", "\n"]), 30),
        ) {
            proptest::prop_assert_eq!(normalize(&any), before::normalize(&any));
            let mut text = String::new();
            for (p, g) in pieces.iter().zip(&glue) {
                text.push_str(p);
                text.push_str(g);
            }
            proptest::prop_assert_eq!(normalize(&text), before::normalize(&text));
        }
    }

    /// Pairs of versions of one remark and the classes of their changes.
    const CLASSED: &[(&str, &str, &[Class])] = &[
        (
            "for the 1st time in years",
            "for the first time in years",
            &[],
        ),
        (
            "for the 1st time in years",
            "for the 2nd time in years",
            &[Class::Number],
        ),
        ("wait a second here", "wait a moment here", &[Class::Word]),
        ("it cost 1.5 million euros", "it cost 1,500,000 euros", &[]),
        (
            "it cost 1.5 million euros",
            "it cost 15 million euros",
            &[Class::Number],
        ),
        (
            "they did not see anything at all",
            "they did not see nothing at all",
            &[Class::Function],
        ),
        (
            "they saw anything at all",
            "they saw nothing at all",
            &[Class::Negation],
        ),
        (
            "We did not order the strike",
            "We did order the strike",
            &[Class::Negation],
        ),
        ("We lost 35 men", "We lost 53 men", &[Class::Number]),
        ("We lost thirty-five men", "We lost 35 men", &[]),
        ("this 11th hour rule", "this eleventh-hour rule", &[]),
        ("wait a second please", "wait please", &[Class::Omission]),
        (
            "need not just to be in jail but under it",
            "need to be in jail but under it",
            &[Class::Function],
        ),
        (
            "need not to just be in jail",
            "need to be in jail",
            &[Class::Function],
        ),
        ("We just sit there", "We just sat there", &[Class::Form]),
        (
            "It ends before the match",
            "It ends after the match",
            &[Class::Word],
        ),
        (
            "a brutal and senseless attack",
            "a cowardly and senseless attack",
            &[Class::Word],
        ),
        (
            "I will speak to it later",
            "I will speak on it later",
            &[Class::Function],
        ),
        ("He says it is over", "He says it was over", &[Class::Tense]),
        (
            "We saw them kill people",
            "We saw them killing people",
            &[Class::Form],
        ),
        (
            "in Hasakeh city today",
            "in Hasakah city today",
            &[Class::Form],
        ),
        (
            "we will rebuild every home here",
            "we will rebuild here",
            &[Class::Omission],
        ),
    ];

    #[test]
    fn classes_of_change() {
        for &(a, b, expected) in CLASSED {
            assert_eq!(classes(a, b), expected, "{a} / {b}");
        }
    }

    #[test]
    fn a_changed_word_is_a_delete_and_an_insert_with_a_reason() {
        let d = compare(
            &normalize("a brutal and senseless attack"),
            &normalize("a cowardly and senseless attack"),
        );
        assert_eq!(
            d.parts,
            vec![
                (Op::Equal, "a".to_string()),
                (Op::Delete, "brutal".to_string()),
                (Op::Insert, "cowardly".to_string()),
                (Op::Equal, "and senseless attack".to_string())
            ]
        );
        assert_eq!(
            d.reason(),
            "a word is changed: \u{201c}brutal\u{201d} \u{2192} \u{201c}cowardly\u{201d}"
        );
        let d = compare(&normalize("It is not over"), &normalize("It is over"));
        assert_eq!(d.reason(), "a negation is dropped: \u{201c}not\u{201d}");
    }
}
