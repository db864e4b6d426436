//! The review service both front ends call. Everything about "a township's pair of
//! years" lives here once: which years to look at, and a report named by a file or by
//! the store. It knows no terminal, so neither front end computes a figure the other
//! cannot get.

mod error;
mod source;
mod years;

pub use error::ReviewError;
pub use source::{ReportSource, ReportText, SourcedReport, resolve_township, stored_report};
pub use years::{choose_pair, latest_pair, year_before};
