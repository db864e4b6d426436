//! Corpus-wide rankings: the passages most worth a look (length × rarity) and the pairs
//! of reports sharing the most distinctive text. Built from reports' own analyses (every
//! report's, or in a large store those [`super::candidates`] chooses), so every figure
//! agrees with what a single report shows.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::corpus::{Corpus, CorpusDoc, DocId};
use super::{Kind, Occurrence, Params, Passage, ReuseReport, analyze_indexed};
use crate::report::normalize::norm;

/// A passage of the corpus and every report found holding it.
#[derive(Debug, Clone, Serialize)]
pub struct TopPassage {
    pub text: String,
    pub chars: usize,
    pub kind: Kind,
    pub townships: usize,
    /// The townships counted from the index (as a report's own analysis estimates
    /// them) are more than those of the reports listed: the count is approximate.
    pub estimated: bool,
    /// `chars × ln(1 + corpus townships / townships)`: long and rare first.
    pub score: f64,
    pub reports: Vec<Occurrence>,
}

/// A report named in a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRef {
    #[serde(skip)]
    pub doc: DocId,
    pub township: String,
    pub county: Option<String>,
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// Normalized characters per kind, for a pair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindChars {
    #[serde(rename = "own-history")]
    pub own_history: usize,
    pub template: usize,
    #[serde(rename = "cross-township")]
    pub cross_township: usize,
    pub widespread: usize,
}

impl KindChars {
    /// The characters of one kind.
    pub fn get(&self, kind: Kind) -> usize {
        match kind {
            Kind::OwnHistory => self.own_history,
            Kind::Template => self.template,
            Kind::CrossTownship => self.cross_township,
            Kind::Widespread => self.widespread,
        }
    }

    fn add(&mut self, kind: Kind, chars: usize) {
        match kind {
            Kind::OwnHistory => self.own_history += chars,
            Kind::Template => self.template += chars,
            Kind::CrossTownship => self.cross_township += chars,
            Kind::Widespread => self.widespread += chars,
        }
    }
}

/// Two reports and the distinctive (non-template) text they share.
#[derive(Debug, Clone, Serialize)]
pub struct TopPair {
    pub a: ReportRef,
    pub b: ReportRef,
    /// Normalized characters of the shared passages counted.
    pub shared_chars: usize,
    pub passages: usize,
    pub by_kind: KindChars,
}

/// The rankings.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Top {
    pub passages: Vec<TopPassage>,
    pub pairs: Vec<TopPair>,
}

#[derive(Debug, Default, Clone, Copy)]
struct PairSide {
    chars: usize,
    passages: usize,
    by_kind: KindChars,
}

/// Where a report holds a passage: an [`Occurrence`] without the report's names, which
/// [`TopBuilder::reports`] keeps once per report (a passage every report holds would
/// otherwise copy them once per passage and report).
#[derive(Debug, Clone, Copy)]
struct Place {
    doc: DocId,
    start: usize,
    end: usize,
    exact: bool,
    similarity: f64,
}

/// A passage as gathered from the analyses: the reports holding it in the order they
/// were found, and the set of them, to find a report again in constant time.
#[derive(Debug)]
struct Gathered {
    text: String,
    chars: usize,
    kind: Kind,
    townships: usize,
    score: f64,
    places: Vec<Place>,
    holders: HashSet<DocId>,
}

/// Collects every report's analysis, then ranks.
#[derive(Debug)]
pub struct TopBuilder {
    kind: Option<Kind>,
    corpus_townships: usize,
    passages: HashMap<String, Gathered>,
    sides: HashMap<(DocId, DocId), PairSide>,
    reports: HashMap<DocId, ReportRef>,
}

impl TopBuilder {
    /// A builder keeping only passages of `kind` when given. Pairs count every kind but
    /// template, unless template is the kind asked for.
    pub fn new(kind: Option<Kind>) -> TopBuilder {
        TopBuilder {
            kind,
            corpus_townships: 0,
            passages: HashMap::new(),
            sides: HashMap::new(),
            reports: HashMap::new(),
        }
    }

    /// Adds one report's analysis.
    pub fn add(&mut self, query: &CorpusDoc, report: &ReuseReport) {
        self.corpus_townships = self.corpus_townships.max(report.corpus_townships);
        self.reports.insert(query.id, report_ref(query));
        for passage in &report.passages {
            if self.kind.is_some_and(|k| k != passage.kind) {
                continue;
            }
            let own = Occurrence {
                doc: query.id,
                township: query.info.township.clone(),
                county: Some(query.info.county.clone()).filter(|c| !c.is_empty()),
                year: query.info.year,
                file: query.info.file.clone(),
                start: passage.start,
                end: passage.end,
                exact: true,
                similarity: 1.0,
            };
            let key = passage_key(query, passage, &own);
            let entry = self.passages.entry(key).or_insert_with(|| Gathered {
                text: passage.text.clone(),
                chars: passage.chars,
                kind: passage.kind,
                townships: passage.townships,
                score: 0.0,
                places: Vec::new(),
                holders: HashSet::new(),
            });
            if passage.townships > entry.townships {
                entry.townships = passage.townships;
                entry.kind = passage.kind;
            }
            for occurrence in std::iter::once(&own).chain(&passage.reports) {
                if entry.holders.insert(occurrence.doc) {
                    entry.places.push(Place {
                        doc: occurrence.doc,
                        start: occurrence.start,
                        end: occurrence.end,
                        exact: occurrence.exact,
                        similarity: occurrence.similarity,
                    });
                    self.reports
                        .entry(occurrence.doc)
                        .or_insert_with(|| occurrence_ref(occurrence));
                }
            }
            let counts_for_pairs =
                passage.kind != Kind::Template || self.kind == Some(Kind::Template);
            if !counts_for_pairs {
                continue;
            }
            for occurrence in &passage.reports {
                if passage.kind != Kind::OwnHistory && same_township(query, occurrence) {
                    // Text shared with other townships pairs reports of different
                    // townships; a township's own other years are its history.
                    continue;
                }
                let side = self.sides.entry((query.id, occurrence.doc)).or_default();
                side.chars += passage.chars;
                side.passages += 1;
                side.by_kind.add(passage.kind, passage.chars);
            }
        }
    }

    /// The `limit` best passages and pairs.
    pub fn finish(self, limit: usize) -> Top {
        let total = self.corpus_townships.max(1) as f64;
        let mut passages: Vec<Gathered> = self
            .passages
            .into_values()
            .map(|mut p| {
                p.score = p.chars as f64 * (1.0 + total / p.townships.max(1) as f64).ln();
                p
            })
            .collect();
        passages.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.text.cmp(&b.text))
        });
        let passages = distinct_passages(passages, limit)
            .into_iter()
            .map(|p| top_passage(p, &self.reports))
            .collect();
        // In key order, so that of two directions finding as many characters the same
        // one is shown every time.
        let mut sides: Vec<(&(DocId, DocId), &PairSide)> = self.sides.iter().collect();
        sides.sort_unstable_by_key(|(key, _)| **key);
        let mut best: HashMap<(DocId, DocId), PairSide> = HashMap::new();
        for (&(a, b), side) in sides {
            let key = (a.min(b), a.max(b));
            let slot = best.entry(key).or_default();
            if side.chars > slot.chars {
                *slot = *side;
            }
        }
        let mut pairs: Vec<TopPair> = best
            .into_iter()
            .filter_map(|((a, b), side)| {
                Some(TopPair {
                    a: self.reports.get(&a)?.clone(),
                    b: self.reports.get(&b)?.clone(),
                    shared_chars: side.chars,
                    passages: side.passages,
                    by_kind: side.by_kind,
                })
            })
            .collect();
        pairs.sort_by(|x, y| {
            y.shared_chars
                .cmp(&x.shared_chars)
                .then_with(|| (x.a.doc, x.b.doc).cmp(&(y.a.doc, y.b.doc)))
        });
        pairs.truncate(limit);
        Top { passages, pairs }
    }
}

/// The first `limit` passages, skipping any whose core (its middle three fifths) lies
/// inside a passage already kept: the same shared text seen from different reports
/// often differs only by a few characters at its ends.
fn distinct_passages(ranked: Vec<Gathered>, limit: usize) -> Vec<Gathered> {
    let mut kept: Vec<(String, Gathered)> = Vec::with_capacity(limit);
    for passage in ranked {
        if kept.len() >= limit {
            break;
        }
        let text: Vec<char> = norm(&passage.text).chars().collect();
        let fifth = text.len() / 5;
        let core: String = text[fifth..text.len() - fifth].iter().collect();
        if !kept.iter().any(|(other, _)| other.contains(&core)) {
            kept.push((text.iter().collect(), passage));
        }
    }
    kept.into_iter().map(|(_, passage)| passage).collect()
}

/// A ranked passage as shown: every report holding it, with its names, in the order of
/// township, county, year and place.
fn top_passage(passage: Gathered, reports: &HashMap<DocId, ReportRef>) -> TopPassage {
    let mut occurrences: Vec<Occurrence> = passage
        .places
        .iter()
        .filter_map(|place| {
            let report = reports.get(&place.doc)?;
            Some(Occurrence {
                doc: place.doc,
                township: report.township.clone(),
                county: report.county.clone(),
                year: report.year,
                file: report.file.clone(),
                start: place.start,
                end: place.end,
                exact: place.exact,
                similarity: place.similarity,
            })
        })
        .collect();
    occurrences.sort_by(|a, b| {
        (&a.township, &a.county, a.year, a.start).cmp(&(&b.township, &b.county, b.year, b.start))
    });
    let listed: HashSet<(&str, Option<&str>)> = occurrences
        .iter()
        .map(|o| (o.township.as_str(), o.county.as_deref()))
        .collect();
    TopPassage {
        estimated: passage.townships > listed.len(),
        text: passage.text,
        chars: passage.chars,
        kind: passage.kind,
        townships: passage.townships,
        score: passage.score,
        reports: occurrences,
    }
}

/// What makes two reports' passages the same entry: the normalized text of an exact
/// passage; for a reworded sentence (whose two sides read differently), the places it
/// occupies in every report.
fn passage_key(query: &CorpusDoc, passage: &Passage, own: &Occurrence) -> String {
    if !passage.near {
        return query.text.chars()[passage.norm.clone()].iter().collect();
    }
    let mut places: Vec<(DocId, usize, usize)> = std::iter::once(own)
        .chain(&passage.reports)
        .map(|o| (o.doc, o.start, o.end))
        .collect();
    places.sort_unstable();
    format!("near:{places:?}")
}

/// True when the occurrence is in a report of the query's own township.
fn same_township(query: &CorpusDoc, occurrence: &Occurrence) -> bool {
    occurrence.township == query.info.township
        && occurrence.county.as_deref().unwrap_or_default() == query.info.county
}

fn occurrence_ref(occurrence: &Occurrence) -> ReportRef {
    ReportRef {
        doc: occurrence.doc,
        township: occurrence.township.clone(),
        county: occurrence.county.clone(),
        year: occurrence.year,
        file: occurrence.file.clone(),
    }
}

fn report_ref(doc: &CorpusDoc) -> ReportRef {
    ReportRef {
        doc: doc.id,
        township: doc.info.township.clone(),
        county: Some(doc.info.county.clone()).filter(|c| !c.is_empty()),
        year: doc.info.year,
        file: doc.info.file.clone(),
    }
}

/// Ranks the indexed reports `ids` of a corpus from each one's own analysis, keeping
/// passages of `kind` when given (see [`TopBuilder`]). `progress` gets (done, total).
pub fn rank<C: Corpus>(
    corpus: &mut C,
    ids: &[DocId],
    kind: Option<Kind>,
    params: &Params,
    limit: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Top, C::Error> {
    let mut builder = TopBuilder::new(kind);
    for (done, &id) in ids.iter().enumerate() {
        progress(done, ids.len());
        if let Some((query, report)) = analyze_indexed(corpus, id, params)? {
            builder.add(&query, &report);
        }
    }
    progress(ids.len(), ids.len());
    Ok(builder.finish(limit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::{DocInfo, MemoryIndex, Params};

    fn info(township: &str) -> DocInfo {
        DocInfo {
            township: township.to_string(),
            county: String::new(),
            province: String::new(),
            year: Some(2022),
            file: None,
        }
    }

    fn filler(seed: u64, len: u64) -> String {
        (0..len)
            .map(|i| {
                let code = crate::reuse::fingerprint::mix(seed << 32 | i) % 20_000;
                char::from_u32(0x4E00 + code as u32).unwrap_or('字')
            })
            .collect()
    }

    fn ranked(texts: &[(&str, i32, String)], kind: Option<Kind>) -> Top {
        let mut index = MemoryIndex::new();
        let ids: Vec<DocId> = texts
            .iter()
            .map(|(township, year, text)| {
                let mut info = info(township);
                info.year = Some(*year);
                index.add(text, info)
            })
            .collect();
        let mut builder = TopBuilder::new(kind);
        for &id in &ids {
            let report = index
                .analyze(id, &Params::default())
                .unwrap_or_else(|| panic!("indexed"));
            let doc = index.doc(id).unwrap_or_else(|| panic!("doc")).clone();
            builder.add(&doc, &report);
        }
        builder.finish(10)
    }

    #[test]
    fn cross_township_pairs_never_pair_a_township_with_its_own_years() {
        let copied = filler(77, 60);
        let texts = [
            ("甲", 2021, format!("{}。{copied}。", filler(1, 40))),
            ("甲", 2022, format!("{}。{copied}。", filler(2, 40))),
            ("乙", 2022, format!("{}。{copied}。", filler(3, 40))),
        ];
        for kind in [Some(Kind::CrossTownship), None] {
            let top = ranked(&texts, kind);
            assert!(
                top.passages
                    .iter()
                    .any(|p| p.kind == Kind::CrossTownship && p.reports.len() == 3),
                "{:?}",
                top.passages
            );
            let pairs: Vec<(&str, &str)> = top
                .pairs
                .iter()
                .map(|p| (p.a.township.as_str(), p.b.township.as_str()))
                .collect();
            assert_eq!(pairs.len(), 2, "{pairs:?}");
            assert!(pairs.iter().all(|(a, b)| a != b), "{pairs:?}");
        }
    }

    #[test]
    fn a_township_count_beyond_the_reports_listed_is_marked_approximate() {
        let copied = filler(55, 60);
        let mut index = MemoryIndex::new();
        let ids: Vec<DocId> = ["甲", "乙"]
            .iter()
            .enumerate()
            .map(|(i, t)| index.add(&format!("{}。{copied}。", filler(i as u64, 40)), info(t)))
            .collect();
        for counted_more in [0, 2] {
            let mut builder = TopBuilder::new(None);
            for &id in &ids {
                let mut report = index
                    .analyze(id, &Params::default())
                    .unwrap_or_else(|| panic!("indexed"));
                // As an index summary of common text counts holders it does not list.
                for passage in &mut report.passages {
                    passage.townships += counted_more;
                }
                let doc = index.doc(id).unwrap_or_else(|| panic!("doc")).clone();
                builder.add(&doc, &report);
            }
            let top = builder.finish(10);
            let shared = top
                .passages
                .iter()
                .find(|p| p.text.contains(&copied))
                .unwrap_or_else(|| panic!("{:?}", top.passages));
            assert_eq!(shared.reports.len(), 2);
            assert_eq!(shared.townships, 2 + counted_more);
            assert_eq!(shared.estimated, counted_more > 0, "{shared:?}");
        }
    }

    #[test]
    fn ranks_the_rare_long_passage_and_its_pair_first() {
        let formula = "坚持以人民为中心的发展思想全面推进依法行政工作";
        let copied = filler(99, 60);
        let texts = [
            format!("{}。{formula}。{copied}。", filler(1, 40)),
            format!("{}。{formula}。{copied}。", filler(2, 40)),
            format!("{}。{formula}。", filler(3, 40)),
            format!("{}。{formula}。", filler(4, 40)),
        ];
        let mut index = MemoryIndex::new();
        let ids: Vec<DocId> = ["甲", "乙", "丙", "丁"]
            .iter()
            .zip(&texts)
            .map(|(t, text)| index.add(text, info(t)))
            .collect();
        let mut builder = TopBuilder::new(None);
        for &id in &ids {
            let report = index
                .analyze(id, &Params::default())
                .unwrap_or_else(|| panic!("indexed"));
            let doc = index.doc(id).unwrap_or_else(|| panic!("doc")).clone();
            builder.add(&doc, &report);
        }
        let top = builder.finish(10);
        // Only 甲 and 乙 hold the copied text: it outranks the longer-lived formula, and
        // it alone makes a pair, since the formula is template text.
        assert_eq!(top.passages[0].kind, Kind::CrossTownship);
        assert!(
            top.passages[0].text.ends_with(&copied),
            "{:?}",
            top.passages[0].text
        );
        assert_eq!(top.passages[0].reports.len(), 2);
        assert!(
            top.passages
                .iter()
                .any(|p| p.kind == Kind::Template && p.reports.len() == 4)
        );
        assert_eq!(
            top.pairs.len(),
            1,
            "template text makes no pair: {:?}",
            top.pairs
        );
        assert_eq!(
            (
                top.pairs[0].a.township.as_str(),
                top.pairs[0].b.township.as_str()
            ),
            ("甲", "乙")
        );
        assert_eq!(top.pairs[0].shared_chars, 60);

        let mut only_template = TopBuilder::new(Some(Kind::Template));
        for &id in &ids {
            let report = index
                .analyze(id, &Params::default())
                .unwrap_or_else(|| panic!("indexed"));
            let doc = index.doc(id).unwrap_or_else(|| panic!("doc")).clone();
            only_template.add(&doc, &report);
        }
        let top = only_template.finish(10);
        assert!(top.passages.iter().all(|p| p.kind == Kind::Template));
    }
}
