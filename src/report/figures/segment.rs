//! Word segmentation for labels: jieba's words and tags, with four repairs a label
//! needs. Township names are kept whole and marked as places (jieba cuts `涂市镇` into
//! `涂/市镇`, and a label must never start inside a name); a few words jieba tags as
//! adjectives are nouns in reports (`清单`); the suffix of an office jieba splits off
//! its noun is joined back (`司法/所` → `司法所`); and an adverb jieba glued to a noun
//! can be told (`村均` → `村` + `均`).

use crate::report::segment::jieba;

/// The tag given to a township name found here (with the county before it, if any).
pub(crate) const PLACE_TAG: &str = "place";

/// A segmented word with its part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub tag: &'a str,
}

/// Township-level endings.
const TOWNSHIP_ENDS: &[char] = &['镇', '乡', '鎮', '鄉'];

/// County-level endings that may stand before a township's name (`云岭县松坪乡`).
const COUNTY_ENDS: &[char] = &['县', '区', '市', '旗', '縣', '區'];

/// Characters that never end a place name: pronouns and determiners before `镇`/`乡`
/// (`全镇`, `我乡`, `各乡`) and function words.
const NOT_IN_NAMES: &str = "全我本该各每这那其此某的和与及在对向从为由将把被等共均都到赴往";

/// Characters after `乡`/`镇` that make it part of another word (`乡村`, `镇村干部`).
const NOT_AFTER_END: &str = "村镇土贤愁亲情里邻野风俗间级街政长直属区域党干压守";

/// Adverbs jieba glues to the noun before them (`村均`, `户都`).
const GLUED_ADVERBS: &[char] = &['均', '都', '皆', '亦'];

/// Words jieba tags as adjectives or verbs that name things in reports.
const NOUNS: &[&str] = &["清单", "台账", "名录"];

/// Characters that make an office of the noun before them (`司法所`), which jieba
/// splits off and tags as something else (`所` as a conjunction).
const OFFICE_SUFFIXES: &[&str] = &["所"];

/// Word classes a place name is never read as (`开展乡调委会`: `开展` is a verb,
/// `年末城镇`: `年末` a time).
const NOT_NAME_TAGS: &[&str] = &["v", "d", "r", "p", "c", "u", "a", "m", "t"];

/// Endings that make a phrase a kind of township rather than one (`新型城镇`,
/// `特色小镇`, `送法下乡`).
const GENERIC_ENDS: &[&str] = &[
    "城镇", "集镇", "村镇", "乡镇", "小镇", "名镇", "古镇", "强镇", "重镇", "大镇", "城乡", "县乡",
    "家乡", "故乡", "返乡", "回乡", "下乡", "同乡", "老乡", "异乡", "他乡",
];

/// Segments and tags `text` (a clause fragment next to a number).
pub(crate) fn tag(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut rest_start = 0;
    for (start, end) in place_spans(text) {
        tag_plain(&text[rest_start..start], &mut out);
        out.push(Word {
            text: &text[start..end],
            tag: PLACE_TAG,
        });
        rest_start = end;
    }
    tag_plain(&text[rest_start..], &mut out);
    out
}

/// Tags text holding no place name, with mistagged nouns retagged and an office's
/// suffix joined to its noun.
fn tag_plain<'a>(text: &'a str, out: &mut Vec<Word<'a>>) {
    if text.is_empty() {
        return;
    }
    let first = out.len();
    let mut at = 0;
    for t in jieba().tag(text, true) {
        let start = at;
        at += t.word.len();
        let tag = if NOUNS.contains(&t.word) { "n" } else { t.tag };
        let suffix = OFFICE_SUFFIXES.contains(&t.word) && !tag.starts_with('n');
        let joined = match out.last() {
            Some(noun) if suffix && out.len() > first && noun.tag.starts_with('n') => start
                .checked_sub(noun.text.len())
                .and_then(|noun_start| text.get(noun_start..at))
                .filter(|whole| whole.len() == noun.text.len() + t.word.len()),
            _ => None,
        };
        match (joined, out.last_mut()) {
            (Some(whole), Some(noun)) => {
                *noun = Word {
                    text: whole,
                    tag: "n",
                }
            }
            _ => out.push(Word { text: t.word, tag }),
        }
    }
}

/// Where an adverb jieba glued to a noun would start (`村均` in `7个村均建立`: every
/// village has set one up), for a two-character abbreviation or noun whose first
/// character is a word. Elsewhere the same word often means "per" (`人均`, `户均增收`),
/// so only a caller that knows a count stands right before it may cut it.
pub(crate) fn glued_adverb(word: &str, tag: &str) -> Option<usize> {
    let last = word.chars().last()?;
    let nounish = tag == "j" || tag.starts_with('n');
    let cut = word.len() - last.len_utf8();
    (nounish && word.chars().count() == 2 && GLUED_ADVERBS.contains(&last))
        .then_some(cut)
        .filter(|&cut| jieba().has_word(&word[..cut]))
}

/// Byte ranges of township names (`涂市镇`, `云岭县松坪乡`): two or three characters
/// before `镇`/`乡`, bounded on the left by the start of the text, a non-ideograph or a
/// county's name, and not read by jieba as a verb or function word.
fn place_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !TOWNSHIP_ENDS.contains(&c) || follows_into_word(&chars, k) {
            continue;
        }
        let Some(start) = name_start(&chars, k).filter(|&s| !is_generic(&chars[s..=k])) else {
            continue;
        };
        let start = county_before(&chars, start).unwrap_or(start);
        let span = (chars[start].0, at + c.len_utf8());
        if out.last().is_none_or(|last| last.1 <= span.0) {
            out.push(span);
        }
    }
    out
}

fn follows_into_word(chars: &[(usize, char)], k: usize) -> bool {
    chars
        .get(k + 1)
        .is_some_and(|&(_, next)| NOT_AFTER_END.contains(next))
}

/// Index of the first character of a name of two or three characters ending before
/// `end`, bounded on the left.
fn name_start(chars: &[(usize, char)], end: usize) -> Option<usize> {
    (2..=3).rev().find_map(|len| {
        let start = end.checked_sub(len)?;
        let name = &chars[start..end];
        let plain = name
            .iter()
            .all(|&(_, c)| is_han(c) && !NOT_IN_NAMES.contains(c));
        let bounded = start
            .checked_sub(1)
            .is_none_or(|p| !is_han(chars[p].1) || COUNTY_ENDS.contains(&chars[p].1));
        (plain && bounded && !reads_as_words(name)).then_some(start)
    })
}

/// A generic ending (`城镇`), or a word jieba knows that is not a place name.
fn is_generic(name: &[(usize, char)]) -> bool {
    let text: String = name.iter().map(|&(_, c)| c).collect();
    let known = jieba().has_word(&text)
        && jieba()
            .tag(&text, false)
            .first()
            .is_some_and(|t| t.word == text && t.tag != "ns");
    known || GENERIC_ENDS.iter().any(|g| text.ends_with(g))
}

/// A county's name (two or three characters and `县`/`区`/…) right before `start`.
fn county_before(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let level = start.checked_sub(1)?;
    if !COUNTY_ENDS.contains(&chars[level].1) {
        return None;
    }
    name_start(chars, level)
}

/// True when jieba reads the characters as words no place name is (`指导`, `组织`).
fn reads_as_words(name: &[(usize, char)]) -> bool {
    let text: String = name.iter().map(|&(_, c)| c).collect();
    let tags = jieba().tag(&text, false);
    !tags.is_empty()
        && tags
            .iter()
            .all(|t| NOT_NAME_TAGS.iter().any(|n| t.tag.starts_with(n)))
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tag(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn township_names_stay_whole() {
        assert_eq!(words("涂市镇调委会调解")[0], "涂市镇");
        assert_eq!(words("云岭县松坪乡司法所受理")[0], "云岭县松坪乡");
        assert_eq!(tag("柏岭镇调委会")[0].tag, PLACE_TAG);
    }

    #[test]
    fn generic_townships_are_not_names() {
        for text in [
            "全镇各村",
            "组织全镇干部",
            "乡村振兴",
            "开展乡调委会",
            "我乡",
        ] {
            assert!(
                tag(text).iter().all(|w| w.tag != PLACE_TAG),
                "{text}: {:?}",
                tag(text)
            );
        }
    }

    #[test]
    fn glued_adverbs_are_told_only_on_nouns() {
        assert_eq!(glued_adverb("村均", "j"), Some("村".len()));
        assert_eq!(glued_adverb("平均", "a"), None);
    }
}
