//! `nianbao search`: which stored reports say something, newest first, with the
//! section and the words around each hit; or, with `--count-by`, how many reports say
//! it per year, county or province, as a table with a bar chart.

use serde::Serialize;

use super::{Globals, Outcome, print_json};
use crate::i18n::{Lang, Msg, Noun, counted, fill, msg};
use crate::names;
use crate::review::{self, Count, CountBy, ReportHits};
use crate::search::Query;
use crate::store::{SearchFilter, SearchPlan, SearchTally};

/// Arguments of `nianbao search`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:
  nianbao search 法律明白人
  nianbao search '\"矛盾纠纷\" AND 调解 NOT 信访' --county 黔江区
  nianbao search 法律明白人 --count-by year
查询 / Query: 词语并列即同时出现；\"…\" 为短语；AND、OR、NOT（大写）与括号。
  Words side by side must all occur; \"…\" quotes a phrase; AND, OR, NOT (upper case), ( ).")]
pub struct Args {
    /// What to look for.
    pub query: String,
    /// Only this township's reports.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub township: Option<String>,
    /// Only this county's reports.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub county: Option<String>,
    /// Only this province's reports.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub province: Option<String>,
    /// Only reports of this year.
    #[arg(long, value_parser = names::parse_year_flag, allow_negative_numbers = true)]
    pub year: Option<i32>,
    /// Reports listed (all are counted).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Instead of listing reports, count them per year, county or province.
    #[arg(long, value_enum, value_name = "BY")]
    pub count_by: Option<CountByArg>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// What `--count-by` groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CountByArg {
    Year,
    County,
    Province,
}

impl From<CountByArg> for CountBy {
    fn from(arg: CountByArg) -> CountBy {
        match arg {
            CountByArg::Year => CountBy::Year,
            CountByArg::County => CountBy::County,
            CountByArg::Province => CountBy::Province,
        }
    }
}

/// `--count-by` as JSON.
#[derive(Serialize)]
struct CountsJson<'a> {
    query: &'a str,
    by: &'a str,
    counts: &'a [Count],
}

/// Runs the search. Exit 0 when something matched, 1 when nothing did.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let query = Query::parse(&args.query)?;
    let store = globals.open_store_for_reading()?;
    let filter = SearchFilter {
        township: args.township.clone(),
        county: args.county.clone(),
        province: args.province.clone(),
        year: args.year,
    };
    if let Some(by) = args.count_by {
        let counts = review::count_by(&store, &query, &filter, by.into())?;
        if args.json {
            let by = format!("{by:?}").to_lowercase();
            print_json(&CountsJson {
                query: &args.query,
                by: &by,
                counts: &counts,
            })?;
        } else {
            print_counts(&counts);
        }
        return Ok(outcome(counts.is_empty()));
    }
    if args.json {
        let results = review::search(&store, &query, &filter, args.limit)?;
        print_json(&results)?;
        return Ok(outcome(results.total == 0));
    }
    // Each report is printed as soon as it is found; the count comes last, when known.
    let mut listed = 0;
    let tally = review::search_each(
        &store,
        &query,
        &filter,
        args.limit,
        &mut |found| {
            listed += 1;
            print_report(&found);
        },
        &mut |_| false,
    )?
    .ok_or(review::ReviewError::Internal)?;
    print_summary(globals.lang, &args.query, tally, listed);
    Ok(outcome(tally.total == 0))
}

fn outcome(nothing: bool) -> Outcome {
    if nothing {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn print_summary(lang: Lang, query: &str, tally: SearchTally, listed: usize) {
    if tally.total == 0 {
        println!("{} {query}", msg(lang, Msg::SearchNone));
    } else {
        let total = counted(lang, tally.total, Noun::ReportContaining);
        print!("{}", fill(msg(lang, Msg::SearchMatches), &[&total, query]));
        if listed < tally.total {
            print!("; {} {listed}", msg(lang, Msg::SearchShowing));
        }
        println!();
    }
    if tally.plan == SearchPlan::Scan {
        println!("{}", msg(lang, Msg::SearchScanned));
    }
}

fn print_report(found: &ReportHits) {
    let report = &found.report;
    let place: Vec<&str> = [report.county.as_deref(), report.province.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    println!("{}  {}  {}", report.year, report.township, place.join(" "));
    for hit in &found.hits {
        println!(
            "  {:>7}  …{}【{}】{}…",
            hit.section.as_deref().unwrap_or("—"),
            hit.before,
            hit.text,
            hit.after
        );
    }
    println!();
}

/// Bar width of the largest group.
const BAR_WIDTH: usize = 40;

/// One row per group: key, count and a bar scaled to the largest count, in eighths of
/// a block so small differences show.
fn print_counts(counts: &[Count]) {
    let max = counts.iter().map(|c| c.reports).max().unwrap_or(0).max(1);
    let key_width = counts
        .iter()
        .map(|c| crate::text::width::text_width(&c.key, false))
        .max()
        .unwrap_or(0);
    for count in counts {
        let key = if count.key.is_empty() {
            "—"
        } else {
            &count.key
        };
        let pad = key_width.saturating_sub(crate::text::width::text_width(key, false));
        println!(
            "{key}{}  {:>7}  {}",
            " ".repeat(pad),
            count.reports,
            bar(count.reports, max)
        );
    }
}

fn bar(value: usize, max: usize) -> String {
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = value * BAR_WIDTH * 8 / max;
    let mut out = "█".repeat(eighths / 8);
    if let Some(part) = (eighths % 8).checked_sub(1) {
        out.push(PARTS[part]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_to_the_largest_group_in_eighths() {
        assert_eq!(bar(10, 10).chars().count(), super::BAR_WIDTH);
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(1, 320), "▏");
        assert_eq!(bar(5, 10), "█".repeat(20));
    }
}
