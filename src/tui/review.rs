//! The state of the review screen: which pair is open, where the cursor is, which panes
//! are shown, and the layout for the current width. Changed only through
//! [`crate::tui::app::App::update`].

use std::collections::HashSet;
use std::sync::Arc;

use super::jobs::{NoteTarget, RequestId};
use super::layout::{DiffLayout, ItemKind, LayoutParams, MarkKind, Source, WrapCache};
use crate::compare::{Region, RowKind};
use crate::i18n::Lang;
use crate::report::{Finding, Report, Span};
use crate::review::{PairData, Side};
use crate::store::{Note, NoteKind, ReportKey};

/// A pane of the review screen that can hold the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Diff,
    Outline,
    Figures,
    Lint,
    Reuse,
}

/// A selection in a list pane, with the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves by `delta` within `len` rows and keeps the selection among `rows` visible.
    pub fn step(&mut self, delta: isize, len: usize, rows: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.reveal(rows);
    }

    /// Scrolls so the selection is among the `rows` shown.
    pub fn reveal(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}

/// One lint finding of either year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LintEntry {
    pub side: Side,
    pub index: usize,
}

/// The review screen.
#[derive(Debug, Clone)]
pub struct ReviewState {
    pub township: String,
    pub county: String,
    pub years: Vec<i32>,
    pub old_year: Option<i32>,
    pub new_year: i32,
    /// The open request; answers to others are stale.
    pub request: RequestId,
    /// The pair on screen (the previous one while the next loads).
    pub data: Option<Arc<PairData>>,
    pub layout: Option<DiffLayout>,
    /// Sentences wrapped at the current width, kept across folds.
    pub wraps: WrapCache,
    pub notes: Vec<Note>,
    pub focus: Pane,
    pub show_figures: bool,
    pub show_lint: bool,
    pub show_outline: bool,
    pub show_reuse: bool,
    /// Item index of the cursor in the layout.
    pub cursor: usize,
    /// First display line shown.
    pub scroll: usize,
    pub fold: bool,
    /// Folds opened by the reviewer: section pair and first folded row.
    pub opened: HashSet<(usize, usize)>,
    pub figures: ListCursor,
    pub lint: ListCursor,
    pub outline: ListCursor,
    /// The selection among the reuse entries of the sentence under the cursor.
    pub reuse: ListCursor,
    /// Where to put the cursor once the pair asked for arrives (a reuse entry opened).
    pub pending_jump: Option<Span>,
    /// The text searched for with `/`.
    pub search: String,
    /// Why the last load failed, shown in place of the text.
    pub error: Option<String>,
}

impl ReviewState {
    /// A review of `years` of a township, opening the latest pair.
    pub fn new(township: &str, county: &str, years: Vec<i32>, fold: bool) -> ReviewState {
        let new_year = years.last().copied().unwrap_or_default();
        let old_year = years.len().checked_sub(2).map(|i| years[i]);
        ReviewState {
            township: township.to_string(),
            county: county.to_string(),
            years,
            old_year,
            new_year,
            request: 0,
            data: None,
            layout: None,
            wraps: WrapCache::default(),
            notes: Vec::new(),
            focus: Pane::Diff,
            show_figures: false,
            show_lint: false,
            show_outline: old_year.is_none(),
            show_reuse: false,
            cursor: 0,
            scroll: 0,
            fold,
            opened: HashSet::new(),
            figures: ListCursor::default(),
            lint: ListCursor::default(),
            outline: ListCursor::default(),
            reuse: ListCursor::default(),
            pending_jump: None,
            search: String::new(),
            error: None,
        }
    }

    /// True while the pair on screen is not the one asked for.
    pub fn loading(&self) -> bool {
        self.error.is_none()
            && !self
                .data
                .as_ref()
                .is_some_and(|d| d.new_year == self.new_year && d.old_year == self.old_year)
    }

    /// Installs a freshly loaded pair. The same pair loaded again (a reload) keeps the
    /// reader's place; another pair starts at the top.
    pub fn install(&mut self, data: Arc<PairData>, notes: Vec<Note>) {
        let same = self
            .data
            .as_ref()
            .is_some_and(|d| d.old_year == data.old_year && d.new_year == data.new_year);
        self.data = Some(data);
        self.notes = notes;
        self.error = None;
        self.wraps.clear();
        if same {
            return;
        }
        self.layout = None;
        self.cursor = 0;
        self.scroll = 0;
        self.opened.clear();
        self.figures = ListCursor::default();
        self.lint = ListCursor::default();
        self.outline = ListCursor::default();
        self.reuse = ListCursor::default();
    }

    /// Lays the pair out for `params` unless the current layout already fits, keeping
    /// the cursor on the same row.
    pub fn relayout(&mut self, params: LayoutParams, lang: Lang, force: bool) {
        let Some(data) = self.data.clone() else {
            return;
        };
        if !force && self.layout.as_ref().is_some_and(|l| l.params == params) {
            return;
        }
        let anchor = self.cursor_anchor();
        let layout = DiffLayout::build(&data, params, &self.opened, lang, &mut self.wraps);
        self.cursor = anchor
            .and_then(|a| find_anchor(&layout, a))
            .unwrap_or(0)
            .min(layout.items.len().saturating_sub(1));
        self.layout = Some(layout);
    }

    fn cursor_anchor(&self) -> Option<ItemKind> {
        self.layout
            .as_ref()
            .and_then(|l| l.items.get(self.cursor))
            .map(|i| i.kind)
    }

    /// Keeps the cursor item on screen in a pane `height` lines tall.
    pub fn reveal_cursor(&mut self, height: usize) {
        let Some(item) = self.layout.as_ref().and_then(|l| l.items.get(self.cursor)) else {
            self.scroll = 0;
            return;
        };
        let height = height.max(1);
        if item.top < self.scroll {
            self.scroll = item.top;
        } else if item.top + item.height > self.scroll + height {
            self.scroll = (item.top + item.height)
                .saturating_sub(height)
                .min(item.top);
        }
    }

    /// Moves the cursor by `delta` items.
    pub fn step(&mut self, delta: isize, height: usize) {
        let Some(layout) = &self.layout else {
            return;
        };
        let last = layout.items.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.reveal_cursor(height);
    }

    /// Scrolls by `lines` display lines and moves the cursor along.
    pub fn scroll_lines(&mut self, lines: isize, height: usize) {
        let Some(layout) = &self.layout else {
            return;
        };
        let max_scroll = layout.total_lines.saturating_sub(height.max(1));
        self.scroll = self.scroll.saturating_add_signed(lines).min(max_scroll);
        let top = layout.items.get(self.cursor).map_or(0, |i| i.top);
        let target = top.saturating_add_signed(lines);
        self.cursor = layout.item_at_line(target);
        let visible_first = layout.item_at_line(self.scroll);
        let visible_last = layout.item_at_line(self.scroll + height.max(1) - 1);
        self.cursor = self
            .cursor
            .clamp(visible_first, visible_last.max(visible_first));
    }

    /// Puts the cursor on item `index`.
    pub fn go_to(&mut self, index: usize, height: usize) {
        if let Some(layout) = &self.layout {
            self.cursor = index.min(layout.items.len().saturating_sub(1));
            self.reveal_cursor(height);
        }
    }

    /// The next (`forward`) or previous item after the cursor that `wanted` accepts.
    pub fn find_item(&self, forward: bool, wanted: impl Fn(usize) -> bool) -> Option<usize> {
        let layout = self.layout.as_ref()?;
        if forward {
            (self.cursor + 1..layout.items.len()).find(|&i| wanted(i))
        } else {
            (0..self.cursor).rev().find(|&i| wanted(i))
        }
    }

    /// True for items worth stopping at with `n`: a changed row, or in a single report a
    /// sentence with a figure or a finding.
    pub fn is_change(&self, index: usize) -> bool {
        let (Some(layout), Some(data)) = (&self.layout, &self.data) else {
            return false;
        };
        let Some(item) = layout.items.get(index) else {
            return false;
        };
        if layout.single {
            return item
                .new
                .marks
                .iter()
                .any(|m| matches!(m.kind, MarkKind::Figure | MarkKind::Lint));
        }
        match item.kind {
            ItemKind::Row { pair, row } => data
                .comparison
                .sections
                .get(pair)
                .and_then(|p| p.rows.get(row))
                .is_some_and(|r| r.kind != RowKind::Unchanged),
            _ => false,
        }
    }

    /// True for section headers.
    pub fn is_header(&self, index: usize) -> bool {
        self.layout
            .as_ref()
            .and_then(|l| l.items.get(index))
            .is_some_and(|i| matches!(i.kind, ItemKind::Header { .. }))
    }

    /// True when an item's sentence contains the search text.
    pub fn matches_search(&self, index: usize) -> bool {
        if self.search.is_empty() {
            return false;
        }
        let (Some(layout), Some(data)) = (&self.layout, &self.data) else {
            return false;
        };
        let Some(item) = layout.items.get(index) else {
            return false;
        };
        [Side::Old, Side::New].into_iter().any(|side| {
            let text = match &item.side(side).source {
                Source::Sentence(i) => data
                    .report(side)
                    .and_then(|r| r.sentences.get(*i))
                    .map(|s| s.text.as_str()),
                Source::Text(t) => Some(t.as_str()),
                Source::Empty => None,
            };
            text.is_some_and(|t| !find_matches(t, &self.search).is_empty())
        })
    }

    /// The sentence under the cursor: this year's side when it has one.
    pub fn cursor_sentence(&self) -> Option<(Side, usize)> {
        let item = self.layout.as_ref()?.items.get(self.cursor)?;
        [Side::New, Side::Old]
            .into_iter()
            .find_map(|side| item.sentence(side).map(|i| (side, i)))
    }

    /// The section under the cursor: its side, year and section path.
    pub fn cursor_section(&self) -> Option<(Side, usize)> {
        let data = self.data.as_ref()?;
        let item = self.layout.as_ref()?.items.get(self.cursor)?;
        let pair = data.comparison.sections.get(item.kind.pair())?;
        [(Side::New, pair.new), (Side::Old, pair.old)]
            .into_iter()
            .find_map(|(side, region)| match region {
                Some(Region::Section(i)) => Some((side, i)),
                _ => None,
            })
    }

    /// The identity of the report on one side.
    pub fn key(&self, side: Side) -> Option<ReportKey> {
        let year = match side {
            Side::Old => self.old_year?,
            Side::New => self.new_year,
        };
        Some(ReportKey {
            township: self.township.clone(),
            county: self.county.clone(),
            year,
        })
    }

    /// Where a note or flag on the cursor's sentence (or section heading) goes.
    pub fn note_target(&self) -> Option<NoteTarget> {
        let data = self.data.as_ref()?;
        if let Some((side, i)) = self.cursor_sentence() {
            let report = data.report(side)?;
            let sentence = report.sentences.get(i)?;
            return Some(NoteTarget {
                key: self.key(side)?,
                section: report.section_path(sentence.section).map(str::to_string),
                sentence: Some(sentence.span),
                excerpt: sentence.text.clone(),
            });
        }
        let (side, section) = self.cursor_section()?;
        let report = data.report(side)?;
        let s = report.sections.get(section)?;
        Some(NoteTarget {
            key: self.key(side)?,
            section: Some(s.path.clone()),
            sentence: None,
            excerpt: format!("{}{}", s.marker, s.title),
        })
    }

    /// The review records of one side's report.
    pub fn notes_of(&self, side: Side) -> impl Iterator<Item = &Note> {
        let year = match side {
            Side::Old => self.old_year,
            Side::New => Some(self.new_year),
        };
        self.notes.iter().filter(move |n| Some(n.year) == year)
    }

    /// True when a section of one side is marked reviewed.
    pub fn is_reviewed(&self, side: Side, path: &str) -> bool {
        self.notes_of(side)
            .any(|n| n.kind == NoteKind::Reviewed && n.section.as_deref() == Some(path))
    }

    /// The flag or note marker for a sentence: `!` flagged, `*` with a note.
    pub fn sentence_marker(&self, side: Side, span: Span) -> Option<NoteKind> {
        let mut found = None;
        for note in self.notes_of(side).filter(|n| n.span() == Some(span)) {
            match note.kind {
                NoteKind::Flag => return Some(NoteKind::Flag),
                NoteKind::Note => found = Some(NoteKind::Note),
                NoteKind::Reviewed => {}
            }
        }
        found
    }

    /// Lint findings of both years, last year's first.
    pub fn lint_entries(&self) -> Vec<LintEntry> {
        let Some(data) = &self.data else {
            return Vec::new();
        };
        [Side::Old, Side::New]
            .into_iter()
            .flat_map(|side| {
                let count = data.report(side).map_or(0, |r| r.lint.len());
                (0..count).map(move |index| LintEntry { side, index })
            })
            .collect()
    }

    /// The finding behind a lint entry.
    pub fn finding(&self, entry: LintEntry) -> Option<&Finding> {
        self.data
            .as_ref()?
            .report(entry.side)?
            .lint
            .get(entry.index)
    }

    /// The outline: sections of the report read in the single view, or of this year's.
    pub fn outline_sections(&self) -> Option<&Report> {
        self.data.as_ref().map(|d| &d.new)
    }

    /// Puts the cursor on the text at `span` of one side, opening a fold when the text
    /// is folded away. Returns false when the place is not shown at all.
    pub fn jump_to(&mut self, side: Side, span: Span, height: usize, lang: Lang) -> bool {
        let Some(data) = self.data.clone() else {
            return false;
        };
        let Some(report) = data.report(side) else {
            return false;
        };
        if let Some(item) = self.header_at(&data, side, span) {
            self.go_to(item, height);
            return true;
        }
        let sentence = report
            .sentences
            .iter()
            .position(|s| s.span.end > span.start && s.span.start <= span.start)
            .or_else(|| {
                report
                    .sentences
                    .iter()
                    .position(|s| s.span.start >= span.start)
            });
        if let Some(i) = sentence {
            if self.item_for_sentence(side, i).is_none() {
                self.open_fold_with(side, i, &data);
                if let Some(params) = self.layout.as_ref().map(|l| l.params) {
                    self.relayout(params, lang, true);
                }
            }
            if let Some(item) = self.item_for_sentence(side, i) {
                self.go_to(item, height);
                return true;
            }
        }
        let section = report
            .sections
            .iter()
            .rposition(|s| s.heading.start <= span.start);
        match section.and_then(|s| self.header_of(&data, side, s)) {
            Some(item) => {
                self.go_to(item, height);
                true
            }
            None => false,
        }
    }

    /// The header item of the section whose heading holds `span`, if any.
    fn header_at(&self, data: &PairData, side: Side, span: Span) -> Option<usize> {
        let report = data.report(side)?;
        let section = report.sections.iter().position(|s| {
            s.heading.start <= span.start && span.start < s.heading.end.max(s.heading.start + 1)
        })?;
        self.header_of(data, side, section)
    }

    /// The header item of a section of one side.
    fn header_of(&self, data: &PairData, side: Side, section: usize) -> Option<usize> {
        let pair = data.comparison.sections.iter().position(|p| {
            let region = if side == Side::Old { p.old } else { p.new };
            region == Some(Region::Section(section))
        })?;
        self.layout
            .as_ref()?
            .items
            .iter()
            .position(|item| matches!(item.kind, ItemKind::Header { pair: p } if p == pair))
    }

    fn item_for_sentence(&self, side: Side, sentence: usize) -> Option<usize> {
        self.layout.as_ref()?.item_of_sentence(side, sentence)
    }

    fn open_fold_with(&mut self, side: Side, sentence: usize, data: &PairData) {
        let Some(layout) = &self.layout else {
            return;
        };
        let fold = layout.items.iter().find_map(|item| match item.kind {
            ItemKind::Fold { pair, start, end } => {
                let rows = data.comparison.sections.get(pair)?.rows.get(start..end)?;
                let has = rows.iter().any(|r| {
                    let s = if side == Side::Old { r.old } else { r.new };
                    s == Some(sentence)
                });
                has.then_some((pair, start))
            }
            _ => None,
        });
        if let Some(fold) = fold {
            self.opened.insert(fold);
        }
    }
}

/// Finds the item that shows what `anchor` showed in another layout of the same pair.
fn find_anchor(layout: &DiffLayout, anchor: ItemKind) -> Option<usize> {
    let exact = layout.items.iter().position(|i| i.kind == anchor);
    if exact.is_some() {
        return exact;
    }
    let (pair, row) = match anchor {
        ItemKind::Row { pair, row } => (pair, row),
        ItemKind::Fold { pair, start, .. } => (pair, start),
        ItemKind::Header { .. } => return None,
    };
    layout.items.iter().position(|i| match i.kind {
        ItemKind::Row { pair: p, row: r } => p == pair && r == row,
        ItemKind::Fold {
            pair: p,
            start,
            end,
        } => p == pair && (start..end).contains(&row),
        ItemKind::Header { .. } => false,
    })
}

/// Character ranges where `query` occurs in `text`, ignoring ASCII case.
pub fn find_matches(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let needle: Vec<char> = query.chars().map(|c| c.to_ascii_lowercase()).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cursor_stays_in_range_and_in_view() {
        let mut c = ListCursor::default();
        c.step(5, 3, 10);
        assert_eq!(c.selected, 2);
        c.step(-10, 3, 10);
        assert_eq!(c.selected, 0);
        let mut c = ListCursor::default();
        c.step(7, 20, 5);
        assert_eq!((c.selected, c.offset), (7, 3));
        c.step(-6, 20, 5);
        assert_eq!((c.selected, c.offset), (1, 1));
        c.step(1, 0, 5);
        assert_eq!(c, ListCursor::default());
    }

    #[test]
    fn matches_are_found_by_character() {
        assert_eq!(find_matches("法治法治ab", "法治"), [0..2, 2..4]);
        assert_eq!(find_matches("ABC", "bc"), vec![1..3]);
        assert!(find_matches("abc", "").is_empty());
    }
}
