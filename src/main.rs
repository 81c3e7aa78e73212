//! The `claimsift` binary: parses flags and hands over to one subcommand.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::main() {
        Ok(code) => code,
        // `claimsift numbers … | head` closes our stdout early: not an error.
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimsift: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
