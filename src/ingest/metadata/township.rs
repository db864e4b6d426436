//! The township a report is about: every bounded mention of a name before 镇/乡/街道
//! weighed with the title, the signature, the publisher and the file name, and with how
//! the text uses it — the body a clause is about (`甲山镇党委…`) or a name in passing
//! (a neighbour, a list, a set phrase such as `依法治镇`).

use std::sync::LazyLock;

use regex::Regex;

use super::is_han;
use super::places::{CLAUSE_START_STOPS, LEVELS, STOPS, Window, bounded_name_before};

/// Township-level phrases that look like names but are not.
const GENERIC_TOWNSHIPS: &[&str] = &[
    "城镇",
    "集镇",
    "村镇",
    "乡镇",
    "小镇",
    "名镇",
    "古镇",
    "强镇",
    "重镇",
    "大镇",
    "建制镇",
    "小城镇",
    "重点镇",
    "中心镇",
    "特色镇",
    "示范镇",
    "城乡",
    "县乡",
    "家乡",
    "故乡",
    "返乡",
    "回乡",
    "下乡",
    "同乡",
    "老乡",
    "异乡",
    "他乡",
    "贫困乡",
    "民族乡",
    "镇街道",
    "各街道",
    "办街道",
];

/// Two-character words that end many phrases (`新型城镇`, `统筹城乡`, `上山下乡`) and
/// so are generic even with characters before them.
const GENERIC_ENDINGS: &[&str] = &[
    "城镇", "村镇", "乡镇", "城乡", "县乡", "下乡", "返乡", "回乡",
];

/// Characters after 乡 that make it part of another word (`乡村振兴`, `乡土`).
const NOT_AFTER_XIANG: &str = "村镇土贤愁亲音情里邻野风俗间味";

/// Characters after 镇 that make it a verb (`镇压`, `镇守`).
const NOT_AFTER_ZHEN: &str = "压守静定痛住纸化";

/// Extra weight for a township named in the title, the signature, the page's publisher
/// or the file name.
const STRONG_BONUS: usize = 3;

/// The township with the most support: mentions bounded on the left (after
/// punctuation, a year, a county), counted over the whole text, with bonuses for each
/// strong source (title, signature, publisher, file name). A name stands only when it
/// is backed by strong evidence, or is mentioned twice or more with at least one firm
/// mention (see [`is_firm_mention`]): a phrase standing in passing (`…，依法治镇；`)
/// leaves the township unknown rather than wrong. `text` and `strong` are folded.
pub(super) fn choose_township(text: &str, strong: &[&str]) -> Option<String> {
    let suffixes = Suffixes::find(text);
    let mut window = Window::default();
    let mut names = suffixes.mentions(text, &mut window);
    let strong: Vec<Vec<&str>> = strong
        .iter()
        .map(|source| {
            let mut found = Suffixes::find(source).mentions(source, &mut window);
            found.extend(village_named_townships(source));
            found
        })
        .collect();
    for found in &strong {
        names.extend(found.iter().copied());
    }
    names.sort_unstable();
    names.dedup();
    let own_suffix = suffixes.own_suffix(text);
    let mut best: Option<(usize, &str)> = None;
    for name in names {
        let Mentions {
            all: mentions,
            firm,
        } = suffixes.count(text, name);
        let bonus = strong.iter().filter(|found| found.contains(&name)).count() * STRONG_BONUS;
        let suffix_bonus = usize::from(own_suffix.is_some_and(|s| name.ends_with(s)));
        let score = mentions + bonus + suffix_bonus;
        let backed = if bonus > 0 {
            mentions + bonus >= 2
        } else {
            mentions >= 2 && firm > 0
        };
        if !backed {
            continue;
        }
        if best
            .as_ref()
            .is_none_or(|(s, n)| score > *s || (score == *s && name.len() > n.len()))
        {
            best = Some((score, name));
        }
    }
    best.map(|(_, name)| name.to_string())
}

/// Where the township suffixes stand in a text (byte offsets where `镇`, `乡` and `街道`
/// start), found once: every candidate name ends in one of them, so mentions are read
/// and counted there and nowhere else.
struct Suffixes {
    zhen: Vec<usize>,
    xiang: Vec<usize>,
    jiedao: Vec<usize>,
}

impl Suffixes {
    fn find(text: &str) -> Suffixes {
        let mut found = Suffixes {
            zhen: Vec::new(),
            xiang: Vec::new(),
            jiedao: Vec::new(),
        };
        for suffix in SUFFIX.find_iter(text) {
            let starts = match suffix.as_str() {
                "镇" => &mut found.zhen,
                "乡" => &mut found.xiang,
                _ => &mut found.jiedao,
            };
            starts.push(suffix.start());
        }
        found
    }

    /// Township names (with their suffix) at every bounded mention.
    fn mentions<'t>(&self, text: &'t str, window: &mut Window) -> Vec<&'t str> {
        let mut out = Vec::new();
        let all = [
            ('镇', &self.zhen),
            ('乡', &self.xiang),
            ('街', &self.jiedao),
        ];
        for (suffix, starts) in all {
            for &at in starts {
                let end = at
                    + if suffix == '街' {
                        "街道".len()
                    } else {
                        suffix.len_utf8()
                    };
                let next = text[at + suffix.len_utf8()..].chars().next();
                // A name ends in an ideograph no clause-start stop is: most suffixes
                // (`我镇`, `全乡`, `，乡`) are turned down here, before a window is read.
                let last = text[..at].chars().next_back();
                let can_end_name =
                    last.is_some_and(|c| is_han(c) && !CLAUSE_START_STOPS.contains(c));
                if !can_end_name || township_suffix_len(suffix, next).is_none() {
                    continue;
                }
                let at_char = window.read(text, at, NAME_REACH, 0);
                let chars = &window.chars;
                let lengths =
                    township_name_lengths(suffix, at_char.checked_sub(1).map(|i| chars[i]));
                let Some(name_len) = bounded_name_before(chars, at_char, lengths) else {
                    continue;
                };
                let name_bytes: usize = chars[at_char - name_len..at_char]
                    .iter()
                    .map(|c| c.len_utf8())
                    .sum();
                let name = &text[at - name_bytes..end];
                if !is_generic_township(name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// How many times `name` (a candidate, ending in a suffix) stands in `text`,
    /// overlapping mentions included, and how many of those are firm.
    fn count(&self, text: &str, name: &str) -> Mentions {
        let (starts, suffix_len) = if name.ends_with("街道") {
            (&self.jiedao, "街道".len())
        } else if name.ends_with('乡') {
            (&self.xiang, '乡'.len_utf8())
        } else {
            (&self.zhen, '镇'.len_utf8())
        };
        let mut found = Mentions::default();
        for &at in starts {
            let end = at + suffix_len;
            if text[..end].ends_with(name) {
                found.all += 1;
                found.firm += usize::from(is_firm_mention(text, end - name.len(), end));
            }
        }
        found
    }

    /// `镇` when the report says `我镇`/`本镇`/`全镇` more than `我乡`, and so on.
    fn own_suffix(&self, text: &str) -> Option<&'static str> {
        let owned = |starts: &[usize]| {
            starts
                .iter()
                .filter(|&&at| text[..at].ends_with(['我', '本', '全']))
                .count()
        };
        match owned(&self.zhen).cmp(&owned(&self.xiang)) {
            std::cmp::Ordering::Greater => Some("镇"),
            std::cmp::Ordering::Less => Some("乡"),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// The township suffixes, searched for all at once: a search for one character of
/// Chinese text stops at every character sharing its last byte.
static SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("镇|乡|街道").unwrap_or_else(|e| panic!("suffix pattern: {e}")));

/// How many characters before a suffix a township mention is read from: the longest
/// name (an ethnic township's, ten) and the character bounding it.
const NAME_REACH: usize = 12;

/// How often a candidate township stands in the text.
#[derive(Debug, Clone, Copy, Default)]
struct Mentions {
    all: usize,
    firm: usize,
}

/// Characters that date what follows (`2021年`, `3月`, `5日`, `2号`): a name after them
/// opens its clause.
const DATE_CHARS: &str = "年月日号";

/// Characters after a name that join it to a list (`甲镇和乙镇`, `…镇等`): the name is
/// one item among others, not the body the clause is about.
const LIST_JOINERS: &str = "等和与及或";

/// Punctuation that ends a clause, an item of a list or a quotation: a name right
/// before it is the clause's last word.
const CLAUSE_ENDS: &str = "，。；：、！？,.;:!?）)》」』”’";

/// A mention that names the body a clause is about: it opens the clause (at the start,
/// after punctuation, a date, or a county or province: `2021年，甲山镇…`, `徐闻县迈陈镇…`)
/// and the clause goes on (`甲山镇党委`, `甲山镇坚持…`). A name after a function word
/// (`与乙河镇`), ending its clause, a quotation or an item of a list (`…，依法治镇；`,
/// `甲镇、乙镇等`) is named in passing, as set phrases and neighbours are.
fn is_firm_mention(text: &str, start: usize, end: usize) -> bool {
    let opens = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_han(c) || LEVELS.contains(c) || DATE_CHARS.contains(c));
    let goes_on = text[end..].chars().next().is_some_and(|c| {
        !c.is_whitespace() && !CLAUSE_ENDS.contains(c) && !LIST_JOINERS.contains(c)
    });
    opens && goes_on
}

/// Townships whose name ends in 村 (`雄村镇`, `何村乡`) standing right after a county's name
/// or at the start: read only from the title, signature and publisher, where a county
/// before the name rules out `…村镇建设`-style phrases.
fn village_named_townships(source: &str) -> Vec<&str> {
    let indexed: Vec<(usize, char)> = source.char_indices().collect();
    let chars: Vec<char> = indexed.iter().map(|&(_, c)| c).collect();
    let byte_at = |i: usize| indexed.get(i).map_or(source.len(), |&(at, _)| at);
    let mut out = Vec::new();
    for i in 1..chars.len() {
        if chars[i - 1] != '村' {
            continue;
        }
        let Some(suffix_len) = township_suffix_len(chars[i], chars.get(i + 1).copied()) else {
            continue;
        };
        let found = (2..=3).rev().find(|&len| {
            let Some(start) = i.checked_sub(len) else {
                return false;
            };
            // After a county's name (`歙县`), not after `全县`.
            let after_level = start == 0
                || (start >= 2
                    && LEVELS.contains(chars[start - 1])
                    && is_han(chars[start - 2])
                    && !STOPS.contains(chars[start - 2]));
            let name = &chars[start..i - 1];
            after_level && name.iter().all(|&c| is_han(c) && !STOPS.contains(c))
        });
        if let Some(len) = found {
            out.push(&source[byte_at(i - len)..byte_at(i + suffix_len)]);
        }
    }
    out
}

/// Name lengths to try before a township suffix: two or three characters, longer for a
/// 民族乡 (`…土家族乡`).
fn township_name_lengths(suffix: char, before: Option<char>) -> std::ops::RangeInclusive<usize> {
    if suffix == '乡' && before == Some('族') {
        3..=10
    } else {
        2..=3
    }
}

/// Length in characters of the township suffix (`镇`, `乡`, `街道`) starting with
/// `first`, if one stands there and is not part of another word (`镇压`, `乡村`).
fn township_suffix_len(first: char, next: Option<char>) -> Option<usize> {
    match first {
        '镇' if !next.is_some_and(|c| NOT_AFTER_ZHEN.contains(c)) => Some(1),
        '乡' if !next.is_some_and(|c| NOT_AFTER_XIANG.contains(c)) => Some(1),
        '街' if next == Some('道') => Some(2),
        _ => None,
    }
}

fn is_generic_township(name: &str) -> bool {
    GENERIC_TOWNSHIPS.contains(&name)
        || GENERIC_TOWNSHIPS
            .iter()
            .any(|g| g.chars().count() >= 3 && name.ends_with(g))
        || GENERIC_ENDINGS.iter().any(|g| name.ends_with(g))
}

#[cfg(test)]
mod tests {
    use super::super::places::place_like_texts;
    use super::*;
    use crate::ingest::furniture::PageFields;
    use crate::ingest::metadata::detect;

    #[test]
    fn a_window_reads_a_name_as_the_whole_text_does() {
        let mut window = Window::default();
        for text in place_like_texts(200) {
            let chars: Vec<char> = text.chars().collect();
            for (i, (at, _)) in text.char_indices().enumerate() {
                let index = window.read(&text, at, NAME_REACH, 0);
                for lengths in [2..=3, 3..=10] {
                    assert_eq!(
                        bounded_name_before(&window.chars, index, lengths.clone()),
                        bounded_name_before(&chars, i, lengths),
                        "{text} at {i}"
                    );
                }
            }
        }
    }

    /// The township the whole metadata detection reads from a made-up report.
    fn township(text: &str, file_name: &str) -> Option<String> {
        detect(text, file_name, &PageFields::default()).township
    }

    #[test]
    fn a_slogan_twice_in_a_list_is_no_township() {
        let text = "各位代表：\n过去一年，我们坚持科教兴乡、依法治乡；突出依法治乡、产业富乡等重点，\
                    全年完成各项任务。\n二、今年的工作\n继续推进依法治乡。\n";
        assert_eq!(township(text, "报告.txt"), None);
    }

    #[test]
    fn a_quoted_slogan_is_no_township() {
        let text = "一年来，我镇推进“依法治镇”，把“依法治镇”落到实处。\n";
        assert_eq!(township(text, "2021.txt"), None);
    }

    #[test]
    fn townships_listed_or_met_in_passing_are_none_of_them() {
        let listed = "全县在甲山镇、乙河镇、丙岭镇开展试点，甲山镇、乙河镇等取得成效。\n";
        assert_eq!(township(listed, "2021.txt"), None);
        let visited = "我镇组织干部向甲山镇学习，并与甲山镇开展联合执法。\n";
        assert_eq!(township(visited, "2021.txt"), None);
    }

    #[test]
    fn a_neighbour_named_firmly_once_does_not_make_a_slogan_a_township() {
        let text =
            "甲山镇党委书记来我镇交流。我镇坚持产业强镇，依法治镇；推进产业强镇、依法治镇。\n";
        assert_eq!(township(text, "2021.txt"), None);
    }

    #[test]
    fn the_body_a_clause_is_about_is_the_township() {
        let opening = "2023年，乙河镇坚持依法行政，推进依法治镇；依法治镇等。\
                       在乙河镇召开推进会。\n";
        assert_eq!(township(opening, "2023.txt").as_deref(), Some("乙河镇"));
        let office = "甲县乙河镇人民政府\n关于2023年工作的报告\n全年在乙河镇召开推进会。\n";
        assert_eq!(township(office, "2023.txt").as_deref(), Some("乙河镇"));
    }

    #[test]
    fn a_web_page_copy_names_its_township_in_the_title_or_the_file_name() {
        let text = "当前位置：首页 > 政务公开\n发布时间：2024-01-10\n\
                    乙河镇2023年法治政府建设年度报告\n全年我镇在乙河镇、丙岭镇开展普法。\n";
        assert_eq!(township(text, "page.html").as_deref(), Some("乙河镇"));
        let untitled = "全年我镇推进依法治镇，在乙河镇、丙岭镇开展普法。\n";
        assert_eq!(
            township(untitled, "乙河镇2023年报告.txt").as_deref(),
            Some("乙河镇")
        );
    }
}
