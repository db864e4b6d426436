//! Adding one report at a time, as `sync` does, and the hashes of a township's reports.
//! The entries come from [`ReportEntries`]; this module only counts them into the tables.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::lists;
use crate::reuse::entries::{BandEntry, distinct_hashes, keeps_postings};
use crate::reuse::fingerprint::FingerprintSet;
use crate::reuse::{MatchText, POSTINGS_CAP, Posting, ReportEntries, SentencePosting};
use crate::store::clean_text;

/// A report as the index needs it.
pub(super) struct Loaded {
    pub township: String,
    pub county: String,
    pub text: String,
}

pub(super) fn load_report(conn: &Connection, id: i64) -> rusqlite::Result<Option<Loaded>> {
    conn.prepare_cached("SELECT township, county, text, text_zstd FROM reports WHERE id = ?1")?
        .query_row([id], |row| {
            Ok(Loaded {
                township: row.get(0)?,
                county: row.get(1)?,
                text: clean_text::read(row, 2)?,
            })
        })
        .optional()
}

pub(super) fn township_id(
    conn: &Connection,
    township: &str,
    county: &str,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO reuse_townships (township, county) VALUES (?1, ?2)
         ON CONFLICT (township, county) DO NOTHING",
    )?
    .execute(params![township, county])?;
    conn.prepare_cached("SELECT id FROM reuse_townships WHERE township = ?1 AND county = ?2")?
        .query_row(params![township, county], |row| row.get(0))
}

/// Distinct fingerprint hashes of indexed reports, by report id: read off the writer
/// (see [`crate::store::Store::township_hashes`]) so that the one writer does not
/// fingerprint a township's earlier years again for each new year.
#[derive(Debug, Default)]
pub struct ReportHashes(HashMap<i64, Vec<u64>>);

/// Every indexed report of a township with an id below `below`, with its distinct
/// hashes. A report's hashes never change (a new text is a new report), so an answer
/// read before later writes is still right for the reports it names. Single-table
/// statements: SQLite prepares a join on the township's name again whenever it changes.
pub(super) fn read_township_hashes(
    conn: &Connection,
    township: &str,
    county: &str,
    below: i64,
) -> rusqlite::Result<ReportHashes> {
    let Some(township) = conn
        .prepare_cached("SELECT id FROM reuse_townships WHERE township = ?1 AND county = ?2")?
        .query_row(params![township, county], |row| row.get::<_, i64>(0))
        .optional()?
    else {
        return Ok(ReportHashes::default());
    };
    let kept: Vec<(i64, Option<Vec<u8>>)> = conn
        .prepare_cached(
            "SELECT report, hashes FROM reuse_reports WHERE township = ?1 AND report < ?2",
        )?
        .query_map(params![township, below], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = HashMap::new();
    for (id, list) in kept {
        if let Some(hashes) = kept_or_fingerprinted(conn, id, list)? {
            found.insert(id, hashes);
        }
    }
    Ok(ReportHashes(found))
}

/// A report's distinct hashes: the list older versions kept in `reuse_reports.hashes`,
/// or its text fingerprinted again; `None` when the store no longer holds it.
fn kept_or_fingerprinted(
    conn: &Connection,
    report: i64,
    list: Option<Vec<u8>>,
) -> rusqlite::Result<Option<Vec<u64>>> {
    if let Some(blob) = list {
        return Ok(Some(decode_hashes(&blob).collect()));
    }
    let text = conn
        .prepare_cached("SELECT text, text_zstd FROM reports WHERE id = ?1")?
        .query_row([report], |row| clean_text::read(row, 0))
        .optional()?;
    Ok(text.map(|text| {
        distinct_hashes(&MatchText::new(&text))
            .into_iter()
            .collect()
    }))
}

/// The fingerprint hashes of a township's indexed reports other than `except`: a hash
/// outside this set is new to the township. Taken from `known` where it has the report,
/// otherwise fingerprinted again from the text (a list of 8-byte hashes per report
/// cost more store than the text); lists kept by older versions in
/// `reuse_reports.hashes` are read instead. Single-table statements: SQLite prepares
/// one joining `reuse_reports` to `reports` on a report id again at every new id.
pub(super) fn township_hashes(
    conn: &Connection,
    township: i64,
    except: i64,
    known: &ReportHashes,
) -> rusqlite::Result<FingerprintSet> {
    let kept: Vec<(i64, Option<Vec<u8>>)> = conn
        .prepare_cached(
            "SELECT report, hashes FROM reuse_reports WHERE township = ?1 AND report != ?2",
        )?
        .query_map(params![township, except], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut hashes = FingerprintSet::default();
    for (id, list) in kept {
        match known.0.get(&id) {
            Some(list) => hashes.extend(list.iter().copied()),
            None => hashes.extend(kept_or_fingerprinted(conn, id, list)?.unwrap_or_default()),
        }
    }
    Ok(hashes)
}

/// A hash list kept by older versions: ascending, eight little-endian bytes each.
fn decode_hashes(blob: &[u8]) -> impl Iterator<Item = u64> + '_ {
    blob.chunks_exact(8).map(|b| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(b);
        u64::from_le_bytes(bytes)
    })
}

/// Indexes every report in `ids` (grouped by township), carrying each township's hash
/// set from one report to the next instead of re-reading it.
pub(super) fn add_all(
    conn: &Connection,
    ids: &[i64],
    progress: &mut dyn FnMut(usize, usize),
) -> rusqlite::Result<()> {
    let mut current: Option<(i64, FingerprintSet)> = None;
    for (done, &id) in ids.iter().enumerate() {
        progress(done, ids.len());
        let Some(loaded) = load_report(conn, id)? else {
            continue;
        };
        let township = township_id(conn, &loaded.township, &loaded.county)?;
        let mut known = match current.take() {
            Some((t, hashes)) if t == township => hashes,
            _ => township_hashes(conn, township, id, &ReportHashes::default())?,
        };
        let entries = ReportEntries::new(&MatchText::new(&loaded.text));
        add(conn, id, township, &entries, &known)?;
        known.extend(entries.fingerprints().iter().map(|fp| fp.hash));
        current = Some((township, known));
    }
    progress(ids.len(), ids.len());
    Ok(())
}

/// Writes one report's entries; `known` holds the hashes its township already has.
fn add(
    conn: &Connection,
    report: i64,
    township: i64,
    entries: &ReportEntries,
    known: &FingerprintSet,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO reuse_reports (report, township, chars) VALUES (?1, ?2, ?3)")?
        .execute(params![report, township, entries.chars as i64])?;
    let posted = count_hashes(conn, entries, known)?;
    let mut kept: Vec<(u64, Posting)> = entries
        .fingerprints()
        .iter()
        .filter(|fp| posted.contains(&fp.hash))
        .map(|fp| {
            let posting = Posting {
                doc: report,
                pos: fp.pos,
                context: fp.context,
            };
            (fp.hash, posting)
        })
        .collect();
    kept.sort_unstable_by_key(|(hash, p)| (*hash, p.pos));
    for group in kept.chunk_by(|a, b| a.0 == b.0) {
        let postings: Vec<Posting> = group.iter().map(|(_, p)| *p).collect();
        lists::merge_postings(conn, group[0].0, &postings)?;
    }
    add_bands(conn, report, &entries.bands)
}

/// Counts a report's hashes in; returns the hashes whose postings it keeps.
fn count_hashes(
    conn: &Connection,
    entries: &ReportEntries,
    known: &FingerprintSet,
) -> rusqlite::Result<FingerprintSet> {
    let mut count = conn.prepare_cached(
        "INSERT INTO reuse_hashes (hash, reports, townships, complete) VALUES (?1, 1, ?2, 1)
         ON CONFLICT (hash) DO UPDATE SET reports = reports + 1,
             townships = townships + excluded.townships,
             complete = complete AND reports < ?3
         RETURNING reports",
    )?;
    let mut posted = FingerprintSet::default();
    for hash in entries.hashes() {
        let new_township = i64::from(!known.contains(&hash));
        let reports: i64 = count.query_row(
            params![hash as i64, new_township, POSTINGS_CAP as i64],
            |row| row.get(0),
        )?;
        if keeps_postings(usize::try_from(reports).unwrap_or(usize::MAX)) {
            posted.insert(hash);
        }
    }
    Ok(posted)
}

fn add_bands(conn: &Connection, report: i64, bands: &[BandEntry]) -> rusqlite::Result<()> {
    for entry in bands {
        let sentence = SentencePosting {
            doc: report,
            span: entry.span,
        };
        lists::add_sentences(conn, entry.band, &[sentence])?;
    }
    Ok(())
}
