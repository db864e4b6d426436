//! The bulk read behind `reuse --top`: every indexed report's place, then every
//! complete postings list of a fingerprint held by two reports or more, in one pass in
//! key order (see [`crate::reuse::candidates`]).

use std::collections::HashMap;

use rusqlite::Connection;

use super::packed;
use crate::reuse::candidates::{DocPlace, Evidence, Places};
use crate::reuse::{DocId, Kind, Params, Posting};

/// Each indexed report's township, county and province.
fn places(conn: &Connection) -> rusqlite::Result<HashMap<DocId, DocPlace>> {
    let mut names = Places::default();
    let mut out = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT x.report, x.township, r.county, coalesce(r.province, '')
         FROM reuse_reports x JOIN reports r ON r.id = x.report",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let county: String = row.get(2)?;
        let province: String = row.get(3)?;
        let place = DocPlace {
            township: row.get(1)?,
            county: names.number(&county),
            province: names.number(&province),
        };
        out.insert(row.get(0)?, place);
    }
    Ok(out)
}

/// The evidence of every complete postings list, for rankings of `kind` in a corpus of
/// `total` townships.
pub(super) fn gather(
    conn: &Connection,
    kind: Option<Kind>,
    params: &Params,
    total: usize,
) -> rusqlite::Result<Evidence> {
    let mut evidence = Evidence::new(kind, params, total, places(conn)?);
    let mut stmt = conn.prepare(
        "SELECT p.postings FROM reuse_hashes h JOIN reuse_posting_lists p ON p.hash = h.hash
         WHERE h.complete AND h.reports >= 2",
    )?;
    let mut rows = stmt.query([])?;
    let mut postings: Vec<Posting> = Vec::new();
    let mut docs: Vec<DocId> = Vec::new();
    while let Some(row) = rows.next()? {
        postings.clear();
        let blob = row.get_ref(0)?.as_blob()?;
        packed::read_postings(blob, usize::MAX, &mut postings);
        docs.clear();
        docs.extend(postings.iter().map(|p| p.doc));
        evidence.add(&mut docs);
    }
    Ok(evidence)
}
