//! `crosscheck check`: the rule engine on fixture events, the seeds, and
//! the command line.

use crosscheck::group::GroupBy;
use crosscheck::rules::{self, Finding, Severity};
use serde::Deserialize;

fn cites(analyses: &[crosscheck::Analysis], f: &Finding) -> Vec<String> {
    f.evidence
        .iter()
        .map(|e| analyses[e.story].story.text[e.span.clone()].to_string())
        .collect()
}

#[derive(Deserialize)]
struct Expected {
    event: String,
    rule: String,
    cites: Vec<String>,
}

/// Precision and recall of warnings and errors on events written with
/// traps (rising tolls, scopes, sources, rounding, number styles,
/// qualifiers that agree) and planted discrepancies (digit swaps, a slipped
/// decimal point, a date a day off, a lower toll reported later).
#[test]
fn precision_and_recall_on_fixture_events() {
    let dir = crate::util::root().join("tests/fixtures/events");
    let (analyses, rejected) = crate::util::analyse(&dir);
    assert!(rejected.is_empty(), "{rejected:?}");
    let expected: Vec<Expected> =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap()).unwrap();
    let rules = rules::defaults().unwrap();
    let (_, findings) = rules::check(&analyses, &rules, GroupBy::Event);
    let reported: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    let matches = |e: &Expected, f: &Finding| {
        let texts = cites(&analyses, f);
        f.event == e.event
            && f.rule == e.rule
            && e.cites
                .iter()
                .all(|c| texts.iter().any(|t| t.contains(c.as_str())))
    };
    let found = expected
        .iter()
        .filter(|e| reported.iter().any(|f| matches(e, f)))
        .count();
    let true_findings = reported
        .iter()
        .filter(|f| expected.iter().any(|e| matches(e, f)))
        .count();
    let precision = true_findings as f64 / reported.len().max(1) as f64;
    let recall = found as f64 / expected.len() as f64;
    let report: Vec<String> = reported
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {:?}",
                f.severity.as_str(),
                f.event,
                f.rule,
                cites(&analyses, f)
            )
        })
        .collect();
    eprintln!(
        "precision {precision:.2} ({true_findings}/{}), recall {recall:.2} ({found}/{})",
        reported.len(),
        expected.len()
    );
    assert!(precision >= 1.0, "precision {precision:.2}: {report:#?}");
    assert!(recall >= 1.0, "recall {recall:.2}: {report:#?}");
}

#[test]
fn the_rule_schema_is_up_to_date() {
    let schema = schemars::schema_for!(crosscheck::rules::model::RuleFile);
    let fresh = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let committed = std::fs::read_to_string(crate::util::root().join("rules/schema.json")).unwrap();
    assert_eq!(
        committed, fresh,
        "run `cargo run -- rules schema > rules/schema.json`"
    );
}

mod cli {

    use crate::util::crosscheck;

    #[test]
    fn exit_codes_follow_fail_on() {
        let code = |args: &[&str]| {
            crosscheck()
                .arg("check")
                .args(args)
                .output()
                .unwrap()
                .status
                .code()
        };
        assert_eq!(
            code(&["examples/batch"]),
            Some(1),
            "errors in the example batch"
        );
        assert_eq!(code(&["examples/batch", "--fail-on", "never"]), Some(0));
        assert_eq!(
            code(&["examples/batch/strike/capital-news.md"]),
            Some(0),
            "one story disagrees with nobody"
        );
        assert_eq!(
            code(&["examples/batch", "/no/such/story.md"]),
            Some(2),
            "a rejected input wins"
        );
    }

    #[test]
    fn json_follows_the_contract() {
        let out = crosscheck()
            .args(["check", "--format", "json", "examples/batch"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["version"], 2);
        assert_eq!(v["summary"]["checked"], 9);
        assert_eq!(v["summary"]["events"], 2);
        assert_eq!(v["stories"].as_array().unwrap().len(), 9);
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "deaths")
            .expect("the death toll finding");
        for key in ["rule", "kind", "severity", "event", "message", "evidence"] {
            assert!(f.get(key).is_some(), "finding lacks {key}");
        }
        assert_eq!(f["severity"], "error");
        assert_eq!(f["event"], "storm-ilse");
        let e = f["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["text"] == "53")
            .unwrap();
        for key in [
            "story", "outlet", "path", "line", "column", "span", "text", "quantity",
        ] {
            assert!(e.get(key).is_some(), "evidence lacks {key}");
        }
        assert_eq!(e["quantity"]["low"], 53.0);
        assert_eq!(e["quantity"]["unit"], "count");
    }

    #[test]
    fn min_level_hides_without_changing_the_exit_code() {
        let out = crosscheck()
            .args([
                "check",
                "--format",
                "json",
                "--min-level",
                "error",
                "examples/batch",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["severity"] == "error")
        );
        assert_eq!(v["summary"]["findings"]["warning"], 0);
    }

    #[test]
    fn output_does_not_depend_on_path_order() {
        let run = |a: &str, b: &str| {
            crosscheck()
                .args(["check", "--format", "json", a, b])
                .output()
                .unwrap()
                .stdout
        };
        assert_eq!(
            run("examples/batch/flood", "examples/batch/strike"),
            run("examples/batch/strike", "examples/batch/flood")
        );
    }

    #[test]
    fn invalid_rules_are_all_reported_with_positions() {
        let dir = std::env::temp_dir().join(format!("crosscheck-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("mine.yaml"),
            "rules:\n  - id: one\n    kind: figure\n    severity: error\n    title: T\n    colour: red\n  - id: two\n    kind: figure\n    severity: error\n    title: T\n    match:\n      unit: furlongs\n",
        )
        .unwrap();
        let out = crosscheck()
            .arg("rules")
            .arg("validate")
            .arg(&dir)
            .output()
            .unwrap();
        let check = crosscheck()
            .args(["check", "examples/batch", "--rules"])
            .arg(&dir)
            .output()
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("mine.yaml:6:5") && err.contains("colour"),
            "{err}"
        );
        assert!(
            err.contains("mine.yaml:12:7") && err.contains("furlongs"),
            "{err}"
        );
        assert_eq!(check.status.code(), Some(2), "check refuses bad rules");
    }

    #[test]
    fn rules_test_list_and_explain() {
        let out = crosscheck().args(["rules", "test"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{text}");
        assert!(
            text.contains("ok     deaths / a digit swap between outlets is an error"),
            "{text}"
        );
        assert!(
            text.lines().last().unwrap().ends_with(" 0 failed"),
            "{text}"
        );
        let list = crosscheck().args(["rules", "list"]).output().unwrap();
        let list = String::from_utf8_lossy(&list.stdout);
        for id in ["deaths", "crowd-size", "event-date", "dangling-quantifier"] {
            assert!(
                list.lines().any(|l| l.starts_with(id)),
                "{id} missing from {list}"
            );
        }
        let ex = crosscheck()
            .args(["rules", "explain", "deaths"])
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&ex.stdout).contains("cumulative: true  # only grows"));
        let none = crosscheck()
            .args(["rules", "explain", "no-such-rule"])
            .output()
            .unwrap();
        assert_eq!(none.status.code(), Some(2));
    }

    #[test]
    fn a_failing_rule_test_fails_the_command() {
        let dir = std::env::temp_dir().join(format!("crosscheck-rtest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("r.yaml"),
            "rules:\n  - id: deaths-strict\n    kind: figure\n    severity: error\n    title: T\n    match:\n      event: [killed]\n    tests:\n      - name: wrongly expects a finding\n        stories:\n          - outlet: A\n            text: Ten people were killed.\n          - outlet: B\n            text: Ten people were killed.\n        expect:\n          - severity: error\n",
        )
        .unwrap();
        let out = crosscheck()
            .arg("rules")
            .arg("test")
            .arg(&dir)
            .output()
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stdout).contains("FAILED deaths-strict"));
    }
}

mod diff_cmd {

    use crate::util::crosscheck;

    #[test]
    fn two_stories_side_by_side() {
        let out = crosscheck()
            .args([
                "diff",
                "--color",
                "never",
                "examples/batch/flood/harbour-herald.md",
                "examples/batch/flood/valley-post.md",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(text.contains("✗ differs   Death toll [error]"), "{text}");
        assert!(
            text.contains("✓ agrees    Number of homes damaged"),
            "{text}"
        );
        assert!(text.contains("· only in A Amount pledged"), "{text}");
        assert!(
            text.contains("it is [-not-] over"),
            "the lost negation, marked without colour: {text}"
        );
        assert!(
            text.contains("Hanna Berg (negation, omission: a negation is dropped: “not”"),
            "the class and the reason beside the diff: {text}"
        );
    }

    #[test]
    fn consistent_stories_exit_zero_and_markdown() {
        let out = crosscheck()
            .args([
                "diff",
                "--format",
                "markdown",
                "examples/batch/strike/metro-times.md",
                "examples/batch/strike/city-wire.md",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{text}");
        assert!(text.starts_with("# Metro Times ↔ City Wire"), "{text}");
        assert!(text.contains("| ✓ agrees | Crowd size |"), "{text}");
    }

    #[test]
    fn bad_input_exits_two() {
        let out = crosscheck()
            .args([
                "diff",
                "examples/batch/flood/harbour-herald.md",
                "/no/such.md",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let out = crosscheck()
            .args(["diff", "examples/batch/flood", "examples/batch/strike"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "folders hold more than two stories"
        );
    }

    #[test]
    fn quote_findings_carry_their_diff_in_json() {
        let out = crosscheck()
            .args(["check", "--format", "json", "examples/batch/flood"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "quote-wording" && f["severity"] == "error")
            .expect("the lost negation");
        let diff = f["diff"].as_array().unwrap();
        assert!(
            diff.iter()
                .any(|d| d["op"] == "delete" && d["text"] == "not"),
            "{diff:?}"
        );
        assert!(
            diff.iter()
                .all(|d| matches!(d["op"].as_str(), Some("equal" | "delete" | "insert")))
        );
        assert_eq!(f["kind"], "quote");
    }
}

/// `--group-by auto` finds the example's two events from their content
/// alone, says why, and reports what grouping by front matter reports.
#[test]
fn auto_grouping_finds_the_example_events() {
    let run = |by: &str| {
        let out = crate::util::crosscheck()
            .args([
                "check",
                "--format",
                "json",
                "--group-by",
                by,
                "examples/batch",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let auto = run("auto");
    let labelled = run("event");
    let groups = auto["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{groups:?}");
    for g in groups {
        let n = g["stories"].as_array().unwrap().len();
        assert!(n == 4 || n == 5, "{g}");
        assert!(
            g["reason"].as_str().unwrap().contains(" stories share "),
            "{g}"
        );
    }
    assert!(labelled.get("groups").is_none());
    let rules = |v: &serde_json::Value| {
        let mut r: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["rule"], f["evidence"][0]["path"]))
            .collect();
        r.sort();
        r
    };
    assert_eq!(rules(&auto), rules(&labelled));
}

/// Checking a batch in two passes and keeping only compacted analyses
/// (`check_batch`) renders every report byte for byte as checking the
/// whole analyses in memory does: the handwritten events, the example
/// batch (Markdown, HTML and JSON Lines stories) and the fixture stories.
#[test]
fn compacted_checking_reports_what_whole_checking_reports() {
    use crosscheck::report::{CheckFormat, CheckReport};
    let rules = rules::defaults().unwrap();
    for dir in [
        "examples/batch",
        "tests/fixtures/events",
        "tests/fixtures/stories",
    ] {
        let path = crate::util::root().join(dir);
        for by in [GroupBy::Event, GroupBy::Auto, GroupBy::Batch] {
            let (whole, rejected) = crate::util::analyse(&path);
            let (events, findings) = rules::check(&whole, &rules, by);
            let paths = [path.to_string_lossy().into_owned()];
            for tables in [true, false] {
                let listing = crosscheck::story::list(&paths, &mut std::io::empty());
                let settings = crosscheck::Settings {
                    group_by: by,
                    tables,
                    ..crosscheck::Settings::default()
                };
                let c = crosscheck::check_batch(listing, &rules, &settings, &());
                assert_eq!(c.rejected, rejected, "{dir}");
                assert_eq!(c.findings.len(), findings.len(), "{dir} {by:?}");
                let all = [
                    CheckFormat::Human,
                    CheckFormat::Json,
                    CheckFormat::Jsonl,
                    CheckFormat::Sarif,
                    CheckFormat::Junit,
                    CheckFormat::Github,
                    CheckFormat::Markdown,
                    CheckFormat::Html,
                ];
                for format in all.into_iter().filter(|f| tables || !f.shows_tables()) {
                    let render = |analyses, events, findings| {
                        let report = CheckReport {
                            analyses,
                            rejected: &rejected,
                            events,
                            findings,
                            min_level: Severity::Info,
                            rules: &rules,
                            fail_on: Some(Severity::Error),
                            verbose: false,
                            tables: None,
                            run_at: None,
                        };
                        let mut out = Vec::new();
                        crosscheck::report::write(&mut out, format, &report, false).unwrap();
                        String::from_utf8(out).unwrap()
                    };
                    let expected = render(&whole, &events, &findings);
                    let got = render(&c.analyses, &c.events, &c.findings);
                    assert_eq!(got, expected, "{dir} {by:?} {format:?}");
                }
                // what is kept is the cited lines, not whole stories (these
                // small fixtures cite most of their lines)
                let kept: usize = c.analyses.iter().map(|a| a.story.text.len()).sum();
                let all: usize = whole.iter().map(|a| a.story.text.len()).sum();
                assert!(kept < all, "{dir}: kept {kept} of {all} bytes");
            }
        }
    }
}

/// Stories written for one test, in a folder of their own: (file, outlet,
/// published, body).
fn event_of(name: &str, stories: &[(&str, &str, &str, &str)]) -> Vec<crosscheck::Analysis> {
    let dir = std::env::temp_dir().join(format!("crosscheck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, outlet, published, body) in stories {
        std::fs::write(
            dir.join(file),
            format!("---\noutlet: {outlet}\npublished: {published}\nevent: one\n---\n{body}\n"),
        )
        .unwrap();
    }
    let (analyses, rejected) = crate::util::analyse(&dir);
    assert!(rejected.is_empty(), "{rejected:?}");
    let _ = std::fs::remove_dir_all(&dir);
    analyses
}

fn primary_outlets(analyses: &[crosscheck::Analysis], f: &Finding) -> Vec<String> {
    f.evidence
        .iter()
        .filter(|e| e.primary)
        .map(|e| analyses[e.story].story.outlet.to_string())
        .collect()
}

#[test]
fn the_odd_one_out_is_blamed_three_outlets_against_one() {
    let analyses = event_of(
        "odd-one",
        &[
            (
                "a.md",
                "Alpha Daily",
                "2024-06-12",
                "About 40,000 people marched through the city, police said.",
            ),
            (
                "b.md",
                "Beta Post",
                "2024-06-12",
                "Police said 40,000 people marched through the city.",
            ),
            (
                "c.md",
                "Gamma News",
                "2024-06-12",
                "Some 40,000 people marched through the city on Tuesday.",
            ),
            (
                "d.md",
                "Delta Wire",
                "2024-06-12",
                "Police said 4,000 people marched through the city.",
            ),
        ],
    );
    let rule_set = crosscheck::rules::load::defaults().unwrap();
    let (_, findings) = rules::check(&analyses, &rule_set, GroupBy::Event);
    let crowd: Vec<&Finding> = findings.iter().filter(|f| f.rule == "crowd-size").collect();
    assert_eq!(crowd.len(), 1, "one finding for the measure: {findings:#?}");
    assert_eq!(primary_outlets(&analyses, crowd[0]), ["Delta Wire"]);
    assert_eq!(
        crowd[0].severity,
        Severity::Error,
        "a slipped zero, same day, same source"
    );
    assert!(
        crowd[0].message.contains("a slipped zero"),
        "{}",
        crowd[0].message
    );
}

#[test]
fn a_falling_toll_blames_the_later_report_and_a_rising_one_is_quiet() {
    let falling = event_of(
        "falling",
        &[
            (
                "a.md",
                "Alpha Daily",
                "2024-05-02",
                "Nineteen people were killed in the blast, police said.",
            ),
            (
                "b.md",
                "Beta Post",
                "2024-05-04",
                "Twelve people were killed in the blast, police said.",
            ),
        ],
    );
    let rule_set = crosscheck::rules::load::defaults().unwrap();
    let (_, findings) = rules::check(&falling, &rule_set, GroupBy::Event);
    let deaths: Vec<&Finding> = findings.iter().filter(|f| f.rule == "deaths").collect();
    assert_eq!(deaths.len(), 1, "{findings:#?}");
    assert_eq!(primary_outlets(&falling, deaths[0]), ["Beta Post"]);
    assert_eq!(
        deaths[0].severity,
        Severity::Warning,
        "different days: no error"
    );
    let rising = event_of(
        "rising",
        &[
            (
                "a.md",
                "Alpha Daily",
                "2024-05-02",
                "Twelve people were killed in the blast, police said.",
            ),
            (
                "b.md",
                "Beta Post",
                "2024-05-04",
                "Nineteen people were killed in the blast, police said.",
            ),
        ],
    );
    let (_, findings) = rules::check(&rising, &rule_set, GroupBy::Event);
    assert!(findings.iter().all(|f| f.rule != "deaths"), "{findings:#?}");
}

#[test]
fn ages_sub_groups_and_background_are_never_compared_with_the_toll() {
    let analyses = event_of(
        "frame-traps",
        &[
            (
                "a.md",
                "Alpha Daily",
                "2024-05-02",
                "Four people were killed in the shooting on Tuesday. The victim, Ana Ode, 19, died at the scene. Of those, three were students. A similar attack in 2019 killed 40 people.",
            ),
            (
                "b.md",
                "Beta Post",
                "2024-05-02",
                "The shooting on Tuesday killed four people, including two children, police said.",
            ),
        ],
    );
    let rule_set = crosscheck::rules::load::defaults().unwrap();
    let (_, findings) = rules::check(&analyses, &rule_set, GroupBy::Event);
    let figures: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == crosscheck::rules::model::Kind::Figure)
        .collect();
    assert!(figures.is_empty(), "{figures:#?}");
}
