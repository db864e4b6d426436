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

use entities::decode_entities;

/// Elements nested deeper than this are flattened into their parent.
const MAX_DEPTH: usize = 512;

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text up to the matching close tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

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

/// One token of the lenient tokenizer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    Close(String),
    Text(String),
}

fn tokenize(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            tokens.push(Token::Text(decode_entities(rest)));
            break;
        };
        if lt > 0 {
            tokens.push(Token::Text(decode_entities(&rest[..lt])));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let next = rest[1..].chars().next();
        match next {
            Some('!') | Some('?') => {
                rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            }
            Some('/') => {
                let end = rest.find('>').unwrap_or(rest.len());
                let name = tag_name(&rest[2..end]);
                if !name.is_empty() {
                    tokens.push(Token::Close(name));
                }
                rest = rest.get(end + 1..).unwrap_or("");
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (token, consumed) = open_tag(rest);
                rest = &rest[consumed..];
                if let Token::Open {
                    name,
                    self_closing: false,
                    ..
                } = &token
                    && RAW_TEXT.contains(&name.as_str())
                {
                    let (content, after) = raw_text(rest, name);
                    let name = name.clone();
                    tokens.push(token);
                    tokens.push(Token::Text(decode_entities(content)));
                    tokens.push(Token::Close(name));
                    rest = after;
                    continue;
                }
                tokens.push(token);
            }
            _ => {
                tokens.push(Token::Text("<".to_string()));
                rest = &rest[1..];
            }
        }
    }
    tokens
}

/// Content of a raw-text element and what follows its close tag.
fn raw_text<'a>(rest: &'a str, name: &str) -> (&'a str, &'a str) {
    let lower = rest.to_ascii_lowercase();
    let close = format!("</{name}");
    match lower.find(&close) {
        Some(at) => {
            let after = &rest[at..];
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            (&rest[..at], &after[end..])
        }
        None => (rest, ""),
    }
}

fn tag_name(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Parses `<name attr="v" …>` at the start of `text`; returns the token and the bytes
/// consumed. Quotes are respected, so `>` inside an attribute does not end the tag.
fn open_tag(text: &str) -> (Token, usize) {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':')
    {
        i += 1;
    }
    let name = text[1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            self_closing = bytes[i] == b'/';
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        self_closing = false;
        let key_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let key = text[key_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let start = i + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |p| start + p);
                value = decode_entities(&text[start..end]);
                i = (end + 1).min(bytes.len());
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&text[start..i]);
            }
        }
        if key.is_empty() {
            // Skip one whole character: a stray byte here may start a multi-byte one.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        } else {
            attrs.push((key, value));
        }
    }
    (
        Token::Open {
            name,
            attrs,
            self_closing,
        },
        i.min(text.len()),
    )
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
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某镇2021年法治政府建设年度报告_某县人民政府</title>
<style>.x{color:red}</style><script>var a = "<p>不是正文</p>";</script></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/x">通知公告</a></div>
<div class="main">
  <h1 class="title">某镇2021年法治政府建设年度报告</h1>
  <div class="info">
    <span>索引号：11500000-2021-001</span> <span>发布日期：2022-01-10</span>
    <span>来源：某镇人民政府</span> <span>浏览次数：356</span>
  </div>
  <div class="font">字号：<a>大</a> <a>中</a> <a>小</a></div>
  <div class="TRS_Editor">
    <p>&nbsp;&nbsp;2021年，某镇坚持以习近平新时代中国特色社会主义思想为指导&#12290;</p>
    <p>一、主要举措和成效<br>（一）深入学习宣传习近平法治思想。全年开展专题学习12次&#x3002;</p>
    <table><tr><td>项目</td><td>次数</td></tr><tr><td>普法宣传</td><td>30</td></tr></table>
    <p>二、存在的不足和原因</p><p>法治宣传形式单一。</p>
  </div>
  <div class="share">分享到：<a>微信</a> <a>微博</a></div>
  <div>【打印本页】【关闭窗口】</div>
</div>
<div class="footer">版权所有：某县人民政府 网站标识码 5001</div>
<script>document.write("统计代码");</script>
</body></html>"#;

    #[test]
    fn article_text_without_page_furniture() {
        let text = furniture::strip(&extract(PAGE).unwrap()).text;
        let want = "某镇2021年法治政府建设年度报告\n\n2021年，某镇坚持以习近平新时代中国特色社会主义思想为指导。\n一、主要举措和成效\n（一）深入学习宣传习近平法治思想。全年开展专题学习12次。\n项目\t次数\n普法宣传\t30\n二、存在的不足和原因\n法治宣传形式单一。\n";
        assert_eq!(text, want);
    }

    #[test]
    fn without_a_named_container_the_text_block_wins() {
        let page = "<html><body><div><a>首页</a> <a>新闻中心</a></div><div><div><p>第一段正文内容，我镇坚持依法行政。</p><p>第二段正文内容，全年开展普法宣传活动。</p></div></div><p>发布时间：2021-01-01</p></body></html>";
        let text = furniture::strip(&extract(page).unwrap()).text;
        assert_eq!(
            text,
            "第一段正文内容，我镇坚持依法行政。\n第二段正文内容，全年开展普法宣传活动。\n"
        );
    }

    #[test]
    fn script_only_page_is_refused() {
        let err = extract("<html><head><script>var x = 1;</script></head><body><script>go()</script></body></html>").unwrap_err();
        assert!(err.to_string().contains("no article text"), "{err}");
    }

    #[test]
    fn entities_and_lenient_markup() {
        assert_eq!(
            decode_entities("a&nbsp;b&amp;c&#12290;&#x3002;&unknown;&nbspd"),
            "a\u{A0}b&c。。&unknown;\u{A0}d"
        );
        let text =
            extract("<p>未闭合段落一<p>段落二<br/>换行<div title='a>b'>属性里有尖括号</div>")
                .unwrap();
        assert_eq!(text, "未闭合段落一\n段落二\n换行\n属性里有尖括号\n");
    }

    #[test]
    fn charset_is_read_from_meta() {
        let page =
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
        assert_eq!(declared_encoding(page).map(|e| e.name()), Some("GBK"));
        assert_eq!(
            declared_encoding(b"<meta charset='utf-8'>").map(|e| e.name()),
            Some("UTF-8")
        );
        assert_eq!(declared_encoding(b"<p>none</p>"), None);
    }
}
