//! The figures ledger: last year's figures beside this year's, matched by label and
//! unit, with the flags a reviewer checks first.
//!
//! Matching is one-to-one, best pair first. Two figures can pair only when their units
//! agree and their labels are alike (character-bigram Dice, or one label containing the
//! other); among such pairs the score also weighs how alike their sentences read with
//! the numbers taken out, and how near they stand in their reports, so that a result
//! pairs with last year's result and a target with last year's target.

mod change;

use std::cmp::Ordering;

use serde::Serialize;

pub use change::{exact_change, format_change};

use crate::report::figures::{Decimal, is_generic_label, serialize_number};
use crate::report::normalize::{is_numeral, norm};
use crate::report::{Figure, Report, Span};

/// Labels less alike than this never pair.
const MIN_LABEL_SIMILARITY: f64 = 0.5;
/// Figures without labels pair only when their sentences are at least this alike.
const MIN_SENTENCE_SIMILARITY: f64 = 0.6;
/// A label inside another (`城镇调查失业率` in `年末城镇调查失业率`) names the same thing
/// only when it is at least this share of it: `活动` inside `集中宣传活动` is a head
/// noun, not the same activity.
const MIN_CONTAINED_SHARE: f64 = 0.5;
/// Labels this short (`增长`, `增加`) say little on their own: their sentences must be
/// at least [`MIN_SENTENCE_FOR_SHORT_LABELS`] alike too.
const SHORT_LABEL_CHARS: usize = 2;
const MIN_SENTENCE_FOR_SHORT_LABELS: f64 = 0.3;
/// A change by this factor or more, either way, is a jump; so is a change from zero to
/// at least this much, or back.
const JUMP_FACTOR: f64 = 5.0;
/// Differences are rounded to this many significant digits …
const SIGNIFICANT_DIGITS: i32 = 12;
/// … and at most this many decimals.
const MAX_DECIMALS: i32 = 9;
/// Weights of the pairing score.
const LABEL_WEIGHT: f64 = 0.6;
const SENTENCE_WEIGHT: f64 = 0.25;
const POSITION_WEIGHT: f64 = 0.1;
const QUALIFIER_WEIGHT: f64 = 0.05;

/// Most figure pairs scored. Real reports have a few hundred figures each, so every
/// pair is scored; in a pair of huge texts only figures near the same relative
/// position are, so the work and the candidates kept grow linearly with the text.
const MAX_SCORED_PAIRS: usize = 500_000;

/// Why a ledger row deserves a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LedgerFlag {
    /// The sentence with its number is unchanged: likely a stale copy.
    SameSentence,
    /// Same label, same number, reworded sentence.
    SameValue,
    /// Reported last year, gone this year.
    Vanished,
    /// New this year.
    New,
    /// Changed by a factor of five or more.
    Jump,
    /// A percentage above 100.
    #[serde(rename = "over-100-percent")]
    Over100Percent,
    /// A value no count can have (negative, or above 10^15): shown exactly, not trusted.
    Implausible,
}

/// One side (year) of a ledger row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerSide {
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// The exact value as a decimal string, every digit and the sign kept.
    pub exact: Decimal,
    pub approx: Option<String>,
    pub surface: String,
    pub sentence: String,
    pub section: Option<String>,
    /// Where the figure stands in that year's clean text.
    pub span: Span,
}

impl LedgerSide {
    /// The side showing `figure`.
    pub fn of(figure: &Figure) -> LedgerSide {
        LedgerSide {
            value: figure.value,
            exact: figure.exact,
            approx: figure.approx.clone(),
            surface: figure.surface.clone(),
            sentence: figure.sentence.clone(),
            section: figure.section.clone(),
            span: figure.span,
        }
    }
}

/// One figure compared across two years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerRow {
    pub label: String,
    pub unit: String,
    pub old: Option<LedgerSide>,
    pub new: Option<LedgerSide>,
    /// `new - old` when both sides exist.
    pub change: Option<f64>,
    /// `new - old` exactly, as a decimal string.
    pub change_exact: Option<Decimal>,
    /// The change as shown, in the figures' own scale and unit (`-63万人`,
    /// `+0.4个百分点`): see [`format_change`].
    pub change_text: Option<String>,
    pub flags: Vec<LedgerFlag>,
}

/// One figure followed across every year of a township, for trend lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureSeries {
    pub label: String,
    pub unit: String,
    /// `(year, value)` for each year that reports the figure, ascending by year.
    pub points: Vec<(i32, f64)>,
    /// `(year, span)`: where the figure stands in each year's report, so a ledger row
    /// finds its own series and no other (see [`series_for`]).
    pub at: Vec<(i32, Span)>,
}

/// Matches the figures of two reports of one township. Rows follow this year's report;
/// a vanished figure stands after the row of the figure it followed last year.
pub fn ledger(old: &Report, new: &Report) -> Vec<LedgerRow> {
    let pairs = match_figures(old, new);
    let mut partner_of_old: Vec<Option<usize>> = vec![None; old.figures.len()];
    let mut partner_of_new: Vec<Option<usize>> = vec![None; new.figures.len()];
    for &(o, n) in &pairs {
        partner_of_old[o] = Some(n);
        partner_of_new[n] = Some(o);
    }
    // Where each row goes, as (key, new figure) or (key, old figure left alone); the
    // rows are made in that order, so a huge ledger is never held twice.
    let mut keyed: Vec<((i64, usize), Result<usize, usize>)> = Vec::new();
    for n in 0..new.figures.len() {
        keyed.push(((n as i64, 0), Ok(n)));
    }
    let mut anchor: i64 = -1;
    for (o, partner) in partner_of_old.iter().enumerate() {
        match partner {
            Some(n) => anchor = *n as i64,
            None => keyed.push(((anchor, o + 1), Err(o))),
        }
    }
    keyed.sort_by_key(|(key, _)| *key);
    keyed
        .into_iter()
        .map(|(_, figure)| match figure {
            Ok(n) => match partner_of_new[n] {
                Some(o) => matched_row(&old.figures[o], &new.figures[n]),
                None => lone_row(&new.figures[n], false),
            },
            Err(o) => lone_row(&old.figures[o], true),
        })
        .collect()
}

/// The figures of a report read alone (its township's first year), as ledger rows with
/// only this year's side, so the figures pane reads one year as it reads two.
pub fn single(report: &Report) -> Vec<LedgerRow> {
    report
        .figures
        .iter()
        .map(|f| LedgerRow {
            label: f.label.clone(),
            unit: f.unit.clone(),
            old: None,
            new: Some(LedgerSide::of(f)),
            change: None,
            change_exact: None,
            change_text: None,
            flags: Vec::new(),
        })
        .collect()
}

/// Follows figures across several years of one township (reports in any order; each
/// report's `meta.year` gives its year; reports without a year are left out). Each
/// year's figures are matched with the year before, as in [`ledger`], and the matches
/// chain into series. Series come in the order their first figure appears.
pub fn series(reports: &[&Report]) -> Vec<FigureSeries> {
    let mut dated: Vec<(i32, &Report)> = reports
        .iter()
        .filter_map(|r| r.meta.year.map(|y| (y, *r)))
        .collect();
    dated.sort_by_key(|(year, _)| *year);
    let mut out: Vec<FigureSeries> = Vec::new();
    let mut chain_of_previous: Vec<usize> = Vec::new();
    let mut previous: Option<&Report> = None;
    for &(year, report) in &dated {
        let mut chain_of_current: Vec<Option<usize>> = vec![None; report.figures.len()];
        if let Some(prev) = previous {
            for (o, n) in match_figures(prev, report) {
                chain_of_current[n] = chain_of_previous.get(o).copied();
            }
        }
        let mut chains = Vec::with_capacity(report.figures.len());
        for (n, figure) in report.figures.iter().enumerate() {
            let chain = match chain_of_current[n] {
                Some(chain) => {
                    out[chain].label = figure.label.clone();
                    out[chain].points.push((year, figure.value));
                    out[chain].at.push((year, figure.span));
                    chain
                }
                None => {
                    out.push(FigureSeries {
                        label: figure.label.clone(),
                        unit: figure.unit.clone(),
                        points: vec![(year, figure.value)],
                        at: vec![(year, figure.span)],
                    });
                    out.len() - 1
                }
            };
            chains.push(chain);
        }
        chain_of_previous = chains;
        previous = Some(report);
    }
    out
}

/// The trend of a ledger row's figure among `series` (built by [`series`] from every
/// year's report), for a row of the comparison `old_year → new_year`. A series agrees
/// with its row: it holds the row's figures in those years, has nothing before this
/// year for a new figure and nothing after last year for a vanished one. Series built
/// without positions are matched by label and unit, under the same agreement.
pub fn series_for<'a>(
    series: &'a [FigureSeries],
    row: &LedgerRow,
    old_year: Option<i32>,
    new_year: Option<i32>,
) -> Option<&'a FigureSeries> {
    let sides = [(old_year, row.old.as_ref()), (new_year, row.new.as_ref())];
    let holds = |s: &FigureSeries| {
        sides.iter().any(|(year, side)| match (year, side) {
            (Some(year), Some(side)) => s.at.contains(&(*year, side.span)),
            _ => false,
        })
    };
    let named = |s: &FigureSeries| s.at.is_empty() && s.label == row.label && s.unit == row.unit;
    series
        .iter()
        .find(|s| holds(s) && agrees(s, &sides))
        .or_else(|| series.iter().find(|s| named(s) && agrees(s, &sides)))
}

/// True when the series shows the row's figures in the row's years, and no year on the
/// side the row has no figure: nothing before this year for a new figure, nothing after
/// last year for a vanished one.
fn agrees(series: &FigureSeries, sides: &[(Option<i32>, Option<&LedgerSide>); 2]) -> bool {
    let [(old_year, old), (new_year, new)] = *sides;
    let fits = sides.iter().all(|(year, side)| match (year, side) {
        (Some(year), Some(side)) => series.points.contains(&(*year, side.value)),
        _ => true,
    });
    let years = || series.points.iter().map(|(y, _)| *y);
    let starts_new = old.is_some() || new_year.is_some_and(|y| years().all(|p| p >= y));
    let ends_old = new.is_some() || old_year.is_some_and(|y| years().all(|p| p <= y));
    fits && starts_new && ends_old
}

/// A row for a figure found in both years.
fn matched_row(old: &Figure, new: &Figure) -> LedgerRow {
    let mut flags = Vec::new();
    if norm(&old.sentence) == norm(&new.sentence) {
        flags.push(LedgerFlag::SameSentence);
    } else if old.exact == new.exact {
        flags.push(LedgerFlag::SameValue);
    }
    if is_jump(old.value, new.value) {
        flags.push(LedgerFlag::Jump);
    }
    if over_100_percent(old) || over_100_percent(new) {
        flags.push(LedgerFlag::Over100Percent);
    }
    if old.implausible.is_some() || new.implausible.is_some() {
        flags.push(LedgerFlag::Implausible);
    }
    let label = if new.label.is_empty() {
        old.label.clone()
    } else {
        new.label.clone()
    };
    let (old, new, unit) = (LedgerSide::of(old), LedgerSide::of(new), new.unit.clone());
    LedgerRow {
        label,
        change: Some(tidy(new.value - old.value)),
        change_exact: exact_change(&old, &new),
        change_text: format_change(&old, &new, &unit),
        unit,
        old: Some(old),
        new: Some(new),
        flags,
    }
}

/// A row for a figure found in one year only.
fn lone_row(figure: &Figure, vanished: bool) -> LedgerRow {
    let mut flags = vec![if vanished {
        LedgerFlag::Vanished
    } else {
        LedgerFlag::New
    }];
    if over_100_percent(figure) {
        flags.push(LedgerFlag::Over100Percent);
    }
    if figure.implausible.is_some() {
        flags.push(LedgerFlag::Implausible);
    }
    let side = Some(LedgerSide::of(figure));
    LedgerRow {
        label: figure.label.clone(),
        unit: figure.unit.clone(),
        old: if vanished { side.clone() } else { None },
        new: if vanished { None } else { side },
        change: None,
        change_exact: None,
        change_text: None,
        flags,
    }
}

/// Rounds away the binary noise of a difference (`5.1 - 5.2` is `-0.1`, not
/// `-0.10000000000000053`), keeping twelve significant digits.
fn tidy(difference: f64) -> f64 {
    if difference == 0.0 || !difference.is_finite() {
        return difference;
    }
    let magnitude = difference.abs().log10().floor() as i32;
    let decimals = (SIGNIFICANT_DIGITS - 1 - magnitude).clamp(0, MAX_DECIMALS);
    let scale = 10f64.powi(decimals);
    (difference * scale).round() / scale
}

/// A change by a factor of [`JUMP_FACTOR`] either way, or between zero and at least
/// that much (`0起 → 4000000起`). Negative values are flagged as implausible instead.
fn is_jump(old: f64, new: f64) -> bool {
    if old < 0.0 || new < 0.0 {
        return false;
    }
    if old == 0.0 || new == 0.0 {
        return old.max(new) >= JUMP_FACTOR;
    }
    let ratio = new / old;
    ratio >= JUMP_FACTOR || ratio <= 1.0 / JUMP_FACTOR
}

fn over_100_percent(figure: &Figure) -> bool {
    figure.unit == "%" && figure.value > 100.0
}

/// What the matcher compares, computed once per figure.
struct Profile {
    label: Vec<(char, char)>,
    label_norm: String,
    sentence: Vec<(char, char)>,
    /// Position in the report, 0 at the start and 1 at the end.
    position: f64,
    /// The label names nothing (`活动`, `完成`).
    generic: bool,
}

impl Profile {
    fn of(figure: &Figure, text_len: usize) -> Profile {
        let label_norm = norm(&figure.label);
        let sentence: String = norm(&figure.sentence)
            .chars()
            .filter(|c| !is_numeral(*c))
            .collect();
        Profile {
            label: bigrams(&label_norm),
            label_norm,
            sentence: bigrams(&sentence),
            position: figure.span.start as f64 / text_len.max(1) as f64,
            generic: is_generic_label(&figure.label),
        }
    }
}

/// Pairs old figures with new ones, one-to-one, best first: `(old index, new index)`.
fn match_figures(old: &Report, new: &Report) -> Vec<(usize, usize)> {
    let old_len = old.text.chars().count();
    let new_len = new.text.chars().count();
    let old_profiles: Vec<Profile> = old
        .figures
        .iter()
        .map(|f| Profile::of(f, old_len))
        .collect();
    let new_profiles: Vec<Profile> = new
        .figures
        .iter()
        .map(|f| Profile::of(f, new_len))
        .collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let (olds, news) = (old.figures.len(), new.figures.len());
    let window = super::window(olds, news, MAX_SCORED_PAIRS);
    for (o, old_figure) in old.figures.iter().enumerate() {
        let centre = o * news / olds.max(1);
        let range = centre.saturating_sub(window)..(centre + window + 1).min(news);
        for (n, new_figure) in new
            .figures
            .iter()
            .enumerate()
            .take(range.end)
            .skip(range.start)
        {
            if old_figure.unit != new_figure.unit {
                continue;
            }
            let score = pair_score(old_figure, new_figure, &old_profiles[o], &new_profiles[n]);
            if let Some(score) = score {
                candidates.push((score, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let mut old_taken = vec![false; old.figures.len()];
    let mut new_taken = vec![false; new.figures.len()];
    let mut pairs = Vec::new();
    for (_, o, n) in candidates {
        if !old_taken[o] && !new_taken[n] {
            old_taken[o] = true;
            new_taken[n] = true;
            pairs.push((o, n));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// How well two figures of one unit pair, or `None` when they must not.
fn pair_score(old: &Figure, new: &Figure, a: &Profile, b: &Profile) -> Option<f64> {
    let sentence = dice(&a.sentence, &b.sentence);
    let label = if a.label_norm.is_empty() && b.label_norm.is_empty() {
        if sentence < MIN_SENTENCE_SIMILARITY {
            return None;
        }
        sentence
    } else {
        label_similarity(a, b)
    };
    if label < MIN_LABEL_SIMILARITY {
        return None;
    }
    // A generic label (`活动`, `完成`) names nothing: it pairs with another label only
    // when the sentences say the same.
    let generic = a.generic || b.generic;
    if generic && old.label != new.label && sentence < MIN_SENTENCE_SIMILARITY {
        return None;
    }
    let short = a
        .label_norm
        .chars()
        .count()
        .min(b.label_norm.chars().count())
        <= SHORT_LABEL_CHARS;
    if short && sentence < MIN_SENTENCE_FOR_SHORT_LABELS {
        return None;
    }
    let position = 1.0 - (a.position - b.position).abs();
    let qualifier = if old.approx == new.approx { 1.0 } else { 0.0 };
    Some(
        LABEL_WEIGHT * label
            + SENTENCE_WEIGHT * sentence
            + POSITION_WEIGHT * position
            + QUALIFIER_WEIGHT * qualifier,
    )
}

/// Bigram Dice of two labels, raised when one label holds the other
/// (`城镇调查失业率` in `年末城镇调查失业率`).
fn label_similarity(a: &Profile, b: &Profile) -> f64 {
    if a.label_norm.is_empty() || b.label_norm.is_empty() {
        return 0.0;
    }
    if a.label_norm == b.label_norm {
        return 1.0;
    }
    let dice = dice(&a.label, &b.label);
    let (short, long) = if a.label_norm.len() <= b.label_norm.len() {
        (&a.label_norm, &b.label_norm)
    } else {
        (&b.label_norm, &a.label_norm)
    };
    let ratio = short.chars().count() as f64 / long.chars().count() as f64;
    if long.contains(short.as_str()) && ratio >= MIN_CONTAINED_SHARE {
        dice.max(0.6 + 0.4 * ratio)
    } else {
        dice
    }
}

/// The set of adjacent character pairs, sorted; a one-character text is its own pair.
fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text.chars().collect();
    let mut pairs: Vec<(char, char)> = match chars.len() {
        0 => Vec::new(),
        1 => vec![(chars[0], chars[0])],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Dice coefficient of two sorted sets.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests;
