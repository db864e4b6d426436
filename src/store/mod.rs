//! The local store: SQLite in WAL mode, so several reviewers on one server can read and
//! write at once. It keeps every report's original bytes, its clean text and metadata,
//! earlier versions of replaced reports, review notes (`notes`), the township list read
//! from an index (`townships`), the review list's summary cache (`summaries`), the reuse
//! index (`reuse_index`), which every import keeps in step with the reports, and the
//! full-text index (`search`), kept in a file of its own beside the store and brought
//! up to date after each import batch commits.

mod busy;
mod clean_text;
mod error_lang;
mod give_way;
mod import;
mod import_window;
mod notes;
mod original;
mod read_only;
pub mod reuse_index;
mod schema;
mod search;
mod summaries;
mod townships;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use busy::{retry_busy, retry_busy_migration};

use crate::ingest::{Artifact, Metadata};
use crate::names;
use crate::report::Report;

pub use crate::text::clock::now_utc as now_iso8601;
pub use give_way::Waiters;
pub use import::{ImportBatch, PackedReport};
pub use notes::{NewNote, Note, NoteKind};
pub use search::{
    CountBy, ReindexSummary, SearchFilter, SearchPlan, SearchProgress, SearchRow, SearchTally,
};
pub use summaries::{CachedSummary, ReportStamp};

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Write-ahead log pages after which an importing connection copies the log into the
/// store (SQLite's default is 1,000): index pages touched by every batch are then
/// copied once per many batches rather than once per few.
const IMPORT_CHECKPOINT_PAGES: i64 = 16_384;

/// Page size of a new store, in bytes (SQLite's default is 4,096): a report's row
/// (compressed text and metadata, about 2.5 KB) would leave over a third of a 4 KB
/// page empty, and larger pages hold the packed index lists with fewer overflow pages.
const NEW_STORE_PAGE_SIZE: i64 = 8192;

/// Why the store could not do what was asked. One line each, saying what to do; the
/// underlying error is part of the line, not a cause to print again after it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {error}")]
    Sqlite {
        path: String,
        error: rusqlite::Error,
    },
    #[error("store {path}: cannot create its directory: {error}")]
    Dir { path: String, error: std::io::Error },
    #[error(
        "store {path} was written by a newer nianbao (schema {found}, this one knows {known}); upgrade nianbao"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "{path} is a database of another program, not a nianbao store; it was left untouched (pass --store with another path)"
    )]
    Foreign { path: String },
    #[error(
        "no data directory for the store on this system; pass --store PATH or set NIANBAO_STORE"
    )]
    NoDataDir,
    #[error(
        "{township} {year} is already stored with different text; pass --replace to keep the new one (the old one is kept as an earlier version)"
    )]
    Conflict { township: String, year: i32 },
    #[error(
        "store {path} cannot be written and was made by an older nianbao; open it once with write access to bring it up to date"
    )]
    ReadOnlyOutdated { path: String },
    #[error("{township} is stored under several counties ({counties}); pass --county")]
    AmbiguousCounty { township: String, counties: String },
}

type Result<T> = std::result::Result<T, StoreError>;

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened by [`Store::open_for_reading`] on a store the user cannot write.
    read_only: bool,
    /// The full-text index file beside it (see `search`).
    text_index: search::TextIndex,
}

/// A report to import: the document plus where it came from.
pub struct NewReport<'a> {
    pub township: &'a str,
    /// Empty when the county is unknown.
    pub county: &'a str,
    pub province: Option<&'a str>,
    pub year: i32,
    pub title: Option<&'a str>,
    pub signed_by: Option<&'a str>,
    pub signed_on: Option<&'a str>,
    pub text: &'a str,
    pub source_path: &'a str,
    pub format: &'a str,
    pub encoding: &'a str,
    pub original: &'a [u8],
    pub artifacts: &'a [Artifact],
}

#[cfg(test)]
impl<'a> NewReport<'a> {
    /// A plain-text report with nothing but its identity and text, as store tests
    /// import them.
    pub(crate) fn plain(township: &'a str, county: &'a str, year: i32, text: &'a str) -> Self {
        NewReport {
            township,
            county,
            province: None,
            year,
            title: None,
            signed_by: None,
            signed_on: None,
            text,
            source_path: "test",
            format: "txt",
            encoding: "UTF-8",
            original: text.as_bytes(),
            artifacts: &[],
        }
    }
}

/// What an import did with one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportStatus {
    Imported,
    Unchanged,
    Replaced,
}

/// Where a stored report came from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub path: String,
    pub sha256: String,
    pub format: String,
    pub encoding: String,
}

/// A report as stored.
#[derive(Debug, Clone, Serialize)]
pub struct StoredReport {
    #[serde(skip)]
    pub id: i64,
    pub township: String,
    pub county: Option<String>,
    pub province: Option<String>,
    pub year: i32,
    pub title: Option<String>,
    pub signed_by: Option<String>,
    pub signed_on: Option<String>,
    pub text: String,
    pub source: SourceInfo,
    pub imported_at: String,
    /// Conversion debris removed at import, for lint.
    #[serde(skip)]
    pub artifacts: Vec<Artifact>,
}

/// One township and the years the store holds for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TownshipSummary {
    pub township: String,
    pub county: Option<String>,
    pub province: Option<String>,
    pub years: Vec<i32>,
}

/// The identity of a report: township, county (empty when unknown) and year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ReportKey {
    pub township: String,
    pub county: String,
    pub year: i32,
}

impl ReportKey {
    /// The key with its names in stored form, so a name typed with invisible characters
    /// or full-width letters finds the report (see [`crate::names`]).
    pub fn normalized(&self) -> ReportKey {
        ReportKey {
            township: names::normalize(&self.township),
            county: names::normalize(&self.county),
            year: self.year,
        }
    }
}

impl Store {
    /// The default location: `nianbao.db` in the platform data directory, unless
    /// `NIANBAO_STORE` names another file.
    pub fn default_path() -> Result<PathBuf> {
        if let Some(path) = std::env::var_os("NIANBAO_STORE").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(path));
        }
        directories::ProjectDirs::from("", "", "nianbao")
            .map(|dirs| dirs.data_dir().join("nianbao.db"))
            .ok_or(StoreError::NoDataDir)
    }

    /// Opens (creating if needed) the store at `path`, migrating its schema. A database
    /// that is not a nianbao store is refused before anything is written to it. When
    /// several processes open a new store at once, each waits for the one migrating.
    pub fn open(path: &Path) -> Result<Store> {
        create_private_dir(path)?;
        let is_new = !path.exists();
        let conn = Connection::open(path).map_err(|e| sqlite(path, e))?;
        if is_new {
            restrict_file(path);
            // Only takes effect before the first table is written; a store another
            // process created meanwhile keeps its own.
            conn.pragma_update(None, "page_size", NEW_STORE_PAGE_SIZE)
                .map_err(|e| sqlite(path, e))?;
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
            text_index: search::TextIndex::default(),
        };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.err(e))?;
        let identity =
            retry_busy(|| schema::Identity::read(&store.conn)).map_err(|e| store.err(e))?;
        identity.check().map_err(|e| e.store_error(path))?;
        store.configure()?;
        // A current store is opened without the write lock a running import holds.
        if identity.needs_writing() {
            retry_busy_migration(|| schema::migrate(&mut store.conn))
                .map_err(|e| e.store_error(path))?;
        }
        Ok(store)
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<()> {
        // Switching to WAL fails at once, without the busy handler, while another
        // process holds a lock; wait for it like any other write.
        retry_busy(|| {
            self.conn
                .query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
        })
        .and_then(|_| {
            self.conn.execute_batch(
                "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
            )
        })
        .map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sqlite(&self.path, e)
    }

    /// Imports one report in its own transaction: all or nothing. Identical text is a
    /// no-op; different text for a stored identity needs `replace`, and the replaced
    /// report stays as an earlier version. The reuse index is updated in the same
    /// transaction, so it is never out of step with the reports and no caller has to
    /// remember it; capped lists a replacement left short are filled right after
    /// ([`Store::refill_reuse_lists`]).
    pub fn import(&mut self, report: &NewReport<'_>, replace: bool) -> Result<ImportStatus> {
        let mut batch = self.begin_import()?;
        let status = batch.import(report, replace)?;
        batch.commit()?;
        self.refill_reuse_lists()?;
        Ok(status)
    }

    /// Starts a run of imports that share one write transaction. Each report is still
    /// all or nothing (a savepoint of its own); sharing the commit saves rewriting the
    /// same index pages to the write-ahead log once per file, which is most of the cost
    /// of a large import. Commit often: other writers wait while a batch is open.
    pub fn begin_import(&mut self) -> Result<ImportBatch<'_>> {
        let path = self.path.clone();
        self.conn
            .pragma_update(None, "wal_autocheckpoint", IMPORT_CHECKPOINT_PAGES)
            .map_err(|e| sqlite(&path, e))?;
        let Store {
            conn, text_index, ..
        } = self;
        let tx = give_way::begin_write(conn, &path, import_window::patience())
            .map_err(|e| sqlite(&path, e))?;
        Ok(ImportBatch {
            tx,
            store: conn,
            path,
            index: reuse_index::PendingIndex::default(),
            texts: search::BatchTexts::new(text_index),
            imported_at: now_iso8601(),
            largest: import_window::largest_batch(),
        })
    }

    /// The counties a township's current reports are stored under, in order (the empty
    /// name for reports whose county is not known).
    pub fn counties_of(&self, township: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT DISTINCT county FROM reports WHERE township = ?1 AND superseded_by IS NULL ORDER BY county",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([names::normalize(township)], |row| row.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))
    }

    /// The years stored for a township, ascending.
    pub fn years(&self, township: &str, county: &str) -> Result<Vec<i32>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT year FROM reports WHERE township = ?1 AND county = ?2 AND superseded_by IS NULL ORDER BY year",
            )
            .map_err(|e| self.err(e))?;
        let (township, county) = (names::normalize(township), names::normalize(county));
        stmt.query_map(params![township, county], |row| row.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))
    }

    /// The current report for an identity, if stored.
    pub fn report(&self, key: &ReportKey) -> Result<Option<StoredReport>> {
        let key = key.normalized();
        self.conn
            .query_row(
                &format!("{SELECT_REPORT} WHERE township = ?1 AND county = ?2 AND year = ?3 AND superseded_by IS NULL"),
                params![key.township, key.county, key.year],
                stored_report,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// A report by its row id (current or earlier version).
    pub fn report_by_id(&self, id: i64) -> Result<Option<StoredReport>> {
        self.conn
            .query_row(
                &format!("{SELECT_REPORT} WHERE id = ?1"),
                [id],
                stored_report,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every current report's identity and id, ordered by county, township and year.
    pub fn report_keys(&self) -> Result<Vec<(i64, ReportKey)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, township, county, year FROM reports WHERE superseded_by IS NULL ORDER BY county, township, year",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |row| {
            Ok((
                row.get(0)?,
                ReportKey {
                    township: row.get(1)?,
                    county: row.get(2)?,
                    year: row.get(3)?,
                },
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| self.err(e))
    }

    /// Earlier versions of an identity, newest first.
    pub fn history(&self, key: &ReportKey) -> Result<Vec<StoredReport>> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SELECT_REPORT} WHERE township = ?1 AND county = ?2 AND year = ?3 AND superseded_by IS NOT NULL ORDER BY id DESC"
            ))
            .map_err(|e| self.err(e))?;
        let key = key.normalized();
        stmt.query_map(params![key.township, key.county, key.year], stored_report)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `ok` or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .map_err(|e| self.err(e))
    }
}

impl Store {
    /// A stored report's original bytes, as they were read from its file.
    pub fn original_bytes(&self, report: &StoredReport) -> Result<Vec<u8>> {
        let (codec, stored): (String, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT original_codec, original FROM reports WHERE id = ?1",
                [report.id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        original::unpack(&codec, stored, &report.text).ok_or_else(|| {
            let broken = std::io::Error::other("compressed original bytes do not decode");
            self.err(rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Blob,
                Box::new(broken),
            ))
        })
    }
}

const SELECT_REPORT: &str =
    "SELECT id, township, county, province, year, title, signed_by, signed_on,
    source_path, source_sha256, format, encoding, imported_at, artifacts, text, text_zstd FROM reports";

fn stored_report(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredReport> {
    Ok(StoredReport {
        id: row.get(0)?,
        township: row.get(1)?,
        county: non_empty(row.get(2)?),
        province: row.get(3)?,
        year: row.get(4)?,
        title: row.get(5)?,
        signed_by: row.get(6)?,
        signed_on: row.get(7)?,
        text: clean_text::read(row, 14)?,
        source: SourceInfo {
            path: row.get(8)?,
            sha256: row.get(9)?,
            format: row.get(10)?,
            encoding: row.get(11)?,
        },
        imported_at: row.get(12)?,
        artifacts: serde_json::from_str(&row.get::<_, String>(13)?).unwrap_or_default(),
    })
}

impl StoredReport {
    /// The metadata as detected at import, with the stored identity.
    pub fn metadata(&self) -> Metadata {
        Metadata {
            township: Some(self.township.clone()),
            county: self.county.clone(),
            province: self.province.clone(),
            year: Some(self.year),
            title: self.title.clone(),
            signed_by: self.signed_by.clone(),
            signed_on: self.signed_on.clone(),
        }
    }

    /// Analyses the stored text.
    pub fn analyze(&self) -> Report {
        self.analyze_against(None)
    }

    /// Analyses the stored text, reading stale years against last year's report.
    pub fn analyze_against(&self, last_year: Option<&Report>) -> Report {
        Report::analyze_against(
            &self.text,
            self.metadata(),
            self.artifacts.clone(),
            last_year,
        )
    }

    /// The identity of this report.
    pub fn key(&self) -> ReportKey {
        ReportKey {
            township: self.township.clone(),
            county: self.county.clone().unwrap_or_default(),
            year: self.year,
        }
    }
}

/// Lower-case hex SHA-256, the identity of original bytes and clean text.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn non_empty(s: String) -> Option<String> {
    if s.is_empty() { None } else { Some(s) }
}

fn sqlite(path: &Path, error: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.display().to_string(),
        error,
    }
}

/// Creates the store's directory readable only by its owner (it holds reviewers' notes).
fn create_private_dir(path: &Path) -> Result<()> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if dir.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|error| StoreError::Dir {
        path: path.display().to_string(),
        error,
    })
}

/// Makes a new database file readable only by its owner. Best effort, and only at
/// creation: a team may later make its shared store group-readable on purpose.
pub(super) fn restrict_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digests_are_lower_case_hex() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(super::sha256_hex(&[]).len(), 64);
    }
}
