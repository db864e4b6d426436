//! A report's text prepared for matching: the normalized character stream with a map
//! back to clean-text character offsets, and its sentences located in both.

use std::ops::Range;

use crate::report::normalize::{fold_width, is_ignorable};
use crate::report::{Span, sentences};

/// Clean text plus its normalized stream (width folded, whitespace and punctuation
/// removed, as in [`crate::report::normalize::norm`]). Matching runs on the stream;
/// results are reported in clean-text character offsets through the map.
#[derive(Debug, Clone)]
pub struct MatchText {
    text: String,
    chars: Vec<char>,
    /// `clean[i]` is the clean-text character offset of normalized character `i`.
    clean: Vec<u32>,
}

/// One sentence located both in the clean text and in the normalized stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRange {
    pub span: Span,
    pub norm: Range<usize>,
}

impl MatchText {
    /// Prepares `text` (clean text as stored or ingested).
    pub fn new(text: &str) -> MatchText {
        let mut chars = Vec::with_capacity(text.len() / 3);
        let mut clean = Vec::with_capacity(text.len() / 3);
        for (offset, c) in text.chars().enumerate() {
            // CJK ideographs, most of a report, neither fold nor drop: skip the checks.
            let kept = if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                Some(c)
            } else {
                Some(fold_width(c)).filter(|&f| !is_ignorable(f))
            };
            if let Some(kept) = kept {
                chars.push(kept);
                clean.push(u32::try_from(offset).unwrap_or(u32::MAX));
            }
        }
        MatchText {
            text: text.to_string(),
            chars,
            clean,
        }
    }

    /// The clean text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalized characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Number of normalized characters: the measure of every length threshold.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when nothing but punctuation and whitespace is left.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The clean-text span covering normalized characters `range`: from the first
    /// character's offset to just after the last one, so surrounding punctuation is left
    /// out and inner punctuation kept.
    pub fn clean_span(&self, range: Range<usize>) -> Span {
        let end = range.end.min(self.clean.len());
        let start = range.start.min(end);
        if start == end {
            let at = self.clean_offset_of(start);
            return Span::new(at, at);
        }
        Span::new(self.clean[start] as usize, self.clean[end - 1] as usize + 1)
    }

    /// The first normalized position whose clean offset is at or after `offset`.
    pub fn norm_position(&self, offset: usize) -> usize {
        self.clean.partition_point(|&c| (c as usize) < offset)
    }

    /// The normalized positions covered by a clean-text span.
    pub fn norm_range(&self, span: Span) -> Range<usize> {
        self.norm_position(span.start)..self.norm_position(span.end)
    }

    /// The clean text covered by `span`.
    pub fn slice(&self, span: Span) -> String {
        self.text
            .chars()
            .skip(span.start)
            .take(span.len())
            .collect()
    }

    /// The report's sentences (split by [`crate::report::sentences`], headings included),
    /// with their normalized ranges; sentences that normalize to nothing are left out, as
    /// the report's own sentences leave them out.
    pub fn sentences(&self) -> Vec<SentenceRange> {
        let all: Vec<char> = self.text.chars().collect();
        let spans: Vec<Span> = sentences::spans(&all, Span::new(0, all.len())).collect();
        spans
            .into_iter()
            .map(|span| SentenceRange {
                span,
                norm: self.norm_range(span),
            })
            .filter(|s| !s.norm.is_empty())
            .collect()
    }

    fn clean_offset_of(&self, position: usize) -> usize {
        match self.clean.get(position) {
            Some(&c) => c as usize,
            None => self.text.chars().count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_normalized_positions_back_to_clean_offsets() {
        let text = MatchText::new("一、全镇（１２个）村，共　计。");
        assert_eq!(text.chars().iter().collect::<String>(), "一全镇12个村共计");
        // "12个村" is normalized 3..7; in the clean text it runs from "１" to "村".
        let span = text.clean_span(3..7);
        assert_eq!(text.slice(span), "１２个）村");
        assert_eq!(text.norm_range(span), 3..7);
    }

    #[test]
    fn sentences_know_their_normalized_range() {
        let text = MatchText::new("第一句话。\n  第二，句话；");
        let sentences = text.sentences();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].norm, 0..4);
        assert_eq!(sentences[1].norm, 4..8);
        assert_eq!(text.slice(sentences[1].span), "第二，句话；");
    }

    /// Matching and year-over-year alignment see the same sentences, punctuation-only
    /// ones left out by both.
    fn matching_and_report_spans(text: &str) -> (Vec<Span>, Vec<Span>) {
        let mine: Vec<Span> = MatchText::new(text)
            .sentences()
            .iter()
            .map(|s| s.span)
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let mut theirs = Vec::new();
        sentences::split_span(&chars, Span::new(0, chars.len()), None, &mut theirs);
        (mine, theirs.iter().map(|s| s.span).collect())
    }

    #[test]
    fn sentences_split_like_the_report_splitter() {
        let text = "提出“要学习。要落实。”的要求。下一句！\n  第三行（附注）；末尾没有句号";
        let (mine, theirs) = matching_and_report_spans(text);
        assert_eq!(mine, theirs);
        assert_eq!(mine.len(), 4);
        for text in [
            "甲乙。\n　。；\n丙丁",
            "（一）\u{3000}“”。……\n１２３。",
            "。，  ",
        ] {
            let (mine, theirs) = matching_and_report_spans(text);
            assert_eq!(mine, theirs, "{text}");
        }
    }

    #[test]
    fn empty_and_punctuation_only_text_is_safe() {
        let text = MatchText::new("。，  ");
        assert!(text.is_empty());
        assert_eq!(text.clean_span(0..3), Span::new(4, 4));
        assert!(text.sentences().is_empty());
    }
}
