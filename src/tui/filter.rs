//! Finding a township by what a reviewer can type over SSH without a Chinese input
//! method: a substring, pinyin initials (`tgz` → 太公镇), full pinyin (`taigong`) or a
//! mix (`dax` → 大兴镇). Every reading of a character with several counts.
//!
//! A list holds tens of thousands of townships but far fewer distinct names (many
//! counties have a 新兴镇, a county names many rows): [`Names`] prepares each distinct
//! name once and a keystroke matches each name once, not each row.

use std::collections::HashMap;

use pinyin::ToPinyinMulti;

/// A name prepared for matching: its lower-cased text and each character's readings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchKey {
    lower: String,
    readings: Vec<Vec<String>>,
    /// The first letters or digits of every reading, one bit each (see [`bit`]): a
    /// query whose first letter is none of them spells nothing here, which most names
    /// tell without looking at their readings.
    initials: u64,
    /// Every letter or digit of every reading, one bit each: a query holding another
    /// spells nothing here.
    letters: u64,
    /// The first reading of each character joined, for sorting in dictionary order.
    pub sort_key: String,
}

impl SearchKey {
    /// Prepares `text` (a township or county name).
    pub fn new(text: &str) -> SearchKey {
        let readings: Vec<Vec<String>> = text.chars().map(readings_of).collect();
        let sort_key = readings
            .iter()
            .filter_map(|r| r.first())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let initials = readings
            .iter()
            .flatten()
            .filter_map(|r| r.chars().next().and_then(bit))
            .fold(0, |all, b| all | b);
        let letters = readings
            .iter()
            .flatten()
            .map(|r| bits(r))
            .fold(0, |all, b| all | b);
        SearchKey {
            lower: text.to_lowercase(),
            readings,
            initials,
            letters,
            sort_key,
        }
    }

    /// True when `query` is a substring of the name, or spells a run of its characters in
    /// pinyin: each character by its initial or its whole syllable, the last one possibly
    /// by the start of its syllable.
    pub fn matches(&self, query: &Query) -> bool {
        let text = query.text.as_str();
        if text.is_empty() || self.lower.contains(text) {
            return true;
        }
        let first = text.chars().next().and_then(bit).unwrap_or(0);
        query.latin
            && self.initials & first != 0
            && query.letters & !self.letters == 0
            && (0..self.readings.len()).any(|start| self.spells(start, text))
    }

    fn spells(&self, at: usize, query: &str) -> bool {
        if query.is_empty() {
            return true;
        }
        let Some(readings) = self.readings.get(at) else {
            return false;
        };
        readings.iter().any(|reading| {
            reading.starts_with(query)
                || (query.starts_with(reading.as_str())
                    && self.spells(at + 1, &query[reading.len()..]))
                || (reading
                    .get(..1)
                    .is_some_and(|initial| query.starts_with(initial))
                    && self.spells(at + 1, &query[1..]))
        })
    }
}

/// What the reviewer typed, prepared once for matching against every name: lower-cased,
/// without spaces and apostrophes (`tai'gong`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    /// Only Latin letters and digits: it may spell pinyin.
    latin: bool,
    /// Its letters and digits, one bit each (see [`bit`]).
    letters: u64,
}

impl Query {
    /// Prepares typed text.
    pub fn new(typed: &str) -> Query {
        let text: String = typed
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\'')
            .collect();
        let latin = text.chars().all(|c| c.is_ascii_alphanumeric());
        let letters = bits(&text);
        Query {
            text,
            latin,
            letters,
        }
    }
}

/// The bit of a Latin letter or digit among a name's initials; `None` for any other
/// character.
fn bit(c: char) -> Option<u64> {
    let at = match c {
        'a'..='z' => u32::from(c) - u32::from('a'),
        '0'..='9' => 26 + u32::from(c) - u32::from('0'),
        _ => return None,
    };
    Some(1 << at)
}

/// The bits of every Latin letter and digit in `text`.
fn bits(text: &str) -> u64 {
    text.chars().filter_map(bit).fold(0, |all, b| all | b)
}

/// Toneless readings of a character (several for heteronyms such as 重 or 长); other
/// characters read as themselves, lower-cased.
fn readings_of(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for reading in multi {
            let plain = reading.plain().to_string();
            if !out.contains(&plain) {
                out.push(plain);
            }
        }
    }
    if out.is_empty() {
        out.push(c.to_lowercase().collect());
    }
    out
}

/// A name's place in [`Names`].
pub type NameId = u32;

/// The name holds the filter as typed (trimmed, case kept).
pub const HOLDS: u8 = 1;

/// The name matches the prepared filter: a lower-cased substring or pinyin.
pub const SPELLS: u8 = 2;

/// The distinct names of a list (townships and counties alike), each prepared once for
/// matching and sorting.
#[derive(Debug, Clone, Default)]
pub struct Names {
    texts: Vec<String>,
    keys: Vec<SearchKey>,
    ids: HashMap<String, NameId>,
}

impl Names {
    /// The id of `name`, preparing it the first time it is seen.
    pub fn intern(&mut self, name: &str) -> NameId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = NameId::try_from(self.texts.len()).unwrap_or(NameId::MAX);
        self.texts.push(name.to_string());
        self.keys.push(SearchKey::new(name));
        self.ids.insert(name.to_string(), id);
        id
    }

    /// How many distinct names there are.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// True before any name is added.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The id of `name` when it is one of these names.
    pub fn id(&self, name: &str) -> Option<NameId> {
        self.ids.get(name).copied()
    }

    /// Each name's place in dictionary order (by its pinyin), names of the same
    /// pinyin sharing one: rows sort by comparing these numbers.
    pub fn dictionary_order(&self) -> Vec<u32> {
        let mut ids: Vec<usize> = (0..self.keys.len()).collect();
        ids.sort_by(|&a, &b| self.keys[a].sort_key.cmp(&self.keys[b].sort_key));
        let mut order = vec![0; ids.len()];
        let mut place = 0;
        for (k, pair) in ids.iter().enumerate() {
            if k > 0 && self.keys[ids[k - 1]].sort_key != self.keys[*pair].sort_key {
                place += 1;
            }
            order[*pair] = place;
        }
        order
    }

    /// How each name meets `typed` ([`HOLDS`], [`SPELLS`], both or neither), by id.
    /// With `narrowing`, the hits of a filter `typed` extends, only the names that one
    /// met are looked at: a name that does not match `ab` does not match `abc`.
    pub fn hits(&self, typed: &str, narrowing: Option<&[u8]>) -> Vec<u8> {
        let raw = typed.trim();
        let query = Query::new(typed);
        self.texts
            .iter()
            .zip(&self.keys)
            .enumerate()
            .map(|(id, (text, key))| {
                if narrowing.is_some_and(|before| before.get(id) == Some(&0)) {
                    return 0;
                }
                let holds = if text.contains(raw) { HOLDS } else { 0 };
                holds | if key.matches(&query) { SPELLS } else { 0 }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl SearchKey {
        fn accepts(&self, typed: &str) -> bool {
            self.matches(&Query::new(typed))
        }
    }

    #[test]
    fn initials_full_pinyin_and_mixtures() {
        let key = SearchKey::new("太公镇");
        for query in [
            "tgz", "taigong", "TGZ", "tg", "taig", "gongzhen", "tai gong", "太公",
        ] {
            assert!(key.accepts(query), "{query}");
        }
        for query in ["slx", "dax", "tgx", "taigongxiang", "公太"] {
            assert!(!key.accepts(query), "{query}");
        }
        assert!(SearchKey::new("大兴镇").accepts("dax"));
        assert!(SearchKey::new("杉岭乡").accepts("slx"));
        assert!(SearchKey::new("杉岭乡").accepts("shanling"));
    }

    #[test]
    fn heteronyms_match_every_reading() {
        let key = SearchKey::new("重庆市");
        assert!(key.accepts("cq"));
        assert!(key.accepts("chongqing"));
        assert!(key.accepts("zq"));
    }

    #[test]
    fn latin_and_digits_match_as_written() {
        let key = SearchKey::new("A区2号");
        assert!(key.accepts("a区"));
        assert!(key.accepts("aq2"));
    }

    #[test]
    fn sort_key_is_dictionary_order() {
        let mut names = ["杉岭乡", "太公镇", "东安镇"];
        names.sort_by_key(|n| SearchKey::new(n).sort_key);
        assert_eq!(names, ["东安镇", "杉岭乡", "太公镇"]);
    }
}
