//! Writing an export to a file, the one way every export (and `notes export`) does it:
//! never over an existing file without `force`; through a temporary file beside the
//! target, renamed into place, so a crash never leaves half a document; never into a
//! FIFO, device, socket or folder; through a symbolic link into the file it names (the
//! link stays a link); into a hard-linked file in place, so every name sees the new
//! content; and with the replaced file's permissions kept.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Links followed before a path is taken for a loop.
const MAX_LINKS: usize = 40;

/// Why an export could not be written; each reads as one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path} already exists; pass --force to overwrite it")]
    Exists { path: String },
    #[error("{path} is not a regular file ({what}); choose a file name for the output")]
    NotRegular { path: String, what: &'static str },
    #[error("{path}: too many symbolic links; choose another file name for the output")]
    LinkLoop { path: String },
    #[error("cannot write {path}: {source}")]
    Io { path: String, source: io::Error },
}

/// Writes `bytes` to `path` by the rules above. With `force`, an existing regular file
/// is replaced; without it, any existing file is left alone and an error says so.
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let io_error = |source: io::Error| WriteError::Io {
        path: shown.clone(),
        source: without_temporary_path(source),
    };
    let target = follow_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error(e)),
    };
    let Some(meta) = existing else {
        return create_new(&target, bytes).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => WriteError::Exists {
                path: shown.clone(),
            },
            _ => io_error(e),
        });
    };
    if let Some(what) = not_regular(&meta.file_type()) {
        return Err(WriteError::NotRegular { path: shown, what });
    }
    if !force {
        return Err(WriteError::Exists { path: shown });
    }
    if meta.nlink() > 1 {
        write_in_place(&target, bytes).map_err(io_error)
    } else {
        replace(&target, bytes, meta.permissions()).map_err(io_error)
    }
}

/// The error without the temporary file's name the temporary-file library appends
/// (twice): the message names the target, and the reason once.
fn without_temporary_path(error: io::Error) -> io::Error {
    let text = error.to_string();
    match text.split_once(" at path ") {
        Some((reason, _)) => io::Error::new(error.kind(), reason.to_string()),
        None => error,
    }
}

/// The file a path names once symbolic links are followed: the link's target (which
/// may not exist yet), so the link itself is never replaced.
fn follow_links(path: &Path) -> Result<PathBuf, WriteError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current).map_err(|source| WriteError::Io {
                    path: current.display().to_string(),
                    source,
                })?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(WriteError::LinkLoop {
        path: path.display().to_string(),
    })
}

/// What a file that is not a regular file is, for the message; `None` for a regular
/// file.
fn not_regular(kind: &fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a folder")
    } else if kind.is_fifo() {
        Some("a FIFO")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        Some("not a file")
    }
}

/// The folder a temporary file for `target` goes in: the target's own, so the final
/// rename stays on one file system.
fn folder_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
}

/// A temporary file beside `target` holding `bytes`, flushed to disk.
fn temporary_with(
    target: &Path,
    bytes: &[u8],
    permissions: Permissions,
) -> io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(".nianbao-")
        .suffix(".tmp")
        .permissions(permissions)
        .tempfile_in(folder_of(target))?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// A new file, created only if nothing took its name meanwhile, with the permissions
/// a new file gets (0666 less the umask).
fn create_new(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temporary_with(target, bytes, Permissions::from_mode(0o666))?;
    temp.persist_noclobber(target).map_err(|e| e.error)?;
    Ok(())
}

/// Replaces a file with a new one renamed over it, carrying the old permissions.
fn replace(target: &Path, bytes: &[u8], permissions: Permissions) -> io::Result<()> {
    let temp = temporary_with(target, bytes, permissions.clone())?;
    // The umask may have narrowed the mode the temporary file was created with.
    temp.as_file().set_permissions(permissions)?;
    temp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Rewrites a hard-linked file's content in place, so every name of it sees the new
/// content (renaming would split the names apart).
fn write_in_place(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file: File = OpenOptions::new().write(true).truncate(true).open(target)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_written_and_an_existing_one_needs_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("报告.md");
        write_output(&path, b"one", false).expect("new file");
        assert_eq!(fs::read(&path).expect("read"), b"one");
        let refused = write_output(&path, b"two", false);
        assert!(matches!(refused, Err(WriteError::Exists { .. })));
        assert_eq!(fs::read(&path).expect("read"), b"one");
        write_output(&path, b"two", true).expect("forced");
        assert_eq!(fs::read(&path).expect("read"), b"two");
    }

    #[test]
    fn no_temporary_file_is_left_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.csv");
        write_output(&path, b"x", false).expect("write");
        write_output(&path, b"y", true).expect("replace");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.csv")]);
    }

    #[test]
    fn a_missing_folder_is_named_once_in_one_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("missing").join("a.html");
        let error = write_output(&path, b"x", false)
            .expect_err("no folder")
            .to_string();
        assert!(
            error.starts_with(&format!("cannot write {}: ", path.display())),
            "{error}"
        );
        assert!(
            !error.contains(".nianbao-") && !error.contains('\n'),
            "{error}"
        );
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let refused = write_output(dir.path(), b"x", true);
        assert!(matches!(refused, Err(WriteError::NotRegular { what, .. }) if what == "a folder"));
    }
}
