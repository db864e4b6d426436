//! `nianbao export --format docx`, opened with python-docx: accepting every tracked
//! change gives this year's text and rejecting every change gives last year's, comments
//! hold the reviewer's notes, and the first page's scores are a real table.

use std::path::Path;

use crate::common::{TestEnv, code, corpus, export_tool, stderr};
use nianbao::report::normalize::norm;
use nianbao::review::ReportSource;

/// Opens the file with python-docx (so a file it cannot read fails the test), then
/// resolves the tracked changes of the text after the first page from the XML itself:
/// accepted keeps `w:ins`/`w:moveTo` and drops `w:del`/`w:moveFrom`; rejected the
/// other way round.
const READER: &str = r#"
import json, sys, zipfile
import docx
from xml.etree import ElementTree as ET
path = sys.argv[1]
document = docx.Document(path)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
body = root.find(W + "body")
def walk(node, new_only, old_only, out):
    tag = node.tag
    if tag in (W + "ins", W + "moveTo"):
        new_only = True
    if tag in (W + "del", W + "moveFrom"):
        old_only = True
    if tag in (W + "t", W + "delText") and node.text:
        out.append((node.text, new_only, old_only))
    for child in node:
        walk(child, new_only, old_only, out)
pieces, seen_break = [], False
for child in body:
    if not seen_break:
        seen_break = any(b.get(W + "type") == "page" for b in child.iter(W + "br"))
        continue
    walk(child, False, False, pieces)
comments = [c.text for c in document.comments]
counts = {t: len(list(root.iter(W + t))) for t in ("ins", "del", "moveFrom", "moveTo")}
print(json.dumps({
    "accepted": "".join(t for t, new, old in pieces if not old),
    "rejected": "".join(t for t, new, old in pieces if not new),
    "comments": comments,
    "tables": len(document.tables),
    "styles": sorted({p.style.name for p in document.paragraphs}),
    "counts": counts,
}, ensure_ascii=False))
"#;

/// What python-docx and the XML say about an exported file.
fn read_docx(env: &TestEnv, path: &Path) -> serde_json::Value {
    let script = env.write("read_docx.py", READER.as_bytes());
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(path)
        .output()
        .expect("run python3");
    assert!(out.status.success(), "python-docx: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("reader prints JSON")
}

fn python_docx() -> bool {
    export_tool("python3", &["-c", "import docx"])
}

fn clean_text(path: &Path) -> String {
    let report = ReportSource::File(path.to_path_buf())
        .analyze()
        .expect("analyse");
    norm(&report.report.text)
}

/// Exports two files as a Word comparison and checks both round trips.
fn assert_round_trip(env: &TestEnv, old: &Path, new: &Path) -> serde_json::Value {
    let output = env.path("比对.docx");
    let out = env.run([
        "export".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--format".as_ref(),
        "docx".as_ref(),
        "--output".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let read = read_docx(env, &output);
    let text = |key: &str| norm(read[key].as_str().unwrap_or_default());
    assert_eq!(text("accepted"), clean_text(new), "accepting every change");
    assert_eq!(text("rejected"), clean_text(old), "rejecting every change");
    read
}

#[test]
fn state_council_2022_to_2023_round_trips_through_python_docx() {
    let Some(corpus) = corpus() else { return };
    if !python_docx() {
        return;
    }
    let env = TestEnv::new();
    let dir = corpus.join("state-council");
    let read = assert_round_trip(&env, &dir.join("2022.txt"), &dir.join("2023.txt"));
    let counts = &read["counts"];
    assert!(counts["ins"].as_u64() > Some(10) && counts["del"].as_u64() > Some(10));
    assert!(read["tables"].as_u64() >= Some(1), "the scores table");
    let styles = read["styles"].to_string();
    assert!(
        styles.contains("Heading 1") && styles.contains("Title"),
        "{styles}"
    );
}

const OLD: &str = "松坪乡2022年法治政府建设年度报告
一、主要举措和成效
（一）强化组织保障。全年召开专题会议4次，研究部署法治建设工作。
（二）推进依法行政。完善重大行政决策程序，聘请法律顾问1名。
二、存在的不足和原因
法治宣传的针对性有待增强。基层执法力量不足。
三、下一年度工作安排
继续抓好法治宣传教育。
";

const NEW: &str = "松坪乡2023年法治政府建设年度报告
一、主要举措和成效
（一）强化组织领导。全年召开专题会议6次，研究部署法治建设工作。
（二）推进依法行政。聘请法律顾问2名。完善重大行政决策程序。
二、存在的不足和原因
<img src=x onerror=alert(1)>执法记录仪配备不全。
三、下一年度工作安排
基层执法力量不足。继续抓好法治宣传教育，开展“八五”普法中期检查。
";

#[test]
fn planted_edits_round_trip_and_notes_become_comments() {
    if !python_docx() {
        return;
    }
    let env = TestEnv::new();
    let old = env.write("2022.txt", OLD.as_bytes());
    let new = env.write("2023.txt", NEW.as_bytes());
    let read = assert_round_trip(&env, &old, &new);
    let counts = &read["counts"];
    assert!(
        counts["moveFrom"].as_u64() >= Some(1),
        "a moved sentence: {counts}"
    );
    assert_eq!(counts["moveFrom"], counts["moveTo"]);

    for (path, year) in [(&old, "2022"), (&new, "2023")] {
        let out = env.run([
            "import".as_ref(),
            path.as_os_str(),
            "--county".as_ref(),
            "云岭县".as_ref(),
        ]);
        assert_eq!(code(&out), 0, "import {year}: {}", stderr(&out));
    }
    let note = "第二部分未写原因 <b>&</b>";
    let out = env.run([
        "notes",
        "add",
        "松坪乡",
        "2023",
        "--text",
        note,
        "--section",
        "2",
        "--author",
        "王审",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let output = env.path("松坪乡.docx");
    let export = |force: bool| {
        let mut args = vec!["export", "松坪乡", "--format", "docx", "--output"];
        let path = output.to_str().expect("utf-8 path");
        args.push(path);
        if force {
            args.push("--force");
        }
        env.run(args)
    };
    assert_eq!(code(&export(false)), 0);
    let again = export(false);
    assert_eq!(code(&again), 2, "never overwrite without --force");
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(code(&export(true)), 0);
    let read = read_docx(&env, &output);
    let comments = read["comments"].to_string();
    assert!(comments.contains(note), "{comments}");
}
