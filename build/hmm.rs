//! The word-boundary image from jieba's `hmm.model`, read as jieba-macros 0.11.0 reads
//! it: after the leading comments a line of start log-probabilities, then the rows of
//! the transition matrix up to the next comment, then one line of `char:log-prob` pairs
//! per state; a character without an emission for a state scores the floor there.

use crate::BuildResult;
use crate::format::MIN_LOG_PROB;
use crate::format::hmm::{self as layout, FIRST_CHAR, LAST_CHAR, STATES};
use crate::image::{Section, image as write_image};

pub fn image(text: &str) -> BuildResult<Vec<u8>> {
    let is_comment = |line: &&str| line.starts_with('#');
    let mut lines = text.lines().skip_while(is_comment);
    let mut sections: [Section; layout::SECTIONS] = Default::default();
    let start = numbers(lines.next().ok_or("no start probabilities")?)?;
    for p in start {
        sections[layout::START].f64(p);
    }
    let rows: Vec<&str> = lines
        .by_ref()
        .skip_while(is_comment)
        .take_while(|line| !is_comment(line))
        .collect();
    if rows.len() != STATES {
        return Err(format!("expected {STATES} transition rows, found {}", rows.len()).into());
    }
    for row in rows {
        for p in numbers(row)? {
            sections[layout::TRANSITIONS].f64(p);
        }
    }
    let covered = (LAST_CHAR as usize - FIRST_CHAR as usize + 1) * STATES;
    let mut emissions = vec![MIN_LOG_PROB; covered];
    for (state, line) in lines.filter(|line| !is_comment(line)).enumerate() {
        if state >= STATES {
            return Err("more emission lines than states".into());
        }
        for pair in line.split(',') {
            let mut parts = pair.split(':');
            let c = parts.next().and_then(|k| k.chars().next());
            let prob = parts.next().map(|p| p.trim().parse::<f64>());
            let (Some(c), Some(prob)) = (c, prob) else {
                return Err(format!("bad emission `{pair}`").into());
            };
            if (FIRST_CHAR..=LAST_CHAR).contains(&c) {
                emissions[(c as usize - FIRST_CHAR as usize) * STATES + state] = prob?;
            }
        }
    }
    for p in emissions {
        sections[layout::EMISSIONS].f64(p);
    }
    write_image(layout::KIND, sections)
}

/// The `STATES` numbers of a line separated by spaces.
fn numbers(line: &str) -> BuildResult<[f64; STATES]> {
    let mut out = [0.0; STATES];
    let mut fields = line.split_whitespace();
    for slot in &mut out {
        *slot = fields.next().ok_or("too few numbers")?.parse()?;
    }
    if fields.next().is_some() {
        return Err("too many numbers".into());
    }
    Ok(out)
}
