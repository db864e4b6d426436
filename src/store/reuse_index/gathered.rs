//! An import batch's index entries gathered by key as its reports are accepted: a
//! report's own lists are merged in and dropped at once, so what a batch holds grows
//! with the keys it touches (capped per key) rather than with its reports, and the
//! flush writes each key once, in key order, without sorting every occurrence.

use rusqlite::{Connection, OptionalExtension, params};

use super::batch::IndexEntries;
use super::{lists, packed};
use crate::reuse::entries::{keeps_band_row, keeps_postings};
use crate::reuse::fingerprint::FingerprintMap;
use crate::reuse::{POSTINGS_CAP, Posting, SentencePosting};

/// What a batch adds to one fingerprint.
#[derive(Default)]
struct HashAdded {
    /// Reports of the batch holding it.
    reports: usize,
    /// Of those, reports whose township did not have it before.
    townships: usize,
    /// The packed postings of the first reports holding it (as many as a list could
    /// take), in report order.
    postings: Vec<u8>,
    /// Where each of those reports' postings end in `postings`.
    ends: Vec<usize>,
}

/// The entries of the reports a batch accepted so far, by key.
#[derive(Default)]
pub(super) struct Gathered {
    hashes: FingerprintMap<HashAdded>,
    /// Each band key's sentences in report then start order, as many as a list takes.
    bands: FingerprintMap<Vec<SentencePosting>>,
}

impl Gathered {
    /// True when nothing waits to be written.
    pub(super) fn is_empty(&self) -> bool {
        self.hashes.is_empty() && self.bands.is_empty()
    }

    /// Merges in the entries of `report`, newer than every report accepted before;
    /// `hashes` are its distinct hashes, ascending, each with whether it is new to the
    /// report's township.
    pub(super) fn add(&mut self, report: i64, entries: &IndexEntries, hashes: &[(u64, bool)]) {
        let groups = entries.by_hash.chunk_by(|a, b| a.hash == b.hash);
        for (group, &(hash, new)) in groups.zip(hashes) {
            let added = self.hashes.entry(hash).or_default();
            added.reports += 1;
            added.townships += usize::from(new);
            if keeps_postings(added.ends.len() + 1) {
                for fp in group {
                    let posting = Posting {
                        doc: report,
                        pos: fp.pos,
                        context: fp.context,
                    };
                    packed::put_posting(&mut added.postings, &posting);
                }
                added.ends.push(added.postings.len());
            }
        }
        for band in &entries.bands {
            let sentences = self.bands.entry(band.band).or_default();
            if keeps_band_row(sentences.len()) {
                sentences.push(SentencePosting {
                    doc: report,
                    span: band.span,
                });
            }
        }
    }

    /// Writes every gathered key, in key order, and forgets them.
    pub(super) fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut hashes: Vec<(u64, HashAdded)> = self.hashes.drain().collect();
        hashes.sort_unstable_by_key(|(hash, _)| *hash);
        write_hashes(conn, &hashes)?;
        let mut bands: Vec<(u64, Vec<SentencePosting>)> = self.bands.drain().collect();
        bands.sort_unstable_by_key(|(band, _)| *band);
        for (band, sentences) in &bands {
            // The batch's reports are newer than every report already listed.
            lists::append_sentences(conn, *band, sentences)?;
        }
        Ok(())
    }
}

/// Bumps each hash's counts once for the batch and appends to its postings list the
/// occurrences of the reports that arrive while the hash is still under the posting
/// cap: a point read of the count held before, then one write of the counts and one of
/// the postings when some are kept. (An upsert with `RETURNING` would save the read but
/// costs SQLite a temporary table per statement: three times the read and write.)
fn write_hashes(conn: &Connection, hashes: &[(u64, HashAdded)]) -> rusqlite::Result<()> {
    let mut held = conn.prepare_cached("SELECT reports FROM reuse_hashes WHERE hash = ?1")?;
    let mut count = conn.prepare_cached(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, ?2, ?3, ?2 <= ?4)
         ON CONFLICT (hash) DO UPDATE SET reports = reports + excluded.reports,
             townships = townships + excluded.townships,
             complete = complete AND reports + excluded.reports <= ?4",
    )?;
    for (hash, added) in hashes {
        let before: i64 = held
            .query_row([*hash as i64], |row| row.get(0))
            .optional()?
            .unwrap_or(0);
        count.execute(params![
            *hash as i64,
            added.reports as i64,
            added.townships as i64,
            POSTINGS_CAP as i64
        ])?;
        let before = usize::try_from(before).unwrap_or(0);
        let kept = (0..added.ends.len())
            .take_while(|n| keeps_postings(before + n + 1))
            .count();
        if let Some(&end) = kept.checked_sub(1).and_then(|last| added.ends.get(last)) {
            // The batch's reports are newer than every report already listed.
            lists::append_postings(conn, *hash, &added.postings[..end])?;
        }
    }
    Ok(())
}
