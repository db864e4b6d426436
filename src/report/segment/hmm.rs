//! Words the dictionary does not know: jieba's hidden Markov model of word boundaries
//! (each character begins, ends or is inside a word, or is one by itself), run over
//! the stretches of single characters the dictionary route leaves, as jieba-rs 0.11.0
//! does — Viterbi over runs of U+4E00..=U+9FD5, anything else split into
//! alphanumeric tokens (`WES-5.4.5`, `3.14`, `50%`) and what lies between them.

use super::format::MIN_LOG_PROB;
use super::format::hmm::{self as layout, FIRST_CHAR, LAST_CHAR, STATES};
use super::image::{F64s, ImageError, sections};

const BEGIN: usize = 0;
const END: usize = 1;
const MIDDLE: usize = 2;
const SINGLE: usize = 3;

/// The states each state may follow, smaller index first: on a tie the second wins.
const ALLOWED_BEFORE: [[usize; 2]; STATES] = [
    [END, SINGLE],
    [BEGIN, MIDDLE],
    [BEGIN, MIDDLE],
    [END, SINGLE],
];

/// The word-boundary model.
#[derive(Debug, Clone, Copy)]
pub struct BoundaryModel {
    start: F64s,
    transitions: F64s,
    emissions: F64s,
}

impl BoundaryModel {
    /// The model of an image, its header and table sizes checked.
    pub const fn from_image(image: &'static [u8]) -> Result<Self, ImageError> {
        let s = match sections::<{ layout::SECTIONS }>(image, layout::KIND) {
            Ok(s) => s,
            Err(e) => return Err(e),
        };
        let covered = (LAST_CHAR as usize - FIRST_CHAR as usize + 1) * STATES;
        match (
            F64s::new(s[layout::START], Some(STATES)),
            F64s::new(s[layout::TRANSITIONS], Some(STATES * STATES)),
            F64s::new(s[layout::EMISSIONS], Some(covered)),
        ) {
            (Ok(start), Ok(transitions), Ok(emissions)) => Ok(BoundaryModel {
                start,
                transitions,
                emissions,
            }),
            _ => Err(ImageError::BadSectionLength),
        }
    }

    /// Cuts the characters `chars` (byte offset in the text and value), which end at
    /// byte `end`, handing each word's byte range to `word`.
    pub fn cut(
        &self,
        text: &str,
        chars: &[(usize, char)],
        end: usize,
        word: &mut impl FnMut(usize, usize),
    ) {
        let mut i = 0;
        while let Some(&(start, first)) = chars.get(i) {
            let covered = is_covered(first);
            let mut j = i + 1;
            while chars.get(j).is_some_and(|&(_, c)| is_covered(c) == covered) {
                j += 1;
            }
            let run_end = chars.get(j).map_or(end, |&(at, _)| at);
            if !covered {
                split_alphanumerics(text, start, run_end, word);
            } else if j - i > 1 {
                self.cut_covered(&chars[i..j], run_end, word);
            } else {
                word(start, run_end);
            }
            i = j;
        }
    }

    /// Cuts a run of covered characters along its most likely states.
    fn cut_covered(
        &self,
        chars: &[(usize, char)],
        end: usize,
        word: &mut impl FnMut(usize, usize),
    ) {
        let path = self.viterbi(chars);
        let mut begin = chars.first().map_or(end, |&(at, _)| at);
        let mut last_end = begin;
        for (i, (&(at, _), &state)) in chars.iter().zip(&path).enumerate() {
            let next = chars.get(i + 1).map_or(end, |&(at, _)| at);
            match state {
                BEGIN => begin = at,
                END => {
                    word(begin, next);
                    last_end = next;
                }
                SINGLE => {
                    word(at, next);
                    last_end = next;
                }
                _ => {}
            }
        }
        if last_end < end {
            word(last_end, end);
        }
    }

    /// The most likely state of each of `chars`, ties going to the larger state.
    fn viterbi(&self, chars: &[(usize, char)]) -> Vec<usize> {
        let mut previous = [0.0; STATES];
        let first = chars.first().map_or(' ', |&(_, c)| c);
        for (state, score) in previous.iter_mut().enumerate() {
            *score = self.start(state) + self.emission(first, state);
        }
        let mut back: Vec<[usize; STATES]> = Vec::with_capacity(chars.len());
        for &(_, c) in chars.iter().skip(1) {
            let mut current = [0.0; STATES];
            let mut from = [0; STATES];
            for state in 0..STATES {
                let emission = self.emission(c, state);
                let [a, b] = ALLOWED_BEFORE[state];
                let via_a = previous[a] + self.transition(a, state) + emission;
                let via_b = previous[b] + self.transition(b, state) + emission;
                (current[state], from[state]) = if via_a > via_b {
                    (via_a, a)
                } else {
                    (via_b, b)
                };
            }
            back.push(from);
            previous = current;
        }
        let mut state = if previous[END] > previous[SINGLE] {
            END
        } else {
            SINGLE
        };
        let mut path = vec![state; chars.len()];
        for (t, from) in back.iter().enumerate().rev() {
            state = from[state];
            path[t] = state;
        }
        path
    }

    fn start(&self, state: usize) -> f64 {
        self.start.get(state).unwrap_or(MIN_LOG_PROB)
    }

    fn transition(&self, from: usize, to: usize) -> f64 {
        self.transitions
            .get(from * STATES + to)
            .unwrap_or(MIN_LOG_PROB)
    }

    fn emission(&self, c: char, state: usize) -> f64 {
        let row = (c as usize).wrapping_sub(FIRST_CHAR as usize);
        self.emissions
            .get(row * STATES + state)
            .unwrap_or(MIN_LOG_PROB)
    }
}

/// A character the model has emissions for.
fn is_covered(c: char) -> bool {
    (FIRST_CHAR..=LAST_CHAR).contains(&c)
}

/// Splits bytes `start..end` of `text` into alphanumeric tokens — a run of ASCII letters
/// and digits, joined to more by `.`, `_` or `-` when another follows, with an optional
/// `%` — and the stretches between them.
fn split_alphanumerics(text: &str, start: usize, end: usize, word: &mut impl FnMut(usize, usize)) {
    let bytes = &text.as_bytes()[..end];
    let mut at = start;
    while at < end {
        let token = (at..end)
            .find(|&i| bytes[i].is_ascii_alphanumeric())
            .unwrap_or(end);
        if token > at {
            word(at, token);
        }
        if token == end {
            return;
        }
        let token_end = alphanumeric_end(bytes, token);
        word(token, token_end);
        at = token_end;
    }
}

/// The end of the alphanumeric token starting at `start`.
fn alphanumeric_end(bytes: &[u8], start: usize) -> usize {
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let mut end = start;
    loop {
        while alnum(end) {
            end += 1;
        }
        if bytes
            .get(end)
            .is_some_and(|b| matches!(b, b'.' | b'_' | b'-'))
            && alnum(end + 1)
        {
            end += 1;
        } else {
            break;
        }
    }
    if bytes.get(end) == Some(&b'%') {
        end += 1;
    }
    end
}
