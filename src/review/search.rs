//! Corpus search for both front ends: which reports say something, newest first, each
//! with where and in what words; and how many reports say it per year, county or
//! province, for a trend.

use serde::Serialize;

use super::{ReviewError, ReviewService};
use crate::search::{Hit, Query, find_hits};
pub use crate::store::CountBy;
use crate::store::{SearchFilter, SearchPlan, SearchRow, SearchTally, Store};

/// Hits quoted per report: enough to judge it, short enough to scan many reports.
pub const HITS_PER_REPORT: usize = 3;

/// One matching report and where it says it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportHits {
    #[serde(flatten)]
    pub report: SearchRow,
    /// The row id, for opening the report at a hit.
    #[serde(skip)]
    pub id: i64,
    pub hits: Vec<Hit>,
}

/// The answer to a search: how many reports match and the first of them.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Every matching report, not only those listed.
    pub total: usize,
    pub plan: SearchPlan,
    pub reports: Vec<ReportHits>,
}

/// Finds the reports matching `query` and quotes the hits of the first `limit`.
pub fn search(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    limit: usize,
) -> Result<SearchResults, ReviewError> {
    let mut reports = Vec::new();
    let tally = search_each(
        store,
        query,
        filter,
        limit,
        &mut |r| reports.push(r),
        &mut || false,
    )?;
    let tally = tally.ok_or(ReviewError::Internal)?;
    Ok(SearchResults {
        total: tally.total,
        plan: tally.plan,
        reports,
    })
}

/// [`search`] giving each of the first `limit` reports to `listed` as soon as it is
/// found (a search that reads texts finds the first long before the last), and giving
/// up as soon as `stop` says so (`None`).
pub fn search_each(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    limit: usize,
    listed: &mut dyn FnMut(ReportHits),
    stop: &mut dyn FnMut() -> bool,
) -> Result<Option<SearchTally>, ReviewError> {
    let terms = query.positive_terms();
    let tally = store.search(
        query,
        filter,
        limit,
        &mut |row, text| {
            listed(ReportHits {
                id: row.id,
                hits: find_hits(&text, &terms, HITS_PER_REPORT),
                report: row,
            });
        },
        stop,
    )?;
    Ok(tally)
}

impl ReviewService {
    /// Searches every report of the store, the first `limit` matching reports quoted,
    /// as `nianbao search` answers; `None` when `stop` said to give up (a newer query
    /// came), so a long scan never holds up the next question.
    pub fn search_until(
        &self,
        query: &Query,
        limit: usize,
        stop: &mut dyn FnMut() -> bool,
    ) -> Result<Option<SearchResults>, ReviewError> {
        let mut reports = Vec::new();
        let all = SearchFilter::default();
        let tally = search_each(
            self.store(),
            query,
            &all,
            limit,
            &mut |r| reports.push(r),
            stop,
        )?;
        Ok(tally.map(|tally| SearchResults {
            total: tally.total,
            plan: tally.plan,
            reports,
        }))
    }
}

/// Matching reports in one year, county or province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The year, county or province; empty when the reports do not say.
    pub key: String,
    pub reports: usize,
}

/// Matching reports per year (ascending, for a trend) or per county or province (most
/// first), from the index alone when the query allows.
pub fn count_by(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    by: CountBy,
) -> Result<Vec<Count>, ReviewError> {
    let mut out: Vec<Count> = store
        .count_matches(query, filter, by)?
        .into_iter()
        .map(|(key, reports)| Count { key, reports })
        .collect();
    match by {
        CountBy::Year => out.sort_by(|a, b| a.key.cmp(&b.key)),
        _ => out.sort_by(|a, b| b.reports.cmp(&a.reports).then_with(|| a.key.cmp(&b.key))),
    }
    Ok(out)
}
