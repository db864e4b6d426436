//! A heading's changes are marked as a sentence's are: a section renumbered with the
//! same words (`三、` → `一、`) shows its number as changed, in colour and, without
//! colour, in brackets; a heading whose number and words stay (`一、主要举措和成效`) shows
//! nothing.

use std::collections::HashSet;
use std::sync::Arc;

use nianbao::i18n::Lang;
use nianbao::ingest::Metadata;
use nianbao::report::Report;
use nianbao::review::{PairData, Side};
use nianbao::tui::diff_lines::{DiffLayout, ItemKind, LayoutParams, MarkKind, Source, WrapCache};

const OLD: &str = "样例镇2022年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传12次。\n二、存在的不足和原因\n学法不够深入。\n三、推进依法行政\n规范行政执法行为。\n";
const NEW: &str = "样例镇2023年法治政府建设年度报告\n一、主要举措和成效\n全年开展法治宣传15次。\n二、推进依法行政\n规范行政执法行为。\n三、存在的不足和原因\n学法不够深入。\n";

fn report(text: &str, year: i32) -> Report {
    let meta = Metadata {
        township: Some("样例镇".to_string()),
        year: Some(year),
        ..Metadata::default()
    };
    Report::analyze(text, meta, Vec::new())
}

/// One side of a heading as drawn: its text, and each changed run with its kind.
type Drawn = (String, Vec<(String, MarkKind)>);

/// Each heading item's text and marks on both sides, at `brackets`.
fn headings(brackets: bool) -> Vec<[Drawn; 2]> {
    let data = PairData::build(
        "样例镇",
        "样例县",
        vec![2022, 2023],
        Some(Arc::new(report(OLD, 2022))),
        Arc::new(report(NEW, 2023)),
        &[],
    );
    let params = LayoutParams {
        width: 160,
        ambiguous_wide: false,
        fold: false,
        context: 2,
        brackets,
    };
    let layout = DiffLayout::build(
        &data,
        params,
        &HashSet::new(),
        Lang::Zh,
        &mut WrapCache::default(),
    );
    layout
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Header { .. }))
        .map(|item| {
            [Side::Old, Side::New].map(|side| {
                let cell = item.side(side);
                let Source::Text(text) = &cell.source else {
                    return (String::new(), Vec::new());
                };
                let chars: Vec<char> = text.chars().collect();
                let marks = cell
                    .marks
                    .iter()
                    .filter(|m| matches!(m.kind, MarkKind::Insert | MarkKind::Delete))
                    .map(|m| (chars[m.range.clone()].iter().collect(), m.kind))
                    .collect();
                (text.clone(), marks)
            })
        })
        .collect()
}

fn heading_with<'a>(all: &'a [[Drawn; 2]], title: &str) -> &'a [Drawn; 2] {
    all.iter()
        .find(|[old, new]| old.0.contains(title) && new.0.contains(title))
        .unwrap_or_else(|| panic!("no heading {title}: {all:#?}"))
}

#[test]
fn a_renumbered_heading_marks_its_number_as_changed() {
    let all = headings(false);
    let [old, new] = heading_with(&all, "推进依法行政");
    assert!(
        old.0.starts_with("三、") && new.0.starts_with("二、"),
        "{old:?} {new:?}"
    );
    assert_eq!(old.1, [("三、".to_string(), MarkKind::Delete)], "{old:?}");
    assert_eq!(new.1, [("二、".to_string(), MarkKind::Insert)], "{new:?}");
}

#[test]
fn without_colour_the_changed_number_is_bracketed() {
    let all = headings(true);
    let [old, new] = heading_with(&all, "推进依法行政");
    assert!(old.0.starts_with("[-三、-]"), "{old:?}");
    assert!(new.0.starts_with("{+二、+}"), "{new:?}");
}

#[test]
fn a_heading_with_the_same_number_and_words_marks_nothing() {
    let all = headings(true);
    let the_same: Vec<_> = all
        .iter()
        .filter(|[old, new]| old.0.starts_with("一、") && new.0.starts_with(&old.0))
        .collect();
    assert!(!the_same.is_empty(), "{all:#?}");
    for [old, new] in &the_same {
        assert!(old.1.is_empty() && new.1.is_empty(), "{old:?} {new:?}");
    }
}
