//! The name written on review records: the reviewer's `author` setting, else the login
//! name, else the account running nianbao on this host. Both front ends sign with it,
//! and say where it came from so a reviewer signed by a fallback learns how to set it.

/// Where the name on review records came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorOrigin {
    /// `author` in config.toml, or `--author` on the command line.
    Chosen,
    /// `$USER`, `$LOGNAME` or `$USERNAME`.
    Login,
    /// The system account running nianbao, from the host's user database.
    Account,
    /// Nothing known: `unknown`.
    Unknown,
}

/// The name on review records and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub origin: AuthorOrigin,
}

impl Author {
    /// The name `chosen` by the reviewer when there is one, else the login name, else
    /// the account's name, else `unknown`.
    pub fn resolve(chosen: Option<&str>) -> Author {
        let clean = |name: &str| crate::report::normalize::printable(name.trim());
        if let Some(name) = chosen.map(clean).filter(|n| !n.is_empty()) {
            return Author {
                name,
                origin: AuthorOrigin::Chosen,
            };
        }
        let login = ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .map(|name| clean(&name))
            .find(|name| !name.is_empty());
        if let Some(name) = login {
            return Author {
                name,
                origin: AuthorOrigin::Login,
            };
        }
        match account_name().map(|n| clean(&n)).filter(|n| !n.is_empty()) {
            Some(name) => Author {
                name,
                origin: AuthorOrigin::Account,
            },
            None => Author {
                name: "unknown".to_string(),
                origin: AuthorOrigin::Unknown,
            },
        }
    }
}

/// The name of the account running this process, from the user database.
#[cfg(unix)]
fn account_name() -> Option<String> {
    let mut buffer = vec![0 as libc::c_char; 4096];
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: getpwuid_r writes only into `entry` and `buffer`, both owned here and
    // sized as passed; `found` is null or points at `entry` afterwards.
    let status = unsafe {
        libc::getpwuid_r(
            libc::geteuid(),
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if status != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points at a NUL-terminated string inside `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
    Some(name.to_string_lossy().into_owned())
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_name_wins_and_is_cleaned() {
        let author = Author::resolve(Some("  王审阅\u{1b}[2J "));
        assert_eq!(author.origin, AuthorOrigin::Chosen);
        assert!(!author.name.contains('\u{1b}'));
        assert!(author.name.starts_with("王审阅"));
    }

    #[test]
    fn without_a_choice_some_name_is_found() {
        let author = Author::resolve(Some("   "));
        assert_ne!(author.origin, AuthorOrigin::Chosen);
        assert!(!author.name.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn the_account_running_the_tests_has_a_name() {
        assert!(account_name().is_some_and(|n| !n.is_empty()));
    }
}
