//! Hostile input: nothing panics or hangs, every bad input is rejected with
//! a reason (and a position where there is one), and good stories in the
//! same batch are still checked.

use assert_cmd::Command;

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
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
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
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
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
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
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
