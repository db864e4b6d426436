//! The help screen, generated from the keymap: every binding with its keys and its
//! description in the interface language, grouped by where it applies, after a legend
//! of the row markers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::table::draw_frame;
use super::text;
use crate::i18n::{Lang, Msg, msg};
use crate::text::width::truncate;
use crate::tui::app::App;
use crate::tui::geometry::centered;
use crate::tui::keymap::{CONTEXTS, Context, Keymap};
use crate::tui::theme::StyleKey;

/// The row markers of the review screen and what they mean (`_` stands for underlining).
const LEGEND: &[(&str, Msg)] = &[
    ("=", Msg::TuiMarkUnchanged),
    ("#", Msg::TuiMarkNumbersOnly),
    ("~", Msg::TuiMarkModified),
    (">", Msg::TuiMarkMoved),
    ("+", Msg::TuiMarkAdded),
    ("-", Msg::TuiMarkRemoved),
    ("§", Msg::TuiMarkSection),
    ("⋯", Msg::TuiMarkFold),
    ("!", Msg::TuiMarkFlag),
    ("*", Msg::TuiMarkNote),
    ("@", Msg::TuiMarkCrossTownship),
    ("✓", Msg::TuiMarkReviewed),
    ("_", Msg::TuiMarkFigure),
];

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// The name of a context.
    Heading(String),
    /// Keys and what they do.
    Entry {
        keys: String,
        description: String,
    },
    Blank,
}

fn context_name(context: Context) -> Msg {
    match context {
        Context::Global => Msg::TuiContextGlobal,
        Context::List => Msg::TuiContextList,
        Context::Review => Msg::TuiContextReview,
        Context::Figures => Msg::Figures,
        Context::Lint => Msg::Lint,
        Context::Outline => Msg::TuiOutline,
        Context::Help => Msg::TuiHelpTitle,
        Context::Chart => Msg::TuiTrend,
    }
}

/// The lines of the help screen.
pub fn lines(keymap: &Keymap, lang: Lang) -> Vec<HelpLine> {
    let mut out = vec![HelpLine::Heading(
        msg(lang, Msg::TuiLegendTitle).to_string(),
    )];
    for (keys, m) in LEGEND {
        let keys = if *keys == "_" {
            msg(lang, Msg::TuiUnderline)
        } else {
            keys
        };
        out.push(HelpLine::Entry {
            keys: keys.to_string(),
            description: msg(lang, *m).to_string(),
        });
    }
    let entries = keymap.help_entries();
    for (_, context) in CONTEXTS {
        let mut group = entries.iter().filter(|b| b.context == *context).peekable();
        if group.peek().is_none() {
            continue;
        }
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(
            msg(lang, context_name(*context)).to_string(),
        ));
        for binding in group {
            out.push(HelpLine::Entry {
                keys: binding.key_labels(),
                description: binding.describe(lang).to_string(),
            });
        }
    }
    out
}

/// How many lines the help screen has (the same in every language).
pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap, Lang::Zh).len()
}

/// Draws the help box over the screen, from line `scroll`.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, scroll: usize) {
    let lang = app.lang();
    let amb = app.settings.config.ambiguous_wide;
    let theme = &app.settings.theme;
    let boxed = centered(area, 96, area.height.saturating_sub(2).max(3));
    Clear.render(boxed, buf);
    buf.set_style(boxed, theme.style(StyleKey::Text));
    let inner = draw_frame(buf, boxed, app, msg(lang, Msg::TuiHelpTitle), true);
    let width = usize::from(inner.width);
    let key_width = 16.min(width / 3);
    for (row, line) in lines(&app.settings.keymap, lang)
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + row as u16;
        match line {
            HelpLine::Heading(t) => {
                text::put_str(
                    buf,
                    inner.x,
                    y,
                    width,
                    t,
                    theme.style(StyleKey::Header),
                    amb,
                );
            }
            HelpLine::Entry { keys, description } => {
                let keys = truncate(keys, key_width, amb);
                text::put_str(
                    buf,
                    inner.x + 1,
                    y,
                    key_width,
                    &keys,
                    theme.style(StyleKey::Key),
                    amb,
                );
                let rest = width.saturating_sub(key_width + 2);
                let description = truncate(description, rest, amb);
                let x = inner.x + key_width as u16 + 2;
                text::put_str(
                    buf,
                    x,
                    y,
                    rest,
                    &description,
                    theme.style(StyleKey::Text),
                    amb,
                );
            }
            HelpLine::Blank => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_is_on_the_help_screen() {
        let keymap = Keymap::default();
        let lines = lines(&keymap, Lang::En);
        let entries = lines
            .iter()
            .filter(|l| matches!(l, HelpLine::Entry { .. }))
            .count();
        assert_eq!(entries, keymap.help_entries().len() + LEGEND.len());
        assert!(lines.contains(&HelpLine::Entry {
            keys: "n".into(),
            description: "Next change (while searching: next match)".into()
        }));
        assert_eq!(line_count(&keymap), lines.len());
    }
}
