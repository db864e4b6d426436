//! `nianbao show`: one stored report's metadata and clean text.

use serde::Serialize;

use super::output::Out;
use super::{Globals, Outcome, print_json};
use crate::i18n::{Msg, msg};
use crate::review::{resolve_township, stored_report};
use crate::store::SourceInfo;
use crate::text::clean::field;

/// Arguments of `nianbao show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "示例 / Examples:\n  nianbao show 杉岭乡 2021\n  nianbao show 杉岭乡                         最近一年 / the latest year\n  nianbao show 迈陈镇 2020 --county 徐闻县 --json"
)]
pub struct Args {
    /// Township name as listed by `nianbao list`.
    pub township: String,
    /// Reporting year (the latest stored when omitted).
    pub year: Option<i32>,
    /// County, when the township name is stored under several.
    #[arg(long)]
    pub county: Option<String>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    township: &'a str,
    county: Option<&'a str>,
    province: Option<&'a str>,
    year: i32,
    title: Option<&'a str>,
    signed_by: Option<&'a str>,
    signed_on: Option<&'a str>,
    text: &'a str,
    source: &'a SourceInfo,
    imported_at: &'a str,
}

/// Prints the report.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = globals.open_store_for_reading()?;
    let county = resolve_township(&store, &args.township, args.county.as_deref())?;
    let year = match args.year {
        Some(year) => year,
        // Every township resolved has a current report, so a latest year.
        None => store
            .years(&args.township, &county)?
            .last()
            .copied()
            .unwrap_or_default(),
    };
    let report = stored_report(&store, &args.township, Some(&county), year)?;
    if args.json {
        print_json(&ShowJson {
            township: &report.township,
            county: report.county.as_deref(),
            province: report.province.as_deref(),
            year: report.year,
            title: report.title.as_deref(),
            signed_by: report.signed_by.as_deref(),
            signed_on: report.signed_on.as_deref(),
            text: &report.text,
            source: &report.source,
            imported_at: &report.imported_at,
        })?;
        return Ok(Outcome::Clean);
    }
    let lang = globals.lang;
    let mut out = Out::paged(globals.display);
    writeln!(
        out,
        "{}: {} {}",
        msg(lang, Msg::Township),
        field(&report.township),
        report.year
    )?;
    if let Some(county) = &report.county {
        writeln!(out, "{}: {}", msg(lang, Msg::County), field(county))?;
    }
    if let Some(title) = &report.title {
        writeln!(out, "{}: {}", msg(lang, Msg::Title), field(title))?;
    }
    writeln!(
        out,
        "{}: {} ({}, {})",
        msg(lang, Msg::Source),
        field(&report.source.path),
        field(&report.source.format),
        field(&report.source.encoding)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", report.text)?;
    out.finish()?;
    Ok(Outcome::Clean)
}
