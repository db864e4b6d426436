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

/// A column: its title, its width in cells (0 for the one column that takes what the
/// others leave, the label or description), the least width it is worth showing at,
/// and how long it is kept when the table is narrow.
pub struct Column {
    pub title: String,
    pub width: u16,
    pub min: u16,
    /// Narrow tables drop the columns of lowest `keep` first; the flexible column is
    /// never dropped.
    pub keep: u8,
}

/// The least width of the flexible column: a label or description below it reads as
/// nothing, so numbers give way first.
pub const FLEX_MIN: u16 = 12;

impl Column {
    /// A column of `width` cells (never narrower than its title) titled `title`, that
    /// shrinks to its title and is dropped before columns of higher `keep`.
    pub fn new(title: &str, width: u16) -> Column {
        let title_width = crate::text::width::text_width(title, false) as u16;
        let (width, min) = if width == 0 {
            (0, FLEX_MIN.max(title_width))
        } else {
            (width.max(title_width), title_width.max(1))
        };
        Column {
            title: title.to_string(),
            width,
            min,
            keep: 1,
        }
    }

    /// The same column shrinking no narrower than `min` cells.
    pub fn min(mut self, min: u16) -> Column {
        self.min = self.min.max(min).min(self.width.max(self.min));
        self
    }

    /// The same column, wide enough for the widest of `cells` up to `most` cells, so a
    /// kind or flag name in either language is whole while the table has room.
    pub fn fit(mut self, cells: impl IntoIterator<Item = String>, most: u16) -> Column {
        let widest = cells
            .into_iter()
            .map(|cell| crate::text::width::text_width(&cell, false))
            .max()
            .unwrap_or(0);
        let widest = u16::try_from(widest).unwrap_or(u16::MAX).min(most);
        self.width = self.width.max(widest);
        self
    }

    /// The same column, kept longer than those of lower `keep`.
    pub fn keep(mut self, keep: u8) -> Column {
        self.keep = keep;
        self
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

/// The x offset and width of each column inside `width` cells; `None` for a column
/// dropped. Fixed columns shrink to their least width, lowest `keep` first, then are
/// dropped in that order, until the flexible column has its least width; it takes the
/// rest.
fn column_spans(columns: &[Column], width: u16) -> Vec<Option<(u16, u16)>> {
    let mut widths: Vec<Option<u16>> = columns
        .iter()
        .map(|c| Some(if c.width == 0 { c.min } else { c.width }))
        .collect();
    let total = |widths: &[Option<u16>]| -> u16 {
        let shown = widths.iter().flatten();
        shown.clone().sum::<u16>() + (shown.count() as u16).saturating_sub(1)
    };
    let mut order: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].width > 0)
        .collect();
    order.sort_by_key(|&i| columns[i].keep);
    for &i in &order {
        if total(&widths) <= width {
            break;
        }
        let over = total(&widths) - width;
        let room = columns[i].width - columns[i].min;
        widths[i] = Some(columns[i].width - room.min(over));
    }
    for &i in &order {
        if total(&widths) <= width {
            break;
        }
        widths[i] = None;
    }
    let spare = width.saturating_sub(total(&widths));
    let mut x = 0u16;
    columns
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            let w = w? + if c.width == 0 { spare } else { 0 };
            let w = w.min(width.saturating_sub(x));
            let span = (x, w);
            x = x.saturating_add(w + 1);
            Some(span)
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
    let shown = view.columns.iter().zip(&spans);
    for (column, (x, w)) in shown.filter_map(|(c, span)| Some((c, (*span)?))) {
        let title = truncate(&column.title, usize::from(w), amb);
        text::put_str(buf, area.x + x, area.y, usize::from(w), &title, header, amb);
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
        let shown = cells.iter().zip(&spans);
        for ((content, style), (x, w)) in shown.filter_map(|(c, span)| Some((c, (*span)?))) {
            let style = if selected {
                style.patch(selected_style)
            } else {
                *style
            };
            let shown = truncate(content, usize::from(w), amb);
            text::put_str(buf, area.x + x, y, usize::from(w), &shown, style, amb);
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
        assert_eq!(
            column_spans(&columns, 30),
            [Some((0, 4)), Some((5, 18)), Some((24, 6))]
        );
    }

    #[test]
    fn narrow_tables_shrink_then_drop_numbers_before_the_label() {
        let columns = [
            Column::new("指标", 0),
            Column::new("上年", 10).min(6).keep(5),
            Column::new("本年", 10).min(6).keep(5),
            Column::new("变化", 7).keep(3),
            Column::new("提示", 10).min(8).keep(4),
        ];
        let spans = column_spans(&columns, 38);
        let label = spans[0].expect("label kept");
        assert!(label.1 >= FLEX_MIN, "{spans:?}");
        assert!(spans[1].is_some() && spans[2].is_some(), "{spans:?}");
        let end = spans.iter().flatten().map(|(x, w)| x + w).max();
        assert!(end <= Some(38), "{spans:?}");
        let tiny = column_spans(&columns, 14);
        assert_eq!(tiny[0], Some((0, 14)));
        assert!(tiny[1..].iter().all(Option::is_none), "{tiny:?}");
    }

    #[test]
    fn titles_are_never_cut() {
        let column = Column::new("findings", 5);
        assert_eq!(column.width, 8);
    }
}
