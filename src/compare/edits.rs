//! Word-level edits inside a reworded sentence, over jieba tokens: a number keeps its
//! measure word (`12次`, `3000余份`, `100%`) and each punctuation mark is its own token,
//! so highlights fall on whole words and never on half a number.
//!
//! Each run carries its character range on each side it belongs to, so a view marks it
//! by position; in a comparison the ranges are offsets into the reports' clean text.

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::{Edit, EditOp};
use crate::report::normalize::{fold_width, is_ignorable};
use crate::report::words::tokens;
use crate::report::{Report, Span};

/// A text compared word by word, with where each of its characters stands in its
/// report: one sentence, several sentences joined, or a heading title.
#[derive(Debug, Clone)]
pub struct Placed {
    text: String,
    /// The report offset of each character of `text`.
    offsets: Vec<usize>,
}

impl Placed {
    /// The sentences of `report` at `indices`, joined in order; `None` when there are
    /// none or an index is out of range.
    pub fn sentences(report: &Report, indices: impl Iterator<Item = usize>) -> Option<Placed> {
        let mut placed = Placed {
            text: String::new(),
            offsets: Vec::new(),
        };
        for i in indices {
            let sentence = report.sentences.get(i)?;
            placed.text.push_str(&sentence.text);
            let start = sentence.span.start;
            placed
                .offsets
                .extend((0..sentence.text.chars().count()).map(|k| start + k));
        }
        (!placed.text.is_empty()).then_some(placed)
    }

    /// A heading title as the report writes it inside `within`: the title's characters
    /// are found in order there (a title broken over lines loses its line breaks);
    /// `None` when they are not all found.
    pub fn title(report: &Report, title: &str, within: Span) -> Option<Placed> {
        let mut source = report
            .char_index
            .rest(&report.text, within.start)
            .chars()
            .enumerate()
            .map(|(k, c)| (within.start + k, c))
            .take(within.len());
        let mut offsets = Vec::with_capacity(title.len());
        for c in title.chars() {
            let (offset, _) = source.by_ref().find(|&(_, s)| s == c)?;
            offsets.push(offset);
        }
        Some(Placed {
            text: title.to_string(),
            offsets,
        })
    }

    /// The text compared.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its length in characters.
    pub fn chars(&self) -> usize {
        self.offsets.len()
    }

    /// The report range of characters `span` of the text.
    fn place(&self, span: Span) -> Option<Span> {
        let first = *self.offsets.get(span.start)?;
        let last = *self.offsets.get(span.end.checked_sub(1)?)?;
        Some(Span::new(first, last + 1))
    }
}

/// The edit script from `old` to `new` with every run's ranges moved into the reports.
pub fn placed_edits(old: &Placed, new: &Placed) -> Vec<Edit> {
    let mut edits = word_edits(&old.text, &new.text);
    for edit in &mut edits {
        edit.old_span = edit.old_span.and_then(|s| old.place(s));
        edit.new_span = edit.new_span.and_then(|s| new.place(s));
    }
    edits
}

/// The edit script turning `old` into `new`. Concatenating the `equal` and `delete`
/// runs gives `old`, the `equal` and `insert` runs give `new`; adjacent runs never
/// share an operation, and a replacement lists its deletion before its insertion. Each
/// run's spans are character offsets into `old` and `new`.
pub fn word_edits(old: &str, new: &str) -> Vec<Edit> {
    let (a, b) = (words(old), words(new));
    let mut edits: Vec<Edit> = Vec::new();
    let mut run = |op: EditOp, tokens: &[&str]| {
        let text = tokens.concat();
        if !text.is_empty() {
            append(&mut edits, edit(op, text));
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => run(EditOp::Equal, &a[old_range]),
            DiffTag::Delete => run(EditOp::Delete, &a[old_range]),
            DiffTag::Insert => run(EditOp::Insert, &b[new_range]),
            DiffTag::Replace => {
                run(EditOp::Delete, &a[old_range]);
                run(EditOp::Insert, &b[new_range]);
            }
        }
    }
    with_spans(absorb_lone_characters(edits))
}

/// A run without its place yet.
fn edit(op: EditOp, text: String) -> Edit {
    Edit {
        op,
        text,
        old_span: None,
        new_span: None,
    }
}

/// Sets each run's character ranges: runs rebuild each side in order, so a running
/// offset per side places them.
fn with_spans(mut edits: Vec<Edit>) -> Vec<Edit> {
    let (mut old, mut new) = (0usize, 0usize);
    for e in &mut edits {
        let len = e.text.chars().count();
        if e.op != EditOp::Insert {
            e.old_span = Some(Span::new(old, old + len));
            old += len;
        }
        if e.op != EditOp::Delete {
            e.new_span = Some(Span::new(new, new + len));
            new += len;
        }
    }
    edits
}

/// Jieba tokens with decimal numbers whole: the segmenter cuts `21.4%` into `21`, `.`
/// and `4%`, and a highlight must not fall on half of it.
fn words(text: &str) -> Vec<&str> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let raw = tokens(text);
    let mut out: Vec<&str> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let decimal_point = matches!(raw[i], "." | "," | "．")
            && out.last().is_some_and(|n| n.ends_with(is_digit))
            && raw.get(i + 1).is_some_and(|n| n.starts_with(is_digit));
        if decimal_point
            && let Some(number) = out.last_mut()
            && let Some(whole) = join(text, number, raw[i + 1])
        {
            *number = whole;
            i += 2;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    out
}

/// The stretch of `text` from the start of `first` to the end of `last`, both slices of
/// `text`; `None` if they are not.
fn join<'a>(text: &'a str, first: &str, last: &str) -> Option<&'a str> {
    let base = text.as_ptr() as usize;
    let start = (first.as_ptr() as usize).checked_sub(base)?;
    let end = (last.as_ptr() as usize).checked_sub(base)? + last.len();
    text.get(start..end)
}

/// A single equal character between two changes (`的`) splits one rewording into
/// fragments that are hard to read; it is folded into the change on both sides.
/// Punctuation stays equal: it separates changes a reader takes one by one.
fn absorb_lone_characters(edits: Vec<Edit>) -> Vec<Edit> {
    let changed = |e: Option<&Edit>| e.is_some_and(|e| e.op != EditOp::Equal);
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    let mut i = 0;
    while i < edits.len() {
        let e = &edits[i];
        let lone = e.op == EditOp::Equal
            && e.text.chars().count() == 1
            && !e.text.chars().all(|c| is_ignorable(fold_width(c)))
            && changed(i.checked_sub(1).and_then(|p| edits.get(p)))
            && changed(edits.get(i + 1));
        if lone {
            for op in [EditOp::Delete, EditOp::Insert] {
                append(&mut out, edit(op, e.text.clone()));
            }
        } else {
            append(&mut out, e.clone());
        }
        i += 1;
    }
    out
}

/// Appends a run, merging it into the run of the same operation that ends the list: a
/// change between two equal runs is one deletion run followed by one insertion run.
fn append(out: &mut Vec<Edit>, edit: Edit) {
    let n = out.len();
    match edit.op {
        EditOp::Equal => match out.last_mut() {
            Some(last) if last.op == EditOp::Equal => last.text.push_str(&edit.text),
            _ => out.push(edit),
        },
        EditOp::Delete => {
            if n >= 1 && out[n - 1].op == EditOp::Delete {
                out[n - 1].text.push_str(&edit.text);
            } else if n >= 2 && out[n - 1].op == EditOp::Insert && out[n - 2].op == EditOp::Delete {
                out[n - 2].text.push_str(&edit.text);
            } else if n >= 1 && out[n - 1].op == EditOp::Insert {
                out.insert(n - 1, edit);
            } else {
                out.push(edit);
            }
        }
        EditOp::Insert => match out.last_mut() {
            Some(last) if last.op == EditOp::Insert => last.text.push_str(&edit.text),
            _ => out.push(edit),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(edits: &[Edit], skip: EditOp) -> String {
        edits
            .iter()
            .filter(|e| e.op != skip)
            .map(|e| e.text.as_str())
            .collect()
    }

    fn slice(text: &str, span: Span) -> String {
        text.chars().skip(span.start).take(span.len()).collect()
    }

    fn assert_script(old: &str, new: &str) -> Vec<Edit> {
        let edits = word_edits(old, new);
        assert_eq!(side(&edits, EditOp::Insert), old, "{edits:?}");
        assert_eq!(side(&edits, EditOp::Delete), new, "{edits:?}");
        for e in &edits {
            let spans = [
                (e.old_span, old, EditOp::Insert),
                (e.new_span, new, EditOp::Delete),
            ];
            for (span, text, absent) in spans {
                match span {
                    Some(span) => assert_eq!(slice(text, span), e.text, "{e:?}"),
                    None => assert_eq!(e.op, absent, "{e:?}"),
                }
            }
        }
        for pair in edits.windows(2) {
            assert_ne!(pair[0].op, pair[1].op, "{edits:?}");
            assert!(
                !(pair[0].op == EditOp::Insert && pair[1].op == EditOp::Delete),
                "{edits:?}"
            );
        }
        edits
    }

    #[test]
    fn numbers_change_as_whole_tokens() {
        let edits = assert_script(
            "全年开展专题学习12次，发放资料3000余份。",
            "全年开展专题学习15次，发放资料3000余份。",
        );
        let deleted: Vec<&str> = edits
            .iter()
            .filter(|e| e.op == EditOp::Delete)
            .map(|e| e.text.as_str())
            .collect();
        let inserted: Vec<&str> = edits
            .iter()
            .filter(|e| e.op == EditOp::Insert)
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(deleted, vec!["12次"]);
        assert_eq!(inserted, vec!["15次"]);
    }

    #[test]
    fn decimals_stay_whole() {
        assert_eq!(
            words("增长21.4%，外资1,234.5亿元，１２．５次。"),
            vec![
                "增长",
                "21.4%",
                "，",
                "外资",
                "1,234.5亿元",
                "，",
                "１２．５次",
                "。"
            ]
        );
        let edits = assert_script("总额增长21.4%。", "总额增长7.7%。");
        assert!(
            edits
                .iter()
                .any(|e| e.op == EditOp::Delete && e.text == "21.4%"),
            "{edits:?}"
        );
    }

    #[test]
    fn a_lone_word_between_changes_joins_them() {
        let edits = assert_script(
            "我镇切实加强组织的领导工作。",
            "我镇不断完善队伍的建设工作。",
        );
        let changes = edits.iter().filter(|e| e.op == EditOp::Delete).count();
        assert_eq!(changes, 1, "{edits:?}");
    }

    #[test]
    fn punctuation_between_changed_numbers_stays_equal() {
        let edits = assert_script("调解12件，成功10件。", "调解15件，成功14件。");
        assert!(
            edits
                .iter()
                .any(|e| e.op == EditOp::Equal && e.text.contains('，')),
            "{edits:?}"
        );
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(
            word_edits("依法行政。", "依法行政。"),
            vec![Edit {
                op: EditOp::Equal,
                text: "依法行政。".to_string(),
                old_span: Some(Span::new(0, 5)),
                new_span: Some(Span::new(0, 5)),
            }]
        );
        assert!(word_edits("", "").is_empty());
        assert_script("", "新增一句。");
        assert_script("删去一句。", "");
    }
}
