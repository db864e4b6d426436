//! The built-in demo: a fictional county (云岭县) with four townships and three years
//! each, written for this project, with the things a reviewer hunts for planted in it:
//! - 松坪乡 2023 is 2022's text with the dates changed and the numbers left as they were;
//! - 白河镇 renames its first part in 2022 and moves the first-responsible-person part to
//!   the front in 2023, where a breakdown of published items does not add up;
//! - 青石镇 2022 moves the dispute-mediation paragraph and a sentence between sections;
//! - 柳溪镇 2022 lacks the first-responsible-person part and copies 青石镇's publicity
//!   paragraph with 青石镇's name left in; its 2024 plan opens with `2023年，我镇将…`;
//! - every report opens with the same county template paragraph;
//! - 青石镇 2021 is stored as a GBK `.txt` and 白河镇 2023 as a `.docx` whose headings are
//!   Word list numbering, so import of both formats is part of the demo.

pub mod corpus;
mod docx_writer;

use std::path::{Path, PathBuf};

/// The fictional county every demo township belongs to.
pub const COUNTY: &str = "云岭县";

/// Demo reports as `(township, year, text)`.
pub const REPORTS: &[(&str, i32, &str)] = &[
    ("青石镇", 2021, include_str!("reports/青石镇-2021.txt")),
    ("青石镇", 2022, include_str!("reports/青石镇-2022.txt")),
    ("青石镇", 2023, include_str!("reports/青石镇-2023.txt")),
    ("白河镇", 2021, include_str!("reports/白河镇-2021.txt")),
    ("白河镇", 2022, include_str!("reports/白河镇-2022.txt")),
    ("白河镇", 2023, include_str!("reports/白河镇-2023.txt")),
    ("松坪乡", 2021, include_str!("reports/松坪乡-2021.txt")),
    ("松坪乡", 2022, include_str!("reports/松坪乡-2022.txt")),
    ("松坪乡", 2023, include_str!("reports/松坪乡-2023.txt")),
    ("柳溪镇", 2021, include_str!("reports/柳溪镇-2021.txt")),
    ("柳溪镇", 2022, include_str!("reports/柳溪镇-2022.txt")),
    ("柳溪镇", 2023, include_str!("reports/柳溪镇-2023.txt")),
];

/// How each demo report is saved, so the demo exercises every import path.
fn file_for(township: &str, year: i32, text: &str) -> std::io::Result<(String, Vec<u8>)> {
    Ok(match (township, year) {
        ("青石镇", 2021) => {
            let (bytes, _, _) = encoding_rs::GBK.encode(text);
            (
                format!("{township}{year}年报告（GBK）.txt"),
                bytes.into_owned(),
            )
        }
        ("白河镇", 2023) => (
            format!("{township}{year}年报告.docx"),
            docx_writer::numbered_docx(text).map_err(std::io::Error::other)?,
        ),
        _ => (
            format!("{township}{year}年报告.txt"),
            text.as_bytes().to_vec(),
        ),
    })
}

/// Writes the demo reports into `dir` as a township office would send them, and returns
/// the paths written.
pub fn write_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut paths = Vec::with_capacity(REPORTS.len());
    for (township, year, text) in REPORTS {
        let (name, bytes) = file_for(township, *year, text)?;
        let path = dir.join(name);
        std::fs::write(&path, bytes)?;
        paths.push(path);
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;

    #[test]
    fn every_demo_file_ingests_to_its_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = write_files(dir.path()).expect("write demo files");
        assert_eq!(paths.len(), REPORTS.len());
        for (path, (township, year, text)) in paths.iter().zip(REPORTS) {
            let (_, doc) = ingest::read_path(path).expect("ingest demo file");
            let expected: String = text.lines().map(str::trim).collect::<Vec<_>>().join("\n");
            let got: String = doc
                .text
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n");
            assert_eq!(
                got.trim(),
                expected.trim(),
                "{township} {year} ({})",
                path.display()
            );
        }
    }
}
