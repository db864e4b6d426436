//! A township's line in the review list: how much of the latest report is copied from
//! the year before, how many findings the pair it opens on has, and how far its review
//! has come. Copy ratio and findings come from the store's summary cache when it has
//! them for these texts and this engine; the progress is read from the notes each time,
//! since reviewers mark sections all day.

use std::collections::HashSet;

use serde::Serialize;

use super::ReviewError;
use super::cache::{AnalysisCache, last_year_stamp};
use super::years::latest_pair;
use crate::report::sections;
use crate::store::{CachedSummary, NoteKind, ReportKey, Store, TownshipSummary};

/// What the township list shows of a township, the same in the interface and in
/// `nianbao list --json`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Share of the latest report reused from the year before; `None` with one year.
    pub copy_ratio: Option<f64>,
    /// Lint findings of both years of the pair the township opens on, as the findings
    /// pane lists them.
    pub findings: usize,
    /// Sections of the latest report marked reviewed.
    pub reviewed_sections: usize,
    /// Sections of the latest report.
    pub sections: usize,
}

/// The summary of a township's latest pair; `None` when none of its years is stored
/// any more.
pub fn summarize(
    store: &Store,
    cache: &AnalysisCache,
    township: &TownshipSummary,
) -> Result<Option<Summary>, ReviewError> {
    let Some((old_year, new_year)) = latest_pair(&township.years) else {
        return Ok(None);
    };
    let key = |year: i32| ReportKey {
        township: township.township.clone(),
        county: township.county.clone().unwrap_or_default(),
        year,
    };
    let Some(new_stamp) = store.report_stamp(&key(new_year))? else {
        return Ok(None);
    };
    let old_stamp = match old_year {
        Some(year) => store.report_stamp(&key(year))?,
        None => None,
    };
    // The older year's findings rest on the year before it too: its version is part
    // of what the summary was computed from.
    let before_old = match old_year {
        Some(year) => last_year_stamp(store, &key(year))?,
        None => None,
    };
    let engine = match before_old {
        Some(stamp) => format!("{};{}:{}", cache.engine(), stamp.id, stamp.sha256),
        None => cache.engine().to_string(),
    };
    let cached = store.cached_summary(old_stamp.as_ref(), &new_stamp, &engine)?;
    let scores = match cached {
        Some(scores) => scores,
        None => {
            let old = match &old_stamp {
                Some(stamp) => cache.by_id(store, stamp.id)?,
                None => None,
            };
            let Some(new) = cache.by_id(store, new_stamp.id)? else {
                return Ok(None);
            };
            let scores = CachedSummary {
                copy_ratio: old.as_ref().map(|old| cache.copy_ratio(old, &new)),
                lint_count: old.as_ref().map_or(0, |old| old.lint.len()) + new.lint.len(),
            };
            store.store_summary(old_stamp.as_ref(), &new_stamp, &engine, scores)?;
            scores
        }
    };
    let Some(paths) = section_paths(store, cache, new_stamp.id)? else {
        return Ok(None);
    };
    let reviewed: HashSet<String> = store
        .notes_for(&township.township, &key(new_year).county, &[new_year])?
        .into_iter()
        .filter(|n| n.kind == NoteKind::Reviewed)
        .filter_map(|n| n.section)
        .collect();
    Ok(Some(Summary {
        copy_ratio: scores.copy_ratio,
        findings: scores.lint_count,
        reviewed_sections: paths.iter().filter(|p| reviewed.contains(*p)).count(),
        sections: paths.len(),
    }))
}

/// The section paths of a report version: from its analysis when kept, else from its
/// outline alone (much cheaper than a full analysis).
fn section_paths(
    store: &Store,
    cache: &AnalysisCache,
    id: i64,
) -> Result<Option<Vec<String>>, ReviewError> {
    if let Some(report) = cache.peek(id) {
        return Ok(Some(
            report.sections.iter().map(|s| s.path.clone()).collect(),
        ));
    }
    let Some(stored) = store.report_by_id(id)? else {
        return Ok(None);
    };
    let outline = sections::parse(&stored.text);
    Ok(Some(outline.sections.into_iter().map(|s| s.path).collect()))
}
