//! The review records of the open township (notes, flags, sections reviewed), indexed
//! once when they arrive so that drawing a row asks a map, never the whole list: which
//! sentences and sections carry a flag or a note, which sections are reviewed, and the
//! notes and flags of the two years on screen in report order for the notes pane.

use std::collections::{HashMap, HashSet};

use crate::report::Span;
use crate::store::{Note, NoteKind};

/// What a reviewer left on a sentence or a section heading: a flag, a note, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewMark {
    pub flag: bool,
    pub note: bool,
}

impl ReviewMark {
    /// The gutter character: `!` flagged, `*` a note, `&` both.
    pub fn symbol(self) -> Option<char> {
        match (self.flag, self.note) {
            (true, true) => Some('&'),
            (true, false) => Some('!'),
            (false, true) => Some('*'),
            (false, false) => None,
        }
    }

    fn add(&mut self, kind: NoteKind) {
        match kind {
            NoteKind::Flag => self.flag = true,
            NoteKind::Note => self.note = true,
            NoteKind::Reviewed => {}
        }
    }
}

/// A township's review records and what is derived from them.
#[derive(Debug, Clone, Default)]
pub struct Records {
    notes: Vec<Note>,
    /// Flags and notes on sentences, by year and sentence span.
    sentences: HashMap<(i32, Span), ReviewMark>,
    /// Flags and notes on whole sections (none on a sentence), by year and path; the
    /// whole report under the empty path.
    sections: HashMap<(i32, String), ReviewMark>,
    reviewed: HashSet<(i32, String)>,
    /// Indices of the notes and flags of `years`, in report order.
    listed: Vec<usize>,
}

impl Records {
    /// Indexes `notes`; the notes pane lists those of `years` (the pair on screen).
    pub fn new(notes: Vec<Note>, years: &[i32]) -> Records {
        let mut records = Records {
            notes,
            ..Records::default()
        };
        for (i, note) in records.notes.iter().enumerate() {
            let section = note.section.clone().unwrap_or_default();
            match (note.kind, note.span()) {
                (NoteKind::Reviewed, _) => {
                    records.reviewed.insert((note.year, section));
                    continue;
                }
                (kind, Some(span)) => records
                    .sentences
                    .entry((note.year, span))
                    .or_default()
                    .add(kind),
                (kind, None) => records
                    .sections
                    .entry((note.year, section))
                    .or_default()
                    .add(kind),
            }
            if years.contains(&note.year) {
                records.listed.push(i);
            }
        }
        records
    }

    /// Every record of the township.
    pub fn all(&self) -> &[Note] {
        &self.notes
    }

    /// The notes and flags of the years on screen, in report order.
    pub fn listed(&self) -> impl Iterator<Item = &Note> {
        self.listed.iter().filter_map(|&i| self.notes.get(i))
    }

    /// How many notes and flags the years on screen have.
    pub fn listed_len(&self) -> usize {
        self.listed.len()
    }

    /// The `index`th listed note or flag.
    pub fn listed_at(&self, index: usize) -> Option<&Note> {
        self.notes.get(*self.listed.get(index)?)
    }

    /// Where a note sits among the listed ones.
    pub fn listed_position(&self, id: i64) -> Option<usize> {
        self.listed().position(|n| n.id == id)
    }

    /// The flag and note marks of a sentence of `year`.
    pub fn sentence_mark(&self, year: i32, span: Span) -> ReviewMark {
        self.sentences
            .get(&(year, span))
            .copied()
            .unwrap_or_default()
    }

    /// The flag and note marks of a section of `year` (`""` for the whole report).
    pub fn section_mark(&self, year: i32, path: &str) -> ReviewMark {
        self.sections
            .get(&(year, path.to_string()))
            .copied()
            .unwrap_or_default()
    }

    /// True when a section of `year` is marked reviewed.
    pub fn is_reviewed(&self, year: i32, path: &str) -> bool {
        self.reviewed.contains(&(year, path.to_string()))
    }

    /// The notes (not flags) on a sentence of `year`, oldest first.
    pub fn notes_on_sentence(&self, year: i32, span: Span) -> impl Iterator<Item = &Note> {
        self.notes
            .iter()
            .filter(move |n| n.year == year && n.kind == NoteKind::Note && n.span() == Some(span))
    }

    /// The notes (not flags) on a whole section of `year` (`None`: the whole report).
    pub fn notes_on_section<'a>(
        &'a self,
        year: i32,
        path: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Note> {
        self.notes.iter().filter(move |n| {
            n.year == year
                && n.kind == NoteKind::Note
                && n.span().is_none()
                && n.section.as_deref() == path
        })
    }

    /// A record by id.
    pub fn get(&self, id: i64) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: i64, year: i32, kind: NoteKind, section: Option<&str>, span: Option<Span>) -> Note {
        Note {
            id,
            township: "清水镇".into(),
            county: None,
            year,
            section: section.map(str::to_string),
            start: span.map(|s| s.start),
            end: span.map(|s| s.end),
            excerpt: String::new(),
            kind,
            body: "正文".into(),
            author: "甲".into(),
            created_at: "2026-03-02T06:15:00Z".into(),
        }
    }

    #[test]
    fn marks_never_hide_each_other() {
        let span = Span::new(10, 20);
        let records = Records::new(
            vec![
                note(1, 2023, NoteKind::Flag, Some("1"), Some(span)),
                note(2, 2023, NoteKind::Note, Some("1"), Some(span)),
                note(3, 2023, NoteKind::Flag, Some("1.6"), None),
                note(4, 2023, NoteKind::Reviewed, Some("1"), None),
                note(5, 2021, NoteKind::Note, Some("1"), Some(span)),
            ],
            &[2022, 2023],
        );
        assert_eq!(records.sentence_mark(2023, span).symbol(), Some('&'));
        assert_eq!(records.section_mark(2023, "1.6").symbol(), Some('!'));
        assert_eq!(records.section_mark(2023, "1").symbol(), None);
        assert!(records.is_reviewed(2023, "1"));
        let listed: Vec<i64> = records.listed().map(|n| n.id).collect();
        assert_eq!(listed, [1, 2, 3]);
        assert_eq!(records.notes_on_sentence(2023, span).count(), 1);
    }
}
