//! Command-line interface: argv to calls into the library. No logic here
//! that a test of the library could not reach.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::report::claims::{self, ClaimsFormat};
use std::io::{IsTerminal, Write};

/// Checks news stories from different outlets against each other.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the numeric claims, quantifiers and quotes extracted from stories.
    Claims(ClaimsArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClaimsFormatArg {
    Human,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ClaimsArgs {
    /// Story files or directories (.txt, .md, .json, .jsonl); `-` reads JSON Lines from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClaimsFormatArg::Human)]
    pub format: ClaimsFormatArg,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// When to colour human output (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

/// Exit codes: 0 fine, 1 findings at or above the threshold, 2 bad input.
pub const EXIT_INPUT: u8 = 2;

fn use_color(arg: ColorArg, to_terminal: bool) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Run a parsed command; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Claims(args) => claims_cmd(&args),
    }
}

fn claims_cmd(args: &ClaimsArgs) -> Result<u8> {
    let batch = crosscheck::story::ingest(&args.paths, &mut std::io::stdin().lock());
    for r in &batch.rejected {
        eprintln!("crosscheck: rejected {r}");
    }
    let analyses: Vec<_> = batch.stories.into_iter().map(crosscheck::analyse).collect();
    let format = match args.format {
        ClaimsFormatArg::Human => ClaimsFormat::Human,
        ClaimsFormatArg::Json => ClaimsFormat::Json,
        ClaimsFormatArg::Jsonl => ClaimsFormat::Jsonl,
    };
    let mut buf = Vec::new();
    match &args.output {
        Some(path) => {
            claims::write(
                &mut buf,
                format,
                &analyses,
                &batch.rejected,
                use_color(args.color, false),
            )?;
            std::fs::write(path, &buf)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let color = use_color(args.color, stdout.is_terminal());
            claims::write(&mut buf, format, &analyses, &batch.rejected, color)?;
            let mut lock = stdout.lock();
            lock.write_all(&buf)?;
            lock.flush()?;
        }
    }
    Ok(if batch.rejected.is_empty() {
        0
    } else {
        EXIT_INPUT
    })
}
