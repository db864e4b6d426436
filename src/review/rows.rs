//! How both front ends show a pair's rows: one marker per kind of row, and one rule
//! for folding runs of unchanged rows, so `nianbao diff` and the review interface read
//! the same.

use std::ops::Range;

use crate::compare::{Row, RowKind};

/// Unchanged rows kept in view on each side of a change when folding, unless the
/// reviewer asks for another number (`--context`, `context` in config.toml).
pub const DEFAULT_CONTEXT: usize = 2;

/// The marker of a row kind: `=` unchanged, `^` dates only, `#` numbers only,
/// `~` modified, `>` moved, `+` added, `-` removed.
pub fn marker(kind: RowKind) -> char {
    match kind {
        RowKind::Unchanged => '=',
        RowKind::DatesOnly => '^',
        RowKind::NumbersOnly => '#',
        RowKind::Modified => '~',
        RowKind::Moved => '>',
        RowKind::Added => '+',
        RowKind::Removed => '-',
    }
}

/// A section pair's rows as shown: one by one, or a run folded into one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Row(usize),
    Fold(Range<usize>),
}

/// Splits a pair's rows into rows shown and folded runs of unchanged rows. Next to each
/// change `context` unchanged rows stay in view; a run that would hide fewer than two
/// rows is shown, since its fold line would take as much room; a run that `opened`
/// (by its first folded row) is shown whole.
pub fn fold_rows(rows: &[Row], context: usize, opened: impl Fn(usize) -> bool) -> Vec<Segment> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        if rows[i].kind != RowKind::Unchanged {
            out.push(Segment::Row(i));
            i += 1;
            continue;
        }
        let start = i;
        while i < rows.len() && rows[i].kind == RowKind::Unchanged {
            i += 1;
        }
        let end = i;
        let keep_before = if start == 0 { 0 } else { context };
        let keep_after = if end == rows.len() { 0 } else { context };
        let fold_start = start + keep_before.min(end - start);
        let fold_end = end.saturating_sub(keep_after).max(fold_start);
        if fold_end - fold_start < 2 || opened(fold_start) {
            out.extend((start..end).map(Segment::Row));
            continue;
        }
        out.extend((start..fold_start).map(Segment::Row));
        out.push(Segment::Fold(fold_start..fold_end));
        out.extend((fold_end..end).map(Segment::Row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: RowKind) -> Row {
        Row {
            kind,
            old: None,
            new: None,
            edits: Vec::new(),
            old_joined: Vec::new(),
            new_joined: Vec::new(),
        }
    }

    #[test]
    fn folding_keeps_context_next_to_changes() {
        use RowKind::*;
        let kinds = [
            Unchanged, Unchanged, Unchanged, Unchanged, Modified, Unchanged, Unchanged, Unchanged,
            Unchanged, Unchanged, Unchanged, Added, Unchanged,
        ];
        let rows: Vec<Row> = kinds.iter().map(|k| row(*k)).collect();
        let out = fold_rows(&rows, 1, |_| false);
        assert_eq!(
            out,
            [
                Segment::Fold(0..3),
                Segment::Row(3),
                Segment::Row(4),
                Segment::Row(5),
                Segment::Fold(6..10),
                Segment::Row(10),
                Segment::Row(11),
                Segment::Row(12),
            ]
        );
        let unfolded = fold_rows(&rows, 1, |start| start == 6);
        assert!(unfolded.contains(&Segment::Row(7)));
        assert!(unfolded.contains(&Segment::Fold(0..3)));
    }

    #[test]
    fn a_fully_unchanged_section_folds_to_one_line() {
        let rows: Vec<Row> = (0..5).map(|_| row(RowKind::Unchanged)).collect();
        assert_eq!(fold_rows(&rows, 3, |_| false), [Segment::Fold(0..5)]);
    }

    #[test]
    fn a_single_hidden_row_is_shown_instead() {
        use RowKind::*;
        let rows: Vec<Row> = [Modified, Unchanged, Unchanged, Unchanged, Added]
            .iter()
            .map(|k| row(*k))
            .collect();
        assert_eq!(fold_rows(&rows, 1, |_| false).len(), rows.len());
    }

    #[test]
    fn every_kind_has_its_own_marker() {
        use RowKind::*;
        let kinds = [
            Unchanged,
            DatesOnly,
            NumbersOnly,
            Modified,
            Moved,
            Added,
            Removed,
        ];
        let mut markers: Vec<char> = kinds.iter().map(|k| marker(*k)).collect();
        markers.sort_unstable();
        markers.dedup();
        assert_eq!(markers.len(), kinds.len());
    }
}
