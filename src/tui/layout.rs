//! The side-by-side layout of an opened pair: items (section headers, aligned rows,
//! folded runs), each side wrapped with the CJK rules of [`super::wrap`] once per width,
//! and the display line each item starts on, so that a frame only slices what is visible.

use std::collections::HashSet;
use std::ops::Range;

use super::pair::{PairData, Side};
use super::wrap;
use crate::compare::{Edit, EditOp, Region, Row, RowKind, SectionPair, SectionStatus};
use crate::i18n::{Lang, Msg, msg};
use crate::report::{Part, Report};

/// Cells left of the text for the kind marker and the review marker.
pub const GUTTER: usize = 2;

/// What an item of the layout shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// The heading of a section pair.
    Header { pair: usize },
    /// One aligned row of a section pair.
    Row { pair: usize, row: usize },
    /// A run of unchanged rows `[start, end)` of a section pair, folded into one line.
    Fold {
        pair: usize,
        start: usize,
        end: usize,
    },
}

impl ItemKind {
    /// The section pair the item belongs to.
    pub fn pair(&self) -> usize {
        match *self {
            ItemKind::Header { pair }
            | ItemKind::Row { pair, .. }
            | ItemKind::Fold { pair, .. } => pair,
        }
    }
}

/// Where one side's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Empty,
    /// A sentence of that side's report, by index.
    Sentence(usize),
    /// Text made for the view (a heading with its statutory parts).
    Text(String),
}

/// Why some characters stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// Words only in this year (new side of a modified row).
    Insert,
    /// Words only in last year (old side of a modified row).
    Delete,
    /// A reported figure.
    Figure,
    /// The place of a lint finding.
    Lint,
}

/// A highlighted character range of one side's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub kind: MarkKind,
}

/// One side of an item: its text, wrapped lines (character ranges) and highlights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideCell {
    pub source: Source,
    pub lines: Vec<Range<usize>>,
    pub marks: Vec<Mark>,
}

impl SideCell {
    fn empty() -> SideCell {
        SideCell {
            source: Source::Empty,
            lines: Vec::new(),
            marks: Vec::new(),
        }
    }
}

/// One item with both sides and its place among the display lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub old: SideCell,
    pub new: SideCell,
    /// The first display line of the item.
    pub top: usize,
    /// Display lines the item takes (the taller side).
    pub height: usize,
}

impl Item {
    /// One side of the item.
    pub fn side(&self, side: Side) -> &SideCell {
        match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        }
    }

    /// The sentence shown on one side, when there is one.
    pub fn sentence(&self, side: Side) -> Option<usize> {
        match self.side(side).source {
            Source::Sentence(i) => Some(i),
            _ => None,
        }
    }
}

/// What the layout depends on besides the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutParams {
    /// Width of the diff pane in cells, gutter included.
    pub width: u16,
    pub ambiguous_wide: bool,
    /// Fold runs of unchanged rows.
    pub fold: bool,
    /// Unchanged rows kept in view on each side of a change.
    pub context: usize,
}

/// Wrapped lines of every sentence of both years at one pair of column widths, so that
/// folding and unfolding never wrap the text again: only a new width does.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    /// Left width, right width and ambiguous-width setting the lines were wrapped for.
    key: Option<(usize, usize, bool)>,
    sentences: [Vec<Option<Vec<Range<usize>>>>; 2],
}

impl WrapCache {
    /// Forgets every wrapped line (another pair, or new text).
    pub fn clear(&mut self) {
        *self = WrapCache::default();
    }

    /// Starts over when the widths differ from those the lines were wrapped for.
    fn prepare(&mut self, data: &PairData, key: (usize, usize, bool)) {
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        self.sentences = [
            vec![None; data.old.as_ref().map_or(0, |r| r.sentences.len())],
            vec![None; data.new.sentences.len()],
        ];
    }

    /// The lines of sentence `index` of one side, wrapped on first use.
    fn lines(&mut self, side: Side, index: usize, text: &str) -> Vec<Range<usize>> {
        let Some((left, right, ambiguous_wide)) = self.key else {
            return Vec::new();
        };
        let width = match side {
            Side::Old => left,
            Side::New => right,
        };
        match self.sentences[side_index(side)].get_mut(index) {
            Some(slot) => slot
                .get_or_insert_with(|| wrap::wrap(text, width, ambiguous_wide))
                .clone(),
            None => wrap::wrap(text, width, ambiguous_wide),
        }
    }

    /// How many sentences have been wrapped at the current widths.
    pub fn wrapped(&self) -> usize {
        self.sentences
            .iter()
            .flatten()
            .filter(|s| s.is_some())
            .count()
    }
}

/// The laid-out pair.
#[derive(Debug, Clone)]
pub struct DiffLayout {
    pub params: LayoutParams,
    /// Only one year: no old column.
    pub single: bool,
    pub left_width: usize,
    pub right_width: usize,
    pub items: Vec<Item>,
    pub total_lines: usize,
    /// For each sentence of each side, the item showing it (`None` while folded).
    sentence_items: [Vec<Option<usize>>; 2],
}

fn side_index(side: Side) -> usize {
    usize::from(side == Side::New)
}

impl DiffLayout {
    /// Lays `data` out at `params`; `opened` lists folds the reviewer opened, by section
    /// pair and first row. Sentences are wrapped through `wraps`, so a layout at a width
    /// already seen wraps nothing again.
    pub fn build(
        data: &PairData,
        params: LayoutParams,
        opened: &HashSet<(usize, usize)>,
        lang: Lang,
        wraps: &mut WrapCache,
    ) -> DiffLayout {
        let single = data.is_single();
        let text_width = usize::from(params.width).saturating_sub(GUTTER);
        let (left_width, right_width) = if single {
            (0, text_width.max(1))
        } else {
            let both = text_width.saturating_sub(1);
            let left = (both / 2).max(1);
            (left, both.saturating_sub(left).max(1))
        };
        let mut layout = DiffLayout {
            params,
            single,
            left_width,
            right_width,
            items: Vec::new(),
            total_lines: 0,
            sentence_items: [
                vec![None; data.old.as_ref().map_or(0, |r| r.sentences.len())],
                vec![None; data.new.sentences.len()],
            ],
        };
        wraps.prepare(data, (left_width, right_width, params.ambiguous_wide));
        let marks = [
            data.old.as_ref().map(sentence_marks).unwrap_or_default(),
            sentence_marks(&data.new),
        ];
        for (p, pair) in data.comparison.sections.iter().enumerate() {
            layout.push_header(data, p, pair, lang);
            for segment in segments(&pair.rows, params, |start| opened.contains(&(p, start))) {
                match segment {
                    Segment::Row(r) => layout.push_row(data, p, r, &pair.rows[r], &marks, wraps),
                    Segment::Fold(start, end) => layout.push_item(
                        ItemKind::Fold {
                            pair: p,
                            start,
                            end,
                        },
                        SideCell::empty(),
                        SideCell::empty(),
                    ),
                }
            }
        }
        layout
    }

    fn push_item(&mut self, kind: ItemKind, old: SideCell, new: SideCell) {
        let height = old.lines.len().max(new.lines.len()).max(1);
        let index = self.items.len();
        for (side, cell) in [(Side::Old, &old), (Side::New, &new)] {
            if let Source::Sentence(i) = cell.source
                && let Some(slot) = self.sentence_items[side_index(side)].get_mut(i)
            {
                *slot = Some(index);
            }
        }
        self.items.push(Item {
            kind,
            old,
            new,
            top: self.total_lines,
            height,
        });
        self.total_lines += height;
    }

    fn push_header(&mut self, data: &PairData, p: usize, pair: &SectionPair, lang: Lang) {
        let meta = header_meta(pair, self.single, lang);
        let primary = if pair.new.is_some() {
            Side::New
        } else {
            Side::Old
        };
        let mut cells = [SideCell::empty(), SideCell::empty()];
        for (side, region) in [(Side::Old, pair.old), (Side::New, pair.new)] {
            let (Some(region), Some(report)) = (region, data.report(side)) else {
                continue;
            };
            let mut text = heading_text(report, region, lang);
            if side == primary && !meta.is_empty() {
                text.push_str("  ");
                text.push_str(&meta);
            }
            let lines = wrap::wrap(&text, self.width(side), self.params.ambiguous_wide);
            cells[side_index(side)] = SideCell {
                source: Source::Text(text),
                lines,
                marks: Vec::new(),
            };
        }
        let [old, new] = cells;
        self.push_item(ItemKind::Header { pair: p }, old, new);
    }

    fn push_row(
        &mut self,
        data: &PairData,
        p: usize,
        r: usize,
        row: &Row,
        marks: &[Vec<Vec<Mark>>; 2],
        wraps: &mut WrapCache,
    ) {
        let mut cells = [SideCell::empty(), SideCell::empty()];
        for (side, index) in [(Side::Old, row.old), (Side::New, row.new)] {
            let (Some(i), Some(report)) = (index, data.report(side)) else {
                continue;
            };
            let Some(sentence) = report.sentences.get(i) else {
                continue;
            };
            let mut side_marks = marks[side_index(side)].get(i).cloned().unwrap_or_default();
            side_marks.extend(edit_marks(&sentence.text, &row.edits, side));
            cells[side_index(side)] = SideCell {
                source: Source::Sentence(i),
                lines: wraps.lines(side, i, &sentence.text),
                marks: side_marks,
            };
        }
        let [old, new] = cells;
        self.push_item(ItemKind::Row { pair: p, row: r }, old, new);
    }

    fn width(&self, side: Side) -> usize {
        match side {
            Side::Old => self.left_width,
            Side::New => self.right_width,
        }
    }

    /// The item on display line `line` (the last item past the end).
    pub fn item_at_line(&self, line: usize) -> usize {
        self.items
            .partition_point(|item| item.top + item.height <= line)
            .min(self.items.len().saturating_sub(1))
    }

    /// The item showing a sentence, unless it is folded away.
    pub fn item_of_sentence(&self, side: Side, sentence: usize) -> Option<usize> {
        self.sentence_items[side_index(side)]
            .get(sentence)
            .copied()
            .flatten()
    }
}

/// Statutory parts, and the similarity of a matched pair: `[P1] 相似 0.82`.
fn header_meta(pair: &SectionPair, single: bool, lang: Lang) -> String {
    let mut meta = String::new();
    if !pair.parts.is_empty() {
        let parts: Vec<&str> = pair.parts.iter().map(|p| part_name(*p)).collect();
        meta.push('[');
        meta.push_str(&parts.join("·"));
        meta.push(']');
    }
    if single {
        return meta;
    }
    let status = match pair.status {
        SectionStatus::Matched => format!(
            "{} {:.2}",
            msg(lang, Msg::TuiSimilarity),
            pair.similarity.clamp(0.0, 1.0)
        ),
        SectionStatus::Added => msg(lang, Msg::TuiSectionAdded).to_string(),
        SectionStatus::Removed => msg(lang, Msg::TuiSectionRemoved).to_string(),
    };
    if !meta.is_empty() {
        meta.push(' ');
    }
    meta.push_str(&status);
    meta
}

/// The short name of a statutory part.
pub fn part_name(part: Part) -> &'static str {
    match part {
        Part::P1 => "P1",
        Part::P2 => "P2",
        Part::P3 => "P3",
        Part::P4 => "P4",
        Part::P5 => "P5",
    }
}

/// The heading of a region as written: marker and title, or the preamble/closing label.
pub fn heading_text(report: &Report, region: Region, lang: Lang) -> String {
    match region {
        Region::Section(i) => report
            .sections
            .get(i)
            .map(|s| format!("{}{}", s.marker, s.title))
            .unwrap_or_default(),
        Region::Preamble => msg(lang, Msg::Preamble).to_string(),
        Region::Closing => msg(lang, Msg::Closing).to_string(),
    }
}

/// Rows shown one by one, or folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Row(usize),
    Fold(usize, usize),
}

/// Splits a pair's rows into shown rows and folded runs of unchanged ones, keeping
/// `context` unchanged rows next to each change. Runs that would hide fewer than two
/// rows are shown.
fn segments(rows: &[Row], params: LayoutParams, opened: impl Fn(usize) -> bool) -> Vec<Segment> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        if rows[i].kind != RowKind::Unchanged || !params.fold {
            out.push(Segment::Row(i));
            i += 1;
            continue;
        }
        let start = i;
        while i < rows.len() && rows[i].kind == RowKind::Unchanged {
            i += 1;
        }
        let end = i;
        let keep_before = if start == 0 { 0 } else { params.context };
        let keep_after = if end == rows.len() { 0 } else { params.context };
        let fold_start = start + keep_before.min(end - start);
        let fold_end = end.saturating_sub(keep_after).max(fold_start);
        if fold_end - fold_start < 2 || opened(fold_start) {
            out.extend((start..end).map(Segment::Row));
            continue;
        }
        out.extend((start..fold_start).map(Segment::Row));
        out.push(Segment::Fold(fold_start, fold_end));
        out.extend((fold_end..end).map(Segment::Row));
    }
    out
}

/// Figures and lint places of each sentence, relative to the sentence.
fn sentence_marks(report: &Report) -> Vec<Vec<Mark>> {
    let mut marks = vec![Vec::new(); report.sentences.len()];
    let spans = report
        .figures
        .iter()
        .map(|f| (f.span, MarkKind::Figure))
        .chain(
            report
                .lint
                .iter()
                .filter_map(|f| f.span.map(|s| (s, MarkKind::Lint))),
        );
    for (span, kind) in spans {
        let at = report
            .sentences
            .partition_point(|s| s.span.end <= span.start);
        let Some(sentence) = report.sentences.get(at) else {
            continue;
        };
        if sentence.span.start >= span.end {
            continue;
        }
        let start = span.start.max(sentence.span.start) - sentence.span.start;
        let end = span.end.min(sentence.span.end) - sentence.span.start;
        if start < end {
            marks[at].push(Mark {
                range: start..end,
                kind,
            });
        }
    }
    marks
}

/// Places the word edits of one side on the sentence: deletions on the old side,
/// insertions on the new. Edit text is found in order; text that cannot be found (an
/// engine that normalized it) is skipped rather than misplaced.
pub fn edit_marks(sentence: &str, edits: &[Edit], side: Side) -> Vec<Mark> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut marks = Vec::new();
    let mut pos = 0;
    for edit in edits {
        let (shown, kind) = match (edit.op, side) {
            (EditOp::Equal, _) => (true, None),
            (EditOp::Delete, Side::Old) => (true, Some(MarkKind::Delete)),
            (EditOp::Insert, Side::New) => (true, Some(MarkKind::Insert)),
            _ => (false, None),
        };
        if !shown || edit.text.is_empty() {
            continue;
        }
        let needle: Vec<char> = edit.text.chars().collect();
        let Some(at) = find_chars(&chars, &needle, pos) else {
            continue;
        };
        let end = at + needle.len();
        if let Some(kind) = kind {
            marks.push(Mark {
                range: at..end,
                kind,
            });
        }
        pos = end;
    }
    marks
}

fn find_chars(haystack: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (from..=haystack.len() - needle.len()).find(|&i| haystack[i..i + needle.len()] == *needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: RowKind) -> Row {
        Row {
            kind,
            old: None,
            new: None,
            edits: Vec::new(),
            old_joined: Vec::new(),
            new_joined: Vec::new(),
        }
    }

    fn params(fold: bool, context: usize) -> LayoutParams {
        LayoutParams {
            width: 80,
            ambiguous_wide: false,
            fold,
            context,
        }
    }

    #[test]
    fn folding_keeps_context_next_to_changes() {
        use RowKind::*;
        let kinds = [
            Unchanged, Unchanged, Unchanged, Unchanged, Modified, Unchanged, Unchanged, Unchanged,
            Unchanged, Unchanged, Unchanged, Added, Unchanged,
        ];
        let rows: Vec<Row> = kinds.iter().map(|k| row(*k)).collect();
        let out = segments(&rows, params(true, 1), |_| false);
        assert_eq!(
            out,
            [
                Segment::Fold(0, 3),
                Segment::Row(3),
                Segment::Row(4),
                Segment::Row(5),
                Segment::Fold(6, 10),
                Segment::Row(10),
                Segment::Row(11),
                Segment::Row(12),
            ]
        );
        let unfolded = segments(&rows, params(true, 1), |start| start == 6);
        assert!(unfolded.contains(&Segment::Row(7)));
        assert!(unfolded.contains(&Segment::Fold(0, 3)));
        let off = segments(&rows, params(false, 1), |_| false);
        assert_eq!(off.len(), rows.len());
    }

    #[test]
    fn a_fully_unchanged_section_folds_to_one_line() {
        let rows: Vec<Row> = (0..5).map(|_| row(RowKind::Unchanged)).collect();
        assert_eq!(
            segments(&rows, params(true, 3), |_| false),
            [Segment::Fold(0, 5)]
        );
    }

    #[test]
    fn edits_land_on_their_words() {
        let edits = vec![
            Edit {
                op: EditOp::Equal,
                text: "全年开展".into(),
                old_span: None,
                new_span: None,
            },
            Edit {
                op: EditOp::Delete,
                text: "12次".into(),
                old_span: None,
                new_span: None,
            },
            Edit {
                op: EditOp::Insert,
                text: "15次".into(),
                old_span: None,
                new_span: None,
            },
            Edit {
                op: EditOp::Equal,
                text: "学习".into(),
                old_span: None,
                new_span: None,
            },
        ];
        let old = edit_marks("全年开展12次学习。", &edits, Side::Old);
        assert_eq!(
            old,
            [Mark {
                range: 4..7,
                kind: MarkKind::Delete
            }]
        );
        let new = edit_marks("全年开展15次学习。", &edits, Side::New);
        assert_eq!(
            new,
            [Mark {
                range: 4..7,
                kind: MarkKind::Insert
            }]
        );
        let lost = edit_marks("完全不同的句子", &edits, Side::New);
        assert!(lost.is_empty());
    }
}
