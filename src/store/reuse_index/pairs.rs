//! Pairs of reports and how many fingerprints they share, kept as imports go: what
//! `reuse --top` ranks first, so that it analyses the reports of the strongest pairs
//! instead of every report. Every fingerprint whose postings list both reports counts
//! for a pair within one township (its own history); across townships only a rare
//! one counts: among its first [`PAIR_HASH_REPORTS`] holders, in at most
//! [`PAIR_HASH_TOWNSHIPS`] townships (a passage copied between a few townships).
//! Text in more townships (widespread, templates) pairs no townships here.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::reuse::corpus::TownshipId;
use crate::reuse::{DocId, Kind};

/// Reports a fingerprint may be held by and still pair two townships.
pub(super) const PAIR_HASH_REPORTS: usize = 16;

/// Townships a fingerprint may be held by and still pair two of them: a cross-township
/// passage is shared with at most two other townships.
pub(super) const PAIR_HASH_TOWNSHIPS: usize = 1 + crate::reuse::CROSS_TOWNSHIP_MAX_OTHERS;

/// True when a hash now held by `reports` reports in `townships` townships (the report
/// being added included) counts towards a pair across townships.
pub(super) fn rare(reports: usize, townships: usize) -> bool {
    reports <= PAIR_HASH_REPORTS && townships <= PAIR_HASH_TOWNSHIPS
}

/// Shared fingerprints per pair, all and rare ones, gathered for one write.
#[derive(Default)]
pub(super) struct PairCounts {
    counts: HashMap<(DocId, DocId), (u32, u32)>,
}

impl PairCounts {
    /// Counts one fingerprint shared by `a` and `b`.
    pub(super) fn add(&mut self, a: DocId, b: DocId, rare: bool) {
        if a != b {
            let (all, rare_ones) = self.counts.entry((a.min(b), a.max(b))).or_default();
            *all += 1;
            *rare_ones += u32::from(rare);
        }
    }

    /// Adds the counts to `reuse_pairs`: all shared fingerprints for a pair within one
    /// township, the rare ones for a pair across townships.
    pub(super) fn write(self, conn: &Connection) -> rusqlite::Result<()> {
        let mut townships: HashMap<DocId, Option<TownshipId>> = HashMap::new();
        let mut upsert = conn.prepare_cached(
            "INSERT INTO reuse_pairs (a, b, shared, crossing) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (a, b) DO UPDATE SET shared = shared + excluded.shared",
        )?;
        let mut sorted: Vec<((DocId, DocId), (u32, u32))> = self.counts.into_iter().collect();
        sorted.sort_unstable();
        for ((a, b), (all, rare)) in sorted {
            let crossing =
                township_of(conn, &mut townships, a)? != township_of(conn, &mut townships, b)?;
            let shared = if crossing { rare } else { all };
            if shared > 0 {
                upsert.execute(params![a, b, shared, crossing])?;
            }
        }
        Ok(())
    }
}

fn township_of(
    conn: &Connection,
    known: &mut HashMap<DocId, Option<TownshipId>>,
    report: DocId,
) -> rusqlite::Result<Option<TownshipId>> {
    if let Some(&township) = known.get(&report) {
        return Ok(township);
    }
    let township = conn
        .prepare_cached("SELECT township FROM reuse_reports WHERE report = ?1")?
        .query_row([report], |row| row.get(0))
        .optional()?;
    known.insert(report, township);
    Ok(township)
}

/// Takes a report's pairs out.
pub(super) fn remove_pairs(conn: &Connection, report: DocId) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM reuse_pairs WHERE a = ?1 OR b = ?1")?
        .execute([report])
        .map(|_| ())
}

/// Pairs read per ranked entry when choosing the reports to analyse: the pairs' order
/// by shared fingerprints is close to, not the same as, their order by shared text.
const PAIRS_PER_ENTRY: usize = 2;

/// The reports `reuse --top` analyses for `limit` entries of `kind`: those of the pairs
/// sharing the most rare fingerprints, across townships for cross-township text,
/// within one for its own history, both when no kind is asked for. Widespread and
/// template text pair no reports here: `None` then, and every report is analysed.
pub(super) fn candidates(
    conn: &Connection,
    kind: Option<Kind>,
    limit: usize,
) -> rusqlite::Result<Option<Vec<DocId>>> {
    let crossing: &[bool] = match kind {
        Some(Kind::Template | Kind::Widespread) => return Ok(None),
        Some(Kind::OwnHistory) => &[false],
        Some(Kind::CrossTownship) => &[true],
        None => &[true, false],
    };
    let pairs = i64::try_from(limit.saturating_mul(PAIRS_PER_ENTRY)).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT a, b FROM reuse_pairs WHERE crossing = ?1 ORDER BY shared DESC, a, b LIMIT ?2",
    )?;
    let mut reports = Vec::new();
    for &crossing in crossing {
        let rows = stmt.query_map(params![crossing, pairs], |row| {
            Ok([row.get::<_, DocId>(0)?, row.get::<_, DocId>(1)?])
        })?;
        for row in rows {
            reports.extend(row?);
        }
    }
    reports.sort_unstable();
    reports.dedup();
    Ok(Some(reports))
}
