//! `.pdf` and `.doc`/`.wps` for real: a report written here is laid out by LibreOffice
//! with a running header and page numbers in the footer, saved as PDF and as Word 97,
//! and each imports to the same sections and figures as the report's `.txt`.
//!
//! Needs `soffice` (libreoffice-writer-nogui), `pdftotext` (poppler-utils), `antiword`
//! or `catdoc`, and a CJK font (fonts-noto-cjk). Without them the test says so and
//! passes, unless NIANBAO_REQUIRE_CONVERTERS=1.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao::ingest;
use nianbao::report::{Part, Report};

/// The report, one paragraph a line: long paragraphs that wrap, figures near line ends,
/// headings of every level, a signature.
fn report_text() -> String {
    let mut lines = vec![
        "青峪县梅溪镇2023年法治政府建设情况报告".to_string(),
        String::new(),
        "县委、县政府：".to_string(),
        "2023年，梅溪镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，认真落实上级关于法治政府建设的决策部署，坚持依法行政，推进严格规范公正文明执法，法治政府建设取得新成效。现将有关情况报告如下：".to_string(),
        "一、主要举措和成效".to_string(),
    ];
    let topics = [
        "抓学习",
        "抓决策",
        "抓执法",
        "抓调解",
        "抓普法",
        "抓监督",
        "抓队伍",
    ];
    for (i, topic) in topics.iter().enumerate() {
        let n = i as u32 + 2;
        lines.push(format!(
            "（{}）{topic}，提升依法行政水平。全年开展法治宣传活动{}场，发放宣传资料{}余份，受理矛盾纠纷{}件，调解成功{}件，调解成功率达到{}%。聘请法律顾问{}名，审查合同{}份，提出法律意见{}条，进一步规范了行政决策程序。",
            &"一二三四五六七八"[i * 3..i * 3 + 3],
            10 + n,
            3000 + n * 100,
            40 + n,
            38 + n,
            90 + n,
            n,
            20 + n,
            5 + n
        ));
        lines.push(format!(
            "1.完善工作机制。镇司法所全年办理法律援助案件{n}件，接待群众咨询{}人次。",
            100 + n
        ));
    }
    lines.extend(
        [
            "二、存在的不足和原因",
            "法治宣传形式单一，针对性和实效性有待增强；执法队伍专业化水平有待提升。",
            "三、党政主要负责人履行推进法治建设第一责任人职责情况",
            "镇党委书记、镇长履行第一责任人职责，全年专题研究法治工作4次，带头讲法治课2次。",
            "四、下一年度工作安排",
            "2024年，我镇将继续深化基层依法治理，加强人民调解员队伍建设。",
            "",
            "梅溪镇人民政府",
            "2024年1月12日",
        ]
        .map(str::to_string),
    );
    lines.join("\n") + "\n"
}

/// The report as a flat OpenDocument text with a header and a page-number footer.
fn fodt(text: &str) -> String {
    let paragraphs: String = text
        .lines()
        .map(|l| format!("<text:p text:style-name=\"Body\">{l}</text:p>\n"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="CJK" svg:font-family="'Noto Serif CJK SC'"/></office:font-face-decls>
<office:styles><style:style style:name="Body" style:family="paragraph"><style:text-properties style:font-name="CJK" style:font-name-asian="CJK" fo:font-size="16pt" style:font-size-asian="16pt"/></style:style></office:styles>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.6cm" fo:margin-right="2.6cm"/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">
<style:header><text:p text:style-name="Body">梅溪镇人民政府文件</text:p></style:header>
<style:footer><text:p text:style-name="Body">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{paragraphs}</office:text></office:body></office:document>"#
    )
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// True when fontconfig knows a font for Chinese, without which LibreOffice writes
/// PDFs whose text cannot be read back.
fn has_cjk_font() -> bool {
    Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .is_ok_and(|out| !out.stdout.trim_ascii().is_empty())
}

/// True when the tools are here; otherwise says what is missing and whether that fails.
fn converters_present() -> bool {
    let missing: Vec<&str> = ["soffice", "pdftotext"]
        .into_iter()
        .filter(|p| !on_path(p))
        .chain((!on_path("antiword") && !on_path("catdoc")).then_some("antiword or catdoc"))
        .chain((!has_cjk_font()).then_some("a CJK font (fonts-noto-cjk)"))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let notice = format!(
        "converter test skipped: {} not installed",
        missing.join(", ")
    );
    if std::env::var("NIANBAO_REQUIRE_CONVERTERS").is_ok_and(|v| v == "1") {
        panic!("{notice} (NIANBAO_REQUIRE_CONVERTERS=1)");
    }
    eprintln!("{notice}");
    false
}

/// Converts `source` with LibreOffice into `format` (`pdf`, `doc`) beside it.
fn convert(source: &Path, format: &str, profile: &Path) -> PathBuf {
    let dir = source.parent().expect("a folder");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(dir)
        .arg(source)
        .output()
        .expect("run soffice");
    let out = source.with_extension(format);
    assert!(
        out.is_file(),
        "soffice made no .{format}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    out
}

/// A heading as the comparison sees it: level, marker, title and statutory parts.
type Heading = (u8, String, String, Vec<Part>);

/// What must be the same whatever the format: the outline and the figures.
fn outline_and_figures(report: &Report) -> (Vec<Heading>, Vec<String>) {
    let sections = report
        .sections
        .iter()
        .map(|s| (s.level, s.marker.clone(), s.title.clone(), s.parts.clone()))
        .collect();
    let figures = report
        .figures
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {:?} {}",
                f.surface, f.exact, f.unit, f.approx, f.label
            )
        })
        .collect();
    (sections, figures)
}

fn analyze(path: &Path) -> Report {
    let (_, doc) = ingest::read_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Report::analyze(&doc.text, doc.meta, doc.artifacts)
}

#[test]
fn pdf_and_doc_import_like_the_txt() {
    if !converters_present() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let text = report_text();
    let txt = dir.path().join("梅溪镇.txt");
    std::fs::write(&txt, &text).expect("write txt");
    let source = dir.path().join("梅溪镇.fodt");
    std::fs::write(&source, fodt(&text)).expect("write fodt");
    let profile = dir.path().join("profile");
    let pdf = convert(&source, "pdf", &profile);
    let doc = convert(&source, "doc", &profile);
    let wps = dir.path().join("梅溪镇.wps");
    std::fs::copy(&doc, &wps).expect("copy as wps");

    let expected = analyze(&txt);
    let (sections, figures) = outline_and_figures(&expected);
    assert!(sections.len() >= 12 && figures.len() >= 50, "{sections:?}");
    for file in [&pdf, &doc, &wps] {
        let report = analyze(file);
        let (got_sections, got_figures) = outline_and_figures(&report);
        assert_eq!(got_sections, sections, "{}", file.display());
        assert_eq!(got_figures, figures, "{}", file.display());
        assert_eq!(report.meta.township.as_deref(), Some("梅溪镇"));
        assert_eq!(report.meta.year, Some(2023));
        assert!(
            !report.text.contains("梅溪镇人民政府文件"),
            "{}",
            report.text
        );
        let page_number = |l: &str| l.trim().trim_matches(['-', ' ']).parse::<u32>().is_ok();
        assert!(!report.text.lines().any(page_number), "{}", report.text);
    }
}
