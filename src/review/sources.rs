//! Where a neighbour's name came from: a `foreign-township` finding whose sentence the
//! reuse index finds in another township's report cites that report — township, year
//! and section — so a reviewer can open what was copied.

use crate::report::lint::SourceReport;
use crate::report::{LintKind, Report, sections};
use crate::reuse::{Occurrence, Params};
use crate::store::reuse_index::report_reuse;
use crate::store::{ReportKey, Store, StoreError};

/// Township name endings, taken off to find a name inside a slogan (`和谐柳塘`).
const SUFFIXES: [&str; 3] = ["街道", "镇", "乡"];

/// Fills the source of each `foreign-township` finding of the stored report `key` from
/// the reuse index; findings whose text no other township's report holds keep none.
pub fn cite_sources(store: &Store, key: &ReportKey, report: &mut Report) -> Result<(), StoreError> {
    let wanted = |kind: LintKind| kind == LintKind::ForeignTownship;
    if !report
        .lint
        .iter()
        .any(|f| wanted(f.kind) && f.span.is_some())
    {
        return Ok(());
    }
    let Some(reuse) = report_reuse(store, key, &Params::default())? else {
        return Ok(());
    };
    let mut cited = Vec::new();
    for (index, finding) in report.lint.iter().enumerate() {
        let Some(span) = finding.span.filter(|_| wanted(finding.kind)) else {
            continue;
        };
        let named = report.slice(span);
        let holders = reuse
            .passages
            .iter()
            .filter(|p| p.start < span.end && span.start < p.end)
            .flat_map(|p| &p.reports)
            .filter(|o| !same_township(o, key));
        if let Some(best) = best_source(holders, &named, key.year) {
            cited.push((index, best.clone()));
        }
    }
    for (index, occurrence) in cited {
        let source = describe(store, &occurrence)?;
        if let Some(finding) = report.lint.get_mut(index) {
            finding.source = Some(source);
        }
    }
    Ok(())
}

fn same_township(o: &Occurrence, key: &ReportKey) -> bool {
    o.township == key.township && o.county.as_deref().unwrap_or_default() == key.county
}

/// The likeliest report copied from: the township the finding names, then a report of
/// this year or the latest before it, then an exact copy.
fn best_source<'a>(
    holders: impl Iterator<Item = &'a Occurrence>,
    named: &str,
    year: i32,
) -> Option<&'a Occurrence> {
    holders.min_by_key(|o| {
        let other_name = !named.contains(bare(&o.township));
        let their_year = o.year.unwrap_or(i32::MIN);
        (
            other_name,
            their_year > year,
            std::cmp::Reverse(their_year),
            !o.exact,
        )
    })
}

/// A township's name without its ending (`柳塘镇` → `柳塘`).
fn bare(township: &str) -> &str {
    SUFFIXES
        .iter()
        .find_map(|s| township.strip_suffix(s))
        .filter(|b| !b.is_empty())
        .unwrap_or(township)
}

/// The source as a reviewer cites it: the section holding the passage in that report.
fn describe(store: &Store, o: &Occurrence) -> Result<SourceReport, StoreError> {
    let mut source = SourceReport {
        township: o.township.clone(),
        county: o.county.clone(),
        year: o.year,
        section: None,
        heading: None,
    };
    let Some(year) = o.year else {
        return Ok(source);
    };
    let key = ReportKey {
        township: o.township.clone(),
        county: o.county.clone().unwrap_or_default(),
        year,
    };
    if let Some(stored) = store.report(&key)? {
        let outline = sections::parse(&stored.text);
        let deepest = sections::deepest_at(&outline.sections, o.start);
        if let Some(section) = deepest.map(|i| &outline.sections[i]) {
            source.section = Some(section.path.clone());
            source.heading = Some(format!("{}{}", section.marker, section.title));
        }
    }
    Ok(source)
}
