//! The text of a figure or a finding shown in full, in a box over the screen: what a
//! pane row has no room for.

use super::ReviewState;
use crate::compare::ledger::LedgerSide;
use crate::i18n::{Lang, Msg, msg};
use crate::report::Span;
use crate::review::Side;
use crate::tui::labels;

/// A box's title, its lines, and the place `Enter` goes to.
pub type Details = (String, Vec<String>, Option<(Side, Span)>);

/// Ledger row `row` in full: the figure in each year with its sentence, the change and
/// the flags.
pub fn figure(review: &ReviewState, row: usize, lang: Lang) -> Option<Details> {
    let data = review.data.as_ref()?;
    let row = data.ledger.get(row)?;
    let title = if row.unit.is_empty() {
        row.label.clone()
    } else {
        format!("{}（{}）", row.label, row.unit)
    };
    let mut lines = Vec::new();
    let mut year_line = |side: Side, figure: Option<&LedgerSide>| {
        let year = data.year(side).map(|y| y.to_string()).unwrap_or_default();
        match figure {
            Some(f) => {
                let section = f.section.as_deref().unwrap_or("—");
                lines.push(format!(
                    "{year} · {} {section}: {}",
                    msg(lang, Msg::Section),
                    f.surface
                ));
                lines.push(format!("  {}", f.sentence));
            }
            None if !data.is_single() => lines.push(format!("{year}: —")),
            None => {}
        }
    };
    if !data.is_single() {
        year_line(Side::Old, row.old.as_ref());
    }
    year_line(Side::New, row.new.as_ref());
    if let Some(change) = labels::ledger_change(row) {
        lines.push(format!("{}: {change}", msg(lang, Msg::Change)));
    }
    let flags = labels::ledger_flags(row, lang);
    if !flags.is_empty() {
        lines.push(format!("{}: {flags}", msg(lang, Msg::Flags)));
    }
    let place = row
        .new
        .as_ref()
        .map(|s| (Side::New, s.span))
        .or_else(|| row.old.as_ref().map(|s| (Side::Old, s.span)));
    Some((title, lines, place))
}

/// Lint finding `index` in full: its kind, year, section, message and excerpt.
pub fn finding(review: &ReviewState, index: usize, lang: Lang) -> Option<Details> {
    let entry = *review.lint_entries().get(index)?;
    let finding = review.finding(entry)?;
    let data = review.data.as_ref()?;
    let year = data
        .year(entry.side)
        .map(|y| y.to_string())
        .unwrap_or_default();
    let section = finding.section.as_deref().unwrap_or("—");
    let mut lines = vec![
        format!("{year} · {} {section}", msg(lang, Msg::Section)),
        finding.text(lang),
    ];
    if !finding.excerpt.is_empty() {
        lines.push(format!("「{}」", finding.excerpt));
    }
    let place = finding.span.map(|span| (entry.side, span));
    Some((labels::lint_kind(&finding.kind, lang), lines, place))
}
