//! Every command, argument, value name and value meaning has its Chinese, so a new
//! option cannot reach `--help` in English only.

use clap::{Command, CommandFactory};

use super::{child, possible_values};
use crate::cli::Cli;
use crate::i18n::{arg_help_zh, command_about_zh, possible_value_zh, value_name_zh};

/// Each command as written in the code (before clap adds its own), with its path.
fn commands() -> Vec<(String, Command)> {
    let mut found = Vec::new();
    let mut queue = vec![(String::new(), Cli::command())];
    while let Some((path, command)) = queue.pop() {
        for sub in command.get_subcommands() {
            queue.push((child(&path, sub.get_name()), sub.clone()));
        }
        found.push((path, command));
    }
    found
}

/// A value name that stands for a number by a letter (`N`, `F`) is no word.
fn is_word(name: &str) -> bool {
    name.chars().count() > 1
}

#[test]
fn every_command_has_a_chinese_description() {
    for (path, command) in commands() {
        assert!(
            command_about_zh(&path).is_some(),
            "`{path}` has no Chinese description"
        );
        if command.has_subcommands() {
            let help = child(&path, "help");
            assert!(
                command_about_zh(&help).is_some(),
                "`{help}` has no Chinese description"
            );
        }
    }
}

#[test]
fn every_argument_has_chinese_help() {
    for (path, command) in commands() {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            assert!(
                arg_help_zh(&path, id).is_some(),
                "`{path}` `{id}` has no Chinese help"
            );
        }
    }
}

#[test]
fn every_value_name_that_is_a_word_is_in_chinese() {
    for (path, command) in commands() {
        for arg in command
            .get_arguments()
            .filter(|a| a.get_action().takes_values())
        {
            for name in arg.get_value_names().unwrap_or_default() {
                assert!(
                    !is_word(name) || value_name_zh(name).is_some(),
                    "`{path}` `{}`: value name {name} has no Chinese",
                    arg.get_id()
                );
            }
        }
    }
}

#[test]
fn every_value_with_a_meaning_has_it_in_chinese() {
    let mut meanings = 0;
    for (path, command) in commands() {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            for value in possible_values(arg)
                .iter()
                .filter(|v| v.get_help().is_some())
            {
                meanings += 1;
                assert!(
                    possible_value_zh(&path, id, value.get_name()).is_some(),
                    "`{path}` `{id}` {} has no Chinese meaning",
                    value.get_name()
                );
            }
        }
    }
    assert!(
        meanings > 0,
        "no value says what it means: the walk saw none"
    );
}

#[test]
fn wrapped_chinese_keeps_its_text_and_fits() {
    let text =
        "不检索，而是补齐库的搜索索引：用于复制库时没带上它的 `-search` 文件，或该文件被删除之后";
    let wrapped = super::wrap(text, 24);
    for line in wrapped.lines() {
        assert!(
            crate::text::width::text_width(line, false) <= 24,
            "{line:?}"
        );
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(squeeze(&wrapped), squeeze(text));
    assert!(wrapped.lines().count() > 1);
}

/// The example lines of a command's notes that give an explanation beside the command
/// line (`  nianbao diff 杉岭乡   最近两年`): where on screen each explanation starts.
fn explanation_columns(notes: &str) -> Vec<(usize, String)> {
    notes
        .lines()
        .filter(|line| line.starts_with("  nianbao"))
        .filter_map(|line| {
            let gap = 2 + line[2..].find("  ")?;
            let rest = line[gap..].trim_start();
            let column = crate::text::width::text_width(&line[..line.len() - rest.len()], false);
            Some((column, line.to_string()))
        })
        .collect()
}

#[test]
fn the_explanations_of_each_commands_examples_start_in_one_column() {
    let mut notes: Vec<(String, String)> = commands()
        .into_iter()
        .filter_map(|(path, command)| Some((path, command.get_after_help()?.to_string())))
        .collect();
    for path in ["diff", "figures", "reuse", "search"] {
        notes.push((
            format!("{path} (zh)"),
            super::after_help_zh(path).unwrap_or_default(),
        ));
    }
    for (path, notes) in notes {
        let columns = explanation_columns(&notes);
        if let Some((first, _)) = columns.first() {
            for (column, line) in &columns {
                assert_eq!(column, first, "`{path}`: {line}");
            }
        }
    }
}
