//! Where a report holds the terms it was found for: each hit with its section number
//! and a keyword-in-context line, in character offsets of the clean text.

use serde::Serialize;

use crate::report::sections;

/// Characters of context shown on each side of a hit.
pub const CONTEXT_CHARS: usize = 24;

/// One occurrence of a search term in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// The section holding it (`2.1`), `None` in the preamble or closing.
    pub section: Option<String>,
    /// Character offsets of the term in the clean text.
    pub start: usize,
    pub end: usize,
    /// Up to [`CONTEXT_CHARS`] characters before the term, line breaks as spaces.
    pub before: String,
    /// The term as it stands in the text.
    pub text: String,
    pub after: String,
}

/// The first `limit` hits of `terms` in `text`, in text order; where two terms overlap
/// the earlier-starting (then longer) one is kept.
pub fn find_hits(text: &str, terms: &[&str], limit: usize) -> Vec<Hit> {
    let mut spans: Vec<(usize, usize)> = terms
        .iter()
        .filter(|t| !t.is_empty())
        .flat_map(|term| {
            text.match_indices(term)
                .take(limit)
                .map(|(at, found)| (at, at + found.len()))
        })
        .collect();
    spans.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(limit);
    for span in spans {
        if kept.len() == limit {
            break;
        }
        if kept.last().is_none_or(|last| span.0 >= last.1) {
            kept.push(span);
        }
    }
    if kept.is_empty() {
        return Vec::new();
    }
    let outline = sections::parse(text);
    kept.into_iter()
        .map(|(start, end)| hit(text, &outline, start, end))
        .collect()
}

/// A hit at byte range `start..end`, located and quoted.
fn hit(text: &str, outline: &sections::Outline, start: usize, end: usize) -> Hit {
    let char_start = text[..start].chars().count();
    let char_end = char_start + text[start..end].chars().count();
    let before: Vec<char> = text[..start].chars().rev().take(CONTEXT_CHARS).collect();
    let section = outline
        .sections
        .iter()
        .rev()
        .find(|s| s.span.start <= char_start && char_start < s.span.end)
        .map(|s| s.path.clone());
    Hit {
        section,
        start: char_start,
        end: char_end,
        before: one_line(before.into_iter().rev()),
        text: one_line(text[start..end].chars()),
        after: one_line(text[end..].chars().take(CONTEXT_CHARS)),
    }
}

/// Line breaks and tabs as spaces, so a hit reads as one line; other control
/// characters dropped, so none reaches a terminal.
fn one_line(chars: impl Iterator<Item = char>) -> String {
    chars
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "某镇2022年法治政府建设年度报告\n一、主要举措和成效\n（一）普法宣传\n培训法律明白人30名，开展调解12次。\n二、存在的不足\n法律明白人作用发挥不够。";

    #[test]
    fn hits_carry_their_section_offsets_and_context() {
        let hits = find_hits(TEXT, &["法律明白人"], 10);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].section.as_deref(), Some("1.1"));
        assert_eq!(hits[1].section.as_deref(), Some("2"));
        let chars: Vec<char> = TEXT.chars().collect();
        let quoted: String = chars[hits[0].start..hits[0].end].iter().collect();
        assert_eq!(quoted, "法律明白人");
        assert!(hits[0].before.ends_with("普法宣传 培训"), "{:?}", hits[0]);
        assert!(hits[0].after.starts_with("30名"), "{:?}", hits[0]);
        assert!(!hits[0].before.contains('\n'));
    }

    #[test]
    fn overlapping_terms_give_one_hit_and_the_limit_holds() {
        let hits = find_hits(TEXT, &["法律", "法律明白人"], 10);
        let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["法律明白人", "法律明白人"]);
        assert_eq!(find_hits(TEXT, &["法律明白人"], 1).len(), 1);
        assert!(find_hits(TEXT, &["不在文中"], 5).is_empty());
    }
}
