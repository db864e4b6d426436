//! The reuse index in SQLite: fingerprint counts and postings, sentence bands, and which
//! reports and townships are indexed. `import` updates it inside its own transaction
//! (the new report only; a replaced report's entries go), `nianbao reuse --rebuild`
//! rebuilds it, and look-ups read it through [`crate::reuse::Corpus`].
//!
//! Scale: every fingerprint keeps exact report and township counts, but postings stop
//! at [`POSTINGS_CAP`] reports (common text is template by definition), and a band
//! stops taking postings once it has more than the cap. Hashes are stored as integers
//! and all writes go through cached prepared statements.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{ReportKey, Store, StoreError, sqlite};
use crate::reuse::fingerprint::fingerprints;
use crate::reuse::{
    Corpus, CorpusDoc, DocId, DocInfo, HashStats, Kind, MatchText, POSTINGS_CAP, Params, Posting,
    ReuseReport, SentencePosting, Top, TopBuilder, analyze, sketch,
};

/// The fingerprint scheme the index was built with. Stored in `reuse_meta`; an index
/// built otherwise is rebuilt rather than mixed.
pub const SCHEME: &str = "winnow-k10-w11;minhash-3gram-8x2;cap64;v1";

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
    match stored_scheme(conn).map_err(fail)? {
        Some(scheme) if scheme != SCHEME => return rebuild(store, progress),
        _ => {}
    }
    let missing = missing_reports(conn).map_err(fail)?;
    let stale = stale_reports(conn).map_err(fail)?;
    if missing.is_empty() && stale.is_empty() && stored_scheme(conn).map_err(fail)?.is_some() {
        return Ok(SyncSummary::default());
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
    let tx = write_transaction(conn).map_err(fail)?;
    let removed = indexed_count(&tx).map_err(fail)?;
    tx.execute_batch(
        "DELETE FROM reuse_postings; DELETE FROM reuse_hashes; DELETE FROM reuse_bands;
         DELETE FROM reuse_reports; DELETE FROM reuse_townships;",
    )
    .map_err(fail)?;
    set_scheme(&tx).map_err(fail)?;
    let missing = missing_reports(&tx).map_err(fail)?;
    add_all(&tx, &missing, progress).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(SyncSummary {
        added: missing.len(),
        removed,
        rebuilt: true,
    })
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
    let Some(id) = current_id(&store.conn, key).map_err(fail)? else {
        return Ok(None);
    };
    if !is_indexed(&store.conn, id).map_err(fail)? || !scheme_current(&store.conn).map_err(fail)? {
        sync(store, &mut |_, _| {})?;
    }
    let mut corpus = StoreCorpus::new(&store.conn);
    let Some(query) = corpus.document(id).map_err(fail)? else {
        return Ok(None);
    };
    analyze(&mut corpus, &query, params).map(Some).map_err(fail)
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
    let ids: Vec<i64> = store
        .conn
        .prepare("SELECT report FROM reuse_reports ORDER BY township, report")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()
        })
        .map_err(fail)?;
    let mut corpus = StoreCorpus::new(&store.conn);
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
    Ok(builder.finish(limit))
}

/// Number of reports in the index.
pub fn indexed_reports(store: &Store) -> Result<usize> {
    indexed_count(&store.conn).map_err(|e| sqlite(&store.path, e))
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
) -> rusqlite::Result<HashSet<u64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.text FROM reuse_reports x JOIN reports r ON r.id = x.report
         WHERE x.township = ?1 AND x.report != ?2",
    )?;
    let mut rows = stmt.query(params![township, except])?;
    let mut hashes = HashSet::new();
    while let Some(row) = rows.next()? {
        let text: String = row.get(0)?;
        hashes.extend(distinct_hashes(&MatchText::new(&text)).into_keys());
    }
    Ok(hashes)
}

/// A report's fingerprint hashes with their positions.
fn distinct_hashes(text: &MatchText) -> HashMap<u64, Vec<u32>> {
    let mut out: HashMap<u64, Vec<u32>> = HashMap::new();
    for fp in fingerprints(text.chars()) {
        out.entry(fp.hash).or_default().push(fp.pos);
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
    let mut current: Option<(i64, HashSet<u64>)> = None;
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
    known: &HashSet<u64>,
) -> rusqlite::Result<Vec<u64>> {
    let text = MatchText::new(&report.text);
    let by_hash = distinct_hashes(&text);
    let mut count = conn.prepare_cached(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, 1, ?2, 1)
         ON CONFLICT (hash) DO UPDATE SET reports = reports + 1,
             townships = townships + excluded.townships,
             complete = complete AND reports < ?3
         RETURNING reports",
    )?;
    let mut post = conn.prepare_cached(
        "INSERT OR IGNORE INTO reuse_postings (hash, report, pos) VALUES (?1, ?2, ?3)",
    )?;
    let cap = POSTINGS_CAP as i64;
    for (&hash, positions) in &by_hash {
        let new_township = i64::from(!known.contains(&hash));
        let reports: i64 =
            count.query_row(params![hash as i64, new_township, cap], |row| row.get(0))?;
        if reports <= cap {
            for &pos in positions {
                post.execute(params![hash as i64, report.id, pos])?;
            }
        }
    }
    index_bands(conn, report.id, &text)?;
    conn.prepare_cached("INSERT INTO reuse_reports (report, township, chars) VALUES (?1, ?2, ?3)")?
        .execute(params![report.id, township, text.len() as i64])?;
    Ok(by_hash.into_keys().collect())
}

fn index_bands(conn: &Connection, report: i64, text: &MatchText) -> rusqlite::Result<()> {
    let mut full = conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM reuse_bands WHERE band = ?1 LIMIT ?2)",
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO reuse_bands (band, report, start, end) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let over_cap = POSTINGS_CAP as i64 + 1;
    for sentence in text.sentences() {
        let Some(bands) = sketch::bands(&text.chars()[sentence.norm.clone()]) else {
            continue;
        };
        for band in bands {
            let held: i64 = full.query_row(params![band as i64, over_cap], |row| row.get(0))?;
            if held < over_cap {
                insert.execute(params![
                    band as i64,
                    report,
                    sentence.span.start as i64,
                    sentence.span.end as i64
                ])?;
            }
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
    for hash in distinct_hashes(&text).into_keys() {
        let last_in_township = i64::from(!known.contains(&hash));
        uncount.execute(params![hash as i64, last_in_township])?;
        drop_empty.execute([hash as i64])?;
        unpost.execute(params![hash as i64, report])?;
    }
    let mut unband =
        conn.prepare_cached("DELETE FROM reuse_bands WHERE band = ?1 AND report = ?2")?;
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
        let mut stmt = self
            .conn
            .prepare_cached("SELECT report, pos FROM reuse_postings WHERE hash = ?1 LIMIT ?2")?;
        let rows = stmt.query_map(params![hash as i64, sql_limit(limit)], |row| {
            Ok(Posting {
                doc: row.get(0)?,
                pos: row.get(1)?,
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT report, start, end FROM reuse_bands WHERE band = ?1 LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![band as i64, sql_limit(limit)], |row| {
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
        let count = self.conn.query_row(
            "SELECT count(DISTINCT township) FROM reuse_reports",
            [],
            |row| Ok(usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0)),
        )?;
        self.townships = Some(count);
        Ok(count)
    }
}
