//! Where a text breaks for the full-text index: the characters between the runs it
//! indexes. Punctuation, spaces and control characters make up nearly a third of the
//! trigrams of a report and nobody looks one up as such, so the index keeps only the
//! trigrams inside runs of other characters, with each break character as a token of
//! its own between them.

/// Whether `c` separates runs: whitespace, control characters, and what is neither a
/// letter nor a digit in the blocks of punctuation Chinese text uses — General
/// Punctuation (U+2000–U+206F: dashes, quotes, ellipsis, zero-width spaces), CJK
/// Symbols and Punctuation (U+3000–U+303F: the ideographic space, `、。`, book-title
/// and corner brackets), CJK Compatibility Forms (U+FE30–U+FE4F) and the full-width
/// and half-width forms up to U+FF65 (`，：；！？（）`). Letters and digits in those
/// blocks stay in runs: `〇` of a written year (`二〇二三年`), `々`, the full-width
/// digits and Latin letters. So do the characters that hold a number together —
/// ASCII punctuation (`12.5%`, `2023-2024`, `1:30`: the sentences of a Chinese report
/// are punctuated in full width, so ASCII punctuation adds almost no trigrams) and the
/// full-width `％` and `．` — so a search for a figure is answered by the index. The one
/// definition of the set: the index's tokenizer and the query's plan both ask it.
#[inline]
pub fn is_break(c: char) -> bool {
    // Asked of every character the index reads, so the common cases come first: in
    // ASCII the break characters are exactly the spaces and controls.
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c.is_ascii_control();
    }
    match c {
        '％' | '．' => false,
        // The punctuation of nearly every Chinese sentence, answered without looking
        // up whether it is a letter or a digit (a table search in `std`).
        '，' | '。' | '、' | '；' | '：' | '“' | '”' | '（' | '）' | '《' | '》' | '！' | '？'
        | '\u{3000}' => true,
        '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF65}' => !c.is_alphanumeric(),
        _ => c.is_whitespace() || c.is_control(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_spaces_and_controls_break_letters_and_digits_do_not() {
        for c in [
            ' ', '\n', '\t', '\0', '\u{7f}', '\u{c}', '，', '。', '、', '：', '；', '！', '？',
            '（', '）', '《', '》', '「', '」', '【', '】', '“', '”', '‘', '’', '—', '…',
            '\u{3000}', '\u{200B}', '︰', '･',
        ] {
            assert!(is_break(c), "{c:?} breaks");
        }
        for c in [
            '调', 'a', 'Z', '7', '〇', '々', '２', 'Ａ', 'ｚ', '℃', '·', 'ー', '\u{FEFF}', '.',
            '%', '"', '(', '-', '/', ':', '％', '．',
        ] {
            assert!(!is_break(c), "{c:?} is part of a run");
        }
    }

    #[test]
    fn the_set_is_whitespace_controls_and_the_blocks_punctuation_but_number_joiners() {
        let blocks = [
            0x2000..=0x206F,
            0x3000..=0x303F,
            0xFE30..=0xFE4F,
            0xFF00..=0xFF65,
        ];
        for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
            let in_blocks = blocks.iter().any(|block| block.contains(&u32::from(c)));
            let spelled_out = c.is_whitespace()
                || c.is_control()
                || in_blocks && !c.is_alphanumeric() && !matches!(c, '％' | '．');
            assert_eq!(is_break(c), spelled_out, "{c:?}");
        }
    }

    #[test]
    fn runs_are_the_text_between_breaks() {
        fn runs(text: &str) -> Vec<&str> {
            text.split(is_break).filter(|run| !run.is_empty()).collect()
        }
        let got = runs("，二〇二三年，开展调解12.5次、95％。\n ABC");
        assert_eq!(got, ["二〇二三年", "开展调解12.5次", "95％", "ABC"]);
        assert!(runs("，。 ").is_empty());
    }
}
