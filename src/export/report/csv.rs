//! The findings as CSV, one row per finding, for Excel or pandas: lint of both years,
//! flagged figures, text shared with other townships and template text, reviewer notes
//! and flags. UTF-8 with a BOM, so Excel reads the Chinese.

use super::{EXCERPT_CHARS, passage_sources};
use crate::export::csv::record;
use crate::export::escape::excerpt;
use crate::export::{flag_names, json_name};
use crate::i18n::{ExportMsg, Lang, Msg, Noun, counted, export_msg, msg};
use crate::report::lint::SourceReport;
use crate::review::TownshipFindings;
use crate::store::NoteKind;

/// The byte order mark that tells Excel the file is UTF-8.
const BOM: &str = "\u{FEFF}";

/// The whole CSV file: header, then the findings of each township in turn.
pub fn findings_csv(findings: &[TownshipFindings], lang: Lang) -> String {
    let header = [
        msg(lang, Msg::Kind),
        msg(lang, Msg::Township),
        msg(lang, Msg::County),
        msg(lang, Msg::Year),
        msg(lang, Msg::Section),
        msg(lang, Msg::NotesExcerpt),
        export_msg(lang, ExportMsg::Detail),
        msg(lang, Msg::Source),
    ];
    let mut out = format!("{BOM}{}", record(&header));
    for township in findings {
        for row in rows(township, lang) {
            out.push_str(&record(&row));
        }
    }
    out
}

/// The rows of one township: kind, then year, section, excerpt, detail and source
/// (township and county are filled in here).
fn rows(t: &TownshipFindings, lang: Lang) -> Vec<[String; 8]> {
    let mut rows: Vec<[String; 6]> = Vec::new();
    for f in &t.lint {
        let finding = &f.finding;
        rows.push([
            json_name(finding.kind),
            f.year.to_string(),
            finding.section.clone().unwrap_or_default(),
            excerpt(&finding.excerpt, EXCERPT_CHARS),
            finding.text(lang),
            finding
                .source
                .as_ref()
                .map(SourceReport::citation)
                .unwrap_or_default(),
        ]);
    }
    for row in &t.figures {
        let side = row.new.as_ref().or(row.old.as_ref());
        let year = if row.new.is_some() {
            Some(t.new_year)
        } else {
            t.old_year
        };
        for flag in &row.flags {
            rows.push([
                json_name(flag),
                year.map(|y| y.to_string()).unwrap_or_default(),
                side.and_then(|s| s.section.clone()).unwrap_or_default(),
                excerpt(side.map_or("", |s| s.sentence.as_str()), EXCERPT_CHARS),
                format!("{}：{}", row.label, flag_names(lang, &[*flag])),
                String::new(),
            ]);
        }
    }
    for passage in &t.reuse {
        rows.push([
            json_name(passage.kind),
            passage.year.to_string(),
            passage.section.clone().unwrap_or_default(),
            excerpt(&passage.text, EXCERPT_CHARS),
            counted(lang, passage.townships, Noun::Township),
            passage_sources(passage),
        ]);
    }
    for note in t.remarks() {
        let kind = if note.kind == NoteKind::Flag {
            "flag"
        } else {
            "note"
        };
        rows.push([
            kind.to_string(),
            note.year.to_string(),
            note.section.clone().unwrap_or_default(),
            excerpt(&note.excerpt, EXCERPT_CHARS),
            note.body.clone(),
            note.author.clone(),
        ]);
    }
    rows.into_iter()
        .map(|[kind, year, section, excerpt, detail, source]| {
            [
                kind,
                t.township.clone(),
                t.county.clone(),
                year,
                section,
                excerpt,
                detail,
                source,
            ]
        })
        .collect()
}
