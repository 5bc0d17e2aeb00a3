//! The `crosscheck` binary: parse flags, run, map the result to an exit code.

mod cli;

use clap::Parser;
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
        eprintln!(
            "crosscheck: internal error{at}: {}\nThis is a bug in crosscheck; please report it with the input that caused it.",
            info.payload()
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default()
        );
    }));
    let args = cli::Cli::parse();
    match std::panic::catch_unwind(|| cli::run(args)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(err)) => {
            // a closed pipe (`crosscheck claims . | head`) is not an error
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("crosscheck: {err:#}");
            ExitCode::from(cli::EXIT_INPUT)
        }
        Err(_) => ExitCode::from(cli::EXIT_INPUT),
    }
}
