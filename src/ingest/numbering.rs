//! Word's automatic list numbering. A heading whose `一、` or `（一）` is drawn by Word
//! from numbering.xml has no marker in its text; without rendering it here the section
//! parser would see no headings at all. Covers `w:numPr` on the paragraph or inherited
//! through its style, `abstractNum` levels (`numFmt`, `lvlText`, `start`, `lvlRestart`,
//! `isLgl`, `suff`), `num` overrides (`startOverride`, replaced levels), and style-linked
//! lists (`numStyleLink`).

use std::collections::HashMap;

use super::xml::{Element, Node};

mod format;

use format::format_number;

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

/// A `w:ilvl` as written: one of Word's nine levels, or a value no list has (negative,
/// past 8, not a number). A paragraph with such a level is left unnumbered rather than
/// counted as level 0, which would shift the real `一、二、` that follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListLevel {
    Level(u8),
    Invalid,
}

impl ListLevel {
    /// Reads an `ilvl` value.
    pub fn parse(value: &str) -> ListLevel {
        value
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|level| usize::from(*level) < LEVELS)
            .map_or(ListLevel::Invalid, ListLevel::Level)
    }
}

/// Numbering a paragraph style carries, and the style it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    num_id: Option<String>,
    level: Option<ListLevel>,
    based_on: Option<String>,
}

/// A paragraph's own numbering properties (`w:pPr/w:numPr`) and style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParagraphNumbering {
    pub num_id: Option<String>,
    pub level: Option<ListLevel>,
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
        let level = match paragraph.level.or(inherited.1) {
            Some(ListLevel::Level(level)) => level,
            Some(ListLevel::Invalid) => return None,
            None => level_for_style(&abstract_num, style.as_deref()).unwrap_or(0),
        };
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
    fn style_numbering(&self, style: &str) -> (Option<String>, Option<ListLevel>) {
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
        let mut level: Option<(ListLevel, Level)> = None;
        let mut override_level: Option<ListLevel> = None;
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
                    "lvlOverride" => override_level = e.attr("ilvl").map(ListLevel::parse),
                    "lvl" => {
                        let index = e
                            .attr("ilvl")
                            .map(ListLevel::parse)
                            .or(override_level)
                            .unwrap_or(ListLevel::Level(0));
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
                        if let Some((ListLevel::Level(index), definition)) = level.take() {
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
        level: &mut Option<(ListLevel, Level)>,
        override_level: Option<ListLevel>,
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
                if let (Some(id), Some(ListLevel::Level(index)), Ok(start)) =
                    (num_id, override_level, v.parse())
                {
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
                            ("ilvl", Some(v)) => style.level = Some(ListLevel::parse(v)),
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

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

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
            level: Some(ListLevel::Level(level)),
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
    fn list_levels_outside_word_s_nine_are_invalid() {
        assert_eq!(ListLevel::parse("0"), ListLevel::Level(0));
        assert_eq!(ListLevel::parse(" 8 "), ListLevel::Level(8));
        for bad in ["-1", "9", "300", "99999999999", "x", ""] {
            assert_eq!(ListLevel::parse(bad), ListLevel::Invalid, "{bad}");
        }
        let mut n = numbering();
        let mut invalid = direct("1", 0);
        invalid.level = Some(ListLevel::Invalid);
        assert_eq!(n.marker(&direct("1", 0)).as_deref(), Some("一、"));
        assert_eq!(n.marker(&invalid), None);
        assert_eq!(n.marker(&direct("1", 0)).as_deref(), Some("二、"));
    }

    #[test]
    fn start_override_and_num_zero() {
        let mut n = numbering();
        assert_eq!(n.marker(&direct("2", 0)).as_deref(), Some("五、"));
        assert_eq!(n.marker(&direct("0", 0)), None);
        assert_eq!(n.marker(&direct("9", 0)), None);
    }
}
