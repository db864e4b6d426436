//! A report cut into the units a tracked document is made of: headings and sentences
//! (the units the comparison pairs), plus any stray text between them, in reading
//! order, each knowing whether it starts a paragraph and which style its paragraph
//! takes. Together the units hold every character of the clean text but whitespace.

use crate::report::{Report, Span};

/// What a unit is in its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// The heading line of section `i`.
    Heading(usize),
    /// Sentence `i`.
    Sentence(usize),
    /// Text neither a heading nor a sentence holds (rare: conversion debris).
    Loose,
}

/// The paragraph style a unit's paragraph takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The report's title line.
    Title,
    /// A heading of level 1 to 3 (`一、`, `（一）`, `1、`).
    Heading(u8),
    /// Running text, and headings below level 3.
    Body,
}

/// A unit of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    pub span: Span,
    /// The text as written, line breaks inside it removed.
    pub text: String,
    pub starts_paragraph: bool,
    pub style: Style,
}

/// Title lines are short and carry no full stop.
const MAX_TITLE_CHARS: usize = 60;

/// The units of a report in reading order.
pub fn units(report: &Report) -> Vec<Unit> {
    let chars: Vec<char> = report.text.chars().collect();
    let mut marks: Vec<(Span, UnitKind)> = report
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.heading, UnitKind::Heading(i)))
        .chain(
            report
                .sentences
                .iter()
                .enumerate()
                .map(|(i, s)| (s.span, UnitKind::Sentence(i))),
        )
        .filter(|(span, _)| !span.is_empty() && span.end <= chars.len())
        .collect();
    marks.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out: Vec<Unit> = Vec::with_capacity(marks.len() + 1);
    let mut at = 0;
    for (span, kind) in marks {
        if span.start < at {
            continue;
        }
        push_loose(&chars, Span::new(at, span.start), &mut out);
        let gap_breaks = chars[at..span.start].contains(&'\n');
        push_unit(&chars, span, kind, gap_breaks, report, &mut out);
        at = span.end;
    }
    push_loose(&chars, Span::new(at, chars.len()), &mut out);
    mark_title(&mut out, report);
    out
}

fn push_unit(
    chars: &[char],
    span: Span,
    kind: UnitKind,
    gap_breaks: bool,
    report: &Report,
    out: &mut Vec<Unit>,
) {
    let style = match kind {
        UnitKind::Heading(i) => match report.sections.get(i).map_or(4, |s| s.level) {
            level @ 1..=3 => Style::Heading(level),
            _ => Style::Body,
        },
        _ => Style::Body,
    };
    let after_heading = out
        .last()
        .is_some_and(|u| matches!(u.kind, UnitKind::Heading(_)));
    let text: String = chars[span.start..span.end]
        .iter()
        .filter(|&&c| c != '\n' && c != '\r')
        .collect();
    out.push(Unit {
        kind,
        span,
        text,
        starts_paragraph: out.is_empty()
            || gap_breaks
            || after_heading
            || matches!(kind, UnitKind::Heading(_)),
        style,
    });
}

/// Text of `gap` that is not whitespace, as a loose unit.
fn push_loose(chars: &[char], gap: Span, out: &mut Vec<Unit>) {
    let inside = &chars[gap.start..gap.end];
    let Some(first) = inside.iter().position(|c| !c.is_whitespace()) else {
        return;
    };
    let last = inside
        .iter()
        .rposition(|c| !c.is_whitespace())
        .unwrap_or(first);
    let span = Span::new(gap.start + first, gap.start + last + 1);
    let breaks = inside[..first].contains(&'\n');
    let after_heading = out
        .last()
        .is_some_and(|u| matches!(u.kind, UnitKind::Heading(_)));
    out.push(Unit {
        kind: UnitKind::Loose,
        span,
        text: chars[span.start..span.end]
            .iter()
            .filter(|&&c| c != '\n' && c != '\r')
            .collect(),
        starts_paragraph: out.is_empty() || breaks || after_heading,
        style: Style::Body,
    });
}

/// The first unit is the title when it is a short line of its own before any heading
/// and carries no full stop.
fn mark_title(units: &mut [Unit], report: &Report) {
    let next_starts = units.get(1).is_none_or(|u| u.starts_paragraph);
    let Some(first) = units.first_mut() else {
        return;
    };
    let is_title = first.span.end <= report.preamble.end
        && next_starts
        && first.text.chars().count() <= MAX_TITLE_CHARS
        && !first.text.contains(['。', '；', '：', ':']);
    if is_title {
        first.style = Style::Title;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Metadata;
    use crate::report::normalize::norm;

    fn analyze(text: &str) -> Report {
        Report::analyze(text, Metadata::default(), Vec::new())
    }

    #[test]
    fn units_hold_every_word_of_the_text_in_order() {
        for (_, _, text) in crate::demo::REPORTS {
            let report = analyze(text);
            let joined: String = units(&report).iter().map(|u| u.text.as_str()).collect();
            assert_eq!(norm(&joined), norm(&report.text));
        }
    }

    #[test]
    fn headings_stand_alone_with_their_level_and_the_title_is_marked() {
        let report = analyze(
            "某镇2023年法治政府建设情况报告\n一、主要举措。全年学习12次。\n（一）学法\n学法5次。\n（1）细目\n细目一句。\n",
        );
        let shown: Vec<(String, Style, bool)> = units(&report)
            .into_iter()
            .map(|u| (u.text, u.style, u.starts_paragraph))
            .collect();
        assert_eq!(shown[0].1, Style::Title);
        assert!(shown.contains(&("一、主要举措。".into(), Style::Heading(1), true)));
        assert!(shown.contains(&("全年学习12次。".into(), Style::Body, true)));
        assert!(shown.contains(&("（一）学法".into(), Style::Heading(2), true)));
        assert!(shown.contains(&("（1）细目".into(), Style::Body, true)));
    }
}
