//! YAML front matter at the top of a Markdown story.
//!
//! ```text
//! ---
//! id: quake-bugle
//! outlet: Daily Bugle
//! title: 35 dead as quake hits
//! published: 2023-02-07
//! url: https://example.com/quake
//! event: quake-2023
//! ---
//! ```
//!
//! Unknown keys are kept out of the way (newsroom CMSs add many); wrong
//! types and broken YAML reject the story with the file's line and column.

use super::{Anchor, Meta, Rejected, reject};
use serde::Deserialize;

pub(super) struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_line: usize,
}

/// Split `---\n yaml \n---\n body`; `None` when there is no front matter.
pub(super) fn split(text: &str) -> Option<Split<'_>> {
    let first_nl = if text.starts_with("---\r\n") {
        5
    } else if text.starts_with("---\n") {
        4
    } else {
        return None;
    };
    let rest = &text[first_nl..];
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..at];
            let body = &rest[at + line.len()..];
            let yaml_lines = yaml.matches('\n').count();
            return Some(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: 2 + yaml_lines + 1,
            });
        }
        at += line.len();
    }
    None
}

#[derive(Deserialize)]
struct Raw {
    id: Option<Scalar>,
    outlet: Option<Scalar>,
    title: Option<Scalar>,
    published: Option<Scalar>,
    url: Option<Scalar>,
    event: Option<Scalar>,
    #[serde(rename = "crosscheck-ignore", default)]
    ignore: Option<Ignore>,
    #[serde(flatten)]
    _rest: serde_yaml::Mapping,
}

/// `crosscheck-ignore: rule-id` or a list of ids.
#[derive(Deserialize)]
#[serde(untagged)]
enum Ignore {
    One(String),
    Many(Vec<String>),
}

/// Front matter values are strings, but YAML reads `2022-04-19` or `42` as
/// other scalars; take any scalar as its text.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    S(String),
    I(i64),
    F(f64),
    B(bool),
}

impl Scalar {
    fn text(self) -> String {
        match self {
            Scalar::S(s) => s,
            Scalar::I(i) => i.to_string(),
            Scalar::F(f) => f.to_string(),
            Scalar::B(b) => b.to_string(),
        }
    }
}

/// Parse the YAML; returns the metadata and where the title's value starts.
pub(super) fn parse(
    shown: &str,
    yaml: &str,
    yaml_line: usize,
) -> Result<(Meta, Option<Anchor>), Rejected> {
    if yaml.trim().is_empty() {
        return Ok((Meta::default(), None));
    }
    let raw: Raw = serde_yaml::from_str(yaml).map_err(|e| {
        // an error found at the end of input belongs to the last YAML line
        let last = yaml.trim_end().lines().count().max(1);
        let (line, column) = e.location().map_or((yaml_line, 1), |l| {
            if l.line() > last {
                let width = yaml
                    .trim_end()
                    .lines()
                    .last()
                    .map_or(0, |x| x.chars().count());
                (yaml_line + last - 1, width + 1)
            } else {
                (yaml_line + l.line() - 1, l.column())
            }
        });
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        reject(
            shown,
            Some(line),
            Some(column),
            format!("broken front matter: {msg}"),
        )
    })?;
    // the title's value: find its line to anchor the headline
    let title_anchor = yaml.lines().enumerate().find_map(|(k, l)| {
        let v = l.strip_prefix("title:")?;
        let lead = v.len() - v.trim_start().len();
        let quoted = v.trim_start().starts_with(['"', '\'']);
        Some(Anchor::verbatim(
            yaml_line + k,
            7 + lead + usize::from(quoted),
        ))
    });
    let meta = Meta {
        id: raw.id.map(Scalar::text),
        outlet: raw.outlet.map(Scalar::text),
        title: raw.title.map(Scalar::text),
        published: raw.published.map(Scalar::text),
        url: raw.url.map(Scalar::text),
        event: raw.event.map(Scalar::text),
        ignore: match raw.ignore {
            Some(Ignore::One(s)) => vec![s],
            Some(Ignore::Many(v)) => v,
            None => Vec::new(),
        },
    };
    Ok((meta, title_anchor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\na: 1\nb: 2\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "a: 1\nb: 2\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
        assert!(split("no front matter").is_none());
        assert!(split("---\nnever closed\n").is_none());
    }

    #[test]
    fn scalars_of_any_type_become_text() {
        let (m, a) = parse(
            "x.md",
            "id: 42\npublished: 2022-04-19\ntitle: Hello\nauthor: Someone\n",
            2,
        )
        .unwrap();
        assert_eq!(m.id.as_deref(), Some("42"));
        assert_eq!(m.published.as_deref(), Some("2022-04-19"));
        assert_eq!(a, Some(Anchor::verbatim(4, 8)));
    }
}
