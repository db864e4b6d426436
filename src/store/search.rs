//! Full-text search over the current reports' clean text: an FTS5 table with the trigram
//! tokenizer (case-sensitive, so a phrase query means "this exact substring"), holding
//! no copy of the text, kept in step by every import and replacement. Queries with
//! terms too short for trigrams narrow what they can through the index and read the
//! rest; the answer is always what [`Query::matches`] says of each text.

use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

use super::{Store, StoreError, clean_text, non_empty, sqlite};
use crate::names;
use crate::search::Query;

/// Which reports a search looks in; `None` fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    pub township: Option<String>,
    pub county: Option<String>,
    pub province: Option<String>,
    pub year: Option<i32>,
}

/// A report that matches a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchRow {
    #[serde(skip)]
    pub id: i64,
    pub township: String,
    pub county: Option<String>,
    pub province: Option<String>,
    pub year: i32,
}

/// How a search was answered: by the index alone, by the index and then reading the
/// candidates, or by reading every report in the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchPlan {
    Index,
    Verify,
    Scan,
}

impl Store {
    /// Visits every current report matching `query` within `filter`, newest year first
    /// (then county, township), with its clean text when the search had to read it.
    /// `visit` returns false to stop early. Memory stays bounded whatever the store size:
    /// rows stream from SQLite.
    pub fn search(
        &self,
        query: &Query,
        filter: &SearchFilter,
        visit: &mut dyn FnMut(SearchRow, Option<String>) -> bool,
    ) -> Result<SearchPlan, StoreError> {
        let (plan, index_query) = if query.indexable() {
            (SearchPlan::Index, Some(query.clone()))
        } else {
            match query.prefilter() {
                Some(narrow) => (SearchPlan::Verify, Some(narrow)),
                None => (SearchPlan::Scan, None),
            }
        };
        // The index's answer is exact: texts are read only to check candidates.
        let text = if plan == SearchPlan::Index {
            "NULL, NULL"
        } else {
            clean_text::R_COLUMNS
        };
        let mut sql = format!(
            "SELECT r.id, r.township, r.county, r.province, r.year, {text} FROM reports r
             WHERE r.superseded_by IS NULL"
        );
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(narrow) = &index_query {
            sql.push_str(" AND r.id IN (SELECT rowid FROM report_text WHERE report_text MATCH ?)");
            values.push(fts_expression(narrow).into());
        }
        push_filters(&mut sql, &mut values, filter);
        sql.push_str(" ORDER BY r.year DESC, r.county, r.township, r.id");
        let fail = |e| sqlite(&self.path, e);
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let text = clean_text::read_optional(row, 5).map_err(fail)?;
            if text.as_deref().is_some_and(|t| !query.matches(t)) {
                continue;
            }
            let found = SearchRow {
                id: row.get(0).map_err(fail)?,
                township: row.get(1).map_err(fail)?,
                county: non_empty(row.get(2).map_err(fail)?),
                province: row.get(3).map_err(fail)?,
                year: row.get(4).map_err(fail)?,
            };
            if !visit(found, text) {
                break;
            }
        }
        Ok(plan)
    }
}

fn push_filters(sql: &mut String, values: &mut Vec<rusqlite::types::Value>, f: &SearchFilter) {
    let names = [
        ("r.township", &f.township),
        ("r.county", &f.county),
        ("r.province", &f.province),
    ];
    for (column, value) in names {
        if let Some(value) = value {
            sql.push_str(&format!(" AND {column} = ?"));
            values.push(names::normalize(value).into());
        }
    }
    if let Some(year) = f.year {
        sql.push_str(" AND r.year = ?");
        values.push(i64::from(year).into());
    }
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

/// Adds a newly stored report's text to the index.
pub(super) fn index_text(conn: &Connection, id: i64, text: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO report_text (rowid, text) VALUES (?1, ?2)")?
        .execute(rusqlite::params![id, text])
        .map(|_| ())
}

/// Takes a replaced report's text out of the index: only current reports are searched.
pub(super) fn unindex_text(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM report_text WHERE rowid = ?1")?
        .execute([id])
        .map(|_| ())
}

#[cfg(test)]
mod tests;
