//! The worker's answers. Each carries the id of the request it answers; an answer to a
//! request no longer wanted (another pair asked for since, an older township list) is
//! dropped.

use std::sync::Arc;

use super::App;
use super::effect::Handled;
use crate::i18n::fill;
use crate::i18n::{Msg, msg};
use crate::review::{PairData, Side};
use crate::store::Note;
use crate::tui::diff_lines::Prelaid;
use crate::tui::jobs::{Reply, RequestId, Response};

impl App {
    pub(super) fn on_response(&mut self, response: Response) -> Handled {
        let Response { id, reply } = response;
        match reply {
            Reply::Townships {
                townships,
                note_counts,
            } => self.on_townships(townships, &note_counts),
            Reply::Summaries(lines) => self.on_summaries(id, lines),
            Reply::Opened {
                data,
                notes,
                layout,
            } => self.on_opened(id, data, notes, layout),
            Reply::Reuse {
                key,
                report,
                sections,
            } => self.on_reuse(id, &key, report, sections),
            Reply::Search(results) => self.on_search(id, results),
            Reply::Exported(exported) => self.on_exported(id, exported),
            Reply::Notes {
                township,
                county,
                notes,
                done,
            } => self.on_notes(&township, &county, notes, done),
            Reply::Failed { error, .. } => self.on_failed(id, &error.to_string()),
        }
    }

    /// Shows the pair asked for last, at the place a reuse entry pointed to if one did,
    /// else (a pair not on screen before) at its first change, and asks for its reuse.
    /// The layout the worker made is taken when it is the one the screen needs now.
    fn on_opened(
        &mut self,
        id: RequestId,
        data: Arc<PairData>,
        notes: Vec<Note>,
        layout: Option<Box<Prelaid>>,
    ) -> Handled {
        let height = self.diff_height();
        let lang = self.lang();
        let Some(review) = self.review.as_mut().filter(|r| r.request == id) else {
            tracing::debug!(id, "stale pair dropped");
            return Handled::Ignored;
        };
        let notice = crate::review::coarse_notice(&data.comparison, lang);
        let fresh = review.install(data, notes);
        self.relayout_from(true, layout);
        if let Some(notice) = notice {
            let _ = self.say_text(notice);
        }
        if let Some(review) = self.review.as_mut() {
            if let Some(span) = review.pending_jump.take() {
                review.jump_to(Side::New, span, height, lang);
            } else if fresh {
                review.open_at_first_change(height);
            }
            if let Some(data) = review.data.clone() {
                review.search.refresh(&data, review.layout.as_ref(), lang);
            }
        }
        self.ask_reuse();
        Handled::Changed
    }

    /// A failed reuse look-up is kept for the pane; any other failure is said in the
    /// status line, and in place of the text when it was the pair on screen.
    fn on_failed(&mut self, id: RequestId, reason: &str) -> Handled {
        if self.reuse.fail(id, reason) {
            tracing::warn!(id, "reuse look-up failed: {reason}");
            return Handled::Changed;
        }
        if self.search_failed(id, reason) {
            return Handled::Changed;
        }
        self.close_export(id);
        if let Some(review) = self.review.as_mut().filter(|r| r.request == id) {
            review.error = Some(reason.to_string());
        }
        self.complain(fill(msg(self.lang(), Msg::TuiFailed), &[reason]))
    }
}
