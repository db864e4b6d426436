//! The dictionary image from jieba's `dict.txt`: each line `word freq tag`, read as
//! jieba-rs 0.11.0 loads its default dictionary — fields split on ASCII whitespace, a
//! missing frequency is 0 and a missing tag empty, the total counts every line, and a
//! word listed twice keeps its last line's frequency and tag.

use crate::BuildResult;
use crate::format::dictionary as layout;
use crate::image::{Section, image as write_image, narrow};

/// A word with its frequency and tag.
struct Entry<'a> {
    word: &'a str,
    freq: usize,
    tag: &'a str,
}

/// A trie node: the prefix it stands for and its word information (0 for none).
struct Node<'a> {
    prefix: &'a str,
    info: u32,
}

pub fn image(text: &str) -> BuildResult<Vec<u8>> {
    let mut entries = Vec::new();
    let mut total: usize = 0;
    for (number, line) in text.lines().enumerate() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq = match fields.next() {
            Some(freq) => freq
                .parse::<usize>()
                .map_err(|e| format!("line {}: frequency {freq}: {e}", number + 1))?,
            None => 0,
        };
        total += freq;
        let tag = fields.next().unwrap_or("");
        entries.push(Entry { word, freq, tag });
    }
    // A stable sort keeps a repeated word's lines in file order; the last one wins.
    entries.sort_by(|a, b| a.word.cmp(b.word));
    let mut words: Vec<Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        match words.last_mut() {
            Some(last) if last.word == entry.word => *last = entry,
            _ => words.push(entry),
        }
    }
    let freqs = sorted_distinct(words.iter().map(|w| w.freq));
    let tags = sorted_distinct(words.iter().map(|w| w.tag));
    if tags.len() > 1 << (32 - layout::TAG_SHIFT) || freqs.len() >= 1 << layout::TAG_SHIFT {
        return Err("too many tags or frequencies for the word information".into());
    }
    let infos: Vec<u32> = words
        .iter()
        .map(|w| {
            let class = freqs.partition_point(|&f| f < w.freq) as u32;
            let tag = tags.partition_point(|&t| t < w.tag) as u32;
            tag << layout::TAG_SHIFT | (class + 1)
        })
        .collect();
    let mut alphabet: Vec<char> = words.iter().flat_map(|w| w.word.chars()).collect();
    alphabet.sort_unstable();
    alphabet.dedup();
    if alphabet.len() >= usize::from(u16::MAX) {
        return Err("too many distinct characters for 16-bit codes".into());
    }
    let alphabet_text: String = alphabet.iter().collect();
    let levels = levels(&words, &infos, &alphabet_text);
    let mut sections: [Section; layout::SECTIONS] = Default::default();
    write_codes(&alphabet, &mut sections);
    write_trie(&levels, &alphabet, &mut sections)?;
    for freq in &freqs {
        sections[layout::LOG_FREQS].f64((*freq as f64).ln());
    }
    for tag in &tags {
        sections[layout::TAG_TEXT].text(tag);
        let end = sections[layout::TAG_TEXT].len_u32()?;
        sections[layout::TAG_ENDS].u32(end);
    }
    sections[layout::LOG_TOTAL].f64((total as f64).ln());
    write_image(layout::KIND, sections)
}

fn sorted_distinct<T: Ord>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut values: Vec<T> = values.collect();
    values.sort_unstable();
    values.dedup();
    values
}

/// The trie's nodes level by level: level 0 is every character of the alphabet (code
/// order), level `d` the distinct prefixes of `d + 1` characters in sorted order, which
/// is breadth-first order with children sorted by code.
fn levels<'a>(words: &[Entry<'a>], infos: &[u32], alphabet_text: &'a str) -> Vec<Vec<Node<'a>>> {
    let single_info = |prefix: &str| {
        words
            .binary_search_by(|w| w.word.cmp(prefix))
            .map_or(0, |i| infos[i])
    };
    let first: Vec<Node> = alphabet_text
        .char_indices()
        .map(|(at, c)| {
            let prefix = &alphabet_text[at..at + c.len_utf8()];
            Node {
                prefix,
                info: single_info(prefix),
            }
        })
        .collect();
    let mut levels = vec![first];
    // Each word still long enough, with the byte length of its prefix at this level.
    let mut active: Vec<(usize, usize)> = (0..words.len())
        .filter_map(|i| words[i].word.chars().next().map(|c| (i, c.len_utf8())))
        .collect();
    loop {
        active.retain_mut(|(i, end)| {
            let word = words[*i].word;
            match word[*end..].chars().next() {
                Some(c) => {
                    *end += c.len_utf8();
                    true
                }
                None => false,
            }
        });
        if active.is_empty() {
            return levels;
        }
        let mut level: Vec<Node> = Vec::new();
        for &(i, end) in &active {
            let word = words[i].word;
            let prefix = &word[..end];
            if level.last().is_none_or(|last| last.prefix != prefix) {
                let info = if end == word.len() { infos[i] } else { 0 };
                level.push(Node { prefix, info });
            }
        }
        levels.push(level);
    }
}

/// The code of every character: its position in the sorted alphabet, plus one.
fn write_codes(alphabet: &[char], sections: &mut [Section]) {
    let mut bmp = vec![0u16; 0x1_0000];
    for (i, &c) in alphabet.iter().enumerate() {
        let code = (i + 1) as u16;
        match bmp.get_mut(c as usize) {
            Some(slot) => *slot = code,
            None => {
                sections[layout::WIDE_CODES].u32(c as u32);
                sections[layout::WIDE_CODES].u32(u32::from(code));
            }
        }
    }
    for code in bmp {
        sections[layout::CHAR_CODES].u16(code);
    }
}

/// First child, leading character code and word information of every node, root first.
fn write_trie(
    levels: &[Vec<Node>],
    alphabet: &[char],
    sections: &mut [Section],
) -> BuildResult<()> {
    let code_of = |prefix: &str| {
        let last = prefix.chars().next_back().unwrap_or('\0');
        alphabet.binary_search(&last).map_or(0, |i| i + 1) as u16
    };
    // The root's children are the whole first level.
    let mut next_child = 1 + levels.first().map_or(0, Vec::len);
    sections[layout::FIRST_CHILD].u32(1);
    sections[layout::EDGE_CODES].u16(0);
    sections[layout::WORD_INFO].u32(0);
    for (depth, level) in levels.iter().enumerate() {
        let children = levels.get(depth + 1).map_or(&[][..], Vec::as_slice);
        let mut child = 0;
        for node in level {
            sections[layout::FIRST_CHILD].u32(narrow(next_child)?);
            sections[layout::EDGE_CODES].u16(code_of(node.prefix));
            sections[layout::WORD_INFO].u32(node.info);
            while children
                .get(child)
                .is_some_and(|c| c.prefix.starts_with(node.prefix))
            {
                child += 1;
                next_child += 1;
            }
        }
        if child != children.len() {
            return Err(format!("level {} has nodes without a parent", depth + 1).into());
        }
    }
    sections[layout::FIRST_CHILD].u32(narrow(next_child)?);
    Ok(())
}
