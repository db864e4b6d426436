//! A diff whose work is bounded by the size of its input, for regions too large for a
//! full Myers search (two unrelated huge sections make it quadratic): sentences found
//! exactly once on each side are anchors, the longest run of anchors in the same order
//! on both sides is kept (as patience diff does), and only the stretches between
//! anchors small enough for the budget are searched with Myers; a larger stretch is
//! all removed and added. The result depends on the input alone, never on the clock.

use std::collections::HashMap;
use std::ops::Range;

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// One step of the diff: a tag and the ranges of each side it covers.
pub type Op = (DiffTag, Range<usize>, Range<usize>);

/// The diff of `old` against `new`, searching stretches between anchors of at most
/// `max_cells` old × new items.
pub fn diff(old: &[u64], new: &[u64], max_cells: usize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (a, b) in anchors(old, new) {
        stretch(old, new, i..a, j..b, max_cells, &mut ops);
        ops.push((DiffTag::Equal, a..a + 1, b..b + 1));
        (i, j) = (a + 1, b + 1);
    }
    stretch(old, new, i..old.len(), j..new.len(), max_cells, &mut ops);
    ops
}

/// The steps of one stretch between anchors.
fn stretch(
    old: &[u64],
    new: &[u64],
    olds: Range<usize>,
    news: Range<usize>,
    max_cells: usize,
    ops: &mut Vec<Op>,
) {
    if olds.is_empty() && news.is_empty() {
        return;
    }
    if olds.len().saturating_mul(news.len()) > max_cells {
        ops.push((DiffTag::Replace, olds, news));
        return;
    }
    let (o, n) = (olds.start, news.start);
    for op in capture_diff_slices(Algorithm::Myers, &old[olds], &new[news]) {
        let (tag, a, b) = op.as_tag_tuple();
        ops.push((tag, a.start + o..a.end + o, b.start + n..b.end + n));
    }
}

/// Positions `(old, new)` of the items found exactly once on each side, the longest
/// chain of them in the same order on both sides, in order.
fn anchors(old: &[u64], new: &[u64]) -> Vec<(usize, usize)> {
    let (old_seen, new_seen) = (occurrences(old), occurrences(new));
    let mut unique: Vec<(usize, usize)> = Vec::new();
    for (k, &(count, j)) in &new_seen {
        if count == 1
            && let Some(&(1, i)) = old_seen.get(k)
        {
            unique.push((i, j));
        }
    }
    unique.sort_unstable();
    longest_increasing(&unique)
}

/// How often each item occurs, with where it first does.
fn occurrences(items: &[u64]) -> HashMap<u64, (usize, usize)> {
    let mut seen: HashMap<u64, (usize, usize)> = HashMap::with_capacity(items.len());
    for (i, &k) in items.iter().enumerate() {
        seen.entry(k).or_insert((0, i)).0 += 1;
    }
    seen
}

/// The longest subsequence of `pairs` (sorted by their first item) whose second items
/// increase, by patience sorting.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index into pairs of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < j);
        previous[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        chain.push(pairs[p]);
        at = previous[p];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item of both sides in exactly one step, in order, equal steps equal.
    fn check(old: &[u64], new: &[u64], ops: &[Op]) {
        let (mut i, mut j) = (0, 0);
        for (tag, a, b) in ops {
            assert_eq!((a.start, b.start), (i, j), "{ops:?}");
            if *tag == DiffTag::Equal {
                assert_eq!(old[a.clone()], new[b.clone()]);
            }
            (i, j) = (a.end, b.end);
        }
        assert_eq!((i, j), (old.len(), new.len()));
    }

    #[test]
    fn anchors_keep_their_order_and_stretches_are_searched_within_the_bound() {
        let old = [1, 2, 9, 9, 3, 4, 5];
        let new = [1, 9, 3, 7, 5, 4];
        let ops = diff(&old, &new, 100);
        check(&old, &new, &ops);
        let equal: usize = ops
            .iter()
            .filter(|op| op.0 == DiffTag::Equal)
            .map(|op| op.1.len())
            .sum();
        assert_eq!(equal, 4, "1, one 9, 3 and one of 4 or 5: {ops:?}");
        let bounded = diff(&old, &new, 0);
        check(&old, &new, &bounded);
        assert!(bounded.iter().any(|op| op.0 == DiffTag::Replace));
    }

    #[test]
    fn unrelated_sides_are_one_replacement() {
        let old: Vec<u64> = (0..500).map(|k| k % 7).collect();
        let new: Vec<u64> = (0..400).map(|k| 100 + k % 5).collect();
        let ops = diff(&old, &new, 1_000);
        check(&old, &new, &ops);
        assert_eq!(ops.len(), 1);
    }
}
