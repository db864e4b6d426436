//! Ingest speed on a report of realistic length (a State Council work report of about
//! 20,000 characters when the corpus is present, else generated text): plain UTF-8,
//! GBK, an HTML page and a `.docx` built from the same text; and what an importing
//! thread does per file of the synthetic corpus (`import_prepare`): ingest, reuse
//! entries, packing.

use std::io::{Cursor, Write};
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::reuse::{MatchText, ReportEntries};
use nianbao::store::reuse_index::IndexEntries;
use nianbao::store::{NewReport, PackedReport};

fn report_text() -> String {
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/state-council/2023.txt");
    std::fs::read_to_string(corpus).unwrap_or_else(|_| {
        let paragraph =
            "2021年，某镇坚持依法行政，全年开展专题学习12次，普法宣传30余场，受众3000余人次。\n";
        format!("某镇2021年法治政府建设年度报告\n{}", paragraph.repeat(250))
    })
}

fn html_page(text: &str) -> String {
    let body: String = text
        .lines()
        .map(|line| format!("<p>{line}</p>\n"))
        .collect();
    format!(
        "<html><head><meta charset=\"utf-8\"><script>var a=1;</script></head><body>\
         <div class=\"nav\"><a>首页</a></div><div class=\"TRS_Editor\">{body}</div>\
         <div class=\"share\">分享到：微信 微博</div></body></html>"
    )
}

fn docx(text: &str) -> Vec<u8> {
    let paragraphs: String = text
        .lines()
        .map(|line| format!("<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{paragraphs}</w:body></w:document>"
    );
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let result = writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .map_err(std::io::Error::other)
        .and_then(|_| writer.write_all(document.as_bytes()));
    if let Err(e) = result {
        panic!("cannot build the benchmark .docx: {e}");
    }
    match writer.finish() {
        Ok(cursor) => cursor.into_inner(),
        Err(e) => panic!("cannot build the benchmark .docx: {e}"),
    }
}

fn ingest(c: &mut Criterion) {
    let text = report_text().replace(['<', '>', '&'], "");
    let gbk = encoding_rs::GB18030.encode(&text).0.into_owned();
    let page = html_page(&text);
    let word = docx(&text);
    let mut group = c.benchmark_group("ingest");
    group.bench_function("txt_utf8", |b| {
        b.iter(|| nianbao::ingest::from_bytes("report.txt", text.as_bytes()))
    });
    group.bench_function("txt_gbk", |b| {
        b.iter(|| nianbao::ingest::from_bytes("report.txt", &gbk))
    });
    group.bench_function("html", |b| {
        b.iter(|| nianbao::ingest::from_bytes("report.html", page.as_bytes()))
    });
    group.bench_function("docx", |b| {
        b.iter(|| nianbao::ingest::from_bytes("report.docx", &word))
    });
    group.finish();
}

/// The first reports of the synthetic corpus `benches/import.sh` imports, as bytes.
fn synthetic_reports(count: usize) -> Vec<(String, Vec<u8>)> {
    let spec = nianbao::demo::corpus::CorpusSpec {
        reports: count,
        ..Default::default()
    };
    let mut reports = Vec::with_capacity(count);
    let made = nianbao::demo::corpus::each_report(&spec, |report| {
        let name = report.relative_path.display().to_string();
        reports.push((name, report.text.as_bytes().to_vec()));
        Ok::<(), std::convert::Infallible>(())
    });
    if let Err(never) = made {
        match never {}
    }
    reports
}

/// An importing thread's work on each of 100 synthetic reports, as `import` runs it
/// before the writer: the document, its reuse entries sorted for the index, and the
/// report packed (compressed text, digests).
fn import_prepare(c: &mut Criterion) {
    let reports = synthetic_reports(100);
    c.bench_function("import_prepare_100", |b| {
        b.iter(|| {
            for (name, bytes) in &reports {
                let Ok(doc) = nianbao::ingest::from_bytes(name, bytes) else {
                    panic!("the synthetic report {name} does not ingest");
                };
                let prepared = MatchText::new(&doc.text);
                let entries = IndexEntries::new(ReportEntries::new(&prepared));
                let report = NewReport {
                    township: doc.meta.township.as_deref().unwrap_or(""),
                    county: doc.meta.county.as_deref().unwrap_or(""),
                    province: doc.meta.province.as_deref(),
                    year: doc.meta.year.unwrap_or(0),
                    title: doc.meta.title.as_deref(),
                    signed_by: doc.meta.signed_by.as_deref(),
                    signed_on: doc.meta.signed_on.as_deref(),
                    text: &doc.text,
                    source_path: name,
                    format: doc.format.as_str(),
                    encoding: &doc.encoding,
                    original: bytes,
                    artifacts: &doc.artifacts,
                };
                std::hint::black_box((entries, PackedReport::new(&report)));
            }
        })
    });
}

criterion_group!(benches, ingest, import_prepare);
criterion_main!(benches);
