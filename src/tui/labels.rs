//! Names of the engine's kinds for reviewers, in the interface language: lint kinds,
//! ledger flags, kinds of reuse and of notes; numbers as a reviewer writes them. Shared by the panes that list them and
//! the boxes that show one in full.

use crate::compare::ledger::LedgerRow;
use crate::export::flag_names;
use crate::i18n::{Lang, Msg, lint_kind_name, msg};
use crate::report::LintKind;
use crate::reuse::Kind;
use crate::store::NoteKind;

/// A lint kind's name for a reviewer.
pub fn lint_kind(kind: &LintKind, lang: Lang) -> String {
    lint_kind_name(lang, *kind).to_string()
}

/// The flags of a ledger row, as `nianbao figures --compare` names them (the one
/// naming of flags, shared with the command line and the exports).
pub fn ledger_flags(row: &LedgerRow, lang: Lang) -> String {
    flag_names(lang, &row.flags)
}

/// A ledger row's change as `nianbao figures --compare` and its CSV show it, in the
/// figure's own scale (`−63万人`, `+8.9万亿元`); the plain number when there is no text.
pub fn ledger_change(row: &LedgerRow) -> Option<String> {
    row.change_text.clone().or_else(|| row.change.map(signed))
}

/// A change with its sign: `+3`, `-1.5`.
pub fn signed(value: f64) -> String {
    let text = number(value.abs());
    if value > 0.0 {
        format!("+{text}")
    } else if value < 0.0 {
        format!("-{text}")
    } else {
        text
    }
}

/// A number as a reviewer writes it: whole numbers without decimals.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The name of a kind of reuse, as `nianbao reuse` prints it.
pub fn reuse_kind(kind: Kind, lang: Lang) -> &'static str {
    msg(
        lang,
        match kind {
            Kind::OwnHistory => Msg::ReuseOwnHistory,
            Kind::Template => Msg::ReuseTemplate,
            Kind::CrossTownship => Msg::ReuseCrossTownship,
            Kind::Widespread => Msg::ReuseWidespread,
        },
    )
}

/// The name of a kind of review record, as `nianbao notes` prints it.
pub fn note_kind(kind: NoteKind, lang: Lang) -> &'static str {
    msg(
        lang,
        match kind {
            NoteKind::Note => Msg::NotesKindNote,
            NoteKind::Flag => Msg::NotesKindFlag,
            NoteKind::Reviewed => Msg::NotesKindReviewed,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(12.0), "12");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(signed(3.0), "+3");
        assert_eq!(signed(-0.25), "-0.25");
        assert_eq!(signed(0.0), "0");
    }
}
