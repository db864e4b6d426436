//! Word's number formats (`chineseCounting`, `decimalEnclosedCircle`, `upperRoman`, …):
//! how a list counter is written once its value is known.

/// Formats a counter in one of Word's number formats.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => chinese_counting(n, &CHINESE_UNITS),
        "chineseLegalSimplified" => chinese_counting(n, &LEGAL_UNITS),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| CHINESE_UNITS.digits[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(n, '\u{2460}', 20),
        "decimalEnclosedParen" => enclosed(n, '\u{2474}', 20),
        "decimalEnclosedFullstop" => enclosed(n, '\u{2488}', 20),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerLetter" => letters(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// Digits and place units of a Chinese numbering style.
struct ChineseUnits {
    digits: [char; 10],
    ten: char,
    hundred: char,
    thousand: char,
}

const CHINESE_UNITS: ChineseUnits = ChineseUnits {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    ten: '十',
    hundred: '百',
    thousand: '千',
};

const LEGAL_UNITS: ChineseUnits = ChineseUnits {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    ten: '拾',
    hundred: '佰',
    thousand: '仟',
};

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百〇五; past 9999, digit by digit.
fn chinese_counting(n: u32, units: &ChineseUnits) -> String {
    if n == 0 || n > 9999 {
        return n
            .to_string()
            .chars()
            .map(|d| units.digits[d.to_digit(10).unwrap_or(0) as usize])
            .collect();
    }
    let places = [
        (1000, units.thousand),
        (100, units.hundred),
        (10, units.ten),
        (1, ' '),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    for (value, unit) in places {
        let digit = (n / value % 10) as usize;
        if digit == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(units.digits[0]);
            pending_zero = false;
        }
        // 十一 rather than 一十一 when the number starts at the tens.
        if !(value == 10 && digit == 1 && out.is_empty() && units.ten == '十') {
            out.push(units.digits[digit]);
        }
        if unit != ' ' {
            out.push(unit);
        }
    }
    out
}

fn cycle(n: u32, symbols: &str) -> String {
    let symbols: Vec<char> = symbols.chars().collect();
    let index = (n.max(1) as usize - 1) % symbols.len();
    symbols[index].to_string()
}

fn enclosed(n: u32, first: char, count: u32) -> String {
    if (1..=count).contains(&n) {
        char::from_u32(first as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
    } else {
        n.to_string()
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (value, symbol) in TABLE {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

/// Word's letter numbering: A…Z, then AA…ZZ, AAA….
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    let repeat = ((n - 1) / 26 + 1) as usize;
    letter.to_string().repeat(repeat.min(20))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_forms() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (105, "一百〇五"),
            (1010, "一千〇一十"),
        ];
        for (n, want) in cases {
            assert_eq!(format_number(n, "chineseCounting"), want, "{n}");
        }
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
    }
}
