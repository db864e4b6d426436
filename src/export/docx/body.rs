//! The body of a Word document built paragraph by paragraph: styled paragraphs, runs
//! of escaped text, page breaks and real Word tables (with a header row repeated on
//! each page), ending in an A4 section.

use super::super::escape::clean;
use super::super::escape::markup;

/// Width of the text area of an A4 page with 2.54 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 9026;

/// The XML of a document body under construction.
#[derive(Debug, Default)]
pub struct Body {
    xml: String,
}

impl Body {
    /// An empty body.
    pub fn new() -> Body {
        Body::default()
    }

    /// A paragraph of `runs` (already XML) in `style` (`None`: Normal).
    pub fn paragraph(&mut self, style: Option<&str>, runs: &str) {
        self.paragraph_with(style, "", runs);
    }

    /// A paragraph whose properties carry extra XML (a tracked paragraph mark).
    pub fn paragraph_with(&mut self, style: Option<&str>, mark: &str, runs: &str) {
        self.xml.push_str("<w:p>");
        if style.is_some() || !mark.is_empty() {
            self.xml.push_str("<w:pPr>");
            if let Some(style) = style {
                self.xml
                    .push_str(&format!(r#"<w:pStyle w:val="{style}"/>"#));
            }
            self.xml.push_str(mark);
            self.xml.push_str("</w:pPr>");
        }
        self.xml.push_str(runs);
        self.xml.push_str("</w:p>");
    }

    /// A paragraph of plain text.
    pub fn text(&mut self, style: Option<&str>, text: &str) {
        self.paragraph(style, &run(text));
    }

    /// A heading of level 1 to 3, or the title for level 0.
    pub fn heading(&mut self, level: u8, text: &str) {
        let style = match level {
            0 => "Title",
            1 => "Heading1",
            2 => "Heading2",
            _ => "Heading3",
        };
        self.text(Some(style), text);
    }

    /// A page break: what follows starts a new page.
    pub fn page_break(&mut self) {
        self.xml
            .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    }

    /// A table with a bold header row (repeated on every page) and one row per entry;
    /// `weights` share the page width among the columns.
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>], weights: &[u32]) {
        let total: u32 = weights.iter().sum::<u32>().max(1);
        let widths: Vec<u32> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
        self.xml.push_str(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
        );
        for width in &widths {
            self.xml.push_str(&format!(r#"<w:gridCol w:w="{width}"/>"#));
        }
        self.xml.push_str("</w:tblGrid>");
        let header: Vec<String> = headers.iter().map(|h| bold_run(h)).collect();
        self.row(&header, &widths, true);
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| run(c)).collect();
            self.row(&cells, &widths, false);
        }
        self.xml.push_str("</w:tbl>");
        self.text(None, "");
    }

    fn row(&mut self, cells: &[String], widths: &[u32], header: bool) {
        self.xml.push_str("<w:tr>");
        if header {
            self.xml
                .push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        }
        for (cell, width) in cells.iter().zip(widths) {
            self.xml.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{cell}</w:p></w:tc>"#
            ));
        }
        self.xml.push_str("</w:tr>");
    }

    /// The body's XML with the closing A4 section.
    pub fn finish(mut self) -> String {
        self.xml.push_str(
            r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#,
        );
        self.xml
    }
}

/// A run of text, untrusted text made safe; line breaks become Word line breaks.
pub fn run(text: &str) -> String {
    styled_run("", text, "t")
}

/// A bold run.
pub fn bold_run(text: &str) -> String {
    styled_run("<w:rPr><w:b/></w:rPr>", text, "t")
}

/// A run with properties `props`, its text in `element` (`t`, or `delText` for
/// deleted text).
pub fn styled_run(props: &str, text: &str, element: &str) -> String {
    let text = clean(text).replace('\t', " ");
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            format!(
                r#"<w:{element} xml:space="preserve">{}</w:{element}>"#,
                markup(line)
            )
        })
        .collect();
    format!("<w:r>{props}{}</w:r>", lines.join("<w:br/>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_escape_markup_and_drop_controls() {
        assert_eq!(
            run("<b>甲\u{1}\n乙"),
            r#"<w:r><w:t xml:space="preserve">&lt;b&gt;甲</w:t><w:br/><w:t xml:space="preserve">乙</w:t></w:r>"#
        );
    }

    #[test]
    fn tables_have_a_header_row_and_one_row_per_entry() {
        let mut body = Body::new();
        body.table(
            &["乡镇", "沿用率"],
            &[vec!["甲镇".into(), "90%".into()]],
            &[2, 1],
        );
        let xml = body.finish();
        assert_eq!(xml.matches("<w:tr>").count(), 2);
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
        assert!(xml.contains(r#"<w:gridCol w:w="6017"/>"#), "{xml}");
    }
}
