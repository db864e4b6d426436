//! Reuse across the corpus: what a report shares with *other* reports — county templates
//! and ubiquitous political formulas, its own earlier years, and passages lifted from a
//! neighbour's report.
//!
//! How it works:
//! 1. [`fingerprint`]: winnowing over the normalized character stream (k = 10, w = 11),
//!    so every shared passage of 20 normalized characters shares a fingerprint and
//!    nothing under 10 characters can.
//! 2. `matcher`: shared fingerprints are anchors; each is verified and extended on the
//!    actual characters of both reports to a maximal run, whose ragged edges are
//!    trimmed (a passage never cuts a number, nor keeps a sliver of another clause).
//!    Sentences with a few words swapped are found through MinHash bands ([`sketch`])
//!    and verified by edit similarity; a sentence already reused word for word is not
//!    searched again.
//! 3. `passages`: the query report's shared stretches are cut where the set of other
//!    reports changes, and each piece gets a [`Kind`] from how many townships hold it
//!    ([`Params::kind`]: template first, then cross-township, widespread, own history;
//!    a cross-township passage also in the township's other years says so); a passage
//!    made of report titles and standard political formulas (`formula`) is a template
//!    however few townships hold it.
//!
//! Scale: fingerprints held by very many reports are template text by definition; an
//! index keeps exact counts for them but only [`POSTINGS_CAP`] postings, and matching
//! samples a few of those reports instead of reading them all. Postings carry a digest
//! of the characters around each k-gram, so reports that cannot share a long enough
//! passage are never read, and the reports read per look-up are budgeted, strongest
//! evidence first; counts from the index stand in for the reports left unread.

pub mod candidates;
pub mod corpus;
pub mod entries;
pub mod fingerprint;
mod formula;
mod matcher;
pub mod memory;
mod passages;
pub mod sketch;
pub mod text;
pub mod top;

use std::sync::Arc;

use serde::Serialize;

use crate::report::Span;

pub use corpus::{Corpus, CorpusDoc, DocId, DocInfo, HashStats, Posting, SentencePosting};
pub use entries::ReportEntries;
pub use memory::MemoryIndex;
pub use text::MatchText;
pub use top::{Top, TopBuilder, TopPair, TopPassage};

/// Postings kept per fingerprint. A fingerprint in more reports is common text: counts
/// stay exact, postings stop, and matching reads a sample.
pub const POSTINGS_CAP: usize = 64;

/// Sentences read per band key: one more than the posting cap, so a look-up can tell a
/// common band (a sentence in very many reports, template text) from a rare one, and an
/// index need keep no more rows per band than this.
pub const BAND_ROWS: usize = POSTINGS_CAP + 1;

/// What kind of reuse a passage is. The JSON names (`own-history`, `template`,
/// `cross-township`, `widespread`) are part of the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Only in the same township's other years.
    OwnHistory,
    /// In many townships' reports: a county template or a standard formula.
    Template,
    /// Rare text shared with one or two other townships: the copying a journalist
    /// looks for. Takes precedence over own history when both apply.
    CrossTownship,
    /// Shared with three or more other townships, yet below the template thresholds.
    Widespread,
}

impl Kind {
    /// Every kind, in the order output lists them.
    pub const ALL: [Kind; 4] = [
        Kind::OwnHistory,
        Kind::Template,
        Kind::CrossTownship,
        Kind::Widespread,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::OwnHistory => "own-history",
            Kind::Template => "template",
            Kind::CrossTownship => "cross-township",
            Kind::Widespread => "widespread",
        }
    }

    /// Parses a command-line name.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Other townships a passage may be shared with and still count as cross-township.
pub const CROSS_TOWNSHIP_MAX_OTHERS: usize = 2;

/// Thresholds a reviewer may tune; the defaults are the documented behaviour.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Shortest exact passage reported, in normalized characters (at least
    /// [`fingerprint::KGRAM`]; every passage from [`fingerprint::GUARANTEE`] on is found).
    pub min_chars: usize,
    /// Shortest sentence compared as a near duplicate.
    pub near_min_chars: usize,
    /// Edit similarity a near-duplicate sentence must reach.
    pub near_similarity: f64,
    /// Townships (including the report's own) a template passage must appear in.
    pub template_min_townships: usize,
    /// Share of the corpus's townships a template passage must appear in.
    pub template_share: f64,
    /// Provinces a passage must appear in to be a template whatever the townships.
    pub template_min_provinces: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_chars: fingerprint::GUARANTEE,
            near_min_chars: 12,
            near_similarity: 0.8,
            template_min_townships: 3,
            template_share: 0.3,
            template_min_provinces: 2,
        }
    }
}

/// A threshold out of range, and the least it may be where that is a length; the
/// front ends word it in the interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamError {
    /// `min_chars` under the fingerprint length.
    MinChars { least: usize },
    /// `near_min_chars` under the shortest sentence sketched.
    NearMinChars { least: usize },
    /// `near_similarity` outside 0.5–1.
    NearSimilarity,
    /// `template_min_townships` under 2.
    TemplateMinTownships,
    /// `template_min_provinces` under 2.
    TemplateMinProvinces,
    /// `template_share` outside 0–1.
    TemplateShare,
}

impl Params {
    /// Checks the thresholds, saying which one is out of range.
    pub fn validate(&self) -> Result<(), ParamError> {
        if self.min_chars < fingerprint::KGRAM {
            return Err(ParamError::MinChars {
                least: fingerprint::KGRAM,
            });
        }
        if self.near_min_chars < sketch::MIN_SKETCH_CHARS {
            return Err(ParamError::NearMinChars {
                least: sketch::MIN_SKETCH_CHARS,
            });
        }
        if !(0.5..=1.0).contains(&self.near_similarity) {
            return Err(ParamError::NearSimilarity);
        }
        if self.template_min_townships < 2 {
            return Err(ParamError::TemplateMinTownships);
        }
        if self.template_min_provinces < 2 {
            return Err(ParamError::TemplateMinProvinces);
        }
        if !(0.0..=1.0).contains(&self.template_share) {
            return Err(ParamError::TemplateShare);
        }
        Ok(())
    }

    /// The kind of a passage with these holders in a corpus of `total` townships. Text
    /// spread over provinces, or over as many counties as a template needs townships,
    /// is a formula or a higher level's template however few townships the store
    /// holds: a neighbour's report is copied within a county or next to it.
    pub fn kind(&self, holders: Holders, total: usize) -> Kind {
        let Holders {
            townships, others, ..
        } = holders;
        let spread = holders.provinces >= self.template_min_provinces
            || holders.counties >= self.template_min_townships;
        let many = townships >= self.template_min_townships
            && townships as f64 >= self.template_share * total as f64;
        if many || (spread && others > 0) {
            Kind::Template
        } else if others == 0 {
            Kind::OwnHistory
        } else if others <= CROSS_TOWNSHIP_MAX_OTHERS {
            Kind::CrossTownship
        } else {
            Kind::Widespread
        }
    }
}

/// Who holds a passage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holders {
    /// Townships, the report's own included.
    pub townships: usize,
    /// Of those, the townships other than the report's own.
    pub others: usize,
    /// Counties named among the reports read holding it, the report's own included.
    pub counties: usize,
    /// Provinces named among the reports read holding it, the report's own included.
    pub provinces: usize,
}

/// Another report holding a passage, and where.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    #[serde(skip)]
    pub doc: DocId,
    pub township: String,
    pub county: Option<String>,
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Character offsets into that report's clean text.
    pub start: usize,
    pub end: usize,
    /// True when that span reads exactly like the passage (after normalization).
    pub exact: bool,
    /// Edit similarity of the normalized texts: 1 for exact matches.
    pub similarity: f64,
}

/// One reused passage of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    pub text: String,
    /// Length in normalized characters (punctuation and spaces not counted): the
    /// measure `--min-chars` applies to.
    pub chars: usize,
    pub kind: Kind,
    /// True when the report's own township also used it in other years.
    pub also_own_history: bool,
    /// Character offsets into the report's clean text.
    pub start: usize,
    pub end: usize,
    /// Townships holding it, the report's own included.
    pub townships: usize,
    /// Other reports holding it; may exceed `reports.len()` for common text.
    pub report_count: usize,
    /// True when the counts come from the index summary of common text rather than from
    /// verified reports.
    pub estimated: bool,
    /// Found only as a reworded sentence, not as an exact run.
    pub near: bool,
    pub reports: Vec<Occurrence>,
    #[serde(skip)]
    pub norm: std::ops::Range<usize>,
}

impl Passage {
    /// The passage's span in the report's clean text.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Share of a report's normalized characters in each kind of reuse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Shares {
    #[serde(rename = "own-history")]
    pub own_history: f64,
    pub template: f64,
    #[serde(rename = "cross-township")]
    pub cross_township: f64,
    pub widespread: f64,
}

impl Shares {
    /// The share of one kind.
    pub fn get(&self, kind: Kind) -> f64 {
        match kind {
            Kind::OwnHistory => self.own_history,
            Kind::Template => self.template,
            Kind::CrossTownship => self.cross_township,
            Kind::Widespread => self.widespread,
        }
    }

    fn add(&mut self, kind: Kind, share: f64) {
        let slot = match kind {
            Kind::OwnHistory => &mut self.own_history,
            Kind::Template => &mut self.template,
            Kind::CrossTownship => &mut self.cross_township,
            Kind::Widespread => &mut self.widespread,
        };
        *slot += share;
    }
}

/// Everything one report reuses.
#[derive(Debug, Clone, Serialize)]
pub struct ReuseReport {
    pub passages: Vec<Passage>,
    pub shares: Shares,
    /// The report's length in normalized characters: the base of the shares.
    pub chars: usize,
    /// Townships in the corpus: the base of the template share.
    pub corpus_townships: usize,
}

/// Finds what `query` (which must itself be indexed in `corpus`) shares with the other
/// reports of the corpus.
pub fn analyze<C: Corpus>(
    corpus: &mut C,
    query: &CorpusDoc,
    params: &Params,
) -> Result<ReuseReport, C::Error> {
    let total = corpus.township_count()?;
    let found = matcher::find(corpus, query, params)?;
    Ok(passages::build(query, &found, total, params))
}

/// What the indexed report `id` shares with the other reports of the corpus, with the
/// report as loaded; `None` when it is not indexed.
pub fn analyze_indexed<C: Corpus>(
    corpus: &mut C,
    id: DocId,
    params: &Params,
) -> Result<Option<(Arc<CorpusDoc>, ReuseReport)>, C::Error> {
    let Some(query) = corpus.document(id)? else {
        return Ok(None);
    };
    let report = analyze(corpus, &query, params)?;
    Ok(Some((query, report)))
}
