//! Writing reports: one import batch shares a write transaction, each report in it is
//! all or nothing (a savepoint of its own), the reuse index entries of a batch's reports
//! are written just before it commits, and their texts go to the full-text index file
//! (`search`), which holds them once the batch has committed.

use std::path::PathBuf;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::reuse_index::IndexEntries;
use super::{
    ImportStatus, NewReport, Store, StoreError, clean_text, original, reuse_index, search,
    sha256_hex, sqlite,
};
use crate::reuse::{MatchText, ReportEntries};
use search::BatchTexts;

type Result<T> = std::result::Result<T, StoreError>;

/// Imports sharing one transaction; see [`Store::begin_import`]. Dropped without
/// [`ImportBatch::commit`], it rolls every import in it back.
pub struct ImportBatch<'a> {
    pub(super) tx: Transaction<'a>,
    /// The store's connection, read again once `tx` has committed.
    pub(super) store: &'a Connection,
    pub(super) path: PathBuf,
    pub(super) index: reuse_index::PendingIndex,
    pub(super) texts: BatchTexts<'a>,
    /// When the batch began, as every report of it records its import: formatted once.
    pub(super) imported_at: String,
    /// The memory its index entries may take (see [`ImportBatch::is_full`]).
    pub(super) largest: usize,
}

/// What writing a report needs that costs CPU but no store: its clean text compressed,
/// the digests of text and original bytes, the original as stored and the artifacts as
/// JSON. Importers compute it on every core, so the one writer only writes.
pub struct PackedReport {
    text: Option<Vec<u8>>,
    text_sha256: String,
    source_sha256: String,
    original_codec: &'static str,
    original: Vec<u8>,
    artifacts: String,
}

impl PackedReport {
    /// Packs `report` for [`ImportBatch::import_with`].
    pub fn new(report: &NewReport<'_>) -> PackedReport {
        let (original_codec, original) = original::pack(report.original, report.text);
        let text_sha256 = sha256_hex(report.text.as_bytes());
        // Original bytes that are the clean text have its digest.
        let source_sha256 = if report.original == report.text.as_bytes() {
            text_sha256.clone()
        } else {
            sha256_hex(report.original)
        };
        PackedReport {
            text: clean_text::pack(report.text),
            text_sha256,
            source_sha256,
            original_codec,
            original: original.into_owned(),
            artifacts: serde_json::to_string(report.artifacts).unwrap_or_else(|_| "[]".to_string()),
        }
    }
}

impl ImportBatch<'_> {
    /// Imports one report as [`Store::import`] does: identical text is a no-op, a
    /// different text needs `replace`, and the report is written in one savepoint. A
    /// failed report leaves nothing behind. Its reuse index entries are written when the
    /// batch commits, so they are never without it; its text for search is indexed
    /// once the batch has committed (searches read what the index does not hold yet).
    pub fn import(&mut self, report: &NewReport<'_>, replace: bool) -> Result<ImportStatus> {
        let entries = IndexEntries::new(ReportEntries::new(&MatchText::new(report.text)));
        let known = reuse_index::ReportHashes::default();
        self.import_with(report, PackedReport::new(report), entries, &known, replace)
    }

    /// [`ImportBatch::import`] with the report packed and its reuse index entries
    /// computed (they are the costly part, and need no writer: importers compute them
    /// on every core while one thread writes), and the hashes of its township's stored
    /// reports as far as known ([`crate::store::Store::township_hashes`]; any report
    /// missing from them is fingerprinted here). All must be those of `report`.
    pub fn import_with(
        &mut self,
        report: &NewReport<'_>,
        packed: PackedReport,
        entries: IndexEntries,
        known: &reuse_index::ReportHashes,
        replace: bool,
    ) -> Result<ImportStatus> {
        let path = self.path.clone();
        let fail = |e| sqlite(&path, e);
        if replace && self.replaces_pending(report).map_err(fail)? {
            // A replacement takes the old report's entries out, so they must be in.
            self.index.flush(&self.tx).map_err(fail)?;
        }
        let savepoint = self.tx.savepoint().map_err(fail)?;
        let row = Row {
            report,
            packed: &packed,
            imported_at: &self.imported_at,
        };
        let imported = import_in(&savepoint, &row, replace).map_err(|e| match e {
            ImportFailure::Conflict => StoreError::Conflict {
                township: report.township.to_string(),
                year: report.year,
            },
            ImportFailure::Sqlite(e) => sqlite(&path, e),
        })?;
        let (status, stored, pending) = match imported {
            Imported::Unchanged => (ImportStatus::Unchanged, None, None),
            Imported::Stored { id, replaced } => {
                let stored = Some((id, replaced));
                let status = match replaced {
                    Some(_) => ImportStatus::Replaced,
                    None => ImportStatus::Imported,
                };
                let pending = self
                    .index
                    .prepare(&savepoint, id, report, entries, replaced, known)
                    .map_err(fail);
                if pending.is_err() {
                    self.index.forget_township();
                }
                (status, stored, pending?)
            }
        };
        if let Err(e) = savepoint.commit() {
            self.index.forget_township();
            return Err(fail(e));
        }
        if let Some((id, replaced)) = stored {
            self.texts.stored(id, report.text, replaced);
        }
        if let Some(pending) = pending {
            self.index.accept(pending);
        }
        Ok(status)
    }

    /// True when the index entries it holds in memory until it commits have reached
    /// their limit: the batch should commit before it takes another report, whatever
    /// its window says.
    pub fn is_full(&self) -> bool {
        self.index.held_bytes() >= self.largest
    }

    /// True when the current report with `report`'s identity was stored by this batch and
    /// its index entries still wait to be written.
    fn replaces_pending(&self, report: &NewReport<'_>) -> rusqlite::Result<bool> {
        let current: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT id FROM reports WHERE township = ?1 AND county = ?2 AND year = ?3 AND superseded_by IS NULL",
            )?
            .query_row(
                params![report.township, report.county, report.year],
                |row| row.get(0),
            )
            .optional()?;
        Ok(current.is_some_and(|id| self.index.holds(id)))
    }

    /// Writes the batch's index entries and makes every import of it durable at once;
    /// then its texts are indexed for search.
    pub fn commit(mut self) -> Result<()> {
        let path = self.path;
        self.index
            .flush(&self.tx)
            .and_then(|_| self.tx.commit())
            .map_err(|e| sqlite(&path, e))?;
        self.texts.committed(self.store, &path);
        Ok(())
    }
}

impl Store {
    /// Copies what the write-ahead log holds into the store file now, waiting for no
    /// reader (a passive checkpoint). `import` does it once its last batch committed
    /// ([`Store::finish_import`]), while the full-text index finishes on its own thread,
    /// so closing the store, which would do it then, has nothing left to copy. Best
    /// effort: what is not copied now is copied when the store closes.
    pub fn copy_log_into_store(&self) {
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    }
}

enum ImportFailure {
    Conflict,
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for ImportFailure {
    fn from(e: rusqlite::Error) -> Self {
        ImportFailure::Sqlite(e)
    }
}

/// What storing one report did; its index entries are the caller's to queue.
enum Imported {
    Unchanged,
    Stored { id: i64, replaced: Option<i64> },
}

/// What a report's row is written from.
struct Row<'a> {
    report: &'a NewReport<'a>,
    packed: &'a PackedReport,
    imported_at: &'a str,
}

fn import_in(
    tx: &Connection,
    row: &Row<'_>,
    replace: bool,
) -> std::result::Result<Imported, ImportFailure> {
    let (report, packed) = (row.report, row.packed);
    // The digest stands for the text: reading and decompressing it is not needed.
    let existing: Option<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, text_sha256 FROM reports WHERE township = ?1 AND county = ?2 AND year = ?3 AND superseded_by IS NULL",
        )?
        .query_row(
            params![report.township, report.county, report.year],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match &existing {
        Some((_, sha256)) if *sha256 == packed.text_sha256 => return Ok(Imported::Unchanged),
        Some(_) if !replace => return Err(ImportFailure::Conflict),
        _ => {}
    }
    let Some((old_id, _)) = existing else {
        let id = insert_report(tx, row)?;
        return Ok(Imported::Stored { id, replaced: None });
    };
    // Mark the old version first so the partial unique index admits the new one; the
    // placeholder is fixed below once the new id is known.
    tx.execute(
        "UPDATE reports SET superseded_by = -1 WHERE id = ?1",
        [old_id],
    )?;
    let id = insert_report(tx, row)?;
    tx.execute(
        "UPDATE reports SET superseded_by = ?1 WHERE id = ?2",
        params![id, old_id],
    )?;
    Ok(Imported::Stored {
        id,
        replaced: Some(old_id),
    })
}

fn insert_report(tx: &Connection, row: &Row<'_>) -> rusqlite::Result<i64> {
    let (r, p) = (row.report, row.packed);
    // The text is kept once: compressed, or as it is when it did not compress.
    let plain = if p.text.is_some() { "" } else { r.text };
    tx.prepare_cached(
        "INSERT INTO reports (township, county, province, year, title, signed_by, signed_on, text,
            text_sha256, source_path, source_sha256, format, encoding, original, artifacts, imported_at,
            original_codec, text_zstd)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
            r.township,
            r.county,
            r.province,
            r.year,
            r.title,
            r.signed_by,
            r.signed_on,
            plain,
            p.text_sha256,
            r.source_path,
            p.source_sha256,
            r.format,
            r.encoding,
            p.original,
            p.artifacts,
            row.imported_at,
            p.original_codec,
            p.text,
    ])?;
    Ok(tx.last_insert_rowid())
}
