use super::*;

fn term(t: &str) -> Query {
    Query::Term(t.to_string())
}

fn parsed(input: &str) -> Query {
    Query::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

#[test]
fn words_phrases_and_operators_parse_as_written() {
    assert_eq!(parsed("法律明白人"), term("法律明白人"));
    assert_eq!(
        parsed("调解  信访"),
        Query::And(vec![term("调解"), term("信访")])
    );
    assert_eq!(
        parsed("调解 AND 信访 OR 普法"),
        Query::Or(vec![
            Query::And(vec![term("调解"), term("信访")]),
            term("普法")
        ])
    );
    assert_eq!(
        parsed("调解 NOT 信访"),
        Query::Not(Box::new(term("调解")), Box::new(term("信访")))
    );
    assert_eq!(parsed("\"矛盾 纠纷\""), term("矛盾 纠纷"));
    assert_eq!(parsed("“矛盾 纠纷”"), term("矛盾 纠纷"));
    assert_eq!(
        parsed("(调解 OR 信访) 普法"),
        Query::And(vec![
            Query::Or(vec![term("调解"), term("信访")]),
            term("普法")
        ])
    );
    // Lower-case words are terms; an unclosed phrase runs to the end.
    assert_eq!(parsed("and"), term("and"));
    assert_eq!(parsed("\"未闭合 的"), term("未闭合 的"));
}

#[test]
fn malformed_queries_are_one_line_errors() {
    for bad in [
        "",
        "   ",
        "AND",
        "OR 调解",
        "调解 OR",
        "NOT 调解",
        "调解 AND",
        "()",
        "(调解",
        "调解)",
        "\"\"",
        "调解 NOT NOT 信访",
    ] {
        match Query::parse(bad) {
            Err(e) => assert!(!e.to_string().contains('\n'), "{bad:?}: {e}"),
            Ok(q) => panic!("{bad:?} parsed as {q:?}"),
        }
    }
    let deep = format!("{}调解{}", "(".repeat(100), ")".repeat(100));
    assert!(Query::parse(&deep).is_err());
}

#[test]
fn matching_is_substring_logic_and_prefilters_only_narrow() {
    let text = "开展人民调解12次，化解矛盾纠纷。";
    assert!(parsed("调解").matches(text));
    assert!(parsed("调解 矛盾纠纷").matches(text));
    assert!(!parsed("调解 信访").matches(text));
    assert!(parsed("调解 NOT 信访").matches(text));
    assert!(!parsed("调解 NOT 矛盾").matches(text));
    assert!(parsed("信访 OR 人民调解").matches(text));

    assert!(parsed("人民调解").indexable());
    assert!(!parsed("调解 人民调解").indexable());
    assert_eq!(parsed("调解 人民调解").prefilter(), Some(term("人民调解")));
    assert_eq!(parsed("调解 OR 人民调解").prefilter(), None);
    assert_eq!(
        parsed("人民调解 NOT 信访").prefilter(),
        Some(term("人民调解"))
    );
    assert_eq!(
        parsed("调解 NOT 信访").positive_terms(),
        vec!["调解"],
        "excluded terms are not hits"
    );
}

#[test]
fn a_term_is_answered_by_the_index_unless_its_first_run_is_too_short() {
    assert!(parsed("\"人民调解，化解纠纷\"").indexable());
    assert!(parsed("\"（一）加强组织领导\"").indexable());
    assert!(parsed("\"依法行政，推进\"").indexable());
    assert!(parsed("二〇二三年").indexable());
    assert!(parsed("12.5%").indexable());
    assert!(!parsed("\"调解，化解纠纷\"").indexable());
    assert!(!parsed("矛盾。").indexable());
    assert_eq!(
        parsed("\"调解，化解纠纷\"").prefilter(),
        Some(term("，化解纠纷"))
    );
    assert_eq!(
        parsed("\"政，推进法治，建\"").prefilter(),
        Some(term("，推进法治，建"))
    );
    assert_eq!(parsed("\"调，纠\"").prefilter(), None);
    assert_eq!(parsed("矛盾。").prefilter(), None);
    assert_eq!(parsed("\"调，纠\" OR 人民调解").prefilter(), None);
    assert_eq!(
        parsed("人民调解 NOT \"调，纠\"").prefilter(),
        Some(term("人民调解"))
    );
}

#[test]
fn a_short_last_run_is_asked_as_a_prefix() {
    assert!(last_run_is_short("依法行政，推进"));
    assert!(last_run_is_short("依法行政，推"));
    assert!(!last_run_is_short("依法行政，推进法"));
    assert!(!last_run_is_short("依法行政，"));
    assert!(!last_run_is_short("依法行政"));
}

/// A query's terms, under `NOT` too.
fn terms(query: &Query) -> Vec<&str> {
    match query {
        Query::Term(term) => vec![term.as_str()],
        Query::And(parts) | Query::Or(parts) => parts.iter().flat_map(terms).collect(),
        Query::Not(keep, drop) => [terms(keep), terms(drop)].concat(),
    }
}

proptest::proptest! {
    #[test]
    fn what_the_index_is_asked_has_no_short_first_run_and_only_narrows(
        input in "[调解法，。 \n]{1,12}( (AND|OR|NOT) [调解法，。]{1,8}){0,2}",
        text in "[调解法，。 \n]{0,30}",
    ) {
        let Ok(query) = Query::parse(&input) else {
            return Ok(());
        };
        let asked = if query.indexable() { Some(query.clone()) } else { query.prefilter() };
        if let Some(asked) = asked {
            for term in terms(&asked) {
                proptest::prop_assert!(term.chars().count() >= TRIGRAM, "{term:?}");
                let first = term.split(is_break).next().unwrap_or_default().chars().count();
                proptest::prop_assert!(first == 0 || first >= TRIGRAM, "{term:?}");
            }
            if query.matches(&text) {
                proptest::prop_assert!(asked.matches(&text), "{input:?} {asked:?}");
            }
        }
    }
}
