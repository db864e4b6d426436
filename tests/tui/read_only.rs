//! The interface on a store the user cannot write: it lists the townships and says in
//! its status line that writes are off. Skipped with a notice when tmux is absent
//! (unless `NIANBAO_REQUIRE_TMUX=1`) or when there is no way to be such a user.

use crate::common::TestEnv;
use crate::common::tmux::{Tmux, demo_store, tmux_available};
use crate::common::unwritable::{lock_store_folder, reader_prefix};

#[test]
fn the_interface_reads_a_store_it_cannot_write() {
    if !tmux_available() {
        return;
    }
    let Some(prefix) = reader_prefix() else {
        return;
    };
    let env = TestEnv::new();
    demo_store(&env);
    lock_store_folder(&env);
    let before = std::fs::read(env.store()).expect("store");
    let script = format!(
        "{} {} '{}'; echo NIANBAO_EXIT=$?; exec sleep 600",
        Tmux::environment(&env, &[]),
        prefix.join(" "),
        env!("CARGO_BIN_EXE_nianbao"),
    );
    let tmux = Tmux::launch(&env, 120, 30, &script);
    let screen = tmux.wait("the demo townships", |s| {
        s.contains("柳溪镇") && s.contains("青石镇")
    });
    assert!(screen.contains("只读"), "{screen}");
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
    assert_eq!(
        std::fs::read(env.store()).expect("store"),
        before,
        "store changed"
    );
}
