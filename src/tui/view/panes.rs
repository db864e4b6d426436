//! The side panes of the review screen: the figures ledger (with trends when three or
//! more years are stored), the lint findings of both years, the outline, and the other
//! reports holding the sentence under the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::table::{CellText, Column, TableView, draw_frame, draw_table};
use crate::compare::ledger::{FigureSeries, LedgerFlag, LedgerRow, LedgerSide};
use crate::i18n::fill;
use crate::i18n::{Lang, Msg, msg};
use crate::reuse::Kind;
use crate::review::Side;
use crate::tui::app::{App, ReusePane, ReviewState};
use crate::tui::diff_lines::part_name;
use crate::tui::pane::{Pane, SidePane};
use crate::tui::theme::StyleKey;

/// Draws a side pane.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState, side: SidePane) {
    match side {
        SidePane::Figures => draw_figures(buf, area, app, review),
        SidePane::Lint => draw_lint(buf, area, app, review),
        SidePane::Reuse => draw_reuse(buf, area, app, review),
        SidePane::Outline => draw_outline(buf, area, app, review),
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
    let mut columns = vec![Column::new(msg(lang, Msg::TuiLabel), 0)];
    if data.is_single() {
        columns.push(Column::new(msg(lang, Msg::TuiValue), 12));
        columns.push(Column::new(msg(lang, Msg::Sections), 8));
    } else {
        columns.push(Column::new(msg(lang, Msg::TuiLastYear), 10));
        columns.push(Column::new(msg(lang, Msg::TuiThisYear), 10));
        columns.push(Column::new(msg(lang, Msg::TuiChange), 7));
        columns.push(Column::new(msg(lang, Msg::TuiFlags), 10));
        if with_trend {
            columns.push(Column::new(msg(lang, Msg::TuiTrend), 8));
        }
    }
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
                (row.change.map(signed).unwrap_or_default(), text),
                (flags_text(row, lang), flag_style),
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

fn surface(side: Option<&LedgerSide>) -> String {
    side.map(|s| s.surface.clone())
        .unwrap_or_else(|| "—".to_string())
}

/// A change with its sign: `+3`, `-1.5`.
pub fn signed(value: f64) -> String {
    let text = number(value.abs());
    if value > 0.0 {
        format!("+{text}")
    } else if value < 0.0 {
        format!("-{text}")
    } else {
        text
    }
}

/// A number as a reviewer writes it: whole numbers without decimals.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn flags_text(row: &LedgerRow, lang: Lang) -> String {
    row.flags
        .iter()
        .map(|f| {
            msg(
                lang,
                match f {
                    LedgerFlag::SameSentence => Msg::TuiFlagSameSentence,
                    LedgerFlag::SameValue => Msg::TuiFlagSameValue,
                    LedgerFlag::Vanished => Msg::TuiFlagVanished,
                    LedgerFlag::New => Msg::TuiFlagNew,
                    LedgerFlag::Jump => Msg::TuiFlagJump,
                    LedgerFlag::Over100Percent => Msg::TuiFlagOver100,
                    LedgerFlag::Implausible => Msg::TuiFlagImplausible,
                },
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    let columns = [
        Column::new(msg(lang, Msg::Year), 4),
        Column::new(msg(lang, Msg::TuiKind), 12),
        Column::new(msg(lang, Msg::Sections), 7),
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
                finding.message.clone()
            } else {
                format!("{} — {}", finding.message, finding.excerpt)
            };
            vec![
                (year, year_style),
                (kind_name(&finding.kind, lang), text),
                (finding.section.clone().unwrap_or_default(), muted),
                (message, text),
            ]
        },
    };
    draw_table(buf, inner, app, &view);
}

/// A lint kind's name for reviewers; kinds this build does not know keep their JSON
/// name.
fn kind_name(kind: &crate::report::LintKind, lang: Lang) -> String {
    let name = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let m = match name.as_str() {
        "missing-part" => Msg::TuiLintMissingPart,
        "numbering-gap" => Msg::TuiLintNumberingGap,
        "duplicate-number" => Msg::TuiLintDuplicateNumber,
        "mixed-markers" => Msg::TuiLintMixedMarkers,
        "year-mismatch" => Msg::TuiLintYearMismatch,
        "foreign-township" => Msg::TuiLintForeignTownship,
        "artifact" => Msg::TuiLintArtifact,
        "no-title" => Msg::TuiLintNoTitle,
        "sum-mismatch" => Msg::TuiLintSumMismatch,
        _ => return name,
    };
    msg(lang, m).to_string()
}

/// The name of a kind of reuse, as `nianbao reuse` prints it.
pub fn reuse_kind_name(kind: Kind, lang: Lang) -> &'static str {
    msg(
        lang,
        match kind {
            Kind::OwnHistory => Msg::ReuseOwnHistory,
            Kind::Template => Msg::ReuseTemplate,
            Kind::CrossTownship => Msg::ReuseCrossTownship,
            Kind::Widespread => Msg::ReuseWidespread,
        },
    )
}

/// Draws the reuse pane: for this year's sentence under the cursor, each other report
/// holding it with the kind of reuse and how closely it matches; `…` while the answer
/// is on its way.
fn draw_reuse(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let lang = app.lang();
    let focused = review.focus == Pane::Reuse;
    let inner = draw_frame(buf, area, app, msg(lang, Msg::TuiReuse), focused);
    let theme = &app.settings.theme;
    let text = theme.style(StyleKey::Text);
    let muted = theme.style(StyleKey::Muted);
    let flag = theme.style(StyleKey::Flag);
    let columns = [
        Column::new(msg(lang, Msg::TuiKind), 8),
        Column::new(msg(lang, Msg::Township), 0),
        Column::new(msg(lang, Msg::Year), 4),
        Column::new(msg(lang, Msg::TuiSimilarity), 11),
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
                (reuse_kind_name(entry.kind, lang).to_string(), kind_style),
                (other.township.clone(), if own { muted } else { text }),
                (other.year.map(|y| y.to_string()).unwrap_or_default(), text),
                (closeness, text),
            ]
        },
    };
    draw_table(buf, inner, app, &view);
}

/// Draws the outline of this year's report.
fn draw_outline(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let lang = app.lang();
    let focused = review.focus == Pane::Outline;
    let inner = draw_frame(buf, area, app, msg(lang, Msg::TuiOutline), focused);
    let Some(report) = review.outline_sections() else {
        return;
    };
    let theme = &app.settings.theme;
    let text = theme.style(StyleKey::Text);
    let reviewed = theme.style(StyleKey::Reviewed);
    let columns = [Column::new("", 1), Column::new(msg(lang, Msg::Sections), 0)];
    let view = TableView {
        columns: &columns,
        len: report.sections.len(),
        cursor: review.panes[SidePane::Outline].cursor,
        focused,
        empty: msg(lang, Msg::TuiNoSections),
        row: |i| {
            let Some(section) = report.sections.get(i) else {
                return Vec::new();
            };
            let indent = "  ".repeat(usize::from(section.level.saturating_sub(1)));
            let mut title = format!("{indent}{}{}", section.marker, section.title);
            if section.level == 1 && !section.parts.is_empty() {
                let parts: Vec<&str> = section.parts.iter().map(|p| part_name(*p)).collect();
                title = format!("{title} [{}]", parts.join("·"));
            }
            let mark = if review.is_reviewed(Side::New, &section.path) {
                "✓"
            } else {
                ""
            };
            vec![(mark.to_string(), reviewed), (title, text)]
        },
    };
    draw_table(buf, inner, app, &view);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(signed(3.0), "+3");
        assert_eq!(signed(-0.25), "-0.25");
        assert_eq!(signed(0.0), "0");
    }

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
