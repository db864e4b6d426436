//! A stable sort for entries keyed by hashes, which are spread about evenly over their
//! range: one counting pass on the top bits of the hash puts each entry in its bucket
//! (about one entry each), then each bucket is sorted on its own. The hashes are never
//! compared where the top bits already tell them apart, and the buckets are too small
//! for a general sort's partitioning and merging to pay: a report's entries sort in
//! half the time of a comparison sort, a partition of a batch in a third.

/// At most this many bits are counted, so the counts stay in the cache (and under the
/// size the allocator maps afresh for each call): a larger sort has a few entries in
/// each bucket. (Below that, a bucket per entry on average sorted fastest: twice as
/// fast as four.)
const MAX_BITS: u32 = 13;

/// Puts the entries of `sources`, taken in turn, into `sorted` ordered by `key`, entries
/// of equal keys in the order they came. `radix` is an unsigned number whose order
/// agrees with `key`'s (a larger radix, a larger key) and whose values are spread about
/// evenly between the least and the greatest; the buckets split that range.
pub(super) fn spread_sort<T, S, K>(
    sources: &[S],
    radix: impl Fn(&T) -> u64,
    key: impl Fn(&T) -> K,
    sorted: &mut Vec<T>,
) where
    T: Copy,
    S: AsRef<[T]>,
    K: Ord,
{
    // Plain loops over each source: iterating the sources flattened took longer.
    let len = sources.iter().map(|s| s.as_ref().len()).sum::<usize>();
    let Some(&first) = sources.iter().find_map(|s| s.as_ref().first()) else {
        sorted.clear();
        return;
    };
    let (mut least, mut greatest) = (u64::MAX, 0);
    for source in sources {
        for entry in source.as_ref() {
            let radix = radix(entry);
            least = least.min(radix);
            greatest = greatest.max(radix);
        }
    }
    let bits = len.ilog2().min(MAX_BITS);
    let shift = (u64::BITS - (greatest - least).leading_zeros()).saturating_sub(bits);
    let bucket = |entry: &T| (radix(entry) - least).checked_shr(shift).unwrap_or(0) as usize;
    // Each bucket's end, then (once the entries are placed) its start.
    let mut ends = vec![0usize; 1 << bits];
    for source in sources {
        for entry in source.as_ref() {
            ends[bucket(entry)] += 1;
        }
    }
    let mut next = 0;
    for end in &mut ends {
        next += *end;
        *end = next;
    }
    // Every place is written below: a buffer used before is only topped up.
    sorted.truncate(len);
    sorted.resize(len, first);
    // Filled from the back, so each bucket keeps the entries' order.
    for source in sources.iter().rev() {
        for entry in source.as_ref().iter().rev() {
            let end = &mut ends[bucket(entry)];
            *end -= 1;
            sorted[*end] = *entry;
        }
    }
    let starts = ends.iter().copied();
    let bucket_ends = ends.iter().skip(1).copied().chain([len]);
    for (start, end) in starts.zip(bucket_ends) {
        if end - start > 1 {
            sorted[start..end].sort_by_key(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::spread_sort;

    /// An entry whose key ties with many others; `id` tells tied entries apart.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct Entry {
        hash: u64,
        minor: u8,
        id: usize,
    }

    /// Hashes from a few values, some sharing their top bits, so keys tie often (more
    /// entries of a key than a small sort takes) and buckets hold different keys.
    fn hashes(top_bits: u32) -> impl Strategy<Value = u64> {
        (0u64..8, 0u64..3).prop_map(move |(high, low)| {
            let spread = high.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> top_bits;
            (spread & !0xFF) | low
        })
    }

    fn entries(top_bits: u32) -> impl Strategy<Value = Vec<Vec<(u64, u8)>>> {
        prop::collection::vec(
            prop::collection::vec((hashes(top_bits), 0u8..3), 0..200),
            0..6,
        )
    }

    fn numbered(sources: &[Vec<(u64, u8)>]) -> Vec<Vec<Entry>> {
        let mut id = 0;
        sources
            .iter()
            .map(|source| {
                source
                    .iter()
                    .map(|&(hash, minor)| {
                        id += 1;
                        Entry { hash, minor, id }
                    })
                    .collect()
            })
            .collect()
    }

    proptest! {
        #[test]
        fn orders_as_a_stable_sort_of_the_sources_in_turn(sources in entries(0)) {
            let sources = numbered(&sources);
            let mut expected = sources.concat();
            expected.sort_by_key(|e| (e.hash, e.minor));
            let mut sorted = vec![Entry { hash: 1, minor: 1, id: 0 }];
            spread_sort(&sources, |e| e.hash, |e| (e.hash, e.minor), &mut sorted);
            prop_assert_eq!(sorted, expected);
        }

        #[test]
        fn buckets_split_a_narrow_range(sources in entries(8), top in 0u64..256) {
            let sources: Vec<Vec<Entry>> = numbered(&sources)
                .into_iter()
                .map(|s| s.into_iter().map(|e| Entry { hash: e.hash | top << 56, ..e }).collect())
                .collect();
            let mut expected = sources.concat();
            expected.sort_by_key(|e| e.hash);
            let mut sorted = Vec::new();
            spread_sort(&sources, |e| e.hash, |e| e.hash, &mut sorted);
            prop_assert_eq!(sorted, expected);
        }
    }
}
