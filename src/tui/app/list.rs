//! The township list: every township with its years, copy ratio, findings, notes and
//! review progress, filtered as the reviewer types (pinyin works) and sorted by name,
//! county, copy ratio or progress, in the direction the title bar's arrow states;
//! `Enter` opens the latest pair of the township selected.

use std::collections::HashMap;

use super::effect::Handled;
use super::list_state::{SortKey, TownshipRow};
use super::{App, ReviewState, Screen, Typing, movement};
use crate::store::TownshipSummary;
use crate::tui::action::Action;
use crate::tui::jobs::{Job, RequestId, SummaryLine};

/// Summaries arriving together beyond this many sort the list once rather than moving
/// each row.
const MOVED_ONE_BY_ONE: usize = 32;

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
            self.ask_visible_summaries();
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
        self.ask_visible_summaries();
        Handled::Changed
    }

    /// Applies a changed filter at once, from the top of the list.
    pub(super) fn refilter(&mut self) {
        let rows = self.list_rows();
        self.list.refilter();
        self.list.cursor.offset = 0;
        self.list.cursor.reveal(rows);
        self.ask_visible_summaries();
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
        review.request = self.effects.send(self.open_job(&review));
        self.review = Some(review);
        self.trail.clear();
        self.screen = Screen::Review;
        Handled::Changed
    }

    /// Takes a fresh township list, keeping the summaries already known (looked up by
    /// name, as the notes are: no work for each row), and asks for the summaries of
    /// every township.
    pub(super) fn on_townships(
        &mut self,
        townships: Vec<TownshipSummary>,
        note_counts: &HashMap<(String, String), usize>,
    ) -> Handled {
        let before = std::mem::take(&mut self.list.rows);
        let rows = townships
            .into_iter()
            .map(|info| TownshipRow {
                stats: None,
                notes: 0,
                info,
            })
            .collect();
        self.list.set_rows(rows);
        for old in before {
            if let (Some(stats), Some(row)) = (
                old.stats,
                self.list.row_mut(&old.info.township, old.county()),
            ) {
                row.stats = Some(stats);
            }
        }
        for ((township, county), &notes) in note_counts {
            if let Some(row) = self.list.row_mut(township, county) {
                row.notes = notes;
            }
        }
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
            self.ask_visible_summaries();
        }
        Handled::Changed
    }

    /// Takes a batch of list lines from the summaries of request `id`; lines of an
    /// older list are dropped.
    pub(super) fn on_summaries(&mut self, id: RequestId, lines: Vec<SummaryLine>) -> Handled {
        if id != self.list.generation {
            return Handled::Ignored;
        }
        let by_value = matches!(self.list.sort, SortKey::CopyRatio | SortKey::Progress);
        let one_by_one = lines.len() <= MOVED_ONE_BY_ONE;
        let mut changed = false;
        for line in lines {
            let Some(i) = self.list.row_index(&line.township, &line.county) else {
                continue;
            };
            self.list.rows[i].stats = Some(line.summary);
            changed = true;
            if by_value && one_by_one {
                self.list.resort_row(i);
            }
        }
        if changed && by_value && !one_by_one {
            self.list.resort();
        }
        Handled::when(changed)
    }

    /// Asks for the summaries of the townships on screen that have none yet, before
    /// the others: after the list arrives, a keystroke of the filter, a scroll.
    pub(super) fn ask_visible_summaries(&mut self) {
        let rows = self.list_rows();
        let list = &self.list;
        let missing: Vec<usize> = list
            .visible
            .iter()
            .skip(list.cursor.offset)
            .take(rows)
            .copied()
            .filter(|&i| list.rows.get(i).is_some_and(|r| r.stats.is_none()))
            .collect();
        if missing.is_empty() || missing == list.asked_first {
            return;
        }
        let wanted = missing
            .iter()
            .filter_map(|&i| list.rows.get(i))
            .map(|r| r.info.clone())
            .collect();
        self.list.asked_first = missing;
        self.effects.send(Job::SummariesFirst(wanted));
    }
}
