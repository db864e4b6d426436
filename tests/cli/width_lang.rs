//! The command line as a script sees it: piped output as wide as `COLUMNS` says, and
//! errors in the language asked for.

use crate::common::tmux::demo_store;
use crate::common::{TestEnv, code, stderr, stdout};
use unicode_width::UnicodeWidthStr;

#[test]
fn piped_diff_is_as_wide_as_columns_says() {
    let env = TestEnv::new();
    demo_store(&env);
    for (columns, widest_allowed) in [("80", 80), ("120", 120)] {
        let out = env
            .cmd()
            .env("COLUMNS", columns)
            .args(["diff", "柳溪镇"])
            .output()
            .expect("run nianbao");
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let text = stdout(&out);
        let widest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        assert!(
            widest <= widest_allowed,
            "COLUMNS={columns}: a line of {widest}"
        );
        assert!(
            widest > widest_allowed - 10,
            "COLUMNS={columns}: only {widest} used"
        );
    }
    let out = env
        .cmd()
        .env("COLUMNS", "80")
        .args(["diff", "柳溪镇", "--width", "60"])
        .output()
        .expect("run nianbao");
    let widest = stdout(&out).lines().map(UnicodeWidthStr::width).max();
    assert!(widest.is_some_and(|w| w <= 60), "--width wins: {widest:?}");
}

#[test]
fn errors_follow_the_language_asked_for() {
    let env = TestEnv::new();
    demo_store(&env);
    let out = env.run(["--lang", "zh", "diff", "不存在镇"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("没有不存在镇的报告"),
        "{}",
        stderr(&out)
    );
    let out = env.run(["--lang", "zh", "diff", "柳溪镇", "2019"]);
    assert!(stderr(&out).contains("之前没有报告"), "{}", stderr(&out));
    let out = env.run(["--lang", "en", "diff", "不存在镇"]);
    assert!(
        stderr(&out).contains("no reports for 不存在镇"),
        "{}",
        stderr(&out)
    );
}
