//! Highlights placed on a sentence: its figures and lint places, and the words a
//! modified row changed.

use super::{Mark, MarkKind};
use crate::compare::{Edit, EditOp};
use crate::report::Report;
use crate::review::Side;

/// Figures and lint places of each sentence, relative to the sentence.
pub(super) fn sentence_marks(report: &Report) -> Vec<Vec<Mark>> {
    let mut marks = vec![Vec::new(); report.sentences.len()];
    let spans = report
        .figures
        .iter()
        .map(|f| (f.span, MarkKind::Figure))
        .chain(
            report
                .lint
                .iter()
                .filter_map(|f| f.span.map(|s| (s, MarkKind::Lint))),
        );
    for (span, kind) in spans {
        let at = report
            .sentences
            .partition_point(|s| s.span.end <= span.start);
        let Some(sentence) = report.sentences.get(at) else {
            continue;
        };
        if sentence.span.start >= span.end {
            continue;
        }
        let start = span.start.max(sentence.span.start) - sentence.span.start;
        let end = span.end.min(sentence.span.end) - sentence.span.start;
        if start < end {
            marks[at].push(Mark {
                range: start..end,
                kind,
            });
        }
    }
    marks
}

/// Places the word edits of one side on the sentence: deletions on the old side,
/// insertions on the new. Edit text is found in order; text that cannot be found (an
/// engine that normalized it) is skipped rather than misplaced.
pub(super) fn edit_marks(sentence: &str, edits: &[Edit], side: Side) -> Vec<Mark> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut marks = Vec::new();
    let mut pos = 0;
    for edit in edits {
        let (shown, kind) = match (edit.op, side) {
            (EditOp::Equal, _) => (true, None),
            (EditOp::Delete, Side::Old) => (true, Some(MarkKind::Delete)),
            (EditOp::Insert, Side::New) => (true, Some(MarkKind::Insert)),
            _ => (false, None),
        };
        if !shown || edit.text.is_empty() {
            continue;
        }
        let needle: Vec<char> = edit.text.chars().collect();
        let Some(at) = find_chars(&chars, &needle, pos) else {
            continue;
        };
        let end = at + needle.len();
        if let Some(kind) = kind {
            marks.push(Mark {
                range: at..end,
                kind,
            });
        }
        pos = end;
    }
    marks
}

fn find_chars(haystack: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (from..=haystack.len() - needle.len()).find(|&i| haystack[i..i + needle.len()] == *needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_land_on_their_words() {
        let edits = vec![
            Edit {
                op: EditOp::Equal,
                text: "全年开展".into(),
                old_span: None,
                new_span: None,
            },
            Edit {
                op: EditOp::Delete,
                text: "12次".into(),
                old_span: None,
                new_span: None,
            },
            Edit {
                op: EditOp::Insert,
                text: "15次".into(),
                old_span: None,
                new_span: None,
            },
            Edit {
                op: EditOp::Equal,
                text: "学习".into(),
                old_span: None,
                new_span: None,
            },
        ];
        let old = edit_marks("全年开展12次学习。", &edits, Side::Old);
        assert_eq!(
            old,
            [Mark {
                range: 4..7,
                kind: MarkKind::Delete
            }]
        );
        let new = edit_marks("全年开展15次学习。", &edits, Side::New);
        assert_eq!(
            new,
            [Mark {
                range: 4..7,
                kind: MarkKind::Insert
            }]
        );
        let lost = edit_marks("完全不同的句子", &edits, Side::New);
        assert!(lost.is_empty());
    }
}
