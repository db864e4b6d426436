//! The command line: one module per subcommand, each with `--json`. This module parses
//! arguments, opens the store when a command needs one, and maps outcomes to exit codes.

mod bench_corpus;
mod check;
mod demo;
mod diff;
mod export;
mod failure;
mod figures;
mod help;
mod import;
mod inspect;
mod json_array;
mod list;
mod note_edit;
mod notes;
pub mod output;
mod report;
mod reuse;
mod search;
mod search_json;
mod search_reindex;
mod selects_nothing;
mod show;
mod usage;
mod within;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::i18n::{Lang, Msg, msg};
use crate::store::Store;
use output::{ColorChoice, Display, OutputError};

const EXAMPLES: &str = "示例 / Examples:
  nianbao demo                               打开内置示例县 / open the built-in demo
  nianbao import 报告/ --county 黔江区       导入目录下全部报告 / import a folder
  nianbao list                               列出乡镇及年份 / townships and years
  nianbao show 杉岭乡 2021                   显示一份报告 / show one report
  nianbao inspect 报告.docx --json           分析文件，不入库 / analyse a file
  nianbao diff 杉岭乡 2020 2021              逐节对比两年 / compare two years
  nianbao figures 杉岭乡 --compare           数据逐年对比 / figures year over year
  nianbao reuse 杉岭乡 2021                  与其他报告共用的文字 / shared text
  nianbao search 法律明白人 --count-by year  全库检索 / search every report
  nianbao export 杉岭乡 --format docx        比对存为 Word 修订稿 / comparison as tracked changes
  nianbao report --format md                 全县审阅意见 / the county's findings report
  nianbao                                    打开审阅界面 / open the review TUI";

/// Review township annual reports on rule-of-law government (法治政府建设年度报告).
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The store file (default: nianbao.db in the platform data directory).
    #[arg(long, global = true, env = "NIANBAO_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Interface language: zh (default) or en.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    /// Colour theme of the review interface: dark (default), light, high-contrast, mono,
    /// or a file in themes/ in the config directory.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// When to colour: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub color: ColorChoice,
    /// Print straight to the terminal instead of through $PAGER (default `less -FRX`).
    #[arg(long, global = true)]
    pub no_pager: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands; with none, the review TUI opens.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the review interface on a built-in demo county (your store is untouched).
    Demo(demo::Args),
    /// Import reports (.txt .docx .html; folders recursively) into the store.
    Import(import::Args),
    /// List townships with their county, province and years.
    List(list::Args),
    /// Show one stored report: metadata and clean text.
    Show(show::Args),
    /// Analyse files without a store: outline, statutory parts, figures, lint.
    Inspect(inspect::Args),
    /// Compare two years of a township (or two files) section by section.
    Diff(diff::Args),
    /// Figures of stored reports or files; with --compare, year over year.
    Figures(figures::Args),
    /// Text shared with other reports: templates, own earlier years, other townships.
    Reuse(reuse::Args),
    /// Search every stored report's text; with --count-by, a trend.
    Search(search::Args),
    /// Review notes: add, list, and export as a findings report (md, csv).
    Notes(notes::Args),
    /// The findings report a county office sends on (md, csv, docx, html).
    Report(report::Args),
    /// One comparison as a file: Word with tracked changes, or a self-contained HTML page.
    Export(export::Args),
    /// Lint stored reports: missing parts, numbering, wrong years, foreign names.
    Check(check::Args),
    /// Write a synthetic corpus for scale runs.
    BenchCorpus(bench_corpus::Args),
}

/// How a command ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked and nothing needs attention.
    Clean,
    /// The command ran but found problems, or some inputs failed.
    Findings,
}

impl Outcome {
    /// 0 for clean, 1 for findings.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
        }
    }
}

/// What every command may need: the language, how to print, and where the store is.
pub struct Globals {
    pub lang: Lang,
    pub display: Display,
    store: Option<PathBuf>,
}

impl Globals {
    /// Opens the store named by `--store`/`NIANBAO_STORE`, or the default one, for a
    /// command that writes to it.
    pub fn open_store(&self) -> anyhow::Result<Store> {
        Ok(Store::open(&self.store_path()?)?)
    }

    /// Opens the store for a command that only reads it: one the user cannot write is
    /// opened read-only, and stderr says once that writes are off.
    pub fn open_store_for_reading(&self) -> anyhow::Result<Store> {
        let store = Store::open_for_reading(&self.store_path()?)?;
        if store.is_read_only() {
            let shown = store.path().display().to_string();
            let notice = crate::i18n::fill(msg(self.lang, Msg::StoreReadOnly), &[&shown]);
            let _ = writeln!(
                io::stderr(),
                "nianbao: {}",
                crate::text::clean::field(&notice)
            );
        }
        Ok(store)
    }

    fn store_path(&self) -> anyhow::Result<PathBuf> {
        Ok(match &self.store {
            Some(path) => path.clone(),
            None => Store::default_path()?,
        })
    }
}

/// Parses the process arguments, runs the command, and says on one line of stderr, in
/// the interface language, why it failed. Usage errors exit 2, worded in the interface
/// language too, and the help is in it.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let asked = usage::language(&args);
    let cli = match help::parse(asked) {
        Ok(cli) => cli,
        Err(error) => return usage::report(&error, asked),
    };
    let lang = Lang::detect(cli.lang.as_deref());
    match run(cli, lang) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            // Nowhere is left to report a failure to write stderr itself.
            let _ = writeln!(io::stderr(), "nianbao: {}", failure::line(&error, lang));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli, lang: Lang) -> anyhow::Result<Outcome> {
    let ctx = Globals {
        lang,
        display: Display {
            color: cli.color,
            pager: !cli.no_pager,
        },
        store: cli.store,
    };
    let Some(command) = cli.command else {
        let store = match &ctx.store {
            Some(path) => path.clone(),
            None => Store::default_path()?,
        };
        crate::tui::run(crate::tui::Options {
            store,
            lang: cli.lang,
            theme: cli.theme,
        })?;
        return Ok(Outcome::Clean);
    };
    let lang = ctx.lang;
    let result = match command {
        Command::Demo(args) => demo::run(&ctx, args, cli.lang, cli.theme),
        Command::Import(args) => import::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Inspect(args) => inspect::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Figures(args) => figures::run(&ctx, args),
        Command::Notes(args) => notes::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::BenchCorpus(args) => bench_corpus::run(&ctx, args),
        Command::Reuse(args) => reuse::run(&ctx, args),
        Command::Search(args) => search::run(&ctx, args),
    };
    result.map_err(
        |error| match error.downcast_ref::<crate::review::ReviewError>() {
            Some(review) => anyhow::anyhow!(review.in_lang(lang)),
            None => error,
        },
    )
}

/// Writes a value as pretty JSON followed by a newline.
/// Buffered: stdout alone writes each line of pretty JSON with its own system call.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| OutputError(e.into()))?;
    writeln!(out).map_err(OutputError)?;
    out.flush().map_err(OutputError)?;
    Ok(())
}
