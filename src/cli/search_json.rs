//! `nianbao search --json` written as the reports are found: the object's `reports`
//! first, each report flushed as soon as it is found (a search that reads every report
//! finds the first long before the last), then `total`, `plan` and `unindexed`, known
//! last. Byte for byte what `serde_json::to_writer_pretty` writes for the same fields in
//! that order.

use std::io::Write;

use serde::Serialize;

use super::json_array::JsonArray;
use super::output::OutputError;

/// The search's JSON object, its reports written one at a time.
pub struct ReportsJson<W: Write> {
    reports: JsonArray<W>,
}

impl<W: Write> ReportsJson<W> {
    /// Opens the object and names its `reports` array.
    pub fn new(mut sink: W) -> anyhow::Result<ReportsJson<W>> {
        sink.write_all(b"{\n  \"reports\": ").map_err(OutputError)?;
        Ok(ReportsJson {
            reports: JsonArray::nested(sink, 1),
        })
    }

    /// Writes one report, indented as an element of the array, and flushes.
    pub fn push<T: Serialize>(&mut self, report: &T) -> anyhow::Result<()> {
        self.reports.push(report)
    }

    /// Closes the array, writes the fields known at the end, closes the object and
    /// gives the sink back.
    pub fn finish<P: Serialize>(
        self,
        total: usize,
        plan: P,
        unindexed: usize,
    ) -> anyhow::Result<W> {
        let mut sink = self.reports.close()?;
        let rest = format!(
            ",\n  \"total\": {total},\n  \"plan\": {},\n  \"unindexed\": {unindexed}\n}}\n",
            serde_json::to_string(&plan)?
        );
        sink.write_all(rest.as_bytes())
            .and_then(|()| sink.flush())
            .map_err(OutputError)?;
        Ok(sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Whole {
        reports: Vec<serde_json::Value>,
        total: usize,
        plan: &'static str,
        unindexed: usize,
    }

    #[test]
    fn streamed_object_is_the_pretty_object() {
        let cases = [
            vec![],
            vec![serde_json::json!({"township": "石门乡", "hits": [{"text": "a\nb"}]})],
            vec![
                serde_json::json!({"k": null}),
                serde_json::json!([1, {"x": []}]),
            ],
        ];
        for reports in cases {
            let mut streamed = ReportsJson::new(Vec::new()).expect("open");
            for r in &reports {
                streamed.push(r).expect("push");
            }
            let total = reports.len() + 7;
            let bytes = streamed.finish(total, "scan", 3).expect("finish");
            let whole = Whole {
                reports,
                total,
                plan: "scan",
                unindexed: 3,
            };
            let expected = serde_json::to_string_pretty(&whole).expect("json") + "\n";
            assert_eq!(String::from_utf8(bytes).expect("utf-8"), expected);
        }
    }
}
