//! Full-text search over a store of synthetic reports (`NIANBAO_BENCH_REPORTS`, default
//! 2,000, written by the scale-run generator and imported once): a phrase answered by
//! the trigram index alone, a phrase with a two-character term (index, then the
//! candidates read), a two-character term alone (every report read), the phrase within
//! one county, and per-year and per-county counts. Each listing includes quoting the
//! hits of the first 20 reports.
//!
//! Run with `cargo bench --bench search`.

// A benchmark stops on the first broken assumption; the library itself may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::demo::corpus::{CorpusSpec, each_report};
use nianbao::ingest;
use nianbao::review::{self, CountBy};
use nianbao::search::Query;
use nianbao::store::{NewReport, SearchFilter, Store};

fn filled_store(dir: &std::path::Path, reports: usize) -> Store {
    let spec = CorpusSpec {
        reports,
        ..CorpusSpec::default()
    };
    let mut store = Store::open(&dir.join("bench.db")).expect("open store");
    let started = Instant::now();
    let mut batch = store.begin_import().expect("begin");
    each_report(&spec, |generated| {
        let name = generated.relative_path.to_string_lossy().into_owned();
        let doc = ingest::from_bytes(&name, generated.text.as_bytes()).expect("read");
        let meta = &doc.meta;
        let report = NewReport {
            township: meta.township.as_deref().unwrap_or("某乡"),
            county: meta.county.as_deref().unwrap_or(""),
            province: meta.province.as_deref(),
            year: meta.year.unwrap_or(2020),
            title: None,
            signed_by: None,
            signed_on: None,
            text: &doc.text,
            source_path: "bench",
            format: "txt",
            encoding: "UTF-8",
            original: generated.text.as_bytes(),
            artifacts: &[],
        };
        batch.import(&report, true).map(|_| ())
    })
    .expect("import");
    batch.commit().expect("commit");
    eprintln!(
        "notice: {reports} reports imported in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    store
}

fn bench_search(c: &mut Criterion) {
    let reports = std::env::var("NIANBAO_BENCH_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = filled_store(dir.path(), reports);
    let all = SearchFilter::default();
    let mut group = c.benchmark_group(format!("search_{reports}"));
    group.sample_size(10);
    for (name, text) in [
        ("index_phrase", "矛盾纠纷"),
        ("verify_short_term", "矛盾纠纷 调解"),
        ("scan_two_chars", "调解"),
    ] {
        let query = Query::parse(text).expect("query");
        group.bench_function(name, |b| {
            b.iter(|| black_box(review::search(&store, &query, &all, 20).expect("search")))
        });
    }
    let query = Query::parse("矛盾纠纷").expect("query");
    let county = store
        .report_keys()
        .expect("keys")
        .first()
        .map(|(_, key)| key.county.clone());
    let one_county = SearchFilter {
        county,
        ..SearchFilter::default()
    };
    group.bench_function("index_phrase_one_county", |b| {
        b.iter(|| black_box(review::search(&store, &query, &one_county, 20).expect("search")))
    });
    for (name, by) in [
        ("count_by_year", CountBy::Year),
        ("count_by_county", CountBy::County),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(review::count_by(&store, &query, &all, by).expect("count")))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
