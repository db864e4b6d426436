//! The township list's summaries, computed on a thread of their own so that the
//! interface always wins: the thread runs at a lower priority than the interface, it
//! pauses while the reviewer is typing, it computes the townships on screen first, and
//! it answers in batches (a few a second) rather than one message per township, so the
//! interface draws a frame per batch, not per township. It has its own store connection
//! and shares the worker's analyses; what it computes reaches the store's summary cache,
//! where the next start finds it.

use std::collections::{HashSet, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use super::jobs::{Reply, RequestId, Response, SummaryLine};
use crate::review::{AnalysisCache, ReviewError, ReviewService};
use crate::store::{Store, TownshipSummary};

/// How long after a keystroke the summaries stay paused, so the frames that answer a
/// burst of typing get the processor.
const QUIET: Duration = Duration::from_millis(250);

/// The longest a computed summary waits before it is sent.
const BATCH: Duration = Duration::from_millis(150);

/// How much lower than the interface the thread runs (a `nice` increment).
#[cfg(target_os = "linux")]
const NICENESS: i32 = 10;

/// What the summary thread is asked.
#[derive(Debug, Clone)]
pub enum Order {
    /// Every township of list load `id`, replacing what was asked before.
    List(RequestId, Vec<TownshipSummary>),
    /// Townships on screen: computed before the others.
    First(Vec<TownshipSummary>),
    /// A township whose review records changed: computed again, next.
    Again(TownshipSummary),
}

/// Notes that the reviewer just pressed a key (or moved the mouse): the summaries pause
/// for [`QUIET`]. Process-wide, as the interface is.
pub fn note_input() {
    LAST_INPUT.store(now_millis(), Ordering::Relaxed);
}

static LAST_INPUT: AtomicU64 = AtomicU64::new(0);

/// Milliseconds since the first call, never 0 (0 means "no input yet").
fn now_millis() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = START.get_or_init(Instant::now);
    u64::try_from(start.elapsed().as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

/// How long the summaries should still keep still after the last keystroke.
fn quiet_left() -> Duration {
    let last = LAST_INPUT.load(Ordering::Relaxed);
    if last == 0 {
        return Duration::ZERO;
    }
    let since = Duration::from_millis(now_millis().saturating_sub(last));
    QUIET.saturating_sub(since)
}

/// Starts the summary thread; it ends when `orders`' sender is dropped. Its analyses
/// are `analyses`, a background handle on the worker's cache: it waits for a report the
/// worker is analysing, and the worker takes over one it is analysing.
pub fn spawn(
    store_path: PathBuf,
    analyses: AnalysisCache,
    orders: Receiver<Order>,
    answer: Arc<dyn Fn(Response) + Send + Sync>,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("nianbao-summaries".to_string())
        .spawn(move || {
            lower_priority();
            let Ok(store) = Store::open_for_reading(&store_path) else {
                // The worker, with its own connection, says why.
                return;
            };
            let mut queue = Queue::default();
            let mut service = ReviewService::sharing(store, analyses);
            queue.run(&mut service, &orders, answer.as_ref());
        })?;
    Ok(())
}

/// Townships still to summarize, the list load they belong to, and what is done.
#[derive(Default)]
struct Queue {
    list: Option<RequestId>,
    waiting: VecDeque<TownshipSummary>,
    /// Townships (name, county) summarized for this list load.
    done: HashSet<(String, String)>,
    /// Summaries computed and not yet sent, and since when the first has waited.
    ready: Vec<SummaryLine>,
    since: Option<Instant>,
}

impl Queue {
    fn run(
        &mut self,
        service: &mut ReviewService,
        orders: &Receiver<Order>,
        answer: &dyn Fn(Response),
    ) {
        loop {
            if !self.take_orders(orders) {
                return;
            }
            let pause = quiet_left();
            if !pause.is_zero() {
                self.send(answer);
                std::thread::sleep(pause);
                continue;
            }
            let Some(township) = self.next() else {
                self.send(answer);
                continue;
            };
            self.summarize(service, township);
            if self
                .since
                .is_some_and(|since| since.elapsed() >= BATCH || self.waiting.is_empty())
            {
                self.send(answer);
            }
        }
    }

    /// Reads the orders that came, waiting for one when there is nothing to do; false
    /// when the interface is gone.
    fn take_orders(&mut self, orders: &Receiver<Order>) -> bool {
        if self.waiting.is_empty() && self.ready.is_empty() {
            match orders.recv() {
                Ok(order) => self.take(order),
                Err(_) => return false,
            }
        }
        loop {
            match orders.try_recv() {
                Ok(order) => self.take(order),
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => return false,
            }
        }
    }

    fn take(&mut self, order: Order) {
        match order {
            Order::List(id, townships) => {
                self.list = Some(id);
                self.done.clear();
                self.ready.clear();
                self.since = None;
                self.waiting = townships.into();
            }
            Order::First(townships) => {
                for township in townships.into_iter().rev() {
                    self.waiting.push_front(township);
                }
            }
            Order::Again(township) => {
                self.done.remove(&key(&township));
                self.waiting.push_front(township);
            }
        }
    }

    /// The next township not yet summarized for this list.
    fn next(&mut self) -> Option<TownshipSummary> {
        while let Some(township) = self.waiting.pop_front() {
            if self.done.insert(key(&township)) {
                return Some(township);
            }
        }
        None
    }

    fn summarize(&mut self, service: &mut ReviewService, township: TownshipSummary) {
        let summary = catch_unwind(AssertUnwindSafe(|| service.summary(&township)))
            .unwrap_or(Err(ReviewError::Internal));
        match summary {
            Ok(Some(summary)) => {
                self.since.get_or_insert_with(Instant::now);
                self.ready.push(SummaryLine {
                    township: township.township,
                    county: township.county.unwrap_or_default(),
                    summary,
                });
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(township = %township.township, "summary failed: {e}"),
        }
    }

    /// Sends the summaries computed so far, as one answer to the list load.
    fn send(&mut self, answer: &dyn Fn(Response)) {
        self.since = None;
        let (Some(id), false) = (self.list, self.ready.is_empty()) else {
            return;
        };
        answer(Response {
            id,
            reply: Reply::Summaries(std::mem::take(&mut self.ready)),
        });
    }
}

fn key(township: &TownshipSummary) -> (String, String) {
    (
        township.township.clone(),
        township.county.clone().unwrap_or_default(),
    )
}

/// Makes this thread yield to the interface when the processor is short: on Linux each
/// thread has its own `nice` value, and `who = 0` names the calling thread.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: setpriority takes plain integers; with `who = 0` it changes only the
        // calling thread's priority, and a failure is harmless.
        let changed = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS) };
        if changed != 0 {
            tracing::debug!("summary thread keeps its priority");
        }
    }
}
