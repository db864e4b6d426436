//! An index held in memory, for reports read from files without a store (`nianbao reuse
//! FILE...`) and for benchmarks. It keeps every posting; matching still treats
//! fingerprints over [`super::POSTINGS_CAP`] reports as common, as it does on a store.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;

use super::corpus::{
    Corpus, CorpusDoc, DocId, DocInfo, HashStats, Posting, SentencePosting, TownshipId,
};
use super::entries::ReportEntries;
use super::fingerprint::{FingerprintMap, FingerprintSet};
use super::{Params, ReuseReport, analyze_indexed};

/// Reports and their fingerprint and sentence-band postings.
#[derive(Debug, Default)]
pub struct MemoryIndex {
    docs: Vec<Arc<CorpusDoc>>,
    townships: HashMap<(String, String), TownshipId>,
    township_hashes: HashMap<TownshipId, FingerprintSet>,
    postings: FingerprintMap<Vec<Posting>>,
    stats: FingerprintMap<HashStats>,
    bands: FingerprintMap<Vec<SentencePosting>>,
}

impl MemoryIndex {
    /// An empty index.
    pub fn new() -> MemoryIndex {
        MemoryIndex::default()
    }

    /// Indexes a report's clean text; the id is its position in insertion order.
    pub fn add(&mut self, text: &str, info: DocInfo) -> DocId {
        let id = self.docs.len() as DocId;
        let next_township = self.townships.len() as TownshipId;
        let township = *self
            .townships
            .entry((info.township.clone(), info.county.clone()))
            .or_insert(next_township);
        let doc = CorpusDoc::new(id, township, info, text);
        let entries = ReportEntries::new(&doc.text);
        self.index_fingerprints(&doc, &entries);
        self.index_bands(&doc, &entries);
        self.docs.push(Arc::new(doc));
        id
    }

    /// Posts every fingerprint and counts each distinct hash once for the report, and
    /// once for its township when the township did not have it yet.
    fn index_fingerprints(&mut self, doc: &CorpusDoc, entries: &ReportEntries) {
        for fp in entries.fingerprints() {
            self.postings.entry(fp.hash).or_default().push(Posting {
                doc: doc.id,
                pos: fp.pos,
                context: fp.context,
            });
        }
        let known = self.township_hashes.entry(doc.township).or_default();
        for hash in entries.hashes() {
            let new_township = known.insert(hash);
            let stats = self.stats.entry(hash).or_insert(HashStats {
                reports: 0,
                townships: 0,
                complete: true,
            });
            stats.reports += 1;
            stats.townships += u32::from(new_township);
        }
    }

    fn index_bands(&mut self, doc: &CorpusDoc, entries: &ReportEntries) {
        for entry in &entries.bands {
            self.bands
                .entry(entry.band)
                .or_default()
                .push(SentencePosting {
                    doc: doc.id,
                    span: entry.span,
                });
        }
    }

    /// Number of reports indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// An indexed report.
    pub fn doc(&self, id: DocId) -> Option<&Arc<CorpusDoc>> {
        usize::try_from(id).ok().and_then(|i| self.docs.get(i))
    }

    /// What report `id` shares with the others.
    pub fn analyze(&mut self, id: DocId, params: &Params) -> Option<ReuseReport> {
        match analyze_indexed(self, id, params) {
            Ok(found) => found.map(|(_, report)| report),
            Err(never) => match never {},
        }
    }
}

impl Corpus for MemoryIndex {
    type Error = Infallible;

    fn hash_stats(&mut self, hash: u64) -> Result<Option<HashStats>, Infallible> {
        Ok(self.stats.get(&hash).copied())
    }

    fn hash_postings(
        &mut self,
        hash: u64,
        limit: usize,
        out: &mut Vec<Posting>,
    ) -> Result<(), Infallible> {
        if let Some(list) = self.postings.get(&hash) {
            out.extend(list.iter().take(limit));
        }
        Ok(())
    }

    fn band_postings(
        &mut self,
        band: u64,
        limit: usize,
        out: &mut Vec<SentencePosting>,
    ) -> Result<(), Infallible> {
        if let Some(list) = self.bands.get(&band) {
            out.extend(list.iter().take(limit));
        }
        Ok(())
    }

    fn document(&mut self, id: DocId) -> Result<Option<Arc<CorpusDoc>>, Infallible> {
        Ok(self.doc(id).cloned())
    }

    fn township_count(&mut self) -> Result<usize, Infallible> {
        Ok(self.townships.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::Kind;

    fn info(township: &str, year: i32) -> DocInfo {
        DocInfo {
            township: township.to_string(),
            county: String::new(),
            province: String::new(),
            year: Some(year),
            file: None,
        }
    }

    /// Pseudo-random CJK filler: two different seeds share no k-gram.
    fn filler(seed: u64, len: u64) -> String {
        (0..len)
            .map(|i| {
                let code = crate::reuse::fingerprint::mix(seed << 32 | i) % 20_000;
                char::from_u32(0x4E00 + code as u32).unwrap_or('字')
            })
            .collect()
    }

    const FORMULA: &str = "坚持以人民为中心的发展思想全面推进依法行政工作取得新成效";
    const COPIED: &str = "村级法律顾问每月到村开展法律咨询服务四次以上并建立工作台账";

    fn corpus() -> (MemoryIndex, Vec<DocId>) {
        let mut index = MemoryIndex::new();
        let ids = vec![
            index.add(
                &format!("{}。{FORMULA}。{COPIED}。{}", filler(1, 80), filler(2, 60)),
                info("甲镇", 2021),
            ),
            index.add(
                &format!("{}。{FORMULA}。{}", filler(3, 90), filler(4, 50)),
                info("乙镇", 2021),
            ),
            index.add(
                &format!("{}。{FORMULA}。{COPIED}。", filler(5, 70)),
                info("丙乡", 2021),
            ),
            index.add(
                &format!("{}。{}", filler(7, 120), filler(8, 40)),
                info("丁乡", 2021),
            ),
            index.add(
                &format!("{}。{COPIED}。{}", filler(1, 80), filler(9, 30)),
                info("甲镇", 2022),
            ),
        ];
        (index, ids)
    }

    fn passage_kinds(report: &ReuseReport) -> Vec<(String, Kind)> {
        report
            .passages
            .iter()
            .map(|p| (p.text.clone(), p.kind))
            .collect()
    }

    #[test]
    fn kinds_follow_the_townships_holding_a_passage() {
        let (mut index, ids) = corpus();
        let report = index
            .analyze(ids[0], &Params::default())
            .unwrap_or_else(|| panic!("indexed"));
        let kinds = passage_kinds(&report);
        // The formula is in three of four townships: a template. The copied sentence is
        // in 丙乡 (another township) and in 甲镇's next year: cross-township, also own
        // history. The filler repeated by 甲镇 in 2022 is own history.
        assert!(
            kinds.contains(&(FORMULA.to_string(), Kind::Template)),
            "{kinds:?}"
        );
        let copied = report.passages.iter().find(|p| p.text == COPIED);
        let copied = copied.unwrap_or_else(|| panic!("copied sentence not found: {kinds:?}"));
        assert_eq!(copied.kind, Kind::CrossTownship);
        assert!(copied.also_own_history);
        assert_eq!(copied.reports.len(), 2);
        assert_eq!(
            copied.reports[0].township, "甲镇",
            "own township listed first"
        );
        assert!(
            kinds.contains(&(filler(1, 80), Kind::OwnHistory)),
            "{kinds:?}"
        );
    }

    #[test]
    fn spans_slice_the_passage_in_both_reports() {
        let (mut index, ids) = corpus();
        let report = index
            .analyze(ids[2], &Params::default())
            .unwrap_or_else(|| panic!("indexed"));
        let copied = report.passages.iter().find(|p| p.text == COPIED);
        let copied = copied.unwrap_or_else(|| panic!("not found"));
        for occurrence in &copied.reports {
            let doc = index
                .doc(occurrence.doc)
                .unwrap_or_else(|| panic!("partner"));
            let span = crate::report::Span::new(occurrence.start, occurrence.end);
            assert_eq!(doc.text.slice(span), COPIED);
            assert!(occurrence.exact);
        }
        let own = index.doc(ids[2]).unwrap_or_else(|| panic!("query"));
        assert_eq!(own.text.slice(copied.span()), COPIED);
    }

    #[test]
    fn shares_add_up_to_the_reused_characters() {
        let (mut index, ids) = corpus();
        let report = index
            .analyze(ids[3], &Params::default())
            .unwrap_or_else(|| panic!("indexed"));
        assert!(report.passages.is_empty());
        assert_eq!(report.shares, crate::reuse::Shares::default());
        let report = index
            .analyze(ids[1], &Params::default())
            .unwrap_or_else(|| panic!("indexed"));
        let expected = FORMULA.chars().count() as f64 / report.chars as f64;
        assert!(
            (report.shares.template - expected).abs() < 1e-9,
            "{:?}",
            report.shares
        );
    }

    #[test]
    fn every_planted_passage_of_twenty_characters_is_found_and_none_under_ten() {
        for seed in 0..30u64 {
            let planted = filler(9000 + seed, 20);
            let tiny = filler(7000 + seed, 9);
            let mut index = MemoryIndex::new();
            let a_text = format!(
                "{}{planted}{}{tiny}{}",
                filler(seed, 50 + seed),
                filler(seed + 100, 40),
                filler(seed + 200, 30)
            );
            let a = index.add(&a_text, info("甲镇", 2021));
            let b_text = format!(
                "{}{tiny}{}{planted}{}",
                filler(seed + 300, 17),
                filler(seed + 400, 60),
                filler(seed + 500, 3 + seed)
            );
            index.add(&b_text, info("乙乡", 2021));
            let report = index
                .analyze(a, &Params::default())
                .unwrap_or_else(|| panic!("indexed"));
            let texts: Vec<&str> = report.passages.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(texts, vec![planted.as_str()], "seed {seed}");
            let other = &report.passages[0].reports[0];
            let b = index.doc(other.doc).unwrap_or_else(|| panic!("partner"));
            let span = crate::report::Span::new(other.start, other.end);
            assert_eq!(b.text.slice(span), planted, "seed {seed}");
        }
    }

    #[test]
    fn a_passage_never_cuts_a_number_or_a_clause() {
        let shared = "组织专题学习会议并邀请律师授课";
        let next = "（二）推进依法决策，重大事项均经合法性审查和集体讨论决定";
        let mut index = MemoryIndex::new();
        let a = index.add(
            &format!("{}。{shared}4次。{next}。", filler(1, 40)),
            info("甲镇", 2021),
        );
        index.add(
            &format!("{}。{shared}14次。{next}。", filler(2, 40)),
            info("乙乡", 2021),
        );
        let report = index
            .analyze(a, &Params::default())
            .unwrap_or_else(|| panic!("indexed"));
        let found: Vec<(&str, bool)> = report
            .passages
            .iter()
            .map(|p| (p.text.as_str(), p.near))
            .collect();
        // Not `…律师授课` nor `次。（二）…`: the sentence with another number is a
        // reworded sentence, whole, and the next one starts on its own.
        assert_eq!(
            found,
            vec![
                ("组织专题学习会议并邀请律师授课4次", true),
                (
                    "（二）推进依法决策，重大事项均经合法性审查和集体讨论决定",
                    false
                )
            ]
        );
    }

    #[test]
    fn text_spread_over_provinces_or_counties_is_a_template_in_a_small_store() {
        let placed = |township: &str, county: &str, province: &str| DocInfo {
            county: county.to_string(),
            province: province.to_string(),
            ..info(township, 2023)
        };
        let kind_of = |places: &[DocInfo]| {
            let mut index = MemoryIndex::new();
            let ids: Vec<DocId> = places
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let text = format!(
                        "{}。{FORMULA}。{}",
                        filler(i as u64, 40),
                        filler(i as u64 + 20, 30)
                    );
                    index.add(&text, p.clone())
                })
                .collect();
            for seed in 0..9 {
                index.add(&filler(100 + seed, 60), info(&format!("别{seed}镇"), 2023));
            }
            let report = index
                .analyze(ids[0], &Params::default())
                .unwrap_or_else(|| panic!("indexed"));
            let formula = report.passages.iter().find(|p| p.text == FORMULA);
            formula
                .unwrap_or_else(|| panic!("{:?}", passage_kinds(&report)))
                .kind
        };
        let same_county = [
            placed("甲镇", "青山县", "甲省"),
            placed("乙乡", "青山县", "甲省"),
        ];
        assert_eq!(kind_of(&same_county), Kind::CrossTownship);
        let two_provinces = [
            placed("甲镇", "青山县", "甲省"),
            placed("乙乡", "白水县", "乙省"),
        ];
        assert_eq!(kind_of(&two_provinces), Kind::Template);
        let three_counties = [
            placed("甲镇", "青山县", ""),
            placed("乙乡", "白水县", ""),
            placed("丙乡", "黑河县", ""),
        ];
        assert_eq!(kind_of(&three_counties), Kind::Template);
        let one_county = [
            placed("甲镇", "青山县", ""),
            placed("乙乡", "青山县", ""),
            placed("丙乡", "青山县", ""),
        ];
        assert_eq!(kind_of(&one_county), Kind::CrossTownship);
    }

    #[test]
    fn text_repeated_many_times_stays_cheap() {
        let line = "全面推进依法行政工作取得新成效，法治政府建设迈出坚实步伐。";
        let mut index = MemoryIndex::new();
        let a = index.add(&line.repeat(400), info("甲镇", 2021));
        index.add(
            &format!("{}{}", filler(1, 30), line.repeat(300)),
            info("乙乡", 2021),
        );
        let report = index
            .analyze(a, &Params::default())
            .unwrap_or_else(|| panic!("indexed"));
        assert!(!report.passages.is_empty());
        assert!(report.shares.cross_township > 0.5, "{:?}", report.shares);
    }

    #[test]
    fn empty_and_punctuation_only_reports_share_nothing() {
        let mut index = MemoryIndex::new();
        let a = index.add("", info("甲镇", 2021));
        let b = index.add("。，、；\n\n", info("乙乡", 2021));
        for id in [a, b] {
            let report = index
                .analyze(id, &Params::default())
                .unwrap_or_else(|| panic!("indexed"));
            assert!(report.passages.is_empty());
            assert_eq!(report.chars, 0);
        }
    }

    #[test]
    fn reworded_sentences_are_near_duplicates() {
        let mut index = MemoryIndex::new();
        let a = index.add(
            &format!(
                "{}。全镇切实加强行政执法人员培训和资格管理。{}",
                filler(1, 50),
                filler(2, 50)
            ),
            info("甲镇", 2021),
        );
        index.add(
            &format!(
                "{}。我乡确实加强行政执法人员培训和资格管理。{}",
                filler(3, 50),
                filler(4, 50)
            ),
            info("乙乡", 2021),
        );
        let report = index
            .analyze(a, &Params::default())
            .unwrap_or_else(|| panic!("indexed"));
        assert_eq!(report.passages.len(), 1, "{:?}", passage_kinds(&report));
        let passage = &report.passages[0];
        assert!(passage.near);
        assert_eq!(passage.text, "全镇切实加强行政执法人员培训和资格管理");
        assert!(passage.reports[0].similarity >= 0.8 && !passage.reports[0].exact);
    }
}
