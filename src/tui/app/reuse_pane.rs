//! The reuse pane: which other reports hold the sentence under the cursor, how closely,
//! and as what kind of reuse; `Enter` opens the other report at the passage, `Esc`
//! comes back. The entries are derived in `update` when the place under the cursor or
//! the answer changes, never while drawing.

use std::collections::HashMap;
use std::sync::Arc;

use super::effect::Handled;
use super::{App, ReuseAnswer, ReuseSlot, ReviewState};
use crate::i18n::Msg;
use crate::report::Span;
use crate::reuse::{Kind, Occurrence, ReuseReport};
use crate::review::{OccurrenceSections, Side, section_at};
use crate::store::ReportKey;
use crate::tui::jobs::{Job, RequestId};
use crate::tui::pane::{ListCursor, Pane, SidePane};

/// What the reuse pane shows for the sentence under the cursor.
#[derive(Debug, Clone, Default)]
pub enum ReusePane {
    /// The cursor is on a heading, a fold or last year's side alone.
    #[default]
    NoSentence,
    /// The answer for this report has not come yet.
    Pending,
    Missing,
    Failed(String),
    /// The other reports holding the sentence (none when it is the report's own).
    Entries(Vec<ReuseEntry>),
}

impl ReusePane {
    /// The entries listed; none while there is no answer.
    pub fn list(&self) -> &[ReuseEntry] {
        match self {
            ReusePane::Entries(list) => list,
            _ => &[],
        }
    }
}

/// The report and the cursor whose reuse the pane lists.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReusePlace {
    key: ReportKey,
    /// The cursor's item in the layout.
    item: usize,
    /// This year's sentence there, if any.
    sentence: Option<Span>,
}

/// The reuse pane's contents as last derived, and what they were derived from.
#[derive(Debug, Default)]
pub(super) struct ShownReuse {
    place: Option<ReusePlace>,
    version: u64,
    pane: ReusePane,
}

impl App {
    /// What the reuse pane shows now.
    pub fn reuse_pane(&self) -> &ReusePane {
        &self.shown_reuse.pane
    }

    /// The reuse of the report on screen, when the answer has come.
    pub fn reuse_answer(&self) -> Option<&ReuseAnswer> {
        match self.reuse.get(&reuse_key(self.review.as_ref()?)?)? {
            ReuseSlot::Ready(answer) => Some(answer),
            _ => None,
        }
    }

    /// Asks the worker for the reuse of the report on screen unless it is known or on
    /// its way. Asked for every report opened, so the row markers show copying from a
    /// neighbour without the pane open.
    pub(super) fn ask_reuse(&mut self) {
        let Some(key) = self.review.as_ref().and_then(reuse_key) else {
            return;
        };
        if self.reuse.wants(&key) {
            let id = self.effects.send(Job::Reuse(key.clone()));
            self.reuse.asked(key, id);
        }
    }

    /// Takes the answer to a reuse look-up; a stale one is dropped.
    pub(super) fn on_reuse(
        &mut self,
        id: RequestId,
        key: &ReportKey,
        report: Option<Arc<ReuseReport>>,
        sections: Arc<OccurrenceSections>,
    ) -> Handled {
        let taken = self.reuse.answer(id, key, report, sections);
        if !taken {
            tracing::debug!(id, "stale reuse answer dropped");
        }
        Handled::when(taken)
    }

    /// Runs after every action: when the cursor has moved to another sentence or
    /// report, the reuse selection starts at the top; when that or the answers changed,
    /// the pane's entries are derived again.
    pub(super) fn follow_reuse_place(&mut self) {
        let place = self.review.as_ref().and_then(reuse_place);
        let version = self.reuse.version();
        let moved = place != self.shown_reuse.place;
        if moved && let Some(review) = self.review.as_mut() {
            review.panes[SidePane::Reuse].cursor = ListCursor::default();
        }
        if moved || version != self.shown_reuse.version {
            let pane = self.derive_reuse_pane(place.as_ref());
            self.shown_reuse = ShownReuse {
                place,
                version,
                pane,
            };
        }
    }

    fn derive_reuse_pane(&self, place: Option<&ReusePlace>) -> ReusePane {
        let Some((key, sentence)) = place.and_then(|p| Some((&p.key, p.sentence?))) else {
            return ReusePane::NoSentence;
        };
        match self.reuse.get(key) {
            Some(ReuseSlot::Ready(answer)) => {
                let mut list = entries(&answer.report, sentence, key);
                let here = self.review.as_ref().and_then(|r| r.data.as_ref());
                for entry in &mut list {
                    entry.here =
                        here.and_then(|d| section_at(&d.new.sections, entry.passage.start));
                    entry.there = occurrence_key(&entry.other)
                        .and_then(|k| answer.sections.get(&(k, entry.other.start)).cloned());
                }
                ReusePane::Entries(list)
            }
            Some(ReuseSlot::Missing) => ReusePane::Missing,
            Some(ReuseSlot::Failed(reason)) => ReusePane::Failed(reason.clone()),
            Some(ReuseSlot::Pending(_)) | None => ReusePane::Pending,
        }
    }

    /// Opens the selected reuse entry: another township's report beside this one as a
    /// cross-township pair, the cursor on the shared sentence; the township's own other
    /// year as its pair of years, at the passage. The report left goes on the trail,
    /// so `Esc` comes back to it.
    pub(super) fn open_reuse_entry(&mut self) -> Handled {
        let Some(review) = &self.review else {
            return Handled::Ignored;
        };
        let selected = review.panes[SidePane::Reuse].cursor.selected;
        let here = cursor_new_sentence(review);
        let Some(entry) = self.reuse_pane().list().get(selected).cloned() else {
            return Handled::Ignored;
        };
        let other = entry.other;
        let county = other.county.clone().unwrap_or_default();
        let opened = match (entry.kind, other.year) {
            (Kind::OwnHistory, Some(year)) => {
                let span = Span::new(other.start, other.end);
                self.review_at(&other.township, &county, year, span)
            }
            (_, Some(year)) => here.and_then(|at| {
                let source = ReportKey {
                    township: other.township.clone(),
                    county,
                    year,
                };
                self.cross_review(source, at)
            }),
            (_, None) => None,
        };
        let Some(mut opened) = opened else {
            return self.say(Msg::TuiReuseNoReport);
        };
        opened.panes[SidePane::Reuse].shown = true;
        if let Some(mut left) = self.review.replace(opened) {
            left.focus = Pane::Reuse;
            self.trail.push(left);
        }
        Handled::Changed
    }

    /// The report on screen (this year's side) beside `source`, asked for, with the
    /// cursor to go to `at` of this report once it arrives.
    fn cross_review(&mut self, source: ReportKey, at: Span) -> Option<ReviewState> {
        let current = self.review.as_ref()?;
        let year = current.data.as_ref()?.new_year;
        let (township, county) = (current.township.clone(), current.county.clone());
        let fold = self.settings.config.fold;
        let mut review = ReviewState::new(&township, &county, vec![year], fold);
        review.old_year = Some(source.year);
        review.new_year = year;
        review.source = Some(source);
        review.panes[SidePane::Outline].shown = false;
        review.pending_jump = Some(at);
        review.request = self.effects.send(self.open_job(&review));
        Some(review)
    }
}

/// The identity of the report an occurrence stands in.
fn occurrence_key(other: &Occurrence) -> Option<ReportKey> {
    Some(ReportKey {
        township: other.township.clone(),
        county: other.county.clone().unwrap_or_default(),
        year: other.year?,
    })
}

/// The report read as this year's, as the reuse index knows it.
fn reuse_key(review: &ReviewState) -> Option<ReportKey> {
    Some(ReportKey {
        township: review.township.clone(),
        county: review.county.clone(),
        year: review.data.as_ref()?.new_year,
    })
}

/// Where the cursor is, for the reuse pane.
fn reuse_place(review: &ReviewState) -> Option<ReusePlace> {
    Some(ReusePlace {
        key: reuse_key(review)?,
        item: review.cursor,
        sentence: cursor_new_sentence(review),
    })
}

/// The span of this year's sentence under the cursor.
fn cursor_new_sentence(review: &ReviewState) -> Option<Span> {
    let item = review.layout.as_ref()?.items.get(review.cursor)?;
    let index = item.sentence(Side::New)?;
    Some(review.data.as_ref()?.new.sentences.get(index)?.span)
}

/// Another report holding (part of) the sentence under the cursor.
#[derive(Debug, Clone)]
pub struct ReuseEntry {
    pub kind: Kind,
    /// Found as a reworded sentence rather than as the same words.
    pub near: bool,
    pub other: Occurrence,
    /// The shared passage as this report words it, and where it stands here.
    pub text: String,
    pub passage: Span,
    /// The section path of the passage in this report and in the other one.
    pub here: Option<String>,
    pub there: Option<String>,
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
fn entries(report: &ReuseReport, sentence: Span, own: &ReportKey) -> Vec<ReuseEntry> {
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
                text: passage.text.clone(),
                passage: passage.span(),
                here: None,
                there: None,
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::reuse::{Passage, Shares};
    use crate::tui::app::ReuseAnswer;

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
        let answer = ReuseAnswer::new(Arc::new(r));
        assert!(answer.is_cross_township(Span::new(50, 70)));
        assert!(!answer.is_cross_township(Span::new(0, 20)));
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
}
