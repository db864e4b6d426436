//! Counts, shares and the copy ratio over a pair's rows or a whole comparison.

use super::features::Features;
use super::{Counts, HeadingChange, HeadingCounts, Region, Row, RowKind, SectionPair, Shares};

/// Share of the new sentences' characters that were carried over: unchanged, moved, or
/// with only their dates or numbers changed.
pub fn copy_ratio<'a>(rows: impl Iterator<Item = &'a Row>, features: &Features) -> f64 {
    let (mut copied, mut total) = (0usize, 0usize);
    for row in rows {
        let chars: usize = row
            .new_sentences()
            .filter_map(|n| features.new.sentences.get(n))
            .map(|s| s.chars)
            .sum();
        total += chars;
        if is_carried_over(row.kind) {
            copied += chars;
        }
    }
    ratio(copied, total)
}

/// Kinds whose new sentence is last year's wording.
fn is_carried_over(kind: RowKind) -> bool {
    matches!(
        kind,
        RowKind::Unchanged | RowKind::Moved | RowKind::NumbersOnly | RowKind::DatesOnly
    )
}

fn ratio(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 / total as f64
    }
}

/// Rows per kind; the heading counts are left at zero.
pub fn counts<'a>(rows: impl Iterator<Item = &'a Row>) -> Counts {
    let mut c = Counts::default();
    for row in rows {
        let slot = match row.kind {
            RowKind::Unchanged => &mut c.unchanged,
            RowKind::NumbersOnly => &mut c.numbers_only,
            RowKind::DatesOnly => &mut c.dates_only,
            RowKind::Modified => &mut c.modified,
            RowKind::Moved => &mut c.moved,
            RowKind::Added => &mut c.added,
            RowKind::Removed => &mut c.removed,
        };
        *slot += 1;
    }
    c
}

/// Shares of the new sentences (by count) unchanged or moved, dates-only and
/// numbers-only.
pub fn shares<'a>(rows: impl Iterator<Item = &'a Row>) -> Shares {
    let (mut unchanged, mut dates, mut numbers, mut total) = (0, 0, 0, 0);
    for row in rows {
        let n = row.new_sentences().count();
        total += n;
        match row.kind {
            RowKind::Unchanged | RowKind::Moved => unchanged += n,
            RowKind::DatesOnly => dates += n,
            RowKind::NumbersOnly => numbers += n,
            _ => {}
        }
    }
    Shares {
        unchanged: ratio(unchanged, total),
        dates_only: ratio(dates, total),
        numbers_only: ratio(numbers, total),
    }
}

/// The heading count of one pair: its heading change, or an added or removed section.
pub fn heading_count(
    old: Option<Region>,
    new: Option<Region>,
    heading: Option<&HeadingChange>,
) -> HeadingCounts {
    let mut c = HeadingCounts::default();
    let is_section = |r: Option<Region>| matches!(r, Some(Region::Section(_)));
    let slot = match (heading.map(|h| h.kind), is_section(old), is_section(new)) {
        (Some(RowKind::Unchanged), ..) => Some(&mut c.unchanged),
        (Some(RowKind::DatesOnly), ..) => Some(&mut c.dates_only),
        (Some(RowKind::NumbersOnly), ..) => Some(&mut c.numbers_only),
        (Some(_), ..) => Some(&mut c.modified),
        (None, false, true) => Some(&mut c.added),
        (None, true, false) => Some(&mut c.removed),
        (None, ..) => None,
    };
    if let Some(slot) = slot {
        *slot += 1;
    }
    c
}

/// The heading counts of every pair added up.
pub fn heading_counts(pairs: &[SectionPair]) -> HeadingCounts {
    let mut total = HeadingCounts::default();
    for c in pairs.iter().map(|p| p.scores.counts.headings) {
        total.unchanged += c.unchanged;
        total.dates_only += c.dates_only;
        total.numbers_only += c.numbers_only;
        total.modified += c.modified;
        total.added += c.added;
        total.removed += c.removed;
    }
    total
}
