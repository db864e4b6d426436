//! The reviewer's loop on the demo county, end to end in tmux: read the changes without
//! colour, search into folded runs, and notes written from the command line read,
//! edited and deleted in the interface.

use crate::common::TestEnv;
use crate::common::tmux::{Tmux, demo_store, tmux_available};

/// `at/total` at the end of the status line.
fn position(screen: &str) -> Option<(usize, usize)> {
    let last = screen.lines().rev().find(|l| !l.trim().is_empty())?;
    let token = last.split_whitespace().last()?;
    let (at, total) = token.split_once('/')?;
    Some((at.parse().ok()?, total.parse().ok()?))
}

/// Opens 柳溪镇 2021 → 2022 of the demo from the township list.
fn open_liuxi(tmux: &Tmux) -> String {
    tmux.wait("the demo townships", |s| {
        s.contains("柳溪镇") && s.contains("青石镇")
    });
    tmux.keys(&["/"]);
    tmux.type_text("柳溪镇");
    tmux.wait("柳溪镇 alone", |s| {
        s.contains("柳溪镇") && !s.contains("青石镇")
    });
    tmux.keys(&["Enter"]);
    tmux.wait("the latest pair", |s| {
        s.contains("2022 → 2023") && position(s).is_some()
    });
    tmux.keys(&["["]);
    tmux.wait("2021 → 2022 drawn", |s| {
        s.contains("2021 → 2022")
            && position(s).is_some()
            && !s.contains("载入")
            && !s.contains("loading")
            && (s.contains("2021 上年") || s.contains("2021 last year"))
    })
}

/// Types a search and waits to see it typed, then entered: keys that arrive together
/// while typing are read as pasted text.
fn search_for(tmux: &Tmux, text: &str) {
    tmux.keys(&["/"]);
    tmux.type_text(text);
    tmux.wait("the search typed", |s| {
        s.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.contains(text))
    });
    tmux.keys(&["Enter"]);
    let prompt = format!("/{text}");
    tmux.wait("the search entered", |s| !s.contains(&prompt));
}

#[test]
fn without_colour_the_cursor_row_brackets_its_changed_words() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    let tmux = Tmux::start(&env, 80, 24, &[("NO_COLOR", "1")]);
    open_liuxi(&tmux);
    let is_title = |l: &str| l.starts_with('^') && l.contains("柳溪镇[-2021年-]");
    let screen = tmux.wait("the title row", |s| s.lines().any(is_title));
    assert_eq!(
        position(&screen).map(|p| p.0),
        Some(2),
        "opens on the first change, not on the preamble heading:\n{screen}"
    );
    let plain: Vec<&str> = screen.lines().collect();
    let y = plain
        .iter()
        .position(|l| is_title(l))
        .unwrap_or_else(|| panic!("no title row:\n{screen}"));
    assert!(
        plain[y].contains("[-2021年-]") && plain[y].contains("{+2022年+}"),
        "{}",
        plain[y]
    );
    let styled = tmux.styled_screen();
    let row = styled.lines().nth(y).unwrap_or_default();
    let first_sgr = row
        .strip_prefix("\x1b[")
        .and_then(|r| r.split_once('m'))
        .map(|(codes, _)| codes.to_string())
        .unwrap_or_default();
    assert!(
        first_sgr.split(';').any(|c| c == "7"),
        "the cursor row's gutter is drawn in reverse video: {row:?}"
    );
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

#[test]
fn search_reaches_into_folded_runs_and_says_when_nothing_is_found() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    let tmux = Tmux::start(&env, 80, 24, &[("LANG", "en_US.UTF-8")]);
    let screen = open_liuxi(&tmux);
    assert!(
        !screen.contains("有待"),
        "the matches start out of sight:\n{screen}"
    );
    search_for(&tmux, "有待");
    let found = tmux.wait("the first of three matches", |s| s.contains("[1/3]"));
    assert!(
        found.lines().any(|l| l.contains("的能力有待提高")),
        "the folded sentence is shown:\n{found}"
    );
    tmux.keys(&["n"]);
    tmux.wait("the second match", |s| s.contains("[2/3]"));
    tmux.keys(&["n"]);
    let third = tmux.wait("the third match", |s| s.contains("[3/3]"));
    assert!(
        third.contains("普法宣传的针对性和实效性有待增强"),
        "{third}"
    );
    tmux.keys(&["N"]);
    tmux.wait("back to the second", |s| s.contains("[2/3]"));
    search_for(&tmux, "不存在的词");
    tmux.wait("not found", |s| s.contains("not found"));
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

#[test]
fn notes_from_the_command_line_are_read_edited_and_deleted_in_the_interface() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    let add = |text: &str, section: &str, flag: bool| {
        let mut args = vec!["notes", "add", "柳溪镇", "2022", "--text", text];
        args.extend(["--section", section]);
        if flag {
            args.push("--flag");
        }
        let out = env.run(args);
        assert_eq!(
            crate::common::code(&out),
            0,
            "{}",
            crate::common::stderr(&out)
        );
    };
    add("第一部分沿用上年", "1.1", false);
    add("数字待核实", "1.3", true);

    let tmux = Tmux::start(&env, 80, 24, &[]);
    let screen = open_liuxi(&tmux);
    let gutter = |s: &str, title: &str, mark: char| {
        s.lines()
            .any(|l| l.contains(title) && l.chars().nth(1) == Some(mark))
    };
    assert!(gutter(&screen, "（一）强化组织保障", '*'), "{screen}");
    assert!(gutter(&screen, "（三）加强矛盾纠纷化解", '!'), "{screen}");

    tmux.keys(&["m"]);
    tmux.wait("both notes in the notes pane", |s| {
        s.contains("第一部分沿用上年") && s.contains("数字待核实")
    });
    tmux.keys(&["Enter"]);
    tmux.wait("the note open for editing", |s| s.contains("Ctrl-J"));
    tmux.type_text("，需核实原因");
    tmux.keys(&["Enter"]);
    tmux.wait("the edited note saved", |s| {
        s.contains("第一部分沿用上年，需核实原因") && s.contains("审阅意见已修改")
    });
    tmux.keys(&["j", "d"]);
    tmux.wait("asked before deleting", |s| s.contains("y 删除"));
    tmux.keys(&["y"]);
    tmux.wait("the flag gone", |s| {
        s.contains("审阅意见已删除") && !s.contains("数字待核实")
    });
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);

    let out = env.run(["notes", "list", "--json"]);
    let notes: serde_json::Value =
        serde_json::from_str(&crate::common::stdout(&out)).expect("notes list --json");
    let bodies: Vec<&str> = notes
        .as_array()
        .map(|a| a.iter().filter_map(|n| n["body"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(bodies, ["第一部分沿用上年，需核实原因"], "{notes}");
}
