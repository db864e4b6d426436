//! Township, county and province. A township names itself most often (`我镇` aside)
//! as `太公镇` or `东安镇`, usually two or three characters before 镇/乡/街道; the county
//! stands right before it (`徐闻县迈陈镇`), in the signature, or in the local regulations
//! it cites (`《重庆市黔江区法治政府建设实施方案》`); the province shows in cited
//! regulations (`《广东省<行政执法证>管理办法》`) or before the county. Generic phrases
//! (`全镇`, `乡镇`, `县委`, `开发区`) are never names, and a neighbouring township
//! mentioned once loses to the one the report is about.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::counties::{
    CHAIN_REACH, CITATION_REACH_AFTER, CITATION_REACH_BEFORE, addressed_county, chain_before,
    cited_places,
};
use super::is_han;
use super::township::choose_township;
use super::traditional::fold_text;

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
pub(super) struct CharSet(Vec<char>);

impl CharSet {
    fn new(chars: &str) -> CharSet {
        let mut sorted: Vec<char> = chars.chars().collect();
        sorted.sort_unstable();
        CharSet(sorted)
    }

    pub(super) fn contains(&self, c: char) -> bool {
        self.0.binary_search(&c).is_ok()
    }
}

/// [`STOP_CHARS`] as a set.
pub(super) static STOPS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(STOP_CHARS));

/// [`CLAUSE_START_STOP_CHARS`] as a set.
pub(super) static CLAUSE_START_STOPS: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(CLAUSE_START_STOP_CHARS));

/// [`LEVEL_CHARS`] as a set.
pub(super) static LEVELS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(LEVEL_CHARS));

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
    let folded = fold_text(text);
    let strong: Vec<(Cow<'_, str>, &str)> = [hints.title, hints.signed_by, hints.publisher]
        .into_iter()
        .chain([Some(hints.file_stem)])
        .flatten()
        .map(|s| (fold_text(s), s))
        .collect();
    let strong_folded: Vec<&str> = strong.iter().map(|(folded, _)| &**folded).collect();
    let township = choose_township(&folded, &strong_folded);
    let mut county_votes: HashMap<String, usize> = HashMap::new();
    let mut province_votes: HashMap<String, usize> = HashMap::new();
    let mut window = Window::default();
    if let Some(township) = &township {
        for source in std::iter::once(&*folded).chain(strong_folded.iter().copied()) {
            for start in find_all(source, township) {
                let at = window.read(source, start, CHAIN_REACH, 0);
                chain_before(&window.chars, at, &mut county_votes, &mut province_votes);
            }
        }
    }
    if let Some(county) = addressed_county(text) {
        *county_votes.entry(county).or_default() += ADDRESSEE_VOTES;
    }
    for (at, _) in folded.match_indices('《') {
        let at = window.read(&folded, at, CITATION_REACH_BEFORE, CITATION_REACH_AFTER);
        cited_places(&window.chars, at, &mut county_votes, &mut province_votes);
    }
    let sources: Vec<(&str, &str)> = std::iter::once((&*folded, text))
        .chain(strong.iter().map(|(folded, written)| (&**folded, *written)))
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

/// A name found in folded text, as the text spells it where it first stands (folding
/// keeps byte offsets).
fn written_form(name: &str, sources: &[(&str, &str)]) -> String {
    sources
        .iter()
        .find_map(|(folded, written)| {
            let at = folded.find(name)?;
            written.get(at..at + name.len()).map(str::to_string)
        })
        .unwrap_or_else(|| name.to_string())
}

/// Every byte offset where `needle` starts in `haystack`, overlapping ones included.
fn find_all<'h>(haystack: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + haystack.get(from..)?.find(needle)?;
        from = at + step;
        Some(at)
    })
}

/// The characters of a text around one byte offset, as the place rules read them: a
/// rule looks a few characters either side of a mention, so only those are decoded,
/// into a buffer used again for the next mention.
#[derive(Default)]
pub(super) struct Window {
    pub(super) chars: Vec<char>,
}

impl Window {
    /// Reads up to `before` characters before byte offset `at` of `text` and up to
    /// `after` from it; returns the index of the character at `at`. The rules using a
    /// window never look as far as its first character unless the text starts there, so
    /// they read it as they would the whole text.
    pub(super) fn read(&mut self, text: &str, at: usize, before: usize, after: usize) -> usize {
        self.chars.clear();
        self.chars.extend(text[..at].chars().rev().take(before));
        self.chars.reverse();
        let index = self.chars.len();
        self.chars.extend(text[at..].chars().take(after));
        index
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

/// The name with the most votes; a tie gives no answer rather than a guess.
fn winner(votes: &HashMap<String, usize>) -> Option<String> {
    let best = votes.values().copied().max()?;
    let mut leaders = votes.iter().filter(|(_, v)| **v == best);
    let (name, _) = leaders.next()?;
    leaders.next().is_none().then(|| name.clone())
}

/// Made-up texts dense in what the place rules read, for tests that a window reads as
/// the whole text does.
#[cfg(test)]
pub(super) fn place_like_texts(count: usize) -> Vec<String> {
    const PIECES: &[&str] = &[
        "广东省",
        "新疆维吾尔自治区",
        "湛江市",
        "徐闻县",
        "自治",
        "县",
        "区",
        "市",
        "州",
        "旗",
        "《",
        "》",
        "，",
        "的",
        "在",
        "族",
        "土家族",
        "乡",
        "镇",
        "街道",
        "村",
        "甲",
        "乙",
        "丙",
        "山",
        "河",
        "年",
        "沛",
        "全",
        "我",
        "开发区",
        "。",
        "\n",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|_| {
            (0..160)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    PIECES[(state % PIECES.len() as u64) as usize]
                })
                .collect()
        })
        .collect()
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
