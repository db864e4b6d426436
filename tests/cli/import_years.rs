//! A year imported into a store that already holds the township's earlier years: the
//! importing threads read those years' fingerprints and the writer only writes, and the
//! reuse index (counts, postings, bands) and search must come out exactly as when every
//! year is imported at once.

use std::path::{Path, PathBuf};

use crate::common::{TestEnv, code, stderr};

/// The generated corpus's files, split into the last year and the years before it.
fn split_by_year(root: &Path, last: &str) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read corpus folder") {
            let path = entry.expect("corpus entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .partition(|f| !f.to_string_lossy().ends_with(&format!("-{last}.txt")))
}

/// Every fingerprint's report and township counts, which depend on which township
/// already held each fingerprint, and not on report ids.
fn hash_counts(store: &Path) -> Vec<(i64, i64, i64, bool)> {
    let conn = rusqlite::Connection::open(store).expect("open store");
    let mut stmt = conn
        .prepare("SELECT hash, reports, townships, complete FROM reuse_hashes ORDER BY hash")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

/// Every fingerprint's postings and every band key's sentences, as stored: they name
/// report ids, which are the same when the same files are imported in the same order.
fn index_lists(store: &Path) -> Vec<(i64, Vec<u8>)> {
    let conn = rusqlite::Connection::open(store).expect("open store");
    let mut stmt = conn
        .prepare(
            "SELECT hash, postings FROM reuse_posting_lists
             UNION ALL SELECT band, sentences FROM reuse_band_lists ORDER BY 1, 2",
        )
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

/// What `search` answers for queries the index answers, narrows or cannot help with.
fn searches(env: &TestEnv) -> Vec<serde_json::Value> {
    ["矛盾纠纷", "法治 调解", "调解", "\"行政执法\" OR 普法"]
        .iter()
        .map(|query| {
            let out = env.run(["search", query, "--json", "--limit", "1000"]);
            assert_eq!(code(&out), 0, "{}", stderr(&out));
            crate::common::json(&out)
        })
        .collect()
}

fn import(env: &TestEnv, files: &[PathBuf]) {
    let mut args: Vec<std::ffi::OsString> = vec!["import".into(), "--json".into()];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    let out = env.run(args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn importing_a_later_year_indexes_as_importing_every_year_at_once() {
    let env = TestEnv::new();
    let corpus = env.bench_corpus("corpus", &["--reports", "48", "--years", "3"]);
    let (earlier, last): (Vec<_>, Vec<_>) = split_by_year(&corpus, "2020");
    assert!(
        !earlier.is_empty() && !last.is_empty(),
        "both parts hold files"
    );

    import(&env, &earlier);
    import(&env, &last);
    let by_year = hash_counts(&env.store());

    let at_once = TestEnv::new();
    import(&at_once, &[earlier, last].concat());
    let all = hash_counts(&at_once.store());
    assert!(all.iter().any(|&(_, _, townships, _)| townships > 1));
    assert_eq!(by_year, all);
    assert_eq!(index_lists(&env.store()), index_lists(&at_once.store()));
    let (split, whole) = (searches(&env), searches(&at_once));
    assert!(whole.iter().all(|found| found["total"].as_u64() > Some(0)));
    assert_eq!(split, whole);
}
