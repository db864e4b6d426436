//! Filling the capped lists that removals left short. A fingerprint's postings list
//! keeps its first [`POSTINGS_CAP`] reports and a band key's list its first
//! [`BAND_ROWS`] sentences (report, then start order); a report taken out of such a
//! list leaves a slot that one of the reports past the cap should take, as in an index
//! built afresh from the same reports. The index keeps no list of a report's keys, so
//! those reports are found by fingerprinting the stored texts again, in report order,
//! each only while some short list still needs it.
//!
//! Removals only mark the index (a row of `reuse_meta`); the lists are filled once, when
//! the import that replaced reports has committed its last batch, or by the next `sync`
//! or look-up after an import that did not get that far. Until then a short list errs
//! on the safe side: its fingerprint stays marked incomplete (summarized as common), and
//! a full band list keeps the sentences of the reports that left, so it stays common.

use rusqlite::{Connection, params};

use super::{lists, packed};
use crate::reuse::fingerprint::{Fingerprint, FingerprintMap, fingerprints};
use crate::reuse::{
    BAND_ROWS, DocId, MatchText, POSTINGS_CAP, Posting, ReportEntries, SentencePosting,
};
use crate::store::clean_text;

/// Records that removals may have left lists short: in the removing transaction, so
/// a kill before they are filled leaves the mark for the next `sync`.
pub(super) fn mark(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO reuse_meta (key, value) VALUES ('refill', 'lists') ON CONFLICT (key) DO NOTHING",
    )?
    .execute([])
    .map(|_| ())
}

/// True when removals may have left lists short since they were last filled.
pub(super) fn marked(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM reuse_meta WHERE key = 'refill'")?
        .exists([])
}

/// Forgets the mark: the lists are as a fresh index would hold them (filled, or the
/// index built again).
pub(super) fn unmark(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM reuse_meta WHERE key = 'refill'")?
        .execute([])
        .map(|_| ())
}

/// A fingerprint's list being filled from scratch: the postings of its first `target`
/// indexed reports.
struct HashFill {
    target: usize,
    reports: usize,
    last: Option<DocId>,
    postings: Vec<u8>,
}

/// A full band list that names reports no longer indexed: its sentences of reports
/// below `from` are right (every sentence of an indexed report below the last report a
/// full list names is in it); from `from` on they are read again.
struct BandFill {
    from: DocId,
    sentences: Vec<SentencePosting>,
}

/// What the scan must find.
#[derive(Default)]
struct Wanted {
    hashes: FingerprintMap<HashFill>,
    /// Hashes whose lists are right but whose flag still says incomplete.
    settled: Vec<u64>,
    bands: FingerprintMap<BandFill>,
}

/// Fills every short list when the index is marked, then forgets the mark. Returns
/// whether it had anything to do.
pub(super) fn refill(conn: &Connection) -> rusqlite::Result<bool> {
    if !marked(conn)? {
        return Ok(false);
    }
    let indexed: Vec<DocId> = conn
        .prepare("SELECT report FROM reuse_reports ORDER BY report")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut wanted = Wanted::default();
    short_hashes(conn, &mut wanted)?;
    stale_bands(conn, &indexed, &mut wanted)?;
    scan(conn, &indexed, &mut wanted)?;
    write(conn, wanted)?;
    unmark(conn)?;
    Ok(true)
}

/// The incomplete fingerprints whose lists hold fewer reports than a fresh index lists
/// (the first `min(cap, reports)`): only a removal shortens a list, and the
/// reports a batch appends to a short one never bring it back to that length.
fn short_hashes(conn: &Connection, wanted: &mut Wanted) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "SELECT h.hash, h.reports, p.postings FROM reuse_hashes h
         LEFT JOIN reuse_posting_lists p ON p.hash = h.hash WHERE NOT h.complete",
    )?;
    let mut rows = stmt.query([])?;
    let mut postings: Vec<Posting> = Vec::new();
    while let Some(row) = rows.next()? {
        let hash = row.get::<_, i64>(0)? as u64;
        let reports = usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0);
        postings.clear();
        if let Some(blob) = row.get_ref(2)?.as_blob_or_null()? {
            packed::read_postings(blob, usize::MAX, &mut postings);
        }
        let mut listed: Vec<DocId> = postings.iter().map(|p| p.doc).collect();
        listed.dedup();
        let target = reports.min(POSTINGS_CAP);
        if listed.len() < target {
            let fill = HashFill {
                target,
                reports: 0,
                last: None,
                postings: Vec::new(),
            };
            wanted.hashes.insert(hash, fill);
        } else if reports <= POSTINGS_CAP {
            wanted.settled.push(hash);
        }
    }
    Ok(())
}

/// The full band lists naming a report that is no longer indexed.
fn stale_bands(conn: &Connection, indexed: &[DocId], wanted: &mut Wanted) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT band, sentences FROM reuse_band_lists WHERE rows >= ?1")?;
    let mut rows = stmt.query([BAND_ROWS as i64])?;
    while let Some(row) = rows.next()? {
        let mut sentences = Vec::new();
        packed::read_sentences(row.get_ref(1)?.as_blob()?, usize::MAX, &mut sentences);
        if sentences
            .iter()
            .all(|s| indexed.binary_search(&s.doc).is_ok())
        {
            continue;
        }
        let from = sentences.iter().map(|s| s.doc).max().unwrap_or(0);
        sentences.retain(|s| s.doc < from && indexed.binary_search(&s.doc).is_ok());
        let band = row.get::<_, i64>(0)? as u64;
        wanted.bands.insert(band, BandFill { from, sentences });
    }
    Ok(())
}

/// Reports read and fingerprinted together, on every core, before their entries go
/// to the lists in report order.
const CHUNK: usize = 64;

/// A report's entries as far as the lists want them.
enum Found {
    Fingerprints(Vec<Fingerprint>),
    Entries(ReportEntries),
}

/// Reads the indexed reports in report order, a chunk at a time while some list still
/// wants them, and gives each list the entries a fresh index would have given it.
fn scan(conn: &Connection, indexed: &[DocId], wanted: &mut Wanted) -> rusqlite::Result<()> {
    let mut hashes_left = wanted.hashes.len();
    let mut bands_left = wanted.bands.len();
    let bands_from = wanted.bands.values().map(|b| b.from).min();
    let mut read = conn.prepare_cached("SELECT text, text_zstd FROM reports WHERE id = ?1")?;
    for chunk in indexed.chunks(CHUNK) {
        if hashes_left == 0 && bands_left == 0 {
            break;
        }
        let last = chunk.last().copied().unwrap_or(0);
        let bands_wanted = bands_left > 0 && bands_from.is_some_and(|from| last >= from);
        if hashes_left == 0 && !bands_wanted {
            continue;
        }
        let mut stored = Vec::with_capacity(chunk.len());
        for &report in chunk {
            stored.push((
                report,
                read.query_row([report], |row| clean_text::read_stored(row, 0))?,
            ));
        }
        for (report, found) in entries_on_every_core(stored, bands_wanted)? {
            match found {
                Found::Fingerprints(found) => {
                    hashes_left -= take_postings(&mut wanted.hashes, report, &found);
                }
                Found::Entries(entries) => {
                    hashes_left -=
                        take_postings(&mut wanted.hashes, report, entries.fingerprints());
                    bands_left -= take_sentences(&mut wanted.bands, report, &entries);
                }
            }
        }
    }
    Ok(())
}

/// The entries of stored texts, in their order, computed on every core: bands only
/// when `bands` (sketching sentences costs more than fingerprinting).
fn entries_on_every_core(
    stored: Vec<(DocId, clean_text::StoredText)>,
    bands: bool,
) -> rusqlite::Result<Vec<(DocId, Found)>> {
    let entries = |(report, stored): (DocId, clean_text::StoredText)| {
        let text = MatchText::new(&stored.unpack()?);
        let found = match bands {
            true => Found::Entries(ReportEntries::new(&text)),
            false => Found::Fingerprints(fingerprints(text.chars())),
        };
        Ok((report, found))
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
    let mut parts: Vec<Vec<(DocId, clean_text::StoredText)>> = Vec::new();
    let mut rest = stored;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(CHUNK.div_ceil(workers)));
        parts.push(rest);
        rest = tail;
    }
    let done: Vec<std::io::Result<Vec<(DocId, Found)>>> = std::thread::scope(|scope| {
        let running: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(entries).collect()))
            .collect();
        running
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a worker stopped")))
            })
            .collect()
    });
    let mut out = Vec::new();
    for part in done {
        out.extend(part.map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Blob, Box::new(e))
        })?);
    }
    Ok(out)
}

/// Adds `report`'s postings to the lists that still want reports; returns how many
/// lists it completed.
fn take_postings(
    hashes: &mut FingerprintMap<HashFill>,
    report: DocId,
    found: &[Fingerprint],
) -> usize {
    let mut completed = 0;
    for fp in found {
        let Some(fill) = hashes.get_mut(&fp.hash) else {
            continue;
        };
        if fill.last != Some(report) {
            if fill.reports >= fill.target {
                continue;
            }
            fill.reports += 1;
            fill.last = Some(report);
            completed += usize::from(fill.reports == fill.target);
        }
        let posting = Posting {
            doc: report,
            pos: fp.pos,
            context: fp.context,
        };
        packed::put_posting(&mut fill.postings, &posting);
    }
    completed
}

/// Adds `report`'s sentences to the band lists that want them; returns how many lists
/// it filled.
fn take_sentences(
    bands: &mut FingerprintMap<BandFill>,
    report: DocId,
    entries: &ReportEntries,
) -> usize {
    let mut filled = 0;
    for entry in &entries.bands {
        let Some(fill) = bands.get_mut(&entry.band) else {
            continue;
        };
        if report < fill.from || fill.sentences.len() >= BAND_ROWS {
            continue;
        }
        let sentence = SentencePosting {
            doc: report,
            span: entry.span,
        };
        // A sentence whose bands repeat a key lists it once.
        if fill.sentences.last() == Some(&sentence) {
            continue;
        }
        fill.sentences.push(sentence);
        filled += usize::from(fill.sentences.len() == BAND_ROWS);
    }
    filled
}

/// Writes the filled lists in key order, and each examined fingerprint's flag as a
/// fresh index sets it (complete when no more reports hold it than a list keeps).
fn write(conn: &Connection, wanted: Wanted) -> rusqlite::Result<()> {
    let mut flag =
        conn.prepare_cached("UPDATE reuse_hashes SET complete = reports <= ?2 WHERE hash = ?1")?;
    let mut hashes: Vec<(u64, HashFill)> = wanted.hashes.into_iter().collect();
    hashes.sort_unstable_by_key(|&(hash, _)| hash as i64);
    for (hash, fill) in &hashes {
        lists::write_posting_list(conn, *hash, &fill.postings)?;
        flag.execute(params![*hash as i64, POSTINGS_CAP as i64])?;
    }
    for hash in wanted.settled {
        flag.execute(params![hash as i64, POSTINGS_CAP as i64])?;
    }
    let mut bands: Vec<(u64, BandFill)> = wanted.bands.into_iter().collect();
    bands.sort_unstable_by_key(|&(band, _)| band as i64);
    for (band, fill) in &bands {
        let mut blob = Vec::with_capacity(fill.sentences.len() * 6);
        fill.sentences
            .iter()
            .for_each(|s| packed::put_sentence(&mut blob, s));
        lists::write_band_list(conn, *band, fill.sentences.len(), &blob)?;
    }
    Ok(())
}
