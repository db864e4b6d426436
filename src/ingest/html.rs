//! HTML pages saved from government sites: the article text only. A small lenient
//! tokenizer builds a tree; navigation, breadcrumbs, share/print/font-size widgets,
//! scripts and styles are dropped; the main content container (a recognizable class
//! such as `TRS_Editor`, `article`, `content`, `zoom`, else the block holding most of
//! the page's Chinese text) is rendered with paragraph breaks; metadata lines (`索引号`,
//! `发布日期`, `来源`, …) are removed.

use encoding_rs::Encoding;

use super::metadata::is_han;
use super::{IngestError, furniture};

mod entities;
mod tokenize;

use tokenize::{Token, tokenize};

/// Elements nested deeper than this are flattened into their parent.
const MAX_DEPTH: usize = 512;

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that are never report text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "head",
    "select", "button", "input", "textarea", "nav", "aside", "footer", "map", "audio", "video",
];

/// Elements that break lines.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "address",
    "center",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "main",
    "hr",
    "header",
    "caption",
];

/// Class or id words of page chrome (split on spaces, `_` and `-`).
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "position",
    "location",
    "share",
    "bdshare",
    "jiathis",
    "print",
    "fontsize",
    "footer",
    "foot",
    "sidebar",
    "copyright",
    "toolbar",
    "qrcode",
    "ewm",
    "related",
    "xgwz",
    "xglj",
    "search",
    "login",
    "topbar",
    "banner",
    "pagination",
    "pager",
    "comment",
    "comments",
    "dqwz",
    "wzdh",
];

/// Class or id fragments of the main content container.
const CONTENT_HINTS: &[&str] = &[
    "trs_editor",
    "article",
    "content",
    "zoom",
    "detail",
    "zhengwen",
    "zw",
    "artibody",
    "maintext",
    "main-text",
    "text",
    "view",
    "nr",
];

/// Extracts the article text of a decoded page with paragraph breaks.
pub fn extract(html: &str) -> Result<String, IngestError> {
    let tree = Tree::parse(html);
    if tree.render(Tree::ROOT).trim().is_empty() {
        return Err(IngestError::Html(
            "no article text found (the page holds only scripts, styles or markup)".to_string(),
        ));
    }
    let container = tree.main_container();
    let mut text = tree.render(container);
    if let Some(title) = tree.title_outside(container)
        && !text.contains(&title)
    {
        text = format!("{title}\n\n{text}");
    }
    let tidy = tidy_lines(&text);
    if furniture::strip(&tidy).text.trim().is_empty() {
        return Err(IngestError::Html(
            "no article text left once navigation and page furniture are removed".to_string(),
        ));
    }
    Ok(tidy)
}

/// The encoding a page declares in its first bytes (`<meta charset=gb2312>`, or the
/// `content="text/html; charset=gbk"` form).
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = lower[at..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .copied()
        .collect();
    Encoding::for_label(&label)
}

/// A node of the page tree.
#[derive(Debug, Clone)]
enum Child {
    Element(usize),
    Text(String),
}

#[derive(Debug, Clone)]
struct Element {
    name: String,
    class_id: String,
    children: Vec<Child>,
    depth: usize,
}

/// The page as a tree in an arena; index 0 is a synthetic root.
struct Tree {
    elements: Vec<Element>,
    page_title: Option<String>,
}

impl Tree {
    const ROOT: usize = 0;

    fn parse(html: &str) -> Tree {
        let mut elements = vec![Element {
            name: "#root".to_string(),
            class_id: String::new(),
            children: Vec::new(),
            depth: 0,
        }];
        let mut stack = vec![Self::ROOT];
        let mut page_title = None;
        let mut in_title = false;
        for token in tokenize(html) {
            let top = stack.last().copied().unwrap_or(Self::ROOT);
            match token {
                Token::Text(text) => {
                    if in_title {
                        page_title = Some(text.trim().to_string());
                    }
                    elements[top].children.push(Child::Text(text));
                }
                Token::Open {
                    name,
                    attrs,
                    self_closing,
                } => {
                    in_title = name == "title";
                    close_implied(&elements, &mut stack, &name);
                    let top = stack.last().copied().unwrap_or(Self::ROOT);
                    let class_id = attrs
                        .iter()
                        .filter(|(k, _)| k == "class" || k == "id")
                        .map(|(_, v)| v.to_ascii_lowercase())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let index = elements.len();
                    let depth = stack.len();
                    elements.push(Element {
                        name: name.clone(),
                        class_id,
                        children: Vec::new(),
                        depth,
                    });
                    elements[top].children.push(Child::Element(index));
                    if !self_closing && !VOID.contains(&name.as_str()) && depth < MAX_DEPTH {
                        stack.push(index);
                    }
                }
                Token::Close(name) => {
                    in_title = false;
                    if let Some(pos) = stack.iter().rposition(|&i| elements[i].name == name)
                        && pos > 0
                    {
                        stack.truncate(pos);
                    }
                }
            }
        }
        Tree {
            elements,
            page_title,
        }
    }

    fn is_dropped(&self, index: usize) -> bool {
        let element = &self.elements[index];
        DROPPED.contains(&element.name.as_str()) || is_chrome(&element.class_id)
    }

    /// For every element: Han characters of its own text outside links, summed over
    /// its subtree (zero when it is dropped), and whether it is dropped. Children always
    /// follow their parent in the arena, so one pass down and one pass up suffice.
    fn text_scores(&self) -> (Vec<usize>, Vec<bool>) {
        let count = self.elements.len();
        let mut in_link = vec![false; count];
        let mut dropped = vec![false; count];
        for i in 0..count {
            for child in &self.elements[i].children {
                if let Child::Element(c) = child {
                    in_link[*c] = in_link[i] || self.elements[*c].name == "a";
                    dropped[*c] = dropped[i] || self.is_dropped(*c);
                }
            }
        }
        let mut scores = vec![0usize; count];
        for i in (0..count).rev() {
            if dropped[i] {
                continue;
            }
            scores[i] = self.elements[i]
                .children
                .iter()
                .map(|child| match child {
                    Child::Text(text) if !in_link[i] => text.chars().filter(|&c| is_han(c)).count(),
                    Child::Text(_) => 0,
                    Child::Element(c) => scores[*c],
                })
                .sum();
        }
        (scores, dropped)
    }

    /// The element whose text is the article: a recognizably named container holding
    /// most of the page's own (non-link) Chinese text, else the deepest element that
    /// holds three quarters of it, else the whole page.
    fn main_container(&self) -> usize {
        let (scores, dropped) = self.text_scores();
        let visible: Vec<bool> = dropped.iter().map(|d| !d).collect();
        let page = scores[Self::ROOT];
        if page == 0 {
            return Self::ROOT;
        }
        let hinted = (1..self.elements.len())
            .filter(|&i| visible[i] && has_content_hint(&self.elements[i].class_id))
            .filter(|&i| scores[i] * 10 >= page * 4 && scores[i] >= 20)
            .collect::<Vec<_>>();
        if let Some(best) = deepest_near_best(&hinted, &scores, &self.elements) {
            return best;
        }
        let broad: Vec<usize> = (1..self.elements.len())
            .filter(|&i| visible[i] && scores[i] * 4 >= page * 3)
            .collect();
        broad
            .into_iter()
            .max_by_key(|&i| self.elements[i].depth)
            .unwrap_or(Self::ROOT)
    }

    /// A heading (`h1`, or an element named like a title) outside the container: pages
    /// often put the report title above the article body. Falls back to the page
    /// `<title>` when it names a report.
    fn title_outside(&self, container: usize) -> Option<String> {
        let inside = self.descendants(container);
        let (_, dropped) = self.text_scores();
        let heading = (1..self.elements.len())
            .filter(|i| !dropped[*i] && !inside[*i])
            .find(|&i| {
                let e = &self.elements[i];
                e.name == "h1"
                    || (matches!(e.name.as_str(), "h2" | "div" | "p" | "td")
                        && e.class_id
                            .split([' ', '_', '-'])
                            .any(|w| w == "title" || w == "tit" || w == "bt"))
            })
            .map(|i| {
                self.render(i)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("")
            })
            .filter(|t| (4..=80).contains(&t.chars().count()));
        heading.or_else(|| {
            let title = self.page_title.as_ref()?;
            let first = title.split(['_', '|', '－']).next()?.trim();
            (first.contains("报告") || first.contains("总结")).then(|| first.to_string())
        })
    }

    fn descendants(&self, root: usize) -> Vec<bool> {
        let mut inside = vec![false; self.elements.len()];
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            inside[i] = true;
            for child in &self.elements[i].children {
                if let Child::Element(c) = child {
                    stack.push(*c);
                }
            }
        }
        inside
    }

    /// Text of a subtree with line breaks at blocks, rows and `br`, cells separated by
    /// tabs.
    fn render(&self, index: usize) -> String {
        let mut out = Renderer::default();
        self.render_into(index, &mut out, false);
        out.finish()
    }

    fn render_into(&self, index: usize, out: &mut Renderer, pre: bool) {
        let element = &self.elements[index];
        let name = element.name.as_str();
        let pre = pre || name == "pre";
        let block = BLOCKS.contains(&name);
        if block {
            out.line_break();
        }
        if matches!(name, "td" | "th") {
            out.cell();
        }
        if name == "br" {
            out.hard_break();
        }
        for child in &element.children {
            match child {
                Child::Text(text) => out.text(text, pre),
                Child::Element(i) if !self.is_dropped(*i) => self.render_into(*i, out, pre),
                Child::Element(_) => {}
            }
        }
        if name == "tr" {
            out.end_row();
        }
        if block {
            out.line_break();
        }
    }
}

/// Of the candidates, the deepest one whose score is within 90% of the best: nested
/// wrappers around the article all score about the same, and the innermost is the
/// article itself.
fn deepest_near_best(
    candidates: &[usize],
    scores: &[usize],
    elements: &[Element],
) -> Option<usize> {
    let best = candidates.iter().map(|&i| scores[i]).max()?;
    candidates
        .iter()
        .copied()
        .filter(|&i| scores[i] * 10 >= best * 9)
        .max_by_key(|&i| elements[i].depth)
}

/// HTML closes some elements implicitly: a new `p` or a block closes an open `p`, a new
/// `li` closes the open `li`, a cell closes the open cell, a row the open row.
fn close_implied(elements: &[Element], stack: &mut Vec<usize>, opening: &str) {
    let closes: &[&str] = match opening {
        "p" | "div" | "table" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        | "blockquote" | "section" | "article" | "pre" | "dl" => &["p"],
        "li" => &["li", "p"],
        "td" | "th" => &["td", "th", "p"],
        "tr" => &["td", "th", "tr", "p"],
        "dt" | "dd" => &["dt", "dd", "p"],
        "option" => &["option"],
        _ => &[],
    };
    while let Some(&top) = stack.last() {
        if top != Tree::ROOT && closes.contains(&elements[top].name.as_str()) {
            stack.pop();
        } else {
            break;
        }
    }
}

fn is_chrome(class_id: &str) -> bool {
    !class_id.is_empty()
        && class_id
            .split([' ', '_', '-'])
            .any(|word| CHROME_WORDS.contains(&word))
}

fn has_content_hint(class_id: &str) -> bool {
    !class_id.is_empty()
        && (class_id.contains("trs_editor")
            || class_id
                .split([' ', '_', '-'])
                .any(|word| CONTENT_HINTS.contains(&word))
            || ["content", "article", "zoom", "detail"]
                .iter()
                .any(|h| class_id.contains(h)))
}

/// Builds text with collapsed whitespace and at most one pending line break.
#[derive(Default)]
struct Renderer {
    out: String,
    pending_break: bool,
    pending_space: bool,
    row_has_cell: bool,
}

impl Renderer {
    fn text(&mut self, text: &str, pre: bool) {
        for c in text.chars() {
            if pre && c == '\n' {
                self.hard_break();
            } else if !pre && matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.pending_space = true;
            } else {
                self.flush();
                self.out.push(if c == '\u{A0}' { ' ' } else { c });
            }
        }
    }

    fn flush(&mut self) {
        if self.pending_break {
            if !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            self.pending_break = false;
            self.pending_space = false;
        }
        if self.pending_space {
            if !self.out.is_empty() && !self.out.ends_with(['\n', ' ', '\t']) {
                self.out.push(' ');
            }
            self.pending_space = false;
        }
    }

    fn line_break(&mut self) {
        self.pending_break = true;
    }

    fn hard_break(&mut self) {
        self.pending_break = false;
        self.pending_space = false;
        self.out.push('\n');
    }

    fn cell(&mut self) {
        if self.row_has_cell {
            self.pending_space = false;
            self.pending_break = false;
            self.out.push('\t');
        }
        self.row_has_cell = true;
    }

    fn end_row(&mut self) {
        self.row_has_cell = false;
        self.pending_break = true;
    }

    fn finish(self) -> String {
        self.out
    }
}

/// Trims each line's HTML indentation (keeping full-width spaces, which are written
/// text) and squeezes blank runs. Page furniture is left for [`furniture::strip`],
/// which clean-up runs on every format.
fn tidy_lines(text: &str) -> String {
    let mut out = String::new();
    let mut blank_run = 0;
    for line in text.split('\n') {
        let line = line.trim_matches(|c: char| c == ' ' || c == '\t');
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end_matches('\n').to_string() + "\n"
}

#[cfg(test)]
mod tests;
