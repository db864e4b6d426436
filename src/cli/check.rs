//! `nianbao check`: lint every stored report (or one township's) in one run, for a
//! county office's batch review, each year read against the stored year before it as
//! the review interface reads it. Each report's findings are printed as soon as it is
//! analysed, so a run over a whole province shows its first lines at once and holds no
//! more than the analyses the review service keeps on each core. Exit 1 when anything
//! is found.

use serde::Serialize;

use super::import::pipeline::in_order;
use super::json_array::JsonArray;
use super::output::Out;
use super::selects_nothing;
use super::{Globals, Outcome};
use crate::i18n::{ErrorMsg, Lang, Msg, error_msg, fill, msg};
use crate::names;
use crate::report::Finding;
use crate::review::{ReviewService, why_not_stored};
use crate::store::{ReportKey, Store, StoreError};
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
    /// Print as JSON: [{"township","county","year","lint":[…]}], written element by
    /// element as reports are checked.
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

/// Where checked reports go as they come: a person's pager, or a JSON array.
enum Sink {
    Human(Out),
    Json(JsonArray<std::io::BufWriter<std::io::Stdout>>),
}

/// Lints the selected reports, printing each report's findings once it is analysed.
/// Townships are checked on every core, each by one thread with its own connection and
/// analyses (a year is read against the year before, so a township's years stay
/// together), and printed in the store's order as they are done.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = globals.open_store_for_reading()?;
    let keys = store.report_keys()?;
    let selection = Selection::of(&args);
    let townships = by_township(&keys, &selection);
    if townships.is_empty() && !keys.is_empty() {
        // A township, year or county that selects nothing is a mistyped name or year,
        // not a clean result.
        return Err(selection.selects_nothing(&keys, &store, globals.lang));
    }
    let path = store.path().to_path_buf();
    drop(store);
    let mut sink = if args.json {
        Sink::Json(JsonArray::new(std::io::BufWriter::new(std::io::stdout())))
    } else {
        Sink::Human(Out::paged(globals.display))
    };
    let (checked, findings) = in_order(
        &townships,
        || Store::open_for_reading(&path).map(ReviewService::new),
        |service, keys| check_township(service, keys),
        |results| -> anyhow::Result<(usize, usize)> {
            let (mut checked, mut findings) = (0usize, 0usize);
            for result in results {
                for entry in result? {
                    match &mut sink {
                        Sink::Json(array) => array.push(&entry)?,
                        Sink::Human(out) => print_human(out, globals.lang, &entry)?,
                    }
                    checked += 1;
                    findings += entry.lint.len();
                }
            }
            Ok((checked, findings))
        },
    )?;
    match sink {
        Sink::Json(array) => drop(array.finish()?),
        Sink::Human(out) => out.finish()?,
    }
    if checked == 0 && !args.json {
        eprintln!(
            "nianbao: {}",
            error_msg(globals.lang, ErrorMsg::NoStoredMatch)
        );
    }
    Ok(if findings > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// What the arguments select, the names normalized once as stored identities are.
struct Selection {
    township: Option<String>,
    county: Option<String>,
    year: Option<i32>,
}

impl Selection {
    fn of(args: &Args) -> Selection {
        Selection {
            township: args.township.as_deref().map(names::normalize),
            county: args.county.as_deref().map(names::normalize),
            year: args.year,
        }
    }

    /// Whether `key` is of the township and county asked for, whatever its year.
    fn places(&self, key: &ReportKey) -> bool {
        self.township.as_ref().is_none_or(|t| *t == key.township)
            && self.county.as_ref().is_none_or(|c| *c == key.county)
    }

    fn selects(&self, key: &ReportKey) -> bool {
        self.places(key) && self.year.is_none_or(|y| y == key.year)
    }

    /// Why it selects no stored report: the township is not in the store, not under
    /// the county asked for, or has no report of that year; the county has no report;
    /// or the filters together match nothing.
    fn selects_nothing(
        &self,
        keys: &[(i64, ReportKey)],
        store: &Store,
        lang: Lang,
    ) -> anyhow::Error {
        let county = self.county.as_deref();
        match &self.township {
            Some(township) => why_not_stored(store, township, county, self.year).into(),
            None => {
                let county_stored = keys.iter().any(|(_, k)| Some(k.county.as_str()) == county);
                selects_nothing::county_or_year(lang, county, county_stored, self.year)
            }
        }
    }
}

/// The selected reports' identities, one list per township, in the store's order.
fn by_township(keys: &[(i64, ReportKey)], selection: &Selection) -> Vec<Vec<ReportKey>> {
    let mut townships: Vec<Vec<ReportKey>> = Vec::new();
    for (_, key) in keys {
        if !selection.selects(key) {
            continue;
        }
        match townships.last_mut() {
            Some(last)
                if last
                    .first()
                    .is_some_and(|k| k.township == key.township && k.county == key.county) =>
            {
                last.push(key.clone());
            }
            _ => townships.push(vec![key.clone()]),
        }
    }
    townships
}

/// The findings of one township's reports, oldest year first.
fn check_township(
    service: &mut Result<ReviewService, StoreError>,
    keys: &[ReportKey],
) -> anyhow::Result<Vec<Checked>> {
    let service = service.as_mut().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut checked = Vec::with_capacity(keys.len());
    for key in keys {
        let Some(report) = service.report(key)? else {
            continue;
        };
        checked.push(Checked {
            township: key.township.clone(),
            county: report.meta.county.clone(),
            year: key.year,
            lint: report.lint.clone(),
        });
    }
    Ok(checked)
}

/// One report's findings for a person, sent on at once; nothing for a clean report.
/// Each finding is a line (its kind, its section when it has one, what it says), the
/// words it was found in on a line below it, and where copied text came from.
fn print_human(out: &mut Out, lang: Lang, r: &Checked) -> anyhow::Result<()> {
    if r.lint.is_empty() {
        return Ok(());
    }
    match &r.county {
        Some(county) => writeln!(out, "{} {} ({})", field(&r.township), r.year, field(county))?,
        None => writeln!(out, "{} {}", field(&r.township), r.year)?,
    }
    for l in &r.lint {
        let kind = serde_json::to_value(l.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let section = l
            .section
            .as_deref()
            .map(|s| format!("{} ", field(s)))
            .unwrap_or_default();
        writeln!(out, "  [{kind}] {section}{}", field(&l.text(lang)))?;
        if !l.excerpt.trim().is_empty() {
            writeln!(out, "      {}", field(&l.excerpt))?;
        }
        if let Some(source) = &l.source {
            let line = fill(msg(lang, Msg::SourceLine), &[&source.citation()]);
            writeln!(out, "      {}", field(&line))?;
        }
    }
    out.flush()
}
