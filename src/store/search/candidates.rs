//! The first step of every search: which report ids the trigram index says may match
//! (all of them match when the query is indexable), as a set looked up by id.

use rusqlite::Connection;

use super::StopCheck;
use crate::search::Query;

/// Report ids as a bit per id: membership in constant time, 1 bit per id of memory.
pub(super) struct IdSet {
    words: Vec<u64>,
    len: usize,
}

impl IdSet {
    /// Whether `id` is in the set.
    pub(super) fn contains(&self, id: i64) -> bool {
        let Ok(id) = usize::try_from(id) else {
            return false;
        };
        self.words
            .get(id / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    /// How many ids the set holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    fn insert(&mut self, id: i64) {
        let Ok(id) = usize::try_from(id) else {
            return;
        };
        if self.words.len() <= id / 64 {
            self.words.resize(id / 64 + 1, 0);
        }
        let word = &mut self.words[id / 64];
        if *word & (1 << (id % 64)) == 0 {
            *word |= 1 << (id % 64);
            self.len += 1;
        }
    }

    /// The ids in ascending order.
    pub(super) fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.words.iter().enumerate().flat_map(|(at, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| (at * 64 + bit) as i64)
        })
    }
}

/// The ids of the current reports whose text the index says holds `narrow`: read
/// from the full-text index alone, no report row touched; incomplete when `check` said
/// to stop.
pub(super) fn indexed(
    conn: &Connection,
    narrow: &Query,
    check: &mut StopCheck<'_>,
) -> rusqlite::Result<IdSet> {
    let mut stmt =
        conn.prepare_cached("SELECT rowid FROM report_text WHERE report_text MATCH ?1")?;
    let mut rows = stmt.query([fts_expression(narrow)])?;
    let mut set = IdSet {
        words: Vec::new(),
        len: 0,
    };
    while let Some(row) = rows.next()? {
        if check.step() {
            break;
        }
        set.insert(row.get(0)?);
    }
    Ok(set)
}

/// The query in FTS5 syntax: every term a quoted string (a phrase of its trigrams, so a
/// substring), quotes doubled, every group parenthesized. Built from a parsed query,
/// never from the user's text, so it cannot be malformed.
fn fts_expression(query: &Query) -> String {
    let joined = |parts: &[Query], op: &str| {
        let inner: Vec<String> = parts.iter().map(fts_expression).collect();
        format!("({})", inner.join(op))
    };
    match query {
        Query::Term(term) => format!("\"{}\"", term.replace('"', "\"\"")),
        Query::And(parts) => joined(parts, " AND "),
        Query::Or(parts) => joined(parts, " OR "),
        Query::Not(keep, drop) => {
            format!("({} NOT {})", fts_expression(keep), fts_expression(drop))
        }
    }
}
