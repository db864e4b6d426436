//! The store through the real binary: import, list, show, versions, conflicts, the
//! store's location and permissions.

use crate::common::{TestEnv, code, expect_refusal, json, stderr, stdout};

const REPORT_2021: &str = "青石镇2021年法治政府建设年度报告\n\n一、主要举措和成效\n我镇开展法治宣传12次。\n二、存在的不足和原因\n学法不够。\n三、下一年度主要安排\n继续推进。\n";

fn import_one(env: &TestEnv, name: &str, text: &str, extra: &[&str]) -> std::process::Output {
    let file = env.write(name, text.as_bytes());
    let mut args = vec!["import", "--json", "--township", "青石镇", "--year", "2021"];
    args.extend_from_slice(extra);
    let file = file.to_string_lossy().into_owned();
    args.push(&file);
    env.run(&args)
}

#[test]
fn import_then_reimport_is_unchanged() {
    let env = TestEnv::new();
    let first = import_one(&env, "a.txt", REPORT_2021, &[]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert_eq!(json(&first)["imported"].as_array().map(Vec::len), Some(1));
    let again = import_one(&env, "a.txt", REPORT_2021, &[]);
    assert_eq!(code(&again), 0);
    let summary = json(&again);
    assert_eq!(summary["unchanged"].as_array().map(Vec::len), Some(1));
    assert_eq!(summary["imported"].as_array().map(Vec::len), Some(0));
}

#[test]
fn different_text_needs_replace_and_keeps_the_old_version() {
    let env = TestEnv::new();
    assert_eq!(code(&import_one(&env, "a.txt", REPORT_2021, &[])), 0);
    let edited = REPORT_2021.replace("12次", "15次");
    let refused = import_one(&env, "b.txt", &edited, &[]);
    assert_eq!(code(&refused), 1);
    let failed = &json(&refused)["failed"][0];
    let reason = failed["error"].as_str().unwrap_or("");
    assert!(reason.contains("--replace"), "{reason}");
    // In the interface's language, as every other reason a file fails.
    assert!(reason.contains("已有文本不同"), "{reason}");
    let english = import_one(&env, "b.txt", &edited, &["--lang", "en"]);
    let reason = json(&english)["failed"][0]["error"].to_string();
    assert!(
        reason.contains("already stored with different text"),
        "{reason}"
    );
    let replaced = import_one(&env, "b.txt", &edited, &["--replace"]);
    assert_eq!(code(&replaced), 0, "{}", stderr(&replaced));
    assert_eq!(
        json(&replaced)["replaced"].as_array().map(Vec::len),
        Some(1)
    );
    let shown = json(&env.run(["show", "青石镇", "2021", "--json"]));
    assert!(shown["text"].as_str().unwrap_or("").contains("15次"));
    let conn = rusqlite::Connection::open(env.store()).expect("open store");
    let versions: i64 = conn
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .expect("count");
    assert_eq!(
        versions, 2,
        "the replaced report is kept as an earlier version"
    );
}

#[test]
fn show_returns_the_clean_text_and_source() {
    let env = TestEnv::new();
    let text = REPORT_2021.replace('\n', "\r\n");
    assert_eq!(code(&import_one(&env, "crlf.txt", &text, &[])), 0);
    let shown = json(&env.run(["show", "青石镇", "2021", "--json"]));
    assert_eq!(shown["text"].as_str(), Some(REPORT_2021));
    assert_eq!(shown["township"], "青石镇");
    assert_eq!(shown["year"], 2021);
    assert_eq!(shown["source"]["format"], "txt");
    assert_eq!(shown["source"]["sha256"].as_str().map(str::len), Some(64));
}

#[test]
fn list_shows_townships_and_years() {
    let env = TestEnv::new();
    assert_eq!(code(&import_one(&env, "a.txt", REPORT_2021, &[])), 0);
    let later = REPORT_2021.replace("2021", "2022");
    let file = env.write("b.txt", later.as_bytes());
    let out = env.run([
        "import".as_ref(),
        "--township".as_ref(),
        "青石镇".as_ref(),
        "--year".as_ref(),
        "2022".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let list = json(&env.run(["list", "--json"]));
    assert_eq!(list[0]["township"], "青石镇");
    assert_eq!(list[0]["years"], serde_json::json!([2021, 2022]));
}

/// `list --county/--province/--year` keeps the townships asked for; filters no stored
/// report matches are an error naming them.
#[test]
fn list_keeps_the_county_and_year_asked_for() {
    let env = crate::search::store_with_reports();
    let townships = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json", "--fields", "township"];
        all.extend_from_slice(args);
        let out = env.run(&all);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let list = json(&out);
        let rows = list.as_array().expect("an array");
        rows.iter()
            .filter_map(|row| row["township"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(townships(&[]).len(), 2);
    assert_eq!(townships(&["--county", "西县"]), ["白河镇"]);
    assert_eq!(townships(&["--year", "2021"]), ["青石镇"]);
    assert_eq!(
        townships(&["--county", "东县", "--year", "2022"]),
        ["青石镇"]
    );
    let text = stdout(&env.run(["list", "--county", "西县"]));
    assert!(
        text.contains("白河镇") && !text.contains("青石镇"),
        "{text}"
    );
    for filters in [
        &["--county", "南县"][..],
        &["--county", "西县", "--year", "2021"],
    ] {
        let mut args = vec!["list"];
        args.extend_from_slice(filters);
        expect_refusal(&env, &args, &[&filters.join(" ")]);
    }
}

#[test]
fn list_json_gives_the_fields_asked_for() {
    let env = TestEnv::new();
    assert_eq!(code(&import_one(&env, "a.txt", REPORT_2021, &[])), 0);
    let full = json(&env.run(["list", "--json"]));
    let full = full.as_array().expect("an array");
    assert_eq!(full.len(), 1);
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().expect("an object").keys().cloned().collect()
    };
    assert!(keys(&full[0]).contains(&"findings".to_string()), "{full:?}");

    let some = json(&env.run(["list", "--json", "--fields", "township,years"]));
    let mut wanted = keys(&some[0]);
    wanted.sort();
    assert_eq!(wanted, ["township", "years"]);
    assert_eq!(some[0]["township"], full[0]["township"]);
    assert_eq!(some[0]["years"], full[0]["years"]);

    let refused = env.run(["list", "--json", "--fields", "township,colour"]);
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
}

#[test]
fn english_counts_agree_with_their_noun() {
    let env = TestEnv::new();
    assert_eq!(code(&import_one(&env, "a.txt", REPORT_2021, &[])), 0);
    let one = stdout(&env.run(["search", "法治宣传", "--lang", "en"]));
    // The count closes the listing, which is printed as reports are found.
    let counted = |out: &str, line: &str| out.lines().any(|l| l.starts_with(line));
    assert!(counted(&one, "1 report contains "), "{one}");
    let later = REPORT_2021.replace("2021", "2022");
    let file = env.write("b.txt", later.as_bytes());
    let out = env.run([
        "import".as_ref(),
        "--township".as_ref(),
        "青石镇".as_ref(),
        "--year".as_ref(),
        "2022".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let two = stdout(&env.run(["search", "法治宣传", "--lang", "en"]));
    assert!(counted(&two, "2 reports contain "), "{two}");
}

#[test]
fn missing_report_is_a_one_line_error_with_exit_2() {
    let env = TestEnv::new();
    let out = env.run(["show", "无此镇", "2020"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("无此镇"), "{err}");
}

/// Notes listed or exported for a township or year no stored report has: an error
/// naming it, not "no notes"; a stored township without notes has none to list.
#[test]
fn notes_of_a_township_or_year_not_stored_are_an_error_naming_it() {
    let env = TestEnv::new();
    let out = import_one(&env, "2021.txt", REPORT_2021, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for (args, names) in [
        (
            vec!["notes", "list", "--township", "无此镇"],
            vec!["无此镇"],
        ),
        (
            vec!["notes", "list", "--township", "青石镇", "--year", "2019"],
            vec!["2019", "2021"],
        ),
        (
            vec!["notes", "list", "--year", "2019", "--json"],
            vec!["2019"],
        ),
        (
            vec!["notes", "export", "--format", "md", "--township", "无此镇"],
            vec!["无此镇"],
        ),
    ] {
        expect_refusal(&env, &args, &names);
    }
    let none = env.run(["notes", "list", "--township", "青石镇", "--json"]);
    assert_eq!(code(&none), 0, "{}", stderr(&none));
    assert_eq!(json(&none), serde_json::json!([]));
}

#[test]
fn store_option_works_before_and_after_the_subcommand() {
    let env = TestEnv::new();
    let store = env.path("elsewhere.db");
    let file = env.write("a.txt", REPORT_2021.as_bytes());
    let out = env
        .cmd()
        .env_remove("NIANBAO_STORE")
        .arg("--store")
        .arg(&store)
        .args(["import", "--township", "青石镇", "--year", "2021"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed = env
        .cmd()
        .env_remove("NIANBAO_STORE")
        .args(["list", "--json", "--store"])
        .arg(&store)
        .output()
        .expect("run");
    assert_eq!(json(&listed)[0]["township"], "青石镇");
}

#[cfg(unix)]
#[test]
fn store_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    assert_eq!(code(&import_one(&env, "a.txt", REPORT_2021, &[])), 0);
    let file_mode = std::fs::metadata(env.store())
        .expect("store")
        .permissions()
        .mode();
    assert_eq!(file_mode & 0o777, 0o600);
    let dir = env.store().parent().expect("dir").to_path_buf();
    let dir_mode = std::fs::metadata(dir).expect("dir").permissions().mode();
    assert_eq!(dir_mode & 0o777, 0o700);
}

#[test]
fn unknown_township_is_refused_with_the_flag_to_pass() {
    let env = TestEnv::new();
    let file = env.write("x.txt", "一、主要举措和成效\n开展学习。\n".as_bytes());
    let out = env.run([
        "import".as_ref(),
        "--json".as_ref(),
        "--year".as_ref(),
        "2021".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 1);
    let error = json(&out)["failed"][0]["error"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(error.contains("--township"), "{error}");
}

/// `HH:MM` as minutes after midnight.
fn minutes_of_day(text: &str) -> Option<i64> {
    let (h, m) = text.split_once(':')?;
    Some(h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?)
}

#[test]
fn note_times_are_stored_in_utc_and_shown_in_local_time_with_the_offset() {
    let env = TestEnv::new();
    let out = import_one(&env, "2021.txt", REPORT_2021, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let added = env.run(["notes", "add", "青石镇", "2021", "--text", "待核实"]);
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    let listed = json(&env.run(["notes", "list", "--json"]));
    let stored = listed[0]["created_at"]
        .as_str()
        .expect("a time")
        .to_string();
    assert!(stored.ends_with('Z'), "stored in UTC: {stored}");
    let utc_minutes = minutes_of_day(&stored[11..16]).expect("HH:MM");

    let shown = env
        .cmd()
        .env("TZ", "Asia/Shanghai")
        .args(["notes", "list"])
        .output()
        .expect("run");
    let line = String::from_utf8_lossy(&shown.stdout).to_string();
    let field = line
        .split('\t')
        .find(|f| f.ends_with("+08:00"))
        .unwrap_or_else(|| panic!("no local time with its offset: {line}"));
    let local_minutes = minutes_of_day(&field[11..16]).expect("HH:MM");
    assert_eq!(
        (local_minutes - utc_minutes).rem_euclid(24 * 60),
        8 * 60,
        "{stored} shown as {field}"
    );

    let exported = env
        .cmd()
        .env("TZ", "America/Chicago")
        .args(["notes", "export", "--format", "md"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&exported.stdout).to_string();
    assert!(
        text.contains(" -06:00") || text.contains(" -05:00"),
        "the findings report shows the offset: {text}"
    );
    assert!(!text.contains(&stored), "not the stored UTC: {text}");
}
