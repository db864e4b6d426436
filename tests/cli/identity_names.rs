//! A report's identity is its township, county and year. A name that only differs by
//! an invisible character or a compatibility form must be the same identity, whether it
//! comes from the text, a flag or a look-up; an empty name or an impossible year is
//! refused with a clear message.

use crate::common::{TestEnv, code, json, stderr};

const SHANLING_2021: &str = "杉岭乡2021年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次。\n二、存在的不足和原因\n学法不够。\n三、2022年工作安排\n继续推进。\n";

/// 杉岭乡 with a zero-width space, a word joiner and a soft hyphen: looks the same.
const HIDDEN: &str = "杉\u{00AD}岭\u{2060}乡\u{200B}";

fn store_with_shanling() -> TestEnv {
    let env = TestEnv::new();
    let file = env.write("杉岭乡2021.txt", SHANLING_2021.as_bytes());
    let out = env.run(["import".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["imported"][0]["township"], "杉岭乡");
    env
}

fn townships(env: &TestEnv) -> Vec<String> {
    let out = env.run(["list", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|t| t["township"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_hidden_character_in_the_flag_does_not_make_a_second_township() {
    let env = store_with_shanling();
    let changed = SHANLING_2021.replace("12次", "15次");
    let file = env.write("新版.txt", changed.as_bytes());
    let flag = format!("--township={HIDDEN}");
    let out = env.run([
        "import".as_ref(),
        "--json".as_ref(),
        flag.as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(
        code(&out),
        1,
        "different text needs --replace: {}",
        stderr(&out)
    );
    let reason = json(&out)["failed"][0]["error"].to_string();
    assert!(reason.contains("--replace"), "{reason}");
    assert_eq!(townships(&env), ["杉岭乡"]);

    let out = env.run([
        "import".as_ref(),
        "--json".as_ref(),
        flag.as_ref(),
        "--replace".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["replaced"][0]["township"], "杉岭乡");
    assert_eq!(townships(&env), ["杉岭乡"]);
}

#[test]
fn a_hidden_character_in_the_text_does_not_make_a_second_township() {
    let env = store_with_shanling();
    let text = SHANLING_2021.replacen("杉岭乡", HIDDEN, 1);
    let file = env.write("copy.txt", text.as_bytes());
    let out = env.run(["import".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert!(matches!(code(&out), 0 | 1), "{}", stderr(&out));
    assert_eq!(townships(&env), ["杉岭乡"]);
}

#[test]
fn county_and_province_flags_are_normalized() {
    let env = TestEnv::new();
    let file = env.write("杉岭乡2021.txt", SHANLING_2021.as_bytes());
    let out = env.run([
        "import".as_ref(),
        "--json".as_ref(),
        "--county= 黔江区\u{FEFF}".as_ref(),
        "--province=重庆市\u{200D}".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let imported = &json(&out)["imported"][0];
    assert_eq!(imported["county"], "黔江区");
    assert_eq!(imported["province"], "重庆市");
}

#[test]
fn an_empty_name_is_refused() {
    let env = TestEnv::new();
    let file = env.write("杉岭乡2021.txt", SHANLING_2021.as_bytes());
    for flag in ["--township=\u{200B} ", "--county=", "--province=\u{00AD}"] {
        let out = env.run(["import".as_ref(), flag.as_ref(), file.as_os_str()]);
        assert_eq!(code(&out), 2, "{flag}: {}", stderr(&out));
        assert!(stderr(&out).contains("为空"), "{flag}: {}", stderr(&out));
    }
    assert!(townships(&env).is_empty());
}

#[test]
fn look_ups_find_the_township_whatever_invisible_characters_are_typed() {
    let env = store_with_shanling();
    let file = env.write(
        "杉岭乡2022.txt",
        SHANLING_2021.replace("2021年法治", "2022年法治").as_bytes(),
    );
    let out = env.run(["import".as_ref(), "--year=2022".as_ref(), file.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let show = env.run(["show", HIDDEN, "2021", "--json"]);
    assert_eq!(code(&show), 0, "show: {}", stderr(&show));
    assert_eq!(json(&show)["township"], "杉岭乡");
    for args in [
        vec!["diff", HIDDEN, "--json"],
        vec!["figures", HIDDEN, "--json"],
        vec!["reuse", HIDDEN, "2021", "--json"],
        vec!["notes", "add", HIDDEN, "2021", "--text", "数字待核"],
    ] {
        let out = env.run(&args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    }
    let notes = env.run(["notes", "list", "--township", HIDDEN, "--json"]);
    assert_eq!(code(&notes), 0, "{}", stderr(&notes));
    assert_eq!(
        json(&notes).as_array().map(Vec::len),
        Some(1),
        "{}",
        json(&notes)
    );
    let check = env.run(["check", HIDDEN, "--json"]);
    assert_eq!(
        json(&check).as_array().map(Vec::len),
        Some(2),
        "{}",
        json(&check)
    );
}

#[test]
fn impossible_year_flags_are_refused() {
    let env = TestEnv::new();
    let file = env.write("杉岭乡2021.txt", SHANLING_2021.as_bytes());
    for flag in ["--year=-5", "--year=0", "--year=2147483647", "--year=1948"] {
        let out = env.run(["import".as_ref(), flag.as_ref(), file.as_os_str()]);
        assert_eq!(code(&out), 2, "{flag}: {}", stderr(&out));
        assert!(stderr(&out).contains("1949"), "{flag}: {}", stderr(&out));
    }
    let out = env.run([
        "import".as_ref(),
        "--year".as_ref(),
        "-5".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("1949"), "{}", stderr(&out));
    assert!(townships(&env).is_empty());
}

#[test]
fn an_impossible_year_read_from_the_text_is_refused() {
    let env = TestEnv::new();
    let text = SHANLING_2021.replace("2021年法治", "2090年法治");
    let file = env.write("杉岭乡.txt", text.as_bytes());
    let out = env.run(["import".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let reason = json(&out)["failed"][0]["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        reason.contains("2090") && reason.contains("--year"),
        "{reason}"
    );

    let out = env.run([
        "import".as_ref(),
        "--json".as_ref(),
        "--year=2021".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "the flag overrides it: {}", stderr(&out));
}
