//! Typed and pasted text: the list filter and the search line apply as they change, the
//! note editor and the boxes that ask something take their keys. Pasted text is
//! cleaned of control characters first. Keys that arrive together are read as a paste
//! once they can only be one (text being typed, text that starts with an unbound key
//! such as CJK, a line break inside), so an unbracketed paste never runs as commands.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::Handled;
use super::{App, Overlay, Screen, Typing};
use crate::i18n::Msg;
use crate::report::normalize::is_printable;
use crate::tui::action::Action;
use crate::tui::jobs::Job;

impl App {
    /// A key while text is being entered or a box reads keys itself.
    pub(super) fn on_input(&mut self, key: KeyEvent) -> Handled {
        match self.overlay {
            Some(Overlay::Note(_)) => return self.note_input(key),
            Some(Overlay::Message { .. }) => return self.message_input(key),
            Some(Overlay::ConfirmDelete(_)) => return self.confirm_input(key),
            Some(Overlay::Export(_)) => return self.export_input(key),
            _ => {}
        }
        if self.screen == Screen::Search && self.overlay.is_none() {
            return self.corpus_input(key);
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
                if typing == Typing::Search {
                    return self.search_entered();
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

    /// Text pasted from the terminal: into the note editor as it is, line breaks kept,
    /// or into the filter or search line as one line; anywhere else it is dropped, and
    /// the status line says how to write a note.
    pub(super) fn on_paste(&mut self, text: &str) -> Handled {
        if matches!(self.overlay, Some(Overlay::Note(_))) {
            return self.paste_into_note(text);
        }
        let line: String = text
            .chars()
            .filter(|c| is_printable(*c) && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        if matches!(self.overlay, Some(Overlay::Export(_))) {
            return self.export_paste(&line);
        }
        if self.screen == Screen::Search && self.overlay.is_none() {
            return self.corpus_paste(&line);
        }
        let Some(typing) = self.typing else {
            return self.say(Msg::TuiPasteIgnored);
        };
        self.edit_line(typing, |current| current.push_str(&line));
        Handled::Changed
    }

    /// Keys that arrived together: one after another, until the rest reads as a paste
    /// (text being typed, or text no key is bound to at its start); then the rest is
    /// pasted. A line break that ends the keys is a key of its own (`Enter` typed just
    /// after text), any other is part of the paste. On the one-line filter and search,
    /// only the text up to the next other key goes in at once: `/`, a word, `Enter` and
    /// `n` typed fast search, end the search and step to the next match.
    pub(super) fn on_burst(&mut self, mut keys: Vec<KeyEvent>) -> Handled {
        let ending = keys.last().filter(|k| k.code == KeyCode::Enter).copied();
        if ending.is_some() {
            keys.pop();
        }
        let mut handled = Handled::Ignored;
        let mut at = 0;
        while at < keys.len() {
            let rest = &keys[at..];
            let editor = matches!(self.overlay, Some(Overlay::Note(_)));
            let line =
                self.typing.is_some() || (self.screen == Screen::Search && self.overlay.is_none());
            if line && !editor {
                let run = rest.iter().take_while(|k| typed_char(k).is_some()).count();
                if run >= 2 {
                    let text: String = rest[..run].iter().filter_map(typed_char).collect();
                    handled = handled.or(self.on_paste(&text));
                    at += run;
                    continue;
                }
            } else {
                let action = (!editor).then(|| self.action_for_key(rest[0])).flatten();
                let opens_line = matches!(action, Some(Action::Search));
                let unbound = !editor && action.is_none();
                if let Some(text) = burst_text(rest, editor || unbound).filter(|_| !opens_line) {
                    handled = handled.or(self.on_paste(&text));
                    break;
                }
            }
            handled = handled.or(self.key(rest[0]));
            at += 1;
        }
        if let Some(key) = ending {
            handled = handled.or(self.key(key));
        }
        handled
    }

    /// One key, as the runtime would look it up.
    fn key(&mut self, key: KeyEvent) -> Handled {
        match self.action_for_key(key) {
            Some(action) => self.apply(action),
            None => Handled::Ignored,
        }
    }

    /// The search line closed with `Enter`: says so when the text is nowhere.
    fn search_entered(&mut self) -> Handled {
        let missing = self
            .review
            .as_ref()
            .map(|r| &r.search)
            .filter(|s| s.is_active() && s.hits.is_empty())
            .map(|s| s.query.clone());
        match missing {
            Some(query) => {
                let lang = self.lang();
                self.complain(crate::i18n::fill(
                    crate::i18n::msg(lang, Msg::TuiNotFoundQuery),
                    &[&query],
                ))
            }
            None => Handled::Changed,
        }
    }

    /// A key while a message box is open: `Enter` goes to its place, any other closes it.
    fn message_input(&mut self, key: KeyEvent) -> Handled {
        let Some(Overlay::Message { place, .. }) = self.overlay.take() else {
            return Handled::Ignored;
        };
        if key.code == KeyCode::Enter
            && let Some((side, span)) = place
        {
            return self.go_to_place(side, span);
        }
        Handled::Changed
    }

    /// A key while deleting a note is asked: `y` or `Enter` deletes, any other keeps it.
    fn confirm_input(&mut self, key: KeyEvent) -> Handled {
        let Some(Overlay::ConfirmDelete(note)) = self.overlay.take() else {
            return Handled::Ignored;
        };
        let key_of = self.review.as_ref().map(|r| r.target_of(&note).key);
        if matches!(key.code, KeyCode::Char('y' | 'Y') | KeyCode::Enter)
            && let Some(key) = key_of
        {
            self.effects.send(Job::DeleteNote { key, id: note.id });
        }
        Handled::Changed
    }

    /// Changes the filter or search text and applies it at once: the list narrows, or
    /// the cursor moves to the nearest match (at or after it, else the first), opening
    /// the fold that hides it.
    fn edit_line(&mut self, typing: Typing, edit: impl FnOnce(&mut String)) {
        match typing {
            Typing::Filter => {
                edit(&mut self.list.filter);
                self.refilter();
            }
            Typing::Search => {
                let height = self.diff_height();
                let lang = self.lang();
                let Some(review) = self.review.as_mut() else {
                    return;
                };
                edit(&mut review.search.query);
                if let Some(data) = review.data.clone() {
                    review.search.refresh(&data, review.layout.as_ref(), lang);
                }
                let nearest = review
                    .search
                    .started_at
                    .or_else(|| review.cursor_place())
                    .and_then(|place| review.search.nearest_hit(place));
                if let Some(k) = nearest {
                    review.go_to_hit(k, height, lang);
                }
            }
        }
    }
}

/// The character a key types on a line: a plain character, no line break.
fn typed_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if is_plain(key) => Some(c),
        _ => None,
    }
}

/// Without Ctrl or Alt: a key that types.
fn is_plain(key: &KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// The text of keys that arrived together, when they read as pasted: more than one
/// key, all of them text or line breaks, and either `text_expected` (text is being
/// typed, or the first key is bound to nothing) or a line break among them.
fn burst_text(keys: &[KeyEvent], text_expected: bool) -> Option<String> {
    if keys.len() < 2 {
        return None;
    }
    let mut text = String::new();
    for key in keys {
        let plain = is_plain(key);
        match key.code {
            KeyCode::Char(c) if plain => text.push(c),
            KeyCode::Enter if plain => text.push('\n'),
            KeyCode::Tab if plain => text.push('\t'),
            _ => return None,
        }
    }
    (text_expected || text.contains('\n')).then_some(text)
}

/// `Ctrl-W`: deletes the word before the end, and the blanks after it.
fn delete_word(line: &mut String) {
    let trimmed = line.trim_end().len();
    line.truncate(trimmed);
    while line.chars().last().is_some_and(|c| !c.is_whitespace()) {
        line.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<KeyEvent> {
        text.chars()
            .map(|c| match c {
                '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            })
            .collect()
    }

    #[test]
    fn bursts_read_as_pastes_only_when_they_must_be() {
        assert_eq!(
            burst_text(&keys("ab\ncd"), false).as_deref(),
            Some("ab\ncd")
        );
        assert_eq!(burst_text(&keys("法治"), true).as_deref(), Some("法治"));
        assert_eq!(burst_text(&keys("jjj"), false), None);
        assert_eq!(burst_text(&keys("jjj"), true).as_deref(), Some("jjj"));
        assert_eq!(burst_text(&keys("j"), true), None);
        let mut with_ctrl = keys("ab");
        with_ctrl.push(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL));
        assert_eq!(burst_text(&with_ctrl, true), None);
    }
}
