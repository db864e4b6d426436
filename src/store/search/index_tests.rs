//! The index file behind the store: replaced reports it still holds, reports it does
//! not hold yet, a file deleted, another store's file, and an older store whose index
//! was inside it.

use rusqlite::{Connection, OptionalExtension};

use super::tests::set_back;
use super::*;
use crate::store::NewReport;
use crate::store::schema::{APPLICATION_ID, MIGRATIONS};

fn import(store: &mut Store, township: &str, text: &str, replace: bool) {
    let report = NewReport::plain(township, "东县", 2021, text);
    if let Err(e) = store.import(&report, replace) {
        panic!("{e}");
    }
}

/// Townships of the current reports matching `query`, sorted.
fn townships(store: &Store, query: &str) -> Vec<String> {
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    store
        .search(
            &query,
            &SearchFilter::default(),
            usize::MAX,
            &mut |row, _| out.push(row.township),
            &mut |_| false,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    out.sort();
    out
}

/// What the index file itself says of `query`: ids up to its mark, and the mark.
fn index_says(store: &Store, query: &str) -> (Vec<i64>, i64) {
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{e}"));
    let index =
        index_file::open_for_reading(&store.path, false).unwrap_or_else(|| panic!("no index file"));
    let mut never = |_: &SearchProgress| false;
    let (set, through) = candidates::indexed(
        &index,
        &store.conn,
        &query,
        &mut StopCheck::new(&mut never, SearchPlan::Index),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (set.ids().collect(), through)
}

fn open(path: &std::path::Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn replaced_reports_left_in_the_index_and_reports_not_yet_in_it_are_answered_right() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    import(&mut store, "甲乡", "培训法律明白人。", false);
    import(&mut store, "乙乡", "法律明白人作用发挥不够。", false);
    import(&mut store, "乙乡", "全部改写，不再提及。", true);
    assert_eq!(index_says(&store, "法律明白人"), (vec![1], 3));
    // As if the replacement's batch had been killed before its texts were indexed: the
    // replaced report still in the index, its replacement not yet.
    let index = index_file::open_for_writing(&store.path).unwrap_or_else(|e| panic!("{e}"));
    index
        .execute(
            "INSERT INTO report_text (rowid, text) VALUES (2, '法律明白人作用发挥不够。')",
            [],
        )
        .and_then(|_| index.execute("DELETE FROM report_text WHERE rowid = 3", []))
        .and_then(|_| index_file::set_mark(&index, &store.conn, 2))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(index_says(&store, "法律明白人"), (vec![1, 2], 2));
    assert_eq!(townships(&store, "法律明白人"), ["甲乡"]);
    assert_eq!(townships(&store, "全部改写"), ["乙乡"]);
    assert_eq!(townships(&store, "改写 OR 明白人"), ["乙乡", "甲乡"]);
    // The next import catches the index up.
    import(&mut store, "丙乡", "法律明白人队伍壮大。", false);
    assert_eq!(index_says(&store, "全部改写"), (vec![3], 4));
    assert_eq!(townships(&store, "法律明白人"), ["丙乡", "甲乡"]);
}

#[test]
fn a_deleted_index_file_is_built_again_and_another_stores_is_not_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    import(&mut store, "甲乡", "培训法律明白人。", false);
    import(&mut store, "乙乡", "开展法律明白人培训。", false);
    set_back(&store, None);
    assert_eq!(townships(&store, "法律明白人"), ["乙乡", "甲乡"]);
    import(&mut store, "丙乡", "信访工作有序。", false);
    assert_eq!(index_says(&store, "法律明白人"), (vec![1, 2], 3));

    // Another store's index file, copied beside this one, is not taken for its own.
    let mut other = open(&dir.path().join("other.db"));
    import(&mut other, "丁乡", "信访工作有序。", false);
    import(&mut other, "戊乡", "信访工作有序。", false);
    import(&mut other, "己乡", "法律明白人。", false);
    drop(other);
    drop(store);
    let [from, to] = ["other.db", "s.db"].map(|name| index_file::path_of(&dir.path().join(name)));
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    assert_eq!(index_says(&store, "法律明白人").1, 0);
    assert_eq!(townships(&store, "法律明白人"), ["乙乡", "甲乡"]);
    // ...and the next import builds it again for this store.
    import(&mut store, "庚乡", "法律明白人。", false);
    assert_eq!(index_says(&store, "法律明白人"), (vec![1, 2, 4], 4));
}

#[test]
fn an_older_stores_index_is_dropped_and_the_next_import_builds_the_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("old.db");
    let old = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    for sql in &MIGRATIONS[..9] {
        old.execute_batch(sql).unwrap_or_else(|e| panic!("{e}"));
    }
    old.execute_batch(&format!(
        "PRAGMA user_version = 9; PRAGMA application_id = {APPLICATION_ID};"
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    // As that version imported: the text in `text`, indexed in the same transaction;
    // a replaced report taken out of the index.
    let reports = [
        ("甲乡", "培训法律明白人。", None),
        ("乙乡", "法律明白人作用发挥不够。", Some(4)),
        ("丙乡", "信访工作有序。", None),
        ("乙乡", "全部改写，不再提及。", None),
    ];
    for (township, text, superseded_by) in reports {
        old.execute(
            "INSERT INTO reports (township, county, year, text, text_sha256, source_path,
                source_sha256, format, encoding, original, imported_at, superseded_by)
             VALUES (?1, '东县', 2021, ?2, ?3, 'x', '', 'txt', 'UTF-8', x'', '', ?4)",
            rusqlite::params![
                township,
                text,
                crate::store::sha256_hex(text.as_bytes()),
                superseded_by
            ],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        if superseded_by.is_none() {
            old.execute(
                "INSERT INTO report_text (rowid, text) VALUES (last_insert_rowid(), ?1)",
                [text],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    drop(old);

    let store = open(&path);
    let inside: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE 'report_text%'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(inside, 0, "the index left the store");
    // Its trigrams are not this layout's: not moved, so searches read the texts...
    assert!(index_file::open_for_reading(&store.path, false).is_none());
    assert_eq!(townships(&store, "法律明白人"), ["甲乡"]);
    assert_eq!(townships(&store, "信访 OR 改写"), ["丙乡", "乙乡"]);
    // ...until the next import builds the file, every current report in it.
    let mut store = store;
    import(&mut store, "丁乡", "法律明白人队伍壮大。", false);
    assert_eq!(index_says(&store, "法律明白人"), (vec![1, 5], 5));
    assert_eq!(index_says(&store, "不再提及"), (vec![4], 5));
    assert_eq!(index_says(&store, "信访工作"), (vec![3], 5));
    assert_eq!(townships(&store, "信访 OR 改写"), ["丙乡", "乙乡"]);
}

#[test]
fn replaced_reports_leave_the_index_when_their_batch_commits() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    import(&mut store, "甲乡", "培训法律明白人十名。", false);
    import(&mut store, "乙乡", "培训法律明白人二十名。", false);
    assert_eq!(index_says(&store, "法律明白人"), (vec![1, 2], 2));
    import(&mut store, "甲乡", "全部改写，不再提及。", true);
    import(&mut store, "乙乡", "法律明白人队伍扩大。", true);
    assert_eq!(index_says(&store, "法律明白人"), (vec![4], 4));
    assert_eq!(index_says(&store, "不再提及"), (vec![3], 4));
    assert_eq!(townships(&store, "法律明白人"), ["乙乡"]);
}

#[test]
fn an_index_file_with_fts5_defaults_takes_the_chosen_settings_when_next_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    import(&mut store, "甲乡", "培训法律明白人。", false);
    let path = index_file::path_of(&store.path);
    let settings = || {
        let file = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        index_file::SETTINGS.map(|(setting, _)| {
            file.query_row(
                "SELECT v FROM report_text_config WHERE k = ?1",
                [setting],
                |row| row.get::<_, i64>(0),
            )
            .optional()
            .unwrap_or_else(|e| panic!("{e}"))
        })
    };
    let chosen = index_file::SETTINGS.map(|(_, value)| Some(value));
    assert_eq!(settings(), chosen);

    // As a file made before the settings were chosen holds them: FTS5's defaults,
    // found by the next process that writes the index.
    drop(store);
    let file = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    file.execute_batch("DELETE FROM report_text_config WHERE k IN ('hashsize', 'automerge')")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    assert_eq!(settings(), [None, None]);
    let mut store = open(&dir.path().join("s.db"));
    import(&mut store, "乙乡", "开展法律明白人培训。", false);
    assert_eq!(settings(), chosen);
    assert_eq!(townships(&store, "法律明白人"), ["乙乡", "甲乡"]);
}

/// Makes the index file as the earlier layout wrote it: FTS5's trigram tokenizer over
/// the whole text, `user_version` 0, holding every current report.
fn write_earlier_layout(store: &Store) {
    let file = Connection::open(index_file::path_of(&store.path)).unwrap_or_else(|e| panic!("{e}"));
    file.execute_batch(
        "DROP TABLE report_text;
         CREATE VIRTUAL TABLE report_text USING fts5(
             text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1'
         );
         PRAGMA user_version = 0;",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let texts: Vec<(i64, String)> = store
        .conn
        .prepare("SELECT id, text, text_zstd FROM reports WHERE superseded_by IS NULL")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| {
                Ok((row.get(0)?, crate::store::clean_text::read(row, 1)?))
            })?
            .collect::<rusqlite::Result<_>>()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    for (id, text) in texts {
        file.execute(
            "INSERT INTO report_text (rowid, text) VALUES (?1, ?2)",
            rusqlite::params![id, text],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The index file's layout and its text table's definition.
fn layout_of(store: &Store) -> (i64, String) {
    let file = Connection::open(index_file::path_of(&store.path)).unwrap_or_else(|e| panic!("{e}"));
    file.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version()), sql
         FROM sqlite_master WHERE name = 'report_text'",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_earlier_layouts_index_file_is_never_read_and_is_rebuilt_when_next_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    import(&mut store, "甲乡", "培训法律明白人。", false);
    import(&mut store, "乙乡", "调解，化解纠纷。", false);
    let (layout, sql) = layout_of(&store);
    assert!(layout > 0 && sql.contains("trigram_runs"), "{layout} {sql}");
    drop(store);
    let mut store = open(&dir.path().join("s.db"));
    write_earlier_layout(&store);
    // Its terms hold punctuation this layout's queries never ask for: not read.
    assert!(index_file::open_for_reading(&store.path, false).is_none());
    assert!(index_file::open_for_reading(&store.path, true).is_none());
    assert_eq!(townships(&store, "法律明白人"), ["甲乡"]);
    assert_eq!(townships(&store, "调解，化解"), ["乙乡"]);
    // Opened to be written: emptied into this layout in one step, the mark at 0...
    drop(index_file::open_for_writing(&store.path).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(layout_of(&store), (layout, sql));
    assert_eq!(index_says(&store, "法律明白人"), (vec![], 0));
    // ...and the next import indexes every current report.
    import(&mut store, "丙乡", "法律明白人队伍扩大。", false);
    assert_eq!(index_says(&store, "法律明白人"), (vec![1, 3], 3));
    assert_eq!(index_says(&store, "化解纠纷"), (vec![2], 3));
    assert_eq!(townships(&store, "调解，化解"), ["乙乡"]);
    let read_only = index_file::open_for_reading(&store.path, true)
        .unwrap_or_else(|| panic!("a read-only connection reads this layout"));
    let matched: i64 = read_only
        .query_row(
            "SELECT count(*) FROM report_text WHERE report_text MATCH '\"法律明白人\"'",
            [],
            |row| row.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(matched, 2);
    drop(read_only);

    // `search --reindex` rebuilds an earlier layout's file too.
    write_earlier_layout(&store);
    let mut progress = |_, _| {};
    let summary = store
        .reindex_texts(&mut progress)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((summary.indexed, summary.rebuilt), (3, true));
    assert_eq!(index_says(&store, "法律明白人"), (vec![1, 3], 3));
}

#[test]
fn a_later_layouts_index_file_is_neither_read_nor_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    import(&mut store, "甲乡", "培训法律明白人。", false);
    let path = index_file::path_of(&store.path);
    let file = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    file.execute_batch("PRAGMA user_version = 99;")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    assert!(index_file::open_for_reading(&store.path, false).is_none());
    assert!(index_file::open_for_writing(&store.path).is_err());
    import(&mut store, "乙乡", "法律明白人队伍扩大。", false);
    assert_eq!(townships(&store, "法律明白人"), ["乙乡", "甲乡"]);
    assert_eq!(layout_of(&store).0, 99);
}

#[test]
fn the_current_reports_an_index_lacks_are_counted_without_writing_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = open(&dir.path().join("s.db"));
    let lacking = |store: &Store| store.texts_not_indexed().unwrap_or_else(|e| panic!("{e}"));
    import(&mut store, "甲乡", "培训法律明白人。", false);
    import(&mut store, "乙乡", "调解，化解纠纷。", false);
    import(&mut store, "丙乡", "信访工作有序。", false);
    assert_eq!(lacking(&store), 0);
    set_back(&store, Some(2));
    assert_eq!(lacking(&store), 2);
    // A replaced report's earlier version is not current: only its new one counts.
    import(&mut store, "乙乡", "调解，化解矛盾。", true);
    assert_eq!(lacking(&store), 0);
    write_earlier_layout(&store);
    assert_eq!(lacking(&store), 3, "an earlier layout's file holds none");
    set_back(&store, None);
    assert_eq!(lacking(&store), 3);
    assert!(
        !index_file::path_of(&store.path).exists(),
        "nothing written"
    );
}
