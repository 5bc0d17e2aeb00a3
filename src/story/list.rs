//! From the paths on the command line to the inputs to read.
//!
//! Folders are walked in sorted order. A walk leaves out what the README
//! promises and nothing else: hidden files and folders (names starting
//! with `.`), what a `.gitignore` inside the walked folder excludes, and
//! a repository's own documents (`README.md`, `LICENSE.txt`).
//! Not `.ignore` files, not a `.gitignore` above the folder, not
//! `.git/info/exclude` or the user's global excludes: a batch must check
//! the same whoever runs it, wherever it sits. What a walk leaves out is
//! returned ([`Skipped`]), so that it can be told.
//!
//! Only regular files are read: a FIFO would block forever and a device
//! (`/dev/zero`) never ends, so both are rejected with a reason. The same
//! file reached twice (`check stories stories/sub`) is one input, shown
//! by the first of its paths in sorted order.

use super::{MAX_STORY_BYTES, Rejected, Source, display, has_story_extension, reject};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the paths name: the inputs to read, the paths that could not be
/// listed, and what folder walks left out.
#[derive(Debug, Default)]
pub struct Listing {
    pub sources: Vec<Source>,
    pub rejected: Vec<Rejected>,
    /// Sorted by path.
    pub skipped: Vec<Skipped>,
    /// The arguments that named no story at all: a folder with no story
    /// file, standard input with no line. In the order given.
    pub empty: Vec<String>,
}

/// A file or folder a walk left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub(crate) path: String,
    pub(crate) why: Skip,
}

/// Why a walk left a path out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Its name starts with `.`.
    Hidden,
    /// A `.gitignore` (this one) inside the walked folder excludes it.
    GitIgnored(String),
    /// A repository's own document (`README.md`, `CHANGELOG.md`,
    /// `LICENSE.txt`): not a story, though it has a story's extension.
    Document,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.why {
            Skip::Hidden => write!(f, "{} (hidden)", self.path),
            Skip::GitIgnored(by) => write!(f, "{} (ignored by {by})", self.path),
            Skip::Document => write!(f, "{} (a repository document)", self.path),
        }
    }
}

/// One line that tells what walks left out (`None` when nothing): how
/// many, and the first few.
pub fn skipped_note(skipped: &[Skipped]) -> Option<String> {
    const SHOWN: usize = 10;
    if skipped.is_empty() {
        return None;
    }
    let n = skipped.len();
    let mut note = format!(
        "skipped {n} path{} in folders: ",
        if n == 1 { "" } else { "s" }
    );
    let shown: Vec<String> = skipped
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    note.push_str(&shown.join(", "));
    if n > SHOWN {
        note.push_str(&format!(", and {} more", n - SHOWN));
    }
    Some(note)
}

/// The inputs `paths` name (`-`: JSON Lines on `stdin`), in order (folders
/// walked in sorted order), each file once; the paths that could not be
/// listed; what walks left out. Reading the inputs ([`super::read`]) is
/// independent for each, so callers may do it in parallel. (Reports sort
/// stories by path; `diff A B` keeps its two in order.)
pub fn list(paths: &[String], stdin: &mut dyn Read) -> Listing {
    let mut l = Listing::default();
    // where each argument is, when several could reach one file
    let mut roots = Vec::new();
    let mut symlinks = false;
    for p in paths {
        if p == "-" {
            read_stdin(stdin, &mut l);
            if matches!(l.sources.last(), Some(Source::Stdin(buf)) if buf.iter().all(u8::is_ascii_whitespace))
            {
                l.empty.push(p.clone());
            }
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let before = (l.sources.len(), l.rejected.len());
                symlinks |= walk(path, &mut l);
                if before == (l.sources.len(), l.rejected.len()) {
                    l.empty.push(p.clone());
                }
            }
            Ok(m) if m.is_file() => l.sources.push(Source::File {
                path: path.to_path_buf(),
                explicit: true,
                id_with_extension: false,
            }),
            Ok(m) => {
                l.rejected
                    .push(reject(p, None, None, not_regular(m.file_type())));
                continue;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && is_pattern(p) => {
                // the shell passes on a pattern that matched nothing
                l.rejected.push(reject(
                    p,
                    None,
                    None,
                    "no stories found: no file matches this pattern".to_string(),
                ));
                continue;
            }
            Err(e) => {
                l.rejected
                    .push(reject(p, None, None, format!("cannot read: {e}")));
                continue;
            }
        }
        if paths.len() > 1 {
            roots.push(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
        }
    }
    if symlinks || overlap(&mut roots) {
        once_each(&mut l.sources);
    }
    mark_clashing_ids(&mut l.sources);
    // a folder walked twice skips its paths twice
    l.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    l.skipped.dedup();
    l
}

/// A repository's own documents, which a folder walk leaves out although
/// they end in `.md` or `.txt`: `README`, `CHANGELOG`, `CONTRIBUTING`,
/// `LICENSE`, `CODE_OF_CONDUCT`, `SECURITY`, `AUTHORS`, `NOTICE` (any
/// case, any extension). Named on the command line, they are read.
fn is_repository_document(path: &Path) -> bool {
    const NAMES: [&str; 9] = [
        "README",
        "CHANGELOG",
        "CHANGES",
        "CONTRIBUTING",
        "LICENSE",
        "CODE_OF_CONDUCT",
        "SECURITY",
        "AUTHORS",
        "NOTICE",
    ];
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| NAMES.iter().any(|n| stem.eq_ignore_ascii_case(n)))
}

/// Whether a path that does not exist reads as a shell pattern (`*.md`,
/// `story-?.txt`, `[ab].md`) that matched nothing.
fn is_pattern(p: &str) -> bool {
    p.contains(['*', '?']) || (p.contains('[') && p.contains(']'))
}

/// Why a path that is neither a file nor a folder is not read.
fn not_regular(t: std::fs::FileType) -> String {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            "a named pipe (FIFO)"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let what = {
        let _ = t;
        "a special file"
    };
    format!("not a regular file: {what}; stories are read from files only")
}

/// Read JSON Lines from standard input, each line at most
/// [`MAX_STORY_BYTES`]; a longer line stops the reading there (an endless
/// line, `/dev/zero`, would never end), and is rejected.
fn read_stdin(stdin: &mut dyn Read, l: &mut Listing) {
    let mut input = std::io::BufReader::with_capacity(1 << 16, stdin);
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        let start = buf.len();
        line_no += 1;
        match read_line(&mut input, &mut buf, MAX_STORY_BYTES) {
            Ok(Line::End) => break,
            Ok(Line::Read) => {}
            Ok(Line::TooLong) => {
                buf.truncate(start);
                l.rejected.push(reject(
                    "-",
                    Some(line_no),
                    None,
                    format!(
                        "a line longer than the largest story ({}); standard input was read no further",
                        size(MAX_STORY_BYTES)
                    ),
                ));
                break;
            }
            Err(e) => {
                buf.truncate(start);
                l.rejected.push(reject(
                    "-",
                    Some(line_no),
                    None,
                    format!("cannot read standard input: {e}"),
                ));
                break;
            }
        }
    }
    if let Some((line_no, line)) = not_json_lines(&buf) {
        // a Markdown or text story piped in: one message, not one a line
        let shown: String = line.chars().take(40).collect();
        l.rejected.push(reject(
            "-",
            Some(line_no),
            Some(1),
            format!(
                "standard input is read as JSON Lines, one story a line ({{\"id\": ..., \"body\": ...}}), and its first line is not JSON ({shown:?}); pass a .md or .txt file by its path"
            ),
        ));
        return;
    }
    l.sources.push(Source::Stdin(buf));
}

/// The first line of `buf` with text, when it cannot begin a JSON
/// object (`{`): then the input is no JSON Lines at all. Its 1-based
/// number and text.
fn not_json_lines(buf: &[u8]) -> Option<(usize, String)> {
    let (k, line) = buf
        .split(|&b| b == b'\n')
        .enumerate()
        .find(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))?;
    let text = String::from_utf8_lossy(line);
    let text = text.trim_start_matches('\u{feff}').trim();
    (!text.starts_with('{')).then(|| (k + 1, text.to_string()))
}

/// What [`read_line`] read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line {
    /// A line (with its newline, if it had one) was appended.
    Read,
    /// The input has ended.
    End,
    /// The line is longer than the limit: what was appended is part of it.
    TooLong,
}

/// Append one line of `input` to `buf`, unless it is longer than `max`
/// bytes (its newline not counted): then stop after `max + 1` bytes.
pub(super) fn read_line(
    input: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Line> {
    let mut n = 0;
    loop {
        let avail = match input.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(if n == 0 { Line::End } else { Line::Read });
        }
        let (take, ends) = match memchr::memchr(b'\n', avail) {
            Some(k) => (k + 1, true),
            None => (avail.len(), false),
        };
        let content = n + take - usize::from(ends);
        if content > max {
            let keep = max + 1 - n;
            buf.extend_from_slice(&avail[..keep]);
            input.consume(keep);
            return Ok(Line::TooLong);
        }
        buf.extend_from_slice(&avail[..take]);
        input.consume(take);
        n += take;
        if ends {
            return Ok(Line::Read);
        }
    }
}

/// A size for people: `256 MiB`.
pub(super) fn size(bytes: usize) -> String {
    format!("{} MiB", bytes >> 20)
}

/// Walk a folder in sorted order, adding its story files (and rejecting
/// its special files that are named as stories); whether it met a
/// symbolic link, through which a file may be reached twice.
fn walk(dir: &Path, l: &mut Listing) -> bool {
    let filter = Arc::new(Mutex::new(Filter::new(dir)));
    let walker = {
        let filter = Arc::clone(&filter);
        ignore::WalkBuilder::new(dir)
            .standard_filters(false)
            .sort_by_file_name(std::cmp::Ord::cmp)
            .follow_links(true)
            .filter_entry(move |e| filter.lock().map_or(true, |mut f| f.keep(e)))
            .build()
    };
    let mut symlinks = false;
    for entry in walker {
        match entry {
            Ok(e) => {
                symlinks |= e.path_is_symlink();
                let Some(t) = e.file_type() else { continue };
                if t.is_dir() || !has_story_extension(e.path()) {
                    continue;
                }
                if t.is_file() {
                    l.sources.push(Source::File {
                        path: e.path().to_path_buf(),
                        explicit: false,
                        id_with_extension: false,
                    });
                } else {
                    // a pipe or a device named as a story
                    l.rejected
                        .push(reject(&display(e.path()), None, None, not_regular(t)));
                }
            }
            Err(err) => {
                let path = error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                l.rejected.push(reject(
                    &display(&path),
                    None,
                    None,
                    format!("cannot read: {err}"),
                ));
            }
        }
    }
    let skipped = filter
        .lock()
        .map(|mut f| std::mem::take(&mut f.skipped))
        .unwrap_or_default();
    l.skipped.extend(skipped);
    symlinks
}

/// What a walk leaves out, decided entry by entry as the walk goes down
/// (depth first), with the `.gitignore` of every folder above the entry,
/// up to the walked one.
struct Filter {
    /// The `.gitignore` of each folder on the way down: (depth, matcher,
    /// its path).
    stack: Vec<(usize, ignore::gitignore::Gitignore, String)>,
    skipped: Vec<Skipped>,
}

impl Filter {
    fn new(root: &Path) -> Filter {
        let mut f = Filter {
            stack: Vec::new(),
            skipped: Vec::new(),
        };
        f.enter(0, root);
        f
    }

    /// Going into a folder at `depth`: its `.gitignore`, if it has one. An
    /// invalid line in it is left out, as git leaves it out.
    fn enter(&mut self, depth: usize, dir: &Path) {
        let file = dir.join(".gitignore");
        if file.is_file() {
            let (matcher, _invalid_lines) = ignore::gitignore::Gitignore::new(&file);
            if !matcher.is_empty() {
                self.stack.push((depth, matcher, display(&file)));
            }
        }
    }

    fn keep(&mut self, e: &ignore::DirEntry) -> bool {
        let depth = e.depth();
        // the folders above this entry only
        while self.stack.last().is_some_and(|s| s.0 >= depth) {
            self.stack.pop();
        }
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        // worth telling: folders and story files (not `.git` itself)
        let told = (is_dir && e.file_name() != ".git") || has_story_extension(e.path());
        if e.file_name().to_string_lossy().starts_with('.') {
            if told {
                self.skipped.push(Skipped {
                    path: display(e.path()),
                    why: Skip::Hidden,
                });
            }
            return false;
        }
        // the nearest .gitignore with a say decides
        for (_, m, file) in self.stack.iter().rev() {
            match m.matched(e.path(), is_dir) {
                ignore::Match::None => {}
                ignore::Match::Whitelist(_) => break,
                ignore::Match::Ignore(_) => {
                    if told {
                        self.skipped.push(Skipped {
                            path: display(e.path()),
                            why: Skip::GitIgnored(file.clone()),
                        });
                    }
                    return false;
                }
            }
        }
        if is_dir {
            self.enter(depth, e.path());
        } else if has_story_extension(e.path()) && is_repository_document(e.path()) {
            self.skipped.push(Skipped {
                path: display(e.path()),
                why: Skip::Document,
            });
            return false;
        }
        true
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// Whether one argument lies inside another (or is the same): then a file
/// may be reached twice. Sorted component by component, a path comes just
/// before the paths inside it, so neighbours tell.
fn overlap(roots: &mut [PathBuf]) -> bool {
    roots.sort();
    roots.windows(2).any(|w| w[1].starts_with(&w[0]))
}

/// Keep one input per file: of the paths that reach one file, the first
/// in sorted order, so that the path shown does not depend on the order
/// of the arguments.
fn once_each(sources: &mut Vec<Source>) {
    let mut first: rustc_hash::FxHashMap<PathBuf, usize> = rustc_hash::FxHashMap::default();
    let mut kept = Vec::with_capacity(sources.len());
    for s in sources.drain(..) {
        let Source::File { path, explicit, .. } = &s else {
            kept.push(s);
            continue;
        };
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        match first.get(&real) {
            Some(&f) => {
                if let Source::File {
                    path: kept_path,
                    explicit: kept_explicit,
                    ..
                } = &mut kept[f]
                {
                    if display(path) < display(kept_path) {
                        kept_path.clone_from(path);
                    }
                    *kept_explicit |= *explicit;
                }
            }
            None => {
                first.insert(real, kept.len());
                kept.push(s);
            }
        }
    }
    *sources = kept;
}

/// `h.txt`, `h.md` and `h.json` in one folder would all be `dir/h` by
/// default: their default ids keep the extension (`dir/h.md`). A JSON
/// Lines file's ids carry the line (`dir/h:3`) and never clash.
fn mark_clashing_ids(sources: &mut [Source]) {
    let stem = |s: &Source| match s {
        Source::File { path, .. }
            if !path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonl")) =>
        {
            Some(display(&path.with_extension("")))
        }
        _ => None,
    };
    let mut count: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for s in sources.iter() {
        if let Some(k) = stem(s) {
            *count.entry(k).or_default() += 1;
        }
    }
    if count.values().all(|&n| n == 1) {
        return;
    }
    for s in sources.iter_mut() {
        let clash = stem(s).is_some_and(|k| count[&k] > 1);
        if let Source::File {
            id_with_extension, ..
        } = s
        {
            *id_with_extension = clash;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_up_to_the_limit() {
        // a tiny buffer: lines cross its refills
        let text = b"ab\nabcd\nabcde\nabc";
        let mut input = std::io::BufReader::with_capacity(2, &text[..]);
        let mut got = Vec::new();
        loop {
            let mut buf = Vec::new();
            let r = read_line(&mut input, &mut buf, 4).unwrap();
            if r == Line::End {
                break;
            }
            got.push((r, String::from_utf8(buf).unwrap()));
        }
        assert_eq!(
            got,
            [
                (Line::Read, "ab\n".to_string()),
                (Line::Read, "abcd\n".to_string()),
                // five bytes read of a line of five: the rest is the next read
                (Line::TooLong, "abcde".to_string()),
                (Line::Read, "\n".to_string()),
                (Line::Read, "abc".to_string()),
            ]
        );
    }

    #[test]
    fn the_skipped_note_counts_and_shows_the_first_few() {
        assert_eq!(skipped_note(&[]), None);
        let one = Skipped {
            path: "b/.x.md".to_string(),
            why: Skip::Hidden,
        };
        assert_eq!(
            skipped_note(std::slice::from_ref(&one)).unwrap(),
            "skipped 1 path in folders: b/.x.md (hidden)"
        );
        let many = vec![one; 12];
        assert!(
            skipped_note(&many)
                .unwrap()
                .ends_with("(hidden), and 2 more")
        );
    }

    #[test]
    fn arguments_inside_others_overlap() {
        let p = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert!(overlap(&mut p(&["/s/b", "/s", "/t"])));
        assert!(overlap(&mut p(&["/s/a.md", "/t", "/s/a.md"])));
        assert!(!overlap(&mut p(&["/s-b", "/s/a", "/s/b", "/sb"])));
    }
}
