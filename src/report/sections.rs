//! The section tree: headings at four levels, inline headings, preamble and closing.
//!
//! Parsing runs in two passes. The first finds every line that starts with a marker and
//! reads its title. The second decides, level by level and list by list, which of those
//! lines are headings: a list of `1、` lines whose members are single sentences with
//! nothing under them is a numbered paragraph, not a set of headings, and a marker with
//! a missing bracket is only trusted when its neighbours in the list agree.

mod closing;
mod markers;

use std::collections::HashSet;

use super::{Section, Span};

/// Whitespace and invisible characters, skipped alike by the parser and lint.
pub use closing::is_blank;
/// Digits, ideographs and Chinese numerals as markers read them, shared with lint.
pub use markers::{as_digit, is_cjk, is_cn_numeral};

/// The skeleton of a report: everything but sentences, figures and lint.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Title, addressee and opening paragraph: everything before the first heading.
    pub preamble: Span,
    /// The trailing signature and date, when the report has one.
    pub closing: Option<Span>,
    /// Every heading with its body, in text order, parents before children.
    pub sections: Vec<Section>,
}

/// Heading titles are short; a longer "title" is running text that happens to start
/// with a marker.
pub const MAX_TITLE_CHARS: usize = 60;

/// A line that starts with a marker, before context decides whether it is a heading.
#[derive(Debug, Clone)]
struct Candidate {
    level: u8,
    number: u32,
    weak: bool,
    marker: String,
    title: String,
    /// Start of the marker.
    start: usize,
    /// End of the heading: title plus its terminator.
    end: usize,
    /// End of the (last) line the heading is on.
    line_end: usize,
    /// The `。` or `：` that ended the title, if any.
    terminator: Option<char>,
    /// Body text follows the heading on the same line.
    inline_body: bool,
}

/// Splits clean text into preamble, sections and closing, which cover the text without
/// overlap. Never panics, whatever the text.
pub fn parse(text: &str) -> Outline {
    let chars: Vec<char> = text.chars().collect();
    let candidates = find_candidates(&chars);
    let headings = accept(&chars, &candidates);
    let floor = headings.last().map_or(0, |h| h.end);
    let closing_start = closing::find(&chars, floor);
    let body_end = closing_start.unwrap_or(chars.len());
    let preamble_end = headings.first().map_or(body_end, |h| h.start);
    Outline {
        preamble: Span::new(0, preamble_end),
        closing: closing_start.map(|s| Span::new(s, chars.len())),
        sections: build_tree(&headings, body_end),
    }
}

/// Index of the deepest section of an outline whose span holds the character `at`: the
/// last section starting at or before it, or the nearest ancestor of that one that
/// reaches it. Findings, shared passages and their sources all name a place this way.
pub fn deepest_at(sections: &[Section], at: usize) -> Option<usize> {
    let mut i = sections
        .partition_point(|s| s.span.start <= at)
        .checked_sub(1)?;
    loop {
        if at < sections[i].span.end {
            return Some(i);
        }
        i = sections[i].parent?;
    }
}

/// The number a heading marker writes (`（三）` → 3), for numbering checks.
pub fn marker_number(marker: &str) -> Option<u32> {
    let chars: Vec<char> = marker.chars().collect();
    markers::parse(&chars).map(|m| m.number)
}

/// Length of conversion debris such as `[bookmark: _GoBack]` at the start of `s`: ASCII
/// inside square brackets, starting with a letter, on one line.
pub fn debris_len(s: &[char]) -> Option<usize> {
    if s.first() != Some(&'[') {
        return None;
    }
    let close = s.iter().take(80).position(|&c| c == ']')?;
    let inner = &s[1..close];
    let ascii = inner.iter().all(|&c| c.is_ascii() && c != '\n');
    (inner.first()?.is_ascii_alphabetic() && ascii).then_some(close + 1)
}

fn find_candidates(chars: &[char]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut line_start = 0;
    while line_start < chars.len() {
        let mut line_end = line_end_from(chars, line_start);
        if let Some(c) = candidate_at(chars, line_start, line_end) {
            line_end = c.line_end;
            out.push(c);
        }
        line_start = line_end + 1;
    }
    out
}

fn line_end_from(chars: &[char], from: usize) -> usize {
    chars[from..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |p| from + p)
}

/// Skips whitespace, invisible characters and glued conversion debris.
fn skip_debris(chars: &[char], mut i: usize, end: usize) -> usize {
    loop {
        while i < end && is_blank(chars[i]) {
            i += 1;
        }
        match debris_len(&chars[i..end]) {
            Some(n) => i += n,
            None => return i,
        }
    }
}

fn skip_blank(chars: &[char], mut i: usize, end: usize) -> usize {
    while i < end && is_blank(chars[i]) {
        i += 1;
    }
    i
}

fn candidate_at(chars: &[char], line_start: usize, line_end: usize) -> Option<Candidate> {
    let start = skip_debris(chars, line_start, line_end);
    let marker = markers::parse(&chars[start..line_end])?;
    let title_start = skip_blank(chars, start + marker.len, line_end);
    let (extent, line_end) = if title_start == line_end {
        title_on_next_line(chars, line_end)?
    } else {
        let extent = title_extent(chars, title_start, line_end);
        title_over_broken_lines(chars, &extent, line_end).unwrap_or((extent, line_end))
    };
    let title = joined_lines(&chars[extent.title.start..extent.title.end]);
    Some(Candidate {
        level: marker.level,
        number: marker.number,
        weak: marker.weak,
        marker: chars[start..start + marker.len].iter().collect(),
        title,
        start,
        end: extent.end,
        line_end,
        terminator: extent.terminator,
        inline_body: chars[extent.end..line_end].iter().any(|c| !is_blank(*c)),
    })
}

/// Where a title lies and where its heading ends.
struct TitleExtent {
    title: Span,
    end: usize,
    terminator: Option<char>,
}

/// The title runs to the first `。` or `：` outside quotes (or to the end of the line),
/// or to a wide gap of spaces with text after it (`（一）加强学习　组织学习12次`).
fn title_extent(chars: &[char], from: usize, line_end: usize) -> TitleExtent {
    let stop = first_terminator(&chars[from..line_end]).map(|p| from + p);
    let (raw_end, end, terminator) = match stop {
        Some(p) => (p, p + 1, Some(chars[p])),
        None => (line_end, line_end, None),
    };
    let title = trimmed(chars, from, raw_end);
    if let Some(gap) = first_gap(&chars[from..raw_end]) {
        let title = trimmed(chars, from, from + gap);
        return TitleExtent {
            title,
            end: title.end,
            terminator: None,
        };
    }
    let end = if terminator.is_some() { end } else { title.end };
    TitleExtent {
        title,
        end,
        terminator,
    }
}

/// A marker alone on its line takes its title from the next non-blank line, when that
/// line reads as a title: short, no marker, not a sentence (`。`, `；`).
fn title_on_next_line(chars: &[char], line_end: usize) -> Option<(TitleExtent, usize)> {
    let mut start = line_end + 1;
    while start < chars.len() {
        let end = line_end_from(chars, start);
        let s = skip_blank(chars, start, end);
        if s < end {
            if markers::parse(&chars[s..end]).is_some() {
                return None;
            }
            let extent = title_extent(chars, s, end);
            let whole_line = chars[extent.end..end].iter().all(|c| is_blank(*c));
            let sentence = extent.terminator == Some('。')
                || chars[s..end].iter().any(|&c| matches!(c, '；' | ';'));
            let title_like = whole_line && !sentence && extent.title.len() <= MAX_TITLE_CHARS;
            return title_like.then_some((extent, end));
        }
        start = end + 1;
    }
    None
}

/// Lines a title broken inside a book title (`关于《` / `…纲要` / `》的说明`) may span.
const MAX_TITLE_LINES: usize = 3;

/// A title whose `《` is still open at the end of the line continues on the next lines
/// (conversion breaks lines around book titles); returns the extent over the joined
/// lines and the end of the last line, when the bracket closes soon enough.
fn title_over_broken_lines(
    chars: &[char],
    extent: &TitleExtent,
    line_end: usize,
) -> Option<(TitleExtent, usize)> {
    if extent.terminator.is_some() || !opens_book_title(&chars[extent.title.start..line_end]) {
        return None;
    }
    let mut end = line_end;
    for _ in 1..MAX_TITLE_LINES {
        if end >= chars.len() {
            return None;
        }
        end = line_end_from(chars, end + 1);
        if !opens_book_title(&chars[extent.title.start..end]) {
            let joined = title_extent(chars, extent.title.start, end);
            let length = joined_lines(&chars[joined.title.start..joined.title.end])
                .chars()
                .count();
            return (length <= MAX_TITLE_CHARS).then_some((joined, end));
        }
    }
    None
}

/// True when more `《` than `》` are open.
fn opens_book_title(s: &[char]) -> bool {
    let open = s.iter().filter(|&&c| c == '《').count();
    let close = s.iter().filter(|&&c| c == '》').count();
    open > close
}

/// A title's text with its line breaks (and the space around them) removed.
fn joined_lines(s: &[char]) -> String {
    let text: String = s.iter().collect();
    text.lines().map(|l| l.trim_matches(is_blank)).collect()
}

/// Position of the first `。`/`：`/`:` outside quotation marks; when quotes never close,
/// the first one anywhere.
fn first_terminator(s: &[char]) -> Option<usize> {
    let is_stop = |c: char| matches!(c, '。' | '：' | ':');
    let mut open = false;
    for (i, &c) in s.iter().enumerate() {
        match c {
            '“' | '「' | '『' => open = true,
            '”' | '」' | '』' => open = false,
            _ if is_stop(c) && !open => return Some(i),
            _ => {}
        }
    }
    if open {
        s.iter().position(|&c| is_stop(c))
    } else {
        None
    }
}

/// The first gap (two or more spaces, a full-width space or a tab) that follows a word
/// of at least two characters and has text after it. Letter-spaced titles
/// (`主  要  做  法`) have no such gap.
fn first_gap(s: &[char]) -> Option<usize> {
    let mut word = 0;
    for i in 0..s.len() {
        let wide = matches!(s[i], '\u{3000}' | '\t') || (s[i] == ' ' && s.get(i + 1) == Some(&' '));
        if wide && word >= 2 && s[i..].iter().any(|c| !is_blank(*c)) {
            return Some(i);
        }
        word = if is_blank(s[i]) { 0 } else { word + 1 };
    }
    None
}

fn trimmed(chars: &[char], mut s: usize, mut e: usize) -> Span {
    while s < e && is_blank(chars[s]) {
        s += 1;
    }
    while e > s && is_blank(chars[e - 1]) {
        e -= 1;
    }
    Span::new(s, e)
}

/// Hard limits a heading title must meet whatever its context.
fn title_is_plausible(title: &str) -> bool {
    let chars: Vec<char> = title.chars().collect();
    let Some(&first) = chars.first() else {
        return false;
    };
    let length_ok = chars.len() <= MAX_TITLE_CHARS;
    let starts_like_text = !((markers::as_digit(first).is_some() && !starts_with_year(&chars))
        || "，,、。；;：:%％）)．.是".contains(first)
        || (markers::is_cn_numeral(first) && matches!(chars.get(1), Some('、' | '季'))));
    length_ok && starts_like_text
}

/// `2021年…`: a title may open with a year, but not with another number (`2、3月`).
fn starts_with_year(chars: &[char]) -> bool {
    let digits = chars
        .iter()
        .take_while(|c| markers::as_digit(**c).is_some())
        .count();
    digits == 4 && chars.get(4) == Some(&'年')
}

/// True when the candidate reads as a numbered item in running text: a clause ending in
/// `；`, or (below level 1) a single sentence with nothing under it.
fn reads_like_item(c: &Candidate, has_content: bool) -> bool {
    c.title.contains(['；', ';']) || (c.level >= 2 && c.terminator == Some('。') && !has_content)
}

/// For each candidate: does anything belong to it (text on its line, text before the
/// next candidate, or a deeper candidate right after)?
fn content_flags(chars: &[char], candidates: &[Candidate]) -> Vec<bool> {
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let next = candidates.get(i + 1);
            let until = next.map_or(chars.len(), |n| n.start);
            let text_between = chars[c.line_end.min(until)..until]
                .iter()
                .any(|ch| !is_blank(*ch));
            c.inline_body || text_between || next.is_some_and(|n| n.level > c.level)
        })
        .collect()
}

/// Decides which candidates are headings, level by level from the top: the candidates
/// of a level are grouped into lists (same enclosing heading; see [`runs_at_level`]) and
/// each list is judged as a whole.
fn accept(chars: &[char], candidates: &[Candidate]) -> Vec<Candidate> {
    let content = content_flags(chars, candidates);
    let item: Vec<bool> = candidates
        .iter()
        .zip(&content)
        .map(|(c, &has_content)| reads_like_item(c, has_content))
        .collect();
    let style: Vec<bool> = candidates.iter().map(sentence_style).collect();
    let mut accepted: Vec<Candidate> = Vec::new();
    for level in 1..=4u8 {
        let runs = runs_at_level(candidates, &style, &accepted, level);
        let mut chosen: Vec<Candidate> = runs
            .iter()
            .flat_map(|run| judge_run(candidates, &item, run))
            .map(|i| candidates[i].clone())
            .collect();
        accepted.append(&mut chosen);
        accepted.sort_by_key(|c| c.start);
    }
    accepted
}

/// One list of same-level candidates under the same enclosing heading.
struct Run {
    region: Option<usize>,
    members: Vec<usize>,
    last_number: u32,
    /// Members written as sentences (see [`sentence_style`]).
    sentences: usize,
}

/// True when the marker line is written as a sentence (`…；`, or `…。` with nothing
/// after it) rather than as a title: used to keep a numbered paragraph list and a
/// list of headings apart when both could continue.
fn sentence_style(c: &Candidate) -> bool {
    c.title.contains(['；', ';']) || (c.terminator == Some('。') && !c.inline_body)
}

/// Groups the level's candidates into lists. Numbering restarting at one opens a new
/// list; any other number continues the latest list of the same enclosing heading whose
/// last number it follows, preferring a list written in the same style, so
/// that a numbered paragraph list nested inside a section does not swallow the next
/// section heading.
fn runs_at_level(
    candidates: &[Candidate],
    style: &[bool],
    accepted: &[Candidate],
    level: u8,
) -> Vec<Vec<usize>> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, c) in candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.level == level)
    {
        let region = accepted
            .partition_point(|a| a.start < c.start)
            .checked_sub(1);
        let target = if c.number == 1 {
            None
        } else {
            continuing_run(&runs, region, c.number, style[i])
        };
        match target {
            Some(r) => {
                let run = &mut runs[r];
                run.members.push(i);
                run.last_number = c.number;
                run.sentences += usize::from(style[i]);
            }
            None => runs.push(Run {
                region,
                members: vec![i],
                last_number: c.number,
                sentences: usize::from(style[i]),
            }),
        }
    }
    runs.into_iter().map(|r| r.members).collect()
}

/// A number continues a list at most this many lists back: further back, it starts
/// its own (and pathological input cannot make the search quadratic).
const MAX_LIST_LOOKBACK: usize = 32;

/// The list a candidate numbered `number` continues, if any. Lists of one enclosing
/// heading are consecutive at the end of `runs`, as candidates come in text order.
fn continuing_run(
    runs: &[Run],
    region: Option<usize>,
    number: u32,
    sentence: bool,
) -> Option<usize> {
    let follows = |r: &Run| r.last_number + 1 == number;
    let same_kind = |r: &Run| (r.sentences * 2 > r.members.len()) == sentence;
    let recent = || {
        runs.iter()
            .enumerate()
            .rev()
            .take_while(|(_, r)| r.region == region)
            .take(MAX_LIST_LOOKBACK)
    };
    recent()
        .find(|(_, r)| follows(r) && same_kind(r))
        .or_else(|| recent().find(|(_, r)| follows(r)))
        .or_else(|| recent().next())
        .map(|(i, _)| i)
}

/// The members of one list that are headings. A list is rejected whole when most of its
/// members cannot be headings (titles too long) or read as items; a bracket-less marker
/// needs a neighbouring number in the list; a lone member must be numbered one or two.
fn judge_run(candidates: &[Candidate], item: &[bool], run: &[usize]) -> Vec<usize> {
    let plausible: Vec<usize> = run
        .iter()
        .copied()
        .filter(|&i| title_is_plausible(&candidates[i].title))
        .collect();
    if plausible.len() * 2 < run.len() {
        return Vec::new();
    }
    let numbers: HashSet<u32> = plausible.iter().map(|&i| candidates[i].number).collect();
    let kept: Vec<usize> = plausible
        .iter()
        .copied()
        .filter(|&i| {
            let n = candidates[i].number;
            !candidates[i].weak || numbers.contains(&(n + 1)) || numbers.contains(&(n - 1))
        })
        .collect();
    let Some(&first) = kept.first() else {
        return Vec::new();
    };
    if kept.len() == 1 && candidates[first].number > 2 {
        return Vec::new();
    }
    let items = kept.iter().filter(|&&i| item[i]).count();
    if items * 2 > kept.len() {
        return Vec::new();
    }
    kept
}

fn build_tree(headings: &[Candidate], total: usize) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut counters: Vec<usize> = vec![0];
    for h in headings {
        while stack
            .last()
            .is_some_and(|&top| sections[top].level >= h.level)
        {
            stack.pop();
            counters.pop();
        }
        let parent = stack.last().copied();
        let number = match counters.last_mut() {
            Some(c) => {
                *c += 1;
                *c
            }
            None => 1,
        };
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
        let heading_end = sections[i].heading.end;
        sections[i].body = Span::new(heading_end, body_end.max(heading_end));
    }
}

#[cfg(test)]
mod tests;
