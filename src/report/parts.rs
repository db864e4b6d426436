//! Statutory parts (《法治政府建设与责任落实督察工作规定》): which of the five required
//! parts each top-level section covers.
//!
//! Reports rename, reorder and merge the parts (`二、存在问题及下一步工作计划` is both the
//! shortcomings and the plan), so a part is read from the title first, through families
//! of weighted cue words; a title with no cue falls back on the vocabulary of the
//! section's text, and a section with neither on its position.

use serde::Serialize;

use super::Section;

/// One of the five statutory parts of an annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Part {
    /// Main measures and results (主要举措和成效).
    P1,
    /// Shortcomings and their causes (存在的不足和原因).
    P2,
    /// The heads' first-responsible-person duties (第一责任人职责).
    P3,
    /// Next year's plan (下一年度主要安排).
    P4,
    /// Other matters (其他需要报告的情况).
    P5,
}

impl Part {
    /// Every part, in statutory order.
    pub const ALL: [Part; 5] = [Part::P1, Part::P2, Part::P3, Part::P4, Part::P5];

    /// The statutory name, as a reviewer writes it.
    pub fn name_zh(self) -> &'static str {
        match self {
            Part::P1 => "主要举措和成效",
            Part::P2 => "存在的不足和原因",
            Part::P3 => "党政主要负责人履行推进法治建设第一责任人职责情况",
            Part::P4 => "下一年度推进法治政府建设的主要安排",
            Part::P5 => "其他需要报告的情况",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A word in a title that points to a part, unless one of `unless` is also there
/// (`解决…问题` is a measure, not a shortcoming).
struct Cue {
    word: &'static str,
    part: Part,
    weight: u32,
    unless: &'static [&'static str],
}

const fn cue(word: &'static str, part: Part, weight: u32) -> Cue {
    Cue {
        word,
        part,
        weight,
        unless: &[],
    }
}

/// A title scoring this much for a part covers it; a title may cover several parts.
const SURE: u32 = 3;

/// Below [`SURE`], the best part is still taken when it scores this much.
const LIKELY: u32 = 2;

const TITLE_CUES: &[Cue] = &[
    cue("主要举措", Part::P1, 3),
    cue("举措和成效", Part::P1, 3),
    cue("举措及成效", Part::P1, 3),
    cue("成效", Part::P1, 2),
    cue("做法", Part::P1, 3),
    cue("工作回顾", Part::P1, 3),
    cue("回顾", Part::P1, 2),
    cue("主要工作", Part::P1, 2),
    cue("主要成绩", Part::P1, 3),
    cue("成绩", Part::P1, 2),
    cue("基本情况", Part::P1, 2),
    cue("工作情况", Part::P1, 1),
    cue("开展情况", Part::P1, 1),
    cue("完成情况", Part::P1, 2),
    cue("亮点", Part::P1, 2),
    cue("进展", Part::P1, 1),
    Cue {
        word: "问题",
        part: Part::P2,
        weight: 3,
        unless: &["解决", "化解", "处理"],
    },
    cue("不足", Part::P2, 3),
    cue("差距", Part::P2, 3),
    cue("短板", Part::P2, 3),
    cue("原因", Part::P2, 2),
    cue("困难", Part::P2, 2),
    cue("薄弱", Part::P2, 2),
    cue("第一责任人", Part::P3, 4),
    cue("主要负责人", Part::P3, 4),
    cue("负责人履行", Part::P3, 3),
    cue("履职情况", Part::P3, 2),
    cue("履行职责", Part::P3, 2),
    cue("下一年度", Part::P4, 4),
    cue("下一年", Part::P4, 3),
    cue("下一步", Part::P4, 4),
    cue("下步", Part::P4, 3),
    cue("明年", Part::P4, 4),
    cue("今后", Part::P4, 3),
    Cue {
        word: "计划",
        part: Part::P4,
        weight: 3,
        unless: &["五年计划", "计划生育", "计划经济", "计划执行"],
    },
    cue("打算", Part::P4, 3),
    cue("安排", Part::P4, 2),
    cue("思路", Part::P4, 2),
    cue("展望", Part::P4, 3),
    cue("主要任务", Part::P4, 3),
    cue("工作任务", Part::P4, 3),
    cue("重点工作", Part::P4, 2),
    cue("总体部署", Part::P4, 3),
    cue("总体要求", Part::P4, 2),
    cue("建议", Part::P4, 2),
    cue("其他", Part::P5, 4),
    cue("其它", Part::P5, 4),
    cue("需要报告", Part::P5, 3),
    cue("需要说明", Part::P5, 3),
];

/// Words whose density in a section's text points to a part when its title says
/// nothing: shortcomings, duties of the heads, plans, and (for P1) accounts of work done.
const CONTENT_CUES: &[(&str, Part)] = &[
    ("开展", Part::P1),
    ("组织", Part::P1),
    ("完成", Part::P1),
    ("累计", Part::P1),
    ("成立", Part::P1),
    ("问题", Part::P2),
    ("不足", Part::P2),
    ("差距", Part::P2),
    ("短板", Part::P2),
    ("薄弱", Part::P2),
    ("有待", Part::P2),
    ("不够", Part::P2),
    ("滞后", Part::P2),
    ("第一责任人", Part::P3),
    ("主要负责人", Part::P3),
    ("党委书记", Part::P3),
    ("亲自", Part::P3),
    ("履行", Part::P3),
    ("将", Part::P4),
    ("计划", Part::P4),
    ("下一步", Part::P4),
    ("明年", Part::P4),
    ("今后", Part::P4),
    ("力争", Part::P4),
];

/// Fills `parts` of every section: top-level sections from their title, else their text,
/// else their place after the other parts; descendants inherit their top-level section's
/// parts.
pub fn assign(sections: &mut [Section], text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let roots: Vec<usize> = (0..sections.len())
        .filter(|&i| sections[i].parent.is_none())
        .collect();
    let mut found: Vec<Option<Vec<Part>>> = roots
        .iter()
        .map(|&i| {
            from_title(&sections[i].title).or_else(|| {
                let span = sections[i].span;
                let end = span.end.min(chars.len());
                let body: String = chars[span.start.min(end)..end].iter().collect();
                from_content(&body)
            })
        })
        .collect();
    let plan_anywhere = found
        .iter()
        .flatten()
        .any(|parts| parts.contains(&Part::P4));
    let mut after_shortcomings = false;
    for parts in &mut found {
        let placed =
            parts.get_or_insert_with(|| vec![from_position(after_shortcomings, plan_anywhere)]);
        after_shortcomings |= placed.contains(&Part::P2);
    }
    for (&i, parts) in roots.iter().zip(found) {
        sections[i].parts = parts.unwrap_or_default();
    }
    for i in 0..sections.len() {
        if let Some(parent) = sections[i].parent {
            let inherited = sections[parent].parts.clone();
            sections[i].parts = inherited;
        }
    }
}

/// The parts a title names: every part it is sure about, else the likeliest one.
pub fn from_title(title: &str) -> Option<Vec<Part>> {
    let mut scores = [0u32; 5];
    for cue in TITLE_CUES {
        if title.contains(cue.word) && !cue.unless.iter().any(|u| title.contains(u)) {
            scores[cue.part.index()] += cue.weight;
        }
    }
    let sure: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|p| scores[p.index()] >= SURE)
        .collect();
    if !sure.is_empty() {
        return Some(sure);
    }
    best(&scores)
        .filter(|p| scores[p.index()] >= LIKELY)
        .map(|p| vec![p])
}

/// Content decides only when one part's vocabulary clearly dominates: at least this many
/// uses, and twice as many as any other part's.
const CONTENT_MIN_USES: u32 = 3;

/// The part whose vocabulary clearly dominates the text, if one does.
fn from_content(text: &str) -> Option<Vec<Part>> {
    let mut scores = [0u32; 5];
    for (word, part) in CONTENT_CUES {
        let n = u32::try_from(text.matches(word).count()).unwrap_or(u32::MAX);
        scores[part.index()] = scores[part.index()].saturating_add(n);
    }
    let top = best(&scores)?;
    let runner_up = Part::ALL
        .into_iter()
        .filter(|&p| p != top)
        .map(|p| scores[p.index()])
        .max()
        .unwrap_or(0);
    let score = scores[top.index()];
    (score >= CONTENT_MIN_USES && score >= runner_up.saturating_mul(2)).then(|| vec![top])
}

/// A section neither its title nor its text places: after the shortcomings, with no plan
/// anywhere, it is the plan; otherwise it reports work done.
fn from_position(after_shortcomings: bool, plan_anywhere: bool) -> Part {
    if after_shortcomings && !plan_anywhere {
        Part::P4
    } else {
        Part::P1
    }
}

/// The highest-scoring part; ties go to the earlier part.
fn best(scores: &[u32; 5]) -> Option<Part> {
    Part::ALL
        .into_iter()
        .rev()
        .max_by_key(|p| scores[p.index()])
        .filter(|p| scores[p.index()] > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Part::*;

    fn parts(title: &str) -> Option<Vec<Part>> {
        from_title(title)
    }

    #[test]
    fn reads_renamed_and_merged_parts_from_titles() {
        assert_eq!(parts("主要做法"), Some(vec![P1]));
        assert_eq!(parts("2021年工作回顾"), Some(vec![P1]));
        assert_eq!(
            parts("本年度推进法治政府建设的主要举措和成效"),
            Some(vec![P1])
        );
        assert_eq!(parts("存在问题及下一步工作计划"), Some(vec![P2, P4]));
        assert_eq!(parts("存在的不足和原因"), Some(vec![P2]));
        assert_eq!(parts("下一步工作措施"), Some(vec![P4]));
        assert_eq!(
            parts("党政主要负责人履行推进法治政府建设情况"),
            Some(vec![P3])
        );
        assert_eq!(parts("2024年法治政府建设工作计划"), Some(vec![P4]));
        assert_eq!(parts("其他需要报告的情况"), Some(vec![P5]));
    }

    #[test]
    fn a_solved_problem_is_a_measure_not_a_shortcoming() {
        assert_eq!(parts("以法治思想推动解决问题的情况"), None);
    }

    #[test]
    fn a_title_without_cues_names_no_part() {
        assert_eq!(parts("加强组织领导"), None);
    }

    #[test]
    fn content_decides_only_when_one_vocabulary_dominates() {
        assert_eq!(
            from_content("一是学习不够深入，存在差距；二是队伍薄弱，问题较多。"),
            Some(vec![P2])
        );
        assert_eq!(
            from_content("明年，我镇将继续推进，力争按计划完成。"),
            Some(vec![P4])
        );
        assert_eq!(from_content("开展学习，存在问题。"), None);
        assert_eq!(from_content("甲乙丙丁"), None);
    }

    fn assigned(text: &str) -> Vec<(String, Vec<Part>)> {
        let report =
            crate::report::Report::analyze(text, crate::ingest::Metadata::default(), Vec::new());
        report
            .sections
            .into_iter()
            .map(|s| (s.path, s.parts))
            .collect()
    }

    #[test]
    fn sections_without_cues_fall_back_on_text_then_position_and_children_inherit() {
        let text = "一、加强组织领导
（一）健全机制。开展学习。
二、存在问题
学习不够。
三、继续努力
明年我镇将持续推进，力争按计划完成，今后继续加强。
";
        assert_eq!(
            assigned(text),
            vec![
                ("1".to_string(), vec![P1]),
                ("1.1".to_string(), vec![P1]),
                ("2".to_string(), vec![P2]),
                ("3".to_string(), vec![P4]),
            ]
        );
        let silent = "一、加强组织领导
开展学习。
二、存在问题
学习不够。
三、加强队伍建设
甲乙丙。
";
        let parts: Vec<Vec<Part>> = assigned(silent).into_iter().map(|(_, p)| p).collect();
        assert_eq!(parts, vec![vec![P1], vec![P2], vec![P4]]);
    }

    #[test]
    fn position_places_a_plan_after_the_shortcomings() {
        assert_eq!(from_position(true, false), P4);
        assert_eq!(from_position(false, false), P1);
        assert_eq!(from_position(true, true), P1);
    }
}
