//! Searching the open pair with `/`: every place the text occurs is found over the
//! whole pair, folded rows included, so `n` and `N` step through all of them and a hit
//! inside a folded run opens the fold. The hits, and where they fall in the text of
//! each laid-out item, are worked out when the query or the layout changes, never per
//! frame.

use std::collections::HashMap;
use std::ops::Range;

use super::ReviewState;
use crate::i18n::Lang;
use crate::review::{PairData, Side};
use crate::tui::diff_lines::{DiffLayout, ItemKind, Source};

/// A place a search lands on: a section pair's heading (`row` is `None`) or one of its
/// rows. Places order as the pair reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub pair: usize,
    pub row: Option<usize>,
}

/// The search of the open pair.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    /// Every place the query occurs, in reading order.
    pub hits: Vec<Place>,
    /// The hit the cursor was last put on.
    pub current: Option<usize>,
    /// Where the cursor was when the search began: typing looks for the first hit
    /// from there.
    pub started_at: Option<Place>,
    /// Where the query occurs in the text of each laid-out item: by item, last year's
    /// side then this year's.
    shown: HashMap<usize, [Vec<Range<usize>>; 2]>,
}

impl Search {
    /// True while a query is set.
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Forgets the query and everything found.
    pub fn clear(&mut self) {
        *self = Search::default();
    }

    /// Finds the query again over `data`, and in the text of `layout`'s items.
    pub fn refresh(&mut self, data: &PairData, layout: Option<&DiffLayout>, lang: Lang) {
        self.current = None;
        self.hits = if self.query.is_empty() {
            Vec::new()
        } else {
            find_places(data, &self.query, lang)
        };
        self.refresh_shown(data, layout);
    }

    /// Finds the query in the text of `layout`'s items (after a new layout).
    pub fn refresh_shown(&mut self, data: &PairData, layout: Option<&DiffLayout>) {
        self.shown.clear();
        let Some(layout) = layout.filter(|_| !self.query.is_empty()) else {
            return;
        };
        for (index, item) in layout.items.iter().enumerate() {
            let ranges = [Side::Old, Side::New].map(|side| {
                let text = match &item.side(side).source {
                    Source::Sentence(i) => data
                        .report(side)
                        .and_then(|r| r.sentences.get(*i))
                        .map_or("", |s| s.text.as_str()),
                    Source::Text(t) => t.as_str(),
                    Source::Empty => "",
                };
                find_matches(text, &self.query)
            });
            if ranges.iter().any(|r| !r.is_empty()) {
                self.shown.insert(index, ranges);
            }
        }
    }

    /// Where the query occurs in one side of item `index`.
    pub fn shown(&self, index: usize, side: Side) -> &[Range<usize>] {
        let at = usize::from(side == Side::New);
        self.shown.get(&index).map_or(&[], |r| r[at].as_slice())
    }

    /// `[3/12]`: the hit the cursor is on and how many there are; `[12]` when the
    /// cursor has left them; `not_found` when there is none.
    pub fn summary(&self, not_found: &str) -> String {
        match (self.current, self.hits.len()) {
            (_, 0) => format!("[{not_found}]"),
            (Some(k), n) => format!("[{}/{n}]", k + 1),
            (None, n) => format!("[{n}]"),
        }
    }

    /// The first hit after `from` (`forward`) or before it, going round the end; and
    /// whether it went round.
    pub fn next_hit(&self, from: Place, forward: bool) -> Option<(usize, bool)> {
        if self.hits.is_empty() {
            return None;
        }
        let after = self.hits.partition_point(|h| *h <= from);
        let before = self.hits.partition_point(|h| *h < from);
        Some(if forward {
            if after < self.hits.len() {
                (after, false)
            } else {
                (0, true)
            }
        } else if before > 0 {
            (before - 1, false)
        } else {
            (self.hits.len() - 1, true)
        })
    }

    /// The first hit at `from` or after it, else the first of all: where the cursor goes
    /// while the query is typed.
    pub fn nearest_hit(&self, from: Place) -> Option<usize> {
        let at = self.hits.partition_point(|h| *h < from);
        let first = if at < self.hits.len() { at } else { 0 };
        (!self.hits.is_empty()).then_some(first)
    }
}

/// Every place of `data` whose text (either year's) holds `query`.
fn find_places(data: &PairData, query: &str, lang: Lang) -> Vec<Place> {
    let mut hits = Vec::new();
    for (p, pair) in data.comparison.sections.iter().enumerate() {
        let heading = [(Side::Old, pair.old), (Side::New, pair.new)]
            .into_iter()
            .filter_map(|(side, region)| Some((data.report(side)?, region?)))
            .any(|(report, region)| {
                let text = crate::tui::diff_lines::region_heading(report, region, lang);
                !find_matches(&text, query).is_empty()
            });
        if heading {
            hits.push(Place { pair: p, row: None });
        }
        for (r, row) in pair.rows.iter().enumerate() {
            let holds = |side: Side, indices: &mut dyn Iterator<Item = usize>| {
                let Some(report) = data.report(side) else {
                    return false;
                };
                let text: String = indices
                    .filter_map(|i| report.sentences.get(i))
                    .map(|s| s.text.as_str())
                    .collect();
                !find_matches(&text, query).is_empty()
            };
            if holds(Side::Old, &mut row.old_sentences())
                || holds(Side::New, &mut row.new_sentences())
            {
                hits.push(Place {
                    pair: p,
                    row: Some(r),
                });
            }
        }
    }
    hits
}

impl ReviewState {
    /// The place of the item under the cursor (a fold stands for its first row).
    pub fn cursor_place(&self) -> Option<Place> {
        let item = self.layout.as_ref()?.items.get(self.cursor)?;
        Some(match item.kind {
            ItemKind::Header { pair } => Place { pair, row: None },
            ItemKind::Row { pair, row } => Place {
                pair,
                row: Some(row),
            },
            ItemKind::Fold { pair, start, .. } => Place {
                pair,
                row: Some(start),
            },
        })
    }

    /// Puts the cursor on hit `k`, opening the fold that hides it.
    pub fn go_to_hit(&mut self, k: usize, height: usize, lang: Lang) {
        let Some(&place) = self.search.hits.get(k) else {
            return;
        };
        self.search.current = Some(k);
        if self.item_of_place(place).is_none()
            && let Some(fold) = self.layout.as_ref().and_then(|l| l.fold_holding(place))
        {
            self.opened.insert(fold);
            if let Some(params) = self.layout.as_ref().map(|l| l.params) {
                self.relayout(params, lang, true);
            }
        }
        if let Some(item) = self.item_of_place(place) {
            self.go_to(item, height);
        }
    }

    fn item_of_place(&self, place: Place) -> Option<usize> {
        self.layout
            .as_ref()?
            .items
            .iter()
            .position(|item| match (item.kind, place.row) {
                (ItemKind::Header { pair }, None) => pair == place.pair,
                (ItemKind::Row { pair, row }, Some(r)) => pair == place.pair && row == r,
                _ => false,
            })
    }
}

impl DiffLayout {
    /// The fold hiding a row: its section pair and first row.
    pub fn fold_holding(&self, place: Place) -> Option<(usize, usize)> {
        let row = place.row?;
        self.items.iter().find_map(|item| match item.kind {
            ItemKind::Fold { pair, start, end }
                if pair == place.pair && (start..end).contains(&row) =>
            {
                Some((pair, start))
            }
            _ => None,
        })
    }
}

/// Character ranges where `query` occurs in `text`, ignoring ASCII case.
pub fn find_matches(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = query.chars().map(|c| c.to_ascii_lowercase()).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_found_by_character() {
        assert_eq!(find_matches("法治法治ab", "法治"), [0..2, 2..4]);
        assert_eq!(find_matches("ABC", "bc"), vec![1..3]);
        assert!(find_matches("abc", "").is_empty());
    }

    #[test]
    fn hits_are_stepped_through_and_go_round() {
        let place = |pair, row| Place { pair, row };
        let search = Search {
            query: "x".into(),
            hits: vec![place(0, Some(1)), place(1, None), place(2, Some(0))],
            ..Search::default()
        };
        assert_eq!(search.next_hit(place(0, Some(1)), true), Some((1, false)));
        assert_eq!(search.next_hit(place(2, Some(0)), true), Some((0, true)));
        assert_eq!(search.next_hit(place(0, None), false), Some((2, true)));
        assert_eq!(search.next_hit(place(1, Some(3)), false), Some((1, false)));
        assert_eq!(search.nearest_hit(place(1, None)), Some(1));
        assert_eq!(search.nearest_hit(place(3, None)), Some(0));
    }
}
