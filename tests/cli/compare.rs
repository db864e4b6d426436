//! Year-over-year comparison: the core on hand-built and real reports, and
//! `nianbao diff` run as a user runs it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;

use crate::common::TestEnv;
use nianbao::compare::{
    Comparison, Edit, EditOp, Region, Row, RowKind, SectionPair, SectionStatus, compare,
};
use nianbao::ingest::{self, Metadata};
use nianbao::report::{Part, Report, Span, dates, normalize};
use nianbao::text::width::text_width;

fn analyze(text: &str) -> Report {
    Report::analyze(text, Metadata::default(), Vec::new())
}

/// A file as the binary would read it: ingested, cleaned and analysed.
fn load(path: &Path) -> Report {
    let (_, doc) = ingest::read_path(path).expect("ingest a corpus file");
    Report::analyze(&doc.text, doc.meta, doc.artifacts)
}

/// Every sentence of both reports in exactly one row, rows consistent with their kind,
/// edits placed where their text stands, every section on exactly one side of exactly
/// one pair.
fn assert_consistent(old: &Report, new: &Report, cmp: &Comparison) {
    let mut old_seen = vec![0; old.sentences.len()];
    let mut new_seen = vec![0; new.sentences.len()];
    for pair in &cmp.sections {
        for row in &pair.rows {
            for o in row.old_sentences() {
                old_seen[o] += 1;
            }
            for n in row.new_sentences() {
                new_seen[n] += 1;
            }
            let a = joined(old, row.old_sentences());
            let b = joined(new, row.new_sentences());
            assert_row_kind(row.kind, a.as_deref(), b.as_deref());
            assert_edits(row, old, new, a.as_deref(), b.as_deref());
            for n in row.new_sentences() {
                assert_eq!(
                    Some(region_of(new, n)),
                    pair.new,
                    "row not in its new region"
                );
            }
            // Moved sentences, and sentences moved with new numbers or dates, keep their
            // old sentence from another region; every other row lies in its pair's
            // regions.
            if !matches!(
                row.kind,
                RowKind::Moved | RowKind::NumbersOnly | RowKind::DatesOnly
            ) {
                for o in row.old_sentences() {
                    assert_eq!(
                        Some(region_of(old, o)),
                        pair.old,
                        "row not in its old region"
                    );
                }
            }
        }
        assert_heading(pair, old, new);
        assert!((0.0..=1.0).contains(&pair.similarity));
        assert!((0.0..=1.0).contains(&pair.scores.copy_ratio));
    }
    assert!(
        old_seen.iter().all(|&n| n == 1),
        "old coverage {old_seen:?}"
    );
    assert!(
        new_seen.iter().all(|&n| n == 1),
        "new coverage {new_seen:?}"
    );
    for (report, side) in [(old, 0), (new, 1)] {
        for i in 0..report.sections.len() {
            let n = cmp
                .sections
                .iter()
                .filter(|p| [p.old, p.new][side] == Some(Region::Section(i)))
                .count();
            assert_eq!(n, 1, "section {i} appears {n} times");
        }
    }
    let c = cmp.scores.counts;
    let rows: usize = cmp.sections.iter().map(|p| p.rows.len()).sum();
    assert_eq!(
        c.unchanged + c.dates_only + c.numbers_only + c.modified + c.moved + c.added + c.removed,
        rows
    );
    let shares = cmp.scores.shares;
    for s in [
        cmp.scores.copy_ratio,
        cmp.scores.cosine,
        cmp.scores.jaccard,
        shares.unchanged,
        shares.dates_only,
        shares.numbers_only,
    ] {
        assert!((0.0..=1.0).contains(&s), "{s}");
    }
    assert!(shares.unchanged + shares.dates_only + shares.numbers_only <= 1.0 + 1e-9);
}

/// The texts of the sentences at `indices`, joined; `None` for none.
fn joined(report: &Report, indices: impl Iterator<Item = usize>) -> Option<String> {
    let text: String = indices.map(|i| report.sentences[i].text.as_str()).collect();
    (!text.is_empty()).then_some(text)
}

/// The kind says how the two sides' normalized forms compare.
fn assert_row_kind(kind: RowKind, a: Option<&str>, b: Option<&str>) {
    let forms = |t: &str| {
        let n = normalize::norm(t);
        let s = normalize::shape(&n);
        (n, s)
    };
    match kind {
        RowKind::Unchanged | RowKind::Moved => {
            let (a, b) = (a.expect("old side"), b.expect("new side"));
            assert_eq!(forms(a).0, forms(b).0, "{kind:?}");
        }
        RowKind::NumbersOnly | RowKind::DatesOnly => {
            let (a, b) = (forms(a.expect("old side")), forms(b.expect("new side")));
            assert_eq!(a.1, b.1);
            assert_ne!(a.0, b.0);
        }
        RowKind::Modified => assert!(a.is_some() && b.is_some()),
        RowKind::Added => assert!(a.is_none() && b.is_some()),
        RowKind::Removed => assert!(a.is_some() && b.is_none()),
    }
}

/// Edits rebuild both sides, and each run's span holds its text in its report.
fn assert_edits(row: &Row, old: &Report, new: &Report, a: Option<&str>, b: Option<&str>) {
    if !matches!(
        row.kind,
        RowKind::Modified | RowKind::NumbersOnly | RowKind::DatesOnly
    ) {
        assert!(row.edits.is_empty());
        return;
    }
    let side = |skip: EditOp| -> String {
        row.edits
            .iter()
            .filter(|e| e.op != skip)
            .map(|e| e.text.as_str())
            .collect()
    };
    assert_eq!(side(EditOp::Insert), a.unwrap_or(""));
    assert_eq!(side(EditOp::Delete), b.unwrap_or(""));
    assert_spans(&row.edits, old, new);
}

/// Every run's span (when it has one on a side) covers its text in that report; a run
/// that crosses from one merged sentence into the next may cover the gap between them.
fn assert_spans(edits: &[Edit], old: &Report, new: &Report) {
    for e in edits {
        for (span, report, present) in [
            (e.old_span, old, e.op != EditOp::Insert),
            (e.new_span, new, e.op != EditOp::Delete),
        ] {
            assert_eq!(span.is_some(), present, "{e:?}");
            if let Some(span) = span {
                let found: String = report
                    .slice(span)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let text: String = e.text.chars().filter(|c| !c.is_whitespace()).collect();
                assert_eq!(found, text, "{e:?}");
            }
        }
    }
}

/// A pair of two sections says how its heading changed, consistently with its titles.
fn assert_heading(pair: &SectionPair, old: &Report, new: &Report) {
    let (Some(Region::Section(o)), Some(Region::Section(n))) = (pair.old, pair.new) else {
        assert!(pair.heading.is_none());
        return;
    };
    let heading = pair.heading.as_ref().expect("a heading change");
    let (a, b) = (&old.sections[o].title, &new.sections[n].title);
    assert_row_kind(heading.kind, Some(a), Some(b));
    if heading.kind == RowKind::Unchanged {
        assert!(heading.edits.is_empty());
    } else {
        let side = |skip: EditOp| -> String {
            heading
                .edits
                .iter()
                .filter(|e| e.op != skip)
                .map(|e| e.text.as_str())
                .collect()
        };
        assert_eq!(&side(EditOp::Insert), a);
        assert_eq!(&side(EditOp::Delete), b);
    }
    let h = pair.scores.counts.headings;
    assert_eq!(
        h.unchanged + h.dates_only + h.numbers_only + h.modified,
        1,
        "{h:?}"
    );
}

fn region_of(report: &Report, sentence: usize) -> Region {
    let s = &report.sentences[sentence];
    match (s.section, report.closing) {
        (Some(i), _) => Region::Section(i),
        (None, Some(c)) if s.span.start >= c.start => Region::Closing,
        (None, _) => Region::Preamble,
    }
}

const SAMPLE_OLD: &str = "关于2022年法治政府建设情况的报告
区委、区政府：
现将我镇2022年法治政府建设工作情况报告如下。
一、主要举措和成效
（一）加强组织领导。镇党委把法治政府建设纳入年度重点工作。全年召开专题会议12次，研究解决重点问题。
（二）推进依法决策。严格落实重大行政决策程序规定。合法性审查覆盖率达到100%。
二、存在的不足和原因
部分干部法治意识有待增强。执法人员专业素质参差不齐。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记认真履行第一责任人职责，亲自部署重要工作。
四、下一年度工作安排
继续加强法治宣传教育，提升基层依法治理水平。
";

#[test]
fn renamed_headings_and_reordered_parts_still_pair() {
    let new_text = "关于2023年法治政府建设情况的报告
区委、区政府：
现将我镇2023年法治政府建设工作情况报告如下。
一、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记认真履行第一责任人职责，亲自部署重要工作。
二、2023年推进法治政府建设的主要举措和成效
（一）加强组织领导。镇党委把法治政府建设纳入年度重点工作。全年召开专题会议15次，研究解决重点问题。
（二）推进依法决策。严格落实重大行政决策程序规定。合法性审查覆盖率达到100%。
三、存在的不足和原因
部分干部法治意识有待增强。执法人员专业素质参差不齐。
四、下一年度工作安排
继续加强法治宣传教育，提升基层依法治理水平。
";
    let (old, new) = (analyze(SAMPLE_OLD), analyze(new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let pairs: Vec<(Option<&str>, Option<&str>)> = cmp
        .sections
        .iter()
        .filter_map(|p| match (p.old, p.new) {
            (Some(Region::Section(o)), Some(Region::Section(n))) => Some((
                Some(old.sections[o].path.as_str()),
                Some(new.sections[n].path.as_str()),
            )),
            _ => None,
        })
        .collect();
    for expected in [
        ("3", "1"),
        ("1", "2"),
        ("1.1", "2.1"),
        ("1.2", "2.2"),
        ("2", "3"),
        ("4", "4"),
    ] {
        assert!(
            pairs.contains(&(Some(expected.0), Some(expected.1))),
            "{expected:?} not in {pairs:?}"
        );
    }
    assert!(
        cmp.sections
            .iter()
            .all(|p| p.status == SectionStatus::Matched)
    );
    let c = cmp.scores.counts;
    // The year in two preamble sentences, and one figure.
    assert_eq!(
        (c.dates_only, c.numbers_only, c.modified, c.added, c.removed),
        (2, 1, 0, 0, 0)
    );
}

#[test]
fn statutory_parts_pair_sections_whatever_their_titles() {
    let new_text = "现将我镇2023年法治政府建设工作情况报告如下。
一、工作开展情况
今年我镇以群众满意为标准开展工作。村居法律顾问实现全覆盖。
二、问题与短板
基层法治力量仍然薄弱。
";
    let old_text = "现将我镇2022年法治政府建设工作情况报告如下。
一、问题与短板
人员配备有待加强。
二、工作开展情况
网格员参与矛盾调处成效明显。
";
    let (mut old, mut new) = (analyze(old_text), analyze(new_text));
    // Titles say the opposite of the parts on purpose: the statutory part wins.
    old.sections[0].parts = vec![Part::P1];
    old.sections[1].parts = vec![Part::P2];
    new.sections[0].parts = vec![Part::P1];
    new.sections[1].parts = vec![Part::P2];
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let pair_of = |n: usize| {
        cmp.sections
            .iter()
            .find(|p| p.new == Some(Region::Section(n)))
            .and_then(|p| p.old)
    };
    assert_eq!(pair_of(0), Some(Region::Section(0)));
    assert_eq!(pair_of(1), Some(Region::Section(1)));
    let first = cmp
        .sections
        .iter()
        .find(|p| p.new == Some(Region::Section(0)))
        .expect("pair");
    assert_eq!(first.parts, vec![Part::P1]);
}

#[test]
fn removed_sections_follow_their_old_predecessor() {
    let new_text = "一、主要举措和成效
（一）加强组织领导。镇党委把法治政府建设纳入年度重点工作。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记认真履行第一责任人职责，亲自部署重要工作。
四、下一年度工作安排
继续加强法治宣传教育，提升基层依法治理水平。
五、其他需要报告的情况
无。
";
    let (old, new) = (analyze(SAMPLE_OLD), analyze(new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let order: Vec<(SectionStatus, String)> = cmp
        .sections
        .iter()
        .map(|p| {
            let label = match (p.new, p.old) {
                (Some(Region::Section(n)), _) => new.sections[n].path.clone(),
                (None, Some(Region::Section(o))) => format!("old {}", old.sections[o].path),
                (Some(Region::Preamble), _) | (None, Some(Region::Preamble)) => "preamble".into(),
                _ => "closing".into(),
            };
            (p.status, label)
        })
        .collect();
    let expected = vec![
        (SectionStatus::Removed, "preamble".to_string()),
        (SectionStatus::Matched, "1".to_string()),
        (SectionStatus::Matched, "1.1".to_string()),
        (SectionStatus::Removed, "old 1.2".to_string()),
        (SectionStatus::Removed, "old 2".to_string()),
        (SectionStatus::Matched, "2".to_string()),
        (SectionStatus::Matched, "3".to_string()),
        (SectionStatus::Added, "4".to_string()),
    ];
    assert_eq!(order, expected);
}

#[test]
fn preamble_pairs_with_preamble_and_closing_with_closing() {
    fn with_closing(text: &str, closing_line: &str) -> Report {
        let full = format!("{text}{closing_line}\n");
        let mut report = analyze(&full);
        let start = full.chars().count() - closing_line.chars().count() - 1;
        let end = full.chars().count();
        report.closing = Some(Span::new(start, end));
        if let Some(last) = report.sections.last_mut() {
            last.body.end = start;
            last.span.end = start;
        }
        report.sentences = nianbao::report::sentences::split(&report);
        report
    }
    let old = with_closing(SAMPLE_OLD, "某某镇人民政府 2022年12月20日");
    let new = with_closing(SAMPLE_OLD, "某某镇人民政府 2023年12月18日");
    assert!(
        old.sentences
            .iter()
            .any(|s| s.text.contains("2022年12月20日"))
    );
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let first = cmp.sections.first().expect("pairs");
    let last = cmp.sections.last().expect("pairs");
    assert_eq!(
        (first.old, first.new),
        (Some(Region::Preamble), Some(Region::Preamble))
    );
    assert_eq!(
        (last.old, last.new),
        (Some(Region::Closing), Some(Region::Closing))
    );
    assert_eq!(last.rows.len(), 1);
    assert_eq!(last.rows[0].kind, RowKind::DatesOnly);
}

#[test]
fn reworded_and_renumbered_sentences_pair_within_a_section() {
    let new_text = SAMPLE_OLD
        .replace("全年召开专题会议12次", "全年召开专题会议16次")
        .replace(
            "严格落实重大行政决策程序规定",
            "严格执行重大行政决策程序暂行规定",
        )
        .replace(
            "执法人员专业素质参差不齐。",
            "执法人员专业素质参差不齐。村级调解组织作用发挥不够。",
        );
    let (old, new) = (analyze(SAMPLE_OLD), analyze(&new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let c = cmp.scores.counts;
    assert_eq!(
        (c.numbers_only, c.modified, c.added, c.removed, c.moved),
        (1, 1, 1, 0, 0)
    );
    let numbers = cmp
        .sections
        .iter()
        .flat_map(|p| &p.rows)
        .find(|r| r.kind == RowKind::NumbersOnly)
        .expect("numbers_only row");
    let changed: Vec<(EditOp, &str)> = numbers
        .edits
        .iter()
        .filter(|e| e.op != EditOp::Equal)
        .map(|e| (e.op, e.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![(EditOp::Delete, "12次"), (EditOp::Insert, "16次")]
    );
    let copied: usize = new
        .sentences
        .iter()
        .filter(|s| !s.text.contains("暂行") && !s.text.contains("村级调解"))
        .map(|s| s.text.chars().count())
        .sum();
    let total: usize = new.sentences.iter().map(|s| s.text.chars().count()).sum();
    assert!((cmp.scores.copy_ratio - copied as f64 / total as f64).abs() < 1e-9);
}

#[test]
fn a_sentence_moved_within_its_section_is_moved() {
    let new_text = SAMPLE_OLD.replace(
        "部分干部法治意识有待增强。执法人员专业素质参差不齐。",
        "执法人员专业素质参差不齐。部分干部法治意识有待增强。",
    );
    let (old, new) = (analyze(SAMPLE_OLD), analyze(&new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let c = cmp.scores.counts;
    assert_eq!((c.moved, c.added, c.removed), (1, 0, 0));
    assert_eq!(cmp.scores.copy_ratio, 1.0);
}

/// The pair holding new section `path`.
fn pair_at<'a>(cmp: &'a Comparison, new: &Report, path: &str) -> &'a SectionPair {
    cmp.sections
        .iter()
        .find(|p| matches!(p.new, Some(Region::Section(n)) if new.sections[n].path == path))
        .unwrap_or_else(|| panic!("no pair for new section {path}"))
}

/// The changed runs of an edit script, as `(op, text)`.
fn changes(edits: &[Edit]) -> Vec<(EditOp, &str)> {
    edits
        .iter()
        .filter(|e| e.op != EditOp::Equal)
        .map(|e| (e.op, e.text.as_str()))
        .collect()
}

const SUPERVISION_OLD: &str = "一、主要举措和成效
（一）加强组织领导。镇党委把法治政府建设纳入年度重点工作。
（二）自觉接受监督
认真办理人大代表建议和政协委员提案。
";

#[test]
fn a_reworded_heading_gets_word_edits_and_is_counted() {
    let new_text = SUPERVISION_OLD.replace("（二）自觉接受监督", "（二）主动接受各方面监督");
    let (old, new) = (analyze(SUPERVISION_OLD), analyze(&new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let pair = pair_at(&cmp, &new, "1.2");
    let heading = pair.heading.as_ref().expect("heading change");
    assert_eq!(heading.kind, RowKind::Modified);
    assert_eq!(
        changes(&heading.edits),
        vec![
            (EditOp::Delete, "自觉"),
            (EditOp::Insert, "主动"),
            (EditOp::Insert, "各方面")
        ]
    );
    for e in &heading.edits {
        if let Some(span) = e.new_span {
            assert_eq!(new.slice(span), e.text);
        }
        if let Some(span) = e.old_span {
            assert_eq!(old.slice(span), e.text);
        }
    }
    assert_eq!(pair.scores.counts.headings.modified, 1);
    assert_eq!(cmp.scores.counts.headings.modified, 1);
    assert_eq!(cmp.scores.counts.headings.unchanged, 2);
    // The sentences did not change: the heading is counted apart from them.
    assert_eq!(cmp.scores.counts.modified, 0);
}

#[test]
fn a_heading_whose_year_rolled_forward_is_dates_only() {
    let old_text =
        "1、2023年工作回顾\n全年办理行政复议案件8件。\n2、二〇二三年工作打算\n继续推进依法行政。\n";
    let new_text =
        "1、2024年工作回顾\n全年办理行政复议案件8件。\n2、二〇二四年工作打算\n继续推进依法行政。\n";
    let (old, new) = (analyze(old_text), analyze(new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    for path in ["1", "2"] {
        let heading = pair_at(&cmp, &new, path).heading.as_ref().expect("heading");
        assert_eq!(heading.kind, RowKind::DatesOnly, "{path}");
    }
    assert_eq!(cmp.scores.counts.headings.dates_only, 2);
    assert_eq!(cmp.scores.counts.headings.modified, 0);
    let renumbered = analyze(&new_text.replace("8件", "9件"));
    let cmp = compare(&old, &renumbered);
    assert_eq!(cmp.scores.counts.numbers_only, 1);
}

#[test]
fn dates_rolled_forward_are_counted_apart_from_figures_and_copied() {
    let old_text = "一、工作情况\n2022年12月16日召开全镇法治建设推进会。全年开展专题学法12次。依法化解矛盾纠纷。\n";
    let new_text = "一、工作情况\n2023年12月15日召开全镇法治建设推进会。全年开展专题学法15次。依法化解矛盾纠纷。\n";
    let (old, new) = (analyze(old_text), analyze(new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let c = cmp.scores.counts;
    assert_eq!(
        (c.dates_only, c.numbers_only, c.unchanged),
        (1, 1, 1),
        "{c:?}"
    );
    assert_eq!(cmp.scores.copy_ratio, 1.0);
    let shares = cmp.scores.shares;
    for share in [shares.unchanged, shares.dates_only, shares.numbers_only] {
        assert!((share - 1.0 / 3.0).abs() < 1e-9, "{shares:?}");
    }
}

#[test]
fn a_sentence_lengthened_by_a_clause_is_one_modified_row() {
    let clause = "，对外贸易规模稳中有升";
    let old_text = "一、经济运行\n全年经济运行总体平稳。国际收支基本平衡。物价水平保持稳定。\n";
    let new_text = old_text.replace("国际收支基本平衡。", &format!("国际收支基本平衡{clause}。"));
    for (a, b, op) in [
        (old_text, new_text.as_str(), EditOp::Insert),
        (new_text.as_str(), old_text, EditOp::Delete),
    ] {
        let (old, new) = (analyze(a), analyze(b));
        let cmp = compare(&old, &new);
        assert_consistent(&old, &new, &cmp);
        let rows: Vec<&Row> = cmp.sections.iter().flat_map(|p| &p.rows).collect();
        assert_eq!(rows.len(), 3, "{rows:?}");
        let modified: Vec<&&Row> = rows
            .iter()
            .filter(|r| r.kind == RowKind::Modified)
            .collect();
        assert_eq!(modified.len(), 1, "{rows:?}");
        assert_eq!(changes(&modified[0].edits), vec![(op, clause)]);
    }
}

#[test]
fn two_sentences_merged_into_one_are_one_row() {
    let old_text = "一、执法监督\n全面推行行政执法公示制度。严格落实执法全过程记录制度。推进重大执法决定法制审核。聘请法律顾问2名。\n";
    let new_text = "一、执法监督\n全面推行行政执法公示制度，严格落实执法全过程记录制度和重大执法决定法制审核制度。聘请法律顾问2名。\n";
    for (a, b) in [(old_text, new_text), (new_text, old_text)] {
        let (old, new) = (analyze(a), analyze(b));
        let cmp = compare(&old, &new);
        assert_consistent(&old, &new, &cmp);
        let rows: Vec<&Row> = cmp.sections.iter().flat_map(|p| &p.rows).collect();
        assert_eq!(rows.len(), 2, "{rows:?}");
        let merged = rows[0];
        assert_eq!(merged.kind, RowKind::Modified);
        let (olds, news) = (
            merged.old_sentences().count(),
            merged.new_sentences().count(),
        );
        assert_eq!(olds.max(news), 3, "{merged:?}");
        assert_eq!(olds.min(news), 1, "{merged:?}");
        assert_eq!(rows[1].kind, RowKind::Unchanged);
    }
    // Joined with a comma instead of a full stop, two sentences read the same.
    let (old, new) = (
        analyze("一、学习\n组织干部集中学法。邀请专家授课。\n"),
        analyze("一、学习\n组织干部集中学法，邀请专家授课。\n"),
    );
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let rows: Vec<&Row> = cmp.sections.iter().flat_map(|p| &p.rows).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].kind, RowKind::Unchanged);
    assert_eq!(rows[0].old_joined.len(), 1);
}

#[test]
fn unrelated_neighbours_are_not_merged() {
    let old_text = "一、执法监督\n全面推行行政执法公示制度。积极开展宪法宣传周活动。\n";
    let new_text = "一、执法监督\n全面推行行政执法公示制度，严格执法全过程记录。\n";
    let (old, new) = (analyze(old_text), analyze(new_text));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let rows: Vec<&Row> = cmp.sections.iter().flat_map(|p| &p.rows).collect();
    assert!(
        rows.iter()
            .all(|r| r.old_joined.is_empty() && r.new_joined.is_empty())
    );
    assert_eq!(cmp.scores.counts.removed, 1, "{rows:?}");
}

#[test]
fn empty_and_headingless_reports_compare() {
    let cases = [
        ("", ""),
        ("", SAMPLE_OLD),
        (SAMPLE_OLD, ""),
        ("只有一句话。", "只有一句话。"),
        ("一、\n二、", "（一）\n1、"),
    ];
    for (a, b) in cases {
        let (old, new) = (analyze(a), analyze(b));
        let cmp = compare(&old, &new);
        assert_consistent(&old, &new, &cmp);
    }
}

#[test]
fn thousands_of_headings_and_sentences_still_compare() {
    let mut old = String::new();
    let mut new = String::new();
    for i in 0..1500u32 {
        old.push_str(&format!(
            "{}、第{i}项工作\n本项工作共开展检查{i}次。无。\n",
            i % 9 + 1
        ));
        if !i.is_multiple_of(7) {
            new.push_str(&format!(
                "{}、第{i}项工作\n本项工作共开展检查{}次。无。\n",
                i % 9 + 1,
                i + 1
            ));
        }
    }
    let (old, new) = (analyze(&old), analyze(&new));
    assert!(old.sections.len() >= 1500);
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    assert!(
        cmp.scores.counts.numbers_only > 1000,
        "{:?}",
        cmp.scores.counts
    );
}

#[test]
fn a_huge_reordered_section_still_pairs_its_sentences() {
    let sentences: Vec<String> = (0..1100u32)
        .map(|i| format!("第{i}号事项已按期办结并书面答复。"))
        .collect();
    let old = format!("一、办理情况\n{}\n", sentences.concat());
    let reversed: Vec<&str> = sentences.iter().rev().map(String::as_str).collect();
    let new = format!("一、办理情况\n{}\n", reversed.concat());
    let (old, new) = (analyze(&old), analyze(&new));
    let cmp = compare(&old, &new);
    assert_consistent(&old, &new, &cmp);
    let c = cmp.scores.counts;
    assert_eq!(c.unchanged + c.moved, 1100, "{c:?}");
    assert_eq!(cmp.scores.copy_ratio, 1.0);
}

#[test]
fn every_seed_compared_with_itself_is_unchanged() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let mut files = crate::common::seed_files(&corpus);
    files.push(corpus.join("state-council/2023.txt"));
    for file in files {
        let report = load(&file);
        let cmp = compare(&report, &report);
        assert_consistent(&report, &report, &cmp);
        let rows: Vec<_> = cmp.sections.iter().flat_map(|p| &p.rows).collect();
        assert_eq!(rows.len(), report.sentences.len(), "{}", file.display());
        assert!(rows.iter().all(|r| r.kind == RowKind::Unchanged));
        assert_eq!(cmp.scores.copy_ratio, 1.0);
        assert!((cmp.scores.cosine - 1.0).abs() < 1e-9);
        assert_eq!(cmp.scores.jaccard, 1.0);
        assert!(
            cmp.sections
                .iter()
                .all(|p| p.status == SectionStatus::Matched && p.old.is_some() && p.old == p.new)
        );
    }
}

// --- Edited copies of the seeds -------------------------------------------------------

/// One change to a text: at character `at`, remove `remove` characters and put `insert`.
struct Splice {
    at: usize,
    remove: usize,
    insert: String,
}

/// The six edits made to a seed, and what the diff must report for them.
struct EditedSeed {
    text: String,
    renumbered: String,
    deleted: String,
    inserted: String,
    moved: String,
    reworded: String,
    renamed_title: String,
}

const INSERTED_SENTENCE: &str = "驻村律师每周到便民服务中心坐班答疑，群众咨询随到随办。";
const HEADING_WORDS: &str = "进一步";
const REWORDING: &str = "全面持续";

fn splice(at: usize, remove: usize, insert: &str) -> Splice {
    Splice {
        at,
        remove,
        insert: insert.to_string(),
    }
}

fn apply(text: &str, mut splices: Vec<Splice>) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    // From the end, and at one position the removal before the insertion.
    splices.sort_by_key(|s| (std::cmp::Reverse(s.at), std::cmp::Reverse(s.remove)));
    for s in splices {
        chars.splice(s.at..s.at + s.remove, s.insert.chars());
    }
    chars.into_iter().collect()
}

/// For each sentence, whether no other sentence has its normalized text or its shape.
fn unique_sentences(report: &Report) -> Vec<bool> {
    let mut norm_count: HashMap<&str, usize> = HashMap::new();
    let mut shape_count: HashMap<&str, usize> = HashMap::new();
    for s in &report.sentences {
        *norm_count.entry(&s.norm).or_default() += 1;
        *shape_count.entry(s.shape()).or_default() += 1;
    }
    report
        .sentences
        .iter()
        .map(|s| norm_count[s.norm.as_str()] == 1 && shape_count[s.shape()] == 1)
        .collect()
}

/// Chooses sentences by rule (never by content) and edits them: the first sentence with
/// a unique shape and an Arabic digit gets one digit changed; sentences in the middle of
/// a line, ending in `。` and unique in the report are deleted, moved
/// to another section, reworded, or followed by a new sentence; a heading gets words.
fn edit_seed(report: &Report) -> EditedSeed {
    let chars: Vec<char> = report.text.chars().collect();
    let unique_flags = unique_sentences(report);
    let unique = |i: usize| unique_flags[i];
    let renumbered = (0..report.sentences.len())
        .find(|&i| unique(i) && figure_bump(&report.sentences[i].text).is_some())
        .expect("a sentence with a figure");
    let mid_line = |i: usize| {
        let start = report.sentences[i].span.start;
        start > 0 && matches!(chars[start - 1], '。' | '；' | '！' | '？' | '”')
    };
    let candidates: Vec<usize> = (0..report.sentences.len())
        .filter(|&i| {
            let s = &report.sentences[i];
            i != renumbered
                && s.section.is_some()
                && unique(i)
                && mid_line(i)
                && s.text.ends_with('。')
                && s.text.chars().count() >= 12
        })
        .collect();
    let k = candidates.len();
    assert!(k >= 5, "too few candidate sentences ({k})");
    let [deleted, anchor, moved, reworded] =
        [k / 5, 2 * k / 5, 3 * k / 5, 4 * k / 5].map(|j| candidates[j]);
    let target = (0..report.sentences.len())
        .find(|&i| {
            let s = &report.sentences[i];
            s.section.is_some()
                && s.section != report.sentences[moved].section
                && s.text.ends_with('。')
                && ![renumbered, deleted, anchor, moved, reworded].contains(&i)
        })
        .expect("a sentence in another section");
    let heading = report
        .sections
        .iter()
        .filter(|s| s.title.chars().count() >= 4)
        .nth(report.sections.len() / 2)
        .or_else(|| report.sections.first())
        .expect("a heading");

    let sentence = |i: usize| &report.sentences[i];
    let (digit_at, bumped) = figure_bump(&sentence(renumbered).text).expect("a figure");
    let reworded_len = sentence(reworded).text.chars().count();
    let splices = vec![
        splice(
            sentence(renumbered).span.start + digit_at,
            1,
            &bumped.to_string(),
        ),
        splice(
            sentence(deleted).span.start,
            sentence(deleted).span.len(),
            "",
        ),
        splice(sentence(anchor).span.end, 0, INSERTED_SENTENCE),
        splice(sentence(moved).span.start, sentence(moved).span.len(), ""),
        splice(sentence(target).span.end, 0, &sentence(moved).text),
        splice(
            sentence(reworded).span.start + reworded_len / 2,
            2,
            REWORDING,
        ),
        splice(
            heading.heading.start + heading.marker.chars().count(),
            0,
            HEADING_WORDS,
        ),
    ];
    EditedSeed {
        text: apply(&report.text, splices),
        renumbered: sentence(renumbered).text.clone(),
        deleted: sentence(deleted).text.clone(),
        inserted: INSERTED_SENTENCE.to_string(),
        moved: sentence(moved).text.clone(),
        reworded: sentence(reworded).text.clone(),
        renamed_title: format!("{HEADING_WORDS}{}", heading.title),
    }
}

/// The last digit of the first run of Arabic digits in `text` that writes a figure, not
/// a date, and that digit plus one: `(character index, new digit)`.
fn figure_bump(text: &str) -> Option<(usize, char)> {
    let chars: Vec<char> = text.chars().collect();
    let run_ends = (0..chars.len()).filter(|&i| {
        chars[i].is_ascii_digit() && !chars.get(i + 1).is_some_and(char::is_ascii_digit)
    });
    for last in run_ends {
        let digit = chars[last].to_digit(10)?;
        let bumped = char::from_digit((digit + 1) % 10, 10)?;
        let mut edited = chars.clone();
        edited[last] = bumped;
        let edited: String = edited.into_iter().collect();
        let (before, after) = (dates::numerals(text), dates::numerals(&edited));
        let changed = before.iter().zip(&after).find(|(a, b)| a != b);
        if let Some((a, b)) = changed
            && a.date.is_none()
            && b.date.is_none()
        {
            return Some((last, bumped));
        }
    }
    None
}

fn rows_of<'a>(json: &'a Value, kind: &str) -> Vec<&'a Value> {
    json["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["rows"].as_array().into_iter().flatten())
        .filter(|r| r["kind"] == kind)
        .collect()
}

#[test]
fn every_seed_with_six_edits_reports_exactly_those_edits() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = TestEnv::new();
    for file in crate::common::seed_files(&corpus) {
        let report = load(&file);
        let edited = edit_seed(&report);
        let old_path = env.write("old.txt", report.text.as_bytes());
        let new_path = env.write("new.txt", edited.text.as_bytes());
        let out = env.run([
            "diff".as_ref(),
            old_path.as_os_str(),
            new_path.as_os_str(),
            "--json".as_ref(),
        ]);
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}: {}",
            file.display(),
            crate::common::stderr(&out)
        );
        let json = crate::common::json(&out);
        let name = file.display();
        let counts = &json["scores"]["counts"];
        for (kind, n) in [
            ("numbers_only", 1),
            ("removed", 1),
            ("added", 1),
            ("moved", 1),
            ("modified", 1),
        ] {
            assert_eq!(counts[kind], n, "{name}: {kind} in {counts}");
        }
        assert_eq!(
            counts["unchanged"],
            report.sentences.len() - 4,
            "{name}: {counts}"
        );
        let one = |kind: &str, side: &str| {
            rows_of(&json, kind)[0][side]
                .as_str()
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(one("numbers_only", "old"), edited.renumbered, "{name}");
        assert_eq!(one("removed", "old"), edited.deleted, "{name}");
        assert_eq!(one("added", "new"), edited.inserted, "{name}");
        assert_eq!(one("moved", "old"), edited.moved, "{name}");
        assert_eq!(one("moved", "new"), edited.moved, "{name}");
        assert_eq!(one("modified", "old"), edited.reworded, "{name}");
        let modified = rows_of(&json, "modified")[0];
        assert!(
            modified["edits"].as_array().into_iter().flatten().any(
                |e| e["op"] == "insert" && e["text"].as_str().unwrap_or("").contains(REWORDING)
            ),
            "{name}: {modified}"
        );
        let sections = json["sections"].as_array().expect("sections");
        assert!(
            sections.iter().all(|s| s["status"] == "matched"),
            "{name}: a section lost its pair"
        );
        let renamed = sections
            .iter()
            .find(|s| s["new"]["title"] == edited.renamed_title.as_str())
            .unwrap_or_else(|| panic!("{name}: renamed heading not found"));
        assert_eq!(renamed["status"], "matched", "{name}");
        assert_ne!(renamed["old"]["title"], renamed["new"]["title"], "{name}");
        assert_eq!(renamed["heading"]["kind"], "modified", "{name}");
        let inserted: Vec<&str> = renamed["heading"]["edits"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["op"] == "insert")
            .filter_map(|e| e["text"].as_str())
            .collect();
        assert_eq!(inserted, vec![HEADING_WORDS], "{name}");
    }
}

// --- The State Council reports ----------------------------------------------------------

fn state_council(corpus: &Path, year: u32) -> PathBuf {
    corpus.join(format!("state-council/{year}.txt"))
}

/// The old section paired with the new section at `new_path`.
fn paired_old_path<'a>(json: &'a Value, new_path: &str) -> Option<&'a str> {
    json["sections"]
        .as_array()?
        .iter()
        .find(|s| s["new"]["path"] == new_path)
        .and_then(|s| s["old"]["path"].as_str())
}

#[test]
fn state_council_sections_pair_by_meaning() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = TestEnv::new();
    // (old, new, [(new level-1 path, old level-1 path)])
    let cases = [
        (2022, 2023, vec![("1", "1"), ("2", "3")]),
        (2017, 2018, vec![("1", "1"), ("2", "2"), ("3", "3")]),
        (2021, 2022, vec![("1", "1"), ("3", "3")]),
    ];
    for (old_year, new_year, expected) in cases {
        let out = env.run([
            "diff".as_ref(),
            state_council(&corpus, old_year).as_os_str(),
            state_council(&corpus, new_year).as_os_str(),
            "--json".as_ref(),
        ]);
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}",
            crate::common::stderr(&out)
        );
        let json = crate::common::json(&out);
        for (new_path, old_path) in expected {
            assert_eq!(
                paired_old_path(&json, new_path),
                Some(old_path),
                "{old_year}→{new_year}: new {new_path}"
            );
        }
        assert_eq!(paired_old_path(&json, "0"), Some("0"), "preamble");
        let scores = &json["scores"];
        let f = |k: &str| scores[k].as_f64().unwrap_or(-1.0);
        assert!(
            (0.005..0.3).contains(&f("copy_ratio")),
            "{old_year}: {scores}"
        );
        assert!((0.8..1.0).contains(&f("cosine")), "{old_year}: {scores}");
        assert!((0.3..0.7).contains(&f("jaccard")), "{old_year}: {scores}");
        let counts = &scores["counts"];
        assert!(counts["modified"].as_u64().unwrap_or(0) >= 10, "{counts}");
        assert!(counts["unchanged"].as_u64().unwrap_or(0) >= 1, "{counts}");
    }
}

#[test]
fn the_side_by_side_view_fits_its_width() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = TestEnv::new();
    for width in ["80", "160"] {
        let out = env.run([
            "diff".as_ref(),
            state_council(&corpus, 2022).as_os_str(),
            state_council(&corpus, 2023).as_os_str(),
            "--width".as_ref(),
            width.as_ref(),
        ]);
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}",
            crate::common::stderr(&out)
        );
        let text = crate::common::stdout(&out);
        assert!(!text.contains('\x1b'), "colour with NO_COLOR set");
        let limit: usize = width.parse().unwrap_or(0);
        for line in text.lines() {
            assert!(!line.ends_with(' '), "trailing space: {line}");
            assert!(
                text_width(line, false) <= limit,
                "{} > {limit}: {line}",
                text_width(line, false)
            );
        }
        let first = text.lines().next().unwrap_or("");
        assert!(first.contains("→") && first.contains("沿用率"), "{first}");
        for marker in ["\n- ", "\n+ ", "\n~ ", "\n> ", "\n# ", "⋯"] {
            assert!(text.contains(marker), "no {marker:?} at width {width}");
        }
        assert!(
            text.contains("[-") && text.contains("{+"),
            "word edits not bracketed"
        );
        assert!(text.contains(" │ "), "no column separator");
        assert!(
            text.lines().any(|l| l.starts_with("> （原在 ")),
            "a sentence moved across sections does not say where it was"
        );
    }
}

#[test]
fn colours_follow_the_setting_and_report_text_cannot_reach_the_terminal() {
    let env = TestEnv::new();
    let old = env.write("old.txt", SAMPLE_OLD.as_bytes());
    let hostile = SAMPLE_OLD.replace(
        "部分干部法治意识有待增强。",
        "部分干部\x1b]0;owned\x07法治意识\u{202E}有待\x1b[2J增强。",
    );
    let new = env.write("new.txt", hostile.as_bytes());
    let plain = env.run(["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert_eq!(
        crate::common::code(&plain),
        0,
        "{}",
        crate::common::stderr(&plain)
    );
    let text = crate::common::stdout(&plain);
    assert!(!text.contains('\x1b') && !text.contains('\x07') && !text.contains('\u{202E}'));
    assert!(text.contains("法治意识"), "{text}");

    let coloured = env.run([
        "diff".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--color".as_ref(),
        "always".as_ref(),
    ]);
    let text = crate::common::stdout(&coloured);
    assert!(text.contains("\x1b["), "no colour with --color always");
    assert!(!text.contains('\x07') && !text.contains('\u{202E}'));
    let mut rest = text.as_str();
    while let Some(at) = rest.find('\x1b') {
        let tail = &rest[at + 1..];
        let params: String = tail
            .chars()
            .skip(1)
            .take_while(|c| c.is_ascii_digit() || *c == ';')
            .collect();
        let sgr = tail.starts_with('[') && tail[1 + params.len()..].starts_with('m');
        assert!(
            sgr,
            "escape other than SGR: {:?}",
            &tail[..tail.len().min(12)]
        );
        rest = tail;
    }

    let never = env.run([
        "diff".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--color".as_ref(),
        "never".as_ref(),
    ]);
    assert!(!crate::common::stdout(&never).contains('\x1b'));
}

#[test]
fn unchanged_runs_fold_with_a_count() {
    let env = TestEnv::new();
    let old = env.write("old.txt", SAMPLE_OLD.as_bytes());
    let out = env.run([
        "diff".as_ref(),
        old.as_os_str(),
        old.as_os_str(),
        "--context".as_ref(),
        "0".as_ref(),
    ]);
    assert_eq!(crate::common::code(&out), 0);
    let text = crate::common::stdout(&out);
    let hidden: usize = text
        .lines()
        .filter(|l| l.contains("句未变"))
        .filter_map(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|n| n.parse::<usize>().ok())
        })
        .sum();
    let shown = text
        .lines()
        .filter(|l| l.starts_with("= ") && l.contains(" │ "))
        .count();
    assert_eq!(
        hidden + shown,
        analyze(SAMPLE_OLD).sentences.len(),
        "every sentence folded, or shown where a fold would hide one alone: {text}"
    );
    assert!(hidden > shown, "{text}");
    assert!(!text.contains("部分干部法治意识有待增强"), "{text}");

    let edited = env.write("new.txt", SAMPLE_OLD.replace("12次", "13次").as_bytes());
    let out = env.run([
        "diff".as_ref(),
        old.as_os_str(),
        edited.as_os_str(),
        "--context".as_ref(),
        "1".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    let text = crate::common::stdout(&out);
    let changed = text
        .lines()
        .find(|l| l.starts_with('#'))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        changed.contains("[-12次-]") && changed.contains("{+13次+}"),
        "{changed}"
    );
    assert!(
        text.contains("镇党委把法治政府建设纳入年度重点工作"),
        "context row missing: {text}"
    );
    assert!(text.contains("unchanged sentences folded"), "{text}");
}

#[test]
fn diff_from_the_store_picks_years() {
    let env = TestEnv::new();
    let write_year = |year: i32| {
        let text = SAMPLE_OLD.replace("2022", &year.to_string());
        env.write(&format!("{year}.txt"), text.as_bytes())
    };
    for year in [2020, 2021, 2022] {
        let file = write_year(year);
        let out = env.run([
            "import".as_ref(),
            file.as_os_str(),
            "--township".as_ref(),
            "测试镇".as_ref(),
            "--county".as_ref(),
            "测试县".as_ref(),
            "--year".as_ref(),
            year.to_string().as_ref(),
        ]);
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}",
            crate::common::stderr(&out)
        );
    }
    let years = |args: &[&str]| {
        let mut all = vec!["diff", "测试镇"];
        all.extend_from_slice(args);
        all.push("--json");
        let out = env.run(&all);
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}",
            crate::common::stderr(&out)
        );
        let json = crate::common::json(&out);
        assert_eq!(json["old"]["township"], "测试镇");
        assert_eq!(json["new"]["county"], "测试县");
        assert!(json["figures"].is_array());
        (json["old"]["year"].as_i64(), json["new"]["year"].as_i64())
    };
    assert_eq!(years(&[]), (Some(2021), Some(2022)));
    assert_eq!(years(&["2021"]), (Some(2020), Some(2021)));
    assert_eq!(years(&["2020", "2022"]), (Some(2020), Some(2022)));
    assert_eq!(years(&["--county", "测试县"]), (Some(2021), Some(2022)));

    for (args, needle) in [
        (vec!["diff", "测试镇", "2020"], "2020年之前"),
        (vec!["diff", "测试镇", "2019", "2022"], "2019"),
        (vec!["diff", "无此镇"], "无此镇"),
        (vec!["--lang", "en", "diff", "测试镇", "去年"], "not a year"),
        (
            vec!["--lang", "en", "diff", "missing-old.txt", "missing-new.txt"],
            "missing-old.txt: no such file",
        ),
    ] {
        let out = env.run(&args);
        assert_eq!(crate::common::code(&out), 2, "{args:?}");
        let err = crate::common::stderr(&out);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    let one_file = env.run([
        "--lang".as_ref(),
        "en".as_ref(),
        "diff".as_ref(),
        env.path("2020.txt").as_os_str(),
    ]);
    assert_eq!(crate::common::code(&one_file), 2);
    assert!(
        crate::common::stderr(&one_file).contains("needs two"),
        "{}",
        crate::common::stderr(&one_file)
    );
}

#[test]
fn unreadable_files_are_named_in_a_one_line_error() {
    let env = TestEnv::new();
    let good = env.write("good.txt", SAMPLE_OLD.as_bytes());
    let empty = env.write("empty.txt", b"");
    let out = env.run(["diff".as_ref(), good.as_os_str(), empty.as_os_str()]);
    assert_eq!(crate::common::code(&out), 2);
    let err = crate::common::stderr(&out);
    assert!(
        err.contains("empty.txt") && err.trim_end().lines().count() == 1,
        "{err}"
    );
}

// --- Arbitrary edits ----------------------------------------------------------------------

/// Sentences written for these tests; `{}` takes a number.
const POOL: &[&str] = &[
    "镇党委把法治政府建设纳入年度重点工作。",
    "全年召开专题会议{}次。",
    "严格落实重大行政决策程序规定。",
    "合法性审查覆盖率达到{}%。",
    "部分干部法治意识有待增强。",
    "执法人员专业素质参差不齐。",
    "发放宣传资料{}余份，接受群众咨询{}人次。",
    "继续加强法治宣传教育。",
    "提升基层依法治理水平。",
    "推进综合行政执法改革。",
    "调处矛盾纠纷{}件，调解成功率{}%。",
    "聘请法律顾问{}名。",
    "无。",
    "一是加强学习；二是强化培训；三是严格考核。",
    "镇党委书记认真履行第一责任人职责。",
];

const TITLES: &[&str] = &[
    "主要举措和成效",
    "存在的不足和原因",
    "下一年度工作安排",
    "加强组织领导",
    "推进依法决策",
    "强化执法监督",
    "深化普法宣传",
];

#[derive(Debug, Clone)]
struct Sec {
    level: u8,
    title: String,
    sentences: Vec<(usize, u32)>,
}

fn render(preamble: &[(usize, u32)], sections: &[Sec]) -> String {
    let sentence = |&(i, n): &(usize, u32)| {
        let mut s = POOL[i % POOL.len()].to_string();
        let mut k = n;
        while let Some(at) = s.find("{}") {
            s.replace_range(at..at + 2, &k.to_string());
            k = k.wrapping_mul(7).wrapping_add(3) % 1000;
        }
        s
    };
    let mut text: String = preamble.iter().map(sentence).collect::<String>() + "\n";
    let (mut l1, mut l2) = (0, 0);
    for sec in sections {
        let marker = if sec.level == 1 {
            l1 += 1;
            l2 = 0;
            format!(
                "{}、",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九"][(l1 - 1) % 9]
            )
        } else {
            l2 += 1;
            format!(
                "（{}）",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九"][(l2 - 1) % 9]
            )
        };
        text.push_str(&marker);
        text.push_str(&sec.title);
        text.push('\n');
        text.push_str(&sec.sentences.iter().map(sentence).collect::<String>());
        text.push('\n');
    }
    text
}

fn sentence_strategy() -> impl Strategy<Value = (usize, u32)> {
    (0..POOL.len(), 0u32..500)
}

fn section_strategy() -> impl Strategy<Value = Sec> {
    (
        1u8..=2,
        0..TITLES.len(),
        prop::collection::vec(sentence_strategy(), 0..6),
    )
        .prop_map(|(level, t, sentences)| Sec {
            level,
            title: TITLES[t].to_string(),
            sentences,
        })
}

#[derive(Debug, Clone)]
enum Change {
    Delete(usize, usize),
    Insert(usize, usize, (usize, u32)),
    Renumber(usize, usize, u32),
    Move(usize, usize, usize),
    Rename(usize),
    DropSection(usize),
    SwapSections(usize, usize),
    Reword(usize, usize),
}

fn change_strategy() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Change::Delete(a, b)),
        (any::<usize>(), any::<usize>(), sentence_strategy())
            .prop_map(|(a, b, s)| Change::Insert(a, b, s)),
        (any::<usize>(), any::<usize>(), 0u32..500).prop_map(|(a, b, n)| Change::Renumber(a, b, n)),
        (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(a, b, c)| Change::Move(a, b, c)),
        any::<usize>().prop_map(Change::Rename),
        any::<usize>().prop_map(Change::DropSection),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Change::SwapSections(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Change::Reword(a, b)),
    ]
}

fn apply_change(sections: &mut Vec<Sec>, change: &Change) {
    if sections.is_empty() {
        return;
    }
    let n = sections.len();
    match *change {
        Change::Delete(s, i) => {
            let sec = &mut sections[s % n];
            if !sec.sentences.is_empty() {
                let len = sec.sentences.len();
                sec.sentences.remove(i % len);
            }
        }
        Change::Insert(s, i, sentence) => {
            let sec = &mut sections[s % n];
            let at = i % (sec.sentences.len() + 1);
            sec.sentences.insert(at, sentence);
        }
        Change::Renumber(s, i, k) => {
            let sec = &mut sections[s % n];
            if !sec.sentences.is_empty() {
                let len = sec.sentences.len();
                sec.sentences[i % len].1 = k;
            }
        }
        Change::Move(from, i, to) => {
            let from = from % n;
            if !sections[from].sentences.is_empty() {
                let len = sections[from].sentences.len();
                let sentence = sections[from].sentences.remove(i % len);
                sections[to % n].sentences.push(sentence);
            }
        }
        Change::Rename(s) => sections[s % n].title.insert_str(0, "全面"),
        Change::DropSection(s) => {
            sections.remove(s % n);
        }
        Change::SwapSections(a, b) => sections.swap(a % n, b % n),
        Change::Reword(s, i) => {
            let sec = &mut sections[s % n];
            if !sec.sentences.is_empty() {
                let len = sec.sentences.len();
                let entry = &mut sec.sentences[i % len];
                entry.0 = (entry.0 + 1) % POOL.len();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rows_cover_both_reports_exactly_once(
        preamble in prop::collection::vec(sentence_strategy(), 0..3),
        sections in prop::collection::vec(section_strategy(), 0..7),
        changes in prop::collection::vec(change_strategy(), 0..8),
    ) {
        let mut edited = sections.clone();
        for change in &changes {
            apply_change(&mut edited, change);
        }
        let (old, new) = (analyze(&render(&preamble, &sections)), analyze(&render(&preamble, &edited)));
        let cmp = compare(&old, &new);
        assert_consistent(&old, &new, &cmp);
        if changes.is_empty() {
            prop_assert!(cmp.sections.iter().flat_map(|p| &p.rows).all(|r| r.kind == RowKind::Unchanged));
        }
    }

    #[test]
    fn word_edits_rebuild_both_texts(a in "[0-9０-９.．,，、。a-z甲乙丙丁法治 ]{0,40}", b in "\\PC{0,40}") {
        let edits = nianbao::compare::edits::word_edits(&a, &b);
        let side = |skip: EditOp| -> String {
            edits.iter().filter(|e| e.op != skip).map(|e| e.text.as_str()).collect()
        };
        prop_assert_eq!(side(EditOp::Insert), a.clone());
        prop_assert_eq!(side(EditOp::Delete), b.clone());
        prop_assert!(edits.windows(2).all(|w| w[0].op != w[1].op));
        prop_assert!(edits.iter().all(|e| !e.text.is_empty()));
    }

    #[test]
    fn arbitrary_text_never_breaks_the_comparison(a in "\\PC{0,300}", b in "\\PC{0,300}") {
        let (old, new) = (analyze(&a), analyze(&b));
        let cmp = compare(&old, &new);
        assert_consistent(&old, &new, &cmp);
    }
}

// --- Dates rolled forward, figures changed ---------------------------------------------

/// Sentences written for the date properties: `{Y}` a year, `{C}` the same year in
/// Chinese digits, `{M}` a month, `{D}` a day, `{N}` a figure.
const DATED: &[&str] = &[
    "{Y}年，全镇深入推进法治政府建设，开展专题学法{N}次。",
    "{M}月{D}日召开法治建设工作推进会，参会人员{N}人。",
    "现将{C}年度法治政府建设情况报告如下。",
    "{Y}年{M}月，聘请法律顾问{N}名，审查合同{N}份。",
    "镇党委把法治政府建设纳入{Y}年度重点工作。",
    "调处矛盾纠纷{N}件，调解成功率{N}%。",
    "于{Y}年{M}月{D}日前完成全部整改任务。",
    "持续深化综合行政执法改革，规范执法程序。",
];

/// One year, month and day, and the figures of a report.
#[derive(Debug, Clone)]
struct Dating {
    year: u32,
    month: u32,
    day: u32,
    figures: Vec<u32>,
}

fn chinese_year(year: u32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    year.to_string()
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| DIGITS[d as usize])
        .collect()
}

/// A report of headings and sentences from [`DATED`], each `(template, heading?)`.
fn dated_report(plan: &[(usize, bool)], dating: &Dating) -> String {
    let mut figures = dating.figures.iter().cycle();
    let mut text = String::new();
    let mut heading = 0;
    for &(template, is_heading) in plan {
        let mut s = DATED[template % DATED.len()].to_string();
        if is_heading {
            heading += 1;
            text.push_str(&format!("\n{heading}、{{Y}}年第{heading}项工作回顾\n"));
        }
        while let Some(at) = s.find("{N}") {
            let n = figures.next().copied().unwrap_or(1);
            s.replace_range(at..at + 3, &n.to_string());
        }
        text.push_str(&s);
    }
    text.replace("{Y}", &dating.year.to_string())
        .replace("{C}", &chinese_year(dating.year))
        .replace("{M}", &dating.month.to_string())
        .replace("{D}", &dating.day.to_string())
}

fn dating_strategy() -> impl Strategy<Value = Dating> {
    (
        2000u32..2090,
        1u32..12,
        1u32..28,
        prop::collection::vec(1u32..5000, 1..6),
    )
        .prop_map(|(year, month, day, figures)| Dating {
            year,
            month,
            day,
            figures,
        })
}

fn kinds_of(cmp: &Comparison) -> Vec<RowKind> {
    let rows = cmp.sections.iter().flat_map(|p| &p.rows).map(|r| r.kind);
    let headings = cmp
        .sections
        .iter()
        .filter_map(|p| p.heading.as_ref())
        .map(|h| h.kind);
    rows.chain(headings).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn dates_shifted_by_one_give_only_dates_only_rows(
        plan in prop::collection::vec((0..DATED.len(), any::<bool>()), 1..12),
        dating in dating_strategy(),
    ) {
        let shifted = Dating {
            year: dating.year + 1,
            month: dating.month + 1,
            day: dating.day + 1,
            figures: dating.figures.clone(),
        };
        let (old, new) = (
            analyze(&dated_report(&plan, &dating)),
            analyze(&dated_report(&plan, &shifted)),
        );
        let cmp = compare(&old, &new);
        assert_consistent(&old, &new, &cmp);
        let kinds = kinds_of(&cmp);
        prop_assert!(
            kinds.iter().all(|k| matches!(k, RowKind::DatesOnly | RowKind::Unchanged)),
            "{kinds:?}"
        );
        prop_assert_eq!(cmp.scores.copy_ratio, 1.0);
    }

    #[test]
    fn figures_changed_give_only_numbers_only_rows(
        plan in prop::collection::vec((0..DATED.len(), any::<bool>()), 1..12),
        dating in dating_strategy(),
        bump in 1u32..50,
    ) {
        let changed = Dating {
            figures: dating.figures.iter().map(|n| n + bump).collect(),
            ..dating.clone()
        };
        let (old, new) = (
            analyze(&dated_report(&plan, &dating)),
            analyze(&dated_report(&plan, &changed)),
        );
        let cmp = compare(&old, &new);
        assert_consistent(&old, &new, &cmp);
        let kinds = kinds_of(&cmp);
        prop_assert!(
            kinds.iter().all(|k| matches!(k, RowKind::NumbersOnly | RowKind::Unchanged)),
            "{kinds:?}"
        );
        prop_assert_eq!(cmp.scores.copy_ratio, 1.0);
    }
}

#[test]
fn compact_json_locates_by_span_what_full_json_repeats() {
    let env = TestEnv::new();
    let old = env.write("old.txt", SAMPLE_OLD.as_bytes());
    let edited = SAMPLE_OLD
        .replace("12次", "15次")
        .replace("（二）推进依法决策", "（二）全面推进依法决策");
    let new = env.write("new.txt", edited.as_bytes());
    let run = |extra: &[&str]| {
        let mut args = vec![
            "diff".as_ref(),
            old.as_os_str(),
            new.as_os_str(),
            "--json".as_ref(),
        ];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        let out = env.run(&args);
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}",
            crate::common::stderr(&out)
        );
        (crate::common::stdout(&out), crate::common::json(&out))
    };
    let (full_text, full) = run(&[]);
    let (compact_text, compact) = run(&["--compact"]);
    assert_eq!(compact_text.trim_end().lines().count(), 1);
    assert!(compact_text.len() < full_text.len());
    let clean = |side: &str| -> Vec<char> {
        compact[side]["text"]
            .as_str()
            .expect("clean text")
            .chars()
            .collect()
    };
    let (old_chars, new_chars) = (clean("old"), clean("new"));
    let slice = |chars: &[char], span: &Value| -> String {
        let (s, e) = (span["start"].as_u64(), span["end"].as_u64());
        let (s, e) = (s.unwrap_or(0) as usize, e.unwrap_or(0) as usize);
        chars[s..e].iter().collect()
    };
    let full_rows = rows_of(&full, "numbers_only");
    let compact_rows = rows_of(&compact, "numbers_only");
    assert_eq!((full_rows.len(), compact_rows.len()), (1, 1));
    let (f, c) = (full_rows[0], compact_rows[0]);
    assert!(c.get("old").is_none() && c.get("new").is_none(), "{c}");
    assert_eq!(
        slice(&old_chars, &c["old_span"]),
        f["old"].as_str().unwrap_or("")
    );
    assert_eq!(
        slice(&new_chars, &c["new_span"]),
        f["new"].as_str().unwrap_or("")
    );
    for (fe, ce) in f["edits"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(c["edits"].as_array().into_iter().flatten())
    {
        let text = fe["text"].as_str().unwrap_or("");
        if ce["op"] == "equal" {
            assert!(ce.get("text").is_none(), "{ce}");
        }
        for (key, chars) in [("old_span", &old_chars), ("new_span", &new_chars)] {
            if ce.get(key).is_some() {
                assert_eq!(slice(chars, &ce[key]), text, "{ce}");
            }
        }
    }
    let heading = full["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|s| s["heading"].as_object().filter(|h| h["kind"] == "modified"))
        .expect("a reworded heading");
    assert!(
        heading["edits"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["text"] == "全面"))
    );
}
