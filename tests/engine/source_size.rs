//! The code stays readable in pieces: no source file over 600 lines, except the tables
//! of data (the message table) that are long because the language is.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// Files that are tables of data, one entry per line.
const DATA_TABLES: &[&str] = &["src/i18n.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 50, "the walk found the sources");
    let long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let lines = std::fs::read_to_string(path).unwrap().lines().count();
            (lines > MAX_LINES && !DATA_TABLES.contains(&relative.as_str()))
                .then(|| format!("{relative}: {lines} lines"))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:#?}");
}
