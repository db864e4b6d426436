//! Building the index from nothing in one pass: every entry is staged first, then each
//! table is written in key order.

use rusqlite::{Connection, params};

use super::BAND_ROWS;
use super::incremental::{load_report, township_id};
use crate::reuse::fingerprint::fingerprints;
use crate::reuse::{MatchText, POSTINGS_CAP, sketch};

/// Indexes `ids` into an empty index in bulk: fingerprints and bands go to unindexed
/// staging tables first, then counts, capped postings and capped bands are each written
/// in one sorted pass. Much faster than report-by-report upserts once the index
/// outgrows the page cache, and the result is the same.
pub(super) fn bulk_index(
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
