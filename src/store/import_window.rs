//! How long an import batch gathers reports before it commits. Each commit writes the
//! pages of the reuse index its reports' keys fall on, and those keys are spread over
//! the whole index: once the index is large, nearly every page of it is written to the
//! log (and checkpointed) at every commit, however few reports the batch holds. A
//! window that grows with the store keeps that cost per report from growing with it.
//! A batch also commits once its index entries, held in memory until then, reach
//! [`LARGEST_BATCH`], so a faster machine, which fills a window with more reports,
//! does not need more memory for it.

use std::time::Duration;

use super::{Result, Store};

/// The window of a new or small store: other writers wait about this long at most.
const SHORTEST: Duration = Duration::from_secs(1);

/// How long an importer waits quietly for another import's batch before asking it to
/// give way (see `give_way`): two imports at once take turns of this much at least,
/// rather than a report each.
const PATIENCE: Duration = SHORTEST;

/// Names a patience in milliseconds that replaces [`PATIENCE`]: a test of two imports
/// at once asks at once, so their turns do not depend on how fast the first one runs.
const PATIENCE_OVERRIDE: &str = "NIANBAO_IMPORT_PATIENCE_MS";

/// How long this importer waits quietly before asking another import to give way.
pub(super) fn patience() -> Duration {
    std::env::var(PATIENCE_OVERRIDE)
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(PATIENCE, Duration::from_millis)
}

/// Store bytes per further second of window.
const BYTES_PER_SECOND: u64 = 200_000_000;

/// The longest window, reached at 1.4 GB: other writers (a reviewer's note, a second
/// import) wait at most about this long plus the batch's writing, well inside the
/// store's busy timeout.
const LONGEST: Duration = Duration::from_secs(8);

/// Names a window in milliseconds that replaces the store's: tests and measurements
/// try a large store's window, or a longer one, on a small store.
const WINDOW_OVERRIDE: &str = "NIANBAO_IMPORT_WINDOW_MS";

/// The memory a batch's index entries may take before it commits: those of about 75 MB
/// of report text (they take about 3.4 times its bytes). At 230,000 reports this keeps
/// the import's peak memory near 760 MB (1.0–1.3 GB without it, where a window
/// gathered up to 700 MB of entries) at the same speed; half of it cost more commits
/// for little memory (see BENCHMARKS.md, "A batch bounded by its entries").
const LARGEST_BATCH: usize = 256 << 20;

/// Names a limit in bytes that replaces [`LARGEST_BATCH`]: tests commit a batch at
/// every report with it.
const LARGEST_BATCH_OVERRIDE: &str = "NIANBAO_IMPORT_BATCH_BYTES";

/// The memory a batch's index entries may take before it commits.
pub(super) fn largest_batch() -> usize {
    std::env::var(LARGEST_BATCH_OVERRIDE)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LARGEST_BATCH)
}

/// The window for a store of `bytes`.
fn window_for(bytes: u64) -> Duration {
    let grown = SHORTEST.as_millis() as u64 + bytes / (BYTES_PER_SECOND / 1000);
    Duration::from_millis(grown).min(LONGEST)
}

impl Store {
    /// How long the next import batch may gather reports before it commits: a second
    /// on a county's store, longer as the store grows (see the module's doc), unless
    /// another writer waits (see `give_way`). A kill still loses at most the one batch,
    /// none of it reported as imported.
    pub fn import_window(&self) -> Result<Duration> {
        let chosen = std::env::var(WINDOW_OVERRIDE).ok();
        if let Some(millis) = chosen.and_then(|v| v.parse().ok()) {
            return Ok(Duration::from_millis(millis));
        }
        let bytes: i64 = self
            .conn
            .query_row(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
                [],
                |row| row.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(window_for(u64::try_from(bytes).unwrap_or(0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_grows_with_the_store_up_to_its_longest() {
        assert_eq!(window_for(0), SHORTEST);
        let mut last = SHORTEST;
        for bytes in (1..=20u64).map(|n| n * 100_000_000) {
            let window = window_for(bytes);
            assert!(window >= last, "{bytes} bytes: {window:?} < {last:?}");
            last = window;
        }
        assert!(window_for(400_000_000) > SHORTEST);
        assert_eq!(window_for(u64::MAX), LONGEST);
    }

    #[test]
    fn a_new_store_commits_every_second() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("s.db")).expect("store");
        assert_eq!(store.import_window().expect("window"), SHORTEST);
    }
}
