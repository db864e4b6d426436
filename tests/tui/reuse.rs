//! The reuse pane on a real store (the demo county, built by `nianbao demo`) with the
//! real worker thread: keys through `update`, answers from the reuse index, and the pane
//! rendered into a test terminal at 80×24 and 160×48.
//!
//! The demo plants one neighbour's copy: 柳溪镇 2022 took 青石镇 2022's publicity
//! paragraph (with 青石镇's name left in).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use crate::tui_support::{buffer_text, keys, render, sent, settings, type_text};
use nianbao::i18n::Lang;
use nianbao::reuse::Kind;
use nianbao::review::Side;
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, ReusePane, Screen};
use nianbao::tui::jobs::{Job, Reply, Request, Response};
use nianbao::tui::pane::{Pane, SidePane};
use nianbao::tui::worker;

const WAIT: Duration = Duration::from_secs(60);

/// An app wired to a real worker on a real store.
pub(crate) struct Live {
    pub(crate) app: App,
    /// Requests the app made that have not been sent to the worker yet.
    pending: Vec<Request>,
    requests: mpsc::Sender<Request>,
    answers: mpsc::Receiver<Response>,
    _env: crate::common::TestEnv,
}

impl Live {
    /// The demo store, with the interface at `width` × `height` on its township list.
    pub(crate) fn demo(width: u16, height: u16) -> Live {
        let env = crate::common::TestEnv::new();
        let dir = env.path("demo");
        let out = env
            .cmd()
            .arg("demo")
            .arg("--dir")
            .arg(&dir)
            .arg("--no-tui")
            .output()
            .expect("run nianbao demo");
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}",
            crate::common::stderr(&out)
        );
        Live::on_store(env, dir.join("nianbao.db"), width, height)
    }

    /// The store at `store` (in `env`), with the interface at `width` × `height` on its
    /// township list.
    pub(crate) fn on_store(
        env: crate::common::TestEnv,
        store: PathBuf,
        width: u16,
        height: u16,
    ) -> Live {
        let (requests, inbox) = mpsc::channel();
        let (answer, answers) = mpsc::channel();
        worker::spawn(store, "tester".to_string(), inbox, move |r| {
            let _ = answer.send(r);
        })
        .expect("start the worker");
        let mut live = Live {
            app: App::new(settings(Lang::Zh), (width, height)),
            pending: Vec::new(),
            requests,
            answers,
            _env: env,
        };
        live.apply(Action::Reload);
        live.settle();
        assert_eq!(live.app.screen, Screen::List);
        live
    }

    /// Applies an action, keeping the requests it makes for [`Live::settle`].
    pub(crate) fn apply(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.pending.extend(sent(&effects));
    }

    /// Sends the app's requests one at a time and feeds it every answer, until nothing
    /// the app waits for is outstanding (list summaries run on in the background).
    pub(crate) fn settle(&mut self) {
        loop {
            let requests: Vec<Request> = self.pending.drain(..).collect();
            if requests.is_empty() {
                return;
            }
            for request in requests {
                let waits = !matches!(
                    request.job,
                    Job::Summaries(_) | Job::SummariesFirst(_) | Job::StopSearch
                );
                let id = request.id;
                self.requests.send(request).expect("worker alive");
                let mut waiting: HashSet<u64> = HashSet::new();
                if waits {
                    waiting.insert(id);
                }
                while !waiting.is_empty() {
                    let response = self.answers.recv_timeout(WAIT).expect("a worker answer");
                    // A search's answers so far come before its whole answer.
                    let so_far = matches!(&response.reply, Reply::Search(r) if r.running.is_some());
                    if !so_far {
                        waiting.remove(&response.id);
                    }
                    self.apply(Action::Worker(response));
                }
            }
        }
    }

    pub(crate) fn press(&mut self, sequence: &str) {
        for key in keys(sequence) {
            if let Some(action) = self.app.action_for_key(key) {
                self.apply(action);
            }
            self.settle();
        }
    }

    /// Opens a township by typing its name into the filter.
    pub(crate) fn open(&mut self, township: &str) {
        self.press("/");
        type_text(&mut self.app, township);
        self.press("<Enter>");
        assert_eq!(self.app.screen, Screen::Review);
        self.settle();
    }

    pub(crate) fn review(&self) -> &nianbao::tui::app::ReviewState {
        self.app.review.as_ref().expect("a review open")
    }

    /// The years on screen.
    pub(crate) fn years(&self) -> (Option<i32>, i32) {
        let data = self.review().data.as_ref().expect("data");
        (data.old_year, data.new_year)
    }

    /// Moves down until the reuse entries of the sentence under the cursor include one
    /// of `kind` from `township` in `year` in the same words; false at the end of the
    /// text.
    pub(crate) fn find_entry(&mut self, kind: Kind, township: &str, year: i32) -> bool {
        loop {
            if let ReusePane::Entries(list) = self.app.reuse_pane()
                && list.iter().any(|e| {
                    e.kind == kind
                        && !e.near
                        && e.other.township == township
                        && e.other.year == Some(year)
                })
            {
                return true;
            }
            let before = self.review().cursor;
            self.press("j");
            if self.review().cursor == before {
                return false;
            }
        }
    }

    /// This year's sentence under the cursor.
    pub(crate) fn cursor_text(&self) -> String {
        let review = self.review();
        let data = review.data.as_ref().expect("data");
        review
            .cursor_sentence()
            .filter(|(side, _)| *side == Side::New)
            .and_then(|(_, i)| data.new.sentences.get(i))
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}

/// 柳溪镇 2021→2022 with the cursor on the sentence copied from 青石镇 2022.
pub(crate) fn on_the_copied_sentence(width: u16, height: u16) -> Live {
    let mut live = Live::demo(width, height);
    live.open("柳溪镇");
    assert_eq!(live.years(), (Some(2022), 2023));
    live.press("[");
    assert_eq!(live.years(), (Some(2021), 2022));
    assert!(
        live.find_entry(Kind::CrossTownship, "青石镇", 2022),
        "no cross-township entry for 青石镇 2022 in 柳溪镇 2022"
    );
    live
}

/// The pane shows the selected entry's shared passage and the section it stands in
/// here and there.
fn check_detail(live: &Live, first: &nianbao::tui::app::ReuseEntry, copied: &str) {
    let chars: Vec<char> = copied.chars().collect();
    let shares_words = chars
        .windows(8)
        .any(|w| first.text.contains(&w.iter().collect::<String>()));
    assert!(
        shares_words,
        "the passage is the sentence's: {first:?} / {copied}"
    );
    assert!(first.here.is_some(), "{first:?}");
    let there_section = first.there.clone().expect("the section there");
    let text = buffer_text(&render(&live.app));
    assert!(
        text.contains(&there_section)
            && text.lines().any(|l| first
                .text
                .starts_with(l.trim_matches(|c| c == '┃' || c == ' '))
                && l.chars().count() > 10),
        "the pane shows both sections and the passage:\n{text}"
    );
}

/// The neighbour's sentence stands beside the copied one, and the section the pane
/// named for the neighbour's report holds the passage there.
fn check_beside(
    review: &nianbao::tui::app::ReviewState,
    old: &nianbao::report::Report,
    first: &nianbao::tui::app::ReuseEntry,
    copied: &str,
) {
    let there_section = first.there.clone().unwrap_or_default();
    let item = &review.layout.as_ref().unwrap().items[review.cursor];
    let there = item
        .sentence(Side::Old)
        .map(|i| old.sentences[i].text.clone())
        .unwrap_or_default();
    let shared = copied.chars().filter(|c| there.contains(*c)).count();
    assert!(
        there.chars().count() >= 10 && shared * 10 >= copied.chars().count() * 8,
        "the neighbour's sentence is not beside it: {there:?} for {copied:?}"
    );
    let passage_at = old
        .text
        .find(&first.text)
        .map(|b| old.text[..b].chars().count());
    let section = old.sections.iter().find(|s| s.path == there_section);
    assert!(
        section
            .zip(passage_at)
            .is_some_and(|(s, at)| s.span.start <= at && at < s.span.end),
        "the section given for the neighbour's report holds the passage there: {there_section}"
    );
}

#[test]
fn u_toggles_the_pane_and_enter_sets_the_neighbours_report_beside_this_one() {
    let mut live = on_the_copied_sentence(120, 40);
    let copied = live.cursor_text();
    assert!(!live.review().panes[SidePane::Reuse].shown);
    live.press("u");
    assert!(live.review().panes[SidePane::Reuse].shown);
    assert_eq!(live.review().focus, Pane::Reuse);
    let ReusePane::Entries(list) = live.app.reuse_pane() else {
        panic!("no entries once the answer came");
    };
    assert_eq!(
        list.first()
            .map(|e| (e.kind, e.other.township.as_str(), e.other.year)),
        Some((Kind::CrossTownship, "青石镇", Some(2022))),
        "copying from a neighbour is listed first, the same year first: {list:?}"
    );
    let own = list.iter().position(|e| e.kind == Kind::OwnHistory);
    let last_cross = list.iter().rposition(|e| e.kind == Kind::CrossTownship);
    assert!(
        own.is_none_or(|o| last_cross.is_some_and(|c| c < o)),
        "{list:?}"
    );
    let first = list[0].clone();
    check_detail(&live, &first, &copied);
    let at = 1;
    live.press("j");
    assert_eq!(live.review().panes[SidePane::Reuse].cursor.selected, at);
    live.press("k");
    live.press("<Enter>");
    let review = live.review();
    assert_eq!(
        review.township, "柳溪镇",
        "this report stays this year's side"
    );
    let source = review.source.clone().expect("a cross-township pair");
    assert_eq!((source.township.as_str(), source.year), ("青石镇", 2022));
    assert_eq!(live.years(), (Some(2022), 2022));
    let data = review.data.clone().expect("the pair");
    let old = data.old.as_ref().expect("the neighbour's report beside");
    assert_eq!(old.meta.township.as_deref(), Some("青石镇"));
    assert!(
        review.panes[SidePane::Reuse].shown,
        "the pane stays open in the pair opened"
    );
    assert_eq!(
        live.cursor_text(),
        copied,
        "the cursor is on the shared sentence"
    );
    check_beside(review, old, &first, &copied);
    live.press("x");
    assert!(
        live.app.status.as_ref().is_some_and(|s| s.error),
        "notes are not written on a cross-township pair"
    );
    live.press("e");
    assert!(
        live.app.overlay.is_none() && live.app.status.as_ref().is_some_and(|s| s.error),
        "a cross-township pair is not exported"
    );
    let text = buffer_text(&render(&live.app));
    let title = text.lines().next().unwrap_or_default();
    assert!(
        title.contains("跨乡镇") && title.contains("青石镇") && title.contains("柳溪镇"),
        "the title says it is a cross-township pair: {title}"
    );

    live.press("<Esc>");
    assert_eq!(
        live.review().township,
        "柳溪镇",
        "Esc returns to the report left"
    );
    assert_eq!(live.years(), (Some(2021), 2022));
    assert_eq!(live.cursor_text(), copied, "at the same sentence");
    assert_eq!(live.review().focus, Pane::Reuse);
    live.press("<Esc> u");
    assert!(!live.review().panes[SidePane::Reuse].shown);
    assert_eq!(live.review().focus, Pane::Diff);
    live.press("<Esc>");
    assert_eq!(live.app.screen, Screen::List);
}

#[test]
fn moving_the_cursor_lists_the_next_sentence_and_resets_the_selection() {
    let mut live = on_the_copied_sentence(120, 40);
    live.press("u");
    let len = match live.app.reuse_pane() {
        ReusePane::Entries(list) => list.len(),
        other => panic!("{other:?}"),
    };
    live.press("G");
    assert_eq!(
        live.review().panes[SidePane::Reuse].cursor.selected,
        len.saturating_sub(1)
    );
    live.press("<Tab>");
    let focus = live.review().focus;
    while live.review().focus != Pane::Diff {
        live.press("<Tab>");
        assert_ne!(live.review().focus, focus, "the diff is among the panes");
    }
    live.press("g");
    assert_eq!(live.review().cursor, 0);
    assert_eq!(
        live.review().panes[SidePane::Reuse].cursor.selected,
        0,
        "a new sentence starts at the top"
    );
    assert!(matches!(live.app.reuse_pane(), ReusePane::NoSentence));
}

#[test]
fn rows_shared_with_a_neighbour_carry_the_mark_without_the_pane() {
    let live = on_the_copied_sentence(160, 48);
    assert!(!live.review().panes[SidePane::Reuse].shown);
    let text = buffer_text(&render(&live.app));
    let marked: Vec<&str> = text
        .lines()
        .filter(|l| l.chars().nth(2) == Some('@'))
        .collect();
    assert!(!marked.is_empty(), "no row marked:\n{text}");
    assert!(
        marked.iter().any(|l| l.contains("法治文化广场")),
        "the copied paragraph is not marked:\n{text}"
    );
    assert!(
        marked.len() < text.lines().count() / 2,
        "only the shared text is marked:\n{text}"
    );
}

#[test]
fn the_pane_at_80x24() {
    let mut live = on_the_copied_sentence(80, 24);
    live.press("u");
    let text = buffer_text(&render(&live.app));
    assert!(text.contains("┏ 复用"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("跨乡镇") && l.contains("青石镇") && l.contains("2022")),
        "no cross-township row for 青石镇 2022:\n{text}"
    );
    insta::assert_snapshot!("reuse_pane_80x24", text);
}

#[test]
fn the_pane_at_160x48_beside_figures_and_findings() {
    let mut live = on_the_copied_sentence(160, 48);
    live.press("f i u");
    let text = buffer_text(&render(&live.app));
    for title in ["┏ 复用", "数据", "问题"] {
        assert!(text.contains(title), "{title} missing:\n{text}");
    }
    assert!(
        text.lines()
            .any(|l| l.contains("跨乡镇") && l.contains("青石镇") && l.contains("2022")),
        "{text}"
    );
    insta::assert_snapshot!("reuse_pane_160x48", text);
}

#[test]
fn the_pane_shows_an_ellipsis_until_the_answer_comes() {
    let mut live = Live::demo(100, 30);
    live.press("/");
    type_text(&mut live.app, "青石镇");
    live.apply(Action::Input(keys("<Enter>")[0]));
    // Answer only the pair, holding the reuse look-up back.
    let held: Vec<Request> = live.pending.drain(..).collect();
    for request in held.iter().filter(|r| matches!(r.job, Job::Open(..))) {
        live.requests.send(request.clone()).expect("worker");
        loop {
            let response = live.answers.recv_timeout(WAIT).expect("answer");
            let done = response.id == request.id;
            live.apply(Action::Worker(response));
            if done {
                break;
            }
        }
    }
    let reuse: Vec<Request> = live
        .pending
        .drain(..)
        .filter(|r| matches!(r.job, Job::Reuse(_)))
        .collect();
    assert_eq!(reuse.len(), 1, "the pair asks for its reuse once");
    live.apply(Action::Down);
    live.apply(Action::Down);
    live.apply(Action::ToggleReuse);
    assert!(
        live.pending.is_empty(),
        "a pending look-up is not asked twice"
    );
    assert!(matches!(live.app.reuse_pane(), ReusePane::Pending));
    let text = buffer_text(&render(&live.app));
    assert!(text.contains('…'), "{text}");
    live.pending.extend(reuse);
    live.settle();
    assert!(!matches!(live.app.reuse_pane(), ReusePane::Pending));
}
