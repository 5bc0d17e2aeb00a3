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
//! Unknown keys are kept out of the way (newsroom CMSs add many), except
//! one that looks like a slip for a key crosscheck reads (`evnt:`,
//! `outlett:`), which rejects the story with a "did you mean": a misspelt
//! `event` would group the story with the wrong ones without a word. Wrong
//! types and broken YAML reject the story with the file's line and column
//! where the problem starts (an unclosed quote at its opening).
//!
//! Most front matter is a flat list of `key: plain text`. That is read
//! directly ([`flat`]); anything else (quotes, lists, comments, numbers,
//! `null`, `true`) goes to serde_yaml, whose parser costs a 64 KB set-up per
//! document, more than the rest of a story's reading.

use super::{Anchor, Meta, Rejected, reject};
use serde_yaml::Value;

pub(super) struct Split<'a> {
    pub(crate) yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub(crate) yaml_line: usize,
    pub(crate) body: &'a str,
    pub(crate) body_line: usize,
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

/// Parse the YAML; returns the metadata and where the title's value starts.
pub(super) fn parse(
    shown: &str,
    yaml: &str,
    yaml_line: usize,
) -> Result<(Meta, Option<Anchor>), Rejected> {
    if yaml.trim().is_empty() {
        return Ok((Meta::default(), None));
    }
    let meta = match flat(yaml) {
        Some(meta) => meta,
        None => yaml_meta(shown, yaml, yaml_line)?,
    };
    misspelt_keys(shown, yaml, yaml_line)?;
    if let Some(p) = meta.published.as_deref() {
        if super::parse_published(p).is_none() {
            let (line, column) = value_position(yaml, yaml_line, "published");
            return Err(super::bad_published(shown, p, line, column));
        }
    }
    // the title's value: find its line to anchor the headline
    let title_anchor = key_value(yaml, "title").map(|(k, column, raw)| {
        let quoted = raw.starts_with(['"', '\'']);
        Anchor::verbatim(yaml_line + k, column + usize::from(quoted))
    });
    Ok((meta, title_anchor))
}

/// The keys crosscheck reads.
pub(crate) const KEYS: [&str; 7] = [
    "id",
    "outlet",
    "title",
    "published",
    "url",
    "event",
    "crosscheck-ignore",
];

/// Edit distance with transpositions (optimal string alignment), in
/// characters: `evnt`/`event` 1, `outlett`/`outlet` 1, `pubilshed` 1.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The known word `word` is most likely a slip for, if any: another case
/// or separator (`Event`, `crosscheck_ignore`), or one edit away (two for
/// words of seven letters or more), and not a word of its own that starts
/// like it and is two letters shorter or longer (`publish`, a CMS's field).
pub fn did_you_mean<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let norm = |w: &str| w.to_lowercase().replace('_', "-");
    let w = norm(word);
    known
        .iter()
        .map(|k| (edit_distance(&w, k), *k))
        .filter(|&(d, k)| {
            let (lw, lk) = (w.chars().count(), k.chars().count());
            let other_word =
                (w.starts_with(k) || k.starts_with(w.as_str())) && lw.abs_diff(lk) >= 2;
            d == 0 || (lk >= 4 && !other_word && d <= if lk >= 7 { 2 } else { 1 })
        })
        .min()
        .map(|(_, k)| k)
}

/// Top-level keys that look like a slip for a key crosscheck reads
/// (`evnt:`, `outlett:`, `Published:`) reject the story with where the key
/// stands and what it likely means: a story whose `event` is misspelt
/// would be grouped with the wrong stories without a word. Other keys
/// (`author`, `tags`: a CMS adds many) are left alone.
fn misspelt_keys(shown: &str, yaml: &str, yaml_line: usize) -> Result<(), Rejected> {
    for (k, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        if KEYS.contains(&key) {
            continue;
        }
        if let Some(known) = did_you_mean(key, &KEYS) {
            return Err(reject(
                shown,
                Some(yaml_line + k),
                Some(1),
                format!("unknown front matter key `{key}`; did you mean `{known}`?"),
            ));
        }
    }
    Ok(())
}

/// The top-level `key: value` line of `key`: its index in `yaml`, the
/// 1-based column (in code points) where the value starts, and the value
/// as written, without a trailing comment.
fn key_value<'a>(yaml: &'a str, key: &str) -> Option<(usize, usize, &'a str)> {
    yaml.lines().enumerate().find_map(|(k, l)| {
        let rest = l.strip_prefix(key)?.trim_start_matches([' ', '\t']);
        let v = rest.strip_prefix(':')?;
        if !(v.is_empty() || v.starts_with([' ', '\t', '\r'])) {
            return None;
        }
        let value = v.trim_start_matches([' ', '\t']);
        let column = l[..l.len() - value.len()].chars().count() + 1;
        let cut = value
            .char_indices()
            .find(|&(i, c)| c == '#' && value[..i].ends_with([' ', '\t']))
            .map_or(value.len(), |(i, _)| i);
        Some((k, column, value[..cut].trim_end_matches([' ', '\t', '\r'])))
    })
}

/// The line and column of `key`'s value in the file (the front matter's
/// first line when the key is not found on a line of its own).
fn value_position(yaml: &str, yaml_line: usize, key: &str) -> (usize, usize) {
    key_value(yaml, key).map_or((yaml_line, 1), |(k, column, _)| (yaml_line + k, column))
}

/// Front matter that is only `key: text` lines, each text one that YAML
/// reads as that very string; `None` for anything else.
fn flat(yaml: &str) -> Option<Meta> {
    let mut meta = Meta::default();
    let mut seen: Vec<&str> = Vec::new();
    for line in yaml.lines() {
        if line.trim_end_matches([' ', '\r']).is_empty() {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        let value = value.trim_start_matches(' ').trim_end_matches([' ', '\r']);
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let text = quoted_text(value).or_else(|| plain_text(value).then_some(value))?;
        if !key_ok || seen.contains(&key) {
            return None;
        }
        seen.push(key);
        let value = Some(text.to_string());
        match key {
            "id" => meta.id = value,
            "outlet" => meta.outlet = value,
            "title" => meta.title = value,
            "published" => meta.published = value,
            "url" => meta.url = value,
            "event" => meta.event = value,
            "crosscheck-ignore" => meta.ignore = value.into_iter().collect(),
            _ => {}
        }
    }
    Some(meta)
}

/// The text of `"text"` or `'text'` when it holds no quote, backslash, tab
/// or control character, so that YAML reads it as it stands.
fn quoted_text(v: &str) -> Option<&str> {
    let q = v.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = v[1..].strip_suffix(q)?;
    inner
        .chars()
        .all(|c| {
            !matches!(c, '"' | '\'' | '\\')
                && !c.is_control()
                && !matches!(
                    c,
                    '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}' | '\u{85}'
                )
        })
        .then_some(inner)
}

/// Whether YAML reads `v`, a plain scalar, as exactly this string: it starts
/// with a letter or digit, holds no comment, no `: `, no tab or control
/// character, and is not a null, a boolean or a number. A word that starts
/// with a digit and holds only digits, signs, dots, underscores and the
/// letters of hexadecimal, octal and exponents counts as a number, except a
/// `YYYY-MM-DD` date.
fn plain_text(v: &str) -> bool {
    let Some(first) = v.chars().next() else {
        return false;
    };
    if !first.is_ascii_alphanumeric() {
        return false;
    }
    let chars_ok = v.char_indices().all(|(i, c)| {
        if c.is_ascii() {
            (c.is_ascii_graphic() || c == ' ')
                && c != '#'
                && !(c == ':' && matches!(v.as_bytes().get(i + 1), None | Some(b' ')))
        } else {
            !c.is_control()
                && !c.is_whitespace()
                && !matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
        }
    });
    let date = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    // YAML numbers start with a digit, a sign or a dot (and `.inf`); the
    // first character here is a letter or a digit
    let numberish = first.is_ascii_digit()
        && v.bytes().all(|b| {
            b.is_ascii_hexdigit()
                || matches!(b, b'.' | b'+' | b'-' | b'_' | b'x' | b'X' | b'o' | b'O')
        });
    let keyword = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan",
    ]
    .iter()
    .any(|k| v.eq_ignore_ascii_case(k));
    chars_ok && !keyword && (date || !numberish)
}

/// Where a YAML error starts, when the parser names it: `found unexpected
/// end of stream at line 5 column 1, while scanning a quoted scalar at
/// line 2 column 8` is a quote opened on line 2, not a problem at the end.
/// The 1-based line and column of that start, and the message in words
/// without positions (`scanning a quoted scalar that starts here is never
/// closed`).
pub(crate) fn yaml_error_start(message: &str) -> (Option<(usize, usize)>, String) {
    let plain = |m: &str| m.split(" at line ").next().unwrap_or(m).to_string();
    let Some((problem, context)) = message.split_once(", while ") else {
        return (None, plain(message));
    };
    let Some((what, at)) = context.split_once(" at line ") else {
        return (None, plain(message));
    };
    let mut nums = at
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .filter_map(|n| n.parse::<usize>().ok());
    let (Some(line), Some(column)) = (nums.next(), nums.next()) else {
        return (None, plain(message));
    };
    let what = what
        .trim_start_matches("scanning ")
        .trim_start_matches("parsing ")
        .replace("quoted scalar", "quoted value")
        .replace("flow sequence", "list [...]")
        .replace("flow mapping", "mapping {...}")
        .replace("block mapping", "mapping")
        .replace("block sequence", "list");
    let words = if problem.starts_with("found unexpected end of stream") {
        format!("{what} that starts here is never closed")
    } else {
        format!("{} in the {what} that starts here", plain(problem))
    };
    (Some((line, column)), words)
}

/// Front matter read by serde_yaml, with a broken document's position.
fn yaml_meta(shown: &str, yaml: &str, yaml_line: usize) -> Result<Meta, Rejected> {
    let doc: Value = serde_yaml::from_str(yaml).map_err(|e| {
        if let (Some((line, column)), words) = yaml_error_start(&e.to_string()) {
            return reject(
                shown,
                Some(yaml_line + line - 1),
                Some(column),
                format!("broken front matter: {words}"),
            );
        }
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
    let map = match doc {
        Value::Mapping(m) => m,
        // only comments
        Value::Null => return Ok(Meta::default()),
        other => {
            return Err(reject(
                shown,
                Some(yaml_line),
                Some(1),
                format!(
                    "broken front matter: expected keys with values (`id: ...`), found {}",
                    kind(&other)
                ),
            ));
        }
    };
    let wrong = |key: &str, what: &str, v: &Value| {
        let (line, column) = value_position(yaml, yaml_line, key);
        reject(
            shown,
            Some(line),
            Some(column),
            format!(
                "broken front matter: `{key}` must be {what}, not {}",
                kind(v)
            ),
        )
    };
    let field = |key: &str| -> Result<Option<String>, Rejected> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => scalar_text(yaml, key, v)
                .map(Some)
                .ok_or_else(|| wrong(key, "text", v)),
        }
    };
    let ignore = match map.get("crosscheck-ignore") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(ids)) => ids
            .iter()
            .map(|v| match v {
                Value::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| {
                wrong(
                    "crosscheck-ignore",
                    "a rule id or a list of rule ids",
                    &Value::Sequence(ids.clone()),
                )
            })?,
        Some(v) => vec![
            scalar_text(yaml, "crosscheck-ignore", v)
                .ok_or_else(|| wrong("crosscheck-ignore", "a rule id or a list of rule ids", v))?,
        ],
    };
    Ok(Meta {
        id: field("id")?,
        outlet: field("outlet")?,
        title: field("title")?,
        published: field("published")?,
        url: field("url")?,
        event: field("event")?,
        ignore,
    })
}

/// A scalar as text. YAML reads `1.10`, `0x10`, `1e3` and `True` as
/// numbers and booleans and would print them back as `1.1`, `16`, `1000`
/// and `true`: take them as written in the file instead, so that ids
/// stay distinct. `None` for lists, mappings and tagged values.
fn scalar_text(yaml: &str, key: &str, v: &Value) -> Option<String> {
    let printed = match v {
        Value::String(s) => return Some(s.clone()),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    let written = key_value(yaml, key)
        .map(|(_, _, raw)| raw)
        .filter(|raw| !raw.is_empty() && !raw.starts_with(['[', '{', '&', '!', '*', '|', '>']));
    Some(written.map_or(printed, str::to_string))
}

/// What a YAML value is, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_keys_are_named_with_what_they_likely_mean() {
        for (key, meant) in [
            ("evnt", Some("event")),
            ("outlett", Some("outlet")),
            ("Published", Some("published")),
            ("pubilshed", Some("published")),
            ("crosscheck_ignore", Some("crosscheck-ignore")),
            ("tilte", Some("title")),
            ("ID", Some("id")),
            ("author", None),
            ("tags", None),
            ("publish", None),
            ("published_at", None),
            ("ip", None),
            ("date", None),
            ("subtitle", None),
        ] {
            assert_eq!(did_you_mean(key, &KEYS), meant, "{key}");
        }
        let r = parse(
            "x.md",
            "id: a
outlett: A
",
            2,
        )
        .unwrap_err();
        assert_eq!((r.line, r.column), (Some(3), Some(1)), "{r}");
        assert_eq!(
            r.reason,
            "unknown front matter key `outlett`; did you mean `outlet`?"
        );
        // the same through YAML (a list elsewhere)
        let r = parse(
            "x.md",
            "tags: [a, b]
evnt: e
",
            2,
        )
        .unwrap_err();
        assert_eq!(r.line, Some(3), "{r}");
        assert!(
            parse(
                "x.md",
                "id: a
author: B
tags: [x]
",
                2
            )
            .is_ok()
        );
    }

    #[test]
    fn an_unclosed_quote_is_rejected_where_it_opens() {
        let r = parse(
            "x.md",
            "id: b
title: \"An open quote\noutlet: B\n",
            2,
        )
        .unwrap_err();
        assert_eq!((r.line, r.column), (Some(3), Some(8)), "{r}");
        assert!(r.reason.contains("never closed"), "{r}");
        let r = parse("x.md", "id: [a, b\nx: 1\n", 2).unwrap_err();
        assert_eq!((r.line, r.column), (Some(2), Some(5)), "{r}");
    }

    #[test]
    fn splits_and_counts_lines() {
        let s = split("---\na: 1\nb: 2\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "a: 1\nb: 2\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
        assert!(split("no front matter").is_none());
        // never closed: the caller rejects it
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

    #[test]
    fn numbers_and_booleans_keep_the_text_they_were_written_in() {
        for (yaml, id) in [
            ("id: 1.10\n", "1.10"),
            ("id: 0x10\n", "0x10"),
            ("id: 1e3\n", "1e3"),
            ("id: 010\n", "010"),
            ("id: +12 # a comment\n", "+12"),
            ("id:   True\r\n", "True"),
            ("title: x\nid: .5\n", ".5"),
            ("id: '1.10'\n", "1.10"),
            ("id: \"0x10\"\n", "0x10"),
        ] {
            let (m, _) = parse("x.md", yaml, 2).unwrap();
            assert_eq!(m.id.as_deref(), Some(id), "{yaml:?}");
        }
        let (m, _) = parse("x.md", "title: 1.50\noutlet: 007\nevent: 1_000\n", 2).unwrap();
        assert_eq!(
            (m.title.as_deref(), m.outlet.as_deref(), m.event.as_deref()),
            (Some("1.50"), Some("007"), Some("1_000"))
        );
    }

    #[test]
    fn wrong_values_are_rejected_where_they_stand() {
        // a date that is no date, read directly and by YAML
        for yaml in [
            "id: a\npublished: 2024-02-30\n",
            "id: a # yaml\npublished: 2024-02-30\n",
            "id: a\npublished: '2024-02-30'\n",
        ] {
            let r = parse("x.md", yaml, 2).unwrap_err();
            assert_eq!((r.line, r.column), (Some(3), Some(12)), "{yaml:?}: {r}");
            assert!(r.reason.contains("not a date"), "{r}");
        }
        // a list where text belongs: its own line, not the mapping's
        let r = parse("x.md", "id: b\noutlet: X\npublished: [2024]\n", 2).unwrap_err();
        assert_eq!((r.line, r.column), (Some(4), Some(12)), "{r}");
        assert!(
            r.reason.contains("`published` must be text, not a list"),
            "{r}"
        );
        let r = parse("x.md", "id: b\ntitle:\n  a: 1\n", 2).unwrap_err();
        assert_eq!(r.line, Some(3), "{r}");
        assert!(r.reason.contains("not a mapping"), "{r}");
        let r = parse("x.md", "crosscheck-ignore: [a, [b]]\n", 2).unwrap_err();
        assert_eq!((r.line, r.column), (Some(2), Some(20)), "{r}");
        let (m, _) = parse("x.md", "crosscheck-ignore: [a, b]\nid: 1\n", 2).unwrap();
        assert_eq!(m.ignore, ["a", "b"]);
        let r = parse("x.md", "- a\n- b\n", 2).unwrap_err();
        assert!(r.reason.contains("found a list"), "{r}");
        // only a comment: no metadata
        assert!(parse("x.md", "# nothing here\n", 2).unwrap().0.id.is_none());
    }

    #[test]
    fn flat_front_matter_is_read_directly_and_the_rest_by_yaml() {
        let direct = "id: quake-1\noutlet: 'Daily Bugle'\ntitle: 35 dead, 12 missing (map)\npublished: 2023-02-07\nurl: https://example.com/a?b=1\nevent: \"quake: day #2\"\n";
        let m = flat(direct).unwrap();
        assert_eq!(m.title.as_deref(), Some("35 dead, 12 missing (map)"));
        assert_eq!(m.outlet.as_deref(), Some("Daily Bugle"));
        assert_eq!(m.event.as_deref(), Some("quake: day #2"));
        assert_eq!(m.published.as_deref(), Some("2023-02-07"));
        for by_yaml in [
            "id: 42\n",
            "id: 1.50\n",
            "id: true\n",
            "title: 'it''s'\n",
            "title: \"a \\\" b\"\n",
            "title: \"a\" b\n",
            "title: x # comment\n",
            "title:\n",
            "tags:\n  - a\n",
            "id: a\nid: b\n",
            "# a comment\nid: a\n",
        ] {
            assert!(flat(by_yaml).is_none(), "{by_yaml:?}");
        }
    }

    #[test]
    fn values_that_look_like_numbers_are_read_as_yaml_reads_them() {
        for v in [
            "12:30",
            "1:2",
            "0x1F",
            "0o17",
            "0b1",
            "1e5",
            "1E+5",
            "1_000",
            "2024-04-02",
            "2024-4-2",
            "e00030-o07",
            "Infinity",
            "NaN",
            "Null",
            "1.",
            "0.",
            "00",
            "007",
            "2001-12-14t21:59:43.10-05:00",
            "12-30",
            "1e",
            "0x",
            "Off",
            "Yes",
            "a1",
            "7a",
        ] {
            let yaml = format!("id: {v}\n");
            if let Some(direct) = flat(&yaml) {
                let by_yaml = yaml_meta("x.md", &yaml, 2).unwrap();
                assert_eq!(format!("{direct:?}"), format!("{by_yaml:?}"), "{v}");
            }
        }
        assert!(flat("id: e00030-o07\n").is_some());
        assert!(flat("id: 0x1F\n").is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Whatever the direct reading accepts, serde_yaml reads the same.
        #[test]
        fn direct_reading_agrees_with_yaml(
            lines in proptest::collection::vec(
                (
                    "(id|outlet|title|published|url|event|crosscheck-ignore|author|x_y)",
                    "[ ]{0,2}[0-9a-fA-FxXoOnNuUlLtTrRyYsS .:+#'\"_\\-é’,/]{0,14}[ ]{0,2}",
                    "[\"']?",
                ),
                0..6,
            )
        ) {
            let mut yaml = String::new();
            for (k, v, q) in &lines {
                yaml += &format!("{k}: {q}{v}{q}\n");
            }
            if let Some(direct) = flat(&yaml) {
                let by_yaml = yaml_meta("x.md", &yaml, 2);
                proptest::prop_assert!(by_yaml.is_ok(), "{yaml:?}: {:?}", by_yaml.err());
                proptest::prop_assert_eq!(
                    format!("{direct:?}"),
                    format!("{:?}", by_yaml.unwrap()),
                    "{:?}", yaml
                );
            }
        }
    }
}
