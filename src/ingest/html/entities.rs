//! Character references in page text: the named entities government pages use, and
//! numeric references read as browsers read them, so a hostile value becomes U+FFFD
//! instead of text that was never on the page.

/// Named entities seen on government pages.
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{A0}"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("divide", "÷"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("thinsp", "\u{2009}"),
    ("ideographicspace", "\u{3000}"),
    ("copy", "©"),
    ("reg", "®"),
    ("yen", "¥"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("permil", "‰"),
    ("sup2", "²"),
    ("sect", "§"),
    ("hyphen", "-"),
    ("shy", ""),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

/// Decodes `&name;`, `&#12290;` and `&#x3002;`; unknown names stay as written. A few
/// common names are accepted without the semicolon, as browsers do.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity_at(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_at(text: &str) -> Option<(String, usize)> {
    if text[1..].starts_with('#') {
        return numeric_reference(text);
    }
    let body: String = text[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .take(32)
        .collect();
    let has_semicolon = text[1 + body.len()..].starts_with(';');
    let len = 1 + body.len() + usize::from(has_semicolon);
    let lower = body.to_ascii_lowercase();
    if has_semicolon {
        let (_, value) = ENTITIES.iter().find(|(name, _)| *name == lower)?;
        return Some((value.to_string(), len));
    }
    // Without a semicolon only the common legacy names count, as a prefix (`&nbspx`).
    ["nbsp", "amp", "lt", "gt", "quot"].iter().find_map(|name| {
        let value = ENTITIES.iter().find(|(n, _)| n == name)?.1;
        lower
            .starts_with(name)
            .then(|| (value.to_string(), 1 + name.len()))
    })
}

/// `&#12290;` or `&#x3002;` at the start of `text`, read as browsers do: the digits
/// that follow, then an optional `;`. A value past U+10FFFF (however many digits), a
/// surrogate or NUL becomes U+FFFD; with no digits it is not a reference at all.
fn numeric_reference(text: &str) -> Option<(String, usize)> {
    let hex = text[2..].starts_with(['x', 'X']);
    let (radix, digits_at) = if hex { (16, 3) } else { (10, 2) };
    let digits = text[digits_at..]
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(text.len() - digits_at);
    if digits == 0 {
        return None;
    }
    let code = text[digits_at..digits_at + digits]
        .chars()
        .filter_map(|d| d.to_digit(radix))
        .fold(0u32, |code, d| code.saturating_mul(radix).saturating_add(d));
    let end = digits_at + digits;
    let len = end + usize::from(text[end..].starts_with(';'));
    let c = char::from_u32(code)
        .filter(|&c| c != '\0')
        .unwrap_or('\u{FFFD}');
    Some((c.to_string(), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_references_out_of_range_are_replaced() {
        assert_eq!(
            decode_entities("&#99999999999;|&#x110000;|&#xD800;|&#0;|&#X41;|&#65x"),
            "\u{FFFD}|\u{FFFD}|\u{FFFD}|\u{FFFD}|A|Ax"
        );
        assert_eq!(decode_entities("&#;&#x;&#"), "&#;&#x;&#");
    }
}
