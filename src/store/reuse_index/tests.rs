//! The index against a rebuild of itself, and bringing an older store up to date.

use super::*;
use crate::reuse::BAND_ROWS;
use crate::store::{ImportStatus, NewReport};

/// Pseudo-random filler: different seeds share no k-gram.
pub(super) fn filler(seed: u64, len: u64) -> String {
    (0..len)
        .map(|i| {
            let code = crate::reuse::fingerprint::mix(seed << 32 | i) % 20_000;
            char::from_u32(0x4E00 + code as u32).unwrap_or('字')
        })
        .collect()
}

pub(super) const FORMULA: &str = "坚持以人民为中心的发展思想，全面推进依法行政。";

pub(super) fn report<'a>(
    township: &'a str,
    county: &'a str,
    year: i32,
    text: &'a str,
) -> NewReport<'a> {
    NewReport::plain(township, county, year, text)
}

pub(super) fn import(store: &mut Store, township: &str, year: i32, text: &str, replace: bool) {
    if let Err(e) = store.import(&report(township, "某县", year, text), replace) {
        panic!("import {township} {year}: {e}");
    }
}

/// Rows of one query as text, for comparing two states of the index.
pub(super) fn rows(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.conn.prepare(sql).unwrap_or_else(|e| panic!("{e}"));
    let columns = stmt.column_count();
    let mut found = stmt.query([]).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    while let Ok(Some(row)) = found.next() {
        let values: Vec<String> = (0..columns)
            .map(|i| match row.get_ref(i) {
                Ok(value) => format!("{value:?}"),
                Err(e) => panic!("{e}"),
            })
            .collect();
        out.push(values.join("|"));
    }
    out
}

/// Blobs of one query, keyed by its first column.
pub(super) fn blobs(store: &Store, sql: &str) -> Vec<(i64, Vec<u8>)> {
    let mut stmt = store.conn.prepare(sql).unwrap_or_else(|e| panic!("{e}"));
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap_or_else(|e| panic!("{e}"))
        .collect::<rusqlite::Result<_>>()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The index, with townships by name so that ids do not matter. Postings of capped
/// hashes and rows of full bands are left out: which reports they keep depends on
/// the order reports arrived and left, by design.
fn dump(store: &Store) -> Vec<String> {
    let mut out = rows(
        store,
        "SELECT hash, reports, townships, complete FROM reuse_hashes ORDER BY hash",
    );
    let postings = blobs(
        store,
        "SELECT p.hash, p.postings FROM reuse_posting_lists p
         JOIN reuse_hashes h ON h.hash = p.hash AND h.complete ORDER BY p.hash",
    );
    for (hash, blob) in postings {
        let mut read = Vec::new();
        packed::read_postings(&blob, usize::MAX, &mut read);
        out.extend(
            read.iter()
                .map(|p| format!("posting {hash}|{}|{}|{}", p.doc, p.pos, p.context)),
        );
    }
    let bands = blobs(
        store,
        &format!(
            "SELECT band, sentences FROM reuse_band_lists WHERE rows < {BAND_ROWS} ORDER BY band"
        ),
    );
    for (band, blob) in bands {
        let mut read = Vec::new();
        packed::read_sentences(&blob, usize::MAX, &mut read);
        out.extend(
            read.iter()
                .map(|s| format!("band {band}|{}|{}|{}", s.doc, s.span.start, s.span.end)),
        );
    }
    out.extend(rows(
        store,
        "SELECT x.report, t.township, t.county, x.chars FROM reuse_reports x
         JOIN reuse_townships t ON t.id = x.township ORDER BY x.report",
    ));
    out
}

/// Rows in one dump and not the other, for a readable failure.
fn difference(a: &[String], b: &[String]) -> Vec<String> {
    let only_a = a
        .iter()
        .filter(|r| !b.contains(r))
        .map(|r| format!("- {r}"));
    let only_b = b
        .iter()
        .filter(|r| !a.contains(r))
        .map(|r| format!("+ {r}"));
    only_a.chain(only_b).take(12).collect()
}

fn assert_same_as_rebuilt(store: &Store) {
    let incremental = dump(store);
    rebuild(store, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    let rebuilt = dump(store);
    assert!(
        rebuilt == incremental,
        "{:#?}",
        difference(&incremental, &rebuilt)
    );
}

/// 70 reports (35 townships, two years each) sharing the formula: past the posting cap
/// and the band rows, as (township, year, text).
pub(super) fn sharing_the_formula() -> Vec<(String, i32, String)> {
    let mut reports = Vec::new();
    for t in 0..35u64 {
        let own = filler(t, 60);
        for year in 0..2u64 {
            let text = format!("{own}。{FORMULA}\n{}。", filler(1000 + t * 2 + year, 80));
            reports.push((format!("乡{t}"), 2020 + year as i32, text));
        }
    }
    reports
}

/// Every row of the index, capped postings and full bands included.
fn every_row(store: &Store) -> Vec<String> {
    [
        "SELECT * FROM reuse_hashes ORDER BY hash",
        "SELECT * FROM reuse_posting_lists ORDER BY hash",
        "SELECT * FROM reuse_band_lists ORDER BY band",
        "SELECT report, township, chars FROM reuse_reports ORDER BY report",
    ]
    .iter()
    .flat_map(|sql| rows(store, sql))
    .collect()
}

#[test]
fn one_batch_indexes_as_one_report_at_a_time_caps_included() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let open = |name: &str| Store::open(&dir.path().join(name)).unwrap_or_else(|e| panic!("{e}"));
    let (mut apart, mut together) = (open("apart.db"), open("together.db"));
    let reports = sharing_the_formula();
    for (township, year, text) in &reports {
        import(&mut apart, township, *year, text, false);
    }
    let mut batch = together.begin_import().unwrap_or_else(|e| panic!("{e}"));
    for (township, year, text) in &reports {
        let status = batch.import(&report(township, "某县", *year, text), false);
        assert!(matches!(status, Ok(ImportStatus::Imported)), "{status:?}");
    }
    batch.commit().unwrap_or_else(|e| panic!("{e}"));
    let full = format!("SELECT count(*) FROM reuse_band_lists WHERE rows = {BAND_ROWS}");
    assert_ne!(rows(&together, &full), ["Integer(0)"], "a band is full");
    let (apart, together) = (every_row(&apart), every_row(&together));
    assert!(apart == together, "{:#?}", difference(&apart, &together));
}

#[test]
fn incremental_index_equals_a_rebuild_including_caps_and_replacements() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    for (township, year, text) in sharing_the_formula() {
        import(&mut store, &township, year, &text, false);
    }
    let capped = rows(
        &store,
        "SELECT count(*) FROM reuse_hashes WHERE reports = 70 AND NOT complete",
    );
    assert_ne!(
        capped,
        vec!["Integer(0)".to_string()],
        "the formula is past the cap"
    );
    assert_same_as_rebuilt(&store);
    // Replacing a report takes its old entries out, counts included.
    import(
        &mut store,
        "乡3",
        2021,
        &format!("{}。全新的文字", filler(77, 90)),
        true,
    );
    assert_same_as_rebuilt(&store);
}

#[test]
fn an_import_writes_its_index_entries_with_the_report_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    let text = format!("{}。{FORMULA}", filler(5, 60));
    {
        let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
        let status = batch.import(&report("乡5", "某县", 2021, &text), false);
        assert!(matches!(status, Ok(ImportStatus::Imported)), "{status:?}");
        // Dropped without a commit: the report and its entries go together.
    }
    assert_eq!(rows(&store, "SELECT count(*) FROM reports"), ["Integer(0)"]);
    assert!(dump(&store).is_empty(), "{:?}", dump(&store));
    import(&mut store, "乡5", 2021, &text, false);
    assert_eq!(indexed_reports(&store).ok(), Some(1));
    assert!(!dump(&store).is_empty());
    assert_same_as_rebuilt(&store);
}

#[test]
fn sync_indexes_what_is_missing_and_drops_what_is_stale() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    for t in 0..3u64 {
        let text = format!("{}。{FORMULA}", filler(t, 50));
        if let Err(e) = store.import(&report(&format!("乡{t}"), "", 2021, &text), false) {
            panic!("{e}");
        }
    }
    // As an older nianbao left it: the reports, and no index.
    clear(&store.conn).unwrap_or_else(|e| panic!("{e}"));
    store
        .conn
        .execute("DELETE FROM reuse_meta", [])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(indexed_reports(&store).ok(), Some(0));
    let summary = sync(&store, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (summary.added, summary.removed, summary.rebuilt),
        (3, 0, false)
    );
    assert_eq!(
        sync(&store, &mut |_, _| {}).ok(),
        Some(SyncSummary::default())
    );
    let key = ReportKey {
        township: "乡1".to_string(),
        county: String::new(),
        year: 2021,
    };
    let report = report_reuse(&store, &key, &Params::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("stored"));
    assert_eq!(report.passages.len(), 1);
    assert_eq!(report.passages[0].kind, Kind::Template);
    assert_eq!(report.passages[0].report_count, 2);
}

#[test]
fn a_report_replaced_twice_in_one_batch_is_indexed_in_its_last_version_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    for (township, year, text) in sharing_the_formula() {
        import(&mut store, &township, year, &text, false);
    }
    let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
    let replacements = [
        ("乡3", 2021, format!("{}。{FORMULA}", filler(301, 70))),
        ("乡4", 2020, format!("{}。全新的文字", filler(401, 90))),
        // The first replacement of 乡3 is still waiting in the batch when it is replaced.
        ("乡3", 2021, format!("{FORMULA}{}。", filler(302, 80))),
    ];
    for (township, year, text) in &replacements {
        let status = batch.import(&report(township, "某县", *year, text), true);
        assert!(matches!(status, Ok(ImportStatus::Replaced)), "{status:?}");
    }
    batch.commit().unwrap_or_else(|e| panic!("{e}"));
    let superseded_indexed = rows(
        &store,
        "SELECT count(*) FROM reuse_reports x JOIN reports r ON r.id = x.report
         WHERE r.superseded_by IS NOT NULL",
    );
    assert_eq!(superseded_indexed, ["Integer(0)"]);
    assert_eq!(indexed_reports(&store).ok(), Some(70));
    assert_same_as_rebuilt(&store);
}

#[test]
fn a_batch_is_full_once_its_entries_reach_its_limit_and_empty_once_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    let reports = sharing_the_formula();
    let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
    batch.largest = usize::MAX;
    assert_eq!(batch.index.held_bytes(), 0);
    let mut held = Vec::new();
    for (township, year, text) in reports.iter().take(3) {
        let status = batch.import(&report(township, "某县", *year, text), false);
        assert!(matches!(status, Ok(ImportStatus::Imported)), "{status:?}");
        held.push(batch.index.held_bytes());
    }
    assert!(held.windows(2).all(|w| w[0] < w[1]), "{held:?}");
    assert!(!batch.is_full());
    batch.largest = held[2];
    assert!(batch.is_full(), "at its limit");
    batch.largest = held[2] + 1;
    assert!(!batch.is_full(), "under its limit");
    batch.commit().unwrap_or_else(|e| panic!("{e}"));

    // A report replaced from an earlier batch is held until taken out: it counts too.
    let (township, year, _) = &reports[0];
    let changed = format!("{}。新的一段", filler(91, 80));
    let held_by = |store: &mut Store, township: &str, replace: bool| {
        let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
        let status = batch.import(&report(township, "某县", *year, &changed), replace);
        assert!(status.is_ok(), "{status:?}");
        let held = batch.index.held_bytes();
        batch
            .index
            .flush(&batch.tx)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(batch.index.held_bytes(), 0, "written");
        held
    };
    let alone = held_by(&mut store, "乡新", false);
    let replacing = held_by(&mut store, township, true);
    assert!(replacing > alone, "{replacing} <= {alone}");
}
