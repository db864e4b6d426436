//! `reuse --top` on a store built in several imports ranks exactly as on one built in a
//! single import of the same reports: it reads the index as it stands, which each import
//! keeps current.

use std::path::Path;

use crate::common::{TestEnv, code, files_under, stderr, stdout};

/// Moves the corpus's reports of `years` from `from` to `to`, keeping their folders.
fn move_years(from: &Path, to: &Path, years: &[&str]) {
    for entry in files_under(from) {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else { continue };
        if !years.iter().any(|y| name.ends_with(&format!("-{y}.txt"))) {
            continue;
        }
        let relative = entry.strip_prefix(from).expect("under the corpus");
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("create folder");
        std::fs::rename(&entry, &target).expect("move report");
    }
}

/// `reuse --top --json` with `extra`: its standard output and its standard error.
fn top_with_notice(env: &TestEnv, extra: &[&str]) -> (String, String) {
    let mut args = vec!["reuse", "--top", "--json"];
    args.extend_from_slice(extra);
    let out = env.run(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    (stdout(&out), stderr(&out))
}

fn top(env: &TestEnv, extra: &[&str]) -> String {
    top_with_notice(env, extra).0
}

fn import(env: &TestEnv, paths: &[&Path]) {
    let mut args = vec!["import".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let out = env.run(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn a_store_built_in_several_imports_ranks_as_one_built_at_once() {
    let once = TestEnv::new();
    let corpus = once.path("early");
    let out = once.run([
        "bench-corpus",
        "--reports",
        "420",
        "--out",
        corpus.to_str().expect("a path"),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let late = once.path("late");
    move_years(&corpus, &late, &["2021", "2022", "2023"]);
    import(&once, &[&corpus, &late]);
    let twice = TestEnv::new();
    import(&twice, &[&corpus]);
    import(&twice, &[&late]);
    for extra in [&[][..], &["--kind", "cross-township"], &["--limit", "5"]] {
        let ranked = top(&once, extra);
        assert!(ranked.contains("\"shared_chars\""), "{ranked}");
        assert_eq!(ranked, top(&twice, extra), "{extra:?}");
    }
}

/// The largest `shared_chars` among the ranked pairs of a `reuse --top --json` answer.
fn strongest_pair(json: &str) -> u64 {
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let pairs = value["pairs"].as_array().expect("a pairs array");
    pairs
        .iter()
        .filter_map(|p| p["shared_chars"].as_u64())
        .max()
        .expect("at least one pair")
}

#[test]
fn every_report_ranks_from_the_full_analysis_which_finds_at_least_as_much() {
    let env = TestEnv::new();
    let corpus = env.path("corpus");
    let out = env.run([
        "bench-corpus",
        "--reports",
        "300",
        "--out",
        corpus.to_str().expect("a path"),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    import(&env, &[&corpus]);
    let (chosen, chosen_notice) = top_with_notice(&env, &[]);
    let (full, full_notice) = top_with_notice(&env, &["--every-report"]);
    // Rankings from some of the reports say so, and how to get the exact ones.
    assert!(chosen_notice.contains("--every-report"), "{chosen_notice}");
    assert!(!full_notice.contains("--every-report"), "{full_notice}");
    // A pair's figure over every report is the larger of both reports' findings, so the
    // full ranking's strongest pair is never weaker than the chosen reports' strongest.
    assert!(
        strongest_pair(&full) >= strongest_pair(&chosen),
        "{full}\n{chosen}"
    );
    let refused = env.run(["reuse", "--every-report"]);
    assert_eq!(code(&refused), 2, "{}", stdout(&refused));
    assert!(stderr(&refused).contains("--top"), "{}", stderr(&refused));
}
