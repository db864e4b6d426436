//! The search screen over the whole store: key sequences through `update` with answers
//! made by hand (stale ones dropped, `Enter` opens the pair at the hit, `Esc` returns
//! where the search was opened), the real worker on the demo store (the cursor lands on
//! the sentence of the hit), and the real binary in tmux at two sizes, in both
//! languages and without colour.

use std::sync::Arc;

use crate::common::TestEnv;
use crate::common::tmux::{Tmux, demo_store, tmux_available};
use crate::reuse::Live;
use crate::tui_support::{app_with_list, buffer_text, press, render, run, type_text};
use nianbao::i18n::Lang;
use nianbao::review::{ReportHits, SearchResults, Side};
use nianbao::search::Hit;
use nianbao::store::{SearchPlan, SearchProgress, SearchRow};
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Screen};
use nianbao::tui::jobs::{Job, Reply, Request, Response};

/// The searches among requests.
fn searches(requests: &[Request]) -> Vec<&Request> {
    requests
        .iter()
        .filter(|r| matches!(r.job, Job::Search { .. }))
        .collect()
}

/// One report holding the query once, at `start` of its text.
fn found(township: &str, county: &str, year: i32, start: usize, term: &str) -> ReportHits {
    ReportHits {
        report: SearchRow {
            id: 0,
            township: township.to_string(),
            county: Some(county.to_string()),
            province: None,
            year,
        },
        id: 0,
        hits: vec![Hit {
            section: Some("2".to_string()),
            start,
            end: start + term.chars().count(),
            before: "全年".to_string(),
            text: term.to_string(),
            after: "工作。".to_string(),
        }],
    }
}

fn answer(app: &mut App, id: u64, reports: Vec<ReportHits>) {
    answer_as(app, id, reports, None);
}

/// An answer so far: `read` of `of` reports read, the reports given found.
fn answer_so_far(app: &mut App, id: u64, reports: Vec<ReportHits>, read: usize, of: usize) {
    let progress = SearchProgress {
        plan: SearchPlan::Scan,
        matched: reports.len(),
        checked: read,
        candidates: of,
    };
    answer_as(app, id, reports, Some(progress));
}

fn answer_as(app: &mut App, id: u64, reports: Vec<ReportHits>, running: Option<SearchProgress>) {
    let results = SearchResults {
        total: reports.len(),
        plan: running.map_or(SearchPlan::Index, |p| p.plan),
        unindexed: 0,
        reports,
        running,
    };
    run(
        app,
        Action::Worker(Response {
            id,
            reply: Reply::Search(Arc::new(results)),
        }),
    );
}

/// Types into the search screen, one key at a time, keeping every request made.
fn type_query(app: &mut App, text: &str) -> Vec<Request> {
    let mut requests = Vec::new();
    for c in text.chars() {
        let key = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        let effects = app.update(Action::Input(key));
        requests.extend(crate::tui_support::sent(&effects));
    }
    requests
}

#[test]
fn hits_come_as_typed_and_only_the_latest_answer_is_shown() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "S");
    assert_eq!(app.screen, Screen::Search);
    let requests = type_query(&mut app, "法治");
    let asked = searches(&requests);
    assert_eq!(asked.len(), 2, "one search per keystroke: {requests:?}");
    let (first, last) = (asked[0].id, asked[1].id);
    answer(
        &mut app,
        first,
        vec![found("大兴镇", "示例县", 2022, 5, "法")],
    );
    assert!(
        app.corpus.as_ref().unwrap().results.is_none(),
        "an answer to an older query is dropped"
    );
    answer(
        &mut app,
        last,
        vec![
            found("清水镇", "示例县", 2023, 40, "法治"),
            found("大兴镇", "示例县", 2022, 7, "法治"),
        ],
    );
    let text = buffer_text(&render(&app));
    let qingshui = text.find("2023  清水镇").expect("the newer report listed");
    let daxing = text.find("2022  大兴镇").expect("the older report listed");
    assert!(qingshui < daxing, "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("全年法治工作") && l.trim_start().starts_with("▌")),
        "the first hit is selected, in context:\n{text}"
    );
}

#[test]
fn answers_so_far_add_reports_below_and_keep_the_selection() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "S");
    let requests = type_query(&mut app, "调");
    let id = searches(&requests)[0].id;
    let first = found("清水镇", "示例县", 2023, 40, "调");
    let second = found("大兴镇", "示例县", 2023, 7, "调");
    answer_so_far(&mut app, id, vec![first.clone()], 32, 1000);
    let text = buffer_text(&render(&app));
    assert!(text.contains("2023  清水镇"), "{text}");
    assert!(text.contains("32/1000"), "how many were read: {text}");
    assert!(
        text.contains("目前1 份报告含有“调”"),
        "the count so far: {text}"
    );
    assert!(app.corpus.as_ref().unwrap().waiting.is_some());
    answer_so_far(&mut app, id, vec![first.clone(), second.clone()], 64, 1000);
    press(&mut app, "<Down>");
    let selected = app.corpus.as_ref().unwrap().cursor.selected;
    assert_eq!(selected, 3, "the second report's hit");
    answer(&mut app, id, vec![first, second.clone(), second]);
    let corpus = app.corpus.as_ref().unwrap();
    assert!(corpus.waiting.is_none(), "the whole answer ends the search");
    assert_eq!(corpus.cursor.selected, selected, "the selection stays");
    let text = buffer_text(&render(&app));
    assert!(
        text.contains("3 份报告含有“调”") && !text.contains("目前"),
        "{text}"
    );
}

#[test]
fn clearing_the_query_or_leaving_stops_the_search_but_opening_a_hit_does_not() {
    let stops = |requests: &[Request]| {
        requests
            .iter()
            .filter(|r| matches!(r.job, Job::StopSearch))
            .count()
    };
    let mut app = app_with_list(100, 30);
    press(&mut app, "S");
    let id = searches(&type_query(&mut app, "法"))[0].id;
    let cleared = press(&mut app, "<BS>");
    assert_eq!(stops(&cleared), 1, "{cleared:?}");
    assert_eq!(stops(&press(&mut app, "<BS>")), 0, "nothing runs");
    assert_eq!(stops(&press(&mut app, "<Esc>")), 0, "nothing runs");
    press(&mut app, "S");
    let id2 = searches(&type_query(&mut app, "法治"))[1].id;
    assert!(id2 > id);
    answer_so_far(
        &mut app,
        id2,
        vec![found("清水镇", "示例县", 2022, 12, "法治")],
        32,
        900,
    );
    let opened = press(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(stops(&opened), 0, "the search goes on behind the report");
    answer_so_far(
        &mut app,
        id2,
        vec![found("清水镇", "示例县", 2022, 12, "法治")],
        64,
        900,
    );
    press(&mut app, "<Esc>");
    assert_eq!(app.screen, Screen::Search);
    assert!(buffer_text(&render(&app)).contains("64/900"));
    assert_eq!(stops(&press(&mut app, "<Esc>")), 1, "leaving stops it");
    assert_eq!(app.screen, Screen::List);
}

#[test]
fn a_query_that_cannot_be_read_says_why_and_asks_nothing() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "S");
    type_query(&mut app, "AN");
    let requests = type_query(&mut app, "D");
    assert!(searches(&requests).is_empty(), "{requests:?}");
    let text = buffer_text(&render(&app));
    assert!(text.contains("AND"), "{text}");
    assert!(app.corpus.as_ref().unwrap().error.is_some());
}

#[test]
fn enter_opens_the_pair_ending_at_the_hits_year_and_esc_comes_back() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "S");
    let requests = type_query(&mut app, "法治");
    let last = searches(&requests).last().unwrap().id;
    answer(
        &mut app,
        last,
        vec![
            found("清水镇", "示例县", 2023, 40, "法治"),
            found("清水镇", "示例县", 2022, 12, "法治"),
        ],
    );
    let opened = press(&mut app, "<Down> <Enter>");
    assert_eq!(app.screen, Screen::Review);
    let review = app.review.as_ref().unwrap();
    assert_eq!(review.township, "清水镇");
    assert_eq!((review.old_year, review.new_year), (Some(2021), 2022));
    assert!(
        opened.iter().all(|r| !matches!(r.job, Job::Search { .. })),
        "{opened:?}"
    );
    press(&mut app, "<Esc>");
    assert_eq!(app.screen, Screen::Search, "Esc returns to the hits");
    assert_eq!(app.corpus.as_ref().unwrap().query, "法治");
    assert_eq!(app.corpus.as_ref().unwrap().cursor.selected, 3);
    press(&mut app, "<Esc>");
    assert_eq!(app.screen, Screen::List, "then to where the search began");
    assert!(app.corpus.is_none());
}

#[test]
fn from_a_review_esc_returns_to_the_same_place() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "<Enter> n n");
    let before = app.review.as_ref().map(|r| (r.township.clone(), r.cursor));
    assert!(before.as_ref().is_some_and(|(_, c)| *c > 0));
    press(&mut app, "S");
    assert_eq!(app.screen, Screen::Search);
    type_text(&mut app, "x");
    press(&mut app, "<Esc>");
    assert_eq!(app.screen, Screen::Review);
    let after = app.review.as_ref().map(|r| (r.township.clone(), r.cursor));
    assert_eq!(after, before);
}

#[test]
fn the_key_is_in_the_help_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let keymap = nianbao::tui::keymap::Keymap::default();
        let lines = nianbao::tui::help::lines(&keymap, lang);
        let entries: Vec<String> = lines
            .iter()
            .filter_map(|l| match l {
                nianbao::tui::help::HelpLine::Entry { keys, description } => {
                    Some(format!("{keys} {description}"))
                }
                _ => None,
            })
            .filter(|l| l.starts_with("S "))
            .collect();
        assert_eq!(entries.len(), 2, "list and review: {entries:?}");
    }
}

/// The demo's reports holding `term`, newest first, as `nianbao search --json` lists
/// them (itself checked against a plain scan of the texts).
fn expected_reports(env: &TestEnv, term: &str) -> Vec<(String, i64)> {
    let out = env
        .cmd()
        .args(["search", term, "--json", "--limit", "100"])
        .output()
        .expect("run search");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| {
            (
                r["township"].as_str().unwrap().to_string(),
                r["year"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_worker_answers_and_the_cursor_lands_on_the_hit() {
    let mut live = Live::demo(120, 40);
    live.press("S");
    for c in "法律明白人".chars() {
        live.apply(Action::Input(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
    live.settle();
    let corpus = live.app.corpus.as_ref().expect("the search screen");
    let (answered, results) = corpus.results.clone().expect("an answer");
    assert_eq!(answered, "法律明白人");
    assert!(results.total >= 2, "{results:?}");
    let years: Vec<i32> = results.reports.iter().map(|r| r.report.year).collect();
    assert!(
        years.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {years:?}"
    );
    let (report, hit) = corpus.selected_hit().expect("a hit selected");
    let (township, year) = (report.report.township.clone(), report.report.year);
    assert_eq!(hit.text, "法律明白人");
    live.press("<Enter>");
    assert_eq!(live.app.screen, Screen::Review);
    assert_eq!(live.review().township, township);
    assert_eq!(live.years().1, year);
    let review = live.review();
    let data = review.data.as_ref().expect("pair");
    let (side, index) = review.cursor_sentence().expect("cursor on a sentence");
    let sentence = &data.report(side).unwrap().sentences[index].text;
    assert_eq!(side, Side::New);
    assert!(sentence.contains("法律明白人"), "{sentence}");
}

/// The list, `S`, a query typed, the hits, `Enter` at a hit, `Esc` twice.
fn search_session(env: &TestEnv, width: u16, height: u16, extra: &[(&str, &str)], en: bool) {
    let term = "法律明白人";
    let expected = expected_reports(env, term);
    assert!(expected.len() >= 2, "{expected:?}");
    let tmux = Tmux::start(env, width, height, extra);
    let title = if en {
        "annual report review"
    } else {
        "年报审阅"
    };
    tmux.wait("the township list", |s| s.contains(title));
    tmux.keys(&["S"]);
    let search_title = if en {
        "Search the store"
    } else {
        "全库搜索"
    };
    tmux.wait("the search screen", |s| s.contains(search_title));
    tmux.type_text(term);
    let count = expected.len().to_string();
    let screen = tmux.wait("the hits", |s| {
        s.lines().any(|l| l.contains(&count) && l.contains(term))
            && s.lines().filter(|l| l.contains(term)).count() > expected.len()
    });
    let headings: Vec<(String, i64)> = screen
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let year = words.next()?.parse::<i64>().ok().filter(|y| *y > 1900)?;
            Some((words.next()?.to_string(), year))
        })
        .collect();
    let shown = expected.len().min(headings.len());
    assert!(shown >= 2, "{screen}");
    assert_eq!(headings[..shown], expected[..shown], "{screen}");
    let (township, year) = headings[0].clone();
    tmux.keys(&["Enter"]);
    let pair = format!("{} → {year}", year - 1);
    tmux.wait("the pair at the hit", |s| {
        s.contains(&township) && s.contains(&pair)
    });
    tmux.keys(&["Escape"]);
    tmux.wait("back at the hits", |s| s.contains(search_title));
    tmux.keys(&["Escape"]);
    tmux.wait("back at the list", |s| {
        s.contains(title) && !s.contains(search_title)
    });
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

#[test]
fn search_the_demo_in_tmux() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    search_session(&env, 80, 24, &[("NO_COLOR", "1")], false);
    search_session(&env, 200, 50, &[("LANG", "en_US.UTF-8")], true);
}

#[test]
fn a_search_gives_up_when_a_newer_one_waits() {
    let env = TestEnv::new();
    demo_store(&env);
    let store = nianbao::store::Store::open(&env.store()).expect("open the demo store");
    let service = nianbao::review::ReviewService::new(store);
    // One character: every report is read, the case a newer query must not wait for.
    let query = nianbao::search::Query::parse("法").unwrap();
    let complete = service.search_until(&query, 5, &mut |_, _| false).unwrap();
    assert!(complete.is_some_and(|r| r.total >= 10));
    let mut asked = 0;
    let given_up = service
        .search_until(&query, 5, &mut |_, _| {
            asked += 1;
            true
        })
        .unwrap();
    assert!(given_up.is_none());
    assert_eq!(
        asked, 1,
        "it stops at the first report read after the newer query"
    );
}

/// Types `query` and answers its search with `results`; gives the screen as text.
fn show_answer(app: &mut App, query: &str, results: SearchResults) -> String {
    let requests = type_query(app, query);
    let id = searches(&requests).last().expect("a search").id;
    run(
        app,
        Action::Worker(Response {
            id,
            reply: Reply::Search(Arc::new(results)),
        }),
    );
    buffer_text(&render(app))
}

/// An answer found through the index: `total` reports, `shown` of them listed, the
/// index lacking `unindexed`.
fn indexed_answer(total: usize, shown: usize, unindexed: usize) -> SearchResults {
    SearchResults {
        total,
        plan: SearchPlan::Index,
        unindexed,
        reports: (0..shown)
            .map(|i| found("清水镇", "示例县", 2023 - i as i32, 40, "法治政府"))
            .collect(),
        running: None,
    }
}

#[test]
fn an_answer_read_past_the_index_says_how_many_reports_it_read_one_by_one() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "S");
    let text = show_answer(&mut app, "法治政府", indexed_answer(1, 1, 37));
    assert!(text.contains("37 份尚未入索引"), "{text}");
    let text = show_answer(&mut app, "建设", indexed_answer(1, 1, 0));
    assert!(!text.contains("尚未入索引"), "{text}");
}

#[test]
fn how_an_answer_was_found_has_a_line_of_its_own_read_whole_at_80_columns() {
    for (lang, showing, unindexed) in [
        (Lang::Zh, "；列出前 50 份", "37 份尚未入索引"),
        (Lang::En, "; showing the first 50", "37 not yet indexed"),
    ] {
        let mut app = App::new(crate::tui_support::settings(lang), (80, 24));
        run(&mut app, Action::Reload);
        press(&mut app, "S");
        let text = show_answer(&mut app, "法治政府", indexed_answer(120, 50, 37));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[2].contains(showing), "{lang:?}: {text}");
        assert!(lines[3].contains(unindexed), "{lang:?}: {text}");
        assert!(
            lines[3].contains("search --reindex"),
            "what to run, whole: {text}"
        );
        assert!(
            lines[4].contains("2023  清水镇"),
            "the results below: {text}"
        );
        // Without a note the results come right below the count.
        let text = show_answer(&mut app, "工作", indexed_answer(1, 1, 0));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[3].contains("2023  清水镇"), "{lang:?}: {text}");
    }
}
