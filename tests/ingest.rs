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
