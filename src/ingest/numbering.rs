//! Word's automatic list numbering. A heading whose `一、` or `（一）` is drawn by Word
//! from numbering.xml has no marker in its text; without rendering it here the section
//! parser would see no headings at all. Covers `w:numPr` on the paragraph or inherited
//! through its style, `abstractNum` levels (`numFmt`, `lvlText`, `start`, `lvlRestart`,
//! `isLgl`, `suff`), `num` overrides (`startOverride`, replaced levels), and style-linked
//! lists (`numStyleLink`).

use std::collections::HashMap;

use super::xml::{Element, Node};

/// Word allows nine list levels.
const LEVELS: usize = 9;

/// How many `numStyleLink` hops are followed before giving up (a loop guard).
const MAX_LINK_HOPS: usize = 4;

/// One list level's definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `lvlRestart`: 0 never restarts; `n` restarts after level `n` (1-based) is used;
    /// `None` restarts after any higher level.
    restart: Option<u32>,
    legal: bool,
    suffix: String,
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: HashMap<u8, Level>,
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<u8, u32>,
    level_overrides: HashMap<u8, Level>,
}

/// Numbering a paragraph style carries, and the style it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    num_id: Option<String>,
    level: Option<u8>,
    based_on: Option<String>,
}

/// A paragraph's own numbering properties (`w:pPr/w:numPr`) and style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphNumbering {
    pub num_id: Option<String>,
    pub level: Option<u8>,
    pub style: Option<String>,
}

/// List definitions plus the running counters, advanced paragraph by paragraph.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    default_style: Option<String>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

impl Numbering {
    /// Reads numbering.xml and styles.xml (either may be missing).
    pub fn new(numbering: &[Node], styles: &[Node]) -> Numbering {
        let mut out = Numbering::default();
        out.read_numbering(numbering);
        out.read_styles(styles);
        out
    }

    /// The marker Word would draw before this paragraph (`一、`, `（一）`, `1.`), or
    /// `None` when it is not numbered (or is a bullet). Advances the counters.
    pub fn marker(&mut self, paragraph: &ParagraphNumbering) -> Option<String> {
        let style = paragraph
            .style
            .clone()
            .or_else(|| self.default_style.clone());
        let inherited = style
            .as_deref()
            .map(|s| self.style_numbering(s))
            .unwrap_or_default();
        let num_id = paragraph.num_id.clone().or(inherited.0)?;
        if num_id == "0" {
            return None;
        }
        let num = self.nums.get(&num_id)?.clone();
        let abstract_num = self.resolve_abstract(&num.abstract_id)?;
        let level = paragraph
            .level
            .or(inherited.1)
            .or_else(|| level_for_style(&abstract_num, style.as_deref()))
            .unwrap_or(0)
            .min(LEVELS as u8 - 1);
        let definitions: Vec<Option<Level>> = (0..LEVELS as u8)
            .map(|l| {
                num.level_overrides
                    .get(&l)
                    .or_else(|| abstract_num.levels.get(&l))
                    .cloned()
            })
            .collect();
        let this = definitions[usize::from(level)].clone()?;
        // Lists sharing a definition continue each other in Word, unless a `num`
        // restarts with its own start values.
        let key = if num.start_overrides.is_empty() && num.level_overrides.is_empty() {
            format!("abstract:{}", num.abstract_id)
        } else {
            format!("num:{num_id}")
        };
        let starts: Vec<u32> = (0..LEVELS as u8)
            .map(|l| {
                num.start_overrides
                    .get(&l)
                    .copied()
                    .or_else(|| definitions[usize::from(l)].as_ref().map(|d| d.start))
                    .unwrap_or(1)
            })
            .collect();
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let index = usize::from(level);
        counters[index] = Some(counters[index].map_or(starts[index], |n| n.saturating_add(1)));
        for (deeper, definition) in definitions.iter().enumerate().skip(index + 1) {
            let restart_after = definition
                .as_ref()
                .and_then(|d| d.restart)
                .unwrap_or(deeper as u32);
            if restart_after > 0 && (index as u32) < restart_after {
                counters[deeper] = None;
            }
        }
        let values: Vec<u32> = (0..LEVELS)
            .map(|l| counters[l].unwrap_or(starts[l]))
            .collect();
        render(&this, &definitions, &values)
    }

    /// Numbering inherited through the style chain: (numId, level).
    fn style_numbering(&self, style: &str) -> (Option<String>, Option<u8>) {
        let mut num_id = None;
        let mut level = None;
        let mut current = Some(style.to_string());
        for _ in 0..16 {
            let Some(id) = current else { break };
            let Some(style) = self.styles.get(&id) else {
                break;
            };
            num_id = num_id.or_else(|| style.num_id.clone());
            level = level.or(style.level);
            current = style.based_on.clone();
        }
        (num_id, level)
    }

    fn resolve_abstract(&self, abstract_id: &str) -> Option<AbstractNum> {
        let mut current = self.abstracts.get(abstract_id)?;
        for _ in 0..MAX_LINK_HOPS {
            let Some(link) = &current.style_link else {
                return Some(current.clone());
            };
            let linked = self
                .styles
                .get(link)
                .and_then(|s| s.num_id.as_ref())
                .and_then(|n| self.nums.get(n))
                .and_then(|n| self.abstracts.get(&n.abstract_id));
            match linked {
                Some(next) if next.style_link.is_none() || !next.levels.is_empty() => {
                    return Some(next.clone());
                }
                Some(next) => current = next,
                None => return Some(current.clone()),
            }
        }
        Some(current.clone())
    }

    fn read_numbering(&mut self, nodes: &[Node]) {
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        for node in nodes {
            match node {
                Node::Start(e) => match e.name.as_str() {
                    "abstractNum" => {
                        abstract_id = e.attr("abstractNumId").map(str::to_string);
                        if let Some(id) = &abstract_id {
                            self.abstracts.insert(id.clone(), AbstractNum::default());
                        }
                    }
                    "num" => {
                        num_id = e.attr("numId").map(str::to_string);
                    }
                    "lvlOverride" => override_level = parse_level(e),
                    "lvl" => {
                        let index = parse_level(e).or(override_level).unwrap_or(0);
                        level = Some((
                            index,
                            Level {
                                start: 1,
                                format: "decimal".to_string(),
                                ..Level::default()
                            },
                        ));
                    }
                    _ => self.read_numbering_property(
                        e,
                        &abstract_id,
                        &num_id,
                        &mut level,
                        override_level,
                    ),
                },
                Node::End(name) => match name.as_str() {
                    "lvl" => {
                        if let Some((index, definition)) = level.take() {
                            self.store_level(&abstract_id, &num_id, index, definition);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Node::Text(_) => {}
            }
        }
    }

    fn read_numbering_property(
        &mut self,
        e: &Element,
        abstract_id: &Option<String>,
        num_id: &Option<String>,
        level: &mut Option<(u8, Level)>,
        override_level: Option<u8>,
    ) {
        let value = e.attr("val");
        if let Some((_, definition)) = level.as_mut() {
            match (e.name.as_str(), value) {
                ("start", Some(v)) => definition.start = v.parse().unwrap_or(1),
                ("numFmt", Some(v)) => definition.format = v.to_string(),
                ("lvlText", Some(v)) => definition.text = v.to_string(),
                ("lvlRestart", Some(v)) => definition.restart = v.parse().ok(),
                ("isLgl", v) => definition.legal = is_on(v),
                ("suff", Some(v)) => definition.suffix = v.to_string(),
                ("pStyle", Some(v)) => definition.style = Some(v.to_string()),
                _ => {}
            }
            return;
        }
        match (e.name.as_str(), value) {
            ("abstractNumId", Some(v)) => {
                if let Some(id) = num_id {
                    self.nums.entry(id.clone()).or_default().abstract_id = v.to_string();
                }
            }
            ("startOverride", Some(v)) => {
                if let (Some(id), Some(index), Ok(start)) = (num_id, override_level, v.parse()) {
                    self.nums
                        .entry(id.clone())
                        .or_default()
                        .start_overrides
                        .insert(index, start);
                }
            }
            ("numStyleLink", Some(v)) => {
                if let Some(id) = abstract_id
                    && let Some(a) = self.abstracts.get_mut(id)
                {
                    a.style_link = Some(v.to_string());
                }
            }
            _ => {}
        }
    }

    fn store_level(
        &mut self,
        abstract_id: &Option<String>,
        num_id: &Option<String>,
        index: u8,
        definition: Level,
    ) {
        if let Some(id) = num_id {
            self.nums
                .entry(id.clone())
                .or_default()
                .level_overrides
                .insert(index, definition);
        } else if let Some(id) = abstract_id
            && let Some(a) = self.abstracts.get_mut(id)
        {
            a.levels.insert(index, definition);
        }
    }

    fn read_styles(&mut self, nodes: &[Node]) {
        let mut current: Option<(String, Style)> = None;
        for node in nodes {
            match node {
                Node::Start(e) if e.name == "style" => {
                    let id = e.attr("styleId").unwrap_or_default().to_string();
                    if e.attr("type").is_none_or(|t| t == "paragraph")
                        && is_on(e.attr("default"))
                        && e.attr("default").is_some()
                    {
                        self.default_style = Some(id.clone());
                    }
                    current = Some((id, Style::default()));
                }
                Node::Start(e) => {
                    if let Some((_, style)) = current.as_mut() {
                        match (e.name.as_str(), e.attr("val")) {
                            ("basedOn", Some(v)) => style.based_on = Some(v.to_string()),
                            ("numId", Some(v)) => style.num_id = Some(v.to_string()),
                            ("ilvl", Some(v)) => style.level = v.parse().ok(),
                            _ => {}
                        }
                    }
                }
                Node::End(name) if name == "style" => {
                    if let Some((id, style)) = current.take() {
                        self.styles.insert(id, style);
                    }
                }
                _ => {}
            }
        }
    }
}

fn parse_level(e: &Element) -> Option<u8> {
    e.attr("ilvl").and_then(|v| v.parse().ok())
}

/// OOXML on/off values: present without `val`, or `val` of true/1/on.
fn is_on(value: Option<&str>) -> bool {
    value.is_none_or(|v| matches!(v, "true" | "1" | "on"))
}

/// The level linked to a paragraph style inside a list definition (`w:lvl/w:pStyle`).
fn level_for_style(abstract_num: &AbstractNum, style: Option<&str>) -> Option<u8> {
    let style = style?;
    abstract_num
        .levels
        .iter()
        .find(|(_, l)| l.style.as_deref() == Some(style))
        .map(|(i, _)| *i)
}

/// Fills `lvlText` (`%1、`, `（%2）`, `%1.%2`) with the formatted counters.
fn render(level: &Level, definitions: &[Option<Level>], values: &[u32]) -> Option<String> {
    if level.format == "bullet" || level.format == "none" {
        return None;
    }
    let mut out = String::new();
    let mut chars = level.text.chars().peekable();
    while let Some(c) = chars.next() {
        let placeholder = (c == '%')
            .then(|| chars.peek().and_then(|d| d.to_digit(10)))
            .flatten()
            .filter(|d| (1..=LEVELS as u32).contains(d));
        match placeholder {
            Some(d) => {
                chars.next();
                let index = d as usize - 1;
                let format = if level.legal {
                    "decimal"
                } else {
                    definitions[index]
                        .as_ref()
                        .map_or("decimal", |l| l.format.as_str())
                };
                out.push_str(&format_number(values[index], format));
            }
            None => out.push(c),
        }
    }
    if out.trim().is_empty() {
        return None;
    }
    let needs_space = match level.suffix.as_str() {
        "nothing" => false,
        "space" => true,
        _ => out.chars().last().is_some_and(char::is_alphanumeric),
    };
    if needs_space {
        out.push(' ');
    }
    Some(out)
}

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
    use super::super::xml::parse;
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

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlRestart w:val="0"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    fn numbering() -> Numbering {
        Numbering::new(
            &parse(NUMBERING, "n").unwrap(),
            &parse(STYLES, "s").unwrap(),
        )
    }

    fn direct(num: &str, level: u8) -> ParagraphNumbering {
        ParagraphNumbering {
            num_id: Some(num.to_string()),
            level: Some(level),
            style: None,
        }
    }

    fn styled(style: &str) -> ParagraphNumbering {
        ParagraphNumbering {
            style: Some(style.to_string()),
            ..ParagraphNumbering::default()
        }
    }

    #[test]
    fn levels_count_and_lower_levels_restart() {
        let mut n = numbering();
        let got: Vec<Option<String>> = [
            direct("1", 0),
            direct("1", 1),
            direct("1", 1),
            direct("1", 2),
            direct("1", 0),
            direct("1", 1),
            direct("1", 2),
        ]
        .iter()
        .map(|p| n.marker(p))
        .collect();
        let want = ["一、", "（一）", "（二）", "1.", "二、", "（一）", "2."];
        assert_eq!(
            got,
            want.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>()
        );
    }

    #[test]
    fn numbering_inherited_from_styles() {
        let mut n = numbering();
        assert_eq!(n.marker(&styled("H1")).as_deref(), Some("一、"));
        assert_eq!(n.marker(&styled("H2")).as_deref(), Some("（一）"));
        assert_eq!(n.marker(&styled("H1")).as_deref(), Some("二、"));
        assert_eq!(n.marker(&styled("Normal")), None);
    }

    #[test]
    fn start_override_and_num_zero() {
        let mut n = numbering();
        assert_eq!(n.marker(&direct("2", 0)).as_deref(), Some("五、"));
        assert_eq!(n.marker(&direct("0", 0)), None);
        assert_eq!(n.marker(&direct("9", 0)), None);
    }
}
