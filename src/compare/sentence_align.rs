//! Sentence alignment inside aligned regions, then moves across regions.
//!
//! 1. A Myers diff finds the sentences kept in order, comparing shapes (numbers hidden)
//!    for sentences not found verbatim on the other side: kept sentences whose norms
//!    differ had only their numbers changed. Myers, not Histogram: the genre repeats
//!    itself and Histogram degrades on repetition.
//! 2. Inside each run of removed and added sentences, pairs similar enough are
//!    `modified`, chosen by an order-keeping alignment that maximises total similarity.
//!    Similar enough means sharing enough character bigrams (symmetric), or the shorter
//!    sentence's words found in order in the longer (containment: a clause added or
//!    cut). Consecutive sentences of one side merged into or split from one sentence of
//!    the other are aligned as one row.
//! 3. Leftovers of one region are paired across runs (a sentence moved within its
//!    section, or reworded and moved).
//! 4. Leftovers across all regions with an equal norm are `moved`; with an equal shape
//!    they are `numbers_only`. The row stays where the new sentence is.

use std::collections::{HashMap, HashSet, VecDeque};

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::anchored;
use super::block_align::{self, Step, Weights};
use super::features::{Features, SentenceFeatures};
use super::kinds::renumbered_kind;
use super::similarity::{common_subsequence, count_shared, dice, dice_bound};
use super::{Row, RowKind};

/// Two sentences whose shapes share at least this Dice of character bigrams are one
/// sentence reworded. Measured on real reports: a sentence's best match in another
/// township's report (same genre, different text) has a median Dice of 0.14, a 95th
/// percentile of 0.35 and a 99th of 0.50; between consecutive State Council reports,
/// pairs from 0.4 to 0.5 are as often different statements sharing a stock phrase
/// (`…取得新进展`) as rewordings, and pairs above 0.5 are mostly rewordings. A sentence
/// with a word replaced or a clause added stays well above 0.6.
pub const MODIFIED_THRESHOLD: f64 = 0.5;

/// A sentence replaced in place (the k-th of n removed sentences against the k-th of n
/// added ones, between the same unchanged neighbours) has its position as evidence, so
/// less wording suffices: `二是全力推进政务公开` → `二是进一步加强政务公开` shares 0.42.
/// Two unrelated sentences of the genre rarely reach this (median 0.14).
pub const IN_PLACE_THRESHOLD: f64 = 0.3;

/// Above this many candidate pairs in one run or region, sentences are not paired by
/// similarity (equal norms and shapes still pair, across regions, in linear time), so a
/// pathological input (two unrelated huge reports) cannot take quadratic time.
const MAX_PAIRING_CELLS: usize = 1_000_000;

/// A sentence moved between regions with new numbers must have this much wording
/// besides its numbers, so that `2021年12月` is not taken for a moved sentence.
const MIN_MOVED_SHAPE_CHARS: usize = 8;

/// A sentence whose words are found in order in another, at least this share of them,
/// is that sentence with a clause added (or the other with one cut): `国际收支基本平衡`
/// in `国际收支基本平衡，对外贸易规模创历史新高`. Words are number-blind, so a figure
/// changed besides does not break containment.
pub const CONTAINMENT_THRESHOLD: f64 = 0.8;

/// Containment is only evidence for a sentence of at least this many words: a short
/// stock phrase (`取得明显成效`) stands in many sentences.
const MIN_CONTAINED_WORDS: usize = 5;

/// The similarity a fully contained sentence weighs in pairing: a sentence nearly
/// identical by bigrams (above 0.8) is still the better partner.
const CONTAINED_WEIGHT: f64 = 0.8;

/// Most sentences merged into one (or one split into).
const MAX_JOINED: usize = 3;

/// Each part of a merge must have at least this share of its words found in order in
/// the sentence it merged into, and at least [`MIN_PART_WORDS`] words.
const PART_THRESHOLD: f64 = 0.6;
const MIN_PART_WORDS: usize = 2;

/// The parts joined must match the other sentence this well as a whole: twice the words
/// in common over the words of both (a symmetric similarity of word sequences).
const JOINED_THRESHOLD: f64 = 0.6;

/// Above this many candidate steps in one run, merges and splits are not looked for.
const MAX_JOIN_CELLS: usize = 40_000;

/// A word sequence is looked for in order in another (a longest common subsequence,
/// quadratic) only when their lengths multiplied stay below this: real sentences have
/// tens of words, a run of text without a full stop may have hundreds of thousands.
const MAX_SUBSEQUENCE_CELLS: usize = 1_000_000;

/// Aligns the sentences of one region pair (indices into each report's sentences, in
/// order). Every sentence of both lists appears in exactly one row. With `word_level`
/// false (a pair or region too large for it), only equal and renumbered sentences pair:
/// no rewordings, merges or splits are looked for, and the diff searches stretches of at
/// most `max_cells` old × new sentences between sentences found once on each side.
pub fn align_region(
    olds: &[usize],
    news: &[usize],
    features: &Features,
    word_level: bool,
    max_cells: usize,
) -> Vec<Row> {
    let pair = RegionPair::new(olds, news, features, word_level);
    let old_keys: Vec<u64> = olds.iter().map(|&o| pair.old_key(o)).collect();
    let new_keys: Vec<u64> = news.iter().map(|&n| pair.new_key(n)).collect();
    let mut rows = Vec::with_capacity(olds.len().max(news.len()));
    let ops: Vec<anchored::Op> = if word_level {
        capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys)
            .iter()
            .map(similar::DiffOp::as_tag_tuple)
            .collect()
    } else {
        anchored::diff(&old_keys, &new_keys, max_cells)
    };
    for (tag, old_range, new_range) in ops {
        let (block_old, block_new) = (&olds[old_range], &news[new_range]);
        if tag == DiffTag::Equal {
            for (&o, &n) in block_old.iter().zip(block_new) {
                rows.push(paired(o, n, features, RowKind::Unchanged));
            }
        } else {
            pair.pair_block(block_old, block_new, &mut rows);
        }
    }
    pair.pair_within_region(&mut rows);
    rows
}

/// One region pair being aligned, with the norms on each side: a sentence whose norm
/// the other side has was kept verbatim, so it pairs only verbatim and is never taken
/// for a rewording or renumbering of another sentence.
struct RegionPair<'a> {
    features: &'a Features<'a>,
    old_norms: HashSet<u32>,
    new_norms: HashSet<u32>,
    /// Rewordings are looked for (see [`align_region`]).
    word_level: bool,
}

impl<'a> RegionPair<'a> {
    fn new(
        olds: &[usize],
        news: &[usize],
        features: &'a Features<'a>,
        word_level: bool,
    ) -> RegionPair<'a> {
        RegionPair {
            features,
            word_level,
            old_norms: olds
                .iter()
                .map(|&o| features.old.sentences[o].norm)
                .collect(),
            new_norms: news
                .iter()
                .map(|&n| features.new.sentences[n].norm)
                .collect(),
        }
    }

    /// What the diff compares for an old sentence: its norm when kept verbatim, else its
    /// shape, so that renumbered sentences anchor the diff like unchanged ones while a
    /// verbatim sentence is never lined up with a renumbered look-alike.
    fn old_key(&self, o: usize) -> u64 {
        let s = &self.features.old.sentences[o];
        key(s, self.new_norms.contains(&s.norm))
    }

    /// [`RegionPair::old_key`] for a new sentence.
    fn new_key(&self, n: usize) -> u64 {
        let s = &self.features.new.sentences[n];
        key(s, self.old_norms.contains(&s.norm))
    }

    /// Similarity of two sentences for pairing: 2 for equal norms, 1 for equal shapes,
    /// else bigram Dice of the shapes; 0 below `threshold`, and 0 when either sentence
    /// was kept verbatim and the two are not the same sentence.
    fn similarity(&self, o: usize, n: usize, threshold: f64) -> f64 {
        let (a, b) = (
            &self.features.old.sentences[o],
            &self.features.new.sentences[n],
        );
        if a.norm == b.norm {
            return 2.0;
        }
        if self.new_norms.contains(&a.norm) || self.old_norms.contains(&b.norm) {
            return 0.0;
        }
        sentence_similarity(a, b, threshold)
    }

    /// Emits the rows of one changed run: aligned steps in order, and between steps the
    /// unpaired removed sentences before the unpaired added ones, as a diff reads.
    fn pair_block(&self, olds: &[usize], news: &[usize], rows: &mut Vec<Row>) {
        let (mut i, mut j) = (0, 0);
        for step in self.block_steps(olds, news) {
            rows.extend(olds[i..step.olds.start].iter().map(|&o| removed(o)));
            rows.extend(news[j..step.news.start].iter().map(|&n| added(n)));
            let (first_old, first_new) = (olds[step.olds.start], news[step.news.start]);
            let mut row = paired(first_old, first_new, self.features, RowKind::Unchanged);
            if step.olds.len() > 1 || step.news.len() > 1 {
                row.kind = RowKind::Modified;
                row.old_joined = olds[step.olds.start + 1..step.olds.end].to_vec();
                row.new_joined = news[step.news.start + 1..step.news.end].to_vec();
            }
            rows.push(row);
            (i, j) = (step.olds.end, step.news.end);
        }
        rows.extend(olds[i..].iter().map(|&o| removed(o)));
        rows.extend(news[j..].iter().map(|&n| added(n)));
    }

    /// The order-keeping steps above the thresholds with the greatest total similarity,
    /// as positions in the two lists. In a run with as many added as removed sentences,
    /// a pair in the same position needs only [`IN_PLACE_THRESHOLD`].
    fn block_steps(&self, olds: &[usize], news: &[usize]) -> Vec<Step> {
        let (r, a) = (olds.len(), news.len());
        if !self.word_level || r == 0 || a == 0 || r.saturating_mul(a) > MAX_PAIRING_CELLS {
            return Vec::new();
        }
        let threshold = |i: usize, j: usize| {
            if r == a && i == j {
                IN_PLACE_THRESHOLD
            } else {
                MODIFIED_THRESHOLD
            }
        };
        let weight: Vec<f64> = (0..r)
            .flat_map(|i| (0..a).map(move |j| (i, j)))
            .map(|(i, j)| self.similarity(olds[i], news[j], threshold(i, j)))
            .collect();
        let pair = |i: usize, j: usize| weight[i * a + j];
        let join = |o: std::ops::Range<usize>, n: std::ops::Range<usize>| {
            self.join_weight(&olds[o], &news[n])
        };
        let max_joined = if r.saturating_mul(a) > MAX_JOIN_CELLS {
            1
        } else {
            MAX_JOINED
        };
        block_align::align(
            r,
            a,
            &Weights {
                pair: &pair,
                join: &join,
                max_joined,
            },
        )
    }

    /// The weight of merging `olds` into one new sentence or splitting one old sentence
    /// into `news`: the number of sentences joined times how well the joined side
    /// matches the single one, or 0 when a part is not found in it.
    fn join_weight(&self, olds: &[usize], news: &[usize]) -> f64 {
        // Each sentence with whether it was kept verbatim (and so pairs only verbatim).
        let old = |o: usize| {
            let s = &self.features.old.sentences[o];
            (s, self.new_norms.contains(&s.norm))
        };
        let new = |n: usize| {
            let s = &self.features.new.sentences[n];
            (s, self.old_norms.contains(&s.norm))
        };
        let (parts, (whole, whole_verbatim)): (Vec<_>, _) = match (olds, news) {
            (_, [n]) => (olds.iter().map(|&o| old(o)).collect(), new(*n)),
            ([o], _) => (news.iter().map(|&n| new(n)).collect(), old(*o)),
            _ => return 0.0,
        };
        let parts_len: usize = parts.iter().map(|(p, _)| p.tokens.len()).sum();
        if whole_verbatim || !can_reach_joined_threshold(parts_len, whole.tokens.len()) {
            return 0.0;
        }
        let mut joined: Vec<u32> = Vec::with_capacity(parts_len);
        for (part, verbatim) in &parts {
            let found = part.tokens.len() >= MIN_PART_WORDS
                && !verbatim
                && share_found(part, whole, PART_THRESHOLD) >= PART_THRESHOLD;
            if !found {
                return 0.0;
            }
            joined.extend_from_slice(&part.tokens);
        }
        let total = joined.len() + whole.tokens.len();
        let common = common_subsequence(&joined, &whole.tokens);
        let similarity = 2.0 * common as f64 / total.max(1) as f64;
        if similarity >= JOINED_THRESHOLD {
            parts.len() as f64 * similarity
        } else {
            0.0
        }
    }

    /// Pairs the removed and added rows left in the region, best pairs first: equal
    /// norms (moved within the section), then equal shapes, then similar wording. The
    /// pair takes the added row's place; the removed row goes. Too large a region is left
    /// to [`pair_across_regions`].
    fn pair_within_region(&self, rows: &mut Vec<Row>) {
        let removed: Vec<usize> = positions(rows, RowKind::Removed);
        let added: Vec<usize> = positions(rows, RowKind::Added);
        if !self.word_level
            || removed.is_empty()
            || added.is_empty()
            || removed.len().saturating_mul(added.len()) > MAX_PAIRING_CELLS
        {
            return;
        }
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for &ri in &removed {
            for &ai in &added {
                let (Some(o), Some(n)) = (rows[ri].old, rows[ai].new) else {
                    continue;
                };
                let score = self.similarity(o, n, MODIFIED_THRESHOLD);
                if score > 0.0 {
                    candidates.push((score, ri, ai));
                }
            }
        }
        candidates.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(x.1.abs_diff(x.2).cmp(&y.1.abs_diff(y.2)))
                .then(x.2.cmp(&y.2))
        });
        let mut gone = vec![false; rows.len()];
        let mut used = vec![false; rows.len()];
        for (_, ri, ai) in candidates {
            if used[ri] || used[ai] {
                continue;
            }
            used[ri] = true;
            used[ai] = true;
            if let (Some(o), Some(n)) = (rows[ri].old, rows[ai].new) {
                rows[ai] = paired(o, n, self.features, RowKind::Moved);
                gone[ri] = true;
            }
        }
        let mut index = 0;
        rows.retain(|_| {
            let keep = !gone[index];
            index += 1;
            keep
        });
    }
}

/// A diff key: the norm for a sentence kept verbatim, else the shape.
fn key(s: &SentenceFeatures, verbatim: bool) -> u64 {
    if verbatim {
        u64::from(s.norm) << 1
    } else {
        (u64::from(s.shape) << 1) | 1
    }
}

/// Similarity of two sentences: 1 for equal shapes, else the better of bigram Dice of
/// the shapes (0 below `threshold`, checked on the lengths first, which is cheap) and
/// [`CONTAINED_WEIGHT`] for a sentence contained in the other.
pub fn sentence_similarity(a: &SentenceFeatures, b: &SentenceFeatures, threshold: f64) -> f64 {
    if a.shape == b.shape {
        return 1.0;
    }
    let symmetric = if dice_bound(a.bigrams.len(), b.bigrams.len()) < threshold {
        0.0
    } else {
        let d = dice(&a.bigrams, &b.bigrams);
        if d >= threshold { d } else { 0.0 }
    };
    if symmetric >= CONTAINED_WEIGHT {
        return symmetric;
    }
    let (short, long) = if a.tokens.len() <= b.tokens.len() {
        (a, b)
    } else {
        (b, a)
    };
    let contained = short.tokens.len() >= MIN_CONTAINED_WORDS
        && share_found(short, long, CONTAINMENT_THRESHOLD) >= CONTAINMENT_THRESHOLD;
    if contained {
        symmetric.max(CONTAINED_WEIGHT)
    } else {
        symmetric
    }
}

/// Whether sequences of these lengths could share enough words in order to reach
/// [`JOINED_THRESHOLD`]: the common part is at most the shorter one.
fn can_reach_joined_threshold(a: usize, b: usize) -> bool {
    let total = a + b;
    total > 0 && 2.0 * a.min(b) as f64 / total as f64 >= JOINED_THRESHOLD
}

/// Share of `part`'s words found in order in `whole`, or 0 when the words they share
/// at all (a cheap bound) already fall short of `needed`.
fn share_found(part: &SentenceFeatures, whole: &SentenceFeatures, needed: f64) -> f64 {
    let len = part.tokens.len();
    if len == 0 || len.saturating_mul(whole.tokens.len()) > MAX_SUBSEQUENCE_CELLS {
        return 0.0;
    }
    let bound = count_shared(&part.sorted_tokens, &whole.sorted_tokens) as f64 / len as f64;
    if bound < needed {
        return 0.0;
    }
    common_subsequence(&part.tokens, &whole.tokens) as f64 / len as f64
}

/// A row for two paired sentences: `in_order` is the kind for equal norms
/// (`unchanged` where the diff kept the order, `moved` where it did not).
fn paired(o: usize, n: usize, features: &Features, in_order: RowKind) -> Row {
    let (a, b) = (&features.old.sentences[o], &features.new.sentences[n]);
    let kind = if a.norm == b.norm {
        in_order
    } else if a.shape == b.shape {
        let (old_numerals, new_numerals) = features.numerals(o, n);
        renumbered_kind(&old_numerals, &new_numerals)
    } else {
        RowKind::Modified
    };
    row(kind, Some(o), Some(n))
}

fn row(kind: RowKind, old: Option<usize>, new: Option<usize>) -> Row {
    Row {
        kind,
        old,
        new,
        edits: Vec::new(),
        old_joined: Vec::new(),
        new_joined: Vec::new(),
    }
}

fn removed(o: usize) -> Row {
    row(RowKind::Removed, Some(o), None)
}

fn added(n: usize) -> Row {
    row(RowKind::Added, None, Some(n))
}

fn positions(rows: &[Row], kind: RowKind) -> Vec<usize> {
    (0..rows.len()).filter(|&i| rows[i].kind == kind).collect()
}

/// Pairs removed and added rows across regions: an equal norm is a `moved` sentence, an
/// equal shape (with enough wording) a `numbers_only` one. The row stays in the new
/// sentence's region; the removed row is dropped from its region.
pub fn pair_across_regions(regions: &mut [Vec<Row>], features: &Features) {
    let mut gone: HashSet<(usize, usize)> = HashSet::new();
    let norm_key = |s: &SentenceFeatures| Some(s.norm);
    let shape_key =
        |s: &SentenceFeatures| (s.shape_chars >= MIN_MOVED_SHAPE_CHARS).then_some(s.shape);
    for key in [
        &norm_key as &dyn Fn(&SentenceFeatures) -> Option<u32>,
        &shape_key,
    ] {
        let mut waiting = removed_by_key(regions, features, key, &gone);
        let mut added: Vec<(usize, usize, usize)> = Vec::new();
        for (p, rows) in regions.iter().enumerate() {
            for (r, row) in rows.iter().enumerate() {
                if let (RowKind::Added, Some(n)) = (row.kind, row.new) {
                    added.push((n, p, r));
                }
            }
        }
        added.sort_unstable();
        for (n, p, r) in added {
            let Some(k) = key(&features.new.sentences[n]) else {
                continue;
            };
            let Some((o, op, or)) = waiting.get_mut(&k).and_then(VecDeque::pop_front) else {
                continue;
            };
            regions[p][r] = paired(o, n, features, RowKind::Moved);
            gone.insert((op, or));
        }
    }
    for (p, rows) in regions.iter_mut().enumerate() {
        let mut index = 0;
        rows.retain(|_| {
            let keep = !gone.contains(&(p, index));
            index += 1;
            keep
        });
    }
}

/// Removed rows not yet `gone`, grouped by key, each group in old document order, as
/// `(old sentence, region, row)`.
fn removed_by_key(
    regions: &[Vec<Row>],
    features: &Features,
    key: &dyn Fn(&SentenceFeatures) -> Option<u32>,
    gone: &HashSet<(usize, usize)>,
) -> HashMap<u32, VecDeque<(usize, usize, usize)>> {
    let mut removed: Vec<(usize, usize, usize)> = Vec::new();
    for (p, rows) in regions.iter().enumerate() {
        for (r, row) in rows.iter().enumerate() {
            if let (RowKind::Removed, Some(o), false) = (row.kind, row.old, gone.contains(&(p, r)))
            {
                removed.push((o, p, r));
            }
        }
    }
    removed.sort_unstable();
    let mut out: HashMap<u32, VecDeque<(usize, usize, usize)>> = HashMap::new();
    for (o, p, r) in removed {
        if let Some(k) = key(&features.old.sentences[o]) {
            out.entry(k).or_default().push_back((o, p, r));
        }
    }
    out
}

#[cfg(test)]
mod tests;
