//! Files read and analysed on every core while one thread writes them to the store:
//! results reach the writer in the order of the files, so what an import prints and
//! which of two files with one identity wins do not depend on thread timing.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// Results that may wait for the writer: enough that the workers keep every core busy
/// while the writer is away committing a batch (a second's worth of small files).
const AHEAD: usize = 256;

/// What the results waiting for the writer may weigh, as the caller's `weight` counts
/// it: memory stays bounded whatever the files (a file may be 50 MB).
const AHEAD_WEIGHT: usize = 64 << 20;

/// Runs `prepare` on each item on every core and lets `consume` read the results in
/// item order, on the calling thread, from an iterator that ends after the last item.
/// Each worker thread starts with its own state from `init` (a store connection, say),
/// which `prepare` may use.
pub fn in_order<I, S, T, R>(
    items: &[I],
    init: impl Fn() -> S + Sync,
    prepare: impl Fn(&mut S, &I) -> T + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = T>) -> R,
) -> R
where
    I: Sync,
    T: Send,
{
    in_order_weighed(items, init, prepare, |_| 0, consume)
}

/// [`in_order`] with the results waiting for the writer bounded by what they weigh
/// (bytes they hold, say) as well as by their number.
pub fn in_order_weighed<I, S, T, R>(
    items: &[I],
    init: impl Fn() -> S + Sync,
    prepare: impl Fn(&mut S, &I) -> T + Sync,
    weight: impl Fn(&T) -> usize + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = T>) -> R,
) -> R
where
    I: Sync,
    T: Send,
{
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let window = Window {
        state: Mutex::new(Some(Progress::default())),
        moved: Condvar::new(),
    };
    let (sender, receiver) = mpsc::sync_channel::<(usize, T)>(AHEAD);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, window, init, prepare, weight) = (&next, &window, &init, &prepare, &weight);
            scope.spawn(move || {
                let mut state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || !window.wait_for_room(i) {
                        break;
                    }
                    let prepared = prepare(&mut state, &items[i]);
                    window.prepared(weight(&prepared));
                    if sender.send((i, prepared)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Opens the window for good when the writer stops, however it stops, so no
        // worker waits forever.
        let _release = Release(&window);
        let mut ordered = Ordered {
            receiver,
            waiting: BTreeMap::new(),
            expected: 0,
            window: &window,
            weight: &weight,
        };
        consume(&mut ordered)
    })
}

/// How far the writer has read: workers run at most [`AHEAD`] items beyond it, and
/// start no more while what waits for it weighs [`AHEAD_WEIGHT`].
struct Window {
    /// `None` once the writer has stopped.
    state: Mutex<Option<Progress>>,
    moved: Condvar,
}

#[derive(Default)]
struct Progress {
    /// Items handed to the writer.
    read: usize,
    /// What the results prepared and not yet handed weigh.
    waiting: usize,
}

impl Window {
    /// Waits until item `i` may be prepared; false when the writer has stopped. The
    /// item the writer waits for always may, however much waits beside it.
    fn wait_for_room(&self, i: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            match &*state {
                None => return false,
                Some(p) if i == p.read || (i < p.read + AHEAD && p.waiting < AHEAD_WEIGHT) => {
                    return true;
                }
                Some(_) => {}
            }
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// A result of `weight` was prepared.
    fn prepared(&self, weight: usize) {
        if let Some(p) = &mut *self.state.lock().unwrap_or_else(PoisonError::into_inner) {
            p.waiting += weight;
        }
    }

    /// The next result, of `weight`, was handed to the writer.
    fn handed(&self, weight: usize) {
        if let Some(p) = &mut *self.state.lock().unwrap_or_else(PoisonError::into_inner) {
            p.read += 1;
            p.waiting = p.waiting.saturating_sub(weight);
        }
        self.moved.notify_all();
    }
}

struct Release<'a>(&'a Window);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        *self.0.state.lock().unwrap_or_else(PoisonError::into_inner) = None;
        self.0.moved.notify_all();
    }
}

/// The results put back in item order.
struct Ordered<'a, T, W> {
    receiver: mpsc::Receiver<(usize, T)>,
    waiting: BTreeMap<usize, T>,
    expected: usize,
    window: &'a Window,
    weight: &'a W,
}

impl<T, W: Fn(&T) -> usize> Iterator for Ordered<'_, T, W> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(found) = self.waiting.remove(&self.expected) {
                self.expected += 1;
                self.window.handed((self.weight)(&found));
                return Some(found);
            }
            let (i, found) = self.receiver.recv().ok()?;
            self.waiting.insert(i, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order_whatever_the_timing() {
        let items: Vec<u64> = (0..200).collect();
        let got = in_order(
            &items,
            || (),
            |_, &i| {
                // Later items finish first now and then.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) % 7 * 50));
                i * 2
            },
            |results| results.collect::<Vec<_>>(),
        );
        assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_writer_that_stops_early_lets_every_worker_finish() {
        let items: Vec<u64> = (0..500).collect();
        let first = in_order(
            &items,
            || 0u64,
            |seen, &i| {
                *seen += 1;
                i
            },
            |results| results.take(3).collect::<Vec<_>>(),
        );
        assert_eq!(first, [0, 1, 2]);
        let none: Vec<u64> = in_order(&[] as &[u64], || (), |_, &i| i, |results| results.collect());
        assert!(none.is_empty());
    }

    #[test]
    fn heavy_results_wait_for_the_writer_however_many_items_are_left() {
        let items: Vec<u64> = (0..60).collect();
        let (prepared, handed, most) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let got = in_order_weighed(
            &items,
            || (),
            |_, &i| {
                let waiting =
                    prepared.fetch_add(1, Ordering::SeqCst) + 1 - handed.load(Ordering::SeqCst);
                most.fetch_max(waiting, Ordering::SeqCst);
                i
            },
            |_| AHEAD_WEIGHT,
            |results| {
                results
                    .inspect(|_| {
                        handed.fetch_add(1, Ordering::SeqCst);
                        // A slow writer: workers would run far ahead if let.
                        std::thread::sleep(std::time::Duration::from_micros(300));
                    })
                    .collect::<Vec<_>>()
            },
        );
        assert_eq!(got, items);
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = most.load(Ordering::SeqCst);
        // Each worker may have started one while none waited, and the count lags by one.
        assert!(most <= workers + 2, "{most} results waited at once");
    }
}
