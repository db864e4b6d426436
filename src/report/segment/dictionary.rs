//! jieba's dictionary as the embedded trie image (layout in `format.rs`): which words
//! start at a place in a text, how frequent each is, and its part-of-speech tag.

use super::format::dictionary as layout;
use super::image::{F64s, ImageError, Tags, U16s, U32s, sections};

/// A node of the trie; the root is 0 and node `c` is the character of code `c`.
type Node = usize;

/// The words of jieba's `dict.txt` with their frequencies and tags.
#[derive(Debug, Clone, Copy)]
pub struct Dictionary {
    char_codes: U16s,
    wide_codes: U32s,
    first_child: U32s,
    edge_codes: U16s,
    word_info: U32s,
    log_freqs: F64s,
    tags: Tags,
    log_total: f64,
}

/// A dictionary word's frequency class and tag, packed as the image stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo(u32);

impl Dictionary {
    /// The dictionary of an image, its header and table sizes checked.
    pub const fn from_image(image: &'static [u8]) -> Result<Self, ImageError> {
        let s = match sections::<{ layout::SECTIONS }>(image, layout::KIND) {
            Ok(s) => s,
            Err(e) => return Err(e),
        };
        let (Ok(char_codes), Ok(wide_codes), Ok(first_child)) = (
            U16s::new(s[layout::CHAR_CODES], Some(0x1_0000)),
            U32s::new(s[layout::WIDE_CODES], None),
            U32s::new(s[layout::FIRST_CHILD], None),
        ) else {
            return Err(ImageError::BadSectionLength);
        };
        let nodes = first_child.len().saturating_sub(1);
        let (Ok(edge_codes), Ok(word_info), Ok(log_freqs), Ok(log_total)) = (
            U16s::new(s[layout::EDGE_CODES], Some(nodes)),
            U32s::new(s[layout::WORD_INFO], Some(nodes)),
            F64s::new(s[layout::LOG_FREQS], None),
            F64s::new(s[layout::LOG_TOTAL], Some(1)),
        ) else {
            return Err(ImageError::BadSectionLength);
        };
        let (Ok(tags), Some(log_total)) = (
            Tags::new(s[layout::TAG_TEXT], s[layout::TAG_ENDS]),
            log_total.first(),
        ) else {
            return Err(ImageError::BadTags);
        };
        if nodes == 0 || !wide_codes.len().is_multiple_of(2) {
            return Err(ImageError::BadSectionLength);
        }
        Ok(Dictionary {
            char_codes,
            wide_codes,
            first_child,
            edge_codes,
            word_info,
            log_freqs,
            tags,
            log_total,
        })
    }

    /// `ln` of the sum of all frequencies, what every word's log frequency is scored
    /// against.
    pub fn log_total(&self) -> f64 {
        self.log_total
    }

    /// The code of a character, 0 when no dictionary word contains it.
    #[inline]
    pub fn code(&self, c: char) -> u16 {
        if let Ok(bmp) = u16::try_from(u32::from(c)) {
            return self.char_codes.get(usize::from(bmp)).unwrap_or(0);
        }
        let pairs = self.wide_codes.len() / 2;
        let (mut lo, mut hi) = (0, pairs);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.wide_codes.get(2 * mid) {
                Some(key) if key < u32::from(c) => lo = mid + 1,
                Some(key) if key == u32::from(c) => {
                    let code = self.wide_codes.get(2 * mid + 1).unwrap_or(0);
                    return u16::try_from(code).unwrap_or(0);
                }
                _ => hi = mid,
            }
        }
        0
    }

    /// The node reached from `node` over the character of `code`.
    #[inline]
    fn child(&self, node: Node, code: u16) -> Option<Node> {
        if code == 0 {
            return None;
        }
        if node == 0 {
            return Some(usize::from(code));
        }
        let (mut lo, mut hi) = (
            self.first_child.index(node)?,
            self.first_child.index(node + 1)?,
        );
        while lo < hi {
            let mid = (lo + hi) / 2;
            let found = self.edge_codes.get(mid)?;
            if found < code {
                lo = mid + 1;
            } else if found > code {
                hi = mid;
            } else {
                return Some(mid);
            }
        }
        None
    }

    /// The word ending at `node`, if one does.
    #[inline]
    fn word(&self, node: Node) -> Option<WordInfo> {
        self.word_info.get(node).filter(|&i| i != 0).map(WordInfo)
    }

    /// Calls `found(len, word)` for every dictionary word that `codes` starts with,
    /// shortest first, `len` being its length in characters.
    #[inline]
    pub fn prefixes(&self, codes: &[u16], mut found: impl FnMut(usize, WordInfo)) {
        let mut node = 0;
        for (i, &code) in codes.iter().enumerate() {
            let Some(next) = self.child(node, code) else {
                return;
            };
            node = next;
            if let Some(word) = self.word(node) {
                found(i + 1, word);
            }
        }
    }

    /// The word spelt by `codes`, if it is one.
    pub fn word_of_codes(&self, codes: &[u16]) -> Option<WordInfo> {
        let mut node = 0;
        for &code in codes {
            node = self.child(node, code)?;
        }
        self.word(node)
    }

    /// The dictionary entry of `word`, if it is one.
    pub fn lookup(&self, word: &str) -> Option<WordInfo> {
        let mut node = 0;
        for c in word.chars() {
            node = self.child(node, self.code(c))?;
        }
        self.word(node)
    }

    /// A word's log frequency, as jieba-rs computes `ln(freq)`.
    #[inline]
    pub fn log_freq(&self, word: WordInfo) -> f64 {
        let class = (word.0 & ((1 << layout::TAG_SHIFT) - 1)) as usize;
        let log_freq = class.checked_sub(1).and_then(|c| self.log_freqs.get(c));
        log_freq.unwrap_or(f64::NEG_INFINITY)
    }

    /// A word's part-of-speech tag.
    pub fn tag(&self, word: WordInfo) -> &'static str {
        self.tags
            .get((word.0 >> layout::TAG_SHIFT) as usize)
            .unwrap_or("")
    }
}
