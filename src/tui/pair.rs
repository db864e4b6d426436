//! What the review screen shows for one township: last year's and this year's reports,
//! their comparison, the figures ledger and each figure's trend. Built on the worker
//! thread, shared with the interface behind an `Arc`, never changed afterwards.

use std::collections::HashSet;

use crate::compare::ledger::{self, FigureSeries, LedgerRow, LedgerSide};
use crate::compare::{
    self, Comparison, Counts, Region, Row, RowKind, Scores, SectionPair, SectionStatus,
};
use crate::ingest::Metadata;
use crate::report::Report;

/// One of the two years on screen (as in delta's minus/plus model).
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
    /// Last year's report; `None` when only one year is open.
    pub old: Option<Report>,
    pub new: Report,
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
        old: Option<Report>,
        new: Report,
        history: &[Report],
    ) -> PairData {
        let old_year = old.as_ref().and_then(|r| r.meta.year);
        let new_year = new.meta.year.unwrap_or_default();
        let (comparison, ledger) = match &old {
            Some(old) => {
                let mut comparison = compare::compare(old, &new);
                complete_coverage(&mut comparison, old, &new);
                (comparison, ledger::ledger(old, &new))
            }
            None => (outline_model(&new), single_ledger(&new)),
        };
        let counts = count_rows(&comparison);
        let series = if history.len() >= 3 {
            let refs: Vec<&Report> = history.iter().collect();
            ledger::series(&refs)
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
            Side::Old => self.old.as_ref(),
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

/// Counts the rows of each kind.
fn count_rows(comparison: &Comparison) -> Counts {
    let mut counts = Counts::default();
    for row in comparison.sections.iter().flat_map(|p| &p.rows) {
        let slot = match row.kind {
            RowKind::Unchanged => &mut counts.unchanged,
            RowKind::NumbersOnly => &mut counts.numbers_only,
            RowKind::Modified => &mut counts.modified,
            RowKind::Moved => &mut counts.moved,
            RowKind::Added => &mut counts.added,
            RowKind::Removed => &mut counts.removed,
        };
        *slot += 1;
    }
    counts
}

/// A single report as a comparison with nothing: every region an added section.
pub fn outline_model(report: &Report) -> Comparison {
    let mut regions: Vec<Region> = Vec::with_capacity(report.sections.len() + 2);
    regions.push(Region::Preamble);
    regions.extend((0..report.sections.len()).map(Region::Section));
    if report.closing.is_some() {
        regions.push(Region::Closing);
    }
    let sections = regions
        .into_iter()
        .map(|region| {
            let rows: Vec<Row> = sentences_in(report, region)
                .map(|i| Row {
                    kind: RowKind::Added,
                    old: None,
                    new: Some(i),
                    edits: Vec::new(),
                })
                .collect();
            SectionPair {
                old: None,
                new: Some(region),
                parts: region_parts(report, region),
                status: SectionStatus::Added,
                similarity: 0.0,
                rows,
                scores: Scores::default(),
            }
        })
        .filter(|pair| !(pair.rows.is_empty() && pair.new == Some(Region::Preamble)))
        .collect();
    Comparison {
        scores: Scores::default(),
        sections,
    }
}

fn region_parts(report: &Report, region: Region) -> Vec<crate::report::Part> {
    match region {
        Region::Section(i) => report
            .sections
            .get(i)
            .map(|s| s.parts.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Indices of the sentences that belong to a region.
fn sentences_in(report: &Report, region: Region) -> impl Iterator<Item = usize> + '_ {
    let closing = report.closing;
    report
        .sentences
        .iter()
        .enumerate()
        .filter(move |(_, s)| match region {
            Region::Section(i) => s.section == Some(i),
            Region::Preamble => s.section.is_none() && !closing.is_some_and(|c| c.contains(s.span)),
            Region::Closing => s.section.is_none() && closing.is_some_and(|c| c.contains(s.span)),
        })
        .map(|(i, _)| i)
}

/// Adds rows for any sentence the comparison left out, so that no text is ever hidden
/// from the reviewer: old ones as removed, new ones as added, grouped by section.
pub fn complete_coverage(comparison: &mut Comparison, old: &Report, new: &Report) {
    let mut seen: [HashSet<usize>; 2] = [HashSet::new(), HashSet::new()];
    for row in comparison.sections.iter().flat_map(|p| &p.rows) {
        if let Some(i) = row.old {
            seen[0].insert(i);
        }
        if let Some(i) = row.new {
            seen[1].insert(i);
        }
    }
    for (side, report) in [(Side::Old, old), (Side::New, new)] {
        let taken = &seen[usize::from(side == Side::New)];
        let mut current: Option<SectionPair> = None;
        for (i, sentence) in report.sentences.iter().enumerate() {
            if taken.contains(&i) {
                continue;
            }
            let region = sentence.section.map_or(Region::Preamble, Region::Section);
            let row = Row {
                kind: if side == Side::Old {
                    RowKind::Removed
                } else {
                    RowKind::Added
                },
                old: (side == Side::Old).then_some(i),
                new: (side == Side::New).then_some(i),
                edits: Vec::new(),
            };
            let same_region = current.as_ref().is_some_and(|p| {
                let r = if side == Side::Old { p.old } else { p.new };
                r == Some(region)
            });
            if !same_region {
                comparison.sections.extend(current.take());
                current = Some(SectionPair {
                    old: (side == Side::Old).then_some(region),
                    new: (side == Side::New).then_some(region),
                    parts: region_parts(report, region),
                    status: if side == Side::Old {
                        SectionStatus::Removed
                    } else {
                        SectionStatus::Added
                    },
                    similarity: 0.0,
                    rows: Vec::new(),
                    scores: Scores::default(),
                });
            }
            if let Some(pair) = current.as_mut() {
                pair.rows.push(row);
            }
        }
        comparison.sections.extend(current.take());
    }
}

/// The figures of a single report as ledger rows with only a new side.
fn single_ledger(report: &Report) -> Vec<LedgerRow> {
    report
        .figures
        .iter()
        .map(|f| LedgerRow {
            label: f.label.clone(),
            unit: f.unit.clone(),
            old: None,
            new: Some(LedgerSide::of(f)),
            change: None,
            change_exact: None,
            change_text: None,
            flags: Vec::new(),
        })
        .collect()
}

/// A fingerprint of the analysis engines: the result of analysing and comparing two
/// small reports written for the purpose. Cached summaries computed by other engines
/// (an older or newer nianbao) carry another fingerprint and are recomputed.
pub fn engine_fingerprint() -> String {
    let old = Report::analyze(PROBE_OLD, probe_meta(2021), Vec::new());
    let new = Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new());
    let comparison = compare::compare(&old, &new);
    let probe = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
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

    fn report(text: &str, year: i32) -> Report {
        Report::analyze(text, probe_meta(year), Vec::new())
    }

    #[test]
    fn coverage_completion_shows_every_sentence_once() {
        let old = report(PROBE_OLD, 2021);
        let new = report(PROBE_NEW, 2022);
        let mut comparison = Comparison {
            scores: Scores::default(),
            sections: Vec::new(),
        };
        complete_coverage(&mut comparison, &old, &new);
        let rows: Vec<&Row> = comparison.sections.iter().flat_map(|p| &p.rows).collect();
        let olds: Vec<usize> = rows.iter().filter_map(|r| r.old).collect();
        let news: Vec<usize> = rows.iter().filter_map(|r| r.new).collect();
        assert_eq!(olds, (0..old.sentences.len()).collect::<Vec<_>>());
        assert_eq!(news, (0..new.sentences.len()).collect::<Vec<_>>());
        assert!(rows.iter().all(|r| r.old.is_some() != r.new.is_some()));
    }

    #[test]
    fn coverage_completion_keeps_what_the_engine_aligned() {
        let old = report(PROBE_OLD, 2021);
        let new = report(PROBE_NEW, 2022);
        let mut comparison = compare::compare(&old, &new);
        let before: usize = comparison.sections.iter().map(|p| p.rows.len()).sum();
        complete_coverage(&mut comparison, &old, &new);
        let after: Vec<&Row> = comparison.sections.iter().flat_map(|p| &p.rows).collect();
        assert!(after.len() >= before);
        let mut olds: Vec<usize> = after.iter().filter_map(|r| r.old).collect();
        olds.sort_unstable();
        olds.dedup();
        assert_eq!(olds.len(), old.sentences.len());
    }

    #[test]
    fn outline_model_reads_every_sentence_in_order() {
        let new = report(PROBE_NEW, 2022);
        let model = outline_model(&new);
        let news: Vec<usize> = model
            .sections
            .iter()
            .flat_map(|p| &p.rows)
            .filter_map(|r| r.new)
            .collect();
        assert_eq!(news, (0..new.sentences.len()).collect::<Vec<_>>());
        let sections = model
            .sections
            .iter()
            .filter(|p| matches!(p.new, Some(Region::Section(_))))
            .count();
        assert_eq!(sections, new.sections.len());
    }

    #[test]
    fn fingerprint_is_stable_within_a_build() {
        assert_eq!(engine_fingerprint(), engine_fingerprint());
        assert_eq!(engine_fingerprint().len(), 64);
    }
}
