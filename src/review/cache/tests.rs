use std::sync::mpsc;
use std::time::Duration;

use super::fingerprint::{PROBE_NEW, PROBE_OLD, probe_meta};
use super::*;
use crate::compare::Comparison;
use crate::store::NewReport;

/// Long enough for a test that would otherwise hang to fail instead.
const PATIENCE: Duration = Duration::from_secs(60);

fn store_of_two_years(dir: &std::path::Path) -> (Store, i64, i64) {
    let mut store = Store::open(&dir.join("store.db")).expect("store");
    for (year, text) in [(2021, PROBE_OLD), (2022, PROBE_NEW)] {
        store
            .import(&NewReport::plain("样例镇", "样例县", year, text), false)
            .expect("import");
    }
    let id = |year| {
        store
            .report_stamp(&key(year))
            .expect("stamp")
            .expect("stored")
            .id
    };
    let (old, new) = (id(2021), id(2022));
    (store, old, new)
}

fn key(year: i32) -> ReportKey {
    ReportKey {
        township: "样例镇".to_string(),
        county: "样例县".to_string(),
        year,
    }
}

/// The claim a look-up of a report nothing holds yet must give.
fn claimed(found: Result<Found<'_>, StoreError>) -> Claim<'_> {
    match found.expect("find") {
        Found::Claimed(claim) => claim,
        Found::Kept(_) => panic!("nothing is kept yet"),
    }
}

fn reopen(dir: &std::path::Path) -> Store {
    Store::open(&dir.join("store.db")).expect("store")
}

#[test]
fn the_interface_does_not_wait_for_an_analysis_the_background_has_under_way() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, _, new) = store_of_two_years(dir.path());
    let interface = AnalysisCache::default();
    let background = interface.background();
    let claim = claimed(background.find(&store, new));
    let (done, answer) = mpsc::channel();
    let asking = interface.clone();
    let path = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let _ = done.send(asking.by_id(&reopen(&path), new).expect("analysis"));
    });
    let made = answer
        .recv_timeout(PATIENCE)
        .expect("the interface analyses it itself")
        .expect("stored");
    let late = Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new());
    assert!(
        claim.keep(key(2022), None, late).is_none(),
        "the background's analysis, taken over, is dropped"
    );
    let kept = background
        .by_id(&store, new)
        .expect("kept")
        .expect("stored");
    assert!(
        Arc::ptr_eq(&kept, &made),
        "the background uses the interface's"
    );
    assert_eq!(
        interface.analyses(),
        2,
        "this year and the year it is read against, once each"
    );
}

#[test]
fn the_background_waits_for_an_analysis_the_interface_has_under_way() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, old, _) = store_of_two_years(dir.path());
    let interface = AnalysisCache::default();
    let claim = claimed(interface.find(&store, old));
    let (done, answer) = mpsc::channel();
    let background = interface.background();
    let path = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let _ = done.send(background.by_id(&reopen(&path), old).expect("analysis"));
    });
    let stored = store.report_by_id(old).expect("read").expect("stored");
    let made = claim
        .keep(stored.key(), None, stored.analyze())
        .expect("the interface keeps its own");
    let waited = answer
        .recv_timeout(PATIENCE)
        .expect("an answer")
        .expect("stored");
    assert!(Arc::ptr_eq(&waited, &made), "the background waited for it");
    assert_eq!(interface.analyses(), 1);
}

#[test]
fn a_comparison_is_made_once_and_its_copy_ratio_outlives_its_taking() {
    let old = Arc::new(Report::analyze(PROBE_OLD, probe_meta(2021), Vec::new()));
    let new = Arc::new(Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new()));
    let interface = AnalysisCache::default();
    let background = interface.background();
    let ratio = background.copy_ratio(&old, &new);
    let expected: Comparison = compare::compare(&old, &new);
    assert_eq!(ratio, expected.scores.copy_ratio);
    let taken = interface.comparison(&old, &new);
    assert_eq!(taken, expected, "the summary's comparison, taken out");
    assert!(matches!(
        &interface.shared.lock().compared,
        compared::Compared::Done {
            comparison: None,
            ..
        }
    ));
    assert_eq!(
        background.copy_ratio(&old, &new),
        ratio,
        "kept without comparing"
    );
    // Another analysis of the same text is another version: compared anew.
    let other = Arc::new(Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new()));
    assert_eq!(interface.comparison(&old, &other), expected);
}

#[test]
fn the_interface_takes_over_a_comparison_the_background_has_under_way() {
    let old = Arc::new(Report::analyze(PROBE_OLD, probe_meta(2021), Vec::new()));
    let new = Arc::new(Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new()));
    let interface = AnalysisCache::default();
    let background = interface.background();
    let mut state = background.shared.lock();
    assert!(matches!(
        background.next(&mut state, &old, &new, false),
        compared::Next::Compare
    ));
    drop(state);
    let (done, answer) = mpsc::channel();
    let (o, n, asking) = (Arc::clone(&old), Arc::clone(&new), interface.clone());
    std::thread::spawn(move || {
        let _ = done.send(asking.comparison(&o, &n));
    });
    let made = answer
        .recv_timeout(PATIENCE)
        .expect("compared without waiting");
    assert_eq!(made, compare::compare(&old, &new));
}

#[test]
fn a_background_analysis_taken_over_stops_between_its_steps() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, _, new) = store_of_two_years(dir.path());
    let interface = AnalysisCache::default();
    let background = interface.background();
    let claim = claimed(background.find(&store, new));
    assert!(claim.wanted(), "the background's own while no one takes it");
    let _taken = claimed(interface.find(&store, new));
    assert!(!claim.wanted(), "taken over by the interface");

    // The analysis asks at each step whether it is still wanted and stops at the first
    // no; always wanted, it is the analysis itself.
    let asked = std::cell::Cell::new(0);
    let stopped = Report::analyze_while(PROBE_NEW, probe_meta(2022), Vec::new(), None, &|| {
        asked.set(asked.get() + 1);
        asked.get() < 3
    });
    assert!(stopped.is_err());
    assert_eq!(asked.get(), 3, "no step after the first no");
    asked.set(0);
    let whole = Report::analyze_while(PROBE_NEW, probe_meta(2022), Vec::new(), None, &|| {
        asked.set(asked.get() + 1);
        true
    })
    .expect("wanted throughout");
    assert!(asked.get() > 3, "asked at every step: {}", asked.get());
    let plain = Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new());
    assert_eq!(
        serde_json::to_string(&whole).expect("json"),
        serde_json::to_string(&plain).expect("json")
    );
}
