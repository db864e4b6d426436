//! The findings report's layout written out: Markdown that keeps its tables when pasted
//! into Word or WPS, one self-contained HTML page, and a Word document with real
//! tables and heading styles.

use super::{Block, title};
use crate::export::ExportError;
use crate::export::docx::body::Body;
use crate::export::docx::package;
use crate::export::escape::{markup, one_line};
use crate::export::html::{page, table};
use crate::i18n::Lang;

/// Markdown: `#` headings, paragraphs, and pipe tables with `|` in cells escaped.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let hashes = "#".repeat(usize::from(*level) + 1);
                out.push_str(&format!("{hashes} {}\n\n", md_cell(text)));
            }
            Block::Paragraph(text) => out.push_str(&format!("{}\n\n", md_cell(text))),
            Block::Table { headers, rows, .. } => {
                let line = |cells: &[String]| {
                    let cells: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&line(headers));
                out.push_str(&format!("|{}\n", "---|".repeat(headers.len())));
                for row in rows {
                    out.push_str(&line(row));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// A cell or line of Markdown: one line, with the characters Markdown reads as markup
/// in running text escaped.
fn md_cell(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        if matches!(
            c,
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One HTML page, without script.
pub fn html(blocks: &[Block], lang: Lang) -> String {
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let level = (level + 1).min(4);
                body.push_str(&format!("<h{level}>{}</h{level}>\n", markup(text)));
            }
            Block::Paragraph(text) => body.push_str(&format!("<p>{}</p>\n", markup(text))),
            Block::Table { headers, rows, .. } => {
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|row| row.iter().map(|c| markup(c)).collect())
                    .collect();
                body.push_str(&table("findings", &headers, &rows));
                body.push('\n');
            }
        }
    }
    page(title(lang), lang, &body, None)
}

/// A Word document: the title, Heading 1–2 styles, real tables.
pub fn docx(blocks: &[Block], lang: Lang, now: &str) -> Result<Vec<u8>, ExportError> {
    let mut body = Body::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => body.heading(*level, text),
            Block::Paragraph(text) => body.text(None, text),
            Block::Table {
                headers,
                rows,
                weights,
            } => {
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                body.table(&headers, rows, weights);
            }
        }
    }
    package(title(lang), now, &body.finish(), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading(1, "松坪乡 <b>".into()),
            Block::Paragraph("a|b\nc".into()),
            Block::Table {
                headers: vec!["甲".into(), "乙".into()],
                rows: vec![vec!["1|2".into(), "<img src=x onerror=alert(1)>".into()]],
                weights: vec![1, 1],
            },
        ]
    }

    #[test]
    fn markdown_tables_keep_their_columns_and_markup_stays_text() {
        let md = markdown(&sample());
        assert!(md.starts_with("## 松坪乡 \\<b\\>\n\n"), "{md}");
        assert!(md.contains("a\\|b c\n"));
        assert!(
            md.contains("| 甲 | 乙 |\n|---|---|\n| 1\\|2 | \\<img src=x onerror=alert(1)\\> |\n")
        );
    }

    #[test]
    fn html_escapes_every_cell() {
        let html = html(&sample(), Lang::Zh);
        assert!(html.contains("<h2>松坪乡 &lt;b&gt;</h2>"));
        assert!(html.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"));
        assert!(!html.contains("<img") && !html.contains("<script"));
    }
}
