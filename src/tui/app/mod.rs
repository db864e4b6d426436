//! The interface state and its one `update`: every key, mouse event, resize and worker
//! answer arrives as an [`Action`] and changes the state here, and nowhere else. Each
//! handler says whether it changed anything (`Handled`); `update` returns what the
//! runtime must do next ([`Effect`]).
//!
//! One file per screen or concern: `list` the township list, `review_screen` the keys
//! of the review screen, `review_state` its state, `panes` the side panes, `jump`
//! going to a place in the text, `reuse_pane` and `reuse_cache` the reuse pane, `notes`
//! review marks, flags and notes, `overlay` the boxes over the screen, `input` typed
//! text, `mouse` the mouse, `replies` the worker's answers, `effect` what an update
//! gives back.

mod corpus;
mod details;
mod effect;
mod export_prompt;
mod input;
mod jump;
mod list;
mod list_state;
mod mouse;
mod note_editor;
mod notes;
mod overlay;
mod panes;
mod records;
mod replies;
mod reuse_cache;
mod reuse_pane;
mod review_screen;
mod review_state;
mod search;

pub use corpus::{CorpusAreas, CorpusSearch, ResultLine, SEARCH_LIMIT, corpus_areas};
pub use effect::Effect;
pub use export_prompt::ExportPrompt;
pub use list_state::{ListState, SortKey, TownshipRow};
pub use note_editor::{NoteEditor, is_newline_key, pasted_lines};
pub use records::{Records, ReviewMark};
pub use reuse_cache::{ReuseAnswer, ReuseCache, ReuseSlot};
pub use reuse_pane::{ReuseEntry, ReusePane};
pub use review_state::{LintEntry, ReviewState};
pub use search::{Place, Search, find_matches};

use std::collections::HashSet;

use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::config::Config;
use super::diff_lines::{LayoutAsk, LayoutParams, Prelaid};
use super::jobs::Job;
use super::keymap::{Context, KeyChord, Keymap};
use super::pane::{Pane, SidePane};
use super::pane_areas::{ReviewAreas, list_areas, table_rows};
use super::theme::Theme;
use crate::i18n::{Lang, Msg, Noun, counted, msg};
use crate::report::Span;
use crate::review::Side;
use crate::review::author::Author;
use crate::store::Note;
use effect::{Effects, Handled};
use reuse_pane::ShownReuse;

/// Everything the interface is configured with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub config: Config,
    /// The name on the notes this reviewer writes.
    pub author: Author,
}

/// Which screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Waiting for the township list.
    Loading,
    /// The store is empty.
    Welcome,
    List,
    Review,
    /// Searching the text of every report in the store.
    Search,
}

/// A box drawn over the screen.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// The trend of a ledger row's figure.
    Chart {
        row: usize,
    },
    Note(NoteEditor),
    /// Text too long for its place, in full: a finding, a figure, settings problems.
    /// `Enter` goes to `place` when there is one.
    Message {
        title: String,
        lines: Vec<String>,
        place: Option<(Side, Span)>,
    },
    /// Asks before deleting a note.
    ConfirmDelete(Note),
    /// Asks the format and file of an export of the open pair.
    Export(ExportPrompt),
}

impl Overlay {
    /// True for boxes that read keys themselves rather than through the keymap.
    pub fn takes_keys(&self) -> bool {
        matches!(
            self,
            Overlay::Note(_)
                | Overlay::Message { .. }
                | Overlay::ConfirmDelete(_)
                | Overlay::Export(_)
        )
    }
}

/// A one-line text entry in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// Filtering the township list.
    Filter,
    /// Searching the text of the open pair.
    Search,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The whole interface state.
#[derive(Debug)]
pub struct App {
    pub settings: Settings,
    /// Terminal size in cells.
    pub size: (u16, u16),
    pub screen: Screen,
    pub list: ListState,
    pub review: Option<ReviewState>,
    /// Reports left by opening a reuse entry, the last one on top; `Esc` returns.
    pub trail: Vec<ReviewState>,
    /// What each report read as this year's shares with the rest of the store.
    pub reuse: ReuseCache,
    /// The search over the whole store, while its screen (or a report opened from it)
    /// is up.
    pub corpus: Option<CorpusSearch>,
    pub overlay: Option<Overlay>,
    pub typing: Option<Typing>,
    pub status: Option<Status>,
    /// The reuse pane's entries for the place under the cursor, derived once per place
    /// and answer so that frames only read them.
    shown_reuse: ShownReuse,
    effects: Effects,
}

impl App {
    /// A fresh interface of `size` on the loading screen. The runtime's first action is
    /// [`Action::Reload`], which asks the worker for the township list.
    pub fn new(settings: Settings, size: (u16, u16)) -> App {
        App {
            settings,
            size,
            screen: Screen::Loading,
            list: ListState::default(),
            review: None,
            trail: Vec::new(),
            reuse: ReuseCache::default(),
            corpus: None,
            overlay: None,
            typing: None,
            status: None,
            shown_reuse: ShownReuse::default(),
            effects: Effects::default(),
        }
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Shows settings problems in full in a box over the screen (the status line says
    /// how many), every one also in the log.
    pub fn report_problems(&mut self, problems: Vec<String>) {
        if problems.is_empty() {
            return;
        }
        let lang = self.lang();
        self.status = Some(Status {
            text: crate::i18n::fill(
                msg(lang, Msg::TuiProblems),
                &[&counted(lang, problems.len(), Noun::SettingsProblem)],
            ),
            error: true,
        });
        self.overlay = Some(Overlay::Message {
            title: msg(lang, Msg::TuiProblemsTitle).to_string(),
            lines: problems,
            place: None,
        });
    }

    /// The contexts in effect for key lookup, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return vec![Context::Help, Context::Global],
            Some(Overlay::Chart { .. }) => return vec![Context::Chart, Context::Global],
            Some(
                Overlay::Note(_)
                | Overlay::Message { .. }
                | Overlay::ConfirmDelete(_)
                | Overlay::Export(_),
            ) => {
                return Vec::new();
            }
            None => {}
        }
        match self.screen {
            Screen::List => vec![Context::List, Context::Global],
            Screen::Review => {
                let pane = match self.review.as_ref().map(|r| r.focus) {
                    Some(Pane::Figures) => Some(Context::Figures),
                    Some(Pane::Lint) => Some(Context::Lint),
                    Some(Pane::Outline) => Some(Context::Outline),
                    Some(Pane::Notes) => Some(Context::Notes),
                    _ => None,
                };
                pane.into_iter()
                    .chain([Context::Review, Context::Global])
                    .collect()
            }
            Screen::Search | Screen::Loading | Screen::Welcome => vec![Context::Global],
        }
    }

    /// The action a key press stands for: text for an entry in progress, else the keymap.
    pub fn action_for_key(&self, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if self.takes_text() {
            return Some(Action::Input(key));
        }
        self.settings
            .keymap
            .lookup(&self.contexts(), KeyChord::from_event(&key))
    }

    /// True while typed keys are text: a line being typed, the search screen, or a box
    /// that reads keys itself.
    pub fn takes_text(&self) -> bool {
        match &self.overlay {
            Some(overlay) => overlay.takes_keys(),
            None => self.typing.is_some() || self.screen == Screen::Search,
        }
    }

    /// Applies one action: the one place the state changes. Returns what the runtime
    /// must do next, a frame included when anything changed.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let handled = self.apply(action);
        self.follow_reuse_place();
        self.effects.take(handled)
    }

    fn apply(&mut self, action: Action) -> Handled {
        match action {
            Action::Worker(response) => self.on_response(response),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Input(key) => self.on_input(key),
            Action::Paste(text) => self.on_paste(&text),
            Action::Burst(keys) => self.on_burst(keys),
            Action::Quit => self.ask_runtime(Effect::Quit),
            Action::Suspend => self.ask_runtime(Effect::Suspend),
            Action::Redraw => self.ask_runtime(Effect::Repaint),
            Action::Reload => self.reload(),
            Action::Noop => Handled::Ignored,
            Action::Scroll(lines) => self.on_scroll(lines),
            Action::Click { column, row } => self.on_click(column, row),
            command => {
                let cleared = Handled::when(self.status.take().is_some());
                let handled = if self.overlay.is_some() {
                    self.overlay_command(command)
                } else if self.screen == Screen::Review {
                    self.review_command(command)
                } else {
                    self.list_command(command)
                };
                handled.or(cleared)
            }
        }
    }

    /// Leaves an effect to the runtime; the state itself does not change.
    fn ask_runtime(&mut self, effect: Effect) -> Handled {
        self.effects.push(effect);
        Handled::Ignored
    }

    fn say(&mut self, m: Msg) -> Handled {
        self.status = Some(Status {
            text: msg(self.lang(), m).to_string(),
            error: false,
        });
        Handled::Changed
    }

    fn say_text(&mut self, text: String) -> Handled {
        self.status = Some(Status { text, error: false });
        Handled::Changed
    }

    fn complain(&mut self, text: String) -> Handled {
        self.status = Some(Status { text, error: true });
        Handled::Changed
    }

    /// Reads the township list again, and the open pair with everyone's notes.
    fn reload(&mut self) -> Handled {
        self.reuse.clear();
        self.effects.send(Job::LoadTownships);
        if let Some(review) = self.review.as_ref() {
            let job = self.open_job(review);
            let request = self.effects.send(job);
            if let Some(review) = self.review.as_mut() {
                review.request = request;
                review.error = None;
            }
        }
        Handled::Changed
    }

    fn resize(&mut self, width: u16, height: u16) -> Handled {
        self.size = (width, height);
        self.relayout(false);
        let rows = self.list_rows();
        self.list.cursor.reveal(rows);
        let pane_rows = self.pane_rows();
        if let Some(review) = self.review.as_mut() {
            for side in SidePane::ALL {
                review.panes[side].cursor.reveal(pane_rows);
            }
        }
        Handled::Changed
    }

    fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// Rows of townships the list shows at once.
    fn list_rows(&self) -> usize {
        table_rows(list_areas(self.area()).table).max(1)
    }

    /// Display lines of the diff pane.
    pub fn diff_height(&self) -> usize {
        self.review_areas()
            .map_or(1, |areas| usize::from(areas.diff.height).max(1))
    }

    /// Where the open review's panes are on the current screen.
    fn review_areas(&self) -> Option<ReviewAreas> {
        Some(self.review.as_ref()?.areas(self.area()))
    }

    /// Rows of data in the focused side pane.
    fn pane_rows(&self) -> usize {
        let (Some(review), Some(areas)) = (&self.review, self.review_areas()) else {
            return 1;
        };
        let pane = review.focus.side().and_then(|side| areas.panes[side]);
        pane.map_or(1, table_rows).max(1)
    }

    /// Re-lays the open pair out when the width or folding changed (or `force`), and
    /// keeps the cursor in view.
    fn relayout(&mut self, force: bool) {
        self.relayout_from(force, None);
    }

    /// [`App::relayout`], taking the layout the worker made when it fits.
    fn relayout_from(&mut self, force: bool, prelaid: Option<Box<Prelaid>>) {
        let lang = self.lang();
        let height = self.diff_height();
        let Some(params) = self.review.as_ref().map(|r| self.layout_params(r)) else {
            return;
        };
        if let Some(review) = self.review.as_mut() {
            review.relayout_from(params, lang, force, prelaid);
            review.reveal_cursor(height);
        }
    }

    /// What `review`'s pair is laid out for on the current screen.
    fn layout_params(&self, review: &ReviewState) -> LayoutParams {
        let config = &self.settings.config;
        LayoutParams {
            width: review.areas(self.area()).diff.width,
            ambiguous_wide: config.ambiguous_wide,
            fold: review.fold,
            context: config.context,
            brackets: !self.settings.theme.colours_changes(),
        }
    }

    /// The job that opens the pair `review` is set to, with what its layout depends
    /// on, so that the worker lays it out rather than the interface thread.
    fn open_job(&self, review: &ReviewState) -> Job {
        let opened = if review.shows_asked_years() {
            review.opened.clone()
        } else {
            HashSet::new()
        };
        review.open_job(Some(LayoutAsk {
            params: self.layout_params(review),
            lang: self.lang(),
            opened,
        }))
    }
}

/// How many rows a movement action moves in a list whose page is `page` rows; `None`
/// for other actions.
fn movement(action: &Action, page: usize) -> Option<isize> {
    let page = isize::try_from(page.max(1)).unwrap_or(isize::MAX / 4);
    let half = (page / 2).max(1);
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::HalfPageDown => half,
        Action::HalfPageUp => -half,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}
