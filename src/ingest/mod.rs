//! Bytes → clean text + metadata. Real files arrive as UTF-8, GBK or UTF-16 text, Word
//! `.docx`, or HTML saved from a government site; everything downstream sees only the
//! clean text this module produces.

pub mod clean;
pub mod convert;
pub mod docx;
pub mod encoding;
pub mod furniture;
pub mod html;
pub mod metadata;
mod numbering;
pub mod pdf;
pub mod sniff;
mod xml;

use std::io::Read;
use std::path::Path;

use serde::Serialize;

/// Files larger than this are refused before they are read: a real report is tens of
/// kilobytes, and a huge file is a mistake or an attack.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The source format, detected from the content first and the extension second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Docx,
    Html,
    Doc,
    Wps,
    Pdf,
}

impl Format {
    /// The name stored and shown (`txt`, `docx`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Doc => "doc",
            Format::Wps => "wps",
            Format::Pdf => "pdf",
        }
    }
}

/// What the text says about itself: who wrote it, where, and for which year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub township: Option<String>,
    pub county: Option<String>,
    pub province: Option<String>,
    /// The reporting year: the year the report is about, not the year it was signed.
    pub year: Option<i32>,
    pub title: Option<String>,
    /// The body named in the closing signature (`徐闻县迈陈镇人民政府`).
    pub signed_by: Option<String>,
    /// The signature date as `YYYY-MM-DD`.
    pub signed_on: Option<String>,
}

/// A decoded, cleaned document ready for analysis and storage.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub format: Format,
    /// The detected source encoding (`UTF-8`, `GBK`, `UTF-16LE`, …) or the container.
    pub encoding: String,
    pub meta: Metadata,
    /// Conversion debris removed by clean-up, kept so lint can still report it.
    pub artifacts: Vec<Artifact>,
}

/// A piece of conversion debris (`[bookmark: _GoBack]`) removed from the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Artifact {
    /// The debris as it stood in the source.
    pub text: String,
    /// Character offset in the clean text where it stood.
    pub at: usize,
}

/// Why a file could not be turned into a document. Each message is one line that says
/// what is wrong and, where there is one, what to do.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}, not a regular file; only report files are read")]
    NotRegular(&'static str),
    #[error("file is empty")]
    Empty,
    #[error("file is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("not a text document ({0})")]
    Binary(String),
    #[error("cannot decode text: {0}")]
    Encoding(String),
    #[error("broken .docx: {0}")]
    Docx(String),
    #[error("broken .html: {0}")]
    Html(String),
    #[error("{format} files need a converter: install {install}")]
    NeedsConverter {
        format: &'static str,
        install: &'static str,
    },
    #[error("converter failed: {0}")]
    Converter(String),
    #[error("no report text left after clean-up")]
    NoText,
}

/// Reads a file from disk (refusing anything over [`MAX_FILE_BYTES`]) and ingests it.
pub fn read_path(path: &Path) -> Result<(Vec<u8>, Document), IngestError> {
    let bytes = read_file(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = from_bytes(&name, &bytes)?;
    Ok((bytes, doc))
}

/// Reads the bytes of a file a user named: the one place every command reads input.
/// Only regular files are read (a link is followed first): a device such as
/// `/dev/zero` reports a size of 0 and never ends, and a named pipe blocks until someone
/// writes to it, so neither may hold up the files beside it. The read itself stops one
/// byte past [`MAX_FILE_BYTES`], whatever size the file claimed.
pub fn read_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    refuse_irregular(&std::fs::metadata(path)?)?;
    let file = open_without_blocking(path)?;
    // The handle's own metadata: the path may have been swapped since it was checked.
    let meta = file.metadata()?;
    refuse_irregular(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    // Room for the whole file and one byte more, where the read learns it has ended.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).map_or(0, |n| n + 1));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

fn refuse_irregular(meta: &std::fs::Metadata) -> Result<(), IngestError> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(IngestError::NotRegular(file_kind(&meta.file_type())))
    }
}

/// Opens for reading without waiting for a writer, should the path have become a named
/// pipe after it was checked; on a regular file the flag changes nothing.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What to call a file that is not a regular file, for the one-line refusal.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Turns raw bytes into a document. `file_name` is only a hint (extension, and a weak
/// hint for township and year); the content decides the format.
pub fn from_bytes(file_name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let (raw, format, encoding) = match detect_format(file_name, bytes) {
        Format::Docx => (docx::extract(bytes)?, Format::Docx, "docx".to_string()),
        Format::Html => {
            let (decoded, enc) = encoding::decode_declared(bytes, html::declared_encoding(bytes))?;
            (html::extract(&decoded)?, Format::Html, enc)
        }
        Format::Txt => {
            let (decoded, enc) = encoding::decode(bytes)?;
            if looks_like_html(&decoded) {
                (html::extract(&decoded)?, Format::Html, enc)
            } else {
                (decoded, Format::Txt, enc)
            }
        }
        Format::Pdf => {
            let (text, converter) = convert::convert(Format::Pdf, bytes)?;
            if text.trim().is_empty() {
                return Err(IngestError::Converter(
                    "the PDF holds no text, only images (a scan?): run it through OCR first"
                        .to_string(),
                ));
            }
            (pdf::repair(&text), Format::Pdf, converter)
        }
        other => {
            let (text, converter) = convert::convert(other, bytes)?;
            (text, other, converter)
        }
    };
    let cleaned = clean::clean(&raw);
    if cleaned.text.trim().is_empty() {
        return Err(IngestError::NoText);
    }
    let meta = metadata::detect(&cleaned.text, file_name, &cleaned.page);
    Ok(Document {
        text: cleaned.text,
        format,
        encoding,
        meta,
        artifacts: cleaned.artifacts,
    })
}

/// A page saved under another extension still starts like HTML.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Detects the format from magic bytes, falling back to the extension.
pub fn detect_format(file_name: &str, bytes: &[u8]) -> Format {
    let ext = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Pdf;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return if ext == "wps" {
            Format::Wps
        } else {
            Format::Doc
        };
    }
    match ext.as_str() {
        "html" | "htm" | "shtml" => Format::Html,
        _ => Format::Txt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in "(txt|html|docx|htm)") {
            let _ = from_bytes(&format!("a.{ext}"), &bytes);
        }

        #[test]
        fn arbitrary_text_never_panics(text in "[<>&;#/a-z\"'=!\\- 　一二、（）镇乡县区市省年月日0-9\\n]{0,400}") {
            let _ = from_bytes("a.html", text.as_bytes());
            let _ = from_bytes("a.txt", text.as_bytes());
        }
    }

    #[test]
    fn page_saved_as_txt_is_read_as_html() {
        let doc = from_bytes(
            "page.txt",
            "<!DOCTYPE html><html><body><p>某镇坚持依法行政。</p></body></html>".as_bytes(),
        )
        .unwrap();
        assert_eq!(doc.format, Format::Html);
        assert_eq!(doc.text, "某镇坚持依法行政。\n");
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(matches!(from_bytes("a.txt", b""), Err(IngestError::Empty)));
        assert!(matches!(
            from_bytes("a.txt", " \r\n\u{3000}".as_bytes()),
            Err(IngestError::NoText)
        ));
    }
}
