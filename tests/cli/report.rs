//! Report analysis through the real binary: the seed reports against the hand-checked
//! gold (headings, statutory parts, lint), the State Council reports for sanity, and
//! lint findings on reports written for these tests.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// Runs `nianbao inspect --json` on one file and returns the report object.
fn inspect(env: &crate::common::TestEnv, file: &Path) -> Value {
    let output = env.run(["inspect".as_ref(), "--json".as_ref(), file.as_os_str()]);
    assert!(
        crate::common::code(&output) == 0 || crate::common::code(&output) == 1,
        "inspect failed on {}: {}",
        file.display(),
        crate::common::stderr(&output)
    );
    crate::common::json(&output)
}

fn sections(report: &Value) -> Vec<Value> {
    report["sections"].as_array().cloned().unwrap_or_default()
}

fn lint_kinds(report: &Value) -> BTreeSet<String> {
    report["lint"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["kind"].as_str().map(str::to_string))
        .collect()
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Gold reports with their paths.
fn gold_reports(corpus: &Path) -> Vec<(String, Value)> {
    let gold = crate::common::gold(corpus);
    gold["reports"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

#[test]
fn seed_headings_match_the_gold_tree() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = crate::common::TestEnv::new();
    for (name, gold) in gold_reports(&corpus) {
        let report = inspect(&env, &corpus.join("seeds").join(&name));
        let found: Vec<(u64, String, String)> = sections(&report)
            .iter()
            .map(|s| {
                (
                    s["level"].as_u64().unwrap_or(0),
                    str_of(&s["marker"]).to_string(),
                    str_of(&s["title"]).trim().to_string(),
                )
            })
            .collect();
        let expected: Vec<(u64, String, String)> = gold["headings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|h| {
                (
                    h["level"].as_u64().unwrap_or(0),
                    str_of(&h["marker"]).to_string(),
                    str_of(&h["title"]).to_string(),
                )
            })
            .collect();
        assert!(!expected.is_empty(), "{name}: gold has no headings");
        assert_eq!(found, expected, "{name}");
    }
}

#[test]
fn seed_parts_match_the_gold() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = crate::common::TestEnv::new();
    for (name, gold) in gold_reports(&corpus) {
        let report = inspect(&env, &corpus.join("seeds").join(&name));
        let level_one: Vec<Value> = sections(&report)
            .into_iter()
            .filter(|s| s["level"] == 1)
            .collect();
        let mut covered = BTreeSet::new();
        for s in &level_one {
            for p in s["parts"].as_array().into_iter().flatten() {
                covered.insert(str_of(p).to_string());
            }
        }
        let parts = gold["parts"].as_object().cloned().unwrap_or_default();
        for (part, marker) in &parts {
            let mapped = level_one.iter().any(|s| {
                s["marker"] == *marker
                    && s["parts"]
                        .as_array()
                        .is_some_and(|ps| ps.iter().any(|p| p == part.as_str()))
            });
            assert!(mapped, "{name}: {part} should be on {marker}");
        }
        let expected: BTreeSet<String> = parts.keys().cloned().collect();
        assert_eq!(covered, expected, "{name}: parts claimed beyond the gold");
    }
}

/// Numbering findings the gold heading tree implies: per list of siblings, a number
/// that skips ahead is a gap, a repeated one a duplicate, a second marker style a mix.
fn numbering_kinds(headings: &[Value]) -> BTreeSet<String> {
    let mut kinds = BTreeSet::new();
    for list in gold_sibling_lists(headings) {
        let numbers: Vec<u32> = list.iter().map(|m| marker_value(m)).collect();
        for (i, &n) in numbers.iter().enumerate() {
            if numbers[..i].contains(&n) {
                kinds.insert("duplicate-number".to_string());
            } else if n != i as u32 + 1 && (i == 0 || n != numbers[i - 1] + 1) {
                kinds.insert("numbering-gap".to_string());
            }
        }
        let styles: BTreeSet<String> = list.iter().map(|m| marker_style(m)).collect();
        if styles.len() > 1 {
            kinds.insert("mixed-markers".to_string());
        }
    }
    kinds
}

/// The markers of each list of siblings (same parent, same level) in the gold tree.
fn gold_sibling_lists(headings: &[Value]) -> Vec<Vec<String>> {
    let levels: Vec<u64> = headings
        .iter()
        .map(|h| h["level"].as_u64().unwrap_or(0))
        .collect();
    let mut stack: Vec<usize> = Vec::new();
    let mut keys: Vec<(Option<usize>, u64)> = Vec::new();
    let mut lists: Vec<Vec<String>> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|&top| levels[top] >= levels[i]) {
            stack.pop();
        }
        let key = (stack.last().copied(), levels[i]);
        let marker = str_of(&h["marker"]).to_string();
        match keys.iter().position(|k| *k == key) {
            Some(slot) => lists[slot].push(marker),
            None => {
                keys.push(key);
                lists.push(vec![marker]);
            }
        }
        stack.push(i);
    }
    lists
}

fn marker_value(marker: &str) -> u32 {
    let digits: String = marker.chars().filter(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse() {
        return n;
    }
    let cn = "一二三四五六七八九十";
    marker
        .chars()
        .filter_map(|c| cn.chars().position(|d| d == c))
        .map(|p| p as u32 + 1)
        .sum()
}

fn marker_style(marker: &str) -> String {
    marker
        .chars()
        .filter(|c| !c.is_ascii_digit() && !"一二三四五六七八九十".contains(*c))
        .collect()
}

/// Findings the gold states in words rather than in structure.
fn described_kinds(gold: &Value) -> BTreeSet<String> {
    let anomalies: Vec<String> = gold["anomalies"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| str_of(a).to_lowercase())
        .collect();
    let mut kinds = BTreeSet::new();
    if anomalies.iter().any(|a| a.contains("artifact")) {
        kinds.insert("artifact".to_string());
    }
    if anomalies
        .iter()
        .any(|a| a.contains("report year") && a.contains("expected"))
    {
        kinds.insert("year-mismatch".to_string());
    }
    kinds
}

#[test]
fn seed_lint_finds_what_the_gold_describes_and_nothing_else() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = crate::common::TestEnv::new();
    for (name, gold) in gold_reports(&corpus) {
        let report = inspect(&env, &corpus.join("seeds").join(&name));
        let headings = gold["headings"].as_array().cloned().unwrap_or_default();
        let mut expected = numbering_kinds(&headings);
        expected.extend(described_kinds(&gold));
        let parts = gold["parts"].as_object().cloned().unwrap_or_default();
        if ["P1", "P2", "P3", "P4"]
            .iter()
            .any(|p| !parts.contains_key(*p))
        {
            expected.insert("missing-part".to_string());
        }
        if gold["title"].is_null() {
            expected.insert("no-title".to_string());
        }
        let mut found = lint_kinds(&report);
        found.remove("sum-mismatch");
        assert_eq!(found, expected, "{name}: {:#}", report["lint"]);
    }
}

/// Offsets are checked against the clean text ingest produces, the text they index.
#[test]
fn section_offsets_are_character_offsets() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = crate::common::TestEnv::new();
    for file in crate::common::seed_files(&corpus) {
        let report = inspect(&env, &file);
        let Ok((_, document)) = nianbao::ingest::read_path(&file) else {
            panic!("cannot ingest {}", file.display());
        };
        let text: Vec<char> = document.text.chars().collect();
        for s in sections(&report) {
            let start = s["start"].as_u64().unwrap_or(0) as usize;
            let marker = str_of(&s["marker"]);
            let at: String = text
                .iter()
                .skip(start)
                .take(marker.chars().count())
                .collect();
            assert_eq!(at, marker, "{}: section {}", file.display(), s["path"]);
            let span = |v: &Value| {
                let a = v["start"].as_u64().unwrap_or(0) as usize;
                let b = v["end"].as_u64().unwrap_or(0) as usize;
                (a, b)
            };
            let (heading_start, heading_end) = span(&s["heading"]);
            let (body_start, _) = span(&s["body"]);
            let heading: String = text[heading_start..heading_end.min(text.len())]
                .iter()
                .collect();
            assert_eq!(heading_start, start);
            assert_eq!(body_start, heading_end);
            assert!(
                heading.contains(str_of(&s["title"])),
                "{}: heading {heading:?}",
                file.display()
            );
        }
    }
}

fn state_council(corpus: &Path, year: u32) -> std::path::PathBuf {
    corpus.join("state-council").join(format!("{year}.txt"))
}

/// `(title, number of level-2 children)` of each level-1 section.
fn level_one_with_children(report: &Value) -> Vec<(String, usize)> {
    let all = sections(report);
    all.iter()
        .filter(|s| s["level"] == 1)
        .map(|s| {
            let path = str_of(&s["path"]);
            let children = all
                .iter()
                .filter(|c| {
                    c["level"] == 2
                        && str_of(&c["path"])
                            .strip_prefix(path)
                            .is_some_and(|rest| rest.matches('.').count() == 1)
                })
                .count();
            (str_of(&s["title"]).to_string(), children)
        })
        .collect()
}

#[test]
fn state_council_reports_have_their_parts_and_tasks() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = crate::common::TestEnv::new();
    let report = inspect(&env, &state_council(&corpus, 2022));
    assert_eq!(
        level_one_with_children(&report),
        vec![
            ("2021年工作回顾".to_string(), 0),
            ("2022年经济社会发展总体要求和政策取向".to_string(), 0),
            ("2022年政府工作任务".to_string(), 9),
        ]
    );
    let report = inspect(&env, &state_council(&corpus, 2023));
    assert_eq!(
        level_one_with_children(&report),
        vec![
            ("过去一年和五年工作回顾".to_string(), 10),
            ("对今年政府工作的建议".to_string(), 8),
        ]
    );
}

#[test]
fn state_council_reports_have_no_garbage_headings() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = crate::common::TestEnv::new();
    let files = std::fs::read_dir(corpus.join("state-council"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    assert!(files.len() > 40, "state-council reports missing");
    for file in files {
        let report = inspect(&env, &file);
        let mut paths = BTreeSet::new();
        for s in sections(&report) {
            let title = str_of(&s["title"]);
            let first = title.chars().next().unwrap_or(' ');
            let dated = title.chars().take(4).all(|c| c.is_ascii_digit())
                && title.chars().nth(4) == Some('年');
            assert!(
                !title.is_empty() && title.chars().count() <= 60,
                "{}: {title:?}",
                file.display()
            );
            assert!(
                !first.is_ascii_digit() || dated,
                "{}: heading from a number: {title:?}",
                file.display()
            );
            assert!(
                !title.starts_with('是'),
                "{}: enumeration taken for a heading: {title:?}",
                file.display()
            );
            assert!(paths.insert(str_of(&s["path"]).to_string()));
        }
    }
}

/// A report written for these tests: a plan dated with the reporting year, a
/// neighbour's name as author, a numbering gap, a placeholder left in, no P3.
const FLAWED: &str = "青石镇2022年法治政府建设年度报告\n\n2022年，青石镇坚持依法行政。\n一、主要举措和成效\n（一）加强学习。白沙镇党委高度重视，组织学习XX次。\n（三）规范执法。办理案件8件。\n二、存在的不足\n学习不够深入。\n三、下一年度工作安排\n2022年，我镇将继续加强学习。\n";

#[test]
fn lint_findings_reach_the_json_with_places_and_excerpts() {
    let env = crate::common::TestEnv::new();
    let file = env.write("青石镇.txt", FLAWED.as_bytes());
    let report = inspect(&env, &file);
    let kinds = lint_kinds(&report);
    for kind in [
        "missing-part",
        "numbering-gap",
        "year-mismatch",
        "foreign-township",
        "artifact",
    ] {
        assert!(kinds.contains(kind), "{kind} missing from {kinds:?}");
    }
    let chars: Vec<char> = FLAWED.chars().collect();
    let lint = report["lint"].as_array().cloned().unwrap_or_default();
    let year = lint
        .iter()
        .find(|l| l["kind"] == "year-mismatch")
        .cloned()
        .unwrap_or_default();
    assert_eq!(year["section"], "3");
    assert!(str_of(&year["excerpt"]).contains("我镇将继续加强学习"));
    let start = year["span"]["start"].as_u64().unwrap_or(0) as usize;
    let end = year["span"]["end"].as_u64().unwrap_or(0) as usize;
    let quoted: String = chars[start.min(chars.len())..end.min(chars.len())]
        .iter()
        .collect();
    assert_eq!(quoted, "2022年");
    let gap = lint
        .iter()
        .find(|l| l["kind"] == "numbering-gap")
        .cloned()
        .unwrap_or_default();
    assert_eq!(gap["section"], "1.2");
}

#[test]
fn a_clean_report_has_no_findings_in_the_json() {
    let env = crate::common::TestEnv::new();
    let text = "青石镇2022年法治政府建设年度报告\n\n2022年，青石镇坚持依法行政。\n一、主要举措和成效\n（一）加强学习。组织学习12次。\n（二）规范执法。办理案件8件。\n二、党政主要负责人履行第一责任人职责情况\n书记带头学法。\n三、存在的不足和原因\n学习不够深入。\n四、下一年度工作安排\n2023年，我镇将继续加强学习。\n";
    let file = env.write("clean.txt", text.as_bytes());
    let report = inspect(&env, &file);
    let mut kinds = lint_kinds(&report);
    kinds.remove("sum-mismatch");
    assert!(kinds.is_empty(), "{:#}", report["lint"]);
}

#[test]
fn the_outline_shows_parts_and_findings() {
    let env = crate::common::TestEnv::new();
    let file = env.write("青石镇.txt", FLAWED.as_bytes());
    let output = env.run(["inspect".as_ref(), file.as_os_str()]);
    let out = crate::common::stdout(&output);
    assert!(out.contains("主要举措和成效"), "{out}");
    assert!(out.contains("P1"), "{out}");
    assert!(
        out.contains("year-mismatch") || out.contains("年份"),
        "{out}"
    );
}
