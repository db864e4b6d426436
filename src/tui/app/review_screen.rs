//! The keys of the review screen: moving through the text, stepping between pairs of
//! years, folding, searching, and leaving (back along the trail of reports opened from
//! the reuse pane, then to the list). Keys for a side pane go to `panes`.

use super::effect::Handled;
use super::{App, ReviewState, Screen, Typing};
use crate::i18n::Msg;
use crate::i18n::{ScreenMsg, screen_msg};
use crate::tui::action::Action;
use crate::tui::diff_lines::ItemKind;
use crate::tui::pane::{Pane, SidePane};

impl App {
    /// A key on the review screen.
    pub(super) fn review_command(&mut self, command: Action) -> Handled {
        let focus = self.review.as_ref().map_or(Pane::Diff, |r| r.focus);
        match command {
            Action::MarkReviewed | Action::Flag | Action::AddNote
                if self.review.as_ref().is_some_and(ReviewState::is_cross) =>
            {
                let lang = self.lang();
                self.complain(screen_msg(lang, ScreenMsg::CrossReadOnly).to_string())
            }
            Action::Help => self.open_help(),
            Action::Back => self.review_back(),
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrevious => self.cycle_focus(false),
            Action::ToggleFigures => self.toggle_pane(SidePane::Figures),
            Action::ToggleLint => self.toggle_pane(SidePane::Lint),
            Action::ToggleOutline => self.toggle_pane(SidePane::Outline),
            Action::ToggleReuse => {
                let toggled = self.toggle_pane(SidePane::Reuse);
                self.ask_reuse();
                toggled
            }
            Action::ToggleNotes => self.toggle_pane(SidePane::Notes),
            Action::NextUnreviewed => self.next_unreviewed(),
            Action::ToggleFold => self.toggle_fold(),
            Action::NewerPair => self.step_pair(true),
            Action::OlderPair => self.step_pair(false),
            Action::Search => self.start_search(),
            Action::MarkReviewed => self.mark_reviewed(),
            Action::Flag => self.flag(),
            Action::AddNote => self.open_note_editor(),
            Action::Chart => self.open_chart(),
            Action::CorpusSearch => self.open_corpus_search(),
            Action::Export => self.open_export_prompt(),
            command => match focus.side() {
                None => self.diff_command(command),
                Some(side) => self.pane_command(side, command),
            },
        }
    }

    /// `Esc`: clears the search, else gives the focus back to the text, else returns to
    /// the report left by opening a reuse entry, else to the search screen's hits when
    /// the report was opened from there, else to the list.
    fn review_back(&mut self) -> Handled {
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        if review.search.is_active() {
            review.search.clear();
        } else if review.focus != Pane::Diff {
            review.focus = Pane::Diff;
        } else if let Some(previous) = self.trail.pop() {
            self.review = Some(previous);
            self.relayout(false);
            self.ask_reuse();
        } else if !self.back_to_corpus_search() {
            self.screen = Screen::List;
            self.review = None;
        }
        Handled::Changed
    }

    fn toggle_fold(&mut self) -> Handled {
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        review.fold = !review.fold;
        review.opened.clear();
        self.relayout(true);
        Handled::Changed
    }

    fn start_search(&mut self) -> Handled {
        if let Some(review) = self.review.as_mut() {
            review.search.clear();
            review.search.started_at = review.cursor_place();
        }
        self.typing = Some(Typing::Search);
        Handled::Changed
    }

    /// Opens the next (`newer`) or previous pair of years.
    fn step_pair(&mut self, newer: bool) -> Handled {
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        let years = &review.years;
        let Some(at) = years.iter().position(|&y| y == review.new_year) else {
            return Handled::Ignored;
        };
        let target = if newer {
            at.checked_add(1).filter(|&i| i < years.len())
        } else {
            at.checked_sub(1)
                .filter(|&i| i >= 1 || review.old_year.is_none())
        };
        let Some(new_at) = target.filter(|&i| i != at) else {
            return self.say(if newer {
                Msg::TuiNoNewer
            } else {
                Msg::TuiNoOlder
            });
        };
        review.new_year = years[new_at];
        review.old_year = new_at.checked_sub(1).map(|i| years[i]);
        review.error = None;
        if let Some(review) = self.review.as_ref() {
            let job = self.open_job(review);
            let request = self.effects.send(job);
            if let Some(review) = self.review.as_mut() {
                review.request = request;
            }
        }
        Handled::Changed
    }

    /// A key for the text: moving, paging, the next change or section, opening a fold.
    pub(super) fn diff_command(&mut self, command: Action) -> Handled {
        let height = self.diff_height();
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        let half = (height / 2).max(1) as isize;
        match command {
            Action::Down => review.step(1, height),
            Action::Up => review.step(-1, height),
            Action::HalfPageDown => review.scroll_lines(half, height),
            Action::HalfPageUp => review.scroll_lines(-half, height),
            Action::PageDown => review.scroll_lines(height as isize, height),
            Action::PageUp => review.scroll_lines(-(height as isize), height),
            Action::Top => review.go_to(0, height),
            Action::Bottom => review.go_to(usize::MAX, height),
            Action::NextChange => return self.next_change(true),
            Action::PreviousChange => return self.next_change(false),
            Action::NextSection | Action::PreviousSection => {
                let forward = matches!(command, Action::NextSection);
                match review.find_item(forward, |i| review.is_header(i)) {
                    Some(i) => review.go_to(i, height),
                    None => review.go_to(if forward { usize::MAX } else { 0 }, height),
                }
            }
            Action::Enter => return self.open_fold(),
            _ => return Handled::Ignored,
        }
        Handled::Changed
    }

    /// Moves to the next (`forward`) or previous change, or search hit while a search
    /// is on (going round the end, folds opened); says so when there is none.
    fn next_change(&mut self, forward: bool) -> Handled {
        let height = self.diff_height();
        let lang = self.lang();
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        if review.search.is_active() {
            let hit = review
                .cursor_place()
                .and_then(|place| review.search.next_hit(place, forward));
            return match hit {
                Some((k, wrapped)) => {
                    review.go_to_hit(k, height, lang);
                    if wrapped {
                        self.say(if forward {
                            Msg::TuiSearchWrappedTop
                        } else {
                            Msg::TuiSearchWrappedBottom
                        })
                    } else {
                        Handled::Changed
                    }
                }
                None => self.say(Msg::TuiNotFound),
            };
        }
        match review.find_item(forward, |i| review.is_change(i)) {
            Some(i) => {
                review.go_to(i, height);
                Handled::Changed
            }
            None => self.say(Msg::TuiNoMoreChanges),
        }
    }

    /// Opens the fold under the cursor.
    fn open_fold(&mut self) -> Handled {
        let height = self.diff_height();
        let lang = self.lang();
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        let fold = review
            .layout
            .as_ref()
            .and_then(|l| l.items.get(review.cursor))
            .and_then(|i| match i.kind {
                ItemKind::Fold { pair, start, .. } => Some((pair, start)),
                _ => None,
            });
        let Some(fold) = fold else {
            return Handled::Ignored;
        };
        review.opened.insert(fold);
        if let Some(params) = review.layout.as_ref().map(|l| l.params) {
            review.relayout(params, lang, true);
        }
        review.reveal_cursor(height);
        Handled::Changed
    }
}
