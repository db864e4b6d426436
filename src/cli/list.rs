//! `nianbao list`: the townships in the store with their years; with `--json`, each
//! with the line the review list shows of it (copy ratio, findings, reviewed progress),
//! computed by the review service as the interface computes it.

use serde::Serialize;

use super::output::Out;
use super::{Globals, Outcome, print_json};
use crate::i18n::{Msg, msg};
use crate::review::{ReviewService, Summary};
use crate::store::TownshipSummary;
use crate::text::clean::field;

/// Arguments of `nianbao list`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:\n  nianbao list\n  nianbao list --json")]
pub struct Args {
    /// Print as JSON: [{"township","county","province","years","copy_ratio","findings",
    /// "reviewed_sections","sections"}].
    #[arg(long)]
    pub json: bool,
}

/// A township with its list line, as JSON.
#[derive(Serialize)]
struct TownshipJson {
    #[serde(flatten)]
    township: TownshipSummary,
    #[serde(flatten)]
    summary: Summary,
}

/// Prints the township list.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = globals.open_store_for_reading()?;
    let townships = store.townships()?;
    if args.json {
        let mut service = ReviewService::new(store);
        let mut lines = Vec::with_capacity(townships.len());
        for township in townships {
            let summary = service.summary(&township)?.unwrap_or_default();
            lines.push(TownshipJson { township, summary });
        }
        print_json(&lines)?;
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
