//! Benchmarks of the reuse index.
//!
//! - `real/*`: the five seed reports and the 50 State Council reports (read from the
//!   corpus at run time): in-memory indexing, a store rebuild, and one look-up.
//! - `scale/*`: a synthetic corpus of `NIANBAO_BENCH_REPORTS` reports (default 10,000)
//!   of about 10,000 characters, recombined from the real sentences: townships with
//!   their own cipher of the characters (so their text is their own), ten years each
//!   copying most of the previous year, county template paragraphs, national formulas,
//!   common stock phrases, and occasional copying from a neighbour township. The store
//!   is filled once; the index build and incremental imports are timed once each and
//!   printed (they take minutes, too long to repeat), look-ups are measured by criterion.
//!
//! Run with `cargo bench --bench reuse`; `NIANBAO_BENCH_REPORTS=1000` for a quick run.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::demo::corpus::Rng;
use nianbao::reuse::{DocInfo, MemoryIndex, Params};
use nianbao::store::reuse_index as index;
use nianbao::store::{NewReport, ReportKey, Store};

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.join("seeds").is_dir().then_some(dir)
}

/// The real texts: (name, text), seeds first.
fn real_texts(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sub in ["seeds", "state-council"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path) {
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                out.push((format!("{sub}-{}", stem.unwrap_or_default()), text));
            }
        }
    }
    out
}

fn report<'a>(township: &'a str, county: &'a str, year: i32, text: &'a str) -> NewReport<'a> {
    NewReport {
        township,
        county,
        province: None,
        year,
        title: None,
        signed_by: None,
        signed_on: None,
        text,
        source_path: "bench",
        format: "txt",
        encoding: "UTF-8",
        original: text.as_bytes(),
        artifacts: &[],
    }
}

fn bench_real(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else {
        eprintln!("notice: corpus not found; real-corpus benchmarks skipped");
        return;
    };
    let texts = real_texts(&dir);
    let mut group = c.benchmark_group("real");
    group.sample_size(10);
    group.bench_function("memory_index_55", |b| {
        b.iter(|| {
            let mut memory = MemoryIndex::new();
            for (name, text) in &texts {
                memory.add(text, info(name));
            }
            black_box(memory.len())
        })
    });
    let Ok(tmp) = tempfile::tempdir() else {
        return;
    };
    let Ok(mut store) = Store::open(&tmp.path().join("real.db")) else {
        return;
    };
    for (name, text) in &texts {
        let new = report(name, "", 2020, text);
        if let Err(e) = store.import(&new, false) {
            eprintln!("import {name}: {e}");
        }
    }
    group.bench_function("store_rebuild_55", |b| {
        b.iter(|| black_box(index::rebuild(&store, &mut |_, _| {}).ok()))
    });
    let key = ReportKey {
        township: texts[0].0.clone(),
        county: String::new(),
        year: 2020,
    };
    group.bench_function("store_lookup", |b| {
        b.iter(|| black_box(index::report_reuse(&store, &key, &Params::default()).ok()))
    });
    group.finish();
}

fn info(name: &str) -> DocInfo {
    DocInfo {
        township: name.to_string(),
        county: String::new(),
        province: String::new(),
        year: Some(2020),
        file: None,
    }
}

const YEARS: usize = 10;
const TOWNSHIPS_PER_COUNTY: usize = 30;
const TARGET_CHARS: usize = 10_000;
const CJK_START: u32 = 0x4E00;
const CJK_COUNT: u32 = 20_992;

/// Recombines real sentences into a synthetic corpus with known reuse structure.
struct Generator {
    rng: Rng,
    sentences: Vec<String>,
    phrases: Vec<String>,
    formulas: Vec<String>,
}

impl Generator {
    fn new(texts: &[(String, String)]) -> Generator {
        let mut sentences = Vec::new();
        let mut phrases = Vec::new();
        for (_, text) in texts {
            for sentence in text.split(['。', '；', '！', '？', '\n']) {
                let sentence = sentence.trim();
                let len = sentence.chars().count();
                if (12..=200).contains(&len) {
                    sentences.push(format!("{sentence}。"));
                }
                for clause in sentence.split(['，', '、', '：']) {
                    if (10..=19).contains(&clause.chars().count()) {
                        phrases.push(clause.to_string());
                    }
                }
            }
        }
        sentences.sort();
        sentences.dedup();
        phrases.sort();
        phrases.dedup();
        let mut rng = Rng::new(0x5EED);
        let formulas = (0..12)
            .map(|_| sentences[rng.below(sentences.len())].clone())
            .collect();
        Generator {
            rng,
            sentences,
            phrases,
            formulas,
        }
    }

    /// A township's own wording: a bijection on CJK characters, so its text shares no
    /// long run with another township's except what is copied on purpose.
    fn cipher(township: usize, sentence: &str) -> String {
        let multiplier = [3u32, 5, 7, 11, 13, 17, 19, 23, 29, 31][township % 10];
        let shift = (township as u32).wrapping_mul(7919) % CJK_COUNT;
        sentence
            .chars()
            .map(|c| {
                let code = c as u32;
                if (CJK_START..CJK_START + CJK_COUNT).contains(&code) {
                    let k = (code - CJK_START) * multiplier % CJK_COUNT;
                    char::from_u32(CJK_START + (k + shift) % CJK_COUNT).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    }

    fn fresh_sentence(&mut self, township: usize) -> String {
        let sentence = &self.sentences[self.rng.below(self.sentences.len())];
        let own = Generator::cipher(township, sentence);
        if self.rng.chance(25) {
            let phrase = &self.phrases[self.rng.below(self.phrases.len())];
            format!("{phrase}，{own}")
        } else {
            own
        }
    }

    fn county_templates(&mut self) -> Vec<String> {
        (0..3)
            .map(|_| {
                (0..8)
                    .map(|_| self.sentences[self.rng.below(self.sentences.len())].clone())
                    .collect::<String>()
            })
            .collect()
    }

    /// One report: most of last year's sentences, fresh ones, the county's template
    /// paragraphs, some national formulas and, now and then, a neighbour's sentences.
    fn report(
        &mut self,
        township: usize,
        last_year: &[String],
        neighbour: Option<&[String]>,
        templates: &[String],
    ) -> Vec<String> {
        let mut body: Vec<String> = last_year
            .iter()
            .filter(|s| !templates.contains(s) && !self.formulas.contains(s))
            .filter(|_| self.rng.chance(60))
            .cloned()
            .collect();
        if let Some(neighbour) = neighbour.filter(|n| n.len() > 2) {
            let at = self.rng.below(neighbour.len() - 1);
            body.extend_from_slice(&neighbour[at..at + 2]);
        }
        for _ in 0..6 {
            let formula = self.formulas[self.rng.below(self.formulas.len())].clone();
            body.push(formula);
        }
        body.extend(templates.iter().cloned());
        let mut chars: usize = body.iter().map(|s| s.chars().count()).sum();
        while chars < TARGET_CHARS {
            let sentence = self.fresh_sentence(township);
            chars += sentence.chars().count();
            let at = self.rng.below(body.len() + 1);
            body.insert(at, sentence);
        }
        body
    }
}

fn text_of(sentences: &[String]) -> String {
    sentences
        .chunks(8)
        .map(|paragraph| paragraph.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fills a store with the synthetic corpus (indexed as it is imported) and returns the
/// keys.
fn fill_store(store: &mut Store, generator: &mut Generator, reports: usize) -> Vec<ReportKey> {
    let townships = reports.div_ceil(YEARS);
    let counties = townships.div_ceil(TOWNSHIPS_PER_COUNTY);
    let templates: Vec<Vec<String>> = (0..counties)
        .map(|_| generator.county_templates())
        .collect();
    let mut last: Vec<Vec<String>> = vec![Vec::new(); townships];
    let mut keys = Vec::with_capacity(reports);
    for year in 0..YEARS {
        // One transaction per year, as `nianbao import` shares its commits: a commit per
        // report would time the disk's syncs, not the index.
        let mut batch = match store.begin_import() {
            Ok(batch) => batch,
            Err(e) => {
                eprintln!("scale: {e}");
                break;
            }
        };
        let mut this_year = Vec::with_capacity(townships);
        for township in 0..townships {
            if keys.len() >= reports {
                break;
            }
            let county = township / TOWNSHIPS_PER_COUNTY;
            let neighbour = generator.rng.chance(10).then(|| {
                let other =
                    county * TOWNSHIPS_PER_COUNTY + generator.rng.below(TOWNSHIPS_PER_COUNTY);
                last.get(other).map(Vec::as_slice).unwrap_or(&[])
            });
            let body = generator.report(township, &last[township], neighbour, &templates[county]);
            let key = ReportKey {
                township: format!("乡镇{township}"),
                county: format!("县{county}"),
                year: 2014 + year as i32,
            };
            let text = text_of(&body);
            let new = report(&key.township, &key.county, key.year, &text);
            if let Err(e) = batch.import(&new, false) {
                eprintln!("import {}: {e}", key.township);
            }
            keys.push(key);
            this_year.push(body);
        }
        if let Err(e) = batch.commit() {
            eprintln!("scale: {e}");
        }
        for (township, body) in this_year.into_iter().enumerate() {
            last[township] = body;
        }
    }
    keys
}

fn bench_scale(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else {
        eprintln!("notice: corpus not found; scale benchmarks skipped");
        return;
    };
    let reports: usize = std::env::var("NIANBAO_BENCH_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut generator = Generator::new(&real_texts(&dir));
    let Ok(tmp) = tempfile::tempdir() else {
        return;
    };
    // NIANBAO_BENCH_STORE keeps the scale store between runs: an existing one is reused
    // as it is (no generation, no index build), for profiling look-ups.
    let path = std::env::var_os("NIANBAO_BENCH_STORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("scale.db"));
    let reuse_existing = path.exists();
    let Ok(mut store) = Store::open(&path) else {
        return;
    };
    let keys = if reuse_existing {
        store
            .report_keys()
            .map(|k| k.into_iter().map(|(_, key)| key).collect())
            .unwrap_or_default()
    } else {
        build_scale_store(&mut store, &mut generator, reports)
    };
    if keys.is_empty() {
        return;
    }
    let params = Params::default();
    let mut group = c.benchmark_group("scale");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    let mut next = 0usize;
    group.bench_function(format!("lookup_{}", keys.len()), |b| {
        b.iter(|| {
            next = (next + 7919) % keys.len();
            black_box(index::report_reuse(&store, &keys[next], &params).ok())
        })
    });
    group.finish();
}

/// Fills the store, times the index build and a few incremental imports, and returns
/// the keys of the generated reports.
fn build_scale_store(
    store: &mut Store,
    generator: &mut Generator,
    reports: usize,
) -> Vec<ReportKey> {
    let started = Instant::now();
    let keys = fill_store(store, generator, reports);
    eprintln!(
        "scale: generated, stored and indexed {} reports in {:.1?}",
        keys.len(),
        started.elapsed()
    );
    let started = Instant::now();
    match index::rebuild(store, &mut |_, _| {}) {
        Ok(summary) => eprintln!(
            "scale: index built for {} reports in {:.1?}",
            summary.added,
            started.elapsed()
        ),
        Err(e) => eprintln!("scale: index build failed: {e}"),
    }
    time_incremental_imports(store, generator, &keys);
    keys
}

/// Imports a few more reports into the full store (each import keeps the index in step)
/// and prints the mean time per report.
fn time_incremental_imports(store: &mut Store, generator: &mut Generator, keys: &[ReportKey]) {
    const EXTRA: usize = 20;
    let started = Instant::now();
    for i in 0..EXTRA {
        let body = generator.report(i, &[], None, &[]);
        let text = text_of(&body);
        let township = format!("新乡镇{i}");
        let new = report(&township, "新县", 2024, &text);
        if let Err(e) = store.import(&new, false) {
            eprintln!("import {township}: {e}");
        }
    }
    eprintln!(
        "scale: incremental import with indexing into {} reports: {:.1?} per report",
        keys.len(),
        started.elapsed() / EXTRA as u32
    );
}

criterion_group!(benches, bench_real, bench_scale);
criterion_main!(benches);
