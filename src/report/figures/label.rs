//! The label of a figure: the short noun phrase that says what was counted. Reports put
//! it on either side of the number (`发放宣传资料3000余份`, `开展45场法治宣传讲座`), or
//! count an action (`专题学习12次`, `调处成功96件`); word classes from jieba tell which.

use super::lexicon::{LINKING_WORDS, TOTAL_MARKERS};

/// Labels are cut to at most this many characters, keeping the words nearest the number.
const MAX_LABEL_CHARS: usize = 12;
/// At most this many noun words make a label (`居民/消费/价格`).
const MAX_NOUNS: usize = 4;
/// At most this many verbs head a label (`接访/下访`).
const MAX_VERBS: usize = 2;
/// Bracketed asides inside a label (`村(社区)`) are at most this many words long.
const MAX_BRACKET_WORDS: usize = 6;
/// A quoted name (`“宪法进万家”`) is at most this many words …
const MAX_QUOTED_WORDS: usize = 10;
/// … and this many characters long; longer quotations are prose, not names.
const MAX_QUOTED_CHARS: usize = 16;

/// Nouns that quantify or frame rather than name (`832个贫困县全部摘帽`).
const NOT_IN_LABELS: &[&str] = &[
    "全部", "所有", "全体", "其中", "以上", "以下", "左右", "之间", "期间", "等",
];

/// Verbs jieba often tags as verbal nouns; at the front of a phrase they govern it
/// (`办理网格事件`), so they head a label only when nothing else is there.
const ACTION_VERBS: &[&str] = &[
    "办理",
    "开展",
    "举办",
    "召开",
    "完成",
    "受理",
    "处理",
    "发放",
    "接待",
    "接受",
    "回复",
    "解答",
    "排查",
    "化解",
    "聘请",
    "配备",
    "新增",
    "建立",
    "设立",
    "设置",
    "印发",
    "散发",
    "张贴",
    "悬挂",
    "出动",
    "参加",
    "参与",
    "走访",
    "办结",
    "下达",
    "实现",
    "推动",
    "组织开展",
];

/// Words that say an action or an event happened without naming what was counted: a
/// label made of nothing else gives way to one that names the thing.
const GENERIC_WORDS: &[&str] = &[
    "活动", "工作", "组织", "学习", "任务", "事项", "情况", "共计", "累计", "合计", "总计",
];

/// Times that stand between a label and its number (`外汇储备年底达到…`).
const TIME_WORDS: &[&str] = &[
    "全年",
    "去年",
    "今年",
    "当年",
    "同年",
    "年底",
    "年末",
    "年初",
    "上半年",
    "下半年",
    "目前",
    "现在",
    "已经",
];

/// Verbs that name a field of work inside a noun phrase (`行政执法案卷`, `调解员`), as
/// the verbal nouns jieba tags `vn` do.
const MODIFYING_VERBS: &[&str] = &[
    "执法", "调解", "审批", "执行", "审查", "办案", "维权", "普法", "监管", "巡查", "信访",
];

/// Negations that change what a phrase names (`不合规文件`).
const NEGATIONS: &[&str] = &["不", "非", "未", "无"];

/// Words that end a category inside a noun phrase (`政策咨询类问题`).
const CATEGORY_SUFFIXES: &[&str] = &["类", "型", "级"];

/// Generic measures that need what they measure (`国内生产总值的比重`).
const GENERIC_MEASURES: &[&str] = &[
    "比重", "比例", "占比", "比率", "人数", "数量", "总数", "总量", "规模", "面积", "数",
];

/// Linking words a label may still end with when jieba glued them to a noun
/// (`率控制`): they are cut off.
const TRAILING_LINKS: &[&str] = &[
    "达到", "均达", "已达", "控制", "稳定", "保持", "维持", "达", "拟",
];

use super::segment::{PLACE_TAG, glued_adverb};
pub(crate) use super::segment::{Word, tag};

/// How a word can take part in a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Noun,
    Verb,
    Open,
    Close,
    /// An opening quotation mark or book-title mark: a quoted name follows.
    OpenQuote,
    /// A closing quotation mark or book-title mark: a quoted name precedes.
    CloseQuote,
    Other,
}

fn class(word: &Word<'_>) -> Class {
    match word.text {
        "(" | "（" => return Class::Open,
        ")" | "）" => return Class::Close,
        "“" | "「" | "‘" | "《" => return Class::OpenQuote,
        "”" | "」" | "’" | "》" => return Class::CloseQuote,
        text if NOT_IN_LABELS.contains(&text) => return Class::Other,
        text if ACTION_VERBS.contains(&text) => return Class::Verb,
        text if MODIFYING_VERBS.contains(&text) => return Class::Noun,
        text if CATEGORY_SUFFIXES.contains(&text) => return Class::Noun,
        _ => {}
    }
    let tag = word.tag;
    if tag == PLACE_TAG {
        // Where the thing was counted, not what: a label stops at a township's name.
        Class::Other
    } else if tag == "vn" || tag == "an" {
        Class::Noun
    } else if tag.starts_with('v') || tag.starts_with('a') || tag == "z" {
        // jieba tags some verb-object compounds as state words (`调解纠纷/z`).
        Class::Verb
    } else if tag.starts_with('n')
        || matches!(tag, "j" | "eng" | "l" | "i" | "b" | "s" | "g" | "k" | "zg")
    {
        Class::Noun
    } else {
        Class::Other
    }
}

/// Words that may trail a label before the number without being part of it: linking
/// verbs (`达到`, `控制在`), adverbs (`均`, `共`), times (`年底`, `全年`), `的`, `了`.
fn is_trailing_filler(word: &Word<'_>) -> bool {
    LINKING_WORDS.contains(&word.text)
        || TIME_WORDS.contains(&word.text)
        || matches!(word.tag, "p" | "d" | "t" | "uj" | "ul" | "ug" | "uz" | "ud")
        || word.text.trim().is_empty()
}

/// What the words before a number say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Before {
    /// The label found, empty when none.
    pub label: String,
    /// A total marker (`总共`, `共`) standing right before the number.
    pub marker: Option<&'static str>,
    /// Nothing but linking words stands before the number (`共58人次`): the clause
    /// leans on its neighbour for what it counts.
    pub bare: bool,
}

/// The label in the words before the number, read backwards from the number.
pub(crate) fn before(words: &[Word<'_>]) -> Before {
    let mut end = words.len();
    let mut marker = None;
    while end > 0 && is_trailing_filler(&words[end - 1]) {
        if marker.is_none() {
            marker = TOTAL_MARKERS
                .iter()
                .copied()
                .find(|m| *m == words[end - 1].text);
        }
        end -= 1;
        // `增加到`, `控制在`, `降为`: the verb before a result particle links too.
        let particle = matches!(words[end].text, "到" | "至" | "在" | "为" | "成");
        if particle && end > 0 && class(&words[end - 1]) == Class::Verb {
            end -= 1;
        }
    }
    let words = &words[..end];
    let label = match words.last().map(class) {
        Some(Class::Verb) => verb_phrase_before(words),
        Some(Class::Noun | Class::Close | Class::CloseQuote) => noun_phrase_before(words),
        _ => String::new(),
    };
    Before {
        label,
        marker,
        bare: end == 0,
    }
}

/// `专题学习`, `领导干部接访下访`, `调处成功`, `“民法典进农家”宣讲`: up to two verbs
/// and the nouns, or the quoted name, before them.
fn verb_phrase_before(words: &[Word<'_>]) -> String {
    let mut start = words.len();
    let mut verbs = 0;
    while start > 0 && class(&words[start - 1]) == Class::Verb && verbs < MAX_VERBS {
        start -= 1;
        verbs += 1;
    }
    if start > 0 && class(&words[start - 1]) == Class::CloseQuote {
        if let Some(open) = quote_open(words, start - 1)
            && chars_of(&words[open..]) <= MAX_LABEL_CHARS
        {
            start = open;
        }
        return join_capped(&words[start..]);
    }
    let mut nouns = 0;
    while start > 0 && class(&words[start - 1]) == Class::Noun && nouns < MAX_NOUNS - 1 {
        start -= 1;
        nouns += 1;
    }
    join_capped(&words[with_negation(words, start)..])
}

/// `不合规文件`: a negation right before a phrase belongs to it.
fn with_negation(words: &[Word<'_>], start: usize) -> usize {
    match start.checked_sub(1) {
        Some(p) if start < words.len() && NEGATIONS.contains(&words[p].text) => p,
        _ => start,
    }
}

/// `行政处罚决定书`, `村(社区)调委会`, `国内生产总值的比重`: the nouns before the
/// number, with a verb in front when the noun alone says too little (`接访群众`).
fn noun_phrase_before(words: &[Word<'_>]) -> String {
    let mut start = words.len();
    let mut nouns = 0;
    while let Some(prev) = start.checked_sub(1).map(|p| &words[p]) {
        match class(prev) {
            Class::Noun if nouns < MAX_NOUNS => {
                start -= 1;
                nouns += 1;
            }
            // `“宪法进万家”活动`, `农村“法律明白人”`: a quoted name is taken whole, and
            // nothing before it.
            Class::CloseQuote => {
                if let Some(open) = quote_open(words, start - 1) {
                    let fits = chars_of(&words[open..]) <= MAX_LABEL_CHARS;
                    if nouns == 0 || fits {
                        start = open;
                    }
                }
                break;
            }
            Class::Close => match bracket_open(words, start - 1) {
                // The word before an aside is its head (`各村(社区)`), whatever its class.
                Some(open) => {
                    start = open.saturating_sub(1);
                    if open == 0 || !is_word(&words[start]) {
                        start = open;
                    }
                    break;
                }
                None => break,
            },
            // `接访群众`: a bare noun takes its verb; `下达整改通知书`: a verb between
            // the governing verb and the noun modifies the noun, as does one after a
            // framing word (`其中集中宣传活动`).
            Class::Verb
                if is_bare_noun(&words[start..])
                    || (start >= 2
                        && prev.text.chars().count() > 1
                        && (class(&words[start - 2]) == Class::Verb
                            || NOT_IN_LABELS.contains(&words[start - 2].text))) =>
            {
                start -= 1;
                break;
            }
            // `风险点清单`: a measure-like character between two nouns is inside a name,
            // as is a time that qualifies the noun after it (`普法中期评估`).
            Class::Other
                if nouns > 0
                    && start >= 2
                    && (is_inner_measure(prev, &words[start - 2])
                        || is_inner_time(prev, &words[start - 2])) =>
            {
                start -= 1;
            }
            Class::Other
                if prev.tag == "uj" && is_generic_measure(&words[start..]) && start >= 2 =>
            {
                // `国内生产总值的比重`: read through `的` when the noun is generic.
                let inner = noun_phrase_before(&words[..start - 1]);
                if inner.is_empty() {
                    break;
                }
                let tail = join_capped(&words[start - 1..]);
                return cap(&format!("{inner}{tail}"));
            }
            _ => break,
        }
    }
    let start = with_negation(words, start);
    unquoted(&words[start..]).unwrap_or_else(|| join_capped(&words[start..]))
}

/// True when `word`, standing between the noun `before` and a noun after it, is one
/// character jieba reads as a numeral or measure but is no number (`点` in `风险点清单`).
fn is_inner_measure(word: &Word<'_>, before: &Word<'_>) -> bool {
    let mut chars = word.text.chars();
    let single = chars.next().filter(|_| chars.next().is_none());
    matches!(word.tag, "m" | "q")
        && single.is_some_and(|c| !c.is_ascii_digit() && !super::is_chinese_numeral(c))
        && class(before) == Class::Noun
}

/// True when `word`, standing between the noun (or quoted name) `before` and a noun
/// after it, is a time that says which of the thing is meant (`中期` in
/// `普法中期评估`, `年度` in `法治年度考核`) rather than when it happened (`全年`).
fn is_inner_time(word: &Word<'_>, before: &Word<'_>) -> bool {
    word.tag == "t"
        && !TIME_WORDS.contains(&word.text)
        && matches!(class(before), Class::Noun | Class::CloseQuote)
}

/// The opening mark of the quoted name that the closing mark at `close` ends, when the
/// name is short enough to be one.
fn quote_open(words: &[Word<'_>], close: usize) -> Option<usize> {
    let open = (close.saturating_sub(MAX_QUOTED_WORDS)..close)
        .rev()
        .find(|&i| matches!(class(&words[i]), Class::OpenQuote | Class::CloseQuote))?;
    (class(&words[open]) == Class::OpenQuote
        && chars_of(&words[open + 1..close]) <= MAX_QUOTED_CHARS)
        .then_some(open)
}

/// The closing mark of the quoted name that the opening mark at `open` starts.
fn quote_close(words: &[Word<'_>], open: usize) -> Option<usize> {
    let close = (open + 1..words.len().min(open + 1 + MAX_QUOTED_WORDS))
        .find(|&i| matches!(class(&words[i]), Class::OpenQuote | Class::CloseQuote))?;
    (class(&words[close]) == Class::CloseQuote
        && chars_of(&words[open + 1..close]) <= MAX_QUOTED_CHARS)
        .then_some(close)
}

/// The name inside the marks when the words are one quoted name and nothing else
/// (`“法律明白人”` → `法律明白人`), kept whole whatever its length.
fn unquoted(words: &[Word<'_>]) -> Option<String> {
    let (first, last) = (words.first()?, words.last()?);
    let whole = words.len() >= 3
        && class(first) == Class::OpenQuote
        && quote_close(words, 0) == Some(words.len() - 1)
        && class(last) == Class::CloseQuote;
    whole.then(|| words[1..words.len() - 1].iter().map(|w| w.text).collect())
}

/// Characters in the words.
fn chars_of(words: &[Word<'_>]) -> usize {
    words.iter().map(|w| w.text.chars().count()).sum()
}

/// A generic measure alone (`比重`): it reads through `的` to what it measures.
fn is_generic_measure(words: &[Word<'_>]) -> bool {
    words.len() == 1 && GENERIC_MEASURES.contains(&words[0].text)
}

/// True for a word of Chinese characters or letters, not punctuation.
fn is_word(word: &Word<'_>) -> bool {
    word.text.chars().all(char::is_alphanumeric)
}

/// One short noun: too generic to stand alone as a label (`群众`, `比重`).
fn is_bare_noun(words: &[Word<'_>]) -> bool {
    words.len() == 1 && words[0].text.chars().count() <= 2
}

/// The opening bracket matching the closing one at `close`, a few words back.
fn bracket_open(words: &[Word<'_>], close: usize) -> Option<usize> {
    (close.saturating_sub(MAX_BRACKET_WORDS)..close)
        .rev()
        .find(|&i| class(&words[i]) == Class::Open)
        .filter(|&i| i > 0 || close > 0)
}

/// The closing bracket matching the opening one at `open`, a few words on.
fn bracket_close(words: &[Word<'_>], open: usize) -> Option<usize> {
    (open + 1..words.len().min(open + 1 + MAX_BRACKET_WORDS))
        .find(|&i| class(&words[i]) == Class::Close)
}

/// The noun phrase right after the number (`45场法治宣传讲座`, `13个村(社区)`), or empty.
pub(crate) fn noun_after(words: &[Word<'_>]) -> String {
    // `90%以上的政务服务`: a `的` may join the figure to what it counts.
    let words = match words.first() {
        Some(w) if w.text == "的" => &words[1..],
        _ => words,
    };
    // `7个村均建立`: the count is of villages, each of which did something.
    if let [first, next, ..] = words
        && class(next) == Class::Verb
        && let Some(cut) = glued_adverb(first.text, first.tag)
    {
        return first.text[..cut].to_string();
    }
    let mut end = 0;
    let mut nouns = 0;
    while end < words.len() {
        match class(&words[end]) {
            Class::Noun if nouns < MAX_NOUNS => {
                end += 1;
                nouns += 1;
            }
            Class::Open if nouns > 0 => match bracket_close(words, end) {
                Some(close) => end = close + 1,
                None => break,
            },
            // `10场“宪法进万家”活动`: a quoted name is one noun.
            Class::OpenQuote if nouns < MAX_NOUNS => match quote_close(words, end) {
                Some(close) => {
                    end = close + 1;
                    nouns += 1;
                }
                None => break,
            },
            _ => break,
        }
    }
    unquoted(&words[..end]).unwrap_or_else(|| join_capped_front(&words[..end]))
}

/// The action right after the number when nothing else names it (`至少一天参与接访`).
pub(crate) fn verb_after(words: &[Word<'_>]) -> String {
    let verbs = words
        .iter()
        .take_while(|w| class(w) == Class::Verb)
        .take(MAX_VERBS)
        .count();
    if verbs == 0 {
        return String::new();
    }
    let nouns = words[verbs..]
        .iter()
        .take_while(|w| class(w) == Class::Noun)
        .take(MAX_NOUNS - 1)
        .count();
    join_capped_front(&words[..verbs + nouns])
}

/// A neighbouring clause as a label, without the words that only lead into it: time
/// words, adverbs and generic actions (`全年完成合同审查` → `合同审查`).
pub(crate) fn without_lead_in(text: &str) -> String {
    let words = tag(text);
    let lead = words
        .iter()
        .take_while(|w| {
            matches!(w.tag, "t" | "m" | "d")
                || GENERIC_WORDS.contains(&w.text)
                || ACTION_VERBS.contains(&w.text)
        })
        .count();
    let rest: String = words[lead..].iter().map(|w| w.text).collect();
    if rest.chars().count() >= 2 {
        rest
    } else {
        text.to_string()
    }
}

/// True when the label names no thing: only generic words and bare actions (`活动`,
/// `完成`, `组织学习`).
pub(crate) fn is_generic(label: &str) -> bool {
    let words = tag(label);
    !words.is_empty()
        && words
            .iter()
            .all(|w| GENERIC_WORDS.contains(&w.text) || ACTION_VERBS.contains(&w.text))
}

/// The noun phrase nearest the end of `words` that names a thing, neither generic nor a
/// bare action: what a number counting a bare action (`完成31件`) counts, or who did it,
/// when nothing nearer names it.
pub(crate) fn nearest_named(words: &[Word<'_>]) -> Option<String> {
    (0..words.len())
        .rev()
        .filter(|&i| matches!(class(&words[i]), Class::Noun | Class::CloseQuote))
        .map(|i| noun_phrase_before(&words[..=i]))
        .find(|l| !l.is_empty() && !is_generic(l))
}

/// True when the first word after the number is not a noun: a numeral with `个` before
/// a verb or adjective names a formula (`两个维护`, `三个确保`, `四个全面`).
pub(crate) fn starts_with_predicate(words: &[Word<'_>]) -> bool {
    words.first().is_some_and(|w| {
        class(w) == Class::Verb || matches!(w.tag, "d" | "i" | "l" | "c" | "p" | "ad" | "z")
    })
}

/// True when the words are a noun phrase and nothing else (`交通领域`, `村(社区)`).
pub(crate) fn is_noun_phrase(words: &[Word<'_>]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| matches!(class(w), Class::Noun | Class::Open | Class::Close))
}

/// Joins words, keeping the last [`MAX_LABEL_CHARS`] characters.
fn join_capped(words: &[Word<'_>]) -> String {
    cap(&words.iter().map(|w| w.text).collect::<String>())
}

/// Joins words, keeping the first [`MAX_LABEL_CHARS`] characters.
fn join_capped_front(words: &[Word<'_>]) -> String {
    let joined: String = words.iter().map(|w| w.text).collect();
    joined.trim().chars().take(MAX_LABEL_CHARS).collect()
}

/// The last [`MAX_LABEL_CHARS`] characters, trimmed, without a trailing linking word.
fn cap(label: &str) -> String {
    let mut label = label.trim();
    if let Some(link) = TRAILING_LINKS
        .iter()
        .find(|l| label.ends_with(*l) && label.len() > l.len())
    {
        label = &label[..label.len() - link.len()];
    }
    let count = label.chars().count();
    label
        .chars()
        .skip(count.saturating_sub(MAX_LABEL_CHARS))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before_label(text: &str) -> String {
        before(&tag(text)).label
    }

    fn after_label(text: &str) -> String {
        noun_after(&tag(text))
    }

    #[test]
    fn labels_before_the_number() {
        assert_eq!(before_label("发放宣传资料"), "宣传资料");
        assert_eq!(before_label("全年下达行政处罚决定书"), "行政处罚决定书");
        assert_eq!(before_label("受理各类矛盾纠纷"), "矛盾纠纷");
        assert_eq!(before_label("国内生产总值增加到"), "国内生产总值");
        assert_eq!(before_label("城镇调查失业率控制在"), "城镇调查失业率");
        assert_eq!(before_label("社区矫正人员共有"), "社区矫正人员");
    }

    #[test]
    fn counted_actions_keep_their_verb() {
        assert!(before_label("全镇开展宣传").ends_with("宣传"));
        assert!(before_label("领导干部接访下访").ends_with("接访下访"));
    }

    #[test]
    fn labels_after_the_number() {
        assert_eq!(after_label("法治宣传讲座"), "法治宣传讲座");
        assert_eq!(after_label("村(社区)达到驻村律师全覆盖"), "村(社区)");
        assert_eq!(after_label("，并建立"), "");
    }

    #[test]
    fn markers_are_remembered() {
        let b = before(&tag("总共"));
        assert_eq!(b.label, "");
        assert_eq!(b.marker, Some("总共"));
    }

    #[test]
    fn formula_shape_is_a_predicate_after_the_numeral() {
        assert!(starts_with_predicate(&tag("维护")));
        assert!(starts_with_predicate(&tag("确保")));
        assert!(!starts_with_predicate(&tag("村")));
    }
}
