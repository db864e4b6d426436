//! Boxes over the screen: the welcome text of an empty store, a waiting message, the
//! chart of one figure over the years, and the note editor.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Widget};
use ratatui_textarea::TextArea;

use super::panes::number;
use super::table::draw_frame;
use super::text;
use crate::i18n::{Msg, msg};
use crate::report::normalize::printable;
use crate::text::width::{text_width, truncate};
use crate::tui::app::App;
use crate::tui::jobs::NoteTarget;
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

/// The note editor, with the sentence the note is about.
pub fn draw_note(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    editor: &TextArea<'static>,
    target: &NoteTarget,
) {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let buf = frame.buffer_mut();
    let boxed = centered(area, 76, 12);
    Clear.render(boxed, buf);
    buf.set_style(boxed, theme.style(StyleKey::Text));
    let inner = draw_frame(buf, boxed, app, msg(lang, Msg::TuiNoteTitle), true);
    if inner.height < 3 {
        return;
    }
    let width = usize::from(inner.width);
    let about = format!(
        "{} {} · {}",
        target.key.township,
        target.key.year,
        target.section.as_deref().unwrap_or("-")
    );
    let about = truncate(&about, width, amb);
    text::put_str(
        buf,
        inner.x,
        inner.y,
        width,
        &about,
        theme.style(StyleKey::Muted),
        amb,
    );
    let excerpt = truncate(&target.excerpt, width, amb);
    text::put_str(
        buf,
        inner.x,
        inner.y + 1,
        width,
        &excerpt,
        theme.style(StyleKey::Note),
        amb,
    );
    let edit_area = Rect {
        y: inner.y + 3,
        height: inner.height.saturating_sub(3),
        ..inner
    };
    editor.render(edit_area, buf);
}
