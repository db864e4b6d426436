//! `reuse` after `import --replace` answers as on a store that imported the same current
//! reports afresh, in the order they arrived: a replaced report leaves room in the capped
//! lists of text held by many reports, which the next ones take, as in a fresh index.

use std::path::{Path, PathBuf};

use crate::common::{TestEnv, code, files_under, stderr, stdout};

/// Copies `file` (under `from`) to the same place under `to`, with `extra` appended.
fn copy(file: &Path, from: &Path, to: &Path, extra: &str) {
    let target = to.join(file.strip_prefix(from).expect("under the corpus"));
    std::fs::create_dir_all(target.parent().expect("a folder")).expect("create folder");
    let mut text = std::fs::read_to_string(file).expect("read report");
    text.push_str(extra);
    std::fs::write(&target, text).expect("write report");
}

fn run_ok(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn import(env: &TestEnv, folder: &Path, replace: bool) {
    let folder = folder.to_str().expect("a path");
    let args = if replace {
        vec!["import", "--replace", folder]
    } else {
        vec!["import", folder]
    };
    run_ok(env, &args);
}

/// `reuse TOWNSHIP YEAR --json` of every third report file (of the replaced and of the
/// others), then `reuse --top --json`.
fn answers(env: &TestEnv, reports: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for file in reports.iter().step_by(3) {
        let stem = file.file_stem().expect("a name").to_string_lossy();
        let (township, year) = stem.rsplit_once('-').expect("township-year");
        out.push(run_ok(env, &["reuse", township, year, "--json"]));
    }
    out.push(run_ok(env, &["reuse", "--top", "--json"]));
    out
}

#[test]
fn reuse_after_replacing_reports_answers_as_a_fresh_import_of_the_same_reports() {
    let replaced = TestEnv::new();
    let corpus = replaced.bench_corpus("corpus", &["--reports", "120", "--years", "2"]);
    let reports = files_under(&corpus);
    import(&replaced, &corpus, false);
    // The first 40 reports arrived first: they fill the capped lists of the text all
    // reports share. Their revisions arrive last.
    let (revised, kept, changed) = (
        replaced.path("revised"),
        replaced.path("kept"),
        replaced.path("changed"),
    );
    for (n, file) in reports.iter().enumerate() {
        let extra = if n < 40 {
            format!("\n本报告第{n}次修订。\n")
        } else {
            String::new()
        };
        copy(file, &corpus, &revised, &extra);
        let part = if n < 40 { &changed } else { &kept };
        copy(file, &corpus, part, &extra);
    }
    import(&replaced, &revised, true);
    let fresh = TestEnv::new();
    import(&fresh, &kept, false);
    import(&fresh, &changed, false);
    let (after_replace, afresh) = (answers(&replaced, &reports), answers(&fresh, &reports));
    assert!(
        afresh.iter().any(|a| a.contains("\"template\"")),
        "{afresh:?}"
    );
    for (n, (a, b)) in after_replace.iter().zip(&afresh).enumerate() {
        assert_eq!(a, b, "answer {n} of {}", afresh.len());
    }
}
