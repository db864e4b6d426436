//! `reuse --top` against the full analysis of every report, on a synthetic store larger
//! than [`ANALYSED_WHOLE`]: its rankings are the full analysis's restricted to the
//! reports the index points to, and nothing else.

use std::collections::HashMap;
use std::sync::Arc;

use super::*;
use crate::demo::corpus::{CorpusSpec, each_report};
use crate::reuse::{CorpusDoc, DocId, TopBuilder};
use crate::store::NewReport;

/// A store of the synthetic corpus's first `reports` reports.
fn synthetic_store(dir: &std::path::Path, reports: usize) -> Store {
    let mut store = Store::open(&dir.join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    let spec = CorpusSpec {
        reports,
        ..CorpusSpec::default()
    };
    let mut written = Vec::new();
    each_report(&spec, |report| {
        written.push((report.relative_path, report.text.to_string()));
        Ok::<(), ()>(())
    })
    .unwrap_or_else(|()| panic!("corpus"));
    for (path, text) in &written {
        let county = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (township, year) = stem.rsplit_once('-').unwrap_or_else(|| panic!("{stem}"));
        let year: i32 = year.parse().unwrap_or_else(|e| panic!("{stem}: {e}"));
        let report = NewReport::plain(township, &county, year, text);
        if let Err(e) = store.import(&report, false) {
            panic!("import {stem}: {e}");
        }
    }
    store
}

/// Every indexed report's own analysis.
fn every_analysis(store: &Store, params: &Params) -> Vec<(Arc<CorpusDoc>, ReuseReport)> {
    let ids = indexed_ids(&store.conn).unwrap_or_else(|e| panic!("{e}"));
    let mut corpus = StoreCorpus::new(&store.conn);
    ids.iter()
        .filter_map(|&id| {
            analyze_indexed(&mut corpus, id, params).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

fn ranked(
    analyses: &[(Arc<CorpusDoc>, ReuseReport)],
    only: Option<&[DocId]>,
    kind: Option<Kind>,
    limit: usize,
) -> Top {
    let mut builder = TopBuilder::new(kind);
    for (doc, report) in analyses {
        if only.is_none_or(|ids| ids.contains(&doc.id)) {
            builder.add(doc, report);
        }
    }
    builder.finish(limit)
}

fn pair_key(pair: &crate::reuse::TopPair) -> (DocId, DocId) {
    (pair.a.doc.min(pair.b.doc), pair.a.doc.max(pair.b.doc))
}

#[test]
fn top_is_the_full_analysis_of_the_reports_the_index_points_to() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = synthetic_store(dir.path(), ANALYSED_WHOLE + 50);
    let params = Params::default();
    let analyses = every_analysis(&store, &params);
    let everything = ranked(&analyses, None, None, 100_000);
    let full_pairs: HashMap<(DocId, DocId), usize> = everything
        .pairs
        .iter()
        .map(|p| (pair_key(p), p.shared_chars))
        .collect();
    for kind in [None, Some(Kind::OwnHistory), Some(Kind::CrossTownship)] {
        let limit = 10;
        let ranked_top = top(&store, kind, &params, limit, false, &mut |_, _| {})
            .unwrap_or_else(|e| panic!("{e}"));
        let chosen =
            reports_to_rank(&store.conn, kind, &params, limit).unwrap_or_else(|e| panic!("{e}"));
        assert!(chosen.len() < analyses.len(), "{} reports", chosen.len());
        assert_eq!(
            (ranked_top.analysed, ranked_top.indexed),
            (chosen.len(), analyses.len()),
            "the rankings say how many reports they come from"
        );
        let top = ranked_top.top;
        let expected = ranked(&analyses, Some(&chosen), kind, limit);
        assert_eq!(
            serde_json::to_value(&top).ok(),
            serde_json::to_value(&expected).ok(),
            "{kind:?}"
        );
        // A pair's figure is one or both of its reports' findings: never more than the
        // larger of the two the full analysis takes.
        for pair in &top.pairs {
            let full = full_pairs.get(&pair_key(pair)).copied().unwrap_or(0);
            assert!(pair.shared_chars <= full, "{pair:?} against {full}");
        }
    }
}

#[test]
fn a_small_store_is_ranked_from_every_report() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = synthetic_store(dir.path(), 60);
    let params = Params::default();
    let analyses = every_analysis(&store, &params);
    let ranked_top =
        top(&store, None, &params, 10, false, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ranked_top.analysed, ranked_top.indexed);
    let top = ranked_top.top;
    assert!(!top.pairs.is_empty() && !top.passages.is_empty());
    assert_eq!(
        serde_json::to_value(&top).ok(),
        serde_json::to_value(ranked(&analyses, None, None, 10)).ok()
    );
}
