//! Text a report shares with other townships, as a findings report lists it: the reuse
//! index's passages without the township's own history, neighbouring pieces of one
//! copied paragraph joined into one passage, and for each the other townships' reports
//! that hold it with the section it stands in there — the source a reviewer cites.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::{ReviewError, ReviewService};
use crate::report::{Report, Section, sections};
use crate::reuse::{Kind, Passage, ReuseReport};
use crate::store::{ReportKey, Store};

/// Pieces of one passage at most this many characters apart are joined: the index cuts
/// a copied paragraph wherever the set of reports holding it changes.
const JOIN_GAP: usize = 3;

/// A passage of a report that other townships' reports also hold.
#[derive(Debug, Clone, Serialize)]
pub struct SharedPassage {
    /// The year of the report it stands in.
    pub year: i32,
    /// `cross-township`, `widespread` or `template`.
    pub kind: Kind,
    /// The section path where it starts; `None` before the first heading.
    pub section: Option<String>,
    pub text: String,
    /// Character offsets into that year's clean text.
    pub start: usize,
    pub end: usize,
    /// Townships holding it, the report's own included.
    pub townships: usize,
    /// Found only as reworded sentences.
    pub near: bool,
    /// Other townships' reports holding it, earliest year first.
    pub sources: Vec<PassageSource>,
}

/// Another township's report holding a passage.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PassageSource {
    pub year: Option<i32>,
    pub township: String,
    pub county: Option<String>,
    /// The section path there; `None` before its first heading or when not stored.
    pub section: Option<String>,
}

impl SharedPassage {
    /// Listing order: copying from a neighbour first, template text last.
    pub fn kind_rank(&self) -> u8 {
        match self.kind {
            Kind::CrossTownship => 0,
            Kind::Widespread => 1,
            Kind::Template => 2,
            Kind::OwnHistory => 3,
        }
    }
}

/// Section outlines of other reports, read once per report for the sources.
#[derive(Debug, Default)]
pub struct SourceSections {
    outlines: HashMap<ReportKey, Vec<Section>>,
}

impl SourceSections {
    /// The path of the deepest section of a stored report holding `at`.
    fn section_at(
        &mut self,
        store: &Store,
        key: ReportKey,
        at: usize,
    ) -> Result<Option<String>, ReviewError> {
        if !self.outlines.contains_key(&key) {
            let outline = match store.report(&key)? {
                Some(stored) => sections::parse(&stored.text).sections,
                None => Vec::new(),
            };
            self.outlines.insert(key.clone(), outline);
        }
        Ok(self
            .outlines
            .get(&key)
            .and_then(|outline| section_at(outline, at)))
    }
}

/// The section each other report holds a passage in, by that report and the passage's
/// start there: where the interface's reuse pane says the text stands "there".
pub type OccurrenceSections = HashMap<(ReportKey, usize), String>;

impl ReviewService {
    /// The sections the other reports hold `reuse`'s passages in (template text left
    /// out, as in the findings report), each report's outline read once; `own` is the
    /// report itself.
    pub fn occurrence_sections(
        &self,
        reuse: &ReuseReport,
        own: &ReportKey,
    ) -> Result<OccurrenceSections, ReviewError> {
        let mut outlines = SourceSections::default();
        let mut out = HashMap::new();
        for passage in reuse.passages.iter().filter(|p| p.kind != Kind::Template) {
            for occurrence in &passage.reports {
                let Some(year) = occurrence.year else {
                    continue;
                };
                let key = ReportKey {
                    township: occurrence.township.clone(),
                    county: occurrence.county.clone().unwrap_or_default(),
                    year,
                };
                if key == *own {
                    continue;
                }
                let at = occurrence.start;
                if let Some(section) = outlines.section_at(self.store(), key.clone(), at)? {
                    out.insert((key, at), section);
                }
            }
        }
        Ok(out)
    }
}

/// The path of the deepest section of `sections` whose span holds `at`.
pub fn section_at(sections: &[Section], at: usize) -> Option<String> {
    sections::deepest_at(sections, at).map(|i| sections[i].path.clone())
}

/// The passages of `report` (of `year`) that other townships hold, neighbouring pieces
/// with the same townships joined, with their sources.
pub fn shared_passages(
    report: &Report,
    year: i32,
    reuse: &ReuseReport,
    store: &Store,
    sources: &mut SourceSections,
) -> Result<Vec<SharedPassage>, ReviewError> {
    let mut kept: Vec<&Passage> = reuse
        .passages
        .iter()
        .filter(|p| p.kind != Kind::OwnHistory)
        .collect();
    kept.sort_by_key(|p| p.start);
    let own = report.meta.township.as_deref().unwrap_or_default();
    let mut out: Vec<SharedPassage> = Vec::new();
    let mut last_others: BTreeSet<&str> = BTreeSet::new();
    for passage in kept {
        let others: BTreeSet<&str> = passage
            .reports
            .iter()
            .map(|o| o.township.as_str())
            .filter(|t| *t != own)
            .collect();
        let found = passage_sources(passage, own, store, sources)?;
        match out.last_mut() {
            Some(last)
                if last.kind == passage.kind
                    && passage.start <= last.end + JOIN_GAP
                    && others == last_others =>
            {
                last.end = last.end.max(passage.end);
                last.townships = last.townships.max(passage.townships);
                last.near |= passage.near;
                last.sources.extend(found);
                last.sources.sort();
                last.sources
                    .dedup_by(|a, b| a.township == b.township && a.year == b.year);
            }
            _ => out.push(SharedPassage {
                year,
                kind: passage.kind,
                section: section_at(&report.sections, passage.start),
                text: String::new(),
                start: passage.start,
                end: passage.end,
                townships: passage.townships,
                near: passage.near,
                sources: found,
            }),
        }
        last_others = others;
    }
    for passage in &mut out {
        passage.text = report.slice(crate::report::Span::new(passage.start, passage.end));
    }
    Ok(out)
}

/// The other townships' reports holding a passage, one per report, earliest year
/// first; none for template text, which is everywhere.
fn passage_sources(
    passage: &Passage,
    own: &str,
    store: &Store,
    sources: &mut SourceSections,
) -> Result<Vec<PassageSource>, ReviewError> {
    if passage.kind == Kind::Template {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for occurrence in passage.reports.iter().filter(|o| o.township != own) {
        let section = match occurrence.year {
            Some(year) => {
                let key = ReportKey {
                    township: occurrence.township.clone(),
                    county: occurrence.county.clone().unwrap_or_default(),
                    year,
                };
                sources.section_at(store, key, occurrence.start)?
            }
            None => None,
        };
        out.push(PassageSource {
            year: occurrence.year,
            township: occurrence.township.clone(),
            county: occurrence.county.clone(),
            section,
        });
    }
    out.sort();
    out.dedup_by(|a, b| a.township == b.township && a.year == b.year);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Metadata;

    #[test]
    fn the_deepest_section_holding_an_offset_is_found() {
        let report = Report::analyze(
            "标题\n一、主要举措\n（一）学习。全年学习12次。\n二、不足\n宣传不够。\n",
            Metadata::default(),
            Vec::new(),
        );
        let at = |needle: &str| {
            let byte = report.text.find(needle).expect("in text");
            report.text[..byte].chars().count()
        };
        assert_eq!(section_at(&report.sections, at("全年")), Some("1.1".into()));
        assert_eq!(section_at(&report.sections, at("宣传")), Some("2".into()));
        assert_eq!(section_at(&report.sections, 0), None);
    }
}
