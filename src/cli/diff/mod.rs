//! `nianbao diff`: last year's report beside this year's, section by section.
//!
//! In a terminal the view is side by side, as delta draws it: old on the left, new on
//! the right, one row per aligned sentence pair, CJK text wrapped to display widths,
//! a one-column marker per row so kinds read without colour (` ` unchanged, `#` numbers
//! only, `~` modified, `>` moved, `+` added, `-` removed), changed words highlighted
//! (or, without colour, bracketed as `[-old-]` and `{+new+}`), and runs of unchanged
//! sentences folded.
//!
//! In JSON the preamble is a section with path `"0"` and title `"（开头）"`, the closing
//! one with path `"end"` and title `"（落款）"`.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use serde::Serialize;

mod view;

use super::{Globals, Outcome, print_json};
use crate::compare::ledger::{LedgerRow, ledger};
use crate::compare::{Comparison, Edit, Region, Row, RowKind, Scores, SectionStatus, compare};
use crate::report::{Part, Report, Span};
use crate::review::{ReportSource, SourcedReport, choose_pair, resolve_township};
use view::View;

/// Width used when stdout is not a terminal and `--width` is not given.
const DEFAULT_WIDTH: u16 = 100;

/// Narrower than this, two columns of Chinese text are unreadable.
const MIN_WIDTH: u16 = 40;

/// The preamble's path and title in JSON.
const PREAMBLE_PATH: &str = "0";
const PREAMBLE_TITLE: &str = "（开头）";
/// The closing's path and title in JSON.
const CLOSING_PATH: &str = "end";
const CLOSING_TITLE: &str = "（落款）";

/// Arguments of `nianbao diff`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "标记 / Markers:  ' ' 未变 unchanged   # 仅数字变 numbers only   ~ 改写 modified
                  > 移动 moved   + 新增 added   - 删除 removed

示例 / Examples:
  nianbao diff 杉岭乡                     最近两年 / the two latest years
  nianbao diff 杉岭乡 2021                2021 与上一年 / 2021 and the year before
  nianbao diff 迈陈镇 2019 2020 --county 徐闻县
  nianbao diff 2020.txt 2021.docx --json"
)]
pub struct Args {
    /// TOWNSHIP [OLD_YEAR NEW_YEAR] from the store, or OLD_FILE NEW_FILE.
    #[arg(required = true, num_args = 1..=3, value_name = "TOWNSHIP|FILE")]
    pub targets: Vec<OsString>,
    /// County, when the township name is stored under several.
    #[arg(long)]
    pub county: Option<String>,
    /// Print as JSON; the preamble and closing are sections "0" and "end".
    #[arg(long)]
    pub json: bool,
    /// Line width in columns (default: the terminal's, else 100).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(i64::from(MIN_WIDTH)..))]
    pub width: Option<u16>,
    /// Unchanged sentences shown around each change; longer runs are folded.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub context: usize,
    /// When to colour.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour, as when paging through `less -R`.
    Always,
    /// Never colour; changed words are bracketed.
    Never,
}

/// Who wrote a report and for which year, as shown and as JSON.
#[derive(Debug, Clone, Serialize)]
struct ReportInfo {
    township: Option<String>,
    county: Option<String>,
    year: Option<i32>,
    title: Option<String>,
    /// The file compared, in file mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

impl ReportInfo {
    fn of(sourced: &SourcedReport) -> ReportInfo {
        let meta = &sourced.report.meta;
        ReportInfo {
            township: meta.township.clone(),
            county: meta.county.clone(),
            year: meta.year,
            title: meta.title.clone(),
            file: sourced.file.as_ref().map(|f| f.display().to_string()),
        }
    }

    /// `杉岭乡 2021`, or the file name when the township is unknown.
    fn label(&self) -> String {
        let name = self
            .township
            .clone()
            .or_else(|| {
                self.file.as_ref().and_then(|f| {
                    Path::new(f)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                })
            })
            .unwrap_or_else(|| "?".to_string());
        match self.year {
            Some(year) => format!("{name} {year}"),
            None => name,
        }
    }
}

/// Compares two reports and prints the side-by-side view or JSON. A diff is
/// information, not a finding: the outcome is always clean.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let (old, new) = sources(globals, &args)?;
    let (old, new) = (old.analyze()?, new.analyze()?);
    let comparison = compare(&old.report, &new.report);
    let infos = (ReportInfo::of(&old), ReportInfo::of(&new));
    if args.json {
        print_json(&diff_json((&old.report, &new.report), &infos, &comparison))?;
        return Ok(Outcome::Clean);
    }
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let view = View {
        old: &old.report,
        new: &new.report,
        lang: globals.lang,
        color: use_color(args.color, is_terminal),
        width: usize::from(width(args.width, is_terminal)),
        context: args.context,
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let written = view
        .write(&mut out, &infos.0, &infos.1, &comparison)
        .and_then(|()| out.flush());
    match written {
        // A reader who pipes the view into `head` has seen what they wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Clean),
        other => other
            .context("cannot write to stdout")
            .map(|()| Outcome::Clean),
    }
}

fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn width(flag: Option<u16>, is_terminal: bool) -> u16 {
    let width = flag.unwrap_or_else(|| {
        if is_terminal {
            crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(w, _)| w)
        } else {
            DEFAULT_WIDTH
        }
    });
    width.max(MIN_WIDTH)
}

/// The two reports named: files when both targets are files, else from the store.
fn sources(globals: &Globals, args: &Args) -> anyhow::Result<(ReportSource, ReportSource)> {
    if let [old, new] = args.targets.as_slice() {
        let (old_path, new_path) = (Path::new(old), Path::new(new));
        if old_path.is_file() && new_path.is_file() {
            return Ok((
                ReportSource::File(old_path.to_path_buf()),
                ReportSource::File(new_path.to_path_buf()),
            ));
        }
        for path in [old_path, new_path] {
            if year_argument(path.as_os_str()).is_none() && looks_like_path(path) && !path.is_file()
            {
                bail!("{}: no such file", path.display());
            }
        }
    } else if let Some(file) = args.targets.iter().map(Path::new).find(|p| p.is_file()) {
        bail!(
            "{}: comparing files needs two of them: nianbao diff OLD_FILE NEW_FILE",
            file.display()
        );
    }
    stored_sources(globals, args)
}

fn looks_like_path(path: &Path) -> bool {
    path.extension().is_some() || path.components().count() > 1
}

fn year_argument(arg: &std::ffi::OsStr) -> Option<i32> {
    arg.to_str()?.trim().parse().ok()
}

/// A township's two years from the store: the years given, or chosen as
/// [`choose_pair`] chooses them.
fn stored_sources(globals: &Globals, args: &Args) -> anyhow::Result<(ReportSource, ReportSource)> {
    let (township, years) = store_targets(&args.targets)?;
    let store = globals.open_store()?;
    let county = resolve_township(&store, &township, args.county.as_deref())?;
    let stored = store.years(&township, &county)?;
    let (old_year, new_year) = choose_pair(&township, &years, &stored)?;
    let source = |year| ReportSource::stored(&store, &township, Some(&county), year);
    Ok((source(old_year)?, source(new_year)?))
}

/// Splits the targets into a township and zero to two years.
fn store_targets(targets: &[OsString]) -> anyhow::Result<(String, Vec<i32>)> {
    let Some((first, rest)) = targets.split_first() else {
        bail!("give TOWNSHIP [OLD_YEAR NEW_YEAR] or OLD_FILE NEW_FILE");
    };
    let township = first
        .to_str()
        .ok_or_else(|| {
            anyhow!(
                "{}: not a township name or an existing file",
                first.to_string_lossy()
            )
        })?
        .to_string();
    let years = rest
        .iter()
        .map(|y| {
            year_argument(y).ok_or_else(|| {
                anyhow!(
                    "{}: not a year; give TOWNSHIP [OLD_YEAR NEW_YEAR] or OLD_FILE NEW_FILE",
                    y.to_string_lossy()
                )
            })
        })
        .collect::<anyhow::Result<Vec<i32>>>()?;
    Ok((township, years))
}

#[derive(Serialize)]
struct DiffJson<'a> {
    old: &'a ReportInfo,
    new: &'a ReportInfo,
    scores: &'a Scores,
    sections: Vec<PairJson<'a>>,
    figures: Vec<LedgerRow>,
}

#[derive(Serialize)]
struct PairJson<'a> {
    old: Option<RegionJson<'a>>,
    new: Option<RegionJson<'a>>,
    parts: &'a [Part],
    status: SectionStatus,
    similarity: f64,
    scores: &'a Scores,
    rows: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct RegionJson<'a> {
    path: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct RowJson<'a> {
    kind: RowKind,
    old: Option<&'a str>,
    new: Option<&'a str>,
    edits: &'a [Edit],
    /// Path of the region the old sentence stands in (another section for a move).
    old_section: Option<&'a str>,
    old_span: Option<Span>,
    new_span: Option<Span>,
}

fn diff_json<'a>(
    (a, b): (&'a Report, &'a Report),
    (old, new): &'a (ReportInfo, ReportInfo),
    comparison: &'a Comparison,
) -> DiffJson<'a> {
    let sections = comparison
        .sections
        .iter()
        .map(|pair| PairJson {
            old: pair.old.map(|r| region_json(a, r)),
            new: pair.new.map(|r| region_json(b, r)),
            parts: &pair.parts,
            status: pair.status,
            similarity: pair.similarity,
            scores: &pair.scores,
            rows: pair.rows.iter().map(|row| row_json(a, b, row)).collect(),
        })
        .collect();
    DiffJson {
        old,
        new,
        scores: &comparison.scores,
        sections,
        figures: ledger(a, b),
    }
}

fn region_json(report: &Report, region: Region) -> RegionJson<'_> {
    match region {
        Region::Preamble => RegionJson {
            path: PREAMBLE_PATH,
            title: PREAMBLE_TITLE,
        },
        Region::Closing => RegionJson {
            path: CLOSING_PATH,
            title: CLOSING_TITLE,
        },
        Region::Section(i) => report.sections.get(i).map_or(
            RegionJson {
                path: "?",
                title: "",
            },
            |s| RegionJson {
                path: &s.path,
                title: &s.title,
            },
        ),
    }
}

fn row_json<'a>(old: &'a Report, new: &'a Report, row: &'a Row) -> RowJson<'a> {
    let a = row.old.and_then(|i| old.sentences.get(i));
    let b = row.new.and_then(|i| new.sentences.get(i));
    RowJson {
        kind: row.kind,
        old: a.map(|s| s.text.as_str()),
        new: b.map(|s| s.text.as_str()),
        edits: &row.edits,
        old_section: a.map(|s| region_json(old, Region::of(old, s)).path),
        old_span: a.map(|s| s.span),
        new_span: b.map(|s| s.span),
    }
}
