//! `nianbao --help` in the interface language. In English it is clap's help from the
//! doc comments, as it always was. In Chinese the same command is walked before clap
//! builds it (each argument's help, value names, defaults and possible values, the
//! notes after the options) and after (the `-h`/`-V` flags and the `help` subcommand
//! clap adds, the descriptions, headings and usage), every text taken from the tables in
//! `i18n`. Clap breaks lines only at spaces and counts a Chinese character as one
//! column, so the Chinese is wrapped here, with the project's CJK rules, to the width
//! clap is then told to use.

use clap::builder::{PossibleValue, Str, StyledStr, styling::Style};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use super::output::terminal_width;
use crate::i18n::{
    HelpWord, Lang, arg_help_zh, command_about_zh, help_word_zh, possible_value_zh, value_name_zh,
};

/// Where clap starts an option's help when it is on the line below the option.
const NEXT_LINE_INDENT: usize = 10;

/// Reads the process arguments with the help in `lang`. The Chinese command is built
/// only when clap has something to say (the help, a refusal): a command line that
/// reads does not wait for it.
pub fn parse(lang: Lang) -> Result<Cli, clap::Error> {
    let parsed = parse_with(Cli::command());
    match lang {
        Lang::Zh if parsed.is_err() => parse_with(command(Lang::Zh)),
        _ => parsed,
    }
}

fn parse_with(mut command: Command) -> Result<Cli, clap::Error> {
    let mut matches = command.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|error| error.format(&mut command))
}

/// The command line as clap reads it, its help in `lang`.
pub fn command(lang: Lang) -> Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Zh => chinese(Cli::command(), usize::from(terminal_width())),
    }
}

/// The command with its help in Chinese, wrapped to `width` columns.
fn chinese(cli: Command, width: usize) -> Command {
    let mut cli = translate(cli.term_width(width), "", width);
    cli.build();
    finish(cli, "", width, width)
}

/// Before clap builds the command (and copies the options of `nianbao` into every
/// subcommand): the arguments and the notes after them, in Chinese.
fn translate(command: Command, path: &str, width: usize) -> Command {
    let mut command = command.mut_args(|arg| translate_arg(arg, path, width));
    let notes = after_help_zh(path).or_else(|| command.get_after_help().map(ToString::to_string));
    if let Some(notes) = notes {
        command = command.after_help(wrap(&notes, width));
    }
    command.mut_subcommands(|sub| {
        let path = child(path, sub.get_name());
        translate(sub, &path, width)
    })
}

/// The notes some commands print after their options, in Chinese; the others print
/// their examples as they are.
fn after_help_zh(path: &str) -> Option<String> {
    match path {
        "diff" => Some(super::diff::after_help(Lang::Zh)),
        "figures" => Some(super::figures::after_help(Lang::Zh)),
        "reuse" => Some(super::reuse::after_help(Lang::Zh)),
        "search" => Some(super::search::after_help(Lang::Zh)),
        _ => None,
    }
}

/// A subcommand's path: `notes add`.
fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// One argument in Chinese: its help with what clap would add after it (environment
/// variable, default, possible values) said in Chinese instead, always on the line
/// below the option so the wrapping here knows its width.
fn translate_arg(arg: Arg, path: &str, width: usize) -> Arg {
    let arg = translate_value_names(arg);
    let Some(help) = arg_help_zh(path, arg.get_id().as_str()) else {
        return arg;
    };
    let width = width.saturating_sub(NEXT_LINE_INDENT);
    let values = possible_values(&arg);
    let mut specs: Vec<String> = env(&arg).into_iter().chain(default(&arg)).collect();
    let meanings = meanings(path, &arg, &values);
    if meanings.is_none() && !values.is_empty() {
        specs.push(listed(HelpWord::PossibleValues, &values_named(&values)));
    }
    let short = std::iter::once(help.to_string())
        .chain(specs.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let takes_value = arg.get_action().takes_values();
    let arg = arg
        .next_line_help(true)
        .hide_env(true)
        .hide_default_value(takes_value)
        .hide_possible_values(takes_value);
    let Some(meanings) = meanings else {
        return arg.help(wrap(&short, width));
    };
    let values = listed(HelpWord::PossibleValues, &values_named(&values));
    let short = format!("{short} {values}");
    let long = [help.to_string(), meanings, specs.join(" ")]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    arg.help(wrap(&short, width)).long_help(wrap(&long, width))
}

/// `<PATH>` as `<路径>`: each value name that is a word.
fn translate_value_names(arg: Arg) -> Arg {
    let Some(names) = arg.get_value_names() else {
        return arg;
    };
    let names: Vec<Str> = names
        .iter()
        .map(|name| value_name_zh(name.as_str()).map_or_else(|| name.clone(), Str::from))
        .collect();
    arg.value_names(names)
}

/// The values clap would list for an argument that takes a value.
fn possible_values(arg: &Arg) -> Vec<PossibleValue> {
    if !arg.get_action().takes_values() {
        return Vec::new();
    }
    arg.get_value_parser()
        .possible_values()
        .map(|values| values.filter(|value| !value.is_hide_set()).collect())
        .unwrap_or_default()
}

fn values_named(values: &[PossibleValue]) -> Vec<String> {
    values.iter().map(|v| v.get_name().to_string()).collect()
}

/// `[默认：auto]` and the like.
fn listed(word: HelpWord, items: &[String]) -> String {
    format!("[{}：{}]", help_word_zh(word), items.join("、"))
}

/// The environment variable an argument is read from, and its value now.
fn env(arg: &Arg) -> Option<String> {
    let name = arg.get_env()?;
    let value = std::env::var_os(name).unwrap_or_default();
    let shown = format!("{}={}", name.to_string_lossy(), value.to_string_lossy());
    Some(listed(HelpWord::Env, &[shown]))
}

/// The default of an argument that takes a value.
fn default(arg: &Arg) -> Option<String> {
    let defaults = arg.get_default_values();
    if defaults.is_empty() || !arg.get_action().takes_values() {
        return None;
    }
    let shown: Vec<String> = defaults
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    Some(listed(HelpWord::Default, &shown))
}

/// What each value means, one a line, where the English says it (`--color`).
fn meanings(path: &str, arg: &Arg, values: &[PossibleValue]) -> Option<String> {
    if !values.iter().any(|value| value.get_help().is_some()) {
        return None;
    }
    let id = arg.get_id().as_str();
    let lines = values.iter().map(|value| {
        let name = value.get_name();
        let meaning = possible_value_zh(path, id, name)
            .map(str::to_string)
            .or_else(|| value.get_help().map(ToString::to_string))
            .unwrap_or_default();
        format!("- {name}：{meaning}")
    });
    let heading = format!("{}：", help_word_zh(HelpWord::PossibleValues));
    Some(
        std::iter::once(heading)
            .chain(lines)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// After clap has built the command: descriptions, the flags and the `help`
/// subcommand clap adds, the headings and the usage line. `about_width` is what the
/// command's description may take beside its name in its parent's list.
fn finish(command: Command, path: &str, width: usize, about_width: usize) -> Command {
    let mut command = command.mut_args(|arg| flag_help(arg, width));
    if let Some(about) = command_about_zh(path) {
        command = command.about(wrap(about, about_width));
    }
    if let Some(name) = value_name_zh("COMMAND") {
        command = command.subcommand_value_name(name);
    }
    let usage = usage(&mut command);
    let template = template(&command);
    let command = command.override_usage(usage).help_template(template);
    if command.get_name() == "help" {
        return command;
    }
    let beside = command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .map(|sub| sub.get_name().chars().count())
        .max()
        .unwrap_or(0)
        + 4;
    command.mut_subcommands(|sub| {
        let path = child(path, sub.get_name());
        finish(sub, &path, width, width.saturating_sub(beside))
    })
}

/// `-h`, `--help` and `-V` in Chinese, as clap words them in English: `-h` points to
/// `--help` when that says more.
fn flag_help(arg: Arg, width: usize) -> Arg {
    let (short, long) = match arg.get_action() {
        ArgAction::Help if arg.get_long_help().is_some() => {
            (HelpWord::HelpSummary, Some(HelpWord::HelpFull))
        }
        ArgAction::Help => (HelpWord::Help, None),
        ArgAction::Version => (HelpWord::Version, None),
        _ => return arg,
    };
    let width = width.saturating_sub(NEXT_LINE_INDENT);
    let arg = arg
        .help(wrap(help_word_zh(short), width))
        .next_line_help(true);
    match long {
        Some(long) => arg.long_help(wrap(help_word_zh(long), width)),
        None => arg,
    }
}

/// The usage line clap would print, without its heading and with `[OPTIONS]` in
/// Chinese.
fn usage(command: &mut Command) -> StyledStr {
    let rendered = command.render_usage().ansi().to_string();
    let reset = command.get_styles().get_usage().render_reset().to_string();
    let line = rendered
        .split_once("Usage:")
        .map_or(rendered.as_str(), |(_, rest)| rest);
    let line = line
        .strip_prefix(reset.as_str())
        .unwrap_or(line)
        .trim_start();
    let options = format!("[{}]", help_word_zh(HelpWord::Options));
    StyledStr::from(line.replace("[OPTIONS]", &options))
}

/// Clap's layout with Chinese headings: usage, then commands, arguments and options
/// (each only when the command has some), then the notes.
fn template(command: &Command) -> StyledStr {
    let styles = command.get_styles();
    let heading =
        |style: &Style, word: HelpWord| format!("{style}{}：{style:#}", help_word_zh(word));
    let header = styles.get_header();
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}",
        heading(styles.get_usage(), HelpWord::Usage)
    );
    if command.get_subcommands().any(|sub| !sub.is_hide_set()) {
        let commands = heading(header, HelpWord::Commands);
        template.push_str(&format!("\n\n{commands}\n{{subcommands}}"));
    }
    if command.get_positionals().any(|arg| !arg.is_hide_set()) {
        let arguments = heading(header, HelpWord::Arguments);
        template.push_str(&format!("\n\n{arguments}\n{{positionals}}"));
    }
    let options = heading(header, HelpWord::Options);
    template.push_str(&format!("\n\n{options}\n{{options}}{{after-help}}"));
    StyledStr::from(template)
}

/// `text` broken into lines of at most `width` columns by the CJK rules of
/// [`crate::text::wrap`], its own line breaks kept.
fn wrap(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|paragraph| wrap_paragraph(paragraph, width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One paragraph of help. An indented one (an example) continues under what its first
/// line explains, or a little further in than it starts.
fn wrap_paragraph(paragraph: &str, width: usize) -> String {
    let mut lines = lines_of(paragraph, width);
    let first = lines.next().unwrap_or_default();
    if lines.next().is_none() {
        return first;
    }
    let hang = hanging_indent(paragraph, width);
    let rest = paragraph
        .get(first.len()..)
        .unwrap_or_default()
        .trim_start();
    let pad = " ".repeat(hang);
    std::iter::once(first)
        .chain(lines_of(rest, width.saturating_sub(hang)).map(|line| format!("{pad}{line}")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A paragraph's lines, each without the spaces it was broken at.
fn lines_of(paragraph: &str, width: usize) -> impl Iterator<Item = String> {
    let chars: Vec<char> = paragraph.chars().collect();
    crate::text::wrap::wrap(paragraph, width, false)
        .into_iter()
        .map(move |range| {
            let continues = range.start > 0;
            let line: String = chars.get(range).unwrap_or_default().iter().collect();
            let line = if continues { line.trim_start() } else { &line };
            line.trim_end().to_string()
        })
}

/// Where an indented paragraph's continuation lines start: under the text after its
/// last gap of two spaces (an example's explanation), unless that is too far right.
fn hanging_indent(paragraph: &str, width: usize) -> usize {
    let body = paragraph.trim_start_matches(' ');
    let indent = paragraph.len() - body.len();
    if indent == 0 {
        return 0;
    }
    let explained = body.rfind("  ").map(|gap| {
        let after = body.get(gap..).unwrap_or_default().trim_start_matches(' ');
        let before = body.get(..body.len() - after.len()).unwrap_or_default();
        indent + crate::text::width::text_width(before, false)
    });
    match explained {
        Some(column) if column <= width * 2 / 3 => column,
        _ => indent + 4,
    }
}

#[cfg(test)]
mod tests;
