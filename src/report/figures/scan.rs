//! The first pass over the text: every number followed by a measure word (or a `万`/`亿`
//! multiplier) that is not a date, an ordinal, a range, a document number, a slogan or a
//! title. Chinese numerals get a second look with word segmentation afterwards
//! (see [`super::extract`]), because `统一`, `一次性` and `四处` contain them too.

use super::decimal::Decimal;
use super::lexicon::{
    FORMULAS, GAP_QUALIFIERS, LONE_ONE_UNITS, NOT_A_COUNT_AFTER, ONE_BLOCKERS, POST_QUALIFIERS,
    PRE_QUALIFIERS, QUALIFIER_GAP, ends_with, starts_with, word_at,
};
use super::numeral::{
    Tail, is_arabic_digit, is_chinese_numeral, parse_arabic, parse_chinese, parse_tail,
};
use crate::report::segment::jieba;

/// Quoted phrases up to this many characters are slogans and formulas (`“六进”`,
/// `“一村（社区）一法律顾问”`); longer quotations are prose and keep their figures.
const MAX_SLOGAN_CHARS: usize = 16;

/// How many characters after a measure word are segmented to see whether it starts a
/// longer word.
const GLUE_WINDOW: usize = 4;

/// How far before `X次会议` a `届` makes it a session number.
const SESSION_WINDOW: usize = 12;

/// Book titles (`《法治政府建设实施纲要（2021—2025年）》`) longer than this are taken
/// to be an unbalanced bracket rather than a title.
const MAX_TITLE_CHARS: usize = 80;

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Arabic,
    Chinese,
}

/// A number that reads as a quantity, before word segmentation has had its say.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    /// First character of the figure as written (the number, or `百分之`).
    pub start: usize,
    /// Just past the unit or the qualifier after it.
    pub end: usize,
    /// Where a qualifier written before the number starts; `start` when there is none.
    /// Labels are looked for before this point.
    pub lead: usize,
    /// The exact value, multipliers applied and sign kept.
    pub value: Decimal,
    pub unit: &'static str,
    pub approx: Option<&'static str>,
    pub script: Script,
}

/// Finds every candidate figure in `chars`, in text order.
pub(crate) fn candidates(chars: &[char]) -> Vec<Candidate> {
    let blocked = blocked_spans(chars);
    let mut out = Vec::new();
    let mut ordinal_end: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        if blocked[i] {
            i += 1;
            continue;
        }
        let c = chars[i];
        let next = if starts_with(chars, i, "百分之") || starts_with(chars, i, "千分之") {
            percent_words(chars, i, &mut out)
        } else if is_arabic_digit(c) && !continues_token(chars, i) {
            arabic(chars, i, &mut ordinal_end, &mut out)
        } else if is_chinese_numeral(c) && (i == 0 || !is_chinese_numeral(chars[i - 1])) {
            chinese(chars, i, &mut ordinal_end, &mut out)
        } else {
            i + 1
        };
        i = next.max(i + 1);
    }
    out
}

/// Marks characters inside book titles and short quotations.
fn blocked_spans(chars: &[char]) -> Vec<bool> {
    let mut blocked = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '《' => find_close(chars, i, &['》'], MAX_TITLE_CHARS),
            '“' => find_close(chars, i, &['”', '“'], MAX_SLOGAN_CHARS),
            '「' => find_close(chars, i, &['」'], MAX_SLOGAN_CHARS),
            '‘' => find_close(chars, i, &['’', '‘'], MAX_SLOGAN_CHARS),
            '"' => find_close(chars, i, &['"'], MAX_SLOGAN_CHARS),
            _ => None,
        };
        match close {
            Some(end) => {
                blocked[i..=end].iter_mut().for_each(|b| *b = true);
                i = end + 1;
            }
            None => i += 1,
        }
    }
    blocked
}

/// The closing mark for the opening mark at `open`, within `limit` characters and on
/// the same line. A second opening curly quote is read as a mistyped closing one, as
/// in `“三月法治宣传月“`.
fn find_close(chars: &[char], open: usize, closers: &[char], limit: usize) -> Option<usize> {
    chars
        .iter()
        .enumerate()
        .skip(open + 1)
        .take(limit + 1)
        .take_while(|(_, c)| **c != '\n')
        .find(|(_, c)| closers.contains(c))
        .map(|(i, _)| i)
}

/// True when the digit at `i` continues an identifier or another number (`PM2.5`, `G20`,
/// `v1.2`, `5.12`'s second half).
fn continues_token(chars: &[char], i: usize) -> bool {
    let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) else {
        return false;
    };
    prev.is_ascii_alphanumeric()
        || matches!(prev, '.' | '．' | '_' | '#' | '/' | ':' | '：' | '·')
        || prev.is_ascii_digit()
        || ('０'..='９').contains(&prev)
        || ('Ａ'..='Ｚ').contains(&prev)
        || ('ａ'..='ｚ').contains(&prev)
}

/// An Arabic number at `i`; returns where scanning resumes.
fn arabic(
    chars: &[char],
    i: usize,
    ordinal_end: &mut Option<usize>,
    out: &mut Vec<Candidate>,
) -> usize {
    let Some(number) = parse_arabic(chars, i) else {
        return skip_digits(chars, i);
    };
    if is_ordinal(chars, i, *ordinal_end) {
        *ordinal_end = Some(number.end);
        return number.end;
    }
    let mut tail = parse_tail(chars, number.end, true);
    if tail.unit.is_none() && tail.exponent == 0 {
        return number.end;
    }
    if in_range(chars, i, number.end, tail.end) || follows(chars, i, NOT_A_COUNT_AFTER) {
        return tail.end;
    }
    let Some(mut value) = number.decimal(tail.exponent) else {
        return tail.end;
    };
    extend_compound(chars, &mut value, &mut tail);
    if rule_out(chars, i, &mut tail) {
        return number.end;
    }
    let start = match minus_before(chars, i).filter(|_| !value.is_zero()) {
        Some(sign) => {
            value = value.negated();
            sign
        }
        None => i,
    };
    out.push(candidate(chars, start, value, tail, Script::Arabic));
    tail.end
}

/// Where a minus sign written right before the number at `i` stands (`-5件`): the
/// sign of a value no count can have, kept so it is not silently dropped. A dash after a
/// digit, a letter or a closing mark is a range or an identifier, not a sign.
fn minus_before(chars: &[char], i: usize) -> Option<usize> {
    let sign = i.checked_sub(1)?;
    if !matches!(chars[sign], '-' | '－' | '−') {
        return None;
    }
    let joined = sign.checked_sub(1).map(|p| chars[p]).is_some_and(|c| {
        c.is_alphanumeric() && !is_plain_word_char(c)
            || matches!(c, '%' | '％' | ')' | '）' | '-' | '－')
    });
    (!joined).then_some(sign)
}

/// Skips a run of digits that is too long to be a quantity.
fn skip_digits(chars: &[char], i: usize) -> usize {
    let mut j = i;
    while j < chars.len() && (is_arabic_digit(chars[j]) || matches!(chars[j], ',' | '.')) {
        j += 1;
    }
    j
}

/// A Chinese numeral at `i`; returns where scanning resumes.
fn chinese(
    chars: &[char],
    i: usize,
    ordinal_end: &mut Option<usize>,
    out: &mut Vec<Candidate>,
) -> usize {
    let run_end = (i..chars.len())
        .find(|&j| !is_chinese_numeral(chars[j]))
        .unwrap_or(chars.len());
    let Some(read) = parse_chinese(chars, i) else {
        return run_end;
    };
    let number = read.number;
    if is_ordinal(chars, i, *ordinal_end) || follows_calendar_word(chars, i) {
        *ordinal_end = Some(number.end);
        return number.end;
    }
    if follows(chars, i, NOT_A_COUNT_AFTER) {
        return run_end;
    }
    let mut tail = parse_tail(chars, number.end, false);
    let Some(unit) = tail.unit else {
        return run_end;
    };
    let counts = if read.lone_one {
        LONE_ONE_UNITS.contains(&unit) && tail.inner.is_none() && !follows(chars, i, ONE_BLOCKERS)
    } else {
        !read.leading_place || chars[i] == '十' || tail.inner.is_some()
    };
    if !counts || in_formula(chars, i) || paired_numeral(chars, tail.end) {
        return run_end;
    }
    if rule_out(chars, i, &mut tail) || tail.unit.is_none() {
        return run_end;
    }
    let Some(value) = number.decimal(tail.exponent) else {
        return run_end;
    };
    out.push(candidate(chars, i, value, tail, Script::Chinese));
    tail.end
}

/// `百分之九十五`, `千分之三`: the number after the words, as `%` or `‰`.
fn percent_words(chars: &[char], i: usize, out: &mut Vec<Candidate>) -> usize {
    let at = i + 3;
    let Some(&first) = chars.get(at) else {
        return at;
    };
    let (number, script) = if is_arabic_digit(first) {
        (parse_arabic(chars, at), Script::Arabic)
    } else {
        (parse_chinese(chars, at).map(|c| c.number), Script::Chinese)
    };
    let Some(number) = number else {
        return at;
    };
    let tail = parse_tail(chars, number.end, true);
    if tail.unit.is_some() || tail.inner.is_some() || tail.exponent > 0 {
        return number.end;
    }
    let post = word_at(chars, number.end, POST_QUALIFIERS);
    let end = number.end + post.map_or(0, |q| q.chars().count());
    let tail = Tail {
        inner: None,
        exponent: 0,
        unit: Some(if chars[i] == '百' { "%" } else { "‰" }),
        unit_len: 0,
        post,
        end,
    };
    if let Some(value) = number.decimal(0) {
        out.push(candidate(chars, i, value, tail, script));
    }
    end
}

/// `2万5千公里`, `1亿2000万`: a multiplied number continued by a smaller one.
fn extend_compound(chars: &[char], value: &mut Decimal, tail: &mut Tail) {
    while tail.unit.is_none() && tail.inner.is_none() && tail.exponent > 0 {
        let Some(next) = chars
            .get(tail.end)
            .filter(|c| is_arabic_digit(**c))
            .and_then(|_| parse_arabic(chars, tail.end))
        else {
            return;
        };
        let next_tail = parse_tail(chars, next.end, true);
        if next_tail.exponent >= tail.exponent || next.decimals > 0 {
            return;
        }
        let Some(sum) = next
            .decimal(next_tail.exponent)
            .and_then(|part| value.checked_add(part))
        else {
            return;
        };
        *value = sum;
        *tail = next_tail;
    }
}

/// Builds the candidate, looking for a qualifier before the number when none follows.
fn candidate(
    chars: &[char],
    start: usize,
    value: Decimal,
    tail: Tail,
    script: Script,
) -> Candidate {
    let after = tail.inner.or(tail.post);
    let before = if after.is_none() {
        qualifier_before(chars, start)
    } else {
        None
    };
    Candidate {
        start,
        end: tail.end,
        lead: before.map_or(start, |(at, _)| at),
        value,
        unit: tail.unit.unwrap_or(""),
        approx: after.or(before.map(|(_, q)| q)),
        script,
    }
}

/// A qualifier written before the number: touching it (`近70万亿元`, `约3000份`), or a
/// few words away for `至少` and its kin (`每月至少提供1次`). A one-character
/// qualifier that forms a word with the character before it (`附近`, `节约`) is not one.
fn qualifier_before(chars: &[char], start: usize) -> Option<(usize, &'static str)> {
    if let Some(q) = PRE_QUALIFIERS.iter().find(|q| ends_with(chars, start, q)) {
        let at = start - q.chars().count();
        if q.chars().count() > 1 || !glued_to_previous(chars, at, q) {
            return Some((at, q));
        }
    }
    for gap in 1..=QUALIFIER_GAP {
        let Some(at) = start.checked_sub(gap) else {
            break;
        };
        if !is_plain_word_char(chars[at]) {
            break;
        }
        if let Some(q) = GAP_QUALIFIERS.iter().find(|q| ends_with(chars, at, q)) {
            return Some((at - q.chars().count(), q));
        }
    }
    None
}

/// True when a one-character qualifier ends a word begun before it: with the character
/// before it (`附近`, `节约`), or further back (`村规民约`).
fn glued_to_previous(chars: &[char], at: usize, qualifier: &str) -> bool {
    let Some(&prev) = at.checked_sub(1).and_then(|p| chars.get(p)) else {
        return false;
    };
    if jieba().has_word(&format!("{prev}{qualifier}")) {
        return true;
    }
    let from = at.saturating_sub(GLUE_WINDOW);
    let window: String = chars[from..at].iter().collect::<String>() + qualifier;
    jieba()
        .cut(&window, false)
        .last()
        .is_some_and(|w| w.word.chars().count() > 1 && w.word.ends_with(qualifier))
}

/// A Chinese character that is not a numeral: what may stand between `至少` and its
/// number.
fn is_plain_word_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) && !is_chinese_numeral(c)
}

/// `第3`, `第十四届`, and the rest of a list that started with `第` (`第1、2、3条`).
fn is_ordinal(chars: &[char], i: usize, ordinal_end: Option<usize>) -> bool {
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
    if prev == Some('第') {
        return true;
    }
    matches!(prev, Some('、' | ',' | '，' | '和' | '至' | '-' | '—')) && ordinal_end == Some(i - 1)
}

/// `初一`, `周一`, `星期一`: days, not counts.
fn follows_calendar_word(chars: &[char], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| chars.get(p))
        .is_some_and(|c| matches!(c, '初' | '周' | '期' | '拜'))
}

/// Either end of a range (`2021—2025年`, `3-5人`, `2至3次`, `6%－6.5%`): not one
/// quantity.
fn in_range(chars: &[char], start: usize, number_end: usize, tail_end: usize) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '~' | '～' | '至' | '到' | '－');
    let before = start >= 2
        && dash(chars[start - 1])
        && (is_arabic_digit(chars[start - 2]) || matches!(chars[start - 2], '%' | '％'));
    let dash_then_digit = |at: usize| {
        chars.get(at).copied().is_some_and(dash)
            && chars.get(at + 1).copied().is_some_and(is_arabic_digit)
    };
    before || dash_then_digit(number_end) || dash_then_digit(tail_end)
}

/// True when the character before `start` is one of `blockers`.
fn follows(chars: &[char], start: usize, blockers: &[char]) -> bool {
    start
        .checked_sub(1)
        .is_some_and(|p| blockers.contains(&chars[p]))
}

/// A measure word that is really the start of another word (`一次性`, `家庭`, `人口`):
/// jieba joins it to the characters after it. `个` is exempt (`3个人` counts people).
fn unit_glued(chars: &[char], tail: &Tail) -> bool {
    if tail.post.is_some() || tail.unit_len != 1 || tail.unit == Some("个") {
        return false;
    }
    let Some(unit_start) = tail.end.checked_sub(1) else {
        return false;
    };
    if !chars.get(tail.end).copied().is_some_and(is_plain_word_char) {
        return false;
    }
    let window: String = chars[unit_start..(tail.end + GLUE_WINDOW).min(chars.len())]
        .iter()
        .collect();
    // Both tests are needed: jieba's dictionary holds odd entries such as `起纠纷` and
    // `本手册`, and `名作` is a word although `2名作为` splits after `名`.
    let bigram: String = window.chars().take(2).collect();
    jieba().has_word(&bigram)
        && jieba()
            .cut(&window, false)
            .first()
            .is_some_and(|w| w.word.chars().count() > 1)
}

/// `分两期`, `分3批`: how a measure was carried out, not a result.
fn describes_procedure(chars: &[char], start: usize, tail: &Tail) -> bool {
    start > 0
        && chars[start - 1] == '分'
        && matches!(
            tail.unit,
            Some("期" | "批" | "批次" | "次" | "类" | "轮" | "步")
        )
}

/// `十三届全国人大五次会议`: a session number, not a count of meetings.
fn names_a_session(chars: &[char], start: usize, tail: &Tail) -> bool {
    let session = ["会议", "全会", "全体会议", "代表大会"]
        .iter()
        .any(|w| starts_with(chars, tail.end, w));
    tail.unit == Some("次")
        && session
        && chars[start.saturating_sub(SESSION_WINDOW)..start].contains(&'届')
}

/// Whether the words right after a number rule it out as a quantity. A measure word
/// glued to a noun (`2900多万家庭`, `走访15家庭`) is no measure word: the figure stays,
/// a bare count without a unit.
fn rule_out(chars: &[char], start: usize, tail: &mut Tail) -> bool {
    if describes_procedure(chars, start, tail) || names_a_session(chars, start, tail) {
        return true;
    }
    if !unit_glued(chars, tail) {
        return false;
    }
    tail.unit = None;
    tail.end -= tail.unit_len;
    tail.unit_len = 0;
    false
}

/// True when a well-known formula covers the numeral at `i`.
fn in_formula(chars: &[char], i: usize) -> bool {
    FORMULAS.iter().any(|formula| {
        formula
            .chars()
            .enumerate()
            .filter(|(_, c)| is_chinese_numeral(*c))
            .any(|(k, _)| i >= k && starts_with(chars, i - k, formula))
    })
}

/// `两个一百年`, `五位一体`: a numeral and measure word followed at once by another
/// numeral is a formula, not a count.
fn paired_numeral(chars: &[char], end: usize) -> bool {
    (end..end + 2).any(|j| {
        chars
            .get(j)
            .copied()
            .is_some_and(|c| c == '一' || c == '两')
    }) && !chars
        .get(end)
        .copied()
        .is_some_and(|c| c == '余' || c == '多')
}

#[cfg(test)]
mod tests;
