//! Word segmentation (jieba) shared by figures, comparison and reuse. The dictionary is
//! loaded once per process: it takes longer than segmenting a whole report.

use std::sync::OnceLock;

use jieba_rs::Jieba;

/// The process-wide segmenter.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Segments text into words for diffing and similarity: a number with its qualifier and
/// measure word stays one token (`12次`, `3000余份`, `100%`), and each punctuation mark
/// is a token of its own, so highlights never fall on half a number.
pub fn tokens(text: &str) -> Vec<&str> {
    let raw: Vec<&str> = jieba().cut(text, false).iter().map(|t| t.word).collect();
    merge_numbers(text, &raw)
}

/// Joins runs of numeral tokens with the qualifier and unit that follow them.
fn merge_numbers<'a>(text: &'a str, raw: &[&'a str]) -> Vec<&'a str> {
    let base = text.as_ptr() as usize;
    let mut out: Vec<&'a str> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let start = raw[i].as_ptr() as usize - base;
        let mut j = i;
        if is_number_token(raw[i]) {
            while j + 1 < raw.len() && (is_number_token(raw[j + 1]) || is_number_suffix(raw[j + 1]))
            {
                j += 1;
            }
        }
        let end = raw[j].as_ptr() as usize - base + raw[j].len();
        out.push(&text[start..end]);
        i = j + 1;
    }
    out
}

fn is_number_token(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９'))
        && t.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

fn is_number_suffix(t: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "%",
        "％",
        "余",
        "多",
        "万",
        "亿",
        "千",
        "百",
        "次",
        "件",
        "个",
        "名",
        "人",
        "人次",
        "件次",
        "份",
        "场",
        "场次",
        "条",
        "起",
        "户",
        "家",
        "所",
        "处",
        "期",
        "篇",
        "项",
        "天",
        "批",
        "批次",
        "册",
        "块",
        "元",
        "万元",
        "亿元",
        "年",
        "月",
        "日",
        "万余",
        "余人",
        "余次",
        "余件",
        "余份",
        "余场",
        "余人次",
        "余条",
        "余名",
        "余户",
        "余家",
        "多人",
        "多次",
        "多件",
        "多万",
        "万人",
        "万人次",
        "亿人",
        "公里",
        "平方米",
        "亩",
        "吨",
        "号",
    ];
    SUFFIXES.contains(&t)
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn numbers_stay_with_their_units() {
        let t = tokens("专题学习12次，发放宣传资料3000余份，成功率100%。");
        assert!(t.contains(&"12次"), "{t:?}");
        assert!(t.contains(&"3000余份"), "{t:?}");
        assert!(t.contains(&"100%"), "{t:?}");
        assert!(t.contains(&"，"), "{t:?}");
        assert_eq!(
            t.concat(),
            "专题学习12次，发放宣传资料3000余份，成功率100%。"
        );
    }
}
