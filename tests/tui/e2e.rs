//! The review interface end to end: the real binary in tmux, on a store built by
//! `nianbao import` of the seed reports plus a second year made by editing one of them.
//! Skipped with a notice when tmux is absent, unless `NIANBAO_REQUIRE_TMUX=1`.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::tmux::{PATIENCE, Tmux, demo_store, tmux_available};
use crate::common::{TestEnv, code, stderr};

fn import(env: &TestEnv, file: &Path, township: &str, county: Option<&str>, year: i32) {
    let mut cmd = env.cmd();
    cmd.arg("import")
        .arg(file)
        .args(["--township", township, "--year", &year.to_string()]);
    if let Some(county) = county {
        cmd.args(["--county", county]);
    }
    let out = cmd.output().expect("run import");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

/// Raises the first number followed by a counting unit, so the second year reports a
/// changed figure.
fn bump_first_figure(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let units = ['次', '件', '名', '份', '场', '人', '个'];
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let is_year = chars.get(i) == Some(&'年');
            if chars.get(i).is_some_and(|c| units.contains(c))
                && !is_year
                && let Ok(n) = number.parse::<u64>()
            {
                let before: String = chars[..start].iter().collect();
                let after: String = chars[i..].iter().collect();
                return format!("{before}{}{after}", n + 7);
            }
        }
        i += 1;
    }
    text.to_string()
}

/// The seeds, each under its township from the gold file, plus a second year of the
/// first seed that names a county; returns that township and its two years.
fn build_store(env: &TestEnv, corpus: &Path) -> (Vec<String>, String, i32) {
    let gold = crate::common::gold(corpus);
    let reports = gold["reports"].as_object().expect("gold reports");
    let mut townships = Vec::new();
    let mut chosen = None;
    for (file, meta) in reports {
        let township = meta["township"].as_str().expect("township").to_string();
        let county = meta["county"].as_str();
        let year = meta["year"].as_i64().expect("year") as i32;
        let path = corpus.join("seeds").join(file);
        import(env, &path, &township, county, year);
        if chosen.is_none() && county.is_some() {
            chosen = Some((
                path.clone(),
                township.clone(),
                county.map(str::to_string),
                year,
            ));
        }
        townships.push(township);
    }
    let (path, township, county, year) = chosen.expect("a seed with a county");
    let text = std::fs::read_to_string(&path).expect("read seed");
    let next = bump_first_figure(&text).replace(&year.to_string(), &(year + 1).to_string());
    let next = format!("{next}\n今年新增一项工作：开展法治讲座8场。\n");
    let file = env.write("next-year.txt", next.as_bytes());
    import(env, &file, &township, county.as_deref(), year + 1);
    (townships, township, year)
}

/// The position shown at the right of the status line (`12/340`).
/// True when the pair the header names is the one on screen: its text is laid out
/// (a position shows) and the header no longer says it is loading.
fn pair_shown(screen: &str) -> bool {
    position(screen).is_some() && !screen.contains("正在载入")
}

fn position(screen: &str) -> Option<(usize, usize)> {
    let last = screen.lines().rev().find(|l| !l.trim().is_empty())?;
    let token = last.split_whitespace().last()?;
    let (at, total) = token.split_once('/')?;
    Some((at.parse().ok()?, total.parse().ok()?))
}

/// Initials of a name's pinyin as a reviewer would type them (the test knows the seeds'
/// names; the program does the matching).
fn initials(name: &str) -> Option<&'static str> {
    match name {
        "太公镇" => Some("tgz"),
        "杉岭乡" => Some("slx"),
        "迈陈镇" => Some("mcz"),
        "东安镇" => Some("daz"),
        "涂市镇" => Some("tsz"),
        _ => None,
    }
}

fn review_session(
    env: &TestEnv,
    townships: &[String],
    township: &str,
    year: i32,
    width: u16,
    height: u16,
) {
    let tmux = Tmux::start(env, width, height, &[]);
    // A capture can catch a frame half drawn: each wait asks for everything checked.
    tmux.wait("the township list", |s| {
        s.contains("年报审阅") && townships.iter().all(|t| s.contains(t.as_str()))
    });

    tmux.keys(&["/"]);
    tmux.type_text("tgz");
    tmux.wait("太公镇 alone", |s| {
        s.contains("筛选: tgz (1)") && s.contains("太公镇")
    });
    // Escape and the next key sent together would read as Alt+key: wait in between.
    tmux.keys(&["Escape"]);
    tmux.wait("the filter cleared", |s| !s.contains("筛选:"));
    tmux.keys(&["/"]);
    tmux.type_text("taigong");
    tmux.wait_for("筛选: taigong (1)");
    tmux.keys(&["Escape"]);
    tmux.wait("the filter cleared", |s| !s.contains("筛选:"));

    let typed = initials(township).expect("initials known for the chosen township");
    tmux.keys(&["/"]);
    tmux.type_text(typed);
    let only = format!("筛选: {typed} (1)");
    tmux.wait(&only, |s| s.contains(&only) && s.contains(township));
    tmux.keys(&["Enter"]);
    let pair = format!("{year} → {}", year + 1);
    let columns = (format!("{year} 上年"), format!("{} 本年", year + 1));
    let compare = tmux.wait(&pair, |s| {
        s.contains(&pair) && s.contains(&columns.0) && s.contains(&columns.1) && pair_shown(s)
    });
    let (at, total) = position(&compare).expect("position");
    assert!(at > 1, "the pair opens on its first change: {compare}");
    assert!(total > 10, "{compare}");

    tmux.keys(&["n"]);
    tmux.wait("the next change", |s| {
        s.contains(&pair) && position(s).is_some_and(|(a, _)| a > at)
    });

    tmux.keys(&["f"]);
    tmux.wait("the figures pane", |s| {
        s.contains("┏ 数据") && s.contains("上年") && s.contains("本年")
    });
    tmux.keys(&["f", "?"]);
    tmux.wait("the help", |s| {
        s.contains("按键帮助") && s.contains("行首标记")
    });
    tmux.keys(&["Escape"]);
    tmux.wait("help closed", |s| !s.contains("按键帮助"));
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

/// On the demo, 柳溪镇 2022 copied a paragraph of 青石镇 2022: the reuse pane shows it
/// as cross-township, Enter opens 青石镇's pair at the passage, Esc comes back.
fn reuse_session(env: &TestEnv, width: u16, height: u16) {
    let tmux = Tmux::start(env, width, height, &[]);
    tmux.wait("the demo townships", |s| {
        s.contains("柳溪镇") && s.contains("青石镇")
    });
    tmux.keys(&["/"]);
    tmux.type_text("柳溪镇");
    tmux.wait("柳溪镇 alone", |s| {
        s.contains("(1)") && s.contains("柳溪镇")
    });
    tmux.keys(&["Enter"]);
    tmux.wait("the latest pair", |s| {
        s.contains("柳溪镇") && s.contains("2022 → 2023") && pair_shown(s)
    });
    tmux.keys(&["["]);
    tmux.wait("2021 → 2022", |s| {
        s.contains("2021 → 2022") && pair_shown(s)
    });
    tmux.keys(&["u"]);
    tmux.wait("the reuse pane", |s| s.contains("┏ 复用"));
    tmux.keys(&["/"]);
    tmux.type_text("乡村振兴结合");
    tmux.keys(&["Enter"]);
    tmux.wait("a cross-township entry for 青石镇 2022", |s| {
        s.contains("┏ 复用")
            && s.lines()
                .any(|l| l.contains("跨乡镇") && l.contains("青石镇") && l.contains("2022"))
    });
    tmux.keys(&["Enter"]);
    tmux.wait("柳溪镇 beside 青石镇", |s| {
        s.lines().next().is_some_and(|title| {
            title.contains("跨乡镇")
                && title.contains("柳溪镇 2022")
                && title.contains("青石镇 2022")
        }) && s.contains("青石镇 2022")
            && s.contains("柳溪镇 2022")
            && s.contains("┌ 复用")
    });
    tmux.keys(&["Escape"]);
    tmux.wait("back in 柳溪镇", |s| {
        s.contains("柳溪镇 · 云岭县") && s.contains("2021 → 2022")
    });
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

#[test]
fn reuse_pane_on_the_demo_in_tmux() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    reuse_session(&env, 80, 24);
    reuse_session(&env, 160, 48);
}

#[test]
fn review_a_pair_in_tmux() {
    if !tmux_available() {
        return;
    }
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = TestEnv::new();
    let (townships, township, year) = build_store(&env, &corpus);
    review_session(&env, &townships, &township, year, 80, 24);
    review_session(&env, &townships, &township, year, 200, 50);
}

#[test]
fn a_note_survives_a_restart_and_is_exported() {
    if !tmux_available() {
        return;
    }
    let Some(corpus) = crate::common::corpus() else {
        return;
    };
    let env = TestEnv::new();
    let (_, township, _) = build_store(&env, &corpus);
    let typed = initials(&township).expect("initials");
    let open = |tmux: &Tmux| {
        tmux.wait_for("年报审阅");
        tmux.keys(&["/"]);
        tmux.type_text(typed);
        tmux.wait_for("(1)");
        tmux.keys(&["Enter"]);
        tmux.wait("the pair", |s| {
            position(s).is_some_and(|(_, total)| total > 1)
        });
    };
    let tmux = Tmux::start(&env, 100, 30, &[]);
    open(&tmux);
    tmux.keys(&["n", "a"]);
    tmux.wait_for("Enter 保存");
    tmux.type_text("与上年雷同，需核实");
    tmux.keys(&["Enter"]);
    tmux.wait_for("审阅意见已保存");
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
    drop(tmux);

    let tmux = Tmux::start(&env, 100, 30, &[]);
    tmux.wait("one note counted", |s| {
        s.lines().any(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            l.contains(township.as_str()) && cells.iter().rev().nth(1) == Some(&"1")
        })
    });
    open(&tmux);
    tmux.keys(&["n"]);
    let screen = tmux.wait("the note marker", |s| {
        s.lines().any(|l| l.chars().nth(1) == Some('*'))
    });
    assert!(screen.contains(&township));
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);

    let out = env.run(["notes", "export", "--format", "md"]);
    let md = crate::common::stdout(&out);
    assert!(md.contains("与上年雷同，需核实"), "{md}");
    assert!(md.contains("（tester "), "{md}");
}

#[test]
fn escapes_in_a_report_do_not_reach_the_terminal() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    let text = "恶意镇2023年法治政府建设年度报告\n一、主要举措和成效\n标题\x1b]0;pwned\x07被改写。清屏\x1b[2J无效。\n";
    let file = env.write("hostile.txt", text.as_bytes());
    import(&env, &file, "恶意镇", None, 2023);
    let tmux = Tmux::start(&env, 80, 24, &[]);
    tmux.wait_for("恶意镇");
    tmux.keys(&["Enter"]);
    tmux.wait("the report as text", |s| {
        s.contains("pwned") && s.contains("]0;") && s.contains("[2J") && s.contains("恶意镇 │ 2023")
    });
    assert_ne!(
        tmux.format("#{pane_title}"),
        "pwned",
        "the title was not changed"
    );
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

#[test]
fn a_panic_leaves_the_terminal_as_it_was() {
    if !tmux_available() || !cfg!(debug_assertions) {
        return;
    }
    let env = TestEnv::new();
    let tmux = Tmux::start(&env, 80, 24, &[("NIANBAO_DEBUG_PANIC", "1")]);
    let screen = tmux.expect_clean_exit(101);
    assert!(screen.contains("NIANBAO_DEBUG_PANIC"), "{screen}");
}

#[test]
fn ctrl_z_gives_the_terminal_back_until_continued() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    let tmux = Tmux::start_shell(&env, 80, 24);
    tmux.wait_for("nb-shell$");
    tmux.type_text(&format!("'{}'", env!("CARGO_BIN_EXE_nianbao")));
    tmux.keys(&["Enter"]);
    tmux.wait_for("nianbao import");
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    tmux.keys(&["C-z"]);
    let stopped = tmux.wait("the shell", |s| s.contains("Stopped"));
    assert_eq!(tmux.format("#{alternate_on}"), "0", "{stopped}");
    assert_eq!(tmux.format("#{cursor_flag}"), "1");
    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    tmux.wait("the interface again", |s| {
        s.contains("nianbao import") && !s.contains("Stopped")
    });
    assert_eq!(tmux.format("#{alternate_on}"), "1");
    tmux.keys(&["q"]);
    let start = Instant::now();
    while tmux.format("#{alternate_on}") != "0" {
        assert!(start.elapsed() < PATIENCE, "did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.wait("the prompt", |s| s.trim_end().ends_with("nb-shell$"));
    tmux.type_text("echo NIANBAO_EXIT=$?");
    tmux.keys(&["Enter"]);
    tmux.expect_clean_exit(0);
}

#[test]
fn a_bad_config_is_reported_and_the_defaults_used() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    env.write(
        "config/nianbao/config.toml",
        b"theme = \"light\"\nambiguous_width = 3\n",
    );
    let tmux = Tmux::start(&env, 100, 24, &[]);
    tmux.wait("the problem in full", |s| {
        s.contains("config.toml:2") && s.contains("ambiguous_width") && s.contains("1 | 2")
    });
    tmux.keys(&["Escape"]);
    tmux.wait("the welcome text", |s| {
        s.contains("nianbao import") && !s.contains("config.toml:2")
    });
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
    let logs = std::fs::read_dir(env.path("state/nianbao")).expect("log folder");
    let log: String = logs
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    assert!(log.contains("config.toml:2"), "{log}");
}

#[test]
fn ctrl_c_quits_whatever_keys_toml_binds_it_to() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    env.write(
        "config/nianbao/keys.toml",
        b"[[bind]]\non = [\"<C-c>\"]\nrun = \"noop\"\ncontext = \"global\"\n",
    );
    let tmux = Tmux::start(&env, 80, 24, &[]);
    tmux.wait_for("nianbao import");
    tmux.keys(&["C-c"]);
    tmux.expect_clean_exit(0);
}

/// The terminal's mouse modes while the interface runs: `any`, `standard` (button
/// presses and the wheel), `all` (every movement).
fn mouse_modes(tmux: &Tmux) -> String {
    tmux.format("#{mouse_any_flag} #{mouse_standard_flag} #{mouse_all_flag}")
}

#[test]
fn the_mouse_reports_presses_and_the_wheel_only_and_the_config_turns_it_off() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    let tmux = Tmux::start(&env, 80, 24, &[]);
    tmux.wait_for("松坪乡");
    assert_eq!(mouse_modes(&tmux), "1 1 0", "presses and wheel, no motion");
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);

    env.write("config/nianbao/config.toml", b"mouse = false\n");
    let tmux = Tmux::start(&env, 80, 24, &[]);
    tmux.wait_for("松坪乡");
    assert_eq!(
        mouse_modes(&tmux),
        "0 0 0",
        "mouse = false leaves the mouse alone"
    );
    tmux.keys(&["q"]);
    tmux.expect_clean_exit(0);
}

/// The colours a screen uses, by kind: (true colour, 256-colour index above 15).
fn colour_kinds(styled: &str) -> (bool, bool) {
    let mut truecolor = false;
    let mut indexed = false;
    for sgr in styled.split("\x1b[").skip(1) {
        let codes: Vec<&str> = sgr.split('m').next().unwrap_or("").split(';').collect();
        for window in codes.windows(3) {
            if matches!(window[0], "38" | "48") && window[1] == "2" {
                truecolor = true;
            }
            if matches!(window[0], "38" | "48")
                && window[1] == "5"
                && window[2].parse::<u8>().is_ok_and(|n| n > 15)
            {
                indexed = true;
            }
        }
    }
    (truecolor, indexed)
}

#[test]
fn the_colour_depth_follows_term_and_colorterm() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    demo_store(&env);
    for (term, colorterm, expected) in [
        ("linux", "", (false, false)),
        ("vt100", "", (false, false)),
        ("screen", "", (false, false)),
        ("screen-256color", "", (false, true)),
        ("xterm-256color", "truecolor", (true, false)),
    ] {
        let tmux = Tmux::start(&env, 80, 24, &[("TERM", term), ("COLORTERM", colorterm)]);
        tmux.wait_for("松坪乡");
        let styled = tmux.styled_screen();
        assert!(styled.contains("\x1b["), "{term}: coloured at all");
        assert_eq!(colour_kinds(&styled), expected, "{term} {colorterm}");
        tmux.keys(&["q"]);
        tmux.expect_clean_exit(0);
    }
}
