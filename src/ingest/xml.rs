//! A guarded XML reader for Office files: elements by local name, attributes by local
//! name, text with only the five predefined entities and character references
//! resolved. Custom entities are never expanded (no "billion laughs": a document that
//! declares any is refused, an undeclared reference is dropped), and nesting deeper
//! than [`MAX_DEPTH`] is refused, so a hostile file costs no more than its size.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// Deepest element nesting accepted; real documents stay far below it.
pub const MAX_DEPTH: usize = 256;

/// One step through an XML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An opening tag (or a self-closing one, followed at once by its `End`).
    Start(Element),
    /// A closing tag, by local name.
    End(String),
    /// Character data with references resolved.
    Text(String),
}

/// An element's local name and attributes (local names, resolved values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Element {
    /// The value of the attribute with this local name (`w:val` → `val`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads XML text as a flat list of nodes, enforcing the guards.
pub fn parse(xml: &str, part: &str) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_str(xml);
    let mut nodes = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "{part}: malformed XML at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(start) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!("{part}: elements nested deeper than {MAX_DEPTH}"));
                }
                nodes.push(Node::Start(element(&start)));
            }
            Event::Empty(start) => {
                let element = element(&start);
                let name = element.name.clone();
                nodes.push(Node::Start(element));
                nodes.push(Node::End(name));
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                nodes.push(Node::End(local(end.name().as_ref())));
            }
            Event::Text(text) => push_text(&mut nodes, &text.xml10_content()),
            Event::CData(data) => push_text(&mut nodes, &data.xml10_content()),
            Event::GeneralRef(reference) => {
                if let Some(resolved) = resolve_reference(&reference.xml10_content()) {
                    push_text(&mut nodes, &resolved);
                }
            }
            Event::Eof => break,
            // Office never declares entities; a file that does is built to attack.
            Event::DocType(doctype) if doctype.xml10_content().contains("ENTITY") => {
                return Err(format!("{part}: declares custom XML entities"));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    Ok(nodes)
}

/// Adjacent text pieces (split around references) become one node.
fn push_text(nodes: &mut Vec<Node>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(previous)) = nodes.last_mut() {
        previous.push_str(text);
    } else {
        nodes.push(Node::Text(text.to_string()));
    }
}

/// The five predefined entities and numeric character references; anything else is a
/// custom entity and is dropped, never expanded.
fn resolve_reference(name: &str) -> Option<String> {
    let predefined = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    };
    if let Some(c) = predefined {
        return Some(c.to_string());
    }
    let number = name.strip_prefix('#')?;
    let code = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    char::from_u32(code)
        .filter(|&c| c != '\0')
        .map(String::from)
}

fn element(start: &BytesStart<'_>) -> Element {
    let name = local(start.name().as_ref());
    let attributes = start
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            let key = local(a.key.as_ref());
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (key, value)
        })
        .collect();
    Element { name, attributes }
}

/// `w:p` → `p`.
fn local(qualified: &str) -> String {
    qualified
        .rsplit_once(':')
        .map_or(qualified, |(_, l)| l)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(nodes: &[Node]) -> String {
        nodes
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn references_resolve_and_unknown_entities_are_dropped() {
        let nodes = parse("<w:t>a&amp;b&#12290;&#x3002;&lol;c</w:t>", "test.xml").unwrap();
        assert_eq!(text_of(&nodes), "a&b。。c");
    }

    #[test]
    fn entity_bomb_is_refused_quickly() {
        let mut xml =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for i in 1..10 {
            let previous = if i == 1 {
                "lol".to_string()
            } else {
                format!("lol{}", i - 1)
            };
            xml.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&{previous};").repeat(10)
            ));
        }
        xml.push_str("]>\n<w:t>&lol9;</w:t>");
        let err = parse(&xml, "word/document.xml").unwrap_err();
        assert!(err.contains("entities"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let xml = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        let err = parse(&xml, "deep.xml").unwrap_err();
        assert!(err.contains("nested deeper"), "{err}");
    }

    #[test]
    fn attributes_by_local_name() {
        let nodes = parse(r#"<w:numId w:val="3"/>"#, "x").unwrap();
        match &nodes[0] {
            Node::Start(e) => {
                assert_eq!(e.name, "numId");
                assert_eq!(e.attr("val"), Some("3"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
