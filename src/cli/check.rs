//! `nianbao check`: lint every stored report (or one township's) in one run, for a
//! county office's batch review, each year read against the stored year before it as
//! the review interface reads it. Each report's findings are printed as soon as it is
//! analysed, so a run over a whole province shows its first lines at once and holds no
//! more than the analyses the review service keeps. Exit 1 when anything is found.

use std::io::Write;

use serde::Serialize;

use super::output::{Out, OutputError};
use super::{Globals, Outcome};
use crate::i18n::{Lang, Msg, fill, msg};
use crate::names;
use crate::report::Finding;
use crate::review::ReviewService;
use crate::store::ReportKey;
use crate::text::clean::field;

/// Arguments of `nianbao check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "示例 / Examples:\n  nianbao check\n  nianbao check 柳溪镇 --year 2023\n  nianbao check --json > 问题清单.json"
)]
pub struct Args {
    /// Only this township.
    pub township: Option<String>,
    /// Only this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Only this county.
    #[arg(long)]
    pub county: Option<String>,
    /// Print as JSON: [{"township","county","year","lint":[…]}], written element by
    /// element as reports are checked.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Checked<'a> {
    township: &'a str,
    county: Option<&'a str>,
    year: i32,
    lint: &'a [Finding],
}

/// Where checked reports go as they come: a person's pager, or a JSON array.
enum Sink {
    Human(Out),
    Json(JsonArray<std::io::BufWriter<std::io::Stdout>>),
}

/// Lints the selected reports, printing each report's findings once it is analysed.
pub fn run(globals: &Globals, args: Args) -> anyhow::Result<Outcome> {
    let store = globals.open_store_for_reading()?;
    let keys = store.report_keys()?;
    let mut service = ReviewService::new(store);
    let mut sink = if args.json {
        Sink::Json(JsonArray::new(std::io::BufWriter::new(std::io::stdout())))
    } else {
        Sink::Human(Out::paged(globals.display))
    };
    let (mut checked, mut findings) = (0usize, 0usize);
    for (_, key) in keys {
        if !selected(&key, &args) {
            continue;
        }
        let Some(report) = service.report(&key)? else {
            continue;
        };
        let entry = Checked {
            township: &key.township,
            county: report.meta.county.as_deref(),
            year: key.year,
            lint: &report.lint,
        };
        match &mut sink {
            Sink::Json(array) => array.push(&entry)?,
            Sink::Human(out) => print_human(out, globals.lang, &entry)?,
        }
        checked += 1;
        findings += report.lint.len();
    }
    match sink {
        Sink::Json(array) => drop(array.finish()?),
        Sink::Human(out) => out.finish()?,
    }
    if checked == 0 && !args.json {
        eprintln!(
            "nianbao: {}",
            crate::i18n::error_msg(globals.lang, crate::i18n::ErrorMsg::NoStoredMatch)
        );
    }
    Ok(if findings > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn selected(key: &ReportKey, args: &Args) -> bool {
    args.township
        .as_ref()
        .is_none_or(|t| names::normalize(t) == key.township)
        && args.year.is_none_or(|y| y == key.year)
        && args
            .county
            .as_ref()
            .is_none_or(|c| names::normalize(c) == key.county)
}

/// One report's findings for a person, sent on at once; nothing for a clean report.
fn print_human(out: &mut Out, lang: Lang, r: &Checked) -> anyhow::Result<()> {
    if r.lint.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{} {} ({})",
        field(r.township),
        r.year,
        field(r.county.unwrap_or("-"))
    )?;
    for l in r.lint {
        let kind = serde_json::to_value(l.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(
            out,
            "  [{kind}] {} {}  {}",
            field(l.section.as_deref().unwrap_or("-")),
            field(&l.text(lang)),
            field(&l.excerpt)
        )?;
        if let Some(source) = &l.source {
            let line = fill(msg(lang, Msg::SourceLine), &[&source.citation()]);
            writeln!(out, "      {}", field(&line))?;
        }
    }
    out.flush()
}

/// A pretty JSON array written one element at a time, byte for byte what
/// `serde_json::to_writer_pretty` writes for the whole array, each element flushed as
/// it is written.
struct JsonArray<W: Write> {
    sink: W,
    elements: usize,
}

impl<W: Write> JsonArray<W> {
    fn new(sink: W) -> JsonArray<W> {
        JsonArray { sink, elements: 0 }
    }

    /// Writes one element, indented as an element of the array, and flushes.
    fn push<T: Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        let opening = if self.elements == 0 { "[\n  " } else { ",\n  " };
        // Strings in JSON never hold a raw newline, so every newline starts a line to
        // indent.
        let indented = text.replace('\n', "\n  ");
        self.sink
            .write_all(opening.as_bytes())
            .and_then(|()| self.sink.write_all(indented.as_bytes()))
            .and_then(|()| self.sink.flush())
            .map_err(OutputError)?;
        self.elements += 1;
        Ok(())
    }

    /// Closes the array (`[]` when it is empty), flushes and gives the sink back.
    fn finish(mut self) -> anyhow::Result<W> {
        let closing = if self.elements == 0 { "[]\n" } else { "\n]\n" };
        self.sink
            .write_all(closing.as_bytes())
            .and_then(|()| self.sink.flush())
            .map_err(OutputError)?;
        Ok(self.sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(values: &[serde_json::Value]) -> String {
        let mut array = JsonArray::new(Vec::new());
        for v in values {
            array.push(v).expect("push");
        }
        String::from_utf8(array.finish().expect("finish")).expect("utf-8")
    }

    #[test]
    fn streamed_array_is_the_pretty_array() {
        let cases = [
            vec![],
            vec![serde_json::json!({"a": [1, 2], "b": "x\ny", "c": {}})],
            vec![
                serde_json::json!({"township": "石门乡", "lint": []}),
                serde_json::json!([{"k": null}, "s"]),
                serde_json::json!(3),
            ],
        ];
        for values in cases {
            let whole = serde_json::to_string_pretty(&values).expect("json") + "\n";
            assert_eq!(streamed(&values), whole);
        }
    }
}
