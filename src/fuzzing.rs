//! Entry points of the fuzz targets in `fuzz/`. They live in the library so that the
//! regression tests replay every input the fuzzer found through exactly the code the
//! fuzzer ran. Each one feeds arbitrary bytes to a parser and checks the promises its
//! callers rely on (no panic, spans inside the text, offsets in order).

use std::io::Write;

use crate::ingest::{self, Metadata, docx, encoding, html};
use crate::report::{Report, Span, sections};

/// Encoding detection and decoding, then the whole text path of ingest.
pub fn decode(data: &[u8]) {
    let _ = encoding::decode(data);
    let _ = encoding::decode_declared(data, html::declared_encoding(data));
    let _ = ingest::from_bytes("fuzz.txt", data);
}

/// A `.docx` as it arrives: zip container, XML parts, list numbering.
pub fn docx(data: &[u8]) {
    let _ = docx::extract(data);
}

/// Separates the parts of a [`docx_parts`] input.
pub const PART_SEPARATOR: &[u8] = b"\n--part--\n";

/// The XML and numbering of a `.docx` past the zip layer: the input is
/// `document.xml`, `numbering.xml` and `styles.xml` separated by [`PART_SEPARATOR`],
/// stored in a well-formed archive so mutations reach the XML rather than failing at the
/// zip checksum.
pub fn docx_parts(data: &[u8]) {
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let mut parts = split(data, PART_SEPARATOR);
    parts.truncate(names.len());
    let Ok(archive) = zip_of(&names, &parts) else {
        return;
    };
    let _ = docx::extract(&archive);
}

/// A page saved from a government site: declared encoding, markup, entities, chrome.
pub fn html(data: &[u8]) {
    let _ = html::declared_encoding(data);
    let _ = html::extract(&String::from_utf8_lossy(data));
    let _ = ingest::from_bytes("fuzz.html", data);
}

/// The section parser on arbitrary text: preamble, sections and closing must stay
/// inside the text, each section inside its parent.
pub fn sections(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let length = text.chars().count();
    let outline = sections::parse(&text);
    assert_within(outline.preamble, length, "preamble");
    if let Some(closing) = outline.closing {
        assert_within(closing, length, "closing");
    }
    for section in &outline.sections {
        assert_within(section.span, length, "section");
        assert!(
            section.span.contains(section.heading),
            "heading outside its section"
        );
        if let Some(parent) = section.parent.and_then(|p| outline.sections.get(p)) {
            assert!(
                parent.span.contains(section.span),
                "section outside its parent"
            );
        }
    }
}

/// Figure extraction (and the rest of the analysis) on arbitrary text; the first line is
/// read as the reporting year when it is one, so year-dependent rules run too.
pub fn figures(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let year = text.lines().next().and_then(|l| l.trim().parse().ok());
    let meta = Metadata {
        year,
        ..Metadata::default()
    };
    let report = Report::analyze(&text, meta, Vec::new());
    let length = text.chars().count();
    for figure in &report.figures {
        assert_within(figure.span, length, "figure");
    }
    for span in report.lint.iter().filter_map(|f| f.span) {
        assert_within(span, length, "lint finding");
    }
    let _ = serde_json::to_string(&report.figures);
}

fn assert_within(span: Span, length: usize, what: &str) {
    assert!(
        span.start <= span.end && span.end <= length,
        "{what} span {span:?} outside a text of {length} characters"
    );
}

fn split<'a>(data: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(separator.len()).position(|w| w == separator) {
        parts.push(&rest[..at]);
        rest = &rest[at + separator.len()..];
    }
    parts.push(rest);
    parts
}

fn zip_of(names: &[&str], parts: &[&[u8]]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.iter().zip(parts) {
        zip.start_file(*name, options)?;
        zip.write_all(part)?;
    }
    Ok(zip.finish()?.into_inner())
}
