//! The side-by-side layout of an opened pair: items (section headers, aligned rows,
//! folded runs), each side wrapped with the CJK rules of [`crate::text::wrap`] once per
//! width, and the display line each item starts on, so that a frame only slices what is
//! visible.

use std::collections::HashSet;
use std::ops::Range;

mod compose;
mod prelaid;
mod wrap_cache;

pub use compose::{DELETE_BRACKETS, INSERT_BRACKETS};
pub use prelaid::{LayoutAsk, Prelaid};
pub use wrap_cache::WrapCache;

use crate::compare::{Region, Row, SectionPair, SectionStatus};
use crate::i18n::{Lang, Msg, msg};
use crate::report::{Part, Report};
use crate::review::rows::{Segment, fold_rows};
use crate::review::{PairData, Side};
use crate::text::width::text_width;
use crate::text::wrap;
use compose::{Composed, EditPlaces, sentence_marks, title_offsets};

/// Cells left of the text: the kind marker, the reviewer's mark (`!` flagged, `*` a
/// note, `&` both) and the state mark (`✓` a section reviewed, `@` a sentence shared with
/// other townships).
pub const GUTTER: usize = 3;

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
    /// Text made for the view: a heading with its statutory parts, sentences joined,
    /// changed words in brackets.
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

/// One side of an item: its sentences, its text, wrapped lines (character ranges) and
/// highlights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideCell {
    /// The sentences shown, in order: several for a merged or split row, none for a
    /// heading.
    pub sentences: Vec<usize>,
    pub source: Source,
    pub lines: Vec<Range<usize>>,
    pub marks: Vec<Mark>,
}

impl SideCell {
    fn empty() -> SideCell {
        SideCell {
            sentences: Vec::new(),
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

    /// The (first) sentence shown on one side, when there is one.
    pub fn sentence(&self, side: Side) -> Option<usize> {
        self.side(side).sentences.first().copied()
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
    /// Changed words in brackets, for themes without colour.
    pub brackets: bool,
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
            data.old.as_deref().map(sentence_marks).unwrap_or_default(),
            sentence_marks(&data.new),
        ];
        let context = if params.fold {
            params.context
        } else {
            usize::MAX
        };
        for (p, pair) in data.comparison.sections.iter().enumerate() {
            layout.push_header(data, p, pair, lang);
            let segments = if params.fold {
                fold_rows(&pair.rows, context, |start| opened.contains(&(p, start)))
            } else {
                (0..pair.rows.len()).map(Segment::Row).collect()
            };
            for segment in segments {
                match segment {
                    Segment::Row(r) => {
                        layout.push_row(data, (p, r), &pair.rows[r], &marks, lang, wraps)
                    }
                    Segment::Fold(run) => layout.push_item(
                        ItemKind::Fold {
                            pair: p,
                            start: run.start,
                            end: run.end,
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
            for &i in &cell.sentences {
                if let Some(slot) = self.sentence_items[side_index(side)].get_mut(i) {
                    *slot = Some(index);
                }
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
        let edits = pair
            .heading
            .as_ref()
            .map_or(&[][..], |h| h.edits.as_slice());
        let renumbered = renumbered(data, pair);
        let mut cells = [SideCell::empty(), SideCell::empty()];
        for (side, region) in [(Side::Old, pair.old), (Side::New, pair.new)] {
            let (Some(region), Some(report)) = (region, data.report(side)) else {
                continue;
            };
            let places = EditPlaces::of(edits, side, self.params.brackets);
            let heading = HeadingMarks {
                title: &places,
                renumbered,
            };
            let mut text = heading_text(report, region, lang, &heading);
            if side == primary && !meta.is_empty() {
                let amb = self.params.ambiguous_wide;
                let one_line = text_width(&text.text, amb) + 2 + text_width(&meta, amb);
                text.push_made(if one_line <= self.width(side) {
                    "  "
                } else {
                    "\n"
                });
                text.push_made(&meta);
            }
            let lines = wrap::wrap(
                &text.wrap_text,
                self.width(side),
                self.params.ambiguous_wide,
            );
            cells[side_index(side)] = SideCell {
                sentences: Vec::new(),
                source: Source::Text(text.text),
                lines,
                marks: text.marks,
            };
        }
        let [old, new] = cells;
        self.push_item(ItemKind::Header { pair: p }, old, new);
    }

    /// Lays out row `r` of pair `p`: each side's sentences (joined after a note when
    /// several were merged or split), figures, lint places and changed words marked.
    fn push_row(
        &mut self,
        data: &PairData,
        (p, r): (usize, usize),
        row: &Row,
        marks: &[Vec<Vec<Mark>>; 2],
        lang: Lang,
        wraps: &mut WrapCache,
    ) {
        let note = joined_note(row, lang);
        let mut cells = [SideCell::empty(), SideCell::empty()];
        for side in [Side::Old, Side::New] {
            let indices: Vec<usize> = match side {
                Side::Old => row.old_sentences().collect(),
                Side::New => row.new_sentences().collect(),
            };
            let Some(report) = data.report(side).filter(|_| !indices.is_empty()) else {
                continue;
            };
            let places = EditPlaces::of(&row.edits, side, self.params.brackets);
            let note = note.as_deref().filter(|_| indices.len() > 1);
            let text =
                compose::sentences(report, &indices, note, &marks[side_index(side)], &places);
            let (source, lines) = match (text.made, indices.first()) {
                (false, Some(&i)) => (Source::Sentence(i), wraps.lines(side, i, &text.text)),
                _ => {
                    let lines = wrap::wrap(
                        &text.wrap_text,
                        self.width(side),
                        self.params.ambiguous_wide,
                    );
                    (Source::Text(text.text), lines)
                }
            };
            cells[side_index(side)] = SideCell {
                sentences: indices,
                source,
                lines,
                marks: text.marks,
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
            msg(lang, Msg::Similarity),
            pair.similarity.clamp(0.0, 1.0)
        ),
        SectionStatus::Added => msg(lang, Msg::SectionAdded).to_string(),
        SectionStatus::Removed => msg(lang, Msg::SectionRemoved).to_string(),
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

/// What is marked in one side's heading: the title's changed words, and the marker when
/// the section was renumbered (`三、` → `一、`), as a changed word.
struct HeadingMarks<'a> {
    title: &'a EditPlaces,
    renumbered: bool,
}

/// True when both years have the pair's section and its number is written differently.
fn renumbered(data: &PairData, pair: &SectionPair) -> bool {
    let marker = |side: Side, region: Option<Region>| match region {
        Some(Region::Section(i)) => data
            .report(side)
            .and_then(|r| r.sections.get(i))
            .map(|s| s.marker.as_str()),
        _ => None,
    };
    match (marker(Side::Old, pair.old), marker(Side::New, pair.new)) {
        (Some(old), Some(new)) => old != new,
        _ => false,
    }
}

/// The heading of a region as written, marker and title, with the title's changed
/// words (and a changed marker) marked; or the preamble/closing label.
fn heading_text(report: &Report, region: Region, lang: Lang, marks: &HeadingMarks) -> Composed {
    let edits = marks.title;
    let mut text = Composed::default();
    let section = match region {
        Region::Section(i) => report.sections.get(i),
        Region::Preamble => {
            text.push_made(msg(lang, Msg::Preamble));
            return text;
        }
        Region::Closing => {
            text.push_made(msg(lang, Msg::Closing));
            return text;
        }
    };
    let Some(section) = section else {
        return text;
    };
    if marks.renumbered {
        text.push_made_changed(&section.marker, edits);
    } else {
        text.push_made(&section.marker);
    }
    match title_offsets(report, &section.title, section.heading) {
        Some(offsets) => {
            text.push_report(offsets.into_iter().zip(section.title.chars()), edits);
        }
        None => text.push_made(&section.title),
    }
    text
}

/// The heading of a region as written, marker and title, or the preamble/closing
/// label: what a search reads.
pub fn region_heading(report: &Report, region: Region, lang: Lang) -> String {
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

/// `（合并 2→1）` before the joined sentences of a merged row, `（拆分 1→2）` before
/// those of a split one; `None` for a row of one sentence a side.
fn joined_note(row: &Row, lang: Lang) -> Option<String> {
    let (olds, news) = (row.old_sentences().count(), row.new_sentences().count());
    let label = match (olds, news) {
        (o, 1) if o > 1 => Msg::Merged,
        (1, n) if n > 1 => Msg::Split,
        _ => return None,
    };
    Some(format!("（{} {olds}→{news}）", msg(lang, label)))
}
