use proptest::prelude::*;
use rusqlite::Connection;

use super::*;
use crate::search::breaks::runs;

/// Every token `tokens` emits, with its offsets.
fn emitted(text: &[u8]) -> Vec<(Vec<u8>, usize, usize)> {
    let mut out = Vec::new();
    let done: Result<(), ()> = tokens(text, |token, start, end| {
        out.push((token.to_vec(), start, end));
        Ok(())
    });
    assert_eq!(done, Ok(()));
    out
}

/// What the tokens should be, spelled out from the runs: each run's three-character
/// windows with their offsets, a gap before a run's first window when the window
/// before it (another run's) ends with the two characters it begins with.
fn expected(text: &str) -> Vec<(Vec<u8>, usize, usize)> {
    let mut out: Vec<(Vec<u8>, usize, usize)> = Vec::new();
    for run in runs(text) {
        let base = run.as_ptr() as usize - text.as_ptr() as usize;
        let starts: Vec<usize> = run.char_indices().map(|(at, _)| base + at).collect();
        let ends: Vec<usize> = run
            .char_indices()
            .map(|(at, c)| base + at + c.len_utf8())
            .collect();
        for (first, last) in starts.iter().zip(ends.iter().skip(2)) {
            let trigram = text[*first..*last].to_string();
            let before = out
                .last()
                .map(|(t, _, _)| String::from_utf8_lossy(t).chars().skip(1).collect());
            let begins: String = trigram.chars().take(2).collect();
            if first == &starts[0] && before == Some(begins) {
                out.push((GAP.to_vec(), *first, *first));
            }
            out.push((trigram.into_bytes(), *first, *last));
        }
    }
    out
}

const ALPHABET: &[char] = &[
    '调', '解', 'A', 'b', '7', '，', '。', '、', ' ', '\n', '〇', '\u{FFFE}',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..30)
        .prop_map(|c| c.into_iter().collect())
}

proptest! {
    #[test]
    fn every_window_of_every_run_with_its_offsets_and_a_gap_between_runs(text in text()) {
        prop_assert_eq!(emitted(text.as_bytes()), expected(&text));
    }
}

#[test]
fn a_run_gives_the_trigram_tokenizers_windows_and_punctuation_makes_a_gap() {
    let got = emitted("ABC，BCD".as_bytes());
    let shown: Vec<(&[u8], usize, usize)> = got.iter().map(|(t, s, e)| (&t[..], *s, *e)).collect();
    assert_eq!(
        shown,
        [(&b"ABC"[..], 0, 3), (GAP, 6, 6), (&b"BCD"[..], 6, 9)]
    );
    let got = emitted("开展调解".as_bytes());
    let shown: Vec<(&[u8], usize, usize)> = got.iter().map(|(t, s, e)| (&t[..], *s, *e)).collect();
    assert_eq!(
        shown,
        [("开展调".as_bytes(), 0, 9), ("展调解".as_bytes(), 3, 12)]
    );
    // Runs whose trigrams do not overlap need no gap between them.
    let got = emitted("ABC，DEF。EFG、FGH".as_bytes());
    let shown: Vec<&[u8]> = got.iter().map(|(t, _, _)| &t[..]).collect();
    assert_eq!(shown, [&b"ABC"[..], b"DEF", GAP, b"EFG", GAP, b"FGH"]);
    // Short runs give nothing, and no gap without a run on each side.
    assert!(emitted("，调解。AB\n".as_bytes()).is_empty());
    assert_eq!(emitted("，调解AB。".as_bytes()).len(), 2);
}

#[test]
fn bytes_that_are_not_utf8_break_runs_and_an_error_stops_the_tokens() {
    let got = emitted(b"ABC\xffBCD\xe8");
    let shown: Vec<&[u8]> = got.iter().map(|(t, _, _)| &t[..]).collect();
    assert_eq!(shown, [&b"ABC"[..], GAP, b"BCD"]);
    let mut seen = 0;
    let stopped = tokens("开展人民调解".as_bytes(), |_, _, _| {
        seen += 1;
        if seen == 2 { Err(7) } else { Ok(()) }
    });
    assert_eq!((stopped, seen), (Err(7), 2));
}

fn connection() -> Connection {
    let conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    register(&conn).unwrap_or_else(|e| panic!("{e}"));
    conn
}

fn matching(conn: &Connection, table: &str, phrase: &str) -> Vec<i64> {
    conn.prepare(&format!(
        "SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid"
    ))
    .and_then(|mut stmt| {
        stmt.query_map([format!("\"{phrase}\"")], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_gap_keeps_two_runs_from_matching_as_one() {
    let conn = connection();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(text, content='', tokenize='trigram_runs');
         INSERT INTO t (rowid, text) VALUES (1, 'ABC，BCD'), (2, 'xABCDx'), (3, 'ABC BCD');",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(matching(&conn, "t", "ABCD"), [2]);
    assert_eq!(matching(&conn, "t", "BCD"), [1, 2, 3]);
}

#[test]
fn offsets_place_a_phrase_in_its_text() {
    let conn = connection();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram_runs');
         INSERT INTO t (rowid, text) VALUES (1, '调解，化解矛盾纠纷。 矛盾纠纷少');",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let marked: String = conn
        .query_row(
            "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH '\"矛盾纠纷\"'",
            [],
            |row| row.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(marked, "调解，化解[矛盾纠纷]。 [矛盾纠纷]少");
}

#[test]
fn the_terms_are_the_trigram_tokenizers_without_break_characters() {
    let conn = connection();
    let text = "二〇二三年，全镇开展人民调解12次（比上年增加3次）。\n\t法律明白人“一村一名”ABCabc";
    conn.execute_batch(
        "CREATE VIRTUAL TABLE runs USING fts5(text, content='', tokenize='trigram_runs');
         CREATE VIRTUAL TABLE tri USING fts5(text, content='', tokenize='trigram case_sensitive 1');
         CREATE VIRTUAL TABLE runs_terms USING fts5vocab(runs, 'row');
         CREATE VIRTUAL TABLE tri_terms USING fts5vocab(tri, 'row');",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for table in ["runs", "tri"] {
        conn.execute(
            &format!("INSERT INTO {table} (rowid, text) VALUES (1, ?1)"),
            [text],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let terms = |table: &str| -> Vec<(Vec<u8>, i64)> {
        conn.prepare(&format!(
            "SELECT CAST(term AS BLOB), cnt FROM {table} ORDER BY 1"
        ))
        .and_then(|mut stmt| {
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let ours: Vec<(Vec<u8>, i64)> = terms("runs_terms")
        .into_iter()
        .filter(|(term, _)| term != GAP)
        .collect();
    let theirs: Vec<(Vec<u8>, i64)> = terms("tri_terms")
        .into_iter()
        .filter(|(term, _)| !String::from_utf8_lossy(term).chars().any(is_break))
        .collect();
    assert!(ours.len() > 10);
    assert_eq!(ours, theirs);
}
