//! What the index holds and how it was built: its scheme, which reports it has and
//! which it lacks, and the connection settings index work runs with.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::SCHEME;
use crate::store::ReportKey;

/// Page cache for index work, in KiB: look-ups read partner reports and postings
/// pages again and again, and SQLite's default of 2 MiB would send them to the disk.
pub(super) const CACHE_KIB: i64 = 65_536;

/// Page cache of an importing writer, in KiB: a batch on a large store dirties nearly
/// every page of the reuse index (130 MB on the national corpus), far more than
/// [`CACHE_KIB`]; a smaller cache spills them to the log before the commit and reads
/// them back (measured: writing the index took two to three times as long).
const IMPORT_CACHE_KIB: i64 = 262_144;

/// Bytes of the store file read through memory mapping: postings and report pages are
/// read at random, and mapping them saves a system call and a copy for each. SQLite
/// clamps this to its build limit (2 GB on the usual builds).
const MMAP_BYTES: i64 = 1 << 40;

/// Sets the larger page cache and memory mapping once per connection. Only when they
/// change: setting them expires every prepared statement, and re-preparing on each
/// look-up would cost more than they save.
pub(super) fn use_large_cache(conn: &Connection) -> rusqlite::Result<()> {
    use_cache(conn, CACHE_KIB)
}

/// [`use_large_cache`] with the larger page cache of an importing writer.
pub(super) fn use_import_cache(conn: &Connection) -> rusqlite::Result<()> {
    use_cache(conn, IMPORT_CACHE_KIB)
}

fn use_cache(conn: &Connection, kib: i64) -> rusqlite::Result<()> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
    if cache != -kib {
        conn.pragma_update(None, "cache_size", -kib)?;
    }
    let mapped: i64 = conn.pragma_query_value(None, "mmap_size", |row| row.get(0))?;
    if mapped == 0 {
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    }
    Ok(())
}

pub(super) fn write_transaction(conn: &Connection) -> rusqlite::Result<Transaction<'_>> {
    Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
}

pub(super) fn stored_scheme(conn: &Connection) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM reuse_meta WHERE key = 'scheme'")?
        .query_row([], |row| row.get(0))
        .optional()
}

pub(super) fn scheme_current(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(stored_scheme(conn)?.is_some_and(|s| s == SCHEME))
}

pub(super) fn set_scheme(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO reuse_meta (key, value) VALUES ('scheme', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([SCHEME])
    .map(|_| ())
}

pub(super) fn indexed_count(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("SELECT count(*) FROM reuse_reports", [], |row| {
        Ok(usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0))
    })
}

/// How many townships hold indexed reports: kept by the store's triggers as reports
/// enter and leave `reuse_reports` (see the schema's migration 11), so reading it costs
/// the same however large the store.
pub(super) fn indexed_townships(conn: &Connection) -> rusqlite::Result<usize> {
    conn.prepare_cached("SELECT townships FROM reuse_totals WHERE only = 1")?
        .query_row([], |row| {
            Ok(usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0))
        })
}

pub(super) fn is_indexed(conn: &Connection, report: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM reuse_reports WHERE report = ?1")?
        .exists([report])
}

pub(super) fn current_id(conn: &Connection, key: &ReportKey) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT id FROM reports WHERE township = ?1 AND county = ?2 AND year = ?3 AND superseded_by IS NULL",
    )?
    .query_row(params![key.township, key.county, key.year], |row| row.get(0))
    .optional()
}

/// Empties the index, keeping the scheme it was built with.
pub(super) fn clear(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DELETE FROM reuse_posting_lists; DELETE FROM reuse_hashes; DELETE FROM reuse_band_lists;
         DELETE FROM reuse_reports; DELETE FROM reuse_townships;",
    )
}

/// Every indexed report, grouped by township.
pub(super) fn indexed_ids(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.prepare("SELECT report FROM reuse_reports ORDER BY township, report")?
        .query_map([], |row| row.get(0))?
        .collect()
}

/// Current reports not yet indexed, grouped by township so their hash sets can be
/// carried from one year to the next.
pub(super) fn missing_reports(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.prepare(
        "SELECT id FROM reports WHERE superseded_by IS NULL
           AND id NOT IN (SELECT report FROM reuse_reports)
         ORDER BY county, township, year, id",
    )?
    .query_map([], |row| row.get(0))?
    .collect()
}

/// Indexed reports that are no longer current.
pub(super) fn stale_reports(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.prepare(
        "SELECT report FROM reuse_reports
         WHERE report NOT IN (SELECT id FROM reports WHERE superseded_by IS NULL)",
    )?
    .query_map([], |row| row.get(0))?
    .collect()
}
