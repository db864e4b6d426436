//! `artifact`: conversion debris — what ingest removed (kept with its position) and what
//! is still in the text: `[bookmark: …]`, masked digits and unfilled placeholders
//! (`***`, `XX`), and mojibake (`锟斤拷`, `�`, `Ã©`).

use std::collections::HashMap;

use super::{Context, Debris, Finding, LintKind, LintMessage};
use crate::report::Span;
use crate::report::normalize::printable;
use crate::report::sections::{debris_len, is_blank};

/// Findings left in the text beyond this many are summed up in one more finding: a
/// badly decoded file should not bury the other findings.
const MAX_LISTED: usize = 20;

/// Mojibake from decoding GBK/UTF-8 with the wrong table.
const MOJIBAKE_WORDS: &[&str] = &["锟斤拷", "烫烫烫", "屯屯屯"];

/// Debris removed at ingest, then debris still in the text.
pub(super) fn check(cx: &Context) -> Vec<Finding> {
    let mut out = removed(cx);
    let left = left_in_text(cx);
    let extra = left.len().saturating_sub(MAX_LISTED);
    out.extend(left.into_iter().take(MAX_LISTED));
    if extra > 0 {
        out.push(Finding {
            kind: LintKind::Artifact,
            message: LintMessage::ArtifactsUnlisted { count: extra },
            section: None,
            excerpt: String::new(),
            span: None,
            evidence: None,
            source: None,
        });
    }
    out
}

/// One finding per kind of debris ingest removed, at its first position, with a count.
fn removed(cx: &Context) -> Vec<Finding> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(&str, usize, usize)> = Vec::new();
    for a in &cx.report.artifacts {
        let slot = *index.entry(a.text.as_str()).or_insert_with(|| {
            groups.push((&a.text, a.at, 0));
            groups.len() - 1
        });
        groups[slot].2 += 1;
    }
    groups
        .into_iter()
        .map(|(text, at, count)| {
            let at = at.min(cx.chars.len());
            let message = LintMessage::ArtifactRemoved {
                text: shown(text),
                count,
            };
            cx.at(LintKind::Artifact, message, Span::new(at, at))
        })
        .collect()
}

/// Debris as a reviewer can read it: invisible characters by code point.
fn shown(text: &str) -> String {
    let visible = text.chars().any(|c| !is_blank(c) && !c.is_control());
    if visible {
        return printable(text).chars().take(40).collect();
    }
    let mut points: Vec<String> = Vec::new();
    for c in text.chars() {
        let point = format!("U+{:04X}", u32::from(c));
        if !points.contains(&point) {
            points.push(point);
        }
    }
    points.join(" ")
}

/// Debris still in the text, in order.
fn left_in_text(cx: &Context) -> Vec<Finding> {
    let chars = &cx.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match debris_at(chars, i) {
            Some((len, debris)) => {
                let span = Span::new(i, i + len);
                let text: String = chars[i..i + len].iter().collect();
                let message = LintMessage::ArtifactLeft {
                    debris,
                    text: printable(&text),
                };
                out.push(cx.at(LintKind::Artifact, message, span));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The debris starting at `i`: its length and what it is.
fn debris_at(chars: &[char], i: usize) -> Option<(usize, Debris)> {
    if let Some(len) = debris_len(&chars[i..]) {
        return Some((len, Debris::Conversion));
    }
    if let Some(word) = MOJIBAKE_WORDS.iter().find(|w| starts_with(chars, i, w)) {
        return Some((word.chars().count(), Debris::Mojibake));
    }
    let c = chars[i];
    if c == '\u{FFFD}' {
        return Some((run(chars, i, |c| c == '\u{FFFD}'), Debris::Undecodable));
    }
    if is_latin1_lead(c) && chars.get(i + 1).is_some_and(|&n| is_latin1_tail(n)) {
        let len = run(chars, i, |c| is_latin1_lead(c) || is_latin1_tail(c));
        return Some((len, Debris::WrongEncoding));
    }
    if matches!(c, '*' | '＊') {
        let len = run(chars, i, |c| matches!(c, '*' | '＊'));
        return (len >= 3).then_some((len, Debris::MaskedDigits));
    }
    if is_placeholder(c) {
        let len = run(chars, i, is_placeholder);
        let glued = |p: Option<&char>| p.is_some_and(|c| c.is_ascii_alphanumeric());
        let inside_word =
            glued(i.checked_sub(1).and_then(|p| chars.get(p))) || glued(chars.get(i + len));
        return (len >= 2 && !inside_word).then_some((len, Debris::Placeholder));
    }
    None
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, c)| chars.get(at + k) == Some(&c))
}

fn run(chars: &[char], from: usize, pred: impl Fn(char) -> bool) -> usize {
    chars[from..].iter().take_while(|&&c| pred(c)).count()
}

/// `XX`, `××`: a template's blank left unfilled.
fn is_placeholder(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×')
}

/// The first character of UTF-8 read as Latin-1/Windows-1252: `Ã`, `Â`, `â`, `ä`–`é`.
fn is_latin1_lead(c: char) -> bool {
    ('\u{00C2}'..='\u{00EF}').contains(&c)
}

/// A UTF-8 continuation byte read as Latin-1/Windows-1252: `©`, `€`, `¸`, `“`…
fn is_latin1_tail(c: char) -> bool {
    ('\u{0080}'..='\u{00BF}').contains(&c)
        || matches!(
            c,
            '€' | '‚'
                | 'ƒ'
                | '„'
                | '…'
                | '†'
                | '‡'
                | 'ˆ'
                | '‰'
                | 'Š'
                | '‹'
                | 'Œ'
                | 'Ž'
                | '‘'
                | '’'
                | '“'
                | '”'
                | '•'
                | '–'
                | '—'
                | '˜'
                | '™'
                | 'š'
                | '›'
                | 'œ'
                | 'ž'
                | 'Ÿ'
        )
}
