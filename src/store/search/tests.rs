use proptest::prelude::*;

use super::*;
use crate::store::NewReport;

fn store_with(texts: &[String]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    for (i, text) in texts.iter().enumerate() {
        let township = format!("乡{i}");
        let county = if i % 2 == 0 { "东县" } else { "西县" };
        let report = NewReport::plain(&township, county, 2020 + (i % 3) as i32, text);
        if let Err(e) = store.import(&report, false) {
            panic!("{e}");
        }
    }
    (dir, store)
}

/// Townships whose reports match, as the store answers: listed (all of them, in
/// order) and counted per county.
fn found(store: &Store, query: &str, filter: &SearchFilter) -> (Vec<String>, SearchPlan) {
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    let tally = store
        .search(
            &query,
            filter,
            usize::MAX,
            &mut |row, _| out.push(row),
            &mut |_| false,
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("a search nobody stopped stopped"));
    assert_eq!(tally.total, out.len());
    let order: Vec<_> = out
        .iter()
        .map(|r| (-r.year, r.county.clone(), r.township.clone()))
        .collect();
    assert!(
        order.is_sorted(),
        "newest first, then county, township: {order:?}"
    );
    let mut counted = store
        .count_matches(&query, filter, CountBy::County)
        .unwrap_or_else(|e| panic!("{e}"));
    counted.sort();
    let mut per_county: Vec<(String, usize)> = Vec::new();
    for row in &out {
        let county = row.county.clone().unwrap_or_default();
        match per_county.iter_mut().find(|(c, _)| *c == county) {
            Some((_, n)) => *n += 1,
            None => per_county.push((county, 1)),
        }
    }
    per_county.sort();
    assert_eq!(counted, per_county);
    let mut townships: Vec<String> = out.into_iter().map(|r| r.township).collect();
    townships.sort();
    (townships, tally.plan)
}

/// A query over a small alphabet, in the syntax users type, with its meaning spelled
/// out independently as plain substring tests.
#[derive(Debug, Clone)]
enum Q {
    Term(String),
    And(Box<Q>, Box<Q>),
    Or(Box<Q>, Box<Q>),
    Not(Box<Q>, Box<Q>),
}

impl Q {
    fn typed(&self) -> String {
        match self {
            Q::Term(t) => format!("\"{t}\""),
            Q::And(a, b) => format!("({} AND {})", a.typed(), b.typed()),
            Q::Or(a, b) => format!("({} OR {})", a.typed(), b.typed()),
            Q::Not(a, b) => format!("({} NOT {})", a.typed(), b.typed()),
        }
    }

    fn holds(&self, text: &str) -> bool {
        match self {
            Q::Term(t) => text.contains(t.as_str()),
            Q::And(a, b) => a.holds(text) && b.holds(text),
            Q::Or(a, b) => a.holds(text) || b.holds(text),
            Q::Not(a, b) => a.holds(text) && !b.holds(text),
        }
    }
}

const ALPHABET: &[char] = &['调', '解', '法', '律', '明'];

/// Characters that break runs for the index (see `crate::search::is_break`).
const BREAKS: &[char] = &['，', '。', '、', ' ', '\n'];

/// Texts and terms of runs and breaks, so that terms straddle breaks and runs of the
/// same letters stand on both sides of one (`调解法，解法律`).
fn text_of(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let char = prop_oneof![
        3 => prop::sample::select(ALPHABET),
        1 => prop::sample::select(BREAKS),
    ];
    prop::collection::vec(char, len).prop_map(|c| c.into_iter().collect())
}

fn query() -> impl Strategy<Value = Q> {
    let leaf = text_of(1..5)
        .prop_filter("not blank", |t| !t.is_empty())
        .prop_map(Q::Term);
    leaf.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Q::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Q::Or(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Q::Not(Box::new(a), Box::new(b))),
        ]
    })
}

/// Leaves the index file as a killed import would: without the last `lag` reports
/// (`Some`), or gone (`None`).
pub(super) fn set_back(store: &Store, lag: Option<usize>) {
    let path = index_file::path_of(&store.path);
    let Some(lag) = lag else {
        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
        return;
    };
    let highest: i64 = store
        .conn
        .query_row("SELECT max(id) FROM reports", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    let through = (highest - lag as i64).max(0);
    let index = index_file::open_for_writing(&store.path).unwrap_or_else(|e| panic!("{e}"));
    for id in through + 1..=highest {
        index
            .execute("DELETE FROM report_text WHERE rowid = ?1", [id])
            .unwrap_or_else(|e| panic!("{e}"));
    }
    index_file::set_mark(&index, &store.conn, through).unwrap_or_else(|e| panic!("{e}"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn search_agrees_with_a_substring_scan(
        texts in prop::collection::vec(text_of(0..40), 1..10),
        queries in prop::collection::vec(query(), 1..6),
        lag in prop::option::weighted(0.9, 0usize..4),
    ) {
        let (_dir, store) = store_with(&texts);
        // However far behind the index is, or without one, the answer is the same.
        set_back(&store, lag);
        for q in &queries {
            let (got, _) = found(&store, &q.typed(), &SearchFilter::default());
            let mut want: Vec<String> = texts
                .iter()
                .enumerate()
                .filter(|(_, t)| q.holds(t))
                .map(|(i, _)| format!("乡{i}"))
                .collect();
            want.sort();
            prop_assert_eq!(got, want, "{}", q.typed());
        }
    }
}

#[test]
fn a_phrase_across_a_break_is_found_only_where_the_break_is() {
    let texts: Vec<String> = ["ABC，BCD", "xABCDx", "ABC BCD。", "ABC，，BCD"]
        .iter()
        .map(|t| t.to_string())
        .collect();
    let (_dir, store) = store_with(&texts);
    let all = SearchFilter::default();
    let townships =
        |ids: &[usize]| -> Vec<String> { ids.iter().map(|i| format!("乡{i}")).collect() };
    assert_eq!(
        found(&store, "ABCD", &all),
        (townships(&[1]), SearchPlan::Index)
    );
    assert_eq!(
        found(&store, "\"ABC，BCD\"", &all),
        (townships(&[0]), SearchPlan::Index)
    );
    assert_eq!(
        found(&store, "\"BC BCD\"", &all),
        (townships(&[2]), SearchPlan::Verify)
    );
    assert_eq!(
        found(&store, "C，", &all),
        (townships(&[0, 3]), SearchPlan::Scan)
    );
}

#[test]
fn each_plan_is_used_and_filters_and_replacements_hold() {
    let texts: Vec<String> = [
        "开展人民调解12次，培训法律明白人30名。",
        "法律明白人作用发挥不够。",
        "信访工作有序。",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    let (_dir, mut store) = store_with(&texts);
    let all = SearchFilter::default();
    assert_eq!(
        found(&store, "法律明白人", &all),
        (
            vec!["乡0".to_string(), "乡1".to_string()],
            SearchPlan::Index
        )
    );
    assert_eq!(
        found(&store, "法律明白人 调解", &all),
        (vec!["乡0".to_string()], SearchPlan::Verify)
    );
    assert_eq!(
        found(&store, "信访 OR 调解", &all),
        (vec!["乡0".to_string(), "乡2".to_string()], SearchPlan::Scan)
    );
    let east = SearchFilter {
        county: Some("东县".into()),
        ..SearchFilter::default()
    };
    assert_eq!(
        found(&store, "法律明白人", &east).0,
        vec!["乡0".to_string()]
    );
    let year = SearchFilter {
        year: Some(2021),
        ..SearchFilter::default()
    };
    assert_eq!(
        found(&store, "法律明白人", &year).0,
        vec!["乡1".to_string()]
    );
    // A replaced report is searched in its new text only.
    let new_text = "全部改写，不再提及。";
    let replacement = NewReport::plain("乡1", "西县", 2021, new_text);
    if let Err(e) = store.import(&replacement, true) {
        panic!("{e}");
    }
    assert_eq!(found(&store, "法律明白人", &all).0, vec!["乡0".to_string()]);
    assert_eq!(found(&store, "全部改写", &all).0, vec!["乡1".to_string()]);
}

/// A store of `n` reports over three counties and four years; every seventh says
/// `法律明白人`, every third `调解`.
fn many_reports(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("s.db")).unwrap_or_else(|e| panic!("{e}"));
    let mut batch = store.begin_import().unwrap_or_else(|e| panic!("{e}"));
    for i in 0..n {
        let township = format!("乡{:03}", i / 4);
        let county = ["东县", "西县", "南县"][i / 4 % 3];
        let mut text = format!("{township}年度报告。");
        if i % 7 == 0 {
            text.push_str("培训法律明白人。");
        }
        if i % 3 == 0 {
            text.push_str("开展调解。");
        }
        let report = NewReport::plain(&township, county, 2020 + (i % 4) as i32, &text);
        if let Err(e) = batch.import(&report, false) {
            panic!("{e}");
        }
    }
    batch.commit().unwrap_or_else(|e| panic!("{e}"));
    (dir, store)
}

#[test]
fn looking_candidates_up_by_id_gives_what_walking_the_index_gives() {
    let (_dir, store) = many_reports(120);
    let query = Query::parse("法律明白人").unwrap_or_else(|e| panic!("{e}"));
    let index = store
        .text_index()
        .unwrap_or_else(|| panic!("no index file"));
    let (set, through) = candidates::indexed(
        index,
        &store.conn,
        &query,
        &mut StopCheck::new(&mut |_| false, SearchPlan::Index),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(through, 120);
    assert_eq!(set.len(), 120_usize.div_ceil(7));
    let filters = [
        SearchFilter::default(),
        SearchFilter {
            county: Some("西县".into()),
            ..SearchFilter::default()
        },
        SearchFilter {
            year: Some(2021),
            province: None,
            township: Some("乡007".into()),
            county: None,
        },
    ];
    for filter in &filters {
        for by in [CountBy::Year, CountBy::County] {
            let walked = order::collect_through_index(
                &store.conn,
                filter,
                Some(&set),
                by,
                &mut StopCheck::new(&mut |_| false, SearchPlan::Index),
            );
            let looked_up = order::collect_by_id(&store.conn, filter, &set, by);
            let (walked, looked_up) = match (walked, looked_up) {
                (Ok(a), Ok(b)) => (a, b),
                (a, b) => panic!("{:?} {:?}", a.err(), b.err()),
            };
            assert!(!walked.list.is_empty() || filter.township.is_some());
            assert_eq!(walked.list, looked_up.list, "{filter:?}");
            assert_eq!(walked.groups, looked_up.groups, "{filter:?}");
        }
    }
}

#[test]
fn a_scan_over_many_chunks_lists_in_order_and_stops_when_told() {
    let (_dir, store) = many_reports(400);
    let (got, plan) = found(&store, "调解", &SearchFilter::default());
    assert_eq!(plan, SearchPlan::Scan);
    assert_eq!(got.len(), 400_usize.div_ceil(3));
    let query = Query::parse("调解").unwrap_or_else(|e| panic!("{e}"));
    let mut listed = 0;
    let mut asked = 0;
    let tally = store
        .search(
            &query,
            &SearchFilter::default(),
            5,
            &mut |_, _| listed += 1,
            &mut |_| {
                asked += 1;
                asked == 2
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tally, None, "stopped when told");
    assert!(listed <= 5);
    let mut progress = Vec::new();
    let tally = store
        .search(
            &query,
            &SearchFilter::default(),
            5,
            &mut |_, _| listed += 1,
            &mut |p| {
                progress.push(*p);
                false
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tally.map(|t| t.total), Some(got.len()));
    // Progress comes chunk by chunk: counts only grow, and the last says all was read.
    assert!(progress.len() > 2, "{progress:?}");
    assert!(progress.iter().all(|p| p.plan == SearchPlan::Scan));
    assert!(progress.windows(2).all(|w| w[0].matched <= w[1].matched
        && w[0].checked < w[1].checked
        && w[1].checked <= w[1].candidates));
    let last = progress.last().copied();
    assert_eq!(
        last.map(|p| (p.matched, p.checked, p.candidates)),
        Some((got.len(), 400, 400))
    );
}
