//! What handling an action gives back. Each handler says whether it changed anything
//! ([`Handled`]), and [`super::App::update`] returns what the runtime must do next
//! ([`Effect`]): send jobs to the worker, draw, repaint, suspend or quit.

use crate::tui::jobs::{Job, Request, RequestId};

/// Something the runtime does after an update, in the order `update` lists them.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Send a job to the worker thread.
    Send(Request),
    /// Clear the terminal and draw every cell again (`Ctrl-L`).
    Repaint,
    /// Stop the process as `Ctrl-Z` does in a shell, then take the screen back.
    Suspend,
    /// Leave the interface.
    Quit,
    /// The state changed: draw a frame.
    Draw,
}

/// Whether an action changed the state. Only a change asks for a frame, so a key that
/// means nothing where it is pressed costs no drawing.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Changed,
    /// The action did not apply; the state is as it was.
    Ignored,
}

impl Handled {
    /// `Changed` when `changed` is true.
    pub fn when(changed: bool) -> Handled {
        if changed {
            Handled::Changed
        } else {
            Handled::Ignored
        }
    }

    /// `Changed` when either is.
    pub fn or(self, other: Handled) -> Handled {
        Handled::when(self == Handled::Changed || other == Handled::Changed)
    }
}

/// The effects of the update in progress, and the numbering of requests across updates
/// (answers carry the number back, so stale ones are known).
#[derive(Debug, Default)]
pub struct Effects {
    last_id: RequestId,
    pending: Vec<Effect>,
}

impl Effects {
    /// Asks for `job` to be sent; returns the id its answer will carry.
    pub fn send(&mut self, job: Job) -> RequestId {
        self.last_id += 1;
        self.pending.push(Effect::Send(Request {
            id: self.last_id,
            job,
        }));
        self.last_id
    }

    /// Asks the runtime for something done to the terminal or the process.
    pub fn push(&mut self, effect: Effect) {
        self.pending.push(effect);
    }

    /// Everything asked for during the update, with a frame when it changed the state.
    pub fn take(&mut self, handled: Handled) -> Vec<Effect> {
        let mut effects = std::mem::take(&mut self.pending);
        if handled == Handled::Changed {
            effects.push(Effect::Draw);
        }
        effects
    }
}
