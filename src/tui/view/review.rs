//! The review screen: a header line with the copy ratio and the rows of each kind,
//! the year above each column, the text ([`super::diff`]), the side panes and the
//! status line. Markers read without colour: `=` unchanged, `^` dates only, `#`
//! numbers only, `~` modified, `>` moved, `+` added, `-` removed, `§` a section, `⋯` a
//! folded run; then `!` flagged, `*` a note, `&` both; then `✓` a section reviewed,
//! `@` this year's text shared with one or two other townships.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{diff, draw_bar, draw_status, panes, percent, text};
use crate::compare::RowKind;
use crate::i18n::fill;
use crate::i18n::{Msg, ScreenMsg, msg, screen_msg};
use crate::review::coarse_tag;
use crate::review::rows::marker;
use crate::text::width::{text_width, truncate};
use crate::tui::app::{App, ReviewState};
use crate::tui::diff_lines::GUTTER;
use crate::tui::keymap::Context;
use crate::tui::pane::SidePane;
use crate::tui::theme::StyleKey;

const HINTS: &[(Context, &str, Msg)] = &[
    (Context::Review, "next_change", Msg::TuiHintNext),
    (Context::Review, "next_section", Msg::TuiHintSection),
    (Context::Review, "toggle_figures", Msg::Figures),
    (Context::Review, "toggle_lint", Msg::Lint),
    (Context::Review, "add_note", Msg::TuiHintNote),
    (Context::Global, "help", Msg::TuiHintHelp),
];

/// Draws the review screen.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let Some(review) = &app.review else {
        return;
    };
    let areas = review.areas(area);
    let header = header_line(app, review, usize::from(areas.header.width));
    draw_bar(buf, areas.header, app, &header);
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
        (Some(_), Some(_), None) => diff::draw(buf, areas.diff, app, review),
        _ => {}
    }
    for side in SidePane::ALL {
        if let Some(area) = areas.panes[side] {
            panes::draw(buf, area, app, review, side);
        }
    }
    let mut position = review
        .layout
        .as_ref()
        .filter(|l| !l.items.is_empty())
        .map(|l| format!("{}/{}", review.cursor + 1, l.items.len()))
        .unwrap_or_default();
    if review.search.is_active() {
        let summary = review.search.summary(msg(app.lang(), Msg::TuiNotFound));
        position = format!("{summary} {position}");
    }
    if let Some(tag) = review
        .data
        .as_ref()
        .and_then(|data| coarse_tag(&data.comparison, app.lang()))
    {
        position = format!("{tag} {position}");
    }
    draw_status(buf, areas.status, app, HINTS, &position);
}

/// The header: township, years, copy ratio, rows of each kind and review progress,
/// fitted to `width`: kinds without rows drop out first, then the county, then the
/// rows of each kind, then the copy ratio.
fn header_line(app: &App, review: &ReviewState, width: usize) -> String {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let years = match (&review.source, review.old_year) {
        (Some(source), _) => fill(
            screen_msg(lang, ScreenMsg::CrossTitle),
            &[
                &review.township,
                &review.new_year.to_string(),
                &source.township,
                &source.year.to_string(),
            ],
        ),
        (None, Some(old)) => format!("{old} → {}", review.new_year),
        (None, None) => review.new_year.to_string(),
    };
    let county = (!review.county.is_empty()).then(|| format!(" · {}", review.county));
    let (mut ratio, mut all, mut some, mut progress) = (None, None, None, None);
    if review.loading() {
        ratio = Some(msg(lang, Msg::TuiLoading).to_string());
    } else {
        if let Some(data) = review.data.as_ref().filter(|d| !d.is_single()) {
            let copied = percent(data.comparison.scores.copy_ratio);
            ratio = Some(format!("{} {copied}", msg(lang, Msg::CopyRatio)));
            let counts = kind_counts(data);
            let join = |keep: &dyn Fn(usize) -> bool| {
                let shown = counts.iter().filter(|(_, n)| keep(*n));
                shown
                    .map(|(k, n)| format!("{k}{n}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            all = Some(join(&|_| true));
            some = Some(join(&|n| n > 0));
        }
        let (reviewed, total) = review.progress();
        progress = (total > 0).then(|| {
            let counts = [reviewed.to_string(), total.to_string()];
            fill(msg(lang, Msg::TuiReviewedCount), &[&counts[0], &counts[1]])
        });
    }
    let line = |county: Option<&String>, parts: [Option<&String>; 3]| {
        let mut line = format!(" {}{}", review.township, county.map_or("", |c| c.as_str()));
        for part in [Some(&years), parts[0], parts[1], parts[2]]
            .into_iter()
            .flatten()
        {
            line.push_str(" │ ");
            line.push_str(part);
        }
        line
    };
    let candidates = [
        line(
            county.as_ref(),
            [ratio.as_ref(), all.as_ref(), progress.as_ref()],
        ),
        line(
            county.as_ref(),
            [ratio.as_ref(), some.as_ref(), progress.as_ref()],
        ),
        line(None, [ratio.as_ref(), some.as_ref(), progress.as_ref()]),
        line(None, [ratio.as_ref(), None, progress.as_ref()]),
    ];
    candidates
        .into_iter()
        .find(|l| text_width(l, amb) <= width)
        .unwrap_or_else(|| line(None, [None, None, progress.as_ref()]))
}

/// The marker of each row kind with its number of rows, as the header lists them.
fn kind_counts(data: &crate::review::PairData) -> [(char, usize); 7] {
    let c = data.counts;
    [
        (RowKind::Unchanged, c.unchanged),
        (RowKind::DatesOnly, c.dates_only),
        (RowKind::NumbersOnly, c.numbers_only),
        (RowKind::Modified, c.modified),
        (RowKind::Moved, c.moved),
        (RowKind::Added, c.added),
        (RowKind::Removed, c.removed),
    ]
    .map(|(kind, n)| (marker(kind), n))
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
    let year = |y: i32, m: Msg| match &review.source {
        Some(source) => {
            let township = if m == Msg::TuiLastYear {
                &source.township
            } else {
                &review.township
            };
            fill(
                screen_msg(lang, ScreenMsg::CrossColumn),
                &[township, &y.to_string()],
            )
        }
        None => format!("{y} {}", msg(lang, m)),
    };
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
