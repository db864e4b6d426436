//! The review service on a real store: one analysis per report version, shared by the
//! township list's summaries and by opening pairs and stepping between years; summaries
//! kept in the store are used by the next process without analysing anything.

use std::path::Path;

use nianbao::demo::{COUNTY, REPORTS};
use nianbao::reuse::Kind;
use nianbao::review::{AnalysisCache, FindingsScope, OpenRequest, ReviewService, latest_pair};
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
    // The older year of the pair reads its stale years against the year before it.
    let latest_pairs: usize = townships.iter().map(|t| t.years.len().min(3)).sum();
    assert_eq!(
        service.analyses(),
        latest_pairs,
        "the list analyses each latest pair, and the year before it, once"
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
fn the_list_thread_and_the_worker_sharing_a_cache_analyse_each_report_once() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_store(dir.path());
    let analyses = AnalysisCache::default();
    let open = |cache| ReviewService::sharing(Store::open(&path).expect("open"), cache);
    let (mut worker, mut list) = (open(analyses.clone()), open(analyses.background()));
    let townships = worker.townships().expect("townships").townships;
    let half = townships.len() / 2;
    // The worker opens some townships before the list summarizes them, and the list
    // summarizes the others before the worker opens them.
    for township in &townships[..half] {
        let (old, new) = latest_pair(&township.years).expect("years");
        worker.open(&request(township, old, new)).expect("open");
    }
    for township in &townships {
        list.summary(township).expect("summary").expect("a line");
    }
    for township in &townships {
        step_through(&mut worker, township);
    }
    let reports: usize = townships.iter().map(|t| t.years.len()).sum();
    assert_eq!(analyses.analyses(), reports, "every report analysed once");
    assert_eq!(worker.analyses(), list.analyses(), "one count, shared");
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

#[test]
fn findings_agree_with_the_list_and_name_the_source_of_copied_text() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_store(dir.path());
    let mut service = service(&path);
    let townships = service.townships().expect("townships").townships;
    let findings = service
        .findings(&FindingsScope::default())
        .expect("findings");
    assert_eq!(findings.len(), townships.len());
    for (found, township) in findings.iter().zip(&townships) {
        let summary = service.summary(township).expect("summary").expect("stored");
        assert_eq!(found.township, township.township);
        assert_eq!(found.lint.len(), summary.findings, "{}", found.township);
        assert_eq!(found.copy_ratio, summary.copy_ratio, "{}", found.township);
        assert_eq!(found.section_count, summary.sections);
        let ratios: Vec<f64> = found.sections.iter().map(|s| s.copy_ratio).collect();
        assert!(ratios.windows(2).all(|w| w[0] >= w[1]), "most copied first");
        let ranks: Vec<u8> = found.reuse.iter().map(|p| p.kind_rank()).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "shared text first");
    }
    // 柳溪镇 2022 holds 青石镇's publicity paragraph with 青石镇's name left in.
    let liuxi = findings
        .iter()
        .find(|f| f.township == "柳溪镇")
        .expect("柳溪镇");
    let copied = liuxi
        .reuse
        .iter()
        .find(|p| p.year == 2022 && p.kind == Kind::CrossTownship && p.text.contains("青石镇坚持"))
        .expect("the copied paragraph");
    assert!(
        copied
            .sources
            .iter()
            .any(|s| s.township == "青石镇" && s.section.is_some()),
        "{:?}",
        copied.sources
    );

    let one_year = FindingsScope {
        townships: vec!["松坪乡".to_string()],
        county: None,
        year: Some(2022),
    };
    let found = service.findings(&one_year).expect("findings");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].old_year, found[0].new_year), (Some(2021), 2022));
    let missing = FindingsScope {
        year: Some(2030),
        ..one_year
    };
    assert!(service.findings(&missing).is_err());
}

#[test]
fn the_list_counts_the_findings_the_pane_lists_for_the_pair_it_opens() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_store(dir.path());
    {
        // A next year copied from 2023 with one stale year left in its body: findings
        // in both years of the latest pair, the older read against the year before it.
        let mut store = Store::open(&path).expect("open");
        let (_, _, text) = REPORTS
            .iter()
            .find(|(t, y, _)| *t == "柳溪镇" && *y == 2023)
            .expect("柳溪镇 2023");
        let next = text
            .replace("2024年", "2025年")
            .replacen("2023年", "2024年", 2);
        put(&mut store, "柳溪镇", 2024, &next, false);
    }
    // Computed first, then read from the summary cache by a new service.
    for round in ["computed", "cached"] {
        let mut service = service(&path);
        let mut counted = 0;
        for township in service.townships().expect("townships").townships {
            let summary = service.summary(&township).expect("summary").expect("kept");
            let (old, new) = latest_pair(&township.years).expect("a pair");
            let opened = service.open(&request(&township, old, new)).expect("open");
            let data = &opened.data;
            let pane = data.old.as_ref().map_or(0, |r| r.lint.len()) + data.new.lint.len();
            assert_eq!(
                summary.findings, pane,
                "{round}: {} {old:?} → {new}",
                township.township
            );
            counted += pane;
        }
        assert!(counted > 0, "the demo has findings");
    }
}

/// Opening a pair on a fresh service (this year analysed while last year's is) gives the
/// same two reports, findings included, as asking for each on its own does.
#[test]
fn a_pair_opened_at_once_holds_the_reports_asked_for_one_by_one() {
    let dir = tempfile::tempdir().expect("dir");
    let path = demo_store(dir.path());
    let mut store = Store::open(&path).expect("open");
    let body = |year: i32, left: i32| {
        format!(
            "松溪乡{year}年法治政府建设工作报告\n一、主要举措和成效\n{left}年，全乡排查调处矛盾纠纷37件。\n\
             {year}年3月，开展“法律进村寨”集中宣传12场。\n全年开展专题学习8次。\n"
        )
    };
    put(&mut store, "松溪乡", 2022, &body(2022, 2022), false);
    // A dated sentence of last year's report left as it was.
    put(&mut store, "松溪乡", 2023, &body(2023, 2022), false);
    let townships = service(&path).townships().expect("townships").townships;
    let mut stale = 0;
    for township in townships.iter().filter(|t| t.years.len() >= 2) {
        let (Some(old), new) = latest_pair(&township.years).expect("years") else {
            continue;
        };
        let opened = service(&path)
            .open(&request(township, Some(old), new))
            .expect("open");
        let mut alone = service(&path);
        for (year, report) in [
            (old, opened.data.old.as_deref()),
            (new, Some(&*opened.data.new)),
        ] {
            let key = nianbao::store::ReportKey {
                township: township.township.clone(),
                county: township.county.clone().unwrap_or_default(),
                year,
            };
            let expected = alone.report(&key).expect("report").expect("stored");
            let json = |r: &nianbao::report::Report| serde_json::to_string(r).expect("json");
            assert_eq!(
                json(report.expect("both years")),
                json(&expected),
                "{key:?}"
            );
        }
        stale += opened
            .data
            .new
            .lint
            .iter()
            .filter(|f| f.kind == nianbao::report::lint::LintKind::StaleYear)
            .count();
    }
    assert!(
        stale > 0,
        "some pair has a year carried over from last year's text"
    );
}
