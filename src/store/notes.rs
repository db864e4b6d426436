//! Review state on the store: notes, flagged sentences and reviewed sections, which
//! several reviewers write at once over SSH.

use std::cmp::Ordering;
use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{ReportKey, Result, Store, now_iso8601};
use crate::names;
use crate::report::Span;

/// What a review record says about its place in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    /// A reviewer's remark, with text.
    Note,
    /// A sentence marked for a second look.
    Flag,
    /// A section the reviewer has read.
    Reviewed,
}

impl NoteKind {
    /// The name stored in the `notes.kind` column and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Note => "note",
            NoteKind::Flag => "flag",
            NoteKind::Reviewed => "reviewed",
        }
    }

    /// Reads a stored kind; unknown kinds (from a newer nianbao) read as notes so they are
    /// still exported rather than lost.
    pub fn parse(text: &str) -> NoteKind {
        match text {
            "flag" => NoteKind::Flag,
            "reviewed" => NoteKind::Reviewed,
            _ => NoteKind::Note,
        }
    }
}

/// A review record to write.
#[derive(Debug, Clone)]
pub struct NewNote<'a> {
    pub key: &'a ReportKey,
    /// The section path (`2.1`), `None` for the whole report.
    pub section: Option<&'a str>,
    /// The sentence the record is about, in the report's clean text.
    pub sentence: Option<Span>,
    /// The sentence or heading text, so an export reads without the report at hand.
    pub excerpt: &'a str,
    pub kind: NoteKind,
    pub body: &'a str,
    pub author: &'a str,
}

/// A stored review record. Its JSON form is the stable contract of `notes list --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub id: i64,
    pub township: String,
    pub county: Option<String>,
    pub year: i32,
    pub section: Option<String>,
    /// Character offsets of the sentence in the report's clean text.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub excerpt: String,
    pub kind: NoteKind,
    pub body: String,
    pub author: String,
    pub created_at: String,
}

impl Note {
    /// The sentence span, when the record is about one sentence.
    pub fn span(&self) -> Option<Span> {
        Some(Span::new(self.start?, self.end?))
    }
}

const SELECT_NOTE: &str = "SELECT id, township, county, year, section_path, sentence_start,
    sentence_end, excerpt, kind, body, author, created_at FROM notes";

fn note_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let county: String = row.get(2)?;
    let start: Option<i64> = row.get(5)?;
    let end: Option<i64> = row.get(6)?;
    Ok(Note {
        id: row.get(0)?,
        township: row.get(1)?,
        county: (!county.is_empty()).then_some(county),
        year: row.get(3)?,
        section: row.get(4)?,
        start: start.and_then(|v| usize::try_from(v).ok()),
        end: end.and_then(|v| usize::try_from(v).ok()),
        excerpt: row.get(7)?,
        kind: NoteKind::parse(&row.get::<_, String>(8)?),
        body: row.get(9)?,
        author: row.get(10)?,
        created_at: row.get(11)?,
    })
}

/// Orders section paths numerically (`2.9` before `2.10`); whole-report records first.
pub fn compare_paths(a: Option<&str>, b: Option<&str>) -> Ordering {
    let parts = |p: &str| -> Vec<u64> { p.split('.').filter_map(|n| n.parse().ok()).collect() };
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => parts(a).cmp(&parts(b)),
    }
}

/// Report order: county, township, year, section, then time of writing.
fn report_order(a: &Note, b: &Note) -> Ordering {
    a.county
        .cmp(&b.county)
        .then_with(|| a.township.cmp(&b.township))
        .then_with(|| a.year.cmp(&b.year))
        .then_with(|| compare_paths(a.section.as_deref(), b.section.as_deref()))
        .then_with(|| a.start.cmp(&b.start))
        .then_with(|| a.created_at.cmp(&b.created_at))
        .then_with(|| a.id.cmp(&b.id))
}

/// Writes a review record on `conn`, inside its caller's transaction; returns its id.
fn insert_note(conn: &Connection, note: &NewNote<'_>) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO notes (township, county, year, section_path, sentence_start,
            sentence_end, excerpt, kind, body, author, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            note.key.township,
            note.key.county,
            note.key.year,
            note.section,
            note.sentence.map(|s| to_i64(s.start)),
            note.sentence.map(|s| to_i64(s.end)),
            note.excerpt,
            note.kind.as_str(),
            note.body,
            note.author,
            now_iso8601(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn to_i64(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl Store {
    /// Writes a review record and returns its id.
    pub fn add_note(&self, note: &NewNote<'_>) -> Result<i64> {
        self.write(|conn| insert_note(conn, note))
    }

    /// Every review record of the given years of one township, in report order.
    pub fn notes_for(&self, township: &str, county: &str, years: &[i32]) -> Result<Vec<Note>> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SELECT_NOTE} WHERE township = ?1 AND county = ?2 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let mut notes = stmt
            .query_map(params![township, county], note_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        notes.retain(|n| years.contains(&n.year));
        notes.sort_by(report_order);
        Ok(notes)
    }

    /// Every review record in the store, optionally of one township and/or year, in
    /// report order.
    pub fn all_notes(&self, township: Option<&str>, year: Option<i32>) -> Result<Vec<Note>> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SELECT_NOTE} WHERE (?1 IS NULL OR township = ?1) AND (?2 IS NULL OR year = ?2)"
            ))
            .map_err(|e| self.err(e))?;
        let township = township.map(names::normalize);
        let mut notes = stmt
            .query_map(params![township, year], note_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        notes.sort_by(report_order);
        Ok(notes)
    }

    /// Marks a section reviewed, or unmarks it when it already is. Returns the new state.
    pub fn toggle_reviewed(&self, key: &ReportKey, section: &str, author: &str) -> Result<bool> {
        self.write(|conn| {
            let removed = conn.execute(
                "DELETE FROM notes WHERE township = ?1 AND county = ?2 AND year = ?3
                   AND kind = 'reviewed' AND section_path = ?4",
                params![key.township, key.county, key.year, section],
            )?;
            if removed > 0 {
                return Ok(false);
            }
            let reviewed = NewNote {
                key,
                section: Some(section),
                sentence: None,
                excerpt: "",
                kind: NoteKind::Reviewed,
                body: "",
                author,
            };
            insert_note(conn, &reviewed).map(|_| true)
        })
    }

    /// Flags a sentence, or removes the flag when it is already flagged. Returns the new
    /// state.
    pub fn toggle_flag(&self, note: &NewNote<'_>) -> Result<bool> {
        let flag = NewNote {
            kind: NoteKind::Flag,
            ..note.clone()
        };
        self.write(|conn| {
            let Some(span) = note.sentence else {
                return insert_note(conn, &flag).map(|_| true);
            };
            let removed = conn.execute(
                "DELETE FROM notes WHERE township = ?1 AND county = ?2 AND year = ?3
                   AND kind = 'flag' AND sentence_start = ?4 AND sentence_end = ?5",
                params![
                    note.key.township,
                    note.key.county,
                    note.key.year,
                    to_i64(span.start),
                    to_i64(span.end)
                ],
            )?;
            if removed > 0 {
                return Ok(false);
            }
            insert_note(conn, &flag).map(|_| true)
        })
    }

    /// Gives review record `id` new text; false when there is none with that id.
    pub fn update_note_body(&self, id: i64, body: &str) -> Result<bool> {
        self.write(|conn| {
            conn.execute(
                "UPDATE notes SET body = ?2 WHERE id = ?1",
                params![id, body],
            )
            .map(|n| n > 0)
        })
    }

    /// One review record by id.
    pub fn note(&self, id: i64) -> Result<Option<Note>> {
        self.conn
            .query_row(&format!("{SELECT_NOTE} WHERE id = ?1"), [id], note_row)
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Deletes one review record; false when there was none with that id.
    pub fn delete_note(&self, id: i64) -> Result<bool> {
        self.write(|conn| {
            conn.execute("DELETE FROM notes WHERE id = ?1", [id])
                .map(|n| n > 0)
        })
    }

    /// How many notes and flags each township (by township and county) has.
    pub fn note_counts(&self) -> Result<HashMap<(String, String), usize>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT township, county, COUNT(*) FROM notes WHERE kind IN ('note', 'flag')
                 GROUP BY township, county",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    (row.get::<_, String>(0)?, row.get::<_, String>(1)?),
                    usize::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<HashMap<_, _>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(year: i32) -> ReportKey {
        ReportKey {
            township: "示例镇".to_string(),
            county: "示例县".to_string(),
            year,
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("s.db")).expect("open store");
        (dir, store)
    }

    #[test]
    fn notes_round_trip_in_report_order() {
        let (_dir, store) = store();
        let k = key(2021);
        for (section, body) in [("2.10", "十"), ("2.9", "九"), ("1", "一")] {
            store
                .add_note(&NewNote {
                    key: &k,
                    section: Some(section),
                    sentence: Some(Span::new(3, 9)),
                    excerpt: "摘录",
                    kind: NoteKind::Note,
                    body,
                    author: "审阅人",
                })
                .expect("add");
        }
        let notes = store.notes_for("示例镇", "示例县", &[2021]).expect("read");
        let bodies: Vec<&str> = notes.iter().map(|n| n.body.as_str()).collect();
        assert_eq!(bodies, ["一", "九", "十"]);
        assert_eq!(notes[0].span(), Some(Span::new(3, 9)));
        assert_eq!(notes[0].county.as_deref(), Some("示例县"));
        assert!(
            store
                .notes_for("示例镇", "示例县", &[2020])
                .expect("read")
                .is_empty()
        );
    }

    #[test]
    fn reviewed_and_flag_toggle() {
        let (_dir, store) = store();
        let k = key(2022);
        assert!(store.toggle_reviewed(&k, "1", "甲").expect("mark"));
        assert!(!store.toggle_reviewed(&k, "1", "甲").expect("unmark"));
        let flag = NewNote {
            key: &k,
            section: Some("2"),
            sentence: Some(Span::new(10, 20)),
            excerpt: "句子",
            kind: NoteKind::Flag,
            body: "",
            author: "甲",
        };
        assert!(store.toggle_flag(&flag).expect("flag"));
        assert_eq!(store.all_notes(None, None).expect("all").len(), 1);
        assert!(!store.toggle_flag(&flag).expect("unflag"));
        assert!(store.all_notes(None, None).expect("all").is_empty());
    }
}
