//! Capped lists after replacements: the index, and every answer read from it, equal
//! those of a store that imported the same current reports afresh, in the order they
//! arrived in (a capped list keeps the first reports to arrive), capped postings and
//! full bands included.

use std::collections::HashMap;

use super::tests::{FORMULA, blobs, filler, report, rows, sharing_the_formula};
use super::*;
use crate::reuse::BAND_ROWS;
use crate::store::{ImportStatus, clean_text};

fn open(dir: &tempfile::TempDir, name: &str) -> Store {
    Store::open(&dir.path().join(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// A store of the reports of [`sharing_the_formula`], imported one by one.
fn store_sharing_the_formula(dir: &tempfile::TempDir) -> Store {
    let mut store = open(dir, "replaced.db");
    for (township, year, text) in sharing_the_formula() {
        super::tests::import(&mut store, &township, year, &text, false);
    }
    store
}

/// The current reports as (township, year, text), in the order they arrived.
fn current(store: &Store) -> Vec<(String, i32, String)> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT township, year, text, text_zstd FROM reports
             WHERE superseded_by IS NULL ORDER BY id",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    stmt.query_map([], |row| {
        Ok((row.get(0)?, row.get(1)?, clean_text::read(row, 2)?))
    })
    .unwrap_or_else(|e| panic!("{e}"))
    .collect::<rusqlite::Result<_>>()
    .unwrap_or_else(|e| panic!("{e}"))
}

/// A new store holding `store`'s current reports, imported in the order they arrived.
fn fresh_copy(store: &Store, dir: &tempfile::TempDir, name: &str) -> Store {
    let mut fresh = open(dir, name);
    let mut batch = fresh.begin_import().unwrap_or_else(|e| panic!("{e}"));
    for (township, year, text) in current(store) {
        let status = batch.import(&report(&township, "某县", year, &text), false);
        assert!(matches!(status, Ok(ImportStatus::Imported)), "{status:?}");
    }
    batch.commit().unwrap_or_else(|e| panic!("{e}"));
    fresh
}

/// Every row of the index, each report named by its township and year so that stores
/// numbering their reports differently compare.
fn named_index(store: &Store) -> Vec<String> {
    let names: HashMap<i64, String> = rows(store, "SELECT id, township || year FROM reports")
        .into_iter()
        .filter_map(|row| {
            let (id, name) = row.split_once('|')?;
            let id = id.trim_start_matches("Integer(").trim_end_matches(')');
            Some((id.parse().ok()?, name.to_string()))
        })
        .collect();
    let name = |doc: i64| {
        names
            .get(&doc)
            .cloned()
            .unwrap_or_else(|| format!("#{doc}"))
    };
    let mut out = rows(store, "SELECT * FROM reuse_hashes ORDER BY hash");
    for (hash, blob) in blobs(store, "SELECT * FROM reuse_posting_lists ORDER BY hash") {
        let mut read = Vec::new();
        packed::read_postings(&blob, usize::MAX, &mut read);
        out.extend(
            read.iter()
                .map(|p| format!("posting {hash}|{}|{}|{}", name(p.doc), p.pos, p.context)),
        );
    }
    for (band, blob) in blobs(
        store,
        "SELECT band, sentences FROM reuse_band_lists ORDER BY band",
    ) {
        let mut read = Vec::new();
        packed::read_sentences(&blob, usize::MAX, &mut read);
        out.push(format!("band {band} holds {}", read.len()));
        out.extend(read.iter().map(|s| {
            format!(
                "band {band}|{}|{}|{}",
                name(s.doc),
                s.span.start,
                s.span.end
            )
        }));
    }
    out
}

/// What `reuse` answers for every current report, and `reuse --top`, as JSON (which
/// names reports by township and year, never by id).
fn answers(store: &Store) -> Vec<String> {
    let params = Params::default();
    let mut out: Vec<String> = current(store)
        .into_iter()
        .map(|(township, year, _)| {
            let key = ReportKey {
                township: township.clone(),
                county: "某县".to_string(),
                year,
            };
            let found = report_reuse(store, &key, &params).unwrap_or_else(|e| panic!("{e}"));
            let json = serde_json::to_string(&found).unwrap_or_else(|e| panic!("{e}"));
            format!("{township}{year}: {json}")
        })
        .collect();
    let ranked = top(store, None, &params, 20, false, &mut |_, _| {});
    let ranked = ranked.unwrap_or_else(|e| panic!("{e}"));
    out.push(serde_json::to_string(&ranked.top).unwrap_or_else(|e| panic!("{e}")));
    out.sort();
    out
}

fn first_difference(a: &[String], b: &[String]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    format!(
        "{} rows against {}; first difference at {at}:\n{:?}\n{:?}",
        a.len(),
        b.len(),
        a.get(at),
        b.get(at)
    )
}

fn assert_same(replaced: &[String], fresh: &[String]) {
    assert!(replaced == fresh, "{}", first_difference(replaced, fresh));
}

/// Replaces each (township, year) with its own text, `holding` the formula or not, in
/// one batch that leaves the lists to be filled.
fn replace_in_one_batch(store: &mut Store, replaced: &[(&str, i32, bool)], seed: u64) {
    let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
    for (n, &(township, year, holding)) in replaced.iter().enumerate() {
        let own = filler(seed + n as u64, 90);
        let text = if holding {
            format!("{own}。{FORMULA}")
        } else {
            format!("{own}。")
        };
        let status = batch.import(&report(township, "某县", year, &text), true);
        assert!(matches!(status, Ok(ImportStatus::Replaced)), "{status:?}");
    }
    batch.commit().unwrap_or_else(|e| panic!("{e}"));
}

fn count(store: &Store, sql: &str) -> String {
    rows(store, sql).concat()
}

#[test]
fn replacing_reports_of_full_lists_answers_as_a_fresh_import_of_the_same_reports() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = store_sharing_the_formula(&dir);
    let full = format!("SELECT count(*) FROM reuse_band_lists WHERE rows = {BAND_ROWS}");
    let capped = "SELECT count(*) FROM reuse_hashes WHERE reports = 70 AND NOT complete";
    assert_ne!(count(&store, &full), "Integer(0)", "a band list is full");
    assert_ne!(
        count(&store, capped),
        "Integer(0)",
        "the formula is past the cap"
    );
    // Two batches: reports inside the capped lists leave them (one comes back with the
    // formula, arriving last), and one past the cap does; 66 reports still hold it.
    replace_in_one_batch(
        &mut store,
        &[
            ("乡0", 2020, false),
            ("乡0", 2021, false),
            ("乡1", 2020, true),
        ],
        500,
    );
    replace_in_one_batch(
        &mut store,
        &[("乡2", 2021, false), ("乡34", 2021, false)],
        600,
    );
    let fresh = fresh_copy(&store, &dir, "fresh1.db");
    assert!(refill::marked(&store.conn).unwrap_or_else(|e| panic!("{e}")));
    let short = named_index(&store);
    assert_ne!(short, named_index(&fresh), "the batches left lists short");
    store.refill_reuse_lists().unwrap_or_else(|e| panic!("{e}"));
    assert!(!refill::marked(&store.conn).unwrap_or_else(|e| panic!("{e}")));
    assert_same(&named_index(&store), &named_index(&fresh));
    assert_same(&answers(&store), &answers(&fresh));
    // Six more leave: 60 reports hold the formula, under the cap again, and its band
    // list is no longer full.
    let leaving: Vec<(String, i32)> = (3..6)
        .flat_map(|t| [(format!("乡{t}"), 2020), (format!("乡{t}"), 2021)])
        .collect();
    let leaving: Vec<(&str, i32, bool)> = leaving
        .iter()
        .map(|(t, y)| (t.as_str(), *y, false))
        .collect();
    replace_in_one_batch(&mut store, &leaving, 700);
    store.refill_reuse_lists().unwrap_or_else(|e| panic!("{e}"));
    let fresh = fresh_copy(&store, &dir, "fresh2.db");
    assert_eq!(count(&store, capped), "Integer(0)");
    assert_same(&named_index(&store), &named_index(&fresh));
    assert_same(&answers(&store), &answers(&fresh));
}

#[test]
fn lists_left_short_by_an_interrupted_import_are_filled_by_the_next_look_up() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = store_sharing_the_formula(&dir);
    // The batches committed; the import ended before it filled the lists.
    replace_in_one_batch(
        &mut store,
        &[("乡0", 2020, false), ("乡7", 2021, true)],
        800,
    );
    let fresh = fresh_copy(&store, &dir, "fresh.db");
    let key = ReportKey {
        township: "乡9".to_string(),
        county: "某县".to_string(),
        year: 2020,
    };
    let found = report_reuse(&store, &key, &Params::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(found.is_some());
    assert!(!refill::marked(&store.conn).unwrap_or_else(|e| panic!("{e}")));
    assert_same(&named_index(&store), &named_index(&fresh));
    // A report going stale outside an import is taken out by `sync`, which fills too.
    store
        .conn
        .execute(
            "UPDATE reports SET superseded_by = id WHERE township = '乡8' AND year = 2020",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let summary = sync(&store, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.removed, 1);
    let fresh = fresh_copy(&store, &dir, "fresh_after_sync.db");
    assert_same(&named_index(&store), &named_index(&fresh));
    assert_same(&answers(&store), &answers(&fresh));
}
