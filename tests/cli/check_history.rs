//! `check`, `list` and `reuse` on a store with a township's two years and a neighbour:
//! stale years read against last year's stored report, a neighbour's name cited to the
//! report it came from, a township named without a year read at its latest, and a
//! township, county or year that selects nothing named in every command's error.

use crate::common::{TestEnv, code, expect_refusal, json, stderr};
use serde_json::Value;

/// A report of 石门乡 for `year`, its training dated `{Y}` (filled in by the caller),
/// with `copied` after the training.
fn shimen(year: i32, numbers: [u32; 3], copied: &str) -> String {
    let [disputes, training, contracts] = numbers;
    format!(
        "石门乡{year}年法治政府建设情况报告\n\n{year}年，石门乡坚持依法行政，现将有关情况报告如下：\n\
一、主要举措和成效\n\
（一）化解矛盾纠纷。全年调处纠纷{disputes}件。乡司法所于{{Y}}年3月组织调解员培训{training}次。{copied}\n\
（二）推进依法决策。重大事项均经合法性审查，全年审查合同{contracts}份。\n\
二、存在的不足和原因\n法治宣传形式比较单一。\n\
三、党政主要负责人履行推进法治建设第一责任人职责情况\n乡党委书记带头学法，全年主持专题学法4次。\n\
四、{next}年工作安排\n{next}年，我乡将继续深化依法治理。\n\n石门乡人民政府\n{next}年1月10日\n",
        next = year + 1
    )
}

/// The sentence 柳塘镇 wrote about itself, copied by 石门乡 with the name left in.
const COPIED: &str = "柳塘镇坚持把矛盾纠纷多元化解作为基层治理的重要抓手，组建专职调解队伍十二支，实行一村一法律顾问全覆盖，群众满意度逐年提升。";

fn liutang() -> String {
    format!(
        "柳塘镇2023年法治政府建设工作报告\n\n今年以来，柳塘镇认真落实法治政府建设各项任务。\n\
一、主要举措和成效\n\
（一）强化法治学习。镇党委理论学习中心组开展集体学法6次。\n\
（二）化解矛盾纠纷。{COPIED}\n\
二、存在的不足和原因\n基层法治力量相对薄弱。\n\
三、党政主要负责人履行推进法治建设第一责任人职责情况\n镇长带头讲法治课2次。\n\
四、2024年工作安排\n深入开展“八五”普法。\n\n柳塘镇人民政府\n2024年1月5日\n"
    )
}

fn import(env: &TestEnv, township: &str, year: i32, text: &str) {
    let file = env.write(&format!("{township}{year}.txt"), text.as_bytes());
    let year = year.to_string();
    let file = file.display().to_string();
    let args = [
        "import",
        "--township",
        township,
        "--county",
        "青山县",
        "--year",
        &year,
        &file,
    ];
    let out = env.run(args);
    assert_eq!(code(&out), 0, "import {township} {year}: {}", stderr(&out));
}

/// 石门乡 2022 and 2023, the 2023 report keeping last year's dated training sentence
/// and 柳塘镇's sentence; 柳塘镇 2023.
fn store() -> TestEnv {
    let env = TestEnv::new();
    let old = shimen(2022, [30, 2, 18], "").replace("{Y}", "2022");
    let new = shimen(2023, [37, 4, 21], COPIED).replace("{Y}", "2022");
    import(&env, "石门乡", 2022, &old);
    import(&env, "柳塘镇", 2023, &liutang());
    import(&env, "石门乡", 2023, &new);
    env
}

fn checked(env: &TestEnv) -> Vec<Value> {
    let out = env.run(["check", "--json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    json(&out)
        .as_array()
        .cloned()
        .expect("one entry per report")
}

fn lint<'a>(checked: &'a [Value], township: &str, year: i64) -> &'a Vec<Value> {
    checked
        .iter()
        .find(|r| r["township"] == township && r["year"] == year)
        .and_then(|r| r["lint"].as_array())
        .unwrap_or_else(|| panic!("{township} {year} checked: {checked:?}"))
}

#[test]
fn check_reads_a_year_against_the_stored_year_before_it() {
    let env = store();
    let checked = checked(&env);
    let stale: Vec<&Value> = lint(&checked, "石门乡", 2023)
        .iter()
        .filter(|f| f["kind"] == "stale-year")
        .collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0]["evidence"], "last-year-text");
    assert!(
        stale[0]["excerpt"]
            .as_str()
            .is_some_and(|e| e.contains("于2022年3月组织调解员培训4次")),
        "{stale:?}"
    );

    let list = json(&env.run(["list", "--json"]));
    let shimen = list
        .as_array()
        .and_then(|l| l.iter().find(|t| t["township"] == "石门乡"))
        .expect("石门乡 listed");
    let both_years = lint(&checked, "石门乡", 2022).len() + lint(&checked, "石门乡", 2023).len();
    assert_eq!(
        shimen["findings"].as_u64(),
        Some(both_years as u64),
        "the list counts what check finds"
    );
}

#[test]
fn a_neighbours_name_cites_the_report_it_was_copied_from() {
    let env = store();
    let checked = checked(&env);
    let foreign: Vec<&Value> = lint(&checked, "石门乡", 2023)
        .iter()
        .filter(|f| f["kind"] == "foreign-township")
        .collect();
    assert_eq!(foreign.len(), 1, "{foreign:?}");
    let source = &foreign[0]["source"];
    assert_eq!(source["township"], "柳塘镇", "{source}");
    assert_eq!(source["year"], 2023);
    assert_eq!(source["section"], "1.2");
    assert_eq!(source["heading"], "（二）化解矛盾纠纷");

    let out = env.run(["check", "石门乡", "--year", "2023"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("来源：柳塘镇 2023 · 1.2 （二）化解矛盾纠纷"),
        "{text}"
    );
    let own = lint(&checked, "柳塘镇", 2023);
    assert!(own.iter().all(|f| f["source"].is_null()), "{own:?}");
    // A finding's line, then its words indented below it; no placeholders, no
    // trailing spaces.
    assert!(text.starts_with("石门乡 2023 (青山县)\n"), "{text}");
    assert!(text.lines().all(|l| l == l.trim_end()), "{text:?}");
    assert!(!text.contains(" - ") && !text.contains("(-)"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("  [foreign-township] "))
        .unwrap_or_else(|| panic!("{text}"));
    let excerpt = foreign[0]["excerpt"].as_str().unwrap_or_default();
    assert!(
        !excerpt.is_empty() && !lines[at].contains(excerpt),
        "{text}"
    );
    assert_eq!(lines[at + 1], format!("      {excerpt}"), "{text}");
}

#[test]
fn reuse_without_a_year_reads_the_latest() {
    let env = store();
    let latest = env.run(["reuse", "石门乡", "--json"]);
    assert_eq!(code(&latest), 0, "{}", stderr(&latest));
    assert_eq!(json(&latest)["year"], 2023);
    let given = env.run(["reuse", "石门乡", "2022", "--json"]);
    assert_eq!(json(&given)["year"], 2022);
    let unknown = env.run(["reuse", "无此乡"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("无此乡"), "{}", stderr(&unknown));
}

#[test]
fn a_township_or_year_that_selects_nothing_is_an_error_not_a_clean_check() {
    let env = store();
    for (args, names) in [
        (vec!["check", "石门镇"], vec!["石门镇", "nianbao list"]),
        (
            vec!["check", "石门乡", "--year", "2019"],
            vec!["2019", "2022"],
        ),
        (vec!["check", "--county", "无此县"], vec!["无此县"]),
        (
            vec!["check", "--county", "青山县", "--year", "2031"],
            vec!["2031", "青山县"],
        ),
        (vec!["check", "石门镇", "--json"], vec!["石门镇"]),
    ] {
        expect_refusal(&env, &args, &names);
    }
    let clean = env.run(["check", "石门乡", "--year", "2022"]);
    assert_ne!(code(&clean), 2, "{}", stderr(&clean));
}

/// Every command that takes a township and `--county`, given a county the township is
/// not stored under: one line naming the township, the county asked for and the
/// county it is stored under, in both languages.
#[test]
fn a_county_the_township_is_not_under_is_named_beside_the_one_it_is() {
    let env = store();
    let commands: [&[&str]; 7] = [
        &["show", "石门乡", "2023"],
        &["diff", "石门乡", "2022", "2023"],
        &["figures", "石门乡"],
        &["check", "石门乡"],
        &["reuse", "石门乡"],
        &["export", "石门乡", "--format", "html"],
        &["report", "石门乡", "--format", "md"],
    ];
    for command in commands {
        for lang in ["zh", "en"] {
            let mut args = vec!["--lang", lang];
            args.extend_from_slice(command);
            args.extend(["--county", "白水县"]);
            expect_refusal(&env, &args, &["石门乡", "白水县", "青山县"]);
        }
    }
}

/// `figures` given a year, or a county, that selects no stored report, or a township
/// with no year to compare, says so and which, as `show`, `diff` and `check` do,
/// instead of an empty table or "no reports yet".
#[test]
fn figures_of_a_year_or_county_with_no_report_is_an_error_naming_it() {
    let env = store();
    for (args, names) in [
        (
            vec!["figures", "石门乡", "--year", "2031"],
            vec!["2031", "2022, 2023"],
        ),
        (vec!["figures", "--county", "无此县"], vec!["无此县"]),
        (
            vec!["figures", "--county", "青山县", "--year", "2031"],
            vec!["2031", "青山县"],
        ),
        (vec!["figures", "--year", "2031"], vec!["nianbao list"]),
        (
            vec!["figures", "--compare", "柳塘镇"],
            vec!["柳塘镇", "2023"],
        ),
        (
            vec!["figures", "--compare", "石门乡", "--year", "2022"],
            vec!["石门乡", "2022, 2023"],
        ),
    ] {
        let mut args = args;
        args.splice(0..0, ["--lang", "en"]);
        expect_refusal(&env, &args, &names);
    }
    let found = env.run(["figures", "--county", "青山县", "--year", "2023", "--json"]);
    assert_eq!(code(&found), 0, "{}", stderr(&found));
    let compared = env.run(["figures", "--compare", "石门乡", "--json"]);
    assert_eq!(code(&compared), 0, "{}", stderr(&compared));
}

/// The English message for a missing year puts the township and the year where the
/// sentence says they are.
#[test]
fn a_missing_year_reads_in_english_with_the_township_first() {
    let env = store();
    let out = env.run(["--lang", "en", "show", "石门乡", "2019"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "nianbao: 石门乡 has no 2019 report (stored years: 2022, 2023)"
    );
}

/// `show` without a year shows the latest stored one, as `diff` and `reuse` open on it.
#[test]
fn show_without_a_year_shows_the_latest() {
    let env = store();
    let latest = json(&env.run(["show", "石门乡", "--json"]));
    assert_eq!(latest["year"], 2023);
    let given = json(&env.run(["show", "石门乡", "2022", "--json"]));
    assert_eq!(given["year"], 2022);
    assert_ne!(latest["text"], given["text"]);
}

/// The findings report of a county, or a county and year, with no stored report names
/// them, as `check` does.
#[test]
fn a_findings_report_of_a_county_or_year_not_stored_names_it() {
    let env = store();
    for (args, names) in [
        (
            vec!["report", "--format", "md", "--county", "无此县"],
            vec!["无此县"],
        ),
        (
            vec![
                "report",
                "--format",
                "csv",
                "--county",
                "青山县",
                "--year",
                "2031",
            ],
            vec!["2031", "青山县"],
        ),
    ] {
        expect_refusal(&env, &args, &names);
    }
    let written = env.run(["report", "--format", "md", "--county", "青山县"]);
    assert_eq!(code(&written), 0, "{}", stderr(&written));
}
