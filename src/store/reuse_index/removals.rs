//! Taking reports out of the index. A replaced report leaves with the batch that
//! replaces it: its row goes at once (so its township's hashes are read without it),
//! its counts, postings and bands are gathered by key and taken out when the batch
//! writes, before the batch's new entries go in, each key once and in key order. A
//! batch replacing every report thus costs about what importing them did. Capped lists
//! that lose reports are filled again by [`super::refill`] once the import ends.

use rusqlite::{Connection, OptionalExtension, params};

use super::incremental::{ReportHashes, township_hashes};
use super::{lists, refill};
use crate::reuse::fingerprint::{FingerprintMap, FingerprintSet};
use crate::reuse::{DocId, MatchText, ReportEntries};
use crate::store::clean_text;

/// One report taken out of `reuse_reports`, its entries still to be taken out.
pub(super) struct Removed {
    report: DocId,
    /// Its distinct hashes, each with whether no other report of its township holds it.
    hashes: Vec<(u64, bool)>,
    /// Its band keys, each once.
    bands: Vec<u64>,
}

/// The reports a batch takes out, by key.
#[derive(Default)]
pub(super) struct Removals {
    /// Per hash: the reports leaving it and how many of them were their township's last.
    hashes: FingerprintMap<(Vec<DocId>, usize)>,
    /// Per band key: the reports leaving it.
    bands: FingerprintMap<Vec<DocId>>,
    /// Reports listed in `hashes` and `bands`, all keys together.
    listed: usize,
}

/// Takes `report`'s row out of `reuse_reports` and reads what it put into the index.
/// Returns `None` when it was not indexed; otherwise its township, the hashes of the
/// township's other reports (from `known` where it has them) and its entries.
pub(super) fn take_out(
    conn: &Connection,
    report: DocId,
    known: &ReportHashes,
) -> rusqlite::Result<Option<(i64, FingerprintSet, Removed)>> {
    let township: Option<i64> = conn
        .prepare_cached("DELETE FROM reuse_reports WHERE report = ?1 RETURNING township")?
        .query_row([report], |row| row.get(0))
        .optional()?;
    let Some(township) = township else {
        return Ok(None);
    };
    let text = conn
        .prepare_cached("SELECT text, text_zstd FROM reports WHERE id = ?1")?
        .query_row([report], |row| clean_text::read(row, 0))?;
    let entries = ReportEntries::new(&MatchText::new(&text));
    let others = township_hashes(conn, township, report, known)?;
    let hashes = entries
        .hashes()
        .into_iter()
        .map(|h| (h, !others.contains(&h)))
        .collect();
    let mut bands: Vec<u64> = entries.bands.iter().map(|b| b.band).collect();
    bands.sort_unstable();
    bands.dedup();
    let removed = Removed {
        report,
        hashes,
        bands,
    };
    Ok(Some((township, others, removed)))
}

/// Takes a report out of the index at once, as `sync` does for a stale one. Returns
/// false when it was not indexed.
pub(super) fn remove(conn: &Connection, report: DocId) -> rusqlite::Result<bool> {
    let Some((_, _, removed)) = take_out(conn, report, &ReportHashes::default())? else {
        return Ok(false);
    };
    let mut removals = Removals::default();
    removals.add(removed);
    let touched = removals.write(conn)?;
    drop_emptied(conn, &touched)?;
    Ok(true)
}

impl Removals {
    /// True when nothing waits to be taken out.
    pub(super) fn is_empty(&self) -> bool {
        self.hashes.is_empty() && self.bands.is_empty()
    }

    /// The memory the queued reports take, near enough: each key's entry and each
    /// report listed under a key.
    pub(super) fn held_bytes(&self) -> usize {
        let hash_entry = std::mem::size_of::<(u64, (Vec<DocId>, usize))>();
        let band_entry = std::mem::size_of::<(u64, Vec<DocId>)>();
        self.hashes.len() * hash_entry
            + self.bands.len() * band_entry
            + self.listed * std::mem::size_of::<DocId>()
    }

    /// Queues a report taken out of `reuse_reports`.
    pub(super) fn add(&mut self, removed: Removed) {
        self.listed += removed.hashes.len() + removed.bands.len();
        for (hash, last) in removed.hashes {
            let (reports, townships) = self.hashes.entry(hash).or_default();
            reports.push(removed.report);
            *townships += usize::from(last);
        }
        for band in removed.bands {
            self.bands.entry(band).or_default().push(removed.report);
        }
    }

    /// Takes every queued report's counts, postings and bands out, in key order, and
    /// forgets them; returns the hashes touched, ascending, for [`drop_emptied`] once the
    /// batch's own entries are in (a count that reaches nought on the way still carries
    /// the townships the batch's reports did not count again). A hash all of whose
    /// reports leave has a complete list again: the batch's reports start it afresh, as
    /// an import into an empty store does. A capped list that loses reports is left
    /// short (its hash stays incomplete) and a full band keeps its sentences (it stays
    /// common, and a look-up never reads the reports it names) until [`refill`] fills
    /// them from the reports past the cap, as a fresh index would hold them.
    pub(super) fn write(&mut self, conn: &Connection) -> rusqlite::Result<Vec<u64>> {
        if !self.is_empty() {
            // A capped list that loses reports is filled again once the import ends.
            refill::mark(conn)?;
        }
        self.listed = 0;
        let mut hashes: Vec<(u64, (Vec<DocId>, usize))> = self.hashes.drain().collect();
        hashes.sort_unstable_by_key(|(hash, _)| *hash);
        let mut uncount = conn.prepare_cached(
            "UPDATE reuse_hashes SET reports = reports - ?2, townships = townships - ?3,
                 complete = complete OR reports <= ?2
             WHERE hash = ?1",
        )?;
        for (hash, (reports, townships)) in &hashes {
            uncount.execute(params![
                *hash as i64,
                reports.len() as i64,
                *townships as i64
            ])?;
            lists::remove_postings(conn, *hash, reports)?;
        }
        let mut bands: Vec<(u64, Vec<DocId>)> = self.bands.drain().collect();
        bands.sort_unstable_by_key(|(band, _)| *band);
        for (band, reports) in &bands {
            lists::remove_sentences(conn, *band, reports)?;
        }
        Ok(hashes.into_iter().map(|(hash, _)| hash).collect())
    }
}

/// Deletes the counts of `hashes` that no report holds any more.
pub(super) fn drop_emptied(conn: &Connection, hashes: &[u64]) -> rusqlite::Result<()> {
    let mut drop_empty =
        conn.prepare_cached("DELETE FROM reuse_hashes WHERE hash = ?1 AND reports <= 0")?;
    for hash in hashes {
        drop_empty.execute([*hash as i64])?;
    }
    Ok(())
}
