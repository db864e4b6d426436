//! A finding is worded in the language asked for wherever a reviewer reads it: `check`,
//! `inspect`, the findings report (Markdown and CSV) and the comparison exports (Word
//! comments and HTML). `--json` keeps its Chinese `message` and carries the statement as
//! data in `detail`. The demo's planted finding is the one read: 柳溪镇 2023 plans for
//! 2023 instead of 2024.

use std::process::Command;

use crate::common::tmux::demo_store;
use crate::common::{TestEnv, code, json, stderr, stdout};

const ZH: &str = "下一年度安排写的是2023年，而报告年度是2023年（应为2024年）";
const EN: &str = "the next-year plan says 2023, but the report is for 2023 (should be 2024)";

/// Every place the finding is written, as text, in `lang`.
fn every_wording(env: &TestEnv, lang: &str) -> Vec<(String, String)> {
    let run = |args: &[&str]| {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        let out = env.run(&all);
        assert!(code(&out) < 2, "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let mut texts = vec![
        ("check".to_string(), run(&["check", "柳溪镇"])),
        (
            "report md".to_string(),
            run(&["report", "柳溪镇", "--format", "md"]),
        ),
        (
            "report csv".to_string(),
            run(&["report", "柳溪镇", "--format", "csv"]),
        ),
    ];
    let report = env.write("柳溪镇2023.txt", stored_text(env).as_bytes());
    let report = report.display().to_string();
    texts.push(("inspect".to_string(), run(&["inspect", &report])));
    for format in ["html", "docx"] {
        let file = env.path(&format!("{lang}.{format}"));
        let file_arg = file.display().to_string();
        run(&[
            "export",
            "柳溪镇",
            "--format",
            format,
            "--output",
            &file_arg,
        ]);
        let text = if format == "docx" {
            comments(&file)
        } else {
            std::fs::read_to_string(&file).unwrap()
        };
        texts.push((format!("export {format}"), text));
    }
    texts
}

/// 柳溪镇's 2023 report as stored, for `inspect` to read from a file.
fn stored_text(env: &TestEnv) -> String {
    let out = env.run(["show", "柳溪镇", "2023", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)["text"].as_str().unwrap().to_string()
}

/// The comments of a Word file, as their XML.
fn comments(path: &std::path::Path) -> String {
    let script = "import sys, zipfile\nprint(zipfile.ZipFile(sys.argv[1]).read('word/comments.xml').decode())";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3 reads the .docx");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn findings_are_worded_in_the_language_everywhere() {
    let env = TestEnv::new();
    demo_store(&env);
    for (lang, wanted, unwanted) in [("zh", ZH, EN), ("en", EN, ZH)] {
        for (place, text) in every_wording(&env, lang) {
            assert!(
                text.contains(wanted),
                "{lang} {place}: {wanted} not in\n{text}"
            );
            assert!(!text.contains(unwanted), "{lang} {place}:\n{text}");
        }
    }
}

#[test]
fn json_findings_keep_the_chinese_message_and_carry_the_statement() {
    let env = TestEnv::new();
    demo_store(&env);
    let out = env.run([
        "--lang",
        "en",
        "check",
        "柳溪镇",
        "--year",
        "2023",
        "--json",
    ]);
    let checked = json(&out);
    let finding = checked[0]["lint"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["detail"]["id"] == "plan-year")
        .unwrap_or_else(|| panic!("no plan-year finding: {checked:#}"));
    assert_eq!(finding["kind"], "year-mismatch");
    assert_eq!(finding["message"], ZH);
    assert_eq!(finding["detail"]["year"], 2023);
    assert_eq!(finding["detail"]["report_year"], 2023);
    assert_eq!(finding["detail"]["expected"], 2024);
}
