//! The signature block at the end: the issuing body and the date
//! (`徐闻县迈陈镇人民政府` / `2020年12月16日`).

use super::year::{Date, parse_date};
use super::{Lines, longer_squeezed_than, squeeze};

/// The closing signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub body: Option<String>,
    pub date: Option<Date>,
}

/// How many non-blank lines at the end are searched.
const TAIL_LINES: usize = 6;

/// Longest line [`parse_date`] reads as a date, in characters besides whitespace: a
/// year of four numerals, a month and a day of up to three each, and `年月日`.
const LONGEST_DATE_CHARS: usize = 13;

/// Longest signing body accepted, in characters.
const MAX_BODY_CHARS: usize = 40;

/// What a signing body's name ends with.
const BODY_ENDINGS: &[&str] = &[
    "人民政府",
    "政府",
    "委员会",
    "党委",
    "党工委",
    "办事处",
    "办公室",
    "领导小组",
    "司法所",
    "镇",
    "乡",
    "街道",
];

/// Finds the signature in the last lines of the text.
pub fn detect(lines: &Lines<'_>) -> Option<Signature> {
    let tail = lines.tail(TAIL_LINES);
    let (date_index, date) = tail
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, line)| Some((i, date_line(line)?)))
        .map_or((None, None), |(i, date)| (Some(i), Some(date)));
    let body_lines = &tail[..date_index.unwrap_or(tail.len())];
    let bodies: Vec<String> = body_lines
        .iter()
        .rev()
        .map(|l| collapse_spaces(l))
        .take_while(|b| is_body(b))
        .take(2)
        .collect();
    if bodies.is_empty() && date.is_none() {
        return None;
    }
    let body = (!bodies.is_empty()).then(|| bodies.into_iter().rev().collect::<Vec<_>>().join(" "));
    Some(Signature { body, date })
}

/// The date a line holds, when the line is a date and nothing else.
fn date_line(line: &str) -> Option<Date> {
    // The line is trimmed: it ends as the squeezed line does.
    let short = line.ends_with('日') && !longer_squeezed_than(line, LONGEST_DATE_CHARS);
    short.then(|| parse_date(&squeeze(line)))?
}

/// A signing body: short, no punctuation of a sentence, and named like an office.
fn is_body(line: &str) -> bool {
    let count = line.chars().count();
    (3..=MAX_BODY_CHARS).contains(&count)
        && !line.contains(['。', '，', ',', '：', ':', '；', '、'])
        && BODY_ENDINGS.iter().any(|e| line.ends_with(e))
}

/// Trims and turns runs of whitespace into one space, so padding disappears but two
/// bodies on one line stay apart.
fn collapse_spaces(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(text: &str) -> Option<Signature> {
        detect(&Lines::new(text))
    }

    #[test]
    fn padded_body_and_date() {
        let s = sig("正文。\n\n\n          某某县某某镇人民政府\n\n            2020年12月16日\n")
            .unwrap();
        assert_eq!(s.body.as_deref(), Some("某某县某某镇人民政府"));
        assert_eq!(s.date.map(|d| d.iso()).as_deref(), Some("2020-12-16"));
    }

    #[test]
    fn chinese_numeral_date() {
        let s = sig("正文。\n中共某某乡委员会\n某某乡人民政府\n二〇二二年一月五日").unwrap();
        assert_eq!(s.body.as_deref(), Some("中共某某乡委员会 某某乡人民政府"));
        assert_eq!(s.date.map(|d| d.iso()).as_deref(), Some("2022-01-05"));
    }

    #[test]
    fn body_text_is_not_a_signature() {
        assert_eq!(sig("一、主要举措\n我镇坚持依法行政，取得成效。\n"), None);
        assert_eq!(sig("正文\n（三）加强监督，大力推行行政执法责任制。"), None);
        let dated = sig("正文。\n2021年3月1日").unwrap();
        assert_eq!((dated.body, dated.date.map(|d| d.year)), (None, Some(2021)));
    }
}
