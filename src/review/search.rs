//! Corpus search for both front ends: which reports say something, newest first, each
//! with where and in what words; and how many reports say it per year, county or
//! province, for a trend.

use std::cell::RefCell;

use serde::Serialize;

use super::{ReviewError, ReviewService};
use crate::search::{Hit, Query, find_hits};
pub use crate::store::CountBy;
use crate::store::{SearchFilter, SearchPlan, SearchProgress, SearchRow, SearchTally, Store};

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
    /// Reports the index did not hold yet, read one by one (see `SearchTally`).
    pub unindexed: usize,
    pub reports: Vec<ReportHits>,
    /// How far the search has got while it still runs (`total` then counts the reports
    /// found so far); `None` once the answer is complete.
    #[serde(skip)]
    pub running: Option<SearchProgress>,
}

impl SearchResults {
    /// The whole answer: the store's tally with the reports listed.
    fn complete(tally: SearchTally, reports: Vec<ReportHits>) -> SearchResults {
        SearchResults {
            total: tally.total,
            plan: tally.plan,
            unindexed: tally.unindexed,
            reports,
            running: None,
        }
    }
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
        &mut |_| false,
    )?;
    let tally = tally.ok_or(ReviewError::Internal)?;
    Ok(SearchResults::complete(tally, reports))
}

/// [`search`] giving each of the first `limit` reports to `listed` as soon as it is
/// found (a search that reads texts finds the first long before the last), and giving
/// up as soon as `stop`, told how far the search has got, says so (`None`).
pub fn search_each(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    limit: usize,
    listed: &mut dyn FnMut(ReportHits),
    stop: &mut dyn FnMut(&SearchProgress) -> bool,
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
    /// as `nianbao search` answers. While it runs, `running` is given the reports found
    /// so far and how far the search has got, after each chunk of texts read, so a
    /// screen can show them; when it returns true (a newer query came) the search gives
    /// up with `None`, so a long scan never holds up the next question.
    pub fn search_until(
        &self,
        query: &Query,
        limit: usize,
        running: &mut dyn FnMut(&[ReportHits], &SearchProgress) -> bool,
    ) -> Result<Option<SearchResults>, ReviewError> {
        let reports = RefCell::new(Vec::new());
        let all = SearchFilter::default();
        let tally = search_each(
            self.store(),
            query,
            &all,
            limit,
            &mut |r| reports.borrow_mut().push(r),
            &mut |progress| running(&reports.borrow(), progress),
        )?;
        Ok(tally.map(|tally| SearchResults::complete(tally, reports.into_inner())))
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
