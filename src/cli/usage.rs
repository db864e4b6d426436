//! A command line clap cannot read, said in the interface language: clap words its
//! errors in English, so under Chinese the error is worded again from what clap found
//! (the option, the value, the subcommand), in one line with where to read the usage.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{ErrorMsg, Lang, error_words};
use crate::names;

/// Prints clap's refusal (or the help and version it was asked for) and gives the exit
/// code: 0 for help and version, 2 for a command line that cannot be read.
pub fn report(error: &clap::Error, lang: Lang) -> ExitCode {
    let asked = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if asked || lang == Lang::En {
        // Nowhere is left to report a failure to write the error itself.
        let _ = error.print();
        return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
    }
    eprintln!("nianbao: {}", chinese(error));
    ExitCode::from(2)
}

/// The language asked for before the command line could be read: `--lang` anywhere in
/// it, then the environment.
pub fn language(args: &[String]) -> Lang {
    let flag = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).map(String::as_str))?)
    });
    Lang::detect(flag)
}

/// Clap's error worded in Chinese from its context.
fn chinese(error: &clap::Error) -> String {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let option = |text: String| match text.split_once(' ') {
        Some((flag, _)) if flag.starts_with('-') => flag.to_string(),
        _ => text,
    };
    let arg = option(context(ContextKind::InvalidArg));
    let value = context(ContextKind::InvalidValue);
    let (m, args) = match error.kind() {
        ErrorKind::ValueValidation => refused_value(arg, value),
        ErrorKind::InvalidValue => (ErrorMsg::UsageBadValue, vec![arg, value]),
        ErrorKind::UnknownArgument => (ErrorMsg::UsageUnknownOption, vec![arg]),
        ErrorKind::InvalidSubcommand => (
            ErrorMsg::UsageUnknownCommand,
            vec![context(ContextKind::InvalidSubcommand)],
        ),
        ErrorKind::MissingRequiredArgument => (ErrorMsg::UsageMissing, vec![arg]),
        ErrorKind::ArgumentConflict => (
            ErrorMsg::UsageConflict,
            vec![arg, option(context(ContextKind::PriorArg))],
        ),
        _ => (ErrorMsg::UsageOther, Vec::new()),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    error_words(Lang::Zh, m, &args)
}

/// Why a flag's own check refused its value (the checks word it in English): a year
/// outside the years reports are filed for, a name that is only invisible characters,
/// a kind of shared text there is not.
fn refused_value(arg: String, value: String) -> (ErrorMsg, Vec<String>) {
    match arg.as_str() {
        "--year" => {
            let years = names::year_range();
            let (first, last) = (years.start().to_string(), years.end().to_string());
            (ErrorMsg::UsageYear, vec![arg, value, first, last])
        }
        "--township" | "--county" | "--province" => (ErrorMsg::UsageEmptyName, vec![arg]),
        "--kind" => (ErrorMsg::UsageKind, vec![value]),
        _ => (ErrorMsg::UsageBadValue, vec![arg, value]),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::super::Cli;

    #[test]
    fn every_command_says_what_it_is_for_in_the_help() {
        let cli = Cli::command();
        for command in cli.get_subcommands() {
            let about = command.get_about().map(ToString::to_string);
            assert!(
                about.is_some_and(|about| !about.trim().is_empty()),
                "`{}` has no line in `nianbao --help`",
                command.get_name()
            );
        }
    }
}
