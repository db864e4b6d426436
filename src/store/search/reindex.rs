//! Bringing the full-text index file up to date without an import: for a store copied
//! without its `-search` file, one whose file was deleted or is another store's, or
//! one an import was killed in. Until then every search reads the reports the index
//! lacks one by one.
//!
//! It writes through an [`Indexer`] as an import does, a step of ids at a time, each
//! step its own transaction of the index file that reads its texts from the store and
//! moves the mark: a running import's indexer waits for a step at most (and the other
//! way round), and whichever indexes a report first, the other finds it under the mark
//! and skips it. A kill leaves the index where the last step left it, never wrong.

use rusqlite::Connection;
use serde::Serialize;

use super::super::{Store, StoreError, sqlite};
use super::index_file;
use super::indexer::Indexer;

/// What [`Store::reindex_texts`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReindexSummary {
    /// Reports read into the index.
    pub indexed: usize,
    /// Whether the index held nothing of this store before (no file, an emptied one,
    /// or another store's), so it was built whole.
    pub rebuilt: bool,
}

/// Report ids one step covers: about 1,000 reports of ~10 KB, well under a second of
/// work, so a running import's indexer is never kept waiting long.
const IDS_PER_STEP: i64 = 1000;

impl Store {
    /// How many current reports the index file does not hold: the next import indexes
    /// them before it ends, or `reindex_texts` at once. Every report when there is no
    /// index file of this layout or it is another store's. Nothing is written.
    pub fn texts_not_indexed(&self) -> Result<usize, StoreError> {
        let mark = index_file::open_for_reading(&self.path, self.read_only)
            .and_then(|index| index_file::mark_for(&index, &self.conn).ok().flatten())
            .unwrap_or(0);
        let (count, _) = unindexed(&self.conn, mark).map_err(|e| sqlite(&self.path, e))?;
        Ok(count)
    }

    /// Indexes every current report the index file lacks, creating the file when there
    /// is none and starting it over when it is another store's. `progress` is told the
    /// reports indexed so far and how many there are to index. Refused on a store
    /// opened read-only.
    pub fn reindex_texts(
        &self,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ReindexSummary, StoreError> {
        let index_path = index_file::path_of(&self.path);
        if self.read_only {
            return Err(sqlite(&self.path, read_only()));
        }
        let fail = |e| sqlite(&index_path, e);
        let mut indexer = Indexer::open(&self.path).map_err(fail)?;
        let mark = indexer.mark(&self.conn).map_err(fail)?;
        let store_fail = |e| sqlite(&self.path, e);
        let (to_index, last) = unindexed(&self.conn, mark).map_err(store_fail)?;
        let mut summary = ReindexSummary {
            indexed: 0,
            rebuilt: mark == 0 && last > 0,
        };
        progress(0, to_index);
        let mut through = mark;
        let mut step = 0;
        while through < last {
            through = last.min(through + IDS_PER_STEP);
            step += 1;
            summary.indexed += indexer.committed(&self.conn, step, through).map_err(fail)?;
            progress(summary.indexed, to_index.max(summary.indexed));
        }
        Ok(summary)
    }
}

/// How many current reports lie above `mark`, and the store's highest report id.
fn unindexed(store: &Connection, mark: i64) -> rusqlite::Result<(usize, i64)> {
    store.query_row(
        "SELECT (SELECT count(*) FROM reports WHERE id > ?1 AND superseded_by IS NULL),
                (SELECT coalesce(max(id), 0) FROM reports)",
        [mark],
        |row| {
            let count: i64 = row.get(0)?;
            Ok((usize::try_from(count).unwrap_or(0), row.get(1)?))
        },
    )
}

fn read_only() -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
        Some("opened read-only: its search index cannot be built".to_string()),
    )
}
