//! The words that make a number a reported quantity: measure words, qualifiers, and the
//! fixed formulas whose numerals count nothing.

/// Measure words and compound units as reports write them, with the unit recorded for
/// each. Longer entries are tried first, so `人次` wins over `人` and `平方公里` over `公里`.
/// Money written with a multiplier (`万元`, `亿元`) never reaches this table: the
/// multiplier is folded into the value first, leaving `元`.
const UNITS: &[(&str, &str)] = &[
    ("平方公里", "平方公里"),
    ("平方千米", "平方公里"),
    ("个百分点", "个百分点"),
    ("千瓦时", "千瓦时"),
    ("平方米", "平方米"),
    ("立方米", "立方米"),
    ("百分点", "个百分点"),
    ("人民币", "元"),
    ("人次", "人次"),
    ("件次", "件次"),
    ("户次", "户次"),
    ("家次", "家次"),
    ("场次", "场次"),
    ("批次", "批次"),
    ("车次", "车次"),
    ("架次", "架次"),
    ("班次", "班次"),
    ("期次", "期次"),
    ("课时", "课时"),
    ("学时", "学时"),
    ("个月", "个月"),
    ("小时", "小时"),
    ("分钟", "分钟"),
    ("公里", "公里"),
    ("千米", "公里"),
    ("公顷", "公顷"),
    ("千瓦", "千瓦"),
    ("千克", "公斤"),
    ("公斤", "公斤"),
    ("美元", "美元"),
    ("欧元", "欧元"),
    ("港元", "港元"),
    ("%", "%"),
    ("％", "%"),
    ("‰", "‰"),
    ("次", "次"),
    ("件", "件"),
    ("个", "个"),
    ("名", "名"),
    ("人", "人"),
    ("份", "份"),
    ("场", "场"),
    ("条", "条"),
    ("起", "起"),
    ("户", "户"),
    ("家", "家"),
    ("所", "所"),
    ("处", "处"),
    ("期", "期"),
    ("篇", "篇"),
    ("项", "项"),
    ("天", "天"),
    ("批", "批"),
    ("册", "册"),
    ("卷", "卷"),
    ("块", "块"),
    ("位", "位"),
    ("支", "支"),
    ("台", "台"),
    ("辆", "辆"),
    ("套", "套"),
    ("本", "本"),
    ("张", "张"),
    ("幅", "幅"),
    ("间", "间"),
    ("座", "座"),
    ("栋", "栋"),
    ("幢", "幢"),
    ("宗", "宗"),
    ("笔", "笔"),
    ("例", "例"),
    ("种", "种"),
    ("类", "类"),
    ("轮", "轮"),
    ("趟", "趟"),
    ("遍", "遍"),
    ("封", "封"),
    ("部", "部"),
    ("艘", "艘"),
    ("架", "架"),
    ("节", "节"),
    ("堂", "堂"),
    ("门", "门"),
    ("只", "只"),
    ("株", "株"),
    ("棵", "棵"),
    ("吨", "吨"),
    ("亩", "亩"),
    ("斤", "斤"),
    ("米", "米"),
    ("元", "元"),
    ("倍", "倍"),
    ("個", "个"),
    ("噸", "吨"),
    ("項", "项"),
    ("處", "处"),
    ("場", "场"),
    ("條", "条"),
    ("戶", "户"),
    ("種", "种"),
    ("畝", "亩"),
    ("輛", "辆"),
    ("張", "张"),
];

/// The longest measure word starting at `chars[at]`: its length in characters and the
/// unit it records.
pub(crate) fn unit_at(chars: &[char], at: usize) -> Option<(usize, &'static str)> {
    UNITS
        .iter()
        .find(|(written, _)| starts_with(chars, at, written))
        .map(|(written, unit)| (written.chars().count(), *unit))
}

/// Units a bare `一` may count. `一名法律顾问` and `至少一天` are quantities, but `一批`,
/// `一支队伍`, `一个窗口`, `一起` or `一项工作` read as "a", "together" or a set phrase.
pub(crate) const LONE_ONE_UNITS: &[&str] = &["名", "位", "天", "次", "人次"];

/// Qualifiers written right after the number, before any multiplier or unit
/// (`10余次`, `6600多万`).
pub(crate) const INNER_QUALIFIERS: &[&str] = &["余", "多"];

/// Qualifiers written after the unit (`3名以上`, `1200万人左右`).
pub(crate) const POST_QUALIFIERS: &[&str] = &[
    "以上", "左右", "以下", "以内", "之多", "有余", "上下", "开外",
];

/// Qualifiers written before the number (`近70万亿元`, `约3000份`). Single characters
/// must touch the number; see [`GAP_QUALIFIERS`] for those that may stand a verb away.
pub(crate) const PRE_QUALIFIERS: &[&str] = &[
    "不少于",
    "不低于",
    "不超过",
    "不多于",
    "至少",
    "最少",
    "最多",
    "超过",
    "不足",
    "不到",
    "将近",
    "接近",
    "大约",
    "约合",
    "近",
    "约",
    "逾",
    "超",
];

/// Pre-qualifiers that may stand a few words before the number
/// (`每月至少提供1次`).
pub(crate) const GAP_QUALIFIERS: &[&str] = &["不少于", "不低于", "至少", "最少"];

/// How many characters may separate a gap qualifier from its number.
pub(crate) const QUALIFIER_GAP: usize = 4;

/// Well-known national formulas whose numerals are names, not counts. Only formulas that
/// a numeral-plus-measure-word reading would otherwise catch need to be here: `四个意识`
/// (个 + a noun) must be listed, `两个维护` (个 + a verb) is recognised by its shape.
pub(crate) const FORMULAS: &[&str] = &[
    "四个意识",
    "四个自信",
    "四个全面",
    "四个现代化",
    "四个服务",
    "四个最严",
    "四个坚持",
    "四个不摘",
    "三个代表",
    "三个确保",
    "三个务必",
    "两个务必",
    "三个有利于",
    "三个是否",
    "三个区分开来",
    "两个维护",
    "两个确立",
    "两个大局",
    "两个结合",
    "两个责任",
    "两个健康",
    "两个覆盖",
    "两个一百年",
    "两个毫不动摇",
    "三项制度",
    "四项基本原则",
    "八项规定",
    "五位一体",
    "三位一体",
    "四位一体",
    "三条红线",
    "三条底线",
    "一个窗口",
    "一张清单",
    "一次办好",
    "只跑一次",
    "最多跑一次",
    "跑一次",
    "一次办",
    "一件事",
    "一次都不跑",
    "一次性",
    "一条龙",
    "一站式",
    "一门式",
    "一窗式",
];

/// Characters before a number that make it refer back to something already counted
/// (`这三个方面`) or state a basis (`每50公斤`), not report a quantity.
pub(crate) const NOT_A_COUNT_AFTER: &[char] = &['这', '那', '此', '该', '每'];

/// Characters before a bare `一` that make it "each", "again" or part of a word
/// (`每一名`, `再一次`, `任一`).
pub(crate) const ONE_BLOCKERS: &[char] = &[
    '每', '再', '又', '任', '某', '另', '这', '那', '之', '统', '唯', '万', '同', '逐', '划', '单',
    '专', '不', '归', '合', '如',
];

/// Words that link a label to its number and belong to neither (`人数达到7人`,
/// `失业率控制在5.5%以内`, `总共19人`).
pub(crate) const LINKING_WORDS: &[&str] = &[
    "达到",
    "达",
    "为",
    "是",
    "有",
    "共有",
    "计有",
    "现有",
    "共",
    "共计",
    "累计",
    "合计",
    "总计",
    "总共",
    "计",
    "约",
    "分别",
    "分别为",
    "均",
    "均为",
    "已",
    "已达",
    "已有",
    "占",
    "增加到",
    "增加至",
    "增至",
    "增长到",
    "增长至",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "上升到",
    "上升至",
    "下降到",
    "下降至",
    "降到",
    "降至",
    "降低到",
    "降低至",
    "减少到",
    "减少至",
    "减至",
    "控制",
    "控制在",
    "稳定",
    "稳定在",
    "保持",
    "保持在",
    "维持在",
    "突破",
    "到",
    "至",
    "在",
    "了",
    "年均",
    "平均",
    "全年",
    "年度",
    "全镇",
    "全乡",
    "全街道",
    "其中",
    "超",
    "超过",
    "近",
    "逾",
    "约为",
    "大约",
    "至少",
];

/// Words that announce a total (`总共19人`, `合计30件`), used when nothing else names
/// the figure and by the sum check.
pub(crate) const TOTAL_MARKERS: &[&str] = &["总共", "共计", "合计", "总计", "累计", "共"];

/// True when `chars[at..]` starts with `word`.
pub(crate) fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

/// True when `chars[..end]` ends with `word`.
pub(crate) fn ends_with(chars: &[char], end: usize, word: &str) -> bool {
    let len = word.chars().count();
    end >= len && starts_with(chars, end - len, word)
}

/// The first of `words` that `chars[at..]` starts with.
pub(crate) fn word_at(chars: &[char], at: usize, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| starts_with(chars, at, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn longest_unit_wins() {
        assert_eq!(unit_at(&chars("人次"), 0), Some((2, "人次")));
        assert_eq!(unit_at(&chars("人。"), 0), Some((1, "人")));
        assert_eq!(unit_at(&chars("平方公里"), 0), Some((4, "平方公里")));
        assert_eq!(unit_at(&chars("％以上"), 0), Some((1, "%")));
        assert_eq!(unit_at(&chars("年"), 0), None);
    }

    #[test]
    fn words_match_at_positions() {
        let c = chars("每月至少提供");
        assert!(starts_with(&c, 2, "至少"));
        assert!(ends_with(&c, 4, "至少"));
        assert!(!ends_with(&c, 1, "至少"));
        assert_eq!(word_at(&c, 2, PRE_QUALIFIERS), Some("至少"));
    }
}
