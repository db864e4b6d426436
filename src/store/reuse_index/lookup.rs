//! The index as matching sees it: [`Corpus`] over the store's tables.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};

use super::packed;
use super::state::{CACHE_KIB, indexed_townships};
use crate::reuse::{Corpus, CorpusDoc, DocId, DocInfo, HashStats, Posting, SentencePosting};
use crate::store::clean_text;

/// Sets a connection to read one report's look-up through SQLite's page cache of
/// [`CACHE_KIB`], not memory mapping: a look-up reads a few thousand pages scattered
/// over the whole store, and each mapped page counted towards the process's memory
/// (and a long-running interface's, look-up after look-up) however large the store.
/// Only when they change: setting them expires every prepared statement.
pub(super) fn use_page_cache(conn: &Connection) -> rusqlite::Result<()> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
    if cache != -CACHE_KIB {
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    }
    let mapped: i64 = conn.pragma_query_value(None, "mmap_size", |row| row.get(0))?;
    if mapped != 0 {
        conn.pragma_update(None, "mmap_size", 0)?;
    }
    Ok(())
}

/// Reports kept in memory while ranking the whole corpus.
const DOC_CACHE: usize = 2048;

/// The index seen by matching.
pub(super) struct StoreCorpus<'a> {
    conn: &'a Connection,
    docs: DocCache,
    townships: Option<usize>,
}

impl<'a> StoreCorpus<'a> {
    pub(super) fn new(conn: &'a Connection) -> StoreCorpus<'a> {
        StoreCorpus {
            conn,
            docs: DocCache::default(),
            townships: None,
        }
    }

    /// A report read from the store. Two single-table statements: SQLite prepares a
    /// statement joining `reports` (whose indexes are partial) with `reuse_reports`
    /// again every time its parameter changes, which cost as much as the read itself.
    fn read_document(&self, id: DocId) -> rusqlite::Result<Option<CorpusDoc>> {
        let township: Option<i64> = self
            .conn
            .prepare_cached("SELECT township FROM reuse_reports WHERE report = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?;
        let Some(township) = township else {
            return Ok(None);
        };
        self.conn
            .prepare_cached(
                "SELECT r.township, r.county, r.year, r.province, r.text, r.text_zstd
                 FROM reports r WHERE r.id = ?1",
            )?
            .query_row([id], |row| {
                let text = clean_text::read(row, 4)?;
                let info = DocInfo {
                    township: row.get(0)?,
                    county: row.get(1)?,
                    province: row.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    year: row.get(2)?,
                    file: None,
                };
                Ok(CorpusDoc::new(id, township, info, &text))
            })
            .optional()
    }
}

/// The reports read lately, at most [`DOC_CACHE`]: when full, the half used longest
/// ago is dropped. Ranking every report reads each one's partners, which neighbouring
/// reports share; a cache emptied whole when full read them all again.
#[derive(Default)]
struct DocCache {
    docs: HashMap<DocId, (Arc<CorpusDoc>, u64)>,
    /// Counts uses: a report's second field is when it was last used.
    clock: u64,
}

impl DocCache {
    fn get(&mut self, id: DocId) -> Option<Arc<CorpusDoc>> {
        let (doc, used) = self.docs.get_mut(&id)?;
        self.clock += 1;
        *used = self.clock;
        Some(Arc::clone(doc))
    }

    fn insert(&mut self, id: DocId, doc: Arc<CorpusDoc>) {
        if self.docs.len() >= DOC_CACHE {
            let mut uses: Vec<u64> = self.docs.values().map(|&(_, used)| used).collect();
            uses.sort_unstable();
            let keep_from = uses[uses.len() / 2];
            self.docs.retain(|_, &mut (_, used)| used >= keep_from);
        }
        self.clock += 1;
        self.docs.insert(id, (doc, self.clock));
    }
}

impl Corpus for StoreCorpus<'_> {
    type Error = rusqlite::Error;

    fn hash_stats(&mut self, hash: u64) -> rusqlite::Result<Option<HashStats>> {
        self.conn
            .prepare_cached(
                "SELECT reports, townships, complete FROM reuse_hashes WHERE hash = ?1",
            )?
            .query_row([hash as i64], |row| {
                Ok(HashStats {
                    reports: row.get(0)?,
                    townships: row.get(1)?,
                    complete: row.get(2)?,
                })
            })
            .optional()
    }

    fn hash_postings(
        &mut self,
        hash: u64,
        limit: usize,
        out: &mut Vec<Posting>,
    ) -> rusqlite::Result<()> {
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT postings FROM reuse_posting_lists WHERE hash = ?1")?
            .query_row([hash as i64], |row| row.get(0))
            .optional()?;
        if let Some(blob) = blob {
            packed::read_postings(&blob, limit, out);
        }
        Ok(())
    }

    fn band_postings(
        &mut self,
        band: u64,
        limit: usize,
        out: &mut Vec<SentencePosting>,
    ) -> rusqlite::Result<()> {
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT sentences FROM reuse_band_lists WHERE band = ?1")?
            .query_row([band as i64], |row| row.get(0))
            .optional()?;
        if let Some(blob) = blob {
            packed::read_sentences(&blob, limit, out);
        }
        Ok(())
    }

    fn document(&mut self, id: DocId) -> rusqlite::Result<Option<Arc<CorpusDoc>>> {
        if let Some(doc) = self.docs.get(id) {
            return Ok(Some(doc));
        }
        let doc = self.read_document(id)?.map(Arc::new);
        if let Some(doc) = &doc {
            self.docs.insert(id, Arc::clone(doc));
        }
        Ok(doc)
    }

    fn township_count(&mut self) -> rusqlite::Result<usize> {
        if let Some(count) = self.townships {
            return Ok(count);
        }
        let count = indexed_townships(self.conn)?;
        self.townships = Some(count);
        Ok(count)
    }
}
