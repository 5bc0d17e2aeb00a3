//! The source line under a finding in the human report.
//!
//! The line is shifted so that the figure stands at the column it has in
//! the file (HTML markup and JSON escapes are not in the story's text):
//! padded with spaces, or cut at the start. annotate-snippets then shows
//! the part of it that fits the terminal.
//!
//! annotate-snippets reads the whole line of every snippet, so a story on
//! one long line (or an HTML page on one line, whose columns need long
//! padding) with many findings was quadratic. A line longer than
//! [`LONG_LINE`] bytes is handed over as a window: [`MARGIN`] characters
//! (more than the terminal shows, and more than a long label needs) on
//! each side of the figure. annotate-snippets places what it shows by the
//! figure's and the label's columns, which a window shifts all alike, so
//! it shows the same text, cut with `...` in the same places. It also
//! trims a line's indentation, so a window never starts inside a run of
//! white space other than the line's own indentation: it starts before the
//! run (or, for a run too long to walk, the line goes whole). Only the
//! column in the ` --> path:line:column` header comes from the window; the
//! report puts the file's back ([`fix_headers`]). A test renders random
//! long lines both ways and compares them byte for byte.

use crate::story::Story;
use std::borrow::Cow;

/// Lines up to this many bytes (padding included) are handed over whole.
pub(super) const LONG_LINE: usize = 4096;

/// Characters kept on each side of a figure in a window, beyond twice the
/// label's length: annotate-snippets shows at most 140 columns.
const MARGIN: usize = 512;

/// How far a window's start may move back over white space to start at
/// something else; beyond it the line is handed over whole.
const WHITE_RUN: usize = 1024;

/// A line as annotate-snippets gets it.
#[derive(Debug)]
pub(super) struct Line<'a> {
    pub(crate) text: Cow<'a, str>,
    /// The story offset that the line's first byte stands for (padding
    /// counts as bytes before the line).
    pub(crate) origin: usize,
    /// Only part of the line: the header's column must be put right.
    pub(crate) window: bool,
}

/// The snippet line for a figure at bytes `span` of the story, in `line`
/// (which starts at byte `from`), at code-point `column` of the file, with
/// a label of `label` characters. Lines longer than `long` bytes are
/// windowed.
pub(super) fn line<'a>(
    story: &Story,
    line: &'a str,
    from: usize,
    span: std::ops::Range<usize>,
    column: usize,
    label: usize,
    long: usize,
) -> Line<'a> {
    let at = span.start;
    let in_line = at - from;
    // characters of the line before the figure, and the column it wants
    let before = story.chars_in(from..at);
    let want = column.saturating_sub(1);
    // the shifted line's length in bytes; when cut, it holds at least
    // `want` bytes before the figure, so the cut is only looked for on a
    // line that may be short
    let tail = line.len() - in_line;
    let width = if want >= before {
        want - before + line.len()
    } else if want + tail > long {
        want + tail
    } else {
        line.len() - back(line, in_line, want)
    };
    if width > long {
        if let Some(w) = window(line, from, span, before, want, MARGIN + 2 * label) {
            return w;
        }
    }
    crate::work::step(width);
    if want >= before {
        let pad = want - before;
        let mut s = " ".repeat(pad);
        s.push_str(line);
        // padding bytes sit before `from`: shift the origin back
        Line {
            text: Cow::Owned(s),
            origin: from.wrapping_sub(pad),
            window: false,
        }
    } else {
        let cut = back(line, in_line, want);
        Line {
            text: Cow::Borrowed(&line[cut..]),
            origin: from + cut,
            window: false,
        }
    }
}

/// The byte `n` characters before byte `at` of `line` (its start if there
/// are fewer).
fn back(line: &str, at: usize, n: usize) -> usize {
    let mut k = at;
    for (i, _) in line[..at].char_indices().rev().take(n) {
        k = i;
    }
    crate::work::step(at - k);
    k
}

/// `margin` characters of the shifted line on each side of the figure at
/// bytes `span` of the story; `None` when the line is better handed over
/// whole.
fn window(
    line: &str,
    from: usize,
    span: std::ops::Range<usize>,
    before: usize,
    want: usize,
    margin: usize,
) -> Option<Line<'_>> {
    let in_line = span.start - from;
    // the shifted line has `want` characters before the figure: padding
    // then the line, or the line from a cut
    let (start, pad) = if want <= margin {
        // the whole shifted start
        if want >= before {
            (0, want - before)
        } else {
            (back(line, in_line, want), 0)
        }
    } else if before < margin {
        // (padded) the window starts in the padding
        (0, margin - before)
    } else {
        let mut start = back(line, in_line, margin);
        if line[start..].starts_with(char::is_whitespace) {
            // characters of the shifted line before the window, all in `line`
            let ahead = want.min(before) - margin;
            let mut walked = 0;
            let mut other = None;
            for (i, c) in line[..start]
                .char_indices()
                .rev()
                .take(ahead.min(WHITE_RUN))
            {
                walked += 1;
                if !c.is_whitespace() {
                    other = Some(i);
                    break;
                }
            }
            crate::work::step(walked);
            match other {
                Some(i) => start = i,
                // white space back to the shifted line's start (and its
                // padding): its own indentation, which a window may cut
                None if walked == ahead => {}
                None => return None,
            }
        }
        (start, 0)
    };
    let after = (span.end - from).clamp(in_line, line.len());
    let end = line[after..]
        .char_indices()
        .nth(margin)
        .map_or(line.len(), |(i, _)| after + i);
    let mut text = String::with_capacity(pad + end - start);
    text.extend(std::iter::repeat_n(' ', pad));
    text.push_str(&line[start..end]);
    crate::work::step(text.len());
    Some(Line {
        text: Cow::Owned(text),
        origin: (from + start).wrapping_sub(pad),
        window: true,
    })
}

/// A marker, not found in any of `texts`, to follow the snippets' paths
/// so that their headers can be found in the rendered report: a number
/// between two private-use characters, the least that no text holds.
pub(super) fn marker(texts: &[&str]) -> String {
    let mut taken = std::collections::BTreeSet::new();
    for t in texts {
        for (i, _) in t.match_indices('\u{e000}') {
            let digits = &t[i + 3..];
            let n = digits.bytes().take_while(u8::is_ascii_digit).count();
            if digits[n..].starts_with('\u{e001}') {
                taken.insert(digits[..n].to_string());
            }
        }
    }
    let free = (0..=taken.len())
        .find(|k| !taken.contains(&k.to_string()))
        .unwrap_or_default();
    format!("\u{e000}{free}\u{e001}")
}

/// Put back the file's column in the header of each windowed snippet of a
/// rendered group, and take out the `marker` after every path: the k-th
/// header is the k-th snippet's, and `columns[k]` its column when it was
/// windowed.
pub(super) fn fix_headers(rendered: &str, marker: &str, columns: &[Option<usize>]) -> String {
    let mut out = String::with_capacity(rendered.len());
    let mut rest = rendered;
    let mut k = 0;
    while let Some(i) = rest.find(marker) {
        out.push_str(&rest[..i]);
        rest = &rest[i + marker.len()..];
        // ":line:column"
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let line = rest.strip_prefix(':').map_or(0, |r| 1 + digits(r));
        let column = rest[line..].strip_prefix(':').map_or(0, |r| 1 + digits(r));
        match columns.get(k).copied().flatten() {
            Some(c) if line > 1 && column > 1 => {
                out.push_str(&rest[..line]);
                out.push(':');
                out.push_str(&c.to_string());
                rest = &rest[line + column..];
            }
            _ => {}
        }
        k += 1;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_not_in_the_texts_and_headers_are_put_right() {
        assert_eq!(marker(&["plain"]), "\u{e000}0\u{e001}");
        let hostile = "a \u{e000}0\u{e001} b \u{e000}1\u{e001} \u{e000}x";
        assert_eq!(marker(&["x", hostile]), "\u{e000}2\u{e001}");
        let m = "\u{e000}0\u{e001}";
        let rendered =
            format!(" --> a.txt{m}:1:513\n1 | ...\n ::: b.md{m}:4:2\n ::: c.md{m}:7:9\n");
        assert_eq!(
            fix_headers(&rendered, m, &[Some(90_001), None, Some(3)]),
            " --> a.txt:1:90001\n1 | ...\n ::: b.md:4:2\n ::: c.md:7:3\n"
        );
    }
}
