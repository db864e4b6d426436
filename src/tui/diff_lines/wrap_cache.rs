//! Wrapped sentences kept across layouts of one pair.

use std::ops::Range;

use super::side_index;
use crate::review::{PairData, Side};
use crate::text::wrap;

/// Wrapped lines of every sentence of both years at one pair of column widths, so that
/// folding and unfolding never wrap the text again: only a new width does.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    /// Left width, right width and ambiguous-width setting the lines were wrapped for.
    key: Option<(usize, usize, bool)>,
    sentences: [Vec<Option<Vec<Range<usize>>>>; 2],
}

impl WrapCache {
    /// Forgets every wrapped line (another pair, or new text).
    pub fn clear(&mut self) {
        *self = WrapCache::default();
    }

    /// Starts over when the widths differ from those the lines were wrapped for.
    pub(super) fn prepare(&mut self, data: &PairData, key: (usize, usize, bool)) {
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        self.sentences = [
            vec![None; data.old.as_ref().map_or(0, |r| r.sentences.len())],
            vec![None; data.new.sentences.len()],
        ];
    }

    /// The lines of sentence `index` of one side, wrapped on first use.
    pub(super) fn lines(&mut self, side: Side, index: usize, text: &str) -> Vec<Range<usize>> {
        let Some((left, right, ambiguous_wide)) = self.key else {
            return Vec::new();
        };
        let width = match side {
            Side::Old => left,
            Side::New => right,
        };
        match self.sentences[side_index(side)].get_mut(index) {
            Some(slot) => slot
                .get_or_insert_with(|| wrap::wrap(text, width, ambiguous_wide))
                .clone(),
            None => wrap::wrap(text, width, ambiguous_wide),
        }
    }

    /// How many sentences have been wrapped at the current widths.
    pub fn wrapped(&self) -> usize {
        self.sentences
            .iter()
            .flatten()
            .filter(|s| s.is_some())
            .count()
    }
}
