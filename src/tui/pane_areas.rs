//! Where each pane goes for a terminal size. One function per screen, shared by the
//! views (to draw) and by `update` (to know how many lines a page is), so scrolling and
//! drawing always agree.

use ratatui::layout::Rect;

use super::pane::{Pane, SideMap, SidePane};

/// The panes of the review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewAreas {
    /// Township, years, copy ratio and counts.
    pub header: Rect,
    /// The year above each column.
    pub columns: Rect,
    pub diff: Rect,
    /// The side panes open, where they are.
    pub panes: SideMap<Option<Rect>>,
    /// Messages and key hints.
    pub status: Rect,
}

impl ReviewAreas {
    /// Where a pane is, when it is on screen.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane.side() {
            Some(side) => self.panes[side],
            None => Some(self.diff),
        }
    }
}

/// Below this width an outline column would squeeze the text too much.
const OUTLINE_MIN_WIDTH: u16 = 60;

/// The least width of the outline: the reviewed mark, a title and the number of changes
/// under its heading (`changes` in English) side by side.
const OUTLINE_WIDTH: u16 = 24;

/// The side panes that share the row below the text, left to right.
const BOTTOM_ROW: [SidePane; 4] = [
    SidePane::Figures,
    SidePane::Lint,
    SidePane::Reuse,
    SidePane::Notes,
];

/// Lays out the review screen: bars on top and bottom, the outline on the left, the
/// figures, lint, reuse and notes panes (those `shown`) side by side below the text.
pub fn review_areas(area: Rect, shown: SideMap<bool>) -> ReviewAreas {
    let header = Rect {
        height: area.height.min(1),
        ..area
    };
    let columns = Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(1).min(1),
        ..area
    };
    let status = Rect {
        y: area.bottom().saturating_sub(1).max(area.y),
        height: area.height.min(1),
        ..area
    };
    let mut body = Rect {
        x: area.x,
        y: area.y.saturating_add(2).min(area.bottom()),
        width: area.width,
        height: area.height.saturating_sub(3),
    };
    let mut panes = SideMap::default();
    panes[SidePane::Outline] =
        (shown[SidePane::Outline] && area.width >= OUTLINE_MIN_WIDTH).then(|| {
            let width = (area.width / 4).clamp(OUTLINE_WIDTH, 32);
            let pane = Rect { width, ..body };
            body.x += width;
            body.width -= width;
            pane
        });
    place_bottom_row(&mut body, shown, &mut panes);
    ReviewAreas {
        header,
        columns,
        diff: body,
        panes,
        status,
    }
}

/// Takes a row off the bottom of `body` for the bottom-row panes `shown`, and shares its
/// width among them exactly.
fn place_bottom_row(body: &mut Rect, shown: SideMap<bool>, panes: &mut SideMap<Option<Rect>>) {
    let count = BOTTOM_ROW.iter().filter(|&&p| shown[p]).count() as u16;
    let Some(share) = body.width.checked_div(count) else {
        return;
    };
    let height = (body.height * 2 / 5)
        .max(7)
        .min(body.height.saturating_sub(3));
    let bottom = Rect {
        y: body.bottom().saturating_sub(height),
        height,
        ..*body
    };
    body.height -= height;
    let mut x = bottom.x;
    for (placed, side) in BOTTOM_ROW.into_iter().filter(|&p| shown[p]).enumerate() {
        let width = if placed + 1 == usize::from(count) {
            bottom.right() - x
        } else {
            share
        };
        panes[side] = Some(Rect { x, width, ..bottom });
        x += width;
    }
}

/// The panes of the township list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListAreas {
    pub bar: Rect,
    /// Column titles and the townships.
    pub table: Rect,
    /// Details of the selected township, on wide terminals.
    pub detail: Option<Rect>,
    pub status: Rect,
}

/// Lays out the township list: the table, and a detail panel when there is room.
pub fn list_areas(area: Rect) -> ListAreas {
    let bar = Rect {
        height: area.height.min(1),
        ..area
    };
    let status = Rect {
        y: area.bottom().saturating_sub(1).max(area.y),
        height: area.height.min(1),
        ..area
    };
    let mut table = Rect {
        y: area.y.saturating_add(1).min(area.bottom()),
        height: area.height.saturating_sub(2),
        ..area
    };
    let detail = (area.width >= 110).then(|| {
        let width = 40;
        table.width -= width;
        Rect {
            x: table.right(),
            width,
            ..table
        }
    });
    ListAreas {
        bar,
        table,
        detail,
        status,
    }
}

/// Rows of a bordered table pane that hold data (borders and the title row excluded).
pub fn table_rows(pane: Rect) -> usize {
    usize::from(pane.height.saturating_sub(3))
}

/// A centred box of at most `width` × `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which side panes are open: outline, figures, lint, reuse.
    fn shown(outline: bool, figures: bool, lint: bool, reuse: bool) -> SideMap<bool> {
        let mut map = SideMap::default();
        map[SidePane::Outline] = outline;
        map[SidePane::Figures] = figures;
        map[SidePane::Lint] = lint;
        map[SidePane::Reuse] = reuse;
        map
    }

    #[test]
    fn panes_tile_the_screen_at_80_by_24() {
        let area = Rect::new(0, 0, 80, 24);
        let a = review_areas(area, shown(false, true, true, false));
        assert_eq!(a.header.y, 0);
        assert_eq!(a.columns.y, 1);
        assert_eq!(a.status.y, 23);
        let figures = a.panes[SidePane::Figures].expect("figures pane");
        let lint = a.panes[SidePane::Lint].expect("lint pane");
        assert_eq!(a.diff.y, 2);
        assert_eq!(a.diff.bottom(), figures.y);
        assert_eq!(figures.bottom(), 23);
        assert_eq!(figures.right(), lint.x);
        assert_eq!(lint.right(), 80);
        assert!(a.diff.height >= 8);
    }

    #[test]
    fn tiny_terminals_do_not_underflow() {
        for (w, h) in [(0, 0), (1, 1), (10, 3), (20, 5)] {
            let a = review_areas(Rect::new(0, 0, w, h), shown(true, true, true, true));
            assert!(a.diff.bottom() <= h.max(a.diff.y));
            let l = list_areas(Rect::new(0, 0, w, h));
            assert!(l.table.height <= h);
        }
    }

    #[test]
    fn three_bottom_panes_share_the_width_exactly() {
        let a = review_areas(Rect::new(0, 0, 80, 24), shown(false, true, true, true));
        let (figures, lint, reuse) = (
            a.panes[SidePane::Figures].unwrap(),
            a.panes[SidePane::Lint].unwrap(),
            a.panes[SidePane::Reuse].unwrap(),
        );
        assert_eq!(figures.x, 0);
        assert_eq!(figures.right(), lint.x);
        assert_eq!(lint.right(), reuse.x);
        assert_eq!(reuse.right(), 80);
        let only = review_areas(Rect::new(0, 0, 80, 24), shown(false, false, false, true));
        assert_eq!(
            only.panes[SidePane::Reuse].map(|r| (r.x, r.width)),
            Some((0, 80))
        );
        assert!(only.panes[SidePane::Figures].is_none() && only.panes[SidePane::Lint].is_none());
    }

    #[test]
    fn outline_only_when_wide_enough() {
        assert!(
            review_areas(Rect::new(0, 0, 59, 24), shown(true, false, false, false)).panes
                [SidePane::Outline]
                .is_none()
        );
        let a = review_areas(Rect::new(0, 0, 100, 24), shown(true, false, false, false));
        let outline = a.panes[SidePane::Outline].expect("outline");
        assert_eq!(outline.right(), a.diff.x);
    }
}
