//! Writing untrusted text into cells. Every report character reaches the terminal
//! through here: control characters and bidi overrides are dropped (crossterm would pass
//! escapes through), tabs become spaces, and ambiguous-width punctuation takes two cells
//! when the user's terminal draws it so.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

use crate::report::normalize::is_printable;
use crate::text::width::char_width;

/// Writes styled characters from `(x, y)` into at most `width` cells; returns the cells
/// used. Stops before a character that would not fit whole.
pub fn put_chars(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: usize,
    chars: impl Iterator<Item = (char, Style)>,
    ambiguous_wide: bool,
) -> usize {
    let limit = width.min(usize::from(buf.area.right().saturating_sub(x)));
    if y < buf.area.top() || y >= buf.area.bottom() || x < buf.area.left() {
        return 0;
    }
    let mut used = 0;
    for (c, style) in chars {
        let c = if c == '\t' { ' ' } else { c };
        if !is_printable(c) || c == '\n' {
            continue;
        }
        let w = char_width(c, ambiguous_wide);
        if w == 0 {
            continue;
        }
        if used + w > limit {
            break;
        }
        let cx = x + used as u16;
        if let Some(cell) = buf.cell_mut((cx, y)) {
            cell.reset();
            cell.set_char(c).set_style(style);
            let natural = UnicodeWidthChar::width(c).unwrap_or(1);
            if w != natural
                && let Some(forced) = NonZeroU16::new(w as u16)
            {
                cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
        }
        for extra in 1..w {
            if let Some(cell) = buf.cell_mut((cx + extra as u16, y)) {
                cell.reset();
                cell.set_style(style);
            }
        }
        used += w;
    }
    used
}

/// Writes a string in one style; returns the cells used.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: usize,
    text: &str,
    style: Style,
    ambiguous_wide: bool,
) -> usize {
    put_chars(
        buf,
        x,
        y,
        width,
        text.chars().map(|c| (c, style)),
        ambiguous_wide,
    )
}

/// Fills `width` cells from `(x, y)` with blanks in `style`.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: usize, style: Style) {
    for i in 0..width {
        if let Some(cell) = buf.cell_mut((x.saturating_add(i as u16), y)) {
            cell.reset();
            cell.set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn escapes_never_reach_a_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
        put_str(
            &mut buf,
            0,
            0,
            30,
            "a\x1b]0;pwned\x07b\x1b[2Jc\u{202E}d\te",
            Style::default(),
            false,
        );
        let text = row(&buf, 0);
        assert!(text.starts_with("a]0;pwnedb[2Jcd e"), "{text}");
        for x in 0..30 {
            assert!(!buf[(x, 0)].symbol().chars().any(|c| c.is_control()));
        }
    }

    #[test]
    fn wide_characters_never_split_at_the_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let used = put_str(&mut buf, 0, 0, 5, "法治政府", Style::default(), false);
        assert_eq!(used, 4);
        assert_eq!(buf[(4, 0)].symbol(), " ");
    }

    #[test]
    fn ambiguous_width_takes_two_cells_when_asked() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        let used = put_str(&mut buf, 0, 0, 8, "“法”", Style::default(), true);
        assert_eq!(used, 6);
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).expect("two"))
        );
        assert_eq!(buf[(2, 0)].symbol(), "法");
        let narrow = put_str(&mut buf, 0, 0, 8, "“法”", Style::default(), false);
        assert_eq!(narrow, 4);
    }
}
