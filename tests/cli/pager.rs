//! Long output on a terminal goes through `$PAGER` unless `--no-pager`; piped output
//! never does, and fills the width `COLUMNS` gives. `search` pages its text and its
//! table, never its JSON, and ends quietly when the pager is quit.
#![cfg(unix)]

use std::fs::File;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Output, Stdio};

use crate::common::{TestEnv, code, stderr, stdout, synthetic_store};
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
    let out = with_pager(env, args, &format!("cat > '{}'", paged.display()), &paged);
    assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    std::fs::read_to_string(&paged).ok()
}

/// Runs `nianbao ARGS` with stdout on a terminal and `pager` as `$PAGER`, `written`
/// (the file the pager writes) removed first.
fn with_pager(env: &TestEnv, args: &[&str], pager: &str, written: &Path) -> Output {
    let _ = std::fs::remove_file(written);
    let (_master, slave) = terminal();
    env.cmd()
        .args(args)
        .env("PAGER", pager)
        .stdout(Stdio::from(File::from(slave)))
        .stderr(Stdio::piped())
        .output()
        .expect("run on a terminal")
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

#[test]
fn search_pages_its_text_and_table_but_not_its_json() {
    let env = store_with_report();
    let listed = on_terminal(&env, &["search", "法治"]).expect("paged");
    assert!(listed.starts_with("2021  青石镇"), "{listed}");
    assert!(listed.contains("【法治】"), "{listed}");
    let count = listed
        .lines()
        .position(|l| l.starts_with("1 份报告含有 法治"));
    assert!(
        count.is_some_and(|at| at + 3 >= listed.lines().count()),
        "the count comes last: {listed}"
    );
    let table = on_terminal(&env, &["search", "法治", "--count-by", "year"]).expect("paged");
    assert!(
        table
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("2021") && l.contains('█'))
    );
    assert_eq!(on_terminal(&env, &["search", "法治", "--json"]), None);
    assert_eq!(on_terminal(&env, &["--no-pager", "search", "法治"]), None);
}

#[test]
fn quitting_the_pager_ends_a_search_quietly() {
    let env = synthetic_store();
    let first = env.run(["search", "调解", "--limit", "1"]);
    let heading = stdout(&first)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(heading.contains("  "), "{heading}");
    // The pager reads the first line and quits; the search has far more to print.
    let written = env.path("first.txt");
    let pager = format!("head -n 1 > '{}'", written.display());
    let args = ["search", "调解", "--limit", "1000"];
    let out = with_pager(&env, &args, &pager, &written);
    assert_eq!(code(&out), 0, "{:?}: {}", out.status, stderr(&out));
    assert_eq!(stderr(&out), "", "no complaint about the closed pipe");
    let got = std::fs::read_to_string(&written).expect("the pager ran");
    assert_eq!(got.trim_end(), heading);
}

/// A year of `sentences` numbered sentences, each with a figure that `scale` changes, so
/// two years differ on every row.
fn long_year(year: u32, scale: u32, sentences: u32) -> String {
    let mut text = format!("青石镇{year}年法治政府建设年度报告\n一、主要举措和成效\n");
    for n in 1..=sentences {
        text.push_str(&format!(
            "第{n}项工作开展法治宣传{}次，覆盖群众{}人。\n",
            n * scale,
            n + scale
        ));
    }
    text.push_str("二、存在的不足和原因\n学法不够。\n");
    text
}

#[test]
fn quitting_the_pager_early_ends_a_long_diff_as_a_success() {
    let env = TestEnv::new();
    let old = env.write("2020.txt", long_year(2020, 3, 3000).as_bytes());
    let new = env.write("2021.txt", long_year(2021, 7, 3000).as_bytes());
    let written = env.path("first.txt");
    let pager = format!("head -n 1 > '{}'", written.display());
    let args = ["diff", &old.to_string_lossy(), &new.to_string_lossy()];
    let out = with_pager(&env, &args, &pager, &written);
    assert_eq!(code(&out), 0, "{:?}: {}", out.status, stderr(&out));
    assert_eq!(stderr(&out), "", "no complaint about the closed pipe");
    let got = std::fs::read_to_string(&written).expect("the pager ran");
    assert_eq!(got.lines().count(), 1, "{got}");
}
