//! HTML pages saved from government sites: the article text only.

use super::IngestError;

/// Extracts the article text with paragraph breaks.
pub fn extract(_html: &str) -> Result<String, IngestError> {
    Err(IngestError::Html("not supported yet".into()))
}
