//! Files read and analysed on every core while one thread writes them to the store:
//! results reach the writer in the order of the files, so what an import prints and
//! which of two files with one identity wins do not depend on thread timing.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// Results that may wait for the writer: enough to keep every core busy, few enough
/// that memory stays bounded whatever the number of files (a file may be 50 MB).
const AHEAD: usize = 16;

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
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let window = Window {
        read: Mutex::new(Some(0)),
        moved: Condvar::new(),
    };
    let (sender, receiver) = mpsc::sync_channel::<(usize, T)>(AHEAD);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, window, init, prepare) = (&next, &window, &init, &prepare);
            scope.spawn(move || {
                let mut state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || !window.wait_for_room(i) {
                        break;
                    }
                    if sender.send((i, prepare(&mut state, &items[i]))).is_err() {
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
        };
        consume(&mut ordered)
    })
}

/// How far the writer has read: workers run at most [`AHEAD`] items beyond it.
struct Window {
    /// Items handed to the writer; `None` once the writer has stopped.
    read: Mutex<Option<usize>>,
    moved: Condvar,
}

impl Window {
    /// Waits until item `i` may be prepared; false when the writer has stopped.
    fn wait_for_room(&self, i: usize) -> bool {
        let mut read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            match *read {
                None => return false,
                Some(done) if i < done + AHEAD => return true,
                Some(_) => {}
            }
            read = self
                .moved
                .wait(read)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn set(&self, read: Option<usize>) {
        *self.read.lock().unwrap_or_else(PoisonError::into_inner) = read;
        self.moved.notify_all();
    }
}

struct Release<'a>(&'a Window);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        self.0.set(None);
    }
}

/// The results put back in item order.
struct Ordered<'a, T> {
    receiver: mpsc::Receiver<(usize, T)>,
    waiting: BTreeMap<usize, T>,
    expected: usize,
    window: &'a Window,
}

impl<T> Iterator for Ordered<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(found) = self.waiting.remove(&self.expected) {
                self.expected += 1;
                self.window.set(Some(self.expected));
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
}
