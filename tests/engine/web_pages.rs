//! Reports copied off government web pages, written for these tests: the page's
//! furniture is dropped from the clean text, and township, county and year are read
//! from the title, the metadata table and the body — never from a page counter, an
//! address or the date the page went up.

use nianbao::ingest::{self, Document};

fn ingest_txt(text: &str) -> Document {
    ingest::from_bytes("page.txt", text.as_bytes())
        .unwrap_or_else(|e| panic!("cannot ingest: {e}\n{text}"))
}

/// A report as it comes when the whole page is selected and pasted into a text file.
const PASTED: &str = "\
当前位置：首页 > 信息公开 > 法定主动公开内容 > 年度报告
索 引 号：11530000MB1234567X/2025-00031
发布机构：青峪县石泉乡人民政府    成文日期：2025-01-08
发布日期：2025-01-16    主题分类：综合政务
有 效 性：有效
青峪县石泉乡人民政府2024年法治政府建设情况报告
语音播报
字体:[大 中 小]  打印
浏览次数: 2019
https://www.example.gov.cn/zwgk/t20250116_7781.html
2024年，石泉乡坚持依法行政，全年开展法治宣传12场。
一、主要举措和成效
（一）加强学习。乡党委中心组专题学法6次。
";

#[test]
fn pasted_page_gives_its_report_without_the_furniture() {
    let doc = ingest_txt(PASTED);
    assert!(
        doc.text
            .starts_with("青峪县石泉乡人民政府2024年法治政府建设情况报告\n2024年，"),
        "{}",
        doc.text
    );
    for furniture in [
        "当前位置",
        "索 引 号",
        "语音播报",
        "浏览次数",
        "https://",
        "有 效 性",
    ] {
        assert!(
            !doc.text.contains(furniture),
            "{furniture} left in {}",
            doc.text
        );
    }
    assert_eq!(doc.meta.township.as_deref(), Some("石泉乡"));
    assert_eq!(doc.meta.county.as_deref(), Some("青峪县"));
    assert_eq!(doc.meta.year, Some(2024));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("青峪县石泉乡人民政府2024年法治政府建设情况报告")
    );
}

#[test]
fn titles_of_several_shapes_give_the_year() {
    for (title, township, year) in [
        (
            "梅溪镇关于2023年度法治政府建设工作情况的报告",
            "梅溪镇",
            2023,
        ),
        ("东湖街道2022年法治政府建设年度报告", "东湖街道", 2022),
        (
            "青峪县石泉乡人民政府2021年法治政府建设工作总结",
            "石泉乡",
            2021,
        ),
    ] {
        let text = format!(
            "首页 > 政务公开 > 工作总结\n发布时间：{}-02-03 09:12\n{title}\n全乡坚持依法行政。\n",
            year + 1
        );
        let doc = ingest_txt(&text);
        assert_eq!(doc.meta.year, Some(year), "{title}");
        assert_eq!(doc.meta.township.as_deref(), Some(township), "{title}");
    }
}

#[test]
fn the_publication_date_is_evidence_for_the_year_before() {
    let text = "发布机构：青峪县石泉乡人民政府\n发布日期：2026-01-15\n浏览次数：2031\n石泉乡法治政府建设情况报告\n全乡坚持依法行政，推进严格规范公正文明执法。\n";
    let doc = ingest_txt(text);
    assert_eq!(doc.meta.year, Some(2025));
    assert_eq!(doc.meta.township.as_deref(), Some("石泉乡"));
    assert_eq!(doc.meta.county.as_deref(), Some("青峪县"));

    let opened = "发布日期：2026-01-15\n石泉乡法治政府建设情况报告\n2025年，石泉乡坚持依法行政。\n";
    assert_eq!(ingest_txt(opened).meta.year, Some(2025));
}

#[test]
fn the_county_comes_from_the_addressee_or_a_one_character_name() {
    let addressed = "石泉乡2023年法治政府建设情况报告\n\n中共青峪县委、青峪县人民政府：\n2023年，石泉乡坚持依法行政。石泉乡党委……\n";
    assert_eq!(ingest_txt(addressed).meta.county.as_deref(), Some("青峪县"));

    let party =
        "石泉乡2023年法治政府建设情况报告\n青峪县委：\n2023年，石泉乡坚持依法行政。石泉乡党委……\n";
    assert_eq!(ingest_txt(party).meta.county.as_deref(), Some("青峪县"));

    let generic = "石泉乡2023年法治政府建设情况报告\n\n县委、县政府：\n2023年，石泉乡坚持依法行政。石泉乡党委……\n";
    assert_eq!(ingest_txt(generic).meta.county, None);

    let one_character = "黟县桃岭乡2023年法治政府建设情况报告\n2023年，桃岭乡坚持依法行政。\n";
    let doc = ingest_txt(one_character);
    assert_eq!(doc.meta.county.as_deref(), Some("黟县"));
    assert_eq!(doc.meta.township.as_deref(), Some("桃岭乡"));

    let published = "发布机构：泗县草沟镇人民政府\n草沟镇2024年法治政府建设情况报告\n2024年，草沟镇坚持依法行政。\n";
    let doc = ingest_txt(published);
    assert_eq!(doc.meta.county.as_deref(), Some("泗县"));
    assert_eq!(doc.meta.township.as_deref(), Some("草沟镇"));
}

#[test]
fn traditional_characters_are_read_and_kept_as_written() {
    let text = "石橋區楓林鄉2022年法治政府建設年度報告\n2022年，楓林鄉堅持依法行政，全年開展法治宣傳活動12場。\n一、主要舉措和成效\n楓林鄉黨委……\n";
    let doc = ingest_txt(text);
    assert_eq!(doc.meta.township.as_deref(), Some("楓林鄉"));
    assert_eq!(doc.meta.county.as_deref(), Some("石橋區"));
    assert_eq!(doc.meta.year, Some(2022));

    let (big5, _, _) = encoding_rs::BIG5.encode(text);
    let doc = ingest::from_bytes("report.txt", &big5).expect("Big5 file");
    assert_eq!(doc.encoding, "Big5");
    assert_eq!(doc.meta.township.as_deref(), Some("楓林鄉"));
}

#[test]
fn breadcrumbs_of_slashes_or_bars_and_a_source_line_are_furniture() {
    let text = "网站首页 / 信息公开 / 年度报告\n首页｜政务公开｜工作报告\n文章来源：泸县玄滩镇人民政府    发布时间：2024年1月25日    【字号：大 中 小】\n点击数：4521\n玄滩镇2023年法治政府建设情况\n2023年，玄滩镇坚持依法行政，受理法律援助申请21件。\n";
    let doc = ingest_txt(text);
    assert!(
        doc.text.starts_with("玄滩镇2023年法治政府建设情况\n"),
        "{}",
        doc.text
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("玄滩镇2023年法治政府建设情况")
    );
    assert_eq!(doc.meta.township.as_deref(), Some("玄滩镇"));
    assert_eq!(doc.meta.county.as_deref(), Some("泸县"));
    assert_eq!(doc.meta.year, Some(2023));
}
