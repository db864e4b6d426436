//! Figure labels on sentences written for these tests: a label never starts inside a
//! name, keeps a quoted name whole, is never empty where the clause names something,
//! gives each item of a list its own name, and is never a bare verb or a generic word
//! when the clause names the thing counted.

use nianbao::ingest::Metadata;
use nianbao::report::Report;
use proptest::prelude::*;

/// `(surface, label)` of every figure in the text, as a report's body.
fn labels(body: &str) -> Vec<(String, String)> {
    let text = format!("一、主要举措和成效\n{body}\n");
    Report::analyze(&text, Metadata::default(), Vec::new())
        .figures
        .into_iter()
        .map(|f| (f.surface, f.label))
        .collect()
}

fn label_of(body: &str, surface: &str) -> String {
    labels(body)
        .into_iter()
        .find(|(s, _)| s == surface)
        .map(|(_, l)| l)
        .unwrap_or_else(|| panic!("no figure {surface} in {body}"))
}

#[test]
fn a_township_name_is_kept_whole_or_left_out() {
    for (body, surface, name) in [
        ("2023年石坝镇调委会调解41起。", "41起", "石坝镇"),
        ("岩口乡司法所受理法律援助申请17件。", "17件", "岩口乡"),
        (
            "2019年，云杉县岩口乡调委会调处纠纷23起。",
            "23起",
            "云杉县岩口乡",
        ),
    ] {
        let label = label_of(body, surface);
        let after_name = body
            .split_once(name)
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        assert!(
            label.starts_with(name) || after_name.contains(&label),
            "{body}: {label}"
        );
        assert!(!label.is_empty(), "{body}");
    }
}

#[test]
fn a_count_of_villages_is_labelled_with_the_villages() {
    assert_eq!(label_of("全镇11个村均成立法律服务站。", "11个"), "村");
    assert_eq!(label_of("辖区8个社区都建立了调解室。", "8个"), "社区");
}

#[test]
fn quoted_names_are_whole_and_labels_never_empty() {
    assert_eq!(
        label_of("举办“法治进校园”讲座9场。", "9场"),
        "“法治进校园”讲座"
    );
    assert_eq!(label_of("评选“守法好家庭”24户。", "24户"), "守法好家庭");
    assert_eq!(
        label_of("组织开展“民法典进万家”宣讲13场次。", "13场次"),
        "“民法典进万家”宣讲"
    );
}

#[test]
fn each_item_of_a_list_has_its_own_label() {
    let found = labels("梳理风险清单17项、整改清单9项、制度清单5项。");
    let names: Vec<&str> = found.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(names, ["风险清单", "整改清单", "制度清单"]);

    let respectively = labels("建立调解台账、信访台账，分别登记31条、12条。");
    let names: Vec<&str> = respectively.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(names, ["调解台账", "信访台账"]);

    let points = labels("梳理风险点清单15项、整改措施清单27项、长效机制清单6项。");
    let names: Vec<&str> = points.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(names, ["风险点清单", "整改措施清单", "长效机制清单"]);

    let listed = labels("村规民约、居民公约和自治章程分别修订14部、6部、3部。");
    let names: Vec<&str> = listed.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(names, ["村规民约", "居民公约", "自治章程"]);
}

#[test]
fn generic_words_give_way_to_the_thing_counted() {
    let campaign = label_of("开展法治宣传，活动共计7场。", "7场");
    assert!(campaign.contains("法治宣传"), "{campaign}");
    assert_eq!(label_of("全年完成合同审查，共计31份。", "31份"), "合同审查");
    let files = label_of("完成18件行政执法案卷评查。", "18件");
    assert!(files.contains("执法案卷"), "{files}");
    assert_eq!(label_of("修订村规民约12部。", "12部"), "村规民约");
    // The part of a count named apart keeps its own name, not its whole's.
    let part = labels("开展普法活动8场，其中集中宣传活动3场。");
    assert_eq!(part[1].1, "集中宣传活动", "{part:?}");
}

#[test]
fn a_bare_action_gives_way_to_the_nearest_thing_named_in_its_sentence() {
    // Named before the verb in the same clause, or in an earlier clause of the sentence.
    assert_eq!(
        label_of("人民调解员队伍今年完成52件。", "52件"),
        "人民调解员队伍"
    );
    assert!(label_of("针对外出务工人员开展法律咨询，累计办理42件。", "42件").ends_with("法律咨询"));
    assert!(
        label_of("对镇属单位行政规范性文件进行清理，完成17件。", "17件").ends_with("规范性文件")
    );
    assert!(label_of("组织开展防诈骗讲座，全年开展6场。", "6场").ends_with("防诈骗讲座"));
    // Never across a sentence, nor from a clause whose figure already counted it.
    for (body, surface) in [
        ("法律援助中心成立。全年完成26件。", "26件"),
        ("发放法律读本900册，完成15件。", "15件"),
    ] {
        let label = label_of(body, surface);
        assert!(!label.contains("法律援助中心"), "{body}: {label}");
        assert!(!label.contains("法律读本"), "{body}: {label}");
    }
}

#[test]
fn a_date_or_a_time_between_the_thing_and_its_number_is_read_past() {
    let organisations = label_of("全镇人民调解组织2023年底已达到19个。", "19个");
    assert!(organisations.contains("人民调解组织"), "{organisations}");
    assert_eq!(
        label_of("村级法律顾问年底达到14名。", "14名"),
        "村级法律顾问"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the township's name, the label starts with it or after it.
    #[test]
    fn generated_township_names_are_never_cut(
        name in "[石柏岩杉桐枫梓漆柳桂][坝岭口溪坪塘湾岗市沟]",
        suffix in "[镇乡]",
        body in prop::sample::select(vec!["调委会调解", "司法所受理法律援助", "综治中心排查隐患"]),
        year in 2015u32..2030,
        count in 2u32..400,
    ) {
        let township = format!("{name}{suffix}");
        let sentence = format!("{year}年{township}{body}{count}件。");
        let label = label_of(&sentence, &format!("{count}件"));
        prop_assert!(!label.is_empty(), "{}", sentence);
        prop_assert!(label.starts_with(&township) || body.contains(&label), "{}: {}", sentence, label);
    }
}

#[test]
fn a_time_inside_a_noun_phrase_stays_in_the_label() {
    assert_eq!(
        label_of("完成“八五”普法中期评估1次。", "1次"),
        "“八五”普法中期评估"
    );
    assert_eq!(label_of("开展法治年度考核2次。", "2次"), "法治年度考核");
    // A time before the phrase says when, not what.
    assert!(!label_of("全年开展法律咨询12次。", "12次").contains("全年"));
}

#[test]
fn an_office_keeps_its_suffix() {
    assert_eq!(label_of("镇司法所3名。", "3名"), "镇司法所");
    assert_eq!(label_of("全镇共有镇司法所1个。", "1个"), "镇司法所");
}

#[test]
fn volumes_are_counted() {
    assert!(label_of("评查行政执法案卷14卷。", "14卷").ends_with("行政执法案卷"));
    assert!(label_of("整理档案20卷。", "20卷").ends_with("档案"));
}
