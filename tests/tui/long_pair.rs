//! A long pair opened while the township list's summary of it is still being computed:
//! the worker and the summary thread share one analysis cache, the worker taking over
//! what the summary has under way, and the screen must be the one a pair opened after
//! its summary gives. The real binary in tmux, on two years each made of many synthetic
//! reports run together.

use std::path::Path;

use crate::common::tmux::{Tmux, tmux_available};
use crate::common::{TestEnv, code, stderr};

const TOWNSHIP: &str = "大坪镇";

/// Two years of one township, each the text of `reports` synthetic reports run
/// together, so that analysing and comparing them takes a while.
fn long_pair_store(env: &TestEnv, reports: usize) {
    let corpus = env.path("corpus");
    let made = env
        .cmd()
        .args([
            "bench-corpus",
            "--reports",
            &reports.to_string(),
            "--years",
            "2",
            "--out",
        ])
        .arg(&corpus)
        .output()
        .expect("run bench-corpus");
    assert_eq!(code(&made), 0, "bench-corpus: {}", stderr(&made));
    for year in [2018, 2019] {
        let text = year_text(&corpus, year);
        assert!(text.len() > 100_000, "a long year: {} bytes", text.len());
        let file = env.write(&format!("{year}.txt"), text.as_bytes());
        let out = env
            .cmd()
            .arg("import")
            .arg(&file)
            .args(["--township", TOWNSHIP, "--county", "测试县"])
            .args(["--year", &year.to_string()])
            .output()
            .expect("run import");
        assert_eq!(code(&out), 0, "import: {}", stderr(&out));
    }
}

/// Every report of `year` in the corpus, in file order, run together.
fn year_text(corpus: &Path, year: i32) -> String {
    let mut files = Vec::new();
    let mut folders = vec![corpus.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read corpus") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.to_string_lossy().ends_with(&format!("-{year}.txt")) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read report"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The township list with the township's summary come (its line shows a percentage).
fn summarized(screen: &str) -> bool {
    screen
        .lines()
        .next()
        .is_some_and(|l| l.contains("annual report review"))
        && screen
            .lines()
            .any(|l| l.contains(TOWNSHIP) && l.contains('%'))
}

/// The pair on screen: the header gives its copy ratio and the status line a position.
fn pair_on_screen(screen: &str) -> bool {
    screen.lines().next().is_some_and(|l| l.contains("copied"))
        && screen
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.split_whitespace().last().is_some_and(|t| t.contains('/')))
}

/// Starts the interface, opens the township — at once, or once its summary is in the
/// list — and returns the pair's screen and then the list's line for the township.
fn open(env: &TestEnv, after_summary: bool) -> (String, String) {
    let tmux = Tmux::start(env, 120, 36, &[("LANG", "en_US.UTF-8")]);
    let list = if after_summary {
        tmux.wait("the township's summary", summarized)
    } else {
        tmux.wait_for(TOWNSHIP)
    };
    tmux.keys(&["Enter"]);
    let pair = tmux.wait("the pair", pair_on_screen);
    if !after_summary {
        assert!(
            !summarized(&list),
            "opened before the summary came:\n{list}"
        );
    }
    tmux.keys(&["Escape"]);
    let list = tmux.wait("the list with the summary", summarized);
    let line = list
        .lines()
        .find(|l| l.contains(TOWNSHIP))
        .unwrap_or_default()
        .to_string();
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
    (pair, line)
}

#[test]
fn a_pair_opened_while_its_summary_is_computed_shows_the_same_screen() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    long_pair_store(&env, 40);
    let (during, line_during) = open(&env, false);
    // The first run left the summary in the store's cache: this one opens after it.
    let (after, line_after) = open(&env, true);
    assert_eq!(during, after);
    assert_eq!(line_during, line_after);
}
