//! The reuse index in SQLite: fingerprint counts and postings, sentence bands, and which
//! reports and townships are indexed. `import` updates it inside its own transaction
//! (the new report only; a replaced report's entries go), `nianbao reuse --rebuild`
//! rebuilds it, and look-ups read it through [`crate::reuse::Corpus`].
//! [`report_reuse`] is the look-up behind `nianbao reuse TOWNSHIP YEAR` and the review
//! interface's reuse view (called from a worker thread with that thread's own store);
//! it answers in tens of milliseconds on a store of 10,000 reports.
//!
//! Scale: every fingerprint keeps exact report and township counts, but postings stop
//! at [`POSTINGS_CAP`] reports (common text is template by definition), and a band
//! stops taking postings once it has more than the cap. Hashes are stored as integers,
//! writes go through cached prepared statements, and a rebuild stages everything first
//! and writes each table in key order.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{ReportKey, Store, StoreError, sqlite};
use crate::reuse::fingerprint::{Fingerprint, FingerprintMap, FingerprintSet, fingerprints};
use crate::reuse::{
    Corpus, CorpusDoc, DocId, DocInfo, HashStats, Kind, MatchText, POSTINGS_CAP, Params, Posting,
    ReuseReport, SentencePosting, Top, TopBuilder, analyze, sketch,
};

/// The fingerprint scheme the index was built with. Stored in `reuse_meta`; an index
/// built otherwise is rebuilt rather than mixed.
pub const SCHEME: &str = "winnow-k10-w11;minhash-3gram-8x2;cap64;v1";

/// Rows kept per band: one more than the posting cap, so a look-up reading
/// `POSTINGS_CAP + 1` rows can tell a common band (a sentence in very many reports,
/// template text) from a rare one.
const BAND_ROWS: usize = POSTINGS_CAP + 1;

/// Missing reports above which bringing the index up to date rebuilds it in bulk (when
/// they also outnumber the reports already indexed).
const BULK_THRESHOLD: usize = 200;

/// Reports kept in memory while ranking the whole corpus.
const DOC_CACHE: usize = 2048;

type Result<T> = std::result::Result<T, StoreError>;

/// What bringing the index up to date did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Reports newly indexed.
    pub added: usize,
    /// Replaced or vanished reports taken out.
    pub removed: usize,
    /// True when the whole index was rebuilt.
    pub rebuilt: bool,
}

/// Keeps the index in step with one import: called by `import` inside the import
/// transaction with the new report's id. Takes out the report it replaced, then indexes
/// the new one. An index built with another scheme is left for `sync` to rebuild.
pub fn index_imported(conn: &Connection, report: i64) -> rusqlite::Result<()> {
    use_large_cache(conn)?;
    match stored_scheme(conn)? {
        Some(scheme) if scheme == SCHEME => {}
        Some(_) => return Ok(()),
        None if indexed_count(conn)? == 0 => set_scheme(conn)?,
        None => return Ok(()),
    }
    let replaced: Vec<i64> = conn
        .prepare_cached("SELECT id FROM reports WHERE superseded_by = ?1")?
        .query_map([report], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for old in replaced {
        remove(conn, old)?;
    }
    if let Some(loaded) = load_report(conn, report)? {
        let township = township_id(conn, &loaded.township, &loaded.county)?;
        let known = township_hashes(conn, township, report)?;
        add(conn, &loaded, township, &known)?;
    }
    Ok(())
}

/// Brings the index up to date: indexes current reports it lacks, removes reports no
/// longer current, and rebuilds it when it was built with another scheme. Writes
/// nothing when it is already up to date. `progress` gets (done, total).
pub fn sync(store: &Store, progress: &mut dyn FnMut(usize, usize)) -> Result<SyncSummary> {
    let conn = &store.conn;
    let fail = |e| sqlite(&store.path, e);
    use_large_cache(conn).map_err(fail)?;
    match stored_scheme(conn).map_err(fail)? {
        Some(scheme) if scheme != SCHEME => return rebuild(store, progress),
        _ => {}
    }
    let missing = missing_reports(conn).map_err(fail)?;
    let stale = stale_reports(conn).map_err(fail)?;
    if missing.is_empty() && stale.is_empty() && stored_scheme(conn).map_err(fail)?.is_some() {
        return Ok(SyncSummary::default());
    }
    if missing.len() > BULK_THRESHOLD.max(indexed_count(conn).map_err(fail)?) {
        return rebuild(store, progress);
    }
    let tx = write_transaction(conn).map_err(fail)?;
    set_scheme(&tx).map_err(fail)?;
    for &report in &stale {
        remove(&tx, report).map_err(fail)?;
    }
    add_all(&tx, &missing, progress).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(SyncSummary {
        added: missing.len(),
        removed: stale.len(),
        rebuilt: false,
    })
}

/// Throws the index away and indexes every current report again, in one transaction.
pub fn rebuild(store: &Store, progress: &mut dyn FnMut(usize, usize)) -> Result<SyncSummary> {
    let conn = &store.conn;
    let fail = |e| sqlite(&store.path, e);
    use_large_cache(conn).map_err(fail)?;
    let tx = write_transaction(conn).map_err(fail)?;
    let removed = indexed_count(&tx).map_err(fail)?;
    tx.execute_batch(
        "DELETE FROM reuse_postings; DELETE FROM reuse_hashes; DELETE FROM reuse_bands;
         DELETE FROM reuse_reports; DELETE FROM reuse_townships;",
    )
    .map_err(fail)?;
    set_scheme(&tx).map_err(fail)?;
    let missing = missing_reports(&tx).map_err(fail)?;
    bulk_index(&tx, &missing, progress).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(SyncSummary {
        added: missing.len(),
        removed,
        rebuilt: true,
    })
}

/// Indexes `ids` into an empty index in bulk: fingerprints and bands go to unindexed
/// staging tables first, then counts, capped postings and capped bands are each written
/// in one sorted pass. Much faster than report-by-report upserts once the index
/// outgrows the page cache, and the result is the same.
fn bulk_index(
    conn: &Connection,
    ids: &[i64],
    progress: &mut dyn FnMut(usize, usize),
) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE reuse_stage_fingerprints
             (hash INTEGER, report INTEGER, township INTEGER, pos INTEGER, context INTEGER);
         CREATE TEMP TABLE reuse_stage_bands (band INTEGER, report INTEGER, start INTEGER, end INTEGER);",
    )?;
    stage(conn, ids, progress)?;
    write_sorted_fingerprints(conn)?;
    write_sorted_bands(conn)?;
    conn.execute_batch(
        "DROP TABLE temp.reuse_stage_fingerprints;
         DROP TABLE temp.reuse_stage_bands;",
    )
}

/// Reads the staged bands in key order once, keeping the first [`BAND_ROWS`] rows of
/// each band.
fn write_sorted_bands(conn: &Connection) -> rusqlite::Result<()> {
    let mut sorted = conn.prepare(
        "SELECT band, report, start, end FROM temp.reuse_stage_bands ORDER BY band, report, start",
    )?;
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO reuse_bands (band, report, start, end) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut rows = sorted.query([])?;
    let mut current: Option<(i64, usize)> = None;
    while let Some(row) = rows.next()? {
        let band: i64 = row.get(0)?;
        let kept = match &mut current {
            Some((b, n)) if *b == band => n,
            _ => &mut current.insert((band, 0)).1,
        };
        if *kept < BAND_ROWS {
            *kept += 1;
            insert.execute(params![
                band,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, i64>(3)?
            ])?;
        }
    }
    Ok(())
}

/// Reads the staged fingerprints in key order once, writing each hash's counts and the
/// postings of its first [`POSTINGS_CAP`] reports as it goes: appends, not scattered
/// inserts.
fn write_sorted_fingerprints(conn: &Connection) -> rusqlite::Result<()> {
    let mut sorted = conn.prepare(
        "SELECT hash, report, township, pos, context FROM temp.reuse_stage_fingerprints
         ORDER BY hash, report, pos",
    )?;
    let mut counts = conn.prepare(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut posting = conn.prepare(
        "INSERT INTO reuse_postings (hash, report, pos, context) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut rows = sorted.query([])?;
    let mut group: Option<HashGroup> = None;
    while let Some(row) = rows.next()? {
        let hash: i64 = row.get(0)?;
        let report: i64 = row.get(1)?;
        let township: i64 = row.get(2)?;
        if let Some(done) = group.take_if(|g| g.hash != hash) {
            done.write(&mut counts)?;
        }
        let current = group.get_or_insert_with(|| HashGroup::new(hash));
        if current.add(report, township) {
            posting.execute(params![
                hash,
                report,
                row.get::<_, i64>(3)?,
                row.get::<_, i64>(4)?
            ])?;
        }
    }
    if let Some(done) = group {
        done.write(&mut counts)?;
    }
    Ok(())
}

/// The counts of one hash while its sorted rows stream past.
struct HashGroup {
    hash: i64,
    last_report: Option<i64>,
    reports: usize,
    townships: std::collections::HashSet<i64>,
}

impl HashGroup {
    fn new(hash: i64) -> HashGroup {
        HashGroup {
            hash,
            last_report: None,
            reports: 0,
            townships: std::collections::HashSet::new(),
        }
    }

    /// Counts a row; true when its posting is kept (one of the first reports).
    fn add(&mut self, report: i64, township: i64) -> bool {
        if self.last_report != Some(report) {
            self.last_report = Some(report);
            self.reports += 1;
        }
        self.townships.insert(township);
        self.reports <= POSTINGS_CAP
    }

    fn write(&self, counts: &mut rusqlite::Statement<'_>) -> rusqlite::Result<()> {
        counts.execute(params![
            self.hash,
            self.reports as i64,
            self.townships.len() as i64,
            self.reports <= POSTINGS_CAP
        ])?;
        Ok(())
    }
}

/// Writes every report's fingerprints and bands to the staging tables, and its row to
/// `reuse_reports`.
fn stage(
    conn: &Connection,
    ids: &[i64],
    progress: &mut dyn FnMut(usize, usize),
) -> rusqlite::Result<()> {
    let mut fingerprint_row =
        conn.prepare("INSERT INTO temp.reuse_stage_fingerprints VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut band_row =
        conn.prepare("INSERT INTO temp.reuse_stage_bands VALUES (?1, ?2, ?3, ?4)")?;
    let mut report_row =
        conn.prepare("INSERT INTO reuse_reports (report, township, chars) VALUES (?1, ?2, ?3)")?;
    for (done, &id) in ids.iter().enumerate() {
        progress(done, ids.len());
        let Some(loaded) = load_report(conn, id)? else {
            continue;
        };
        let township = township_id(conn, &loaded.township, &loaded.county)?;
        let text = MatchText::new(&loaded.text);
        for fp in fingerprints(text.chars()) {
            fingerprint_row.execute(params![
                fp.hash as i64,
                id,
                township,
                fp.pos,
                fp.context as i64
            ])?;
        }
        for sentence in text.sentences() {
            if let Some(bands) = sketch::bands(&text.chars()[sentence.norm.clone()]) {
                for band in bands {
                    band_row.execute(params![
                        band as i64,
                        id,
                        sentence.span.start as i64,
                        sentence.span.end as i64
                    ])?;
                }
            }
        }
        report_row.execute(params![id, township, text.len() as i64])?;
    }
    progress(ids.len(), ids.len());
    Ok(())
}

/// One stored report's reused passages, with kinds, the other reports holding each
/// and the shares: the data of `nianbao reuse TOWNSHIP YEAR`, for the CLI and the TUI.
/// Brings the index up to date first when the report is not in it. `None` when no
/// current report has this identity.
pub fn report_reuse(
    store: &Store,
    key: &ReportKey,
    params: &Params,
) -> Result<Option<ReuseReport>> {
    let fail = |e| sqlite(&store.path, e);
    use_large_cache(&store.conn).map_err(fail)?;
    let Some(id) = current_id(&store.conn, key).map_err(fail)? else {
        return Ok(None);
    };
    if !is_indexed(&store.conn, id).map_err(fail)? || !scheme_current(&store.conn).map_err(fail)? {
        sync(store, &mut |_, _| {})?;
    }
    // One read transaction for the thousands of look-ups: the file is locked once, and
    // every read sees the same state of the index.
    let tx = store.conn.unchecked_transaction().map_err(fail)?;
    let mut corpus = StoreCorpus::new(&tx);
    let Some(query) = corpus.document(id).map_err(fail)? else {
        return Ok(None);
    };
    let report = analyze(&mut corpus, &query, params).map_err(fail)?;
    drop(corpus);
    tx.commit().map_err(fail)?;
    Ok(Some(report))
}

/// Corpus-wide rankings over every indexed report (see [`TopBuilder`]). `progress` gets
/// (done, total).
pub fn top(
    store: &Store,
    kind: Option<Kind>,
    params: &Params,
    limit: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Top> {
    let fail = |e| sqlite(&store.path, e);
    use_large_cache(&store.conn).map_err(fail)?;
    let tx = store.conn.unchecked_transaction().map_err(fail)?;
    let ids: Vec<i64> = tx
        .prepare("SELECT report FROM reuse_reports ORDER BY township, report")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()
        })
        .map_err(fail)?;
    let mut corpus = StoreCorpus::new(&tx);
    let mut builder = TopBuilder::new(kind);
    for (done, &id) in ids.iter().enumerate() {
        progress(done, ids.len());
        let Some(query) = corpus.document(id).map_err(fail)? else {
            continue;
        };
        let report = analyze(&mut corpus, &query, params).map_err(fail)?;
        builder.add(&query, &report);
    }
    progress(ids.len(), ids.len());
    drop(corpus);
    tx.commit().map_err(fail)?;
    Ok(builder.finish(limit))
}

/// Number of reports in the index.
pub fn indexed_reports(store: &Store) -> Result<usize> {
    indexed_count(&store.conn).map_err(|e| sqlite(&store.path, e))
}

/// Page cache for index work, in KiB: look-ups read partner reports and postings
/// pages again and again, and SQLite's default of 2 MiB would send them to the disk.
const CACHE_KIB: i64 = 65_536;

/// Bytes of the store file read through memory mapping: postings and report pages are
/// read at random, and mapping them saves a system call and a copy for each. SQLite
/// clamps this to its build limit (2 GB on the usual builds).
const MMAP_BYTES: i64 = 1 << 40;

/// Sets the larger page cache and memory mapping once per connection. Only when they
/// change: setting them expires every prepared statement, and re-preparing on each
/// look-up would cost more than they save.
fn use_large_cache(conn: &Connection) -> rusqlite::Result<()> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
    if cache != -CACHE_KIB {
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    }
    let mapped: i64 = conn.pragma_query_value(None, "mmap_size", |row| row.get(0))?;
    if mapped == 0 {
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    }
    Ok(())
}

fn write_transaction(conn: &Connection) -> rusqlite::Result<Transaction<'_>> {
    Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
}

fn stored_scheme(conn: &Connection) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM reuse_meta WHERE key = 'scheme'")?
        .query_row([], |row| row.get(0))
        .optional()
}

fn scheme_current(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(stored_scheme(conn)?.is_some_and(|s| s == SCHEME))
}

fn set_scheme(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO reuse_meta (key, value) VALUES ('scheme', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([SCHEME])
    .map(|_| ())
}

fn indexed_count(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("SELECT count(*) FROM reuse_reports", [], |row| {
        Ok(usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0))
    })
}

fn is_indexed(conn: &Connection, report: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM reuse_reports WHERE report = ?1")?
        .exists([report])
}

fn current_id(conn: &Connection, key: &ReportKey) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT id FROM reports WHERE township = ?1 AND county = ?2 AND year = ?3 AND superseded_by IS NULL",
    )?
    .query_row(params![key.township, key.county, key.year], |row| row.get(0))
    .optional()
}

/// Current reports not yet indexed, grouped by township so their hash sets can be
/// carried from one year to the next.
fn missing_reports(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.prepare(
        "SELECT id FROM reports WHERE superseded_by IS NULL
           AND id NOT IN (SELECT report FROM reuse_reports)
         ORDER BY county, township, year, id",
    )?
    .query_map([], |row| row.get(0))?
    .collect()
}

/// Indexed reports that are no longer current.
fn stale_reports(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.prepare(
        "SELECT report FROM reuse_reports
         WHERE report NOT IN (SELECT id FROM reports WHERE superseded_by IS NULL)",
    )?
    .query_map([], |row| row.get(0))?
    .collect()
}

/// A report as the index needs it.
struct Loaded {
    id: i64,
    township: String,
    county: String,
    text: String,
}

fn load_report(conn: &Connection, id: i64) -> rusqlite::Result<Option<Loaded>> {
    conn.prepare_cached("SELECT township, county, text FROM reports WHERE id = ?1")?
        .query_row([id], |row| {
            Ok(Loaded {
                id,
                township: row.get(0)?,
                county: row.get(1)?,
                text: row.get(2)?,
            })
        })
        .optional()
}

fn township_id(conn: &Connection, township: &str, county: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO reuse_townships (township, county) VALUES (?1, ?2)
         ON CONFLICT (township, county) DO NOTHING",
    )?
    .execute(params![township, county])?;
    conn.prepare_cached("SELECT id FROM reuse_townships WHERE township = ?1 AND county = ?2")?
        .query_row(params![township, county], |row| row.get(0))
}

/// The fingerprint hashes of a township's indexed reports other than `except`: a hash
/// outside this set is new to the township.
fn township_hashes(
    conn: &Connection,
    township: i64,
    except: i64,
) -> rusqlite::Result<FingerprintSet> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.text FROM reuse_reports x JOIN reports r ON r.id = x.report
         WHERE x.township = ?1 AND x.report != ?2",
    )?;
    let mut rows = stmt.query(params![township, except])?;
    let mut hashes = FingerprintSet::default();
    while let Some(row) = rows.next()? {
        let text: String = row.get(0)?;
        hashes.extend(fingerprints_by_hash(&MatchText::new(&text)).into_keys());
    }
    Ok(hashes)
}

/// A report's fingerprints grouped by hash.
fn fingerprints_by_hash(text: &MatchText) -> FingerprintMap<Vec<Fingerprint>> {
    let mut out = FingerprintMap::<Vec<Fingerprint>>::default();
    for fp in fingerprints(text.chars()) {
        out.entry(fp.hash).or_default().push(fp);
    }
    out
}

/// Indexes every report in `ids` (grouped by township), carrying each township's hash
/// set from one report to the next instead of re-reading it.
fn add_all(
    conn: &Connection,
    ids: &[i64],
    progress: &mut dyn FnMut(usize, usize),
) -> rusqlite::Result<()> {
    let mut current: Option<(i64, FingerprintSet)> = None;
    for (done, &id) in ids.iter().enumerate() {
        progress(done, ids.len());
        let Some(loaded) = load_report(conn, id)? else {
            continue;
        };
        let township = township_id(conn, &loaded.township, &loaded.county)?;
        let known = match current.take() {
            Some((t, hashes)) if t == township => hashes,
            _ => township_hashes(conn, township, id)?,
        };
        let mut known = known;
        let added = add(conn, &loaded, township, &known)?;
        known.extend(added);
        current = Some((township, known));
    }
    progress(ids.len(), ids.len());
    Ok(())
}

/// Indexes one report; `known` holds the hashes its township already has. Returns the
/// report's hashes.
fn add(
    conn: &Connection,
    report: &Loaded,
    township: i64,
    known: &FingerprintSet,
) -> rusqlite::Result<Vec<u64>> {
    let text = MatchText::new(&report.text);
    let by_hash = fingerprints_by_hash(&text);
    let mut count = conn.prepare_cached(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, 1, ?2, 1)
         ON CONFLICT (hash) DO UPDATE SET reports = reports + 1,
             townships = townships + excluded.townships,
             complete = complete AND reports < ?3
         RETURNING reports",
    )?;
    let mut post = conn.prepare_cached(
        "INSERT OR IGNORE INTO reuse_postings (hash, report, pos, context) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let cap = POSTINGS_CAP as i64;
    for (&hash, found) in &by_hash {
        let new_township = i64::from(!known.contains(&hash));
        let reports: i64 =
            count.query_row(params![hash as i64, new_township, cap], |row| row.get(0))?;
        if reports <= cap {
            for fp in found {
                post.execute(params![hash as i64, report.id, fp.pos, fp.context as i64])?;
            }
        }
    }
    index_bands(conn, report.id, &text)?;
    conn.prepare_cached("INSERT INTO reuse_reports (report, township, chars) VALUES (?1, ?2, ?3)")?
        .execute(params![report.id, township, text.len() as i64])?;
    Ok(by_hash.into_keys().collect())
}

fn index_bands(conn: &Connection, report: i64, text: &MatchText) -> rusqlite::Result<()> {
    let mut held = conn.prepare_cached(&format!(
        "SELECT count(*) FROM (SELECT 1 FROM reuse_bands WHERE band = ?1 LIMIT {BAND_ROWS})"
    ))?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO reuse_bands (band, report, start, end) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for sentence in text.sentences() {
        let Some(bands) = sketch::bands(&text.chars()[sentence.norm.clone()]) else {
            continue;
        };
        for band in bands {
            let rows: i64 = held.query_row([band as i64], |row| row.get(0))?;
            if rows as usize >= BAND_ROWS {
                continue;
            }
            insert.execute(params![
                band as i64,
                report,
                sentence.span.start as i64,
                sentence.span.end as i64
            ])?;
        }
    }
    Ok(())
}

/// Takes a report out of the index: its counts, postings, bands and row. Returns false
/// when it was not indexed.
fn remove(conn: &Connection, report: i64) -> rusqlite::Result<bool> {
    let township: Option<i64> = conn
        .prepare_cached("SELECT township FROM reuse_reports WHERE report = ?1")?
        .query_row([report], |row| row.get(0))
        .optional()?;
    let Some(township) = township else {
        return Ok(false);
    };
    let text: String = conn
        .prepare_cached("SELECT text FROM reports WHERE id = ?1")?
        .query_row([report], |row| row.get(0))?;
    let text = MatchText::new(&text);
    let known = township_hashes(conn, township, report)?;
    let mut uncount = conn.prepare_cached(
        "UPDATE reuse_hashes SET reports = reports - 1, townships = townships - ?2 WHERE hash = ?1",
    )?;
    let mut drop_empty =
        conn.prepare_cached("DELETE FROM reuse_hashes WHERE hash = ?1 AND reports <= 0")?;
    let mut unpost =
        conn.prepare_cached("DELETE FROM reuse_postings WHERE hash = ?1 AND report = ?2")?;
    for hash in fingerprints_by_hash(&text).into_keys() {
        let last_in_township = i64::from(!known.contains(&hash));
        uncount.execute(params![hash as i64, last_in_township])?;
        drop_empty.execute([hash as i64])?;
        unpost.execute(params![hash as i64, report])?;
    }
    // A full band keeps its rows: they only mark it as common, which it stays, and a
    // look-up never reads the reports they name.
    let mut unband = conn.prepare_cached(&format!(
        "DELETE FROM reuse_bands WHERE band = ?1 AND report = ?2
           AND (SELECT count(*) FROM (SELECT 1 FROM reuse_bands WHERE band = ?1 LIMIT {BAND_ROWS}))
               < {BAND_ROWS}"
    ))?;
    for sentence in text.sentences() {
        if let Some(bands) = sketch::bands(&text.chars()[sentence.norm.clone()]) {
            for band in bands {
                unband.execute(params![band as i64, report])?;
            }
        }
    }
    conn.prepare_cached("DELETE FROM reuse_reports WHERE report = ?1")?
        .execute([report])?;
    Ok(true)
}

/// The index seen by matching.
struct StoreCorpus<'a> {
    conn: &'a Connection,
    docs: HashMap<DocId, Arc<CorpusDoc>>,
    townships: Option<usize>,
}

impl<'a> StoreCorpus<'a> {
    fn new(conn: &'a Connection) -> StoreCorpus<'a> {
        StoreCorpus {
            conn,
            docs: HashMap::new(),
            townships: None,
        }
    }
}

/// SQLite integers are signed; `usize::MAX` means "no limit".
fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

impl Corpus for StoreCorpus<'_> {
    type Error = rusqlite::Error;

    fn hash_stats(&mut self, hash: u64) -> rusqlite::Result<Option<HashStats>> {
        self.conn
            .prepare_cached(
                "SELECT reports, townships, complete FROM reuse_hashes WHERE hash = ?1",
            )?
            .query_row([hash as i64], |row| {
                Ok(HashStats {
                    reports: row.get(0)?,
                    townships: row.get(1)?,
                    complete: row.get(2)?,
                })
            })
            .optional()
    }

    fn hash_postings(
        &mut self,
        hash: u64,
        limit: usize,
        out: &mut Vec<Posting>,
    ) -> rusqlite::Result<()> {
        // The limit is written into the SQL, not bound: SQLite re-plans a statement
        // with a bound LIMIT on every run.
        let sql = format!(
            "SELECT report, pos, context FROM reuse_postings WHERE hash = ?1 LIMIT {}",
            sql_limit(limit)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([hash as i64], |row| {
            Ok(Posting {
                doc: row.get(0)?,
                pos: row.get(1)?,
                context: row.get::<_, i64>(2)? as u64,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
        Ok(())
    }

    fn band_postings(
        &mut self,
        band: u64,
        limit: usize,
        out: &mut Vec<SentencePosting>,
    ) -> rusqlite::Result<()> {
        let sql = format!(
            "SELECT report, start, end FROM reuse_bands WHERE band = ?1 LIMIT {}",
            sql_limit(limit)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([band as i64], |row| {
            Ok(SentencePosting {
                doc: row.get(0)?,
                span: crate::report::Span::new(
                    row.get::<_, u32>(1)? as usize,
                    row.get::<_, u32>(2)? as usize,
                ),
            })
        })?;
        for row in rows {
            out.push(row?);
        }
        Ok(())
    }

    fn document(&mut self, id: DocId) -> rusqlite::Result<Option<Arc<CorpusDoc>>> {
        if let Some(doc) = self.docs.get(&id) {
            return Ok(Some(Arc::clone(doc)));
        }
        let doc = self
            .conn
            .prepare_cached(
                "SELECT r.township, r.county, r.year, r.text, x.township
                 FROM reuse_reports x JOIN reports r ON r.id = x.report WHERE x.report = ?1",
            )?
            .query_row([id], |row| {
                let text: String = row.get(3)?;
                Ok(CorpusDoc {
                    id,
                    township: row.get(4)?,
                    info: DocInfo {
                        township: row.get(0)?,
                        county: row.get(1)?,
                        year: row.get(2)?,
                        file: None,
                    },
                    text: MatchText::new(&text),
                })
            })
            .optional()?
            .map(Arc::new);
        if let Some(doc) = &doc {
            if self.docs.len() >= DOC_CACHE {
                self.docs.clear();
            }
            self.docs.insert(id, Arc::clone(doc));
        }
        Ok(doc)
    }

    fn township_count(&mut self) -> rusqlite::Result<usize> {
        if let Some(count) = self.townships {
            return Ok(count);
        }
        let count = self
            .conn
            .prepare_cached("SELECT count(DISTINCT township) FROM reuse_reports")?
            .query_row([], |row| {
                Ok(usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0))
            })?;
        self.townships = Some(count);
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewReport;

    /// Pseudo-random filler: different seeds share no k-gram.
    fn filler(seed: u64, len: u64) -> String {
        (0..len)
            .map(|i| {
                let code = crate::reuse::fingerprint::mix(seed << 32 | i) % 20_000;
                char::from_u32(0x4E00 + code as u32).unwrap_or('字')
            })
            .collect()
    }

    const FORMULA: &str = "坚持以人民为中心的发展思想，全面推进依法行政。";

    fn import(store: &mut Store, township: &str, year: i32, text: &str, replace: bool) {
        let report = NewReport {
            township,
            county: "某县",
            province: None,
            year,
            title: None,
            signed_by: None,
            signed_on: None,
            text,
            source_path: "test",
            format: "txt",
            encoding: "UTF-8",
            original: text.as_bytes(),
            artifacts: &[],
        };
        if let Err(e) = store.import(&report, replace, &mut |tx, id| index_imported(tx, id)) {
            panic!("import {township} {year}: {e}");
        }
    }

    /// Rows of one query as text, for comparing two states of the index.
    fn rows(store: &Store, sql: &str) -> Vec<String> {
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

    /// The index, with townships by name so that ids do not matter. Postings of capped
    /// hashes and rows of full bands are left out: which reports they keep depends on
    /// the order reports arrived and left, by design.
    fn dump(store: &Store) -> Vec<String> {
        let full_bands =
            format!("SELECT band FROM reuse_bands GROUP BY band HAVING count(*) >= {BAND_ROWS}");
        [
            "SELECT hash, reports, townships, complete FROM reuse_hashes ORDER BY hash".to_string(),
            "SELECT p.hash, p.report, p.pos, p.context FROM reuse_postings p
             JOIN reuse_hashes h ON h.hash = p.hash AND h.complete
             ORDER BY p.hash, p.report, p.pos"
                .to_string(),
            format!(
                "SELECT band, report, start, end FROM reuse_bands WHERE band NOT IN ({full_bands})
                 ORDER BY band, report, start"
            ),
            "SELECT x.report, t.township, t.county, x.chars FROM reuse_reports x
             JOIN reuse_townships t ON t.id = x.township ORDER BY x.report"
                .to_string(),
        ]
        .iter()
        .flat_map(|sql| rows(store, sql))
        .collect()
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

    #[test]
    fn incremental_index_equals_a_rebuild_including_caps_and_replacements() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
        // 70 reports (35 townships, two years) share the formula: past the posting cap.
        for t in 0..35u64 {
            let own = filler(t, 60);
            for year in 0..2u64 {
                let text = format!("{own}。{FORMULA}\n{}。", filler(1000 + t * 2 + year, 80));
                import(
                    &mut store,
                    &format!("乡{t}"),
                    2020 + year as i32,
                    &text,
                    false,
                );
            }
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
    fn sync_indexes_what_is_missing_and_drops_what_is_stale() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
        for t in 0..3u64 {
            let text = format!("{}。{FORMULA}", filler(t, 50));
            let report = NewReport {
                township: &format!("乡{t}"),
                county: "",
                province: None,
                year: 2021,
                title: None,
                signed_by: None,
                signed_on: None,
                text: &text,
                source_path: "test",
                format: "txt",
                encoding: "UTF-8",
                original: text.as_bytes(),
                artifacts: &[],
            };
            // Imported without the index hook, as by an older nianbao.
            if let Err(e) = store.import(&report, false, &mut |_, _| Ok(())) {
                panic!("{e}");
            }
        }
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
}
