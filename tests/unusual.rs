//! Unusual and hostile stories of issue 16, through the binary: each is
//! checked or rejected with a reason (and a position), nothing panics or
//! overflows the stack, and the rest of the batch is still checked. That
//! the work on them grows linearly is proven where it is counted, in the
//! library's own tests (`src/work.rs`).

use crate::util::crosscheck;
use std::path::{Path, PathBuf};

/// A fresh folder holding `files`; removed when dropped.
struct Batch(PathBuf);

impl Batch {
    fn new(name: &str, files: &[(&str, &[u8])]) -> Batch {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let k = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "crosscheck-unusual-{name}-{}-{k}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, bytes) in files {
            std::fs::write(dir.join(file), bytes).unwrap();
        }
        Batch(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `check --format json` on a folder: the exit code and the report.
fn check(dir: &Path, extra: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = crosscheck()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (out.status.code(), v)
}

/// The status of the story whose path ends in `name`.
fn status<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} missing: {v}"))
}

#[test]
fn quotations_with_words_in_other_scripts_are_compared() {
    let a = "---\nid: a\noutlet: Le Matin\nevent: summit\n---\n\
             “Ça ne se reproduira jamais, Élysée ou pas,” the minister said.\n\n\
             «Это не так, мы не отступим», the general said.\n";
    let b = "---\nid: b\noutlet: Evening Post\nevent: summit\n---\n\
             “Ça se reproduira jamais, Élysée ou pas,” the minister said.\n\n\
             «Это так, мы не отступим», the general said. Όχι σήμερα, Über alles.\n";
    let dir = Batch::new("scripts", &[("a.md", a.as_bytes()), ("b.md", b.as_bytes())]);
    let (code, v) = check(dir.path(), &[]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["summary"]["checked"], 2, "{}", v["summary"]);
    // the quote comparison ran: the French "ne" dropped is a changed word
    let quotes = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "quote")
        .count();
    assert!(quotes >= 1, "{v}");
    // and the human report shows them
    let out = crosscheck()
        .args(["check", "--color", "never", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ça"));
}

#[test]
fn chains_of_and_do_not_overflow_the_stack() {
    let ones = format!("{}1 people died.\n", "1 and ".repeat(10_000));
    let hundreds = format!("{}one people died.\n", "one hundred and ".repeat(10_000));
    let dir = Batch::new(
        "and-chains",
        &[
            ("ones.txt", ones.as_bytes()),
            ("hundreds.txt", hundreds.as_bytes()),
            ("good.md", b"---\nid: good\n---\nAt least 12 people died.\n"),
        ],
    );
    let (code, v) = check(dir.path(), &[]);
    assert_eq!(code, Some(0), "{v}");
    for name in ["ones.txt", "hundreds.txt", "good.md"] {
        assert_eq!(status(&v, name)["status"], "checked", "{name}");
    }
}

/// The claims of one story file, as `claims --format json` gives them.
fn claims(name: &str, body: &[u8]) -> Vec<serde_json::Value> {
    let dir = Batch::new("claims", &[(name, body)]);
    let out = crosscheck()
        .args(["claims", "--format", "json"])
        .arg(dir.path().join(name))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["stories"][0]["claims"].as_array().unwrap().clone()
}

#[test]
fn a_count_without_a_noun_takes_the_last_noun_of_its_paragraph_only() {
    let body = "Police said 12 civilians died and 4 were hurt.\n\n\
                Officials said 7 were hurt.\n\n"
        .repeat(300);
    let got = claims("many.txt", body.as_bytes());
    assert_eq!(got.len(), 900);
    for (k, c) in got.iter().enumerate() {
        let want = if k % 3 == 2 { "person" } else { "civilian" };
        assert_eq!(c["counted"], want, "{k}: {c}");
    }
}

#[test]
fn long_runs_of_numbers_are_data() {
    // each of these was quadratic in the phone-number guard or the frame;
    // a run of more numbers than a list in prose holds is skipped whole
    for unit in ["1,", "1 ", "12/35/53/100/", "1-", "+1 ", "1."] {
        let body = unit.repeat(20_000);
        let got = claims("run.txt", body.as_bytes());
        assert!(got.is_empty(), "{unit}: {got:?}");
    }
}

#[test]
fn a_story_on_one_long_line_is_reported_with_the_files_columns() {
    // 2,000 findings on one 150 KB line, and a page on one line whose
    // columns are far from its text's
    let sentence = "In the town at least people were killed, officials said. ";
    let line = format!("{}\n", sentence.repeat(2_000));
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        format!("<p class=\"story-text\">{sentence}</p>").repeat(500)
    );
    let dir = Batch::new(
        "one-line",
        &[
            ("line.txt", line.as_bytes()),
            ("page.html", page.as_bytes()),
        ],
    );
    let out = crosscheck()
        .args(["check", "--color", "never", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let human = String::from_utf8(out.stdout).unwrap();
    let (_, v) = check(dir.path(), &[]);
    // every header of the human report is where the JSON report says
    let mut want: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["evidence"].as_array().unwrap().clone())
        .map(|e| {
            let name = Path::new(e["path"].as_str().unwrap()).file_name().unwrap();
            format!("{}:{}:{}", name.to_string_lossy(), e["line"], e["column"])
        })
        .collect();
    let mut got: Vec<String> = human
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|h| {
            Path::new(h)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(got.len(), 2_500);
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn a_line_of_numbers_is_data_and_the_rest_is_read() {
    // two runs of numbers and two unclosed quotation marks of 400 KB
    // each, and a figure after each
    let mut body = String::new();
    for unit in ["1,", "12/35/53/100/", "“a ", "«b "] {
        body.push_str(&unit.repeat(400_000 / unit.len()));
        body.push_str("\n\nAt least 12 people died.\n\n");
    }
    let got = claims("runs.txt", body.as_bytes());
    let texts: Vec<&str> = got.iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["At least 12 people"; 4]);
}

#[test]
fn html_pages_with_hostile_markup_are_rejected_or_read() {
    let attributes = format!(
        "<html><body>\n<article><p {}>12 people died.</p></article></body></html>",
        "a=\"\" ".repeat(25_000)
    );
    let nested = format!(
        "<article><p>{}At least 12 people died.{}</p></article>",
        "<b><i><span>".repeat(20_000),
        "</em></div>".repeat(20_000)
    );
    let dir = Batch::new(
        "html",
        &[
            ("attributes.html", attributes.as_bytes()),
            ("nested.html", nested.as_bytes()),
            ("good.md", b"---\nid: good\n---\nAt least 12 people died.\n"),
        ],
    );
    let (code, v) = check(dir.path(), &[]);
    assert_eq!(code, Some(2), "{v}");
    let bad = status(&v, "attributes.html");
    assert_eq!(bad["status"], "rejected");
    assert!(
        bad["reason"]
            .as_str()
            .unwrap()
            .contains("more than 100 attributes"),
        "{bad}"
    );
    assert_eq!(
        (bad["line"].as_u64(), bad["column"].as_u64()),
        (Some(2), Some(13))
    );
    assert_eq!(status(&v, "nested.html")["status"], "checked");
    assert_eq!(status(&v, "good.md")["status"], "checked");
}
