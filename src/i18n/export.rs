//! The words of the exports (findings report, Word and HTML comparison), in Chinese
//! (default) and English: kept beside the interface's messages, apart only so that
//! neither list grows past reading.

use super::Lang;

/// A string of an exported document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportMsg {
    ComparisonTitle,
    ComparisonLegend,
    PageLegend,
    Measure,
    SharesUnchanged,
    SharesDatesOnly,
    SharesNumbersOnly,
    SentenceRows,
    HeadingRows,
    RevisionAuthor,
    LintAuthor,
    SourceNote,
    Marker,
    Trend,
    FindingsAndNotes,
    KeysHint,
    Summary,
    FlaggedFigures,
    CopyBySection,
    SharedText,
    TemplateText,
    Detail,
    LintTitle,
    NoFlaggedFigures,
    NoneReviewed,
    OneYear,
    Reviewed,
    Written,
    ReportEmpty,
}

/// The wording of `m` in `lang`.
pub fn export_msg(lang: Lang, m: ExportMsg) -> &'static str {
    let (zh, en) = match m {
        ExportMsg::ComparisonTitle => ("{} {}—{} 年度报告比对", "{}: {} against {}"),
        ExportMsg::ComparisonLegend => (
            "本文件为本年报告，以修订标出相对上年报告的变化：接受全部修订即得本年报告，拒绝全部修订即得上年报告；整句挪动标为移动。批注为审阅意见和自动检查发现的问题。",
            "This is this year's report with its changes against last year's as tracked changes: accept them all for this year's text, reject them all for last year's; sentences that only moved are marked as moves. Comments hold reviewer notes and lint findings.",
        ),
        ExportMsg::PageLegend => (
            "左栏上年、右栏本年；删去的字划线，新增的字加底色。标记列：空白 未变，^ 仅日期变，# 仅数字变，~ 改写，> 移动，+ 新增，- 删除。",
            "Last year on the left, this year on the right; removed words struck through, added words highlighted. Marks: blank unchanged, ^ dates only, # numbers only, ~ reworded, > moved, + added, - removed.",
        ),
        ExportMsg::Measure => ("指标", "measure"),
        ExportMsg::SharesUnchanged => ("未变句占比（含移动）", "sentences unchanged or moved"),
        ExportMsg::SharesDatesOnly => ("仅日期变句占比", "sentences with only dates changed"),
        ExportMsg::SharesNumbersOnly => ("仅数字变句占比", "sentences with only figures changed"),
        ExportMsg::SentenceRows => ("句子：{}", "sentences: {}"),
        ExportMsg::HeadingRows => ("标题：{}", "headings: {}"),
        ExportMsg::RevisionAuthor => ("{} {}年报告", "{} {} report"),
        ExportMsg::LintAuthor => ("nianbao 自动检查", "nianbao lint"),
        ExportMsg::SourceNote => ("（来源：{}）", " (source: {})"),
        ExportMsg::Marker => ("标记", "mark"),
        ExportMsg::Trend => ("趋势", "trend"),
        ExportMsg::FindingsAndNotes => ("问题与意见", "findings and notes"),
        ExportMsg::KeysHint => (
            "n / N：下一处 / 上一处变化；点击章节标题可折叠。",
            "n / N: next / previous change; click a section heading to fold it.",
        ),
        ExportMsg::Summary => ("总览", "summary"),
        ExportMsg::FlaggedFigures => ("存疑数据", "flagged figures"),
        ExportMsg::CopyBySection => ("各节沿用率（从高到低）", "copied by section (most first)"),
        ExportMsg::SharedText => ("与其他乡镇共用的文字", "text shared with other townships"),
        ExportMsg::TemplateText => ("模板文字", "template text"),
        ExportMsg::Detail => ("说明", "detail"),
        ExportMsg::LintTitle => ("自动检查发现的问题", "lint findings"),
        ExportMsg::NoFlaggedFigures => ("没有需要关注的数据", "no flagged figures"),
        ExportMsg::NoneReviewed => ("尚无已审章节", "no section reviewed yet"),
        ExportMsg::OneYear => ("仅此一年，无从比较", "one year only, nothing to compare"),
        ExportMsg::Reviewed => ("审阅进度", "review progress"),
        ExportMsg::Written => ("已写入 {}", "written to {}"),
        ExportMsg::ReportEmpty => (
            "没有符合条件的乡镇报告；见 nianbao list",
            "no township report matches; see nianbao list",
        ),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fill;
    use super::*;

    #[test]
    fn templates_take_their_arguments_in_order() {
        assert_eq!(fill("{} 与 {}", &["甲", "乙"]), "甲 与 乙");
        assert_eq!(fill("无", &["x"]), "无");
        let title = fill(
            export_msg(Lang::Zh, ExportMsg::ComparisonTitle),
            &["松坪乡", "2022", "2023"],
        );
        assert_eq!(title, "松坪乡 2022—2023 年度报告比对");
    }
}
