//! Where a character of a long text starts, found without counting from the text's
//! start: a heading at character 9,000,000 of a 10 MB report is placed in a few hundred
//! steps, so placing every heading of a report, or reading every span of one, stays
//! linear in its length.

/// Every this many characters the byte offset is kept.
const STRIDE: usize = 256;

/// Byte offsets of every [`STRIDE`]th character of one text.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    checkpoints: Vec<usize>,
}

impl CharIndex {
    /// The index of `text`.
    pub fn of(text: &str) -> CharIndex {
        CharIndex {
            checkpoints: text
                .char_indices()
                .step_by(STRIDE)
                .map(|(byte, _)| byte)
                .collect(),
        }
    }

    /// The part of `text` (the text indexed) from character `start` on; empty past its
    /// end.
    pub fn rest<'t>(&self, text: &'t str, start: usize) -> &'t str {
        let Some(rest) = self
            .checkpoints
            .get(start / STRIDE)
            .and_then(|&byte| text.get(byte..))
        else {
            return "";
        };
        match rest.char_indices().nth(start % STRIDE) {
            Some((byte, _)) => &rest[byte..],
            None => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn rest_is_the_text_after_skipping_characters(
            text in "[a-z一二三，。\n]{0,900}",
            start in 0usize..1000,
        ) {
            let index = CharIndex::of(&text);
            let expected: String = text.chars().skip(start).collect();
            prop_assert_eq!(index.rest(&text, start), expected.as_str());
        }
    }
}
