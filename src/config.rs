//! `crosscheck.yaml`: settings a newsroom keeps beside its stories.
//!
//! Found by walking up from the working directory (like `.editorconfig`),
//! or named with `--config FILE`; `--isolated` ignores it. Flags on the
//! command line win over the file. Errors name the file, line and column.
//!
//! ```yaml
//! rules: [newsroom-rules]      # rule folders, relative to this file
//! no-default-rules: false
//! fail-on: warning
//! min-level: info
//! group-by: event
//! ignore: [jobs]               # rules switched off everywhere
//! ```

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file's contents.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule folders or files, relative to the config file.
    #[serde(default)]
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
    /// `event`, `dir` or `batch`.
    #[serde(default)]
    pub group_by: Option<String>,
    /// Rule ids switched off for every story.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// A config file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The name looked for in each folder.
pub const FILE_NAME: &str = "crosscheck.yaml";

/// `crosscheck.yaml` in `start` or the nearest folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

fn one_of(
    file: &str,
    src: &str,
    key: &str,
    value: Option<&String>,
    allowed: &[&str],
) -> Result<(), ConfigError> {
    let Some(v) = value else { return Ok(()) };
    if allowed.contains(&v.as_str()) {
        return Ok(());
    }
    let (line, column) = src
        .lines()
        .enumerate()
        .find_map(|(k, l)| {
            l.starts_with(&format!("{key}:"))
                .then(|| (k + 1, key.len() + 3))
        })
        .unwrap_or((1, 1));
    Err(ConfigError {
        file: file.to_string(),
        line,
        column,
        message: format!("{key} {v:?} is not one of {}", allowed.join(", ")),
    })
}

/// The ids of `ignore` that name no rule in `known`, each with where it
/// stands in the file and the id it likely means: "no rule
/// weekday-mismach; did you mean weekday-mismatch?".
pub fn unknown_rules(path: &Path, c: &Config, known: &[&str]) -> Vec<ConfigError> {
    let file = path.display().to_string();
    let src = std::fs::read_to_string(path).unwrap_or_default();
    c.ignore
        .iter()
        .filter(|id| !known.contains(&id.as_str()))
        .map(|id| {
            let (line, column) = token_position(&src, id);
            let hint = crate::story::did_you_mean(id, known).map_or_else(
                || "; `crosscheck rules list` shows them".to_string(),
                |m| format!("; did you mean {m}?"),
            );
            ConfigError {
                file: file.clone(),
                line,
                column,
                message: format!("ignore: no rule {id}{hint}"),
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

/// Read and check a config file. Rule paths come back relative to the
/// working directory.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let file = path.display().to_string();
    let src = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: file.clone(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
    })?;
    let mut c: Config = if src.trim().is_empty() {
        Config::default()
    } else {
        serde_yaml::from_str(&src).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let m = e.to_string();
            ConfigError {
                file: file.clone(),
                line,
                column,
                message: m.split(" at line ").next().unwrap_or(&m).to_string(),
            }
        })?
    };
    one_of(
        &file,
        &src,
        "fail-on",
        c.fail_on.as_ref(),
        &["error", "warning", "info", "never"],
    )?;
    one_of(
        &file,
        &src,
        "min-level",
        c.min_level.as_ref(),
        &["error", "warning", "info"],
    )?;
    one_of(
        &file,
        &src,
        "group-by",
        c.group_by.as_ref(),
        &["event", "dir", "batch", "auto"],
    )?;
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
        assert_eq!((e.line, e.column), (1, 10));
        std::fs::write(dir.join(FILE_NAME), "rules: []\ncolour: red\n").unwrap();
        let e = load(&dir.join(FILE_NAME)).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("colour"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
