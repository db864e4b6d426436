//! The review service on a real store: one analysis per report version, shared by the
//! township list's summaries and by opening pairs and stepping between years; summaries
//! kept in the store are used by the next process without analysing anything.

use std::path::Path;

use nianbao::demo::{COUNTY, REPORTS};
use nianbao::review::{OpenRequest, ReviewService, latest_pair};
use nianbao::store::{NewReport, Store, TownshipSummary};

fn put(store: &mut Store, township: &str, year: i32, text: &str, replace: bool) {
    let report = NewReport {
        township,
        county: COUNTY,
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

/// The demo county's reports in a store of their own.
fn demo_store(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("store.db");
    let mut store = Store::open(&path).expect("open");
    for (township, year, text) in REPORTS {
        put(&mut store, township, *year, text, false);
    }
    path
}

fn service(path: &Path) -> ReviewService {
    ReviewService::new(Store::open(path).expect("open"))
}

fn request(township: &TownshipSummary, old: Option<i32>, new: i32) -> OpenRequest {
    OpenRequest {
        township: township.township.clone(),
        county: township.county.clone().unwrap_or_default(),
        years: township.years.clone(),
        old,
        new,
    }
}

/// Opens every pair of consecutive years of a township, newest first, then its first
/// year alone: what stepping back with `[` does.
fn step_through(service: &mut ReviewService, township: &TownshipSummary) {
    let years = &township.years;
    for at in (0..years.len()).rev() {
        let old = at.checked_sub(1).map(|i| years[i]);
        let opened = service
            .open(&request(township, old, years[at]))
            .expect("open");
        assert_eq!(opened.data.new_year, years[at]);
        assert_eq!(opened.data.old_year, old);
    }
}

#[test]
fn each_report_version_is_analysed_once_whoever_asks() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_store(dir.path());
    let mut service = service(&path);
    let townships = service.townships().expect("townships").townships;
    assert!(townships.len() >= 2);

    for township in &townships {
        service.summary(township).expect("summary").expect("a line");
    }
    let latest_pairs: usize = townships
        .iter()
        .map(|t| match latest_pair(&t.years) {
            Some((Some(_), _)) => 2,
            Some((None, _)) => 1,
            None => 0,
        })
        .sum();
    assert_eq!(
        service.analyses(),
        latest_pairs,
        "the list analyses each latest pair once"
    );

    for township in &townships {
        let (old, new) = latest_pair(&township.years).expect("years");
        service.open(&request(township, old, new)).expect("open");
        step_through(&mut service, township);
        step_through(&mut service, township);
    }
    let reports: usize = townships.iter().map(|t| t.years.len()).sum();
    assert_eq!(service.analyses(), reports, "every report analysed once");

    let first = &townships[0];
    let (_, newest) = latest_pair(&first.years).expect("years");
    let mut store = Store::open(&path).expect("open");
    let text = REPORTS
        .iter()
        .find(|(t, y, _)| *t == first.township && *y == newest)
        .map(|(_, _, text)| format!("{text}\n补充说明。"))
        .expect("demo text");
    put(&mut store, &first.township, newest, &text, true);
    step_through(&mut service, first);
    service.summary(first).expect("summary");
    assert_eq!(
        service.analyses(),
        reports + 1,
        "a replaced report is a new version, analysed once more"
    );
}

#[test]
fn summaries_kept_in_the_store_need_no_analysis() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_store(dir.path());
    let mut first = service(&path);
    let townships = first.townships().expect("townships").townships;
    let computed: Vec<_> = townships
        .iter()
        .map(|t| first.summary(t).expect("summary"))
        .collect();
    assert!(first.analyses() > 0);

    let mut second = service(&path);
    let kept: Vec<_> = townships
        .iter()
        .map(|t| second.summary(t).expect("summary"))
        .collect();
    assert_eq!(second.analyses(), 0);
    assert_eq!(kept, computed);
}
