//! Properties over arbitrary input: the pipeline from bytes to comparison never panics,
//! a report compared with itself is all unchanged, and the store gives back exactly the
//! clean text it was given.

use nianbao::compare::{RowKind, compare};
use nianbao::ingest;
use nianbao::report::Report;
use nianbao::store::{ImportStatus, NewReport, ReportKey, Store};
use proptest::prelude::*;

/// Report-like text: headings, sentences, numbers, quotes, odd whitespace and debris.
fn report_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("一、主要举措和成效\n".to_string()),
        Just("（一）加强组织领导。".to_string()),
        Just("1、全面推进".to_string()),
        Just("（2）".to_string()),
        Just("全年开展法治宣传12次，发放资料3000余份。".to_string()),
        Just("两万余人次；".to_string()),
        Just("“四个意识”".to_string()),
        Just("2022年，我镇将".to_string()),
        Just("[bookmark: _GoBack]".to_string()),
        Just("\u{3000}\r\n".to_string()),
        Just("\u{200B}\u{FEFF}".to_string()),
        "[\\PC]{0,12}",
        "[一二三四五六七八九十、（）()。，；：0-9\n 镇乡]{0,10}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_never_panics_and_self_comparison_is_unchanged(text in report_like()) {
        let Ok(doc) = ingest::from_bytes("x.txt", text.as_bytes()) else {
            return Ok(());
        };
        let report = Report::analyze(&doc.text, doc.meta.clone(), doc.artifacts.clone());
        let comparison = compare(&report, &report);
        let mut seen = 0;
        for pair in &comparison.sections {
            for row in &pair.rows {
                prop_assert_eq!(row.kind, RowKind::Unchanged);
                seen += 1;
            }
        }
        prop_assert_eq!(seen, report.sentences.len());
        if !report.sentences.is_empty() {
            prop_assert!((comparison.scores.copy_ratio - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(doc) = ingest::from_bytes("x.txt", &bytes) {
            let _ = Report::analyze(&doc.text, doc.meta, doc.artifacts);
        }
        let _ = ingest::from_bytes("x.docx", &bytes);
        let _ = ingest::from_bytes("x.html", &bytes);
    }

    #[test]
    fn store_returns_the_clean_text_byte_for_byte(text in report_like()) {
        let Ok(doc) = ingest::from_bytes("x.txt", text.as_bytes()) else {
            return Ok(());
        };
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut store = Store::open(&dir.path().join("s.db"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let report = NewReport {
            township: "甲镇",
            county: "",
            province: None,
            year: 2021,
            title: None,
            signed_by: None,
            signed_on: None,
            text: &doc.text,
            source_path: "x.txt",
            format: doc.format.as_str(),
            encoding: &doc.encoding,
            original: text.as_bytes(),
            artifacts: &doc.artifacts,
        };
        let status = store
            .import(&report, false)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(status, ImportStatus::Imported);
        let key = ReportKey { township: "甲镇".into(), county: String::new(), year: 2021 };
        let stored = store
            .report(&key)
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .ok_or_else(|| TestCaseError::fail("report missing"))?;
        prop_assert_eq!(stored.text.as_bytes(), doc.text.as_bytes());
        prop_assert_eq!(stored.artifacts, doc.artifacts);
    }
}
