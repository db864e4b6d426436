//! The figures ledger: last year's figures beside this year's, matched by label and
//! unit, with the flags a reviewer checks first.
//!
//! Matching is one-to-one, best pair first. Two figures can pair only when their units
//! agree and their labels are alike (character-bigram Dice, or one label containing the
//! other); among such pairs the score also weighs how alike their sentences read with
//! the numbers taken out, and how near they stand in their reports, so that a result
//! pairs with last year's result and a target with last year's target.

use std::cmp::Ordering;

use serde::Serialize;

use crate::report::figures::serialize_number;
use crate::report::normalize::{is_numeral, norm};
use crate::report::{Figure, Report, Span};

/// Labels less alike than this never pair.
const MIN_LABEL_SIMILARITY: f64 = 0.5;
/// Figures without labels pair only when their sentences are at least this alike.
const MIN_SENTENCE_SIMILARITY: f64 = 0.6;
/// Labels this short (`增长`, `增加`) say little on their own: their sentences must be
/// at least [`MIN_SENTENCE_FOR_SHORT_LABELS`] alike too.
const SHORT_LABEL_CHARS: usize = 2;
const MIN_SENTENCE_FOR_SHORT_LABELS: f64 = 0.3;
/// A change by this factor or more, either way, is a jump.
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
}

/// One side (year) of a ledger row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerSide {
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    pub approx: Option<String>,
    pub surface: String,
    pub sentence: String,
    pub section: Option<String>,
    /// Where the figure stands in that year's clean text.
    pub span: Span,
}

impl LedgerSide {
    fn of(figure: &Figure) -> LedgerSide {
        LedgerSide {
            value: figure.value,
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
    pub flags: Vec<LedgerFlag>,
}

/// One figure followed across every year of a township, for trend lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureSeries {
    pub label: String,
    pub unit: String,
    /// `(year, value)` for each year that reports the figure, ascending by year.
    pub points: Vec<(i32, f64)>,
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
    let mut keyed: Vec<((i64, usize), LedgerRow)> = Vec::new();
    for (n, figure) in new.figures.iter().enumerate() {
        let row = match partner_of_new[n] {
            Some(o) => matched_row(&old.figures[o], figure),
            None => lone_row(figure, false),
        };
        keyed.push(((n as i64, 0), row));
    }
    let mut anchor: i64 = -1;
    for (o, figure) in old.figures.iter().enumerate() {
        match partner_of_old[o] {
            Some(n) => anchor = n as i64,
            None => keyed.push(((anchor, o + 1), lone_row(figure, true))),
        }
    }
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, row)| row).collect()
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
                    chain
                }
                None => {
                    out.push(FigureSeries {
                        label: figure.label.clone(),
                        unit: figure.unit.clone(),
                        points: vec![(year, figure.value)],
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

/// A row for a figure found in both years.
fn matched_row(old: &Figure, new: &Figure) -> LedgerRow {
    let mut flags = Vec::new();
    if norm(&old.sentence) == norm(&new.sentence) {
        flags.push(LedgerFlag::SameSentence);
    } else if old.value == new.value {
        flags.push(LedgerFlag::SameValue);
    }
    if is_jump(old.value, new.value) {
        flags.push(LedgerFlag::Jump);
    }
    if over_100_percent(old) || over_100_percent(new) {
        flags.push(LedgerFlag::Over100Percent);
    }
    LedgerRow {
        label: if new.label.is_empty() {
            old.label.clone()
        } else {
            new.label.clone()
        },
        unit: new.unit.clone(),
        old: Some(LedgerSide::of(old)),
        new: Some(LedgerSide::of(new)),
        change: Some(tidy(new.value - old.value)),
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
    let side = Some(LedgerSide::of(figure));
    LedgerRow {
        label: figure.label.clone(),
        unit: figure.unit.clone(),
        old: if vanished { side.clone() } else { None },
        new: if vanished { None } else { side },
        change: None,
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

fn is_jump(old: f64, new: f64) -> bool {
    if old <= 0.0 || new <= 0.0 {
        return false;
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
    for (o, old_figure) in old.figures.iter().enumerate() {
        for (n, new_figure) in new.figures.iter().enumerate() {
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
    if long.contains(short.as_str()) {
        let ratio = short.chars().count() as f64 / long.chars().count() as f64;
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
mod tests {
    use super::*;
    use crate::ingest::Metadata;

    fn report(text: &str, year: i32) -> Report {
        let meta = Metadata {
            year: Some(year),
            ..Metadata::default()
        };
        Report::analyze(text, meta, Vec::new())
    }

    fn row<'a>(rows: &'a [LedgerRow], label: &str) -> &'a LedgerRow {
        rows.iter()
            .find(|r| r.label.contains(label))
            .unwrap_or_else(|| panic!("no row for {label}: {rows:#?}"))
    }

    #[test]
    fn pairs_by_label_and_flags_what_changed() {
        let old = report(
            "一、主要举措\n全年发放宣传资料3000余份。组织专题学习12次。受理矛盾纠纷40件。覆盖率达到80%。",
            2021,
        );
        let new = report(
            "一、主要举措\n全年发放宣传资料3000余份。今年共组织专题学习12次，形式多样。受理矛盾纠纷400件。新聘法律顾问2名。覆盖率达到120%。",
            2022,
        );
        let rows = ledger(&old, &new);
        let leaflets = row(&rows, "宣传资料");
        assert_eq!(leaflets.flags, vec![LedgerFlag::SameSentence]);
        assert_eq!(leaflets.change, Some(0.0));
        assert_eq!(row(&rows, "专题学习").flags, vec![LedgerFlag::SameValue]);
        let disputes = row(&rows, "矛盾纠纷");
        assert_eq!(disputes.change, Some(360.0));
        assert!(disputes.flags.contains(&LedgerFlag::Jump));
        assert_eq!(row(&rows, "法律顾问").flags, vec![LedgerFlag::New]);
        assert!(
            row(&rows, "覆盖率")
                .flags
                .contains(&LedgerFlag::Over100Percent)
        );
    }

    #[test]
    fn vanished_figures_stay_near_their_place() {
        let old = report(
            "全年发放宣传资料3000余份。举办讲座5场。受理矛盾纠纷40件。",
            2021,
        );
        let new = report("全年发放宣传资料2000余份。受理矛盾纠纷30件。", 2022);
        let rows = ledger(&old, &new);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels.len(), 3, "{rows:#?}");
        assert_eq!(rows[1].flags, vec![LedgerFlag::Vanished]);
        assert!(rows[1].old.is_some() && rows[1].new.is_none());
        assert!(labels[0].contains("宣传资料") && labels[2].contains("矛盾纠纷"));
    }

    #[test]
    fn changes_are_tidy_decimals() {
        assert_eq!(tidy(5.1 - 5.2), -0.1);
        assert_eq!(tidy(0.9 - 2.5), -1.6);
        assert_eq!(tidy(121e12 - 114e12), 7e12);
        assert_eq!(tidy(0.0), 0.0);
    }

    #[test]
    fn units_must_agree() {
        let old = report("接访群众116人次。", 2021);
        let new = report("接访群众116次。", 2022);
        let rows = ledger(&old, &new);
        assert_eq!(rows.len(), 2, "{rows:#?}");
    }

    #[test]
    fn series_follow_figures_across_years_in_any_order() {
        let y2021 = report("发放宣传资料1000份。受理矛盾纠纷10件。", 2021);
        let y2022 = report("发放宣传资料2000份。受理矛盾纠纷20件。", 2022);
        let y2023 = report("发放宣传资料3000份。", 2023);
        let all = series(&[&y2023, &y2021, &y2022]);
        let leaflets = all.iter().find(|s| s.label.contains("宣传资料")).unwrap();
        assert_eq!(
            leaflets.points,
            vec![(2021, 1000.0), (2022, 2000.0), (2023, 3000.0)]
        );
        let disputes = all.iter().find(|s| s.label.contains("矛盾纠纷")).unwrap();
        assert_eq!(disputes.points, vec![(2021, 10.0), (2022, 20.0)]);
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn a_single_year_lists_each_figure_on_this_years_side() {
        let alone = report("发放宣传资料1000份。受理矛盾纠纷10件。", 2021);
        let rows = single(&alone);
        assert_eq!(rows.len(), alone.figures.len());
        for (row, figure) in rows.iter().zip(&alone.figures) {
            assert!(row.old.is_none() && row.flags.is_empty() && row.change.is_none());
            assert_eq!(row.new.as_ref().map(|s| s.span), Some(figure.span));
        }
    }
}
