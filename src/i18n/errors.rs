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
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
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
