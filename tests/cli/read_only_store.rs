//! A store in a folder the user cannot write (a colleague's shared store, a read-only
//! disk) is still read: every reading command works and says once that writes are off,
//! and writing commands fail with one line saying why (see `common::unwritable` for how
//! the reader is made).

use std::process::Output;

use crate::common::unwritable::{lock_store_folder, reader_prefix};
use crate::common::{TestEnv, code, stderr, stdout};

const TOWN: &str = "甲山镇";

fn report(year: i32, count: i32) -> String {
    format!(
        "{TOWN}{year}年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传{count}次，培训干部{count}人次。\n二、存在的不足和原因\n学法不够深入。\n三、{}年工作安排\n继续推进依法行政。\n",
        year + 1
    )
}

/// Runs the binary as a user who cannot write the store's folder, or `None` when there
/// is no way to be one.
fn as_reader(env: &TestEnv, args: &[&str]) -> Option<Output> {
    let binary = env!("CARGO_BIN_EXE_nianbao");
    let prefix = reader_prefix()?;
    let mut cmd = match prefix.split_first() {
        Some((program, rest)) => {
            let mut cmd = env.wrapped(program);
            cmd.args(rest).arg(binary);
            cmd
        }
        None => env.wrapped(binary),
    };
    Some(cmd.args(args).output().expect("run nianbao"))
}

fn notices(err: &str) -> usize {
    err.lines().filter(|l| l.contains("只读方式打开")).count()
}

#[test]
fn a_store_in_an_unwritable_folder_is_read_and_refuses_writes() {
    let env = TestEnv::new();
    for (year, count) in [(2021, 12), (2022, 15)] {
        let file = env.write(&format!("{year}.txt"), report(year, count).as_bytes());
        let out = env.run(["import".as_ref(), file.as_os_str()]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let folder = env.store().parent().expect("store folder").to_path_buf();
    let files_before = std::fs::read_dir(&folder).expect("folder").count();
    lock_store_folder(&env);
    let before = std::fs::read(env.store()).expect("store");
    let reads: [&[&str]; 7] = [
        &["list"],
        &["show", TOWN, "2022"],
        &["diff", TOWN],
        &["figures", TOWN],
        &["search", "法治宣传"],
        &["notes", "list"],
        &["check"],
    ];
    for args in reads {
        let Some(out) = as_reader(&env, args) else {
            return;
        };
        let err = stderr(&out);
        assert!(
            code(&out) == 0 || args == ["check"] && code(&out) == 1,
            "{args:?}: {err}"
        );
        assert_eq!(notices(&err), 1, "{args:?}: {err}");
        assert!(!stdout(&out).is_empty(), "{args:?}: nothing printed");
    }
    let listed = as_reader(&env, &["list"])
        .map(|o| stdout(&o))
        .unwrap_or_default();
    assert!(listed.contains(TOWN), "{listed}");

    let Some(note) = as_reader(&env, &["notes", "add", TOWN, "2022", "--text", "意见"]) else {
        return;
    };
    let err = stderr(&note);
    assert_eq!(code(&note), 2, "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("只读"), "{err}");

    let Some(reindex) = as_reader(&env, &["search", "--reindex"]) else {
        return;
    };
    let err = stderr(&reindex);
    assert_eq!(code(&reindex), 2, "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("只读"), "{err}");

    assert_eq!(
        std::fs::read(env.store()).expect("store"),
        before,
        "store changed"
    );
    let files = std::fs::read_dir(folder).expect("folder").count();
    assert_eq!(files, files_before, "nothing made beside the store");
}
