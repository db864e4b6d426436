//! `search --json` writes each report as soon as it is found. Shown without timing, as
//! for `check`: the reader takes the first line and then stops reading, so a streaming
//! search soon blocks on the full pipe, far before the last report; the last report is
//! then replaced by a text without the term, and the search, listing it only now,
//! neither lists nor counts it. A search that found every report before writing would
//! list the old text.

use std::io::Read;
use std::os::fd::AsRawFd;
use std::process::Stdio;

use crate::common::{code, json, stderr, synthetic_store};
use serde_json::Value;

/// Smallest pipe Linux allows: one page.
const PIPE_BYTES: libc::c_int = 4096;

const TERM: &str = "调解";

/// A report's identity as listed: township, county, year.
fn identity(report: &Value) -> (String, String, String) {
    let field = |name: &str| report[name].as_str().unwrap_or("").to_string();
    (
        field("township"),
        field("county"),
        report["year"].to_string(),
    )
}

#[test]
fn search_json_writes_each_report_as_it_finds_it() {
    let env = synthetic_store();

    let args = ["search", TERM, "--json", "--limit", "1000"];
    let whole = json(&env.run(args));
    let reports = whole["reports"].as_array().expect("reports").clone();
    assert_eq!(
        whole["total"].as_u64(),
        Some(reports.len() as u64),
        "all listed"
    );
    let before_last = serde_json::to_string_pretty(&reports[..reports.len() - 1]).expect("json");
    assert!(
        before_last.len() > 8 * PIPE_BYTES as usize,
        "too little output"
    );
    let (township, county, year) = identity(reports.last().expect("a report"));
    let shown = env.run(["show", &township, &year, "--county", &county, "--json"]);
    assert_eq!(code(&shown), 0, "show: {}", stderr(&shown));
    let text = json(&shown)["text"]
        .as_str()
        .expect("text")
        .replace(TERM, "协商");
    let replacement = env.write("replacement.txt", text.as_bytes());

    let mut child = env
        .cmd()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start search");
    let mut stdout = child.stdout.take().expect("stdout");
    // SAFETY: F_SETPIPE_SZ on a pipe this process owns; the result is checked.
    let set = unsafe { libc::fcntl(stdout.as_raw_fd(), libc::F_SETPIPE_SZ, PIPE_BYTES) };
    assert!(set >= 0, "cannot shrink the pipe");
    let mut first = [0u8; 2];
    stdout.read_exact(&mut first).expect("the first line");
    assert_eq!(&first, b"{\n", "the object opens at once");

    let replaced = env.run(
        [
            "import",
            "--replace",
            "--township",
            &township,
            "--county",
            &county,
            "--year",
            &year,
        ]
        .iter()
        .map(std::ffi::OsStr::new)
        .chain([replacement.as_os_str()]),
    );
    assert_eq!(code(&replaced), 0, "replace: {}", stderr(&replaced));

    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).expect("read the rest");
    let status = child.wait().expect("search ends");
    assert_eq!(status.code(), Some(0), "search failed: {status}");
    let streamed: Value =
        serde_json::from_slice(&[&first[..], &rest].concat()).expect("streamed output is JSON");
    let listed: Vec<_> = streamed["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(identity)
        .collect();
    assert!(
        !listed.contains(&(township, county, year)),
        "the last report was read after the first line was out"
    );
    assert_eq!(streamed["total"].as_u64(), Some(reports.len() as u64 - 1));
    assert_eq!(listed.len(), reports.len() - 1);
}
