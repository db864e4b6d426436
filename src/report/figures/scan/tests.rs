//! Candidates on short texts: what counts as a figure and what only looks like one.

use super::*;

fn found(text: &str) -> Vec<(String, f64, &'static str, Option<&'static str>)> {
    let chars: Vec<char> = text.chars().collect();
    candidates(&chars)
        .into_iter()
        .map(|c| {
            (
                chars[c.start..c.end].iter().collect(),
                c.value.to_f64(),
                c.unit,
                c.approx,
            )
        })
        .collect()
}

fn surfaces(text: &str) -> Vec<String> {
    found(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn arabic_figures_with_units_and_qualifiers() {
    assert_eq!(
        found("专题学习12次，组织学法10余次，配备3名以上调解员。"),
        vec![
            ("12次".into(), 12.0, "次", None),
            ("10余次".into(), 10.0, "次", Some("余")),
            ("3名以上".into(), 3.0, "名", Some("以上")),
        ]
    );
}

#[test]
fn multipliers_fold_into_the_value() {
    assert_eq!(
        found("增加到121万亿元，增加近70万亿元，年均1270多万人，控制在1200万人左右。"),
        vec![
            ("121万亿元".into(), 121e12, "元", None),
            ("70万亿元".into(), 70e12, "元", Some("近")),
            ("1270多万人".into(), 12_700_000.0, "人", Some("多")),
            ("1200万人左右".into(), 12_000_000.0, "人", Some("左右")),
        ]
    );
    assert_eq!(
        found("从9000多公里增加到2万5千公里，新增4万多亿元"),
        vec![
            ("9000多公里".into(), 9000.0, "公里", Some("多")),
            ("2万5千公里".into(), 25000.0, "公里", None),
            ("4万多亿元".into(), 4e12, "元", Some("多")),
        ]
    );
    assert_eq!(
        found("走访15家庭，帮扶20户家庭"),
        vec![
            ("15".into(), 15.0, "", None),
            ("20户".into(), 20.0, "户", None),
        ]
    );
    assert_eq!(
        found("向6600多万困难群众"),
        vec![("6600多万".into(), 66_000_000.0, "", Some("多"))]
    );
}

#[test]
fn chinese_numerals_that_count() {
    assert_eq!(
        found("惠及两万余人次，另有万余人参加，聘请一名法律顾问，至少一天接访。"),
        vec![
            ("两万余人次".into(), 20000.0, "人次", Some("余")),
            ("万余人".into(), 10000.0, "人", Some("余")),
            ("一名".into(), 1.0, "名", None),
            ("一天".into(), 1.0, "天", Some("至少")),
        ]
    );
    assert_eq!(
        found("比重为百分之九十五左右"),
        vec![("百分之九十五左右".into(), 95.0, "%", Some("左右"))]
    );
}

#[test]
fn a_minus_sign_is_kept_but_a_range_dash_is_not_one() {
    assert_eq!(
        found("受理投诉-7件，较上年－2起"),
        vec![
            ("-7件".into(), -7.0, "件", None),
            ("－2起".into(), -2.0, "起", None),
        ]
    );
    assert_eq!(surfaces("每月2-3次，G-20峰会"), Vec::<String>::new());
    assert_eq!(found("增长-0件")[0].0, "0件");
}

#[test]
fn gap_qualifiers_reach_over_a_verb() {
    assert_eq!(
        found("每月至少提供1次法律咨询"),
        vec![("1次".into(), 1.0, "次", Some("至少"))]
    );
    // A qualifier that is half of another word is not one.
    assert_eq!(found("附近3家企业")[0].3, None);
}

#[test]
fn dates_periods_and_numbers_that_name_things_are_not_figures() {
    for text in [
        "2020年12月16日",
        "在5.12防灾减灾日、6.26禁毒日和12·4宪法宣传日",
        "黔江委发〔2016〕29号",
        "实施方案（2016-2020年）和纲要（2021—2025年）",
        "依照第十条和第十四届",
        "第1、2、3条",
        "党的二十大和十九届五中全会",
        "一是加强学习，（一）健全制度",
        "3月法治宣传月和三月法治宣传月",
        "PM2.5浓度和G20峰会",
        "拨打12345热线",
        "增长6%－6.5%，每月2-3次",
        "这三个方面和这80亿元",
        "每50公斤提高",
    ] {
        assert_eq!(surfaces(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn slogans_and_formulas_are_not_figures() {
    for text in [
        "树牢“四个意识”，坚定“四个自信”，做到“两个维护”",
        "建立“一村（社区）一法律顾问”制度",
        "实现“一个窗口”办事和“全国一张清单”",
        "坚持三个是否原则",
        "开展法律“六进”活动",
        "推行行政执法三项制度",
        "落实中央八项规定精神",
        "实现两个一百年奋斗目标",
        "统筹推进五位一体总体布局",
        "实行一次性告知",
        "推行高效办成一件事一次办",
        "落实一天一巡查",
        "每一名干部",
        "统一名称",
        "千家万户",
        "健全一票否决权制",
        "印发一批法律刊物，建设一支队伍",
    ] {
        assert_eq!(surfaces(text), Vec::<String>::new(), "{text}");
    }
}
