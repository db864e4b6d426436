//! An import giving way to other writers. An import holds the store's write lock for a
//! whole batch, and a batch on a large store gathers reports for seconds (see
//! `import_window`); a reviewer saving a note would wait all that time. So a writer
//! that finds the store busy says so before it waits, and an import commits its batch
//! at the next report once someone does, then lets them in before it begins the next.
//!
//! Saying so is holding a shared lock on a file beside the store, `<store>-waiting`,
//! while waiting for the store's lock; an import sees it by failing to lock that file
//! alone. The system releases a lock when its process ends, so a killed writer leaves
//! nothing behind. A writer stopped while it waits (a suspended terminal) would keep
//! its lock: the file's time, set each time a writer starts waiting, ages such a
//! notice out after [`BUSY_TIMEOUT`], the longest any writer waits, so an import
//! gives way to it for that long at most. A store whose
//! folder holds no such file and cannot take one is written as before: its writers
//! wait for the import's batch.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::BUSY_TIMEOUT;

/// Pause between looks at whether the writers an import gave way to are in.
const LET_IN_PAUSE: Duration = Duration::from_millis(2);

/// The file beside the store whose lock says a writer waits.
fn notice_path(store: &Path) -> PathBuf {
    let mut path = store.as_os_str().to_os_string();
    path.push("-waiting");
    PathBuf::from(path)
}

/// Opens the notice file, creating it with the store's permissions (a store shared by
/// a group is written by its members, who must all be able to say they wait); read
/// only when it cannot be written, which locking does not need. `None` when neither.
fn open_notice(store: &Path) -> Option<File> {
    let path = notice_path(store);
    if let Ok(file) = OpenOptions::new().read(true).write(true).open(&path) {
        return Some(file);
    }
    if let Ok(file) = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
    {
        if let Ok(meta) = std::fs::metadata(store) {
            let _ = file.set_permissions(meta.permissions());
        }
        return Some(file);
    }
    OpenOptions::new().read(true).open(&path).ok()
}

/// Begins a write transaction on `conn`, the connection of the store at `store`. When
/// another writer holds the store for longer than `patience`, says so (see the module's
/// doc) and waits for it as long as any write waits.
pub(super) fn begin_write<'c>(
    conn: &'c Connection,
    store: &Path,
    patience: Duration,
) -> rusqlite::Result<Transaction<'c>> {
    conn.busy_timeout(patience)?;
    let quietly = Transaction::new_unchecked(conn, TransactionBehavior::Immediate);
    let begun = match quietly {
        Err(e) if super::busy::is_busy(&e) => {
            let notice = open_notice(store).filter(|file| file.lock_shared().is_ok());
            if let Some(file) = &notice {
                touch(file);
            }
            conn.busy_timeout(BUSY_TIMEOUT)?;
            Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
            // The notice's lock goes with the file, once the transaction has begun.
        }
        other => other,
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    begun
}

/// Sets the notice's time to now by writing a byte: that needs only the right to write
/// it, where setting the time outright needs its owner. A notice whose time cannot be
/// set is seen by imports only while the file's time is recent.
fn touch(file: &File) {
    let mut file = file;
    let _ = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.write_all(b"\n"));
}

/// What an import looks at to give way: the notice file of its store.
pub struct Waiters {
    notice: Option<File>,
}

impl Waiters {
    /// The writers waiting for the store at `store`.
    pub(super) fn of(store: &Path) -> Waiters {
        Waiters {
            notice: open_notice(store),
        }
    }

    /// Whether another writer waits for the store now.
    pub fn someone_waits(&self) -> bool {
        let Some(file) = &self.notice else {
            return false;
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = file.unlock();
                false
            }
            Err(TryLockError::WouldBlock) => file
                .metadata()
                .and_then(|meta| meta.modified())
                .ok()
                .and_then(|set| SystemTime::now().duration_since(set).ok())
                .is_none_or(|age| age < BUSY_TIMEOUT),
            Err(TryLockError::Error(_)) => false,
        }
    }

    /// After a batch committed early for them: returns once the writers that waited
    /// have begun their writes (a writer's retries come up to a tenth of a second
    /// apart, and the import's next batch would otherwise take the store back before).
    pub fn let_in(&self) {
        while self.someone_waits() {
            std::thread::sleep(LET_IN_PAUSE);
        }
    }
}

impl super::Store {
    /// Runs `work` in a write transaction of its own, begun without patience: a
    /// reviewer's note or flag asks a running import to give way at once.
    pub(super) fn write<T>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> super::Result<T> {
        let tx = begin_write(&self.conn, &self.path, Duration::ZERO).map_err(|e| self.err(e))?;
        let done = work(&tx).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(done)
    }

    /// The writers an import run on this store gives way to.
    pub fn waiters(&self) -> Waiters {
        Waiters::of(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer's notice as `begin_write` gives it while it waits.
    fn waiting_writer(store: &Path) -> File {
        let file = open_notice(store).expect("notice file");
        file.lock_shared().expect("shared lock");
        touch(&file);
        file
    }

    #[test]
    fn an_import_sees_a_writer_only_while_it_waits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("s.db");
        let waiters = Waiters::of(&store);
        assert!(!waiters.someone_waits());
        let first = waiting_writer(&store);
        let second = waiting_writer(&store);
        assert!(waiters.someone_waits());
        drop(first);
        assert!(waiters.someone_waits(), "the second still waits");
        drop(second);
        assert!(!waiters.someone_waits());
        waiters.let_in();
    }

    #[test]
    fn a_notice_older_than_any_wait_is_not_seen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("s.db");
        let stopped = waiting_writer(&store);
        let long_ago = SystemTime::now() - BUSY_TIMEOUT - Duration::from_secs(1);
        stopped.set_modified(long_ago).expect("age the notice");
        let waiters = Waiters::of(&store);
        assert!(!waiters.someone_waits());
        waiters.let_in();
    }

    #[test]
    fn a_note_written_while_an_import_holds_the_store_says_it_waits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.db");
        let mut importing = super::super::Store::open(&path).expect("store");
        let waiters = importing.waiters();
        let batch = importing.begin_import().expect("batch");
        std::thread::scope(|scope| {
            let note = scope.spawn(|| {
                let reviewer = super::super::Store::open(&path).expect("store");
                let key = super::super::ReportKey {
                    township: "甲乡".to_string(),
                    county: String::new(),
                    year: 2021,
                };
                reviewer.add_note(&super::super::NewNote {
                    key: &key,
                    section: None,
                    sentence: None,
                    excerpt: "",
                    kind: super::super::NoteKind::Note,
                    body: "等候",
                    author: "甲",
                })
            });
            while !waiters.someone_waits() {
                assert!(!note.is_finished(), "the note did not wait for the batch");
                std::thread::sleep(LET_IN_PAUSE);
            }
            batch.commit().expect("commit");
            waiters.let_in();
            assert!(note.join().expect("note thread").is_ok());
        });
    }
}
