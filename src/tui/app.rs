//! The interface state and its one `update`: every key, mouse event, resize and worker
//! answer arrives as an [`Action`] and changes the state here, and nowhere else. Work
//! for the worker thread is queued in [`App::outbox`]; the runtime sends it on.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::config::Config;
use super::filter::SearchKey;
use super::geometry::{ReviewAreas, list_areas, review_areas, table_rows};
use super::jobs::{Job, NoteChange, NoteTarget, OpenRequest, Reply, Request, RequestId, Response};
use super::keymap::{Context, KeyChord, Keymap};
use super::layout::{ItemKind, LayoutParams};
use super::reuse::{ReuseCache, ReuseEntry, ReuseSlot, entries};
use super::review::{ListCursor, Pane, ReviewState};
use super::theme::Theme;
use crate::i18n::{Lang, Msg, msg};
use crate::report::Span;
use crate::review::{Side, Summary};
use crate::store::{NoteKind, ReportKey, TownshipSummary};

/// Everything the interface is configured with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub config: Config,
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
    Note {
        editor: Box<TextArea<'static>>,
        target: NoteTarget,
    },
}

/// A one-line text entry in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// Filtering the township list.
    Filter,
    /// Searching the text of the open pair.
    Search,
}

/// How the township list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// By pinyin of the township name.
    Name,
    /// By pinyin of the county, then the township.
    County,
    /// Most copied first.
    CopyRatio,
}

/// One township in the list.
#[derive(Debug, Clone)]
pub struct TownshipRow {
    pub info: TownshipSummary,
    name_key: SearchKey,
    county_key: SearchKey,
    /// Copy ratio, findings and reviewed progress, once the worker has them.
    pub stats: Option<Summary>,
    /// Notes and flags written on it.
    pub notes: usize,
}

impl TownshipRow {
    /// The county, or the empty string when unknown.
    pub fn county(&self) -> &str {
        self.info.county.as_deref().unwrap_or("")
    }
}

/// The township list: every township, and which of them the filter shows, in order.
#[derive(Debug, Clone)]
pub struct ListState {
    pub rows: Vec<TownshipRow>,
    /// Indices into `rows` of the townships shown, in display order.
    pub visible: Vec<usize>,
    pub cursor: ListCursor,
    pub filter: String,
    pub sort: SortKey,
    pub reverse: bool,
    /// The list load whose summaries are wanted.
    pub generation: RequestId,
}

impl ListState {
    fn new() -> ListState {
        ListState {
            rows: Vec::new(),
            visible: Vec::new(),
            cursor: ListCursor::default(),
            filter: String::new(),
            sort: SortKey::Name,
            reverse: false,
            generation: 0,
        }
    }

    /// The township under the cursor.
    pub fn selected(&self) -> Option<&TownshipRow> {
        self.visible
            .get(self.cursor.selected)
            .and_then(|&i| self.rows.get(i))
    }

    /// Recomputes the shown townships after the rows, filter or order changed, keeping
    /// the selected township selected when it is still shown.
    fn refresh(&mut self, keep_selection: bool) {
        let selected = self.visible.get(self.cursor.selected).copied();
        let rank: Vec<Option<u8>> = self
            .rows
            .iter()
            .map(|row| filter_rank(row, &self.filter))
            .collect();
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| rank[i].is_some())
            .collect();
        let rows = &self.rows;
        visible.sort_by(|&a, &b| {
            let better_match = rank[a].cmp(&rank[b]);
            if better_match.is_ne() {
                return better_match;
            }
            let (a, b) = (&rows[a], &rows[b]);
            let by_name = a.name_key.sort_key.cmp(&b.name_key.sort_key);
            let order = match self.sort {
                SortKey::Name => by_name,
                SortKey::County => a
                    .county_key
                    .sort_key
                    .cmp(&b.county_key.sort_key)
                    .then(by_name),
                SortKey::CopyRatio => {
                    let ratio = |r: &TownshipRow| r.stats.and_then(|s| s.copy_ratio);
                    match (ratio(a), ratio(b)) {
                        (Some(x), Some(y)) => y.total_cmp(&x).then(by_name),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => by_name,
                    }
                }
            };
            if self.reverse { order.reverse() } else { order }
        });
        self.visible = visible;
        self.cursor.selected = match selected {
            Some(s) if keep_selection => self.visible.iter().position(|&i| i == s).unwrap_or(0),
            _ => 0,
        };
    }
}

/// How well a township matches the filter, best first: its name contains the text, its
/// name's pinyin spells it, its county matches; `None` when nothing matches.
fn filter_rank(row: &TownshipRow, filter: &str) -> Option<u8> {
    let text = filter.trim();
    if text.is_empty() || row.info.township.contains(text) {
        Some(0)
    } else if row.name_key.matches(text) {
        Some(1)
    } else if row.county_key.matches(text) {
        Some(2)
    } else {
        None
    }
}

/// What the reuse pane shows for the sentence under the cursor.
#[derive(Debug, Clone)]
pub enum ReusePane {
    /// The cursor is on a heading, a fold or last year's side alone.
    NoSentence,
    /// The answer for this report has not come yet.
    Pending,
    Missing,
    Failed(String),
    /// The other reports holding the sentence (none when it is the report's own).
    Entries(Vec<ReuseEntry>),
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
    pub overlay: Option<Overlay>,
    pub typing: Option<Typing>,
    pub status: Option<Status>,
    /// Jobs for the worker, sent by the runtime after each update.
    pub outbox: Vec<Request>,
    next_id: RequestId,
    pub quit: bool,
    /// Set by `Ctrl-Z`; the runtime suspends and clears it.
    pub suspend: bool,
    /// Set by `Ctrl-L`; the runtime clears the terminal and clears it.
    pub redraw: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
}

impl App {
    /// A fresh interface of `size` that asks the worker for the township list.
    pub fn new(settings: Settings, size: (u16, u16)) -> App {
        let mut app = App {
            settings,
            size,
            screen: Screen::Loading,
            list: ListState::new(),
            review: None,
            trail: Vec::new(),
            reuse: ReuseCache::default(),
            overlay: None,
            typing: None,
            status: None,
            outbox: Vec::new(),
            next_id: 0,
            quit: false,
            suspend: false,
            redraw: false,
            dirty: true,
        };
        app.send(Job::LoadTownships);
        app
    }

    /// The interface language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Shows settings problems in the status line: the first, numbered when there are
    /// more (all of them are in the log).
    pub fn report_problems(&mut self, problems: Vec<String>) {
        if let Some(first) = problems.first() {
            let text = if problems.len() > 1 {
                format!("[1/{}] {first}", problems.len())
            } else {
                first.clone()
            };
            self.status = Some(Status { text, error: true });
        }
    }

    fn send(&mut self, job: Job) -> RequestId {
        self.next_id += 1;
        self.outbox.push(Request {
            id: self.next_id,
            job,
        });
        self.next_id
    }

    fn say(&mut self, m: Msg) {
        self.status = Some(Status {
            text: msg(self.lang(), m).to_string(),
            error: false,
        });
    }

    fn complain(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }

    /// The contexts in effect for key lookup, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return vec![Context::Help, Context::Global],
            Some(Overlay::Chart { .. }) => return vec![Context::Chart, Context::Global],
            Some(Overlay::Note { .. }) => return Vec::new(),
            None => {}
        }
        match self.screen {
            Screen::List => vec![Context::List, Context::Global],
            Screen::Review => {
                let pane = match self.review.as_ref().map(|r| r.focus) {
                    Some(Pane::Figures) => Some(Context::Figures),
                    Some(Pane::Lint) => Some(Context::Lint),
                    Some(Pane::Outline) => Some(Context::Outline),
                    _ => None,
                };
                pane.into_iter()
                    .chain([Context::Review, Context::Global])
                    .collect()
            }
            Screen::Loading | Screen::Welcome => vec![Context::Global],
        }
    }

    /// The action a key press stands for: text for an entry in progress, else the keymap.
    pub fn action_for_key(&self, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if self.typing.is_some() || matches!(self.overlay, Some(Overlay::Note { .. })) {
            return Some(Action::Input(key));
        }
        self.settings
            .keymap
            .lookup(&self.contexts(), KeyChord::from_event(&key))
    }

    /// Applies one action. The one place the state changes.
    pub fn update(&mut self, action: Action) {
        self.dirty = true;
        let place = self.review_place();
        self.apply(action);
        if self.review_place() != place
            && let Some(review) = self.review.as_mut()
        {
            review.reuse = ListCursor::default();
        }
    }

    /// The report and sentence under the cursor, whose reuse entries the pane lists.
    fn review_place(&self) -> Option<(i32, usize)> {
        let review = self.review.as_ref()?;
        Some((review.data.as_ref()?.new_year, review.cursor))
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Worker(response) => self.on_response(response),
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.relayout(false);
                self.reveal_all();
            }
            Action::Input(key) => self.on_input(key),
            Action::Paste(text) => self.on_paste(&text),
            Action::Quit => self.quit = true,
            Action::Suspend => self.suspend = true,
            Action::Redraw => self.redraw = true,
            Action::Reload => self.reload(),
            Action::Noop => self.dirty = false,
            Action::Scroll(lines) => self.on_scroll(lines),
            Action::Click { column, row } => self.on_click(column, row),
            command => {
                self.status = None;
                if self.overlay.is_some() {
                    self.on_overlay_command(command);
                } else if self.screen == Screen::Review {
                    self.on_review_command(command);
                } else {
                    self.on_list_command(command);
                }
            }
        }
    }

    fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    fn list_rows(&self) -> usize {
        table_rows(list_areas(self.area()).table).max(1)
    }

    /// Display lines of the diff pane.
    pub fn diff_height(&self) -> usize {
        self.review_layout()
            .map_or(1, |areas| usize::from(areas.diff.height).max(1))
    }

    /// Where the open review's panes are on the current screen.
    fn review_layout(&self) -> Option<ReviewAreas> {
        let review = self.review.as_ref()?;
        Some(review_areas(
            self.area(),
            review.show_outline,
            review.show_figures,
            review.show_lint,
            review.show_reuse,
        ))
    }

    fn layout_params(&self) -> Option<LayoutParams> {
        let review = self.review.as_ref()?;
        let areas = self.review_layout()?;
        Some(LayoutParams {
            width: areas.diff.width,
            ambiguous_wide: self.settings.config.ambiguous_wide,
            fold: review.fold,
            context: self.settings.config.context,
        })
    }

    /// Re-lays the open pair out when the width or folding changed (or `force`).
    fn relayout(&mut self, force: bool) {
        let lang = self.lang();
        let height = self.diff_height();
        if let Some(params) = self.layout_params()
            && let Some(review) = self.review.as_mut()
        {
            review.relayout(params, lang, force);
            review.reveal_cursor(height);
        }
    }

    fn reveal_all(&mut self) {
        let rows = self.list_rows();
        self.list.cursor.reveal(rows);
        let pane_rows = self.pane_rows();
        if let Some(review) = self.review.as_mut() {
            review.figures.reveal(pane_rows);
            review.lint.reveal(pane_rows);
            review.outline.reveal(pane_rows);
        }
    }

    /// Rows of data in the focused side pane.
    fn pane_rows(&self) -> usize {
        let (Some(review), Some(areas)) = (&self.review, self.review_layout()) else {
            return 1;
        };
        let pane = match review.focus {
            Pane::Figures => areas.figures,
            Pane::Lint => areas.lint,
            Pane::Outline => areas.outline,
            Pane::Reuse => areas.reuse,
            Pane::Diff => None,
        };
        pane.map_or(1, table_rows).max(1)
    }

    fn on_response(&mut self, response: Response) {
        let Response { id, reply } = response;
        match reply {
            Reply::Townships {
                townships,
                note_counts,
            } => self.on_townships(townships, &note_counts),
            Reply::Summary {
                township,
                county,
                summary,
            } => {
                if id != self.list.generation {
                    self.dirty = false;
                    return;
                }
                if let Some(row) = self
                    .list
                    .rows
                    .iter_mut()
                    .find(|r| r.info.township == township && r.county() == county)
                {
                    row.stats = Some(summary);
                }
                if self.list.sort == SortKey::CopyRatio {
                    self.list.refresh(true);
                }
            }
            Reply::Opened { data, notes } => {
                let height = self.diff_height();
                let Some(review) = self.review.as_mut().filter(|r| r.request == id) else {
                    tracing::debug!(id, "stale pair dropped");
                    self.dirty = false;
                    return;
                };
                review.install(data, notes);
                self.relayout(true);
                let lang = self.lang();
                if let Some(review) = self.review.as_mut() {
                    review.reveal_cursor(height);
                    if let Some(span) = review.pending_jump.take() {
                        review.jump_to(Side::New, span, height, lang);
                    }
                }
                self.ask_reuse();
            }
            Reply::Reuse { key, report } => {
                if !self.reuse.answer(id, &key, report) {
                    tracing::debug!(id, "stale reuse answer dropped");
                    self.dirty = false;
                }
            }
            Reply::Notes {
                township,
                county,
                notes,
                done,
            } => self.on_notes(&township, &county, notes, done),
            Reply::Failed { error, .. } if self.reuse.fail(id, &error.to_string()) => {
                tracing::warn!(id, "reuse look-up failed: {error}");
            }
            Reply::Failed { error, .. } => {
                let reason = error.to_string();
                if let Some(review) = self.review.as_mut().filter(|r| r.request == id) {
                    review.error = Some(reason.clone());
                }
                self.complain(super::config::fill(
                    msg(self.lang(), Msg::TuiFailed),
                    &[&reason],
                ));
            }
        }
    }

    fn on_townships(
        &mut self,
        townships: Vec<TownshipSummary>,
        note_counts: &HashMap<(String, String), usize>,
    ) {
        let known: HashMap<(String, String), Summary> = self
            .list
            .rows
            .iter()
            .filter_map(|r| Some(((r.info.township.clone(), r.county().to_string()), r.stats?)))
            .collect();
        self.list.rows = townships
            .into_iter()
            .map(|info| {
                let key = (
                    info.township.clone(),
                    info.county.clone().unwrap_or_default(),
                );
                TownshipRow {
                    name_key: SearchKey::new(&info.township),
                    county_key: SearchKey::new(info.county.as_deref().unwrap_or("")),
                    stats: known.get(&key).copied(),
                    notes: note_counts.get(&key).copied().unwrap_or(0),
                    info,
                }
            })
            .collect();
        self.list.refresh(true);
        if self.screen == Screen::Loading {
            self.screen = if self.list.rows.is_empty() {
                Screen::Welcome
            } else {
                Screen::List
            };
        }
        let wanted: Vec<TownshipSummary> = self.list.rows.iter().map(|r| r.info.clone()).collect();
        if !wanted.is_empty() {
            self.list.generation = self.send(Job::Summaries(wanted));
        }
    }

    fn on_notes(
        &mut self,
        township: &str,
        county: &str,
        notes: Vec<crate::store::Note>,
        done: NoteChange,
    ) {
        let count = notes
            .iter()
            .filter(|n| matches!(n.kind, NoteKind::Note | NoteKind::Flag))
            .count();
        if let Some(row) = self
            .list
            .rows
            .iter_mut()
            .find(|r| r.info.township == township && r.county() == county)
        {
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
        });
    }

    fn on_overlay_command(&mut self, command: Action) {
        let Some(overlay) = self.overlay.as_mut() else {
            return;
        };
        match (overlay, command) {
            (_, Action::Back) => self.overlay = None,
            (Overlay::Help { .. }, Action::Help) => self.overlay = None,
            (Overlay::Help { scroll }, command) => {
                let page = usize::from(self.size.1.saturating_sub(4)).max(1);
                let Some(delta) = movement(&command, page) else {
                    self.dirty = false;
                    return;
                };
                let max = super::view::help::line_count(&self.settings.keymap).saturating_sub(page);
                *scroll = scroll.saturating_add_signed(delta).min(max);
            }
            _ => self.dirty = false,
        }
    }

    fn on_list_command(&mut self, command: Action) {
        if self.screen != Screen::List {
            if matches!(command, Action::Help) {
                self.overlay = Some(Overlay::Help { scroll: 0 });
            } else {
                self.dirty = false;
            }
            return;
        }
        let rows = self.list_rows();
        if let Some(delta) = movement(&command, rows) {
            let len = self.list.visible.len();
            self.list.cursor.step(delta, len, rows);
            return;
        }
        match command {
            Action::Enter => self.open_selected(),
            Action::Search => {
                self.list.filter.clear();
                self.list.refresh(true);
                self.typing = Some(Typing::Filter);
            }
            Action::Back => {
                if self.list.filter.is_empty() {
                    self.dirty = false;
                } else {
                    self.list.filter.clear();
                    self.list.refresh(true);
                    self.list.cursor.reveal(rows);
                }
            }
            Action::SortNext => {
                self.list.sort = match self.list.sort {
                    SortKey::Name => SortKey::County,
                    SortKey::County => SortKey::CopyRatio,
                    SortKey::CopyRatio => SortKey::Name,
                };
                self.list.refresh(true);
                self.list.cursor.reveal(rows);
            }
            Action::SortReverse => {
                self.list.reverse = !self.list.reverse;
                self.list.refresh(true);
                self.list.cursor.reveal(rows);
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            _ => self.dirty = false,
        }
    }

    /// Reads the township list again, and the open pair with everyone's notes.
    fn reload(&mut self) {
        self.reuse.clear();
        self.send(Job::LoadTownships);
        if let Some(review) = &self.review {
            let (old, new) = (review.old_year, review.new_year);
            self.request_pair(old, new);
        }
    }

    fn open_selected(&mut self) {
        let Some(row) = self.list.selected() else {
            self.dirty = false;
            return;
        };
        let mut review = ReviewState::new(
            &row.info.township,
            row.county(),
            row.info.years.clone(),
            self.settings.config.fold,
        );
        review.request = self.send(Job::Open(OpenRequest {
            township: review.township.clone(),
            county: review.county.clone(),
            years: review.years.clone(),
            old: review.old_year,
            new: review.new_year,
        }));
        self.review = Some(review);
        self.trail.clear();
        self.screen = Screen::Review;
    }

    fn request_pair(&mut self, old: Option<i32>, new: i32) {
        let Some(review) = self.review.as_ref() else {
            return;
        };
        let job = Job::Open(OpenRequest {
            township: review.township.clone(),
            county: review.county.clone(),
            years: review.years.clone(),
            old,
            new,
        });
        let id = self.send(job);
        if let Some(review) = self.review.as_mut() {
            review.request = id;
            review.old_year = old;
            review.new_year = new;
            review.error = None;
        }
    }

    fn step_pair(&mut self, newer: bool) {
        let Some(review) = self.review.as_ref() else {
            return;
        };
        let years = &review.years;
        let Some(at) = years.iter().position(|&y| y == review.new_year) else {
            return;
        };
        let target = if newer {
            at.checked_add(1).filter(|&i| i < years.len())
        } else {
            at.checked_sub(1)
                .filter(|&i| i >= 1 || review.old_year.is_none())
        };
        let Some(new_at) = target.filter(|&i| i != at) else {
            self.say(if newer {
                Msg::TuiNoNewer
            } else {
                Msg::TuiNoOlder
            });
            return;
        };
        let new = years[new_at];
        let old = new_at.checked_sub(1).map(|i| years[i]);
        self.request_pair(old, new);
    }

    fn on_review_command(&mut self, command: Action) {
        let focus = self.review.as_ref().map_or(Pane::Diff, |r| r.focus);
        match command {
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Back => self.review_back(),
            Action::FocusNext | Action::FocusPrevious => {
                self.cycle_focus(matches!(command, Action::FocusNext))
            }
            Action::ToggleFigures => self.toggle_pane(Pane::Figures),
            Action::ToggleLint => self.toggle_pane(Pane::Lint),
            Action::ToggleOutline => self.toggle_pane(Pane::Outline),
            Action::ToggleReuse => {
                self.toggle_pane(Pane::Reuse);
                self.ask_reuse();
            }
            Action::ToggleFold => {
                if let Some(review) = self.review.as_mut() {
                    review.fold = !review.fold;
                    review.opened.clear();
                }
                self.relayout(true);
            }
            Action::NewerPair => self.step_pair(true),
            Action::OlderPair => self.step_pair(false),
            Action::Search => {
                if let Some(review) = self.review.as_mut() {
                    review.search.clear();
                }
                self.typing = Some(Typing::Search);
            }
            Action::MarkReviewed => self.mark_reviewed(),
            Action::Flag => self.flag(),
            Action::AddNote => self.open_note_editor(),
            Action::Chart => self.open_chart(),
            command => match focus {
                Pane::Diff => self.diff_command(command),
                pane => self.pane_command(pane, command),
            },
        }
    }

    fn review_back(&mut self) {
        let Some(review) = self.review.as_mut() else {
            return;
        };
        if !review.search.is_empty() {
            review.search.clear();
        } else if review.focus != Pane::Diff {
            review.focus = Pane::Diff;
        } else if let Some(previous) = self.trail.pop() {
            self.review = Some(previous);
            self.relayout(false);
            self.ask_reuse();
        } else {
            self.screen = Screen::List;
            self.review = None;
        }
    }

    fn panes(&self) -> Vec<Pane> {
        let Some(areas) = self.review_layout() else {
            return vec![Pane::Diff];
        };
        let mut panes = vec![Pane::Diff];
        if areas.figures.is_some() {
            panes.push(Pane::Figures);
        }
        if areas.lint.is_some() {
            panes.push(Pane::Lint);
        }
        if areas.reuse.is_some() {
            panes.push(Pane::Reuse);
        }
        if areas.outline.is_some() {
            panes.push(Pane::Outline);
        }
        panes
    }

    fn cycle_focus(&mut self, forward: bool) {
        let panes = self.panes();
        let Some(review) = self.review.as_mut() else {
            return;
        };
        let at = panes.iter().position(|p| *p == review.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % panes.len()
        } else {
            (at + panes.len() - 1) % panes.len()
        };
        review.focus = panes[next];
    }

    fn toggle_pane(&mut self, pane: Pane) {
        let Some(review) = self.review.as_mut() else {
            return;
        };
        let shown = match pane {
            Pane::Figures => &mut review.show_figures,
            Pane::Lint => &mut review.show_lint,
            Pane::Outline => &mut review.show_outline,
            Pane::Reuse => &mut review.show_reuse,
            Pane::Diff => return,
        };
        *shown = !*shown;
        review.focus = if *shown { pane } else { Pane::Diff };
        self.relayout(false);
        let height = self.diff_height();
        if let Some(review) = self.review.as_mut() {
            review.reveal_cursor(height);
        }
        let hidden = !self.panes().contains(&pane);
        if let Some(review) = self.review.as_mut().filter(|r| hidden && r.focus == pane) {
            review.focus = Pane::Diff;
        }
    }

    fn diff_command(&mut self, command: Action) {
        let height = self.diff_height();
        let lang = self.lang();
        let Some(review) = self.review.as_mut() else {
            return;
        };
        let half = (height / 2).max(1) as isize;
        match command {
            Action::Down => review.step(1, height),
            Action::Up => review.step(-1, height),
            Action::HalfPageDown => review.scroll_lines(half, height),
            Action::HalfPageUp => review.scroll_lines(-half, height),
            Action::PageDown => review.scroll_lines(height as isize, height),
            Action::PageUp => review.scroll_lines(-(height as isize), height),
            Action::Top => review.go_to(0, height),
            Action::Bottom => review.go_to(usize::MAX, height),
            Action::NextChange | Action::PreviousChange => {
                let forward = matches!(command, Action::NextChange);
                let searching = !review.search.is_empty();
                let found = if searching {
                    review.find_item(forward, |i| review.matches_search(i))
                } else {
                    review.find_item(forward, |i| review.is_change(i))
                };
                match found {
                    Some(i) => review.go_to(i, height),
                    None if searching => self.say(Msg::TuiNoMoreMatches),
                    None => self.say(Msg::TuiNoMoreChanges),
                }
            }
            Action::NextSection | Action::PreviousSection => {
                let forward = matches!(command, Action::NextSection);
                match review.find_item(forward, |i| review.is_header(i)) {
                    Some(i) => review.go_to(i, height),
                    None => review.go_to(if forward { usize::MAX } else { 0 }, height),
                }
            }
            Action::Enter => {
                let fold = review
                    .layout
                    .as_ref()
                    .and_then(|l| l.items.get(review.cursor))
                    .and_then(|i| match i.kind {
                        ItemKind::Fold { pair, start, .. } => Some((pair, start)),
                        _ => None,
                    });
                match fold {
                    Some(fold) => {
                        review.opened.insert(fold);
                        if let Some(params) = review.layout.as_ref().map(|l| l.params) {
                            review.relayout(params, lang, true);
                        }
                        review.reveal_cursor(height);
                    }
                    None => self.dirty = false,
                }
            }
            _ => self.dirty = false,
        }
    }

    fn pane_command(&mut self, pane: Pane, command: Action) {
        if pane == Pane::Reuse {
            self.reuse_command(command);
            return;
        }
        let rows = self.pane_rows();
        let height = self.diff_height();
        let lang = self.lang();
        let Some(review) = self.review.as_mut() else {
            return;
        };
        let len = match pane {
            Pane::Figures => review.data.as_ref().map_or(0, |d| d.ledger.len()),
            Pane::Lint => review.lint_entries().len(),
            Pane::Outline => review.outline_sections().map_or(0, |r| r.sections.len()),
            Pane::Diff | Pane::Reuse => 0,
        };
        let delta = movement(&command, rows);
        let cursor = match pane {
            Pane::Figures => &mut review.figures,
            Pane::Lint => &mut review.lint,
            Pane::Outline => &mut review.outline,
            Pane::Diff | Pane::Reuse => return,
        };
        if let Some(delta) = delta {
            cursor.step(delta, len, rows);
            if pane != Pane::Lint {
                jump_to_selection(review, pane, height, lang);
            }
            return;
        }
        if matches!(command, Action::Enter) {
            if jump_to_selection(review, pane, height, lang) {
                review.focus = Pane::Diff;
            } else {
                self.say(Msg::TuiNotShown);
            }
            return;
        }
        if matches!(
            command,
            Action::NextChange
                | Action::PreviousChange
                | Action::NextSection
                | Action::PreviousSection
        ) {
            review.focus = Pane::Diff;
            self.diff_command(command);
            return;
        }
        self.dirty = false;
    }

    /// Moves in the reuse entries, opens one with `Enter`; change and section keys go
    /// back to the text.
    fn reuse_command(&mut self, command: Action) {
        let rows = self.pane_rows();
        let len = match self.reuse_pane() {
            ReusePane::Entries(list) => list.len(),
            _ => 0,
        };
        if let Some(delta) = movement(&command, rows) {
            if let Some(review) = self.review.as_mut() {
                review.reuse.step(delta, len, rows);
            }
            return;
        }
        match command {
            Action::Enter => self.open_reuse_entry(),
            Action::NextChange
            | Action::PreviousChange
            | Action::NextSection
            | Action::PreviousSection => {
                if let Some(review) = self.review.as_mut() {
                    review.focus = Pane::Diff;
                }
                self.diff_command(command);
            }
            _ => self.dirty = false,
        }
    }

    /// The report read as this year's, as the reuse index knows it.
    fn reuse_key(&self) -> Option<ReportKey> {
        let review = self.review.as_ref()?;
        Some(ReportKey {
            township: review.township.clone(),
            county: review.county.clone(),
            year: review.data.as_ref()?.new_year,
        })
    }

    /// Asks the worker for the reuse of the report on screen unless it is known or on
    /// its way. Asked for every report opened, so the row markers show copying from a
    /// neighbour without the pane open.
    fn ask_reuse(&mut self) {
        let Some(key) = self.reuse_key() else {
            return;
        };
        if self.reuse.wants(&key) {
            let id = self.send(Job::Reuse(key.clone()));
            self.reuse.asked(key, id);
        }
    }

    /// The reuse of the report on screen, when the answer has come.
    pub fn reuse_report(&self) -> Option<&crate::reuse::ReuseReport> {
        match self.reuse.get(&self.reuse_key()?)? {
            ReuseSlot::Ready(report) => Some(report),
            _ => None,
        }
    }

    /// The span of this year's sentence under the cursor.
    fn cursor_new_sentence(&self) -> Option<Span> {
        let review = self.review.as_ref()?;
        let item = review.layout.as_ref()?.items.get(review.cursor)?;
        let index = item.sentence(Side::New)?;
        Some(review.data.as_ref()?.new.sentences.get(index)?.span)
    }

    /// What the reuse pane shows now.
    pub fn reuse_pane(&self) -> ReusePane {
        let Some(sentence) = self.cursor_new_sentence() else {
            return ReusePane::NoSentence;
        };
        let Some(key) = self.reuse_key() else {
            return ReusePane::NoSentence;
        };
        match self.reuse.get(&key) {
            Some(ReuseSlot::Ready(report)) => ReusePane::Entries(entries(report, sentence, &key)),
            Some(ReuseSlot::Missing) => ReusePane::Missing,
            Some(ReuseSlot::Failed(reason)) => ReusePane::Failed(reason.clone()),
            Some(ReuseSlot::Pending(_)) | None => ReusePane::Pending,
        }
    }

    /// Opens the report of the selected reuse entry at the matching place: the pair
    /// ending at that year, or the single year when it is the township's first. The
    /// report left goes on the trail, so `Esc` comes back to it.
    fn open_reuse_entry(&mut self) {
        let selected = self.review.as_ref().map_or(0, |r| r.reuse.selected);
        let ReusePane::Entries(list) = self.reuse_pane() else {
            self.dirty = false;
            return;
        };
        let Some(entry) = list.into_iter().nth(selected) else {
            self.dirty = false;
            return;
        };
        let other = entry.other;
        let county = other.county.clone().unwrap_or_default();
        let row = self
            .list
            .rows
            .iter()
            .find(|r| r.info.township == other.township && r.county() == county);
        let target = row.and_then(|row| {
            let year = other.year?;
            let at = row.info.years.iter().position(|&y| y == year)?;
            let old = at.checked_sub(1).map(|i| row.info.years[i]);
            Some((row.info.years.clone(), old, year))
        });
        let Some((years, old, new)) = target else {
            self.say(Msg::TuiReuseNoReport);
            return;
        };
        let mut review =
            ReviewState::new(&other.township, &county, years, self.settings.config.fold);
        review.old_year = old;
        review.new_year = new;
        review.show_outline = old.is_none();
        review.show_reuse = true;
        review.pending_jump = Some(Span::new(other.start, other.end));
        review.request = self.send(Job::Open(OpenRequest {
            township: review.township.clone(),
            county: review.county.clone(),
            years: review.years.clone(),
            old,
            new,
        }));
        if let Some(mut left) = self.review.replace(review) {
            left.focus = Pane::Reuse;
            self.trail.push(left);
        }
    }

    fn mark_reviewed(&mut self) {
        let Some(review) = &self.review else {
            return;
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
                self.send(Job::ToggleReviewed { key, section });
            }
            None => self.say(Msg::TuiNoSection),
        }
    }

    fn flag(&mut self) {
        let target = self.review.as_ref().and_then(ReviewState::note_target);
        match target.filter(|t| t.sentence.is_some()) {
            Some(target) => {
                self.send(Job::ToggleFlag(target));
            }
            None => self.say(Msg::TuiNoSentence),
        }
    }

    fn open_note_editor(&mut self) {
        let Some(target) = self.review.as_ref().and_then(ReviewState::note_target) else {
            self.say(Msg::TuiNoSentence);
            return;
        };
        let mut editor = TextArea::default();
        editor.set_placeholder_text(msg(self.lang(), Msg::TuiNotePlaceholder));
        editor.set_cursor_line_style(ratatui::style::Style::default());
        self.overlay = Some(Overlay::Note {
            editor: Box::new(editor),
            target,
        });
    }

    fn open_chart(&mut self) {
        let Some(review) = &self.review else {
            return;
        };
        let row = review.figures.selected;
        let has_series = review
            .data
            .as_ref()
            .and_then(|d| d.ledger.get(row).and_then(|r| d.series_for(r)))
            .is_some();
        if has_series {
            self.overlay = Some(Overlay::Chart { row });
        } else {
            self.say(Msg::TuiNoSeries);
        }
    }

    fn on_input(&mut self, key: KeyEvent) {
        if let Some(Overlay::Note { editor, target }) = self.overlay.as_mut() {
            match key.code {
                KeyCode::Esc => self.overlay = None,
                KeyCode::Enter
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::ALT | KeyModifiers::SHIFT) =>
                {
                    let body = editor.lines().join("\n").trim().to_string();
                    let target = target.clone();
                    self.overlay = None;
                    if body.is_empty() {
                        self.say(Msg::TuiNoteEmpty);
                    } else {
                        self.send(Job::AddNote { target, body });
                    }
                }
                KeyCode::Enter => editor.insert_newline(),
                _ => {
                    editor.input(key);
                }
            }
            return;
        }
        let Some(typing) = self.typing else {
            self.dirty = false;
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.typing = None;
                self.edit_line(typing, |line| line.clear());
            }
            KeyCode::Enter => {
                self.typing = None;
                if typing == Typing::Filter && self.list.visible.len() == 1 {
                    self.open_selected();
                }
            }
            KeyCode::Backspace => self.edit_line(typing, |line| {
                line.pop();
            }),
            KeyCode::Char('u') if ctrl => self.edit_line(typing, |line| line.clear()),
            KeyCode::Char('w') if ctrl => self.edit_line(typing, |line| {
                let trimmed = line.trim_end().len();
                line.truncate(trimmed);
                while line.chars().last().is_some_and(|c| !c.is_whitespace()) {
                    line.pop();
                }
            }),
            KeyCode::Down | KeyCode::Up if typing == Typing::Filter => {
                let rows = self.list_rows();
                let delta = if key.code == KeyCode::Down { 1 } else { -1 };
                self.list.cursor.step(delta, self.list.visible.len(), rows);
            }
            KeyCode::Char(c) if !ctrl => self.edit_line(typing, |line| line.push(c)),
            _ => self.dirty = false,
        }
    }

    fn on_paste(&mut self, text: &str) {
        if let Some(Overlay::Note { editor, .. }) = self.overlay.as_mut() {
            editor.insert_str(crate::report::normalize::printable(text));
            return;
        }
        let Some(typing) = self.typing else {
            self.dirty = false;
            return;
        };
        let line: String = text
            .chars()
            .filter(|c| crate::report::normalize::is_printable(*c) && *c != '\n' && *c != '\t')
            .collect();
        self.edit_line(typing, |current| current.push_str(&line));
    }

    /// Changes the filter or search text and applies it at once.
    fn edit_line(&mut self, typing: Typing, edit: impl FnOnce(&mut String)) {
        match typing {
            Typing::Filter => {
                edit(&mut self.list.filter);
                self.list.refresh(false);
                let rows = self.list_rows();
                self.list.cursor.offset = 0;
                self.list.cursor.reveal(rows);
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
                match review.find_item(true, |i| review.matches_search(i)) {
                    Some(i) => review.go_to(i, height),
                    None => {
                        if let Some(i) = review.find_item(false, |i| review.matches_search(i)) {
                            review.go_to(i, height);
                        }
                    }
                }
            }
        }
    }

    fn on_scroll(&mut self, lines: i32) {
        if self.overlay.is_some() {
            for _ in 0..lines.unsigned_abs() {
                self.on_overlay_command(if lines > 0 { Action::Down } else { Action::Up });
            }
            return;
        }
        match self.screen {
            Screen::Review => {
                let height = self.diff_height();
                if let Some(review) = self.review.as_mut() {
                    review.scroll_lines(lines as isize, height);
                }
            }
            Screen::List => {
                let rows = self.list_rows();
                self.list
                    .cursor
                    .step(lines as isize, self.list.visible.len(), rows);
            }
            _ => self.dirty = false,
        }
    }

    fn on_click(&mut self, column: u16, row: u16) {
        if self.overlay.is_some() {
            self.dirty = false;
            return;
        }
        let point = ratatui::layout::Position::new(column, row);
        match self.screen {
            Screen::List => {
                let table = list_areas(self.area()).table;
                let first = table.y + 1;
                if table.contains(point) && row >= first {
                    let index = self.list.cursor.offset + usize::from(row - first);
                    if index < self.list.visible.len() {
                        self.list.cursor.selected = index;
                    }
                }
            }
            Screen::Review => {
                let Some(areas) = self.review_layout() else {
                    return;
                };
                let Some(review) = self.review.as_mut() else {
                    return;
                };
                if areas.diff.contains(point) {
                    review.focus = Pane::Diff;
                    if let Some(layout) = &review.layout {
                        let line = review.scroll + usize::from(row - areas.diff.y);
                        if line < layout.total_lines {
                            review.cursor = layout.item_at_line(line);
                        }
                    }
                    return;
                }
                for (pane, area) in [
                    (Pane::Figures, areas.figures),
                    (Pane::Lint, areas.lint),
                    (Pane::Outline, areas.outline),
                    (Pane::Reuse, areas.reuse),
                ] {
                    let Some(area) = area.filter(|a| a.contains(point)) else {
                        continue;
                    };
                    review.focus = pane;
                    let first = area.y + 2;
                    if row >= first {
                        let cursor = match pane {
                            Pane::Figures => &mut review.figures,
                            Pane::Lint => &mut review.lint,
                            Pane::Reuse => &mut review.reuse,
                            _ => &mut review.outline,
                        };
                        cursor.selected = cursor.offset + usize::from(row - first);
                    }
                }
            }
            _ => self.dirty = false,
        }
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

/// Scrolls the diff to what the focused pane's selection points at.
fn jump_to_selection(review: &mut ReviewState, pane: Pane, height: usize, lang: Lang) -> bool {
    let Some(data) = review.data.clone() else {
        return false;
    };
    let place = match pane {
        Pane::Figures => data.ledger.get(review.figures.selected).and_then(|row| {
            row.new
                .as_ref()
                .map(|s| (Side::New, s.span))
                .or_else(|| row.old.as_ref().map(|s| (Side::Old, s.span)))
        }),
        Pane::Lint => {
            let entries = review.lint_entries();
            entries
                .get(review.lint.selected)
                .and_then(|e| Some((e.side, review.finding(*e)?.span?)))
        }
        Pane::Outline => data
            .new
            .sections
            .get(review.outline.selected)
            .map(|s| (Side::New, s.heading)),
        Pane::Diff | Pane::Reuse => None,
    };
    match place {
        Some((side, span)) => review.jump_to(side, span, height, lang),
        None => false,
    }
}
