//! HTML exports as one self-contained file: inline CSS and SVG, no external font,
//! image or script, readable with JavaScript off. A Content-Security-Policy meta forbids
//! every network request and allows only the style sheet and script shipped in the
//! page, named by their SHA-256 hashes, so text from a report can never run.
//! [`comparison`] is the side-by-side comparison; [`page`] wraps any body.

pub mod comparison;
mod ledger;

use sha2::{Digest, Sha256};

use super::escape::markup;
use crate::i18n::Lang;

/// The style sheet of every page: screen and A4 print, CJK fonts by generic family.
pub const STYLE: &str = include_str!("page.css");

/// The comparison page's script: folding unchanged rows and `n`/`N` between changes.
pub const SCRIPT: &str = include_str!("page.js");

/// A whole page around `body` (already HTML), with the shared style sheet and, when
/// `script` is given, that script; both allowed by hash and nothing else.
pub fn page(title: &str, lang: Lang, body: &str, script: Option<&str>) -> String {
    let style_hash = hash(STYLE);
    let script_source = match script {
        Some(script) => format!("'sha256-{}'", hash(script)),
        None => "'none'".to_string(),
    };
    let policy = format!(
        "default-src 'none'; style-src 'sha256-{style_hash}'; script-src {script_source}; \
         img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; \
         object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; \
         base-uri 'none'; form-action 'none'"
    );
    let language = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let script_tag = script.map_or(String::new(), |s| format!("<script>{s}</script>"));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n{script_tag}\n</body>\n</html>\n",
        markup(title)
    )
}

/// The base64 SHA-256 digest of a style sheet or script, as CSP names it.
fn hash(text: &str) -> String {
    base64(&Sha256::digest(text.as_bytes()))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A table with a header row; cells already HTML.
pub fn table(class: &str, headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut html = format!("<table class=\"{class}\"><thead><tr>");
    for header in headers {
        html.push_str(&format!("<th>{}</th>", markup(header)));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for cell in row {
            html.push_str(&format!("<td>{cell}</td>"));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_policy_allows_only_the_shipped_style_and_script() {
        let html = page("<标题>", Lang::Zh, "<p>正文</p>", Some("var a = 1;"));
        assert!(html.contains("<title>&lt;标题&gt;</title>"));
        assert!(html.contains(&format!("style-src 'sha256-{}'", hash(STYLE))));
        assert!(html.contains(&format!("script-src 'sha256-{}'", hash("var a = 1;"))));
        assert!(html.contains("default-src 'none'"));
        let without = page("t", Lang::En, "", None);
        assert!(without.contains("script-src 'none'") && !without.contains("<script>"));
    }
}
