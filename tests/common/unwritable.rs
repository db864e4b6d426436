//! A store the user cannot write, for the read-only tests. Tests run as root here,
//! which ignores permissions, so the binary then runs as `nobody` through `setpriv`.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use super::TestEnv;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// The words that run a program as a user who cannot write the store's folder: none
/// when this is not root, `setpriv` to `nobody` when it is; `None` (with a notice) when
/// there is no way to be such a user.
pub fn reader_prefix() -> Option<Vec<&'static str>> {
    if !is_root() {
        return Some(Vec::new());
    }
    let found = Command::new("setpriv").arg("--version").output();
    if !found.is_ok_and(|o| o.status.success()) {
        eprintln!("notice: running as root without setpriv; read-only store test skipped");
        return None;
    }
    Some(vec![
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ])
}

/// Makes the store's folder unwritable for the reader: readable by all and owned by
/// root when the reader is `nobody` (who then owns the store file, as its reviewer
/// would), or without write permission otherwise.
pub fn lock_store_folder(env: &TestEnv) {
    let folder = env.store().parent().expect("store folder").to_path_buf();
    let set = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    if is_root() {
        set(env.dir.path(), 0o755);
        set(&folder, 0o755);
        std::os::unix::fs::chown(env.store(), Some(65534), Some(65534)).expect("chown");
        // The full-text index file beside it, when there is one, is the reviewer's too.
        let mut index = env.store().into_os_string();
        index.push("-search");
        if Path::new(&index).exists() {
            std::os::unix::fs::chown(&index, Some(65534), Some(65534)).expect("chown");
        }
    } else {
        set(&folder, 0o555);
    }
}
