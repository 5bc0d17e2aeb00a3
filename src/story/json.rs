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

fn record(shown: &str, path: Option<&Path>, line_no: usize, line: &str, many: bool) -> Result<super::Story, Rejected> {
    let r: Record = serde_json::from_str(line).map_err(|e| {
        reject(shown, Some(line_no + e.line() - 1), Some(e.column()), format!("broken JSON: {e}"))
    })?;
    let Some(body) = r.body.or(r.text) else {
        return Err(reject(shown, Some(line_no), Some(1), "story has no \"body\" or \"text\" field".to_string()));
    };
    // anchor the body at its string in the line (exact when nothing before it is escaped)
    let col_of = |key: &str| {
        let needle = format!("\"{key}\"");
        line.find(&needle).map(|k| {
            let after = &line[k + needle.len()..];
            let q = after.find('"').map_or(0, |q| q + 1);
            line[..k + needle.len() + q].chars().count() + 1
        })
    };
    let body_col = col_of("body").or_else(|| col_of("text")).unwrap_or(1);
    let headline = r
        .title
        .clone()
        .map(|t| (t, Anchor::escaped(line_no, col_of("title").unwrap_or(1))));
    // several stories in one file need distinct default ids
    let default_id = match path {
        Some(p) if many => Some(format!("{}:{line_no}", p.with_extension("").to_string_lossy())),
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
    };
    assemble(shown, path, meta, headline, &body, Anchor::escaped(line_no, body_col)).map_err(|mut e| {
        e.line = Some(line_no);
        e
    })
}

/// JSON Lines: every non-blank line is a story.
pub(super) fn lines(shown: &str, path: Option<&Path>, bytes: &[u8], batch: &mut Batch) {
    let mut line_no = 0;
    for raw in bytes.split(|&b| b == b'\n') {
        line_no += 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = match utf8(shown, raw) {
            Ok(l) => l,
            Err(mut r) => {
                r.line = Some(line_no);
                batch.rejected.push(r);
                continue;
            }
        };
        match record(shown, path, line_no, line, true) {
            Ok(s) => batch.stories.push(s),
            Err(r) => batch.rejected.push(r),
        }
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
    // a multi-line object: parse it whole, anchoring at its first line
    let r: Result<Record, _> = serde_json::from_str(text);
    match r {
        Err(e) => batch.rejected.push(reject(shown, Some(e.line()), Some(e.column()), format!("broken JSON: {e}"))),
        Ok(_) => {
            let flat: String = text.replace(['\n', '\r'], " ");
            match record(shown, Some(path), 1, &flat, false) {
                Ok(s) => batch.stories.push(s),
                Err(r) => batch.rejected.push(r),
            }
        }
    }
}
