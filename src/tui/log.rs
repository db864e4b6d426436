//! The interface's log: `nianbao.log` in the state (or cache) directory, never the
//! terminal. It is capped: past [`LOG_CAP`] bytes it becomes `nianbao.log.1` (replacing
//! the one before) and a new file starts. A settings problem is logged the first time
//! it is seen, not on every start; the problems seen at the last start are remembered
//! (as hashes) in [`KNOWN_PROBLEMS`] beside the log.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::config::Paths;

/// Bytes a log file holds before it is rotated.
pub const LOG_CAP: u64 = 1024 * 1024;

/// The log's file name; the rotated one adds `.1`.
pub const LOG_FILE: &str = "nianbao.log";

/// Hashes of the settings problems logged at the last start, one per line.
const KNOWN_PROBLEMS: &str = "logged-problems";

/// The most new problems written to the log at one start; the rest are counted.
const MAX_PROBLEMS_LOGGED: usize = 50;

/// Starts logging (`NIANBAO_LOG` sets the level, `info` by default). Without a writable
/// directory there is no log, and the interface runs anyway. Keep the guard alive while
/// the interface runs: dropping it writes what is queued.
pub fn init(paths: &Paths) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = paths.log_dir.as_ref()?;
    std::fs::create_dir_all(dir).ok()?;
    let file = CappedFile::open(dir.join(LOG_FILE), LOG_CAP).ok()?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    let level = std::env::var("NIANBAO_LOG")
        .ok()
        .and_then(|l| l.parse::<tracing_subscriber::filter::LevelFilter>().ok())
        .unwrap_or(tracing_subscriber::filter::LevelFilter::INFO);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    Some(guard)
}

/// Logs the settings problems not logged at the last start, at most
/// [`MAX_PROBLEMS_LOGGED`] of them, and remembers this start's problems.
pub fn problems(paths: &Paths, lines: &[String]) {
    let known_file = paths.log_dir.as_ref().map(|d| d.join(KNOWN_PROBLEMS));
    let known: HashSet<String> = known_file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let hashes: Vec<String> = lines.iter().map(|line| problem_hash(line)).collect();
    let new: Vec<&String> = lines
        .iter()
        .zip(&hashes)
        .filter(|(_, hash)| !known.contains(*hash))
        .map(|(line, _)| line)
        .collect();
    for line in new.iter().take(MAX_PROBLEMS_LOGGED) {
        tracing::warn!("{line}");
    }
    if new.len() > MAX_PROBLEMS_LOGGED {
        tracing::warn!(
            "{} more settings problems not logged",
            new.len() - MAX_PROBLEMS_LOGGED
        );
    }
    let current: HashSet<&String> = hashes.iter().collect();
    if (current.len() != known.len() || !new.is_empty())
        && let Some(file) = known_file
    {
        let mut text = hashes.join("\n");
        text.push('\n');
        if let Err(e) = std::fs::write(&file, text) {
            tracing::warn!("cannot write {}: {e}", file.display());
        }
    }
}

/// A short, stable name for a problem line.
fn problem_hash(line: &str) -> String {
    let digest = Sha256::digest(line.as_bytes());
    hex::encode(&digest[..8])
}

/// A log file that is moved to `NAME.1` once it holds `cap` bytes.
pub struct CappedFile {
    path: PathBuf,
    file: File,
    written: u64,
    cap: u64,
}

impl CappedFile {
    /// Opens `path` for appending, rotating it first when it is already full.
    pub fn open(path: PathBuf, cap: u64) -> std::io::Result<CappedFile> {
        let (file, written) = append_to(&path)?;
        let mut capped = CappedFile {
            path,
            file,
            written,
            cap,
        };
        if capped.written >= cap {
            capped.rotate()?;
        }
        Ok(capped)
    }

    fn rotate(&mut self) -> std::io::Result<()> {
        std::fs::rename(&self.path, rotated(&self.path))?;
        let (file, written) = append_to(&self.path)?;
        self.file = file;
        self.written = written;
        Ok(())
    }
}

impl Write for CappedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.written > 0 && self.written + buf.len() as u64 > self.cap {
            self.rotate()?;
        }
        let n = self.file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

fn append_to(path: &Path) -> std::io::Result<(File, u64)> {
    let file = OpenOptions::new().create(true).append(true).open(path)?;
    let written = file.metadata()?.len();
    Ok((file, written))
}

/// `NAME.1` beside `NAME`.
fn rotated(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".1");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_log_moves_to_dot_one_and_a_new_one_starts() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join(LOG_FILE);
        let mut log = CappedFile::open(path.clone(), 100).expect("open");
        for i in 0..30 {
            writeln!(log, "line {i:02}").expect("write");
        }
        let current = std::fs::read_to_string(&path).expect("log");
        let previous = std::fs::read_to_string(rotated(&path)).expect("log.1");
        assert!(current.len() <= 100 && previous.len() <= 100);
        assert!(current.ends_with("line 29\n"), "{current}");
        let kept: Vec<&str> = previous.lines().chain(current.lines()).collect();
        let expected: Vec<String> = (30 - kept.len()..30)
            .map(|i| format!("line {i:02}"))
            .collect();
        assert_eq!(kept, expected);
        let files = std::fs::read_dir(dir.path()).expect("folder").count();
        assert_eq!(files, 2, "only the log and one rotated file");
    }
}
