//! What kind of change two texts show: the same wording, only dates, only figures, or
//! rewording. Sentences compare by their normalized forms (punctuation and width
//! ignored), headings and merged sentences by the same forms of their joined text.

use super::{Row, RowKind};
use crate::report::Report;
use crate::report::dates::{Numeral, numerals};
use crate::report::normalize::{norm, shape};

/// The kind of two texts with equal shapes and different norms: `dates_only` when every
/// number that changed is a date of the same part on both sides (a year for a year, a
/// day for a day), `numbers_only` otherwise.
pub fn renumbered_kind(old: &[Numeral], new: &[Numeral]) -> RowKind {
    if old.len() != new.len() {
        return RowKind::NumbersOnly;
    }
    let mut changed = false;
    for (a, b) in old.iter().zip(new) {
        if a.text == b.text {
            continue;
        }
        if a.date.is_none() || a.date != b.date {
            return RowKind::NumbersOnly;
        }
        changed = true;
    }
    if changed {
        RowKind::DatesOnly
    } else {
        RowKind::NumbersOnly
    }
}

/// The kind of change from `old` to `new` text: `unchanged`, `dates_only`,
/// `numbers_only` or `modified`.
pub fn text_kind(old: &str, new: &str) -> RowKind {
    let (a, b) = (norm(old), norm(new));
    if a == b {
        RowKind::Unchanged
    } else if shape(&a) == shape(&b) {
        renumbered_kind(&numerals(old), &numerals(new))
    } else {
        RowKind::Modified
    }
}

/// Sets the kind of a merged or split row from its joined texts: joining sentences is
/// not itself a rewording, so `A。B。` → `A，B。` is unchanged.
pub fn classify_joined(row: &mut Row, old: &Report, new: &Report) {
    if row.old_joined.is_empty() && row.new_joined.is_empty() {
        return;
    }
    let joined = |report: &Report, indices: &mut dyn Iterator<Item = usize>| -> String {
        indices
            .filter_map(|i| report.sentences.get(i))
            .map(|s| s.text.as_str())
            .collect()
    };
    let a = joined(old, &mut row.old_sentences());
    let b = joined(new, &mut row.new_sentences());
    row.kind = text_kind(&a, &b);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_rolling_forward_are_dates_only() {
        for (old, new) in [
            ("2022年，全镇开展学习12次。", "2023年，全镇开展学习12次。"),
            ("于12月16日召开会议。", "于12月15日召开会议。"),
            ("二〇二二年工作回顾", "二〇二三年工作回顾"),
            ("2021—2025年规划。", "2022—2026年规划。"),
        ] {
            assert_eq!(text_kind(old, new), RowKind::DatesOnly, "{old} → {new}");
        }
    }

    #[test]
    fn figures_changed_are_numbers_only_even_beside_dates() {
        for (old, new) in [
            ("全镇开展学习12次。", "全镇开展学习15次。"),
            ("2022年开展学习12次。", "2023年开展学习15次。"),
            ("连续3年无事故。", "连续4年无事故。"),
            ("2022年。", "12年。"),
        ] {
            assert_eq!(text_kind(old, new), RowKind::NumbersOnly, "{old} → {new}");
        }
        assert_eq!(text_kind("依法行政。", "依法行政，"), RowKind::Unchanged);
        assert_eq!(text_kind("依法行政。", "依法治理。"), RowKind::Modified);
    }
}
