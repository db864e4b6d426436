//! Heading markers as real reports write them: `一、`, `（一）`/`(一)`, `1、`/`1.`/`1．`,
//! `（1）`/`(1)`, with full- or half-width brackets and digits, and the common slips (a
//! missing bracket, a stray `、` after the bracket).

/// A marker recognised at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// 1 for `一、`, 2 for `（一）`, 3 for `1、`, 4 for `（1）`.
    pub level: u8,
    /// The number the marker writes (`三` → 3), for sequence checks.
    pub number: u32,
    /// Length of the marker in characters, stray punctuation after it included.
    pub len: usize,
    /// A bracket is missing (`一）`, `（一深入…`): only trusted when the list around it
    /// agrees.
    pub weak: bool,
}

/// Markers above this number are not list items but years, quantities or codes.
const MAX_MARKER_NUMBER: u32 = 40;

/// Recognises a heading marker at the start of `s` (already past leading space).
pub fn parse(s: &[char]) -> Option<Marker> {
    let first = *s.first()?;
    let marker = if is_open_bracket(first) {
        bracketed(s)
    } else if is_cn_numeral(first) {
        chinese(s)
    } else if as_digit(first).is_some() {
        arabic(s)
    } else {
        None
    }?;
    (marker.number >= 1 && marker.number <= MAX_MARKER_NUMBER).then_some(marker)
}

/// `一、` (level 1) or `一）` (level 2 with the opening bracket missing).
fn chinese(s: &[char]) -> Option<Marker> {
    let n = run_len(s, is_cn_numeral);
    let number = cn_value(&s[..n])?;
    match s.get(n).copied()? {
        '、' | '．' => Some(Marker {
            level: 1,
            number,
            len: n + 1,
            weak: false,
        }),
        '.' if s.get(n + 1).is_none_or(|&c| as_digit(c).is_none()) => Some(Marker {
            level: 1,
            number,
            len: n + 1,
            weak: false,
        }),
        c if is_close_bracket(c) => Some(with_stray(s, 2, number, n + 1, true)),
        _ => None,
    }
}

/// `1、`, `1.`, `1．` (level 3) or `1）` (level 4 with the opening bracket missing).
fn arabic(s: &[char]) -> Option<Marker> {
    let n = run_len(s, |c| as_digit(c).is_some());
    if n > 2 {
        return None;
    }
    let number = digits_value(&s[..n])?;
    let after = s.get(n + 1).copied();
    match s.get(n).copied()? {
        '、' => Some(Marker {
            level: 3,
            number,
            len: n + 1,
            weak: false,
        }),
        '.' | '．' if after.is_none_or(|c| as_digit(c).is_none()) => Some(Marker {
            level: 3,
            number,
            len: n + 1,
            weak: false,
        }),
        c if is_close_bracket(c) => Some(with_stray(s, 4, number, n + 1, false)),
        _ => None,
    }
}

/// `（一）`/`(一)` (level 2) and `（1）`/`(1)` (level 4), with either bracket width and a
/// missing closing bracket tolerated as a weak marker.
fn bracketed(s: &[char]) -> Option<Marker> {
    let inner = &s[1..];
    let cn = run_len(inner, is_cn_numeral);
    let (level, n, number) = if cn > 0 {
        (2, cn, cn_value(&inner[..cn])?)
    } else {
        let d = run_len(inner, |c| as_digit(c).is_some());
        if d == 0 || d > 2 {
            return None;
        }
        (4, d, digits_value(&inner[..d])?)
    };
    match inner.get(n).copied() {
        Some(c) if is_close_bracket(c) => Some(with_stray(s, level, number, n + 2, false)),
        Some(c) if starts_title(c) => Some(Marker {
            level,
            number,
            len: n + 1,
            weak: true,
        }),
        _ => None,
    }
}

/// A marker of `len` characters, extended over a stray `、`/`.`/`．` written after a
/// closing bracket (`（一）、`), which belongs to the marker, not the title.
fn with_stray(s: &[char], level: u8, number: u32, len: usize, weak: bool) -> Marker {
    let stray = matches!(s.get(len), Some('、' | '.' | '．'));
    Marker {
        level,
        number,
        len: len + usize::from(stray),
        weak,
    }
}

/// True for a character a heading title can start with after a bracket-less numeral:
/// a CJK ideograph, not a bracket, digit or punctuation.
fn starts_title(c: char) -> bool {
    is_cjk(c) && !is_cn_numeral(c) && c != '是'
}

/// True for CJK unified ideographs (the basic block and extension A).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Opening brackets of either width.
pub fn is_open_bracket(c: char) -> bool {
    matches!(c, '（' | '(')
}

/// Closing brackets of either width.
pub fn is_close_bracket(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// The Chinese numerals used in list markers.
pub fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The value of an ASCII or full-width digit.
pub fn as_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn run_len(s: &[char], pred: impl Fn(char) -> bool) -> usize {
    s.iter().take_while(|&&c| pred(c)).count()
}

fn digits_value(s: &[char]) -> Option<u32> {
    s.iter()
        .try_fold(0u32, |acc, &c| Some(acc * 10 + as_digit(c)?))
}

/// The value of a Chinese numeral from 1 to 99 (`三`, `十二`, `二十`, `二十一`).
pub fn cn_value(s: &[char]) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        let v = "一二三四五六七八九".chars().position(|d| d == c)?;
        u32::try_from(v + 1).ok()
    };
    match s {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(s: &str) -> Option<(u8, u32, usize, bool)> {
        let chars: Vec<char> = s.chars().collect();
        parse(&chars).map(|m| (m.level, m.number, m.len, m.weak))
    }

    #[test]
    fn recognises_the_four_levels_in_both_widths() {
        assert_eq!(marker("三、存在问题"), Some((1, 3, 2, false)));
        assert_eq!(marker("十二、其他"), Some((1, 12, 3, false)));
        assert_eq!(marker("（二）完善"), Some((2, 2, 3, false)));
        assert_eq!(marker("(十一)完善"), Some((2, 11, 4, false)));
        assert_eq!(marker("（二)完善"), Some((2, 2, 3, false)));
        assert_eq!(marker("1、合法性审查"), Some((3, 1, 2, false)));
        assert_eq!(marker("2.第一责任人"), Some((3, 2, 2, false)));
        assert_eq!(marker("１２．工作"), Some((3, 12, 3, false)));
        assert_eq!(marker("（3）调解"), Some((4, 3, 3, false)));
        assert_eq!(marker("(３)调解"), Some((4, 3, 3, false)));
    }

    #[test]
    fn tolerates_missing_brackets_as_weak_markers() {
        assert_eq!(marker("一)深入学习"), Some((2, 1, 2, true)));
        assert_eq!(marker("（二深入学习"), Some((2, 2, 2, true)));
        assert_eq!(marker("(2加强"), Some((4, 2, 2, true)));
        assert_eq!(marker("3）调解"), Some((4, 3, 2, false)));
    }

    #[test]
    fn keeps_a_stray_mark_after_the_bracket_in_the_marker() {
        assert_eq!(marker("（一）、学习"), Some((2, 1, 4, false)));
    }

    #[test]
    fn rejects_dates_numbers_and_enumerations() {
        assert_eq!(marker("5.12汶川"), None);
        assert_eq!(marker("12.4宪法日"), None);
        assert_eq!(marker("2020.12"), None);
        assert_eq!(marker("2020、2021年"), None);
        assert_eq!(marker("100.加强"), None);
        assert_eq!(marker("一是加强"), None);
        assert_eq!(marker("一年来"), None);
        assert_eq!(marker("（一是"), None);
        assert_eq!(marker("（一般"), Some((2, 1, 2, true)));
        assert_eq!(marker("45、"), None);
        assert_eq!(marker("（）"), None);
        assert_eq!(marker(""), None);
        assert_eq!(marker("二十一、其他"), Some((1, 21, 4, false)));
    }
}
