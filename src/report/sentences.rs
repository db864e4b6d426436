//! Sentence splitting: the unit of year-over-year alignment.
//!
//! A sentence ends at `。！？；` (or their ASCII forms) and at every line break; a closing
//! quote or bracket right after the terminator stays with the sentence. Inside quotes a
//! terminator does not split, unless the quote runs on implausibly long (an unbalanced
//! quote must not swallow a paragraph).

use super::{Report, Sentence, Span, normalize};

/// Quotes longer than this many characters are treated as unbalanced.
const MAX_QUOTE_CHARS: usize = 120;

/// Splits the report's preamble, section bodies and closing into sentences, in document
/// order; headings are not sentences.
pub fn split(report: &Report) -> Vec<Sentence> {
    let chars: Vec<char> = report.text.chars().collect();
    let mut out = Vec::new();
    split_span(&chars, report.preamble, None, &mut out);
    for (i, section) in report.sections.iter().enumerate() {
        split_span(&chars, section.body, Some(i), &mut out);
    }
    if let Some(closing) = report.closing {
        split_span(&chars, closing, None, &mut out);
    }
    out
}

/// Splits `chars[span]` and appends the sentences, all belonging to `section`.
pub fn split_span(chars: &[char], span: Span, section: Option<usize>, out: &mut Vec<Sentence>) {
    let end = span.end.min(chars.len());
    let mut start = span.start.min(end);
    let mut quote_open: Option<usize> = None;
    let mut i = start;
    while i < end {
        let c = chars[i];
        if is_open_quote(c) {
            quote_open = Some(i);
        } else if is_close_quote(c) {
            quote_open = None;
        }
        if quote_open.is_some_and(|q| i - q > MAX_QUOTE_CHARS) {
            quote_open = None;
        }
        let boundary = if c == '\n' {
            quote_open = None;
            Some(i + 1)
        } else if is_terminator(c) && quote_open.is_none() {
            let mut j = i + 1;
            while j < end && (is_terminator(chars[j]) || is_close_quote(chars[j])) {
                j += 1;
            }
            Some(j)
        } else {
            None
        };
        if let Some(stop) = boundary {
            push_sentence(chars, start, stop, section, out);
            start = stop;
            i = stop;
        } else {
            i += 1;
        }
    }
    push_sentence(chars, start, end, section, out);
}

fn push_sentence(
    chars: &[char],
    start: usize,
    end: usize,
    section: Option<usize>,
    out: &mut Vec<Sentence>,
) {
    let mut s = start;
    let mut e = end;
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s == e {
        return;
    }
    let text: String = chars[s..e].iter().collect();
    let norm = normalize::norm(&text);
    if norm.is_empty() {
        return;
    }
    let shape = normalize::shape(&norm);
    out.push(Sentence {
        span: Span::new(s, e),
        section,
        text,
        norm,
        shape,
    });
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '「' | '『')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '」' | '』' | '）' | ')')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        split_span(&chars, Span::new(0, chars.len()), None, &mut out);
        out.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn splits_on_terminators_and_lines() {
        assert_eq!(
            texts("一是学习。二是宣传；三是落实！\n  第二行"),
            vec!["一是学习。", "二是宣传；", "三是落实！", "第二行"]
        );
    }

    #[test]
    fn keeps_quotes_balanced() {
        assert_eq!(
            texts("提出“要学习。要落实。”的要求。下一句。"),
            vec!["提出“要学习。要落实。”的要求。", "下一句。"]
        );
        assert_eq!(texts("他说：“好。”然后"), vec!["他说：“好。”然后"]);
    }

    #[test]
    fn spans_are_character_offsets() {
        let s = "　甲乙。丙丁。";
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        split_span(&chars, Span::new(0, chars.len()), None, &mut out);
        assert_eq!(out[0].span, Span::new(1, 4));
        assert_eq!(out[1].span, Span::new(4, 7));
    }
}
