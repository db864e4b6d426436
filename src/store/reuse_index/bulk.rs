//! Building the index from nothing in one pass: every entry is staged first, then each
//! table is written in key order. The entries and the counting rules come from
//! [`crate::reuse::entries`].

use rusqlite::{Connection, params};

use super::incremental::{load_report, township_id};
use super::packed;
use crate::report::Span;
use crate::reuse::entries::{HashTally, keeps_band_row};
use crate::reuse::{MatchText, Posting, ReportEntries, SentencePosting};

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

/// Reads the staged bands in key order once, keeping the first [`crate::reuse::BAND_ROWS`] rows of
/// each band in its list.
fn write_sorted_bands(conn: &Connection) -> rusqlite::Result<()> {
    let mut sorted = conn.prepare(
        "SELECT band, report, start, end FROM temp.reuse_stage_bands ORDER BY band, report, start",
    )?;
    let mut insert =
        conn.prepare("INSERT INTO reuse_band_lists (band, rows, sentences) VALUES (?1, ?2, ?3)")?;
    let mut rows = sorted.query([])?;
    let mut current: Option<(i64, usize, Vec<u8>)> = None;
    while let Some(row) = rows.next()? {
        let band: i64 = row.get(0)?;
        if let Some((done, held, blob)) = current.take_if(|c| c.0 != band) {
            insert.execute(params![done, held as i64, blob])?;
        }
        let (_, held, blob) = current.get_or_insert_with(|| (band, 0, Vec::new()));
        if keeps_band_row(*held) {
            *held += 1;
            let start = usize::try_from(row.get::<_, i64>(2)?).unwrap_or(0);
            let end = usize::try_from(row.get::<_, i64>(3)?).unwrap_or(start);
            let sentence = SentencePosting {
                doc: row.get(1)?,
                span: Span::new(start, end),
            };
            packed::put_sentence(blob, &sentence);
        }
    }
    if let Some((done, held, blob)) = current {
        insert.execute(params![done, held as i64, blob])?;
    }
    Ok(())
}

/// Reads the staged fingerprints in key order once, writing each hash's counts and the
/// postings list of its first [`crate::reuse::POSTINGS_CAP`] reports as it goes: appends, not scattered
/// inserts.
fn write_sorted_fingerprints(conn: &Connection) -> rusqlite::Result<()> {
    let mut sorted = conn.prepare(
        "SELECT hash, report, township, pos, context FROM temp.reuse_stage_fingerprints
         ORDER BY hash, report, pos",
    )?;
    let mut counts = conn.prepare(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut list =
        conn.prepare("INSERT INTO reuse_posting_lists (hash, postings) VALUES (?1, ?2)")?;
    let mut rows = sorted.query([])?;
    let mut tally: Option<HashTally> = None;
    let mut blob = Vec::new();
    while let Some(row) = rows.next()? {
        let hash = row.get::<_, i64>(0)? as u64;
        let report: i64 = row.get(1)?;
        let township: i64 = row.get(2)?;
        if let Some(done) = tally.take_if(|t| t.hash != hash) {
            write_counts(&mut counts, &done)?;
            write_list(&mut list, done.hash, &mut blob)?;
        }
        let current = tally.get_or_insert_with(|| HashTally::new(hash));
        if current.add(report, township) {
            let posting = Posting {
                doc: report,
                pos: row.get(3)?,
                context: row.get::<_, i64>(4)? as u64,
            };
            packed::put_posting(&mut blob, &posting);
        }
    }
    if let Some(done) = tally {
        write_counts(&mut counts, &done)?;
        write_list(&mut list, done.hash, &mut blob)?;
    }
    Ok(())
}

/// Writes a hash's postings list when it has one, leaving `blob` empty for the next.
fn write_list(
    list: &mut rusqlite::Statement<'_>,
    hash: u64,
    blob: &mut Vec<u8>,
) -> rusqlite::Result<()> {
    if !blob.is_empty() {
        list.execute(params![hash as i64, &blob[..]])?;
        blob.clear();
    }
    Ok(())
}

fn write_counts(counts: &mut rusqlite::Statement<'_>, tally: &HashTally) -> rusqlite::Result<()> {
    let stats = tally.stats();
    counts.execute(params![
        tally.hash as i64,
        stats.reports,
        stats.townships,
        stats.complete
    ])?;
    Ok(())
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
        let entries = ReportEntries::new(&MatchText::new(&loaded.text));
        for fp in entries.fingerprints() {
            fingerprint_row.execute(params![
                fp.hash as i64,
                id,
                township,
                fp.pos,
                fp.context as i64
            ])?;
        }
        for entry in &entries.bands {
            band_row.execute(params![
                entry.band as i64,
                id,
                entry.span.start as i64,
                entry.span.end as i64
            ])?;
        }
        report_row.execute(params![id, township, entries.chars as i64])?;
    }
    progress(ids.len(), ids.len());
    Ok(())
}
