//! Two townships' reports side by side: a report beside the other township's report it
//! shares a passage with, compared as a pair of years is, so a reviewer reads the copy
//! in place. The township's own notes are not shown: the two sides are not its years.

use std::sync::Arc;

use super::ReviewError;
use super::pair::PairData;
use super::service::{OpenedPair, ReviewService};
use super::source::missing;
use crate::report::Report;
use crate::store::ReportKey;

/// A report (`here`) and another township's report (`source`) to compare with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRequest {
    pub here: ReportKey,
    pub source: ReportKey,
}

impl ReviewService {
    /// Opens `source` as the old side and `here` as the new one, both analysed as
    /// stored, compared and laid out as a pair; figures are not followed over years.
    pub fn open_cross(&mut self, request: &CrossRequest) -> Result<OpenedPair, ReviewError> {
        let source = self.stored(&request.source)?;
        let here = self.stored(&request.here)?;
        let data = PairData::build(
            &request.here.township,
            &request.here.county,
            vec![request.here.year],
            Some(source),
            here,
            &[],
        );
        Ok(OpenedPair {
            data: Arc::new(data),
            notes: Vec::new(),
        })
    }

    /// The analysed current report of `key`, or an error naming it.
    fn stored(&mut self, key: &ReportKey) -> Result<Arc<Report>, ReviewError> {
        self.report(key)?.ok_or_else(|| missing(self.store(), key))
    }
}
