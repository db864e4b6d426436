//! The state of the review screen: which pair is open, where the cursor is, which panes
//! are shown, and the layout for the current width; moving the cursor through the
//! layout. Changed only through [`super::App::update`].

use std::collections::HashSet;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::records::Records;
use super::search::Search;
use crate::compare::{Region, RowKind};
use crate::i18n::Lang;
use crate::report::Span;
use crate::review::{PairData, Side};
use crate::store::Note;
use crate::store::ReportKey;
use crate::tui::diff_lines::{
    DiffLayout, ItemKind, LayoutAsk, LayoutParams, MarkKind, Prelaid, WrapCache,
};
use crate::tui::jobs::{CrossRequest, Job, OpenRequest, RequestId};
use crate::tui::pane::{Pane, PaneState, SideMap, SidePane};
use crate::tui::pane_areas::{ReviewAreas, review_areas};

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
    /// The township's review records, indexed for drawing.
    pub records: Records,
    pub focus: Pane,
    /// Which side panes are open, and the selection in each.
    pub panes: SideMap<PaneState>,
    /// The lint findings of both years, listed once per pair.
    pub(super) lint: Vec<LintEntry>,
    /// Rows changed (and a changed heading) in each section of this year's report, by
    /// section index; worked out once per pair for the outline.
    pub section_changes: Vec<usize>,
    /// Item index of the cursor in the layout.
    pub cursor: usize,
    /// First display line shown.
    pub scroll: usize,
    pub fold: bool,
    /// Folds opened by the reviewer: section pair and first folded row.
    pub opened: HashSet<(usize, usize)>,
    /// Where to put the cursor once the pair asked for arrives (a reuse entry opened).
    pub pending_jump: Option<Span>,
    /// The text searched for with `/`, and where it occurs.
    pub search: Search,
    /// Why the last load failed, shown in place of the text.
    pub error: Option<String>,
    /// Another township's report shown as the old side: a cross-township pair of this
    /// township's report (`new_year`) and that one.
    pub source: Option<ReportKey>,
}

impl ReviewState {
    /// A review of `years` of a township, opening the latest pair.
    pub fn new(township: &str, county: &str, years: Vec<i32>, fold: bool) -> ReviewState {
        let new_year = years.last().copied().unwrap_or_default();
        let old_year = years.len().checked_sub(2).map(|i| years[i]);
        let mut panes = SideMap::<PaneState>::default();
        panes[SidePane::Outline].shown = old_year.is_none();
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
            records: Records::default(),
            focus: Pane::Diff,
            panes,
            lint: Vec::new(),
            section_changes: Vec::new(),
            cursor: 0,
            scroll: 0,
            fold,
            opened: HashSet::new(),
            pending_jump: None,
            search: Search::default(),
            error: None,
            source: None,
        }
    }

    /// The request that opens the pair of years the review is set to: the one way a
    /// pair is asked for, whether from the list, a step between years, a reload or a
    /// reuse entry.
    pub fn open_request(&self) -> OpenRequest {
        OpenRequest {
            township: self.township.clone(),
            county: self.county.clone(),
            years: self.years.clone(),
            old: self.old_year,
            new: self.new_year,
        }
    }

    /// What opens the pair the review is set to: a pair of years, or a cross-township
    /// pair, laid out by the worker for `layout`.
    pub fn open_job(&self, layout: Option<LayoutAsk>) -> Job {
        match &self.source {
            Some(source) => Job::OpenCross(
                CrossRequest {
                    here: ReportKey {
                        township: self.township.clone(),
                        county: self.county.clone(),
                        year: self.new_year,
                    },
                    source: source.clone(),
                },
                layout,
            ),
            None => Job::Open(self.open_request(), layout),
        }
    }

    /// True when the pair on screen is the pair of years the review is set to (asked
    /// for again, it keeps the reader's place and opened folds).
    pub fn shows_asked_years(&self) -> bool {
        self.data
            .as_ref()
            .is_some_and(|d| d.old_year == self.old_year && d.new_year == self.new_year)
    }

    /// True for a cross-township pair.
    pub fn is_cross(&self) -> bool {
        self.source.is_some()
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
    /// reader's place and returns false; another pair starts at the top.
    pub fn install(&mut self, data: Arc<PairData>, notes: Vec<Note>) -> bool {
        let same = self
            .data
            .as_ref()
            .is_some_and(|d| d.old_year == data.old_year && d.new_year == data.new_year);
        self.lint = lint_entries_of(&data);
        self.section_changes = changes_by_section(&data);
        self.data = Some(data);
        self.set_notes(notes);
        self.error = None;
        self.wraps.clear();
        if same {
            return false;
        }
        self.layout = None;
        self.cursor = 0;
        self.scroll = 0;
        self.opened.clear();
        for side in SidePane::ALL {
            self.panes[side].cursor = Default::default();
        }
        true
    }

    /// Takes the township's review records.
    pub fn set_notes(&mut self, notes: Vec<Note>) {
        let years: Vec<i32> = self.old_year.into_iter().chain([self.new_year]).collect();
        self.records = Records::new(notes, &years);
    }

    /// Puts the cursor on the first change of a pair just opened (a single year opens
    /// at its top).
    pub fn open_at_first_change(&mut self, height: usize) {
        let count = self.layout.as_ref().map_or(0, |l| l.items.len());
        if self.layout.as_ref().is_some_and(|l| !l.single)
            && let Some(first) = (0..count).find(|&i| self.is_change(i))
        {
            self.go_to(first, height);
        }
    }

    /// Where the panes are on a screen of `area`: the one place that says so, for
    /// drawing and for paging alike.
    pub fn areas(&self, area: Rect) -> ReviewAreas {
        review_areas(area, SideMap::from_fn(|side| self.panes[side].shown))
    }

    /// Lays the pair out for `params` unless the current layout already fits, keeping
    /// the cursor on the same row.
    pub fn relayout(&mut self, params: LayoutParams, lang: Lang, force: bool) {
        self.relayout_from(params, lang, force, None);
    }

    /// [`ReviewState::relayout`], taking the layout the worker made when it is the one
    /// these parameters give.
    pub fn relayout_from(
        &mut self,
        params: LayoutParams,
        lang: Lang,
        force: bool,
        prelaid: Option<Box<Prelaid>>,
    ) {
        let Some(data) = self.data.clone() else {
            return;
        };
        if !force && self.layout.as_ref().is_some_and(|l| l.params == params) {
            return;
        }
        let anchor = self.cursor_anchor();
        let layout = match prelaid.filter(|p| p.fits(params, lang, &self.opened)) {
            Some(prelaid) => {
                self.wraps = prelaid.wraps;
                prelaid.layout
            }
            None => DiffLayout::build(&data, params, &self.opened, lang, &mut self.wraps),
        };
        self.cursor = anchor
            .and_then(|a| find_anchor(&layout, a))
            .unwrap_or(0)
            .min(layout.items.len().saturating_sub(1));
        self.search.refresh_shown(&data, Some(&layout));
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

    /// True for items worth stopping at with `n`: a changed row or heading, or in a
    /// single report a sentence with a figure or a finding.
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
        let pair = data.comparison.sections.get(item.kind.pair());
        match item.kind {
            ItemKind::Row { row, .. } => pair
                .and_then(|p| p.rows.get(row))
                .is_some_and(|r| r.kind != RowKind::Unchanged),
            ItemKind::Header { .. } => pair
                .and_then(|p| p.heading.as_ref())
                .is_some_and(|h| h.kind != RowKind::Unchanged),
            ItemKind::Fold { .. } => false,
        }
    }

    /// True for section headers.
    pub fn is_header(&self, index: usize) -> bool {
        self.layout
            .as_ref()
            .and_then(|l| l.items.get(index))
            .is_some_and(|i| matches!(i.kind, ItemKind::Header { .. }))
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
}

/// The lint findings of both years of a pair, last year's first.
fn lint_entries_of(data: &PairData) -> Vec<LintEntry> {
    [Side::Old, Side::New]
        .into_iter()
        .flat_map(|side| {
            let count = data.report(side).map_or(0, |r| r.lint.len());
            (0..count).map(move |index| LintEntry { side, index })
        })
        .collect()
}

/// How many rows changed in each section of this year's report (a changed heading
/// counts as one); none for a single year.
fn changes_by_section(data: &PairData) -> Vec<usize> {
    let mut counts = vec![0; data.new.sections.len()];
    if data.is_single() {
        return counts;
    }
    for pair in &data.comparison.sections {
        let Some(Region::Section(i)) = pair.new else {
            continue;
        };
        let heading = pair
            .heading
            .as_ref()
            .is_some_and(|h| h.kind != RowKind::Unchanged);
        let rows = pair
            .rows
            .iter()
            .filter(|r| r.kind != RowKind::Unchanged)
            .count();
        if let Some(count) = counts.get_mut(i) {
            *count = rows + usize::from(heading);
        }
    }
    counts
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
