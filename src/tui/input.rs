//! Reading the terminal on a thread of its own. A terminal that went away (the SSH
//! connection dropped, the tmux session killed) ends the interface: crossterm's reader
//! would spin on the end-of-file or `EIO` of a hung-up terminal without returning, so the
//! terminal is watched here first and only read when it has input.

use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::Event as TermEvent;

use super::Event;

/// The most terminal events read in one go; more wait for the next.
const MAX_BURST: usize = 4096;

/// How long one wait for input lasts before crossterm is asked for a resize, which it
/// learns from a signal rather than from the terminal.
const WAKE: Duration = Duration::from_millis(100);

/// Reads terminal events on their own thread so the loop can wait on one channel. The
/// events already read when one arrives are sent with it, so keys that came together
/// (a paste without bracketed paste) stay together. A terminal that cannot be read any
/// more sends [`Event::Stop`].
pub fn spawn(events: mpsc::Sender<Event>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("nianbao-input".to_string())
        .spawn(move || {
            loop {
                match read_burst() {
                    Ok(burst) => {
                        if events.send(Event::Terminal(burst)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        tracing::info!("the terminal went away: {e}");
                        let _ = events.send(Event::Stop);
                        return;
                    }
                }
            }
        })?;
    Ok(())
}

/// Waits for a terminal event, then takes those already waiting behind it.
fn read_burst() -> std::io::Result<Vec<TermEvent>> {
    while !event_ready()? {
        wait_for_input(WAKE)?;
    }
    let mut burst = vec![crossterm::event::read()?];
    while burst.len() < MAX_BURST && event_ready()? {
        burst.push(crossterm::event::read()?);
    }
    Ok(burst)
}

/// Whether crossterm has an event to hand over now, asked only of a live terminal.
fn event_ready() -> std::io::Result<bool> {
    wait_for_input(Duration::ZERO)?;
    crossterm::event::poll(Duration::ZERO)
}

/// Waits up to `limit` for input on standard input (the interface only runs when it is
/// a terminal); an error when the terminal hung up or the descriptor is gone.
#[cfg(unix)]
fn wait_for_input(limit: Duration) -> std::io::Result<()> {
    let mut watched = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(limit.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, its count 1, for the duration of the call.
    let ready = unsafe { libc::poll(&mut watched, 1, millis) };
    if ready < 0 {
        let error = std::io::Error::last_os_error();
        return match error.kind() {
            std::io::ErrorKind::Interrupted => Ok(()),
            _ => Err(error),
        };
    }
    if watched.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::BrokenPipe,
            "the terminal hung up",
        ));
    }
    Ok(())
}

/// Elsewhere crossterm's own wait is the only one.
#[cfg(not(unix))]
fn wait_for_input(limit: Duration) -> std::io::Result<()> {
    crossterm::event::poll(limit).map(|_| ())
}
