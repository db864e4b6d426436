//! Word `.docx`: paragraphs in order, tables as rows (cells separated by a tab), and
//! automatic list numbering rendered into the text as the reader sees it. Deleted
//! revisions, field codes, hidden text and the fallback copies of text boxes are left
//! out. Hostile archives are bounded: entries are capped at [`MAX_ENTRY_BYTES`] by
//! their declared and by their actual size, and XML is read by the guarded reader.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::IngestError;
use super::numbering::{ListLevel, Numbering, ParagraphNumbering};
use super::xml::{self, Node};

/// Largest decompressed size accepted for one archive entry.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// Elements whose whole content is not document text.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "instrText",
    "delInstrText",
    "delText",
    "Fallback",
    "pPrChange",
    "rPrChange",
    "numberingChange",
    "fldData",
    "footnoteReference",
    "endnoteReference",
];

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Extracts the document text, with list numbering rendered as written markers.
pub fn extract(bytes: &[u8]) -> Result<String, IngestError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IngestError::Docx(format!("not a readable zip archive ({e})")))?;
    let main = main_part(&mut archive)?;
    let folder = main.rsplit_once('/').map_or("", |(dir, _)| dir);
    let document = read_entry(&mut archive, &main)?
        .ok_or_else(|| IngestError::Docx(format!("{main} is missing")))?;
    let numbering = read_optional_xml(&mut archive, &join(folder, "numbering.xml"))?;
    let styles = read_optional_xml(&mut archive, &join(folder, "styles.xml"))?;
    let nodes = xml::parse(&document, &main).map_err(IngestError::Docx)?;
    let mut walker = Walker::new(Numbering::new(&numbering, &styles));
    for node in &nodes {
        walker.visit(node);
    }
    Ok(walker.finish())
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// The main document part named by the package relationships, usually
/// `word/document.xml`.
fn main_part(archive: &mut Archive<'_>) -> Result<String, IngestError> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = read_entry(archive, "_rels/.rels")? else {
        return Ok(DEFAULT.to_string());
    };
    let nodes = xml::parse(&rels, "_rels/.rels").map_err(IngestError::Docx)?;
    let target = nodes.iter().find_map(|node| match node {
        Node::Start(e)
            if e.name == "Relationship"
                && e.attr("Type")
                    .is_some_and(|t| t.ends_with("/officeDocument")) =>
        {
            e.attr("Target")
                .map(|t| t.trim_start_matches('/').to_string())
        }
        _ => None,
    });
    Ok(target.unwrap_or_else(|| DEFAULT.to_string()))
}

fn read_optional_xml(archive: &mut Archive<'_>, name: &str) -> Result<Vec<Node>, IngestError> {
    match read_entry(archive, name)? {
        Some(text) => xml::parse(&text, name).map_err(IngestError::Docx),
        None => Ok(Vec::new()),
    }
}

/// Reads one entry as text, refusing it when its declared or actual size passes the
/// cap; `None` when the archive has no such entry.
fn read_entry(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, IngestError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(IngestError::Docx(format!("{name}: {e}"))),
    };
    let too_big = || {
        IngestError::Docx(format!(
            "{name} expands past {} MiB, refused as a possible zip bomb",
            MAX_ENTRY_BYTES / 1024 / 1024
        ))
    };
    if file.size() > MAX_ENTRY_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Docx(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(too_big());
    }
    Ok(Some(xml_text(&bytes)))
}

/// XML parts are UTF-8, occasionally UTF-16 with a byte order mark.
fn xml_text(bytes: &[u8]) -> String {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    numbering: ParagraphNumbering,
}

/// A table being read: finished rows, the cells of the current row, the current cell.
#[derive(Default)]
struct Table {
    rows: Vec<String>,
    cells: Vec<String>,
    cell: String,
}

/// Walks document.xml and writes text.
struct Walker {
    numbering: Numbering,
    out: String,
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    /// Depth inside an element being skipped (0: not skipping).
    skip: usize,
    in_paragraph_properties: bool,
    in_numbering_properties: bool,
    in_run_properties: bool,
    in_text: bool,
    run_hidden: bool,
}

impl Walker {
    fn new(numbering: Numbering) -> Walker {
        Walker {
            numbering,
            out: String::new(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
            skip: 0,
            in_paragraph_properties: false,
            in_numbering_properties: false,
            in_run_properties: false,
            in_text: false,
            run_hidden: false,
        }
    }

    fn visit(&mut self, node: &Node) {
        match node {
            Node::Start(e) => {
                if self.skip > 0 || SKIPPED.contains(&e.name.as_str()) {
                    self.skip += 1;
                    return;
                }
                self.start(e);
            }
            Node::End(name) => {
                if self.skip > 0 {
                    self.skip -= 1;
                    return;
                }
                self.end(name);
            }
            Node::Text(text) => {
                if self.in_text && !self.run_hidden {
                    self.push_text(text);
                }
            }
        }
    }

    fn start(&mut self, e: &xml::Element) {
        let value = e.attr("val");
        match e.name.as_str() {
            "p" => self.paragraphs.push(Paragraph::default()),
            "pPr" => self.in_paragraph_properties = true,
            "numPr" if self.in_paragraph_properties => self.in_numbering_properties = true,
            "ilvl" if self.in_numbering_properties => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.numbering.level = value.map(ListLevel::parse);
                }
            }
            "numId" if self.in_numbering_properties => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.numbering.num_id = value.map(str::to_string);
                }
            }
            "pStyle" if self.in_paragraph_properties => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.numbering.style = value.map(str::to_string);
                }
            }
            "r" => self.run_hidden = false,
            "rPr" => self.in_run_properties = true,
            "vanish" if self.in_run_properties && !self.in_paragraph_properties => {
                self.run_hidden = value.is_none_or(|v| matches!(v, "true" | "1" | "on"));
            }
            "t" => self.in_text = true,
            "tab" if !self.in_paragraph_properties => self.push_text("\t"),
            "br" | "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "sym" => {
                let symbol = e
                    .attr("char")
                    .and_then(|c| u32::from_str_radix(c, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|c| !('\u{F000}'..='\u{F0FF}').contains(c));
                if let Some(c) = symbol {
                    self.push_text(&c.to_string());
                }
            }
            "tbl" => self.tables.push(Table::default()),
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => self.finish_paragraph(),
            "pPr" => self.in_paragraph_properties = false,
            "numPr" => self.in_numbering_properties = false,
            "rPr" => self.in_run_properties = false,
            "t" => self.in_text = false,
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = std::mem::take(&mut t.cell);
                    t.cells.push(cell.trim().replace('\n', " "));
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.cells).join("\t");
                    t.rows.push(row);
                }
            }
            "tbl" => self.finish_table(),
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
        }
    }

    fn finish_paragraph(&mut self) {
        let Some(paragraph) = self.paragraphs.pop() else {
            return;
        };
        let marker = self
            .numbering
            .marker(&paragraph.numbering)
            .unwrap_or_default();
        let line = format!("{marker}{}", paragraph.text);
        self.write_line(&line);
    }

    fn finish_table(&mut self) {
        let Some(table) = self.tables.pop() else {
            return;
        };
        for row in table.rows.iter().filter(|r| !r.trim().is_empty()) {
            self.write_line(row);
        }
    }

    /// A finished line goes into the enclosing table cell, if any, else to the text.
    fn write_line(&mut self, line: &str) {
        if let Some(table) = self.tables.last_mut() {
            if !table.cell.is_empty() && !line.is_empty() {
                table.cell.push(' ');
            }
            table.cell.push_str(line);
        } else {
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_tables_and_skipped_revisions() {
        let xml = body(concat!(
            "<w:p><w:r><w:t>第一段</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\"> 续</w:t></w:r></w:p>",
            "<w:p><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:t>留下的</w:t></w:r></w:p>",
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGEREF _Toc1 \\h</w:instrText></w:r><w:r><w:t>3</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>次数</w:t></w:r></w:p></w:tc></w:tr>",
            "<w:tr><w:tc><w:p><w:r><w:t>普法</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            "<w:p><w:r><w:t>a &amp; b</w:t></w:r></w:p>",
        ));
        let bytes = docx(&[("word/document.xml", &xml)]);
        let text = extract(&bytes).unwrap();
        assert_eq!(
            text,
            "第一段\t 续\n留下的\n3\n可见\n项目\t次数\n普法\t12\na & b\n"
        );
    }

    #[test]
    fn not_a_zip_and_truncated_zip_are_one_line_errors() {
        let err = extract(b"PK\x03\x04 this is not really a zip").unwrap_err();
        assert!(matches!(err, IngestError::Docx(_)));
        assert!(!err.to_string().contains('\n'));
        let whole = docx(&[(
            "word/document.xml",
            &body("<w:p><w:r><w:t>x</w:t></w:r></w:p>"),
        )]);
        let err = extract(&whole[..whole.len() / 2]).unwrap_err();
        assert!(!err.to_string().contains('\n'), "{err}");
    }

    #[test]
    fn missing_document_part() {
        let bytes = docx(&[("other.xml", "<x/>")]);
        let err = extract(&bytes).unwrap_err().to_string();
        assert!(err.contains("word/document.xml"), "{err}");
    }

    /// Patches the uncompressed size of every entry (local header and central
    /// directory) to `size`, as a zip bomb declares it.
    fn declare_size(mut bytes: Vec<u8>, size: u32) -> Vec<u8> {
        let mut i = 0;
        while i + 30 <= bytes.len() {
            if bytes[i..i + 4] == *b"PK\x03\x04" {
                bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            } else if bytes[i..i + 4] == *b"PK\x01\x02" {
                bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
        bytes
    }

    #[test]
    fn zip_bomb_declaring_gigabytes_is_refused() {
        let bytes = docx(&[("word/document.xml", &body("<w:p/>"))]);
        let bomb = declare_size(bytes, 0xFFFF_0000);
        let err = extract(&bomb).unwrap_err().to_string();
        assert!(err.contains("zip bomb"), "{err}");
    }

    #[test]
    fn entry_larger_than_the_cap_is_refused() {
        let filler = " ".repeat(MAX_ENTRY_BYTES as usize + 1024);
        let bytes = docx(&[("word/document.xml", &filler)]);
        let err = extract(&bytes).unwrap_err().to_string();
        assert!(err.contains("zip bomb"), "{err}");
    }
}
