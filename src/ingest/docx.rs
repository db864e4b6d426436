//! Word `.docx`: paragraphs, tables and automatic list numbering.

use super::IngestError;

/// Extracts the document text, with list numbering rendered as written markers.
pub fn extract(_bytes: &[u8]) -> Result<String, IngestError> {
    Err(IngestError::Docx("not supported yet".into()))
}
