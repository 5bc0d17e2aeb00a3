//! The hostile corpus (`tests/hostile/`) through every output format:
//! every input is checked or rejected, nothing panics, and every output
//! parses as its consumer reads it and carries nothing a story field
//! injected.
//!
//! `tests/hostile/batch/` holds stories with terminal escapes, workflow
//! commands, Markdown and HTML in their outlets, titles, ids, events and
//! quotations; line breaks that are a lone CR; JSON Lines with escapes and
//! a broken line; an HTML page; inputs that are rejected; and paths with
//! spaces, `#` and `%`. On Unix the test adds files whose names hold
//! escapes, line breaks and workflow commands. `tests/hostile/quotes/`
//! holds quotations whose words start with a non-ASCII letter.
//!
//! What "parses" means per format:
//! - human: no control character but the line feed, no bidi override;
//! - JSON, JSON Lines: JSON, with every input listed;
//! - SARIF: JSON of the 2.1.0 shape, every `uri` a relative URI reference
//!   that decodes to the input's path;
//! - JUnit: well-formed XML (roxmltree, a strict parser), a case per input;
//! - GitHub: each line one annotation command as the runner splits it, one
//!   per finding and rejected input, every `%` an escape the runner knows;
//! - Markdown: parsed as GitHub Flavored Markdown (comrak, with GitHub's
//!   extensions on): no raw HTML, link, image, code block, quote, rule or
//!   heading that the template did not write, no table row split, no
//!   @mention, issue reference or bare URL in the text;
//! - HTML: every id unique and valid, every `#` link to an id on the page.

use crate::util::{crosscheck, root};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// A copy of `tests/hostile/batch` in a temporary folder, with (on Unix)
/// files whose names are hostile; removed on drop.
struct Corpus(PathBuf);

impl Corpus {
    fn new(name: &str) -> Corpus {
        let dir = std::env::temp_dir().join(format!(
            "crosscheck-safe-output-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&root().join("tests/hostile/batch"), &dir.join("batch"));
        #[cfg(unix)]
        hostile_names(&dir.join("batch/names"));
        Corpus(dir)
    }

    fn dir(&self) -> &Path {
        &self.0
    }

    /// Run the binary in the corpus folder on `args`.
    fn run(&self, args: &[&str]) -> Run {
        let out = crosscheck()
            .current_dir(&self.0)
            .args(args)
            .output()
            .unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("output is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("standard error is UTF-8"),
            args: args.join(" "),
        }
    }
}

impl Drop for Corpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    args: String,
}

impl Run {
    /// No panic, and the exit code a batch with rejected inputs earns.
    fn rejected_some(&self) -> &Self {
        assert!(
            !self.stderr.contains("internal error"),
            "{}: {}",
            self.args,
            self.stderr
        );
        assert_eq!(self.code, Some(2), "{}: {}", self.args, self.stderr);
        no_controls(&self.stderr, &format!("{}: standard error", self.args));
        self
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Stories whose file names carry what their contents cannot: a line
/// break, terminal escapes, workflow commands, Markdown and HTML.
#[cfg(unix)]
fn hostile_names(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for (k, name) in [
        "escape \u{1b}[2J\u{1b}]0;owned\u{7}.md",
        "line\nbreak\r::error::x.md",
        "::warning file=a,line=1::x.md",
        "%0A::error::encoded.md",
        "pipe | <b>bold<i> @octocat [l](https:x).md",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(
            dir.join(name),
            format!(
                "---\nevent: named\npublished: 2024-05-04\n---\nExactly {} people were killed in the mill fire, police said.\n",
                k + 20
            ),
        )
        .unwrap();
    }
    // rejected, and its name goes into every "rejected" line
    std::fs::write(dir.join("binary \u{1b}[8m\n::error::x.txt"), b"1\0 dead\n").unwrap();
}

/// Every story file under `dir`, relative to `base`, as the tool names it.
fn story_files(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            story_files(&p, base, out);
        } else if ["md", "txt", "html", "json", "jsonl"]
            .iter()
            .any(|x| name.to_ascii_lowercase().ends_with(&format!(".{x}")))
        {
            out.insert(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
        }
    }
}

/// Text for a terminal: no control character but the line feed, no DEL,
/// no C1 control, no bidi override.
fn no_controls(text: &str, what: &str) {
    for (k, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        let from = (0..=k.saturating_sub(60))
            .rev()
            .find(|&j| text.is_char_boundary(j))
            .unwrap_or(0);
        assert!(
            !bad,
            "{what}: control {c:?} at byte {k}, after {:?}",
            &text[from..k]
        );
    }
}

/// `%XX` decoded (the bytes as UTF-8).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'%' {
            let hex = std::str::from_utf8(&b[k + 1..k + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            k += 3;
        } else {
            out.push(b[k]);
            k += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A relative reference of RFC 3986 (no scheme, no authority): only
/// unreserved characters, sub-delims, `:`, `@`, `/` and `%XX`; no `:` in
/// the first segment, where it would read as a scheme.
fn assert_relative_uri(uri: &str) {
    let b = uri.as_bytes();
    for (k, &c) in b.iter().enumerate() {
        let ok = c.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:@/".contains(&c)
            || (c == b'%'
                && b.get(k + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(k + 2).is_some_and(u8::is_ascii_hexdigit));
        assert!(
            ok,
            "{uri:?}: {:?} at {k} is not allowed in a URI",
            c as char
        );
    }
    assert!(!uri.starts_with("//"), "{uri:?} names an authority");
    let first = uri.split('/').next().unwrap();
    assert!(!first.contains(':'), "{uri:?} reads as a scheme");
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

const CHECK_FORMATS: [&str; 8] = [
    "human", "json", "jsonl", "sarif", "junit", "github", "markdown", "html",
];

#[test]
fn the_hostile_corpus_comes_out_safe_in_every_check_format() {
    let corpus = Corpus::new("check");
    let mut files = BTreeSet::new();
    story_files(&corpus.dir().join("batch"), corpus.dir(), &mut files);
    let json_run = corpus.run(&["check", "--format", "json", "batch"]);
    json_run.rejected_some();
    let report = json(&json_run.stdout);
    let stories = report["stories"].as_array().unwrap();
    // every input checked or rejected, none lost
    let listed: BTreeSet<String> = stories
        .iter()
        .map(|s| s["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, files, "every file is listed as checked or rejected");
    for s in stories {
        assert!(
            s["status"] == "checked" || (s["status"] == "rejected" && s["reason"].is_string()),
            "{s}"
        );
    }
    let summary = &report["summary"];
    assert!(summary["rejected"].as_u64().unwrap() >= 4, "{summary}");
    assert!(summary["checked"].as_u64().unwrap() >= 10, "{summary}");
    let findings = ["error", "warning", "info"]
        .iter()
        .map(|k| summary["findings"][k].as_u64().unwrap())
        .sum::<u64>();
    assert!(findings >= 5, "{summary}");

    for format in CHECK_FORMATS {
        let run = corpus.run(&["check", "--color", "never", "--format", format, "batch"]);
        run.rejected_some();
        let out = &run.stdout;
        let what = format!("check --format {format}");
        match format {
            "human" => {
                no_controls(out, &what);
                assert!(out.contains("rejected: batch/binary.txt"), "{out}");
            }
            "json" => assert_eq!(&json(out), &report, "{what}: one run, one report"),
            "jsonl" => {
                let lines: Vec<serde_json::Value> = out.lines().map(json).collect();
                let count = |t: &str| lines.iter().filter(|l| l["type"] == t).count();
                assert_eq!(count("story"), stories.len(), "{what}");
                assert_eq!(count("finding") as u64, findings, "{what}");
            }
            "sarif" => sarif_is_sound(out, stories),
            "junit" => junit_is_sound(out, stories.len()),
            "github" => {
                annotations_are_sound(out, findings + summary["rejected"].as_u64().unwrap());
                // in Actions the job summary gets the Markdown report
                let file = corpus.dir().join("summary.md");
                let status = crosscheck()
                    .current_dir(corpus.dir())
                    .env("GITHUB_STEP_SUMMARY", &file)
                    .args(["check", "--format", "github", "batch"])
                    .output()
                    .unwrap()
                    .status;
                assert_eq!(status.code(), Some(2));
                let summary = std::fs::read_to_string(&file).unwrap();
                markdown_is_sound(&summary, "the job summary");
            }
            "markdown" => markdown_is_sound(out, &what),
            "html" => html_is_sound(out),
            _ => unreachable!(),
        }
    }
}

#[test]
fn the_hostile_corpus_comes_out_safe_in_claims() {
    let corpus = Corpus::new("claims");
    let mut files = BTreeSet::new();
    story_files(&corpus.dir().join("batch"), corpus.dir(), &mut files);
    let human = corpus.run(&["claims", "--color", "never", "batch"]);
    human.rejected_some();
    no_controls(&human.stdout, "claims");
    let v = json(
        &corpus
            .run(&["claims", "--format", "json", "batch"])
            .rejected_some()
            .stdout,
    );
    let paths: BTreeSet<String> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, files);
    let lines = corpus.run(&["claims", "--format", "jsonl", "batch"]);
    lines.rejected_some();
    assert_eq!(
        lines.stdout.lines().map(json).count(),
        v["stories"].as_array().unwrap().len()
    );
}

#[test]
fn the_hostile_corpus_comes_out_safe_in_diff() {
    let corpus = Corpus::new("diff");
    let mut pairs = vec![
        ("batch/terminal.md", "batch/markup.md"),
        ("batch/commands.md", "batch/my stories/story #1.md"),
        ("batch/cr-only.txt", "batch/page.html"),
        ("batch/100% true.md", "batch/markup.md"),
    ];
    #[cfg(unix)]
    pairs.push((
        "batch/names/escape \u{1b}[2J\u{1b}]0;owned\u{7}.md",
        "batch/names/pipe | <b>bold<i> @octocat [l](https:x).md",
    ));
    #[cfg(unix)]
    pairs.push((
        "batch/names/line\nbreak\r::error::x.md",
        "batch/names/%0A::error::encoded.md",
    ));
    for (a, b) in pairs {
        for format in ["human", "markdown", "html"] {
            let run = corpus.run(&["diff", "--color", "never", "--format", format, a, b]);
            let what = format!("diff --format {format} {a:?} {b:?}");
            assert!(
                !run.stderr.contains("internal error"),
                "{what}: {}",
                run.stderr
            );
            assert!(matches!(run.code, Some(0 | 1)), "{what}: {}", run.stderr);
            match format {
                "human" => no_controls(&run.stdout, &what),
                "markdown" => markdown_is_sound(&run.stdout, &what),
                _ => html_is_sound(&run.stdout),
            }
        }
    }
}

/// Quotations with words that start with "Ç", "Ü", "П", "Ό", "É" are
/// compared like any other.
#[test]
fn quotations_with_non_ascii_words_are_compared_in_every_format() {
    for format in CHECK_FORMATS {
        let out = crosscheck()
            .args(["check", "--color", "never", "--format", format])
            .arg("tests/hostile/quotes")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("internal error"), "{format}: {err}");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{format}: {err}");
        let text = String::from_utf8(out.stdout).unwrap();
        if format == "json" {
            let v = json(&text);
            assert_eq!(v["summary"]["checked"], 2, "{}", v["summary"]);
            assert!(
                v["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["kind"] == "quote"),
                "the changed quotation is found: {text}"
            );
        }
    }
}

fn sarif_is_sound(out: &str, stories: &[serde_json::Value]) {
    let v = json(out);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let paths: HashSet<&str> = stories
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    let mut uris = Vec::new();
    for r in run["results"].as_array().unwrap() {
        assert!(r["message"]["text"].is_string(), "{r}");
        for loc in r["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(r["relatedLocations"].as_array().into_iter().flatten())
        {
            uris.push(loc["physicalLocation"]["artifactLocation"]["uri"].clone());
        }
    }
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes.len() >= 4, "the rejected inputs");
    for n in notes {
        if let Some(locs) = n["locations"].as_array() {
            uris.extend(
                locs.iter()
                    .map(|l| l["physicalLocation"]["artifactLocation"]["uri"].clone()),
            );
        }
    }
    assert!(uris.len() > 5);
    for uri in &uris {
        let uri = uri.as_str().expect("every location has a uri");
        assert_relative_uri(uri);
        let path = percent_decode(uri);
        assert!(paths.contains(path.as_str()), "{uri:?} decodes to {path:?}");
    }
    for (path, uri) in [
        (
            "batch/my stories/story #1.md",
            "batch/my%20stories/story%20%231.md",
        ),
        ("batch/100% true.md", "batch/100%25%20true.md"),
    ] {
        assert!(
            uris.iter().any(|u| u == uri),
            "{path} is {uri} in SARIF: {uris:?}"
        );
    }
}

fn junit_is_sound(out: &str, inputs: usize) {
    let doc = roxmltree::Document::parse(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter(|n| n.attribute("classname") == Some("crosscheck.inputs"))
        .count();
    assert_eq!(cases, inputs, "a case per input");
    for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
        let n = |a: &str| suite.attribute(a).unwrap().parse::<usize>().unwrap();
        let cases = suite
            .children()
            .filter(|c| c.has_tag_name("testcase"))
            .count();
        assert_eq!(n("tests"), cases, "{:?}", suite.attribute("name"));
    }
}

/// Each line is one workflow command as the Actions runner reads it
/// (`::name key=value,...::message`), every `%` one of the escapes it
/// undoes, and there is exactly one line per finding and rejected input:
/// no field started a command of its own.
fn annotations_are_sound(out: &str, expected: u64) {
    assert!(!out.contains('\r'), "a CR ends a line for the runner");
    let mut decoded = String::new();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len() as u64, expected, "{out}");
    let escapes = |s: &str, allowed: &[&str]| {
        for (k, _) in s.match_indices('%') {
            assert!(
                allowed.iter().any(|a| s[k + 1..].starts_with(a)),
                "bare % in {s:?}"
            );
        }
    };
    for line in lines {
        let (command, rest) = line[2..].split_once(' ').expect(line);
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        let (props, message) = rest.split_once("::").expect(line);
        for prop in props.split(',') {
            let (key, value) = prop.split_once('=').expect(prop);
            assert!(
                ["file", "line", "endLine", "col", "endColumn", "title"].contains(&key),
                "{key} in {line}"
            );
            assert!(!value.contains(':'), "{line}");
            escapes(value, &["25", "0D", "0A", "3A", "2C"]);
        }
        escapes(message, &["25", "0D", "0A"]);
        decoded.push_str(
            &message
                .replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%25", "%"),
        );
    }
    // the outlet's own text comes back as written
    assert!(
        decoded.contains("Wire%0A::error::encoded\n::error::newline\r::error::return, a:b"),
        "{decoded}"
    );
}

/// Parsed as GitHub renders it: nothing but what the template writes.
fn markdown_is_sound(out: &str, what: &str) {
    use comrak::nodes::NodeValue;
    assert!(!out.contains('\r'), "{what}: a CR is a line ending");
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
    let doc = comrak::parse_document(&arena, out, &options);
    let (mut headings, mut rows) = (0, 0);
    for node in doc.descendants() {
        let value = node.data().value.clone();
        match value {
            NodeValue::Heading(_) => headings += 1,
            NodeValue::TableRow(_) => rows += 1,
            NodeValue::Document
            | NodeValue::Paragraph
            | NodeValue::List(_)
            | NodeValue::Item(_)
            | NodeValue::Table(_)
            | NodeValue::TableCell
            | NodeValue::Code(_)
            | NodeValue::Strong
            | NodeValue::Strikethrough => {}
            NodeValue::Text(text) => {
                let t = text.to_lowercase();
                assert!(
                    !t.contains("://") && !t.contains("www."),
                    "{what}: {text:?}"
                );
                for (k, _) in t.match_indices(['@', '#']) {
                    let next = t[k + 1..].chars().next();
                    assert!(
                        !next.is_some_and(char::is_alphanumeric),
                        "{what}: a mention or reference in {text:?}"
                    );
                }
            }
            other => panic!("{what}: {other:?} made from a story field\n{out}"),
        }
    }
    // only the template's own lines, headings and table rows: none from a field
    for line in out.lines() {
        assert!(
            line.is_empty()
                || line.starts_with(|c: char| c.is_ascii_digit())
                || TEMPLATE_LINES.iter().any(|p| line.starts_with(p)),
            "{what}: a line the template does not write: {line:?}"
        );
    }
    let lines = |p: &str| out.lines().filter(|l| l.starts_with(p)).count();
    assert_eq!(headings, lines("#"), "{what}\n{out}");
    assert_eq!(rows, lines("|") - lines("|---"), "{what}\n{out}");
    for line in out.lines().filter(|l| l.starts_with('#')) {
        let ok = match line.split_once(' ') {
            Some(("#", text)) => text.contains(" ↔ "),
            Some(("##", text)) => [
                "crosscheck",
                "Figures and dates",
                "Quotes",
                "Other figures",
                "Each story alone",
            ]
            .contains(&text),
            Some(("###", text)) => text.starts_with("Event `"),
            _ => false,
        };
        assert!(
            ok,
            "{what}: a heading the template does not write: {line:?}"
        );
    }
}

/// How each line of the Markdown reports (`check` and `diff`) starts,
/// besides blank lines and the closing count.
const TEMPLATE_LINES: [&str; 24] = [
    "## ",
    "**",
    "- ❌ rejected ",
    "### Event ",
    "Grouped: ",
    "| ",
    "|---",
    "- 🔴 ",
    "- 🟠 ",
    "- 🔵 ",
    "  - `",
    "  - words: ",
    "  - and ",
    "No rule measures these: ",
    "  - why: ",
    "# ",
    "- **A**: ",
    "- **B**: ",
    "- **",
    "  - A: ",
    "  - B: ",
    "- error: ",
    "- warning: ",
    "- info: ",
];

/// Every id unique and valid; every in-page link goes to one.
fn html_is_sound(out: &str) {
    let values = |attr: &str| -> Vec<String> {
        out.match_indices(&format!(" {attr}=\""))
            .map(|(k, m)| {
                let rest = &out[k + m.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect()
    };
    let ids = values("id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    for id in &ids {
        assert!(
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "{id:?}"
        );
    }
    for href in values("href") {
        if let Some(target) = href.strip_prefix('#') {
            assert!(unique.contains(&target.to_string()), "#{target} has no id");
        }
    }
}

/// The checks above catch what they look for (a check that cannot fail
/// proves nothing).
#[test]
fn the_output_checks_catch_injections() {
    let fails = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    for bad in [
        "## crosscheck\n\n| a | b |\n|---|---|\n| x <b>y</b> | z |\n",
        "## crosscheck\n\n- x ![i](https://e.example/i.png)\n",
        "## crosscheck\n\n- x [l](https://e.example)\n",
        "## crosscheck\n\n- ping @octocat about #12\n",
        "## crosscheck\n\n- see www.example.org\n",
        "## crosscheck\n\n| a | b |\n|---|---|\n| x\r# y | z |\n",
        "## crosscheck\n\n- x\n# y\n",
        "## crosscheck\n\n- x\n\n      code\n",
    ] {
        assert!(fails(&|| markdown_is_sound(bad, "bad")), "{bad:?}");
    }
    markdown_is_sound(
        "## crosscheck\n\n- 🔴 **error** `r` — t\n  - `a.md:1:2` x \\<b\\> \\@\u{200b}octocat\n",
        "good",
    );
    for (bad, n) in [
        ("::error file=a::x\n::error::y\n", 1),
        ("::error file=a::x\r::error::y\n", 1),
        ("::error file=a::x 100%\n", 1),
        ("::error file=a:b::x\n", 1),
        ("::error file=a,b::x\n", 1),
    ] {
        assert!(fails(&|| annotations_are_sound(bad, n)), "{bad:?}");
    }
    assert!(fails(&|| assert_relative_uri("my stories/a.md")));
    assert!(fails(&|| assert_relative_uri("c:/a.md")));
    assert!(fails(&|| html_is_sound(
        "<a href=\"#x\">x</a><p id=\"y\"></p><p id=\"y\"></p>"
    )));
    assert!(fails(&|| no_controls("a\u{1b}[2J", "bad")));
}
