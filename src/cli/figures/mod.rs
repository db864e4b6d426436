//! `nianbao figures`: every figure of the stored reports (or of files), one row per
//! figure per year; with `--compare`, the ledger between consecutive years, which shows
//! what was copied unchanged, what vanished, what is new and what jumped.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::bail;
use serde::Serialize;

mod csv;
mod format;

use super::output::{Out, OutputError};
use super::selects_nothing;
use super::{Globals, Outcome};
use crate::compare::ledger::{LedgerFlag, LedgerRow, LedgerSide, ledger};
use crate::export::{flag_names, json_name};
use crate::i18n::{ErrorMsg, Lang, Msg, error_words, msg};
use crate::names;
use crate::report::Figure;
use crate::report::normalize::printable;
use crate::review::{ReportSource, ReviewError, SourcedReport, resolve_township, year_before};
use crate::store::Store;
use crate::text::clean::field;
use csv::{figures_csv, ledger_csv};
use format::{Align, Table};

/// Byte-order mark that makes Excel read a CSV file as UTF-8.
const UTF8_BOM: &str = "\u{FEFF}";

/// The examples of `nianbao figures --help`.
const EXAMPLES: &str = "示例 / Examples:
  nianbao figures                                   全部乡镇的全部数据 / every figure in the store
  nianbao figures 杉岭乡                            一个乡镇各年度的数据 / one township, every year
  nianbao figures 杉岭乡 --year 2021 --csv > 数据.csv
                                                    导出给 Excel / export for Excel
  nianbao figures 杉岭乡 --compare                  逐年对比：原句照搬、今年未报、今年新增 / year over year
  nianbao figures 杉岭乡 --compare --year 2022      2022年与上一年度对比 / 2022 against the year before
  nianbao figures --files 2021.docx 2022.docx --compare
                                                    不入库，直接对比两个文件 / two files, no store
  nianbao figures --files 报告.txt --json           分析文件，不入库 / a file, no store";

/// What each flag of `--compare` says about a figure, in Chinese and in English.
const FLAG_MEANINGS: [(LedgerFlag, &str, &str); 7] = [
    (
        LedgerFlag::SameSentence,
        "句子连同数字一字未改，可能沿用上年未更新",
        "sentence and number unchanged: stale?",
    ),
    (
        LedgerFlag::SameValue,
        "句子改写了，数字没变",
        "reworded, same number",
    ),
    (
        LedgerFlag::Vanished,
        "上年有、本年没有",
        "reported last year only",
    ),
    (LedgerFlag::New, "本年新出现", "reported this year only"),
    (LedgerFlag::Jump, "变化五倍以上", "changed fivefold or more"),
    (
        LedgerFlag::Over100Percent,
        "百分比超过100",
        "a percentage above 100",
    ),
    (
        LedgerFlag::Implausible,
        "负数或大得不可能，照原样显示",
        "negative or impossibly large, shown as written",
    ),
];

/// The examples, then each flag under the names the output, the interface and `--json`
/// give it, so the help never names a flag differently from what is printed: in
/// Chinese alone under Chinese, in both languages under English.
pub(super) fn after_help(lang: Lang) -> String {
    let heading = match lang {
        Lang::Zh => "标记（--compare）：",
        Lang::En => "标记 / Flags (--compare):",
    };
    let mut help = format!("{EXAMPLES}\n\n{heading}\n");
    for (flag, zh, en) in FLAG_MEANINGS {
        let (names, meaning) = match lang {
            Lang::Zh => (flag_names(Lang::Zh, &[flag]), zh.to_string()),
            Lang::En => (
                format!(
                    "{} / {}",
                    flag_names(Lang::Zh, &[flag]),
                    flag_names(Lang::En, &[flag])
                ),
                format!("{zh} / {en}"),
            ),
        };
        help.push_str(&format!(
            "  {names} ({})\n      {meaning}\n",
            json_name(flag)
        ));
    }
    help
}

/// Arguments of `nianbao figures`.
#[derive(Debug, clap::Args)]
#[command(after_help = after_help(Lang::En))]
pub struct Args {
    /// Township as listed by `nianbao list`; every township when omitted.
    #[arg(conflicts_with = "files")]
    pub township: Option<String>,
    /// County, when the township name is stored under several.
    #[arg(long, conflicts_with = "files")]
    pub county: Option<String>,
    /// Only this reporting year; with --compare, the comparison that ends in it.
    #[arg(long, conflicts_with = "files")]
    pub year: Option<i32>,
    /// Compare consecutive years: figures matched by label and unit, with flags.
    #[arg(long)]
    pub compare: bool,
    /// Read these files instead of the store; with --compare exactly two, OLD NEW.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print as JSON: an array of figures, or of ledgers with --compare.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print as CSV: UTF-8 with a byte-order mark (Excel), a header row, one figure per
    /// line.
    #[arg(long)]
    pub csv: bool,
}

/// A short name for headings: township and year, or the file.
fn title(source: &SourcedReport) -> String {
    match (source.file_name(), source.township()) {
        (Some(file), _) => file,
        (None, Some(township)) => match source.county() {
            Some(county) => format!("{township}（{county}）"),
            None => township.to_string(),
        },
        (None, None) => String::new(),
    }
}

fn year_text(source: &SourcedReport) -> String {
    source
        .year()
        .map_or_else(|| "-".to_string(), |y| y.to_string())
}

/// Lists or compares figures, as a table, JSON or CSV.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let (groups, failed) = if args.files.is_empty() {
        (from_store(globals, &args)?, false)
    } else {
        from_files(globals, &args)?
    };
    // JSON and CSV keep exact strings; the tables are for a person.
    let mut out = (!args.json && !args.csv).then(|| Out::paged(globals.display));
    let printed = match &mut out {
        Some(out) => print(globals.lang, &args, &groups, &mut out.painter()),
        None => print(globals.lang, &args, &groups, &mut io::stdout().lock()),
    };
    match printed {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.map_err(OutputError)?,
    }
    if let Some(out) = out {
        out.finish()?;
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The figures, or with `--compare` the ledgers.
fn print(
    lang: Lang,
    args: &Args,
    groups: &[Vec<SourcedReport>],
    out: &mut impl Write,
) -> io::Result<()> {
    if args.compare {
        let ledgers = pair_up(groups, args.year, !args.files.is_empty());
        print_ledgers(out, lang, args, &ledgers)
    } else {
        print_figures(out, lang, args, groups)
    }
}

/// The stored reports asked for, one group per township, each ascending by year. A
/// township, county or year that selects no stored report is an error naming it, not
/// an empty table.
fn from_store(globals: &Globals, args: &Args) -> anyhow::Result<Vec<Vec<SourcedReport>>> {
    let store = globals.open_store_for_reading()?;
    let county = args.county.as_deref().map(names::normalize);
    let townships = match &args.township {
        Some(township) => {
            let county = resolve_township(&store, township, county.as_deref())?;
            let stored = store.years(township, &county)?;
            if let Some(refused) = unreadable_years(globals.lang, township, &stored, args) {
                return Err(refused);
            }
            vec![(township.clone(), county)]
        }
        None => store
            .townships()?
            .into_iter()
            .map(|t| (t.township, t.county.unwrap_or_default()))
            .filter(|(_, c)| county.as_ref().is_none_or(|asked| asked == c))
            .collect(),
    };
    let mut groups = Vec::new();
    for (township, county) in &townships {
        let group = township_reports(&store, township, county, args)?;
        if !group.is_empty() {
            groups.push(group);
        }
    }
    let stored = !townships.is_empty();
    if groups.is_empty() && (stored || county.is_some()) {
        let county = county.as_deref();
        return Err(selects_nothing::county_or_year(
            globals.lang,
            county,
            stored,
            args.year,
        ));
    }
    Ok(groups)
}

/// Why a township's stored years cannot give what was asked, as `show` and `diff`
/// say it: the year asked for is not stored, or there is no year before it (or no two
/// years) to compare.
fn unreadable_years(
    lang: Lang,
    township: &str,
    stored: &[i32],
    args: &Args,
) -> Option<anyhow::Error> {
    let township = names::normalize(township);
    let stored = stored.to_vec();
    match args.year {
        Some(year) if !stored.contains(&year) => Some(
            ReviewError::NoReport {
                township,
                year,
                stored,
            }
            .into(),
        ),
        Some(year) if args.compare && year_before(&stored, year).is_none() => {
            let years: Vec<String> = stored.iter().map(i32::to_string).collect();
            let words = [township.as_str(), &year.to_string(), &years.join(", ")];
            let said = error_words(lang, ErrorMsg::CompareNothingBefore, &words);
            Some(anyhow::anyhow!(said))
        }
        None if args.compare && stored.len() < 2 => {
            Some(ReviewError::TooFewYears { township, stored }.into())
        }
        _ => None,
    }
}

/// One township's reports: the year asked for (and, to compare, the year before it), or
/// every year.
fn township_reports(
    store: &Store,
    township: &str,
    county: &str,
    args: &Args,
) -> anyhow::Result<Vec<SourcedReport>> {
    let years = store.years(township, county)?;
    let wanted: Vec<i32> = match args.year {
        None => years,
        Some(year) if args.compare => year_before(&years, year)
            .into_iter()
            .chain(years.contains(&year).then_some(year))
            .collect(),
        Some(year) => years.into_iter().filter(|y| *y == year).collect(),
    };
    let mut sources = Vec::new();
    for year in wanted {
        let source = ReportSource::stored(store, township, Some(county), year)?;
        sources.push(source.analyze()?);
    }
    Ok(sources)
}

/// The files named with `--files`, as one group in the order given. Unreadable files
/// are reported and skipped, except when comparing, where both are needed.
fn from_files(globals: &Globals, args: &Args) -> anyhow::Result<(Vec<Vec<SourcedReport>>, bool)> {
    if args.compare && args.files.len() != 2 {
        bail!(
            "{}",
            error_words(
                globals.lang,
                ErrorMsg::CompareNeedsTwoFiles,
                &[&args.files.len().to_string()]
            )
        );
    }
    let mut sources = Vec::new();
    let mut failed = false;
    for file in &args.files {
        match ReportSource::File(file.clone()).analyze() {
            Ok(source) => sources.push(source),
            Err(error) if args.compare => return Err(error.into()),
            Err(error) => {
                eprintln!("nianbao: {}", field(&error.in_lang(globals.lang)));
                failed = true;
            }
        }
    }
    Ok((vec![sources], failed))
}

/// Two reports compared, with their ledger.
struct Compared<'a> {
    old: &'a SourcedReport,
    new: &'a SourcedReport,
    rows: Vec<LedgerRow>,
}

/// Consecutive years of each township (or the two files), optionally only the pair that
/// ends in `year`.
fn pair_up(groups: &[Vec<SourcedReport>], year: Option<i32>, files: bool) -> Vec<Compared<'_>> {
    groups
        .iter()
        .flat_map(|group| group.windows(2))
        .filter(|pair| files || year.is_none() || pair[1].year() == year)
        .map(|pair| Compared {
            old: &pair[0],
            new: &pair[1],
            rows: ledger(&pair[0].report, &pair[1].report),
        })
        .collect()
}

/// One figure in the JSON listing.
#[derive(Serialize)]
struct FigureJson<'a> {
    township: Option<&'a str>,
    county: Option<&'a str>,
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(flatten)]
    figure: &'a Figure,
}

/// One comparison in the JSON ledger.
#[derive(Serialize)]
struct LedgerJson<'a> {
    township: Option<&'a str>,
    county: Option<&'a str>,
    old_year: Option<i32>,
    new_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_file: Option<String>,
    rows: &'a [LedgerRow],
}

fn print_figures(
    out: &mut impl Write,
    lang: Lang,
    args: &Args,
    groups: &[Vec<SourcedReport>],
) -> io::Result<()> {
    let sources: Vec<&SourcedReport> = groups.iter().flatten().collect();
    if args.json {
        let rows: Vec<FigureJson> = sources
            .iter()
            .flat_map(|s| {
                s.report.figures.iter().map(|figure| FigureJson {
                    township: s.township(),
                    county: s.county(),
                    year: s.year(),
                    file: s.file_name(),
                    figure,
                })
            })
            .collect();
        return write_json(out, &rows);
    }
    if args.csv {
        return figures_csv(out, lang, &sources);
    }
    if sources.iter().all(|s| s.report.figures.is_empty()) {
        let message = if sources.is_empty() {
            Msg::NoReports
        } else {
            Msg::NoFigures
        };
        return writeln!(out, "{}", msg(lang, message));
    }
    for group in groups {
        figures_table(out, lang, group)?;
    }
    Ok(())
}

fn print_ledgers(
    out: &mut impl Write,
    lang: Lang,
    args: &Args,
    ledgers: &[Compared<'_>],
) -> io::Result<()> {
    if args.json {
        let rows: Vec<LedgerJson> = ledgers
            .iter()
            .map(|c| LedgerJson {
                township: c.new.township(),
                county: c.new.county(),
                old_year: c.old.year(),
                new_year: c.new.year(),
                old_file: c.old.file_name(),
                new_file: c.new.file_name(),
                rows: &c.rows,
            })
            .collect();
        return write_json(out, &rows);
    }
    if args.csv {
        return ledger_csv(out, lang, ledgers);
    }
    if ledgers.is_empty() {
        return writeln!(out, "{}", msg(lang, Msg::NothingToCompare));
    }
    for compared in ledgers {
        ledger_table(out, lang, compared)?;
    }
    Ok(())
}

fn write_json<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(out)
}

/// The human table of one township's figures, every year.
fn figures_table(out: &mut impl Write, lang: Lang, group: &[SourcedReport]) -> io::Result<()> {
    let Some(first) = group.first() else {
        return Ok(());
    };
    writeln!(out, "{}", printable(&title(first)))?;
    let mut table = Table::new(&[
        (msg(lang, Msg::Year), Align::Left),
        (msg(lang, Msg::Section), Align::Left),
        (msg(lang, Msg::Value), Align::Right),
        (msg(lang, Msg::Unit), Align::Left),
        (msg(lang, Msg::Qualifier), Align::Left),
        (msg(lang, Msg::Surface), Align::Left),
        (msg(lang, Msg::Label), Align::Left),
    ]);
    for source in group {
        for f in &source.report.figures {
            table.push(vec![
                year_text(source),
                f.section.clone().unwrap_or_else(|| "-".to_string()),
                f.exact.to_string(),
                f.unit.clone(),
                f.approx.clone().unwrap_or_default(),
                f.surface.clone(),
                f.label.clone(),
            ]);
        }
    }
    table.write(out)?;
    writeln!(out)
}

/// The human table of one comparison.
fn ledger_table(out: &mut impl Write, lang: Lang, compared: &Compared<'_>) -> io::Result<()> {
    let heading = if compared.new.file.is_some() {
        format!("{} → {}", title(compared.old), title(compared.new))
    } else {
        format!(
            "{} {} → {}",
            title(compared.new),
            year_text(compared.old),
            year_text(compared.new)
        )
    };
    writeln!(out, "{}", printable(&heading))?;
    let mut table = Table::new(&[
        (msg(lang, Msg::Label), Align::Left),
        (msg(lang, Msg::Unit), Align::Left),
        (msg(lang, Msg::Previous), Align::Right),
        (msg(lang, Msg::Current), Align::Right),
        (msg(lang, Msg::Change), Align::Right),
        (msg(lang, Msg::Flags), Align::Left),
    ]);
    for row in &compared.rows {
        let surface = |side: &Option<LedgerSide>| {
            side.as_ref()
                .map_or_else(|| "-".to_string(), |s| s.surface.clone())
        };
        table.push(vec![
            row.label.clone(),
            row.unit.clone(),
            surface(&row.old),
            surface(&row.new),
            row.change_text.clone().unwrap_or_default(),
            flag_names(lang, &row.flags),
        ]);
    }
    table.write(out)?;
    writeln!(out)
}
