//! The messages between the interface and its worker thread. Every answer carries the
//! id of the request it answers, so the interface drops answers to questions it no
//! longer asks.

use std::collections::HashMap;
use std::sync::Arc;

use crate::report::Span;
use crate::reuse::ReuseReport;
pub use crate::review::OpenRequest;
use crate::review::{PairData, ReviewError, Summary};
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
    /// The list line of each township, one answer each, in the background.
    Summaries(Vec<TownshipSummary>),
    Open(OpenRequest),
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
}

impl Job {
    /// The kind of this job.
    pub fn kind(&self) -> JobKind {
        match self {
            Job::LoadTownships => JobKind::LoadTownships,
            Job::Summaries(_) => JobKind::Summaries,
            Job::Open(_) => JobKind::Open,
            Job::ToggleReviewed { .. } => JobKind::ToggleReviewed,
            Job::ToggleFlag(_) => JobKind::ToggleFlag,
            Job::AddNote { .. } => JobKind::AddNote,
            Job::UpdateNote { .. } => JobKind::UpdateNote,
            Job::DeleteNote { .. } => JobKind::DeleteNote,
            Job::Reuse(_) => JobKind::Reuse,
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
    Summary {
        township: String,
        county: String,
        summary: Summary,
    },
    Opened {
        data: Arc<PairData>,
        notes: Vec<Note>,
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
    },
    /// Why a job failed; shared, since one failure (a store that cannot be opened) can
    /// answer many jobs.
    Failed {
        job: JobKind,
        error: Arc<ReviewError>,
    },
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

/// An answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub id: RequestId,
    pub reply: Reply,
}
