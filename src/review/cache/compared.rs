//! The last comparison of two analysed reports, shared like the analyses: the township
//! list's summary of a pair needs its copy ratio, opening the pair needs the whole
//! comparison, and a huge pair takes seconds to compare, so it is compared once
//! whoever asks first. Tied weakly to the two analyses, so it keeps no report alive.

use std::sync::{Arc, Weak};

use super::AnalysisCache;
use super::shared::{Asker, State};
use crate::compare::{self, Comparison};
use crate::report::Report;

/// The last comparison asked for, or the one being made.
#[derive(Debug, Default)]
pub(super) enum Compared {
    #[default]
    Nothing,
    Running {
        pair: WeakPair,
        by: Asker,
    },
    Done {
        pair: WeakPair,
        copy_ratio: f64,
        /// The comparison until the interface takes it to open the pair.
        comparison: Option<Arc<Comparison>>,
    },
}

/// Last year's and this year's analyses, held weakly.
#[derive(Debug)]
pub(super) struct WeakPair(Weak<Report>, Weak<Report>);

impl WeakPair {
    fn of(old: &Arc<Report>, new: &Arc<Report>) -> WeakPair {
        WeakPair(Arc::downgrade(old), Arc::downgrade(new))
    }

    fn is(&self, old: &Arc<Report>, new: &Arc<Report>) -> bool {
        std::ptr::eq(self.0.as_ptr(), Arc::as_ptr(old))
            && std::ptr::eq(self.1.as_ptr(), Arc::as_ptr(new))
    }
}

/// What the asker does about the pair after looking at the last comparison.
pub(super) enum Next {
    Ratio(f64),
    Take(Option<Arc<Comparison>>),
    Compare,
    Wait,
}

/// What became of a comparison this asker made.
#[derive(PartialEq, Eq)]
enum Finished {
    /// Kept as the last comparison.
    Recorded,
    /// The interface has since compared another pair: used, not kept.
    Unrecorded,
    /// The interface took this pair over meanwhile: dropped, the interface's waited for.
    TakenOver,
}

impl AnalysisCache {
    /// The share of `new` reused from `old`: from the comparison kept or under way for
    /// them, else from comparing them now and keeping the comparison for opening the pair.
    pub fn copy_ratio(&self, old: &Arc<Report>, new: &Arc<Report>) -> f64 {
        loop {
            let mut state = self.shared.lock();
            match self.next(&mut state, old, new, false) {
                Next::Ratio(ratio) => return ratio,
                Next::Wait => {
                    drop(self.shared.wait(state));
                    continue;
                }
                Next::Take(_) | Next::Compare => {}
            }
            drop(state);
            let running = Running {
                cache: self,
                old,
                new,
            };
            let comparison = Arc::new(compare::compare(old, new));
            let ratio = comparison.scores.copy_ratio;
            if running.finish(ratio, Some(comparison)) != Finished::TakenOver {
                return ratio;
            }
        }
    }

    /// The comparison of `old` with `new` to open the pair: the one kept (the summary
    /// made it) taken out of the cache, else made now, the background's comparison of the
    /// same pair under way taken over rather than waited for; the copy ratio stays kept.
    pub fn comparison(&self, old: &Arc<Report>, new: &Arc<Report>) -> Comparison {
        loop {
            let mut state = self.shared.lock();
            match self.next(&mut state, old, new, true) {
                Next::Take(Some(made)) => {
                    return Arc::try_unwrap(made).unwrap_or_else(|kept| Comparison::clone(&kept));
                }
                Next::Wait => {
                    drop(self.shared.wait(state));
                    continue;
                }
                Next::Ratio(_) | Next::Take(None) | Next::Compare => {}
            }
            drop(state);
            let running = Running {
                cache: self,
                old,
                new,
            };
            let comparison = compare::compare(old, new);
            if running.finish(comparison.scores.copy_ratio, None) != Finished::TakenOver {
                return comparison;
            }
        }
    }

    /// Reads the last comparison for this pair and, when this asker is to compare,
    /// marks the comparison as under way by it. The background waits for any comparison
    /// the interface has under way; the interface waits for none of the background's.
    pub(super) fn next(
        &self,
        state: &mut State,
        old: &Arc<Report>,
        new: &Arc<Report>,
        whole: bool,
    ) -> Next {
        let next = match &mut state.compared {
            Compared::Done {
                pair, comparison, ..
            } if whole && pair.is(old, new) => Next::Take(comparison.take()),
            Compared::Done {
                pair, copy_ratio, ..
            } if pair.is(old, new) => Next::Ratio(*copy_ratio),
            Compared::Running { pair, by } if pair.is(old, new) => {
                if self.asker.takes_over(*by) {
                    Next::Compare
                } else {
                    Next::Wait
                }
            }
            Compared::Running {
                by: Asker::Interface,
                ..
            } if self.asker == Asker::Background => Next::Wait,
            _ => Next::Compare,
        };
        if matches!(next, Next::Compare | Next::Take(None)) {
            state.compared = Compared::Running {
                pair: WeakPair::of(old, new),
                by: self.asker,
            };
        }
        next
    }
}

/// A comparison under way by this asker; dropped unfinished (a panic), it is marked
/// as no longer under way, so no one waits for it.
struct Running<'a> {
    cache: &'a AnalysisCache,
    old: &'a Arc<Report>,
    new: &'a Arc<Report>,
}

impl Running<'_> {
    fn is_mine(&self, state: &State) -> bool {
        matches!(&state.compared, Compared::Running { pair, by }
            if pair.is(self.old, self.new) && *by == self.cache.asker)
    }

    /// Records the comparison made, when the last comparison is still this one's; those
    /// waiting are woken when `self` is dropped.
    fn finish(self, copy_ratio: f64, comparison: Option<Arc<Comparison>>) -> Finished {
        let mut state = self.cache.shared.lock();
        if self.is_mine(&state) {
            state.compared = Compared::Done {
                pair: WeakPair::of(self.old, self.new),
                copy_ratio,
                comparison,
            };
            Finished::Recorded
        } else if matches!(&state.compared, Compared::Running { pair, .. } if pair.is(self.old, self.new))
        {
            Finished::TakenOver
        } else {
            Finished::Unrecorded
        }
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        let mut state = self.cache.shared.lock();
        if self.is_mine(&state) {
            state.compared = Compared::Nothing;
        }
        drop(state);
        self.cache.shared.notify();
    }
}
