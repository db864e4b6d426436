//! CSV that Excel opens and no cell of which can turn into a formula: UTF-8 with a BOM
//! (so Excel reads Chinese correctly), CRLF records (RFC 4180), every cell on one line,
//! quoted where needed, and report text that starts like a formula defused.

/// The byte order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One record with its CRLF line ending.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let cells: Vec<String> = fields.iter().map(|f| cell(f.as_ref())).collect();
    format!("{}\r\n", cells.join(","))
}

/// One CSV cell: control characters stripped; line breaks and tabs made spaces; quoted
/// when it holds a comma or quote; and kept from being read as a spreadsheet formula
/// (a report's text is untrusted, and `=…` in a cell would run in Excel). Numbers such
/// as `-3.5` stay numbers.
pub fn cell(field: &str) -> String {
    let clean = super::escape::clean(field).replace(['\r', '\n', '\t'], " ");
    let is_number = clean.parse::<f64>().is_ok();
    let guarded = if !is_number && clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean
    };
    if guarded.contains([',', '"']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_guarded() {
        assert_eq!(cell("宣传资料"), "宣传资料");
        assert_eq!(cell("甲,乙"), "\"甲,乙\"");
        assert_eq!(cell("他说\"好\""), "\"他说\"\"好\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("-3.5"), "-3.5");
        assert_eq!(cell("第一行\n第二行"), "第一行 第二行");
        assert_eq!(cell("a\u{1b}[2Jb"), "a[2Jb");
    }

    #[test]
    fn records_end_in_crlf() {
        assert_eq!(record(&["甲", "1,2"]), "甲,\"1,2\"\r\n");
    }
}
