//! Sentence sketches for near duplicates: MinHash over character 3-grams, grouped into
//! LSH bands, and the edit similarity that verifies a candidate pair.
//!
//! A sentence with a few words swapped (`全镇`→`我乡`, an added `必须`) shares no long exact
//! run with its source, so winnowing misses it. Two sentences whose 3-gram sets overlap
//! well agree on some band with high probability (with 8 bands of 2 rows, a Jaccard
//! overlap of 0.5 is caught 90% of the time, 0.7 over 99%); every candidate is then
//! checked by edit similarity on the normalized characters.

use super::fingerprint::mix;

/// Bands per sentence: one index entry each.
pub const BANDS: usize = 8;

/// MinHash values combined into one band.
const ROWS: usize = 2;

/// Characters per shingle.
const SHINGLE: usize = 3;

/// Sentences shorter than this (normalized) are not sketched: too short to tell a
/// reworded sentence from a common phrase.
pub const MIN_SKETCH_CHARS: usize = 10;

/// The LSH band keys of a normalized sentence, or `None` when it is too short.
pub fn bands(chars: &[char]) -> Option<[u64; BANDS]> {
    if chars.len() < MIN_SKETCH_CHARS {
        return None;
    }
    let minima = minima(chars);
    let mut out = [0u64; BANDS];
    for (band, key) in out.iter_mut().enumerate() {
        let rows = &minima[band * ROWS..(band + 1) * ROWS];
        *key = mix(rows[0] ^ rows[1].rotate_left(23) ^ (band as u64).wrapping_mul(0x9E37));
    }
    Some(out)
}

/// The MinHash minima of every row, with the processor's 64-bit vector multiply where
/// it has one (eight rows in one instruction instead of one).
fn minima(chars: &[char]) -> [u64; BANDS * ROWS] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512dq")
        && std::arch::is_x86_feature_detected!("avx512vl")
    {
        // SAFETY: the features the function is compiled for were detected just now.
        return unsafe { minima_avx512(chars) };
    }
    minima_of(chars)
}

/// [`minima_of`] compiled for AVX-512 (same arithmetic, same results).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
fn minima_avx512(chars: &[char]) -> [u64; BANDS * ROWS] {
    minima_of(chars)
}

/// The minimum of every row's hash over the sentence's shingles.
#[inline(always)]
fn minima_of(chars: &[char]) -> [u64; BANDS * ROWS] {
    let mut minima = [u64::MAX; BANDS * ROWS];
    for shingle in chars.windows(SHINGLE) {
        let base = shingle_hash(shingle);
        for (i, min) in minima.iter_mut().enumerate() {
            // One multiply-xorshift per row: a permutation of the (already spread)
            // shingle hash, independent enough across seeds for MinHash.
            let mut value = (base ^ SEEDS[i]).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            value ^= value >> 29;
            *min = value.min(*min);
        }
    }
    minima
}

/// Per-row seeds of the MinHash family (fixed: the index keeps band keys).
const SEEDS: [u64; BANDS * ROWS] = [
    0x243F_6A88_85A3_08D3,
    0x1319_8A2E_0370_7344,
    0xA409_3822_299F_31D0,
    0x082E_FA98_EC4E_6C89,
    0x4528_21E6_38D0_1377,
    0xBE54_66CF_34E9_0C6C,
    0xC0AC_29B7_C97C_50DD,
    0x3F84_D5B5_B547_0917,
    0x9216_D5D9_8979_FB1B,
    0xD131_0BA6_98DF_B5AC,
    0x2FFD_72DB_D01A_DFB7,
    0xB8E1_AFED_6A26_7E96,
    0xBA7C_9045_F12C_7F99,
    0x24A1_9947_B391_6CF7,
    0x0801_F2E2_858E_FC16,
    0x6369_20D8_7157_4E69,
];

fn shingle_hash(shingle: &[char]) -> u64 {
    let packed = shingle.iter().fold(0u64, |h, &c| (h << 21) | u64::from(c));
    mix(packed)
}

/// Edit similarity `1 − distance / longer length` when it reaches `threshold`, else
/// `None`. Only the diagonal band that can still reach the threshold is computed, so a
/// long sentence costs length × allowed edits, not length².
pub fn similarity_at_least(a: &[char], b: &[char], threshold: f64) -> Option<f64> {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return Some(1.0);
    }
    let allowed = ((1.0 - threshold) * longer as f64 + 1e-9).floor() as usize;
    let distance = bounded_levenshtein(a, b, allowed)?;
    Some(1.0 - distance as f64 / longer as f64)
}

/// Levenshtein distance when at most `limit`, computed in the band |i − j| ≤ limit.
fn bounded_levenshtein(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let outside = limit + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(outside)).collect();
    let mut current = vec![outside; b.len() + 1];
    for i in 1..=a.len() {
        let from = i.saturating_sub(limit).max(1);
        let to = (i + limit).min(b.len());
        // Only the band is written; the cells just outside it are marked unreachable so
        // the next row never reads a value left over from an earlier row.
        current[0] = i.min(outside);
        current[from - 1] = if from == 1 { current[0] } else { outside };
        if to < b.len() {
            current[to + 1] = outside;
        }
        let mut row_min = current[0].min(current[from - 1]);
        for j in from..=to {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let deletion = previous[j] + 1;
            let insertion = current[j - 1] + 1;
            let cell = substitution.min(deletion).min(insertion).min(outside);
            current[j] = cell;
            row_min = row_min.min(cell);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn shared_bands(a: &str, b: &str) -> usize {
        match (bands(&chars(a)), bands(&chars(b))) {
            (Some(x), Some(y)) => x.iter().zip(&y).filter(|(p, q)| p == q).count(),
            _ => 0,
        }
    }

    #[test]
    fn levenshtein_matches_the_textbook_values() {
        let d = |a: &str, b: &str| bounded_levenshtein(&chars(a), &chars(b), 10);
        assert_eq!(d("kitten", "sitting"), Some(3));
        assert_eq!(d("", "abc"), Some(3));
        assert_eq!(d("依法行政", "依法行政"), Some(0));
        assert_eq!(d("全镇依法行政", "我乡依法行政"), Some(2));
        assert_eq!(
            bounded_levenshtein(&chars("kitten"), &chars("sitting"), 2),
            None
        );
    }

    #[test]
    fn similarity_is_relative_to_the_longer_sentence() {
        let a = chars("主要负责人在集体讨论基础上作出决定");
        let b = chars("主要负责人必须在集体讨论基础上作出决定");
        let s = similarity_at_least(&a, &b, 0.8);
        assert!(
            s.is_some_and(|s| (s - (1.0 - 2.0 / 19.0)).abs() < 1e-9),
            "{s:?}"
        );
        assert_eq!(
            similarity_at_least(&a, &chars("完全不同的一句话"), 0.8),
            None
        );
    }

    #[test]
    fn reworded_sentences_share_a_band_and_unrelated_ones_do_not() {
        assert!(
            shared_bands(
                "全镇切实加强行政执法人员培训和资格管理",
                "我乡确实加强行政执法人员培训和资格管理"
            ) > 0
        );
        assert!(
            shared_bands(
                "重大决策事项提交会议讨论后作出决定并存档",
                "重大决策事项必须提交会议讨论后作出决定并存档"
            ) > 0
        );
        assert_eq!(
            shared_bands(
                "全镇切实加强行政执法人员培训和资格管理",
                "今年共受理群众来信来访事项四十余件全部办结"
            ),
            0
        );
    }

    #[test]
    fn short_sentences_are_not_sketched() {
        assert!(bands(&chars("依法行政")).is_none());
        assert!(bands(&chars("推进依法行政工作情况")).is_some());
    }
}
