//! The real binary in a tmux session of its own, for end-to-end tests of the review
//! interface. Skipped with a notice when tmux is absent, unless `NIANBAO_REQUIRE_TMUX=1`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use super::{TestEnv, code, stderr};

/// How long to wait for the screen to show something before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("NIANBAO_REQUIRE_TMUX").is_ok_and(|v| v == "1") {
            panic!("tmux is required (NIANBAO_REQUIRE_TMUX=1) but not installed");
        }
        eprintln!("notice: tmux not found; end-to-end test skipped");
    }
    found
}

/// A tmux server of its own (private socket) running one session.
pub struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    /// Runs `nianbao ARGS` in a `width` × `height` session; when it exits, the shell
    /// prints its exit code and waits.
    pub fn start(env: &TestEnv, width: u16, height: u16, extra: &[(&str, &str)]) -> Tmux {
        let command = format!(
            "{} '{}'; echo NIANBAO_EXIT=$?; exec sleep 600",
            Self::environment(env, extra),
            env!("CARGO_BIN_EXE_nianbao"),
        );
        Self::launch(env, width, height, &command)
    }

    /// An interactive shell with job control, for suspending and resuming with `fg`.
    pub fn start_shell(env: &TestEnv, width: u16, height: u16) -> Tmux {
        let command = format!(
            "{} PS1='nb-shell$ ' bash --norc --noprofile -i",
            Self::environment(env, &[])
        );
        Self::launch(env, width, height, &command)
    }

    /// `env -u … VAR='value' …` for the program under test.
    pub fn environment(env: &TestEnv, extra: &[(&str, &str)]) -> String {
        let mut vars = vec![
            (
                "NIANBAO_STORE".to_string(),
                env.store().display().to_string(),
            ),
            ("HOME".to_string(), env.dir.path().display().to_string()),
            (
                "XDG_CONFIG_HOME".to_string(),
                env.path("config").display().to_string(),
            ),
            (
                "XDG_STATE_HOME".to_string(),
                env.path("state").display().to_string(),
            ),
            (
                "XDG_CACHE_HOME".to_string(),
                env.path("cache").display().to_string(),
            ),
            ("LANG".to_string(), "zh_CN.UTF-8".to_string()),
            ("USER".to_string(), "tester".to_string()),
            ("TERM".to_string(), "tmux-256color".to_string()),
            ("RUST_BACKTRACE".to_string(), "0".to_string()),
        ];
        vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let assignments: Vec<String> = vars.iter().map(|(k, v)| format!("{k}='{v}'")).collect();
        format!("env -u LC_ALL -u NO_COLOR {}", assignments.join(" "))
    }

    pub fn launch(env: &TestEnv, width: u16, height: u16, script: &str) -> Tmux {
        let socket = env.path(&format!("tmux-{width}x{height}-{}.sock", unique()));
        let status = Command::new("tmux")
            .args(["-u", "-S"])
            .arg(&socket)
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "nb", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(script)
            .status()
            .expect("start tmux");
        assert!(status.success(), "tmux new-session failed");
        Tmux { socket }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "nb"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "nb", "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "nb"])
    }

    /// The screen with its SGR escapes, to check how a row is drawn.
    pub fn styled_screen(&self) -> String {
        self.tmux(&["capture-pane", "-e", "-p", "-t", "nb"])
    }

    pub fn format(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "nb", format])
            .trim()
            .to_string()
    }

    /// Waits until the screen satisfies `ready`, and returns it.
    pub fn wait(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.wait_every(Duration::from_millis(50), what, ready)
    }

    /// Waits for a screen that shows only for a moment (a search's answer so far, for
    /// tens of milliseconds on a fast machine), reading it again as soon as it is read.
    pub fn wait_closely(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.wait_every(Duration::ZERO, what, ready)
    }

    fn wait_every(&self, pause: Duration, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(pause);
        }
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait(needle, |s| s.contains(needle))
    }

    /// Waits for the program to exit and checks the terminal was left as it was.
    pub fn expect_clean_exit(&self, exit_code: i32) -> String {
        let screen = self.wait("the exit code", |s| {
            s.lines().any(|l| {
                l.strip_prefix("NIANBAO_EXIT=")
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            })
        });
        assert!(
            screen.contains(&format!("NIANBAO_EXIT={exit_code}")),
            "exit code: {screen}"
        );
        assert_eq!(self.format("#{alternate_on}"), "0", "alternate screen left");
        assert_eq!(self.format("#{cursor_flag}"), "1", "cursor visible");
        screen
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

pub fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

/// The demo county in the environment's store, built by `nianbao demo`.
pub fn demo_store(env: &TestEnv) {
    let dir = env
        .store()
        .parent()
        .map(Path::to_path_buf)
        .expect("store folder");
    let out = env
        .cmd()
        .arg("demo")
        .arg("--dir")
        .arg(&dir)
        .arg("--no-tui")
        .output()
        .expect("run nianbao demo");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}
