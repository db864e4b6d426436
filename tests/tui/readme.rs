//! The README as a user meets it: its Keys table names every binding the help screen
//! shows, and its capture of the compare view is what a fresh demo draws.

use crate::common::TestEnv;
use crate::common::tmux::{Tmux, demo_store, tmux_available};
use nianbao::i18n::Lang;
use nianbao::tui::help::{HelpLine, lines};
use nianbao::tui::keymap::Keymap;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README")
}

/// The text of the README section whose heading is `heading`, up to the next one.
fn section(readme: &str, heading: &str) -> String {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}"));
    let rest = &readme[start + heading.len()..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_string()
}

#[test]
fn the_keys_table_lists_every_key_the_help_screen_shows() {
    let keys = section(&readme(), "## Keys");
    let help = lines(&Keymap::default(), Lang::En);
    // The row markers come first, up to the first blank line; the bindings follow.
    let bindings = help
        .iter()
        .skip_while(|line| !matches!(line, HelpLine::Blank));
    let mut checked = 0;
    for line in bindings {
        let HelpLine::Entry {
            keys: shown,
            description,
        } = line
        else {
            continue;
        };
        for key in shown.split(' ') {
            assert!(
                keys.contains(&format!("`{key}`")),
                "`{key}` ({description}) is not in the README's Keys table"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "every binding was read: {checked}");
}

#[test]
fn the_capture_is_what_a_fresh_demo_shows() {
    if !tmux_available() {
        return;
    }
    let readme = readme();
    let intro = readme
        .find("The compare view of the demo")
        .expect("the capture's introduction");
    let block = &readme[intro..];
    let start = block.find("```\n").expect("capture block") + 4;
    let end = start + block[start..].find("```\n").expect("capture end");
    let capture: Vec<&str> = block[start..end].lines().map(str::trim_end).collect();
    let width = capture
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(*l))
        .max()
        .unwrap_or(0);
    assert!(width <= 100, "the capture is at most 100 columns: {width}");

    let env = TestEnv::new();
    demo_store(&env);
    let height = u16::try_from(capture.len()).expect("rows");
    let tmux = Tmux::start(&env, 100, height, &[("NO_COLOR", "1")]);
    tmux.wait("the demo townships", |s| s.contains("松坪乡"));
    tmux.keys(&["/"]);
    tmux.type_text("松坪乡");
    tmux.wait("松坪乡 alone", |s| !s.contains("柳溪镇"));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait("the pair drawn", |s| {
        s.contains("2022 → 2023") && s.lines().last().is_some_and(|l| l.contains('/'))
    });
    let shown: Vec<&str> = screen.lines().map(str::trim_end).collect();
    assert_eq!(shown.len(), capture.len(), "{screen}");
    for (row, (readme_line, screen_line)) in capture.iter().zip(&shown).enumerate() {
        assert_eq!(
            readme_line, screen_line,
            "row {row} of the README capture differs from a fresh demo; \
             capture it again (100×{height}, NO_COLOR):\n{screen}"
        );
    }
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}
