//! Which reports `reuse --top` analyses. Analysing every report of a large store takes
//! minutes; the index already says where the distinctive shared text is. A fingerprint
//! held by few reports has its complete postings list, so its holders (townships,
//! counties, provinces) and hence its kind are known without reading a text. The
//! fingerprints are read once, in bulk, and counted per pair of reports (the pairs'
//! shared text) and per set of holders (a passage: a run of fingerprints shared by the
//! same reports), in maps pruned to their strongest entries; the reports of the
//! strongest pairs and passages are then analysed in full, so every figure ranked is
//! the full analysis's own.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};

use super::corpus::{DocId, TownshipId};
use super::{Holders, Kind, Params};

/// Entries a map of evidence holds before its weakest half is dropped: bounds memory
/// (under 100 bytes an entry with the map's spare room) whatever the size of the store.
const MAP_CAP: usize = 1 << 20;

/// Where a report comes from, as the kinds need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocPlace {
    pub township: TownshipId,
    /// A county or province number (see [`Places`]); 0 when unknown.
    pub county: u32,
    pub province: u32,
}

/// Numbers counties and provinces, so that a report's place is three integers.
#[derive(Debug, Default)]
pub struct Places {
    names: HashMap<String, u32>,
}

impl Places {
    /// The number of a county or province name; 0 for an empty one.
    pub fn number(&mut self, name: &str) -> u32 {
        if name.is_empty() {
            return 0;
        }
        let next = u32::try_from(self.names.len() + 1).unwrap_or(u32::MAX);
        *self.names.entry(name.to_string()).or_insert(next)
    }
}

/// Shared fingerprints of one set of holders: a passage's evidence.
#[derive(Debug, Clone, Copy)]
struct HolderSet {
    fingerprints: u32,
    /// `ln(1 + corpus townships / townships)`, the rarity factor of the passage score.
    rarity: f64,
    /// The first of the holders: analysing it finds the passage.
    doc: DocId,
}

/// Evidence gathered from the complete postings lists.
#[derive(Debug)]
pub struct Evidence {
    kind: Option<Kind>,
    params: Params,
    total: usize,
    places: HashMap<DocId, DocPlace>,
    pairs: HashMap<(DocId, DocId), u32>,
    sets: HashMap<u64, HolderSet>,
}

impl Evidence {
    /// Evidence for rankings of `kind` (every kind when `None`) in a corpus of `total`
    /// townships whose reports come from `places`.
    pub fn new(
        kind: Option<Kind>,
        params: &Params,
        total: usize,
        places: HashMap<DocId, DocPlace>,
    ) -> Evidence {
        Evidence {
            kind,
            params: params.clone(),
            total,
            places,
            pairs: HashMap::new(),
            sets: HashMap::new(),
        }
    }

    /// Counts one fingerprint whose postings list every report holding it: `docs`, the
    /// reports of its postings (repeats allowed).
    pub fn add(&mut self, docs: &mut Vec<DocId>) {
        docs.sort_unstable();
        docs.dedup();
        docs.retain(|d| self.places.contains_key(d));
        if docs.len() < 2 {
            return;
        }
        let holders = self.holders(docs);
        let kind = self.params.kind(holders, self.total);
        if self.kind.is_some_and(|k| k != kind) {
            return;
        }
        self.add_set(docs, holders.townships);
        let counts_for_pairs = kind != Kind::Template || self.kind == Some(Kind::Template);
        if counts_for_pairs {
            self.add_pairs(docs, kind);
        }
    }

    fn holders(&self, docs: &[DocId]) -> Holders {
        let places: Vec<DocPlace> = docs
            .iter()
            .filter_map(|d| self.places.get(d).copied())
            .collect();
        let distinct = |of: &dyn Fn(&DocPlace) -> i64| {
            let mut values: Vec<i64> = places.iter().map(of).filter(|&v| v != 0).collect();
            values.sort_unstable();
            values.dedup();
            values.len()
        };
        let townships = distinct(&|p| p.township);
        Holders {
            townships,
            others: townships.saturating_sub(1),
            counties: distinct(&|p| i64::from(p.county)),
            provinces: distinct(&|p| i64::from(p.province)),
        }
    }

    fn add_set(&mut self, docs: &[DocId], townships: usize) {
        let mut key = DefaultHasher::new();
        docs.iter().for_each(|&d| key.write_i64(d));
        let rarity = (1.0 + self.total.max(1) as f64 / townships.max(1) as f64).ln();
        let entry = self.sets.entry(key.finish()).or_insert(HolderSet {
            fingerprints: 0,
            rarity,
            doc: docs[0],
        });
        entry.fingerprints += 1;
        if self.sets.len() > MAP_CAP {
            prune(&mut self.sets, |s| s.fingerprints);
        }
    }

    /// Text shared with other townships pairs reports of different townships; a
    /// township's own other years are its history (as the rankings count them).
    fn add_pairs(&mut self, docs: &[DocId], kind: Kind) {
        for (i, &a) in docs.iter().enumerate() {
            let township = self.places.get(&a).map(|p| p.township);
            for &b in &docs[i + 1..] {
                let same = self.places.get(&b).map(|p| p.township) == township;
                if kind != Kind::OwnHistory && same {
                    continue;
                }
                *self.pairs.entry((a, b)).or_default() += 1;
            }
        }
        if self.pairs.len() > MAP_CAP {
            prune(&mut self.pairs, |&n| n);
        }
    }

    /// The reports to analyse for rankings of `limit` entries, strongest evidence
    /// first: both reports of the `2 × limit` pairs sharing the most distinctive
    /// fingerprints, then the first holder of the `limit` passages with the highest
    /// estimated score (fingerprints × rarity). Ties go to the earlier reports.
    pub fn choose(&self, limit: usize) -> Vec<DocId> {
        let mut pairs: Vec<(&(DocId, DocId), &u32)> = self.pairs.iter().collect();
        pairs.sort_unstable_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        let mut sets: Vec<&HolderSet> = self.sets.values().collect();
        let score = |s: &HolderSet| f64::from(s.fingerprints) * s.rarity;
        sets.sort_unstable_by(|x, y| {
            score(y)
                .total_cmp(&score(x))
                .then(y.fingerprints.cmp(&x.fingerprints))
                .then(x.doc.cmp(&y.doc))
        });
        let mut chosen: Vec<DocId> = Vec::new();
        let mut push = |d: DocId| {
            if !chosen.contains(&d) {
                chosen.push(d);
            }
        };
        for (&(a, b), _) in pairs.into_iter().take(limit.saturating_mul(2)) {
            push(a);
            push(b);
        }
        for set in sets.into_iter().take(limit) {
            push(set.doc);
        }
        chosen
    }
}

/// Drops the weaker half of a map of evidence (ties at the median go too).
fn prune<K, V>(map: &mut HashMap<K, V>, strength: impl Fn(&V) -> u32) {
    let mut all: Vec<u32> = map.values().map(&strength).collect();
    let middle = all.len() / 2;
    let (_, &mut median, _) = all.select_nth_unstable(middle);
    map.retain(|_, v| strength(v) > median);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reports 1–3 in township 1 of county 1, 4 in township 2 of county 1, 5 in
    /// township 3 of county 2, 6 in township 4 of county 3.
    fn evidence(kind: Option<Kind>) -> Evidence {
        let place = |township, county| DocPlace {
            township,
            county,
            province: 1,
        };
        let places = [
            (1, place(1, 1)),
            (2, place(1, 1)),
            (3, place(1, 1)),
            (4, place(2, 1)),
            (5, place(3, 2)),
            (6, place(4, 3)),
        ];
        Evidence::new(kind, &Params::default(), 100, places.into_iter().collect())
    }

    fn add(evidence: &mut Evidence, docs: &[DocId], times: usize) {
        for _ in 0..times {
            evidence.add(&mut docs.to_vec());
        }
    }

    #[test]
    fn own_history_pairs_a_townships_years_and_shared_text_pairs_other_townships() {
        let mut found = evidence(None);
        add(&mut found, &[2, 1, 2], 3);
        add(&mut found, &[1, 4, 2], 2);
        assert_eq!(found.pairs.get(&(1, 2)), Some(&3));
        assert_eq!(found.pairs.get(&(1, 4)), Some(&2));
        assert_eq!(found.pairs.get(&(2, 4)), Some(&2));
        assert_eq!(found.pairs.len(), 3);
        // The strongest pair's reports come first.
        assert_eq!(&found.choose(1)[..2], &[1, 2]);
    }

    #[test]
    fn template_text_pairs_no_reports_unless_templates_are_asked_for() {
        // Three counties hold it: a template by its spread.
        let mut found = evidence(None);
        add(&mut found, &[1, 5, 6], 4);
        assert!(found.pairs.is_empty());
        assert_eq!(found.sets.len(), 1);
        let mut templates = evidence(Some(Kind::Template));
        add(&mut templates, &[1, 5, 6], 4);
        add(&mut templates, &[1, 2], 9);
        assert_eq!(templates.pairs.len(), 3);
        assert!(templates.pairs.values().all(|&n| n == 4));
        let mut cross = evidence(Some(Kind::CrossTownship));
        add(&mut cross, &[1, 5, 6], 4);
        add(&mut cross, &[1, 2], 9);
        assert!(cross.pairs.is_empty() && cross.sets.is_empty());
    }

    #[test]
    fn the_rarest_longest_passage_is_chosen_first() {
        let mut found = evidence(None);
        // Held by four townships, many fingerprints; by one township, fewer but rarer.
        add(&mut found, &[3, 4, 5], 10);
        add(&mut found, &[2, 3], 8);
        add(&mut found, &[1, 6], 1);
        // Pairs left out, the passages alone choose.
        found.pairs.clear();
        assert_eq!(found.choose(3), [2, 3, 1]);
    }

    #[test]
    fn pruning_keeps_the_stronger_half() {
        let mut map: HashMap<u32, u32> = (0..10).map(|k| (k, k)).collect();
        prune(&mut map, |&v| v);
        let mut kept: Vec<u32> = map.into_keys().collect();
        kept.sort_unstable();
        assert_eq!(kept, [6, 7, 8, 9]);
    }
}
