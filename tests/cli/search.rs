//! `nianbao search` through the real binary: hits grouped by report newest first with
//! section numbers and context, filters, short terms, trends, and bad queries.

use crate::common::{TestEnv, code, expect_refusal, json, stderr, stdout};
use unicode_width::UnicodeWidthStr;

const REPORTS: [(&str, &str, i32, &str); 3] = [
    (
        "青石镇",
        "东县",
        2021,
        "青石镇2021年法治政府建设年度报告\n一、主要举措和成效\n培训法律明白人30名，开展人民调解12次。\n二、存在的不足和原因\n学法不够。\n",
    ),
    (
        "青石镇",
        "东县",
        2022,
        "青石镇2022年法治政府建设年度报告\n一、主要举措和成效\n（一）普法\n法律明白人队伍扩大到45名。\n二、存在的不足和原因\n调解力量不足。\n",
    ),
    (
        "白河镇",
        "西县",
        2022,
        "白河镇2022年法治政府建设年度报告\n一、主要举措和成效\n信访工作有序，化解矛盾纠纷8起。\n",
    ),
];

/// A store of the three reports above, imported one by one.
pub(crate) fn store_with_reports() -> TestEnv {
    let env = TestEnv::new();
    for i in 0..REPORTS.len() {
        let out = import_report(&env, i);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    env
}

/// `import --json` of report `i` of [`REPORTS`] (written to `r{i}.txt`) with its
/// township, county and year.
fn import_report(env: &TestEnv, i: usize) -> std::process::Output {
    let (township, county, year, text) = REPORTS[i];
    let file = env.write(&format!("r{i}.txt"), text.as_bytes());
    let year = year.to_string();
    env.run([
        "import".as_ref(),
        "--json".as_ref(),
        "--township".as_ref(),
        township.as_ref(),
        "--county".as_ref(),
        county.as_ref(),
        "--year".as_ref(),
        year.as_ref(),
        file.as_os_str(),
    ])
}

#[test]
fn hits_come_grouped_by_report_newest_first_with_section_and_context() {
    let env = store_with_reports();
    let out = env.run(["search", "法律明白人", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let found = json(&out);
    assert_eq!(found["total"], 2);
    assert_eq!(found["plan"], "index");
    let reports = found["reports"].as_array().cloned().unwrap_or_default();
    let years: Vec<i64> = reports.iter().filter_map(|r| r["year"].as_i64()).collect();
    assert_eq!(years, [2022, 2021]);
    let hit = &reports[0]["hits"][0];
    assert_eq!(hit["section"], "1.1");
    assert_eq!(hit["text"], "法律明白人");
    assert_eq!(
        hit["after"].as_str().map(|a| a.starts_with("队伍")),
        Some(true)
    );
    // Offsets are characters of the clean text.
    let start = hit["start"].as_u64().unwrap_or(0) as usize;
    let shown = env.run(["show", "青石镇", "2022", "--json"]);
    let text = json(&shown)["text"].as_str().unwrap_or("").to_string();
    let quoted: String = text.chars().skip(start).take(5).collect();
    assert_eq!(quoted, "法律明白人");

    let human = env.run(["--lang", "en", "search", "法律明白人", "--limit", "1"]);
    let printed = stdout(&human);
    assert!(printed.contains("2 reports contain"), "{printed}");
    assert!(printed.contains("【法律明白人】"), "{printed}");
    assert!(
        !printed.contains("2021"),
        "only the newest report is listed: {printed}"
    );
}

#[test]
fn filters_short_terms_and_operators_narrow_as_asked() {
    let env = store_with_reports();
    let total = |args: &[&str]| {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        let out = env.run(&all);
        assert!(code(&out) <= 1, "{}", stderr(&out));
        (
            json(&out)["total"].as_i64().unwrap_or(-1),
            json(&out)["plan"].clone(),
        )
    };
    assert_eq!(total(&["调解"]).0, 2);
    assert_eq!(total(&["调解"]).1, "scan");
    assert_eq!(total(&["调解", "--year", "2022"]).0, 1);
    assert_eq!(total(&["调解 法律明白人"]), (2, "verify".into()));
    assert_eq!(
        total(&["调解 法律明白人", "--township", "青石镇", "--year", "2021"]).0,
        1
    );
    assert_eq!(total(&["法律明白人 NOT 人民调解"]).0, 1);
    assert_eq!(total(&["信访 OR 法律明白人"]).0, 3);
    assert_eq!(total(&["法律明白人", "--county", "西县"]).0, 0);
    assert_eq!(total(&["\"化解矛盾\""]).0, 1);
    let none = env.run(["search", "不存在的词语"]);
    assert_eq!(code(&none), 1, "nothing found is exit 1");
}

#[test]
fn count_by_year_is_a_table_with_bars_and_json() {
    let env = store_with_reports();
    let out = env.run(["search", "镇20", "--count-by", "year", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let counts = json(&out)["counts"].clone();
    assert_eq!(counts[0]["key"], "2021");
    assert_eq!(counts[0]["reports"], 1);
    assert_eq!(counts[1]["key"], "2022");
    assert_eq!(counts[1]["reports"], 2);
    let table = stdout(&env.run(["search", "镇20", "--count-by", "county"]));
    let first = table.lines().nth(1).unwrap_or("");
    assert!(first.starts_with("东县") && first.contains('█'), "{table}");
    // Nothing found: said in one line, no table heading over no rows.
    for (lang, none) in [
        ("zh", "没有报告含有 信访积案"),
        ("en", "no report contains 信访积案"),
    ] {
        let out = env.run(["--lang", lang, "search", "信访积案", "--count-by", "year"]);
        assert_eq!(code(&out), 1, "nothing found is exit 1");
        assert_eq!(stdout(&out).trim_end(), none);
    }
}

#[test]
fn a_bad_query_is_a_one_line_error() {
    let env = store_with_reports();
    for bad in ["", "AND", "(调解", "调解 OR", "NOT 调解", "\"\""] {
        let out = env.run(["search", bad]);
        assert_eq!(code(&out), 2, "{bad:?}");
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{bad:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("fts5"), "{err}");
    }
    // Quotes, stars and FTS syntax are just text to look for.
    for odd in [
        "a*b",
        "\"法律\"\"明白\"",
        "NEAR(法律 明白)",
        "text:法律",
        "^法律",
        "'; DROP TABLE reports; --",
    ] {
        let out = env.run(["search", odd]);
        assert!(code(&out) <= 1, "{odd:?}: {}", stderr(&out));
    }
}

/// Filters that no stored report matches (a mistyped name, a year not imported, a
/// township under another county) are an error naming them, in every output, not
/// "no report contains it".
#[test]
fn filters_no_stored_report_matches_are_an_error_naming_them() {
    let env = store_with_reports();
    let filters: [&[&str]; 4] = [
        &["--county", "南县"],
        &["--township", "青石镇", "--county", "西县"],
        &["--year", "2019"],
        &["--province", "某省"],
    ];
    for filter in filters {
        for output in [&[][..], &["--json"], &["--count-by", "year"]] {
            for lang in ["zh", "en"] {
                let mut args = vec!["--lang", lang, "search", "镇20"];
                args.extend_from_slice(filter);
                args.extend_from_slice(output);
                expect_refusal(&env, &args, &[&filter.join(" ")]);
            }
        }
    }
    let within = env.run(["search", "信访", "--township", "青石镇", "--county", "东县"]);
    assert_eq!(
        code(&within),
        1,
        "a filter that holds reports: nothing found"
    );
}

#[test]
fn count_tables_fit_the_width_with_long_names_in_both_languages() {
    let env = store_with_reports();
    let long = "双江拉祜族佤族布朗族傣族自治县那边的很长的县名";
    let file = env.write(
        "long.txt",
        REPORTS[2].3.replace("白河镇", "远山镇").as_bytes(),
    );
    let out = env.run([
        "import".as_ref(),
        "--township".as_ref(),
        "远山镇".as_ref(),
        "--county".as_ref(),
        long.as_ref(),
        "--year".as_ref(),
        "2022".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for (lang, heading, total) in [
        ("zh", "县区", "4 份报告含有"),
        ("en", "county", "4 reports contain"),
    ] {
        for columns in [80usize, 50] {
            let out = env
                .cmd()
                .env("COLUMNS", columns.to_string())
                .args(["--lang", lang, "search", "镇20", "--count-by", "county"])
                .output()
                .expect("run search");
            assert_eq!(code(&out), 0, "{}", stderr(&out));
            let table = stdout(&out);
            let lines: Vec<&str> = table.lines().collect();
            assert!(lines[0].starts_with(heading), "{table}");
            assert!(
                lines.last().is_some_and(|l| l.starts_with(total)),
                "{table}"
            );
            for line in &lines {
                assert!(line.width() <= columns, "{columns}: {line:?}\n{table}");
            }
            let rows = &lines[1..lines.len() - 1];
            assert_eq!(rows.len(), 3, "{table}");
            assert!(rows.iter().all(|r| r.contains('█')), "{table}");
            let long_row = rows
                .iter()
                .find(|r| r.starts_with("双江"))
                .expect("the long name");
            // Whole at 80 columns; cut short to leave the bars room at 50.
            assert_eq!(long_row.contains(long), columns == 80, "{table}");
            assert_eq!(long_row.contains('…'), columns == 50, "{table}");
            // The count column lines up whatever the names' scripts.
            let ends: Vec<usize> = rows
                .iter()
                .map(|r| r.split("  █").next().unwrap_or(r).trim_end().width())
                .collect();
            assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}\n{table}");
        }
    }
}

/// Removes the full-text index file beside the store, with its log files.
pub(crate) fn delete_search_index(env: &TestEnv) {
    for suffix in ["-search", "-search-wal", "-search-shm"] {
        let mut path = env.store().into_os_string();
        path.push(suffix);
        let _ = std::fs::remove_file(path);
    }
}

#[test]
fn a_search_says_how_many_reports_the_index_did_not_hold() {
    let env = store_with_reports();
    let indexed = json(&env.run(["search", "法治政府", "--json"]));
    assert_eq!(indexed["unindexed"], 0, "{indexed}");
    assert_eq!(indexed["plan"], "index");

    delete_search_index(&env);
    let out = env.run(["search", "法治政府", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let read = json(&out);
    assert_eq!(read["total"], indexed["total"], "the same answer: {read}");
    assert_eq!(read["unindexed"], REPORTS.len(), "{read}");
    for (lang, words) in [
        ("en", "3 reports not yet in the search index"),
        ("zh", "搜索索引尚缺 3 份报告"),
    ] {
        let printed = stdout(&env.run(["--lang", lang, "search", "法治政府"]));
        assert!(printed.contains(words), "{lang}: {printed}");
        assert!(
            printed.contains("search --reindex"),
            "how to fix it: {printed}"
        );
    }
    let short = json(&env.run(["search", "调解", "--json"]));
    assert_eq!(short["plan"], "scan");
    assert_eq!(
        short["unindexed"], 0,
        "a scan does not use the index: {short}"
    );

    let file = env.write("again.txt", REPORTS[2].3.replace("8起", "9起").as_bytes());
    let again = env.run([
        "import".as_ref(),
        "--replace".as_ref(),
        "--township".as_ref(),
        "白河镇".as_ref(),
        "--county".as_ref(),
        "西县".as_ref(),
        "--year".as_ref(),
        "2022".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let rebuilt = json(&env.run(["search", "法治政府", "--json"]));
    assert_eq!(
        rebuilt["unindexed"], 0,
        "the import built the index again: {rebuilt}"
    );
    assert_eq!(rebuilt["total"], indexed["total"]);
}

#[test]
fn an_import_that_stores_nothing_still_builds_a_deleted_index_again() {
    let env = store_with_reports();
    let indexed = json(&env.run(["search", "法治政府", "--json"]));
    delete_search_index(&env);
    // The first report again, unchanged: the import stores nothing.
    let again = import_report(&env, 0);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    let summary = json(&again);
    assert_eq!(
        summary["imported"].as_array().map(Vec::len),
        Some(0),
        "{summary}"
    );
    assert_eq!(summary["unchanged"].as_array().map(Vec::len), Some(1));
    let rebuilt = json(&env.run(["search", "法治政府", "--json"]));
    assert_eq!(rebuilt["unindexed"], 0, "the index is whole: {rebuilt}");
    assert_eq!(rebuilt["plan"], "index");
    assert_eq!(rebuilt["total"], indexed["total"]);
}
