//! Winnowing fingerprints (Schleimer, Wilkerson and Aiken 2003) over the normalized
//! character stream.
//!
//! Every k-gram gets a hash; in each window of `WINDOW` consecutive k-gram hashes the
//! minimum is selected (the rightmost on ties), and a selection is recorded once. Two
//! texts that share a passage of at least `WINDOW + KGRAM - 1` characters both select the
//! minimum of a window lying wholly inside it, so they share a fingerprint: that is the
//! guarantee behind "every shared passage of 20 characters is found". Hashes are stable
//! across runs and versions because the index keeps them.

/// Characters per k-gram: shorter coincidences never produce a shared hash.
pub const KGRAM: usize = 10;

/// K-gram hashes per window.
pub const WINDOW: usize = 11;

/// The guarantee threshold: a shared passage this long always shares a fingerprint.
pub const GUARANTEE: usize = WINDOW + KGRAM - 1;

/// Characters on each side of a k-gram summarized in its [`Fingerprint::context`].
pub const CONTEXT_CHARS: usize = 10;

/// Bits per character in a context digest.
const CONTEXT_BITS: usize = 3;

/// Base of the rolling polynomial hash (odd, so multiplication is a bijection mod 2^64).
const BASE: u64 = 0x1F3D_5B79_A3C1_7E35;

/// One selected k-gram: its hash, its position in the normalized stream, and a digest
/// of the characters around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub hash: u64,
    pub pos: u32,
    /// 3 bits for each of the [`CONTEXT_CHARS`] characters before the k-gram (nearest
    /// first, low bits) and after it (from bit 30). Two occurrences of a k-gram in a
    /// shared run of `n` characters agree on at least `min(n − k, 10)` of them counted
    /// outward from the k-gram, so a look-up can skip reports that cannot share a long
    /// enough passage without reading them.
    pub context: u64,
}

/// The fingerprints of a normalized character stream, in position order: the k-gram
/// hashes are winnowed as they roll, in one pass without a list of them.
pub fn fingerprints(chars: &[char]) -> Vec<Fingerprint> {
    let digests = padded_digests(chars);
    let kgrams = chars.len().saturating_sub(KGRAM - 1);
    let mut selected = Vec::with_capacity(2 * kgrams / (WINDOW + 1) + 1);
    let mut select = |at: usize, hash: u64| {
        selected.push(Fingerprint {
            hash,
            pos: u32::try_from(at).unwrap_or(u32::MAX),
            context: context(&digests, at),
        });
    };
    let mut winnow = Winnow::default();
    for hash in KgramHashes::new(chars) {
        if let Some((at, hash)) = winnow.push(hash) {
            select(at, hash);
        }
    }
    if let Some((at, hash)) = winnow.short_text_minimum() {
        select(at, hash);
    }
    selected
}

/// Each character's digest, with [`CONTEXT_CHARS`] zeros on either side of the text:
/// characters beyond the text count as 0, and [`context`] reads the surroundings of any
/// k-gram of the text without a bounds case.
fn padded_digests(chars: &[char]) -> Vec<u8> {
    let mut digests = Vec::with_capacity(chars.len() + 2 * CONTEXT_CHARS);
    digests.resize(CONTEXT_CHARS, 0);
    digests.extend(chars.iter().map(|&c| char_digest(c)));
    digests.resize(digests.len() + CONTEXT_CHARS, 0);
    digests
}

/// The context digest of the k-gram at `pos`, from [`padded_digests`].
fn context(padded: &[u8], pos: usize) -> u64 {
    // `pos` in the text is `pos + CONTEXT_CHARS` in the padded digests.
    let before = &padded[pos..pos + CONTEXT_CHARS];
    let after = &padded[pos + CONTEXT_CHARS + KGRAM..pos + 2 * CONTEXT_CHARS + KGRAM];
    let mut digest = 0u64;
    for i in 0..CONTEXT_CHARS {
        digest |= u64::from(before[CONTEXT_CHARS - 1 - i]) << (CONTEXT_BITS * i);
        digest |= u64::from(after[i]) << (CONTEXT_BITS * (CONTEXT_CHARS + i));
    }
    digest
}

/// How many characters, counted outward from the k-gram, two context digests agree on
/// before (left) and after (right) it. Never less than the true shared extension (up to
/// [`CONTEXT_CHARS`]); more only by 3-bit coincidence.
pub fn context_agreement(a: u64, b: u64) -> (usize, usize) {
    let differing = a ^ b;
    let mask = (1u64 << CONTEXT_BITS) - 1;
    let run = |side: usize| {
        (0..CONTEXT_CHARS)
            .take_while(|&i| (differing >> (CONTEXT_BITS * (side * CONTEXT_CHARS + i))) & mask == 0)
            .count()
    };
    (run(0), run(1))
}

fn char_digest(c: char) -> u8 {
    // Three bits: the cast keeps them all.
    (mix(u64::from(c)) & ((1 << CONTEXT_BITS) - 1)) as u8
}

/// The hash of every k-gram, in order; none when the text is shorter than a k-gram.
/// A polynomial rolling hash modulo 2^64, spread by [`mix`]; equal hashes are always
/// checked on the characters, so a rare collision costs a comparison, never a match.
struct KgramHashes<'a> {
    chars: &'a [char],
    /// The next character to roll in.
    next: usize,
    rolling: u64,
}

/// `BASE^(KGRAM - 1)`: the weight of the character leaving the k-gram.
const TOP: u64 = {
    let mut top = 1u64;
    let mut i = 1;
    while i < KGRAM {
        top = top.wrapping_mul(BASE);
        i += 1;
    }
    top
};

impl<'a> KgramHashes<'a> {
    fn new(chars: &'a [char]) -> KgramHashes<'a> {
        // The first k-gram but its last character, so every step rolls one in.
        let first = &chars[..chars.len().min(KGRAM - 1)];
        let rolling = first.iter().fold(0u64, |rolling, &c| {
            rolling.wrapping_mul(BASE).wrapping_add(char_value(c))
        });
        KgramHashes {
            chars,
            next: first.len(),
            rolling,
        }
    }
}

impl Iterator for KgramHashes<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let &c = self.chars.get(self.next)?;
        self.rolling = self.rolling.wrapping_mul(BASE).wrapping_add(char_value(c));
        self.next += 1;
        let hash = mix(self.rolling);
        // The first character of this k-gram leaves before the next one rolls in.
        let leaving = char_value(self.chars[self.next - KGRAM]).wrapping_mul(TOP);
        self.rolling = self.rolling.wrapping_sub(leaving);
        Some(hash)
    }
}

/// Hashes a window holds, rounded up to a power of two for [`Winnow`]'s ring.
const RING: usize = WINDOW.next_power_of_two();

/// Robust winnowing over hashes fed one at a time: the rightmost minimum of each window
/// of [`WINDOW`] hashes, each selection once. A text shorter than one window still
/// yields its minimum ([`Winnow::short_text_minimum`]), so short texts are not invisible.
#[derive(Default)]
struct Winnow {
    /// The last [`RING`] hashes, hash `i` at `i % RING`.
    ring: [u64; RING],
    /// Hashes fed so far.
    fed: usize,
    /// Where the current window's rightmost minimum is, and its hash.
    min_at: usize,
    min: u64,
}

impl Winnow {
    /// Feeds the next hash; the position and hash newly selected, if any.
    fn push(&mut self, hash: u64) -> Option<(usize, u64)> {
        let at = self.fed;
        self.ring[at % RING] = hash;
        self.fed += 1;
        if at == 0 || hash <= self.min {
            // The newest is the rightmost minimum of every window it is in, so far.
            self.min_at = at;
            self.min = hash;
            return (at + 1 >= WINDOW).then_some((at, hash));
        }
        if at + 1 < WINDOW {
            return None;
        }
        if at + 1 == WINDOW {
            return Some((self.min_at, self.min));
        }
        let start = at + 1 - WINDOW;
        if self.min_at >= start {
            return None;
        }
        // The minimum left the window: find the new one, rightmost on ties.
        self.min_at = start;
        self.min = self.ring[start % RING];
        for i in start + 1..=at {
            let h = self.ring[i % RING];
            if h <= self.min {
                self.min_at = i;
                self.min = h;
            }
        }
        Some((self.min_at, self.min))
    }

    /// The minimum of all hashes when fewer than a window were fed (and some were).
    fn short_text_minimum(&self) -> Option<(usize, u64)> {
        (self.fed > 0 && self.fed < WINDOW).then_some((self.min_at, self.min))
    }
}

/// Hashing for maps keyed by fingerprint hashes or band keys: they are already
/// well-spread 64-bit values, so the key itself is the hash.
#[derive(Debug, Default, Clone, Copy)]
pub struct SpreadKeyHasher(u64);

impl std::hash::Hasher for SpreadKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A set of fingerprint hashes.
pub type FingerprintSet =
    std::collections::HashSet<u64, std::hash::BuildHasherDefault<SpreadKeyHasher>>;

/// A map keyed by fingerprint hashes or band keys.
pub type FingerprintMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<SpreadKeyHasher>>;

/// A well-spread 64-bit hash of a 64-bit value (the SplitMix64 finalizer); also used by
/// the sentence sketches.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn char_value(c: char) -> u64 {
    u64::from(c) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn kgram_hashes(chars: &[char]) -> Vec<u64> {
        KgramHashes::new(chars).collect()
    }

    /// Winnowing as its definition reads: the rightmost minimum of every window of
    /// `WINDOW` hashes (of all of them when fewer), each position once.
    fn winnowed_by_definition(chars: &[char]) -> Vec<(u64, u32)> {
        let hashes = kgram_hashes(chars);
        let window = WINDOW.min(hashes.len());
        let mut out: Vec<(u64, u32)> = Vec::new();
        for start in 0..(hashes.len() + 1).saturating_sub(window.max(1)) {
            let mut at = start;
            for i in start..start + window {
                if hashes[i] <= hashes[at] {
                    at = i;
                }
            }
            let pos = at as u32;
            if out.last().is_none_or(|&(_, last)| last != pos) {
                out.push((hashes[at], pos));
            }
        }
        out
    }

    /// Text without repeated k-grams, so every shared hash is a real shared k-gram.
    fn distinct_text(seed: u64, len: u64) -> Vec<char> {
        (0..len)
            .map(|i| char::from_u32(0x4E00 + (mix(seed << 32 | i) % 20_000) as u32).unwrap_or('字'))
            .collect()
    }

    #[test]
    fn rolling_hash_equals_direct_hash() {
        let text = chars("依法行政能力进一步提高公民法治意识法治观念进一步增强");
        let rolled = kgram_hashes(&text);
        for (i, &h) in rolled.iter().enumerate() {
            assert_eq!(h, kgram_hashes(&text[i..i + KGRAM])[0], "k-gram {i}");
        }
    }

    #[test]
    fn one_pass_winnowing_selects_what_the_definition_does() {
        // Few distinct characters: many equal hashes, so ties are decided often.
        for seed in 0..300u64 {
            let len = mix(seed) % 300;
            let text: Vec<char> = (0..len)
                .map(|i| ['法', '治', '。', '1'][(mix(seed << 20 | i) % 4) as usize])
                .collect();
            let got: Vec<(u64, u32)> = fingerprints(&text)
                .iter()
                .map(|fp| (fp.hash, fp.pos))
                .collect();
            assert_eq!(got, winnowed_by_definition(&text), "seed {seed}");
        }
        let text = distinct_text(9, 500);
        assert_eq!(
            fingerprints(&text).len(),
            winnowed_by_definition(&text).len()
        );
    }

    #[test]
    fn equal_kgrams_hash_equal_and_different_ones_differ() {
        let a = kgram_hashes(&chars("坚持宪法和法律至上扎实"));
        let b = kgram_hashes(&chars("扎坚持宪法和法律至上扎"));
        assert_eq!(a[0], b[1]);
        assert_ne!(a[0], a[1]);
    }

    #[test]
    fn winnowing_selects_a_window_minimum_in_every_window() {
        let text = distinct_text(1, 300);
        let hashes = kgram_hashes(&text);
        let selected = fingerprints(&text);
        for start in 0..=hashes.len() - WINDOW {
            let min = *hashes[start..start + WINDOW].iter().min().unwrap_or(&0);
            assert!(
                selected
                    .iter()
                    .any(|f| f.hash == min && (start..start + WINDOW).contains(&(f.pos as usize))),
                "window {start} has no fingerprint"
            );
        }
        // Density stays near 2 / (w + 1), far below one per character.
        assert!(
            selected.len() < hashes.len() / 3,
            "{} fingerprints",
            selected.len()
        );
    }

    #[test]
    fn every_shared_passage_of_the_guarantee_length_shares_a_fingerprint() {
        for seed in 0..40 {
            let shared = distinct_text(1000 + seed, GUARANTEE as u64);
            let mut a = distinct_text(seed, 37);
            a.extend_from_slice(&shared);
            a.extend(distinct_text(seed + 500, 41));
            let mut b = distinct_text(seed + 200, 13);
            b.extend_from_slice(&shared);
            b.extend(distinct_text(seed + 700, 29));
            let fa: Vec<u64> = fingerprints(&a).iter().map(|f| f.hash).collect();
            let fb: Vec<u64> = fingerprints(&b).iter().map(|f| f.hash).collect();
            assert!(fa.iter().any(|h| fb.contains(h)), "seed {seed}");
        }
    }

    #[test]
    fn context_agreement_never_undercounts_a_shared_run() {
        let shared = distinct_text(7, 24);
        let mut a = distinct_text(1, 30);
        a.extend_from_slice(&shared);
        a.extend(distinct_text(2, 30));
        let mut b = distinct_text(3, 5);
        b.extend_from_slice(&shared);
        b.extend(distinct_text(4, 8));
        // Every k-gram inside the shared run: the agreement covers the rest of the run
        // on each side, capped at CONTEXT_CHARS.
        for offset in 0..=shared.len() - KGRAM {
            let (left, right) = context_agreement(
                context(&padded_digests(&a), 30 + offset),
                context(&padded_digests(&b), 5 + offset),
            );
            assert!(
                left >= offset.min(CONTEXT_CHARS),
                "offset {offset}: left {left}"
            );
            let rest = shared.len() - KGRAM - offset;
            assert!(
                right >= rest.min(CONTEXT_CHARS),
                "offset {offset}: right {right}"
            );
        }
        assert_eq!(context_agreement(0, 0), (CONTEXT_CHARS, CONTEXT_CHARS));
        assert_eq!(context_agreement(0b111, 0).0, 0);
    }

    #[test]
    fn short_texts_are_handled() {
        assert!(fingerprints(&chars("太短了")).is_empty());
        assert_eq!(fingerprints(&chars("恰好十个字符的文本")).len(), 0);
        assert_eq!(fingerprints(&chars("恰好是十个字符的文本")).len(), 1);
        assert_eq!(fingerprints(&chars("比十个字符稍微长一点的文本")).len(), 1);
    }
}
