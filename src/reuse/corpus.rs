//! The view of an indexed corpus that matching needs. The store implements it over
//! SQLite, [`super::MemoryIndex`] over files in memory; matching knows neither.

use std::sync::Arc;

use serde::Serialize;

use super::text::MatchText;
use crate::report::Span;

/// A report in an index: the store's row id, or the position of a file.
pub type DocId = i64;

/// A township in an index (township plus county): reuse kinds compare these.
pub type TownshipId = i64;

/// How many reports and townships hold a fingerprint, and whether its postings list all
/// of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashStats {
    pub reports: u32,
    pub townships: u32,
    /// False once postings were left out because the hash is common (template text by
    /// definition); the counts stay exact.
    pub complete: bool,
}

/// One occurrence of a fingerprint: the report, the normalized position and the
/// context digest (see [`super::fingerprint::Fingerprint::context`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: DocId,
    pub pos: u32,
    pub context: u64,
}

/// One sketched sentence sharing a band key: the report and the sentence's clean span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentencePosting {
    pub doc: DocId,
    pub span: Span,
}

/// Who wrote a report, for output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocInfo {
    pub township: String,
    /// Empty when unknown.
    pub county: String,
    /// Empty when unknown.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub province: String,
    pub year: Option<i32>,
    /// The file it was read from, for reports outside a store.
    pub file: Option<String>,
}

/// A report loaded for matching.
#[derive(Debug, Clone)]
pub struct CorpusDoc {
    pub id: DocId,
    pub township: TownshipId,
    pub info: DocInfo,
    pub text: MatchText,
}

impl CorpusDoc {
    /// Prepares a report's clean text for matching.
    pub fn new(id: DocId, township: TownshipId, info: DocInfo, text: &str) -> CorpusDoc {
        CorpusDoc {
            id,
            township,
            info,
            text: MatchText::new(text),
        }
    }
}

/// The look-ups matching makes. Implementations cap nothing themselves: the caller says
/// how many postings it wants.
pub trait Corpus {
    type Error;

    /// Counts for a fingerprint, `None` when no report has it.
    fn hash_stats(&mut self, hash: u64) -> Result<Option<HashStats>, Self::Error>;

    /// Up to `limit` postings of a fingerprint, appended to `out`.
    fn hash_postings(
        &mut self,
        hash: u64,
        limit: usize,
        out: &mut Vec<Posting>,
    ) -> Result<(), Self::Error>;

    /// Up to `limit` sentences with a band key, appended to `out`.
    fn band_postings(
        &mut self,
        band: u64,
        limit: usize,
        out: &mut Vec<SentencePosting>,
    ) -> Result<(), Self::Error>;

    /// A report by id, `None` when it is no longer indexed.
    fn document(&mut self, id: DocId) -> Result<Option<Arc<CorpusDoc>>, Self::Error>;

    /// Number of townships with at least one indexed report: the base of the template
    /// share.
    fn township_count(&mut self) -> Result<usize, Self::Error>;
}
