//! The review service both front ends call. Everything about "a township's pair of
//! years" lives here once: opening a pair (both years analysed and compared, every
//! sentence shown, the figures ledger, trends over all years), the township list's
//! summaries, which years to look at, a report named by a file or by the store, corpus
//! search, and the findings gathered for reports and exports.
//! It knows no terminal: the interface's worker thread and the command line are thin
//! callers, so neither computes a figure the other cannot get.

pub mod author;
mod cache;
mod cross;
mod error;
mod findings;
mod pair;
pub mod rows;
mod search;
mod service;
mod shared;
mod source;
mod sources;
mod summary;
mod years;

pub use cache::{AnalysisCache, Asker, engine_fingerprint};
pub use cross::CrossRequest;
pub use error::ReviewError;
pub use findings::{FindingsScope, ReviewedSection, SectionCopy, TownshipFindings, YearFinding};
pub use pair::{PairData, Side, coarse_notice, coarse_tag};
pub use search::{
    Count, CountBy, HITS_PER_REPORT, ReportHits, SearchResults, count_by, search, search_each,
};
pub use service::{OpenRequest, OpenedPair, ReviewService, TownshipList, TownshipNotes};
pub use shared::{OccurrenceSections, PassageSource, SharedPassage, section_at};
pub use source::{
    ReportSource, ReportText, SourcedReport, resolve_township, stored_report, why_not_stored,
};
pub use summary::Summary;
pub use years::{choose_pair, latest_pair, year_before};
