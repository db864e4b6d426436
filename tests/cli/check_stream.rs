//! `check` over a whole store prints each report's findings as it checks it. Shown
//! without timing: the reader takes the first line and then stops reading, so a
//! streaming `check` soon blocks on the full pipe, far before the last report; the last
//! report is then replaced, and the findings `check` prints for it must be those of the
//! new text. A `check` that analysed every report before printing would print the old
//! ones.

use std::io::Read;
use std::os::fd::AsRawFd;
use std::process::Stdio;

use crate::common::{TestEnv, code, json, stderr, synthetic_store};
use serde_json::Value;

/// Smallest pipe Linux allows: one page.
const PIPE_BYTES: libc::c_int = 4096;

/// The key `check` orders reports by: county, township, year.
fn key(entry: &Value) -> (String, String, i64) {
    (
        entry["county"].as_str().unwrap_or("").to_string(),
        entry["township"].as_str().unwrap_or("").to_string(),
        entry["year"].as_i64().unwrap_or(0),
    )
}

fn check_one(env: &TestEnv, (county, township, year): &(String, String, i64)) -> Value {
    let out = env.run([
        "check",
        township,
        "--county",
        county,
        "--year",
        &year.to_string(),
        "--json",
    ]);
    assert!(code(&out) <= 1, "check: {}", stderr(&out));
    json(&out)[0]["lint"].clone()
}

/// The first line `stdout` gives, read byte by byte so nothing more is taken from the
/// pipe.
fn first_line(stdout: &mut impl Read) -> Vec<u8> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while line.last() != Some(&b'\n') && stdout.read(&mut byte).expect("read") == 1 {
        line.push(byte[0]);
    }
    line
}

#[test]
fn check_prints_each_report_as_it_checks_it() {
    let env = synthetic_store();
    let whole = env.run(["check", "--json"]);
    let all = json(&whole);
    let entries = all.as_array().expect("an array");
    let last = entries.last().map(key).expect("reports checked");
    assert_eq!(
        entries.iter().map(key).max(),
        Some(last.clone()),
        "check goes in key order"
    );
    // Far more output comes before the last report than the pipe and the reader's
    // first line can hold, so a streaming check cannot reach it before reading resumes.
    let before_last = serde_json::to_string_pretty(&entries[..entries.len() - 1]).expect("json");
    assert!(
        before_last.len() > 4 * PIPE_BYTES as usize,
        "too little output"
    );
    let old_lint = check_one(&env, &last);
    // The replacement: the same report with an unfilled placeholder left in it.
    let shown = env.run([
        "show",
        &last.1,
        &last.2.to_string(),
        "--county",
        &last.0,
        "--json",
    ]);
    assert_eq!(code(&shown), 0, "show: {}", stderr(&shown));
    let text = json(&shown)["text"].as_str().expect("text").to_string()
        + "\n全年共办理行政复议案件XX件。\n";
    let replacement = env.write("replacement.txt", text.as_bytes());

    let mut child = env
        .cmd()
        .args(["check", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start check");
    let mut stdout = child.stdout.take().expect("stdout");
    // SAFETY: F_SETPIPE_SZ on a pipe this process owns; the result is checked.
    let set = unsafe { libc::fcntl(stdout.as_raw_fd(), libc::F_SETPIPE_SZ, PIPE_BYTES) };
    assert!(set >= 0, "cannot shrink the pipe");
    let mut first = first_line(&mut stdout);
    assert_eq!(first, b"[\n", "the array opens at once");

    let year = last.2.to_string();
    let replaced = env.run(
        [
            "import",
            "--replace",
            "--township",
            &last.1,
            "--county",
            &last.0,
            "--year",
            &year,
        ]
        .iter()
        .map(std::ffi::OsStr::new)
        .chain([replacement.as_os_str()]),
    );
    assert_eq!(code(&replaced), 0, "replace: {}", stderr(&replaced));
    let new_lint = check_one(&env, &last);
    assert_ne!(new_lint, old_lint, "the replacement changes the findings");

    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).expect("read the rest");
    let status = child.wait().expect("check ends");
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "check failed: {status}"
    );
    first.extend(rest);
    let streamed: Value = serde_json::from_slice(&first).expect("streamed output is JSON");
    let streamed_last = streamed.as_array().and_then(|a| a.last()).expect("entries");
    assert_eq!(key(streamed_last), last);
    assert_eq!(
        streamed_last["lint"], new_lint,
        "the last report was read after the first line was out"
    );
}
