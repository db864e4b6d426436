//! Sentence splitting: the unit of year-over-year alignment.

use super::{Report, Sentence};

/// Splits the report's text into sentences, each inside one section.
pub fn split(_report: &Report) -> Vec<Sentence> {
    Vec::new()
}
