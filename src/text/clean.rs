//! Strings made safe for a terminal. A report, a file name or a metadata field can carry
//! escape sequences (an OSC 52 clipboard write, a screen clear, a title change) or bidi
//! overrides that make one name read as another; none of it may reach a terminal raw.

/// Multi-line text for a terminal: escape sequences removed whole, other C0/C1 controls
/// and bidi controls dropped; newlines and tabs kept.
pub fn text(text: &str) -> String {
    clean(text, Keep::Lines)
}

/// A value shown on one line (a name, a path): cleaned as [`text`], with newline,
/// carriage return and tab shown as `\n`, `\r` and `\t` so one value stays one line.
pub fn field(text: &str) -> String {
    clean(text, Keep::OneLine)
}

/// As [`text`], but colour sequences (SGR: `ESC [ digits m`) are kept; for output that
/// paints its own, already cleaned, cells.
pub fn painted(text: &str) -> String {
    clean(text, Keep::Colour)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Lines,
    OneLine,
    Colour,
}

fn clean(text: &str, keep: Keep) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        rest = match c {
            '\u{1b}' => escape(after, keep, &mut out),
            '\u{9b}' => control_sequence(after, None),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => string_body(after),
            '\n' | '\r' | '\t' if keep == Keep::OneLine => {
                out.push_str(match c {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    _ => "\\t",
                });
                after
            }
            '\n' | '\t' => {
                out.push(c);
                after
            }
            c if is_hidden(c) => after,
            c => {
                out.push(c);
                after
            }
        };
    }
    out
}

/// Controls, DEL, and the bidi embedding, override, isolate and mark characters.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// After an ESC: skips the whole sequence (copying it when it is a colour to keep) and
/// returns what follows it.
fn escape<'a>(after: &'a str, keep: Keep, out: &mut String) -> &'a str {
    let mut chars = after.chars();
    match chars.next() {
        Some('[') => {
            let kept = if keep == Keep::Colour {
                Some(out)
            } else {
                None
            };
            control_sequence(chars.as_str(), kept)
        }
        Some(']' | 'P' | 'X' | '^' | '_') => string_body(chars.as_str()),
        Some(c) if (' '..='/').contains(&c) => {
            let rest = chars
                .as_str()
                .trim_start_matches(|c| (' '..='/').contains(&c));
            skip_one(rest)
        }
        Some(c) if ('0'..='~').contains(&c) => chars.as_str(),
        _ => after,
    }
}

/// A CSI sequence's parameters and final byte; an SGR one is copied to `kept`.
fn control_sequence<'a>(body: &'a str, kept: Option<&mut String>) -> &'a str {
    let params_end = body
        .find(|c: char| !('0'..='?').contains(&c))
        .unwrap_or(body.len());
    let rest = body[params_end..].trim_start_matches(|c| (' '..='/').contains(&c));
    let Some(last) = rest.chars().next().filter(|c| ('@'..='~').contains(c)) else {
        return rest;
    };
    let params = &body[..params_end];
    let intermediates = body.len() - params_end - rest.len();
    if let Some(out) = kept
        && last == 'm'
        && intermediates == 0
        && params.chars().all(|c| c.is_ascii_digit() || c == ';')
    {
        out.push_str("\u{1b}[");
        out.push_str(params);
        out.push('m');
    }
    &rest[1..]
}

/// An OSC, DCS or similar string: everything up to BEL or the string terminator.
fn string_body(body: &str) -> &str {
    for (i, c) in body.char_indices() {
        match c {
            '\u{7}' | '\u{9c}' => return &body[i + c.len_utf8()..],
            '\u{1b}' if body[i + 1..].starts_with('\\') => return &body[i + 2..],
            _ => {}
        }
    }
    ""
}

fn skip_one(text: &str) -> &str {
    let mut chars = text.chars();
    chars.next();
    chars.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_go_whole() {
        assert_eq!(text("a\x1b]52;c;aGk=\x07b"), "ab");
        assert_eq!(text("a\x1b]0;t\x1b\\b"), "ab");
        assert_eq!(text("a\x1b[2Jb\x1b[31mc"), "abc");
        assert_eq!(text("a\x1bcb\x1b(Bc"), "abc");
        assert_eq!(text("a\u{9b}2Jb\u{9d}0;x\u{9c}c"), "abc");
        assert_eq!(text("unterminated\x1b]0;title"), "unterminated");
    }

    #[test]
    fn controls_and_bidi_go_lines_stay() {
        assert_eq!(text("杉\u{202E}岭\u{2066}乡\r\x07\x7f\n\t"), "杉岭乡\n\t");
    }

    #[test]
    fn a_field_stays_on_one_line() {
        assert_eq!(field("a\nb\rc\td\x1b[1m"), "a\\nb\\rc\\td");
    }

    #[test]
    fn colour_is_kept_only_when_asked() {
        assert_eq!(painted("\x1b[1;31mx\x1b[0m\x1b[2J"), "\x1b[1;31mx\x1b[0m");
        assert_eq!(text("\x1b[1;31mx"), "x");
    }
}
