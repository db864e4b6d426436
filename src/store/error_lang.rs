//! The store's errors in the interface language, for both front ends: English is the
//! error's own words; Chinese names the same file and says the same thing to do.

use super::StoreError;
use crate::i18n::Lang;

impl StoreError {
    /// The error as one line in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => chinese(self),
            Lang::En => self.to_string(),
        }
    }
}

fn chinese(e: &StoreError) -> String {
    match e {
        StoreError::Sqlite { path, error } => format!("库 {path}：{}", sqlite_chinese(error)),
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
fn sqlite_chinese(error: &rusqlite::Error) -> String {
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
