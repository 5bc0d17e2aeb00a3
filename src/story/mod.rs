//! Ingest: files, directories and standard input become [`Story`]s.
//!
//! Every input ends as a story or as a [`Rejected`] input with a reason that
//! names the file, line and column; nothing is dropped silently. Directories
//! are walked in sorted order, leaving out hidden files and what a
//! `.gitignore` inside them excludes, and keeping only the story formats we
//! read ([`list`]). No story is read past [`MAX_STORY_BYTES`].

mod front_matter;
mod html;
mod json;
mod list;
mod position;

pub use front_matter::did_you_mean;
pub(crate) use front_matter::yaml_error_start;
pub use list::{Listing, Skip, Skipped, list, skipped_note};
pub use position::Position;
pub(crate) use position::{Anchor, TextMap};

use jiff::civil::Date;
use std::io::Read;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One outlet's story, ready for segmentation.
#[derive(Debug, Clone)]
pub struct Story {
    /// Front matter `id`, else the path without its extension.
    pub id: String,
    /// Front matter `outlet`, else the parent folder's name. Shared: a
    /// checked batch keeps one string for the stories of each outlet.
    pub outlet: Arc<str>,
    pub published: Option<Date>,
    /// Shared like `outlet`, by the stories of each event.
    pub event: Option<Arc<str>>,
    /// The path as given (`-` for standard input); shared like `outlet`,
    /// by the stories of each file.
    pub path: Arc<str>,
    /// Headline (when it came from metadata), a blank line, then the body.
    /// Spans in claims are byte offsets into this text.
    pub text: String,
    /// The rest, boxed; none when all of it is empty (a compacted story
    /// that keeps no text, most of a big batch once it is checked).
    detail: Option<Box<Detail>>,
}

/// What a story has beyond its metadata and text that a compacted story
/// rarely keeps. Out of line, since a big batch keeps a story for every
/// input: inline, these fields were half of what it kept.
#[derive(Debug, Clone, Default)]
struct Detail {
    /// Where the headline ends in `text` (0 when there is no separate
    /// headline); a compacted story has none.
    headline_end: usize,
    title: Option<String>,
    url: Option<String>,
    /// Maps offsets in `text` back to lines and columns of the file.
    map: TextMap,
    /// Rules this story opts out of (front matter `crosscheck-ignore`).
    ignore: Vec<String>,
    /// Spans of `text` that are captions (HTML `figcaption`).
    captions: Vec<std::ops::Range<usize>>,
    /// For a story compacted after checking (`batch::compact`): the pieces
    /// of the original text that `text` keeps, as (start, end) in the
    /// original and start in `text`. Empty when `text` is whole. Offsets
    /// everywhere else stay those of the original text: read it through
    /// [`Story::slice`], [`Story::line_at`] and [`Story::position`].
    kept: Vec<(usize, usize, usize)>,
    /// For a story from a JSON Lines file: the byte offset and number of
    /// its line (never 0), so that [`reread`] can find it again
    /// ([`Story::record`]); a compacted story is not read again. Here, not
    /// inline: a checked batch keeps a story for every input, and without
    /// these 16 bytes one is 112 bytes, not 128.
    record: Option<(u64, NonZeroUsize)>,
    /// The bytes of the record's line at the first reading, with its
    /// newline (0 when unknown): the size of the read that finds it again.
    record_len: u32,
}

impl Detail {
    fn is_empty(&self) -> bool {
        self.headline_end == 0
            && self.title.is_none()
            && self.url.is_none()
            && self.map.is_empty()
            && self.ignore.is_empty()
            && self.captions.is_empty()
            && self.kept.is_empty()
            && self.record.is_none()
            && self.record_len == 0
    }
}

/// A map with no pieces and no index: what a story without a [`Detail`]
/// has (positions in an empty text, all at line 1, column 1).
static NO_MAP: TextMap = TextMap::new();

impl Story {
    /// Where the headline ends in `text` (0 when there is no separate
    /// headline, and in a compacted story).
    pub fn headline_end(&self) -> usize {
        self.detail.as_ref().map_or(0, |d| d.headline_end)
    }

    /// For a story from a JSON Lines file: the byte offset and number of
    /// its line, so that [`reread`] can find it again.
    pub fn record(&self) -> Option<(u64, usize)> {
        let (at, line) = self.detail.as_ref()?.record?;
        Some((at, line.get()))
    }

    /// The bytes of the story's line at the first reading, with its
    /// newline: how much to read to find it again ([`reread_in`]); 0 when
    /// unknown.
    pub(crate) fn record_len(&self) -> u32 {
        self.detail.as_ref().map_or(0, |d| d.record_len)
    }

    /// Set where the story's line is (line numbers start at 1: a line 0
    /// is no record) and how many bytes it had (`len`, 0 when unknown or
    /// beyond a `u32`: a hint only).
    pub(crate) fn set_record(&mut self, (at, line): (u64, usize), len: usize) {
        match NonZeroUsize::new(line) {
            Some(line) => {
                let d = self.detail.get_or_insert_with(Box::default);
                d.record = Some((at, line));
                d.record_len = u32::try_from(len).unwrap_or(0);
            }
            None => {
                if let Some(d) = &mut self.detail {
                    d.record = None;
                    d.record_len = 0;
                }
                self.tidy();
            }
        }
    }

    /// Line and column (1-based, code points) of a byte offset in the text.
    pub fn position(&self, offset: usize) -> Position {
        self.map().position(&self.text, self.local(offset))
    }

    /// The headline given as metadata (front matter, JSON, HTML), if any.
    pub(crate) fn title(&self) -> Option<&str> {
        self.detail.as_ref().and_then(|d| d.title.as_deref())
    }

    /// The story's URL given as metadata, if any.
    pub(crate) fn url(&self) -> Option<&str> {
        self.detail.as_ref().and_then(|d| d.url.as_deref())
    }

    /// Rules this story opts out of (front matter `crosscheck-ignore`; for
    /// a compacted story, its body comments too).
    pub(crate) fn ignore(&self) -> &[String] {
        self.detail.as_ref().map_or(&[], |d| &d.ignore)
    }

    /// Spans of `text` that are captions (HTML `figcaption`).
    pub(crate) fn captions(&self) -> &[std::ops::Range<usize>] {
        self.detail.as_ref().map_or(&[], |d| &d.captions)
    }

    fn map(&self) -> &TextMap {
        self.detail.as_ref().map_or(&NO_MAP, |d| &d.map)
    }

    /// The pieces a compacted story keeps (see [`Detail::kept`]).
    fn kept(&self) -> &[(usize, usize, usize)] {
        self.detail.as_ref().map_or(&[], |d| &d.kept)
    }

    /// Forget the title and URL (only the HTML report's per-event tables
    /// show them).
    pub(crate) fn drop_title_and_url(&mut self) {
        if let Some(d) = &mut self.detail {
            d.title = None;
            d.url = None;
        }
        self.tidy();
    }

    /// Make the story what `batch::compact` keeps of it: `text`, the
    /// pieces of the original it holds, their map and the rules it
    /// ignores. Captions and the record go.
    pub(crate) fn compacted(
        &mut self,
        text: String,
        kept: Vec<(usize, usize, usize)>,
        map: TextMap,
        ignore: Vec<String>,
    ) {
        debug_assert!(self.kept().is_empty(), "a story is compacted once");
        let d = self.detail.get_or_insert_with(Box::default);
        d.headline_end = 0;
        d.kept = kept;
        d.map = map;
        d.ignore = ignore;
        d.captions = Vec::new();
        d.record = None;
        d.record_len = 0;
        self.text = text;
        self.tidy();
    }

    /// No box for nothing.
    fn tidy(&mut self) {
        if self.detail.as_ref().is_some_and(|d| d.is_empty()) {
            self.detail = None;
        }
    }

    /// Where byte `offset` of the original text is in `text` (for a
    /// compacted story; the start of the nearest kept piece when it was
    /// dropped).
    pub(crate) fn local(&self, offset: usize) -> usize {
        local(self.kept(), offset)
    }

    /// The text of a span of the original text ("" when it was dropped).
    pub(crate) fn slice(&self, span: std::ops::Range<usize>) -> &str {
        let (a, b) = (self.local(span.start), self.local(span.end));
        self.text.get(a..b.max(a)).unwrap_or("")
    }

    /// The line holding byte `offset`: where it starts (an offset of the
    /// original text) and its text.
    pub(crate) fn line_at(&self, offset: usize) -> (usize, &str) {
        let at = self.local(offset).min(self.text.len());
        let text = &self.text;
        let (from, to) = self.map().line(text, at);
        (offset - (at - from).min(offset), &text[from..to])
    }

    /// Code points in a span of the original text (of what is kept of it,
    /// for a compacted story).
    pub(crate) fn chars_in(&self, span: std::ops::Range<usize>) -> usize {
        let (a, b) = (self.local(span.start), self.local(span.end));
        self.map().chars(&self.text, a, b.max(a))
    }
}

/// Where byte `offset` of an original text is in a compacted text that
/// keeps the pieces `kept` (see [`Story::local`]).
pub(crate) fn local(kept: &[(usize, usize, usize)], offset: usize) -> usize {
    if kept.is_empty() {
        return offset;
    }
    let k = kept.partition_point(|p| p.0 <= offset);
    match k.checked_sub(1).map(|k| kept[k]) {
        Some((start, end, at)) => at + offset.min(end) - start,
        None => kept[0].2,
    }
}

/// An input that could not be read as a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub reason: String,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.reason)
    }
}

/// What ingest made of the inputs.
#[derive(Debug, Default)]
pub struct Batch {
    pub stories: Vec<Story>,
    pub rejected: Vec<Rejected>,
}

/// Metadata common to every format.
#[derive(Debug, Default, Clone)]
pub(crate) struct Meta {
    pub(crate) id: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) event: Option<String>,
    pub(crate) ignore: Vec<String>,
}

const STORY_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "json", "jsonl"];

/// The largest story read: a file (a JSON Lines file: a line) longer than
/// this is rejected, so that no input exhausts memory.
pub const MAX_STORY_BYTES: usize = 256 << 20;

/// One input to read: a file (named on the command line, or found in a
/// folder) or what came on standard input.
#[derive(Debug)]
pub enum Source {
    File {
        path: PathBuf,
        /// Named on the command line (else found in a folder).
        explicit: bool,
        /// Another input has the same path but for the extension: the
        /// default id keeps it ([`list`]).
        id_with_extension: bool,
    },
    Stdin(Vec<u8>),
}

/// Read every path (files, directories, `-` for JSON Lines on `stdin`).
pub fn ingest(paths: &[String], stdin: &mut dyn Read) -> Batch {
    let (sources, mut rejected) = sources(paths, stdin);
    let (stories, more) = read_all(&sources, &|| {}, |_, s| s);
    rejected.extend(more);
    let mut batch = Batch { stories, rejected };
    reject_duplicate_ids(&mut batch);
    batch
}

/// Read every source on all cores, making each story into a `T` (given the
/// index of its source) as soon as it is read; `advance` is called once a
/// source. A JSON Lines file (or standard input) is read a block of lines
/// at a time by one thread while the others build the stories of the
/// blocks before, so that one big file uses every core and holds only the
/// blocks in flight. Stories and rejections come back in input order,
/// whatever the thread count.
pub fn read_all<T: Send>(
    sources: &[Source],
    advance: &(dyn Fn() + Sync),
    make: impl Fn(usize, Story) -> T + Sync,
) -> (Vec<T>, Vec<Rejected>) {
    read_all_keeping(sources, Keep::Whole, advance, make)
}

/// What a reading builds of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    Whole,
    /// The metadata, for a story of JSON Lines: valid or rejected as a
    /// whole reading finds it, with its id, outlet, dates, event and
    /// record, but no title, no URL, an empty text and no positions (the
    /// first reading of `check`, which reads each story again to compare
    /// it).
    /// Stories of other formats are read whole.
    Metadata,
}

/// [`read_all`], building of each story what `keep` says.
pub(crate) fn read_all_keeping<T: Send>(
    sources: &[Source],
    keep: Keep,
    advance: &(dyn Fn() + Sync),
    make: impl Fn(usize, Story) -> T + Sync,
) -> (Vec<T>, Vec<Rejected>) {
    use rayon::prelude::*;
    let read: Vec<(Vec<T>, Vec<Rejected>)> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let made = match json_lines(s) {
                Some(lines) => read_blocks(lines, s, keep, &|st| make(i, st)),
                None => {
                    let b = read(s);
                    // not `collect`: collecting in place would keep the
                    // stories' bigger buffer for every source until all
                    // are read
                    let mut made = Vec::with_capacity(b.stories.len());
                    made.extend(b.stories.into_iter().map(|st| make(i, st)));
                    (made, b.rejected)
                }
            };
            advance();
            made
        })
        .collect();
    let mut made = Vec::new();
    let mut rejected = Vec::new();
    for (m, r) in read {
        made.extend(m);
        rejected.extend(r);
    }
    (made, rejected)
}

/// A source of JSON Lines, opened: its name as shown, its path, and its
/// lines (or why the file cannot be opened).
type JsonLines<'a> = (
    String,
    Option<&'a Path>,
    Result<Box<dyn std::io::BufRead + Send + 'a>, Rejected>,
);

/// The lines of `source` when it is JSON Lines (a `.jsonl` file or
/// standard input).
fn json_lines(source: &Source) -> Option<JsonLines<'_>> {
    match source {
        Source::Stdin(bytes) => Some(("-".to_string(), None, Ok(Box::new(&bytes[..])))),
        Source::File { path, .. } => {
            let jsonl = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"));
            if !jsonl {
                return None;
            }
            let shown = display(path);
            let lines = match std::fs::File::open(path) {
                Ok(f) => Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, f))
                    as Box<dyn std::io::BufRead + Send>),
                Err(e) => Err(reject(&shown, None, None, format!("cannot read: {e}"))),
            };
            Some((shown, Some(path.as_path()), lines))
        }
    }
}

/// Read JSON Lines a block at a time on this thread, building the stories
/// of each block on any (see [`read_all`]); in input order.
fn read_blocks<T: Send>(
    (shown, path, lines): JsonLines<'_>,
    source: &Source,
    keep: Keep,
    make: &(dyn Fn(Story) -> T + Sync),
) -> (Vec<T>, Vec<Rejected>) {
    use rayon::prelude::*;
    let mut input = match lines {
        Ok(l) => l,
        Err(r) => return (Vec::new(), vec![r]),
    };
    let with_extension = matches!(
        source,
        Source::File {
            id_with_extension: true,
            ..
        }
    );
    let mut done: Vec<(usize, Vec<T>, Vec<Rejected>)> = json::Blocks::new(&shown, &mut *input)
        .enumerate()
        .par_bridge()
        .map(|(k, block)| {
            let mut batch = Batch::default();
            block.read(&shown, path, keep, &mut batch);
            drop(block);
            if let (true, Some(p)) = (with_extension, path) {
                keep_extension(p, &mut batch);
            }
            let mut made = Vec::with_capacity(batch.stories.len());
            made.extend(batch.stories.into_iter().map(make));
            (k, made, batch.rejected)
        })
        .collect();
    done.sort_unstable_by_key(|d| d.0);
    let mut made = Vec::with_capacity(done.iter().map(|d| d.1.len()).sum());
    let mut rejected = Vec::new();
    for (_, m, r) in done {
        made.extend(m);
        rejected.extend(r);
    }
    (made, rejected)
}

/// The inputs `paths` name and the paths that could not be listed: a
/// [`list`] without what walks left out.
pub(crate) fn sources(paths: &[String], stdin: &mut dyn Read) -> (Vec<Source>, Vec<Rejected>) {
    let l = list(paths, stdin);
    (l.sources, l.rejected)
}

/// Read one input: its stories, or why it (or a line of it) was rejected.
pub(crate) fn read(source: &Source) -> Batch {
    let mut batch = Batch::default();
    match source {
        Source::Stdin(bytes) => json::lines("-", None, &mut &bytes[..], &mut batch),
        Source::File {
            path,
            explicit,
            id_with_extension,
        } => {
            read_file(path, *explicit, &mut batch);
            if *id_with_extension {
                keep_extension(path, &mut batch);
            }
        }
    }
    batch
}

/// Stories whose id is their path without its extension (by default, or
/// given so) take the path with it: `dir/h.md` beside `dir/h.txt`.
fn keep_extension(path: &Path, batch: &mut Batch) {
    let stem = display(&path.with_extension(""));
    for s in &mut batch.stories {
        if s.id == stem {
            s.id = display(path);
        }
    }
}

/// Read one story again: the whole source, or for JSON Lines only the line
/// at `record` (a story's [`Story::record`]). Checking a big batch reads
/// each story twice (once to group, once to compare) rather than keep
/// every text in memory.
pub fn reread(source: &Source, record: Option<(u64, usize)>) -> Batch {
    let Some(at) = record else {
        return read(source);
    };
    let mut batch = Batch::default();
    match source {
        Source::Stdin(bytes) => {
            let from = usize::try_from(at.0).unwrap_or(usize::MAX).min(bytes.len());
            let rest = &bytes[from..];
            let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |n| n + 1);
            json::line("-", None, at, &rest[..end], Keep::Whole, &mut batch);
        }
        Source::File { path, .. } => {
            let shown = display(path);
            let mut buf = Vec::new();
            let read = std::fs::File::open(path).and_then(|f| {
                use std::io::Seek;
                let mut r = std::io::BufReader::new(f);
                r.seek(std::io::SeekFrom::Start(at.0))?;
                list::read_line(&mut r, &mut buf, MAX_STORY_BYTES)
            });
            match read {
                Ok(list::Line::TooLong) => batch.rejected.push(too_long(&shown, Some(at.1))),
                Ok(_) => json::line(&shown, Some(path), at, &buf, Keep::Whole, &mut batch),
                Err(e) => batch.rejected.push(reject(
                    &shown,
                    Some(at.1),
                    None,
                    format!("cannot read again: {e}"),
                )),
            }
        }
    }
    batch
}

/// [`reread`] with the file of a JSON Lines `source` already open: the
/// line at `record` is read where it is, with no seek, so that threads
/// share one open file (checking a JSON Lines file opened, sought and
/// closed it once per story). Anything else is read as [`reread`] does.
/// `len` is the line's length at the first reading ([`Story::record_len`],
/// 0 when unknown): the first read takes that many bytes and one more,
/// whatever the line holds now.
pub(crate) fn reread_in(
    source: &Source,
    record: Option<(u64, usize)>,
    len: u32,
    file: Option<&std::fs::File>,
) -> Batch {
    let (Some(at), Some(file), Source::File { path, .. }) = (record, file, source) else {
        return reread(source, record);
    };
    let mut batch = Batch::default();
    let shown = path.to_string_lossy();
    READ_BUFFER.with_borrow_mut(|buf| {
        let first = match usize::try_from(len) {
            Ok(n) if n > 0 => n.saturating_add(1),
            _ => FIRST_READ,
        };
        match line_at(file, at.0, first, buf) {
            Ok((list::Line::TooLong, _)) => batch.rejected.push(too_long(&shown, Some(at.1))),
            Ok((_, n)) => json::line(&shown, Some(path), at, &buf[..n], Keep::Whole, &mut batch),
            Err(e) => batch.rejected.push(reject(
                &shown,
                Some(at.1),
                None,
                format!("cannot read again: {e}"),
            )),
        }
        if buf.capacity() > READ_BUFFER_KEPT {
            *buf = Vec::new();
        }
    });
    batch
}

/// The first read of a line whose length is unknown: most stories are
/// shorter than 4 KiB (of the real-news lines, 88 %), and reading 8 KiB
/// for each copied three times the bytes of the average line.
const FIRST_READ: usize = 4 * 1024;

/// Read into `buf` the line of `file` that starts at byte `offset`, with
/// its newline, as [`list::read_line`] reads it from there; the line is
/// the first bytes of `buf`, as many as the count returned. What `buf`
/// holds beyond them is left as it is: read into again for the next line
/// with no zeroing (zeroing the 8 KiB of a first read cost as much as
/// reading them). The first read is of `first` bytes (at most the longest
/// line and its newline), each further one twice as long as the one
/// before: the line read is the same whatever `first` is, only the count
/// of reads changes.
fn line_at(
    file: &std::fs::File,
    offset: u64,
    first: usize,
    buf: &mut Vec<u8>,
) -> std::io::Result<(list::Line, usize)> {
    use std::os::unix::fs::FileExt;
    let mut chunk = first.clamp(1, MAX_STORY_BYTES + 1);
    let mut len = 0;
    loop {
        if buf.len() < len + chunk {
            buf.resize(len + chunk, 0);
        }
        let n = loop {
            match file.read_at(&mut buf[len..len + chunk], offset + len as u64) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                r => break r,
            }
        }?;
        if let Some(k) = memchr::memchr(b'\n', &buf[len..len + n]) {
            len += k + 1;
        } else if n > 0 {
            len += n;
            if len <= MAX_STORY_BYTES {
                chunk = (chunk * 2).min(MAX_STORY_BYTES + 1 - len);
                continue;
            }
        } else if len == 0 {
            return Ok((list::Line::End, 0));
        }
        let content = len - usize::from(buf[len - 1] == b'\n');
        return Ok(if content > MAX_STORY_BYTES {
            (list::Line::TooLong, MAX_STORY_BYTES + 1)
        } else {
            (list::Line::Read, len)
        });
    }
}

/// Two stories with one id cannot both be cited: see [`first_of_each_id`].
pub(crate) fn reject_duplicate_ids(batch: &mut Batch) {
    let stories = std::mem::take(&mut batch.stories);
    batch.stories = first_of_each_id(
        stories,
        |s| (&s.id, &s.path, s.record().map(|r| r.1)),
        &mut batch.rejected,
    );
}

/// Of the items that share a story id, keep the first by path (then by
/// line, for JSON Lines; then in the order given), whatever the order of
/// the arguments, and reject the others, naming the one kept. `key` gives
/// an item's id, path and line. The ids are borrowed and the items kept in
/// place: a batch of 100,000 stories holds no second copy of either.
pub fn first_of_each_id<T>(
    mut items: Vec<T>,
    key: impl Fn(&T) -> (&str, &str, Option<usize>),
    rejected: &mut Vec<Rejected>,
) -> Vec<T> {
    let mut duplicate = vec![false; items.len()];
    {
        let mut first: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        first.reserve(items.len());
        let mut shared = false;
        for (k, item) in items.iter().enumerate() {
            let (id, path, line) = key(item);
            match first.get_mut(id) {
                Some(f) => {
                    shared = true;
                    let (_, kept_path, kept_line) = key(&items[*f]);
                    if (path, line) < (kept_path, kept_line) {
                        duplicate[*f] = true;
                        *f = k;
                    } else {
                        duplicate[k] = true;
                    }
                }
                None => {
                    first.insert(id, k);
                }
            }
        }
        if shared {
            for (k, item) in items.iter().enumerate() {
                if !duplicate[k] {
                    continue;
                }
                let (id, path, line) = key(item);
                let (_, kept, kept_line) = key(&items[first[id]]);
                let at = kept_line.map(|l| format!(":{l}")).unwrap_or_default();
                rejected.push(reject(
                    path,
                    line,
                    None,
                    format!(
                        "duplicate story id {id:?}: {kept}{at} has it too and is checked \
                         (of stories with one id, the first by path is kept)"
                    ),
                ));
            }
        }
    }
    let mut k = 0;
    items.retain(|_| {
        k += 1;
        !duplicate[k - 1]
    });
    items
}

fn has_story_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| STORY_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

pub(crate) fn reject(
    path: &str,
    line: Option<usize>,
    column: Option<usize>,
    reason: String,
) -> Rejected {
    Rejected {
        path: path.to_string(),
        line,
        column,
        reason,
    }
}

fn read_file(path: &Path, explicit: bool, batch: &mut Batch) {
    let shown = display(path);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if explicit && !STORY_EXTENSIONS.contains(&ext.as_str()) {
        batch.rejected.push(reject(
            &shown,
            None,
            None,
            format!(
                "unsupported file type {}: stories are .txt, .md, .html, .json or .jsonl",
                if ext.is_empty() {
                    "(no extension)".to_string()
                } else {
                    format!(".{ext}")
                }
            ),
        ));
        return;
    }
    if ext == "jsonl" {
        match std::fs::File::open(path) {
            Ok(f) => json::lines(
                &shown,
                Some(path),
                &mut std::io::BufReader::with_capacity(1 << 16, f),
                batch,
            ),
            Err(e) => batch
                .rejected
                .push(reject(&shown, None, None, format!("cannot read: {e}"))),
        }
        return;
    }
    READ_BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        // through `take`: `File::read_to_end` asks the file's size and
        // position first, two system calls a story
        let read = std::fs::File::open(path).and_then(|f| {
            use std::io::Read;
            f.take(MAX_STORY_BYTES as u64 + 1).read_to_end(buf)
        });
        match read {
            Ok(n) if n > MAX_STORY_BYTES => batch.rejected.push(too_long(&shown, None)),
            Ok(_) => read_bytes(&shown, path, &ext, buf, batch),
            Err(e) => batch
                .rejected
                .push(reject(&shown, None, None, format!("cannot read: {e}"))),
        }
        // a huge file's buffer is not kept for the stories after it
        if buf.capacity() > READ_BUFFER_KEPT {
            *buf = Vec::new();
        }
    });
}

/// The rejection of a story (a JSON line: `line`) over [`MAX_STORY_BYTES`].
pub(crate) fn too_long(shown: &str, line: Option<usize>) -> Rejected {
    reject(
        shown,
        line,
        None,
        format!(
            "larger than the largest story read ({}); not read further",
            list::size(MAX_STORY_BYTES)
        ),
    )
}

thread_local! {
    /// Each thread reads its files into one buffer: a story's bytes are
    /// only looked at while its story is built, so a check of 100,000
    /// files allocates no buffer per file, and asks no file for its size
    /// first (`fs::read` does, one system call more per file).
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(64 * 1024));
}

/// The largest read buffer a thread keeps for the next file.
const READ_BUFFER_KEPT: usize = 1 << 20;

fn read_bytes(shown: &str, path: &Path, ext: &str, bytes: &[u8], batch: &mut Batch) {
    match ext {
        "jsonl" => json::lines(shown, Some(path), &mut &bytes[..], batch),
        "json" => json::single(shown, path, bytes, batch),
        "html" | "htm" => match utf8(shown, bytes)
            .and_then(|t| html::story(shown, path, t.strip_prefix('\u{feff}').unwrap_or(t)))
        {
            Ok(s) => batch.stories.push(s),
            Err(r) => batch.rejected.push(r),
        },
        _ => match utf8(shown, bytes) {
            Ok(text) => match text_story(shown, path, text, ext == "md" || ext == "markdown") {
                Ok(s) => batch.stories.push(s),
                Err(r) => batch.rejected.push(r),
            },
            Err(r) => batch.rejected.push(r),
        },
    }
}

/// A story written inline (rule tests, library users): the text is the
/// body, positions count from its first line.
pub fn inline(
    id: &str,
    outlet: &str,
    title: Option<&str>,
    published: Option<&str>,
    event: Option<&str>,
    body: &str,
) -> Result<Story, Rejected> {
    let meta = Meta {
        id: Some(id.to_string()),
        outlet: Some(outlet.to_string()),
        title: title.map(str::to_string),
        published: published.map(str::to_string),
        url: None,
        event: event.map(str::to_string),
        ignore: Vec::new(),
    };
    let headline = title.map(|t| (t.to_string(), Anchor::escaped(1, 1)));
    assemble(id, None, meta, headline, body, Anchor::verbatim(1, 1))
}

/// Ingest the bytes of one file named `name` (its extension picks the
/// format: `.md`, `.txt`, `.json`, `.jsonl`), as if read from disk.
pub fn from_bytes(name: &str, bytes: &[u8]) -> Batch {
    let mut batch = Batch::default();
    let path = Path::new(name);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    read_bytes(name, path, &ext, bytes, &mut batch);
    batch
}

/// Decode UTF-8 or say where it breaks.
pub(crate) fn utf8<'a>(shown: &str, bytes: &'a [u8]) -> Result<&'a str, Rejected> {
    // text with a NUL byte is binary, not a story
    if let Some(at) = memchr::memchr(0, bytes) {
        let good = &bytes[..at];
        let line = memchr::memchr_iter(b'\n', good).count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        return Err(reject(
            shown,
            Some(line),
            Some(column),
            "a binary file (NUL byte), not a story".to_string(),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = memchr::memchr_iter(b'\n', good).count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        reject(
            shown,
            Some(line),
            Some(column),
            "not valid UTF-8".to_string(),
        )
    })
}

/// Default id: the path without its extension; default outlet: the folder.
fn defaults(path: Option<&Path>, meta: &mut Meta) {
    if let Some(p) = path {
        if meta.id.is_none() {
            meta.id = Some(display(&p.with_extension("")));
        }
        if meta.outlet.is_none() {
            meta.outlet = p
                .parent()
                .and_then(|d| d.file_name())
                .map(|n| n.to_string_lossy().into_owned());
        }
    }
}

pub(crate) fn parse_published(s: &str) -> Option<Date> {
    let day = s.get(..10).unwrap_or(s);
    day.parse::<Date>().ok()
}

/// The rejection of a `published` value that is no date, at its place.
pub(crate) fn bad_published(shown: &str, value: &str, line: usize, column: usize) -> Rejected {
    reject(
        shown,
        Some(line),
        Some(column),
        format!("published date {value:?} is not a date (expected YYYY-MM-DD)"),
    )
}

/// Build a story from its parts; the headline gets its own anchor.
pub(crate) fn assemble(
    shown: &str,
    path: Option<&Path>,
    meta: Meta,
    headline: Option<(String, Anchor)>,
    body: &str,
    body_anchor: Anchor,
) -> Result<Story, Rejected> {
    let headline = headline.map(|(h, a)| (h, vec![(0, a)]));
    build(
        shown,
        path,
        meta,
        headline,
        body,
        vec![(0, body_anchor)],
        Vec::new(),
    )
}

/// A headline or body and where its runs start in the file: (offset in the
/// piece's text, anchor).
pub(crate) type Pieces = Vec<(usize, Anchor)>;

/// Build a story from a headline and a body made of anchored runs;
/// `captions` are spans of the body.
pub(crate) fn build(
    shown: &str,
    path: Option<&Path>,
    meta: Meta,
    headline: Option<(String, Pieces)>,
    body: &str,
    body_pieces: Pieces,
    captions: Vec<std::ops::Range<usize>>,
) -> Result<Story, Rejected> {
    let mut text = String::with_capacity(body.len() + 64);
    let mut map = TextMap::default();
    let mut headline_end = 0;
    if let Some((h, pieces)) = headline {
        for (at, anchor) in pieces {
            map.push(at, anchor);
        }
        text.push_str(&h);
        headline_end = text.len();
        text.push_str("\n\n");
    }
    let body_start = text.len();
    for (at, anchor) in body_pieces {
        map.push(body_start + at, anchor);
    }
    text.push_str(body);
    map.index(&text);
    let captions = captions
        .into_iter()
        .map(|r| body_start + r.start..body_start + r.end)
        .collect();
    story_of(shown, path, meta, (text, map, headline_end), captions)
}

/// A story of its metadata and its text (the text, its map, indexed, and
/// where the headline ends), the defaults taken from `path`; `captions`
/// are spans of the text.
pub(crate) fn story_of(
    shown: &str,
    path: Option<&Path>,
    mut meta: Meta,
    (text, map, headline_end): (String, TextMap, usize),
    captions: Vec<std::ops::Range<usize>>,
) -> Result<Story, Rejected> {
    defaults(path, &mut meta);
    let published = match meta.published.as_deref() {
        Some(p) => Some(parse_published(p).ok_or_else(|| {
            reject(
                shown,
                None,
                None,
                format!("published date {p:?} is not a date (expected YYYY-MM-DD)"),
            )
        })?),
        None => None,
    };
    let detail = Detail {
        headline_end,
        title: meta.title,
        url: meta.url,
        map,
        ignore: meta.ignore,
        captions,
        kept: Vec::new(),
        record: None,
        record_len: 0,
    };
    Ok(Story {
        id: meta.id.unwrap_or_else(|| shown.to_string()),
        outlet: meta.outlet.map_or_else(|| Arc::from("unknown"), Arc::from),
        published,
        event: meta.event.map(Arc::from),
        path: Arc::from(shown),
        text,
        // no box for nothing
        detail: (!detail.is_empty()).then(|| Box::new(detail)),
    })
}

fn text_story(shown: &str, path: &Path, text: &str, markdown: bool) -> Result<Story, Rejected> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let opened = text.starts_with("---\n") || text.starts_with("---\r\n");
    if markdown || opened {
        if let Some(fm) = front_matter::split(text) {
            let (meta, title_anchor) = front_matter::parse(shown, fm.yaml, fm.yaml_line)?;
            let headline = match (&meta.title, title_anchor) {
                (Some(t), Some(a)) => Some((t.clone(), a)),
                _ => None,
            };
            let body_anchor = Anchor::verbatim(fm.body_line, 1);
            return assemble(shown, Some(path), meta, headline, fm.body, body_anchor);
        }
        if opened {
            // read as body text, its metadata would become claims and quotes
            return Err(reject(
                shown,
                Some(1),
                Some(1),
                "front matter opened with `---` is never closed (a line of `---` ends it)"
                    .to_string(),
            ));
        }
    }
    // plain text: the outlet from a dateline or a source tag, if any
    let meta = Meta {
        outlet: outlet_in_text(text),
        ..Meta::default()
    };
    assemble(shown, Some(path), meta, None, text, Anchor::verbatim(1, 1))
}

/// The outlet a plain-text story names in its first line with text: a
/// source tag (`Source: Harbour Herald`, `Outlet: ...`, `Publisher:
/// ...`) or a wire dateline (`MARREN, Valley (Wire Service) — ...`,
/// `KYIV (Reuters) - ...`: a place in capitals, the outlet in brackets,
/// a dash). `None` when the line is neither: the folder names the outlet.
pub(crate) fn outlet_in_text(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    for tag in ["source:", "outlet:", "publisher:"] {
        if line.len() > tag.len() && line[..tag.len()].eq_ignore_ascii_case(tag) {
            let name = line[tag.len()..].trim();
            let ok = (1..=60).contains(&name.chars().count())
                && name.starts_with(|c: char| c.is_alphanumeric());
            return ok.then(|| name.to_string());
        }
    }
    let (place, rest) = line.split_once(" (")?;
    let (outlet, after) = rest.split_once(')')?;
    let place_ok = (2..=60).contains(&place.chars().count())
        && place.starts_with(|c: char| c.is_uppercase())
        // the place (its first part) in capitals: `MARREN`, `NEW YORK`
        && place
            .split(',')
            .next()
            .is_some_and(|p| p.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
        && place
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '.' | '\'' | '-'));
    let outlet_ok = (2..=40).contains(&outlet.chars().count())
        && outlet.starts_with(|c: char| c.is_uppercase())
        && outlet
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '&' | '.' | '\'' | '-'));
    let dash = after
        .trim_start()
        .starts_with(['\u{2014}', '\u{2013}', '-']);
    (place_ok && outlet_ok && dash).then(|| outlet.trim().to_string())
}

/// The stories of `../shared/realnews` (every `stories.jsonl` there), for
/// the tests that check a fast path against the plain one on real text;
/// `None`, with "skipped" said, when the folder is missing.
#[cfg(test)]
pub(crate) fn realnews_stories() -> Option<Vec<Story>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realnews");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        eprintln!("skipped: {} is missing", root.display());
        return None;
    };
    let mut stories = Vec::new();
    for d in dirs.filter_map(Result::ok) {
        if let Ok(bytes) = std::fs::read(d.path().join("stories.jsonl")) {
            stories.extend(from_bytes("realnews.jsonl", &bytes).stories);
        }
    }
    assert!(!stories.is_empty(), "no stories in {}", root.display());
    Some(stories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_story_names_its_outlet_in_a_dateline_or_a_tag() {
        for (text, outlet) in [
            (
                "MARREN, Valley (Wire Service) \u{2014} The river rose.",
                Some("Wire Service"),
            ),
            ("\nNEW YORK (AP) - Twelve people died.", Some("AP")),
            ("KYIV (Reuters) -- Shelling went on.", Some("Reuters")),
            (
                "Source: Harbour Herald\nThe river rose.",
                Some("Harbour Herald"),
            ),
            ("outlet: City Wire\nText.", Some("City Wire")),
            ("The mayor (Labour) - re-elected.", None),
            ("Twelve people (five of them children) died.", None),
            ("MARREN - The river rose.", None),
            ("Source:\nText.", None),
        ] {
            assert_eq!(outlet_in_text(text).as_deref(), outlet, "{text:?}");
        }
    }

    fn ingest_str(name: &str, content: &str) -> Batch {
        let dir =
            std::env::temp_dir().join(format!("crosscheck-story-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, content).unwrap();
        let b = ingest(&[p.to_string_lossy().into_owned()], &mut std::io::empty());
        std::fs::remove_dir_all(&dir).unwrap();
        b
    }

    /// A story compacted to nothing (most of a checked batch) keeps no
    /// detail box, and reads as the empty text it is.
    #[test]
    fn a_story_compacted_to_nothing_keeps_no_detail() {
        let mut s = inline("s", "Outlet", Some("Storm"), None, None, "12 dead.\nMore.").unwrap();
        assert_eq!(s.title(), Some("Storm"));
        assert!(s.position(s.text.len()) > Position { line: 1, column: 1 });
        s.compacted(String::new(), Vec::new(), TextMap::default(), Vec::new());
        assert!(s.detail.is_some(), "the title is still there");
        s.drop_title_and_url();
        assert!(s.detail.is_none());
        assert_eq!(s.position(12), Position { line: 1, column: 1 });
        assert_eq!(
            (s.slice(0..4), s.line_at(7), s.chars_in(0..9)),
            ("", (7, ""), 0)
        );
        assert!(s.title().is_none() && s.ignore().is_empty() && s.captions().is_empty());
        // ignores alone keep a box
        s.compacted(
            String::new(),
            Vec::new(),
            TextMap::default(),
            vec!["x".into()],
        );
        assert_eq!(s.ignore(), ["x"]);
        // a big batch keeps one story per input: what is inline stays small
        assert!(
            std::mem::size_of::<Story>() <= 176,
            "{}",
            std::mem::size_of::<Story>()
        );
    }

    #[test]
    fn markdown_front_matter_and_positions() {
        let b = ingest_str(
            "a.md",
            "---\nid: quake-1\noutlet: Daily Bugle\ntitle: 35 dead in quake\npublished: 2023-02-07\nevent: quake\n---\nRescuers found 35 bodies.\n",
        );
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        let s = &b.stories[0];
        assert_eq!(s.id, "quake-1");
        assert_eq!(&*s.outlet, "Daily Bugle");
        assert_eq!(s.published, Some(Date::constant(2023, 2, 7)));
        assert!(s.text.starts_with("35 dead in quake\n\nRescuers"));
        // the headline points at the title line, the body after the front matter
        let p = s.position(0);
        assert_eq!((p.line, p.column), (4, 8));
        let body35 = s.text.find("35 bodies").unwrap();
        let p = s.position(body35);
        assert_eq!((p.line, p.column), (8, 16));
    }

    #[test]
    fn broken_front_matter_is_rejected_with_a_position() {
        let b = ingest_str("b.md", "---\nid: x\noutlet: [unclosed\n---\nBody.\n");
        assert!(b.stories.is_empty());
        let r = &b.rejected[0];
        assert!(r.line.is_some_and(|l| l >= 3), "{r}");
        assert!(r.reason.contains("front matter"), "{r}");
    }

    #[test]
    fn front_matter_never_closed_is_rejected_at_its_first_line() {
        for (name, text) in [
            ("a.md", "---\nid: x\noutlet: A\n12 people died.\n"),
            ("a.txt", "---\r\nid: x\r\n12 people died.\r\n"),
            ("a.md", "\u{feff}---\nid: x\n"),
        ] {
            let b = from_bytes(name, text.as_bytes());
            assert!(b.stories.is_empty(), "{text:?}");
            let r = &b.rejected[0];
            assert_eq!((r.line, r.column), (Some(1), Some(1)), "{r}");
            assert!(r.reason.contains("never closed"), "{r}");
        }
        // a rule further down is no front matter
        let b = from_bytes("a.md", b"Intro.\n---\n12 people died.\n");
        assert_eq!(b.stories.len(), 1, "{:?}", b.rejected);
    }

    #[test]
    fn a_bad_published_date_names_its_line_and_column() {
        let b = from_bytes("a.md", b"---\nid: a\npublished: 2024-02-30\n---\nBody.\n");
        let r = &b.rejected[0];
        assert_eq!((r.line, r.column), (Some(3), Some(12)), "{r}");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let dir = std::env::temp_dir().join(format!("crosscheck-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("bad.txt");
        std::fs::write(&p, b"line one\nab\xffcd\n").unwrap();
        let b = ingest(&[p.to_string_lossy().into_owned()], &mut std::io::empty());
        std::fs::remove_dir_all(&dir).unwrap();
        let r = &b.rejected[0];
        assert_eq!((r.line, r.column), (Some(2), Some(3)));
    }

    #[test]
    fn missing_paths_and_unknown_types_are_rejected_not_dropped() {
        let b = ingest(&["/no/such/file.md".to_string()], &mut std::io::empty());
        assert_eq!(b.rejected.len(), 1);
        let b = ingest_str("c.pdf", "x");
        assert!(
            b.rejected[0].reason.contains("unsupported"),
            "{:?}",
            b.rejected
        );
    }

    /// A JSON Lines file of several blocks, read on all cores a block at a
    /// time, gives the stories and rejections of reading it line by line,
    /// in the same order; and so does the same text on standard input.
    #[test]
    fn json_lines_read_in_blocks_are_read_as_line_by_line() {
        use std::fmt::Write as _;
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 3 * json::BLOCK_BYTES + 1000 {
            k += 1;
            match k % 97 {
                0 => text.push_str("{broken\n"),
                1 => text.push_str("   \n"),
                2 => {
                    let _ = writeln!(
                        text,
                        "{{\"id\": \"s{k}\", \"published\": \"2024-13-01\", \"body\": \"x\"}}"
                    );
                }
                _ => {
                    let _ = writeln!(
                        text,
                        "{{\"id\": \"s{k}\", \"title\": \"Title {k}\", \"event\": \"e{}\", \"body\": \"{} people died.\\n\\n{}\"}}",
                        k % 7,
                        k % 50,
                        "Rescuers searched the valley. ".repeat(k % 40)
                    );
                }
            }
        }
        // no newline at the end
        text.push_str("{\"id\": \"last\", \"body\": \"3 dead.\"}");
        let dir = std::env::temp_dir().join(format!("crosscheck-blocks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("big.jsonl");
        std::fs::write(&p, &text).unwrap();
        let mut by_line = Batch::default();
        json::lines(
            &display(&p),
            Some(&p),
            &mut std::io::BufReader::new(std::fs::File::open(&p).unwrap()),
            &mut by_line,
        );
        // what a story is, as a reader of it sees it
        let seen = |stories: &[Story]| -> Vec<String> {
            stories
                .iter()
                .map(|s| {
                    let at = s.text.len() / 2;
                    format!(
                        "{} {:?} {:?} {:?}",
                        s.id,
                        s.record(),
                        s.text,
                        s.position(at)
                    )
                })
                .collect()
        };
        assert!(by_line.stories.len() > 1000 && by_line.rejected.len() > 20);
        let file = Source::File {
            path: p.clone(),
            explicit: true,
            id_with_extension: false,
        };
        let (stories, rejected) = read_all(std::slice::from_ref(&file), &|| {}, |_, s| s);
        assert_eq!(seen(&stories), seen(&by_line.stories));
        assert_eq!(rejected, by_line.rejected);
        // the metadata alone: the same stories, ids, events and records,
        // the same rejections, and no text, title or URL
        let meta = |s: &Story| {
            format!(
                "{} {} {:?} {:?} {:?} {}",
                s.id,
                s.outlet,
                s.published,
                s.event,
                s.record(),
                s.path
            )
        };
        let (light, rejected) = read_all_keeping(
            std::slice::from_ref(&file),
            Keep::Metadata,
            &|| {},
            |_, s| s,
        );
        assert_eq!(
            light.iter().map(meta).collect::<Vec<_>>(),
            stories.iter().map(meta).collect::<Vec<_>>()
        );
        assert!(
            light
                .iter()
                .all(|s| s.text.is_empty() && s.title().is_none() && s.url().is_none())
        );
        assert!(stories.iter().any(|s| s.title().is_some()));
        assert_eq!(rejected, by_line.rejected);
        let stdin = Source::Stdin(text.into_bytes());
        let (stories, rejected) = read_all(std::slice::from_ref(&stdin), &|| {}, |_, s| s);
        let mut on_stdin = Batch::default();
        json::lines("-", None, &mut &text_of(&stdin)[..], &mut on_stdin);
        assert_eq!(seen(&stories), seen(&on_stdin.stories));
        assert_eq!(rejected, on_stdin.rejected);
        assert_eq!(stories.len(), by_line.stories.len());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A story read again through an open file is the story read again
    /// by opening it: lines longer than a first read, the last line
    /// without its newline, and a file cut short since the first reading.
    #[test]
    fn stories_read_again_in_an_open_file_are_read_as_before() {
        let dir = std::env::temp_dir().join(format!("crosscheck-again-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("again.jsonl");
        let mut text = String::new();
        for k in 0..40 {
            let body = "Crews said 12 homes burned. ".repeat(k * k * 3);
            text.push_str(&format!(
                "{{\"id\": \"a{k}\", \"title\": \"T{k}\", \"body\": \"{body}\\n\\n{k} died.\"}}\n"
            ));
        }
        text.push_str("{\"id\": \"end\", \"body\": \"3 dead.\"}");
        std::fs::write(&p, &text).unwrap();
        let source = Source::File {
            path: p.clone(),
            explicit: true,
            id_with_extension: false,
        };
        let first = read(&source);
        assert_eq!(first.stories.len(), 41);
        assert!(first.stories.iter().any(|s| s.text.len() > 40_000));
        let shown = |b: &Batch| {
            let stories: Vec<String> = b
                .stories
                .iter()
                .map(|s| {
                    format!(
                        "{} {:?} {:?} {:?}",
                        s.id,
                        s.record(),
                        s.text,
                        s.position(s.text.len() / 2)
                    )
                })
                .collect();
            (stories, b.rejected.clone())
        };
        let file = std::fs::File::open(&p).unwrap();
        // the line's length at the first reading, and hints that are
        // wrong (too short, too long, none): the same line is read
        let hints = |s: &Story| {
            let n = s.record_len();
            [n, 0, 1, n / 2, n.saturating_sub(1), n + 1, n * 3 + 7]
        };
        let mut lens = Vec::new();
        for s in &first.stories {
            lens.push(s.record_len());
            for len in hints(s) {
                let again = reread_in(&source, s.record(), len, Some(&file));
                assert_eq!(shown(&again), shown(&reread(&source, s.record())));
                assert_eq!(again.stories.len(), 1, "{}", s.id);
                assert_eq!(again.stories[0].text, s.text);
            }
        }
        // every line's bytes, its newline with them but for the last
        let ends: Vec<u32> = text
            .split_inclusive('\n')
            .map(|l| u32::try_from(l.len()).unwrap())
            .collect();
        assert_eq!(lens, ends);
        // cut short: the last stories are gone, or broken
        std::fs::write(&p, &text[..text.len() / 2]).unwrap();
        for s in &first.stories {
            for len in hints(s) {
                let again = reread_in(&source, s.record(), len, Some(&file));
                assert_eq!(shown(&again), shown(&reread(&source, s.record())));
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn text_of(source: &Source) -> Vec<u8> {
        match source {
            Source::Stdin(b) => b.clone(),
            Source::File { .. } => unreachable!(),
        }
    }

    #[test]
    fn stdin_json_lines_keep_going_after_a_broken_line() {
        let input = "{\"id\":\"a\",\"outlet\":\"A\",\"body\":\"12 dead.\"}\n{broken\n{\"id\":\"b\",\"outlet\":\"B\",\"text\":\"13 dead.\"}\n";
        let b = ingest(&["-".to_string()], &mut input.as_bytes());
        assert_eq!(b.stories.len(), 2);
        assert_eq!(b.rejected.len(), 1);
        assert_eq!(b.rejected[0].line, Some(2));
        assert_eq!(b.stories[1].id, "b");
    }
}
