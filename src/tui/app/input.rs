//! Typed and pasted text: the list filter and the search line apply as they change, and
//! the note editor takes its keys. Pasted text is cleaned of control characters first.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::Handled;
use super::{App, Overlay, Typing};
use crate::report::normalize::{is_printable, printable};

impl App {
    /// A key while text is being entered: into the note editor, or the filter or
    /// search line.
    pub(super) fn on_input(&mut self, key: KeyEvent) -> Handled {
        if matches!(self.overlay, Some(Overlay::Note { .. })) {
            return self.note_input(key);
        }
        let Some(typing) = self.typing else {
            return Handled::Ignored;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.typing = None;
                self.edit_line(typing, String::clear);
            }
            KeyCode::Enter => {
                self.typing = None;
                if typing == Typing::Filter && self.list.visible.len() == 1 {
                    return self.open_selected().or(Handled::Changed);
                }
            }
            KeyCode::Backspace => self.edit_line(typing, |line| {
                line.pop();
            }),
            KeyCode::Char('u') if ctrl => self.edit_line(typing, String::clear),
            KeyCode::Char('w') if ctrl => self.edit_line(typing, delete_word),
            KeyCode::Down | KeyCode::Up if typing == Typing::Filter => {
                let rows = self.list_rows();
                let delta = if key.code == KeyCode::Down { 1 } else { -1 };
                self.list.cursor.step(delta, self.list.visible.len(), rows);
            }
            KeyCode::Char(c) if !ctrl => self.edit_line(typing, |line| line.push(c)),
            _ => return Handled::Ignored,
        }
        Handled::Changed
    }

    /// Text pasted from the terminal: into the note editor as it is (control characters
    /// dropped), or into the filter or search line as one line.
    pub(super) fn on_paste(&mut self, text: &str) -> Handled {
        if let Some(Overlay::Note { editor, .. }) = self.overlay.as_mut() {
            editor.insert_str(printable(text));
            return Handled::Changed;
        }
        let Some(typing) = self.typing else {
            return Handled::Ignored;
        };
        let line: String = text
            .chars()
            .filter(|c| is_printable(*c) && *c != '\n' && *c != '\t')
            .collect();
        self.edit_line(typing, |current| current.push_str(&line));
        Handled::Changed
    }

    /// Changes the filter or search text and applies it at once: the list narrows, or
    /// the cursor moves to the nearest match (after it, else before it).
    fn edit_line(&mut self, typing: Typing, edit: impl FnOnce(&mut String)) {
        match typing {
            Typing::Filter => {
                edit(&mut self.list.filter);
                self.refilter();
            }
            Typing::Search => {
                let height = self.diff_height();
                let Some(review) = self.review.as_mut() else {
                    return;
                };
                edit(&mut review.search);
                if review.search.is_empty() || review.matches_search(review.cursor) {
                    return;
                }
                let found = review
                    .find_item(true, |i| review.matches_search(i))
                    .or_else(|| review.find_item(false, |i| review.matches_search(i)));
                if let Some(i) = found {
                    review.go_to(i, height);
                }
            }
        }
    }
}

/// `Ctrl-W`: deletes the word before the end, and the blanks after it.
fn delete_word(line: &mut String) {
    let trimmed = line.trim_end().len();
    line.truncate(trimmed);
    while line.chars().last().is_some_and(|c| !c.is_whitespace()) {
        line.pop();
    }
}
