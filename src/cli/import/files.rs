//! The files an import reads: folders walked for report files, each path as it is
//! stored.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{FailedFile, Summary};
use crate::i18n::{ErrorMsg, Lang, error_msg, fill, ingest_error};
use crate::ingest;

/// Extensions picked up when walking a folder; a file named explicitly is always tried.
const REPORT_EXTENSIONS: &[&str] = &["txt", "docx", "html", "htm", "shtml", "doc", "wps", "pdf"];

/// `path` made absolute as [`std::path::absolute`] makes it, from `cwd` (the working
/// folder, read once per import) rather than from the working folder read again.
pub(super) fn absolute(path: &Path, cwd: Option<&Path>) -> String {
    let from_cwd = cwd.map(|cwd| cwd.join(path));
    std::path::absolute(from_cwd.as_deref().unwrap_or(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Expands folders into report files. Directory symlinks are not followed, so a link
/// loop cannot trap the walk; unreadable folders become failures, not aborts.
pub(super) fn collect_files(paths: &[PathBuf], lang: Lang) -> (Vec<PathBuf>, Summary) {
    let mut files = Vec::new();
    let mut summary = Summary::default();
    let mut seen = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut summary, &mut seen, lang),
            Ok(_) => files.push(path.clone()),
            Err(error) => summary.failed.push(FailedFile {
                file: path.display().to_string(),
                error: ingest_error(lang, &ingest::IngestError::Io(error)),
            }),
        }
    }
    (files, summary)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    summary: &mut Summary,
    seen: &mut HashSet<PathBuf>,
    lang: Lang,
) {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            summary.failed.push(FailedFile {
                file: dir.display().to_string(),
                error: fill(
                    error_msg(lang, ErrorMsg::CannotReadFolder),
                    &[&error.to_string()],
                ),
            });
            return;
        }
    };
    // The type as the folder listing gives it (a symlink is not followed): no system
    // call per file.
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            Some((e.path(), e.file_type().ok()?.is_dir()))
        })
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            walk(&path, files, summary, seen, lang);
        } else if is_report_file(&path) {
            files.push(path);
        }
    }
}

fn is_report_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    !hidden && REPORT_EXTENSIONS.contains(&ext.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_paths_are_absolute_as_the_standard_library_makes_them() {
        let cwd = std::env::current_dir().unwrap();
        for path in [
            "a/b.txt",
            "./a/../b.txt",
            "a//b/./c.txt",
            "a/b/",
            ".",
            "/x/./y.txt",
            "//x/y.txt",
            "///x/y.txt",
        ] {
            let path = Path::new(path);
            let standard = std::path::absolute(path).unwrap().display().to_string();
            assert_eq!(absolute(path, Some(&cwd)), standard, "{}", path.display());
            assert_eq!(absolute(path, None), standard, "{}", path.display());
        }
    }
}
