//! Normalized forms of text for matching: width folding, punctuation removal, and the
//! number-blind "shape"; and the printable form of untrusted text.

/// Report text with control characters (except newline and tab) and bidi overrides
/// removed, so a report's bytes can never act on a terminal.
pub fn printable(text: &str) -> String {
    text.chars().filter(|&c| is_printable(c)).collect()
}

/// False for C0/C1 controls (bar `\n` and `\t`), DEL and bidi embedding/override/isolate
/// characters.
pub fn is_printable(c: char) -> bool {
    if c == '\n' || c == '\t' {
        return true;
    }
    !(c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'))
}
