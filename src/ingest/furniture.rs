//! Page furniture: what a government web page puts around a report, and what comes
//! along when the page is saved as HTML or copied into a text or Word file — the
//! breadcrumb (`当前位置：首页 > 信息公开 > …`), the metadata table (`索引号`, `发布机构`,
//! `成文日期`, `发布日期`, `主题分类`, `有效性`), widgets (`语音播报`, `字体:[大 中 小]`,
//! `打印`, `分享到`), a page counter (`浏览次数: 356`) and the page's address.
//!
//! Furniture lines are dropped from the clean text of every format, by the same rules.
//! What the metadata table says about the report (who published it, when, under what
//! title) is kept as [`PageFields`]: weaker evidence than the report's own text.

use std::sync::LazyLock;

use regex::Regex;

use super::metadata::{is_han, squeeze};

/// Labels of the metadata block above or below an article.
const META_LABELS: &[&str] = &[
    "索引号",
    "发布日期",
    "发布时间",
    "发文日期",
    "成文日期",
    "来源",
    "信息来源",
    "文章来源",
    "发布机构",
    "发布单位",
    "发文机关",
    "发文单位",
    "文号",
    "发文字号",
    "浏览次数",
    "访问次数",
    "阅读次数",
    "点击数",
    "点击率",
    "点击量",
    "浏览量",
    "阅读量",
    "访问量",
    "作者",
    "责任编辑",
    "编辑",
    "审核",
    "字号",
    "字体",
    "分类",
    "主题分类",
    "主题词",
    "公开方式",
    "公开范围",
    "公开时限",
    "有效性",
    "时效",
    "生成日期",
    "体裁分类",
    "关键词",
    "所属机构",
    "信息分类",
    "组配分类",
    "标题",
    "名称",
    "网址",
    "链接",
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "相关链接",
    "相关文章",
    "相关阅读",
    "相关信息",
    "主办单位",
    "承办单位",
    "主办",
    "承办",
    "协办",
    "技术支持",
    "版权所有",
    "网站标识码",
    "备案号",
    "联系电话",
    "联系地址",
    "公开目录",
    "信息名称",
    "内容概述",
    "生效日期",
    "废止日期",
    "文件编号",
    "公开形式",
    "公开时间",
    "所属主题",
    "所属分类",
    "发布人",
    "来源单位",
    "信息索引",
];

/// Labels whose value names the body that published the report.
const PUBLISHER_LABELS: &[&str] = &[
    "发布机构",
    "来源单位",
    "发布单位",
    "发文机关",
    "发文单位",
    "所属机构",
    "来源",
    "信息来源",
    "文章来源",
];

/// Labels whose value is a date of writing or publication, strongest first.
const DATE_LABELS: &[&str] = &["成文日期", "发文日期", "发布日期", "发布时间", "生成日期"];

/// Labels whose value is the document's title.
const TITLE_LABELS: &[&str] = &["标题", "名称", "信息名称"];

/// Words of share, print, voice and font-size widgets.
const WIDGET_WORDS: &[&str] = &[
    "分享",
    "分享到",
    "打印",
    "打印本页",
    "打印此页",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "收藏",
    "字号",
    "字体",
    "大",
    "中",
    "小",
    "默认",
    "扫一扫",
    "微信",
    "微博",
    "QQ空间",
    "返回顶部",
    "返回",
    "上一篇",
    "下一篇",
    "语音播报",
    "播报",
    "朗读",
    "无障碍",
    "【",
    "】",
    "[",
    "]",
    "|",
    "｜",
    "：",
    ":",
    "/",
    "保存",
    "纠错",
    "我要纠错",
    "手机版",
    "朋友圈",
    "在手机打开",
    "在手机上打开",
    "当前页",
    "扫一扫在手机打开当前页",
];

/// Lines starting like this are breadcrumbs.
const BREADCRUMB_STARTS: &[&str] = &[
    "当前位置",
    "您的位置",
    "你的位置",
    "您现在的位置",
    "你现在的位置",
    "所在位置",
    "当前所在位置",
];

/// Marks that separate the steps of a breadcrumb (`首页 > 信息公开`, `首页 / 政务公开`).
const BREADCRUMB_STEPS: &[char] = &['>', '＞', '»', '›', '→', '/', '／', '|', '｜'];

/// A value on a line of its own is at most this long.
const MAX_VALUE_CHARS: usize = 30;

/// Endings of a document's title, which a line after an empty label is, not its value.
const VALUE_IS_NOT: &[&str] = &[
    "报告", "总结", "情况", "汇报", "计划", "方案", "通知", "意见", "報告",
];

/// Endings of a site's name (`某县人民政府门户网站`), shown above every page.
const SITE_NAME_ENDS: &[&str] = &[
    "门户网站",
    "网站",
    "政府网",
    "政务网",
    "门户网",
    "政务服务网",
];

/// Longest line that may be treated as furniture.
const MAX_FURNITURE_LINE: usize = 120;

/// What the page's metadata table says about the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFields {
    /// The publishing body (`云岭县松坪乡人民政府`), from `发布机构`, `来源` and the like.
    pub publisher: Option<String>,
    /// The title as the table gives it (`标题：…`).
    pub title: Option<String>,
    /// The date of writing or publication: evidence for the year before it, since a
    /// report is published after the year it covers.
    pub published_on: Option<PageDate>,
}

/// A date from the metadata table (`2026-01-15`, `2026年1月15日`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Text without its furniture, and what the furniture said.
#[derive(Debug, Clone, Default)]
pub struct Stripped {
    pub text: String,
    pub page: PageFields,
}

/// Drops furniture lines, keeping every other line exactly as it was; a lone date or
/// number above the report's first sentence (a publication date, a counter) goes too,
/// and so does a value a table put on the line after its label (`发布机构：` then
/// `青峪县梅溪镇人民政府`).
pub fn strip(text: &str) -> Stripped {
    let mut out = String::with_capacity(text.len());
    let mut dropped: Vec<String> = Vec::new();
    let mut in_head = true;
    let mut awaiting: Option<&'static str> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            out.push_str(line);
            continue;
        }
        let furniture = is_furniture_line(content);
        if let Some(label) = awaiting.take()
            && !furniture
            && is_field_value(content)
        {
            dropped.push(format!("{label}：{}", content.trim()));
            continue;
        }
        if furniture || (in_head && is_head_debris(content)) {
            awaiting = label_without_value(content);
            dropped.push(content.to_string());
            continue;
        }
        // Once the body has opened, no line is read for its start again.
        in_head = in_head && !opens_body(content);
        out.push_str(line);
    }
    let lines: Vec<&str> = dropped.iter().map(String::as_str).collect();
    Stripped {
        text: out,
        page: read_fields(&lines),
    }
}

/// The label a metadata line ends with when its value is missing (`发布机构：`).
fn label_without_value(line: &str) -> Option<&'static str> {
    match labels_in(line).last() {
        Some((label, "")) => Some(label),
        _ => None,
    }
}

/// What a table's value looks like on a line of its own: a date, a code, or a short
/// phrase — never a sentence, a heading or a document's title.
fn is_field_value(line: &str) -> bool {
    let squeezed = squeeze(line);
    let sentence = squeezed.contains(['。', '，', '；']);
    let titled = VALUE_IS_NOT.iter().any(|e| squeezed.ends_with(e));
    let heading = squeezed.starts_with(|c: char| "一二三四五六七八九十（(".contains(c))
        && squeezed
            .chars()
            .nth(1)
            .is_some_and(|c| "、一二三四五六七八九十".contains(c));
    !sentence
        && !heading
        && (parse_date(&squeezed).is_some()
            || !squeezed.chars().any(is_han)
            || (squeezed.chars().count() <= MAX_VALUE_CHARS && !titled))
}

/// A breadcrumb, a metadata line, a widget line, a page counter or a bare address.
pub fn is_furniture_line(line: &str) -> bool {
    // Most lines are paragraphs: counted up to the limit, they are never squeezed.
    let visible = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(MAX_FURNITURE_LINE + 1)
        .count();
    if visible == 0 || visible > MAX_FURNITURE_LINE {
        return false;
    }
    let squeezed = squeeze(line);
    let first = squeezed.chars().next();
    BREADCRUMB_STARTS
        .iter()
        .any(|s| s.chars().next() == first && squeezed.starts_with(s))
        || is_breadcrumb(&squeezed)
        || has_label(line)
        || is_widget_line(line)
        || is_address(&squeezed)
}

/// `首页 > 信息公开 > 年度报告`: short steps joined by arrows, starting at the home page.
fn is_breadcrumb(squeezed: &str) -> bool {
    // Most lines name no home page: they are not split.
    if !squeezed.contains("首页") {
        return false;
    }
    let mut steps = squeezed.split(BREADCRUMB_STEPS);
    let home = steps.next().is_some_and(|first| first.ends_with("首页"));
    home && steps.next().is_some()
        && squeezed
            .split(BREADCRUMB_STEPS)
            .all(|s| s.chars().count() <= 20)
}

/// `https://www.example.gov.cn/…` alone on a line.
fn is_address(squeezed: &str) -> bool {
    let starts = |prefix: &str| {
        squeezed
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    (starts("http://") || starts("https://") || starts("www.")) && !squeezed.chars().any(is_han)
}

/// Above the first sentence: a date, a time or a number alone (`2026-01-15 10:23`,
/// `356`), left from a page's header.
fn is_head_debris(line: &str) -> bool {
    let squeezed = squeeze(line);
    let short = !squeezed.is_empty() && squeezed.chars().count() <= 24;
    let digits_only = squeezed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ':' | '：'));
    let dated = squeezed
        .chars()
        .all(|c| c.is_ascii_digit() || "年月日时分秒-/.:： ".contains(c))
        && parse_date(&squeezed).is_some();
    let site =
        squeezed.chars().count() <= 30 && SITE_NAME_ENDS.iter().any(|e| squeezed.ends_with(e));
    (short && (digits_only || dated)) || site
}

/// A line that starts the report's prose or outline: a sentence or a heading.
fn opens_body(line: &str) -> bool {
    line.contains(['。', '，', '；']) || line.trim_start().starts_with("一、")
}

/// Metadata labels as written, spaces allowed inside (`索 引 号`), before `：`; longer
/// labels first, so `信息来源` is not read as `来源`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = META_LABELS.to_vec();
    labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    let alternatives: Vec<String> = labels
        .iter()
        .map(|l| {
            let chars: Vec<String> = l.chars().map(|c| c.to_string()).collect();
            chars.join(r"[ \t\u{3000}]*")
        })
        .collect();
    let pattern = format!(r"({})[ \t\u{{3000}}]*[：:]", alternatives.join("|"));
    Regex::new(&pattern).unwrap_or_else(|e| panic!("label pattern: {e}"))
});

/// The metadata labels in a line, each with its value (up to the next label). A label
/// counts only at the start of the line or after a character that is not an ideograph.
fn labels_in(line: &str) -> Vec<(&'static str, &str)> {
    let found: Vec<(&'static str, usize, usize)> = labels_at(line).collect();
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|&(_, at, _)| at)
        .chain([line.len()])
        .collect();
    found
        .iter()
        .zip(ends)
        .map(|(&(label, _, start), end)| (label, line[start..end.max(start)].trim()))
        .collect()
}

/// True when the line holds a metadata label: [`labels_in`] would find one.
fn has_label(line: &str) -> bool {
    labels_at(line).next().is_some()
}

/// Each label of [`labels_in`] with where it starts and where its value starts, in
/// order, read only as far as asked.
fn labels_at(line: &str) -> impl Iterator<Item = (&'static str, usize, usize)> + '_ {
    // Every label ends in a colon: a line without one holds none.
    let candidates = line
        .contains(['：', ':'])
        .then(|| LABEL.captures_iter(line))
        .into_iter()
        .flatten();
    candidates.filter_map(move |caps| {
        let (whole, written) = (caps.get(0)?, caps.get(1)?);
        let bounded = line[..whole.start()]
            .chars()
            .last()
            .is_none_or(|c| !is_han(c));
        let squeezed = || written.as_str().chars().filter(|c| !c.is_whitespace());
        let label = META_LABELS.iter().find(|l| l.chars().eq(squeezed()))?;
        bounded.then_some((*label, whole.start(), whole.end()))
    })
}

/// What the metadata lines say about the publisher, the title and the date: the first
/// value of each kind, except that a date of writing beats one of posting.
fn read_fields(lines: &[&str]) -> PageFields {
    let mut page = PageFields::default();
    let mut date_rank = usize::MAX;
    for (label, value) in lines.iter().flat_map(|line| labels_in(line)) {
        let value = value.trim_matches(|c: char| !is_han(c) && !c.is_alphanumeric());
        if value.is_empty() {
            continue;
        }
        if PUBLISHER_LABELS.contains(&label) && page.publisher.is_none() {
            page.publisher = Some(value.to_string());
        }
        if TITLE_LABELS.contains(&label) && page.title.is_none() {
            page.title = Some(value.chars().filter(|c| !c.is_whitespace()).collect());
        }
        let rank = DATE_LABELS.iter().position(|l| *l == label);
        if let (Some(rank), Some(date)) = (rank, parse_date(value))
            && rank < date_rank
        {
            page.published_on = Some(date);
            date_rank = rank;
        }
    }
    page
}

/// `2026-01-15`, `2026/1/15`, `2026.01.15`, `2026年1月15日`, with anything after.
fn parse_date(value: &str) -> Option<PageDate> {
    let mut numbers = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty());
    let year: i32 = numbers.next()?.parse().ok()?;
    let month: u32 = numbers.next()?.parse().ok()?;
    let day: u32 = numbers.next()?.parse().ok()?;
    let valid =
        (1949..=2099).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then_some(PageDate { year, month, day })
}

/// [`WIDGET_WORDS`] with their first characters, longer words first, so `分享到` is not
/// read as `分享`.
static WIDGETS_LONGEST_FIRST: LazyLock<Vec<(char, &'static str)>> = LazyLock::new(|| {
    let mut words: Vec<(char, &'static str)> = WIDGET_WORDS
        .iter()
        .filter_map(|w| Some((w.chars().next()?, *w)))
        .collect();
    words.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
    words
});

/// A line made only of widget words (`分享到：微信 微博`, `【打印】【关闭窗口】`,
/// `字体:[大 中 小]`).
fn is_widget_line(line: &str) -> bool {
    let words = &*WIDGETS_LONGEST_FIRST;
    let mut rest = line.trim();
    // One lone character (`中`) is too little to call a widget.
    let mut han_words = 0;
    let mut long_word = false;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return han_words >= 2 || long_word;
        }
        // The first characters compared first: most lines start with none of the words.
        let first = rest.chars().next();
        match words
            .iter()
            .find(|(c, w)| Some(*c) == first && rest.starts_with(*w))
            .map(|(_, w)| w)
        {
            Some(word) => {
                let han = word.chars().filter(|&c| is_han(c)).count();
                han_words += usize::from(han > 0);
                long_word |= han >= 2;
                rest = &rest[word.len()..];
            }
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for line in [
            "字号：大 中 小",
            "【打印】【关闭窗口】",
            "发布日期：2022-01-10  来源：某镇",
            "当前位置：首页 > 通知公告",
            "首页 > 信息公开 > 法定主动公开内容 > 年度报告",
            "语音播报",
            "字体:[大 中 小]  打印",
            "浏览次数: 1024",
            "索 引 号：11530000/2026-00012   主题分类：综合政务",
            "有 效 性：有效",
            "https://www.example.gov.cn/zwgk/2026/0115/c123.html",
            "扫一扫在手机打开当前页",
            "上一篇：关于印发某镇2019年工作要点的通知",
            "主办单位：某县人民政府办公室  网站标识码：5301000001",
            "网站首页 / 政务公开 / 工作报告",
            "首页｜信息公开｜年度报告",
        ] {
            assert!(is_furniture_line(line), "{line}");
        }
        for line in [
            "全年开展专题学习12次，来源于上级部署。",
            "中",
            "一、主要举措和成效",
            "云岭县松坪乡人民政府2025年法治政府建设情况报告",
            "打印机12台",
        ] {
            assert!(!is_furniture_line(line), "{line}");
        }
    }

    #[test]
    fn fields_are_read_and_lines_dropped() {
        let page = "当前位置：首页 > 信息公开\n索引号：000-2026-01 发布机构：云岭县松坪乡人民政府\n成文日期：2026-01-10  发布日期：2026-01-15\n标　　题：松坪乡2025年法治政府建设情况报告\n2026-01-15 09:30\n松坪乡2025年法治政府建设情况报告\n2025年，松坪乡坚持依法行政。\n2026\n";
        let stripped = strip(page);
        assert_eq!(
            stripped.text,
            "松坪乡2025年法治政府建设情况报告\n2025年，松坪乡坚持依法行政。\n2026\n"
        );
        assert_eq!(
            stripped.page.publisher.as_deref(),
            Some("云岭县松坪乡人民政府")
        );
        assert_eq!(
            stripped.page.title.as_deref(),
            Some("松坪乡2025年法治政府建设情况报告")
        );
        assert_eq!(
            stripped.page.published_on,
            Some(PageDate {
                year: 2026,
                month: 1,
                day: 10
            })
        );
    }

    #[test]
    fn a_table_with_values_on_their_own_lines() {
        let page = "青峪县人民政府门户网站\n索引号：\n11530000MB1234567X/2024-00123\n发布机构：\n青峪县梅溪镇人民政府\n主题分类：\n综合政务\n发布日期：\n2024年01月15日\n有效性：\n梅溪镇2023年法治政府建设年度报告\n2024年01月15日 10:30\n2023年，梅溪镇坚持依法行政。\n";
        let stripped = strip(page);
        assert_eq!(
            stripped.text,
            "梅溪镇2023年法治政府建设年度报告\n2023年，梅溪镇坚持依法行政。\n"
        );
        assert_eq!(
            stripped.page.publisher.as_deref(),
            Some("青峪县梅溪镇人民政府")
        );
        assert_eq!(stripped.page.published_on.map(|d| d.year), Some(2024));
    }

    #[test]
    fn longer_labels_win_and_values_end_at_the_next_label() {
        let found = labels_in("信息来源：东坪镇人民政府 发布时间：2024-02-01");
        assert_eq!(
            found,
            [("信息来源", "东坪镇人民政府"), ("发布时间", "2024-02-01")]
        );
    }
}
