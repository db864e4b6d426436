//! Writing the full-text index file (`index_file`) outside the store's transaction.
//!
//! An [`Indexer`] takes the texts of an import batch as the batch stores them, into a
//! transaction of the index file of its own, and commits it only once it is told the
//! batch committed in the store: it then first reads from the store whatever else is
//! below the batch's highest id and not yet indexed (another importer's batches, texts
//! it was never handed), so the mark it records is always true. Texts of a batch that
//! never committed are rolled back with the index's transaction, so an id the store
//! gives out again is never indexed with a text it does not have. A failure, or a kill,
//! leaves the index behind the store, never wrong: the next batch indexed catches up.
//!
//! `import` runs an indexer on a thread of its own ([`IndexerThread`]), so the work of
//! the index (tokenizing every text into trigrams) is done beside the writer's instead
//! of inside its transaction; other writers index each batch when it commits. The
//! thread writes out what FTS5 holds in memory when the texts stop coming for a moment
//! (the writer finishing its batch), so that too is done beside the writer.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::super::{BUSY_TIMEOUT, IMPORT_CHECKPOINT_PAGES, clean_text};
use super::index_file::{mark_for, open_for_writing, set_mark};

/// The index file's writing side.
pub(in crate::store) struct Indexer {
    conn: Connection,
    /// The batch whose texts the open transaction holds; `None`: none open.
    open: Option<Open>,
}

struct Open {
    batch: u64,
    /// How far the index went when the transaction began.
    mark: i64,
    /// Reports indexed in it.
    added: HashSet<i64>,
    /// Replaced reports to take out when the batch commits (see [`Indexer::remove`]).
    removed: Vec<i64>,
    /// Bytes of text indexed since FTS5 last wrote out what it holds in memory (as far
    /// as [`Indexer::write_out`] knows).
    held: usize,
}

impl Indexer {
    /// Opens (creating if needed) the index file of the store at `store`.
    pub(in crate::store) fn open(store: &Path) -> rusqlite::Result<Indexer> {
        let conn = open_for_writing(store)?;
        // As the store's importing connection: the index's pages touched by every batch
        // are copied out of the log once per many batches.
        conn.pragma_update(None, "wal_autocheckpoint", IMPORT_CHECKPOINT_PAGES)?;
        Ok(Indexer { conn, open: None })
    }

    /// Indexes report `id` of `batch`, stored but not yet committed. A text of another
    /// batch than the one open first drops what that batch added: it never committed.
    pub(in crate::store) fn add(
        &mut self,
        store: &Connection,
        batch: u64,
        id: i64,
        text: &str,
    ) -> rusqlite::Result<()> {
        self.undone_on_error(|indexer| {
            let open = indexer.begin(store, batch)?;
            if id > open.mark && open.added.insert(id) {
                open.held += text.len();
                insert(&indexer.conn, id, text)?;
            }
            Ok(())
        })
    }

    /// Takes report `id`, replaced in `batch`, out of the index when the batch commits
    /// (only current reports are searched: one left in is harmless, only wasted space,
    /// as searches list current reports only). Not at once: FTS5 writes out the texts
    /// it holds in memory as a segment of their own whenever a row below the last one
    /// written is touched, so deleting each replaced report between the new texts
    /// made a segment per report (six times the index's work on a `--replace` of
    /// every report).
    pub(in crate::store) fn remove(
        &mut self,
        store: &Connection,
        batch: u64,
        id: i64,
    ) -> rusqlite::Result<()> {
        self.undone_on_error(|indexer| {
            indexer.begin(store, batch)?.removed.push(id);
            Ok(())
        })
    }

    /// `batch` committed in the store with `through` its highest report id: indexes
    /// what is still missing up to it, read from the store, takes out the reports it
    /// replaced, and commits the index. Gives how many reports it read from the store.
    pub(in crate::store) fn committed(
        &mut self,
        store: &Connection,
        batch: u64,
        through: i64,
    ) -> rusqlite::Result<usize> {
        if self.open.is_none() && through <= self.mark(store)? {
            // No text held and nothing missing: no write lock taken.
            return Ok(0);
        }
        let mut read = 0;
        self.undone_on_error(|indexer| {
            let open = indexer.begin(store, batch)?;
            let (mark, added) = (open.mark, std::mem::take(&mut open.added));
            let mut removed = std::mem::take(&mut open.removed);
            if through > mark {
                read = fill(&indexer.conn, store, mark, through, &added)?;
                set_mark(&indexer.conn, store, through)?;
            }
            removed.sort_unstable();
            let mut delete = indexer
                .conn
                .prepare_cached("DELETE FROM report_text WHERE rowid = ?1")?;
            for id in removed {
                delete.execute([id])?;
            }
            drop(delete);
            indexer.open = None;
            indexer.conn.execute_batch("COMMIT")
        })?;
        Ok(read)
    }

    /// Writes out, within the open transaction, the texts FTS5 holds in memory as a
    /// segment, which it would otherwise do when the batch commits (at the first
    /// statement after its texts): done while the store's writer still finishes the
    /// batch, it leaves the commit little to do. Nothing when less than
    /// [`WRITE_OUT_AT_LEAST`] waits, so a batch makes no more segments than FTS5's
    /// default `hashsize` would, however often the writer pauses.
    pub(in crate::store) fn write_out(&mut self) -> rusqlite::Result<()> {
        if self
            .open
            .as_ref()
            .is_none_or(|open| open.held < WRITE_OUT_AT_LEAST)
        {
            return Ok(());
        }
        self.undone_on_error(|indexer| {
            // FTS5's own command for it, as a savepoint would.
            indexer
                .conn
                .execute("INSERT INTO report_text (report_text) VALUES ('flush')", [])?;
            if let Some(open) = &mut indexer.open {
                open.held = 0;
            }
            Ok(())
        })
    }

    /// How far the index goes for `store`: its mark, or 0 when it is not this store's
    /// (the next batch empties it).
    pub(in crate::store) fn mark(&self, store: &Connection) -> rusqlite::Result<i64> {
        Ok(mark_for(&self.conn, store)?.unwrap_or(0))
    }

    /// Begins the index's transaction for `batch` unless it is open; one open for
    /// another batch is rolled back first. An index that is not this store's is
    /// emptied (within the transaction) to be built again.
    fn begin(&mut self, store: &Connection, batch: u64) -> rusqlite::Result<&mut Open> {
        if self.open.as_ref().is_some_and(|open| open.batch != batch) {
            self.abandon();
        }
        if self.open.is_none() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            let mark = match mark_for(&self.conn, store)? {
                Some(mark) => mark,
                None => {
                    self.conn.execute(
                        "INSERT INTO report_text (report_text) VALUES ('delete-all')",
                        [],
                    )?;
                    0
                }
            };
            self.open = Some(Open {
                batch,
                mark,
                added: HashSet::new(),
                removed: Vec::new(),
                held: 0,
            });
        }
        match &mut self.open {
            Some(open) => Ok(open),
            None => Err(rusqlite::Error::InvalidQuery),
        }
    }

    /// Runs `step`; when it fails, the index's transaction is rolled back.
    fn undone_on_error(
        &mut self,
        step: impl FnOnce(&mut Self) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let done = step(self);
        if done.is_err() {
            self.abandon();
        }
        done
    }

    /// Rolls the open transaction back, if any.
    fn abandon(&mut self) {
        self.open = None;
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

fn insert(index: &Connection, id: i64, text: &str) -> rusqlite::Result<()> {
    index
        .prepare_cached("INSERT INTO report_text (rowid, text) VALUES (?1, ?2)")?
        .execute(rusqlite::params![id, text])
        .map(|_| ())
}

/// Indexes the store's current reports above `mark` up to `through` that are not in
/// `added`, read from the store (committed, so they stay); gives how many.
fn fill(
    index: &Connection,
    store: &Connection,
    mark: i64,
    through: i64,
    added: &HashSet<i64>,
) -> rusqlite::Result<usize> {
    // Ids first: the texts of reports the batch handed over are not read at all.
    let missing: Vec<i64> = store
        .prepare_cached(
            "SELECT id FROM reports WHERE id > ?1 AND id <= ?2 AND superseded_by IS NULL",
        )?
        .query_map([mark, through], |row| row.get(0))?
        .filter(|id| id.as_ref().map_or(true, |id| !added.contains(id)))
        .collect::<rusqlite::Result<_>>()?;
    let mut read = store.prepare_cached("SELECT text, text_zstd FROM reports WHERE id = ?1")?;
    for &id in &missing {
        insert(
            index,
            id,
            &read.query_row([id], |row| clean_text::read(row, 0))?,
        )?;
    }
    Ok(missing.len())
}

/// What an import batch tells the indexing thread.
pub(in crate::store) enum Feed {
    /// A report stored in a batch (not committed yet) and its text.
    Text { batch: u64, id: i64, text: String },
    /// A report replaced in a batch.
    Replaced { batch: u64, id: i64 },
    /// The batch committed; `through` is its highest report id.
    Committed { batch: u64, through: i64 },
}

/// Messages that may wait for the indexing thread; texts beyond them are not handed
/// over (the thread reads them from the store when their batch commits), so the
/// writer never waits for the index while it holds the store's lock.
const FEED_AHEAD: usize = 1024;

/// Bytes of text held below which [`Indexer::write_out`] leaves them to the commit.
const WRITE_OUT_AT_LEAST: usize = 1 << 20;

/// How long the indexing thread waits for the next message before it writes out the
/// texts it holds ([`Indexer::write_out`]). The writer hands a text every fraction of a
/// millisecond while it stores a batch; a pause this long is mostly the end of the
/// batch (the reuse index's entries written, the commit), so the segment is written
/// beside that work instead of after it, and a batch rarely makes more than one.
const QUIET_BEFORE_WRITING_OUT: Duration = Duration::from_millis(10);

/// The thread that keeps the index file while an import writes: it ends when this is
/// dropped, once it has indexed every batch committed before.
pub(in crate::store) struct IndexerThread {
    feed: Option<SyncSender<Feed>>,
    thread: Option<JoinHandle<()>>,
    next_batch: u64,
}

impl IndexerThread {
    /// Starts the thread for the store at `store`, with its own connections.
    pub(in crate::store) fn start(store: &Path) -> std::io::Result<IndexerThread> {
        let (feed, fed) = sync_channel(FEED_AHEAD);
        let store = store.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("full-text index".into())
            .spawn(move || index_all(&store, fed))?;
        Ok(IndexerThread {
            feed: Some(feed),
            thread: Some(thread),
            next_batch: 0,
        })
    }

    /// A number for the next batch.
    pub(in crate::store) fn next_batch(&mut self) -> u64 {
        self.next_batch += 1;
        self.next_batch
    }

    /// Hands `feed` over, or drops it when the thread is behind (see [`FEED_AHEAD`]).
    pub(in crate::store) fn offer(&self, feed: Feed) {
        if let Some(sender) = &self.feed {
            match sender.try_send(feed) {
                Ok(()) | Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {}
            }
        }
    }

    /// Tells the thread a batch committed (waiting for room: the store's lock is free).
    pub(in crate::store) fn committed(&self, batch: u64, through: i64) {
        if let Some(sender) = &self.feed {
            // A thread that ended has nothing left to index.
            let _ = sender.send(Feed::Committed { batch, through });
        }
    }

    /// Has the thread index every current report up to `through` the index lacks, as
    /// after a batch that stored none of them: an import that stores nothing still
    /// leaves the index whole.
    pub(in crate::store) fn catch_up(&mut self, through: i64) {
        let batch = self.next_batch();
        self.committed(batch, through);
    }

    /// Tells the thread no batch follows: it ends once it has indexed those committed.
    pub(in crate::store) fn no_more_batches(&mut self) {
        self.feed = None;
    }
}

impl Drop for IndexerThread {
    fn drop(&mut self) {
        self.no_more_batches();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The indexing thread: what fails only leaves the index behind the store.
fn index_all(store_path: &PathBuf, fed: Receiver<Feed>) {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(store) = Connection::open_with_flags(store_path, flags) else {
        return;
    };
    let (Ok(()), Ok(mut indexer)) = (store.busy_timeout(BUSY_TIMEOUT), Indexer::open(store_path))
    else {
        return;
    };
    while let Some(feed) = next_feed(&fed, &mut indexer) {
        let _ = match feed {
            Feed::Text { batch, id, text } => indexer.add(&store, batch, id, &text),
            Feed::Replaced { batch, id } => indexer.remove(&store, batch, id),
            Feed::Committed { batch, through } => {
                indexer.committed(&store, batch, through).map(|_| ())
            }
        };
    }
}

/// The next message, the texts held written out first when none comes for a while;
/// `None` once the import ended.
fn next_feed(fed: &Receiver<Feed>, indexer: &mut Indexer) -> Option<Feed> {
    match fed.recv_timeout(QUIET_BEFORE_WRITING_OUT) {
        Ok(feed) => Some(feed),
        Err(RecvTimeoutError::Timeout) => {
            // A failure only leaves the index behind the store.
            let _ = indexer.write_out();
            fed.recv().ok()
        }
        Err(RecvTimeoutError::Disconnected) => None,
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::{Indexer, WRITE_OUT_AT_LEAST};
    use crate::store::search::tests::set_back;
    use crate::store::{NewReport, Store};

    /// Rows of the index's segments (FTS5 keeps the ids up to 10 for itself).
    fn segment_rows(index: &Connection) -> i64 {
        index
            .query_row(
                "SELECT count(*) FROM report_text_data WHERE id > 10",
                [],
                |row| row.get(0),
            )
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The reports the committed index matches `phrase` in, read by another connection.
    fn indexed(store: &Store, phrase: &str) -> Vec<i64> {
        let index = super::super::index_file::open_for_reading(&store.path, false)
            .unwrap_or_else(|| panic!("no index file"));
        let mut ids = index
            .prepare("SELECT rowid FROM report_text WHERE report_text MATCH ?1 ORDER BY rowid")
            .and_then(|mut select| {
                select
                    .query_map([format!("\"{phrase}\"")], |row| row.get(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        ids.dedup();
        ids
    }

    #[test]
    fn texts_written_out_before_their_batch_commits_stay_only_if_it_commits() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
        for (township, text) in [
            ("甲乡", "培训法律明白人。"),
            ("乙乡", "调解矛盾纠纷。"),
            ("丙乡", "法律明白人队伍扩大。"),
        ] {
            let report = NewReport::plain(township, "东县", 2021, text);
            store
                .import(&report, false)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        set_back(&store, Some(2));
        let mut indexer = Indexer::open(&store.path).unwrap_or_else(|e| panic!("{e}"));
        let before = segment_rows(&indexer.conn);

        // Too little to write out yet; then enough, as a batch never committed with
        // report 2 given a text the store does not hold.
        let never_stored = format!("社区网格化管理。{}", "。".repeat(WRITE_OUT_AT_LEAST));
        let written_out = indexer
            .add(&store.conn, 1, 2, "社区网格化管理。")
            .and_then(|_| indexer.write_out())
            .map(|_| segment_rows(&indexer.conn));
        assert_eq!(written_out.ok(), Some(before));
        let written_out = indexer
            .add(&store.conn, 2, 2, &never_stored)
            .and_then(|_| indexer.write_out())
            .map(|_| segment_rows(&indexer.conn));
        assert!(written_out.is_ok_and(|after| after > before));

        // The next batch rolls that one back and commits what the store holds.
        let read = indexer
            .add(&store.conn, 3, 3, "法律明白人队伍扩大。")
            .and_then(|_| indexer.write_out())
            .and_then(|_| indexer.committed(&store.conn, 3, 3));
        assert_eq!(read.ok(), Some(1));
        assert_eq!(indexed(&store, "网格化"), Vec::<i64>::new());
        assert_eq!(indexed(&store, "矛盾纠纷"), [2]);
        assert_eq!(indexed(&store, "法律明白人"), [1, 3]);
    }
}
