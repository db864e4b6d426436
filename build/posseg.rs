//! The part-of-speech image from jieba's `posseg.txt`, read as jieba-rs 0.11.0 reads it:
//! sections `@TAGS`, `@START`, `@TRANS`, `@EMIT` and `@CHAR_STATE`, a later line
//! overriding an earlier one, and each character's candidate states either its
//! `@CHAR_STATE` list (an emission it lacks scoring the floor) or else the states it has
//! an emission for.

use std::collections::BTreeMap;

use crate::BuildResult;
use crate::format::MIN_LOG_PROB;
use crate::format::posseg::{self as layout, POSITIONS, STATES, TAGS};
use crate::image::{Section, image as write_image, narrow};

/// The model as read from the text.
struct Model<'a> {
    tags: Vec<&'a str>,
    start: Vec<f64>,
    /// `to * STATES + from`.
    transitions: Vec<f64>,
    emissions: BTreeMap<char, Vec<(u16, f64)>>,
    char_states: BTreeMap<char, Vec<u16>>,
}

pub fn image(text: &str) -> BuildResult<Vec<u8>> {
    let model = parse(text)?;
    if model.tags.len() != TAGS {
        return Err(format!("expected {TAGS} tags, found {}", model.tags.len()).into());
    }
    let mut sections: [Section; layout::SECTIONS] = Default::default();
    for tag in &model.tags {
        sections[layout::TAG_TEXT].text(tag);
        let end = sections[layout::TAG_TEXT].len_u32()?;
        sections[layout::TAG_ENDS].u32(end);
    }
    for &p in &model.start {
        sections[layout::START].f64(p);
    }
    for &p in &model.transitions {
        sections[layout::TRANSITIONS].f64(p);
    }
    write_rows(&rows(&model), &mut sections)?;
    write_image(layout::KIND, sections)
}

fn parse(text: &str) -> BuildResult<Model<'_>> {
    let mut model = Model {
        tags: Vec::new(),
        start: vec![MIN_LOG_PROB; STATES],
        transitions: vec![MIN_LOG_PROB; STATES * STATES],
        emissions: BTreeMap::new(),
        char_states: BTreeMap::new(),
    };
    let mut section = "";
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('@') {
            section = line;
            continue;
        }
        parse_line(&mut model, section, line).map_err(|e| format!("line {}: {e}", number + 1))?;
    }
    Ok(model)
}

fn parse_line<'a>(model: &mut Model<'a>, section: &str, line: &'a str) -> BuildResult<()> {
    let mut segments = line.split('|');
    let head = segments.next().unwrap_or("");
    match section {
        "@TAGS" => model.tags = line.split(',').map(str::trim).collect(),
        "@START" => {
            let mut parts = line.splitn(3, ',');
            let state = state(parts.next(), parts.next())?;
            model.start[state] = number(parts.next())?;
        }
        "@TRANS" => {
            let mut from = head.splitn(2, ',');
            let from = state(from.next(), from.next())?;
            for segment in segments.map(str::trim).filter(|s| !s.is_empty()) {
                let mut parts = segment.splitn(3, ',');
                let to = state(parts.next(), parts.next())?;
                model.transitions[to * STATES + from] = number(parts.next())?;
            }
        }
        "@EMIT" => {
            let mut at = head.splitn(2, ',');
            let state = state(at.next(), at.next())? as u16;
            for segment in segments.map(str::trim).filter(|s| !s.is_empty()) {
                let mut parts = segment.rsplitn(2, ',');
                let prob = number(parts.next())?;
                let c = first_char(parts.next())?;
                let entries = model.emissions.entry(c).or_default();
                match entries.iter_mut().find(|(s, _)| *s == state) {
                    Some(entry) => entry.1 = prob,
                    None => entries.push((state, prob)),
                }
            }
        }
        "@CHAR_STATE" => {
            let c = first_char(Some(head))?;
            let mut states = Vec::new();
            for segment in segments.map(str::trim).filter(|s| !s.is_empty()) {
                let mut parts = segment.splitn(2, ',');
                states.push(state(parts.next(), parts.next())? as u16);
            }
            // An empty list means no restriction, the same as no list.
            if states.is_empty() {
                model.char_states.remove(&c);
            } else {
                model.char_states.insert(c, states);
            }
        }
        _ => {}
    }
    Ok(())
}

fn state(position: Option<&str>, tag: Option<&str>) -> BuildResult<usize> {
    let position: usize = position.ok_or("missing position")?.parse()?;
    let tag: usize = tag.ok_or("missing tag")?.parse()?;
    if position >= POSITIONS || tag >= TAGS {
        return Err(format!("no state {position},{tag}").into());
    }
    Ok(position * TAGS + tag)
}

fn number(field: Option<&str>) -> BuildResult<f64> {
    Ok(field.ok_or("missing number")?.parse()?)
}

fn first_char(field: Option<&str>) -> BuildResult<char> {
    Ok(field
        .and_then(|f| f.chars().next())
        .ok_or("missing character")?)
}

/// Every character's candidate states with their emissions, ascending by state.
fn rows(model: &Model) -> BTreeMap<char, Vec<(u16, f64)>> {
    let mut rows: BTreeMap<char, Vec<(u16, f64)>> = model.emissions.clone();
    for (&c, states) in &model.char_states {
        let emissions = model.emissions.get(&c).map_or(&[][..], Vec::as_slice);
        let row = states
            .iter()
            .map(|&s| {
                let prob = emissions.iter().find(|(e, _)| *e == s);
                (s, prob.map_or(MIN_LOG_PROB, |&(_, p)| p))
            })
            .collect();
        rows.insert(c, row);
    }
    for row in rows.values_mut() {
        row.sort_by_key(|&(s, _)| s);
    }
    rows
}

/// The rows, row 0 empty for characters the model has never seen, and where each
/// character finds its row.
fn write_rows(rows: &BTreeMap<char, Vec<(u16, f64)>>, sections: &mut [Section]) -> BuildResult<()> {
    let mut bmp = vec![0u16; 0x1_0000];
    for _ in 0..POSITIONS {
        sections[layout::GROUP_STARTS].u32(0);
    }
    let mut written = 0;
    for (index, (&c, row)) in rows.iter().enumerate() {
        let index = u16::try_from(index + 1).map_err(|_| "too many rows")?;
        match bmp.get_mut(c as usize) {
            Some(slot) => *slot = index,
            None => {
                sections[layout::WIDE_ROWS].u32(c as u32);
                sections[layout::WIDE_ROWS].u32(u32::from(index));
            }
        }
        for position in 0..POSITIONS {
            let before = row.partition_point(|&(s, _)| usize::from(s) / TAGS < position);
            sections[layout::GROUP_STARTS].u32(narrow(written + before)?);
        }
        for &(state, emission) in row {
            sections[layout::STATES_OF_ROWS].u16(state);
            sections[layout::EMISSIONS].f64(emission);
        }
        written += row.len();
    }
    sections[layout::GROUP_STARTS].u32(narrow(written)?);
    for row in bmp {
        sections[layout::CHAR_ROWS].u16(row);
    }
    Ok(())
}
