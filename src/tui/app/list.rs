//! The township list: every township with its years, copy ratio, findings and notes,
//! filtered as the reviewer types (pinyin works) and sorted by name, county or copy
//! ratio; `Enter` opens the latest pair of the township selected.

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
    /// Most copied first.
    CopyRatio,
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

    /// The order of two rows matching the filter equally well.
    fn order(&self, a: &TownshipRow, b: &TownshipRow) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let by_name = a.name_key.sort_key.cmp(&b.name_key.sort_key);
        let order = match self.sort {
            SortKey::Name => by_name,
            SortKey::County => a
                .county_key
                .sort_key
                .cmp(&b.county_key.sort_key)
                .then(by_name),
            SortKey::CopyRatio => {
                let ratio = |r: &TownshipRow| r.stats.and_then(|s| s.copy_ratio);
                match (ratio(a), ratio(b)) {
                    (Some(x), Some(y)) => y.total_cmp(&x).then(by_name),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => by_name,
                }
            }
        };
        if self.reverse { order.reverse() } else { order }
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
                self.list.sort = match self.list.sort {
                    SortKey::Name => SortKey::County,
                    SortKey::County => SortKey::CopyRatio,
                    SortKey::CopyRatio => SortKey::Name,
                };
                self.reorder()
            }
            Action::SortReverse => {
                self.list.reverse = !self.list.reverse;
                self.reorder()
            }
            Action::Help => self.open_help(),
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
        if self.list.sort == SortKey::CopyRatio {
            self.list.refresh(true);
        }
        Handled::Changed
    }
}
