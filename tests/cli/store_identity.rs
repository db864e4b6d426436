//! The store file is nianbao's own: another program's SQLite database is refused and
//! left byte for byte as it was, a damaged version number is a one-line error, and
//! several processes opening a new store at the same instant all succeed.

use std::path::Path;
use std::process::{Child, Stdio};

use crate::common::{TestEnv, code, stderr, stdout};

const GOOD: &str = "青石镇2021年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次。\n二、存在的不足和原因\n学法不够。\n三、2022年工作安排\n继续推进。\n";

/// The store's identity, as `PRAGMA application_id` and `user_version`.
fn identity(path: &Path) -> (i32, i64) {
    let conn = rusqlite::Connection::open(path).expect("open store");
    let id = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("application_id");
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    (id, version)
}

/// Runs `import GOOD` against the store, expecting a one-line refusal with exit 2.
fn assert_refused(env: &TestEnv) -> String {
    let good = env.write("good.txt", GOOD.as_bytes());
    let out = env.run(["import".as_ref(), good.as_os_str()]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn another_programs_database_is_refused_and_left_unchanged() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.store().parent().expect("store folder")).expect("mkdir");
    let conn = rusqlite::Connection::open(env.store()).expect("create database");
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三');")
        .expect("fill database");
    drop(conn);
    let before = std::fs::read(env.store()).expect("read database");

    let err = assert_refused(&env);
    assert!(err.contains("不是 nianbao 库"), "{err}");
    assert_eq!(std::fs::read(env.store()).expect("read database"), before);
    let wal = env.store().with_extension("db-wal");
    assert!(!wal.exists(), "a write-ahead log was started");
}

#[test]
fn a_negative_schema_version_is_a_one_line_error() {
    for application_id in [0, 0x4E42_616F] {
        let env = TestEnv::new();
        std::fs::create_dir_all(env.store().parent().expect("store folder")).expect("mkdir");
        let conn = rusqlite::Connection::open(env.store()).expect("create database");
        conn.execute_batch(&format!(
            "PRAGMA application_id = {application_id}; PRAGMA user_version = -3;
             CREATE TABLE reports (id INTEGER PRIMARY KEY);"
        ))
        .expect("damage the version");
        drop(conn);
        assert_refused(&env);
        let listed = env.run(["list"]);
        assert_eq!(code(&listed), 2, "{}", stderr(&listed));
    }
}

#[test]
fn a_store_is_marked_as_nianbaos_and_an_unmarked_one_is_adopted() {
    let env = TestEnv::new();
    let good = env.write("good.txt", GOOD.as_bytes());
    let out = env.run(["import".as_ref(), good.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let (id, version) = identity(&env.store());
    assert_eq!(id, 0x4E42_616F);

    // A store written before stores were marked: the schema says it is ours.
    let conn = rusqlite::Connection::open(env.store()).expect("open store");
    conn.execute_batch("PRAGMA application_id = 0;")
        .expect("unmark");
    drop(conn);
    let listed = env.run(["list"]);
    assert_eq!(code(&listed), 0, "{}", stderr(&listed));
    assert!(stdout(&listed).contains("青石镇"), "{}", stdout(&listed));
    assert_eq!(identity(&env.store()), (0x4E42_616F, version));
}

#[test]
fn a_file_that_is_not_a_database_is_named_once_in_the_interface_language() {
    let env = TestEnv::new();
    env.write("store/nianbao.db", "这不是数据库。".repeat(200).as_bytes());
    let english = env.run(["--lang", "en", "list"]);
    let err = stderr(&english);
    assert_eq!(code(&english), 2, "{err}");
    assert_eq!(err.matches("not a database").count(), 1, "{err}");
    assert!(!err.contains("Error code"), "{err}");
    let chinese = env.run(["--lang", "zh", "list"]);
    let err = stderr(&chinese);
    assert_eq!(code(&chinese), 2, "{err}");
    assert!(err.contains("不是数据库文件"), "{err}");
    assert!(!err.contains("not a database"), "{err}");
}

fn importer(env: &TestEnv, file: &Path) -> Child {
    env.cmd()
        .arg("import")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start import")
}

/// Several importers started together on a store that does not exist yet: each waits
/// for whichever creates the schema, and every report arrives.
#[test]
fn importers_started_together_on_a_new_store_all_succeed() {
    const PROCESSES: usize = 6;
    const ROUNDS: usize = 8;
    let towns = ["甲山镇", "乙水乡", "丙岭镇", "丁湾乡", "戊坪镇", "己溪乡"];
    for round in 0..ROUNDS {
        let env = TestEnv::new();
        let files: Vec<_> = towns
            .iter()
            .take(PROCESSES)
            .map(|t| env.write(&format!("{t}.txt"), GOOD.replace("青石镇", t).as_bytes()))
            .collect();
        let children: Vec<Child> = files.iter().map(|f| importer(&env, f)).collect();
        for child in children {
            let out = child.wait_with_output().expect("wait for import");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "round {round}: {err}");
        }
        let listed = stdout(&env.run(["list"]));
        for town in towns.iter().take(PROCESSES) {
            assert!(
                listed.contains(town),
                "round {round}: {town} missing: {listed}"
            );
        }
    }
}

/// A store missing one of its tables (damaged by hand): the failing command says so on
/// one line, naming the store once, and prints none of the SQL it ran.
#[test]
fn a_damaged_store_is_one_line_without_its_sql() {
    let env = TestEnv::new();
    let seed = env.write("seed.txt", GOOD.as_bytes());
    let out = env.run(["import".as_ref(), seed.as_os_str()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let conn = rusqlite::Connection::open(env.store()).expect("open store");
    conn.execute_batch("DROP TABLE notes")
        .expect("drop a table");
    drop(conn);
    for lang in ["zh", "en"] {
        let out = env.run(["--lang", lang, "notes", "list"]);
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        let store = env.store().display().to_string();
        assert_eq!(err.matches(store.as_str()).count(), 1, "{err}");
        let words = err.replace(store.as_str(), "").to_uppercase();
        for sql in ["SELECT", "CREATE", "FROM", "WHERE"] {
            assert!(!words.contains(sql), "{err}");
        }
    }
}
