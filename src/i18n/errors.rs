//! Why a file could not be read, and why an import could not tell whose report it is,
//! in Chinese (default) and English: kept beside the interface's messages, apart only
//! so that neither list grows past reading.

use super::{Lang, fill};
use crate::ingest::IngestError;

/// A reason a file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorMsg {
    NoTownship,
    NoYear,
    YearInText,
    CannotReadFolder,
    NoSuchFile,
    NeedsTwoFiles,
    GiveTownshipOrFiles,
    NotATownship,
    NotAYear,
    NoStoredMatch,
    NoStoredReport,
    NoReportForYear,
    EmptyNote,
    ReportNeedsOutput,
    NoSuchFileForReuse,
    FolderForReuse,
}

/// The wording of `m` in `lang`.
pub fn error_msg(lang: Lang, m: ErrorMsg) -> &'static str {
    let (zh, en) = match m {
        ErrorMsg::NoTownship => (
            "无法判断是哪个乡镇的报告；请加 --township",
            "cannot tell which township wrote this report; pass --township",
        ),
        ErrorMsg::NoYear => (
            "无法判断报告年份；请加 --year",
            "cannot tell the reporting year; pass --year",
        ),
        ErrorMsg::YearInText => (
            "正文中的年份 {} 不是可信的报告年份（应在 {}–{} 之间）；请加 --year",
            "the year read from the text, {}, is not a plausible reporting year (expected {}–{}); pass --year",
        ),
        ErrorMsg::CannotReadFolder => ("无法读取文件夹：{}", "cannot read folder: {}"),
        ErrorMsg::NoSuchFile => ("{}：没有这个文件", "{}: no such file"),
        ErrorMsg::NeedsTwoFiles => (
            "{}：比对文件需要两个：旧文件 新文件",
            "{}: comparing files needs two of them: OLD_FILE NEW_FILE",
        ),
        ErrorMsg::GiveTownshipOrFiles => (
            "请给出 乡镇 [旧年份 新年份] 或 旧文件 新文件",
            "give TOWNSHIP [OLD_YEAR NEW_YEAR] or OLD_FILE NEW_FILE",
        ),
        ErrorMsg::NotATownship => (
            "{}：不是乡镇名，也不是已有的文件",
            "{}: not a township name or an existing file",
        ),
        ErrorMsg::NotAYear => (
            "{}：不是年份；请给出 乡镇 [旧年份 新年份] 或 旧文件 新文件",
            "{}: not a year; give TOWNSHIP [OLD_YEAR NEW_YEAR] or OLD_FILE NEW_FILE",
        ),
        ErrorMsg::NoStoredMatch => (
            "库中没有符合条件的报告；用 `nianbao list` 查看",
            "no stored report matches; see `nianbao list`",
        ),
        ErrorMsg::NoStoredReport => ("库中没有{}的报告", "no stored report for {}"),
        ErrorMsg::NoReportForYear => ("库中没有 {} 年{}的报告", "no {} report for {}"),
        ErrorMsg::EmptyNote => (
            "意见为空；请用 --text 给出内容",
            "the note is empty; pass the text with --text",
        ),
        ErrorMsg::ReportNeedsOutput => (
            "Word 或 HTML 报告需要写入文件：请加 --output 文件",
            "a Word or HTML report needs a file: add --output FILE",
        ),
        ErrorMsg::NoSuchFileForReuse => (
            "{}：没有这个文件；库中的报告请给出 乡镇 [年份]，否则给出已有的报告文件",
            "{}: no such file; pass TOWNSHIP [YEAR] for a stored report or existing report files",
        ),
        ErrorMsg::FolderForReuse => (
            "{} 是文件夹；请给出报告文件（例如 {}/*.txt）",
            "{} is a folder; pass the report files (for example {}/*.txt)",
        ),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The message `m` in `lang`, filled with `args` (see [`fill`]).
pub fn error_words(lang: Lang, m: ErrorMsg, args: &[&str]) -> String {
    fill(error_msg(lang, m), args)
}

/// A file's refusal in `lang`: one line saying what is wrong and what to do.
pub fn ingest_error(lang: Lang, error: &IngestError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        IngestError::Io(e) => format!("无法读取文件：{e}"),
        IngestError::NotRegular(kind) => {
            format!("{}，不是普通文件；只读取报告文件", file_kind_zh(kind))
        }
        IngestError::Empty => "文件为空".to_string(),
        IngestError::TooLarge { size, limit } => fill(
            "文件太大（{} 字节；上限 {} 字节）",
            &[&size.to_string(), &limit.to_string()],
        ),
        IngestError::Binary(what) => format!("不是文本文档（{what}）"),
        IngestError::Encoding(e) => format!("无法解码文本：{e}"),
        IngestError::Docx(e) => format!("损坏的 .docx 文件：{e}"),
        IngestError::Html(e) => format!("损坏的 .html 文件：{e}"),
        IngestError::NeedsConverter { format, install } => {
            format!("{format} 文件需要转换程序：请安装 {install}")
        }
        IngestError::Converter(e) => format!("转换失败：{e}"),
        IngestError::NoText => "清理后没有剩下报告正文".to_string(),
    }
}

/// The Chinese for the kinds `ingest` names a file that is not a regular file.
fn file_kind_zh(kind: &str) -> &'static str {
    match kind {
        "a character device" => "字符设备",
        "a block device" => "块设备",
        "a named pipe (FIFO)" => "命名管道（FIFO）",
        "a socket" => "套接字",
        "a folder" => "文件夹",
        _ => "特殊文件",
    }
}
