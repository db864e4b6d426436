//! The title: the first lines of a report, often broken over two or three lines
//! (`关于报送2020年度法治政府建设工作情况的` + `报     告`) and padded with spaces.

use super::{Lines, longer_squeezed_than, squeeze};
use crate::ingest::furniture::PageFields;

/// The detected title and the lines it was taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub text: String,
    /// Index (among non-blank lines) of the first line after the title.
    pub next_line: usize,
}

/// Longest title accepted, in characters; anything longer is body text.
const MAX_TITLE_CHARS: usize = 70;

/// How many non-blank lines a title may span.
const MAX_TITLE_LINES: usize = 4;

/// Words a report title ends with.
const TITLE_ENDINGS: &[&str] = &[
    "报告",
    "总结",
    "情况",
    "汇报",
    "报告书",
    "自评",
    "述职",
    "述法",
    "（草案）",
    "(草案)",
    "報告",
    "總結",
];

/// Lines that may stand above the title and are not part of it.
fn is_preface(line: &str) -> bool {
    // The line is trimmed: its first and last characters are those of the squeezed line.
    if !line.starts_with('附') && !line.ends_with('号') {
        return false;
    }
    let squeezed = squeeze(line);
    let attachment = squeezed.starts_with("附件")
        && squeezed.chars().count() <= 6
        && squeezed
            .chars()
            .skip(2)
            .all(|c| c.is_ascii_digit() || matches!(c, '：' | ':' | '-'));
    let doc_number =
        squeezed.ends_with('号') && (squeezed.contains('〔') || squeezed.contains('['));
    attachment || doc_number
}

/// Finds the title at the head of the text.
pub fn detect(lines: &Lines<'_>) -> Option<Title> {
    let mut head = lines
        .head()
        .enumerate()
        .skip_while(|(_, l)| is_preface(l.text))
        .peekable();
    let first = head.peek()?.0;
    let mut text = String::new();
    let mut previous_number = None;
    for (offset, (_, line)) in head.take(MAX_TITLE_LINES).enumerate() {
        // Title lines follow each other; a blank line may separate a title from a
        // subtitle, but not two halves of one title.
        if previous_number.is_some_and(|n| line.number > n + 2) || !is_title_like(line.text) {
            break;
        }
        previous_number = Some(line.number);
        text.push_str(&squeeze(line.text));
        if text.chars().count() > MAX_TITLE_CHARS {
            break;
        }
        if TITLE_ENDINGS.iter().any(|e| text.ends_with(e)) {
            return Some(Title {
                text,
                next_line: first + offset + 1,
            });
        }
    }
    None
}

/// The title the page's metadata table gives, when the text has none of its own.
pub fn from_page(page: &PageFields) -> Option<Title> {
    let text = page.title.clone()?;
    let ends_like_one = TITLE_ENDINGS.iter().any(|e| text.ends_with(e));
    (ends_like_one && text.chars().count() <= MAX_TITLE_CHARS)
        .then_some(Title { text, next_line: 0 })
}

/// A line that can be (part of) a title: short, not a sentence, not a heading, not an
/// addressee or a date.
fn is_title_like(line: &str) -> bool {
    if longer_squeezed_than(line, MAX_TITLE_CHARS) {
        return false;
    }
    let squeezed = squeeze(line);
    let count = squeezed.chars().count();
    if count == 0 || count > MAX_TITLE_CHARS {
        return false;
    }
    let ends_badly = squeezed.ends_with(['：', ':', '。', '；', ';', '，', ',', '！']);
    let has_sentence_stop = squeezed.contains('。');
    let starts_with_marker = squeezed.starts_with(['一', '二', '三', '四', '五', '六'])
        && squeezed.chars().nth(1) == Some('、');
    !ends_badly && !has_sentence_stop && !starts_with_marker && !is_date_line(&squeezed)
}

/// `2020年12月16日` alone on a line.
pub fn is_date_line(squeezed: &str) -> bool {
    squeezed.ends_with('日')
        && squeezed.contains('年')
        && squeezed.contains('月')
        && squeezed.chars().count() <= 12
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_of(text: &str) -> Option<String> {
        detect(&Lines::new(text)).map(|t| t.text)
    }

    #[test]
    fn broken_and_padded_title_is_joined() {
        let text = " 关于报送2020年度法治政府建设工作情况的\n报     告\n\n区委、区政府：\n正文。";
        assert_eq!(
            title_of(text).as_deref(),
            Some("关于报送2020年度法治政府建设工作情况的报告")
        );
    }

    #[test]
    fn one_line_title() {
        assert_eq!(
            title_of("某镇2020年法治政府建设年度报告\n\n   2020年某镇……。").as_deref(),
            Some("某镇2020年法治政府建设年度报告")
        );
    }

    #[test]
    fn no_title_when_text_starts_with_body_or_addressee() {
        assert_eq!(
            title_of(" 2022年，我镇坚持以习近平新时代中国特色社会主义思想为指导。\n一、"),
            None
        );
        assert_eq!(
            title_of("各位代表：\n\n现在，我代表国务院向大会作政府工作报告。"),
            None
        );
        assert_eq!(title_of("一、主要举措和成效\n（一）学习"), None);
    }

    #[test]
    fn preface_lines_are_skipped() {
        assert_eq!(
            title_of("附件2\n某乡人民政府\n关于2021年法治政府建设情况的报告\n").as_deref(),
            Some("某乡人民政府关于2021年法治政府建设情况的报告")
        );
    }
}
