//! Reuse passages on random reports sharing a copied stretch whose ends fall anywhere,
//! inside a word or a number: every passage reported, in the report analysed and in the
//! report it shares the text with, begins and ends on a clause mark or a word edge and
//! never splits a run of digits.

use jieba_rs::Jieba;
use nianbao::reuse::{DocInfo, MemoryIndex, Params};
use proptest::prelude::*;
use std::sync::OnceLock;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Words and figures of the genre, written for this test.
const WORDS: &[&str] = &[
    "司法所",
    "组织开展",
    "矛盾纠纷",
    "排查化解",
    "行政执法人员",
    "培训",
    "法律顾问",
    "审查合同",
    "23份",
    "村居",
    "全覆盖",
    "宣传资料",
    "15000余份",
    "调解成功率",
    "98.6%",
    "落实",
    "重大行政决策",
    "合法性审查",
    "网格员",
    "走访群众",
    "460户",
    "公共法律服务",
    "工作站",
    "规范化建设",
    "7个",
    "举办讲座",
    "12场次",
    "受理",
    "信访事项",
    "按期办结",
];

const MARKS: &[char] = &['，', '。', '；', '、'];

/// A text of `items`: each a word index and, when below the number of marks, the mark
/// that follows it.
fn text_of(items: &[(usize, usize)]) -> String {
    let mut text = String::new();
    for &(word, mark) in items {
        text.push_str(WORDS[word % WORDS.len()]);
        if let Some(&m) = MARKS.get(mark) {
            text.push(m);
        }
    }
    text
}

fn items(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0..WORDS.len(), 0..12usize), range)
}

fn info(township: &str) -> DocInfo {
    DocInfo {
        township: township.to_string(),
        county: String::new(),
        province: String::new(),
        year: Some(2023),
        file: None,
    }
}

/// Why the span `start..end` of `text` is not a passage's span, if it is not: its ends
/// must be clause edges or word edges as jieba cuts each clause, outside any number.
fn bad_edges(text: &str, start: usize, end: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut from = 0;
    for at in 0..=chars.len() {
        if at < chars.len() && !MARKS.contains(&chars[at]) {
            continue;
        }
        let clause: String = chars[from..at].iter().collect();
        words.extend(jieba().cut(&clause, true).iter().map(|w| from + w.end));
        words.extend([from, at, at + 1]);
        from = at + 1;
    }
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let shown: String = chars[start..end].iter().collect();
    if !words.contains(&start) || !words.contains(&end) {
        return Some(format!("{shown:?} cuts a word in {text:?}"));
    }
    if (start > 0 && digit(start - 1) && digit(start)) || (digit(end - 1) && digit(end)) {
        return Some(format!("{shown:?} cuts a number in {text:?}"));
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn passages_begin_and_end_on_clause_marks_or_word_edges(
        source in items(30..70),
        before in items(3..20),
        after in items(3..20),
        from in any::<prop::sample::Index>(),
        length in 14..80usize,
    ) {
        let source = text_of(&source);
        let chars: Vec<char> = source.chars().collect();
        let from = from.index(chars.len());
        let copied: String = chars[from..(from + length).min(chars.len())].iter().collect();
        let copy = format!("{}{copied}{}", text_of(&before), text_of(&after));
        // A third report copies a stretch overlapping the second's, so passages are cut
        // where the reports holding them change.
        let other: String = chars[(from + length / 3).min(chars.len())..(from + 2 * length).min(chars.len())]
            .iter()
            .collect();
        let third = format!("{}{other}{}", text_of(&after), text_of(&before));
        let mut index = MemoryIndex::new();
        let ids = [
            index.add(&source, info("甲镇")),
            index.add(&copy, info("乙乡")),
            index.add(&third, info("丙镇")),
        ];
        let texts = [source.as_str(), copy.as_str(), third.as_str()];
        for (side, &id) in ids.iter().enumerate() {
            let report = index.analyze(id, &Params::default()).unwrap();
            for passage in &report.passages {
                let fault = bad_edges(texts[side], passage.start, passage.end);
                prop_assert!(fault.is_none(), "{}", fault.unwrap_or_default());
                for other in &passage.reports {
                    let other_text = texts[ids.iter().position(|&d| d == other.doc).unwrap()];
                    let fault = bad_edges(other_text, other.start, other.end);
                    prop_assert!(fault.is_none(), "held elsewhere: {}", fault.unwrap_or_default());
                }
            }
        }
    }
}
