//! Ingest speed on a report of realistic length (a State Council work report of about
//! 20,000 characters when the corpus is present, else generated text): plain UTF-8,
//! GBK, an HTML page and a `.docx` built from the same text.

use std::io::{Cursor, Write};
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

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

criterion_group!(benches, ingest);
criterion_main!(benches);
