//! Quotations and who said them.
//!
//! Quotation marks of every style: straight and curly double quotes,
//! guillemets, and single quotes told apart from apostrophes (`don't`,
//! `outlets'`, `'90s` are not quotes). A quotation that runs over several
//! paragraphs repeats its opening mark at each paragraph and closes only at
//! the end; it is one quote. Quotes nested inside another belong to it.
//!
//! The speaker is read around the quote: `..." the mother said`, `...", said
//! Ms Alvarez`, `X told reporters: "..."`, `according to X`, a speaker named
//! in the sentence before (`The mother responded:`), and `she said`
//! resolved to the last named speaker. Unknown stays unknown. How the
//! speaker was found is kept ([`Attribution`]): only one said in the
//! quote's own sentence (or carried on from the quote before it) is sure
//! enough for a comparison to rely on.
//!
//! [`align`] finds the same remark in different stories, [`diff`]
//! compares their words, and [`remark`] finds which version of a remark
//! several outlets quote is the odd one out.

pub mod align;
pub mod diff;
mod lexicon;
pub mod remark;

use crate::text::Sentence;
use crate::text::attribution;
use crate::text::tokens::{Tok, tokens};
use std::ops::Range;

/// A quotation in a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, from just inside the opening mark to just inside
    /// the closing one (across paragraphs when the quote runs on).
    pub span: Range<usize>,
    pub speaker: Option<String>,
    /// How the speaker was found.
    pub attribution: Attribution,
    /// Index of the sentence the quote starts in.
    pub sentence: usize,
    /// The quote is a fragment inside a sentence of the story's own (`called
    /// it "a disaster"`), not a whole quoted statement.
    pub partial: bool,
}

/// How a quote's speaker was found: said in its own sentence, or guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Attribution {
    /// No speaker found.
    #[default]
    Unknown,
    /// Named in the quote's own sentence: `..." the mayor said`, `Berg
    /// said: "..."`.
    Direct,
    /// The quote carries on the one before it in its paragraph (`...,"
    /// said Berg. "It is not over."`), whose speaker was direct.
    Continued,
    /// Named in the sentence before, resolved from a pronoun, or reported
    /// at second hand (`the sheriff said the suspect told deputies`).
    Guessed,
}

impl Attribution {
    /// Whether a comparison may rely on the speaker.
    pub fn is_sure(self) -> bool {
        matches!(self, Attribution::Direct | Attribution::Continued)
    }
}

/// A verb of saying; as the verb after a quote it is written in lower
/// case (`the Said family wrote`).
fn is_speech(w: &str) -> bool {
    attribution::words().saying.contains(w)
}

fn is_pronoun(w: &str) -> bool {
    attribution::words().pronouns.contains(w)
}

fn capital(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The closing mark for an opening one.
fn closing(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        '«' => Some('»'),
        '‘' => Some('’'),
        '\'' => Some('\''),
        _ => None,
    }
}

/// Whether `c` at byte `i` of `s` opens a quotation.
fn opens(s: &str, i: usize, c: char) -> bool {
    let before = s[..i].chars().next_back();
    let after = s[i + c.len_utf8()..].chars().next();
    let free_before = before.is_none_or(|b| {
        b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–' | '-' | ':' | '“' | '"')
    });
    let word_after = after.is_some_and(|a| !a.is_whitespace());
    match c {
        '“' | '«' => true,
        '"' => free_before && word_after,
        // single quotes: an apostrophe sits inside or at the end of a word,
        // or before digits ('90s)
        '‘' | '\'' => free_before && after.is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// The marks a quotation opens with, each with its own closing mark.
const OPENERS: [char; 5] = ['"', '“', '«', '‘', '\''];

fn opener_index(open: char) -> usize {
    OPENERS.iter().position(|&c| c == open).unwrap_or(0)
}

/// Where a closing mark stands, and its length in bytes.
type Closing = (usize, usize);

/// Where quotations opened in one text close, asked in the order of the
/// text. Whether a mark closes depends on the mark alone, so the closing
/// mark found for one opening stands for every later opening up to it:
/// the text is searched once per kind of mark, however many openings never
/// close (each searched the rest of the paragraph before).
struct Closes<'a> {
    s: &'a str,
    /// Per kind of opening: from where it was asked, and what was found
    /// (where the closing mark stands, and its length).
    found: [Option<(usize, Option<Closing>)>; 5],
}

impl<'a> Closes<'a> {
    fn new(s: &'a str) -> Self {
        Closes {
            s,
            found: [None; 5],
        }
    }

    /// [`find_close`] of `open`'s closing mark from `body`, which must not
    /// go back.
    fn after(&mut self, body: usize, open: char) -> Option<(usize, usize)> {
        let slot = &mut self.found[opener_index(open)];
        if let Some((asked, found)) = *slot {
            if asked <= body && found.is_none_or(|(e, _)| body <= e) {
                return found;
            }
        }
        let found = closing(open).and_then(|close| find_close(self.s, body, close));
        *slot = Some((body, found));
        found
    }
}

/// Where a quotation closes in the paragraphs after its own: the
/// paragraph and the offset in the text.
type Close = Option<(usize, usize)>;

/// Where quotations that run on past their paragraph close, asked for
/// paragraphs in order.
#[derive(Default)]
struct RunsOn {
    /// Per kind of opening, the last run sought: the paragraphs from the
    /// first sought to where the search stopped, and where it closed. A
    /// search from a later paragraph of the run has the same answer, so
    /// a run is searched once, not once per paragraph before it.
    sought: [Option<(usize, usize, Close)>; 5],
}

impl RunsOn {
    /// Where a quotation opened with `open` in paragraph `p` closes in the
    /// paragraphs after it that each open with the same mark.
    fn after(
        &mut self,
        text: &str,
        paragraphs: &[(usize, Range<usize>)],
        p: usize,
        open: char,
    ) -> Close {
        let slot = &mut self.sought[opener_index(open)];
        if let Some((from, to, end)) = *slot {
            if from <= p + 1 && p < to {
                return end;
            }
        }
        let (to, end) = run_on(text, paragraphs, p, open);
        *slot = Some((p + 1, to, end));
        end
    }
}

/// The search of [`RunsOn::after`]: where it stopped (the paragraph that
/// closes the quotation, or the first that does not open with `open`),
/// and where the quotation closes.
fn run_on(
    text: &str,
    paragraphs: &[(usize, Range<usize>)],
    p: usize,
    open: char,
) -> (usize, Close) {
    let close = closing(open).unwrap_or(open);
    let mut q = p + 1;
    while q < paragraphs.len() {
        crate::work::step(1);
        let t = &text[paragraphs[q].1.clone()];
        if !t.starts_with(open) {
            break;
        }
        if let Some((e, _)) = find_close(t, open.len_utf8(), close) {
            return (q, Some((q, paragraphs[q].1.start + e)));
        }
        q += 1;
    }
    (q, None)
}

/// Find where a quote opened at `body` closes, within `s`, and the length
/// of the closing mark; single quotes must close after a word and before a
/// non-letter. Scraped text mixes straight and curly double quotes: one
/// opened straight may close curly, and one opened curly closes straight
/// where no curly mark closes it.
fn find_close(s: &str, body: usize, close: char) -> Option<(usize, usize)> {
    let also = match close {
        '"' => Some('”'),
        // the search for a curly mark alone is the first of the loop's
        // when it finds one: its answer
        '”' => match find_either(&s[body..], '”', None) {
            Some(rel) => {
                crate::work::step(rel + 1);
                return Some((body + rel, '”'.len_utf8()));
            }
            None => Some('"'),
        },
        _ => None,
    };
    let mut from = body;
    loop {
        let found = find_either(&s[from..], close, also);
        crate::work::step(found.map_or(s.len() - from, |r| r + 1));
        let rel = found?;
        let at = from + rel;
        let mark = s[at..].chars().next().unwrap_or(close);
        if close == '\'' || close == '’' {
            let prev = s[..at].chars().next_back();
            let next = s[at + close.len_utf8()..].chars().next();
            let apostrophe =
                next.is_some_and(char::is_alphabetic) || prev.is_some_and(char::is_whitespace);
            if apostrophe {
                from = at + close.len_utf8();
                continue;
            }
        }
        return Some((at, mark.len_utf8()));
    }
}

/// Where `a` or `b` first stands in `s`, as `s.find(|c| c == a || Some(c)
/// == b)` finds it, but searched for bytes: memchr finds each candidate's
/// first byte, and a candidate is the character when its whole UTF-8 form
/// stands there (which is then a character boundary).
fn find_either(s: &str, a: char, b: Option<char>) -> Option<usize> {
    let mut buf_a = [0u8; 4];
    let mut buf_b = [0u8; 4];
    let a = a.encode_utf8(&mut buf_a).as_bytes();
    let b = b.map(|b| b.encode_utf8(&mut buf_b).as_bytes());
    let h = s.as_bytes();
    let mut from = 0;
    loop {
        let rest = &h[from..];
        let at = from
            + match b {
                Some(b) => memchr::memchr2(a[0], b[0], rest),
                None => memchr::memchr(a[0], rest),
            }?;
        if h[at..].starts_with(a) || b.is_some_and(|b| h[at..].starts_with(b)) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// A quote that never closes in its paragraph but is followed there by an
/// attribution (`"By rolling back this rule we protect the river, the two
/// men said in a statement.`): the closing mark was left out before the
/// comma. Where the quote ends (after the comma), within `s`, for a body
/// starting at `body`.
fn attribution_ends(s: &str, body: usize) -> Option<usize> {
    let mut from = body;
    while let Some(k) = s[from..].find(',') {
        crate::work::step(k + 1);
        let comma = from + k;
        let tail = &s[comma + 1..];
        let clause = words_of(&tail[..clause_end(tail)]);
        if !clause.is_empty() && clause.len() <= 10 && clause.iter().take(6).any(|w| is_speech(w)) {
            return Some(comma + 1);
        }
        from = comma + 1;
    }
    crate::work::step(s.len() - from);
    None
}

/// [`attribution_ends`] asked in the order of a paragraph: what was found
/// for one opening stands for every later one up to it.
#[derive(Default)]
struct Attributions {
    found: Option<(usize, Option<usize>)>,
}

impl Attributions {
    fn after(&mut self, s: &str, body: usize) -> Option<usize> {
        if let Some((asked, found)) = self.found {
            if asked <= body && found.is_none_or(|e| body < e) {
                return found;
            }
        }
        let found = attribution_ends(s, body);
        self.found = Some((body, found));
        found
    }
}

/// Every quotation in `text`, with speakers where the story names them.
/// The bytes `clause_end` looks at.
static ENDS: std::sync::LazyLock<crate::text::ByteSets> =
    std::sync::LazyLock::new(|| crate::text::ByteSets::new(*b".;!", *b"?\"\xE2"));

/// The bytes a quotation mark starts with.
static MARKS: std::sync::LazyLock<crate::text::ByteSets> =
    std::sync::LazyLock::new(|| crate::text::ByteSets::new(*b"\"'\xE2", [0xC2; 3]));

pub fn quotes(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let paragraphs = paragraphs_of(sentences);
    let mut runs = RunsOn::default();
    // one search for the marks over the whole text: paragraphs are asked
    // in order (a search started afresh for each cost more than the
    // paragraph on news, whose paragraphs are a line or two)
    let mut marks = crate::text::NextByte::starting_at(
        text.as_bytes(),
        &MARKS,
        paragraphs.first().map_or(text.len(), |p| p.1.start),
    );
    let mut p = 0;
    while p < paragraphs.len() {
        // most paragraphs hold no mark, and so no quote: on to the one
        // that holds the next
        let Some(x) = marks.at_or_after(paragraphs[p].1.start) else {
            break;
        };
        if x >= paragraphs[p].1.end {
            p += paragraphs[p..].partition_point(|(_, span)| span.end <= x);
            continue;
        }
        let (first, span) = paragraphs[p].clone();
        let s = &text[span.clone()];
        let b = s.as_bytes();
        let mut at = 0;
        let mut next_p = p + 1;
        let mut closes = Closes::new(s);
        let mut attributions = Attributions::default();
        while let Some(i) = marks
            .at_or_after(span.start + at)
            .filter(|&x| x < span.end)
            .map(|x| x - span.start)
        {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            at = i + c.len_utf8();
            if closing(c).is_none() || !opens(s, i, c) {
                continue;
            }
            let body_start = span.start + i + c.len_utf8();
            let body_from = i + c.len_utf8();
            let closed = closes.after(body_from, c).or_else(|| {
                // a closing mark left out before the attribution
                matches!(c, '"' | '“')
                    .then(|| attributions.after(s, body_from))
                    .flatten()
                    .map(|e| (e, 0))
            });
            let (body_end, resume) = match closed {
                Some((e, n)) => (span.start + e, Some(e + n)),
                None => {
                    // runs on into following paragraphs that open with the same mark
                    match runs.after(text, &paragraphs, p, c) {
                        Some((q, e)) => {
                            next_p = next_p.max(q + 1);
                            (e, None)
                        }
                        None => continue,
                    }
                }
            };
            let body = body_start..body_end;
            // only compared with 2 and 3 here and with 12 below, and only
            // for some: a long quote's words are not all counted
            let words = words_up_to(&text[body.clone()], 3);
            if let Some(r) = resume {
                at = r;
            } else {
                at = b.len();
            }
            if words < 3 && c != '"' && c != '“' && c != '«' {
                continue; // 'fake news': a scare-quoted phrase
            }
            if words < 2 {
                continue; // "Nazis": a scare quote
            }
            let sentence = crate::text::sentence_at(sentences, body.start).unwrap_or(first);
            let sent = &sentences[sentence].span;
            // a fragment: the sentence goes on around it with words of its own
            // (a sentence cut for length can start right after the mark)
            let lead = text
                .get(sent.start..body.start - c.len_utf8())
                .unwrap_or("")
                .trim();
            let partial = !lead.is_empty()
                && !lead.ends_with(':')
                && !lead.ends_with(',')
                && words_up_to(&text[body.clone()], 12) < 12
                && {
                    let tail = text
                        .get(body.end..sent.end)
                        .unwrap_or("")
                        .trim_start_matches(['”', '"', '’', '\'', '»']);
                    !tail.trim_start().starts_with(',')
                };
            out.push(Quote {
                span: body,
                speaker: None,
                attribution: Attribution::Unknown,
                sentence,
                partial,
            });
        }
        p = next_p;
    }
    resolve_speakers(text, sentences, &mut out);
    out
}

/// The paragraphs of `sentences`, as (first sentence, span).
fn paragraphs_of(sentences: &[Sentence]) -> Vec<(usize, Range<usize>)> {
    // no more paragraphs than the numbers they run over: no regrowth
    let mut paragraphs: Vec<(usize, Range<usize>)> = Vec::with_capacity(
        sentences
            .first()
            .zip(sentences.last())
            .map_or(0, |(a, z)| z.paragraph.saturating_sub(a.paragraph) + 1),
    );
    for (k, s) in sentences.iter().enumerate() {
        match paragraphs.last_mut() {
            Some((first, span)) if sentences[*first].paragraph == s.paragraph => {
                span.end = s.span.end;
            }
            _ => paragraphs.push((k, s.span.clone())),
        }
    }
    paragraphs
}

/// `s.split_whitespace().take(most).count()`, read byte by byte: only a
/// character that is not ASCII is decoded to ask whether it is space, and
/// the rest of a word of printable ASCII is passed over at once.
fn words_up_to(s: &str, most: usize) -> usize {
    let b = s.as_bytes();
    let mut words = 0;
    let mut k = 0;
    while k < b.len() {
        let (space, len) = if b[k].is_ascii() {
            (matches!(b[k], b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = s[k..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        k += len;
        if !space {
            if words == most {
                break;
            }
            words += 1;
            // a word goes on to the next space; printable ASCII is never space
            loop {
                while k < b.len() && matches!(b[k], b'!'..=0x7F) {
                    k += 1;
                }
                let Some(&c) = b.get(k) else { break };
                if c.is_ascii() {
                    if matches!(c, b'\t'..=b'\r' | b' ') {
                        break;
                    }
                    k += 1; // a control character, not space
                } else {
                    let c = s[k..].chars().next().unwrap_or(' ');
                    if c.is_whitespace() {
                        break;
                    }
                    k += c.len_utf8();
                }
            }
        }
    }
    words
}

fn words_of(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '.')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The tokens of `s`, for the attribution reader; `lowered` is `s` with
/// ASCII letters lower-cased.
fn toks_of<'a>(s: &'a str, lowered: &'a str) -> Vec<Tok<'a>> {
    // a token takes at least one byte and most take several: one
    // allocation, not a vector grown token by token
    let mut toks = Vec::with_capacity(s.len() / 4 + 8);
    tokens(
        &mut toks,
        s,
        0..s.len(),
        lowered,
        crate::extract::frame::classes(),
    );
    toks
}

/// A speaker's name as its words, joined by spaces (`Lt. Gerry Scherlinck`
/// and `Lt Gerry Scherlinck` are one name).
fn name_text(toks: &[Tok<'_>]) -> Option<String> {
    let words: Vec<&str> = toks.iter().filter(|t| t.word).map(|t| t.text).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// `..." the mother said`, `...", said Ms Alvarez`; with whether the
/// clause reports someone else's words at second hand (`the sheriff said
/// the suspect told deputies`). The attribution reader finds the subject
/// or the name after the verb, as it does for a figure's source.
fn speaker_after(after: &str) -> Option<(String, bool)> {
    // only the clause holding the verb: "..." by troops, authorities said
    let after = &after[..clause_end(after)];
    // most clauses after a quote hold no verb of saying: they are not
    // tokenised
    if !any_letter_run(after, |w| attribution::words().saying.contains_bytes(w)) {
        return None;
    }
    let lowered = after.to_ascii_lowercase();
    let toks = toks_of(after, &lowered);
    // a verb after a quote is written in lower case (`the Said family wrote`)
    let verb = |t: &Tok<'_>| t.word && is_speech(t.low) && t.text == t.low;
    // "Anais Gonzalez, 20, who lives downstairs, told ...": the name before
    // the first comma, when the verb's own clause names nobody; the verb
    // is looked for after the last comma before it
    let mut base = 0;
    let mut appositive = None;
    if let Some(v) = toks.iter().position(verb) {
        if let Some(c) = toks[..v].iter().rposition(|t| t.text == ",") {
            let start = toks.iter().position(|t| t.word).unwrap_or(v);
            let first_comma = toks[start..v].iter().position(|t| t.text == ",");
            if let Some(fc) = first_comma.filter(|&fc| fc > 0) {
                let head = &toks[start..start + fc];
                if head.len() <= 4 && head.iter().all(|t| t.word && capital(t.text)) {
                    appositive = Some(head);
                }
            }
            base = c + 1;
        }
    }
    let v = (base..toks.len())
        .filter(|&i| toks[i].word)
        .take(7)
        .find(|&i| verb(&toks[i]))?;
    let second_hand = toks[v + 1..].iter().any(|t| t.word && is_speech(t.low));
    let subject = attribution::subject(&toks[base..], v - base);
    let subject_words = subject.iter().filter(|t| t.word).count();
    if (1..=5).contains(&subject_words) {
        // "... from Raqqa he said": the pronoun is the subject
        if let Some(p) = subject.last().filter(|t| is_pronoun(t.low)) {
            return Some((p.text.to_string(), second_hand));
        }
        return Some((name_text(subject)?, second_hand));
    }
    if let Some(head) = appositive {
        return Some((name_text(head)?, second_hand));
    }
    // "told the Times Union": who is told listens, it does not speak
    if toks[v].low == "told" {
        return None;
    }
    // "said Ms Alvarez", "said fire chief Hanna Berg": the name that ends the phrase
    let name = attribution::name_after(&toks, v)?;
    Some((name_text(name)?, second_hand))
}

/// Whether a run of ASCII letters in `s`, between bytes that are no ASCII
/// letters, is one that `is` holds for. A word token of ASCII letters only
/// is such a run (a word ends at a byte that is no letter or digit, and
/// starts after one), so a text without such a run holds no token of a
/// list of words of letters only, such as the verbs of saying.
fn any_letter_run(s: &str, is: impl Fn(&[u8]) -> bool) -> bool {
    let b = s.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k].is_ascii_alphabetic() {
            let start = k;
            k += 1;
            while k < b.len() && b[k].is_ascii_alphabetic() {
                k += 1;
            }
            if is(&b[start..k]) {
                return true;
            }
        }
        k += 1;
    }
    false
}

/// The bytes `clause_end` stops at, as a table: one look-up a byte.
static CLAUSE_MARKS: [bool; 256] = {
    let mut marks = [false; 256];
    let mut k = 0;
    while k < 6 {
        marks[b".;!?\"\xE2"[k] as usize] = true;
        k += 1;
    }
    marks
};

/// Where the clause that follows a quote ends: at a sentence's end or the
/// next quotation mark, but not at the point of an abbreviation (`said Lt.
/// Col. Thomas Gilleran`, `Sutopo P. Nugroho`).
fn clause_end(after: &str) -> usize {
    let mut from = 0;
    // the marks as bytes: `“` is the only one of them that starts with 0xE2.
    // Most clauses after a quote are short (`," she said.`): a walk over
    // their bytes costs less than setting up the searches
    let b = after.as_bytes();
    let mut marks = (b.len() > 64).then(|| crate::text::NextByte::new(b, &ENDS));
    let mut next_mark = |from: usize| match &mut marks {
        Some(marks) => marks.at_or_after(from),
        None => b[from..]
            .iter()
            .position(|&c| CLAUSE_MARKS[usize::from(c)])
            .map(|k| from + k),
    };
    while let Some(at) = next_mark(from) {
        if after.as_bytes()[at] == 0xE2 && !after[at..].starts_with('“') {
            from = at + 1;
            continue;
        }
        if after[at..].starts_with('.') {
            let word: &str = after[..at]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || attribution::words().abbreviations.contains(word) {
                from = at + 1;
                continue;
            }
        }
        return at;
    }
    after.len()
}

/// `Mr Detsch tweeted: "..."`, `The mother responded: "..."`, `According to X, "..."`.
fn speaker_before(before: &str) -> Option<String> {
    let t = before.trim_end();
    let intro = t.ends_with(':') || t.ends_with(',');
    // nothing before the quote names no one; nor does an intro without
    // `according` or a verb of saying (`read` alone names no one either),
    // which is not tokenised
    if !intro
        || !any_letter_run(t, |w| {
            w.eq_ignore_ascii_case(b"according") || attribution::words().saying.contains_bytes(w)
        })
    {
        return None;
    }
    let lowered = t.to_ascii_lowercase();
    let toks = toks_of(t, &lowered);
    if let Some(who) = (0..toks.len())
        .rev()
        .find_map(|k| attribution::according_to(&toks, k))
    {
        if (1..=6).contains(&who.iter().filter(|t| t.word).count()) {
            return name_text(who);
        }
    }
    let v = toks
        .iter()
        .rposition(|w| w.word && (is_speech(w.low) || w.low == "read"))?;
    if toks[v].low == "read" {
        return None; // "The conversation read:" names no speaker
    }
    // the words before the verb that may name a speaker: capitalised, or a role
    let roles = &attribution::words().roles;
    let taken: Vec<usize> = (0..v)
        .rev()
        .filter(|&k| toks[k].word)
        .take_while(|&k| capital(toks[k].text) || roles.contains(toks[k].low))
        .take(5)
        .collect();
    let (&last, &first) = (taken.first()?, taken.last()?);
    name_text(&toks[first..=last])
}

/// Speakers for every quote, then pronouns resolved to the last name.
fn resolve_speakers(text: &str, sentences: &[Sentence], quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        let sent = sentences[q.sentence].span.clone();
        let end_sentence =
            crate::text::sentence_at(sentences, q.span.end.saturating_sub(1)).unwrap_or(q.sentence);
        let sent_end = sentences[end_sentence].span.end.max(q.span.end);
        let after = text.get(q.span.end..sent_end).unwrap_or("");
        let after = after.trim_start_matches(['”', '"', '’', '\'', '»']);
        let before = text
            .get(sent.start..q.span.start.max(sent.start))
            .unwrap_or("");
        let before = before.trim_end_matches(['“', '"', '‘', '\'', '«']);
        let (mut speaker, mut attribution) = match speaker_after(after) {
            Some((who, second_hand)) => (
                Some(who),
                if second_hand {
                    Attribution::Guessed
                } else {
                    Attribution::Direct
                },
            ),
            None => match speaker_before(before) {
                Some(who) => (Some(who), Attribution::Direct),
                None => (None, Attribution::Unknown),
            },
        };
        // a speaker named in the sentence before: "The mother responded." / "... replied:"
        if speaker.is_none() && before.trim().is_empty() && q.sentence > 0 {
            let prev = &text[sentences[q.sentence - 1].span.clone()];
            speaker = speaker_before(prev.trim_end_matches('.'));
            if speaker.is_some() {
                attribution = Attribution::Guessed;
            }
        }
        q.speaker = speaker;
        q.attribution = attribution;
    }
    // a quote that opens its sentence right after another quote of the
    // paragraph goes on with the same speaker: "...," said Berg. "It is not over."
    for k in 1..quotes.len() {
        let same_paragraph =
            sentences[quotes[k].sentence].paragraph == sentences[quotes[k - 1].sentence].paragraph;
        let sent = &sentences[quotes[k].sentence].span;
        let opens_sentence = text
            .get(sent.start..quotes[k].span.start)
            .is_some_and(|lead| {
                lead.trim_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'' | '«')
                })
                .is_empty()
            });
        // right after it: in the same sentence or the next, with nothing
        // between (a body scraped as one paragraph runs on for pages)
        let previous_end =
            crate::text::sentence_at(sentences, quotes[k - 1].span.end.saturating_sub(1))
                .unwrap_or(quotes[k - 1].sentence);
        let adjacent = quotes[k].sentence <= previous_end + 1;
        if quotes[k].speaker.is_none()
            && same_paragraph
            && adjacent
            && opens_sentence
            && !quotes[k].partial
        {
            let previous = quotes[k - 1].speaker.clone();
            quotes[k].attribution = match quotes[k - 1].attribution {
                Attribution::Direct | Attribution::Continued => Attribution::Continued,
                a => a,
            };
            quotes[k].speaker = previous;
        }
    }
    // "she said": the last named speaker before it
    let mut last_named: Option<String> = None;
    for q in quotes.iter_mut() {
        match &q.speaker {
            Some(s) if !s.contains(' ') && is_pronoun(s) => {
                q.speaker.clone_from(&last_named);
                q.attribution = if q.speaker.is_some() {
                    Attribution::Guessed
                } else {
                    Attribution::Unknown
                };
            }
            Some(s) => last_named = Some(s.clone()),
            None => {}
        }
    }
}

/// The words of a run of quotes, joined.
pub fn statement_text(text: &str, quotes: &[Quote], run: &Range<usize>) -> String {
    quotes[run.clone()]
        .iter()
        .map(|q| &text[q.span.clone()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old way of `clause_end`: a search for each mark as a character.
    fn clause_end_plain(after: &str) -> usize {
        let mut from = 0;
        while let Some(k) = after[from..].find(['.', ';', '!', '?', '“', '"']) {
            let at = from + k;
            if after[at..].starts_with('.') {
                let word: &str = after[..at]
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if initial || attribution::words().abbreviations.contains(word) {
                    from = at + 1;
                    continue;
                }
            }
            return at;
        }
        after.len()
    }

    proptest::proptest! {
        #[test]
        fn clause_ends_and_word_counts_agree_with_char_searches(
            s in proptest::collection::vec(proptest::sample::select(vec![
                "a", "B", " ", "Lt", "Col", "said", ".", ";", "!", "?", "\"", "“", "”", "’",
                "\u{2014}", "é", "\u{a0}", "\u{2003}", "\u{85}", "\t", "\u{b}", "\n",
                "\u{1}", "\u{1f}", "\u{7f}", "x!y",
            ]), 0..30),
            most in 0usize..15,
        ) {
            let s = s.concat();
            proptest::prop_assert_eq!(clause_end(&s), clause_end_plain(&s));
            proptest::prop_assert_eq!(words_up_to(&s, most), s.split_whitespace().take(most).count());
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_search_for_a_closing_mark_agrees_with_a_char_search(
            s in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "\"", "'", "”", "“", "’", "‘", "«", "»", "\u{2014}", "é", "\u{a0}", "\u{201e}",
            ]), 0..30),
            a in proptest::sample::select(vec!['"', '”', '\'', '’', '»', '“']),
            b in proptest::option::of(proptest::sample::select(vec!['"', '”', '’'])),
        ) {
            let s = s.concat();
            let plain = s.find(|c: char| c == a || Some(c) == b);
            proptest::prop_assert_eq!(find_either(&s, a, b), plain);
        }
    }

    /// `find_close` as it was before a curly mark found by the first
    /// search was taken as the answer.
    fn find_close_plainly(s: &str, body: usize, close: char) -> Option<(usize, usize)> {
        let also = match close {
            '"' => Some('”'),
            '”' if s[body..].find('”').is_none() => Some('"'),
            _ => None,
        };
        let mut from = body;
        loop {
            let at = from + s[from..].find(|c: char| c == close || Some(c) == also)?;
            let mark = s[at..].chars().next().unwrap_or(close);
            if close == '\'' || close == '’' {
                let prev = s[..at].chars().next_back();
                let next = s[at + close.len_utf8()..].chars().next();
                if next.is_some_and(char::is_alphabetic) || prev.is_some_and(char::is_whitespace) {
                    from = at + close.len_utf8();
                    continue;
                }
            }
            return Some((at, mark.len_utf8()));
        }
    }

    proptest::proptest! {
        #[test]
        fn closing_marks_are_found_as_plainly(
            s in proptest::collection::vec(proptest::sample::select(vec![
                "a", " ", "\"", "'", "”", "“", "’", "‘", "«", "»", "\u{2014}", "é",
            ]), 0..30),
            close in proptest::sample::select(vec!['"', '”', '\'', '’', '»']),
            cut in 0usize..30,
        ) {
            let s = s.concat();
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let body = bounds[cut % bounds.len()];
            proptest::prop_assert_eq!(find_close(&s, body, close), find_close_plainly(&s, body, close));
        }
    }

    /// `quotes` as it was before it searched each text once (298b087),
    /// with a plain walk over each paragraph's bytes and a plain count of
    /// words: the reference the fast one must match.
    fn quotes_plainly(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
        let mut out: Vec<Quote> = Vec::new();
        let mut paragraphs: Vec<(usize, Range<usize>)> = Vec::new();
        for (k, s) in sentences.iter().enumerate() {
            match paragraphs.last_mut() {
                Some((first, span)) if sentences[*first].paragraph == s.paragraph => {
                    span.end = s.span.end;
                }
                _ => paragraphs.push((k, s.span.clone())),
            }
        }
        let mut p = 0;
        while p < paragraphs.len() {
            let (first, span) = paragraphs[p].clone();
            let s = &text[span.clone()];
            let mut at = 0;
            let mut next_p = p + 1;
            while let Some(i) =
                (at..s.len()).find(|&i| matches!(s.as_bytes()[i], b'"' | b'\'' | 0xC2 | 0xE2))
            {
                let Some(c) = s[i..].chars().next() else {
                    break;
                };
                at = i + c.len_utf8();
                if closing(c).is_none() || !opens(s, i, c) {
                    continue;
                }
                let body_start = span.start + i + c.len_utf8();
                let body_from = i + c.len_utf8();
                let closed = closing(c)
                    .and_then(|close| find_close(s, body_from, close))
                    .or_else(|| {
                        matches!(c, '"' | '“')
                            .then(|| attribution_ends(s, body_from))
                            .flatten()
                            .map(|e| (e, 0))
                    });
                let (body_end, resume) = match closed {
                    Some((e, n)) => (span.start + e, Some(e + n)),
                    None => match run_on(text, &paragraphs, p, c).1 {
                        Some((q, e)) => {
                            next_p = next_p.max(q + 1);
                            (e, None)
                        }
                        None => continue,
                    },
                };
                let body = body_start..body_end;
                let words = text[body.clone()].split_whitespace().take(12).count();
                at = resume.unwrap_or(s.len());
                if words < 3 && c != '"' && c != '“' && c != '«' {
                    continue;
                }
                if words < 2 {
                    continue;
                }
                let sentence = crate::text::sentence_at(sentences, body.start).unwrap_or(first);
                let sent = &sentences[sentence].span;
                let lead = text
                    .get(sent.start..body.start - c.len_utf8())
                    .unwrap_or("")
                    .trim();
                let partial = !lead.is_empty()
                    && !lead.ends_with(':')
                    && !lead.ends_with(',')
                    && words < 12
                    && {
                        let tail = text
                            .get(body.end..sent.end)
                            .unwrap_or("")
                            .trim_start_matches(['”', '"', '’', '\'', '»']);
                        !tail.trim_start().starts_with(',')
                    };
                out.push(Quote {
                    span: body,
                    speaker: None,
                    attribution: Attribution::Unknown,
                    sentence,
                    partial,
                });
            }
            p = next_p;
        }
        resolve_speakers(text, sentences, &mut out);
        out
    }

    /// Pieces of quoted news: marks of every style, apostrophes, verbs of
    /// saying before and after, names, roles, pronouns, abbreviations,
    /// commas, colons, terminators and paragraph breaks.
    const PIECES: &[&str] = &[
        "\"",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        " ",
        " ",
        " ",
        " ",
        "\n\n",
        "\n",
        ".",
        ". ",
        ",",
        ", ",
        ":",
        ": ",
        "!",
        "?",
        "said",
        " said",
        "told",
        " told reporters",
        "says",
        "according to",
        "added",
        "he",
        "she",
        "They",
        "the mayor",
        "Ms Ortiz",
        "Lt. Col. Berg",
        "P.",
        "Hanna",
        "read",
        "We",
        "will",
        "rebuild",
        "don't",
        "'90s",
        "it",
        "a",
        "B",
        "é",
        "\u{a0}",
        "\u{2014}",
        "(",
        "—",
        "-",
        "the Said family",
        "in a statement",
        "20",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The quotes found with one search of the text are those the
        /// plain walk finds, with the same speakers.
        #[test]
        fn one_search_finds_the_quotes_the_plain_walk_finds(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80),
        ) {
            let text = pieces.concat();
            let s = sentences(&text, 0);
            proptest::prop_assert_eq!(quotes(&text, &s), quotes_plainly(&text, &s));
        }
    }

    /// `speaker_after` as it was before it skipped clauses without a verb
    /// of saying: the reference for the shortcut.
    fn speaker_after_plainly(after: &str) -> Option<(String, bool)> {
        let after = &after[..clause_end(after)];
        let lowered = after.to_ascii_lowercase();
        let toks = toks_of(after, &lowered);
        let verb = |t: &Tok<'_>| t.word && is_speech(t.low) && t.text == t.low;
        let mut base = 0;
        let mut appositive = None;
        if let Some(v) = toks.iter().position(verb) {
            if let Some(c) = toks[..v].iter().rposition(|t| t.text == ",") {
                let start = toks.iter().position(|t| t.word).unwrap_or(v);
                let first_comma = toks[start..v].iter().position(|t| t.text == ",");
                if let Some(fc) = first_comma.filter(|&fc| fc > 0) {
                    let head = &toks[start..start + fc];
                    if head.len() <= 4 && head.iter().all(|t| t.word && capital(t.text)) {
                        appositive = Some(head);
                    }
                }
                base = c + 1;
            }
        }
        let v = (base..toks.len())
            .filter(|&i| toks[i].word)
            .take(7)
            .find(|&i| verb(&toks[i]))?;
        let second_hand = toks[v + 1..].iter().any(|t| t.word && is_speech(t.low));
        let subject = attribution::subject(&toks[base..], v - base);
        let subject_words = subject.iter().filter(|t| t.word).count();
        if (1..=5).contains(&subject_words) {
            if let Some(p) = subject.last().filter(|t| is_pronoun(t.low)) {
                return Some((p.text.to_string(), second_hand));
            }
            return Some((name_text(subject)?, second_hand));
        }
        if let Some(head) = appositive {
            return Some((name_text(head)?, second_hand));
        }
        if toks[v].low == "told" {
            return None;
        }
        let name = attribution::name_after(&toks, v)?;
        Some((name_text(name)?, second_hand))
    }

    /// `speaker_before` as it was before it skipped intros without a verb
    /// of saying.
    fn speaker_before_plainly(before: &str) -> Option<String> {
        let t = before.trim_end();
        let intro = t.ends_with(':') || t.ends_with(',') || t.is_empty();
        if !intro {
            return None;
        }
        let lowered = t.to_ascii_lowercase();
        let toks = toks_of(t, &lowered);
        if let Some(who) = (0..toks.len())
            .rev()
            .find_map(|k| attribution::according_to(&toks, k))
        {
            if (1..=6).contains(&who.iter().filter(|t| t.word).count()) {
                return name_text(who);
            }
        }
        let v = toks
            .iter()
            .rposition(|w| w.word && (is_speech(w.low) || w.low == "read"))?;
        if toks[v].low == "read" {
            return None;
        }
        let roles = &attribution::words().roles;
        let taken: Vec<usize> = (0..v)
            .rev()
            .filter(|&k| toks[k].word)
            .take_while(|&k| capital(toks[k].text) || roles.contains(toks[k].low))
            .take(5)
            .collect();
        let (&last, &first) = (taken.first()?, taken.last()?);
        name_text(&toks[first..=last])
    }

    /// The speakers read before and after every place in `text` where a
    /// quotation could close or open, by the readers and their plain forms.
    fn assert_speakers_read_as_plainly(text: &str) {
        for (i, c) in text.char_indices() {
            if !matches!(
                c,
                '"' | '\'' | '”' | '’' | '»' | '“' | '‘' | '«' | ',' | ':'
            ) {
                continue;
            }
            let after = &text[i + c.len_utf8()..];
            assert_eq!(
                speaker_after(after),
                speaker_after_plainly(after),
                "after {after:?}"
            );
            for before in [&text[..i], &text[..i + c.len_utf8()]] {
                assert_eq!(
                    speaker_before(before),
                    speaker_before_plainly(before),
                    "before {before:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Skipping clauses without a verb of saying finds the speakers the
        /// reader finds in every clause.
        #[test]
        fn the_speaker_readers_skip_only_what_names_no_one(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
        ) {
            assert_speakers_read_as_plainly(&pieces.concat());
        }
    }

    /// The same on the sentences of real news; skipped when
    /// `../shared/realnews` is missing.
    #[test]
    fn the_speaker_readers_skip_only_what_names_no_one_in_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        let mut sentences_read = 0;
        for story in &stories {
            for s in sentences(&story.text, story.headline_end()) {
                assert_speakers_read_as_plainly(&story.text[s.span]);
                sentences_read += 1;
            }
        }
        assert!(sentences_read > 0);
    }

    /// The shortcut looks for verbs of saying as runs of ASCII letters:
    /// a verb with any other character would be missed.
    #[test]
    fn verbs_of_saying_are_ascii_letters() {
        let words: serde_yaml::Value =
            serde_yaml::from_str(include_str!("../text/attribution.yaml")).unwrap();
        let saying = words["saying"].as_sequence().unwrap();
        assert!(!saying.is_empty());
        for w in saying {
            let w = w.as_str().unwrap();
            assert!(w.bytes().all(|b| b.is_ascii_alphabetic()), "{w:?}");
        }
    }

    #[test]
    fn the_speaker_after_a_quote_is_read_by_the_attribution_reader() {
        let cases: &[(&str, Option<&str>)] = &[
            (", authorities said.", Some("authorities")),
            (", said Hanna Berg on Monday.", Some("Hanna Berg")),
            (", said fire chief Hanna Berg.", Some("Hanna Berg")),
            (" from the capital he said.", Some("he")),
            (
                ", Ana Ode, 20, who lives upstairs, told reporters.",
                Some("Ana Ode"),
            ),
            (", she told the Daily Courier.", Some("she")),
            (", told the Daily Courier.", None),
            (", the Said family wrote.", Some("the Said family")),
            (" and then it ended.", None),
        ];
        for &(s, want) in cases {
            assert_eq!(speaker_after(s).map(|(w, _)| w).as_deref(), want, "{s:?}");
        }
    }

    use crate::text::sentences;

    fn q(t: &str) -> Vec<(String, Option<String>)> {
        let s = sentences(t, 0);
        quotes(t, &s)
            .into_iter()
            .map(|q| (t[q.span].to_string(), q.speaker))
            .collect()
    }

    #[test]
    fn marks_and_speakers() {
        let got = q(
            "“We will rebuild every home,” the mayor said. Ms Ortiz told reporters: \"Nothing is left here.\" The \"experts\" disagreed.",
        );
        assert_eq!(
            got[0],
            (
                "We will rebuild every home,".to_string(),
                Some("the mayor".to_string())
            )
        );
        assert_eq!(
            got[1],
            (
                "Nothing is left here.".to_string(),
                Some("Ms Ortiz".to_string())
            )
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn single_quotes_are_not_apostrophes() {
        let got = q(
            "The outlets' reports said Putin's 'special military operation' was planned in the '90s. 'We don't know,' she said.",
        );
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, vec!["special military operation", "We don't know,"]);
    }

    #[test]
    fn quotes_running_over_paragraphs_and_pronouns() {
        let t = "The mother responded: “No, you are not killing civilians!\n\n“Believe me.\n\n“You are killing fascists.”\n\n“Son, stay strong,” she added.";
        let got = q(t);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].0.starts_with("No, you are not") && got[0].0.ends_with("fascists."),
            "{got:?}"
        );
        assert_eq!(got[0].1.as_deref(), Some("The mother"));
        assert_eq!(got[1].1.as_deref(), Some("The mother"), "she resolved");
    }

    #[test]
    fn mixed_marks_and_a_closing_mark_left_out() {
        let got = q(
            "\"What I know is they had problems,” says another neighbour, Justin. “He broke in before.\"",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "What I know is they had problems,");
        assert_eq!(got[0].1.as_deref(), Some("Justin"));
        let t = "\"By rolling back this rule we protect the river, the two men said in a statement.\n\n\"Agencies will consult biologists.\"";
        let got = q(t);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "By rolling back this rule we protect the river,");
        assert_eq!(got[0].1.as_deref(), Some("the two men"));
        assert_eq!(got[1].0, "Agencies will consult biologists.");
    }

    #[test]
    fn a_quote_nested_in_another_belongs_to_it() {
        let got = q("\"He told me 'we are finished here' and walked out,\" the foreman said.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.contains("'we are finished here'"));
        assert_eq!(got[0].1.as_deref(), Some("the foreman"));
    }

    /// Issue 16: openings that never close are searched past once; the
    /// quotations around them are found as before.
    #[test]
    fn openings_that_never_close() {
        let t = format!(
            "{}“We will rebuild,” the mayor said.\n\n{}“We stay here,” she said.",
            "‘b ".repeat(300),
            "«c ".repeat(300)
        );
        let got = q(&t);
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, ["We will rebuild,", "We stay here,"]);
        // paragraphs that each open a quotation with the mark that ran on
        let t = format!("{}“It ends here,” he said.", "“We go on\n\n".repeat(50));
        let got = q(&t);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.starts_with("We go on") && got[0].0.ends_with("here,"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// What the searches remember answers as searching afresh does.
        #[test]
        fn remembered_closes_are_the_closes(
            paragraphs in proptest::collection::vec("[“”«»‘’\"'a ]{0,12}", 1..12),
            asks in proptest::collection::vec((0usize..40, 0usize..5), 1..30),
        ) {
            let text = paragraphs.join("\n\n");
            let mut spans = Vec::new();
            let mut at = 0;
            for (k, p) in paragraphs.iter().enumerate() {
                spans.push((k, at..at + p.len()));
                at += p.len() + 2;
            }
            let mut closes = Closes::new(&text);
            let mut runs = RunsOn::default();
            let mut bodies: Vec<usize> = asks.iter().map(|a| a.0.min(text.len())).collect();
            bodies.sort_unstable();
            for (body, (_, kind)) in bodies.into_iter().zip(&asks) {
                let open = OPENERS[*kind];
                if !text.is_char_boundary(body) {
                    continue;
                }
                let fresh = find_close(&text, body, closing(open).unwrap());
                proptest::prop_assert_eq!(closes.after(body, open), fresh);
                let p = spans.iter().rposition(|s| s.1.start <= body).unwrap_or(0);
                proptest::prop_assert_eq!(
                    runs.after(&text, &spans, p, open),
                    run_on(&text, &spans, p, open).1
                );
            }
        }
    }

    #[test]
    fn a_quote_opening_where_a_long_sentence_was_cut() {
        // issue 16: the sentence cut at MAX_SENTENCE starts right after the
        // opening mark; slicing from it back to the mark panicked
        let t = format!("{}“abc def ghi,” the chief said.", "x".repeat(1997));
        let got = q(&t);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "abc def ghi,");
    }

    #[test]
    fn speaker_in_the_sentence_before_and_unknowns() {
        let got = q(
            "Mr Detsch tweeted: “A sign of deep denial over the war.” The conversation read: “Son, don’t lose heart!”",
        );
        assert_eq!(got[0].1.as_deref(), Some("Mr Detsch"));
        assert_eq!(got[1].1, None, "a conversation is not a speaker");
    }
}
