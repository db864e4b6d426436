//! Whatever the townships send: each hostile input either imports cleanly or fails with
//! one line naming the file, the documented exit code, in bounded time, without a panic,
//! and the store keeps passing `integrity_check` with everything imported before.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, code, json, stderr};

/// A hang guard, not a performance assertion: anything slower is a bug.
const LIMIT: Duration = Duration::from_secs(120);

const GOOD: &str = "青石镇2021年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次。\n二、存在的不足和原因\n学法不够。\n三、2022年工作安排\n继续推进。\n";

/// Runs `nianbao import --json FILE` with the hang guard.
fn import(env: &TestEnv, file: &Path, extra: &[&str]) -> Output {
    // Reasons are checked in English, whatever the environment's language.
    let mut child = env
        .cmd()
        .args(["--lang", "en", "import", "--json"])
        .args(extra)
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start import");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("poll import").is_some() {
            return child.wait_with_output().expect("collect output");
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("import of {} did not finish in {LIMIT:?}", file.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A store that already holds one good report, which must survive everything.
fn env_with_good_report() -> TestEnv {
    let env = TestEnv::new();
    let good = env.write("good.txt", GOOD.as_bytes());
    let out = import(&env, &good, &["--township", "青石镇", "--year", "2021"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    env
}

fn assert_store_intact(env: &TestEnv) {
    let conn = rusqlite::Connection::open(env.store()).expect("open store");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    let shown = env.run(["show", "青石镇", "2021", "--json"]);
    assert_eq!(json(&shown)["text"].as_str(), Some(GOOD));
}

/// The file fails with exit 1, one JSON failure naming it, no panic, store intact.
fn assert_refused(env: &TestEnv, file: &Path, extra: &[&str]) -> String {
    let out = import(env, file, extra);
    let err = stderr(&out);
    assert!(
        !err.contains("panicked"),
        "panic on {}: {err}",
        file.display()
    );
    assert_eq!(code(&out), 1, "{}: {err}", file.display());
    let failed = &json(&out)["failed"];
    assert_eq!(failed.as_array().map(Vec::len), Some(1), "{failed}");
    assert_eq!(
        failed[0]["file"].as_str(),
        Some(file.to_string_lossy().as_ref())
    );
    let reason = failed[0]["error"].as_str().unwrap_or_default().to_string();
    assert!(!reason.is_empty() && !reason.contains('\n'), "{reason:?}");
    assert_store_intact(env);
    reason
}

/// The file either imports or is refused cleanly; never a panic or exit 2.
fn assert_handled(env: &TestEnv, file: &Path, extra: &[&str]) {
    let out = import(env, file, extra);
    let err = stderr(&out);
    assert!(
        !err.contains("panicked"),
        "panic on {}: {err}",
        file.display()
    );
    assert!(
        matches!(code(&out), 0 | 1),
        "{}: exit {} {err}",
        file.display(),
        code(&out)
    );
    let summary = json(&out);
    let total: usize = ["imported", "unchanged", "replaced", "failed"]
        .iter()
        .map(|k| summary[*k].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(total, 1, "{summary}");
    assert_store_intact(env);
}

fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in entries {
        zip.start_file(*name, options).expect("start entry");
        zip.write_all(data).expect("write entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[test]
fn empty_file_is_refused() {
    let env = env_with_good_report();
    let file = env.write("empty.txt", b"");
    let reason = assert_refused(&env, &file, &["--township", "甲镇", "--year", "2021"]);
    assert!(reason.contains("empty"), "{reason}");
}

#[test]
fn binaries_named_txt_are_refused() {
    let env = env_with_good_report();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7 % 251) as u8));
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    elf.extend((0..4000u32).map(|i| (i * 13 % 256) as u8));
    for (name, bytes) in [("image.txt", png), ("program.txt", elf)] {
        let file = env.write(name, &bytes);
        assert_refused(&env, &file, &["--township", "甲镇", "--year", "2021"]);
    }
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let env = env_with_good_report();
    let path = env.path("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(200 * 1024 * 1024).expect("sparse 200 MB");
    let reason = assert_refused(&env, &path, &["--township", "甲镇", "--year", "2021"]);
    assert!(reason.contains("large"), "{reason}");
}

#[test]
fn one_line_of_a_million_characters() {
    let env = env_with_good_report();
    let line: String = "法治政府建设".chars().cycle().take(1_000_000).collect();
    let file = env.write("long-line.txt", line.as_bytes());
    assert_handled(&env, &file, &["--township", "甲镇", "--year", "2021"]);
}

#[test]
fn ten_thousand_headings() {
    let env = env_with_good_report();
    let mut text = String::from("甲镇2021年法治政府建设年度报告\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "{}、标题{i}\n（一）小标题。正文{i}。\n",
            ["一", "二", "三"][i % 3]
        ));
    }
    let file = env.write("headings.txt", text.as_bytes());
    assert_handled(&env, &file, &["--township", "甲镇", "--year", "2021"]);
    let inspect = env.run(["inspect".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert_eq!(code(&inspect), 0, "{}", stderr(&inspect));
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    let env = env_with_good_report();
    let mut with_nul = GOOD.replace("青石镇", "乙镇").into_bytes();
    with_nul.splice(20..20, [0u8, 0, 0]);
    let file = env.write("nul.txt", &with_nul);
    assert_handled(&env, &file, &["--township", "乙镇", "--year", "2021"]);

    let mut invalid = GOOD.replace("青石镇", "丙镇").into_bytes();
    invalid.splice(30..30, [0xFF, 0xFE, 0xC3]);
    let file = env.write("invalid-utf8.txt", &invalid);
    assert_handled(&env, &file, &["--township", "丙镇", "--year", "2021"]);

    let mut mixed = GOOD.replace("青石镇", "丁镇").into_bytes();
    let (gbk, _, _) = encoding_rs::GBK.encode("这一段是国标码编写的文字。\n");
    mixed.extend_from_slice(&gbk);
    let file = env.write("mixed.txt", &mixed);
    assert_handled(&env, &file, &["--township", "丁镇", "--year", "2021"]);
}

#[test]
fn truncated_docx_is_refused() {
    let env = env_with_good_report();
    let document = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>{GOOD}</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip_bytes(&[("word/document.xml", document.as_bytes())]);
    let file = env.write("truncated.docx", &bytes[..bytes.len() / 2]);
    assert_refused(&env, &file, &["--township", "甲镇", "--year", "2021"]);
}

#[test]
fn docx_zip_bomb_is_refused() {
    let env = env_with_good_report();
    let mut document =
        format!(r#"<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>"#).into_bytes();
    document.resize(document.len() + 300 * 1024 * 1024, b'a');
    document.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let bytes = zip_bytes(&[("word/document.xml", &document)]);
    drop(document);
    let file = env.write("bomb.docx", &bytes);
    assert_refused(&env, &file, &["--township", "甲镇", "--year", "2021"]);
}

#[test]
fn xml_entity_bomb_is_not_expanded() {
    let env = env_with_good_report();
    let mut doctype = String::from(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lollollollollollollollollollol">"#,
    );
    for i in 1..10 {
        let prev = format!("&lol{};", i - 1).repeat(10);
        doctype.push_str(&format!(r#"<!ENTITY lol{i} "{prev}">"#));
    }
    doctype.push_str("]>");
    let document = format!(
        r#"{doctype}<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip_bytes(&[("word/document.xml", document.as_bytes())]);
    let file = env.write("laughs.docx", &bytes);
    assert_handled(&env, &file, &["--township", "甲镇", "--year", "2021"]);
    let store = nianbao::store::Store::open(&env.store()).expect("open");
    let longest = store
        .report_keys()
        .expect("keys")
        .iter()
        .filter_map(|(_, key)| store.report(key).expect("report"))
        .map(|report| report.text.chars().count())
        .max()
        .unwrap_or(0);
    assert!(
        longest < 1_000_000,
        "entities were expanded: {longest} characters"
    );
}

#[test]
fn html_that_is_all_script_is_refused() {
    let env = env_with_good_report();
    let page = "<html><head><script>var a = '一、主要举措';</script><style>p{}</style></head><body><script>document.write('x')</script></body></html>";
    let file = env.write("script.html", page.as_bytes());
    assert_refused(&env, &file, &["--township", "甲镇", "--year", "2021"]);
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_unreadable_file() {
    let env = env_with_good_report();
    let a = env.path("loop-a.txt");
    let b = env.path("loop-b.txt");
    std::os::unix::fs::symlink(&b, &a).expect("link a");
    std::os::unix::fs::symlink(&a, &b).expect("link b");
    assert_refused(&env, &a, &["--township", "甲镇", "--year", "2021"]);

    // A folder that links to itself must not trap the walk either.
    let dir = env.path("looped");
    std::fs::create_dir_all(&dir).expect("dir");
    std::os::unix::fs::symlink(&dir, dir.join("self")).expect("self link");
    std::fs::write(dir.join("戊镇.txt"), GOOD.replace("青石镇", "戊镇")).expect("write");
    let out = import(&env, &dir, &["--township", "戊镇", "--year", "2021"]);
    assert!(matches!(code(&out), 0 | 1), "{}", stderr(&out));

    use std::os::unix::fs::PermissionsExt;
    let locked = env.write("locked.txt", GOOD.as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        eprintln!("notice: running as a user who can read mode-000 files; unreadable case skipped");
    } else {
        assert_refused(&env, &locked, &["--township", "甲镇", "--year", "2021"]);
    }
}

#[test]
fn path_with_spaces_and_chinese_characters() {
    let env = env_with_good_report();
    let file: PathBuf = env.write(
        "报 告 目录/己镇 2021 年度 报告.txt",
        GOOD.replace("青石镇", "己镇").as_bytes(),
    );
    let out = import(&env, &file, &["--township", "己镇", "--year", "2021"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["imported"][0]["township"], "己镇");
    assert_store_intact(&env);
}

/// A Word document whose paragraphs use the list `一、` at the given `ilvl` values,
/// plus a level definition at `ilvl="-1"` that must not replace level 0.
fn numbered_docx(levels: &[(&str, &str)]) -> Vec<u8> {
    let paragraphs: String = levels
        .iter()
        .map(|(level, text)| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        })
        .collect();
    let document = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>庚镇2021年法治政府建设年度报告</w:t></w:r></w:p>{paragraphs}</w:body></w:document>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0"?><w:numbering xmlns:w="{WORD_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="-1"><w:start w:val="7"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    zip_bytes(&[
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
    ])
}

#[test]
fn word_list_levels_out_of_range_do_not_shift_the_numbering() {
    let env = TestEnv::new();
    let bytes = numbered_docx(&[
        ("0", "主要举措和成效"),
        ("-1", "负数层级的段落。"),
        ("0", "存在的不足和原因"),
        ("300", "过大层级的段落。"),
        ("9", "第十层的段落。"),
        ("0", "下一年度工作安排"),
    ]);
    let file = env.write("庚镇.docx", &bytes);
    let out = env.run(["inspect".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    let headings: Vec<String> = report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter(|s| s["level"] == 1)
        .map(|s| {
            format!(
                "{}{}",
                s["marker"].as_str().unwrap_or(""),
                s["title"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        headings,
        [
            "一、主要举措和成效",
            "二、存在的不足和原因",
            "三、下一年度工作安排"
        ],
        "{report}"
    );
}

#[test]
fn numeric_html_entities_out_of_range_become_replacement_characters() {
    let env = TestEnv::new();
    let page = "<html><body><h1>辛镇2021年法治政府建设年度报告</h1>\
        <p>一、主要举措和成效</p>\
        <p>甲&#99999999999;乙&#x110000;丙&#xD800;丁&#1234567890123456789012345678901234567890;戊&#12290;</p>\
        </body></html>";
    let file = env.write("辛镇.html", page.as_bytes());
    let out = import(&env, &file, &["--township", "辛镇", "--year", "2021"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let shown = env.run(["show", "辛镇", "2021", "--json"]);
    let text = json(&shown)["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        text.contains("甲\u{FFFD}乙\u{FFFD}丙\u{FFFD}丁\u{FFFD}戊。"),
        "{text:?}"
    );
}
