//! Exports a reviewer hands on: the findings report for the county office (Markdown,
//! CSV, Word, HTML) and the year-over-year comparison itself (a Word document with
//! Word's own tracked changes, and one self-contained HTML page). Writers take data the
//! review service gathered and return bytes; they know no terminal and no SQLite.
//! [`write::write_output`] puts bytes into a file by the rules every export follows.

pub mod csv;
pub mod docx;
pub mod escape;
pub mod html;
pub mod pair;
pub mod report;
pub mod tracked;
pub mod write;

use crate::compare::ledger::LedgerFlag;
use crate::i18n::{Lang, Msg, msg};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot assemble the Word file: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("cannot assemble the export: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Write(#[from] write::WriteError),
    #[error("only one year is open; a comparison needs two")]
    OneYear,
}

/// The name the JSON contract gives a kind (`year-mismatch`, `same-sentence`,
/// `cross-township`): exports name kinds as `--json` does, so a spreadsheet of findings
/// and a script agree.
pub fn json_name<T: serde::Serialize>(kind: T) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// A share as a whole percentage, as the review screen shows it (`96%`).
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The flags of a ledger row in words, joined as the language lists them.
pub fn flag_names(lang: Lang, flags: &[LedgerFlag]) -> String {
    let names: Vec<&str> = flags.iter().map(|f| msg(lang, flag_message(*f))).collect();
    let separator = if lang == Lang::Zh { "、" } else { ", " };
    names.join(separator)
}

fn flag_message(flag: LedgerFlag) -> Msg {
    match flag {
        LedgerFlag::SameSentence => Msg::FlagSameSentence,
        LedgerFlag::SameValue => Msg::FlagSameValue,
        LedgerFlag::Vanished => Msg::FlagVanished,
        LedgerFlag::New => Msg::FlagNew,
        LedgerFlag::Jump => Msg::FlagJump,
        LedgerFlag::Over100Percent => Msg::FlagOver100Percent,
        LedgerFlag::Implausible => Msg::FlagImplausible,
    }
}
