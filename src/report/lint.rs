//! Lint: what a county reviewer must flag in a report — missing statutory parts,
//! numbering slips, years that do not fit, another township's name, conversion debris,
//! a missing title, and parts that do not add up.

mod artifacts;
mod message;
mod stale;
mod townships;
mod years;

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

pub use message::{Debris, LintMessage};

use super::sections::{self, MAX_TITLE_CHARS, is_blank};
use super::{Part, Report, Section, Span, figures, go_on};
use crate::i18n::{Lang, lint_text};

/// The kinds of finding; serialized in kebab-case as in the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintKind {
    /// A statutory part (P1–P4) that no top-level section covers.
    MissingPart,
    /// A list of headings skips a number or runs out of order.
    NumberingGap,
    /// Two sibling headings carry the same number.
    DuplicateNumber,
    /// One list mixes marker styles (`1、` and `2.`, full- and half-width brackets).
    MixedMarkers,
    /// A year that does not fit the reporting year: the tell of last year's text reused.
    YearMismatch,
    /// Another township written as the author: the tell of a neighbour's report copied.
    ForeignTownship,
    /// Conversion debris, masked digits, unfilled placeholders or mojibake.
    Artifact,
    /// The report opens without a title.
    NoTitle,
    /// Parts that do not add up to their stated total.
    SumMismatch,
    /// Last year's year or date left in this year's text as this year's work: the tell
    /// of last year's report reused with the numbers, not the dates, brought up to date.
    StaleYear,
}

/// What a finding rests on, for kinds that can be judged on more than one kind of
/// evidence: a reviewer trusts a sentence found in last year's report more than a
/// reading of the sentence alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// The sentence stands in last year's report unchanged, or with only its numbers
    /// changed, and still carries last year's year.
    LastYearText,
    /// The sentence alone: a year at the head of an account of the year's measures.
    SentenceRole,
}

/// One finding: what it says, as data worded in either language, and where it is.
#[derive(Debug, Clone)]
pub struct Finding {
    /// What kind of problem, for filtering and the JSON contract.
    pub kind: LintKind,
    /// What is wrong, as data; [`Finding::text`] words it as a reviewer writes it up.
    pub message: LintMessage,
    /// The section path, `None` for the preamble or the whole report.
    pub section: Option<String>,
    /// The sentence or heading the finding is about, cut to a readable length.
    pub excerpt: String,
    /// Where in the clean text, so a view can jump there; `None` for the whole report.
    pub span: Option<Span>,
    /// What the finding rests on, for kinds judged on more than one kind of evidence
    /// (`stale-year`); `None` for the rest.
    pub evidence: Option<Evidence>,
    /// The report the text was copied from, for a `foreign-township` finding whose
    /// passage a caller holding reuse evidence has traced; `None` until then.
    pub source: Option<SourceReport>,
}

impl Finding {
    /// What is wrong, in `lang`, as a reviewer would write it up.
    pub fn text(&self, lang: Lang) -> String {
        lint_text(lang, &self.message)
    }
}

/// The JSON contract: `message` is the Chinese wording (as it always was), `detail` the
/// statement as data (`{"id": "numbering-gap", "previous": "一、", …}`) for readers who
/// word it themselves.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Finding", 8)?;
        out.serialize_field("kind", &self.kind)?;
        out.serialize_field("message", &self.text(Lang::Zh))?;
        out.serialize_field("detail", &self.message)?;
        out.serialize_field("section", &self.section)?;
        out.serialize_field("excerpt", &self.excerpt)?;
        out.serialize_field("span", &self.span)?;
        out.serialize_field("evidence", &self.evidence)?;
        out.serialize_field("source", &self.source)?;
        out.end()
    }
}

/// Another report holding the passage a finding is in: where a reviewer goes to see
/// what was copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceReport {
    pub township: String,
    pub county: Option<String>,
    pub year: Option<i32>,
    /// The section path in that report (`1.2`); `None` for its preamble or closing.
    pub section: Option<String>,
    /// That section's heading as written (`（二）化解矛盾纠纷`).
    pub heading: Option<String>,
}

impl SourceReport {
    /// The report as a reviewer cites it: `柳塘镇 2023 · 1.2 （二）化解矛盾纠纷`.
    pub fn citation(&self) -> String {
        let mut out = self.township.clone();
        if let Some(year) = self.year {
            out.push_str(&format!(" {year}"));
        }
        if let Some(section) = &self.section {
            out.push_str(&format!(" · {section}"));
        }
        if let Some(heading) = &self.heading {
            out.push_str(&format!(" {heading}"));
        }
        out
    }
}

/// Excerpts longer than this are cut around the point of interest.
const MAX_EXCERPT_CHARS: usize = 80;

/// The report with its text as characters, shared by the checks.
struct Context<'a> {
    report: &'a Report,
    chars: Vec<char>,
}

impl Context<'_> {
    /// A finding at `span`, with the section and an excerpt filled in.
    fn at(&self, kind: LintKind, message: LintMessage, span: Span) -> Finding {
        Finding {
            kind,
            message,
            section: self.section_path_at(span.start),
            excerpt: self.excerpt(span),
            span: Some(span),
            evidence: None,
            source: None,
        }
    }

    /// The path of the deepest section whose span holds `at`.
    fn section_path_at(&self, at: usize) -> Option<String> {
        self.section_at(at)
            .map(|i| self.report.sections[i].path.clone())
    }

    /// Index of the deepest section whose span holds `at`.
    fn section_at(&self, at: usize) -> Option<usize> {
        sections::deepest_at(&self.report.sections, at)
    }

    /// The sentence (or, in a heading, the line) around `span`, cut to a readable length.
    fn excerpt(&self, span: Span) -> String {
        let sentences = &self.report.sentences;
        let sentence = sentences
            .partition_point(|s| s.span.start <= span.start)
            .checked_sub(1)
            .map(|i| sentences[i].span)
            .filter(|s| span.start < s.end);
        let around = sentence.unwrap_or_else(|| self.line_around(span.start));
        self.window(around, span)
    }

    /// The line holding `at`, looked for no further than an excerpt's length either side
    /// (a text with no line breaks must not make every excerpt scan all of it).
    fn line_around(&self, at: usize) -> Span {
        let at = at.min(self.chars.len());
        let floor = at.saturating_sub(MAX_EXCERPT_CHARS);
        let ceiling = (at + MAX_EXCERPT_CHARS).min(self.chars.len());
        let start = self.chars[floor..at]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(floor, |p| floor + p + 1);
        let end = self.chars[at..ceiling]
            .iter()
            .position(|&c| c == '\n')
            .map_or(ceiling, |p| at + p);
        Span::new(start, end)
    }

    /// `outer` as text, cut to [`MAX_EXCERPT_CHARS`] around `inner` with `…` marks.
    fn window(&self, outer: Span, inner: Span) -> String {
        let end = outer.end.min(self.chars.len());
        let start = outer.start.min(end);
        let (mut s, mut e) = (start, end);
        if e - s > MAX_EXCERPT_CHARS {
            let margin = MAX_EXCERPT_CHARS / 3;
            s = inner.start.saturating_sub(margin).clamp(start, end);
            e = (s + MAX_EXCERPT_CHARS).min(end);
        }
        let text: String = self.chars[s..e].iter().collect();
        let text = text.trim_matches(is_blank);
        let before = if s > start { "…" } else { "" };
        let after = if e < end { "…" } else { "" };
        format!("{before}{text}{after}")
    }

    /// The text of `span`.
    fn text(&self, span: Span) -> String {
        let end = span.end.min(self.chars.len());
        self.chars[span.start.min(end)..end].iter().collect()
    }

    /// Top-level sections, in order.
    fn roots(&self) -> impl Iterator<Item = &Section> {
        self.report.sections.iter().filter(|s| s.parent.is_none())
    }
}

/// Runs every check over an analysed report, judging stale years on the sentences
/// alone. Findings about the whole report come first, then the rest in text order.
pub fn check(report: &Report) -> Vec<Finding> {
    check_against(report, None)
}

/// Runs every check over an analysed report; with last year's report, stale years are
/// also found as sentences carried over from it. Pure: the same reports give the same
/// findings, in the order of [`check`].
pub fn check_against(report: &Report, last_year: Option<&Report>) -> Vec<Finding> {
    let Ok(findings) = check_in_steps(report, last_year, &go_on);
    findings
}

/// [`check_against`] check by check, `step` asked before each family of checks whether
/// to go on (an analysis no longer wanted gives up there).
pub(super) fn check_in_steps<E>(
    report: &Report,
    last_year: Option<&Report>,
    step: &dyn Fn() -> Result<(), E>,
) -> Result<Vec<Finding>, E> {
    let cx = Context::of(report);
    let own = OwnFindings::in_steps(&cx, step)?;
    step()?;
    Ok(own.finish(&cx, last_year))
}

/// The findings of a report that do not depend on last year's report, so they are made
/// while last year's is still being analysed; [`OwnFindings::against`] adds the stale
/// years and gives what [`check_against`] gives.
#[derive(Debug)]
pub struct OwnFindings {
    whole: Vec<Finding>,
    numbering: Vec<Finding>,
    years: Vec<Finding>,
    rest: Vec<Finding>,
}

impl Context<'_> {
    fn of(report: &Report) -> Context<'_> {
        Context {
            report,
            chars: report.text.chars().collect(),
        }
    }
}

impl OwnFindings {
    /// Every check of `report` but the stale years.
    pub fn check(report: &Report) -> OwnFindings {
        OwnFindings::of(&Context::of(report))
    }

    fn of(cx: &Context) -> OwnFindings {
        let Ok(own) = OwnFindings::in_steps(cx, &go_on);
        own
    }

    /// The checks one family at a time, `step` asked between them whether to go on.
    fn in_steps<E>(cx: &Context, step: &dyn Fn() -> Result<(), E>) -> Result<OwnFindings, E> {
        let mut whole = missing_parts(cx);
        whole.extend(no_title(cx));
        let numbering = numbering(cx);
        step()?;
        let years = years::check(cx);
        step()?;
        let mut rest = townships::check(cx);
        step()?;
        rest.extend(artifacts::check(cx));
        step()?;
        rest.extend(figures::sum_mismatches(cx.report));
        Ok(OwnFindings {
            whole,
            numbering,
            years,
            rest,
        })
    }

    /// All findings of `report` (the one these were made of), the stale years read
    /// against `last_year`.
    pub fn against(self, report: &Report, last_year: Option<&Report>) -> Vec<Finding> {
        self.finish(&Context::of(report), last_year)
    }

    /// Findings about the whole report first, then the rest in text order.
    fn finish(self, cx: &Context, last_year: Option<&Report>) -> Vec<Finding> {
        let OwnFindings {
            mut whole,
            mut numbering,
            years,
            rest,
        } = self;
        numbering.extend(stale::check(cx, last_year, &years));
        numbering.extend(years);
        numbering.extend(rest);
        let (mut unplaced, mut placed): (Vec<Finding>, Vec<Finding>) =
            numbering.into_iter().partition(|f| f.span.is_none());
        placed.sort_by_key(|f| f.span.map_or(0, |s| s.start));
        whole.append(&mut unplaced);
        whole.append(&mut placed);
        whole
    }
}

/// One finding per statutory part P1–P4 that no top-level section covers.
fn missing_parts(cx: &Context) -> Vec<Finding> {
    let covered: Vec<Part> = cx.roots().flat_map(|s| s.parts.iter().copied()).collect();
    [Part::P1, Part::P2, Part::P3, Part::P4]
        .into_iter()
        .filter(|p| !covered.contains(p))
        .map(|p| Finding {
            kind: LintKind::MissingPart,
            message: LintMessage::MissingPart { part: p },
            section: None,
            excerpt: String::new(),
            span: None,
            evidence: None,
            source: None,
        })
        .collect()
}

/// A report must open with its title; one that opens with body text, an addressee or a
/// heading has none. Judged on the text itself: a title known only from elsewhere (file
/// name, document properties) is not on the page.
fn no_title(cx: &Context) -> Option<Finding> {
    let preamble = cx.report.preamble;
    let first = first_line(cx, preamble);
    let has_title = first.is_some_and(|line| reads_as_title(&cx.text(line)));
    if has_title {
        return None;
    }
    let span = first.unwrap_or_else(|| cx.line_around(preamble.end));
    let opening: String = cx.text(span).chars().take(20).collect();
    Some(Finding {
        kind: LintKind::NoTitle,
        message: LintMessage::NoTitle { opening },
        section: None,
        excerpt: cx.window(span, Span::new(span.start, span.start)),
        span: Some(Span::new(span.start, span.start)),
        evidence: None,
        source: None,
    })
}

/// The first line of `span` holding more than whitespace, trimmed.
fn first_line(cx: &Context, span: Span) -> Option<Span> {
    let mut start = span.start;
    while start < span.end {
        let end = cx.chars[start..span.end]
            .iter()
            .position(|&c| c == '\n')
            .map_or(span.end, |p| start + p);
        let mut s = start;
        while s < end && is_blank(cx.chars[s]) {
            s += 1;
        }
        let s = s + sections::debris_len(&cx.chars[s..end]).unwrap_or(0);
        let mut e = end;
        while e > s && is_blank(cx.chars[e - 1]) {
            e -= 1;
        }
        if s < e {
            return Some(Span::new(s, e));
        }
        start = end + 1;
    }
    None
}

/// A title line is short and has no sentence punctuation (an addressee ends with `：`).
fn reads_as_title(line: &str) -> bool {
    let length = line.chars().filter(|c| !is_blank(*c)).count();
    let sentence = line.contains(['。', '，', ',', '；', ';', '：', ':']);
    length > 0 && length <= MAX_TITLE_CHARS && !sentence
}

/// Numbering slips in each list of sibling headings: gaps, repeats and mixed markers.
fn numbering(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for list in sibling_lists(&cx.report.sections) {
        out.extend(numbering_in_list(cx, &list));
        out.extend(mixed_markers_in_list(cx, &list));
    }
    out
}

/// What makes headings siblings: the same parent and the same level.
type SiblingKey = (Option<usize>, u8);

/// Groups sections into lists of siblings: same parent, same level, in order.
fn sibling_lists(sections: &[Section]) -> Vec<Vec<&Section>> {
    let mut index: HashMap<SiblingKey, usize> = HashMap::new();
    let mut lists: Vec<Vec<&Section>> = Vec::new();
    for s in sections {
        let slot = *index.entry((s.parent, s.level)).or_insert_with(|| {
            lists.push(Vec::new());
            lists.len() - 1
        });
        lists[slot].push(s);
    }
    lists
}

fn numbering_in_list(cx: &Context, list: &[&Section]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen: HashSet<u32> = HashSet::new();
    let mut previous: Option<(u32, &str)> = None;
    for s in list {
        let Some(n) = sections::marker_number(&s.marker) else {
            continue;
        };
        let expected = previous.map_or(1, |(p, _)| p + 1);
        let finding = if seen.contains(&n) {
            Some((
                LintKind::DuplicateNumber,
                LintMessage::DuplicateNumber {
                    marker: s.marker.clone(),
                },
            ))
        } else if n != expected {
            Some((LintKind::NumberingGap, gap_message(previous, s, expected)))
        } else {
            None
        };
        if let Some((kind, message)) = finding {
            out.push(cx.at(kind, message, s.heading));
        }
        seen.insert(n);
        previous = Some((n, &s.marker));
    }
    out
}

fn gap_message(previous: Option<(u32, &str)>, s: &Section, expected: u32) -> LintMessage {
    let marker = s.marker.clone();
    match previous {
        None => LintMessage::NumberingLateStart { marker },
        Some((p, before)) if p + 1 < sections::marker_number(&s.marker).unwrap_or(0) => {
            LintMessage::NumberingGap {
                previous: before.to_string(),
                marker,
                missing: expected,
            }
        }
        Some((_, before)) => LintMessage::NumberingOrder {
            previous: before.to_string(),
            marker,
        },
    }
}

/// One finding per list whose markers are written in more than one style (`1、` then
/// `2.`, `（一）` then `(二)`).
fn mixed_markers_in_list(cx: &Context, list: &[&Section]) -> Option<Finding> {
    let first = list.first()?;
    let style = marker_style(&first.marker);
    let odd = list.iter().find(|s| marker_style(&s.marker) != style)?;
    let message = LintMessage::MixedMarkers {
        first: first.marker.clone(),
        odd: odd.marker.clone(),
    };
    Some(cx.at(LintKind::MixedMarkers, message, odd.heading))
}

/// A marker with its number abstracted: brackets, punctuation and digit width remain.
fn marker_style(marker: &str) -> String {
    let mut out = String::new();
    for c in marker.chars() {
        let class = match c {
            '0'..='9' => 'd',
            '０'..='９' => 'D',
            c if sections::is_cn_numeral(c) => continue,
            c => c,
        };
        if !out.ends_with(class) || !matches!(class, 'd' | 'D') {
            out.push(class);
        }
    }
    out
}

#[cfg(test)]
mod tests;
