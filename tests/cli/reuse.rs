//! `nianbao reuse` on the real seed reports: templates, near duplicates, planted
//! passages with exact spans, the index kept by import, and files without a store.

use std::path::{Path, PathBuf};

use crate::common::{TestEnv, code, json, seed_files, stderr};
use nianbao::report::normalize::norm;
use serde_json::Value;

/// Names the seeds are imported under (their real names are left to metadata
/// detection, which these tests do not depend on).
const NAMES: [&str; 5] = ["甲镇", "乙镇", "丙乡", "丁乡", "戊镇"];

struct Seeds {
    env: TestEnv,
    files: Vec<PathBuf>,
    texts: Vec<String>,
}

impl Seeds {
    /// A store with every seed imported as `NAMES[i]` 2020.
    fn imported(corpus: &Path) -> Seeds {
        let seeds = Seeds::unimported(corpus);
        for i in 0..seeds.files.len() {
            seeds.import(i, &seeds.files[i], false);
        }
        seeds
    }

    fn unimported(corpus: &Path) -> Seeds {
        let files = seed_files(corpus);
        assert_eq!(files.len(), NAMES.len(), "five seeds expected");
        let texts = files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("read seed"))
            .collect();
        Seeds {
            env: TestEnv::new(),
            files,
            texts,
        }
    }

    fn import(&self, i: usize, file: &Path, replace: bool) {
        let mut args = vec![
            "import".into(),
            file.display().to_string(),
            "--township".into(),
            NAMES[i].into(),
            "--year".into(),
            "2020".into(),
        ];
        if replace {
            args.push("--replace".into());
        }
        let out = self.env.run(&args);
        assert_eq!(code(&out), 0, "import {}: {}", file.display(), stderr(&out));
    }

    fn reuse(&self, i: usize, extra: &[&str]) -> Value {
        let mut args = vec!["reuse", NAMES[i], "2020", "--json"];
        args.extend_from_slice(extra);
        let out = self.env.run(&args);
        assert_eq!(code(&out), 0, "reuse {}: {}", NAMES[i], stderr(&out));
        json(&out)
    }

    /// The stored clean text, as `show --json` gives it.
    fn shown_text(&self, i: usize) -> String {
        let out = self.env.run(["show", NAMES[i], "2020", "--json"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        json(&out)["text"]
            .as_str()
            .expect("text in show --json")
            .to_string()
    }

    /// Seeds whose normalized text contains `needle` (normalized).
    fn holding(&self, needle: &str) -> Vec<usize> {
        let needle = norm(needle);
        (0..self.texts.len())
            .filter(|&i| norm(&self.texts[i]).contains(&needle))
            .collect()
    }
}

fn passages(report: &Value) -> &Vec<Value> {
    report["passages"].as_array().expect("passages array")
}

fn slice(text: &str, start: &Value, end: &Value) -> String {
    let start = start.as_u64().expect("start") as usize;
    let end = end.as_u64().expect("end") as usize;
    assert!(start <= end, "span {start}..{end}");
    text.chars().skip(start).take(end - start).collect()
}

fn townships(passage: &Value) -> Vec<String> {
    passage["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["township"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Standard formulas and statutory part names: templates however few seeds hold them.
const STANDARD_TEXT: [&str; 3] = [
    "高举习近平新时代中国特色社会主义思想伟大旗帜",
    "以习近平新时代中国特色社会主义思想为指导",
    "存在的不足和原因",
];

#[test]
fn formulas_in_most_seeds_are_templates() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let seeds = Seeds::imported(&corpus);
    let formula = "以习近平新时代中国特色社会主义思想为指导";
    let holders = seeds.holding(formula);
    assert!(
        holders.len() >= 3,
        "the formula is in most seeds: {holders:?}"
    );
    let mut checked = 0;
    for (i, name) in NAMES.iter().enumerate() {
        let report = seeds.reuse(i, &[]);
        let mut found_formula = false;
        for passage in passages(&report) {
            let text = passage["text"].as_str().expect("text");
            // Ground truth by plain substring search over the seeds.
            let in_seeds = seeds.holding(text).len();
            if passage["near"] == Value::Bool(false) {
                assert_eq!(
                    passage["townships"].as_u64(),
                    Some(in_seeds as u64),
                    "{text}"
                );
                let formula = STANDARD_TEXT.iter().any(|f| norm(text).contains(&norm(f)));
                let expected = if in_seeds >= 3 || formula {
                    "template"
                } else {
                    "cross-township"
                };
                assert_eq!(passage["kind"], expected, "{text} is in {in_seeds} seeds");
                checked += 1;
            }
            if norm(text).contains(&norm(formula)) {
                found_formula = true;
                assert_eq!(passage["kind"], "template");
            }
        }
        assert_eq!(found_formula, holders.contains(&i), "{name}");
        let template = report["shares"]["template"].as_f64().expect("share");
        assert!(template > 0.0 || !holders.contains(&i));
        assert!(template < 0.2, "templates are a small part of a seed");
    }
    assert!(checked >= 5, "only {checked} exact passages checked");
}

#[test]
fn reworded_sentence_about_collective_discussion_is_a_near_duplicate() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let seeds = Seeds::imported(&corpus);
    // The two seeds that record collective discussion, one of them with 必须.
    let holders: Vec<usize> = (0..NAMES.len())
        .filter(|&i| {
            let n = norm(&seeds.texts[i]);
            n.contains("集体讨论情况和决定") && n.contains("如实记录完整存档")
        })
        .collect();
    assert_eq!(holders.len(), 2, "{holders:?}");
    for (a, b) in [(holders[0], holders[1]), (holders[1], holders[0])] {
        let report = seeds.reuse(a, &[]);
        let near = passages(&report)
            .iter()
            .find(|p| norm(p["text"].as_str().unwrap_or_default()).contains("集体讨论情况和决定"))
            .unwrap_or_else(|| panic!("{} has no passage on collective discussion", NAMES[a]));
        assert_eq!(near["near"], true);
        assert_eq!(near["kind"], "cross-township");
        assert_eq!(townships(near), vec![NAMES[b].to_string()]);
        let other = &near["reports"][0];
        let similarity = other["similarity"].as_f64().expect("similarity");
        assert!((0.8..1.0).contains(&similarity), "{similarity}");
        // The other side's span is the other wording of the sentence.
        let their = slice(&seeds.shown_text(b), &other["start"], &other["end"]);
        assert!(norm(&their).contains("如实记录完整存档"), "{their}");
        let ours = slice(&seeds.shown_text(a), &near["start"], &near["end"]);
        assert_eq!(ours, near["text"].as_str().unwrap_or_default());
        assert_ne!(
            norm(&ours),
            norm(&their),
            "one says 必须, the other does not"
        );
    }
}

/// A stretch of one line of seed `from` with exactly `chars` normalized characters,
/// whole clauses (a passage's edges are clause or word edges in both reports), of which
/// no other seed shares any 10 characters.
fn distinctive_passage(seeds: &Seeds, from: usize, chars: usize) -> String {
    let text: Vec<char> = seeds.texts[from].chars().collect();
    let others: Vec<String> = (0..seeds.texts.len())
        .filter(|&i| i != from)
        .map(|i| norm(&seeds.texts[i]))
        .collect();
    let wording = |c: char| !norm(&c.to_string()).is_empty();
    let clause_mark = |c: Option<&char>| c.is_none_or(|c| "。，；、：！？\n".contains(*c));
    let mid = text.len() / 2;
    for start in (mid..text.len()).chain(0..mid) {
        if !wording(text[start]) || !clause_mark(start.checked_sub(1).and_then(|i| text.get(i))) {
            continue;
        }
        let mut end = start;
        let mut count = 0;
        while end < text.len() && text[end] != '\n' && count < chars {
            count += usize::from(wording(text[end]));
            end += 1;
        }
        if count != chars || !clause_mark(text.get(end)) {
            continue;
        }
        let candidate: String = text[start..end].iter().collect();
        let n: Vec<char> = norm(&candidate).chars().collect();
        let shared = n.windows(10).any(|w| {
            let w: String = w.iter().collect();
            others.iter().any(|o| o.contains(&w))
        });
        if !shared {
            return candidate;
        }
    }
    panic!("no distinctive passage of {chars} characters in seed {from}");
}

/// Seed `into` with `passage` planted as its own line in the middle.
fn planted(seeds: &Seeds, into: usize, passage: &str) -> String {
    let text = &seeds.texts[into];
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.len() / 2;
    let mut out: Vec<&str> = lines[..at].to_vec();
    out.push(passage);
    out.extend_from_slice(&lines[at..]);
    out.join("\n")
}

#[test]
fn planted_passages_are_found_with_both_spans_down_to_twenty_characters() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let seeds = Seeds::unimported(&corpus);
    let (from, into) = (0, 3);
    let long = distinctive_passage(&seeds, from, 40);
    let short = distinctive_passage(&seeds, 2, 20);
    let tiny = distinctive_passage(&seeds, 4, 8);
    let planted_text = planted(
        &seeds,
        into,
        &format!("{long}\n甲乙丙丁。\n{short}\n子丑寅卯。\n{tiny}"),
    );
    let planted_file = seeds.env.write("planted.txt", planted_text.as_bytes());
    for i in 0..NAMES.len() {
        let file = if i == into {
            planted_file.clone()
        } else {
            seeds.files[i].clone()
        };
        seeds.import(i, &file, false);
    }
    let report = seeds.reuse(into, &[]);
    let shown = seeds.shown_text(into);
    for (passage, source) in [(&long, from), (&short, 2)] {
        let found = passages(&report)
            .iter()
            .find(|p| norm(p["text"].as_str().unwrap_or_default()).contains(&norm(passage)))
            .unwrap_or_else(|| panic!("planted passage not found: {passage}"));
        assert_eq!(found["kind"], "cross-township", "{passage}");
        assert_eq!(found["near"], false);
        assert_eq!(townships(found), vec![NAMES[source].to_string()]);
        // Our span and theirs both slice out the passage itself.
        let ours = slice(&shown, &found["start"], &found["end"]);
        assert_eq!(norm(&ours), norm(passage), "{ours}");
        let other = &found["reports"][0];
        let theirs = slice(&seeds.shown_text(source), &other["start"], &other["end"]);
        assert_eq!(norm(&theirs), norm(passage), "{theirs}");
        assert_eq!(other["exact"], true);
    }
    let marker = format!("子丑寅卯。\n{tiny}");
    let tiny_start = shown
        .find(&marker)
        .map(|b| shown[..b].chars().count() + "子丑寅卯。\n".chars().count())
        .expect("tiny passage planted");
    for passage in passages(&report) {
        let start = passage["start"].as_u64().unwrap_or_default() as usize;
        let end = passage["end"].as_u64().unwrap_or_default() as usize;
        assert!(
            end <= tiny_start || start >= tiny_start + tiny.chars().count(),
            "an 8-character passage was reported: {passage}"
        );
    }
}

#[test]
fn import_keeps_the_index_in_step_and_rebuild_agrees() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let seeds = Seeds::imported(&corpus);
    let (from, into) = (1, 4);
    let passage = distinctive_passage(&seeds, from, 30);
    // The planted stretch starts and ends anywhere in a clause of its seed, where a
    // passage leaves out a sliver of a clause: a passage of its text is what is found.
    let mentions = |report: &Value| {
        passages(report).iter().any(|p| {
            let text = norm(p["text"].as_str().unwrap_or_default());
            text.chars().count() >= 20 && norm(&passage).contains(&text)
        })
    };
    assert!(!mentions(&seeds.reuse(from, &[])));
    // Replacing a report indexes the new text...
    let changed = seeds
        .env
        .write("changed.txt", planted(&seeds, into, &passage).as_bytes());
    seeds.import(into, &changed, true);
    let report = seeds.reuse(from, &[]);
    assert!(mentions(&report), "the replacing text is indexed");
    // ...and a rebuild from scratch finds exactly the same.
    let out = seeds.env.run(["reuse", "--rebuild"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(seeds.reuse(from, &[]), report);
    // Putting the original back takes the replaced text's fingerprints out.
    seeds.import(into, &seeds.files[into], true);
    assert!(
        !mentions(&seeds.reuse(from, &[])),
        "the replaced text is gone"
    );
}

#[test]
fn thresholds_change_the_kinds_and_lengths() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let seeds = Seeds::imported(&corpus);
    let formula_seed = seeds.holding("以习近平新时代中国特色社会主义思想为指导")[0];
    let kinds = |report: &Value| -> Vec<String> {
        passages(report)
            .iter()
            .map(|p| p["kind"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // A formula stays a template however strict the thresholds.
    let strict = seeds.reuse(
        formula_seed,
        &[
            "--template-min-townships",
            "5",
            "--template-min-provinces",
            "5",
        ],
    );
    let formula = norm("以习近平新时代中国特色社会主义思想为指导");
    assert!(
        passages(&strict)
            .iter()
            .any(|p| norm(p["text"].as_str().unwrap_or_default()) == formula
                && p["kind"] == "template"),
        "{:?}",
        kinds(&strict)
    );
    // Text two seeds share is copying by default and a template when two townships make one.
    let copying = (0..NAMES.len())
        .find(|&i| kinds(&seeds.reuse(i, &[])).contains(&"cross-township".to_string()))
        .expect("some seed shares text with one other");
    let loose = seeds.reuse(copying, &["--template-min-townships", "2"]);
    assert!(
        !kinds(&loose).contains(&"cross-township".to_string()),
        "{:?}",
        kinds(&loose)
    );
    let exact_lengths = |report: &Value| -> Vec<u64> {
        passages(report)
            .iter()
            .filter(|p| p["near"] == false)
            .map(|p| p["chars"].as_u64().unwrap_or_default())
            .collect()
    };
    let default = exact_lengths(&seeds.reuse(formula_seed, &[]));
    assert!(default.iter().any(|&n| n < 30), "{default:?}");
    let long_only = exact_lengths(&seeds.reuse(formula_seed, &["--min-chars", "30"]));
    assert!(long_only.iter().all(|&n| n >= 30), "{long_only:?}");
}

#[test]
fn top_ranks_cross_township_passages_and_pairs() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let seeds = Seeds::imported(&corpus);
    let out = seeds
        .env
        .run(["reuse", "--top", "--kind", "cross-township", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let top = json(&out);
    let ranked = top["passages"].as_array().expect("passages");
    assert!(!ranked.is_empty());
    assert!(ranked.iter().all(|p| p["kind"] == "cross-township"));
    let scores: Vec<f64> = ranked
        .iter()
        .map(|p| p["score"].as_f64().unwrap_or(0.0))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let pairs = top["pairs"].as_array().expect("pairs");
    assert!(!pairs.is_empty());
    for pair in pairs {
        assert_ne!(pair["a"]["township"], pair["b"]["township"]);
        assert!(pair["shared_chars"].as_u64().unwrap_or(0) >= 10);
    }
}

#[test]
fn files_are_compared_without_a_store() {
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let seeds = Seeds::unimported(&corpus);
    let passage = distinctive_passage(&seeds, 0, 25);
    let copy = seeds
        .env
        .write("copy.txt", planted(&seeds, 1, &passage).as_bytes());
    let out = seeds.env.run([
        "reuse".into(),
        seeds.files[0].display().to_string(),
        copy.display().to_string(),
        "--json".into(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let reports = json(&out);
    let reports = reports.as_array().expect("one object per file");
    assert_eq!(reports.len(), 2);
    let copied = passages(&reports[1])
        .iter()
        .find(|p| norm(p["text"].as_str().unwrap_or_default()) == norm(&passage))
        .expect("copied passage found between files");
    assert_eq!(
        copied["reports"][0]["file"],
        seeds.files[0].display().to_string()
    );
    assert!(!seeds.env.store().exists(), "no store is created");
}

#[test]
fn bad_requests_fail_with_one_line() {
    let env = TestEnv::new();
    for args in [
        vec!["reuse"],
        vec!["reuse", "无此乡", "2020"],
        vec!["reuse", "--min-chars", "5", "--top"],
        vec!["reuse", "not-a-file.txt"],
        vec!["reuse", "甲镇", "2020", "--top"],
    ] {
        let out = env.run(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        let message = stderr(&out);
        assert_eq!(message.trim().lines().count(), 1, "{args:?}: {message}");
        assert!(message.starts_with("nianbao: "), "{message}");
    }
    let out = env.run(["reuse", "--top", "--kind", "copied"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cross-township"),
        "the valid kinds are named"
    );
}
