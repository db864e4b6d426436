//! `foreign-township`: another township's name used as if it wrote the report
//! (`X镇坚持…`, `X镇党委、政府`, `构建和谐X`) — the classic tell of a report copied from
//! a neighbour. A neighbour merely mentioned (`与X镇交界`) is not flagged.

use std::collections::{HashMap, HashSet};

use super::{Context, Finding, LintKind, LintMessage};
use crate::report::Span;
use crate::report::sections::is_cjk;
use crate::report::segment::jieba;

/// Endings of township-level names.
const SUFFIXES: &[&str] = &["街道", "镇", "乡"];

/// What follows a township's name when the township is the one acting or reporting.
const AUTHOR_NEXT: &[&str] = &[
    "党委",
    "人民政府",
    "政府",
    "党政",
    "党工委",
    "办事处",
    "人大",
    "纪委",
    "坚持",
    "始终",
    "积极",
    "认真",
    "深入",
    "全面",
    "高度重视",
    "扎实",
    "不断",
    "严格",
    "切实",
    "大力",
    "进一步",
    "着力",
    "通过",
    "结合",
    "围绕",
    "按照",
    "紧紧",
    "牢固",
    "主动",
    "依法",
    "持续",
    "全年",
    "今年",
    "成立",
    "制定",
    "建立",
    "开展",
    "组织",
    "实现",
    "完成",
    "在县",
    "在区",
    "在市",
];

/// A character right before a name that makes it the object of a relation with
/// another place (`与X镇交界`, `赴X镇学习`): a neighbour, not the author.
const NEIGHBOUR_LEADS: &str = "与和同及跟到赴往去向至对从比";

/// Single characters that may stand right before a name (`在X镇党委的领导下`).
const LEADS: &str = "在由经据是为年月日与和同及跟到赴往去向至对从比";

/// Characters that end a county-level name written before a township's (`徐闻县迈陈镇`).
const COUNTY_ENDS: &str = "县区市旗";

/// Words put before a place name in local slogans (`构建和谐X`, `法治X`).
const SLOGAN_WORDS: &[&str] = &[
    "和谐", "法治", "平安", "美丽", "幸福", "文明", "魅力", "活力", "宜居", "富裕", "数字", "智慧",
];

/// Names cannot begin with a pronoun or quantifier (`各乡`, `全镇`, `我镇`).
const NOT_FIRST: &str = "我全本该各每这那其此某对以把被将让使给";

/// Names cannot end in a generic place word (`城乡`, `村镇`).
const NOT_LAST: &str = "乡镇城村县区市";

/// Word classes (jieba tags) that a place name never is: verbs, adverbs, pronouns,
/// prepositions, conjunctions, particles, adjectives (`召开镇党委会`, `配合镇政府`).
const NOT_NAME_TAGS: &[&str] = &["v", "d", "r", "p", "c", "u", "a"];

/// A township named in the text.
#[derive(Debug, Clone)]
struct Named {
    /// The name with its suffix (`迈陈镇`).
    name: String,
    /// The name without its suffix (`迈陈`).
    bare: String,
    span: Span,
    /// Written as the body that acts or reports.
    author: bool,
}

/// Other townships written as the author, then slogans built on their names.
pub(super) fn check(cx: &Context) -> Vec<Finding> {
    let named = named_townships(cx);
    let mut authored: HashMap<&str, usize> = HashMap::new();
    for n in named.iter().filter(|n| n.author) {
        *authored.entry(n.bare.as_str()).or_default() += 1;
    }
    let Some(own) = own_township(cx, &named, &authored) else {
        return Vec::new();
    };
    let county_bare = cx.report.meta.county.as_deref().map(bare_county);
    let is_foreign =
        |n: &Named| n.bare != own.bare && county_bare.as_deref() != Some(n.bare.as_str());
    let mut out = Vec::new();
    let mut reported: HashSet<&str> = HashSet::new();
    for n in named.iter().filter(|n| n.author && is_foreign(n)) {
        let count = authored.get(n.bare.as_str()).copied().unwrap_or(0);
        if !own.outranks(count) || !reported.insert(&n.bare) {
            continue;
        }
        let message = LintMessage::ForeignAuthor {
            name: n.name.clone(),
            count,
            own: own.name.clone(),
        };
        out.push(cx.at(LintKind::ForeignTownship, message, n.span));
    }
    let foreign: Vec<&Named> = named.iter().filter(|n| is_foreign(n)).collect();
    out.extend(slogans(cx, &foreign, &own.name));
    out
}

fn bare_county(county: &str) -> String {
    county
        .trim_end_matches(|c| COUNTY_ENDS.contains(c))
        .to_string()
}

/// The report's own township and how sure that is.
struct Own {
    name: String,
    bare: String,
    /// Named by the metadata, the signature or the title; otherwise only by being the
    /// most frequent author.
    sure: bool,
    count: usize,
}

impl Own {
    /// True when a name used `count` times as author can be flagged: always when the own
    /// name is sure; otherwise only a name used less often than the own one.
    fn outranks(&self, count: usize) -> bool {
        self.sure || count < self.count
    }
}

/// The own township: from the metadata, else the signature or the title, else the name
/// that most often stands as the author.
fn own_township(cx: &Context, named: &[Named], authored: &HashMap<&str, usize>) -> Option<Own> {
    if let Some(name) = &cx.report.meta.township {
        return Some(Own {
            bare: bare_name(name),
            name: name.clone(),
            sure: true,
            count: 0,
        });
    }
    let title_end = super::first_line(cx, cx.report.preamble).map_or(0, |l| l.end);
    let in_closing = |n: &&Named| cx.report.closing.is_some_and(|c| c.contains(n.span));
    let in_title = |n: &&Named| n.span.end <= title_end;
    if let Some(n) = named
        .iter()
        .find(in_closing)
        .or_else(|| named.iter().find(in_title))
    {
        return Some(Own {
            name: n.name.clone(),
            bare: n.bare.clone(),
            sure: true,
            count: 0,
        });
    }
    let mut best: Option<(&Named, usize)> = None;
    for n in named.iter().filter(|n| n.author) {
        let count = authored.get(n.bare.as_str()).copied().unwrap_or(0);
        if best.is_none_or(|(_, c)| count > c) {
            best = Some((n, count));
        }
    }
    let (n, count) = best?;
    (count >= 2).then(|| Own {
        name: n.name.clone(),
        bare: n.bare.clone(),
        sure: false,
        count,
    })
}

fn bare_name(name: &str) -> String {
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
        .to_string()
}

/// Every township name in the text whose start can be told: after punctuation or a
/// line break, after a county's name, or after a one-character preposition.
fn named_townships(cx: &Context) -> Vec<Named> {
    let suffixes = as_chars(SUFFIXES);
    let mut out = Vec::new();
    for at in 0..cx.chars.len() {
        let Some(suffix) = SUFFIXES
            .iter()
            .zip(&suffixes)
            .find_map(|(s, chars)| word_at(&cx.chars, at, chars).then_some(s))
        else {
            continue;
        };
        let Some((bare, lead)) = name_before(&cx.chars, at) else {
            continue;
        };
        let suffix_len = suffix.chars().count();
        let end = at + suffix_len;
        let start = at - bare.chars().count();
        let follows_as_author = AUTHOR_NEXT.iter().any(|w| starts_with(&cx.chars, end, w));
        let neighbour = lead.is_some_and(|c| NEIGHBOUR_LEADS.contains(c));
        let author = follows_as_author && !neighbour && !is_common_word(&bare);
        out.push(Named {
            name: format!("{bare}{suffix}"),
            bare,
            span: Span::new(start, end),
            author,
        });
    }
    out
}

/// The words as characters, converted once for loops that try them at every position.
fn as_chars(words: &[&str]) -> Vec<Vec<char>> {
    words.iter().map(|w| w.chars().collect()).collect()
}

/// Whether `word` (as characters) stands at `at`, its first character compared before
/// the rest: almost no position of a text starts one of the words tried at every one.
fn word_at(chars: &[char], at: usize, word: &[char]) -> bool {
    word.first()
        .is_some_and(|first| chars.get(at) == Some(first))
        && chars.get(at..).is_some_and(|rest| rest.starts_with(word))
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, c)| chars.get(at + k) == Some(&c))
}

/// The two or three characters before a suffix at `at` that form a name, with the
/// preposition before them if that is what bounds them. The shorter name wins
/// (`2020年迈陈镇` is `迈陈`, not `年迈陈`).
fn name_before(chars: &[char], at: usize) -> Option<(String, Option<char>)> {
    for len in 2..=3 {
        let start = at.checked_sub(len)?;
        if !chars[start..at].iter().all(|&c| is_cjk(c)) {
            return None;
        }
        let before = start.checked_sub(1).map(|p| chars[p]);
        let clean = before.is_none_or(|c| !is_cjk(c) || COUNTY_ENDS.contains(c));
        let lead = before.filter(|&c| LEADS.contains(c));
        if clean || lead.is_some() {
            let name: String = chars[start..at].iter().collect();
            return plausible_name(&name).then_some((name, lead));
        }
    }
    None
}

fn plausible_name(name: &str) -> bool {
    let first_ok = name.chars().next().is_some_and(|c| !NOT_FIRST.contains(c));
    let last_ok = name.chars().last().is_some_and(|c| !NOT_LAST.contains(c));
    first_ok && last_ok
}

/// True when the segmenter reads the name as words of classes no place name belongs to
/// (`召开`, `配合`, `对以`).
fn is_common_word(name: &str) -> bool {
    let tags = jieba().tag(name, false);
    !tags.is_empty()
        && tags
            .iter()
            .all(|t| NOT_NAME_TAGS.iter().any(|n| t.tag.starts_with(n)))
}

/// `构建和谐X`, `法治X`: a slogan built on the bare name of a township the text names
/// elsewhere, not the report's own. One finding per slogan.
fn slogans(cx: &Context, foreign: &[&Named], own: &str) -> Vec<Finding> {
    let names: HashMap<&str, &Named> = foreign.iter().map(|n| (n.bare.as_str(), *n)).collect();
    let mut out = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let slogan_words = as_chars(SLOGAN_WORDS);
    for at in 0..cx.chars.len() {
        let Some(word) = SLOGAN_WORDS
            .iter()
            .zip(&slogan_words)
            .find_map(|(w, chars)| word_at(&cx.chars, at, chars).then_some(w))
        else {
            continue;
        };
        let from = at + word.chars().count();
        for len in 2..=3 {
            let end = from + len;
            let Some(piece) = cx.chars.get(from..end) else {
                break;
            };
            let bare: String = piece.iter().collect();
            let Some(named) = names.get(bare.as_str()) else {
                continue;
            };
            let names_the_township = SUFFIXES.iter().any(|s| starts_with(&cx.chars, end, s));
            let slogan = format!("{word}{bare}");
            if names_the_township || !seen.insert(slogan.clone()) {
                continue;
            }
            let message = LintMessage::ForeignSlogan {
                slogan,
                name: named.name.clone(),
                own: own.to_string(),
            };
            out.push(cx.at(LintKind::ForeignTownship, message, Span::new(at, end)));
        }
    }
    out
}
