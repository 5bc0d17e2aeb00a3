//! Command-line interface: argv to calls into the library. No logic here
//! that a test of the library could not reach.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::group::GroupBy;
use crosscheck::report::claims::{self, ClaimsFormat};
use crosscheck::report::escape::terminal as term;
use crosscheck::report::{CheckFormat, CheckReport};
use crosscheck::rules::{self, Rule, RuleError, Severity};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// A line on standard error. Unlike `eprintln!`, a closed standard error
/// (`2>&1 | head`) is no panic: the line is dropped and the run goes on.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Checks news stories from different outlets against each other.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Read settings from this file instead of the nearest crosscheck.yaml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any crosscheck.yaml.
    #[arg(long, global = true)]
    pub isolated: bool,
    /// Threads for reading stories (0: one per core; at most 256). Output is the same for any number.
    #[arg(
        long,
        short = 'j',
        global = true,
        default_value_t = 0,
        value_name = "N",
        value_parser = jobs
    )]
    pub jobs: usize,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClaimsFormatArg {
    Human,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CheckFormatArg {
    Human,
    Json,
    Jsonl,
    Sarif,
    Junit,
    Github,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LevelArg {
    Error,
    Warning,
    Info,
    Never,
}

/// What `--min-level` may show: a level, never `never` (hiding every
/// finding is `--output /dev/null`'s job, not a level's).
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ShowLevelArg {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TablesArg {
    None,
    Disagreements,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum GroupByArg {
    Event,
    Dir,
    Batch,
    Auto,
}

#[derive(Debug, Args)]
pub struct Output {
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour human output (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct RuleSource {
    /// A directory (or file) of YAML rules to add; may be repeated.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the rules given with --rules, not the built-in ones.
    #[arg(long)]
    pub no_default_rules: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Story files or directories (.txt, .md, .json, .jsonl); `-` reads JSON Lines from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub rules: RuleSource,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormatArg::Human)]
    pub format: CheckFormatArg,
    /// Exit 1 when there are findings at or above this level [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<LevelArg>,
    /// Show findings at or above this level [default: info]; findings that fail the run (--fail-on) are always shown.
    #[arg(long, value_enum)]
    pub min_level: Option<ShowLevelArg>,
    /// How stories are grouped into events: front matter `event` (else folder), folder, one batch, or auto (by shared names, figures and dates) [default: event].
    #[arg(long, value_enum)]
    pub group_by: Option<GroupByArg>,
    /// Also write the JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    pub json_output: Option<PathBuf>,
    /// Also write a SARIF 2.1.0 report to FILE.
    #[arg(long, value_name = "FILE")]
    pub sarif_output: Option<PathBuf>,
    /// Also write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit_output: Option<PathBuf>,
    /// Also write a Markdown report to FILE.
    #[arg(long, value_name = "FILE")]
    pub markdown_output: Option<PathBuf>,
    /// Also write the HTML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub html_output: Option<PathBuf>,
    /// Accept the findings recorded in this baseline file: only new ones are reported.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE as accepted, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Warn about crosscheck-ignore entries that suppressed nothing.
    #[arg(long)]
    pub report_unused_ignores: bool,
    /// A folder (or standard input) with no story is no error.
    #[arg(long)]
    pub allow_empty: bool,
    /// Show every outlet's evidence of a finding, not only the odd one out and one counterpart.
    #[arg(long, short)]
    pub verbose: bool,
    /// Per-event tables of what each outlet says: none, the measures outlets disagree on, or all [default: disagreements in the terminal, all in Markdown and HTML].
    #[arg(long, value_enum, value_name = "WHICH")]
    pub tables: Option<TablesArg>,
    #[command(flatten)]
    pub out: Output,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormatArg {
    Human,
    Markdown,
    Html,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The first story: a .txt, .md, .html or .json file, or one story of a JSON Lines file as FILE.jsonl#ID.
    pub a: String,
    /// The second story, named the same way.
    pub b: String,
    #[command(flatten)]
    pub rules: RuleSource,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormatArg::Human)]
    pub format: DiffFormatArg,
    /// Exit 1 when there are differences at or above this level.
    #[arg(long, value_enum, default_value_t = LevelArg::Error)]
    pub fail_on: LevelArg,
    #[command(flatten)]
    pub out: Output,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Story files or directories (.txt, .md, .json, .jsonl); `-` reads JSON Lines from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClaimsFormatArg::Human)]
    pub format: ClaimsFormatArg,
    /// A folder (or standard input) with no story is no error.
    #[arg(long)]
    pub allow_empty: bool,
    #[command(flatten)]
    pub out: Output,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
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
pub const MAX_JOBS: usize = 256;

/// `--jobs N`: a whole number from 0 to [`MAX_JOBS`].
fn jobs(s: &str) -> Result<usize, String> {
    s.parse::<usize>()
        .ok()
        .filter(|&n| n <= MAX_JOBS)
        .ok_or_else(|| format!("expected a number of threads in 0..={MAX_JOBS} (0: one per core)"))
}

/// Exit codes: 0 fine, 1 findings at or above the threshold (or failing
/// rule tests), 2 bad input, bad rules or bad usage.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

fn use_color(arg: ColorArg, to_terminal: bool) -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if set("NO_COLOR") => false,
        ColorArg::Auto => to_terminal || set("CLICOLOR_FORCE"),
    }
}

/// The configuration in force: `--config`, else the nearest
/// crosscheck.yaml, else none (`--isolated`).
fn config(
    cli_config: Option<&PathBuf>,
    isolated: bool,
) -> Result<(Option<PathBuf>, crosscheck::config::Config), u8> {
    if isolated {
        return Ok((None, crosscheck::config::Config::default()));
    }
    let path = match cli_config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| crosscheck::config::find(&d)),
    };
    match &path {
        Some(p) => match crosscheck::config::load(p) {
            Ok(c) => Ok((path, c)),
            Err(errors) => {
                for e in &errors {
                    say!("crosscheck: invalid config: {}", term(&e.to_string()));
                }
                Err(EXIT_INPUT)
            }
        },
        None => Ok((None, crosscheck::config::Config::default())),
    }
}

fn level_arg(s: &str) -> Option<LevelArg> {
    LevelArg::from_str(s, true).ok()
}

/// Run a parsed command; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    if cli.jobs > 0 {
        // the global pool: stories are analysed in parallel, in input order
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(cli.jobs)
            .build_global();
    }
    let (config_path, cfg) = match config(cli.config.as_ref(), cli.isolated) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    match cli.command {
        Command::Claims(args) => claims_cmd(&args),
        Command::Check(mut args) => {
            // flags win over the file
            args.rules.rules.splice(0..0, cfg.rules.iter().cloned());
            args.rules.no_default_rules |= cfg.no_default_rules;
            args.fail_on = args
                .fail_on
                .or_else(|| cfg.fail_on.as_deref().and_then(level_arg));
            args.min_level = args.min_level.or_else(|| {
                cfg.min_level
                    .as_deref()
                    .and_then(|l| ShowLevelArg::from_str(l, true).ok())
            });
            args.group_by = args.group_by.or_else(|| {
                cfg.group_by
                    .as_deref()
                    .and_then(|g| GroupByArg::from_str(g, true).ok())
            });
            check_cmd(&args, &cfg, config_path.as_deref())
        }
        Command::Config => {
            let shown = serde_yaml::to_string(&cfg.effective())?;
            to_stdout(|out| match config_path {
                Some(p) => writeln!(out, "# from {}\n{shown}", p.display()),
                None => writeln!(out, "# no crosscheck.yaml found; defaults\n{shown}"),
            })?;
            Ok(0)
        }
        Command::Diff(mut args) => {
            args.rules.rules.splice(0..0, cfg.rules.iter().cloned());
            args.rules.no_default_rules |= cfg.no_default_rules;
            diff_cmd(&args, &cfg)
        }
        Command::Rules(cmd) => rules_cmd(cmd, &cfg),
    }
}

/// A reader that went away (`crosscheck check . | head`) is no error: the
/// rest of the output is not wanted, and the command goes on to exit with
/// the code it earned (findings or rejected inputs are not forgotten
/// because nobody read the whole report).
fn reader_gone(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write to standard output, buffered; a closed pipe ends the output
/// quietly ([`reader_gone`]).
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    reader_gone(write(&mut w).and_then(|()| w.flush()))?;
    Ok(())
}

/// Render with `emit` to the file or stdout, choosing colour for the target.
fn emit(
    out: &Output,
    render: impl FnOnce(&mut dyn Write, bool) -> std::io::Result<()>,
) -> Result<()> {
    // written as it is rendered: a big batch's report is not held whole
    match &out.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            // a FIFO whose reader went away is a closed pipe too
            reader_gone(render(&mut w, use_color(out.color, false)).and_then(|()| w.flush()))
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let color = use_color(out.color, stdout.is_terminal());
            let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            reader_gone(render(&mut w, color).and_then(|()| w.flush()))?;
        }
    }
    Ok(())
}

fn report_rule_errors(errors: &[RuleError]) {
    let mut errors: Vec<&RuleError> = errors.iter().collect();
    errors.sort_by(|a, b| a.position().cmp(&b.position()));
    for e in &errors {
        say!("crosscheck: invalid rule: {e}");
    }
    say!(
        "crosscheck: {} problem{} in the rules",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
}

/// The rules in force: the defaults (unless switched off) and every --rules DIR.
fn load_rules(src: &RuleSource) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    if !src.no_default_rules {
        match rules::defaults() {
            Ok(r) => rules.extend(r),
            Err(e) => errors.extend(e),
        }
    }
    // every problem of every file in one run, and the clashes of the
    // valid rules among them
    for dir in &src.rules {
        let (r, e) = rules::load::load_dir_partial(dir);
        rules.extend(r);
        errors.extend(e);
    }
    if let Err(e) = rules::load::check_unique(&rules) {
        errors.extend(e);
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// A progress bar for long batches, on a terminal only: never in CI, in
/// pipes or in files.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new(len: usize) -> Bar {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Bar(if interactive && len >= 200 {
            indicatif::ProgressBar::new(len as u64)
        } else {
            indicatif::ProgressBar::hidden()
        })
    }
}

impl crosscheck::batch::Progress for Bar {
    fn phase(&self, name: &'static str, len: u64) {
        if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {name} stories {{pos}}/{{len}} [{{bar:30}}] {{eta}}"
        )) {
            self.0.set_style(style.progress_chars("=> "));
        }
        self.0.set_length(len);
        self.0.set_position(0);
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}

/// Say which arguments named no story (`no stories found in PATH`, as
/// ripgrep and ruff say it); whether that makes the run fail.
fn say_empty(empty: &[String], allow_empty: bool) -> bool {
    if allow_empty {
        return false;
    }
    for p in empty {
        if p == "-" {
            say!("crosscheck: no stories found in standard input");
        } else {
            say!("crosscheck: no stories found in {}", term(p));
        }
    }
    if !empty.is_empty() {
        say!("crosscheck: (--allow-empty accepts a folder with no story)");
    }
    !empty.is_empty()
}

/// Read and analyse every story `paths` name; the analyses, the rejected
/// inputs, and whether an argument named no story (said on standard error).
fn ingest(
    paths: &[String],
    allow_empty: bool,
) -> (
    Vec<crosscheck::Analysis>,
    Vec<crosscheck::story::Rejected>,
    bool,
) {
    use crosscheck::batch::Progress;
    use crosscheck::story;
    let t0 = std::time::Instant::now();
    let story::Listing {
        sources,
        mut rejected,
        skipped,
        empty,
    } = story::list(paths, &mut std::io::stdin().lock());
    if let Some(note) = story::skipped_note(&skipped) {
        say!("crosscheck: {}", term(&note));
    }
    let empty = say_empty(&empty, allow_empty);
    let bar = Bar::new(sources.len());
    bar.phase("reading", sources.len() as u64);
    let (analyses, more) =
        story::read_all(&sources, &|| bar.advance(), |_, s| crosscheck::analyse(s));
    bar.0.finish_and_clear();
    rejected.extend(more);
    let analyses = story::first_of_each_id(
        analyses,
        |a| (&a.story.id, &a.story.path, a.story.record.map(|r| r.1)),
        &mut rejected,
    );
    say_rejected(&rejected);
    timing("read and analyse", t0);
    (analyses, rejected, empty)
}

/// The rejected inputs on standard error, in the order of every report,
/// with their control characters made visible (a file name or a reason can
/// hold terminal escapes or a line break).
fn say_rejected(rejected: &[crosscheck::story::Rejected]) {
    let mut sorted: Vec<&crosscheck::story::Rejected> = rejected.iter().collect();
    sorted.sort_by(|a, b| crosscheck::report::rejected_order(a, b));
    for r in sorted {
        say!("crosscheck: rejected {}", term(&r.to_string()));
    }
}

/// With `CROSSCHECK_TIMINGS` set, the time a phase took, on standard error.
fn timing(phase: &str, since: std::time::Instant) {
    if std::env::var_os("CROSSCHECK_TIMINGS").is_some() {
        // on Linux, the peak memory so far too
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .map(|l| l["VmHWM:".len()..].trim().to_string())
            })
            .map(|p| format!(", peak {p}"))
            .unwrap_or_default();
        say!("timing: {phase} {:?}{peak}", since.elapsed());
    }
}

fn claims_cmd(args: &ClaimsArgs) -> Result<u8> {
    let (analyses, rejected, empty) = ingest(&args.paths, args.allow_empty);
    if empty && analyses.is_empty() && rejected.is_empty() {
        return Ok(EXIT_INPUT);
    }
    let format = match args.format {
        ClaimsFormatArg::Human => ClaimsFormat::Human,
        ClaimsFormatArg::Json => ClaimsFormat::Json,
        ClaimsFormatArg::Jsonl => ClaimsFormat::Jsonl,
    };
    emit(&args.out, |w, color| {
        claims::write(w, format, &analyses, &rejected, color)
    })?;
    Ok(if rejected.is_empty() && !empty {
        0
    } else {
        EXIT_INPUT
    })
}

fn severity(l: LevelArg) -> Option<Severity> {
    match l {
        LevelArg::Error => Some(Severity::Error),
        LevelArg::Warning => Some(Severity::Warning),
        LevelArg::Info => Some(Severity::Info),
        LevelArg::Never => None,
    }
}

fn check_cmd(
    args: &CheckArgs,
    cfg: &crosscheck::config::Config,
    config_path: Option<&std::path::Path>,
) -> Result<u8> {
    let mut rules = match load_rules(&args.rules) {
        Ok(r) => r,
        Err(e) => {
            report_rule_errors(&e);
            return Ok(EXIT_INPUT);
        }
    };
    let known: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    if let Some(path) = config_path {
        let unknown = crosscheck::config::unknown_rules(path, cfg, &known);
        for e in &unknown {
            say!("crosscheck: invalid config: {}", term(&e.to_string()));
        }
        if !unknown.is_empty() {
            return Ok(EXIT_INPUT);
        }
    }
    cfg.apply(&mut rules);
    let fail_on = args.fail_on.unwrap_or(LevelArg::Error);
    let group_by = match args.group_by.unwrap_or(GroupByArg::Event) {
        GroupByArg::Event => GroupBy::Event,
        GroupByArg::Dir => GroupBy::Dir,
        GroupByArg::Batch => GroupBy::Batch,
        GroupByArg::Auto => GroupBy::Auto,
    };
    // per-event tables (human, Markdown, HTML) keep every measured claim;
    // the other reports keep only the claims findings cite
    let tables = (check_format(args.format).shows_tables() && args.tables != Some(TablesArg::None))
        || args.markdown_output.is_some()
        || args.html_output.is_some()
        || (matches!(args.format, CheckFormatArg::Github)
            && std::env::var_os("GITHUB_STEP_SUMMARY").is_some_and(|s| !s.is_empty()));
    let t0 = std::time::Instant::now();
    let crosscheck::story::Listing {
        sources,
        rejected: listed,
        skipped,
        empty,
    } = crosscheck::story::list(&args.paths, &mut std::io::stdin().lock());
    if let Some(note) = crosscheck::story::skipped_note(&skipped) {
        say!("crosscheck: {}", term(&note));
    }
    let empty = say_empty(&empty, args.allow_empty);
    if empty && sources.is_empty() && listed.is_empty() {
        return Ok(EXIT_INPUT);
    }
    timing("list inputs", t0);
    let bar = Bar::new(sources.len());
    let options = crosscheck::batch::Options { group_by, tables };
    let checked = crosscheck::batch::check(&sources, listed, &rules, options, &bar);
    bar.0.finish_and_clear();
    drop(sources);
    timing("read, analyse and compare", t0);
    let crosscheck::batch::Checked {
        analyses,
        rejected,
        events,
        mut findings,
    } = checked;
    cfg.cap(&mut findings);
    say_rejected(&rejected);
    if let Some(path) = &args.write_baseline {
        let b = rules::baseline::Baseline::from_findings(&analyses, &findings);
        let text = serde_json::to_string_pretty(&b)? + "\n";
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
        say!(
            "crosscheck: {} finding(s) recorded in {}",
            b.accepted.len(),
            path.display()
        );
        return Ok(if rejected.is_empty() && !empty {
            0
        } else {
            EXIT_INPUT
        });
    }
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read baseline {}", path.display()))?;
            match serde_json::from_str::<rules::baseline::Baseline>(&text) {
                Ok(b) => Some(b),
                Err(e) => {
                    say!(
                        "crosscheck: {}:{}:{}: not a baseline file: {e}",
                        path.display(),
                        e.line(),
                        e.column()
                    );
                    return Ok(EXIT_INPUT);
                }
            }
        }
        None => None,
    };
    let (findings, suppressed) = rules::baseline::apply(&analyses, findings, baseline.as_ref());
    let unknown = rules::baseline::unknown_ignores(&analyses, &known);
    for (s, id, meant) in &unknown {
        let hint = meant.as_deref().map_or_else(
            || "; `crosscheck rules list` shows them".to_string(),
            |m| format!("; did you mean {m}?"),
        );
        say!(
            "crosscheck: warning: {}: crosscheck-ignore: no rule {}{hint}",
            term(&analyses[*s].story.path),
            term(id)
        );
    }
    if let Some(path) = &args.baseline {
        say!(
            "crosscheck: the baseline {} accepted {} finding{}",
            path.display(),
            suppressed.by_baseline,
            if suppressed.by_baseline == 1 { "" } else { "s" }
        );
        if !suppressed.stale.is_empty() {
            say!(
                "crosscheck: {} baseline {} no finding any more (fixed, or changed into a new finding; --write-baseline drops them):",
                suppressed.stale.len(),
                if suppressed.stale.len() == 1 {
                    "entry matches"
                } else {
                    "entries match"
                }
            );
            for (key, what) in &suppressed.stale {
                say!("  {key}  {}", term(what));
            }
        }
    }
    if args.report_unused_ignores {
        for (s, rule) in suppressed
            .unused_ignores
            .iter()
            .filter(|(s, rule)| !unknown.iter().any(|u| u.0 == *s && &u.1 == rule))
        {
            say!(
                "crosscheck: {}: crosscheck-ignore {} suppressed nothing",
                term(&analyses[*s].story.path),
                term(rule)
            );
        }
    }
    let min_level = shown_level(
        args.min_level.unwrap_or(ShowLevelArg::Info),
        fail_on,
        &findings,
    );
    let report = CheckReport {
        analyses: &analyses,
        rejected: &rejected,
        events: &events,
        findings: &findings,
        min_level,
        rules: &rules,
        fail_on: severity(fail_on),
        verbose: args.verbose,
        run_at: Some(run_at()),
        tables: args.tables.map(|t| match t {
            TablesArg::None => crosscheck::report::Tables::None,
            TablesArg::Disagreements => crosscheck::report::Tables::Disagreements,
            TablesArg::All => crosscheck::report::Tables::All,
        }),
    };
    let format = check_format(args.format);
    emit(&args.out, |w, color| {
        crosscheck::report::write(w, format, &report, color)
    })?;
    let extra = [
        (&args.json_output, CheckFormat::Json),
        (&args.sarif_output, CheckFormat::Sarif),
        (&args.junit_output, CheckFormat::Junit),
        (&args.markdown_output, CheckFormat::Markdown),
        (&args.html_output, CheckFormat::Html),
    ];
    for (path, fmt) in extra {
        if let Some(path) = path {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            crosscheck::report::write(&mut w, fmt, &report, false)
                .and_then(|()| w.flush())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    // in GitHub Actions, the job summary gets the Markdown report too
    if matches!(args.format, CheckFormatArg::Github) {
        if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty()) {
            let mut buf = Vec::new();
            crosscheck::report::write(&mut buf, CheckFormat::Markdown, &report, false)?;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&summary)
                .with_context(|| {
                    format!(
                        "cannot append to GITHUB_STEP_SUMMARY {}",
                        summary.to_string_lossy()
                    )
                })?;
            f.write_all(&buf)?;
        }
    }
    if !rejected.is_empty() || empty {
        return Ok(EXIT_INPUT);
    }
    let failing = severity(fail_on).is_some_and(|min| findings.iter().any(|f| f.severity >= min));
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

/// The lowest level shown: `--min-level`, lowered to `--fail-on` when it
/// is above it, so that a run never fails on findings it does not show
/// (said on standard error when it shows more).
fn shown_level(
    min_level: ShowLevelArg,
    fail_on: LevelArg,
    findings: &[rules::Finding],
) -> Severity {
    let wanted = match min_level {
        ShowLevelArg::Error => Severity::Error,
        ShowLevelArg::Warning => Severity::Warning,
        ShowLevelArg::Info => Severity::Info,
    };
    match severity(fail_on) {
        Some(fails) if fails < wanted => {
            if findings
                .iter()
                .any(|f| f.severity >= fails && f.severity < wanted)
            {
                say!(
                    "crosscheck: showing findings from {} up, as --fail-on {} fails the run on them (--min-level is {})",
                    fails.as_str(),
                    fails.as_str(),
                    wanted.as_str()
                );
            }
            fails
        }
        _ => wanted,
    }
}

/// The time of the run, UTC, as JUnit wants it (`2026-12-05T03:11:00`);
/// `SOURCE_DATE_EPOCH` (seconds) fixes it, for reproducible reports.
fn run_at() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    now.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

fn check_format(f: CheckFormatArg) -> CheckFormat {
    match f {
        CheckFormatArg::Human => CheckFormat::Human,
        CheckFormatArg::Json => CheckFormat::Json,
        CheckFormatArg::Jsonl => CheckFormat::Jsonl,
        CheckFormatArg::Sarif => CheckFormat::Sarif,
        CheckFormatArg::Junit => CheckFormat::Junit,
        CheckFormatArg::Github => CheckFormat::Github,
        CheckFormatArg::Markdown => CheckFormat::Markdown,
        CheckFormatArg::Html => CheckFormat::Html,
    }
}

/// A story named on the command line: a path, or `PATH#ID` for one
/// story of a file that holds several (a JSON Lines file), when `PATH#ID`
/// is not itself a file.
fn story_ref(arg: &str) -> (String, Option<String>) {
    if !std::path::Path::new(arg).exists() {
        if let Some((path, id)) = arg.rsplit_once('#') {
            if std::path::Path::new(path).is_file() && !id.is_empty() {
                return (path.to_string(), Some(id.to_string()));
            }
        }
    }
    (arg.to_string(), None)
}

/// The index in `all` of the story `path` (and `id`) names, or why none.
fn pick(all: &[crosscheck::Analysis], path: &str, id: Option<&str>) -> Result<usize, String> {
    let mut of_path: Vec<usize> = (0..all.len())
        .filter(|&k| all[k].story.path == path)
        .collect();
    if of_path.is_empty() && all.len() == 1 {
        of_path.push(0);
    }
    match id {
        Some(id) => of_path
            .iter()
            .copied()
            .find(|&k| all[k].story.id == id)
            .ok_or_else(|| {
                let ids: Vec<&str> = of_path.iter().map(|&k| all[k].story.id.as_str()).collect();
                match crosscheck::story::did_you_mean(id, &ids) {
                    Some(m) => format!("{path} holds no story {id}; did you mean {m}?"),
                    None => format!("{path} holds no story {id}"),
                }
            }),
        None => match of_path.as_slice() {
            [k] => Ok(*k),
            [] => Err(format!("{path} holds no story")),
            many => {
                let ids: Vec<&str> = many
                    .iter()
                    .take(5)
                    .map(|&k| all[k].story.id.as_str())
                    .collect();
                Err(format!(
                    "{path} holds {} stories; name one as {path}#ID (ids: {}{})",
                    many.len(),
                    ids.join(", "),
                    if many.len() > 5 { ", ..." } else { "" }
                ))
            }
        },
    }
}

fn diff_cmd(args: &DiffArgs, cfg: &crosscheck::config::Config) -> Result<u8> {
    let rules = match load_rules(&args.rules) {
        Ok(mut r) => {
            cfg.apply(&mut r);
            r
        }
        Err(e) => {
            report_rule_errors(&e);
            return Ok(EXIT_INPUT);
        }
    };
    // `stories.jsonl#id`: one story of a JSON Lines file
    let (pa, ida) = story_ref(&args.a);
    let (pb, idb) = story_ref(&args.b);
    let mut paths = vec![pa.clone()];
    if pb != pa {
        paths.push(pb.clone());
    }
    let (all, rejected, _) = ingest(&paths, true);
    if !rejected.is_empty() {
        return Ok(EXIT_INPUT);
    }
    let (a, b) = match (
        pick(&all, &pa, ida.as_deref()),
        pick(&all, &pb, idb.as_deref()),
    ) {
        (Ok(a), Ok(b)) if a != b => (a, b),
        (Ok(_), Ok(_)) => {
            say!(
                "crosscheck: diff compares two stories; {} and {} are one",
                term(&args.a),
                term(&args.b)
            );
            return Ok(EXIT_INPUT);
        }
        (Err(e), _) | (_, Err(e)) => {
            say!("crosscheck: {}", term(&e));
            return Ok(EXIT_INPUT);
        }
    };
    let analyses = vec![all[a].clone(), all[b].clone()];
    let mut report = rules::pair::compare_pair(&analyses, &rules);
    cfg.cap(&mut report.findings);
    let format = match args.format {
        DiffFormatArg::Human => crosscheck::report::diff::DiffFormat::Human,
        DiffFormatArg::Markdown => crosscheck::report::diff::DiffFormat::Markdown,
        DiffFormatArg::Html => crosscheck::report::diff::DiffFormat::Html,
    };
    emit(&args.out, |w, color| {
        crosscheck::report::diff::write(w, format, &analyses, &report, &rules, color)
    })?;
    let failing =
        severity(args.fail_on).is_some_and(|min| report.findings.iter().any(|f| f.severity >= min));
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

/// `rules validate|test [DIR]`: the rules in force (the built-in ones,
/// crosscheck.yaml's and --rules), with DIR's added, so that an id that
/// clashes with a rule in force is found as `check` finds it.
fn rules_with(dir: Option<&PathBuf>, source: &RuleSource) -> (RuleSource, Option<PathBuf>) {
    let mut src = RuleSource {
        rules: source.rules.clone(),
        no_default_rules: source.no_default_rules,
    };
    if let Some(d) = dir {
        src.rules.push(d.clone());
    }
    (src, dir.cloned())
}

/// A rule in YAML-like words, as `crosscheck rules explain` prints it.
fn explain_rule(out: &mut dyn Write, r: &Rule) -> std::io::Result<()> {
    let list = |v: &[String]| {
        if v.is_empty() {
            "[]".to_string()
        } else {
            format!("[{}]", v.join(", "))
        }
    };
    let percent = |x: f64| format!("{}%", crosscheck::notation::interval_number(x * 100.0));
    writeln!(out, "id: {}", r.id)?;
    writeln!(out, "kind: {}", kind(r))?;
    writeln!(out, "severity: {}", r.severity.as_str())?;
    writeln!(out, "title: {}", r.title)?;
    writeln!(out, "defined in: {}:{}", r.file, r.line)?;
    if let Some(d) = &r.description {
        writeln!(out, "description: |")?;
        for line in d.trim().lines() {
            writeln!(out, "  {line}")?;
        }
    }
    match r.kind {
        rules::Kind::Figure | rules::Kind::Date => {
            writeln!(out, "match:")?;
            let any = |v: &[String]| if v.is_empty() { "  # anything" } else { "" };
            writeln!(
                out,
                "  counted: {}{}",
                list(&r.matcher.counted),
                any(&r.matcher.counted)
            )?;
            writeln!(
                out,
                "  event: {}{}",
                list(&r.matcher.event),
                any(&r.matcher.event)
            )?;
            writeln!(out, "  unless: {}", list(&r.matcher.unless))?;
            let unit = match &r.matcher.unit {
                rules::UnitMatch::Any => "any".to_string(),
                rules::UnitMatch::Money => "money  # any currency".to_string(),
                rules::UnitMatch::Exact(u) => u.clone(),
            };
            writeln!(out, "  unit: {unit}")?;
            writeln!(out, "compare:")?;
            writeln!(
                out,
                "  tolerance: {}  # slack beyond the qualifiers' own meaning",
                percent(r.compare.tolerance)
            )?;
            writeln!(
                out,
                "  approx: {}  # what \"around\" and \"about\" mean",
                percent(r.compare.approx)
            )?;
            writeln!(
                out,
                "  cumulative: {}  # {}",
                r.compare.cumulative,
                if r.compare.cumulative {
                    "only grows: a later, higher figure is an update"
                } else {
                    "a later figure may be higher or lower"
                }
            )?;
            writeln!(
                out,
                "  scope: {}",
                if r.compare.scope_must_match {
                    "must-match  # figures of different places are different measures"
                } else {
                    "ignore  # places do not matter"
                }
            )?;
        }
        rules::Kind::Lint => {
            let check = match r.check {
                Some(rules::LintCheck::DanglingQuantifier) => {
                    "dangling-quantifier  # a quantifier with no number: at least people were killed"
                }
                Some(rules::LintCheck::WeekdayMismatch) => {
                    "weekday-mismatch  # a weekday beside a date it does not fall on"
                }
                Some(rules::LintCheck::SharesOver100) => {
                    "shares-over-100  # shares of one whole above 100 %"
                }
                None => "none",
            };
            writeln!(out, "check: {check}")?;
        }
        rules::Kind::Quote => {
            if let Some(q) = &r.quote {
                let s = &q.severities;
                writeln!(out, "quote:")?;
                writeln!(out, "  severity:")?;
                for (class, level) in [
                    ("negation", Some(s.negation)),
                    ("number", Some(s.number)),
                    ("word", Some(s.word)),
                    ("rewording", Some(s.rewording)),
                    ("omission", Some(s.omission)),
                    ("form", Some(s.form)),
                    ("tense", Some(s.tense)),
                    ("function", Some(s.function)),
                    ("partial", s.partial),
                    ("misattribution", Some(s.misattribution)),
                ] {
                    writeln!(
                        out,
                        "    {class}: {}",
                        level.map_or("off", Severity::as_str)
                    )?;
                }
            }
        }
        rules::Kind::Person => {
            writeln!(
                out,
                "person:  # ages and first-name spellings of one person across outlets"
            )?;
            writeln!(
                out,
                "  days_apart: 180  # stories further apart are not compared"
            )?;
        }
    }
    if !r.tests.is_empty() {
        writeln!(out, "tests:")?;
        for t in &r.tests {
            writeln!(
                out,
                "  - {}  # {} stor{}, {}",
                t.name,
                t.stories.len(),
                if t.stories.len() == 1 { "y" } else { "ies" },
                if t.expect.is_empty() {
                    "must not fire".to_string()
                } else {
                    format!("{} finding(s) expected", t.expect.len())
                }
            )?;
        }
    }
    Ok(())
}

fn rules_cmd(cmd: RulesCommand, cfg: &crosscheck::config::Config) -> Result<u8> {
    // crosscheck.yaml's rules and switches, as `check` applies them
    let in_force = |src: &RuleSource| -> Result<Vec<Rule>, Vec<RuleError>> {
        let mut src = RuleSource {
            rules: src.rules.clone(),
            no_default_rules: src.no_default_rules,
        };
        src.rules.splice(0..0, cfg.rules.iter().cloned());
        src.no_default_rules |= cfg.no_default_rules;
        load_rules(&src).map(|mut r| {
            cfg.apply(&mut r);
            r
        })
    };
    match cmd {
        RulesCommand::List(src) => {
            let rules = match in_force(&src) {
                Ok(r) => r,
                Err(e) => {
                    report_rule_errors(&e);
                    return Ok(EXIT_INPUT);
                }
            };
            to_stdout(|out| {
                for r in &rules {
                    writeln!(
                        out,
                        "{:<22} {:<7} {:<8} {}",
                        r.id,
                        kind(r),
                        r.severity.as_str(),
                        r.title
                    )?;
                }
                Ok(())
            })?;
            Ok(0)
        }
        RulesCommand::Explain { id, source } => {
            let rules = match in_force(&source) {
                Ok(r) => r,
                Err(e) => {
                    report_rule_errors(&e);
                    return Ok(EXIT_INPUT);
                }
            };
            let Some(r) = rules.iter().find(|r| r.id == id) else {
                let known: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
                match crosscheck::story::did_you_mean(&id, &known) {
                    Some(m) => say!("crosscheck: no rule {}; did you mean {m}?", term(&id)),
                    None => say!(
                        "crosscheck: no rule {}; `crosscheck rules list` shows them",
                        term(&id)
                    ),
                }
                return Ok(EXIT_INPUT);
            };
            to_stdout(|out| explain_rule(out, r))?;
            Ok(0)
        }
        RulesCommand::Validate { dir, source } => {
            let (src, dir) = rules_with(dir.as_ref(), &source);
            match in_force(&src) {
                Ok(r) => {
                    let mine = dir.as_ref().map_or(r.len(), |d| {
                        r.iter()
                            .filter(|x| std::path::Path::new(&x.file).starts_with(d))
                            .count()
                    });
                    to_stdout(|out| match &dir {
                        Some(d) => writeln!(
                            out,
                            "{mine} rules in {}, all valid, with the {} rules in force",
                            d.display(),
                            r.len() - mine
                        ),
                        None => writeln!(out, "{} rules, all valid", r.len()),
                    })?;
                    Ok(0)
                }
                Err(e) => {
                    report_rule_errors(&e);
                    Ok(EXIT_INPUT)
                }
            }
        }
        RulesCommand::Test { dir, source } => {
            let (src, dir) = rules_with(dir.as_ref(), &source);
            let mut rules = match in_force(&src) {
                Ok(r) => r,
                Err(e) => {
                    report_rule_errors(&e);
                    return Ok(EXIT_INPUT);
                }
            };
            // with a DIR, its rules' tests (the rules in force checked with them)
            if let Some(d) = &dir {
                rules.retain(|x| std::path::Path::new(&x.file).starts_with(d));
            }
            let results = rules::test::run(&rules);
            // counted first: a closed pipe must not turn failures into 0
            let failed = results.iter().filter(|r| r.failure.is_some()).count();
            to_stdout(|out| {
                for r in &results {
                    match &r.failure {
                        None => writeln!(out, "ok     {} / {}", r.rule, r.case)?,
                        Some(why) => writeln!(out, "FAILED {} / {}: {why}", r.rule, r.case)?,
                    }
                }
                writeln!(
                    out,
                    "rules: {} passed, {} failed",
                    results.len() - failed,
                    failed
                )
            })?;
            Ok(if failed > 0 { EXIT_FINDINGS } else { 0 })
        }
        RulesCommand::Schema => {
            let schema = schemars::schema_for!(crosscheck::rules::model::RuleFile);
            let text = serde_json::to_string_pretty(&schema)?;
            to_stdout(|out| writeln!(out, "{text}"))?;
            Ok(0)
        }
    }
}

fn kind(r: &Rule) -> &'static str {
    match r.kind {
        rules::Kind::Figure => "figure",
        rules::Kind::Date => "date",
        rules::Kind::Lint => "lint",
        rules::Kind::Quote => "quote",
        rules::Kind::Person => "person",
    }
}
