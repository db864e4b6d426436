//! The index's FTS5 tokenizer, `trigram_runs`: FTS5's trigram tokenizer (case-sensitive)
//! within each run of the text between break characters ([`is_break`]), and a gap
//! token between two runs where a phrase could otherwise be matched across them.
//!
//! Every three-character window inside a run is emitted as the trigram tokenizer emits
//! it: the text's own bytes, with their byte offsets. (It differs only where the
//! trigram tokenizer reads U+FFFE and U+FFFF as U+FFFD: here they stay themselves.)
//! Windows holding a break character — nearly a third of a report's — are not emitted,
//! so a term holding one is never looked up in the index (see `Query::indexable`).
//!
//! The gap token keeps two runs from looking adjacent. FTS5 matches a phrase by the
//! positions of its trigrams, one after the other; without a token between the runs,
//! `ABC，BCD` would give `ABC` and `BCD` consecutive positions and the phrase `ABCD`
//! (`ABC`, `BCD`) would match a text that does not hold it. The gap token is a byte no
//! UTF-8 text holds, so no query's trigram ever equals it. It is needed only where the
//! last trigram of a run ends with the two characters the next run's first trigram
//! begins with (`BC` here): the trigrams of a phrase queried are the windows of one
//! run (its term holds no break character), so each ends with the two characters the
//! next begins with, and two trigrams without that overlap are never consecutive in
//! any phrase. Everywhere else the runs are told apart by their trigrams alone, and
//! the gap token, one more write into the index per run (a ninth of them), is left out.
//!
//! Registered on every connection that opens the index file (`index_file`), before
//! the table is touched: FTS5 finds a table's tokenizer by name on each connection.
//! The unsafe code is here and nowhere else; the callbacks never panic across the FFI.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use rusqlite::Connection;
use rusqlite::ffi;

use crate::search::is_break;

/// The tokenizer's name in the table's definition (`tokenize='trigram_runs'`).
const NAME: &CStr = c"trigram_runs";

/// The token between two runs: `0xFF` never occurs in UTF-8.
pub(super) const GAP: &[u8] = b"\xff";

/// Emits the tokens of `text` through `emit(token, start, end)`, byte offsets into
/// `text`; stops at the first error `emit` gives and returns it. Bytes that are not
/// UTF-8 (FTS5 hands over any bytes) break runs as a break character does.
pub(super) fn tokens<E>(
    text: &[u8],
    mut emit: impl FnMut(&[u8], usize, usize) -> Result<(), E>,
) -> Result<(), E> {
    let mut run = Run::default();
    let mut at = 0;
    for chunk in text.utf8_chunks() {
        for (offset, c) in chunk.valid().char_indices() {
            let start = at + offset;
            if is_break(c) {
                run.end();
                continue;
            }
            if let Some(first) = run.push(start) {
                let end = start + c.len_utf8();
                if run.needs_gap(text, end) {
                    emit(GAP, first, first)?;
                }
                if let Some(trigram) = text.get(first..end) {
                    emit(trigram, first, end)?;
                }
            }
        }
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            run.end();
        }
        at += chunk.invalid().len();
    }
    Ok(())
}

/// The run being read: where its last three characters start.
#[derive(Default)]
struct Run {
    starts: [usize; 3],
    chars: usize,
    /// Whether a run that gave trigrams ended since the last one emitted.
    gap_pending: bool,
    /// Where the last two characters of the last trigram emitted lie.
    tail: (usize, usize),
}

impl Run {
    /// Adds a character starting at `start`; gives where the trigram it ends starts,
    /// when it ends one.
    fn push(&mut self, start: usize) -> Option<usize> {
        self.starts = [self.starts[1], self.starts[2], start];
        self.chars += 1;
        (self.chars >= 3).then_some(self.starts[0])
    }

    /// Whether the trigram ending at `end` (the one `push` just gave) follows another
    /// run's last trigram ending with the two characters it begins with: then a gap
    /// token goes between them (see the module's comment).
    fn needs_gap(&mut self, text: &[u8], end: usize) -> bool {
        let head = (self.starts[0], self.starts[2]);
        let overlaps =
            self.gap_pending && text.get(self.tail.0..self.tail.1) == text.get(head.0..head.1);
        self.gap_pending = false;
        self.tail = (self.starts[1], end);
        overlaps
    }

    /// A break character (or bytes that are not text): the run ends.
    fn end(&mut self) {
        if self.chars >= 3 {
            self.gap_pending = true;
        }
        self.chars = 0;
    }
}

/// Registers the tokenizer on `conn`.
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let api = fts5_api(conn)?;
    let mut tokenizer = ffi::fts5_tokenizer {
        xCreate: Some(create),
        xDelete: Some(delete),
        xTokenize: Some(tokenize),
    };
    // SAFETY: `api` is the live `fts5_api` of `conn`'s database handle (FTS5 is built
    // in, so it lives as long as the handle); FTS5 copies `tokenizer` before returning,
    // the name is a static C string, and no user data is passed.
    let rc = unsafe {
        match (*api).xCreateTokenizer {
            Some(create_tokenizer) => {
                create_tokenizer(api, NAME.as_ptr(), ptr::null_mut(), &mut tokenizer, None)
            }
            None => ffi::SQLITE_MISUSE,
        }
    };
    check(rc, "registering the index's tokenizer")
}

/// The connection's `fts5_api`, as SQLite's documentation gets it: `SELECT fts5(?1)`
/// with a pointer bound for FTS5 to fill in.
fn fts5_api(conn: &Connection) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: the handle is `conn`'s, open for the whole call and used only on this
    // thread; the statement is finalized before returning, and `api`, whose address is
    // bound, outlives it; the pointer type is a static C string, as SQLite requires.
    let rc = unsafe {
        let db = conn.handle();
        let mut rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            ptr::null_mut(),
        );
        if rc == ffi::SQLITE_OK {
            rc = ffi::sqlite3_bind_pointer(
                stmt,
                1,
                (&raw mut api).cast::<c_void>(),
                c"fts5_api_ptr".as_ptr(),
                None,
            );
        }
        if rc == ffi::SQLITE_OK {
            rc = ffi::sqlite3_step(stmt);
        }
        ffi::sqlite3_finalize(stmt);
        rc
    };
    if rc != ffi::SQLITE_ROW {
        check(rc, "finding FTS5")?;
    }
    if api.is_null() {
        return Err(failure(ffi::SQLITE_ERROR, "finding FTS5"));
    }
    Ok(api)
}

fn check(rc: c_int, doing: &str) -> rusqlite::Result<()> {
    match rc {
        ffi::SQLITE_OK | ffi::SQLITE_DONE => Ok(()),
        _ => Err(failure(rc, doing)),
    }
}

fn failure(rc: c_int, doing: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some(doing.to_string()))
}

/// The tokenizer has no state: every instance is this one address, never read.
static INSTANCE: u8 = 0;

unsafe extern "C" fn create(
    _user_data: *mut c_void,
    _args: *mut *const c_char,
    _arg_count: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    if out.is_null() {
        return ffi::SQLITE_MISUSE;
    }
    // SAFETY: FTS5 passes a valid place for the new instance; the address stored is
    // never written through (`tokenize` ignores it, `delete` frees nothing).
    unsafe {
        *out = (&raw const INSTANCE)
            .cast_mut()
            .cast::<ffi::Fts5Tokenizer>()
    };
    ffi::SQLITE_OK
}

unsafe extern "C" fn delete(_instance: *mut ffi::Fts5Tokenizer) {}

unsafe extern "C" fn tokenize(
    _instance: *mut ffi::Fts5Tokenizer,
    context: *mut c_void,
    _flags: c_int,
    text: *const c_char,
    text_len: c_int,
    token: Option<
        unsafe extern "C" fn(*mut c_void, c_int, *const c_char, c_int, c_int, c_int) -> c_int,
    >,
) -> c_int {
    let Some(token) = token else {
        return ffi::SQLITE_MISUSE;
    };
    let text: &[u8] = match usize::try_from(text_len) {
        Ok(len) if len > 0 && !text.is_null() => {
            // SAFETY: FTS5 hands `text_len` readable bytes at `text`, alive for the call.
            unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len) }
        }
        _ => return ffi::SQLITE_OK,
    };
    let emit = |bytes: &[u8], start: usize, end: usize| -> Result<(), c_int> {
        let (Ok(len), Ok(start), Ok(end)) = (
            c_int::try_from(bytes.len()),
            c_int::try_from(start),
            c_int::try_from(end),
        ) else {
            return Err(ffi::SQLITE_ERROR);
        };
        // SAFETY: FTS5's own callback with its own context, given bytes alive for the
        // call; it copies what it keeps.
        let rc = unsafe { token(context, 0, bytes.as_ptr().cast::<c_char>(), len, start, end) };
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(rc)
        }
    };
    match catch_unwind(AssertUnwindSafe(|| tokens(text, emit))) {
        Ok(Ok(())) => ffi::SQLITE_OK,
        Ok(Err(rc)) => rc,
        Err(_) => ffi::SQLITE_ERROR,
    }
}

#[cfg(test)]
mod tests;
