//! `nianbao search --reindex`: the store's full-text index brought up to date without an
//! import, with a progress bar on stderr, then one line (or `--json`) saying what it
//! did. Safe beside a running import; a store opened read-only is refused.

use std::time::Instant;

use serde::Serialize;

use super::output::Out;
use super::reuse::Progress;
use super::{Globals, Outcome, print_json};
use crate::i18n::{Msg, Noun, counted, fill, msg};
use crate::store::{ReindexSummary, Store};

/// `--reindex --json`.
#[derive(Serialize)]
struct ReindexJson {
    #[serde(flatten)]
    summary: ReindexSummary,
    seconds: f64,
}

/// Indexes what the store's search index lacks. Exit 0.
pub fn run(globals: &Globals, json: bool) -> anyhow::Result<Outcome> {
    // Opened as for reading so an unwritable store is refused by the index, in one
    // line, rather than by the store's own opening.
    let store = Store::open_for_reading(&globals.store_path()?)?;
    let started = Instant::now();
    let mut bar = Progress::new();
    let summary = store.reindex_texts(&mut |done, total| bar.show(done, total));
    bar.finish();
    let summary = summary?;
    let seconds = started.elapsed().as_secs_f64();
    if json {
        print_json(&ReindexJson { summary, seconds })?;
        return Ok(Outcome::Clean);
    }
    let lang = globals.lang;
    let reports = counted(lang, summary.indexed, Noun::Report);
    let line = match (summary.rebuilt, summary.indexed) {
        (_, 0) => msg(lang, Msg::SearchIndexCurrent).to_string(),
        (true, _) => fill(msg(lang, Msg::SearchIndexRebuilt), &[&reports]),
        (false, _) => fill(msg(lang, Msg::SearchIndexUpdated), &[&reports]),
    };
    let mut out = Out::plain(globals.display);
    writeln!(out, "{line} ({seconds:.1}s)")?;
    out.finish()?;
    Ok(Outcome::Clean)
}
