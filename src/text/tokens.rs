//! Tokens: a sentence as words and punctuation, each with a lower-cased
//! view for comparing with word lists. The frame's slot readers and the
//! attribution reader (shared by figures and quotes) read these.

use std::ops::Range;

/// A word or punctuation token of a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: &'a str,
    /// `text` with ASCII letters lower-cased (from one lower-cased copy of
    /// the sentence), for comparing with word lists.
    pub(crate) low: &'a str,
    pub(crate) word: bool,
}

/// The tokens of `text[range]`, appended to `out`; `lowered` is `text`
/// with ASCII letters lower-cased (the same length, so the same offsets).
///
/// A word is a run of letters and digits, joined across `'`, `’`, `-` and
/// `&` when a letter or digit follows, and across `.` and `,` between
/// digits when the word starts with a digit (`2,104`, `1.5`). Any other
/// character but white space is a token of its own. ASCII is classified
/// byte by byte; other characters by their Unicode properties.
pub(crate) fn tokens<'a>(
    out: &mut Vec<Tok<'a>>,
    text: &'a str,
    range: Range<usize>,
    lowered: &'a str,
) {
    let b = text.as_bytes();
    let end_of = range.end;
    let char_at = |i: usize| text[i..end_of].chars().next().unwrap_or('\0');
    let alnum_at = |i: usize| {
        i < end_of
            && match b[i] {
                c if c.is_ascii() => c.is_ascii_alphanumeric(),
                _ => char_at(i).is_alphanumeric(),
            }
    };
    let mut i = range.start;
    while i < end_of {
        let c = b[i];
        let (first, len) = if c.is_ascii() {
            (c as char, 1)
        } else {
            let ch = char_at(i);
            (ch, ch.len_utf8())
        };
        if first.is_alphanumeric() {
            let digit_first = first.is_ascii_digit();
            let mut end = i + len;
            while end < end_of {
                let d = b[end];
                if d.is_ascii_alphanumeric() {
                    end += 1;
                } else if d.is_ascii() {
                    let joins = matches!(d, b'\'' | b'-' | b'&') && alnum_at(end + 1)
                        || matches!(d, b'.' | b',')
                            && digit_first
                            && b.get(end + 1).is_some_and(u8::is_ascii_digit)
                            && end + 1 < end_of;
                    if !joins {
                        break;
                    }
                    end += 1;
                } else {
                    let ch = char_at(end);
                    let n = ch.len_utf8();
                    if ch.is_alphanumeric() || ch == '’' && alnum_at(end + n) {
                        end += n;
                    } else {
                        break;
                    }
                }
            }
            out.push(Tok {
                start: i,
                end,
                text: &text[i..end],
                low: &lowered[i..end],
                word: true,
            });
            i = end;
        } else {
            if !first.is_whitespace() {
                out.push(Tok {
                    start: i,
                    end: i + len,
                    text: &text[i..i + len],
                    low: &lowered[i..i + len],
                    word: false,
                });
            }
            i += len;
        }
    }
}

/// Whether a word starts with a capital letter.
pub(crate) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}
