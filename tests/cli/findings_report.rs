//! `nianbao report` on the demo store: the CSV lists every planted finding of the demo
//! (with the source of the cross-township copy), the Markdown is checked by a snapshot,
//! and the Word and HTML reports open in python-docx and Chromium.

use std::path::PathBuf;

use crate::common::{TestEnv, code, export_tool, stderr, stdout};

/// A demo store in the environment, with one note, and a way to run against it.
fn demo(env: &TestEnv) -> PathBuf {
    let dir = env.path("demo");
    let out = env
        .cmd()
        .args(["demo", "--no-tui", "--dir"])
        .arg(&dir)
        .output()
        .expect("run demo");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let store = dir.join("nianbao.db");
    let note = env
        .cmd()
        .env("NIANBAO_STORE", &store)
        .args([
            "notes",
            "add",
            "柳溪镇",
            "2023",
            "--text",
            "第四部分年份写错",
        ])
        .args(["--section", "4", "--author", "王审"])
        .output()
        .expect("add note");
    assert_eq!(code(&note), 0, "{}", stderr(&note));
    store
}

fn report(env: &TestEnv, store: &PathBuf, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("NIANBAO_STORE", store)
        .arg("report")
        .args(args)
        .output()
        .expect("run report")
}

#[test]
fn the_csv_lists_every_planted_finding_of_the_demo() {
    let env = TestEnv::new();
    let store = demo(&env);
    let out = report(&env, &store, &["--format", "csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let has = |kind: &str, township: &str| rows.iter().any(|r| r[0] == kind && r[1] == township);
    assert!(has("missing-part", "柳溪镇"));
    let foreign = rows
        .iter()
        .find(|r| r[0] == "foreign-township" && r[1] == "柳溪镇")
        .expect("the foreign township");
    assert!(foreign[7].starts_with("青石镇 20"), "traced: {foreign:?}");
    assert!(has("year-mismatch", "柳溪镇"));
    assert!(has("sum-mismatch", "白河镇"));
    assert!(has("same-sentence", "松坪乡"));
    assert!(has("note", "柳溪镇"));
    let copied = rows
        .iter()
        .find(|r| r[0] == "cross-township" && r[1] == "柳溪镇" && r[4] == "1.4")
        .expect("the copied publicity passage");
    assert!(copied[7].contains("青石镇"), "its source: {copied:?}");
}

#[test]
fn the_markdown_report_matches_its_snapshot() {
    let env = TestEnv::new();
    let store = demo(&env);
    let out = report(&env, &store, &["柳溪镇", "--format", "md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let stamp = regex::Regex::new(r"\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d").expect("regex");
    insta::assert_snapshot!(stamp.replace_all(&text, "<time>"));
}

#[test]
fn word_and_html_reports_open_in_real_programs() {
    let env = TestEnv::new();
    let store = demo(&env);
    let docx = env.path("审阅意见.docx");
    let html = env.path("审阅意见.html");
    for (format, path) in [("docx", &docx), ("html", &html)] {
        let path = path.to_str().expect("utf-8 path");
        let out = report(&env, &store, &["--format", format, "--output", path]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let missing = report(&env, &store, &["--format", "docx"]);
    assert_eq!(code(&missing), 2, "a Word report needs --output");
    if export_tool("python3", &["-c", "import docx"]) {
        let script = "import sys, docx\nd = docx.Document(sys.argv[1])\n\
                      print(len(d.tables)); print(d.tables[0].cell(1, 0).text)";
        let out = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&docx)
            .output()
            .expect("run python3");
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let mut lines = text.lines();
        let tables: usize = lines.next().and_then(|l| l.parse().ok()).unwrap_or(0);
        assert!(tables >= 5, "summary and per-township tables: {text}");
        assert_eq!(lines.next(), Some("松坪乡"), "the summary's first row");
    }
    if export_tool("chromium", &["--headless", "--no-sandbox", "--version"]) {
        let profile = format!("--user-data-dir={}", env.path("profile").display());
        let out = std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--dump-dom",
                &profile,
            ])
            .arg(format!("file://{}", html.display()))
            .output()
            .expect("run chromium");
        assert!(out.status.success(), "{}", stderr(&out));
        let dom = stdout(&out);
        assert!(
            dom.contains("<th>乡镇</th>") && dom.contains("柳溪镇"),
            "{dom}"
        );
    }
}
