//! Figures end to end: `inspect --json` on text written here and on the corpus, the sum
//! check, the year-over-year ledger, and `nianbao figures` on a store and on files.

use std::collections::HashMap;

use crate::common::{TestEnv, code, json, stderr, stdout};
use serde_json::Value;

/// A report written for these tests: every figure shape the extractor must read, and
/// the look-alikes it must leave alone.
const WRITTEN: &str = "\
关于2022年度法治政府建设工作情况的报告

2022年，我镇深入学习贯彻党的二十大精神和十九届六中全会精神，树牢“四个意识”，坚定“四个自信”，做到“两个维护”。
一、主要举措和成效
（一）学习宣传。党委理论学习中心组开展专题学习8次，组织干部学法15余次。各村均配备一名法律顾问，每月至少提供2次法律咨询服务。全年惠及群众两万余人次，另有万余人参与线上答题。
（二）执法监督。开展联合执法检查6批次，出动执法人员120件次，排查安全隐患30处以上。依照《中华人民共和国行政处罚法》第三十二条和镇政发〔2022〕15号文件，下达整改通知书12份。
（三）化解纠纷。在“3·15”“5.12防灾减灾日”和3月法治宣传月期间，发放宣传资料约3000份，调解矛盾纠纷近50起，调解成功率达到百分之九十五左右。坚持一村一法律顾问，推行“一窗受理、只跑一趟”，实行一票否决，统一名称，进一步规范一线工作法。
（四）其他。按照《法治政府建设实施纲要（2021—2025年）》，落实行政执法三项制度，聘请律师2名。
";

fn write_and_inspect(env: &TestEnv, name: &str, text: &str) -> Value {
    let path = env.write(name, text.as_bytes());
    let out = env.run(
        ["inspect", "--json"]
            .map(str::to_string)
            .into_iter()
            .chain([path.display().to_string()]),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
}

/// `(surface, value, unit, approx)` of every figure.
fn figures(report: &Value) -> Vec<(String, f64, String, Option<String>)> {
    report["figures"]
        .as_array()
        .expect("figures array")
        .iter()
        .map(|f| {
            (
                f["surface"].as_str().unwrap_or_default().to_string(),
                f["value"].as_f64().unwrap_or(f64::NAN),
                f["unit"].as_str().unwrap_or_default().to_string(),
                f["approx"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn fig(
    surface: &str,
    value: f64,
    unit: &str,
    approx: Option<&str>,
) -> (String, f64, String, Option<String>) {
    (
        surface.to_string(),
        value,
        unit.to_string(),
        approx.map(str::to_string),
    )
}

#[test]
fn written_report_gives_exactly_its_figures() {
    let env = TestEnv::new();
    let report = write_and_inspect(&env, "written.txt", WRITTEN);
    assert_eq!(
        figures(&report),
        vec![
            fig("8次", 8.0, "次", None),
            fig("15余次", 15.0, "次", Some("余")),
            fig("一名", 1.0, "名", None),
            fig("2次", 2.0, "次", Some("至少")),
            fig("两万余人次", 20000.0, "人次", Some("余")),
            fig("万余人", 10000.0, "人", Some("余")),
            fig("6批次", 6.0, "批次", None),
            fig("120件次", 120.0, "件次", None),
            fig("30处以上", 30.0, "处", Some("以上")),
            fig("12份", 12.0, "份", None),
            fig("3000份", 3000.0, "份", Some("约")),
            fig("50起", 50.0, "起", Some("近")),
            fig("百分之九十五左右", 95.0, "%", Some("左右")),
            fig("2名", 2.0, "名", None),
        ]
    );
}

#[test]
fn written_report_labels_name_what_was_counted() {
    let env = TestEnv::new();
    let report = write_and_inspect(&env, "written.txt", WRITTEN);
    let labels: HashMap<String, String> = report["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|f| {
            (
                f["surface"].as_str().unwrap_or_default().to_string(),
                f["label"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    for (surface, expected) in [
        ("8次", "专题学习"),
        ("一名", "法律顾问"),
        ("2次", "法律咨询服务"),
        ("6批次", "执法检查"),
        ("12份", "整改通知书"),
        ("3000份", "宣传资料"),
        ("50起", "矛盾纠纷"),
        ("2名", "律师"),
    ] {
        let label = labels.get(surface).map(String::as_str).unwrap_or_default();
        assert!(
            label.contains(expected),
            "{surface}: label {label:?}, expected {expected:?}"
        );
    }
}

#[test]
fn figures_carry_sentence_section_and_character_span() {
    let env = TestEnv::new();
    let report = write_and_inspect(&env, "written.txt", WRITTEN);
    let chars: Vec<char> = WRITTEN.chars().collect();
    for f in report["figures"].as_array().expect("figures") {
        let start = f["span"]["start"].as_u64().expect("start") as usize;
        let end = f["span"]["end"].as_u64().expect("end") as usize;
        let surface: String = chars[start..end].iter().collect();
        assert_eq!(surface, f["surface"].as_str().unwrap_or_default());
        assert!(
            f["sentence"]
                .as_str()
                .unwrap_or_default()
                .contains(&surface)
        );
        assert!(
            f["section"].as_str().is_some_and(|s| s.starts_with('1')),
            "{f}"
        );
    }
}

#[test]
fn edited_totals_are_flagged_and_consistent_ones_are_not() {
    let env = TestEnv::new();
    let good = "一、主要工作\n全年受理行政复议申请30件，婚姻家庭类12件，土地权属类18件。专职调解员8人，兼职调解员4人，合计12人。受理纠纷96件，调解成功96件，调解成功率100%。全年投入资金500万元，比上年增加100万元，其中镇级资金300万元，村级资金200万元。补助标准由每人40元提高到80元，其中镇级补助由30元提高到60元。建成主干道50公里，支线90公里，入户道路80公里。\n";
    let report = write_and_inspect(&env, "good.txt", good);
    assert!(sum_findings(&report).is_empty(), "{}", report["lint"]);

    let bad = "一、主要工作\n全年受理行政复议申请30件，婚姻家庭类12件，土地权属类15件。专职调解员8人，兼职调解员4人，合计13人。主动公开政府信息23条，其中财政信息15条、民生信息32条。\n";
    let report = write_and_inspect(&env, "bad.txt", bad);
    assert_eq!(sum_findings(&report).len(), 3, "{}", report["lint"]);
}

/// The `sum-mismatch` findings of an inspected report (other lint kinds, such as the
/// missing parts of these one-section texts, are not what these tests are about).
fn sum_findings(report: &serde_json::Value) -> Vec<&serde_json::Value> {
    report["lint"]
        .as_array()
        .map(|lint| {
            lint.iter()
                .filter(|l| l["kind"] == "sum-mismatch")
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn seeds_match_the_gold_figures() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let gold = crate::common::gold(&corpus);
    let env = TestEnv::new();
    for path in crate::common::seed_files(&corpus) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(expected) = gold["reports"][&name]["figures"].as_array() else {
            continue;
        };
        let out = env.run([
            "inspect".to_string(),
            "--json".to_string(),
            path.display().to_string(),
        ]);
        let report = json(&out);
        let key = |f: &Value| {
            format!(
                "{}|{}|{}",
                f["value"].as_f64().unwrap_or(f64::NAN),
                f["unit"].as_str().unwrap_or_default(),
                f["approx"].as_str().unwrap_or("-")
            )
        };
        let mut got: Vec<String> = report["figures"]
            .as_array()
            .expect("figures")
            .iter()
            .map(key)
            .collect();
        let mut want: Vec<String> = expected.iter().map(key).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn edited_seed_total_is_flagged() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let original = crate::common::seed_files(&corpus)
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .find(|text| text.contains("交通领域67份"))
        .expect("a seed with a breakdown by field");
    let env = TestEnv::new();
    let kinds = |report: &Value| -> Vec<String> {
        report["lint"]
            .as_array()
            .expect("lint")
            .iter()
            .filter_map(|l| l["kind"].as_str().map(str::to_string))
            .collect()
    };
    let report = write_and_inspect(&env, "original.txt", &original);
    assert!(
        !kinds(&report).contains(&"sum-mismatch".to_string()),
        "{}",
        report["lint"]
    );
    let edited = original.replace("交通领域67份", "交通领域60份");
    let report = write_and_inspect(&env, "edited.txt", &edited);
    assert!(
        kinds(&report).contains(&"sum-mismatch".to_string()),
        "{}",
        report["lint"]
    );
}

fn state_council(year: u32) -> Option<std::path::PathBuf> {
    let path = crate::common::corpus()?.join(format!("state-council/{year}.txt"));
    path.is_file().then_some(path)
}

#[test]
fn state_council_2023_reads_money_jobs_and_shares() {
    let Some(path) = state_council(2023) else {
        return;
    };
    let env = TestEnv::new();
    let out = env.run([
        "inspect".to_string(),
        "--json".to_string(),
        path.display().to_string(),
    ]);
    let report = json(&out);
    let all = report["figures"].as_array().expect("figures");
    let find = |context: &str, surface: &str| {
        all.iter()
            .find(|f| {
                f["surface"].as_str() == Some(surface)
                    && f["sentence"].as_str().is_some_and(|s| s.contains(context))
            })
            .unwrap_or_else(|| panic!("no figure {surface} in a sentence with {context}"))
    };
    let gdp = find("国内生产总值增加到121万亿元", "121万亿元");
    assert_eq!(
        (gdp["value"].as_f64(), gdp["unit"].as_str()),
        (Some(121e12), Some("元"))
    );
    let decade = find("十年增加近70万亿元", "70万亿元");
    assert_eq!(
        (
            decade["value"].as_f64(),
            decade["unit"].as_str(),
            decade["approx"].as_str()
        ),
        (Some(70e12), Some("元"), Some("近"))
    );
    let jobs = find("城镇新增就业年均1270多万人", "1270多万人");
    assert_eq!(
        (
            jobs["value"].as_f64(),
            jobs["unit"].as_str(),
            jobs["approx"].as_str()
        ),
        (Some(12_700_000.0), Some("人"), Some("多"))
    );
    assert_eq!(
        find("1200万人左右", "1200万人左右")["approx"].as_str(),
        Some("左右")
    );
    let share = find("比重达到17%以上", "17%以上");
    assert_eq!(
        (
            share["value"].as_f64(),
            share["unit"].as_str(),
            share["approx"].as_str()
        ),
        (Some(17.0), Some("%"), Some("以上"))
    );

    let text = std::fs::read_to_string(&path).expect("read the report");
    let chars: Vec<char> = text.chars().collect();
    for look_alike in ["2023年3月5日", "第十四届", "二十大"] {
        let needle: Vec<char> = look_alike.chars().collect();
        let places: Vec<usize> = (0..chars.len().saturating_sub(needle.len()))
            .filter(|&i| chars[i..i + needle.len()] == needle[..])
            .collect();
        assert!(!places.is_empty(), "{look_alike} is in the report");
        for f in all {
            let start = f["span"]["start"].as_u64().unwrap_or_default() as usize;
            let end = f["span"]["end"].as_u64().unwrap_or_default() as usize;
            for &at in &places {
                assert!(
                    end <= at || start >= at + needle.len(),
                    "{f} comes from {look_alike}"
                );
            }
        }
    }
}

#[test]
fn ledger_lines_up_state_council_2022_and_2023() {
    let (Some(old), Some(new)) = (state_council(2022), state_council(2023)) else {
        return;
    };
    let env = TestEnv::new();
    let out = env.run([
        "figures".to_string(),
        "--files".to_string(),
        old.display().to_string(),
        new.display().to_string(),
        "--compare".to_string(),
        "--json".to_string(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ledgers = json(&out);
    let rows = ledgers[0]["rows"].as_array().expect("rows");
    let paired = |label: &str, unit: &str, old_surface: &str, new_surface: &str| {
        rows.iter().any(|r| {
            r["label"].as_str().is_some_and(|l| l.contains(label))
                && r["unit"].as_str() == Some(unit)
                && r["old"]["surface"].as_str() == Some(old_surface)
                && r["new"]["surface"].as_str() == Some(new_surface)
        })
    };
    assert!(
        paired("国内生产总值", "元", "114万亿元", "121万亿元"),
        "GDP"
    );
    assert!(paired("城镇新增就业", "人", "1269万人", "1206万人"), "jobs");
    assert!(
        paired("城镇调查失业率", "%", "5.1%", "5.5%"),
        "unemployment"
    );
    assert!(paired("居民消费价格", "%", "0.9%", "2%"), "prices");
}

#[test]
fn state_council_changes_are_shown_in_wan_and_yi() {
    let (Some(old), Some(new)) = (state_council(2022), state_council(2023)) else {
        return;
    };
    let env = TestEnv::new();
    let files = [old.display().to_string(), new.display().to_string()];
    let table =
        env.run(["figures", "--files", &files[0], &files[1], "--compare"].map(str::to_string));
    assert_eq!(code(&table), 0, "{}", stderr(&table));
    let text = stdout(&table);
    let jobs = text
        .lines()
        .find(|l| l.contains("1269万人") && l.contains("1206万人"))
        .unwrap_or_else(|| panic!("no jobs row in {text}"));
    assert!(jobs.contains("\u{2212}63万人"), "{jobs}");
    assert!(!jobs.contains("630000"), "{jobs}");
    assert!(text.contains("万亿元"), "{text}");

    let out = env.run(
        [
            "figures",
            "--files",
            &files[0],
            &files[1],
            "--compare",
            "--json",
        ]
        .map(str::to_string),
    );
    let ledgers = json(&out);
    let rows = ledgers[0]["rows"].as_array().expect("rows");
    let jobs = rows
        .iter()
        .find(|r| r["old"]["surface"] == "1269万人" && r["new"]["surface"] == "1206万人")
        .expect("jobs row");
    assert_eq!(jobs["change"].as_f64(), Some(-630_000.0));
    assert_eq!(jobs["change_exact"], "-630000");
    assert_eq!(jobs["change_text"], "\u{2212}63万人");
}

/// Two years of one township, written for these tests.
const YEAR_ONE: &str = "一、主要举措\n全年发放宣传资料3000余份。组织专题学习12次。受理矛盾纠纷40件。法律顾问覆盖率达到80%。\n";
const YEAR_TWO: &str = "一、主要举措\n全年发放宣传资料3000余份。今年共组织专题学习12次, 形式多样。受理矛盾纠纷400件。新聘法律顾问2名。法律顾问覆盖率达到120%。\n";

fn store_with_two_years(env: &TestEnv) {
    for (name, text, year) in [("一.txt", YEAR_ONE, "2021"), ("二.txt", YEAR_TWO, "2022")] {
        let path = env.write(name, text.as_bytes());
        let out = env.run([
            "import".to_string(),
            path.display().to_string(),
            "--township".to_string(),
            "青山镇".to_string(),
            "--county".to_string(),
            "绿水县".to_string(),
            "--year".to_string(),
            year.to_string(),
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
}

#[test]
fn figures_lists_every_year_as_json_and_table() {
    let env = TestEnv::new();
    store_with_two_years(&env);
    let out = env.run(["figures", "青山镇", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 9);
    assert!(
        rows.iter()
            .all(|r| r["township"] == "青山镇" && r["county"] == "绿水县")
    );
    assert_eq!(rows.iter().filter(|r| r["year"] == 2021).count(), 4);
    for field in [
        "value", "unit", "approx", "surface", "label", "sentence", "section", "span",
    ] {
        assert!(rows[0].get(field).is_some(), "{field} missing");
    }

    let out = env.run(["figures", "青山镇", "--year", "2021"]);
    let text = stdout(&out);
    assert!(
        text.contains("3000余份") && !text.contains("400件"),
        "{text}"
    );
}

#[test]
fn figures_csv_opens_in_excel() {
    let env = TestEnv::new();
    store_with_two_years(&env);
    let out = env.run(["figures", "青山镇", "--csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bytes = &out.stdout;
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no byte-order mark");
    let text = String::from_utf8_lossy(&bytes[3..]).into_owned();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + 9, "{text}");
    assert_eq!(lines[0].split(',').count(), 11, "{}", lines[0]);
    // A sentence with an ASCII comma is quoted, so the column count holds.
    let quoted = lines
        .iter()
        .find(|l| l.contains("形式多样"))
        .expect("row with a comma");
    assert!(quoted.ends_with("形式多样。\""), "{quoted}");
}

#[test]
fn compare_flags_copies_jumps_and_new_figures() {
    let env = TestEnv::new();
    store_with_two_years(&env);
    let out = env.run(["figures", "青山镇", "--compare", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ledgers = json(&out);
    assert_eq!(
        (
            ledgers[0]["old_year"].as_i64(),
            ledgers[0]["new_year"].as_i64()
        ),
        (Some(2021), Some(2022))
    );
    let rows = ledgers[0]["rows"].as_array().expect("rows");
    let flags = |label: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r["label"].as_str().is_some_and(|l| l.contains(label)))
            .and_then(|r| r["flags"].as_array())
            .map(|f| {
                f.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_else(|| panic!("no row for {label}"))
    };
    assert_eq!(flags("宣传资料"), vec!["same-sentence"]);
    assert_eq!(flags("专题学习"), vec!["same-value"]);
    assert_eq!(flags("矛盾纠纷"), vec!["jump"]);
    assert_eq!(flags("覆盖率"), vec!["over-100-percent"]);
    assert!(
        rows.iter()
            .any(|r| r["flags"] == serde_json::json!(["new"]) && r["new"]["surface"] == "2名")
    );

    let out = env.run(["figures", "青山镇", "--compare"]);
    let text = stdout(&out);
    assert!(
        text.contains("2021 → 2022") && text.contains("原句照搬") && text.contains("变化≥5倍"),
        "{text}"
    );
    // No year before the one asked for: nothing to compare it with, said as an error.
    let out = env.run(["figures", "青山镇", "--compare", "--year", "2021"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2021年之前没有报告"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn compare_with_files_needs_two() {
    let env = TestEnv::new();
    let path = env.write("一.txt", YEAR_ONE.as_bytes());
    let out = env.run([
        "--lang".to_string(),
        "en".to_string(),
        "figures".to_string(),
        "--compare".to_string(),
        "--files".to_string(),
        path.display().to_string(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("exactly two files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unknown_township_is_a_clear_error() {
    let env = TestEnv::new();
    store_with_two_years(&env);
    let out = env.run(["figures", "白云乡"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("白云乡"), "{}", stderr(&out));
}

/// The help's names of a flag (`zh / en (json-name)`), read from the English
/// `figures --help`, which gives both.
fn help_names(help: &str, json_name: &str) -> (String, String) {
    let tail = format!(" ({json_name})");
    let line = help
        .lines()
        .find(|l| l.ends_with(&tail))
        .unwrap_or_else(|| panic!("{json_name} not in the help:\n{help}"));
    let names = line.trim().trim_end_matches(&tail);
    let (zh, en) = names.split_once(" / ").expect("zh / en");
    (zh.to_string(), en.to_string())
}

#[test]
fn the_help_names_every_flag_as_the_output_prints_it_in_both_languages() {
    let env = TestEnv::new();
    store_with_two_years(&env);
    let help = stdout(&env.run(["--lang", "en", "figures", "--help"]));
    for old_word in ["同句照抄", "已消失"] {
        assert!(!help.contains(old_word), "{old_word} in the help:\n{help}");
    }
    let ledgers = json(&env.run(["figures", "青山镇", "--compare", "--json"]));
    let zh = stdout(&env.run(["figures", "青山镇", "--compare"]));
    let en = stdout(&env.run(["--lang", "en", "figures", "青山镇", "--compare"]));
    let mut seen = 0;
    for row in ledgers[0]["rows"].as_array().expect("rows") {
        for flag in row["flags"].as_array().expect("flags") {
            let name = flag.as_str().expect("a flag name");
            let (zh_name, en_name) = help_names(&help, name);
            let label = row["label"].as_str().expect("label");
            let line_of = |text: &str| {
                text.lines()
                    .find(|l| l.contains(label))
                    .map(str::to_string)
                    .unwrap_or_default()
            };
            assert!(line_of(&zh).contains(&zh_name), "{name}: {}", line_of(&zh));
            assert!(line_of(&en).contains(&en_name), "{name}: {}", line_of(&en));
            seen += 1;
        }
    }
    assert!(seen >= 4, "the test store flags figures of several kinds");
}
