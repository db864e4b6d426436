//! The filters `list` and `search` share: a county, a province, a year, each checked
//! as the user types it and compared with the store's names as they are stored.

use crate::names;
use crate::store::TownshipSummary;

/// `--county`, `--province` and `--year`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Within {
    /// Only this county's reports.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub county: Option<String>,
    /// Only this province's reports.
    #[arg(long, value_parser = names::parse_name_flag)]
    pub province: Option<String>,
    /// Only reports of this year.
    #[arg(long, value_parser = names::parse_year_flag, allow_negative_numbers = true)]
    pub year: Option<i32>,
}

impl Within {
    /// The flags given, as typed, for the error when they select nothing.
    pub(super) fn typed(&self) -> [(&'static str, Option<String>); 3] {
        [
            ("--county", self.county.clone()),
            ("--province", self.province.clone()),
            ("--year", self.year.map(|year| year.to_string())),
        ]
    }

    /// The same filters with their names normalized once, as stored, for [`Within::keeps`].
    pub(super) fn as_stored(&self) -> Within {
        Within {
            county: self.county.as_deref().map(names::normalize),
            province: self.province.as_deref().map(names::normalize),
            year: self.year,
        }
    }

    /// Whether a township has a report within these filters (names as stored).
    pub(super) fn keeps(&self, t: &TownshipSummary) -> bool {
        let is = |asked: &Option<String>, held: &Option<String>| asked.is_none() || asked == held;
        is(&self.county, &t.county)
            && is(&self.province, &t.province)
            && self.year.is_none_or(|year| t.years.contains(&year))
    }
}
