//! Review interface speed, on the State Council work reports of 2022 and 2023 (each
//! about 20,000 characters), read from the shared corpus at run time:
//! - `render_frame`: one frame of the pair view at several scroll positions (target:
//!   under 2 ms anywhere in the pair);
//! - `open_pair`: analyse both reports, compare, lay out and draw the first frame (target:
//!   under 50 ms from key to frame);
//! - bytes allocated per frame at each scroll position, printed before the timings, to
//!   show that memory stays flat while scrolling;
//! - `keys_file`: loading a `keys.toml` of 12,500 to 50,000 bindings (linear in its size).
//! - `township_list`: the list of 10,000 and 38,000 townships (names made up, no
//!   corpus needed): its first frame once the township list arrives, one filter
//!   keystroke with its frame, and one summary arriving while the list is sorted by
//!   copy ratio (targets: first frame under 300 ms at 10,000 and under 1 s at 38,000,
//!   a keystroke under 50 ms). `filter_keystroke_pair` narrows to the same filter each
//!   time, so its narrowing is remembered after the first; `fresh_keystroke_pair` types
//!   a different letter each time, as a reviewer does, also with 38,000 names all
//!   different, where townships named alike cannot share the matching.
//!
//! Until the comparison engine aligns sentences, the pair view is fed a comparison made
//! by pairing sentences in order (as the tests do), so the frame has the full number of
//! rows to draw.
//!
//! Last recorded (2 shared cores, before the comparison, figure and lint engines were
//! merged): a frame takes 34–37 µs at 80×24 and 118–126 µs at 160×48 at every scroll
//! position (2,355 and 1,453 display lines); opening the pair takes 1.6 ms; a frame
//! allocates 0.8–1.0 KB wherever it is.

// A benchmark stops on the first broken assumption, as a test does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/tui_support/mod.rs"]
mod tui_support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{BenchmarkId, Criterion, criterion_group};
use crossterm::event::{KeyCode, KeyEvent};
use nianbao::compare::coverage::complete_coverage;
use nianbao::i18n::Lang;
use nianbao::ingest::{self, Metadata};
use nianbao::report::Report;
use nianbao::review::{PairData, Summary};
use nianbao::store::TownshipSummary;
use nianbao::tui::action::Action;
use nianbao::tui::app::App;
use nianbao::tui::config::Paths;
use nianbao::tui::jobs::{Job, Reply, Response, SummaryLine};
use nianbao::tui::keymap::Keymap;
use nianbao::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Counts the bytes the benchmark allocates, to report allocation per frame.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.join("state-council").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: corpus not found at {}; benchmarks skipped",
            dir.display()
        );
        None
    }
}

/// A work report as the store would hold it: ingested, then analysed.
fn load(corpus: &Path, year: i32) -> Report {
    let path = corpus.join("state-council").join(format!("{year}.txt"));
    let (_, doc) = ingest::read_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Report::analyze(&doc.text, meta(year), doc.artifacts)
}

fn meta(year: i32) -> Metadata {
    Metadata {
        township: Some("国务院".to_string()),
        year: Some(year),
        ..Metadata::default()
    }
}

/// The pair the engines produce, or sentences paired in order while they produce none.
fn pair(old: Report, new: Report) -> PairData {
    let mut data = PairData::build(
        "国务院",
        "",
        vec![2022, 2023],
        Some(old.into()),
        new.into(),
        &[],
    );
    let engine_rows = data
        .comparison
        .sections
        .iter()
        .filter(|p| p.rows.iter().any(|r| r.old.is_some() && r.new.is_some()))
        .count();
    if engine_rows == 0
        && let Some(old) = data.old.as_ref()
    {
        let mut comparison = tui_support::compare_by_hand(old, &data.new);
        complete_coverage(&mut comparison, old, &data.new);
        data.comparison = comparison;
    }
    data
}

/// An app of `width` × `height` showing `data`, as after Enter on the township.
fn app_showing(data: Arc<PairData>, width: u16, height: u16) -> App {
    let mut app = App::new(tui_support::settings(Lang::Zh), (width, height));
    let load = tui_support::sent(&app.update(Action::Reload))[0].id;
    app.update(Action::Worker(Response {
        id: load,
        reply: Reply::Townships {
            townships: vec![TownshipSummary {
                township: "国务院".to_string(),
                county: None,
                province: None,
                years: vec![2022, 2023],
            }],
            note_counts: Default::default(),
        },
    }));
    let open = tui_support::sent(&app.update(Action::Enter))
        .iter()
        .find(|r| matches!(r.job, Job::Open(..)))
        .map(|r| r.id)
        .expect("an open request");
    app.update(Action::Worker(Response {
        id: open,
        reply: Reply::Opened {
            data,
            notes: Vec::new(),
            layout: None,
        },
    }));
    app
}

/// Scroll positions through the pair: top, quarters, bottom.
fn positions(app: &App) -> Vec<(String, usize)> {
    let total = app
        .review
        .as_ref()
        .and_then(|r| r.layout.as_ref())
        .map_or(0, |l| l.total_lines);
    let last = total.saturating_sub(app.diff_height());
    [0, 25, 50, 75, 100]
        .iter()
        .map(|p| (format!("{p}%"), last * p / 100))
        .collect()
}

fn scroll_to(app: &mut App, line: usize) {
    if let Some(review) = app.review.as_mut() {
        review.scroll = line;
        if let Some(layout) = &review.layout {
            review.cursor = layout.item_at_line(line);
        }
    }
}

fn report_allocation(corpus: &Path) {
    let data = Arc::new(pair(load(corpus, 2022), load(corpus, 2023)));
    for (width, height) in [(80, 24), (160, 48)] {
        let mut app = app_showing(data.clone(), width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let lines = app
            .review
            .as_ref()
            .and_then(|r| r.layout.as_ref())
            .map_or(0, |l| l.total_lines);
        let mut report = Vec::new();
        for (label, line) in positions(&app) {
            scroll_to(&mut app, line);
            terminal.draw(|f| view::draw(f, &app)).expect("draw");
            let before = ALLOCATED.load(Ordering::Relaxed);
            terminal.draw(|f| view::draw(f, &app)).expect("draw");
            report.push(format!(
                "{label}: {} B",
                ALLOCATED.load(Ordering::Relaxed) - before
            ));
        }
        println!(
            "allocated per frame at {width}x{height} ({lines} display lines): {}",
            report.join(", ")
        );
    }
}

fn render_frame(c: &mut Criterion) {
    let Some(corpus) = corpus() else {
        return;
    };
    let data = Arc::new(pair(load(&corpus, 2022), load(&corpus, 2023)));
    let mut group = c.benchmark_group("render_frame");
    for (width, height) in [(80, 24), (160, 48)] {
        let mut app = app_showing(data.clone(), width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        for (label, line) in positions(&app) {
            scroll_to(&mut app, line);
            group.bench_function(BenchmarkId::new(format!("{width}x{height}"), &label), |b| {
                b.iter(|| terminal.draw(|f| view::draw(f, &app)).map(|_| ()))
            });
        }
    }
    group.finish();
}

fn open_pair(c: &mut Criterion) {
    let Some(corpus) = corpus() else {
        return;
    };
    let read = |year: i32| {
        let path = corpus.join("state-council").join(format!("{year}.txt"));
        ingest::read_path(&path)
            .map(|(_, doc)| doc)
            .expect("read report")
    };
    let (old, new) = (read(2022), read(2023));
    let mut group = c.benchmark_group("open_pair");
    group.sample_size(20);
    group.bench_function("analyze_compare_layout_draw_80x24", |b| {
        b.iter(|| {
            let old = Report::analyze(&old.text, meta(2022), old.artifacts.clone());
            let new = Report::analyze(&new.text, meta(2023), new.artifacts.clone());
            let data = Arc::new(PairData::build(
                "国务院",
                "",
                vec![2022, 2023],
                Some(old.into()),
                new.into(),
                &[],
            ));
            let app = app_showing(data, 80, 24);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            terminal.draw(|f| view::draw(f, &app)).map(|_| ())
        })
    });
    group.finish();
}

/// Loading a `keys.toml` of many bindings, every other one naming no action (so each of
/// those is a problem whose line is found): the time should grow with the file, not with
/// its square.
fn keys_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("keys_file");
    group.sample_size(10);
    for count in [12_500usize, 25_000, 50_000] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let text: String = (0..count)
            .map(|i| {
                let run = if i % 2 == 0 { "down" } else { "no_such_action" };
                format!("[[bind]]\non = \"<F{}>\"\nrun = \"{run}\"\n\n", i % 24 + 1)
            })
            .collect();
        std::fs::write(dir.path().join("keys.toml"), text).expect("write keys.toml");
        let paths = Paths {
            config_dir: Some(dir.path().to_path_buf()),
            log_dir: None,
        };
        group.bench_with_input(BenchmarkId::from_parameter(count), &paths, |b, paths| {
            b.iter(|| Keymap::load(paths))
        });
    }
    group.finish();
}

/// `n` made-up townships, twenty to a county, each with three years, whose names are
/// `chars` characters of a small pool and a suffix: with two, names repeat as real ones
/// do (a few thousand distinct); with three, each of up to 64,000 townships has a name
/// of its own.
fn townships_named(n: usize, chars: u32) -> Vec<TownshipSummary> {
    let pool: Vec<char> =
        "安白长大东丰福光和河红湖华黄金兰力龙茂南平青清瑞三山石水太桃天新兴阳永玉云长正中"
            .chars()
            .collect();
    let name = |k: usize, chars: u32, end: char| {
        (0..chars)
            .map(|place| pool[k / pool.len().pow(place) % pool.len()])
            .chain([end])
            .collect::<String>()
    };
    (0..n)
        .map(|k| TownshipSummary {
            township: name(k, chars, if k % 3 == 0 { '乡' } else { '镇' }),
            county: Some(name(k / 20 + 7, 2, '县')),
            province: None,
            years: vec![2021, 2022, 2023],
        })
        .collect()
}

/// An app of 80 × 24 that has just received `townships`, with the id of its summaries
/// request.
fn list_app(townships: Vec<TownshipSummary>) -> (App, u64) {
    let mut app = App::new(tui_support::settings(Lang::Zh), (80, 24));
    let load = tui_support::sent(&app.update(Action::Reload))[0].id;
    let effects = app.update(Action::Worker(Response {
        id: load,
        reply: Reply::Townships {
            townships,
            note_counts: Default::default(),
        },
    }));
    let summaries = tui_support::sent(&effects)
        .iter()
        .find(|r| matches!(r.job, Job::Summaries(_)))
        .map_or(0, |r| r.id);
    (app, summaries)
}

fn key(code: KeyCode) -> Action {
    Action::Input(KeyEvent::from(code))
}

fn township_list(c: &mut Criterion) {
    let mut group = c.benchmark_group("township_list");
    group.sample_size(10);
    for n in [10_000, 38_000] {
        let townships = townships_named(n, 2);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        group.bench_function(BenchmarkId::new("first_frame", n), |b| {
            b.iter(|| {
                let (app, _) = list_app(townships.clone());
                terminal.draw(|f| view::draw(f, &app)).map(|_| ())
            })
        });
        keystroke_pair(&mut group, "filter_keystroke_pair", townships.clone(), "g");
        if n == 38_000 {
            keystroke_pair(&mut group, "fresh_keystroke_pair", townships.clone(), FRESH);
            let distinct = townships_named(n, 3);
            keystroke_pair(
                &mut group,
                "fresh_keystroke_pair_distinct_names",
                distinct,
                FRESH,
            );
        }
        let (mut app, summaries) = list_app(townships.clone());
        app.update(Action::SortNext);
        app.update(Action::SortNext);
        let mut k = 0usize;
        group.bench_function(BenchmarkId::new("summary_sorted_by_copy_ratio", n), |b| {
            b.iter(|| {
                k = (k + 7919) % n;
                let t = &townships[k];
                app.update(Action::Worker(Response {
                    id: summaries,
                    reply: Reply::Summaries(vec![SummaryLine {
                        township: t.township.clone(),
                        county: t.county.clone().unwrap_or_default(),
                        summary: Summary {
                            copy_ratio: Some((k % 101) as f64 / 100.0),
                            findings: k % 5,
                            reviewed_sections: 0,
                            sections: 8,
                        },
                    }]),
                }))
            })
        });
    }
    group.finish();
}

/// Letters typed after `t` in turn, more than the list remembers filters, so that no
/// narrowing is answered from what an earlier one matched.
const FRESH: &str = "abcdefghijklmnopqrstuwxyz";

/// One filter keystroke each way, with its frame: narrowing `t` by the next of
/// `letters`, then widening back to `t`.
fn keystroke_pair(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    townships: Vec<TownshipSummary>,
    letters: &str,
) {
    let n = townships.len();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let (mut app, _) = list_app(townships);
    app.update(Action::Search);
    app.update(key(KeyCode::Char('t')));
    let mut letters = letters.chars().cycle();
    group.bench_function(BenchmarkId::new(name, n), |b| {
        b.iter(|| {
            let letter = letters.next().unwrap_or('g');
            app.update(key(KeyCode::Char(letter)));
            terminal.draw(|f| view::draw(f, &app)).expect("draw");
            app.update(key(KeyCode::Backspace));
            terminal.draw(|f| view::draw(f, &app)).map(|_| ())
        })
    });
}

criterion_group!(benches, render_frame, open_pair, keys_file, township_list);

fn main() {
    if let Some(corpus) = corpus() {
        report_allocation(&corpus);
    }
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
