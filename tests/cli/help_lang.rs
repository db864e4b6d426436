//! `--help` follows the interface language. Under Chinese (`--lang zh`, or the
//! environment) the help of `nianbao` and of every subcommand holds no English
//! sentence, says each option with the words of the Chinese table, and fits the
//! terminal's width counting a Chinese character as two columns. Under `--lang en` it
//! is clap's help from the doc comments, as it always was.

use std::process::Output;

use clap::{Command, CommandFactory};
use nianbao::cli::Cli;
use nianbao::i18n::{arg_help_zh, command_about_zh};
use nianbao::text::width::text_width;

use crate::common::{TestEnv, code, stderr, stdout};

/// An option as the Chinese table keys it: the command path and the option's id.
type TableKey = (String, String);

/// Every command's path as the code declares it (`[]`, `["diff"]`, `["notes", "add"]`)
/// with the options it takes, each as the Chinese table keys it: its own under its
/// path, those of `nianbao` itself under `""`.
fn commands() -> Vec<(Vec<String>, Vec<TableKey>)> {
    let cli = Cli::command();
    let global: Vec<TableKey> = cli
        .get_arguments()
        .map(|a| (String::new(), a.get_id().to_string()))
        .collect();
    let mut found = Vec::new();
    let mut queue: Vec<(Vec<String>, Command)> = vec![(Vec::new(), cli)];
    while let Some((path, command)) = queue.pop() {
        for sub in command.get_subcommands() {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_string());
            queue.push((sub_path, sub.clone()));
        }
        let key = path.join(" ");
        let mut args: Vec<TableKey> = command
            .get_arguments()
            .map(|a| (key.clone(), a.get_id().to_string()))
            .collect();
        if !path.is_empty() {
            args.extend(global.iter().cloned());
        }
        found.push((path, args));
    }
    found
}

/// Runs `nianbao [--lang LANG] PATH FLAG` at `columns` columns.
fn help(env: &TestEnv, lang: Option<&str>, path: &[String], flag: &str, columns: u16) -> Output {
    let mut cmd = at_width(env, columns);
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    cmd.args(path).arg(flag).output().expect("run nianbao")
}

/// The binary at `columns` columns. The English help shows the store's variable with
/// its value; the expected help is rendered in this process, so the binary sees the
/// same value.
fn at_width(env: &TestEnv, columns: u16) -> std::process::Command {
    let mut cmd = env.cmd();
    cmd.env("COLUMNS", columns.to_string());
    match std::env::var_os("NIANBAO_STORE") {
        Some(value) => cmd.env("NIANBAO_STORE", value),
        None => cmd.env_remove("NIANBAO_STORE"),
    };
    cmd
}

/// Lines of English prose: three or more English words in a row. Not prose: option
/// names (`--year`), value names (`<N>`), what is quoted in backticks, the examples
/// (the indented lines under `示例`, bilingual as they always were), and the English
/// half of a bilingual label (`原句照搬 / same sentence`), whose Chinese half comes
/// first.
fn english_sentences(help: &str) -> Vec<String> {
    let is_word = |token: &str| {
        let word = token.trim_matches(|c: char| "()[],.;:'\"`".contains(c));
        !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic())
    };
    let mut in_examples = false;
    help.lines()
        .filter(|line| {
            in_examples = line.starts_with("示例") || (in_examples && line.starts_with("  "));
            !in_examples
        })
        .filter(|line| {
            let text = match line.split_once(" / ") {
                Some((chinese, _)) if has_chinese(chinese) => chinese,
                _ => line,
            };
            // What is quoted in backticks is a command or a value, written as typed.
            let text: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let mut run = 0;
            text.split_whitespace().any(|token| {
                run = if is_word(token) { run + 1 } else { 0 };
                run >= 3
            })
        })
        .map(str::to_string)
        .collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Text without its line breaks and indentation, as a table entry reads once wrapped.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn chinese_help_has_no_english_sentence_and_fits_80_columns() {
    let env = TestEnv::new();
    let commands = commands();
    assert!(commands.len() > 15, "the walk found too few commands");
    for (path, args) in &commands {
        let key = path.join(" ");
        for flag in ["-h", "--help"] {
            let out = help(&env, Some("zh"), path, flag, 80);
            let text = stdout(&out);
            assert_eq!(code(&out), 0, "{key} {flag}: {}", stderr(&out));
            assert!(
                text.contains("用法：") && text.contains("选项："),
                "{key} {flag}:\n{text}"
            );
            let english = english_sentences(&text);
            assert!(english.is_empty(), "{key} {flag} has English: {english:#?}");
            for line in text.lines() {
                assert!(
                    text_width(line, false) <= 80,
                    "{key} {flag}: too wide: {line}"
                );
            }
            let about = command_about_zh(&key).expect("a Chinese description");
            assert!(
                squeezed(&text).contains(&squeezed(about)),
                "{key}: no {about}"
            );
            for (table, id) in args {
                let zh =
                    arg_help_zh(table, id).unwrap_or_else(|| panic!("{key} {id}: no Chinese help"));
                assert!(
                    squeezed(&text).contains(&squeezed(zh)),
                    "{key} {flag}: not {zh}"
                );
            }
        }
    }
}

#[test]
fn chinese_is_the_default_english_follows_lang_and_is_the_doc_comments() {
    let env = TestEnv::new();
    let default = stdout(&help(&env, None, &[], "--help", 100));
    assert_eq!(default, stdout(&help(&env, Some("zh"), &[], "--help", 100)));
    let from_environment = at_width(&env, 100)
        .env("LANG", "en_US.UTF-8")
        .arg("--help")
        .output()
        .expect("run nianbao");
    assert_eq!(
        stdout(&from_environment),
        stdout(&help(&env, Some("en"), &[], "--help", 100))
    );
    let mut cli = Cli::command().term_width(100);
    cli.build();
    for (path, _) in commands() {
        let mut expected = &mut cli;
        for name in &path {
            expected = expected.find_subcommand_mut(name).expect("a subcommand");
        }
        for (flag, rendered) in [
            ("-h", expected.render_help().to_string()),
            ("--help", expected.render_long_help().to_string()),
        ] {
            let out = help(&env, Some("en"), &path, flag, 100);
            assert_eq!(code(&out), 0);
            let text = stdout(&out);
            assert_eq!(text.trim_end(), rendered.trim_end(), "{path:?} {flag}");
            // The English is what the check above must find in Chinese, so it can fail.
            assert!(!english_sentences(&text).is_empty(), "{path:?} {flag}");
        }
    }
}
