//! Boxes over the screen that take the keys while open: the help screen, which
//! scrolls, and the chart of a figure over the years. (The note editor takes typed
//! text; see `notes`.)

use super::effect::Handled;
use super::{App, Overlay, movement};
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::help;
use crate::tui::pane::SidePane;

impl App {
    /// A key while a box is open: `Esc` closes any, the help key closes help, and help
    /// scrolls.
    pub(super) fn overlay_command(&mut self, command: Action) -> Handled {
        let page = usize::from(self.size.1.saturating_sub(4)).max(1);
        let help_rows = if matches!(self.overlay, Some(Overlay::Help { .. })) {
            let width = help::inner_width(self.size.0);
            let amb = self.settings.config.ambiguous_wide;
            help::rows(&self.settings.keymap, self.lang(), width, amb).len()
        } else {
            0
        };
        let Some(overlay) = self.overlay.as_mut() else {
            return Handled::Ignored;
        };
        match (overlay, command) {
            (_, Action::Back) | (Overlay::Help { .. }, Action::Help) => {
                self.overlay = None;
                Handled::Changed
            }
            (Overlay::Help { scroll }, command) => {
                let Some(delta) = movement(&command, page) else {
                    return Handled::Ignored;
                };
                let max = help_rows.saturating_sub(page);
                *scroll = scroll.saturating_add_signed(delta).min(max);
                Handled::Changed
            }
            _ => Handled::Ignored,
        }
    }

    /// Opens the help box.
    pub(super) fn open_help(&mut self) -> Handled {
        self.overlay = Some(Overlay::Help { scroll: 0 });
        Handled::Changed
    }

    /// Opens the chart of the selected ledger row's figure, when it was reported in
    /// more than one year.
    pub(super) fn open_chart(&mut self) -> Handled {
        let Some(review) = &self.review else {
            return Handled::Ignored;
        };
        let row = review.panes[SidePane::Figures].cursor.selected;
        let has_series = review
            .data
            .as_ref()
            .and_then(|d| d.ledger.get(row).and_then(|r| d.series_for(r)))
            .is_some();
        if has_series {
            self.overlay = Some(Overlay::Chart { row });
            Handled::Changed
        } else {
            self.say(Msg::TuiNoSeries)
        }
    }
}
