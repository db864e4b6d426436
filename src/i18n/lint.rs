//! What a lint finding says, worded in Chinese (default) and English from the finding's
//! data: kept beside the interface's messages, apart only so that no list grows past
//! reading.

use super::{Lang, Msg, fill, msg};
use crate::report::lint::{Debris, LintMessage};
use crate::report::{LintKind, Part};

/// The finding's statement in `lang`.
pub fn lint_text(lang: Lang, message: &LintMessage) -> String {
    let (template, args) = template(message);
    let template = match lang {
        Lang::Zh => template.0,
        Lang::En => template.1,
    };
    let args: Vec<String> = args
        .into_iter()
        .map(|a| match a {
            Arg::Text(t) => t,
            Arg::Part(p) => part_name(lang, p).to_string(),
            Arg::Debris(d) => debris_name(lang, d).to_string(),
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fill(template, &args)
}

/// An argument: text as it stands, or a word of the interface to be put in `lang`.
enum Arg {
    Text(String),
    Part(Part),
    Debris(Debris),
}

fn text(value: impl ToString) -> Arg {
    Arg::Text(value.to_string())
}

/// The (Chinese, English) template of `message` and its arguments, in template order.
#[allow(clippy::too_many_lines)] // the message table: one arm per statement
fn template(message: &LintMessage) -> ((&'static str, &'static str), Vec<Arg>) {
    use LintMessage as M;
    match message {
        M::MissingPart { part } => (
            ("缺少法定内容：{}（{}）", "missing statutory part: {} ({})"),
            vec![Arg::Part(*part), text(format!("{part:?}"))],
        ),
        M::NoTitle { opening } => (
            (
                "报告没有标题：开头是“{}”",
                "the report has no title: it opens with “{}”",
            ),
            vec![text(opening)],
        ),
        M::DuplicateNumber { marker } => (
            (
                "编号重复：“{}”出现了两次",
                "number used twice: “{}” appears twice",
            ),
            vec![text(marker)],
        ),
        M::NumberingLateStart { marker } => (
            (
                "编号不从头开始：第一个编号是“{}”",
                "numbering does not start at one: the first number is “{}”",
            ),
            vec![text(marker)],
        ),
        M::NumberingGap {
            previous,
            marker,
            missing,
        } => (
            (
                "编号不连续：“{}”之后是“{}”，缺少第{}项",
                "numbering skips: “{}” is followed by “{}”, item {} is missing",
            ),
            vec![text(previous), text(marker), text(missing)],
        ),
        M::NumberingOrder { previous, marker } => (
            (
                "编号顺序错乱：“{}”之后是“{}”",
                "numbering out of order: “{}” is followed by “{}”",
            ),
            vec![text(previous), text(marker)],
        ),
        M::MixedMarkers { first, odd } => (
            (
                "同一组编号格式不统一：“{}”与“{}”混用",
                "one list mixes numbering styles: “{}” and “{}”",
            ),
            vec![text(first), text(odd)],
        ),
        M::PlanYear {
            year,
            report_year,
            expected,
        } => (
            (
                "下一年度安排写的是{}年，而报告年度是{}年（应为{}年）",
                "the next-year plan says {}, but the report is for {} (should be {})",
            ),
            vec![text(year), text(report_year), text(expected)],
        ),
        M::ThisYearWord {
            word,
            year,
            report_year,
        } => (
            (
                "“{}”写成了{}年，而报告年度是{}年",
                "“{}” (this year) is written as {}, but the report is for {}",
            ),
            vec![text(word), text(year), text(report_year)],
        ),
        M::TitleAgainstBody {
            title_year,
            body_year,
        } => (
            (
                "标题年份是{}年，正文写的却是{}年",
                "the title says {}, but the body's account of work says {}",
            ),
            vec![text(title_year), text(body_year)],
        ),
        M::StaleLastYearText { year, report_year } => (
            (
                "沿用上年报告的句子，仍写着{}年，而报告年度是{}年",
                "a sentence kept from last year's report still says {}, but the report is for {}",
            ),
            vec![text(year), text(report_year)],
        ),
        M::StaleSentenceRole { year, report_year } => (
            (
                "主要举措中以{}年叙述工作，而报告年度是{}年，疑似上年内容未更新",
                "the main measures tell the work of {}, but the report is for {}: last year's text not brought up to date?",
            ),
            vec![text(year), text(report_year)],
        ),
        M::ForeignAuthor { name, count, own } => (
            (
                "出现其他乡镇“{}”作为行文主体（共{}处），本报告为{}，疑似套用他人报告",
                "another township, “{}”, is written as the one doing the work (occurrences: {}) in {}'s report: copied from another report?",
            ),
            vec![text(name), text(count), text(own)],
        ),
        M::ForeignSlogan { slogan, name, own } => (
            (
                "口号“{}”用的是其他乡镇“{}”的名字，本报告为{}，疑似套用他人报告",
                "the slogan “{}” is made of another township's name, “{}”, in {}'s report: copied from another report?",
            ),
            vec![text(slogan), text(name), text(own)],
        ),
        M::ArtifactRemoved {
            text: debris,
            count,
        } => (
            (
                "转换残留“{}”（共{}处，导入时已清除）",
                "conversion debris “{}” (removed at import, occurrences: {})",
            ),
            vec![text(debris), text(count)],
        ),
        M::ArtifactLeft { debris, text: left } => (
            ("{}“{}”", "{}: “{}”"),
            vec![Arg::Debris(*debris), text(left)],
        ),
        M::ArtifactsUnlisted { count } => (
            (
                "另有{}处转换残留或乱码未逐一列出",
                "{} more pieces of conversion debris or garbled text not listed",
            ),
            vec![text(count)],
        ),
        M::SumMismatch {
            terms,
            sum,
            total,
            unit,
        } => (
            (
                "分项之和与总数不符：{} = {}{}，总数为{}{}",
                "the parts do not add up to the total: {} = {} {}, the total is {} {}",
            ),
            vec![
                text(terms.join(" + ")),
                text(sum),
                text(unit),
                text(total),
                text(unit),
            ],
        ),
    }
}

/// A lint kind's name as a reviewer writes it in a list of findings.
pub fn lint_kind_name(lang: Lang, kind: LintKind) -> &'static str {
    let m = match kind {
        LintKind::MissingPart => Msg::TuiLintMissingPart,
        LintKind::NumberingGap => Msg::TuiLintNumberingGap,
        LintKind::DuplicateNumber => Msg::TuiLintDuplicateNumber,
        LintKind::MixedMarkers => Msg::TuiLintMixedMarkers,
        LintKind::YearMismatch => Msg::TuiLintYearMismatch,
        LintKind::ForeignTownship => Msg::TuiLintForeignTownship,
        LintKind::Artifact => Msg::TuiLintArtifact,
        LintKind::NoTitle => Msg::TuiLintNoTitle,
        LintKind::SumMismatch => Msg::TuiLintSumMismatch,
        LintKind::StaleYear => Msg::TuiLintStaleYear,
    };
    msg(lang, m)
}

/// A statutory part's name as a reviewer writes it.
pub fn part_name(lang: Lang, part: Part) -> &'static str {
    match lang {
        Lang::Zh => part.name_zh(),
        Lang::En => match part {
            Part::P1 => "main measures and results",
            Part::P2 => "shortcomings and their causes",
            Part::P3 => "the Party and government heads' duties as first responsible persons",
            Part::P4 => "next year's main plans for rule-of-law government",
            Part::P5 => "other matters to report",
        },
    }
}

/// What kind of debris, as a finding names it.
fn debris_name(lang: Lang, debris: Debris) -> &'static str {
    let (zh, en) = match debris {
        Debris::Conversion => ("转换残留", "conversion debris"),
        Debris::Mojibake => ("乱码", "garbled text"),
        Debris::Undecodable => ("无法解码的字符", "characters that could not be decoded"),
        Debris::WrongEncoding => ("乱码（编码错误）", "garbled text (wrong encoding)"),
        Debris::MaskedDigits => ("数字被遮盖", "masked digits"),
        Debris::Placeholder => ("占位符未替换", "placeholder left unfilled"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each statement, its quoted text in ASCII so that any Chinese in the English
    /// wording is the wording's own.
    fn every_statement() -> Vec<LintMessage> {
        use LintMessage as M;
        let t = |s: &str| s.to_string();
        vec![
            M::MissingPart { part: Part::P3 },
            M::NoTitle { opening: t("abc") },
            M::DuplicateNumber { marker: t("2.") },
            M::NumberingLateStart { marker: t("2.") },
            M::NumberingGap {
                previous: t("1."),
                marker: t("3."),
                missing: 2,
            },
            M::NumberingOrder {
                previous: t("3."),
                marker: t("2."),
            },
            M::MixedMarkers {
                first: t("1."),
                odd: t("(2)"),
            },
            M::PlanYear {
                year: 2022,
                report_year: 2022,
                expected: 2023,
            },
            M::ThisYearWord {
                word: t("x"),
                year: 2021,
                report_year: 2022,
            },
            M::TitleAgainstBody {
                title_year: 2022,
                body_year: 2021,
            },
            M::StaleLastYearText {
                year: 2021,
                report_year: 2022,
            },
            M::StaleSentenceRole {
                year: 2021,
                report_year: 2022,
            },
            M::ForeignAuthor {
                name: t("A"),
                count: 2,
                own: t("B"),
            },
            M::ForeignSlogan {
                slogan: t("A1"),
                name: t("A"),
                own: t("B"),
            },
            M::ArtifactRemoved {
                text: t("[x]"),
                count: 3,
            },
            M::ArtifactLeft {
                debris: Debris::Placeholder,
                text: t("XX"),
            },
            M::ArtifactsUnlisted { count: 4 },
            M::SumMismatch {
                terms: vec![t("1"), t("2")],
                sum: t("3"),
                total: t("4"),
                unit: t("u"),
            },
        ]
    }

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_statement_is_worded_in_both_languages() {
        for m in every_statement() {
            let zh = lint_text(Lang::Zh, &m);
            let en = lint_text(Lang::En, &m);
            assert!(has_chinese(&zh), "{m:?}: {zh}");
            assert!(!has_chinese(&en), "{m:?}: {en}");
            assert!(
                !zh.contains("{}") && !en.contains("{}"),
                "{m:?}: {zh} / {en}"
            );
        }
    }

    #[test]
    fn every_kind_is_named_in_both_languages() {
        use LintKind as K;
        for kind in [
            K::MissingPart,
            K::NumberingGap,
            K::DuplicateNumber,
            K::MixedMarkers,
            K::YearMismatch,
            K::ForeignTownship,
            K::Artifact,
            K::NoTitle,
            K::SumMismatch,
            K::StaleYear,
        ] {
            let zh = lint_kind_name(Lang::Zh, kind);
            assert!(
                zh.chars().all(|c| !c.is_ascii_alphabetic()),
                "{kind:?}: {zh}"
            );
            assert!(!has_chinese(lint_kind_name(Lang::En, kind)), "{kind:?}");
        }
    }

    #[test]
    fn the_arguments_reach_the_words() {
        let gap = LintMessage::NumberingGap {
            previous: "1.".to_string(),
            marker: "3.".to_string(),
            missing: 2,
        };
        for lang in [Lang::Zh, Lang::En] {
            let text = lint_text(lang, &gap);
            for arg in ["“1.”", "“3.”", "2"] {
                assert!(text.contains(arg), "{arg} not in {text}");
            }
        }
    }
}
