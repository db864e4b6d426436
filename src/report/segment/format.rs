//! The layout of the segmentation images: the build script writes them and the
//! segmenter reads them, and both include this one file, so they cannot disagree.
//!
//! An image is a header — [`MAGIC`], [`VERSION`], the image's kind and its number of
//! sections, each a little-endian `u32` — then one `(offset, length)` pair of `u32`s per
//! section, then the sections. Every number in a section is little-endian; `f64`s are
//! stored bit for bit, so the segmenter scores exactly what jieba-rs computes.

/// First bytes of every image, so a stray file is never read as one.
pub const MAGIC: [u8; 8] = *b"NBSEGIMG";

/// Bumped whenever the layout of any section changes.
pub const VERSION: u32 = 1;

/// Bytes before the section table: magic, version, kind, section count.
pub const HEADER_LEN: usize = 20;

/// Bytes of one entry of the section table: offset and length.
pub const SECTION_ENTRY_LEN: usize = 8;

/// The score jieba gives an impossible state or emission, the floor of every
/// log-probability in both hidden Markov models.
pub const MIN_LOG_PROB: f64 = -3.14e100;

/// The dictionary: a trie of the words of jieba's `dict.txt` over character codes.
///
/// Characters of dictionary words are numbered 1.. in code point order (0 is a character
/// in no word). Nodes are numbered breadth first with each node's children in code order,
/// so node 0 is the root, node `c` is the one-character prefix of code `c`, and the
/// children of node `n` are the nodes `first_child[n]..first_child[n + 1]`.
pub mod dictionary {
    /// Kind written in the header of a dictionary image.
    pub const KIND: u32 = 1;
    /// `u16` per character below U+10000: its code.
    pub const CHAR_CODES: usize = 0;
    /// `(u32 char, u32 code)` per dictionary character above U+FFFF, ascending.
    pub const WIDE_CODES: usize = 1;
    /// `u32` per node and one more: where each node's children start.
    pub const FIRST_CHILD: usize = 2;
    /// `u16` per node: the code of the character leading into it (0 for the root).
    pub const EDGE_CODES: usize = 3;
    /// `u32` per node: 0 when no word ends there, else the word's tag shifted left by
    /// [`TAG_SHIFT`] bits, plus its frequency class plus one.
    pub const WORD_INFO: usize = 4;
    /// `f64` per frequency class: `ln(freq)`, as jieba-rs computes it.
    pub const LOG_FREQS: usize = 5;
    /// The distinct part-of-speech tags of the dictionary, back to back in UTF-8.
    pub const TAG_TEXT: usize = 6;
    /// `u32` per tag: where it ends in [`TAG_TEXT`].
    pub const TAG_ENDS: usize = 7;
    /// One `f64`: `ln` of the sum of all frequencies.
    pub const LOG_TOTAL: usize = 8;
    /// Number of sections.
    pub const SECTIONS: usize = 9;
    /// Where a word's tag starts in its [`WORD_INFO`].
    pub const TAG_SHIFT: u32 = 24;
}

/// The part-of-speech model of jieba's `posseg.txt`: a hidden Markov model whose states
/// are a position in a word (B, M, E, S) and a tag.
pub mod posseg {
    /// Kind written in the header of a part-of-speech image.
    pub const KIND: u32 = 2;
    /// Number of tags; state `position * TAGS + tag`.
    pub const TAGS: usize = 64;
    /// Number of positions in a word: begin, middle, end, single.
    pub const POSITIONS: usize = 4;
    /// Number of states.
    pub const STATES: usize = TAGS * POSITIONS;
    /// The tags, back to back in UTF-8.
    pub const TAG_TEXT: usize = 0;
    /// `u32` per tag: where it ends in [`TAG_TEXT`].
    pub const TAG_ENDS: usize = 1;
    /// `f64` per state: the log-probability of starting in it.
    pub const START: usize = 2;
    /// `f64` per pair of states, `to * STATES + from`.
    pub const TRANSITIONS: usize = 3;
    /// `u16` per character below U+10000: its row (0, the empty row, when unseen).
    pub const CHAR_ROWS: usize = 4;
    /// `(u32 char, u32 row)` per character above U+FFFF, ascending.
    pub const WIDE_ROWS: usize = 5;
    /// `u32` per row and position, and one more: where the row's states of that
    /// position start in [`STATES_OF_ROWS`]; rows and positions lie back to back.
    pub const GROUP_STARTS: usize = 6;
    /// `u16` per candidate state of a character, ascending within a row.
    pub const STATES_OF_ROWS: usize = 7;
    /// `f64` per candidate state: its emission log-probability.
    pub const EMISSIONS: usize = 8;
    /// Number of sections.
    pub const SECTIONS: usize = 9;
}

/// The word-boundary model of jieba's `hmm.model` (states B, E, M, S), run over
/// characters U+4E00..=U+9FD5 that the dictionary leaves unjoined.
pub mod hmm {
    /// Kind written in the header of a word-boundary image.
    pub const KIND: u32 = 3;
    /// First character the model covers.
    pub const FIRST_CHAR: char = '\u{4E00}';
    /// Last character the model covers.
    pub const LAST_CHAR: char = '\u{9FD5}';
    /// Number of states.
    pub const STATES: usize = 4;
    /// `f64` per state: the log-probability of starting in it.
    pub const START: usize = 0;
    /// `f64` per pair of states, `from * STATES + to`.
    pub const TRANSITIONS: usize = 1;
    /// `f64` per covered character and state, `(char - FIRST_CHAR) * STATES + state`.
    pub const EMISSIONS: usize = 2;
    /// Number of sections.
    pub const SECTIONS: usize = 3;
}
