//! The reuse look-ups, on a thread of their own: the interface asks for the reuse of a
//! report once its pair is on screen, and a long report's look-up takes seconds, which
//! the worker must not spend before the next pair the reviewer opens. One look-up runs
//! at a time; of those asked while it runs only the last is made (gitui's single-slot
//! async job), and the interface drops an answer to a report no longer asked for.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use super::jobs::{JobKind, Reply, RequestId, Response};
use crate::review::{ReviewError, ReviewService};
use crate::store::{ReportKey, Store};

/// What the reuse thread is asked.
#[derive(Debug, Clone)]
pub enum ReuseOrder {
    /// The reuse of a report, answered to request `id`.
    LookUp(RequestId, ReportKey),
    /// Forget the answers kept: the store may have changed.
    Forget,
}

/// Starts the reuse thread; it ends when `orders`' sender is dropped.
pub fn spawn(
    store_path: PathBuf,
    orders: Receiver<ReuseOrder>,
    answer: Arc<dyn Fn(Response) + Send + Sync>,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("nianbao-reuse".to_string())
        .spawn(move || {
            let service = Store::open_for_reading(&store_path)
                .map(ReviewService::new)
                .map_err(|e| Arc::new(ReviewError::from(e)));
            run(service, &orders, answer.as_ref());
        })?;
    Ok(())
}

/// A sender of orders that logs, rather than fails, when the thread has stopped.
pub fn send(orders: &Sender<ReuseOrder>, order: ReuseOrder) {
    if orders.send(order).is_err() {
        tracing::warn!("the reuse thread has stopped");
    }
}

fn run(
    mut service: Result<ReviewService, Arc<ReviewError>>,
    orders: &Receiver<ReuseOrder>,
    answer: &dyn Fn(Response),
) {
    while let Some((id, key)) = next_look_up(&mut service, orders) {
        let reply = match service.as_mut() {
            Ok(service) => catch_unwind(AssertUnwindSafe(|| look_up(service, key)))
                .unwrap_or(Err(ReviewError::Internal))
                .unwrap_or_else(|error| failed(Arc::new(error))),
            Err(error) => failed(Arc::clone(error)),
        };
        answer(Response { id, reply });
    }
}

/// Waits for orders, forgets when asked to, and gives the last look-up asked for (the
/// earlier ones are superseded); `None` when the interface is gone.
fn next_look_up(
    service: &mut Result<ReviewService, Arc<ReviewError>>,
    orders: &Receiver<ReuseOrder>,
) -> Option<(RequestId, ReportKey)> {
    let mut last: Option<(RequestId, ReportKey)> = None;
    loop {
        let order = match &last {
            None => orders.recv().ok()?,
            Some(_) => match orders.try_recv() {
                Ok(order) => order,
                Err(TryRecvError::Empty) => return last,
                Err(TryRecvError::Disconnected) => return None,
            },
        };
        match order {
            ReuseOrder::LookUp(id, key) => {
                if let Some((skipped, _)) = last.replace((id, key)) {
                    tracing::debug!(id = skipped, "superseded reuse request skipped");
                }
            }
            ReuseOrder::Forget => {
                if let Ok(service) = service.as_mut() {
                    service.forget_reuse();
                }
            }
        }
    }
}

/// What a report shares with the other reports of the store, with the sections the
/// others hold it in.
fn look_up(service: &mut ReviewService, key: ReportKey) -> Result<Reply, ReviewError> {
    let report = service.reuse(&key)?;
    let sections = match &report {
        Some(report) => service.occurrence_sections(report, &key)?,
        None => Default::default(),
    };
    Ok(Reply::Reuse {
        report,
        key,
        sections: Arc::new(sections),
    })
}

fn failed(error: Arc<ReviewError>) -> Reply {
    tracing::error!(job = ?JobKind::Reuse, "reuse look-up failed: {error}");
    Reply::Failed {
        job: JobKind::Reuse,
        error,
    }
}
