//! Formats for CI consumers: SARIF 2.1.0 (GitHub code scanning), JUnit XML
//! (Jenkins, GitLab), GitHub workflow-command annotations, and Markdown
//! (pull-request comments, the job summary).
//!
//! SARIF is written with serde_json from a small typed shape rather than a
//! SARIF crate: the subset GitHub ingests is small, and every field here is
//! checked against the OASIS schema and GitHub's rules in CI.

use super::check::{CheckReport, render_diff};
use super::escape::{markdown as md, markdown_code as code, uri};
use crate::Analysis;
use crate::rules::baseline::fingerprint;
use crate::rules::{Finding, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as GitHub wants it in an annotation's `file`: as given, with
/// forward slashes and no leading `./` (escaped later by [`gh_prop`]).
fn gh_file(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let mut p = path.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

fn region(a: &Analysis, span: &std::ops::Range<usize>) -> Value {
    let start = a.story.position(span.start);
    let end = a.story.position(span.end);
    if end.line == start.line {
        json!({"startLine": start.line, "startColumn": start.column, "endColumn": end.column.max(start.column + 1)})
    } else {
        json!({"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column})
    }
}

fn location(
    a: &Analysis,
    span: &std::ops::Range<usize>,
    id: Option<usize>,
    text: Option<String>,
) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(&a.story.path)},
            "region": region(a, span),
        }
    });
    if let Some(id) = id {
        loc["id"] = json!(id);
    }
    if let Some(t) = text {
        loc["message"] = json!({"text": t});
    }
    loc
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

fn evidence_text(r: &CheckReport<'_>, e: &crate::rules::Evidence) -> String {
    let a = &r.analyses[e.story];
    format!(
        "{}: \u{201c}{}\u{201d}",
        a.story.outlet,
        a.story.slice(e.span.clone()).replace('\n', " ")
    )
}

/// A rule's name for people, which SARIF wants different from its id.
fn readable_name(rule: &crate::rules::Rule) -> String {
    let name: String = super::measure_name(&rule.title)
        .split_whitespace()
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect();
    if name.eq_ignore_ascii_case(&rule.id.replace('-', "")) {
        format!("{name}Check")
    } else {
        name
    }
}

/// SARIF 2.1.0 with one run; a clean batch is a valid file with no results.
pub fn sarif(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let rules: Vec<Value> = r
        .rules
        .iter()
        .map(|rule| {
            let full = rule.description.clone().unwrap_or_else(|| rule.title.clone());
            json!({
                "id": rule.id,
                // a readable name unlike the id: "DeathToll" for `deaths`
                "name": readable_name(rule),
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": full.trim()},
                "help": {
                    "text": format!("{}\n\nCheck the figures against the sources each outlet cites; `crosscheck rules explain {}` says how the rule compares.", full.trim(), rule.id),
                    "markdown": format!("{}\n\nRun `crosscheck rules explain {}` to see how the rule compares.", full.trim(), rule.id),
                },
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": {"tags": ["news", "consistency"]},
            })
        })
        .collect();
    let results: Vec<Value> = r
        .shown()
        .map(|f| {
            let primary = f.evidence.iter().position(|e| e.primary).unwrap_or(0);
            let e0 = &f.evidence[primary];
            let others: Vec<(usize, &crate::rules::Evidence)> = f
                .evidence
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != primary)
                .map(|(k, e)| (k + 1, e))
                .collect();
            // the key fact first, then links to the other outlets' evidence
            let mut message = format!("{} — {}", f.title, evidence_text(r, e0));
            if !others.is_empty() {
                let links: Vec<String> = others
                    .iter()
                    .map(|(id, e)| {
                        format!("[{}]({id})", evidence_text(r, e).replace(['[', ']'], ""))
                    })
                    .collect();
                message.push_str(&format!("; compare {}", links.join("; ")));
            }
            if let Some(d) = &f.diff {
                message.push_str(&format!(". Words: {}", render_diff(&d.parts, false)));
            }
            let a0 = &r.analyses[e0.story];
            let fp = fingerprint(r.analyses, f);
            let mut res = json!({
                "ruleId": f.rule,
                "ruleIndex": r.rules.iter().position(|x| x.id == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": message},
                "locations": [location(a0, &e0.span, None, None)],
                "partialFingerprints": {
                    "primaryLocationLineHash": format!("{fp}:1"),
                    "crosscheckFinding/v1": fp,
                },
                "properties": {"event": f.event, "kind": format!("{:?}", f.kind).to_lowercase()},
            });
            if !others.is_empty() {
                res["relatedLocations"] = Value::Array(
                    others
                        .iter()
                        .map(|(id, e)| {
                            location(
                                &r.analyses[e.story],
                                &e.span,
                                Some(*id),
                                Some(evidence_text(r, e)),
                            )
                        })
                        .collect(),
                );
            }
            res
        })
        .collect();
    let notifications: Vec<Value> = super::rejected_in_order(r.rejected)
        .into_iter()
        .map(|x| {
            let mut n = json!({
                "level": "error",
                "message": {"text": format!("rejected {}: {}", x.path, x.reason)},
                "descriptor": {"id": "rejected-input"},
            });
            if let (Some(l), Some(c)) = (x.line, x.column) {
                n["locations"] = json!([{"physicalLocation": {"artifactLocation": {"uri": uri(&x.path)}, "region": {"startLine": l, "startColumn": c}}}]);
            }
            n
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crosscheck",
                "informationUri": "https://github.com/crosscheck-news/crosscheck",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": r.rejected.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
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

/// JUnit XML that both the Jenkins xunit and the Ant JUnit schemas accept:
/// a suite per event with one case per rule (passing ones too), and a suite
/// of inputs with one case per story (rejected ones as errors). Written by
/// hand: the Ant schema allows no attributes on `<testsuites>` and requires
/// some on `<testsuite>` that JUnit crates do not write.
pub fn junit(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let fail_on = r.fail_on.unwrap_or(Severity::Error);
    // (name, timestamp, system-out, cases)
    let mut suites: Vec<(String, String, String, Vec<Case>)> = Vec::new();
    // inputs
    // in the order of the JSON report's stories
    let mut stories: Vec<(super::StoryKey<'_>, Option<&crate::story::Rejected>)> = r
        .analyses
        .iter()
        .map(|a| (super::checked_key(a), None))
        .collect();
    stories.extend(r.rejected.iter().map(|x| (super::rejected_key(x), Some(x))));
    stories.sort_by(|a, b| a.0.cmp(&b.0));
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
    let newest = r.analyses.iter().filter_map(|a| a.story.published).max();
    let stamp = |newest| r.run_at.clone().unwrap_or_else(|| stamp(newest));
    suites.push(("inputs".to_string(), stamp(newest), String::new(), cases));
    for g in r.events {
        let mut cases = Vec::new();
        for rule in r.rules {
            let failing: Vec<&Finding> = r
                .findings
                .iter()
                .filter(|f| f.event == g.event && f.rule == rule.id && f.severity >= fail_on)
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
                classname: format!("crosscheck.{}", g.event),
                name: rule.id.clone(),
                problem,
            });
        }
        let newest = g
            .stories
            .iter()
            .filter_map(|&s| r.analyses[s].story.published)
            .max();
        // what does not fail the run is still seen: the suite's output
        let mut out = String::new();
        for f in r
            .shown()
            .filter(|f| f.event == g.event && f.severity < fail_on)
        {
            out.push_str(&finding_lines(r, f));
        }
        suites.push((format!("event {}", g.event), stamp(newest), out, cases));
    }
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(w, "<testsuites>")?;
    for (id, (name, timestamp, out, cases)) in suites.iter().enumerate() {
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
    }
    writeln!(w, "</testsuites>")
}

/// A deterministic timestamp: the newest publication date of the suite.
fn stamp(d: Option<jiff::civil::Date>) -> String {
    d.map_or_else(
        || "1970-01-01T00:00:00".to_string(),
        |d| format!("{d}T00:00:00"),
    )
}

/// Escape a workflow-command message as the Actions runner unescapes it:
/// `%`, CR and LF percent-encoded, so that no field can end the line and
/// start a command of its own (`\n::add-mask::`, `%0A` as written). Other
/// control characters are made visible: the log is read in terminals too.
pub(crate) fn gh_data(s: &str) -> String {
    super::escape::controls_visible(s, |c| c == '\r' || c == '\n')
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value: as a message, and `:` and
/// `,`, which end a property.
pub(crate) fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions annotations, most serious first.
pub fn github(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let mut shown: Vec<&Finding> = r.shown().collect();
    shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for x in super::rejected_in_order(r.rejected) {
        let mut props = format!("file={}", gh_prop(&gh_file(&x.path)));
        if let Some(l) = x.line {
            props.push_str(&format!(",line={l}"));
            if let Some(c) = x.column {
                props.push_str(&format!(",col={c}"));
            }
        }
        writeln!(
            w,
            "::error {props},title={}::{}",
            gh_prop("crosscheck: rejected input"),
            gh_data(&x.reason)
        )?;
    }
    for f in shown {
        let e = f
            .evidence
            .iter()
            .find(|e| e.primary)
            .unwrap_or(&f.evidence[0]);
        let a = &r.analyses[e.story];
        let p = a.story.position(e.span.start);
        let end = a.story.position(e.span.end);
        let mut props = format!("file={},line={}", gh_prop(&gh_file(&a.story.path)), p.line);
        if end.line == p.line {
            props.push_str(&format!(
                ",col={},endColumn={}",
                p.column,
                end.column.max(p.column + 1)
            ));
        }
        props.push_str(&format!(
            ",title={}",
            gh_prop(&format!("{} [{}]", f.title, f.rule))
        ));
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(w, "::{kind} {props}::{}", gh_data(&f.message))?;
    }
    Ok(())
}

/// A word diff in Markdown: deletions struck through, insertions in bold,
/// each word escaped ([`md`]).
pub fn markdown_diff(parts: &[(crate::quote::diff::Op, String)]) -> String {
    use crate::quote::diff::Op;
    parts
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(op, text)| match op {
            Op::Equal => md(text),
            Op::Delete => format!("~~{}~~", md(text)),
            Op::Insert => format!("**{}**", md(text)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Markdown report for pull-request comments and job summaries. Every
/// story field is escaped ([`super::escape`]): text as text, paths and
/// event names as code.
pub fn markdown(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let count = |s: Severity| r.shown().filter(|f| f.severity == s).count();
    writeln!(w, "## crosscheck\n")?;
    writeln!(
        w,
        "**{} error(s), {} warning(s), {} info** in {} event(s); {} stories checked, {} rejected.\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        r.events.len(),
        r.analyses.len(),
        r.rejected.len()
    )?;
    for x in super::rejected_in_order(r.rejected) {
        let at = match (x.line, x.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", x.path),
            (Some(l), None) => format!("{}:{l}", x.path),
            _ => x.path.clone(),
        };
        writeln!(w, "- ❌ rejected {}: {}", code(&at), md(&x.reason))?;
    }
    if !r.rejected.is_empty() {
        writeln!(w)?;
    }
    for g in r.events {
        writeln!(w, "### Event {}\n", code(&g.event))?;
        if let Some(why) = &g.reason {
            writeln!(w, "Grouped: {}\n", md(why))?;
        }
        let which = r.tables.unwrap_or(super::check::Tables::All);
        let measures: Vec<&crate::rules::Measure> =
            super::check::measures_shown(g, which).collect();
        if !measures.is_empty() {
            writeln!(w, "| measure | outlet | says | |\n|---|---|---|---|")?;
            for m in measures {
                for (s, ks) in &m.cells {
                    let a = &r.analyses[*s];
                    let says: Vec<String> = ks
                        .iter()
                        .map(|&k| {
                            format!(
                                "\u{201c}{}\u{201d}",
                                md(a.story.slice(a.claims[k].surface()))
                            )
                        })
                        .collect();
                    writeln!(
                        w,
                        "| {} | {} | {} | {} |",
                        md(&super::measure_name(&m.title)),
                        md(&a.story.outlet),
                        says.join("; "),
                        super::check::mark(r.analyses, m, *s, ks).text()
                    )?;
                }
            }
            writeln!(w)?;
        }
        let people: Vec<&crate::rules::person::PersonRow> =
            super::check::people_shown(g, which).collect();
        if !people.is_empty() {
            writeln!(
                w,
                "| person | role | outlet | as written | age | |\n|---|---|---|---|---|---|"
            )?;
            for p in people {
                let mark = if p.differs {
                    "✗ differs"
                } else {
                    "✓ agrees"
                };
                for (s, name, age) in &p.cells {
                    writeln!(
                        w,
                        "| {} | {} | {} | {} | {age} | {mark} |",
                        md(&p.name),
                        p.role.unwrap_or(""),
                        md(&r.analyses[*s].story.outlet),
                        md(name)
                    )?;
                }
            }
            writeln!(w)?;
        }
        for f in r.shown().filter(|f| f.event == g.event) {
            let icon = match f.severity {
                Severity::Error => "🔴",
                Severity::Warning => "🟠",
                Severity::Info => "🔵",
            };
            writeln!(
                w,
                "- {icon} **{}** {} — {}",
                f.severity.as_str(),
                code(&f.rule),
                md(&f.title)
            )?;
            let (shown, rest) = r.evidence(f);
            for e in shown {
                let a = &r.analyses[e.story];
                let p = a.story.position(e.span.start);
                writeln!(
                    w,
                    "  - {} {}",
                    code(&format!("{}:{}:{}", a.story.path, p.line, p.column)),
                    md(&evidence_text(r, e))
                )?;
            }
            if let Some(more) = super::check::more_note(r.analyses, &rest, md) {
                writeln!(w, "  - {more}")?;
            }
            let why = super::explain::explain(f, r.rules);
            writeln!(w, "  - why: {} — {}", md(&why.what), md(&why.level))?;
            if let Some(d) = &f.diff {
                writeln!(w, "  - words: {}", markdown_diff(&d.parts))?;
            }
        }
        writeln!(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{gh_data, gh_prop};

    /// What the Actions runner makes of an escaped value.
    fn unescape(s: &str, property: bool) -> String {
        let mut s = s.replace("%0D", "\r").replace("%0A", "\n");
        if property {
            s = s.replace("%3A", ":").replace("%2C", ",");
        }
        s.replace("%25", "%")
    }

    /// No value can end the command's line, end a property or leave a `%`
    /// the runner would decode; and the runner gets back the text as
    /// written (control characters other than line breaks made visible).
    fn sound(s: &str) {
        let visible = crate::report::escape::controls_visible(s, |c| c == '\r' || c == '\n');
        for (escaped, property) in [(gh_data(s), false), (gh_prop(s), true)] {
            assert!(!escaped.contains(['\r', '\n']), "{escaped:?}");
            assert!(!escaped.chars().any(char::is_control), "{escaped:?}");
            if property {
                assert!(!escaped.contains([':', ',']), "{escaped:?}");
            }
            let known: &[&str] = if property {
                &["25", "0D", "0A", "3A", "2C"]
            } else {
                &["25", "0D", "0A"]
            };
            for (k, _) in escaped.match_indices('%') {
                assert!(
                    known.iter().any(|e| escaped[k + 1..].starts_with(e)),
                    "{escaped:?}"
                );
            }
            assert_eq!(unescape(&escaped, property), visible, "{s:?}");
        }
    }

    #[test]
    fn no_field_starts_a_workflow_command() {
        for s in [
            "Wire\n::error::injected",
            "a\r::warning file=x::y",
            "%0A::error::encoded",
            "%0D%0A::add-mask::secret",
            "100% true, a:b",
            "\r\n::stop-commands::token\n",
            "esc \u{1b}[2J bell \u{7}",
            "%25%0A%%",
        ] {
            sound(s);
        }
        assert_eq!(gh_data("a\n::error::b"), "a%0A::error::b");
        assert_eq!(gh_data("%0A"), "%250A");
        assert_eq!(gh_prop("my stories/a,b:c.md"), "my stories/a%2Cb%3Ac.md");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_escaped_soundly(s in "(\\PC|[\r\n%:,\u{1b}\u{7}]){0,40}") {
            sound(&s);
        }
    }
}
