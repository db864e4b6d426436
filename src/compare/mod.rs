//! Year over year: align two reports section by section and sentence by sentence, with
//! word-level edits and copy scores.
//!
//! The result is a model for side-by-side display (as in delta's minus/plus model):
//! a list of aligned section pairs, each a list of rows, each row pointing at at most
//! one sentence on each side, or, where sentences were merged or split, several
//! consecutive sentences on one side and one on the other. Rows cover every sentence of
//! both reports exactly once. A row stands in the pair holding its new sentence; only
//! `moved`, `numbers_only` and `dates_only` rows may take their old sentence from
//! another region of last year's report.
//!
//! A merged row (two or three old sentences written as one new sentence) keeps its
//! first old sentence in `old` and the others in `old_joined`; a split row keeps its
//! first new sentence in `new` and the others in `new_joined`. Its edits run over the
//! sentences of each side joined in order, so its parts are aligned word by word.

mod anchored;
mod block_align;
mod budget;
pub mod coverage;
pub mod edits;
mod features;
mod halves;
mod headings;
mod kinds;
pub mod ledger;
mod scores;
mod section_align;
mod sentence_align;
mod similarity;

use std::collections::HashMap;

use serde::Serialize;

use crate::report::{Part, Report, Sentence, Span};
use budget::Spending;
pub use budget::{Budget, MAX_WORD_LEVEL_SENTENCES};
pub use features::both;
use features::{Features, Side};
use section_align::SectionMatch;

/// How a row's sentences relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// The same sentence (equal normalized form) in both years.
    Unchanged,
    /// The same sentence with only its numbers changed: often a stale copy. The old
    /// sentence may stand in another section when the sentence moved as well.
    NumbersOnly,
    /// The same sentence with only years and dates changed (`2022年` → `2023年`,
    /// `12月16日` → `12月15日`): last year's text carried forward, apart from the
    /// figures a reviewer checks under `numbers_only`.
    DatesOnly,
    /// Reworded: similar enough to pair, with word-level edits.
    Modified,
    /// Unchanged, but found in a different section of the other report (or out of order
    /// within its section).
    Moved,
    /// Only in the new report.
    Added,
    /// Only in the old report.
    Removed,
}

/// One step of a word-level edit script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EditOp {
    /// In both sentences.
    Equal,
    /// Only in last year's sentence.
    Delete,
    /// Only in this year's sentence.
    Insert,
}

/// A run of tokens with one edit operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub op: EditOp,
    /// The tokens of the run, concatenated as written.
    pub text: String,
    /// Where the run stands in last year's text (for `equal` and `delete` runs), so a
    /// view marks it by position instead of searching for it. In a comparison these are
    /// character offsets into the old report's clean text; from
    /// [`edits::word_edits`] alone, into the old text given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_span: Option<Span>,
    /// Where the run stands in this year's text (for `equal` and `insert` runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_span: Option<Span>,
}

/// One aligned row, by index into each report's `sentences`: at most one sentence per
/// side, or consecutive sentences on one side merged into or split from one sentence
/// on the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub kind: RowKind,
    /// Last year's sentence (the first, for a merge).
    pub old: Option<usize>,
    /// This year's sentence (the first, for a split).
    pub new: Option<usize>,
    /// Word-level edits for `modified`, `numbers_only` and `dates_only` rows, over the
    /// row's sentences of each side joined in order; empty otherwise.
    pub edits: Vec<Edit>,
    /// Old sentences after `old` that this year's sentence merges, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub old_joined: Vec<usize>,
    /// New sentences after `new` that last year's sentence was split into.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub new_joined: Vec<usize>,
}

impl Row {
    /// Every old sentence of the row, in document order.
    pub fn old_sentences(&self) -> impl Iterator<Item = usize> + '_ {
        self.old.into_iter().chain(self.old_joined.iter().copied())
    }

    /// Every new sentence of the row, in document order.
    pub fn new_sentences(&self) -> impl Iterator<Item = usize> + '_ {
        self.new.into_iter().chain(self.new_joined.iter().copied())
    }
}

/// How a matched section's heading changed, for a view to mark it as it marks
/// sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadingChange {
    /// `unchanged`, `dates_only`, `numbers_only` or `modified`.
    pub kind: RowKind,
    /// Word-level edits of the title (without its marker) for a changed heading; the
    /// spans are character offsets into each report's clean text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
}

/// Whether a section found its counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionStatus {
    /// Both years have the section.
    Matched,
    /// Only this year's report has it.
    Added,
    /// Only last year's report had it.
    Removed,
}

/// Which part of a report a side of a section pair is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Text before the first heading.
    Preamble,
    /// A numbered section, by index into the report's `sections`.
    Section(usize),
    /// The signature and date at the end.
    Closing,
}

impl Region {
    /// The region a sentence of `report` stands in: its section, or the preamble or
    /// closing.
    pub fn of(report: &Report, sentence: &Sentence) -> Region {
        match (sentence.section, report.closing) {
            (Some(i), _) => Region::Section(i),
            (None, Some(closing)) if sentence.span.start >= closing.start => Region::Closing,
            (None, _) => Region::Preamble,
        }
    }
}

/// Counts of rows per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub unchanged: usize,
    pub numbers_only: usize,
    pub modified: usize,
    pub moved: usize,
    pub added: usize,
    pub removed: usize,
    pub dates_only: usize,
    /// Headings per kind of change, apart from the sentence rows above.
    pub headings: HeadingCounts,
}

/// Counts of section headings per kind of change: a heading of a matched pair is
/// unchanged, dates-only, numbers-only or modified; one of an added or removed section
/// is added or removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HeadingCounts {
    pub unchanged: usize,
    pub dates_only: usize,
    pub numbers_only: usize,
    pub modified: usize,
    pub added: usize,
    pub removed: usize,
}

/// Shares of this year's sentences by how they were carried over, so a reviewer sees
/// at a glance how much is last year's text with only dates or figures changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Shares {
    /// In `unchanged` or `moved` rows: last year's wording, in place or elsewhere.
    pub unchanged: f64,
    /// In `dates_only` rows.
    pub dates_only: f64,
    /// In `numbers_only` rows.
    pub numbers_only: f64,
}

/// The "Lazy Prices" similarity measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Share of the new text's characters (sentence text) in sentences unchanged,
    /// moved, dates-only or numbers-only; 0 when there is no new text.
    pub copy_ratio: f64,
    /// Cosine similarity of plain jieba word counts (punctuation and whitespace left
    /// out, no weighting) of the sentences and headings.
    pub cosine: f64,
    /// Jaccard similarity of the same words as sets.
    pub jaccard: f64,
    /// Rows per kind.
    pub counts: Counts,
    /// Shares of this year's sentences (by count) unchanged, dates-only and
    /// numbers-only; 0 when there are none.
    pub shares: Shares,
}

/// Two aligned regions and their rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionPair {
    /// Last year's side; `None` for an added section.
    pub old: Option<Region>,
    /// This year's side; `None` for a removed section.
    pub new: Option<Region>,
    /// Statutory parts of the pair (union of both sides).
    pub parts: Vec<Part>,
    pub status: SectionStatus,
    /// Title and content similarity used for the pairing, 0..=1 (word cosine for the
    /// preamble and closing; 0 for an added or removed section).
    pub similarity: f64,
    /// How the heading changed, for a pair of two sections; `None` for the preamble,
    /// the closing and added or removed sections.
    pub heading: Option<HeadingChange>,
    /// The aligned sentences, in reading order.
    pub rows: Vec<Row>,
    /// The measures over this pair's rows and words.
    pub scores: Scores,
    /// True when this pair's regions were too large to compare word by word within the
    /// [`Budget`] (or the whole pair was): its rows pair equal, moved and renumbered
    /// sentences only, without word edits; also when a row of it was too long for word
    /// edits and shows none.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sentence_level: bool,
}

/// The whole comparison of two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The measures over both whole reports.
    pub scores: Scores,
    /// The section pairs, in the new report's order.
    pub sections: Vec<SectionPair>,
    /// True when the pair was too large to compare word by word (more than
    /// [`MAX_WORD_LEVEL_SENTENCES`] sentences): rows pair equal, moved and renumbered
    /// sentences only, with no rewordings and no word edits, so time and memory stay
    /// bounded. Views say so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sentence_level: bool,
}

/// Compares last year's report with this year's: sections paired one to one (the
/// preamble with the preamble, the closing with the closing), listed in the new
/// report's order, each removed section right after the new section its old predecessor
/// was paired with; the rows of all pairs cover every sentence of both reports exactly
/// once.
pub fn compare(old: &Report, new: &Report) -> Comparison {
    compare_within(old, new, &Budget::default())
}

/// [`compare`] within `budget`: regions (or the whole pair) beyond it are compared
/// sentence by sentence and marked so.
pub fn compare_within(old: &Report, new: &Report, budget: &Budget) -> Comparison {
    let word_level =
        old.sentences.len().saturating_add(new.sentences.len()) <= budget.word_level_sentences;
    let features = Features::build_at(old, new, word_level);
    let matches = section_align::align(old, new, &features);
    let layout = layout(&features, old.sections.len(), new.sections.len(), &matches);
    let mut spending = Spending::new(*budget);
    let region_sentences = |p: &Slot| {
        let olds = p.old.map_or(&[][..], |r| features.old.sentences_in(r));
        let news = p.new.map_or(&[][..], |r| features.new.sentences_in(r));
        (olds, news)
    };
    let region_word_level: Vec<bool> = layout
        .iter()
        .map(|p| {
            let (olds, news) = region_sentences(p);
            word_level && spending.word_level_region(olds.len(), news.len())
        })
        .collect();
    let regions: Vec<(&Slot, bool)> = layout.iter().zip(region_word_level).collect();
    let cells = spending.budget().region_cells;
    let region_size = |&(p, _): &(&Slot, bool)| {
        let (olds, news) = region_sentences(p);
        olds.len() + news.len()
    };
    let mut rows: Vec<Vec<Row>> = halves::map(&regions, region_size, |&(p, words)| {
        let (olds, news) = region_sentences(p);
        sentence_align::align_region(olds, news, &features, words, cells)
    });
    sentence_align::pair_across_regions(&mut rows, &features);
    let edits_cut = halves::map_mut(&mut rows, Vec::len, |i, region| {
        let words = regions.get(i).is_some_and(|&(_, words)| words);
        let mut cut = false;
        for row in region.iter_mut() {
            kinds::classify_joined(row, old, new);
            if words && !fill_edits(row, old, new, &spending) {
                cut = true;
            }
        }
        cut
    });
    let pairs = halves::map(&regions, region_size, |&(p, _)| {
        section_pair(*p, old, new, &features)
    });
    let sections: Vec<SectionPair> = pairs
        .into_iter()
        .zip(rows)
        .zip(regions.iter().zip(edits_cut))
        .map(|((mut pair, rows), (&(_, words), cut))| {
            pair.add_rows(rows, &features);
            pair.sentence_level = !words || cut;
            pair
        })
        .collect();
    let all_rows = sections.iter().flat_map(|p| p.rows.iter());
    let (old_words, new_words) = (features.old.report_words(), features.new.report_words());
    let mut counts = scores::counts(all_rows.clone());
    counts.headings = scores::heading_counts(&sections);
    let scores = Scores {
        copy_ratio: scores::copy_ratio(all_rows.clone(), &features),
        counts,
        cosine: old_words.cosine(&new_words),
        jaccard: old_words.jaccard(&new_words),
        shares: scores::shares(all_rows),
    };
    Comparison {
        scores,
        sections,
        sentence_level: !word_level,
    }
}

/// How far from the same relative position (in items of the new list) each old item is
/// scored against new ones: everywhere, unless that would score more than `max_pairs`
/// pairs. Scoring stays linear in the lists' lengths however long they grow.
fn window(olds: usize, news: usize, max_pairs: usize) -> usize {
    if olds.saturating_mul(news) <= max_pairs {
        news
    } else {
        (max_pairs / olds.max(1) / 2).max(1)
    }
}

/// One entry of the pair list before its rows are known.
#[derive(Debug, Clone, Copy)]
struct Slot {
    old: Option<Region>,
    new: Option<Region>,
    similarity: Option<f64>,
}

/// The regions of a report in document order: the preamble and closing only when they
/// hold a sentence, every section always.
fn regions(side: &Side, sections: usize) -> Vec<Region> {
    let mut out = Vec::with_capacity(sections + 2);
    if !side.sentences_in(Region::Preamble).is_empty() {
        out.push(Region::Preamble);
    }
    out.extend((0..sections).map(Region::Section));
    if !side.sentences_in(Region::Closing).is_empty() {
        out.push(Region::Closing);
    }
    out
}

/// Orders the pairs: new regions in document order, each removed old region right after
/// the new region its old predecessor was paired with.
fn layout(
    features: &Features,
    old_count: usize,
    new_count: usize,
    matches: &[SectionMatch],
) -> Vec<Slot> {
    let old_regions = regions(&features.old, old_count);
    let new_regions = regions(&features.new, new_count);
    let mut new_to_old: HashMap<Region, (Region, Option<f64>)> = matches
        .iter()
        .map(|m| {
            (
                Region::Section(m.new),
                (Region::Section(m.old), Some(m.similarity)),
            )
        })
        .collect();
    for edge in [Region::Preamble, Region::Closing] {
        if old_regions.contains(&edge) && new_regions.contains(&edge) {
            new_to_old.insert(edge, (edge, None));
        }
    }
    let old_to_new: HashMap<Region, Region> =
        new_to_old.iter().map(|(&n, &(o, _))| (o, n)).collect();
    let mut removed_after: HashMap<Option<Region>, Vec<Region>> = HashMap::new();
    let mut anchor: Option<Region> = None;
    for o in old_regions {
        match old_to_new.get(&o) {
            Some(&n) => anchor = Some(n),
            None => removed_after.entry(anchor).or_default().push(o),
        }
    }
    let removed = |anchor: Option<Region>, out: &mut Vec<Slot>| {
        for &o in removed_after.get(&anchor).into_iter().flatten() {
            out.push(Slot {
                old: Some(o),
                new: None,
                similarity: Some(0.0),
            });
        }
    };
    let mut out = Vec::new();
    removed(None, &mut out);
    for n in new_regions {
        let (old, similarity) = match new_to_old.get(&n) {
            Some(&(o, similarity)) => (Some(o), similarity),
            None => (None, Some(0.0)),
        };
        out.push(Slot {
            old,
            new: Some(n),
            similarity,
        });
        removed(Some(n), &mut out);
    }
    out
}

/// Word-level edits for reworded and renumbered rows, placed in both reports; false
/// when the row's texts are too long for them within the budget (the row keeps none).
fn fill_edits(row: &mut Row, old: &Report, new: &Report, spending: &Spending) -> bool {
    if !matches!(
        row.kind,
        RowKind::Modified | RowKind::NumbersOnly | RowKind::DatesOnly
    ) {
        return true;
    }
    let (Some(a), Some(b)) = (
        edits::Placed::sentences(old, row.old_sentences()),
        edits::Placed::sentences(new, row.new_sentences()),
    ) else {
        return true;
    };
    if !spending.edits_fit(a.chars(), b.chars()) {
        return false;
    }
    row.edits = edits::placed_edits(&a, &b);
    true
}

/// A pair of regions without its rows: its heading, parts, status and the measures of
/// its words ([`SectionPair::add_rows`] adds the rows and their measures).
fn section_pair(slot: Slot, old: &Report, new: &Report, features: &Features) -> SectionPair {
    let old_words = slot
        .old
        .map(|r| features.old.region_words(r))
        .unwrap_or_default();
    let new_words = slot
        .new
        .map(|r| features.new.region_words(r))
        .unwrap_or_default();
    let cosine = old_words.cosine(&new_words);
    let heading = match (slot.old, slot.new) {
        (Some(Region::Section(o)), Some(Region::Section(n))) => headings::compare(old, o, new, n),
        _ => None,
    };
    let counts = Counts {
        headings: scores::heading_count(slot.old, slot.new, heading.as_ref()),
        ..Counts::default()
    };
    let scores = Scores {
        cosine,
        jaccard: old_words.jaccard(&new_words),
        counts,
        ..Scores::default()
    };
    let mut parts: Vec<Part> = [(slot.old, old), (slot.new, new)]
        .into_iter()
        .filter_map(|(region, report)| match region {
            Some(Region::Section(i)) => report.sections.get(i),
            _ => None,
        })
        .flat_map(|s| s.parts.iter().copied())
        .collect();
    parts.sort_unstable();
    parts.dedup();
    let status = match (slot.old, slot.new) {
        (Some(_), Some(_)) => SectionStatus::Matched,
        (None, _) => SectionStatus::Added,
        (Some(_), None) => SectionStatus::Removed,
    };
    SectionPair {
        old: slot.old,
        new: slot.new,
        parts,
        status,
        similarity: slot.similarity.unwrap_or(cosine),
        heading,
        rows: Vec::new(),
        scores,
        sentence_level: false,
    }
}

impl SectionPair {
    /// Takes the pair's rows in and counts its rows' measures.
    fn add_rows(&mut self, rows: Vec<Row>, features: &Features) {
        let headings = self.scores.counts.headings;
        self.scores.counts = scores::counts(rows.iter());
        self.scores.counts.headings = headings;
        self.scores.copy_ratio = scores::copy_ratio(rows.iter(), features);
        self.scores.shares = scores::shares(rows.iter());
        self.rows = rows;
    }
}
