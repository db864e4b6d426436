//! Recognizes binary content by its magic bytes, so an image or a program saved with a
//! `.txt` name is refused with a name the user understands instead of being decoded
//! into garbage.

/// Signatures of common non-text files: (offset, magic bytes, what to call it).
const SIGNATURES: &[(usize, &[u8], &str)] = &[
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xFF\xD8\xFF", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"\x00\x00\x01\x00", "icon image"),
    (0, b"\x7FELF", "ELF executable"),
    (0, b"MZ", "Windows executable"),
    (0, b"\xCF\xFA\xED\xFE", "Mach-O executable"),
    (0, b"\xCA\xFE\xBA\xBE", "Java class or Mach-O binary"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"\x1F\x8B", "gzip archive"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xFD7zXZ\x00", "xz archive"),
    (0, b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (0, b"Rar!\x1A\x07", "RAR archive"),
    (0, b"\x28\xB5\x2F\xFD", "zstd archive"),
    (257, b"ustar", "tar archive"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg media"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"\x1A\x45\xDF\xA3", "Matroska/WebM video"),
    (4, b"ftyp", "MP4/QuickTime media"),
    (0, b"{\\rtf", "RTF document"),
];

/// Names the kind of binary file the bytes start like, if any.
pub fn magic(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"RIFF") && bytes.len() >= 12 {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media",
        });
    }
    SIGNATURES
        .iter()
        .find(|(offset, sig, _)| bytes.get(*offset..offset + sig.len()) == Some(*sig))
        .map(|(_, _, name)| *name)
}

/// Why decoded text is not text after all: too many control characters (the sign of a
/// binary file that happened to decode). `None` when it reads as text.
pub fn control_noise(text: &str) -> Option<String> {
    let control = binary_controls(text);
    // A real report may carry a few stray control characters from conversion; binary
    // data decoded as text is full of them.
    if control < MIN_BINARY_CONTROLS {
        return None;
    }
    let total = text.chars().count();
    (control * 20 > total)
        .then(|| format!("{control} of {total} characters are control characters"))
}

/// Fewer control characters than this never make a file binary: a short report with an
/// escape sequence pasted in is still a report (clean-up strips them).
const MIN_BINARY_CONTROLS: usize = 16;

/// How many control characters (Unicode `Cc`: U+0000–U+001F, U+007F–U+009F) other than
/// line and page breaks and tabs the text holds, counted on its UTF-8 bytes: a C0
/// control or DEL is its own byte, a C1 control is `C2 80`–`C2 9F`.
fn binary_controls(text: &str) -> usize {
    let bytes = text.as_bytes();
    let c0 = |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0B | 0x0C)) || b == 0x7F;
    let c1 = |lead: u8, next: u8| lead == 0xC2 && (0x80..=0x9F).contains(&next);
    // Counted a block at a time in one byte each, which the compiler turns into
    // vector code; a block never holds more than a byte can count.
    let c0: usize = bytes
        .chunks(COUNT_BLOCK)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &b| n + u8::from(c0(b)))))
        .sum();
    let next = bytes.get(1..).unwrap_or_default();
    let c1: usize = bytes
        .chunks(COUNT_BLOCK)
        .zip(next.chunks(COUNT_BLOCK))
        .map(|(leads, nexts)| {
            let pairs = leads.iter().zip(nexts);
            usize::from(pairs.fold(0u8, |n, (&lead, &next)| n + u8::from(c1(lead, next))))
        })
        .sum();
    c0 + c1
}

/// Bytes [`binary_controls`] counts at once.
const COUNT_BLOCK: usize = 255;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_and_elf_are_named() {
        assert_eq!(magic(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("PNG image"));
        assert_eq!(magic(b"\x7FELF\x02\x01\x01"), Some("ELF executable"));
        assert_eq!(magic(b"RIFF\0\0\0\0WEBPVP8 "), Some("WebP image"));
    }

    #[test]
    fn report_text_has_no_magic() {
        assert_eq!(
            magic("关于报送2020年度法治政府建设工作情况的报告".as_bytes()),
            None
        );
        assert_eq!(magic(b"MZ"), Some("Windows executable"));
        assert_eq!(magic(b"M"), None);
    }

    proptest::proptest! {
        /// Counting on bytes agrees with counting characters.
        #[test]
        fn controls_counted_on_bytes_are_the_control_characters(
            text in "[a-z镇，\u{0}-\u{1f}\u{7f}-\u{a0}\u{c2}\u{2028}]{0,80}"
        ) {
            let expected = text
                .chars()
                .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0b' | '\x0c'))
                .count();
            proptest::prop_assert_eq!(binary_controls(&text), expected);
        }
    }

    #[test]
    fn control_noise_tolerates_a_few_strays() {
        let mut text = "我镇坚持依法行政。\n".repeat(20);
        text.push('\u{7}');
        assert_eq!(control_noise(&text), None);
        let noisy: String = (0..200u8).map(|b| char::from(b % 32)).collect::<String>();
        assert!(control_noise(&noisy).is_some());
    }
}
