//! A table drawn cell by cell: column titles, then only the rows in view, each cell cut
//! to its column. Cell text goes through [`super::text`], so untrusted text stays inert.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::text::width::truncate;
use crate::tui::app::App;
use crate::tui::pane::ListCursor;
use crate::tui::theme::StyleKey;

use super::text;

/// A column: its title and width in cells; width 0 takes what the others leave.
pub struct Column {
    pub title: String,
    pub width: u16,
}

impl Column {
    /// A column of `width` cells titled `title`.
    pub fn new(title: &str, width: u16) -> Column {
        Column {
            title: title.to_string(),
            width,
        }
    }
}

/// One cell's text and style.
pub type CellText = (String, Style);

/// What a table shows: its rows, the selection, and whether it has the focus.
pub struct TableView<'a, F: Fn(usize) -> Vec<CellText>> {
    pub columns: &'a [Column],
    pub len: usize,
    pub cursor: ListCursor,
    pub focused: bool,
    /// Shown instead of rows when there are none.
    pub empty: &'a str,
    /// The cells of row `i`, asked for only for rows in view.
    pub row: F,
}

/// The x offset and width of each column inside `width` cells.
fn column_spans(columns: &[Column], width: u16) -> Vec<(u16, u16)> {
    let fixed: u16 = columns.iter().map(|c| c.width + 1).sum();
    let flex = width.saturating_sub(fixed).max(4);
    let mut x = 0u16;
    columns
        .iter()
        .map(|c| {
            let w = if c.width == 0 { flex } else { c.width };
            let w = w.min(width.saturating_sub(x));
            let span = (x, w);
            x = x.saturating_add(w + 1);
            span
        })
        .collect()
}

/// Draws the table (titles on the first line) into `area`.
pub fn draw_table<F: Fn(usize) -> Vec<CellText>>(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    view: &TableView<'_, F>,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = &app.settings.theme;
    let amb = app.settings.config.ambiguous_wide;
    let spans = column_spans(view.columns, area.width);
    let header = theme.style(StyleKey::Header);
    for (column, (x, w)) in view.columns.iter().zip(&spans) {
        let title = truncate(&column.title, usize::from(*w), amb);
        text::put_str(
            buf,
            area.x + x,
            area.y,
            usize::from(*w),
            &title,
            header,
            amb,
        );
    }
    let rows = usize::from(area.height - 1);
    if view.len == 0 {
        if area.height > 1 {
            let line = truncate(view.empty, usize::from(area.width), amb);
            let style = theme.style(StyleKey::Muted);
            text::put_str(
                buf,
                area.x,
                area.y + 1,
                usize::from(area.width),
                &line,
                style,
                amb,
            );
        }
        return;
    }
    let selected_style = if view.focused {
        theme.style(StyleKey::Selected)
    } else {
        theme.style(StyleKey::Cursor)
    };
    let base = theme.style(StyleKey::Text);
    for (line, index) in (view.cursor.offset..view.len).take(rows).enumerate() {
        let y = area.y + 1 + line as u16;
        let selected = index == view.cursor.selected;
        let row_style = if selected {
            base.patch(selected_style)
        } else {
            base
        };
        text::fill(buf, area.x, y, usize::from(area.width), row_style);
        let cells = (view.row)(index);
        for ((content, style), (x, w)) in cells.iter().zip(&spans) {
            let style = if selected {
                style.patch(selected_style)
            } else {
                *style
            };
            let shown = truncate(content, usize::from(*w), amb);
            text::put_str(buf, area.x + x, y, usize::from(*w), &shown, style, amb);
        }
    }
}

/// Draws a bordered pane titled `title` and returns the area inside the border.
pub fn draw_frame(buf: &mut Buffer, area: Rect, app: &App, title: &str, focused: bool) -> Rect {
    let theme = &app.settings.theme;
    let border = if focused {
        theme.style(StyleKey::BorderFocus)
    } else {
        theme.style(StyleKey::Border)
    };
    let block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(format!(" {title} "));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flex_column_takes_the_rest() {
        let columns = [
            Column::new("a", 4),
            Column::new("b", 0),
            Column::new("c", 6),
        ];
        assert_eq!(column_spans(&columns, 30), [(0, 4), (5, 17), (23, 6)]);
    }

    #[test]
    fn narrow_tables_cut_columns_instead_of_overflowing() {
        let columns = [Column::new("a", 10), Column::new("b", 10)];
        let spans = column_spans(&columns, 12);
        assert_eq!(spans[0], (0, 10));
        assert!(spans[1].0 + spans[1].1 <= 12);
    }
}
