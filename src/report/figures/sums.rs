//! Parts that do not add up to their total, within one report.
//!
//! Three shapes are checked, all inside one sentence (a `其中` may open the next one):
//! - a total, then `其中` and its parts (`主动公开23条，其中…15条、…32条`): flagged
//!   when a part or the parts together exceed the total (a `其中` list may be partial);
//! - a total with a verb, then at least two clauses that are only a noun and a figure
//!   (`下达行政处罚决定书74份，交通领域67份，应急管理领域7份`): a full breakdown, flagged
//!   when it does not add up;
//! - at least two parts, then a clause that is only a total marker and a figure
//!   (`专职人员15人，兼职4人，总共19人`): flagged when it does not add up.
//!
//! Approximate figures (`余`, `约`), percentages and multiples are never summed, and
//! every figure involved must share one unit: a rate after a count is not a part. Nor
//! are changes and comparisons (`比去年增加4000亿元`, `由40元提高到80元`), averages
//! (`年均`), or figures given "each" or "respectively" (`各300万吨`, `分别达到…`). A
//! breakdown without `其中` must come within half of its total either way; further off,
//! it is a list of parallel items (`新线5944公里，复线4603公里`), not parts.

use super::label;
use super::lexicon::TOTAL_MARKERS;
use super::{Figure, clause_around, format_value, sentence_index_at};
use crate::report::lint::LintMessage;
use crate::report::{Finding, LintKind, Report, Span};

/// Units whose values are never parts of a sum.
const UNSUMMABLE_UNITS: &[&str] = &["%", "‰", "倍", "个百分点"];
/// Words that open a list of parts.
const PARTS_OPENER: &str = "其中";
/// Words in a figure's clause, before it, that make it a change, a comparison, an
/// average or a per-item figure rather than an amount that parts add up to.
const NOT_AN_AMOUNT: &[&str] = &[
    "比", "增加", "减少", "增长", "下降", "提高", "降低", "上升", "提升", "扩大", "缩小", "超收",
    "由", "从", "年均", "平均", "人均", "每", "各", "分别",
];
/// Without `其中`, parts that add up to less than half or more than one and a half times
/// the total are a parallel list, not a breakdown.
const BREAKDOWN_BAND: (f64, f64) = (0.5, 1.5);

/// Runs the sum check over an analysed report.
pub(crate) fn check(report: &Report) -> Vec<Finding> {
    let chars: Vec<char> = report.text.chars().collect();
    let mut by_start: Vec<&Figure> = report.figures.iter().collect();
    by_start.sort_by_key(|f| f.span.start);
    let facts: Vec<Facts> = report
        .figures
        .iter()
        .map(|f| Facts::of(report, &chars, &by_start, f))
        .collect();
    let mut findings = Vec::new();
    let mut claimed = vec![false; facts.len()];
    for i in 0..facts.len() {
        let group = parts_after_opener(&facts, i)
            .or_else(|| breakdown_after(&facts, i))
            .or_else(|| parts_before_total(&facts, i));
        let Some(group) = group else {
            continue;
        };
        if group.members().any(|m| claimed[m]) {
            continue;
        }
        group.members().for_each(|m| claimed[m] = true);
        if let Some(finding) = group.finding(report, &facts) {
            findings.push(finding);
        }
    }
    findings
}

/// What the sum check needs to know about one figure.
struct Facts<'a> {
    figure: &'a Figure,
    /// Index of the sentence in the report, or `None` in a heading.
    sentence: Option<usize>,
    /// Start of the figure's clause.
    clause_start: usize,
    /// The clause break ending the figure's clause (or the end of the text).
    clause_end: usize,
    /// Words of the clause before the figure.
    lead: String,
    /// True when nothing but spaces follows the figure in its clause.
    ends_clause: bool,
    /// True when the clause before the figure's clause is just `其中`, or the figure's
    /// clause begins with it.
    after_opener: bool,
    /// True when the figure stands inside brackets (a nested breakdown or an aside).
    bracketed: bool,
    /// True when the clause makes the figure a change, comparison, average or per-item
    /// figure, or holds another figure of the same unit (`由40元提高到80元`).
    not_an_amount: bool,
}

impl<'a> Facts<'a> {
    /// `by_start` is the report's figures in the order they start.
    fn of(report: &Report, chars: &[char], by_start: &[&Figure], figure: &'a Figure) -> Facts<'a> {
        let start = figure.span.start;
        let (clause_start, clause_end) = clause_around(chars, start, figure.span.end);
        let lead: String = chars[clause_start..start].iter().collect();
        let lead = lead.trim().to_string();
        let not_an_amount = NOT_AN_AMOUNT.iter().any(|w| lead.contains(w))
            || shares_clause(by_start, figure, clause_start, clause_end);
        let rest: String = chars[figure.span.end..clause_end].iter().collect();
        let after_opener =
            lead.starts_with(PARTS_OPENER) || previous_clause_is_opener(chars, clause_start);
        let sentence = sentence_index_at(report, start);
        Facts {
            figure,
            sentence,
            clause_start,
            clause_end,
            lead,
            ends_clause: rest.trim().is_empty(),
            after_opener,
            bracketed: inside_brackets(chars, clause_start.saturating_sub(60), start),
            not_an_amount,
        }
    }

    /// True when the figure can be a total or a part at all.
    fn summable(&self) -> bool {
        self.figure.approx.is_none()
            && !UNSUMMABLE_UNITS.contains(&self.figure.unit.as_str())
            && !self.bracketed
            && !self.not_an_amount
            && self.sentence.is_some()
    }

    fn same_unit(&self, other: &Facts<'_>) -> bool {
        self.figure.unit == other.figure.unit
    }

    /// The lead is a noun phrase and nothing else (`交通领域`), as in a breakdown.
    fn lead_is_noun_only(&self) -> bool {
        !self.lead.is_empty()
            && !self.after_opener
            && label::is_noun_phrase(&label::tag(&self.lead))
    }

    /// The lead is exactly a total marker (`总共`, `合计`).
    fn lead_is_total_marker(&self) -> bool {
        TOTAL_MARKERS.contains(&self.lead.as_str())
    }
}

/// True when another figure of the same unit stands in the same clause.
fn shares_clause(
    by_start: &[&Figure],
    figure: &Figure,
    clause_start: usize,
    clause_end: usize,
) -> bool {
    let first = by_start.partition_point(|f| f.span.start < clause_start);
    by_start[first..]
        .iter()
        .take_while(|other| other.span.start <= clause_end)
        .any(|other| {
            other.span != figure.span && other.unit == figure.unit && other.span.end <= clause_end
        })
}

/// True when the clause before the one starting at `clause_start` is `其中`.
fn previous_clause_is_opener(chars: &[char], clause_start: usize) -> bool {
    let Some(mark) = clause_start.checked_sub(1) else {
        return false;
    };
    let (start, _) = clause_around(chars, mark, mark);
    let text: String = chars[start..mark].iter().collect();
    text.trim() == PARTS_OPENER
}

/// True when an opening bracket before `at` (from `from`) is still open.
fn inside_brackets(chars: &[char], from: usize, at: usize) -> bool {
    let mut depth: i32 = 0;
    for &c in &chars[from..at] {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// A total and its parts, by index into the report's figures.
struct Group {
    total: usize,
    parts: Vec<usize>,
    /// A `其中` list may leave parts out: only an excess is an error.
    partial: bool,
}

impl Group {
    fn members(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.parts.iter().copied())
    }

    /// The finding, when the parts do not add up.
    fn finding(&self, report: &Report, facts: &[Facts<'_>]) -> Option<Finding> {
        let total = facts[self.total].figure;
        let values: Vec<f64> = self.parts.iter().map(|&p| facts[p].figure.value).collect();
        let sum: f64 = values.iter().sum();
        let exceeds = sum > total.value + 1e-9 || values.iter().any(|&v| v > total.value + 1e-9);
        let differs = (sum - total.value).abs() > 1e-9;
        if !(exceeds || (!self.partial && differs)) {
            return None;
        }
        let message = LintMessage::SumMismatch {
            terms: values.iter().map(|&v| format_value(v)).collect(),
            sum: format_value(sum),
            total: format_value(total.value),
            unit: total.unit.clone(),
        };
        let start = self.members().map(|m| facts[m].figure.span.start).min()?;
        let end = self.members().map(|m| facts[m].figure.span.end).max()?;
        let span = Span::new(start, end);
        let excerpt_start = self.members().map(|m| facts[m].clause_start).min()?;
        Some(Finding {
            kind: LintKind::SumMismatch,
            message,
            section: total.section.clone(),
            excerpt: report.slice(Span::new(excerpt_start, end)),
            span: Some(span),
            evidence: None,
            source: None,
        })
    }
}

/// `主动公开23条，其中…15条、…32条`: the figure at `i` opens a `其中` list.
fn parts_after_opener(facts: &[Facts<'_>], i: usize) -> Option<Group> {
    let first = &facts[i];
    if !first.after_opener || !first.summable() {
        return None;
    }
    let opener_sentence = first.sentence?;
    // The nearest amount of the same unit before `其中`, passing over changes and
    // comparisons; an approximate one (`六千多个`) ends the search with no check.
    let total = (0..i).rev().find(|&t| {
        let f = &facts[t];
        f.same_unit(first)
            && !f.not_an_amount
            && f.sentence
                .is_some_and(|s| s == opener_sentence || s + 1 == opener_sentence)
    })?;
    if !facts[total].summable() {
        return None;
    }
    let parts: Vec<usize> = (i..facts.len())
        .take_while(|&p| facts[p].sentence == Some(opener_sentence))
        .filter(|&p| facts[p].same_unit(first) && !facts[p].bracketed)
        .collect();
    if parts.iter().any(|&p| !facts[p].summable()) {
        return None;
    }
    Some(Group {
        total,
        parts,
        partial: true,
    })
}

/// `下达行政处罚决定书74份，交通领域67份，应急管理领域7份`: a total whose clause has a
/// verb, then two or more clauses that are only a noun and a figure of the same unit.
fn breakdown_after(facts: &[Facts<'_>], i: usize) -> Option<Group> {
    let total = &facts[i];
    if !total.summable() || !total.ends_clause || total.lead.is_empty() || total.lead_is_noun_only()
    {
        return None;
    }
    let parts: Vec<usize> = (i + 1..facts.len())
        .take_while(|&p| {
            let f = &facts[p];
            f.sentence == total.sentence
                && f.same_unit(total)
                && f.summable()
                && f.ends_clause
                && f.lead_is_noun_only()
        })
        .collect();
    let consecutive = parts
        .first()
        .is_some_and(|&p| next_clause(facts, i) == Some(facts[p].clause_start));
    let sum: f64 = parts.iter().map(|&p| facts[p].figure.value).sum();
    let ratio = sum / total.figure.value;
    let in_band = (BREAKDOWN_BAND.0..=BREAKDOWN_BAND.1).contains(&ratio);
    (parts.len() >= 2 && consecutive && in_band).then_some(Group {
        total: i,
        parts,
        partial: false,
    })
}

/// `专职人员15人，兼职4人，总共19人`: two or more parts, then a clause that is only a
/// total marker and a figure.
fn parts_before_total(facts: &[Facts<'_>], i: usize) -> Option<Group> {
    let total = &facts[i];
    if !total.summable() || !total.lead_is_total_marker() {
        return None;
    }
    let mut parts = Vec::new();
    let mut expected_end = total.clause_start;
    for p in (0..i).rev() {
        let f = &facts[p];
        let adjacent = next_clause(facts, p) == Some(expected_end);
        if f.sentence != total.sentence || !f.same_unit(total) || !f.summable() || !adjacent {
            break;
        }
        parts.push(p);
        expected_end = f.clause_start;
    }
    parts.reverse();
    (parts.len() >= 2).then_some(Group {
        total: i,
        parts,
        partial: false,
    })
}

/// Where the clause after figure `i`'s clause starts, when the figure ends its clause.
fn next_clause(facts: &[Facts<'_>], i: usize) -> Option<usize> {
    let f = &facts[i];
    f.ends_clause.then_some(f.clause_end + 1)
}
