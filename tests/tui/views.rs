//! The review interface's views rendered into a test terminal: snapshots of the cell
//! symbols (CJK text, 80×24 and 160×48), and checks of styles, escapes and widths.

use std::num::NonZeroU16;

use crate::tui_support::*;
use nianbao::i18n::Lang;
use nianbao::ingest::Metadata;
use nianbao::report::Report;
use nianbao::review::PairData;
use nianbao::store::TownshipSummary;
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Overlay, Screen};
use nianbao::tui::jobs::{Reply, Response};
use nianbao::tui::theme::{BUILTIN, StyleKey, Theme};
use ratatui::buffer::{Buffer, CellDiffOption};

/// Opens the test township (清水镇) from the list by its pinyin initials.
fn review_app(width: u16, height: u16) -> App {
    let mut app = app_with_list(width, height);
    press(&mut app, "/");
    type_text(&mut app, "qsz");
    press(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Review);
    app
}

/// The column of `needle` in a rendered line (cells, not characters).
fn column_of(buf: &Buffer, y: u16, needle: &str) -> Option<u16> {
    let first = needle.chars().next()?;
    (0..buf.area.width).find(|&x| {
        buf[(x, y)].symbol().starts_with(first) && {
            let mut at = x;
            needle.chars().all(|c| {
                let ok = buf[(at, y)].symbol().starts_with(c);
                at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) as u16;
                ok
            })
        }
    })
}

#[test]
fn township_list_at_80x24() {
    let app = app_with_list(80, 24);
    let buf = render(&app);
    let text = buffer_text(&buf);
    for name in ["清水镇", "太公镇", "杉岭乡", "大兴镇", "迈陈镇", "东安镇"] {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
    let (_, row) = find_row(&buf, "清水镇").expect("row");
    assert!(
        row.contains("示例县") && row.contains("2021 2022 2023"),
        "{row}"
    );
    insta::assert_snapshot!("list_80x24", text);
}

#[test]
fn township_list_at_160x48_shows_details() {
    let app = app_with_list(160, 48);
    let text = buffer_text(&render(&app));
    assert!(text.contains("详情"), "{text}");
    insta::assert_snapshot!("list_160x48", text);
}

#[test]
fn compare_view_at_80x24() {
    let app = review_app(80, 24);
    let buf = render(&app);
    let text = buffer_text(&buf);
    let header = text.lines().next().expect("header");
    assert!(
        header.contains("清水镇") && header.contains("2022 → 2023"),
        "{header}"
    );
    assert!(header.contains("沿用率"), "{header}");
    let (_, years) = find_row(&buf, "2022 上年").expect("column titles");
    assert!(years.contains("2023 本年"), "{years}");
    insta::assert_snapshot!("compare_80x24", text);
}

#[test]
fn compare_view_marks_every_kind_of_row() {
    let mut app = review_app(160, 60);
    press(&mut app, "z");
    let buf = render(&app);
    let lines: Vec<String> = buffer_text(&buf).lines().map(str::to_string).collect();
    let row = |marker: char, needle: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(marker) && l.contains(needle))
            .unwrap_or_else(|| panic!("no {marker} row with {needle}:\n{}", lines.join("\n")))
            .clone()
    };
    let numbers = row('#', "专题会议");
    assert!(
        numbers.contains("4次") && numbers.contains("6次"),
        "{numbers}"
    );
    let modified = row('~', "执法人员");
    assert!(
        modified.contains("力量不足") && modified.contains("专业能力不足"),
        "{modified}"
    );
    row('>', "组织干部学法考试");
    row('+', "新建法治文化广场");
    row('=', "成立以镇长为组长的领导小组");
    row('§', "党政主要负责人");
    assert!(lines.join("\n").contains("[P3] 新增章节"));
    assert!(row('§', "存在的不足和原因").contains("[P2]"));
}

#[test]
fn word_edits_are_highlighted_on_both_sides() {
    let mut app = review_app(120, 60);
    press(&mut app, "z");
    let buf = render(&app);
    let theme = Theme::builtin("dark");
    let (y, _) = find_row(&buf, "专业能力不足").expect("modified row");
    let inserted = column_of(&buf, y, "专业能力").expect("new words");
    assert_eq!(
        buf[(inserted, y)].bg,
        theme.style(StyleKey::Insert).bg.expect("bg")
    );
    let deleted = column_of(&buf, y, "力量").expect("old words");
    assert_eq!(
        buf[(deleted, y)].bg,
        theme.style(StyleKey::Delete).bg.expect("bg")
    );
    let same = column_of(&buf, y, "执法人员").expect("shared words");
    assert_ne!(
        buf[(same, y)].bg,
        theme.style(StyleKey::Delete).bg.expect("bg")
    );
}

#[test]
fn unchanged_runs_fold_into_one_line() {
    let app = review_app(120, 60);
    let text = buffer_text(&render(&app));
    let fold = text
        .lines()
        .find(|l| l.starts_with('⋯'))
        .unwrap_or_else(|| panic!("no fold line:\n{text}"));
    assert!(fold.contains("6 句未变"), "{fold}");
    assert!(!text.contains("推动矛盾纠纷多元化解"), "{text}");
}

#[test]
fn compare_view_with_panes_at_160x48() {
    let mut app = review_app(160, 48);
    press(&mut app, "f i");
    let buf = render(&app);
    let text = buffer_text(&buf);
    let (_, meeting) = find_row_with(&buf, &["专题会议", "+2"]).expect("ledger row");
    assert!(
        meeting.contains("4次") && meeting.contains("6次") && meeting.contains("+2"),
        "{meeting}"
    );
    let (_, fresh) = find_row_with(&buf, &["法治文化广场", "1个", "—"]).expect("new figure");
    assert!(fresh.contains("今年新增"), "{fresh}");
    assert!(text.contains("缺少法定内容"), "{text}");
    assert!(text.contains("正文写的却是2022年"), "{text}");
    insta::assert_snapshot!("compare_panes_160x48", text);
}

#[test]
fn figures_pane_shows_trends_with_three_years() {
    let mut app = review_app(160, 48);
    press(&mut app, "f");
    let buf = render(&app);
    let (_, row) = find_row_with(&buf, &["3000余份", "+2000"]).expect("ledger row");
    assert!(row.contains("▁▃█"), "{row}");
    press(&mut app, "j j c");
    let text = buffer_text(&render(&app));
    assert!(text.contains("资料（份）"), "{text}");
    for year in ["2021", "2022", "2023"] {
        assert!(text.contains(year), "{text}");
    }
}

#[test]
fn single_year_view_at_80x24() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "/");
    type_text(&mut app, "tgz");
    press(&mut app, "<Enter>");
    let text = buffer_text(&render(&app));
    assert!(text.contains("（仅此一年）"), "{text}");
    assert!(text.contains("提纲"), "{text}");
    assert!(text.contains("一、主要举措和成效"), "{text}");
    insta::assert_snapshot!("single_80x24", text);
}

#[test]
fn help_overlay_at_80x24() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "?");
    let text = buffer_text(&render(&app));
    assert!(
        text.contains("按键帮助") && text.contains("行首标记"),
        "{text}"
    );
    assert!(text.contains("未变：与上年原句相同"), "{text}");
    insta::assert_snapshot!("help_80x24", text);
}

#[test]
fn help_in_english() {
    let mut app = App::new(settings(Lang::En), (80, 24));
    run(&mut app, Action::Reload);
    press(&mut app, "?");
    let text = buffer_text(&render(&app));
    assert!(
        text.contains("Row markers") && text.contains("moved: the same sentence"),
        "{text}"
    );
    press(&mut app, "G");
    let text = buffer_text(&render(&app));
    assert!(text.contains("Close the chart"), "{text}");
}

#[test]
fn empty_store_shows_how_to_start() {
    let mut app = App::new(settings(Lang::Zh), (80, 24));
    let id = sent(&app.update(Action::Reload))[0].id;
    app.update(Action::Worker(Response {
        id,
        reply: Reply::Townships {
            townships: Vec::<TownshipSummary>::new(),
            note_counts: Default::default(),
        },
    }));
    assert_eq!(app.screen, Screen::Welcome);
    let text = buffer_text(&render(&app));
    assert!(
        text.contains("nianbao import") && text.contains("nianbao demo"),
        "{text}"
    );
    insta::assert_snapshot!("welcome_80x24", text);
}

#[test]
fn every_theme_draws_the_same_text_with_its_own_styles() {
    let reference = buffer_text(&render(&review_app(100, 40)));
    for name in BUILTIN {
        let mut app = review_app(100, 40);
        press(&mut app, "z");
        app.settings.theme = Theme::builtin(name);
        let theme = &app.settings.theme;
        let buf = render(&app);
        let mut folded = review_app(100, 40);
        folded.settings.theme = Theme::builtin(name);
        assert_eq!(buffer_text(&render(&folded)), reference, "{name}");
        let (added, _) = find_row(&buf, "新建法治文化广场").expect("added row");
        let marker = &buf[(0, added)];
        assert_eq!(marker.symbol(), "+");
        let expected = theme.style(StyleKey::Added);
        assert_eq!(
            Some(marker.fg),
            expected.fg.or(Some(ratatui::style::Color::Reset)),
            "{name}"
        );
        assert!(marker.modifier.contains(expected.add_modifier), "{name}");
        if *name == "mono" {
            for cell in buf.content() {
                assert_eq!(cell.fg, ratatui::style::Color::Reset, "mono has no colours");
                assert_eq!(cell.bg, ratatui::style::Color::Reset, "mono has no colours");
            }
        }
    }
}

/// A report whose text tries to retitle the terminal window and clear the screen.
fn hostile_report() -> Report {
    let text = "恶意镇2023年法治政府建设年度报告\n一、主要举措和成效\n标题\x1b]0;pwned\x07被改写。清屏\x1b[2J无效。\u{202E}反向文字。\n";
    Report::analyze(
        text,
        Metadata {
            township: Some("恶意镇".into()),
            year: Some(2023),
            ..Metadata::default()
        },
        Vec::new(),
    )
}

#[test]
fn escape_sequences_in_a_report_stay_harmless_text() {
    let mut app = app_with_list(80, 24);
    press(&mut app, "/");
    type_text(&mut app, "dongan");
    press(&mut app, "<Enter>");
    let request = app.review.as_ref().map(|r| r.request).expect("review");
    let data = PairData::build("恶意镇", "", vec![2023], None, hostile_report().into(), &[]);
    app.update(opened(request, data));
    let buf = render(&app);
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
            "control character in a cell: {:?}",
            cell.symbol()
        );
    }
    let text = buffer_text(&buf);
    assert!(
        text.contains("标题]0;") && text.contains("pwned被改写"),
        "{text}"
    );
    assert!(text.contains("清屏[2J无效"), "{text}");
}

#[test]
fn ambiguous_punctuation_takes_two_cells_when_configured() {
    let mut app = review_app(120, 60);
    app.settings.config.ambiguous_wide = true;
    app.update(Action::Resize {
        width: 120,
        height: 60,
    });
    let buf = render(&app);
    let (y, _) = find_row(&buf, "八五").expect("quoted row");
    let quote = (0..buf.area.width)
        .find(|&x| buf[(x, y)].symbol() == "“")
        .expect("opening quote");
    assert_eq!(
        buf[(quote, y)].diff_option,
        CellDiffOption::ForcedWidth(NonZeroU16::new(2).expect("two"))
    );
    assert_eq!(buf[(quote + 2, y)].symbol(), "八");
}

#[test]
fn tiny_terminals_draw_without_failing() {
    for (width, height) in [(1, 1), (4, 2), (10, 3), (20, 5), (30, 8), (45, 12)] {
        let mut app = review_app(80, 24);
        press(&mut app, "f i z");
        app.update(Action::Resize { width, height });
        render(&app);
        press(&mut app, "?");
        render(&app);
        press(&mut app, "<Esc> n a");
        type_text(&mut app, "意见");
        render(&app);
        let mut list = app_with_list(width, height);
        render(&list);
        press(&mut list, "s j G");
        render(&list);
    }
}

/// Opens 清水镇 in theme `name` and moves the cursor onto the reworded sentence.
fn cursor_on_reworded_row(name: &str) -> (App, Buffer, u16) {
    let mut app = app_with_list(120, 40);
    app.settings.theme = Theme::builtin(name);
    press(&mut app, "/");
    type_text(&mut app, "qsz");
    press(&mut app, "<Enter> z");
    let bar = app.settings.theme.style(StyleKey::CursorBar);
    for _ in 0..60 {
        let buf = render(&app);
        if let Some((y, _)) = find_row(&buf, "二是执法人员") {
            let gutter = &buf[(0, y)];
            if bar.bg.is_none_or(|bg| gutter.bg == bg) && gutter.modifier.contains(bar.add_modifier)
            {
                return (app, buf, y);
            }
        }
        press(&mut app, "j");
    }
    panic!("the cursor never reached the reworded sentence in {name}");
}

/// One cell's style, written out for a snapshot.
fn describe(cell: &ratatui::buffer::Cell) -> String {
    format!("fg={:?} bg={:?} {:?}", cell.fg, cell.bg, cell.modifier)
}

#[test]
fn the_cursor_row_keeps_its_word_highlights_in_every_theme() {
    let mut report = String::new();
    for name in BUILTIN {
        let (app, buf, y) = cursor_on_reworded_row(name);
        let theme = &app.settings.theme;
        let row = buffer_text(&buf)
            .lines()
            .nth(usize::from(y))
            .unwrap_or_default()
            .to_string();
        let inserted = column_of(&buf, y, "专业能力").expect("new words");
        let deleted = column_of(&buf, y, "力量").expect("old words");
        let same = column_of(&buf, y, "执法人员").expect("shared words");
        for (x, key) in [(inserted, StyleKey::Insert), (deleted, StyleKey::Delete)] {
            let want = theme.style(key);
            let cell = &buf[(x, y)];
            if let Some(bg) = want.bg {
                assert_eq!(cell.bg, bg, "{name}: {key:?} background under the cursor");
            }
            if let Some(fg) = want.fg {
                assert_eq!(cell.fg, fg, "{name}: {key:?} colour under the cursor");
            }
            assert!(
                cell.modifier.contains(want.add_modifier),
                "{name}: {key:?} switches under the cursor"
            );
            assert_ne!(
                describe(cell),
                describe(&buf[(same, y)]),
                "{name}: changed words look like unchanged ones on the cursor row"
            );
        }
        if !theme.colours_changes() {
            assert!(row.contains("[-力量-]"), "{name}: {row}");
            assert!(row.contains("{+专业能力+}"), "{name}: {row}");
        }
        report.push_str(&format!(
            "{name}\n  {}\n  gutter  {}\n  same    {}\n  insert  {}\n  delete  {}\n",
            row.trim_end(),
            describe(&buf[(0, y)]),
            describe(&buf[(same, y)]),
            describe(&buf[(inserted, y)]),
            describe(&buf[(deleted, y)]),
        ));
    }
    insta::assert_snapshot!("cursor_row_in_every_theme", report);
}

#[test]
fn the_list_bar_keeps_the_filter_and_its_count_at_80_columns() {
    for lang in [Lang::En, Lang::Zh] {
        let mut app = App::new(settings(lang), (80, 24));
        run(&mut app, Action::Reload);
        for _ in 0..4 {
            press(&mut app, "s r");
            press(&mut app, "/");
            type_text(&mut app, "qingshui");
            let text = buffer_text(&render(&app));
            let bar = text.lines().next().expect("bar");
            let visible = app.list.visible.len();
            assert!(
                bar.ends_with(&format!("qingshui ({visible})")) && !bar.contains('…'),
                "{lang:?}, {:?}: {bar}",
                app.list.sort
            );
            press(&mut app, "<Esc>");
        }
        let bar = buffer_text(&render(&app));
        assert!(
            bar.lines().next().is_some_and(|l| l.contains("nianbao")),
            "without a filter the title fits: {bar}"
        );
    }
}

#[test]
fn english_names_are_whole_in_the_panes_at_80x24() {
    let mut app = App::new(settings(Lang::En), (80, 24));
    run(&mut app, Action::Reload);
    press(&mut app, "/");
    type_text(&mut app, "qsz");
    press(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Review);

    press(&mut app, "f");
    let text = buffer_text(&render(&app));
    let review = app.review.as_ref().expect("review");
    let data = review.data.as_ref().expect("pair");
    let shown_rows = data.ledger.iter().take(4);
    let flags: Vec<String> = shown_rows
        .map(|row| nianbao::tui::labels::ledger_flags(row, Lang::En))
        .filter(|f| !f.is_empty())
        .collect();
    assert!(!flags.is_empty(), "the test pair has flagged figures");
    for flag in &flags {
        assert!(text.contains(flag.as_str()), "{flag} cut:\n{text}");
    }

    press(&mut app, "f i");
    let text = buffer_text(&render(&app));
    let review = app.review.as_ref().expect("review");
    let kinds: Vec<String> = review
        .lint_entries()
        .iter()
        .take(4)
        .filter_map(|e| review.finding(*e))
        .map(|f| nianbao::tui::labels::lint_kind(&f.kind, Lang::En))
        .collect();
    assert!(!kinds.is_empty(), "the test pair has findings");
    for kind in &kinds {
        assert!(text.contains(kind.as_str()), "{kind} cut:\n{text}");
    }

    press(&mut app, "i o");
    let text = buffer_text(&render(&app));
    let header = text
        .lines()
        .find(|l| l.contains("sections"))
        .unwrap_or_else(|| panic!("no outline header:\n{text}"));
    assert!(header.contains("changes"), "{header}");
}

#[test]
fn findings_are_worded_in_the_interface_language() {
    for (lang, wanted, unwanted) in [
        (Lang::En, "the title says 2023", "正文写的却是"),
        (Lang::Zh, "正文写的却是2022年", "the title says"),
    ] {
        let mut app = App::new(settings(lang), (160, 48));
        run(&mut app, Action::Reload);
        press(&mut app, "/");
        type_text(&mut app, "qsz");
        press(&mut app, "<Enter>");
        press(&mut app, "i");
        let text = buffer_text(&render(&app));
        assert!(text.contains(wanted), "{lang:?}:\n{text}");
        assert!(!text.contains(unwanted), "{lang:?}:\n{text}");
        press(&mut app, "j <Enter>");
        let Some(Overlay::Message { lines, .. }) = &app.overlay else {
            panic!("Enter shows the finding in full: {:?}", app.overlay);
        };
        assert!(lines.iter().any(|l| l.contains(wanted)), "{lines:?}");
    }
}

#[test]
fn help_fits_the_terminal_and_scrolls_to_its_last_row() {
    for (lang, size, last) in [
        (Lang::En, (80, 24), "Close the chart"),
        (Lang::Zh, (80, 24), "关闭走势图"),
        (Lang::En, (50, 20), "Close the chart"),
        (Lang::Zh, (50, 20), "关闭走势图"),
    ] {
        let mut app = App::new(settings(lang), size);
        run(&mut app, Action::Reload);
        press(&mut app, "?");
        let text = buffer_text(&render(&app));
        assert!(
            !text.contains('…'),
            "{lang:?} {size:?}: a line is cut\n{text}"
        );
        let total = nianbao::tui::help::rows(
            &app.settings.keymap,
            lang,
            nianbao::tui::help::inner_width(size.0),
            app.settings.config.ambiguous_wide,
        )
        .len();
        assert!(
            text.contains(&format!("1–{}/{total}", size.1 - 4)),
            "{lang:?} {size:?}: the title says which rows are shown\n{text}"
        );
        press(&mut app, "G");
        let text = buffer_text(&render(&app));
        assert!(text.contains(last), "{lang:?} {size:?}:\n{text}");
        assert!(text.contains(&format!("/{total}")), "{text}");
        assert!(
            !text.contains('…'),
            "{lang:?} {size:?}: a line is cut\n{text}"
        );
    }
}
