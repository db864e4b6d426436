//! Where the commands print for a person. Every string passes [`crate::text::clean`]
//! on its way out, so no byte of a report, a file name or a metadata field acts on the
//! terminal; a failed write (a full disk, a closed pipe) is an error, never a panic; and
//! long output goes through a pager when stdout is a terminal — quitting the pager
//! early ends the command quietly, as a success. `--json` bypasses this and keeps exact
//! strings.

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

use crate::text::clean;

/// Width assumed when stdout is not a terminal and `COLUMNS` does not say.
const DEFAULT_WIDTH: u16 = 100;

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always colour, as when paging through `less -R`.
    Always,
    /// Never colour.
    Never,
}

/// How output may be shown, from the global options.
#[derive(Debug, Clone, Copy)]
pub struct Display {
    pub color: ColorChoice,
    pub pager: bool,
}

impl Display {
    /// Whether colour sequences are written.
    pub fn color(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }

    /// Columns to fill: the terminal's, else `COLUMNS`, else 100.
    pub fn width(&self) -> u16 {
        terminal_width()
    }
}

/// Columns of stdout: the terminal's, else `COLUMNS`, else 100.
pub fn terminal_width() -> u16 {
    if io::stdout().is_terminal()
        && let Ok((width, _)) = crossterm::terminal::size()
    {
        return width;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&w| w > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// Cleaned output on stdout or a pager. Write with `writeln!(out, …)?`; end with
/// [`Out::finish`].
pub struct Out {
    sink: io::BufWriter<Box<dyn Write>>,
    pager: Option<Child>,
    color: bool,
}

impl Out {
    /// Straight to stdout, for output read as it comes (import progress).
    pub fn plain(display: Display) -> Out {
        Out {
            sink: io::BufWriter::new(Box::new(io::stdout())),
            pager: None,
            color: display.color(),
        }
    }

    /// Through `$PAGER` (else `less -FRX`) when stdout is a terminal and paging is on.
    pub fn paged(display: Display) -> Out {
        let mut out = Out::plain(display);
        if display.pager
            && io::stdout().is_terminal()
            && let Some((child, input)) = start_pager()
        {
            ignore_broken_pipe_signal();
            out.sink = io::BufWriter::new(Box::new(PagerInput {
                pipe: input,
                quit: false,
            }));
            out.pager = Some(child);
        }
        out
    }

    /// Whether colour sequences go out.
    pub fn color(&self) -> bool {
        self.color
    }

    /// Writes formatted text, cleaned; the target of `write!` and `writeln!`.
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> anyhow::Result<()> {
        let text = clean::text(&args.to_string());
        Ok(self.sink.write_all(text.as_bytes()).map_err(OutputError)?)
    }

    /// Sends what is buffered, so a line is seen before the next file is read.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        Ok(self.sink.flush().map_err(OutputError)?)
    }

    /// A writer for views that paint their own cleaned cells: text is cleaned, colour
    /// sequences kept when colour is on.
    pub fn painter(&mut self) -> Painter<'_> {
        Painter(self)
    }

    /// True once the pager has been quit: nothing written from now on is read, so long
    /// work done only to be printed (a search reading every report) may stop.
    pub fn pager_quit(&mut self) -> bool {
        self.pager
            .as_mut()
            .is_some_and(|pager| !matches!(pager.try_wait(), Ok(None)))
    }

    /// Flushes, then waits for the pager to be closed.
    pub fn finish(mut self) -> anyhow::Result<()> {
        let flushed = self.sink.flush().map_err(OutputError);
        drop(self.sink);
        if let Some(mut pager) = self.pager.take() {
            // The pager's own exit status is the reader's business, not an error here.
            let _ = pager.wait();
        }
        Ok(flushed?)
    }
}

/// Standard output cannot be written: a full disk, a closed terminal.
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output: {0}")]
pub struct OutputError(pub io::Error);

/// See [`Out::painter`].
pub struct Painter<'a>(&'a mut Out);

impl Write for Painter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let text = if self.0.color {
            clean::painted(&text)
        } else {
            clean::text(&text)
        };
        self.0.sink.write_all(text.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.sink.flush()
    }
}

/// Starts the pager with a pipe to its input; `None` when there is none to start.
fn start_pager() -> Option<(Child, ChildStdin)> {
    let configured = std::env::var("PAGER").ok();
    let mut command = match configured.as_deref().map(str::trim) {
        Some("") | Some("cat") => return None,
        Some(pager) => {
            let mut command = Command::new("sh");
            command.arg("-c").arg(pager);
            command
        }
        None => {
            let mut command = Command::new("less");
            command.arg("-FRX");
            command
        }
    };
    let mut child = command.stdin(Stdio::piped()).spawn().ok()?;
    let input = child.stdin.take()?;
    Some((child, input))
}

/// While a pager reads, a write to it after it was quit must fail with an error the
/// pager's input can recognise, not end the process as the default `SIGPIPE` does
/// (which `main` restores so that `nianbao list | head` ends quietly). Children spawned
/// later get the default back from the standard library.
fn ignore_broken_pipe_signal() {
    #[cfg(unix)]
    // SAFETY: SIG_IGN is a valid disposition; changing it is safe with threads running.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}

/// The pager's input. Once the reader has quit, whatever is written is dropped: the
/// person saw what they wanted, so the command ends as a success instead of an error
/// about a closed pipe.
struct PagerInput {
    pipe: ChildStdin,
    quit: bool,
}

impl PagerInput {
    /// `result` of a write to the pipe, with a closed pipe taken as the reader gone.
    fn unless_quit<T>(&mut self, result: io::Result<T>, dropped: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.quit = true;
                Ok(dropped)
            }
            other => other,
        }
    }
}

impl Write for PagerInput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.quit {
            return Ok(buf.len());
        }
        let written = self.pipe.write(buf);
        self.unless_quit(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.quit {
            return Ok(());
        }
        let flushed = self.pipe.flush();
        self.unless_quit(flushed, ())
    }
}
