//! `nianbao check`: lint every stored report (or one township's) in one run, for a
//! county office's batch review, each year read against the stored year before it as
//! the review interface reads it. Exit 1 when anything is found.

use serde::Serialize;

use super::output::Out;
use super::{Globals, Outcome, print_json};
use crate::i18n::{Msg, fill, msg};
use crate::names;
use crate::report::Finding;
use crate::review::ReviewService;
use crate::store::ReportKey;
use crate::text::clean::field;

/// Arguments of `nianbao check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "示例 / Examples:\n  nianbao check\n  nianbao check 柳溪镇 --year 2023\n  nianbao check --json > 问题清单.json"
)]
pub struct Args {
    /// Only this township.
    pub township: Option<String>,
    /// Only this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Only this county.
    #[arg(long)]
    pub county: Option<String>,
    /// Print as JSON: [{"township","county","year","lint":[…]}].
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Checked {
    township: String,
    county: Option<String>,
    year: i32,
    lint: Vec<Finding>,
}

/// Lints the selected reports and prints the findings.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = globals.open_store_for_reading()?;
    let keys = store.report_keys()?;
    let mut service = ReviewService::new(store);
    let mut results = Vec::new();
    for (_, key) in keys {
        if !selected(&key, &args) {
            continue;
        }
        let Some(report) = service.report(&key)? else {
            continue;
        };
        results.push(Checked {
            county: report.meta.county.clone(),
            lint: report.lint.clone(),
            township: key.township,
            year: key.year,
        });
    }
    let findings: usize = results.iter().map(|r| r.lint.len()).sum();
    if args.json {
        print_json(&results)?;
    } else {
        print_human(globals, &results)?;
    }
    if results.is_empty() && !args.json {
        eprintln!(
            "nianbao: {}",
            crate::i18n::error_msg(globals.lang, crate::i18n::ErrorMsg::NoStoredMatch)
        );
    }
    Ok(if findings > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn selected(key: &ReportKey, args: &Args) -> bool {
    args.township
        .as_ref()
        .is_none_or(|t| names::normalize(t) == key.township)
        && args.year.is_none_or(|y| y == key.year)
        && args
            .county
            .as_ref()
            .is_none_or(|c| names::normalize(c) == key.county)
}

fn print_human(globals: &Globals, results: &[Checked]) -> anyhow::Result<()> {
    let mut out = Out::paged(globals.display);
    for r in results {
        if r.lint.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{} {} ({})",
            field(&r.township),
            r.year,
            field(r.county.as_deref().unwrap_or("-"))
        )?;
        for l in &r.lint {
            let kind = serde_json::to_value(l.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            writeln!(
                out,
                "  [{kind}] {} {}  {}",
                field(l.section.as_deref().unwrap_or("-")),
                field(&l.message),
                field(&l.excerpt)
            )?;
            if let Some(source) = &l.source {
                let line = fill(msg(globals.lang, Msg::SourceLine), &[&source.citation()]);
                writeln!(out, "      {}", field(&line))?;
            }
        }
    }
    out.finish()
}
