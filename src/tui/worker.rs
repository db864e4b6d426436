//! Slow work off the interface thread: a thin dispatcher from [`Job`]s to the review
//! service, which has its own store connection. When several pairs are requested in a
//! burst (a key held down) only the last is computed (the idea of gitui's single-slot
//! async jobs). The township list's summaries are handed to a thread of their own
//! ([`super::summaries`]), which gives way to the interface and to this one and shares
//! its analyses; searches of the whole store go to another ([`super::searcher`]) and
//! reuse look-ups to a third ([`super::reuse_jobs`]), so a long one never holds up the
//! others or the next pair.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use super::diff_lines::LayoutAsk;
use super::jobs::{
    Exported, Job, JobKind, NoteChange, NoteTarget, Reply, Request, RequestId, Response,
};
use super::reuse_jobs::{self, ReuseOrder};
use super::searcher;
use super::summaries::{self, Order};
use crate::export::pair::PairFormat;
use crate::export::write::{WriteError, write_output};
use crate::i18n::Lang;
use crate::review::{
    AnalysisCache, OpenRequest, OpenedPair, ReviewError, ReviewService, TownshipNotes,
};
use crate::store::{NewNote, NoteKind, Store, TownshipSummary};

/// Starts the worker thread. It ends when `requests`' sender is dropped.
pub fn spawn(
    store_path: PathBuf,
    author: String,
    requests: Receiver<Request>,
    answer: impl Fn(Response) + Send + Sync + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    let answer: Arc<dyn Fn(Response) + Send + Sync> = Arc::new(answer);
    let (orders, summary_orders) = std::sync::mpsc::channel();
    let analyses = AnalysisCache::default();
    summaries::spawn(
        store_path.clone(),
        analyses.background(),
        summary_orders,
        Arc::clone(&answer),
    )?;
    let (reuse, reuse_orders) = std::sync::mpsc::channel();
    reuse_jobs::spawn(store_path.clone(), reuse_orders, Arc::clone(&answer))?;
    let (searches, search_requests) = std::sync::mpsc::channel();
    searcher::spawn(store_path.clone(), search_requests, Arc::clone(&answer))?;
    std::thread::Builder::new()
        .name("nianbao-worker".to_string())
        .spawn(move || {
            let service = Store::open_for_reading(&store_path)
                .map(|store| ReviewService::sharing(store, analyses))
                .map_err(|e| Arc::new(ReviewError::from(e)));
            let mut worker = Worker {
                service,
                author,
                summaries: orders,
                searches,
                reuse,
            };
            worker.run(&requests, answer.as_ref());
        })
}

struct Worker {
    /// The service, or why the store could not be opened (the answer to every job).
    service: Result<ReviewService, Arc<ReviewError>>,
    author: String,
    /// The summary thread; a review write has it recompute its township's summary,
    /// since the reviewed progress changed.
    summaries: Sender<Order>,
    /// The search thread.
    searches: Sender<Request>,
    /// The reuse thread, which makes the reuse look-ups so that this one is free for
    /// the next pair meanwhile.
    reuse: Sender<ReuseOrder>,
}

/// What a job did.
enum Done {
    Reply(Reply),
    /// A review write: the township's records, and its summary is stale.
    Written(TownshipNotes, NoteChange),
    /// Summaries to compute in the background.
    Summaries(Vec<TownshipSummary>),
    /// Summaries to compute before the others.
    SummariesFirst(Vec<TownshipSummary>),
}

impl Worker {
    fn run(&mut self, requests: &Receiver<Request>, answer: &dyn Fn(Response)) {
        loop {
            let mut batch = Vec::new();
            match requests.recv() {
                Ok(request) => batch.push(request),
                Err(_) => return,
            }
            loop {
                match requests.try_recv() {
                    Ok(request) => batch.push(request),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) if batch.is_empty() => return,
                    Err(TryRecvError::Disconnected) => break,
                }
            }
            let last_open = batch
                .iter()
                .rposition(|r| matches!(r.job, Job::Open(..) | Job::OpenCross(..)));
            let last_reuse = batch.iter().rposition(|r| matches!(r.job, Job::Reuse(_)));
            for (i, request) in batch.into_iter().enumerate() {
                match request.job {
                    Job::Open(..) | Job::OpenCross(..) if Some(i) != last_open => {
                        tracing::debug!(id = request.id, "superseded pair request skipped");
                    }
                    Job::Reuse(_) if Some(i) != last_reuse => {
                        tracing::debug!(id = request.id, "superseded reuse request skipped");
                    }
                    Job::Reuse(key) => {
                        reuse_jobs::send(&self.reuse, ReuseOrder::LookUp(request.id, key));
                    }
                    Job::Search { .. } | Job::StopSearch => {
                        if self.searches.send(request).is_err() {
                            tracing::warn!("the search thread has stopped");
                        }
                    }
                    job => {
                        if let Some(reply) = self.handle(request.id, job) {
                            answer(Response {
                                id: request.id,
                                reply,
                            });
                        }
                    }
                }
            }
        }
    }

    /// Runs a job; `None` for the summaries, which answer one by one in the background.
    fn handle(&mut self, id: RequestId, job: Job) -> Option<Reply> {
        if job == Job::LoadTownships {
            reuse_jobs::send(&self.reuse, ReuseOrder::Forget);
        }
        let kind = job.kind();
        let service = match self.service.as_mut() {
            Ok(service) => service,
            Err(error) => return Some(failed(kind, Arc::clone(error))),
        };
        let author = &self.author;
        let done = catch_unwind(AssertUnwindSafe(|| dispatch(service, author, job)))
            .unwrap_or(Err(ReviewError::Internal));
        match done {
            Ok(Done::Reply(reply)) => Some(reply),
            Ok(Done::Written(notes, done)) => {
                self.resummarize(&notes);
                Some(Reply::Notes {
                    township: notes.township,
                    county: notes.county,
                    notes: notes.notes,
                    done,
                })
            }
            Ok(Done::Summaries(townships)) => {
                self.order(Order::List(id, townships));
                None
            }
            Ok(Done::SummariesFirst(townships)) => {
                self.order(Order::First(townships));
                None
            }
            Err(error) => Some(failed(kind, Arc::new(error))),
        }
    }

    /// Has the summary of a township whose review records changed computed again.
    fn resummarize(&mut self, notes: &TownshipNotes) {
        self.order(Order::Again(TownshipSummary {
            township: notes.township.clone(),
            county: Some(notes.county.clone()).filter(|c| !c.is_empty()),
            province: None,
            years: notes.years.clone(),
        }));
    }

    fn order(&self, order: Order) {
        if self.summaries.send(order).is_err() {
            tracing::warn!("the summary thread has stopped");
        }
    }
}

/// Runs one job on the service (searches and reuse look-ups go to their threads before
/// this).
fn dispatch(service: &mut ReviewService, author: &str, job: Job) -> Result<Done, ReviewError> {
    let reply = match job {
        Job::LoadTownships => {
            let list = service.townships()?;
            Reply::Townships {
                townships: list.townships,
                note_counts: list.note_counts,
            }
        }
        Job::Summaries(townships) => return Ok(Done::Summaries(townships)),
        Job::SummariesFirst(townships) => return Ok(Done::SummariesFirst(townships)),
        Job::Open(request, ask) => opened_reply(service.open(&request)?, ask),
        Job::OpenCross(request, ask) => opened_reply(service.open_cross(&request)?, ask),
        Job::Search { .. } | Job::StopSearch | Job::Reuse(_) => return Err(ReviewError::Internal),
        Job::Export {
            open,
            format,
            path,
            force,
            lang,
        } => Reply::Exported(export(service, &open, format, &path, force, lang)?),
        Job::ToggleReviewed { key, section } => {
            let (on, notes) = service.toggle_reviewed(&key, &section, author)?;
            return Ok(Done::Written(notes, NoteChange::Reviewed(on)));
        }
        Job::ToggleFlag(target) => {
            let flag = new_note(&target, NoteKind::Flag, "", author);
            let (on, notes) = service.toggle_flag(&flag)?;
            return Ok(Done::Written(notes, NoteChange::Flagged(on)));
        }
        Job::AddNote { target, body } => {
            let notes = service.add_note(&new_note(&target, NoteKind::Note, &body, author))?;
            return Ok(Done::Written(notes, NoteChange::NoteAdded));
        }
        Job::UpdateNote { key, id, body } => {
            let (found, notes) = service.update_note(&key, id, &body)?;
            return Ok(Done::Written(
                notes,
                unless_missing(found, NoteChange::NoteUpdated),
            ));
        }
        Job::DeleteNote { key, id } => {
            let (found, notes) = service.delete_note(&key, id)?;
            return Ok(Done::Written(
                notes,
                unless_missing(found, NoteChange::NoteDeleted),
            ));
        }
    };
    Ok(Done::Reply(reply))
}

/// The answer to a request to open a pair: the pair, laid out here for the ask when
/// there is one, so the interface thread does not lay it out.
fn opened_reply(opened: OpenedPair, ask: Option<LayoutAsk>) -> Reply {
    let layout = ask.map(|ask| Box::new(ask.lay_out(&opened.data)));
    Reply::Opened {
        data: opened.data,
        notes: opened.notes,
        layout,
    }
}

/// Writes the comparison of the pair `open` names to `path`, as `nianbao export` does:
/// an existing file is left alone without `force`.
fn export(
    service: &mut ReviewService,
    open: &OpenRequest,
    format: PairFormat,
    path: &Path,
    force: bool,
    lang: Lang,
) -> Result<Exported, ReviewError> {
    let opened = service.open(open)?;
    let bytes = match format.render_opened(&opened, lang) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(Exported::Failed(e.to_string())),
    };
    Ok(match write_output(path, &bytes, force) {
        Ok(()) => Exported::Written(std::path::absolute(path).unwrap_or_else(|_| path.into())),
        Err(WriteError::Exists { .. }) => Exported::Exists(path.to_path_buf()),
        Err(e) => Exported::Failed(e.to_string()),
    })
}

/// What a write to a note did: `change`, or nothing when the note was gone.
fn unless_missing(found: bool, change: NoteChange) -> NoteChange {
    if found { change } else { NoteChange::Missing }
}

fn failed(job: JobKind, error: Arc<ReviewError>) -> Reply {
    tracing::error!(?job, "worker job failed: {error}");
    Reply::Failed { job, error }
}

fn new_note<'a>(
    target: &'a NoteTarget,
    kind: NoteKind,
    body: &'a str,
    author: &'a str,
) -> NewNote<'a> {
    NewNote {
        key: &target.key,
        section: target.section.as_deref(),
        sentence: target.sentence,
        excerpt: &target.excerpt,
        kind,
        body,
        author,
    }
}
