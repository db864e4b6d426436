//! The search screen over the whole store: a query typed line, the reports holding it
//! found in the background as it changes (answers to an older query dropped, the
//! search behind them stopped), listed newest first with each hit's section and the
//! words around it. A search that reads every report shows the reports found so far,
//! the count so far and how many reports it has read while it runs. `Enter` opens the
//! report's pair at the hit, `Esc` returns to the screen the search was opened from;
//! `Esc` in a report opened from here comes back to the hits.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::effect::Handled;
use super::{App, ReviewState, Screen};
use crate::i18n::{ScreenMsg, screen_msg};
use crate::report::Span;
use crate::review::{ReportHits, SearchResults};
use crate::search::{Hit, Query};
use crate::store::SearchPlan;
use crate::tui::jobs::{Job, RequestId};
use crate::tui::pane::{ListCursor, SidePane};

/// Reports listed for a query (all are counted).
pub const SEARCH_LIMIT: usize = 50;

/// The search screen's state.
#[derive(Debug, Default)]
pub struct CorpusSearch {
    pub query: String,
    /// The search asked last, while its whole answer has not come.
    pub waiting: Option<RequestId>,
    /// The last answer, or answer so far, and the query it answers.
    pub results: Option<(String, Arc<SearchResults>)>,
    /// The search the results answer.
    answered: Option<RequestId>,
    /// Answers so far taken from the running search: what turns its spinner.
    pub ticks: usize,
    /// Why the query cannot be read, or why the search failed.
    pub error: Option<String>,
    /// The selected line (always a hit) and the first line shown.
    pub cursor: ListCursor,
    /// The review left for the search, with its trail; `None` when opened from the list.
    left: Option<(ReviewState, Vec<ReviewState>)>,
}

/// One line of the results: a report's heading, or one of its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultLine {
    Report(usize),
    Hit(usize, usize),
}

impl CorpusSearch {
    /// The reports of the last answer.
    pub fn reports(&self) -> &[ReportHits] {
        self.results
            .as_ref()
            .map_or(&[], |(_, r)| r.reports.as_slice())
    }

    /// The lines of the results, reports newest first, each followed by its hits.
    pub fn lines(&self) -> Vec<ResultLine> {
        let mut out = Vec::new();
        for (r, report) in self.reports().iter().enumerate() {
            out.push(ResultLine::Report(r));
            out.extend((0..report.hits.len()).map(|h| ResultLine::Hit(r, h)));
        }
        out
    }

    /// Whether the last answer carries a note of how it was found (every report read,
    /// or reports the index lacks read one by one): the screen gives it a line of its
    /// own, as it tells the reviewer what to run.
    pub fn has_note(&self) -> bool {
        self.results
            .as_ref()
            .is_some_and(|(_, r)| r.plan == SearchPlan::Scan || r.unindexed > 0)
    }

    /// The report and hit of the selected line.
    pub fn selected_hit(&self) -> Option<(&ReportHits, &Hit)> {
        match self.lines().get(self.cursor.selected)? {
            ResultLine::Hit(r, h) => {
                let report = self.reports().get(*r)?;
                Some((report, report.hits.get(*h)?))
            }
            ResultLine::Report(_) => None,
        }
    }

    /// Moves the selection `delta` hits on (headings skipped) and keeps it, and the
    /// heading of its report, among the `rows` shown.
    fn step(&mut self, delta: isize, rows: usize) {
        let lines = self.lines();
        let hits: Vec<usize> = (0..lines.len())
            .filter(|&i| matches!(lines[i], ResultLine::Hit(..)))
            .collect();
        if hits.is_empty() {
            self.cursor = ListCursor::default();
            return;
        }
        let at = hits.partition_point(|&i| i < self.cursor.selected);
        let to = at.saturating_add_signed(delta).min(hits.len() - 1);
        self.cursor.selected = hits[to];
        let heading = self.cursor.selected.saturating_sub(1);
        if matches!(lines.get(heading), Some(ResultLine::Report(_))) {
            self.cursor.selected = heading;
            self.cursor.reveal(rows);
        }
        self.cursor.selected = hits[to];
        self.cursor.reveal(rows);
    }
}

/// Where the parts of the search screen are.
#[derive(Debug, Clone, Copy)]
pub struct CorpusAreas {
    pub bar: Rect,
    pub query: Rect,
    pub summary: Rect,
    /// The line of the answer's note, when it has one (see [`CorpusSearch::has_note`]).
    pub note: Option<Rect>,
    pub results: Rect,
    pub status: Rect,
}

/// The search screen laid out in `area`: a title bar, the query line, a summary line,
/// the note's line when `noted`, the results and the key hints at the bottom.
pub fn corpus_areas(area: Rect, noted: bool) -> CorpusAreas {
    let line = |y: u16| Rect {
        y: area.y + y.min(area.height.saturating_sub(1)),
        height: area.height.min(1),
        ..area
    };
    let top = 3 + u16::from(noted);
    CorpusAreas {
        bar: line(0),
        query: line(1),
        summary: line(2),
        note: noted.then(|| line(3)),
        results: Rect {
            y: area.y + top.min(area.height),
            height: area.height.saturating_sub(top + 1),
            ..area
        },
        status: line(area.height.saturating_sub(1)),
    }
}

impl App {
    /// Opens the search screen; from a review opened from it, goes back to its hits.
    pub(super) fn open_corpus_search(&mut self) -> Handled {
        if self.corpus.is_some() && self.screen == Screen::Review {
            self.review = None;
            self.trail.clear();
            self.screen = Screen::Search;
            return Handled::Changed;
        }
        let left = self
            .review
            .take()
            .filter(|_| self.screen == Screen::Review)
            .map(|review| (review, std::mem::take(&mut self.trail)));
        self.corpus = Some(CorpusSearch {
            left,
            ..CorpusSearch::default()
        });
        self.screen = Screen::Search;
        Handled::Changed
    }

    /// `Esc` on the search screen: back to the review or the list it was opened from;
    /// a search still running is stopped.
    fn close_corpus_search(&mut self) -> Handled {
        if self.corpus.as_ref().is_some_and(|c| c.waiting.is_some()) {
            self.effects.send(Job::StopSearch);
        }
        let left = self.corpus.take().and_then(|c| c.left);
        match left {
            Some((review, trail)) => {
                self.review = Some(review);
                self.trail = trail;
                self.screen = Screen::Review;
                self.relayout(true);
                self.ask_reuse();
            }
            None => self.screen = Screen::List,
        }
        Handled::Changed
    }

    /// True on a review opened from the search screen with nothing left to go back to
    /// before it: `Esc` then returns to the hits.
    pub(super) fn back_to_corpus_search(&mut self) -> bool {
        if self.corpus.is_none() || !self.trail.is_empty() {
            return false;
        }
        self.review = None;
        self.screen = Screen::Search;
        true
    }

    /// A key on the search screen: text edits the query, the arrows choose a hit.
    pub(super) fn corpus_input(&mut self, key: KeyEvent) -> Handled {
        let rows = self.corpus_rows();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(corpus) = self.corpus.as_mut() else {
            return Handled::Ignored;
        };
        let page = isize::try_from(rows).unwrap_or(1);
        match key.code {
            KeyCode::Esc => return self.close_corpus_search(),
            KeyCode::Enter => return self.open_hit(),
            KeyCode::Down => corpus.step(1, rows),
            KeyCode::Up => corpus.step(-1, rows),
            KeyCode::PageDown => corpus.step(page, rows),
            KeyCode::PageUp => corpus.step(-page, rows),
            KeyCode::Char('n') if ctrl => corpus.step(1, rows),
            KeyCode::Char('p') if ctrl => corpus.step(-1, rows),
            KeyCode::Backspace => self.edit_query(|q| {
                q.pop();
            }),
            KeyCode::Char('u') if ctrl => self.edit_query(String::clear),
            KeyCode::Char(c) if !ctrl => self.edit_query(|q| q.push(c)),
            _ => return Handled::Ignored,
        }
        Handled::Changed
    }

    /// Pasted text joins the query.
    pub(super) fn corpus_paste(&mut self, line: &str) -> Handled {
        self.edit_query(|q| q.push_str(line));
        Handled::Changed
    }

    /// Changes the query and asks for its reports (the search of the query before it,
    /// if still running, gives way): a query that cannot be read says why instead, an
    /// empty one clears the results; either stops the search running.
    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(corpus) = self.corpus.as_mut() else {
            return;
        };
        edit(&mut corpus.query);
        corpus.error = None;
        let was_running = corpus.waiting.take().is_some();
        let parsed = if corpus.query.trim().is_empty() {
            corpus.results = None;
            corpus.cursor = ListCursor::default();
            None
        } else {
            match Query::parse(&corpus.query) {
                Ok(query) => Some(query),
                Err(error) => {
                    corpus.error = Some(error.to_string());
                    None
                }
            }
        };
        let Some(query) = parsed else {
            if was_running {
                self.effects.send(Job::StopSearch);
            }
            return;
        };
        let id = self.effects.send(Job::Search {
            query,
            limit: SEARCH_LIMIT,
        });
        if let Some(corpus) = self.corpus.as_mut() {
            corpus.waiting = Some(id);
            corpus.ticks = 0;
        }
    }

    /// Takes the answer, or the answer so far, to the search asked last; older ones
    /// are dropped. The first answer to a search selects its first hit; later ones
    /// only add reports below, so the selection stays where the reviewer put it.
    pub(super) fn on_search(&mut self, id: RequestId, results: Arc<SearchResults>) -> Handled {
        let rows = self.corpus_rows();
        let shown = self.screen == Screen::Search;
        let Some(corpus) = self.corpus.as_mut().filter(|c| c.waiting == Some(id)) else {
            tracing::debug!(id, "stale search answer dropped");
            return Handled::Ignored;
        };
        if results.running.is_none() {
            corpus.waiting = None;
        } else {
            corpus.ticks = corpus.ticks.wrapping_add(1);
        }
        let first = corpus.answered.replace(id) != Some(id);
        corpus.results = Some((corpus.query.clone(), results));
        if first || corpus.selected_hit().is_none() {
            corpus.cursor = ListCursor::default();
            corpus.step(0, rows);
        }
        Handled::when(shown)
    }

    /// A failed search: said on the screen, in place of the results.
    pub(super) fn search_failed(&mut self, id: RequestId, reason: &str) -> bool {
        let Some(corpus) = self.corpus.as_mut().filter(|c| c.waiting == Some(id)) else {
            return false;
        };
        corpus.waiting = None;
        corpus.results = None;
        corpus.error = Some(reason.to_string());
        true
    }

    /// Opens the report of the selected hit: the pair of its year against the year
    /// before (its year alone when it is the first), the cursor on the hit's sentence.
    fn open_hit(&mut self) -> Handled {
        let Some((report, hit)) = self.corpus.as_ref().and_then(CorpusSearch::selected_hit) else {
            return Handled::Ignored;
        };
        let row = &report.report;
        let county = row.county.clone().unwrap_or_default();
        let span = Span::new(hit.start, hit.end);
        let Some(review) = self.review_at(&row.township.clone(), &county, row.year, span) else {
            let lang = self.lang();
            return self.complain(screen_msg(lang, ScreenMsg::SearchNoReport).to_string());
        };
        self.review = Some(review);
        self.trail.clear();
        self.screen = Screen::Review;
        Handled::Changed
    }

    /// A review of the township's pair ending at `year`, asked for, with the cursor to
    /// go to `span` of that year's text once it arrives; `None` when the township list
    /// does not hold that year.
    pub(super) fn review_at(
        &mut self,
        township: &str,
        county: &str,
        year: i32,
        span: Span,
    ) -> Option<ReviewState> {
        let row = self.list.rows.iter().find(|r| r.is(township, county))?;
        let years = row.info.years.clone();
        let at = years.iter().position(|&y| y == year)?;
        let old = at.checked_sub(1).map(|i| years[i]);
        let mut review = ReviewState::new(township, county, years, self.settings.config.fold);
        review.old_year = old;
        review.new_year = year;
        review.panes[SidePane::Outline].shown = old.is_none();
        review.pending_jump = Some(span);
        review.request = self.effects.send(self.open_job(&review));
        Some(review)
    }

    /// Lines of results the screen shows at once.
    fn corpus_rows(&self) -> usize {
        let noted = self.corpus.as_ref().is_some_and(CorpusSearch::has_note);
        usize::from(corpus_areas(self.area(), noted).results.height).max(1)
    }
}
