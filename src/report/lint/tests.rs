//! Each lint kind on short reports written for the purpose: one that must be flagged and
//! look-alikes that must not.

use super::LintKind;
use crate::i18n::Lang;
use crate::ingest::{Artifact, Metadata};
use crate::report::Report;

const TITLE: &str = "青石镇2022年法治政府建设年度报告\n\n";

/// A complete report body covering P1–P4 with clean numbering.
const WORK: &str = "一、主要举措和成效\n（一）加强学习。2022年，青石镇组织专题学习12次。\n（二）规范执法。全年办理案件8件。\n";
const DUTIES: &str = "二、党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记带头学法。\n";
const SHORTCOMINGS: &str = "三、存在的不足和原因\n学习还不够深入。\n";
const PLAN: &str = "四、下一年度推进法治政府建设的主要安排\n2023年，我镇将继续加强学习。\n";

fn meta(year: Option<i32>) -> Metadata {
    Metadata {
        township: Some("青石镇".to_string()),
        county: Some("云岭县".to_string()),
        year,
        title: Some("青石镇2022年法治政府建设年度报告".to_string()),
        ..Metadata::default()
    }
}

fn analyze_with(text: &str, meta: Metadata, artifacts: Vec<Artifact>) -> Report {
    Report::analyze(text, meta, artifacts)
}

fn analyze(text: &str) -> Report {
    analyze_with(text, meta(Some(2022)), Vec::new())
}

fn full(work: &str, duties: &str, shortcomings: &str, plan: &str) -> String {
    format!("{TITLE}{work}{duties}{shortcomings}{plan}")
}

fn kinds(report: &Report, kind: LintKind) -> Vec<String> {
    report
        .lint
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.text(Lang::Zh))
        .collect()
}

fn count(report: &Report, kind: LintKind) -> usize {
    kinds(report, kind).len()
}

#[test]
fn a_clean_report_has_no_findings() {
    let report = analyze(&full(WORK, DUTIES, SHORTCOMINGS, PLAN));
    assert!(report.lint.is_empty(), "{:#?}", report.lint);
}

#[test]
fn missing_part_names_each_part_no_section_covers() {
    let report = analyze(&full(WORK, "", SHORTCOMINGS, PLAN));
    let missing = kinds(&report, LintKind::MissingPart);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("P3"));

    let only_work = analyze(&format!("{TITLE}{WORK}"));
    assert_eq!(count(&only_work, LintKind::MissingPart), 3);
}

#[test]
fn a_merged_part_covers_both_parts() {
    let merged = "二、存在问题及下一步工作计划\n一是学习不够。下一步将加强学习。\n";
    let report = analyze(&format!("{TITLE}{WORK}{merged}"));
    let missing = kinds(&report, LintKind::MissingPart);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("P3"));
}

#[test]
fn a_duty_sub_heading_does_not_cover_the_duty_part() {
    let work = "一、主要做法\n（一）组织保障\n1、组织保障情况。成立领导小组。\n2、第一责任人情况。书记带头学法。\n";
    let report = analyze(&format!("{TITLE}{work}{SHORTCOMINGS}{PLAN}"));
    let missing = kinds(&report, LintKind::MissingPart);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("P3"));
}

#[test]
fn numbering_gap_within_a_list() {
    let work = "一、主要举措和成效\n（一）加强学习。组织学习。\n（三）规范执法。办理案件。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    let gaps = kinds(&report, LintKind::NumberingGap);
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert!(gaps[0].contains("（一）") && gaps[0].contains("（三）"));
    let finding = report
        .lint
        .iter()
        .find(|f| f.kind == LintKind::NumberingGap);
    assert_eq!(finding.and_then(|f| f.section.as_deref()), Some("1.2"));
}

#[test]
fn lists_under_different_parents_are_numbered_apart() {
    let report = analyze(&full(WORK, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(count(&report, LintKind::NumberingGap), 0);
    assert_eq!(count(&report, LintKind::DuplicateNumber), 0);
}

#[test]
fn duplicate_number_among_siblings() {
    let duties = "二、党政主要负责人履行第一责任人职责情况\n书记带头学法。\n";
    let shortcomings = "二、存在的不足和原因\n学习还不够深入。\n";
    let plan = "三、下一年度工作安排\n2023年，我镇将继续加强学习。\n";
    let report = analyze(&full(WORK, duties, shortcomings, plan));
    let dups = kinds(&report, LintKind::DuplicateNumber);
    assert_eq!(dups.len(), 1, "{dups:?}");
    assert!(dups[0].contains("二、"));
    assert_eq!(count(&report, LintKind::NumberingGap), 0);
}

#[test]
fn mixed_markers_in_one_list() {
    let work = "一、主要举措和成效\n（一）组织保障\n1、组织保障情况。成立领导小组。\n2.制度保障情况。制定制度三项。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    let mixed = kinds(&report, LintKind::MixedMarkers);
    assert_eq!(mixed.len(), 1, "{mixed:?}");
    assert!(mixed[0].contains("1、") && mixed[0].contains("2."));

    let brackets = "一、主要举措和成效\n（一）加强学习。组织学习。\n(二)规范执法。办理案件。\n";
    let report = analyze(&full(brackets, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(count(&report, LintKind::MixedMarkers), 1);

    let uniform = "一、主要举措和成效\n（一）组织保障\n1、组织保障情况。成立小组。\n2、制度保障情况。制定制度。\n";
    let report = analyze(&full(uniform, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(count(&report, LintKind::MixedMarkers), 0);
}

#[test]
fn year_mismatch_when_the_plan_names_the_reporting_year() {
    let plan = "四、下一年度推进法治政府建设的主要安排\n2022年，我镇将继续加强学习。\n";
    let report = analyze(&full(WORK, DUTIES, SHORTCOMINGS, plan));
    let years = kinds(&report, LintKind::YearMismatch);
    assert_eq!(years.len(), 1, "{years:?}");
    assert!(years[0].contains("2023"));

    let titled = "四、2022年法治政府建设工作计划\n我镇将继续加强学习。\n";
    let report = analyze(&full(WORK, DUTIES, SHORTCOMINGS, titled));
    assert_eq!(count(&report, LintKind::YearMismatch), 1);
}

#[test]
fn year_mismatch_needs_no_metadata_year() {
    let plan = "四、下一年度推进法治政府建设的主要安排\n2022年，我镇将继续加强学习。\n";
    let text = format!("2022年，青石镇坚持依法行政。\n{WORK}{DUTIES}{SHORTCOMINGS}{plan}");
    let report = analyze_with(&text, Metadata::default(), Vec::new());
    assert_eq!(
        count(&report, LintKind::YearMismatch),
        1,
        "{:#?}",
        report.lint
    );
}

#[test]
fn plans_may_cite_periods_history_and_documents() {
    let plan = "四、下一年度推进法治政府建设的主要安排\n落实《青石镇2022年普法工作要点》，推进“八五”普法（2021—2025年）。2018年以来的经验继续坚持。在2022年工作基础上，2023年，我镇将继续加强学习。\n";
    let report = analyze(&full(WORK, DUTIES, SHORTCOMINGS, plan));
    assert_eq!(
        count(&report, LintKind::YearMismatch),
        0,
        "{:#?}",
        report.lint
    );
}

#[test]
fn this_year_must_name_the_reporting_year() {
    let work = "一、主要举措和成效\n今年（2020年），青石镇组织学习12次。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(count(&report, LintKind::YearMismatch), 1);

    let right = "一、主要举措和成效\n本年度（2022年），青石镇组织学习12次。\n";
    let report = analyze(&full(right, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(count(&report, LintKind::YearMismatch), 0);
}

#[test]
fn title_year_must_match_the_body() {
    let text = format!(
        "青石镇2021年法治政府建设年度报告\n\n2022年，青石镇坚持依法行政。\n一、主要举措和成效\n2022年，青石镇组织学习12次。\n{DUTIES}{SHORTCOMINGS}{PLAN}"
    );
    let mut meta = meta(None);
    meta.title = Some("青石镇2021年法治政府建设年度报告".to_string());
    let report = analyze_with(&text, meta, Vec::new());
    let years = kinds(&report, LintKind::YearMismatch);
    assert_eq!(years.len(), 1, "{years:?}");
    assert!(years[0].contains("2021") && years[0].contains("2022"));
}

#[test]
fn history_years_do_not_make_the_body_year() {
    let text = format!(
        "青石镇2022年法治政府建设年度报告\n\n2022年，青石镇坚持依法行政。\n一、主要举措和成效\n2021年以来，累计培训干部80人次。2021年以来，坚持每月学法。\n{DUTIES}{SHORTCOMINGS}{PLAN}"
    );
    let mut meta = meta(None);
    meta.title = Some("青石镇2022年法治政府建设年度报告".to_string());
    let report = analyze_with(&text, meta, Vec::new());
    assert_eq!(count(&report, LintKind::YearMismatch), 0);
}

#[test]
fn foreign_township_as_author() {
    let work = "一、主要举措和成效\n白沙镇党委、政府高度重视法治建设。青石镇组织学习12次。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    let foreign = kinds(&report, LintKind::ForeignTownship);
    assert_eq!(foreign.len(), 1, "{foreign:?}");
    assert!(foreign[0].contains("白沙镇"));
}

#[test]
fn a_neighbour_mentioned_is_not_foreign() {
    let work = "一、主要举措和成效\n青石镇与白沙镇交界，两镇联合开展调解。赴白沙镇学习经验。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(
        count(&report, LintKind::ForeignTownship),
        0,
        "{:#?}",
        report.lint
    );
}

#[test]
fn a_foreign_slogan_is_flagged_and_the_own_one_is_not() {
    let work = "一、主要举措和成效\n青石镇与白沙镇交界。\n（一）加强维稳，构建和谐白沙。调解纠纷8件。\n（二）深化普法，建设法治青石。开展宣传6次。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    let foreign = kinds(&report, LintKind::ForeignTownship);
    assert_eq!(foreign.len(), 1, "{foreign:?}");
    assert!(foreign[0].contains("和谐白沙"));
}

#[test]
fn the_own_township_can_come_from_the_signature() {
    let work = "一、主要举措和成效\n白沙镇坚持依法行政。\n";
    let text = format!(
        "{TITLE}{work}{DUTIES}{SHORTCOMINGS}{PLAN}\n                青石镇人民政府\n              2023年1月5日\n"
    );
    let report = analyze_with(&text, Metadata::default(), Vec::new());
    let foreign = kinds(&report, LintKind::ForeignTownship);
    assert_eq!(foreign.len(), 1, "{foreign:?}");
    assert!(foreign[0].contains("白沙镇") && foreign[0].contains("青石镇"));
}

#[test]
fn common_words_before_a_suffix_are_not_names() {
    let work = "一、主要举措和成效\n召开镇党委会议3次，配合镇政府开展普法。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(
        count(&report, LintKind::ForeignTownship),
        0,
        "{:#?}",
        report.lint
    );
}

#[test]
fn artifacts_left_in_the_text() {
    let work = "一、主要举措和成效\n[bookmark: _GoBack]组织学习***次，覆盖XX村。文件出现锟斤拷和�，以及Ã©乱码。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    let found = kinds(&report, LintKind::Artifact);
    assert_eq!(found.len(), 6, "{found:?}");
    for piece in ["[bookmark: _GoBack]", "***", "XX", "锟斤拷", "�", "Ã©"] {
        assert!(
            found.iter().any(|m| m.contains(piece)),
            "{piece}: {found:?}"
        );
    }
}

#[test]
fn artifacts_removed_at_ingest_are_reported_once_per_kind() {
    let text = full(WORK, DUTIES, SHORTCOMINGS, PLAN);
    let artifacts = vec![
        Artifact {
            text: "[bookmark: _GoBack]".to_string(),
            at: 40,
        },
        Artifact {
            text: "\u{200B}".to_string(),
            at: 10,
        },
        Artifact {
            text: "\u{200B}".to_string(),
            at: 12,
        },
    ];
    let report = analyze_with(&text, meta(Some(2022)), artifacts);
    let found = kinds(&report, LintKind::Artifact);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|m| m.contains("U+200B") && m.contains('2'))
    );
}

#[test]
fn ordinary_symbols_are_not_artifacts() {
    let work = "一、主要举措和成效\n开展12·4宪法宣传日活动，面积3×4米，监测PM2.5，发放《Excel使用手册》，推广XP系统。\n";
    let report = analyze(&full(work, DUTIES, SHORTCOMINGS, PLAN));
    assert_eq!(count(&report, LintKind::Artifact), 0, "{:#?}", report.lint);
}

#[test]
fn no_title_when_the_report_opens_with_body_or_addressee() {
    let body_first = format!("2022年，青石镇坚持依法行政。\n{WORK}{DUTIES}{SHORTCOMINGS}{PLAN}");
    let report = analyze_with(&body_first, Metadata::default(), Vec::new());
    assert_eq!(count(&report, LintKind::NoTitle), 1);

    let addressee_first = format!("县委、县政府：\n{WORK}{DUTIES}{SHORTCOMINGS}{PLAN}");
    let report = analyze_with(&addressee_first, Metadata::default(), Vec::new());
    assert_eq!(count(&report, LintKind::NoTitle), 1);

    let heading_first = format!("{WORK}{DUTIES}{SHORTCOMINGS}{PLAN}");
    let report = analyze_with(&heading_first, Metadata::default(), Vec::new());
    assert_eq!(count(&report, LintKind::NoTitle), 1);

    let titled = full(WORK, DUTIES, SHORTCOMINGS, PLAN);
    let report = analyze_with(&titled, Metadata::default(), Vec::new());
    assert_eq!(count(&report, LintKind::NoTitle), 0);

    let broken = format!("关于报送2022年度法治政府建设情况的\n报     告\n\n区委、区政府：\n{WORK}");
    let report = analyze_with(&broken, Metadata::default(), Vec::new());
    assert_eq!(count(&report, LintKind::NoTitle), 0);
}

#[test]
fn findings_name_their_section_and_quote_the_text() {
    let plan = "四、下一年度推进法治政府建设的主要安排\n2022年，我镇将继续加强学习。\n";
    let report = analyze(&full(WORK, DUTIES, SHORTCOMINGS, plan));
    let finding = report
        .lint
        .iter()
        .find(|f| f.kind == LintKind::YearMismatch);
    let Some(finding) = finding else {
        panic!("no year-mismatch in {:#?}", report.lint);
    };
    assert_eq!(finding.section.as_deref(), Some("4"));
    assert!(finding.excerpt.contains("2022年，我镇将"));
    let span = finding.span.unwrap_or_default();
    assert_eq!(report.slice(span), "2022年");
}

#[test]
fn a_report_dated_by_its_delivery_year_plans_for_that_year() {
    let text = "一、2021年工作回顾\n2021年，全县组织学习12次。2021年，办理案件8件。\n二、存在的不足\n学习不够深入。\n三、2022年工作任务\n2022年，我们将继续加强学习。\n";
    let mut untitled = meta(Some(2022));
    untitled.title = None;
    let report = analyze_with(text, untitled, Vec::new());
    assert_eq!(
        count(&report, LintKind::YearMismatch),
        0,
        "{:#?}",
        report.lint
    );
    let stale = "一、2022年工作回顾\n2022年，全县组织学习12次。\n二、存在的不足\n学习不够深入。\n三、2022年工作任务\n我们将继续加强学习。\n";
    let report = analyze_with(stale, meta(Some(2022)), Vec::new());
    assert_eq!(count(&report, LintKind::YearMismatch), 1);
}

#[test]
fn years_are_read_in_every_written_form_and_not_inside_longer_numbers() {
    let text = "２０２１年，二〇二二年度；零零零零年。2023年。12023年、二〇二四";
    let chars: Vec<char> = text.chars().collect();
    let found: Vec<(i32, usize, usize)> = super::years::mentions(&chars)
        .iter()
        .map(|m| (m.year, m.span.start, m.span.end))
        .collect();
    assert_eq!(found, vec![(2021, 0, 5), (2022, 6, 12), (2023, 19, 24)]);
}
