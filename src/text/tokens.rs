//! Tokens: a sentence as words and punctuation, each with a lower-cased
//! view for comparing with word lists. The frame's slot readers and the
//! attribution reader (shared by figures and quotes) read these.

use super::words::WordClasses;
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
    /// The word lists that hold the token, as [`class`] bits: one lookup
    /// when tokenising, read by every reader after.
    pub(crate) class: u32,
}

impl Tok<'_> {
    /// Whether the token is a word of one of the lists `bits` name.
    #[inline]
    pub(crate) fn is(&self, bits: u32) -> bool {
        self.word && self.class & bits != 0
    }
}

/// The word lists a token's [`Tok::class`] tells, one bit each. The
/// table that sets them is built by the claim frame, which owns most of the
/// lists (`crate::extract::frame::classes`); a bit is set exactly when the
/// list's set contains the token's text.
pub(crate) mod class {
    pub(crate) const PLACE_PREPOSITION: u32 = 1 << 0;
    /// `where`.
    pub(crate) const WHERE: u32 = 1 << 1;
    pub(crate) const PLACE_WORD: u32 = 1 << 2;
    pub(crate) const NOT_PLACE: u32 = 1 << 3;
    pub(crate) const PLACE_NOUN: u32 = 1 << 4;
    /// Words that end a name before `where` (`including`, `near`, ...).
    pub(crate) const BEFORE_PLACE: u32 = 1 << 5;
    pub(crate) const STOP: u32 = 1 << 6;
    pub(crate) const VERBISH: u32 = 1 << 7;
    /// The first word of an event phrase.
    pub(crate) const EVENT_FIRST: u32 = 1 << 8;
    /// A word that ends a clause (`while`, `but`, `which`, ...).
    pub(crate) const CLAUSE_WORD: u32 = 1 << 9;
    /// A word some binding pattern may need (the lexicon's needs).
    pub(crate) const NEEDS: u32 = 1 << 10;
    /// The first word of an incident kind or a time span.
    pub(crate) const INCIDENT_FIRST: u32 = 1 << 11;
    /// The first word of a background, perpetrator or revision phrase.
    pub(crate) const MARK_FIRST: u32 = 1 << 12;
    /// The first word of a phrase of what happened to one person.
    pub(crate) const PERSON_FIRST: u32 = 1 << 13;
    /// `shot`, `shooting`, `shoots`.
    pub(crate) const SHOT: u32 = 1 << 14;
    pub(crate) const DEADLY: u32 = 1 << 15;
    /// A noun of one person (the one-person reader's).
    pub(crate) const PERSON: u32 = 1 << 16;
    pub(crate) const PERSON_DETERMINER: u32 = 1 << 17;
    /// An auxiliary of the binding lexicon.
    pub(crate) const AUX: u32 = 1 << 18;
    /// A verb that attributes words or figures.
    pub(crate) const ATTRIBUTING: u32 = 1 << 19;
    /// `according`.
    pub(crate) const ACCORDING: u32 = 1 << 20;
    /// An auxiliary before what happened to one person (`was`, `later`).
    pub(crate) const PERSON_AUX: u32 = 1 << 21;
    /// `including`.
    pub(crate) const INCLUDING: u32 = 1 << 22;
    /// The first word of a quantifier whose number may be missing (`at`,
    /// `as`, `more`, ...).
    pub(crate) const DANGLE_FIRST: u32 = 1 << 23;
}

/// The tokens of `text[range]`, appended to `out`; `lowered` is `text`
/// with ASCII letters lower-cased (the same length, so the same offsets);
/// `classes` gives each token its [`Tok::class`]. Returns the union of the
/// classes of the tokens: a reader whose words are not among them has
/// nothing to read in the sentence.
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
    classes: &WordClasses,
) -> u32 {
    // no class meets no mask: nothing is marked (and nothing allocated)
    tokens_marking(out, text, range, lowered, classes, 0, &mut Vec::new())
}

/// [`tokens`], and the positions in `out` of the words of a class of
/// `mask` (those whose [`Tok::is`] of `mask` holds), in order, appended to
/// `marks`: where the readers that start at those words may start, found
/// as the tokens are, not by a second walk over them.
pub(crate) fn tokens_marking<'a>(
    out: &mut Vec<Tok<'a>>,
    text: &'a str,
    range: Range<usize>,
    lowered: &'a str,
    classes: &WordClasses,
    mask: u32,
    marks: &mut Vec<usize>,
) -> u32 {
    // the bytes up to the end of the range: one past them is no byte
    let b = &text.as_bytes()[..range.end];
    let mut all = 0;
    let mut i = range.start;
    while let Some(&c) = b.get(i) {
        // the commonest byte, which is no token, first
        if c == b' ' {
            i += 1;
            continue;
        }
        // ASCII byte by byte without a `char`: most of a sentence
        let (end, word, class) = if c.is_ascii_alphanumeric() {
            let digit_first = c.is_ascii_digit();
            // most words are shorter than eight bytes: one load gives the
            // word, the byte after it and the word packed for its classes
            let short = text.as_bytes().get(i..i + 8).and_then(|eight| {
                let x = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
                let n = alnum_count(x).min(b.len() - i);
                let ends =
                    n < 8 && (i + n == b.len() || !may_join((x >> (8 * n)) as u8, digit_first));
                ends.then(|| (n, x & (u64::MAX >> (64 - 8 * n))))
            });
            match short {
                Some((n, word)) => (i + n, true, classes.of_short(word, n)),
                None => {
                    // the letters and digits of a word eight at a time; what
                    // may join more to it is rare
                    let mut end = i + 1 + alnum_run(&b[i + 1..]);
                    let mut ascii = true;
                    if b.get(end).is_some_and(|&d| may_join(d, digit_first)) {
                        (end, ascii) = word_end(text, b, end, digit_first);
                    }
                    // a word with other than ASCII is in no list
                    let class = if ascii {
                        classes.of_ascii(&b[i..end])
                    } else {
                        0
                    };
                    (end, true, class)
                }
            }
        } else if c.is_ascii() {
            if matches!(c, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                i += 1;
                continue;
            }
            (i + 1, false, classes.of_byte(c))
        } else {
            // no list holds a word or a sign with other than ASCII
            let ch = char_at(text, b.len(), i);
            let next = i + ch.len_utf8();
            if ch.is_alphanumeric() {
                (
                    word_end(text, b, next + alnum_run(&b[next..]), false).0,
                    true,
                    0,
                )
            } else if ch.is_whitespace() {
                i = next;
                continue;
            } else {
                (next, false, 0)
            }
        };
        all |= class;
        if word && class & mask != 0 {
            marks.push(out.len());
        }
        out.push(Tok {
            start: i,
            end,
            text: &text[i..end],
            low: &lowered[i..end],
            word,
            class,
        });
        i = end;
    }
    all
}

/// The character at byte `i` of `text`, which is below `end`.
fn char_at(text: &str, end: usize, i: usize) -> char {
    text[i..end].chars().next().unwrap_or('\0')
}

/// Whether a letter or a digit starts at byte `i` of `b` (`text` up to the
/// end of the range).
fn alnum_at(text: &str, b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => char_at(text, b.len(), i).is_alphanumeric(),
        None => false,
    }
}

/// The end of a word that goes on at `end` (after an ASCII letter or
/// digit, or a character of another script), and whether it is all ASCII
/// there; `b` is `text` up to the end of the range. See [`tokens`] for what
/// joins a word.
fn word_end(text: &str, b: &[u8], mut end: usize, digit_first: bool) -> (usize, bool) {
    let mut ascii = true;
    while let Some(&d) = b.get(end) {
        if d.is_ascii() {
            let joins = match d {
                b'\'' | b'-' | b'&' => alnum_at(text, b, end + 1),
                b'.' | b',' => digit_first && b.get(end + 1).is_some_and(u8::is_ascii_digit),
                _ => false,
            };
            if !joins {
                break;
            }
            end += 1;
        } else {
            let ch = char_at(text, b.len(), end);
            let n = ch.len_utf8();
            if ch.is_alphanumeric() || ch == '’' && alnum_at(text, b, end + n) {
                end += n;
                ascii = false;
            } else {
                break;
            }
        }
        end += alnum_run(&b[end..]);
    }
    (end, ascii)
}

/// Whether byte `d`, after a word, may join more to it (see [`tokens`]):
/// what [`word_end`] decides.
#[inline]
fn may_join(d: u8, digit_first: bool) -> bool {
    !d.is_ascii() || matches!(d, b'\'' | b'-' | b'&') || digit_first && matches!(d, b'.' | b',')
}

/// How many ASCII letters and digits the eight bytes of `x` (little-endian)
/// start with: each byte's high bit says whether it is one (no carry
/// crosses a byte: the 7-bit values plus the offsets stay below 0x100).
#[inline]
fn alnum_count(x: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    let seven = x & (0x7f * ONES);
    let l = seven | (0x20 * ONES);
    let letters =
        (l + (0x80 - u64::from(b'a')) * ONES) & !(l + (0x80 - u64::from(b'z') - 1) * ONES);
    let digits =
        (seven + (0x80 - u64::from(b'0')) * ONES) & !(seven + (0x80 - u64::from(b'9') - 1) * ONES);
    let alnum = (letters | digits) & !x & HIGH;
    (!alnum & HIGH).trailing_zeros() as usize / 8
}

/// How many ASCII letters and digits `b` starts with, eight bytes at a
/// time.
#[inline]
fn alnum_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let first_other = alnum_count(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        n += first_other;
        if first_other < 8 {
            return n;
        }
    }
    n + b[n..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count()
}

/// Whether a word starts with a capital letter.
pub(crate) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokeniser as it was before the byte kinds, the classes from the
    /// original bytes and the one-byte table: the new one must agree with
    /// it on every text.
    fn reference<'a>(
        out: &mut Vec<Tok<'a>>,
        text: &'a str,
        range: Range<usize>,
        lowered: &'a str,
        classes: &WordClasses,
    ) -> u32 {
        let b = text.as_bytes();
        let mut all = 0;
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
            // the commonest byte that is no token first
            if c == b' ' {
                i += 1;
                continue;
            }
            // ASCII byte by byte without a `char`: most of a sentence
            let (word, len) = if c.is_ascii() {
                (c.is_ascii_alphanumeric(), 1)
            } else {
                let ch = char_at(i);
                (ch.is_alphanumeric(), ch.len_utf8())
            };
            if word {
                let digit_first = c.is_ascii_digit();
                let mut end = i + len;
                while end < end_of {
                    // the letters and digits of a word eight at a time
                    end += alnum_run(&b[end..end_of]);
                    if end >= end_of {
                        break;
                    }
                    let d = b[end];
                    if d.is_ascii() {
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
                let low = &lowered[i..end];
                let class = classes.of_lower(low.as_bytes());
                all |= class;
                out.push(Tok {
                    start: i,
                    end,
                    text: &text[i..end],
                    low,
                    word: true,
                    class,
                });
                i = end;
            } else {
                // `char::is_whitespace` on ASCII (with the vertical tab, which
                // `u8::is_ascii_whitespace` leaves out)
                let space = if c.is_ascii() {
                    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
                } else {
                    char_at(i).is_whitespace()
                };
                if !space {
                    let low = &lowered[i..i + len];
                    let class = classes.of_lower(low.as_bytes());
                    all |= class;
                    out.push(Tok {
                        start: i,
                        end: i + len,
                        text: &text[i..i + len],
                        low,
                        word: false,
                        class,
                    });
                }
                i += len;
            }
        }
        all
    }

    /// Pieces that exercise every branch: joins, digits with separators,
    /// other scripts, white space of both kinds, words of the lists in any
    /// case, long words.
    const PIECES: [&str; 40] = [
        " ",
        "  ",
        "\t",
        "\n",
        "\u{b}",
        "\u{c}",
        "\r",
        "\u{a0}",
        "\u{2003}",
        "a",
        "I",
        "Z",
        "said",
        "The",
        "ACCORDING",
        "killed",
        "Shot",
        "including",
        "where",
        "2",
        "104",
        "1.5",
        ",",
        ".",
        "'",
        "’",
        "-",
        "&",
        "%",
        "\"",
        "“",
        "”",
        "—",
        "é",
        "Ü",
        "ß",
        "日本",
        "١٢",
        "abcdefghijklmnopq",
        "organisations",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn tokens_agree_with_the_reference(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..30),
            cut in (0usize..40, 0usize..40),
            (any, bit) in (proptest::num::u32::ANY, 0u32..24),
        ) {
            let text: String = pieces.iter().map(|&p| PIECES[p]).collect();
            let lowered = text.to_ascii_lowercase();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let a = bounds[cut.0 % bounds.len()];
            let z = bounds[cut.1 % bounds.len()];
            let range = a.min(z)..a.max(z);
            let classes = crate::extract::frame::classes();
            let (mut new, mut old) = (Vec::new(), Vec::new());
            let all_new = tokens(&mut new, &text, range.clone(), &lowered, classes);
            let all_old = reference(&mut old, &text, range, &lowered, classes);
            let view = |t: &Tok<'_>| (t.start, t.end, t.text.to_string(), t.low.to_string(), t.word, t.class);
            proptest::prop_assert_eq!(
                new.iter().map(view).collect::<Vec<_>>(),
                old.iter().map(view).collect::<Vec<_>>()
            );
            proptest::prop_assert_eq!(all_new, all_old);
            // the marking tokeniser: the same tokens, and the words of the
            // mask's classes marked (a mask of one class, and any mask)
            for mask in [1 << bit, any] {
                let (mut marked, mut marks) = (Vec::new(), Vec::new());
                let all_marked = tokens_marking(&mut marked, &text, a.min(z)..a.max(z), &lowered, classes, mask, &mut marks);
                proptest::prop_assert_eq!(
                    marked.iter().map(view).collect::<Vec<_>>(),
                    old.iter().map(view).collect::<Vec<_>>()
                );
                proptest::prop_assert_eq!(all_marked, all_old);
                proptest::prop_assert_eq!(marks, marks_of(&old, mask));
            }
        }
    }

    /// The positions of the words of `toks` in a class of `mask`.
    fn marks_of(toks: &[Tok<'_>], mask: u32) -> Vec<usize> {
        (0..toks.len()).filter(|&k| toks[k].is(mask)).collect()
    }

    proptest::proptest! {
        #[test]
        fn alnum_runs_count_ascii_letters_and_digits(b in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::num::u8::ANY,
                proptest::sample::select(b"azAZ09@[`{/: \xc3\xa9".to_vec()),
                proptest::sample::select(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".to_vec()),
            ],
            0..40,
        )) {
            let plain = b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
            proptest::prop_assert_eq!(alnum_run(&b), plain);
        }
    }

    /// The same on real news, each story whole and from a few offsets;
    /// skipped when `../shared/realnews` is missing.
    #[test]
    fn tokens_agree_with_the_reference_on_real_news() {
        let Some(stories) = crate::story::realnews_stories() else {
            return;
        };
        let classes = crate::extract::frame::classes();
        let (mut toks, mut marked_words) = (0, 0);
        for s in &stories {
            let t = s.text.as_str();
            let lowered = t.to_ascii_lowercase();
            // the story less `k` bytes at each end, on character boundaries
            for k in [0, 1, 3, 8, 29, 63]
                .into_iter()
                .filter(|&k| t.is_char_boundary(k))
            {
                let Some(end) = (k..=t.len().saturating_sub(k))
                    .rev()
                    .find(|&e| t.is_char_boundary(e))
                else {
                    continue;
                };
                let (mut new, mut old) = (Vec::new(), Vec::new());
                let all_new = tokens(&mut new, t, k..end, &lowered, classes);
                let all_old = reference(&mut old, t, k..end, &lowered, classes);
                let view = |t: &Tok<'_>| {
                    (
                        t.start,
                        t.end,
                        t.text.len(),
                        t.low.to_string(),
                        t.word,
                        t.class,
                    )
                };
                assert!(
                    new.iter().map(view).eq(old.iter().map(view)) && all_new == all_old,
                    "{} from {k}",
                    s.id
                );
                // the marking tokeniser, with the classes of one bit each
                // and of all bits
                for mask in [1 << (k % 24), u32::MAX] {
                    let (mut marked, mut marks) = (Vec::new(), Vec::new());
                    let all_marked =
                        tokens_marking(&mut marked, t, k..end, &lowered, classes, mask, &mut marks);
                    assert!(
                        marked.iter().map(view).eq(old.iter().map(view)) && all_marked == all_old,
                        "{} from {k}",
                        s.id
                    );
                    assert_eq!(marks, marks_of(&old, mask), "{} from {k}", s.id);
                    marked_words += marks.len();
                }
                toks += new.len();
            }
        }
        assert!(toks > 0, "no tokens in {} stories", stories.len());
        assert!(marked_words > 0, "no marked words");
    }
}
