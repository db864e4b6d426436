//! The words of the interface's search screen over the whole store, its export prompt
//! and its cross-township pairs, in Chinese (default) and English: kept beside the
//! other messages, apart only so that no list grows past reading.

use super::Lang;

/// A string of the corpus search screen, the export prompt or a cross-township pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenMsg {
    SearchTitle,
    SearchPrompt,
    SearchEmpty,
    SearchBusy,
    SearchMatches,
    SearchSoFar,
    SearchRead,
    SearchShowing,
    SearchScanned,
    SearchUnindexed,
    SearchNone,
    SearchKeys,
    SearchNoReport,
    ExportTitle,
    ExportFormat,
    ExportPath,
    ExportKeys,
    ExportExists,
    ExportConfirmKeys,
    ExportBusy,
    ExportWritten,
    ExportFailed,
    ExportOneYear,
    ExportEmptyPath,
    CrossTitle,
    CrossColumn,
    CrossReadOnly,
    ExportCross,
    ReuseHere,
    ReuseThere,
}

/// The wording of `m` in `lang`.
pub fn screen_msg(lang: Lang, m: ScreenMsg) -> &'static str {
    let (zh, en) = match m {
        ScreenMsg::SearchTitle => ("全库搜索", "Search the store"),
        ScreenMsg::SearchPrompt => ("查询：", "Query: "),
        ScreenMsg::SearchEmpty => (
            "输入要查找的文字：词语并列即同时出现；\"…\" 为短语；AND、OR、NOT（大写）",
            "Type what to look for: words side by side must all occur; \"…\" quotes a phrase; AND, OR, NOT",
        ),
        ScreenMsg::SearchBusy => ("正在搜索…", "searching…"),
        ScreenMsg::SearchMatches => ("{}“{}”", "{} “{}”"),
        ScreenMsg::SearchSoFar => ("目前{}“{}”…", "{} “{}” so far…"),
        ScreenMsg::SearchRead => ("已读 {}/{} 份", "{} of {} read"),
        ScreenMsg::SearchShowing => ("；列出前 {} 份", "; showing the first {}"),
        ScreenMsg::SearchScanned => (
            "（查询过短，或被标点隔成短段：逐份读取）",
            "(short query, or cut short by punctuation: every report read)",
        ),
        ScreenMsg::SearchUnindexed => (
            "（{} 份尚未入索引，逐份读取；nianbao search --reindex 可补入）",
            "({} not yet indexed: read one by one; `nianbao search --reindex` adds them)",
        ),
        ScreenMsg::SearchNone => ("没有报告含有：{}", "no report holds: {}"),
        ScreenMsg::SearchKeys => (
            "Enter 打开该处  ↑↓ 选择  Esc 返回",
            "Enter open at the hit  ↑↓ choose  Esc back",
        ),
        ScreenMsg::SearchNoReport => (
            "该报告已不在库中（Ctrl-R 重新读取）",
            "that report is no longer in the store (Ctrl-R reloads)",
        ),
        ScreenMsg::ExportTitle => ("导出本对年份", "Export this pair"),
        ScreenMsg::ExportFormat => ("格式：", "Format: "),
        ScreenMsg::ExportPath => ("文件：", "File: "),
        ScreenMsg::ExportKeys => (
            "Tab 切换格式  Enter 导出  Esc 取消",
            "Tab format  Enter export  Esc cancel",
        ),
        ScreenMsg::ExportExists => ("{} 已存在，覆盖吗？", "{} exists; overwrite it?"),
        ScreenMsg::ExportConfirmKeys => (
            "y 覆盖  其他键返回修改文件名",
            "y overwrite  any other key: change the name",
        ),
        ScreenMsg::ExportBusy => ("正在导出…", "exporting…"),
        ScreenMsg::ExportWritten => ("已导出到 {}", "exported to {}"),
        ScreenMsg::ExportFailed => ("导出失败：{}", "export failed: {}"),
        ScreenMsg::ExportOneYear => (
            "仅此一年，无从比较，不能导出比对",
            "one year only: there is no comparison to export",
        ),
        ScreenMsg::ExportEmptyPath => ("请输入文件名", "type a file name"),
        ScreenMsg::CrossTitle => (
            "跨乡镇比对：{} {} ↔ {} {}",
            "across townships: {} {} ↔ {} {}",
        ),
        ScreenMsg::CrossColumn => ("{} {}", "{} {}"),
        ScreenMsg::CrossReadOnly => (
            "跨乡镇比对只供查看；意见请在本乡镇的年份比对中写",
            "a cross-township pair is for reading; write notes in the township's own pair",
        ),
        ScreenMsg::ExportCross => (
            "跨乡镇比对不导出；导出请回到本乡镇的年份比对（Esc）",
            "a cross-township pair is not exported; Esc back to the township's own pair to export",
        ),
        ScreenMsg::ReuseHere => ("本报告 {}", "here {}"),
        ScreenMsg::ReuseThere => ("对方 {}", "there {}"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
