use super::*;
use crate::compare::compare;
use crate::ingest::Metadata;

fn analyze(text: &str, year: i32) -> Report {
    let meta = Metadata {
        year: Some(year),
        ..Metadata::default()
    };
    Report::analyze(text, meta, Vec::new())
}

/// The document's text with every change accepted (`new`) or rejected (`old`).
fn resolved(doc: &TrackedDocument, year: Year) -> String {
    doc.paragraphs
        .iter()
        .flat_map(|p| &p.pieces)
        .filter(|p| match year {
            Year::New => !p.change.is_old_only(),
            Year::Old => !p.change.is_new_only(),
        })
        .map(|p| p.text.as_str())
        .collect()
}

fn units_text(report: &Report) -> String {
    units(report).iter().map(|u| u.text.as_str()).collect()
}

fn round_trip(old_text: &str, new_text: &str) -> TrackedDocument {
    let (old, new) = (analyze(old_text, 2022), analyze(new_text, 2023));
    let doc = build(&old, &new, &compare(&old, &new));
    assert_eq!(resolved(&doc, Year::New), units_text(&new), "accepting");
    assert_eq!(resolved(&doc, Year::Old), units_text(&old), "rejecting");
    doc
}

#[test]
fn every_demo_pair_round_trips_exactly() {
    let reports = crate::demo::REPORTS;
    for pair in reports.windows(2) {
        let [(a, ya, old), (b, yb, new)] = pair else {
            continue;
        };
        if a == b {
            let (old, new) = (analyze(old, *ya), analyze(new, *yb));
            let doc = build(&old, &new, &compare(&old, &new));
            assert_eq!(resolved(&doc, Year::New), units_text(&new), "{b} {yb}");
            assert_eq!(resolved(&doc, Year::Old), units_text(&old), "{a} {ya}");
        }
    }
}

#[test]
fn a_sentence_moved_to_another_section_is_one_move() {
    let old = "标题报告\n一、学习\n组织学法6次。开展普法宣传活动十余场。\n二、决策\n重大事项均经集体研究。\n";
    let new = "标题报告\n一、学习\n组织学法6次。\n二、决策\n重大事项均经集体研究。开展普法宣传活动十余场。\n";
    let doc = round_trip(old, new);
    let moved: Vec<&Piece> = doc
        .paragraphs
        .iter()
        .flat_map(|p| &p.pieces)
        .filter(|p| matches!(p.change, Change::MovedFrom(_) | Change::MovedTo(_)))
        .collect();
    assert_eq!(moved.len(), 2, "{moved:?}");
    assert_eq!(moved[0].text, moved[1].text);
    assert!(matches!(
        (moved[0].change, moved[1].change),
        (Change::MovedFrom(a), Change::MovedTo(b)) if a == b
    ));
}

#[test]
fn reworded_and_renumbered_sentences_carry_word_edits() {
    let doc = round_trip(
        "标题报告\n一、学习\n全年组织学法12次，成效明显。\n",
        "标题报告\n一、学习\n全年组织学法15次，成效明显。\n",
    );
    let changed: Vec<(Change, &str)> = doc
        .paragraphs
        .iter()
        .flat_map(|p| &p.pieces)
        .filter(|p| p.change != Change::Same)
        .map(|p| (p.change, p.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![(Change::Deleted, "12次"), (Change::Inserted, "15次")]
    );
}

#[test]
fn a_removed_section_is_deleted_paragraphs_and_an_added_one_inserted() {
    let doc = round_trip(
        "标题报告\n一、学习\n学法6次。\n二、旧事\n旧事一句。\n",
        "标题报告\n一、学习\n学法6次。\n二、新事项目\n新事完全不同的一句话。\n",
    );
    let marks: Vec<Change> = doc.paragraphs.iter().map(Paragraph::mark).collect();
    assert!(marks.contains(&Change::Deleted), "{marks:?}");
    assert!(marks.contains(&Change::Inserted), "{marks:?}");
    let heading_styles = doc
        .paragraphs
        .iter()
        .filter(|p| p.style == Style::Heading(1))
        .count();
    assert!(heading_styles >= 2);
}

#[test]
fn places_find_the_unit_of_an_offset_in_either_year() {
    let (old, new) = (
        analyze("标题报告\n一、学习\n学法6次。旧句在此。\n", 2022),
        analyze("标题报告\n一、学习\n学法7次。\n", 2023),
    );
    let doc = build(&old, &new, &compare(&old, &new));
    let offset = old.text.chars().position(|c| c == '旧').unwrap_or(0);
    let place = doc.place_of(Year::Old, offset).expect("a place");
    let pieces = &doc.paragraphs[place.paragraph].pieces[place.first..=place.last];
    assert!(pieces.iter().any(|p| p.text.contains("旧句")), "{pieces:?}");
}
