//! The reporting year: the year a report is about. A report signed in January 2021 is
//! about 2020; a plan for next year names next year; a government work report delivered
//! in March 2023 is that year's report. Evidence is taken in order of strength: title,
//! delivery line, opening sentence, "现将…年…报告如下", signature date, file name.

use std::sync::LazyLock;

use regex::Regex;

use super::Lines;
use super::signature::Signature;
use super::title::Title;
use crate::ingest::furniture::PageDate;

/// Earliest and latest years accepted as a reporting year.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2099;

/// A calendar date as written in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `YYYY-MM-DD`, the form stored and shown.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One numeral as reports write it: ASCII, full-width or Chinese digits.
const NUMERAL: &str = r"[0-9０-９〇○零一二三四五六七八九十]";

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^({NUMERAL}{{4}})年({NUMERAL}{{1,3}})月({NUMERAL}{{1,3}})日$"
    ))
    .unwrap_or_else(|e| panic!("date pattern: {e}"))
});

/// The characters of [`NUMERAL`].
const NUMERAL_CHARS: &str = "0123456789０１２３４５６７８９〇○零一二三四五六七八九十";

/// The dashes [`DELIVERY`] lets open a line (`——2023年3月5日在…`).
const DASHES: &str = "—－-─";

/// The most characters [`DELIVERY`] reads after the dashes: a date of up to 13, `在`,
/// 40 of the meeting's name, its 2-character kind and `上`.
const DELIVERY_CHARS: usize = 13 + 1 + 40 + 2 + 1;

static DELIVERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[—－\-─]*({NUMERAL}{{4}})年{NUMERAL}{{1,3}}月{NUMERAL}{{1,3}}日在.{{0,40}}(?:会议|會議|大会|大會|会|會)上"
    ))
    .unwrap_or_else(|e| panic!("delivery pattern: {e}"))
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([12][0-9]{3}|[１２][０-９]{3}|[一二][〇○零一二三四五六七八九]{3})年")
        .unwrap_or_else(|e| panic!("year pattern: {e}"))
});

static REPORTED_AS_FOLLOWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"现将.{0,24}?([12][0-9]{3})年.{0,40}?(?:报告|总结|汇报)如下")
        .unwrap_or_else(|e| panic!("report-as-follows pattern: {e}"))
});

/// Words that make a year in a title the year of a plan rather than of the report.
const PLAN_WORDS: &[&str] = &["计划", "打算", "安排", "思路", "要点", "规划"];

/// Words that make a title segment a report on a past year.
const REPORT_WORDS: &[&str] = &["总结", "报告", "情况", "成效"];

/// How many non-blank lines after the title are searched for "现将…报告如下".
const OPENING_LINES: usize = 5;

/// Parses a date that fills a whole (squeezed) line.
pub fn parse_date(squeezed: &str) -> Option<Date> {
    let caps = DATE_LINE.captures(squeezed)?;
    let year = i32::try_from(parse_numeral(&caps[1])?).ok()?;
    let month = parse_numeral(&caps[2])?;
    let day = parse_numeral(&caps[3])?;
    let valid = YEARS.contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(Date { year, month, day })
}

/// Reads `2020`, `２０２０`, `二〇二〇`, `十二`, `二十五` as numbers.
fn parse_numeral(text: &str) -> Option<u32> {
    if text.contains('十') {
        let (tens, ones) = text.split_once('十')?;
        let tens = if tens.is_empty() {
            1
        } else {
            parse_numeral(tens)?
        };
        let ones = if ones.is_empty() {
            0
        } else {
            parse_numeral(ones)?
        };
        return (tens < 10 && ones < 10).then_some(tens * 10 + ones);
    }
    let mut value: u32 = 0;
    for c in text.chars() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .or_else(|| matches!(c, '○' | '零').then_some(0))? as u32,
        };
        value = value.checked_mul(10)?.checked_add(digit)?;
    }
    Some(value)
}

/// The year a written year token (`2020年`, `二〇二〇年`) names, if plausible.
fn year_value(token: &str) -> Option<i32> {
    let year = i32::try_from(parse_numeral(token)?).ok()?;
    YEARS.contains(&year).then_some(year)
}

/// The reporting year from the text, strongest evidence first.
pub fn detect(
    lines: &Lines<'_>,
    title: Option<&Title>,
    signature: Option<&Signature>,
) -> Option<i32> {
    title
        .and_then(|t| from_title(&t.text))
        .or_else(|| from_delivery_line(lines))
        .or_else(|| from_opening(lines, title))
        .or_else(|| signature.and_then(|s| s.date).map(year_reported_on))
}

/// The first year in the title that is not the year of a plan; if every year in it is
/// a plan's, the year before the plan.
fn from_title(title: &str) -> Option<i32> {
    let found: Vec<(usize, usize, i32)> = YEAR
        .captures_iter(title)
        .filter_map(|c| {
            let whole = c.get(0)?;
            Some((whole.start(), whole.end(), year_value(&c[1])?))
        })
        .collect();
    let mut plan_year = None;
    for (i, &(_, end, year)) in found.iter().enumerate() {
        let segment_end = found.get(i + 1).map_or(title.len(), |next| next.0);
        let segment = &title[end..segment_end];
        let is_plan = PLAN_WORDS.iter().any(|w| segment.contains(w))
            && !REPORT_WORDS.iter().any(|w| segment.contains(w));
        if !is_plan {
            return Some(year);
        }
        plan_year.get_or_insert(year - 1);
    }
    plan_year
}

/// `——2023年3月5日在第十四届全国人民代表大会第一次会议上`: the year it was delivered.
fn from_delivery_line(lines: &Lines<'_>) -> Option<i32> {
    lines.head().take(8).find_map(|line| {
        let squeezed = delivery_prefix(line.text)?;
        let caps = DELIVERY.captures(&squeezed)?;
        year_value(&caps[1])
    })
}

/// The squeezed start of a line as far as [`DELIVERY`] can read it: its dashes and
/// [`DELIVERY_CHARS`] characters after them; none when what follows the dashes is no
/// numeral, so a paragraph is turned down without being copied.
fn delivery_prefix(line: &str) -> Option<String> {
    let mut chars = line.chars().filter(|c| !c.is_whitespace()).peekable();
    let mut prefix = String::new();
    while let Some(dash) = chars.next_if(|c| DASHES.contains(*c)) {
        prefix.push(dash);
    }
    let first = chars.peek()?;
    if !NUMERAL_CHARS.contains(*first) {
        return None;
    }
    prefix.extend(chars.take(DELIVERY_CHARS));
    Some(prefix)
}

/// The opening sentence (`2022年，我镇…`) or a "现将…2021年…报告如下" near the top.
fn from_opening(lines: &Lines<'_>, title: Option<&Title>) -> Option<i32> {
    let start = title.map_or(0, |t| t.next_line);
    let body: Vec<&str> = lines
        .head()
        .skip(start)
        .map(|l| l.text)
        .filter(|t| !is_addressee(t))
        .take(OPENING_LINES)
        .collect();
    let first = body.first()?;
    starting_year(first).or_else(|| {
        body.iter().find_map(|line| {
            let caps = REPORTED_AS_FOLLOWS.captures(line)?;
            year_value(&caps[1])
        })
    })
}

/// `区委、区政府：` — the line a report is addressed to.
fn is_addressee(line: &str) -> bool {
    line.ends_with(['：', ':']) && line.chars().nth(30).is_none()
}

/// A year the line starts with, unless it opens a span of years (`2016—2020年`).
fn starting_year(line: &str) -> Option<i32> {
    // Only a line that starts like a year is searched for one.
    if !line.starts_with(['1', '2', '１', '２', '一', '二']) {
        return None;
    }
    let caps = YEAR.captures(line)?;
    let whole = caps.get(0)?;
    if whole.start() != 0 {
        return None;
    }
    let after = &line[whole.end()..];
    if after.starts_with(['—', '-', '－', '~', '～', '至', '到']) {
        return None;
    }
    year_value(&caps[1])
}

/// The year a report signed on this date is about: one signed in the first half of a
/// year reports on the year before.
fn year_reported_on(date: Date) -> i32 {
    if date.month <= 6 {
        date.year - 1
    } else {
        date.year
    }
}

/// The year a report published (or written) on this date is about, as for a signature:
/// a page dated `2026-01-15` carries the report on 2025.
pub fn reported_on_page_date(date: PageDate) -> i32 {
    year_reported_on(Date {
        year: date.year,
        month: date.month,
        day: date.day,
    })
}

/// A plausible year in the file name (`杉岭乡2021.docx`), bounded by non-digits.
pub fn from_file_name(stem: &str) -> Option<i32> {
    let chars: Vec<char> = stem.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            let text: String = chars[i..i + 4].iter().collect();
            if let Some(year) = text.parse().ok().filter(|y| YEARS.contains(y)) {
                return Some(year);
            }
        }
        i += run;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::title;
    use super::*;

    fn year_of(text: &str) -> Option<i32> {
        let lines = Lines::new(text);
        let title = title::detect(&lines);
        let signature = super::super::signature::detect(&lines);
        detect(&lines, title.as_ref(), signature.as_ref())
    }

    #[test]
    fn title_year_is_strong() {
        assert_eq!(
            year_of("关于报送2020年度法治政府建设工作情况的\n报告\n2021年1月，我镇……"),
            Some(2020)
        );
    }

    #[test]
    fn plan_year_in_title_is_not_the_reporting_year() {
        assert_eq!(
            from_title("某镇2023年法治政府建设工作总结及2024年工作计划"),
            Some(2023)
        );
        assert_eq!(from_title("某镇2024年法治政府建设工作计划"), Some(2023));
    }

    #[test]
    fn opening_year() {
        assert_eq!(
            year_of(" 2022年，我镇坚持依法行政。\n一、主要举措"),
            Some(2022)
        );
        assert_eq!(year_of("区委、区政府：\n2019年以来，我乡……"), Some(2019));
        assert_eq!(year_of("2016—2020年是……\n"), None);
    }

    #[test]
    fn reported_as_follows() {
        let text = "某乡2021年法治政府建设\n年度总结\n近年来，我乡……现将2021年法治政府建设有关情况报告如下：\n";
        assert_eq!(year_of(text), Some(2021));
        let untitled = "近年来，我乡依法行政，现将我乡2021年法治政府建设有关情况报告如下：\n一、";
        assert_eq!(year_of(untitled), Some(2021));
    }

    #[test]
    fn plan_section_is_not_evidence() {
        let text = "近年来，我镇依法行政。\n一、主要举措\n二、2024年法治政府建设工作计划\n";
        assert_eq!(year_of(text), None);
    }

    #[test]
    fn delivery_line_gives_the_year_of_delivery() {
        let text = "政府工作报\n告\n\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n\n各位代表：\n过去一年……";
        assert_eq!(year_of(text), Some(2023));
        let traditional = "政府工作報告\n1957年6月26日在第一屆全國人民代表大會第四次會議上\n";
        assert_eq!(year_of(traditional), Some(1957));
    }

    #[test]
    fn signature_date_in_spring_reports_on_the_year_before() {
        assert_eq!(
            year_of("我镇依法行政。\n某镇人民政府\n2021年1月8日"),
            Some(2020)
        );
        assert_eq!(
            year_of("我镇依法行政。\n某镇人民政府\n2020年12月16日"),
            Some(2020)
        );
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_numeral("二〇二〇"), Some(2020));
        assert_eq!(parse_numeral("十二"), Some(12));
        assert_eq!(parse_numeral("二十五"), Some(25));
        assert_eq!(parse_numeral("十"), Some(10));
        assert_eq!(parse_numeral("２０２１"), Some(2021));
        assert_eq!(
            parse_date("二〇二二年一月五日").map(|d| d.iso()).as_deref(),
            Some("2022-01-05")
        );
        assert_eq!(parse_date("2020年13月1日"), None);
    }

    #[test]
    fn file_name_years_are_bounded() {
        assert_eq!(from_file_name("杉岭乡2021"), Some(2021));
        assert_eq!(from_file_name("1954"), Some(1954));
        assert_eq!(from_file_name("000_f21613d978145004"), None);
        assert_eq!(from_file_name("report_12021"), None);
        assert_eq!(from_file_name("x_3021_2019"), Some(2019));
    }
}
