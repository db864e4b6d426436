//! The review service: what both front ends ask of a store. The interface's worker
//! thread and the command line call the same methods, so a figure one shows the other
//! can get, computed the same way.

use std::collections::HashMap;
use std::sync::Arc;

use super::ReviewError;
use super::cache::AnalysisCache;
use super::pair::PairData;
use super::source::missing;
use super::summary::{Summary, summarize};
use crate::report::Report;
use crate::reuse::{Params, ReuseReport};
use crate::store::reuse_index::{indexed_reports, report_reuse};
use crate::store::{NewNote, Note, ReportKey, Store, TownshipSummary};

/// How many reuse answers are kept, so going back to a report asks the index nothing.
const REUSE_KEPT: usize = 64;

/// Which township and years to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub township: String,
    pub county: String,
    /// Every stored year of the township, ascending.
    pub years: Vec<i32>,
    pub old: Option<i32>,
    pub new: i32,
}

impl OpenRequest {
    /// The identity of one of the township's years.
    fn key(&self, year: i32) -> ReportKey {
        ReportKey {
            township: self.township.clone(),
            county: self.county.clone(),
            year,
        }
    }
}

/// An opened pair with the review records of its township.
#[derive(Debug, Clone)]
pub struct OpenedPair {
    pub data: Arc<PairData>,
    pub notes: Vec<Note>,
}

/// Every township with its years, and how many notes and flags each has.
#[derive(Debug, Clone)]
pub struct TownshipList {
    pub townships: Vec<TownshipSummary>,
    pub note_counts: HashMap<(String, String), usize>,
}

/// A township's review records after a write, and its years (for its new summary).
#[derive(Debug, Clone)]
pub struct TownshipNotes {
    pub township: String,
    pub county: String,
    pub years: Vec<i32>,
    pub notes: Vec<Note>,
}

/// A store with the analyses and reuse answers already computed for it.
pub struct ReviewService {
    store: Store,
    analyses: AnalysisCache,
    /// Reuse answers by report version: row id and the number of reports indexed then
    /// (another township's new report can add partners).
    reuse: HashMap<(i64, usize), Arc<ReuseReport>>,
}

impl ReviewService {
    /// A service over an open store, with nothing computed yet.
    pub fn new(store: Store) -> ReviewService {
        ReviewService::sharing(store, AnalysisCache::default())
    }

    /// A service over an open store sharing `analyses` with other services (the
    /// interface's worker and the township list's summaries, each with its own store
    /// connection): a report is analysed once whichever asks first.
    pub fn sharing(store: Store, analyses: AnalysisCache) -> ReviewService {
        ReviewService {
            store,
            analyses,
            reuse: HashMap::new(),
        }
    }

    /// The store the service reads.
    pub(super) fn store(&self) -> &Store {
        &self.store
    }

    /// How many reports have been analysed: each version once while it is kept.
    pub fn analyses(&self) -> usize {
        self.analyses.analyses()
    }

    /// Every township with its years and note counts.
    pub fn townships(&self) -> Result<TownshipList, ReviewError> {
        Ok(TownshipList {
            townships: self.store.townships()?,
            note_counts: self.store.note_counts()?,
        })
    }

    /// The list line of a township; `None` when none of its years is stored any more.
    pub fn summary(&mut self, township: &TownshipSummary) -> Result<Option<Summary>, ReviewError> {
        summarize(&self.store, &self.analyses, township)
    }

    /// The analysed current report of an identity, its stale years read against the
    /// stored year before it; `None` when the store has no such report.
    pub fn report(&mut self, key: &ReportKey) -> Result<Option<Arc<Report>>, ReviewError> {
        Ok(self.analyses.current(&self.store, key)?)
    }

    /// Opens a pair of years (or one year alone): both reports analysed and compared,
    /// every sentence shown, the figures ledger, and each figure's trend when three or
    /// more years are stored.
    pub fn open(&mut self, request: &OpenRequest) -> Result<OpenedPair, ReviewError> {
        let (old, new) = match request.old {
            Some(year) => {
                let (old, new) = self.analyses.pair(
                    &self.store,
                    &request.key(year),
                    &request.key(request.new),
                )?;
                let old = old.ok_or_else(|| missing(&self.store, &request.key(year)))?;
                let new = new.ok_or_else(|| missing(&self.store, &request.key(request.new)))?;
                (Some(old), new)
            }
            None => (None, self.analysed(request, request.new)?),
        };
        let history = if request.years.len() >= 3 {
            request
                .years
                .iter()
                .map(|&year| self.analysed(request, year))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            Vec::new()
        };
        let history: Vec<&Report> = history.iter().map(Arc::as_ref).collect();
        let analyses = &self.analyses;
        let data = PairData::build_compared(
            &request.township,
            &request.county,
            request.years.clone(),
            old,
            new,
            &history,
            |old, new| analyses.comparison(old, new),
        );
        let notes = self
            .store
            .notes_for(&request.township, &request.county, &request.years)?;
        Ok(OpenedPair {
            data: Arc::new(data),
            notes,
        })
    }

    /// The analysed current report of one of the requested township's years.
    fn analysed(&mut self, request: &OpenRequest, year: i32) -> Result<Arc<Report>, ReviewError> {
        let key = request.key(year);
        self.analyses
            .current(&self.store, &key)?
            .ok_or_else(|| missing(&self.store, &key))
    }

    /// Marks a section of a report reviewed, or unmarks it; true when now marked.
    pub fn toggle_reviewed(
        &self,
        key: &ReportKey,
        section: &str,
        author: &str,
    ) -> Result<(bool, TownshipNotes), ReviewError> {
        let on = self.store.toggle_reviewed(key, section, author)?;
        Ok((on, self.township_notes(key)?))
    }

    /// Flags a sentence, or removes its flag; true when now flagged.
    pub fn toggle_flag(&self, flag: &NewNote<'_>) -> Result<(bool, TownshipNotes), ReviewError> {
        let on = self.store.toggle_flag(flag)?;
        Ok((on, self.township_notes(flag.key)?))
    }

    /// Writes a note.
    pub fn add_note(&self, note: &NewNote<'_>) -> Result<TownshipNotes, ReviewError> {
        self.store.add_note(note)?;
        self.township_notes(note.key)
    }

    /// Gives note `id` new text; false when there is no such note any more.
    pub fn update_note(
        &self,
        key: &ReportKey,
        id: i64,
        body: &str,
    ) -> Result<(bool, TownshipNotes), ReviewError> {
        let found = self.store.update_note_body(id, body)?;
        Ok((found, self.township_notes(key)?))
    }

    /// Deletes note `id`; false when there was no such note.
    pub fn delete_note(
        &self,
        key: &ReportKey,
        id: i64,
    ) -> Result<(bool, TownshipNotes), ReviewError> {
        let found = self.store.delete_note(id)?;
        Ok((found, self.township_notes(key)?))
    }

    fn township_notes(&self, key: &ReportKey) -> Result<TownshipNotes, ReviewError> {
        let years = self.store.years(&key.township, &key.county)?;
        let notes = self.store.notes_for(&key.township, &key.county, &years)?;
        Ok(TownshipNotes {
            township: key.township.clone(),
            county: key.county.clone(),
            years,
            notes,
        })
    }

    /// What a report's current version shares with the other reports of the store;
    /// `None` when it is not in the store. Asked again with as many reports indexed, the
    /// index is not consulted.
    pub fn reuse(&mut self, key: &ReportKey) -> Result<Option<Arc<ReuseReport>>, ReviewError> {
        let Some(stamp) = self.store.report_stamp(key)? else {
            return Ok(None);
        };
        let indexed = indexed_reports(&self.store)?;
        if let Some(report) = self.reuse.get(&(stamp.id, indexed)) {
            return Ok(Some(Arc::clone(report)));
        }
        let found = report_reuse(&self.store, key, &Params::default())?.map(Arc::new);
        if let Some(report) = &found {
            let indexed = indexed_reports(&self.store)?;
            if self.reuse.len() >= REUSE_KEPT {
                self.reuse.clear();
            }
            self.reuse.insert((stamp.id, indexed), Arc::clone(report));
        }
        Ok(found)
    }

    /// Forgets the reuse answers, so the next look-ups read the index again.
    pub fn forget_reuse(&mut self) {
        self.reuse.clear();
    }
}
