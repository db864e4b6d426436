//! The reuse pane's model: what the reuse index says about the report read as this
//! year's, kept per report while the reviewer moves around, and the entries for the
//! sentence under the cursor — which other reports hold it, how closely, and as what
//! kind of reuse. Pure functions of the answers the worker sends; nothing here waits.

use std::collections::HashMap;
use std::sync::Arc;

use super::jobs::RequestId;
use crate::report::Span;
use crate::reuse::{Kind, Occurrence, ReuseReport};
use crate::store::ReportKey;

/// What is known about one report's reuse.
#[derive(Debug, Clone)]
pub enum ReuseSlot {
    /// Asked for by this request; no answer yet.
    Pending(RequestId),
    Ready(Arc<ReuseReport>),
    /// The report is no longer in the store.
    Missing,
    /// The look-up failed; the one-line reason.
    Failed(String),
}

/// Reuse answers by report, so stepping back to a report shows its reuse at once. The
/// worker keeps its own copies by report version; a reload empties both.
#[derive(Debug, Clone, Default)]
pub struct ReuseCache {
    slots: HashMap<ReportKey, ReuseSlot>,
    /// The last reuse request sent. The worker answers only the last of a burst, so an
    /// older pending request may never be answered and is asked again when needed.
    latest: RequestId,
}

impl ReuseCache {
    /// What is known about a report.
    pub fn get(&self, key: &ReportKey) -> Option<&ReuseSlot> {
        self.slots.get(key)
    }

    /// True when a report needs asking for: never asked, failed, or asked by a request
    /// the worker skipped.
    pub fn wants(&self, key: &ReportKey) -> bool {
        match self.slots.get(key) {
            None | Some(ReuseSlot::Failed(_)) => true,
            Some(ReuseSlot::Pending(id)) => *id != self.latest,
            Some(ReuseSlot::Ready(_) | ReuseSlot::Missing) => false,
        }
    }

    /// Records that request `id` asks for a report.
    pub fn asked(&mut self, key: ReportKey, id: RequestId) {
        self.latest = id;
        self.slots.insert(key, ReuseSlot::Pending(id));
    }

    /// Takes the answer to request `id`; false when it answers nothing still asked (a
    /// stale answer, dropped).
    pub fn answer(
        &mut self,
        id: RequestId,
        key: &ReportKey,
        report: Option<Arc<ReuseReport>>,
    ) -> bool {
        let pending = matches!(self.slots.get(key), Some(ReuseSlot::Pending(p)) if *p == id);
        if pending {
            self.slots.insert(
                key.clone(),
                report.map_or(ReuseSlot::Missing, ReuseSlot::Ready),
            );
        }
        pending
    }

    /// Takes a failure; false when request `id` was not a pending reuse look-up.
    pub fn fail(&mut self, id: RequestId, reason: &str) -> bool {
        let slot = self
            .slots
            .values_mut()
            .find(|slot| matches!(slot, ReuseSlot::Pending(p) if *p == id));
        match slot {
            Some(slot) => {
                *slot = ReuseSlot::Failed(reason.to_string());
                true
            }
            None => false,
        }
    }

    /// Forgets every answer (the store may have changed).
    pub fn clear(&mut self) {
        self.slots.clear();
    }
}

/// Another report holding (part of) the sentence under the cursor.
#[derive(Debug, Clone)]
pub struct ReuseEntry {
    pub kind: Kind,
    /// Found as a reworded sentence rather than as the same words.
    pub near: bool,
    pub other: Occurrence,
}

/// The order entries are listed in: copying from a neighbour first, the county
/// template last.
fn kind_rank(kind: Kind) -> u8 {
    match kind {
        Kind::CrossTownship => 0,
        Kind::Widespread => 1,
        Kind::OwnHistory => 2,
        Kind::Template => 3,
    }
}

/// True when two spans share a character.
fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The other reports holding text of the sentence at `sentence` of the report `own`:
/// one entry per report (the closest match when several passages lead to it),
/// neighbours first, then by similarity, then the years nearest the report's own (a
/// copy usually comes from the same year). The township's own other years are its own
/// history whatever the passage's kind, so a neighbour's copy is never hidden behind
/// them.
pub fn entries(report: &ReuseReport, sentence: Span, own: &ReportKey) -> Vec<ReuseEntry> {
    let mut best: HashMap<(&str, Option<&str>, Option<i32>), ReuseEntry> = HashMap::new();
    for passage in report
        .passages
        .iter()
        .filter(|p| overlaps(p.span(), sentence))
    {
        for other in &passage.reports {
            let is_own = other.township == own.township
                && other.county.as_deref().unwrap_or("") == own.county;
            let entry = ReuseEntry {
                kind: if is_own {
                    Kind::OwnHistory
                } else {
                    passage.kind
                },
                near: passage.near || !other.exact,
                other: other.clone(),
            };
            let key = (other.township.as_str(), other.county.as_deref(), other.year);
            let better = best.get(&key).is_none_or(|known| {
                (kind_rank(entry.kind), -entry.other.similarity)
                    < (kind_rank(known.kind), -known.other.similarity)
            });
            if better {
                best.insert(key, entry);
            }
        }
    }
    let mut list: Vec<ReuseEntry> = best.into_values().collect();
    let distance = |e: &ReuseEntry| e.other.year.map_or(i32::MAX, |y| (y - own.year).abs());
    list.sort_by(|a, b| {
        kind_rank(a.kind)
            .cmp(&kind_rank(b.kind))
            .then(b.other.similarity.total_cmp(&a.other.similarity))
            .then(distance(a).cmp(&distance(b)))
            .then_with(|| a.other.township.cmp(&b.other.township))
            .then(b.other.year.cmp(&a.other.year))
    });
    list
}

/// True when text of the sentence at `sentence` stands in a cross-township passage:
/// copied from, or by, one or two other townships.
pub fn is_cross_township(report: &ReuseReport, sentence: Span) -> bool {
    report
        .passages
        .iter()
        .any(|p| p.kind == Kind::CrossTownship && overlaps(p.span(), sentence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::{Passage, Shares};

    fn other(township: &str, year: i32, exact: bool, similarity: f64) -> Occurrence {
        Occurrence {
            doc: 0,
            township: township.to_string(),
            county: Some("某县".to_string()),
            year: Some(year),
            file: None,
            start: 10,
            end: 40,
            exact,
            similarity,
        }
    }

    fn passage(kind: Kind, start: usize, end: usize, reports: Vec<Occurrence>) -> Passage {
        Passage {
            text: String::new(),
            chars: end - start,
            kind,
            also_own_history: false,
            start,
            end,
            townships: 2,
            report_count: reports.len(),
            estimated: false,
            near: false,
            reports,
            norm: 0..0,
        }
    }

    fn own() -> ReportKey {
        ReportKey {
            township: "本镇".to_string(),
            county: "某县".to_string(),
            year: 2022,
        }
    }

    fn report(passages: Vec<Passage>) -> ReuseReport {
        ReuseReport {
            passages,
            shares: Shares::default(),
            chars: 100,
            corpus_townships: 4,
        }
    }

    #[test]
    fn entries_are_the_passages_touching_the_sentence_neighbours_first() {
        let r = report(vec![
            passage(Kind::Template, 0, 30, vec![other("甲镇", 2021, true, 1.0)]),
            passage(
                Kind::CrossTownship,
                25,
                60,
                vec![other("乙镇", 2022, false, 0.9)],
            ),
            passage(
                Kind::OwnHistory,
                80,
                120,
                vec![other("本镇", 2021, true, 1.0)],
            ),
        ]);
        let found = entries(&r, Span::new(20, 50), &own());
        let names: Vec<&str> = found.iter().map(|e| e.other.township.as_str()).collect();
        assert_eq!(names, ["乙镇", "甲镇"]);
        assert!(found[0].near, "an inexact occurrence reads as reworded");
        assert!(!found[1].near);
        assert!(
            entries(&r, Span::new(60, 80), &own()).is_empty(),
            "touching is not sharing"
        );
        assert!(is_cross_township(&r, Span::new(50, 70)));
        assert!(!is_cross_township(&r, Span::new(0, 20)));
    }

    #[test]
    fn one_entry_per_other_report_with_its_closest_match() {
        let r = report(vec![
            passage(
                Kind::Widespread,
                0,
                20,
                vec![other("丙镇", 2022, false, 0.85)],
            ),
            passage(
                Kind::Widespread,
                20,
                40,
                vec![other("丙镇", 2022, true, 1.0)],
            ),
        ]);
        let found = entries(&r, Span::new(0, 40), &own());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].other.similarity, 1.0);
    }

    #[test]
    fn the_townships_own_years_are_its_own_history() {
        let r = report(vec![passage(
            Kind::CrossTownship,
            0,
            30,
            vec![
                other("本镇", 2021, true, 1.0),
                other("乙镇", 2022, true, 1.0),
            ],
        )]);
        let found = entries(&r, Span::new(0, 30), &own());
        let kinds: Vec<(Kind, &str)> = found
            .iter()
            .map(|e| (e.kind, e.other.township.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [(Kind::CrossTownship, "乙镇"), (Kind::OwnHistory, "本镇")]
        );
    }

    #[test]
    fn equal_matches_list_the_nearest_year_first() {
        let r = report(vec![passage(
            Kind::CrossTownship,
            0,
            30,
            vec![
                other("乙镇", 2019, true, 1.0),
                other("乙镇", 2021, true, 1.0),
                other("乙镇", 2022, true, 1.0),
                other("乙镇", 2023, false, 0.9),
            ],
        )]);
        let years: Vec<Option<i32>> = entries(&r, Span::new(0, 30), &own())
            .iter()
            .map(|e| e.other.year)
            .collect();
        assert_eq!(years, [Some(2022), Some(2021), Some(2019), Some(2023)]);
    }

    #[test]
    fn stale_and_skipped_requests_are_handled() {
        let key = ReportKey {
            township: "甲镇".to_string(),
            county: String::new(),
            year: 2022,
        };
        let mut cache = ReuseCache::default();
        assert!(cache.wants(&key));
        cache.asked(key.clone(), 3);
        assert!(!cache.wants(&key), "asked and pending");
        let later = ReportKey {
            year: 2023,
            ..key.clone()
        };
        cache.asked(later, 4);
        assert!(cache.wants(&key), "request 3 may have been skipped for 4");
        assert!(
            !cache.answer(2, &key, None),
            "an answer to no pending request"
        );
        assert!(cache.answer(3, &key, Some(Arc::new(report(Vec::new())))));
        assert!(matches!(cache.get(&key), Some(ReuseSlot::Ready(_))));
        assert!(!cache.fail(3, "late"), "answered already");
        cache.clear();
        assert!(cache.get(&key).is_none());
    }
}
