//! The messages between the interface and its worker thread. Every answer carries the
//! id of the request it answers, so the interface drops answers to questions it no
//! longer asks.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::diff_lines::{LayoutAsk, Prelaid};
use crate::export::pair::PairFormat;
use crate::i18n::Lang;
use crate::report::Span;
use crate::reuse::ReuseReport;
pub use crate::review::{CrossRequest, OpenRequest};
use crate::review::{OccurrenceSections, PairData, ReviewError, SearchResults, Summary};
use crate::search::Query;
use crate::store::{Note, ReportKey, TownshipSummary};

/// Identifies a request; answers carry it back.
pub type RequestId = u64;

/// Where a note or flag goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteTarget {
    pub key: ReportKey,
    pub section: Option<String>,
    pub sentence: Option<Span>,
    pub excerpt: String,
}

/// Work for the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Every township with its years, and how many notes each has.
    LoadTownships,
    /// The list line of each township, in the background, answered in batches.
    Summaries(Vec<TownshipSummary>),
    /// Townships the reviewer sees: their list lines before the others'.
    SummariesFirst(Vec<TownshipSummary>),
    /// A pair of years, laid out for the ask when there is one.
    Open(OpenRequest, Option<LayoutAsk>),
    /// A report beside another township's report: a cross-township pair, laid out for
    /// the ask when there is one.
    OpenCross(CrossRequest, Option<LayoutAsk>),
    ToggleReviewed {
        key: ReportKey,
        section: String,
    },
    ToggleFlag(NoteTarget),
    AddNote {
        target: NoteTarget,
        body: String,
    },
    /// New text for note `id` of a report of the township `key` names.
    UpdateNote {
        key: ReportKey,
        id: i64,
        body: String,
    },
    /// Deletes note `id` of a report of the township `key` names.
    DeleteNote {
        key: ReportKey,
        id: i64,
    },
    /// What one report shares with the other reports of the store.
    Reuse(ReportKey),
    /// The reports of the whole store holding `query`, the first `limit` quoted;
    /// answered with the reports found so far while it runs, then with all of them.
    Search {
        query: Query,
        limit: usize,
    },
    /// The search running is no longer wanted (its query was cleared, its screen
    /// closed): it stops, unanswered.
    StopSearch,
    /// The comparison of a pair written to a file, its words in `lang`; an existing
    /// file is replaced only with `force`.
    Export {
        open: OpenRequest,
        format: PairFormat,
        path: PathBuf,
        force: bool,
        lang: Lang,
    },
}

/// Which kind of job an answer is about, so a failure says what failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    LoadTownships,
    Summaries,
    Open,
    ToggleReviewed,
    ToggleFlag,
    AddNote,
    UpdateNote,
    DeleteNote,
    Reuse,
    Search,
    Export,
}

impl Job {
    /// The kind of this job.
    pub fn kind(&self) -> JobKind {
        match self {
            Job::LoadTownships => JobKind::LoadTownships,
            Job::Summaries(_) | Job::SummariesFirst(_) => JobKind::Summaries,
            Job::Open(..) | Job::OpenCross(..) => JobKind::Open,
            Job::ToggleReviewed { .. } => JobKind::ToggleReviewed,
            Job::ToggleFlag(_) => JobKind::ToggleFlag,
            Job::AddNote { .. } => JobKind::AddNote,
            Job::UpdateNote { .. } => JobKind::UpdateNote,
            Job::DeleteNote { .. } => JobKind::DeleteNote,
            Job::Reuse(_) => JobKind::Reuse,
            Job::Search { .. } | Job::StopSearch => JobKind::Search,
            Job::Export { .. } => JobKind::Export,
        }
    }
}

/// A job with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub id: RequestId,
    pub job: Job,
}

/// What a job produced.
#[derive(Debug, Clone)]
pub enum Reply {
    Townships {
        townships: Vec<TownshipSummary>,
        note_counts: HashMap<(String, String), usize>,
    },
    /// List lines computed since the last batch.
    Summaries(Vec<SummaryLine>),
    Opened {
        data: Arc<PairData>,
        notes: Vec<Note>,
        /// The pair laid out for the request's ask, when it had one.
        layout: Option<Box<Prelaid>>,
    },
    /// The review records of a township after a write, and what the write did.
    Notes {
        township: String,
        county: String,
        notes: Vec<Note>,
        done: NoteChange,
    },
    /// What a report shares with others; `None` when it is no longer in the store.
    Reuse {
        key: ReportKey,
        report: Option<Arc<ReuseReport>>,
        /// The section each other report holds the passages in.
        sections: Arc<OccurrenceSections>,
    },
    /// The answer to a search of the whole store, or its answer so far while it runs
    /// (`SearchResults::running`).
    Search(Arc<SearchResults>),
    /// What became of an export.
    Exported(Exported),
    /// Why a job failed; shared, since one failure (a store that cannot be opened) can
    /// answer many jobs.
    Failed {
        job: JobKind,
        error: Arc<ReviewError>,
    },
}

/// One township's list line.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryLine {
    pub township: String,
    pub county: String,
    pub summary: Summary,
}

/// What a review write did, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteChange {
    Reviewed(bool),
    Flagged(bool),
    NoteAdded,
    NoteUpdated,
    NoteDeleted,
    /// The note was no longer in the store (another reviewer deleted it).
    Missing,
}

/// What became of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// Written; the file's full path.
    Written(PathBuf),
    /// The file exists and was left alone (no `force`).
    Exists(PathBuf),
    /// Why it could not be made or written, in one line.
    Failed(String),
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub id: RequestId,
    pub reply: Reply,
}
