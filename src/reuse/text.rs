//! A report's text prepared for matching: the normalized character stream with a map
//! back to clean-text character offsets, and its sentences located in both.

use std::ops::Range;
use std::sync::OnceLock;

use super::fingerprint::KGRAM;
use crate::report::normalize::{fold_width, is_ignorable};
use crate::report::segment::jieba;
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
    /// `bytes[i]` is the byte offset of normalized character `i` in the clean text.
    bytes: Vec<u32>,
    /// Normalized positions where a clause begins, ascending, from 0 to the length.
    clauses: Vec<u32>,
    /// Characters in the clean text.
    clean_chars: usize,
    /// Word edges of each clause no longer than [`WORD_WINDOW`] (whose window is the
    /// whole clause wherever in it an edge falls), segmented when first asked: ranking
    /// every report asks for the same partners' clauses again and again.
    clause_words: Box<[OnceLock<Box<[u32]>>]>,
}

/// Characters of a clause segmented around a passage's edge: a longer clause (text with
/// no punctuation) is segmented in a window of this many characters on each side.
const WORD_WINDOW: usize = 100;

/// Endings of place names (`东安镇`): a run starting on one began inside a name.
const PLACE_ENDINGS: &[char] = &['镇', '乡', '县', '区', '市', '村'];

/// Marks that end a clause or a sentence (after width folding: `，` is `,`).
const CLAUSE_MARKS: &[char] = &[
    '。', ',', '、', ';', ':', '!', '?', '.', '\n', '…', '｡', '､',
];

/// True when `c` ends a clause: a clause mark, except `,` `:` `.` between digits
/// (`1,200`, `9:30`, `3.5`).
fn ends_clause(c: char, before: Option<char>, after: Option<char>) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    CLAUSE_MARKS.contains(&c) && !(matches!(c, ',' | ':' | '.') && digit(before) && digit(after))
}

/// Brackets and quotes as (opening, closing): a passage holding one mark of a pair at
/// its edge takes in the other, so `（四）` and `“宪法进万家”` stay whole.
const PAIRED_MARKS: &[(char, char)] = &[
    ('（', '）'),
    ('(', ')'),
    ('【', '】'),
    ('[', ']'),
    ('〔', '〕'),
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('〈', '〉'),
    ('「', '」'),
    ('『', '』'),
];

/// For each pair of [`PAIRED_MARKS`] in `chars`: closing marks before their opening one
/// (`四）…`), and opening marks left open at the end (`…“宪法进万家`).
fn unmatched_marks(text: &str) -> (Vec<usize>, Vec<usize>) {
    let mut unopened = vec![0; PAIRED_MARKS.len()];
    let mut unclosed = vec![0; PAIRED_MARKS.len()];
    for c in text.chars() {
        if let Some(i) = PAIRED_MARKS.iter().position(|&(open, _)| open == c) {
            unclosed[i] += 1;
        } else if let Some(i) = PAIRED_MARKS.iter().position(|&(_, close)| close == c) {
            if unclosed[i] > 0 {
                unclosed[i] -= 1;
            } else {
                unopened[i] += 1;
            }
        }
    }
    (unopened, unclosed)
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
        // Room for every character: the three lists never grow.
        let clean_chars = text.chars().count();
        let mut chars = Vec::with_capacity(clean_chars);
        let mut clean = Vec::with_capacity(clean_chars);
        let mut bytes = Vec::with_capacity(clean_chars);
        let mut clauses = vec![0];
        let mut source = text.char_indices().enumerate().peekable();
        let offset32 = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        while let Some((offset, (byte, c))) = source.next() {
            // CJK ideographs, most of a report, neither fold nor drop: skip the checks.
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                chars.push(c);
                clean.push(offset32(offset));
                bytes.push(offset32(byte));
                continue;
            }
            let folded = fold_width(c);
            if !is_ignorable(folded) {
                chars.push(folded);
                clean.push(offset32(offset));
                bytes.push(offset32(byte));
            } else if ends_clause(
                folded,
                chars.last().copied(),
                source.peek().map(|&(_, (_, c))| fold_width(c)),
            ) {
                let at = offset32(chars.len());
                if clauses.last() != Some(&at) {
                    clauses.push(at);
                }
            }
        }
        let end = u32::try_from(chars.len()).unwrap_or(u32::MAX);
        if clauses.last() != Some(&end) {
            clauses.push(end);
        }
        let clause_words = (0..clauses.len()).map(|_| OnceLock::new()).collect();
        MatchText {
            text: text.to_string(),
            chars,
            clean,
            bytes,
            clauses,
            clean_chars,
            clause_words,
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

    /// The part of a shared run `range` that is a passage: a tail of the clause before
    /// it (`次。（二）…`) or the head of the clause after it (`…。全年召开会议4`), too
    /// short to be evidence on its own, is left out, as are a number cut by the run,
    /// a word cut by it (each edge inside a clause moves inwards to the nearest edge of
    /// a word as the segmenter cuts the clause) and a place name's ending (`镇坚持…`
    /// where the names differ). Empty, at `range.start`, when nothing is left.
    pub fn passage_range(&self, range: Range<usize>) -> Range<usize> {
        let chars = &self.chars;
        let Range { mut start, mut end } = self.within_words(range.clone());
        if start < end && !self.is_clause_start(start) && PLACE_ENDINGS.contains(&chars[start]) {
            // `村` of `村居` is no name's ending: what is left must still start a word.
            start = self.within_words(start + 1..end).start;
        }
        let first = self.clauses.partition_point(|&c| (c as usize) <= start);
        if let Some(&next) = self.clauses.get(first) {
            let next = next as usize;
            if !self.is_clause_start(start) && next < end && next - start < KGRAM {
                start = next;
            }
        }
        let last = self.clauses.partition_point(|&c| (c as usize) < end);
        if let Some(&before) = last.checked_sub(1).and_then(|i| self.clauses.get(i)) {
            let before = before as usize;
            if !self.is_clause_start(end) && before > start && end - before < KGRAM {
                end = before;
            }
        }
        if start < end {
            start..end
        } else {
            range.start..range.start
        }
    }

    /// `range` with each edge inside a clause moved inwards off a number (and its
    /// unit) and onto the nearest edge of a word as the segmenter cuts the clause.
    pub fn within_words(&self, range: Range<usize>) -> Range<usize> {
        let chars = &self.chars;
        let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
        let (mut start, mut end) = (range.start, range.end.min(chars.len()));
        // A run never starts inside a number or on its unit, nor ends inside one.
        while start < end && start > 0 && !self.is_clause_start(start) && digit(start - 1) {
            start += 1;
        }
        while end > start && end < chars.len() && digit(end) && digit(end - 1) {
            end -= 1;
        }
        while end > start && digit(end - 1) && !self.is_clause_start(end) {
            end -= 1;
        }
        if start < end && !self.is_clause_start(start) {
            let edges = self.word_edges(start);
            start = edges.iter().copied().find(|&e| e >= start).unwrap_or(end);
        }
        if start < end && !self.is_clause_start(end) {
            let edges = self.word_edges(end - 1);
            end = edges
                .iter()
                .rev()
                .copied()
                .find(|&e| e <= end)
                .unwrap_or(start);
        }
        start..end.max(start)
    }

    /// The normalized positions where the words of the clause holding position `at`
    /// begin and end, ascending, as the segmenter cuts the clause (within
    /// [`WORD_WINDOW`] characters of `at`).
    fn word_edges(&self, at: usize) -> Vec<usize> {
        let next = self.clauses.partition_point(|&c| (c as usize) <= at);
        let clause_start = next
            .checked_sub(1)
            .and_then(|i| self.clauses.get(i))
            .map_or(0, |&c| c as usize);
        let clause_end = self
            .clauses
            .get(next)
            .map_or(self.chars.len(), |&c| c as usize);
        let from = clause_start.max(at.saturating_sub(WORD_WINDOW));
        let to = clause_end.min(at + WORD_WINDOW);
        let whole_clause = from == clause_start && to == clause_end;
        match next.checked_sub(1).and_then(|i| self.clause_words.get(i)) {
            Some(cached) if whole_clause => cached
                .get_or_init(|| self.segment(from, to).into_boxed_slice())
                .iter()
                .map(|&edge| edge as usize)
                .collect(),
            _ => self
                .segment(from, to)
                .into_iter()
                .map(|edge| edge as usize)
                .collect(),
        }
    }

    /// The edges of the words the segmenter cuts `from..to` into, from `from` on.
    fn segment(&self, from: usize, to: usize) -> Vec<u32> {
        let clause: String = self.chars[from..to].iter().collect();
        let offset32 = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        std::iter::once(offset32(from))
            .chain(
                jieba()
                    .cut(&clause, true)
                    .iter()
                    .map(|word| offset32(from + word.end)),
            )
            .collect()
    }

    /// True when `range` is whole clauses: it begins where a clause begins and ends
    /// where one ends.
    pub fn is_whole_clauses(&self, range: &Range<usize>) -> bool {
        !range.is_empty() && self.is_clause_start(range.start) && self.is_clause_start(range.end)
    }

    /// True when a clause begins at normalized position `at` (or the text ends there).
    fn is_clause_start(&self, at: usize) -> bool {
        self.clauses
            .binary_search(&u32::try_from(at).unwrap_or(u32::MAX))
            .is_ok()
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

    /// The clean-text span of a passage over normalized characters `range`: as
    /// [`MatchText::clean_span`], widened over the brackets and quotes right beside it
    /// whose partner it holds, so a passage starting on `（四）` keeps its opening bracket.
    pub fn passage_span(&self, range: Range<usize>) -> Span {
        self.passage(range).0
    }

    /// The span of [`MatchText::passage_span`] (a number ending it keeps its `%`) and
    /// the clean text it covers, found in
    /// time proportional to the passage, not to the text.
    pub fn passage(&self, range: Range<usize>) -> (Span, &str) {
        let end = range.end.min(self.chars.len());
        let start = range.start.min(end);
        if start == end {
            return (self.clean_span(start..end), "");
        }
        let mut from = self.bytes[start] as usize;
        let last = self.bytes[end - 1] as usize;
        let mut to = last + self.text[last..].chars().next().map_or(0, char::len_utf8);
        let mut span = Span::new(self.clean[start] as usize, self.clean[end - 1] as usize + 1);
        let (mut unopened, mut unclosed) = unmatched_marks(&self.text[from..to]);
        for c in self.text[..from].chars().rev() {
            match PAIRED_MARKS.iter().position(|&(open, _)| open == c) {
                Some(i) if unopened[i] > 0 => unopened[i] -= 1,
                _ => break,
            }
            from -= c.len_utf8();
            span.start -= 1;
        }
        let percent = self.text[to..].chars().next().filter(|&c| {
            matches!(fold_width(c), '%' | '‰') && self.chars[end - 1].is_ascii_digit()
        });
        if let Some(c) = percent {
            to += c.len_utf8();
            span.end += 1;
        }
        for c in self.text[to..].chars() {
            match PAIRED_MARKS.iter().position(|&(_, close)| close == c) {
                Some(i) if unclosed[i] > 0 => unclosed[i] -= 1,
                _ => break,
            }
            to += c.len_utf8();
            span.end += 1;
        }
        (span, &self.text[from..to])
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
        let mut all = Vec::with_capacity(self.clean_chars);
        all.extend(self.text.chars());
        sentences::spans(&all, Span::new(0, all.len()))
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
            None => self.clean_chars,
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
    fn passages_never_cut_a_number_or_a_clause_tail() {
        let text = MatchText::new(
            "全年召开会议4次。（二）推进依法决策，发放资料20000余份，东安镇坚持以人民为中心的发展思想，审查合同1,200份",
        );
        let norm: String = text.chars().iter().collect();
        let passage = |from: &str, to: &str| {
            let at = |s: &str| norm.find(s).map_or(0, |b| norm[..b].chars().count());
            let range = text.passage_range(at(from)..at(to) + to.chars().count());
            text.chars()[range].iter().collect::<String>()
        };
        // `…会议4` / `次。（二）…` / `资料20`: no number is cut, no clause's tail kept.
        assert_eq!(passage("全年", "会议4"), "全年召开会议");
        assert_eq!(passage("次", "决策"), "二推进依法决策");
        assert_eq!(passage("二", "资料20"), "二推进依法决策");
        assert_eq!(
            passage("000余份", "发展思想"),
            "东安镇坚持以人民为中心的发展思想"
        );
        // A long stretch of a clause is kept, from where the names stop differing on.
        assert_eq!(passage("镇坚持", "发展思想"), "坚持以人民为中心的发展思想");
        assert_eq!(
            passage("召开", "思想"),
            "二推进依法决策发放资料20000余份东安镇坚持以人民为中心的发展思想"
        );
        // Commas inside numbers are no clause marks: the number is kept whole or not at all.
        assert_eq!(
            passage("东安", "1200份"),
            "东安镇坚持以人民为中心的发展思想审查合同1200份"
        );
        assert_eq!(
            passage("东安", "合同12"),
            "东安镇坚持以人民为中心的发展思想"
        );
        // A word cut at either edge is left out (`持以…` / `…发展思`).
        assert_eq!(passage("持以", "发展思"), "以人民为中心的发展");
        assert_eq!(passage("民为", "中心的发"), "为中心的");
    }

    #[test]
    fn passage_spans_keep_numbering_and_quotes_whole() {
        let text =
            MatchText::new("已完成。（四）强化“谁执法谁普法”责任制落实，开展【法律进乡村】活动。");
        let norm: String = text.chars().iter().collect();
        let span_of = |from: &str, to: &str| {
            let at = |s: &str| norm.find(s).map_or(0, |b| norm[..b].chars().count());
            let (span, passage) = text.passage(at(from)..at(to) + to.chars().count());
            assert_eq!(text.slice(span), passage);
            passage.to_string()
        };
        assert_eq!(span_of("四", "落实"), "（四）强化“谁执法谁普法”责任制落实");
        assert_eq!(span_of("强化", "普法"), "强化“谁执法谁普法”");
        assert_eq!(span_of("开展", "乡村"), "开展【法律进乡村】");
        // A mark with no partner inside the passage is not taken in.
        assert_eq!(
            span_of("强化", "活动"),
            "强化“谁执法谁普法”责任制落实，开展【法律进乡村】活动"
        );
        assert_eq!(span_of("责任制", "落实"), "责任制落实");
    }

    #[test]
    fn empty_and_punctuation_only_text_is_safe() {
        let text = MatchText::new("。，  ");
        assert!(text.is_empty());
        assert_eq!(text.clean_span(0..3), Span::new(4, 4));
        assert!(text.sentences().is_empty());
    }
}
