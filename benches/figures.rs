//! Figure extraction over the 50 State Council work reports (about a million characters):
//! throughput in bytes of clean text per second. The corpus is read at run time; without
//! it the benchmark says so and measures nothing.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::ingest::{self, Metadata};
use nianbao::report::{Report, figures};

fn corpus_dir() -> PathBuf {
    std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
        .join("state-council")
}

/// Every State Council report, analysed once up front.
fn reports() -> Vec<Report> {
    let Ok(entries) = std::fs::read_dir(corpus_dir()) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| ingest::read_path(path).ok())
        .map(|(_, doc)| Report::analyze(&doc.text, Metadata::default(), Vec::new()))
        .collect()
}

fn extraction(c: &mut Criterion) {
    let reports = reports();
    if reports.is_empty() {
        eprintln!(
            "notice: state-council corpus not found at {}; nothing measured",
            corpus_dir().display()
        );
        return;
    }
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();
    let mut group = c.benchmark_group("figures");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract_state_council", |b| {
        b.iter(|| {
            for report in &reports {
                black_box(figures::extract(black_box(report)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
