//! The rows of the packed lists (see [`super::packed`]): a fingerprint's postings in
//! `reuse_posting_lists`, a band key's sentences in `reuse_band_lists`. Adding to and
//! taking a report out of one list is one read and one write of its row.

use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use super::packed;
use crate::reuse::entries::keeps_band_row;
use crate::reuse::{BAND_ROWS, DocId, Posting, SentencePosting};

fn posting_list(conn: &Connection, hash: u64) -> rusqlite::Result<Vec<u8>> {
    Ok(conn
        .prepare_cached("SELECT postings FROM reuse_posting_lists WHERE hash = ?1")?
        .query_row([hash as i64], |row| row.get(0))
        .optional()?
        .unwrap_or_default())
}

/// Writes a fingerprint's packed list, or deletes its row when it is empty.
pub(super) fn write_posting_list(
    conn: &Connection,
    hash: u64,
    blob: &[u8],
) -> rusqlite::Result<()> {
    if blob.is_empty() {
        conn.prepare_cached("DELETE FROM reuse_posting_lists WHERE hash = ?1")?
            .execute([hash as i64])?;
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO reuse_posting_lists (hash, postings) VALUES (?1, ?2)",
    )?
    .execute(params![hash as i64, blob])
    .map(|_| ())
}

/// Merges postings of any reports into a fingerprint's list, in report order.
pub(super) fn merge_postings(
    conn: &Connection,
    hash: u64,
    extra: &[Posting],
) -> rusqlite::Result<()> {
    let merged = packed::merge_postings(&posting_list(conn, hash)?, extra);
    write_posting_list(conn, hash, &merged)
}

/// Takes reports' postings out of a fingerprint's list.
pub(super) fn remove_postings(
    conn: &Connection,
    hash: u64,
    reports: &[DocId],
) -> rusqlite::Result<()> {
    let blob = posting_list(conn, hash)?;
    if !blob.is_empty() {
        write_posting_list(conn, hash, &packed::without_postings(&blob, reports))?;
    }
    Ok(())
}

fn band_list(conn: &Connection, band: u64) -> rusqlite::Result<(usize, Vec<u8>)> {
    Ok(conn
        .prepare_cached("SELECT rows, sentences FROM reuse_band_lists WHERE band = ?1")?
        .query_row([band as i64], |row| {
            Ok((
                usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
                row.get(1)?,
            ))
        })
        .optional()?
        .unwrap_or_default())
}

/// Writes a band key's packed list of `rows` sentences, or deletes its row when empty.
pub(super) fn write_band_list(
    conn: &Connection,
    band: u64,
    rows: usize,
    blob: &[u8],
) -> rusqlite::Result<()> {
    if rows == 0 {
        conn.prepare_cached("DELETE FROM reuse_band_lists WHERE band = ?1")?
            .execute([band as i64])?;
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO reuse_band_lists (band, rows, sentences) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![band as i64, rows as i64, blob])
    .map(|_| ())
}

/// Adds sentences (in report then start order) to a band key's list while it holds
/// fewer than [`BAND_ROWS`]: the first ones to arrive are kept, as a capped index does.
pub(super) fn add_sentences(
    conn: &Connection,
    band: u64,
    extra: &[SentencePosting],
) -> rusqlite::Result<()> {
    let (held, blob) = band_list(conn, band)?;
    if !keeps_band_row(held) {
        return Ok(());
    }
    let room = BAND_ROWS - held;
    let (merged, rows) = packed::merge_sentences(&blob, &extra[..extra.len().min(room)]);
    write_band_list(conn, band, rows, &merged)
}

/// The statements appending an import batch's new rows to the lists, prepared once
/// for every key of the batch.
pub(super) struct Appends<'c> {
    postings: CachedStatement<'c>,
    sentences: CachedStatement<'c>,
}

impl<'c> Appends<'c> {
    pub(super) fn new(conn: &'c Connection) -> rusqlite::Result<Appends<'c>> {
        Ok(Appends {
            postings: conn.prepare_cached(
                "INSERT INTO reuse_posting_lists (hash, postings) VALUES (?1, ?2)
                 ON CONFLICT (hash) DO UPDATE SET postings = CAST(postings || excluded.postings AS BLOB)",
            )?,
            sentences: conn.prepare_cached(
                "INSERT INTO reuse_band_lists (band, rows, sentences) VALUES (?1, ?2, ?3)
                 ON CONFLICT (band) DO UPDATE SET rows = rows + excluded.rows,
                     sentences = CAST(sentences || excluded.sentences AS BLOB)
                 WHERE rows + excluded.rows <= ?4",
            )?,
        })
    }

    /// Appends packed postings of reports newer than every report the list holds (an
    /// import's new rows), in one statement whether or not the list exists yet.
    pub(super) fn postings(&mut self, hash: i64, blob: &[u8]) -> rusqlite::Result<()> {
        self.postings.execute(params![hash, blob]).map(|_| ())
    }

    /// Adds `rows` packed sentences of reports newer than every report the list holds
    /// (an import's new rows, in report then start order): one statement when they fit
    /// under [`BAND_ROWS`], otherwise as [`add_sentences`] does.
    pub(super) fn sentences(
        &mut self,
        conn: &Connection,
        band: i64,
        rows: usize,
        blob: &[u8],
    ) -> rusqlite::Result<()> {
        let appended =
            self.sentences
                .execute(params![band, rows as i64, blob, BAND_ROWS as i64])?;
        if appended > 0 {
            return Ok(());
        }
        let mut extra = Vec::with_capacity(rows);
        packed::read_sentences(blob, rows, &mut extra);
        add_sentences(conn, band as u64, &extra)
    }
}

/// Takes reports' sentences out of a band key's list, unless the list is full: a
/// full list only marks the band as common, which it stays, and a look-up never reads
/// the reports it names.
pub(super) fn remove_sentences(
    conn: &Connection,
    band: u64,
    reports: &[DocId],
) -> rusqlite::Result<()> {
    let (held, blob) = band_list(conn, band)?;
    if held == 0 || !keeps_band_row(held) {
        return Ok(());
    }
    let (left, rows) = packed::without_sentences(&blob, reports);
    write_band_list(conn, band, rows, &left)
}
