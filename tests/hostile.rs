//! Hostile input: nothing panics or hangs, every bad input is rejected with
//! a reason (and a position where there is one), and good stories in the
//! same batch are still checked.

use crate::util::crosscheck;

fn batch(files: &[(&str, Vec<u8>)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "crosscheck-hostile-{}-{}",
        std::process::id(),
        files.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn bad_inputs_are_rejected_and_good_ones_checked() {
    let bomb = "---\nid: bomb\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\nBody.\n";
    let deep = format!(
        "---\nid: deep\nx: {}{}\n---\nBody.\n",
        "[".repeat(3000),
        "]".repeat(3000)
    );
    let digits = format!(
        "We counted {} people, 1e309 more and NaN of them; inf.\n",
        "9".repeat(10_000)
    );
    let runaway = "people died at least 12 were killed in the town police said around 2,000 homes "
        .repeat(4000);
    let dir = batch(&[
        (
            "good.md",
            b"---\nid: good\noutlet: A\n---\nAt least 12 people died.\n".to_vec(),
        ),
        ("empty.md", Vec::new()),
        ("binary.txt", b"abc\0def 12 people died\n".to_vec()),
        ("latin1.txt", b"caf\xe9 12 people\n".to_vec()),
        ("bomb.md", bomb.as_bytes().to_vec()),
        ("deep.md", deep.into_bytes()),
        ("digits.txt", digits.into_bytes()),
        ("runaway.txt", runaway.into_bytes()),
        ("zdup.md", b"---\nid: good\n---\n13 people died.\n".to_vec()),
        (
            "lines.jsonl",
            format!(
                "{{\"id\":\"j1\",\"body\":\"{}\"}}\n{{oops\n",
                "x".repeat(100_000)
            )
            .into_bytes(),
        ),
    ]);
    let (code, v) = check_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(2));
    let stories = v["stories"].as_array().unwrap();
    let status = |name: &str| {
        // a JSON Lines file is one path for several stories: look for its rejected line
        let jsonl = name == "lines.jsonl";
        let s = stories
            .iter()
            .find(|s| {
                s["path"].as_str().unwrap().ends_with(name) && (!jsonl || s["status"] == "rejected")
            })
            .unwrap_or_else(|| panic!("{name} missing"));
        (
            s["status"].as_str().unwrap().to_string(),
            s["reason"].as_str().unwrap_or("").to_string(),
            s["line"].as_u64(),
        )
    };
    for (name, reason) in [
        ("binary.txt", "binary"),
        ("latin1.txt", "UTF-8"),
        ("bomb.md", "front matter"),
        ("deep.md", "front matter"),
        ("zdup.md", "duplicate story id"),
        ("lines.jsonl", "broken JSON"),
    ] {
        let (st, why, line) = status(name);
        assert_eq!(st, "rejected", "{name}");
        assert!(why.contains(reason), "{name}: {why}");
        assert!(line.is_some() || name == "zdup.md", "{name} has a line");
    }
    for name in ["good.md", "empty.md", "digits.txt", "runaway.txt"] {
        assert_eq!(status(name).0, "checked", "{name}");
    }
    assert_eq!(
        v["summary"]["checked"], 5,
        "good, empty, digits, runaway and the good JSON line"
    );
}

#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let dir = std::env::temp_dir().join(format!("crosscheck-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/story.md"), "---\nid: s\n---\n12 people died.\n").unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/up")).unwrap();
    let out = crosscheck()
        .args(["claims", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loop"));
}

#[test]
fn a_yaml_bomb_in_a_rule_file_is_an_error_not_a_hang() {
    let dir = std::env::temp_dir().join(format!("crosscheck-rulebomb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut y = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
    for (p, c) in ["a", "b", "c", "d", "e", "f", "g"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h"])
    {
        y.push_str(&format!(
            "{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        ));
    }
    y.push_str("rules: []\n");
    std::fs::write(dir.join("bomb.yaml"), y).unwrap();
    let out = crosscheck()
        .arg("rules")
        .arg("validate")
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bomb.yaml:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run `check --format json` on a folder; the exit code and the report.
fn check_dir(dir: &std::path::Path) -> (Option<i32>, serde_json::Value) {
    let out = crosscheck()
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (out.status.code(), v)
}

/// A 100 MB story on one line and a 50 MB JSON line are checked (no panic,
/// no hang, no running out of memory), beside a small story. Large: run by
/// `.ci/run` in release (`cargo test --release --test tests -- --ignored`).
#[test]
#[ignore = "large input: .ci/run runs it in release"]
fn a_100_mb_line_and_a_50_mb_json_line_are_checked() {
    let sentence = "Officials said at least 12 people died and around 2,000 homes were damaged in the town on Tuesday, police said. ";
    let line = sentence.repeat(100 * 1024 * 1024 / sentence.len() + 1);
    let quote = "Rescuers said 35 people were killed. \\\"It is not over yet,\\\" the chief said. ";
    let body = quote.repeat(50 * 1024 * 1024 / quote.len() + 1);
    let json = format!("{{\"id\":\"big-json\",\"outlet\":\"B\",\"body\":\"{body}\"}}\n");
    let dir = batch(&[
        ("line.txt", line.into_bytes()),
        ("big.jsonl", json.into_bytes()),
        (
            "small.md",
            b"---\nid: small\noutlet: S\n---\nAt least 12 people died.\n".to_vec(),
        ),
    ]);
    let (code, v) = check_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(code, Some(0 | 1)), "exit {code:?}");
    assert_eq!(v["summary"]["checked"], 3, "{}", v["summary"]);
    assert_eq!(v["summary"]["rejected"], 0, "{}", v["summary"]);
}

/// A folder of 100,000 tiny stories: every one is checked, none lost.
#[test]
#[ignore = "large input: .ci/run runs it in release"]
fn a_directory_of_100_000_tiny_files_is_checked() {
    let dir = std::env::temp_dir().join(format!("crosscheck-tiny-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for k in 0..100_000 {
        std::fs::write(
            dir.join(format!("s{k:06}.txt")),
            format!("{} people died.\n", k % 97),
        )
        .unwrap();
    }
    let (code, v) = check_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(code, Some(0 | 1)), "exit {code:?}");
    assert_eq!(v["summary"]["checked"], 100_000, "{}", v["summary"]);
    assert_eq!(v["stories"].as_array().unwrap().len(), 100_000);
}

/// A 100 MB line of `1,` and one of `12/35/53/100/` (issue 16): runs of
/// numbers that long are data, skipped whole, so each is checked as fast
/// as any line of its size (about a second each in release).
#[test]
#[ignore = "large input: .ci/run runs it in release"]
fn a_100_mb_line_of_numbers_is_checked() {
    let ones = "1,".repeat(50 * 1024 * 1024);
    let slashes = "12/35/53/100/".repeat(100 * 1024 * 1024 / 13);
    let dir = batch(&[
        ("ones.txt", ones.into_bytes()),
        ("slashes.txt", slashes.into_bytes()),
    ]);
    let (code, v) = check_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(0), "{}", v["summary"]);
    assert_eq!(v["summary"]["checked"], 2, "{}", v["summary"]);
}
