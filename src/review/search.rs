//! Corpus search for both front ends: which reports say something, newest first, each
//! with where and in what words; and how many reports say it per year, county or
//! province, for a trend.

use std::collections::HashMap;

use serde::Serialize;

use super::{ReviewError, ReviewService};
use crate::search::{Hit, Query, find_hits};
use crate::store::{SearchFilter, SearchPlan, SearchRow, Store};

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
    Ok(search_stopping(store, query, filter, limit, &mut || false)?.0)
}

/// [`search`], giving up as soon as `stop` says so; true beside the results when it
/// did (they are then incomplete).
fn search_stopping(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    limit: usize,
    stop: &mut dyn FnMut() -> bool,
) -> Result<(SearchResults, bool), ReviewError> {
    let terms = query.positive_terms();
    let mut total = 0;
    let mut stopped = false;
    let mut listed: Vec<(SearchRow, Option<String>)> = Vec::new();
    let plan = store.search(query, filter, &mut |row, text| {
        total += 1;
        if listed.len() < limit {
            listed.push((row, text));
        }
        stopped = stop();
        !stopped
    })?;
    let mut reports = Vec::with_capacity(listed.len());
    for (row, text) in listed.into_iter().take_while(|_| !stopped) {
        let text = match text {
            Some(text) => text,
            None => match store.report_by_id(row.id)? {
                Some(report) => report.text,
                None => continue,
            },
        };
        reports.push(ReportHits {
            id: row.id,
            hits: find_hits(&text, &terms, HITS_PER_REPORT),
            report: row,
        });
    }
    let results = SearchResults {
        total,
        plan,
        reports,
    };
    Ok((results, stopped))
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
        let (results, stopped) =
            search_stopping(self.store(), query, &SearchFilter::default(), limit, stop)?;
        Ok((!stopped).then_some(results))
    }
}

/// What a trend counts matching reports by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    Year,
    County,
    Province,
}

/// Matching reports in one year, county or province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The year, county or province; empty when the reports do not say.
    pub key: String,
    pub reports: usize,
}

/// Matching reports per year (ascending, for a trend) or per county or province (most
/// first). Streams the matches, so memory grows with the number of groups only.
pub fn count_by(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    by: CountBy,
) -> Result<Vec<Count>, ReviewError> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    store.search(query, filter, &mut |row, _| {
        let key = match by {
            CountBy::Year => row.year.to_string(),
            CountBy::County => row.county.unwrap_or_default(),
            CountBy::Province => row.province.unwrap_or_default(),
        };
        *counts.entry(key).or_default() += 1;
        true
    })?;
    let mut out: Vec<Count> = counts
        .into_iter()
        .map(|(key, reports)| Count { key, reports })
        .collect();
    match by {
        CountBy::Year => out.sort_by(|a, b| a.key.cmp(&b.key)),
        _ => out.sort_by(|a, b| b.reports.cmp(&a.reports).then_with(|| a.key.cmp(&b.key))),
    }
    Ok(out)
}
