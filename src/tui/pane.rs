//! The panes of the review screen by name, what the review keeps for each pane beside
//! the text, and the selection in a list. Everything per pane is kept in a [`SideMap`],
//! so code that treats the panes alike never names them one by one.

use std::ops::{Index, IndexMut};

/// A pane of the review screen that can hold the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Diff,
    Outline,
    Figures,
    Lint,
    Reuse,
    Notes,
}

impl Pane {
    /// The side pane this is; `None` for the text.
    pub fn side(self) -> Option<SidePane> {
        match self {
            Pane::Diff => None,
            Pane::Outline => Some(SidePane::Outline),
            Pane::Figures => Some(SidePane::Figures),
            Pane::Lint => Some(SidePane::Lint),
            Pane::Reuse => Some(SidePane::Reuse),
            Pane::Notes => Some(SidePane::Notes),
        }
    }
}

/// A pane beside the text, which the reviewer opens and closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidePane {
    Figures,
    Lint,
    Reuse,
    Outline,
    /// The notes and flags of the two years on screen.
    Notes,
}

impl SidePane {
    /// Every side pane, in the order `Tab` visits them after the text.
    pub const ALL: [SidePane; 5] = [
        SidePane::Figures,
        SidePane::Lint,
        SidePane::Reuse,
        SidePane::Outline,
        SidePane::Notes,
    ];
}

impl From<SidePane> for Pane {
    fn from(side: SidePane) -> Pane {
        match side {
            SidePane::Figures => Pane::Figures,
            SidePane::Lint => Pane::Lint,
            SidePane::Reuse => Pane::Reuse,
            SidePane::Outline => Pane::Outline,
            SidePane::Notes => Pane::Notes,
        }
    }
}

/// One value for each side pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SideMap<T>([T; 5]);

impl<T> SideMap<T> {
    /// The map holding `make(pane)` for each pane.
    pub fn from_fn(make: impl FnMut(SidePane) -> T) -> SideMap<T> {
        SideMap(SidePane::ALL.map(make))
    }
}

impl<T> Index<SidePane> for SideMap<T> {
    type Output = T;

    fn index(&self, side: SidePane) -> &T {
        &self.0[side as usize]
    }
}

impl<T> IndexMut<SidePane> for SideMap<T> {
    fn index_mut(&mut self, side: SidePane) -> &mut T {
        &mut self.0[side as usize]
    }
}

/// What the review keeps for a side pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneState {
    pub shown: bool,
    pub cursor: ListCursor,
}

/// A selection in a list pane, with the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves by `delta` within `len` rows and keeps the selection among `rows` visible.
    pub fn step(&mut self, delta: isize, len: usize, rows: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.reveal(rows);
    }

    /// Scrolls so the selection is among the `rows` shown.
    pub fn reveal(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cursor_stays_in_range_and_in_view() {
        let mut c = ListCursor::default();
        c.step(5, 3, 10);
        assert_eq!(c.selected, 2);
        c.step(-10, 3, 10);
        assert_eq!(c.selected, 0);
        let mut c = ListCursor::default();
        c.step(7, 20, 5);
        assert_eq!((c.selected, c.offset), (7, 3));
        c.step(-6, 20, 5);
        assert_eq!((c.selected, c.offset), (1, 1));
        c.step(1, 0, 5);
        assert_eq!(c, ListCursor::default());
    }

    #[test]
    fn each_side_pane_has_its_own_slot() {
        let map = SideMap::from_fn(Pane::from);
        for side in SidePane::ALL {
            assert_eq!(map[side].side(), Some(side));
        }
        assert_eq!(Pane::Diff.side(), None);
    }
}
