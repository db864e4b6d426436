//! Every message follows `--lang`: a refused file, a report whose township or year
//! cannot be told, a file `diff` cannot read, a wrong argument, each command's refusals
//! and a command line that cannot be read are worded in Chinese under `--lang zh` and
//! hold no Chinese under `--lang en`.

use crate::common::{TestEnv, stderr};

/// Runs of ASCII letters of four or more: English words (flags like `--township` and
/// the file names are taken out first).
fn english_words(line: &str, names: &[&str]) -> Vec<String> {
    let mut line = line.to_string();
    for name in names {
        line = line.replace(name, " ");
    }
    line.split(|c: char| !c.is_ascii_alphabetic() && c != '-')
        .filter(|w| {
            !w.starts_with("--") && w.chars().filter(char::is_ascii_alphabetic).count() >= 4
        })
        .map(str::to_string)
        .collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The files every check uses: one without a township or year, one empty, one too
/// short to say anything.
fn files(env: &TestEnv) -> Vec<(String, &'static str)> {
    env.write(
        "plain.txt",
        b"hello, a text with no township and no year at all.\n",
    );
    env.write("empty.txt", b"");
    vec![
        (env.path("plain.txt").display().to_string(), "plain.txt"),
        (env.path("empty.txt").display().to_string(), "empty.txt"),
    ]
}

#[test]
fn import_failures_follow_the_language() {
    let env = TestEnv::new();
    let files = files(&env);
    for lang in ["zh", "en"] {
        let mut args = vec!["--lang", lang, "import"];
        args.extend(files.iter().map(|(path, _)| path.as_str()));
        let err = stderr(&env.run(&args));
        for (path, name) in &files {
            let line = err
                .lines()
                .find(|l| l.contains(path.as_str()))
                .unwrap_or_else(|| panic!("{name} not named: {err}"));
            let reason = line.split_once(path.as_str()).map_or("", |(_, r)| r);
            if lang == "zh" {
                assert!(has_chinese(reason), "{line}");
                assert_eq!(english_words(reason, &[]), Vec::<String>::new(), "{line}");
            } else {
                assert!(!has_chinese(line), "{line}");
            }
        }
    }
}

#[test]
fn a_file_diff_cannot_read_is_named_in_the_language() {
    let env = TestEnv::new();
    let files = files(&env);
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let zh = stderr(&env.run(["--lang", "zh", "diff", names[1], names[0]]));
    assert!(has_chinese(&zh), "{zh}");
    assert_eq!(english_words(&zh, &names), ["nianbao"], "{zh}");
    let en = stderr(&env.run(["--lang", "en", "diff", names[1], names[0]]));
    assert!(!has_chinese(&en), "{en}");
}

#[test]
fn argument_errors_follow_the_language() {
    let env = TestEnv::new();
    let missing = env.path("missing.txt").display().to_string();
    let commands: [&[&str]; 3] = [
        &["diff", &missing, &missing],
        &["reuse", &missing],
        &["diff", "甲镇", "去年"],
    ];
    for args in commands {
        let run = |lang: &str| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            stderr(&env.run(&all))
        };
        let zh = run("zh");
        assert!(has_chinese(&zh), "{args:?}: {zh}");
        assert_eq!(
            english_words(&zh, &[&missing]),
            ["nianbao"],
            "{args:?}: {zh}"
        );
        let en = run("en");
        let en_words = en.replace("甲镇", "").replace("去年", "");
        assert!(!has_chinese(&en_words), "{args:?}: {en}");
    }
}

/// Text inside backticks is a command to type, not words of the message.
fn without_commands(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

#[test]
fn refusals_of_each_command_follow_the_language() {
    let env = TestEnv::new();
    crate::common::tmux::demo_store(&env);
    let file = env.write("a-file.txt", b"not a folder\n");
    let file = file.display().to_string();
    let under_file = format!("{file}/corpus");
    let commands: Vec<Vec<&str>> = vec![
        vec!["demo", "--dir", &file, "--no-tui"],
        vec!["bench-corpus", "--out", &under_file],
        vec!["figures", "--compare", "--files", &file],
        vec!["reuse", "top"],
        vec!["reuse", "--kind", "template", "柳溪镇"],
        vec!["reuse", "--rebuild", &file],
        vec!["reuse", "--top", "柳溪镇"],
        vec!["reuse"],
        vec!["reuse", "--top", "--min-chars", "2"],
        vec![
            "notes",
            "add",
            "柳溪镇",
            "2023",
            "--section",
            "9.9",
            "--text",
            "x",
        ],
        vec!["diff", "--width", "abc", "柳溪镇"],
        vec!["frobnicate"],
        vec!["report"],
        vec!["diff", "--nonsense", "柳溪镇"],
        vec!["import", "--year=-5", &file],
        vec!["import", "--county=\u{200B}", &file],
        vec!["reuse", "--top", "--kind", "xx"],
        vec!["reuse", "--top", "--county", "云岭县"],
    ];
    let store = env.store().display().to_string();
    let names = [under_file.as_str(), file.as_str(), store.as_str()];
    for args in commands {
        let run = |lang: &str| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(&args);
            let out = env.run(&all);
            assert_eq!(crate::common::code(&out), 2, "{args:?} {lang}");
            stderr(&out)
        };
        let zh = run("zh");
        assert_eq!(zh.trim().lines().count(), 1, "{args:?}: {zh}");
        assert!(has_chinese(&zh), "{args:?}: {zh}");
        assert_eq!(
            english_words(&without_commands(&zh), &names),
            ["nianbao"],
            "{args:?}: {zh}"
        );
        let en = run("en").replace("柳溪镇", "");
        assert!(!en.trim().is_empty(), "{args:?}: nothing said");
        assert!(!has_chinese(&en), "{args:?}: {en}");
    }
}

/// A township stored under two counties, or asked for under a third: the refusal is in
/// the interface language in every command that reads one township (the store's own
/// refusal as much as the review's).
#[test]
fn a_county_to_choose_or_a_wrong_county_follows_the_language() {
    let env = TestEnv::new();
    crate::common::tmux::demo_store(&env);
    let report = env.write(
        "second.txt",
        "柳溪镇2023年法治政府建设年度报告\n一、主要举措\n开展法治宣传。\n".as_bytes(),
    );
    let report = report.display().to_string();
    let import = env.run([
        "import",
        "--township",
        "柳溪镇",
        "--county",
        "白水县",
        "--year",
        "2023",
        &report,
    ]);
    assert_eq!(crate::common::code(&import), 0, "{}", stderr(&import));
    let commands: [&[&str]; 5] = [
        &["show", "柳溪镇", "2023"],
        &["diff", "柳溪镇"],
        &["figures", "柳溪镇"],
        &["show", "柳溪镇", "2023", "--county", "无此县"],
        &["reuse", "柳溪镇", "--county", "无此县"],
    ];
    for args in commands {
        let run = |lang: &str| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let out = env.run(&all);
            assert_eq!(crate::common::code(&out), 2, "{args:?} {lang}");
            stderr(&out)
        };
        let zh = run("zh");
        assert_eq!(zh.trim().lines().count(), 1, "{args:?}: {zh}");
        assert!(zh.contains("白水县"), "{args:?}: {zh}");
        assert_eq!(english_words(&zh, &[]), ["nianbao"], "{args:?}: {zh}");
        let en = run("en");
        assert!(en.contains("白水县"), "{args:?}: {en}");
        let mut en_words = en.clone();
        for name in ["柳溪镇", "白水县", "无此县", nianbao::demo::COUNTY] {
            en_words = en_words.replace(name, "");
        }
        assert!(!has_chinese(&en_words), "{args:?}: {en}");
    }
}
