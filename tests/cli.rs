//! The binary, run as a user would.

use crate::util::crosscheck;

#[test]
fn claims_json_follows_the_contract() {
    let out = crosscheck()
        .args([
            "claims",
            "--format",
            "json",
            "examples/batch/flood/harbour-herald.md",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 2);
    let story = &v["stories"][0];
    assert_eq!(story["id"], "flood-herald");
    assert_eq!(story["outlet"], "Harbour Herald");
    assert_eq!(story["status"], "checked");
    let claim = story["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "At least 35 people")
        .expect("the KEY POINTS toll");
    for key in [
        "text", "span", "line", "column", "quantity", "counted", "happened", "scope", "source",
        "as_of",
    ] {
        assert!(claim.get(key).is_some(), "claim lacks {key}: {claim}");
    }
    let q = &claim["quantity"];
    assert_eq!(q["value"], "35");
    assert_eq!(q["low"], 35.0);
    assert_eq!(q["high"], serde_json::Value::Null);
    assert_eq!(q["low_inclusive"], true);
    assert_eq!(q["qualifier"], "at-least");
    assert_eq!(q["unit"], "count");
    assert_eq!(claim["counted"], "person");
    assert_eq!(claim["happened"], "killed");
    // the story's event has the name to itself
    assert!(claim.get("event").is_none(), "{claim}");
    assert_eq!(story["event"], "storm-ilse");
    // line and column point into the file, front matter counted
    assert_eq!(
        (claim["line"].as_u64(), claim["column"].as_u64()),
        (Some(11), Some(5))
    );
    // the span is into the story text: headline, blank line, body
    let span = claim["span"].as_array().unwrap();
    assert!(span[0].as_u64().unwrap() < span[1].as_u64().unwrap());
}

#[test]
fn a_rejected_story_is_reported_and_the_rest_goes_on() {
    let dir = std::env::temp_dir().join(format!("crosscheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("good.md"),
        "---\nid: good\n---\nAt least 12 people died.\n",
    )
    .unwrap();
    std::fs::write(dir.join("bad.md"), "---\nid: [broken\n---\nText.\n").unwrap();
    let out = crosscheck()
        .args(["claims", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    let bad = stories.iter().find(|s| s["status"] == "rejected").unwrap();
    assert!(bad["reason"].as_str().unwrap().contains("front matter"));
    assert_eq!(bad["line"], 2);
    let good = stories.iter().find(|s| s["status"] == "checked").unwrap();
    assert_eq!(good["claims"][0]["text"], "At least 12 people");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.md:2:"), "{stderr}");
}

#[test]
fn stdin_json_lines_with_a_broken_line() {
    let input = "{\"id\":\"a\",\"outlet\":\"A\",\"body\":\"At least 12 people died.\"}\nnot json\n";
    let out = crosscheck()
        .args(["claims", "--format", "jsonl", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines
            .iter()
            .any(|l| l["status"] == "rejected" && l["line"] == 2)
    );
}

#[test]
fn human_output_names_positions_and_frames() {
    let out = crosscheck()
        .args([
            "claims",
            "--color",
            "never",
            "examples/batch/strike/metro-times.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("13:13  74 people  74 count exact"), "{text}");
    assert!(
        text.contains("counted: person, happened: detained"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when --color never"
    );
}

#[test]
fn output_is_the_same_whatever_the_order_of_paths() {
    let run = |args: &[&str]| {
        let out = crosscheck()
            .arg("claims")
            .arg("--format")
            .arg("json")
            .args(args)
            .output()
            .unwrap();
        out.stdout
    };
    let a = run(&["examples/batch/strike", "examples/batch/flood"]);
    let b = run(&["examples/batch/flood", "examples/batch/strike"]);
    assert_eq!(a, b);
}

/// An HTML page: the story is the article (no navigation, scripts, adverts
/// or share counts), metadata comes from the page, and every claim's line
/// and column land on its text in the HTML file.
#[test]
fn html_pages_are_read_and_point_into_the_file() {
    let path = "examples/batch/flood/river-gazette.html";
    let out = crosscheck()
        .args(["claims", "--format", "json", path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let story = &v["stories"][0];
    assert_eq!(story["outlet"], "River Gazette");
    let html = std::fs::read_to_string(crate::util::root().join(path)).unwrap();
    let lines: Vec<&str> = html.lines().collect();
    let claims = story["claims"].as_array().unwrap();
    assert!(claims.len() >= 6, "{claims:?}");
    for c in claims {
        let text = c["text"].as_str().unwrap();
        for furniture in ["2,400", "120000", "50%", "Top 100", "1887", "10 things"] {
            assert!(
                !text.contains(furniture),
                "page furniture read as a claim: {c}"
            );
        }
        let line = lines[c["line"].as_u64().unwrap() as usize - 1];
        let at: String = line
            .chars()
            .skip(c["column"].as_u64().unwrap() as usize - 1)
            .collect();
        let first_word = text.split_whitespace().next().unwrap();
        assert!(
            at.starts_with(first_word),
            "{text:?} at {}:{} is {at:?}",
            c["line"],
            c["column"]
        );
    }
    let caption = claims
        .iter()
        .find(|c| c["text"] == "About 2,100 homes")
        .expect("the caption's figure");
    assert_eq!(caption["block"], "caption", "{caption}");
}

/// Run `crosscheck args` with its standard output closed before it writes
/// (`crosscheck ... | head` once head has had enough): the exit code and
/// standard error.
fn with_stdout_closed(args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
        .current_dir(crate::util::root())
        .args(args)
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A reader that goes away early does not turn rejected inputs or failing
/// findings into success, and is no error of its own, in any subcommand.
#[test]
fn a_closed_standard_output_keeps_the_exit_code_the_run_earned() {
    let dir = std::env::temp_dir().join(format!("crosscheck-pipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("batch")).unwrap();
    // far more report than a pipe holds: the writes fail whenever the pipe closes
    let body = "At least people were hurt in the blast.\n\n".repeat(1500);
    std::fs::write(
        dir.join("batch/long.md"),
        format!("---\nid: long\noutlet: A\n---\n{body}"),
    )
    .unwrap();
    std::fs::write(dir.join("bad.txt"), b"1\0 dead\n").unwrap();
    let batch = dir.join("batch").to_string_lossy().into_owned();
    let bad = dir.join("bad.txt").to_string_lossy().into_owned();
    for format in ["human", "json", "sarif", "github", "markdown", "html"] {
        let (code, err) = with_stdout_closed(&["check", "--format", format, &batch, &bad]);
        assert_eq!(
            code,
            Some(2),
            "check --format {format} with a rejected input: {err}"
        );
        assert!(
            !err.contains("internal error") && !err.contains("Broken pipe"),
            "{err}"
        );
        let (code, err) =
            with_stdout_closed(&["check", "--fail-on", "warning", "--format", format, &batch]);
        assert_eq!(
            code,
            Some(1),
            "check --format {format} with findings: {err}"
        );
        assert_eq!(err, "", "quiet");
    }
    let (code, err) = with_stdout_closed(&["claims", &batch, &bad]);
    assert_eq!(code, Some(2), "claims with a rejected input: {err}");
    let (code, err) = with_stdout_closed(&["claims", "--format", "json", &batch]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    std::fs::remove_dir_all(&dir).unwrap();
    for args in [
        &["rules", "schema"][..],
        &["rules", "list"],
        &["rules", "explain", "deaths"],
        &["rules", "test"],
        &["rules", "validate"],
        &["--isolated", "config"],
        &["--help"],
        &["check", "--help"],
        &["help", "rules"],
        &["--version"],
        &[
            "diff",
            "examples/batch/flood/harbour-herald.md",
            "examples/batch/flood/valley-post.md",
        ],
    ] {
        let (code, err) = with_stdout_closed(args);
        let earned = i32::from(args[0] == "diff");
        for _ in 0..4 {
            // a race once (the reader gone before or after the first write)
            let (code, err) = with_stdout_closed(args);
            assert_eq!(code, Some(earned), "{args:?}: {err}");
            assert_eq!(err, "", "{args:?}: a closed pipe is quiet");
        }
        assert_eq!(code, Some(earned), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}: a closed pipe is quiet");
    }
}

/// A fresh, empty temporary folder for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A run never fails on findings it does not show: `--min-level` above
/// `--fail-on` shows the failing findings (and says so), and `never` is
/// not a level to show.
#[test]
fn the_findings_that_fail_a_run_are_shown() {
    let out = crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch/strike",
            "--min-level",
            "error",
            "--fail-on",
            "warning",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stdout.contains("warning: Crowd size differs"),
        "the failing warning is shown: {stdout}"
    );
    assert!(stderr.contains("--fail-on warning"), "{stderr}");
    // at or below --fail-on, --min-level hides what it says it hides
    let out = crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch/strike",
            "--min-level",
            "error",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("warning: Crowd size"), "{stdout}");
    assert!(stdout.contains("2 below --min-level not shown"), "{stdout}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch",
            "--min-level",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// A folder with no story, standard input with no line, a pattern that
/// matched nothing: exit 2 with `no stories found in PATH`, unless
/// `--allow-empty`.
#[test]
fn no_stories_found_is_an_input_error() {
    let dir = scratch("empty");
    std::fs::create_dir_all(dir.join("none")).unwrap();
    std::fs::write(dir.join("none/README"), "not a story\n").unwrap();
    let none = dir.join("none").to_string_lossy().into_owned();
    let pattern = dir.join("*.md").to_string_lossy().into_owned();
    for cmd in ["check", "claims"] {
        let out = crosscheck().args([cmd, &none]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert!(
            err.contains(&format!("no stories found in {none}")),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "no report of nothing");
        let out = crosscheck()
            .args([cmd, "--allow-empty", &none])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{cmd} --allow-empty");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // one empty folder among stories: the run goes on and exits 2
        let out = crosscheck()
            .args([
                cmd,
                "--format",
                "json",
                &none,
                "examples/batch/strike/city-wire.md",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd} with one empty folder");
        assert!(String::from_utf8_lossy(&out.stdout).contains("City Wire"));
        let out = crosscheck().args([cmd, "-"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd} -: {err}");
        assert!(err.contains("no stories found in standard input"), "{err}");
        let out = crosscheck().args([cmd, &pattern]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd} {pattern}: {err}");
        assert!(err.contains("no file matches this pattern"), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The same file reached twice (a folder and a folder inside it, a file
/// and its folder) is one story, not a duplicate id, for `check` too.
#[test]
fn a_story_reached_twice_is_checked_once() {
    let once = crosscheck()
        .args(["--isolated", "check", "--format", "json", "examples/batch"])
        .output()
        .unwrap();
    for twice in [
        &["examples/batch", "examples/batch/flood"][..],
        &["examples/batch/flood/valley-post.md", "examples/batch"],
    ] {
        let out = crosscheck()
            .args(["--isolated", "check", "--format", "json"])
            .args(twice)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{twice:?}");
        // not assert_eq!: a failure would print two whole reports
        assert!(
            out.stdout == once.stdout,
            "{twice:?}: not the report of one reading"
        );
    }
}

/// Every report for people says what kind of difference a finding is and
/// why it has its level, as the JSON message does.
#[test]
fn findings_explain_themselves_in_every_report_for_people() {
    for format in ["human", "markdown", "html"] {
        let out = crosscheck()
            .args(["--isolated", "check", "examples/batch", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for want in [
            "a digit swap",
            "a slipped zero",
            "a slip of the pen",
            "a negation is dropped",
            "has no number",
            "not as a digit swap or a slipped zero",
        ] {
            assert!(text.contains(want), "{format} lacks {want:?}");
        }
    }
    for format in ["human", "markdown", "html"] {
        let out = crosscheck()
            .args([
                "--isolated",
                "diff",
                "examples/batch/flood/harbour-herald.md",
                "examples/batch/flood/valley-post.md",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for want in ["a digit swap", "a different day", "has no number"] {
            assert!(text.contains(want), "diff --format {format} lacks {want:?}");
        }
    }
}

/// One outlier among many outlets: the reports for people show it, one
/// counterpart that says what most say, and "and N more"; `--verbose`,
/// JSON and SARIF give every outlet.
#[test]
fn evidence_is_compact_unless_asked() {
    let run = |args: &[&str]| {
        let out = crosscheck()
            .args(["--isolated", "check", "examples/batch/flood"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let deaths = |report: &str| {
        let start = report.find("[deaths]").expect("the death toll finding");
        let end = report[start..].find("event: storm-ilse").unwrap() + start;
        report[start..end].to_string()
    };
    let compact = deaths(&run(&[]));
    assert!(compact.contains("Valley Post"), "the outlier: {compact}");
    // the counterpart says 35, as three of the four others do (not 36)
    assert!(compact.contains("35 dead as Storm Ilse"), "{compact}");
    assert!(
        compact.contains("and 3 more: Daily Courier, River Gazette, Wire Service"),
        "{compact}"
    );
    assert_eq!(
        compact.matches(" | ").count() / 2,
        2,
        "two excerpts: {compact}"
    );
    let verbose = deaths(&run(&["--verbose"]));
    assert!(!verbose.contains("more:"), "{verbose}");
    for outlet in ["Daily Courier", "River Gazette", "Wire Service"] {
        assert!(verbose.contains(outlet), "{outlet}: {verbose}");
    }
    let md = run(&["--format", "markdown"]);
    assert!(md.contains("  - and 3 more: Daily Courier"), "{md}");
    let html = run(&["--format", "html"]);
    assert!(html.contains("<summary>and 3 more</summary>"));
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let all = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "deaths")
        .unwrap();
    assert_eq!(all["evidence"].as_array().unwrap().len(), 5);
    let sarif: serde_json::Value = serde_json::from_str(&run(&["--format", "sarif"])).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "deaths")
        .unwrap();
    assert_eq!(result["relatedLocations"].as_array().unwrap().len(), 4);
}

/// Per-event tables: by default the terminal shows only the measures
/// outlets disagree on, Markdown and HTML all of them; a measure one
/// outlet alone gives says so rather than "agrees"; a figure kept out of
/// comparisons says why; columns line up.
#[test]
fn tables_say_what_was_compared() {
    let run = |args: &[&str]| {
        let out = crosscheck()
            .args(["--isolated", "check", "examples/batch"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let terminal = run(&[]);
    assert!(terminal.contains("Death toll [deaths]"), "{terminal}");
    assert!(
        !terminal.contains("Number of homes damaged"),
        "all outlets agree on it: {terminal}"
    );
    let all = run(&["--tables", "all"]);
    assert!(all.contains("Number of homes damaged [homes-damaged]"));
    assert!(all.contains("not compared: inferred"), "{all}");
    // the figures' column starts at one place in every row of an event
    for event in all.split("\nevent ").skip(1) {
        let starts: std::collections::BTreeSet<usize> = event
            .lines()
            // the figure rows (the people rows have no quoted figure)
            .filter(|l| l.starts_with("    ") && l.contains('“'))
            .map(|l| l.find('“').map(|k| l[..k].chars().count()).unwrap())
            .collect();
        assert_eq!(starts.len(), 1, "{event}");
    }
    let none = run(&["--tables", "none"]);
    assert!(!none.contains("[deaths]\n    "), "{none}");
    assert!(!none.contains("\nevent "), "{none}");
    let md = run(&["--format", "markdown"]);
    assert!(md.contains("| Number of homes damaged |"), "{md}");
    let md = run(&["--format", "markdown", "--tables", "disagreements"]);
    assert!(!md.contains("| Number of homes damaged |"), "{md}");
    // one outlet alone on a measure is not an agreement
    let dir = scratch("one-outlet");
    std::fs::write(
        dir.join("a.md"),
        "---\nid: a\noutlet: A\nevent: e\npublished: 2024-05-02\n---\nThe quake killed 12 people, police said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "---\nid: b\noutlet: B\nevent: e\npublished: 2024-05-02\n---\nRescuers searched the rubble all night.\n",
    )
    .unwrap();
    let out = crosscheck()
        .args(["--isolated", "check", "--tables", "all"])
        .arg(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("· only one outlet"), "{text}");
    assert!(!text.contains("✓ agrees"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `diff` shows the figures no rule measures too, side by side.
#[test]
fn diff_shows_every_figure() {
    let out = crosscheck()
        .args([
            "--isolated",
            "diff",
            "examples/batch/flood/harbour-herald.md",
            "examples/batch/flood/valley-post.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let others = &text[text.find("Other figures").expect("the section")..];
    // Valley Post's "forty years" and "four hundred troops" match no rule
    assert!(others.contains("“forty years”"), "{text}");
    assert!(others.contains("“four hundred troops”"), "{text}");
}

/// An ignore that names no rule is reported with what it likely means:
/// in a story (front matter or comment) as a warning, in the config as
/// an error with its line and column.
#[test]
fn unknown_rule_ids_in_ignores_are_reported() {
    let dir = scratch("ignores");
    std::fs::write(
        dir.join("a.md"),
        "---\nid: a\noutlet: A\ncrosscheck-ignore: [weekday-mismach]\n---\nTwelve people died.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        "---\nid: b\noutlet: B\n---\n<!-- crosscheck-ignore deaths, no-such-rule -->\n12 people died.\n",
    )
    .unwrap();
    let out = crosscheck()
        .args(["--isolated", "check"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "a warning: {err}");
    assert!(
        err.contains(
            "a.md: crosscheck-ignore: no rule weekday-mismach; did you mean weekday-mismatch?"
        ),
        "{err}"
    );
    assert!(
        err.contains("b.md: crosscheck-ignore: no rule no-such-rule;"),
        "{err}"
    );
    assert!(!err.contains("no rule deaths"), "{err}");
    let config = dir.join("crosscheck.yaml");
    std::fs::write(
        &config,
        "fail-on: error\nignore: [deaths, dangling-quantifer]\n",
    )
    .unwrap();
    let out = crosscheck()
        .arg("--config")
        .arg(&config)
        .arg("check")
        .arg(dir.join("a.md"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            ":2:18: ignore: no rule dangling-quantifer; did you mean dangling-quantifier?"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `rules validate DIR` checks DIR's rules as `check` would: every
/// problem of a file in one run, sorted by place, an id that clashes with
/// a built-in rule included; `rules explain` speaks YAML, not Rust.
#[test]
fn rules_validate_finds_what_check_finds() {
    let dir = scratch("rules-validate");
    std::fs::write(
        dir.join("mine.yaml"),
        "rules:\n  - id: deaths\n    kind: figure\n    severity: error\n    title: Mine\n  - id: other\n    kind: figure\n    severity: loud\n    title: x\n  - id: third\n    kind: figure\n    severity: error\n    title: y\n    compare: { tolerance: lots }\n",
    )
    .unwrap();
    for args in [
        vec!["rules", "validate", dir.to_str().unwrap()],
        vec!["check", "--rules", dir.to_str().unwrap(), "examples/batch"],
    ] {
        let out = crosscheck().arg("--isolated").args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let lines: Vec<&str> = err.lines().filter(|l| l.contains("invalid rule")).collect();
        assert_eq!(lines.len(), 3, "{args:?}: {err}");
        assert!(
            lines[0].contains("mine.yaml:2:1: rule id `deaths` is already used"),
            "{err}"
        );
        assert!(
            lines[1].contains("mine.yaml:8:15: severity: unknown variant `loud`"),
            "{err}"
        );
        assert!(
            lines[2].contains("mine.yaml:14:16: rule `third`: tolerance"),
            "{err}"
        );
    }
    let out = crosscheck()
        .args(["--isolated", "rules", "explain", "deaths"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\nmatch:\n  counted: ["), "{text}");
    assert!(text.contains("\n  unit: count\n"), "{text}");
    assert!(text.contains("\ncompare:\n  tolerance: 0%"), "{text}");
    assert!(
        !text.contains("Exact(") && !text.contains("Some("),
        "{text}"
    );
    let out = crosscheck()
        .args(["--isolated", "rules", "explain", "dangling-quantifier"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("check: dangling-quantifier"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// crosscheck.yaml: levels set and rules switched off by id, honoured by
/// `check`, `rules list` and `diff`; `config` prints the values in force;
/// a scalar stands for a list; every mistake is reported in one run.
#[test]
fn the_config_sets_levels_and_switches_rules() {
    let dir = scratch("config-levels");
    let config = dir.join("crosscheck.yaml");
    std::fs::write(
        &config,
        "severity:\n  cost: warning\n  dangling-quantifier: off\n  person-facts: off\nignore: crowd-size\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = crosscheck()
            .arg("--config")
            .arg(&config)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["check", "examples/batch/strike"]);
    assert_eq!(code, Some(0), "cost is only a warning now: {out}{err}");
    assert!(out.contains("warning: Cost differs"), "{out}");
    assert!(!out.contains("[crowd-size]\n"), "{out}");
    let (_, list, _) = run(&["rules", "list"]);
    assert!(
        list.contains("\ncost ") && list.contains(" warning "),
        "{list}"
    );
    assert!(!list.contains("dangling-quantifier"), "{list}");
    assert!(!list.contains("crowd-size"), "{list}");
    let (_, shown, _) = run(&["config"]);
    assert!(shown.contains("fail-on: error"), "{shown}");
    assert!(shown.contains("group-by: event"), "{shown}");
    assert!(!shown.contains("null"), "{shown}");
    std::fs::write(
        &config,
        "severity:\n  cots: warning\nfail-on: loud\nignroe: x\n",
    )
    .unwrap();
    let (code, _, err) = run(&["check", "examples/batch/strike"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(":3:10: fail-on \"loud\""), "{err}");
    assert!(
        err.contains(":4:1: unknown key `ignroe`; did you mean `ignore`?"),
        "{err}"
    );
    std::fs::write(&config, "severity:\n  cots: warning\n").unwrap();
    let (code, _, err) = run(&["check", "examples/batch/strike"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(":2:3: severity: no rule cots; did you mean cost?"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A story piped in that is not JSON Lines gets one message, not one
/// error a line; `diff` takes one story of a JSON Lines file.
#[test]
fn standard_input_and_json_lines_stories_by_id() {
    let md = std::fs::read_to_string("examples/batch/flood/valley-post.md").unwrap();
    let out = crosscheck()
        .args(["--isolated", "check", "-"])
        .write_stdin(md)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(err.matches("rejected").count(), 1, "{err}");
    assert!(
        err.contains("standard input is read as JSON Lines"),
        "{err}"
    );
    assert!(err.contains("pass a .md or .txt file by its path"), "{err}");
    let dir = scratch("diff-jsonl");
    let file = dir.join("two.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"first-take\",\"outlet\":\"A\",\"body\":\"Twelve people died in the fire.\"}\n{\"id\":\"second-take\",\"outlet\":\"B\",\"body\":\"Fifteen people died in the fire.\"}\n",
    )
    .unwrap();
    let f = file.to_string_lossy();
    let out = crosscheck()
        .args([
            "--isolated",
            "diff",
            &format!("{f}#first-take"),
            &format!("{f}#second-take"),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("“Twelve people”") && text.contains("“Fifteen people”"),
        "{text}"
    );
    let out = crosscheck()
        .args(["--isolated", "diff", &f, &format!("{f}#second-take")])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("holds 2 stories; name one as"), "{err}");
    let out = crosscheck()
        .args([
            "--isolated",
            "diff",
            &format!("{f}#first-tak"),
            &format!("{f}#second-take"),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("holds no story first-tak; did you mean first-take?"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--html-output` beside the other extra outputs; JUnit stamps its
/// suites with the run's time and shows what does not fail the run; a
/// baseline run says what it accepted and which entries went stale.
#[test]
fn extra_outputs_junit_time_and_baseline_summary() {
    let dir = scratch("extras");
    let html = dir.join("r.html");
    let junit = dir.join("r.xml");
    let out = crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch/flood",
            "--fail-on",
            "error",
        ])
        .arg("--html-output")
        .arg(&html)
        .arg("--junit-output")
        .arg(&junit)
        .env("SOURCE_DATE_EPOCH", "1733367600")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Event storm-ilse"));
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("timestamp=\"2024-12-05T03:00:00\""), "{xml}");
    // the dangling quantifier is a warning: no failure, but shown
    assert!(
        xml.contains("<system-out>warning [dangling-quantifier]"),
        "{xml}"
    );
    assert!(!xml.contains("<failure type=\"warning\""), "{xml}");
    // a baseline of the strike event, then a run on the flood too
    let baseline = dir.join("baseline.json");
    crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch/strike",
            "--write-baseline",
        ])
        .arg(&baseline)
        .output()
        .unwrap();
    let mut b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    b["accepted"]["00000000deadbeef"] = "error [deaths] a finding fixed since".into();
    std::fs::write(&baseline, b.to_string()).unwrap();
    let out = crosscheck()
        .args(["--isolated", "check", "examples/batch", "--baseline"])
        .arg(&baseline)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("accepted 5 findings"), "{err}");
    assert!(
        err.contains("1 baseline entry matches no finding any more"),
        "{err}"
    );
    assert!(
        err.contains("00000000deadbeef  error [deaths] a finding fixed since"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `.txt` story names its outlet in a dateline and joins the event its
/// folder's other stories agree on.
#[test]
fn a_plain_text_story_finds_its_outlet_and_event() {
    let dir = scratch("txt-story");
    let story = |outlet: &str, toll: &str| {
        format!(
            "---\noutlet: {outlet}\nevent: harbour-fire\npublished: 2024-05-02\n---\nThe warehouse fire killed {toll} people, the fire service said.\n"
        )
    };
    std::fs::write(dir.join("a.md"), story("Harbour Herald", "35")).unwrap();
    std::fs::write(dir.join("b.md"), story("City Wire", "35")).unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "PORTVILLE (Coast Radio) \u{2014} The warehouse fire killed 53 people, the fire service said.\n",
    )
    .unwrap();
    let out = crosscheck()
        .args(["--isolated", "check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let txt = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with("c.txt"))
        .unwrap();
    assert_eq!(txt["outlet"], "Coast Radio");
    assert_eq!(txt["event"], "harbour-fire");
    assert_eq!(v["summary"]["events"], 1);
    // compared with the others: 53 against 35
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "deaths"),
        "{v}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A folder walk leaves a repository's README and the like out (the
/// pre-commit hook checks the whole tree), and says so; named, one is read.
#[test]
fn a_walk_leaves_repository_documents_out() {
    let dir = scratch("repo-docs");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    std::fs::write(
        dir.join("stories/a.md"),
        "---\noutlet: A\n---\nTwelve people died.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("README.md"),
        "# Stories\n\nAt least people read it.\n",
    )
    .unwrap();
    std::fs::write(dir.join("stories/changelog.txt"), "Added 3 stories.\n").unwrap();
    let out = crosscheck()
        .args(["--isolated", "check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["stories"], 1, "{v}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("README.md (a repository document)"), "{err}");
    let out = crosscheck()
        .args(["--isolated", "claims", "--format", "json"])
        .arg(dir.join("README.md"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stories"][0]["status"], "checked");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The pre-commit hook checks the tree once; the action never pastes an
/// input into its scripts.
#[test]
fn the_hook_and_the_action_are_sound() {
    let hook: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(crate::util::root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let hook = &hook[0];
    assert_eq!(hook["pass_filenames"], false);
    assert!(hook["files"].as_str().unwrap().contains("html"));
    let action = std::fs::read_to_string(crate::util::root().join("action.yml")).unwrap();
    let steps = &action[action.find("steps:").unwrap()..];
    for line in steps.lines() {
        let pasted = line.contains("${{ inputs.") || line.contains("${{ github.");
        let as_env = line.trim_start().split(':').next().is_some_and(|k| {
            k.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !k.is_empty()
        });
        assert!(!pasted || as_env, "an input pasted into a script: {line}");
    }
    assert!(action.contains("release:"), "a released binary can be used");
}

/// The HTML report charts each measure that three or more stories give,
/// as inline SVG: each figure a dot (a square when it differs) on the bar
/// of what it means, by publication day; nothing for fewer stories.
#[test]
fn the_html_report_charts_figures_over_time() {
    let out = crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch/flood",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(!page.contains("<script"));
    let charts: Vec<&str> = page.split("<figure class=\"chart\">").skip(1).collect();
    let deaths = charts
        .iter()
        .find(|c| c.contains("aria-label=\"Death toll: "))
        .expect("a chart of the death toll");
    // the odd one out is drawn apart, a square with its outlet's words
    let differs = deaths.split("<g class=\"pt differs\">").nth(1).unwrap();
    assert!(
        differs.starts_with("<title>Valley Post, 2024-03-05: “53”"),
        "{differs}"
    );
    assert!(differs[..differs.find("</g>").unwrap()].contains("<rect"));
    // the later, higher toll is an update, drawn as agreeing, a day later
    assert!(
        deaths.contains("<title>Daily Courier, 2024-03-06: “36 people” 36 (✓ agrees)"),
        "{deaths}"
    );
    assert!(deaths.contains(">2024-03-05</text>") && deaths.contains(">2024-03-06</text>"));
    // an unbounded figure (at least 35) has an arrow up
    assert!(deaths.contains("<polygon"));
    // displaced: two stories only, no chart
    assert!(
        !charts
            .iter()
            .any(|c| c.contains("aria-label=\"Number of displaced"))
    );
}

#[test]
fn people_tables_in_check_and_diff() {
    let out = crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch/strike",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("People [person-facts]"), "{text}");
    assert!(text.contains("Evening Standard  Marta Kovac, 25"), "{text}");
    let md = crosscheck()
        .args([
            "--isolated",
            "check",
            "examples/batch/strike",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("| Marta Kovac |  | City Wire | Martha Kovac | 52 | ✗ differs |"),
        "{md}"
    );
    let diff = crosscheck()
        .args([
            "--isolated",
            "diff",
            "examples/batch/strike/capital-news.md",
            "examples/batch/strike/metro-times.md",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&diff.stdout);
    let people = diff.split("People\n").nth(1).unwrap_or_default();
    assert!(people.contains("✗ differs   Ivo Brandt"), "{diff}");
    assert!(
        people.contains("A Ivo Brandt, 34") && people.contains("B Ivo Brandt, 29"),
        "{diff}"
    );
    assert!(people.contains("✓ agrees    Marta Kovac"), "{diff}");
}
