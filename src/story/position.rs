//! From byte offsets in a story's text to lines and columns of its file.
//!
//! A story's text is assembled from pieces (a headline from metadata, the
//! body), each anchored at a line and column of the file as given. Inside a
//! verbatim piece (a Markdown or text body) newlines advance the line; inside
//! an escaped piece (a JSON string) they do not, since the file holds `\n`.

/// A 1-based line and a 1-based column in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a piece of a story's text starts in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub line: usize,
    pub column: usize,
    /// The piece is the file's own bytes (not decoded from an escaped string).
    pub verbatim: bool,
}

impl Anchor {
    pub fn verbatim(line: usize, column: usize) -> Self {
        Anchor {
            line,
            column,
            verbatim: true,
        }
    }

    pub fn escaped(line: usize, column: usize) -> Self {
        Anchor {
            line,
            column,
            verbatim: false,
        }
    }
}

/// The pieces of a story's text and a newline index over it.
#[derive(Debug, Clone, Default)]
pub struct TextMap {
    pieces: Vec<(usize, Anchor)>,
    newlines: Vec<usize>,
}

impl TextMap {
    pub(crate) fn push(&mut self, start: usize, anchor: Anchor) {
        self.pieces.push((start, anchor));
    }

    pub(crate) fn index(&mut self, text: &str) {
        self.newlines = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    }

    /// The position of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let k = self.pieces.partition_point(|(s, _)| *s <= offset);
        let Some(&(start, anchor)) = k.checked_sub(1).and_then(|k| self.pieces.get(k)) else {
            return Position { line: 1, column: 1 };
        };
        let chars = |a: usize, b: usize| text.get(a..b).map_or(0, |s| s.chars().count());
        if !anchor.verbatim {
            return Position {
                line: anchor.line,
                column: anchor.column + chars(start, offset),
            };
        }
        // newlines in [start, offset)
        let first = self.newlines.partition_point(|&n| n < start);
        let upto = self.newlines.partition_point(|&n| n < offset);
        let crossed = upto - first;
        if crossed == 0 {
            Position {
                line: anchor.line,
                column: anchor.column + chars(start, offset),
            }
        } else {
            let last_nl = self.newlines[upto - 1];
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
