//! What a reviewer reads must show every sentence. The comparison engine may leave a
//! sentence out of its rows (text it cannot place); these functions complete a
//! comparison so that nothing is hidden, and lay a single report out as a comparison
//! with nothing, so that one view reads both.

use std::collections::{HashMap, HashSet};

use super::{Comparison, Region, Row, RowKind, Scores, SectionPair, SectionStatus};
use crate::report::{Part, Report};

/// A single report as a comparison with nothing: every region an added section.
pub fn outline_model(report: &Report) -> Comparison {
    let mut regions: Vec<Region> = Vec::with_capacity(report.sections.len() + 2);
    regions.push(Region::Preamble);
    regions.extend((0..report.sections.len()).map(Region::Section));
    if report.closing.is_some() {
        regions.push(Region::Closing);
    }
    let mut by_region = sentences_by_region(report);
    let sections = regions
        .into_iter()
        .map(|region| {
            let rows: Vec<Row> = by_region
                .remove(&region)
                .unwrap_or_default()
                .into_iter()
                .map(|i| Row {
                    kind: RowKind::Added,
                    old: None,
                    new: Some(i),
                    edits: Vec::new(),
                    old_joined: Vec::new(),
                    new_joined: Vec::new(),
                })
                .collect();
            SectionPair {
                old: None,
                new: Some(region),
                parts: region_parts(report, region),
                status: SectionStatus::Added,
                similarity: 0.0,
                heading: None,
                rows,
                scores: Scores::default(),
                sentence_level: false,
            }
        })
        .filter(|pair| !(pair.rows.is_empty() && pair.new == Some(Region::Preamble)))
        .collect();
    Comparison {
        scores: Scores::default(),
        sections,
        sentence_level: false,
    }
}

fn region_parts(report: &Report, region: Region) -> Vec<Part> {
    match region {
        Region::Section(i) => report
            .sections
            .get(i)
            .map(|s| s.parts.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Indices of the sentences of each region, in document order, by region: the preamble,
/// every section, the closing. One pass, however many sections a long report has.
fn sentences_by_region(report: &Report) -> HashMap<Region, Vec<usize>> {
    let closing = report.closing;
    let mut out: HashMap<Region, Vec<usize>> = HashMap::new();
    for (i, s) in report.sentences.iter().enumerate() {
        let region = match s.section {
            Some(k) if k < report.sections.len() => Region::Section(k),
            Some(_) => continue,
            None if closing.is_some_and(|c| c.contains(s.span)) => Region::Closing,
            None => Region::Preamble,
        };
        out.entry(region).or_default().push(i);
    }
    out
}

/// Adds rows for any sentence the comparison left out, so that no text is ever hidden
/// from the reviewer: old ones as removed, new ones as added, grouped by section.
pub fn complete_coverage(comparison: &mut Comparison, old: &Report, new: &Report) {
    let mut seen_old = HashSet::new();
    let mut seen_new = HashSet::new();
    for row in comparison.sections.iter().flat_map(|p| &p.rows) {
        seen_old.extend(row.old_sentences());
        seen_new.extend(row.new_sentences());
    }
    add_uncovered(comparison, old, &seen_old, true);
    add_uncovered(comparison, new, &seen_new, false);
}

/// Appends the sentences of one side that no row holds, as removed (`is_old`) or added
/// rows in one section pair per run of sentences of the same region.
fn add_uncovered(
    comparison: &mut Comparison,
    report: &Report,
    taken: &HashSet<usize>,
    is_old: bool,
) {
    let mut current: Option<SectionPair> = None;
    for (i, sentence) in report.sentences.iter().enumerate() {
        if taken.contains(&i) {
            continue;
        }
        let region = sentence.section.map_or(Region::Preamble, Region::Section);
        let row = Row {
            kind: if is_old {
                RowKind::Removed
            } else {
                RowKind::Added
            },
            old: is_old.then_some(i),
            new: (!is_old).then_some(i),
            edits: Vec::new(),
            old_joined: Vec::new(),
            new_joined: Vec::new(),
        };
        let same_region = current.as_ref().is_some_and(|p| {
            let r = if is_old { p.old } else { p.new };
            r == Some(region)
        });
        if !same_region {
            comparison.sections.extend(current.take());
            current = Some(SectionPair {
                old: is_old.then_some(region),
                new: (!is_old).then_some(region),
                parts: region_parts(report, region),
                status: if is_old {
                    SectionStatus::Removed
                } else {
                    SectionStatus::Added
                },
                similarity: 0.0,
                heading: None,
                rows: Vec::new(),
                scores: Scores::default(),
                sentence_level: false,
            });
        }
        if let Some(pair) = current.as_mut() {
            pair.rows.push(row);
        }
    }
    comparison.sections.extend(current.take());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare;
    use crate::ingest::Metadata;

    const OLD: &str = "样例镇2021年法治政府建设年度报告\n一、主要举措和成效\n（一）加强学习。全年组织专题学习12次，发放宣传资料3000余份。\n（二）依法决策。重大决策均经合法性审查。\n二、存在的不足和原因\n法治宣传形式单一。\n三、2022年工作安排\n继续深化法治宣传。\n样例镇人民政府\n2021年12月20日";

    const NEW: &str = "样例镇2022年法治政府建设年度报告\n一、主要举措和成效\n（一）加强学习。全年组织专题学习15次，发放宣传资料3000余份。\n（二）依法决策。重大决策均经合法性审查和集体讨论。\n二、存在的不足和原因\n法治宣传形式单一。\n三、党政主要负责人履行第一责任人职责情况\n主要负责人亲自部署。\n四、2023年工作安排\n继续深化法治宣传。\n样例镇人民政府\n2022年12月18日";

    fn report(text: &str, year: i32) -> Report {
        let meta = Metadata {
            township: Some("样例镇".to_string()),
            county: Some("样例县".to_string()),
            year: Some(year),
            ..Metadata::default()
        };
        Report::analyze(text, meta, Vec::new())
    }

    #[test]
    fn coverage_completion_shows_every_sentence_once() {
        let old = report(OLD, 2021);
        let new = report(NEW, 2022);
        let mut comparison = Comparison {
            scores: Scores::default(),
            sections: Vec::new(),
            sentence_level: false,
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
        let old = report(OLD, 2021);
        let new = report(NEW, 2022);
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
        let new = report(NEW, 2022);
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
}
