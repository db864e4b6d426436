//! Key sequences driven through `update` without a terminal: a list of keys in, the
//! resulting state checked.

use std::sync::Arc;

use crate::tui_support::*;
use nianbao::compare::RowKind;
use nianbao::i18n::Lang;
use nianbao::review::Side;
use nianbao::store::{Note, NoteKind};
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Effect, Overlay, Screen, SortKey};
use nianbao::tui::diff_lines::ItemKind;
use nianbao::tui::jobs::{Job, NoteChange, Reply, Response};
use nianbao::tui::keymap::{Binding, Context, KeyChord};
use nianbao::tui::pane::{Pane, SidePane};

fn selected(app: &App) -> String {
    app.list
        .selected()
        .map(|r| r.info.township.clone())
        .unwrap_or_default()
}

fn filter(app: &mut App, query: &str) -> String {
    press(app, "/");
    type_text(app, query);
    let name = selected(app);
    press(app, "<Esc>");
    name
}

fn open_pair(app: &mut App) {
    press(app, "/");
    type_text(app, "qsz");
    press(app, "<Enter>");
    assert_eq!(app.screen, Screen::Review);
    assert!(app.review.as_ref().is_some_and(|r| r.data.is_some()));
}

/// The kind of the row under the cursor.
fn cursor_row_kind(app: &App) -> Option<RowKind> {
    let review = app.review.as_ref()?;
    let data = review.data.as_ref()?;
    let item = review.layout.as_ref()?.items.get(review.cursor)?;
    match item.kind {
        ItemKind::Row { pair, row } => Some(data.comparison.sections[pair].rows[row].kind),
        _ => None,
    }
}

/// The text of the sentence under the cursor, this year's side first.
fn cursor_text(app: &App) -> String {
    let review = app.review.as_ref().expect("review");
    let data = review.data.as_ref().expect("data");
    review
        .cursor_sentence()
        .and_then(|(side, i)| data.report(side)?.sentences.get(i))
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn filtering_by_pinyin_selects_the_township() {
    let mut app = app_with_list(80, 24);
    assert_eq!(filter(&mut app, "tgz"), "太公镇");
    assert_eq!(filter(&mut app, "taigong"), "太公镇");
    assert_eq!(filter(&mut app, "slx"), "杉岭乡");
    assert_eq!(filter(&mut app, "dax"), "大兴镇");
    assert_eq!(filter(&mut app, "徐闻"), "迈陈镇");
    assert_eq!(app.list.visible.len(), 6, "Esc clears the filter");
}

#[test]
fn the_filter_narrows_as_you_type_and_keeps_after_enter() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "/");
    type_text(&mut app, "z");
    let with_z = app.list.visible.len();
    type_text(&mut app, "h");
    assert!(app.list.visible.len() <= with_z);
    press(&mut app, "<BS> <BS>");
    assert_eq!(app.list.visible.len(), 6);
    type_text(&mut app, "zhen");
    press(&mut app, "<Enter>");
    assert_eq!(app.typing, None);
    assert_eq!(app.list.filter, "zhen");
    assert!(app.list.visible.len() >= 4);
    press(&mut app, "<Esc>");
    assert!(app.list.filter.is_empty());
}

#[test]
fn enter_opens_the_latest_pair_on_its_first_change_and_n_walks_the_changes() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    let review = app.review.as_ref().expect("review");
    assert_eq!((review.old_year, review.new_year), (Some(2022), 2023));
    assert_eq!(
        review.cursor, 1,
        "the first change, not the preamble's heading"
    );
    assert_eq!(cursor_row_kind(&app), Some(RowKind::NumbersOnly));
    assert!(cursor_text(&app).contains("2023年法治政府建设年度报告"));
    let mut kinds = Vec::new();
    for _ in 0..10 {
        press(&mut app, "n");
        kinds.extend(cursor_row_kind(&app));
    }
    for kind in [RowKind::Modified, RowKind::Moved, RowKind::Added] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    assert!(!kinds.contains(&RowKind::Unchanged));
    let at = app.review.as_ref().map(|r| r.cursor);
    press(&mut app, "n");
    assert_eq!(
        app.review.as_ref().map(|r| r.cursor),
        at,
        "no change after the last"
    );
    assert!(app.status.is_some());
    press(&mut app, "N");
    assert!(app.review.as_ref().map(|r| r.cursor) < at);
}

#[test]
fn section_keys_stop_at_headers() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "}");
    let review = app.review.as_ref().expect("review");
    assert!(review.is_header(review.cursor));
    let first = review.cursor;
    press(&mut app, "} }");
    let review = app.review.as_ref().expect("review");
    assert!(review.is_header(review.cursor) && review.cursor > first);
    press(&mut app, "{");
    assert!(app.review.as_ref().is_some_and(|r| r.is_header(r.cursor)));
    press(&mut app, "G");
    let review = app.review.as_ref().expect("review");
    let last = review.layout.as_ref().map(|l| l.items.len() - 1);
    assert_eq!(Some(review.cursor), last);
    press(&mut app, "g");
    assert_eq!(app.review.as_ref().map(|r| r.cursor), Some(0));
}

#[test]
fn page_keys_scroll_and_keep_the_cursor_on_screen() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "z");
    press(&mut app, "<C-d>");
    let review = app.review.as_ref().expect("review");
    assert!(review.scroll > 0);
    let height = app.diff_height();
    let layout = review.layout.as_ref().expect("layout");
    let item = &layout.items[review.cursor];
    assert!(item.top + item.height > review.scroll && item.top < review.scroll + height);
    press(&mut app, "<C-u> <C-u>");
    assert_eq!(app.review.as_ref().map(|r| r.scroll), Some(0));
}

#[test]
fn stale_pairs_are_dropped() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    let mut first = Vec::new();
    for key in keys("[") {
        let action = app.action_for_key(key).expect("bound");
        first.extend(sent(&app.update(action)));
    }
    let Job::Open(older, _) = &first[0].job else {
        panic!("expected a pair request: {first:?}");
    };
    assert_eq!((older.old, older.new), (Some(2021), 2022));
    // The reviewer changes their mind before the answer arrives.
    for key in keys("<Esc>") {
        let action = app.action_for_key(key).expect("bound");
        app.update(action);
    }
    press(&mut app, "/");
    type_text(&mut app, "qsz");
    let mut second = Vec::new();
    for key in keys("<Enter>") {
        let action = app.action_for_key(key).expect("bound");
        second.extend(sent(&app.update(action)));
    }
    let stale = Response {
        id: first[0].id,
        reply: Reply::Opened {
            data: Arc::new(crate::tui_support::open_pair(older)),
            notes: Vec::new(),
            layout: None,
        },
    };
    app.update(Action::Worker(stale));
    let review = app.review.as_ref().expect("review");
    assert!(review.data.is_none(), "a stale answer must not be shown");
    assert!(review.loading());
    let Job::Open(latest, _) = &second[0].job else {
        panic!("expected a pair request");
    };
    app.update(opened(second[0].id, crate::tui_support::open_pair(latest)));
    let review = app.review.as_ref().expect("review");
    assert_eq!(review.data.as_ref().map(|d| d.new_year), Some(2023));
    assert!(!review.loading());
}

#[test]
fn brackets_step_through_pairs_of_years() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "]");
    assert_eq!(app.review.as_ref().map(|r| r.new_year), Some(2023));
    assert!(app.status.is_some(), "there is no later year");
    press(&mut app, "[");
    let review = app.review.as_ref().expect("review");
    assert_eq!((review.old_year, review.new_year), (Some(2021), 2022));
    assert_eq!(review.data.as_ref().map(|d| d.new_year), Some(2022));
    press(&mut app, "[");
    assert_eq!(app.review.as_ref().map(|r| r.new_year), Some(2022));
    press(&mut app, "]");
    assert_eq!(app.review.as_ref().map(|r| r.new_year), Some(2023));
}

#[test]
fn figures_pane_selection_scrolls_the_text() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "f");
    assert_eq!(app.review.as_ref().map(|r| r.focus), Some(Pane::Figures));
    press(&mut app, "j j");
    assert!(
        cursor_text(&app).contains("5000余份"),
        "{}",
        cursor_text(&app)
    );
    press(&mut app, "j j j");
    assert!(
        cursor_text(&app).contains("案件20件"),
        "{}",
        cursor_text(&app)
    );
    press(&mut app, "<Enter>");
    let Some(Overlay::Message { title, lines, .. }) = &app.overlay else {
        panic!("Enter shows the figure in full: {:?}", app.overlay);
    };
    assert!(title.contains("行政执法案件"), "{title}");
    assert!(lines.iter().any(|l| l.contains("15件")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("20件")), "{lines:?}");
    press(&mut app, "<Enter>");
    assert!(app.overlay.is_none());
    assert_eq!(app.review.as_ref().map(|r| r.focus), Some(Pane::Diff));
    assert!(cursor_text(&app).contains("案件20件"));
}

#[test]
fn a_figure_in_a_folded_run_unfolds_it() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    let data = app
        .review
        .as_ref()
        .and_then(|r| r.data.clone())
        .expect("data");
    let target = data
        .new
        .sentences
        .iter()
        .position(|s| s.text.contains("推动矛盾纠纷多元化解"))
        .expect("sentence");
    let span = data.new.sentences[target].span;
    let height = app.diff_height();
    let review = app.review.as_mut().expect("review");
    assert!(
        review
            .layout
            .as_ref()
            .and_then(|l| l.item_of_sentence(Side::New, target))
            .is_none()
    );
    assert!(review.jump_to(Side::New, span, height, Lang::Zh));
    assert_eq!(review.cursor_sentence(), Some((Side::New, target)));
}

#[test]
fn lint_enter_jumps_to_the_place() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "i");
    assert_eq!(app.review.as_ref().map(|r| r.focus), Some(Pane::Lint));
    press(&mut app, "j");
    assert!(
        cursor_text(&app).contains("全年讲法治课2次"),
        "moving in the pane shows the place: {}",
        cursor_text(&app)
    );
    press(&mut app, "<Enter>");
    let Some(Overlay::Message { lines, .. }) = &app.overlay else {
        panic!("Enter shows the finding in full: {:?}", app.overlay);
    };
    assert!(lines.iter().any(|l| l.contains("正文写的却是2022年")));
    press(&mut app, "<Esc>");
    assert!(app.overlay.is_none());
    assert_eq!(app.review.as_ref().map(|r| r.focus), Some(Pane::Lint));
    press(&mut app, "<Enter> <Enter>");
    assert_eq!(app.review.as_ref().map(|r| r.focus), Some(Pane::Diff));
    assert!(cursor_text(&app).contains("全年讲法治课2次"));
}

#[test]
fn tab_cycles_the_open_panes() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "f i");
    let focus = |app: &App| app.review.as_ref().map(|r| r.focus);
    assert_eq!(focus(&app), Some(Pane::Lint));
    press(&mut app, "<Tab>");
    assert_eq!(focus(&app), Some(Pane::Diff));
    press(&mut app, "<Tab>");
    assert_eq!(focus(&app), Some(Pane::Figures));
    press(&mut app, "<BackTab>");
    assert_eq!(focus(&app), Some(Pane::Diff));
    press(&mut app, "f");
    press(&mut app, "<Tab> <Tab>");
    assert_eq!(
        focus(&app),
        Some(Pane::Diff),
        "a closed pane takes no focus"
    );
}

#[test]
fn review_marks_flags_and_notes_go_to_the_worker() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "n n");
    let text = cursor_text(&app);
    assert!(text.contains("专题会议6次"), "{text}");
    let writes = press(&mut app, "x");
    let Job::ToggleFlag(target) = &writes[0].job else {
        panic!("expected a flag");
    };
    assert_eq!(target.excerpt, text);
    let flag_id = writes[0].id;
    press(&mut app, "a");
    assert!(matches!(app.overlay, Some(Overlay::Note { .. })));
    let typed = press_effects(&mut app, "j q");
    assert!(sent(&typed).is_empty());
    assert!(
        !typed.contains(&Effect::Quit),
        "keys go to the note while it is open"
    );
    type_text(&mut app, "与上年相同");
    let writes = press(&mut app, "<Enter>");
    let Job::AddNote { target, body } = &writes[0].job else {
        panic!("expected a note");
    };
    assert_eq!(body, "jq与上年相同");
    assert_eq!(target.excerpt, text);
    let span = target.sentence.expect("sentence span");
    let writes = press(&mut app, "<Space>");
    match &writes[..] {
        [request] => match &request.job {
            Job::ToggleReviewed { key, section } => {
                assert_eq!((key.township.as_str(), key.year), ("清水镇", 2023));
                assert_eq!(section, "1.1");
            }
            other => panic!("unexpected {other:?}"),
        },
        other => panic!("expected one write: {other:?}"),
    }
    app.update(Action::Worker(Response {
        id: flag_id,
        reply: Reply::Notes {
            township: "清水镇".into(),
            county: "示例县".into(),
            notes: vec![Note {
                id: 1,
                township: "清水镇".into(),
                county: Some("示例县".into()),
                year: 2023,
                section: Some("1.1".into()),
                start: Some(span.start),
                end: Some(span.end),
                excerpt: text.clone(),
                kind: NoteKind::Flag,
                body: String::new(),
                author: "tester".into(),
                created_at: "2024-01-01T00:00:00Z".into(),
            }],
            done: NoteChange::Flagged(true),
        },
    }));
    let buf = render(&app);
    let (_, row) = find_row(&buf, "专题会议6次").expect("row");
    assert!(row.starts_with("#!"), "{row}");
    let listed = app
        .list
        .rows
        .iter()
        .find(|r| r.info.township == "清水镇")
        .map(|r| r.notes);
    assert_eq!(listed, Some(1));
}

#[test]
fn an_empty_note_is_not_saved_and_esc_cancels() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "n a");
    assert!(press(&mut app, "<Enter>").is_empty());
    assert!(app.overlay.is_none());
    press(&mut app, "a");
    type_text(&mut app, "草稿");
    assert!(press(&mut app, "<Esc>").is_empty());
    assert!(app.overlay.is_none());
}

#[test]
fn folding_toggles_and_enter_opens_one_fold() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    let count = |app: &App| {
        app.review
            .as_ref()
            .and_then(|r| r.layout.as_ref())
            .map(|l| l.items.len())
    };
    let folded = count(&app);
    press(&mut app, "z");
    let unfolded = count(&app);
    assert!(unfolded > folded);
    press(&mut app, "z G");
    let review = app.review.as_ref().expect("review");
    let item = review.layout.as_ref().map(|l| l.items[review.cursor].kind);
    assert!(matches!(item, Some(ItemKind::Fold { .. })), "{item:?}");
    press(&mut app, "<Enter>");
    assert_eq!(count(&app), unfolded);
}

#[test]
fn search_moves_to_matches_and_esc_clears_it() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "/");
    type_text(&mut app, "法治课");
    assert!(cursor_text(&app).contains("法治课"));
    press(&mut app, "<Enter>");
    assert_eq!(
        app.review.as_ref().map(|r| r.search.query.as_str()),
        Some("法治课")
    );
    press(&mut app, "g n");
    assert!(cursor_text(&app).contains("法治课"), "n follows the search");
    press(&mut app, "<Esc>");
    assert_eq!(
        app.review.as_ref().map(|r| !r.search.is_active()),
        Some(true)
    );
    assert_eq!(app.screen, Screen::Review, "Esc first clears the search");
    press(&mut app, "<Esc>");
    assert_eq!(app.screen, Screen::List);
    assert_eq!(selected(&app), "清水镇");
}

#[test]
fn help_opens_scrolls_and_closes_then_q_quits() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "?");
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 0 })));
    press(&mut app, "j j");
    assert!(matches!(app.overlay, Some(Overlay::Help { scroll: 2 })));
    let closed = press_effects(&mut app, "q");
    assert!(app.overlay.is_none());
    assert!(!closed.contains(&Effect::Quit));
    let quit = press_effects(&mut app, "q");
    assert!(quit.contains(&Effect::Quit));
}

#[test]
fn resizing_keeps_the_cursor_on_its_row() {
    let mut app = app_with_list(120, 40);
    open_pair(&mut app);
    press(&mut app, "n n n");
    let before = cursor_text(&app);
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    assert_eq!(cursor_text(&app), before);
    let review = app.review.as_ref().expect("review");
    assert_eq!(review.layout.as_ref().map(|l| l.params.width), Some(60));
    let item = &review.layout.as_ref().expect("layout").items[review.cursor];
    assert!(item.top >= review.scroll && item.top < review.scroll + app.diff_height());
}

#[test]
fn sorting_cycles_name_county_and_copy_ratio() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "s");
    assert_eq!(app.list.sort, SortKey::County);
    press(&mut app, "s");
    assert_eq!(app.list.sort, SortKey::CopyRatio);
    let ratios: Vec<Option<f64>> = app
        .list
        .visible
        .iter()
        .map(|&i| app.list.rows[i].stats.and_then(|s| s.copy_ratio))
        .collect();
    let known: Vec<f64> = ratios.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "{ratios:?}");
    let first_unknown = ratios
        .iter()
        .position(Option::is_none)
        .unwrap_or(ratios.len());
    assert!(
        ratios[first_unknown..].iter().all(Option::is_none),
        "{ratios:?}"
    );
    press(&mut app, "r");
    assert!(app.list.reverse);
}

#[test]
fn mouse_wheel_and_clicks() {
    let mut app = app_with_list(80, 24);
    app.update(Action::Click { column: 3, row: 4 });
    assert_eq!(app.list.cursor.selected, 2);
    app.update(Action::Scroll(3));
    assert_eq!(app.list.cursor.selected, 5);
    open_pair(&mut app);
    app.update(Action::Scroll(3));
    assert_eq!(app.review.as_ref().map(|r| r.scroll), Some(3));
}

#[test]
fn user_bindings_change_what_keys_do() {
    let mut app = app_with_list(80, 24);
    let mut keymap = app.settings.keymap.clone();
    keymap.overlay(vec![Binding {
        keys: vec![KeyChord::parse("q").expect("key")],
        action: "noop".into(),
        context: Context::Global,
        zh: String::new(),
        en: String::new(),
    }]);
    app.settings.keymap = keymap;
    assert!(!press_effects(&mut app, "q").contains(&Effect::Quit));
    assert!(!press_effects(&mut app, "<Esc>").contains(&Effect::Quit));
}

#[test]
fn a_single_year_opens_with_its_outline() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "/");
    type_text(&mut app, "tgz");
    press(&mut app, "<Enter>");
    let review = app.review.as_ref().expect("review");
    assert_eq!(review.old_year, None);
    assert!(review.panes[SidePane::Outline].shown);
    assert!(review.layout.as_ref().is_some_and(|l| l.single));
    press(&mut app, "<Tab>");
    assert_eq!(app.review.as_ref().map(|r| r.focus), Some(Pane::Outline));
    press(&mut app, "j j");
    let review = app.review.as_ref().expect("review");
    assert!(review.is_header(review.cursor));
    press(&mut app, "[");
    assert!(app.status.is_some(), "no earlier year to compare with");
}

#[test]
fn reload_reads_again_and_keeps_the_place() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    press(&mut app, "n n n");
    let before = cursor_text(&app);
    let mut effects = Vec::new();
    for key in keys("<C-r>") {
        let action = app.action_for_key(key).expect("bound");
        effects.extend(app.update(action));
    }
    let requests = sent(&effects);
    let jobs: Vec<&Job> = requests.iter().map(|r| &r.job).collect();
    assert!(
        matches!(jobs[..], [Job::LoadTownships, Job::Open(..)]),
        "{jobs:?}"
    );
    serve(&mut app, effects);
    assert_eq!(cursor_text(&app), before);
    assert_eq!(app.screen, Screen::Review);
}

#[test]
fn settings_problems_show_until_the_first_key() {
    let mut app = app_with_list(80, 24);
    app.report_problems(vec![
        "config.toml:2: 错误一".into(),
        "keys.toml:3: 错误二".into(),
    ]);
    let status = app.status.clone().expect("status");
    assert!(status.error);
    assert!(status.text.contains('2'), "{}", status.text);
    let Some(Overlay::Message { lines, .. }) = &app.overlay else {
        panic!("the problems are shown in full: {:?}", app.overlay);
    };
    assert_eq!(lines.len(), 2);
    let screen = buffer_text(&render(&app));
    assert!(
        screen.contains("错误一") && screen.contains("错误二"),
        "{screen}"
    );
    press(&mut app, "<Esc>");
    assert!(app.overlay.is_none());
    press(&mut app, "j");
    assert!(app.status.is_none());
}

#[test]
fn folding_reuses_wrapped_lines_and_a_new_width_wraps_again() {
    let mut app = app_with_list(80, 24);
    open_pair(&mut app);
    let wrapped = |app: &App| app.review.as_ref().map_or(0, |r| r.wraps.wrapped());
    let folded = wrapped(&app);
    press(&mut app, "z");
    let unfolded = wrapped(&app);
    assert!(unfolded > folded, "unfolding wraps the sentences it shows");
    press(&mut app, "z z");
    assert_eq!(
        wrapped(&app),
        unfolded,
        "folding again keeps what was wrapped"
    );
    let key = app
        .review
        .as_ref()
        .and_then(|r| r.layout.as_ref())
        .map(|l| l.right_width);
    app.update(Action::Resize {
        width: 120,
        height: 24,
    });
    let review = app.review.as_ref().expect("review");
    assert_ne!(review.layout.as_ref().map(|l| l.right_width), key);
    assert_eq!(
        review.wraps.wrapped(),
        unfolded,
        "every shown sentence wrapped anew, once"
    );
}

#[test]
fn saying_who_signed_a_note_fits_the_status_line_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        let mut config = settings(lang);
        config.author = nianbao::review::author::Author {
            name: "reviewer".to_string(),
            origin: nianbao::review::author::AuthorOrigin::Login,
        };
        let mut app = App::new(config, (80, 24));
        run(&mut app, Action::Reload);
        open_pair(&mut app);
        let writes = press(&mut app, "n x");
        let flag_id = writes[0].id;
        app.update(Action::Worker(Response {
            id: flag_id,
            reply: Reply::Notes {
                township: "清水镇".into(),
                county: "示例县".into(),
                notes: Vec::new(),
                done: NoteChange::Flagged(true),
            },
        }));
        let screen = buffer_text(&render(&app));
        let status = screen.lines().last().unwrap_or_default();
        assert!(
            status.contains("config.toml") && status.contains("reviewer"),
            "{lang:?}: {status}"
        );
        assert!(!status.contains('…'), "{lang:?}: cut: {status}");
    }
}
