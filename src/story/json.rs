//! Stories as JSON: one object in a `.json` file, one per line in `.jsonl`
//! files and on standard input.
//!
//! ```json
//! {"id": "...", "outlet": "...", "title": "...", "published": "2022-04-19",
//!  "url": "...", "event": "...", "body": "..."}
//! ```
//!
//! `text` is accepted for `body`. A broken line rejects that line only.

use super::{Anchor, Batch, Meta, Rejected, assemble, reject, utf8};
use serde::Deserialize;
use std::io::BufRead;
use std::path::Path;

#[derive(Deserialize)]
struct Record {
    id: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    event: Option<String>,
    body: Option<String>,
    text: Option<String>,
}

fn record(
    shown: &str,
    path: Option<&Path>,
    line_no: usize,
    line: &str,
    many: bool,
) -> Result<super::Story, Rejected> {
    let r: Record = serde_json::from_str(line).map_err(|e| {
        reject(
            shown,
            Some(line_no + e.line() - 1),
            Some(e.column()),
            format!("broken JSON: {e}"),
        )
    })?;
    let Some(body) = r.body.or(r.text) else {
        return Err(reject(
            shown,
            Some(line_no),
            Some(1),
            "story has no \"body\" or \"text\" field".to_string(),
        ));
    };
    // anchor a field at its string value (exact when nothing before it in
    // the value is escaped); the object may span several lines
    let anchor_of = |key: &str| {
        let needle = format!("\"{key}\"");
        line.find(&needle).map(|k| {
            let after = &line[k + needle.len()..];
            let q = after.find('"').map_or(0, |q| q + 1);
            let value = k + needle.len() + q;
            let line_start = line[..value].rfind('\n').map_or(0, |n| n + 1);
            let newlines = line[..value].matches('\n').count();
            Anchor::escaped(
                line_no + newlines,
                line[line_start..value].chars().count() + 1,
            )
        })
    };
    let body_anchor = anchor_of("body")
        .or_else(|| anchor_of("text"))
        .unwrap_or(Anchor::escaped(line_no, 1));
    let headline = r
        .title
        .clone()
        .map(|t| (t, anchor_of("title").unwrap_or(Anchor::escaped(line_no, 1))));
    // several stories in one file need distinct default ids
    let default_id = match path {
        Some(p) if many => Some(format!(
            "{}:{line_no}",
            p.with_extension("").to_string_lossy()
        )),
        Some(_) => None,
        None => Some(format!("{shown}:{line_no}")),
    };
    let meta = Meta {
        id: r.id.or(default_id),
        outlet: r.outlet,
        title: r.title,
        published: r.published,
        url: r.url,
        event: r.event,
        ignore: Vec::new(),
    };
    assemble(shown, path, meta, headline, &body, body_anchor).map_err(|mut e| {
        e.line = Some(line_no);
        e
    })
}

/// JSON Lines: every non-blank line is a story. Read a line at a time, so a
/// big file is never held whole.
pub(super) fn lines(shown: &str, path: Option<&Path>, input: &mut dyn BufRead, batch: &mut Batch) {
    let mut line_no = 0;
    let mut offset: u64 = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = match input.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                batch.rejected.push(reject(
                    shown,
                    Some(line_no + 1),
                    None,
                    format!("cannot read: {e}"),
                ));
                break;
            }
        };
        line_no += 1;
        line(shown, path, (offset, line_no), &buf, batch);
        offset += n as u64;
    }
}

/// The story on one line (`at`: its byte offset and line number); a blank
/// line is none.
pub(super) fn line(
    shown: &str,
    path: Option<&Path>,
    at: (u64, usize),
    raw: &[u8],
    batch: &mut Batch,
) {
    let line_no = at.1;
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
    match record(shown, path, line_no, line, true) {
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
        Ok(t) => t,
        Err(r) => {
            batch.rejected.push(r);
            return;
        }
    };
    match record(shown, Some(path), 1, text, false) {
        Ok(s) => batch.stories.push(s),
        Err(r) => batch.rejected.push(r),
    }
}
