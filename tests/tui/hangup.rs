//! The interface when its terminal goes away (an SSH connection dropped, a tmux session
//! killed): the process leaves on its own, and the log holds no panic. Skipped with a
//! notice when tmux is absent, unless `NIANBAO_REQUIRE_TMUX=1`.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::common::tmux::{PATIENCE, Tmux, demo_store, tmux_available};

/// Generous: the process is watched for the bound, not timed against it.
const GONE_WITHIN: Duration = Duration::from_secs(60);

/// Starts the interface in tmux behind `prelude` (shell words run first in the pane),
/// writing its process id to a file; kills the session once the list is shown; returns
/// the process id.
fn start_then_kill_the_session(env: &TestEnv, prelude: &str) -> u32 {
    demo_store(env);
    let pid_file = env.path("tui.pid");
    let script = format!(
        "{prelude} {} sh -c \"echo \\$\\$ > '{}'; exec '{}'\"; exit",
        Tmux::environment(env, &[]),
        pid_file.display(),
        env!("CARGO_BIN_EXE_nianbao"),
    );
    let tmux = Tmux::launch(env, 100, 30, &script);
    // Every township's summary in: the worker is idle, so nothing but the hang-up itself
    // can wake the interface.
    tmux.wait("the demo townships' summaries", |s| {
        s.contains("柳溪镇") && s.matches('%').count() >= 4
    });
    let pid = read_pid(&pid_file);
    tmux.tmux(&["kill-session", "-t", "nb"]);
    pid
}

fn read_pid(file: &Path) -> u32 {
    let start = Instant::now();
    loop {
        if let Some(pid) = std::fs::read_to_string(file)
            .ok()
            .and_then(|t| t.trim().parse().ok())
        {
            return pid;
        }
        assert!(start.elapsed() < PATIENCE, "no process id in {file:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Running: its `/proc` entry exists and it is not a zombie waiting to be reaped.
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

fn expect_gone(pid: u32) {
    let start = Instant::now();
    while running(pid) {
        if start.elapsed() > GONE_WITHIN {
            // SAFETY: a plain kill of the process this test started.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!("the interface still ran {GONE_WITHIN:?} after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Every line of the interface's logs.
fn log_text(env: &TestEnv) -> String {
    let Ok(entries) = std::fs::read_dir(env.path("state/nianbao")) else {
        return String::new();
    };
    entries
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

fn expect_no_panic(env: &TestEnv) {
    let log = log_text(env);
    assert!(log.contains("review interface started"), "log:\n{log}");
    assert!(!log.contains("panic"), "log:\n{log}");
}

#[test]
fn a_killed_session_ends_the_interface_without_a_panic() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    let pid = start_then_kill_the_session(&env, "");
    expect_gone(pid);
    expect_no_panic(&env);
}

/// The shell in the pane ignores SIGHUP and so never passes it on: the interface learns
/// of the hang-up only from reading its terminal.
#[test]
fn a_terminal_that_hung_up_without_a_signal_ends_the_interface() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    let pid = start_then_kill_the_session(&env, "trap '' HUP;");
    expect_gone(pid);
    expect_no_panic(&env);
}
