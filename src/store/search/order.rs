//! The current reports a search looks at, in the order results are listed: newest
//! year first, then county, township. Read from the township list's covering index
//! (`reports_township_list`, in county, township, year order) so no report row is
//! touched; when the index names few candidates, each is looked up by id instead.
//! Each report is kept as a [`Candidate`] of 16 bytes, never with its text.

use std::cmp::Reverse;
use std::collections::HashMap;

use rusqlite::{Connection, params_from_iter};

use super::candidates::IdSet;
use super::{CountBy, SearchFilter, StopCheck};
use crate::names;

/// A report a search may list: its id, year, and the group it is counted in (an index
/// into [`Candidates::groups`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub id: i64,
    pub year: i32,
    pub group: u32,
}

/// The candidates in listing order and the names of their groups.
pub(super) struct Candidates {
    pub list: Vec<Candidate>,
    pub groups: Vec<String>,
}

/// A candidate looked up by id costs about this many steps through the index: below
/// `1 / POINT_COST` of the store, the candidates are looked up one by one.
const POINT_COST: usize = 32;

/// The current reports within `filter` (and within `within`, when given), newest year
/// first, then county, township; grouped by `by`. Incomplete when `check` said to stop.
pub(super) fn collect(
    conn: &Connection,
    filter: &SearchFilter,
    within: Option<&IdSet>,
    by: CountBy,
    check: &mut StopCheck<'_>,
) -> rusqlite::Result<Candidates> {
    let found = match within {
        Some(set) if set.len().saturating_mul(POINT_COST) < highest_id(conn)? => {
            collect_by_id(conn, filter, set, by)?
        }
        _ => collect_through_index(conn, filter, within, by, check)?,
    };
    Ok(found)
}

/// [`collect`] walking the covering index.
pub(super) fn collect_through_index(
    conn: &Connection,
    filter: &SearchFilter,
    within: Option<&IdSet>,
    by: CountBy,
    check: &mut StopCheck<'_>,
) -> rusqlite::Result<Candidates> {
    let mut out = Grouper::new(by);
    through_index(conn, filter, within, &mut out, check)?;
    Ok(out.done())
}

/// [`collect`] looking each of `set` up by id.
pub(super) fn collect_by_id(
    conn: &Connection,
    filter: &SearchFilter,
    set: &IdSet,
    by: CountBy,
) -> rusqlite::Result<Candidates> {
    let mut out = Grouper::new(by);
    by_id(conn, filter, set, &mut out)?;
    Ok(out.done())
}

/// One report as a search orders and groups it: `name` is its county or province when
/// grouped by one (empty when unknown), unused when grouped by year.
struct Listed<'a> {
    id: i64,
    year: i32,
    name: &'a str,
}

/// The column holding what `by` groups by, other than the year.
fn name_column(by: CountBy) -> &'static str {
    match by {
        CountBy::Year => "NULL",
        CountBy::County => "county",
        CountBy::Province => "province",
    }
}

fn through_index(
    conn: &Connection,
    filter: &SearchFilter,
    within: Option<&IdSet>,
    out: &mut Grouper,
    check: &mut StopCheck<'_>,
) -> rusqlite::Result<()> {
    // Only the columns needed: the walk over every current report is most of the work.
    let mut sql = format!(
        "SELECT id, year, {} FROM reports WHERE superseded_by IS NULL",
        name_column(out.by)
    );
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    for (column, value) in filter_values(filter) {
        sql.push_str(&format!(" AND {column} = ?"));
        values.push(value);
    }
    sql.push_str(" ORDER BY county, township, year");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        if check.step() {
            break;
        }
        let id: i64 = row.get(0)?;
        if within.is_some_and(|set| !set.contains(id)) {
            continue;
        }
        out.push(&Listed {
            id,
            year: row.get(1)?,
            name: row.get_ref(2)?.as_str_or_null()?.unwrap_or(""),
        });
    }
    Ok(())
}

/// Each candidate looked up by id, the filter applied here, then put in the index's
/// order.
fn by_id(
    conn: &Connection,
    filter: &SearchFilter,
    set: &IdSet,
    out: &mut Grouper,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT township, county, province, year FROM reports
         WHERE id = ?1 AND superseded_by IS NULL",
    )?;
    let wanted = filter_values(filter);
    let mut rows: Vec<(String, String, Option<String>, i32, i64)> = Vec::new();
    for id in set.ids() {
        let Some(row) = stmt
            .query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, id))
            })
            .map(Some)
            .or_else(none_if_missing)?
        else {
            continue;
        };
        if wanted
            .iter()
            .all(|(column, value)| holds(&row, column, value))
        {
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| (&a.1, &a.0, a.3, a.4).cmp(&(&b.1, &b.0, b.3, b.4)));
    for (_, county, province, year, id) in &rows {
        let name = match out.by {
            CountBy::Province => province.as_deref().unwrap_or(""),
            _ => county,
        };
        out.push(&Listed {
            id: *id,
            year: *year,
            name,
        });
    }
    Ok(())
}

fn none_if_missing<T>(e: rusqlite::Error) -> rusqlite::Result<Option<T>> {
    match e {
        rusqlite::Error::QueryReturnedNoRows => Ok(None),
        e => Err(e),
    }
}

/// Whether a looked-up row has the value a filter column asks for.
fn holds(
    row: &(String, String, Option<String>, i32, i64),
    column: &str,
    value: &rusqlite::types::Value,
) -> bool {
    use rusqlite::types::Value;
    match (column, value) {
        ("township", Value::Text(v)) => &row.0 == v,
        ("county", Value::Text(v)) => &row.1 == v,
        ("province", Value::Text(v)) => row.2.as_ref() == Some(v),
        ("year", Value::Integer(v)) => i64::from(row.3) == *v,
        _ => false,
    }
}

/// The filter as column and value pairs, names normalized as stored.
pub(super) fn filter_values(f: &SearchFilter) -> Vec<(&'static str, rusqlite::types::Value)> {
    let mut out = Vec::new();
    let names = [
        ("township", &f.township),
        ("county", &f.county),
        ("province", &f.province),
    ];
    for (column, value) in names {
        if let Some(value) = value {
            out.push((column, names::normalize(value).into()));
        }
    }
    if let Some(year) = f.year {
        out.push(("year", i64::from(year).into()));
    }
    out
}

/// The largest report id: the store's size as far as choosing how to look is concerned.
fn highest_id(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("SELECT coalesce(max(id), 0) FROM reports", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|id| usize::try_from(id).unwrap_or(0))
}

/// Candidates with their groups' names kept once each.
struct Grouper {
    by: CountBy,
    list: Vec<Candidate>,
    groups: Vec<String>,
    seen: HashMap<String, u32>,
    years: HashMap<i32, u32>,
}

impl Grouper {
    fn new(by: CountBy) -> Grouper {
        Grouper {
            by,
            list: Vec::new(),
            groups: Vec::new(),
            seen: HashMap::new(),
            years: HashMap::new(),
        }
    }

    fn push(&mut self, report: &Listed<'_>) {
        let group = match self.by {
            CountBy::Year => match self.years.get(&report.year) {
                Some(&group) => group,
                None => {
                    let group = self.group(&report.year.to_string());
                    self.years.insert(report.year, group);
                    group
                }
            },
            CountBy::County | CountBy::Province => self.group(report.name),
        };
        self.list.push(Candidate {
            id: report.id,
            year: report.year,
            group,
        });
    }

    /// The index of a group's name, added when new.
    fn group(&mut self, key: &str) -> u32 {
        if let Some(&group) = self.seen.get(key) {
            return group;
        }
        let group = self.groups.len() as u32;
        self.groups.push(key.to_string());
        self.seen.insert(key.to_string(), group);
        group
    }

    /// The candidates newest year first; stable, so within a year the index's county,
    /// township order stays.
    fn done(mut self) -> Candidates {
        self.list.sort_by_key(|c| Reverse(c.year));
        Candidates {
            list: self.list,
            groups: self.groups,
        }
    }
}
