//! An import batch's index entries gathered by key as its reports are accepted: a
//! report's postings and sentences are packed into their keys' lists at once, so what
//! a batch holds grows with the keys it touches (capped per key) rather than with its
//! reports, and the flush has only to write: it reads what the batch's keys held
//! before in one ordered pass (`held`), skips band lists already full, and writes each
//! key once, in key order.

use rusqlite::{Connection, params};

use super::batch::IndexEntries;
use super::held::held_values;
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
    /// Reports whose postings are in `postings`.
    kept: usize,
    /// The packed postings of the first reports holding it (as many as a list could
    /// take), in report order.
    postings: Vec<u8>,
}

/// What a batch adds to one band key.
#[derive(Default)]
struct BandAdded {
    /// Sentences in `packed`.
    sentences: usize,
    /// The first sentences (as many as a list takes) packed, in report then start order.
    packed: Vec<u8>,
}

/// The entries of the reports a batch accepted so far, by key.
#[derive(Default)]
pub(super) struct Gathered {
    hashes: FingerprintMap<HashAdded>,
    bands: FingerprintMap<BandAdded>,
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
            if keeps_postings(added.kept + 1) {
                added.kept += 1;
                for fp in group {
                    let posting = Posting {
                        doc: report,
                        pos: fp.pos,
                        context: fp.context,
                    };
                    packed::put_posting(&mut added.postings, &posting);
                }
            }
        }
        for group in entries.bands.chunk_by(|a, b| a.band == b.band) {
            let Some(first) = group.first() else { continue };
            let added = self.bands.entry(first.band).or_default();
            let room = (0..group.len())
                .take_while(|n| keeps_band_row(added.sentences + n))
                .count();
            for band in group.iter().take(room) {
                let sentence = SentencePosting {
                    doc: report,
                    span: band.span,
                };
                packed::put_sentence(&mut added.packed, &sentence);
            }
            added.sentences += room;
        }
    }

    /// Writes every gathered key, in key order, and forgets them.
    pub(super) fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut appends = lists::Appends::new(conn)?;
        let hashes = in_key_order(self.hashes.drain());
        write_hashes(conn, &mut appends, &hashes)?;
        let bands = in_key_order(self.bands.drain());
        write_bands(conn, &mut appends, &bands)
    }
}

/// Bumps each hash's counts once for the batch and appends to its postings list
/// the occurrences of the reports that arrive while the hash is still under the
/// posting cap: one write of the counts and one of the postings when some are kept.
/// (An upsert with `RETURNING` would save the read of the counts held before but
/// costs SQLite a temporary table per statement.)
fn write_hashes(
    conn: &Connection,
    appends: &mut lists::Appends<'_>,
    hashes: &[(i64, HashAdded)],
) -> rusqlite::Result<()> {
    let keys: Vec<i64> = hashes.iter().map(|&(hash, _)| hash).collect();
    let held = held_values(
        conn,
        "SELECT hash, reports FROM reuse_hashes WHERE hash >= ?1 ORDER BY hash",
        &keys,
    )?;
    let mut count = conn.prepare_cached(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, ?2, ?3, ?2 <= ?4)
         ON CONFLICT (hash) DO UPDATE SET reports = reports + excluded.reports,
             townships = townships + excluded.townships,
             complete = complete AND reports + excluded.reports <= ?4",
    )?;
    for ((hash, added), before) in hashes.iter().zip(held) {
        count.execute(params![
            hash,
            added.reports as i64,
            added.townships as i64,
            POSTINGS_CAP as i64
        ])?;
        let before = usize::try_from(before).unwrap_or(0);
        let kept = (0..added.kept)
            .take_while(|n| keeps_postings(before + n + 1))
            .count();
        if kept > 0 {
            // The batch's reports are newer than every report already listed.
            appends.postings(*hash, packed::first_reports(&added.postings, kept))?;
        }
    }
    Ok(())
}

/// Appends each band key's sentences to its list, unless the list is full already
/// (it then only marks the band as common).
fn write_bands(
    conn: &Connection,
    appends: &mut lists::Appends<'_>,
    bands: &[(i64, BandAdded)],
) -> rusqlite::Result<()> {
    let keys: Vec<i64> = bands.iter().map(|&(band, _)| band).collect();
    let held = held_values(
        conn,
        "SELECT band, rows FROM reuse_band_lists WHERE band >= ?1 ORDER BY band",
        &keys,
    )?;
    for ((band, added), before) in bands.iter().zip(held) {
        if !keeps_band_row(usize::try_from(before).unwrap_or(0)) {
            continue;
        }
        // The batch's reports are newer than every report already listed.
        appends.sentences(conn, *band, added.sentences, &added.packed)?;
    }
    Ok(())
}

/// A batch's keys as SQLite orders them (as signed integers), so that the ordered read
/// of what they held and the writes each pass through the table once.
fn in_key_order<V>(drained: impl Iterator<Item = (u64, V)>) -> Vec<(i64, V)> {
    let mut keyed: Vec<(i64, V)> = drained.map(|(key, v)| (key as i64, v)).collect();
    keyed.sort_unstable_by_key(|&(key, _)| key);
    keyed
}
