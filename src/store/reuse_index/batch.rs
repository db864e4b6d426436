//! The index entries of an import batch, gathered as its reports are stored and written
//! together just before it commits: each hash's count is bumped once per batch however
//! many of its reports hold it, and counts, postings and bands go in key order, so the
//! pages of the index are visited once per batch instead of once per report. The
//! counting rules are those of [`crate::reuse::entries`]; the result equals importing
//! the reports one at a time.

use rusqlite::{Connection, params};

use super::SCHEME;
use super::gathered::Gathered;
use super::incremental::{ReportHashes, remove, township_hashes, township_id};
use super::state::{indexed_count, set_scheme, stored_scheme, use_import_cache};
use crate::reuse::ReportEntries;
use crate::reuse::entries::BandEntry;
use crate::reuse::fingerprint::{Fingerprint, FingerprintSet};
use crate::store::NewReport;

/// A report's index entries in the order the batch writes them: computed on an
/// importing thread, so the one writer only merges and writes.
pub struct IndexEntries {
    /// The report's length in normalized characters.
    chars: usize,
    /// Its fingerprints ordered by hash, then position.
    pub(super) by_hash: Vec<Fingerprint>,
    /// Its sentence bands ordered by key, then start, each key and start once.
    pub(super) bands: Vec<BandEntry>,
}

impl IndexEntries {
    /// Sorts a report's entries for [`crate::store::ImportBatch::import_with`].
    pub fn new(entries: ReportEntries) -> IndexEntries {
        let mut by_hash = entries.fingerprints().to_vec();
        by_hash.sort_unstable_by_key(|fp| (fp.hash, fp.pos));
        let mut bands = entries.bands;
        bands.sort_unstable_by_key(|b| (b.band, b.span.start));
        bands.dedup_by_key(|b| (b.band, b.span.start));
        IndexEntries {
            chars: entries.chars,
            by_hash,
            bands,
        }
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
    /// Its distinct hashes, ascending, each with whether it is new to its township.
    hashes: Vec<(u64, bool)>,
}

/// A township as the last report stored left it.
struct Carried {
    id: i64,
    township: String,
    county: String,
    hashes: FingerprintSet,
}

/// The index work of one import batch.
#[derive(Default)]
pub(in crate::store) struct PendingIndex {
    /// The entries of the reports accepted so far, by key.
    gathered: Gathered,
    /// The last township and its hashes, stored and pending: the next year of the
    /// same township needs no look-up.
    township: Option<Carried>,
    /// Whether imports index at all (an index of another scheme waits for `sync`).
    enabled: Option<bool>,
}

impl PendingIndex {
    /// True when entries wait to be written.
    pub(in crate::store) fn is_empty(&self) -> bool {
        self.gathered.is_empty()
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
        let carried = match self.township.take() {
            Some(c) if c.township == new.township && c.county == new.county => c,
            _ => {
                let id = township_id(conn, new.township, new.county)?;
                Carried {
                    id,
                    township: new.township.to_string(),
                    county: new.county.to_string(),
                    hashes: township_hashes(conn, id, report, known)?,
                }
            }
        };
        let (township, fresh) = (carried.id, &carried.hashes);
        conn.prepare_cached(
            "INSERT INTO reuse_reports (report, township, chars) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![report, township, entries.chars as i64])?;
        let hashes = entries.hashes().map(|h| (h, !fresh.contains(&h))).collect();
        self.township = Some(carried);
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
            Some(carried) if carried.id == pending.township => {
                carried
                    .hashes
                    .extend(pending.hashes.iter().map(|&(h, _)| h));
            }
            _ => self.township = None,
        }
        self.gathered
            .add(pending.report, &pending.entries, &pending.hashes);
    }

    /// Forgets the township carried over: its report may not have been stored.
    pub(in crate::store) fn forget_township(&mut self) {
        self.township = None;
    }

    fn enabled(&mut self, conn: &Connection) -> rusqlite::Result<bool> {
        if let Some(enabled) = self.enabled {
            return Ok(enabled);
        }
        use_import_cache(conn)?;
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

    /// Writes every queued report's counts, postings and bands.
    pub(in crate::store) fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        self.gathered.write(conn)
    }
}
