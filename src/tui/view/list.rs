//! The township list: name, county, years, copy ratio of the latest year against the
//! one before, lint findings and notes; details of the selected township on the right
//! when the terminal is wide.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::table::{CellText, Column, TableView, draw_frame, draw_table};
use super::{draw_bar, draw_status, percent, text};
use crate::i18n::{Lang, Msg, Noun, counted, msg};
use crate::text::width::{text_width, truncate};
use crate::tui::app::{App, SortKey, TownshipRow};
use crate::tui::keymap::Context;
use crate::tui::pane_areas::list_areas;
use crate::tui::theme::StyleKey;

const HINTS: &[(Context, &str, Msg)] = &[
    (Context::Global, "enter", Msg::TuiHintOpen),
    (Context::Global, "search", Msg::TuiHintFilter),
    (Context::List, "sort_next", Msg::TuiHintSort),
    (Context::Global, "help", Msg::TuiHintHelp),
    (Context::Global, "quit", Msg::TuiHintQuit),
];

/// Draws the list screen.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let lang = app.lang();
    let areas = list_areas(area);
    draw_bar(
        buf,
        areas.bar,
        app,
        &bar_line(app, usize::from(areas.bar.width)),
    );
    let theme = &app.settings.theme;
    let columns = [
        Column::new(msg(lang, Msg::Township), 14).keep(9),
        Column::new(msg(lang, Msg::County), 10).min(6).keep(2),
        Column::new(msg(lang, Msg::Years), 0),
        Column::new(msg(lang, Msg::CopyRatio), 7).keep(8),
        Column::new(msg(lang, Msg::Lint), 5).keep(5),
        Column::new(msg(lang, Msg::TuiNotes), 5).keep(4),
        Column::new(msg(lang, Msg::TuiReviewedColumn), 7).keep(6),
    ];
    let text_style = theme.style(StyleKey::Text);
    let muted = theme.style(StyleKey::Muted);
    let view = TableView {
        columns: &columns,
        len: app.list.visible.len(),
        cursor: app.list.cursor,
        focused: true,
        empty: msg(lang, Msg::TuiNoMatch),
        row: |i| {
            let Some(row) = app.list.visible.get(i).and_then(|&r| app.list.rows.get(r)) else {
                return Vec::new();
            };
            township_cells(row, text_style, muted)
        },
    };
    draw_table(buf, areas.table, app, &view);
    if let Some(detail) = areas.detail {
        draw_detail(buf, detail, app);
    }
    let position = if app.list.visible.is_empty() {
        String::new()
    } else {
        format!(
            "{}/{}",
            app.list.cursor.selected + 1,
            app.list.visible.len()
        )
    };
    draw_status(buf, areas.status, app, HINTS, &position);
}

/// The title bar: what the list is, how many townships, the sort and its direction, and
/// the filter with how many it leaves, fitted to `width`: the title drops out first,
/// then the words before the sort and the number of townships, so the filter and its
/// count stay readable at 80 columns in either language.
fn bar_line(app: &App, width: usize) -> String {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let sort = match app.list.sort {
        SortKey::Name => msg(lang, Msg::TuiSortName),
        SortKey::County => msg(lang, Msg::County),
        SortKey::CopyRatio => msg(lang, Msg::CopyRatio),
        SortKey::Progress => msg(lang, Msg::TuiReviewedColumn),
    };
    let arrow = if app.list.ascending() { "↑" } else { "↓" };
    let title = format!("nianbao {}", msg(lang, Msg::TuiTitle));
    let count = counted(lang, app.list.rows.len(), Noun::Township);
    let sorted = format!("{}: {sort}{arrow}", msg(lang, Msg::TuiSortedBy));
    let short_sort = format!("{sort}{arrow}");
    let filter = (!app.list.filter.is_empty()).then(|| {
        format!(
            "{}: {} ({})",
            msg(lang, Msg::TuiFilter),
            app.list.filter,
            app.list.visible.len()
        )
    });
    let line = |parts: &[&String]| {
        let parts: Vec<&str> = parts
            .iter()
            .copied()
            .chain(filter.as_ref())
            .map(String::as_str)
            .collect();
        format!(" {}", parts.join(" │ "))
    };
    let candidates = [
        line(&[&title, &count, &sorted]),
        line(&[&count, &sorted]),
        line(&[&short_sort]),
    ];
    candidates
        .into_iter()
        .find(|l| text_width(l, amb) <= width)
        .unwrap_or_else(|| line(&[]))
}

fn township_cells(
    row: &TownshipRow,
    style: ratatui::style::Style,
    muted: ratatui::style::Style,
) -> Vec<CellText> {
    let (ratio, lint, progress) = match row.stats {
        Some(stats) => (
            stats.copy_ratio.map_or_else(|| "—".to_string(), percent),
            stats.findings.to_string(),
            format!("{}/{}", stats.reviewed_sections, stats.sections),
        ),
        None => ("…".to_string(), "…".to_string(), "…".to_string()),
    };
    vec![
        (row.info.township.clone(), style),
        (row.county().to_string(), muted),
        (years_text(&row.info.years), style),
        (ratio, style),
        (lint, style),
        (
            if row.notes == 0 {
                String::new()
            } else {
                row.notes.to_string()
            },
            style,
        ),
        (progress, style),
    ]
}

/// `2021 2022` for a few years, `2015–2023 (9)` for many.
fn years_text(years: &[i32]) -> String {
    match years {
        [] => String::new(),
        [first, .., last] if years.len() > 3 => format!("{first}–{last} ({})", years.len()),
        _ => years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn draw_detail(buf: &mut Buffer, area: Rect, app: &App) {
    let lang = app.lang();
    let inner = draw_frame(buf, area, app, msg(lang, Msg::TuiDetails), false);
    let Some(row) = app.list.selected() else {
        return;
    };
    let theme = &app.settings.theme;
    let amb = app.settings.config.ambiguous_wide;
    let width = usize::from(inner.width);
    let lines = detail_lines(row, lang);
    for (i, (label, value)) in lines.iter().enumerate().take(usize::from(inner.height)) {
        let y = inner.y + i as u16;
        let used = text::put_str(
            buf,
            inner.x,
            y,
            width,
            label,
            theme.style(StyleKey::Muted),
            amb,
        );
        let rest = width.saturating_sub(used + 1);
        let value = truncate(value, rest, amb);
        text::put_str(
            buf,
            inner.x + used as u16 + 1,
            y,
            rest,
            &value,
            theme.style(StyleKey::Text),
            amb,
        );
    }
}

fn detail_lines(row: &TownshipRow, lang: Lang) -> Vec<(String, String)> {
    let label = |m: Msg| format!("{}:", msg(lang, m));
    let mut lines = vec![
        (label(Msg::Township), row.info.township.clone()),
        (label(Msg::County), row.county().to_string()),
        (
            label(Msg::Province),
            row.info.province.clone().unwrap_or_default(),
        ),
        (label(Msg::Years), years_text(&row.info.years)),
    ];
    if let Some(stats) = row.stats {
        if let Some(ratio) = stats.copy_ratio {
            lines.push((label(Msg::CopyRatio), percent(ratio)));
        }
        lines.push((label(Msg::Lint), stats.findings.to_string()));
        lines.push((
            label(Msg::TuiReviewedColumn),
            format!("{}/{}", stats.reviewed_sections, stats.sections),
        ));
    }
    lines.push((label(Msg::TuiNotes), row.notes.to_string()));
    lines
}

#[cfg(test)]
mod tests {
    use super::years_text;

    #[test]
    fn years_are_listed_or_summarized() {
        assert_eq!(years_text(&[2021]), "2021");
        assert_eq!(years_text(&[2020, 2021, 2022]), "2020 2021 2022");
        assert_eq!(years_text(&[2015, 2016, 2018, 2023]), "2015–2023 (4)");
    }
}
