//! Full-text search over the current reports' clean text: an FTS5 table with the trigram
//! tokenizer (case-sensitive, so a phrase query means "this exact substring"), holding
//! no copy of the text, kept in step by every import and replacement. Queries with
//! terms too short for trigrams narrow what they can through the index and read the
//! rest; the answer is always what [`Query::matches`] says of each text.
//!
//! A search never sorts report rows: the ids the index matches are taken from it alone
//! (`candidates`), put in listing order through the township list's covering index
//! (`order`), and only the reports shown are read; texts to check are read one at a
//! time and matched on every core (`scan`).

mod candidates;
mod order;
mod scan;

use rusqlite::Connection;
use serde::Serialize;

use super::{Store, StoreError, clean_text, non_empty, sqlite};
use crate::search::Query;
use order::Candidate;

/// Which reports a search looks in; `None` fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    pub township: Option<String>,
    pub county: Option<String>,
    pub province: Option<String>,
    pub year: Option<i32>,
}

/// A report that matches a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchRow {
    #[serde(skip)]
    pub id: i64,
    pub township: String,
    pub county: Option<String>,
    pub province: Option<String>,
    pub year: i32,
}

/// How a search was answered: by the index alone, by the index and then reading the
/// candidates, or by reading every report in the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchPlan {
    Index,
    Verify,
    Scan,
}

/// What matching reports are counted by, for a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    Year,
    County,
    Province,
}

/// How many reports matched and how; `None` from a search means it was told to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchTally {
    pub total: usize,
    pub plan: SearchPlan,
}

/// How far a running search has got, given with each question whether to stop, so a
/// screen can show a count and progress while the texts are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchProgress {
    pub plan: SearchPlan,
    /// Reports found to match so far.
    pub matched: usize,
    /// Candidates checked so far (all at once when the index answers alone).
    pub checked: usize,
    /// Candidates to check; 0 while they are still being gathered.
    pub candidates: usize,
}

/// How often (in reports or ids) a search asks whether to stop.
const STOP_EVERY: usize = 4096;

/// Whether a search was told to stop: the caller's question, asked with the progress
/// every [`STOP_EVERY`] steps of a long loop and after each chunk of matches, and
/// remembered once answered yes.
struct StopCheck<'a> {
    ask: &'a mut dyn FnMut(&SearchProgress) -> bool,
    progress: SearchProgress,
    steps: usize,
    stopped: bool,
}

impl<'a> StopCheck<'a> {
    fn new(ask: &'a mut dyn FnMut(&SearchProgress) -> bool, plan: SearchPlan) -> Self {
        StopCheck {
            ask,
            progress: SearchProgress {
                plan,
                matched: 0,
                checked: 0,
                candidates: 0,
            },
            steps: 0,
            stopped: false,
        }
    }

    /// One step of a loop: true when it should end.
    fn step(&mut self) -> bool {
        self.steps += 1;
        if !self.stopped && self.steps.is_multiple_of(STOP_EVERY) {
            self.stopped = (self.ask)(&self.progress);
        }
        self.stopped
    }

    /// Asks now: true when the search should end.
    fn now(&mut self) -> bool {
        if !self.stopped {
            self.stopped = (self.ask)(&self.progress);
        }
        self.stopped
    }
}

impl Store {
    /// Finds the current reports matching `query` within `filter`: gives `listed` the
    /// first `limit` of them, newest year first (then county, township), each with its
    /// clean text, as soon as each is known, and returns how many match. `stop` is asked
    /// now and then, and after each chunk of texts read, with how far the search has
    /// got; when it says so the search ends with `None`. Memory stays bounded by 16
    /// bytes a report in the filter, whatever the texts.
    pub fn search(
        &self,
        query: &Query,
        filter: &SearchFilter,
        limit: usize,
        listed: &mut dyn FnMut(SearchRow, String),
        stop: &mut dyn FnMut(&SearchProgress) -> bool,
    ) -> Result<Option<SearchTally>, StoreError> {
        let fail = |e| sqlite(&self.path, e);
        let (plan, narrow) = plan(query);
        let mut check = StopCheck::new(stop, plan);
        let found = self.candidates(narrow.as_ref(), filter, CountBy::Year, &mut check)?;
        if check.stopped {
            return Ok(None);
        }
        check.progress.candidates = found.list.len();
        let mut total = 0;
        let mut failed = None;
        let mut on_match = |matched: &[Candidate], checked: usize| {
            for c in matched {
                total += 1;
                if total <= limit {
                    match self.shown(c.id) {
                        Ok(Some((row, text))) => listed(row, text),
                        Ok(None) => total -= 1,
                        Err(e) => failed = Some(e),
                    }
                }
            }
            check.progress.matched = total;
            check.progress.checked = checked;
            failed.is_none() && !check.now()
        };
        let stopped = match plan {
            SearchPlan::Index => !found
                .list
                .chunks(STOP_EVERY)
                .scan(0, |checked, chunk| {
                    *checked += chunk.len();
                    Some((chunk, *checked))
                })
                .all(|(chunk, checked)| on_match(chunk, checked)),
            _ => scan::in_order(&self.conn, query, &found.list, &mut on_match).map_err(fail)?,
        };
        if let Some(e) = failed {
            return Err(fail(e));
        }
        Ok((!stopped).then_some(SearchTally { total, plan }))
    }

    /// How many current reports matching `query` within `filter` each year, county or
    /// province holds (the groups with none left out), in no particular order.
    pub fn count_matches(
        &self,
        query: &Query,
        filter: &SearchFilter,
        by: CountBy,
    ) -> Result<Vec<(String, usize)>, StoreError> {
        let (plan, narrow) = plan(query);
        let mut never = |_: &SearchProgress| false;
        let found = self.candidates(
            narrow.as_ref(),
            filter,
            by,
            &mut StopCheck::new(&mut never, plan),
        )?;
        let mut counts = vec![0usize; found.groups.len()];
        let mut count = |matched: &[Candidate], _checked: usize| {
            matched.iter().for_each(|c| counts[c.group as usize] += 1);
            true
        };
        match plan {
            SearchPlan::Index => {
                count(&found.list, found.list.len());
            }
            _ => {
                scan::in_order(&self.conn, query, &found.list, &mut count)
                    .map_err(|e| sqlite(&self.path, e))?;
            }
        }
        Ok(found
            .groups
            .into_iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .collect())
    }

    /// The reports a search may match in listing order: those the index names for
    /// `narrow`, or every report in the filter without it; incomplete when `check` said
    /// to stop.
    fn candidates(
        &self,
        narrow: Option<&Query>,
        filter: &SearchFilter,
        by: CountBy,
        check: &mut StopCheck<'_>,
    ) -> Result<order::Candidates, StoreError> {
        let fail = |e| sqlite(&self.path, e);
        let within = match narrow {
            Some(narrow) => Some(candidates::indexed(&self.conn, narrow, check).map_err(fail)?),
            None => None,
        };
        order::collect(&self.conn, filter, within.as_ref(), by, check).map_err(fail)
    }

    /// A listed report's identity and clean text; `None` when it was replaced meanwhile.
    fn shown(&self, id: i64) -> rusqlite::Result<Option<(SearchRow, String)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.township, r.county, r.province, r.year, {} FROM reports r
             WHERE r.id = ?1 AND r.superseded_by IS NULL",
            clean_text::R_COLUMNS
        ))?;
        let found = stmt.query_row([id], |row| {
            let report = SearchRow {
                id,
                township: row.get(0)?,
                county: non_empty(row.get(1)?),
                province: row.get(2)?,
                year: row.get(3)?,
            };
            Ok((report, clean_text::read(row, 4)?))
        });
        match found {
            Ok(found) => Ok(Some(found)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// How `query` is answered, and what the index is asked to narrow the candidates to
/// (`None`: every report in the filter is read).
fn plan(query: &Query) -> (SearchPlan, Option<Query>) {
    if query.indexable() {
        (SearchPlan::Index, Some(query.clone()))
    } else {
        match query.prefilter() {
            Some(narrow) => (SearchPlan::Verify, Some(narrow)),
            None => (SearchPlan::Scan, None),
        }
    }
}

/// Adds a newly stored report's text to the index.
pub(super) fn index_text(conn: &Connection, id: i64, text: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO report_text (rowid, text) VALUES (?1, ?2)")?
        .execute(rusqlite::params![id, text])
        .map(|_| ())
}

/// Takes a replaced report's text out of the index: only current reports are searched.
pub(super) fn unindex_text(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM report_text WHERE rowid = ?1")?
        .execute([id])
        .map(|_| ())
}

#[cfg(test)]
mod tests;
