//! Searches of the whole store on a thread of their own, with their own store
//! connection, so a search that reads every report (a query of one or two characters:
//! seconds on a county's store, half a minute on the country's) never holds up opening
//! a pair or writing a note. While a search runs, the screen is sent the reports found
//! so far, how many match and how many reports were read, a few times a second; a newer
//! query, or being told to stop, ends it at the next chunk of texts, unanswered.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use super::jobs::{Job, JobKind, Reply, Request, RequestId, Response};
use crate::review::{ReportHits, ReviewError, ReviewService, SearchResults};
use crate::search::Query;
use crate::store::{SearchProgress, Store};

/// How often the answer so far is sent while a search runs (and at once when its
/// first report is found): often enough to see the count move, seldom enough that
/// drawing it costs nothing.
const SO_FAR_EVERY: Duration = Duration::from_millis(100);

/// Starts the search thread; it takes [`Job::Search`] and [`Job::StopSearch`] requests
/// and ends when `requests`' sender is dropped.
pub fn spawn(
    store_path: PathBuf,
    requests: Receiver<Request>,
    answer: Arc<dyn Fn(Response) + Send + Sync>,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("nianbao-search".to_string())
        .spawn(move || {
            let service = Store::open_for_reading(&store_path)
                .map(ReviewService::new)
                .map_err(|e| Arc::new(ReviewError::from(e)));
            let mut next = None;
            loop {
                let Some(first) = next.take().or_else(|| requests.recv().ok()) else {
                    return;
                };
                // Of requests that came together only the last one counts.
                let request = requests.try_iter().last().unwrap_or(first);
                if let Job::Search { query, limit } = request.job {
                    let search = Search {
                        id: request.id,
                        query: &query,
                        limit,
                    };
                    next = search.run(&service, &requests, answer.as_ref());
                }
            }
        })?;
    Ok(())
}

/// One search asked for.
struct Search<'a> {
    id: RequestId,
    query: &'a Query,
    limit: usize,
}

impl Search<'_> {
    /// Runs the search, sending the answer so far while it runs and the whole answer at
    /// the end; returns the request that came meanwhile and ended it, if one did.
    fn run(
        &self,
        service: &Result<ReviewService, Arc<ReviewError>>,
        requests: &Receiver<Request>,
        answer: &dyn Fn(Response),
    ) -> Option<Request> {
        let service = match service {
            Ok(service) => service,
            Err(error) => {
                answer(self.failed(Arc::clone(error)));
                return None;
            }
        };
        let mut newer = None;
        let mut sent = Instant::now();
        let mut first_found = false;
        let mut running = |reports: &[ReportHits], progress: &SearchProgress| {
            if let Some(request) = requests.try_iter().last() {
                newer = Some(request);
                return true;
            }
            let left = progress.checked < progress.candidates;
            let first = left && !first_found && !reports.is_empty();
            if first || (left && sent.elapsed() >= SO_FAR_EVERY) {
                answer(self.so_far(reports, progress));
                sent = Instant::now();
                first_found |= first;
            }
            false
        };
        let done = catch_unwind(AssertUnwindSafe(|| {
            service.search_until(self.query, self.limit, &mut running)
        }))
        .unwrap_or(Err(ReviewError::Internal));
        match done {
            Ok(Some(results)) => answer(Response {
                id: self.id,
                reply: Reply::Search(Arc::new(results)),
            }),
            Ok(None) => tracing::debug!(id = self.id, "search given up for a newer request"),
            Err(error) => answer(self.failed(Arc::new(error))),
        }
        newer
    }

    /// The answer so far: the reports found, counted as matched so far.
    fn so_far(&self, reports: &[ReportHits], progress: &SearchProgress) -> Response {
        Response {
            id: self.id,
            reply: Reply::Search(Arc::new(SearchResults {
                total: progress.matched,
                plan: progress.plan,
                unindexed: 0,
                reports: reports.to_vec(),
                running: Some(*progress),
            })),
        }
    }

    fn failed(&self, error: Arc<ReviewError>) -> Response {
        tracing::error!(id = self.id, "search failed: {error}");
        Response {
            id: self.id,
            reply: Reply::Failed {
                job: JobKind::Search,
                error,
            },
        }
    }
}
