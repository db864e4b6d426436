//! The index entries of an import batch, gathered as its reports are stored and written
//! together just before it commits: each hash's count is bumped once per batch however
//! many of its reports hold it, and counts, postings and bands go in key order, so the
//! pages of the index are visited once per batch instead of once per report. The
//! counting rules are those of [`crate::reuse::entries`]; the result equals importing
//! the reports one at a time.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::SCHEME;
use super::gathered::Gathered;
use super::incremental::{ReportHashes, township_hashes, township_id};
use super::removals::{Removals, Removed, drop_emptied, take_out};
use super::spread_sort::spread_sort;
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
        let mut by_hash = Vec::new();
        let fingerprints = [entries.fingerprints()];
        spread_sort(
            &fingerprints,
            |fp| fp.hash,
            |fp| (fp.hash, fp.pos),
            &mut by_hash,
        );
        let mut bands = Vec::new();
        let sentences = [entries.bands];
        spread_sort(
            &sentences,
            |b| b.band,
            |b| (b.band, b.span.start),
            &mut bands,
        );
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
    /// The report it replaced, taken out of `reuse_reports`, its entries still in.
    removed: Option<Removed>,
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
    /// The entries of the reports they replaced, taken out before `gathered` goes in.
    removals: Removals,
    /// The reports whose entries wait in `gathered`.
    pending: HashSet<i64>,
    /// The last township and its hashes, stored and pending: the next year of the
    /// same township needs no look-up.
    township: Option<Carried>,
    /// Whether imports index at all (an index of another scheme waits for `sync`).
    enabled: Option<bool>,
}

impl PendingIndex {
    /// True when entries wait to be written or taken out.
    fn is_empty(&self) -> bool {
        self.gathered.is_empty() && self.removals.is_empty()
    }

    /// The memory the entries waiting to be written or taken out take, near enough.
    pub(in crate::store) fn held_bytes(&self) -> usize {
        self.gathered.held_bytes() + self.removals.held_bytes()
    }

    /// True when `report`'s entries wait to be written: replacing it needs a flush first.
    pub(in crate::store) fn holds(&self, report: i64) -> bool {
        self.pending.contains(&report)
    }

    /// Called inside the report's savepoint once it is stored as `report`: takes the
    /// report it replaced out of `reuse_reports`, its entries to be taken out when the
    /// batch writes (a replaced report still pending must have been flushed), records the new
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
        let mut removed = None;
        let taken = match replaced {
            Some(old) => take_out(conn, old, known)?,
            None => None,
        };
        let carried = match (taken, self.township.take()) {
            // The township's hashes without the old version are the new one's.
            (Some((id, hashes, gone)), _) => {
                removed = Some(gone);
                Carried {
                    id,
                    township: new.township.to_string(),
                    county: new.county.to_string(),
                    hashes,
                }
            }
            (None, Some(c))
                if replaced.is_none() && c.township == new.township && c.county == new.county =>
            {
                c
            }
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
            removed,
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
        self.pending.insert(pending.report);
        if let Some(removed) = pending.removed {
            self.removals.add(removed);
        }
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

    /// Takes the replaced reports' entries out, then writes every queued report's counts,
    /// postings and bands.
    pub(in crate::store) fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let touched = self.removals.write(conn)?;
        self.pending.clear();
        self.gathered.write(conn)?;
        drop_emptied(conn, &touched)
    }
}
