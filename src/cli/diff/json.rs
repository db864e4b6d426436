//! `nianbao diff --json`: the comparison as a stable contract.
//!
//! With `--compact` the same document is written on one line without the text that
//! spans already give: rows leave out `old` and `new`, `equal` edit runs leave out
//! their `text`, and each report's clean text is given once, as `text` beside its
//! metadata, for the spans to index. Every other field is as in the full form.

use serde::{Serialize, Serializer};

use super::{Loaded, ReportInfo};
use crate::compare::ledger::LedgerRow;
use crate::compare::{
    Comparison, Edit, EditOp, HeadingChange, Region, Row, RowKind, Scores, SectionStatus,
};
use crate::i18n::Lang;
use crate::report::{Part, Report, Sentence, Span};
use crate::review::coarse_notice;

/// The preamble's path and title in JSON.
const PREAMBLE_PATH: &str = "0";
const PREAMBLE_TITLE: &str = "（开头）";
/// The closing's path and title in JSON.
const CLOSING_PATH: &str = "end";
const CLOSING_TITLE: &str = "（落款）";

/// A field that compact output leaves out because spans already give it.
enum Shown<T> {
    Given(T),
    Omitted,
}

impl<T: Serialize> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Given(value) => value.serialize(serializer),
            Shown::Omitted => serializer.serialize_none(),
        }
    }
}

impl<T> Shown<T> {
    fn is_omitted(&self) -> bool {
        matches!(self, Shown::Omitted)
    }

    fn unless(compact: bool, value: T) -> Shown<T> {
        if compact {
            Shown::Omitted
        } else {
            Shown::Given(value)
        }
    }
}

/// A report's metadata, with its clean text in compact output.
#[derive(Serialize)]
struct InfoJson<'a> {
    #[serde(flatten)]
    info: &'a ReportInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

/// A word edit run; compact output leaves out the text of `equal` runs.
#[derive(Serialize)]
struct EditJson<'a> {
    op: EditOp,
    #[serde(skip_serializing_if = "Shown::is_omitted")]
    text: Shown<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_span: Option<Span>,
}

#[derive(Serialize)]
pub(super) struct DiffJson<'a> {
    old: InfoJson<'a>,
    new: InfoJson<'a>,
    scores: &'a Scores,
    /// Present (true) when the pair was too large to compare word by word.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sentence_level: bool,
    /// Why rows (of the pair, or of the sections marked `sentence_level`) pair whole
    /// sentences only, in the interface language.
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<String>,
    sections: Vec<PairJson<'a>>,
    figures: Vec<LedgerRow>,
}

#[derive(Serialize)]
struct PairJson<'a> {
    old: Option<RegionJson<'a>>,
    new: Option<RegionJson<'a>>,
    parts: &'a [Part],
    status: SectionStatus,
    similarity: f64,
    scores: &'a Scores,
    /// How the title changed, for a pair of two sections.
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<&'a HeadingChange>,
    /// Present (true) when this pair was too large to compare word by word.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sentence_level: bool,
    rows: RowsJson<'a>,
}

/// The rows of a pair, each written as it is made rather than all held at once: a huge
/// pair's rows would otherwise hold a second copy of both reports' text.
struct RowsJson<'a> {
    old: &'a Report,
    new: &'a Report,
    rows: &'a [Row],
    compact: bool,
}

impl Serialize for RowsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.rows
                .iter()
                .map(|row| row_json(self.old, self.new, row, self.compact)),
        )
    }
}

#[derive(Serialize)]
struct RegionJson<'a> {
    path: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct RowJson<'a> {
    kind: RowKind,
    /// The old sentence; for a merged row, the old sentences' texts joined.
    #[serde(skip_serializing_if = "Shown::is_omitted")]
    old: Shown<Option<String>>,
    /// The new sentence; for a split row, the new sentences' texts joined.
    #[serde(skip_serializing_if = "Shown::is_omitted")]
    new: Shown<Option<String>>,
    edits: Vec<EditJson<'a>>,
    /// Path of the region the old sentence stands in (another section for a move).
    old_section: Option<&'a str>,
    /// The old sentence's span; for a merged row, from the first's start to the last's
    /// end.
    old_span: Option<Span>,
    new_span: Option<Span>,
    /// Each old sentence's span, for a merged row only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    old_spans: Vec<Span>,
    /// Each new sentence's span, for a split row only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    new_spans: Vec<Span>,
}

/// The JSON document of a comparison and its figures ledger; `compact` leaves out text
/// that spans give.
pub(super) fn diff_json<'a>(
    old: &'a Loaded,
    new: &'a Loaded,
    comparison: &'a Comparison,
    figures: Vec<LedgerRow>,
    compact: bool,
    lang: Lang,
) -> DiffJson<'a> {
    let (a, b) = (&old.report, &new.report);
    let sections = comparison
        .sections
        .iter()
        .map(|pair| PairJson {
            old: pair.old.map(|r| region_json(a, r)),
            new: pair.new.map(|r| region_json(b, r)),
            parts: &pair.parts,
            status: pair.status,
            similarity: pair.similarity,
            scores: &pair.scores,
            heading: pair.heading.as_ref(),
            sentence_level: pair.sentence_level,
            rows: RowsJson {
                old: a,
                new: b,
                rows: &pair.rows,
                compact,
            },
        })
        .collect();
    let info = |loaded: &'a Loaded| InfoJson {
        info: &loaded.info,
        text: compact.then_some(loaded.report.text.as_str()),
    };
    DiffJson {
        old: info(old),
        new: info(new),
        scores: &comparison.scores,
        sentence_level: comparison.sentence_level,
        notice: coarse_notice(comparison, lang),
        sections,
        figures,
    }
}

fn region_json(report: &Report, region: Region) -> RegionJson<'_> {
    match region {
        Region::Preamble => RegionJson {
            path: PREAMBLE_PATH,
            title: PREAMBLE_TITLE,
        },
        Region::Closing => RegionJson {
            path: CLOSING_PATH,
            title: CLOSING_TITLE,
        },
        Region::Section(i) => report.sections.get(i).map_or(
            RegionJson {
                path: "?",
                title: "",
            },
            |s| RegionJson {
                path: &s.path,
                title: &s.title,
            },
        ),
    }
}

fn row_json<'a>(old: &'a Report, new: &'a Report, row: &'a Row, compact: bool) -> RowJson<'a> {
    let a: Vec<&Sentence> = row
        .old_sentences()
        .filter_map(|i| old.sentences.get(i))
        .collect();
    let b: Vec<&Sentence> = row
        .new_sentences()
        .filter_map(|i| new.sentences.get(i))
        .collect();
    RowJson {
        kind: row.kind,
        old: Shown::unless(compact, joined_text(&a)),
        new: Shown::unless(compact, joined_text(&b)),
        edits: row.edits.iter().map(|e| edit_json(e, compact)).collect(),
        old_section: a.first().map(|s| region_json(old, Region::of(old, s)).path),
        old_span: covering_span(&a),
        new_span: covering_span(&b),
        old_spans: spans_if_joined(&a),
        new_spans: spans_if_joined(&b),
    }
}

fn edit_json(edit: &Edit, compact: bool) -> EditJson<'_> {
    EditJson {
        op: edit.op,
        text: Shown::unless(compact && edit.op == EditOp::Equal, edit.text.as_str()),
        old_span: edit.old_span,
        new_span: edit.new_span,
    }
}

/// The sentences' texts joined in order; `None` for no sentence.
fn joined_text(sentences: &[&Sentence]) -> Option<String> {
    (!sentences.is_empty()).then(|| sentences.iter().map(|s| s.text.as_str()).collect())
}

/// From the first sentence's start to the last one's end.
fn covering_span(sentences: &[&Sentence]) -> Option<Span> {
    let (first, last) = (sentences.first()?, sentences.last()?);
    Some(Span::new(first.span.start, last.span.end))
}

/// Each sentence's span when there are several, else none.
fn spans_if_joined(sentences: &[&Sentence]) -> Vec<Span> {
    if sentences.len() > 1 {
        sentences.iter().map(|s| s.span).collect()
    } else {
        Vec::new()
    }
}
