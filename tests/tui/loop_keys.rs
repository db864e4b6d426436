//! Key sequences of the reviewer's loop, driven through `update` without a terminal:
//! reviewed progress, sort directions, notes on headings, and the note editor's new
//! line and paste.

use crate::tui_support::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Overlay, Screen, SortKey};
use nianbao::tui::diff_lines::ItemKind;
use nianbao::tui::jobs::Job;

/// Opens 清水镇 2022 → 2023 of the test store.
fn open_pair(app: &mut App) {
    press(app, "/");
    type_text(app, "qsz");
    press(app, "<Enter>");
    assert_eq!(app.screen, Screen::Review);
}

/// The path of the section whose heading is under the cursor, if it is on a heading.
fn heading_under_cursor(app: &App) -> Option<String> {
    let review = app.review.as_ref()?;
    let item = review.layout.as_ref()?.items.get(review.cursor)?;
    if !matches!(item.kind, ItemKind::Header { .. }) {
        return None;
    }
    let (side, section) = review.cursor_section()?;
    let report = review.data.as_ref()?.report(side)?;
    Some(report.sections.get(section)?.path.clone())
}

/// A key as the terminal sends it, straight to the box that has the keys.
fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    run(app, Action::Input(KeyEvent::new(code, modifiers)));
}

/// The lines of the open note editor.
fn editor_lines(app: &App) -> Vec<String> {
    match &app.overlay {
        Some(Overlay::Note(editor)) => editor.text.lines().to_vec(),
        other => panic!("no note editor open: {other:?}"),
    }
}

#[test]
fn space_marks_the_section_and_moves_to_the_next_unreviewed_one() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "g");
    let before = press(&mut app, "<Space>");
    assert!(
        before.is_empty(),
        "nothing to mark before the first heading"
    );
    assert_eq!(heading_under_cursor(&app).as_deref(), Some("1"));
    let writes = press(&mut app, "<Space>");
    match writes.as_slice() {
        [request] => match &request.job {
            Job::ToggleReviewed { section, .. } => assert_eq!(section, "1"),
            other => panic!("unexpected {other:?}"),
        },
        other => panic!("expected one write: {other:?}"),
    }
    assert_eq!(heading_under_cursor(&app).as_deref(), Some("1.1"));
    press(&mut app, "U");
    assert_eq!(
        heading_under_cursor(&app).as_deref(),
        Some("1.2"),
        "U goes on to the next unreviewed section"
    );
}

#[test]
fn every_sort_states_its_direction() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "s s");
    assert_eq!(app.list.sort, SortKey::CopyRatio);
    let ratios = |app: &App| -> Vec<f64> {
        app.list
            .visible
            .iter()
            .filter_map(|&i| app.list.rows[i].stats.and_then(|s| s.copy_ratio))
            .collect()
    };
    let header = |app: &App| buffer_text(&render(app)).lines().next().map(str::to_string);
    let down = ratios(&app);
    assert!(
        down.len() > 1 && down.windows(2).all(|w| w[0] >= w[1]),
        "{down:?}"
    );
    assert!(
        header(&app).is_some_and(|h| h.contains("沿用率↓")),
        "{:?}",
        header(&app)
    );
    press(&mut app, "r");
    let up = ratios(&app);
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "{up:?}");
    assert!(
        header(&app).is_some_and(|h| h.contains("沿用率↑")),
        "{:?}",
        header(&app)
    );
    for _ in 0..6 {
        press(&mut app, "s");
        let line = header(&app).unwrap_or_default();
        let arrow = if app.list.ascending() { '↑' } else { '↓' };
        assert!(line.contains(arrow), "{:?}: {line}", app.list.sort);
    }
}

#[test]
fn a_on_a_heading_writes_a_note_on_the_section() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "g <Space>");
    assert_eq!(heading_under_cursor(&app).as_deref(), Some("1"));
    press(&mut app, "a");
    let target = match &app.overlay {
        Some(Overlay::Note(editor)) => editor.target.clone(),
        other => panic!("a on a heading opens the editor: {other:?}"),
    };
    assert_eq!(target.section.as_deref(), Some("1"));
    assert_eq!(target.sentence, None, "a note on the whole section");
}

#[test]
fn ctrl_j_and_shift_enter_start_a_new_line_and_enter_saves() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "a");
    type_text(&mut app, "第一行");
    key(&mut app, KeyCode::Char('j'), KeyModifiers::CONTROL);
    type_text(&mut app, "第二行");
    key(&mut app, KeyCode::Enter, KeyModifiers::SHIFT);
    type_text(&mut app, "第三行");
    key(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    type_text(&mut app, "第四行");
    assert_eq!(editor_lines(&app), ["第一行", "第二行", "第三行", "第四行"]);
    let effects = app.update(Action::Input(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    let saved = sent(&effects);
    match saved.as_slice() {
        [request] => match &request.job {
            Job::AddNote { body, .. } => assert_eq!(body, "第一行\n第二行\n第三行\n第四行"),
            other => panic!("unexpected {other:?}"),
        },
        other => panic!("expected the note saved: {other:?}"),
    }
}

#[test]
fn pasted_text_keeps_its_line_breaks_bracketed_or_not() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "a");
    run(&mut app, Action::Paste("甲\r\n乙\r丙".into()));
    assert_eq!(editor_lines(&app), ["甲", "乙", "丙"]);

    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "a");
    let burst: Vec<KeyEvent> = "丁\n戊"
        .chars()
        .map(|c| match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        })
        .collect();
    run(&mut app, Action::Burst(burst));
    assert_eq!(
        editor_lines(&app),
        ["丁", "戊"],
        "the line break is kept, not saved"
    );
}

#[test]
fn an_unbracketed_paste_never_runs_as_keys_in_the_review() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    let cursor = app.review.as_ref().map(|r| r.cursor);
    let burst: Vec<KeyEvent> = "审阅意见 q x a j G"
        .chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    let effects = run(&mut app, Action::Burst(burst));
    assert!(
        sent(&effects).is_empty(),
        "no flag or note written: {effects:?}"
    );
    assert_eq!(app.screen, Screen::Review, "q did not quit");
    assert!(app.overlay.is_none(), "a did not open the editor");
    assert_eq!(
        app.review.as_ref().map(|r| r.cursor),
        cursor,
        "j and G did not move"
    );
}

#[test]
fn a_search_typed_fast_is_searched_not_pasted() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    let mut burst = keys("/");
    burst.extend(
        "法治课"
            .chars()
            .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    );
    burst.extend(keys("<Enter> g n"));
    run(&mut app, Action::Burst(burst));
    let review = app.review.as_ref().expect("review");
    assert_eq!(
        review.search.query, "法治课",
        "the word went into the search"
    );
    assert!(app.typing.is_none(), "Enter ended the search");
    assert!(
        app.status.is_none(),
        "nothing was taken as a paste: {:?}",
        app.status
    );
    assert!(
        review.search.is_active() && !review.search.hits.is_empty(),
        "the search found the word"
    );
    let data = review.data.as_ref().expect("data");
    let under_cursor = review
        .cursor_sentence()
        .and_then(|(side, i)| data.report(side)?.sentences.get(i))
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        under_cursor.contains("法治课"),
        "g then n reached a match: {under_cursor}"
    );
}

#[test]
fn space_skips_sections_already_reviewed() {
    use nianbao::store::{Note, NoteKind};
    use nianbao::tui::jobs::{NoteChange, Reply, Response};
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "g <Space>");
    let writes = press(&mut app, "<Space>");
    assert_eq!(heading_under_cursor(&app).as_deref(), Some("1.1"));
    let reviewed = |id: i64, section: &str| Note {
        id,
        township: "清水镇".into(),
        county: Some("示例县".into()),
        year: 2023,
        section: Some(section.into()),
        start: None,
        end: None,
        excerpt: String::new(),
        kind: NoteKind::Reviewed,
        body: String::new(),
        author: "tester".into(),
        created_at: "2024-01-01T00:00:00Z".into(),
    };
    app.update(Action::Worker(Response {
        id: writes[0].id,
        reply: Reply::Notes {
            township: "清水镇".into(),
            county: "示例县".into(),
            notes: vec![reviewed(1, "1"), reviewed(2, "1.2")],
            done: NoteChange::Reviewed(true),
        },
    }));
    press(&mut app, "<Space>");
    assert_eq!(
        heading_under_cursor(&app).as_deref(),
        Some("1.3"),
        "1.2 is reviewed already, so Space goes past it"
    );
}
