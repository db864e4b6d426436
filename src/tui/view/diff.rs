//! The text of the review screen: only the visible display lines of the layout, each
//! with a three-cell gutter (the kind marker, the reviewer's mark, the state mark) and
//! last year beside this year.
//!
//! The row under the cursor is marked by its gutter drawn as a bar and by the theme's
//! `cursor` style laid under the text: changed words, figures and search hits are drawn
//! over it, so the sentence being read keeps its highlights.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text;
use crate::compare::{Region, RowKind, SectionStatus};
use crate::i18n::fill;
use crate::i18n::{Msg, Noun, counted, msg};
use crate::review::rows::marker;
use crate::review::{PairData, Side};
use crate::tui::app::{App, ReviewMark, ReviewState};
use crate::tui::diff_lines::{DiffLayout, GUTTER, Item, ItemKind, MarkKind, SideCell, Source};
use crate::tui::theme::{StyleKey, Theme};

/// The state mark of a row whose text this year is shared with one or two other
/// townships.
pub const CROSS_TOWNSHIP_MARK: char = '@';
/// The state mark of a section marked reviewed.
pub const REVIEWED_MARK: char = '✓';

/// Draws the visible display lines of the layout, and nothing more.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let (Some(data), Some(layout)) = (&review.data, &review.layout) else {
        return;
    };
    if area.height == 0 || layout.items.is_empty() {
        return;
    }
    let mut index = layout.item_at_line(review.scroll);
    for y in 0..area.height {
        let line = review.scroll + usize::from(y);
        if line >= layout.total_lines {
            break;
        }
        while index + 1 < layout.items.len()
            && layout.items[index].top + layout.items[index].height <= line
        {
            index += 1;
        }
        let Some(item) = layout.items.get(index) else {
            break;
        };
        let painter = LinePainter {
            buf: &mut *buf,
            app,
            review,
            data,
            layout,
            x: area.x,
            y: area.y + y,
            width: usize::from(area.width),
        };
        painter.paint(index, item, line - item.top);
    }
}

/// The marks of an item's gutter: the kind marker and its row style, the reviewer's
/// mark, the state mark.
struct Gutter {
    style: Style,
    kind: char,
    review: ReviewMark,
    state: Option<(char, StyleKey)>,
}

/// Draws one display line of one item.
struct LinePainter<'a> {
    buf: &'a mut Buffer,
    app: &'a App,
    review: &'a ReviewState,
    data: &'a PairData,
    layout: &'a DiffLayout,
    x: u16,
    y: u16,
    width: usize,
}

impl LinePainter<'_> {
    fn paint(mut self, index: usize, item: &Item, offset: usize) {
        let theme = &self.app.settings.theme;
        let amb = self.app.settings.config.ambiguous_wide;
        let is_cursor = index == self.review.cursor;
        let gutter = self.gutter(item);
        let base = if is_cursor {
            gutter.style.patch(theme.style(StyleKey::Cursor))
        } else {
            gutter.style
        };
        text::fill(self.buf, self.x, self.y, self.width, base);
        self.paint_gutter(&gutter, is_cursor, offset);
        if let ItemKind::Fold { start, end, .. } = item.kind {
            if offset == 0 {
                let lang = self.app.lang();
                let line = fill(
                    msg(lang, Msg::TuiFolded),
                    &[&counted(lang, end - start, Noun::UnchangedSentence)],
                );
                let room = self.width.saturating_sub(GUTTER);
                let x = self.x + GUTTER as u16;
                text::put_str(self.buf, x, self.y, room, &line, base, amb);
            }
            return;
        }
        let left_x = self.x + GUTTER as u16;
        if self.layout.single {
            let width = self.layout.right_width;
            self.paint_side(index, item, Side::New, offset, (left_x, width), base);
            return;
        }
        let width = self.layout.left_width;
        self.paint_side(index, item, Side::Old, offset, (left_x, width), base);
        let separator = base.patch(theme.style(StyleKey::Border));
        let x = left_x + width as u16;
        text::put_str(self.buf, x, self.y, 1, "│", separator, amb);
        let right = (x + 1, self.layout.right_width);
        self.paint_side(index, item, Side::New, offset, right, base);
    }

    /// The gutter: drawn as the cursor bar on every line of the item under the cursor,
    /// its marks on the first line only.
    fn paint_gutter(&mut self, gutter: &Gutter, is_cursor: bool, offset: usize) {
        let theme = &self.app.settings.theme;
        let amb = self.app.settings.config.ambiguous_wide;
        let bar = theme.style(StyleKey::CursorBar);
        let style = if is_cursor { bar } else { gutter.style };
        text::fill(self.buf, self.x, self.y, GUTTER.min(self.width), style);
        if offset != 0 {
            return;
        }
        let marks = [
            Some((gutter.kind, style)),
            gutter
                .review
                .symbol()
                .map(|c| (c, style.patch(theme.style(review_key(gutter.review))))),
            gutter
                .state
                .map(|(c, key)| (c, style.patch(theme.style(key)))),
        ];
        for (k, mark) in marks.into_iter().enumerate() {
            if let Some((c, mark_style)) = mark {
                let mark_style = if is_cursor { bar } else { mark_style };
                let x = self.x + k as u16;
                text::put_str(self.buf, x, self.y, 1, &c.to_string(), mark_style, amb);
            }
        }
    }

    /// What the gutter of an item shows, and the style of its row.
    fn gutter(&self, item: &Item) -> Gutter {
        let theme = &self.app.settings.theme;
        match item.kind {
            ItemKind::Header { pair } => self.header_gutter(pair),
            ItemKind::Fold { .. } => Gutter {
                style: theme.style(StyleKey::Fold),
                kind: '⋯',
                review: ReviewMark::default(),
                state: None,
            },
            ItemKind::Row { pair, row } => {
                let kind = self
                    .data
                    .comparison
                    .sections
                    .get(pair)
                    .and_then(|p| p.rows.get(row))
                    .map_or(RowKind::Unchanged, |r| r.kind);
                let (style, kind) = if self.layout.single {
                    (theme.style(StyleKey::Text), ' ')
                } else {
                    (kind_style(theme, kind), marker(kind))
                };
                Gutter {
                    style,
                    kind,
                    review: self.sentence_mark(item),
                    state: self.cross_township(item),
                }
            }
        }
    }

    fn header_gutter(&self, pair: usize) -> Gutter {
        let theme = &self.app.settings.theme;
        let section = self.data.comparison.sections.get(pair);
        let style = match section.map(|p| p.status) {
            Some(SectionStatus::Removed) if !self.layout.single => theme
                .style(StyleKey::Header)
                .patch(theme.style(StyleKey::Removed)),
            Some(SectionStatus::Added) if !self.layout.single => theme
                .style(StyleKey::Header)
                .patch(theme.style(StyleKey::Added)),
            _ => theme.style(StyleKey::Header),
        };
        let mut review = ReviewMark::default();
        let mut reviewed = false;
        let sides = section.map_or([None, None], |p| {
            [(Side::New, p.new), (Side::Old, p.old)].map(Some)
        });
        for (side, region) in sides.into_iter().flatten() {
            let Some(year) = self.data.year(side) else {
                continue;
            };
            let path = match region {
                Some(Region::Section(i)) => self
                    .data
                    .report(side)
                    .and_then(|r| r.sections.get(i))
                    .map(|s| s.path.as_str()),
                _ if pair == 0 => Some(""),
                _ => None,
            };
            if let Some(path) = path {
                let mark = self.review.records.section_mark(year, path);
                review.flag |= mark.flag;
                review.note |= mark.note;
                reviewed |= !path.is_empty() && self.review.records.is_reviewed(year, path);
            }
        }
        Gutter {
            style,
            kind: '§',
            review,
            state: reviewed.then_some((REVIEWED_MARK, StyleKey::Reviewed)),
        }
    }

    /// The flags and notes on the sentences of a row, both years together.
    fn sentence_mark(&self, item: &Item) -> ReviewMark {
        let mut mark = ReviewMark::default();
        for side in [Side::Old, Side::New] {
            let (Some(report), Some(year)) = (self.data.report(side), self.data.year(side)) else {
                continue;
            };
            for &i in &item.side(side).sentences {
                if let Some(sentence) = report.sentences.get(i) {
                    let m = self.review.records.sentence_mark(year, sentence.span);
                    mark.flag |= m.flag;
                    mark.note |= m.note;
                }
            }
        }
        mark
    }

    /// `@` when this year's text of the row is shared with one or two other townships
    /// (as soon as the reuse answer for the report has come).
    fn cross_township(&self, item: &Item) -> Option<(char, StyleKey)> {
        let reuse = self.app.reuse_answer()?;
        let shared = item.new.sentences.iter().any(|&i| {
            self.data
                .new
                .sentences
                .get(i)
                .is_some_and(|s| reuse.is_cross_township(s.span))
        });
        shared.then_some((CROSS_TOWNSHIP_MARK, StyleKey::Lint))
    }

    /// One side's display line `offset`, from `x` over `width` cells.
    fn paint_side(
        &mut self,
        index: usize,
        item: &Item,
        side: Side,
        offset: usize,
        (x, width): (u16, usize),
        base: Style,
    ) {
        let (app, data, review) = (self.app, self.data, self.review);
        let cell = item.side(side);
        let Some(range) = cell.lines.get(offset) else {
            return;
        };
        let content: &str = match (&cell.source, data.report(side)) {
            (Source::Sentence(i), Some(report)) => {
                report.sentences.get(*i).map_or("", |s| s.text.as_str())
            }
            (Source::Text(t), _) => t.as_str(),
            _ => return,
        };
        let theme = &app.settings.theme;
        let matches = review.search.shown(index, side);
        let chars = content
            .chars()
            .enumerate()
            .skip(range.start)
            .take(range.len())
            .map(|(i, c)| (c, char_style(theme, cell, matches, i, base)));
        let amb = app.settings.config.ambiguous_wide;
        text::put_chars(self.buf, x, self.y, width, chars, amb);
    }
}

/// The style of a row of `kind`.
fn kind_style(theme: &Theme, kind: RowKind) -> Style {
    theme.style(match kind {
        RowKind::Unchanged => StyleKey::Unchanged,
        RowKind::NumbersOnly | RowKind::DatesOnly => StyleKey::NumbersOnly,
        RowKind::Modified => StyleKey::Modified,
        RowKind::Moved => StyleKey::Moved,
        RowKind::Added => StyleKey::Added,
        RowKind::Removed => StyleKey::Removed,
    })
}

/// The style of the reviewer's mark: a flag wins over a note.
fn review_key(mark: ReviewMark) -> StyleKey {
    if mark.flag {
        StyleKey::Flag
    } else {
        StyleKey::Note
    }
}

/// The style of character `i` of one side: the row's style (with the cursor under it),
/// then marks and search matches on top.
fn char_style(
    theme: &Theme,
    cell: &SideCell,
    matches: &[std::ops::Range<usize>],
    i: usize,
    base: Style,
) -> Style {
    let mut style = base;
    for mark in cell.marks.iter().filter(|m| m.range.contains(&i)) {
        style = style.patch(theme.style(match mark.kind {
            MarkKind::Insert => StyleKey::Insert,
            MarkKind::Delete => StyleKey::Delete,
            MarkKind::Figure => StyleKey::Figure,
            MarkKind::Lint => StyleKey::Lint,
        }));
    }
    if matches.iter().any(|m| m.contains(&i)) {
        style = style.patch(theme.style(StyleKey::Match));
    }
    style
}
