//! Normalized forms of text for matching: width folding, punctuation removal, and the
//! number-blind "shape"; and the printable form of untrusted text.

/// Folds full-width ASCII variants (`１２３`, `ＡＢ`, `（`) and the ideographic space to
/// their half-width forms; other characters are returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// True for characters that carry no wording: whitespace, ASCII and CJK punctuation,
/// symbols and invisible format characters.
pub fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{2000}'..='\u{206F}'   // general punctuation: “” ‘’ … — ‧ zero-width
            | '\u{3000}'..='\u{303F}' // CJK punctuation: 、。〈〉《》「」【】〔〕
            | '\u{FE10}'..='\u{FE1F}' // vertical forms
            | '\u{FE30}'..='\u{FE6F}' // compatibility and small forms
            | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}' // full-width punctuation
            | '·' | '●' | '○' | '■' | '□' | '★' | '☆' | '√' | '×')
        || c.is_control()
}

/// The matching form: width folded, whitespace and punctuation removed. Two sentences
/// with equal norms read the same.
pub fn norm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(fold_width).filter(|&c| !is_ignorable(c)));
    // Sentences are kept with their norms: no room left over.
    out.shrink_to_fit();
    out
}

/// True for characters that write numbers: ASCII digits and Chinese numerals.
pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '〇' | '零'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
                | '两'
        )
}

/// The number-blind form of a norm: each run of digits (with `.` and `,` inside it) or
/// of Chinese numerals becomes one `#`. Equal shapes with different norms mean "same
/// sentence, new numbers".
pub fn shape(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    let mut in_number = false;
    let chars: Vec<char> = norm.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let separator = matches!(c, '.' | ',')
            && in_number
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if is_numeral(c) || separator {
            if !in_number {
                out.push('#');
                in_number = true;
            }
        } else {
            out.push(c);
            in_number = false;
        }
    }
    out
}

/// Report text with control characters (except newline and tab) and bidi overrides
/// removed, so a report's bytes can never act on a terminal.
pub fn printable(text: &str) -> String {
    crate::text::clean::text(text)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_width_and_drops_punctuation() {
        assert_eq!(norm("（一）全镇１２个村，　100%。"), "一全镇12个村100");
        assert_eq!(norm("“两个维护”"), "两个维护");
    }

    #[test]
    fn shape_hides_every_number() {
        assert_eq!(
            shape(&norm("专题学习12次，发放3,000.5份")),
            "专题学习#次发放#份"
        );
        assert_eq!(shape(&norm("受理两万余人次")), "受理#余人次");
        assert_ne!(shape("学习#次"), shape("学习次"));
    }

    #[test]
    fn printable_strips_escapes_and_bidi() {
        assert_eq!(printable("a\x1b]0;pwned\x07b\u{202E}c\n"), "abc\n");
    }
}
