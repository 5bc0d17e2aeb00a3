//! From byte offsets in a story's text to lines and columns of its file.
//!
//! A story's text is assembled from pieces (a headline from metadata, the
//! body), each anchored at a line and column of the file as given. Inside a
//! verbatim piece (a Markdown or text body) newlines advance the line; inside
//! an escaped piece (a JSON string) they do not, since the file holds `\n`.
//!
//! Lines are found by binary search in an index of the text's newlines,
//! and columns by counting code points from the nearest of checkpoints
//! every [`BLOCK`] bytes, not from the start of the line: a story on one
//! long line (a common export) with many figures was quadratic when each
//! column was counted from the line's start.

/// A 1-based line and a 1-based column in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a piece of a story's text starts in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub(crate) line: usize,
    pub(crate) column: usize,
    kind: Kind,
}

/// How a piece's text stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The file's own bytes: newlines advance the line.
    Verbatim,
    /// Decoded from an escaped string: the piece stays on its line.
    Escaped,
    /// Escaped, and its column counted from byte `.0` of the text rather
    /// than from the piece's start: the pieces of a JSON string (one after
    /// each escape) are anchored without counting the code points of each
    /// run between escapes, which only a printed position needs.
    EscapedFrom(u32),
}

impl Anchor {
    pub(crate) fn verbatim(line: usize, column: usize) -> Self {
        Anchor {
            line,
            column,
            kind: Kind::Verbatim,
        }
    }

    pub(crate) fn escaped(line: usize, column: usize) -> Self {
        Anchor {
            line,
            column,
            kind: Kind::Escaped,
        }
    }

    /// An escaped piece whose position is `column` plus the code points of
    /// the text from byte `from` (at or before the piece's start); `None`
    /// when `from` is past what an anchor holds (no story is that long).
    pub(crate) fn escaped_from(line: usize, column: usize, from: usize) -> Option<Self> {
        Some(Anchor {
            line,
            column,
            kind: Kind::EscapedFrom(u32::try_from(from).ok()?),
        })
    }
}

/// Bytes between two checkpoints of the code point count.
const BLOCK: usize = 1024;

/// The pieces of a story's text and an index over it: its newlines, and
/// the code points before every [`BLOCK`]th byte. The index is made the
/// first time it is wanted: most stories of a checked batch never have a
/// position asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextMap {
    pieces: Vec<(usize, Anchor)>,
    /// The length of the text to index, once [`TextMap::index`] is called.
    indexed: Option<usize>,
    index: std::sync::OnceLock<Index>,
}

/// The index of a text: see [`TextMap`].
#[derive(Debug, Clone)]
struct Index {
    newlines: Vec<usize>,
    /// `chars_before[k]`: code points in the text's first `k * BLOCK` bytes.
    chars_before: Vec<usize>,
}

impl Index {
    fn of(text: &str) -> Index {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        let mut chars_before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut n = 0;
        chars_before.push(0);
        for block in text.as_bytes().chunks_exact(BLOCK) {
            n += starts(block);
            chars_before.push(n);
        }
        Index {
            newlines,
            chars_before,
        }
    }
}

/// Code points in `b` (UTF-8 cut anywhere): the bytes that start one.
fn starts(b: &[u8]) -> usize {
    crate::work::step(b.len());
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

impl TextMap {
    pub(crate) const fn new() -> Self {
        TextMap {
            pieces: Vec::new(),
            indexed: None,
            index: std::sync::OnceLock::new(),
        }
    }

    /// No pieces and no text indexed: positions are all at line 1, column
    /// 1, as in the empty text.
    pub(crate) fn is_empty(&self) -> bool {
        self.pieces.is_empty() && self.indexed.is_none_or(|n| n == 0)
    }

    pub(crate) fn push(&mut self, start: usize, anchor: Anchor) {
        self.pieces.push((start, anchor));
    }

    /// Append the pieces of `other`, the map of a text appended at byte
    /// `at` of this map's text; `None` when an anchor cannot hold where its
    /// piece is counted from.
    pub(crate) fn append(&mut self, other: &TextMap, at: usize) -> Option<()> {
        for &(start, anchor) in &other.pieces {
            let kind = match anchor.kind {
                Kind::EscapedFrom(from) => {
                    Kind::EscapedFrom(u32::try_from(from as usize + at).ok()?)
                }
                kind => kind,
            };
            self.pieces.push((start + at, Anchor { kind, ..anchor }));
        }
        Some(())
    }

    /// Index `text` (when it is first wanted).
    pub(crate) fn index(&mut self, text: &str) {
        self.indexed = Some(text.len());
        self.index = std::sync::OnceLock::new();
    }

    /// The index of `text`, if the map indexes it (a map built by hand may
    /// have none).
    fn index_of(&self, text: &str) -> Option<&Index> {
        (self.indexed == Some(text.len())).then(|| self.index.get_or_init(|| Index::of(text)))
    }

    /// Code points in `text[a..b]`; 0 when that is no slice of it.
    pub(crate) fn chars(&self, text: &str, a: usize, b: usize) -> usize {
        let Some(s) = text.get(a..b) else {
            return 0;
        };
        let index = match self.index_of(text) {
            Some(index) if b - a > 2 * BLOCK => index,
            _ => {
                crate::work::step(s.len());
                return s.chars().count();
            }
        };
        let before = |x: usize| {
            let k = x / BLOCK;
            index.chars_before[k] + starts(&text.as_bytes()[k * BLOCK..x])
        };
        before(b) - before(a)
    }

    /// Where the line holding byte `at` of `text` starts and ends (the end
    /// is its newline, or the end of the text).
    pub(crate) fn line(&self, text: &str, at: usize) -> (usize, usize) {
        let Some(index) = self.index_of(text) else {
            crate::work::step(text.len());
            let from = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let to = text[at..].find('\n').map_or(text.len(), |n| at + n);
            return (from, to);
        };
        let newlines = &index.newlines;
        let k = newlines.partition_point(|&n| n < at);
        let from = k.checked_sub(1).map_or(0, |k| newlines[k] + 1);
        let to = newlines.get(k).copied().unwrap_or(text.len());
        (from, to)
    }

    /// The position of byte `offset` of `text`.
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let k = self.pieces.partition_point(|(s, _)| *s <= offset);
        let Some(&(start, anchor)) = k.checked_sub(1).and_then(|k| self.pieces.get(k)) else {
            return Position { line: 1, column: 1 };
        };
        let chars = |a: usize, b: usize| self.chars(text, a, b);
        match anchor.kind {
            Kind::Verbatim => {}
            Kind::Escaped => {
                return Position {
                    line: anchor.line,
                    column: anchor.column + chars(start, offset),
                };
            }
            Kind::EscapedFrom(from) => {
                return Position {
                    line: anchor.line,
                    column: anchor.column + chars(from as usize, offset),
                };
            }
        }
        // newlines in [start, offset)
        let newlines = self.index_of(text).map_or(&[][..], |i| &i.newlines);
        let first = newlines.partition_point(|&n| n < start);
        let upto = newlines.partition_point(|&n| n < offset);
        let crossed = upto - first;
        if crossed == 0 {
            Position {
                line: anchor.line,
                column: anchor.column + chars(start, offset),
            }
        } else {
            let last_nl = newlines[upto - 1];
            Position {
                line: anchor.line + crossed,
                column: 1 + chars(last_nl + 1, offset),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_code_point_columns() {
        let text = "Héadline\n\nbody ü 35\nnext 7";
        let mut m = TextMap::default();
        m.push(0, Anchor::verbatim(4, 8));
        m.push(text.find("body").unwrap(), Anchor::verbatim(8, 1));
        m.index(text);
        assert_eq!(m.position(text, 0), Position { line: 4, column: 8 });
        let at = text.find("35").unwrap();
        assert_eq!(m.position(text, at), Position { line: 8, column: 8 });
        let at = text.find('7').unwrap();
        assert_eq!(m.position(text, at), Position { line: 9, column: 6 });
    }

    /// Columns and lines from the index agree with counting from the start
    /// of the line, on long lines of characters of every width.
    #[test]
    fn the_index_counts_as_the_text_does() {
        let unit = "ab é 35 € 😀 x\t";
        let text = format!("{}\n{}\nend", unit.repeat(700), unit.repeat(300));
        let mut m = TextMap::default();
        m.push(0, Anchor::verbatim(1, 1));
        m.index(&text);
        let mut checked = 0;
        for (at, _) in text.char_indices().step_by(97) {
            let from = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let column = 1 + text[from..at].chars().count();
            let line = 1 + text[..at].matches('\n').count();
            assert_eq!(m.position(&text, at), Position { line, column }, "{at}");
            let to = text[at..].find('\n').map_or(text.len(), |n| at + n);
            assert_eq!(m.line(&text, at), (from, to), "{at}");
            checked += 1;
        }
        assert!(checked > 100);
        // not a slice of the text: no code points, as before
        let e = text.find('é').unwrap();
        assert_eq!(m.chars(&text, e + 1, text.len()), 0);
        // a map without an index counts from the text itself
        let bare = TextMap::default();
        let at = text.rfind("35").unwrap();
        assert_eq!(bare.chars(&text, 0, at), m.chars(&text, 0, at));
        assert_eq!(bare.line(&text, at), m.line(&text, at));
    }

    /// The index is made when a position is first asked for, and made
    /// again for a text indexed anew.
    #[test]
    fn the_index_waits_for_a_position() {
        let text = "one\ntwo 12\nthree";
        let mut m = TextMap::default();
        m.push(0, Anchor::verbatim(1, 1));
        m.index(text);
        assert!(m.index.get().is_none());
        let at = text.find("12").unwrap();
        assert_eq!(m.position(text, at), Position { line: 2, column: 5 });
        assert!(m.index.get().is_some());
        let longer = "one\n\ntwo\n12";
        m.index(longer);
        assert!(m.index.get().is_none());
        let at = longer.find("12").unwrap();
        assert_eq!(m.position(longer, at), Position { line: 4, column: 1 });
        assert_eq!(m.line(longer, at), (at, longer.len()));
    }

    #[test]
    fn escaped_pieces_stay_on_their_line() {
        let text = "a\nb 12";
        let mut m = TextMap::default();
        m.push(0, Anchor::escaped(3, 20));
        m.index(text);
        assert_eq!(
            m.position(text, 4),
            Position {
                line: 3,
                column: 24
            }
        );
    }
}
