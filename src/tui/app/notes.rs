//! Review records: sections marked reviewed, flagged sentences and notes. The review
//! knows where a record goes and which marks to show; writes go to the worker, whose
//! answer brings the township's records back.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::effect::Handled;
use super::{App, Overlay, ReviewState};
use crate::i18n::{Msg, msg};
use crate::report::Span;
use crate::review::Side;
use crate::store::{Note, NoteKind, ReportKey};
use crate::tui::jobs::{Job, NoteChange, NoteTarget};

impl ReviewState {
    /// The identity of the report on one side.
    pub fn key(&self, side: Side) -> Option<ReportKey> {
        let year = match side {
            Side::Old => self.old_year?,
            Side::New => self.new_year,
        };
        Some(ReportKey {
            township: self.township.clone(),
            county: self.county.clone(),
            year,
        })
    }

    /// Where a note or flag on the cursor's sentence (or section heading) goes.
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
        let (side, section) = self.cursor_section()?;
        let report = data.report(side)?;
        let s = report.sections.get(section)?;
        Some(NoteTarget {
            key: self.key(side)?,
            section: Some(s.path.clone()),
            sentence: None,
            excerpt: format!("{}{}", s.marker, s.title),
        })
    }

    /// The review records of one side's report.
    pub fn notes_of(&self, side: Side) -> impl Iterator<Item = &Note> {
        let year = match side {
            Side::Old => self.old_year,
            Side::New => Some(self.new_year),
        };
        self.notes.iter().filter(move |n| Some(n.year) == year)
    }

    /// True when a section of one side is marked reviewed.
    pub fn is_reviewed(&self, side: Side, path: &str) -> bool {
        self.notes_of(side)
            .any(|n| n.kind == NoteKind::Reviewed && n.section.as_deref() == Some(path))
    }

    /// The flag or note marker for a sentence: `!` flagged, `*` with a note.
    pub fn sentence_marker(&self, side: Side, span: Span) -> Option<NoteKind> {
        let mut found = None;
        for note in self.notes_of(side).filter(|n| n.span() == Some(span)) {
            match note.kind {
                NoteKind::Flag => return Some(NoteKind::Flag),
                NoteKind::Note => found = Some(NoteKind::Note),
                NoteKind::Reviewed => {}
            }
        }
        found
    }
}

impl App {
    /// Marks the section under the cursor reviewed, or not any more.
    pub(super) fn mark_reviewed(&mut self) -> Handled {
        let Some(review) = &self.review else {
            return Handled::Ignored;
        };
        let target = review.cursor_section().and_then(|(side, section)| {
            let report = review.data.as_ref()?.report(side)?;
            Some((
                review.key(side)?,
                report.sections.get(section)?.path.clone(),
            ))
        });
        match target {
            Some((key, section)) => {
                self.effects.send(Job::ToggleReviewed { key, section });
                Handled::Ignored
            }
            None => self.say(Msg::TuiNoSection),
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

    /// Opens the note editor on the sentence (or section heading) under the cursor.
    pub(super) fn open_note_editor(&mut self) -> Handled {
        let Some(target) = self.review.as_ref().and_then(ReviewState::note_target) else {
            return self.say(Msg::TuiNoSentence);
        };
        let mut editor = TextArea::default();
        editor.set_placeholder_text(msg(self.lang(), Msg::TuiNotePlaceholder));
        editor.set_cursor_line_style(ratatui::style::Style::default());
        self.overlay = Some(Overlay::Note {
            editor: Box::new(editor),
            target,
        });
        Handled::Changed
    }

    /// A key typed into the open note editor: `Enter` saves, `Alt`/`Shift-Enter` starts
    /// a new line, `Esc` cancels.
    pub(super) fn note_input(&mut self, key: KeyEvent) -> Handled {
        let Some(Overlay::Note { editor, target }) = self.overlay.as_mut() else {
            return Handled::Ignored;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::ALT | KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter if plain => {
                let body = editor.lines().join("\n").trim().to_string();
                let target = target.clone();
                self.overlay = None;
                if body.is_empty() {
                    return self.say(Msg::TuiNoteEmpty);
                }
                self.effects.send(Job::AddNote { target, body });
            }
            KeyCode::Enter => editor.insert_newline(),
            _ => {
                editor.input(key);
            }
        }
        Handled::Changed
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
            .filter(|n| matches!(n.kind, NoteKind::Note | NoteKind::Flag))
            .count();
        if let Some(row) = self.list.row_mut(township, county) {
            row.notes = count;
        }
        if let Some(review) = self
            .review
            .as_mut()
            .filter(|r| r.township == township && r.county == county)
        {
            review.notes = notes;
        }
        self.say(match done {
            NoteChange::Reviewed(true) => Msg::TuiReviewed,
            NoteChange::Reviewed(false) => Msg::TuiUnreviewed,
            NoteChange::Flagged(true) => Msg::TuiFlagged,
            NoteChange::Flagged(false) => Msg::TuiUnflagged,
            NoteChange::NoteAdded => Msg::TuiNoteSaved,
        })
    }
}
