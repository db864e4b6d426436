//! The township list's state: every township, which of them the filter shows and in
//! what order, kept quick for tens of thousands of townships.

use std::collections::HashMap;

use crate::review::Summary;
use crate::store::TownshipSummary;
use crate::tui::filter::{HOLDS, NameId, Names, SPELLS};
use crate::tui::jobs::RequestId;
use crate::tui::pane::ListCursor;

/// How the township list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// By pinyin of the township name.
    Name,
    /// By pinyin of the county, then the township.
    County,
    /// By the share of text carried over from the year before.
    CopyRatio,
    /// By the share of sections marked reviewed.
    Progress,
}

impl SortKey {
    /// The next key `s` moves to.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::County,
            SortKey::County => SortKey::CopyRatio,
            SortKey::CopyRatio => SortKey::Progress,
            SortKey::Progress => SortKey::Name,
        }
    }

    /// The direction a key sorts in before `r` reverses it: names A to Z, the least
    /// reviewed first, but the most copied first, since that is what a reviewer looks
    /// for.
    pub fn ascending_by_default(self) -> bool {
        self != SortKey::CopyRatio
    }
}

/// One township in the list.
#[derive(Debug, Clone)]
pub struct TownshipRow {
    pub info: TownshipSummary,
    /// Copy ratio and lint count, once the worker has them.
    pub stats: Option<Summary>,
    /// Notes and flags written on it.
    pub notes: usize,
}

impl TownshipRow {
    /// The county, or the empty string when unknown.
    pub fn county(&self) -> &str {
        self.info.county.as_deref().unwrap_or("")
    }

    /// True for the row of `township` in `county`.
    pub fn is(&self, township: &str, county: &str) -> bool {
        self.info.township == township && self.county() == county
    }
}

/// The township list: every township, and which of them the filter shows, in order.
/// Tens of thousands of townships stay quick: the rows are sorted only when the order
/// changes (a few summaries arriving move their rows, a batch sorts once), a keystroke
/// keeps the sorted order and matches each distinct name once, only the names the
/// filter before it matched when it narrows it (a name that does not hold `ab` does not
/// hold `abc`), and takes the matches it had back when a character is deleted; rows
/// sort by their names' places in dictionary order; a summary finds its row by name.
#[derive(Debug, Clone)]
pub struct ListState {
    pub rows: Vec<TownshipRow>,
    /// Indices into `rows` of the townships shown, in display order.
    pub visible: Vec<usize>,
    pub cursor: ListCursor,
    pub filter: String,
    pub sort: SortKey,
    pub reverse: bool,
    /// The list load whose summaries are wanted.
    pub generation: RequestId,
    /// Every row, in the order the sort key and direction give.
    sorted: Vec<usize>,
    /// The distinct township and county names, prepared for matching.
    names: Names,
    /// The ids of each row's township and county names, by row: kept apart from the
    /// rows so that a keystroke reads a few bytes a row.
    row_names: Vec<(NameId, NameId)>,
    /// Each name's place in dictionary order, by name id.
    places: Vec<u32>,
    /// How each name meets the filter, by name id (see [`Names::hits`]).
    hits: Vec<u8>,
    /// How well each row matches the filter (see [`filter_rank`]).
    ranks: Vec<Option<u8>>,
    /// The filter `hits` and `ranks` were computed for.
    matched: String,
    /// The hits of the filters typed before, the latest last, for deleting back.
    earlier: Vec<(String, Vec<u8>)>,
    /// The townships on screen whose summaries were last asked for first.
    pub(super) asked_first: Vec<usize>,
    /// The row of each township and county, by their name ids.
    index: HashMap<(NameId, NameId), usize>,
}

impl Default for ListState {
    fn default() -> ListState {
        ListState {
            rows: Vec::new(),
            visible: Vec::new(),
            cursor: ListCursor::default(),
            filter: String::new(),
            sort: SortKey::Name,
            reverse: false,
            generation: 0,
            sorted: Vec::new(),
            names: Names::default(),
            row_names: Vec::new(),
            places: Vec::new(),
            hits: Vec::new(),
            ranks: Vec::new(),
            matched: String::new(),
            earlier: Vec::new(),
            asked_first: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl ListState {
    /// True when the list runs from the smallest value to the largest (`↑`).
    pub fn ascending(&self) -> bool {
        self.sort.ascending_by_default() != self.reverse
    }

    /// The township under the cursor.
    pub fn selected(&self) -> Option<&TownshipRow> {
        self.visible
            .get(self.cursor.selected)
            .and_then(|&i| self.rows.get(i))
    }

    /// Takes a new set of rows, preparing each distinct name once (a county holds many
    /// townships, many counties a 新兴镇); call [`ListState::refresh`] to show them.
    pub(super) fn set_rows(&mut self, rows: Vec<TownshipRow>) {
        let mut names = Names::default();
        self.row_names = rows
            .iter()
            .map(|r| (names.intern(&r.info.township), names.intern(r.county())))
            .collect();
        self.index = self
            .row_names
            .iter()
            .enumerate()
            .map(|(i, &pair)| (pair, i))
            .collect();
        self.rows = rows;
        self.places = names.dictionary_order();
        self.names = names;
        self.hits.clear();
        self.ranks.clear();
        self.matched.clear();
        self.earlier.clear();
        self.asked_first.clear();
    }

    /// The row of `township` in `county`.
    pub fn row_mut(&mut self, township: &str, county: &str) -> Option<&mut TownshipRow> {
        let i = self.row_index(township, county)?;
        self.rows.get_mut(i)
    }

    /// The index of the row of `township` in `county`.
    pub(super) fn row_index(&self, township: &str, county: &str) -> Option<usize> {
        let key = (self.names.id(township)?, self.names.id(county)?);
        self.index.get(&key).copied()
    }

    /// Recomputes the shown townships after the rows, filter and order changed, keeping
    /// the selected township selected when it is still shown.
    pub fn refresh(&mut self, keep_selection: bool) {
        self.sort_rows();
        self.rematch();
        self.show(keep_selection);
    }

    /// Shows the townships matching a changed filter, in the order already sorted.
    pub(super) fn refilter(&mut self) {
        self.rematch();
        self.show(false);
    }

    fn sort_rows(&mut self) {
        let mut sorted: Vec<usize> = (0..self.rows.len()).collect();
        sorted.sort_by(|&a, &b| self.order(a, b).then(a.cmp(&b)));
        self.sorted = sorted;
    }

    /// Matches the names against the filter, then ranks the rows by their names: only
    /// the names the previous filter matched when this one extends it, none when it was
    /// typed before (deleting back).
    fn rematch(&mut self) {
        let current = self.ranks.len() == self.rows.len() && self.hits.len() == self.names.len();
        if current && self.matched == self.filter {
            return;
        }
        let hits = if let Some(at) = self.earlier.iter().rposition(|(f, _)| *f == self.filter) {
            self.earlier.remove(at).1
        } else {
            let narrowing =
                current && !self.matched.is_empty() && self.filter.starts_with(&self.matched);
            self.names
                .hits(&self.filter, narrowing.then_some(self.hits.as_slice()))
        };
        self.ranks = self
            .row_names
            .iter()
            .map(|&names| filter_rank(names, &hits))
            .collect();
        let previous = std::mem::replace(&mut self.hits, hits);
        let filter = std::mem::replace(&mut self.matched, self.filter.clone());
        if current {
            if self.earlier.len() >= KEPT_FILTERS {
                self.earlier.remove(0);
            }
            self.earlier.push((filter, previous));
        }
    }

    /// Sorts again after many rows' values changed, the selection kept.
    pub(super) fn resort(&mut self) {
        self.sort_rows();
        self.show(true);
    }

    /// Moves row `i`, whose sorted value changed, to its place in the sorted order and
    /// among the shown rows, the selected township kept selected: a binary search and a
    /// shift, not a sort.
    pub(super) fn resort_row(&mut self, i: usize) {
        let selected = self.visible.get(self.cursor.selected).copied();
        let mut sorted = std::mem::take(&mut self.sorted);
        let mut visible = std::mem::take(&mut self.visible);
        let by_order = |r: usize| self.order(r, i).then(r.cmp(&i));
        move_into_place(&mut sorted, i, |r| by_order(r).is_lt());
        let rank = |r: usize| self.ranks.get(r).copied().flatten();
        if rank(i).is_some() {
            move_into_place(&mut visible, i, |r| {
                rank(r).cmp(&rank(i)).then_with(|| by_order(r)).is_lt()
            });
        }
        self.sorted = sorted;
        self.visible = visible;
        if let Some(s) = selected {
            self.cursor.selected = self.visible.iter().position(|&r| r == s).unwrap_or(0);
        }
    }

    /// The sorted rows that match, the best matches first.
    fn show(&mut self, keep_selection: bool) {
        let selected = self.visible.get(self.cursor.selected).copied();
        let mut by_rank: [Vec<usize>; MAX_RANK as usize + 1] = Default::default();
        for &i in &self.sorted {
            if let Some(rank) = self.ranks.get(i).copied().flatten() {
                by_rank[usize::from(rank)].push(i);
            }
        }
        self.visible = by_rank.concat();
        self.cursor.selected = match selected {
            Some(s) if keep_selection => self.visible.iter().position(|&i| i == s).unwrap_or(0),
            _ => 0,
        };
    }

    /// The order of rows `a` and `b` when they match the filter equally well, in the
    /// direction the list states; rows without the value sorted by (not yet known, or a
    /// single year) come last either way, by name.
    fn order(&self, a: usize, b: usize) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let place = |id: NameId| self.places.get(id as usize).copied().unwrap_or(0);
        let (a_names, b_names) = (self.row_names[a], self.row_names[b]);
        let (a, b) = (&self.rows[a], &self.rows[b]);
        let by_name = place(a_names.0).cmp(&place(b_names.0));
        let directed = |order: Ordering| {
            if self.ascending() {
                order
            } else {
                order.reverse()
            }
        };
        let value = |r: &TownshipRow| match self.sort {
            SortKey::CopyRatio => r.stats.and_then(|s| s.copy_ratio),
            SortKey::Progress => r
                .stats
                .filter(|s| s.sections > 0)
                .map(|s| s.reviewed_sections as f64 / s.sections as f64),
            SortKey::Name | SortKey::County => None,
        };
        match self.sort {
            SortKey::Name => directed(by_name),
            SortKey::County => directed(place(a_names.1).cmp(&place(b_names.1)).then(by_name)),
            SortKey::CopyRatio | SortKey::Progress => match (value(a), value(b)) {
                (Some(x), Some(y)) => directed(x.total_cmp(&y)).then(by_name),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => by_name,
            },
        }
    }
}

/// Takes `i` out of `list`, ordered by `before`, and puts it back where it now belongs.
fn move_into_place(list: &mut Vec<usize>, i: usize, before: impl Fn(usize) -> bool) {
    if let Some(at) = list.iter().position(|&r| r == i) {
        list.remove(at);
    }
    let at = list.partition_point(|&r| before(r));
    list.insert(at, i);
}

/// How many earlier filters' matches are kept for deleting back.
const KEPT_FILTERS: usize = 16;

/// The worst rank [`filter_rank`] gives.
const MAX_RANK: u8 = 2;

/// How well a township matches the filter, best first, from the `hits` of its name and
/// its county's: its name contains the text as typed, its name's pinyin spells it, its
/// county matches; `None` when nothing matches.
fn filter_rank((township, county): (NameId, NameId), hits: &[u8]) -> Option<u8> {
    let hit = |id: NameId| hits.get(id as usize).copied().unwrap_or(0);
    let name = hit(township);
    if name & HOLDS != 0 {
        Some(0)
    } else if name & SPELLS != 0 {
        Some(1)
    } else if hit(county) & SPELLS != 0 {
        Some(MAX_RANK)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::tui::filter::{Query, SearchKey};

    /// A list of `townships` (name, county) as the list screen makes it.
    fn list_of(townships: &[(&str, &str)], filter: &str, sort: SortKey) -> ListState {
        let rows = townships
            .iter()
            .map(|(township, county)| TownshipRow {
                info: TownshipSummary {
                    township: township.to_string(),
                    county: Some(county.to_string()),
                    province: None,
                    years: vec![2022, 2023],
                },
                stats: None,
                notes: 0,
            })
            .collect();
        let mut list = ListState {
            sort,
            filter: filter.to_string(),
            ..ListState::default()
        };
        list.set_rows(rows);
        list.refresh(false);
        list
    }

    #[test]
    fn a_summary_moves_its_row_where_a_full_sort_puts_it() {
        let names = [
            "太平镇",
            "长安乡",
            "太和镇",
            "东安镇",
            "大兴镇",
            "太平镇",
            "石门乡",
        ];
        let townships: Vec<(&str, &str)> = names
            .iter()
            .enumerate()
            .map(|(k, name)| (*name, if k < 5 { "青山县" } else { "石门县" }))
            .collect();
        let mut list = list_of(&townships, "t", SortKey::CopyRatio);
        list.cursor.selected = 1;
        for (step, &i) in [3, 0, 5, 2, 0, 6, 1, 4].iter().enumerate() {
            list.rows[i].stats = Some(Summary {
                copy_ratio: Some(((step * 37) % 10) as f64 / 10.0),
                ..Summary::default()
            });
            let selected = list.visible[list.cursor.selected];
            list.resort_row(i);
            assert_eq!(
                list.visible[list.cursor.selected], selected,
                "selection kept"
            );
            let mut fresh = list.clone();
            fresh.refresh(true);
            assert_eq!(list.visible, fresh.visible, "after summary {step}");
            assert_eq!(list.sorted, fresh.sorted, "after summary {step}");
        }
    }

    const TOWNSHIPS: [(&str, &str); 9] = [
        ("太平镇", "青山县"),
        ("太和镇", "石门县"),
        ("大兴镇", "太和县"),
        ("长安乡", "青山县"),
        ("东安镇", "石门县"),
        ("石门乡", "太平县"),
        ("重庆路街道", "青山县"),
        ("泰平镇", "石门县"),
        ("A区2号", "太和县"),
    ];

    /// The rank of a township matched on its own, by its names' keys.
    fn rank_by_row(township: &str, county: &str, filter: &str) -> Option<u8> {
        let query = Query::new(filter);
        let raw = filter.trim();
        if township.contains(raw) {
            Some(0)
        } else if SearchKey::new(township).matches(&query) {
            Some(1)
        } else if SearchKey::new(county).matches(&query) {
            Some(MAX_RANK)
        } else {
            None
        }
    }

    /// Types `typed` (each filter in turn) into one list and checks each against a list
    /// made afresh with that filter.
    fn assert_typing_matches_fresh(typed: &[String], sort: SortKey) {
        let mut list = list_of(&TOWNSHIPS, "", sort);
        for filter in typed {
            list.filter = filter.clone();
            list.refilter();
            let fresh = list_of(&TOWNSHIPS, filter, sort);
            assert_eq!(list.visible, fresh.visible, "after typing {filter:?}");
            assert_eq!(list.ranks, fresh.ranks, "after typing {filter:?}");
            let each_row: Vec<Option<u8>> = TOWNSHIPS
                .iter()
                .map(|(township, county)| rank_by_row(township, county, filter))
                .collect();
            assert_eq!(list.ranks, each_row, "after typing {filter:?}");
        }
    }

    #[test]
    fn typing_and_deleting_back_match_what_a_fresh_list_matches() {
        let typed = [
            "t", "ta", "tai", "taih", "tai", "ta", "t", "", "太", "太平", "太", "s", "sm", "smx",
            "sm", "cq", "c", "", "zhen", "zh", "A", "a区", "aq2",
        ];
        let typed: Vec<String> = typed.iter().map(|t| t.to_string()).collect();
        assert_typing_matches_fresh(&typed, SortKey::Name);
    }

    #[test]
    fn names_of_the_same_pinyin_sort_as_equals() {
        let list = list_of(
            &[("泰平镇", "青山县"), ("太平镇", "青山县")],
            "",
            SortKey::Name,
        );
        assert_eq!(list.visible, [0, 1]);
        let list = list_of(
            &[("太平镇", "青山县"), ("泰平镇", "青山县")],
            "",
            SortKey::Name,
        );
        assert_eq!(list.visible, [0, 1]);
    }

    /// A keystroke of the filter: a character typed, or `None` for backspace.
    fn keystroke() -> impl Strategy<Value = Option<char>> {
        prop_oneof![
            3 => prop::sample::select(vec![
                't', 'a', 'i', 'h', 'p', 'n', 'g', 's', 'x', 'z', 'q', 'c', 'd', 'A', '2', ' ',
                '\'', '太', '平', '镇', '区',
            ])
            .prop_map(Some),
            1 => Just(None),
        ]
    }

    proptest! {
        #[test]
        fn any_keystrokes_match_what_a_fresh_list_matches(
            keys in prop::collection::vec(keystroke(), 1..24),
            by_county in any::<bool>(),
        ) {
            let mut filter = String::new();
            let typed: Vec<String> = keys
                .iter()
                .map(|key| {
                    match key {
                        Some(c) => filter.push(*c),
                        None => {
                            filter.pop();
                        }
                    }
                    filter.clone()
                })
                .collect();
            let sort = if by_county { SortKey::County } else { SortKey::Name };
            assert_typing_matches_fresh(&typed, sort);
        }
    }
}
