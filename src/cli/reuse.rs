//! `nianbao reuse`: text a report shares with other reports — templates, its own earlier
//! years, other townships — for one stored report, for files, or ranked corpus-wide.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use serde::Serialize;

mod print;

use print::{print_report, print_top};

use super::output::Out;
use super::{Globals, Outcome, print_json};
use crate::i18n::{
    ErrorMsg, HelpNote, Lang, Msg, Noun, counted, error_msg, error_words as words, fill, help_note,
    msg, param_error,
};
use crate::ingest;
use crate::reuse::{DocInfo, Kind, MemoryIndex, Params, Passage, ReuseReport, Shares, TopBuilder};
use crate::review::{ReportSource, ReviewError, latest_pair, resolve_township, stored_report};
use crate::store::Store;
use crate::store::reuse_index as index;
use crate::text::clean::field;

/// Occurrences listed per passage in the readable output (JSON lists all).
const LISTED_OCCURRENCES: usize = 5;

/// The examples of `nianbao reuse --help`.
const EXAMPLES: &str = "示例 / Examples:
  nianbao reuse 杉岭乡 2021                        一份报告与其他报告共用的文字
  nianbao reuse 杉岭乡                             最近一年 / the latest year
  nianbao reuse 杉岭乡 2021 --json
  nianbao reuse --top --kind cross-township        全库：跨乡镇共用最多的段落和报告对
  nianbao reuse 甲镇2022.txt 乙镇2022.txt          不入库，文件之间互相比较
  nianbao reuse --rebuild                          重建复用索引";

/// What follows the options in `nianbao reuse --help`: the examples, then the kinds of
/// shared text and how `--top` chooses the reports it analyses.
pub(super) fn after_help(lang: Lang) -> String {
    format!("{EXAMPLES}\n\n{}", help_note(lang, HelpNote::ReuseKinds))
}

/// Arguments of `nianbao reuse`.
#[derive(Debug, clap::Args)]
#[command(after_help = after_help(Lang::En))]
pub struct Args {
    /// TOWNSHIP [YEAR] of a stored report (the latest year when none is given), or
    /// report files to compare with each other.
    #[arg(value_name = "TOWNSHIP [YEAR] | FILE")]
    pub targets: Vec<PathBuf>,
    /// County, when the township name is stored under several.
    #[arg(long, conflicts_with_all = ["top", "rebuild"])]
    pub county: Option<String>,
    /// Rank passages and report pairs across the whole store (or the given files); in a
    /// store of more than 250 reports, from the reports the index points to.
    #[arg(long)]
    pub top: bool,
    /// Only passages of this kind: own-history, template, cross-township, widespread.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// Rebuild the store's reuse index from the stored reports.
    #[arg(long)]
    pub rebuild: bool,
    /// Shortest exact passage reported, in characters without punctuation (≥ 10).
    #[arg(long, value_name = "N", default_value_t = Params::default().min_chars)]
    pub min_chars: usize,
    /// Shortest sentence compared as a reworded near duplicate (≥ 10).
    #[arg(long, value_name = "N", default_value_t = Params::default().near_min_chars)]
    pub near_min_chars: usize,
    /// Edit similarity a reworded sentence must reach (0.5–1).
    #[arg(long, value_name = "F", default_value_t = Params::default().near_similarity)]
    pub near_similarity: f64,
    /// Townships a template passage must appear in, the report's own included.
    #[arg(long, value_name = "N", default_value_t = Params::default().template_min_townships)]
    pub template_min_townships: usize,
    /// Share of all townships a template passage must appear in (0–1).
    #[arg(long, value_name = "F", default_value_t = Params::default().template_share)]
    pub template_share: f64,
    /// Provinces a passage must appear in to be a template, however few townships.
    #[arg(long, value_name = "N", default_value_t = Params::default().template_min_provinces)]
    pub template_min_provinces: usize,
    /// Entries per ranking with --top.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// With --top, analyse every report however large the store: exact rankings, slowly.
    #[arg(long, requires = "top")]
    pub every_report: bool,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| {
        format!("unknown kind {name:?}; use own-history, template, cross-township or widespread")
    })
}

impl Args {
    fn params(&self, lang: Lang) -> anyhow::Result<Params> {
        let params = Params {
            min_chars: self.min_chars,
            near_min_chars: self.near_min_chars,
            near_similarity: self.near_similarity,
            template_min_townships: self.template_min_townships,
            template_share: self.template_share,
            template_min_provinces: self.template_min_provinces,
        };
        params
            .validate()
            .map_err(|e| anyhow!("{}", param_error(lang, e)))?;
        Ok(params)
    }
}

/// What the positional arguments name.
enum Target {
    None,
    /// A stored report; without a year, the township's latest.
    Stored {
        township: String,
        year: Option<i32>,
    },
    Files(Vec<PathBuf>),
}

fn target(args: &Args, lang: Lang) -> anyhow::Result<Target> {
    let paths = &args.targets;
    if paths.is_empty() {
        return Ok(Target::None);
    }
    if paths.iter().all(|p| p.exists()) {
        if let Some(dir) = paths.iter().find(|p| p.is_dir()) {
            let dir = dir.display().to_string();
            bail!("{}", words(lang, ErrorMsg::FolderForReuse, &[&dir, &dir]));
        }
        return Ok(Target::Files(paths.clone()));
    }
    if let [township, year] = paths.as_slice() {
        let year = year.to_string_lossy();
        if let Ok(year) = year.trim().parse::<i32>() {
            return Ok(Target::Stored {
                township: township.to_string_lossy().into_owned(),
                year: Some(year),
            });
        }
    }
    if let [township] = paths.as_slice()
        && !looks_like_path(township)
    {
        return Ok(Target::Stored {
            township: township.to_string_lossy().into_owned(),
            year: None,
        });
    }
    let missing = paths.iter().find(|p| !p.exists()).unwrap_or(&paths[0]);
    bail!(
        "{}",
        words(
            lang,
            ErrorMsg::NoSuchFileForReuse,
            &[&missing.display().to_string()]
        )
    )
}

/// A name with an extension or a folder reads as a file, never as a township.
fn looks_like_path(path: &Path) -> bool {
    path.extension().is_some() || path.components().count() > 1
}

/// Runs the command.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let params = args.params(globals.lang)?;
    let target = target(&args, globals.lang)?;
    if args.kind.is_some() && !args.top {
        bail!("{}", error_msg(globals.lang, ErrorMsg::ReuseKindNeedsTop));
    }
    match target {
        Target::Files(files) => {
            if args.rebuild {
                bail!("{}", error_msg(globals.lang, ErrorMsg::ReuseRebuildOnFiles));
            }
            run_files(globals, &args, &params, &files)
        }
        Target::Stored { township, year } => {
            if args.top {
                bail!("{}", error_msg(globals.lang, ErrorMsg::ReuseTopWithTarget));
            }
            let store = globals.open_store_for_reading()?;
            update_index(globals, &args, &store)?;
            run_stored(globals, &args, &params, &store, &township, year)
        }
        Target::None => {
            if !args.top && !args.rebuild {
                bail!("{}", error_msg(globals.lang, ErrorMsg::ReuseNothingAsked));
            }
            let store = if args.rebuild {
                globals.open_store()?
            } else {
                globals.open_store_for_reading()?
            };
            update_index(globals, &args, &store)?;
            if args.top {
                let mut bar = Progress::new();
                let ranked = index::top(
                    &store,
                    args.kind,
                    &params,
                    args.limit,
                    args.every_report,
                    &mut |d, t| bar.show(d, t),
                )?;
                bar.finish();
                if ranked.analysed < ranked.indexed {
                    let (analysed, indexed) =
                        (ranked.analysed.to_string(), ranked.indexed.to_string());
                    let notice = msg(globals.lang, Msg::ReuseTopPartial);
                    eprintln!("{}", fill(notice, &[&analysed, &indexed]));
                }
                print_top(globals, &ranked.top, args.json)?;
            }
            Ok(Outcome::Clean)
        }
    }
}

/// Rebuilds the index when asked, otherwise brings it up to date; says so on stderr
/// unless it was already current (or on stdout when rebuilding is all that was asked).
fn update_index(globals: &Globals, args: &Args, store: &Store) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut bar = Progress::new();
    let summary = if args.rebuild {
        index::rebuild(store, &mut |d, t| bar.show(d, t))?
    } else {
        index::sync(store, &mut |d, t| bar.show(d, t))?
    };
    bar.finish();
    let seconds = started.elapsed().as_secs_f64();
    let only_rebuild = args.rebuild && !args.top && args.targets.is_empty();
    if only_rebuild && args.json {
        #[derive(Serialize)]
        struct Rebuilt {
            indexed: usize,
            seconds: f64,
        }
        return print_json(&Rebuilt {
            indexed: summary.added,
            seconds,
        });
    }
    if summary == index::SyncSummary::default() {
        return Ok(());
    }
    let label = if summary.rebuilt {
        Msg::ReuseIndexRebuilt
    } else {
        Msg::ReuseIndexUpdated
    };
    let lang = globals.lang;
    let line = if summary.rebuilt {
        format!(
            "{}: {} ({seconds:.1}s)",
            msg(lang, label),
            counted(lang, summary.added, Noun::Report)
        )
    } else {
        format!(
            "{}: +{} −{} {} ({seconds:.1}s)",
            msg(lang, label),
            summary.added,
            summary.removed,
            msg(lang, Msg::ReuseReports)
        )
    };
    if only_rebuild {
        let mut out = Out::plain(globals.display);
        writeln!(out, "{line}")?;
        out.finish()?;
    } else {
        eprintln!("{line}");
    }
    Ok(())
}

#[derive(Serialize)]
struct ReportJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    township: &'a str,
    county: Option<&'a str>,
    year: Option<i32>,
    chars: usize,
    corpus_townships: usize,
    shares: &'a Shares,
    passages: &'a [Passage],
}

fn report_json<'a>(info: &'a DocInfo, report: &'a ReuseReport) -> ReportJson<'a> {
    ReportJson {
        file: info.file.as_deref(),
        township: &info.township,
        county: Some(info.county.as_str()).filter(|c| !c.is_empty()),
        year: info.year,
        chars: report.chars,
        corpus_townships: report.corpus_townships,
        shares: &report.shares,
        passages: &report.passages,
    }
}

fn run_stored(
    globals: &Globals,
    args: &Args,
    params: &Params,
    store: &Store,
    township: &str,
    year: Option<i32>,
) -> anyhow::Result<Outcome> {
    known_township(store, township, args.county.as_deref(), globals.lang)?;
    let year = match year {
        Some(year) => year,
        None => latest_year(store, township, args.county.as_deref(), globals.lang)?,
    };
    let stored = stored_report(store, township, args.county.as_deref(), year)?;
    let key = stored.key();
    let report = index::report_reuse(store, &key, params)?.ok_or_else(|| {
        let year = year.to_string();
        anyhow!(
            "{}",
            words(globals.lang, ErrorMsg::NoReportForYear, &[&year, township])
        )
    })?;
    let info = DocInfo {
        township: key.township.clone(),
        county: key.county.clone(),
        province: stored.province.clone().unwrap_or_default(),
        year: Some(key.year),
        file: None,
    };
    if args.json {
        print_json(&report_json(&info, &report))?;
    } else {
        let mut out = Out::paged(globals.display);
        print_report(&mut out, globals.lang, &info, &report)?;
        out.finish()?;
    }
    Ok(Outcome::Clean)
}

/// Refuses a township the store does not hold, naming the name looked for: a word meant
/// as a flag (`nianbao reuse top`) reads as a township, so the refusal points at `--top`.
fn known_township(
    store: &Store,
    township: &str,
    county: Option<&str>,
    lang: Lang,
) -> anyhow::Result<()> {
    match resolve_township(store, township, county) {
        Err(ReviewError::UnknownTownship { township, store }) => Err(anyhow!(
            "{}",
            words(lang, ErrorMsg::ReuseUnknownTownship, &[&township, &store])
        )),
        other => other.map(drop).map_err(anyhow::Error::from),
    }
}

/// The latest stored year of a township, as `diff` opens on it.
fn latest_year(
    store: &Store,
    township: &str,
    county: Option<&str>,
    lang: Lang,
) -> anyhow::Result<i32> {
    let county = resolve_township(store, township, county)?;
    let years = store.years(township, &county)?;
    latest_pair(&years)
        .map(|(_, year)| year)
        .ok_or_else(|| anyhow!("{}", words(lang, ErrorMsg::NoStoredReport, &[township])))
}

fn run_files(
    globals: &Globals,
    args: &Args,
    params: &Params,
    files: &[PathBuf],
) -> anyhow::Result<Outcome> {
    let mut index = MemoryIndex::new();
    let mut failed = false;
    for file in files {
        match ReportSource::File(file.clone()).text() {
            Ok(read) => {
                index.add(&read.text, file_info(file, &read.meta));
            }
            Err(error) => {
                eprintln!("nianbao: {}", field(&error.in_lang(globals.lang)));
                failed = true;
            }
        }
    }
    let ids: Vec<i64> = (0..index.len() as i64).collect();
    let mut results = Vec::with_capacity(ids.len());
    for &id in &ids {
        let report = index
            .analyze(id, params)
            .context(error_msg(globals.lang, ErrorMsg::ReuseIndexedFileMissing))?;
        results.push((id, report));
    }
    if args.top {
        let mut builder = TopBuilder::new(args.kind);
        for (id, report) in &results {
            if let Some(doc) = index.doc(*id) {
                builder.add(doc, report);
            }
        }
        print_top(globals, &builder.finish(args.limit), args.json)?;
    } else if args.json {
        let values: Vec<ReportJson> = results
            .iter()
            .filter_map(|(id, report)| Some(report_json(&index.doc(*id)?.info, report)))
            .collect();
        print_json(&values)?;
    } else {
        let mut out = Out::paged(globals.display);
        for (id, report) in &results {
            if let Some(doc) = index.doc(*id) {
                print_report(&mut out, globals.lang, &doc.info, report)?;
                writeln!(out)?;
            }
        }
        out.finish()?;
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Township, county and year as detected; a file whose township cannot be told is its
/// own township, named after the file.
fn file_info(file: &Path, meta: &ingest::Metadata) -> DocInfo {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    DocInfo {
        township: meta.township.clone().unwrap_or(stem),
        county: meta.county.clone().unwrap_or_default(),
        province: meta.province.clone().unwrap_or_default(),
        year: meta.year,
        file: Some(file.display().to_string()),
    }
}

/// A progress bar on stderr for long index and ranking runs (the search index's too);
/// hidden when stderr is not a terminal or the run is short.
pub(super) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub(super) fn new() -> Progress {
        Progress { bar: None }
    }

    /// Shows `done` of `total`, once there are enough to be worth a bar.
    pub(super) fn show(&mut self, done: usize, total: usize) {
        if total < 50 || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {eta}")
            {
                bar.set_style(style);
            }
            bar
        });
        bar.set_position(done as u64);
    }

    /// Takes the bar off the terminal.
    pub(super) fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
