//! The index entries of an import batch, gathered as its reports are stored and written
//! together just before it commits: each hash's count is bumped once per batch however
//! many of its reports hold it, and counts, postings and bands go in key order, so the
//! pages of the index are visited once per batch instead of once per report. The
//! counting rules are those of [`crate::reuse::entries`]; the result equals importing
//! the reports one at a time.

use rusqlite::{Connection, OptionalExtension, params};

use super::SCHEME;
use super::incremental::{ReportHashes, remove, township_hashes, township_id};
use super::state::{indexed_count, set_scheme, stored_scheme, use_large_cache};
use super::{lists, packed};
use crate::reuse::entries::keeps_postings;
use crate::reuse::fingerprint::{Fingerprint, FingerprintSet};
use crate::reuse::{POSTINGS_CAP, Posting, ReportEntries, SentencePosting};
use crate::store::NewReport;

/// A report's index entries in the order the batch writes them: computed on an
/// importing thread, so the one writer only merges and writes.
pub struct IndexEntries {
    entries: ReportEntries,
    /// Its fingerprints ordered by hash, then position.
    by_hash: Vec<Fingerprint>,
}

impl IndexEntries {
    /// Sorts a report's entries for [`crate::store::ImportBatch::import_with`].
    pub fn new(entries: ReportEntries) -> IndexEntries {
        let mut by_hash = entries.fingerprints().to_vec();
        by_hash.sort_unstable_by_key(|fp| (fp.hash, fp.pos));
        IndexEntries { entries, by_hash }
    }

    /// Its distinct hashes, ascending.
    fn hashes(&self) -> impl Iterator<Item = u64> + '_ {
        self.by_hash
            .chunk_by(|a, b| a.hash == b.hash)
            .map(|group| group[0].hash)
    }
}

/// A stored report whose index entries wait for the batch to commit.
pub(in crate::store) struct PendingReport {
    report: i64,
    township: i64,
    entries: IndexEntries,
    /// Its distinct hashes, ascending, each with whether its township had it before.
    hashes: Vec<(u64, bool)>,
}

/// The index work of one import batch.
#[derive(Default)]
pub(in crate::store) struct PendingIndex {
    reports: Vec<PendingReport>,
    /// Texts for the full-text index, added at the flush too: inserted inside each
    /// report's savepoint, they would make the index write a segment per report.
    texts: Vec<(i64, String)>,
    /// The last township's hashes, stored and pending: the next year of the same
    /// township needs no look-up.
    township: Option<(i64, FingerprintSet)>,
    /// Whether imports index at all (an index of another scheme waits for `sync`).
    enabled: Option<bool>,
}

impl PendingIndex {
    /// True when entries wait to be written.
    pub(in crate::store) fn is_empty(&self) -> bool {
        self.reports.is_empty() && self.texts.is_empty()
    }

    /// Queues a stored report's clean text for the full-text index.
    pub(in crate::store) fn accept_text(&mut self, report: i64, text: &str) {
        self.texts.push((report, text.to_string()));
    }

    /// Called inside the report's savepoint once it is stored as `report`: takes out the
    /// report it replaced (the batch must have been flushed before), records the new
    /// one in `reuse_reports` (its township's other reports' hashes taken from `known`
    /// where it has them), and returns its entries for [`PendingIndex::accept`]
    /// once the savepoint holds. `None` when the index is not kept by imports.
    pub(in crate::store) fn prepare(
        &mut self,
        conn: &Connection,
        report: i64,
        new: &NewReport<'_>,
        entries: IndexEntries,
        replaced: Option<i64>,
        known: &ReportHashes,
    ) -> rusqlite::Result<Option<PendingReport>> {
        if !self.enabled(conn)? {
            return Ok(None);
        }
        if let Some(old) = replaced {
            remove(conn, old)?;
            self.township = None;
        }
        let township = township_id(conn, new.township, new.county)?;
        let fresh = match self.township.take() {
            Some((t, known)) if t == township => known,
            _ => township_hashes(conn, township, report, known)?,
        };
        conn.prepare_cached(
            "INSERT INTO reuse_reports (report, township, chars) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![report, township, entries.entries.chars as i64])?;
        let hashes = entries.hashes().map(|h| (h, !fresh.contains(&h))).collect();
        self.township = Some((township, fresh));
        Ok(Some(PendingReport {
            report,
            township,
            entries,
            hashes,
        }))
    }

    /// Queues a prepared report whose savepoint was released.
    pub(in crate::store) fn accept(&mut self, pending: PendingReport) {
        match &mut self.township {
            Some((t, known)) if *t == pending.township => {
                known.extend(pending.hashes.iter().map(|&(h, _)| h));
            }
            _ => self.township = None,
        }
        self.reports.push(pending);
    }

    /// Forgets the township carried over: its report may not have been stored.
    pub(in crate::store) fn forget_township(&mut self) {
        self.township = None;
    }

    fn enabled(&mut self, conn: &Connection) -> rusqlite::Result<bool> {
        if let Some(enabled) = self.enabled {
            return Ok(enabled);
        }
        use_large_cache(conn)?;
        let enabled = match stored_scheme(conn)? {
            Some(scheme) => scheme == SCHEME,
            None if indexed_count(conn)? == 0 => {
                set_scheme(conn)?;
                true
            }
            None => false,
        };
        self.enabled = Some(enabled);
        Ok(enabled)
    }

    /// Writes every queued report's text, counts, postings and bands.
    pub(in crate::store) fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if !self.texts.is_empty() {
            use_large_text_buffer(conn)?;
        }
        for (report, text) in self.texts.drain(..) {
            crate::store::search::index_text(conn, report, &text)?;
        }
        if self.reports.is_empty() {
            return Ok(());
        }
        write_hashes(conn, &self.reports)?;
        write_bands(conn, &self.reports)?;
        self.reports.clear();
        Ok(())
    }
}

/// Bytes of tokenized text the full-text index holds in memory before it writes them
/// out as a segment (FTS5's `hashsize`, 1 MiB by default): an import batch's texts then
/// make fewer, larger segments, which FTS5 merges less often.
const TEXT_BUFFER_BYTES: i64 = 16 << 20;

/// Sets [`TEXT_BUFFER_BYTES`] in the full-text index's configuration (kept with the
/// index, so only once per store).
fn use_large_text_buffer(conn: &Connection) -> rusqlite::Result<()> {
    let set: Option<i64> = conn
        .prepare_cached("SELECT v FROM report_text_config WHERE k = 'hashsize'")?
        .query_row([], |row| row.get(0))
        .optional()?;
    if set != Some(TEXT_BUFFER_BYTES) {
        conn.execute(
            "INSERT INTO report_text (report_text, rank) VALUES ('hashsize', ?1)",
            [TEXT_BUFFER_BYTES],
        )?;
    }
    Ok(())
}

/// Bumps each hash's counts once for the batch and appends to its postings list the
/// occurrences of the reports that arrive while the hash is still under the posting
/// cap: a point read of the count held before, then one write of the counts and one of
/// the postings when some are kept. (An upsert with `RETURNING` would save the read but
/// costs SQLite a temporary table per statement: three times the read and write.)
fn write_hashes(conn: &Connection, reports: &[PendingReport]) -> rusqlite::Result<()> {
    let mut occurrences: Vec<(u64, usize, bool)> = reports
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.hashes.iter().map(move |&(h, new)| (h, i, new)))
        .collect();
    occurrences.sort_unstable_by_key(|&(h, i, _)| (h, i));
    let mut cursors = vec![0; reports.len()];
    let mut held = conn.prepare_cached("SELECT reports FROM reuse_hashes WHERE hash = ?1")?;
    let mut count = conn.prepare_cached(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, ?2, ?3, ?2 <= ?4)
         ON CONFLICT (hash) DO UPDATE SET reports = reports + excluded.reports,
             townships = townships + excluded.townships,
             complete = complete AND reports + excluded.reports <= ?4",
    )?;
    let mut blob = Vec::new();
    for group in occurrences.chunk_by(|a, b| a.0 == b.0) {
        let hash = group[0].0;
        let added = group.len() as i64;
        let townships = group.iter().filter(|o| o.2).count() as i64;
        let before: i64 = held
            .query_row([hash as i64], |row| row.get(0))
            .optional()?
            .unwrap_or(0);
        count.execute(params![hash as i64, added, townships, POSTINGS_CAP as i64])?;
        let before = usize::try_from(before).unwrap_or(0);
        blob.clear();
        for (n, &(_, i, _)) in group.iter().enumerate() {
            if !keeps_postings(before + n + 1) {
                break;
            }
            put_postings(&reports[i], &mut cursors[i], hash, &mut blob);
        }
        if !blob.is_empty() {
            // The batch's reports are newer than every report already listed.
            lists::append_postings(conn, hash, &blob)?;
        }
    }
    Ok(())
}

/// Packs a report's postings of `hash` onto `blob`.
/// Hashes are asked for in ascending order, so `cursor` (where the report's fingerprints
/// of the last hash asked for ended) only moves forward.
fn put_postings(report: &PendingReport, cursor: &mut usize, hash: u64, blob: &mut Vec<u8>) {
    let by_hash = &report.entries.by_hash;
    while by_hash.get(*cursor).is_some_and(|fp| fp.hash < hash) {
        *cursor += 1;
    }
    for fp in by_hash[*cursor..].iter().take_while(|fp| fp.hash == hash) {
        *cursor += 1;
        let posting = Posting {
            doc: report.report,
            pos: fp.pos,
            context: fp.context,
        };
        packed::put_posting(blob, &posting);
    }
}

/// Adds the batch's sentence bands in key order, each band up to [`crate::reuse::BAND_ROWS`] rows.
fn write_bands(conn: &Connection, reports: &[PendingReport]) -> rusqlite::Result<()> {
    let mut rows: Vec<(u64, SentencePosting)> = reports
        .iter()
        .flat_map(|r| {
            r.entries.entries.bands.iter().map(move |b| {
                let sentence = SentencePosting {
                    doc: r.report,
                    span: b.span,
                };
                (b.band, sentence)
            })
        })
        .collect();
    rows.sort_unstable_by_key(|(band, s)| (*band, s.doc, s.span.start));
    rows.dedup_by_key(|(band, s)| (*band, s.doc, s.span.start));
    let mut sentences = Vec::new();
    for group in rows.chunk_by(|a, b| a.0 == b.0) {
        sentences.clear();
        sentences.extend(group.iter().map(|(_, s)| *s));
        // The batch's reports are newer than every report already listed.
        lists::append_sentences(conn, group[0].0, &sentences)?;
    }
    Ok(())
}
