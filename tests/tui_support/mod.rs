//! Shared by the review-interface tests and benchmarks: two years of a report written
//! for the tests, a comparison built by hand (sentences paired in order, as the engine
//! would pair these), ledger rows by hand, and helpers to drive and render an `App`
//! without a terminal.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::compare::ledger::{FigureSeries, LedgerFlag, LedgerRow, LedgerSide};
use nianbao::compare::{
    Comparison, Counts, Edit, EditOp, Region, Row, RowKind, Scores, SectionPair, SectionStatus,
};
use nianbao::i18n::Lang;
use nianbao::ingest::Metadata;
use nianbao::report::figures::Decimal;
use nianbao::report::lint::LintMessage;
use nianbao::report::normalize::{norm, shape};
use nianbao::report::{Finding, LintKind, Part, Report, Span};
use nianbao::review::author::{Author, AuthorOrigin};
use nianbao::review::{PairData, Summary};
use nianbao::store::TownshipSummary;
use nianbao::tui::action::Action;
use nianbao::tui::app::{App, Effect, Settings};
use nianbao::tui::config::Config;
use nianbao::tui::jobs::{Job, OpenRequest, Reply, Request, RequestId, Response, SummaryLine};
use nianbao::tui::keymap::Keymap;
use nianbao::tui::theme::Theme;
use nianbao::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Last year's report of a township made up for the tests.
pub const OLD_TEXT: &str = "清水镇2022年法治政府建设年度报告
县委、县政府：
现将我镇2022年法治政府建设情况报告如下。
一、主要举措和成效
（一）加强组织领导。镇党委召开专题会议4次，研究部署法治政府建设工作。成立以镇长为组长的领导小组。
（二）深化普法宣传。全年开展“八五”普法宣传活动12场，发放资料3000余份。组织干部学法考试，参考率100%。
（三）规范行政执法。全年办理行政执法案件15件，无行政复议败诉案件。
二、存在的不足和原因
一是法治宣传形式单一。二是执法人员力量不足。
三、2023年工作安排
继续加强法治宣传教育。进一步规范行政执法行为。对照年度目标逐项检查落实情况。推动矛盾纠纷多元化解。完善公共法律服务体系。加强基层法治队伍建设。";

/// This year's report: new numbers, a reworded sentence, a moved one, a new part.
pub const NEW_TEXT: &str = "清水镇2023年法治政府建设年度报告
县委、县政府：
现将我镇2023年法治政府建设情况报告如下。
一、主要举措和成效
（一）加强组织领导。镇党委召开专题会议6次，研究部署法治政府建设工作。成立以镇长为组长的领导小组。
（二）深化普法宣传。全年开展“八五”普法宣传活动12场，发放资料5000余份。新建法治文化广场1个。
（三）规范行政执法。全年办理行政执法案件20件，无行政复议败诉案件。组织干部学法考试，参考率100%。
二、存在的不足和原因
一是法治宣传形式单一。二是执法人员专业能力不足。
三、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记带头学法，全年讲法治课2次。
四、2024年工作安排
继续加强法治宣传教育。进一步规范行政执法行为。对照年度目标逐项检查落实情况。推动矛盾纠纷多元化解。完善公共法律服务体系。加强基层法治队伍建设。";

/// A report of `text` for `year`, with statutory parts set by hand on its level-1
/// sections (in order) so the tests do not depend on the part classifier.
pub fn report(text: &str, year: i32, parts: &[Part]) -> Report {
    let meta = Metadata {
        township: Some("清水镇".to_string()),
        county: Some("示例县".to_string()),
        year: Some(year),
        ..Metadata::default()
    };
    let mut report = Report::analyze(text, meta, Vec::new());
    let mut level1 = 0;
    for i in 0..report.sections.len() {
        if report.sections[i].level == 1 {
            report.sections[i].parts = parts.get(level1).map(|p| vec![*p]).unwrap_or_default();
            level1 += 1;
        }
    }
    report.figures.clear();
    report.lint.clear();
    report
}

/// The two test years.
pub fn two_years() -> (Report, Report) {
    (
        report(OLD_TEXT, 2022, &[Part::P1, Part::P2, Part::P4]),
        report(NEW_TEXT, 2023, &[Part::P1, Part::P2, Part::P3, Part::P4]),
    )
}

/// Character offset of the first `needle` in `report`'s text.
pub fn offset_of(report: &Report, needle: &str) -> usize {
    let at = report.text.find(needle).expect("needle in report");
    report.text[..at].chars().count()
}

/// The span of the first `needle` in `report`'s text.
pub fn span_of(report: &Report, needle: &str) -> Span {
    let start = offset_of(report, needle);
    Span::new(start, start + needle.chars().count())
}

fn title_shape(report: &Report, section: usize) -> String {
    shape(&norm(&report.sections[section].title))
}

/// Word edits by common prefix and suffix of two sentences, placed at their spans in
/// the reports (`old_at`, `new_at`: where each sentence starts): enough to place
/// highlights as the engine's edits are placed.
pub fn edits(old: &str, old_at: usize, new: &str, new_at: usize) -> Vec<Edit> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let piece = |s: &[char]| s.iter().collect::<String>();
    let runs = [
        (EditOp::Equal, 0..prefix, 0..prefix),
        (EditOp::Delete, prefix..a.len() - suffix, prefix..prefix),
        (EditOp::Insert, prefix..prefix, prefix..b.len() - suffix),
        (
            EditOp::Equal,
            a.len() - suffix..a.len(),
            b.len() - suffix..b.len(),
        ),
    ];
    runs.into_iter()
        .filter(|(op, o, n)| match op {
            EditOp::Insert => !n.is_empty(),
            _ => !o.is_empty(),
        })
        .map(|(op, o, n)| Edit {
            op,
            text: if op == EditOp::Insert {
                piece(&b[n.clone()])
            } else {
                piece(&a[o.clone()])
            },
            old_span: (op != EditOp::Insert).then(|| Span::new(old_at + o.start, old_at + o.end)),
            new_span: (op != EditOp::Delete).then(|| Span::new(new_at + n.start, new_at + n.end)),
        })
        .collect()
}

fn sentences_of(report: &Report, region: Region) -> Vec<usize> {
    report
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| match region {
            Region::Section(i) => s.section == Some(i),
            Region::Preamble => s.section.is_none(),
            Region::Closing => false,
        })
        .map(|(i, _)| i)
        .collect()
}

/// Pairs the sentences of two regions in order: equal text is unchanged, equal but for
/// numbers is numbers-only, anything else modified; the rest added or removed.
fn rows(old: &Report, new: &Report, a: Option<Region>, b: Option<Region>) -> Vec<Row> {
    let olds = a.map(|r| sentences_of(old, r)).unwrap_or_default();
    let news = b.map(|r| sentences_of(new, r)).unwrap_or_default();
    let mut out = Vec::new();
    for k in 0..olds.len().max(news.len()) {
        let row = match (olds.get(k), news.get(k)) {
            (Some(&i), Some(&j)) => {
                let (s, t) = (&old.sentences[i], &new.sentences[j]);
                let kind = if s.norm == t.norm {
                    RowKind::Unchanged
                } else if s.shape() == t.shape() {
                    RowKind::NumbersOnly
                } else {
                    RowKind::Modified
                };
                let edits = if kind == RowKind::Unchanged {
                    Vec::new()
                } else {
                    edits(&s.text, s.span.start, &t.text, t.span.start)
                };
                Row {
                    kind,
                    old: Some(i),
                    new: Some(j),
                    edits,
                    old_joined: Vec::new(),
                    new_joined: Vec::new(),
                }
            }
            (Some(&i), None) => Row {
                kind: RowKind::Removed,
                old: Some(i),
                new: None,
                edits: Vec::new(),
                old_joined: Vec::new(),
                new_joined: Vec::new(),
            },
            (None, Some(&j)) => Row {
                kind: RowKind::Added,
                old: None,
                new: Some(j),
                edits: Vec::new(),
                old_joined: Vec::new(),
                new_joined: Vec::new(),
            },
            (None, None) => continue,
        };
        out.push(row);
    }
    out
}

/// A comparison of the two test years as the engine would align them: sections matched
/// by marker and title (numbers ignored), sentences paired in order.
pub fn compare_by_hand(old: &Report, new: &Report) -> Comparison {
    let mut sections = vec![SectionPair {
        old: Some(Region::Preamble),
        new: Some(Region::Preamble),
        parts: Vec::new(),
        status: SectionStatus::Matched,
        similarity: 1.0,
        heading: None,
        rows: rows(old, new, Some(Region::Preamble), Some(Region::Preamble)),
        scores: Scores::default(),
        sentence_level: false,
    }];
    let mut used = vec![false; old.sections.len()];
    for j in 0..new.sections.len() {
        let matched = (0..old.sections.len()).find(|&i| {
            !used[i]
                && old.sections[i].level == new.sections[j].level
                && title_shape(old, i) == title_shape(new, j)
        });
        if let Some(i) = matched {
            used[i] = true;
        }
        let (status, similarity) = match matched {
            Some(i) if old.sections[i].title == new.sections[j].title => {
                (SectionStatus::Matched, 1.0)
            }
            Some(_) => (SectionStatus::Matched, 0.8),
            None => (SectionStatus::Added, 0.0),
        };
        sections.push(SectionPair {
            old: matched.map(Region::Section),
            new: Some(Region::Section(j)),
            parts: new.sections[j].parts.clone(),
            status,
            similarity,
            heading: None,
            rows: rows(
                old,
                new,
                matched.map(Region::Section),
                Some(Region::Section(j)),
            ),
            scores: Scores::default(),
            sentence_level: false,
        });
    }
    for (i, taken) in used.iter().enumerate() {
        if !taken {
            sections.push(SectionPair {
                old: Some(Region::Section(i)),
                new: None,
                parts: old.sections[i].parts.clone(),
                status: SectionStatus::Removed,
                similarity: 0.0,
                heading: None,
                rows: rows(old, new, Some(Region::Section(i)), None),
                scores: Scores::default(),
                sentence_level: false,
            });
        }
    }
    mark_moved(old, new, &mut sections);
    let total: usize = new.sentences.iter().map(|s| s.text.chars().count()).sum();
    let copied: usize = sections
        .iter()
        .flat_map(|p| &p.rows)
        .filter(|r| matches!(r.kind, RowKind::Unchanged | RowKind::NumbersOnly))
        .filter_map(|r| r.new.map(|j| new.sentences[j].text.chars().count()))
        .sum();
    Comparison {
        scores: Scores {
            copy_ratio: copied as f64 / total.max(1) as f64,
            cosine: 0.9,
            jaccard: 0.8,
            counts: Counts::default(),
            shares: Default::default(),
        },
        sections,
        sentence_level: false,
    }
}

/// An added sentence whose text stood elsewhere last year becomes a moved row; the row
/// that held last year's sentence keeps only its new side (or goes, if it had none).
fn mark_moved(old: &Report, new: &Report, sections: &mut [SectionPair]) {
    let mut moves = Vec::new();
    for (p, pair) in sections.iter().enumerate() {
        for (r, row) in pair.rows.iter().enumerate() {
            let (RowKind::Added, Some(j)) = (row.kind, row.new) else {
                continue;
            };
            let source = sections.iter().enumerate().find_map(|(q, other)| {
                other.rows.iter().enumerate().find_map(|(s, o)| {
                    let i = o.old?;
                    let elsewhere = matches!(o.kind, RowKind::Modified | RowKind::Removed);
                    (elsewhere && old.sentences[i].norm == new.sentences[j].norm)
                        .then_some((q, s, i))
                })
            });
            if let Some(source) = source {
                moves.push(((p, r), source));
            }
        }
    }
    let mut emptied = Vec::new();
    for ((p, r), (q, s, i)) in moves {
        let row = &mut sections[p].rows[r];
        row.kind = RowKind::Moved;
        row.old = Some(i);
        let source = &mut sections[q].rows[s];
        source.old = None;
        source.edits.clear();
        source.kind = RowKind::Added;
        if source.new.is_none() {
            emptied.push((q, s));
        }
    }
    for (q, s) in emptied.into_iter().rev() {
        sections[q].rows.remove(s);
    }
}

fn side(report: &Report, surface: &str, value: f64, approx: Option<&str>) -> LedgerSide {
    let span = span_of(report, surface);
    let sentence = report
        .sentences
        .iter()
        .find(|s| s.span.contains(span))
        .expect("figure in a sentence");
    LedgerSide {
        value,
        exact: Decimal::parse(&value.to_string()).expect("a decimal value"),
        approx: approx.map(str::to_string),
        surface: surface.to_string(),
        sentence: sentence.text.clone(),
        section: report.section_path(sentence.section).map(str::to_string),
        span,
    }
}

/// The figures ledger of the two test years, by hand.
pub fn ledger_by_hand(old: &Report, new: &Report) -> Vec<LedgerRow> {
    let row = |label: &str,
               unit: &str,
               o: Option<LedgerSide>,
               n: Option<LedgerSide>,
               flags: Vec<LedgerFlag>| {
        let change = match (&o, &n) {
            (Some(o), Some(n)) => Some(n.value - o.value),
            _ => None,
        };
        LedgerRow {
            label: label.to_string(),
            unit: unit.to_string(),
            old: o,
            new: n,
            change,
            change_exact: None,
            change_text: None,
            flags,
        }
    };
    vec![
        row(
            "专题会议",
            "次",
            Some(side(old, "4次", 4.0, None)),
            Some(side(new, "6次", 6.0, None)),
            vec![],
        ),
        row(
            "普法宣传活动",
            "场",
            Some(side(old, "12场", 12.0, None)),
            Some(side(new, "12场", 12.0, None)),
            vec![LedgerFlag::SameValue],
        ),
        row(
            "资料",
            "份",
            Some(side(old, "3000余份", 3000.0, Some("余"))),
            Some(side(new, "5000余份", 5000.0, Some("余"))),
            vec![],
        ),
        row(
            "参考率",
            "%",
            Some(side(old, "100%", 100.0, None)),
            Some(side(new, "100%", 100.0, None)),
            vec![LedgerFlag::SameSentence],
        ),
        row(
            "法治文化广场",
            "个",
            None,
            Some(side(new, "1个", 1.0, None)),
            vec![LedgerFlag::New],
        ),
        row(
            "行政执法案件",
            "件",
            Some(side(old, "15件", 15.0, None)),
            Some(side(new, "20件", 20.0, None)),
            vec![],
        ),
    ]
}

/// Lint findings by hand: one in each year, at a sentence.
pub fn lint_by_hand(old: &mut Report, new: &mut Report) {
    old.lint = vec![Finding {
        kind: LintKind::MissingPart,
        message: LintMessage::MissingPart { part: Part::P3 },
        section: None,
        excerpt: String::new(),
        span: None,
        evidence: None,
        source: None,
    }];
    let span = span_of(new, "全年讲法治课2次");
    new.lint = vec![Finding {
        kind: LintKind::YearMismatch,
        message: LintMessage::TitleAgainstBody {
            title_year: 2023,
            body_year: 2022,
        },
        section: Some("3".to_string()),
        excerpt: "全年讲法治课2次".to_string(),
        span: Some(span),
        evidence: None,
        source: None,
    }];
}

/// The pair data of the two test years, with `history` years for trends.
pub fn pair_data(years: Vec<i32>) -> PairData {
    let (mut old, mut new) = two_years();
    lint_by_hand(&mut old, &mut new);
    let comparison = compare_by_hand(&old, &new);
    let ledger = ledger_by_hand(&old, &new);
    let series = if years.len() >= 3 {
        vec![FigureSeries {
            label: "资料".to_string(),
            unit: "份".to_string(),
            points: vec![(2021, 2000.0), (2022, 3000.0), (2023, 5000.0)],
            at: Vec::new(),
        }]
    } else {
        Vec::new()
    };
    let mut counts = Counts::default();
    for row in comparison.sections.iter().flat_map(|p| &p.rows) {
        match row.kind {
            RowKind::Unchanged => counts.unchanged += 1,
            RowKind::NumbersOnly => counts.numbers_only += 1,
            RowKind::DatesOnly => counts.dates_only += 1,
            RowKind::Modified => counts.modified += 1,
            RowKind::Moved => counts.moved += 1,
            RowKind::Added => counts.added += 1,
            RowKind::Removed => counts.removed += 1,
        }
    }
    PairData {
        township: "清水镇".to_string(),
        county: "示例县".to_string(),
        years,
        old_year: Some(2022),
        new_year: 2023,
        old: Some(old.into()),
        new: new.into(),
        comparison,
        ledger,
        series,
        counts,
    }
}

/// The single-year view of this year's report.
pub fn single_data() -> PairData {
    let (_, mut new) = two_years();
    let mut unused = report(OLD_TEXT, 2022, &[]);
    lint_by_hand(&mut unused, &mut new);
    PairData::build("清水镇", "示例县", vec![2023], None, new.into(), &[])
}

/// Settings as a test reviewer has them: Chinese, dark theme, default keys.
pub fn settings(lang: Lang) -> Settings {
    Settings {
        lang,
        theme: Theme::builtin("dark"),
        keymap: Keymap::default(),
        config: Config::default(),
        author: Author {
            name: "测试员".to_string(),
            origin: AuthorOrigin::Chosen,
        },
    }
}

/// Townships for the list: names, counties, years.
pub fn townships() -> Vec<TownshipSummary> {
    let t = |name: &str, county: Option<&str>, years: &[i32]| TownshipSummary {
        township: name.to_string(),
        county: county.map(str::to_string),
        province: Some("示例省".to_string()),
        years: years.to_vec(),
    };
    vec![
        t("清水镇", Some("示例县"), &[2021, 2022, 2023]),
        t("太公镇", None, &[2020]),
        t("杉岭乡", Some("黔江区"), &[2021, 2022]),
        t("大兴镇", Some("示例县"), &[2022, 2023]),
        t("迈陈镇", Some("徐闻县"), &[2020]),
        t("东安镇", None, &[2023]),
    ]
}

/// The requests among effects, in order.
pub fn sent(effects: &[Effect]) -> Vec<Request> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send(request) => Some(request.clone()),
            _ => None,
        })
        .collect()
}

/// Applies an action as the runtime would, answering the worker's reads at once with
/// the test data; returns every other effect (writes for the worker, quit, …) but
/// frames.
pub fn run(app: &mut App, action: Action) -> Vec<Effect> {
    let effects = app.update(action);
    serve(app, effects)
}

/// Answers the reads among `effects` as the worker would, and the reads their answers
/// lead to, in order; returns the other effects but frames.
pub fn serve(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let mut rest = Vec::new();
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Send(request) => match answers(&request) {
                Some(responses) => {
                    for response in responses {
                        queue.extend(app.update(Action::Worker(response)));
                    }
                }
                None => rest.push(Effect::Send(request)),
            },
            Effect::Draw => {}
            other => rest.push(other),
        }
    }
    rest
}

/// The worker's answers to a read, with the test data; `None` for a write.
fn answers(request: &Request) -> Option<Vec<Response>> {
    let response = |reply| Response {
        id: request.id,
        reply,
    };
    let reply = match &request.job {
        Job::LoadTownships => Reply::Townships {
            townships: townships(),
            note_counts: HashMap::from([(("清水镇".to_string(), "示例县".to_string()), 2)]),
        },
        Job::Summaries(list) => {
            let lines = list.iter().enumerate().map(|(k, t)| SummaryLine {
                township: t.township.clone(),
                county: t.county.clone().unwrap_or_default(),
                summary: Summary {
                    copy_ratio: (t.years.len() > 1).then_some(0.25 * k as f64),
                    findings: k,
                    reviewed_sections: 0,
                    sections: k + 1,
                },
            });
            Reply::Summaries(lines.collect())
        }
        Job::Open(open, ask) => {
            // Laid out for the ask, as the worker does.
            let data = Arc::new(open_pair(open));
            let layout = ask.clone().map(|ask| Box::new(ask.lay_out(&data)));
            Reply::Opened {
                data,
                notes: Vec::new(),
                layout,
            }
        }
        Job::Reuse(key) => Reply::Reuse {
            key: key.clone(),
            report: None,
            sections: Arc::default(),
        },
        _ => return None,
    };
    Some(vec![response(reply)])
}

/// The test pair for any request: the same two texts labelled with the asked years.
/// The worker's answer to the pair request `id`: `data`, no notes, and no layout (the
/// interface lays the pair out itself).
pub fn opened(id: RequestId, data: PairData) -> Action {
    Action::Worker(Response {
        id,
        reply: Reply::Opened {
            data: Arc::new(data),
            notes: Vec::new(),
            layout: None,
        },
    })
}

pub fn open_pair(open: &OpenRequest) -> PairData {
    if open.old.is_none() {
        let mut data = single_data();
        data.years = open.years.clone();
        data.new_year = open.new;
        return data;
    }
    let mut data = pair_data(open.years.clone());
    data.old_year = open.old;
    data.new_year = open.new;
    data
}

/// An app of `width` × `height` with the township list loaded.
pub fn app_with_list(width: u16, height: u16) -> App {
    let mut app = App::new(settings(Lang::Zh), (width, height));
    run(&mut app, Action::Reload);
    app
}

/// Parses a key sequence: single characters, or `<Enter>`, `<Esc>`, `<Tab>`, `<C-d>`,
/// `<Down>`, `<Space>`, separated by spaces.
pub fn keys(sequence: &str) -> Vec<KeyEvent> {
    sequence
        .split_whitespace()
        .map(|k| {
            let (code, modifiers) = match k {
                "<Enter>" => (KeyCode::Enter, KeyModifiers::NONE),
                "<Esc>" => (KeyCode::Esc, KeyModifiers::NONE),
                "<Tab>" => (KeyCode::Tab, KeyModifiers::NONE),
                "<BackTab>" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "<Down>" => (KeyCode::Down, KeyModifiers::NONE),
                "<Up>" => (KeyCode::Up, KeyModifiers::NONE),
                "<Space>" => (KeyCode::Char(' '), KeyModifiers::NONE),
                "<BS>" => (KeyCode::Backspace, KeyModifiers::NONE),
                "<C-d>" => (KeyCode::Char('d'), KeyModifiers::CONTROL),
                "<C-u>" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
                "<C-r>" => (KeyCode::Char('r'), KeyModifiers::CONTROL),
                other => {
                    let mut chars = other.chars();
                    let c = chars.next().expect("a key");
                    assert!(chars.next().is_none(), "unknown key {other}");
                    let modifiers = if c.is_ascii_uppercase() {
                        KeyModifiers::SHIFT
                    } else {
                        KeyModifiers::NONE
                    };
                    (KeyCode::Char(c), modifiers)
                }
            };
            KeyEvent::new(code, modifiers)
        })
        .collect()
}

/// Presses keys one by one, answering worker reads after each as the runtime would;
/// returns the other effects (writes, quit, …) but frames.
pub fn press_effects(app: &mut App, sequence: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in keys(sequence) {
        if let Some(action) = app.action_for_key(key) {
            effects.extend(run(app, action));
        }
    }
    effects
}

/// Presses keys as [`press_effects`] does; returns the writes asked for.
pub fn press(app: &mut App, sequence: &str) -> Vec<Request> {
    sent(&press_effects(app, sequence))
}

/// Types text into the entry in progress, character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        run(app, Action::Input(key));
    }
}

/// Renders the app into a test terminal of its size.
pub fn render(app: &App) -> Buffer {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The symbols of a buffer, one line per row, trailing blanks trimmed; the cell hidden
/// behind a wide character is skipped.
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width_of(symbol).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn unicode_width_of(symbol: &str) -> u16 {
    symbol
        .chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16)
        .sum()
}

/// The row of the buffer that contains `needle`, with that row's text.
pub fn find_row(buf: &Buffer, needle: &str) -> Option<(u16, String)> {
    buffer_text(buf)
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .map(|(y, l)| (y as u16, l.to_string()))
}

/// The first row of the buffer that contains every one of `needles`.
pub fn find_row_with(buf: &Buffer, needles: &[&str]) -> Option<(u16, String)> {
    buffer_text(buf)
        .lines()
        .enumerate()
        .find(|(_, l)| needles.iter().all(|n| l.contains(n)))
        .map(|(y, l)| (y as u16, l.to_string()))
}
