//! JUnit XML (Jenkins, GitLab): a suite per event with one case per rule,
//! and a suite of inputs with one case per story.

use super::{CheckReport, Emitter, evidence_text};
use crate::rules::{Finding, Severity};
use rayon::prelude::*;
use std::io::{self, Write};

/// The JUnit report.
#[derive(Debug)]
pub(super) struct Junit;

impl Emitter for Junit {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        junit(w, r)
    }
}

/// A finding as JUnit text: its level, rule and message, then a line per
/// piece of evidence with where it stands.
fn finding_lines(r: &CheckReport<'_>, f: &Finding) -> String {
    let mut out = format!("{} [{}] {}\n", f.severity.as_str(), f.rule, f.message);
    for e in &f.evidence {
        let a = &r.analyses[e.story];
        let p = a.story.position(e.span.start);
        out.push_str(&format!(
            "  {}:{}:{} {}\n",
            a.story.path,
            p.line,
            p.column,
            evidence_text(r, e)
        ));
    }
    out
}

/// Escape text for XML attributes and content; drop characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

struct Case {
    classname: String,
    name: String,
    /// (element, type, message, body) for a failure or an error.
    problem: Option<(&'static str, String, String, String)>,
}

/// A test suite: its name, timestamp, system-out and cases.
struct Suite {
    name: String,
    timestamp: String,
    out: String,
    cases: Vec<Case>,
}

/// JUnit XML that both the Jenkins xunit and the Ant JUnit schemas accept:
/// a suite per event with one case per rule (passing ones too), and a suite
/// of inputs with one case per story (rejected ones as errors). Written by
/// hand: the Ant schema allows no attributes on `<testsuites>` and requires
/// some on `<testsuite>` that JUnit crates do not write.
pub(crate) fn junit(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let fail_on = r.fail_on.unwrap_or(Severity::Error);
    let stamp = |newest| r.run_at.clone().unwrap_or_else(|| stamp(newest));
    let newest = r.analyses.iter().filter_map(|a| a.story.published).max();
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(w, "<testsuites>")?;
    let inputs = Suite {
        name: "inputs".to_string(),
        timestamp: stamp(newest),
        out: String::new(),
        cases: input_cases(r),
    };
    write_suite(w, 0, &inputs)?;
    drop(inputs);
    // each event's findings in order, found in one pass: filtering every
    // finding for each event and rule was quadratic (13 s at 327 MB of
    // real news, 40,000 events; issue 21)
    let mut by_event: rustc_hash::FxHashMap<&str, Vec<&Finding>> = rustc_hash::FxHashMap::default();
    for f in r.findings {
        by_event.entry(&f.event).or_default().push(f);
    }
    // the events' suites made on every core, written in order as they
    // are made, never all held
    super::in_order(w, (r.events.len(), EVENTS_PER_TASK), &|k, out| {
        let g = &r.events[k];
        let mine = by_event.get(&*g.event).map_or(&[][..], Vec::as_slice);
        let newest = g
            .stories
            .iter()
            .filter_map(|&s| r.analyses[s].story.published)
            .max();
        // what does not fail the run is still seen: the suite's output
        let mut text = String::new();
        for f in mine
            .iter()
            .filter(|f| f.severity >= r.min_level && f.severity < fail_on)
        {
            text.push_str(&finding_lines(r, f));
        }
        let suite = Suite {
            name: format!("event {}", g.event),
            timestamp: stamp(newest),
            out: text,
            cases: rule_cases(r, &g.event, mine, fail_on),
        };
        write_suite(out, k + 1, &suite)
    })?;
    writeln!(w, "</testsuites>")
}

/// Events' suites a task makes (a suite per event, a case per rule).
const EVENTS_PER_TASK: usize = 16;

/// One case per input, in the order of the JSON report's stories; a
/// rejected one is an error.
fn input_cases(r: &CheckReport<'_>) -> Vec<Case> {
    let mut stories: Vec<(super::StoryKey<'_>, Option<&crate::story::Rejected>)> = r
        .analyses
        .iter()
        .map(|a| (super::checked_key(a), None))
        .collect();
    stories.extend(r.rejected.iter().map(|x| (super::rejected_key(x), Some(x))));
    // stable, so the same order as a sort on one core
    stories.par_sort_by(|a, b| a.0.cmp(&b.0));
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    let mut cases = Vec::new();
    for ((path, ..), rejected) in stories {
        // stories of one JSON Lines file share a path: number them
        let n = seen.entry(path).or_default();
        *n += 1;
        cases.push(Case {
            classname: "crosscheck.inputs".to_string(),
            name: if *n == 1 {
                path.to_string()
            } else {
                format!("{path} #{n}")
            },
            problem: rejected.map(|x| {
                (
                    "error",
                    "rejected-input".to_string(),
                    format!("rejected: {}", x.reason),
                    x.to_string(),
                )
            }),
        });
    }
    cases
}

/// One case per rule for an event whose findings (all, whatever the
/// level shown) are `mine`: a failure when findings at or above `fail_on`
/// are its.
fn rule_cases(r: &CheckReport<'_>, event: &str, mine: &[&Finding], fail_on: Severity) -> Vec<Case> {
    let mut cases = Vec::new();
    for rule in r.rules {
        let failing: Vec<&Finding> = mine
            .iter()
            .copied()
            .filter(|f| f.rule == rule.id && f.severity >= fail_on)
            .collect();
        let problem = (!failing.is_empty()).then(|| {
            let mut body = String::new();
            for f in &failing {
                body.push_str(&finding_lines(r, f));
            }
            let worst = failing
                .iter()
                .map(|f| f.severity)
                .max()
                .unwrap_or(Severity::Error);
            (
                "failure",
                worst.as_str().to_string(),
                format!("{} finding(s): {}", failing.len(), rule.title),
                body,
            )
        });
        cases.push(Case {
            classname: format!("crosscheck.{event}"),
            name: rule.id.clone(),
            problem,
        });
    }
    cases
}

/// One `<testsuite>`, numbered `id`.
fn write_suite(w: &mut dyn Write, id: usize, suite: &Suite) -> io::Result<()> {
    let Suite {
        name,
        timestamp,
        out,
        cases,
    } = suite;
    let failures = cases
        .iter()
        .filter(|c| c.problem.as_ref().is_some_and(|p| p.0 == "failure"))
        .count();
    let errors = cases
        .iter()
        .filter(|c| c.problem.as_ref().is_some_and(|p| p.0 == "error"))
        .count();
    writeln!(
        w,
        "  <testsuite name=\"{}\" package=\"crosscheck\" id=\"{id}\" timestamp=\"{timestamp}\" hostname=\"crosscheck\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"0\">",
        xml(name),
        cases.len()
    )?;
    writeln!(w, "    <properties></properties>")?;
    for c in cases {
        match &c.problem {
            None => writeln!(
                w,
                "    <testcase name=\"{}\" classname=\"{}\" time=\"0\"/>",
                xml(&c.name),
                xml(&c.classname)
            )?,
            Some((el, ty, msg, body)) => {
                writeln!(
                    w,
                    "    <testcase name=\"{}\" classname=\"{}\" time=\"0\">",
                    xml(&c.name),
                    xml(&c.classname)
                )?;
                writeln!(
                    w,
                    "      <{el} type=\"{}\" message=\"{}\">{}</{el}>",
                    xml(ty),
                    xml(msg),
                    xml(body)
                )?;
                writeln!(w, "    </testcase>")?;
            }
        }
    }
    writeln!(w, "    <system-out>{}</system-out>", xml(out))?;
    writeln!(w, "    <system-err></system-err>")?;
    writeln!(w, "  </testsuite>")?;
    Ok(())
}

/// A deterministic timestamp: the newest publication date of the suite.
fn stamp(d: Option<jiff::civil::Date>) -> String {
    d.map_or_else(
        || "1970-01-01T00:00:00".to_string(),
        |d| format!("{d}T00:00:00"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JUnit report as it was made: every suite held, each event's
    /// findings filtered from all of them for each rule, on one thread.
    fn junit_serial(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
        let fail_on = r.fail_on.unwrap_or(Severity::Error);
        let stamp = |newest| r.run_at.clone().unwrap_or_else(|| stamp(newest));
        let newest = r.analyses.iter().filter_map(|a| a.story.published).max();
        let mut suites = vec![Suite {
            name: "inputs".to_string(),
            timestamp: stamp(newest),
            out: String::new(),
            cases: input_cases(r),
        }];
        for g in r.events {
            let newest = g
                .stories
                .iter()
                .filter_map(|&s| r.analyses[s].story.published)
                .max();
            // what does not fail the run is still seen: the suite's output
            let mut out = String::new();
            for f in r
                .shown()
                .filter(|f| *f.event == *g.event && f.severity < fail_on)
            {
                out.push_str(&finding_lines(r, f));
            }
            suites.push(Suite {
                name: format!("event {}", g.event),
                timestamp: stamp(newest),
                out,
                cases: rule_cases_serial(r, &g.event, fail_on),
            });
        }
        writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(w, "<testsuites>")?;
        for (id, suite) in suites.iter().enumerate() {
            write_suite(w, id, suite)?;
        }
        writeln!(w, "</testsuites>")
    }

    /// One case per rule for an event: a failure when findings at or above
    /// `fail_on` are its.
    fn rule_cases_serial(r: &CheckReport<'_>, event: &str, fail_on: Severity) -> Vec<Case> {
        let mut cases = Vec::new();
        for rule in r.rules {
            let failing: Vec<&Finding> = r
                .findings
                .iter()
                .filter(|f| f.event == event && f.rule == rule.id && f.severity >= fail_on)
                .collect();
            let problem = (!failing.is_empty()).then(|| {
                let mut body = String::new();
                for f in &failing {
                    body.push_str(&finding_lines(r, f));
                }
                let worst = failing
                    .iter()
                    .map(|f| f.severity)
                    .max()
                    .unwrap_or(Severity::Error);
                (
                    "failure",
                    worst.as_str().to_string(),
                    format!("{} finding(s): {}", failing.len(), rule.title),
                    body,
                )
            });
            cases.push(Case {
                classname: format!("crosscheck.{event}"),
                name: rule.id.clone(),
                problem,
            });
        }
        cases
    }

    fn rendered(
        render: fn(&mut dyn Write, &CheckReport<'_>) -> io::Result<()>,
        r: &CheckReport<'_>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        render(&mut out, r).unwrap();
        out
    }

    /// On the example batch (every level failing or not, every level
    /// shown or not) and on ../shared/realnews when present, on 1, 2 and
    /// 3 threads: the bytes of the serial reference.
    #[test]
    fn junit_is_written_as_the_serial_reference_writes_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut batches = vec![vec![
            root.join("examples/batch").to_string_lossy().into_owned(),
        ]];
        match std::fs::read_dir(root.join("../shared/realnews")) {
            Ok(dirs) => batches.push(
                dirs.filter_map(Result::ok)
                    .map(|d| d.path().join("stories.jsonl"))
                    .filter(|p| p.is_file())
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect(),
            ),
            Err(_) => eprintln!("skipped: ../shared/realnews is missing"),
        }
        let rules = crate::rules::defaults().unwrap();
        for paths in &batches {
            let listing = crate::story::list(paths, &mut std::io::empty());
            let o =
                crate::check_batch(listing, &rules, &crate::Settings::default(), &()).accept(None);
            assert!(o.events.len() > EVENTS_PER_TASK || paths.len() == 1);
            for (fail_on, min_level) in [
                (None, Severity::Info),
                (Some(Severity::Warning), Severity::Info),
                (Some(Severity::Error), Severity::Warning),
            ] {
                let r = CheckReport {
                    analyses: &o.analyses,
                    rejected: &o.rejected,
                    events: &o.events,
                    findings: &o.findings,
                    min_level,
                    rules: &rules,
                    fail_on,
                    verbose: false,
                    tables: None,
                    run_at: None,
                };
                let want = rendered(junit_serial, &r);
                assert!(String::from_utf8_lossy(&want).contains("<failure"));
                for threads in 1..=3 {
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(threads)
                        .build()
                        .unwrap();
                    let got = pool.install(|| rendered(junit, &r));
                    assert!(
                        got == want,
                        "{threads} threads, fail on {fail_on:?}, from {min_level:?}"
                    );
                }
            }
        }
    }
}
