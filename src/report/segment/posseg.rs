//! The part-of-speech guess for a word the dictionary does not know, as jieba-rs 0.11.0
//! makes it: Viterbi over its characters with states (position in a word, tag), and the
//! tag of the longest word the best path cuts (the last on ties), `x` when none.

use super::format::MIN_LOG_PROB;
use super::format::posseg::{self as layout, POSITIONS, STATES, TAGS};
use super::image::{F64s, ImageError, Tags, U16s, U32s, sections};

const END: usize = 2;
const SINGLE: usize = 3;

/// The positions each position may follow.
const ALLOWED_BEFORE: [[usize; 2]; POSITIONS] = [[2, 3], [0, 1], [0, 1], [2, 3]];

/// The tag of a word nothing could be said of.
const UNKNOWN: &str = "x";

/// The part-of-speech model.
#[derive(Debug, Clone, Copy)]
pub struct TagModel {
    tags: Tags,
    start: F64s,
    transitions: F64s,
    char_rows: U16s,
    wide_rows: U32s,
    group_starts: U32s,
    states: U16s,
    emissions: F64s,
}

/// A character's candidate states: indices into the states and emissions, grouped by
/// position (`groups[p]..groups[p + 1]`).
#[derive(Debug, Clone, Copy)]
struct Row {
    groups: [usize; POSITIONS + 1],
}

impl TagModel {
    /// The model of an image, its header and table sizes checked.
    pub const fn from_image(image: &'static [u8]) -> Result<Self, ImageError> {
        let s = match sections::<{ layout::SECTIONS }>(image, layout::KIND) {
            Ok(s) => s,
            Err(e) => return Err(e),
        };
        let (Ok(tags), Ok(start), Ok(transitions)) = (
            Tags::new(s[layout::TAG_TEXT], s[layout::TAG_ENDS]),
            F64s::new(s[layout::START], Some(STATES)),
            F64s::new(s[layout::TRANSITIONS], Some(STATES * STATES)),
        ) else {
            return Err(ImageError::BadSectionLength);
        };
        let (Ok(char_rows), Ok(wide_rows), Ok(group_starts)) = (
            U16s::new(s[layout::CHAR_ROWS], Some(0x1_0000)),
            U32s::new(s[layout::WIDE_ROWS], None),
            U32s::new(s[layout::GROUP_STARTS], None),
        ) else {
            return Err(ImageError::BadSectionLength);
        };
        let (Ok(states), Ok(emissions)) = (
            U16s::new(s[layout::STATES_OF_ROWS], None),
            F64s::new(s[layout::EMISSIONS], None),
        ) else {
            return Err(ImageError::BadSectionLength);
        };
        if tags.len() != TAGS
            || states.len() != emissions.len()
            || !wide_rows.len().is_multiple_of(2)
        {
            return Err(ImageError::BadSectionLength);
        }
        Ok(TagModel {
            tags,
            start,
            transitions,
            char_rows,
            wide_rows,
            group_starts,
            states,
            emissions,
        })
    }

    /// The tag jieba guesses for `word`.
    pub fn guess(&self, word: &str) -> &'static str {
        let mut best: Option<(usize, Option<usize>)> = None;
        self.spans(word, |start, end, tag| {
            if best.is_none_or(|(len, _)| end - start >= len) {
                best = Some((end - start, tag));
            }
        });
        let tag = best.and_then(|(_, tag)| tag);
        tag.and_then(|t| self.tags.get(t)).unwrap_or(UNKNOWN)
    }

    /// Cuts `word` along its most likely states, handing each piece's byte range and
    /// tag (`None` for the unknown tag) to `span`.
    fn spans(&self, word: &str, mut span: impl FnMut(usize, usize, Option<usize>)) {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let Some(&(_, first)) = chars.first() else {
            return;
        };
        if chars.len() == 1 {
            span(0, word.len(), self.best_single(first));
            return;
        }
        let Some(path) = self.viterbi(&chars) else {
            span(0, word.len(), None);
            return;
        };
        let mut begin = 0;
        let mut last_end = None;
        for (i, (&(at, _), &state)) in chars.iter().zip(&path).enumerate() {
            let next = chars.get(i + 1).map_or(word.len(), |&(at, _)| at);
            let tag = Some(state % TAGS);
            match state / TAGS {
                0 => begin = at,
                END => {
                    span(begin, next, tag);
                    last_end = Some(next);
                }
                SINGLE => {
                    span(at, next, tag);
                    last_end = Some(next);
                }
                _ => {}
            }
        }
        match last_end {
            None => span(0, word.len(), None),
            Some(end) if end < word.len() => span(end, word.len(), None),
            Some(_) => {}
        }
    }

    /// The tag of a one-character word: its best single-character state.
    fn best_single(&self, c: char) -> Option<usize> {
        let row = self.row(c);
        let mut best: Option<(f64, usize)> = None;
        for (state, emission) in self.group(row, SINGLE, SINGLE + 1) {
            let score = self.start(state) + emission;
            if score > MIN_LOG_PROB && best.is_none_or(|(b, _)| score >= b) {
                best = Some((score, state));
            }
        }
        best.map(|(_, state)| state % TAGS)
    }
}

impl TagModel {
    /// The most likely state of each of `chars`, `None` when no state sequence is
    /// possible.
    fn viterbi(&self, chars: &[(usize, char)]) -> Option<Vec<usize>> {
        let first = self.row(chars.first()?.1);
        let mut live: Vec<(usize, f64)> = self
            .group(first, 0, POSITIONS)
            .map(|(state, emission)| (state, self.start(state) + emission))
            .filter(|&(_, score)| score > MIN_LOG_PROB)
            .collect();
        let mut back = vec![u16::MAX; chars.len() * STATES];
        let mut next = Vec::new();
        for (t, &(_, c)) in chars.iter().enumerate().skip(1) {
            if live.is_empty() {
                return None;
            }
            let bounds = position_bounds(&live);
            next.clear();
            for (state, emission) in self.group(self.row(c), 0, POSITIONS) {
                let mut best = MIN_LOG_PROB;
                for &position in &ALLOWED_BEFORE[state / TAGS] {
                    for &(from, score) in &live[bounds[position]..bounds[position + 1]] {
                        let transition = self.transition(from, state);
                        if transition <= MIN_LOG_PROB {
                            continue;
                        }
                        let through = score + transition + emission;
                        if through > best {
                            best = through;
                            back[t * STATES + state] = from as u16;
                        }
                    }
                }
                if best > MIN_LOG_PROB {
                    next.push((state, best));
                }
            }
            std::mem::swap(&mut live, &mut next);
        }
        let bounds = position_bounds(&live);
        let mut best: Option<(f64, usize)> = None;
        for &(state, score) in &live[bounds[END]..bounds[SINGLE + 1]] {
            if score > best.map_or(MIN_LOG_PROB, |(b, _)| b) {
                best = Some((score, state));
            }
        }
        let mut path = vec![best?.1; chars.len()];
        for t in (1..chars.len()).rev() {
            let from = usize::from(*back.get(t * STATES + path[t])?);
            path[t - 1] = Some(from).filter(|&s| s < STATES)?;
        }
        Some(path)
    }

    /// The candidate states of `c`.
    fn row(&self, c: char) -> Row {
        let index = match u16::try_from(u32::from(c)) {
            Ok(bmp) => self.char_rows.get(usize::from(bmp)).map(usize::from),
            Err(_) => self.wide_row(c),
        };
        let base = index.unwrap_or(0) * POSITIONS;
        let mut groups = [0; POSITIONS + 1];
        for (p, group) in groups.iter_mut().enumerate() {
            match self.group_starts.index(base + p) {
                Some(start) => *group = start,
                None => {
                    return Row {
                        groups: [0; POSITIONS + 1],
                    };
                }
            }
        }
        Row { groups }
    }

    /// The row of a character above U+FFFF, by binary search.
    fn wide_row(&self, c: char) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.wide_rows.len() / 2);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let key = self.wide_rows.get(2 * mid)?;
            if key < u32::from(c) {
                lo = mid + 1;
            } else if key > u32::from(c) {
                hi = mid;
            } else {
                return self.wide_rows.index(2 * mid + 1);
            }
        }
        None
    }

    /// The states of `row` with positions `from..to`, each with its emission.
    fn group(&self, row: Row, from: usize, to: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        (row.groups[from]..row.groups[to]).map_while(|i| {
            let state = usize::from(self.states.get(i)?);
            (state < STATES).then_some((state, self.emissions.get(i)?))
        })
    }

    fn start(&self, state: usize) -> f64 {
        self.start.get(state).unwrap_or(MIN_LOG_PROB)
    }

    fn transition(&self, from: usize, to: usize) -> f64 {
        self.transitions
            .get(to * STATES + from)
            .unwrap_or(MIN_LOG_PROB)
    }
}

/// Where each position's states start in `live` (ascending by state), and its end.
fn position_bounds(live: &[(usize, f64)]) -> [usize; POSITIONS + 1] {
    let mut bounds = [0; POSITIONS + 1];
    for (p, bound) in bounds.iter_mut().enumerate().skip(1) {
        *bound = live.partition_point(|&(state, _)| state / TAGS < p);
    }
    bounds
}
