//! Display widths in terminal cells, and fitting a string into a width.

use unicode_width::UnicodeWidthChar;

use crate::report::normalize::is_printable;

/// Display width of a character in terminal cells. Ambiguous-width punctuation
/// (`“”‘’…—·`) is drawn double-width by terminals with CJK fonts; `ambiguous_wide`
/// follows the user's setting.
pub fn char_width(c: char, ambiguous_wide: bool) -> usize {
    if ambiguous_wide && is_ambiguous(c) {
        return 2;
    }
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Display width of a string.
pub fn text_width(text: &str, ambiguous_wide: bool) -> usize {
    text.chars().map(|c| char_width(c, ambiguous_wide)).sum()
}

fn is_ambiguous(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '…' | '—' | '·' | '※' | '°' | '±' | '×' | '÷'
    )
}

/// Cuts `text` to fit `width` cells, ending in `…` when cut. Tabs and line breaks
/// become spaces and other unprintable characters are dropped, so the result is one
/// line whose width is what it claims.
pub fn truncate(text: &str, width: usize, ambiguous_wide: bool) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
        .filter(|&c| is_printable(c))
        .collect();
    if text_width(&clean, ambiguous_wide) <= width {
        return clean;
    }
    let ellipsis = char_width('…', ambiguous_wide);
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = char_width(c, ambiguous_wide);
        if used + w + ellipsis > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width >= ellipsis {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_width_is_a_setting() {
        assert_eq!(text_width("“法”", false), 4);
        assert_eq!(text_width("“法”", true), 6);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("法治政府建设", 7, false), "法治政…");
        assert_eq!(truncate("法治", 7, false), "法治");
    }
}
