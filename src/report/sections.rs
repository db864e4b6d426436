//! The section tree: headings at four levels, inline headings, preamble and closing.

use super::{Section, Span};

/// The skeleton of a report: everything but sentences, figures and lint.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub preamble: Span,
    pub closing: Option<Span>,
    pub sections: Vec<Section>,
}

/// A heading found on a line, before the tree is built.
struct Heading {
    level: u8,
    marker: String,
    title: String,
    /// Start of the marker and end of the heading (title plus its terminator).
    start: usize,
    end: usize,
}

/// Splits clean text into preamble, sections and closing.
pub fn parse(text: &str) -> Outline {
    let chars: Vec<char> = text.chars().collect();
    let headings = find_headings(&chars);
    let total = chars.len();
    let preamble_end = headings.first().map_or(total, |h| h.start);
    Outline {
        preamble: Span::new(0, preamble_end),
        closing: None,
        sections: build_tree(&headings, total),
    }
}

fn find_headings(chars: &[char]) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut line_start = 0;
    while line_start < chars.len() {
        let line_end = chars[line_start..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| line_start + p);
        if let Some(h) = heading_at(chars, line_start, line_end) {
            out.push(h);
        }
        line_start = line_end + 1;
    }
    out
}

fn heading_at(chars: &[char], line_start: usize, line_end: usize) -> Option<Heading> {
    let mut i = line_start;
    while i < line_end && (chars[i].is_whitespace()) {
        i += 1;
    }
    let (level, marker_len) = marker_at(&chars[i..line_end])?;
    let marker: String = chars[i..i + marker_len].iter().collect();
    let title_start = i + marker_len;
    let stop = chars[title_start..line_end]
        .iter()
        .position(|&c| matches!(c, '。' | '：' | ':'))
        .map(|p| title_start + p);
    let (title_end, end) = match stop {
        Some(p) => (p, p + 1),
        None => (line_end, line_end),
    };
    let title: String = chars[title_start..title_end].iter().collect();
    let title = title.trim().to_string();
    if title.is_empty() {
        return None;
    }
    Some(Heading {
        level,
        marker,
        title,
        start: i,
        end,
    })
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Recognises a marker at the start of `s`: returns its level and length.
fn marker_at(s: &[char]) -> Option<(u8, usize)> {
    let first = *s.first()?;
    if is_cn_digit(first) {
        let n = s.iter().take_while(|&&c| is_cn_digit(c)).count();
        return (s.get(n) == Some(&'、')).then_some((1, n + 1));
    }
    if matches!(first, '（' | '(') {
        let inner = &s[1..];
        let n = inner.iter().take_while(|&&c| is_cn_digit(c)).count();
        let d = inner.iter().take_while(|c| c.is_ascii_digit()).count();
        let (level, n) = if n > 0 { (2, n) } else { (4, d) };
        if n > 0 && matches!(inner.get(n), Some('）' | ')')) {
            return Some((level, n + 2));
        }
        return None;
    }
    if first.is_ascii_digit() {
        let d = s.iter().take_while(|c| c.is_ascii_digit()).count();
        let next = s.get(d).copied();
        let after = s.get(d + 1).copied();
        let ok = match next {
            Some('、') | Some('．') => true,
            Some('.') => !after.is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        return ok.then_some((3, d + 1));
    }
    None
}

fn build_tree(headings: &[Heading], total: usize) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut counters: Vec<usize> = vec![0];
    for h in headings {
        while let Some(&top) = stack.last() {
            if sections[top].level >= h.level {
                stack.pop();
                counters.pop();
            } else {
                break;
            }
        }
        let parent = stack.last().copied();
        if let Some(c) = counters.last_mut() {
            *c += 1;
        }
        let number = counters.last().copied().unwrap_or(1);
        let path = match parent {
            Some(p) => format!("{}.{number}", sections[p].path),
            None => number.to_string(),
        };
        sections.push(Section {
            path,
            level: h.level,
            marker: h.marker.clone(),
            title: h.title.clone(),
            parts: Vec::new(),
            span: Span::new(h.start, total),
            heading: Span::new(h.start, h.end),
            body: Span::new(h.end, total),
            parent,
        });
        stack.push(sections.len() - 1);
        counters.push(0);
    }
    close_spans(&mut sections, total);
    sections
}

/// Ends each section where the next heading of the same or a higher level starts, and
/// each body where the first child starts.
fn close_spans(sections: &mut [Section], total: usize) {
    for i in 0..sections.len() {
        let level = sections[i].level;
        let end = sections[i + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(total, |s| s.span.start);
        sections[i].span.end = end;
        let body_end = match sections.get(i + 1) {
            Some(next) if next.parent == Some(i) => next.span.start,
            _ => end,
        };
        sections[i].body = Span::new(
            sections[i].heading.end,
            body_end.max(sections[i].heading.end),
        );
    }
}
