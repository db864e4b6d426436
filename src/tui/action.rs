//! Every state change of the review interface is an [`Action`], handled in one place
//! ([`crate::tui::app::App::update`]), so that key sequences can be replayed in tests
//! without a terminal.

use crossterm::event::KeyEvent;

use super::jobs::Response;

/// A state change: a user intent (named in the keymap) or an event from outside.
#[derive(Debug)]
pub enum Action {
    Quit,
    Help,
    Suspend,
    Redraw,
    /// Reads the township list (and the open pair with its notes) again.
    Reload,
    Back,
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Enter,
    FocusNext,
    FocusPrevious,
    Search,
    SortNext,
    SortReverse,
    NextChange,
    PreviousChange,
    NextSection,
    PreviousSection,
    NewerPair,
    OlderPair,
    ToggleFold,
    ToggleFigures,
    ToggleLint,
    ToggleOutline,
    ToggleReuse,
    ToggleNotes,
    MarkReviewed,
    NextUnreviewed,
    Flag,
    AddNote,
    DeleteNote,
    Chart,
    /// Opens the search over every report of the store.
    CorpusSearch,
    /// Asks where to export the open pair, and exports it.
    Export,
    /// A key bound to nothing on purpose (`run = "noop"` in keys.toml).
    Noop,
    /// A key typed into the search line or the note editor.
    Input(KeyEvent),
    /// Text pasted from the terminal (bracketed paste).
    Paste(String),
    /// Keys that arrived together, in one read: typed fast, or pasted by a terminal
    /// without bracketed paste.
    Burst(Vec<KeyEvent>),
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Mouse wheel: lines to scroll, negative upwards.
    Scroll(i32),
    /// A mouse click at a cell.
    Click {
        column: u16,
        row: u16,
    },
    /// A result from the worker thread.
    Worker(Response),
}

/// Makes the action a keymap name stands for.
pub type MakeAction = fn() -> Action;

/// The names used in keymap files, each with the action it runs. The one table both the
/// keymap parser and the help screen read.
pub const NAMED_ACTIONS: &[(&str, MakeAction)] = &[
    ("quit", || Action::Quit),
    ("help", || Action::Help),
    ("suspend", || Action::Suspend),
    ("redraw", || Action::Redraw),
    ("reload", || Action::Reload),
    ("back", || Action::Back),
    ("down", || Action::Down),
    ("up", || Action::Up),
    ("half_page_down", || Action::HalfPageDown),
    ("half_page_up", || Action::HalfPageUp),
    ("page_down", || Action::PageDown),
    ("page_up", || Action::PageUp),
    ("top", || Action::Top),
    ("bottom", || Action::Bottom),
    ("enter", || Action::Enter),
    ("focus_next", || Action::FocusNext),
    ("focus_previous", || Action::FocusPrevious),
    ("search", || Action::Search),
    ("sort_next", || Action::SortNext),
    ("sort_reverse", || Action::SortReverse),
    ("next_change", || Action::NextChange),
    ("previous_change", || Action::PreviousChange),
    ("next_section", || Action::NextSection),
    ("previous_section", || Action::PreviousSection),
    ("newer_pair", || Action::NewerPair),
    ("older_pair", || Action::OlderPair),
    ("toggle_fold", || Action::ToggleFold),
    ("toggle_figures", || Action::ToggleFigures),
    ("toggle_lint", || Action::ToggleLint),
    ("toggle_outline", || Action::ToggleOutline),
    ("toggle_reuse", || Action::ToggleReuse),
    ("toggle_notes", || Action::ToggleNotes),
    ("mark_reviewed", || Action::MarkReviewed),
    ("next_unreviewed", || Action::NextUnreviewed),
    ("flag", || Action::Flag),
    ("add_note", || Action::AddNote),
    ("delete_note", || Action::DeleteNote),
    ("chart", || Action::Chart),
    ("corpus_search", || Action::CorpusSearch),
    ("export", || Action::Export),
    ("noop", || Action::Noop),
];

/// The action a keymap name stands for.
pub fn named(name: &str) -> Option<Action> {
    NAMED_ACTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, make)| make())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_resolve() {
        let mut names: Vec<&str> = NAMED_ACTIONS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMED_ACTIONS.len());
        assert!(matches!(named("next_change"), Some(Action::NextChange)));
        assert!(named("no_such_action").is_none());
    }
}
