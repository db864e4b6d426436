//! The search screen over the whole store: the query, how many reports hold it, and
//! the reports newest first, each hit with its section number and the words around it,
//! the matched words highlighted (and in brackets when the theme has no colours); while
//! a search runs, the reports found so far with a spinner, the count so far and how
//! many reports were read.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{draw_bar, text};
use crate::i18n::{Lang, Noun, ScreenMsg, counted, fill, screen_msg};
use crate::review::{ReportHits, SearchResults};
use crate::search::Hit;
use crate::store::{SearchPlan, SearchProgress};
use crate::text::width::{char_width, text_width, truncate};
use crate::tui::app::{App, CorpusSearch, ResultLine, corpus_areas};
use crate::tui::theme::StyleKey;

/// Cells given to a hit's section number.
const SECTION_CELLS: usize = 8;

/// The frames of the spinner a running search shows: plain characters every terminal
/// font has, one cell wide.
const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

/// Draws the search screen.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App) {
    let Some(corpus) = &app.corpus else {
        return;
    };
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let areas = corpus_areas(area, corpus.has_note());
    draw_bar(
        buf,
        areas.bar,
        app,
        screen_msg(lang, ScreenMsg::SearchTitle),
    );
    let prompt = screen_msg(lang, ScreenMsg::SearchPrompt);
    let width = usize::from(area.width);
    let used = text::put_str(
        buf,
        areas.query.x,
        areas.query.y,
        width,
        prompt,
        theme.style(StyleKey::Key),
        amb,
    );
    let query = truncate(&corpus.query, width.saturating_sub(used + 1), amb);
    let text_style = theme.style(StyleKey::Text);
    text::put_str(
        buf,
        areas.query.x + used as u16,
        areas.query.y,
        width,
        &query,
        text_style,
        amb,
    );
    let (summary, error) = summary_line(corpus, lang);
    let style = if error {
        theme.style(StyleKey::Error)
    } else {
        theme.style(StyleKey::Muted)
    };
    let summary = truncate(&summary, width, amb);
    text::put_str(
        buf,
        areas.summary.x,
        areas.summary.y,
        width,
        &summary,
        style,
        amb,
    );
    if let (Some(at), Some(note)) = (areas.note, note_line(corpus, lang)) {
        let note = truncate(&note, width, amb);
        text::put_str(
            buf,
            at.x,
            at.y,
            width,
            &note,
            theme.style(StyleKey::Muted),
            amb,
        );
    }
    draw_results(buf, areas.results, app, corpus);
    let status = theme.style(StyleKey::Status);
    text::fill(buf, areas.status.x, areas.status.y, width, status);
    let line = match &app.status {
        Some(message) => message.text.clone(),
        None => screen_msg(lang, ScreenMsg::SearchKeys).to_string(),
    };
    let line = truncate(&line, width, amb);
    text::put_str(
        buf,
        areas.status.x,
        areas.status.y,
        width,
        &line,
        status,
        amb,
    );
}

/// Where the terminal cursor goes on the search screen: the end of the query, so input
/// methods place their candidate window there.
pub fn query_cursor(app: &App, area: Rect) -> Option<ratatui::layout::Position> {
    let corpus = app.corpus.as_ref()?;
    let amb = app.settings.config.ambiguous_wide;
    let prompt = screen_msg(app.lang(), ScreenMsg::SearchPrompt);
    let at = text_width(prompt, amb) + text_width(&corpus.query, amb);
    let line = corpus_areas(area, corpus.has_note()).query;
    Some(ratatui::layout::Position::new(
        (at as u16).min(area.width.saturating_sub(1)),
        line.y,
    ))
}

/// What the summary line says, and whether it is an error.
fn summary_line(corpus: &CorpusSearch, lang: Lang) -> (String, bool) {
    if let Some(error) = &corpus.error {
        return (error.clone(), true);
    }
    let busy = corpus.waiting.is_some();
    let Some((query, results)) = &corpus.results else {
        let m = if busy {
            ScreenMsg::SearchBusy
        } else {
            ScreenMsg::SearchEmpty
        };
        return (screen_msg(lang, m).to_string(), false);
    };
    if let Some(progress) = &results.running {
        return (running_line(corpus, query, results, progress, lang), false);
    }
    let mut line = if results.total == 0 {
        fill(screen_msg(lang, ScreenMsg::SearchNone), &[query])
    } else {
        fill(
            screen_msg(lang, ScreenMsg::SearchMatches),
            &[&counted(lang, results.total, Noun::ReportContaining), query],
        )
    };
    push_showing(&mut line, results, lang);
    if busy {
        line.push_str("  ");
        line.push_str(screen_msg(lang, ScreenMsg::SearchBusy));
    }
    (line, false)
}

/// How the answer was found, when the reviewer should know: every report read (a
/// query too short for the index), or reports the index lacks read one by one, and
/// what indexes them.
fn note_line(corpus: &CorpusSearch, lang: Lang) -> Option<String> {
    let (_, results) = corpus.results.as_ref()?;
    let mut notes = Vec::new();
    if results.plan == SearchPlan::Scan {
        notes.push(screen_msg(lang, ScreenMsg::SearchScanned).to_string());
    }
    if results.unindexed > 0 {
        let unindexed = results.unindexed.to_string();
        notes.push(fill(
            screen_msg(lang, ScreenMsg::SearchUnindexed),
            &[&unindexed],
        ));
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// The summary line while a search runs: a spinner turned by each answer so far, the
/// reports found so far and how many reports have been read of how many.
fn running_line(
    corpus: &CorpusSearch,
    query: &str,
    results: &SearchResults,
    progress: &SearchProgress,
    lang: Lang,
) -> String {
    let spinner = SPINNER[corpus.ticks % SPINNER.len()];
    let mut line = format!(
        "{spinner} {}",
        fill(
            screen_msg(lang, ScreenMsg::SearchSoFar),
            &[&counted(lang, results.total, Noun::ReportContaining), query],
        )
    );
    line.push_str("  ");
    line.push_str(&fill(
        screen_msg(lang, ScreenMsg::SearchRead),
        &[
            &progress.checked.to_string(),
            &progress.candidates.to_string(),
        ],
    ));
    push_showing(&mut line, results, lang);
    line
}

/// Says how many reports are listed when fewer than match.
fn push_showing(line: &mut String, results: &SearchResults, lang: Lang) {
    if results.reports.len() < results.total {
        line.push_str(&fill(
            screen_msg(lang, ScreenMsg::SearchShowing),
            &[&results.reports.len().to_string()],
        ));
    }
}

fn draw_results(buf: &mut Buffer, area: Rect, app: &App, corpus: &CorpusSearch) {
    let theme = &app.settings.theme;
    let amb = app.settings.config.ambiguous_wide;
    let width = usize::from(area.width);
    let lines = corpus.lines();
    let reports = corpus.reports();
    for (row, (index, line)) in lines
        .iter()
        .enumerate()
        .skip(corpus.cursor.offset)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + row as u16;
        let selected = index == corpus.cursor.selected;
        let base = if selected {
            theme.style(StyleKey::Cursor)
        } else {
            theme.style(StyleKey::Text)
        };
        text::fill(buf, area.x, y, width, base);
        match *line {
            ResultLine::Report(r) => {
                let Some(report) = reports.get(r) else {
                    continue;
                };
                let heading = truncate(&report_heading(report), width, amb);
                let style = base.patch(theme.style(StyleKey::Header));
                text::put_str(buf, area.x, y, width, &heading, style, amb);
            }
            ResultLine::Hit(r, h) => {
                let Some(hit) = reports.get(r).and_then(|report| report.hits.get(h)) else {
                    continue;
                };
                let marker = if selected { "▌" } else { " " };
                let section = hit.section.as_deref().unwrap_or("—");
                let lead = format!("{marker} {section:>w$} ", w = SECTION_CELLS - 2);
                let lead = truncate(&lead, width, amb);
                let used = text::put_str(buf, area.x, y, width, &lead, base, amb);
                let matched = base.patch(theme.style(StyleKey::Match));
                let brackets = !theme.colours_changes();
                let chars = snippet(hit, width.saturating_sub(used), brackets, amb);
                let styled = chars
                    .into_iter()
                    .map(|(c, is_match)| (c, if is_match { matched } else { base }));
                text::put_chars(buf, area.x + used as u16, y, width - used, styled, amb);
            }
        }
    }
}

/// `2023  青石镇  云岭县 某省`: a report's year and place.
fn report_heading(report: &ReportHits) -> String {
    let row = &report.report;
    let place: Vec<&str> = [row.county.as_deref(), row.province.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    format!("{}  {}  {}", row.year, row.township, place.join(" "))
}

/// A hit's words in `cells`: the match whole (or as much as fits), the words before it
/// cut from the left and after it from the right so the match stays in sight; each
/// character with whether it is the match.
fn snippet(hit: &Hit, cells: usize, brackets: bool, amb: bool) -> Vec<(char, bool)> {
    let (open, close) = if brackets { ("【", "】") } else { ("", "") };
    let matched: String = format!("{open}{}{close}", hit.text);
    let match_cells = text_width(&matched, amb);
    let ellipsis = text_width("…", amb);
    let room = cells.saturating_sub(match_cells);
    let before_room = (room / 2).saturating_sub(ellipsis);
    let mut before: Vec<char> = Vec::new();
    let mut used = 0;
    for c in hit.before.chars().rev() {
        let w = char_width(c, amb);
        if used + w > before_room {
            break;
        }
        used += w;
        before.push(c);
    }
    before.push('…');
    before.reverse();
    let mut out: Vec<(char, bool)> = before.into_iter().map(|c| (c, false)).collect();
    out.extend(matched.chars().map(|c| (c, true)));
    out.extend(hit.after.chars().map(|c| (c, false)));
    out.push(('…', false));
    out
}
