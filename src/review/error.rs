//! Why the review service could not do what was asked: one line each, naming the
//! township, year or file, and what to do.

use crate::i18n::{Lang, Msg, fill, msg};
use crate::ingest::IngestError;
use crate::store::StoreError;

/// A failure of the review service, shown as one line by both front ends.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no reports for {township} in store {store}; see `nianbao list`")]
    UnknownTownship { township: String, store: String },
    #[error("{township} is not stored under {county} (stored under: {})", counties_list(.counties))]
    NotInCounty {
        township: String,
        county: String,
        counties: Vec<String>,
    },
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

impl ReviewError {
    /// The message in the reader's language.
    pub fn in_lang(&self, lang: Lang) -> String {
        let (m, args): (Msg, Vec<String>) = match self {
            ReviewError::UnknownTownship { township, store } => (
                Msg::ErrUnknownTownship,
                vec![township.clone(), store.clone()],
            ),
            ReviewError::NotInCounty {
                township,
                county,
                counties,
            } => (
                Msg::ErrNotInCounty,
                vec![township.clone(), county.clone(), counties_list(counties)],
            ),
            ReviewError::NoReport {
                township,
                year,
                stored,
            } => (
                Msg::ErrNoReport,
                vec![township.clone(), year.to_string(), list(stored)],
            ),
            ReviewError::NothingBefore {
                township,
                year,
                stored,
            } => (
                Msg::ErrNothingBefore,
                vec![township.clone(), year.to_string(), list(stored)],
            ),
            ReviewError::TooFewYears { township, stored } => {
                (Msg::ErrTooFewYears, vec![township.clone(), list(stored)])
            }
            ReviewError::Internal => (Msg::ErrInternal, Vec::new()),
            ReviewError::File { path, source } => {
                return format!("{path}: {}", crate::i18n::ingest_error(lang, source));
            }
            ReviewError::Store(e) => return e.in_lang(lang),
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fill(msg(lang, m), &args)
    }
}

/// `2021, 2022, 2023`.
fn list(years: &[i32]) -> String {
    years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `甲县, 乙县`, a report of no known county as `-` (as `nianbao list` shows it).
fn counties_list(counties: &[String]) -> String {
    counties
        .iter()
        .map(|c| if c.is_empty() { "-" } else { c.as_str() })
        .collect::<Vec<_>>()
        .join(", ")
}
