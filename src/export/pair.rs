//! The comparison of an open pair as a file, chosen by format: what `nianbao export`
//! and the interface's export prompt both make, and the file name both offer.

use std::path::PathBuf;

use super::ExportError;
use super::docx::comparison::{ComparisonInput, comparison_docx};
use super::html::comparison::comparison_html;
use crate::i18n::Lang;
use crate::review::{OpenedPair, PairData};
use crate::text::clock;

/// The formats a comparison is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairFormat {
    /// Word with tracked changes and comments.
    Docx,
    /// One self-contained HTML page.
    Html,
}

impl PairFormat {
    /// Every format, in the order a prompt offers them.
    pub const ALL: [PairFormat; 2] = [PairFormat::Docx, PairFormat::Html];

    /// The file name extension, which is also the format's name.
    pub fn extension(self) -> &'static str {
        match self {
            PairFormat::Docx => "docx",
            PairFormat::Html => "html",
        }
    }

    /// The file's bytes.
    pub fn render(self, input: &ComparisonInput<'_>) -> Result<Vec<u8>, ExportError> {
        match self {
            PairFormat::Docx => comparison_docx(input),
            PairFormat::Html => Ok(comparison_html(input)?.into_bytes()),
        }
    }

    /// The file's bytes for a pair opened with its review records, dated now: what both
    /// front ends write.
    pub fn render_opened(self, opened: &OpenedPair, lang: Lang) -> Result<Vec<u8>, ExportError> {
        let now = clock::now_utc();
        self.render(&ComparisonInput {
            pair: &opened.data,
            notes: &opened.notes,
            lang,
            now: &now,
        })
    }
}

/// `杉岭乡-2020-2021.docx`: the township and years in the current folder, with
/// characters a file name cannot hold replaced.
pub fn default_name(pair: &PairData, format: PairFormat) -> PathBuf {
    let old = pair.old_year.map(|y| y.to_string()).unwrap_or_default();
    let name: String = format!("{}-{old}-{}", pair.township, pair.new_year)
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    PathBuf::from(format!(
        "{}.{}",
        name.trim_start_matches('.'),
        format.extension()
    ))
}
