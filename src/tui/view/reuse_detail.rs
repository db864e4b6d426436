//! Under the reuse pane's list: the selected entry's shared passage as this report
//! words it, and the section it stands in here and in the other report, so the
//! reviewer sees what is shared before opening the two side by side.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text;
use crate::i18n::{ScreenMsg, fill, screen_msg};
use crate::text::width::{text_width, truncate};
use crate::text::wrap::wrap;
use crate::tui::app::{App, ReuseEntry};
use crate::tui::theme::StyleKey;

/// The list's part and the detail's part of the pane's inner area; no detail when the
/// pane is too low to hold both.
pub fn split(inner: Rect) -> (Rect, Option<Rect>) {
    if inner.height < 5 {
        return (inner, None);
    }
    let detail = (inner.height / 2).clamp(2, 6);
    let list = Rect {
        height: inner.height - detail,
        ..inner
    };
    let detail = Rect {
        y: inner.y + list.height,
        height: detail,
        ..inner
    };
    (list, Some(detail))
}

/// Draws the detail of `entry` into `area`: a rule with both sections, then the passage.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, entry: &ReuseEntry) {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let width = usize::from(area.width);
    let section = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".to_string());
    let places = format!(
        "── {} · {} ",
        fill(
            screen_msg(lang, ScreenMsg::ReuseHere),
            &[&section(&entry.here)]
        ),
        fill(
            screen_msg(lang, ScreenMsg::ReuseThere),
            &[&section(&entry.there)]
        ),
    );
    let rest = width.saturating_sub(text_width(&places, amb));
    let rule = truncate(&format!("{places}{}", "─".repeat(rest)), width, amb);
    let muted = theme.style(StyleKey::Muted);
    text::put_str(buf, area.x, area.y, width, &rule, muted, amb);
    let passage: String = entry
        .text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let style = theme.style(StyleKey::Text);
    let rows = usize::from(area.height.saturating_sub(1));
    for (k, range) in wrap(&passage, width.max(1), amb)
        .into_iter()
        .take(rows)
        .enumerate()
    {
        let line: String = passage
            .chars()
            .skip(range.start)
            .take(range.len())
            .collect();
        text::put_str(buf, area.x, area.y + 1 + k as u16, width, &line, style, amb);
    }
}
