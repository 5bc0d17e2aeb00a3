//! Reading rule files: YAML text → [`RuleDef`]s → validated [`Rule`]s.
//!
//! One loader for every source (the defaults compiled into the binary,
//! `--rules DIR`, `rules validate`). Each rule of a file is deserialised on
//! its own, so one broken rule does not hide the next: every invalid rule is
//! reported, with the file, line and column of the offending key.

use super::model::{Kind, RuleDef, RuleFile};
use super::{Compare, FigureRule, Matcher, Rule, RuleKind, UnitMatch};
use crate::extract::frame::EVENT_NAMES;
use std::path::{Path, PathBuf};

/// A way a rule file can be wrong. Each names what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("{file}:{line}:{column}: {message}")]
    Yaml {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}:{line}:{column}: rule `{rule}`: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        rule: String,
        message: String,
    },
    #[error("{file}:{line}:{column}: rule id `{rule}` is already used by {first}")]
    Duplicate {
        file: String,
        line: usize,
        column: usize,
        rule: String,
        first: String,
    },
    #[error("{path}: cannot read rules: {message}")]
    Io { path: String, message: String },
}

impl RuleError {
    /// The file, line and column it names (an unreadable path: line 0).
    pub fn position(&self) -> (&str, usize, usize) {
        match self {
            RuleError::Yaml {
                file, line, column, ..
            }
            | RuleError::Invalid {
                file, line, column, ..
            }
            | RuleError::Duplicate {
                file, line, column, ..
            } => (file, *line, *column),
            RuleError::Io { path, .. } => (path, 0, 0),
        }
    }
}

/// Where each rule item of a file starts: 1-based lines.
fn item_lines(src: &str) -> Vec<usize> {
    let mut in_rules = false;
    let mut indent = None;
    let mut out = Vec::new();
    for (k, line) in src.lines().enumerate() {
        if line.starts_with("rules:") {
            in_rules = true;
            continue;
        }
        if !in_rules || line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        if line.trim_start().starts_with("- ") || line.trim_start() == "-" {
            match indent {
                None => {
                    indent = Some(lead);
                    out.push(k + 1);
                }
                Some(i) if i == lead => out.push(k + 1),
                _ => {}
            }
        } else if lead == 0 {
            in_rules = false;
        }
    }
    out
}

/// The line and column of `key:` inside lines `from..to` (1-based, `to` exclusive).
fn locate_key(src: &str, from: usize, to: usize, key: &str) -> Option<(usize, usize)> {
    for (k, line) in src
        .lines()
        .enumerate()
        .skip(from - 1)
        .take(to.saturating_sub(from))
    {
        let t = line.trim_start().trim_start_matches("- ");
        if t.starts_with(&format!("{key}:")) {
            let col = line.len() - t.len() + 1;
            return Some((k + 1, col));
        }
        // in a flow mapping: `compare: { tolerance: lots }`
        for (i, _) in line.match_indices(&format!("{key}:")) {
            if line[..i].trim_end().ends_with(['{', ',']) {
                return Some((k + 1, line[..i].chars().count() + 1));
            }
        }
    }
    None
}

fn percent(s: &str) -> Option<f64> {
    let t = s.trim().strip_suffix('%')?.trim();
    let v: f64 = t.parse().ok()?;
    (0.0..=1000.0).contains(&v).then_some(v / 100.0)
}

fn unit_match(s: &str) -> Option<UnitMatch> {
    Some(match s {
        "money" => UnitMatch::Money,
        "count" | "percent" | "percentage-point" | "date" | "age" | "year" | "ordinal" => {
            UnitMatch::Exact(s.to_string())
        }
        _ if s.starts_with("money:")
            && s.len() == 9
            && s[6..].bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            UnitMatch::Exact(s.to_string())
        }
        _ if s.starts_with("duration:") || s.starts_with("measure:") => {
            UnitMatch::Exact(s.to_string())
        }
        _ => return None,
    })
}

/// Compile one rule; problems are pushed with their positions.
// reason: not split while another engineer changes this file; left to the lead (issue 22, part 6)
#[allow(clippy::too_many_lines)]
fn compile(
    def: RuleDef,
    file: &str,
    src: &str,
    from: usize,
    to: usize,
    errors: &mut Vec<RuleError>,
) -> Option<Rule> {
    let at = |key: &str| locate_key(src, from, to, key).unwrap_or((from, 1));
    let mut bad = |key: &str, message: String| {
        let (line, column) = at(key);
        errors.push(RuleError::Invalid {
            file: file.to_string(),
            line,
            column,
            rule: def.id.clone(),
            message,
        });
    };
    let mut ok = true;
    if def.id.is_empty()
        || !def
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bad(
            "id",
            "ids are lower-case letters, digits and hyphens".to_string(),
        );
        ok = false;
    }
    let tolerance = percent(&def.compare.tolerance);
    if tolerance.is_none() {
        bad(
            "tolerance",
            format!(
                "tolerance {:?} is not a percentage like `5%`",
                def.compare.tolerance
            ),
        );
        ok = false;
    }
    let approx = percent(&def.compare.approx);
    if approx.is_none() {
        bad(
            "approx",
            format!(
                "approx {:?} is not a percentage like `10%`",
                def.compare.approx
            ),
        );
        ok = false;
    }
    let unit = match def.matcher.unit.as_deref() {
        None => match def.kind {
            Kind::Date => UnitMatch::Exact("date".to_string()),
            _ => UnitMatch::Any,
        },
        Some(u) => match unit_match(u) {
            Some(m) => m,
            None => {
                bad(
                    "unit",
                    format!(
                        "unknown unit `{u}`: expected count, percent, money, money:XXX, date, duration:UNIT, age, year"
                    ),
                );
                ok = false;
                UnitMatch::Any
            }
        },
    };
    for e in &def.matcher.event {
        if !EVENT_NAMES.contains(&e.as_str()) {
            bad(
                "event",
                format!(
                    "unknown event `{e}`: expected one of {}",
                    EVENT_NAMES.join(", ")
                ),
            );
            ok = false;
        }
    }
    match (def.kind, def.check) {
        (Kind::Lint, None) => {
            bad("kind", "a lint rule needs `check:` (dangling-quantifier, weekday-mismatch or shares-over-100)".to_string());
            ok = false;
        }
        (Kind::Figure | Kind::Date | Kind::Quote | Kind::Person, Some(_)) => {
            bad("check", "`check:` belongs to lint rules only".to_string());
            ok = false;
        }
        _ => {}
    }
    if def.quote.is_some() && def.kind != Kind::Quote {
        bad("quote", "`quote:` belongs to quote rules only".to_string());
        ok = false;
    }
    let quote = if def.kind == Kind::Quote {
        let q = def.quote.clone().unwrap_or(super::model::QuoteDef {
            same_speaker: "60%".to_string(),
            unknown_speaker: "75%".to_string(),
            misattribution: "90%".to_string(),
            core: 3,
            severity: super::model::QuoteSeverities::default(),
        });
        let mut share = |key: &str, v: &str| {
            percent(v).filter(|p| *p <= 1.0).unwrap_or_else(|| {
                bad(
                    key,
                    format!("{key} {v:?} is not a percentage between 0% and 100%"),
                );
                ok = false;
                0.5
            })
        };
        let thresholds = crate::quote::align::Thresholds {
            same_speaker: share("same_speaker", &q.same_speaker),
            unknown_speaker: share("unknown_speaker", &q.unknown_speaker),
            misattribution: share("misattribution", &q.misattribution),
            core: q.core.max(1),
        };
        Some(super::QuoteRule {
            thresholds,
            severities: q.severity,
        })
    } else {
        None
    };
    for (k, t) in def.tests.iter().enumerate() {
        if t.stories.is_empty() {
            bad(
                "tests",
                format!("test {} ({:?}) has no stories", k + 1, t.name),
            );
            ok = false;
        }
        for s in &t.stories {
            if let Some(p) = &s.published {
                if crate::story::parse_published(p).is_none() {
                    bad(
                        "published",
                        format!(
                            "test {:?}: published {p:?} is not a date (YYYY-MM-DD)",
                            t.name
                        ),
                    );
                    ok = false;
                }
            }
        }
    }
    if !ok {
        return None;
    }
    let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
    let figures = || FigureRule {
        matcher: Matcher {
            counted: lower(&def.matcher.counted),
            event: lower(&def.matcher.event),
            unless: lower(&def.matcher.unless),
            unit,
        },
        compare: Compare {
            tolerance: tolerance.unwrap_or(0.0),
            approx: approx.unwrap_or(0.1),
            cumulative: def.compare.cumulative,
            scope_must_match: def.compare.scope == super::model::ScopeMode::MustMatch,
        },
    };
    let kind = match (def.kind, def.check, quote) {
        (Kind::Figure, ..) => RuleKind::Figure(figures()),
        (Kind::Date, ..) => RuleKind::Date(figures()),
        (Kind::Lint, Some(check), _) => RuleKind::Lint(check),
        (Kind::Quote, _, Some(q)) => RuleKind::Quote(q),
        (Kind::Person, ..) => RuleKind::Person,
        // a lint rule without `check:` is refused above, and a quote rule
        // always has its settings
        (Kind::Lint | Kind::Quote, ..) => return None,
    };
    Some(Rule {
        id: def.id,
        severity: def.severity,
        title: def.title,
        description: def.description,
        kind,
        tests: def.tests,
        file: file.to_string(),
        line: from,
    })
}

fn yaml_error(file: &str, line_offset: usize, e: &serde_yaml::Error) -> RuleError {
    let (line, column) = e.location().map_or((line_offset + 1, 1), |l| {
        (line_offset + l.line(), l.column())
    });
    let msg = e.to_string();
    let message = msg.split(" at line ").next().unwrap_or(&msg);
    // a rule is read on its own as a one-item list: drop that path prefix
    let message = message
        .strip_prefix(".[0].")
        .or_else(|| message.strip_prefix("[0]."))
        .unwrap_or(message)
        .to_string();
    RuleError::Yaml {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// Load the rules of one file's text. `file` names it in errors.
pub fn load_str(file: &str, src: &str) -> Result<Vec<Rule>, Vec<RuleError>> {
    let (rules, errors) = load_str_partial(file, src);
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// The valid rules of one file's text and every problem of the others:
/// so that a valid rule's id still clashes with another's when its file
/// has a broken rule too.
pub(crate) fn load_str_partial(file: &str, src: &str) -> (Vec<Rule>, Vec<RuleError>) {
    // the file as a whole: syntax, and nothing but `rules` at the top
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Shape {
        #[allow(dead_code)]
        rules: Vec<serde_yaml::Value>,
    }
    let shape: Shape = match serde_yaml::from_str(src) {
        Ok(s) => s,
        Err(e) => return (Vec::new(), vec![yaml_error(file, 0, &e)]),
    };
    let starts = item_lines(src);
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let total_lines = src.lines().count() + 1;
    if starts.len() == shape.rules.len() {
        // each rule on its own, so every broken rule is reported
        let lines: Vec<&str> = src.lines().collect();
        for (k, &from) in starts.iter().enumerate() {
            let to = starts.get(k + 1).copied().unwrap_or(total_lines);
            let chunk = lines[from - 1..(to - 1).min(lines.len())].join("\n");
            match serde_yaml::from_str::<Vec<RuleDef>>(&chunk) {
                Ok(defs) => {
                    for def in defs {
                        if let Some(r) = compile(def, file, src, from, to, &mut errors) {
                            rules.push(r);
                        }
                    }
                }
                Err(e) => errors.push(yaml_error(file, from - 1, &e)),
            }
        }
    } else {
        match serde_yaml::from_str::<RuleFile>(src) {
            Ok(f) => {
                for def in f.rules {
                    if let Some(r) = compile(def, file, src, 1, total_lines, &mut errors) {
                        rules.push(r);
                    }
                }
            }
            Err(e) => errors.push(yaml_error(file, 0, &e)),
        }
    }
    (rules, errors)
}

/// The rule files of a directory (`*.yaml`, `*.yml`), in sorted order.
pub(crate) fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let io = |e: std::io::Error| RuleError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every valid rule of a directory (or one file), and every problem.
pub(crate) fn load_dir_partial(dir: &Path) -> (Vec<Rule>, Vec<RuleError>) {
    let files = match rule_files(dir) {
        Ok(f) => f,
        Err(e) => return (Vec::new(), vec![e]),
    };
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        match std::fs::read_to_string(&f) {
            Ok(src) => {
                let (r, e) = load_str_partial(&shown, &src);
                rules.extend(r);
                errors.extend(e);
            }
            Err(e) => errors.push(RuleError::Io {
                path: shown,
                message: e.to_string(),
            }),
        }
    }
    (rules, errors)
}

/// The default rules, compiled into the binary.
pub(crate) const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "rules/casualties.yaml",
        include_str!("../../rules/casualties.yaml"),
    ),
    (
        "rules/crowds-and-arrests.yaml",
        include_str!("../../rules/crowds-and-arrests.yaml"),
    ),
    (
        "rules/money-and-shares.yaml",
        include_str!("../../rules/money-and-shares.yaml"),
    ),
    ("rules/dates.yaml", include_str!("../../rules/dates.yaml")),
    ("rules/quotes.yaml", include_str!("../../rules/quotes.yaml")),
    ("rules/people.yaml", include_str!("../../rules/people.yaml")),
    ("rules/lint.yaml", include_str!("../../rules/lint.yaml")),
];

/// The default rules.
pub fn defaults() -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (name, src) in DEFAULT_FILES {
        match load_str(name, src) {
            Ok(r) => rules.extend(r),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// The rules in force: the defaults (unless `no_defaults`) and those of
/// every file or folder in `dirs`. Every problem of every file comes back
/// from one call, with the id clashes among the valid rules.
pub fn in_force(dirs: &[PathBuf], no_defaults: bool) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    if !no_defaults {
        match defaults() {
            Ok(r) => rules.extend(r),
            Err(e) => errors.extend(e),
        }
    }
    for dir in dirs {
        let (r, e) = load_dir_partial(dir);
        rules.extend(r);
        errors.extend(e);
    }
    if let Err(e) = check_unique(&rules) {
        errors.extend(e);
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Reject a second rule with an id already used.
pub fn check_unique(rules: &[Rule]) -> Result<(), Vec<RuleError>> {
    let mut seen: std::collections::HashMap<&str, &Rule> = std::collections::HashMap::new();
    let mut errors = Vec::new();
    for r in rules {
        if let Some(first) = seen.get(r.id.as_str()) {
            errors.push(RuleError::Duplicate {
                file: r.file.clone(),
                line: r.line,
                column: 1,
                rule: r.id.clone(),
                first: format!("{}:{}", first.file, first.line),
            });
        } else {
            seen.insert(&r.id, r);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invalid_rule_is_reported_with_its_position() {
        let src = "rules:\n  - id: ok-rule\n    kind: figure\n    severity: error\n    title: Fine\n  - id: bad-one\n    kind: figure\n    severity: error\n    title: Bad\n    colour: red\n  - id: bad-two\n    kind: figure\n    severity: loud\n    title: Bad too\n  - id: bad-three\n    kind: figure\n    severity: error\n    title: Bad three\n    compare:\n      tolerance: lots\n    match:\n      event: [kiled]\n";
        let errs = load_str("r.yaml", src).unwrap_err();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(errs.len(), 4, "{text:#?}");
        assert!(
            text[0].starts_with("r.yaml:10:5:") && text[0].contains("colour"),
            "{}",
            text[0]
        );
        assert!(
            text[1].starts_with("r.yaml:13:") && text[1].contains("loud"),
            "{}",
            text[1]
        );
        assert!(
            text[2].starts_with("r.yaml:20:7:") && text[2].contains("lots"),
            "{}",
            text[2]
        );
        assert!(
            text[3].starts_with("r.yaml:22:7:") && text[3].contains("kiled"),
            "{}",
            text[3]
        );
    }

    #[test]
    fn broken_yaml_names_its_line() {
        let errs = load_str("r.yaml", "rules:\n  - id: x\n    kind: [figure\n").unwrap_err();
        assert!(
            matches!(errs[0], RuleError::Yaml { line: 3.., .. }),
            "{errs:?}"
        );
        let errs = load_str("r.yaml", "rulez: []\n").unwrap_err();
        assert!(errs[0].to_string().contains("rulez"), "{errs:?}");
    }

    #[test]
    fn the_defaults_load() {
        let rules = defaults().unwrap_or_else(|e| panic!("{e:#?}"));
        assert!(rules.len() >= 8);
        check_unique(&rules).unwrap();
    }
}
