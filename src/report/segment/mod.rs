//! Chinese word segmentation and part-of-speech tags, giving exactly what jieba-rs
//! 0.11.0 gives for `cut`, `tag` and `has_word`, over dictionary and model images the
//! build script makes from jieba's own data files. The images are embedded and read in
//! place, so nothing is parsed or built when the program starts: building jieba-rs's
//! dictionary took most of a short command's time.
//!
//! The text is split into blocks of CJK characters, ASCII letters and digits and
//! `+#&._%-`, cut by the dictionary route (see `route`); everything else is a token per
//! character, `\r\n` kept together.

mod dictionary;
mod format;
mod hmm;
mod image;
mod posseg;
mod route;

use dictionary::Dictionary;
use hmm::BoundaryModel;
use posseg::TagModel;
use route::Block;

/// A word of a segmented text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word, a slice of the text.
    pub word: &'a str,
    /// Character offset of its start in the text.
    pub start: usize,
    /// Character offset of its end.
    pub end: usize,
    /// Byte offset of its start.
    pub byte_start: usize,
    /// Byte offset of its end.
    pub byte_end: usize,
}

/// A word of a segmented text with its part-of-speech tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The word, a slice of the text.
    pub word: &'a str,
    /// Its jieba part-of-speech tag (`n`, `v`, `m`, `ns`, … `x` when unknown).
    pub tag: &'static str,
    /// Character offset of its start in the text.
    pub start: usize,
    /// Character offset of its end.
    pub end: usize,
    /// Byte offset of its start.
    pub byte_start: usize,
    /// Byte offset of its end.
    pub byte_end: usize,
}

/// The segmenter: jieba's dictionary, word-boundary model and part-of-speech model.
#[derive(Debug, Clone, Copy)]
pub struct Segmenter {
    dictionary: Dictionary,
    boundaries: BoundaryModel,
    tags: TagModel,
}

static EMBEDDED: Segmenter = Segmenter {
    dictionary: match Dictionary::from_image(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/dictionary.bin"
    ))) {
        Ok(d) => d,
        Err(e) => panic!("{}", e.message()),
    },
    boundaries: match BoundaryModel::from_image(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/hmm.bin"
    ))) {
        Ok(b) => b,
        Err(e) => panic!("{}", e.message()),
    },
    tags: match TagModel::from_image(include_bytes!(concat!(env!("OUT_DIR"), "/posseg.bin"))) {
        Ok(t) => t,
        Err(e) => panic!("{}", e.message()),
    },
};

impl Segmenter {
    /// The segmenter over the images built into the program. Their headers and table
    /// sizes are checked when the program is compiled, so this cannot fail.
    pub fn embedded() -> &'static Segmenter {
        &EMBEDDED
    }

    /// Cuts `text` into words; with `hmm`, runs of characters the dictionary leaves
    /// single are cut by the word-boundary model. The words concatenate to `text`.
    pub fn cut<'a>(&self, text: &'a str, hmm: bool) -> Vec<Token<'a>> {
        let mut tokens = Vec::new();
        let mut chars_before = 0;
        self.each_word(text, hmm, |byte_start, byte_end| {
            let word = &text[byte_start..byte_end];
            let start = chars_before;
            chars_before += word.chars().count();
            tokens.push(Token {
                word,
                start,
                end: chars_before,
                byte_start,
                byte_end,
            });
        });
        tokens
    }

    /// Cuts `text` as [`Segmenter::cut`] does and tags each word: its dictionary tag,
    /// else a guess from its characters.
    pub fn tag<'a>(&self, text: &'a str, hmm: bool) -> Vec<Tag<'a>> {
        self.cut(text, hmm)
            .into_iter()
            .map(|t| Tag {
                word: t.word,
                tag: self.tag_of(t.word),
                start: t.start,
                end: t.end,
                byte_start: t.byte_start,
                byte_end: t.byte_end,
            })
            .collect()
    }

    /// True when `word` is in the dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        self.dictionary.lookup(word).is_some()
    }

    fn tag_of(&self, word: &str) -> &'static str {
        match self.dictionary.lookup(word) {
            Some(entry) => self.dictionary.tag(entry),
            None => self.guess_tag(word),
        }
    }

    /// The tag of a word not in the dictionary: `m` for ASCII digits, `eng` for ASCII
    /// letters and digits, the part-of-speech model's guess for CJK, else `x`.
    fn guess_tag(&self, word: &str) -> &'static str {
        let alphanumerics = word.chars().filter(char::is_ascii_alphanumeric).count();
        let digits = word.chars().filter(char::is_ascii_digit).count();
        if alphanumerics > 0 {
            return if alphanumerics == digits { "m" } else { "eng" };
        }
        if word.chars().any(is_cjk) {
            return self.tags.guess(word);
        }
        "x"
    }

    /// Hands the byte range of every word of `text` to `word`, in order.
    fn each_word(&self, text: &str, hmm: bool, mut word: impl FnMut(usize, usize)) {
        let mut chars = text.char_indices().peekable();
        let mut block = Vec::new();
        while let Some((start, c)) = chars.next() {
            if !is_block_char(c) {
                let joined = c == '\r' && chars.next_if(|&(_, next)| next == '\n').is_some();
                word(start, start + if joined { 2 } else { c.len_utf8() });
                continue;
            }
            block.clear();
            block.push((start, c));
            while let Some(next) = chars.next_if(|&(_, c)| is_block_char(c)) {
                block.push(next);
            }
            let end = chars.peek().map_or(text.len(), |&(at, _)| at);
            let block = Block { chars: &block, end };
            route::cut_block(
                &self.dictionary,
                &self.boundaries,
                text,
                &block,
                hmm,
                &mut word,
            );
        }
    }
}

/// The main CJK Unified Ideographs block.
fn is_cjk_main(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A character of any CJK Unified Ideographs block, the main one or an extension.
fn is_cjk(c: char) -> bool {
    is_cjk_main(c)
        || matches!(c,
            '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2B73F}'
            | '\u{2B740}'..='\u{2B81F}'
            | '\u{2B820}'..='\u{2CEAF}'
            | '\u{2CEB0}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}')
}

/// A character that belongs in a block the dictionary route cuts.
fn is_block_char(c: char) -> bool {
    is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The process-wide segmenter, which segments and tags exactly as jieba does; its
/// dictionary is built into the program, so it costs nothing to start.
pub fn jieba() -> &'static Segmenter {
    Segmenter::embedded()
}
