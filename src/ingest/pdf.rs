//! Text from PDF, repaired before parsing: `pdftotext` gives one line per printed line
//! and a form feed per page, so sentences are broken at the page width, every page
//! carries its number (`- 3 -`, `第3页`, `第 3 页 共 5 页`) and often a running header or
//! footer, and a space stands wherever a Chinese character meets a digit (`2023 年`).
//! Repaired, the text reads as the document's own paragraphs, so the section parser
//! sees the same headings and figures as in the `.txt` of the same report.

use std::collections::HashMap;

use super::metadata::is_han;

/// A line at least this share of the widest line was broken by the page width.
const FULL_LINE: f64 = 0.9;

/// A line at least this share of the widest line that does not end a sentence or a
/// heading was broken by the page width too.
const NEARLY_FULL_LINE: f64 = 0.75;

/// How many lines at each end of a page may be its header, footer or number.
const EDGE_LINES: usize = 2;

/// A running header or footer is at most this long.
const MAX_RUNNING_CHARS: usize = 40;

/// What a report's title ends with: such a line on the first page is the title even
/// when later pages repeat it as their header.
const TITLE_ENDINGS: &[&str] = &["报告", "总结", "情况", "汇报"];

/// Marks a line ends a paragraph with.
const PARAGRAPH_ENDS: &[char] = &['。', '！', '？', '；', '：', '!', '?', ';', ':'];

/// Repairs `pdftotext` output (pages separated by form feeds).
pub fn repair(text: &str) -> String {
    let pages: Vec<Vec<String>> = text
        .split('\x0c')
        .map(|page| page.lines().map(close_spacing).collect())
        .collect();
    let running = running_lines(&pages);
    let mut lines: Vec<String> = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let edges = edge_indices(page);
        let mut kept: Vec<String> = Vec::new();
        for (i, line) in page.iter().enumerate() {
            let key = normalized(line);
            let at_edge = edges.contains(&i);
            let repeated = at_edge && running.contains(&key);
            let kept_title = number == 0 && TITLE_ENDINGS.iter().any(|e| key.ends_with(e));
            if at_edge && is_page_number(&key) || (repeated && !kept_title) {
                continue;
            }
            kept.push(line.clone());
        }
        // Blank lines around a page break are the page's margins, not paragraph breaks.
        let first = kept.iter().position(|l| !l.trim().is_empty());
        let last = kept.iter().rposition(|l| !l.trim().is_empty());
        if let (Some(first), Some(last)) = (first, last) {
            lines.extend(kept.drain(first..=last));
        }
    }
    join_broken_lines(&lines)
}

/// Indices of the lines at a page's edges: its first and last non-blank lines, and the
/// ones next to them when those are page numbers (a header above a number, a footer
/// beside one).
fn edge_indices(page: &[String]) -> Vec<usize> {
    let filled: Vec<usize> = (0..page.len())
        .filter(|&i| !page[i].trim().is_empty())
        .collect();
    let mut edges = Vec::new();
    for side in [filled.clone(), filled.iter().rev().copied().collect()] {
        for (k, &i) in side.iter().enumerate().take(EDGE_LINES) {
            edges.push(i);
            if k == 0 && !is_page_number(&normalized(&page[i])) {
                break;
            }
        }
    }
    edges
}

/// Lines standing at the edge of two or more pages, the same but for their digits, and
/// short and without a full stop as headers and footers are: a running header or footer.
fn running_lines(pages: &[Vec<String>]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let edge_keys = |page: &[String]| -> Vec<String> {
        let mut keys: Vec<String> = edge_indices(page)
            .into_iter()
            .map(|i| normalized(&page[i]))
            .filter(|k| {
                !k.is_empty() && !k.contains('。') && k.chars().count() <= MAX_RUNNING_CHARS
            })
            .collect();
        keys.sort();
        keys.dedup();
        keys
    };
    for page in pages {
        for key in edge_keys(page) {
            *seen.entry(digits_blanked(&key)).or_default() += 1;
        }
    }
    pages
        .iter()
        .flat_map(|page| edge_keys(page))
        .filter(|key| seen.get(&digits_blanked(key)).is_some_and(|n| *n >= 2))
        .collect()
}

/// The line without whitespace.
fn normalized(line: &str) -> String {
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

fn digits_blanked(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// `-3-`, `—3—`, `第3页`, `第3页共5页`, `3/5`, `3`, `Page 3`: a page number alone.
fn is_page_number(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    let bare = lower
        .trim_start_matches("page")
        .trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '.' | '(' | ')'));
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(bare) {
        return true;
    }
    if let Some((page, total)) = bare.split_once('/') {
        return digits_only(page) && digits_only(total);
    }
    let Some(rest) = bare.strip_prefix('第') else {
        return false;
    };
    let (page, rest) = rest.split_once('页').unwrap_or((rest, "-"));
    let total = rest
        .trim_start_matches(['，', ',', '/'])
        .strip_prefix('共')
        .and_then(|r| r.strip_suffix('页'));
    digits_only(page) && (rest.is_empty() || total.is_some_and(digits_only))
}

/// Removes the spaces `pdftotext` puts where a Chinese character meets a digit or a
/// Latin letter (`2023 年` → `2023年`, `达到 92%` → `达到92%`).
fn close_spacing(line: &str) -> String {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (before, after) = (chars[i - 1], chars[i + 1]);
            let cjk = |c: char| is_han(c) || is_wide_punctuation(c);
            let latin = |c: char| c.is_ascii_alphanumeric() || c == '%';
            if (cjk(before) && latin(after)) || (latin(before) && cjk(after)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn is_wide_punctuation(c: char) -> bool {
    ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// Rejoins lines broken by the page width. A line of prose runs on into the next when
/// it is full (and, if it ends a sentence, the next line is prose too), or nearly full
/// and not at the end of a sentence; a heading or a title (no
/// sentence punctuation) only when it is full and the next line is the short rest of
/// it. A nearly full line ending with a digit always runs on (a number is never a
/// paragraph's last word, and its unit is on the next line). Nothing runs on into a
/// line that opens a heading, or over a blank line.
fn join_broken_lines(lines: &[String]) -> String {
    let widest = lines.iter().map(|l| width(l)).max().unwrap_or(0).max(1) as f64;
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end();
        out.push_str(line);
        let next = lines.get(i + 1).map(|n| n.trim()).unwrap_or_default();
        let share = width(line) as f64 / widest;
        let (full, nearly) = (share >= FULL_LINE, share >= NEARLY_FULL_LINE);
        let ends_paragraph = line.ends_with(PARAGRAPH_ENDS);
        let next_is_more = is_prose(next) || width(next) as f64 >= NEARLY_FULL_LINE * widest;
        let runs_on = if is_prose(line) {
            (full && (!ends_paragraph || next_is_more)) || (nearly && !ends_paragraph)
        } else {
            full && is_rest_of_heading(next, widest)
        } || (nearly && line.ends_with(|c: char| c.is_ascii_digit()));
        if !(runs_on && !next.is_empty() && !opens_heading(next)) {
            out.push('\n');
        }
    }
    out
}

/// A line of sentences rather than a title or a heading's title: it holds sentence
/// punctuation (for a numbered heading, a full stop or semicolon: `（一）抓学习，提升…`
/// is still a heading).
fn is_prose(line: &str) -> bool {
    if opens_heading(line) {
        line.contains(['。', '；', ';'])
    } else {
        line.contains(['，', '。', '；', '：', '！', '？', ',', ';', ':'])
    }
}

/// The end of a heading or title broken by the page width: short, no full stop.
fn is_rest_of_heading(next: &str, widest: f64) -> bool {
    (width(next) as f64) < FULL_LINE * widest
        && !next.contains('。')
        && !next.ends_with(PARAGRAPH_ENDS)
}

/// Display width: two columns for a Chinese character or full-width mark, one for the rest.
fn width(line: &str) -> usize {
    line.trim_end()
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum()
}

/// `一、`, `（一）`, `(一)`, `1、`, `1.`, `（1）`: a numbered heading starts here.
fn opens_heading(line: &str) -> bool {
    let chars: Vec<char> = line.chars().take(6).collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    let count = chars.iter().take_while(|c| numeral(**c)).count();
    if count > 0 {
        return chars
            .get(count)
            .is_some_and(|c| matches!(c, '、' | '.' | '．'))
            && !chars.get(count + 1).is_some_and(|c| c.is_ascii_digit());
    }
    let inner = chars.iter().skip(1).take_while(|c| numeral(**c)).count();
    matches!(chars.first(), Some('（' | '('))
        && inner > 0
        && matches!(chars.get(1 + inner), Some('）' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_of_every_shape() {
        for key in [
            "-3-",
            "—12—",
            "第3页",
            "第3页共5页",
            "第3页，共5页",
            "3/5",
            "7",
            "Page4",
        ] {
            assert!(is_page_number(key), "{key}");
        }
        for key in ["第三章", "2023年", "3月", "一、总则"] {
            assert!(!is_page_number(key), "{key}");
        }
    }

    #[test]
    fn broken_lines_rejoin_and_pages_lose_numbers_and_headers() {
        let text = "梅溪镇人民政府文件\n梅溪镇2023年法治政府建设情况报告\n一、主要举措和成效\n2023 年，梅溪镇组织干部集中学法 12 次，开展\n法治宣传 8 场。\n- 1 -\n\x0c梅溪镇人民政府文件\n（一）加强学习。全年专题学习 6 次，参训干部 300\n余人次。\n第 2 页 共 2 页\n";
        let repaired = repair(text);
        assert_eq!(
            repaired,
            "梅溪镇2023年法治政府建设情况报告\n一、主要举措和成效\n2023年，梅溪镇组织干部集中学法12次，开展法治宣传8场。\n（一）加强学习。全年专题学习6次，参训干部300余人次。\n"
        );
    }

    #[test]
    fn a_full_heading_keeps_its_body_apart_but_a_wrapped_one_is_joined() {
        let body = "镇党委书记履行第一责任人职责，讲法治课两次。";
        let heading = "三、党政主要负责人履行推进法治建设第一责任人职责";
        let text = format!("{body}\n{heading}\n{body}\n");
        assert_eq!(repair(&text), text);
        let wrapped = format!("{body}\n{heading}情况和\n存在的问题\n{body}\n");
        assert_eq!(
            repair(&wrapped),
            format!("{body}\n{heading}情况和存在的问题\n{body}\n")
        );
        let signed = format!("{body}\n梅溪镇人民政府\n2024年1月12日\n");
        assert_eq!(repair(&signed), signed);
    }

    #[test]
    fn headings_are_never_joined_to_the_line_before() {
        assert!(opens_heading("（二）规范执法。"));
        assert!(opens_heading("3、深化普法"));
        assert!(!opens_heading("3.5万元"));
        assert!(!opens_heading("二〇二三年"));
    }
}
