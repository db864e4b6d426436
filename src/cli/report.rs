//! `nianbao report`: the county office's findings report — a summary table, then each
//! township's copy ratios, shared text, lint, flagged figures, notes and review
//! progress — as Markdown, CSV, Word or HTML.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};

use super::export::written;
use super::selects_nothing;
use super::{Globals, Outcome};
use crate::export::report::csv::findings_csv;
use crate::export::report::{layout, render};
use crate::export::write::write_output;
use crate::i18n::{ExportMsg, export_msg};
use crate::names;
use crate::review::{FindingsScope, ReviewService};
use crate::store::{SearchFilter, now_iso8601};

#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:
  nianbao report --format md                       全部乡镇，最近两年 / every township, latest pair
  nianbao report 杉岭乡 青石镇 --year 2021 --format docx --output 审阅意见.docx
  nianbao report --county 黔江区 --format csv --output 问题清单.csv --force")]
pub struct Args {
    /// Townships to report on (default: every township in the store).
    #[arg(value_name = "TOWNSHIP")]
    pub townships: Vec<String>,
    /// Only townships of this county.
    #[arg(long)]
    pub county: Option<String>,
    /// The year under review (default: each township's latest).
    #[arg(long)]
    pub year: Option<i32>,
    /// md pastes into Word/WPS; csv has one row per finding; docx and html are documents.
    #[arg(long, value_enum)]
    pub format: ReportFormat,
    /// The file to write (default: standard output for md and csv).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file when it exists.
    #[arg(long)]
    pub force: bool,
}

/// The formats of the findings report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
    Docx,
    Html,
}

/// Writes the findings report; the outcome is clean, as for `notes export`.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let lang = globals.lang;
    let county = args.county.as_deref().map(names::normalize);
    let scope = FindingsScope {
        townships: args.townships.clone(),
        county: county.clone(),
        year: args.year,
    };
    let store = globals.open_store_for_reading()?;
    // Asked while the store is at hand; only a county on its own can select nothing.
    let county_stored = match &county {
        Some(county) if args.townships.is_empty() => store.filter_selects_any(&SearchFilter {
            county: Some(county.clone()),
            ..SearchFilter::default()
        })?,
        _ => true,
    };
    let findings = ReviewService::new(store).findings(&scope)?;
    if findings.is_empty() {
        if args.townships.is_empty() && county.is_some() {
            let county = county.as_deref();
            return Err(selects_nothing::county_or_year(
                lang,
                county,
                county_stored,
                args.year,
            ));
        }
        bail!("{}", export_msg(lang, ExportMsg::ReportEmpty));
    }
    let now = now_iso8601();
    let bytes = match args.format {
        ReportFormat::Csv => findings_csv(&findings, lang).into_bytes(),
        ReportFormat::Md => render::markdown(&layout(&findings, lang, &now)).into_bytes(),
        ReportFormat::Html => render::html(&layout(&findings, lang, &now), lang).into_bytes(),
        ReportFormat::Docx => render::docx(&layout(&findings, lang, &now), lang, &now)?,
    };
    match &args.output {
        Some(path) => {
            write_output(path, &bytes, args.force)?;
            written(lang, path);
        }
        None if matches!(args.format, ReportFormat::Md | ReportFormat::Csv) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .context(crate::i18n::error_msg(
                    globals.lang,
                    crate::i18n::ErrorMsg::CannotWriteStdout,
                ))?;
        }
        None => bail!(
            "{}",
            crate::i18n::error_msg(globals.lang, crate::i18n::ErrorMsg::ReportNeedsOutput)
        ),
    }
    Ok(Outcome::Clean)
}
