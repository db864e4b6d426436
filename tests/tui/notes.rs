//! `nianbao notes add|list|export`, run as a script would run them.

use crate::common::{TestEnv, code, json, stderr, stdout};

/// A store with last year's test report of 清水镇 (示例县).
fn env_with_report() -> TestEnv {
    let env = TestEnv::new();
    let file = env.write("清水镇2022.txt", crate::tui_support::OLD_TEXT.as_bytes());
    let out = env.run([
        "import".as_ref(),
        file.as_os_str(),
        "--township".as_ref(),
        "清水镇".as_ref(),
        "--county".as_ref(),
        "示例县".as_ref(),
        "--year".as_ref(),
        "2022".as_ref(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    env
}

fn add(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("USER", "审阅员甲")
        .args(["notes", "add", "清水镇", "2022"])
        .args(args)
        .output()
        .expect("run nianbao")
}

#[test]
fn a_note_is_stored_with_author_section_and_time() {
    let env = env_with_report();
    let out = add(&env, &["--text", "未分析不足的原因", "--section", "2"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed = json(&env.run(["notes", "list", "--json"]));
    let notes = listed.as_array().expect("array");
    assert_eq!(notes.len(), 1);
    let note = &notes[0];
    assert_eq!(note["township"], "清水镇");
    assert_eq!(note["county"], "示例县");
    assert_eq!(note["year"], 2022);
    assert_eq!(note["section"], "2");
    assert_eq!(note["excerpt"], "二、存在的不足和原因");
    assert_eq!(note["kind"], "note");
    assert_eq!(note["body"], "未分析不足的原因");
    assert_eq!(note["author"], "审阅员甲");
    let created = note["created_at"].as_str().expect("time");
    assert!(created.len() == 20 && created.ends_with('Z'), "{created}");
}

#[test]
fn bad_notes_are_refused_with_a_reason() {
    let env = env_with_report();
    let out = add(&env, &["--text", "x", "--section", "9.9", "--lang", "en"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("no section 9.9") && err.contains("1.1"),
        "{err}"
    );
    let out = add(&env, &["--text", "   ", "--lang", "en"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
    let out = env.run(["notes", "add", "清水镇", "1999", "--text", "x"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("2022"), "{}", stderr(&out));
    assert!(
        json(&env.run(["notes", "list", "--json"]))
            .as_array()
            .is_some_and(|a| a.is_empty())
    );
}

#[test]
fn markdown_export_reads_as_a_findings_report() {
    let env = env_with_report();
    assert_eq!(
        code(&add(
            &env,
            &[
                "--text",
                "宣传形式单一，连续两年未改进",
                "--section",
                "2",
                "--flag"
            ]
        )),
        0
    );
    assert_eq!(code(&add(&env, &["--text", "# 不是标题\n第二行"])), 0);
    let out = env.run(["notes", "export", "--format", "md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.starts_with("# 法治政府建设年度报告审阅意见\n"), "{md}");
    assert!(md.contains("## 示例县 清水镇 2022"), "{md}");
    assert!(md.contains("**存疑** 2 二、存在的不足和原因"), "{md}");
    assert!(md.contains("宣传形式单一，连续两年未改进"), "{md}");
    assert!(
        md.contains("\\# 不是标题 第二行"),
        "user text cannot open a heading: {md}"
    );
    assert!(md.contains("（审阅员甲 "), "{md}");
}

#[test]
fn csv_export_has_a_bom_and_never_overwrites_without_force() {
    let env = env_with_report();
    assert_eq!(
        code(&add(
            &env,
            &["--text", "=HYPERLINK(\"http://x\")", "--section", "1.1"]
        )),
        0
    );
    let path = env.path("意见.csv");
    let path_arg = path.to_str().expect("utf-8 path");
    let out = env.run(["notes", "export", "--format", "csv", "--output", path_arg]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bytes = std::fs::read(&path).expect("csv written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("乡镇,县区,年度,章节,类型,原文,意见,审阅人,时间")
    );
    let record = lines.next().expect("one record");
    assert!(
        record.starts_with("清水镇,示例县,2022,1.1,意见,（一）加强组织领导,"),
        "{record}"
    );
    assert!(
        record.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "formula defused: {record}"
    );

    std::fs::write(&path, "keep me").expect("overwrite by hand");
    let out = env.run(["notes", "export", "--format", "csv", "--output", path_arg]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me");
    let out = env.run([
        "notes", "export", "--format", "csv", "--output", path_arg, "--force",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        std::fs::read(&path)
            .expect("read")
            .starts_with(b"\xEF\xBB\xBF")
    );
}

#[test]
fn english_exports_use_english_headings() {
    let env = env_with_report();
    assert_eq!(code(&add(&env, &["--text", "note"])), 0);
    let out = env.run(["--lang", "en", "notes", "export", "--format", "csv"]);
    let text = stdout(&out);
    assert!(
        text.trim_start_matches('\u{FEFF}')
            .starts_with("township,county,year,section,kind,text,note,reviewer,time"),
        "{text}"
    );
    let out = env.run(["notes", "export", "--format", "md", "--lang", "en"]);
    assert!(stdout(&out).contains("whole report"), "{}", stdout(&out));
}

#[test]
fn an_empty_store_exports_a_report_saying_so() {
    let env = TestEnv::new();
    let out = env.run(["notes", "export", "--format", "md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("暂无审阅意见"));
    let out = env.run(["notes", "list"]);
    assert!(stdout(&out).contains("暂无审阅意见"));
}

#[test]
fn the_review_interface_needs_a_terminal() {
    let env = TestEnv::new();
    let out = env.run(Vec::<&str>::new());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("终端"), "{}", stderr(&out));
    let out = env.run(["--theme", "dark", "--lang", "en"]);
    assert!(stderr(&out).contains("terminal"), "{}", stderr(&out));
}

#[test]
fn a_note_is_edited_and_deleted_by_id_and_an_unknown_id_is_refused() {
    let env = env_with_report();
    let out = add(&env, &["--text", "未分析原因", "--section", "2", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let id = json(&out)["id"].as_i64().expect("id").to_string();

    let out = env.run(["notes", "edit", &id, "--text", "未分析不足的原因"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed = json(&env.run(["notes", "list", "--json"]));
    assert_eq!(listed[0]["body"], "未分析不足的原因", "{listed}");

    let out = env.run(["notes", "edit", "999", "--text", "x"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("没有编号为 999 的审阅意见"),
        "{}",
        stderr(&out)
    );
    let out = env.run(["--lang", "en", "notes", "delete", "999"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no note with id 999"),
        "{}",
        stderr(&out)
    );
    let out = env.run(["notes", "edit", &id, "--text", "  "]);
    assert_eq!(code(&out), 2, "an empty text is refused");

    let out = env.run(["notes", "delete", &id]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("已删除 #{id}")),
        "{}",
        stdout(&out)
    );
    let listed = json(&env.run(["notes", "list", "--json"]));
    assert_eq!(listed.as_array().map(Vec::len), Some(0), "{listed}");
}
