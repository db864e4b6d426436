//! Text encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

use super::IngestError;

/// Decodes bytes, returning the text and the name of the encoding found.
pub fn decode(bytes: &[u8]) -> Result<(String, String), IngestError> {
    String::from_utf8(bytes.to_vec())
        .map(|s| (s, "UTF-8".to_string()))
        .map_err(|e| IngestError::Encoding(e.to_string()))
}
