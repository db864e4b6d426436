//! `nianbao check`: lint every stored report (or one township's) in one run, for a
//! county office's batch review, each year read against the stored year before it as
//! the review interface reads it. Exit 1 when anything is found.

use serde::Serialize;

use super::{Globals, Outcome, print_json};
use crate::names;
use crate::report::lint::SourceReport;
use crate::report::{Finding, normalize::printable};
use crate::review::ReviewService;
use crate::store::ReportKey;

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
    let store = globals.open_store()?;
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
        print_human(&results);
    }
    if results.is_empty() && !args.json {
        eprintln!("nianbao: no stored report matches; see `nianbao list`");
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

fn print_human(results: &[Checked]) {
    for r in results {
        if r.lint.is_empty() {
            continue;
        }
        println!(
            "{} {} ({})",
            r.township,
            r.year,
            r.county.as_deref().unwrap_or("-")
        );
        for l in &r.lint {
            let kind = serde_json::to_value(l.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            println!(
                "  [{kind}] {} {}  {}",
                l.section.as_deref().unwrap_or("-"),
                l.message,
                printable(&l.excerpt)
            );
            if let Some(source) = &l.source {
                println!("      来源：{}", cited(source));
            }
        }
    }
}

/// The report a passage came from, as a reviewer cites it: `柳塘镇 2023 · 1.2 （二）…`.
fn cited(source: &SourceReport) -> String {
    let mut out = printable(&source.township);
    if let Some(year) = source.year {
        out.push_str(&format!(" {year}"));
    }
    if let Some(section) = &source.section {
        out.push_str(&format!(" · {section}"));
    }
    if let Some(heading) = &source.heading {
        out.push_str(&format!(" {}", printable(heading)));
    }
    out
}
