//! `e` exports the open pair: key sequences through `update` (the name offered follows
//! the format, an existing file is replaced only after `y`, the status line says where
//! the file went), and the real binary in tmux writing a Word file that python-docx
//! opens and an HTML page, in the folder it runs in.

use std::path::Path;

use crate::common::tmux::{Tmux, demo_store, tmux_available};
use crate::common::{TestEnv, export_tool};
use crate::tui_support::{app_with_list, press, run, sent};
use nianbao::export::pair::PairFormat;
use nianbao::i18n::Lang;
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Overlay};
use nianbao::tui::jobs::{Exported, Job, Reply, Request, Response};

/// The export asked for among requests: its path, format and whether it replaces.
fn export_of(requests: &[Request]) -> Option<(u64, String, PairFormat, bool)> {
    requests.iter().find_map(|r| match &r.job {
        Job::Export {
            path,
            format,
            force,
            ..
        } => Some((r.id, path.display().to_string(), *format, *force)),
        _ => None,
    })
}

fn answer(app: &mut App, id: u64, exported: Exported) {
    run(
        app,
        Action::Worker(Response {
            id,
            reply: Reply::Exported(exported),
        }),
    );
}

fn prompt_path(app: &App) -> Option<String> {
    match &app.overlay {
        Some(Overlay::Export(prompt)) => Some(prompt.path.clone()),
        _ => None,
    }
}

#[test]
fn the_offered_name_follows_the_format_and_replacing_asks_first() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "<Enter>");
    let data = app.review.as_ref().and_then(|r| r.data.clone()).unwrap();
    let docx = format!(
        "{}-{}-{}.docx",
        data.township,
        data.old_year.unwrap(),
        data.new_year
    );
    press(&mut app, "e");
    assert_eq!(prompt_path(&app).as_deref(), Some(docx.as_str()));
    press(&mut app, "<Tab>");
    let html = docx.replace(".docx", ".html");
    assert_eq!(prompt_path(&app).as_deref(), Some(html.as_str()));
    press(&mut app, "<Tab>");
    let asked = sent(&app.update(Action::Input(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    ))));
    let (id, path, format, force) = export_of(&asked).expect("an export asked");
    assert_eq!(
        (path.as_str(), format, force),
        (docx.as_str(), PairFormat::Docx, false)
    );

    answer(&mut app, id, Exported::Exists(docx.clone().into()));
    assert!(
        matches!(&app.overlay, Some(Overlay::Export(p)) if p.confirm),
        "an existing file asks first"
    );
    let kept = press(&mut app, "n");
    assert!(export_of(&kept).is_none(), "any other key keeps the file");
    assert!(matches!(&app.overlay, Some(Overlay::Export(p)) if !p.confirm));
    press(&mut app, "<Enter>");
    let again = app.overlay.as_ref().and_then(|o| match o {
        Overlay::Export(p) => p.waiting,
        _ => None,
    });
    answer(
        &mut app,
        again.unwrap(),
        Exported::Exists(docx.clone().into()),
    );
    let replaced = press(&mut app, "y");
    let (id, _, _, force) = export_of(&replaced).expect("replacing asked");
    assert!(force);
    answer(
        &mut app,
        id,
        Exported::Written(format!("/somewhere/{docx}").into()),
    );
    assert!(app.overlay.is_none());
    let status = app.status.clone().expect("a status");
    assert!(!status.error && status.text.contains(&format!("/somewhere/{docx}")));
}

#[test]
fn a_failure_is_one_line_in_the_status() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "<Enter> e");
    let asked = press(&mut app, "<Enter>");
    let (id, ..) = export_of(&asked).expect("an export asked");
    answer(
        &mut app,
        id,
        Exported::Failed("cannot write x: denied".into()),
    );
    let status = app.status.clone().expect("a status");
    assert!(status.error && status.text.contains("cannot write x: denied"));
    assert!(app.overlay.is_none());
}

#[test]
fn a_single_year_has_nothing_to_export() {
    let mut app = app_with_list(100, 30);
    press(&mut app, "/");
    crate::tui_support::type_text(&mut app, "太公镇");
    press(&mut app, "<Enter>");
    assert!(
        app.review
            .as_ref()
            .unwrap()
            .data
            .as_ref()
            .unwrap()
            .is_single()
    );
    press(&mut app, "e");
    assert!(app.overlay.is_none());
    assert!(app.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn the_key_is_in_the_help_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let keymap = nianbao::tui::keymap::Keymap::default();
        let found = nianbao::tui::help::lines(&keymap, lang).iter().any(|l| {
            matches!(l, nianbao::tui::help::HelpLine::Entry { keys, description }
                if keys == "e" && !description.is_empty())
        });
        assert!(found, "{lang:?}");
    }
}

/// What python-docx reads: every paragraph's text, and how many insertions the XML
/// holds.
const READER: &str = r#"
import sys, zipfile
import docx
path = sys.argv[1]
document = docx.Document(path)
xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
print(xml.count("<w:ins "))
print("\n".join(p.text for p in document.paragraphs))
"#;

/// Runs the interface in `dir`, opens the first township, exports it (as HTML when
/// `html`) under the name offered, then again replacing it after `y`; checks the file.
fn export_session(env: &TestEnv, dir: &Path, size: (u16, u16), extra: &[(&str, &str)], html: bool) {
    let script = format!(
        "cd '{}' && {} '{}'; echo NIANBAO_EXIT=$?; exec sleep 600",
        dir.display(),
        Tmux::environment(env, extra),
        env!("CARGO_BIN_EXE_nianbao"),
    );
    let tmux = Tmux::launch(env, size.0, size.1, &script);
    tmux.wait("the list", |s| {
        s.contains("年报审阅") || s.contains("annual report review")
    });
    tmux.keys(&["Enter"]);
    // The copy ratio shows once the pair is laid out.
    let screen = tmux.wait("a pair", |s| {
        s.lines()
            .next()
            .is_some_and(|h| h.contains(" → ") && h.contains('%'))
    });
    let header = screen.lines().next().unwrap_or_default().to_string();
    tmux.keys(&["e"]);
    tmux.wait("the export box", |s| s.contains(".docx▏"));
    if html {
        tmux.keys(&["Tab"]);
        tmux.wait("html chosen", |s| s.contains(".html▏"));
    }
    tmux.keys(&["Enter"]);
    let extension = if html { "html" } else { "docx" };
    let screen = tmux.wait("the status line", |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains(&dir.display().to_string()) && l.contains(extension))
    });
    let written: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    assert_eq!(written.len(), 1, "{screen}");
    let file = &written[0];
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let township = name.split('-').next().unwrap().to_string();
    assert!(header.contains(&township), "{header} / {name}");
    assert!(screen.contains(&name), "{screen}");
    // Again: the file is there, so it asks, and `y` replaces it with the export.
    std::fs::write(file, b"not an export").unwrap();
    tmux.keys(&["e"]);
    tmux.wait("the export box", |s| s.contains("▏"));
    if html {
        tmux.keys(&["Tab"]);
    }
    tmux.keys(&["Enter"]);
    tmux.wait("asked to replace", |s| {
        s.contains(&name) && !s.contains("▏")
    });
    tmux.keys(&["y"]);
    tmux.wait("written again", |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains(&dir.display().to_string()))
    });
    assert_ne!(std::fs::read(file).unwrap(), b"not an export");
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
    check_file(env, file, &township, html);
}

/// The exported file opens: the page holds the township and word changes; the Word
/// file opens in python-docx with tracked insertions and the township's name.
fn check_file(env: &TestEnv, file: &Path, township: &str, html: bool) {
    let bytes = std::fs::read(file).unwrap();
    if html {
        let page = String::from_utf8(bytes).unwrap();
        assert!(page.contains(township) && page.contains("<ins") && page.contains("<del"));
    } else if export_tool("python3", &["-c", "import docx"]) {
        let reader = env.write("read.py", READER.as_bytes());
        let out = std::process::Command::new("python3")
            .arg(&reader)
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let insertions: usize = text.lines().next().unwrap().trim().parse().unwrap();
        assert!(insertions > 0, "{text}");
        assert!(text.contains(township), "{text}");
    }
}

#[test]
fn export_from_the_demo_in_tmux() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    let narrow = env.path("narrow");
    let wide = env.path("wide");
    std::fs::create_dir_all(&narrow).unwrap();
    std::fs::create_dir_all(&wide).unwrap();
    export_session(&env, &narrow, (80, 24), &[("NO_COLOR", "1")], false);
    export_session(&env, &wide, (200, 50), &[("LANG", "en_US.UTF-8")], true);
}
