//! Text that is a template by its shape, whatever the store holds: report titles and the
//! standard political formulas every township writes. A store of a few townships of
//! one county cannot show by counting that `高举习近平新时代中国特色社会主义思想伟大旗帜`
//! is in every report of the country, so a passage made of such phrases is a template
//! however few townships share it; a passage with a copied sentence of its own beside
//! the formula keeps the kind its holders give it.

use super::fingerprint::KGRAM;
use crate::report::normalize::norm;
use crate::report::parts::Part;

/// Names and phrases that occur only inside standard formulas.
const FORMULA_STEMS: &[&str] = &[
    "习近平新时代中国特色社会主义思想",
    "习近平法治思想",
    "习近平总书记",
    "党的二十大",
    "党的十九大",
    "全会精神",
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "以人民为中心",
    "履行推进法治建设第一责任人职责",
    "中国特色社会主义法治道路",
    "党中央决策部署",
];

/// Formula shapes: a phrase opening with one of the first words and closing with one of
/// the second (`高举…旗帜`, `以…为指导`, `深入学习贯彻…精神`, `增强…意识`).
const FORMULA_SHAPES: &[(&[&str], &[&str])] = &[
    (&["高举"], &["旗帜"]),
    (&["以"], &["为指导", "为统领", "为根本遵循"]),
    (&["在"], &["领导下"]),
    (
        &[
            "深入学习贯彻",
            "认真学习贯彻",
            "学习贯彻",
            "深入贯彻",
            "全面贯彻",
            "认真贯彻",
            "坚决贯彻",
            "贯彻落实",
            "全面落实",
            "认真落实",
        ],
        &["精神", "思想", "部署", "要求", "方针"],
    ),
    (
        &[
            "增强",
            "坚定",
            "做到",
            "深刻领悟",
            "坚决做到",
            "坚决维护",
            "捍卫",
        ],
        &["意识", "自信", "维护", "确立", "意义", "权威"],
    ),
    (&["坚持"], &["领导", "思想", "为中心"]),
];

/// Longest phrase, in normalized characters, a formula shape may span: a longer one says
/// something of its own between the opening and the closing words.
const FORMULA_MAX_CHARS: usize = 24;

/// Longest phrase a formula shape may span when it names a formula stem too
/// (`以习近平新时代中国特色社会主义思想为指导`).
const FORMULA_WITH_STEM_MAX_CHARS: usize = 40;

/// Longest subject a formula may follow in its phrase (`2024年，枫林镇高举…`: `枫林镇`).
const SUBJECT_MAX_CHARS: usize = 8;

/// Longest phrase read as a report title.
const TITLE_MAX_CHARS: usize = 60;

/// Marks between phrases: a formula or a title is one phrase (`、` does not part one).
const PHRASE_MARKS: &[char] = &[
    '，', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?', '\n',
];

/// True when `text` (a passage's clean text) is made of report titles and standard
/// formulas, all but fewer normalized characters than a fingerprint.
pub fn is_formula(text: &str) -> bool {
    let mut total = 0;
    let mut covered = 0;
    for phrase in text.split(PHRASE_MARKS) {
        let phrase = norm(phrase);
        let length = phrase.chars().count();
        total += length;
        let stems = stem_chars(&phrase);
        covered += if is_title(&phrase, length) || is_formula_shape(&phrase, length, stems) {
            length
        } else {
            stems
        };
        // What is left uncovered never shrinks: a passage with a sentence of its own
        // is known not to be a formula without reading the rest.
        if total - covered >= KGRAM {
            return false;
        }
    }
    covered > 0
}

/// A report's title: `…2025年法治政府建设情况报告`, `关于…的报告`, `…年度工作总结`.
fn is_title(phrase: &str, length: usize) -> bool {
    length <= TITLE_MAX_CHARS
        && (phrase.ends_with("报告") || phrase.ends_with("总结"))
        && (phrase.contains('年') || phrase.starts_with("关于"))
}

fn is_formula_shape(phrase: &str, length: usize, stems: usize) -> bool {
    let limit = if stems > 0 {
        FORMULA_WITH_STEM_MAX_CHARS
    } else {
        FORMULA_MAX_CHARS
    };
    length <= limit
        && FORMULA_SHAPES.iter().any(|(openings, closings)| {
            openings.iter().any(|o| opens_within_subject(phrase, o))
                && closings.iter().any(|c| phrase.ends_with(c))
        })
}

/// True when `opening` begins `phrase` or follows a short subject (`枫林镇高举…`).
fn opens_within_subject(phrase: &str, opening: &str) -> bool {
    phrase
        .find(opening)
        .is_some_and(|at| phrase[..at].chars().count() <= SUBJECT_MAX_CHARS)
}

/// Characters of `phrase` inside formula stems or the names of the statutory parts
/// (`存在的不足和原因`), each character counted once.
fn stem_chars(phrase: &str) -> usize {
    let chars: Vec<char> = phrase.chars().collect();
    let mut inside = vec![false; chars.len()];
    let parts = Part::ALL.iter().map(|p| p.name_zh());
    for stem in FORMULA_STEMS.iter().copied().chain(parts) {
        let stem: Vec<char> = stem.chars().collect();
        for start in 0..chars.len().saturating_sub(stem.len() - 1) {
            if chars[start..].starts_with(&stem) {
                inside[start..start + stem.len()].fill(true);
            }
        }
    }
    inside.iter().filter(|&&i| i).count()
}

#[cfg(test)]
mod tests {
    use super::is_formula;

    #[test]
    fn standard_formulas_and_titles_are_formulas() {
        for text in [
            "高举习近平新时代中国特色社会主义思想伟大旗帜",
            "2024年，东坪街道党工委高举习近平新时代中国特色社会主义思想伟大旗帜",
            "以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届三中全会精神",
            "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
            "在镇党委的坚强领导下",
            "坚持党的全面领导，坚持以人民为中心的发展思想",
            "人民政府关于2024年度法治政府建设工作情况的报告",
            "2023年法治政府建设年度报告",
            "党政主要负责人履行推进法治建设第一责任人职责",
            "三、推进法治政府建设存在的不足和原因",
        ] {
            assert!(is_formula(text), "{text}");
        }
    }

    #[test]
    fn a_copied_sentence_beside_a_formula_is_not_a_formula() {
        for text in [
            "以习近平法治思想为指导，村级法律顾问每月到村开展法律咨询服务四次以上并建立工作台账",
            "坚持以人民为中心的发展思想全面推进依法行政工作取得新成效",
            "全年排查调处矛盾纠纷48件，调解成功率达98%",
            "坚持每月组织班子成员集中学习法律法规并撰写心得体会不少于两篇的思想",
            "向县委报告",
            "",
        ] {
            assert!(!is_formula(text), "{text}");
        }
    }
}
