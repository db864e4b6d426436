//! `nianbao export`: the year-over-year comparison as a file an official opens — a Word
//! document with tracked changes, or one self-contained HTML page.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::diff::{file_pair, store_targets};
use super::{Globals, Outcome};
use crate::export::pair::{PairFormat, default_name};
use crate::export::write::write_output;
use crate::i18n::{ExportMsg, Lang, export_msg, fill};
use crate::review::{
    OpenRequest, OpenedPair, PairData, ReportSource, ReviewService, choose_pair, resolve_township,
};

#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:
  nianbao export 杉岭乡 --format docx                 最近两年，修订模式 / latest two years, tracked changes
  nianbao export 杉岭乡 2020 2021 --format html --output 杉岭乡.html
  nianbao export 2022.txt 2023.docx --format docx --output 比对.docx --force")]
pub struct Args {
    /// TOWNSHIP [OLD_YEAR NEW_YEAR] from the store, or OLD_FILE NEW_FILE.
    #[arg(required = true, num_args = 1..=3, value_name = "TOWNSHIP|FILE")]
    pub targets: Vec<OsString>,
    /// County, when the township name is stored under several.
    #[arg(long)]
    pub county: Option<String>,
    /// docx: Word with tracked changes and comments; html: one self-contained page.
    #[arg(long, value_enum)]
    pub format: ComparisonFormat,
    /// The file to write (default: township and years in the current folder).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file when it exists.
    #[arg(long)]
    pub force: bool,
}

/// The formats of a comparison export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ComparisonFormat {
    Docx,
    Html,
}

impl From<ComparisonFormat> for PairFormat {
    fn from(format: ComparisonFormat) -> PairFormat {
        match format {
            ComparisonFormat::Docx => PairFormat::Docx,
            ComparisonFormat::Html => PairFormat::Html,
        }
    }
}

/// Writes the comparison of the pair named; the outcome is clean, as for `diff`.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let opened = open(globals, &args)?;
    let lang = globals.lang;
    let format = PairFormat::from(args.format);
    let bytes = format.render_opened(&opened, lang)?;
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| default_name(&opened.data, format));
    write_output(&path, &bytes, args.force)?;
    written(lang, &path);
    Ok(Outcome::Clean)
}

/// Says on stderr where an export went.
pub fn written(lang: Lang, path: &Path) {
    let shown = crate::export::escape::one_line(&path.display().to_string());
    eprintln!("{}", fill(export_msg(lang, ExportMsg::Written), &[&shown]));
}

/// The pair with its township's review records: two files (no records), or a
/// township's years from the store.
fn open(globals: &Globals, args: &Args) -> anyhow::Result<OpenedPair> {
    if let Some((old, new)) = file_pair(&args.targets, globals.lang)? {
        let (old, new) = crate::compare::both(
            || ReportSource::File(old).analyze(),
            || ReportSource::File(new).analyze(),
        );
        let (old, new) = (Arc::new(old?.report), Arc::new(new?.report));
        let township = new.meta.township.clone().unwrap_or_default();
        let county = new.meta.county.clone().unwrap_or_default();
        let years = old.meta.year.into_iter().chain(new.meta.year).collect();
        let data = PairData::build(&township, &county, years, Some(old), new, &[]);
        return Ok(OpenedPair {
            data: data.into(),
            notes: Vec::new(),
        });
    }
    let (township, years) = store_targets(&args.targets, globals.lang)?;
    let store = globals.open_store_for_reading()?;
    let county = resolve_township(&store, &township, args.county.as_deref())?;
    let stored = store.years(&township, &county)?;
    let (old, new) = choose_pair(&township, &years, &stored)?;
    let request = OpenRequest {
        township,
        county,
        years: stored,
        old: Some(old),
        new,
    };
    Ok(ReviewService::new(store).open(&request)?)
}
