//! The figures ledger: last year's figures beside this year's, matched by label and
//! unit, with the flags a reviewer checks first.

use serde::Serialize;

use crate::report::figures::serialize_number;
use crate::report::{Report, Span};

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

/// Matches the figures of two reports of one township.
pub fn ledger(_old: &Report, _new: &Report) -> Vec<LedgerRow> {
    Vec::new()
}

/// Follows figures across several years of one township (reports in any order; each
/// report's `meta.year` gives its year).
pub fn series(_reports: &[&Report]) -> Vec<FigureSeries> {
    Vec::new()
}
