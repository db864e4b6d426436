//! Clean-up that keeps meaning: page furniture (see [`super::furniture`]), conversion
//! artifacts, zero-width and control characters, line endings. Everything else (full-width spaces, masked digits `***`, even mojibake)
//! stays as written, because a reviewer must see what the township handed in.

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
    let mut out = String::with_capacity(text.len());
    let mut out_chars = 0usize;
    let mut artifacts = Vec::new();
    let mut rest_start = 0usize;
    for found in ARTIFACT.find_iter(&text) {
        out_chars += push_visible(&mut out, &text[rest_start..found.start()]);
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
fn normalize_line_breaks(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\x0b' | '\x0c' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            _ => out.push(c),
        }
    }
    out
}

/// Appends the text without invisible characters; returns how many characters it added.
fn push_visible(out: &mut String, text: &str) -> usize {
    let mut added = 0;
    for c in text.chars().filter(|&c| !is_invisible(c)) {
        out.push(c);
        added += 1;
    }
    added
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
