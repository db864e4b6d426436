//! One cache of analysed reports, shared by the township list's summaries and by
//! opening a pair, so a report is analysed once per version whichever asks first. A
//! report version is its row id (a replaced report gets a new one); the analysis also
//! depends on the engine, whose fingerprint is fixed for the life of the process and
//! keys what is kept across processes (the store's summary cache).

mod compared;
mod fingerprint;
mod shared;

use std::sync::{Arc, OnceLock};

use super::sources::cite_sources;
use super::years::year_before;
use crate::compare;
use crate::report::Report;
use crate::report::lint::OwnFindings;
use crate::store::{ReportKey, ReportStamp, Store, StoreError};
pub use fingerprint::engine_fingerprint;
pub use shared::Asker;
use shared::{Shared, Slot};

/// Last year's and this year's analysed reports, each `None` when not stored.
pub type PairOfYears = (Option<Arc<Report>>, Option<Arc<Report>>);

/// A handle on analysed reports by row id, the least recently used dropped first. The
/// handles of one cache share what they analyse: the interface's worker and the
/// township list's summary thread each hold one, and a report is analysed once
/// whichever asks first. The background waits for an analysis the interface has under
/// way; the interface never waits for the background's, but makes the analysis itself
/// and the background's is dropped when it ends.
#[derive(Debug, Clone)]
pub struct AnalysisCache {
    asker: Asker,
    engine: Arc<OnceLock<String>>,
    shared: Arc<Shared>,
}

impl Default for AnalysisCache {
    /// A new, empty cache, asked by the interface.
    fn default() -> AnalysisCache {
        AnalysisCache {
            asker: Asker::Interface,
            engine: Arc::default(),
            shared: Arc::default(),
        }
    }
}

/// An analysis this asker is to make; dropped unmade, it is marked as no longer under
/// way, so no one waits for it.
struct Claim<'a> {
    cache: &'a AnalysisCache,
    id: i64,
}

impl Claim<'_> {
    /// True while the analysis is still this asker's to make: false once the interface
    /// has taken the background's over, so the background's stops where it is.
    fn wanted(&self) -> bool {
        let state = self.cache.shared.lock();
        matches!(state.reports.get(&self.id), Some(Slot::Running(by)) if *by == self.cache.asker)
    }

    /// Keeps the analysis made; `None` when the interface took it over meanwhile (this
    /// one is dropped and the interface's is to be waited for).
    fn keep(self, key: ReportKey, against: Option<i64>, report: Report) -> Option<Arc<Report>> {
        let mut state = self.cache.shared.lock();
        if !matches!(state.reports.get(&self.id), Some(Slot::Running(by)) if *by == self.cache.asker)
        {
            return None;
        }
        let report = Arc::new(report);
        state.keep(self.id, key, against, &report);
        Some(report)
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        let mut state = self.cache.shared.lock();
        if matches!(state.reports.get(&self.id), Some(Slot::Running(by)) if *by == self.cache.asker)
        {
            state.reports.remove(&self.id);
        }
        drop(state);
        self.cache.shared.notify();
    }
}

/// A kept analysis, or the claim to make it.
enum Found<'a> {
    Kept(Arc<Report>),
    Claimed(Claim<'a>),
}

impl AnalysisCache {
    /// A handle on the same cache for the background: it waits for the interface's
    /// analyses, and the interface takes over its own.
    pub fn background(&self) -> AnalysisCache {
        AnalysisCache {
            asker: Asker::Background,
            ..self.clone()
        }
    }

    /// The engine fingerprint, computed on first use.
    pub fn engine(&self) -> &str {
        self.engine.get_or_init(engine_fingerprint)
    }

    /// How many reports this cache has analysed: each version once while it is kept.
    pub fn analyses(&self) -> usize {
        self.shared.lock().analyses
    }

    /// The analysed report of this version, when it is kept; never analyses.
    pub fn peek(&self, id: i64) -> Option<Arc<Report>> {
        self.shared.lock().touch(id)
    }

    /// The analysed current report of an identity, analysing it only when this version
    /// is not kept; `None` when the store has no such report.
    pub fn current(
        &self,
        store: &Store,
        key: &ReportKey,
    ) -> Result<Option<Arc<Report>>, StoreError> {
        match store.report_stamp(key)? {
            Some(stamp) => self.by_id(store, stamp.id),
            None => Ok(None),
        }
    }

    /// The analysed report of a version (row id), analysing it only when not kept; its
    /// stale years are read against the township's stored year before, when there is
    /// one, so a kept analysis read against another version of that year is redone.
    pub fn by_id(&self, store: &Store, id: i64) -> Result<Option<Arc<Report>>, StoreError> {
        loop {
            let claim = match self.find(store, id)? {
                Found::Kept(report) => return Ok(Some(report)),
                Found::Claimed(claim) => claim,
            };
            let Some(stored) = store.report_by_id(id)? else {
                return Ok(None);
            };
            let key = stored.key();
            let against = last_year_stamp(store, &key)?.map(|s| s.id);
            let wanted = || claim.wanted();
            let last_year = match against {
                Some(last) => self.last_year(store, last, &wanted)?,
                None => None,
            };
            let Ok(mut report) = Report::analyze_while(
                &stored.text,
                stored.metadata(),
                stored.artifacts.clone(),
                last_year.as_deref(),
                &wanted,
            ) else {
                // Taken over: the interface's analysis is waited for instead.
                continue;
            };
            if !wanted() {
                continue;
            }
            cite_sources(store, &key, &mut report)?;
            if let Some(report) = claim.keep(key, against, report) {
                return Ok(Some(report));
            }
        }
    }

    /// The analysed reports of two years of a township, `old` the year before `new`:
    /// when `new` is not kept it is analysed on a thread of its own while `old` is found
    /// or analysed here, and linted there as far as it can be without `old` (only its
    /// stale years wait for `old`), so opening a pair of long reports waits for the
    /// longer of the two analyses, not their sum. The same reports as
    /// [`AnalysisCache::current`] of each.
    pub fn pair(
        &self,
        store: &Store,
        old: &ReportKey,
        new: &ReportKey,
    ) -> Result<PairOfYears, StoreError> {
        let Some(new_id) = store.report_stamp(new)?.map(|s| s.id) else {
            return Ok((self.current(store, old)?, None));
        };
        let against = last_year_stamp(store, new)?.map(|s| s.id);
        let old_id = store.report_stamp(old)?.map(|s| s.id);
        if against.is_none() || against != old_id {
            return Ok((self.current(store, old)?, self.by_id(store, new_id)?));
        }
        let claim = match self.find(store, new_id)? {
            Found::Kept(report) => return Ok((self.current(store, old)?, Some(report))),
            Found::Claimed(claim) => claim,
        };
        let Some(stored) = store.report_by_id(new_id)? else {
            return Ok((self.current(store, old)?, None));
        };
        let ((unlinted, own), old_report) = compare::both(
            || {
                let report = Report::analyze_unlinted(
                    &stored.text,
                    stored.metadata(),
                    stored.artifacts.clone(),
                );
                let own = OwnFindings::check(&report);
                (report, own)
            },
            || self.current(store, old),
        );
        let old_report = old_report?;
        let mut report = unlinted;
        report.finish_lint(own, old_report.as_deref());
        let key = stored.key();
        cite_sources(store, &key, &mut report)?;
        match claim.keep(key, against, report) {
            Some(report) => Ok((old_report, Some(report))),
            None => Ok((old_report, self.by_id(store, new_id)?)),
        }
    }

    /// The kept analysis of a version when it was read against the stored year before
    /// it as that year is now; else the claim to analyse it, once no one with the right
    /// of way is analysing it.
    fn find(&self, store: &Store, id: i64) -> Result<Found<'_>, StoreError> {
        loop {
            let mut state = self.shared.lock();
            let kept = match state.reports.get(&id) {
                None => None,
                Some(Slot::Kept(kept)) => {
                    Some((kept.key.clone(), kept.against, Arc::clone(&kept.report)))
                }
                Some(Slot::Running(by)) if !self.asker.takes_over(*by) => {
                    drop(self.shared.wait(state));
                    continue;
                }
                Some(Slot::Running(_)) => None,
            };
            let Some((key, against, report)) = kept else {
                state.reports.insert(id, Slot::Running(self.asker));
                return Ok(Found::Claimed(Claim { cache: self, id }));
            };
            drop(state);
            let now = last_year_stamp(store, &key)?.map(|s| s.id);
            let mut state = self.shared.lock();
            let same = matches!(state.reports.get(&id), Some(Slot::Kept(k)) if Arc::ptr_eq(&k.report, &report));
            if !same {
                continue;
            }
            if now == against {
                state.touch(id);
                return Ok(Found::Kept(report));
            }
            state.reports.insert(id, Slot::Running(self.asker));
            return Ok(Found::Claimed(Claim { cache: self, id }));
        }
    }

    /// Last year's report (row id `id`), for its sentences: the kept analysis when there
    /// is one; else its own analysis when it has no year before it (then the analysis
    /// for this reading is its own); else analysed now for this reading alone.
    /// The analysis for this reading alone is given up (`None`) once `wanted` says the
    /// reading is no longer wanted.
    fn last_year(
        &self,
        store: &Store,
        id: i64,
        wanted: &dyn Fn() -> bool,
    ) -> Result<Option<Arc<Report>>, StoreError> {
        if let Some(kept) = self.peek(id) {
            return Ok(Some(kept));
        }
        let Some(stored) = store.report_by_id(id)? else {
            return Ok(None);
        };
        if last_year_stamp(store, &stored.key())?.is_none() {
            return self.by_id(store, id);
        }
        let Ok(report) = Report::analyze_while(
            &stored.text,
            stored.metadata(),
            stored.artifacts.clone(),
            None,
            wanted,
        ) else {
            return Ok(None);
        };
        self.shared.lock().analyses += 1;
        Ok(Some(Arc::new(report)))
    }
}

/// The version of the report a year is read against: the township's stored year
/// before it.
pub fn last_year_stamp(store: &Store, key: &ReportKey) -> Result<Option<ReportStamp>, StoreError> {
    let years = store.years(&key.township, &key.county)?;
    let Some(year) = year_before(&years, key.year) else {
        return Ok(None);
    };
    store.report_stamp(&ReportKey {
        year,
        ..key.clone()
    })
}

#[cfg(test)]
mod tests;
