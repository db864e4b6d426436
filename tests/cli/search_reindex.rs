//! `nianbao search --reindex` through the real binary: the search index built again
//! without an import when its file was deleted or is another store's, refused over a
//! file that is no index, and safe beside a running import.

use crate::common::{TestEnv, code, json, search_finds_what_the_texts_hold, stderr, stdout};
use crate::search::{delete_search_index, store_with_reports};

fn index_path(env: &TestEnv) -> std::path::PathBuf {
    let mut path = env.store().into_os_string();
    path.push("-search");
    path.into()
}

fn reindex(env: &TestEnv) -> serde_json::Value {
    let out = env.run(["search", "--reindex", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
}

#[test]
fn a_deleted_index_is_built_again_and_searches_use_it() {
    let env = store_with_reports();
    let before = json(&env.run(["search", "法律明白人", "--json"]));
    delete_search_index(&env);
    assert_eq!(
        json(&env.run(["search", "法律明白人", "--json"]))["unindexed"],
        3
    );

    let built = reindex(&env);
    assert_eq!(built["indexed"], 3, "{built}");
    assert_eq!(built["rebuilt"], true, "{built}");
    let after = json(&env.run(["search", "法律明白人", "--json"]));
    assert_eq!(after["unindexed"], 0, "{after}");
    assert_eq!(after["plan"], "index");
    assert_eq!(after["reports"], before["reports"]);
    assert_eq!(after["total"], before["total"]);

    let again = reindex(&env);
    assert_eq!(again["indexed"], 0, "nothing left to index: {again}");
    assert_eq!(again["rebuilt"], false, "{again}");
    for (lang, words) in [("en", "already up to date"), ("zh", "已是最新")] {
        let out = env.run(["--lang", lang, "search", "--reindex"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(stdout(&out).contains(words), "{lang}: {}", stdout(&out));
    }
    delete_search_index(&env);
    for (lang, words) in [
        ("en", "search index rebuilt: 3 reports"),
        ("zh", "搜索索引已重建"),
    ] {
        let out = env.run(["--lang", lang, "search", "--reindex"]);
        assert!(stdout(&out).contains(words), "{lang}: {}", stdout(&out));
        delete_search_index(&env);
    }
}

#[test]
fn another_stores_index_is_started_over() {
    let env = store_with_reports();
    // A store of other reports, whose index file is copied beside the first store.
    let other = TestEnv::new();
    let file = other.write(
        "o.txt",
        "红岩乡2020年法治政府建设年度报告\n一、主要举措和成效\n法律明白人5名，化解矛盾纠纷3起。\n二、存在的不足和原因\n不足。\n三、法律明白人培训\n继续。\n".as_bytes(),
    );
    for year in ["2020", "2021", "2022", "2023"] {
        let out = other.run([
            "import".as_ref(),
            "--year".as_ref(),
            year.as_ref(),
            "--township".as_ref(),
            "红岩乡".as_ref(),
            file.as_os_str(),
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    delete_search_index(&env);
    std::fs::copy(index_path(&other), index_path(&env)).expect("copy index");

    let built = reindex(&env);
    assert_eq!(built["rebuilt"], true, "{built}");
    assert_eq!(built["indexed"], 3, "{built}");
    let found = json(&env.run(["search", "法律明白人", "--json"]));
    assert_eq!(found["unindexed"], 0, "{found}");
    search_finds_what_the_texts_hold(&env, "法律明白人");
    search_finds_what_the_texts_hold(&env, "矛盾纠纷");
}

#[test]
fn a_file_that_is_no_index_is_left_alone_with_one_line() {
    let env = store_with_reports();
    delete_search_index(&env);
    std::fs::write(index_path(&env), "not an index").expect("write");
    for lang in ["en", "zh"] {
        let out = env.run(["--lang", lang, "search", "--reindex"]);
        assert_eq!(code(&out), 2, "{lang}: {}", stdout(&out));
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{lang}: {err}");
        assert!(err.contains("-search"), "names the file: {err}");
    }
    assert_eq!(
        std::fs::read(index_path(&env)).expect("read"),
        b"not an index"
    );
    search_finds_what_the_texts_hold(&env, "法律明白人");
}

#[test]
fn reindex_wants_no_query_and_a_query_wants_no_reindex() {
    let env = store_with_reports();
    let out = env.run(["search", "--reindex", "法律明白人"]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    let out = env.run(["search"]);
    assert_eq!(code(&out), 2, "{}", stdout(&out));
}

#[test]
fn reindex_beside_a_running_import_loses_nothing() {
    let env = TestEnv::new();
    let corpus = env.bench_corpus("corpus", &["--reports", "150"]);
    let mut importer = env.start_import(&corpus, &[], &[]);
    let mut runs = 0;
    while importer.try_wait().expect("importer").is_none() || runs == 0 {
        let out = env.run(["search", "--reindex", "--json"]);
        let err = stderr(&out);
        assert_eq!(code(&out), 0, "{err}");
        assert!(!err.contains("locked") && !err.contains("busy"), "{err}");
        runs += 1;
    }
    let out = importer.wait_with_output().expect("importer");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    reindex(&env);
    let found = json(&env.run(["search", "行政执法案件", "--json", "--limit", "1"]));
    assert_eq!(found["unindexed"], 0, "{found}");
    search_finds_what_the_texts_hold(&env, "行政执法案件");
    search_finds_what_the_texts_hold(&env, "法治政府建设");
}
