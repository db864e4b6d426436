//! Schema and migrations. `PRAGMA user_version` records how many migrations ran; each
//! runs once, in order, inside one transaction.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// Migrations in order; never edit one that has shipped, append a new one.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: reports with their original bytes, and review notes.
    "CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        township TEXT NOT NULL,
        county TEXT NOT NULL DEFAULT '',
        province TEXT,
        year INTEGER NOT NULL,
        title TEXT,
        signed_by TEXT,
        signed_on TEXT,
        text TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        source_path TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        original BLOB NOT NULL,
        artifacts TEXT NOT NULL DEFAULT '[]',
        imported_at TEXT NOT NULL,
        superseded_by INTEGER
    );
    CREATE UNIQUE INDEX reports_current ON reports (township, county, year)
        WHERE superseded_by IS NULL;
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        township TEXT NOT NULL,
        county TEXT NOT NULL DEFAULT '',
        year INTEGER NOT NULL,
        section_path TEXT,
        sentence_start INTEGER,
        sentence_end INTEGER,
        excerpt TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX notes_report ON notes (township, county, year);",
    // 2: the review list's per-township summary (copy ratio, lint count), keyed by the
    // two reports it was computed from and the engine that computed it.
    "CREATE TABLE summary_cache (
        old_id INTEGER NOT NULL,
        new_id INTEGER NOT NULL,
        old_sha256 TEXT NOT NULL,
        new_sha256 TEXT NOT NULL,
        engine TEXT NOT NULL,
        copy_ratio REAL,
        lint_count INTEGER NOT NULL,
        PRIMARY KEY (old_id, new_id)
    );",
    // 3: the reuse index (see store::reuse_index): fingerprint counts and capped postings,
    // sentence bands for near duplicates, and which reports and townships are indexed.
    "CREATE TABLE reuse_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE reuse_townships (
        id INTEGER PRIMARY KEY,
        township TEXT NOT NULL,
        county TEXT NOT NULL,
        UNIQUE (township, county)
    );
    CREATE TABLE reuse_reports (
        report INTEGER PRIMARY KEY,
        township INTEGER NOT NULL,
        chars INTEGER NOT NULL
    );
    CREATE INDEX reuse_reports_township ON reuse_reports (township);
    CREATE TABLE reuse_hashes (
        hash INTEGER PRIMARY KEY,
        reports INTEGER NOT NULL,
        townships INTEGER NOT NULL,
        complete INTEGER NOT NULL
    );
    CREATE TABLE reuse_postings (
        hash INTEGER NOT NULL,
        report INTEGER NOT NULL,
        pos INTEGER NOT NULL,
        context INTEGER NOT NULL,
        PRIMARY KEY (hash, report, pos)
    ) WITHOUT ROWID;
    CREATE TABLE reuse_bands (
        band INTEGER NOT NULL,
        report INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (band, report, start)
    ) WITHOUT ROWID;",
    // 4: full-text search (see store::search): a trigram index of the current reports'
    // clean text that keeps no copy of it.
    "CREATE VIRTUAL TABLE report_text USING fts5(
        text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1'
    );
    INSERT INTO report_text (rowid, text)
        SELECT id, text FROM reports WHERE superseded_by IS NULL;",
    // 5: each indexed report's distinct fingerprint hashes (reuse_index): whether a hash
    // is new to a township is read from these instead of fingerprinting its other years
    // again. Rows indexed before stay NULL and are fingerprinted when needed.
    "ALTER TABLE reuse_reports ADD COLUMN hashes BLOB;",
    // 6: a fingerprint's postings and a band key's sentences as one packed list per key
    // (see store::reuse_index::packed) instead of a row per occurrence. The old index
    // is dropped; it is rebuilt when next needed, new imports index as they go.
    "DROP TABLE reuse_postings;
    DROP TABLE reuse_bands;
    CREATE TABLE reuse_posting_lists (hash INTEGER PRIMARY KEY, postings BLOB NOT NULL);
    CREATE TABLE reuse_band_lists (
        band INTEGER PRIMARY KEY,
        rows INTEGER NOT NULL,
        sentences BLOB NOT NULL
    );
    DELETE FROM reuse_hashes;
    DELETE FROM reuse_reports;
    DELETE FROM reuse_townships;
    DELETE FROM reuse_meta;",
    // 7: original bytes kept only when they are not the clean text, compressed (see
    // store::original); stored ones equal to their clean text are dropped now.
    "ALTER TABLE reports ADD COLUMN original_codec TEXT NOT NULL DEFAULT 'raw';
    UPDATE reports SET original = x'', original_codec = 'text'
        WHERE original = CAST(text AS BLOB);",
    // 8: the township list read from an index alone (see store::townships): each current
    // report's identity, year and province (and `superseded_by`, which SQLite needs in
    // the index to answer from it alone), so listing every township reads no report.
    "CREATE INDEX reports_township_list
        ON reports (county, township, year, province, superseded_by)
        WHERE superseded_by IS NULL;",
    // 9: the clean text kept zstd-compressed (see store::clean_text); rows written
    // before keep theirs in `text`. Each report's list of distinct fingerprint hashes
    // is no longer kept (`reuse_reports.hashes` NULL: the hashes are fingerprinted
    // again from the text when needed); older lists stay and are still read.
    "ALTER TABLE reports ADD COLUMN text_zstd BLOB;",
    // 10: the full-text index in a file of its own beside the store (see
    // store::search::index_file), written outside the store's transactions. The index
    // kept here is dropped, not moved: its trigrams are not the file's layout (see
    // index_file::LAYOUT). The next import builds the file; searches read the texts
    // meanwhile.
    "DROP TABLE report_text;",
    // 11: how many townships hold indexed reports, for the template share of a reuse
    // look-up (see store::reuse_index::lookup): kept by triggers as reports enter and
    // leave the index, whichever way they do, so a look-up reads one row rather than
    // counting the townships of every indexed report.
    "CREATE TABLE reuse_totals (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        townships INTEGER NOT NULL
    );
    INSERT INTO reuse_totals (only, townships)
        SELECT 1, count(DISTINCT township) FROM reuse_reports;
    CREATE TRIGGER reuse_township_entered AFTER INSERT ON reuse_reports
        WHEN NOT EXISTS (SELECT 1 FROM reuse_reports
                         WHERE township = NEW.township AND report != NEW.report)
    BEGIN UPDATE reuse_totals SET townships = townships + 1; END;
    CREATE TRIGGER reuse_township_left AFTER DELETE ON reuse_reports
        WHEN NOT EXISTS (SELECT 1 FROM reuse_reports WHERE township = OLD.township)
    BEGIN UPDATE reuse_totals SET townships = townships - 1; END;
    CREATE TRIGGER reuse_township_moved AFTER UPDATE OF township ON reuse_reports
        WHEN OLD.township != NEW.township
    BEGIN
        UPDATE reuse_totals SET townships = townships
            + NOT EXISTS (SELECT 1 FROM reuse_reports
                          WHERE township = NEW.township AND report != NEW.report)
            - NOT EXISTS (SELECT 1 FROM reuse_reports WHERE township = OLD.township);
    END;",
];

/// `PRAGMA application_id` of a nianbao store ("NBao"), so that no other program's
/// database is taken for one, and no nianbao store for another program's.
pub const APPLICATION_ID: i32 = 0x4E42_616F;

/// Why the schema could not be brought up to date.
pub enum MigrateError {
    TooNew {
        found: i64,
        known: i64,
    },
    /// Another program's database, or one that no nianbao wrote: left untouched.
    Foreign,
    Sqlite(rusqlite::Error),
}

impl MigrateError {
    /// The error as the store reports it, naming the store's file.
    pub fn store_error(self, path: &Path) -> StoreError {
        let path = path.display().to_string();
        match self {
            MigrateError::TooNew { found, known } => StoreError::TooNew { path, found, known },
            MigrateError::Foreign => StoreError::Foreign { path },
            MigrateError::Sqlite(error) => StoreError::Sqlite { path, error },
        }
    }
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sqlite(e)
    }
}

/// What the database file says it is.
pub struct Identity {
    application_id: i32,
    version: i64,
    tables: i64,
    has_reports: bool,
}

impl Identity {
    /// Reads the identity in one statement, so one snapshot: another process may be
    /// creating the schema meanwhile. Only reads, so a foreign file is left as it was.
    pub fn read(conn: &Connection) -> rusqlite::Result<Identity> {
        conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id()),
                    (SELECT user_version FROM pragma_user_version()),
                    count(*), coalesce(sum(name = 'reports'), 0)
             FROM sqlite_master WHERE type = 'table'",
            [],
            |row| {
                Ok(Identity {
                    application_id: row.get(0)?,
                    version: row.get(1)?,
                    tables: row.get(2)?,
                    has_reports: row.get::<_, i64>(3)? > 0,
                })
            },
        )
    }

    /// Ours (or an empty file to make ours), and a schema this nianbao can read.
    pub fn check(&self) -> Result<(), MigrateError> {
        let known = MIGRATIONS.len() as i64;
        let ours = match self.application_id {
            APPLICATION_ID => self.version >= 0,
            // Stores from before the application id: our tables at a version we know of.
            0 if self.version == 0 => self.tables == 0,
            0 => self.version > 0 && self.has_reports,
            _ => false,
        };
        if !ours {
            return Err(MigrateError::Foreign);
        }
        if self.version > known {
            return Err(MigrateError::TooNew {
                found: self.version,
                known,
            });
        }
        Ok(())
    }

    /// Whether migrations or the application id are still to be written.
    pub fn needs_writing(&self) -> bool {
        self.application_id != APPLICATION_ID || self.version < MIGRATIONS.len() as i64
    }
}

/// Runs the migrations this store has not seen yet, and marks it as a nianbao store.
/// The identity is checked again inside the write transaction: another process may
/// have created the schema since it was first read.
pub fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    let known = MIGRATIONS.len() as i64;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let identity = Identity::read(&tx)?;
    identity.check()?;
    if !identity.needs_writing() {
        return Ok(());
    }
    let found = usize::try_from(identity.version).map_err(|_| MigrateError::Foreign)?;
    for sql in MIGRATIONS.iter().skip(found) {
        tx.execute_batch(sql)?;
    }
    tx.execute_batch(&format!(
        "PRAGMA user_version = {known}; PRAGMA application_id = {APPLICATION_ID};"
    ))?;
    tx.commit()?;
    Ok(())
}
