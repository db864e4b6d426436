//! What the help screen says, generated from the keymap: a legend of the row markers
//! (the same as `nianbao diff` prints, see [`crate::review::rows::marker`]), then every
//! binding with its keys and its description in the interface language,
//! grouped by where it applies. `update` needs its length to scroll, the view draws it.

use super::keymap::{CONTEXTS, Context, Keymap};
use crate::i18n::{Lang, Msg, msg};
use crate::text::width::text_width;
use crate::text::wrap::wrap;

/// The row markers of the review screen and what they mean (`_` stands for underlining,
/// `▌` for the cursor bar).
const LEGEND: &[(&str, Msg)] = &[
    ("=", Msg::TuiMarkUnchanged),
    ("^", Msg::TuiMarkDatesOnly),
    ("#", Msg::TuiMarkNumbersOnly),
    ("~", Msg::TuiMarkModified),
    (">", Msg::TuiMarkMoved),
    ("+", Msg::TuiMarkAdded),
    ("-", Msg::TuiMarkRemoved),
    ("§", Msg::TuiMarkSection),
    ("⋯", Msg::TuiMarkFold),
    ("!", Msg::TuiMarkFlag),
    ("*", Msg::TuiMarkNote),
    ("&", Msg::TuiMarkBoth),
    ("✓", Msg::TuiMarkReviewed),
    ("@", Msg::TuiMarkCrossTownship),
    ("_", Msg::TuiMarkFigure),
    ("▌", Msg::TuiMarkCursor),
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
        Context::Notes => Msg::TuiNotesPane,
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

/// The help box's widest: wider lines are hard to follow from key to description.
pub const BOX_WIDTH: u16 = 96;

/// The cells inside the help box on a screen `screen_width` wide.
pub fn inner_width(screen_width: u16) -> usize {
    usize::from(BOX_WIDTH.min(screen_width).saturating_sub(2))
}

/// The cells of the keys column in a box `width` cells wide inside.
pub fn key_width(width: usize) -> usize {
    16.min(width / 3)
}

/// One row of the help box as drawn: keys on an entry's first row (empty on the rows
/// its description wraps onto), and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Heading(String),
    Entry { keys: String, text: String },
    Blank,
}

/// The help screen laid out `width` cells wide: a description wraps under its own
/// column, keys too wide for theirs take a row of their own, so nothing is cut on a
/// narrow terminal.
pub fn rows(keymap: &Keymap, lang: Lang, width: usize, ambiguous_wide: bool) -> Vec<HelpRow> {
    let key_width = key_width(width);
    let room = width.saturating_sub(key_width + 2).max(1);
    let wrapped = |text: &str, room: usize| -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        wrap(text, room, ambiguous_wide)
            .into_iter()
            .map(|r| chars[r].iter().collect::<String>().trim().to_string())
            .collect()
    };
    let mut out = Vec::new();
    for line in lines(keymap, lang) {
        match line {
            HelpLine::Heading(t) => {
                out.extend(wrapped(&t, width.max(1)).into_iter().map(HelpRow::Heading));
            }
            HelpLine::Blank => out.push(HelpRow::Blank),
            HelpLine::Entry { keys, description } => {
                let mut keys = Some(keys);
                if keys
                    .as_deref()
                    .is_some_and(|k| text_width(k, ambiguous_wide) > key_width)
                {
                    let alone = keys.take().unwrap_or_default();
                    out.extend(
                        wrapped(&alone, width.saturating_sub(1).max(1))
                            .into_iter()
                            .map(|keys| HelpRow::Entry {
                                keys,
                                text: String::new(),
                            }),
                    );
                }
                for text in wrapped(&description, room) {
                    let keys = keys.take().unwrap_or_default();
                    out.push(HelpRow::Entry { keys, text });
                }
            }
        }
    }
    out
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
    }

    #[test]
    fn every_line_fits_the_help_box_at_80_columns() {
        // At 80 columns the box has 78 cells inside: 16 for the keys, 2 between, and
        // the rest for the description, ambiguous punctuation counted wide. Wrapping
        // copes with a longer one, but one row per binding reads best at 80 columns.
        let room = 78 - 16 - 2;
        for lang in [Lang::Zh, Lang::En] {
            for line in lines(&Keymap::default(), lang) {
                if let HelpLine::Entry { keys, description } = line {
                    assert!(text_width(&keys, true) <= 16, "{keys}");
                    assert!(text_width(&description, true) <= room, "{description}");
                }
            }
        }
    }

    #[test]
    fn narrow_boxes_wrap_every_word_onto_rows_that_fit() {
        let keymap = Keymap::default();
        for lang in [Lang::Zh, Lang::En] {
            let whole: String = lines(&keymap, lang)
                .into_iter()
                .map(|l| match l {
                    HelpLine::Heading(t) => t,
                    HelpLine::Entry { keys, description } => keys + &description,
                    HelpLine::Blank => String::new(),
                })
                .filter(|t| !t.is_empty())
                .collect();
            for width in [30, 50, 78] {
                let key_width = key_width(width);
                let rows = rows(&keymap, lang, width, true);
                let mut shown = String::new();
                for row in &rows {
                    match row {
                        HelpRow::Heading(t) => {
                            assert!(text_width(t, true) <= width, "{t}");
                            shown.push_str(t);
                        }
                        HelpRow::Entry { keys, text } => {
                            let fits = if text.is_empty() {
                                text_width(keys, true) < width
                            } else {
                                text_width(keys, true) <= key_width
                                    && text_width(text, true) <= width - key_width - 2
                            };
                            assert!(fits, "{width}: {keys} {text}");
                            shown.push_str(keys);
                            shown.push_str(text);
                        }
                        HelpRow::Blank => {}
                    }
                }
                let squeeze =
                    |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                assert_eq!(squeeze(&shown), squeeze(&whole), "{lang:?} at {width}");
            }
        }
    }

    #[test]
    fn the_legend_names_every_row_marker() {
        use crate::compare::RowKind::*;
        for kind in [
            Unchanged,
            DatesOnly,
            NumbersOnly,
            Modified,
            Moved,
            Added,
            Removed,
        ] {
            let marker = crate::review::rows::marker(kind).to_string();
            assert!(LEGEND.iter().any(|(m, _)| *m == marker), "{marker}");
        }
    }
}
