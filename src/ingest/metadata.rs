//! Metadata detection: township, county, province, reporting year, title, signature.

use super::Metadata;

/// Detects metadata from the clean text, with the file name as a weak hint.
pub fn detect(_text: &str, _file_name: &str) -> Metadata {
    Metadata::default()
}
