//! `nianbao export --format html`, rendered by headless Chromium: both years' headings
//! and the changed words inside `del`/`ins` are on the page, planted markup stays text,
//! the page asks for nothing over the network, and it prints to A4.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{TestEnv, code, export_tool, stderr};

const OLD: &str = "松坪乡2022年法治政府建设年度报告
一、主要举措和成效
（一）强化组织保障。全年召开专题会议4次，研究部署法治建设工作。
二、存在的不足和原因
基层执法力量不足。
";

const NEW: &str = "松坪乡2023年法治政府建设年度报告
一、主要举措和成效
（一）强化组织领导。全年召开专题会议6次，研究部署法治建设工作。
二、存在的问题
基层执法力量不足。<img src=x onerror=alert(1)><script>document.title='ran'</script>
";

fn chromium(env: &TestEnv, args: &[&str], page: &Path) -> Output {
    let profile = env.path("chromium-profile");
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium")
}

#[test]
fn the_comparison_page_renders_in_chromium_with_markup_as_text() {
    if !export_tool("chromium", &["--headless", "--no-sandbox", "--version"]) {
        return;
    }
    let env = TestEnv::new();
    let old = env.write("2022.txt", OLD.as_bytes());
    let new = env.write("2023.txt", NEW.as_bytes());
    let page = env.path("比对.html");
    let out = env.run([
        "export".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--format".as_ref(),
        "html".as_ref(),
        "--output".as_ref(),
        page.as_os_str(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let dom = chromium(&env, &["--dump-dom"], &page);
    assert!(dom.status.success(), "{}", stderr(&dom));
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    // Each year's text: the other year's words dropped, this year's kept.
    let year_text = |drop: &str, keep: &str| {
        let dropped = regex::Regex::new(&format!("<{drop}>[^<]*</{drop}>")).expect("regex");
        dropped
            .replace_all(&dom, "")
            .replace(&format!("<{keep}>"), "")
            .replace(&format!("</{keep}>"), "")
    };
    let (old_text, new_text) = (year_text("ins", "del"), year_text("del", "ins"));
    for heading in ["（一）强化组织保障", "二、存在的不足和原因"] {
        assert!(old_text.contains(heading), "last year's heading {heading}");
    }
    for heading in ["（一）强化组织领导", "二、存在的问题"] {
        assert!(new_text.contains(heading), "this year's heading {heading}");
    }
    assert!(
        dom.contains("<del>4次</del>") || dom.contains("<del>4</del>"),
        "{dom}"
    );
    assert!(
        dom.contains("<ins>6次</ins>") || dom.contains("<ins>6</ins>"),
        "{dom}"
    );
    assert!(
        dom.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "planted markup as text"
    );
    assert!(!dom.contains("<img"), "no image element was made");
    assert!(!dom.contains("<title>ran</title>"), "no planted script ran");
    let fetching = regex::Regex::new(r#"<[^>]+\s(src|href|srcset|action)="#).expect("regex");
    assert!(!fetching.is_match(&dom), "nothing on the page fetches");
    assert!(
        dom.contains("default-src 'none'"),
        "the policy forbids every request"
    );

    let shot = env.path("page.png");
    let pdf = env.path("page.pdf");
    let screenshot = format!("--screenshot={}", shot.display());
    let out = chromium(&env, &[&screenshot, "--window-size=1280,900"], &page);
    assert!(out.status.success(), "{}", stderr(&out));
    let print = format!("--print-to-pdf={}", pdf.display());
    let out = chromium(&env, &[&print, "--no-pdf-header-footer"], &page);
    assert!(out.status.success(), "{}", stderr(&out));
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
    let pdf = std::fs::read(&pdf).expect("PDF written");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let a4 = String::from_utf8_lossy(&pdf);
    assert!(
        a4.contains("/MediaBox [0 0 595") || a4.contains("/MediaBox [0 0 594"),
        "laid out on A4"
    );
}
