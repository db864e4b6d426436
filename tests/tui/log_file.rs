//! The interface's log file, through the real binary in tmux: capped and rotated, and a
//! settings problem logged once rather than on every start. Skipped with a notice when
//! tmux is absent, unless `NIANBAO_REQUIRE_TMUX=1`.

use crate::common::TestEnv;
use crate::common::tmux::{Tmux, tmux_available};

/// Starts the interface on an empty store and quits it with `q`, first closing the box
/// of settings problems when `problem` should be shown in it.
fn start_and_quit(env: &TestEnv, problem: Option<&str>) {
    let tmux = Tmux::start(env, 100, 24, &[]);
    if let Some(problem) = problem {
        tmux.wait_for(problem);
        tmux.keys(&["Escape"]);
        tmux.wait("the problem box closed", |s| !s.contains(problem));
    }
    tmux.wait_for("nianbao import");
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

fn read(env: &TestEnv, name: &str) -> String {
    std::fs::read_to_string(env.path(&format!("state/nianbao/{name}")))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_full_log_is_moved_aside_and_a_new_one_started() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    let old = "an earlier run's line\n".repeat(60_000);
    assert!(old.len() > 1024 * 1024);
    env.write("state/nianbao/nianbao.log", old.as_bytes());
    start_and_quit(&env, None);
    let current = read(&env, "nianbao.log");
    assert!(current.contains("review interface started"), "{current}");
    assert!(!current.contains("an earlier run's line"), "{current}");
    assert_eq!(read(&env, "nianbao.log.1"), old);
    start_and_quit(&env, None);
    assert_eq!(read(&env, "nianbao.log.1"), old, "rotated only when full");
    let logs = std::fs::read_dir(env.path("state/nianbao"))
        .expect("log folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("nianbao"))
        .count();
    assert_eq!(logs, 2, "the log and one earlier file");
}

#[test]
fn a_bad_binding_is_logged_once_over_several_starts() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    env.write(
        "config/nianbao/keys.toml",
        b"[[bind]]\non = \"x\"\nrun = \"no_such_action\"\n",
    );
    for _ in 0..3 {
        start_and_quit(&env, Some("no_such_action"));
    }
    let log = read(&env, "nianbao.log");
    assert_eq!(log.matches("review interface started").count(), 3, "{log}");
    assert_eq!(log.matches("no_such_action").count(), 1, "{log}");
}
