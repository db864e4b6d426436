//! Similarity measures shared by section and sentence alignment, each exactly as
//! computed:
//! - Dice `2|A∩B| / (|A|+|B|)` over the sets of character bigrams of two texts' shapes
//!   (numbers hidden): sentences and headings paired by wording;
//! - the overlap coefficient `|A∩B| / min(|A|,|B|)` over the same sets: a heading with
//!   words added still contains the old one;
//! - the longest common subsequence of two word sequences: how much of a shorter
//!   sentence stands in order in a longer one (a clause added or cut), and of merged
//!   sentences in the sentence they became;
//! - cosine over sparse word vectors. Section pairing weighs words by TF-IDF (term count
//!   times a smoothed inverse document frequency `ln((n+1)/(df+1)) + 1`, every sentence
//!   and heading of both reports a document), so stock words of the genre weigh
//!   little. The reported `cosine` and `jaccard` scores of a pair and of a report use
//!   plain term counts instead, as the "Lazy Prices" measures do: cosine of the count
//!   vectors, Jaccard of the sets of words.

use std::cmp::Ordering;

/// The set of character bigrams of a text, sorted so two sets intersect in one merge
/// pass. Bigrams, not single characters, because Chinese sentences of one genre share
/// most of their characters but few of their two-character words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bigrams(Vec<u64>);

impl Bigrams {
    /// The bigrams of `text`; a one-character text counts as one bigram of itself so
    /// that it can still equal another.
    pub fn of(text: &str) -> Bigrams {
        let chars: Vec<char> = text.chars().collect();
        let mut grams: Vec<u64> = match chars.as_slice() {
            [] => Vec::new(),
            [only] => vec![pack(*only, '\0')],
            _ => chars.windows(2).map(|w| pack(w[0], w[1])).collect(),
        };
        grams.sort_unstable();
        grams.dedup();
        Bigrams(grams)
    }

    /// Number of distinct bigrams.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Number of bigrams present in both sets.
    pub fn shared(&self, other: &Bigrams) -> usize {
        count_shared(&self.0, &other.0)
    }
}

fn pack(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

/// Counts elements common to two sorted slices; with duplicates this is the multiset
/// intersection.
pub fn count_shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient `2|A∩B| / (|A|+|B|)`; two empty sets are equal.
pub fn dice(a: &Bigrams, b: &Bigrams) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * a.shared(b) as f64 / total as f64
}

/// The highest Dice two sets of these sizes could reach, to skip hopeless pairs cheaply.
pub fn dice_bound(a: usize, b: usize) -> f64 {
    let total = a + b;
    if total == 0 {
        return 1.0;
    }
    2.0 * a.min(b) as f64 / total as f64
}

/// Overlap coefficient `|A∩B| / min(|A|,|B|)`: 1 when one text contains the other's
/// bigrams, as a heading does after words are added to it.
pub fn containment(a: &Bigrams, b: &Bigrams) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.shared(b) as f64 / smaller as f64
}

/// Length of the longest common subsequence of two sequences: how many of one's items
/// the other holds in the same order.
pub fn common_subsequence<T: Eq>(a: &[T], b: &[T]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// A sparse vector of term weights, sorted by term id, with its Euclidean norm cached.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVector {
    terms: Vec<(u32, f64)>,
    norm: f64,
}

impl SparseVector {
    /// Builds a vector from `(term, weight)` pairs in any order; repeated terms add up:
    /// the definition [`SparseVector::counting`] is tested against.
    #[cfg(test)]
    pub fn from_weights(mut weights: Vec<(u32, f64)>) -> SparseVector {
        weights.sort_unstable_by_key(|&(t, _)| t);
        let mut terms: Vec<(u32, f64)> = Vec::with_capacity(weights.len());
        for (term, w) in weights {
            match terms.last_mut() {
                Some(last) if last.0 == term => last.1 += w,
                _ => terms.push((term, w)),
            }
        }
        let norm = terms.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
        SparseVector { terms, norm }
    }

    /// The vector counting each id of `ids` `weight(id)` once per occurrence, the
    /// occurrences of one id added one at a time (so the same weights give the same
    /// sums, bit for bit, however the ids are ordered); four bytes per occurrence.
    pub fn counting(mut ids: Vec<u32>, weight: impl Fn(u32) -> f64) -> SparseVector {
        ids.sort_unstable();
        let counts = ids
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], u32::try_from(run.len()).unwrap_or(u32::MAX)))
            .collect();
        SparseVector::from_counts(counts, weight)
    }

    /// [`SparseVector::counting`] from each id's number of occurrences (eight bytes a
    /// word, for the counts of every section of a huge report held at once).
    pub fn from_counts(mut counts: Vec<(u32, u32)>, weight: impl Fn(u32) -> f64) -> SparseVector {
        counts.sort_unstable_by_key(|&(id, _)| id);
        let terms: Vec<(u32, f64)> = counts
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(id, n)| {
                let w = weight(id);
                // Added one occurrence at a time, as the occurrences would be.
                (id, (1..n).fold(w, |sum, _| sum + w))
            })
            .collect();
        let norm = terms.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
        SparseVector { terms, norm }
    }

    /// True when no term has weight.
    pub fn is_empty(&self) -> bool {
        self.norm == 0.0
    }

    /// Term ids present, ascending.
    pub fn term_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.terms.iter().map(|&(t, _)| t)
    }

    /// Cosine similarity; two empty vectors are equal, one empty vector is unlike all.
    pub fn cosine(&self, other: &SparseVector) -> f64 {
        if self.is_empty() || other.is_empty() {
            return if self.is_empty() && other.is_empty() {
                1.0
            } else {
                0.0
            };
        }
        let (a, b) = (&self.terms, &other.terms);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (dot / (self.norm * other.norm)).clamp(0.0, 1.0)
    }

    /// Jaccard similarity of the term sets; two empty sets are equal.
    pub fn jaccard(&self, other: &SparseVector) -> f64 {
        let a: Vec<u32> = self.term_ids().collect();
        let b: Vec<u32> = other.term_ids().collect();
        jaccard(count_shared(&a, &b), a.len(), b.len())
    }
}

/// Jaccard similarity `|A∩B| / |A∪B|` from the sizes of two sets and of their
/// intersection; two empty sets are equal.
pub fn jaccard(shared: usize, a: usize, b: usize) -> f64 {
    let union = (a + b).saturating_sub(shared);
    if union == 0 {
        1.0
    } else {
        shared as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_gives_what_weights_give() {
        let ids = vec![7, 3, 7, 7, 1, 3, 9, 7];
        let weight = |id: u32| 0.1 + f64::from(id) / 3.0;
        let weights = ids.iter().map(|&id| (id, weight(id))).collect();
        assert_eq!(
            SparseVector::counting(ids.clone(), weight),
            SparseVector::from_weights(weights)
        );
        assert_eq!(
            SparseVector::counting(Vec::new(), weight),
            SparseVector::default()
        );
    }

    #[test]
    fn dice_of_bigrams() {
        let a = Bigrams::of("主要举措和成效");
        let b = Bigrams::of("推进法治政府建设的主要举措和成效");
        assert_eq!(a.len(), 6);
        assert!((dice(&a, &b) - 12.0 / 21.0).abs() < 1e-9);
        assert_eq!(containment(&a, &b), 1.0);
        assert_eq!(dice(&a, &a), 1.0);
        assert_eq!(dice(&Bigrams::of("甲"), &Bigrams::of("甲")), 1.0);
        assert_eq!(dice(&Bigrams::of("甲"), &Bigrams::of("乙")), 0.0);
        assert_eq!(dice(&Bigrams::of(""), &Bigrams::of("")), 1.0);
    }

    #[test]
    fn dice_bound_is_an_upper_bound() {
        let a = Bigrams::of("加强组织领导");
        let b = Bigrams::of("加强组织领导，完善机制建设，提高制度建设质量");
        assert!(dice(&a, &b) <= dice_bound(a.len(), b.len()));
        assert!(dice_bound(5, 50) < 0.2);
    }

    #[test]
    fn common_subsequence_keeps_order() {
        assert_eq!(common_subsequence(&[1, 2, 3, 4], &[1, 9, 3, 4, 2]), 3);
        assert_eq!(common_subsequence::<u32>(&[], &[1]), 0);
        assert_eq!(common_subsequence(&[5, 5], &[5]), 1);
    }

    #[test]
    fn cosine_and_jaccard() {
        let a = SparseVector::from_weights(vec![(1, 1.0), (2, 1.0), (1, 1.0)]);
        let b = SparseVector::from_weights(vec![(2, 2.0), (3, 1.0)]);
        let expected = 2.0 / (5f64.sqrt() * 5f64.sqrt());
        assert!((a.cosine(&b) - expected).abs() < 1e-9);
        assert!((a.jaccard(&b) - 1.0 / 3.0).abs() < 1e-9);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-9);
        let empty = SparseVector::default();
        assert_eq!(empty.cosine(&empty), 1.0);
        assert_eq!(empty.cosine(&a), 0.0);
        assert_eq!(empty.jaccard(&empty), 1.0);
    }
}
