//! An import batch's texts on their way to the full-text index file: handed to the
//! indexing thread as they are stored when `import` runs one, otherwise kept until the
//! batch commits and indexed then, on the committing thread.

use std::cell::OnceCell;
use std::path::Path;

use rusqlite::Connection;

use super::super::Store;
use super::index_file;
use super::indexer::{Feed, Indexer, IndexerThread};

/// A store's side of its index file: the connection searches read it through (opened
/// when first there) and how its imports write it.
#[derive(Default)]
pub(in crate::store) struct TextIndex {
    pub(super) reader: OnceCell<Connection>,
    /// Indexes batches when they commit, when no thread does.
    writer: Option<Indexer>,
    /// Indexes batches as they are written (see [`Store::index_texts_on_a_thread`]).
    thread: Option<IndexerThread>,
}

impl Store {
    /// Indexes the texts of the import batches that follow on a thread of its own, with
    /// its own connections, while the batches are written: the index's work is then
    /// done beside the writer's. Without the thread (it could not start, a read-only
    /// store) each batch is indexed when it commits.
    pub fn index_texts_on_a_thread(&mut self) {
        if !self.read_only && self.text_index.thread.is_none() {
            self.text_index.thread = IndexerThread::start(&self.path).ok();
        }
    }

    /// Ends an import: has the thread started by [`Store::index_texts_on_a_thread`]
    /// index whatever current report its index still lacks (the file deleted, or
    /// written by an earlier nianbao, even when this import stored nothing), tells it
    /// that no batch follows, copies the write-ahead log into the store file
    /// ([`Store::copy_log_into_store`]) while that thread indexes what is left and
    /// closes its file (each waits on the disk for tens of milliseconds), then waits
    /// for the thread.
    pub fn finish_import(&mut self) {
        let mut thread = self.text_index.thread.take();
        if let Some(thread) = &mut thread {
            if let Ok(next) = self.next_report_id() {
                thread.catch_up(next - 1);
            }
            thread.no_more_batches();
        }
        self.copy_log_into_store();
        drop(thread);
    }
}

/// The texts of one import batch, as [`crate::store::ImportBatch`] stores its reports.
pub(in crate::store) struct BatchTexts<'a> {
    index: &'a mut TextIndex,
    /// The batch's number for the thread (0 when none runs).
    batch: u64,
    /// The highest report id stored.
    through: i64,
    /// Without a thread: the texts and replaced reports, for when the batch commits.
    kept: Vec<(i64, String)>,
    replaced: Vec<i64>,
}

impl<'a> BatchTexts<'a> {
    pub(in crate::store) fn new(index: &'a mut TextIndex) -> BatchTexts<'a> {
        let batch = index.thread.as_mut().map_or(0, IndexerThread::next_batch);
        BatchTexts {
            index,
            batch,
            through: 0,
            kept: Vec::new(),
            replaced: Vec::new(),
        }
    }

    /// Report `id` was stored with `text` (its savepoint released), replacing
    /// `replaced` if any.
    pub(in crate::store) fn stored(&mut self, id: i64, text: &str, replaced: Option<i64>) {
        self.through = self.through.max(id);
        let batch = self.batch;
        match &self.index.thread {
            Some(thread) => {
                if let Some(old) = replaced {
                    thread.offer(Feed::Replaced { batch, id: old });
                }
                let text = text.to_string();
                thread.offer(Feed::Text { batch, id, text });
            }
            None => {
                self.replaced.extend(replaced);
                self.kept.push((id, text.to_string()));
            }
        }
    }

    /// The batch committed in `store` (at `path`): its texts are indexed, on the thread
    /// or here. A failure here only leaves the index behind the store.
    pub(in crate::store) fn committed(self, store: &Connection, path: &Path) {
        if self.through == 0 {
            return;
        }
        if let Some(thread) = &self.index.thread {
            thread.committed(self.batch, self.through);
            return;
        }
        if !index_file::path_of(path).exists() {
            // Deleted meanwhile: a new file is made and built.
            self.index.writer = None;
        }
        let writer = match &mut self.index.writer {
            Some(writer) => writer,
            empty => match Indexer::open(path) {
                Ok(opened) => empty.insert(opened),
                Err(_) => return,
            },
        };
        let _ = index_kept(writer, store, &self.kept, &self.replaced, self.through);
    }
}

fn index_kept(
    writer: &mut Indexer,
    store: &Connection,
    kept: &[(i64, String)],
    replaced: &[i64],
    through: i64,
) -> rusqlite::Result<()> {
    for &id in replaced {
        writer.remove(store, 0, id)?;
    }
    for (id, text) in kept {
        writer.add(store, 0, *id, text)?;
    }
    writer.committed(store, 0, through).map(|_| ())
}
