//! Folding: runs of unchanged rows collapse to one line, with a few rows of context
//! kept next to each change.

use super::LayoutParams;
use crate::compare::{Row, RowKind};

/// Rows shown one by one, or folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Segment {
    Row(usize),
    Fold(usize, usize),
}

/// Splits a pair's rows into shown rows and folded runs of unchanged ones, keeping
/// `context` unchanged rows next to each change. Runs that would hide fewer than two
/// rows are shown.
pub(super) fn segments(
    rows: &[Row],
    params: LayoutParams,
    opened: impl Fn(usize) -> bool,
) -> Vec<Segment> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        if rows[i].kind != RowKind::Unchanged || !params.fold {
            out.push(Segment::Row(i));
            i += 1;
            continue;
        }
        let start = i;
        while i < rows.len() && rows[i].kind == RowKind::Unchanged {
            i += 1;
        }
        let end = i;
        let keep_before = if start == 0 { 0 } else { params.context };
        let keep_after = if end == rows.len() { 0 } else { params.context };
        let fold_start = start + keep_before.min(end - start);
        let fold_end = end.saturating_sub(keep_after).max(fold_start);
        if fold_end - fold_start < 2 || opened(fold_start) {
            out.extend((start..end).map(Segment::Row));
            continue;
        }
        out.extend((start..fold_start).map(Segment::Row));
        out.push(Segment::Fold(fold_start, fold_end));
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

    fn params(fold: bool, context: usize) -> LayoutParams {
        LayoutParams {
            width: 80,
            ambiguous_wide: false,
            fold,
            context,
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
        let out = segments(&rows, params(true, 1), |_| false);
        assert_eq!(
            out,
            [
                Segment::Fold(0, 3),
                Segment::Row(3),
                Segment::Row(4),
                Segment::Row(5),
                Segment::Fold(6, 10),
                Segment::Row(10),
                Segment::Row(11),
                Segment::Row(12),
            ]
        );
        let unfolded = segments(&rows, params(true, 1), |start| start == 6);
        assert!(unfolded.contains(&Segment::Row(7)));
        assert!(unfolded.contains(&Segment::Fold(0, 3)));
        let off = segments(&rows, params(false, 1), |_| false);
        assert_eq!(off.len(), rows.len());
    }

    #[test]
    fn a_fully_unchanged_section_folds_to_one_line() {
        let rows: Vec<Row> = (0..5).map(|_| row(RowKind::Unchanged)).collect();
        assert_eq!(
            segments(&rows, params(true, 3), |_| false),
            [Segment::Fold(0, 5)]
        );
    }
}
