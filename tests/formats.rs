//! Every output format on one batch (snapshots), baselines, suppression,
//! and the details CI consumers depend on.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

use crate::util::crosscheck;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = crosscheck().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

macro_rules! format_snapshot {
    ($name:ident, $format:expr) => {
        #[test]
        fn $name() {
            let (code, out, _) = run(&[
                "check",
                "--color",
                "never",
                "--format",
                $format,
                "examples/batch/flood",
            ]);
            assert_eq!(code, Some(1));
            insta::assert_snapshot!(out);
        }
    };
}

format_snapshot!(flood_human, "human");
format_snapshot!(flood_json, "json");
format_snapshot!(flood_jsonl, "jsonl");
format_snapshot!(flood_sarif, "sarif");
format_snapshot!(flood_junit, "junit");
format_snapshot!(flood_github, "github");
format_snapshot!(flood_markdown, "markdown");
format_snapshot!(flood_html, "html");

/// `diff A B` in each of its formats, on two stories that disagree.
macro_rules! diff_snapshot {
    ($name:ident, $format:expr) => {
        #[test]
        fn $name() {
            let (code, out, _) = run(&[
                "diff",
                "--color",
                "never",
                "--format",
                $format,
                "examples/batch/flood/valley-post.md",
                "examples/batch/flood/harbour-herald.md",
            ]);
            assert_eq!(code, Some(1));
            insta::assert_snapshot!(out);
        }
    };
}

diff_snapshot!(diff_flood_human, "human");
diff_snapshot!(diff_flood_markdown, "markdown");
diff_snapshot!(diff_flood_html, "html");

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("crosscheck-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_flood(to: &Path) {
    for e in std::fs::read_dir(crate::util::root().join("examples/batch/flood")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn a_baseline_accepts_what_it_recorded_even_when_text_moves() {
    let dir = TempDir::new("baseline");
    let stories = dir.path().join("stories");
    std::fs::create_dir_all(&stories).unwrap();
    copy_flood(&stories);
    let base = dir.path().join("baseline.json");
    let s = stories.to_string_lossy().into_owned();
    let b = base.to_string_lossy().into_owned();
    let (code, _, err) = run(&["check", &s, "--write-baseline", &b]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, _) = run(&["check", &s, "--baseline", &b, "--format", "json"]);
    assert_eq!(code, Some(0), "{out}");
    // move the text: a new paragraph at the top of the Valley Post story
    let post = stories.join("valley-post.md");
    let text = std::fs::read_to_string(&post).unwrap();
    let moved = text.replacen(
        "The number of people killed",
        "Rain kept falling overnight.\n\nThe number of people killed",
        1,
    );
    std::fs::write(&post, &moved).unwrap();
    let (code, out, _) = run(&["check", &s, "--baseline", &b]);
    assert_eq!(code, Some(0), "moved text stays accepted: {out}");
    // a new value is a new finding
    std::fs::write(&post, moved.replace("climbed to 53", "climbed to 350")).unwrap();
    let (code, out, _) = run(&["check", &s, "--baseline", &b, "--format", "json"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("\"350\""), "{out}");
}

#[test]
fn stories_can_ignore_rules() {
    let dir = TempDir::new("ignore");
    copy_flood(dir.path());
    let post = dir.path().join("valley-post.md");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replacen(
            "event: storm-ilse\n",
            "event: storm-ilse\ncrosscheck-ignore: [deaths, jobs]\n",
            1,
        ),
    )
    .unwrap();
    let wire = dir.path().join("wire-service.md");
    let text = std::fs::read_to_string(&wire).unwrap();
    std::fs::write(
        &wire,
        format!("{text}\n<!-- crosscheck-ignore event-date -->\n"),
    )
    .unwrap();
    let d = dir.path().to_string_lossy().into_owned();
    let (_, out, err) = run(&["check", &d, "--format", "json", "--report-unused-ignores"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"deaths"), "{rules:?}");
    assert!(!rules.contains(&"event-date"), "{rules:?}");
    assert!(
        rules.contains(&"cost") || rules.contains(&"quote-wording"),
        "{rules:?}"
    );
    assert!(
        err.contains("crosscheck-ignore jobs suppressed nothing"),
        "{err}"
    );
}

#[test]
fn github_annotations_escape_what_the_runner_would_split() {
    let dir = TempDir::new("gh");
    std::fs::write(
        dir.path().join("a,b.md"),
        "---\nid: a\noutlet: A\n---\nAt least people were killed, 100% sure.\n",
    )
    .unwrap();
    let p = dir.path().join("a,b.md").to_string_lossy().into_owned();
    let (_, out, _) = run(&["check", "--format", "github", &p]);
    let line = out
        .lines()
        .find(|l| l.starts_with("::warning"))
        .expect(&out);
    assert!(line.contains("a%2Cb.md"), "{line}");
    assert!(line.contains(",line=5,col=1,"), "{line}");
    assert!(!line.split("::").nth(1).unwrap().contains("a,b"), "{line}");
}

#[test]
fn the_job_summary_gets_markdown_in_github_mode() {
    let dir = TempDir::new("summary");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = crosscheck()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github", "examples/batch/flood"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n## crosscheck"), "{text}");
    assert!(text.contains("| Death toll | Valley Post |"), "{text}");
}

#[test]
fn extra_outputs_in_one_run_and_a_clean_batch_is_valid() {
    let dir = TempDir::new("outputs");
    let f = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    let (code, _, _) = run(&[
        "check",
        "examples/batch/strike/capital-news.md",
        "--sarif-output",
        &f("r.sarif"),
        "--junit-output",
        &f("r.xml"),
        "--json-output",
        &f("r.json"),
        "--markdown-output",
        &f("r.md"),
    ]);
    assert_eq!(code, Some(0));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f("r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(
        !sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let junit = std::fs::read_to_string(f("r.xml")).unwrap();
    assert!(
        junit.contains(
            "<testcase name=\"deaths\" classname=\"crosscheck.transit-strike\" time=\"0\"/>"
        ),
        "{junit}"
    );
    assert!(
        std::fs::read_to_string(f("r.md"))
            .unwrap()
            .starts_with("## crosscheck")
    );
}

#[test]
fn colour_follows_no_color_and_clicolor_force() {
    let out = crosscheck()
        .env("CLICOLOR_FORCE", "1")
        .args(["check", "examples/batch/flood"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    let out = crosscheck()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["check", "examples/batch/flood"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn crosscheck_yaml_is_found_upward_and_flags_win() {
    let dir = TempDir::new("config");
    let nested = dir.path().join("desk/today");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.path().join("crosscheck.yaml"),
        "fail-on: never\nignore: [dangling-quantifier]\n",
    )
    .unwrap();
    let batch = crate::util::root().join("examples/batch/flood");
    let run_in = |args: &[&str]| {
        let out = Command::cargo_bin("crosscheck")
            .unwrap()
            .current_dir(&nested)
            .args(args)
            .arg(&batch)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(
        run_in(&["check"]).0,
        Some(0),
        "fail-on: never from the file"
    );
    assert_eq!(
        run_in(&["check", "--fail-on", "error"]).0,
        Some(1),
        "the flag wins"
    );
    assert_eq!(
        run_in(&["--isolated", "check"]).0,
        Some(1),
        "--isolated ignores the file"
    );
    let (_, json) = run_in(&["check", "--format", "json"]);
    assert!(
        !json.contains("dangling-quantifier"),
        "switched off by the file"
    );
    let shown = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(&nested)
        .arg("config")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("fail-on: never") && shown.contains("crosscheck.yaml"),
        "{shown}"
    );
    std::fs::write(dir.path().join("crosscheck.yaml"), "fail-on: sometimes\n").unwrap();
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(&nested)
        .arg("check")
        .arg(&batch)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("crosscheck.yaml:1:10"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let run_j = |j: &str| {
        crosscheck()
            .args([
                "--jobs",
                j,
                "check",
                "--format",
                "json",
                "examples/batch",
                "tests/fixtures/events",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let one = run_j("1");
    assert!(!one.is_empty());
    assert_eq!(one, run_j("4"));
    assert_eq!(one, run_j("3"));
}

/// Rejected inputs are listed in one order, by path then line, in every
/// format and on standard error, whatever the order of the arguments.
#[test]
fn rejected_inputs_are_listed_in_one_order_whatever_the_arguments() {
    let dir = TempDir::new("rejected-order");
    let write = |name: &str, text: &[u8]| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "one.md",
        b"---\nid: one\noutlet: One\nevent: e\n---\nExactly 12 people were killed, police said.\n",
    );
    write(
        "two.md",
        b"---\nid: two\noutlet: Two\nevent: e\n---\nExactly 21 people were killed, police said.\n",
    );
    write("b-bad.md", b"---\nid: [broken\n---\nText.\n");
    write("a-bad.txt", b"12 people\0 died\n");
    write(
        "c.jsonl",
        b"{oops\n{\"id\": \"c2\", \"outlet\": \"C\", \"event\": \"e\", \"body\": \"Exactly 12 people were killed, police said.\"}\n{also broken\n",
    );
    let p = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    let forward = [
        p("c.jsonl"),
        p("b-bad.md"),
        p("one.md"),
        p("a-bad.txt"),
        p("two.md"),
    ];
    let mut backward = forward.clone();
    backward.reverse();
    for format in [
        "human", "json", "jsonl", "sarif", "junit", "github", "markdown", "html",
    ] {
        let run = |paths: &[String]| {
            let out = crosscheck()
                .args(["check", "--color", "never", "--format", format])
                .args(paths)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2));
            (
                String::from_utf8(out.stdout).unwrap(),
                String::from_utf8(out.stderr).unwrap(),
            )
        };
        let (out, err) = run(&forward);
        let back = run(&backward);
        assert_eq!((&out, &err), (&back.0, &back.1), "{format}");
        // a before b wherever the format lists them
        let at = |needle: &str| {
            out.find(needle)
                .unwrap_or_else(|| panic!("{format}: {out}"))
        };
        assert!(at("a-bad.txt") < at("b-bad.md"), "{format}: {out}");
        let lines: Vec<&str> = err.lines().filter(|l| l.contains("rejected")).collect();
        assert_eq!(lines.len(), 4, "{err}");
        assert!(
            lines[0].contains("a-bad.txt") && lines[1].contains("b-bad.md"),
            "{err}"
        );
        assert!(
            lines[2].contains("c.jsonl:1:") && lines[3].contains("c.jsonl:3:"),
            "{err}"
        );
    }
}
