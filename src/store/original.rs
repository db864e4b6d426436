//! A report's original bytes as stored: nothing at all when they are its clean text
//! (a UTF-8 text file needing no cleaning), zstd-compressed otherwise. The
//! `original_codec` column says which; rows written before it keep their bytes as
//! they were (`raw`).

use std::borrow::Cow;

use super::clean_text::compress;

/// zstd's default level: fast, and a report's text shrinks to about a third.
const LEVEL: i32 = 3;

/// The column values for `original` of a report whose clean text is `text`.
pub(super) fn pack<'a>(original: &'a [u8], text: &str) -> (&'static str, Cow<'a, [u8]>) {
    if original == text.as_bytes() {
        return ("text", Cow::Borrowed(&[]));
    }
    match compress(original, LEVEL) {
        Some(packed) => ("zstd", Cow::Owned(packed)),
        None => ("raw", Cow::Borrowed(original)),
    }
}

/// The original bytes back from the column values; `None` when they do not decode.
pub(super) fn unpack(codec: &str, stored: Vec<u8>, text: &str) -> Option<Vec<u8>> {
    match codec {
        "text" => Some(text.as_bytes().to_vec()),
        "zstd" => zstd::stream::decode_all(stored.as_slice()).ok(),
        _ => Some(stored),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn originals_come_back_byte_for_byte() {
        let text = "某某乡2023年法治政府建设年度报告\n一、主要举措";
        let (codec, stored) = pack(text.as_bytes(), text);
        assert_eq!((codec, stored.len()), ("text", 0));
        assert_eq!(
            unpack(codec, stored.into_owned(), text).as_deref(),
            Some(text.as_bytes())
        );
        let docx: Vec<u8> = (0..5000u32).flat_map(|i| (i % 97).to_le_bytes()).collect();
        let (codec, stored) = pack(&docx, text);
        assert_eq!(codec, "zstd");
        assert!(stored.len() < docx.len() / 4);
        assert_eq!(
            unpack(codec, stored.into_owned(), text).as_ref(),
            Some(&docx)
        );
        assert_eq!(unpack("zstd", b"not zstd".to_vec(), text), None);
        // The thread's context packs as a fresh one does, however often it is used and
        // whatever the thread packed at the clean text's level in between.
        let html = "<p>某某乡2023年法治政府建设年度报告</p>".repeat(50);
        for original in [&docx, html.as_bytes(), &docx] {
            let _ = super::super::clean_text::pack(&html);
            let fresh = zstd::bulk::compress(original, LEVEL).unwrap();
            assert_eq!(pack(original, text).1.into_owned(), fresh);
        }
    }
}
