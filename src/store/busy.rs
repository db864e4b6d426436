//! Waiting for another process's lock where SQLite does not call the busy handler:
//! switching to WAL, and a migration that found the store busy.

use std::time::Duration;

use super::{BUSY_TIMEOUT, schema};

/// Pauses between attempts at a step SQLite refuses while another process holds a lock.
const BUSY_RETRY: Duration = Duration::from_millis(20);

/// Runs `step` again while SQLite answers busy or locked, for up to [`BUSY_TIMEOUT`].
pub(super) fn retry_busy<T>(mut step: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = std::time::Instant::now();
    loop {
        match step() {
            Err(e) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(BUSY_RETRY)
            }
            other => return other,
        }
    }
}

/// [`retry_busy`] for the migration, whose transaction rolls back when it fails.
pub(super) fn retry_busy_migration(
    mut step: impl FnMut() -> std::result::Result<(), schema::MigrateError>,
) -> std::result::Result<(), schema::MigrateError> {
    let started = std::time::Instant::now();
    loop {
        match step() {
            Err(schema::MigrateError::Sqlite(e))
                if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(BUSY_RETRY)
            }
            other => return other,
        }
    }
}

/// Whether SQLite refused because another connection holds a lock.
pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
