//! Paths that are not regular files: a link to `/dev/zero` claims a size of 0 and never
//! ends, a named pipe blocks whoever opens it. Every command that reads a user's file
//! refuses them with one line naming the file, in bounded time and memory, and an import
//! goes on with the good files beside them.
#![cfg(unix)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, code, json, stderr};

/// A hang guard, not a performance assertion: before the fix these runs never ended.
const LIMIT: Duration = Duration::from_secs(120);

const GOOD: &str = "青石镇2021年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次。\n二、存在的不足和原因\n学法不够。\n三、2022年工作安排\n继续推进。\n";

/// Runs the binary with the hang guard and no standard input.
fn run_guarded<I, S>(env: &TestEnv, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = env
        .cmd()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nianbao");
    let started = Instant::now();
    while child.try_wait().expect("poll nianbao").is_none() {
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nianbao did not finish in {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect output")
}

fn make_fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A folder with two good reports, a link to `/dev/zero` and a named pipe.
fn folder_with_special_files(env: &TestEnv) -> (PathBuf, PathBuf, PathBuf) {
    let dir = env.path("报告");
    env.write("报告/青石镇2021.txt", GOOD.as_bytes());
    env.write(
        "报告/白河镇2021.txt",
        GOOD.replace("青石镇", "白河镇").as_bytes(),
    );
    let zero = dir.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("link /dev/zero");
    let fifo = dir.join("pipe.txt");
    make_fifo(&fifo);
    (dir, zero, fifo)
}

#[test]
fn a_folder_with_a_device_link_and_a_pipe_imports_its_good_files() {
    let env = TestEnv::new();
    let (dir, zero, fifo) = folder_with_special_files(&env);
    let out = run_guarded(
        &env,
        [
            "--lang".as_ref(),
            "en".as_ref(),
            "import".as_ref(),
            "--json".as_ref(),
            dir.as_os_str(),
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let summary = json(&out);
    let mut imported: Vec<&str> = summary["imported"]
        .as_array()
        .expect("imported")
        .iter()
        .filter_map(|f| f["township"].as_str())
        .collect();
    imported.sort();
    assert_eq!(imported, ["白河镇", "青石镇"], "{summary}");
    let failed = summary["failed"].as_array().expect("failed");
    assert_eq!(failed.len(), 2, "{summary}");
    for (path, kind) in [(&zero, "character device"), (&fifo, "named pipe")] {
        let entry = failed
            .iter()
            .find(|f| f["file"].as_str() == Some(path.to_string_lossy().as_ref()))
            .unwrap_or_else(|| panic!("{} not named in {summary}", path.display()));
        let reason = entry["error"].as_str().unwrap_or_default();
        assert!(reason.contains(kind), "{reason}");
        assert!(!reason.contains('\n'), "{reason:?}");
    }
}

#[test]
fn the_same_folder_without_json_names_the_refused_files() {
    let env = TestEnv::new();
    let (dir, zero, fifo) = folder_with_special_files(&env);
    let out = run_guarded(
        &env,
        [
            "--lang".as_ref(),
            "en".as_ref(),
            "import".as_ref(),
            dir.as_os_str(),
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    for path in [&zero, &fifo] {
        let line = err
            .lines()
            .find(|l| l.contains(path.to_string_lossy().as_ref()))
            .unwrap_or_else(|| panic!("{} not named in {err}", path.display()));
        assert!(line.contains("not a regular file"), "{line}");
    }
}

/// `inspect`, `diff`, `figures --files` and `reuse` on files read the same way.
#[test]
fn every_command_reading_files_refuses_devices_and_pipes() {
    let env = TestEnv::new();
    let (_, zero, fifo) = folder_with_special_files(&env);
    let good = env.write("good.txt", GOOD.as_bytes());
    let (good, zero, fifo) = (good.as_os_str(), zero.as_os_str(), fifo.as_os_str());
    let commands: Vec<Vec<&OsStr>> = vec![
        vec!["inspect".as_ref(), zero],
        vec!["inspect".as_ref(), fifo],
        vec!["diff".as_ref(), good, zero],
        vec!["diff".as_ref(), fifo, good],
        vec!["figures".as_ref(), "--files".as_ref(), zero, fifo],
        vec!["reuse".as_ref(), good, zero, fifo],
    ];
    for mut args in commands {
        args.splice(0..0, ["--lang".as_ref(), "en".as_ref()]);
        let out = run_guarded(&env, &args);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(matches!(code(&out), 1 | 2), "{args:?}: exit {}", code(&out));
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
}

#[test]
fn a_folder_named_as_a_file_is_refused_by_inspect() {
    let env = TestEnv::new();
    let dir = env.path("folder.txt");
    std::fs::create_dir_all(&dir).expect("dir");
    let out = run_guarded(
        &env,
        [
            "--lang".as_ref(),
            "en".as_ref(),
            "inspect".as_ref(),
            dir.as_os_str(),
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("a folder"), "{}", stderr(&out));
}
