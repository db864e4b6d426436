//! Crash safety: an import killed with SIGKILL midway leaves a store that opens, passes
//! `integrity_check`, holds every file reported imported before the kill and no half
//! report; the next import completes the rest.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{TestEnv, code, stderr};
use sha2::{Digest, Sha256};

const REPORTS: usize = 240;

#[test]
fn killed_import_loses_nothing_reported_and_leaves_no_half_report() {
    let env = TestEnv::new();
    let corpus = env.bench_corpus("corpus", &["--reports", &REPORTS.to_string()]);

    let mut child = env
        .cmd()
        .args(["--lang", "en", "import"])
        .arg(&corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start import");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut reported = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while reported.len() < REPORTS / 4 && Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(line) if line.starts_with("imported") => reported.push(line),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    child.kill().expect("SIGKILL the import");
    let _ = child.wait();
    assert!(
        reported.len() >= REPORTS / 4,
        "import reported only {} files before the deadline",
        reported.len()
    );

    let rows = stored_reports_intact(&env);
    for line in &reported {
        let mut words = line.split_whitespace().skip(1);
        let township = words.next().unwrap_or_default();
        let year: i32 = words
            .next()
            .and_then(|y| y.parse().ok())
            .unwrap_or_default();
        assert!(
            rows.iter().any(|(t, y)| t == township && *y == year),
            "{township} {year} was reported imported but is not in the store"
        );
    }

    // The full-text index is behind the store after the kill, never wrong.
    crate::common::search_finds_what_the_texts_hold(&env, "行政执法案件");

    let rest = env.run(["import".as_ref(), "--json".as_ref(), corpus.as_os_str()]);
    assert_eq!(code(&rest), 0, "{}", stderr(&rest));
    crate::common::search_finds_what_the_texts_hold(&env, "行政执法案件");
    let summary = crate::common::json(&rest);
    let imported = summary["imported"].as_array().map_or(0, Vec::len);
    let unchanged = summary["unchanged"].as_array().map_or(0, Vec::len);
    assert_eq!(imported + unchanged, REPORTS);
    assert!(unchanged >= reported.len());
}

/// Every stored report after the kill, checked whole: the store passes SQLite's integrity
/// check and each text, read as the program reads it, matches its digest.
fn stored_reports_intact(env: &TestEnv) -> Vec<(String, i32)> {
    let conn = rusqlite::Connection::open(env.store()).expect("store opens after the kill");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    let mut stmt = conn
        .prepare("SELECT id, township, year, text_sha256 FROM reports")
        .expect("query reports");
    let rows: Vec<(i64, String, i32, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read rows");
    let store = nianbao::store::Store::open(&env.store()).expect("store opens");
    for (id, township, year, sha) in &rows {
        let report = store
            .report_by_id(*id)
            .expect("read report")
            .expect("report exists");
        let digest: String = Sha256::digest(report.text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(&digest, sha, "half-written text for {township} {year}");
        let original = store.original_bytes(&report).expect("original bytes");
        assert!(
            !original.is_empty(),
            "no original bytes for {township} {year}"
        );
    }
    rows.into_iter().map(|(_, t, y, _)| (t, y)).collect()
}
