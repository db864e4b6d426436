//! The fingerprint of the analysis engines that keys what is kept across processes
//! (the store's summary cache): the result of analysing and comparing two small reports
//! written for the purpose.

use crate::compare::{self, ledger};
use crate::ingest::Metadata;
use crate::report::Report;

/// What the numbers of a cached summary mean. Raised whenever that changes (2: the
/// findings of both years of the pair, no longer the latest year's lint alone; 3: stale
/// years read against the year before each), so summaries cached under the old meaning
/// are recomputed.
const SUMMARY_FORMAT: u32 = 3;

/// A fingerprint of the analysis engines: the result of analysing and comparing two
/// small reports written for the purpose, and what cached summaries mean. Summaries
/// cached by other engines (an older or newer nianbao) carry another fingerprint and
/// are recomputed.
pub fn engine_fingerprint() -> String {
    let old = Report::analyze(PROBE_OLD, probe_meta(2021), Vec::new());
    let new = Report::analyze(PROBE_NEW, probe_meta(2022), Vec::new());
    let comparison = compare::compare(&old, &new);
    let probe = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "summary_format": SUMMARY_FORMAT,
        "comparison": comparison,
        "old": { "sections": old.sections, "figures": old.figures, "lint": old.lint },
        "new": { "sections": new.sections, "figures": new.figures, "lint": new.lint },
        "ledger": ledger::ledger(&old, &new),
    });
    let text = serde_json::to_string(&probe).unwrap_or_default();
    crate::store::sha256_hex(text.as_bytes())
}

pub(super) fn probe_meta(year: i32) -> Metadata {
    Metadata {
        township: Some("样例镇".to_string()),
        county: Some("样例县".to_string()),
        year: Some(year),
        ..Metadata::default()
    }
}

pub(super) const PROBE_OLD: &str = "样例镇2021年法治政府建设年度报告\n一、主要举措和成效\n（一）加强学习。全年组织专题学习12次，发放宣传资料3000余份。\n（二）依法决策。重大决策均经合法性审查。\n二、存在的不足和原因\n法治宣传形式单一。\n三、2022年工作安排\n继续深化法治宣传。\n样例镇人民政府\n2021年12月20日";

pub(super) const PROBE_NEW: &str = "样例镇2022年法治政府建设年度报告\n一、主要举措和成效\n（一）加强学习。全年组织专题学习15次，发放宣传资料3000余份。\n（二）依法决策。重大决策均经合法性审查和集体讨论。\n二、存在的不足和原因\n法治宣传形式单一。\n三、党政主要负责人履行第一责任人职责情况\n主要负责人亲自部署。\n四、2023年工作安排\n继续深化法治宣传。\n样例镇人民政府\n2022年12月18日";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_within_a_build() {
        assert_eq!(engine_fingerprint(), engine_fingerprint());
        assert_eq!(engine_fingerprint().len(), 64);
    }
}
