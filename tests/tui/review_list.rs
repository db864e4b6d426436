//! One township list for both front ends: `nianbao list --json` from the real binary
//! and the interface's list (the real worker over the review service) show the same
//! copy ratio, findings and reviewed progress for every township of the demo county,
//! and the findings are those the findings pane lists for the pair the list opens.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crate::tui_support::{keys, sent, settings, type_text};
use nianbao::i18n::Lang;
use nianbao::review::{Side, Summary};
use nianbao::store::{ReportKey, Store};
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Screen};
use nianbao::tui::jobs::{Job, Request, Response};
use nianbao::tui::worker;

const WAIT: Duration = Duration::from_secs(60);

/// The demo store, built by the real binary, with a few sections marked reviewed.
fn demo_store(env: &crate::common::TestEnv) -> PathBuf {
    let dir = env.path("demo");
    let out = env
        .cmd()
        .args(["demo", "--no-tui", "--dir"])
        .arg(&dir)
        .output()
        .expect("run nianbao demo");
    assert_eq!(
        crate::common::code(&out),
        0,
        "{}",
        crate::common::stderr(&out)
    );
    let path = dir.join("nianbao.db");
    let store = Store::open(&path).expect("open the demo store");
    let townships = store.townships().expect("townships");
    for (n, township) in townships.iter().enumerate() {
        let Some(&year) = township.years.last() else {
            continue;
        };
        let key = ReportKey {
            township: township.township.clone(),
            county: township.county.clone().unwrap_or_default(),
            year,
        };
        for section in ["1", "2", "9.9"].iter().take(n) {
            store
                .toggle_reviewed(&key, section, "tester")
                .expect("mark reviewed");
        }
    }
    path
}

/// A copy of a store that shares nothing with it, its summary cache included.
fn copy_of(store: &Path, to: &Path) {
    let conn = rusqlite::Connection::open(store).expect("open");
    conn.execute("VACUUM INTO ?1", [to.to_string_lossy()])
        .expect("copy the store");
}

/// The interface on a store with the real worker.
struct Live {
    app: App,
    /// Requests the app made that are not yet sent.
    pending: Vec<Request>,
    requests: mpsc::Sender<Request>,
    answers: mpsc::Receiver<Response>,
}

impl Live {
    fn new(store: PathBuf) -> Live {
        let (requests, inbox) = mpsc::channel();
        let (answer, answers) = mpsc::channel();
        worker::spawn(store, "tester".to_string(), inbox, move |r| {
            let _ = answer.send(r);
        })
        .expect("start the worker");
        let mut live = Live {
            app: App::new(settings(Lang::Zh), (160, 48)),
            pending: Vec::new(),
            requests,
            answers,
        };
        live.apply(Action::Reload);
        live.settle();
        live
    }

    /// Applies an action, keeping the requests it makes for [`Live::settle`].
    fn apply(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.pending.extend(sent(&effects));
    }

    /// Sends the app's requests and feeds it answers until it waits for nothing but
    /// the list's summaries.
    fn settle(&mut self) {
        loop {
            let requests: Vec<Request> = self.pending.drain(..).collect();
            if requests.is_empty() {
                return;
            }
            for request in requests {
                let waits = !matches!(request.job, Job::Summaries(_) | Job::SummariesFirst(_));
                let id = request.id;
                self.requests.send(request).expect("worker alive");
                if waits {
                    self.feed_until(id);
                }
            }
        }
    }

    /// Feeds the app answers until the one to request `id` has come.
    fn feed_until(&mut self, id: u64) {
        loop {
            let response = self.answers.recv_timeout(WAIT).expect("an answer");
            let answered = response.id == id;
            self.apply(Action::Worker(response));
            if answered {
                return;
            }
        }
    }

    /// Feeds the app answers until every township of the list has its summary.
    fn wait_for_summaries(&mut self) {
        while self.app.list.rows.iter().any(|r| r.stats.is_none()) {
            let response = self.answers.recv_timeout(WAIT).expect("a summary");
            self.apply(Action::Worker(response));
        }
    }

    fn press(&mut self, sequence: &str) {
        for key in keys(sequence) {
            if let Some(action) = self.app.action_for_key(key) {
                self.apply(action);
            }
            self.settle();
        }
    }
}

/// What `list --json` says of each township: (township, county) → summary.
fn listed(env: &crate::common::TestEnv, store: &Path) -> Vec<((String, String), Summary)> {
    let out = env
        .cmd()
        .env("NIANBAO_STORE", store)
        .args(["list", "--json"])
        .output()
        .expect("run nianbao list");
    assert_eq!(
        crate::common::code(&out),
        0,
        "{}",
        crate::common::stderr(&out)
    );
    let list = crate::common::json(&out);
    let count = |t: &serde_json::Value, field: &str| {
        let value = t[field].as_u64();
        assert!(value.is_some(), "{field} missing: {t}");
        value.unwrap_or_default() as usize
    };
    list.as_array()
        .expect("an array")
        .iter()
        .map(|t| {
            assert!(t["years"].is_array(), "the old fields stay: {t}");
            let name = t["township"].as_str().unwrap_or_default().to_string();
            let county = t["county"].as_str().unwrap_or_default().to_string();
            let summary = Summary {
                copy_ratio: t["copy_ratio"].as_f64(),
                findings: count(t, "findings"),
                reviewed_sections: count(t, "reviewed_sections"),
                sections: count(t, "sections"),
            };
            ((name, county), summary)
        })
        .collect()
}

#[test]
fn list_json_and_the_interface_list_agree_and_match_the_findings_pane() {
    let env = crate::common::TestEnv::new();
    let store = demo_store(&env);
    let copy = env.path("copy.db");
    copy_of(&store, &copy);

    let from_cli = listed(&env, &store);
    let mut live = Live::new(copy);
    assert_eq!(live.app.screen, Screen::List);
    live.wait_for_summaries();
    let from_tui: Vec<((String, String), Summary)> = live
        .app
        .list
        .rows
        .iter()
        .filter_map(|r| Some(((r.info.township.clone(), r.county().to_string()), r.stats?)))
        .collect();
    assert_eq!(from_cli.len(), from_tui.len());
    for (township, shown) in &from_tui {
        let printed = from_cli
            .iter()
            .find(|(t, _)| t == township)
            .map(|(_, s)| *s)
            .unwrap_or_else(|| panic!("{township:?} not in list --json"));
        assert_eq!(
            (
                printed.findings,
                printed.reviewed_sections,
                printed.sections
            ),
            (shown.findings, shown.reviewed_sections, shown.sections),
            "{township:?}"
        );
        // JSON carries the ratio in its shortest decimal form; reading it back may
        // differ in the last binary digit.
        let ratios = (printed.copy_ratio, shown.copy_ratio);
        assert!(
            match ratios {
                (Some(a), Some(b)) => (a - b).abs() < 1e-12,
                (a, b) => a == b,
            },
            "{township:?}: {ratios:?}"
        );
    }
    assert!(from_cli.iter().any(|(_, s)| s.reviewed_sections > 0));

    let mut older_findings = 0;
    for ((township, _), summary) in &from_tui {
        live.press("/");
        type_text(&mut live.app, township);
        live.press("<Enter>");
        assert_eq!(live.app.screen, Screen::Review, "{township} opens");
        let review = live.app.review.as_ref().expect("a review");
        let data = review.data.as_ref().expect("the pair");
        let pane = review.lint_entries();
        assert_eq!(pane.len(), summary.findings, "{township}: findings pane");
        older_findings += pane.iter().filter(|e| e.side == Side::Old).count();
        let reviewed = data
            .new
            .sections
            .iter()
            .filter(|s| review.is_reviewed(Side::New, &s.path))
            .count();
        assert_eq!(
            (reviewed, data.new.sections.len()),
            (summary.reviewed_sections, summary.sections),
            "{township}: reviewed progress"
        );
        live.press("<Esc>");
        assert_eq!(live.app.screen, Screen::List);
    }
    assert!(
        older_findings > 0,
        "the demo plants findings in a year before the latest"
    );
}
