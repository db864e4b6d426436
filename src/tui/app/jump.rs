//! Putting the cursor on a place in the text: a figure, a finding or a section chosen
//! in a pane, or the passage of a reuse entry just opened. A place folded away opens
//! its fold.

use super::ReviewState;
use crate::compare::Region;
use crate::i18n::Lang;
use crate::report::Span;
use crate::review::{PairData, Side};
use crate::tui::diff_lines::ItemKind;

impl ReviewState {
    /// Puts the cursor on the text at `span` of one side, opening a fold when the text
    /// is folded away. Returns false when the place is not shown at all.
    pub fn jump_to(&mut self, side: Side, span: Span, height: usize, lang: Lang) -> bool {
        let Some(data) = self.data.clone() else {
            return false;
        };
        let Some(report) = data.report(side) else {
            return false;
        };
        if let Some(item) = self.header_at(&data, side, span) {
            self.go_to(item, height);
            return true;
        }
        let sentence = report
            .sentences
            .iter()
            .position(|s| s.span.end > span.start && s.span.start <= span.start)
            .or_else(|| {
                report
                    .sentences
                    .iter()
                    .position(|s| s.span.start >= span.start)
            });
        if let Some(i) = sentence {
            if self.item_for_sentence(side, i).is_none() {
                self.open_fold_with(side, i, &data);
                if let Some(params) = self.layout.as_ref().map(|l| l.params) {
                    self.relayout(params, lang, true);
                }
            }
            if let Some(item) = self.item_for_sentence(side, i) {
                self.go_to(item, height);
                return true;
            }
        }
        let section = report
            .sections
            .iter()
            .rposition(|s| s.heading.start <= span.start);
        match section.and_then(|s| self.header_of(&data, side, s)) {
            Some(item) => {
                self.go_to(item, height);
                true
            }
            None => false,
        }
    }

    /// The header item of the section whose heading holds `span`, if any.
    fn header_at(&self, data: &PairData, side: Side, span: Span) -> Option<usize> {
        let report = data.report(side)?;
        let section = report.sections.iter().position(|s| {
            s.heading.start <= span.start && span.start < s.heading.end.max(s.heading.start + 1)
        })?;
        self.header_of(data, side, section)
    }

    /// The header item of a section of one side.
    fn header_of(&self, data: &PairData, side: Side, section: usize) -> Option<usize> {
        let pair = data.comparison.sections.iter().position(|p| {
            let region = if side == Side::Old { p.old } else { p.new };
            region == Some(Region::Section(section))
        })?;
        self.layout
            .as_ref()?
            .items
            .iter()
            .position(|item| matches!(item.kind, ItemKind::Header { pair: p } if p == pair))
    }

    fn item_for_sentence(&self, side: Side, sentence: usize) -> Option<usize> {
        self.layout.as_ref()?.item_of_sentence(side, sentence)
    }

    fn open_fold_with(&mut self, side: Side, sentence: usize, data: &PairData) {
        let Some(layout) = &self.layout else {
            return;
        };
        let fold = layout.items.iter().find_map(|item| match item.kind {
            ItemKind::Fold { pair, start, end } => {
                let rows = data.comparison.sections.get(pair)?.rows.get(start..end)?;
                let has = rows.iter().any(|r| {
                    let s = if side == Side::Old { r.old } else { r.new };
                    s == Some(sentence)
                });
                has.then_some((pair, start))
            }
            _ => None,
        });
        if let Some(fold) = fold {
            self.opened.insert(fold);
        }
    }
}
