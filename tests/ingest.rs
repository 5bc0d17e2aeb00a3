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
