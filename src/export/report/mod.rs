//! The county office's findings report. Its content is laid out once, as headings,
//! paragraphs and tables ([`Block`]), from the findings the review service gathered;
//! [`render`] writes that layout as Markdown, HTML or Word, so every format says the
//! same. [`csv`] lists the findings themselves, one row each, for a spreadsheet.

pub mod csv;
pub mod render;

use crate::export::escape::excerpt;
use crate::export::{flag_names, percent};
use crate::i18n::{ExportMsg, Lang, Msg, export_msg, fill, lint_kind_name, msg};
use crate::reuse::Kind;
use crate::review::{SharedPassage, TownshipFindings};
use crate::store::NoteKind;
use crate::text::clock;

/// Longest excerpt of report text in a table cell.
const EXCERPT_CHARS: usize = 80;

/// One piece of a findings report's layout; text is plain (renderers escape it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 0 is the title.
    Heading(u8, String),
    Paragraph(String),
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
        /// Relative column widths, for Word.
        weights: Vec<u32>,
    },
}

/// The findings report's layout: title, summary table, then each township.
pub fn layout(findings: &[TownshipFindings], lang: Lang, now: &str) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading(0, msg(lang, Msg::NotesTitle).to_string()),
        Block::Paragraph(format!(
            "{}：{}",
            msg(lang, Msg::NotesGenerated),
            clock::local(now)
        )),
        Block::Heading(1, export_msg(lang, ExportMsg::Summary).to_string()),
        summary_table(findings, lang),
    ];
    for township in findings {
        township_blocks(&mut blocks, township, lang);
    }
    blocks
}

/// The title of the report, for a page or document title.
pub fn title(lang: Lang) -> &'static str {
    msg(lang, Msg::NotesTitle)
}

fn table(headers: &[&str], rows: Vec<Vec<String>>, weights: &[u32]) -> Block {
    Block::Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        weights: weights.to_vec(),
    }
}

/// `2022—2023`, or the one year.
fn years(township: &TownshipFindings) -> String {
    match township.old_year {
        Some(old) => format!("{old}—{}", township.new_year),
        None => township.new_year.to_string(),
    }
}

fn summary_table(findings: &[TownshipFindings], lang: Lang) -> Block {
    let rows = findings
        .iter()
        .map(|t| {
            vec![
                t.township.clone(),
                t.county.clone(),
                years(t),
                t.copy_ratio.map_or_else(|| "-".to_string(), percent),
                t.lint.len().to_string(),
                t.figures.len().to_string(),
                t.remarks().count().to_string(),
                format!("{}/{}", t.reviewed.len(), t.section_count),
            ]
        })
        .collect();
    let headers = [
        msg(lang, Msg::Township),
        msg(lang, Msg::County),
        msg(lang, Msg::Years),
        msg(lang, Msg::CopyRatio),
        msg(lang, Msg::Lint),
        export_msg(lang, ExportMsg::FlaggedFigures),
        msg(lang, Msg::TuiNotes),
        msg(lang, Msg::NotesReviewedSections),
    ];
    table(&headers, rows, &[3, 3, 2, 2, 1, 2, 1, 2])
}

/// Everything said about one township, under its own heading.
fn township_blocks(blocks: &mut Vec<Block>, t: &TownshipFindings, lang: Lang) {
    let county = if t.county.is_empty() {
        String::new()
    } else {
        format!("（{}）", t.county)
    };
    blocks.push(Block::Heading(
        1,
        format!("{}{county} {}", t.township, years(t)),
    ));
    match t.copy_ratio {
        Some(ratio) => {
            blocks.push(Block::Paragraph(format!(
                "{}：{}",
                msg(lang, Msg::CopyRatio),
                percent(ratio)
            )));
            copy_by_section(blocks, t, lang);
        }
        None => blocks.push(Block::Paragraph(
            export_msg(lang, ExportMsg::OneYear).to_string(),
        )),
    }
    reuse_blocks(blocks, t, lang);
    lint_blocks(blocks, t, lang);
    figure_blocks(blocks, t, lang);
    note_blocks(blocks, t, lang);
    reviewed_blocks(blocks, t, lang);
}

fn copy_by_section(blocks: &mut Vec<Block>, t: &TownshipFindings, lang: Lang) {
    let rows = t
        .sections
        .iter()
        .map(|s| {
            let heading = match s.path.as_str() {
                "0" if s.heading.is_empty() => msg(lang, Msg::Preamble).to_string(),
                "end" if s.heading.is_empty() => msg(lang, Msg::Closing).to_string(),
                _ => s.heading.clone(),
            };
            vec![
                s.path.clone(),
                heading,
                percent(s.copy_ratio),
                s.sentences.to_string(),
            ]
        })
        .collect();
    let headers = [
        msg(lang, Msg::Section),
        msg(lang, Msg::Title),
        msg(lang, Msg::CopyRatio),
        msg(lang, Msg::Sentence),
    ];
    blocks.push(Block::Heading(
        2,
        export_msg(lang, ExportMsg::CopyBySection).to_string(),
    ));
    blocks.push(table(&headers, rows, &[1, 5, 1, 1]));
}

/// Passages shared with other townships (with where they have them), then template
/// text.
fn reuse_blocks(blocks: &mut Vec<Block>, t: &TownshipFindings, lang: Lang) {
    let headers = [
        msg(lang, Msg::Year),
        msg(lang, Msg::Section),
        msg(lang, Msg::NotesExcerpt),
        msg(lang, Msg::Source),
    ];
    for (title, template) in [
        (ExportMsg::SharedText, false),
        (ExportMsg::TemplateText, true),
    ] {
        let rows: Vec<Vec<String>> = t
            .reuse
            .iter()
            .filter(|p| (p.kind == Kind::Template) == template)
            .map(|p| {
                vec![
                    p.year.to_string(),
                    p.section.clone().unwrap_or_default(),
                    excerpt(&p.text, EXCERPT_CHARS),
                    passage_sources(p),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(2, export_msg(lang, title).to_string()));
        blocks.push(table(&headers, rows, &[1, 1, 5, 3]));
    }
}

/// `青石镇 2022 §2.1；…`: where other townships have a passage.
pub fn passage_sources(passage: &SharedPassage) -> String {
    let sources: Vec<String> = passage
        .sources
        .iter()
        .map(|s| {
            let mut text = s.township.clone();
            if let Some(year) = s.year {
                text.push_str(&format!(" {year}"));
            }
            if let Some(section) = &s.section {
                text.push_str(&format!(" §{section}"));
            }
            text
        })
        .collect();
    sources.join("；")
}

fn lint_blocks(blocks: &mut Vec<Block>, t: &TownshipFindings, lang: Lang) {
    blocks.push(Block::Heading(
        2,
        export_msg(lang, ExportMsg::LintTitle).to_string(),
    ));
    if t.lint.is_empty() {
        blocks.push(Block::Paragraph(msg(lang, Msg::NoFindings).to_string()));
        return;
    }
    let rows = t
        .lint
        .iter()
        .map(|f| {
            let finding = &f.finding;
            let mut detail = finding.text(lang);
            if let Some(source) = &finding.source {
                detail.push_str(&fill(
                    export_msg(lang, ExportMsg::SourceNote),
                    &[&source.citation()],
                ));
            }
            vec![
                f.year.to_string(),
                finding.section.clone().unwrap_or_default(),
                lint_kind_name(lang, finding.kind).to_string(),
                detail,
                excerpt(&finding.excerpt, EXCERPT_CHARS),
            ]
        })
        .collect();
    let headers = [
        msg(lang, Msg::Year),
        msg(lang, Msg::Section),
        msg(lang, Msg::Kind),
        export_msg(lang, ExportMsg::Detail),
        msg(lang, Msg::NotesExcerpt),
    ];
    blocks.push(table(&headers, rows, &[1, 1, 2, 4, 4]));
}

fn figure_blocks(blocks: &mut Vec<Block>, t: &TownshipFindings, lang: Lang) {
    blocks.push(Block::Heading(
        2,
        export_msg(lang, ExportMsg::FlaggedFigures).to_string(),
    ));
    if t.figures.is_empty() {
        blocks.push(Block::Paragraph(
            export_msg(lang, ExportMsg::NoFlaggedFigures).to_string(),
        ));
        return;
    }
    let side = |s: &Option<crate::compare::ledger::LedgerSide>| {
        s.as_ref()
            .map_or_else(|| "-".to_string(), |s| s.surface.clone())
    };
    let rows = t
        .figures
        .iter()
        .map(|row| {
            vec![
                row.label.clone(),
                side(&row.old),
                side(&row.new),
                row.change_text.clone().unwrap_or_default(),
                flag_names(lang, &row.flags),
            ]
        })
        .collect();
    let headers = [
        msg(lang, Msg::Label),
        msg(lang, Msg::Previous),
        msg(lang, Msg::Current),
        msg(lang, Msg::Change),
        msg(lang, Msg::Flags),
    ];
    blocks.push(table(&headers, rows, &[4, 2, 2, 2, 2]));
}

fn note_blocks(blocks: &mut Vec<Block>, t: &TownshipFindings, lang: Lang) {
    blocks.push(Block::Heading(2, msg(lang, Msg::TuiNotes).to_string()));
    let rows: Vec<Vec<String>> = t
        .remarks()
        .map(|note| {
            let kind = match note.kind {
                NoteKind::Flag => msg(lang, Msg::NotesKindFlag),
                _ => msg(lang, Msg::NotesKindNote),
            };
            let section = note
                .section
                .clone()
                .unwrap_or_else(|| msg(lang, Msg::NotesWholeReport).to_string());
            vec![
                note.year.to_string(),
                section,
                kind.to_string(),
                note.body.clone(),
                note.author.clone(),
                clock::local(&note.created_at),
            ]
        })
        .collect();
    if rows.is_empty() {
        blocks.push(Block::Paragraph(msg(lang, Msg::NotesNone).to_string()));
        return;
    }
    let headers = [
        msg(lang, Msg::Year),
        msg(lang, Msg::NotesSection),
        msg(lang, Msg::NotesKind),
        msg(lang, Msg::NotesBody),
        msg(lang, Msg::NotesAuthor),
        msg(lang, Msg::NotesTime),
    ];
    blocks.push(table(&headers, rows, &[1, 1, 1, 5, 2, 2]));
}

fn reviewed_blocks(blocks: &mut Vec<Block>, t: &TownshipFindings, lang: Lang) {
    blocks.push(Block::Heading(
        2,
        export_msg(lang, ExportMsg::Reviewed).to_string(),
    ));
    let count = format!("{}/{}", t.reviewed.len(), t.section_count);
    if t.reviewed.is_empty() {
        let none = export_msg(lang, ExportMsg::NoneReviewed);
        blocks.push(Block::Paragraph(format!("{count}：{none}")));
        return;
    }
    let sections: Vec<String> = t
        .reviewed
        .iter()
        .map(|s| format!("{} {}", s.path, s.heading).trim().to_string())
        .collect();
    blocks.push(Block::Paragraph(format!(
        "{count}：{}",
        sections.join("；")
    )));
}
