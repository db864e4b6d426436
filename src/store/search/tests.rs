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

/// Townships whose reports match, as the store answers.
fn found(store: &Store, query: &str, filter: &SearchFilter) -> (Vec<String>, SearchPlan) {
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    let plan = store
        .search(&query, filter, &mut |row, _| {
            out.push(row.township);
            true
        })
        .unwrap_or_else(|e| panic!("{e}"));
    out.sort();
    (out, plan)
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

const ALPHABET: &[char] = &['调', '解', '法', '律', ' ', '明'];

fn text_of(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), len).prop_map(|c| c.into_iter().collect())
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn search_agrees_with_a_substring_scan(
        texts in prop::collection::vec(text_of(0..40), 1..10),
        queries in prop::collection::vec(query(), 1..6),
    ) {
        let (_dir, store) = store_with(&texts);
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
