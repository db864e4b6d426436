//! A report from a file or from the store: every subcommand that reads reports names
//! them as a [`ReportSource`], so a file and a stored report are read, analysed and
//! described alike, and a missing one gets the same message everywhere.

use std::path::{Path, PathBuf};

use super::ReviewError;
use crate::ingest::{self, Artifact, Metadata};
use crate::names;
use crate::report::Report;
use crate::store::{ReportKey, Store, StoreError, StoredReport};

/// Where a report comes from.
#[derive(Debug, Clone)]
pub enum ReportSource {
    /// A file read as it is, without the store.
    File(PathBuf),
    /// A report of the store, read when it was named.
    Stored(Box<StoredReport>),
}

/// A report's clean text and what is known about it, before analysis.
#[derive(Debug, Clone)]
pub struct ReportText {
    pub text: String,
    /// The stored identity for a stored report; what the text says for a file.
    pub meta: Metadata,
    pub artifacts: Vec<Artifact>,
}

/// An analysed report and the file it was read from, if any. For a stored report the
/// metadata is the stored identity (township, county, year).
#[derive(Debug, Clone)]
pub struct SourcedReport {
    pub report: Report,
    pub file: Option<PathBuf>,
}

impl SourcedReport {
    /// The township: stored, or as the text names it.
    pub fn township(&self) -> Option<&str> {
        self.report.meta.township.as_deref()
    }

    /// The county: stored, or as the text names it.
    pub fn county(&self) -> Option<&str> {
        self.report.meta.county.as_deref()
    }

    /// The reporting year: stored, or as the text names it.
    pub fn year(&self) -> Option<i32> {
        self.report.meta.year
    }

    /// The file as given on the command line, for a report read from one.
    pub fn file_name(&self) -> Option<String> {
        self.file.as_ref().map(|f| f.display().to_string())
    }
}

impl ReportSource {
    /// The stored report of a township and year, named as a reviewer names it (the
    /// county only when the name is stored under several); the error says what the
    /// store holds instead.
    pub fn stored(
        store: &Store,
        township: &str,
        county: Option<&str>,
        year: i32,
    ) -> Result<ReportSource, ReviewError> {
        stored_report(store, township, county, year).map(|r| ReportSource::Stored(Box::new(r)))
    }

    /// The file, for a report read from one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            ReportSource::File(path) => Some(path),
            ReportSource::Stored(_) => None,
        }
    }

    /// The clean text and metadata, without analysis.
    pub fn text(&self) -> Result<ReportText, ReviewError> {
        match self {
            ReportSource::File(path) => {
                let (_, doc) = ingest::read_path(path).map_err(|source| ReviewError::File {
                    path: path.display().to_string(),
                    source,
                })?;
                Ok(ReportText {
                    text: doc.text,
                    meta: doc.meta,
                    artifacts: doc.artifacts,
                })
            }
            ReportSource::Stored(stored) => Ok(ReportText {
                text: stored.text.clone(),
                meta: stored.metadata(),
                artifacts: stored.artifacts.clone(),
            }),
        }
    }

    /// Reads and analyses the report.
    pub fn analyze(&self) -> Result<SourcedReport, ReviewError> {
        let report = match self {
            ReportSource::Stored(stored) => stored.analyze(),
            ReportSource::File(_) => {
                let text = self.text()?;
                Report::analyze(&text.text, text.meta, text.artifacts)
            }
        };
        Ok(SourcedReport {
            report,
            file: self.file().map(Path::to_path_buf),
        })
    }
}

/// The county a township is stored under: the one given, or the only one it has; an
/// error when the store has no report of the township, or none under the county given
/// (naming the counties it is stored under), or it is under several and none is given.
pub fn resolve_township(
    store: &Store,
    township: &str,
    county: Option<&str>,
) -> Result<String, ReviewError> {
    let mut counties = store.counties_of(township)?;
    match county.map(names::normalize) {
        Some(asked) if counties.contains(&asked) => Ok(asked),
        None if counties.len() == 1 => Ok(counties.remove(0)),
        None if counties.len() > 1 => Err(StoreError::AmbiguousCounty {
            township: names::normalize(township),
            counties: counties.join(", "),
        }
        .into()),
        _ => Err(refusal(store, township, county, None, counties)),
    }
}

/// Why a township (under `county`, of `year`) has no stored report, as the one error
/// every command gives: no such township, not under that county (naming those it is
/// under), or no report of that year (naming the years stored).
pub fn why_not_stored(
    store: &Store,
    township: &str,
    county: Option<&str>,
    year: Option<i32>,
) -> ReviewError {
    match store.counties_of(township) {
        Ok(counties) => refusal(store, township, county, year, counties),
        Err(error) => error.into(),
    }
}

/// The refusal for a township stored under `counties`; a failed lookup of its years
/// is the refusal then.
fn refusal(
    store: &Store,
    township: &str,
    county: Option<&str>,
    year: Option<i32>,
    counties: Vec<String>,
) -> ReviewError {
    let unknown = || ReviewError::UnknownTownship {
        township: township.to_string(),
        store: store.path().display().to_string(),
    };
    let within = match county.map(names::normalize) {
        _ if counties.is_empty() => return unknown(),
        Some(asked) if !counties.contains(&asked) => {
            return ReviewError::NotInCounty {
                township: names::normalize(township),
                county: asked,
                counties,
            };
        }
        Some(asked) => vec![asked],
        None => counties,
    };
    let Some(year) = year else {
        return unknown();
    };
    let mut stored = Vec::new();
    for county in &within {
        match store.years(township, county) {
            Ok(years) => stored.extend(years),
            Err(error) => return error.into(),
        }
    }
    stored.sort_unstable();
    stored.dedup();
    ReviewError::NoReport {
        township: names::normalize(township),
        year,
        stored,
    }
}

/// The current stored report of a township and year, with a one-line error that says
/// what the store does hold.
pub fn stored_report(
    store: &Store,
    township: &str,
    county: Option<&str>,
    year: i32,
) -> Result<StoredReport, ReviewError> {
    let county = resolve_township(store, township, county)?;
    let key = ReportKey {
        township: township.to_string(),
        county,
        year,
    };
    match store.report(&key)? {
        Some(report) => Ok(report),
        None => Err(missing(store, &key)),
    }
}

/// The error for a report that is not in the store, listing the years that are.
pub(super) fn missing(store: &Store, key: &ReportKey) -> ReviewError {
    ReviewError::NoReport {
        township: key.township.clone(),
        year: key.year,
        stored: store.years(&key.township, &key.county).unwrap_or_default(),
    }
}
