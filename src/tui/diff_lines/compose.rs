//! The text of one side of an item and its highlights: a sentence as written, several
//! sentences of a merged or split row joined after a note, or a heading with its
//! statutory parts. Word edits are placed by their character spans in the report,
//! never by searching for their text; without colour they are bracketed, `[-…-]` for
//! last year's words and `{+…+}` for this year's, as `nianbao diff` prints them.

use std::ops::Range;

use super::{Mark, MarkKind};
use crate::compare::{Edit, EditOp};
use crate::report::{Report, Span};
use crate::review::Side;

/// The brackets around words only last year (`[-…-]`) and only this year (`{+…+}`).
pub const DELETE_BRACKETS: (&str, &str) = ("[-", "-]");
/// See [`DELETE_BRACKETS`].
pub const INSERT_BRACKETS: (&str, &str) = ("{+", "+}");

/// A side's text being put together, with its highlights.
#[derive(Debug, Default)]
pub(super) struct Composed {
    pub text: String,
    /// The text as wrapped: brackets read as `(` and `)`, so a line never ends on an
    /// opening bracket or starts with a closing one.
    pub wrap_text: String,
    pub marks: Vec<Mark>,
    /// Characters so far.
    len: usize,
    /// True when the text is not one sentence as written.
    pub made: bool,
}

/// Where the changed words of one side are, and how to show them.
pub(super) struct EditPlaces {
    spans: Vec<Span>,
    kind: MarkKind,
    brackets: Option<(&'static str, &'static str)>,
}

impl EditPlaces {
    /// The places of the words that `side` alone has among `edits`; bracketed when
    /// `brackets` is on.
    pub fn of(edits: &[Edit], side: Side, brackets: bool) -> EditPlaces {
        let (op, kind, pair) = match side {
            Side::Old => (EditOp::Delete, MarkKind::Delete, DELETE_BRACKETS),
            Side::New => (EditOp::Insert, MarkKind::Insert, INSERT_BRACKETS),
        };
        let spans = edits
            .iter()
            .filter(|e| e.op == op)
            .filter_map(|e| match side {
                Side::Old => e.old_span,
                Side::New => e.new_span,
            })
            .filter(|s| !s.is_empty())
            .collect();
        EditPlaces {
            spans,
            kind,
            brackets: brackets.then_some(pair),
        }
    }

    fn contains(&self, offset: usize) -> bool {
        self.spans
            .iter()
            .any(|s| s.start <= offset && offset < s.end)
    }
}

impl Composed {
    /// Text made for the view (a note, a heading's marker or parts), unhighlighted.
    pub fn push_made(&mut self, text: &str) {
        self.push_plain(text, text);
        self.made = true;
    }

    /// Text made for the view that changed on this side (a heading's number), marked
    /// (and bracketed) as this side's changed words are.
    pub fn push_made_changed(&mut self, text: &str, edits: &EditPlaces) {
        let start = self.len;
        if let Some((open, _)) = edits.brackets {
            self.push_plain(open, "((");
        }
        self.push_made(text);
        self.close_run(start, edits);
    }

    fn push_plain(&mut self, text: &str, wrap_as: &str) {
        self.text.push_str(text);
        self.wrap_text.push_str(wrap_as);
        self.len += text.chars().count();
    }

    /// Report characters, each with its offset in the report's text, the changed ones
    /// marked (and bracketed); returns the position in the composed text of each.
    pub fn push_report(
        &mut self,
        chars: impl Iterator<Item = (usize, char)>,
        edits: &EditPlaces,
    ) -> Vec<usize> {
        let mut at = Vec::new();
        let mut run: Option<usize> = None;
        for (offset, c) in chars {
            let inside = edits.contains(offset);
            if inside && run.is_none() {
                run = Some(self.len);
                if let Some((open, _)) = edits.brackets {
                    self.push_plain(open, "((");
                    self.made = true;
                }
            } else if !inside && let Some(start) = run.take() {
                self.close_run(start, edits);
            }
            at.push(self.len);
            self.text.push(c);
            self.wrap_text.push(c);
            self.len += 1;
        }
        if let Some(start) = run {
            self.close_run(start, edits);
        }
        at
    }

    fn close_run(&mut self, start: usize, edits: &EditPlaces) {
        if let Some((_, close)) = edits.brackets {
            self.push_plain(close, "))");
            self.made = true;
        }
        self.marks.push(Mark {
            range: start..self.len,
            kind: edits.kind,
        });
    }

    /// Marks the characters of a pushed sentence at `range` (relative to the sentence),
    /// given where each of its characters went.
    pub fn mark_pushed(&mut self, at: &[usize], range: Range<usize>, kind: MarkKind) {
        let (Some(&first), Some(&last)) = (at.get(range.start), at.get(range.end.wrapping_sub(1)))
        else {
            return;
        };
        self.marks.push(Mark {
            range: first..last + 1,
            kind,
        });
    }
}

/// Puts one side of a row together: its sentences joined in order, after `note` when
/// there is one, with their figures and lint places (`marks`, relative to each
/// sentence) and the words only this side has.
pub(super) fn sentences(
    report: &Report,
    indices: &[usize],
    note: Option<&str>,
    marks: &[Vec<Mark>],
    edits: &EditPlaces,
) -> Composed {
    let mut out = Composed::default();
    if let Some(note) = note {
        out.push_made(note);
    }
    if indices.len() > 1 {
        out.made = true;
    }
    for &i in indices {
        let Some(sentence) = report.sentences.get(i) else {
            continue;
        };
        let start = sentence.span.start;
        let chars = sentence
            .text
            .chars()
            .enumerate()
            .map(|(k, c)| (start + k, c));
        let at = out.push_report(chars, edits);
        for mark in marks.get(i).into_iter().flatten() {
            out.mark_pushed(&at, mark.range.clone(), mark.kind);
        }
    }
    out
}

/// The report offset of each character of a heading's title as written inside the
/// heading line; `None` when the title is not found there in order. The heading line
/// is found through the report's character index: counting from the start of the text
/// for every heading made laying out a long report quadratic.
pub(super) fn title_offsets(report: &Report, title: &str, heading: Span) -> Option<Vec<usize>> {
    let mut source = report
        .char_index
        .rest(&report.text, heading.start)
        .chars()
        .enumerate()
        .map(|(k, c)| (heading.start + k, c))
        .take(heading.len());
    title
        .chars()
        .map(|c| source.by_ref().find(|&(_, s)| s == c).map(|(k, _)| k))
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(
        op: EditOp,
        text: &str,
        old: Option<(usize, usize)>,
        new: Option<(usize, usize)>,
    ) -> Edit {
        Edit {
            op,
            text: text.into(),
            old_span: old.map(|(a, b)| Span::new(a, b)),
            new_span: new.map(|(a, b)| Span::new(a, b)),
        }
    }

    /// `全年开展12次学习` → `全年开展15次学习`, the sentence at offset 100.
    fn edits() -> Vec<Edit> {
        vec![
            edit(
                EditOp::Equal,
                "全年开展",
                Some((100, 104)),
                Some((100, 104)),
            ),
            edit(EditOp::Delete, "12次", Some((104, 107)), None),
            edit(EditOp::Insert, "15次", None, Some((104, 107))),
            edit(EditOp::Equal, "学习", Some((107, 109)), Some((107, 109))),
        ]
    }

    fn push(text: &str, places: &EditPlaces) -> Composed {
        let mut out = Composed::default();
        out.push_report(text.chars().enumerate().map(|(k, c)| (100 + k, c)), places);
        out
    }

    #[test]
    fn edits_are_marked_by_their_spans() {
        let old = push(
            "全年开展12次学习",
            &EditPlaces::of(&edits(), Side::Old, false),
        );
        assert_eq!(old.text, "全年开展12次学习");
        assert!(!old.made);
        assert_eq!(
            old.marks,
            [Mark {
                range: 4..7,
                kind: MarkKind::Delete
            }]
        );
        let new = push(
            "全年开展15次学习",
            &EditPlaces::of(&edits(), Side::New, false),
        );
        assert_eq!(new.marks[0].range, 4..7);
        assert_eq!(new.marks[0].kind, MarkKind::Insert);
    }

    #[test]
    fn a_span_places_words_whose_text_differs_from_the_sentence() {
        let old = push(
            "全年开展１２次学习",
            &EditPlaces::of(&edits(), Side::Old, false),
        );
        assert_eq!(old.marks[0].range, 4..7);
    }

    #[test]
    fn without_colour_changed_words_are_bracketed() {
        let old = push(
            "全年开展12次学习",
            &EditPlaces::of(&edits(), Side::Old, true),
        );
        assert_eq!(old.text, "全年开展[-12次-]学习");
        assert_eq!(old.wrap_text, "全年开展((12次))学习");
        assert!(old.made);
        assert_eq!(old.marks[0].range, 4..11);
        let new = push(
            "全年开展15次学习",
            &EditPlaces::of(&edits(), Side::New, true),
        );
        assert_eq!(new.text, "全年开展{+15次+}学习");
    }

    #[test]
    fn a_title_far_into_a_long_report_is_placed_at_its_own_characters() {
        let body = "（一）加强学习。全年组织专题学习12次。\n".repeat(400);
        let text = format!("一、主要举措\n{body}二、存在的不足和原因\n问题。\n");
        let report = Report::analyze(&text, crate::ingest::Metadata::default(), Vec::new());
        let section = report
            .sections
            .iter()
            .find(|s| s.title.starts_with("存在的不足"))
            .expect("the second part");
        let offsets = title_offsets(&report, &section.title, section.heading).expect("placed");
        let placed: String = offsets
            .iter()
            .map(|&k| text.chars().nth(k).unwrap_or('?'))
            .collect();
        assert_eq!(placed, section.title);
        assert!(offsets[0] > 400 * 20, "{offsets:?}");
    }
}
