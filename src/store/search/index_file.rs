//! The full-text index's own database file, `<store>-search` beside the store (named
//! like SQLite's own `-wal` and `-shm` files, so copying or removing `store*` takes it
//! along, and a `--store PATH` anywhere gets its index beside it).
//!
//! It holds the trigram index (`report_text`, contentless, tokenized by `tokenizer`:
//! trigrams within the runs between punctuation and spaces, each break character and
//! each short run a token of its own) and one row saying how far
//! it goes: every report of the store with an id up to `through` is in it (ids only
//! grow, and a report's text never changes: a replacement is a new id), and `sha256` is
//! the text digest of report `through`, so an index that is not this store's (a store
//! restored from a backup, a file copied from elsewhere) is known and not used. Reports
//! above the mark are read by the search itself; replaced reports the index still
//! holds are dropped by the listing of current reports (`order`). The file can always
//! be thrown away: an import builds it again, or `search --reindex` (`reindex`).
//!
//! `PRAGMA user_version` is the file's layout ([`LAYOUT`]): a file written by an
//! earlier layout (the plain trigram tokenizer, version 0, or trigrams within runs
//! alone, version 1) is never read, as its terms
//! are not the ones a query is tokenized into; the next import empties and rebuilds it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::super::busy::retry_busy;
use super::super::{BUSY_TIMEOUT, read_only, restrict_file};
use super::tokenizer;

/// `PRAGMA application_id` of a full-text index file ("NBTx").
const APPLICATION_ID: i32 = 0x4E42_5478;

/// Bytes of tokenized text the index holds in memory before it writes them out as a
/// segment (FTS5's `hashsize`, 1 MiB by default): a batch's texts then make fewer,
/// larger segments, which FTS5 merges less often.
const TEXT_BUFFER_BYTES: i64 = 16 << 20;

/// Segments of a level FTS5 lets gather before it merges them into one of the next
/// level (`automerge`, 4 by default): each text is then rewritten fewer times as the
/// index grows (a fifth less of the index's work at 40,000 reports, see BENCHMARKS),
/// while a query still reads a few segments per level.
const SEGMENTS_PER_MERGE: i64 = 8;

/// The FTS5 settings every index file is written with (kept in the file itself).
pub(super) const SETTINGS: [(&str, i64); 2] = [
    ("hashsize", TEXT_BUFFER_BYTES),
    ("automerge", SEGMENTS_PER_MERGE),
];

/// The layout of the index this program writes and reads: 2, trigrams within runs and
/// a token for each break character and each short run (`tokenizer`); 1 was the
/// trigrams within runs alone, 0 FTS5's trigram tokenizer over the whole text.
const LAYOUT: i64 = 2;

const TEXT_TABLE: &str = "
    CREATE VIRTUAL TABLE report_text USING fts5(
        text, content='', contentless_delete=1, tokenize='trigram_runs'
    );";

const MARK_TABLE: &str = "
    CREATE TABLE indexed (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        through INTEGER NOT NULL,
        sha256 TEXT NOT NULL
    );
    INSERT INTO indexed VALUES (1, 0, '');";

/// Where the index of the store at `store` lives.
pub(in crate::store) fn path_of(store: &Path) -> PathBuf {
    let mut name = store.as_os_str().to_os_string();
    name.push("-search");
    PathBuf::from(name)
}

/// Opens the index file to write it, creating it (and its tables) when missing, and
/// emptying it into this layout when an earlier one wrote it (the mark back to 0, so
/// the next batch indexes every current report). Refused when the file there is not
/// an index file, or a later layout's.
pub(super) fn open_for_writing(store: &Path) -> rusqlite::Result<Connection> {
    let path = path_of(store);
    let is_new = !path.exists();
    let conn = Connection::open(&path)?;
    if is_new {
        restrict_file(&path);
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    tokenizer::register(&conn)?;
    if !is_ours(&conn, true)? {
        return Err(foreign());
    }
    retry_busy(|| conn.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(())))?;
    conn.execute_batch("PRAGMA synchronous=NORMAL;")?;
    if !has_tables(&conn)? || layout(&conn)? != LAYOUT || settings_missing(&conn)? {
        let tx =
            rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have made them (or rebuilt them) meanwhile.
        if !has_tables(&tx)? {
            tx.execute_batch(TEXT_TABLE)?;
            tx.execute_batch(MARK_TABLE)?;
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {LAYOUT};"
            ))?;
        }
        match layout(&tx)? {
            LAYOUT => {}
            earlier if earlier < LAYOUT => empty_into_this_layout(&tx)?,
            _ => return Err(later_layout()),
        }
        if settings_missing(&tx)? {
            for (setting, value) in SETTINGS {
                tx.execute(
                    "INSERT INTO report_text (report_text, rank) VALUES (?1, ?2)",
                    rusqlite::params![setting, value],
                )?;
            }
        }
        tx.commit()?;
    }
    Ok(conn)
}

/// The file's layout, `PRAGMA user_version` (0 before layouts were numbered).
fn layout(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Drops an earlier layout's index and makes this one's, empty, with the mark at 0.
fn empty_into_this_layout(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch("DROP TABLE report_text;")?;
    tx.execute_batch(TEXT_TABLE)?;
    tx.execute_batch(&format!(
        "UPDATE indexed SET through = 0, sha256 = ''; PRAGMA user_version = {LAYOUT};"
    ))
}

/// Whether the file's FTS5 settings differ from [`SETTINGS`]: a file made before they
/// were chosen (or moved out of an older store, which copies FTS5's defaults along)
/// takes them the next time it is written, so it too merges as a new file does.
fn settings_missing(conn: &Connection) -> rusqlite::Result<bool> {
    let mut held = conn.prepare("SELECT v FROM report_text_config WHERE k = ?1")?;
    for (setting, value) in SETTINGS {
        let now: Option<i64> = held.query_row([setting], |row| row.get(0)).optional()?;
        if now != Some(value) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Opens the index file for a search, `None` when there is none to read (missing,
/// not an index file, another layout's, or unreadable): the search then reads the
/// texts.
pub(super) fn open_for_reading(store: &Path, read_only: bool) -> Option<Connection> {
    let path = path_of(store);
    if !path.is_file() {
        return None;
    }
    let conn = if read_only {
        read_only::open_existing(&path).ok()?
    } else {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Connection::open_with_flags(&path, flags).ok()?
    };
    conn.busy_timeout(BUSY_TIMEOUT).ok()?;
    tokenizer::register(&conn).ok()?;
    let readable =
        is_ours(&conn, false).ok()? && has_tables(&conn).ok()? && layout(&conn).ok()? == LAYOUT;
    readable.then_some(conn)
}

/// Whether the file is an index file (or, when `empty_will_do`, an empty database that
/// may become one).
fn is_ours(conn: &Connection, empty_will_do: bool) -> rusqlite::Result<bool> {
    let (id, tables): (i32, i64) = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id()),
                (SELECT count(*) FROM sqlite_master)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(id == APPLICATION_ID || empty_will_do && id == 0 && tables == 0)
}

fn has_tables(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) = 2 FROM sqlite_master WHERE name IN ('report_text', 'indexed')",
        [],
        |row| row.get(0),
    )
}

fn foreign() -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
        Some("not a full-text index file".to_string()),
    )
}

fn later_layout() -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
        Some("a full-text index file of a later nianbao".to_string()),
    )
}

/// How far the index goes for `store`: the mark recorded (every report up to it is
/// held), or `None` when it is not this store's (another store's file copied beside it).
pub(super) fn mark_for(index: &Connection, store: &Connection) -> rusqlite::Result<Option<i64>> {
    let recorded = recorded_mark(index)?;
    Ok(mark_holds(store, &recorded)?.then_some(recorded.0))
}

/// How far the index goes, as recorded: (`through`, its report's digest).
fn recorded_mark(index: &Connection) -> rusqlite::Result<(i64, String)> {
    index.query_row("SELECT through, sha256 FROM indexed", [], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })
}

/// The text digest of report `id` in the store, `None` when there is no such report.
pub(super) fn digest_of(store: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
    store
        .prepare_cached("SELECT text_sha256 FROM reports WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()
}

/// Whether the mark recorded is this store's: 0 (nothing indexed) always is; otherwise
/// the store's report at the mark must have the digest recorded with it.
fn mark_holds(store: &Connection, (through, sha256): &(i64, String)) -> rusqlite::Result<bool> {
    Ok(*through == 0 || digest_of(store, *through)?.as_deref() == Some(sha256.as_str()))
}

/// Records that the index holds every report up to `through`.
pub(super) fn set_mark(
    index: &Connection,
    store: &Connection,
    through: i64,
) -> rusqlite::Result<()> {
    let sha256 = digest_of(store, through)?.unwrap_or_default();
    index
        .prepare_cached("UPDATE indexed SET through = ?1, sha256 = ?2")?
        .execute(rusqlite::params![through, sha256])
        .map(|_| ())
}
