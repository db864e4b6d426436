//! The first step of every search: which report ids the trigram index says may match
//! (all of them match when the query is indexable), as a set looked up by id, with
//! every report above how far the index goes.

use rusqlite::Connection;

use super::StopCheck;
use super::index_file::mark_for;
use crate::search::{Query, last_run_is_short};

/// Report ids as a bit per id: membership in constant time, 1 bit per id of memory.
#[derive(Default)]
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

/// The ids of the reports whose text the index file `index` says holds `narrow`, and
/// how far the index goes (ids above it are not in it; 0 when the index is not this
/// store's): read from the index alone, no report row touched; incomplete when `check`
/// said to stop.
pub(super) fn indexed(
    index: &Connection,
    store: &Connection,
    narrow: &Query,
    check: &mut StopCheck<'_>,
) -> rusqlite::Result<(IdSet, i64)> {
    // One snapshot of the index: how far it goes and what it holds agree.
    let snapshot = index.unchecked_transaction()?;
    let mut set = IdSet::default();
    let Some(through) = mark_for(&snapshot, store)? else {
        return Ok((set, 0));
    };
    let mut stmt = snapshot.prepare_cached(
        "SELECT rowid FROM report_text WHERE report_text MATCH ?1 AND rowid <= ?2",
    )?;
    let mut rows = stmt.query(rusqlite::params![fts_expression(narrow), through])?;
    while let Some(row) = rows.next()? {
        if check.step() {
            break;
        }
        set.insert(row.get(0)?);
    }
    Ok((set, through))
}

/// Adds to `set` every current report above `through`: the index does not hold them
/// yet, so each is read.
pub(super) fn add_above(store: &Connection, through: i64, set: &mut IdSet) -> rusqlite::Result<()> {
    let mut stmt =
        store.prepare_cached("SELECT id FROM reports WHERE id > ?1 AND superseded_by IS NULL")?;
    let mut rows = stmt.query([through])?;
    while let Some(row) = rows.next()? {
        set.insert(row.get(0)?);
    }
    Ok(())
}

/// The query in FTS5 syntax: every term a quoted string (a phrase of its trigrams, so a
/// substring), quotes doubled, every group parenthesized. Built from a parsed query,
/// never from the user's text, so it cannot be malformed; its terms are indexable
/// (`Query::indexable`, `Query::prefilter`): none begins with a run too short for a
/// trigram, and one that ends with such a run asks for it as a prefix.
fn fts_expression(query: &Query) -> String {
    let joined = |parts: &[Query], op: &str| {
        let inner: Vec<String> = parts.iter().map(fts_expression).collect();
        format!("({})", inner.join(op))
    };
    match query {
        Query::Term(term) => {
            // A last run shorter than a trigram is known by the token it begins.
            let prefix = if last_run_is_short(term) { " *" } else { "" };
            format!("\"{}\"{prefix}", term.replace('"', "\"\""))
        }
        Query::And(parts) => joined(parts, " AND "),
        Query::Or(parts) => joined(parts, " OR "),
        Query::Not(keep, drop) => {
            format!("({} NOT {})", fts_expression(keep), fts_expression(drop))
        }
    }
}
