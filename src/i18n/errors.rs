//! Why a file could not be read, and why an import could not tell whose report it is,
//! in Chinese (default) and English: kept beside the interface's messages, apart only
//! so that neither list grows past reading.

use super::{Lang, fill};
use crate::ingest::IngestError;
use crate::reuse::ParamError;

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
    NoStoredWithin,
    NoStoredReport,
    NoReportForYear,
    EmptyNote,
    ReportNeedsOutput,
    NoSuchFileForReuse,
    FolderForReuse,
    ReuseUnknownTownship,
    ReuseKindNeedsTop,
    ReuseRebuildOnFiles,
    ReuseTopWithTarget,
    ReuseNothingAsked,
    ReuseIndexedFileMissing,
    MinCharsTooFew,
    NearMinCharsTooFew,
    NearSimilarityRange,
    TemplateMinTownships,
    TemplateMinProvinces,
    TemplateShareRange,
    CompareNeedsTwoFiles,
    CompareNothingBefore,
    NoSuchSection,
    DemoCannotWrite,
    DemoImportFailed,
    CorpusCannotWrite,
    CannotWriteStdout,
    WorkerStopped,
    CannotStartInput,
    CannotStartWorker,
    CannotSetUpTerminal,
    UsageBadValue,
    UsageYear,
    UsageEmptyName,
    UsageKind,
    UsageUnknownOption,
    UsageUnknownCommand,
    UsageMissing,
    UsageConflict,
    UsageOther,
}

/// The wording of `m` in `lang`.
#[allow(clippy::too_many_lines)] // the message table: one arm per message
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
        ErrorMsg::NoStoredWithin => (
            "库中没有符合 {} 的报告；用 `nianbao list` 查看",
            "no stored report matches {}; see `nianbao list`",
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
        ErrorMsg::ReuseUnknownTownship => (
            "库中没有名为“{}”的乡镇（库 {}）；用 `nianbao list` 查看已导入的乡镇；要给整个库排名，用 `nianbao reuse --top`",
            "no township named “{}” in store {}; see `nianbao list`, or rank the whole store with `nianbao reuse --top`",
        ),
        ErrorMsg::ReuseKindNeedsTop => (
            "--kind 只用于 --top；单份报告的结果列出所有类别",
            "--kind applies to --top; the single-report output lists every kind",
        ),
        ErrorMsg::ReuseRebuildOnFiles => (
            "--rebuild 只用于库，不用于文件",
            "--rebuild applies to the store, not to files",
        ),
        ErrorMsg::ReuseTopWithTarget => (
            "--top 对整个库排名；请去掉 乡镇 [年份]，或去掉 --top",
            "--top ranks the whole store; drop TOWNSHIP [YEAR], or drop --top",
        ),
        ErrorMsg::ReuseNothingAsked => (
            "请说明要看什么：乡镇 [年份]、报告文件、--top 或 --rebuild",
            "say what to look at: TOWNSHIP [YEAR], report files, --top or --rebuild",
        ),
        ErrorMsg::ReuseIndexedFileMissing => {
            ("索引中的一个文件不见了", "an indexed file went missing")
        }
        ErrorMsg::MinCharsTooFew => (
            "--min-chars 至少为 {}（指纹的长度）",
            "--min-chars must be at least {} (the fingerprint length)",
        ),
        ErrorMsg::NearMinCharsTooFew => (
            "--near-min-chars 至少为 {}（更短的句子不做比对）",
            "--near-min-chars must be at least {} (shorter sentences are not sketched)",
        ),
        ErrorMsg::NearSimilarityRange => (
            "--near-similarity 应在 0.5 到 1 之间",
            "--near-similarity must be between 0.5 and 1",
        ),
        ErrorMsg::TemplateMinTownships => (
            "--template-min-townships 至少为 2",
            "--template-min-townships must be at least 2",
        ),
        ErrorMsg::TemplateMinProvinces => (
            "--template-min-provinces 至少为 2",
            "--template-min-provinces must be at least 2",
        ),
        ErrorMsg::TemplateShareRange => (
            "--template-share 应在 0 到 1 之间",
            "--template-share must be between 0 and 1",
        ),
        ErrorMsg::CompareNothingBefore => (
            "{}在{}年之前没有报告，无从对比（已导入年份：{}）",
            "no report of {} before {} to compare with (stored years: {})",
        ),
        ErrorMsg::CompareNeedsTwoFiles => (
            "--compare 与 --files 同用时需要恰好两个文件：旧文件 新文件（给了 {} 个）",
            "--compare with --files takes exactly two files, OLD NEW (got {})",
        ),
        ErrorMsg::NoSuchSection => (
            "{} {} 没有第 {} 节（已有章节：{}）；用 `nianbao inspect` 查看",
            "{} {} has no section {} (sections: {}); see `nianbao inspect`",
        ),
        ErrorMsg::DemoCannotWrite => (
            "无法把演示报告写入 {}：{}",
            "cannot write the demo reports into {}: {}",
        ),
        ErrorMsg::DemoImportFailed => (
            "演示报告没有全部导入；见上面各行",
            "the demo reports did not all import; see the lines above",
        ),
        ErrorMsg::CorpusCannotWrite => ("无法把语料写入 {}：{}", "cannot write corpus into {}: {}"),
        ErrorMsg::CannotWriteStdout => ("无法写入标准输出", "cannot write to standard output"),
        ErrorMsg::WorkerStopped => (
            "后台线程已停止；详情见日志",
            "the worker thread stopped; see the log",
        ),
        ErrorMsg::CannotStartInput => ("无法启动读取键盘的线程", "cannot start the input thread"),
        ErrorMsg::CannotStartWorker => ("无法启动后台线程", "cannot start the worker thread"),
        ErrorMsg::CannotSetUpTerminal => ("无法设置终端", "cannot set up the terminal"),
        ErrorMsg::UsageBadValue => (
            "{} 的值“{}”无效；用 `nianbao help` 查看用法",
            "invalid value for {}: “{}”; see `nianbao help`",
        ),
        ErrorMsg::UsageYear => (
            "{} 的值“{}”不是可信的报告年份（应在 {}–{} 之间）",
            "{} “{}” is not a plausible reporting year (expected {}–{})",
        ),
        ErrorMsg::UsageEmptyName => (
            "{} 给出的名称去掉不可见字符和空格后为空",
            "the name given with {} is empty once invisible characters and spaces are removed",
        ),
        ErrorMsg::UsageKind => (
            "没有“{}”这种类别；可用 `own-history`、`template`、`cross-township`、`widespread`",
            "unknown kind “{}”; use own-history, template, cross-township or widespread",
        ),
        ErrorMsg::UsageUnknownOption => (
            "没有 `{}` 这个选项；用 `nianbao help` 查看用法",
            "no option `{}`; see `nianbao help`",
        ),
        ErrorMsg::UsageUnknownCommand => (
            "没有 `{}` 这个子命令；用 `nianbao help` 查看用法",
            "no subcommand `{}`; see `nianbao help`",
        ),
        ErrorMsg::UsageMissing => (
            "缺少必需的参数 {}；用 `nianbao help` 查看用法",
            "a required argument is missing: {}; see `nianbao help`",
        ),
        ErrorMsg::UsageConflict => (
            "{} 不能与 {} 同用；用 `nianbao help` 查看用法",
            "{} cannot be used with {}; see `nianbao help`",
        ),
        ErrorMsg::UsageOther => (
            "命令行参数有误；用 `nianbao help` 查看用法",
            "the command line cannot be read; see `nianbao help`",
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

/// Why the system refused to read or write, in `lang`: the system's own words are
/// English, so the common reasons are said in Chinese and the rest keep the system's
/// words after a Chinese lead.
pub fn io_reason(lang: Lang, error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if lang == Lang::En {
        return error.to_string();
    }
    let reason = match error.kind() {
        K::NotFound => "没有这个文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已经存在",
        K::NotADirectory => "路径中有一项不是文件夹",
        K::IsADirectory => "是文件夹",
        K::StorageFull => "磁盘已满",
        K::ReadOnlyFilesystem => "文件系统只读",
        _ => return format!("读写出错（{error}）"),
    };
    reason.to_string()
}

/// A reuse threshold out of range, in `lang`.
pub fn param_error(lang: Lang, error: ParamError) -> String {
    let (m, least) = match error {
        ParamError::MinChars { least } => (ErrorMsg::MinCharsTooFew, least),
        ParamError::NearMinChars { least } => (ErrorMsg::NearMinCharsTooFew, least),
        ParamError::NearSimilarity => (ErrorMsg::NearSimilarityRange, 0),
        ParamError::TemplateMinTownships => (ErrorMsg::TemplateMinTownships, 0),
        ParamError::TemplateMinProvinces => (ErrorMsg::TemplateMinProvinces, 0),
        ParamError::TemplateShare => (ErrorMsg::TemplateShareRange, 0),
    };
    error_words(lang, m, &[&least.to_string()])
}

/// A file's refusal in `lang`: one line saying what is wrong and what to do.
pub fn ingest_error(lang: Lang, error: &IngestError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        IngestError::Io(e) => format!("无法读取文件：{}", io_reason(lang, e)),
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
