//! An import batch commits once the index entries it holds in memory reach their limit,
//! however long its window: a faster machine, whose windows gather more reports, needs
//! no more memory for them.

use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::common::TestEnv;

const REPORTS: usize = 300;

/// An hour: without the limit, the import below is one batch, committed at its end.
const WINDOW_MS: &str = "3600000";

#[test]
fn a_full_batch_commits_before_its_window_ends() {
    let env = TestEnv::new();
    let corpus = env.bench_corpus("corpus", &["--reports", &REPORTS.to_string()]);
    let envs = [
        ("NIANBAO_IMPORT_WINDOW_MS", WINDOW_MS),
        // One byte: each report fills its batch.
        ("NIANBAO_IMPORT_BATCH_BYTES", "1"),
    ];
    let mut import = env.start_import(&corpus, &[], &envs);
    let mut seen = Vec::new();
    while import.try_wait().expect("importer").is_none() {
        seen.push(stored_reports(&env));
        std::thread::sleep(Duration::from_millis(5));
    }
    let done = import.wait_with_output().expect("wait for the import");
    let err = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(0), "{err}");
    assert_eq!(stored_reports(&env), REPORTS, "every report imported");
    assert!(
        seen.iter().any(|&n| n > 0 && n < REPORTS),
        "reports stored while the import ran: {seen:?}"
    );
}

/// Reports committed to the store so far: none while it does not exist yet.
fn stored_reports(env: &TestEnv) -> usize {
    let Ok(store) = Connection::open_with_flags(env.store(), OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    store
        .query_row("SELECT count(*) FROM reports", [], |row| {
            row.get::<_, i64>(0)
        })
        .map_or(0, |n| usize::try_from(n).unwrap_or(0))
}
