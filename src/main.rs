//! The `crosscheck` binary: parse flags, run, map the result to an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
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
    }
}
