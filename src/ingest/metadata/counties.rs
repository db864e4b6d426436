//! Counties and provinces: the county (`徐闻县`, `黔江区`, `沛县`) stands right before the
//! township's name (`广东省徐闻县迈陈镇`), in the addressee (`云岭县委：`), or at the
//! start of a local regulation the report cites (`《重庆市黔江区法治政府建设实施方案》`);
//! the province before the county or in a cited regulation.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::places::{bounded_name_before, is_left_boundary};
use super::traditional::fold;

/// Counties whose name is one character (`沛县`, `歙县`): the general rule wants two.
const ONE_CHARACTER_COUNTIES: &str = "沛丰歙黟泾萧泗和蠡雄易献景涉磁魏赵青蔚唐威邱滑浚淇温息叶郏范杞睢单曹莘冠费澧攸道凤眉陇佳勉洋乾礼岷徽漳成康文宁环渠茂理泸珙高忠容藤宾蒲吉隰岚兴代祁盂夏绛沁沙梅";

/// What follows a county's name in an addressee: its Party committee, government or
/// their offices (`云岭县委`, `云岭县人民政府`, `云岭县委依法治县办`).
const ADDRESSEE_BODIES: &[&str] = &[
    "委",
    "人民政府",
    "政府",
    "依法治",
    "全面依法治",
    "司法局",
    "法治",
];

/// An addressee is this short at most.
const MAX_ADDRESSEE_CHARS: usize = 40;

/// How many lines at the top may hold the addressee.
const ADDRESSEE_LINES: usize = 6;

/// Province-level divisions by full name.
pub(super) const PROVINCES: &[&str] = &[
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

/// Reads the county (and the province before it) standing right before a township
/// mention: `广东省徐闻县迈陈镇`, `重庆市黔江区杉岭乡`.
pub(super) fn chain_before(
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
    if let Some(found) = one_character_county_ending_at(chars, end) {
        return Some(found);
    }
    let (name, start) = level_name_ending_at(chars, end, &['县', '区', '市', '旗'])?;
    (!is_generic_before_township(&name)).then_some((name, start))
}

/// `沛县`, `歙县`: a county whose name is one character, bounded on the left.
fn one_character_county_ending_at(chars: &[char], end: usize) -> Option<(String, usize)> {
    let start = end.checked_sub(2)?;
    let known = chars[end - 1] == '县' && ONE_CHARACTER_COUNTIES.contains(chars[start]);
    (known && is_left_boundary(chars, start)).then(|| (chars[start..end].iter().collect(), start))
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

/// [`PROVINCES`] as characters, each with its name.
static PROVINCE_CHARS: LazyLock<Vec<(Vec<char>, &'static str)>> = LazyLock::new(|| {
    PROVINCES
        .iter()
        .map(|p| (p.chars().collect(), *p))
        .collect()
});

/// A province's full name ending at `end`.
pub(super) fn province_ending_at(chars: &[char], end: usize) -> Option<String> {
    let before = chars.get(..end)?;
    PROVINCE_CHARS
        .iter()
        .find(|(name, _)| before.ends_with(name))
        .map(|(_, p)| p.to_string())
}

/// A province's full name starting at `start`.
fn province_starting_at(chars: &[char], start: usize) -> Option<&'static [char]> {
    let after = chars.get(start..)?;
    PROVINCE_CHARS
        .iter()
        .find(|(name, _)| after.starts_with(name))
        .map(|(name, _)| name.as_slice())
}

fn is_generic_county(name: &str) -> bool {
    GENERIC_COUNTY_ENDINGS.iter().any(|g| name.ends_with(g))
}

/// Places named at the start of a cited document, `《` standing at `at`: `《重庆市黔江区…》`,
/// `《广东省…》`, `《徐闻县…》`. Local regulations are the township's own province and
/// county.
pub(super) fn cited_places(
    chars: &[char],
    at: usize,
    counties: &mut HashMap<String, usize>,
    provinces: &mut HashMap<String, usize>,
) {
    let start = at + 1;
    let province = province_starting_at(chars, start);
    let after_province = province.map_or(start, |p| start + p.len());
    if let Some(p) = province {
        *provinces.entry(p.iter().collect()).or_default() += 1;
    }
    if let Some(county) = county_starting_at(chars, after_province) {
        *counties.entry(county).or_default() += 1;
    }
}

/// How many characters before a township [`chain_before`] reads, at most: a province
/// (8), a city or prefecture (up to 10 characters, `自治州` and the character bounding
/// it: 14) and a county (as long again: 13), with room to spare.
pub(super) const CHAIN_REACH: usize = 40;

/// How many characters before a citation's `《` [`cited_places`] reads, at most: a
/// county's name of up to 10 characters, `自治县` and the character bounding it may
/// start 10 characters before the `《` when read from the end, with room to spare.
pub(super) const CITATION_REACH_BEFORE: usize = 16;

/// How many characters from a citation's `《` [`cited_places`] reads, at most: the
/// `《`, a province (8) and a county (13), with room to spare.
pub(super) const CITATION_REACH_AFTER: usize = 32;

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

/// The county named in the addressee line at the top (`云岭县委：`, `中共云岭县委、云岭县
/// 人民政府：`); `县委、县政府：` names none. Only that line is folded (one character for
/// one, and no character folds into a colon).
pub(super) fn addressed_county(text: &str) -> Option<String> {
    let line: String = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(ADDRESSEE_LINES)
        .find(|l| l.ends_with(['：', ':']) && l.chars().nth(MAX_ADDRESSEE_CHARS).is_none())?
        .chars()
        .map(fold)
        .collect();
    line.trim_end_matches(['：', ':'])
        .split(['、', '，', ','])
        .find_map(|part| {
            let part = part.trim().trim_start_matches("中共");
            let chars: Vec<char> = part.chars().collect();
            (2..=chars.len()).find_map(|end| {
                let body: String = chars[end..].iter().collect();
                // The level may be written again before the body: `沛县县委`, `黔江区区委`.
                let body = body.strip_prefix(chars[end - 1]).unwrap_or(&body);
                if !ADDRESSEE_BODIES.iter().any(|b| body.starts_with(b)) {
                    return None;
                }
                let (name, start) = county_ending_at(&chars, end)?;
                (start == 0).then_some(name)
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::places::{Window, place_like_texts};
    use super::*;

    type Votes = (HashMap<String, usize>, HashMap<String, usize>);

    #[test]
    fn a_window_reads_a_chain_and_a_citation_as_the_whole_text_does() {
        let mut window = Window::default();
        for text in place_like_texts(200) {
            let chars: Vec<char> = text.chars().collect();
            let (mut whole, mut windowed): (Votes, Votes) = Default::default();
            for (i, (at, c)) in text.char_indices().enumerate() {
                chain_before(&chars, i, &mut whole.0, &mut whole.1);
                let index = window.read(&text, at, CHAIN_REACH, 0);
                chain_before(&window.chars, index, &mut windowed.0, &mut windowed.1);
                if c == '《' {
                    cited_places(&chars, i, &mut whole.0, &mut whole.1);
                    let index = window.read(&text, at, CITATION_REACH_BEFORE, CITATION_REACH_AFTER);
                    cited_places(&window.chars, index, &mut windowed.0, &mut windowed.1);
                }
            }
            assert_eq!(windowed, whole, "{text}");
            assert!(!whole.0.is_empty() || !whole.1.is_empty(), "{text}");
        }
    }

    #[test]
    fn a_province_is_read_where_it_ends_and_where_it_starts() {
        let chars: Vec<char> = "《广西壮族自治区南宁市》重庆市".chars().collect();
        assert_eq!(province_ending_at(&chars, 15).as_deref(), Some("重庆市"));
        assert_eq!(
            province_ending_at(&chars, 8).as_deref(),
            Some("广西壮族自治区")
        );
        assert_eq!(province_ending_at(&chars, 7), None);
        assert_eq!(province_ending_at(&chars, 99), None);
        let found: Option<String> = province_starting_at(&chars, 1).map(|p| p.iter().collect());
        assert_eq!(found.as_deref(), Some("广西壮族自治区"));
        assert_eq!(province_starting_at(&chars, 2), None);
        assert_eq!(province_starting_at(&chars, 14), None);
        assert_eq!(province_starting_at(&chars, 99), None);
    }
}
