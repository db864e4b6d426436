//! What the index keeps for its readers as it changes: the count of townships it holds
//! reports of, and statements SQLite need not prepare again as their parameters change.

use std::ffi::CStr;

use super::tests::{filler, import, rows};
use super::*;
use crate::store::reuse_index::state::indexed_townships;

fn store(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"))
}

/// The kept count beside a count of the index's rows, which it must equal.
fn townships(store: &Store) -> (usize, usize) {
    let kept = indexed_townships(&store.conn).unwrap_or_else(|e| panic!("{e}"));
    let counted = rows(store, "SELECT count(DISTINCT township) FROM reuse_reports");
    let counted = counted[0]
        .trim_start_matches("Integer(")
        .trim_end_matches(')')
        .parse()
        .unwrap_or_else(|e| panic!("{counted:?}: {e}"));
    (kept, counted)
}

#[test]
fn the_township_count_follows_townships_into_and_out_of_the_index() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = store(&dir);
    assert_eq!(townships(&store), (0, 0));
    import(&mut store, "甲乡", 2020, &filler(1, 80), false);
    import(&mut store, "甲乡", 2021, &filler(2, 80), false);
    import(&mut store, "乙乡", 2021, &filler(3, 80), false);
    assert_eq!(townships(&store), (2, 2));
    // A replacement leaves the index and enters it again.
    import(&mut store, "乙乡", 2021, &filler(4, 80), true);
    assert_eq!(townships(&store), (2, 2));
    let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
    for (township, seed) in [("丙乡", 5), ("丙乡", 6), ("丁乡", 7)] {
        let text = filler(seed, 80);
        let year = 2015 + seed as i32;
        let report = crate::store::NewReport::plain(township, "某县", year, &text);
        batch
            .import(&report, false)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    batch.commit().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(townships(&store), (4, 4));
    // A township's last current report leaves the index at the next sync; one of two
    // leaves the township in it.
    store
        .conn
        .execute_batch(
            "UPDATE reports SET superseded_by = id WHERE township = '丁乡';
             UPDATE reports SET superseded_by = id WHERE township = '甲乡' AND year = 2020;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let summary = sync(&store, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.removed, 2);
    assert_eq!(townships(&store), (3, 3));
    rebuild(&store, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(townships(&store), (3, 3));
    let look_up = StoreCorpus::new(&store.conn).township_count();
    assert_eq!(look_up.ok(), Some(3));
}

#[test]
fn a_store_from_before_the_count_is_counted_once_when_opened() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = store(&dir);
    for (township, seed) in [("甲乡", 1), ("乙乡", 2), ("丙乡", 3), ("丙乡", 4)] {
        import(
            &mut store,
            township,
            2010 + seed as i32,
            &filler(seed, 80),
            false,
        );
    }
    // As the schema before the count left it.
    store
        .conn
        .execute_batch(
            "DROP TRIGGER reuse_township_entered; DROP TRIGGER reuse_township_left;
             DROP TRIGGER reuse_township_moved; DROP TABLE reuse_totals;
             PRAGMA user_version = 10;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    let mut store = self::store(&dir);
    assert_eq!(townships(&store), (3, 3));
    import(&mut store, "丁乡", 2021, &filler(9, 80), false);
    assert_eq!(townships(&store), (4, 4));
}

/// Every statement the connection keeps prepared that SQLite prepared again, with how
/// many times.
fn prepared_again(store: &Store) -> Vec<(String, i32)> {
    let mut found = Vec::new();
    // SAFETY: the connection outlives these calls, made on its own thread; SQLite
    // returns the statements it holds and their text, which lives as long as each.
    unsafe {
        let db = store.conn.handle();
        let mut stmt = rusqlite::ffi::sqlite3_next_stmt(db, std::ptr::null_mut());
        while !stmt.is_null() {
            let again = rusqlite::ffi::sqlite3_stmt_status(
                stmt,
                rusqlite::ffi::SQLITE_STMTSTATUS_REPREPARE,
                0,
            );
            if again > 0 {
                let sql = CStr::from_ptr(rusqlite::ffi::sqlite3_sql(stmt));
                found.push((sql.to_string_lossy().into_owned(), again));
            }
            stmt = rusqlite::ffi::sqlite3_next_stmt(db, stmt);
        }
    }
    found
}

#[test]
fn the_index_reads_and_writes_without_preparing_statements_again() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = store(&dir);
    let townships = ["甲乡", "乙乡", "丙乡"];
    let shared = filler(99, 60);
    for year in [2020, 2021, 2022] {
        // A batch per year: each township's earlier years are read back from the store.
        let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
        for (t, township) in townships.iter().enumerate() {
            let text = format!("{shared}。{}", filler(t as u64 * 100 + year as u64, 80));
            let report = crate::store::NewReport::plain(township, "某县", year, &text);
            batch
                .import(&report, false)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        batch.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    import(&mut store, "乙乡", 2021, &filler(7, 90), true);
    import(&mut store, "丙乡", 2020, &filler(8, 90), true);
    for township in townships {
        for below in [3, 9, 20] {
            let read = store.township_hashes(township, "某县", below);
            assert!(read.is_ok(), "{read:?}");
        }
        for year in [2020, 2021, 2022] {
            let key = ReportKey {
                township: township.to_string(),
                county: "某县".to_string(),
                year,
            };
            let found = report_reuse(&store, &key, &Params::default());
            assert!(matches!(found, Ok(Some(_))), "{found:?}");
        }
    }
    assert_eq!(prepared_again(&store), Vec::<(String, i32)>::new());
}
