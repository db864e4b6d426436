//! Township, county and province. A township names itself most often (`我镇` aside)
//! as `太公镇` or `东安镇`, usually two or three characters before 镇/乡/街道; the county
//! stands right before it (`徐闻县迈陈镇`), in the signature, or in the local regulations
//! it cites (`《重庆市黔江区法治政府建设实施方案》`); the province shows in cited
//! regulations (`《广东省<行政执法证>管理办法》`) or before the county. Generic phrases
//! (`全镇`, `乡镇`, `县委`, `开发区`) are never names, and a neighbouring township
//! mentioned once loses to the one the report is about.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::counties::{addressed_county, chain_before, cited_places};
use super::is_han;
use super::traditional::fold;

/// Township, county and province found in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub township: Option<String>,
    pub county: Option<String>,
    pub province: Option<String>,
}

/// Characters that never belong to a place name and so end one when reading backwards:
/// function words, pronouns, and the names of administrative levels.
const STOP_CHARS: &str = "的地得在和与及或并而且也都就才又再还已即以于对把将向从由为是了到等经被让使给我你他她它们全本该各每某其此这那省县区州盟旗年月日号乡镇村组街委府办所站党政";

/// The stop characters that still end a name at the start of a clause: pronouns and
/// determiners (`我镇`, `全镇`, `该镇`), never part of a place name there.
const CLAUSE_START_STOP_CHARS: &str =
    "的我你他她它们全本该各每某其此这那在是了乡镇村组街委府办所站";

/// Administrative suffixes that may stand right before a name (`徐闻县迈陈镇`).
const LEVEL_CHARS: &str = "省市县区州盟旗";

/// Characters of a list such as [`STOP_CHARS`], sorted: a name's characters are looked
/// up by binary search rather than by searching the list's text.
struct CharSet(Vec<char>);

impl CharSet {
    fn new(chars: &str) -> CharSet {
        let mut sorted: Vec<char> = chars.chars().collect();
        sorted.sort_unstable();
        CharSet(sorted)
    }

    fn contains(&self, c: char) -> bool {
        self.0.binary_search(&c).is_ok()
    }
}

/// [`STOP_CHARS`] as a set.
static STOPS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(STOP_CHARS));

/// [`CLAUSE_START_STOP_CHARS`] as a set.
static CLAUSE_START_STOPS: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(CLAUSE_START_STOP_CHARS));

/// [`LEVEL_CHARS`] as a set.
static LEVELS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(LEVEL_CHARS));

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

/// What besides the text names the report's places, strongest first after the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    pub title: Option<&'a str>,
    /// The body in the closing signature.
    pub signed_by: Option<&'a str>,
    /// The publishing body in the page's metadata table.
    pub publisher: Option<&'a str>,
    pub file_stem: &'a str,
}

/// Votes for an addressee's county: a report is addressed to its own county.
const ADDRESSEE_VOTES: usize = 3;

/// Detects the places of a report. Traditional characters are read as simplified ones
/// and every name is given as written.
pub fn detect(text: &str, hints: &Hints<'_>) -> Places {
    let count = text.chars().count();
    let (mut written, mut chars) = (Vec::with_capacity(count), Vec::with_capacity(count));
    for c in text.chars() {
        written.push(c);
        chars.push(fold(c));
    }
    let strong: Vec<(Vec<char>, Vec<char>)> = [hints.title, hints.signed_by, hints.publisher]
        .into_iter()
        .chain([Some(hints.file_stem)])
        .flatten()
        .map(|s| (s.chars().map(fold).collect(), s.chars().collect()))
        .collect();
    let township = choose_township(&chars, &strong);
    let mut county_votes: HashMap<String, usize> = HashMap::new();
    let mut province_votes: HashMap<String, usize> = HashMap::new();
    if let Some(township) = &township {
        let name: Vec<char> = township.chars().collect();
        let sources = std::iter::once(&chars).chain(strong.iter().map(|(folded, _)| folded));
        for source in sources {
            for start in find_all(source, &name) {
                chain_before(source, start, &mut county_votes, &mut province_votes);
            }
        }
    }
    if let Some(county) = addressed_county(text) {
        *county_votes.entry(county).or_default() += ADDRESSEE_VOTES;
    }
    cited_places(&chars, &mut county_votes, &mut province_votes);
    let sources: Vec<(&[char], &[char])> = std::iter::once((&chars[..], &written[..]))
        .chain(strong.iter().map(|(f, w)| (&f[..], &w[..])))
        .collect();
    let as_written = |name: String| written_form(&name, &sources);
    Places {
        county: township
            .as_ref()
            .and_then(|_| winner(&county_votes))
            .map(as_written),
        province: winner(&province_votes).map(as_written),
        township: township.map(as_written),
    }
}

/// A name found in folded text, as the text spells it where it first stands.
fn written_form(name: &str, sources: &[(&[char], &[char])]) -> String {
    let needle: Vec<char> = name.chars().collect();
    sources
        .iter()
        .find_map(|(folded, written)| {
            let at = folded
                .windows(needle.len().max(1))
                .position(|w| w == needle)?;
            Some(written[at..at + needle.len()].iter().collect())
        })
        .unwrap_or_else(|| name.to_string())
}

/// Every start index of `needle` in `haystack`.
fn find_all(haystack: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return Vec::new();
    }
    let first = needle[0];
    (0..=haystack.len() - needle.len())
        .filter(|&i| haystack[i] == first && haystack[i..i + needle.len()] == *needle)
        .collect()
}

/// The township with the most support: mentions bounded on the left (after
/// punctuation, a year, a county), counted over the whole text, with bonuses for each
/// strong source (title, signature, publisher, file name). A name seen once only counts
/// when it is backed by strong evidence.
fn choose_township(chars: &[char], strong: &[(Vec<char>, Vec<char>)]) -> Option<String> {
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
        let mentions = ends.count(chars, &name);
        let bonus = strong.iter().filter(|found| found.contains(&name)).count() * STRONG_BONUS;
        let suffix_bonus = usize::from(own_suffix.is_some_and(|s| name.ends_with(s)));
        let score = mentions + bonus + suffix_bonus;
        if mentions + bonus < 2 {
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

    /// How many times `name` stands in `chars` (overlapping mentions included).
    fn count(&self, chars: &[char], name: &str) -> usize {
        let needle: Vec<char> = name.chars().collect();
        let Some((_, ends)) = needle
            .last()
            .and_then(|last| self.positions.iter().find(|(c, _)| c == last))
        else {
            return 0;
        };
        ends.iter()
            .filter(|&&end| {
                end + 1 >= needle.len() && chars[end + 1 - needle.len()..=end] == *needle
            })
            .count()
    }
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

/// The longest name length in `lengths` whose characters can form a name and which
/// is bounded on the left (start, non-ideograph, stop character or a level suffix).
pub(super) fn bounded_name_before(
    chars: &[char],
    end: usize,
    lengths: std::ops::RangeInclusive<usize>,
) -> Option<usize> {
    lengths.rev().find(|&len| {
        if len > end {
            return false;
        }
        let name = &chars[end - len..end];
        let stops = if starts_clause(chars, end - len) {
            &*CLAUSE_START_STOPS
        } else {
            &*STOPS
        };
        let chars_ok =
            name.iter().all(|&c| is_han(c) && !stops.contains(c)) || is_ethnic_name(name);
        chars_ok && is_left_boundary(chars, end - len)
    })
}

/// `…土家族` and the like: 族 and 自治 may appear inside an ethnic township's name.
fn is_ethnic_name(name: &[char]) -> bool {
    name.last() == Some(&'族')
        && name
            .iter()
            .all(|&c| is_han(c) && !"的在和与我全本该各".contains(c))
}

/// True at the start of the text or right after a non-ideograph (punctuation, a line
/// break): a name there cannot be a function word glued to a neighbour, so `太和镇` and
/// `和平乡` are read whole.
fn starts_clause(chars: &[char], start: usize) -> bool {
    start.checked_sub(1).is_none_or(|i| !is_han(chars[i]))
}

pub(super) fn is_left_boundary(chars: &[char], start: usize) -> bool {
    match start.checked_sub(1).map(|i| chars[i]) {
        None => true,
        Some(c) => !is_han(c) || STOPS.contains(c) || LEVELS.contains(c),
    }
}

fn is_generic_township(name: &str) -> bool {
    GENERIC_TOWNSHIPS.contains(&name)
        || GENERIC_TOWNSHIPS
            .iter()
            .any(|g| g.chars().count() >= 3 && name.ends_with(g))
        || GENERIC_ENDINGS.iter().any(|g| name.ends_with(g))
}

/// The name with the most votes; a tie gives no answer rather than a guess.
fn winner(votes: &HashMap<String, usize>) -> Option<String> {
    let best = votes.values().copied().max()?;
    let mut leaders = votes.iter().filter(|(_, v)| **v == best);
    let (name, _) = leaders.next()?;
    leaders.next().is_none().then(|| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str) -> Places {
        detect(text, &Hints::default())
    }

    #[test]
    fn a_char_set_holds_exactly_the_characters_of_its_list() {
        for (list, set) in [(STOP_CHARS, &*STOPS), (LEVEL_CHARS, &*LEVELS)] {
            assert!(list.chars().all(|c| set.contains(c)), "{list}");
        }
        for c in ['甲', '山', 'a', '，', '\u{0}', char::MAX] {
            assert!(!STOPS.contains(c), "{c:?}");
        }
        assert!(CLAUSE_START_STOPS.contains('我') && !CLAUSE_START_STOPS.contains('和'));
    }

    #[test]
    fn most_frequent_subject_wins_over_a_neighbour() {
        let text =
            "2020年，甲山镇党委坚持依法行政。甲山镇政府……与乙河镇联合开展普法。甲山镇全年……我镇";
        assert_eq!(places(text).township.as_deref(), Some("甲山镇"));
    }

    #[test]
    fn generic_phrases_are_never_names() {
        let text = "在县委、县政府领导下，全镇推进乡镇综合执法，城镇、集镇、村镇建设，乡村振兴。全镇，全镇。推进新型城镇，新型城镇，统筹城乡，统筹城乡。";
        let p = places(text);
        assert_eq!(p, Places::default());
    }

    #[test]
    fn county_and_province_before_the_township() {
        let text = "广东省徐闻县迈陈镇人民政府。迈陈镇坚持……迈陈镇";
        let p = places(text);
        assert_eq!(p.township.as_deref(), Some("迈陈镇"));
        assert_eq!(p.county.as_deref(), Some("徐闻县"));
        assert_eq!(p.province.as_deref(), Some("广东省"));
    }

    #[test]
    fn township_with_a_level_character_inside() {
        let text = "2022年，涂市镇党委……事关涂市镇发展，涂市镇";
        assert_eq!(places(text).township.as_deref(), Some("涂市镇"));
    }

    #[test]
    fn places_from_cited_regulations() {
        let text = "我乡按照《重庆市黔江区法治政府建设实施方案》，杉岭乡……杉岭乡……《重庆法制日报》";
        let p = places(text);
        assert_eq!(p.township.as_deref(), Some("杉岭乡"));
        assert_eq!(p.county.as_deref(), Some("黔江区"));
        assert_eq!(p.province.as_deref(), Some("重庆市"));
        let only_paper = places("东安镇坚持……东安镇。《重庆法制日报》刊登");
        assert_eq!(only_paper.province, None);
    }

    #[test]
    fn ethnic_township_and_subdistrict() {
        let p = places("2021年，三塘盖土家族乡党委……三塘盖土家族乡");
        assert_eq!(p.township.as_deref(), Some("三塘盖土家族乡"));
        let s = places("2021年，城南街道党工委……城南街道办事处，城南街道");
        assert_eq!(s.township.as_deref(), Some("城南街道"));
    }

    #[test]
    fn title_and_file_name_back_a_single_mention() {
        let titled = Hints {
            title: Some("白石乡2021年法治政府建设报告"),
            ..Hints::default()
        };
        let p = detect("我乡坚持依法行政。", &titled);
        assert_eq!(p.township.as_deref(), Some("白石乡"));
        let named = Hints {
            file_stem: "白石乡2021",
            ..Hints::default()
        };
        let f = detect("我乡坚持依法行政。", &named);
        assert_eq!(f.township.as_deref(), Some("白石乡"));
        let once = places("我镇邻近丙山镇。");
        assert_eq!(once.township, None);
    }

    #[test]
    fn a_township_named_after_a_village_is_read_from_the_publisher() {
        let hints = Hints {
            publisher: Some("歙县雄村镇人民政府"),
            ..Hints::default()
        };
        let p = detect("我镇坚持依法行政，推进村镇建设。", &hints);
        assert_eq!(p.township.as_deref(), Some("雄村镇"));
        assert_eq!(p.county.as_deref(), Some("歙县"));
        let titled = Hints {
            title: Some("何村乡2024年法治政府建设情况报告"),
            ..Hints::default()
        };
        let t = detect("我乡坚持依法行政。", &titled);
        assert_eq!(t.township.as_deref(), Some("何村乡"));
        let generic = Hints {
            title: Some("全县新型村镇建设情况报告"),
            ..Hints::default()
        };
        assert_eq!(detect("我镇推进村镇建设。", &generic).township, None);
    }

    #[test]
    fn an_addressee_writing_the_level_twice_names_the_county_once() {
        for (addressee, county) in [
            ("沛县县委：", "沛县"),
            ("中共石门县县委、石门县人民政府：", "石门县"),
            ("黔江区区委、区政府：", "黔江区"),
        ] {
            let text = format!("{addressee}\n大屯镇坚持依法行政。大屯镇开展普法。");
            assert_eq!(places(&text).county.as_deref(), Some(county), "{text}");
        }
    }

    #[test]
    fn districts_whose_names_end_like_generic_words() {
        for (county, township) in [
            ("宝山区", "罗店镇"),
            ("长营区", "柳湖镇"),
            ("青林区", "西口镇"),
        ] {
            let text = format!("{township}坚持依法行政。\n{county}{township}人民政府\n");
            let p = places(&text);
            assert_eq!(p.county.as_deref(), Some(county), "{text}");
        }
        let generic = places("经济开发区白沙镇坚持依法行政。白沙镇。");
        assert_eq!(generic.county, None);
    }
}
