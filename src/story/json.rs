//! Stories as JSON: one object in a `.json` file, one per line in `.jsonl`
//! files and on standard input.
//!
//! ```json
//! {"id": "...", "outlet": "...", "title": "...", "published": "2022-04-19",
//!  "url": "...", "event": "...", "body": "..."}
//! ```
//!
//! `text` is accepted for `body`. A broken line rejects that line only.

use super::{Anchor, Batch, Keep, Meta, Pieces, Rejected, TextMap, build, reject, utf8};
use serde::Deserialize;
use std::borrow::Cow;
use std::io::BufRead;
use std::path::Path;

/// A story as its JSON object; `B` is what is kept of the body: the text
/// (`String`), or only that it is a string ([`Unread`]), for the first
/// reading of `check`, which keeps no text.
#[derive(Deserialize)]
struct Record<B> {
    id: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    event: Option<String>,
    body: Option<B>,
    text: Option<B>,
}

/// A JSON string read, escapes checked, and not kept: the body of a story
/// whose metadata alone is wanted. A value that is no string is refused as
/// a `String` would refuse it, with the same message.
struct Unread;

impl<'de> Deserialize<'de> for Unread {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Unread;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Unread, E> {
                Ok(Unread)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// What a story's record holds but its body, and the body's key with it.
type Parsed = (Record<Unread>, Option<&'static str>);

/// `line` parsed, keeping the body's text only when `keep` asks for it.
fn parse(line: &str, keep: Keep) -> serde_json::Result<(Parsed, Option<String>)> {
    let key = |body: bool, text: bool| match (body, text) {
        (true, _) => Some("body"),
        (false, true) => Some("text"),
        _ => None,
    };
    Ok(match keep {
        Keep::Whole => {
            let r: Record<String> = serde_json::from_str(line)?;
            let k = key(r.body.is_some(), r.text.is_some());
            let body = r.body.or(r.text);
            let rest = Record {
                id: r.id,
                outlet: r.outlet,
                title: r.title,
                published: r.published,
                url: r.url,
                event: r.event,
                body: None,
                text: None,
            };
            ((rest, k), body)
        }
        Keep::Metadata => {
            let r: Record<Unread> = serde_json::from_str(line)?;
            let k = key(r.body.is_some(), r.text.is_some());
            ((r, k), None)
        }
    })
}

/// The story of a JSON object (`line`, starting at line `line_no` of its
/// file), whole or its metadata only. The quick reading ([`quick`]) takes
/// most objects; what it cannot vouch for is read the slow way ([`slow`]),
/// which says exactly what is wrong with an object.
fn record(
    shown: &str,
    path: Option<&Path>,
    line_no: usize,
    line: &str,
    many: bool,
    keep: Keep,
) -> Result<super::Story, Rejected> {
    quick(shown, path, line_no, line, many, keep)
        .unwrap_or_else(|| slow(shown, path, line_no, line, many, keep))
}

/// A story's JSON object as the quick reading takes it: the metadata
/// borrowed from the line where no escape needs undoing, the body (or
/// text) passed over, to be decoded from the line itself straight into
/// the story's text (or only checked, for the metadata alone).
#[derive(Deserialize)]
struct Quick<'a> {
    #[serde(borrow)]
    id: Option<Str<'a>>,
    #[serde(borrow)]
    outlet: Option<Str<'a>>,
    #[serde(borrow)]
    title: Option<Str<'a>>,
    #[serde(borrow)]
    published: Option<Str<'a>>,
    #[serde(borrow)]
    url: Option<Str<'a>>,
    #[serde(borrow)]
    event: Option<Str<'a>>,
    body: Option<serde::de::IgnoredAny>,
    text: Option<serde::de::IgnoredAny>,
}

/// A JSON string, borrowed from the line when it has no escape. (serde's
/// own `Option<Cow<str>>` copies every string.)
struct Str<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl Str<'_> {
    fn owned(self) -> String {
        self.0.into_owned()
    }
}

/// The story of a JSON object read the quick way, or `None` when the slow
/// way must read it: when the object is broken (the slow reading says
/// where, as it always did), when the body is no string or holds a
/// surrogate that is not one of a pair, when both `body` and `text` are
/// given, or when the story is to be rejected for its date. What the
/// quick reading builds is what the slow one builds: the same text,
/// metadata and positions.
///
/// The common object ([`plain`]) is read in one pass by hand, its body
/// decoded as it is met; any other goes through serde_json ([`by_serde`]),
/// borrowing what has no escape and passing over the body, which is then
/// decoded from the line. Either way the body goes from the line straight
/// into the story's text, a piece anchored after each escape without
/// counting code points ([`Anchor::escaped_from`]). The slow way decoded
/// the body into serde_json's buffer, copied it to a string, then to the
/// text, and counted the code points of the line up to each escape.
fn quick(
    shown: &str,
    path: Option<&Path>,
    line_no: usize,
    line: &str,
    many: bool,
    keep: Keep,
) -> Option<Result<super::Story, Rejected>> {
    let read = match plain(line, line_no, keep) {
        Some(read) => read,
        None => by_serde(line, line_no, keep)?,
    };
    story_of_read(shown, path, line_no, many, keep, read)
}

/// The story of what the quick reading read (see [`quick`]).
fn story_of_read(
    shown: &str,
    path: Option<&Path>,
    line_no: usize,
    many: bool,
    keep: Keep,
    read: Read<'_>,
) -> Option<Result<super::Story, Rejected>> {
    let f = read.fields;
    let Some(text) = read.text else {
        return Some(Err(no_body(shown, line_no)));
    };
    if f.published
        .as_ref()
        .is_some_and(|p| super::parse_published(&p.0).is_none())
    {
        return None;
    }
    // the metadata alone keeps no title and no URL
    let (title, url) = match keep {
        Keep::Whole => (f.title.map(Str::owned), f.url.map(Str::owned)),
        Keep::Metadata => (None, None),
    };
    let meta = Meta {
        id: match f.id {
            Some(id) => Some(id.owned()),
            None => default_id(shown, path, line_no, many),
        },
        outlet: f.outlet.map(Str::owned),
        title,
        published: f.published.map(Str::owned),
        url,
        event: f.event.map(Str::owned),
        ignore: Vec::new(),
    };
    Some(
        super::story_of(shown, path, meta, text, Vec::new()).map_err(|mut e| {
            e.line = e.line.or(Some(line_no));
            e
        }),
    )
}

/// What the quick reading made of an object: its metadata, and its text
/// (with its map and where the headline ends; empty, for the metadata
/// alone), or `None` for the text when it has no body.
struct Read<'a> {
    fields: Fields<'a>,
    text: Option<(String, TextMap, usize)>,
}

/// The metadata of a story's object, borrowed from the line where no
/// escape needs undoing.
#[derive(Default)]
struct Fields<'a> {
    id: Option<Str<'a>>,
    outlet: Option<Str<'a>>,
    title: Option<Str<'a>>,
    published: Option<Str<'a>>,
    url: Option<Str<'a>>,
    event: Option<Str<'a>>,
}

/// The keys of a story's object, in the order of [`plain`]'s slots: the
/// metadata, then the body and its other name.
const KEYS: [&str; 8] = [
    "id",
    "outlet",
    "title",
    "published",
    "url",
    "event",
    "body",
    "text",
];

impl<'a> Fields<'a> {
    /// The field of key `KEYS[k]` (`k` < 6).
    fn slot(&mut self, k: usize) -> &mut Option<Str<'a>> {
        match k {
            0 => &mut self.id,
            1 => &mut self.outlet,
            2 => &mut self.title,
            3 => &mut self.published,
            4 => &mut self.url,
            _ => &mut self.event,
        }
    }
}

/// The common object read by hand in one pass: keys without escapes,
/// every value a string or null. Its body (or text) is decoded into the
/// story's text as it is met (for the metadata alone: checked). `None`
/// for anything else, left to serde_json: another kind of value, an
/// escaped key, a key of ours given twice, a string that a string may not
/// hold (a control character, a bad escape, a surrogate not one of a
/// pair), both `body` and `text`, anything after the object. What it
/// accepts, serde_json reads the same way.
fn plain(line: &str, line_no: usize, keep: Keep) -> Option<Read<'_>> {
    let b = line.as_bytes();
    // JSON's whitespace
    let ws = |mut i: usize| {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    };
    let mut fields = Fields::default();
    let mut seen = 0u8;
    let mut title_at = None;
    // the body (or text): its text and map, decoded, or only its start
    let mut body: Option<(String, TextMap)> = None;
    let mut i = ws(0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = ws(i + 1);
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            let key_start = i + 1;
            let key_end = key_start
                + b.get(key_start..)?
                    .iter()
                    .position(|&c| matches!(c, b'"' | b'\\') || c < 0x20)?;
            if b[key_end] != b'"' {
                return None;
            }
            let key = KEYS.iter().position(|&k| k == &line[key_start..key_end]);
            if let Some(k) = key {
                if seen & (1 << k) != 0 {
                    return None;
                }
                seen |= 1 << k;
            }
            i = ws(key_end + 1);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = ws(i + 1);
            match b.get(i)? {
                b'n' if b.get(i..i + 4)? == b"null" => i += 4,
                b'"' => {
                    let start = i + 1;
                    i = match key {
                        Some(6 | 7) => {
                            if body.is_some() {
                                return None;
                            }
                            let (end, read) = body_at(line, line_no, start, keep)?;
                            body = Some(read);
                            end
                        }
                        Some(k) => {
                            let (end, value) = string_at(line, start)?;
                            if k == 2 {
                                title_at = Some(start);
                            }
                            *fields.slot(k) = Some(value);
                            end
                        }
                        None => literal(line, start, None, None)?.0,
                    };
                }
                _ => return None,
            }
            i = ws(i);
            match b.get(i)? {
                b',' => i = ws(i + 1),
                b'}' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    if ws(i) != b.len() {
        return None;
    }
    let text = match (body, keep, title_at) {
        (None, _, _) => None,
        (Some(_), Keep::Metadata, _) => Some((String::new(), TextMap::new(), 0)),
        (Some((body, map)), Keep::Whole, None) => Some((body, map, 0)),
        (Some(body), Keep::Whole, Some(at)) => {
            let title_len = fields.title.as_ref().map_or(0, |t| t.0.len());
            Some(headline_and(line, line_no, (at, title_len), body)?)
        }
    };
    Some(Read {
        fields,
        text: text.map(|(text, mut map, headline_end)| {
            map.index(&text);
            (text, map, headline_end)
        }),
    })
}

/// The body's string literal at byte `start` of `line` (after its quote):
/// the index past its closing quote, and its text decoded with its map
/// (for the metadata alone: checked, and nothing).
fn body_at(
    line: &str,
    line_no: usize,
    start: usize,
    keep: Keep,
) -> Option<(usize, (String, TextMap))> {
    let mut text = String::new();
    let mut map = TextMap::new();
    let end = match keep {
        Keep::Whole => {
            text.reserve(line.len() - start);
            let at = start_of(line, line_no, start);
            literal(line, start, Some(&mut text), Some((&mut map, at)))?.0
        }
        Keep::Metadata => literal(line, start, None, None)?.0,
    };
    Some((end, (text, map)))
}

/// The string literal at byte `start` of `line` (after its quote): the
/// index past its closing quote, and its value, borrowed when it has no
/// escape.
fn string_at(line: &str, start: usize) -> Option<(usize, Str<'_>)> {
    let (end, escaped) = literal(line, start, None, None)?;
    let value = if escaped {
        let mut s = String::with_capacity(end - start);
        literal(line, start, Some(&mut s), None)?;
        Cow::Owned(s)
    } else {
        Cow::Borrowed(&line[start..end - 1])
    };
    Some((end, Str(value)))
}

/// The text of a story with a title (its literal at byte `at` of `line`,
/// `len` bytes decoded) and a body decoded already, wherever each stands
/// in the object: the headline, a blank line, then the body; with its map
/// and where the headline ends.
fn headline_and(
    line: &str,
    line_no: usize,
    (at, len): (usize, usize),
    (body, body_map): (String, TextMap),
) -> Option<(String, TextMap, usize)> {
    let mut text = String::with_capacity(len + 2 + body.len());
    let mut map = TextMap::new();
    let anchor = start_of(line, line_no, at);
    literal(line, at, Some(&mut text), Some((&mut map, anchor)))?;
    let headline_end = text.len();
    text.push_str("\n\n");
    map.append(&body_map, text.len())?;
    text.push_str(&body);
    Some((text, map, headline_end))
}

/// The object read with serde_json, for what [`plain`] leaves: the
/// metadata borrowed where it has no escape, the body passed over, then
/// found in the line and decoded (or checked). `None` when serde_json
/// finds the object broken, or when the body cannot be vouched for.
fn by_serde<'a>(line: &'a str, line_no: usize, keep: Keep) -> Option<Read<'a>> {
    let r: Quick<'a> = serde_json::from_str(line).ok()?;
    let fields = Fields {
        id: r.id,
        outlet: r.outlet,
        title: r.title,
        published: r.published,
        url: r.url,
        event: r.event,
    };
    let body_key = match (r.body.is_some(), r.text.is_some()) {
        (true, true) => return None,
        (true, false) => "body",
        (false, true) => "text",
        (false, false) => return Some(Read { fields, text: None }),
    };
    let body = string_start(line, body_key)?;
    let text = match keep {
        Keep::Whole => {
            // the body is most often last: the rest of the line is about
            // its length
            let mut text = String::with_capacity(
                fields.title.as_ref().map_or(0, |t| t.0.len() + 2) + line.len() - body,
            );
            let mut map = TextMap::new();
            let mut headline_end = 0;
            if fields.title.is_some() {
                let at = string_start(line, "title")?;
                let anchor = start_of(line, line_no, at);
                literal(line, at, Some(&mut text), Some((&mut map, anchor)))?;
                headline_end = text.len();
                text.push_str("\n\n");
            }
            let anchor = start_of(line, line_no, body);
            literal(line, body, Some(&mut text), Some((&mut map, anchor)))?;
            map.index(&text);
            (text, map, headline_end)
        }
        // the metadata alone: the body checked
        Keep::Metadata => {
            if !paired(line, body) {
                return None;
            }
            (String::new(), TextMap::new(), 0)
        }
    };
    Some(Read {
        fields,
        text: Some(text),
    })
}

/// The id of a story that gives none, `None` when its path gives it (a
/// `.json` file of one story: see [`super::defaults`]).
fn default_id(shown: &str, path: Option<&Path>, line_no: usize, many: bool) -> Option<String> {
    // several stories in one file need distinct default ids
    match path {
        Some(p) if many => Some(format!(
            "{}:{line_no}",
            p.with_extension("").to_string_lossy()
        )),
        Some(_) => None,
        None => Some(format!("{shown}:{line_no}")),
    }
}

fn no_body(shown: &str, line_no: usize) -> Rejected {
    reject(
        shown,
        Some(line_no),
        Some(1),
        "story has no \"body\" or \"text\" field".to_string(),
    )
}

/// The JSON string literal that starts at byte `start` of `json` (after
/// its opening quote), walked to its closing quote: the index just past
/// that quote, and whether the literal escapes anything. `None` when it is
/// no string a string field holds: unclosed, with a control character, a
/// bad escape or a surrogate that is not one of a pair.
///
/// With `text`, the literal is decoded onto it; with `map` too, its pieces
/// are anchored there, the literal starting at `(line, column)` of the
/// file. A piece starts after every escape, so that a column counts the
/// file's characters (`\"` is two, `\u00e9` six) rather than the decoded
/// ones; an escape's own character falls at the end of the piece before,
/// on its backslash. Each piece's column is the literal's plus how much
/// wider than their characters the escapes before it are, counted from
/// the literal's start in `text`: no code point is counted until a
/// position is asked for.
fn literal(
    json: &str,
    start: usize,
    mut text: Option<&mut String>,
    mut map: Option<(&mut TextMap, (usize, usize))>,
) -> Option<(usize, bool)> {
    let from = text.as_ref().map_or(0, |t| t.len());
    if let Some((map, (line, column))) = map.as_mut() {
        map.push(from, Anchor::escaped_from(*line, *column, from)?);
    }
    let b = json.as_bytes();
    let mut wider = 0;
    let mut i = start;
    loop {
        let k = i + memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        if let Some(text) = text.as_mut() {
            text.push_str(&json[i..k]);
        }
        if b[k] == b'"' {
            // a string holds no control character (an escape has none):
            // looked for once, in the whole literal, not run by run
            if b[start..k].iter().copied().min().is_some_and(|c| c < 0x20) {
                return None;
            }
            return Some((k + 1, wider > 0));
        }
        let (width, c) = escape(b, k)?;
        i = k + width;
        wider += width - 1;
        if let Some(text) = text.as_mut() {
            text.push(c);
            if let Some((map, (line, column))) = map.as_mut() {
                let at = text.len();
                map.push(at, Anchor::escaped_from(*line, *column + wider, from)?);
            }
        }
    }
}

/// Whether every surrogate escaped in the JSON string literal that starts
/// at byte `start` of `json` is one of a pair, as a string must have them
/// (serde_json passes over a string it does not keep without looking).
fn paired(json: &str, start: usize) -> bool {
    let b = json.as_bytes();
    // most bodies escape no surrogate at all: look for one (in the rest
    // of the object too: a false alarm only costs the walk) before
    // stopping at every escape
    let rest = b.get(start..).unwrap_or_default();
    if memchr::memmem::find(rest, b"\\ud").is_none()
        && memchr::memmem::find(rest, b"\\uD").is_none()
    {
        return true;
    }
    let mut i = start;
    loop {
        let Some(k) = b
            .get(i..)
            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
        else {
            return false;
        };
        if b[i + k] == b'"' {
            return true;
        }
        match escape(b, i + k) {
            Some((width, _)) => i += k + width,
            None => return false,
        }
    }
}

/// The escape at `b[i]` (a backslash) of a JSON string literal: its width
/// and the character it stands for; `None` when it is none, or a
/// surrogate that is not one of a pair (`\ud83d\ude00` is one character).
fn escape(b: &[u8], i: usize) -> Option<(usize, char)> {
    let unit = |at: usize| -> Option<u32> {
        b.get(at..at + 4)?
            .iter()
            .try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
    };
    Some(match *b.get(i + 1)? {
        b'"' => (2, '"'),
        b'\\' => (2, '\\'),
        b'/' => (2, '/'),
        b'b' => (2, '\u{8}'),
        b'f' => (2, '\u{c}'),
        b'n' => (2, '\n'),
        b'r' => (2, '\r'),
        b't' => (2, '\t'),
        b'u' => {
            let hi = unit(i + 2)?;
            if (0xD800..0xDC00).contains(&hi) {
                if b.get(i + 6..i + 8)? != b"\\u" {
                    return None;
                }
                let lo = unit(i + 8)?;
                if !(0xDC00..0xE000).contains(&lo) {
                    return None;
                }
                (
                    12,
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?,
                )
            } else {
                (6, char::from_u32(hi)?)
            }
        }
        _ => return None,
    })
}

/// [`record`] the slow way: the object read with serde_json into strings,
/// every error and rejection where it is.
fn slow(
    shown: &str,
    path: Option<&Path>,
    line_no: usize,
    line: &str,
    many: bool,
    keep: Keep,
) -> Result<super::Story, Rejected> {
    let ((r, body_key), body) = parse(line, keep).map_err(|e| {
        reject(
            shown,
            Some(line_no + e.line() - 1),
            Some(e.column()),
            format!("broken JSON: {e}"),
        )
    })?;
    let Some(body_key) = body_key else {
        return Err(no_body(shown, line_no));
    };
    // each field's string literal in the text as given: positions count
    // the file's characters, escapes included
    let located = |key: &str| {
        string_value(line, key).map(|at| (at.clone(), start_of(line, line_no, at.start)))
    };
    if let Some(p) = r.published.as_deref() {
        if super::parse_published(p).is_none() {
            let (l, c) = located("published").map_or((line_no, 1), |(_, (l, c))| (l, c));
            return Err(super::bad_published(shown, p, l, c));
        }
    }
    let pieces_of = |key: &str, decoded: &str| -> Pieces {
        match located(key) {
            Some((at, (l, c))) => literal_pieces(&line[at], l, c, decoded)
                .unwrap_or_else(|| vec![(0, Anchor::escaped(l, c))]),
            None => vec![(0, Anchor::escaped(line_no, 1))],
        }
    };
    // the metadata alone needs no positions and no text: the story is
    // valid or rejected by now
    let (body, body_pieces, headline) = match keep {
        Keep::Whole => {
            let body = body.unwrap_or_default();
            let pieces = pieces_of(body_key, &body);
            let headline = r.title.clone().map(|t| {
                let pieces = pieces_of("title", &t);
                (t, pieces)
            });
            (body, pieces, headline)
        }
        Keep::Metadata => (String::new(), Vec::new(), None),
    };
    // the metadata alone keeps no title and no URL either
    let (title, url) = match keep {
        Keep::Whole => (r.title, r.url),
        Keep::Metadata => (None, None),
    };
    let meta = Meta {
        id: r.id.or_else(|| default_id(shown, path, line_no, many)),
        outlet: r.outlet,
        title,
        published: r.published,
        url,
        event: r.event,
        ignore: Vec::new(),
    };
    build(shown, path, meta, headline, &body, body_pieces, Vec::new()).map_err(|mut e| {
        e.line = e.line.or(Some(line_no));
        e
    })
}

/// The line and column (1-based, code points) of byte `at` of `text`, a
/// JSON text whose first line is line `line_no` of its file.
fn start_of(text: &str, line_no: usize, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (
        line_no + memchr::memchr_iter(b'\n', before.as_bytes()).count(),
        before[line_start..].chars().count() + 1,
    )
}

/// Where the string value of a top-level `key` of the JSON object `text`
/// is: the bytes between its quotes. `None` when the key is missing or its
/// value is not a string. The text has been parsed already, so this scan
/// only walks it: strings, nested values and scalars, to the key.
fn string_value(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let start = string_start(text, key)?;
    Some(start..string_end(text.as_bytes(), start - 1)?)
}

/// The index of the closing quote of the string opened at `b[i]` (a
/// story's body is most of the line: jump to the next quote or escape).
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        match b[j] {
            b'\\' => j += 2,
            _ => return Some(j),
        }
    }
}

/// Where the string value of a top-level `key` of the JSON object `text`
/// starts (after its opening quote): [`string_value`] without looking for
/// its end.
fn string_start(text: &str, key: &str) -> Option<usize> {
    let b = text.as_bytes();
    let string_end = |i: usize| string_end(b, i);
    let ws = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let mut i = ws(0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = ws(i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = string_end(i)?;
        let raw_key = &text[i + 1..key_end];
        let is_key = if raw_key.contains('\\') {
            serde_json::from_str::<String>(&text[i..=key_end]).is_ok_and(|k| k == key)
        } else {
            raw_key == key
        };
        i = ws(key_end + 1);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = ws(i + 1);
        match *b.get(i)? {
            b'"' => {
                if is_key {
                    return Some(i + 1);
                }
                i = string_end(i)? + 1;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match *b.get(i)? {
                        b'"' => i = string_end(i)?,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            _ => {
                while b
                    .get(i)
                    .is_some_and(|&c| !matches!(c, b',' | b'}') && !c.is_ascii_whitespace())
                {
                    i += 1;
                }
            }
        }
        i = ws(i);
        match b.get(i) {
            Some(b',') => i += 1,
            _ => return None,
        }
    }
}

/// The pieces of a decoded JSON string, anchored in the file: `raw` is
/// the literal as written (between its quotes), starting at `line` and
/// `column`. A piece starts after every escape, so that a column counts
/// the file's characters (`\"` is two, `\u00e9` six) rather than the
/// decoded ones; an escape's own character falls at the end of the piece
/// before, on its backslash. `None` when the literal does not decode to
/// `decoded` (it always should).
fn literal_pieces(raw: &str, line: usize, column: usize, decoded: &str) -> Option<Pieces> {
    let b = raw.as_bytes();
    let mut pieces = vec![(0, Anchor::escaped(line, column))];
    let (mut i, mut d, mut c) = (0, 0, column);
    while i < b.len() {
        let run = memchr::memchr(b'\\', &b[i..]).unwrap_or(b.len() - i);
        // no escape in a run: the file's characters are the text's
        c += raw[i..i + run].chars().count();
        d += run;
        i += run;
        if i == b.len() {
            break;
        }
        // the escape's width in the file and its length decoded
        let (width, len) = if b.get(i + 1) == Some(&b'u') {
            let unit = |at: usize| u32::from_str_radix(raw.get(at..at + 4)?, 16).ok();
            let hi = unit(i + 2)?;
            if (0xD800..0xDC00).contains(&hi) {
                // a surrogate pair, `\ud83d\ude00`: one character
                if raw.get(i + 6..i + 8)? != "\\u" {
                    return None;
                }
                let lo = unit(i + 8)?.checked_sub(0xDC00)?;
                (
                    12,
                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + lo)?.len_utf8(),
                )
            } else {
                (6, char::from_u32(hi)?.len_utf8())
            }
        } else {
            (2, 1)
        };
        i += width;
        d += len;
        c += width;
        pieces.push((d, Anchor::escaped(line, c)));
    }
    (d == decoded.len()).then_some(pieces)
}

/// JSON Lines: every non-blank line is a story. Read a block of lines at a
/// time, so a big file is never held whole.
pub(super) fn lines(
    shown: &str,
    path: Option<&Path>,
    input: &mut (dyn BufRead + Send),
    batch: &mut Batch,
) {
    for block in Blocks::new(shown, input) {
        block.read(shown, path, Keep::Whole, batch);
    }
}

/// About how many bytes of whole lines a [`Block`] holds (one line at
/// least): enough that handing blocks to threads costs nothing beside
/// building their stories, few enough that the blocks in flight are a
/// small part of a big batch.
pub(super) const BLOCK_BYTES: usize = 1 << 20;

/// A run of whole lines of a JSON Lines input: read in one go, so that one
/// thread reads the next block while others build the stories of theirs.
/// Its buffer goes back to its reader's spares when it is dropped: fresh
/// memory for every megabyte read made the kernel clear pages at a rate
/// that cost more than reading.
pub(super) struct Block {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
    spares: Spares,
}

/// Block buffers ready for reuse.
type Spares = std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>;

/// The most spare block buffers a reader keeps: one per block in flight
/// on a machine of many threads.
const SPARES_KEPT: usize = 16;

impl Drop for Block {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.bytes);
        // a huge line's buffer is not kept for the blocks after it
        if bytes.capacity() <= 2 * BLOCK_BYTES {
            bytes.clear();
            if let Ok(mut spares) = self.spares.lock() {
                if spares.len() < SPARES_KEPT {
                    spares.push(bytes);
                }
            }
        }
    }
}

/// A line of a block, or what was rejected in its place, in input order.
enum Entry {
    /// The line at `bytes[range]`, its byte offset in the input and number.
    Line(std::ops::Range<usize>, (u64, usize)),
    Rejected(Rejected),
}

impl Block {
    /// Build the stories of the block's lines into `batch` (whole, or
    /// their metadata only), rejecting in line order what cannot be read.
    pub(super) fn read(&self, shown: &str, path: Option<&Path>, keep: Keep, batch: &mut Batch) {
        for e in &self.entries {
            match e {
                Entry::Line(range, at) => {
                    line(shown, path, *at, &self.bytes[range.clone()], keep, batch);
                }
                Entry::Rejected(r) => batch.rejected.push(r.clone()),
            }
        }
    }
}

/// The blocks of a JSON Lines input, in order. A line longer than
/// [`super::MAX_STORY_BYTES`] is rejected and passed over; a read error
/// rejects the next line and ends the input.
pub(super) struct Blocks<'a> {
    shown: &'a str,
    input: &'a mut (dyn BufRead + Send),
    line_no: usize,
    offset: u64,
    done: bool,
    spares: Spares,
}

impl<'a> Blocks<'a> {
    pub(super) fn new(shown: &'a str, input: &'a mut (dyn BufRead + Send)) -> Blocks<'a> {
        Blocks {
            shown,
            input,
            line_no: 0,
            offset: 0,
            done: false,
            spares: Spares::default(),
        }
    }
}

impl Iterator for Blocks<'_> {
    type Item = Block;

    fn next(&mut self) -> Option<Block> {
        use super::list::{Line, read_line};
        let bytes = self
            .spares
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_else(|| Vec::with_capacity(BLOCK_BYTES + (BLOCK_BYTES >> 2)));
        let mut block = Block {
            bytes,
            entries: Vec::new(),
            spares: self.spares.clone(),
        };
        while !self.done && block.bytes.len() < BLOCK_BYTES {
            let start = block.bytes.len();
            match read_line(self.input, &mut block.bytes, super::MAX_STORY_BYTES) {
                Ok(Line::End) => self.done = true,
                Ok(Line::Read) => {
                    self.line_no += 1;
                    let end = block.bytes.len();
                    block
                        .entries
                        .push(Entry::Line(start..end, (self.offset, self.line_no)));
                    self.offset += (end - start) as u64;
                }
                Ok(Line::TooLong) => {
                    // the rest of the line is passed over, a piece at a time
                    self.line_no += 1;
                    block.entries.push(Entry::Rejected(super::too_long(
                        self.shown,
                        Some(self.line_no),
                    )));
                    let mut n = block.bytes.len() - start;
                    block.bytes.truncate(start);
                    let mut rest = Vec::new();
                    loop {
                        rest.clear();
                        match read_line(self.input, &mut rest, super::MAX_STORY_BYTES) {
                            Ok(Line::TooLong) => n += rest.len(),
                            Ok(_) => {
                                n += rest.len();
                                break;
                            }
                            Err(_) => break,
                        }
                    }
                    self.offset += n as u64;
                }
                Err(e) => {
                    block.bytes.truncate(start);
                    block.entries.push(Entry::Rejected(reject(
                        self.shown,
                        Some(self.line_no + 1),
                        None,
                        format!("cannot read: {e}"),
                    )));
                    self.done = true;
                }
            }
        }
        (!block.entries.is_empty()).then_some(block)
    }
}

/// The story on one line (`at`: its byte offset and line number), whole
/// or its metadata only; a blank line is none.
pub(super) fn line(
    shown: &str,
    path: Option<&Path>,
    at: (u64, usize),
    raw: &[u8],
    keep: Keep,
    batch: &mut Batch,
) {
    let line_no = at.1;
    let len = raw.len();
    // a byte order mark starts the file, not the story
    let raw = match raw.strip_prefix(b"\xef\xbb\xbf") {
        Some(r) if at.0 == 0 => r,
        _ => raw,
    };
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    if raw.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    let line = match utf8(shown, raw) {
        Ok(l) => l,
        Err(mut r) => {
            r.line = Some(line_no);
            batch.rejected.push(r);
            return;
        }
    };
    match record(shown, path, line_no, line, true, keep) {
        Ok(mut s) => {
            s.set_record(at, len);
            batch.stories.push(s);
        }
        Err(r) => batch.rejected.push(r),
    }
}

/// A `.json` file holding one story.
pub(super) fn single(shown: &str, path: &Path, bytes: &[u8], batch: &mut Batch) {
    let text = match utf8(shown, bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t),
        Err(r) => {
            batch.rejected.push(r);
            return;
        }
    };
    match record(shown, Some(path), 1, text, false, Keep::Whole) {
        Ok(s) => batch.stories.push(s),
        Err(r) => batch.rejected.push(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_values_are_found_at_the_top_level_only() {
        let text = r#"{"title": "the \"body\": no", "meta": {"body": "nested", "x": [1, "]"]}, "n": 12, "body" : "yes"}"#;
        let at = string_value(text, "body").unwrap();
        assert_eq!(&text[at], "yes");
        let at = string_value(text, "title").unwrap();
        assert_eq!(&text[at], r#"the \"body\": no"#);
        assert_eq!(string_value(text, "n"), None);
        assert_eq!(string_value(text, "missing"), None);
        let escaped_key = r#"{"b\u006fdy": "x"}"#;
        assert_eq!(
            &escaped_key[string_value(escaped_key, "body").unwrap()],
            "x"
        );
    }

    /// The position of every word of `words` in the story is where the
    /// word stands in the file.
    fn positions_point_into_the_file(name: &str, file: &str, words: &[&str]) {
        let b = from_bytes(name, file.as_bytes());
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        let s = &b.stories[0];
        for w in words {
            let at = s
                .text
                .find(w)
                .unwrap_or_else(|| panic!("{w} not in {:?}", s.text));
            let p = s.position(at);
            let raw = file.find(w).unwrap();
            let line_start = file[..raw].rfind('\n').map_or(0, |n| n + 1);
            let want = (
                file[..raw].matches('\n').count() + 1,
                file[line_start..raw].chars().count() + 1,
            );
            assert_eq!((p.line, p.column), want, "{w} in {file}");
        }
    }

    fn from_bytes(name: &str, bytes: &[u8]) -> Batch {
        super::super::from_bytes(name, bytes)
    }

    #[test]
    fn columns_count_the_file_not_the_decoded_text() {
        let file = "{\"id\": \"e\", \"title\": \"Caf\\u00e9 \\\"12\\\" dead\",\n \"body\": \"The \\\"mayor\\\" said caf\\u00e9 owners \\ud83d\\ude00 lost 35 homes.\\n\\nThen 12 people died\\t\\/ \\\\ wow.\"}\n";
        positions_point_into_the_file(
            "s.json",
            file,
            &["12", "dead", "mayor", "owners", "lost 35", "Then", "wow"],
        );
        let line = "{\"id\": \"j\", \"body\": \"\\\"Quoted,\\\" she said: 40 dead.\"}\n";
        positions_point_into_the_file("s.jsonl", &format!("\n{line}"), &["she said", "40"]);
    }

    /// What a reader of a story sees of it: metadata, text and the
    /// position of every character.
    fn seen(s: &crate::story::Story) -> String {
        let positions: Vec<_> = s
            .text
            .char_indices()
            .map(|(at, _)| at)
            .chain([s.text.len()])
            .map(|at| {
                let p = s.position(at);
                (p.line, p.column)
            })
            .collect();
        format!(
            "{} {} {:?} {:?} {} {:?} {:?} {:?} {} {positions:?}",
            s.id,
            s.outlet,
            s.published,
            s.event,
            s.path,
            s.title(),
            s.url(),
            s.text,
            s.headline_end()
        )
    }

    #[test]
    fn the_quick_reading_builds_what_the_slow_one_does() {
        let objects = [
            r#"{"id": "a", "outlet": "Valley Post", "published": "2024-05-02", "event": "flood", "body": "Water rose.\nSix homes flooded."}"#,
            r#"{"title": "Caf\u00e9 owners \"count losses\"", "url": "https://example.org/x", "body": "Owners said \u201c40 tables\u201d were lost \ud83d\ude00.\r\n\tThen \/ and \\ and \b\f end \u00e9t\u00e9 \u2014 ok"}"#,
            r#"{"body": "\"Quoted\" first, then 12 dead.", "title": "Late title \u0041", "id": "late"}"#,
            "{\"id\": \"multi\",\n  \"title\": \"Two lines\",\n  \"body\": \"\\u00e9\\u00e9 12 \\n done \\u00e9\"\n}",
            r#"{"text": "Text, not body: 7 injured.\n\nMore."}"#,
            r#"{"b\u006fdy": "escaped key", "outlet": "Caf\u00e9 Wire", "id": "k\u00e9y"}"#,
            r#"{"id": "nulls", "title": null, "body": "x", "text": null, "extra": [1, {"body": "no"}], "n": 3.5}"#,
            r#"{"id": "empty", "body": ""}"#,
            "\r\n { \"id\" : \"spaced\" ,\t\"body\" : null ,\r\n \"text\" : \"from \\\"text\\\"\" , \"other\": \"u\\u00e9\", \"title\": \"After\" }  ",
            r#"{"id": "esc-only", "title": "\n", "body": "\u00e9"}"#,
            "{\"id\": \"\u{e9}\u{1f600}\", \"body\": \"\u{e9}t\u{e9} \u{1f600} \\n \u{e9} 3\"}",
        ];
        for (k, object) in objects.iter().enumerate() {
            for (path, many) in [
                (Some(Path::new("dir/s.jsonl")), true),
                (Some(Path::new("dir/s.json")), false),
                (None, true),
            ] {
                let shown = path.map_or("-".into(), |p| p.to_string_lossy());
                let line_no = k + 3;
                for keep in [Keep::Whole, Keep::Metadata] {
                    let quick = quick(&shown, path, line_no, object, many, keep)
                        .unwrap_or_else(|| panic!("not quick: {object}"));
                    let slow = slow(&shown, path, line_no, object, many, keep);
                    match (quick, slow) {
                        (Ok(q), Ok(s)) => assert_eq!(seen(&q), seen(&s), "{object}"),
                        (q, s) => panic!("{object}: {:?} against {:?}", q.err(), s.err()),
                    }
                }
            }
        }
        // read by hand or by serde_json: the same story
        let mut by_hand = 0;
        for (k, object) in objects.iter().enumerate() {
            for keep in [Keep::Whole, Keep::Metadata] {
                let Some(read) = plain(object, k + 1, keep) else {
                    continue;
                };
                by_hand += 1;
                let story = |read| {
                    story_of_read("s.jsonl", None, k + 1, true, keep, read)
                        .unwrap()
                        .unwrap()
                };
                let serde = by_serde(object, k + 1, keep).unwrap();
                assert_eq!(seen(&story(read)), seen(&story(serde)), "{object}");
            }
        }
        assert!(by_hand >= 14, "{by_hand}");
        // no body: rejected alike
        let object = r#"{"id": "none", "title": "x"}"#;
        let q = quick("s.jsonl", None, 1, object, true, Keep::Whole).unwrap();
        assert_eq!(
            q.err(),
            slow("s.jsonl", None, 1, object, true, Keep::Whole).err()
        );
    }

    /// What the quick reading cannot vouch for, the slow one reads, with
    /// the rejection it always gave.
    #[test]
    fn the_slow_reading_says_what_is_wrong() {
        for (object, rejected) in [
            (
                r#"{"id": "a", "body": "lone \ud800 x"}"#,
                "1:33: broken JSON: unexpected end of hex escape at line 1 column 33",
            ),
            (
                r#"{"id": "a", "body": "x \uDBFF y"}"#,
                "1:30: broken JSON: unexpected end of hex escape at line 1 column 30",
            ),
            (
                r#"{"id": "a", "body": "lone \udc00"}"#,
                "1:32: broken JSON: lone leading surrogate in hex escape at line 1 column 32",
            ),
            (
                r#"{"id": "a", "body": "\ud800\u0041"}"#,
                "1:33: broken JSON: lone leading surrogate in hex escape at line 1 column 33",
            ),
            (
                r#"{"id": "a", "body": "\ud800\n"}"#,
                "1:29: broken JSON: unexpected end of hex escape at line 1 column 29",
            ),
            (
                r#"{"id": "a", "text": "\ud83d"}"#,
                "1:28: broken JSON: unexpected end of hex escape at line 1 column 28",
            ),
            (
                r#"{"id": "a", "body": 12}"#,
                "1:22: broken JSON: invalid type: integer `12`, expected a string at line 1 column 22",
            ),
            (
                r#"{"id": "a", "body": "x", "text": 3}"#,
                "1:34: broken JSON: invalid type: integer `3`, expected a string at line 1 column 34",
            ),
            (
                r#"{"id": "a", "body": "x", "text": "\udc00"}"#,
                "1:40: broken JSON: lone leading surrogate in hex escape at line 1 column 40",
            ),
            (
                r#"{"id": 4, "body": "x"}"#,
                "1:8: broken JSON: invalid type: integer `4`, expected a string at line 1 column 8",
            ),
            (
                r#"{"id": "a", "published": "2024-02-30", "body": "x"}"#,
                "1:27: published date \"2024-02-30\" is not a date (expected YYYY-MM-DD)",
            ),
            (
                r#"{"id": "a", "body": "x", "body": "y"}"#,
                "1:31: broken JSON: duplicate field `body` at line 1 column 31",
            ),
            (
                "{\"id\": \"a\", \"body\": \"raw \u{1} control\"}",
                "1:26: broken JSON: control character (\\u0000-\\u001F) found while parsing a string at line 1 column 26",
            ),
            (
                r#"{"id": "a", "body": "x",}"#,
                "1:25: broken JSON: trailing comma at line 1 column 25",
            ),
            (
                r#"{"id": "a", "body": "x"} more"#,
                "1:26: broken JSON: trailing characters at line 1 column 26",
            ),
            (
                r#"{"id": nullx, "body": "x"}"#,
                "1:12: broken JSON: expected `,` or `}` at line 1 column 12",
            ),
            (
                r#"{"id": "a", "body": "x", "id": "b"}"#,
                "1:29: broken JSON: duplicate field `id` at line 1 column 29",
            ),
            (
                r#"{"id": "a", "body": "bad \q escape"}"#,
                "1:27: broken JSON: invalid escape at line 1 column 27",
            ),
        ] {
            for keep in [Keep::Whole, Keep::Metadata] {
                assert!(
                    quick("s.jsonl", None, 1, object, true, keep).is_none(),
                    "{object}"
                );
                let r = record("s.jsonl", None, 1, object, true, keep).unwrap_err();
                assert_eq!(r.to_string(), format!("s.jsonl:{rejected}"), "{object}");
            }
        }
        // both body and text, well formed: the body is the story
        let object = r#"{"id": "a", "body": "the body", "text": "the text"}"#;
        assert!(quick("s.jsonl", None, 1, object, true, Keep::Whole).is_none());
        let s = record("s.jsonl", None, 1, object, true, Keep::Whole).unwrap();
        assert_eq!(s.text, "the body");
    }

    #[test]
    fn a_byte_order_mark_starts_the_file_not_the_story() {
        let b = from_bytes(
            "s.json",
            b"\xef\xbb\xbf{\"id\": \"a\", \"body\": \"12 dead.\"}",
        );
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        let b = from_bytes(
            "s.jsonl",
            b"\xef\xbb\xbf{\"id\": \"a\", \"body\": \"12 dead.\"}\n{\"id\": \"b\", \"body\": \"13 dead.\"}\n",
        );
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        assert_eq!(b.stories.len(), 2);
        // not in the middle of a file
        let b = from_bytes(
            "s.jsonl",
            b"{\"id\": \"a\", \"body\": \"12 dead.\"}\n\xef\xbb\xbf{\"id\": \"b\", \"body\": \"x\"}\n",
        );
        assert_eq!(b.rejected[0].line, Some(2));
    }

    #[test]
    fn a_bad_published_date_names_its_line_and_column() {
        let b = from_bytes(
            "s.json",
            b"{\"id\": \"c\",\n \"published\": \"2024-02-30\",\n \"body\": \"12 dead.\"}\n",
        );
        let r = &b.rejected[0];
        assert_eq!((r.line, r.column), (Some(2), Some(16)), "{r}");
        let b = from_bytes(
            "s.jsonl",
            b"{\"id\": \"a\", \"body\": \"x\"}\n{\"id\": \"b\", \"published\": \"2024-13-01\", \"body\": \"x\"}\n",
        );
        let r = &b.rejected[0];
        assert_eq!((r.line, r.column), (Some(2), Some(27)), "{r}");
    }
}
