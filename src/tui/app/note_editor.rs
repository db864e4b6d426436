//! The note editor: a box over the text for the note on the place under the cursor.
//! `a` opens the note the place already has, or a new one. `Enter` saves; a new line is
//! `Ctrl-J`, `Shift-Enter` or `Alt-Enter`, so one works in every terminal (Windows
//! Terminal takes Alt-Enter, PuTTY sends Shift-Enter as Enter, every terminal sends
//! Ctrl-J). Pasted text keeps its line breaks.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::effect::Handled;
use super::{App, Overlay, ReviewState};
use crate::i18n::{Msg, msg};
use crate::report::normalize::printable;
use crate::store::Note;
use crate::tui::jobs::{Job, NoteTarget};

/// An open note editor: the text, the place, and the note being edited (`None` for a
/// new one).
#[derive(Debug)]
pub struct NoteEditor {
    pub text: Box<TextArea<'static>>,
    pub target: NoteTarget,
    pub editing: Option<Note>,
}

impl App {
    /// `a`: opens the note the place under the cursor already has, or a new one.
    pub(super) fn open_note_editor(&mut self) -> Handled {
        let Some(review) = self.review.as_ref() else {
            return Handled::Ignored;
        };
        let Some(target) = review.note_target() else {
            return self.say(Msg::TuiNoSentence);
        };
        let existing = review.existing_note(&target).cloned();
        self.open_editor(target, existing)
    }

    /// Opens the editor on `target`, with the text of `existing` when editing it.
    pub(super) fn open_editor(&mut self, target: NoteTarget, existing: Option<Note>) -> Handled {
        let lines = existing
            .as_ref()
            .map(|n| n.body.lines().map(str::to_string).collect())
            .unwrap_or_default();
        let mut text = TextArea::new(lines);
        text.set_placeholder_text(msg(self.lang(), Msg::TuiNotePlaceholder));
        text.set_cursor_line_style(ratatui::style::Style::default());
        text.set_wrap_mode(WrapMode::Glyph);
        text.move_cursor(ratatui_textarea::CursorMove::Bottom);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        self.overlay = Some(Overlay::Note(NoteEditor {
            text: Box::new(text),
            target,
            editing: existing,
        }));
        Handled::Changed
    }

    /// A key typed into the open editor: `Enter` saves, `Ctrl-J`, `Shift-Enter` and
    /// `Alt-Enter` start a new line, `Esc` cancels.
    pub(super) fn note_input(&mut self, key: KeyEvent) -> Handled {
        let Some(Overlay::Note(editor)) = self.overlay.as_mut() else {
            return Handled::Ignored;
        };
        match key.code {
            KeyCode::Esc => self.overlay = None,
            _ if is_newline_key(&key) => editor.text.insert_newline(),
            KeyCode::Enter => return self.save_note(),
            _ => {
                editor.text.input(key);
            }
        }
        Handled::Changed
    }

    /// Pasted text into the editor, line breaks kept whatever the terminal sent.
    pub(super) fn paste_into_note(&mut self, pasted: &str) -> Handled {
        let Some(Overlay::Note(editor)) = self.overlay.as_mut() else {
            return Handled::Ignored;
        };
        editor.text.insert_str(pasted_lines(pasted));
        Handled::Changed
    }

    /// Saves the note: a new one, or the new text of the one edited. An empty note is
    /// not saved (a note is deleted from the notes pane).
    fn save_note(&mut self) -> Handled {
        let Some(Overlay::Note(editor)) = self.overlay.take() else {
            return Handled::Ignored;
        };
        let body = editor.text.lines().join("\n").trim().to_string();
        if body.is_empty() {
            return self.say(match editor.editing {
                Some(_) => Msg::TuiNoteEmptyKept,
                None => Msg::TuiNoteEmpty,
            });
        }
        match editor.editing {
            Some(note) if note.body == body => return Handled::Changed,
            Some(note) => self.effects.send(Job::UpdateNote {
                key: editor.target.key,
                id: note.id,
                body,
            }),
            None => self.effects.send(Job::AddNote {
                target: editor.target,
                body,
            }),
        };
        Handled::Changed
    }
}

impl ReviewState {
    /// The place a stored note is about, as a target for the editor.
    pub fn target_of(&self, note: &Note) -> NoteTarget {
        NoteTarget {
            key: crate::store::ReportKey {
                township: self.township.clone(),
                county: self.county.clone(),
                year: note.year,
            },
            section: note.section.clone(),
            sentence: note.span(),
            excerpt: note.excerpt.clone(),
        }
    }
}

/// True for the keys that start a new line in the editor.
pub fn is_newline_key(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Enter => key
            .modifiers
            .intersects(KeyModifiers::SHIFT | KeyModifiers::ALT | KeyModifiers::CONTROL),
        KeyCode::Char('j') => key.modifiers == KeyModifiers::CONTROL,
        _ => false,
    }
}

/// Pasted text with `\r\n` and lone `\r` (as terminals send line breaks) as `\n`, and
/// control characters dropped.
pub fn pasted_lines(text: &str) -> String {
    printable(&text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_survive_a_paste() {
        assert_eq!(pasted_lines("一\r\n二\r三\n四\u{1b}"), "一\n二\n三\n四");
    }

    #[test]
    fn newline_keys_work_in_every_terminal() {
        let key = |code, modifiers| KeyEvent::new(code, modifiers);
        assert!(is_newline_key(&key(
            KeyCode::Char('j'),
            KeyModifiers::CONTROL
        )));
        assert!(is_newline_key(&key(KeyCode::Enter, KeyModifiers::SHIFT)));
        assert!(is_newline_key(&key(KeyCode::Enter, KeyModifiers::ALT)));
        assert!(!is_newline_key(&key(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!is_newline_key(&key(
            KeyCode::Char('j'),
            KeyModifiers::NONE
        )));
    }
}
