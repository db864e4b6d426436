//! An import gives way to a writer that waits: a note saved while an import's batch
//! holds the store lands at the next report, not when the batch's window ends.

use std::process::Child;
use std::time::Duration;

use crate::common::{TestEnv, code, stderr};

const REPORTS: usize = 400;

/// An hour: without giving way, the import below is one batch, committed at its end.
const WINDOW_MS: &str = "3600000";

#[test]
fn a_note_lands_inside_a_long_import_batch_which_then_goes_on() {
    let env = TestEnv::new();
    env.import_note_target();
    let corpus = env.bench_corpus("corpus", &["--reports", &REPORTS.to_string()]);

    let mut import = env.start_import(&corpus, &[], &[("NIANBAO_IMPORT_WINDOW_MS", WINDOW_MS)]);
    wait_until_it_holds_the_store(&env, &mut import);
    let note = env.run([
        "notes",
        "add",
        "甲山镇",
        "2021",
        "--author",
        "审阅人",
        "--text",
        "导入时写下",
    ]);
    assert_eq!(code(&note), 0, "{}", stderr(&note));
    let when_the_note_landed = reports(&env);
    let imported = import.wait_with_output().expect("wait for the import");
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );

    assert_eq!(reports(&env), 1 + REPORTS, "every report imported");
    assert_eq!(notes(&env), 1, "the note is stored");
    // The import committed part of its corpus for the note and wrote the rest after it.
    assert!(
        when_the_note_landed > 1 && when_the_note_landed < 1 + REPORTS,
        "{when_the_note_landed} reports stored when the note landed"
    );
}

#[test]
fn two_imports_at_once_take_turns_instead_of_one_waiting_for_the_other() {
    let env = TestEnv::new();
    let corpora: Vec<_> = (0..2)
        .map(|i| {
            let (reports, seed) = ((REPORTS / 2).to_string(), (i + 3).to_string());
            env.bench_corpus(
                &format!("corpus{i}"),
                &["--reports", &reports, "--seed", &seed],
            )
        })
        .collect();
    env.import_note_target();
    let importers: Vec<Child> = ["甲县", "乙县"]
        .iter()
        .zip(&corpora)
        .map(|(county, corpus)| {
            // Each asks the other at once: whichever runs first, they take turns.
            let envs = [
                ("NIANBAO_IMPORT_WINDOW_MS", WINDOW_MS),
                ("NIANBAO_IMPORT_PATIENCE_MS", "0"),
            ];
            env.start_import(corpus, &["--county", county], &envs)
        })
        .collect();
    for importer in importers {
        let done = importer.wait_with_output().expect("wait for an import");
        let err = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(0), "{err}");
    }
    let ids = |county: &str| {
        let sql =
            format!("SELECT min(id), max(id), count(*) FROM reports WHERE county = '{county}'");
        let store = rusqlite::Connection::open(env.store()).expect("store");
        store
            .query_row(&sql, [], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })
            .expect("ids")
    };
    let (first, second) = (ids("甲县"), ids("乙县"));
    assert_eq!(
        (first.2, second.2),
        (REPORTS as i64 / 2, REPORTS as i64 / 2)
    );
    // Each import's one long batch was cut for the other: their reports interleave.
    assert!(
        first.0 < second.1 && second.0 < first.1,
        "甲县 ids {first:?}, 乙县 ids {second:?}"
    );
}

/// Returns once the import holds the store's write lock (a write begun here is refused).
fn wait_until_it_holds_the_store(env: &TestEnv, import: &mut Child) {
    let store = rusqlite::Connection::open(env.store()).expect("store");
    store.busy_timeout(Duration::ZERO).expect("no waiting");
    loop {
        match store.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => return,
            other => other.expect("probe the store"),
        }
        assert!(
            import.try_wait().expect("importer").is_none(),
            "the import ended before it held the store"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn reports(env: &TestEnv) -> usize {
    count(env, "SELECT count(*) FROM reports")
}

fn notes(env: &TestEnv) -> usize {
    count(env, "SELECT count(*) FROM notes")
}

fn count(env: &TestEnv, sql: &str) -> usize {
    let store = rusqlite::Connection::open(env.store()).expect("store");
    store
        .query_row(sql, [], |row| row.get::<_, i64>(0))
        .map(|n| usize::try_from(n).unwrap_or(0))
        .expect("count")
}
