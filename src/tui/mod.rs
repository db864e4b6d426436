//! The keyboard-driven review interface: a reviewer picks a township and reads this
//! year's report beside last year's, with the copying, the figures and the findings in
//! view.
//!
//! Built as the rules of the house ask: one [`action::Action`] enum and one
//! [`app::App::update`], which returns the effects this runtime carries out (jobs for
//! the worker, a frame to draw, suspending, quitting); views are pure functions of the
//! state ([`view`]); store reads, analysis and comparison run on a worker thread
//! ([`worker`], over the review service) whose answers ([`jobs`]) carry the request they answer, so stale ones are dropped
//! and the interface never waits; a frame is drawn only after something changed, and
//! only the visible slice of the text, which is wrapped once per width ([`diff_lines`],
//! [`crate::text::wrap`]).

pub mod action;
pub mod app;
pub mod colors;
pub mod config;
pub mod diff_lines;
pub mod filter;
pub mod help;
mod input;
pub mod jobs;
pub mod keymap;
pub mod labels;
pub mod log;
pub mod pane;
pub mod pane_areas;
mod reuse_jobs;
pub mod searcher;
pub mod summaries;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod worker;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use crossterm::event::{Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind};

use action::Action;
use app::{App, Effect, Settings};
use config::{Config, Paths, ProblemKind};
use jobs::{Request, Response};
use keymap::Keymap;
use theme::{ColorDepth, Theme};

use crate::i18n::{ErrorMsg, Lang, Msg, error_msg, msg};
use crate::review::author::Author;

/// What the command line passes to the interface.
#[derive(Debug, Clone)]
pub struct Options {
    /// The store file.
    pub store: PathBuf,
    /// `--lang`, which wins over the config file and `LANG`.
    pub lang: Option<String>,
    /// `--theme`, which wins over the config file.
    pub theme: Option<String>,
}

/// Lines scrolled per mouse wheel step.
const WHEEL_LINES: i32 = 3;

/// The shortest time between two frames drawn for the list's summaries alone: the
/// reviewer's keys and the answers they wait for are drawn at once, and summaries in
/// between are drawn together at most this often.
const ANSWER_FRAME: Duration = Duration::from_millis(100);

/// Everything the interface loop waits for.
enum Event {
    /// Terminal events that arrived together (one keystroke, or a paste without
    /// bracketed paste, which comes as many keys at once).
    Terminal(Vec<TermEvent>),
    Worker(Response),
    /// SIGTERM, SIGHUP or SIGINT from outside: leave cleanly.
    Stop,
}

/// Runs the review interface until the reviewer quits.
pub fn run(options: Options) -> anyhow::Result<()> {
    let early_lang = Lang::detect(options.lang.as_deref());
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("{}", msg(early_lang, Msg::TuiNotATerminal));
    }
    let paths = Paths::detect();
    let _log = log::init(&paths);
    let (settings, problems) = load_settings(&paths, &options)?;
    let read_only = crate::store::Store::open_for_reading(&options.store)?.is_read_only();
    let lang = settings.lang;
    let mut session = terminal::enter(settings.config.mouse)
        .context(error_msg(lang, ErrorMsg::CannotSetUpTerminal))?;
    let result = event_loop(&mut session, settings, problems, read_only, &options);
    drop(session);
    result
}

/// Reads config, theme and keys; problems are logged (once) and returned for the status
/// line.
fn load_settings(paths: &Paths, options: &Options) -> anyhow::Result<(Settings, Vec<String>)> {
    let (config, mut problems) = Config::load(paths);
    let lang = Lang::detect(options.lang.as_deref().or(config.lang.as_deref()));
    let theme_name = options
        .theme
        .clone()
        .unwrap_or_else(|| config.theme.clone());
    let (theme, theme_problems) = Theme::load(&theme_name, paths, ColorDepth::detect());
    if options.theme.is_some()
        && theme_problems
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::UnknownTheme(_)))
    {
        bail!(
            "{}",
            crate::i18n::fill(msg(lang, Msg::TuiUnknownThemeFlag), &[&theme_name])
        );
    }
    problems.extend(theme_problems);
    let (keymap, key_problems) = Keymap::load(paths);
    problems.extend(key_problems);
    let home = std::env::var("HOME").ok().filter(|h| h.len() > 1);
    let described: Vec<String> = problems
        .iter()
        .map(|p| {
            let line = p.describe(lang);
            match &home {
                Some(home) if line.starts_with(home.as_str()) => {
                    format!("~{}", &line[home.len()..])
                }
                _ => line,
            }
        })
        .collect();
    log::problems(paths, &described);
    let author = Author::resolve(config.author.as_deref());
    Ok((
        Settings {
            lang,
            theme,
            keymap,
            config,
            author,
        },
        described,
    ))
}

fn event_loop(
    session: &mut terminal::Session,
    settings: Settings,
    problems: Vec<String>,
    read_only: bool,
    options: &Options,
) -> anyhow::Result<()> {
    let lang = settings.lang;
    let (events, inbox) = mpsc::channel::<Event>();
    let (requests, worker_inbox) = mpsc::channel();
    let answers = events.clone();
    let author = settings.author.name.clone();
    worker::spawn(options.store.clone(), author, worker_inbox, move |r| {
        let _ = answers.send(Event::Worker(r));
    })
    .context(error_msg(lang, ErrorMsg::CannotStartWorker))?;
    input::spawn(events.clone()).context(error_msg(lang, ErrorMsg::CannotStartInput))?;
    spawn_signals(events);

    let size = session.terminal.size()?;
    let mut app = App::new(settings, (size.width, size.height));
    app.report_problems(problems);
    if read_only {
        let shown = options.store.display().to_string();
        app.status = Some(app::Status {
            text: crate::i18n::fill(msg(app.lang(), Msg::StoreReadOnly), &[&shown]),
            error: true,
        });
    }
    tracing::info!(store = %options.store.display(), read_only, "review interface started");
    let mut effects = app.update(Action::Reload);
    let mut frames = Frames::default();
    let mut urgent = true;
    loop {
        let Flow::Go { draw } = carry_out(session, &requests, effects, lang)? else {
            break;
        };
        frames.due |= draw;
        if frames.due && (urgent || frames.may_draw()) {
            frames.draw(session, &app)?;
        }
        let event = match frames.wait() {
            Some(wait) => match inbox.recv_timeout(wait) {
                Ok(event) => event,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    (effects, urgent) = (Vec::new(), false);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
            None => match inbox.recv() {
                Ok(event) => event,
                Err(_) => break,
            },
        };
        urgent = !is_background(&event);
        effects = handle(&mut app, event);
        while !effects.iter().any(stops_reading)
            && let Ok(event) = inbox.try_recv()
        {
            urgent |= !is_background(&event);
            effects.extend(handle(&mut app, event));
        }
    }
    tracing::info!("review interface closed");
    Ok(())
}

/// When frames are drawn: at once after the reviewer did something or an answer came,
/// at most every [`ANSWER_FRAME`] for summaries alone.
#[derive(Default)]
struct Frames {
    /// Something changed since the last frame.
    due: bool,
    last: Option<Instant>,
}

impl Frames {
    /// True when a frame for summaries alone may be drawn now.
    fn may_draw(&self) -> bool {
        self.last.is_none_or(|last| last.elapsed() >= ANSWER_FRAME)
    }

    /// How long the loop may wait for an event before drawing the frame that is due;
    /// `None` when none is.
    fn wait(&self) -> Option<Duration> {
        let last = self.last.filter(|_| self.due)?;
        Some(ANSWER_FRAME.saturating_sub(last.elapsed()))
    }

    fn draw(&mut self, session: &mut terminal::Session, app: &App) -> anyhow::Result<()> {
        session.terminal.draw(|frame| view::draw(frame, app))?;
        if self.last.is_none() {
            debug_panic_after_first_frame();
        }
        self.due = false;
        self.last = Some(Instant::now());
        Ok(())
    }
}

/// What the loop does after carrying out effects.
enum Flow {
    /// Goes on, drawing a frame first when asked.
    Go {
        draw: bool,
    },
    Quit,
}

/// Carries out the effects of updates in order: jobs go to the worker, the terminal is
/// suspended or repainted; a frame is due after any of those but a job.
fn carry_out(
    session: &mut terminal::Session,
    requests: &mpsc::Sender<Request>,
    effects: Vec<Effect>,
    lang: Lang,
) -> anyhow::Result<Flow> {
    let mut draw = false;
    for effect in effects {
        match effect {
            Effect::Send(request) => {
                if requests.send(request).is_err() {
                    bail!("{}", error_msg(lang, ErrorMsg::WorkerStopped));
                }
            }
            Effect::Quit => return Ok(Flow::Quit),
            Effect::Suspend => {
                terminal::suspend(session)?;
                draw = true;
            }
            Effect::Repaint => {
                terminal::repaint(session)?;
                draw = true;
            }
            Effect::Draw => draw = true,
        }
    }
    Ok(Flow::Go { draw })
}

/// True for the answers nobody waits for: the list's summaries filling in.
fn is_background(event: &Event) -> bool {
    matches!(
        event,
        Event::Worker(Response {
            reply: jobs::Reply::Summaries(_),
            ..
        })
    )
}

/// True for effects after which the runtime reads no more events before acting.
fn stops_reading(effect: &Effect) -> bool {
    matches!(effect, Effect::Quit | Effect::Suspend)
}

/// Turns one event into actions, and those into effects.
fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Worker(response) => app.update(Action::Worker(response)),
        Event::Stop => app.update(Action::Quit),
        Event::Terminal(events) => {
            summaries::note_input();
            let mut effects = Vec::new();
            let mut keys = Vec::new();
            for event in events {
                match event {
                    // Ctrl-C always leaves, whatever keys.toml binds it to: it is how a
                    // user gets out of a program that seems stuck.
                    TermEvent::Key(key) if is_ctrl_c(&key) => {
                        effects.extend(app.update(Action::Quit));
                        return effects;
                    }
                    TermEvent::Key(key) if key.kind != KeyEventKind::Release => keys.push(key),
                    TermEvent::Key(_) => {}
                    other => {
                        effects.extend(handle_keys(app, std::mem::take(&mut keys)));
                        if let Some(action) = terminal_action(other) {
                            effects.extend(app.update(action));
                        }
                    }
                }
            }
            effects.extend(handle_keys(app, keys));
            effects
        }
    }
}

/// Keys that arrived together: one is looked up in the keymap, several go to the
/// interface as a burst (which may be a paste).
fn handle_keys(app: &mut App, mut keys: Vec<crossterm::event::KeyEvent>) -> Vec<Effect> {
    match keys.len() {
        0 => Vec::new(),
        1 => match keys.pop().and_then(|key| app.action_for_key(key)) {
            Some(action) => app.update(action),
            None => Vec::new(),
        },
        _ => app.update(Action::Burst(keys)),
    }
}

/// The action of a terminal event other than a key.
fn terminal_action(event: TermEvent) -> Option<Action> {
    Some(match event {
        TermEvent::Resize(width, height) => Action::Resize { width, height },
        TermEvent::Paste(text) => Action::Paste(text),
        TermEvent::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Action::Scroll(WHEEL_LINES),
            MouseEventKind::ScrollUp => Action::Scroll(-WHEEL_LINES),
            MouseEventKind::Down(MouseButton::Left) => Action::Click {
                column: mouse.column,
                row: mouse.row,
            },
            _ => return None,
        },
        _ => return None,
    })
}

fn is_ctrl_c(key: &crossterm::event::KeyEvent) -> bool {
    key.kind == KeyEventKind::Press
        && key.code == crossterm::event::KeyCode::Char('c')
        && key
            .modifiers
            .contains(crossterm::event::KeyModifiers::CONTROL)
}

/// Leaves cleanly on SIGTERM, SIGHUP (the SSH connection dropped) and SIGINT.
fn spawn_signals(events: mpsc::Sender<Event>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            tracing::warn!("cannot watch for signals");
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("nianbao-signals".to_string())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    let _ = events.send(Event::Stop);
                }
            });
        if spawned.is_err() {
            tracing::warn!("cannot watch for signals");
        }
    }
    #[cfg(not(unix))]
    drop(events);
}

/// `NIANBAO_DEBUG_PANIC=1` makes a debug build panic after its first frame, so tests can
/// check that a panic leaves the terminal as it was. Release builds ignore it.
fn debug_panic_after_first_frame() {
    if cfg!(debug_assertions) && std::env::var("NIANBAO_DEBUG_PANIC").is_ok_and(|v| v == "1") {
        panic!("NIANBAO_DEBUG_PANIC=1: panicking after the first frame");
    }
}
