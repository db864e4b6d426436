//! The help screen: the lines of [`crate::tui::help`] in a box over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::table::draw_frame;
use super::text;
use crate::i18n::{Msg, msg};
use crate::text::width::truncate;
use crate::tui::app::App;
use crate::tui::help::{HelpLine, lines};
use crate::tui::pane_areas::centered;
use crate::tui::theme::StyleKey;

/// Draws the help box over the screen, from line `scroll`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, scroll: usize) {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let boxed = centered(area, 96, area.height.saturating_sub(2).max(3));
    Clear.render(boxed, buf);
    buf.set_style(boxed, theme.style(StyleKey::Text));
    let inner = draw_frame(buf, boxed, app, msg(lang, Msg::TuiHelpTitle), true);
    let width = usize::from(inner.width);
    let key_width = 16.min(width / 3);
    for (row, line) in lines(&app.settings.keymap, lang)
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        match line {
            HelpLine::Heading(t) => {
                text::put_str(
                    buf,
                    inner.x,
                    y,
                    width,
                    t,
                    theme.style(StyleKey::Header),
                    amb,
                );
            }
            HelpLine::Entry { keys, description } => {
                let keys = truncate(keys, key_width, amb);
                text::put_str(
                    buf,
                    inner.x + 1,
                    y,
                    key_width,
                    &keys,
                    theme.style(StyleKey::Key),
                    amb,
                );
                let rest = width.saturating_sub(key_width + 2);
                let description = truncate(description, rest, amb);
                let x = inner.x + key_width as u16 + 2;
                text::put_str(
                    buf,
                    x,
                    y,
                    rest,
                    &description,
                    theme.style(StyleKey::Text),
                    amb,
                );
            }
            HelpLine::Blank => {}
        }
    }
}
