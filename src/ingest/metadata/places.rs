//! Township, county and province. A township names itself most often (`我镇` aside)
//! as `太公镇` or `东安镇`, usually two or three characters before 镇/乡/街道; the county
//! stands right before it (`徐闻县迈陈镇`), in the signature, or in the local regulations
//! it cites (`《重庆市黔江区法治政府建设实施方案》`); the province shows in cited
//! regulations (`《广东省<行政执法证>管理办法》`) or before the county. Generic phrases
//! (`全镇`, `乡镇`, `县委`, `开发区`) are never names, and a neighbouring township
//! mentioned once loses to the one the report is about.

use std::collections::HashMap;

use super::is_han;

/// Township, county and province found in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub township: Option<String>,
    pub county: Option<String>,
    pub province: Option<String>,
}

/// Province-level divisions by full name.
const PROVINCES: &[&str] = &[
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
];

/// Characters that never belong to a place name and so end one when reading backwards:
/// function words, pronouns, and the names of administrative levels.
const STOP_CHARS: &str = "的地得在和与及或并而且也都就才又再还已即以于对把将向从由为是了到等经被让使给我你他她它们全本该各每某其此这那省县区州盟旗年月日号乡镇村组街委府办所站党政";

/// The stop characters that still end a name at the start of a clause: pronouns and
/// determiners (`我镇`, `全镇`, `该镇`), never part of a place name there.
const CLAUSE_START_STOP_CHARS: &str =
    "的我你他她它们全本该各每某其此这那在是了乡镇村组街委府办所站";

/// Administrative suffixes that may stand right before a name (`徐闻县迈陈镇`).
const LEVEL_CHARS: &str = "省市县区州盟旗";

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

/// County-level phrases that look like names but are not.
const GENERIC_COUNTY_ENDINGS: &[&str] = &[
    "开发区",
    "高新区",
    "新区",
    "示范区",
    "景区",
    "社区",
    "园区",
    "辖区",
    "城区",
    "片区",
    "山区",
    "矿区",
    "林区",
    "灾区",
    "老区",
    "保护区",
    "试验区",
    "实验区",
    "自贸区",
    "经济区",
    "小区",
    "街区",
    "管理区",
    "风景区",
    "库区",
    "牧区",
    "边区",
    "特区",
    "地区",
    "市区",
    "郊区",
    "校区",
    "营区",
    "港区",
    "功能区",
    "县区",
    "湾区",
    "禁区",
    "盲区",
    "误区",
    "专区",
    "选区",
    "商区",
    "厂区",
    "院区",
    "县市",
    "城市",
    "都市",
    "超市",
    "集市",
    "门市",
    "股市",
    "夜市",
    "早市",
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

/// Extra weight for a township named in the title, the signature or the file name.
const STRONG_BONUS: usize = 3;

/// Detects the places of a report.
pub fn detect(text: &str, title: Option<&str>, signed_by: Option<&str>, file_stem: &str) -> Places {
    let chars: Vec<char> = text.chars().collect();
    let township = choose_township(&chars, title, signed_by, file_stem);
    let mut county_votes: HashMap<String, usize> = HashMap::new();
    let mut province_votes: HashMap<String, usize> = HashMap::new();
    if let Some(township) = &township {
        let name: Vec<char> = township.chars().collect();
        for start in find_all(&chars, &name) {
            chain_before(&chars, start, &mut county_votes, &mut province_votes);
        }
        if let Some(body) = signed_by {
            let body: Vec<char> = body.chars().collect();
            for start in find_all(&body, &name) {
                chain_before(&body, start, &mut county_votes, &mut province_votes);
            }
        }
    }
    cited_places(&chars, &mut county_votes, &mut province_votes);
    Places {
        county: township.as_ref().and_then(|_| winner(&county_votes)),
        province: winner(&province_votes),
        township,
    }
}

/// Every start index of `needle` in `haystack`.
fn find_all(haystack: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return Vec::new();
    }
    (0..=haystack.len() - needle.len())
        .filter(|&i| haystack[i..i + needle.len()] == *needle)
        .collect()
}

/// The township with the most support: mentions bounded on the left (after
/// punctuation, a year, a county), counted over the whole text, with bonuses for the
/// title, signature and file name. A name seen once only counts when nothing else is
/// found or it is backed by strong evidence.
fn choose_township(
    chars: &[char],
    title: Option<&str>,
    signed_by: Option<&str>,
    file_stem: &str,
) -> Option<String> {
    let mut names = township_mentions(chars);
    let strong: Vec<Vec<String>> = [title, signed_by, Some(file_stem)]
        .iter()
        .map(|source| {
            source
                .map(|s| township_mentions(&s.chars().collect::<Vec<_>>()))
                .unwrap_or_default()
        })
        .collect();
    for found in &strong {
        names.extend(found.iter().cloned());
    }
    names.sort();
    names.dedup();
    let own_suffix = own_suffix(chars);
    let mut best: Option<(usize, String)> = None;
    for name in names {
        let name_chars: Vec<char> = name.chars().collect();
        let mentions = find_all(chars, &name_chars).len();
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

/// `镇` when the report says `我镇`/`本镇`/`全镇` more than `我乡`, and so on.
fn own_suffix(chars: &[char]) -> Option<&'static str> {
    let count = |suffix: char| {
        chars
            .windows(2)
            .filter(|w| matches!(w[0], '我' | '本' | '全') && w[1] == suffix)
            .count()
    };
    let (zhen, xiang) = (count('镇'), count('乡'));
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
fn bounded_name_before(
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
            CLAUSE_START_STOP_CHARS
        } else {
            STOP_CHARS
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

fn is_left_boundary(chars: &[char], start: usize) -> bool {
    match start.checked_sub(1).map(|i| chars[i]) {
        None => true,
        Some(c) => !is_han(c) || STOP_CHARS.contains(c) || LEVEL_CHARS.contains(c),
    }
}

fn is_generic_township(name: &str) -> bool {
    GENERIC_TOWNSHIPS.contains(&name)
        || GENERIC_TOWNSHIPS
            .iter()
            .any(|g| g.chars().count() >= 3 && name.ends_with(g))
        || GENERIC_ENDINGS.iter().any(|g| name.ends_with(g))
}

/// Reads the county (and the province before it) standing right before a township
/// mention: `广东省徐闻县迈陈镇`, `重庆市黔江区杉岭乡`.
fn chain_before(
    chars: &[char],
    township_start: usize,
    counties: &mut HashMap<String, usize>,
    provinces: &mut HashMap<String, usize>,
) {
    let Some((county, county_start)) = county_ending_at(chars, township_start) else {
        if let Some(province) = province_ending_at(chars, township_start) {
            *provinces.entry(province).or_default() += 1;
        }
        return;
    };
    *counties.entry(county).or_default() += 1;
    let province = province_ending_at(chars, county_start).or_else(|| {
        // A prefecture-level city may stand between (`广东省湛江市徐闻县`).
        let (_, city_start) = level_name_ending_at(chars, county_start, &['市', '州', '盟'])?;
        province_ending_at(chars, city_start)
    });
    if let Some(province) = province {
        *provinces.entry(province).or_default() += 1;
    }
}

/// A county-level name (`徐闻县`, `黔江区`, `普宁市`, `…自治县`, `…旗`) ending at `end`,
/// with its start.
fn county_ending_at(chars: &[char], end: usize) -> Option<(String, usize)> {
    if province_ending_at(chars, end).is_some() {
        return None;
    }
    let (name, start) = level_name_ending_at(chars, end, &['县', '区', '市', '旗'])?;
    (!is_generic_before_township(&name)).then_some((name, start))
}

/// Right before a township name (`宝山区罗店镇`) a two-character ending such as `山区` or
/// `城区` is part of a real district's name; only the whole generic word, or a longer
/// generic ending (`开发区`, `示范区`), is still not a county there.
fn is_generic_before_township(name: &str) -> bool {
    GENERIC_COUNTY_ENDINGS
        .iter()
        .any(|g| name == *g || (g.chars().count() >= 3 && name.ends_with(g)))
}

/// A name of two or three characters (longer before 自治县/自治旗) followed by one of
/// `levels`, ending at `end`.
fn level_name_ending_at(chars: &[char], end: usize, levels: &[char]) -> Option<(String, usize)> {
    let level_at = end.checked_sub(1)?;
    if !levels.contains(&chars[level_at]) {
        return None;
    }
    let autonomous = level_at >= 2 && chars[level_at - 2..level_at] == ['自', '治'];
    let (name_end, lengths) = if autonomous {
        (level_at - 2, 2..=10)
    } else {
        (level_at, 2..=3)
    };
    let len = bounded_name_before(chars, name_end, lengths)?;
    let start = name_end - len;
    Some((chars[start..end].iter().collect(), start))
}

/// A province's full name ending at `end`.
fn province_ending_at(chars: &[char], end: usize) -> Option<String> {
    PROVINCES.iter().find_map(|p| {
        let len = p.chars().count();
        (end >= len && chars[end - len..end].iter().copied().eq(p.chars())).then(|| p.to_string())
    })
}

fn is_generic_county(name: &str) -> bool {
    GENERIC_COUNTY_ENDINGS.iter().any(|g| name.ends_with(g))
}

/// Places named at the start of cited documents: `《重庆市黔江区…》`, `《广东省…》`,
/// `《徐闻县…》`. Local regulations are the township's own province and county.
fn cited_places(
    chars: &[char],
    counties: &mut HashMap<String, usize>,
    provinces: &mut HashMap<String, usize>,
) {
    for (i, _) in chars.iter().enumerate().filter(|(_, c)| **c == '《') {
        let start = i + 1;
        let province = PROVINCES.iter().find(|p| {
            chars.len() >= start + p.chars().count()
                && chars[start..start + p.chars().count()]
                    .iter()
                    .copied()
                    .eq(p.chars())
        });
        let after_province = province.map_or(start, |p| start + p.chars().count());
        if let Some(p) = province {
            *provinces.entry(p.to_string()).or_default() += 1;
        }
        if let Some(county) = county_starting_at(chars, after_province) {
            *counties.entry(county).or_default() += 1;
        }
    }
}

/// A county or district name (`黔江区`, `徐闻县`, `…自治县`) starting at `start`.
/// County-level cities are not read here: in a citation `某某市` is as often a
/// prefecture.
fn county_starting_at(chars: &[char], start: usize) -> Option<String> {
    let window_end = (start + 13).min(chars.len());
    (start + 3..=window_end).find_map(|end| {
        let (name, name_start) = level_name_ending_at(chars, end, &['县', '区', '旗'])?;
        (name_start == start && !is_generic_county(&name)).then_some(name)
    })
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
        detect(text, None, None, "")
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
        let p = detect(
            "我乡坚持依法行政。",
            Some("白石乡2021年法治政府建设报告"),
            None,
            "",
        );
        assert_eq!(p.township.as_deref(), Some("白石乡"));
        let f = detect("我乡坚持依法行政。", None, None, "白石乡2021");
        assert_eq!(f.township.as_deref(), Some("白石乡"));
        let once = places("我镇邻近丙山镇。");
        assert_eq!(once.township, None);
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
