//! Review interfaces and importers started at the same instant on a store that does not
//! exist yet: each waits for whichever creates the schema, no interface shows an error,
//! and every imported report arrives. Skipped with a notice when tmux is absent, unless
//! `NIANBAO_REQUIRE_TMUX=1`.

use std::process::{Child, Stdio};

use crate::common::tmux::{Tmux, tmux_available};
use crate::common::{TestEnv, stdout};

const ROUNDS: usize = 4;
const INTERFACES: usize = 3;
const TOWNS: [&str; 3] = ["甲山镇", "乙水乡", "丙岭镇"];

/// Shell words that wait until the file `go` exists, so that every process starts
/// together.
fn after_go(env: &TestEnv) -> String {
    format!(
        "while [ ! -e '{}' ]; do sleep 0.01; done;",
        env.path("go").display()
    )
}

fn importer(env: &TestEnv, town: &str) -> Child {
    let file = env.write(
        &format!("{town}.txt"),
        format!("{town}2021年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次。\n")
            .as_bytes(),
    );
    env.wrapped("sh")
        .arg("-c")
        .arg(format!("{} exec \"$0\" import \"$1\"", after_go(env)))
        .arg(env!("CARGO_BIN_EXE_nianbao"))
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start importer")
}

fn interface(env: &TestEnv) -> Tmux {
    let script = format!(
        "{} {} '{}'; echo NIANBAO_EXIT=$?; exec sleep 600",
        after_go(env),
        Tmux::environment(env, &[]),
        env!("CARGO_BIN_EXE_nianbao"),
    );
    Tmux::launch(env, 100, 24, &script)
}

#[test]
fn interfaces_and_importers_started_together_on_a_new_store() {
    if !tmux_available() {
        return;
    }
    for round in 0..ROUNDS {
        let env = TestEnv::new();
        let interfaces: Vec<Tmux> = (0..INTERFACES).map(|_| interface(&env)).collect();
        let importers: Vec<Child> = TOWNS.iter().map(|t| importer(&env, t)).collect();
        env.write("go", b"");
        for (i, child) in importers.into_iter().enumerate() {
            let out = child.wait_with_output().expect("wait for import");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(0),
                "round {round}, importer {i}: {err}"
            );
        }
        for tmux in &interfaces {
            // The welcome screen of an empty store, or the list of one being filled with
            // whichever townships had arrived when the interface read it.
            tmux.wait("the interface", |s| {
                s.contains("nianbao import")
                    || TOWNS.iter().any(|t| s.contains(t))
                    || s.contains("NIANBAO_EXIT")
            });
            tmux.keys(&["q"]);
            let screen = tmux.expect_clean_exit(0);
            assert!(!screen.contains("nianbao:"), "round {round}: {screen}");
        }
        let listed = stdout(&env.run(["list"]));
        for town in TOWNS {
            assert!(
                listed.contains(town),
                "round {round}: {town} missing: {listed}"
            );
        }
    }
}
