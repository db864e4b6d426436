//! The section parser on text written for the purpose, and its invariants on arbitrary
//! text: it never panics, its regions cover the text without overlap, every sentence
//! lies in exactly one region, and paths are unique.

use proptest::prelude::*;

use super::{Outline, parse};
use crate::ingest::Metadata;
use crate::report::{Report, Span};

/// `(level, marker, title)` of every section.
fn outline(text: &str) -> Vec<(u8, String, String)> {
    parse(text)
        .sections
        .into_iter()
        .map(|s| (s.level, s.marker, s.title))
        .collect()
}

fn titles(text: &str) -> Vec<String> {
    parse(text).sections.into_iter().map(|s| s.title).collect()
}

fn slice(text: &str, span: Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

#[test]
fn four_levels_with_paths() {
    let text = "一、主要做法\n（一）依法履职\n1、推进工作。内容甲。\n（1）细项。内容乙。\n2、优化服务。内容丙。\n（二）完善制度\n二、存在问题\n问题若干。\n";
    let outline = parse(text);
    let rows: Vec<(String, u8, String)> = outline
        .sections
        .iter()
        .map(|s| (s.path.clone(), s.level, s.title.clone()))
        .collect();
    let expected = [
        ("1", 1, "主要做法"),
        ("1.1", 2, "依法履职"),
        ("1.1.1", 3, "推进工作"),
        ("1.1.1.1", 4, "细项"),
        ("1.1.2", 3, "优化服务"),
        ("1.2", 2, "完善制度"),
        ("2", 1, "存在问题"),
    ];
    let expected: Vec<(String, u8, String)> = expected
        .iter()
        .map(|(p, l, t)| (p.to_string(), *l, t.to_string()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn an_inline_heading_ends_at_its_terminator() {
    let text = "（一）加强学习。组织学习12次。\n";
    let outline = parse(text);
    let s = &outline.sections[0];
    assert_eq!(s.title, "加强学习");
    assert_eq!(slice(text, s.heading), "（一）加强学习。");
    assert_eq!(slice(text, s.body), "组织学习12次。\n");

    let colon = "二、存在问题：一是学习不够。\n";
    let s = &parse(colon).sections[0];
    assert_eq!(s.title, "存在问题");
    assert_eq!(slice(colon, s.heading), "二、存在问题：");
}

#[test]
fn a_wide_gap_ends_a_title_but_letter_spacing_does_not() {
    let text = "（一）加强学习　组织干部学习12次。\n（二）规范执法  办理案件8件。\n";
    let outline = parse(text);
    let found: Vec<&str> = outline.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(found, vec!["加强学习", "规范执法"]);
    assert_eq!(
        slice(text, outline.sections[0].body),
        "　组织干部学习12次。\n"
    );
    assert_eq!(
        titles("一、主  要  做  法\n内容。\n"),
        vec!["主  要  做  法"]
    );
}

#[test]
fn a_title_does_not_end_inside_quotes() {
    let text = "（一）推行“一窗受理。集成服务”模式。内容。\n";
    assert_eq!(titles(text), vec!["推行“一窗受理。集成服务”模式"]);
}

#[test]
fn tolerates_brackets_spaces_and_digit_widths() {
    let text = "  一、总体情况\n　　(一)半角括号\n（二)混合括号\n（三）全角括号\n１、全角数字。内容。\n２．全角句点。内容。\n";
    assert_eq!(
        outline(text),
        vec![
            (1, "一、".into(), "总体情况".into()),
            (2, "(一)".into(), "半角括号".into()),
            (2, "（二)".into(), "混合括号".into()),
            (2, "（三）".into(), "全角括号".into()),
            (3, "１、".into(), "全角数字".into()),
            (3, "２．".into(), "全角句点".into()),
        ]
    );
}

#[test]
fn a_missing_bracket_is_trusted_when_the_list_agrees() {
    let text = "一、总体情况\n一)深入学习。内容。\n二)规范执法。内容。\n";
    assert_eq!(titles(text), vec!["总体情况", "深入学习", "规范执法"]);
    let open = "一、总体情况\n（一深入学习。内容。\n（二规范执法。内容。\n";
    assert_eq!(titles(open), vec!["总体情况", "深入学习", "规范执法"]);
    let lone = "一、总体情况\n（一般情况下，群众可以网上办理。\n";
    assert_eq!(titles(lone), vec!["总体情况"]);
}

#[test]
fn debris_glued_before_a_marker_stays_out_of_the_heading() {
    let text = "（一）甲项。内容。\n[bookmark: _GoBack]（二）乙项。内容。\n";
    let outline = parse(text);
    assert_eq!(outline.sections.len(), 2);
    let second = &outline.sections[1];
    assert_eq!(second.marker, "（二）");
    assert_eq!(slice(text, second.heading), "（二）乙项。");
    assert!(slice(text, outline.sections[0].body).contains("[bookmark"));
}

#[test]
fn mixed_punctuation_in_one_list_stays_one_list() {
    let text = "（一）组织保障\n1、组织保障情况。内容。\n2.第一责任人情况。内容。\n";
    let outline = parse(text);
    let paths: Vec<&str> = outline.sections.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(paths, vec!["1", "1.1", "1.2"]);
    assert_eq!(outline.sections[2].marker, "2.");
}

#[test]
fn enumerations_dates_and_numbers_are_not_headings() {
    let text = "一、总体情况\n一是加强学习。二是规范执法。\n5.12防灾减灾日开展演练。\n12.4宪法宣传日开展宣传。\n2020.12完成验收。\n2、3月开展普法月活动。\n全年共办理案件1、2类。\n";
    assert_eq!(titles(text), vec!["总体情况"]);
}

#[test]
fn numbered_sentences_in_a_paragraph_are_items() {
    let text = "（一）加强队伍建设\n我镇采取以下措施：\n1、组织全镇干部参加法律知识考试，参考率100%。\n2、邀请律师开展法治讲座3次。\n3、选派2名干部参加培训。\n（二）规范执法\n";
    assert_eq!(titles(text), vec!["加强队伍建设", "规范执法"]);
    let semicolons = "（一）加强队伍建设\n1、组织考试；\n2、开展讲座；\n3、参加培训。\n";
    assert_eq!(titles(semicolons), vec!["加强队伍建设"]);
}

#[test]
fn running_text_after_a_marker_is_not_a_heading() {
    let long = "一、".to_string() + &"全镇上下认真学习贯彻法治思想并且持续推进".repeat(4);
    let text = format!("前言。\n{long}\n");
    assert!(titles(&text).is_empty());
}

#[test]
fn skipped_levels_nest_under_the_nearest_higher_heading() {
    let text =
        "一、主要做法\n1、依法行政。内容。\n2、规范执法。内容。\n（一）其他工作\n二、存在问题\n";
    let outline = parse(text);
    let rows: Vec<(&str, u8)> = outline
        .sections
        .iter()
        .map(|s| (s.path.as_str(), s.level))
        .collect();
    assert_eq!(
        rows,
        vec![("1", 1), ("1.1", 3), ("1.2", 3), ("1.3", 2), ("2", 1)]
    );
}

#[test]
fn preamble_and_closing_are_not_sections() {
    let text = "某某镇2020年法治政府建设年度报告\n\n区委、区政府：\n    2020年，我镇坚持依法行政。\n一、主要做法\n内容。\n二、存在问题及下一步工作计划\n内容。\n\n\n                                某某县某某镇人民政府\n\n                                   2020年12月16日\n";
    let outline = parse(text);
    let preamble = slice(text, outline.preamble);
    assert!(preamble.starts_with("某某镇2020年"));
    assert!(preamble.ends_with("坚持依法行政。\n"));
    let closing = outline.closing.map(|c| slice(text, c));
    assert_eq!(
        closing.as_deref(),
        Some("某某县某某镇人民政府\n\n                                   2020年12月16日\n")
    );
    let last = &outline.sections[1];
    assert!(!slice(text, last.span).contains("人民政府"));
}

#[test]
fn a_text_without_headings_is_all_preamble() {
    let text = "全年工作平稳有序。\n没有编号的段落。\n";
    let outline = parse(text);
    assert!(outline.sections.is_empty());
    assert_eq!(outline.preamble, Span::new(0, text.chars().count()));
}

#[test]
fn a_book_title_broken_over_lines_is_one_title() {
    let text = "一、关于《\n国民经济和社会发展规划纲要（草案）\n》的说明\n正文。\n二、其他\n";
    assert_eq!(
        titles(text),
        vec!["关于《国民经济和社会发展规划纲要（草案）》的说明", "其他"]
    );
}

#[test]
fn a_marker_alone_takes_its_title_from_the_next_line() {
    let text = "一、\n主要做法\n内容。\n二、\n存在问题\n内容。\n";
    assert_eq!(titles(text), vec!["主要做法", "存在问题"]);
    let paragraph = "前言。\n一、\n我国人民已经推翻了帝国主义者在中国的统治，这是一个很长很长的段落，远远超过标题应有的长度，而且继续写下去。\n";
    assert!(titles(paragraph).is_empty());
}

/// The regions a reader jumps between: preamble, each heading, each body, the closing.
fn regions(outline: &Outline) -> Vec<Span> {
    let mut out = vec![outline.preamble];
    for s in &outline.sections {
        out.push(s.heading);
        out.push(s.body);
    }
    out.extend(outline.closing);
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// Checks that the regions tile `[0, len)` and that the tree's spans nest.
fn assert_tiles(text: &str) {
    let total = text.chars().count();
    let outline = parse(text);
    let mut at = 0;
    for r in regions(&outline) {
        assert_eq!(r.start, at, "gap or overlap at {at} in {text:?}");
        at = r.end;
    }
    assert_eq!(at, total, "regions stop short in {text:?}");
    for s in &outline.sections {
        assert!(s.span.contains(s.heading) && s.span.contains(s.body));
        assert_eq!(s.span.start, s.heading.start);
        assert_eq!(s.heading.end, s.body.start);
        if let Some(p) = s.parent {
            assert!(outline.sections[p].span.contains(s.span));
        }
    }
    let mut paths: Vec<&str> = outline.sections.iter().map(|s| s.path.as_str()).collect();
    paths.sort_unstable();
    let count = paths.len();
    paths.dedup();
    assert_eq!(paths.len(), count, "duplicate paths in {text:?}");
}

/// Checks that every sentence lies inside exactly one preamble, body or closing region.
fn assert_sentences_placed(text: &str) {
    let report = Report::analyze(text, Metadata::default(), Vec::new());
    let mut containers = vec![report.preamble];
    containers.extend(report.sections.iter().map(|s| s.body));
    containers.extend(report.closing);
    for sentence in &report.sentences {
        let holders = containers
            .iter()
            .filter(|c| c.contains(sentence.span))
            .count();
        assert_eq!(holders, 1, "sentence {:?} in {text:?}", sentence.text);
    }
}

#[test]
fn the_regions_of_a_real_shaped_report_tile_it() {
    let text = "标题\n区委、区政府：\n一、主要做法\n（一）甲。乙。\n1、丙。丁。\n\n二、问题\n\n     某某镇人民政府\n   2021年1月5日";
    assert_tiles(text);
    assert_sentences_placed(text);
}

/// Pieces real reports are made of, including the awkward ones.
const FRAGMENTS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "十一、",
    "（一）",
    "(二)",
    "（三)",
    "一)",
    "（二",
    "1、",
    "2.",
    "3．",
    "１、",
    "（1）",
    "(2)",
    "3）",
    "一是",
    "5.12",
    "12.4",
    "2020.12",
    "\n",
    "\n\n",
    "　",
    "  ",
    "。",
    "：",
    "；",
    "，",
    "[bookmark: _GoBack]",
    "主要做法",
    "存在问题及下一步工作计划",
    "2022年，我镇将",
    "徐闻县迈陈镇人民政府",
    "2020年12月16日",
    "《",
    "》",
    "“",
    "”",
    "\u{200B}",
    "\r",
    "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_breaks_the_invariants(text in any::<String>()) {
        assert_tiles(&text);
        assert_sentences_placed(&text);
    }

    #[test]
    fn heading_like_text_never_breaks_the_invariants(text in report_like()) {
        assert_tiles(&text);
        assert_sentences_placed(&text);
    }
}
