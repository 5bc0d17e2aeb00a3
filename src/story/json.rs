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
type Fields = (Record<Unread>, Option<&'static str>);

/// `line` parsed, keeping the body's text only when `keep` asks for it.
fn parse(line: &str, keep: Keep) -> serde_json::Result<(Fields, Option<String>)> {
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
/// way must read it: when serde_json finds the object broken (the slow
/// reading says where, as it always did), when the body is no string or
/// holds a surrogate that is not one of a pair (serde_json passes over
/// those unread), when both `body` and `text` are given, or when the
/// story is to be rejected for its date. What the quick reading builds is
/// what the slow one builds: the same text, metadata and positions.
///
/// The quick way reads the object once with serde_json, borrowing what
/// has no escape and passing over the body, then decodes the body from
/// the line into the story's text, anchoring a piece after each escape
/// without counting code points ([`Anchor::escaped_from`]). The slow way
/// decoded the body into serde_json's buffer, copied it to a string, then
/// to the text, and counted the code points of the line up to each escape.
fn quick(
    shown: &str,
    path: Option<&Path>,
    line_no: usize,
    line: &str,
    many: bool,
    keep: Keep,
) -> Option<Result<super::Story, Rejected>> {
    let r: Quick<'_> = serde_json::from_str(line).ok()?;
    let body_key = match (r.body.is_some(), r.text.is_some()) {
        (true, true) => return None,
        (true, false) => "body",
        (false, true) => "text",
        (false, false) => return Some(Err(no_body(shown, line_no))),
    };
    if r.published
        .as_ref()
        .is_some_and(|p| super::parse_published(&p.0).is_none())
    {
        return None;
    }
    let body = string_start(line, body_key)?;
    let (text, title, url) = match keep {
        Keep::Whole => {
            // the body is most often last: the rest of the line is about
            // its length
            let mut text = String::with_capacity(
                r.title.as_ref().map_or(0, |t| t.0.len() + 2) + line.len() - body,
            );
            let mut map = TextMap::new();
            let mut headline_end = 0;
            if r.title.is_some() {
                let at = string_start(line, "title")?;
                decode(line, at, start_of(line, line_no, at), &mut text, &mut map)?;
                headline_end = text.len();
                text.push_str("\n\n");
            }
            let at = start_of(line, line_no, body);
            decode(line, body, at, &mut text, &mut map)?;
            map.index(&text);
            (
                (text, map, headline_end),
                r.title.map(Str::owned),
                r.url.map(Str::owned),
            )
        }
        // the metadata alone: the body checked, the title and URL not kept
        Keep::Metadata => {
            if !paired(line, body) {
                return None;
            }
            ((String::new(), TextMap::new(), 0), None, None)
        }
    };
    let meta = Meta {
        id: match r.id {
            Some(id) => Some(id.owned()),
            None => default_id(shown, path, line_no, many),
        },
        outlet: r.outlet.map(Str::owned),
        title,
        published: r.published.map(Str::owned),
        url,
        event: r.event.map(Str::owned),
        ignore: Vec::new(),
    };
    Some(
        super::story_of(shown, path, meta, text, Vec::new()).map_err(|mut e| {
            e.line = e.line.or(Some(line_no));
            e
        }),
    )
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

/// Decode the JSON string literal that starts at byte `start` of `json`
/// (after its opening quote; read by serde_json already) onto `text`,
/// anchoring its pieces in `map`; the literal starts at `(line, column)`
/// of the file. A piece starts after every escape, so that a column
/// counts the file's characters (`\"` is two, `\u00e9` six) rather than
/// the decoded ones; an escape's own character falls at the end of the
/// piece before, on its backslash. Each piece's column is the literal's
/// plus how much wider than their characters the escapes before it are,
/// counted from the literal's start in `text`: no code point is counted
/// until a position is asked for. `None` when a surrogate is not one of a
/// pair.
fn decode(
    json: &str,
    start: usize,
    (line, column): (usize, usize),
    text: &mut String,
    map: &mut TextMap,
) -> Option<()> {
    let from = text.len();
    map.push(from, Anchor::escaped_from(line, column, from)?);
    let b = json.as_bytes();
    let mut wider = 0;
    let mut i = start;
    loop {
        let k = i + memchr::memchr2(b'"', b'\\', b.get(i..)?)?;
        text.push_str(&json[i..k]);
        if b[k] == b'"' {
            return Some(());
        }
        let (width, c) = escape(b, k)?;
        text.push(c);
        i = k + width;
        wider += width - 1;
        map.push(
            text.len(),
            Anchor::escaped_from(line, column + wider, from)?,
        );
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
            s.record = Some(at);
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
            s.headline_end
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
