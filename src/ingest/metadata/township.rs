//! The township a report is about: every bounded mention of a name before 镇/乡/街道
//! weighed with the title, the signature, the publisher and the file name, and with how
//! the text uses it — the body a clause is about (`甲山镇党委…`) or a name in passing
//! (a neighbour, a list, a set phrase such as `依法治镇`).

use super::is_han;
use super::places::{LEVELS, STOPS, bounded_name_before};

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
/// leaves the township unknown rather than wrong.
pub(super) fn choose_township(chars: &[char], strong: &[(Vec<char>, Vec<char>)]) -> Option<String> {
    let mut names = township_mentions(chars);
    let strong: Vec<Vec<String>> = strong
        .iter()
        .map(|(folded, _)| {
            let mut found = township_mentions(folded);
            found.extend(village_named_townships(folded));
            found
        })
        .collect();
    for found in &strong {
        names.extend(found.iter().cloned());
    }
    names.sort();
    names.dedup();
    let own_suffix = own_suffix(chars);
    let ends = NameEnds::new(chars, &names);
    let mut best: Option<(usize, String)> = None;
    for name in names {
        let Mentions {
            all: mentions,
            firm,
        } = ends.count(chars, &name);
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
    best.map(|(_, name)| name)
}

/// Where the last characters of the candidate names stand in the text, gathered in one
/// pass, so that counting a name's mentions looks only there and not at every position.
struct NameEnds {
    /// Each distinct last character with its positions, in text order.
    positions: Vec<(char, Vec<usize>)>,
}

impl NameEnds {
    fn new(chars: &[char], names: &[String]) -> NameEnds {
        let mut positions: Vec<(char, Vec<usize>)> = Vec::new();
        for last in names.iter().filter_map(|n| n.chars().last()) {
            if positions.iter().all(|(c, _)| *c != last) {
                positions.push((last, Vec::new()));
            }
        }
        for (i, &c) in chars.iter().enumerate() {
            if let Some((_, at)) = positions.iter_mut().find(|(last, _)| *last == c) {
                at.push(i);
            }
        }
        NameEnds { positions }
    }

    /// How many times `name` stands in `chars` (overlapping mentions included), and how
    /// many of those are firm.
    fn count(&self, chars: &[char], name: &str) -> Mentions {
        let needle: Vec<char> = name.chars().collect();
        let mut found = Mentions::default();
        let Some((_, ends)) = needle
            .last()
            .and_then(|last| self.positions.iter().find(|(c, _)| c == last))
        else {
            return found;
        };
        for &end in ends {
            if end + 1 >= needle.len() && chars[end + 1 - needle.len()..=end] == *needle {
                found.all += 1;
                found.firm += usize::from(is_firm_mention(chars, end + 1 - needle.len(), end + 1));
            }
        }
        found
    }
}

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
fn is_firm_mention(chars: &[char], start: usize, end: usize) -> bool {
    let opens = start
        .checked_sub(1)
        .map(|i| chars[i])
        .is_none_or(|c| !is_han(c) || LEVELS.contains(c) || DATE_CHARS.contains(c));
    let goes_on = chars.get(end).is_some_and(|&c| {
        !c.is_whitespace() && !CLAUSE_ENDS.contains(c) && !LIST_JOINERS.contains(c)
    });
    opens && goes_on
}

/// `镇` when the report says `我镇`/`本镇`/`全镇` more than `我乡`, and so on.
fn own_suffix(chars: &[char]) -> Option<&'static str> {
    // One pass for both suffixes, testing the rarer second character first.
    let (mut zhen, mut xiang) = (0usize, 0usize);
    for w in chars.windows(2) {
        let counter = match w[1] {
            '镇' => &mut zhen,
            '乡' => &mut xiang,
            _ => continue,
        };
        if matches!(w[0], '我' | '本' | '全') {
            *counter += 1;
        }
    }
    match zhen.cmp(&xiang) {
        std::cmp::Ordering::Greater => Some("镇"),
        std::cmp::Ordering::Less => Some("乡"),
        std::cmp::Ordering::Equal => None,
    }
}

/// Township names (with their suffix) at every bounded mention.
fn township_mentions(chars: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..chars.len() {
        // Most characters are no suffix: only these are looked at closely.
        if !matches!(chars[i], '镇' | '乡' | '街') {
            continue;
        }
        let Some(suffix_len) = township_suffix_at(chars, i) else {
            continue;
        };
        let Some(name_len) = bounded_name_before(chars, i, township_name_lengths(chars, i)) else {
            continue;
        };
        let name: String = chars[i - name_len..i + suffix_len].iter().collect();
        if !is_generic_township(&name) {
            out.push(name);
        }
    }
    out
}

/// Townships whose name ends in 村 (`雄村镇`, `何村乡`) standing right after a county's name
/// or at the start: read only from the title, signature and publisher, where a county
/// before the name rules out `…村镇建设`-style phrases.
fn village_named_townships(chars: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    for i in 1..chars.len() {
        if chars[i - 1] != '村' || !matches!(chars[i], '镇' | '乡' | '街') {
            continue;
        }
        let Some(suffix_len) = township_suffix_at(chars, i) else {
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
            out.push(chars[i - len..i + suffix_len].iter().collect());
        }
    }
    out
}

/// Name lengths to try before a township suffix: two or three characters, longer for a
/// 民族乡 (`…土家族乡`).
fn township_name_lengths(chars: &[char], suffix_at: usize) -> std::ops::RangeInclusive<usize> {
    if chars[suffix_at] == '乡' && suffix_at > 0 && chars[suffix_at - 1] == '族' {
        3..=10
    } else {
        2..=3
    }
}

/// Length of the township suffix (`镇`, `乡`, `街道`) at `i`, if one stands there and
/// is not part of another word.
fn township_suffix_at(chars: &[char], i: usize) -> Option<usize> {
    let next = chars.get(i + 1).copied();
    match chars[i] {
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
    use crate::ingest::furniture::PageFields;
    use crate::ingest::metadata::detect;

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
