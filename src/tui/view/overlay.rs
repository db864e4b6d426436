//! Boxes over the screen: the welcome text of an empty store, a waiting message, the
//! chart of one figure over the years, the note editor, a text shown in full, and the
//! question before a note is deleted.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Widget};

use super::table::draw_frame;
use super::text;
use crate::i18n::{Msg, msg};
use crate::report::normalize::printable;
use crate::store::Note;
use crate::text::clock;
use crate::text::width::{text_width, truncate};
use crate::text::wrap;
use crate::tui::app::{App, NoteEditor};
use crate::tui::labels::number;
use crate::tui::pane_areas::centered;
use crate::tui::theme::StyleKey;

/// One centred line of text.
pub fn draw_message(buf: &mut Buffer, area: Rect, app: &App, m: Msg) {
    let amb = app.settings.config.ambiguous_wide;
    let line = truncate(msg(app.lang(), m), usize::from(area.width), amb);
    let width = text_width(&line, amb) as u16;
    let at = centered(area, width, 1);
    let style = app.settings.theme.style(StyleKey::Muted);
    text::put_str(buf, at.x, at.y, usize::from(at.width), &line, style, amb);
}

/// What to do with an empty store.
pub fn draw_welcome(buf: &mut Buffer, area: Rect, app: &App) {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let lines = [
        (Msg::TuiWelcome, StyleKey::Header),
        (Msg::TuiWelcomeEmpty, StyleKey::Text),
        (Msg::TuiWelcomeImport, StyleKey::Key),
        (Msg::TuiWelcomeDemo, StyleKey::Key),
        (Msg::TuiWelcomeKeys, StyleKey::Muted),
    ];
    let boxed = centered(area, 72, lines.len() as u16 * 2 + 1);
    let inner = draw_frame(buf, boxed, app, "nianbao", true);
    for (i, (m, key)) in lines.iter().enumerate() {
        let y = inner.y + (i as u16) * 2;
        if y >= inner.bottom() {
            break;
        }
        let line = truncate(msg(lang, *m), usize::from(inner.width), amb);
        text::put_str(
            buf,
            inner.x,
            y,
            usize::from(inner.width),
            &line,
            theme.style(*key),
            amb,
        );
    }
}

/// A bar chart of the selected ledger row's figure across the years.
pub fn draw_chart(frame: &mut Frame, area: Rect, app: &App, row: usize) {
    let Some(review) = &app.review else {
        return;
    };
    let Some(data) = &review.data else {
        return;
    };
    let Some(series) = data.ledger.get(row).and_then(|r| data.series_for(r)) else {
        return;
    };
    let buf = frame.buffer_mut();
    let boxed = centered(area, 72, 18.min(area.height.saturating_sub(2)).max(5));
    Clear.render(boxed, buf);
    buf.set_style(boxed, app.settings.theme.style(StyleKey::Text));
    let title = printable(&format!("{}（{}）", series.label, series.unit));
    let inner = draw_frame(buf, boxed, app, &title, true);
    let count = series.points.len().max(1) as u16;
    let bar_width = (inner.width / count).saturating_sub(1).clamp(3, 10);
    let bars: Vec<Bar> = series
        .points
        .iter()
        .map(|(year, value)| {
            Bar::default()
                .value(value.max(0.0).round() as u64)
                .text_value(number(*value))
                .label(year.to_string())
        })
        .collect();
    let spark = app.settings.theme.style(StyleKey::Spark);
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(spark)
        .value_style(spark.patch(Style::default().add_modifier(ratatui::style::Modifier::REVERSED)))
        .label_style(app.settings.theme.style(StyleKey::Text))
        .render(inner, buf);
}

/// The note editor, with the place the note is about and the keys that work; returns
/// where the caret is, so the terminal cursor (and an input method's window) follows it.
pub fn draw_note(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    editor: &NoteEditor,
) -> Option<Position> {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let buf = frame.buffer_mut();
    let boxed = centered(area, 76, 14);
    Clear.render(boxed, buf);
    buf.set_style(boxed, theme.style(StyleKey::Text));
    let title = match &editor.editing {
        Some(_) => msg(lang, Msg::TuiNoteEditTitle),
        None => msg(lang, Msg::TuiNoteTitle),
    };
    let inner = draw_frame(buf, boxed, app, title, true);
    if inner.height < 4 {
        return None;
    }
    let width = usize::from(inner.width);
    let target = &editor.target;
    let mut about = format!(
        "{} {} · {}",
        target.key.township,
        target.key.year,
        target
            .section
            .as_deref()
            .unwrap_or(msg(lang, Msg::NotesWholeReport))
    );
    if let Some(note) = &editor.editing {
        about.push_str(&format!(
            " · {} {}",
            note.author,
            clock::local(&note.created_at)
        ));
    }
    let lines = [
        (about, StyleKey::Muted),
        (target.excerpt.replace('\n', " "), StyleKey::Note),
    ];
    for (k, (line, key)) in lines.iter().enumerate() {
        let line = truncate(line, width, amb);
        let y = inner.y + k as u16;
        text::put_str(buf, inner.x, y, width, &line, theme.style(*key), amb);
    }
    let footer = truncate(msg(lang, Msg::TuiNoteKeys), width, amb);
    let footer_y = inner.bottom() - 1;
    text::put_str(
        buf,
        inner.x,
        footer_y,
        width,
        &footer,
        theme.style(StyleKey::Key),
        amb,
    );
    let edit_area = Rect {
        y: inner.y + 3,
        height: inner.height.saturating_sub(4),
        ..inner
    };
    editor.text.render(edit_area, buf);
    let caret = editor.text.screen_cursor();
    let (top, left) = editor.text.scroll_offset();
    let row = caret.row.checked_sub(usize::from(top))?;
    let col = caret.col.checked_sub(usize::from(left))?;
    let x = edit_area.x
        + u16::try_from(col)
            .ok()?
            .min(edit_area.width.saturating_sub(1));
    let y = edit_area.y + u16::try_from(row).ok()?;
    (y < edit_area.bottom()).then_some(Position::new(x, y))
}

/// A box with text too long for its place, wrapped, and the keys that work in it on
/// the last line.
pub fn draw_message_box(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    (title, lines): (&str, &[String]),
    keys: &str,
) {
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let width = area.width.saturating_sub(4).min(90);
    let text_width = usize::from(width.saturating_sub(2)).max(1);
    let wrapped: Vec<String> = lines
        .iter()
        .flat_map(|line| {
            wrap::wrap(line, text_width, amb)
                .into_iter()
                .map(|r| line.chars().skip(r.start).take(r.len()).collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    let height = (wrapped.len() as u16 + 4)
        .min(area.height.saturating_sub(2))
        .max(3);
    let boxed = centered(area, width, height);
    Clear.render(boxed, buf);
    buf.set_style(boxed, theme.style(StyleKey::Text));
    let inner = draw_frame(buf, boxed, app, &printable(title), true);
    let room = usize::from(inner.height.saturating_sub(2));
    let style = theme.style(StyleKey::Text);
    for (k, line) in wrapped.iter().take(room).enumerate() {
        let y = inner.y + k as u16;
        text::put_str(buf, inner.x, y, usize::from(inner.width), line, style, amb);
    }
    if inner.height > 0 {
        let y = inner.bottom() - 1;
        let line = truncate(keys, usize::from(inner.width), amb);
        let key_style = theme.style(StyleKey::Key);
        text::put_str(
            buf,
            inner.x,
            y,
            usize::from(inner.width),
            &line,
            key_style,
            amb,
        );
    }
}

/// Asks before a note is deleted, showing it.
pub fn draw_confirm(buf: &mut Buffer, area: Rect, app: &App, note: &Note) {
    let lang = app.lang();
    let body = if note.body.is_empty() {
        note.excerpt.clone()
    } else {
        note.body.clone()
    };
    let about = format!(
        "{} {} · {} · {}",
        note.township,
        note.year,
        note.section
            .as_deref()
            .unwrap_or(msg(lang, Msg::NotesWholeReport)),
        note.author
    );
    let lines = [about, body];
    let title = msg(lang, Msg::TuiDeleteNoteTitle);
    let keys = msg(lang, Msg::TuiDeleteNoteKeys);
    draw_message_box(buf, area, app, (title, &lines), keys);
}
