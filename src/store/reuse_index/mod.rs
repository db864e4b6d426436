//! The reuse index in SQLite: fingerprint counts and postings, sentence bands, and which
//! reports and townships are indexed. `import` updates it inside its own transaction
//! (the new reports only, written together when the batch commits; a replaced report's
//! entries go), `nianbao reuse --rebuild`
//! rebuilds it, and look-ups read it through [`crate::reuse::Corpus`].
//! [`report_reuse`] is the look-up behind `nianbao reuse TOWNSHIP YEAR` and the review
//! interface's reuse view (called from a worker thread with that thread's own store);
//! it answers in tens of milliseconds on a store of 10,000 reports.
//!
//! What a report puts into the index (fingerprints with their context digests, sentence
//! bands) and the caps that bound it come from [`crate::reuse::entries`], the same code
//! the in-memory index uses; this module only writes and reads them.
//!
//! Scale: every fingerprint keeps exact report and township counts, but postings stop
//! at [`crate::reuse::POSTINGS_CAP`] reports (common text is template by definition),
//! and a band stops taking postings once it has more than the cap. Hashes are stored
//! as integers, writes go through cached prepared statements, and a rebuild stages
//! everything first and writes each table in key order.

mod batch;
mod bulk;
mod evidence;
mod gathered;
mod held;
mod incremental;
mod lists;
mod lookup;
mod packed;
mod refill;
#[cfg(test)]
mod refill_tests;
mod removals;
mod spread_sort;
mod state;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod top_tests;
#[cfg(test)]
mod upkeep_tests;

use std::collections::HashSet;

use super::{ReportKey, Store, StoreError, sqlite};
use crate::reuse::top::rank;
use crate::reuse::{Corpus, Kind, Params, ReuseReport, Top, analyze_indexed};
use bulk::bulk_index;
use incremental::{add_all, read_township_hashes};
use lookup::{StoreCorpus, use_page_cache};
use removals::remove;
use state::{
    clear, current_id, indexed_count, indexed_ids, is_indexed, missing_reports, scheme_current,
    set_scheme, stale_reports, stored_scheme, use_large_cache, write_transaction,
};

pub use batch::IndexEntries;
pub(super) use batch::PendingIndex;
pub use incremental::ReportHashes;

/// The fingerprint scheme the index was built with. Stored in `reuse_meta`; an index
/// built otherwise is rebuilt rather than mixed.
const SCHEME: &str = "winnow-k10-w11;minhash-3gram-8x2;cap64;v2";

/// Missing reports above which bringing the index up to date rebuilds it in bulk (when
/// they also outnumber the reports already indexed).
const BULK_THRESHOLD: usize = 200;

type Result<T> = std::result::Result<T, StoreError>;

/// What bringing the index up to date did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Reports newly indexed.
    pub added: usize,
    /// Replaced or vanished reports taken out.
    pub removed: usize,
    /// True when the whole index was rebuilt.
    pub rebuilt: bool,
}

/// Brings the index up to date: indexes current reports it lacks, removes reports no
/// longer current, and rebuilds it when it was built with another scheme. Writes
/// nothing when it is already up to date, nor on a read-only store (imports keep the
/// index current). `progress` gets (done, total).
pub fn sync(store: &Store, progress: &mut dyn FnMut(usize, usize)) -> Result<SyncSummary> {
    if store.is_read_only() {
        return Ok(SyncSummary::default());
    }
    let conn = &store.conn;
    let fail = |e| sqlite(&store.path, e);
    use_large_cache(conn).map_err(fail)?;
    match stored_scheme(conn).map_err(fail)? {
        Some(scheme) if scheme != SCHEME => return rebuild(store, progress),
        _ => {}
    }
    let missing = missing_reports(conn).map_err(fail)?;
    let stale = stale_reports(conn).map_err(fail)?;
    if missing.is_empty()
        && stale.is_empty()
        && stored_scheme(conn).map_err(fail)?.is_some()
        && !refill::marked(conn).map_err(fail)?
    {
        return Ok(SyncSummary::default());
    }
    if missing.len() > BULK_THRESHOLD.max(indexed_count(conn).map_err(fail)?) {
        return rebuild(store, progress);
    }
    let tx = write_transaction(conn).map_err(fail)?;
    set_scheme(&tx).map_err(fail)?;
    for &report in &stale {
        remove(&tx, report).map_err(fail)?;
    }
    add_all(&tx, &missing, progress).map_err(fail)?;
    refill::refill(&tx).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(SyncSummary {
        added: missing.len(),
        removed: stale.len(),
        rebuilt: false,
    })
}

/// Throws the index away and indexes every current report again, in one transaction.
pub fn rebuild(store: &Store, progress: &mut dyn FnMut(usize, usize)) -> Result<SyncSummary> {
    let conn = &store.conn;
    let fail = |e| sqlite(&store.path, e);
    use_large_cache(conn).map_err(fail)?;
    let tx = write_transaction(conn).map_err(fail)?;
    let removed = indexed_count(&tx).map_err(fail)?;
    clear(&tx).map_err(fail)?;
    set_scheme(&tx).map_err(fail)?;
    let missing = missing_reports(&tx).map_err(fail)?;
    bulk_index(&tx, &missing, progress).map_err(fail)?;
    refill::unmark(&tx).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(SyncSummary {
        added: missing.len(),
        removed,
        rebuilt: true,
    })
}

/// One stored report's reused passages, with kinds, the other reports holding each
/// and the shares: the data of `nianbao reuse TOWNSHIP YEAR`, for the CLI and the TUI.
/// Brings the index up to date first when the report is not in it. `None` when no
/// current report has this identity.
pub fn report_reuse(
    store: &Store,
    key: &ReportKey,
    params: &Params,
) -> Result<Option<ReuseReport>> {
    let fail = |e| sqlite(&store.path, e);
    let Some(id) = current_id(&store.conn, key).map_err(fail)? else {
        return Ok(None);
    };
    if !is_indexed(&store.conn, id).map_err(fail)?
        || !scheme_current(&store.conn).map_err(fail)?
        || refill::marked(&store.conn).map_err(fail)?
    {
        sync(store, &mut |_, _| {})?;
    }
    use_page_cache(&store.conn).map_err(fail)?;
    // One read transaction for the thousands of look-ups: the file is locked once, and
    // every read sees the same state of the index.
    let tx = store.conn.unchecked_transaction().map_err(fail)?;
    let found = analyze_indexed(&mut StoreCorpus::new(&tx), id, params).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(found.map(|(_, report)| report))
}

/// Indexed reports up to which `reuse --top` analyses every report: a county's store
/// answers in seconds with the rankings of the full analysis.
const ANALYSED_WHOLE: usize = 250;

/// Corpus-wide rankings (see [`crate::reuse::TopBuilder`]): of every indexed report in a
/// store of up to [`ANALYSED_WHOLE`] reports, otherwise of the reports the index shows
/// sharing the most distinctive text (see [`crate::reuse::candidates`]), each analysed
/// in full. Read from the index as it is, so it is current after every import.
/// `every_report` asks for the full analysis whatever the store's size: exact rankings
/// for those who can wait. `progress` gets (done, total) of the reports analysed.
pub fn top(
    store: &Store,
    kind: Option<Kind>,
    params: &Params,
    limit: usize,
    every_report: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RankedTop> {
    let fail = |e| sqlite(&store.path, e);
    // The bulk read goes through SQLite's page cache rather than memory mapping: it
    // reads the whole postings table once, and mapped pages would count towards the
    // process's memory however little of them it keeps.
    store
        .conn
        .pragma_update(None, "mmap_size", 0)
        .map_err(fail)?;
    let tx = store.conn.unchecked_transaction().map_err(fail)?;
    let indexed = indexed_count(&tx).map_err(fail)?;
    let ids = if every_report {
        indexed_ids(&tx).map_err(fail)?
    } else {
        reports_to_rank(&tx, kind, params, limit).map_err(fail)?
    };
    tx.commit().map_err(fail)?;
    let analysed = ids.len();
    // The analyses read a few reports' postings and texts at random: mapped.
    use_large_cache(&store.conn).map_err(fail)?;
    let tx = store.conn.unchecked_transaction().map_err(fail)?;
    let top = rank(
        &mut StoreCorpus::new(&tx),
        &ids,
        kind,
        params,
        limit,
        progress,
    )
    .map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(RankedTop {
        top,
        analysed,
        indexed,
    })
}

/// Rankings with how many reports they were made from: on a large store only some are
/// analysed, and a reader must be told the rankings are those reports' alone.
#[derive(Debug)]
pub struct RankedTop {
    pub top: Top,
    /// Reports analysed for the rankings.
    pub analysed: usize,
    /// Reports in the index; more than `analysed` means a strong pair may be missed.
    pub indexed: usize,
}

/// The reports `reuse --top` analyses for rankings of `kind` and `limit` entries:
/// every indexed report in a small store, otherwise those the index's evidence points
/// to (see [`crate::reuse::candidates::Evidence::choose`]).
fn reports_to_rank(
    conn: &rusqlite::Connection,
    kind: Option<Kind>,
    params: &Params,
    limit: usize,
) -> rusqlite::Result<Vec<i64>> {
    if indexed_count(conn)? <= ANALYSED_WHOLE {
        return indexed_ids(conn);
    }
    let total = StoreCorpus::new(conn).township_count()?;
    Ok(evidence::gather(conn, kind, params, total)?.choose(limit))
}

impl Store {
    /// The distinct fingerprint hashes of a township's indexed reports with ids below
    /// `below`, for [`crate::store::ImportBatch::import_with`]: read on an importing
    /// thread's own connection, so the writer need not fingerprint earlier years again.
    /// An import passes [`Store::next_report_id`] as it started: the writer carries the
    /// hashes of the reports it writes itself.
    pub fn township_hashes(
        &self,
        township: &str,
        county: &str,
        below: i64,
    ) -> Result<ReportHashes> {
        read_township_hashes(&self.conn, township, county, below).map_err(|e| sqlite(&self.path, e))
    }

    /// The townships (name, county) holding indexed reports with ids below `below`: the
    /// only ones [`Store::township_hashes`] finds anything for, so an import asks it
    /// about these alone and a fresh store costs its importing threads no reads.
    pub fn indexed_townships(&self, below: i64) -> Result<HashSet<(String, String)>> {
        let fail = |e| sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT DISTINCT t.township, t.county FROM reuse_townships t
                 JOIN reuse_reports x ON x.township = t.id WHERE x.report < ?1",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map([below], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)
    }

    /// Fills the capped reuse lists that replaced reports left short (see
    /// [`refill`]), in a transaction of its own: an import calls it once its last batch
    /// has committed, so the index then answers as one built afresh from the same
    /// reports. Does nothing when no list was left short, or on a read-only store.
    pub fn refill_reuse_lists(&self) -> Result<()> {
        let fail = |e| sqlite(&self.path, e);
        if self.is_read_only() || !refill::marked(&self.conn).map_err(fail)? {
            return Ok(());
        }
        let tx = write_transaction(&self.conn).map_err(fail)?;
        refill::refill(&tx).map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// No stored report has this id or a higher one.
    pub fn next_report_id(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM reports", [], |row| {
                row.get(0)
            })
            .map_err(|e| sqlite(&self.path, e))
    }
}

/// Number of reports in the index.
pub fn indexed_reports(store: &Store) -> Result<usize> {
    indexed_count(&store.conn).map_err(|e| sqlite(&store.path, e))
}
