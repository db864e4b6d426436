//! Shared harness for integration tests: they run the real `nianbao` binary against a
//! temporary store, as a user would.
#![allow(dead_code)]

pub mod tmux;
pub mod unwritable;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// A temporary directory with its own store; dropped at the end of the test.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    /// A fresh, empty environment.
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("create a temporary directory"),
        }
    }

    /// The store file used by [`TestEnv::cmd`].
    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store").join("nianbao.db")
    }

    /// A path inside the environment's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the environment's directory and returns its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directory");
        }
        std::fs::write(&path, bytes).expect("write test file");
        path
    }

    /// `import --json ARGS CORPUS` started in the background with `envs` set, for tests
    /// of what happens beside an import: its stdout dropped, its stderr kept to read.
    pub fn start_import(&self, corpus: &Path, args: &[&str], envs: &[(&str, &str)]) -> Child {
        self.cmd()
            .envs(envs.iter().copied())
            .args(["import", "--json"])
            .args(args)
            .arg(corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start importer")
    }

    /// The binary with this environment's store, Chinese UI and no colours.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
        cmd.env("NIANBAO_STORE", self.store())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .env("NO_COLOR", "1")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"));
        cmd
    }

    /// Another program (a shell, a user switcher) run with this environment's variables,
    /// for tests that start the binary through it.
    pub fn wrapped(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let base = self.cmd();
        let mut cmd = Command::new(program);
        for (key, value) in base.get_envs() {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        cmd
    }

    /// Runs the binary with `args` and returns its output.
    pub fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd().args(args).output().expect("run nianbao")
    }

    /// Imports the one small report notes are written on (甲山镇 2021) and checks it landed.
    pub fn import_note_target(&self) {
        let file = self.write(
            "seed.txt",
            "甲山镇2021年法治政府建设年度报告\n一、主要举措和成效\n开展宣传12次。\n".as_bytes(),
        );
        let out = self.run(["import".as_ref(), file.as_os_str()]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }

    /// Writes a synthetic corpus into the folder `name` with `bench-corpus` and its
    /// `options` (`--reports N`, `--seed S`, ...), and gives the folder.
    pub fn bench_corpus(&self, name: &str, options: &[&str]) -> PathBuf {
        let folder = self.path(name);
        let made = self.run(
            ["bench-corpus"]
                .iter()
                .chain(options)
                .map(std::ffi::OsStr::new)
                .chain([std::ffi::OsStr::new("--out"), folder.as_os_str()]),
        );
        assert_eq!(code(&made), 0, "{}", stderr(&made));
        folder
    }
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Standard output parsed as JSON; fails the test with stderr when it is not.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}; stdout: {}",
            stderr(output),
            stdout(output)
        )
    })
}

/// The exit code, or -1 when killed by a signal.
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// Runs `args` and checks it was refused as a user reads a refusal: exit 2, nothing on
/// stdout, one line on stderr holding each of `names`.
pub fn expect_refusal(env: &TestEnv, args: &[&str], names: &[&str]) {
    let out = env.run(args);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    for name in names {
        assert!(err.contains(name), "{args:?} names {name}: {err}");
    }
}

/// A store of 200 synthetic reports (`bench-corpus`), two years to a township: enough
/// reports for output that streams or pages to be seen doing so.
pub fn synthetic_store() -> TestEnv {
    let env = TestEnv::new();
    let corpus = env.path("corpus");
    let made = env.run(
        ["bench-corpus", "--reports", "200", "--years", "2", "--out"]
            .iter()
            .map(std::ffi::OsStr::new)
            .chain([corpus.as_os_str()]),
    );
    assert_eq!(code(&made), 0, "bench-corpus: {}", stderr(&made));
    let imported = env.run([std::ffi::OsStr::new("import"), corpus.as_os_str()]);
    assert_eq!(code(&imported), 0, "import: {}", stderr(&imported));
    env
}

/// The shared corpus (`NIANBAO_CORPUS`, else `../shared/corpus`). When it is absent the
/// test is skipped with a notice, unless `NIANBAO_REQUIRE_CORPUS=1` (as in CI).
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    if std::env::var("NIANBAO_REQUIRE_CORPUS").is_ok_and(|v| v == "1") {
        panic!("corpus not found at {}", dir.display());
    }
    eprintln!(
        "notice: corpus not found at {}; test skipped",
        dir.display()
    );
    None
}

/// The seed report files, sorted by name.
pub fn seed_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("seeds"))
        .expect("read seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Every file under `dir`, in its subfolders too, sorted by path: a generated corpus's
/// reports in a stable order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The gold truth for the seeds.
pub fn gold(corpus: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(corpus.join("gold/seeds.json")).expect("read gold");
    serde_json::from_str(&text).expect("parse gold")
}

/// Whether an outside program the export tests open files with is usable: `true` when
/// it is; otherwise the reason is printed and the test skips, unless
/// `NIANBAO_REQUIRE_EXPORT_TOOLS=1` (as in CI), which makes a missing tool a failure.
pub fn export_tool(program: &str, probe: &[&str]) -> bool {
    let works = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return true;
    }
    let reason = format!("`{program} {}` does not run", probe.join(" "));
    if std::env::var("NIANBAO_REQUIRE_EXPORT_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{reason}, and NIANBAO_REQUIRE_EXPORT_TOOLS=1 requires it");
    }
    eprintln!("notice: {reason}; test skipped");
    false
}

/// Checks that `search` counts exactly the stored reports whose text holds `phrase`
/// (one some of them hold, long enough for the full-text index to answer it), however
/// far the index is behind the store.
pub fn search_finds_what_the_texts_hold(env: &TestEnv, phrase: &str) {
    let store = nianbao::store::Store::open(&env.store()).expect("store opens");
    let keys = store.report_keys().expect("report keys");
    let want = keys
        .iter()
        .filter(|(_, key)| {
            let report = store.report(key).expect("read report").expect("report");
            report.text.contains(phrase)
        })
        .count();
    assert!(want > 0, "no report holds {phrase}");
    let out = env.run(["search", phrase, "--json", "--limit", "1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(crate::common::json(&out)["total"], want);
}
