//! Every export file is written by the same rules, whichever command writes it: never
//! over a file without `--force`, never into a FIFO, through a symbolic link into the
//! file it names, into a hard-linked file in place, and keeping a replaced file's
//! permissions.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::{TestEnv, code, stderr};

const OLD: &str = "松坪乡2022年法治政府建设年度报告\n一、主要举措和成效\n全年开展培训12次。\n";
const NEW: &str = "松坪乡2023年法治政府建设年度报告\n一、主要举措和成效\n全年开展培训15次。\n";

/// Runs `nianbao notes export` or `nianbao export` into `target`.
fn write_to(env: &TestEnv, notes: bool, target: &Path, force: bool) -> std::process::Output {
    let mut cmd = env.cmd();
    if notes {
        cmd.args(["notes", "export", "--format", "md"]);
    } else {
        let (old, new) = (env.path("2022.txt"), env.path("2023.txt"));
        cmd.arg("export")
            .arg(old)
            .arg(new)
            .args(["--format", "html"]);
    }
    cmd.arg("--output").arg(target);
    if force {
        cmd.arg("--force");
    }
    cmd.output().expect("run nianbao")
}

#[test]
fn notes_export_and_export_follow_the_same_file_rules() {
    let env = TestEnv::new();
    env.write("2022.txt", OLD.as_bytes());
    env.write("2023.txt", NEW.as_bytes());
    for notes in [true, false] {
        let what = if notes { "notes export" } else { "export" };
        let dir = env.path(if notes { "notes" } else { "pages" });
        fs::create_dir_all(&dir).expect("mkdir");

        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let out = write_to(&env, notes, &fifo, true);
        assert_eq!(code(&out), 2, "{what}: a FIFO is refused");
        assert!(stderr(&out).contains("FIFO"), "{what}: {}", stderr(&out));

        let kept = dir.join("kept.txt");
        fs::write(&kept, "old").expect("write");
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o600)).expect("chmod");
        let out = write_to(&env, notes, &kept, false);
        assert_eq!(code(&out), 2, "{what}: no overwrite without --force");
        assert_eq!(fs::read_to_string(&kept).expect("read"), "old");
        assert_eq!(code(&write_to(&env, notes, &kept, true)), 0, "{what}");
        assert_ne!(fs::read_to_string(&kept).expect("read"), "old");
        let mode = fs::metadata(&kept).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{what}: permissions kept");

        let link = dir.join("link.txt");
        std::os::unix::fs::symlink("kept.txt", &link).expect("symlink");
        fs::write(&kept, "again").expect("write");
        assert_eq!(code(&write_to(&env, notes, &link, true)), 0, "{what}");
        let meta = fs::symlink_metadata(&link).expect("lstat");
        assert!(
            meta.file_type().is_symlink(),
            "{what}: the link stays a link"
        );
        assert_ne!(fs::read_to_string(&kept).expect("read"), "again");

        let other = dir.join("other-name.txt");
        fs::hard_link(&kept, &other).expect("hard link");
        fs::write(&kept, "shared").expect("write");
        assert_eq!(code(&write_to(&env, notes, &other, true)), 0, "{what}");
        let (a, b) = (
            fs::read(&kept).expect("read"),
            fs::read(&other).expect("read"),
        );
        assert_eq!(a, b, "{what}: both names see the new content");
        assert_ne!(a, b"shared");
    }
}
