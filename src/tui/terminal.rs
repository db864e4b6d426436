//! Entering and leaving the full-screen terminal. The terminal is restored on every way
//! out: normal exit, error, panic (a hook restores it before the panic message is
//! printed) and suspension with `Ctrl-Z`.

use std::io::{Stdout, Write, stdout};
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{Command, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal the interface draws on.
pub type Tty = Terminal<CrosstermBackend<Stdout>>;

/// Whether mouse capture is on, so a panic restores exactly what was set.
static MOUSE: AtomicBool = AtomicBool::new(false);
/// Whether the terminal is in full-screen mode now.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Leaves full-screen mode on drop, whatever way the interface ends.
pub struct Session {
    /// Dropped by the session itself: see its `Drop`.
    pub terminal: ManuallyDrop<Tty>,
}

impl Drop for Session {
    /// ratatui shows the cursor when its terminal is dropped and prints to stderr when it
    /// cannot, which panics when the terminal went away: the cursor is shown here first,
    /// and a terminal that cannot show it is left undropped as the process ends.
    fn drop(&mut self) {
        restore();
        if self.terminal.show_cursor().is_ok() {
            // SAFETY: the field is never used after this, and this is its only drop.
            unsafe { ManuallyDrop::drop(&mut self.terminal) }
        }
    }
}

/// Enters full-screen mode (raw mode, alternate screen, bracketed paste, the mouse when
/// asked) and installs the panic hook.
pub fn enter(mouse: bool) -> std::io::Result<Session> {
    install_panic_hook();
    MOUSE.store(mouse, Ordering::SeqCst);
    activate()?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok(Session {
        terminal: ManuallyDrop::new(terminal),
    })
}

fn activate() -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(out, ButtonMouse(true))?;
    }
    Ok(())
}

/// Mouse reporting of button presses and the wheel only (xterm mode 1000, SGR
/// coordinates), never every movement (mode 1003), which would send each move of the
/// mouse over SSH.
struct ButtonMouse(bool);

impl Command for ButtonMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        if self.0 {
            f.write_str("\x1b[?1000h\x1b[?1006h")
        } else {
            f.write_str("\x1b[?1006l\x1b[?1000l")
        }
    }

    #[cfg(windows)]
    fn execute_winapi(&self) -> std::io::Result<()> {
        if self.0 {
            crossterm::event::EnableMouseCapture.execute_winapi()
        } else {
            crossterm::event::DisableMouseCapture.execute_winapi()
        }
    }
}

/// Leaves full-screen mode: raw mode off first, then the alternate screen, cursor shown.
/// Safe to call more than once; errors are ignored (there is nothing left to do).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut out = stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, ButtonMouse(false));
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = out.flush();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        tracing::error!(thread = thread.name().unwrap_or("?"), "panic: {info}");
        if thread.name() == Some("main") {
            restore();
            previous(info);
        }
    }));
}

/// Suspends the process as `Ctrl-Z` does in a shell (the terminal's own suspend key is
/// off in raw mode), and takes the screen back when the shell continues it.
pub fn suspend(session: &mut Session) -> std::io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    activate()?;
    repaint(session)
}

/// Clears the screen and makes the next frame draw every cell. Unlike
/// `Terminal::clear`, it never asks the terminal for the cursor position, whose answer
/// the input thread would swallow.
pub fn repaint(session: &mut Session) -> std::io::Result<()> {
    let size = session.terminal.size()?;
    session
        .terminal
        .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}
