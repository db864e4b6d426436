use super::*;
use crate::ingest::Metadata;
use crate::report::Report;

fn rows(old: &str, new: &str) -> (Vec<Row>, Report, Report) {
    rows_at(old, new, true)
}

fn rows_at(old: &str, new: &str, word_level: bool) -> (Vec<Row>, Report, Report) {
    let old = Report::analyze(old, Metadata::default(), Vec::new());
    let new = Report::analyze(new, Metadata::default(), Vec::new());
    let features = Features::build(&old, &new);
    let olds: Vec<usize> = (0..old.sentences.len()).collect();
    let news: Vec<usize> = (0..new.sentences.len()).collect();
    (
        align_region(&olds, &news, &features, word_level, 1_000),
        old,
        new,
    )
}

#[test]
fn sentence_level_pairs_equal_and_renumbered_sentences_only() {
    let old = "加强组织领导。二是全力推进政务公开。全年培训12次。完善考核机制。";
    let new = "加强组织领导。二是进一步加强政务公开。全年培训15次。完善考核机制。";
    let (words, ..) = rows_at(old, new, true);
    assert!(kinds(&words).contains(&RowKind::Modified));
    let (sentences, old, new) = rows_at(old, new, false);
    let kinds = kinds(&sentences);
    assert!(!kinds.contains(&RowKind::Modified), "{kinds:?}");
    assert!(kinds.contains(&RowKind::Added) && kinds.contains(&RowKind::Removed));
    assert_eq!(
        kinds
            .iter()
            .filter(|&&k| k != RowKind::Added && k != RowKind::Removed)
            .count(),
        3,
        "equal and renumbered sentences still pair: {kinds:?}"
    );
    let olds: usize = sentences.iter().map(|r| r.old_sentences().count()).sum();
    let news: usize = sentences.iter().map(|r| r.new_sentences().count()).sum();
    assert_eq!((olds, news), (old.sentences.len(), new.sentences.len()));
}

fn kinds(rows: &[Row]) -> Vec<RowKind> {
    rows.iter().map(|r| r.kind).collect()
}

#[test]
fn a_sentence_rewritten_in_place_needs_less_wording_in_common() {
    let (in_place, ..) = rows(
        "加强组织领导。二是全力推进政务公开。完善考核机制。",
        "加强组织领导。二是进一步加强务公开。完善考核机制。",
    );
    assert_eq!(
        kinds(&in_place),
        vec![RowKind::Unchanged, RowKind::Modified, RowKind::Unchanged]
    );
    let (displaced, ..) = rows(
        "加强组织领导。二是全力推进政务公开。完善考核机制。",
        "二是进一步加强务公开。加强组织领导。完善考核机制。",
    );
    assert_eq!(
        displaced
            .iter()
            .filter(|r| r.kind == RowKind::Modified)
            .count(),
        0
    );
}

#[test]
fn order_is_kept_inside_a_changed_run() {
    let (rows, old, new) = rows(
        "开展专题学习十二次。组织执法人员培训。聘请法律顾问。",
        "开展专题学习十五次。新增一项完全不同的工作内容说明。组织全体执法人员培训。聘请法律顾问。",
    );
    let described: Vec<(RowKind, Option<&str>, Option<&str>)> = rows
        .iter()
        .map(|r| {
            (
                r.kind,
                r.old.map(|i| old.sentences[i].text.as_str()),
                r.new.map(|i| new.sentences[i].text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        described,
        vec![
            (
                RowKind::NumbersOnly,
                Some("开展专题学习十二次。"),
                Some("开展专题学习十五次。")
            ),
            (
                RowKind::Added,
                None,
                Some("新增一项完全不同的工作内容说明。")
            ),
            (
                RowKind::Modified,
                Some("组织执法人员培训。"),
                Some("组织全体执法人员培训。")
            ),
            (
                RowKind::Unchanged,
                Some("聘请法律顾问。"),
                Some("聘请法律顾问。")
            ),
        ]
    );
}

#[test]
fn repeated_sentences_are_each_used_once() {
    let (rows, old, new) = rows("无。无。无。学习。", "学习。无。无。");
    assert_eq!(
        rows.iter().filter(|r| r.old.is_some()).count(),
        old.sentences.len()
    );
    assert_eq!(
        rows.iter().filter(|r| r.new.is_some()).count(),
        new.sentences.len()
    );
    assert_eq!(
        rows.iter().filter(|r| r.kind == RowKind::Removed).count(),
        1
    );
}
