//! The figures pane on a real store shows each change in the figure's own scale, as
//! `nianbao figures --compare --csv` writes it (`−63万人`, `+8.9万亿元`).

use crate::common::{TestEnv, code, stderr, stdout};
use crate::reuse::Live;
use crate::tui_support::*;

/// Two years of a township, written for this test, counting in 万 and 万亿.
const YEARS: [(&str, &str); 2] = [
    (
        "2022",
        "一、主要举措\n全镇常住人口1269万人。地区生产总值126万亿元。受理矛盾纠纷40件。\n",
    ),
    (
        "2023",
        "一、主要举措\n全镇常住人口1206万人。地区生产总值134.9万亿元。受理矛盾纠纷46件。\n",
    ),
];

#[test]
fn the_figures_pane_and_the_csv_show_the_same_change_in_wan_and_yi() {
    let env = TestEnv::new();
    for (year, text) in YEARS {
        let file = env.write(&format!("{year}.txt"), text.as_bytes());
        let out = env.run([
            "import",
            &file.display().to_string(),
            "--township",
            "桐溪镇",
            "--county",
            "青峪县",
            "--year",
            year,
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let csv = env.run(["figures", "桐溪镇", "--compare", "--csv"]);
    assert_eq!(code(&csv), 0, "{}", stderr(&csv));
    let csv = stdout(&csv);
    let store = env.store();
    let mut live = Live::on_store(env, store, 160, 48);
    live.press("/");
    type_text(&mut live.app, "桐溪镇");
    live.press("<Enter> f");
    let buf = render(&live.app);
    for (old, new, change) in [
        ("1269万人", "1206万人", "\u{2212}63万人"),
        ("126万亿元", "134.9万亿元", "+8.9万亿元"),
        ("40件", "46件", "+6件"),
    ] {
        let csv_row = csv
            .lines()
            .find(|l| l.contains(old) && l.contains(new))
            .unwrap_or_else(|| panic!("no {old} row in {csv}"));
        assert!(csv_row.contains(change), "{csv_row}");
        // The pane's row: last year's figure, this year's, then the change.
        let screen = buffer_text(&buf);
        let row = screen
            .lines()
            .find(|l| {
                let at = |s: &str| l.rfind(s);
                at(old).is_some() && at(old) < at(new) && at(new) < at(change)
            })
            .unwrap_or_else(|| panic!("no {old} → {new} row with {change} in\n{screen}"));
        assert!(!row.contains("630000"), "{row}");
    }
}
