//! Reading numbers as written: Arabic digits (half- or full-width, with thousands
//! separators and decimals), Chinese numerals (`两万`, `一百零五`, `一点五`), and the
//! `万`/`亿` multipliers, qualifiers and measure word that may follow either.
//!
//! Values are kept as a decimal mantissa and scale until the end, so `1.39万亿` is exactly
//! 1 390 000 000 000 and not a float approximation of it.

use super::decimal::Decimal;
use super::lexicon::{INNER_QUALIFIERS, POST_QUALIFIERS, unit_at, word_at};

/// More digits than this is no quantity at all; up to it, even a value no count can
/// reach (`12345678901234567890人次`, two numbers run together) is read exactly, so it
/// can be flagged rather than silently dropped. `u128` holds it scaled by `亿`.
const MAX_DIGITS: u32 = 28;

/// A number read from the text: `mantissa / 10^decimals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Number {
    pub mantissa: u128,
    pub decimals: u32,
    /// Character index just past the number.
    pub end: usize,
}

impl Number {
    /// The exact value scaled by `10^exponent` (a multiplier such as `万` = 4), or `None`
    /// when it does not fit.
    pub fn decimal(&self, exponent: u32) -> Option<Decimal> {
        let mantissa = i128::try_from(self.mantissa).ok()?;
        Decimal::new(mantissa, self.decimals).shifted(i32::try_from(exponent).ok()?)
    }
}

/// The value of an Arabic digit, half- or full-width.
pub(crate) fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// True for an Arabic digit, half- or full-width.
pub(crate) fn is_arabic_digit(c: char) -> bool {
    arabic_digit(c).is_some()
}

/// The value of a Chinese digit (`〇零一二三四五六七八九两`).
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' | '两' | '兩' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// The power of ten of a Chinese place or multiplier character.
pub(crate) fn chinese_place(c: char) -> Option<u32> {
    match c {
        '十' => Some(1),
        '百' => Some(2),
        '千' => Some(3),
        '万' | '萬' => Some(4),
        '亿' | '億' => Some(8),
        _ => None,
    }
}

/// True for any character of a Chinese numeral.
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_place(c).is_some()
}

/// Reads an Arabic number starting at `chars[start]`: digits, `,` separators followed by
/// exactly three digits, and one decimal point (`.` or `．`) followed by a digit.
pub(crate) fn parse_arabic(chars: &[char], start: usize) -> Option<Number> {
    let mut mantissa: u128 = 0;
    let mut digits = 0u32;
    let mut decimals = 0u32;
    let mut in_fraction = false;
    let mut grouped = false;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = arabic_digit(c) {
            mantissa = mantissa * 10 + u128::from(d);
            digits += 1;
            if in_fraction {
                decimals += 1;
            }
            if digits > MAX_DIGITS {
                return None;
            }
            i += 1;
        } else if is_group_separator(c)
            && !in_fraction
            && (grouped || digits <= 3)
            && is_thousands_group(chars, i + 1)
        {
            // Only the first group may be shorter than three digits.
            grouped = true;
            i += 1;
        } else if matches!(c, '.' | '．')
            && !in_fraction
            && chars.get(i + 1).copied().is_some_and(is_arabic_digit)
        {
            in_fraction = true;
            i += 1;
        } else {
            break;
        }
    }
    (digits > 0).then_some(Number {
        mantissa,
        decimals,
        end: i,
    })
}

/// `,` or a space between groups of three digits (`12,345`, `33 939`).
fn is_group_separator(c: char) -> bool {
    matches!(c, ',' | ' ' | '\u{00A0}' | '\u{2009}' | '\u{202F}')
}

/// Three digits and then no fourth: the group after a thousands separator.
fn is_thousands_group(chars: &[char], at: usize) -> bool {
    (at..at + 3).all(|i| chars.get(i).copied().is_some_and(is_arabic_digit))
        && !chars.get(at + 3).copied().is_some_and(is_arabic_digit)
}

/// A Chinese numeral as read, with the facts the figure rules need about its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ChineseNumber {
    pub number: Number,
    /// Written without a leading digit (`百余`, `万余`, `十`).
    pub leading_place: bool,
    /// Exactly `一`.
    pub lone_one: bool,
}

/// Reads a Chinese numeral starting at `chars[start]` (`两万`, `一百零五`, `二十`,
/// `一点五`, `二〇二〇`). Returns `None` for shapes that are names rather than numbers,
/// such as `十四五` (a plan period, not 145).
pub(crate) fn parse_chinese(chars: &[char], start: usize) -> Option<ChineseNumber> {
    let mut end = start;
    while end < chars.len() && is_chinese_numeral(chars[end]) {
        end += 1;
    }
    let run = chars.get(start..end).filter(|r| !r.is_empty())?;
    let integer = if run.iter().all(|&c| chinese_digit(c).is_some()) && run.len() > 1 {
        digit_string(run)?
    } else {
        place_value(run)?
    };
    let (mantissa, decimals, end) = chinese_fraction(chars, end, integer);
    Some(ChineseNumber {
        number: Number {
            mantissa,
            decimals,
            end,
        },
        leading_place: chinese_place(run[0]).is_some(),
        lone_one: run == ['一'],
    })
}

/// `二〇二〇` → 2020: digits written one by one.
fn digit_string(run: &[char]) -> Option<u128> {
    if run.len() as u32 > MAX_DIGITS {
        return None;
    }
    run.iter().try_fold(0u128, |acc, &c| {
        chinese_digit(c).map(|d| acc * 10 + u128::from(d))
    })
}

/// Reads place-value numerals: `二十五`, `一百零五`, `两万`, `一亿五千万`, and the spoken
/// `一万五` (15 000) and `三百五` (350). Two digits in a row (`十四五`) are refused.
fn place_value(run: &[char]) -> Option<u128> {
    let mut total: u128 = 0; // whole 亿s
    let mut wan: u128 = 0; // whole 万s below 亿
    let mut small: u128 = 0; // below 万
    let mut digit: Option<u128> = None;
    let mut last_place: u32 = 0;
    let mut after_zero = false;
    for &c in run {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                after_zero = true;
                if digit.is_some() {
                    return None;
                }
                continue;
            }
            if digit.is_some() {
                return None;
            }
            digit = Some(u128::from(d));
            continue;
        }
        let place = chinese_place(c)?;
        match place {
            1..=3 => {
                let d = digit.take().unwrap_or(1);
                small += d * 10u128.pow(place);
            }
            4 => {
                let part = small + digit.take().unwrap_or(0);
                wan += if part == 0 { 1 } else { part };
                small = 0;
            }
            _ => {
                let part = wan * 10_000 + small + digit.take().unwrap_or(0);
                total += if part == 0 { 1 } else { part };
                wan = 0;
                small = 0;
            }
        }
        last_place = place;
        after_zero = false;
    }
    if let Some(d) = digit {
        // A digit right after a place of a hundred or more is spoken shorthand for the
        // next place down: 三百五 = 350, 一万五 = 15000.
        let spoken = !after_zero && last_place >= 2;
        small += if spoken {
            d * 10u128.pow(last_place - 1)
        } else {
            d
        };
    }
    Some(total * 100_000_000 + wan * 10_000 + small)
}

/// `点五` after an integer: the decimal part of a Chinese numeral.
fn chinese_fraction(chars: &[char], at: usize, integer: u128) -> (u128, u32, usize) {
    let has_fraction = matches!(chars.get(at), Some('点' | '點'))
        && chars.get(at + 1).copied().and_then(chinese_digit).is_some();
    if !has_fraction {
        return (integer, 0, at);
    }
    let mut mantissa = integer;
    let mut decimals = 0;
    let mut i = at + 1;
    while let Some(d) = chars.get(i).copied().and_then(chinese_digit) {
        if decimals >= MAX_DIGITS {
            break;
        }
        mantissa = mantissa * 10 + u128::from(d);
        decimals += 1;
        i += 1;
    }
    (mantissa, decimals, i)
}

/// What may follow a number: inner qualifier, multiplier, measure word, post-qualifier,
/// in that order (`20余万人`, `1.39万亿元`, `3名以上`, `1200万人左右`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tail {
    /// `余`/`多` between the number and the multiplier or unit.
    pub inner: Option<&'static str>,
    /// Power of ten of the multipliers (`万` = 4, `万亿` = 12).
    pub exponent: u32,
    pub unit: Option<&'static str>,
    /// How many characters the unit takes as written (`人次` = 2).
    pub unit_len: usize,
    /// `以上`, `左右`, … after the unit.
    pub post: Option<&'static str>,
    /// Character index just past the tail.
    pub end: usize,
}

/// Reads the tail after a number ending at `at`. `multipliers` allows `万`/`亿`/`千`/`百`
/// after Arabic digits; a Chinese numeral has already read its own.
pub(crate) fn parse_tail(chars: &[char], at: usize, multipliers: bool) -> Tail {
    let mut i = at;
    let mut inner = take(chars, &mut i, INNER_QUALIFIERS);
    let mut exponent = 0;
    if multipliers || inner.is_some() {
        exponent += read_multipliers(chars, &mut i);
    }
    if inner.is_none() && exponent > 0 {
        // `两万余人`, and `4万多亿元` where more multipliers follow the qualifier.
        inner = take(chars, &mut i, INNER_QUALIFIERS);
        if inner.is_some() {
            exponent += read_multipliers(chars, &mut i);
        }
    }
    let unit = unit_at(chars, i);
    if let Some((len, _)) = unit {
        i += len;
    }
    let post = if unit.is_some() || exponent > 0 {
        word_at(chars, i, POST_QUALIFIERS)
    } else {
        None
    };
    if let Some(q) = post {
        i += q.chars().count();
    }
    Tail {
        inner,
        exponent,
        unit: unit.map(|(_, u)| u),
        unit_len: unit.map_or(0, |(len, _)| len),
        post,
        end: i,
    }
}

/// Reads one of `words` at `*i`, moving past it.
fn take(chars: &[char], i: &mut usize, words: &[&'static str]) -> Option<&'static str> {
    let word = word_at(chars, *i, words)?;
    *i += word.chars().count();
    Some(word)
}

/// Reads multiplier characters at `*i` (stopping where a unit such as `千瓦` begins) and
/// returns their total power of ten.
fn read_multipliers(chars: &[char], i: &mut usize) -> u32 {
    let mut exponent = 0;
    while let Some(place) = chars.get(*i).copied().and_then(multiplier) {
        if unit_at(chars, *i).is_some() {
            break;
        }
        exponent += place;
        *i += 1;
    }
    exponent
}

/// Multiplier characters after a number (`3万`, `5千`, `1.39万亿`).
fn multiplier(c: char) -> Option<u32> {
    match c {
        '百' => Some(2),
        '千' => Some(3),
        '万' | '萬' => Some(4),
        '亿' | '億' => Some(8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn arabic(s: &str) -> Option<f64> {
        parse_arabic(&chars(s), 0)
            .and_then(|n| n.decimal(0))
            .map(Decimal::to_f64)
    }

    fn chinese(s: &str) -> Option<f64> {
        parse_chinese(&chars(s), 0)
            .and_then(|n| n.number.decimal(0))
            .map(Decimal::to_f64)
    }

    #[test]
    fn reads_arabic_numbers() {
        assert_eq!(arabic("12次"), Some(12.0));
        assert_eq!(arabic("12,345份"), Some(12345.0));
        assert_eq!(arabic("1.39万亿"), Some(1.39));
        assert_eq!(arabic("１２次"), Some(12.0));
        assert_eq!(arabic("5．5%"), Some(5.5));
        // A comma not followed by a group of three is punctuation.
        assert_eq!(arabic("12,34"), Some(12.0));
        assert_eq!(arabic("33 939个"), Some(33939.0));
        assert_eq!(arabic("674 149 546人"), Some(674_149_546.0));
        assert_eq!(arabic("2020 年"), Some(2020.0));
        assert_eq!(arabic("1234,567"), Some(1234.0));
        assert_eq!(arabic("3."), Some(3.0));
        assert_eq!(
            arabic("12345678901234567890人次"),
            Some(12_345_678_901_234_567_890.0)
        );
        assert_eq!(arabic("12345678901234567890123456789"), None);
    }

    #[test]
    fn multipliers_are_exact() {
        let c = chars("1.39万亿元");
        let n = parse_arabic(&c, 0).unwrap();
        let tail = parse_tail(&c, n.end, true);
        assert_eq!(tail.exponent, 12);
        assert_eq!(tail.unit, Some("元"));
        assert_eq!(
            n.decimal(tail.exponent).map(|d| d.to_string()).as_deref(),
            Some("1390000000000")
        );
    }

    #[test]
    fn reads_chinese_numbers() {
        assert_eq!(chinese("一名"), Some(1.0));
        assert_eq!(chinese("两万余"), Some(20000.0));
        assert_eq!(chinese("二十五"), Some(25.0));
        assert_eq!(chinese("十"), Some(10.0));
        assert_eq!(chinese("一百零五"), Some(105.0));
        assert_eq!(chinese("三百五"), Some(350.0));
        assert_eq!(chinese("一万五"), Some(15000.0));
        assert_eq!(chinese("一万五千"), Some(15000.0));
        assert_eq!(chinese("一亿五千万"), Some(150_000_000.0));
        assert_eq!(chinese("二〇二〇"), Some(2020.0));
        assert_eq!(chinese("一点五"), Some(1.5));
        assert_eq!(chinese("万余"), Some(10000.0));
        assert_eq!(chinese("二萬五千五百"), Some(25500.0));
        assert_eq!(chinese("十三點七"), Some(13.7));
    }

    #[test]
    fn refuses_names_that_look_like_numbers() {
        assert_eq!(chinese("十四五"), None);
        assert_eq!(chinese("十二五"), None);
    }

    #[test]
    fn tails_read_qualifiers_and_units() {
        let t = |s: &str, m: bool| parse_tail(&chars(s), 0, m);
        let tail = t("余万人次", true);
        assert_eq!(
            (tail.inner, tail.exponent, tail.unit),
            (Some("余"), 4, Some("人次"))
        );
        let tail = t("多万人", true);
        assert_eq!((tail.inner, tail.exponent), (Some("多"), 4));
        let tail = t("万余人", true);
        assert_eq!((tail.inner, tail.exponent), (Some("余"), 4));
        let tail = t("名以上", false);
        assert_eq!((tail.unit, tail.post), (Some("名"), Some("以上")));
        let tail = t("万人左右", true);
        assert_eq!((tail.exponent, tail.post), (4, Some("左右")));
        let tail = t("万多亿元", true);
        assert_eq!(
            (tail.inner, tail.exponent, tail.unit),
            (Some("多"), 12, Some("元"))
        );
        let tail = t("千瓦", true);
        assert_eq!((tail.exponent, tail.unit), (0, Some("千瓦")));
        let tail = t("年", true);
        assert_eq!((tail.unit, tail.end), (None, 0));
    }
}
