//! Untrusted text made inert for the formats exports write. Report text, township
//! names, notes and file names all come from outside: control characters are dropped
//! (XML 1.0 forbids most of them, and a terminal or browser must never see them), and
//! markup characters are written as references, so `<script>` in a report reads as text.

use crate::report::normalize::is_printable;

/// The text with every character XML 1.0 and a reader's screen cannot take removed:
/// C0 and C1 controls (bar tab and line feed), DEL, bidirectional overrides and the
/// non-characters U+FFFE and U+FFFF.
pub fn clean(text: &str) -> String {
    text.chars().filter(|&c| keeps(c)).collect()
}

fn keeps(c: char) -> bool {
    is_printable(c) && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Text for XML or HTML content and attribute values: cleaned, with `& < > " '`
/// written as references.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| keeps(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text on one line: cleaned, line breaks and tabs turned into spaces, runs of spaces
/// joined and the ends trimmed.
pub fn one_line(text: &str) -> String {
    clean(text)
        .split(['\n', '\r', '\t', ' '])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most `max` characters of `text` on one line, with `…` where it was cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_written_as_references_and_controls_are_dropped() {
        assert_eq!(
            markup("<img src=x onerror=alert(1)>&\"'"),
            "&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"
        );
        assert_eq!(
            markup("甲\u{1}\u{1b}[2J乙\u{7f}\u{202e}丙\u{fffe}"),
            "甲[2J乙丙"
        );
        assert_eq!(clean("行一\n行二\t末"), "行一\n行二\t末");
    }

    #[test]
    fn excerpts_stay_on_one_line_and_say_where_they_were_cut() {
        assert_eq!(one_line("  甲\n 乙\t丙 "), "甲 乙 丙");
        assert_eq!(excerpt("一二三四五六", 4), "一二三…");
        assert_eq!(excerpt("一二三", 4), "一二三");
    }
}
