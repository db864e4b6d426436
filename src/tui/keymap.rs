//! The keymap is data: an embedded default (`keymap-default.toml`) with a description per
//! binding in Chinese and English, which the help screen lists, and the user's
//! `keys.toml`, whose bindings replace the defaults of the same key and context.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use toml::Spanned;

use super::action::{self, Action};
use super::config::{LineIndex, Paths, Problem, ProblemKind, read_optional, syntax_problem};
use crate::i18n::Lang;

const DEFAULT_KEYMAP: &str = include_str!("keymap-default.toml");

/// One key with its modifiers, normalized so that a typed `G` (Shift+g) equals `"G"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyChord {
    /// The chord of a key event: Shift is part of the character for character keys.
    pub fn from_event(event: &KeyEvent) -> KeyChord {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers.remove(KeyModifiers::SHIFT),
            _ => {}
        }
        let code = match event.code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        KeyChord { code, modifiers }
    }

    /// Parses `j`, `G`, `?`, `<Down>`, `<C-d>`, `<A-x>`, `<S-Tab>`, `<Space>`, `<F1>`.
    pub fn parse(text: &str) -> Option<KeyChord> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(KeyChord {
                code: KeyCode::Char(c),
                modifiers: KeyModifiers::NONE,
            });
        }
        let inner = text.strip_prefix('<')?.strip_suffix('>')?;
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = inner;
        loop {
            let (flag, tail) = match rest.get(..2) {
                Some("C-") => (KeyModifiers::CONTROL, &rest[2..]),
                Some("A-") => (KeyModifiers::ALT, &rest[2..]),
                Some("S-") => (KeyModifiers::SHIFT, &rest[2..]),
                _ => break,
            };
            if tail.is_empty() {
                break;
            }
            modifiers |= flag;
            rest = tail;
        }
        let code = named_key(rest)?;
        let chord = KeyChord { code, modifiers };
        Some(match chord.code {
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyChord {
                code: KeyCode::BackTab,
                modifiers: modifiers - KeyModifiers::SHIFT,
            },
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => KeyChord {
                code: KeyCode::Char(c.to_ascii_uppercase()),
                modifiers: modifiers - KeyModifiers::SHIFT,
            },
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => KeyChord {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                modifiers,
            },
            _ => chord,
        })
    }

    /// How the help screen writes the key.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Insert => "Ins".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".to_string(),
        };
        let mut label = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            label.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            label.push_str("Alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            label.push_str("Shift-");
        }
        label.push_str(&key);
        label
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let code = match name.to_ascii_lowercase().as_str() {
        "space" => KeyCode::Char(' '),
        "enter" | "cr" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" | "bs" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "delete" | "del" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        other => {
            let n: u8 = other.strip_prefix('f')?.parse().ok()?;
            return (1..=24).contains(&n).then_some(KeyCode::F(n));
        }
    };
    Some(code)
}

/// Where a binding applies. The interface asks for the contexts in effect, most specific
/// first, and the first binding found wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Review,
    Figures,
    Lint,
    Outline,
    Notes,
    Help,
    Chart,
}

/// Contexts in the order the help screen lists them, with their names in keymap files.
pub const CONTEXTS: &[(&str, Context)] = &[
    ("global", Context::Global),
    ("list", Context::List),
    ("review", Context::Review),
    ("figures", Context::Figures),
    ("lint", Context::Lint),
    ("outline", Context::Outline),
    ("notes", Context::Notes),
    ("help", Context::Help),
    ("chart", Context::Chart),
];

impl Context {
    fn parse(name: &str) -> Option<Context> {
        CONTEXTS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    }
}

/// One binding: keys, the action's name, where, and what it does in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<KeyChord>,
    pub action: String,
    pub context: Context,
    pub zh: String,
    pub en: String,
}

impl Binding {
    /// The description in `lang`, falling back to the other language.
    pub fn describe(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Zh => (&self.zh, &self.en),
            Lang::En => (&self.en, &self.zh),
        };
        if first.is_empty() { second } else { first }
    }

    /// The keys as the help screen shows them: `j ↓`.
    pub fn key_labels(&self) -> String {
        self.keys
            .iter()
            .map(KeyChord::label)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The effective key bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    #[serde(default)]
    bind: Vec<RawBinding>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: Spanned<OneOrMany>,
    run: Spanned<String>,
    context: Option<Spanned<String>>,
    #[serde(default)]
    zh: String,
    #[serde(default)]
    en: String,
}

impl Default for Keymap {
    fn default() -> Self {
        let (bindings, _) = parse_bindings(Path::new("keymap-default.toml"), DEFAULT_KEYMAP);
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with the user's `keys.toml` laid over them.
    pub fn load(paths: &Paths) -> (Keymap, Vec<Problem>) {
        let mut keymap = Keymap::default();
        let Some(file) = paths.keys_file() else {
            return (keymap, Vec::new());
        };
        match read_optional(&file) {
            Ok(Some(text)) => {
                let (user, problems) = parse_bindings(&file, &text);
                keymap.overlay(user);
                (keymap, problems)
            }
            Ok(None) => (keymap, Vec::new()),
            Err(problem) => (keymap, vec![problem]),
        }
    }

    /// Puts `user` bindings first and takes their keys out of the same context's defaults.
    pub fn overlay(&mut self, user: Vec<Binding>) {
        for binding in &mut self.bindings {
            binding.keys.retain(|key| {
                !user
                    .iter()
                    .any(|u| u.context == binding.context && u.keys.contains(key))
            });
        }
        self.bindings.retain(|b| !b.keys.is_empty());
        let mut merged = user;
        merged.append(&mut self.bindings);
        self.bindings = merged;
    }

    /// The action for a key, looking through `contexts` in order.
    pub fn lookup(&self, contexts: &[Context], chord: KeyChord) -> Option<Action> {
        contexts.iter().find_map(|context| {
            self.bindings
                .iter()
                .find(|b| b.context == *context && b.keys.contains(&chord))
                .and_then(|b| action::named(&b.action))
        })
    }

    /// The bindings the help screen lists, grouped by context in [`CONTEXTS`] order.
    pub fn help_entries(&self) -> Vec<&Binding> {
        CONTEXTS
            .iter()
            .flat_map(|(_, context)| {
                self.bindings
                    .iter()
                    .filter(move |b| b.context == *context && b.action != "noop")
            })
            .collect()
    }

    /// The keys bound to an action in a context (for hints in the status line).
    pub fn keys_for(&self, context: Context, action: &str) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.action == action)
            .and_then(|b| b.keys.first())
            .map(KeyChord::label)
    }
}

/// Reads bindings from a keymap file; bad entries become problems and are skipped.
fn parse_bindings(file: &Path, text: &str) -> (Vec<Binding>, Vec<Problem>) {
    let parsed: KeyFile = match toml::from_str(text) {
        Ok(parsed) => parsed,
        Err(e) => return (Vec::new(), vec![syntax_problem(file, text, &e)]),
    };
    let mut problems = Vec::new();
    let mut bindings = Vec::new();
    let lines = LineIndex::new(text);
    for raw in parsed.bind {
        let problem = |at: usize, kind| Problem::at(file, &lines, Some(at), kind);
        if action::named(raw.run.get_ref()).is_none() {
            problems.push(problem(
                raw.run.span().start,
                ProblemKind::UnknownAction(raw.run.get_ref().clone()),
            ));
            continue;
        }
        let context = match &raw.context {
            None => Context::Global,
            Some(name) => match Context::parse(name.get_ref()) {
                Some(context) => context,
                None => {
                    problems.push(problem(
                        name.span().start,
                        ProblemKind::UnknownContext(name.get_ref().clone()),
                    ));
                    continue;
                }
            },
        };
        let names = match raw.on.get_ref() {
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(many) => many.clone(),
        };
        let mut keys = Vec::new();
        for name in names {
            match KeyChord::parse(&name) {
                Some(chord) => keys.push(chord),
                None => problems.push(problem(raw.on.span().start, ProblemKind::BadKey(name))),
            }
        }
        if keys.is_empty() {
            continue;
        }
        bindings.push(Binding {
            keys,
            action: raw.run.into_inner(),
            context,
            zh: raw.zh,
            en: raw.en,
        });
    }
    (bindings, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyChord {
        KeyChord::from_event(&KeyEvent::new(code, modifiers))
    }

    #[test]
    fn the_default_keymap_parses_without_problems() {
        let (bindings, problems) = parse_bindings(Path::new("default"), DEFAULT_KEYMAP);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            bindings
                .iter()
                .all(|b| !b.zh.is_empty() && !b.en.is_empty())
        );
    }

    #[test]
    fn parsing_matches_typed_keys() {
        let pairs = [
            ("j", key(KeyCode::Char('j'), KeyModifiers::NONE)),
            ("G", key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("<C-d>", key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("<S-Tab>", key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("<Space>", key(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("<PageDown>", key(KeyCode::PageDown, KeyModifiers::NONE)),
            ("<F1>", key(KeyCode::F(1), KeyModifiers::NONE)),
            ("?", key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
        ];
        for (text, typed) in pairs {
            assert_eq!(KeyChord::parse(text), Some(typed), "{text}");
        }
        assert_eq!(KeyChord::parse("<Nope>"), None);
        assert_eq!(KeyChord::parse("jj"), None);
    }

    #[test]
    fn context_bindings_win_over_global_ones() {
        let keymap = Keymap::default();
        let h = KeyChord::parse("h").expect("key");
        assert!(matches!(
            keymap.lookup(&[Context::Review, Context::Global], h),
            Some(Action::Back)
        ));
        assert!(keymap.lookup(&[Context::Global], h).is_none());
        let q = KeyChord::parse("q").expect("key");
        assert!(matches!(
            keymap.lookup(&[Context::Help, Context::Global], q),
            Some(Action::Back)
        ));
        assert!(matches!(
            keymap.lookup(&[Context::Global], q),
            Some(Action::Quit)
        ));
    }

    #[test]
    fn user_bindings_replace_defaults_of_the_same_key() {
        let text = "[[bind]]\non = \"q\"\nrun = \"noop\"\n\n[[bind]]\non = [\"Q\"]\nrun = \"quit\"\nzh = \"退出\"\n";
        let (user, problems) = parse_bindings(Path::new("keys.toml"), text);
        assert!(problems.is_empty(), "{problems:?}");
        let mut keymap = Keymap::default();
        keymap.overlay(user);
        let q = KeyChord::parse("q").expect("key");
        let big_q = KeyChord::parse("Q").expect("key");
        assert!(matches!(
            keymap.lookup(&[Context::Global], q),
            Some(Action::Noop)
        ));
        assert!(matches!(
            keymap.lookup(&[Context::Global], big_q),
            Some(Action::Quit)
        ));
        let ctrl_c = KeyChord::parse("<C-c>").expect("key");
        assert!(matches!(
            keymap.lookup(&[Context::Global], ctrl_c),
            Some(Action::Quit)
        ));
        assert!(keymap.help_entries().iter().all(|b| b.action != "noop"));
    }

    #[test]
    fn bad_entries_are_problems_with_lines() {
        let text = "[[bind]]\non = \"j\"\nrun = \"jump_around\"\n\n[[bind]]\non = \"<Hyper-x>\"\nrun = \"quit\"\n\n[[bind]]\non = \"k\"\nrun = \"up\"\ncontext = \"nowhere\"\n";
        let (bindings, problems) = parse_bindings(Path::new("keys.toml"), text);
        assert!(bindings.is_empty());
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(6), Some(12)]);
    }

    /// A file of 50,000 bindings (every other one naming no action) loads, each bad one
    /// reported at its own line: lines are found in one pass over the file, not one per
    /// problem (`benches/tui.rs` measures the load).
    #[test]
    fn fifty_thousand_bindings_load_with_their_problem_lines() {
        let count = 50_000;
        let text = many_bindings(count);
        let (bindings, problems) = parse_bindings(Path::new("keys.toml"), &text);
        assert_eq!(bindings.len(), count / 2);
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        let expected: Vec<Option<usize>> = (0..count)
            .filter(|i| i % 2 == 1)
            .map(|i| Some(4 * i + 3))
            .collect();
        assert_eq!(lines, expected);
    }

    /// `count` bindings of four lines each, `run` on the third; odd ones name no action.
    fn many_bindings(count: usize) -> String {
        (0..count)
            .map(|i| {
                let run = if i % 2 == 0 { "down" } else { "no_such_action" };
                format!("[[bind]]\non = \"<F{}>\"\nrun = \"{run}\"\n\n", i % 24 + 1)
            })
            .collect()
    }

    #[test]
    fn help_lists_every_default_binding_once() {
        let keymap = Keymap::default();
        let entries = keymap.help_entries();
        let (bindings, _) = parse_bindings(Path::new("default"), DEFAULT_KEYMAP);
        assert_eq!(entries.len(), bindings.len());
        let down = entries
            .iter()
            .find(|b| b.action == "down")
            .expect("down is bound");
        assert_eq!(down.key_labels(), "j ↓");
        assert_eq!(down.describe(Lang::En), "Move down");
    }
}
