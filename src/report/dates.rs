//! Years and dates among the numbers of a text, so that a sentence whose only changes
//! are its dates rolling forward (`2022年` → `2023年`, `12月16日` → `12月15日`,
//! `二〇二二年` → `二〇二三年`) can be told from one whose figures changed.
//!
//! A number is a date part by what follows it and by its value, never by where it
//! stands in a report:
//! - a year: four Arabic digits from 1900 to 2099, or four Chinese digits written one
//!   by one (`二〇二二`), followed by `年` or by a dash or `至` opening a range
//!   (`2021—2025年`);
//! - a month: 1 to 12 followed by `月`;
//! - a day: 1 to 31 right after `月` and followed by `日` or `号`.
//!
//! Durations (`连续3年`, `3个月`, `5日内`), document numbers (`〔2016〕29号`) and
//! figures are not dates.

use super::normalize::{fold_width, is_numeral};

/// Which part of a date a number writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

/// One run of numerals of a text, as the number-blind shape hides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numeral {
    /// The numerals as written, width folded.
    pub text: String,
    /// The date part the run writes, if it writes one.
    pub date: Option<DatePart>,
}

/// Characters that open a range after a year (`2021—2025年`, `2021至2025年`).
const RANGE_DASHES: &[char] = &['—', '–', '-', '~', '～', '至', '到'];

/// Chinese digits written one by one in a year (`二〇二二`).
const CHINESE_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Every run of numerals in `text`, in order, with the date part it writes. Runs are
/// cut as [`super::normalize::shape`] cuts them (digits with `.` or `,` inside, or
/// Chinese numerals), so two texts of equal shape usually list the same number of runs.
pub fn numerals(text: &str) -> Vec<Numeral> {
    let chars: Vec<char> = text.chars().map(fold_width).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_numeral(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (is_numeral(chars[i]) || is_separator(&chars, i)) {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let before = previous_visible(&chars, start);
        let after = next_visible(&chars, i);
        let date = date_part(&run, before, after);
        out.push(Numeral { text: run, date });
    }
    out
}

/// `.` or `,` between digits belongs to the number.
fn is_separator(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '.' | ',')
        && i > 0
        && chars[i - 1].is_ascii_digit()
        && chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

fn previous_visible(chars: &[char], i: usize) -> Option<char> {
    chars[..i]
        .iter()
        .rev()
        .copied()
        .find(|c| !c.is_whitespace())
}

fn next_visible(chars: &[char], i: usize) -> Option<char> {
    chars[i..].iter().copied().find(|c| !c.is_whitespace())
}

/// The date part a run writes, from its value and the characters around it.
fn date_part(run: &str, before: Option<char>, after: Option<char>) -> Option<DatePart> {
    let after = after?;
    if (after == '年' || RANGE_DASHES.contains(&after)) && is_year(run) {
        return Some(DatePart::Year);
    }
    let value = small_value(run)?;
    match after {
        '月' if (1..=12).contains(&value) => Some(DatePart::Month),
        '日' | '号' if (1..=31).contains(&value) && before == Some('月') => Some(DatePart::Day),
        _ => None,
    }
}

/// Four digits naming a year from 1900 to 2099, Arabic or Chinese written one by one.
fn is_year(run: &str) -> bool {
    let digits: Option<Vec<u32>> = run
        .chars()
        .map(|c| {
            c.to_digit(10).or_else(|| {
                CHINESE_DIGITS
                    .iter()
                    .position(|&d| d == c)
                    .and_then(|p| u32::try_from(p).ok())
            })
        })
        .collect();
    match digits.as_deref() {
        Some([a, b, c, d]) => (1900..=2099).contains(&(a * 1000 + b * 100 + c * 10 + d)),
        _ => false,
    }
}

/// The value of a number below 100 written in Arabic digits or Chinese numerals
/// (`12`, `十二`, `二十一`, `三十`); `None` for anything else.
fn small_value(run: &str) -> Option<u32> {
    if run.chars().all(|c| c.is_ascii_digit()) {
        return run.parse().ok().filter(|&v| v < 100);
    }
    let digit = |c: char| match c {
        '〇' | '零' => Some(0),
        _ => CHINESE_DIGITS
            .iter()
            .position(|&d| d == c)
            .and_then(|p| u32::try_from(p).ok()),
    };
    let chars: Vec<char> = run.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(String, Option<DatePart>)> {
        numerals(text)
            .into_iter()
            .map(|n| (n.text, n.date))
            .collect()
    }

    #[test]
    fn years_months_and_days_are_dates() {
        use DatePart::*;
        assert_eq!(
            parts("2022年12月16日召开，二〇二二年度，３月５号"),
            vec![
                ("2022".into(), Some(Year)),
                ("12".into(), Some(Month)),
                ("16".into(), Some(Day)),
                ("二〇二二".into(), Some(Year)),
                ("3".into(), Some(Month)),
                ("5".into(), Some(Day)),
            ]
        );
        assert_eq!(
            parts("2021—2025年，十二月三十一日"),
            vec![
                ("2021".into(), Some(Year)),
                ("2025".into(), Some(Year)),
                ("十二".into(), Some(Month)),
                ("三十一".into(), Some(Day)),
            ]
        );
    }

    #[test]
    fn durations_figures_and_document_numbers_are_not_dates() {
        for text in [
            "连续3年",
            "3个月",
            "5日内办结",
            "〔2016〕29号",
            "开展学习12次",
            "13月",
            "2022人",
            "3000年",
        ] {
            assert!(
                numerals(text).iter().all(|n| n.date.is_none()),
                "{text}: {:?}",
                numerals(text)
            );
        }
    }

    #[test]
    fn decimals_are_one_run() {
        assert_eq!(parts("增长1,234.5%"), vec![("1,234.5".into(), None)]);
    }
}
