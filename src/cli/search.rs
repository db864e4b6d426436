//! `nianbao search`: which stored reports say something, newest first, with the
//! section and the words around each hit; or, with `--count-by`, how many reports say
//! it per year, county or province, as a table with a bar chart.

use std::cell::{Cell, RefCell};

use serde::Serialize;

use super::output::Out;
use super::search_json::ReportsJson;
use super::search_reindex;
use super::selects_nothing;
use super::within::Within;
use super::{Globals, Outcome, print_json};
use crate::i18n::{HelpNote, Lang, Msg, Noun, counted, fill, help_note, msg};
use crate::names;
use crate::review::{self, Count, CountBy, ReportHits};
use crate::search::Query;
use crate::store::{SearchFilter, SearchPlan, SearchTally, Store};
use crate::text::width::{text_width, truncate};

/// The examples of `nianbao search --help`.
const EXAMPLES: &str = "示例 / Examples:
  nianbao search 法律明白人
  nianbao search '\"矛盾纠纷\" AND 调解 NOT 信访' --county 黔江区
  nianbao search 法律明白人 --count-by year
  nianbao search --reindex                   补建搜索索引 / bring the search index up to date";

/// What follows the options in `nianbao search --help`: the examples, then how a query
/// is read.
pub(super) fn after_help(lang: Lang) -> String {
    format!("{EXAMPLES}\n{}", help_note(lang, HelpNote::SearchQuery))
}

/// Arguments of `nianbao search`.
#[derive(Debug, clap::Args)]
#[command(after_help = after_help(Lang::En))]
pub struct Args {
    /// What to look for.
    #[arg(required_unless_present = "reindex")]
    pub query: Option<String>,
    /// Only this township's reports.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub township: Option<String>,
    #[command(flatten)]
    pub within: Within,
    /// Reports listed (all are counted).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Instead of listing reports, count them per year, county or province.
    #[arg(long, value_enum, value_name = "BY")]
    pub count_by: Option<CountByArg>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// Instead of searching, bring the store's search index up to date: after the
    /// store was copied without its `-search` file, or that file was deleted.
    #[arg(long, conflicts_with_all = ["query", "township", "county", "province", "year", "limit", "count_by"])]
    pub reindex: bool,
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
    // Without a query clap has made sure `--reindex` was given.
    let Some(text) = args.query.as_deref().filter(|_| !args.reindex) else {
        return search_reindex::run(globals, args.json);
    };
    let query = Query::parse(text)?;
    let store = globals.open_store_for_reading()?;
    let filter = SearchFilter {
        township: args.township.clone(),
        county: args.within.county.clone(),
        province: args.within.province.clone(),
        year: args.within.year,
    };
    if filter != SearchFilter::default() && !store.filter_selects_any(&filter)? {
        let mut given = vec![("--township", args.township)];
        given.extend(args.within.typed());
        return Err(selects_nothing::filters(globals.lang, &given));
    }
    if let Some(by) = args.count_by {
        let counts = review::count_by(&store, &query, &filter, by.into())?;
        if args.json {
            let by = format!("{by:?}").to_lowercase();
            print_json(&CountsJson {
                query: text,
                by: &by,
                counts: &counts,
            })?;
        } else {
            let mut out = Out::paged(globals.display);
            let table = CountTable {
                lang: globals.lang,
                by: by.into(),
                query: text,
                width: usize::from(globals.display.width()),
            };
            table.print(&mut out, &counts)?;
            out.finish()?;
        }
        return Ok(outcome(counts.is_empty()));
    }
    if args.json {
        let total = print_json_streamed(&store, &query, &filter, args.limit)?;
        return Ok(outcome(total == 0));
    }
    let out = RefCell::new(Out::paged(globals.display));
    let (tally, listed) = list_reports(&out, &store, &query, &filter, args.limit)?;
    let mut out = out.into_inner();
    let Some(tally) = tally else {
        // The pager was quit: what is left unwritten has no reader.
        let _ = out.finish();
        return Ok(Outcome::Clean);
    };
    print_summary(&mut out, globals.lang, text, tally, listed)?;
    out.finish()?;
    Ok(outcome(tally.total == 0))
}

/// Prints each listed report as soon as it is found, flushed so it is seen (through the
/// pager too) while the search goes on; the count comes last, when known. The search
/// stops early, unanswered (`None`), when the pager was quit: nobody reads on.
fn list_reports(
    out: &RefCell<Out>,
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    limit: usize,
) -> anyhow::Result<(Option<SearchTally>, usize)> {
    let mut listed = 0;
    let tally = write_each(
        store,
        query,
        filter,
        limit,
        &mut |found| {
            listed += 1;
            let mut out = out.borrow_mut();
            print_report(&mut out, found).and_then(|()| out.flush())
        },
        &|| out.borrow_mut().pager_quit(),
    )?;
    Ok((tally, listed))
}

/// The answer as JSON, each listed report written as soon as it is found, never
/// through the pager; returns how many reports match.
fn print_json_streamed(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    limit: usize,
) -> anyhow::Result<usize> {
    let mut json = ReportsJson::new(std::io::BufWriter::new(std::io::stdout()))?;
    let tally = write_each(
        store,
        query,
        filter,
        limit,
        &mut |found| json.push(found),
        &|| false,
    )?;
    let tally = tally.ok_or(review::ReviewError::Internal)?;
    json.finish(tally.total, tally.plan, tally.unindexed)?;
    Ok(tally.total)
}

/// Searches, handing each listed report to `write` as it is found. The first failed
/// write stops the search and is the answer; so does `quit` saying nobody reads on.
fn write_each(
    store: &Store,
    query: &Query,
    filter: &SearchFilter,
    limit: usize,
    write: &mut dyn FnMut(&ReportHits) -> anyhow::Result<()>,
    quit: &dyn Fn() -> bool,
) -> anyhow::Result<Option<SearchTally>> {
    let mut failed = None;
    let broken = Cell::new(false);
    let tally = review::search_each(
        store,
        query,
        filter,
        limit,
        &mut |found| {
            if failed.is_none() {
                failed = write(&found).err();
                broken.set(failed.is_some());
            }
        },
        &mut |_| broken.get() || quit(),
    )?;
    match failed {
        Some(e) => Err(e),
        None => Ok(tally),
    }
}

fn outcome(nothing: bool) -> Outcome {
    if nothing {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn print_summary(
    out: &mut Out,
    lang: Lang,
    query: &str,
    tally: SearchTally,
    listed: usize,
) -> anyhow::Result<()> {
    if tally.total == 0 {
        writeln!(out, "{} {query}", msg(lang, Msg::SearchNone))?;
    } else {
        let total = counted(lang, tally.total, Noun::ReportContaining);
        write!(
            out,
            "{}",
            fill(msg(lang, Msg::SearchMatches), &[&total, query])
        )?;
        if listed < tally.total {
            let listed = listed.to_string();
            write!(out, "{}", fill(msg(lang, Msg::SearchShowing), &[&listed]))?;
        }
        writeln!(out)?;
    }
    if tally.plan == SearchPlan::Scan {
        writeln!(out, "{}", msg(lang, Msg::SearchScanned))?;
    }
    if tally.unindexed > 0 {
        let reports = counted(lang, tally.unindexed, Noun::Report);
        writeln!(
            out,
            "{}",
            fill(msg(lang, Msg::SearchUnindexed), &[&reports])
        )?;
    }
    Ok(())
}

fn print_report(out: &mut Out, found: &ReportHits) -> anyhow::Result<()> {
    let report = &found.report;
    let place: Vec<&str> = [report.county.as_deref(), report.province.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    writeln!(
        out,
        "{}  {}  {}",
        report.year,
        report.township,
        place.join(" ")
    )?;
    for hit in &found.hits {
        writeln!(
            out,
            "  {:>7}  …{}【{}】{}…",
            hit.section.as_deref().unwrap_or("—"),
            hit.before,
            hit.text,
            hit.after
        )?;
    }
    writeln!(out)?;
    Ok(())
}

/// Bar width of the largest group, when the width allows.
const BAR_WIDTH: usize = 40;

/// Cells of the count column.
const COUNT_CELLS: usize = 7;

/// Cells the bars keep however long the names are: a longer name is cut to leave them.
const MIN_BAR: usize = 10;

/// `--count-by` printed for a person.
struct CountTable<'a> {
    lang: Lang,
    by: CountBy,
    query: &'a str,
    /// Columns to fill.
    width: usize,
}

impl CountTable<'_> {
    /// A heading, one row per group (its name, its count and a bar scaled to the
    /// largest count, in eighths of a block so small differences show), and the total;
    /// within the width, a name too long for it cut short. Nothing found is one line.
    fn print(&self, out: &mut Out, counts: &[Count]) -> anyhow::Result<()> {
        if counts.is_empty() {
            writeln!(out, "{} {}", msg(self.lang, Msg::SearchNone), self.query)?;
            return Ok(());
        }
        let heading = msg(
            self.lang,
            match self.by {
                CountBy::Year => Msg::Year,
                CountBy::County => Msg::County,
                CountBy::Province => Msg::Province,
            },
        );
        let keys: Vec<&str> = counts
            .iter()
            .map(|c| {
                if c.key.is_empty() {
                    "—"
                } else {
                    c.key.as_str()
                }
            })
            .collect();
        let widest = keys
            .iter()
            .chain([&heading])
            .map(|k| text_width(k, false))
            .max()
            .unwrap_or(0);
        let fixed = COUNT_CELLS + 4;
        let key_cells = widest.min(self.width.saturating_sub(fixed + MIN_BAR).max(4));
        let bar_cells = BAR_WIDTH.min(self.width.saturating_sub(key_cells + fixed).max(1));
        let reports = msg(self.lang, Msg::SearchCountReports);
        writeln!(
            out,
            "{}  {}",
            fit(heading, key_cells),
            right(reports, COUNT_CELLS)
        )?;
        let max = counts.iter().map(|c| c.reports).max().unwrap_or(0).max(1);
        for (key, count) in keys.iter().zip(counts) {
            writeln!(
                out,
                "{}  {}  {}",
                fit(key, key_cells),
                right(&count.reports.to_string(), COUNT_CELLS),
                bar(count.reports, max, bar_cells)
            )?;
        }
        let total: usize = counts.iter().map(|c| c.reports).sum();
        let total = counted(self.lang, total, Noun::ReportContaining);
        writeln!(
            out,
            "{}",
            fill(msg(self.lang, Msg::SearchMatches), &[&total, self.query])
        )?;
        Ok(())
    }
}

/// `text` in exactly `cells` cells: cut short with `…`, or padded on the right.
fn fit(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells, false);
    let pad = cells.saturating_sub(text_width(&cut, false));
    format!("{cut}{}", " ".repeat(pad))
}

/// `text` right-aligned in `cells` cells (wider text as it is).
fn right(text: &str, cells: usize) -> String {
    let pad = cells.saturating_sub(text_width(text, false));
    format!("{}{text}", " ".repeat(pad))
}

/// A bar of `value` against `max` filling up to `cells` cells.
fn bar(value: usize, max: usize, cells: usize) -> String {
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = value * cells * 8 / max;
    let mut out = "█".repeat(eighths / 8);
    if let Some(part) = (eighths % 8).checked_sub(1) {
        out.push(PARTS[part]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{bar, fit, right};
    use crate::text::width::text_width;

    #[test]
    fn bars_scale_to_the_largest_group_in_eighths() {
        assert_eq!(bar(10, 10, 40).chars().count(), 40);
        assert_eq!(bar(0, 10, 40), "");
        assert_eq!(bar(1, 320, 40), "▏");
        assert_eq!(bar(5, 10, 40), "█".repeat(20));
        assert_eq!(bar(5, 10, 12), "█".repeat(6));
    }

    #[test]
    fn cells_are_filled_exactly_whatever_the_script() {
        for (text, cells) in [
            ("双江拉祜族佤族布朗族傣族自治县", 11),
            ("东县", 8),
            ("x", 1),
        ] {
            assert_eq!(text_width(&fit(text, cells), false), cells, "{text}");
        }
        assert!(fit("双江拉祜族佤族布朗族傣族自治县", 11).ends_with('…'));
        assert_eq!(right("报告数", 7), " 报告数");
    }
}
