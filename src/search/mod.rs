//! Full-text search queries: what a user types (`法律明白人`, `"矛盾 纠纷"`, `调解 OR 信访`,
//! `调解 NOT 信访`, parentheses) parsed into a [`Query`] that means exactly "these
//! substrings occur in the clean text". The store answers it through its trigram index
//! where every term is long enough and does not begin with a run too short for a
//! trigram ([`breaks`]: the index keeps the trigrams between break characters, and
//! those characters and short runs whole), and by reading texts where not; both give
//! what [`Query::matches`] gives, which is the definition. Hits are located and quoted
//! in keyword-in-context form by [`hits`].

pub mod breaks;
pub mod hits;

pub use breaks::is_break;
pub use hits::{Hit, find_hits};

/// Terms shorter than this (in characters) cannot be looked up in a trigram index.
pub const TRIGRAM: usize = 3;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A substring of the clean text: a bare word or a quoted phrase.
    Term(String),
    /// Every part matches.
    And(Vec<Query>),
    /// At least one part matches.
    Or(Vec<Query>),
    /// The first matches and the second does not (`a NOT b`).
    Not(Box<Query>, Box<Query>),
}

/// Why a query could not be read: one line for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("search query: {0}")]
pub struct QueryError(String);

impl Query {
    /// Parses a query. `AND`, `OR` and `NOT` (upper case) are operators, words side by
    /// side must all occur, `"…"` or `“…”` quotes a phrase (spaces included), and ASCII
    /// parentheses group. Any string gives a query or a one-line error, never a panic.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let tokens = tokenize(input)?;
        let mut parser = Parser { tokens, at: 0 };
        let query = parser.or_expr()?;
        match parser.tokens.get(parser.at) {
            None => Ok(query),
            Some(Token::Close) => Err(QueryError("a `)` has no matching `(`".into())),
            Some(_) => Err(QueryError("unexpected text after the query".into())),
        }
    }

    /// True when the clean text holds the query: the meaning every way of answering it
    /// must agree with.
    pub fn matches(&self, text: &str) -> bool {
        match self {
            Query::Term(term) => text.contains(term.as_str()),
            Query::And(parts) => parts.iter().all(|p| p.matches(text)),
            Query::Or(parts) => parts.iter().any(|p| p.matches(text)),
            Query::Not(keep, drop) => keep.matches(text) && !drop.matches(text),
        }
    }

    /// The terms a matching report holds at least one of (those under `NOT` excluded):
    /// what hits are shown for.
    pub fn positive_terms(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_positive(&mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    fn collect_positive<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Query::Term(term) => out.push(term),
            Query::And(parts) | Query::Or(parts) => {
                parts.iter().for_each(|p| p.collect_positive(out));
            }
            Query::Not(keep, _) => keep.collect_positive(out),
        }
    }

    /// True when the index alone answers every term: long enough for a trigram, and
    /// any run it begins with (before its first break character) long enough too, as
    /// the index knows a shorter run only as a whole and the term's first run may be
    /// the end of a longer one. (A short last run is asked as a prefix: [`last_run_is_short`].)
    pub fn indexable(&self) -> bool {
        match self {
            Query::Term(term) => {
                term.chars().count() >= TRIGRAM && without_short_first_run(term) == term
            }
            Query::And(parts) | Query::Or(parts) => parts.iter().all(Query::indexable),
            Query::Not(keep, drop) => keep.indexable() && drop.indexable(),
        }
    }

    /// A query every matching report also matches, using only indexable terms: the
    /// candidates an index can narrow a scan to. A term stands for itself without a
    /// first run too short for a trigram (`"政，推进法治"` for `，推进法治`, which every
    /// text holding it holds). `None` when no such narrowing exists (a term left
    /// shorter than a trigram, or an `OR` with such a side).
    pub fn prefilter(&self) -> Option<Query> {
        match self {
            Query::Term(term) => {
                let kept = without_short_first_run(term);
                (kept.chars().count() >= TRIGRAM).then(|| Query::Term(kept.to_string()))
            }
            Query::And(parts) => {
                let kept: Vec<Query> = parts.iter().filter_map(Query::prefilter).collect();
                join(kept, Query::And)
            }
            Query::Or(parts) => {
                let kept: Option<Vec<Query>> = parts.iter().map(Query::prefilter).collect();
                join(kept?, Query::Or)
            }
            Query::Not(keep, _) => keep.prefilter(),
        }
    }
}

/// `term` without the run it begins with (before its first break character) when that
/// run is shorter than a trigram.
fn without_short_first_run(term: &str) -> &str {
    match term.find(breaks::is_break) {
        Some(first) if is_short_run(&term[..first]) => &term[first..],
        _ => term,
    }
}

/// Whether `run` (text between break characters) has characters, but too few for a
/// trigram: the index keeps it only as a whole.
fn is_short_run(run: &str) -> bool {
    (1..TRIGRAM).contains(&run.chars().count())
}

/// Whether `term` ends, after a break character, with a run shorter than a trigram: the
/// index then asks for a token that begins with it (`依法行政，推进` is followed by
/// `推进` whole, or by a window beginning `推进`).
pub fn last_run_is_short(term: &str) -> bool {
    term.contains(breaks::is_break)
        && term
            .rsplit(breaks::is_break)
            .next()
            .is_some_and(is_short_run)
}

fn join(mut parts: Vec<Query>, make: fn(Vec<Query>) -> Query) -> Option<Query> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(make(parts)),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Term(String),
    And,
    Or,
    Not,
    Open,
    Close,
}

fn tokenize(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            chars.next();
            tokens.push(if c == '(' { Token::Open } else { Token::Close });
        } else if let Some(close) = closing_quote(c) {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&q| q != close).collect();
            if phrase.is_empty() {
                return Err(QueryError(
                    "an empty phrase `\"\"` looks for nothing".into(),
                ));
            }
            tokens.push(Token::Term(phrase));
        } else {
            let mut word = String::new();
            while let Some(&w) = chars.peek() {
                if w.is_whitespace() || w == '(' || w == ')' || closing_quote(w).is_some() {
                    break;
                }
                word.push(w);
                chars.next();
            }
            tokens.push(match word.as_str() {
                "AND" => Token::And,
                "OR" => Token::Or,
                "NOT" => Token::Not,
                _ => Token::Term(word),
            });
        }
    }
    Ok(tokens)
}

/// The quote closing a phrase opened by `c`, if `c` opens one.
fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        _ => None,
    }
}

/// Recursive descent over `or := and (OR and)*`, `and := unary ((AND)? unary)*`,
/// `unary := (NOT)? primary`, `primary := term | ( or )`.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

/// How deep parentheses may nest: deeper is refused rather than risking the stack.
const MAX_DEPTH: usize = 32;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn or_expr(&mut self) -> Result<Query, QueryError> {
        self.or_at(0)
    }

    fn or_at(&mut self, depth: usize) -> Result<Query, QueryError> {
        if depth > MAX_DEPTH {
            return Err(QueryError("parentheses nest too deeply".into()));
        }
        let mut parts = vec![self.and_at(depth)?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            parts.push(self.and_at(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::Or(parts)
        })
    }

    /// A run of terms joined by `AND` or by nothing; `NOT x` inside it excludes `x`.
    fn and_at(&mut self, depth: usize) -> Result<Query, QueryError> {
        let mut keep = Vec::new();
        let mut drop = Vec::new();
        loop {
            match self.peek() {
                None | Some(Token::Or) | Some(Token::Close) => break,
                Some(Token::And) if keep.is_empty() && drop.is_empty() => {
                    return Err(QueryError("`AND` needs a term on its left".into()));
                }
                Some(Token::And) => {
                    self.at += 1;
                    if matches!(self.peek(), None | Some(Token::Or) | Some(Token::Close)) {
                        return Err(QueryError("`AND` needs a term on its right".into()));
                    }
                }
                Some(Token::Not) => {
                    self.at += 1;
                    drop.push(self.primary(depth)?);
                }
                Some(_) => keep.push(self.primary(depth)?),
            }
        }
        let Some(kept) = join(keep, Query::And) else {
            return Err(QueryError(if drop.is_empty() {
                "nothing to look for (an empty query, or an operator without a term)".into()
            } else {
                "`NOT` needs a term to keep on its left (`调解 NOT 信访`)".into()
            }));
        };
        Ok(match join(drop, Query::Or) {
            Some(dropped) => Query::Not(Box::new(kept), Box::new(dropped)),
            None => kept,
        })
    }

    fn primary(&mut self, depth: usize) -> Result<Query, QueryError> {
        match self.tokens.get(self.at).cloned() {
            Some(Token::Term(term)) => {
                self.at += 1;
                Ok(Query::Term(term))
            }
            Some(Token::Open) => {
                self.at += 1;
                let inner = self.or_at(depth + 1)?;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError("a `(` is never closed".into()));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(Token::Close) => Err(QueryError("`()` holds no term".into())),
            Some(_) => Err(QueryError("two operators in a row".into())),
            None => Err(QueryError("the query ends with an operator".into())),
        }
    }
}

#[cfg(test)]
mod tests;
