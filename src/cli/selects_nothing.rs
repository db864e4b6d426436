//! What `check` and `figures` say when their county and year select no stored report
//! of any township: the county named when it has none, the year and county when that
//! year has none, so a mistyped filter is never read as a clean result.

use crate::i18n::{ErrorMsg, Lang, error_msg, error_words};

/// The error for a county and year that select nothing; `county_stored` says whether
/// the county holds any report at all.
pub(super) fn county_or_year(
    lang: Lang,
    county: Option<&str>,
    county_stored: bool,
    year: Option<i32>,
) -> anyhow::Error {
    let words = match (county, year) {
        (Some(county), _) if !county_stored => {
            error_words(lang, ErrorMsg::NoStoredReport, &[county])
        }
        (Some(county), Some(year)) => error_words(
            lang,
            ErrorMsg::NoReportForYear,
            &[&year.to_string(), county],
        ),
        _ => error_msg(lang, ErrorMsg::NoStoredMatch).to_string(),
    };
    anyhow::anyhow!(words)
}
