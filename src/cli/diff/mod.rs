//! `nianbao diff`: last year's report beside this year's, section by section.
//!
//! In a terminal the view is side by side, as delta draws it: old on the left, new on
//! the right, one row per aligned sentence pair, CJK text wrapped to display widths,
//! a one-column marker per row so kinds read without colour (` ` unchanged, `^` dates
//! only, `#` numbers only, `~` modified, `>` moved, `+` added, `-` removed), changed
//! words highlighted (or, without colour, bracketed as `[-old-]` and `{+new+}`), and
//! runs of unchanged sentences folded. A section's header line marks its heading the
//! same way, with the heading's changed words.
//!
//! In JSON the preamble is a section with path `"0"` and title `"（开头）"`, the closing
//! one with path `"end"` and title `"（落款）"`. A merged row (several old sentences
//! become one) gives the old sentences' texts joined as `old`, a span from the first's
//! start to the last's end as `old_span`, and each sentence's span in `old_spans`; a
//! split row does the same on the new side. Word edits carry `old_span` and `new_span`.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use serde::Serialize;

mod json;
mod view;

use super::output::{Display, Out, OutputError};
use super::{Globals, Outcome, print_json};
use crate::compare::ledger::ledger;
use crate::compare::{self, compare};
use crate::i18n::{ErrorMsg, HelpNote, Lang, error_words as words, help_note};
use crate::report::Report;
use crate::review::{ReportSource, SourcedReport, choose_pair, resolve_township};

/// Narrower than this, two columns of Chinese text are unreadable.
const MIN_WIDTH: u16 = 40;

/// The examples of `nianbao diff --help`.
const EXAMPLES: &str = "示例 / Examples:
  nianbao diff 杉岭乡                     最近两年 / the two latest years
  nianbao diff 杉岭乡 2021                2021 与上一年 / 2021 and the year before
  nianbao diff 迈陈镇 2019 2020 --county 徐闻县
  nianbao diff 2020.txt 2021.docx --json";

/// What follows the options in `nianbao diff --help`: the row markers, then the
/// examples.
pub(super) fn after_help(lang: Lang) -> String {
    format!("{}\n\n{EXAMPLES}", help_note(lang, HelpNote::DiffMarkers))
}

/// Arguments of `nianbao diff`.
#[derive(Debug, clap::Args)]
#[command(after_help = after_help(Lang::En))]
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
    /// With --json: one line, each report's clean text once, and no text that spans
    /// already give (sentence texts of rows, text of equal edit runs).
    #[arg(long, requires = "json")]
    pub compact: bool,
    /// Line width in columns (default: the terminal's, else COLUMNS, else 100).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(i64::from(MIN_WIDTH)..))]
    pub width: Option<u16>,
    /// Unchanged sentences shown around each change; longer runs are folded.
    #[arg(long, value_name = "N", default_value_t = crate::review::rows::DEFAULT_CONTEXT)]
    pub context: usize,
}

/// One side of the comparison: the analysed report and where it came from.
struct Loaded {
    report: Report,
    info: ReportInfo,
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

impl Loaded {
    fn of(sourced: SourcedReport) -> Loaded {
        let info = ReportInfo::of(&sourced);
        Loaded {
            report: sourced.report,
            info,
        }
    }
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
    let (old, new) = compare::both(|| old.analyze(), || new.analyze());
    let (old, new) = (Loaded::of(old?), Loaded::of(new?));
    if args.json {
        let (comparison, figures) = compare::both(
            || compare(&old.report, &new.report),
            || ledger(&old.report, &new.report),
        );
        let document =
            json::diff_json(&old, &new, &comparison, figures, args.compact, globals.lang);
        if args.compact {
            print_json_line(&document)?;
        } else {
            print_json(&document)?;
        }
        return Ok(Outcome::Clean);
    }
    let comparison = compare(&old.report, &new.report);
    let mut out = Out::paged(globals.display);
    let view = view::View {
        old: &old.report,
        new: &new.report,
        lang: globals.lang,
        color: out.color(),
        width: usize::from(width(args.width, globals.display)),
        context: args.context,
    };
    view.write(&mut out.painter(), &old.info, &new.info, &comparison)
        .map_err(OutputError)?;
    out.finish()?;
    Ok(Outcome::Clean)
}

/// JSON on one line, for `--compact`.
fn print_json_line<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer(&mut out, value).map_err(|e| OutputError(e.into()))?;
    writeln!(out).map_err(OutputError)?;
    out.flush().map_err(OutputError)?;
    Ok(())
}

/// `--width`, else the display's width, never narrower than two readable columns.
fn width(flag: Option<u16>, display: Display) -> u16 {
    flag.unwrap_or_else(|| display.width()).max(MIN_WIDTH)
}

/// The two reports named: files when both targets are files, else from the store.
fn sources(globals: &Globals, args: &Args) -> anyhow::Result<(ReportSource, ReportSource)> {
    if let Some((old, new)) = file_pair(&args.targets, globals.lang)? {
        return Ok((ReportSource::File(old), ReportSource::File(new)));
    }
    stored_sources(globals, args)
}

/// Two files when both targets are existing files; `None` when the targets name a
/// township and years; an error naming the file when a target looks like a missing
/// file, or when a single file is given.
pub(super) fn file_pair(
    targets: &[OsString],
    lang: Lang,
) -> anyhow::Result<Option<(PathBuf, PathBuf)>> {
    if let [old, new] = targets {
        let (old_path, new_path) = (Path::new(old), Path::new(new));
        if [old_path, new_path]
            .iter()
            .all(|p| p.exists() && !p.is_dir())
        {
            return Ok(Some((old_path.to_path_buf(), new_path.to_path_buf())));
        }
        for path in [old_path, new_path] {
            if year_argument(path.as_os_str()).is_none() && looks_like_path(path) && !path.exists()
            {
                bail!(
                    "{}",
                    words(lang, ErrorMsg::NoSuchFile, &[&path.display().to_string()])
                );
            }
        }
    } else if let Some(file) = targets.iter().map(Path::new).find(|p| p.is_file()) {
        bail!(
            "{}",
            words(
                lang,
                ErrorMsg::NeedsTwoFiles,
                &[&file.display().to_string()]
            )
        );
    }
    Ok(None)
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
    let (township, years) = store_targets(&args.targets, globals.lang)?;
    let store = globals.open_store_for_reading()?;
    let county = resolve_township(&store, &township, args.county.as_deref())?;
    let stored = store.years(&township, &county)?;
    let (old_year, new_year) = choose_pair(&township, &years, &stored)?;
    let source = |year| ReportSource::stored(&store, &township, Some(&county), year);
    Ok((source(old_year)?, source(new_year)?))
}

/// Splits the targets into a township and zero to two years.
pub(super) fn store_targets(
    targets: &[OsString],
    lang: Lang,
) -> anyhow::Result<(String, Vec<i32>)> {
    let Some((first, rest)) = targets.split_first() else {
        bail!("{}", words(lang, ErrorMsg::GiveTownshipOrFiles, &[]));
    };
    let township = first
        .to_str()
        .ok_or_else(|| {
            anyhow!(
                "{}",
                words(lang, ErrorMsg::NotATownship, &[&first.to_string_lossy()])
            )
        })?
        .to_string();
    let years = rest
        .iter()
        .map(|y| {
            year_argument(y).ok_or_else(|| {
                anyhow!(
                    "{}",
                    words(lang, ErrorMsg::NotAYear, &[&y.to_string_lossy()])
                )
            })
        })
        .collect::<anyhow::Result<Vec<i32>>>()?;
    Ok((township, years))
}
