//! Story text and metadata made safe for each place a report puts them.
//!
//! Everything a story brings (outlet, title, id, event, path, quotations,
//! excerpts) is untrusted: a file name or a front matter field can hold
//! terminal escapes, line breaks, Markdown or HTML. Each output has one
//! function here, and every emitter passes story fields through it:
//!
//! - [`terminal`]: control characters become visible (the control pictures
//!   annotate-snippets shows in source lines), so nothing clears the
//!   screen, sets the window title, hides text or starts a fake line.
//! - [`markdown`] and [`markdown_code`]: GitHub Flavored Markdown that
//!   renders as the text it is: no raw HTML, no block started from a field,
//!   no link, image, @mention or issue reference made from story text.
//! - [`uri`]: a path as an RFC 3986 relative reference (SARIF).
//!
//! GitHub workflow commands (percent-encoding, after [`controls_visible`])
//! and XML have their own escaping beside their emitters (`github.rs`,
//! `junit.rs`); HTML goes through maud, which escapes by default.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Bidirectional embeddings, overrides and isolates: they reorder what a
/// terminal shows ("Trojan Source"); annotate-snippets replaces them too.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What a control character is shown as: its control picture (`␛` for
/// ESC), `␡` for DEL, and U+FFFD for C1 controls and bidi controls, which
/// have no picture. `None` for any other character.
fn visible(c: char) -> Option<char> {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        c if is_bidi_control(c) => Some('\u{fffd}'),
        _ => None,
    }
}

/// A story field for the terminal, on one line: every control character
/// (line breaks and tabs included) shown as a visible character instead of
/// acting on the terminal.
pub fn terminal(s: &str) -> Cow<'_, str> {
    controls_visible(s, |_| false)
}

/// `s` with its control characters made visible, but those `keep` says.
pub(crate) fn controls_visible(s: &str, keep: fn(char) -> bool) -> Cow<'_, str> {
    let shown = |c: char| visible(c).filter(|_| !keep(c));
    if !s.chars().any(|c| shown(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| shown(c).unwrap_or(c)).collect())
}

/// Separates what GitHub would turn into a link or a notification
/// (`@name`, `#12`, `https://`, `www.`) without changing what a reader sees.
const BREAK: char = '\u{200b}';

/// A story field as inline GitHub Flavored Markdown, for table cells, list
/// items and headings: it renders as the text it is.
///
/// - Line breaks and other ASCII white space become one space: a field
///   never ends a table row or starts a block (a lone `\r` is a line
///   ending to CommonMark). Other control characters are made visible.
/// - Every character that can open an inline construct is escaped with a
///   backslash (CommonMark lets any ASCII punctuation be escaped): no raw
///   HTML, entity, code span, emphasis, strikethrough, link, image, math or
///   table cell border. A block marker at the start of the field (`-`, `+`,
///   `=`, `1.`) is escaped too, should the field ever open a line.
/// - GitHub turns some plain text into links after rendering: mentions
///   (`@name`), issue references (`#12`) and bare URLs and e-mail
///   addresses (`https://`, `www.`, `a@b.c`). A zero-width space after the
///   `@`, the `#`, the `:` of `://` and the `www` breaks each of them.
pub(crate) fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let chars: Vec<char> = s.chars().collect();
    let mut start = true;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next = chars.get(k + 1).copied();
        if c.is_ascii_whitespace() {
            let mut j = k;
            while j < chars.len() && chars[j].is_ascii_whitespace() {
                j += 1;
            }
            out.push(' ');
            k = j;
            continue;
        }
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '&' | '|' | '$' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '#' => {
                out.push_str("\\#");
                if next.is_some_and(|n| n.is_ascii_digit()) {
                    out.push(BREAK);
                }
            }
            '@' => {
                out.push_str("\\@");
                if next.is_some_and(char::is_alphanumeric) {
                    out.push(BREAK);
                }
            }
            ':' if next == Some('/') && chars.get(k + 2) == Some(&'/') => {
                out.push(':');
                out.push(BREAK);
            }
            'w' | 'W'
                if chars.get(k..k + 4).is_some_and(|w| {
                    w[..3].iter().all(|c| c.eq_ignore_ascii_case(&'w')) && w[3] == '.'
                }) =>
            {
                out.extend(&chars[k..k + 3]);
                out.push(BREAK);
                k += 3;
                start = false;
                continue;
            }
            '-' | '+' | '=' if start => {
                out.push('\\');
                out.push(c);
            }
            '0'..='9' if start => {
                // `1.` or `1)` opening the field would start a list
                let mut j = k;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                out.extend(&chars[k..j]);
                if let Some(&p @ ('.' | ')')) = chars.get(j) {
                    out.push('\\');
                    out.push(p);
                    j += 1;
                }
                k = j;
                start = false;
                continue;
            }
            c => match visible(c) {
                Some(v) => out.push(v),
                None => out.push(c),
            },
        }
        start = false;
        k += 1;
    }
    out
}

/// A story field as a Markdown code span (paths, event names, rule ids,
/// outside tables): code is shown as written, so only the line and the
/// span's own delimiters need care. Line breaks become spaces, other
/// control characters are made visible, and the backtick fence is longer
/// than any run of backticks inside. GitHub makes no link or mention in
/// code.
pub(crate) fn markdown_code(s: &str) -> String {
    let text: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_whitespace() {
                ' '
            } else {
                visible(c).unwrap_or(c)
            }
        })
        .collect();
    if text.is_empty() {
        return "` `".to_string();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // a space each side is taken off again by the parser (unless the span
    // is all spaces); it keeps a backtick at either end from joining the
    // fence, and a space at both ends from being taken off
    let pad = !text.chars().all(|c| c == ' ')
        && (text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']));
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A file path as a URI reference for SARIF's `artifactLocation.uri`:
/// relative paths stay relative, `/` separates segments, and every byte
/// that is not unreserved in RFC 3986 is percent-encoded (`my stories/story
/// #1.md` → `my%20stories/story%20%231.md`). A leading `./` is dropped.
pub(crate) fn uri(path: &str) -> String {
    let path: Cow<'_, str> = if cfg!(windows) {
        Cow::Owned(path.replace('\\', "/"))
    } else {
        Cow::Borrowed(path)
    };
    let mut p: &str = &path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b));
            }
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_shows_control_characters() {
        assert_eq!(terminal("Daily Courier"), "Daily Courier");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(terminal("a\x1b[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(terminal("\x1b]0;title\x07x"), "\u{241b}]0;title\u{2407}x");
        assert_eq!(terminal("a\r\nb\tc"), "a\u{240d}\u{240a}b\u{2409}c");
        assert_eq!(terminal("\u{9b}2J\u{7f}"), "\u{fffd}2J\u{2421}");
        assert_eq!(terminal("abc\u{202e}def"), "abc\u{fffd}def");
        assert_eq!(terminal("Ça, Über, Пожар"), "Ça, Über, Пожар");
    }

    #[test]
    fn markdown_text_stays_text() {
        for (field, shown) in [
            ("Daily Courier", "Daily Courier"),
            ("a | b", "a \\| b"),
            (
                "<img src=x onerror=alert(1)>",
                "\\<img src=x onerror=alert(1)\\>",
            ),
            (
                "![px](http://e.vil/p.png)",
                "\\!\\[px\\](http:\u{200b}//e.vil/p.png)",
            ),
            ("line\r# Heading", "line \\# Heading"),
            ("a\n\n\tb", "a b"),
            (
                "@octocat and a@b.org",
                "\\@\u{200b}octocat and a\\@\u{200b}b.org",
            ),
            ("fixes #12", "fixes \\#\u{200b}12"),
            ("see WWW.example.com", "see WWW\u{200b}.example.com"),
            ("- item", "\\- item"),
            ("12. item", "12\\. item"),
            ("12.5 per cent", "12\\.5 per cent"),
            ("a - b + c = d", "a - b + c = d"),
            (
                "**bold** _it_ ~~x~~ `c`",
                "\\*\\*bold\\*\\* \\_it\\_ \\~\\~x\\~\\~ \\`c\\`",
            ),
            ("$1.2bn", "\\$1.2bn"),
            ("&lt;", "\\&lt;"),
            ("back\\slash", "back\\\\slash"),
            ("esc\x1b[8m", "esc\u{241b}\\[8m"),
            ("Ça, Über", "Ça, Über"),
        ] {
            assert_eq!(markdown(field), shown, "{field:?}");
        }
    }

    #[test]
    fn markdown_code_spans_hold_any_text() {
        assert_eq!(markdown_code("storm-ilse"), "`storm-ilse`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x``"), "``` `x`` ```");
        assert_eq!(markdown_code("a\r\nb"), "`a  b`");
        assert_eq!(markdown_code(""), "` `");
        assert_eq!(markdown_code(" x "), "`  x  `");
    }

    #[test]
    fn uris_are_percent_encoded_and_stay_relative() {
        assert_eq!(
            uri("my stories/story #1.md"),
            "my%20stories/story%20%231.md"
        );
        assert_eq!(uri("100% true.md"), "100%25%20true.md");
        assert_eq!(uri("./a/b.md"), "a/b.md");
        assert_eq!(uri("../up/ü.md"), "../up/%C3%BC.md");
        assert_eq!(uri("c:d.md"), "c%3Ad.md");
        assert_eq!(uri("/abs/a?b.md"), "/abs/a%3Fb.md");
    }

    /// `s` parsed as GitHub Flavored Markdown: the top-level blocks and
    /// every inline node that is not plain text or code.
    fn gfm(doc: &str) -> (Vec<String>, Vec<String>, String) {
        use comrak::nodes::NodeValue;
        let mut options = comrak::Options::default();
        let ext = &mut options.extension;
        ext.strikethrough = true;
        ext.table = true;
        ext.autolink = true;
        ext.tasklist = true;
        ext.footnotes = true;
        ext.math_dollars = true;
        ext.math_code = true;
        ext.alerts = true;
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, doc, &options);
        let blocks = root
            .children()
            .map(|n| format!("{:?}", n.data().value).chars().take(12).collect())
            .collect();
        let mut other = Vec::new();
        let mut text = String::new();
        for n in root.descendants() {
            match &n.data().value {
                NodeValue::Text(t) => text.push_str(t),
                NodeValue::Code(c) => text.push_str(&c.literal),
                NodeValue::Document
                | NodeValue::Paragraph
                | NodeValue::List(_)
                | NodeValue::Item(_)
                | NodeValue::Table(_)
                | NodeValue::TableRow(_)
                | NodeValue::TableCell => {}
                v => other.push(format!("{v:?}")),
            }
        }
        (blocks, other, text)
    }

    /// What a reader should see of a field: white space runs as one
    /// space, control characters as pictures.
    fn seen(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            if c.is_ascii_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(visible(c).unwrap_or(c));
            }
        }
        out
    }

    proptest::proptest! {
        /// Any field, in a table cell or a list item, stays one cell or
        /// one item of plain text that reads as the field.
        #[test]
        fn any_field_is_plain_text_in_markdown(
            s in "([<>&|\\`*_~\\[\\]()!#@:/.$=+-]|[a-z0-9 ]|www\\.|https://|\\r|\\n|\\t|\u{1b}|\\PC){0,24}"
        ) {
            let cell = markdown(&s);
            for (doc, block) in [
                (format!("| a | b |\n|---|---|\n| x | {cell} |\n"), "Table"),
                (format!("- x {cell}\n"), "List"),
                (format!("- {cell}\n"), "List"),
                (format!("# {cell}\n"), "Heading"),
            ] {
                let (blocks, other, text) = gfm(&doc);
                let expect_heading = block == "Heading";
                proptest::prop_assert_eq!(blocks.len(), 1, "{:?}: {:?}", doc, blocks);
                proptest::prop_assert!(blocks[0].starts_with(block), "{:?}: {:?}", doc, blocks);
                proptest::prop_assert!(
                    other.iter().all(|o| expect_heading && o.starts_with("Heading")),
                    "{:?}: {:?}", doc, other
                );
                let strip = |t: &str| t.replace(BREAK, "").trim().to_string();
                let want = seen(&s);
                proptest::prop_assert!(
                    strip(&text).ends_with(strip(&want).as_str()),
                    "{:?} reads {:?}, not {:?}", doc, text, want
                );
            }
        }

        /// Any path or event name is one code span holding it.
        #[test]
        fn any_field_is_one_code_span(s in "([`| ]|[a-z]|\\r|\\n|\u{1b}|\\PC){0,16}") {
            let doc = format!("- x {}\n", markdown_code(&s));
            let (blocks, other, text) = gfm(&doc);
            proptest::prop_assert_eq!(blocks.len(), 1, "{:?}", doc);
            proptest::prop_assert!(other.is_empty(), "{:?}: {:?}", doc, other);
            let want: String = s
                .chars()
                .map(|c| if c.is_ascii_whitespace() { ' ' } else { visible(c).unwrap_or(c) })
                .collect();
            let want = if want.is_empty() { " ".to_string() } else { want };
            proptest::prop_assert_eq!(text, format!("x {want}"), "{:?}", doc);
        }
    }
}
