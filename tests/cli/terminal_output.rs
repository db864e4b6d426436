//! No byte from a report, a file name or a metadata field reaches a terminal raw: a
//! store whose every field carries escape sequences, C1 controls and bidi overrides (a
//! shared store, or one written by another tool) prints none of them in any command,
//! a line break in a file name is shown escaped, and `--json` keeps the exact strings.
#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::common::{TestEnv, code, json, stderr, stdout};

const GOOD: &str = "青石镇2021年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次。\n二、存在的不足和原因\n学法不够。\n三、2022年工作安排\n继续推进。\n";

/// An OSC 52 clipboard write, a screen clear, an 8-bit CSI, a bidi override and isolate.
const HOSTILE: &str = "甲\u{1b}]52;c;aGk=\u{7}乙\u{1b}[2J丙\u{9b}31m丁\u{202E}戊\u{2066}己";

/// The report looked up by name; its township and county stay as imported.
const TOWNSHIP: &str = "青石镇";

/// What must never be printed: ESC, any C0 control other than newline and tab, C1
/// controls, bidi embeddings, overrides and isolates.
fn assert_clean(what: &str, text: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert!(bad.is_none(), "{what} printed {bad:?}: {text:?}");
}

/// A store whose every metadata field, source path and note is hostile: one report
/// keeps its identity to be looked up by, another has a hostile township and county.
fn hostile_store() -> TestEnv {
    let env = TestEnv::new();
    let good = env.write("good.txt", GOOD.as_bytes());
    let other = env.write("other.txt", GOOD.replace("青石镇", "白沙镇").as_bytes());
    let out = env.run(["import".as_ref(), good.as_os_str(), other.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let conn = rusqlite::Connection::open(env.store()).expect("open store");
    conn.execute(
        "UPDATE reports SET province = ?1, title = ?1, signed_by = ?1, source_path = ?1,
           format = ?1, encoding = ?1",
        [HOSTILE],
    )
    .expect("make the metadata hostile");
    // The text as an older store keeps it (uncompressed), so SQL can append to it.
    for (township, text) in [
        ("青石镇", GOOD.to_string()),
        ("白沙镇", GOOD.replace("青石镇", "白沙镇")),
    ] {
        conn.execute(
            "UPDATE reports SET text = ?1 || ?2, text_zstd = NULL WHERE township = ?3",
            [text.as_str(), HOSTILE, township],
        )
        .expect("make the text hostile");
    }
    conn.execute(
        "UPDATE reports SET township = ?1, county = ?1 WHERE township = '白沙镇'",
        [HOSTILE],
    )
    .expect("make a township hostile");
    drop(conn);
    let added = env.run([
        "notes", "add", TOWNSHIP, "2021", "--author", HOSTILE, "--text", HOSTILE,
    ]);
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    env
}

#[test]
fn every_command_prints_a_hostile_store_clean() {
    let env = hostile_store();
    let commands: &[&[&str]] = &[
        &["list"],
        &["show", TOWNSHIP, "2021"],
        &["check"],
        &["notes", "list"],
        &["reuse", TOWNSHIP, "2021"],
        &["figures", TOWNSHIP],
    ];
    for args in commands {
        let out = env.run(*args);
        assert!(matches!(code(&out), 0 | 1), "{args:?}: {}", stderr(&out));
        assert_clean(&format!("{args:?} stdout"), &stdout(&out));
        assert_clean(&format!("{args:?} stderr"), &stderr(&out));
    }
    let shown = env.run(["show", TOWNSHIP, "2021"]);
    assert!(
        stdout(&shown).contains("甲乙丙丁戊己"),
        "{}",
        stdout(&shown)
    );
    let listed = env.run(["list"]);
    assert!(
        stdout(&listed).contains("甲乙丙丁戊己\t甲乙丙丁戊己"),
        "{}",
        stdout(&listed)
    );
}

#[test]
fn json_keeps_the_exact_strings() {
    let env = hostile_store();
    let shown = json(&env.run(["show", TOWNSHIP, "2021", "--json"]));
    assert_eq!(shown["title"].as_str(), Some(HOSTILE));
    assert_eq!(shown["source"]["path"].as_str(), Some(HOSTILE));
}

#[test]
fn a_hostile_file_name_is_one_clean_line_in_import_and_inspect() {
    let env = TestEnv::new();
    let name = OsStr::from_bytes("a\u{1b}]0;title\u{7}\nb\u{202E}c.txt".as_bytes());
    let file = env.dir.path().join(name);
    std::fs::write(&file, GOOD.replace("青石镇", HOSTILE)).expect("write report");

    let imported = env.run([
        "import".as_ref(),
        "--township".as_ref(),
        "青石镇".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code(&imported), 0, "{}", stderr(&imported));
    let lines = stdout(&imported);
    assert_clean("import", &lines);
    assert_eq!(
        lines.lines().count(),
        2,
        "one line per file, then totals: {lines}"
    );
    assert!(lines.contains("a\\nbc.txt"), "{lines}");

    let inspected = env.run(["inspect".as_ref(), file.as_os_str()]);
    assert_clean("inspect", &stdout(&inspected));
    assert!(stdout(&inspected).starts_with(&format!("{}", env.dir.path().display())));

    let missing = env.dir.path().join(OsStr::from_bytes(b"x\x1b[2J\x9b.txt"));
    let failed = env.run(["inspect".as_ref(), missing.as_os_str()]);
    assert_clean("inspect failure", &stderr(&failed));
    let failed = env.run(["import".as_ref(), missing.as_os_str()]);
    assert_clean("import failure", &stderr(&failed));
}

/// Every subcommand writing to a full disk: one line naming the failure, exit 2.
#[test]
#[cfg(target_os = "linux")]
fn a_full_stdout_is_a_one_line_error_for_every_command() {
    let env = TestEnv::new();
    let good = env.write("good.txt", GOOD.as_bytes());
    let older = env.write("older.txt", GOOD.replace("2021", "2020").as_bytes());
    let out = env.run(["import".as_ref(), good.as_os_str(), older.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let added = env.run(["notes", "add", TOWNSHIP, "2021", "--text", "待核实"]);
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    let good = good.to_string_lossy();
    let older = older.to_string_lossy();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["show", TOWNSHIP, "2021"],
        &["show", TOWNSHIP, "2021", "--json"],
        &["check"],
        &["check", "--json"],
        &["notes", "list"],
        &["notes", "list", "--json"],
        &["notes", "add", TOWNSHIP, "2021", "--text", "再看"],
        &["notes", "export", "--format", "md"],
        &["reuse", TOWNSHIP, "2021"],
        &["reuse", "--top"],
        &["figures", TOWNSHIP],
        &["diff", TOWNSHIP],
        &["inspect", &good],
        &["inspect", &good, "--json"],
        &["import", &good, &older],
        &["import", &good, "--json"],
    ];
    for args in commands {
        let full = std::fs::File::create("/dev/full").expect("open /dev/full");
        let out = env.cmd().args(*args).stdout(full).output().expect("run");
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
