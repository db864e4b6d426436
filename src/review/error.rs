//! Why the review service could not do what was asked: one line each, naming the
//! township, year or file, and what to do.

use crate::ingest::IngestError;
use crate::store::StoreError;

/// A failure of the review service, shown as one line by both front ends.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no reports for {township} in store {store}; see `nianbao list`")]
    UnknownTownship { township: String, store: String },
    #[error("no {year} report for {township} (stored years: {})", list(.stored))]
    NoReport {
        township: String,
        year: i32,
        stored: Vec<i32>,
    },
    #[error(
        "no report for {township} before {year} (stored years: {}); give both years",
        list(.stored)
    )]
    NothingBefore {
        township: String,
        year: i32,
        stored: Vec<i32>,
    },
    #[error(
        "{township} has fewer than two years stored ({}); import another year first",
        list(.stored)
    )]
    TooFewYears { township: String, stored: Vec<i32> },
    #[error("{path}: {source}")]
    File { path: String, source: IngestError },
    /// A job panicked; the panic itself is in the log.
    #[error("internal error while analysing; see the log")]
    Internal,
}

/// `2021, 2022, 2023`.
fn list(years: &[i32]) -> String {
    years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
