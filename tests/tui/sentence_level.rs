//! A pair compared by whole sentences says so in the status line when it opens, and the
//! status line keeps a short mark of it while the reviewer moves about, at 80×24 too.

use crate::tui_support::*;
use nianbao::i18n::{Lang, Msg, msg};
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Screen};

/// The status line (the last row) of the rendered app.
fn status_line(app: &App) -> String {
    let text = buffer_text(&render(app));
    text.lines().last().unwrap_or_default().to_string()
}

/// The test township opened at 80×24 in `lang`, its pair marked as compared by whole
/// sentences (as the comparison marks a pair beyond its budget).
fn coarse_pair_open(lang: Lang) -> App {
    let mut app = App::new(settings(lang), (80, 24));
    run(&mut app, Action::Reload);
    press(&mut app, "/");
    type_text(&mut app, "qsz");
    press(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Review);
    let request = app.review.as_ref().map(|r| r.request).expect("review");
    let mut data = pair_data(vec![2022, 2023]);
    data.comparison.sentence_level = true;
    app.update(opened(request, data));
    app
}

#[test]
fn the_sentence_level_mark_stays_in_the_status_line_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = coarse_pair_open(lang);
        let tag = msg(lang, Msg::TuiSentenceLevelTag);
        let opened = status_line(&app);
        let notice: String = msg(lang, Msg::SentenceLevel).chars().take(8).collect();
        assert!(opened.contains(&notice), "{lang:?}: {opened}");
        assert!(opened.contains(tag), "{lang:?}: {opened}");
        press(&mut app, "j");
        press(&mut app, "j");
        let moved = status_line(&app);
        assert!(!moved.contains(&notice), "the notice gives way: {moved}");
        assert!(moved.contains(tag), "{lang:?}: the mark stays: {moved}");
    }
}

#[test]
fn a_pair_compared_word_by_word_has_no_mark() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "/");
    type_text(&mut app, "qsz");
    press(&mut app, "<Enter>");
    let line = status_line(&app);
    assert!(
        !line.contains(msg(Lang::Zh, Msg::TuiSentenceLevelTag)),
        "{line}"
    );
}
