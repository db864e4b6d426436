//! The index as matching sees it: [`Corpus`] over the store's tables.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};

use super::packed;
use crate::reuse::{Corpus, CorpusDoc, DocId, DocInfo, HashStats, Posting, SentencePosting};
use crate::store::clean_text;

/// Reports kept in memory while ranking the whole corpus.
const DOC_CACHE: usize = 2048;

/// The index seen by matching.
pub(super) struct StoreCorpus<'a> {
    conn: &'a Connection,
    docs: HashMap<DocId, Arc<CorpusDoc>>,
    townships: Option<usize>,
}

impl<'a> StoreCorpus<'a> {
    pub(super) fn new(conn: &'a Connection) -> StoreCorpus<'a> {
        StoreCorpus {
            conn,
            docs: HashMap::new(),
            townships: None,
        }
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
        if let Some(doc) = self.docs.get(&id) {
            return Ok(Some(Arc::clone(doc)));
        }
        let doc = self
            .conn
            .prepare_cached(
                "SELECT r.township, r.county, r.year, x.township, r.province, r.text, r.text_zstd
                 FROM reuse_reports x JOIN reports r ON r.id = x.report WHERE x.report = ?1",
            )?
            .query_row([id], |row| {
                let text = clean_text::read(row, 5)?;
                let info = DocInfo {
                    township: row.get(0)?,
                    county: row.get(1)?,
                    province: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    year: row.get(2)?,
                    file: None,
                };
                Ok(CorpusDoc::new(id, row.get(3)?, info, &text))
            })
            .optional()?
            .map(Arc::new);
        if let Some(doc) = &doc {
            if self.docs.len() >= DOC_CACHE {
                self.docs.clear();
            }
            self.docs.insert(id, Arc::clone(doc));
        }
        Ok(doc)
    }

    fn township_count(&mut self) -> rusqlite::Result<usize> {
        if let Some(count) = self.townships {
            return Ok(count);
        }
        let count = self
            .conn
            .prepare_cached("SELECT count(DISTINCT township) FROM reuse_reports")?
            .query_row([], |row| {
                Ok(usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0))
            })?;
        self.townships = Some(count);
        Ok(count)
    }
}
