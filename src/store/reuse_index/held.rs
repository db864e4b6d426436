//! What the keys of a batch hold before it writes, read in one pass in key order: the
//! batch's keys are sorted, so stepping through the table from the first of them costs
//! far less than a look-up each while the table holds few keys between two of the
//! batch's (a new or county store); where it holds many (a large store), the read
//! seeks past them to the next key, as a look-up would.

use rusqlite::Connection;

/// Rows of the table stepped past without meeting a key of the batch before the read
/// seeks to the next key instead.
const STEPS_BEFORE_SEEK: usize = 16;

/// The value each of `keys` (ascending, as SQLite orders integers) holds, 0 for a key
/// without a row. `select` reads `(key, value)` rows of a table whose integer primary
/// key is the key, from `?1` up in key order.
pub(super) fn held_values(
    conn: &Connection,
    select: &str,
    keys: &[i64],
) -> rusqlite::Result<Vec<i64>> {
    let mut held = vec![0; keys.len()];
    let mut stmt = conn.prepare_cached(select)?;
    let mut next = 0;
    while let Some(&from) = keys.get(next) {
        let mut rows = stmt.query([from])?;
        let mut stepped_past = 0;
        while stepped_past < STEPS_BEFORE_SEEK {
            let Some(row) = rows.next()? else {
                return Ok(held);
            };
            let key: i64 = row.get(0)?;
            // Keys below the row's have no row of their own.
            while keys.get(next).is_some_and(|&k| k < key) {
                next += 1;
            }
            match keys.get(next) {
                None => return Ok(held),
                Some(&k) if k == key => {
                    held[next] = row.get(1)?;
                    next += 1;
                    stepped_past = 0;
                }
                Some(_) => stepped_past += 1,
            }
        }
    }
    Ok(held)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_key_whether_the_table_is_dense_or_sparse_between_them() {
        let conn = Connection::open_in_memory().expect("database");
        conn.execute_batch("CREATE TABLE t (key INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
            .expect("table");
        // Every third key from far below zero to far above it, valued by its key.
        let stored: Vec<i64> = (-3000..3000)
            .map(|n| n * 3)
            .chain([i64::MIN, i64::MAX])
            .collect();
        for &key in &stored {
            conn.execute("INSERT INTO t VALUES (?1, ?2)", [key, key / 2 + 1])
                .expect("row");
        }
        let select = "SELECT key, value FROM t WHERE key >= ?1 ORDER BY key";
        // Dense runs, gaps far longer than the steps taken before seeking, absent keys
        // between stored ones and beyond the last.
        let mut keys: Vec<i64> = (-20..20).chain((-9000..9000).step_by(997)).collect();
        keys.extend([i64::MIN, i64::MIN + 1, 8999, 9001, i64::MAX]);
        keys.sort_unstable();
        keys.dedup();
        let expected: Vec<i64> = keys
            .iter()
            .map(|k| if stored.contains(k) { k / 2 + 1 } else { 0 })
            .collect();
        assert_eq!(held_values(&conn, select, &keys).expect("read"), expected);
        assert!(held_values(&conn, select, &[]).expect("read").is_empty());
        conn.execute("DELETE FROM t", []).expect("emptied");
        assert_eq!(
            held_values(&conn, select, &keys).expect("read"),
            vec![0; keys.len()]
        );
    }
}
