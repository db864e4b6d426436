//! The panes about the review itself: the outline of this year's report with each
//! section's changes and `✓` when reviewed, and the notes and flags of the two years on
//! screen, written here or from the command line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::diff::REVIEWED_MARK;
use super::table::{Column, TableView, draw_frame, draw_table};
use crate::i18n::{Msg, msg};
use crate::review::Side;
use crate::text::clock;
use crate::tui::app::{App, ReviewState};
use crate::tui::diff_lines::part_name;
use crate::tui::labels;
use crate::tui::pane::{Pane, SidePane};
use crate::tui::theme::StyleKey;

/// Draws the outline of this year's report.
pub fn draw_outline(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let lang = app.lang();
    let focused = review.focus == Pane::Outline;
    let (reviewed, total) = review.progress();
    let title = format!("{} {reviewed}/{total}", msg(lang, Msg::TuiOutline));
    let inner = draw_frame(buf, area, app, &title, focused);
    let Some(report) = review.outline_sections() else {
        return;
    };
    let theme = &app.settings.theme;
    let text = theme.style(StyleKey::Text);
    let reviewed_style = theme.style(StyleKey::Reviewed);
    let muted = theme.style(StyleKey::Muted);
    let single = review.data.as_ref().is_some_and(|d| d.is_single());
    let mut columns = vec![
        Column::new("", 1).keep(9),
        Column::new(msg(lang, Msg::Sections), 0),
    ];
    if !single {
        columns.push(Column::new(msg(lang, Msg::TuiChanges), 4).keep(5));
    }
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
                REVIEWED_MARK.to_string()
            } else {
                String::new()
            };
            let changes = review.section_changes.get(i).copied().unwrap_or(0);
            let (count, count_style) = match changes {
                0 => ("·".to_string(), muted),
                n => (n.to_string(), text),
            };
            vec![(mark, reviewed_style), (title, text), (count, count_style)]
        },
    };
    draw_table(buf, inner, app, &view);
}

/// Draws the notes and flags of the two years on screen.
pub fn draw_notes(buf: &mut Buffer, area: Rect, app: &App, review: &ReviewState) {
    let lang = app.lang();
    let focused = review.focus == Pane::Notes;
    let count = review.records.listed_len();
    let title = format!("{} {count}", msg(lang, Msg::TuiNotesPane));
    let inner = draw_frame(buf, area, app, &title, focused);
    let theme = &app.settings.theme;
    let text = theme.style(StyleKey::Text);
    let muted = theme.style(StyleKey::Muted);
    let flag = theme.style(StyleKey::Flag);
    let columns = [
        Column::new(msg(lang, Msg::Year), 4).keep(4),
        Column::new(msg(lang, Msg::Section), 5).keep(3),
        Column::new(msg(lang, Msg::Kind), 4).keep(5),
        Column::new(msg(lang, Msg::NotesBody), 0),
        Column::new(msg(lang, Msg::NotesAuthor), 8).min(4).keep(2),
        Column::new(msg(lang, Msg::NotesTime), 23).keep(1),
    ];
    let view = TableView {
        columns: &columns,
        len: review.records.listed_len(),
        cursor: review.panes[SidePane::Notes].cursor,
        focused,
        empty: msg(lang, Msg::TuiNoNotes),
        row: |i| {
            let Some(note) = review.records.listed_at(i) else {
                return Vec::new();
            };
            let body = if note.body.is_empty() {
                note.excerpt.clone()
            } else {
                note.body.replace('\n', " ⏎ ")
            };
            let kind = labels::note_kind(note.kind, lang).to_string();
            let kind_style = if note.kind == crate::store::NoteKind::Flag {
                flag
            } else {
                text
            };
            vec![
                (note.year.to_string(), muted),
                (note.section.clone().unwrap_or_else(|| "—".into()), muted),
                (kind, kind_style),
                (body, text),
                (note.author.clone(), muted),
                (clock::local(&note.created_at), muted),
            ]
        },
    };
    draw_table(buf, inner, app, &view);
}
