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

/// True for the first byte of every character [`is_line_break`] accepts (and of some
/// others).
fn could_break_line(b: u8) -> bool {
    matches!(b, b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2)
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

/// True for the first byte of every character [`is_invisible`] accepts (and of some
/// others): C0 controls and DEL, C1 controls (`C2 80`–`C2 9F`), zero-width
/// characters (`E2 80 8B`…, `E2 81 A0`) and the BOM (`EF BB BF`).
fn could_be_invisible(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xE2 | 0xEF)
}

/// The byte offset and length of the first character of `text` that `wanted` accepts,
/// looking only at characters whose first byte `could_start` accepts: a byte scan
/// instead of decoding every character.
fn find_char(
    text: &str,
    could_start: fn(u8) -> bool,
    wanted: fn(char) -> bool,
) -> Option<(usize, usize)> {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| could_start(b))
        .find_map(|(at, _)| {
            let c = text.get(at..)?.chars().next()?;
            wanted(c).then_some((at, c.len_utf8()))
        })
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
