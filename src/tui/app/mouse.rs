//! The mouse, which scrolls and selects but is never needed: the wheel scrolls what is
//! under the keys (the help box, the list or the text), a click moves the cursor to
//! the row clicked and the focus to its pane.

use ratatui::layout::Position;

use super::effect::Handled;
use super::{App, Screen};
use crate::tui::action::Action;
use crate::tui::pane::{Pane, SidePane};
use crate::tui::pane_areas::list_areas;

impl App {
    /// The wheel: `lines` to scroll, negative upwards.
    pub(super) fn on_scroll(&mut self, lines: i32) -> Handled {
        if self.overlay.is_some() {
            let step = || if lines > 0 { Action::Down } else { Action::Up };
            return (0..lines.unsigned_abs()).fold(Handled::Ignored, |handled, _| {
                handled.or(self.overlay_command(step()))
            });
        }
        match self.screen {
            Screen::Review => {
                let height = self.diff_height();
                let Some(review) = self.review.as_mut() else {
                    return Handled::Ignored;
                };
                review.scroll_lines(lines as isize, height);
            }
            Screen::List => {
                let rows = self.list_rows();
                self.list
                    .cursor
                    .step(lines as isize, self.list.visible.len(), rows);
            }
            Screen::Search | Screen::Loading | Screen::Welcome => return Handled::Ignored,
        }
        Handled::Changed
    }

    /// A click at a cell.
    pub(super) fn on_click(&mut self, column: u16, row: u16) -> Handled {
        if self.overlay.is_some() {
            return Handled::Ignored;
        }
        let point = Position::new(column, row);
        match self.screen {
            Screen::List => self.click_list(point),
            Screen::Review => self.click_review(point),
            Screen::Search | Screen::Loading | Screen::Welcome => Handled::Ignored,
        }
    }

    fn click_list(&mut self, point: Position) -> Handled {
        let table = list_areas(self.area()).table;
        let first = table.y + 1;
        if !table.contains(point) || point.y < first {
            return Handled::Ignored;
        }
        let index = self.list.cursor.offset + usize::from(point.y - first);
        if index >= self.list.visible.len() {
            return Handled::Ignored;
        }
        self.list.cursor.selected = index;
        Handled::Changed
    }

    fn click_review(&mut self, point: Position) -> Handled {
        let Some(areas) = self.review_areas() else {
            return Handled::Ignored;
        };
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        if areas.diff.contains(point) {
            review.focus = Pane::Diff;
            if let Some(layout) = &review.layout {
                let line = review.scroll + usize::from(point.y - areas.diff.y);
                if line < layout.total_lines {
                    review.cursor = layout.item_at_line(line);
                }
            }
            return Handled::Changed;
        }
        let Some(side) = SidePane::ALL
            .into_iter()
            .find(|&side| areas.panes[side].is_some_and(|a| a.contains(point)))
        else {
            return Handled::Ignored;
        };
        review.focus = Pane::from(side);
        let first = areas.panes[side].map_or(u16::MAX, |a| a.y + 2);
        if point.y >= first {
            let cursor = &mut review.panes[side].cursor;
            cursor.selected = cursor.offset + usize::from(point.y - first);
        }
        Handled::Changed
    }
}
