//! The closing: a signature (the reporting body) and a date on their own lines at the end,
//! often pushed right with spaces. It is not part of the last section's body.

use super::markers::as_digit;

/// At most this many signature lines are taken (two bodies, a date, a publication note).
const MAX_CLOSING_LINES: usize = 4;

/// A signature line is short: a body's name or a date, never a paragraph.
const MAX_SIGNATURE_CHARS: usize = 40;

/// Endings that only a signing body's name has (`…人民政府`, `…党委`).
const BODY_SUFFIXES: &[&str] = &[
    "人民政府",
    "党委",
    "委员会",
    "办公室",
    "办事处",
    "司法所",
    "党组",
    "领导小组",
    "（盖章）",
    "(盖章)",
];

/// Endings a signing body's name may have but a short phrase may too (`建设法治政府`):
/// trusted only next to a date or a sure name.
const LOOSE_BODY_SUFFIXES: &[&str] = &["政府", "街道", "镇", "乡", "局"];

/// What a line at the end of a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignatureLine {
    Date,
    Body,
    LooseBody,
    Note,
}

/// Where the closing starts: the first character of its first line. `floor` is the end of
/// the last heading; the closing never reaches back over it.
pub fn find(chars: &[char], floor: usize) -> Option<usize> {
    let mut start = None;
    let mut kinds = Vec::new();
    let mut end = chars.len();
    while kinds.len() < MAX_CLOSING_LINES {
        let Some((line_start, line_end)) = last_nonblank_line(chars, floor, end) else {
            break;
        };
        let (s, e) = trim(chars, line_start, line_end);
        let line: String = chars[s..e].iter().collect();
        let Some(kind) = signature_line(&line) else {
            break;
        };
        kinds.push(kind);
        start = Some(s);
        end = line_start;
    }
    let sure = kinds
        .iter()
        .any(|k| matches!(k, SignatureLine::Date | SignatureLine::Body));
    start.filter(|_| sure)
}

/// The last line in `[floor, end)` that holds more than whitespace, as `(start, end)`.
fn last_nonblank_line(chars: &[char], floor: usize, end: usize) -> Option<(usize, usize)> {
    let mut line_end = end;
    loop {
        let line_start = chars[floor..line_end]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(floor, |p| floor + p + 1);
        if chars[line_start..line_end].iter().any(|c| !is_blank(*c)) {
            return Some((line_start, line_end));
        }
        if line_start == floor {
            return None;
        }
        line_end = line_start - 1;
    }
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && is_blank(chars[s]) {
        s += 1;
    }
    while e > s && is_blank(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Whitespace and the invisible characters conversion leaves behind.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Classifies a line as a date, the name of a signing body, or a publication note.
fn signature_line(line: &str) -> Option<SignatureLine> {
    let compact: String = line.chars().filter(|c| !is_blank(*c)).collect();
    if compact.is_empty() || compact.chars().count() > MAX_SIGNATURE_CHARS {
        return None;
    }
    if is_date(&compact) {
        Some(SignatureLine::Date)
    } else if is_publication_note(&compact) {
        Some(SignatureLine::Note)
    } else if is_name_like(&compact) && ends_with_any(&compact, BODY_SUFFIXES) {
        Some(SignatureLine::Body)
    } else if is_name_like(&compact) && ends_with_any(&compact, LOOSE_BODY_SUFFIXES) {
        Some(SignatureLine::LooseBody)
    } else {
        None
    }
}

fn ends_with_any(s: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|x| s.ends_with(x))
}

/// `2020年12月16日`, `二〇二〇年十二月十六日`, `2020.12.16`, `2020-12-16`, `2020/12/16`.
fn is_date(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    written_date(&chars) || numeric_date(&chars)
}

fn written_date(chars: &[char]) -> bool {
    let Some(rest) = take_year(chars).and_then(|rest| rest.strip_prefix(&['年'])) else {
        return false;
    };
    let Some(rest) = take_small_number(rest).and_then(|rest| rest.strip_prefix(&['月'])) else {
        return false;
    };
    let rest = take_small_number(rest).unwrap_or(rest);
    rest == ['日'] || rest == ['号'] || rest.is_empty()
}

fn numeric_date(chars: &[char]) -> bool {
    let mut parts = 0;
    let mut digits = 0;
    let mut separator = None;
    for &c in chars {
        if as_digit(c).is_some() {
            digits += 1;
            continue;
        }
        if !matches!(c, '.' | '-' | '/' | '．') || digits == 0 {
            return false;
        }
        if separator.is_some_and(|s| s != c) {
            return false;
        }
        separator = Some(c);
        parts += 1;
        digits = 0;
    }
    parts == 2 && digits > 0 && chars.iter().take_while(|c| as_digit(**c).is_some()).count() == 4
}

/// Four digits (`2020`, `２０２０`, `二〇二〇`); returns the rest.
fn take_year(chars: &[char]) -> Option<&[char]> {
    let n = chars
        .iter()
        .take_while(|&&c| as_digit(c).is_some() || is_written_digit(c))
        .count();
    (n == 4).then(|| &chars[n..])
}

/// A month or day number (1–2 digits, or `十二`, `三十一`); returns the rest.
fn take_small_number(chars: &[char]) -> Option<&[char]> {
    let n = chars
        .iter()
        .take_while(|&&c| as_digit(c).is_some() || is_written_digit(c) || c == '十')
        .count();
    (1..=3).contains(&n).then(|| &chars[n..])
}

fn is_written_digit(c: char) -> bool {
    "〇零一二三四五六七八九".contains(c)
}

/// No sentence punctuation and long enough to be a name.
fn is_name_like(s: &str) -> bool {
    let punctuation = s.chars().any(|c| "。，,；;：:！!？?“”\"".contains(c));
    !punctuation && s.chars().count() >= 3
}

fn is_publication_note(s: &str) -> bool {
    let bracketed =
        (s.starts_with('（') || s.starts_with('(')) && (s.ends_with('）') || s.ends_with(')'));
    bracketed && (s.contains("此件") || s.contains("公开"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closing(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars, 0).map(|s| chars[s..].iter().collect())
    }

    #[test]
    fn takes_a_right_aligned_signature_and_date() {
        let text = "正文最后一句。\n\n\n            某某县某某镇人民政府\n\n              2020年12月16日\n";
        assert_eq!(
            closing(text).as_deref(),
            Some("某某县某某镇人民政府\n\n              2020年12月16日\n")
        );
    }

    #[test]
    fn takes_written_and_numeric_dates() {
        assert!(is_date("二〇二一年一月五日"));
        assert!(is_date("2021年1月"));
        assert!(is_date("2021.01.05"));
        assert!(is_date("２０２１年１２月３１日"));
        assert!(!is_date("2021年"));
        assert!(!is_date("12.4"));
        assert!(!is_date("2021年全镇共受理案件12件"));
    }

    #[test]
    fn leaves_body_text_alone() {
        assert_eq!(closing("一、总体情况\n全镇工作有序推进。\n"), None);
        assert_eq!(closing("特此报告。\n"), None);
        assert_eq!(closing("我镇将继续推进法治建设，建设法治乡镇\n"), None);
        assert_eq!(closing("全力建设法治政府\n"), None);
        assert_eq!(
            closing("正文。\n某某镇\n2022年1月10日").as_deref(),
            Some("某某镇\n2022年1月10日")
        );
    }

    #[test]
    fn takes_a_publication_note() {
        assert_eq!(
            closing("正文。\n某镇人民政府\n2022年1月10日\n（此件公开发布）").as_deref(),
            Some("某镇人民政府\n2022年1月10日\n（此件公开发布）")
        );
    }

    #[test]
    fn never_reaches_above_the_floor() {
        let chars: Vec<char> = "某镇人民政府\n2022年1月10日".chars().collect();
        assert_eq!(find(&chars, chars.len()), None);
        assert_eq!(find(&chars, 7), Some(7));
    }
}
