//! A failed command as the user reads it on stderr: one line, each cause once, cleaned
//! for the terminal, and in the interface language where the error is one of ours.

use crate::i18n::Lang;
use crate::review::ReviewError;
use crate::store::StoreError;
use crate::text::clean;

/// The error line, without the `nianbao: ` prefix.
pub fn line(error: &anyhow::Error, lang: Lang) -> String {
    let text = match lang {
        Lang::Zh => chinese(error).unwrap_or_else(|| chain(error)),
        Lang::En => chain(error),
    };
    one_line(&text)
}

/// A store's error as one line in the interface language, for a line that names its
/// file first (an import's failed file).
pub fn store_line(error: &StoreError, lang: Lang) -> String {
    let text = match lang {
        Lang::Zh => store_zh(error),
        Lang::En => error.to_string(),
    };
    one_line(&text)
}

/// `text` on one line, cleaned for the terminal.
fn one_line(text: &str) -> String {
    clean::field(&text.replace(['\n', '\r'], " "))
}

/// The causes joined by `: `, leaving out a cause whose words the line already holds.
fn chain(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(text.as_str()) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Our own errors worded in Chinese; `None` for anything else.
fn chinese(error: &anyhow::Error) -> Option<String> {
    if let Some(e) = error.downcast_ref::<StoreError>() {
        return Some(store_zh(e));
    }
    if let Some(e) = error.downcast_ref::<super::output::OutputError>() {
        return Some(format!("无法写入标准输出：{}", e.0));
    }
    let e = error.downcast_ref::<ReviewError>()?;
    let years = |stored: &[i32]| {
        let years: Vec<String> = stored.iter().map(i32::to_string).collect();
        years.join("、")
    };
    Some(match e {
        ReviewError::Store(e) => store_zh(e),
        ReviewError::UnknownTownship { township, store } => {
            format!("库 {store} 中没有{township}的报告；见 `nianbao list`")
        }
        ReviewError::NotInCounty { .. } => e.in_lang(Lang::Zh),
        ReviewError::NoReport {
            township,
            year,
            stored,
        } => format!(
            "{township}没有 {year} 年的报告（已存年份：{}）",
            years(stored)
        ),
        ReviewError::NothingBefore {
            township,
            year,
            stored,
        } => format!(
            "{township}在 {year} 年之前没有报告（已存年份：{}）；请给出两个年份",
            years(stored)
        ),
        ReviewError::TooFewYears { township, stored } => format!(
            "{township}存储的年份不足两年（{}）；请先导入另一年",
            years(stored)
        ),
        ReviewError::File { .. } => return None,
        ReviewError::Internal => "分析时出现内部错误；详见日志".to_string(),
    })
}

fn store_zh(e: &StoreError) -> String {
    match e {
        StoreError::Sqlite { path, error } => format!("库 {path}：{}", sqlite_zh(error)),
        StoreError::Dir { path, error } => format!("库 {path}：无法创建其目录：{error}"),
        StoreError::TooNew { path, found, known } => format!(
            "库 {path} 由更新版本的 nianbao 写入（结构版本 {found}，本版本只认识 {known}）；请升级 nianbao"
        ),
        StoreError::Foreign { path } => format!(
            "{path} 是其他程序的数据库，不是 nianbao 库；未作任何改动（请用 --store 指定另一路径）"
        ),
        StoreError::NoDataDir => {
            "本系统没有存放库的数据目录；请用 --store PATH 或设置 NIANBAO_STORE".to_string()
        }
        StoreError::Conflict { township, year } => format!(
            "{township} {year} 已有文本不同的报告；加 --replace 保存新报告（旧报告留作早期版本）"
        ),
        StoreError::ReadOnlyOutdated { path } => {
            format!("库 {path} 不可写，且由较旧版本的 nianbao 写入；请以可写权限打开一次以更新")
        }
        StoreError::AmbiguousCounty { township, counties } => {
            format!("{township}存在于多个县（{counties}）；请加 --county")
        }
    }
}

/// The common SQLite failures in Chinese; the rest as SQLite words them.
fn sqlite_zh(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => "不是数据库文件".to_string(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "库被其他进程占用，请稍后再试".to_string()
        }
        Some(ErrorCode::ReadOnly) => "库是只读的，不能写入".to_string(),
        Some(ErrorCode::CannotOpen) => "无法打开库文件".to_string(),
        Some(ErrorCode::DatabaseCorrupt) => "库文件已损坏".to_string(),
        Some(ErrorCode::DiskFull) => "磁盘已满".to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_in_the_line_is_left_out() {
        let inner = std::io::Error::other("disk full");
        let error = anyhow::Error::new(inner).context("cannot write: disk full");
        assert_eq!(line(&error, Lang::En), "cannot write: disk full");
    }
}
