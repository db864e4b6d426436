//! The comparison as one HTML page: the pair's scores, then each section pair side by
//! side as the compare view shows it — a marker column, last year on the left, this
//! year on the right, changed words as `<del>`/`<ins>` — inside `<details>` so a
//! reader folds sections without any script; then the figure ledger with each figure's
//! trend, then lint findings and reviewer notes.

use super::{SCRIPT, ledger, page, table};
use crate::compare::{Edit, EditOp, Region, Row, RowKind, SectionPair};
use crate::export::docx::comparison::{ComparisonInput, comparison_title};
use crate::export::escape::markup;
use crate::export::{ExportError, json_name, percent};
use crate::i18n::{ExportMsg, Lang, Msg, export_msg, lint_kind_name, msg};
use crate::report::Report;
use crate::store::NoteKind;
use crate::text::clock;

/// The comparison as a whole HTML page; an error when only one year is open.
pub fn comparison_html(input: &ComparisonInput<'_>) -> Result<String, ExportError> {
    let pair = input.pair;
    let old = pair.old.as_ref().ok_or(ExportError::OneYear)?;
    let lang = input.lang;
    let title = comparison_title(input);
    let mut body = format!("<header><h1>{}</h1>", markup(&title));
    if !pair.county.is_empty() {
        body.push_str(&format!(
            "<p class=\"meta\">{}：{}</p>",
            msg(lang, Msg::County),
            markup(&pair.county)
        ));
    }
    body.push_str(&scores_table(input));
    body.push_str(&format!(
        "<p class=\"legend\">{}</p><p class=\"keys\">{}</p></header>\n<main>\n",
        export_msg(lang, ExportMsg::PageLegend),
        export_msg(lang, ExportMsg::KeysHint)
    ));
    let sides = Sides {
        old,
        new: &pair.new,
        lang,
    };
    for section in &pair.comparison.sections {
        body.push_str(&sides.section(section));
    }
    body.push_str(&format!("<h2>{}</h2>", msg(lang, Msg::Figures)));
    body.push_str(&ledger::ledger_table(pair, lang));
    body.push_str(&findings(input));
    body.push_str("</main>");
    Ok(page(&title, lang, &body, Some(SCRIPT)))
}

/// Copy ratio, similarities and the count of each kind of row.
fn scores_table(input: &ComparisonInput<'_>) -> String {
    let (lang, pair) = (input.lang, input.pair);
    let scores = &pair.comparison.scores;
    let counts = &pair.counts;
    let mut rows = vec![
        (msg(lang, Msg::CopyRatio), percent(scores.copy_ratio)),
        (msg(lang, Msg::Cosine), format!("{:.3}", scores.cosine)),
        (msg(lang, Msg::Jaccard), format!("{:.3}", scores.jaccard)),
    ];
    for (kind, count) in [
        (Msg::KindUnchanged, counts.unchanged),
        (Msg::KindDatesOnly, counts.dates_only),
        (Msg::KindNumbersOnly, counts.numbers_only),
        (Msg::KindModified, counts.modified),
        (Msg::KindMoved, counts.moved),
        (Msg::KindAdded, counts.added),
        (Msg::KindRemoved, counts.removed),
    ] {
        rows.push((msg(lang, kind), count.to_string()));
    }
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(label, value)| vec![markup(label), markup(&value)])
        .collect();
    let headers = [export_msg(lang, ExportMsg::Measure), msg(lang, Msg::Value)];
    table("scores", &headers, &rows)
}

/// The marker of a row kind, as the compare view draws it.
fn marker(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Unchanged => "",
        RowKind::NumbersOnly => "#",
        RowKind::DatesOnly => "^",
        RowKind::Modified => "~",
        RowKind::Moved => "&gt;",
        RowKind::Added => "+",
        RowKind::Removed => "-",
    }
}

/// Both reports, for writing section pairs side by side.
struct Sides<'a> {
    old: &'a Report,
    new: &'a Report,
    lang: Lang,
}

impl Sides<'_> {
    /// One section pair: its headings as the summary, its rows as a table.
    fn section(&self, pair: &SectionPair) -> String {
        let old = pair.old.map(|r| self.region_label(self.old, r));
        let new = pair.new.map(|r| self.region_label(self.new, r));
        let heading = match (&old, &new, &pair.heading) {
            (Some(_), Some(_), Some(change)) if !change.edits.is_empty() => {
                let (path, numbering) = match pair.new {
                    Some(Region::Section(i)) => self
                        .new
                        .sections
                        .get(i)
                        .map_or((String::new(), String::new()), |s| {
                            (s.path.clone(), s.marker.clone())
                        }),
                    _ => (String::new(), String::new()),
                };
                format!(
                    "{} {} {}{}",
                    marker(change.kind),
                    markup(&path),
                    markup(&numbering),
                    inline_edits(&change.edits)
                )
            }
            (Some(o), Some(n), _) if o != n => format!("{} → {}", markup(o), markup(n)),
            (_, Some(n), _) if old.is_none() => {
                format!("+ {} （{}）", markup(n), msg(self.lang, Msg::SectionAdded))
            }
            (Some(o), None, _) => format!(
                "- {} （{}）",
                markup(o),
                msg(self.lang, Msg::SectionRemoved)
            ),
            (_, Some(n), _) => markup(n),
            (None, None, _) => String::new(),
        };
        let mut html = format!(
            "<details class=\"pair\" open><summary>{heading}</summary>\
             <table class=\"sxs\"><tbody>"
        );
        for row in &pair.rows {
            html.push_str(&self.row(row));
        }
        html.push_str("</tbody></table></details>\n");
        html
    }

    /// `2.3 加强组织领导`, or the preamble or closing by name.
    fn region_label(&self, report: &Report, region: Region) -> String {
        match region {
            Region::Preamble => format!("（{}）", msg(self.lang, Msg::Preamble)),
            Region::Closing => format!("（{}）", msg(self.lang, Msg::Closing)),
            Region::Section(i) => report.sections.get(i).map_or_else(String::new, |s| {
                format!("{} {}{}", s.path, s.marker, s.title)
            }),
        }
    }

    /// One row: marker, last year's side, this year's side.
    fn row(&self, row: &Row) -> String {
        let joined = |report: &Report, indices: &mut dyn Iterator<Item = usize>| -> String {
            let text: String = indices
                .filter_map(|i| report.sentences.get(i))
                .map(|s| s.text.as_str())
                .collect();
            markup(&text)
        };
        let old_text = || joined(self.old, &mut row.old_sentences());
        let new_text = || joined(self.new, &mut row.new_sentences());
        let (left, right) = match row.kind {
            RowKind::Removed => (format!("<del>{}</del>", old_text()), String::new()),
            RowKind::Added => (String::new(), format!("<ins>{}</ins>", new_text())),
            RowKind::Unchanged | RowKind::Moved => (old_text(), new_text()),
            _ if !row.edits.is_empty() => (
                side_edits(&row.edits, EditOp::Insert),
                side_edits(&row.edits, EditOp::Delete),
            ),
            _ => (old_text(), new_text()),
        };
        let change = if row.kind == RowKind::Unchanged {
            ""
        } else {
            " change"
        };
        format!(
            "<tr class=\"k-{}{change}\"><td class=\"mark\">{}</td>\
             <td class=\"old\">{left}</td><td class=\"new\">{right}</td></tr>",
            json_name(row.kind),
            marker(row.kind)
        )
    }
}

/// One side of an edit script (`skip` is the other side's operation).
fn side_edits(edits: &[Edit], skip: EditOp) -> String {
    let kept: Vec<&Edit> = edits.iter().filter(|e| e.op != skip).collect();
    edits_html(&kept)
}

/// Both sides of an edit script on one line, as a changed heading shows it.
fn inline_edits(edits: &[Edit]) -> String {
    let all: Vec<&Edit> = edits.iter().collect();
    edits_html(&all)
}

fn edits_html(edits: &[&Edit]) -> String {
    let mut html = String::new();
    for edit in edits {
        let text = markup(&edit.text);
        match edit.op {
            EditOp::Equal => html.push_str(&text),
            EditOp::Delete => html.push_str(&format!("<del>{text}</del>")),
            EditOp::Insert => html.push_str(&format!("<ins>{text}</ins>")),
        }
    }
    html
}

/// Lint findings of both years, then reviewer notes and flags of both years.
fn findings(input: &ComparisonInput<'_>) -> String {
    let (lang, pair) = (input.lang, input.pair);
    let mut html = format!("<h2>{}</h2>", export_msg(lang, ExportMsg::FindingsAndNotes));
    let mut rows = Vec::new();
    for report in pair.old.iter().chain([&pair.new]) {
        let year = report.meta.year.map(|y| y.to_string()).unwrap_or_default();
        for finding in &report.lint {
            rows.push(vec![
                markup(&year),
                markup(finding.section.as_deref().unwrap_or("")),
                markup(lint_kind_name(lang, finding.kind)),
                markup(&finding.text(lang)),
                markup(&finding.excerpt),
            ]);
        }
    }
    let headers = [
        msg(lang, Msg::Year),
        msg(lang, Msg::Section),
        msg(lang, Msg::Kind),
        msg(lang, Msg::TuiMessage),
        msg(lang, Msg::NotesExcerpt),
    ];
    html.push_str(&format!("<h3>{}</h3>", msg(lang, Msg::Lint)));
    html.push_str(&table("lint", &headers, &rows));
    let years = [Some(pair.new_year), pair.old_year];
    let notes: Vec<Vec<String>> = input
        .notes
        .iter()
        .filter(|n| n.kind != NoteKind::Reviewed && years.contains(&Some(n.year)))
        .map(|note| {
            let kind = match note.kind {
                NoteKind::Flag => msg(lang, Msg::NotesKindFlag),
                _ => msg(lang, Msg::NotesKindNote),
            };
            vec![
                note.year.to_string(),
                markup(note.section.as_deref().unwrap_or("")),
                markup(kind),
                markup(&note.excerpt),
                markup(&note.body),
                markup(&note.author),
                markup(&clock::local(&note.created_at)),
            ]
        })
        .collect();
    let headers = [
        msg(lang, Msg::Year),
        msg(lang, Msg::NotesSection),
        msg(lang, Msg::NotesKind),
        msg(lang, Msg::NotesExcerpt),
        msg(lang, Msg::NotesBody),
        msg(lang, Msg::NotesAuthor),
        msg(lang, Msg::NotesTime),
    ];
    html.push_str(&format!("<h3>{}</h3>", msg(lang, Msg::TuiNotes)));
    html.push_str(&table("notes", &headers, &notes));
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Metadata;
    use crate::review::PairData;

    fn analyze(text: &str, year: i32) -> Report {
        let meta = Metadata {
            year: Some(year),
            ..Metadata::default()
        };
        Report::analyze(text, meta, Vec::new())
    }

    #[test]
    fn changed_words_are_marked_and_report_markup_is_text() {
        let old = analyze(
            "一、主要举措\n全年开展培训12次。<img src=x onerror=alert(1)>严格执法。\n",
            2022,
        );
        let new = analyze(
            "一、主要举措和成效\n全年开展培训15次。<img src=x onerror=alert(1)>严格执法。\n",
            2023,
        );
        let history = [&old, &new];
        let pair = PairData::build(
            "松坪乡",
            "",
            vec![2022, 2023],
            Some(std::sync::Arc::new(old.clone())),
            std::sync::Arc::new(new.clone()),
            &history,
        );
        let input = ComparisonInput {
            pair: &pair,
            notes: &[],
            lang: Lang::Zh,
            now: "2024-03-01T00:00:00Z",
        };
        let html = comparison_html(&input).expect("two years");
        assert!(
            html.contains("<del>12次</del>") || html.contains("<del>12</del>"),
            "{html}"
        );
        assert!(
            html.contains("<ins>15次</ins>") || html.contains("<ins>15</ins>"),
            "{html}"
        );
        assert!(html.contains("<ins>和成效</ins>"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<img"));
    }
}
