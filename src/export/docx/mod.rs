//! Word documents written directly as Office Open XML with the `zip` crate: a complete
//! package ([Content_Types].xml, relationships, styles, settings, comments, document
//! properties) that Word, WPS and LibreOffice open without repair. [`body`] builds the
//! paragraphs and tables; [`comparison`] writes this year's report with its tracked
//! changes against last year's.

pub mod body;
pub mod comparison;
mod parts;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::ExportError;
use super::escape::markup;
use body::styled_run;

/// A Word comment: who wrote it, when, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The id its anchor in the document refers to.
    pub id: usize,
    pub author: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub date: String,
    pub text: String,
}

/// The Word package of a body (from [`body::Body::finish`]) and its comments.
pub fn package(
    title: &str,
    created: &str,
    body: &str,
    comments: &[Comment],
) -> Result<Vec<u8>, ExportError> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {}><w:body>{body}</w:body></w:document>"#,
        parts::NAMESPACES
    );
    let comments = comments_xml(comments);
    let core = parts::core(title, created);
    let files: [(&str, &str); 8] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES),
        ("_rels/.rels", parts::ROOT_RELS),
        ("word/_rels/document.xml.rels", parts::DOCUMENT_RELS),
        ("word/document.xml", &document),
        ("word/styles.xml", parts::STYLES),
        ("word/settings.xml", parts::SETTINGS),
        ("word/comments.xml", &comments),
        ("docProps/core.xml", &core),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files.into_iter().chain([("docProps/app.xml", parts::APP)]) {
        zip.start_file(name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `word/comments.xml`: each comment a paragraph per line of its text (at least one).
fn comments_xml(comments: &[Comment]) -> String {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments {}>"#,
        parts::NAMESPACES
    );
    for comment in comments {
        let initials: String = comment.author.chars().take(1).collect();
        xml.push_str(&format!(
            r#"<w:comment w:id="{}" w:author="{}" w:date="{}" w:initials="{}">"#,
            comment.id,
            markup(&comment.author),
            markup(&comment.date),
            markup(&initials)
        ));
        for (i, line) in comment.text.split('\n').enumerate() {
            let reference = if i == 0 {
                r#"<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>"#
            } else {
                ""
            };
            xml.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{reference}{}</w:p>"#,
                styled_run("", line, "t")
            ));
        }
        xml.push_str("</w:comment>");
    }
    xml.push_str("</w:comments>");
    xml
}
