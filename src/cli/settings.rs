//! Settings: crosscheck.yaml and the flags, merged into what each command
//! runs with. Flags win over the file; the file's rule folders come before
//! those of `--rules`. Everything here is a plain function of its inputs,
//! so the merging is tested without a process or a terminal.

use super::args::{CheckArgs, RuleSource};
use crosscheck::config::{self, Config, ConfigError};
use crosscheck::group::GroupBy;
use crosscheck::report::CheckFormat;
use crosscheck::report::Tables;
use crosscheck::rules::{Rule, Severity};
use crosscheck::{FailOn, Settings};
use std::path::{Path, PathBuf};

/// The configuration in force and where it was read: `--config FILE`,
/// else the nearest crosscheck.yaml from `cwd` up, else none (and none
/// with `--isolated`).
pub(crate) fn config(
    file: Option<&Path>,
    isolated: bool,
    cwd: Option<&Path>,
) -> Result<(Option<PathBuf>, Config), Vec<ConfigError>> {
    if isolated {
        return Ok((None, Config::default()));
    }
    let path = match file {
        Some(p) => Some(p.to_path_buf()),
        None => cwd.and_then(config::find),
    };
    match path {
        Some(p) => config::load(&p).map(|c| (Some(p), c)),
        None => Ok((None, Config::default())),
    }
}

/// The rule files of a command: crosscheck.yaml's, then `--rules`; the
/// built-in rules off when either says so.
pub(crate) fn rule_source(flags: &RuleSource, cfg: &Config) -> RuleSource {
    RuleSource {
        rules: cfg.rules.iter().chain(&flags.rules).cloned().collect(),
        no_default_rules: flags.no_default_rules || cfg.no_default_rules,
    }
}

/// `rules validate|test [DIR]`: the rules in force with DIR's added, so
/// that an id that clashes with a rule in force is found as `check` finds
/// it; and DIR, whose rules are the ones reported on.
pub(crate) fn rules_with(
    dir: Option<&PathBuf>,
    source: &RuleSource,
) -> (RuleSource, Option<PathBuf>) {
    let mut src = source.clone();
    if let Some(d) = dir {
        src.rules.push(d.clone());
    }
    (src, dir.cloned())
}

/// A value of crosscheck.yaml (already checked against the same names by
/// [`config::load`]).
fn named<T: Copy>(names: &[(&str, T)], value: Option<&str>) -> Option<T> {
    let v = value?;
    names.iter().find(|n| n.0 == v).map(|n| n.1)
}

/// What `check` runs with. `loaded` are the rules before crosscheck.yaml
/// switched any off; `summary`: GitHub Actions' job summary is there to
/// be written (`GITHUB_STEP_SUMMARY`).
pub(crate) fn check(args: &CheckArgs, cfg: &Config, loaded: &[Rule], summary: bool) -> Settings {
    // per-event tables (human, Markdown, HTML) keep every measured claim;
    // the other reports keep only the claims findings cite
    let tables = (args.format.shows_tables() && args.tables != Some(Tables::None))
        || args.markdown_output.is_some()
        || args.html_output.is_some()
        || (args.format == CheckFormat::Github && summary);
    Settings {
        group_by: args
            .group_by
            .or_else(|| named(&GroupBy::NAMES, cfg.group_by.as_deref()))
            .unwrap_or_default(),
        tables,
        fail_on: args
            .fail_on
            .or_else(|| named(&FailOn::NAMES, cfg.fail_on.as_deref()))
            .unwrap_or_default(),
        min_level: args
            .min_level
            .or_else(|| named(&Severity::NAMES, cfg.min_level.as_deref()))
            .unwrap_or(Severity::Info),
        switched_off: cfg.switched_off(loaded),
        allow_empty: args.allow_empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::{Cli, Command};
    use clap::Parser;

    fn check_args(argv: &[&str]) -> CheckArgs {
        let argv = ["crosscheck", "check"]
            .iter()
            .chain(argv)
            .chain(&["stories"]);
        match Cli::parse_from(argv).command {
            Command::Check(a) => a,
            _ => unreachable!(),
        }
    }

    fn yaml(text: &str) -> Config {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn flags_win_over_the_file_and_the_file_over_the_defaults() {
        let rules = crosscheck::rules::defaults().unwrap();
        let none = Config::default();
        let s = check(&check_args(&[]), &none, &rules, false);
        assert_eq!(s.fail_on, FailOn(Some(Severity::Error)));
        assert_eq!(s.min_level, Severity::Info);
        assert_eq!(s.group_by, GroupBy::Event);
        let file = yaml("fail-on: warning\nmin-level: error\ngroup-by: dir\n");
        let s = check(&check_args(&[]), &file, &rules, false);
        assert_eq!(s.fail_on, FailOn(Some(Severity::Warning)));
        assert_eq!(s.min_level, Severity::Error);
        assert_eq!(s.group_by, GroupBy::Dir);
        let flags = [
            "--fail-on",
            "never",
            "--min-level",
            "info",
            "--group-by",
            "auto",
        ];
        let s = check(&check_args(&flags), &file, &rules, false);
        assert_eq!(s.fail_on, FailOn(None));
        assert_eq!(s.min_level, Severity::Info);
        assert_eq!(s.group_by, GroupBy::Auto);
    }

    #[test]
    fn the_file_switches_rules_off_and_sets_their_levels() {
        let mut rules = crosscheck::rules::defaults().unwrap();
        let file = yaml("ignore: [jobs]\nseverity:\n  deaths: warning\n  crowd-size: off\n");
        let s = check(&check_args(&[]), &file, &rules, false);
        assert_eq!(s.switched_off, ["crowd-size", "jobs"]);
        file.apply(&mut rules);
        let level = |id: &str| rules.iter().find(|r| r.id == id).map(|r| r.severity);
        assert_eq!(level("deaths"), Some(Severity::Warning));
        assert_eq!(level("jobs"), None);
    }

    #[test]
    fn tables_are_kept_for_the_reports_that_show_them() {
        let rules = [];
        let cfg = Config::default();
        let tables =
            |argv: &[&str], summary| check(&check_args(argv), &cfg, &rules, summary).tables;
        assert!(tables(&[], false));
        assert!(tables(&["--format", "html"], false));
        assert!(!tables(&["--tables", "none"], false));
        assert!(!tables(&["--format", "json"], false));
        assert!(tables(
            &["--format", "json", "--markdown-output", "r.md"],
            false
        ));
        assert!(tables(
            &["--format", "sarif", "--html-output", "r.html"],
            false
        ));
        assert!(!tables(&["--format", "github"], false));
        assert!(tables(&["--format", "github"], true));
    }

    #[test]
    fn the_files_rules_come_before_the_flags() {
        let cfg = yaml("rules: [house]\nno-default-rules: true\n");
        let flags = RuleSource {
            rules: vec![PathBuf::from("mine")],
            no_default_rules: false,
        };
        let src = rule_source(&flags, &cfg);
        assert_eq!(src.rules, [PathBuf::from("house"), PathBuf::from("mine")]);
        assert!(src.no_default_rules);
        let (src, dir) = rules_with(Some(&PathBuf::from("new")), &src);
        assert_eq!(src.rules.last(), Some(&PathBuf::from("new")));
        assert_eq!(dir, Some(PathBuf::from("new")));
    }

    #[test]
    fn isolated_reads_no_file() {
        let missing = Path::new("/nonexistent/crosscheck.yaml");
        assert_eq!(
            config(Some(missing), true, None).unwrap(),
            (None, Config::default())
        );
        assert!(config(Some(missing), false, None).is_err());
        assert_eq!(
            config(None, false, None).unwrap(),
            (None, Config::default())
        );
    }
}
