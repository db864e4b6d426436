//! The `nianbao` binary: parse the command line, run it, and turn the outcome into the
//! documented exit code (0 ok, 1 findings or partial failure, 2 usage/config/store error).

use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    nianbao::cli::main()
}

/// Output piped into `head` or `less` that closes early ends the process quietly, as
/// with other Unix tools, instead of a panic on a failed write.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
