//! A report's clean text as stored: zstd-compressed in `reports.text_zstd`, `text` left
//! empty. Rows written before the column (or whose text did not compress) keep their
//! text in `text` and `text_zstd` NULL. Every query that reads a report's text selects
//! both columns side by side and turns them back into the text with [`read`].

use std::cell::RefCell;

use rusqlite::types::Type;

/// zstd's first fast level, measured on reports of a few kilobytes compressed one at a
/// time: level 3 (the default) and level 1 both pack a text to about a third at ~70
/// MB/s, level -1 to ~38% at ~95 MB/s. The importing threads pack every text, so the
/// speed wins; readers decompress at hundreds of MB/s either way.
const LEVEL: i32 = -1;

/// The two columns that together hold the text, of the table aliased `r`, in the
/// order [`read`] takes them.
pub(super) const R_COLUMNS: &str = "r.text, r.text_zstd";

thread_local! {
    /// Each importing thread's compression contexts, one per level used: making one
    /// costs about as much as compressing a report.
    static COMPRESSORS: RefCell<Vec<(i32, zstd::bulk::Compressor<'static>)>> =
        const { RefCell::new(Vec::new()) };

    /// Each reading thread's decompression context: making one cost more than
    /// decompressing a report when every report's partners are read.
    static DECOMPRESSOR: RefCell<Option<zstd::bulk::Decompressor<'static>>> =
        const { RefCell::new(None) };
}

/// The compressed text for `text_zstd`; `None` keeps the text in `text` as it is.
pub(super) fn pack(text: &str) -> Option<Vec<u8>> {
    compress(text.as_bytes(), LEVEL)
}

/// `bytes` compressed at `level` in one frame, as `zstd::bulk::compress` does, on the
/// thread's own context for that level (texts here, originals in `original`).
pub(super) fn compress(bytes: &[u8], level: i32) -> Option<Vec<u8>> {
    COMPRESSORS.with_borrow_mut(|contexts| {
        let at = match contexts.iter().position(|(made_at, _)| *made_at == level) {
            Some(at) => at,
            None => {
                contexts.push((level, zstd::bulk::Compressor::new(level).ok()?));
                contexts.len() - 1
            }
        };
        contexts[at].1.compress(bytes).ok()
    })
}

/// The clean text of a row whose `text, text_zstd` are columns `at` and `at + 1`.
pub(super) fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<String> {
    read_stored(row, at)?
        .unpack()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(at + 1, Type::Blob, Box::new(e)))
}

/// A text as its row holds it, not yet decompressed: what the thread reading rows hands
/// to others to decompress.
pub(super) enum StoredText {
    Plain(String),
    Zstd(Vec<u8>),
}

impl StoredText {
    /// The clean text.
    pub(super) fn unpack(self) -> std::io::Result<String> {
        match self {
            StoredText::Plain(text) => Ok(text),
            StoredText::Zstd(packed) => unpack(&packed),
        }
    }
}

/// [`read`] without the decompression.
pub(super) fn read_stored(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StoredText> {
    let packed: Option<Vec<u8>> = row.get(at + 1)?;
    match packed {
        None => row.get(at).map(StoredText::Plain),
        Some(packed) => Ok(StoredText::Zstd(packed)),
    }
}

/// Largest size a frame may claim and be decompressed into a buffer made that size at
/// once (far above any text an import takes); a larger claim is read as a stream.
const BULK_MAX: usize = 1 << 28;

fn unpack(packed: &[u8]) -> std::io::Result<String> {
    // Texts are packed in one frame that records its size; any other is read as a stream.
    let bytes = match zstd::bulk::Decompressor::upper_bound(packed).filter(|&s| s <= BULK_MAX) {
        Some(size) => DECOMPRESSOR.with_borrow_mut(|decompressor| match decompressor {
            Some(decompressor) => decompressor.decompress(packed, size),
            None => {
                let mut fresh = zstd::bulk::Decompressor::new()?;
                let bytes = fresh.decompress(packed, size);
                *decompressor = Some(fresh);
                bytes
            }
        })?,
        None => zstd::stream::decode_all(packed)?,
    };
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_whether_packed_or_not() {
        let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        let text = "某某乡2023年法治政府建设年度报告\n一、主要举措。".repeat(20);
        let packed = pack(&text).unwrap_or_default();
        assert!(packed.len() < text.len() / 4);
        let got = |sql: &str, blob: Option<&[u8]>| {
            conn.query_row(sql, rusqlite::params![text, blob], |row| read(row, 0))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        assert_eq!(got("SELECT '', ?2", Some(&packed)), text);
        assert_eq!(got("SELECT ?1, ?2", None), text);
        let broken = conn.query_row("SELECT '', x'00ff'", [], |row| read(row, 0));
        assert!(broken.is_err());
    }
}
