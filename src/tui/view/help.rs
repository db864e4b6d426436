//! The help screen: the rows of [`crate::tui::help`], laid out for the box's width, in
//! a box over the screen with the rows shown and their count in its title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::table::draw_frame;
use super::text;
use crate::i18n::{Msg, msg};
use crate::tui::app::App;
use crate::tui::help::{BOX_WIDTH, HelpRow, inner_width, key_width, rows};
use crate::tui::pane_areas::centered;
use crate::tui::theme::StyleKey;

/// Draws the help box over the screen, from row `scroll`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, scroll: usize) {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let boxed = centered(area, BOX_WIDTH, area.height.saturating_sub(2).max(3));
    Clear.render(boxed, buf);
    buf.set_style(boxed, theme.style(StyleKey::Text));
    let width = inner_width(area.width);
    let all = rows(&app.settings.keymap, lang, width, amb);
    let height = usize::from(boxed.height.saturating_sub(2));
    let title = msg(lang, Msg::TuiHelpTitle);
    let title = if all.len() > height {
        let last = (scroll + height).min(all.len());
        format!("{title} {}–{last}/{}", scroll + 1, all.len())
    } else {
        title.to_string()
    };
    let inner = draw_frame(buf, boxed, app, &title, true);
    let key_width = key_width(width);
    for (row, line) in all
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        let (x, room, words, style) = match line {
            HelpRow::Heading(t) => (inner.x, width, t, StyleKey::Header),
            HelpRow::Entry { keys, text } if text.is_empty() => {
                (inner.x + 1, width.saturating_sub(1), keys, StyleKey::Key)
            }
            HelpRow::Entry { keys, text } => {
                text::put_str(
                    buf,
                    inner.x + 1,
                    y,
                    key_width,
                    keys,
                    theme.style(StyleKey::Key),
                    amb,
                );
                let x = inner.x + key_width as u16 + 2;
                (x, width.saturating_sub(key_width + 2), text, StyleKey::Text)
            }
            HelpRow::Blank => continue,
        };
        text::put_str(buf, x, y, room, words, theme.style(style), amb);
    }
}
