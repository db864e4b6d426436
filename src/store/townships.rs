//! The township list: every township with its years, read from the covering index
//! `reports_township_list` (migration 8), so listing 38,000 townships reads a few
//! megabytes of index rather than every report's row, whose pages hold its text.

use super::{Result, Store, TownshipSummary, non_empty};

impl Store {
    /// Every township with the years stored, ordered by county then township.
    pub fn townships(&self) -> Result<Vec<TownshipSummary>> {
        let mut stmt = self.conn.prepare(TOWNSHIP_YEARS).map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut list: Vec<TownshipSummary> = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let year = row_year(row).map_err(|e| self.err(e))?;
            add_year(&mut list, year);
        }
        Ok(list)
    }
}

/// One current report: its identity, province and year, borrowed from the row read:
/// only the first report of a township is copied (230,000 reports, 38,000 townships).
struct ReportYear<'row> {
    county: &'row str,
    township: &'row str,
    province: Option<&'row str>,
    year: i32,
}

fn row_year<'row>(row: &'row rusqlite::Row<'_>) -> rusqlite::Result<ReportYear<'row>> {
    let text = |at: usize| {
        row.get_ref(at)?.as_str_or_null().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, e.into())
        })
    };
    Ok(ReportYear {
        county: text(0)?.unwrap_or(""),
        township: text(1)?.unwrap_or(""),
        province: text(2)?,
        year: row.get(3)?,
    })
}

/// Adds a report to the list read so far, whose last township is the report's own when
/// it is not the first of its township (rows come grouped, years ascending). The
/// province is the greatest one named, as SQL's `MAX` gives it.
fn add_year(list: &mut Vec<TownshipSummary>, report: ReportYear<'_>) {
    if let Some(last) = list.last_mut()
        && last.township == report.township
        && last.county.as_deref().unwrap_or("") == report.county
    {
        last.years.push(report.year);
        if report.province > last.province.as_deref() {
            last.province = report.province.map(str::to_string);
        }
        return;
    }
    list.push(TownshipSummary {
        township: report.township.to_string(),
        county: non_empty(report.county.to_string()),
        province: report.province.map(str::to_string),
        years: vec![report.year],
    });
}

/// The current reports in the covering index's order (county, township, year), so
/// SQLite neither sorts nor reads the table.
const TOWNSHIP_YEARS: &str = "SELECT county, township, province, year FROM reports
     WHERE superseded_by IS NULL ORDER BY county, township, year";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewReport;

    /// The list as it was read before the index: a scan of the reports table.
    const SCAN: &str = "SELECT township, county, MAX(province), group_concat(year) FROM
           (SELECT township, county, province, year FROM reports
            WHERE superseded_by IS NULL ORDER BY year)
         GROUP BY township, county ORDER BY county, township";

    fn import(store: &mut Store, reports: &[(&str, &str, Option<&str>, i32, &str)]) {
        let mut batch = store.begin_import().expect("begin");
        for &(township, county, province, year, text) in reports {
            let report = NewReport {
                province,
                ..NewReport::plain(township, county, year, text)
            };
            batch.import(&report, true).expect("import");
        }
        batch.commit().expect("commit");
    }

    fn scanned(store: &Store) -> Vec<TownshipSummary> {
        let mut stmt = store.conn.prepare(SCAN).expect("prepare");
        stmt.query_map([], |row| {
            let years: String = row.get(3)?;
            Ok(TownshipSummary {
                township: row.get(0)?,
                county: non_empty(row.get(1)?),
                province: row.get(2)?,
                years: years.split(',').filter_map(|y| y.parse().ok()).collect(),
            })
        })
        .and_then(|rows| rows.collect())
        .expect("scan")
    }

    #[test]
    fn list_from_the_index_equals_the_table_scan() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("s.db")).expect("open");
        // Years out of order, a township in two counties, one without a county, a
        // province named in one year only, two provinces, and a replaced year.
        import(
            &mut store,
            &[
                ("柳溪镇", "青山县", None, 2022, "甲二二"),
                ("柳溪镇", "青山县", Some("云南省"), 2020, "甲二零"),
                ("柳溪镇", "白河县", Some("四川省"), 2021, "乙二一"),
                ("石门乡", "", None, 2023, "丙二三"),
                ("石门乡", "", None, 2019, "丙一九"),
                ("东坪镇", "青山县", Some("云南省"), 2021, "丁二一"),
                ("东坪镇", "青山县", Some("贵州省"), 2022, "丁二二"),
                ("东坪镇", "青山县", Some("贵州省"), 2023, "丁二三"),
            ],
        );
        import(
            &mut store,
            &[
                ("东坪镇", "青山县", Some("四川省"), 2023, "丁二三改"),
                ("柳溪镇", "白河县", None, 2018, "乙一八"),
            ],
        );
        let listed = store.townships().expect("list");
        assert_eq!(listed, scanned(&store));
        assert_eq!(listed.len(), 4);
        assert!(listed.iter().any(|t| t.years == [2021, 2022, 2023]));
    }

    #[test]
    fn list_reads_only_the_covering_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("s.db")).expect("open");
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {TOWNSHIP_YEARS}"))
            .and_then(|mut stmt| {
                stmt.query_map([], |row| row.get::<_, String>(3))
                    .and_then(|rows| rows.collect())
            })
            .expect("plan");
        assert!(
            plan.iter()
                .any(|step| step.contains("COVERING INDEX reports_township_list")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "{plan:?}"
        );
    }
}
