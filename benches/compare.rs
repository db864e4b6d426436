//! How long `nianbao diff` spends comparing two reports of realistic length (about
//! 20,000 characters each, like consecutive State Council work reports), end to end:
//! sentence and section segmentation, jieba words, alignment, word edits and scores.
//! The target is under 50 ms per comparison.
//!
//! Measured on a shared two-core machine under load (load average about 4): State
//! Council 2022 vs 2023, analysis and comparison, 23 ms; comparison alone, 12–18 ms;
//! the synthetic pair, 7 ms. About half of the comparison is jieba segmentation.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::compare::compare;
use nianbao::ingest::Metadata;
use nianbao::report::Report;

/// Sentences written for the benchmark; numbered so that the text is not one sentence
/// repeated, with `{}` taking a number that changes between the two years.
const POOL: &[&str] = &[
    "镇党委把法治政府建设纳入年度重点工作，全年召开专题会议{}次。",
    "严格落实重大行政决策程序规定，合法性审查覆盖率达到{}%。",
    "部分干部法治意识有待增强，执法人员专业素质参差不齐。",
    "发放宣传资料{}余份，接受群众咨询{}人次，营造了浓厚的法治氛围。",
    "推进综合行政执法改革，规范执法程序，全面推行行政执法公示制度。",
    "调处矛盾纠纷{}件，调解成功率{}%，切实维护了社会和谐稳定。",
    "聘请法律顾问{}名，为重大决策和重要合同提供法律意见。",
    "一是加强学习；二是强化培训；三是严格考核。",
    "镇党委书记认真履行第一责任人职责，亲自部署重要工作，亲自过问重大问题。",
    "持续深化“放管服”改革，优化营商环境，提升政务服务水平。",
];

/// A synthetic report of about `target` characters: numbered sections of pool sentences
/// with a serial number each, so sentences are distinct as in a real report.
fn synthetic(target: usize, year: u32, edit: bool) -> String {
    let mut text = format!("{year}年法治政府建设工作报告\n现将有关情况报告如下。\n");
    let mut serial = 0u32;
    let mut section = 0;
    while text.chars().count() < target {
        section += 1;
        text.push_str(&format!("{section}、第{section}项重点工作\n"));
        for k in 0..12u32 {
            serial += 1;
            let template = POOL[(serial as usize * 7 + k as usize) % POOL.len()];
            let number = if edit && serial.is_multiple_of(9) {
                serial + 1
            } else {
                serial
            };
            let mut sentence = template
                .replacen("{}", &number.to_string(), 1)
                .replace("{}", "95");
            sentence.insert_str(0, &format!("第{serial}条，"));
            if edit && serial.is_multiple_of(13) {
                sentence = sentence.replace("切实", "全力");
            }
            if edit && serial.is_multiple_of(17) {
                continue;
            }
            text.push_str(&sentence);
        }
        text.push('\n');
    }
    text
}

fn analyze(text: &str) -> Report {
    Report::analyze(text, Metadata::default(), Vec::new())
}

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("NIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.join("state-council").is_dir().then_some(dir)
}

fn bench(c: &mut Criterion) {
    let (old, new) = (
        synthetic(20_000, 2022, false),
        synthetic(20_000, 2023, true),
    );
    c.bench_function("analyze and compare, synthetic 20k chars", |b| {
        b.iter(|| compare(&analyze(black_box(&old)), &analyze(black_box(&new))))
    });
    let Some(corpus) = corpus() else {
        eprintln!("notice: corpus not found; State Council benchmarks skipped");
        return;
    };
    let read =
        |year: u32| std::fs::read_to_string(corpus.join(format!("state-council/{year}.txt")));
    let (Ok(old), Ok(new)) = (read(2022), read(2023)) else {
        eprintln!("notice: State Council 2022/2023 not readable; benchmarks skipped");
        return;
    };
    c.bench_function("analyze and compare, State Council 2022 vs 2023", |b| {
        b.iter(|| compare(&analyze(black_box(&old)), &analyze(black_box(&new))))
    });
    let (a, b_report) = (analyze(&old), analyze(&new));
    c.bench_function("compare only, State Council 2022 vs 2023", |b| {
        b.iter(|| compare(black_box(&a), black_box(&b_report)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
