//! An opened township: last year's and this year's reports, their comparison (every
//! sentence of both shown), the figures ledger and each figure's trend over all years.
//! Built by the review service, shared with a front end behind an `Arc`, never changed
//! afterwards.

use std::sync::Arc;

use crate::compare::coverage::{complete_coverage, outline_model};
use crate::compare::ledger::{self, FigureSeries, LedgerRow};
use crate::compare::{self, Comparison, Counts, RowKind};
use crate::i18n::{Lang, Msg, fill, msg};
use crate::report::Report;

/// One of the two years of a pair (as in delta's minus/plus model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Old,
    New,
}

/// An opened township: a pair of years, or a single year when that is all there is.
#[derive(Debug, Clone)]
pub struct PairData {
    pub township: String,
    pub county: String,
    /// Every year stored for the township, ascending.
    pub years: Vec<i32>,
    /// Last year's report; `None` when only one year is open. Shared with the analysis
    /// cache, not copied: a long report's analysis is hundreds of megabytes.
    pub old: Option<Arc<Report>>,
    pub new: Arc<Report>,
    pub old_year: Option<i32>,
    pub new_year: i32,
    /// The aligned sections. For a single year, each region of the report as an added
    /// section, so the same view reads it.
    pub comparison: Comparison,
    /// Figures of both years side by side (of the one year when single).
    pub ledger: Vec<LedgerRow>,
    /// Each figure across every stored year, when there are three or more.
    pub series: Vec<FigureSeries>,
    /// Rows of each kind, as shown (the engine's rows plus any it left out).
    pub counts: Counts,
}

impl PairData {
    /// Compares `old` with `new` (or lays out `new` alone) and follows figures across
    /// `history` (every year's report, for trends).
    pub fn build(
        township: &str,
        county: &str,
        years: Vec<i32>,
        old: Option<Arc<Report>>,
        new: Arc<Report>,
        history: &[&Report],
    ) -> PairData {
        PairData::build_compared(township, county, years, old, new, history, |old, new| {
            compare::compare(old, new)
        })
    }

    /// [`PairData::build`] with the comparison of `old` with `new` given by
    /// `compare_pair` (the analysis cache's, which the township list's summary of the
    /// pair may already have made), so a huge pair is not compared twice.
    pub fn build_compared(
        township: &str,
        county: &str,
        years: Vec<i32>,
        old: Option<Arc<Report>>,
        new: Arc<Report>,
        history: &[&Report],
        compare_pair: impl FnOnce(&Arc<Report>, &Arc<Report>) -> Comparison + Send,
    ) -> PairData {
        let old_year = old.as_ref().and_then(|r| r.meta.year);
        let new_year = new.meta.year.unwrap_or_default();
        let (comparison, ledger) = match &old {
            Some(old) => compare::both(
                || {
                    let mut comparison = compare_pair(old, &new);
                    complete_coverage(&mut comparison, old, &new);
                    comparison
                },
                || ledger::ledger(old, &new),
            ),
            None => (outline_model(&new), ledger::single(&new)),
        };
        let counts = count_rows(&comparison);
        let series = if history.len() >= 3 {
            ledger::series(history)
        } else {
            Vec::new()
        };
        PairData {
            township: township.to_string(),
            county: county.to_string(),
            years,
            old,
            new,
            old_year,
            new_year,
            comparison,
            ledger,
            series,
            counts,
        }
    }

    /// True when only one year is open.
    pub fn is_single(&self) -> bool {
        self.old.is_none()
    }

    /// The report on one side.
    pub fn report(&self, side: Side) -> Option<&Report> {
        match side {
            Side::Old => self.old.as_deref(),
            Side::New => Some(&self.new),
        }
    }

    /// The year on one side.
    pub fn year(&self, side: Side) -> Option<i32> {
        match side {
            Side::Old => self.old_year,
            Side::New => Some(self.new_year),
        }
    }

    /// The trend of a ledger row's figure: its own series, which agrees with the row.
    pub fn series_for(&self, row: &LedgerRow) -> Option<&FigureSeries> {
        ledger::series_for(&self.series, row, self.old_year, Some(self.new_year))
            .filter(|s| s.points.len() >= 2)
    }
}

/// What a reader of the comparison must be told when some of its rows pair whole
/// sentences only (the pair, or sections of it, beyond the comparison's budget), in
/// the interface language; `None` when every row was compared word by word.
pub fn coarse_notice(comparison: &Comparison, lang: Lang) -> Option<String> {
    coarse(
        comparison,
        lang,
        Msg::SentenceLevel,
        Msg::SectionsSentenceLevel,
    )
}

/// [`coarse_notice`] in a few words, for a status line that keeps it in view while
/// the pair is shown.
pub fn coarse_tag(comparison: &Comparison, lang: Lang) -> Option<String> {
    coarse(
        comparison,
        lang,
        Msg::TuiSentenceLevelTag,
        Msg::TuiSectionsSentenceLevelTag,
    )
}

/// `whole` for a pair compared by whole sentences, `sections` filled with how many of
/// its sections were; `None` when every row was compared word by word.
fn coarse(comparison: &Comparison, lang: Lang, whole: Msg, sections: Msg) -> Option<String> {
    if comparison.sentence_level {
        return Some(msg(lang, whole).to_string());
    }
    let count = comparison
        .sections
        .iter()
        .filter(|pair| pair.sentence_level)
        .count();
    (count > 0).then(|| fill(msg(lang, sections), &[&count.to_string()]))
}

/// Counts the rows of each kind.
fn count_rows(comparison: &Comparison) -> Counts {
    let mut counts = Counts::default();
    for row in comparison.sections.iter().flat_map(|p| &p.rows) {
        let slot = match row.kind {
            RowKind::Unchanged => &mut counts.unchanged,
            RowKind::NumbersOnly => &mut counts.numbers_only,
            RowKind::DatesOnly => &mut counts.dates_only,
            RowKind::Modified => &mut counts.modified,
            RowKind::Moved => &mut counts.moved,
            RowKind::Added => &mut counts.added,
            RowKind::Removed => &mut counts.removed,
        };
        *slot += 1;
    }
    counts
}
