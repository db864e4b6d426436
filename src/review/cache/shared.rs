//! What the handles of one analysis cache share: the analysed reports kept, the
//! analyses under way and who makes them, and the last comparison. One lock guards it
//! and one condition variable wakes whoever waits for an analysis or comparison under
//! way; nothing slow runs while the lock is held.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use super::compared::Compared;
use crate::report::Report;
use crate::store::ReportKey;

/// How many analysed reports are kept: enough for stepping through a township's years
/// and back while the list's summaries run.
const KEPT: usize = 48;

/// How much report text the analyses kept may hold beyond the two used last (an
/// analysis takes some twenty times its text): a few huge reports do not stay in memory
/// after the reviewer has moved on, however many small ones fit.
const KEPT_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Who asks for an analysis: the interface (the worker, or a command) is never made to
/// wait for the background (the township list's summaries, on a low-priority thread).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    Interface,
    Background,
}

impl Asker {
    /// Whether this asker goes ahead with work `other` has under way rather than wait
    /// for it: the interface takes over the background's work.
    pub(super) fn takes_over(self, other: Asker) -> bool {
        self == Asker::Interface && other == Asker::Background
    }
}

/// The lock and the condition variable of one cache.
#[derive(Debug, Default)]
pub(super) struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    /// The state, even after a thread panicked holding it (every change to it is made
    /// whole under the lock, so it is never left half-changed).
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until another thread changes the state.
    pub(super) fn wait<'a>(&self, state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed.wait(state).unwrap_or_else(|e| e.into_inner())
    }

    /// Wakes every thread waiting for a change.
    pub(super) fn notify(&self) {
        self.changed.notify_all();
    }
}

/// Reports kept and under way, and the last comparison.
#[derive(Debug, Default)]
pub(super) struct State {
    pub reports: HashMap<i64, Slot>,
    /// Ticks on every use, to find the least recently used entry.
    pub clock: u64,
    pub compared: Compared,
    /// Reports analysed and kept (and analysed for a stale-year check alone).
    pub analyses: usize,
}

/// A report version in the cache: analysed, or being analysed by someone.
#[derive(Debug)]
pub(super) enum Slot {
    Kept(Kept),
    Running(Asker),
}

/// An analysed report with what it was analysed from.
#[derive(Debug)]
pub(super) struct Kept {
    pub report: Arc<Report>,
    pub key: ReportKey,
    /// The row id of the report its stale years were read against.
    pub against: Option<i64>,
    pub used: u64,
}

impl State {
    /// The kept analysis of `id`, marked used.
    pub(super) fn touch(&mut self, id: i64) -> Option<Arc<Report>> {
        self.clock += 1;
        match self.reports.get_mut(&id) {
            Some(Slot::Kept(kept)) => {
                kept.used = self.clock;
                Some(Arc::clone(&kept.report))
            }
            _ => None,
        }
    }

    /// Keeps an analysis, counting it, and drops the least recently used analyses while
    /// more than [`KEPT`] are kept or, beyond the two used last, they hold more than
    /// [`KEPT_TEXT_BYTES`] of text.
    pub(super) fn keep(
        &mut self,
        id: i64,
        key: ReportKey,
        against: Option<i64>,
        report: &Arc<Report>,
    ) {
        self.analyses += 1;
        self.clock += 1;
        let kept = Kept {
            report: Arc::clone(report),
            key,
            against,
            used: self.clock,
        };
        self.reports.insert(id, Slot::Kept(kept));
        while self.over_budget() {
            if !self.drop_least_recent() {
                break;
            }
        }
    }

    fn kept(&self) -> impl Iterator<Item = (i64, &Kept)> {
        self.reports.iter().filter_map(|(&id, slot)| match slot {
            Slot::Kept(kept) => Some((id, kept)),
            Slot::Running(_) => None,
        })
    }

    fn over_budget(&self) -> bool {
        let mut by_use: Vec<(u64, usize)> = self
            .kept()
            .map(|(_, k)| (k.used, k.report.text.len()))
            .collect();
        if by_use.len() > KEPT {
            return true;
        }
        by_use.sort_unstable_by_key(|&(used, _)| std::cmp::Reverse(used));
        by_use
            .iter()
            .skip(2)
            .map(|&(_, bytes)| bytes)
            .sum::<usize>()
            > KEPT_TEXT_BYTES
    }

    /// Drops the least recently used analysis; false when none is kept.
    fn drop_least_recent(&mut self) -> bool {
        let oldest = self.kept().min_by_key(|(_, k)| k.used).map(|(id, _)| id);
        match oldest {
            Some(id) => self.reports.remove(&id).is_some(),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Metadata;

    /// A short report whose text is padded to `bytes`: what the budget weighs.
    fn report(bytes: usize) -> Arc<Report> {
        let mut report = Report::analyze("短报告。", Metadata::default(), Vec::new());
        report.text = "x".repeat(bytes);
        Arc::new(report)
    }

    fn key(year: i32) -> ReportKey {
        ReportKey {
            township: "样例镇".to_string(),
            county: String::new(),
            year,
        }
    }

    #[test]
    fn long_reports_are_dropped_beyond_the_two_used_last() {
        let long = KEPT_TEXT_BYTES * 3 / 5;
        let mut state = State::default();
        state.keep(1, key(2019), None, &report(long));
        state.keep(2, key(2020), None, &report(long));
        state.keep(3, key(2021), None, &report(12));
        assert_eq!(
            state.reports.len(),
            3,
            "one long report beyond the last two fits"
        );
        state.keep(4, key(2022), None, &report(long));
        assert!(
            state.touch(1).is_none(),
            "the oldest long report is dropped"
        );
        assert!(state.touch(2).is_some() && state.touch(3).is_some());
        assert_eq!(state.analyses, 4);
    }

    #[test]
    fn at_most_kept_reports_are_kept() {
        let mut state = State::default();
        let short = report(12);
        for id in 0..(KEPT as i64 + 5) {
            state.keep(id, key(2000), None, &short);
        }
        assert_eq!(state.reports.len(), KEPT);
        assert!(state.touch(0).is_none() && state.touch(KEPT as i64 + 4).is_some());
    }
}
