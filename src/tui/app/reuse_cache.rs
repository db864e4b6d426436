//! What the reuse index said about each report read as this year's, kept while the
//! reviewer moves around so that stepping back to a report shows its reuse at once.
//! Pure bookkeeping of the worker's answers; nothing here waits.

use std::collections::HashMap;
use std::sync::Arc;

use crate::report::Span;
use crate::reuse::{Kind, ReuseReport};
use crate::review::OccurrenceSections;
use crate::store::ReportKey;
use crate::tui::jobs::RequestId;

/// What is known about one report's reuse.
#[derive(Debug, Clone)]
pub enum ReuseSlot {
    /// Asked for by this request; no answer yet.
    Pending(RequestId),
    Ready(ReuseAnswer),
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
    /// Counts changes, so what is derived from the answers is derived again only after
    /// one.
    version: u64,
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

    /// How many times the cache has changed.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Records that request `id` asks for a report.
    pub fn asked(&mut self, key: ReportKey, id: RequestId) {
        self.version += 1;
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
        sections: Arc<OccurrenceSections>,
    ) -> bool {
        let pending = matches!(self.slots.get(key), Some(ReuseSlot::Pending(p)) if *p == id);
        if pending {
            self.version += 1;
            let slot = match report {
                Some(report) => ReuseSlot::Ready(ReuseAnswer {
                    sections,
                    ..ReuseAnswer::new(report)
                }),
                None => ReuseSlot::Missing,
            };
            self.slots.insert(key.clone(), slot);
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
                self.version += 1;
                true
            }
            None => false,
        }
    }

    /// Forgets every answer (the store may have changed).
    pub fn clear(&mut self) {
        self.version += 1;
        self.slots.clear();
    }
}

/// A report's reuse as the index answered it. The text it shares with one or two other
/// townships is merged into sorted spans once, when the answer comes, so the `@` mark
/// of each row drawn is a binary search.
#[derive(Debug, Clone)]
pub struct ReuseAnswer {
    pub report: Arc<ReuseReport>,
    /// Cross-township passages, merged where they overlap, by start.
    cross_township: Vec<Span>,
    /// The section each other report holds the passages in.
    pub sections: Arc<OccurrenceSections>,
}

impl ReuseAnswer {
    /// Takes an answer of the index.
    pub fn new(report: Arc<ReuseReport>) -> ReuseAnswer {
        let mut spans: Vec<Span> = report
            .passages
            .iter()
            .filter(|p| p.kind == Kind::CrossTownship)
            .map(|p| p.span())
            .collect();
        spans.sort_by_key(|s| (s.start, s.end));
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start < last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        ReuseAnswer {
            report,
            cross_township: merged,
            sections: Arc::default(),
        }
    }

    /// True when text of `sentence` stands in a cross-township passage: copied from,
    /// or by, one or two other townships.
    pub fn is_cross_township(&self, sentence: Span) -> bool {
        let at = self
            .cross_township
            .partition_point(|s| s.end <= sentence.start);
        self.cross_township
            .get(at)
            .is_some_and(|s| s.start < sentence.end && sentence.start < s.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::{Passage, Shares};

    fn passage(kind: Kind, start: usize, end: usize) -> Passage {
        Passage {
            text: String::new(),
            chars: end - start,
            kind,
            also_own_history: false,
            start,
            end,
            townships: 2,
            report_count: 0,
            estimated: false,
            near: false,
            reports: Vec::new(),
            norm: 0..0,
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
    fn cross_township_text_is_found_by_overlap() {
        let answer = ReuseAnswer::new(Arc::new(report(vec![
            passage(Kind::CrossTownship, 40, 60),
            passage(Kind::Template, 0, 30),
            passage(Kind::CrossTownship, 25, 45),
            passage(Kind::CrossTownship, 80, 90),
        ])));
        assert!(answer.is_cross_township(Span::new(50, 70)));
        assert!(answer.is_cross_township(Span::new(20, 26)));
        assert!(!answer.is_cross_township(Span::new(0, 20)));
        assert!(
            !answer.is_cross_township(Span::new(60, 80)),
            "touching is not sharing"
        );
        assert!(answer.is_cross_township(Span::new(85, 200)));
        assert!(!answer.is_cross_township(Span::new(90, 200)));
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
            !cache.answer(2, &key, None, Arc::default()),
            "an answer to no pending request"
        );
        assert!(cache.answer(3, &key, Some(Arc::new(report(Vec::new()))), Arc::default()));
        assert!(matches!(cache.get(&key), Some(ReuseSlot::Ready(_))));
        assert!(!cache.fail(3, "late"), "answered already");
        cache.clear();
        assert!(cache.get(&key).is_none());
    }
}
