//! Writes an image in the layout `format.rs` describes: header, section table, sections.

use crate::BuildResult;
use crate::format::{HEADER_LEN, MAGIC, SECTION_ENTRY_LEN, VERSION};

/// The little-endian bytes of one section, appended number by number.
#[derive(Default)]
pub struct Section(Vec<u8>);

impl Section {
    pub fn u16(&mut self, value: u16) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    pub fn u32(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    pub fn f64(&mut self, value: f64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    pub fn text(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    /// The length so far, as the `u32` the image stores for offsets.
    pub fn len_u32(&self) -> BuildResult<u32> {
        narrow(self.0.len())
    }
}

/// A count or index as the `u32` the images store, or an error when it does not fit.
pub fn narrow(value: usize) -> BuildResult<u32> {
    u32::try_from(value).map_err(|_| format!("{value} does not fit an image's u32").into())
}

/// The image of `kind` holding `sections` in order.
pub fn image<const N: usize>(kind: u32, sections: [Section; N]) -> BuildResult<Vec<u8>> {
    let mut out = Vec::new();
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&narrow(N)?.to_le_bytes());
    let mut offset = HEADER_LEN + N * SECTION_ENTRY_LEN;
    for section in &sections {
        out.extend_from_slice(&narrow(offset)?.to_le_bytes());
        out.extend_from_slice(&narrow(section.0.len())?.to_le_bytes());
        offset += section.0.len();
    }
    for section in sections {
        out.extend_from_slice(&section.0);
    }
    Ok(out)
}
