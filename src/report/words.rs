//! Words for comparison and similarity: the segmenter's words with each number kept
//! whole with its unit.

use super::figures::{is_arabic_digit, is_chinese_numeral, parse_arabic, parse_tail};
use super::segment::jieba;

/// Characters that end a date or an ordinal written in digits (`2020年`, `12月`, `29号`);
/// they stay in the number's token so that a changed date is one changed token.
const DATE_SUFFIXES: &[char] = &['年', '月', '日', '号', '时', '届', '期', '岁'];

/// Segments text into words for diffing and similarity: a number with its qualifier and
/// measure word stays one token (`12次`, `3000余份`, `1.39万亿元`, `两万余人次`, `100%`),
/// and each punctuation mark is a token of its own, so highlights never fall on half a
/// number. The tokens concatenate back to the input.
pub fn tokens(text: &str) -> Vec<&str> {
    let chars: Vec<char> = text.chars().collect();
    let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let byte_at = |i: usize| offsets.get(i).copied().unwrap_or(text.len());
    let mut out = Vec::new();
    let mut segment_start = 0;
    let mut i = 0;
    while i < chars.len() {
        match arabic_number_end(&chars, i) {
            Some(end) => {
                words_into(&text[byte_at(segment_start)..byte_at(i)], &mut out);
                out.push(&text[byte_at(i)..byte_at(end)]);
                segment_start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    words_into(&text[byte_at(segment_start)..], &mut out);
    out
}

/// The end of an Arabic number starting at `i` with everything that belongs to it:
/// decimals and separators, multipliers, qualifiers, unit, or a date suffix.
fn arabic_number_end(chars: &[char], i: usize) -> Option<usize> {
    let starts = is_arabic_digit(chars[i]) && (i == 0 || !is_arabic_digit(chars[i - 1]));
    let number = parse_arabic(chars, i).filter(|_| starts)?;
    let tail = parse_tail(chars, number.end, true);
    let dated = tail.unit.is_none()
        && tail.exponent == 0
        && tail.inner.is_none()
        && chars
            .get(tail.end)
            .is_some_and(|c| DATE_SUFFIXES.contains(c));
    Some(if dated { tail.end + 1 } else { tail.end })
}

/// Segments text without Arabic numbers and appends its words, joining Chinese numerals
/// with the qualifier and unit that follow them (`两` + `万余人次`).
fn words_into<'a>(text: &'a str, out: &mut Vec<&'a str>) {
    if text.is_empty() {
        return;
    }
    let raw: Vec<&'a str> = jieba().cut(text, false).iter().map(|t| t.word).collect();
    let base = text.as_ptr() as usize;
    let offset = |word: &str| word.as_ptr() as usize - base;
    let mut i = 0;
    while i < raw.len() {
        let word = raw[i];
        i += 1;
        if !is_chinese_number(word) {
            out.push(word);
            continue;
        }
        let start = offset(word);
        let mut end = start + word.len();
        while let Some(next) = raw.get(i).filter(|next| is_number_suffix(next)) {
            end = offset(next) + next.len();
            i += 1;
        }
        out.push(&text[start..end]);
    }
}

/// A token of Chinese numerals only (`两`, `十`, `三百`).
fn is_chinese_number(token: &str) -> bool {
    !token.is_empty() && token.chars().all(is_chinese_numeral)
}

/// A token that is wholly a number's tail: qualifier, multiplier, unit (`万余人次`,
/// `余份`, `个`), but not a word that merely starts with a unit (`名称`).
fn is_number_suffix(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    let tail = parse_tail(&chars, 0, true);
    tail.end > 0 && tail.end == chars.len()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::tokens;

    proptest! {
        #[test]
        fn any_text_joins_back(text in "[0-9０-９一二两十百千万亿余多人次个名%,.，。、 a-z“”]{0,60}") {
            prop_assert_eq!(tokens(&text).concat(), text);
        }
    }

    fn assert_joins(text: &str) -> Vec<&str> {
        let t = tokens(text);
        assert_eq!(t.concat(), text);
        t
    }

    #[test]
    fn numbers_stay_with_their_units() {
        let t = assert_joins("专题学习12次，发放宣传资料3000余份，成功率100%。");
        assert!(t.contains(&"12次"), "{t:?}");
        assert!(t.contains(&"3000余份"), "{t:?}");
        assert!(t.contains(&"100%"), "{t:?}");
        assert!(t.contains(&"，"), "{t:?}");
    }

    #[test]
    fn decimals_multipliers_and_full_width_digits_are_one_token() {
        let t = assert_joins("增加到1.39万亿元，１２次，12,345人，2020年12月");
        assert!(t.contains(&"1.39万亿元"), "{t:?}");
        assert!(t.contains(&"１２次"), "{t:?}");
        assert!(t.contains(&"12,345人"), "{t:?}");
        assert!(t.contains(&"2020年"), "{t:?}");
        assert!(t.contains(&"12月"), "{t:?}");
    }

    #[test]
    fn chinese_numerals_join_their_units() {
        let t = assert_joins("惠及两万余人次，全镇有十个村");
        assert!(t.contains(&"两万余人次"), "{t:?}");
        assert!(t.iter().any(|w| w.starts_with("十个")), "{t:?}");
    }

    #[test]
    fn punctuation_stands_alone() {
        let t = assert_joins("甲，乙……“丙”");
        assert!(t.iter().all(|w| w.chars().count() == 1), "{t:?}");
    }

    #[test]
    fn odd_input_still_joins() {
        for text in [
            "",
            "12",
            "一",
            "两个",
            "万",
            "1.",
            "３．５％以上",
            "名称统一",
        ] {
            assert_joins(text);
        }
    }
}
