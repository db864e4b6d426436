//! `year-mismatch`: a year that does not fit the reporting year — the next-year plan
//! written for the reporting year (last year's plan with the dates moved once), a
//! "this year" that names another year, a title year the body contradicts.
//!
//! Years cited in document titles (`《…2020年…》`), plan periods (`2021—2025年`) and
//! history (`2018年以来`) are not checked.

use std::collections::{BTreeMap, HashSet};

use super::{Context, Finding, LintKind, LintMessage, first_line, reads_as_title};
use crate::report::figures::chinese_digit;
use crate::report::parts::from_title;
use crate::report::sections::{as_digit, is_blank};
use crate::report::{Part, Span};

/// A year written in the text as `2022年`, `２０２２年度` or `二〇二二年`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub year: i32,
    /// From the first digit through `年` (and `度`).
    pub span: Span,
    /// Nothing but punctuation or a line break before it: it opens a clause, as a time
    /// adverbial does (`2022年，我镇…`).
    pub opens_clause: bool,
    /// The first non-blank character after `年`/`年度`.
    pub next: Option<char>,
}

/// What may follow a clause-opening year that dates the work it introduces.
const DATING_NEXT: &str = "，,我将是要全力重继计拟本镇乡在";

/// What may follow a clause-opening year in an account of the year's work.
const ACCOUNT_NEXT: &str = "，,以我全是本镇乡在";

/// A plan dated this many years before the reporting year (or with the reporting year
/// itself) reads as an older report's plan; older years in a plan are history.
const STALE_PLAN_YEARS: i32 = 2;

/// Words for "this year" that must name the reporting year (`今年` may also name the
/// year of writing).
const THIS_YEAR: &[&str] = &["本年度", "今年度", "本年", "今年"];

/// The title against the body, then (when the reporting year is known) the plan and
/// "this year" phrases against the reporting year.
pub(super) fn check(cx: &Context) -> Vec<Finding> {
    let mentions = mentions(&cx.chars);
    let mut out: Vec<Finding> = title_against_body(cx, &mentions).into_iter().collect();
    if let Some(year) = reporting_year(cx, &mentions) {
        out.extend(plan_naming_past_year(cx, &mentions, year));
        out.extend(this_year_naming_another(cx, &mentions, year));
    }
    out
}

/// Every year mention outside document titles and plan periods.
pub(super) fn mentions(chars: &[char]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut book_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '《' => book_depth += 1,
            '》' => book_depth = book_depth.saturating_sub(1),
            '\n' => book_depth = 0,
            _ => {}
        }
        let Some((year, len)) = year_at(chars, i) else {
            i += 1;
            continue;
        };
        if book_depth == 0 && !in_range(chars, i, i + len) {
            out.push(mention(chars, year, i, len));
        }
        i += len;
    }
    out
}

/// A year of four digits followed by `年`, not part of a longer number, at `i`; returns
/// the year and the length up to and including `年`.
fn year_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    // Most characters are not digits: look at this one before the one before it.
    digit_value(*chars.get(i)?)?;
    if i > 0 && digit_value(chars[i - 1]).is_some() {
        return None;
    }
    let mut year = 0i32;
    for k in 0..4 {
        let d = digit_value(*chars.get(i + k)?)?;
        year = year * 10 + i32::try_from(d).ok()?;
    }
    let valid = (1900..=2100).contains(&year) && chars.get(i + 4) == Some(&'年');
    valid.then_some((year, 5))
}

/// The value of a digit written as a numeral (`2`, `２`) or a character (`二`, `〇`, `零`).
pub(super) fn digit_value(c: char) -> Option<u32> {
    // `两` counts things (`两年`) but is never a digit of a year.
    if matches!(c, '两' | '兩') {
        return None;
    }
    as_digit(c).or_else(|| chinese_digit(c))
}

/// True for either end of a period: `2021—2025年`, `2016-2020年`, `2021年至2025年`.
fn in_range(chars: &[char], start: usize, end: usize) -> bool {
    let is_dash = |c: char| "—–-－~～至到".contains(c);
    let before = start
        .checked_sub(1)
        .and_then(|p| chars.get(p))
        .is_some_and(|&c| is_dash(c));
    let after = chars.get(end).is_some_and(|&c| is_dash(c))
        && chars
            .get(end + 1)
            .is_some_and(|&c| digit_value(c).is_some());
    before || after
}

fn mention(chars: &[char], year: i32, start: usize, len: usize) -> Mention {
    let mut end = start + len;
    if chars.get(end) == Some(&'度') {
        end += 1;
    }
    let previous = chars[..start]
        .iter()
        .rev()
        .find(|c| !is_blank(**c) || **c == '\n');
    let opens_clause = previous.is_none_or(|&c| "\n，,。；;：:！？!?（(“".contains(c));
    let next = chars[end..].iter().find(|c| !is_blank(**c)).copied();
    Mention {
        year,
        span: Span::new(start, end),
        opens_clause,
        next,
    }
}

/// The year the report is about. The metadata's year, except when the account of work
/// is about the year before it (a report delivered early in the next year and dated so:
/// `一、2021年工作回顾` in a report filed as 2022); without metadata, the account's year,
/// else the title's.
pub(super) fn reporting_year(cx: &Context, mentions: &[Mention]) -> Option<i32> {
    let account = account_year(cx, mentions);
    match (cx.report.meta.year, account) {
        (Some(meta), Some(account)) if account + 1 == meta => Some(account),
        (Some(meta), _) => Some(meta),
        (None, Some(account)) => Some(account),
        (None, None) => title_years(cx, mentions).first().copied(),
    }
}

/// The year the account of work covers: named in the title of a section on the year's
/// measures (`一、2023年推进法治政府建设的主要举措和成效`), else the year such sections name
/// most often, else the year the body most often opens a clause with — each only when
/// named at least twice.
pub(super) fn account_year(cx: &Context, mentions: &[Mention]) -> Option<i32> {
    let sections = &cx.report.sections;
    let in_work =
        |m: &Mention| placed(cx, m).filter(|&(_, root)| sections[root].parts.contains(&Part::P1));
    let in_work_title = mentions.iter().find(|m| {
        in_work(m).is_some_and(|(deepest, root)| {
            deepest == root && sections[root].heading.contains(m.span)
        })
    });
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for m in mentions.iter().filter(|m| in_work(m).is_some()) {
        *counts.entry(m.year).or_default() += 1;
    }
    let most_named = counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .filter(|&(_, n)| n >= 2)
        .map(|(year, _)| year);
    in_work_title.map(|m| m.year).or(most_named).or_else(|| {
        body_year(cx, mentions)
            .filter(|&(_, count)| count >= 2)
            .map(|(year, _)| year)
    })
}

/// The lines that make up the title at the top of the preamble (a title may be broken
/// over two or three lines).
pub(super) fn title_lines(cx: &Context) -> Option<Span> {
    let preamble = cx.report.preamble;
    let first = first_line(cx, preamble)?;
    if !reads_as_title(&cx.text(first)) {
        return None;
    }
    let mut span = first;
    for _ in 0..2 {
        let rest = Span::new(span.end, preamble.end);
        match first_line(cx, rest) {
            Some(next) if reads_as_title(&cx.text(next)) && !starts_with_year(cx, next) => {
                span = Span::new(span.start, next.end);
            }
            _ => break,
        }
    }
    Some(span)
}

fn starts_with_year(cx: &Context, line: Span) -> bool {
    year_at(&cx.chars, line.start).is_some()
}

/// Years in the title: from the metadata when it has one, else from the title lines.
pub(super) fn title_years(cx: &Context, mentions: &[Mention]) -> Vec<i32> {
    if let Some(title) = &cx.report.meta.title {
        let chars: Vec<char> = title.chars().collect();
        return self::mentions(&chars).iter().map(|m| m.year).collect();
    }
    let Some(lines) = title_lines(cx) else {
        return Vec::new();
    };
    mentions
        .iter()
        .filter(|m| lines.contains(m.span))
        .map(|m| m.year)
        .collect()
}

/// The year the account of work most often opens a clause with (`2022年，我镇…`,
/// `2022年以来`), outside the title and outside plan sections, with its count.
fn body_year(cx: &Context, mentions: &[Mention]) -> Option<(i32, usize)> {
    let title = title_lines(cx);
    let plans = plan_roots(cx);
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for m in mentions {
        let dating = m.opens_clause && m.next.is_some_and(|c| ACCOUNT_NEXT.contains(c));
        let in_title = title.is_some_and(|t| t.contains(m.span));
        let in_plan = placed(cx, m).is_some_and(|(_, root)| plans.contains(&root));
        let history = super::stale::refers(&cx.chars, m);
        if dating && !in_title && !in_plan && !history {
            *counts.entry(m.year).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(_, n)| n)
}

/// Indices of the top-level sections whose title says they are only the next-year plan.
pub(super) fn plan_roots(cx: &Context) -> HashSet<usize> {
    let sections = &cx.report.sections;
    (0..sections.len())
        .filter(|&i| sections[i].parent.is_none())
        .filter(|&i| {
            from_title(&sections[i].title).is_some_and(|parts| {
                parts.contains(&Part::P4)
                    && !parts
                        .iter()
                        .any(|p| matches!(p, Part::P1 | Part::P2 | Part::P3))
            })
        })
        .collect()
}

/// The deepest section holding the mention and the top-level section above it.
pub(super) fn placed(cx: &Context, m: &Mention) -> Option<(usize, usize)> {
    let deepest = cx.section_at(m.span.start)?;
    let mut root = deepest;
    while let Some(parent) = cx.report.sections[root].parent {
        root = parent;
    }
    Some((deepest, root))
}

/// The next-year plan dated with the reporting year (or a year or two before): in its
/// heading, a sub-heading, or a clause it opens (`2022年，我镇将…` in a report on 2022).
fn plan_naming_past_year(cx: &Context, mentions: &[Mention], year: i32) -> Vec<Finding> {
    let plans = plan_roots(cx);
    let mut out = Vec::new();
    for m in mentions {
        let Some((deepest, root)) = placed(cx, m) else {
            continue;
        };
        if !plans.contains(&root) {
            continue;
        }
        let dates_plan = if cx.report.sections[deepest].heading.contains(m.span) {
            opens_title(cx, m)
        } else {
            m.opens_clause && m.next.is_some_and(|c| DATING_NEXT.contains(c))
        };
        let copied_year = (year - STALE_PLAN_YEARS..=year).contains(&m.year);
        if dates_plan && copied_year {
            let message = LintMessage::PlanYear {
                year: m.year,
                report_year: year,
                expected: year + 1,
            };
            out.push(cx.at(LintKind::YearMismatch, message, m.span));
        }
    }
    out
}

/// True when the year is the first thing in a heading's title (`三、2022年工作计划`).
fn opens_title(cx: &Context, m: &Mention) -> bool {
    let before = cx.chars[..m.span.start]
        .iter()
        .rev()
        .find(|c| !is_blank(**c));
    before.is_some_and(|&c| "、）)．.".contains(c))
}

/// `今年（2021年）`, `本年度即2021年`, `2021年（本年度）`: a "this year" bound to a year that
/// is neither the reporting year nor (for `今年`) the year of writing.
fn this_year_naming_another(cx: &Context, mentions: &[Mention], year: i32) -> Vec<Finding> {
    let signed_year = cx
        .report
        .meta
        .signed_on
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    let mut out = Vec::new();
    for m in mentions {
        let Some((word, word_span)) = this_year_word_next_to(cx, m) else {
            continue;
        };
        let writing_year = signed_year.unwrap_or(year + 1);
        let allowed = m.year == year || (word == "今年" && m.year == writing_year);
        if !allowed {
            let message = LintMessage::ThisYearWord {
                word: word.to_string(),
                year: m.year,
                report_year: year,
            };
            let span = Span::new(
                m.span.start.min(word_span.start),
                m.span.end.max(word_span.end),
            );
            out.push(cx.at(LintKind::YearMismatch, message, span));
        }
    }
    out
}

/// The "this year" word bound to the mention, before it (`今年是2021年`, `今年（2021年）`)
/// or after it (`2021年即今年`, `2021年（本年度）`).
fn this_year_word_next_to(cx: &Context, m: &Mention) -> Option<(&'static str, Span)> {
    let glue = |c: char| "是即为（(）)".contains(c) || is_blank(c);
    let mut before = m.span.start;
    while before > 0 && glue(cx.chars[before - 1]) {
        before -= 1;
    }
    let mut after = m.span.end;
    while after < cx.chars.len() && glue(cx.chars[after]) {
        after += 1;
    }
    THIS_YEAR.iter().find_map(|&word| {
        let n = word.chars().count();
        let ends_before = before >= n && word_at(cx, before - n, word);
        let starts_after = word_at(cx, after, word);
        if ends_before {
            Some((word, Span::new(before - n, before)))
        } else if starts_after {
            Some((word, Span::new(after, after + n)))
        } else {
            None
        }
    })
}

fn word_at(cx: &Context, at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, c)| cx.chars.get(at + k) == Some(&c))
}

/// The title says one year, the body's account of work another.
fn title_against_body(cx: &Context, mentions: &[Mention]) -> Option<Finding> {
    let titles = title_years(cx, mentions);
    let &title_year = titles.first()?;
    let (body, count) = body_year(cx, mentions)?;
    if count < 2 || titles.contains(&body) {
        return None;
    }
    let message = LintMessage::TitleAgainstBody {
        title_year,
        body_year: body,
    };
    let at = mentions
        .iter()
        .find(|m| m.year == body && m.opens_clause)
        .map_or(cx.report.preamble, |m| m.span);
    Some(cx.at(LintKind::YearMismatch, message, at))
}
