//! Lint: what a county reviewer must flag in a report.

use serde::Serialize;

use super::{Report, Span};

/// The kinds of finding; serialized in kebab-case as in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintKind {
    MissingPart,
    NumberingGap,
    DuplicateNumber,
    MixedMarkers,
    YearMismatch,
    ForeignTownship,
    Artifact,
    NoTitle,
    SumMismatch,
}

/// One finding, with a Chinese message and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub kind: LintKind,
    pub message: String,
    /// The section path, `None` for the preamble or the whole report.
    pub section: Option<String>,
    pub excerpt: String,
    pub span: Option<Span>,
}

/// Runs every check over an analysed report.
pub fn check(report: &Report) -> Vec<Finding> {
    super::figures::sum_mismatches(report)
}
