//! GitHub Actions workflow commands: one annotation per finding (and per
//! rejected input), most serious first.

use super::{CheckReport, Emitter, rejected_in_order};
use crate::rules::{Finding, Severity};
use std::io::{self, Write};

/// The GitHub annotations.
#[derive(Debug)]
pub(super) struct Github;

impl Emitter for Github {
    fn emit(&self, w: &mut dyn Write, r: &CheckReport<'_>, _: bool) -> io::Result<()> {
        github(w, r)
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
pub(crate) fn github(w: &mut dyn Write, r: &CheckReport<'_>) -> io::Result<()> {
    let mut shown: Vec<&Finding> = r.shown().collect();
    shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for x in rejected_in_order(r.rejected) {
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
