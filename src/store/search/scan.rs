//! Reading texts to answer what the index cannot (terms of one or two characters, or
//! beginning with such a run before punctuation; reports the index does not hold yet):
//! the candidates' texts are read one by one in listing order on the calling thread,
//! which owns the connection, and decompressed and matched on worker threads, one per
//! core, a few small chunks in flight. Results come back in listing order, chunk by
//! chunk, so the first matches are known as soon as the first chunks are read; memory
//! holds a few chunks of texts whatever the store size.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use rusqlite::Connection;
use rusqlite::types::Type;

use super::super::clean_text::{self, StoredText};
use super::order::Candidate;
use crate::search::Query;

/// Reports read, decompressed and matched at a time.
const CHUNK: usize = 32;

/// Chunks handed to each worker ahead of the one being collected.
const AHEAD: usize = 2;

/// A candidate as read.
enum Read {
    /// Known to match without its text.
    Matches,
    /// Replaced meanwhile.
    Gone,
    Text(StoredText),
}

/// Candidates of a chunk as read.
type Chunk = Vec<Read>;

/// One worker's way in and out: texts in, whether each matches out.
struct Lane {
    texts: SyncSender<Chunk>,
    matched: Receiver<std::io::Result<Vec<bool>>>,
}

/// Calls `on_chunk` with each chunk's matching candidates, in `list` order, and how
/// many candidates have been checked so far, until it returns false (then true is
/// returned: stopped). Candidates whose id is `known` to match are not read.
pub(super) fn in_order(
    conn: &Connection,
    query: &Query,
    list: &[Candidate],
    known: &dyn Fn(i64) -> bool,
    on_chunk: &mut dyn FnMut(&[Candidate], usize) -> bool,
) -> rusqlite::Result<bool> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
    let chunks: Vec<&[Candidate]> = list.chunks(CHUNK).collect();
    let mut read = conn.prepare_cached("SELECT text, text_zstd FROM reports WHERE id = ?1")?;
    std::thread::scope(|scope| {
        let lanes: Vec<Lane> = (0..workers)
            .map(|_| {
                let (texts, inbox) = sync_channel::<Chunk>(AHEAD);
                let (outbox, matched) = sync_channel(AHEAD);
                scope.spawn(move || {
                    for chunk in inbox {
                        if outbox.send(match_chunk(query, chunk)).is_err() {
                            break;
                        }
                    }
                });
                Lane { texts, matched }
            })
            .collect();
        let (mut sent, mut taken) = (0, 0);
        while taken < chunks.len() {
            while sent < chunks.len() && sent < taken + workers * AHEAD {
                let texts = chunks[sent]
                    .iter()
                    .map(|c| match known(c.id) {
                        true => Ok(Read::Matches),
                        false => read_text(&mut read, c.id),
                    })
                    .collect::<rusqlite::Result<Chunk>>()?;
                if lanes[sent % workers].texts.send(texts).is_err() {
                    return Err(gone());
                }
                sent += 1;
            }
            let flags = lanes[taken % workers]
                .matched
                .recv()
                .map_err(|_| gone())?
                .map_err(unreadable)?;
            let found: Vec<Candidate> = chunks[taken]
                .iter()
                .zip(flags)
                .filter_map(|(c, hit)| hit.then_some(*c))
                .collect();
            taken += 1;
            let checked = (taken * CHUNK).min(list.len());
            if !on_chunk(&found, checked) {
                return Ok(true);
            }
        }
        Ok(false)
    })
}

fn read_text(stmt: &mut rusqlite::CachedStatement<'_>, id: i64) -> rusqlite::Result<Read> {
    match stmt.query_row([id], |row| clean_text::read_stored(row, 0)) {
        Ok(text) => Ok(Read::Text(text)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(Read::Gone),
        Err(e) => Err(e),
    }
}

fn match_chunk(query: &Query, chunk: Chunk) -> std::io::Result<Vec<bool>> {
    chunk
        .into_iter()
        .map(|read| match read {
            Read::Matches => Ok(true),
            Read::Text(text) => Ok(query.matches(&text.unpack()?)),
            Read::Gone => Ok(false),
        })
        .collect()
}

/// A text that did not decompress, as reading it on the calling thread would say.
fn unreadable(e: std::io::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(1, Type::Blob, Box::new(e))
}

/// A worker thread ended without answering (it can only have panicked).
fn gone() -> rusqlite::Error {
    unreadable(std::io::Error::other("a search thread ended early"))
}
