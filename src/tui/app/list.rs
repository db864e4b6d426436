//! The township list: every township with its years, copy ratio, findings, notes and
//! review progress, filtered as the reviewer types (pinyin works) and sorted by name,
//! county, copy ratio or progress, in the direction the title bar's arrow states;
//! `Enter` opens the latest pair of the township selected.

use std::collections::HashMap;

use super::effect::Handled;
use super::{App, ReviewState, Screen, Typing, movement};
use crate::review::Summary;
use crate::store::TownshipSummary;
use crate::tui::action::Action;
use crate::tui::filter::SearchKey;
use crate::tui::jobs::{Job, RequestId};
use crate::tui::pane::ListCursor;

/// How the township list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// By pinyin of the township name.
    Name,
    /// By pinyin of the county, then the township.
    County,
    /// By the share of text carried over from the year before.
    CopyRatio,
    /// By the share of sections marked reviewed.
    Progress,
}

impl SortKey {
    /// The next key `s` moves to.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::County,
            SortKey::County => SortKey::CopyRatio,
            SortKey::CopyRatio => SortKey::Progress,
            SortKey::Progress => SortKey::Name,
        }
    }

    /// The direction a key sorts in before `r` reverses it: names A to Z, the least
    /// reviewed first, but the most copied first, since that is what a reviewer looks
    /// for.
    pub fn ascending_by_default(self) -> bool {
        self != SortKey::CopyRatio
    }
}

/// One township in the list.
#[derive(Debug, Clone)]
pub struct TownshipRow {
    pub info: TownshipSummary,
    name_key: SearchKey,
    county_key: SearchKey,
    /// Copy ratio and lint count, once the worker has them.
    pub stats: Option<Summary>,
    /// Notes and flags written on it.
    pub notes: usize,
}

impl TownshipRow {
    /// The county, or the empty string when unknown.
    pub fn county(&self) -> &str {
        self.info.county.as_deref().unwrap_or("")
    }

    /// True for the row of `township` in `county`.
    pub fn is(&self, township: &str, county: &str) -> bool {
        self.info.township == township && self.county() == county
    }
}

/// The township list: every township, and which of them the filter shows, in order.
#[derive(Debug, Clone)]
pub struct ListState {
    pub rows: Vec<TownshipRow>,
    /// Indices into `rows` of the townships shown, in display order.
    pub visible: Vec<usize>,
    pub cursor: ListCursor,
    pub filter: String,
    pub sort: SortKey,
    pub reverse: bool,
    /// The list load whose summaries are wanted.
    pub generation: RequestId,
}

impl Default for ListState {
    fn default() -> ListState {
        ListState {
            rows: Vec::new(),
            visible: Vec::new(),
            cursor: ListCursor::default(),
            filter: String::new(),
            sort: SortKey::Name,
            reverse: false,
            generation: 0,
        }
    }
}

impl ListState {
    /// True when the list runs from the smallest value to the largest (`↑`).
    pub fn ascending(&self) -> bool {
        self.sort.ascending_by_default() != self.reverse
    }

    /// The township under the cursor.
    pub fn selected(&self) -> Option<&TownshipRow> {
        self.visible
            .get(self.cursor.selected)
            .and_then(|&i| self.rows.get(i))
    }

    /// The row of `township` in `county`.
    pub fn row_mut(&mut self, township: &str, county: &str) -> Option<&mut TownshipRow> {
        self.rows.iter_mut().find(|r| r.is(township, county))
    }

    /// Recomputes the shown townships after the rows, filter or order changed, keeping
    /// the selected township selected when it is still shown.
    pub fn refresh(&mut self, keep_selection: bool) {
        let selected = self.visible.get(self.cursor.selected).copied();
        let rank: Vec<Option<u8>> = self
            .rows
            .iter()
            .map(|row| filter_rank(row, &self.filter))
            .collect();
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| rank[i].is_some())
            .collect();
        visible.sort_by(|&a, &b| {
            rank[a]
                .cmp(&rank[b])
                .then_with(|| self.order(&self.rows[a], &self.rows[b]))
        });
        self.visible = visible;
        self.cursor.selected = match selected {
            Some(s) if keep_selection => self.visible.iter().position(|&i| i == s).unwrap_or(0),
            _ => 0,
        };
    }

    /// The order of two rows matching the filter equally well, in the direction the
    /// list states; rows without the value sorted by (not yet known, or a single year)
    /// come last either way, by name.
    fn order(&self, a: &TownshipRow, b: &TownshipRow) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let by_name = a.name_key.sort_key.cmp(&b.name_key.sort_key);
        let directed = |order: Ordering| {
            if self.ascending() {
                order
            } else {
                order.reverse()
            }
        };
        let value = |r: &TownshipRow| match self.sort {
            SortKey::CopyRatio => r.stats.and_then(|s| s.copy_ratio),
            SortKey::Progress => r
                .stats
                .filter(|s| s.sections > 0)
                .map(|s| s.reviewed_sections as f64 / s.sections as f64),
            SortKey::Name | SortKey::County => None,
        };
        match self.sort {
            SortKey::Name => directed(by_name),
            SortKey::County => directed(
                a.county_key
                    .sort_key
                    .cmp(&b.county_key.sort_key)
                    .then(by_name),
            ),
            SortKey::CopyRatio | SortKey::Progress => match (value(a), value(b)) {
                (Some(x), Some(y)) => directed(x.total_cmp(&y)).then(by_name),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => by_name,
            },
        }
    }
}

/// How well a township matches the filter, best first: its name contains the text, its
/// name's pinyin spells it, its county matches; `None` when nothing matches.
fn filter_rank(row: &TownshipRow, filter: &str) -> Option<u8> {
    let text = filter.trim();
    if text.is_empty() || row.info.township.contains(text) {
        Some(0)
    } else if row.name_key.matches(text) {
        Some(1)
    } else if row.county_key.matches(text) {
        Some(2)
    } else {
        None
    }
}

impl App {
    /// A key on the list screen (or on the loading and welcome screens, where only
    /// help opens).
    pub(super) fn list_command(&mut self, command: Action) -> Handled {
        if self.screen != Screen::List {
            return match command {
                Action::Help => self.open_help(),
                _ => Handled::Ignored,
            };
        }
        let rows = self.list_rows();
        if let Some(delta) = movement(&command, rows) {
            let len = self.list.visible.len();
            self.list.cursor.step(delta, len, rows);
            return Handled::Changed;
        }
        match command {
            Action::Enter => self.open_selected(),
            Action::Search => {
                self.list.filter.clear();
                self.list.refresh(true);
                self.typing = Some(Typing::Filter);
                Handled::Changed
            }
            Action::Back if self.list.filter.is_empty() => Handled::Ignored,
            Action::Back => {
                self.list.filter.clear();
                self.reorder()
            }
            Action::SortNext => {
                self.list.sort = self.list.sort.next();
                self.list.reverse = false;
                self.reorder()
            }
            Action::SortReverse => {
                self.list.reverse = !self.list.reverse;
                self.reorder()
            }
            Action::Help => self.open_help(),
            Action::CorpusSearch => self.open_corpus_search(),
            _ => Handled::Ignored,
        }
    }

    /// Shows the list again after its filter or order changed, the selection kept.
    fn reorder(&mut self) -> Handled {
        let rows = self.list_rows();
        self.list.refresh(true);
        self.list.cursor.reveal(rows);
        Handled::Changed
    }

    /// Applies a changed filter at once, from the top of the list.
    pub(super) fn refilter(&mut self) {
        let rows = self.list_rows();
        self.list.refresh(false);
        self.list.cursor.offset = 0;
        self.list.cursor.reveal(rows);
    }

    /// Opens the latest pair of the selected township.
    pub(super) fn open_selected(&mut self) -> Handled {
        let Some(row) = self.list.selected() else {
            return Handled::Ignored;
        };
        let mut review = ReviewState::new(
            &row.info.township,
            row.county(),
            row.info.years.clone(),
            self.settings.config.fold,
        );
        review.request = self.effects.send(Job::Open(review.open_request()));
        self.review = Some(review);
        self.trail.clear();
        self.screen = Screen::Review;
        Handled::Changed
    }

    /// Takes a fresh township list, keeping the summaries already known, and asks for
    /// the summaries of every township.
    pub(super) fn on_townships(
        &mut self,
        townships: Vec<TownshipSummary>,
        note_counts: &HashMap<(String, String), usize>,
    ) -> Handled {
        let known: HashMap<(String, String), Summary> = self
            .list
            .rows
            .iter()
            .filter_map(|r| Some(((r.info.township.clone(), r.county().to_string()), r.stats?)))
            .collect();
        self.list.rows = townships
            .into_iter()
            .map(|info| {
                let key = (
                    info.township.clone(),
                    info.county.clone().unwrap_or_default(),
                );
                TownshipRow {
                    name_key: SearchKey::new(&info.township),
                    county_key: SearchKey::new(info.county.as_deref().unwrap_or("")),
                    stats: known.get(&key).copied(),
                    notes: note_counts.get(&key).copied().unwrap_or(0),
                    info,
                }
            })
            .collect();
        self.list.refresh(true);
        if self.screen == Screen::Loading {
            self.screen = if self.list.rows.is_empty() {
                Screen::Welcome
            } else {
                Screen::List
            };
        }
        let wanted: Vec<TownshipSummary> = self.list.rows.iter().map(|r| r.info.clone()).collect();
        if !wanted.is_empty() {
            self.list.generation = self.effects.send(Job::Summaries(wanted));
        }
        Handled::Changed
    }

    /// Takes one township's copy ratio and lint count from the summaries of request
    /// `id`; summaries of an older list are dropped.
    pub(super) fn on_summary(
        &mut self,
        id: RequestId,
        township: &str,
        county: &str,
        summary: Summary,
    ) -> Handled {
        if id != self.list.generation {
            return Handled::Ignored;
        }
        if let Some(row) = self.list.row_mut(township, county) {
            row.stats = Some(summary);
        }
        if matches!(self.list.sort, SortKey::CopyRatio | SortKey::Progress) {
            self.list.refresh(true);
        }
        Handled::Changed
    }
}
