//! The side panes of the review screen: the figures ledger (with trends when three or
//! more years are stored), the lint findings of both years, and the other reports
//! holding the sentence under the cursor; the outline and the notes are in
//! [`super::outline`]. The label or description of a row keeps its room at any width:
//! numbers shrink and drop first, and `Enter` shows a row in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::table::{CellText, Column, TableView, draw_frame, draw_table};
use super::{outline, reuse_detail};
use crate::compare::ledger::{FigureSeries, LedgerSide};
use crate::i18n::fill;
use crate::i18n::{Lang, Msg, msg};
use crate::reuse::Kind;
use crate::review::{PairData, Side};
use crate::tui::app::{App, ReusePane, ReviewState};
use crate::tui::labels;
use crate::tui::pane::{Pane, SidePane};
use crate::tui::theme::StyleKey;

/// The widest a kind or flag column grows to fit its names (`duplicate number`).
const WIDEST_NAME: u16 = 16;
/// A figure or its change (`134.9万亿元`, `+8.9万亿元`) is shown whole up to this many
/// cells while the pane has room.
const WIDEST_FIGURE: u16 = 14;

/// Draws a side pane.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState, side: SidePane) {
    match side {
        SidePane::Figures => draw_figures(buf, area, app, review),
        SidePane::Lint => draw_lint(buf, area, app, review),
        SidePane::Reuse => draw_reuse(buf, area, app, review),
        SidePane::Outline => outline::draw_outline(buf, area, app, review),
        SidePane::Notes => outline::draw_notes(buf, area, app, review),
    }
}

/// Draws the figures ledger.
fn draw_figures(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let lang = app.lang();
    let focused = review.focus == Pane::Figures;
    let inner = draw_frame(buf, area, app, msg(lang, Msg::Figures), focused);
    let Some(data) = &review.data else {
        return;
    };
    let theme = &app.settings.theme;
    let text = theme.style(StyleKey::Text);
    let flag_style = theme.style(StyleKey::Flag);
    let spark = theme.style(StyleKey::Spark);
    let with_trend = !data.series.is_empty();
    let columns = figure_columns(data, lang, with_trend);
    let view = TableView {
        columns: &columns,
        len: data.ledger.len(),
        cursor: review.panes[SidePane::Figures].cursor,
        focused,
        empty: msg(lang, Msg::TuiNoFigures),
        row: |i| {
            let Some(row) = data.ledger.get(i) else {
                return Vec::new();
            };
            if data.is_single() {
                let section = row
                    .new
                    .as_ref()
                    .and_then(|s| s.section.clone())
                    .unwrap_or_default();
                return vec![
                    (row.label.clone(), text),
                    (surface(row.new.as_ref()), text),
                    (section, text),
                ];
            }
            let mut cells: Vec<CellText> = vec![
                (row.label.clone(), text),
                (surface(row.old.as_ref()), text),
                (surface(row.new.as_ref()), text),
                (labels::ledger_change(row).unwrap_or_default(), text),
                (labels::ledger_flags(row, lang), flag_style),
            ];
            if with_trend {
                let trend = data.series_for(row).map(sparkline).unwrap_or_default();
                cells.push((trend, spark));
            }
            cells
        },
    };
    draw_table(buf, inner, app, &view);
}

/// The ledger's columns: each figure and change whole while the pane has room.
fn figure_columns(data: &PairData, lang: Lang, with_trend: bool) -> Vec<Column> {
    let mut columns = vec![Column::new(msg(lang, Msg::Label), 0)];
    if data.is_single() {
        columns.push(Column::new(msg(lang, Msg::Value), 12).min(6).keep(5));
        columns.push(Column::new(msg(lang, Msg::Section), 8).keep(2));
    } else {
        let olds = data.ledger.iter().map(|row| surface(row.old.as_ref()));
        let news = data.ledger.iter().map(|row| surface(row.new.as_ref()));
        let changes = data.ledger.iter().filter_map(labels::ledger_change);
        columns.push(
            Column::new(msg(lang, Msg::TuiLastYear), 10)
                .min(6)
                .keep(5)
                .fit(olds, WIDEST_FIGURE),
        );
        columns.push(
            Column::new(msg(lang, Msg::TuiThisYear), 10)
                .min(6)
                .keep(6)
                .fit(news, WIDEST_FIGURE),
        );
        columns.push(
            Column::new(msg(lang, Msg::Change), 7)
                .keep(3)
                .fit(changes, WIDEST_FIGURE),
        );
        let flags = data
            .ledger
            .iter()
            .map(|row| labels::ledger_flags(row, lang));
        columns.push(
            Column::new(msg(lang, Msg::Flags), 10)
                .min(8)
                .keep(4)
                .fit(flags, WIDEST_NAME),
        );
        if with_trend {
            columns.push(Column::new(msg(lang, Msg::TuiTrend), 8).keep(2));
        }
    }
    columns
}

fn surface(side: Option<&LedgerSide>) -> String {
    side.map(|s| s.surface.clone())
        .unwrap_or_else(|| "—".to_string())
}

/// The last eight points of a series as block characters, lowest to highest.
pub fn sparkline(series: &FigureSeries) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let points: Vec<f64> = series
        .points
        .iter()
        .rev()
        .take(8)
        .rev()
        .map(|(_, v)| *v)
        .filter(|v| v.is_finite())
        .collect();
    let (min, max) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    points
        .iter()
        .map(|&v| {
            let level = if max > min {
                ((v - min) / (max - min) * 7.0).round() as usize
            } else {
                3
            };
            BLOCKS[level.min(7)]
        })
        .collect()
}

/// Draws the lint findings of both years.
fn draw_lint(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let lang = app.lang();
    let focused = review.focus == Pane::Lint;
    let inner = draw_frame(buf, area, app, msg(lang, Msg::Lint), focused);
    let entries = review.lint_entries();
    let theme = &app.settings.theme;
    let text = theme.style(StyleKey::Text);
    let muted = theme.style(StyleKey::Muted);
    let kinds = entries
        .iter()
        .filter_map(|entry| review.finding(*entry))
        .map(|finding| labels::lint_kind(&finding.kind, lang));
    let columns = [
        Column::new(msg(lang, Msg::Year), 4).keep(3),
        Column::new(msg(lang, Msg::Kind), 12)
            .min(8)
            .keep(4)
            .fit(kinds, WIDEST_NAME),
        Column::new(msg(lang, Msg::Section), 7).keep(2),
        Column::new(msg(lang, Msg::TuiMessage), 0),
    ];
    let view = TableView {
        columns: &columns,
        len: entries.len(),
        cursor: review.panes[SidePane::Lint].cursor,
        focused,
        empty: msg(lang, Msg::NoFindings),
        row: |i| {
            let Some(entry) = entries.get(i) else {
                return Vec::new();
            };
            let Some(finding) = review.finding(*entry) else {
                return Vec::new();
            };
            let year = review
                .data
                .as_ref()
                .and_then(|d| d.year(entry.side))
                .map(|y| y.to_string())
                .unwrap_or_default();
            let year_style = if entry.side == Side::Old { muted } else { text };
            let message = if finding.excerpt.is_empty() {
                finding.text(lang)
            } else {
                format!("{} — {}", finding.text(lang), finding.excerpt)
            };
            vec![
                (year, year_style),
                (labels::lint_kind(&finding.kind, lang), text),
                (finding.section.clone().unwrap_or_default(), muted),
                (message, text),
            ]
        },
    };
    draw_table(buf, inner, app, &view);
}

/// Draws the reuse pane: for this year's sentence under the cursor, each other report
/// holding it with the kind of reuse and how closely it matches; `…` while the answer
/// is on its way.
fn draw_reuse(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let lang = app.lang();
    let focused = review.focus == Pane::Reuse;
    let inner = draw_frame(buf, area, app, msg(lang, Msg::TuiReuse), focused);
    let (inner, detail) = reuse_detail::split(inner);
    let theme = &app.settings.theme;
    let text = theme.style(StyleKey::Text);
    let muted = theme.style(StyleKey::Muted);
    let flag = theme.style(StyleKey::Flag);
    let columns = [
        Column::new(msg(lang, Msg::Kind), 8).min(6).keep(4),
        Column::new(msg(lang, Msg::Township), 0),
        Column::new(msg(lang, Msg::Year), 4).keep(5),
        Column::new(msg(lang, Msg::Similarity), 11).min(4).keep(3),
    ];
    let pane = app.reuse_pane();
    let (list, empty) = match pane {
        ReusePane::Entries(list) => (list.as_slice(), msg(lang, Msg::TuiReuseNone).to_string()),
        ReusePane::Pending => (&[][..], "…".to_string()),
        ReusePane::NoSentence => (&[][..], msg(lang, Msg::TuiReuseNoSentence).to_string()),
        ReusePane::Missing => (&[][..], msg(lang, Msg::TuiReuseMissing).to_string()),
        ReusePane::Failed(reason) => (&[][..], fill(msg(lang, Msg::TuiFailed), &[reason])),
    };
    let view = TableView {
        columns: &columns,
        len: list.len(),
        cursor: review.panes[SidePane::Reuse].cursor,
        focused,
        empty: &empty,
        row: |i| {
            let Some(entry) = list.get(i) else {
                return Vec::new();
            };
            let other = &entry.other;
            let kind_style = if entry.kind == Kind::CrossTownship {
                flag
            } else {
                text
            };
            let own = other.township == review.township
                && other.county.as_deref().unwrap_or("") == review.county;
            let closeness = if entry.near {
                format!(
                    "{:.0}% {}",
                    other.similarity * 100.0,
                    msg(lang, Msg::ReuseNear)
                )
            } else {
                format!("100% {}", msg(lang, Msg::TuiReuseExact))
            };
            vec![
                (labels::reuse_kind(entry.kind, lang).to_string(), kind_style),
                (other.township.clone(), if own { muted } else { text }),
                (other.year.map(|y| y.to_string()).unwrap_or_default(), text),
                (closeness, text),
            ]
        },
    };
    draw_table(buf, inner, app, &view);
    let selected = list.get(review.panes[SidePane::Reuse].cursor.selected);
    if let (Some(area), Some(entry)) = (detail, selected) {
        reuse_detail::draw(buf, area, app, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_spans_the_range() {
        let series = FigureSeries {
            label: "学习".into(),
            unit: "次".into(),
            points: vec![(2019, 1.0), (2020, 5.0), (2021, 9.0)],
            at: Vec::new(),
        };
        assert_eq!(sparkline(&series), "▁▅█");
        let flat = FigureSeries {
            points: vec![(2019, 2.0), (2020, 2.0)],
            ..series
        };
        assert_eq!(sparkline(&flat), "▄▄");
    }
}
