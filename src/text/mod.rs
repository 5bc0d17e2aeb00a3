//! Segmentation: a story's text into paragraphs, list items and sentences,
//! as byte spans.
//!
//! Paragraphs end at blank lines, and at a line break after sentence-final
//! punctuation or after a short line with none (a heading, `KEY POINTS`, a
//! caption). A line that starts with a bullet is a list item. Sentences end
//! at `.`, `!` or `?` (with closing quotes) before a capital, a digit or a
//! quotation mark, except after abbreviations (`Feb.`, `Mr.`, `U.S.`),
//! initials, inside decimals (`1.5`), inside an open quotation, and at
//! ellipses followed by lower case.

pub(crate) mod attribution;
pub(crate) mod tokens;
pub mod words;

use std::ops::Range;

/// What a sentence is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Headline,
    Paragraph,
    ListItem,
    /// A photo caption (HTML `figcaption`).
    Caption,
}

/// A sentence with the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub paragraph: usize,
    pub block: Block,
}

const BULLETS: &[char] = &['•', '-', '*', '–', '—', '·', '▪', '►'];
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "cmdr",
    "adm", "rep", "sen", "gov", "pres", "rev", "jr", "sr", "no", "nos", "vs", "v", "inc", "corp",
    "co", "ltd", "dept", "est", "approx", "fig", "al", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur",
    "thurs", "fri", "sat", "sun", "mt", "ft", "ave", "blvd", "rd", "gov't", "e.g", "i.e", "u.s",
    "u.k", "u.n", "e.u", "a.m", "p.m",
];

/// Whether an ASCII byte is white space as `char::is_whitespace` has it
/// (tab, line feed, vertical tab, form feed, carriage return, space).
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `s.trim_start()`, stepping over ASCII white space byte by byte; only a
/// text that goes on with a character that is not ASCII is left to
/// `trim_start` (which decodes each character to ask whether it is space).
fn trim_start(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| ascii_space(b)).count();
    let rest = &s[n..];
    if rest.as_bytes().first().is_some_and(|&b| !b.is_ascii()) {
        rest.trim_start()
    } else {
        rest
    }
}

/// `s.trim_end()` as [`trim_start`] does it.
fn trim_end(s: &str) -> &str {
    let n = s.bytes().rev().take_while(|&b| ascii_space(b)).count();
    let rest = &s[..s.len() - n];
    if rest.as_bytes().last().is_some_and(|&b| !b.is_ascii()) {
        rest.trim_end()
    } else {
        rest
    }
}

/// The length of a list item's bullet and the space before it, for a
/// line and the line without its leading space (`t`, not empty).
fn bullet_len(line: &str, t: &str) -> Option<usize> {
    let lead = line.len() - t.len();
    // most lines start with a letter: no bullet starts with one
    let &first = t.as_bytes().first()?;
    if first.is_ascii() && !matches!(first, b'-' | b'*' | b'0'..=b'9') {
        return None;
    }
    let c = t.chars().next()?;
    if BULLETS.contains(&c) && t[c.len_utf8()..].starts_with([' ', '\t']) {
        return Some(lead + c.len_utf8());
    }
    // "1. ", "2) "
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&d) && (t[d..].starts_with(". ") || t[d..].starts_with(") ")) {
        return Some(lead + d + 1);
    }
    None
}

/// Whether a paragraph ends after a line (given without its leading
/// space, not empty): the line ends a sentence, or it is short (a heading,
/// `KEY POINTS`, a caption).
fn ends_paragraph(line: &str) -> bool {
    let t = trim_end(line);
    let ends = match t.as_bytes().last() {
        Some(&c) if c.is_ascii() => b".!?:\"')]".contains(&c),
        _ => t.ends_with(['”', '’']),
    };
    if ends {
        return true;
    }
    // fewer than 50 characters: no character is longer than 4 bytes
    t.len() < 50 || (t.len() < 200 && t.chars().count() < 50)
}

/// The longest a sentence may be. Real ones are far shorter; text without
/// any sentence breaks (a runaway line) is cut at spaces so that work done
/// per sentence stays bounded.
pub const MAX_SENTENCE: usize = 2000;

/// Cut sentences longer than [`MAX_SENTENCE`] at spaces.
fn bound(text: &str, sentences: Vec<Sentence>) -> Vec<Sentence> {
    if sentences.iter().all(|s| s.span.len() <= MAX_SENTENCE) {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut start = s.span.start;
        while s.span.end - start > MAX_SENTENCE {
            let mut cut = start + MAX_SENTENCE;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            // back to a space, unless there is none in reach
            if let Some(sp) = text[start..cut].rfind(char::is_whitespace) {
                if sp > 0 {
                    cut = start + sp;
                }
            }
            out.push(Sentence {
                span: start..cut,
                ..s.clone()
            });
            start = cut;
            while start < s.span.end && text[start..].starts_with(char::is_whitespace) {
                start += text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if start < s.span.end {
            out.push(Sentence {
                span: start..s.span.end,
                ..s
            });
        }
    }
    out
}

/// Split `text` into sentences. `headline_end` marks a headline that came
/// from metadata (0 when there is none).
pub fn sentences(text: &str, headline_end: usize) -> Vec<Sentence> {
    let found = split_all(text, headline_end);
    bound(text, found)
}

fn split_all(text: &str, headline_end: usize) -> Vec<Sentence> {
    // about one sentence per 100 bytes of news: most texts need no regrowth
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    let mut paragraph = 0;
    if headline_end > 0 {
        out.push(Sentence {
            span: 0..headline_end,
            paragraph,
            block: Block::Headline,
        });
        paragraph += 1;
    }
    let mut splitter = Splitter {
        text,
        stops: NextByte::starting_at(text.as_bytes(), &STOPS, headline_end),
        out,
    };
    // paragraphs as spans of whole lines
    let mut para: Option<(usize, usize, Block)> = None;
    let body = &text[headline_end..];
    // the line before, without its leading space
    let mut prev_line: Option<&str> = None;
    // `split_inclusive('\n')` with memchr's vectorised search: std's
    // char search costs more than the line on lines this short
    let bytes = body.as_bytes();
    let mut from = 0;
    while from < body.len() {
        // the blank line between paragraphs is found without a search
        let end = if bytes[from] == b'\n' {
            from + 1
        } else {
            memchr::memchr(b'\n', &bytes[from..]).map_or(body.len(), |k| from + k + 1)
        };
        let line = &body[from..end];
        let start = headline_end + from;
        from = end;
        let breaks = line
            .bytes()
            .rev()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .count();
        let content = &line[..line.len() - breaks];
        let lead = trim_start(content);
        if lead.is_empty() {
            if let Some((s, e, b)) = para.take() {
                splitter.paragraph(s..e, paragraph, b);
                paragraph += 1;
            }
            prev_line = None;
            continue;
        }
        let bullet = bullet_len(content, lead);
        let new_para = bullet.is_some() || prev_line.is_some_and(ends_paragraph);
        if new_para {
            if let Some((s, e, b)) = para.take() {
                splitter.paragraph(s..e, paragraph, b);
                paragraph += 1;
            }
        }
        let end = start + content.len();
        if let Some((_, e, _)) = &mut para {
            *e = end;
        } else {
            let (s, block) = match bullet {
                Some(n) => (start + n, Block::ListItem),
                None => (start, Block::Paragraph),
            };
            para = Some((s, end, block));
        }
        prev_line = Some(lead);
    }
    if let Some((s, e, b)) = para.take() {
        splitter.paragraph(s..e, paragraph, b);
    }
    splitter.out
}

fn trim_span(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    // ASCII spaces trimmed as bytes; a non-ASCII character at either end
    // may be a space, and is left to the trims by characters
    let b = &text.as_bytes()[r.clone()];
    let lead = b.iter().take_while(|&&c| ascii_space(c)).count();
    let kept = &b[lead..];
    let tail = kept.iter().rev().take_while(|&&c| ascii_space(c)).count();
    let kept = &kept[..kept.len() - tail];
    match (kept.first(), kept.last()) {
        (None, _) => return None,
        (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => {
            return Some(r.start + lead..r.end - tail);
        }
        _ => {}
    }
    trim_span_by_chars(text, r)
}

/// [`trim_span`] by [`trim_start`] and [`trim_end`].
fn trim_span_by_chars(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let rest = trim_start(s);
    let lead = s.len() - rest.len();
    let t = trim_end(rest);
    (!t.is_empty()).then(|| r.start + lead..r.start + lead + t.len())
}

/// The next byte at or after a position that is one of two sets of three,
/// found with memchr's vectorised `memchr3`. Each set's last result stands
/// until the position passes it, so a text is searched once whatever the
/// number of stops.
pub(crate) struct NextByte<'a> {
    hay: &'a [u8],
    sets: &'a ByteSets,
    next: [Option<usize>; 2],
}

/// Two sets of three bytes for [`NextByte`], with their searchers built
/// once where AVX2 is there (`memchr3` builds one and dispatches on each
/// call). Kept in a static: the searchers are too big to move about.
pub(crate) struct ByteSets {
    sets: [[u8; 3]; 2],
    #[cfg(target_arch = "x86_64")]
    avx2: Option<[memchr::arch::x86_64::avx2::memchr::Three; 2]>,
}

impl ByteSets {
    pub(crate) fn new(a: [u8; 3], b: [u8; 3]) -> Self {
        ByteSets {
            sets: [a, b],
            #[cfg(target_arch = "x86_64")]
            avx2: match [a, b]
                .map(|[x, y, z]| memchr::arch::x86_64::avx2::memchr::Three::new(x, y, z))
            {
                [Some(p), Some(q)] => Some([p, q]),
                _ => None,
            },
        }
    }

    /// The first position in `rest` holding one of the bytes of set `set`.
    fn find(&self, set: usize, rest: &[u8]) -> Option<usize> {
        let [x, y, z] = self.sets[set];
        // a set of one byte (the guillemets' lead byte, which the quote
        // reader searches a text for whole where it has none) is searched
        // for alone: a third of the work of a search for three
        if x == y && y == z {
            return memchr::memchr(x, rest);
        }
        #[cfg(target_arch = "x86_64")]
        if let Some(searchers) = &self.avx2 {
            return searchers[set].find(rest);
        }
        memchr::memchr3(x, y, z, rest)
    }
}

impl<'a> NextByte<'a> {
    pub(crate) fn new(hay: &'a [u8], sets: &'a ByteSets) -> Self {
        Self::starting_at(hay, sets, 0)
    }

    /// A searcher for positions at or after `from` only.
    pub(crate) fn starting_at(hay: &'a [u8], sets: &'a ByteSets, from: usize) -> Self {
        let find = |set| {
            hay.get(from..)
                .and_then(|rest| sets.find(set, rest))
                .map(|p| from + p)
        };
        NextByte {
            hay,
            sets,
            next: [find(0), find(1)],
        }
    }

    /// The first position at or after `k` holding one of the bytes. The
    /// positions asked for must not go back.
    #[inline]
    pub(crate) fn at_or_after(&mut self, k: usize) -> Option<usize> {
        for set in 0..2 {
            if self.next[set].is_some_and(|p| p < k) {
                self.next[set] = self
                    .hay
                    .get(k..)
                    .and_then(|rest| self.sets.find(set, rest))
                    .map(|p| k + p);
            }
        }
        match self.next {
            [Some(a), Some(b)] => Some(a.min(b)),
            [a, b] => a.or(b),
        }
    }
}

/// The bytes `split_sentences` stops at: terminators, straight quotes, and
/// the lead bytes of curly quotes, guillemets and the ellipsis character.
static STOPS: std::sync::LazyLock<ByteSets> =
    std::sync::LazyLock::new(|| ByteSets::new(*b".!?", *b"\"\xC2\xE2"));

/// Splits the paragraphs of one text into sentences, with one search for
/// the bytes that matter over the whole text (a search started afresh for
/// each paragraph cost more than the paragraph on news, whose paragraphs
/// are a line or two).
struct Splitter<'a> {
    text: &'a str,
    stops: NextByte<'a>,
    out: Vec<Sentence>,
}

impl Splitter<'_> {
    /// Split the paragraph `para`; paragraphs come in the order of the text.
    fn paragraph(&mut self, para: Range<usize>, paragraph: usize, block: Block) {
        let text = self.text;
        let pe = para.end;
        // the bytes up to the paragraph's end: nothing after it is looked at
        let b = &text.as_bytes()[..pe];
        // where the sentence starts, after the space before it: a sentence
        // ends at a mark, never at space, so only its start needs trimming
        let mut start = pe - trim_start(&text[para.start..pe]).len();
        let mut in_straight = false;
        let mut curly = 0i32;
        let mut k = para.start;
        while let Some(x) = self.stops.at_or_after(k).filter(|&x| x < pe) {
            k = x;
            let c = b[k];
            // the commonest end first: a full stop that ends the paragraph,
            // or one before a space and a capital or a digit (`fled. The`).
            // What the walk below finds of it: no run of marks, no closing
            // quote, no ellipsis, spaced, and a sentence may start after it
            if c == b'.' && plain_stop(b, k) {
                crate::work::step(1);
                if !(in_straight || curly > 0 || is_abbreviation(&b[para.start..k])) {
                    self.out.push(Sentence {
                        span: start..k + 1,
                        paragraph,
                        block,
                    });
                    start = (k + 2).min(pe);
                }
                k += 1;
                continue;
            }
            // quotation marks are counted; only `.`, `!`, `?` and `…` end
            let ellipsis_char = match c {
                b'.' | b'!' | b'?' => false,
                b'"' => {
                    in_straight = !in_straight;
                    k += 1;
                    continue;
                }
                _ => {
                    curly = count_curly(&b[k..], curly);
                    if !b[k..].starts_with("…".as_bytes()) {
                        k += 1;
                        continue;
                    }
                    true
                }
            };
            crate::work::step(1);
            // the whole run of terminal punctuation, then closing quotes
            let (mut j, dots) = terminal_run(b, k);
            let mut closed_quote = false;
            while j < pe {
                match b[j] {
                    b'"' => {
                        in_straight = !in_straight;
                        j += 1;
                    }
                    b'\'' | b')' | b']' => j += 1,
                    0xE2 if b[j..].starts_with("”".as_bytes()) => {
                        curly = (curly - 1).max(0);
                        j += 3;
                    }
                    0xE2 if b[j..].starts_with("’".as_bytes()) => j += 3,
                    0xC2 if b[j..].starts_with("»".as_bytes()) => {
                        curly = (curly - 1).max(0);
                        j += 2;
                    }
                    _ => break,
                }
                closed_quote = true;
            }
            let end = j;
            let next = trim_start(&text[end..pe]);
            let spaced = next.len() < pe - end || next.is_empty();
            let next_c = next.chars().next();
            let splits = spaced
                && next_c.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '«')
                })
                && (!(in_straight || curly > 0) || closed_quote)
                && !((ellipsis_char || dots >= 3) && next_c.is_some_and(char::is_lowercase))
                && !(c == b'.' && j == k + 1 && is_abbreviation(&b[para.start..k]));
            if splits {
                self.out.push(Sentence {
                    span: start..end,
                    paragraph,
                    block,
                });
                start = pe - next.len();
            }
            k = j.max(k + 1);
        }
        if let Some(span) = trim_span(text, start..pe) {
            self.out.push(Sentence {
                span,
                paragraph,
                block,
            });
        }
    }
}

/// The end of the run of terminal punctuation at `b[k]` (`b` up to the
/// paragraph's end), and its count of full stops (three for `…`).
fn terminal_run(b: &[u8], k: usize) -> (usize, usize) {
    let mut j = k;
    let mut dots = 0;
    while j < b.len() {
        if matches!(b[j], b'.' | b'!' | b'?') {
            dots += usize::from(b[j] == b'.');
            j += 1;
        } else if b[j..].starts_with("…".as_bytes()) {
            dots += 3;
            j += 3;
        } else {
            break;
        }
    }
    (j, dots)
}

/// Whether the full stop at `b[k]` (`b` up to the paragraph's end) ends
/// the paragraph, or stands before a space and a capital or a digit.
fn plain_stop(b: &[u8], k: usize) -> bool {
    k + 1 == b.len()
        || b[k + 1] == b' '
            && b.get(k + 2)
                .is_some_and(|n| n.is_ascii_uppercase() || n.is_ascii_digit())
}

/// The count of open curly quotes and guillemets after the mark `b`
/// starts with (a lead byte of one, or of another character).
fn count_curly(b: &[u8], curly: i32) -> i32 {
    match b.get(..3).unwrap_or(b) {
        [0xE2, 0x80, 0x9C] | [0xC2, 0xAB, ..] => curly + 1,
        [0xE2, 0x80, 0x9D] | [0xC2, 0xBB, ..] => (curly - 1).max(0),
        _ => curly,
    }
}

/// Whether the word before a full stop (the text before it, as bytes) is
/// an abbreviation or an initial.
fn is_abbreviation(before: &[u8]) -> bool {
    // the word's last eight bytes at once: most words before a stop end
    // within them (`fled`), or are too long and undotted to be one
    let Some(last8) = before.len().checked_sub(8).map(|at| &before[at..]) else {
        return abbreviation_by_bytes(before);
    };
    let (word, dots) = word_bytes(u64::from_le_bytes(last8.try_into().unwrap_or([0; 8])));
    // the word bytes the eight end with (the last byte is the highest)
    let n = (!word & HIGH).leading_zeros() as usize / 8;
    if n == 8 {
        // eight word bytes or more are an abbreviation only dotted
        // (`U.S.A.F.`), and a dotted one has a stop in any eight of them
        return dots != 0 && abbreviation_by_bytes(before);
    }
    crate::work::step(n);
    let w = &before[before.len() - n..];
    let dotted = n > 0 && dots >> (64 - 8 * n) != 0;
    abbreviation_word(w, dotted)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x80 * ONES;

/// The high bit of each byte of `x` that may be part of an abbreviation
/// (an ASCII letter, a full stop or an apostrophe), and of each full stop.
/// No carry crosses a byte: the 7-bit values plus the offsets stay below
/// 0x100.
fn word_bytes(x: u64) -> (u64, u64) {
    const LOW7: u64 = 0x7f * ONES;
    let l = (x & LOW7) | (0x20 * ONES);
    let letters =
        (l + (0x80 - u64::from(b'a')) * ONES) & !(l + (0x80 - u64::from(b'z') - 1) * ONES) & !x;
    // a byte equal to `c`: no bit of it set after the exclusive or
    let equal = |c: u8| {
        let t = x ^ (u64::from(c) * ONES);
        !(((t & LOW7) + LOW7) | t) & HIGH
    };
    let dots = equal(b'.');
    ((letters & HIGH) | dots | equal(b'\''), dots)
}

/// [`is_abbreviation`] walking back byte by byte.
fn abbreviation_by_bytes(before: &[u8]) -> bool {
    // no further back than a word it could be: a run of letters and full
    // stops ('ta.m.ta.m.') was walked whole at each of its stops
    let from = before.len().saturating_sub(11);
    let mut start = before.len();
    let mut dotted = false;
    while start > from {
        let c = before[start - 1];
        if c == b'.' {
            dotted = true;
        } else if !(c.is_ascii_alphabetic() || c == b'\'') {
            break;
        }
        start -= 1;
    }
    crate::work::step(before.len() - start);
    abbreviation_word(&before[start..], dotted)
}

/// Whether the word before a full stop (ASCII letters, stops and
/// apostrophes, `dotted` when it has a stop) is an abbreviation.
fn abbreviation_word(word: &[u8], dotted: bool) -> bool {
    if word.is_empty() || word.len() > 10 {
        return false;
    }
    // single initials: "J. Smith", and dotted acronyms: "U.S." (no two
    // bytes together between the stops)
    if word.len() == 1 && word[0].is_ascii_uppercase() {
        return true;
    }
    if dotted && !word.windows(2).any(|w| w[0] != b'.' && w[1] != b'.') {
        return true;
    }
    // most words before a stop are longer than any abbreviation
    word.len() <= LONGEST_ABBREVIATION && crate::word_set!(ABBREVIATIONS).contains_bytes(word)
}

/// The length of the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        if ABBREVIATIONS[k].len() > longest {
            longest = ABBREVIATIONS[k].len();
        }
        k += 1;
    }
    longest
};

/// The sentence containing byte `offset`, by binary search.
pub fn sentence_at(sentences: &[Sentence], offset: usize) -> Option<usize> {
    let k = sentences.partition_point(|s| s.span.start <= offset);
    k.checked_sub(1)
        .filter(|&k| offset < sentences[k].span.end.max(sentences[k].span.start + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn byte_trims_agree_with_the_char_trims(s in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}",
                "\u{2003}", "\u{3000}", "\u{200b}", "a", ".", "é", "’", "\u{0}",
            ]),
            0..12,
        )) {
            let s = s.concat();
            proptest::prop_assert_eq!(trim_start(&s), s.trim_start());
            proptest::prop_assert_eq!(trim_end(&s), s.trim_end());
        }

        /// `trim_span` by bytes finds the span the trims by characters find.
        #[test]
        fn trim_span_agrees_with_the_char_trims(s in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", "\t", "\n", "\r", "\u{1c}", "\u{85}", "\u{a0}", "\u{2003}",
                "\u{200b}", "a", ".", "é", "’",
            ]),
            0..12,
        ), cut in 0usize..12, end_cut in 0usize..12) {
            let s = s.concat();
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let a = bounds[cut % bounds.len()];
            let z = bounds[bounds.len() - 1 - end_cut % bounds.len()].max(a);
            proptest::prop_assert_eq!(trim_span(&s, a..z), trim_span_by_chars(&s, a..z));
        }
    }

    #[test]
    fn next_byte_finds_each_stop_in_order() {
        let text = "He said: “It is over.” Is it? Yes! «Non» ...";
        let b = text.as_bytes();
        let sets = ByteSets::new(*b".!?", *b"\"\xC2\xE2");
        let mut next = NextByte::new(b, &sets);
        let mut stops = Vec::new();
        let mut k = 0;
        while let Some(p) = next.at_or_after(k) {
            stops.push(p);
            k = p + 1;
        }
        let want: Vec<usize> = (0..b.len())
            .filter(|&i| matches!(b[i], b'.' | b'!' | b'?' | b'"' | 0xC2 | 0xE2))
            .collect();
        assert_eq!(stops, want);
        // past the end
        assert_eq!(NextByte::new(b, &sets).at_or_after(b.len() + 5), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// The searchers built once find what `memchr3` finds.
        #[test]
        fn byte_sets_find_as_memchr3_does(
            hay in proptest::collection::vec(proptest::sample::select(
                b".!?\"'a \xC2\xE2\x80\x9C;".to_vec()), 0..200),
            steps in proptest::collection::vec(0usize..70, 1..20),
            sets in proptest::sample::select(vec![
                (*b".!?", *b"\"\xC2\xE2"), (*b"\"'\xE2", [0xC2; 3]), (*b".;!", *b"?\"\xE2"),
            ]),
        ) {
            let (a, b) = sets;
            let searchers = ByteSets::new(a, b);
            let mut next = NextByte::new(&hay, &searchers);
            let mut k = 0;
            for step in steps {
                k += step;
                let old = [a, b]
                    .iter()
                    .filter_map(|&[x, y, z]| {
                        hay.get(k..).and_then(|r| memchr::memchr3(x, y, z, r)).map(|p| k + p)
                    })
                    .min();
                proptest::prop_assert_eq!(next.at_or_after(k), old);
            }
        }
    }

    /// The sentence splitter as it was before it searched each text once
    /// (298b087), written plainly with the standard library's trims and a
    /// byte-by-byte walk: the reference the fast splitter must match.
    mod reference {
        use super::super::{ABBREVIATIONS, BULLETS, Block, Sentence, bound};
        use std::ops::Range;

        /// `is_abbreviation` as it was, on the text before the stop.
        pub(super) fn is_abbreviation(before: &str) -> bool {
            let n = before
                .bytes()
                .rev()
                .take(11)
                .take_while(|c| c.is_ascii_alphabetic() || *c == b'.' || *c == b'\'')
                .count();
            let word = &before[before.len() - n..];
            if word.is_empty() || word.len() > 10 {
                return false;
            }
            if word.len() == 1 && word.bytes().all(|c| c.is_ascii_uppercase()) {
                return true;
            }
            if word.contains('.') && word.split('.').all(|p| p.len() <= 1) {
                return true;
            }
            crate::word_set!(ABBREVIATIONS).contains(word)
        }

        pub(super) fn sentences(text: &str, headline_end: usize) -> Vec<Sentence> {
            bound(text, split_all(text, headline_end))
        }

        fn bullet_len(line: &str) -> Option<usize> {
            let t = line.trim_start();
            let lead = line.len() - t.len();
            let c = t.chars().next()?;
            if BULLETS.contains(&c) && t[c.len_utf8()..].starts_with([' ', '\t']) {
                return Some(lead + c.len_utf8());
            }
            let d = t.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&d) && (t[d..].starts_with(". ") || t[d..].starts_with(") ")) {
                return Some(lead + d + 1);
            }
            None
        }

        fn ends_sentence(line: &str) -> bool {
            line.trim_end()
                .ends_with(['.', '!', '?', ':', '"', '”', '’', '\'', ')', ']'])
        }

        fn split_all(text: &str, headline_end: usize) -> Vec<Sentence> {
            let mut out = Vec::new();
            let mut paragraph = 0;
            if headline_end > 0 {
                out.push(Sentence {
                    span: 0..headline_end,
                    paragraph,
                    block: Block::Headline,
                });
                paragraph += 1;
            }
            let mut para: Option<(usize, usize, Block)> = None;
            let mut offset = headline_end;
            let mut prev_line: Option<&str> = None;
            for line in text[headline_end..].split_inclusive('\n') {
                let start = offset;
                offset += line.len();
                let content = line.trim_end_matches(['\n', '\r']);
                if content.trim().is_empty() {
                    if let Some((s, e, b)) = para.take() {
                        split_sentences(text, s..e, paragraph, b, &mut out);
                        paragraph += 1;
                    }
                    prev_line = None;
                    continue;
                }
                let bullet = bullet_len(content);
                let new_para = bullet.is_some()
                    || prev_line.is_some_and(|p| ends_sentence(p) || p.trim().chars().count() < 50);
                if new_para {
                    if let Some((s, e, b)) = para.take() {
                        split_sentences(text, s..e, paragraph, b, &mut out);
                        paragraph += 1;
                    }
                }
                let end = start + content.len();
                if let Some((_, e, _)) = &mut para {
                    *e = end;
                } else {
                    let (s, block) = match bullet {
                        Some(n) => (start + n, Block::ListItem),
                        None => (start, Block::Paragraph),
                    };
                    para = Some((s, end, block));
                }
                prev_line = Some(content);
            }
            if let Some((s, e, b)) = para.take() {
                split_sentences(text, s..e, paragraph, b, &mut out);
            }
            out
        }

        fn trim_span(text: &str, r: Range<usize>) -> Option<Range<usize>> {
            let s = &text[r.clone()];
            let rest = s.trim_start();
            let lead = s.len() - rest.len();
            let t = rest.trim_end();
            (!t.is_empty()).then(|| r.start + lead..r.start + lead + t.len())
        }

        fn split_sentences(
            text: &str,
            para: Range<usize>,
            paragraph: usize,
            block: Block,
            out: &mut Vec<Sentence>,
        ) {
            let s = &text[para.clone()];
            let b = s.as_bytes();
            let mut start = 0;
            let mut in_straight = false;
            let mut curly = 0i32;
            let mut k = 0;
            while k < b.len() {
                let c = b[k];
                match c {
                    b'"' => in_straight = !in_straight,
                    0xE2 if b[k..].starts_with("“".as_bytes()) => curly += 1,
                    0xE2 if b[k..].starts_with("”".as_bytes()) => curly = (curly - 1).max(0),
                    0xC2 if b[k..].starts_with("«".as_bytes()) => curly += 1,
                    0xC2 if b[k..].starts_with("»".as_bytes()) => curly = (curly - 1).max(0),
                    _ => {}
                }
                let ellipsis_char = c == 0xE2 && b[k..].starts_with("…".as_bytes());
                if !(matches!(c, b'.' | b'!' | b'?') || ellipsis_char) {
                    k += 1;
                    continue;
                }
                let mut j = k;
                let mut dots = 0;
                while j < b.len() {
                    if matches!(b[j], b'.' | b'!' | b'?') {
                        dots += usize::from(b[j] == b'.');
                        j += 1;
                    } else if b[j..].starts_with("…".as_bytes()) {
                        dots += 3;
                        j += 3;
                    } else {
                        break;
                    }
                }
                let mut closed_quote = false;
                loop {
                    if j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                        if b[j] == b'"' {
                            in_straight = !in_straight;
                        }
                        j += 1;
                    } else if b[j..].starts_with("”".as_bytes())
                        || b[j..].starts_with("’".as_bytes())
                    {
                        if b[j..].starts_with("”".as_bytes()) {
                            curly = (curly - 1).max(0);
                        }
                        j += 3;
                    } else if b[j..].starts_with("»".as_bytes()) {
                        curly = (curly - 1).max(0);
                        j += 2;
                    } else {
                        break;
                    }
                    closed_quote = true;
                }
                let end = j;
                let next = s[end..].trim_start();
                let spaced = next.len() < s.len() - end || next.is_empty();
                let next_c = next.chars().next();
                let starts_new = next_c.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '«')
                });
                let ellipsis = ellipsis_char || dots >= 3;
                let inside_quote = (in_straight || curly > 0) && !closed_quote;
                let abbrev = c == b'.' && j == k + 1 && is_abbreviation(&s[..k]);
                if spaced
                    && starts_new
                    && !inside_quote
                    && !abbrev
                    && !(ellipsis && next_c.is_some_and(char::is_lowercase))
                {
                    if let Some(span) = trim_span(text, para.start + start..para.start + end) {
                        out.push(Sentence {
                            span,
                            paragraph,
                            block,
                        });
                    }
                    start = end;
                }
                k = j.max(k + 1);
            }
            if let Some(span) = trim_span(text, para.start + start..para.end) {
                out.push(Sentence {
                    span,
                    paragraph,
                    block,
                });
            }
        }
    }

    /// The pieces of text that sentence splitting and quotation finding
    /// turn on: terminators, quotation marks of every style, brackets,
    /// line breaks, spaces of several kinds, capitals, digits, bullets,
    /// abbreviations, initials and words long enough to make a line long.
    const PIECES: &[&str] = &[
        ".",
        ".",
        "!",
        "?",
        "...",
        "…",
        "\"",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "(",
        ")",
        "]",
        "\n",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\u{a0}",
        "\u{2003}",
        "\u{85}",
        "A",
        "The",
        "Mr",
        "U.S",
        "Feb",
        "J",
        "e.g",
        "said",
        "it",
        "é",
        "É",
        "1",
        "2.5",
        "• ",
        "- ",
        "* ",
        "1. ",
        "12) ",
        ":",
        ",",
        "KEY POINTS",
        "a line of lower-case words that runs on for more than fifty characters",
    ];

    fn piece_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The splitter that searches the text once finds the sentences the
        /// plain walk finds, with any headline.
        #[test]
        fn one_search_splits_as_the_plain_walk_does(text in piece_text(), cut in 0usize..200) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let headline_end = if cut % 3 == 0 { 0 } else { bounds[cut % bounds.len()] };
            proptest::prop_assert_eq!(
                sentences(&text, headline_end),
                reference::sentences(&text, headline_end)
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The abbreviation test on bytes answers as the one on text did.
        #[test]
        fn abbreviations_read_as_bytes_as_they_were_as_text(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "a", "J", "Mr", "mr", "U", "S", ".", "'", " ", "é", "Feb", "gov't", "e.g",
                "ta", "m", "1", "Sept", "co", "Z", "z", "@", "[", "`", "{", "\u{1}", "\u{7f}",
                "\u{ae}", "\u{a7}", "\u{1000}", "yesterday", "approx",
            ]), 0..12),
        ) {
            let before = words.concat();
            proptest::prop_assert_eq!(
                is_abbreviation(before.as_bytes()),
                reference::is_abbreviation(&before)
            );
            proptest::prop_assert_eq!(
                abbreviation_by_bytes(before.as_bytes()),
                reference::is_abbreviation(&before)
            );
        }
    }

    /// The splitter finds the sentences of the plain walk in real news;
    /// skipped when `../shared/realnews` is missing.
    #[test]
    fn one_search_splits_real_news_as_the_plain_walk_does() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        let mut found = 0;
        for story in &stories {
            let got = sentences(&story.text, story.headline_end());
            assert_eq!(
                got,
                reference::sentences(&story.text, story.headline_end()),
                "{}",
                story.id
            );
            found += got.len();
        }
        assert!(found > stories.len());
    }

    /// Every text of up to four pieces from the ones that matter most.
    #[test]
    fn one_search_splits_every_short_text_as_the_plain_walk_does() {
        let pieces = [
            ".", "!", "...", "…", "\"", "“", "”", "’", "'", "«", "»", ")", "\n", "\n\n", " ",
            "\u{2003}", "A", "a", "Mr", "1", "• ",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for t in &texts {
                for headline_end in [0, t.len().min(1)] {
                    if t.is_char_boundary(headline_end) {
                        assert_eq!(
                            sentences(t, headline_end),
                            reference::sentences(t, headline_end),
                            "{t:?} {headline_end}"
                        );
                    }
                }
            }
        }
    }

    fn texts(text: &str) -> Vec<&str> {
        sentences(text, 0)
            .into_iter()
            .map(|s| &text[s.span])
            .collect()
    }

    #[test]
    fn abbreviations_decimals_and_quotes_do_not_split() {
        let t = "Russia invaded on Feb. 24 and Mr. Smith of the U.S. Army said 1.5 million fled. \"No, you do not... You kill them!\" she said. Then it ended.";
        assert_eq!(
            texts(t),
            vec![
                "Russia invaded on Feb. 24 and Mr. Smith of the U.S. Army said 1.5 million fled.",
                "\"No, you do not... You kill them!\" she said.",
                "Then it ended.",
            ]
        );
    }

    #[test]
    fn bullets_headings_and_lines() {
        let t = "KEY POINTS\n\n  • First point here\n  • Around 2,000 dead\n\nBody one.\nBody two is a long wrapped line that runs past fifty characters\nhere.\n";
        let s = sentences(t, 0);
        let got: Vec<_> = s.iter().map(|x| (&t[x.span.clone()], x.block)).collect();
        assert_eq!(
            got,
            vec![
                ("KEY POINTS", Block::Paragraph),
                ("First point here", Block::ListItem),
                ("Around 2,000 dead", Block::ListItem),
                ("Body one.", Block::Paragraph),
                (
                    "Body two is a long wrapped line that runs past fifty characters\nhere.",
                    Block::Paragraph
                ),
            ]
        );
        assert_ne!(s[1].paragraph, s[2].paragraph);
    }

    #[test]
    fn runaway_lines_are_cut_at_spaces() {
        let t = "word ".repeat(2000);
        let s = sentences(&t, 0);
        assert!(s.len() >= 5, "{}", s.len());
        assert!(s.iter().all(|x| x.span.len() <= MAX_SENTENCE));
        assert!(s.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        let t = "é".repeat(3000);
        assert!(
            sentences(&t, 0)
                .iter()
                .all(|x| t.get(x.span.clone()).is_some())
        );
    }

    /// Found by fuzzing (issue 16): a run of letters and full stops was
    /// walked back whole at each stop.
    #[test]
    fn a_long_dotted_word_is_no_abbreviation() {
        assert!(is_abbreviation(b"the U.S"));
        assert!(is_abbreviation(b"Ms"));
        assert!(!is_abbreviation(b"ta.m.ta.m.t"));
        assert!(!is_abbreviation("ta.m.".repeat(1000).as_bytes()));
        let text = "ta.m.".repeat(4000);
        let (s, steps) = crate::work::counted(|| sentences(&text, 0));
        assert!(!s.is_empty());
        // walked whole, it was some 40 million
        assert!(steps < 10 * text.len() as u64, "{steps}");
    }

    #[test]
    fn finds_the_sentence_of_an_offset() {
        let t = "One. Two. Three.";
        let s = sentences(t, 0);
        assert_eq!(sentence_at(&s, t.find("Two").unwrap()), Some(1));
        assert_eq!(sentence_at(&s, 0), Some(0));
    }
}
