//! The review screen: a header line with the copy ratio and counts, last year on the
//! left and this year on the right, row by row as aligned, with a marker column so the
//! kinds read without colour (`=` unchanged, `#` numbers only, `~` modified, `>` moved,
//! `+` added, `-` removed, `§` a section), and a second column for the reviewer's marks
//! (`!` flagged, `*` a note) or, on rows without one, `@` for this year's text shared
//! with one or two other townships.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{draw_bar, draw_status, panes, percent, text};
use crate::compare::{RowKind, SectionStatus};
use crate::i18n::fill;
use crate::i18n::{Msg, msg};
use crate::report::Report;
use crate::review::{PairData, Side};
use crate::store::NoteKind;
use crate::text::width::truncate;
use crate::tui::app::{App, ReviewState, find_matches};
use crate::tui::diff_lines::{DiffLayout, GUTTER, Item, ItemKind, MarkKind, SideCell, Source};
use crate::tui::keymap::Context;
use crate::tui::pane::SidePane;
use crate::tui::theme::{StyleKey, Theme};

const HINTS: &[(Context, &str, Msg)] = &[
    (Context::Review, "next_change", Msg::TuiHintNext),
    (Context::Review, "next_section", Msg::TuiHintSection),
    (Context::Review, "toggle_figures", Msg::Figures),
    (Context::Review, "toggle_lint", Msg::Lint),
    (Context::Review, "add_note", Msg::TuiHintNote),
    (Context::Global, "help", Msg::TuiHintHelp),
];

/// The second-column mark of a row whose text this year is shared with one or two other
/// townships.
pub const CROSS_TOWNSHIP_MARK: char = '@';

/// The marker of a row kind.
pub fn marker(kind: RowKind) -> char {
    match kind {
        RowKind::Unchanged => '=',
        RowKind::NumbersOnly => '#',
        RowKind::DatesOnly => '^',
        RowKind::Modified => '~',
        RowKind::Moved => '>',
        RowKind::Added => '+',
        RowKind::Removed => '-',
    }
}

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

/// Draws the review screen.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let Some(review) = &app.review else {
        return;
    };
    let areas = review.areas(area);
    draw_bar(buf, areas.header, app, &header_line(app, review));
    draw_columns(buf, areas.columns, app, review);
    match (&review.data, &review.layout, &review.error) {
        (_, _, Some(error)) => {
            let line = fill(msg(app.lang(), Msg::TuiFailed), &[error]);
            let style = app.settings.theme.style(StyleKey::Error);
            let amb = app.settings.config.ambiguous_wide;
            let line = truncate(&line, usize::from(areas.diff.width), amb);
            text::put_str(
                buf,
                areas.diff.x,
                areas.diff.y,
                usize::from(areas.diff.width),
                &line,
                style,
                amb,
            );
        }
        (Some(data), Some(layout), None) => draw_diff(buf, areas.diff, app, review, data, layout),
        _ => {}
    }
    for side in SidePane::ALL {
        if let Some(area) = areas.panes[side] {
            panes::draw(buf, area, app, review, side);
        }
    }
    let position = review
        .layout
        .as_ref()
        .filter(|l| !l.items.is_empty())
        .map(|l| format!("{}/{}", review.cursor + 1, l.items.len()))
        .unwrap_or_default();
    draw_status(buf, areas.status, app, HINTS, &position);
}

fn header_line(app: &App, review: &ReviewState) -> String {
    let lang = app.lang();
    let mut line = format!(" {}", review.township);
    if !review.county.is_empty() {
        line.push_str(&format!(" · {}", review.county));
    }
    match review.old_year {
        Some(old) => line.push_str(&format!(" │ {old} → {}", review.new_year)),
        None => line.push_str(&format!(" │ {}", review.new_year)),
    }
    if review.loading() {
        line.push_str(&format!(" │ {}", msg(lang, Msg::TuiLoading)));
        return line;
    }
    let Some(data) = &review.data else {
        return line;
    };
    if !data.is_single() {
        line.push_str(&format!(
            " │ {} {}",
            msg(lang, Msg::TuiCopyRatio),
            percent(data.comparison.scores.copy_ratio)
        ));
        let c = data.counts;
        line.push_str(&format!(
            " │ ={} #{} ~{} >{} +{} -{}",
            c.unchanged, c.numbers_only, c.modified, c.moved, c.added, c.removed
        ));
    }
    let total = data.new.sections.len();
    if total > 0 {
        let reviewed = data
            .new
            .sections
            .iter()
            .filter(|s| review.is_reviewed(Side::New, &s.path))
            .count();
        line.push_str(&format!(
            " │ {}",
            fill(
                msg(lang, Msg::TuiReviewedCount),
                &[&reviewed.to_string(), &total.to_string()]
            )
        ));
    }
    line
}

fn draw_columns(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    if area.height == 0 {
        return;
    }
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let style = app.settings.theme.style(StyleKey::Header);
    let Some(layout) = &review.layout else {
        return;
    };
    let year = |y: i32, m: Msg| format!("{y} {}", msg(lang, m));
    if layout.single {
        let title = year(review.new_year, Msg::TuiOnlyYear);
        text::put_str(
            buf,
            area.x + GUTTER as u16,
            area.y,
            layout.right_width,
            &title,
            style,
            amb,
        );
        return;
    }
    if let Some(data) = &review.data {
        if let Some(old) = data.old_year {
            let title = year(old, Msg::TuiLastYear);
            text::put_str(
                buf,
                area.x + GUTTER as u16,
                area.y,
                layout.left_width,
                &title,
                style,
                amb,
            );
        }
        let x = area.x + (GUTTER + layout.left_width + 1) as u16;
        let title = year(data.new_year, Msg::TuiThisYear);
        text::put_str(buf, x, area.y, layout.right_width, &title, style, amb);
    }
}

/// Draws the visible display lines of the layout, and nothing more.
fn draw_diff(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    review: &ReviewState,
    data: &PairData,
    layout: &DiffLayout,
) {
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
        painter.paint(item, index == review.cursor, line - item.top);
    }
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
    fn paint(mut self, item: &Item, is_cursor: bool, offset: usize) {
        let app = self.app;
        let theme = &app.settings.theme;
        let cursor = if is_cursor {
            theme.style(StyleKey::Cursor)
        } else {
            Style::default()
        };
        let (base, mark, review_mark) = self.describe(item);
        let base = base.patch(cursor);
        text::fill(self.buf, self.x, self.y, self.width, base);
        let amb = app.settings.config.ambiguous_wide;
        if offset == 0 {
            let gutter = format!("{mark}{}", review_mark.map_or(' ', |(c, _)| c));
            text::put_str(self.buf, self.x, self.y, GUTTER, &gutter, base, amb);
            if let Some((c, key)) = review_mark {
                let style = base.patch(theme.style(key)).patch(cursor);
                text::put_str(self.buf, self.x + 1, self.y, 1, &c.to_string(), style, amb);
            }
        }
        if let ItemKind::Fold { start, end, .. } = item.kind {
            if offset == 0 {
                let line = fill(
                    msg(app.lang(), Msg::TuiFolded),
                    &[&(end - start).to_string()],
                );
                let style = theme.style(StyleKey::Fold).patch(cursor);
                let room = self.width.saturating_sub(GUTTER);
                text::put_str(
                    self.buf,
                    self.x + GUTTER as u16,
                    self.y,
                    room,
                    &line,
                    style,
                    amb,
                );
            }
            return;
        }
        let left_x = self.x + GUTTER as u16;
        let right_x = if self.layout.single {
            left_x
        } else {
            left_x + self.layout.left_width as u16 + 1
        };
        if !self.layout.single {
            self.paint_side(
                item,
                Side::Old,
                offset,
                left_x,
                self.layout.left_width,
                base,
                cursor,
            );
            let separator = theme.style(StyleKey::Border).patch(cursor);
            text::put_str(
                self.buf,
                left_x + self.layout.left_width as u16,
                self.y,
                1,
                "│",
                separator,
                amb,
            );
        }
        self.paint_side(
            item,
            Side::New,
            offset,
            right_x,
            self.layout.right_width,
            base,
            cursor,
        );
    }

    /// The base style, the kind marker, and the review marker of an item.
    fn describe(&self, item: &Item) -> (Style, char, Option<(char, StyleKey)>) {
        let theme = &self.app.settings.theme;
        match item.kind {
            ItemKind::Header { pair } => {
                let reviewed = self.data.comparison.sections.get(pair).is_some_and(|p| {
                    [(Side::New, p.new), (Side::Old, p.old)]
                        .into_iter()
                        .any(|(side, region)| {
                            let Some(crate::compare::Region::Section(i)) = region else {
                                return false;
                            };
                            self.data
                                .report(side)
                                .and_then(|r| r.sections.get(i))
                                .is_some_and(|s| self.review.is_reviewed(side, &s.path))
                        })
                });
                let status = self.data.comparison.sections.get(pair).map(|p| p.status);
                let style = match status {
                    Some(SectionStatus::Removed) if !self.layout.single => theme
                        .style(StyleKey::Header)
                        .patch(theme.style(StyleKey::Removed)),
                    Some(SectionStatus::Added) if !self.layout.single => theme
                        .style(StyleKey::Header)
                        .patch(theme.style(StyleKey::Added)),
                    _ => theme.style(StyleKey::Header),
                };
                (style, '§', reviewed.then_some(('✓', StyleKey::Reviewed)))
            }
            ItemKind::Fold { .. } => (theme.style(StyleKey::Fold), '⋯', None),
            ItemKind::Row { pair, row } => {
                let kind = self
                    .data
                    .comparison
                    .sections
                    .get(pair)
                    .and_then(|p| p.rows.get(row))
                    .map_or(RowKind::Unchanged, |r| r.kind);
                let review_mark = [Side::New, Side::Old].into_iter().find_map(|side| {
                    let sentence = self
                        .data
                        .report(side)?
                        .sentences
                        .get(item.sentence(side)?)?;
                    match self.review.sentence_marker(side, sentence.span)? {
                        NoteKind::Flag => Some(('!', StyleKey::Flag)),
                        _ => Some(('*', StyleKey::Note)),
                    }
                });
                let review_mark = review_mark.or_else(|| self.cross_township_mark(item));
                if self.layout.single {
                    (theme.style(StyleKey::Text), ' ', review_mark)
                } else {
                    (kind_style(theme, kind), marker(kind), review_mark)
                }
            }
        }
    }

    /// `@` when this year's sentence of the item is shared with one or two other
    /// townships (as soon as the reuse answer for the report has come).
    fn cross_township_mark(&self, item: &Item) -> Option<(char, StyleKey)> {
        let reuse = self.app.reuse_answer()?;
        let sentence = self.data.new.sentences.get(item.sentence(Side::New)?)?;
        reuse
            .is_cross_township(sentence.span)
            .then_some((CROSS_TOWNSHIP_MARK, StyleKey::Lint))
    }

    #[allow(clippy::too_many_arguments)]
    fn paint_side(
        &mut self,
        item: &Item,
        side: Side,
        offset: usize,
        x: u16,
        width: usize,
        base: Style,
        cursor: Style,
    ) {
        let (app, data, review) = (self.app, self.data, self.review);
        let cell = item.side(side);
        let Some(range) = cell.lines.get(offset) else {
            return;
        };
        let content: &str = match (&cell.source, data.report(side)) {
            (Source::Sentence(i), Some(report)) => sentence_text(report, *i),
            (Source::Text(t), _) => t.as_str(),
            _ => return,
        };
        let theme = &app.settings.theme;
        let matches = if review.search.is_empty() {
            Vec::new()
        } else {
            find_matches(content, &review.search)
        };
        let chars = content
            .chars()
            .enumerate()
            .skip(range.start)
            .take(range.len())
            .map(|(i, c)| (c, char_style(theme, cell, &matches, i, base).patch(cursor)));
        let amb = app.settings.config.ambiguous_wide;
        text::put_chars(self.buf, x, self.y, width, chars, amb);
    }
}

fn sentence_text(report: &Report, index: usize) -> &str {
    report.sentences.get(index).map_or("", |s| s.text.as_str())
}

/// The style of character `i` of one side: the row's style with marks and search
/// matches on top.
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
