//! Long output on a terminal goes through `$PAGER` unless `--no-pager`; piped output
//! never does, and fills the width `COLUMNS` gives.
#![cfg(unix)]

use std::fs::File;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;

use crate::common::{TestEnv, code, stderr, stdout};
use unicode_width::UnicodeWidthStr;

const GOOD: &str = "青石镇2021年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次，发放资料3000份，组织全体干部参加法治培训和考试。\n二、存在的不足和原因\n学法不够。\n三、2022年工作安排\n继续推进。\n";

/// A pseudo-terminal: the side the program writes to, and the side kept open so it
/// stays a terminal.
fn terminal() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two descriptors into the integers given; the name, mode
    // and size pointers may be null.
    let status = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(status, 0, "openpty failed");
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

fn store_with_report() -> TestEnv {
    let env = TestEnv::new();
    let good = env.write("good.txt", GOOD.as_bytes());
    let out = env.run(["import".as_ref(), good.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    env
}

/// Runs `nianbao ARGS` with stdout on a terminal and a pager that copies to `paged`.
fn on_terminal(env: &TestEnv, args: &[&str]) -> Option<String> {
    let paged = env.path("paged.txt");
    let _ = std::fs::remove_file(&paged);
    let (_master, slave) = terminal();
    let out = env
        .cmd()
        .args(args)
        .env("PAGER", format!("cat > '{}'", paged.display()))
        .stdout(Stdio::from(File::from(slave)))
        .stderr(Stdio::piped())
        .output()
        .expect("run on a terminal");
    assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    std::fs::read_to_string(&paged).ok()
}

#[test]
fn a_terminal_gets_the_pager_unless_told_not_to() {
    let env = store_with_report();
    for args in [&["list"][..], &["show", "青石镇", "2021"]] {
        let paged = on_terminal(&env, args);
        assert!(
            paged.as_deref().is_some_and(|p| p.contains("青石镇")),
            "{args:?}: {paged:?}"
        );
    }
    assert_eq!(on_terminal(&env, &["--no-pager", "list"]), None);
    let piped = env
        .cmd()
        .arg("list")
        .env(
            "PAGER",
            format!("cat > '{}'", env.path("piped.txt").display()),
        )
        .output()
        .expect("run piped");
    assert!(stdout(&piped).contains("青石镇"));
    assert!(!env.path("piped.txt").exists());
}

#[test]
fn piped_output_fills_the_width_columns_gives() {
    let env = TestEnv::new();
    let old = env.write("2020.txt", GOOD.replace("2021", "2020").as_bytes());
    let new = env.write("2021.txt", GOOD.replace("3000", "5000").as_bytes());
    let widest = |columns: &str| {
        let out = env
            .cmd()
            .env("COLUMNS", columns)
            .args(["diff".as_ref(), old.as_os_str(), new.as_os_str()])
            .output()
            .expect("run diff");
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        stdout(&out).lines().map(|l| l.width()).max().unwrap_or(0)
    };
    let narrow = widest("60");
    assert!(narrow <= 60 && narrow > 40, "{narrow}");
    assert!(widest("140") > 100);
}
