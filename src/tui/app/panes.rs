//! The side panes of the review screen: opening and closing them, moving the focus
//! among those open, and moving in the one focused. A selection in the figures, lint,
//! outline or notes pane scrolls the text to its place; `Enter` shows a figure or a
//! finding in full, goes to a section, opens a note in the editor, or (in the reuse
//! pane) opens the other report.

use super::effect::Handled;
use super::review_state::LintEntry;
use super::{App, Overlay, ReviewState, movement};
use crate::i18n::{Lang, Msg};
use crate::report::{Finding, Report, Span};
use crate::review::Side;
use crate::tui::action::Action;
use crate::tui::pane::{Pane, SidePane};

impl App {
    /// The panes that can take the focus, in `Tab` order: the text, then the side panes
    /// on screen.
    fn focusable(&self) -> Vec<Pane> {
        let Some(areas) = self.review_areas() else {
            return vec![Pane::Diff];
        };
        let open = SidePane::ALL
            .into_iter()
            .filter(|&side| areas.panes[side].is_some());
        std::iter::once(Pane::Diff)
            .chain(open.map(Pane::from))
            .collect()
    }

    pub(super) fn cycle_focus(&mut self, forward: bool) -> Handled {
        let panes = self.focusable();
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        let at = panes.iter().position(|p| *p == review.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % panes.len()
        } else {
            (at + panes.len() - 1) % panes.len()
        };
        review.focus = panes[next];
        Handled::Changed
    }

    /// Opens a side pane with the focus in it, or closes it. A pane the screen has no
    /// room for takes no focus.
    pub(super) fn toggle_pane(&mut self, side: SidePane) -> Handled {
        let pane = Pane::from(side);
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        let shown = &mut review.panes[side].shown;
        *shown = !*shown;
        review.focus = if *shown { pane } else { Pane::Diff };
        self.relayout(false);
        let hidden = !self.focusable().contains(&pane);
        if let Some(review) = self.review.as_mut().filter(|r| hidden && r.focus == pane) {
            review.focus = Pane::Diff;
        }
        Handled::Changed
    }

    /// Rows in a side pane.
    fn pane_len(&self, side: SidePane) -> usize {
        let Some(review) = &self.review else {
            return 0;
        };
        match side {
            SidePane::Figures => review.data.as_ref().map_or(0, |d| d.ledger.len()),
            SidePane::Lint => review.lint_entries().len(),
            SidePane::Outline => review.outline_sections().map_or(0, |r| r.sections.len()),
            SidePane::Reuse => self.reuse_pane().list().len(),
            SidePane::Notes => review.records.listed_len(),
        }
    }

    /// A key for the focused side pane: moving, `Enter`, and the change and section
    /// keys, which give the focus back to the text.
    pub(super) fn pane_command(&mut self, side: SidePane, command: Action) -> Handled {
        let rows = self.pane_rows();
        let height = self.diff_height();
        let lang = self.lang();
        let len = self.pane_len(side);
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        if let Some(delta) = movement(&command, rows) {
            review.panes[side].cursor.step(delta, len, rows);
            if side != SidePane::Reuse {
                review.jump_to_selection(side, height, lang);
            }
            return Handled::Changed;
        }
        match command {
            Action::Enter if side == SidePane::Reuse => self.open_reuse_entry(),
            Action::Enter if matches!(side, SidePane::Figures | SidePane::Lint) => {
                self.open_details(side)
            }
            Action::Enter if side == SidePane::Notes => self.edit_selected_note(),
            Action::DeleteNote if side == SidePane::Notes => self.ask_delete_note(),
            Action::Enter if review.jump_to_selection(side, height, lang) => {
                review.focus = Pane::Diff;
                Handled::Changed
            }
            Action::Enter => self.say(Msg::TuiNotShown),
            Action::NextChange
            | Action::PreviousChange
            | Action::NextSection
            | Action::PreviousSection => {
                review.focus = Pane::Diff;
                self.diff_command(command).or(Handled::Changed)
            }
            _ => Handled::Ignored,
        }
    }
}

impl App {
    /// Puts the cursor on a place in the text and the focus on the text.
    pub(super) fn go_to_place(&mut self, side: Side, span: Span) -> Handled {
        let height = self.diff_height();
        let lang = self.lang();
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        if review.jump_to(side, span, height, lang) {
            review.focus = Pane::Diff;
            Handled::Changed
        } else {
            self.say(Msg::TuiNotShown)
        }
    }

    /// Shows the selected figure or finding in full in a box; `Enter` there goes to it.
    fn open_details(&mut self, side: SidePane) -> Handled {
        let lang = self.lang();
        let Some(review) = &self.review else {
            return Handled::Ignored;
        };
        let selected = review.panes[side].cursor.selected;
        let details = match side {
            SidePane::Figures => super::details::figure(review, selected, lang),
            SidePane::Lint => super::details::finding(review, selected, lang),
            _ => None,
        };
        let Some((title, lines, place)) = details else {
            return Handled::Ignored;
        };
        self.overlay = Some(Overlay::Message {
            title,
            lines,
            place,
        });
        Handled::Changed
    }

    /// Opens the selected note in the editor.
    fn edit_selected_note(&mut self) -> Handled {
        let Some(review) = &self.review else {
            return Handled::Ignored;
        };
        let selected = review.panes[SidePane::Notes].cursor.selected;
        let Some(note) = review.records.listed_at(selected).cloned() else {
            return Handled::Ignored;
        };
        let target = review.target_of(&note);
        self.open_editor(target, Some(note))
    }

    /// Asks whether to delete the selected note.
    fn ask_delete_note(&mut self) -> Handled {
        let Some(review) = &self.review else {
            return Handled::Ignored;
        };
        let selected = review.panes[SidePane::Notes].cursor.selected;
        let Some(note) = review.records.listed_at(selected).cloned() else {
            return Handled::Ignored;
        };
        self.overlay = Some(Overlay::ConfirmDelete(note));
        Handled::Changed
    }
}

impl ReviewState {
    /// Lint findings of both years, last year's first; listed when the pair is
    /// installed.
    pub fn lint_entries(&self) -> &[LintEntry] {
        &self.lint
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
        self.data.as_ref().map(|d| d.new.as_ref())
    }

    /// Scrolls the text to what a side pane's selection points at; false when it points
    /// at nothing shown.
    fn jump_to_selection(&mut self, side: SidePane, height: usize, lang: Lang) -> bool {
        let Some(data) = self.data.clone() else {
            return false;
        };
        let selected = self.panes[side].cursor.selected;
        let place = match side {
            SidePane::Figures => data.ledger.get(selected).and_then(|row| {
                row.new
                    .as_ref()
                    .map(|s| (Side::New, s.span))
                    .or_else(|| row.old.as_ref().map(|s| (Side::Old, s.span)))
            }),
            SidePane::Lint => self
                .lint
                .get(selected)
                .and_then(|e| Some((e.side, self.finding(*e)?.span?))),
            SidePane::Outline => data
                .new
                .sections
                .get(selected)
                .map(|s| (Side::New, s.heading)),
            SidePane::Notes => self.records.listed_at(selected).and_then(|note| {
                let side = if Some(note.year) == self.old_year {
                    Side::Old
                } else {
                    Side::New
                };
                let span = note.span().or_else(|| {
                    let report = data.report(side)?;
                    let path = note.section.as_deref()?;
                    report
                        .sections
                        .iter()
                        .find(|s| s.path == path)
                        .map(|s| s.heading)
                })?;
                Some((side, span))
            }),
            SidePane::Reuse => None,
        };
        match place {
            Some((side, span)) => self.jump_to(side, span, height, lang),
            None => false,
        }
    }
}
