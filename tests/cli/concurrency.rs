//! Several reviewers on one store: two processes importing and two writing notes at the
//! same time. No `database is locked` reaches the user, and nothing is lost.

use std::process::{Child, Stdio};

use crate::common::{TestEnv, json};

const IMPORTED_PER_PROCESS: usize = 60;
const NOTES_PER_PROCESS: usize = 40;

fn wait(child: Child, what: &str) {
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("locked") && !err.contains("busy"),
        "{what}: {err}"
    );
    assert_eq!(out.status.code(), Some(0), "{what}: {err}");
}

#[test]
fn two_importers_and_two_note_writers_lose_nothing() {
    let env = TestEnv::new();
    env.import_note_target();

    let corpora: Vec<_> = (0..2)
        .map(|i| {
            let (reports, seed) = (IMPORTED_PER_PROCESS.to_string(), (i + 7).to_string());
            env.bench_corpus(
                &format!("corpus{i}"),
                &["--reports", &reports, "--seed", &seed],
            )
        })
        .collect();

    let importers: Vec<Child> = corpora
        .iter()
        .map(|dir| env.start_import(dir, &[], &[]))
        .collect();
    let writers: Vec<Child> = (0..2).map(|w| note_writer(&env, w)).collect();
    for (i, child) in importers.into_iter().enumerate() {
        wait(child, &format!("importer {i}"));
    }
    for (i, child) in writers.into_iter().enumerate() {
        wait(child, &format!("note writer {i}"));
    }

    let list = json(&env.run(["list", "--json"]));
    let reports: usize = list
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["years"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(reports, 1 + 2 * IMPORTED_PER_PROCESS);
    // Both importers' batches are in the full-text index, each indexed once.
    crate::common::search_finds_what_the_texts_hold(&env, "行政执法案件");
    assert_eq!(indexed_through(&env), highest_report(&env));
    let notes = json(&env.run(["notes", "list", "--json"]));
    let texts: Vec<&str> = notes
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(|n| n["body"].as_str())
        .collect();
    for w in 0..2 {
        for i in 1..=NOTES_PER_PROCESS {
            let expected = format!("意见{w}-{i}");
            assert!(texts.contains(&expected.as_str()), "{expected} lost");
        }
    }
}

/// A shell loop adding notes one process at a time, as a reviewer's script would.
fn note_writer(env: &TestEnv, writer: usize) -> Child {
    let script = format!(
        "for i in $(seq 1 {NOTES_PER_PROCESS}); do \"$0\" notes add 甲山镇 2021 --author r{writer} --text \"意见{writer}-$i\" >/dev/null || exit 1; done"
    );
    env.wrapped("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_nianbao"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start note writer")
}

/// How far the full-text index file beside the store says it goes.
fn indexed_through(env: &TestEnv) -> i64 {
    let mut path = env.store().into_os_string();
    path.push("-search");
    let index = rusqlite::Connection::open(path).expect("index file");
    index
        .query_row("SELECT through FROM indexed", [], |r| r.get(0))
        .expect("mark")
}

fn highest_report(env: &TestEnv) -> i64 {
    let store = rusqlite::Connection::open(env.store()).expect("store");
    store
        .query_row("SELECT max(id) FROM reports", [], |r| r.get(0))
        .expect("highest id")
}
