//! Figures: every reported quantity with its value, unit, qualifier and label.
//!
//! Extraction reads the clean text, not jieba tokens (jieba splits `12次` and
//! `两万余人次`): a scanner finds numbers followed by a measure word and rules out dates,
//! ordinals, ranges, document numbers, titles and slogans; Chinese numerals must then
//! also stand as words of their own in jieba's segmentation (`统一`, `一次性` and `四处`
//! hold numerals too); finally the words around each number give its label.

mod decimal;
mod label;
mod lexicon;
mod numeral;
mod respectively;
mod scan;
mod segment;
mod sums;

use serde::{Serialize, Serializer};

use super::{Report, Span};
use label::Word;
use scan::{Candidate, Script};

pub use decimal::Decimal;
pub(crate) use numeral::{
    chinese_digit, is_arabic_digit, is_chinese_numeral, parse_arabic, parse_tail,
};

/// A clause ends at these marks; labels and sums never reach across them.
const CLAUSE_BREAKS: &[char] = &[
    '，', ',', '。', '；', ';', '：', ':', '！', '!', '？', '?', '、', '\n',
];
/// Sentences end at these marks.
const SENTENCE_BREAKS: &[char] = &['。', '；', ';', '！', '!', '？', '?', '\n'];
/// Labels are looked for at most this many characters away from the number.
const MAX_CLAUSE_CHARS: usize = 40;
/// A neighbouring clause may name a figure that has no label of its own
/// (`并对应岗位到人，共58人次`) when it is at most this long.
const MAX_NEIGHBOUR_LABEL_CHARS: usize = 10;
/// What follows the number of a date (`2022年`, `3月`, `12日`).
const DATE_UNITS: &[char] = &['年', '月', '日', '号'];
/// What may follow a date's unit as part of it (`年度`, `年底`, `月份`).
const DATE_TAILS: &[char] = &['度', '底', '末', '初', '份'];
/// Words that open a clause without belonging to a label drawn from it.
const CLAUSE_OPENERS: &[&str] = &["并且", "同时", "并", "且", "和", "及", "还", "又"];

/// Values above this are more than any count in a report can be (a mistyped or
/// merged number), though still read and kept exactly.
pub const MAX_PLAUSIBLE: f64 = 1e15;

/// Why a value is more than a count can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Implausible {
    /// Written with a minus sign (`-5件`).
    Negative,
    /// Above [`MAX_PLAUSIBLE`].
    TooLarge,
}

/// One reported quantity (`专题学习12次`, `两万余人次`, `100%`).
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The quantity with `万`/`亿` multipliers applied; serialized as an integer when whole.
    /// Approximate beyond 2^53; `exact` has every digit.
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// The exact value as a decimal string (`134900000000000`, `-5`, `5.1`).
    pub exact: Decimal,
    /// Set when the value is more than a count can be, so it is shown, not trusted.
    pub implausible: Option<Implausible>,
    pub unit: String,
    /// The qualifier as written (`余`, `多`, `以上`, `近`, `至少`, …).
    pub approx: Option<String>,
    /// The figure as written (`3000余份`).
    pub surface: String,
    /// The thing counted, a short noun phrase (`宣传资料`).
    pub label: String,
    /// The sentence the figure sits in.
    pub sentence: String,
    /// The section path, `None` in the preamble.
    pub section: Option<String>,
    pub span: Span,
}

/// Writes whole numbers as JSON integers (`12`, not `12.0`), others as floats.
pub fn serialize_number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// Writes a value as reports do: `12`, `5.5`, `121000000000000`, never `12.0`.
pub fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Extracts every figure from the report's text, in text order.
pub fn extract(report: &Report) -> Vec<Figure> {
    let chars: Vec<char> = report.text.chars().collect();
    locate(&chars)
        .into_iter()
        .map(|found| {
            let span = Span::new(found.candidate.start, found.candidate.end);
            Figure {
                value: found.candidate.value.to_f64(),
                exact: found.candidate.value,
                implausible: implausible(found.candidate.value),
                unit: found.candidate.unit.to_string(),
                approx: found.candidate.approx.map(str::to_string),
                surface: chars[span.start..span.end].iter().collect(),
                label: found.label,
                sentence: sentence_text(report, &chars, span.start),
                section: section_path(report, span.start),
                span,
            }
        })
        .collect()
}

/// True when a label names no thing, only an action or a generic word (`活动`, `完成`,
/// `组织学习`): such labels say little about whether two figures count the same thing.
pub fn is_generic_label(label: &str) -> bool {
    label::is_generic(label)
}

/// Why a value cannot be a count, if it cannot.
pub fn implausible(value: Decimal) -> Option<Implausible> {
    if value.is_negative() {
        Some(Implausible::Negative)
    } else if value.to_f64() > MAX_PLAUSIBLE {
        Some(Implausible::TooLarge)
    } else {
        None
    }
}

/// Lint findings for parts that do not add up to their stated total.
pub fn sum_mismatches(report: &Report) -> Vec<super::Finding> {
    sums::check(report)
}

/// A candidate confirmed as a figure, with its label.
struct Found {
    candidate: Candidate,
    label: String,
}

/// Confirms candidates and labels them.
fn locate(chars: &[char]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut previous_end = 0;
    for candidate in scan::candidates(chars) {
        let (clause_start, clause_end) = clause_around(chars, candidate.lead, candidate.end);
        if candidate.script == Script::Chinese
            && !stands_as_a_word(chars, &candidate, clause_start, clause_end)
        {
            continue;
        }
        let from = clause_start.max(previous_end).min(candidate.lead);
        let prefix = without_dates(chars, from, candidate.lead);
        let suffix: String = chars[candidate.end..clause_end].iter().collect();
        let after = label::tag(&suffix);
        if candidate.script == Script::Chinese
            && candidate.unit == "个"
            && label::starts_with_predicate(&after)
        {
            continue;
        }
        let inherited = out
            .last()
            .filter(|prev| prev.candidate.unit == candidate.unit)
            .filter(|prev| {
                !chars[prev.candidate.end..candidate.start]
                    .iter()
                    .any(|c| SENTENCE_BREAKS.contains(c))
            })
            .map(|prev| prev.label.as_str());
        let around = Around {
            clause_start,
            earliest: previous_end,
            inherited,
        };
        let label = choose_label(chars, &label::tag(&prefix), &after, &around);
        previous_end = candidate.end;
        out.push(Found { candidate, label });
    }
    let spans: Vec<(usize, usize)> = out
        .iter()
        .map(|f| (f.candidate.lead, f.candidate.end))
        .collect();
    for (found, listed) in out.iter_mut().zip(respectively::labels(chars, &spans)) {
        if let Some(label) = listed {
            found.label = label;
        }
    }
    out
}

/// Where a number stands, beyond its own clause's words.
struct Around<'a> {
    /// Where its clause begins.
    clause_start: usize,
    /// Text before this belongs to the figure before it.
    earliest: usize,
    /// The label of the figure before it in a list of the same unit.
    inherited: Option<&'a str>,
}

/// The label from the words around the number: a noun right after it names what was
/// counted (`45场法治宣传讲座`); otherwise the words before it do (`宣传资料3000余份`);
/// otherwise an action after it (`一天参与接访`) or a short neighbouring clause. A
/// generic word or a bare action (`活动`, `完成`) gives way to any of these that names
/// the thing, else to the nearest noun phrase before it in its sentence (`法律顾问团队
/// 今年完成31件`, `开展法治讲座，全年开展6场`); failing all, the total marker (`总共19人`),
/// or the label of the figure before it in a list of the same unit (`增长9.4%、9.1%`).
fn choose_label(
    chars: &[char],
    before_words: &[Word<'_>],
    after: &[Word<'_>],
    around: &Around<'_>,
) -> String {
    let before = label::before(before_words);
    let mut named = vec![
        label::noun_after(after),
        before.label.clone(),
        label::verb_after(after),
    ];
    if before.bare || label::is_generic(&before.label) {
        named.extend(neighbour_label(chars, around.clause_start));
    }
    named.retain(|l| !l.is_empty());
    if let Some(specific) = named.iter().find(|l| !label::is_generic(l)) {
        return specific.clone();
    }
    if let Some(nearest) = label::nearest_named(before_words)
        .or_else(|| named_earlier_in_sentence(chars, around.clause_start, around.earliest))
    {
        return nearest;
    }
    if let Some(first) = named.into_iter().next() {
        return first;
    }
    match (before.marker, around.inherited) {
        (Some(marker), _) => marker.to_string(),
        (None, Some(label)) => label.to_string(),
        (None, None) => String::new(),
    }
}

/// The text between `from` and `to` with its dates taken out (`国内生产总值2000年达` is
/// read as `国内生产总值达`, `2022年涂市镇调委会调解` as `涂市镇调委会调解`): a date never
/// names what a number counts, and jieba glues a date's `年` to the word after it.
fn without_dates(chars: &[char], from: usize, to: usize) -> String {
    let numeral = |c: char| is_arabic_digit(c) || is_chinese_numeral(c);
    let mut out = String::new();
    let mut i = from;
    while i < to {
        let run = chars[i..to].iter().take_while(|c| numeral(**c)).count();
        let dated = run > 0 && chars.get(i + run).is_some_and(|c| DATE_UNITS.contains(c));
        if !dated {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += run + 1;
        if i < to && DATE_TAILS.contains(&chars[i]) {
            i += 1;
        }
    }
    out
}

/// The clause before `clause_start` in the same sentence, when it is short and holds no
/// number of its own: it then names what the following bare number counts.
fn neighbour_label(chars: &[char], clause_start: usize) -> Option<String> {
    let mark = clause_start.checked_sub(1)?;
    if SENTENCE_BREAKS.contains(&chars[mark]) || !CLAUSE_BREAKS.contains(&chars[mark]) {
        return None;
    }
    let (start, _) = clause_around(chars, mark, mark);
    let text: String = chars[start..mark].iter().collect();
    let mut text = text.trim();
    if let Some(opener) = CLAUSE_OPENERS.iter().find(|o| text.starts_with(*o)) {
        text = &text[opener.len()..];
    }
    let len = text.chars().count();
    let plain = !text
        .chars()
        .any(|c| is_arabic_digit(c) || is_chinese_numeral(c));
    (plain && (2..=MAX_NEIGHBOUR_LABEL_CHARS).contains(&len)).then(|| label::without_lead_in(text))
}

/// The nearest noun phrase naming a thing in the clauses of the sentence before
/// `clause_start`, after `earliest` and at most [`MAX_CLAUSE_CHARS`] back.
fn named_earlier_in_sentence(
    chars: &[char],
    clause_start: usize,
    earliest: usize,
) -> Option<String> {
    let mark = clause_start.checked_sub(1)?;
    if SENTENCE_BREAKS.contains(chars.get(mark)?) {
        return None;
    }
    let floor = mark.saturating_sub(MAX_CLAUSE_CHARS).max(earliest);
    let start = (floor..mark)
        .rev()
        .find(|&i| SENTENCE_BREAKS.contains(&chars[i]))
        .map_or(floor, |i| i + 1);
    label::nearest_named(&label::tag(&without_dates(chars, start, mark)))
}

/// The clause holding `[start, end)`: from the previous clause break to the next, at
/// most [`MAX_CLAUSE_CHARS`] either side.
fn clause_around(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let floor = start.saturating_sub(MAX_CLAUSE_CHARS);
    let left = (floor..start)
        .rev()
        .find(|&i| CLAUSE_BREAKS.contains(&chars[i]))
        .map_or(floor, |i| i + 1);
    let ceiling = (end + MAX_CLAUSE_CHARS).min(chars.len());
    let right = (end..ceiling)
        .find(|&i| CLAUSE_BREAKS.contains(&chars[i]))
        .unwrap_or(ceiling);
    (left, right)
}

/// A Chinese numeral counts only when jieba reads it as the start of a word of its own
/// and that word is a numeral (`两名`, `十余次`), not part of a longer word (`统一`,
/// `进一步`) or an idiom that begins with it (`一次性`, `四处`, `三个代表`).
fn stands_as_a_word(chars: &[char], candidate: &Candidate, start: usize, end: usize) -> bool {
    let clause: String = chars[start..end].iter().collect();
    let at = candidate.start - start;
    let unit_end = candidate.end - start;
    jieba_words(&clause)
        .into_iter()
        .find(|w| w.start <= at && at < w.end)
        .is_some_and(|w| w.start == at && (w.end <= unit_end || w.tag == "m"))
}

/// A segmented word with its character offsets inside the segmented text.
struct Positioned<'a> {
    start: usize,
    end: usize,
    tag: &'a str,
}

fn jieba_words(text: &str) -> Vec<Positioned<'_>> {
    crate::report::segment::jieba()
        .tag(text, true)
        .into_iter()
        .map(|t| Positioned {
            start: t.start,
            end: t.end,
            tag: t.tag,
        })
        .collect()
}

/// Index of the sentence holding character `at` (sentences are in text order), found
/// without reading them all; `None` in a heading.
fn sentence_index_at(report: &Report, at: usize) -> Option<usize> {
    let i = report.sentences.partition_point(|s| s.span.end <= at);
    report
        .sentences
        .get(i)
        .filter(|s| s.span.start <= at)
        .map(|_| i)
}

/// The text of the sentence holding character `at`, or of its line when it stands in a
/// heading.
fn sentence_text(report: &Report, chars: &[char], at: usize) -> String {
    if let Some(i) = sentence_index_at(report, at) {
        return report.sentences[i].text.clone();
    }
    let start = (0..at)
        .rev()
        .find(|&i| chars[i] == '\n')
        .map_or(0, |i| i + 1);
    let end = (at..chars.len())
        .find(|&i| chars[i] == '\n')
        .unwrap_or(chars.len());
    chars[start..end]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

/// The path of the innermost section holding character `at`, found without reading
/// every section (a long text has tens of thousands).
fn section_path(report: &Report, at: usize) -> Option<String> {
    super::sections::deepest_at(&report.sections, at).map(|i| report.sections[i].path.clone())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::Metadata;

    /// Characters that exercise every rule: digits of both widths, Chinese numerals,
    /// separators, units, qualifiers, quotes, brackets and clause marks.
    const ALPHABET: &[char] = &[
        '0', '1', '5', '9', '０', '７', '.', ',', ' ', '一', '两', '十', '百', '千', '万', '亿',
        '点', '零', '余', '多', '以', '上', '左', '右', '近', '约', '至', '少', '人', '次', '名',
        '个', '份', '%', '元', '年', '月', '第', '届', '“', '”', '《', '》', '（', '）', '(', ')',
        '，', '。', '、', '：', '\n', '其', '中', '共', '宣', '传', '资', '料', '分', '之', '-',
        '—', '这', '每', '性', '庭', '家',
    ];

    fn analyze(text: &str) -> Report {
        Report::analyze(text, Metadata::default(), Vec::new())
    }

    proptest! {
        #[test]
        fn extraction_never_panics_and_spans_hold(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..120)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            let report = analyze(&text);
            let chars: Vec<char> = text.chars().collect();
            for f in &report.figures {
                prop_assert!(f.span.start < f.span.end && f.span.end <= chars.len());
                let surface: String = chars[f.span.start..f.span.end].iter().collect();
                prop_assert_eq!(&surface, &f.surface);
                prop_assert!(f.value.is_finite());
                let negative = f.surface.starts_with(['-', '－', '−']);
                prop_assert_eq!(f.value < 0.0, negative);
                prop_assert_eq!(f.implausible == Some(Implausible::Negative), negative);
            }
            let _ = sum_mismatches(&report);
        }
    }

    #[test]
    fn values_are_written_as_reports_do() {
        assert_eq!(format_value(12.0), "12");
        assert_eq!(format_value(5.5), "5.5");
        assert_eq!(format_value(121e12), "121000000000000");
    }

    #[test]
    fn headings_and_preamble_figures_keep_their_line() {
        let report = analyze("开展宣传10次\n一、主要举措\n（一）培训3场\n内容。");
        let lines: Vec<(&str, Option<&str>)> = report
            .figures
            .iter()
            .map(|f| (f.sentence.as_str(), f.section.as_deref()))
            .collect();
        assert_eq!(lines[0], ("开展宣传10次", None));
        assert_eq!(lines.len(), 2);
        assert!(lines[1].0.contains("培训3场"));
    }
}
