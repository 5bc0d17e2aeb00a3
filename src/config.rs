//! `crosscheck.yaml`: settings a newsroom keeps beside its stories.
//!
//! Found by walking up from the working directory (like `.editorconfig`),
//! or named with `--config FILE`; `--isolated` ignores it. Flags on the
//! command line win over the file. Every mistake in it is reported in one
//! run, each with the file, line and column; a key that looks like a slip
//! for a known one gets a "did you mean".
//!
//! ```yaml
//! rules: [newsroom-rules]      # rule folders, relative to this file
//! no-default-rules: false
//! fail-on: warning
//! min-level: info
//! group-by: event
//! ignore: [jobs]               # rules switched off everywhere
//! select: [deaths, injured]    # only these rules run (ruff's habit)
//! severity:                    # the highest level a rule's findings reach
//!   crowd-size: warning        # (`off` switches a rule off)
//!   missing: error
//! ```
//!
//! A single value is taken where a list is expected (`ignore: jobs`).

use crate::rules::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file's contents.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule folders or files, relative to the config file.
    #[serde(default, deserialize_with = "one_or_many")]
    pub rules: Vec<PathBuf>,
    /// Use only the rules named here and with --rules.
    #[serde(default)]
    pub no_default_rules: bool,
    /// `error`, `warning`, `info` or `never`.
    #[serde(default)]
    pub fail_on: Option<String>,
    /// `error`, `warning` or `info`.
    #[serde(default)]
    pub min_level: Option<String>,
    /// `event`, `dir`, `batch` or `auto`.
    #[serde(default)]
    pub group_by: Option<String>,
    /// Rule ids switched off for every story.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) ignore: Vec<String>,
    /// When given, only these rules run.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) select: Vec<String>,
    /// Per rule id: the highest level its findings reach (`error`,
    /// `warning`, `info`), or `off`.
    #[serde(default)]
    pub(crate) severity: BTreeMap<String, String>,
}

/// A list, or one value standing for a list of one.
fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        Many(Vec<T>),
        One(T),
    }
    Ok(match Option::<OneOrMany<T>>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::Many(v)) => v,
        Some(OneOrMany::One(x)) => vec![x],
    })
}

/// The settings in force, defaults filled in: what `crosscheck config`
/// prints.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub struct Effective {
    pub(crate) rules: Vec<PathBuf>,
    pub(crate) no_default_rules: bool,
    pub(crate) fail_on: String,
    pub(crate) min_level: String,
    pub(crate) group_by: String,
    pub(crate) ignore: Vec<String>,
    /// Empty: every rule.
    pub(crate) select: Vec<String>,
    pub(crate) severity: BTreeMap<String, String>,
}

impl Config {
    /// The settings in force with defaults for what the file leaves out.
    pub fn effective(&self) -> Effective {
        Effective {
            rules: self.rules.clone(),
            no_default_rules: self.no_default_rules,
            fail_on: self.fail_on.clone().unwrap_or_else(|| "error".to_string()),
            min_level: self.min_level.clone().unwrap_or_else(|| "info".to_string()),
            group_by: self.group_by.clone().unwrap_or_else(|| "event".to_string()),
            ignore: self.ignore.clone(),
            select: self.select.clone(),
            severity: self.severity.clone(),
        }
    }

    /// Apply `ignore`, `select` and `severity` to the rules in force: the
    /// rules switched off go, and each overridden rule's level becomes the
    /// highest its findings reach.
    pub fn apply(&self, rules: &mut Vec<crate::rules::Rule>) {
        rules.retain(|r| self.in_force(&r.id));
        for r in rules.iter_mut() {
            if let Some(level) = self.level(&r.id) {
                r.severity = level;
            }
        }
    }

    /// Whether `ignore`, `select` and `severity: off` leave rule `id` on.
    fn in_force(&self, id: &str) -> bool {
        !self.ignore.iter().any(|i| i == id)
            && (self.select.is_empty() || self.select.iter().any(|s| s == id))
            && self.severity.get(id).is_none_or(|l| l != "off")
    }

    /// The level `severity` sets for a rule.
    fn level(&self, rule: &str) -> Option<Severity> {
        let name = self.severity.get(rule)?;
        Severity::NAMES
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, s)| s)
    }

    /// The ids of rules in `rules` that `ignore`, `select` or `severity:
    /// off` switch off.
    pub fn switched_off(&self, rules: &[crate::rules::Rule]) -> Vec<String> {
        rules
            .iter()
            .filter(|r| !self.in_force(&r.id))
            .map(|r| r.id.clone())
            .collect()
    }
}

/// A config file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

/// The name looked for in each folder.
pub(crate) const FILE_NAME: &str = "crosscheck.yaml";

/// The keys a config file may hold.
const KEYS: [&str; 8] = [
    "rules",
    "no-default-rules",
    "fail-on",
    "min-level",
    "group-by",
    "ignore",
    "select",
    "severity",
];

/// `crosscheck.yaml` in `start` or the nearest folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// The 1-based line and column of the top-level `key:` (and of its value).
fn key_position(src: &str, key: &str) -> Option<((usize, usize), (usize, usize))> {
    src.lines().enumerate().find_map(|(k, l)| {
        let rest = l.strip_prefix(key)?.strip_prefix(':')?;
        let value = rest.trim_start();
        let column = l.len() - value.len() + 1;
        Some(((k + 1, 1), (k + 1, column)))
    })
}

/// Read and check a config file: every problem, each where it stands.
/// Rule paths come back relative to the working directory.
// reason: not split while another engineer changes this file; left to the lead (issue 22, part 6)
#[allow(clippy::too_many_lines)]
pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
    let file = path.display().to_string();
    let error = |(line, column): (usize, usize), message: String| ConfigError {
        file: file.clone(),
        line,
        column,
        message,
    };
    let src = std::fs::read_to_string(path)
        .map_err(|e| vec![error((1, 1), format!("cannot read: {e}"))])?;
    if src.trim().is_empty() {
        return Ok(Config::default());
    }
    let doc: serde_yaml::Value = serde_yaml::from_str(&src).map_err(|e| {
        let m = e.to_string();
        let (start, words) = crate::story::yaml_error_start(&m);
        let at = start.or_else(|| e.location().map(|l| (l.line(), l.column())));
        vec![error(at.unwrap_or((1, 1)), words)]
    })?;
    let map = match doc {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => return Ok(Config::default()),
        _ => {
            return Err(vec![error(
                (1, 1),
                "expected settings as `key: value` lines".to_string(),
            )]);
        }
    };
    let mut errors = Vec::new();
    let mut good = serde_yaml::Mapping::new();
    for (k, v) in map {
        let Some(key) = k.as_str().map(str::to_string) else {
            errors.push(error((1, 1), format!("a key that is not text: {k:?}")));
            continue;
        };
        let (at_key, at_value) = key_position(&src, &key).unwrap_or(((1, 1), (1, 1)));
        if !KEYS.contains(&key.as_str()) {
            let hint = crate::story::did_you_mean(&key, &KEYS).map_or_else(
                || format!("; expected one of {}", KEYS.join(", ")),
                |m| format!("; did you mean `{m}`?"),
            );
            errors.push(error(at_key, format!("unknown key `{key}`{hint}")));
            continue;
        }
        // each key on its own, so that one wrong value hides no other
        let mut one = serde_yaml::Mapping::new();
        one.insert(k.clone(), v.clone());
        if let Err(e) = serde_yaml::from_value::<Config>(serde_yaml::Value::Mapping(one)) {
            errors.push(error(at_value, format!("{key}: {e}")));
            continue;
        }
        let allowed: Vec<&str> = match key.as_str() {
            "fail-on" => names(&crate::batch::FailOn::NAMES),
            "min-level" => names(&Severity::NAMES),
            "group-by" => names(&crate::group::GroupBy::NAMES),
            _ => Vec::new(),
        };
        if let (false, Some(text)) = (allowed.is_empty(), v.as_str()) {
            if !allowed.contains(&text) {
                errors.push(error(
                    at_value,
                    format!("{key} {text:?} is not one of {}", allowed.join(", ")),
                ));
                continue;
            }
        }
        if key == "severity" {
            if let Some(m) = v.as_mapping() {
                for (id, level) in m {
                    let level = level.as_str().unwrap_or_default();
                    if !["error", "warning", "info", "off"].contains(&level) {
                        let id = id.as_str().unwrap_or_default();
                        let at = token_line(&src, id).unwrap_or(at_value);
                        errors.push(error(
                            at,
                            format!(
                                "severity of {id}: {level:?} is not one of error, warning, info, off"
                            ),
                        ));
                    }
                }
            }
        }
        good.insert(k, v);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut c: Config = serde_yaml::from_value(serde_yaml::Value::Mapping(good))
        .map_err(|e| vec![error((1, 1), e.to_string())])?;
    let base = path.parent().unwrap_or(Path::new("."));
    c.rules = c
        .rules
        .iter()
        .map(|r| {
            if r.is_absolute() {
                r.clone()
            } else {
                base.join(r)
            }
        })
        .collect();
    Ok(c)
}

fn names<T>(table: &[(&'static str, T)]) -> Vec<&'static str> {
    table.iter().map(|n| n.0).collect()
}

/// Where `token` stands as a word of its own, if it does.
fn token_line(src: &str, token: &str) -> Option<(usize, usize)> {
    let at = token_position(src, token);
    (at != (1, 1) || src.starts_with(token)).then_some(at)
}

/// The ids of `ignore` that name no rule in `known`, each with where it
/// stands in the file and the id it likely means: "no rule
/// weekday-mismach; did you mean weekday-mismatch?".
pub fn unknown_rules(path: &Path, c: &Config, known: &[&str]) -> Vec<ConfigError> {
    let file = path.display().to_string();
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let named = c
        .ignore
        .iter()
        .map(|id| ("ignore", id))
        .chain(c.select.iter().map(|id| ("select", id)))
        .chain(c.severity.keys().map(|id| ("severity", id)));
    named
        .filter(|(_, id)| !known.contains(&id.as_str()))
        .map(|(key, id)| {
            let (line, column) = token_position(&src, id);
            let hint = crate::story::did_you_mean(id, known).map_or_else(
                || "; `crosscheck rules list` shows them".to_string(),
                |m| format!("; did you mean {m}?"),
            );
            ConfigError {
                file: file.clone(),
                line,
                column,
                message: format!("{key}: no rule {id}{hint}"),
            }
        })
        .collect()
}

/// The 1-based line and column (code points) of `token` standing as a
/// word of its own in `src` ((1, 1) when it is not found).
fn token_position(src: &str, token: &str) -> (usize, usize) {
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    for (k, line) in src.lines().enumerate() {
        for (i, _) in line.match_indices(token) {
            let before = line[..i].chars().next_back();
            let after = line[i + token.len()..].chars().next();
            if !before.is_some_and(word) && !after.is_some_and(word) {
                return (k + 1, line[..i].chars().count() + 1);
            }
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_names_bad_values() {
        let dir = std::env::temp_dir().join(format!("crosscheck-config-{}", std::process::id()));
        let nested = dir.join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(
            dir.join(FILE_NAME),
            "rules: [mine]\nfail-on: warning\nignore: [jobs]\n",
        )
        .unwrap();
        let found = find(&nested).unwrap();
        assert_eq!(found, dir.join(FILE_NAME));
        let c = load(&found).unwrap();
        assert_eq!(c.fail_on.as_deref(), Some("warning"));
        assert_eq!(c.rules, vec![dir.join("mine")]);
        assert_eq!(c.ignore, vec!["jobs".to_string()]);
        std::fs::write(dir.join(FILE_NAME), "fail-on: loudly\n").unwrap();
        let e = load(&dir.join(FILE_NAME)).unwrap_err();
        assert_eq!((e[0].line, e[0].column), (1, 10));
        std::fs::write(dir.join(FILE_NAME), "rules: []\ncolour: red\n").unwrap();
        let e = load(&dir.join(FILE_NAME)).unwrap_err();
        assert_eq!(e[0].line, 2);
        assert!(e[0].message.contains("colour"), "{}", e[0]);
        // every mistake in one run, each where it stands
        std::fs::write(
            dir.join(FILE_NAME),
            "fail-on: loudly\nignroe: [jobs]\nmin-level: never\nno-default-rules: maybe\nseverity:\n  deaths: critical\n",
        )
        .unwrap();
        let e = load(&dir.join(FILE_NAME)).unwrap_err();
        let at: Vec<(usize, usize)> = e.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(1, 10), (2, 1), (3, 12), (4, 19), (6, 3)], "{e:?}");
        assert!(e[1].message.contains("did you mean `ignore`?"), "{}", e[1]);
        // a scalar where a list goes
        std::fs::write(dir.join(FILE_NAME), "ignore: jobs\nrules: mine\n").unwrap();
        let c = load(&dir.join(FILE_NAME)).unwrap();
        assert_eq!(c.ignore, ["jobs"]);
        assert_eq!(c.rules, [dir.join("mine")]);
        assert_eq!(c.effective().fail_on, "error");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
