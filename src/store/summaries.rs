//! The review list's summary cache: each township's copy ratio and lint count, kept by
//! the texts and the engine they were computed from, so the second start of the review
//! interface is instant and an edited report or a newer engine is never served stale.

use rusqlite::{OptionalExtension, params};

use super::{ReportKey, Result, Store};

/// Which stored text a cached summary was computed from: the report's row id and the
/// SHA-256 of its clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStamp {
    pub id: i64,
    pub sha256: String,
}

/// A township's line in the review list: how much of the latest report is copied from
/// the year before, and how many lint findings it has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CachedSummary {
    /// `None` when the township has a single year.
    pub copy_ratio: Option<f64>,
    pub lint_count: usize,
}

impl Store {
    /// The id and text hash of the current report for an identity.
    pub fn report_stamp(&self, key: &ReportKey) -> Result<Option<ReportStamp>> {
        self.conn
            .query_row(
                "SELECT id, text_sha256 FROM reports WHERE township = ?1 AND county = ?2
                   AND year = ?3 AND superseded_by IS NULL",
                params![key.township, key.county, key.year],
                |row| {
                    Ok(ReportStamp {
                        id: row.get(0)?,
                        sha256: row.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The summary computed earlier for exactly these texts by exactly this engine.
    pub fn cached_summary(
        &self,
        old: Option<&ReportStamp>,
        new: &ReportStamp,
        engine: &str,
    ) -> Result<Option<CachedSummary>> {
        let (old_id, old_sha) = stamp_columns(old);
        self.conn
            .query_row(
                "SELECT copy_ratio, lint_count FROM summary_cache WHERE old_id = ?1
                   AND new_id = ?2 AND old_sha256 = ?3 AND new_sha256 = ?4 AND engine = ?5",
                params![old_id, new.id, old_sha, new.sha256, engine],
                |row| {
                    Ok(CachedSummary {
                        copy_ratio: row.get(0)?,
                        lint_count: usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Remembers a summary; an older entry for the same pair of reports is replaced. A
    /// read-only store keeps nothing.
    pub fn store_summary(
        &self,
        old: Option<&ReportStamp>,
        new: &ReportStamp,
        engine: &str,
        summary: CachedSummary,
    ) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        let (old_id, old_sha) = stamp_columns(old);
        self.conn
            .execute(
                "INSERT OR REPLACE INTO summary_cache
                   (old_id, new_id, old_sha256, new_sha256, engine, copy_ratio, lint_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    old_id,
                    new.id,
                    old_sha,
                    new.sha256,
                    engine,
                    summary.copy_ratio,
                    i64::try_from(summary.lint_count).unwrap_or(i64::MAX)
                ],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

/// A single-year summary has no old report: id 0 and an empty hash stand for "none".
fn stamp_columns(stamp: Option<&ReportStamp>) -> (i64, &str) {
    stamp.map_or((0, ""), |s| (s.id, s.sha256.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("s.db")).expect("open store");
        (dir, store)
    }

    #[test]
    fn summary_cache_is_keyed_by_text_and_engine() {
        let (_dir, store) = store();
        let old = ReportStamp {
            id: 1,
            sha256: "aa".into(),
        };
        let new = ReportStamp {
            id: 2,
            sha256: "bb".into(),
        };
        let summary = CachedSummary {
            copy_ratio: Some(0.5),
            lint_count: 3,
        };
        store
            .store_summary(Some(&old), &new, "e1", summary)
            .expect("store");
        assert_eq!(
            store.cached_summary(Some(&old), &new, "e1").expect("read"),
            Some(summary)
        );
        assert_eq!(
            store.cached_summary(Some(&old), &new, "e2").expect("read"),
            None
        );
        let edited = ReportStamp {
            id: 2,
            sha256: "cc".into(),
        };
        assert_eq!(
            store
                .cached_summary(Some(&old), &edited, "e1")
                .expect("read"),
            None
        );
        store
            .store_summary(
                None,
                &new,
                "e1",
                CachedSummary {
                    copy_ratio: None,
                    lint_count: 1,
                },
            )
            .expect("store single");
        assert_eq!(
            store.cached_summary(None, &new, "e1").expect("read"),
            Some(CachedSummary {
                copy_ratio: None,
                lint_count: 1
            })
        );
    }
}
