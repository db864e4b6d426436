//! The worker thread against a real store: answers carry their request ids, bursts of
//! pair requests are coalesced, summaries are cached by report text and engine, review
//! writes persist and bring their township's summary up to date, and a failure names the
//! job it answers.

use std::collections::HashSet;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use nianbao::i18n::Lang;
use nianbao::report::Span;
use nianbao::review::{ReviewError, engine_fingerprint};
use nianbao::store::{CachedSummary, NewReport, NoteKind, ReportKey, Store};
use nianbao::tui::diff_lines::{DiffLayout, LayoutAsk, LayoutParams, WrapCache};
use nianbao::tui::jobs::{
    Job, JobKind, NoteChange, NoteTarget, OpenRequest, Reply, Request, Response,
};
use nianbao::tui::worker;

const WAIT: Duration = Duration::from_secs(30);

fn put(store: &mut Store, year: i32, text: &str, replace: bool) {
    let report = NewReport {
        township: "清水镇",
        county: "示例县",
        province: None,
        year,
        title: None,
        signed_by: None,
        signed_on: None,
        text,
        source_path: "test.txt",
        format: "txt",
        encoding: "UTF-8",
        original: text.as_bytes(),
        artifacts: &[],
    };
    store.import(&report, replace).expect("import");
}

fn store_with_two_years(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("store.db");
    let mut store = Store::open(&path).expect("open");
    put(&mut store, 2022, crate::tui_support::OLD_TEXT, false);
    put(&mut store, 2023, crate::tui_support::NEW_TEXT, false);
    path
}

fn key(year: i32) -> ReportKey {
    ReportKey {
        township: "清水镇".to_string(),
        county: "示例县".to_string(),
        year,
    }
}

fn open(id: u64, old: Option<i32>, new: i32) -> Request {
    Request {
        id,
        job: Job::Open(
            OpenRequest {
                township: "清水镇".to_string(),
                county: "示例县".to_string(),
                years: vec![2022, 2023],
                old,
                new,
            },
            None,
        ),
    }
}

/// Runs the worker over `requests` (all queued before it starts) and collects answers
/// until `expected` have arrived.
fn run(store: &Path, requests: Vec<Request>, expected: usize) -> Vec<Response> {
    let (to_worker, inbox) = mpsc::channel();
    for request in requests {
        to_worker.send(request).expect("queue");
    }
    let (answers, replies) = mpsc::channel();
    let handle = worker::spawn(store.to_path_buf(), "tester".to_string(), inbox, move |r| {
        let _ = answers.send(r);
    })
    .expect("spawn");
    let mut out = Vec::new();
    while out.len() < expected {
        out.push(replies.recv_timeout(WAIT).expect("an answer"));
    }
    drop(to_worker);
    handle.join().expect("worker ends when its queue closes");
    out
}

#[test]
fn a_burst_of_pair_requests_is_answered_once_with_the_last() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_two_years(dir.path());
    let requests = vec![
        open(1, Some(2022), 2023),
        open(2, None, 2022),
        open(3, Some(2022), 2023),
    ];
    let answers = run(&store, requests, 1);
    assert_eq!(answers[0].id, 3);
    let Reply::Opened { data, notes, .. } = &answers[0].reply else {
        panic!("expected a pair: {:?}", answers[0].reply);
    };
    assert_eq!((data.old_year, data.new_year), (Some(2022), 2023));
    assert!(notes.is_empty());
    let shown: usize = data
        .comparison
        .sections
        .iter()
        .map(|p| p.rows.iter().filter(|r| r.new.is_some()).count())
        .sum();
    assert_eq!(
        shown,
        data.new.sentences.len(),
        "every sentence of this year is shown"
    );
}

#[test]
fn the_worker_lays_the_pair_out_for_the_ask() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_two_years(dir.path());
    let ask = LayoutAsk {
        params: LayoutParams {
            width: 77,
            ambiguous_wide: false,
            fold: true,
            context: 1,
            brackets: true,
        },
        lang: Lang::En,
        opened: HashSet::new(),
    };
    let mut request = open(1, Some(2022), 2023);
    if let Job::Open(_, slot) = &mut request.job {
        *slot = Some(ask.clone());
    }
    let answers = run(&store, vec![request], 1);
    let Reply::Opened { data, layout, .. } = &answers[0].reply else {
        panic!("expected a pair: {:?}", answers[0].reply);
    };
    let prelaid = layout.as_ref().expect("laid out by the worker");
    assert_eq!(prelaid.ask, ask);
    let here = DiffLayout::build(
        data,
        ask.params,
        &ask.opened,
        ask.lang,
        &mut WrapCache::default(),
    );
    assert_eq!(prelaid.layout.items, here.items);
    assert_eq!(prelaid.layout.total_lines, here.total_lines);
    assert!(
        prelaid.wraps.wrapped() > 0,
        "its wrapped sentences come with it"
    );
}

fn reuse(id: u64, year: i32) -> Request {
    Request {
        id,
        job: Job::Reuse(key(year)),
    }
}

#[test]
fn reuse_look_ups_are_answered_beside_the_pairs_and_only_the_last_of_a_burst() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_two_years(dir.path());
    let requests = vec![reuse(1, 2022), reuse(2, 2023), open(3, Some(2022), 2023)];
    let mut answers = run(&store, requests, 2);
    answers.sort_by_key(|a| a.id);
    assert_eq!(
        answers.iter().map(|a| a.id).collect::<Vec<_>>(),
        [2, 3],
        "the superseded look-up is not answered"
    );
    let Reply::Reuse {
        key: asked, report, ..
    } = &answers[0].reply
    else {
        panic!("expected reuse: {:?}", answers[0].reply);
    };
    assert_eq!(*asked, key(2023));
    assert!(report.is_some(), "the report is in the store");
    assert!(matches!(answers[1].reply, Reply::Opened { .. }));
}

#[test]
fn a_missing_year_fails_with_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let store = store_with_two_years(dir.path());
    let answers = run(&store, vec![open(7, Some(2019), 2023)], 1);
    assert_eq!(answers[0].id, 7);
    let Reply::Failed { job, error } = &answers[0].reply else {
        panic!("expected a failure");
    };
    assert_eq!(*job, JobKind::Open);
    assert!(
        matches!(**error, ReviewError::NoReport { year: 2019, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("2019"), "{error}");
}

#[test]
fn summaries_are_cached_by_text_and_engine() {
    let dir = tempfile::tempdir().expect("dir");
    let path = store_with_two_years(dir.path());
    let townships = Store::open(&path).expect("open").townships().expect("list");
    let summaries = |id| Request {
        id,
        job: Job::Summaries(townships.clone()),
    };
    let answers = run(&path, vec![summaries(1)], 1);
    let Reply::Summaries(lines) = &answers[0].reply else {
        panic!("expected a summary");
    };
    let summary = lines[0].summary;
    assert_eq!(answers[0].id, 1);
    let store = Store::open(&path).expect("open");
    let (old, new) = (
        store.report_stamp(&key(2022)).expect("stamp").expect("old"),
        store.report_stamp(&key(2023)).expect("stamp").expect("new"),
    );
    let engine = engine_fingerprint();
    let cached = store
        .cached_summary(Some(&old), &new, &engine)
        .expect("read")
        .expect("cached");
    assert_eq!(
        (cached.copy_ratio, cached.lint_count),
        (summary.copy_ratio, summary.findings)
    );

    // A cached value is used as is: the second start does no analysis.
    let planted = CachedSummary {
        copy_ratio: Some(0.4242),
        lint_count: 42,
    };
    store
        .store_summary(Some(&old), &new, &engine, planted)
        .expect("plant");
    let from_cache = |answers: &[Response]| match &answers[0].reply {
        Reply::Summaries(lines) => lines.iter().all(|line| {
            line.summary.copy_ratio == planted.copy_ratio
                && line.summary.findings == planted.lint_count
        }),
        _ => false,
    };
    let answers = run(&path, vec![summaries(2)], 1);
    assert!(from_cache(&answers), "{:?}", answers[0].reply);

    // New text for this year means a new summary.
    let mut store = Store::open(&path).expect("open");
    put(
        &mut store,
        2023,
        &format!("{}\n补充说明。", crate::tui_support::NEW_TEXT),
        true,
    );
    let answers = run(&path, vec![summaries(3)], 1);
    assert!(matches!(answers[0].reply, Reply::Summaries(_)));
    assert!(!from_cache(&answers), "{:?}", answers[0].reply);
}

#[test]
fn review_writes_persist_and_return_the_notes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = store_with_two_years(dir.path());
    let target = NoteTarget {
        key: key(2023),
        section: Some("1.1".to_string()),
        sentence: Some(Span::new(40, 60)),
        excerpt: "镇党委召开专题会议6次".to_string(),
    };
    let requests = vec![
        Request {
            id: 1,
            job: Job::ToggleReviewed {
                key: key(2023),
                section: "1".to_string(),
            },
        },
        Request {
            id: 2,
            job: Job::ToggleFlag(target.clone()),
        },
        Request {
            id: 3,
            job: Job::AddNote {
                target,
                body: "数字与附表不符".to_string(),
            },
        },
    ];
    let answers = run(&path, requests, 3);
    let done: Vec<NoteChange> = answers
        .iter()
        .map(|a| match &a.reply {
            Reply::Notes { done, .. } => *done,
            other => panic!("expected notes: {other:?}"),
        })
        .collect();
    assert_eq!(
        done,
        [
            NoteChange::Reviewed(true),
            NoteChange::Flagged(true),
            NoteChange::NoteAdded
        ]
    );
    let Reply::Notes { notes, .. } = &answers[2].reply else {
        unreachable!("checked above");
    };
    assert_eq!(notes.len(), 3);
    let stored = Store::open(&path)
        .expect("open")
        .all_notes(None, None)
        .expect("notes");
    assert_eq!(stored.len(), 3);
    let note = stored
        .iter()
        .find(|n| n.kind == NoteKind::Note)
        .expect("note");
    assert_eq!(
        (note.author.as_str(), note.body.as_str()),
        ("tester", "数字与附表不符")
    );
    assert_eq!(note.span(), Some(Span::new(40, 60)));
}

#[test]
fn marking_a_section_reviewed_updates_the_township_summary() {
    let dir = tempfile::tempdir().expect("dir");
    let path = store_with_two_years(dir.path());
    let townships = Store::open(&path).expect("open").townships().expect("list");
    let (to_worker, inbox) = mpsc::channel();
    let (answers, replies) = mpsc::channel();
    let handle = worker::spawn(path, "tester".to_string(), inbox, move |r| {
        let _ = answers.send(r);
    })
    .expect("spawn");
    let summary = |response: &Response| match &response.reply {
        Reply::Summaries(lines) => lines.first().map(|line| (response.id, line.summary)),
        _ => None,
    };
    let ask = |id, job| to_worker.send(Request { id, job }).expect("queue");
    ask(1, Job::Summaries(townships));
    let next = || replies.recv_timeout(WAIT).expect("an answer");
    let (_, before) = summary(&next()).expect("the list summary");
    assert_eq!(before.reviewed_sections, 0);
    assert!(before.sections > 1, "{before:?}");

    ask(
        2,
        Job::ToggleReviewed {
            key: key(2023),
            section: "1".to_string(),
        },
    );
    // The write's answer and the summary computed again come from two threads, in
    // either order.
    let (first, second) = (next(), next());
    let (written, again) = if summary(&first).is_some() {
        (second, first)
    } else {
        (first, second)
    };
    assert!(
        matches!(
            written.reply,
            Reply::Notes {
                done: NoteChange::Reviewed(true),
                ..
            }
        ),
        "{written:?}"
    );
    let (id, after) = summary(&again).expect("the township's summary again");
    assert_eq!(id, 1, "answered under the list's request");
    assert_eq!(
        (after.reviewed_sections, after.sections),
        (1, before.sections)
    );
    assert_eq!(after.copy_ratio, before.copy_ratio);
    drop(to_worker);
    handle.join().expect("worker ends when its queue closes");
}
