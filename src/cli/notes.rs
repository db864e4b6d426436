//! `nianbao notes`: review notes from scripts, and the findings report for the county
//! office (Markdown that reads well pasted into Word or WPS, or CSV for Excel).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, anyhow, bail};

use super::output::Out;
use super::selects_nothing;
use super::{Globals, Outcome, print_json};
use crate::export::write::write_output;
use crate::i18n::fill;
use crate::i18n::{Lang, Msg, msg};
use crate::report::normalize::printable;
use crate::review::{stored_report, why_not_stored};
use crate::store::{NewNote, Note, NoteKind, ReportKey, SearchFilter, Store, now_iso8601};
use crate::text::clean::field;
use crate::text::clock;

/// Arguments of `nianbao notes`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 / Examples:
  nianbao notes add 杉岭乡 2021 --text \"第二部分未写原因\" --section 2
  nianbao notes list --json
  nianbao notes edit 12 --text \"第二部分仍未写原因\"
  nianbao notes delete 12
  nianbao notes export --format md --output 审阅意见.md
  nianbao notes export --format csv --output 审阅意见.csv --force")]
pub struct Args {
    #[command(subcommand)]
    pub command: NotesCommand,
}

/// What to do with notes.
#[derive(Debug, clap::Subcommand)]
pub enum NotesCommand {
    /// Add a note (or a flag) to a stored report.
    Add(AddArgs),
    /// List notes, flags and reviewed sections.
    List(ListArgs),
    /// Write every note as a findings report.
    Export(ExportArgs),
    /// Replace the text of a note or flag, by its id.
    Edit(super::note_edit::EditArgs),
    /// Delete a note, flag or reviewed mark, by its id.
    Delete(super::note_edit::DeleteArgs),
}

/// Arguments of `nianbao notes add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Township name as listed by `nianbao list`.
    pub township: String,
    /// Reporting year.
    pub year: i32,
    /// The note.
    #[arg(long)]
    pub text: String,
    /// Section path (`2`, `2.1`) as shown by `nianbao inspect`; the whole report if absent.
    #[arg(long, value_name = "PATH")]
    pub section: Option<String>,
    /// County, when the township name is stored under several.
    #[arg(long)]
    pub county: Option<String>,
    /// Record a flag rather than a note.
    #[arg(long)]
    pub flag: bool,
    /// Reviewer's name (default: the login name, then the system account).
    #[arg(long)]
    pub author: Option<String>,
    /// Print the stored note as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `nianbao notes list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this township.
    #[arg(long)]
    pub township: Option<String>,
    /// Only this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Print as JSON: [{"id","township","county","year","section","start","end",
    /// "excerpt","kind","body","author","created_at"}].
    #[arg(long)]
    pub json: bool,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown: headings and lists that survive pasting into Word or WPS.
    Md,
    /// CSV, UTF-8 with a BOM so that Excel reads Chinese correctly.
    Csv,
}

/// Arguments of `nianbao notes export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// md or csv.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE when it exists.
    #[arg(long)]
    pub force: bool,
    /// Only this township.
    #[arg(long)]
    pub township: Option<String>,
    /// Only this year.
    #[arg(long)]
    pub year: Option<i32>,
}

/// Runs `nianbao notes`.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = match args.command {
        NotesCommand::List(_) | NotesCommand::Export(_) => globals.open_store_for_reading()?,
        _ => globals.open_store()?,
    };
    match args.command {
        NotesCommand::Add(args) => add(globals, &store, args),
        NotesCommand::List(args) => list(globals, &store, args),
        NotesCommand::Export(args) => export(globals.lang, &store, args),
        NotesCommand::Edit(args) => super::note_edit::edit(globals.lang, &store, args),
        NotesCommand::Delete(args) => super::note_edit::delete(globals.lang, &store, args),
    }
}

fn add(globals: &Globals, store: &Store, args: AddArgs) -> anyhow::Result<Outcome> {
    let lang = globals.lang;
    let body = printable(args.text.trim());
    if body.is_empty() {
        bail!(
            "{}",
            crate::i18n::error_msg(lang, crate::i18n::ErrorMsg::EmptyNote)
        );
    }
    let stored = stored_report(store, &args.township, args.county.as_deref(), args.year)?;
    let key = stored.key();
    let excerpt = match &args.section {
        Some(path) => {
            let report = stored.analyze();
            let section = report
                .sections
                .iter()
                .find(|s| &s.path == path)
                .ok_or_else(|| {
                    let known: Vec<&str> =
                        report.sections.iter().map(|s| s.path.as_str()).collect();
                    let words = [key.year.to_string(), known.join(", ")];
                    anyhow!(
                        "{}",
                        crate::i18n::error_words(
                            lang,
                            crate::i18n::ErrorMsg::NoSuchSection,
                            &[&key.township, &words[0], path, &words[1]]
                        )
                    )
                })?;
            format!("{}{}", section.marker, section.title)
        }
        None => String::new(),
    };
    let author = crate::review::author::Author::resolve(args.author.as_deref()).name;
    let id = store.add_note(&NewNote {
        key: &key,
        section: args.section.as_deref(),
        sentence: None,
        excerpt: &excerpt,
        kind: if args.flag {
            NoteKind::Flag
        } else {
            NoteKind::Note
        },
        body: &body,
        author: &author,
    })?;
    if args.json {
        let note = store
            .all_notes(Some(&key.township), Some(key.year))?
            .into_iter()
            .find(|n| n.id == id);
        print_json(&note)?;
    } else {
        let mut out = Out::plain(globals.display);
        writeln!(out, "{} (#{id})", msg(lang, Msg::NotesAdded))?;
        out.finish()?;
    }
    Ok(Outcome::Clean)
}

fn list(globals: &Globals, store: &Store, args: ListArgs) -> anyhow::Result<Outcome> {
    let lang = globals.lang;
    let notes = notes_within(lang, store, args.township.as_deref(), args.year)?;
    if args.json {
        print_json(&notes)?;
        return Ok(Outcome::Clean);
    }
    let mut out = Out::paged(globals.display);
    if notes.is_empty() {
        writeln!(out, "{}", msg(lang, Msg::NotesNone))?;
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    for note in &notes {
        let text = match note.kind {
            NoteKind::Reviewed => "",
            _ if note.body.is_empty() => &note.excerpt,
            _ => &note.body,
        };
        writeln!(
            out,
            "#{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            note.id,
            field(&note.township),
            note.year,
            field(note.section.as_deref().unwrap_or("-")),
            kind_label(lang, note.kind),
            field(&note.author),
            field(&clock::local(&note.created_at)),
            printable(text).replace(['\n', '\t'], " ")
        )?;
    }
    out.finish()?;
    Ok(Outcome::Clean)
}

/// The notes of a township and year (each `None` for all); a township or year no
/// stored report has is an error naming it, not "no notes" (notes of reports since
/// replaced are still listed).
fn notes_within(
    lang: Lang,
    store: &Store,
    township: Option<&str>,
    year: Option<i32>,
) -> anyhow::Result<Vec<Note>> {
    let notes = store.all_notes(township, year)?;
    let filter = SearchFilter {
        township: township.map(str::to_string),
        year,
        ..SearchFilter::default()
    };
    if !notes.is_empty()
        || filter == SearchFilter::default()
        || store.filter_selects_any(&filter)?
    {
        return Ok(notes);
    }
    match township {
        Some(township) => Err(why_not_stored(store, township, None, year).into()),
        None => {
            let given = [("--year", year.map(|year| year.to_string()))];
            Err(selects_nothing::filters(lang, &given))
        }
    }
}

fn export(lang: Lang, store: &Store, args: ExportArgs) -> anyhow::Result<Outcome> {
    let notes = notes_within(lang, store, args.township.as_deref(), args.year)?;
    let content = match args.format {
        Format::Md => markdown(lang, store, &notes),
        Format::Csv => csv(lang, &notes),
    };
    match &args.output {
        Some(path) => {
            write_output(path, content.as_bytes(), args.force)?;
            eprintln!(
                "{}",
                fill(
                    msg(lang, Msg::NotesWritten),
                    &[&field(&path.display().to_string())]
                )
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(content.as_bytes())
                .and_then(|_| out.flush())
                .context(crate::i18n::error_msg(
                    lang,
                    crate::i18n::ErrorMsg::CannotWriteStdout,
                ))?;
        }
    }
    Ok(Outcome::Clean)
}

fn kind_label(lang: Lang, kind: NoteKind) -> &'static str {
    msg(
        lang,
        match kind {
            NoteKind::Note => Msg::NotesKindNote,
            NoteKind::Flag => Msg::NotesKindFlag,
            NoteKind::Reviewed => Msg::NotesKindReviewed,
        },
    )
}

/// Notes grouped by report, in report order.
fn by_report(notes: &[Note]) -> BTreeMap<(String, String, i32), Vec<&Note>> {
    let mut groups: BTreeMap<(String, String, i32), Vec<&Note>> = BTreeMap::new();
    for note in notes {
        groups
            .entry((
                note.county.clone().unwrap_or_default(),
                note.township.clone(),
                note.year,
            ))
            .or_default()
            .push(note);
    }
    groups
}

/// Section headings of a stored report by path, for readable exports.
fn section_titles(
    store: &Store,
    county: &str,
    township: &str,
    year: i32,
) -> BTreeMap<String, String> {
    let key = ReportKey {
        township: township.to_string(),
        county: county.to_string(),
        year,
    };
    let Ok(Some(stored)) = store.report(&key) else {
        return BTreeMap::new();
    };
    stored
        .analyze()
        .sections
        .into_iter()
        .map(|s| (s.path, format!("{}{}", s.marker, s.title)))
        .collect()
}

/// The findings report in Markdown: one heading per report, the reviewed sections, then
/// each flag and note with the text it is about.
fn markdown(lang: Lang, store: &Store, notes: &[Note]) -> String {
    let mut out = format!(
        "# {}\n\n{}：{}\n",
        msg(lang, Msg::NotesTitle),
        msg(lang, Msg::NotesGenerated),
        clock::local(&now_iso8601())
    );
    if notes.is_empty() {
        out.push_str(&format!("\n{}\n", msg(lang, Msg::NotesNone)));
        return out;
    }
    for ((county, township, year), group) in by_report(notes) {
        let titles = section_titles(store, &county, &township, year);
        let place = if county.is_empty() {
            printable(&township)
        } else {
            printable(&format!("{county} {township}"))
        };
        out.push_str(&format!("\n## {place} {year}\n"));
        let heading = |path: &Option<String>| -> String {
            match path {
                Some(p) => match titles.get(p) {
                    Some(title) => format!("{p} {}", printable(title)),
                    None => p.clone(),
                },
                None => msg(lang, Msg::NotesWholeReport).to_string(),
            }
        };
        let reviewed: Vec<String> = group
            .iter()
            .filter(|n| n.kind == NoteKind::Reviewed)
            .map(|n| heading(&n.section))
            .collect();
        if !reviewed.is_empty() {
            out.push_str(&format!(
                "\n{}：{}\n",
                msg(lang, Msg::NotesReviewedSections),
                reviewed.join("；")
            ));
        }
        let mut number = 0;
        for note in group.iter().filter(|n| n.kind != NoteKind::Reviewed) {
            number += 1;
            out.push_str(&format!(
                "\n{number}. **{}** {}\n",
                kind_label(lang, note.kind),
                heading(&note.section)
            ));
            let excerpt = one_line(&note.excerpt);
            if !excerpt.is_empty() {
                out.push_str(&format!("   > {excerpt}\n"));
            }
            let body = one_line(&note.body);
            if !body.is_empty() {
                out.push_str(&format!("\n   {body}\n"));
            }
            out.push_str(&format!(
                "\n   （{} {}）\n",
                one_line(&note.author),
                clock::local(&note.created_at)
            ));
        }
    }
    out
}

/// Text on one line, inert in Markdown: control characters dropped, line breaks joined,
/// a leading `#`, `>` or list marker escaped.
fn one_line(text: &str) -> String {
    let joined = printable(text)
        .split(['\n', '\r', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match joined.chars().next() {
        Some('#' | '>' | '-' | '+' | '*' | '|') => format!("\\{joined}"),
        _ => joined,
    }
}

/// The findings as CSV, UTF-8 with a BOM; every note and flag, and reviewed sections.
fn csv(lang: Lang, notes: &[Note]) -> String {
    let mut out = String::from("\u{FEFF}");
    let header = [
        msg(lang, Msg::Township),
        msg(lang, Msg::County),
        msg(lang, Msg::Year),
        msg(lang, Msg::NotesSection),
        msg(lang, Msg::NotesKind),
        msg(lang, Msg::NotesExcerpt),
        msg(lang, Msg::NotesBody),
        msg(lang, Msg::NotesAuthor),
        msg(lang, Msg::NotesTime),
    ];
    push_record(&mut out, header.iter().map(|h| h.to_string()));
    for note in notes {
        push_record(
            &mut out,
            [
                note.township.clone(),
                note.county.clone().unwrap_or_default(),
                note.year.to_string(),
                note.section.clone().unwrap_or_default(),
                kind_label(lang, note.kind).to_string(),
                note.excerpt.clone(),
                note.body.clone(),
                note.author.clone(),
                clock::local(&note.created_at),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    let fields: Vec<String> = fields.map(|f| csv_field(&f)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// One CSV field: quoted when needed, and a leading `=`, `+`, `-` or `@` defused so a
/// spreadsheet never runs report text as a formula.
fn csv_field(text: &str) -> String {
    let clean: String = printable(text).replace('\t', " ");
    let clean = match clean.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{clean}"),
        _ => clean,
    };
    if clean.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("普通"), "普通");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("两行\n文字"), "\"两行\n文字\"");
        assert_eq!(csv_field("a\x1b[2Jb"), "ab");
    }

    #[test]
    fn markdown_text_stays_on_one_inert_line() {
        assert_eq!(one_line("# 标题\n第二行"), "\\# 标题 第二行");
        assert_eq!(one_line("  正文 \r\n 续 "), "正文 续");
    }
}
