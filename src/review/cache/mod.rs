//! One cache of analysed reports, shared by the township list's summaries and by
//! opening a pair, so a report is analysed once per version whichever asks first. A
//! report version is its row id (a replaced report gets a new one); the analysis also
//! depends on the engine, whose fingerprint is fixed for the life of the process and
//! keys what is kept across processes (the store's summary cache).

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use super::sources::cite_sources;
use super::years::year_before;
use crate::compare::{self, Comparison, ledger};
use crate::ingest::Metadata;
use crate::report::Report;
use crate::store::{ReportKey, ReportStamp, Store, StoreError};

/// How many analysed reports are kept: enough for stepping through a township's years
/// and back while the list's summaries run.
const KEPT: usize = 48;

/// What the numbers of a cached summary mean. Raised whenever that changes (2: the
/// findings of both years of the pair, no longer the latest year's lint alone; 3: stale
/// years read against the year before each), so summaries cached under the old meaning
/// are recomputed.
const SUMMARY_FORMAT: u32 = 3;

/// Last year's and this year's analysed reports, each `None` when not stored.
pub type PairOfYears = (Option<Arc<Report>>, Option<Arc<Report>>);

/// Analysed reports by row id, the least recently used dropped first.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    engine: Option<String>,
    reports: HashMap<i64, Kept>,
    /// Ticks on every use, to find the least recently used entry.
    clock: u64,
    /// The last comparison made through [`AnalysisCache::comparison`], with the two
    /// analyses it compared: the township list's summary of a pair compares it, and
    /// opening the same pair right after reuses that work instead of repeating it (for
    /// a huge pair, seconds). Weak, so it keeps no report alive.
    compared: Option<(Weak<Report>, Weak<Report>, Arc<Comparison>)>,
    analyses: usize,
}

#[derive(Debug)]
struct Kept {
    report: Arc<Report>,
    key: ReportKey,
    /// The row id of the report its stale years were read against.
    against: Option<i64>,
    used: u64,
}

impl AnalysisCache {
    /// The engine fingerprint, computed on first use.
    pub fn engine(&mut self) -> &str {
        self.engine.get_or_insert_with(engine_fingerprint)
    }

    /// How many reports this cache has analysed: each version once while it is kept.
    pub fn analyses(&self) -> usize {
        self.analyses
    }

    /// The analysed report of this version, when it is kept; never analyses.
    pub fn peek(&mut self, id: i64) -> Option<Arc<Report>> {
        self.clock += 1;
        let kept = self.reports.get_mut(&id)?;
        kept.used = self.clock;
        Some(Arc::clone(&kept.report))
    }

    /// The analysed current report of an identity, analysing it only when this version
    /// is not kept; `None` when the store has no such report.
    pub fn current(
        &mut self,
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
    pub fn by_id(&mut self, store: &Store, id: i64) -> Result<Option<Arc<Report>>, StoreError> {
        if let Some(kept) = self.kept_current(store, id)? {
            return Ok(Some(kept));
        }
        let Some(stored) = store.report_by_id(id)? else {
            return Ok(None);
        };
        let key = stored.key();
        let against = last_year_stamp(store, &key)?.map(|s| s.id);
        let last_year = match against {
            Some(last) => self.last_year(store, last)?,
            None => None,
        };
        let mut report = stored.analyze_against(last_year.as_deref());
        cite_sources(store, &key, &mut report)?;
        let report = Arc::new(report);
        self.keep(id, key, against, &report);
        Ok(Some(report))
    }

    /// The analysed reports of two years of a township, `old` the year before `new`:
    /// when `new` is not kept it is analysed on a thread of its own while `old` is found
    /// or analysed here, so opening a pair of long reports waits for the longer of the
    /// two analyses, not their sum. The same reports as [`AnalysisCache::current`] of
    /// each.
    pub fn pair(
        &mut self,
        store: &Store,
        old: &ReportKey,
        new: &ReportKey,
    ) -> Result<PairOfYears, StoreError> {
        let Some(new_id) = store.report_stamp(new)?.map(|s| s.id) else {
            return Ok((self.current(store, old)?, None));
        };
        let against = last_year_stamp(store, new)?.map(|s| s.id);
        let old_id = store.report_stamp(old)?.map(|s| s.id);
        let stored = match self.kept_current(store, new_id)? {
            None if against.is_some() && against == old_id => store.report_by_id(new_id)?,
            _ => None,
        };
        let Some(stored) = stored else {
            return Ok((self.current(store, old)?, self.by_id(store, new_id)?));
        };
        let (unlinted, old_report) = compare::both(
            || Report::analyze_unlinted(&stored.text, stored.metadata(), stored.artifacts.clone()),
            || self.current(store, old),
        );
        let old_report = old_report?;
        let mut report = unlinted;
        report.lint_against(old_report.as_deref());
        let key = stored.key();
        cite_sources(store, &key, &mut report)?;
        let report = Arc::new(report);
        self.keep(new_id, key, against, &report);
        Ok((old_report, Some(report)))
    }

    /// The kept analysis of a version, when it was read against the stored year before
    /// it as that year is now.
    /// The comparison of `old` with `new`, made once for the last pair asked for.
    pub fn comparison(&mut self, old: &Arc<Report>, new: &Arc<Report>) -> Arc<Comparison> {
        if let Some(kept) = self.kept_comparison(old, new) {
            return kept;
        }
        let comparison = Arc::new(compare::compare(old, new));
        self.compared = Some((
            Arc::downgrade(old),
            Arc::downgrade(new),
            Arc::clone(&comparison),
        ));
        comparison
    }

    /// The kept comparison, when it is of `old` with `new`; never compares.
    pub fn kept_comparison(&self, old: &Arc<Report>, new: &Arc<Report>) -> Option<Arc<Comparison>> {
        let (kept_old, kept_new, comparison) = self.compared.as_ref()?;
        (Weak::ptr_eq(kept_old, &Arc::downgrade(old))
            && Weak::ptr_eq(kept_new, &Arc::downgrade(new)))
        .then(|| Arc::clone(comparison))
    }

    fn kept_current(&mut self, store: &Store, id: i64) -> Result<Option<Arc<Report>>, StoreError> {
        let Some(kept) = self.reports.get(&id) else {
            return Ok(None);
        };
        let against = last_year_stamp(store, &kept.key)?.map(|s| s.id);
        Ok(if against == kept.against {
            self.peek(id)
        } else {
            None
        })
    }

    /// Last year's report (row id `id`), for its sentences: the kept analysis when there
    /// is one; else analysed now, and kept when it has no year before it (then this
    /// analysis is its own).
    fn last_year(&mut self, store: &Store, id: i64) -> Result<Option<Arc<Report>>, StoreError> {
        if let Some(kept) = self.peek(id) {
            return Ok(Some(kept));
        }
        let Some(stored) = store.report_by_id(id)? else {
            return Ok(None);
        };
        let key = stored.key();
        let report = Arc::new(stored.analyze());
        if last_year_stamp(store, &key)?.is_none() {
            self.keep(id, key, None, &report);
        } else {
            self.analyses += 1;
        }
        Ok(Some(report))
    }

    /// Counts an analysis and keeps it, dropping the least recently used when full.
    fn keep(&mut self, id: i64, key: ReportKey, against: Option<i64>, report: &Arc<Report>) {
        self.analyses += 1;
        if self.reports.len() >= KEPT {
            self.drop_least_recent();
        }
        self.clock += 1;
        self.reports.insert(
            id,
            Kept {
                report: Arc::clone(report),
                key,
                against,
                used: self.clock,
            },
        );
    }

    fn drop_least_recent(&mut self) {
        let oldest = self
            .reports
            .iter()
            .min_by_key(|(_, k)| k.used)
            .map(|(&id, _)| id);
        if let Some(id) = oldest {
            self.reports.remove(&id);
        }
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

/// A fingerprint of the analysis engines: the result of analysing and comparing two
/// small reports written for the purpose, and what cached summaries mean. Summaries
/// cached by other engines (an older or newer nianbao) carry another fingerprint and
/// are recomputed.
pub fn engine_fingerprint() -> String {
    let old = Report::analyze(PROBE_OLD, probe_meta(2021), Vec::new());
    let new = Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new());
    let comparison = compare::compare(&old, &new);
    let probe = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "summary_format": SUMMARY_FORMAT,
        "comparison": comparison,
        "old": { "sections": old.sections, "figures": old.figures, "lint": old.lint },
        "new": { "sections": new.sections, "figures": new.figures, "lint": new.lint },
        "ledger": ledger::ledger(&old, &new),
    });
    let text = serde_json::to_string(&probe).unwrap_or_default();
    crate::store::sha256_hex(text.as_bytes())
}

fn probe_meta(year: i32) -> Metadata {
    Metadata {
        township: Some("样例镇".to_string()),
        county: Some("样例县".to_string()),
        year: Some(year),
        ..Metadata::default()
    }
}

const PROBE_OLD: &str = "样例镇2021年法治政府建设年度报告\n一、主要举措和成效\n（一）加强学习。全年组织专题学习12次，发放宣传资料3000余份。\n（二）依法决策。重大决策均经合法性审查。\n二、存在的不足和原因\n法治宣传形式单一。\n三、2022年工作安排\n继续深化法治宣传。\n样例镇人民政府\n2021年12月20日";

const PROBE_NEW: &str = "样例镇2022年法治政府建设年度报告\n一、主要举措和成效\n（一）加强学习。全年组织专题学习15次，发放宣传资料3000余份。\n（二）依法决策。重大决策均经合法性审查和集体讨论。\n二、存在的不足和原因\n法治宣传形式单一。\n三、党政主要负责人履行第一责任人职责情况\n主要负责人亲自部署。\n四、2023年工作安排\n继续深化法治宣传。\n样例镇人民政府\n2022年12月18日";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparison_is_made_once_for_the_same_two_analyses() {
        let old = Arc::new(Report::analyze(PROBE_OLD, probe_meta(2021), Vec::new()));
        let new = Arc::new(Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new()));
        let mut cache = AnalysisCache::default();
        assert!(cache.kept_comparison(&old, &new).is_none());
        let first = cache.comparison(&old, &new);
        assert_eq!(*first, compare::compare(&old, &new));
        let again = cache.kept_comparison(&old, &new).expect("kept");
        assert!(Arc::ptr_eq(&first, &again));
        // Another analysis of the same text is another version: compared anew.
        let other = Arc::new(Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new()));
        assert!(cache.kept_comparison(&old, &other).is_none());
        assert!(!Arc::ptr_eq(&first, &cache.comparison(&old, &other)));
        assert!(
            cache.kept_comparison(&old, &new).is_none(),
            "only the last is kept"
        );
    }

    #[test]
    fn fingerprint_is_stable_within_a_build() {
        assert_eq!(engine_fingerprint(), engine_fingerprint());
        assert_eq!(engine_fingerprint().len(), 64);
    }
}
