//! A store the user may read but not write (a shared store in someone else's folder, a
//! read-only disk): commands that only read open it read-only rather than fail, and
//! say so once. When the folder cannot hold the write-ahead log's files either, the
//! store is opened as immutable, which needs none.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, Result, Store, StoreError, busy::retry_busy, schema, sqlite};

impl Store {
    /// Opens the store for a command that only reads: read-only when the user cannot
    /// write it or its folder (see [`Store::is_read_only`]), otherwise as [`Store::open`].
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        if path.is_file() && !(writable(path) && writable(&folder(path))) {
            return open_read_only(path);
        }
        Store::open(path)
    }

    /// A read-only connection to a store this process already opened with
    /// [`Store::open`] (so its schema is current), for a thread that reads while another
    /// writes: it never waits for the write lock, as opening for writing would.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| sqlite(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| sqlite(path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
            text_index: Default::default(),
        })
    }

    /// Whether the store was opened read-only: writes fail, caches are not kept.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

fn open_read_only(path: &Path) -> Result<Store> {
    let conn = open_existing(path).map_err(|e| sqlite(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| sqlite(path, e))?;
    let identity = retry_busy(|| schema::Identity::read(&conn)).map_err(|e| sqlite(path, e))?;
    identity.check().map_err(|e| e.store_error(path))?;
    if identity.needs_writing() {
        return Err(StoreError::ReadOnlyOutdated {
            path: path.display().to_string(),
        });
    }
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        read_only: true,
        text_index: Default::default(),
    })
}

/// A database file of this store opened read-only: `immutable` when its folder cannot
/// hold the write-ahead log's files and it has none.
pub(super) fn open_existing(path: &Path) -> rusqlite::Result<Connection> {
    let log_files_possible = writable(&folder(path)) || has_log(path);
    let uri = format!(
        "file:{}?mode=ro{}",
        uri_path(path),
        if log_files_possible {
            ""
        } else {
            "&immutable=1"
        }
    );
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(uri, flags)
}

/// Whether the write-ahead log holds anything, which an immutable open would not see.
fn has_log(path: &Path) -> bool {
    let mut log = path.as_os_str().to_os_string();
    log.push("-wal");
    std::fs::metadata(PathBuf::from(log)).is_ok_and(|m| m.len() > 0)
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether this process may write `path` (permissions, and a read-only file system).
#[cfg(unix)]
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid NUL-terminated path for the duration of the call.
    unsafe { libc::access(c_path.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn writable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// The path as a URI path: every byte but unreserved ones and `/` percent-encoded.
pub(super) fn uri_path(path: &Path) -> String {
    path.to_string_lossy()
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_what_a_uri_would_read() {
        assert_eq!(
            uri_path(Path::new("/a b/c?d#e%.db")),
            "/a%20b/c%3Fd%23e%25.db"
        );
    }
}
