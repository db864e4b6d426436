//! The search screen while a search reads every report (a query of one or two
//! characters): the search thread sends the reports found so far before its whole
//! answer, and a newer query or a stop ends it unanswered (the thread driven directly,
//! the order of events fixed by the test, not by timing); in tmux on a store large
//! enough that the reading takes a while, the hits and a running count show before
//! the end, and a query typed meanwhile replaces the search running.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::TestEnv;
use crate::common::tmux::{Tmux, tmux_available};
use nianbao::search::Query;
use nianbao::store::{NewReport, Store};
use nianbao::tui::jobs::{Job, Reply, Request, Response};
use nianbao::tui::searcher;

/// The two-character term the stores below hold in every third report.
const TERM: &str = "调解";

/// A sentence that holds neither character of [`TERM`].
const FILLER: &str = "全年开展法治宣传12次，发放资料3000份，组织全体干部参加法治培训和考试。";

/// How many of `count` reports hold [`TERM`].
fn holding(count: usize) -> usize {
    count.div_ceil(3)
}

/// Writes `count` reports of one county and year into the environment's store through
/// the library (importing them through the binary would take minutes in a debug
/// build): report `i` holds [`TERM`] when `i` is a multiple of 3, and `sentences`
/// sentences of filler.
fn scan_store(env: &TestEnv, count: usize, sentences: usize) {
    let mut store = Store::open(&env.store()).expect("open the store");
    let names: Vec<String> = (0..count).map(|i| format!("第{i:05}镇")).collect();
    for chunk in names.chunks(500) {
        let mut batch = store.begin_import().expect("begin an import");
        for township in chunk {
            let i: usize = township[3..8].parse().expect("a number");
            let mut text = format!("{township}2023年法治政府建设年度报告\n一、主要举措和成效\n");
            if i.is_multiple_of(3) {
                text.push_str(&format!("开展人民{TERM}{i}次。\n"));
            }
            for n in 0..sentences {
                text.push_str(&FILLER.replace("12", &n.to_string()));
                text.push('\n');
            }
            let report = NewReport {
                township,
                county: "甲县",
                province: None,
                year: 2023,
                title: None,
                signed_by: None,
                signed_on: None,
                text: &text,
                source_path: "test",
                format: "txt",
                encoding: "UTF-8",
                original: text.as_bytes(),
                artifacts: &[],
            };
            batch.import(&report, false).expect("import");
        }
        batch.commit().expect("commit");
    }
}

/// The search thread on the environment's store, its requests, and its answers. Each
/// answer is first shown to `on_answer` on the search thread, with a sender of requests
/// of its own (dropped when set to `None`), so a test can ask something at a fixed
/// point of a search; the answers end when every sender is dropped and the thread has
/// done what it was asked.
fn search_thread(
    env: &TestEnv,
    on_answer: impl Fn(&Response, &mut Option<mpsc::Sender<Request>>) + Send + Sync + 'static,
) -> (mpsc::Sender<Request>, mpsc::Receiver<Response>) {
    let (requests, inbox) = mpsc::channel();
    let (answer, answers) = mpsc::channel();
    let state = Mutex::new((answer, Some(requests.clone())));
    searcher::spawn(
        env.store(),
        inbox,
        Arc::new(move |response: Response| {
            let mut state = state.lock().expect("the search thread's state");
            on_answer(&response, &mut state.1);
            let _ = state.0.send(response);
        }),
    )
    .expect("start the search thread");
    (requests, answers)
}

fn search(id: u64, query: &str) -> Request {
    Request {
        id,
        job: Job::Search {
            query: Query::parse(query).expect("a query"),
            limit: 20,
        },
    }
}

/// Whether the answer is a search's answer so far (rather than its whole answer).
fn so_far(response: &Response) -> Option<bool> {
    match &response.reply {
        Reply::Search(results) => Some(results.running.is_some()),
        _ => None,
    }
}

/// Answers until the whole answer to `id` (or the thread's end), in order.
fn answers_until_done(answers: &mpsc::Receiver<Response>, id: u64) -> Vec<Response> {
    let mut got = Vec::new();
    while let Ok(response) = answers.recv_timeout(Duration::from_secs(120)) {
        let done = response.id == id && so_far(&response) == Some(false);
        got.push(response);
        if done {
            break;
        }
    }
    got
}

#[test]
fn the_reports_found_so_far_come_before_the_whole_answer() {
    let env = TestEnv::new();
    let count = 200;
    scan_store(&env, count, 2);
    let (requests, answers) = search_thread(&env, |_, _| {});
    requests.send(search(1, TERM)).unwrap();
    let got = answers_until_done(&answers, 1);
    let (last, before) = got.split_last().expect("answers");
    let Reply::Search(whole) = &last.reply else {
        panic!("{:?}", last.reply)
    };
    assert!(whole.running.is_none());
    assert_eq!(whole.total, holding(count));
    assert!(!before.is_empty(), "the first report found is sent at once");
    for response in before {
        let Reply::Search(part) = &response.reply else {
            panic!("{:?}", response.reply)
        };
        let progress = part.running.expect("an answer so far");
        assert!(!part.reports.is_empty());
        assert!(progress.checked < progress.candidates, "{progress:?}");
        assert_eq!(progress.candidates, count);
        assert_eq!(part.total, progress.matched);
        let names = |r: &[nianbao::review::ReportHits]| -> Vec<String> {
            r.iter().map(|r| r.report.township.clone()).collect()
        };
        assert_eq!(
            names(&part.reports),
            names(&whole.reports[..part.reports.len()]),
            "the reports so far begin the whole answer"
        );
    }
}

#[test]
fn a_newer_query_or_a_stop_ends_the_search_running_unanswered() {
    let env = TestEnv::new();
    scan_store(&env, 400, 2);
    // At the first answer so far to search 1, search 2 is asked; at the first to
    // search 2, the search is stopped and the last sender dropped.
    let (requests, answers) = search_thread(&env, |response, own| {
        if so_far(response) != Some(true) {
            return;
        }
        let next = match response.id {
            1 => search(2, "法治"),
            2 => Request {
                id: 3,
                job: Job::StopSearch,
            },
            _ => return,
        };
        if let Some(requests) = own.as_ref() {
            requests.send(next).expect("the search thread");
        }
        if response.id == 2 {
            *own = None;
        }
    });
    requests.send(search(1, TERM)).unwrap();
    drop(requests);
    let got: Vec<(u64, bool)> = answers_until_done(&answers, u64::MAX)
        .iter()
        .filter_map(|r| so_far(r).map(|running| (r.id, running)))
        .collect();
    assert!(
        got.contains(&(1, true)) && got.contains(&(2, true)),
        "{got:?}"
    );
    assert!(
        got.iter().all(|&(_, running)| running),
        "neither search gives its whole answer: {got:?}"
    );
}

/// `(read, of)` from the running search's summary line (`… 1200 of 6000 read`).
fn read_progress(screen: &str) -> Option<(usize, usize)> {
    screen.lines().find_map(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        let at = words.iter().position(|w| *w == "of")?;
        if words.get(at + 2) != Some(&"read") {
            return None;
        }
        Some((
            words[at.checked_sub(1)?].parse().ok()?,
            words[at + 1].parse().ok()?,
        ))
    })
}

#[test]
fn hits_show_while_every_report_is_read_and_a_newer_query_replaces_the_search() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    let count = 6000;
    scan_store(&env, count, 40);
    let extra = [("NO_COLOR", "1"), ("LANG", "en_US.UTF-8")];
    let tmux = Tmux::start(&env, 80, 24, &extra);
    tmux.wait("the township list", |s| s.contains("annual report review"));
    tmux.keys(&["S"]);
    tmux.wait("the search screen", |s| s.contains("Search the store"));
    tmux.type_text("调");
    // Reports listed while not half the store has been read: the first report found is
    // sent at once, and the reading of the rest takes tens of milliseconds at least.
    let heading = "2023  第00000镇";
    tmux.wait_closely("hits while the first half is read", |s| {
        s.contains(heading)
            && s.contains("so far")
            && read_progress(s).is_some_and(|(read, of)| of == count && read * 2 <= of)
    });
    // The running search is given up for the newer query: whether it was still running
    // when the key arrived, and whether the newer one is still running when the screen
    // is read, depend on the machine's speed and load, so that is pinned by
    // `a_newer_query_or_a_stop_ends_the_search_running_unanswered`; here the newer
    // query's hits replace the first one's.
    tmux.type_text("解");
    tmux.wait("the newer query's hits", |s| {
        s.contains("“调解”") && s.contains("2023  第00003镇")
    });
    // The selection moves (while the search runs, or once it is done) and stays where
    // it was put when the whole answer arrives.
    tmux.keys(&["Down"]);
    let total = format!("{} reports contain “调解”", holding(count));
    let done = tmux.wait("the whole answer", |s| {
        s.contains(&total) && !s.contains("so far")
    });
    let selected = done
        .lines()
        .position(|l| l.trim_start().starts_with('▌'))
        .expect("a selected hit");
    let second = done
        .lines()
        .position(|l| l.contains("2023  第00003镇"))
        .expect("the second report");
    assert_eq!(selected, second + 1, "{done}");
    tmux.keys(&["Escape"]);
    tmux.wait("back at the list", |s| !s.contains("Search the store"));
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}
