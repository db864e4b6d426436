//! Plain output of `nianbao figures`: CSV that Excel opens and that no cell can turn
//! into a formula, and human tables aligned by display width.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::export::csv;
use crate::report::normalize::printable;

/// Writes one CSV record with CRLF line ending, each cell quoted and guarded as every
/// CSV export of nianbao is (see [`crate::export::csv`]).
pub(super) fn csv_line(out: &mut impl Write, fields: &[String]) -> io::Result<()> {
    out.write_all(csv::record(fields).as_bytes())
}

/// Column alignment in a human table.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
}

/// A table aligned by display width (a Chinese character takes two columns).
pub(super) struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(super) fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, row: Vec<String>) {
        let flat = |cell: &String| printable(cell).replace(['\n', '\t'], " ");
        self.rows.push(row.iter().map(flat).collect());
    }

    pub(super) fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|c| {
                std::iter::once(&self.headers)
                    .chain(&self.rows)
                    .map(|row| row.get(c).map_or(0, |cell| cell.width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| pad(cell, widths[c], self.align[c]))
                .collect();
            writeln!(out, "  {}", cells.join("  ").trim_end())?;
        }
        Ok(())
    }
}

fn pad(cell: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(cell.width()));
    match align {
        Align::Left => format!("{cell}{fill}"),
        Align::Right => format!("{fill}{cell}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_by_display_width() {
        let mut table = Table::new(&[("指标", Align::Left), ("数值", Align::Right)]);
        table.push(vec!["宣传资料".into(), "3000".into()]);
        table.push(vec!["ab".into(), "5".into()]);
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "  宣传资料  3000");
        assert_eq!(lines[2], "  ab           5");
    }
}
