//! `stale-year` on generated reports: last year's report with every year moved on by
//! one has no stale year; the same with one dated sentence left as it was has exactly
//! one, and it rests on last year's text.

use nianbao::ingest::Metadata;
use nianbao::report::lint::{Evidence, check_against};
use nianbao::report::{LintKind, Report};
use proptest::prelude::*;

/// Sentences that date the work they report with the report's year (`{Y}`): the ones a
/// hurried update can leave behind.
const DATED: &[&str] = &[
    "{Y}年，全乡排查调处矛盾纠纷{n}件。",
    "乡司法所于{Y}年{m}月组织调解员培训{n}次。",
    "{Y}年{m}月，开展“法律进村寨”集中宣传{n}场。",
    "{Y}年，聘请常年法律顾问{n}名，审查合同{n}份。",
    "一是{Y}年，修订村规民约{n}部。",
];

/// Sentences whose years refer rather than date (`{P}` is the year before the report),
/// and sentences without a year.
const OTHER: &[&str] = &[
    "调处纠纷{n}件，较{P}年增长{n}件。",
    "与{P}年同期相比，信访量下降{n}件。",
    "2018年以来，累计培训基层干部{n}人次。",
    "落实“八五”普法规划（2021—2025年），开展学法{n}次。",
    "全年开展专题学习{n}次，发放资料{n}余份。",
    "{P}年度考核中，乡司法所被评为先进集体。",
    "坚持重大事项集体决策，全年上会研究{n}项。",
];

/// One sentence of the generated report: a template and the numbers it is filled with
/// in each year.
#[derive(Debug, Clone)]
struct Slot {
    template: &'static str,
    month: u32,
    old_numbers: Vec<u32>,
    new_numbers: Vec<u32>,
}

impl Slot {
    fn fill(&self, year: i32, numbers: &[u32]) -> String {
        let mut text = self
            .template
            .replace("{Y}", &year.to_string())
            .replace("{P}", &(year - 1).to_string())
            .replace("{m}", &self.month.to_string());
        for n in numbers {
            text = text.replacen("{n}", &n.to_string(), 1);
        }
        text
    }

    fn is_dated(&self) -> bool {
        DATED.contains(&self.template)
    }
}

fn slot() -> impl Strategy<Value = Slot> {
    let templates: Vec<&'static str> = DATED.iter().chain(OTHER).copied().collect();
    (
        prop::sample::select(templates),
        1u32..=12,
        prop::collection::vec(2u32..500, 2),
        prop::collection::vec(2u32..500, 2),
    )
        .prop_map(|(template, month, old_numbers, new_numbers)| Slot {
            template,
            month,
            old_numbers,
            new_numbers,
        })
}

/// The text of one year's report; `kept` names the slot written as last year's.
fn text(slots: &[Vec<Slot>], year: i32, last_year: i32, kept: Option<(usize, usize)>) -> String {
    let mut out = format!(
        "石门乡{year}年法治政府建设情况报告\n\n{year}年，石门乡坚持依法行政，现将有关情况报告如下：\n一、主要举措和成效\n"
    );
    let markers = ["（一）", "（二）", "（三）", "（四）"];
    for (s, section) in slots.iter().enumerate() {
        out.push_str(&format!("{}推进依法治理。", markers[s]));
        for (i, slot) in section.iter().enumerate() {
            let sentence = if kept == Some((s, i)) {
                slot.fill(last_year, &slot.new_numbers)
            } else if year == last_year {
                slot.fill(year, &slot.old_numbers)
            } else {
                slot.fill(year, &slot.new_numbers)
            };
            out.push_str(&sentence);
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "二、存在的不足和原因\n法治宣传形式单一。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n乡党委书记带头学法。\n四、下一年度工作安排\n{}年，我乡将继续深化依法治理。\n\n石门乡人民政府\n{}年1月10日\n",
        year + 1,
        year + 1
    ));
    out
}

fn analyze(text: &str, year: i32) -> Report {
    let meta = Metadata {
        township: Some("石门乡".to_string()),
        year: Some(year),
        title: Some(format!("石门乡{year}年法治政府建设情况报告")),
        ..Metadata::default()
    };
    Report::analyze(text, meta, Vec::new())
}

fn stale(report: &Report, last: &Report) -> Vec<(String, Option<Evidence>)> {
    check_against(report, Some(last))
        .into_iter()
        .filter(|f| f.kind == LintKind::StaleYear)
        .map(|f| (f.excerpt, f.evidence))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn one_sentence_left_behind_is_the_one_stale_year(
        slots in prop::collection::vec(prop::collection::vec(slot(), 1..4), 1..4),
        year in 2016i32..2030,
        pick in any::<prop::sample::Index>(),
    ) {
        let last_year = year - 1;
        let old = analyze(&text(&slots, last_year, last_year, None), last_year);
        let moved = analyze(&text(&slots, year, last_year, None), year);
        prop_assert_eq!(stale(&moved, &old), vec![]);

        let dated: Vec<(usize, usize)> = slots
            .iter()
            .enumerate()
            .flat_map(|(s, section)| {
                section.iter().enumerate().filter(|(_, slot)| slot.is_dated()).map(move |(i, _)| (s, i))
            })
            .collect();
        prop_assume!(!dated.is_empty());
        let kept = dated[pick.index(dated.len())];
        let left = analyze(&text(&slots, year, last_year, Some(kept)), year);
        let found = stale(&left, &old);
        prop_assert_eq!(found.len(), 1, "{:#?}", found);
        prop_assert_eq!(found[0].1, Some(Evidence::LastYearText));
        let sentence = slots[kept.0][kept.1].fill(last_year, &slots[kept.0][kept.1].new_numbers);
        prop_assert!(sentence.contains(found[0].0.trim_matches('…')), "{} / {}", sentence, found[0].0);
    }
}
