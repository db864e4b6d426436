//! The lenient tokenizer: tags, attributes and text, whatever the page's markup errors;
//! script and style bodies are taken whole as raw text.

use super::entities::decode_entities;

/// Elements whose content is raw text up to the matching close tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// One token of the lenient tokenizer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    Close(String),
    Text(String),
}

pub(super) fn tokenize(html: &str) -> Vec<Token> {
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
