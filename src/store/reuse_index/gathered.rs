//! An import batch's index entries gathered as its reports are accepted, then written
//! by key. Accepting a report only appends its occurrences to partitions by the top
//! bits of their keys (in SQLite's order), so the writer does no look-up per entry
//! (a map of every key the batch touches outgrows the processor's cache, and each
//! look-up then waits on memory); the flush sorts one partition at a time, small
//! enough to stay in the cache, which gives every key's occurrences together in
//! report order and the keys in the order SQLite keeps them. For each partition it
//! then reads what its keys held before in one ordered pass (`held`), skips band lists
//! already full, and writes each key once, in key order, packing only what its list
//! keeps.

use rusqlite::{Connection, params};

use super::batch::IndexEntries;
use super::held::held_values;
use super::spread_sort::spread_sort;
use super::{lists, packed};
use crate::report::Span;
use crate::reuse::entries::{keeps_band_row, keeps_postings};
use crate::reuse::{DocId, POSTINGS_CAP, Posting, SentencePosting};

/// Partitions are told apart by this many top bits of a key: a county's batch of a
/// few thousand reports leaves some tens of kilobytes in each.
const PARTITION_BITS: u32 = 8;

/// A key as SQLite orders it (as a signed integer), and its partition.
fn signed(key: u64) -> (i64, usize) {
    let signed = key as i64;
    (signed, (unsigned(signed) >> (64 - PARTITION_BITS)) as usize)
}

/// A key as an unsigned number in the order SQLite keeps it.
fn unsigned(key: i64) -> u64 {
    (key as u64) ^ (1 << 63)
}

/// One occurrence of a fingerprint in a report of the batch.
#[derive(Clone, Copy)]
struct Occurrence {
    key: i64,
    context: u64,
    pos: u32,
    /// The report's place in the batch, times two, plus one when no other report of
    /// its township held the hash before it.
    report_new: u32,
}

impl Occurrence {
    fn report(&self) -> u32 {
        self.report_new >> 1
    }

    fn new_to_township(&self) -> bool {
        self.report_new & 1 == 1
    }
}

/// One sentence of a report of the batch under a band key.
#[derive(Clone, Copy)]
struct Sentence {
    key: i64,
    report: u32,
    start: u32,
    len: u32,
}

/// Entries a partition's first chunk holds: a batch of one report leaves a few in
/// each partition.
const FIRST_CHUNK: usize = 64;

/// Entries each further chunk of a partition holds. A partition grows by chunks, not
/// by moving into an allocation twice its size: those copies wrote every entry again,
/// to memory not touched before, and cost about as much as the appends themselves.
const CHUNK: usize = 2048;

/// Entries split by the top bits of their keys, each partition in chunks.
struct Partitions<T> {
    parts: Vec<Vec<Vec<T>>>,
    /// Entries held in all partitions.
    len: usize,
}

impl<T> Default for Partitions<T> {
    fn default() -> Self {
        Partitions {
            parts: (0..1 << PARTITION_BITS).map(|_| Vec::new()).collect(),
            len: 0,
        }
    }
}

impl<T: Copy> Partitions<T> {
    fn push(&mut self, part: usize, entry: T) {
        let Some(chunks) = self.parts.get_mut(part) else {
            return;
        };
        self.len += 1;
        match chunks.last_mut() {
            Some(chunk) if chunk.len() < chunk.capacity() => chunk.push(entry),
            _ => {
                let mut chunk = Vec::with_capacity(if chunks.is_empty() {
                    FIRST_CHUNK
                } else {
                    CHUNK
                });
                chunk.push(entry);
                chunks.push(chunk);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.parts.iter().all(Vec::is_empty)
    }

    /// The memory its entries take.
    fn held_bytes(&self) -> usize {
        self.len * std::mem::size_of::<T>()
    }

    /// Hands `write` each partition in key order, its entries sorted (stably) by
    /// `key` so that the entries of a key come together in the order they came, and
    /// empties it. The entries are sorted in one buffer used for every partition, so
    /// the sort works in memory already in the cache. (Sorting by key and place
    /// instead, unstably, took about twice as long as a stable comparison sort; the
    /// keys are hashes, so a counting pass on their next bits beats both.)
    fn drain_sorted(
        &mut self,
        key: impl Fn(&T) -> i64 + Copy,
        mut write: impl FnMut(&[T]) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let mut sorted = Vec::new();
        for chunks in &mut self.parts {
            if chunks.is_empty() {
                continue;
            }
            spread_sort(chunks, |entry| unsigned(key(entry)), key, &mut sorted);
            chunks.clear();
            write(&sorted)?;
        }
        self.len = 0;
        Ok(())
    }
}

/// The entries of each key of a sorted partition, the keys in order.
fn runs<T>(sorted: &[T], key: impl Fn(&T) -> i64) -> impl Iterator<Item = &[T]> {
    sorted.chunk_by(move |a, b| key(a) == key(b))
}

/// The entries of the reports a batch accepted so far.
#[derive(Default)]
pub(super) struct Gathered {
    /// The batch's reports, in the order they came.
    reports: Vec<DocId>,
    hashes: Partitions<Occurrence>,
    bands: Partitions<Sentence>,
}

impl Gathered {
    /// True when nothing waits to be written.
    pub(super) fn is_empty(&self) -> bool {
        self.hashes.is_empty() && self.bands.is_empty()
    }

    /// The memory the entries gathered so far take, near enough.
    pub(super) fn held_bytes(&self) -> usize {
        self.hashes.held_bytes()
            + self.bands.held_bytes()
            + self.reports.len() * std::mem::size_of::<DocId>()
    }

    /// Adds the entries of `report`, newer than every report accepted before;
    /// `hashes` are its distinct hashes, ascending, each with whether it is new to the
    /// report's township.
    pub(super) fn add(&mut self, report: DocId, entries: &IndexEntries, hashes: &[(u64, bool)]) {
        let at = u32::try_from(self.reports.len()).unwrap_or(u32::MAX >> 1);
        self.reports.push(report);
        let groups = entries.by_hash.chunk_by(|a, b| a.hash == b.hash);
        for (group, &(hash, new)) in groups.zip(hashes) {
            let (key, part) = signed(hash);
            for fp in group {
                let occurrence = Occurrence {
                    key,
                    context: fp.context,
                    pos: fp.pos,
                    report_new: at << 1 | u32::from(new),
                };
                self.hashes.push(part, occurrence);
            }
        }
        for band in &entries.bands {
            let (key, part) = signed(band.band);
            let sentence = Sentence {
                key,
                report: at,
                start: u32::try_from(band.span.start).unwrap_or(u32::MAX),
                len: u32::try_from(band.span.end - band.span.start).unwrap_or(u32::MAX),
            };
            self.bands.push(part, sentence);
        }
    }

    /// Writes every gathered key, in key order, and forgets them.
    pub(super) fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut appends = lists::Appends::new(conn)?;
        let reports = std::mem::take(&mut self.reports);
        // Each partition's keys are read and written before the next partition's:
        // their keys are apart, so what a partition reads is what its keys held
        // before the batch.
        self.hashes.drain_sorted(
            |o| o.key,
            |part| write_hashes(conn, &mut appends, &reports, part),
        )?;
        self.bands.drain_sorted(
            |s| s.key,
            |part| write_bands(conn, &mut appends, &reports, part),
        )
    }
}

/// Bumps each hash of a sorted partition's counts once for the batch and appends to
/// its postings list the occurrences of the reports that arrive while the hash is
/// still under the posting cap: one write of the counts and one of the postings when
/// some are kept. (An
/// upsert with `RETURNING` would save the read of the counts held before but costs
/// SQLite a temporary table per statement.)
fn write_hashes(
    conn: &Connection,
    appends: &mut lists::Appends<'_>,
    reports: &[DocId],
    hashes: &[Occurrence],
) -> rusqlite::Result<()> {
    let keys: Vec<i64> = runs(hashes, |o| o.key).map(|run| run[0].key).collect();
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
    let (mut blob, mut by_report) = (Vec::new(), Vec::new());
    for (run, before) in runs(hashes, |o| o.key).zip(held) {
        by_report.clear();
        by_report.extend(run.chunk_by(|a, b| a.report() == b.report()));
        let townships = by_report.iter().filter(|r| r[0].new_to_township()).count();
        count.execute(params![
            run[0].key,
            by_report.len() as i64,
            townships as i64,
            POSTINGS_CAP as i64
        ])?;
        let before = usize::try_from(before).unwrap_or(0);
        let kept = (0..by_report.len())
            .take_while(|n| keeps_postings(before + n + 1))
            .count();
        if kept == 0 {
            continue;
        }
        blob.clear();
        for occurrence in by_report[..kept].iter().flat_map(|r| r.iter()) {
            let posting = Posting {
                doc: reports
                    .get(occurrence.report() as usize)
                    .copied()
                    .unwrap_or(0),
                pos: occurrence.pos,
                context: occurrence.context,
            };
            packed::put_posting(&mut blob, &posting);
        }
        // The batch's reports are newer than every report already listed.
        appends.postings(run[0].key, &blob)?;
    }
    Ok(())
}

/// Appends each band key of a sorted partition's sentences to its list, unless the
/// list is full already (it then only marks the band as common).
fn write_bands(
    conn: &Connection,
    appends: &mut lists::Appends<'_>,
    reports: &[DocId],
    bands: &[Sentence],
) -> rusqlite::Result<()> {
    let keys: Vec<i64> = runs(bands, |s| s.key).map(|run| run[0].key).collect();
    let held = held_values(
        conn,
        "SELECT band, rows FROM reuse_band_lists WHERE band >= ?1 ORDER BY band",
        &keys,
    )?;
    let mut blob = Vec::new();
    for (run, before) in runs(bands, |s| s.key).zip(held) {
        if !keeps_band_row(usize::try_from(before).unwrap_or(0)) {
            continue;
        }
        // The first sentences to arrive, as many as a list takes.
        let rows = (0..run.len()).take_while(|&n| keeps_band_row(n)).count();
        blob.clear();
        for sentence in &run[..rows] {
            let start = sentence.start as usize;
            let posting = SentencePosting {
                doc: reports.get(sentence.report as usize).copied().unwrap_or(0),
                span: Span::new(start, start + sentence.len as usize),
            };
            packed::put_sentence(&mut blob, &posting);
        }
        // The batch's reports are newer than every report already listed.
        appends.sentences(conn, run[0].key, rows, &blob)?;
    }
    Ok(())
}
