//! `nianbao diff`: last year's report beside this year's, section by section.
//!
//! In a terminal the view is side by side, as delta draws it: old on the left, new on
//! the right, one row per aligned sentence pair, CJK text wrapped to display widths,
//! a one-column marker per row so kinds read without colour (` ` unchanged, `#` numbers
//! only, `~` modified, `>` moved, `+` added, `-` removed), changed words highlighted
//! (or, without colour, bracketed as `[-old-]` and `{+new+}`), and runs of unchanged
//! sentences folded.
//!
//! In JSON the preamble is a section with path `"0"` and title `"（开头）"`, the closing
//! one with path `"end"` and title `"（落款）"`.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, anyhow, bail};
use serde::Serialize;

use super::show::find_report;
use super::{Globals, Outcome, print_json};
use crate::compare::ledger::{LedgerRow, ledger};
use crate::compare::{
    Comparison, Edit, EditOp, Region, Row, RowKind, Scores, SectionPair, SectionStatus, compare,
};
use crate::i18n::{Lang, Msg, msg};
use crate::ingest;
use crate::report::normalize::is_printable;
use crate::report::{Part, Report, Sentence, Span};
use crate::tui::wrap::{text_width, wrap};

/// Width used when stdout is not a terminal and `--width` is not given.
const DEFAULT_WIDTH: u16 = 100;

/// Narrower than this, two columns of Chinese text are unreadable.
const MIN_WIDTH: u16 = 40;

/// The preamble's path and title in JSON.
const PREAMBLE_PATH: &str = "0";
const PREAMBLE_TITLE: &str = "（开头）";
/// The closing's path and title in JSON.
const CLOSING_PATH: &str = "end";
const CLOSING_TITLE: &str = "（落款）";

/// Arguments of `nianbao diff`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "标记 / Markers:  ' ' 未变 unchanged   # 仅数字变 numbers only   ~ 改写 modified
                  > 移动 moved   + 新增 added   - 删除 removed

示例 / Examples:
  nianbao diff 杉岭乡                     最近两年 / the two latest years
  nianbao diff 杉岭乡 2021                2021 与上一年 / 2021 and the year before
  nianbao diff 迈陈镇 2019 2020 --county 徐闻县
  nianbao diff 2020.txt 2021.docx --json"
)]
pub struct Args {
    /// TOWNSHIP [OLD_YEAR NEW_YEAR] from the store, or OLD_FILE NEW_FILE.
    #[arg(required = true, num_args = 1..=3, value_name = "TOWNSHIP|FILE")]
    pub targets: Vec<OsString>,
    /// County, when the township name is stored under several.
    #[arg(long)]
    pub county: Option<String>,
    /// Print as JSON; the preamble and closing are sections "0" and "end".
    #[arg(long)]
    pub json: bool,
    /// Line width in columns (default: the terminal's, else 100).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(i64::from(MIN_WIDTH)..))]
    pub width: Option<u16>,
    /// Unchanged sentences shown around each change; longer runs are folded.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub context: usize,
    /// When to colour.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour, as when paging through `less -R`.
    Always,
    /// Never colour; changed words are bracketed.
    Never,
}

/// One side of the comparison: the analysed report and where it came from.
struct Loaded {
    report: Report,
    info: ReportInfo,
}

/// Who wrote a report and for which year, as shown and as JSON.
#[derive(Debug, Clone, Serialize)]
struct ReportInfo {
    township: Option<String>,
    county: Option<String>,
    year: Option<i32>,
    title: Option<String>,
    /// The file compared, in file mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

impl ReportInfo {
    fn from_report(report: &Report, file: Option<&Path>) -> ReportInfo {
        let meta = &report.meta;
        ReportInfo {
            township: meta.township.clone(),
            county: meta.county.clone(),
            year: meta.year,
            title: meta.title.clone(),
            file: file.map(|f| f.display().to_string()),
        }
    }

    /// `杉岭乡 2021`, or the file name when the township is unknown.
    fn label(&self) -> String {
        let name = self
            .township
            .clone()
            .or_else(|| {
                self.file.as_ref().and_then(|f| {
                    Path::new(f)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                })
            })
            .unwrap_or_else(|| "?".to_string());
        match self.year {
            Some(year) => format!("{name} {year}"),
            None => name,
        }
    }
}

/// Compares two reports and prints the side-by-side view or JSON. A diff is
/// information, not a finding: the outcome is always clean.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let (old, new) = load(globals, &args)?;
    let comparison = compare(&old.report, &new.report);
    if args.json {
        print_json(&diff_json(&old, &new, &comparison))?;
        return Ok(Outcome::Clean);
    }
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let view = View {
        old: &old.report,
        new: &new.report,
        lang: globals.lang,
        color: use_color(args.color, is_terminal),
        width: usize::from(width(args.width, is_terminal)),
        context: args.context,
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let written = view
        .write(&mut out, &old.info, &new.info, &comparison)
        .and_then(|()| out.flush());
    match written {
        // A reader who pipes the view into `head` has seen what they wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Clean),
        other => other
            .context("cannot write to stdout")
            .map(|()| Outcome::Clean),
    }
}

fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn width(flag: Option<u16>, is_terminal: bool) -> u16 {
    let width = flag.unwrap_or_else(|| {
        if is_terminal {
            crossterm::terminal::size().map_or(DEFAULT_WIDTH, |(w, _)| w)
        } else {
            DEFAULT_WIDTH
        }
    });
    width.max(MIN_WIDTH)
}

/// Reads the two reports: from files when both targets are files, else from the store.
fn load(globals: &Globals, args: &Args) -> anyhow::Result<(Loaded, Loaded)> {
    if let [old, new] = args.targets.as_slice() {
        let (old_path, new_path) = (Path::new(old), Path::new(new));
        if [old_path, new_path]
            .iter()
            .all(|p| p.exists() && !p.is_dir())
        {
            return Ok((load_file(old_path)?, load_file(new_path)?));
        }
        for path in [old_path, new_path] {
            if year_argument(path.as_os_str()).is_none() && looks_like_path(path) && !path.exists()
            {
                bail!("{}: no such file", path.display());
            }
        }
    } else if let Some(file) = args.targets.iter().map(Path::new).find(|p| p.is_file()) {
        bail!(
            "{}: comparing files needs two of them: nianbao diff OLD_FILE NEW_FILE",
            file.display()
        );
    }
    load_from_store(globals, args)
}

fn looks_like_path(path: &Path) -> bool {
    path.extension().is_some() || path.components().count() > 1
}

fn year_argument(arg: &std::ffi::OsStr) -> Option<i32> {
    arg.to_str()?.trim().parse().ok()
}

fn load_file(path: &Path) -> anyhow::Result<Loaded> {
    let (_, doc) = ingest::read_path(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let report = Report::analyze(&doc.text, doc.meta, doc.artifacts);
    let info = ReportInfo::from_report(&report, Some(path));
    Ok(Loaded { report, info })
}

fn load_from_store(globals: &Globals, args: &Args) -> anyhow::Result<(Loaded, Loaded)> {
    let (township, years) = store_targets(&args.targets)?;
    let store = globals.open_store()?;
    let county = store
        .resolve_county(&township, args.county.as_deref())?
        .ok_or_else(|| {
            anyhow!(
                "no reports for {township} in store {}; see `nianbao list`",
                store.path().display()
            )
        })?;
    let stored = store.years(&township, &county)?;
    let (old_year, new_year) = choose_years(&township, &years, &stored)?;
    let county = Some(county.as_str()).filter(|c| !c.is_empty());
    let load = |year: i32| -> anyhow::Result<Loaded> {
        let stored = find_report(&store, &township, county, year)?;
        let report = stored.analyze();
        let mut info = ReportInfo::from_report(&report, None);
        info.township = Some(stored.township.clone());
        info.county = stored.county.clone();
        info.year = Some(stored.year);
        Ok(Loaded { report, info })
    };
    Ok((load(old_year)?, load(new_year)?))
}

/// Splits the targets into a township and zero to two years.
fn store_targets(targets: &[OsString]) -> anyhow::Result<(String, Vec<i32>)> {
    let Some((first, rest)) = targets.split_first() else {
        bail!("give TOWNSHIP [OLD_YEAR NEW_YEAR] or OLD_FILE NEW_FILE");
    };
    let township = first
        .to_str()
        .ok_or_else(|| {
            anyhow!(
                "{}: not a township name or an existing file",
                first.to_string_lossy()
            )
        })?
        .to_string();
    let years = rest
        .iter()
        .map(|y| {
            year_argument(y).ok_or_else(|| {
                anyhow!(
                    "{}: not a year; give TOWNSHIP [OLD_YEAR NEW_YEAR] or OLD_FILE NEW_FILE",
                    y.to_string_lossy()
                )
            })
        })
        .collect::<anyhow::Result<Vec<i32>>>()?;
    Ok((township, years))
}

/// The years to compare: both given, or the given one and the stored year before it,
/// or the two latest stored years.
fn choose_years(township: &str, given: &[i32], stored: &[i32]) -> anyhow::Result<(i32, i32)> {
    let listed = || {
        stored
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match *given {
        [old, new] => Ok((old, new)),
        [new] => stored
            .iter()
            .copied()
            .filter(|&y| y < new)
            .max()
            .map(|old| (old, new))
            .ok_or_else(|| {
                anyhow!(
                    "no report for {township} before {new} (stored years: {}); give both years",
                    listed()
                )
            }),
        _ => {
            let mut years = stored.to_vec();
            years.sort_unstable();
            match years.as_slice() {
                [.., old, new] => Ok((*old, *new)),
                _ => Err(anyhow!(
                    "{township} has fewer than two years stored ({}); import another year first",
                    listed()
                )),
            }
        }
    }
}

#[derive(Serialize)]
struct DiffJson<'a> {
    old: &'a ReportInfo,
    new: &'a ReportInfo,
    scores: &'a Scores,
    sections: Vec<PairJson<'a>>,
    figures: Vec<LedgerRow>,
}

#[derive(Serialize)]
struct PairJson<'a> {
    old: Option<RegionJson<'a>>,
    new: Option<RegionJson<'a>>,
    parts: &'a [Part],
    status: SectionStatus,
    similarity: f64,
    scores: &'a Scores,
    rows: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct RegionJson<'a> {
    path: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct RowJson<'a> {
    kind: RowKind,
    old: Option<&'a str>,
    new: Option<&'a str>,
    edits: &'a [Edit],
    /// Path of the region the old sentence stands in (another section for a move).
    old_section: Option<&'a str>,
    old_span: Option<Span>,
    new_span: Option<Span>,
}

fn diff_json<'a>(old: &'a Loaded, new: &'a Loaded, comparison: &'a Comparison) -> DiffJson<'a> {
    let (a, b) = (&old.report, &new.report);
    let sections = comparison
        .sections
        .iter()
        .map(|pair| PairJson {
            old: pair.old.map(|r| region_json(a, r)),
            new: pair.new.map(|r| region_json(b, r)),
            parts: &pair.parts,
            status: pair.status,
            similarity: pair.similarity,
            scores: &pair.scores,
            rows: pair.rows.iter().map(|row| row_json(a, b, row)).collect(),
        })
        .collect();
    DiffJson {
        old: &old.info,
        new: &new.info,
        scores: &comparison.scores,
        sections,
        figures: ledger(a, b),
    }
}

fn region_json(report: &Report, region: Region) -> RegionJson<'_> {
    match region {
        Region::Preamble => RegionJson {
            path: PREAMBLE_PATH,
            title: PREAMBLE_TITLE,
        },
        Region::Closing => RegionJson {
            path: CLOSING_PATH,
            title: CLOSING_TITLE,
        },
        Region::Section(i) => report.sections.get(i).map_or(
            RegionJson {
                path: "?",
                title: "",
            },
            |s| RegionJson {
                path: &s.path,
                title: &s.title,
            },
        ),
    }
}

fn row_json<'a>(old: &'a Report, new: &'a Report, row: &'a Row) -> RowJson<'a> {
    let a = row.old.and_then(|i| old.sentences.get(i));
    let b = row.new.and_then(|i| new.sentences.get(i));
    RowJson {
        kind: row.kind,
        old: a.map(|s| s.text.as_str()),
        new: b.map(|s| s.text.as_str()),
        edits: &row.edits,
        old_section: a.map(|s| region_json(old, Region::of(old, s)).path),
        old_span: a.map(|s| s.span),
        new_span: b.map(|s| s.span),
    }
}

/// How a stretch of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    Plain,
    Removed,
    Added,
    Moved,
    Deleted,
    Inserted,
    Faint,
    Heading,
    Changed,
    /// Plain text that opens a bracketed change without colour (`[-`, `{+`): a line
    /// never ends in it.
    Opening,
    /// Plain text that closes a bracketed change (`-]`, `+}`): a line never starts with
    /// it.
    Closing,
}

impl Paint {
    /// The SGR sequence that starts this paint (empty for plain text).
    fn sgr(self) -> &'static str {
        match self {
            Paint::Plain | Paint::Opening | Paint::Closing => "",
            Paint::Removed => "\x1b[31m",
            Paint::Added => "\x1b[32m",
            Paint::Moved => "\x1b[36m",
            Paint::Deleted => "\x1b[1;31;7m",
            Paint::Inserted => "\x1b[1;32;7m",
            Paint::Faint => "\x1b[2m",
            Paint::Heading => "\x1b[1;34m",
            Paint::Changed => "\x1b[1;33m",
        }
    }
}

const RESET: &str = "\x1b[0m";

/// A display line: characters with their paint.
type Cells = Vec<(char, Paint)>;

/// The marker of a row kind, and its paint.
fn marker(kind: RowKind) -> (char, Paint) {
    match kind {
        RowKind::Unchanged => (' ', Paint::Plain),
        RowKind::NumbersOnly => ('#', Paint::Changed),
        RowKind::Modified => ('~', Paint::Changed),
        RowKind::Moved => ('>', Paint::Moved),
        RowKind::Added => ('+', Paint::Added),
        RowKind::Removed => ('-', Paint::Removed),
    }
}

/// The side-by-side terminal view.
struct View<'a> {
    old: &'a Report,
    new: &'a Report,
    lang: Lang,
    color: bool,
    width: usize,
    context: usize,
}

impl View<'_> {
    fn write(
        &self,
        out: &mut impl Write,
        old: &ReportInfo,
        new: &ReportInfo,
        comparison: &Comparison,
    ) -> io::Result<()> {
        self.write_summary(out, old, new, &comparison.scores)?;
        for pair in &comparison.sections {
            writeln!(out)?;
            self.write_pair(out, pair)?;
        }
        Ok(())
    }

    /// Widths of the left and right columns: marker, space, left, ` │ `, right.
    fn columns(&self) -> (usize, usize) {
        let text = self.width.saturating_sub(5).max(2);
        (text / 2, text - text / 2)
    }

    fn write_summary(
        &self,
        out: &mut impl Write,
        old: &ReportInfo,
        new: &ReportInfo,
        scores: &Scores,
    ) -> io::Result<()> {
        let lang = self.lang;
        let title = format!(
            "{} → {}   {} {:.1}%  {} {:.2}  {} {:.2}",
            old.label(),
            new.label(),
            msg(lang, Msg::CopyRatio),
            scores.copy_ratio * 100.0,
            msg(lang, Msg::Cosine),
            scores.cosine,
            msg(lang, Msg::Jaccard),
            scores.jaccard
        );
        self.write_wrapped(out, &title, Paint::Heading)?;
        let c = &scores.counts;
        let counts = [
            (RowKind::Unchanged, Msg::KindUnchanged, c.unchanged),
            (RowKind::NumbersOnly, Msg::KindNumbersOnly, c.numbers_only),
            (RowKind::Modified, Msg::KindModified, c.modified),
            (RowKind::Moved, Msg::KindMoved, c.moved),
            (RowKind::Added, Msg::KindAdded, c.added),
            (RowKind::Removed, Msg::KindRemoved, c.removed),
        ]
        .iter()
        .map(|&(kind, label, n)| {
            let (m, _) = marker(kind);
            format!(
                "{}{} {n}",
                if m == ' ' {
                    String::new()
                } else {
                    format!("{m} ")
                },
                msg(lang, label)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
        self.write_wrapped(out, &counts, Paint::Plain)
    }

    /// Writes free text wrapped to the full width, indenting continuation lines.
    fn write_wrapped(&self, out: &mut impl Write, text: &str, paint: Paint) -> io::Result<()> {
        let cells = cells(text, paint, self.color);
        for (k, line) in wrap_cells(&cells, self.width.saturating_sub(2))
            .iter()
            .enumerate()
        {
            let indent = if k == 0 { "" } else { "  " };
            writeln!(out, "{indent}{}", self.paint(line))?;
        }
        Ok(())
    }

    fn write_pair(&self, out: &mut impl Write, pair: &SectionPair) -> io::Result<()> {
        self.write_header(out, pair)?;
        let shown = visible_rows(&pair.rows, self.context);
        let mut hidden = 0;
        for (row, visible) in pair.rows.iter().zip(shown) {
            if visible {
                self.write_fold(out, hidden)?;
                hidden = 0;
                self.write_row(out, pair, row)?;
            } else {
                hidden += 1;
            }
        }
        self.write_fold(out, hidden)
    }

    fn write_header(&self, out: &mut impl Write, pair: &SectionPair) -> io::Result<()> {
        let lang = self.lang;
        let old = pair.old.map(|r| self.region_label(self.old, r));
        let new = pair.new.map(|r| self.region_label(self.new, r));
        let (mark, label) = match (old, new) {
            (Some(o), Some(n)) if o == n => (' ', o),
            (Some(o), Some(n)) => ('~', format!("{o} → {n}")),
            (None, Some(n)) => ('+', format!("{n}  （{}）", msg(lang, Msg::SectionAdded))),
            (Some(o), None) => ('-', format!("{o}  （{}）", msg(lang, Msg::SectionRemoved))),
            (None, None) => (' ', String::new()),
        };
        let mut details: Vec<String> = Vec::new();
        if !pair.parts.is_empty() {
            let parts: Vec<String> = pair.parts.iter().map(|p| format!("{p:?}")).collect();
            details.push(parts.join(" "));
        }
        if pair.status == SectionStatus::Matched {
            details.push(format!(
                "{} {:.2}",
                msg(lang, Msg::Similarity),
                pair.similarity
            ));
        }
        let has_new_text = pair.rows.iter().any(|r| r.new.is_some());
        if has_new_text {
            details.push(format!(
                "{} {:.0}%",
                msg(lang, Msg::CopyRatio),
                pair.scores.copy_ratio * 100.0
            ));
        }
        let mut text = format!("{mark} ━━ {label}");
        if !details.is_empty() {
            text.push_str("   ");
            text.push_str(&details.join(" · "));
        }
        self.write_wrapped(out, &text, Paint::Heading)
    }

    /// `2.3 加强组织领导`, or the preamble or closing by name.
    fn region_label(&self, report: &Report, region: Region) -> String {
        match region {
            Region::Preamble => format!("（{}）", msg(self.lang, Msg::Preamble)),
            Region::Closing => format!("（{}）", msg(self.lang, Msg::Closing)),
            Region::Section(i) => report
                .sections
                .get(i)
                .map_or_else(String::new, |s| format!("{} {}", s.path, s.title)),
        }
    }

    fn write_fold(&self, out: &mut impl Write, hidden: usize) -> io::Result<()> {
        if hidden == 0 {
            return Ok(());
        }
        let text = format!("  ⋯ {hidden} {} ⋯", msg(self.lang, Msg::FoldedUnchanged));
        let line = cells(&text, Paint::Faint, self.color);
        writeln!(out, "{}", self.paint(&line))
    }

    fn write_row(&self, out: &mut impl Write, pair: &SectionPair, row: &Row) -> io::Result<()> {
        let (left_width, right_width) = self.columns();
        let (left, right) = self.row_cells(pair, row);
        let left = wrap_cells(&left, left_width);
        let right = wrap_cells(&right, right_width);
        let (mark, mark_paint) = marker(row.kind);
        let gutter = self.paint(&cells("│", Paint::Faint, self.color));
        for k in 0..left.len().max(right.len()) {
            let first = if k == 0 {
                (mark, mark_paint)
            } else {
                (' ', Paint::Plain)
            };
            let l = left.get(k).map_or(&[][..], Vec::as_slice);
            let r = right.get(k).map_or(&[][..], Vec::as_slice);
            let pad = left_width.saturating_sub(cells_width(l));
            let mut line = format!(
                "{} {}{:pad$} {gutter}",
                self.paint(&[first]),
                self.paint(l),
                ""
            );
            if !r.is_empty() {
                line.push(' ');
                line.push_str(&self.paint(r));
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// The painted text of each side of a row.
    fn row_cells(&self, pair: &SectionPair, row: &Row) -> (Cells, Cells) {
        let old = row.old.and_then(|i| self.old.sentences.get(i));
        let new = row.new.and_then(|i| self.new.sentences.get(i));
        let text = |s: Option<&Sentence>, paint| {
            s.map_or_else(Vec::new, |s| cells(&s.text, paint, self.color))
        };
        match row.kind {
            RowKind::Unchanged => (text(old, Paint::Plain), text(new, Paint::Plain)),
            RowKind::Removed => (text(old, Paint::Removed), Vec::new()),
            RowKind::Added => (Vec::new(), text(new, Paint::Added)),
            RowKind::Moved => {
                let mut left = self.origin_note(pair, old);
                left.extend(text(old, Paint::Moved));
                (left, text(new, Paint::Moved))
            }
            RowKind::Modified | RowKind::NumbersOnly if !row.edits.is_empty() => {
                let mut left = self.origin_note(pair, old);
                left.extend(self.edit_cells(&row.edits, EditOp::Insert));
                (left, self.edit_cells(&row.edits, EditOp::Delete))
            }
            RowKind::Modified | RowKind::NumbersOnly => {
                (text(old, Paint::Plain), text(new, Paint::Plain))
            }
        }
    }

    /// `（原在 2.3）` before an old sentence that stands in another region than the
    /// pair's old side; nothing otherwise.
    fn origin_note(&self, pair: &SectionPair, old: Option<&Sentence>) -> Cells {
        let Some(sentence) = old else {
            return Vec::new();
        };
        let region = Region::of(self.old, sentence);
        if pair.old == Some(region) {
            return Vec::new();
        }
        let from = match region {
            Region::Section(i) => self.old.sections.get(i).map_or("", |s| s.path.as_str()),
            Region::Preamble => msg(self.lang, Msg::Preamble),
            Region::Closing => msg(self.lang, Msg::Closing),
        };
        let note = format!("（{} {from}）", msg(self.lang, Msg::MovedFrom));
        cells(&note, Paint::Faint, self.color)
    }

    /// One side of an edit script (`skip` is the operation of the other side), changed
    /// words highlighted, or bracketed `[-…-]` / `{+…+}` without colour.
    fn edit_cells(&self, edits: &[Edit], skip: EditOp) -> Cells {
        let mut out = Vec::new();
        for edit in edits.iter().filter(|e| e.op != skip) {
            match edit.op {
                EditOp::Equal => out.extend(cells(&edit.text, Paint::Plain, self.color)),
                EditOp::Delete if self.color => out.extend(cells(&edit.text, Paint::Deleted, true)),
                EditOp::Insert if self.color => {
                    out.extend(cells(&edit.text, Paint::Inserted, true))
                }
                EditOp::Delete => bracketed(&mut out, "[-", &edit.text, "-]"),
                EditOp::Insert => bracketed(&mut out, "{+", &edit.text, "+}"),
            }
        }
        out
    }

    /// The line with escape sequences when colour is on.
    fn paint(&self, line: &[(char, Paint)]) -> String {
        let mut s = String::with_capacity(line.len() * 4);
        let mut current = Paint::Plain;
        for &(c, paint) in line {
            if self.color && paint != current {
                if current != Paint::Plain {
                    s.push_str(RESET);
                }
                s.push_str(paint.sgr());
                current = paint;
            }
            s.push(c);
        }
        if self.color && current != Paint::Plain {
            s.push_str(RESET);
        }
        s
    }
}

/// Appends `text` between bracket cells that wrapping keeps with it.
fn bracketed(out: &mut Cells, open: &str, text: &str, close: &str) {
    out.extend(open.chars().map(|c| (c, Paint::Opening)));
    out.extend(cells(text, Paint::Plain, false));
    out.extend(close.chars().map(|c| (c, Paint::Closing)));
}

/// Report text as cells: control characters dropped, tabs and line breaks as spaces.
fn cells(text: &str, paint: Paint, color: bool) -> Cells {
    let paint = if color { paint } else { Paint::Plain };
    text.chars()
        .filter(|&c| is_printable(c))
        .map(|c| (if c == '\t' || c == '\n' { ' ' } else { c }, paint))
        .collect()
}

/// Wraps cells to `width` columns with the CJK line-breaking rules, brackets of a
/// change kept with the change; a line does not end in spaces.
fn wrap_cells(cells: &[(char, Paint)], width: usize) -> Vec<Cells> {
    // Brackets are wrapped as `(` and `)`, which CJK rules keep with their neighbours.
    let text: String = cells
        .iter()
        .map(|&(c, paint)| match paint {
            Paint::Opening => '(',
            Paint::Closing => ')',
            _ => c,
        })
        .collect();
    wrap(&text, width, false)
        .into_iter()
        .filter_map(|range| cells.get(range))
        .map(|line| {
            let kept = line.len() - line.iter().rev().take_while(|(c, _)| *c == ' ').count();
            line[..kept].to_vec()
        })
        .collect()
}

fn cells_width(cells: &[(char, Paint)]) -> usize {
    text_width(&cells.iter().map(|&(c, _)| c).collect::<String>(), false)
}

/// Which rows to show: every change, and `context` unchanged rows either side of one.
fn visible_rows(rows: &[Row], context: usize) -> Vec<bool> {
    let changed: Vec<bool> = rows.iter().map(|r| r.kind != RowKind::Unchanged).collect();
    (0..rows.len())
        .map(|i| {
            let from = i.saturating_sub(context);
            let to = (i + context + 1).min(rows.len());
            changed[from..to].iter().any(|&c| c)
        })
        .collect()
}
