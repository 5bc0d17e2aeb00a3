//! Reading inputs: every story checked or rejected with a reason and its
//! position, the same whoever runs it and in whatever order the paths come,
//! and no input (a pipe, a device, a huge number) that hangs or exhausts
//! the run.

use crate::util::crosscheck;

#[test]
fn jobs_beyond_the_maximum_are_bad_usage() {
    for n in [
        "257",
        "8000",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let out = crosscheck()
            .args(["-j", n, "claims", "examples/batch/flood/harbour-herald.md"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "-j {n}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("0..=256"), "-j {n}: {err}");
    }
    for n in ["0", "1", "256"] {
        let out = crosscheck()
            .args([
                "--jobs",
                n,
                "claims",
                "examples/batch/flood/harbour-herald.md",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "-j {n}");
    }
}

/// A fresh folder under the system's temporary one, holding `files`.
fn folder(name: &str, files: &[(&str, &[u8])]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, bytes) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

/// `claims --format json` on `args`: the exit code, the report and stderr.
fn claims_json(args: &[&std::ffi::OsStr]) -> (Option<i32>, serde_json::Value, String) {
    let out = crosscheck()
        .args(["claims", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"));
    (out.status.code(), v, err)
}

#[test]
fn figures_beyond_a_double_are_not_claims_with_unbounded_ends() {
    let text = format!(
        "Officials said ${} trillion was lost and 1e308 billion people fled; 12 people died.\n",
        "9".repeat(300)
    );
    let dir = folder("huge", &[("huge.txt", text.as_bytes())]);
    let (code, v, err) = claims_json(&[dir.as_os_str()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(0), "{err}");
    let claims = v["stories"][0]["claims"].as_array().unwrap();
    for c in claims {
        let q = &c["quantity"];
        assert!(q["low"].is_number(), "{c}");
        assert!(
            q["high"].is_number()
                || ["at-least", "more-than", "vague"].contains(&q["qualifier"].as_str().unwrap()),
            "{c}"
        );
    }
    assert!(
        claims.iter().any(|c| c["text"] == "12 people"),
        "{claims:?}"
    );
}

/// The text of `file` at a 1-based line and column (in code points).
fn at(file: &str, line: u64, column: u64) -> String {
    let l = file.lines().nth(line as usize - 1).unwrap();
    l.chars().skip(column as usize - 1).collect()
}

#[test]
fn claims_in_json_stories_point_at_the_file_after_escapes() {
    let body = r#"\"We will rebuild,\" said the mayor of Sm\u00e5by. Police said 35 people died.\n\nAt least 120 homes were lost, officials said."#;
    let json = format!(
        "{{\"id\": \"esc\", \"outlet\": \"Wire\", \"title\": \"\\u201cDark day\\u201d: 35 dead\",\n  \"body\": \"{body}\"}}\n"
    );
    let jsonl = json.replace('\n', " ").replace("\"esc\"", "\"esc-l\"") + "\n";
    let dir = folder(
        "escapes",
        &[("a.json", json.as_bytes()), ("b.jsonl", jsonl.as_bytes())],
    );
    let (code, v, err) = claims_json(&[dir.as_os_str()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(0), "{err}");
    for (story, file) in v["stories"].as_array().unwrap().iter().zip([&json, &jsonl]) {
        let claims = story["claims"].as_array().unwrap();
        assert!(claims.len() >= 3, "{claims:?}");
        for c in claims {
            let text = c["text"].as_str().unwrap();
            let found = at(
                file,
                c["line"].as_u64().unwrap(),
                c["column"].as_u64().unwrap(),
            );
            assert!(found.starts_with(text), "{text:?} at {found:?}");
        }
    }
}

/// `check --format json` on `args`: the exit code, standard output and
/// standard error.
fn check_json(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let out = crosscheck()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The stories of a JSON report: (path relative to `dir`, status, reason).
fn stories(v: &serde_json::Value, dir: &std::path::Path) -> Vec<(String, String, String)> {
    let dir = dir.to_string_lossy();
    v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            (
                path.strip_prefix(&*dir)
                    .unwrap_or(path)
                    .trim_start_matches('/')
                    .to_string(),
                s["status"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn of_two_stories_with_one_id_the_first_by_path_is_kept_whatever_the_order() {
    let dir = folder(
        "dup",
        &[
            (
                "a/first.md",
                b"---\nid: tram-crash\noutlet: Ferry Post\nevent: tram\n---\nPolice said 35 people were killed.\n",
            ),
            (
                "b/second.md",
                b"---\nid: tram-crash\noutlet: Valley Courier\nevent: tram\n---\nPolice said 53 people were killed.\n",
            ),
            (
                "c/other.md",
                b"---\nid: tram-other\noutlet: Night Desk\nevent: tram\n---\nPolice said 35 people were killed.\n",
            ),
        ],
    );
    let (a, b, c) = (dir.join("a"), dir.join("b"), dir.join("c"));
    let (code, forward, err) = check_json(&[a.as_os_str(), b.as_os_str(), c.as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    let (_, backward, _) = check_json(&[c.as_os_str(), b.as_os_str(), a.as_os_str()]);
    assert_eq!(
        forward, backward,
        "the order of the arguments changed the report"
    );
    let v: serde_json::Value = serde_json::from_str(&forward).unwrap();
    let got = stories(&v, &dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(got[0].0, "a/first.md");
    assert_eq!(got[0].1, "checked");
    assert_eq!(
        (got[1].0.as_str(), got[1].1.as_str()),
        ("b/second.md", "rejected")
    );
    assert!(
        got[1].2.contains("duplicate story id \"tram-crash\""),
        "{}",
        got[1].2
    );
    assert!(
        got[1].2.contains("a/first.md has it too and is checked"),
        "{}",
        got[1].2
    );
    assert!(got[1].2.contains("first by path is kept"), "{}", got[1].2);
}

#[test]
fn a_file_reached_twice_is_read_once() {
    let dir = folder(
        "twice",
        &[
            ("top.md", b"---\nid: top\n---\n12 people died.\n"),
            ("sub/inner.md", b"---\nid: inner\n---\n13 people died.\n"),
        ],
    );
    std::os::unix::fs::symlink("inner.md", dir.join("sub/link.md")).unwrap();
    let sub = dir.join("sub");
    let inner = sub.join("inner.md");
    for args in [
        vec![dir.as_os_str(), sub.as_os_str()],
        vec![sub.as_os_str(), dir.as_os_str(), inner.as_os_str()],
        vec![inner.as_os_str(), inner.as_os_str()],
    ] {
        let (code, v, err) = claims_json(&args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        let got = stories(&v, &dir);
        let inner: Vec<_> = got.iter().filter(|s| s.0.starts_with("sub/")).collect();
        // one of its two paths, the first in sorted order
        assert_eq!(inner.len(), 1, "{args:?}: {got:?}");
        assert_eq!(inner[0].0, "sub/inner.md", "{args:?}: {got:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn default_ids_keep_the_extension_when_names_clash() {
    let dir = folder(
        "clash",
        &[
            ("h.txt", b"12 people died.\n"),
            ("h.md", b"13 people died.\n"),
            ("h.json", b"{\"body\": \"14 people died.\"}"),
            ("k.md", b"15 people died.\n"),
        ],
    );
    let (code, v, err) = claims_json(&[dir.as_os_str()]);
    assert_eq!(code, Some(0), "{err}");
    let d = dir.to_string_lossy();
    let mut ids: Vec<&str> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().strip_prefix(&*d).unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["/h.json", "/h.md", "/h.txt", "/k"]);
    // front matter ids are kept as written, numbers too
    let dir2 = folder(
        "numeric-ids",
        &[
            ("a.md", b"---\nid: 1.10\n---\n12 people died.\n"),
            ("b.md", b"---\nid: 1.1\n---\n12 people died.\n"),
            ("c.md", b"---\nid: 0x10\n---\n12 people died.\n"),
            ("d.md", b"---\nid: 16\n---\n12 people died.\n"),
        ],
    );
    let (code, v, err) = claims_json(&[dir2.as_os_str()]);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir2).unwrap();
    assert_eq!(code, Some(0), "{err}");
    let ids: Vec<&str> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1.10", "1.1", "0x10", "16"]);
}

#[test]
fn walks_leave_out_hidden_and_gitignored_files_only_and_say_so() {
    let story = b"12 people died.\n".as_slice();
    let dir = folder(
        "walk",
        &[
            // above the walked folder: none of these apply
            (".gitignore", b"*.md\n"),
            (".git/info/exclude", b"*.txt\n"),
            ("home/.config/git/ignore", b"*.md\n*.txt\n"),
            (
                "home/.gitconfig",
                b"[core]\n\texcludesFile = ~/.config/git/ignore\n",
            ),
            // the walked folder
            ("batch/.gitignore", b"drafts/\nold-*.md\n!old-keep.md\n"),
            ("batch/.ignore", b"kept.md\n"),
            ("batch/kept.md", story),
            ("batch/plain.txt", story),
            ("batch/old-1.md", story),
            ("batch/old-keep.md", story),
            ("batch/.hidden.md", story),
            ("batch/.drafts/a.md", story),
            ("batch/drafts/b.md", story),
            ("batch/sub/.gitignore", b"*.txt\n"),
            ("batch/sub/c.txt", story),
            ("batch/sub/d.md", story),
            ("batch/notes.csv", b"not a story"),
        ],
    );
    let home = dir.join("home");
    // the folder twice, and a folder inside it: each path is told once
    let out = crosscheck()
        .args(["claims", "--format", "json"])
        .arg(dir.join("batch"))
        .arg(dir.join("batch/sub"))
        .arg(dir.join("batch"))
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<String> = stories(&v, &dir.join("batch"))
        .into_iter()
        .map(|s| s.0)
        .collect();
    assert_eq!(
        got,
        ["kept.md", "old-keep.md", "plain.txt", "sub/d.md"],
        "{err}"
    );
    let b = dir.join("batch").to_string_lossy().into_owned();
    let note = format!(
        "crosscheck: skipped 5 paths in folders: {b}/.drafts (hidden), {b}/.hidden.md (hidden), \
         {b}/drafts (ignored by {b}/.gitignore), {b}/old-1.md (ignored by {b}/.gitignore), \
         {b}/sub/c.txt (ignored by {b}/sub/.gitignore)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(err, note);
}

#[test]
fn pipes_and_devices_are_rejected_not_read() {
    let dir = folder("special", &[("good.md", b"12 people died.\n")]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    let sub = folder("special-named", &[]);
    std::process::Command::new("mkfifo")
        .arg(sub.join("named.jsonl"))
        .status()
        .unwrap();
    std::os::unix::fs::symlink("/dev/zero", sub.join("zero.md")).unwrap();
    let out = crosscheck()
        .args(["claims", "--format", "json"])
        .arg(&dir)
        .arg(sub.join("named.jsonl"))
        .arg(sub.join("zero.md"))
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&sub).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String)> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, s["reason"].as_str().unwrap_or("checked").to_string())
        })
        .collect();
    let reason = |name: &str| &got.iter().find(|g| g.0 == name).unwrap().1;
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!(reason("good.md"), "checked");
    for (name, what) in [
        ("pipe.md", "a named pipe (FIFO)"),
        ("named.jsonl", "a named pipe (FIFO)"),
        ("zero.txt", "a character device"),
        ("zero.md", "a character device"),
    ] {
        assert_eq!(
            reason(name),
            &format!("not a regular file: {what}; stories are read from files only")
        );
    }
}

/// A file of `len` zero bytes that takes no room on disk.
fn sparse(path: &std::path::Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

#[test]
fn a_story_over_the_maximum_size_is_rejected_after_reading_no_more() {
    let max = crosscheck::story::MAX_STORY_BYTES as u64;
    let dir = folder(
        "big",
        &[(
            "small.jsonl",
            b"{\"id\": \"s\", \"body\": \"12 people died.\"}\n",
        )],
    );
    sparse(&dir.join("huge.txt"), max + 1);
    sparse(&dir.join("fits.txt"), 1000);
    // a JSON Lines file: its long line (a hole of zeros) is rejected, the
    // next one read
    {
        use std::io::{Seek, Write};
        let mut lines = std::fs::File::create(dir.join("lines.jsonl")).unwrap();
        let first = b"{\"id\": \"first\", \"body\": \"12 dead.\"}\n";
        lines.write_all(first).unwrap();
        lines
            .seek(std::io::SeekFrom::Start(first.len() as u64 + max + 10))
            .unwrap();
        lines
            .write_all(b"\n{\"id\": \"third\", \"body\": \"13 dead.\"}\n")
            .unwrap();
    }
    let (code, v, err) = claims_json(&[dir.as_os_str()]);
    let got = stories(&v, &dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(2), "{err}");
    let rejected: Vec<_> = got.iter().filter(|s| s.1 == "rejected").collect();
    // the zeros of fits.txt are a binary file, not an oversized one
    assert_eq!(rejected.len(), 3, "{got:?}");
    for name in ["huge.txt", "lines.jsonl"] {
        let r = rejected.iter().find(|r| r.0 == name).unwrap();
        assert!(
            r.2.starts_with("larger than the largest story read (256 MiB)"),
            "{r:?}"
        );
    }
    let lines = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["path"].as_str().unwrap().ends_with("lines.jsonl"))
        .map(|s| {
            (
                s["status"].as_str().unwrap().to_string(),
                s["line"].as_u64(),
            )
        })
        .collect::<Vec<_>>();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines.contains(&("rejected".to_string(), Some(2))),
        "{lines:?}"
    );
}

#[test]
fn an_endless_line_on_standard_input_is_rejected_not_read_forever() {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
        .args(["claims", "--format", "json", "-"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("-:1: a line longer than the largest story (256 MiB); standard input was read no further"),
        "{err}"
    );
}
