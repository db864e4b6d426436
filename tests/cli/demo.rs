//! `nianbao demo`: the built-in county imports completely, from any directory, without
//! touching the user's store, and shows the planted findings.

use crate::common::{TestEnv, code, json, stderr};

#[test]
fn demo_store_holds_four_townships_with_three_years_and_the_planted_findings() {
    let env = TestEnv::new();
    let dir = env.path("演示 目录");
    let out = env
        .cmd()
        .current_dir(env.dir.path())
        .arg("demo")
        .arg("--dir")
        .arg(&dir)
        .arg("--no-tui")
        .output()
        .expect("run demo");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        !env.store().exists(),
        "the demo must not write the user's store"
    );

    let demo_store = dir.join("nianbao.db");
    let run = |args: &[&str]| {
        env.cmd()
            .env("NIANBAO_STORE", &demo_store)
            .args(args)
            .output()
            .expect("run nianbao")
    };
    let list = json(&run(&["list", "--json"]));
    let townships = list.as_array().expect("list");
    assert!(townships.len() >= 4, "{list}");
    for t in townships {
        assert_eq!(t["years"].as_array().map(Vec::len), Some(3), "{t}");
    }
    let check = run(&["check", "--json"]);
    assert_eq!(code(&check), 1, "check must report the planted findings");
    let kinds: Vec<String> = json(&check)
        .as_array()
        .expect("check")
        .iter()
        .flat_map(|r| r["lint"].as_array().cloned().unwrap_or_default())
        .filter_map(|l| l["kind"].as_str().map(str::to_string))
        .collect();
    for kind in [
        "missing-part",
        "foreign-township",
        "year-mismatch",
        "sum-mismatch",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} not planted: {kinds:?}"
        );
    }
    let formats: Vec<String> = townships
        .iter()
        .flat_map(|t| {
            let name = t["township"].as_str().unwrap_or_default().to_string();
            let years: Vec<i64> = t["years"]
                .as_array()
                .map(|ys| ys.iter().filter_map(|y| y.as_i64()).collect())
                .unwrap_or_default();
            years.into_iter().map(move |y| (name.clone(), y))
        })
        .map(|(name, year)| {
            let shown = json(&run(&["show", &name, &year.to_string(), "--json"]));
            format!(
                "{}/{}",
                shown["source"]["format"], shown["source"]["encoding"]
            )
        })
        .collect();
    assert!(
        formats.iter().any(|f| f.starts_with("\"docx\"")),
        "{formats:?}"
    );
    assert!(formats.iter().any(|f| f.contains("GB")), "{formats:?}");
}
