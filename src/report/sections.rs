//! The section tree: headings at four levels, inline headings, preamble and closing.

use super::{Section, Span};

/// The skeleton of a report: everything but sentences, figures and lint.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub preamble: Span,
    pub closing: Option<Span>,
    pub sections: Vec<Section>,
}

/// Splits clean text into preamble, sections and closing.
pub fn parse(text: &str) -> Outline {
    Outline {
        preamble: Span::new(0, text.chars().count()),
        closing: None,
        sections: Vec::new(),
    }
}
