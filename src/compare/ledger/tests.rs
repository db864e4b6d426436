//! The ledger on short reports written for the purpose.

use super::*;
use crate::ingest::Metadata;

fn report(text: &str, year: i32) -> Report {
    let meta = Metadata {
        year: Some(year),
        ..Metadata::default()
    };
    Report::analyze(text, meta, Vec::new())
}

fn row<'a>(rows: &'a [LedgerRow], label: &str) -> &'a LedgerRow {
    rows.iter()
        .find(|r| r.label.contains(label))
        .unwrap_or_else(|| panic!("no row for {label}: {rows:#?}"))
}

#[test]
fn pairs_by_label_and_flags_what_changed() {
    let old = report(
        "一、主要举措\n全年发放宣传资料3000余份。组织专题学习12次。受理矛盾纠纷40件。覆盖率达到80%。",
        2021,
    );
    let new = report(
        "一、主要举措\n全年发放宣传资料3000余份。今年共组织专题学习12次，形式多样。受理矛盾纠纷400件。新聘法律顾问2名。覆盖率达到120%。",
        2022,
    );
    let rows = ledger(&old, &new);
    let leaflets = row(&rows, "宣传资料");
    assert_eq!(leaflets.flags, vec![LedgerFlag::SameSentence]);
    assert_eq!(leaflets.change, Some(0.0));
    assert_eq!(row(&rows, "专题学习").flags, vec![LedgerFlag::SameValue]);
    let disputes = row(&rows, "矛盾纠纷");
    assert_eq!(disputes.change, Some(360.0));
    assert!(disputes.flags.contains(&LedgerFlag::Jump));
    assert_eq!(row(&rows, "法律顾问").flags, vec![LedgerFlag::New]);
    assert!(
        row(&rows, "覆盖率")
            .flags
            .contains(&LedgerFlag::Over100Percent)
    );
}

#[test]
fn vanished_figures_stay_near_their_place() {
    let old = report(
        "全年发放宣传资料3000余份。举办讲座5场。受理矛盾纠纷40件。",
        2021,
    );
    let new = report("全年发放宣传资料2000余份。受理矛盾纠纷30件。", 2022);
    let rows = ledger(&old, &new);
    let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels.len(), 3, "{rows:#?}");
    assert_eq!(rows[1].flags, vec![LedgerFlag::Vanished]);
    assert!(rows[1].old.is_some() && rows[1].new.is_none());
    assert!(labels[0].contains("宣传资料") && labels[2].contains("矛盾纠纷"));
}

#[test]
fn changes_are_tidy_decimals() {
    assert_eq!(tidy(5.1 - 5.2), -0.1);
    assert_eq!(tidy(0.9 - 2.5), -1.6);
    assert_eq!(tidy(121e12 - 114e12), 7e12);
    assert_eq!(tidy(0.0), 0.0);
}

#[test]
fn units_must_agree() {
    let old = report("接访群众116人次。", 2021);
    let new = report("接访群众116次。", 2022);
    let rows = ledger(&old, &new);
    assert_eq!(rows.len(), 2, "{rows:#?}");
}

#[test]
fn series_follow_figures_across_years_in_any_order() {
    let y2021 = report("发放宣传资料1000份。受理矛盾纠纷10件。", 2021);
    let y2022 = report("发放宣传资料2000份。受理矛盾纠纷20件。", 2022);
    let y2023 = report("发放宣传资料3000份。", 2023);
    let all = series(&[&y2023, &y2021, &y2022]);
    let leaflets = all.iter().find(|s| s.label.contains("宣传资料")).unwrap();
    assert_eq!(
        leaflets.points,
        vec![(2021, 1000.0), (2022, 2000.0), (2023, 3000.0)]
    );
    let disputes = all.iter().find(|s| s.label.contains("矛盾纠纷")).unwrap();
    assert_eq!(disputes.points, vec![(2021, 10.0), (2022, 20.0)]);
    assert_eq!(all.len(), 2);
}

#[test]
fn a_head_noun_alone_does_not_pair_with_a_named_activity() {
    let old = report("一、主要举措\n组织开展集中宣传活动18场。", 2021);
    let new = report("一、主要举措\n今年围绕禁毒主题开展活动7场。", 2022);
    let rows = ledger(&old, &new);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert!(rows.iter().all(|r| r.change.is_none()), "{rows:#?}");
    let flags: Vec<&[LedgerFlag]> = rows.iter().map(|r| r.flags.as_slice()).collect();
    assert!(flags.contains(&[LedgerFlag::New].as_slice()), "{rows:#?}");
    assert!(
        flags.contains(&[LedgerFlag::Vanished].as_slice()),
        "{rows:#?}"
    );
}

#[test]
fn changes_are_shown_in_the_figures_own_scale_and_kept_exactly() {
    let old = report(
        "城镇新增就业1180万人。国内生产总值88万亿元。调查失业率4.9%。",
        2021,
    );
    let new = report(
        "城镇新增就业1125万人。国内生产总值95.6万亿元。调查失业率5.3%。",
        2022,
    );
    let rows = ledger(&old, &new);
    let jobs = row(&rows, "就业");
    assert_eq!(jobs.change_text.as_deref(), Some("\u{2212}55万人"));
    assert_eq!(jobs.change, Some(-550_000.0));
    assert_eq!(
        jobs.change_exact.map(|c| c.to_string()).as_deref(),
        Some("-550000")
    );
    let output = row(&rows, "国内生产总值");
    assert_eq!(output.change_text.as_deref(), Some("+7.6万亿元"));
    assert_eq!(
        row(&rows, "失业率").change_text.as_deref(),
        Some("+0.4个百分点")
    );
}

#[test]
fn impossible_counts_keep_their_digits_and_sign_and_are_flagged() {
    let old = report(
        "受理投诉-7件。发放资料2400000000000000份。安全事故0起。",
        2021,
    );
    let new = report(
        "受理投诉3件。发放资料2400000000000001份。安全事故2600000起。培训群众31415926535897932384人次。",
        2022,
    );
    // Two numbers run together, past what a 64-bit integer holds: read exactly, flagged.
    let merged = new
        .figures
        .iter()
        .find(|f| f.surface.starts_with("31415926535897932384"))
        .expect("a twenty-digit count is a figure");
    assert_eq!(merged.exact.to_string(), "31415926535897932384");
    assert!(merged.implausible.is_some());
    let complaints = &new.figures[0];
    assert_eq!(old.figures[0].exact.to_string(), "-7");
    assert_eq!(old.figures[0].value, -7.0);
    assert_eq!(old.figures[0].surface, "-7件");
    assert_eq!(complaints.implausible, None);
    assert_eq!(new.figures[1].exact.to_string(), "2400000000000001");
    let rows = ledger(&old, &new);
    let complaints = row(&rows, "投诉");
    assert!(
        complaints.flags.contains(&LedgerFlag::Implausible),
        "{complaints:#?}"
    );
    let leaflets = row(&rows, "资料");
    assert!(leaflets.flags.contains(&LedgerFlag::Implausible));
    assert_eq!(
        leaflets.change_exact.map(|c| c.to_string()).as_deref(),
        Some("1")
    );
    let accidents = row(&rows, "安全事故");
    assert!(
        accidents.flags.contains(&LedgerFlag::Jump),
        "{accidents:#?}"
    );
}

#[test]
fn every_row_finds_the_series_that_agrees_with_it() {
    let y2020 = report("一、主要举措\n开展普法讲座4场。调解纠纷20件。", 2020);
    let y2021 = report("一、主要举措\n开展普法讲座6场。调解纠纷26件。", 2021);
    let y2022 = report(
        "一、主要举措\n开展普法讲座6场。调解纠纷31件。\n二、其他\n另在学校开展普法讲座9场。",
        2022,
    );
    let all = series(&[&y2020, &y2021, &y2022]);
    let rows = ledger(&y2021, &y2022);
    assert!(
        rows.iter().any(|r| r.flags.contains(&LedgerFlag::New)),
        "{rows:#?}"
    );
    for r in &rows {
        let found = series_for(&all, r, Some(2021), Some(2022));
        let Some(found) = found else {
            panic!("no series for {r:#?}");
        };
        if r.flags.contains(&LedgerFlag::New) {
            assert!(found.points.iter().all(|(y, _)| *y >= 2022), "{found:#?}");
        }
        if let (Some(old), Some(new)) = (&r.old, &r.new) {
            assert!(found.points.contains(&(2021, old.value)), "{found:#?}");
            assert!(found.points.contains(&(2022, new.value)), "{found:#?}");
        }
    }
}

#[test]
fn a_single_year_lists_each_figure_on_this_years_side() {
    let alone = report("发放宣传资料1000份。受理矛盾纠纷10件。", 2021);
    let rows = single(&alone);
    assert_eq!(rows.len(), alone.figures.len());
    for (row, figure) in rows.iter().zip(&alone.figures) {
        assert!(row.old.is_none() && row.flags.is_empty() && row.change.is_none());
        assert_eq!(row.new.as_ref().map(|s| s.span), Some(figure.span));
    }
}
