//! Command-line interface: argv to calls into the library. No logic here
//! that a test of the library could not reach: [`args`] is what clap
//! reads, [`settings`] merges it with crosscheck.yaml, the library checks
//! and reports, and this module says things on standard error, writes the
//! output where it goes and turns how the run ended ([`Status`]) into the
//! exit code, in one place ([`exit_code`]).

pub(crate) mod args;
pub(crate) mod settings;

use anyhow::{Context, Result};
use args::RulesCommand;
use args::{CheckArgs, ClaimsArgs, Cli, ColorArg, Command, DiffArgs, Output, RuleSource};
use crosscheck::Status;
use crosscheck::config::Config;
use crosscheck::report::escape::terminal as term;
use crosscheck::report::{CheckFormat, CheckReport};
use crosscheck::rules::{Rule, RuleError};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// A line on standard error. Unlike `eprintln!`, a closed standard error
/// (`2>&1 | head`) is no panic: the line is dropped and the run goes on.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// The exit code of how a run ended, the one place a status becomes a
/// number: 0 fine, 1 findings at or above the threshold (or failing rule
/// tests), 2 bad input, bad rules or bad usage (or a failure of
/// crosscheck's own).
pub(crate) fn exit_code(status: Status) -> u8 {
    match status {
        Status::Clean => 0,
        Status::Findings => 1,
        Status::InputError => 2,
    }
}

fn use_color(arg: ColorArg, to_terminal: bool) -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if set("NO_COLOR") => false,
        ColorArg::Auto => to_terminal || set("CLICOLOR_FORCE"),
    }
}

/// Run a parsed command; returns the exit code.
pub(crate) fn run(cli: Cli) -> Result<u8> {
    if cli.jobs > 0 {
        // the global pool: stories are analysed in parallel, in input order
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(cli.jobs)
            .build_global();
    }
    let cwd = std::env::current_dir().ok();
    let (config_path, cfg) =
        match settings::config(cli.config.as_deref(), cli.isolated, cwd.as_deref()) {
            Ok(c) => c,
            Err(errors) => {
                for e in &errors {
                    say!("crosscheck: invalid config: {}", term(&e.to_string()));
                }
                return Ok(exit_code(Status::InputError));
            }
        };
    match cli.command {
        Command::Claims(args) => claims_cmd(&args),
        Command::Check(args) => check_cmd(&args, &cfg, config_path.as_deref()),
        Command::Config => {
            let shown = serde_yaml::to_string(&cfg.effective())?;
            to_stdout(|out| match config_path {
                Some(p) => writeln!(out, "# from {}\n{shown}", p.display()),
                None => writeln!(out, "# no crosscheck.yaml found; defaults\n{shown}"),
            })?;
            Ok(0)
        }
        Command::Diff(args) => diff_cmd(&args, &cfg),
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

/// The rules `src` names, or their problems said on standard error.
fn load_rules(src: &RuleSource) -> Result<Vec<Rule>, u8> {
    crosscheck::rules::load::in_force(&src.rules, src.no_default_rules).map_err(|e| {
        report_rule_errors(&e);
        exit_code(Status::InputError)
    })
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

impl crosscheck::Progress for Bar {
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
    use crosscheck::Progress;
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
        |a| (&a.story.id, &a.story.path, a.story.record().map(|r| r.1)),
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
        return Ok(exit_code(Status::InputError));
    }
    emit(&args.out, |w, color| {
        crosscheck::report::claims::write(w, args.format, &analyses, &rejected, color)
    })?;
    Ok(exit_code(if rejected.is_empty() && !empty {
        Status::Clean
    } else {
        Status::InputError
    }))
}

fn check_cmd(args: &CheckArgs, cfg: &Config, config_path: Option<&Path>) -> Result<u8> {
    let mut rules = match load_rules(&settings::rule_source(&args.rules, cfg)) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    if let Some(code) = config_rules_unknown(config_path, cfg, &rules) {
        return Ok(code);
    }
    let summary = step_summary(args.format);
    let settings = settings::check(args, cfg, &rules, summary.is_some());
    cfg.apply(&mut rules);
    let t0 = std::time::Instant::now();
    let Some(listing) = list_inputs(&args.paths, args.allow_empty) else {
        // nothing was read: no report
        return Ok(exit_code(Status::InputError));
    };
    timing("list inputs", t0);
    let bar = Bar::new(listing.sources.len());
    let checked = crosscheck::check_batch(listing, &rules, &settings, &bar);
    bar.0.finish_and_clear();
    timing("read, analyse and compare", t0);
    say_rejected(&checked.rejected);
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &checked);
    }
    let baseline = match read_baseline(args.baseline.as_deref())? {
        Ok(b) => b,
        Err(code) => return Ok(code),
    };
    let outcome = checked.accept(baseline.as_ref());
    timing("suppress", t0);
    say_suppressed(args, &outcome);
    let report = CheckReport {
        analyses: &outcome.analyses,
        rejected: &outcome.rejected,
        events: &outcome.events,
        findings: &outcome.findings,
        min_level: outcome.min_level,
        rules: &rules,
        fail_on: outcome.fail_on.0,
        verbose: args.verbose,
        run_at: Some(run_at()),
        tables: args.tables,
    };
    emit(&args.out, |w, color| {
        crosscheck::report::write(w, args.format, &report, color)
    })?;
    write_extra_reports(args, &report)?;
    if let Some(summary) = summary {
        append_summary(&summary, &report)?;
    }
    timing("report", t0);
    let code = exit_code(outcome.status());
    // the process ends next: freeing every story, claim and finding one
    // by one is a tenth of a second of one core at 1 GB, for nothing
    // (issue 21); the system takes the memory back whole
    std::mem::forget(outcome);
    Ok(code)
}

/// The exit code when crosscheck.yaml (at `config_path`) names rules that
/// are not among `rules`, each said on standard error; `None` when it names
/// none or there is no config file.
fn config_rules_unknown(config_path: Option<&Path>, cfg: &Config, rules: &[Rule]) -> Option<u8> {
    let path = config_path?;
    let known: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    let unknown = crosscheck::config::unknown_rules(path, cfg, &known);
    for e in &unknown {
        say!("crosscheck: invalid config: {}", term(&e.to_string()));
    }
    (!unknown.is_empty()).then(|| exit_code(Status::InputError))
}

/// The GitHub Actions job summary file, which gets the Markdown report too:
/// set, not empty, and only with `--format github`.
fn step_summary(format: CheckFormat) -> Option<std::ffi::OsString> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|s| !s.is_empty() && format == CheckFormat::Github)
}

/// The stories `paths` name, with the skipped files and the arguments that
/// named no story said on standard error; `None` when nothing was read (no
/// story, no rejected input, and an argument that named none).
fn list_inputs(paths: &[String], allow_empty: bool) -> Option<crosscheck::story::Listing> {
    let listing = crosscheck::story::list(paths, &mut std::io::stdin().lock());
    if let Some(note) = crosscheck::story::skipped_note(&listing.skipped) {
        say!("crosscheck: {}", term(&note));
    }
    let empty = say_empty(&listing.empty, allow_empty);
    if empty && listing.sources.is_empty() && listing.rejected.is_empty() {
        return None;
    }
    Some(listing)
}

/// Write the batch's findings to `path` as a baseline (`--write-baseline`),
/// say how many on standard error; the exit code of the inputs read.
fn write_baseline(path: &Path, checked: &crosscheck::Checked) -> Result<u8> {
    let b = checked.baseline();
    let text = serde_json::to_string_pretty(&b)? + "\n";
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    say!(
        "crosscheck: {} finding(s) recorded in {}",
        b.accepted.len(),
        path.display()
    );
    Ok(exit_code(checked.input_status()))
}

/// The baseline at `path` (`--baseline`), `Ok(None)` without one; the exit
/// code when the file is not a baseline (said on standard error), an error
/// when it cannot be read.
fn read_baseline(
    path: Option<&Path>,
) -> Result<Result<Option<crosscheck::rules::baseline::Baseline>, u8>> {
    let Some(path) = path else {
        return Ok(Ok(None));
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read baseline {}", path.display()))?;
    match serde_json::from_str::<crosscheck::rules::baseline::Baseline>(&text) {
        Ok(b) => Ok(Ok(Some(b))),
        Err(e) => {
            say!(
                "crosscheck: {}:{}:{}: not a baseline file: {e}",
                path.display(),
                e.line(),
                e.column()
            );
            Ok(Err(exit_code(Status::InputError)))
        }
    }
}

/// Write the report, without colour, to each file the `--json-output`,
/// `--sarif-output`, `--junit-output`, `--markdown-output` and
/// `--html-output` flags name, in that order.
fn write_extra_reports(args: &CheckArgs, report: &CheckReport) -> Result<()> {
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
            crosscheck::report::write(&mut w, fmt, report, false)
                .and_then(|()| w.flush())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(())
}

/// Append the Markdown report to the GitHub Actions job summary file.
fn append_summary(summary: &std::ffi::OsStr, report: &CheckReport) -> Result<()> {
    let mut buf = Vec::new();
    crosscheck::report::write(&mut buf, CheckFormat::Markdown, report, false)?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(summary)
        .with_context(|| {
            format!(
                "cannot append to GITHUB_STEP_SUMMARY {}",
                summary.to_string_lossy()
            )
        })?;
    f.write_all(&buf)?;
    Ok(())
}

/// What the baseline and the stories' ignores did, on standard error: ignores
/// of no rule, what the baseline accepted and what in it is stale, ignores
/// that suppressed nothing (`--report-unused-ignores`), and findings shown
/// below `--min-level` because `--fail-on` fails the run on them.
fn say_suppressed(args: &CheckArgs, outcome: &crosscheck::Outcome) {
    let analyses = &outcome.analyses;
    let unknown = &outcome.unknown_ignores;
    for (s, id, meant) in unknown {
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
    let suppressed = &outcome.suppressed;
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
    if let Some((fails, wanted)) = outcome.lowered {
        say!(
            "crosscheck: showing findings from {} up, as --fail-on {} fails the run on them (--min-level is {})",
            fails.as_str(),
            fails.as_str(),
            wanted.as_str()
        );
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
        .filter(|&k| &*all[k].story.path == path)
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

fn diff_cmd(args: &DiffArgs, cfg: &Config) -> Result<u8> {
    let rules = match load_rules(&settings::rule_source(&args.rules, cfg)) {
        Ok(mut r) => {
            cfg.apply(&mut r);
            r
        }
        Err(code) => return Ok(code),
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
        return Ok(exit_code(Status::InputError));
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
            return Ok(exit_code(Status::InputError));
        }
        (Err(e), _) | (_, Err(e)) => {
            say!("crosscheck: {}", term(&e));
            return Ok(exit_code(Status::InputError));
        }
    };
    let pair = [all[a].clone(), all[b].clone()];
    let report = crosscheck::diff(&pair, &rules);
    emit(&args.out, |w, color| {
        crosscheck::report::diff::write(w, args.format, &pair, &report, &rules, color)
    })?;
    Ok(exit_code(Status::of(&report.findings, args.fail_on)))
}

fn rules_cmd(cmd: RulesCommand, cfg: &Config) -> Result<u8> {
    // crosscheck.yaml's rules and switches, as `check` applies them
    let in_force = |src: &RuleSource| {
        load_rules(&settings::rule_source(src, cfg)).map(|mut r| {
            cfg.apply(&mut r);
            r
        })
    };
    match cmd {
        RulesCommand::List(src) => {
            let rules = match in_force(&src) {
                Ok(r) => r,
                Err(code) => return Ok(code),
            };
            to_stdout(|out| crosscheck::report::rules::list(out, &rules))?;
            Ok(0)
        }
        RulesCommand::Explain { id, source } => {
            let rules = match in_force(&source) {
                Ok(r) => r,
                Err(code) => return Ok(code),
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
                return Ok(exit_code(Status::InputError));
            };
            to_stdout(|out| crosscheck::report::rules::explain(out, r))?;
            Ok(0)
        }
        RulesCommand::Validate { dir, source } => {
            let (src, dir) = settings::rules_with(dir.as_ref(), &source);
            let r = match in_force(&src) {
                Ok(r) => r,
                Err(code) => return Ok(code),
            };
            let mine = dir.as_ref().map_or(r.len(), |d| {
                r.iter()
                    .filter(|x| Path::new(&x.file).starts_with(d))
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
        RulesCommand::Test { dir, source } => {
            let (src, dir) = settings::rules_with(dir.as_ref(), &source);
            let mut rules = match in_force(&src) {
                Ok(r) => r,
                Err(code) => return Ok(code),
            };
            // with a DIR, its rules' tests (the rules in force checked with them)
            if let Some(d) = &dir {
                rules.retain(|x| Path::new(&x.file).starts_with(d));
            }
            let results = crosscheck::rules::test::run(&rules);
            // counted first: a closed pipe must not turn failures into 0
            let failed = results.iter().any(|r| r.failure.is_some());
            to_stdout(|out| crosscheck::report::rules::tests(out, &results))?;
            // a failing case is a finding about the rules
            Ok(exit_code(if failed {
                Status::Findings
            } else {
                Status::Clean
            }))
        }
        RulesCommand::Schema => {
            let schema = schemars::schema_for!(crosscheck::rules::model::RuleFile);
            let text = serde_json::to_string_pretty(&schema)?;
            to_stdout(|out| writeln!(out, "{text}"))?;
            Ok(0)
        }
    }
}
