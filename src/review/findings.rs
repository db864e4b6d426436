//! Findings gathered for reports and exports: for each township under review, its pair
//! of years with what a county office writes up — how much was copied from the year
//! before, overall and section by section; text shared with other townships and
//! template text; lint of both years; figures the ledger flags; reviewer notes and
//! flags; and how far the review has come. Gathered once here, so the findings report
//! in every format, and any front end, says the same.

use std::collections::HashSet;

use serde::Serialize;

use super::shared::{SharedPassage, SourceSections, shared_passages};
use super::years::{latest_pair, year_before};
use super::{OpenRequest, ReviewError, ReviewService, resolve_township};
use crate::compare::ledger::LedgerRow;
use crate::compare::{Comparison, Region};
use crate::report::{Finding, Report};
use crate::store::{Note, NoteKind, ReportKey, TownshipSummary};

/// Which townships and years a findings report covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingsScope {
    /// Only these townships, as named by a reviewer; every stored township when empty.
    pub townships: Vec<String>,
    /// Only townships of this county (and, for named townships, the county they are
    /// stored under when the name is stored under several).
    pub county: Option<String>,
    /// The year under review: each pair ends there, and townships without a report
    /// for it are left out; each township's latest year when `None`.
    pub year: Option<i32>,
}

/// Everything a findings report says about one township's pair of years.
#[derive(Debug, Clone, Serialize)]
pub struct TownshipFindings {
    pub township: String,
    pub county: String,
    /// Last year; `None` when the township has one year only.
    pub old_year: Option<i32>,
    pub new_year: i32,
    /// Share of this year's text carried over from last year; `None` with one year.
    pub copy_ratio: Option<f64>,
    /// This year's sections with their copy ratios, the most copied first.
    pub sections: Vec<SectionCopy>,
    /// Text shared with other townships (with where they have it), then template text.
    pub reuse: Vec<SharedPassage>,
    /// Lint of both years, last year's first.
    pub lint: Vec<YearFinding>,
    /// Ledger rows that carry a flag.
    pub figures: Vec<LedgerRow>,
    /// Reviewer notes and flags on both years, in report order.
    pub notes: Vec<Note>,
    /// This year's sections marked reviewed.
    pub reviewed: Vec<ReviewedSection>,
    /// How many sections this year's report has.
    pub section_count: usize,
}

/// One section of this year's report and how much of it was carried over.
#[derive(Debug, Clone, Serialize)]
pub struct SectionCopy {
    /// The section path; `"0"` for the text before the first heading, `"end"` for the
    /// signature and date, as in `diff --json`.
    pub path: String,
    /// Marker and title (empty for the opening and the closing).
    pub heading: String,
    pub copy_ratio: f64,
    /// Sentences of this year in the section.
    pub sentences: usize,
}

/// A lint finding with the year of the report it is in.
#[derive(Debug, Clone, Serialize)]
pub struct YearFinding {
    pub year: i32,
    #[serde(flatten)]
    pub finding: Finding,
}

/// A section marked reviewed.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewedSection {
    pub path: String,
    /// Marker and title, when the section is still in the report.
    pub heading: String,
}

impl TownshipFindings {
    /// Notes and flags, without the reviewed marks.
    pub fn remarks(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.kind != NoteKind::Reviewed)
    }
}

impl ReviewService {
    /// The findings of every township in `scope`, in the store's township order. A
    /// township named in the scope but not stored, or without the year asked for, is
    /// an error; with no names, townships without that year are left out.
    pub fn findings(
        &mut self,
        scope: &FindingsScope,
    ) -> Result<Vec<TownshipFindings>, ReviewError> {
        let mut sources = SourceSections::default();
        self.scoped_pairs(scope)?
            .iter()
            .map(|request| self.township_findings(request, &mut sources))
            .collect()
    }

    /// The pair under review of each township in scope.
    fn scoped_pairs(&self, scope: &FindingsScope) -> Result<Vec<OpenRequest>, ReviewError> {
        let all = self.townships()?.townships;
        let chosen: Vec<TownshipSummary> = if scope.townships.is_empty() {
            all.into_iter()
                .filter(|t| scope.county.is_none() || t.county == scope.county)
                .collect()
        } else {
            let mut chosen = Vec::new();
            for name in &scope.townships {
                let county = resolve_township(self.store(), name, scope.county.as_deref())?;
                let stored = all.iter().find(|t| {
                    names_match(&t.township, name) && t.county.as_deref().unwrap_or("") == county
                });
                chosen.extend(stored.cloned());
            }
            chosen
        };
        let mut out = Vec::new();
        for township in chosen {
            let years = &township.years;
            let pair = match scope.year {
                Some(year) if years.contains(&year) => Some((year_before(years, year), year)),
                Some(year) if !scope.townships.is_empty() => {
                    return Err(ReviewError::NoReport {
                        township: township.township.clone(),
                        year,
                        stored: years.clone(),
                    });
                }
                Some(_) => None,
                None => latest_pair(years),
            };
            if let Some((old, new)) = pair {
                out.push(OpenRequest {
                    township: township.township.clone(),
                    county: township.county.clone().unwrap_or_default(),
                    years: old.into_iter().chain([new]).collect(),
                    old,
                    new,
                });
            }
        }
        Ok(out)
    }

    /// The findings of one pair: opened as the review screen opens it (the same
    /// analyses and cache), with the reuse of both years.
    fn township_findings(
        &mut self,
        request: &OpenRequest,
        sources: &mut SourceSections,
    ) -> Result<TownshipFindings, ReviewError> {
        let opened = self.open(request)?;
        let data = &opened.data;
        let mut reuse = Vec::new();
        let years = [
            (data.old.as_ref(), data.old_year),
            (Some(&data.new), Some(data.new_year)),
        ];
        for (report, year) in years {
            let (Some(report), Some(year)) = (report, year) else {
                continue;
            };
            let key = ReportKey {
                township: request.township.clone(),
                county: request.county.clone(),
                year,
            };
            if let Some(found) = self.reuse(&key)? {
                reuse.extend(shared_passages(
                    report,
                    year,
                    &found,
                    self.store(),
                    sources,
                )?);
            }
        }
        reuse.sort_by_key(|p| (p.kind_rank(), p.year, p.start));
        let lint: Vec<YearFinding> = years
            .iter()
            .filter_map(|(report, year)| Some((report.as_ref()?, year.as_ref()?)))
            .flat_map(|(report, &year)| {
                report.lint.iter().map(move |finding| YearFinding {
                    year,
                    finding: finding.clone(),
                })
            })
            .collect();
        let reviewed = reviewed_sections(&opened.notes, &data.new, data.new_year);
        Ok(TownshipFindings {
            township: request.township.clone(),
            county: request.county.clone(),
            old_year: data.old_year,
            new_year: data.new_year,
            copy_ratio: data
                .old
                .is_some()
                .then_some(data.comparison.scores.copy_ratio),
            sections: section_copies(&data.comparison, &data.new),
            reuse,
            lint,
            figures: data
                .ledger
                .iter()
                .filter(|row| !row.flags.is_empty())
                .cloned()
                .collect(),
            notes: opened.notes.clone(),
            reviewed,
            section_count: data.new.sections.len(),
        })
    }
}

/// True when a stored name is the name a reviewer typed (invisible characters and
/// width aside).
fn names_match(stored: &str, typed: &str) -> bool {
    crate::names::normalize(stored) == crate::names::normalize(typed)
}

/// This year's sections (and opening and closing) with their copy ratios, the most
/// copied first; sections of equal ratio in reading order.
fn section_copies(comparison: &Comparison, new: &Report) -> Vec<SectionCopy> {
    let mut out: Vec<SectionCopy> = comparison
        .sections
        .iter()
        .filter_map(|pair| {
            let (path, heading) = match pair.new? {
                Region::Preamble => ("0".to_string(), String::new()),
                Region::Closing => ("end".to_string(), String::new()),
                Region::Section(i) => {
                    let section = new.sections.get(i)?;
                    (
                        section.path.clone(),
                        format!("{}{}", section.marker, section.title),
                    )
                }
            };
            let sentences = pair.rows.iter().flat_map(|r| r.new_sentences()).count();
            Some(SectionCopy {
                path,
                heading,
                copy_ratio: pair.scores.copy_ratio,
                sentences,
            })
        })
        .collect();
    out.sort_by(|a, b| b.copy_ratio.total_cmp(&a.copy_ratio));
    out
}

/// The sections of this year's report marked reviewed, in report order.
fn reviewed_sections(notes: &[Note], new: &Report, year: i32) -> Vec<ReviewedSection> {
    let marked: HashSet<&str> = notes
        .iter()
        .filter(|n| n.kind == NoteKind::Reviewed && n.year == year)
        .filter_map(|n| n.section.as_deref())
        .collect();
    new.sections
        .iter()
        .filter(|s| marked.contains(s.path.as_str()))
        .map(|s| ReviewedSection {
            path: s.path.clone(),
            heading: format!("{}{}", s.marker, s.title),
        })
        .collect()
}
