//! Parsing speed: the section tree of a 20,000-character report must take well under
//! 5 ms, so that a county's reports open without a wait. The full analysis (sentences,
//! parts, lint) is measured beside it, and a 650,000-character text made of nothing but
//! markers shows that parsing stays linear on hostile input.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::ingest::Metadata;
use nianbao::report::{Report, sections};

/// Characters in the synthetic report.
const TARGET_CHARS: usize = 20_000;

/// A township report of about [`TARGET_CHARS`] characters, built from sections in the
/// genre's shape: title, addressee, numbered parts with inline sub-headings, items,
/// enumerations, dates and figures, a signature.
fn synthetic_report() -> String {
    let mut text = String::from(
        "青石镇2022年法治政府建设年度报告\n\n县委、县政府：\n    2022年，青石镇坚持以习近平法治思想为指导，全面推进依法行政。\n",
    );
    let parts = [
        "主要举措和成效",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "存在的不足和原因",
        "下一年度推进法治政府建设的主要安排",
    ];
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut part = 0;
    while text.chars().count() < TARGET_CHARS {
        let p = part % parts.len();
        text.push_str(&format!("{}、{}\n", numerals[p], parts[p]));
        for (k, numeral) in numerals.iter().enumerate().take(6) {
            text.push_str(&format!(
                "（{numeral}）加强第{k}项工作。一是组织专题学习12次，覆盖干部300余人次；二是在5.12、12.4等节点开展宣传，发放资料3000余份。\n"
            ));
            for item in 1..=3 {
                text.push_str(&format!(
                    "{item}、规范第{item}类事项。全年办理案件{item}8件，办结率100%，群众满意度明显提升。\n"
                ));
            }
        }
        part += 1;
    }
    text.push_str(
        "\n\n                    云岭县青石镇人民政府\n                     2023年1月10日\n",
    );
    text
}

/// A real report of similar length, when the shared corpus is present.
fn corpus_report() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/state-council/2022.txt");
    std::fs::read_to_string(path).ok()
}

fn bench_parse(c: &mut Criterion) {
    let text = synthetic_report();
    let label = format!("sections::parse synthetic {} chars", text.chars().count());
    c.bench_function(&label, |b| b.iter(|| sections::parse(black_box(&text))));
    let analyze = format!("Report::analyze synthetic {} chars", text.chars().count());
    c.bench_function(&analyze, |b| {
        b.iter(|| Report::analyze(black_box(&text), Metadata::default(), Vec::new()))
    });
    let nested = "一、甲\n（一）乙\n1、丙。内容。\n（1）丁。内容。\n".repeat(25_000);
    let label = format!(
        "sections::parse nested markers {} chars",
        nested.chars().count()
    );
    c.bench_function(&label, |b| b.iter(|| sections::parse(black_box(&nested))));
    if let Some(real) = corpus_report() {
        let label = format!(
            "sections::parse state-council 2022 {} chars",
            real.chars().count()
        );
        c.bench_function(&label, |b| b.iter(|| sections::parse(black_box(&real))));
    }
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
