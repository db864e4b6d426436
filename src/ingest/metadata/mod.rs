//! Metadata detection: township, county, province, reporting year, title, signature.
//! Reports rarely state these in one place, so each is gathered from several kinds of
//! evidence (title lines, the opening sentence, the signature, cited local regulations,
//! the file name) and weighed; when the evidence is too thin the field stays `None` and
//! the import asks the user for it.

mod counties;
mod places;
mod signature;
mod title;
mod township;
mod traditional;
mod year;

use super::Metadata;
use super::furniture::PageFields;

/// Detects metadata from the clean text, with what the page's metadata table said
/// (weaker than the text) and the file name (weaker still) as hints.
pub fn detect(text: &str, file_name: &str, page: &PageFields) -> Metadata {
    let lines = Lines::new(text);
    let title = title::detect(&lines).or_else(|| title::from_page(page));
    let signature = signature::detect(&lines);
    let stem = file_stem(file_name);
    let places = places::detect(
        text,
        &places::Hints {
            title: title.as_ref().map(|t| t.text.as_str()),
            signed_by: signature.as_ref().and_then(|s| s.body.as_deref()),
            publisher: page.publisher.as_deref(),
            file_stem: stem,
        },
    );
    let year = year::detect(&lines, title.as_ref(), signature.as_ref())
        .or_else(|| page.published_on.map(year::reported_on_page_date))
        .or_else(|| year::from_file_name(stem));
    Metadata {
        township: places.township,
        county: places.county,
        province: places.province,
        year,
        title: title.map(|t| t.text),
        signed_by: signature.as_ref().and_then(|s| s.body.clone()),
        signed_on: signature.and_then(|s| s.date.map(|d| d.iso())),
    }
}

/// The file name without folders and extension.
fn file_stem(file_name: &str) -> &str {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.rsplit_once('.').map_or(base, |(stem, _)| stem)
}

/// The non-blank lines of a text, trimmed, read from either end: title, year and
/// signature rules ask for "the first lines" or "the last lines", so only those are
/// split off, never the whole text.
pub(crate) struct Lines<'a> {
    text: &'a str,
}

/// One non-blank, trimmed line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub text: &'a str,
    /// Index among all lines, blank ones included.
    pub number: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { text }
    }

    /// The non-blank lines from the top, in order, split as they are read.
    pub fn head(&self) -> impl Iterator<Item = Line<'a>> + use<'a> {
        self.text
            .split('\n')
            .enumerate()
            .map(|(number, line)| Line {
                text: line.trim(),
                number,
            })
            .filter(|l| !l.text.is_empty())
    }

    /// The last `count` non-blank lines, in text order.
    pub fn tail(&self, count: usize) -> Vec<&'a str> {
        let mut tail: Vec<&str> = self
            .text
            .rsplit('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(count)
            .collect();
        tail.reverse();
        tail
    }
}

/// Removes every whitespace character (padding inside titles and signatures such as
/// `报     告`).
pub(crate) fn squeeze(text: &str) -> String {
    // Room for the whole line: it is never grown.
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().filter(|c| !c.is_whitespace()));
    out
}

/// True when `text` holds more than `limit` characters besides whitespace, read only
/// as far as that: a rule about short lines (a title, a date) need not squeeze a
/// paragraph to turn it down.
pub(crate) fn longer_squeezed_than(text: &str, limit: usize) -> bool {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .nth(limit)
        .is_some()
}

/// Characters of CJK ideographs (the basic block and extension A).
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_drops_folders_and_extension() {
        assert_eq!(file_stem("报告/杉岭乡2021.docx"), "杉岭乡2021");
        assert_eq!(file_stem("C:\\x\\y.txt"), "y");
        assert_eq!(file_stem("noext"), "noext");
    }

    #[test]
    fn full_report_head_and_tail() {
        let text = "XX镇2021年法治政府建设\n年度报告\n\n区委、区政府：\n2021年，我镇……\n一、主要举措\n……\n\n            某某县XX镇人民政府\n             2022年1月10日\n";
        let meta = detect(text, "a.txt", &PageFields::default());
        assert_eq!(
            meta.title.as_deref(),
            Some("XX镇2021年法治政府建设年度报告")
        );
        assert_eq!(meta.year, Some(2021));
        assert_eq!(meta.signed_by.as_deref(), Some("某某县XX镇人民政府"));
        assert_eq!(meta.signed_on.as_deref(), Some("2022-01-10"));
    }
}
