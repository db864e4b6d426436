//! Import through the real binary: the seed reports against the gold metadata, other
//! encodings of the same bytes, Word files with automatic numbering, HTML pages, bad
//! files mixed with good ones, and the State Council run of fifty years.

use std::collections::BTreeSet;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use crate::common::{TestEnv, code, corpus, gold, json, seed_files, stderr};
use serde_json::Value;

/// Imports `paths` with `--json` (plus `extra` flags) and returns the exit code and
/// the summary.
fn import(env: &TestEnv, paths: &[PathBuf], extra: &[&str]) -> (i32, Value) {
    let mut args: Vec<String> = vec!["import".into(), "--json".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let output = env.run(&args);
    (code(&output), json(&output))
}

fn show(env: &TestEnv, township: &str, year: i64) -> Value {
    let output = env.run(["show", township, &year.to_string(), "--json"]);
    assert_eq!(code(&output), 0, "show failed: {}", stderr(&output));
    json(&output)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn seeds_import_with_the_gold_metadata_and_reimport_is_unchanged() {
    let Some(corpus) = corpus() else { return };
    let gold = gold(&corpus);
    let seeds = seed_files(&corpus);
    let env = TestEnv::new();
    let (status, summary) = import(&env, &seeds, &[]);
    assert_eq!(status, 0, "summary: {summary}");
    assert_eq!(
        summary["imported"].as_array().map(Vec::len),
        Some(seeds.len())
    );

    let listed = json(&env.run(["list", "--json"]));
    for seed in &seeds {
        let want = &gold["reports"][file_name(seed)];
        let township = want["township"].as_str().expect("gold township");
        let year = want["year"].as_i64().expect("gold year");
        let entry = listed
            .as_array()
            .and_then(|l| l.iter().find(|t| t["township"] == want["township"]))
            .unwrap_or_else(|| panic!("{township} not listed: {listed}"));
        assert!(
            entry["years"]
                .as_array()
                .is_some_and(|y| y.contains(&Value::from(year))),
            "{township}: {entry}"
        );
        let shown = show(&env, township, year);
        for field in ["county", "province", "title"] {
            assert_eq!(shown[field], want[field], "{township} {field}");
        }
        for field in ["signed_by", "signed_on"] {
            if let Some(value) = want.get(field) {
                assert_eq!(&shown[field], value, "{township} {field}");
            }
        }
    }

    let (status, again) = import(&env, &seeds, &[]);
    assert_eq!(status, 0, "{again}");
    assert_eq!(
        again["unchanged"].as_array().map(Vec::len),
        Some(seeds.len())
    );
    assert_eq!(again["imported"].as_array().map(Vec::len), Some(0));
}

/// UTF-16 with a byte order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

/// GBK bytes; a text with characters GBK lacks (a no-break space) is written as
/// GB18030, its superset, as a GBK editor saving it would have to.
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    if unmappable {
        encoding_rs::GB18030.encode(text).0.into_owned()
    } else {
        bytes.into_owned()
    }
}

#[test]
fn gbk_and_utf16_copies_import_to_the_same_clean_text() {
    let Some(corpus) = corpus() else { return };
    let gold = gold(&corpus);
    let seeds = seed_files(&corpus);
    let original = TestEnv::new();
    import(&original, &seeds, &[]);
    type Encoder = fn(&str) -> Vec<u8>;
    let encoders: [(&str, Encoder); 3] = [
        ("gbk", gbk),
        ("utf16le", |t| utf16(t, true)),
        ("utf16be", |t| utf16(t, false)),
    ];
    for (label, encode) in encoders {
        let env = TestEnv::new();
        let copies: Vec<PathBuf> = seeds
            .iter()
            .map(|seed| {
                let text = std::fs::read_to_string(seed).expect("read seed");
                env.write(&format!("{label}/{}", file_name(seed)), &encode(&text))
            })
            .collect();
        let (status, summary) = import(&env, &copies, &[]);
        assert_eq!(status, 0, "{label}: {summary}");
        for seed in &seeds {
            let want = &gold["reports"][file_name(seed)];
            let township = want["township"].as_str().expect("gold township");
            let year = want["year"].as_i64().expect("gold year");
            let copy = show(&env, township, year);
            let first = show(&original, township, year);
            assert_eq!(copy["text"], first["text"], "{label} {township}");
            assert_eq!(copy["title"], first["title"], "{label} {township}");
        }
    }
}

const NUMBERING_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"#;

const STYLES_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

/// A paragraph; `numbering` is `Some(level)` for a paragraph numbered directly, and a
/// `style` may carry the numbering instead.
fn paragraph(text: &str, numbering: Option<u8>, style: Option<&str>) -> String {
    let mut props = String::new();
    if let Some(style) = style {
        props.push_str(&format!(r#"<w:pStyle w:val="{style}"/>"#));
    }
    if let Some(level) = numbering {
        props.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>"#
        ));
    }
    format!(r#"<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn table(rows: &[&[&str]]) -> String {
    let rows: String = rows
        .iter()
        .map(|cells| {
            let cells: String = cells
                .iter()
                .map(|c| format!("<w:tc>{}</w:tc>", paragraph(c, None, None)))
                .collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in [
        ("_rels/.rels", rels),
        ("word/document.xml", document.as_str()),
        ("word/numbering.xml", NUMBERING_XML),
        ("word/styles.xml", STYLES_XML),
    ] {
        writer.start_file(name, options).expect("zip entry");
        writer.write_all(content.as_bytes()).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

#[test]
fn docx_numbering_becomes_heading_markers_and_tables_become_rows() {
    let body = [
        paragraph("青石镇2021年法治政府建设年度报告", None, None),
        paragraph(
            "2021年，青石镇坚持依法行政，青石镇党委高度重视。",
            None,
            None,
        ),
        paragraph("主要举措和成效", None, Some("Heading1")),
        paragraph("健全依法决策机制。", Some(1), None),
        paragraph("深化普法宣传。", Some(1), None),
        table(&[&["项目", "次数"], &["专题学法", "12"]]),
        paragraph("存在的不足和原因", None, Some("Heading1")),
        paragraph("队伍力量不足。", Some(1), None),
        paragraph("下一年度工作安排", Some(0), None),
    ]
    .concat();
    let env = TestEnv::new();
    let file = env.write("青石镇.docx", &docx(&body));
    let (status, summary) = import(&env, &[file], &[]);
    assert_eq!(status, 0, "{summary}");
    let shown = show(&env, "青石镇", 2021);
    let text = shown["text"].as_str().expect("text");
    let want = "一、主要举措和成效\n（一）健全依法决策机制。\n（二）深化普法宣传。\n项目\t次数\n专题学法\t12\n二、存在的不足和原因\n（一）队伍力量不足。\n三、下一年度工作安排\n";
    assert!(text.ends_with(want), "text was:\n{text}");
    assert_eq!(shown["title"], "青石镇2021年法治政府建设年度报告");
}

#[test]
fn docx_copied_off_a_web_page_loses_the_furniture_and_keeps_the_metadata() {
    let body = [
        paragraph("当前位置：首页 > 政务公开 > 规划计划", None, None),
        table(&[
            &["索引号：", "000014349/2024-00210"],
            &["发布机构：", "青峪县梅溪镇人民政府"],
            &["发布日期：", "2024-01-19"],
        ]),
        paragraph("字体：[ 大 中 小 ]  打印本页", None, None),
        paragraph("梅溪镇法治政府建设情况报告", None, None),
        paragraph("梅溪镇坚持依法行政，梅溪镇党委高度重视。", None, None),
        paragraph("【打印】【关闭窗口】", None, None),
    ]
    .concat();
    let doc = nianbao::ingest::from_bytes("report.docx", &docx(&body)).expect("docx");
    assert_eq!(
        doc.text,
        "梅溪镇法治政府建设情况报告\n梅溪镇坚持依法行政，梅溪镇党委高度重视。\n"
    );
    assert_eq!(doc.meta.township.as_deref(), Some("梅溪镇"));
    assert_eq!(doc.meta.county.as_deref(), Some("青峪县"));
    assert_eq!(doc.meta.year, Some(2023));
}

#[test]
fn gbk_html_page_imports_as_article_text() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
        <title>白沙乡2022年法治政府建设年度报告_某县人民政府</title><script>var t='脚本';</script></head><body>\
        <div class=\"nav\"><a>首页</a><a>政务公开</a></div><div class=\"position\">当前位置：首页 &gt; 法治政府</div>\
        <h1>白沙乡2022年法治政府建设年度报告</h1><div class=\"info\">发布日期：2023-01-05 来源：白沙乡 浏览次数：88</div>\
        <div class=\"article-content\"><p>&nbsp;2022年，白沙乡坚持依法行政&#12290;白沙乡党委高度重视法治建设。</p>\
        <p>一、主要举措和成效</p><p>全年开展普法活动20余次。</p></div>\
        <div class=\"share\">分享到：微信 微博</div><div>【打印】【关闭窗口】</div></body></html>";
    let env = TestEnv::new();
    let file = env.write("page.html", &encoding_rs::GBK.encode(page).0);
    let (status, summary) = import(&env, &[file], &[]);
    assert_eq!(status, 0, "{summary}");
    let shown = show(&env, "白沙乡", 2022);
    assert_eq!(
        shown["text"],
        "白沙乡2022年法治政府建设年度报告\n\n2022年，白沙乡坚持依法行政。白沙乡党委高度重视法治建设。\n一、主要举措和成效\n全年开展普法活动20余次。\n"
    );
    assert_eq!(shown["source"]["encoding"], "GBK");
}

#[test]
fn bad_files_fail_one_line_each_and_the_good_one_imports() {
    let env = TestEnv::new();
    let good = env.write(
        "good.txt",
        "红岩镇2021年法治政府建设年度报告\n2021年，红岩镇坚持依法行政。红岩镇党委……\n".as_bytes(),
    );
    let empty = env.write("empty.txt", b"");
    let png = env.write(
        "picture.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    );
    let output = env.run([
        "import".to_string(),
        empty.display().to_string(),
        good.display().to_string(),
        png.display().to_string(),
    ]);
    assert_eq!(code(&output), 1);
    let errors = stderr(&output);
    let lines: Vec<&str> = errors.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 2, "stderr: {errors}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("empty.txt") && l.contains("empty")),
        "{errors}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("picture.txt") && l.contains("PNG")),
        "{errors}"
    );
    let shown = show(&env, "红岩镇", 2021);
    assert_eq!(shown["title"], "红岩镇2021年法治政府建设年度报告");
}

#[test]
fn old_word_file_without_a_converter_names_what_to_install() {
    let env = TestEnv::new();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    let file = env.write("old.doc", &ole);
    let empty_path = env.path("no-tools");
    std::fs::create_dir_all(&empty_path).expect("create folder");
    let output = env
        .cmd()
        .env("PATH", &empty_path)
        .args(["import".to_string(), file.display().to_string()])
        .output()
        .expect("run nianbao");
    assert_eq!(code(&output), 1);
    let errors = stderr(&output);
    assert!(
        errors.contains("old.doc") && errors.contains("antiword"),
        "{errors}"
    );
}

#[test]
fn state_council_reports_import_as_fifty_distinct_years() {
    let Some(corpus) = corpus() else { return };
    let folder = corpus.join("state-council");
    let count = std::fs::read_dir(&folder)
        .expect("read state-council")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
        .count();
    let env = TestEnv::new();
    let (status, summary) = import(&env, &[folder], &["--township", "国务院"]);
    assert_eq!(status, 0, "{}", summary["failed"]);
    let imported = summary["imported"].as_array().expect("imported");
    assert_eq!(imported.len(), count);
    for entry in imported {
        let file = entry["file"].as_str().unwrap_or_default();
        let named_year = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<i64>().ok());
        assert_eq!(entry["year"].as_i64(), named_year, "{file}");
    }
    let listed = json(&env.run(["list", "--json"]));
    let bodies = listed.as_array().expect("list");
    assert_eq!(bodies.len(), 1, "{listed}");
    let years: BTreeSet<i64> = bodies[0]["years"]
        .as_array()
        .expect("years")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    assert_eq!(years.len(), count);
}
