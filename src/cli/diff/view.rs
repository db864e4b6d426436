//! The side-by-side terminal view of `nianbao diff`.

use std::io::{self, Write};

use super::ReportInfo;
use crate::compare::{
    Comparison, Edit, EditOp, Region, Row, RowKind, Scores, SectionPair, SectionStatus,
};
use crate::i18n::{Lang, Msg, msg};
use crate::report::normalize::is_printable;
use crate::report::{Report, Sentence};
use crate::review::coarse_notice;
use crate::review::rows::{self, Segment};
use crate::text::{width::text_width, wrap::wrap};

/// How a stretch of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    Plain,
    Removed,
    Added,
    Moved,
    Deleted,
    Inserted,
    Faint,
    Heading,
    Changed,
    /// Plain text that opens a bracketed change without colour (`[-`, `{+`): a line
    /// never ends in it.
    Opening,
    /// Plain text that closes a bracketed change (`-]`, `+}`): a line never starts with
    /// it.
    Closing,
}

impl Paint {
    /// The SGR sequence that starts this paint (empty for plain text).
    fn sgr(self) -> &'static str {
        match self {
            Paint::Plain | Paint::Opening | Paint::Closing => "",
            Paint::Removed => "\x1b[31m",
            Paint::Added => "\x1b[32m",
            Paint::Moved => "\x1b[36m",
            Paint::Deleted => "\x1b[1;31;7m",
            Paint::Inserted => "\x1b[1;32;7m",
            Paint::Faint => "\x1b[2m",
            Paint::Heading => "\x1b[1;34m",
            Paint::Changed => "\x1b[1;33m",
        }
    }
}

const RESET: &str = "\x1b[0m";

/// A display line: characters with their paint.
type Cells = Vec<(char, Paint)>;

/// The marker of a row kind (the same as in the review interface), and its paint.
fn marker(kind: RowKind) -> (char, Paint) {
    let paint = match kind {
        RowKind::Unchanged => Paint::Plain,
        RowKind::NumbersOnly | RowKind::DatesOnly | RowKind::Modified => Paint::Changed,
        RowKind::Moved => Paint::Moved,
        RowKind::Added => Paint::Added,
        RowKind::Removed => Paint::Removed,
    };
    (rows::marker(kind), paint)
}

/// The side-by-side terminal view.
pub(super) struct View<'a> {
    pub(super) old: &'a Report,
    pub(super) new: &'a Report,
    pub(super) lang: Lang,
    pub(super) color: bool,
    pub(super) width: usize,
    pub(super) context: usize,
}

impl View<'_> {
    /// Writes the summary and every section pair.
    pub(super) fn write(
        &self,
        out: &mut impl Write,
        old: &ReportInfo,
        new: &ReportInfo,
        comparison: &Comparison,
    ) -> io::Result<()> {
        self.write_summary(out, old, new, &comparison.scores)?;
        if let Some(notice) = coarse_notice(comparison, self.lang) {
            self.write_wrapped(out, &notice, Paint::Plain)?;
        }
        for pair in &comparison.sections {
            writeln!(out)?;
            self.write_pair(out, pair)?;
        }
        Ok(())
    }

    /// Widths of the left and right columns: marker, space, left, ` │ `, right.
    fn columns(&self) -> (usize, usize) {
        let text = self.width.saturating_sub(5).max(2);
        (text / 2, text - text / 2)
    }

    fn write_summary(
        &self,
        out: &mut impl Write,
        old: &ReportInfo,
        new: &ReportInfo,
        scores: &Scores,
    ) -> io::Result<()> {
        let lang = self.lang;
        let title = format!(
            "{} → {}   {} {:.1}%  {} {:.2}  {} {:.2}",
            old.label(),
            new.label(),
            msg(lang, Msg::CopyRatio),
            scores.copy_ratio * 100.0,
            msg(lang, Msg::Cosine),
            scores.cosine,
            msg(lang, Msg::Jaccard),
            scores.jaccard
        );
        self.write_wrapped(out, &title, Paint::Heading)?;
        self.write_wrapped(out, &self.shares_text(scores), Paint::Plain)?;
        let c = &scores.counts;
        let counts = [
            (RowKind::Unchanged, Msg::KindUnchanged, c.unchanged),
            (RowKind::DatesOnly, Msg::KindDatesOnly, c.dates_only),
            (RowKind::NumbersOnly, Msg::KindNumbersOnly, c.numbers_only),
            (RowKind::Modified, Msg::KindModified, c.modified),
            (RowKind::Moved, Msg::KindMoved, c.moved),
            (RowKind::Added, Msg::KindAdded, c.added),
            (RowKind::Removed, Msg::KindRemoved, c.removed),
        ]
        .iter()
        .map(|&(kind, label, n)| format!("{} {} {n}", marker(kind).0, msg(lang, label)))
        .collect::<Vec<_>>()
        .join(" · ");
        self.write_wrapped(out, &counts, Paint::Plain)?;
        let h = &scores.counts.headings;
        let headings = format!(
            "{}: = {} {} · ^ {} {} · # {} {} · ~ {} {} · + {} {} · - {} {}",
            msg(lang, Msg::Headings),
            msg(lang, Msg::KindUnchanged),
            h.unchanged,
            msg(lang, Msg::KindDatesOnly),
            h.dates_only,
            msg(lang, Msg::KindNumbersOnly),
            h.numbers_only,
            msg(lang, Msg::KindModified),
            h.modified,
            msg(lang, Msg::KindAdded),
            h.added,
            msg(lang, Msg::KindRemoved),
            h.removed
        );
        self.write_wrapped(out, &headings, Paint::Plain)
    }

    /// `未变 80% · 仅日期变 10% · 仅数字变 5%` of this year's sentences.
    fn shares_text(&self, scores: &Scores) -> String {
        let lang = self.lang;
        let s = &scores.shares;
        format!(
            "{} {:.0}% · {} {:.0}% · {} {:.0}%",
            msg(lang, Msg::KindUnchanged),
            s.unchanged * 100.0,
            msg(lang, Msg::KindDatesOnly),
            s.dates_only * 100.0,
            msg(lang, Msg::KindNumbersOnly),
            s.numbers_only * 100.0
        )
    }

    /// Writes free text wrapped to the full width, indenting continuation lines.
    fn write_wrapped(&self, out: &mut impl Write, text: &str, paint: Paint) -> io::Result<()> {
        self.write_wrapped_cells(out, &cells(text, paint, self.color))
    }

    /// Writes cells wrapped to the full width, indenting continuation lines.
    fn write_wrapped_cells(&self, out: &mut impl Write, cells: &[(char, Paint)]) -> io::Result<()> {
        for (k, line) in wrap_cells(cells, self.width.saturating_sub(2))
            .iter()
            .enumerate()
        {
            let indent = if k == 0 { "" } else { "  " };
            writeln!(out, "{indent}{}", self.paint(line))?;
        }
        Ok(())
    }

    fn write_pair(&self, out: &mut impl Write, pair: &SectionPair) -> io::Result<()> {
        self.write_header(out, pair)?;
        for segment in rows::fold_rows(&pair.rows, self.context, |_| false) {
            match segment {
                Segment::Row(i) => self.write_row(out, pair, &pair.rows[i])?,
                Segment::Fold(run) => self.write_fold(out, run.len())?,
            }
        }
        Ok(())
    }

    /// The pair's header: marker, heading (with its changed words), statutory parts,
    /// similarity, copy ratio and the shares of carried-over sentences.
    fn write_header(&self, out: &mut impl Write, pair: &SectionPair) -> io::Result<()> {
        let lang = self.lang;
        let heading = |text: &str| cells(text, Paint::Heading, self.color);
        let mut line = self.heading_cells(pair);
        let mut details: Vec<String> = Vec::new();
        if !pair.parts.is_empty() {
            let parts: Vec<String> = pair.parts.iter().map(|p| format!("{p:?}")).collect();
            details.push(parts.join(" "));
        }
        if pair.status == SectionStatus::Matched {
            details.push(format!(
                "{} {:.2}",
                msg(lang, Msg::Similarity),
                pair.similarity
            ));
        }
        let has_new_text = pair.rows.iter().any(|r| r.new.is_some());
        if has_new_text {
            details.push(format!(
                "{} {:.0}%",
                msg(lang, Msg::CopyRatio),
                pair.scores.copy_ratio * 100.0
            ));
            details.push(self.shares_text(&pair.scores));
        }
        if !details.is_empty() {
            line.extend(heading("   "));
            line.extend(heading(&details.join(" · ")));
        }
        self.write_wrapped_cells(out, &line)
    }

    /// Marker and label of a pair's heading: `~ § 4 [-自觉-]{+主动+}接受{+各方面+}监督`
    /// for a changed title, `> § 2.3 → 1.3 title` for a renumbered one.
    fn heading_cells(&self, pair: &SectionPair) -> Cells {
        let lang = self.lang;
        let heading = |text: &str| cells(text, Paint::Heading, self.color);
        let old = pair.old.map(|r| self.region_label(self.old, r));
        let new = pair.new.map(|r| self.region_label(self.new, r));
        let change = pair.heading.as_ref().filter(|h| !h.edits.is_empty());
        let (Some(o), Some(n)) = (&old, &new) else {
            let (mark, label, note) = match (old, new) {
                (None, Some(n)) => ('+', n, Msg::SectionAdded),
                (Some(o), None) => ('-', o, Msg::SectionRemoved),
                _ => return Vec::new(),
            };
            return heading(&format!("{mark} § {label}  （{}）", msg(lang, note)));
        };
        let (old_path, new_path) = (
            section_path(self.old, pair.old),
            section_path(self.new, pair.new),
        );
        let mark = match change {
            Some(h) => marker(h.kind).0,
            None if o == n => rows::marker(RowKind::Unchanged),
            None => '>',
        };
        let Some(change) = change else {
            let label = if o == n {
                o.clone()
            } else {
                format!("{o} → {n}")
            };
            return heading(&format!("{mark} § {label}"));
        };
        let paths = if old_path == new_path {
            new_path
        } else {
            format!("{old_path} → {new_path}")
        };
        let mut line = heading(&format!("{mark} § {paths} "));
        line.extend(self.inline_edit_cells(&change.edits));
        line
    }

    /// `2.3 加强组织领导`, or the preamble or closing by name.
    fn region_label(&self, report: &Report, region: Region) -> String {
        match region {
            Region::Preamble => format!("（{}）", msg(self.lang, Msg::Preamble)),
            Region::Closing => format!("（{}）", msg(self.lang, Msg::Closing)),
            Region::Section(i) => report
                .sections
                .get(i)
                .map_or_else(String::new, |s| format!("{} {}", s.path, s.title)),
        }
    }

    /// `⋯ 5 句未变，已折叠`: the marker of a folded run, as in the review interface.
    fn write_fold(&self, out: &mut impl Write, hidden: usize) -> io::Result<()> {
        let text = format!("⋯ {hidden} {}", msg(self.lang, Msg::FoldedUnchanged));
        let line = cells(&text, Paint::Faint, self.color);
        writeln!(out, "{}", self.paint(&line))
    }

    fn write_row(&self, out: &mut impl Write, pair: &SectionPair, row: &Row) -> io::Result<()> {
        let (left_width, right_width) = self.columns();
        let (left, right) = self.row_cells(pair, row);
        let left = wrap_cells(&left, left_width);
        let right = wrap_cells(&right, right_width);
        let (mark, mark_paint) = marker(row.kind);
        let gutter = self.paint(&cells("│", Paint::Faint, self.color));
        for k in 0..left.len().max(right.len()) {
            let first = if k == 0 {
                (mark, mark_paint)
            } else {
                (' ', Paint::Plain)
            };
            let l = left.get(k).map_or(&[][..], Vec::as_slice);
            let r = right.get(k).map_or(&[][..], Vec::as_slice);
            let pad = left_width.saturating_sub(cells_width(l));
            let mut line = format!(
                "{} {}{:pad$} {gutter}",
                self.paint(&[first]),
                self.paint(l),
                ""
            );
            if !r.is_empty() {
                line.push(' ');
                line.push_str(&self.paint(r));
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// The painted text of each side of a row; a merged or split row shows its
    /// sentences joined, after a note of how many became how many.
    fn row_cells(&self, pair: &SectionPair, row: &Row) -> (Cells, Cells) {
        let old = row.old.and_then(|i| self.old.sentences.get(i));
        let text = |report: &Report, indices: &mut dyn Iterator<Item = usize>, paint| {
            let joined: String = indices
                .filter_map(|i| report.sentences.get(i))
                .map(|s| s.text.as_str())
                .collect();
            cells(&joined, paint, self.color)
        };
        let old_text = |paint| text(self.old, &mut row.old_sentences(), paint);
        let new_text = |paint| text(self.new, &mut row.new_sentences(), paint);
        let mut left = self.joined_note(row);
        let right = match row.kind {
            RowKind::Unchanged => {
                left.extend(old_text(Paint::Plain));
                new_text(Paint::Plain)
            }
            RowKind::Removed => {
                left.extend(old_text(Paint::Removed));
                Vec::new()
            }
            RowKind::Added => new_text(Paint::Added),
            RowKind::Moved => {
                left.extend(self.origin_note(pair, old));
                left.extend(old_text(Paint::Moved));
                new_text(Paint::Moved)
            }
            _ if !row.edits.is_empty() => {
                left.extend(self.origin_note(pair, old));
                left.extend(self.edit_cells(&row.edits, EditOp::Insert));
                self.edit_cells(&row.edits, EditOp::Delete)
            }
            _ => {
                left.extend(old_text(Paint::Plain));
                new_text(Paint::Plain)
            }
        };
        (left, right)
    }

    /// `（合并 2→1）` before a merged row, `（拆分 1→2）` before a split one.
    fn joined_note(&self, row: &Row) -> Cells {
        let (olds, news) = (row.old_sentences().count(), row.new_sentences().count());
        let label = match (olds, news) {
            (o, 1) if o > 1 => Msg::Merged,
            (1, n) if n > 1 => Msg::Split,
            _ => return Vec::new(),
        };
        let note = format!("（{} {olds}→{news}）", msg(self.lang, label));
        cells(&note, Paint::Faint, self.color)
    }

    /// `（原在 2.3）` before an old sentence that stands in another region than the
    /// pair's old side; nothing otherwise.
    fn origin_note(&self, pair: &SectionPair, old: Option<&Sentence>) -> Cells {
        let Some(sentence) = old else {
            return Vec::new();
        };
        let region = Region::of(self.old, sentence);
        if pair.old == Some(region) {
            return Vec::new();
        }
        let from = match region {
            Region::Section(i) => self.old.sections.get(i).map_or("", |s| s.path.as_str()),
            Region::Preamble => msg(self.lang, Msg::Preamble),
            Region::Closing => msg(self.lang, Msg::Closing),
        };
        let note = format!("（{} {from}）", msg(self.lang, Msg::MovedFrom));
        cells(&note, Paint::Faint, self.color)
    }

    /// One side of an edit script (`skip` is the operation of the other side), changed
    /// words highlighted, or bracketed `[-…-]` / `{+…+}` without colour.
    fn edit_cells(&self, edits: &[Edit], skip: EditOp) -> Cells {
        let mut out = Vec::new();
        for edit in edits.iter().filter(|e| e.op != skip) {
            match edit.op {
                EditOp::Equal => out.extend(cells(&edit.text, Paint::Plain, self.color)),
                EditOp::Delete if self.color => out.extend(cells(&edit.text, Paint::Deleted, true)),
                EditOp::Insert if self.color => {
                    out.extend(cells(&edit.text, Paint::Inserted, true))
                }
                EditOp::Delete => bracketed(&mut out, "[-", &edit.text, "-]"),
                EditOp::Insert => bracketed(&mut out, "{+", &edit.text, "+}"),
            }
        }
        out
    }

    /// Both sides of an edit script on one line, as a heading shows its change:
    /// deletions and insertions highlighted, or bracketed without colour.
    fn inline_edit_cells(&self, edits: &[Edit]) -> Cells {
        let mut out = Vec::new();
        for edit in edits {
            match edit.op {
                EditOp::Equal => out.extend(cells(&edit.text, Paint::Heading, self.color)),
                EditOp::Delete if self.color => out.extend(cells(&edit.text, Paint::Deleted, true)),
                EditOp::Insert if self.color => {
                    out.extend(cells(&edit.text, Paint::Inserted, true))
                }
                EditOp::Delete => bracketed(&mut out, "[-", &edit.text, "-]"),
                EditOp::Insert => bracketed(&mut out, "{+", &edit.text, "+}"),
            }
        }
        out
    }

    /// The line with escape sequences when colour is on.
    fn paint(&self, line: &[(char, Paint)]) -> String {
        let mut s = String::with_capacity(line.len() * 4);
        let mut current = Paint::Plain;
        for &(c, paint) in line {
            if self.color && paint != current {
                if current != Paint::Plain {
                    s.push_str(RESET);
                }
                s.push_str(paint.sgr());
                current = paint;
            }
            s.push(c);
        }
        if self.color && current != Paint::Plain {
            s.push_str(RESET);
        }
        s
    }
}

/// The section path of a region of `report` (empty for the preamble and closing).
fn section_path(report: &Report, region: Option<Region>) -> String {
    match region {
        Some(Region::Section(i)) => report
            .sections
            .get(i)
            .map_or_else(String::new, |s| s.path.clone()),
        _ => String::new(),
    }
}

/// Appends `text` between bracket cells that wrapping keeps with it.
fn bracketed(out: &mut Cells, open: &str, text: &str, close: &str) {
    out.extend(open.chars().map(|c| (c, Paint::Opening)));
    out.extend(cells(text, Paint::Plain, false));
    out.extend(close.chars().map(|c| (c, Paint::Closing)));
}

/// Report text as cells: control characters dropped, tabs and line breaks as spaces.
fn cells(text: &str, paint: Paint, color: bool) -> Cells {
    let paint = if color { paint } else { Paint::Plain };
    text.chars()
        .filter(|&c| is_printable(c))
        .map(|c| (if c == '\t' || c == '\n' { ' ' } else { c }, paint))
        .collect()
}

/// Wraps cells to `width` columns with the CJK line-breaking rules, brackets of a
/// change kept with the change; a line does not end in spaces.
fn wrap_cells(cells: &[(char, Paint)], width: usize) -> Vec<Cells> {
    // Brackets are wrapped as `(` and `)`, which CJK rules keep with their neighbours.
    let text: String = cells
        .iter()
        .map(|&(c, paint)| match paint {
            Paint::Opening => '(',
            Paint::Closing => ')',
            _ => c,
        })
        .collect();
    wrap(&text, width, false)
        .into_iter()
        .filter_map(|range| cells.get(range))
        .map(|line| {
            let kept = line.len() - line.iter().rev().take_while(|(c, _)| *c == ' ').count();
            line[..kept].to_vec()
        })
        .collect()
}

fn cells_width(cells: &[(char, Paint)]) -> usize {
    text_width(&cells.iter().map(|&(c, _)| c).collect::<String>(), false)
}
