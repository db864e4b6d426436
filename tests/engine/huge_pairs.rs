//! A pair beyond what word-level comparison may do falls back to whole sentences, says
//! so, and still shows every sentence once. Built with small budgets, not huge files:
//! how time and memory grow with a huge pair is measured by `benches/huge_pair.sh`.

use nianbao::compare::{Budget, Comparison, RowKind, compare, compare_within};
use nianbao::i18n::Lang;
use nianbao::ingest::Metadata;
use nianbao::report::Report;
use nianbao::review::coarse_notice;

const OLD: &str = "一、主要举措\n加强组织领导。二是全力推进政务公开。全年培训12次。完善考核机制。\n\
                   二、存在的不足\n基层执法力量薄弱。普法宣传形式单一。\n";
const NEW: &str = "一、主要举措\n加强组织领导。二是进一步加强政务公开。全年培训15次。完善考核机制。\n\
                   二、存在的不足\n基层执法力量仍然薄弱。普法宣传形式较为单一。\n";

fn analyze(text: &str) -> Report {
    Report::analyze(text, Metadata::default(), Vec::new())
}

fn roomy() -> Budget {
    Budget::default()
}

/// Every sentence of both reports in exactly one row.
fn assert_covered(comparison: &Comparison, old: &Report, new: &Report) {
    let rows = comparison.sections.iter().flat_map(|p| &p.rows);
    let mut olds: Vec<usize> = rows.clone().flat_map(|r| r.old_sentences()).collect();
    let mut news: Vec<usize> = rows.flat_map(|r| r.new_sentences()).collect();
    olds.sort_unstable();
    news.sort_unstable();
    assert_eq!(olds, (0..old.sentences.len()).collect::<Vec<_>>());
    assert_eq!(news, (0..new.sentences.len()).collect::<Vec<_>>());
}

fn rewordings(comparison: &Comparison) -> usize {
    comparison
        .sections
        .iter()
        .flat_map(|p| &p.rows)
        .filter(|r| r.kind == RowKind::Modified || !r.edits.is_empty())
        .count()
}

#[test]
fn within_the_budget_nothing_changes_and_nothing_is_said() {
    let (old, new) = (analyze(OLD), analyze(NEW));
    let comparison = compare_within(&old, &new, &roomy());
    assert_eq!(comparison, compare(&old, &new));
    assert!(rewordings(&comparison) > 0, "the rewordings are found");
    assert!(!comparison.sentence_level);
    assert!(comparison.sections.iter().all(|p| !p.sentence_level));
    assert_eq!(coarse_notice(&comparison, Lang::Zh), None);
}

#[test]
fn a_pair_beyond_the_sentence_budget_is_compared_sentence_by_sentence() {
    let (old, new) = (analyze(OLD), analyze(NEW));
    let budget = Budget {
        word_level_sentences: old.sentences.len() + new.sentences.len() - 1,
        ..roomy()
    };
    let comparison = compare_within(&old, &new, &budget);
    assert!(comparison.sentence_level);
    assert_eq!(rewordings(&comparison), 0, "no rewordings, no word edits");
    let kinds: Vec<RowKind> = comparison
        .sections
        .iter()
        .flat_map(|p| &p.rows)
        .map(|r| r.kind)
        .collect();
    assert!(kinds.contains(&RowKind::Unchanged), "{kinds:?}");
    assert!(kinds.contains(&RowKind::NumbersOnly), "{kinds:?}");
    assert_covered(&comparison, &old, &new);
    for lang in [Lang::Zh, Lang::En] {
        let notice = coarse_notice(&comparison, lang).expect("a notice");
        assert!(!notice.is_empty());
    }
    assert_ne!(
        coarse_notice(&comparison, Lang::Zh),
        coarse_notice(&comparison, Lang::En)
    );
}

#[test]
fn a_section_beyond_the_region_budget_alone_falls_back() {
    let (old, new) = (analyze(OLD), analyze(NEW));
    // The first section has 4 × 4 sentences, the second 2 × 2.
    let budget = Budget {
        region_cells: 10,
        ..roomy()
    };
    let comparison = compare_within(&old, &new, &budget);
    assert!(!comparison.sentence_level);
    let coarse: Vec<bool> = comparison
        .sections
        .iter()
        .map(|p| p.sentence_level)
        .collect();
    assert_eq!(coarse, vec![true, false], "only the large section");
    let first = &comparison.sections[0];
    assert!(
        first
            .rows
            .iter()
            .all(|r| r.kind != RowKind::Modified && r.edits.is_empty())
    );
    assert!(
        comparison.sections[1]
            .rows
            .iter()
            .any(|r| r.kind == RowKind::Modified),
        "the small section is still compared word by word"
    );
    assert_covered(&comparison, &old, &new);
    let notice = coarse_notice(&comparison, Lang::En).expect("a notice");
    assert!(notice.starts_with("1 "), "{notice}");
    assert!(coarse_notice(&comparison, Lang::Zh).is_some_and(|n| n.starts_with("1 ")));
}

#[test]
fn spent_pairing_cells_leave_later_sections_sentence_by_sentence() {
    let (old, new) = (analyze(OLD), analyze(NEW));
    // Enough for the first section's 2 × 4 × 4 cells, not for the second's 2 × 2 × 2.
    let budget = Budget {
        pairing_cells: 32,
        ..roomy()
    };
    let comparison = compare_within(&old, &new, &budget);
    let coarse: Vec<bool> = comparison
        .sections
        .iter()
        .map(|p| p.sentence_level)
        .collect();
    assert_eq!(coarse, vec![false, true]);
    assert_covered(&comparison, &old, &new);
}

#[test]
fn a_row_too_long_for_word_edits_keeps_none() {
    let (old, new) = (analyze(OLD), analyze(NEW));
    let budget = Budget {
        edit_cells: 1,
        ..roomy()
    };
    let comparison = compare_within(&old, &new, &budget);
    assert!(comparison.sections.iter().all(|p| p.sentence_level));
    assert!(
        comparison
            .sections
            .iter()
            .flat_map(|p| &p.rows)
            .all(|r| r.edits.is_empty())
    );
    assert_covered(&comparison, &old, &new);
}
