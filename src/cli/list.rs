//! `nianbao list`: the townships in the store with their years; with `--json`, each
//! with the line the review list shows of it (copy ratio, findings, reviewed progress),
//! computed by the review service as the interface computes it. The JSON array is
//! written township by township as each line is ready, the lines computed on every core
//! (from the store's summary cache where it holds them); `--fields` leaves out what is
//! not wanted, and a list without the summary's fields computes none.

use serde::Serialize;

use super::import::pipeline::in_order;
use super::json_array::JsonArray;
use super::output::Out;
use super::selects_nothing;
use super::within::Within;
use super::{Globals, Outcome};
use crate::i18n::{Msg, msg};
use crate::review::{ReviewService, Summary};
use crate::store::{Store, StoreError, TownshipSummary};
use crate::text::clean::field;

/// Arguments of `nianbao list`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "示例 / Examples:\n  nianbao list\n  nianbao list --county 黔江区 --year 2023\n  nianbao list --json\n  nianbao list --json --fields township,county,years"
)]
pub struct Args {
    #[command(flatten)]
    pub within: Within,
    /// Print as JSON: [{"township","county","province","years","copy_ratio","findings",
    /// "reviewed_sections","sections"}], written township by township.
    #[arg(long)]
    pub json: bool,
    /// Only these fields in the JSON, comma-separated (all when not given); without
    /// copy_ratio, findings, reviewed_sections and sections no summary is computed,
    /// which on a large store is most of the time.
    #[arg(long, value_delimiter = ',', requires = "json")]
    pub fields: Vec<Field>,
}

/// A field of a township's line in `list --json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Field {
    Township,
    County,
    Province,
    Years,
    #[value(name = "copy_ratio")]
    CopyRatio,
    Findings,
    #[value(name = "reviewed_sections")]
    ReviewedSections,
    Sections,
}

impl Field {
    /// True for the fields that need the township's summary: two analyses and a
    /// comparison when the store's cache does not hold it.
    fn needs_summary(self) -> bool {
        matches!(
            self,
            Field::CopyRatio | Field::Findings | Field::ReviewedSections | Field::Sections
        )
    }
}

/// A township's line as JSON: the fields asked for, in the order of [`Field`]. An
/// outer `None` leaves a field out; a value that is unknown (`county`, a copy ratio
/// with one year) is `null`.
#[derive(Serialize)]
struct TownshipJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    township: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    county: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    province: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    years: Option<Vec<i32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_ratio: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    findings: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed_sections: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sections: Option<usize>,
}

impl TownshipJson {
    /// The fields of `wanted` (every field when empty) of a township and its summary.
    fn new(t: TownshipSummary, summary: Option<Summary>, wanted: &[Field]) -> TownshipJson {
        let has = |f: Field| wanted.is_empty() || wanted.contains(&f);
        let s = summary.unwrap_or_default();
        TownshipJson {
            township: has(Field::Township).then_some(t.township),
            county: has(Field::County).then_some(t.county),
            province: has(Field::Province).then_some(t.province),
            years: has(Field::Years).then_some(t.years),
            copy_ratio: has(Field::CopyRatio).then_some(s.copy_ratio),
            findings: has(Field::Findings).then_some(s.findings),
            reviewed_sections: has(Field::ReviewedSections).then_some(s.reviewed_sections),
            sections: has(Field::Sections).then_some(s.sections),
        }
    }
}

/// Prints the township list.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = globals.open_store_for_reading()?;
    let mut townships = store.townships()?;
    let stored = !townships.is_empty();
    let within = args.within.as_stored();
    townships.retain(|t| within.keeps(t));
    if stored && townships.is_empty() {
        return Err(selects_nothing::filters(globals.lang, &args.within.typed()));
    }
    if args.json {
        print_json_array(store, townships, &args.fields)?;
        return Ok(Outcome::Clean);
    }
    let lang = globals.lang;
    let mut out = Out::paged(globals.display);
    if townships.is_empty() {
        writeln!(out, "{}", msg(lang, Msg::NoReports))?;
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    writeln!(
        out,
        "{}\t{}\t{}\t{}",
        msg(lang, Msg::Township),
        msg(lang, Msg::County),
        msg(lang, Msg::Province),
        msg(lang, Msg::Years)
    )?;
    for t in &townships {
        let years: Vec<String> = t.years.iter().map(|y| y.to_string()).collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            field(&t.township),
            field(t.county.as_deref().unwrap_or("-")),
            field(t.province.as_deref().unwrap_or("-")),
            years.join(" ")
        )?;
    }
    out.finish()?;
    Ok(Outcome::Clean)
}

/// Writes the townships as a JSON array, each as soon as its line is ready: the
/// summaries, when wanted, computed on every core, each thread with its own
/// connection.
fn print_json_array(
    store: Store,
    townships: Vec<TownshipSummary>,
    wanted: &[Field],
) -> anyhow::Result<()> {
    let mut array = JsonArray::new(std::io::BufWriter::new(std::io::stdout()));
    let summaries = wanted.is_empty() || wanted.iter().any(|f| f.needs_summary());
    if !summaries {
        for t in townships {
            array.push(&TownshipJson::new(t, None, wanted))?;
        }
        array.finish()?;
        return Ok(());
    }
    let path = store.path().to_path_buf();
    drop(store);
    in_order(
        &townships,
        || Store::open_for_reading(&path).map(ReviewService::new),
        summarize,
        |lines| -> anyhow::Result<()> {
            for (t, line) in townships.iter().zip(lines) {
                array.push(&TownshipJson::new(t.clone(), line?, wanted))?;
            }
            Ok(())
        },
    )?;
    array.finish()?;
    Ok(())
}

/// One township's summary on a thread's own service.
fn summarize(
    service: &mut Result<ReviewService, StoreError>,
    township: &TownshipSummary,
) -> anyhow::Result<Option<Summary>> {
    let service = service.as_mut().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(service.summary(township)?)
}
