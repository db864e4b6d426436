//! Clean-up that keeps meaning: page furniture (see [`super::furniture`]), conversion
//! artifacts, zero-width and control characters, line endings. Everything else (full-width spaces, masked digits `***`, even mojibake)
//! stays as written, because a reviewer must see what the township handed in.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::Artifact;
use super::furniture::{self, PageFields};

/// Clean text and the debris taken out of it.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub text: String,
    /// Each removed artifact with its character offset in `text`, so lint can still
    /// point at the spot.
    pub artifacts: Vec<Artifact>,
    /// What the page's metadata table said, when the text was copied off a web page.
    pub page: PageFields,
}

/// Debris left by Word-to-text conversion: bookmarks and field codes.
static ARTIFACT: LazyLock<Regex> = LazyLock::new(|| {
    let patterns = [
        r"\[bookmark:[^\]\n]*\]",
        r#"HYPERLINK(?:[ \t]+\\[a-z])?[ \t]+"[^"\n]*"(?:[ \t]+\\[a-z](?:[ \t]+"[^"\n]*")?)*"#,
        r"PAGEREF[ \t]+_Toc\d+(?:[ \t]+\\[a-z])*",
        r#"TOC[ \t]+\\o[ \t]+"[^"\n]*"(?:[ \t]+\\[a-z])*"#,
        r"(?:\\\*[ \t]*)?MERGEFORMAT(?:INET)?",
    ];
    Regex::new(&patterns.join("|")).unwrap_or_else(|e| panic!("artifact pattern: {e}"))
});

/// Returns the text with page furniture, artifacts and invisible characters removed and
/// line endings normalized to `\n`.
pub fn clean(raw: &str) -> Cleaned {
    let stripped = furniture::strip(&normalize_line_breaks(raw));
    let text = stripped.text;
    if find_char(&text, could_be_invisible, is_invisible).is_none() && !ARTIFACT.is_match(&text) {
        // Nothing to take out: most texts.
        return Cleaned {
            text,
            artifacts: Vec::new(),
            page: stripped.page,
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut out_chars = 0usize;
    let mut counted = 0usize;
    let mut artifacts = Vec::new();
    let mut rest_start = 0usize;
    for found in ARTIFACT.find_iter(&text) {
        push_visible(&mut out, &text[rest_start..found.start()]);
        out_chars += out[counted..].chars().count();
        counted = out.len();
        artifacts.push(Artifact {
            text: found.as_str().to_string(),
            at: out_chars,
        });
        rest_start = found.end();
    }
    push_visible(&mut out, &text[rest_start..]);
    Cleaned {
        text: out,
        artifacts,
        page: stripped.page,
    }
}

/// `\r\n` and lone `\r` become `\n`; so do the characters that mean a line or page
/// break (vertical tab from Word's manual breaks, form feed from PDF page ends, the
/// Unicode line and paragraph separators, NEL).
fn normalize_line_breaks(raw: &str) -> Cow<'_, str> {
    let Some(first) = find_char(raw, could_break_line, is_line_break) else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first.0]);
    let mut rest = &raw[first.0..];
    // Runs without a break character are copied whole.
    while let Some((at, len)) = find_char(rest, could_break_line, is_line_break) {
        out.push_str(&rest[..at]);
        out.push('\n');
        let after = &rest[at..];
        rest = &after[if after.starts_with("\r\n") { 2 } else { len }..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The characters [`normalize_line_breaks`] turns into `\n`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\r' | '\x0b' | '\x0c' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// True when a character starting with bytes `b0 b1 b2` (0 past the end) is one
/// [`is_line_break`] accepts: `\r`, VT, FF, NEL (`C2 85`), U+2028 and U+2029
/// (`E2 80 A8`, `E2 80 A9`). Written without short-circuits, for vector code.
fn could_break_line(b0: u8, b1: u8, b2: u8) -> bool {
    matches!(b0, b'\r' | 0x0B | 0x0C)
        | ((b0 == 0xC2) & (b1 == 0x85))
        | ((b0 == 0xE2) & (b1 == 0x80) & matches!(b2, 0xA8 | 0xA9))
}

/// Appends the text without invisible characters.
fn push_visible(out: &mut String, text: &str) {
    let mut rest = text;
    // Runs of visible characters are copied whole.
    while let Some((at, len)) = find_char(rest, could_be_invisible, is_invisible) {
        out.push_str(&rest[..at]);
        rest = &rest[at + len..];
    }
    out.push_str(rest);
}

/// True when a character starting with bytes `b0 b1 b2` (0 past the end) is one
/// [`is_invisible`] accepts: C0 controls but newline and tab, DEL, C1 controls
/// (`C2 80`–`C2 9F`), zero-width characters (`E2 80 8B`–`8D`, `E2 81 A0`) and the BOM
/// (`EF BB BF`). Written without short-circuits, for vector code.
fn could_be_invisible(b0: u8, b1: u8, b2: u8) -> bool {
    ((b0 < 0x20) & (b0 != b'\n') & (b0 != b'\t'))
        | (b0 == 0x7F)
        | ((b0 == 0xC2) & (0x80..=0x9F).contains(&b1))
        | ((b0 == 0xE2) & (b1 == 0x80) & (0x8B..=0x8D).contains(&b2))
        | ((b0 == 0xE2) & (b1 == 0x81) & (b2 == 0xA0))
        | ((b0 == 0xEF) & (b1 == 0xBB) & (b2 == 0xBF))
}

/// Bytes [`find_char`] tests at once: a block where no character can start is passed
/// over by one test the compiler turns into vector code.
const SCAN_BLOCK: usize = 64;

/// The byte offset and length of the first character of `text` that `wanted` accepts,
/// looking only at characters whose first bytes `could_start` accepts: a byte scan
/// instead of decoding every character.
fn find_char(
    text: &str,
    could_start: impl Fn(u8, u8, u8) -> bool,
    wanted: impl Fn(char) -> bool,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + SCAN_BLOCK).min(bytes.len());
        if block_may_start(bytes, start..end, &could_start) {
            for at in (start..end).filter(|&i| could_start(bytes[i], byte(i + 1), byte(i + 2))) {
                if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
                    && wanted(c)
                {
                    return Some((at, c.len_utf8()));
                }
            }
        }
        start = end;
    }
    None
}

/// False when no byte of `bytes[block]` starts a character `could_start` accepts; true
/// too for the last bytes of the text, which are then read one by one.
fn block_may_start(
    bytes: &[u8],
    block: std::ops::Range<usize>,
    could_start: &impl Fn(u8, u8, u8) -> bool,
) -> bool {
    let (start, end) = (block.start, block.end);
    match (
        bytes.get(start..end),
        bytes.get(start + 1..end + 1),
        bytes.get(start + 2..end + 2),
    ) {
        (Some(first), Some(second), Some(third)) => first
            .iter()
            .zip(second)
            .zip(third)
            .fold(false, |any, ((&b0, &b1), &b2)| {
                any | could_start(b0, b1, b2)
            }),
        _ => true,
    }
}

/// Zero-width characters and control characters other than newline and tab.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    ) || (c.is_control() && c != '\n' && c != '\t')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Copying runs whole gives what going character by character gives.
        #[test]
        fn runs_copied_whole_equal_character_by_character(
            raw in "[a-z甲乙，“”…\r\n\t\u{b}\u{c}\u{85}\u{2028}\u{2029}\u{200b}\u{200d}\u{2060}\u{feff}\u{7}\u{7f}\u{9f}\u{a0}]{0,60}"
        ) {
            let mut broken = String::new();
            let mut chars = raw.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    continue;
                }
                broken.push(if is_line_break(c) { '\n' } else { c });
            }
            prop_assert_eq!(&normalize_line_breaks(&raw), &broken);
            let mut visible = String::new();
            push_visible(&mut visible, &raw);
            let expected: String = raw.chars().filter(|&c| !is_invisible(c)).collect();
            prop_assert_eq!(visible, expected);
        }
    }

    /// The byte tests accept exactly the characters taken out or turned into breaks.
    #[test]
    fn the_byte_tests_accept_exactly_the_characters_they_stand_for() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut bytes = [0u8; 4];
            c.encode_utf8(&mut bytes);
            let [b0, b1, b2, _] = bytes;
            assert_eq!(could_be_invisible(b0, b1, b2), is_invisible(c), "{c:?}");
            assert_eq!(could_break_line(b0, b1, b2), is_line_break(c), "{c:?}");
        }
    }

    #[test]
    fn characters_are_found_in_every_block_and_at_the_very_end() {
        for len in [0, 1, 62, 63, 64, 65, 127, 128, 200] {
            let text = format!("{}\u{200B}", "a".repeat(len));
            let found = find_char(&text, could_be_invisible, is_invisible);
            assert_eq!(found, Some((len, 3)), "{len}");
            let text = format!("{}\u{7}b", "甲".repeat(len));
            let found = find_char(&text, could_be_invisible, is_invisible);
            assert_eq!(found, Some((3 * len, 1)), "{len}");
        }
        assert_eq!(
            find_char("甲乙，“丙”\n", could_be_invisible, is_invisible),
            None
        );
    }

    fn char_at(text: &str, at: usize) -> String {
        text.chars().skip(at).take(4).collect()
    }

    #[test]
    fn bookmark_is_removed_and_recorded_at_its_character_offset() {
        let raw = "一、主要举措\r\n[bookmark: _GoBack]（二）健全决策机制";
        let cleaned = clean(raw);
        assert_eq!(cleaned.text, "一、主要举措\n（二）健全决策机制");
        assert_eq!(cleaned.artifacts.len(), 1);
        assert_eq!(cleaned.artifacts[0].text, "[bookmark: _GoBack]");
        // Seven characters precede it: 一、主要举措 and the newline.
        assert_eq!(cleaned.artifacts[0].at, 7);
        assert_eq!(char_at(&cleaned.text, cleaned.artifacts[0].at), "（二）健");
    }

    #[test]
    fn offsets_count_characters_after_earlier_removals() {
        let raw = "\u{200B}甲[bookmark: a]乙\u{FEFF}丙 PAGEREF _Toc123456 \\h 丁";
        let cleaned = clean(raw);
        assert_eq!(cleaned.text, "甲乙丙  丁");
        let spots: Vec<(String, usize)> = cleaned
            .artifacts
            .iter()
            .map(|a| (a.text.clone(), a.at))
            .collect();
        assert_eq!(
            spots,
            vec![
                ("[bookmark: a]".to_string(), 1),
                ("PAGEREF _Toc123456 \\h".to_string(), 4)
            ]
        );
    }

    #[test]
    fn field_debris_is_removed() {
        let raw = "见 HYPERLINK \"http://www.gov.cn/\" 政府网站 \\* MERGEFORMAT 公开";
        let cleaned = clean(raw);
        assert_eq!(cleaned.text, "见  政府网站  公开");
        assert_eq!(cleaned.artifacts.len(), 2);
    }

    #[test]
    fn meaning_is_kept() {
        let raw = "\u{3000}\u{3000}罚款***元，共12次。\t表格\r末行\rx\u{7}";
        let cleaned = clean(raw);
        assert_eq!(
            cleaned.text,
            "\u{3000}\u{3000}罚款***元，共12次。\t表格\n末行\nx"
        );
        assert!(cleaned.artifacts.is_empty());
    }
}
