//! Settings from `config.toml` in the platform config directory. Every setting has a
//! default; a bad file never stops the interface from starting: each problem becomes a
//! message naming the file, the line and the fix, and the defaults stand in.
//!
//! ```toml
//! theme = "dark"         # dark | light | high-contrast | mono | a file in themes/
//! ambiguous_width = 1    # 2 when the terminal draws “”‘’…—· two cells wide
//! lang = "zh"            # zh | en; unset follows --lang and LANG
//! context = 2            # unchanged sentences kept beside a change when folding
//! fold = true            # fold unchanged runs when a pair opens
//! mouse = true           # wheel and clicks (terminal selection then needs Shift)
//! author = "张三"        # name on notes; $USER when unset
//! ```
//!
//! `keys.toml` (see `keymap-default.toml`) and `themes/NAME.toml` (see `themes/dark.toml`)
//! sit beside it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::i18n::{Lang, Msg, fill, msg};

/// Where the interface reads its settings and writes its log.
#[derive(Debug, Clone, Default)]
pub struct Paths {
    /// `~/.config/nianbao` on Linux; `None` on systems without a home directory.
    pub config_dir: Option<PathBuf>,
    /// The platform state directory (cache directory where there is none) for logs.
    pub log_dir: Option<PathBuf>,
}

impl Paths {
    /// The platform directories from `directories` (XDG on Linux).
    pub fn detect() -> Paths {
        let Some(dirs) = directories::ProjectDirs::from("", "", "nianbao") else {
            return Paths::default();
        };
        Paths {
            config_dir: Some(dirs.config_dir().to_path_buf()),
            log_dir: Some(
                dirs.state_dir()
                    .unwrap_or_else(|| dirs.cache_dir())
                    .to_path_buf(),
            ),
        }
    }

    /// `config.toml`.
    pub fn config_file(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|d| d.join("config.toml"))
    }

    /// `keys.toml`, the user's key bindings.
    pub fn keys_file(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|d| d.join("keys.toml"))
    }

    /// `themes/NAME.toml`, a user theme or overrides for a built-in one.
    pub fn theme_file(&self, name: &str) -> Option<PathBuf> {
        self.config_dir
            .as_ref()
            .map(|d| d.join("themes").join(format!("{name}.toml")))
    }
}

/// What is wrong with a settings file, worded by [`Problem::describe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file cannot be read (permissions, not UTF-8, …).
    Unreadable(String),
    /// Not valid TOML, or a value of the wrong type; the parser's own message.
    Syntax(String),
    /// A known key with a value out of range.
    BadValue { key: String, expected: String },
    /// A theme name with neither a built-in theme nor a file.
    UnknownTheme(String),
    /// A colour that is not a name, `#rrggbb` or an index 0–255.
    BadColor(String),
    /// A style name a theme does not have.
    UnknownStyle(String),
    /// A keymap `run` that names no action.
    UnknownAction(String),
    /// A keymap `on` that is not a key.
    BadKey(String),
    /// A keymap `context` that does not exist.
    UnknownContext(String),
}

/// One problem in one settings file, with the line when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem at the byte offset `at` of the file whose lines are `lines`.
    pub fn at(file: &Path, lines: &LineIndex, at: Option<usize>, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_path_buf(),
            line: at.map(|offset| lines.line_of(offset)),
            kind,
        }
    }

    /// One line: file, line, what is wrong, what to do.
    pub fn describe(&self, lang: Lang) -> String {
        let place = match self.line {
            Some(line) => format!("{}:{line}", self.file.display()),
            None => self.file.display().to_string(),
        };
        let (what, fix) = match &self.kind {
            ProblemKind::Unreadable(e) => (
                fill(msg(lang, Msg::ConfigUnreadable), &[e]),
                msg(lang, Msg::ConfigFixFile).to_string(),
            ),
            ProblemKind::Syntax(e) => (
                fill(msg(lang, Msg::ConfigSyntax), &[e]),
                msg(lang, Msg::ConfigFixLine).to_string(),
            ),
            ProblemKind::BadValue { key, expected } => (
                fill(msg(lang, Msg::ConfigBadValue), &[key]),
                fill(msg(lang, Msg::ConfigFixExpected), &[expected]),
            ),
            ProblemKind::UnknownTheme(name) => (
                fill(msg(lang, Msg::ConfigUnknownTheme), &[name]),
                fill(msg(lang, Msg::ConfigFixTheme), &[name]),
            ),
            ProblemKind::BadColor(value) => (
                fill(msg(lang, Msg::ConfigBadColor), &[value]),
                msg(lang, Msg::ConfigFixColor).to_string(),
            ),
            ProblemKind::UnknownStyle(name) => (
                fill(msg(lang, Msg::ConfigUnknownStyle), &[name]),
                msg(lang, Msg::ConfigFixStyle).to_string(),
            ),
            ProblemKind::UnknownAction(name) => (
                fill(msg(lang, Msg::ConfigUnknownAction), &[name]),
                msg(lang, Msg::ConfigFixAction).to_string(),
            ),
            ProblemKind::BadKey(key) => (
                fill(msg(lang, Msg::ConfigBadKey), &[key]),
                msg(lang, Msg::ConfigFixKey).to_string(),
            ),
            ProblemKind::UnknownContext(name) => (
                fill(msg(lang, Msg::ConfigUnknownContext), &[name]),
                msg(lang, Msg::ConfigFixContext).to_string(),
            ),
        };
        let separator = match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        };
        let line = format!("{place}: {what}{separator}{fix}");
        crate::report::normalize::printable(&line).replace(['\n', '\t'], " ")
    }
}

/// Where each line of a settings file starts, found in one pass, so that naming the
/// line of every problem in a file of many thousand bindings stays linear.
pub struct LineIndex {
    /// Byte offsets of the newlines, ascending.
    newlines: Vec<usize>,
}

impl LineIndex {
    /// The newlines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(at, _)| at)
            .collect();
        LineIndex { newlines }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&at| at < offset) + 1
    }
}

/// Reads a settings file: `Ok(None)` when it does not exist.
pub fn read_optional(path: &Path) -> Result<Option<String>, Problem> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|e| Problem {
            file: path.to_path_buf(),
            line: None,
            kind: ProblemKind::Unreadable(e.to_string()),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Problem {
            file: path.to_path_buf(),
            line: None,
            kind: ProblemKind::Unreadable(e.to_string()),
        }),
    }
}

/// A TOML parse error as a problem at its line.
pub fn syntax_problem(file: &Path, text: &str, error: &toml::de::Error) -> Problem {
    Problem::at(
        file,
        &LineIndex::new(text),
        error.span().map(|s| s.start),
        ProblemKind::Syntax(error.message().trim().to_string()),
    )
}

/// The settings of the review interface.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Theme name: `dark`, `light`, `high-contrast`, `mono` or a file in `themes/`.
    pub theme: String,
    /// Draw ambiguous-width punctuation (`“”‘’…—·`) two cells wide, as terminals with
    /// CJK fonts do (`ambiguous_width = 2`).
    pub ambiguous_wide: bool,
    /// `zh` or `en`; `None` follows `--lang` and `LANG`.
    pub lang: Option<String>,
    /// Unchanged sentences kept in view on each side of a change when folding.
    pub context: usize,
    /// Fold runs of unchanged sentences when a pair opens.
    pub fold: bool,
    /// Mouse wheel and clicks (terminal text selection then needs Shift).
    pub mouse: bool,
    /// The name written on notes; `$USER` when unset.
    pub author: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: "dark".to_string(),
            ambiguous_wide: false,
            lang: None,
            context: 2,
            fold: true,
            mouse: true,
            author: None,
        }
    }
}

/// The most unchanged sentences kept around a change; more defeats folding.
const MAX_CONTEXT: usize = 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<Spanned<String>>,
    ambiguous_width: Option<Spanned<i64>>,
    lang: Option<Spanned<String>>,
    context: Option<Spanned<i64>>,
    fold: Option<bool>,
    mouse: Option<bool>,
    author: Option<String>,
}

impl Config {
    /// Reads `config.toml`; a missing file means defaults, a bad one means defaults
    /// (for the bad settings, or all of them when the file does not parse) and problems.
    pub fn load(paths: &Paths) -> (Config, Vec<Problem>) {
        let Some(file) = paths.config_file() else {
            return (Config::default(), Vec::new());
        };
        match read_optional(&file) {
            Ok(Some(text)) => Config::parse(&file, &text),
            Ok(None) => (Config::default(), Vec::new()),
            Err(problem) => (Config::default(), vec![problem]),
        }
    }

    /// Parses the text of a config file.
    pub fn parse(file: &Path, text: &str) -> (Config, Vec<Problem>) {
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => return (Config::default(), vec![syntax_problem(file, text, &e)]),
        };
        let mut config = Config::default();
        let mut problems = Vec::new();
        let lines = LineIndex::new(text);
        let mut bad = |key: &str, at: usize, expected: &str| {
            problems.push(Problem::at(
                file,
                &lines,
                Some(at),
                ProblemKind::BadValue {
                    key: key.to_string(),
                    expected: expected.to_string(),
                },
            ));
        };
        if let Some(theme) = raw.theme {
            let name = theme.get_ref().trim();
            if valid_theme_name(name) {
                config.theme = name.to_string();
            } else {
                bad(
                    "theme",
                    theme.span().start,
                    "dark | light | high-contrast | mono",
                );
            }
        }
        if let Some(width) = raw.ambiguous_width {
            match *width.get_ref() {
                1 => config.ambiguous_wide = false,
                2 => config.ambiguous_wide = true,
                _ => bad("ambiguous_width", width.span().start, "1 | 2"),
            }
        }
        if let Some(lang) = raw.lang {
            match lang.get_ref().as_str() {
                "zh" | "en" => config.lang = Some(lang.get_ref().clone()),
                _ => bad("lang", lang.span().start, "zh | en"),
            }
        }
        if let Some(context) = raw.context {
            match usize::try_from(*context.get_ref()) {
                Ok(n) if n <= MAX_CONTEXT => config.context = n,
                _ => bad("context", context.span().start, "0..=20"),
            }
        }
        config.fold = raw.fold.unwrap_or(config.fold);
        config.mouse = raw.mouse.unwrap_or(config.mouse);
        config.author = raw
            .author
            .map(|a| crate::report::normalize::printable(a.trim()))
            .filter(|a| !a.is_empty());
        (config, problems)
    }
}

/// A theme name is a file name: no path separators, no leading dot.
pub fn valid_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<Problem>) {
        Config::parse(Path::new("/cfg/config.toml"), text)
    }

    #[test]
    fn missing_settings_take_defaults() {
        let (config, problems) = parse("");
        assert_eq!(config, Config::default());
        assert!(problems.is_empty());
    }

    #[test]
    fn settings_are_read() {
        let (config, problems) = parse(
            "theme = \"light\"\nambiguous_width = 2\nlang = \"en\"\ncontext = 0\nfold = false\nmouse = false\nauthor = \"王审阅\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.theme, "light");
        assert!(config.ambiguous_wide);
        assert_eq!(config.lang.as_deref(), Some("en"));
        assert_eq!(config.context, 0);
        assert!(!config.fold && !config.mouse);
        assert_eq!(config.author.as_deref(), Some("王审阅"));
    }

    #[test]
    fn a_bad_value_names_its_line_and_keeps_the_rest() {
        let (config, problems) = parse("theme = \"light\"\n\nambiguous_width = 3\n");
        assert_eq!(config.theme, "light");
        assert!(!config.ambiguous_wide);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
        let text = problems[0].describe(Lang::En);
        assert!(text.starts_with("/cfg/config.toml:3: "), "{text}");
        assert!(
            text.contains("ambiguous_width") && text.contains("1 | 2"),
            "{text}"
        );
    }

    #[test]
    fn broken_toml_falls_back_to_defaults_with_the_line() {
        let (config, problems) = parse("theme = \"dark\"\ncontext = [\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1);
        assert!(matches!(problems[0].kind, ProblemKind::Syntax(_)));
        assert!(problems[0].line.is_some_and(|l| l >= 2));
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_problems() {
        let (_, problems) = parse("colour = \"red\"\n");
        assert_eq!(problems[0].line, Some(1));
        let (_, problems) = parse("\nfold = \"yes\"\n");
        assert_eq!(problems[0].line, Some(2));
    }

    #[test]
    fn theme_names_cannot_escape_the_themes_folder() {
        assert!(valid_theme_name("high-contrast"));
        assert!(!valid_theme_name("../../etc/passwd"));
        let (config, problems) = parse("theme = \"../x\"\n");
        assert_eq!(config.theme, "dark");
        assert_eq!(problems.len(), 1);
    }
}
