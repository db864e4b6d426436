//! A minimal `.docx` writer for the demo: level-1 and level-2 headings become Word list
//! paragraphs whose `一、` / `（一）` come from numbering.xml, as in many real reports.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// Builds a `.docx` from report text. Lines starting `一、` or `（一）` lose their marker
/// and get Word numbering instead.
pub fn numbered_docx(text: &str) -> zip::result::ZipResult<Vec<u8>> {
    let body: String = text.lines().map(paragraph).collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/numbering.xml", NUMBERING),
        ("word/document.xml", document.as_str()),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(name, SimpleFileOptions::default())?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn paragraph(line: &str) -> String {
    let (level, rest) = numbered(line);
    let numbering = level.map_or(String::new(), |ilvl| {
        format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>"#)
    });
    format!(
        r#"<w:p>{numbering}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(rest)
    )
}

/// Splits a heading marker off: `一、标题` → level 0, `（一）标题` → level 1.
fn numbered(line: &str) -> (Option<u8>, &str) {
    let is_numeral = |c: char| "一二三四五六七八九十".contains(c);
    let count = line.chars().take_while(|&c| is_numeral(c)).count();
    if count > 0 && line.chars().nth(count) == Some('、') {
        let skip: usize = line.chars().take(count + 1).map(char::len_utf8).sum();
        return (Some(0), &line[skip..]);
    }
    if let Some(inner) = line.strip_prefix('（') {
        let count = inner.chars().take_while(|&c| is_numeral(c)).count();
        if count > 0 && inner.chars().nth(count) == Some('）') {
            let skip: usize = inner.chars().take(count + 1).map(char::len_utf8).sum();
            return (Some(1), &inner[skip..]);
        }
    }
    (None, line)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
