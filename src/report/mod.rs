//! A report as a reviewer reads it: numbered sections, the statutory parts they cover,
//! sentences with normalized forms for matching, extracted figures and lint findings.
//!
//! All offsets are character offsets (Unicode scalar values) into the clean text, so
//! that JSON consumers and views agree on positions whatever the encoding.

pub mod char_index;
pub mod dates;
pub mod figures;
pub mod lint;
pub mod normalize;
pub mod parts;
pub mod sections;
pub mod segment;
pub mod sentences;
pub mod words;

use std::convert::Infallible;

use serde::Serialize;

use crate::ingest::{Artifact, Metadata};

use char_index::CharIndex;

pub use figures::Figure;
pub use lint::{Finding, LintKind};
pub use parts::Part;

/// The step of an analysis that is always wanted: never gives up.
fn go_on() -> Result<(), Infallible> {
    Ok(())
}

/// An analysis given up because it was no longer wanted ([`Report::analyze_while`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unwanted;

/// A half-open range `[start, end)` of character offsets into a report's clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Builds a span; `start > end` is a programming error and is clamped, not trusted.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in characters.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no character.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies wholly inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One numbered section (`一、`, `（一）`, `1、`, `（1）`) of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Position in the tree, `2.3.1`: stable across views and the JSON contract.
    pub path: String,
    /// 1 for `一、`, 2 for `（一）`, 3 for `1、`, 4 for `（1）`.
    pub level: u8,
    /// The marker exactly as written (full- or half-width as in the source).
    pub marker: String,
    /// The heading text without the marker.
    pub title: String,
    /// Statutory parts this section covers; filled for level-1 sections and inherited by
    /// their descendants.
    pub parts: Vec<Part>,
    /// The whole section: heading, body and all descendants.
    pub span: Span,
    /// The heading line (marker and title).
    pub heading: Span,
    /// The section's own body: after the heading, up to its first child or its end.
    pub body: Span,
    /// Index of the parent section in [`Report::sections`].
    #[serde(skip)]
    pub parent: Option<usize>,
}

/// One sentence, the unit of year-over-year alignment.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Report::sections`]; `None` in the preamble or closing.
    #[serde(skip)]
    pub section: Option<usize>,
    /// The sentence as written (trimmed of surrounding whitespace).
    pub text: String,
    /// Width-folded, whitespace and punctuation removed: equal forms mean the same
    /// sentence.
    #[serde(skip)]
    pub norm: String,
    /// The shape when it is not `norm` itself (see [`Sentence::shape`]): most
    /// sentences have no numbers, and their norm is not kept twice.
    #[serde(skip)]
    pub number_blind: Option<String>,
}

impl Sentence {
    /// `norm` with digit runs and Chinese numerals replaced by `#`: equal shapes with
    /// different `norm` mean "same sentence, new numbers".
    pub fn shape(&self) -> &str {
        self.number_blind.as_deref().unwrap_or(&self.norm)
    }
}

/// A fully analysed report. Built by [`Report::analyze`]; immutable afterwards.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub text: String,
    pub meta: Metadata,
    /// Text before the first heading: title, addressee, opening paragraph.
    pub preamble: Span,
    /// A trailing signature and date, when present.
    pub closing: Option<Span>,
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure>,
    pub lint: Vec<Finding>,
    /// Conversion debris removed at ingest, for the `artifact` lint.
    pub artifacts: Vec<Artifact>,
    /// Where the characters of `text` start, so that a span far into a long report is
    /// read without counting characters from its start.
    #[serde(skip)]
    pub char_index: CharIndex,
}

impl Report {
    /// Parses clean text (from [`crate::ingest`]) into sections, sentences, figures and
    /// lint. Never panics, whatever the text.
    pub fn analyze(text: &str, meta: Metadata, artifacts: Vec<Artifact>) -> Report {
        Report::analyze_against(text, meta, artifacts, None)
    }

    /// As [`Report::analyze`], with last year's report when there is one: a sentence
    /// carried over from it with its year is the strongest evidence of a stale year.
    pub fn analyze_against(
        text: &str,
        meta: Metadata,
        artifacts: Vec<Artifact>,
        last_year: Option<&Report>,
    ) -> Report {
        let Ok(report) = Report::analyze_in_steps(text, meta, artifacts, Some(last_year), &go_on);
        report
    }

    /// As [`Report::analyze`] without the lint, which may need last year's report: the
    /// two years of a pair are analysed at once and this year's is linted when last
    /// year's is ready ([`Report::lint_against`]).
    pub fn analyze_unlinted(text: &str, meta: Metadata, artifacts: Vec<Artifact>) -> Report {
        let Ok(report) = Report::analyze_in_steps(text, meta, artifacts, None, &go_on);
        report
    }

    /// As [`Report::analyze_against`], given up between its steps (sections, parts,
    /// sentences, figures, each family of lint checks) once `wanted` says the analysis
    /// is no longer wanted — another thread has taken it over — so a long report's
    /// analysis that no one will use stops within a step rather than run to its end.
    pub fn analyze_while(
        text: &str,
        meta: Metadata,
        artifacts: Vec<Artifact>,
        last_year: Option<&Report>,
        wanted: &dyn Fn() -> bool,
    ) -> Result<Report, Unwanted> {
        Report::analyze_in_steps(text, meta, artifacts, Some(last_year), &|| {
            if wanted() { Ok(()) } else { Err(Unwanted) }
        })
    }

    /// The analysis step by step, `step` asked before each whether to go on; linted
    /// against `lint` (last year's report, if any) unless `lint` is `None`.
    fn analyze_in_steps<E>(
        text: &str,
        meta: Metadata,
        artifacts: Vec<Artifact>,
        lint: Option<Option<&Report>>,
        step: &dyn Fn() -> Result<(), E>,
    ) -> Result<Report, E> {
        let outline = sections::parse(text);
        step()?;
        let mut report = Report {
            text: text.to_string(),
            meta,
            preamble: outline.preamble,
            closing: outline.closing,
            sections: outline.sections,
            sentences: Vec::new(),
            figures: Vec::new(),
            lint: Vec::new(),
            artifacts,
            char_index: CharIndex::of(text),
        };
        parts::assign(&mut report.sections, &report.text);
        step()?;
        report.sentences = sentences::split(&report);
        step()?;
        report.figures = figures::extract(&report);
        if let Some(last_year) = lint {
            step()?;
            report.lint = lint::check_in_steps(&report, last_year, step)?;
        }
        Ok(report)
    }

    /// Lints a report from [`Report::analyze_unlinted`] against last year's, giving what
    /// [`Report::analyze_against`] gives.
    pub fn lint_against(&mut self, last_year: Option<&Report>) {
        self.lint = lint::check_against(self, last_year);
    }

    /// As [`Report::lint_against`], from the findings made of this report without last
    /// year's (made while last year's report is being analysed).
    pub fn finish_lint(&mut self, own: lint::OwnFindings, last_year: Option<&Report>) {
        self.lint = own.against(self, last_year);
    }

    /// The text covered by `span`.
    pub fn slice(&self, span: Span) -> String {
        self.char_index
            .rest(&self.text, span.start)
            .chars()
            .take(span.len())
            .collect()
    }

    /// The section's path, or `None` for the preamble and closing.
    pub fn section_path(&self, section: Option<usize>) -> Option<&str> {
        section
            .and_then(|i| self.sections.get(i))
            .map(|s| s.path.as_str())
    }
}
