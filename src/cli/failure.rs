//! A failed command as the user reads it on stderr: one line, each cause once, cleaned
//! for the terminal, and in the interface language where the error is one of ours.

use crate::i18n::Lang;
use crate::store::StoreError;
use crate::text::clean;

/// The error line, without the `nianbao: ` prefix.
pub fn line(error: &anyhow::Error, lang: Lang) -> String {
    let text = match lang {
        Lang::Zh => chinese(error).unwrap_or_else(|| chain(error)),
        Lang::En => chain(error),
    };
    one_line(&text)
}

/// A store's error as one line in the interface language, for a line that names its
/// file first (an import's failed file).
pub fn store_line(error: &StoreError, lang: Lang) -> String {
    one_line(&error.in_lang(lang))
}

/// `text` on one line, cleaned for the terminal.
fn one_line(text: &str) -> String {
    clean::field(&text.replace(['\n', '\r'], " "))
}

/// The causes joined by `: `, leaving out a cause whose words the line already holds.
fn chain(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(text.as_str()) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Our own errors worded in Chinese; `None` for anything else (the review service's
/// errors are worded in the interface language where a command's error is taken,
/// `cli::run`).
fn chinese(error: &anyhow::Error) -> Option<String> {
    if let Some(e) = error.downcast_ref::<StoreError>() {
        return Some(e.in_lang(Lang::Zh));
    }
    let e = error.downcast_ref::<super::output::OutputError>()?;
    Some(format!("无法写入标准输出：{}", e.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_in_the_line_is_left_out() {
        let inner = std::io::Error::other("disk full");
        let error = anyhow::Error::new(inner).context("cannot write: disk full");
        assert_eq!(line(&error, Lang::En), "cannot write: disk full");
    }
}
