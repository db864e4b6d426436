//! What the help screen says, generated from the keymap: a legend of the row markers
//! (the same as `nianbao diff` prints, see [`crate::review::rows::marker`]), then every
//! binding with its keys and its description in the interface language,
//! grouped by where it applies. `update` needs its length to scroll, the view draws it.

use super::keymap::{CONTEXTS, Context, Keymap};
use crate::i18n::{Lang, Msg, msg};

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

/// How many lines the help screen has (the same in every language).
pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap, Lang::Zh).len()
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

    #[test]
    fn every_line_fits_the_help_box_at_80_columns() {
        use crate::text::width::text_width;
        // At 80 columns the box has 78 cells inside: 16 for the keys, 2 between, and
        // the rest for the description, ambiguous punctuation counted wide.
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
