//! The `crosscheck` binary: parse flags, run, map the result to an exit code.

mod cli;

use clap::Parser;
use std::io::Write as _;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // a bug must not look like "findings" (1) or a crash code (101): say so, exit 2
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        // not eprintln!: a panic while printing (stderr closed) would abort
        let _ = writeln!(
            std::io::stderr(),
            "crosscheck: internal error{at}: {}\nThis is a bug in crosscheck; please report it with the input that caused it.",
            info.payload()
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default()
        );
    }));
    let args = cli::args::Cli::parse();
    match std::panic::catch_unwind(|| cli::run(args)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(err)) => {
            // a closed standard output never gets here (`cli` ends the
            // output and keeps the exit code the run earned): this is a
            // real failure, and exit 0 would hide it
            let _ = writeln!(std::io::stderr(), "crosscheck: {err:#}");
            ExitCode::from(cli::exit_code(crosscheck::Status::InputError))
        }
        Err(_) => ExitCode::from(cli::exit_code(crosscheck::Status::InputError)),
    }
}
