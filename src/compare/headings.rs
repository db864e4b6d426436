//! Headings of matched sections compared as sentences are: the same kinds
//! (`unchanged`, `dates_only`, `numbers_only`, `modified`) and word-level edits, so
//! `（四）自觉接受监督` → `（四）主动接受各方面监督` shows which words changed and
//! `2023年工作回顾` → `2024年工作回顾` reads as dates rolled forward. The marker is left
//! out here: renumbering moves a section rather than changing its heading, so the
//! views mark a changed number themselves.

use super::edits::{Placed, placed_edits};
use super::kinds::text_kind;
use super::{HeadingChange, RowKind};
use crate::report::Report;

/// How the heading of old section `o` became that of new section `n`; `None` when
/// either index is out of range.
pub fn compare(old: &Report, o: usize, new: &Report, n: usize) -> Option<HeadingChange> {
    let (a, b) = (old.sections.get(o)?, new.sections.get(n)?);
    let kind = text_kind(&a.title, &b.title);
    let edits = if kind == RowKind::Unchanged {
        Vec::new()
    } else {
        let old_title = Placed::title(old, &a.title, a.heading);
        let new_title = Placed::title(new, &b.title, b.heading);
        match (old_title, new_title) {
            (Some(x), Some(y)) => placed_edits(&x, &y),
            _ => super::edits::word_edits(&a.title, &b.title)
                .into_iter()
                .map(|mut e| {
                    e.old_span = None;
                    e.new_span = None;
                    e
                })
                .collect(),
        }
    };
    Some(HeadingChange { kind, edits })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::EditOp;
    use crate::ingest::Metadata;

    fn analyze(text: &str) -> Report {
        Report::analyze(text, Metadata::default(), Vec::new())
    }

    #[test]
    fn titles_broken_over_lines_are_placed_character_by_character() {
        let report = analyze("一、关于《某某\n纲要》的说明\n正文一句。\n");
        let section = &report.sections[0];
        let placed = Placed::title(&report, &section.title, section.heading).expect("placed");
        assert_eq!(placed.text(), section.title);
        let b = analyze("一、关于《某某\n纲要》的补充说明\n正文一句。\n");
        let change = compare(&report, 0, &b, 0).expect("change");
        let inserted = change
            .edits
            .iter()
            .find(|e| e.op == EditOp::Insert)
            .expect("an insertion");
        let span = inserted.new_span.expect("placed");
        assert_eq!(b.slice(span), inserted.text);
    }
}
