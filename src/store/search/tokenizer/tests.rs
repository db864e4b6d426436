use proptest::prelude::*;
use rusqlite::Connection;

use super::*;

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

/// What the tokens should be, spelled out from the pieces of the text: each break
/// character alone, and each run between them as its three-character windows, or
/// whole when it is shorter; all with their offsets.
fn expected(text: &str) -> Vec<(Vec<u8>, usize, usize)> {
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        match pieces.last_mut() {
            Some((_, piece_end, false)) if !is_break(c) => *piece_end = end,
            _ => pieces.push((at, end, is_break(c))),
        }
    }
    let mut out = Vec::new();
    for (start, end, is_break) in pieces {
        let piece = &text[start..end];
        let bounds: Vec<(usize, usize)> = piece
            .char_indices()
            .map(|(at, c)| (start + at, start + at + c.len_utf8()))
            .collect();
        if is_break || bounds.len() < 3 {
            out.push((piece.as_bytes().to_vec(), start, end));
        } else {
            for (first, last) in bounds.iter().zip(bounds.iter().skip(2)) {
                out.push((text.as_bytes()[first.0..last.1].to_vec(), first.0, last.1));
            }
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
    fn every_window_of_every_run_every_short_run_and_every_break_with_its_offsets(
        text in text(),
    ) {
        prop_assert_eq!(emitted(text.as_bytes()), expected(&text));
    }
}

/// The tokens of `text`, without their offsets.
fn shown(text: &[u8]) -> Vec<Vec<u8>> {
    emitted(text)
        .into_iter()
        .map(|(token, _, _)| token)
        .collect()
}

fn bytes(tokens: &[&str]) -> Vec<Vec<u8>> {
    tokens.iter().map(|t| t.as_bytes().to_vec()).collect()
}

#[test]
fn a_run_gives_the_trigram_tokenizers_windows_and_a_break_is_a_token_of_its_own() {
    let got = emitted("ABC，BCD".as_bytes());
    let offsets: Vec<(usize, usize)> = got.iter().map(|(_, s, e)| (*s, *e)).collect();
    assert_eq!(offsets, [(0, 3), (3, 6), (6, 9)]);
    assert_eq!(shown("ABC，BCD".as_bytes()), bytes(&["ABC", "，", "BCD"]));
    assert_eq!(shown("开展调解".as_bytes()), bytes(&["开展调", "展调解"]));
    // A run too short for a window is one token, whole.
    assert_eq!(
        shown("，调解。AB\n（一）".as_bytes()),
        bytes(&["，", "调解", "。", "AB", "\n", "（", "一", "）"])
    );
}

#[test]
fn bytes_that_are_not_utf8_break_runs_and_an_error_stops_the_tokens() {
    let got = shown(b"ABC\xffBCD\xe8");
    assert_eq!(
        got,
        [
            b"ABC".to_vec(),
            NOT_TEXT.to_vec(),
            b"BCD".to_vec(),
            NOT_TEXT.to_vec()
        ]
    );
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
    matching_expression(conn, table, &format!("\"{phrase}\""))
}

fn matching_expression(conn: &Connection, table: &str, expression: &str) -> Vec<i64> {
    conn.prepare(&format!(
        "SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid"
    ))
    .and_then(|mut stmt| {
        stmt.query_map([expression], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_break_keeps_two_runs_apart_and_a_phrase_across_it_matches_exactly() {
    let conn = connection();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(text, content='', tokenize='trigram_runs');
         INSERT INTO t (rowid, text) VALUES (1, 'ABC，BCD'), (2, 'xABCDx'), (3, 'ABC BCD'),
            (4, 'xABC，BCDx'), (5, '（一）加强组织领导'), (6, '（十一）加强组织领导'),
            (7, '（一）加强组织');",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(matching(&conn, "t", "ABCD"), [2]);
    assert_eq!(matching(&conn, "t", "BCD"), [1, 2, 3, 4]);
    assert_eq!(matching(&conn, "t", "ABC，BCD"), [1, 4]);
    assert_eq!(matching(&conn, "t", "ABC，"), [1, 4]);
    assert_eq!(matching(&conn, "t", "ABC BCD"), [3]);
    assert_eq!(matching(&conn, "t", "（一）加强组织领导"), [5]);
    assert_eq!(matching(&conn, "t", "）加强组织领导"), [5, 6]);
    // A short last run asked as the beginning of a token: whole, or a window's start.
    let prefix = |phrase: &str| matching_expression(&conn, "t", &format!("\"{phrase}\" *"));
    assert_eq!(prefix("ABC，BC"), [1, 4]);
    assert_eq!(prefix("ABC，B"), [1, 4]);
    assert_eq!(prefix("（一）加强组织领导"), [5]);
    assert_eq!(prefix("（一"), [5, 7]);
    assert_eq!(prefix("（十"), [6]);
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
    // The windows; the break characters and short runs are tokens of their own.
    let ours: Vec<(Vec<u8>, i64)> = terms("runs_terms")
        .into_iter()
        .filter(|(term, _)| String::from_utf8_lossy(term).chars().count() == 3)
        .collect();
    let theirs: Vec<(Vec<u8>, i64)> = terms("tri_terms")
        .into_iter()
        .filter(|(term, _)| !String::from_utf8_lossy(term).chars().any(is_break))
        .collect();
    assert!(ours.len() > 10);
    assert_eq!(ours, theirs);
}
