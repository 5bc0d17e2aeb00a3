//! The command line as clap reads it, and nothing else: what each flag is
//! called, says and accepts. Choices are the library's own types, parsed
//! from the names each type lists; merging flags with crosscheck.yaml is
//! [`super::settings`]'s.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::FailOn;
use crosscheck::group::GroupBy;
use crosscheck::report::claims::ClaimsFormat;
use crosscheck::report::diff::DiffFormat;
use crosscheck::report::{CheckFormat, Tables};
use crosscheck::rules::Severity;
use std::path::PathBuf;

/// A value among the `names` a library type lists, parsed to that type.
fn one_of<T: Copy + Send + Sync + 'static>(
    names: &'static [(&'static str, T)],
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(names.iter().map(|n| n.0)).map(|name| {
        names
            .iter()
            .find(|n| n.0 == name)
            .expect("clap accepts only the names listed")
            .1
    })
}

/// Checks news stories from different outlets against each other.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Read settings from this file instead of the nearest crosscheck.yaml.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore any crosscheck.yaml.
    #[arg(long, global = true)]
    pub(crate) isolated: bool,
    /// Threads for reading stories (0: one per core; at most 256). Output is the same for any number.
    #[arg(
        long,
        short = 'j',
        global = true,
        default_value_t = 0,
        value_name = "N",
        value_parser = jobs
    )]
    pub(crate) jobs: usize,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Compare the stories of each event and report where outlets disagree.
    Check(CheckArgs),
    /// Show the numeric claims, quantifiers and quotes extracted from stories.
    Claims(ClaimsArgs),
    /// Two stories side by side: figures that agree or differ, quotes word by word.
    Diff(DiffArgs),
    /// List, explain, validate and test rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print the effective configuration (crosscheck.yaml and defaults).
    Config,
}

/// When to colour: the one choice the library has no type for (it is the
/// terminal's business).
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub(crate) struct Output {
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// When to colour human output (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub(crate) color: ColorArg,
}

#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct RuleSource {
    /// A directory (or file) of YAML rules to add; may be repeated.
    #[arg(long = "rules", value_name = "DIR")]
    pub(crate) rules: Vec<PathBuf>,
    /// Use only the rules given with --rules, not the built-in ones.
    #[arg(long)]
    pub(crate) no_default_rules: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Story files or directories (.txt, .md, .json, .jsonl); `-` reads JSON Lines from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<String>,
    #[command(flatten)]
    pub(crate) rules: RuleSource,
    /// Output format.
    #[arg(long, value_parser = one_of(&CheckFormat::NAMES), default_value = "human")]
    pub(crate) format: CheckFormat,
    /// Exit 1 when there are findings at or above this level [default: error].
    #[arg(long, value_parser = one_of(&FailOn::NAMES))]
    pub(crate) fail_on: Option<FailOn>,
    /// Show findings at or above this level [default: info]; findings that fail the run (--fail-on) are always shown.
    #[arg(long, value_parser = one_of(&Severity::NAMES))]
    pub(crate) min_level: Option<Severity>,
    /// How stories are grouped into events: front matter `event` (else folder), folder, one batch, or auto (by shared names, figures and dates) [default: event].
    #[arg(long, value_parser = one_of(&GroupBy::NAMES))]
    pub(crate) group_by: Option<GroupBy>,
    /// Also write the JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) json_output: Option<PathBuf>,
    /// Also write a SARIF 2.1.0 report to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) sarif_output: Option<PathBuf>,
    /// Also write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) junit_output: Option<PathBuf>,
    /// Also write a Markdown report to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) markdown_output: Option<PathBuf>,
    /// Also write the HTML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) html_output: Option<PathBuf>,
    /// Accept the findings recorded in this baseline file: only new ones are reported.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record every current finding in FILE as accepted, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Warn about crosscheck-ignore entries that suppressed nothing.
    #[arg(long)]
    pub(crate) report_unused_ignores: bool,
    /// A folder (or standard input) with no story is no error.
    #[arg(long)]
    pub(crate) allow_empty: bool,
    /// Show every outlet's evidence of a finding, not only the odd one out and one counterpart.
    #[arg(long, short)]
    pub(crate) verbose: bool,
    /// Per-event tables of what each outlet says: none, the measures outlets disagree on, or all [default: disagreements in the terminal, all in Markdown and HTML].
    #[arg(long, value_parser = one_of(&Tables::NAMES), value_name = "WHICH")]
    pub(crate) tables: Option<Tables>,
    #[command(flatten)]
    pub(crate) out: Output,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The first story: a .txt, .md, .html or .json file, or one story of a JSON Lines file as FILE.jsonl#ID.
    pub(crate) a: String,
    /// The second story, named the same way.
    pub(crate) b: String,
    #[command(flatten)]
    pub(crate) rules: RuleSource,
    /// Output format.
    #[arg(long, value_parser = one_of(&DiffFormat::NAMES), default_value = "human")]
    pub(crate) format: DiffFormat,
    /// Exit 1 when there are differences at or above this level.
    #[arg(long, value_parser = one_of(&FailOn::NAMES), default_value = "error")]
    pub(crate) fail_on: FailOn,
    #[command(flatten)]
    pub(crate) out: Output,
}

#[derive(Debug, Args)]
pub(crate) struct ClaimsArgs {
    /// Story files or directories (.txt, .md, .json, .jsonl); `-` reads JSON Lines from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<String>,
    /// Output format.
    #[arg(long, value_parser = one_of(&ClaimsFormat::NAMES), default_value = "human")]
    pub(crate) format: ClaimsFormat,
    /// A folder (or standard input) with no story is no error.
    #[arg(long)]
    pub(crate) allow_empty: bool,
    #[command(flatten)]
    pub(crate) out: Output,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// List the rules in force.
    List(RuleSource),
    /// Explain one rule: what it matches, how it compares, its tests.
    Explain {
        /// The rule's id.
        id: String,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Check rule files for errors, as `check` does: DIR's rules with the rules in force (id clashes included).
    Validate {
        /// A directory or file of rules (without it: the rules in force).
        dir: Option<PathBuf>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Run the test cases written in rule files: DIR's rules, or every rule in force.
    Test {
        /// A directory or file of rules (without it: the rules in force).
        dir: Option<PathBuf>,
        #[command(flatten)]
        source: RuleSource,
    },
    /// Print the JSON Schema of rule files.
    Schema,
}

/// The most threads `--jobs` may ask for. Each thread keeps its own read
/// buffer and stack; beyond the cores, more threads only cost memory and
/// start-up time (8,000 took 43 s and 1.3 GB on nine stories), so a larger
/// number is bad usage rather than a silent cap.
pub(crate) const MAX_JOBS: usize = 256;

/// `--jobs N`: a whole number from 0 to [`MAX_JOBS`].
fn jobs(s: &str) -> Result<usize, String> {
    s.parse::<usize>()
        .ok()
        .filter(|&n| n <= MAX_JOBS)
        .ok_or_else(|| format!("expected a number of threads in 0..={MAX_JOBS} (0: one per core)"))
}
