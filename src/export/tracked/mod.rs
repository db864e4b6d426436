//! This year's report carrying its changes against last year's, as a word processor
//! tracks them: one stream of paragraphs in which each piece of text is unchanged,
//! inserted, deleted, or one end of a move. Keeping the inserted pieces and the
//! arrival ends of moves gives this year's text; keeping the deleted pieces and the
//! departure ends gives last year's.
//!
//! How it is built from the comparison: both reports are cut into units (headings,
//! sentences); the comparison's rows and heading pairs pair units into groups. The
//! longest run of groups in the same order in both years stays in place and is written
//! with its word edits; every other unit is written where it stands in its own year:
//! a group whose text only moved becomes a move (from its old place to its new place),
//! anything else a deletion at its old place and an insertion at its new one.

mod pieces;
pub mod units;

use std::collections::HashMap;

use crate::compare::{Comparison, HeadingChange, Region, RowKind};
use crate::report::normalize::norm;
use crate::report::{Report, Span};
pub use units::Style;
use units::{Unit, UnitKind, units};

/// How a piece of text changed from last year to this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    Same,
    Inserted,
    Deleted,
    /// The old place of moved text; the number names the move.
    MovedFrom(usize),
    /// The new place of moved text.
    MovedTo(usize),
}

impl Change {
    /// True for text only last year's report has here.
    pub fn is_old_only(self) -> bool {
        matches!(self, Change::Deleted | Change::MovedFrom(_))
    }

    /// True for text only this year's report has here.
    pub fn is_new_only(self) -> bool {
        matches!(self, Change::Inserted | Change::MovedTo(_))
    }
}

/// A run of text with one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub change: Change,
    pub text: String,
}

/// A paragraph of the tracked document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub style: Style,
    pub pieces: Vec<Piece>,
}

impl Paragraph {
    /// How the paragraph itself changed: inserted when all its text is new, deleted
    /// when all of it is old, so that accepting or rejecting joins it to the next one.
    pub fn mark(&self) -> Change {
        let all = |f: fn(Change) -> bool| {
            !self.pieces.is_empty() && self.pieces.iter().all(|p| f(p.change))
        };
        if all(Change::is_old_only) {
            Change::Deleted
        } else if all(Change::is_new_only) {
            Change::Inserted
        } else {
            Change::Same
        }
    }
}

/// Which year's report a place is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Year {
    Old,
    New,
}

/// Where a unit's text stands in the document: a paragraph and its pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub paragraph: usize,
    /// First and last piece (inclusive) of the paragraph that hold it.
    pub first: usize,
    pub last: usize,
}

/// The tracked document and where each unit of both reports went.
#[derive(Debug, Clone)]
pub struct TrackedDocument {
    pub paragraphs: Vec<Paragraph>,
    /// Each year's units (by span) with where they stand, in reading order.
    places: HashMap<Year, Vec<(Span, Place)>>,
}

impl TrackedDocument {
    /// Where the text at character `offset` of a year's report stands: the unit
    /// holding it, or the last unit before it; the first unit when none is before.
    pub fn place_of(&self, year: Year, offset: usize) -> Option<Place> {
        let places = self.places.get(&year)?;
        let before = places.partition_point(|(span, _)| span.start <= offset);
        let index = before.saturating_sub(1);
        places.get(index).map(|(_, place)| *place)
    }
}

/// Units paired by the comparison: consecutive units of each year.
#[derive(Debug, Clone)]
struct Group {
    old: (usize, usize),
    new: (usize, usize),
    what: Paired,
}

#[derive(Debug, Clone)]
enum Paired {
    Heading(Option<HeadingChange>),
    Row {
        kind: RowKind,
        edits: Vec<crate::compare::Edit>,
    },
}

/// This year's report with its changes against last year's tracked, following the
/// comparison of the two.
pub fn build(old: &Report, new: &Report, comparison: &Comparison) -> TrackedDocument {
    let old_units = units(old);
    let new_units = units(new);
    let groups = groups(comparison, &old_units, &new_units);
    let anchors = in_order(&groups);
    let mut writer = Writer::new(old, new, &old_units, &new_units);
    writer.mark_moves(&groups, &anchors);
    let (mut i, mut j) = (0, 0);
    for &g in &anchors {
        let group = &groups[g];
        writer.old_units(i..group.old.0);
        writer.new_units(j..group.new.0);
        writer.group(group);
        (i, j) = (group.old.1 + 1, group.new.1 + 1);
    }
    writer.old_units(i..old_units.len());
    writer.new_units(j..new_units.len());
    writer.finish()
}

/// The groups of units the comparison pairs: matched headings and rows with a
/// sentence on both sides, when each side's units are consecutive.
fn groups(comparison: &Comparison, old: &[Unit], new: &[Unit]) -> Vec<Group> {
    let index = |units: &[Unit]| -> HashMap<UnitKind, usize> {
        units.iter().enumerate().map(|(i, u)| (u.kind, i)).collect()
    };
    let (old_index, new_index) = (index(old), index(new));
    let range =
        |index: &HashMap<UnitKind, usize>, kinds: Vec<UnitKind>| -> Option<(usize, usize)> {
            let found: Vec<usize> = kinds
                .iter()
                .map(|k| index.get(k).copied())
                .collect::<Option<_>>()?;
            let (first, last) = (*found.first()?, *found.last()?);
            let consecutive = found.windows(2).all(|w| w[1] == w[0] + 1);
            consecutive.then_some((first, last))
        };
    let mut out = Vec::new();
    for pair in &comparison.sections {
        if let (Some(Region::Section(o)), Some(Region::Section(n))) = (pair.old, pair.new) {
            let ranges = (
                range(&old_index, vec![UnitKind::Heading(o)]),
                range(&new_index, vec![UnitKind::Heading(n)]),
            );
            if let (Some(old), Some(new)) = ranges {
                let what = Paired::Heading(pair.heading.clone());
                out.push(Group { old, new, what });
            }
        }
        for row in &pair.rows {
            let olds = row.old_sentences().map(UnitKind::Sentence).collect();
            let news = row.new_sentences().map(UnitKind::Sentence).collect();
            if let (Some(old), Some(new)) = (range(&old_index, olds), range(&new_index, news)) {
                let (kind, edits) = (row.kind, row.edits.clone());
                out.push(Group {
                    old,
                    new,
                    what: Paired::Row { kind, edits },
                });
            }
        }
    }
    out.sort_by_key(|g| g.new.0);
    out
}

/// The groups that stay in place: the longest run whose old units rise as the new
/// ones do (patience sorting), as indices into `groups` in document order.
fn in_order(groups: &[Group]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; groups.len()];
    for (g, group) in groups.iter().enumerate() {
        let at = tails.partition_point(|&t| groups[t].old.1 < group.old.0);
        previous[g] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(g);
        } else {
            tails[at] = g;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(g) = at {
        out.push(g);
        at = previous[g];
    }
    out.reverse();
    out
}

/// Writes units into paragraphs and records where each went.
struct Writer<'a> {
    old: &'a Report,
    new: &'a Report,
    old_units: &'a [Unit],
    new_units: &'a [Unit],
    /// The move number of each unit that moved, by year and unit index.
    moves: HashMap<(Year, usize), usize>,
    paragraphs: Vec<Paragraph>,
    places: HashMap<Year, Vec<(Span, Place)>>,
}

impl<'a> Writer<'a> {
    fn new(
        old: &'a Report,
        new: &'a Report,
        old_units: &'a [Unit],
        new_units: &'a [Unit],
    ) -> Writer<'a> {
        Writer {
            old,
            new,
            old_units,
            new_units,
            moves: HashMap::new(),
            paragraphs: Vec::new(),
            places: HashMap::new(),
        }
    }

    /// Numbers the groups out of place whose text only moved: sentences equal but for
    /// punctuation and width, headings whose titles are (a section moved elsewhere is
    /// renumbered). Those become moves.
    fn mark_moves(&mut self, groups: &[Group], anchors: &[usize]) {
        let anchored: std::collections::HashSet<usize> = anchors.iter().copied().collect();
        let mut number = 0;
        for (g, group) in groups.iter().enumerate() {
            if anchored.contains(&g) || !self.only_moved(group) {
                continue;
            }
            number += 1;
            for u in group.old.0..=group.old.1 {
                self.moves.insert((Year::Old, u), number);
            }
            for u in group.new.0..=group.new.1 {
                self.moves.insert((Year::New, u), number);
            }
        }
    }

    /// True when a group's wording is the same in both years: its text, or for a
    /// heading its title.
    fn only_moved(&self, group: &Group) -> bool {
        let text = |report: &Report, units: &[Unit], (a, b): (usize, usize)| -> String {
            units[a..=b]
                .iter()
                .map(|u| match u.kind {
                    UnitKind::Heading(i) => report
                        .sections
                        .get(i)
                        .map_or(u.text.as_str(), |s| s.title.as_str()),
                    _ => u.text.as_str(),
                })
                .collect()
        };
        let old = norm(&text(self.old, self.old_units, group.old));
        let new = norm(&text(self.new, self.new_units, group.new));
        old == new && !new.is_empty()
    }

    /// Writes old units out of place: deleted, or the departure end of a move.
    fn old_units(&mut self, range: std::ops::Range<usize>) {
        for u in range {
            let unit = &self.old_units[u];
            let change = match self.moves.get(&(Year::Old, u)) {
                Some(&id) => Change::MovedFrom(id),
                None => Change::Deleted,
            };
            let piece = Piece {
                change,
                text: unit.text.clone(),
            };
            let place = self.push(unit, vec![piece]);
            self.record(Year::Old, unit.span, place);
        }
    }

    /// Writes new units out of place: inserted, or the arrival end of a move.
    fn new_units(&mut self, range: std::ops::Range<usize>) {
        for u in range {
            let unit = &self.new_units[u];
            let change = match self.moves.get(&(Year::New, u)) {
                Some(&id) => Change::MovedTo(id),
                None => Change::Inserted,
            };
            let piece = Piece {
                change,
                text: unit.text.clone(),
            };
            let place = self.push(unit, vec![piece]);
            self.record(Year::New, unit.span, place);
        }
    }

    /// Writes a group in place, with its word edits.
    fn group(&mut self, group: &Group) {
        let olds = &self.old_units[group.old.0..=group.old.1];
        let news = &self.new_units[group.new.0..=group.new.1];
        let joined = |units: &[Unit]| -> String { units.iter().map(|u| u.text.as_str()).collect() };
        let (old_text, new_text) = (joined(olds), joined(news));
        let pieces = match &group.what {
            Paired::Row {
                kind: RowKind::Unchanged | RowKind::Moved,
                ..
            } => pieces::pieces(&old_text, &new_text, &[]),
            Paired::Row { edits, .. } => pieces::pieces(&old_text, &new_text, edits),
            Paired::Heading(change) => {
                let section = |report: &'a Report, unit: &Unit| match unit.kind {
                    UnitKind::Heading(i) => report.sections.get(i),
                    _ => None,
                };
                match (section(self.old, &olds[0]), section(self.new, &news[0])) {
                    (Some(a), Some(b)) => pieces::heading_pieces(
                        (&old_text, &a.marker, &a.title),
                        (&new_text, &b.marker, &b.title),
                        change.as_ref(),
                    ),
                    _ => pieces::pieces(&old_text, &new_text, &[]),
                }
            }
        };
        let place = self.push(&news[0], pieces);
        for unit in olds {
            self.record(Year::Old, unit.span, place);
        }
        for unit in news {
            self.record(Year::New, unit.span, place);
        }
    }

    /// Appends pieces, in a new paragraph when the unit starts one.
    fn push(&mut self, unit: &Unit, pieces: Vec<Piece>) -> Place {
        let after_heading = self
            .paragraphs
            .last()
            .is_some_and(|p| matches!(p.style, Style::Heading(_) | Style::Title));
        let new_paragraph = unit.starts_paragraph
            || after_heading
            || unit.style != Style::Body
            || self.paragraphs.is_empty();
        if new_paragraph {
            self.paragraphs.push(Paragraph {
                style: unit.style,
                pieces: Vec::new(),
            });
        }
        let index = self.paragraphs.len() - 1;
        let paragraph = &mut self.paragraphs[index];
        let first = paragraph.pieces.len();
        paragraph.pieces.extend(pieces);
        Place {
            paragraph: index,
            first,
            last: paragraph.pieces.len().saturating_sub(1).max(first),
        }
    }

    fn record(&mut self, year: Year, span: Span, place: Place) {
        self.places.entry(year).or_default().push((span, place));
    }

    fn finish(mut self) -> TrackedDocument {
        for places in self.places.values_mut() {
            places.sort_by_key(|(span, _)| span.start);
        }
        TrackedDocument {
            paragraphs: self.paragraphs,
            places: self.places,
        }
    }
}

#[cfg(test)]
mod tests;
