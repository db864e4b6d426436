//! A number with the noun it counts, worded once for every output: Chinese puts a
//! measure word before the noun and has no plural (`1 个乡镇`, `3 个乡镇`); English
//! agrees the noun with the number (`1 township`, `3 townships`). A count in English
//! either goes through [`counted`] or stands after a label (`occurrences: 3`), never
//! before a plural written into a template.

use super::Lang;

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Township,
    Report,
    /// Reports holding what was searched for, with the verb that agrees with them.
    ReportContaining,
    /// Characters of text.
    Char,
    /// Sentences folded away as unchanged.
    UnchangedSentence,
    /// Problems found in the settings files.
    SettingsProblem,
}

/// `n` and its noun in `lang`: `3 个乡镇`, `1 township`, `3 townships`.
pub fn counted(lang: Lang, n: usize, noun: Noun) -> String {
    let (zh, one, many) = words(noun);
    let word = match lang {
        Lang::Zh => zh,
        Lang::En if n == 1 => one,
        Lang::En => many,
    };
    format!("{n} {word}")
}

/// The noun in Chinese (with its measure word), in English singular and plural.
fn words(noun: Noun) -> (&'static str, &'static str, &'static str) {
    match noun {
        Noun::Township => ("个乡镇", "township", "townships"),
        Noun::Report => ("份报告", "report", "reports"),
        Noun::ReportContaining => ("份报告含有", "report contains", "reports contain"),
        Noun::Char => ("字", "char", "chars"),
        Noun::UnchangedSentence => ("句未变", "unchanged sentence", "unchanged sentences"),
        Noun::SettingsProblem => ("处问题", "settings problem", "settings problems"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_agrees_with_the_number_and_chinese_does_not_change() {
        assert_eq!(counted(Lang::En, 1, Noun::Township), "1 township");
        assert_eq!(counted(Lang::En, 0, Noun::Township), "0 townships");
        assert_eq!(counted(Lang::En, 2, Noun::Report), "2 reports");
        assert_eq!(counted(Lang::Zh, 1, Noun::Township), "1 个乡镇");
        assert_eq!(counted(Lang::Zh, 2, Noun::Township), "2 个乡镇");
    }
}
