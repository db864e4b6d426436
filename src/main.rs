//! The `nianbao` binary: parse the command line, run it, and turn the outcome into the
//! documented exit code (0 ok, 1 findings or partial failure, 2 usage/config/store error).

use std::process::ExitCode;

fn main() -> ExitCode {
    match nianbao::cli::main() {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            let line = format!("{error:#}").replace('\n', " ");
            eprintln!("nianbao: {line}");
            ExitCode::from(2)
        }
    }
}
