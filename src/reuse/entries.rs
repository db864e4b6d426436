//! What one report puts into a reuse index: its fingerprints (hash, position, context
//! digest) and the band keys of its sketched sentences, plus the rules a capped index
//! counts and keeps them by. Both the in-memory index and the store's index are built
//! from these, so the two cannot drift apart; neither computes entries of its own.

use std::collections::HashSet;

use super::corpus::{DocId, HashStats, TownshipId};
use super::fingerprint::{Fingerprint, FingerprintSet, fingerprints};
use super::text::MatchText;
use super::{BAND_ROWS, POSTINGS_CAP, sketch};
use crate::report::Span;

/// One band key of a sketched sentence, with the sentence's clean-text span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BandEntry {
    pub band: u64,
    pub span: Span,
}

/// A report's index entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntries {
    /// The report's length in normalized characters.
    pub chars: usize,
    /// In position order.
    fingerprints: Vec<Fingerprint>,
    /// In sentence order, each sentence's bands in band order.
    pub bands: Vec<BandEntry>,
}

impl ReportEntries {
    /// The entries of a report's prepared text.
    pub fn new(text: &MatchText) -> ReportEntries {
        let fingerprints = fingerprints(text.chars());
        let sentences = text.sentences();
        let mut bands = Vec::with_capacity(sentences.len() * sketch::BANDS);
        for sentence in sentences {
            if let Some(keys) = sketch::bands(&text.chars()[sentence.norm]) {
                bands.extend(keys.into_iter().map(|band| BandEntry {
                    band,
                    span: sentence.span,
                }));
            }
        }
        ReportEntries {
            chars: text.len(),
            fingerprints,
            bands,
        }
    }

    /// Every fingerprint, in position order: one posting each.
    pub fn fingerprints(&self) -> &[Fingerprint] {
        &self.fingerprints
    }

    /// Each distinct hash once, in order of first occurrence: a report counts once
    /// towards a hash however often it repeats the text.
    pub fn hashes(&self) -> Vec<u64> {
        let mut seen = FingerprintSet::default();
        self.fingerprints
            .iter()
            .map(|fp| fp.hash)
            .filter(|&hash| seen.insert(hash))
            .collect()
    }
}

/// The distinct fingerprint hashes of a text, without its bands: what a township's
/// other reports contribute to deciding whether a hash is new to the township.
pub fn distinct_hashes(text: &MatchText) -> FingerprintSet {
    fingerprints(text.chars())
        .iter()
        .map(|fp| fp.hash)
        .collect()
}

/// True when a capped index still keeps the postings of a hash now held by `reports`
/// reports (the one being added included): only the first [`POSTINGS_CAP`] reports of a
/// hash are posted.
pub fn keeps_postings(reports: usize) -> bool {
    reports <= POSTINGS_CAP
}

/// True when a capped index still adds a row to a band already holding `held` rows: a
/// band keeps [`BAND_ROWS`] rows, enough for a look-up to tell it is common.
pub fn keeps_band_row(held: usize) -> bool {
    held < BAND_ROWS
}

/// The counts of one hash, taken from its occurrences read in report order: how a
/// capped index built in one pass counts reports and townships and which postings it
/// keeps.
#[derive(Debug, Clone)]
pub struct HashTally {
    pub hash: u64,
    last_report: Option<DocId>,
    reports: usize,
    townships: HashSet<TownshipId>,
}

impl HashTally {
    /// A hash with nothing counted yet.
    pub fn new(hash: u64) -> HashTally {
        HashTally {
            hash,
            last_report: None,
            reports: 0,
            townships: HashSet::new(),
        }
    }

    /// Counts one occurrence; true when its posting is kept.
    pub fn add(&mut self, report: DocId, township: TownshipId) -> bool {
        if self.last_report != Some(report) {
            self.last_report = Some(report);
            self.reports += 1;
        }
        self.townships.insert(township);
        keeps_postings(self.reports)
    }

    /// The counts so far.
    pub fn stats(&self) -> HashStats {
        HashStats {
            reports: u32::try_from(self.reports).unwrap_or(u32::MAX),
            townships: u32::try_from(self.townships.len()).unwrap_or(u32::MAX),
            complete: keeps_postings(self.reports),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random CJK filler: different seeds share no k-gram.
    fn filler(seed: u64, len: u64) -> String {
        (0..len)
            .map(|i| {
                let code = crate::reuse::fingerprint::mix(seed << 32 | i) % 20_000;
                char::from_u32(0x4E00 + code as u32).unwrap_or('字')
            })
            .collect()
    }

    #[test]
    fn entries_hold_every_fingerprint_and_a_band_set_per_sketched_sentence() {
        let repeated = filler(1, 60);
        let text = format!("{repeated}。\n短句。{}；{repeated}。", filler(2, 45));
        let prepared = MatchText::new(&text);
        let entries = ReportEntries::new(&prepared);
        assert_eq!(entries.chars, prepared.len());
        assert_eq!(
            entries.fingerprints(),
            fingerprints(prepared.chars()).as_slice()
        );
        // Three sentences are long enough to sketch; 短句 is not.
        assert_eq!(entries.bands.len(), 3 * sketch::BANDS);
        assert!(
            entries
                .bands
                .iter()
                .all(|b| prepared.slice(b.span) != "短句。")
        );
        // The repeated sentence repeats its fingerprints; each hash is listed once.
        let hashes = entries.hashes();
        let distinct: FingerprintSet = hashes.iter().copied().collect();
        assert_eq!(distinct.len(), hashes.len());
        assert_eq!(distinct, distinct_hashes(&prepared));
        assert!(distinct.len() < entries.fingerprints().len());
        assert_eq!(hashes[0], entries.fingerprints()[0].hash);
    }

    #[test]
    fn a_tally_counts_reports_and_townships_and_stops_posting_past_the_cap() {
        let mut tally = HashTally::new(7);
        let mut kept = 0;
        for report in 0..(POSTINGS_CAP as DocId + 5) {
            // Two occurrences per report, townships of two reports each.
            for _ in 0..2 {
                kept += usize::from(tally.add(report, report / 2));
            }
        }
        assert_eq!(kept, 2 * POSTINGS_CAP);
        let stats = tally.stats();
        assert_eq!(stats.reports as usize, POSTINGS_CAP + 5);
        assert_eq!(stats.townships as usize, (POSTINGS_CAP + 5).div_ceil(2));
        assert!(!stats.complete);
        let mut small = HashTally::new(8);
        small.add(1, 1);
        assert!(small.stats().complete);
    }
}
