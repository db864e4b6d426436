//! `stale-year`: last year's year or date left in this year's text as this year's work
//! (`2021年，排查调处矛盾纠纷48件。` in the report on 2022) — what is left when last
//! year's report is brought up to date by changing its numbers but not its dates.
//!
//! A year is a stale candidate only where it dates what the sentence reports. Years that
//! refer rather than date are never findings: comparisons (`较2021年增长`, `与2021年同期
//! 相比`), periods (`2021—2025年`), history (`自2018年以来`, `2021年起`, `2019年成立`),
//! citations (document titles, `2021年修订`), evaluations of last year (`2021年度考核`),
//! the signature, and the title.
//!
//! Two kinds of evidence, and each finding says which it rests on:
//! - `last-year-text` (with last year's report): the sentence stands in last year's
//!   report unchanged or with only its numbers changed, and its year is still last
//!   year's report year at the same place;
//! - `sentence-role`: in a report whose title (or account of work) names its year, a
//!   sentence of the main-measures part (P1) opens with last year as the time of what
//!   it reports, and names no other year that would make it a contrast or a statistic
//!   over time.

use std::collections::HashMap;

use super::years::{self, Mention};
use super::{Context, Evidence, Finding, LintKind, LintMessage};
use crate::report::sections::is_blank;
use crate::report::{Part, Report, Sentence, Span};

/// Words right before a year that make it the other side of a comparison or the start
/// of a history (`较2021年`, `自2018年`, `截至2021年底`, `去年（2021年）`).
const REFERRING_BEFORE: &[&str] = &[
    "较",
    "比",
    "相比",
    "对比",
    "相较",
    "同比",
    "与",
    "同",
    "和",
    "高于",
    "低于",
    "多于",
    "少于",
    "大于",
    "小于",
    "优于",
    "自",
    "从",
    "始于",
    "早在",
    "截至",
    "截止",
    "截止到",
    "截至到",
    "直到",
    "到",
    "至",
    "去年",
    "上年",
    "上一年",
    "上年度",
    "上一年度",
    "（",
    "(",
];

/// Words right after a year (and its month and day) that make it history, a comparison,
/// the start of a period or a deadline rather than the time of the work reported
/// (`2018年以来`, `2021年同期`, `2021年的基础上`, `2022年12月至2023年11月`).
const REFERRING_AFTER: &[&str] = &[
    "以来",
    "来",
    "起",
    "开始",
    "至今",
    "以前",
    "之前",
    "前",
    "后",
    "以后",
    "之后",
    "同期",
    "相比",
    "比",
    "的",
    "基础上",
    "水平",
    "底前",
    "末前",
    "为基数",
    "为基准",
    "作为基",
    "至",
    "到",
    "—",
    "－",
    "-",
    "~",
    "～",
];

/// Events that stay true once they happened: a year before them is history
/// (`2019年成立`, `2021年被评为`).
const LASTING_EVENTS: &[&str] = &[
    "成立",
    "设立",
    "组建",
    "挂牌",
    "建成",
    "获评",
    "荣获",
    "获得",
    "被评为",
    "被命名",
    "被授予",
    "被列为",
    "被确定",
    "确定为",
    "列入",
    "入选",
    "获批",
    "批准",
    "通过验收",
];

/// A year right before these is a law's or a document's (`2021年修订`, `2021年版`).
const CITATION_AFTER: &[&str] = &[
    "修订",
    "修正",
    "修改",
    "新修订",
    "版",
    "颁布",
    "公布",
    "施行",
    "印发的",
    "出台的",
    "发布的",
];

/// `2021年度` before these is last year's evaluation, reported this year
/// (`2021年度考核中被评为优秀`).
const EVALUATED_AFTER: &[&str] = &[
    "考核", "考评", "评估", "评议", "评选", "绩效", "目标", "述职", "述法", "报告", "总结", "决算",
    "统计", "先进", "优秀", "表彰",
];

/// Enumerators that may open a sentence before its time adverbial (`一是2021年，…`).
const ENUMERATORS: &[&str] = &[
    "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "同时",
];

/// Stale years in the report, on last year's text where it is given and on the role of
/// the sentence otherwise. Spans already flagged as `year-mismatch` are left to it.
pub(super) fn check(cx: &Context, last_year: Option<&Report>, flagged: &[Finding]) -> Vec<Finding> {
    let mentions = years::mentions(&cx.chars);
    let Some(year) = reporting_year(cx, &mentions) else {
        return Vec::new();
    };
    let skip = Skipped::new(cx, flagged);
    let carried = last_year.map(|old| Carried::new(old, year));
    let role_applies = year_is_sure(cx, &mentions, year);
    let mut out = Vec::new();
    for sentence in &cx.report.sentences {
        // Mentions are in text order: only those starting inside the sentence are read.
        let first = mentions.partition_point(|m| m.span.start < sentence.span.start);
        let inside: Vec<&Mention> = mentions[first..]
            .iter()
            .take_while(|m| m.span.start < sentence.span.end)
            .filter(|m| sentence.span.contains(m.span))
            .collect();
        for (index, m) in inside.iter().enumerate() {
            if m.year >= year || skip.covers(cx, m) || refers(&cx.chars, m) {
                continue;
            }
            let evidence = if carried
                .as_ref()
                .is_some_and(|c| c.keeps(sentence, &inside, index))
            {
                Evidence::LastYearText
            } else if role_applies && m.year == year - 1 && dates_measure(cx, sentence, m, &inside)
            {
                Evidence::SentenceRole
            } else {
                continue;
            };
            out.push(finding(cx, m, year, evidence));
        }
    }
    out
}

/// The year the report is about: the metadata's year when the title names it (stale
/// sentences must not be able to move it), else as `year-mismatch` reads it.
fn reporting_year(cx: &Context, mentions: &[Mention]) -> Option<i32> {
    match cx.report.meta.year {
        Some(year) if years::title_years(cx, mentions).contains(&year) => Some(year),
        _ => years::reporting_year(cx, mentions),
    }
}

/// True when the reporting year is named by the title or is the year the account of
/// work is written for: the sentence-role evidence reads years against it, and a report
/// delivered early the next year (`政府工作报告` of March) must not make last year's
/// account look stale.
fn year_is_sure(cx: &Context, mentions: &[Mention], year: i32) -> bool {
    years::title_years(cx, mentions).contains(&year)
        || years::account_year(cx, mentions) == Some(year)
}

/// The finding for one stale mention.
fn finding(cx: &Context, m: &Mention, year: i32, evidence: Evidence) -> Finding {
    let message = match evidence {
        Evidence::LastYearText => LintMessage::StaleLastYearText {
            year: m.year,
            report_year: year,
        },
        Evidence::SentenceRole => LintMessage::StaleSentenceRole {
            year: m.year,
            report_year: year,
        },
    };
    let mut found = cx.at(LintKind::StaleYear, message, m.span);
    found.evidence = Some(evidence);
    found
}

/// Places whose years are judged elsewhere or not at all: the title, the closing, the
/// next-year plan, and spans already found as `year-mismatch`.
struct Skipped {
    spans: Vec<Span>,
    plans: std::collections::HashSet<usize>,
}

impl Skipped {
    fn new(cx: &Context, flagged: &[Finding]) -> Skipped {
        let mut spans: Vec<Span> = flagged.iter().filter_map(|f| f.span).collect();
        spans.extend(years::title_lines(cx));
        spans.extend(cx.report.closing);
        Skipped {
            spans,
            plans: years::plan_roots(cx),
        }
    }

    fn covers(&self, cx: &Context, m: &Mention) -> bool {
        let overlaps = |s: &Span| s.start < m.span.end && m.span.start < s.end;
        self.spans.iter().any(overlaps)
            || years::placed(cx, m).is_some_and(|(_, root)| self.plans.contains(&root))
    }
}

/// Last year's sentences by shape (numbers blanked), with the year they were written in.
struct Carried<'a> {
    by_shape: HashMap<&'a str, Vec<&'a Sentence>>,
    /// Last year's report year: the year its own account of work was written for.
    year: i32,
}

impl<'a> Carried<'a> {
    fn new(old: &'a Report, this_year: i32) -> Carried<'a> {
        let mut by_shape: HashMap<&str, Vec<&Sentence>> = HashMap::new();
        for s in &old.sentences {
            by_shape.entry(s.shape()).or_default().push(s);
        }
        Carried {
            by_shape,
            year: old.meta.year.unwrap_or(this_year - 1),
        }
    }

    /// True when last year's report holds the sentence (up to its numbers) with the same
    /// years in the same places, and the year at `index` is last year's report year.
    fn keeps(&self, sentence: &Sentence, inside: &[&Mention], index: usize) -> bool {
        if inside[index].year != self.year || sentence.shape().is_empty() {
            return false;
        }
        let years: Vec<i32> = inside.iter().map(|m| m.year).collect();
        self.by_shape
            .get(sentence.shape())
            .into_iter()
            .flatten()
            .any(|old| sentence_years(&old.text) == years)
    }
}

/// The years written in a sentence, in order, counted as [`years::mentions`] does.
fn sentence_years(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    years::mentions(&chars).iter().map(|m| m.year).collect()
}

/// True when the year refers to another time rather than dating the work reported.
pub(super) fn refers(chars: &[char], m: &Mention) -> bool {
    let before = before_year(chars, m.span.start);
    if REFERRING_BEFORE.iter().any(|w| before.ends_with(w)) {
        return true;
    }
    let after_year: String = chars[m.span.end..]
        .iter()
        .take(12)
        .take_while(|c| **c != '\n')
        .collect();
    let evaluated = chars[..m.span.end].ends_with(&['年', '度'])
        && EVALUATED_AFTER.iter().any(|w| after_year.starts_with(w));
    let citation = CITATION_AFTER.iter().any(|w| after_year.starts_with(w));
    let after = skip_date(&after_year);
    let referring = REFERRING_AFTER.iter().any(|w| after.starts_with(w))
        || LASTING_EVENTS.iter().any(|w| after.starts_with(w));
    evaluated || citation || referring
}

/// Up to four characters before `at`, on the same line.
fn before_year(chars: &[char], at: usize) -> String {
    let from = at.saturating_sub(4);
    let text: String = chars[from..at].iter().collect();
    text.rsplit('\n').next().unwrap_or_default().to_string()
}

/// The text after a year with its month, day and their qualifiers skipped
/// (`3月12日，…` → `，…`; `底，…` → `，…`; `上半年，…` → `，…`).
fn skip_date(after_year: &str) -> &str {
    let mut rest = after_year;
    for unit in ['月', '日', '号'] {
        let digits = rest
            .char_indices()
            .take_while(|(_, c)| years::digit_value(*c).is_some() || *c == '十')
            .last()
            .map(|(i, c)| i + c.len_utf8());
        if let Some(end) = digits
            && rest[end..].starts_with(unit)
        {
            rest = &rest[end + unit.len_utf8()..];
            rest = rest.strip_prefix('份').unwrap_or(rest);
        }
    }
    for word in [
        "上半年",
        "下半年",
        "年初",
        "年中",
        "年底",
        "年末",
        "初",
        "中旬",
        "底",
        "末",
    ] {
        if let Some(stripped) = rest.strip_prefix(word) {
            return stripped;
        }
    }
    rest
}

/// The sentence-role evidence: in the main measures (P1), the sentence opens with the
/// year as the time of what it reports, and names no other year (`2022年调处纠纷20件，
/// 2023年37件` contrasts years; `2022年…比2018年增长` is a statistic over time).
fn dates_measure(cx: &Context, sentence: &Sentence, m: &Mention, inside: &[&Mention]) -> bool {
    let in_measures = years::placed(cx, m)
        .is_some_and(|(_, root)| cx.report.sections[root].parts.contains(&Part::P1));
    in_measures && opens_sentence(cx, sentence, m) && inside.iter().all(|o| o.year == m.year)
}

/// Nothing but blanks or an enumerator (`一是`, `同时，`) stands between the sentence's
/// start and the year.
fn opens_sentence(cx: &Context, sentence: &Sentence, m: &Mention) -> bool {
    let lead: String = cx.chars[sentence.span.start..m.span.start]
        .iter()
        .filter(|c| !is_blank(**c))
        .collect();
    let lead = lead.trim_end_matches(['，', ',', '：', ':']);
    lead.is_empty() || ENUMERATORS.contains(&lead)
}

#[cfg(test)]
mod tests {
    use super::super::{Evidence, LintKind, check_against};
    use crate::ingest::Metadata;
    use crate::report::Report;

    const HEAD: &str =
        "石门乡2023年法治政府建设情况报告\n\n2023年，石门乡坚持依法行政。\n一、主要举措和成效\n";
    const TAIL: &str = "二、存在的不足和原因\n宣传形式单一。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n乡党委书记带头学法。\n四、下一年度工作安排\n2024年，我乡将继续加强学习。\n";

    fn report(body: &str, year: i32) -> Report {
        let text = format!("{HEAD}{body}{TAIL}")
            .replace("2023", &year.to_string())
            .replace("2024", &(year + 1).to_string());
        let meta = Metadata {
            township: Some("石门乡".to_string()),
            year: Some(year),
            ..Metadata::default()
        };
        Report::analyze(&text, meta, Vec::new())
    }

    fn stale(report: &Report, last: Option<&Report>) -> Vec<(String, Option<Evidence>)> {
        check_against(report, last)
            .into_iter()
            .filter(|f| f.kind == LintKind::StaleYear)
            .map(|f| (report.slice(f.span.unwrap_or_default()), f.evidence))
            .collect()
    }

    #[test]
    fn last_year_at_the_head_of_a_measure_is_stale_by_its_role() {
        let body = "（一）化解矛盾。2022年，排查调处矛盾纠纷37件。2022年9月，开展集中宣传3场。\n";
        let found = stale(&report(body, 2023), None);
        let role = Some(Evidence::SentenceRole);
        assert_eq!(
            found,
            vec![("2022年".to_string(), role), ("2022年".to_string(), role)]
        );
    }

    #[test]
    fn comparisons_periods_history_and_citations_are_not_stale() {
        for sentence in [
            "全年调处纠纷37件，较2022年增长12%。",
            "与2022年同期相比，案件下降5件。",
            "2022年以来，累计培训干部80人次。",
            "2022年起，全乡推行网格化管理。",
            "自2022年以来，坚持每月学法。",
            "2022年成立乡调解委员会，现有调解员9名。",
            "2022年度考核中被评为优秀等次。",
            "落实《石门乡2022年普法工作要点》。",
            "按照2022年修订的村规民约，开展评议。",
            "落实“八五”普法规划（2021—2025年）。",
            "2022年，全乡调处纠纷20件，2023年调处纠纷37件。",
            "2022年，全乡调解成功率98%，比2019年提高6个百分点。",
            "2022年12月至本年11月，开展专项整治3轮。",
        ] {
            let body = format!("（一）化解矛盾。{sentence}\n");
            assert_eq!(stale(&report(&body, 2023), None), vec![], "{sentence}");
        }
    }

    #[test]
    fn the_role_evidence_needs_a_year_the_report_names_as_its_own() {
        let text = "政府工作报告\n\n一、过去一年的工作\n2022年，全国调处纠纷37万件。\n二、存在的不足\n问题不少。\n";
        let meta = Metadata {
            year: Some(2023),
            ..Metadata::default()
        };
        let report = Report::analyze(text, meta, Vec::new());
        assert_eq!(stale(&report, None), vec![]);
    }

    #[test]
    fn the_role_evidence_reads_only_the_main_measures() {
        let text = "石门乡2023年法治政府建设情况报告\n\n一、主要举措和成效\n（一）化解矛盾。全年调处纠纷37件。\n二、存在的不足和原因\n2022年，宣传形式单一的问题已经显现。\n三、下一年度工作安排\n2024年，我乡将继续加强学习。\n\n石门乡人民政府\n2024年1月8日\n";
        let meta = Metadata {
            year: Some(2023),
            ..Metadata::default()
        };
        let report = Report::analyze(text, meta, Vec::new());
        assert_eq!(stale(&report, None), vec![]);
    }

    #[test]
    fn a_sentence_kept_from_last_year_with_its_year_is_stale_on_that_evidence() {
        let last = report(
            "（一）化解矛盾。全年调处纠纷30件。乡司法所于2022年3月组织调解员培训2次。\n",
            2022,
        );
        let kept = report(
            "（一）化解矛盾。全年调处纠纷37件。乡司法所于2022年3月组织调解员培训4次。\n",
            2023,
        );
        assert_eq!(
            stale(&kept, Some(&last)),
            vec![("2022年".to_string(), Some(Evidence::LastYearText))]
        );
        let moved = report(
            "（一）化解矛盾。全年调处纠纷37件。乡司法所于2023年3月组织调解员培训4次。\n",
            2023,
        );
        assert_eq!(stale(&moved, Some(&last)), vec![]);
        assert_eq!(
            stale(&kept, None),
            vec![],
            "mid-sentence years need last year's text"
        );
    }

    #[test]
    fn a_comparison_updated_with_the_year_is_not_stale() {
        let last = report("（一）化解矛盾。调处纠纷30件，较2021年增长5件。\n", 2022);
        let this = report("（一）化解矛盾。调处纠纷37件，较2022年增长7件。\n", 2023);
        assert_eq!(stale(&this, Some(&last)), vec![]);
    }
}
