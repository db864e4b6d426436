//! `reuse` on a store of four townships of one county, written for this test: report
//! titles and standard political formulas two of them share are templates, a sentence
//! one copied from another is cross-township copying, and a passage starting on a
//! numbered heading keeps the heading's numbering whole.

use crate::common::{TestEnv, code, json, stderr};
use serde_json::Value;

/// The sentence 白沙镇 copied from 枫林镇, with its heading.
const COPIED: &str = "（三）推进矛盾纠纷多元化解。组建“老娘舅”调解工作室五个，聘请退休教师和老党员担任调解员，全年化解邻里纠纷一百二十余起。";

fn report(township: &str, title: &str, formula: &str, own: &[&str], copied: bool) -> String {
    let copied = if copied { COPIED } else { "" };
    format!(
        "{township}人民政府{title}\n2024年，{township}{formula}。{}\n（二）{}。{}\n{copied}\n（四）{}。\n\n{township}人民政府\n2025年1月8日\n",
        own[0], own[1], own[2], own[3]
    )
}

const TITLES: [&str; 2] = [
    "关于2024年度法治政府建设工作情况的报告",
    "2024年法治政府建设年度报告",
];

const FORMULAS: [&str; 2] = [
    "高举习近平新时代中国特色社会主义思想伟大旗帜，全面贯彻落实党的二十大和二十届三中全会精神",
    "以习近平法治思想为指导，深刻领悟“两个确立”的决定性意义",
];

/// Each township: its title shape, its formula, four sentences of its own, and whether
/// it holds the copied measure.
type Township = (&'static str, usize, usize, [&'static str; 4], bool);

/// 枫林镇 and 白沙镇 share a title shape and 白沙镇 copies 枫林镇's third measure; 红岩乡 and
/// 青石乡 share the other title shape; the formulas are shared across those pairs.
const TOWNSHIPS: [Township; 4] = [
    (
        "枫林镇",
        0,
        0,
        [
            "镇党委每季度听取一次执法工作汇报，落实专人跟踪整改",
            "规范行政执法程序，制作统一的现场检查笔录模板",
            "林场周边三个村开展护林防火普法巡讲",
            "下一步将围绕茶叶加工企业开展合规指导",
        ],
        true,
    ),
    (
        "白沙镇",
        0,
        1,
        [
            "在码头和集贸市场设置法律咨询摊点，安排律师轮流值守",
            "推行渔船安全检查清单化管理，逐船建立检查档案",
            "联合边防派出所开展禁渔期巡查",
            "明年计划建成沙滩法治文化长廊",
        ],
        true,
    ),
    (
        "红岩乡",
        1,
        0,
        [
            "组织矿区企业负责人参加安全生产法律培训",
            "对乡属砖厂的排污许可证进行逐一核验",
            "完成地质灾害隐患点群测群防责任人调整",
            "今后将把红色旅游景区纳入综合执法范围",
        ],
        false,
    ),
    (
        "青石乡",
        1,
        1,
        [
            "以石材加工园区为重点推进包容审慎监管",
            "清理规范乡级涉企收费项目，公开收费目录",
            "为外出务工人员代理讨薪案件九件",
            "计划引入第三方机构评估重大决策社会稳定风险",
        ],
        false,
    ),
];

fn store() -> TestEnv {
    let env = TestEnv::new();
    for (township, title, formula, own, copied) in TOWNSHIPS {
        let text = report(township, TITLES[title], FORMULAS[formula], &own, copied);
        let file = env.write(&format!("{township}.txt"), text.as_bytes());
        let out = env.run([
            "import",
            "--township",
            township,
            "--county",
            "云溪县",
            "--year",
            "2024",
            &file.display().to_string(),
        ]);
        assert_eq!(code(&out), 0, "import {township}: {}", stderr(&out));
    }
    env
}

fn passages(env: &TestEnv, township: &str) -> Vec<Value> {
    let out = env.run(["reuse", township, "--json"]);
    assert_eq!(code(&out), 0, "reuse {township}: {}", stderr(&out));
    json(&out)["passages"]
        .as_array()
        .cloned()
        .expect("passages array")
}

fn kind_of<'a>(passages: &'a [Value], needle: &str) -> &'a str {
    passages
        .iter()
        .find(|p| p["text"].as_str().is_some_and(|t| t.contains(needle)))
        .and_then(|p| p["kind"].as_str())
        .unwrap_or_else(|| panic!("no passage holds {needle}: {passages:#?}"))
}

#[test]
fn titles_and_formulas_shared_in_one_county_are_templates() {
    let env = store();
    for township in ["枫林镇", "白沙镇", "红岩乡", "青石乡"] {
        let found = passages(&env, township);
        let title = if ["枫林镇", "白沙镇"].contains(&township) {
            "法治政府建设工作情况的报告"
        } else {
            "法治政府建设年度报告"
        };
        assert_eq!(kind_of(&found, title), "template", "{township}");
        let formula = if ["枫林镇", "红岩乡"].contains(&township) {
            "伟大旗帜"
        } else {
            "决定性意义"
        };
        assert_eq!(kind_of(&found, formula), "template", "{township}");
    }
}

#[test]
fn a_copied_measure_is_cross_township_with_its_numbering_whole() {
    let env = store();
    let found = passages(&env, "白沙镇");
    let copied = found
        .iter()
        .find(|p| p["text"].as_str().is_some_and(|t| t.contains("老娘舅")))
        .unwrap_or_else(|| panic!("copied measure found: {found:#?}"));
    assert_eq!(copied["kind"], "cross-township");
    assert_eq!(copied["reports"][0]["township"], "枫林镇");
    let text = copied["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("（三）"), "{text}");
    assert!(text.ends_with("一百二十余起"), "{text}");
}
