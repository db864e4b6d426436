//! Slow work off the interface thread: store reads and writes, analysis and comparison.
//! The worker has its own store connection. Every result carries the id of the request
//! it answers, so the interface drops answers to questions it no longer asks; when
//! several pairs are requested in a burst (a key held down) only the last is computed,
//! and the background summaries of the township list give way to anything the reviewer
//! is waiting for (the idea of gitui's single-slot async jobs).

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::pair::{PairData, engine_fingerprint};
use crate::report::{Report, Span};
use crate::reuse::{Params, ReuseReport};
use crate::store::{CachedSummary, NewNote, Note, NoteKind, ReportKey, Store, TownshipSummary};

/// How many analysed reports the worker keeps for stepping between years.
const ANALYZED_KEPT: usize = 48;

/// How many reuse answers the worker keeps, so going back to a report asks the index
/// nothing.
const REUSE_KEPT: usize = 64;

/// What a job that panicked answers; the panic itself is in the log.
const INTERNAL_ERROR: &str = "internal error while analysing; see the log";

/// Identifies a request; answers carry it back.
pub type RequestId = u64;

/// Which pair of years to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub township: String,
    pub county: String,
    /// Every stored year of the township, ascending.
    pub years: Vec<i32>,
    pub old: Option<i32>,
    pub new: i32,
}

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
    /// Copy ratio and lint count of each township's latest report, one answer each.
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
    /// What one report shares with the other reports of the store.
    Reuse(ReportKey),
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
        summary: CachedSummary,
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
    /// The one-line reason a job failed.
    Failed(String),
}

/// What a review write did, for the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteChange {
    Reviewed(bool),
    Flagged(bool),
    NoteAdded,
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub id: RequestId,
    pub reply: Reply,
}

/// Starts the worker thread. It ends when `requests`' sender is dropped.
pub fn spawn(
    store_path: PathBuf,
    author: String,
    requests: Receiver<Request>,
    answer: impl Fn(Response) + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("nianbao-worker".to_string())
        .spawn(move || {
            let store = Store::open(&store_path).map_err(|e| e.to_string());
            let mut worker = Worker {
                store,
                author,
                engine: None,
                background: VecDeque::new(),
                analyzed: HashMap::new(),
                reuse: HashMap::new(),
            };
            worker.run(&requests, &answer);
        })
}

struct Worker {
    store: Result<Store, String>,
    author: String,
    /// The engine fingerprint, computed on first use.
    engine: Option<String>,
    /// Summaries still to compute: the id of the list load that asked, and the township.
    background: VecDeque<(RequestId, TownshipSummary)>,
    /// Reports already analysed, by row id (a replaced report has a new id).
    analyzed: HashMap<i64, Report>,
    /// Reuse answers by report version: row id and the number of reports indexed then
    /// (another township's new report can add partners). Emptied by a reload.
    reuse: HashMap<(i64, usize), Arc<ReuseReport>>,
}

impl Worker {
    fn run(&mut self, requests: &Receiver<Request>, answer: &dyn Fn(Response)) {
        loop {
            let mut batch = Vec::new();
            if self.background.is_empty() {
                match requests.recv() {
                    Ok(request) => batch.push(request),
                    Err(_) => return,
                }
            }
            loop {
                match requests.try_recv() {
                    Ok(request) => batch.push(request),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) if batch.is_empty() => return,
                    Err(TryRecvError::Disconnected) => break,
                }
            }
            let last_open = batch.iter().rposition(|r| matches!(r.job, Job::Open(_)));
            let last_reuse = batch.iter().rposition(|r| matches!(r.job, Job::Reuse(_)));
            for (i, request) in batch.into_iter().enumerate() {
                match request.job {
                    Job::Open(_) if Some(i) != last_open => {
                        tracing::debug!(id = request.id, "superseded pair request skipped");
                    }
                    Job::Reuse(_) if Some(i) != last_reuse => {
                        tracing::debug!(id = request.id, "superseded reuse request skipped");
                    }
                    Job::Summaries(townships) => {
                        self.background.clear();
                        self.background
                            .extend(townships.into_iter().map(|t| (request.id, t)));
                    }
                    job => {
                        let reply = catch_unwind(AssertUnwindSafe(|| self.handle(job)))
                            .unwrap_or_else(|_| Reply::Failed(INTERNAL_ERROR.to_string()));
                        answer(Response {
                            id: request.id,
                            reply,
                        });
                    }
                }
            }
            if let Some((id, township)) = self.background.pop_front() {
                let summary = catch_unwind(AssertUnwindSafe(|| self.summary(&township)))
                    .unwrap_or_else(|_| Err(INTERNAL_ERROR.to_string()));
                match summary {
                    Ok(Some(summary)) => answer(Response {
                        id,
                        reply: Reply::Summary {
                            township: township.township,
                            county: township.county.unwrap_or_default(),
                            summary,
                        },
                    }),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(township = %township.township, "summary failed: {e}"),
                }
            }
        }
    }

    fn store(&self) -> Result<&Store, String> {
        self.store.as_ref().map_err(Clone::clone)
    }

    fn handle(&mut self, job: Job) -> Reply {
        let result = match job {
            Job::LoadTownships => {
                self.reuse.clear();
                self.townships()
            }
            Job::Reuse(key) => self.reuse(key),
            Job::Open(request) => self.open(&request),
            Job::ToggleReviewed { key, section } => self.store().and_then(|store| {
                let on = store
                    .toggle_reviewed(&key, &section, &self.author)
                    .map_err(|e| e.to_string())?;
                notes_reply(store, &key, NoteChange::Reviewed(on))
            }),
            Job::ToggleFlag(target) => self.store().and_then(|store| {
                let on = store
                    .toggle_flag(&new_note(&target, NoteKind::Flag, "", &self.author))
                    .map_err(|e| e.to_string())?;
                notes_reply(store, &target.key, NoteChange::Flagged(on))
            }),
            Job::AddNote { target, body } => self.store().and_then(|store| {
                store
                    .add_note(&new_note(&target, NoteKind::Note, &body, &self.author))
                    .map_err(|e| e.to_string())?;
                notes_reply(store, &target.key, NoteChange::NoteAdded)
            }),
            Job::Summaries(_) => Err("summaries run in the background".to_string()),
        };
        result.unwrap_or_else(|e| {
            tracing::error!("worker job failed: {e}");
            Reply::Failed(e)
        })
    }

    fn townships(&self) -> Result<Reply, String> {
        let store = self.store()?;
        let townships = store.townships().map_err(|e| e.to_string())?;
        let note_counts = store.note_counts().map_err(|e| e.to_string())?;
        Ok(Reply::Townships {
            townships,
            note_counts,
        })
    }

    fn open(&mut self, request: &OpenRequest) -> Result<Reply, String> {
        let mut load = |year: i32| -> Result<Report, String> {
            let key = ReportKey {
                township: request.township.clone(),
                county: request.county.clone(),
                year,
            };
            self.analyzed(&key)?
                .ok_or_else(|| format!("{} {year}: not in the store any more", request.township))
        };
        let new = load(request.new)?;
        let old = request.old.map(&mut load).transpose()?;
        let history = if request.years.len() >= 3 {
            request
                .years
                .iter()
                .map(|&y| load(y))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            Vec::new()
        };
        let data = PairData::build(
            &request.township,
            &request.county,
            request.years.clone(),
            old,
            new,
            &history,
        );
        let notes = self
            .store()?
            .notes_for(&request.township, &request.county, &request.years)
            .map_err(|e| e.to_string())?;
        Ok(Reply::Opened {
            data: Arc::new(data),
            notes,
        })
    }

    /// The reuse of a report's current version, from the index unless this version was
    /// looked up before with as many reports indexed.
    fn reuse(&mut self, key: ReportKey) -> Result<Reply, String> {
        let store = self.store()?;
        let Some(stamp) = store.report_stamp(&key).map_err(|e| e.to_string())? else {
            return Ok(Reply::Reuse { key, report: None });
        };
        let indexed =
            crate::store::reuse_index::indexed_reports(store).map_err(|e| e.to_string())?;
        if let Some(report) = self.reuse.get(&(stamp.id, indexed)) {
            return Ok(Reply::Reuse {
                key,
                report: Some(Arc::clone(report)),
            });
        }
        let found = crate::store::reuse_index::report_reuse(store, &key, &Params::default())
            .map_err(|e| e.to_string())?
            .map(Arc::new);
        if let Some(report) = &found {
            let indexed =
                crate::store::reuse_index::indexed_reports(store).map_err(|e| e.to_string())?;
            if self.reuse.len() >= REUSE_KEPT {
                self.reuse.clear();
            }
            self.reuse.insert((stamp.id, indexed), Arc::clone(report));
        }
        Ok(Reply::Reuse { key, report: found })
    }

    /// The analysed current report for an identity, analysing it only when this version
    /// (row id) has not been analysed before.
    fn analyzed(&mut self, key: &ReportKey) -> Result<Option<Report>, String> {
        let store = self.store()?;
        let Some(stamp) = store.report_stamp(key).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        if let Some(report) = self.analyzed.get(&stamp.id) {
            return Ok(Some(report.clone()));
        }
        let Some(stored) = store.report_by_id(stamp.id).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        let report = stored.analyze();
        if self.analyzed.len() >= ANALYZED_KEPT {
            self.analyzed.clear();
        }
        self.analyzed.insert(stamp.id, report.clone());
        Ok(Some(report))
    }

    /// The cached summary of a township's latest report, or a fresh one (then cached).
    fn summary(&mut self, township: &TownshipSummary) -> Result<Option<CachedSummary>, String> {
        let engine = self.engine.get_or_insert_with(engine_fingerprint).clone();
        let store = self.store()?;
        let county = township.county.clone().unwrap_or_default();
        let key = |year: i32| ReportKey {
            township: township.township.clone(),
            county: county.clone(),
            year,
        };
        let Some(&new_year) = township.years.last() else {
            return Ok(None);
        };
        let old_year = township
            .years
            .len()
            .checked_sub(2)
            .map(|i| township.years[i]);
        let Some(new_stamp) = store
            .report_stamp(&key(new_year))
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        let old_stamp = match old_year {
            Some(year) => store.report_stamp(&key(year)).map_err(|e| e.to_string())?,
            None => None,
        };
        if let Some(cached) = store
            .cached_summary(old_stamp.as_ref(), &new_stamp, &engine)
            .map_err(|e| e.to_string())?
        {
            return Ok(Some(cached));
        }
        let analyze = |id: i64| -> Result<Option<Report>, String> {
            Ok(store
                .report_by_id(id)
                .map_err(|e| e.to_string())?
                .map(|r| r.analyze()))
        };
        let Some(new) = analyze(new_stamp.id)? else {
            return Ok(None);
        };
        let old = match &old_stamp {
            Some(stamp) => analyze(stamp.id)?,
            None => None,
        };
        let summary = CachedSummary {
            copy_ratio: old
                .as_ref()
                .map(|old| crate::compare::compare(old, &new).scores.copy_ratio),
            lint_count: new.lint.len(),
        };
        store
            .store_summary(old_stamp.as_ref(), &new_stamp, &engine, summary)
            .map_err(|e| e.to_string())?;
        Ok(Some(summary))
    }
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

fn notes_reply(store: &Store, key: &ReportKey, done: NoteChange) -> Result<Reply, String> {
    let years = store
        .years(&key.township, &key.county)
        .map_err(|e| e.to_string())?;
    let notes = store
        .notes_for(&key.township, &key.county, &years)
        .map_err(|e| e.to_string())?;
    Ok(Reply::Notes {
        township: key.township.clone(),
        county: key.county.clone(),
        notes,
        done,
    })
}
