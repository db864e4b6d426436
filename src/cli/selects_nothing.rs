//! What `check`, `figures`, `list`, `notes`, `report` and `search` say when their
//! filters select no stored report: the county named when it has none, the year and
//! county when that year has none, or the filters as typed, so a mistyped filter is
//! never read as a clean result or an empty answer.

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

/// The error for filters no stored report matches, naming them as typed
/// (`--county 黔江区 --year 2023`); `None` values were not given.
pub(super) fn filters(lang: Lang, given: &[(&str, Option<String>)]) -> anyhow::Error {
    let typed: Vec<String> = given
        .iter()
        .filter_map(|(flag, value)| value.as_ref().map(|value| format!("{flag} {value}")))
        .collect();
    anyhow::anyhow!(error_words(
        lang,
        ErrorMsg::NoStoredWithin,
        &[&typed.join(" ")]
    ))
}
