//! Figures: every reported quantity with its value, unit, qualifier and label.

use serde::{Serialize, Serializer};

use super::{Report, Span};

/// One reported quantity (`专题学习12次`, `两万余人次`, `100%`).
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The quantity with `万`/`亿` multipliers applied; serialized as an integer when whole.
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
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

/// Extracts every figure from the report's text.
pub fn extract(_report: &Report) -> Vec<Figure> {
    Vec::new()
}

/// Lint findings for parts that do not add up to their stated total.
pub fn sum_mismatches(_report: &Report) -> Vec<super::Finding> {
    Vec::new()
}
