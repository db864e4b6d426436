//! Line wrapping for CJK text, done once per width so views only slice what is visible.
//!
//! Rules (GB/T 15834 practice, as Word and WPS apply them): no line starts with closing
//! punctuation (`，。、；：）」”%` …), no line ends with opening punctuation (`（“《` …),
//! and a number stays with its unit (`12次`, `100%`) and Latin words stay whole, unless a
//! single run is wider than the line.

use std::ops::Range;

use super::width::char_width;

/// Characters that must not begin a line.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '%'
            | '％'
            | '…'
            | '·'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
    )
}

/// Characters that must not end a line.
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '“' | '‘' | '《' | '〈' | '【' | '〔' | '(' | '['
    )
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('０'..='９').contains(&c)
}

/// Hyphens and underscores inside Latin words and option names (`own-history`,
/// `--replace`, `text_sha256`): no break beside them within such a run.
fn is_word_joiner(c: char) -> bool {
    matches!(c, '-' | '_')
}

/// May a line break fall between `prev` and `next`?
fn can_break(prev: char, next: char) -> bool {
    if no_line_start(next) || no_line_end(prev) {
        return false;
    }
    if is_word_char(prev) && (is_word_char(next) || matches!(next, '.' | ',')) {
        return false;
    }
    let in_word = |c: char| is_word_char(c) || is_word_joiner(c);
    if in_word(prev) && in_word(next) && (is_word_joiner(prev) || is_word_joiner(next)) {
        return false;
    }
    // A number keeps its unit: `12次`, `3.5万`.
    if prev.is_ascii_digit() && !next.is_ascii_whitespace() {
        return false;
    }
    !(matches!(prev, '.' | ',') && next.is_ascii_digit())
}

/// Wraps `text` to `width` cells. Returns one character range per display line; `\n`
/// ends a line and belongs to no range. Width 0 is treated as 1.
pub fn wrap(text: &str, width: usize, ambiguous_wide: bool) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            wrap_paragraph(&chars, start, i, width.max(1), ambiguous_wide, &mut lines);
            start = i + 1;
        }
    }
    wrap_paragraph(
        &chars,
        start,
        chars.len(),
        width.max(1),
        ambiguous_wide,
        &mut lines,
    );
    lines
}

fn wrap_paragraph(
    chars: &[char],
    start: usize,
    end: usize,
    width: usize,
    ambiguous_wide: bool,
    lines: &mut Vec<Range<usize>>,
) {
    if start == end {
        lines.push(start..end);
        return;
    }
    let mut line_start = start;
    let mut used = 0;
    let mut i = start;
    while i < end {
        let w = char_width(chars[i], ambiguous_wide);
        if used + w > width && i > line_start {
            let cut = (line_start + 1..=i)
                .rev()
                .find(|&b| can_break(chars[b - 1], chars[b]))
                .unwrap_or(i);
            lines.push(line_start..cut);
            line_start = cut;
            used = chars[line_start..i]
                .iter()
                .map(|&c| char_width(c, ambiguous_wide))
                .sum();
            continue;
        }
        used += w;
        i += 1;
    }
    lines.push(line_start..end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::text_width;

    fn lines(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap(text, width, false)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        for l in lines("我镇开展宣传活动，发放资料。全面推进依法行政。", 8) {
            assert!(!l.starts_with(['，', '。']), "{l}");
        }
    }

    #[test]
    fn hyphenated_words_and_option_names_stay_whole() {
        let text = "只看这一类段落：own-history、cross-township，或加上 --replace 与 text_sha256。";
        for width in [16, 18, 20, 24, 30] {
            let out = lines(text, width);
            for word in ["own-history", "cross-township", "--replace", "text_sha256"] {
                assert!(out.iter().any(|l| l.contains(word)), "{width}: {out:?}");
            }
        }
    }

    #[test]
    fn number_stays_with_unit() {
        let out = lines("共开展法治宣传讲座45场次", 12);
        assert!(out.iter().any(|l| l.contains("45场")), "{out:?}");
    }

    #[test]
    fn every_line_fits_and_text_is_kept() {
        let text = "（一）深学笃用习近平法治思想，推进法治政府建设。2023年以来，专题学习12次，成功率100%。\n第二段";
        for width in [6, 10, 17, 40] {
            let out = wrap(text, width, true);
            let chars: Vec<char> = text.chars().collect();
            let joined: String = out
                .iter()
                .map(|r| chars[r.clone()].iter().collect::<String>())
                .collect();
            assert_eq!(joined, text.replace('\n', ""));
            for r in &out {
                let line: String = chars[r.clone()].iter().collect();
                assert!(text_width(&line, true) <= width, "{line} > {width}");
            }
        }
    }
}
