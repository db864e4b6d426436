//! Review records: sections marked reviewed, flagged sentences and notes. The review
//! knows where a record goes, which note a place already has and where the review stands;
//! writes go to the worker, whose answer brings the township's records back.

use super::effect::Handled;
use super::{App, ReviewState};
use crate::compare::Region;
use crate::i18n::fill;
use crate::i18n::{Msg, msg};
use crate::review::Side;
use crate::review::author::AuthorOrigin;
use crate::store::{Note, ReportKey};
use crate::tui::diff_lines::ItemKind;
use crate::tui::jobs::{Job, NoteChange, NoteTarget};

impl ReviewState {
    /// The identity of the report on one side.
    pub fn key(&self, side: Side) -> Option<ReportKey> {
        Some(ReportKey {
            township: self.township.clone(),
            county: self.county.clone(),
            year: self.year(side)?,
        })
    }

    /// The year on one side.
    pub fn year(&self, side: Side) -> Option<i32> {
        match side {
            Side::Old => self.old_year,
            Side::New => Some(self.new_year),
        }
    }

    /// Where a note or flag on the cursor's place goes: its sentence, else its
    /// section heading, else (the preamble's or closing's heading) the whole report.
    pub fn note_target(&self) -> Option<NoteTarget> {
        let data = self.data.as_ref()?;
        if let Some((side, i)) = self.cursor_sentence() {
            let report = data.report(side)?;
            let sentence = report.sentences.get(i)?;
            return Some(NoteTarget {
                key: self.key(side)?,
                section: report.section_path(sentence.section).map(str::to_string),
                sentence: Some(sentence.span),
                excerpt: sentence.text.clone(),
            });
        }
        let Some((side, section)) = self.cursor_section() else {
            return Some(NoteTarget {
                key: self.key(Side::New)?,
                section: None,
                sentence: None,
                excerpt: String::new(),
            });
        };
        let s = data.report(side)?.sections.get(section)?;
        Some(NoteTarget {
            key: self.key(side)?,
            section: Some(s.path.clone()),
            sentence: None,
            excerpt: format!("{}{}", s.marker, s.title),
        })
    }

    /// The note a place already has (the first written), to open instead of a new one.
    pub fn existing_note<'a>(&'a self, target: &'a NoteTarget) -> Option<&'a Note> {
        let year = target.key.year;
        match target.sentence {
            Some(span) => self.records.notes_on_sentence(year, span).next(),
            None => self
                .records
                .notes_on_section(year, target.section.as_deref())
                .next(),
        }
    }

    /// True when a section of one side is marked reviewed.
    pub fn is_reviewed(&self, side: Side, path: &str) -> bool {
        self.year(side)
            .is_some_and(|year| self.records.is_reviewed(year, path))
    }

    /// The section a header item stands for, by side and index (this year's first).
    fn header_section(&self, index: usize) -> Option<(Side, usize)> {
        let layout = self.layout.as_ref()?;
        let ItemKind::Header { pair } = layout.items.get(index)?.kind else {
            return None;
        };
        let pair = self.data.as_ref()?.comparison.sections.get(pair)?;
        [(Side::New, pair.new), (Side::Old, pair.old)]
            .into_iter()
            .find_map(|(side, region)| match region {
                Some(Region::Section(i)) => Some((side, i)),
                _ => None,
            })
    }

    /// True when item `index` heads a section not marked reviewed (`except`, the
    /// section just marked, counts as reviewed).
    fn heads_unreviewed(&self, index: usize, except: Option<(Side, usize)>) -> bool {
        let Some((side, section)) = self.header_section(index) else {
            return false;
        };
        if except == Some((side, section)) {
            return false;
        }
        let report = self.data.as_ref().and_then(|d| d.report(side));
        report
            .and_then(|r| r.sections.get(section))
            .is_some_and(|s| !self.is_reviewed(side, &s.path))
    }

    /// Sections of this year's report, and how many are marked reviewed.
    pub fn progress(&self) -> (usize, usize) {
        let Some(data) = &self.data else {
            return (0, 0);
        };
        let reviewed = data
            .new
            .sections
            .iter()
            .filter(|s| self.is_reviewed(Side::New, &s.path))
            .count();
        (reviewed, data.new.sections.len())
    }
}

impl App {
    /// `Space`: marks the section under the cursor reviewed and moves on to the next
    /// section not reviewed yet; on a section already reviewed, unmarks it and stays.
    /// Before the first heading there is nothing to mark, so it only moves on.
    pub(super) fn mark_reviewed(&mut self) -> Handled {
        let height = self.diff_height();
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        let target = review.cursor_section().and_then(|(side, section)| {
            let report = review.data.as_ref()?.report(side)?;
            let path = report.sections.get(section)?.path.clone();
            Some((side, section, review.key(side)?, path))
        });
        let Some((side, section, key, path)) = target else {
            return self.next_unreviewed();
        };
        let marking = !review.is_reviewed(side, &path);
        self.effects
            .send(Job::ToggleReviewed { key, section: path });
        if marking
            && let Some(next) =
                review.find_item(true, |i| review.heads_unreviewed(i, Some((side, section))))
        {
            review.go_to(next, height);
            return Handled::Changed;
        }
        Handled::Ignored
    }

    /// Goes to the next section not marked reviewed, from the top after the last.
    pub(super) fn next_unreviewed(&mut self) -> Handled {
        let height = self.diff_height();
        let Some(review) = self.review.as_mut() else {
            return Handled::Ignored;
        };
        let next = review
            .find_item(true, |i| review.heads_unreviewed(i, None))
            .or_else(|| {
                let count = review.layout.as_ref().map_or(0, |l| l.items.len());
                (0..count.min(review.cursor + 1)).find(|&i| review.heads_unreviewed(i, None))
            });
        match next {
            Some(i) => {
                review.go_to(i, height);
                Handled::Changed
            }
            None => self.say(Msg::TuiAllReviewed),
        }
    }

    /// Flags the sentence under the cursor, or takes the flag off.
    pub(super) fn flag(&mut self) -> Handled {
        let target = self.review.as_ref().and_then(ReviewState::note_target);
        match target.filter(|t| t.sentence.is_some()) {
            Some(target) => {
                self.effects.send(Job::ToggleFlag(target));
                Handled::Ignored
            }
            None => self.say(Msg::TuiNoSentence),
        }
    }

    /// Takes a township's records after a write, and says what the write did.
    pub(super) fn on_notes(
        &mut self,
        township: &str,
        county: &str,
        notes: Vec<Note>,
        done: NoteChange,
    ) -> Handled {
        let count = notes
            .iter()
            .filter(|n| !matches!(n.kind, crate::store::NoteKind::Reviewed))
            .count();
        if let Some(row) = self.list.row_mut(township, county) {
            row.notes = count;
        }
        if let Some(review) = self
            .review
            .as_mut()
            .filter(|r| r.township == township && r.county == county)
        {
            review.set_notes(notes);
        }
        let said = msg(
            self.lang(),
            match done {
                NoteChange::Reviewed(true) => Msg::TuiReviewed,
                NoteChange::Reviewed(false) => Msg::TuiUnreviewed,
                NoteChange::Flagged(true) => Msg::TuiFlagged,
                NoteChange::Flagged(false) => Msg::TuiUnflagged,
                NoteChange::NoteAdded => Msg::TuiNoteSaved,
                NoteChange::NoteUpdated => Msg::TuiNoteUpdated,
                NoteChange::NoteDeleted => Msg::TuiNoteDeleted,
                NoteChange::Missing => Msg::TuiNoteMissing,
            },
        );
        let text = match (&self.settings.author.origin, done) {
            (AuthorOrigin::Chosen, _) | (_, NoteChange::Reviewed(_) | NoteChange::Missing) => {
                said.to_string()
            }
            (_, _) => fill(
                msg(self.lang(), Msg::TuiSignedAs),
                &[said, &self.settings.author.name],
            ),
        };
        self.status = Some(super::Status { text, error: false });
        Handled::Changed
    }
}
