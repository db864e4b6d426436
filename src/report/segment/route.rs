//! Cutting one block (a run of CJK characters, ASCII letters and digits and `+#&._%-`)
//! as jieba-rs 0.11.0 does: the route through the dictionary words found at every
//! character that maximises the sum of log frequencies, then what the route leaves as
//! single characters joined — a run of ASCII letters and digits into one word, or with
//! the hidden Markov model any run that is not itself a dictionary word.

use super::dictionary::Dictionary;
use super::hmm::BoundaryModel;

/// A block's characters (byte offset in the text and value) and the byte offset of its
/// end.
pub struct Block<'c> {
    pub chars: &'c [(usize, char)],
    pub end: usize,
}

impl Block<'_> {
    /// Byte offset of character `i`, the block's end for the index past the last.
    fn at(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.end, |&(at, _)| at)
    }
}

/// Cuts `block` of `text`, handing each word's byte range to `word`, in order.
pub fn cut_block(
    dictionary: &Dictionary,
    boundaries: &BoundaryModel,
    text: &str,
    block: &Block,
    hmm: bool,
    word: &mut impl FnMut(usize, usize),
) {
    let codes: Vec<u16> = block
        .chars
        .iter()
        .map(|&(_, c)| dictionary.code(c))
        .collect();
    let route = best_route(dictionary, &codes);
    let cut_run = |start: usize, end: usize, word: &mut dyn FnMut(usize, usize)| {
        let unjoined = &codes[start..end];
        if !hmm || unjoined.len() == 1 {
            word(block.at(start), block.at(end));
        } else if dictionary.word_of_codes(unjoined).is_some() {
            (start..end).for_each(|i| word(block.at(i), block.at(i + 1)));
        } else {
            let chars = &block.chars[start..end];
            boundaries.cut(text, chars, block.at(end), &mut |s, e| word(s, e));
        }
    };
    let mut run_start = None;
    let mut x = 0;
    while let Some(&(_, c)) = block.chars.get(x) {
        let y = route.get(x).copied().unwrap_or(x + 1).max(x + 1);
        if y - x == 1 && (hmm || c.is_ascii_alphanumeric()) {
            run_start.get_or_insert(x);
        } else {
            if let Some(start) = run_start.take() {
                cut_run(start, x, word);
            }
            word(block.at(x), block.at(y));
        }
        x = y;
    }
    if let Some(start) = run_start {
        cut_run(start, block.chars.len(), word);
    }
}

/// For every character, the index after the word the best route takes from it: the
/// route maximises the sum of `ln(freq) - ln(total)` over its words, a character that
/// starts no word counting as a word of frequency 1; ties go to the longer word.
fn best_route(dictionary: &Dictionary, codes: &[u16]) -> Vec<usize> {
    let n = codes.len();
    let log_total = dictionary.log_total();
    let mut score = vec![0.0; n + 1];
    let mut next: Vec<usize> = (1..=n + 1).collect();
    for i in (0..n).rev() {
        let mut best: Option<(f64, usize)> = None;
        dictionary.prefixes(&codes[i..], |len, entry| {
            let end = i + len;
            let through = dictionary.log_freq(entry) - log_total + score[end];
            if best.is_none_or(|(b, b_end)| through > b || (through == b && end > b_end)) {
                best = Some((through, end));
            }
        });
        (score[i], next[i]) = best.unwrap_or((-log_total + score[i + 1], i + 1));
    }
    next
}
