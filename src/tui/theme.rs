//! Colour themes: four built in (`dark`, `light`, `high-contrast`, `mono`), embedded from
//! the top-level `themes/` folder; a user file `themes/NAME.toml` in the config directory
//! overrides single styles or defines a new theme on top of `dark`.
//!
//! Colours follow the terminal ([`super::colors`]): true colour only when `COLORTERM`
//! says so, 256 colours when `TERM` does, else the 16 basic ones; `NO_COLOR` forces
//! `mono`.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

pub use super::colors::ColorDepth;
use super::config::{
    LineIndex, Paths, Problem, ProblemKind, read_optional, syntax_problem, valid_theme_name,
};

/// The names of the built-in themes, in the order the help text lists them.
pub const BUILTIN: &[&str] = &["dark", "light", "high-contrast", "mono"];

fn builtin_text(name: &str) -> Option<&'static str> {
    match name {
        "dark" => Some(include_str!("../../themes/dark.toml")),
        "light" => Some(include_str!("../../themes/light.toml")),
        "high-contrast" => Some(include_str!("../../themes/high-contrast.toml")),
        "mono" => Some(include_str!("../../themes/mono.toml")),
        _ => None,
    }
}

/// A named style the views ask for; each theme file sets every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StyleKey {
    Text,
    Unchanged,
    NumbersOnly,
    Modified,
    Moved,
    Added,
    Removed,
    Insert,
    Delete,
    Figure,
    Lint,
    Match,
    Header,
    Bar,
    Status,
    Error,
    Cursor,
    CursorBar,
    Selected,
    Border,
    BorderFocus,
    Muted,
    Fold,
    Reviewed,
    Flag,
    Note,
    Key,
    Spark,
}

/// Each style's name in theme files.
const STYLE_NAMES: &[(&str, StyleKey)] = &[
    ("text", StyleKey::Text),
    ("unchanged", StyleKey::Unchanged),
    ("numbers_only", StyleKey::NumbersOnly),
    ("modified", StyleKey::Modified),
    ("moved", StyleKey::Moved),
    ("added", StyleKey::Added),
    ("removed", StyleKey::Removed),
    ("insert", StyleKey::Insert),
    ("delete", StyleKey::Delete),
    ("figure", StyleKey::Figure),
    ("lint", StyleKey::Lint),
    ("match", StyleKey::Match),
    ("header", StyleKey::Header),
    ("bar", StyleKey::Bar),
    ("status", StyleKey::Status),
    ("error", StyleKey::Error),
    ("cursor", StyleKey::Cursor),
    ("cursor_bar", StyleKey::CursorBar),
    ("selected", StyleKey::Selected),
    ("border", StyleKey::Border),
    ("border_focus", StyleKey::BorderFocus),
    ("muted", StyleKey::Muted),
    ("fold", StyleKey::Fold),
    ("reviewed", StyleKey::Reviewed),
    ("flag", StyleKey::Flag),
    ("note", StyleKey::Note),
    ("key", StyleKey::Key),
    ("spark", StyleKey::Spark),
];

fn style_index(key: StyleKey) -> usize {
    STYLE_NAMES.iter().position(|(_, k)| *k == key).unwrap_or(0)
}

/// A theme ready for drawing: one style per [`StyleKey`].
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    styles: Vec<Style>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    styles: BTreeMap<Spanned<String>, StyleSpec>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    bold: Option<bool>,
    dim: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reversed: Option<bool>,
    crossed_out: Option<bool>,
}

impl Theme {
    /// The theme `name` at `depth`, with the user's overrides from the config directory.
    /// Problems in a user file are reported and the built-in styles stand.
    pub fn load(name: &str, paths: &Paths, depth: ColorDepth) -> (Theme, Vec<Problem>) {
        let mut problems = Vec::new();
        let name = if depth == ColorDepth::Mono {
            "mono"
        } else {
            name
        };
        let mut theme = Theme::builtin("dark");
        if let Some(text) = builtin_text(name) {
            theme.apply(Path::new(name), text, &mut problems);
        }
        let user_file = valid_theme_name(name)
            .then(|| paths.theme_file(name))
            .flatten();
        let mut found = builtin_text(name).is_some();
        if let Some(file) = user_file {
            match read_optional(&file) {
                Ok(Some(text)) => {
                    found = true;
                    theme.apply(&file, &text, &mut problems);
                }
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        if !found {
            let file = paths
                .theme_file(name)
                .unwrap_or_else(|| Path::new(name).to_path_buf());
            problems.push(Problem {
                file,
                line: None,
                kind: ProblemKind::UnknownTheme(name.to_string()),
            });
        } else {
            theme.name = name.to_string();
        }
        theme.reduce_to(depth);
        (theme, problems)
    }

    /// A built-in theme as shipped, in true colour; `dark` for an unknown name.
    pub fn builtin(name: &str) -> Theme {
        let mut theme = Theme {
            name: "dark".to_string(),
            styles: vec![Style::default(); STYLE_NAMES.len()],
        };
        let mut ignored = Vec::new();
        if let Some(text) = builtin_text("dark") {
            theme.apply(Path::new("dark"), text, &mut ignored);
        }
        if let Some(text) = builtin_text(name).filter(|_| name != "dark") {
            theme.styles = vec![Style::default(); STYLE_NAMES.len()];
            theme.apply(Path::new(name), text, &mut ignored);
            theme.name = name.to_string();
        }
        theme
    }

    /// The style for `key`.
    pub fn style(&self, key: StyleKey) -> Style {
        self.styles
            .get(style_index(key))
            .copied()
            .unwrap_or_default()
    }

    /// True when changed words stand out by colour (a foreground or background on the
    /// insert and delete styles); without, the review brackets them.
    pub fn colours_changes(&self) -> bool {
        [StyleKey::Insert, StyleKey::Delete].iter().all(|&key| {
            let style = self.style(key);
            style.fg.is_some() || style.bg.is_some()
        })
    }

    /// Sets the styles a theme file names; everything else stays.
    fn apply(&mut self, file: &Path, text: &str, problems: &mut Vec<Problem>) {
        let parsed: ThemeFile = match toml::from_str(text) {
            Ok(parsed) => parsed,
            Err(e) => {
                problems.push(syntax_problem(file, text, &e));
                return;
            }
        };
        let lines = LineIndex::new(text);
        for (name, spec) in parsed.styles {
            let Some(&(_, key)) = STYLE_NAMES.iter().find(|(n, _)| n == name.get_ref()) else {
                problems.push(Problem::at(
                    file,
                    &lines,
                    Some(name.span().start),
                    ProblemKind::UnknownStyle(name.get_ref().clone()),
                ));
                continue;
            };
            let style = spec.to_style(file, &lines, problems);
            self.styles[style_index(key)] = style;
        }
    }

    /// Brings every colour within what the terminal can show.
    fn reduce_to(&mut self, depth: ColorDepth) {
        for style in &mut self.styles {
            *style = Style {
                fg: style.fg.and_then(|c| depth.reduce(c)),
                bg: style.bg.and_then(|c| depth.reduce(c)),
                ..*style
            };
        }
    }
}

impl StyleSpec {
    fn to_style(&self, file: &Path, lines: &LineIndex, problems: &mut Vec<Problem>) -> Style {
        let mut style = Style::default();
        let mut color = |value: &Option<Spanned<String>>| {
            let value = value.as_ref()?;
            match value.get_ref().parse::<Color>() {
                Ok(c) => Some(c),
                Err(_) => {
                    problems.push(Problem::at(
                        file,
                        lines,
                        Some(value.span().start),
                        ProblemKind::BadColor(value.get_ref().clone()),
                    ));
                    None
                }
            }
        };
        style.fg = color(&self.fg);
        style.bg = color(&self.bg);
        for (on, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.crossed_out, Modifier::CROSSED_OUT),
        ] {
            if on == Some(true) {
                style = style.add_modifier(modifier);
            }
        }
        style
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_sets_every_style() {
        for name in BUILTIN {
            let text = builtin_text(name).expect("embedded");
            let parsed: ThemeFile = toml::from_str(text).expect("theme parses");
            let names: Vec<&str> = parsed.styles.keys().map(|k| k.get_ref().as_str()).collect();
            for (style, _) in STYLE_NAMES {
                assert!(names.contains(style), "{name} lacks {style}");
            }
            let mut problems = Vec::new();
            Theme::builtin("dark").apply(Path::new(name), text, &mut problems);
            assert!(problems.is_empty(), "{name}: {problems:?}");
        }
    }

    #[test]
    fn no_color_forces_mono_without_colours() {
        let depth = ColorDepth::from_env(true, Some("truecolor"), None);
        let (theme, problems) = Theme::load("dark", &Paths::default(), depth);
        assert!(problems.is_empty());
        assert_eq!(theme.name, "mono");
        for (_, key) in STYLE_NAMES {
            let style = theme.style(*key);
            assert_eq!((style.fg, style.bg), (None, None), "{key:?}");
        }
        let bar = theme.style(StyleKey::CursorBar);
        assert!(bar.add_modifier.contains(Modifier::REVERSED));
        let cursor = theme.style(StyleKey::Cursor);
        assert!(!cursor.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn colours_are_reduced_to_the_terminal() {
        let (theme, _) = Theme::load("dark", &Paths::default(), ColorDepth::Ansi256);
        let fg = theme.style(StyleKey::Added).fg;
        assert!(matches!(fg, Some(Color::Indexed(_))), "{fg:?}");
        let (theme, _) = Theme::load("dark", &Paths::default(), ColorDepth::Ansi16);
        for (_, key) in STYLE_NAMES {
            let style = theme.style(*key);
            for colour in [style.fg, style.bg].into_iter().flatten() {
                assert!(
                    !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
                    "{key:?}"
                );
            }
        }
    }

    #[test]
    fn user_file_overrides_single_styles_and_reports_bad_colours() {
        let dir = tempfile::tempdir().expect("temp dir");
        let themes = dir.path().join("themes");
        std::fs::create_dir_all(&themes).expect("mkdir");
        std::fs::write(
            themes.join("dark.toml"),
            "[styles]\nadded = { fg = \"#ff0000\" }\nremoved = { fg = \"nonsense\" }\n",
        )
        .expect("write");
        let paths = Paths {
            config_dir: Some(dir.path().to_path_buf()),
            log_dir: None,
        };
        let (theme, problems) = Theme::load("dark", &paths, ColorDepth::TrueColor);
        assert_eq!(theme.style(StyleKey::Added).fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(
            theme.style(StyleKey::Modified),
            Theme::builtin("dark").style(StyleKey::Modified)
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
        assert!(matches!(problems[0].kind, ProblemKind::BadColor(_)));
    }

    #[test]
    fn unknown_theme_falls_back_to_dark() {
        let (theme, problems) = Theme::load("solarized", &Paths::default(), ColorDepth::TrueColor);
        assert_eq!(theme, Theme::builtin("dark"));
        assert!(matches!(problems[0].kind, ProblemKind::UnknownTheme(_)));
    }
}
