//! The index's FTS5 tokenizer, `trigram_runs`: FTS5's trigram tokenizer (case-sensitive)
//! within each run of the text between break characters ([`is_break`]), and one token
//! for each break character and for each run too short for a trigram.
//!
//! Every three-character window inside a run is emitted as the trigram tokenizer emits
//! it: the text's own bytes, with their byte offsets. (It differs only where the
//! trigram tokenizer reads U+FFFE and U+FFFF as U+FFFD: here they stay themselves.)
//! Windows holding a break character — nearly a third of a report's — are not emitted;
//! the break character is, once, as a token of its own, and so is a run of one or two
//! characters. A phrase holding punctuation is then still a phrase of the index: its
//! tokens in a row are those of the same text, and nothing else. Each token kind is
//! told apart by its characters (a window has three and no break character, a short
//! run one or two and no break character, a break token one break character), so a
//! run's windows follow each other only within the run, the break token after a run's
//! last window means the run ends there, and a short run's token is the whole run.
//! What a phrase cannot say exactly is where its first and last runs begin and end in
//! the text (`政，推进` may be the end of `依法行政`): such an edge run, when it is too
//! short for a window, is left to the texts (`Query::indexable`, `Query::prefilter`).
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

/// The token for bytes that are not UTF-8 (FTS5 hands over any bytes): `0xFF` never
/// occurs in UTF-8, so no query's token equals it.
pub(super) const NOT_TEXT: &[u8] = b"\xff";

/// Emits the tokens of `text` through `emit(token, start, end)`, byte offsets into
/// `text`; stops at the first error `emit` gives and returns it.
pub(super) fn tokens<E>(
    text: &[u8],
    mut emit: impl FnMut(&[u8], usize, usize) -> Result<(), E>,
) -> Result<(), E> {
    let mut run = Run::default();
    let mut at = 0;
    for chunk in text.utf8_chunks() {
        for (offset, c) in chunk.valid().char_indices() {
            let start = at + offset;
            let end = start + c.len_utf8();
            if is_break(c) {
                run.end(text, &mut emit)?;
                if let Some(character) = text.get(start..end) {
                    emit(character, start, end)?;
                }
                continue;
            }
            if let Some(first) = run.push(start, end)
                && let Some(window) = text.get(first..end)
            {
                emit(window, first, end)?;
            }
        }
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            run.end(text, &mut emit)?;
            emit(NOT_TEXT, at, at + chunk.invalid().len())?;
        }
        at += chunk.invalid().len();
    }
    run.end(text, &mut emit)
}

/// The run being read: where its first character starts, where its last three start,
/// and where it ends.
#[derive(Default)]
struct Run {
    start: usize,
    starts: [usize; 3],
    end: usize,
    chars: usize,
}

impl Run {
    /// Adds a character at `start..end`; gives where the window it ends starts, when
    /// it ends one.
    fn push(&mut self, start: usize, end: usize) -> Option<usize> {
        if self.chars == 0 {
            self.start = start;
        }
        self.starts = [self.starts[1], self.starts[2], start];
        self.end = end;
        self.chars += 1;
        (self.chars >= 3).then_some(self.starts[0])
    }

    /// The run ends: one too short for a window is emitted whole.
    fn end<E>(
        &mut self,
        text: &[u8],
        emit: &mut impl FnMut(&[u8], usize, usize) -> Result<(), E>,
    ) -> Result<(), E> {
        let short = (1..3).contains(&self.chars);
        self.chars = 0;
        match text.get(self.start..self.end) {
            Some(whole) if short => emit(whole, self.start, self.end),
            _ => Ok(()),
        }
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
