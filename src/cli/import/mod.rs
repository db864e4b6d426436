//! `nianbao import`: files and folders into the store, each file all or nothing. Files
//! are read and fingerprinted on every core; one thread writes, committing in batches.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use super::failure::store_line;
use super::output::Out;
use super::{Globals, Outcome, print_json};
use crate::i18n::{ErrorMsg, Lang, Msg, Noun, counted, error_msg, fill, ingest_error, msg};
use crate::ingest::{self, Document};
use crate::names;
use crate::reuse::{MatchText, ReportEntries};
use crate::store::reuse_index::{IndexEntries, ReportHashes};
use crate::store::{ImportBatch, ImportStatus, NewReport, PackedReport, Store};
use files::{absolute, collect_files};

mod files;
pub(super) mod pipeline;
use crate::text::clean::field;

/// Arguments of `nianbao import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:
  nianbao import 杉岭乡2021.docx
  nianbao import 报告/ --county 黔江区 --province 重庆市
  nianbao import 政府工作报告/ --township 国务院      年份取自文件名或正文
  nianbao import 新版.txt --township 杉岭乡 --year 2021 --replace")]
pub struct Args {
    /// Files or folders (searched recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Township for every file, when the text does not say or says it wrongly.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub township: Option<String>,
    /// County or district for every file.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub county: Option<String>,
    /// Province for every file.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub province: Option<String>,
    /// Reporting year for every file (1949 to next year).
    #[arg(long, value_parser = names::parse_year_flag, allow_negative_numbers = true)]
    pub year: Option<i32>,
    /// Replace a stored report whose text differs (the old one is kept as a version).
    #[arg(long)]
    pub replace: bool,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// One imported (or unchanged, or replaced) file in the summary.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedFile {
    pub file: String,
    pub township: String,
    pub county: Option<String>,
    pub province: Option<String>,
    pub year: i32,
}

/// One file that could not be imported, and why.
#[derive(Debug, Clone, Serialize)]
pub struct FailedFile {
    pub file: String,
    pub error: String,
}

/// The summary of an import; its JSON form is a stable contract.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub imported: Vec<ImportedFile>,
    pub unchanged: Vec<ImportedFile>,
    pub replaced: Vec<ImportedFile>,
    pub failed: Vec<FailedFile>,
}

/// Runs the import and prints the summary.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let mut store = globals.open_store()?;
    let (files, summary) = collect_files(&args.paths, globals.lang);
    let mut writer = Writer {
        globals,
        args: &args,
        progress: progress_bar(files.len()),
        summary,
        out: Out::plain(globals.display),
    };
    if !args.json {
        for failed in &writer.summary.failed {
            report_failure(globals, failed);
        }
    }
    // Each worker reads the store on its own connection (see `prepare`) for reports
    // stored before this import, of the townships that had some; without one the
    // writer does that reading itself.
    let path = store.path().to_path_buf();
    // Read once: every relative file's stored path starts from it.
    let cwd = std::env::current_dir().ok();
    let before = store.next_report_id()?;
    let stored = store.indexed_townships(before)?;
    if let Some(notice) = catch_up_notice(store.texts_not_indexed().unwrap_or(0), globals.lang) {
        eprintln!("{notice}");
    }
    // The full-text index is written on a thread of its own while batches are written.
    store.index_texts_on_a_thread();
    let earlier = |reader: Store| EarlierYears {
        reader,
        before,
        townships: &stored,
    };
    pipeline::in_order_weighed(
        &files,
        || {
            (!stored.is_empty())
                .then(|| Store::open_reader(&path).ok().map(earlier))
                .flatten()
        },
        |earlier, file| prepare(earlier.as_ref(), file, &args, globals.lang, cwd.as_deref()),
        |prepared| prepared.as_ref().map_or(0, Prepared::weight),
        |prepared| writer.write_all(&mut store, &files, prepared),
    )?;
    // Replaced reports may have left capped reuse lists short: filled once, at the end.
    store.refill_reuse_lists()?;
    store.finish_import();
    writer.progress.finish_and_clear();
    let (summary, mut out) = (writer.summary, writer.out);
    if args.json {
        print_json(&summary)?;
    } else {
        print_totals(globals, &mut out, &summary)?;
    }
    out.finish()?;
    Ok(if summary.failed.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// Reports stored before an import that its search index may lack before the import
/// says so: several seconds of indexing on an idle two-core machine, which the import
/// does before it ends.
const CATCH_UP_WORTH_SAYING: usize = 10_000;

/// What to say before an import when the search index lacks `lacking` reports stored
/// before it (its file deleted, or written by an earlier nianbao), enough to make the
/// import noticeably longer.
fn catch_up_notice(lacking: usize, lang: Lang) -> Option<String> {
    (lacking >= CATCH_UP_WORTH_SAYING).then(|| {
        let reports = counted(lang, lacking, Noun::Report);
        fill(msg(lang, Msg::ImportIndexCatchUp), &[&reports])
    })
}

/// The one thread that writes: batches of prepared files, each batch one commit.
struct Writer<'a> {
    globals: &'a Globals,
    args: &'a Args,
    progress: indicatif::ProgressBar,
    summary: Summary,
    out: Out,
}

impl Writer<'_> {
    /// Stores `prepared` (one per file, in file order) in batches of at most
    /// [`Store::import_window`], or up to the file at which another writer waits
    /// ([`Store::waiters`]) or the batch is full ([`crate::store::ImportBatch::is_full`]),
    /// reporting each batch's files once it commits.
    fn write_all(
        &mut self,
        store: &mut Store,
        files: &[PathBuf],
        prepared: &mut dyn Iterator<Item = Result<Prepared, String>>,
    ) -> anyhow::Result<()> {
        let waiters = store.waiters();
        let lang = self.globals.lang;
        let mut next = files.iter().zip(prepared).peekable();
        while next.peek().is_some() {
            let window = store.import_window()?;
            let mut batch = store.begin_import()?;
            let started = Instant::now();
            let mut pending = Vec::new();
            let mut gave_way = false;
            while started.elapsed() < window && !gave_way && !batch.is_full() {
                let Some((file, ready)) = next.next() else {
                    break;
                };
                if !self.progress.is_hidden() {
                    self.progress
                        .set_message(field(&file.display().to_string()));
                }
                match ready.and_then(|ready| store_file(&mut batch, file, ready, self.args, lang)) {
                    Ok(done) => pending.push(done),
                    Err(error) => self.fail(FailedFile {
                        file: file.display().to_string(),
                        error,
                    }),
                }
                self.progress.inc(1);
                // Another writer waits: the batch commits now rather than at its window.
                gave_way = waiters.someone_waits();
            }
            let committed = batch.commit().map_err(|e| store_line(&e, lang));
            if gave_way {
                waiters.let_in();
            }
            let (globals, args) = (self.globals, self.args);
            let (summary, out) = (&mut self.summary, &mut self.out);
            self.progress
                .suspend(|| record(globals, out, args, pending, committed, summary))?;
        }
        Ok(())
    }

    fn fail(&mut self, failed: FailedFile) {
        if !self.args.json {
            self.progress
                .suspend(|| report_failure(self.globals, &failed));
        }
        self.summary.failed.push(failed);
    }
}

/// Files of a batch are reported only once the batch commits, so every line printed
/// names a report that really is in the store.
fn record(
    globals: &Globals,
    out: &mut Out,
    args: &Args,
    pending: Vec<(ImportStatus, ImportedFile)>,
    committed: Result<(), String>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    for (status, entry) in pending {
        if let Err(error) = &committed {
            let failed = FailedFile {
                file: entry.file,
                error: error.clone(),
            };
            if !args.json {
                report_failure(globals, &failed);
            }
            summary.failed.push(failed);
            continue;
        }
        if !args.json {
            report_success(globals, out, status, &entry)?;
        }
        match status {
            ImportStatus::Imported => summary.imported.push(entry),
            ImportStatus::Unchanged => summary.unchanged.push(entry),
            ImportStatus::Replaced => summary.replaced.push(entry),
        }
    }
    Ok(())
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    if len <= 3 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// A file read, cleaned, fingerprinted and packed, ready for the writer.
struct Prepared {
    file: ReadFile,
    entries: IndexEntries,
    packed: PackedReport,
    /// The hashes of its township's reports already in the store.
    known: ReportHashes,
}

impl Prepared {
    /// What it holds in memory, near enough: its bytes as read and its clean text.
    fn weight(&self) -> usize {
        self.file.bytes.len() + self.file.doc.text.len()
    }
}

/// A file read and cleaned, with the identity it will be stored under.
struct ReadFile {
    bytes: Vec<u8>,
    doc: Document,
    identity: Identity,
    source_path: String,
}

impl ReadFile {
    fn report(&self) -> NewReport<'_> {
        let (doc, identity) = (&self.doc, &self.identity);
        NewReport {
            township: &identity.township,
            county: identity.county.as_deref().unwrap_or(""),
            province: identity.province.as_deref(),
            year: identity.year,
            title: doc.meta.title.as_deref(),
            signed_by: doc.meta.signed_by.as_deref(),
            signed_on: doc.meta.signed_on.as_deref(),
            text: &doc.text,
            source_path: &self.source_path,
            format: doc.format.as_str(),
            encoding: &doc.encoding,
            original: &self.bytes,
            artifacts: &doc.artifacts,
        }
    }
}

/// What an importing thread reads of the reports stored before the import began.
struct EarlierYears<'a> {
    /// Its own read-only connection.
    reader: Store,
    /// Reports with lower ids were stored before the import.
    before: i64,
    /// The townships (name, county) that had such reports indexed.
    townships: &'a HashSet<(String, String)>,
}

impl EarlierYears<'_> {
    /// The hashes of a township's reports stored before the import; none read for a
    /// township that had none.
    fn hashes(&self, report: &NewReport<'_>) -> Option<ReportHashes> {
        let key = (report.township.to_string(), report.county.to_string());
        if !self.townships.contains(&key) {
            return None;
        }
        self.reader
            .township_hashes(report.township, report.county, self.before)
            .ok()
    }
}

/// The part of importing a file that needs no writer, run on every core: everything
/// but the writing (reading, cleaning, fingerprints, compression, digests, and reading
/// through `earlier` the hashes of the township's reports stored before the import).
/// The error is the one-line reason shown to the user, in their language. `cwd` is the
/// working folder a relative `file` is in, when known.
fn prepare(
    earlier: Option<&EarlierYears<'_>>,
    file: &Path,
    args: &Args,
    lang: Lang,
    cwd: Option<&Path>,
) -> Result<Prepared, String> {
    let (bytes, doc) = ingest::read_path(file).map_err(|e| ingest_error(lang, &e))?;
    let identity = Identity::resolve(&doc, args, lang)?;
    let entries = IndexEntries::new(ReportEntries::new(&MatchText::new(&doc.text)));
    let file = ReadFile {
        bytes,
        doc,
        identity,
        source_path: absolute(file, cwd),
    };
    let packed = PackedReport::new(&file.report());
    // Not read is not wrong: the writer fingerprints whatever is missing.
    let known = earlier
        .and_then(|earlier| earlier.hashes(&file.report()))
        .unwrap_or_default();
    Ok(Prepared {
        file,
        entries,
        packed,
        known,
    })
}

/// Stores one prepared file in the batch.
fn store_file(
    batch: &mut ImportBatch<'_>,
    file: &Path,
    ready: Prepared,
    args: &Args,
    lang: Lang,
) -> Result<(ImportStatus, ImportedFile), String> {
    let Prepared {
        file: read,
        entries,
        packed,
        known,
    } = ready;
    let status = batch
        .import_with(&read.report(), packed, entries, &known, args.replace)
        .map_err(|e| store_line(&e, lang))?;
    let identity = read.identity;
    Ok((
        status,
        ImportedFile {
            file: file.display().to_string(),
            township: identity.township,
            county: identity.county,
            province: identity.province,
            year: identity.year,
        },
    ))
}

/// Township, county, province and year after command-line overrides.
struct Identity {
    township: String,
    county: Option<String>,
    province: Option<String>,
    year: i32,
}

impl Identity {
    /// Flags win over what the text says; either way names are normalized and the year
    /// checked, so no two identities differ only in what cannot be seen.
    fn resolve(doc: &Document, args: &Args, lang: Lang) -> Result<Identity, String> {
        let meta = &doc.meta;
        let township = args
            .township
            .as_deref()
            .or(meta.township.as_deref())
            .map(names::normalize)
            .filter(|name| !name.is_empty())
            .ok_or_else(|| error_msg(lang, ErrorMsg::NoTownship).to_string())?;
        let year = match (args.year, meta.year) {
            (Some(year), _) => year,
            (None, Some(year)) => names::reporting_year(year).map_err(|_| {
                let range = names::year_range();
                let words = [year, *range.start(), *range.end()].map(|y| y.to_string());
                fill(
                    error_msg(lang, ErrorMsg::YearInText),
                    &[&words[0], &words[1], &words[2]],
                )
            })?,
            (None, None) => return Err(error_msg(lang, ErrorMsg::NoYear).to_string()),
        };
        let place = |flag: &Option<String>, detected: &Option<String>| {
            flag.as_deref()
                .or(detected.as_deref())
                .map(names::normalize)
                .filter(|name| !name.is_empty())
        };
        Ok(Identity {
            township,
            county: place(&args.county, &meta.county),
            province: place(&args.province, &meta.province),
            year,
        })
    }
}

/// Prints one file's result as soon as it is committed, so a reviewer (or a script
/// watching the output) knows exactly what is in the store even if the run is cut short.
fn report_success(
    globals: &Globals,
    out: &mut Out,
    status: ImportStatus,
    entry: &ImportedFile,
) -> anyhow::Result<()> {
    let label = match status {
        ImportStatus::Imported => Msg::Imported,
        ImportStatus::Unchanged => Msg::Unchanged,
        ImportStatus::Replaced => Msg::Replaced,
    };
    writeln!(
        out,
        "{}  {} {} {}",
        msg(globals.lang, label),
        field(&entry.township),
        entry.year,
        field(&entry.file)
    )?;
    out.flush()
}

fn report_failure(globals: &Globals, failed: &FailedFile) {
    eprintln!(
        "{}  {}: {}",
        msg(globals.lang, Msg::Failed),
        field(&failed.file),
        field(&failed.error)
    );
}

fn print_totals(globals: &Globals, out: &mut Out, summary: &Summary) -> anyhow::Result<()> {
    let lang = globals.lang;
    writeln!(
        out,
        "{}: {} {}, {} {}, {} {}, {} {}",
        msg(lang, Msg::ImportSummary),
        msg(lang, Msg::Imported),
        summary.imported.len(),
        msg(lang, Msg::Unchanged),
        summary.unchanged.len(),
        msg(lang, Msg::Replaced),
        summary.replaced.len(),
        msg(lang, Msg::Failed),
        summary.failed.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_says_it_adds_a_large_catch_up_of_the_search_index_and_nothing_less() {
        assert_eq!(catch_up_notice(0, Lang::En), None);
        assert_eq!(catch_up_notice(CATCH_UP_WORTH_SAYING - 1, Lang::Zh), None);
        for lang in [Lang::Zh, Lang::En] {
            let notice = catch_up_notice(230_000, lang).unwrap_or_default();
            assert!(notice.contains("230"), "{notice}");
            assert!(!notice.contains("{}"), "{notice}");
        }
    }
}
