//! Full-text search over the current reports' clean text: an FTS5 table of trigrams
//! (case-sensitive, so a phrase query means "this exact substring") within the runs of
//! text between punctuation and spaces, those characters tokens of their own
//! (`tokenizer`), holding
//! no copy of the text, in a database file of its own beside the store (`index_file`),
//! written outside the store's transactions (`indexer`: by its own thread during an
//! import; `reindex` without one). It says how far it goes; the reports above that are read and matched like
//! those of terms too short for trigrams, which narrow what they can through the index
//! and read the rest. The answer is always what [`Query::matches`] says of each text,
//! however far behind the index is, or without one.
//!
//! A search never sorts report rows: the ids the index matches are taken from it alone
//! (`candidates`), put in listing order through the township list's covering index
//! (`order`), and only the reports shown are read; texts to check are read one at a
//! time and matched on every core (`scan`).

mod batch;
mod candidates;
pub(super) mod index_file;
mod indexer;
mod order;
mod reindex;
mod scan;
mod tokenizer;

use rusqlite::Connection;
use serde::Serialize;

use super::{Store, StoreError, clean_text, non_empty, sqlite};
use crate::search::Query;
use candidates::IdSet;
use order::Candidate;

pub(super) use batch::{BatchTexts, TextIndex};
pub use reindex::ReindexSummary;

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
    /// Reports the index did not hold yet (imported by a killed import, or its file
    /// deleted), read one by one: the answer is the same, but a reader should know why
    /// it was slow and that the next import adds them.
    pub unindexed: usize,
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
    /// Whether any current report is within `filter`: a search whose filter selects
    /// nothing is a mistyped name or year, not a query no report answers.
    pub fn filter_selects_any(&self, filter: &SearchFilter) -> Result<bool, StoreError> {
        let mut sql =
            "SELECT EXISTS (SELECT 1 FROM reports WHERE superseded_by IS NULL".to_string();
        let mut values = Vec::new();
        for (column, value) in order::filter_values(filter) {
            sql.push_str(&format!(" AND {column} = ?"));
            values.push(value);
        }
        sql.push(')');
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(values), |row| row.get(0))
            .map_err(|e| self.err(e))
    }

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
        let (found, through) =
            self.candidates(narrow.as_ref(), filter, CountBy::Year, &mut check)?;
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
        let unindexed = match plan {
            SearchPlan::Scan => 0,
            _ => found.list.iter().filter(|c| c.id > through).count(),
        };
        let known = known_to_match(plan, through);
        let stopped = match plan {
            SearchPlan::Index if found.list.iter().all(|c| known(c.id)) => !found
                .list
                .chunks(STOP_EVERY)
                .scan(0, |checked, chunk| {
                    *checked += chunk.len();
                    Some((chunk, *checked))
                })
                .all(|(chunk, checked)| on_match(chunk, checked)),
            _ => scan::in_order(&self.conn, query, &found.list, &known, &mut on_match)
                .map_err(fail)?,
        };
        if let Some(e) = failed {
            return Err(fail(e));
        }
        Ok((!stopped).then_some(SearchTally {
            total,
            plan,
            unindexed,
        }))
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
        let (found, through) = self.candidates(
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
        let known = known_to_match(plan, through);
        match plan {
            SearchPlan::Index if found.list.iter().all(|c| known(c.id)) => {
                count(&found.list, found.list.len());
            }
            _ => {
                scan::in_order(&self.conn, query, &found.list, &known, &mut count)
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
    /// `narrow` and every report above how far the index goes (returned with them), or
    /// every report in the filter without `narrow`; incomplete when `check` said to
    /// stop.
    fn candidates(
        &self,
        narrow: Option<&Query>,
        filter: &SearchFilter,
        by: CountBy,
        check: &mut StopCheck<'_>,
    ) -> Result<(order::Candidates, i64), StoreError> {
        let fail = |e| sqlite(&self.path, e);
        let (within, through) = match narrow {
            Some(narrow) => {
                let (mut set, through) = self.indexed(narrow, check);
                candidates::add_above(&self.conn, through, &mut set).map_err(fail)?;
                (Some(set), through)
            }
            None => (None, 0),
        };
        let found = order::collect(&self.conn, filter, within.as_ref(), by, check).map_err(fail)?;
        Ok((found, through))
    }

    /// The ids the index file names for `narrow` and how far it goes; none and 0 when
    /// there is no index file to read, or it cannot be read (every report is then read).
    fn indexed(&self, narrow: &Query, check: &mut StopCheck<'_>) -> (IdSet, i64) {
        self.text_index()
            .and_then(|index| candidates::indexed(index, &self.conn, narrow, check).ok())
            .unwrap_or_default()
    }

    /// The index file's connection for searches, opened when first there.
    fn text_index(&self) -> Option<&Connection> {
        let reader = &self.text_index.reader;
        if reader.get().is_none() {
            let _ = reader.set(index_file::open_for_reading(&self.path, self.read_only)?);
        }
        reader.get()
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

/// Which candidates match without reading their text: under the index plan, those the
/// index answered for (up to `through`).
fn known_to_match(plan: SearchPlan, through: i64) -> impl Fn(i64) -> bool {
    move |id| plan == SearchPlan::Index && id <= through
}

#[cfg(test)]
mod index_tests;
#[cfg(test)]
mod tests;
