//! Views: pure functions from the interface state to a frame. Nothing here changes state
//! or does I/O; report text is sliced from the layout (wrapped once per width) and only
//! the visible part is drawn.

mod corpus;
mod diff;
mod export;
mod help;
mod list;
mod outline;
mod overlay;
mod panes;
mod reuse_detail;
mod review;
mod table;
pub mod text;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::{App, Overlay, Screen, Typing};
use super::keymap::Context;
use super::theme::StyleKey;
use crate::i18n::{Msg, msg};
use crate::text::width::{text_width, truncate};

/// Key hints while there is nothing to review yet.
const START_HINTS: &[(Context, &str, Msg)] = &[
    (Context::Global, "help", Msg::TuiHintHelp),
    (Context::Global, "quit", Msg::TuiHintQuit),
];

/// Draws the whole interface.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let base = app.settings.theme.style(StyleKey::Text);
    frame.buffer_mut().set_style(area, base);
    match app.screen {
        Screen::Loading | Screen::Welcome => {
            let status = Rect {
                y: area.bottom().saturating_sub(1),
                height: area.height.min(1),
                ..area
            };
            let body = Rect {
                height: area.height.saturating_sub(1),
                ..area
            };
            if app.screen == Screen::Loading {
                overlay::draw_message(frame.buffer_mut(), body, app, Msg::TuiLoading);
            } else {
                overlay::draw_welcome(frame.buffer_mut(), body, app);
            }
            draw_status(frame.buffer_mut(), status, app, START_HINTS, "");
        }
        Screen::List => list::draw(frame.buffer_mut(), area, app),
        Screen::Review => review::draw(frame.buffer_mut(), area, app),
        Screen::Search => corpus::draw(frame.buffer_mut(), area, app),
    }
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::draw(frame.buffer_mut(), area, app, *scroll),
        Some(Overlay::Chart { row }) => overlay::draw_chart(frame, area, app, *row),
        Some(Overlay::Note(editor)) => {
            if let Some(caret) = overlay::draw_note(frame, area, app, editor) {
                frame.set_cursor_position(caret);
            }
        }
        Some(Overlay::Message {
            title,
            lines,
            place,
        }) => {
            let keys = if place.is_some() {
                Msg::TuiMessageKeysGo
            } else {
                Msg::TuiMessageKeys
            };
            let keys = msg(app.lang(), keys);
            overlay::draw_message_box(frame.buffer_mut(), area, app, (title, lines), keys);
        }
        Some(Overlay::ConfirmDelete(note)) => {
            overlay::draw_confirm(frame.buffer_mut(), area, app, note)
        }
        Some(Overlay::Export(prompt)) => export::draw(frame.buffer_mut(), area, app, prompt),
        None => {}
    }
    if let Some(position) = input_cursor(app, area) {
        frame.set_cursor_position(position);
    }
}

/// Where the terminal cursor goes while typing in the status line, so that input
/// methods place their candidate window there.
fn input_cursor(app: &App, area: Rect) -> Option<ratatui::layout::Position> {
    if app.overlay.is_some() || area.height == 0 {
        return None;
    }
    if app.screen == Screen::Search {
        return corpus::query_cursor(app, area);
    }
    app.typing?;
    let (prompt, text) = typing_line(app)?;
    let width = text_width(
        &format!("{prompt}{text}"),
        app.settings.config.ambiguous_wide,
    );
    Some(ratatui::layout::Position::new(
        (width as u16).min(area.width.saturating_sub(1)),
        area.bottom() - 1,
    ))
}

/// The prompt and text of the entry in progress.
fn typing_line(app: &App) -> Option<(&'static str, &str)> {
    match app.typing? {
        Typing::Filter => Some(("/", app.list.filter.as_str())),
        Typing::Search => Some(("/", app.review.as_ref()?.search.query.as_str())),
    }
}

/// The bottom line: the entry in progress, a message, or key hints; `right` is shown
/// at the right end (a position).
fn draw_status(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    hints: &[(Context, &str, Msg)],
    right: &str,
) {
    let theme = &app.settings.theme;
    let amb = app.settings.config.ambiguous_wide;
    let style = theme.style(StyleKey::Status);
    text::fill(buf, area.x, area.y, usize::from(area.width), style);
    let right_width = text_width(right, amb);
    let room = usize::from(area.width).saturating_sub(right_width + 1);
    if let Some((prompt, line)) = typing_line(app) {
        let shown = format!("{prompt}{line}");
        text::put_str(buf, area.x, area.y, room, &shown, style, amb);
    } else if let Some(status) = &app.status {
        let style = if status.error {
            theme.style(StyleKey::Error)
        } else {
            style
        };
        let line = truncate(&status.text, room, amb);
        text::put_str(buf, area.x, area.y, room, &line, style, amb);
    } else {
        let mut x = area.x;
        let key_style = style.patch(theme.style(StyleKey::Key));
        for (context, action, m) in hints {
            let Some(key) = app.settings.keymap.keys_for(*context, action) else {
                continue;
            };
            let label = msg(app.lang(), *m);
            let need = text_width(&key, amb) + 1 + text_width(label, amb) + 2;
            if usize::from(x - area.x) + need > room {
                break;
            }
            x += text::put_str(buf, x, area.y, room, &key, key_style, amb) as u16;
            x += 1;
            x += text::put_str(buf, x, area.y, room, label, style, amb) as u16;
            x += 2;
        }
    }
    if right_width > 0 && usize::from(area.width) > right_width {
        let x = area.right() - right_width as u16;
        text::put_str(buf, x, area.y, right_width, right, style, amb);
    }
}

/// A bar line: text in the bar style across the whole width.
fn draw_bar(buf: &mut Buffer, area: Rect, app: &App, line: &str) {
    let theme = &app.settings.theme;
    let amb = app.settings.config.ambiguous_wide;
    let style = theme.style(StyleKey::Bar);
    text::fill(buf, area.x, area.y, usize::from(area.width), style);
    let line = truncate(line, usize::from(area.width), amb);
    text::put_str(
        buf,
        area.x,
        area.y,
        usize::from(area.width),
        &line,
        style,
        amb,
    );
}

/// A percentage for a ratio in 0..=1.
fn percent(ratio: f64) -> String {
    format!("{:.0}%", (ratio * 100.0).clamp(0.0, 100.0))
}
