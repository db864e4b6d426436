//! Sentence splitting: the unit of year-over-year alignment, and of near-duplicate
//! matching across the corpus (which needs only the spans, see [`spans`]).
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
    out.shrink_to_fit();
    out
}

/// Splits `chars[span]` and appends the sentences, all belonging to `section`. Sentences
/// that normalize to nothing (punctuation only) are left out.
pub fn split_span(chars: &[char], span: Span, section: Option<usize>, out: &mut Vec<Sentence>) {
    for sentence in spans(chars, span) {
        let written = &chars[sentence.start..sentence.end];
        let mut text = String::with_capacity(written.iter().map(|c| c.len_utf8()).sum());
        text.extend(written);
        let norm = normalize::norm(&text);
        if norm.is_empty() {
            continue;
        }
        let mut shape = normalize::shape(&norm);
        shape.shrink_to_fit();
        let number_blind = (shape != norm).then_some(shape);
        out.push(Sentence {
            span: sentence,
            section,
            text,
            norm,
            number_blind,
        });
    }
}

/// The sentences of `chars[span]` as spans only, trimmed of whitespace, blank ones left
/// out: the splitting rules without the per-sentence forms, for matching that only needs
/// to know where sentences are. Punctuation-only spans are kept; callers filter them.
pub fn spans(chars: &[char], span: Span) -> SentenceSpans<'_> {
    let end = span.end.min(chars.len());
    SentenceSpans {
        chars,
        start: span.start.min(end),
        end,
    }
}

/// Sentence spans in order; see [`spans`].
#[derive(Debug, Clone)]
pub struct SentenceSpans<'a> {
    chars: &'a [char],
    /// Where the next sentence starts; `start <= end <= chars.len()` throughout.
    start: usize,
    end: usize,
}

impl Iterator for SentenceSpans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        while self.start < self.end {
            let stop = sentence_end(self.chars, self.start, self.end);
            let found = trimmed(self.chars, self.start, stop);
            self.start = stop;
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

/// Where the sentence starting at `start` ends (exclusive), at most `end`. Every sentence
/// starts outside quotes: a terminator splits only outside them, and a line break closes
/// any quote.
fn sentence_end(chars: &[char], start: usize, end: usize) -> usize {
    let window = &chars[start..end];
    let mut quote_open: Option<usize> = None;
    for (i, &c) in window.iter().enumerate() {
        // Ideographs, most of a text, neither end a sentence nor open or close a quote
        // (how long a quote has run is checked at the next mark just as well).
        if is_ideograph(c) {
            continue;
        }
        if is_open_quote(c) {
            quote_open = Some(i);
        } else if is_close_quote(c) {
            quote_open = None;
        }
        if quote_open.is_some_and(|q| i - q > MAX_QUOTE_CHARS) {
            quote_open = None;
        }
        if c == '\n' {
            return start + i + 1;
        }
        if is_terminator(c) && quote_open.is_none() {
            let trailing = window[i + 1..]
                .iter()
                .take_while(|&&c| is_terminator(c) || is_close_quote(c))
                .count();
            return start + i + 1 + trailing;
        }
    }
    end
}

/// `chars[start..end]` without surrounding whitespace; `None` when nothing is left.
fn trimmed(chars: &[char], mut start: usize, mut end: usize) -> Option<Span> {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start < end).then(|| Span::new(start, end))
}

/// CJK ideographs (extension A and the basic block): no mark the splitter reads.
fn is_ideograph(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c)
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
    fn a_shape_is_kept_apart_only_when_numbers_make_it_differ() {
        let s = "开展普法活动。开展普法活动12次。";
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        split_span(&chars, Span::new(0, chars.len()), None, &mut out);
        assert_eq!(out[0].number_blind, None);
        assert_eq!(out[0].shape(), "开展普法活动");
        assert_eq!(out[1].shape(), "开展普法活动#次");
        assert_eq!(out[1].norm, "开展普法活动12次");
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

    #[test]
    fn an_unbalanced_quote_holds_sentences_together_only_so_long() {
        let long = "字".repeat(MAX_QUOTE_CHARS + 5);
        assert_eq!(texts(&format!("他说“{long}。后一句。")).len(), 2);
        assert_eq!(texts("他说“甲。乙。"), vec!["他说“甲。乙。"]);
    }

    #[test]
    fn spans_keep_punctuation_only_sentences_that_split_leaves_out() {
        let s = "甲乙。\n 。；\n丙丁";
        let chars: Vec<char> = s.chars().collect();
        let all: Vec<Span> = spans(&chars, Span::new(0, chars.len())).collect();
        assert_eq!(
            all,
            vec![Span::new(0, 3), Span::new(5, 7), Span::new(8, 10)]
        );
        assert_eq!(texts(s), vec!["甲乙。", "丙丁"]);
        // A sub-span is split on its own: nothing before its start or after its end.
        let inner: Vec<Span> = spans(&chars, Span::new(1, 9)).collect();
        assert_eq!(
            inner,
            vec![Span::new(1, 3), Span::new(5, 7), Span::new(8, 9)]
        );
    }
}
