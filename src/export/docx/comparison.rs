//! The comparison as a Word document: a first page with the pair's scores, then this
//! year's report carrying Word's own tracked changes against last year's — `w:ins` and
//! `w:del` with an author and a date, moved sentences as `w:moveFrom`/`w:moveTo` inside
//! matching named move ranges — so Word's and WPS's review pane lists, accepts and
//! rejects each change. Headings take Heading 1–3 with their Chinese numbering kept as
//! text; reviewer notes and lint findings are comments anchored on their sentences.

use std::collections::HashMap;

use super::body::{Body, run, styled_run};
use super::{Comment, package};
use crate::export::escape::markup;
use crate::export::tracked::{self, Change, Paragraph, Place, Style, TrackedDocument, Year};
use crate::export::{ExportError, percent};
use crate::i18n::{ExportMsg, Lang, Msg, export_msg, fill, lint_kind_name, msg};
use crate::review::PairData;
use crate::store::{Note, NoteKind};

/// What goes into a comparison document.
#[derive(Debug, Clone, Copy)]
pub struct ComparisonInput<'a> {
    pub pair: &'a PairData,
    /// Review records of the township; those of the pair's two years become comments.
    pub notes: &'a [Note],
    pub lang: Lang,
    /// When the document is written, `YYYY-MM-DDTHH:MM:SSZ`.
    pub now: &'a str,
}

/// The title of a comparison: township and the two years.
pub fn comparison_title(input: &ComparisonInput<'_>) -> String {
    let pair = input.pair;
    let old = pair.old_year.map(|y| y.to_string()).unwrap_or_default();
    fill(
        export_msg(input.lang, ExportMsg::ComparisonTitle),
        &[&pair.township, &old, &pair.new_year.to_string()],
    )
}

/// The comparison as the bytes of a `.docx` file; an error when only one year is open.
pub fn comparison_docx(input: &ComparisonInput<'_>) -> Result<Vec<u8>, ExportError> {
    let pair = input.pair;
    let old = pair.old.as_ref().ok_or(ExportError::OneYear)?;
    let document = tracked::build(old, &pair.new, &pair.comparison);
    let anchored = comments(input, &document);
    let title = comparison_title(input);
    let mut body = Body::new();
    first_page(&mut body, input, &title);
    let mut writer = TrackedXml::new(input, &document, &anchored);
    for (index, paragraph) in document.paragraphs.iter().enumerate() {
        let (mark, runs) = writer.paragraph(index, paragraph);
        body.paragraph_with(style_id(paragraph.style), &mark, &runs);
    }
    let comments: Vec<Comment> = anchored.into_iter().map(|(_, c)| c).collect();
    package(&title, input.now, &body.finish(), &comments)
}

fn style_id(style: Style) -> Option<&'static str> {
    match style {
        Style::Title => Some("Title"),
        Style::Heading(1) => Some("Heading1"),
        Style::Heading(2) => Some("Heading2"),
        Style::Heading(_) => Some("Heading3"),
        Style::Body => None,
    }
}

/// The title, the scores of the pair, how to read the document, and a page break.
fn first_page(body: &mut Body, input: &ComparisonInput<'_>, title: &str) {
    let (lang, pair) = (input.lang, input.pair);
    let scores = &pair.comparison.scores;
    body.heading(0, title);
    if !pair.county.is_empty() {
        body.text(
            None,
            &format!("{}：{}", msg(lang, Msg::County), pair.county),
        );
    }
    let counts = &pair.counts;
    let headings = &scores.counts.headings;
    let kinds = [
        (Msg::KindUnchanged, counts.unchanged, headings.unchanged),
        (Msg::KindDatesOnly, counts.dates_only, headings.dates_only),
        (
            Msg::KindNumbersOnly,
            counts.numbers_only,
            headings.numbers_only,
        ),
        (Msg::KindModified, counts.modified, headings.modified),
        (Msg::KindMoved, counts.moved, 0),
        (Msg::KindAdded, counts.added, headings.added),
        (Msg::KindRemoved, counts.removed, headings.removed),
    ];
    let mut rows = vec![
        vec![
            msg(lang, Msg::CopyRatio).to_string(),
            percent(scores.copy_ratio),
        ],
        vec![
            msg(lang, Msg::Cosine).to_string(),
            format!("{:.3}", scores.cosine),
        ],
        vec![
            msg(lang, Msg::Jaccard).to_string(),
            format!("{:.3}", scores.jaccard),
        ],
        vec![
            export_msg(lang, ExportMsg::SharesUnchanged).to_string(),
            percent(scores.shares.unchanged),
        ],
        vec![
            export_msg(lang, ExportMsg::SharesDatesOnly).to_string(),
            percent(scores.shares.dates_only),
        ],
        vec![
            export_msg(lang, ExportMsg::SharesNumbersOnly).to_string(),
            percent(scores.shares.numbers_only),
        ],
    ];
    for (kind, sentences, heading_count) in kinds {
        let label = |template: ExportMsg| fill(export_msg(lang, template), &[msg(lang, kind)]);
        rows.push(vec![label(ExportMsg::SentenceRows), sentences.to_string()]);
        if kind != Msg::KindMoved {
            rows.push(vec![
                label(ExportMsg::HeadingRows),
                heading_count.to_string(),
            ]);
        }
    }
    let lint = pair.old.as_ref().map_or(0, |r| r.lint.len()) + pair.new.lint.len();
    rows.push(vec![msg(lang, Msg::Lint).to_string(), lint.to_string()]);
    let remarks = input.notes.iter().filter(|n| is_remark(n, pair)).count();
    rows.push(vec![
        msg(lang, Msg::TuiNotes).to_string(),
        remarks.to_string(),
    ]);
    let headers = [export_msg(lang, ExportMsg::Measure), msg(lang, Msg::Value)];
    body.table(&headers, &rows, &[3, 1]);
    body.text(None, export_msg(lang, ExportMsg::ComparisonLegend));
    body.page_break();
}

/// A note or flag on one of the pair's two years.
fn is_remark(note: &Note, pair: &PairData) -> bool {
    note.kind != NoteKind::Reviewed
        && (note.year == pair.new_year || Some(note.year) == pair.old_year)
}

/// Every comment with the place it is anchored on: reviewer notes and flags first (in
/// report order), then lint findings of last year and of this year.
fn comments(input: &ComparisonInput<'_>, document: &TrackedDocument) -> Vec<(Place, Comment)> {
    let (lang, pair) = (input.lang, input.pair);
    let year_of = |year: i32| {
        if year == pair.new_year {
            Year::New
        } else {
            Year::Old
        }
    };
    let report_of = |year: Year| match year {
        Year::New => Some(&pair.new),
        Year::Old => pair.old.as_ref(),
    };
    let heading_start = |year: Year, section: Option<&str>| -> usize {
        let report = report_of(year);
        section
            .and_then(|path| report?.sections.iter().find(|s| s.path == path))
            .map_or(0, |s| s.heading.start)
    };
    let mut out: Vec<(Place, Comment)> = Vec::new();
    for note in input.notes.iter().filter(|n| is_remark(n, pair)) {
        let year = year_of(note.year);
        let offset = note
            .start
            .unwrap_or_else(|| heading_start(year, note.section.as_deref()));
        let kind = match note.kind {
            NoteKind::Flag => msg(lang, Msg::NotesKindFlag),
            _ => msg(lang, Msg::NotesKindNote),
        };
        let text = if note.body.is_empty() {
            kind.to_string()
        } else {
            format!("【{kind}】{}", note.body)
        };
        if let Some(place) = document.place_of(year, offset) {
            let (author, date) = (note.author.clone(), note.created_at.clone());
            out.push((
                place,
                Comment {
                    id: out.len(),
                    author,
                    date,
                    text,
                },
            ));
        }
    }
    for (year, report) in [(Year::Old, pair.old.as_ref()), (Year::New, Some(&pair.new))] {
        let Some(report) = report else { continue };
        for finding in &report.lint {
            let offset = finding.span.map_or_else(
                || heading_start(year, finding.section.as_deref()),
                |s| s.start,
            );
            let kind = lint_kind_name(lang, finding.kind);
            let year_label = report.meta.year.map(|y| y.to_string()).unwrap_or_default();
            let text = format!("【{year_label} {kind}】{}", finding.text(lang));
            if let Some(place) = document.place_of(year, offset) {
                let author = export_msg(lang, ExportMsg::LintAuthor).to_string();
                out.push((
                    place,
                    Comment {
                        id: out.len(),
                        author,
                        date: input.now.to_string(),
                        text,
                    },
                ));
            }
        }
    }
    out
}

/// Where a move's pieces start and end, and the id of its range.
#[derive(Debug, Clone, Copy)]
struct MoveRange {
    first: (usize, usize),
    last: (usize, usize),
    id: usize,
}

/// Writes the paragraphs of a tracked document as WordprocessingML.
struct TrackedXml {
    /// `w:author="…" w:date="…"`.
    attributes: String,
    next_id: usize,
    moves: HashMap<Change, MoveRange>,
    starts: HashMap<(usize, usize), Vec<usize>>,
    ends: HashMap<(usize, usize), Vec<usize>>,
}

impl TrackedXml {
    fn new(
        input: &ComparisonInput<'_>,
        document: &TrackedDocument,
        comments: &[(Place, Comment)],
    ) -> TrackedXml {
        let pair = input.pair;
        let author = fill(
            export_msg(input.lang, ExportMsg::RevisionAuthor),
            &[&pair.township, &pair.new_year.to_string()],
        );
        let date = pair
            .new
            .meta
            .signed_on
            .as_deref()
            .filter(|d| d.len() == 10)
            .map_or_else(|| input.now.to_string(), |d| format!("{d}T00:00:00Z"));
        let mut xml = TrackedXml {
            attributes: format!(
                r#"w:author="{}" w:date="{}""#,
                markup(&author),
                markup(&date)
            ),
            next_id: comments.len(),
            moves: HashMap::new(),
            starts: HashMap::new(),
            ends: HashMap::new(),
        };
        for (place, comment) in comments {
            let (p, first, last) = (place.paragraph, place.first, place.last);
            xml.starts.entry((p, first)).or_default().push(comment.id);
            xml.ends.entry((p, last)).or_default().push(comment.id);
        }
        xml.find_moves(document);
        xml
    }

    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    /// Where each move's departure and arrival pieces begin and end.
    fn find_moves(&mut self, document: &TrackedDocument) {
        for (p, paragraph) in document.paragraphs.iter().enumerate() {
            for (k, piece) in paragraph.pieces.iter().enumerate() {
                if !matches!(piece.change, Change::MovedFrom(_) | Change::MovedTo(_)) {
                    continue;
                }
                if let Some(range) = self.moves.get_mut(&piece.change) {
                    range.last = (p, k);
                } else {
                    let id = self.id();
                    let range = MoveRange {
                        first: (p, k),
                        last: (p, k),
                        id,
                    };
                    self.moves.insert(piece.change, range);
                }
            }
        }
    }

    /// The paragraph mark's revision (inside `w:pPr`) and the paragraph's runs.
    fn paragraph(&mut self, index: usize, paragraph: &Paragraph) -> (String, String) {
        let mark = match paragraph.mark() {
            Change::Inserted => format!(
                r#"<w:rPr><w:ins w:id="{}" {}/></w:rPr>"#,
                self.id(),
                self.attributes
            ),
            Change::Deleted => format!(
                r#"<w:rPr><w:del w:id="{}" {}/></w:rPr>"#,
                self.id(),
                self.attributes
            ),
            _ => String::new(),
        };
        let mut runs = String::new();
        for (k, piece) in paragraph.pieces.iter().enumerate() {
            for id in self.starts.get(&(index, k)).into_iter().flatten() {
                runs.push_str(&format!(r#"<w:commentRangeStart w:id="{id}"/>"#));
            }
            runs.push_str(&self.piece(index, k, piece.change, &piece.text));
            for id in self.ends.get(&(index, k)).cloned().into_iter().flatten() {
                runs.push_str(&format!(
                    r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#
                ));
            }
        }
        (mark, runs)
    }

    /// One piece: a plain run, or a run inside its revision, with move ranges opened
    /// before a move's first piece and closed after its last.
    fn piece(&mut self, p: usize, k: usize, change: Change, text: &str) -> String {
        let id = self.id();
        let attributes = &self.attributes;
        let (element, range) = match change {
            Change::Same => return run(text),
            Change::Inserted => {
                return format!(r#"<w:ins w:id="{id}" {attributes}>{}</w:ins>"#, run(text));
            }
            Change::Deleted => {
                let deleted = styled_run("", text, "delText");
                return format!(r#"<w:del w:id="{id}" {attributes}>{deleted}</w:del>"#);
            }
            Change::MovedFrom(_) => ("moveFrom", "moveFromRange"),
            Change::MovedTo(_) => ("moveTo", "moveToRange"),
        };
        let Some(bounds) = self.moves.get(&change).copied() else {
            return run(text);
        };
        let name = match change {
            Change::MovedFrom(n) | Change::MovedTo(n) => format!("move{n}"),
            _ => String::new(),
        };
        let mut xml = String::new();
        if bounds.first == (p, k) {
            xml.push_str(&format!(
                r#"<w:{range}Start w:id="{}" {attributes} w:name="{name}"/>"#,
                bounds.id
            ));
        }
        xml.push_str(&format!(
            r#"<w:{element} w:id="{id}" {attributes}>{}</w:{element}>"#,
            run(text)
        ));
        if bounds.last == (p, k) {
            xml.push_str(&format!(r#"<w:{range}End w:id="{}"/>"#, bounds.id));
        }
        xml
    }
}
