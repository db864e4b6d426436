//! From segments to passages: the query's shared stretches are cut wherever the set of
//! other reports holding them changes (or a report holds the next stretch at another
//! place of its text), slivers shorter than a k-gram (where two copies start a
//! character apart) are trimmed or join a neighbour, and each passage gets its kind.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::ops::Range;

use super::corpus::{CorpusDoc, DocId};
use super::fingerprint::KGRAM;
use super::formula;
use super::matcher::{Matches, Segment, SegmentMatch};
use super::{Holders, Kind, Occurrence, Params, Passage, ReuseReport, Shares};

/// A stretch of the query held by the same reports, each through the same segment,
/// throughout.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    range: Range<usize>,
    /// Sorted, without duplicates.
    partners: Vec<DocId>,
    /// For each partner, the index of the segment through which it holds the piece.
    segments: Vec<usize>,
}

/// Builds the report's passages and shares from what matching found.
pub fn build(query: &CorpusDoc, found: &Matches, total: usize, params: &Params) -> ReuseReport {
    let whole = |range: &Range<usize>| query.text.is_whole_clauses(range);
    let mut passages: Vec<Passage> = pieces(&found.segments, &whole)
        .into_iter()
        .filter_map(|mut piece| {
            // Where the reports holding it change inside a clause, a piece can begin
            // on that clause's number or tail: trimmed like a segment's edges.
            piece.range = query.text.passage_range(piece.range);
            (piece.range.len() >= KGRAM).then_some(piece)
        })
        .map(|piece| passage(query, found, &piece, total, params))
        .collect();
    passages.sort_by_key(|p| p.norm.start);
    let mut shares = Shares::default();
    let length = query.text.len().max(1) as f64;
    for passage in &passages {
        shares.add(passage.kind, passage.chars as f64 / length);
    }
    ReuseReport {
        passages,
        shares,
        chars: query.text.len(),
        corpus_townships: total,
    }
}

/// The pieces of the query that the segments cover; `whole` tells a stretch of whole
/// clauses (a heading, a short sentence), which is evidence however short.
fn pieces(segments: &[Segment], whole: &dyn Fn(&Range<usize>) -> bool) -> Vec<Piece> {
    let elementary = elementary_pieces(segments);
    let merged = merge_equal(elementary);
    merge_equal(absorb_slivers(merged, whole))
}

/// Cuts the covered positions at every segment boundary; each piece lists the partners
/// covering it and, for each, its primary segment there: the longest (exact before
/// reworded, then the earliest).
fn elementary_pieces(segments: &[Segment]) -> Vec<Piece> {
    let mut bounds: Vec<usize> = segments
        .iter()
        .flat_map(|s| [s.query.start, s.query.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by_key(|&i| segments[i].query.start);
    let primary = |i: usize| {
        let s = &segments[i];
        (
            s.query.len(),
            matches!(s.matched, SegmentMatch::Exact { .. }),
            std::cmp::Reverse(s.query.start),
            std::cmp::Reverse(i),
        )
    };
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        active.retain(|&i| segments[i].query.end > start);
        while next < order.len() && segments[order[next]].query.start <= start {
            if segments[order[next]].query.end > start {
                active.push(order[next]);
            }
            next += 1;
        }
        if active.is_empty() {
            continue;
        }
        let mut chosen: Vec<(DocId, usize)> = Vec::new();
        for &i in &active {
            let partner = segments[i].partner;
            match chosen.iter_mut().find(|(p, _)| *p == partner) {
                Some(slot) if primary(i) > primary(slot.1) => slot.1 = i,
                Some(_) => {}
                None => chosen.push((partner, i)),
            }
        }
        chosen.sort_unstable();
        out.push(Piece {
            range: start..end,
            partners: chosen.iter().map(|&(p, _)| p).collect(),
            segments: chosen.iter().map(|&(_, i)| i).collect(),
        });
    }
    out
}

/// Joins contiguous pieces held by the same reports through the same segments.
fn merge_equal(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match out.last_mut() {
            Some(last)
                if last.range.end == piece.range.start
                    && last.partners == piece.partners
                    && last.segments == piece.segments =>
            {
                last.range.end = piece.range.end;
            }
            _ => out.push(piece),
        }
    }
    out
}

/// Deals with pieces shorter than a k-gram, shortest first (the earliest of equally
/// short ones). A sliver at the edge of a shared stretch is trimmed: every report covering it also covers its neighbour (a
/// shared segment is longer than a sliver), so it is one copy running on a few
/// characters, which should not stretch the passage the others share — unless it is
/// whole clauses (`（三）加强矛盾纠纷化解。` before a sentence the others reworded),
/// which joins its neighbour. A sliver between two pieces joins the longer one and
/// takes its reports: each of its own reports shares a segment reaching into a
/// neighbour, where it is listed. The slivers wait in a queue by length and the pieces
/// left are linked to their neighbours, so a long report's thousands of slivers cost
/// no scan of every piece each.
fn absorb_slivers(pieces: Vec<Piece>, whole: &dyn Fn(&Range<usize>) -> bool) -> Vec<Piece> {
    let mut left = Remaining::new(pieces);
    // (length, index): the shortest first, then the earliest. A piece only grows, so an
    // entry whose length is no longer the piece's is stale.
    let mut queue: BinaryHeap<Reverse<(usize, usize)>> = (0..left.pieces.len())
        .filter_map(|i| left.range(i).map(|r| Reverse((r.len(), i))))
        .filter(|Reverse((len, _))| *len < KGRAM)
        .collect();
    while let Some(Reverse((len, i))) = queue.pop() {
        let Some(range) = left.range(i).filter(|r| r.len() == len) else {
            continue;
        };
        let before = left.prev[i].filter(|&j| left.range(j).is_some_and(|r| r.end == range.start));
        let after = left.next[i].filter(|&j| left.range(j).is_some_and(|r| r.start == range.end));
        let length = |j: usize| left.range(j).map_or(0, |r| r.len());
        let target = match (before, after) {
            (Some(b), Some(a)) if length(a) > length(b) => Some(a),
            (Some(b), Some(_)) => Some(b),
            (Some(b), None) if whole(&range) => Some(b),
            (None, Some(a)) if whole(&range) => Some(a),
            _ => None,
        };
        left.remove(i);
        let grown = target.and_then(|target| Some((left.widen(target, &range)?, target)));
        if let Some((len, target)) = grown.filter(|&(len, _)| len < KGRAM) {
            queue.push(Reverse((len, target)));
        }
    }
    left.pieces.into_iter().flatten().collect()
}

/// Pieces in their order, some taken out, each linked to the nearest ones left on
/// either side.
struct Remaining {
    pieces: Vec<Option<Piece>>,
    prev: Vec<Option<usize>>,
    next: Vec<Option<usize>>,
}

impl Remaining {
    fn new(pieces: Vec<Piece>) -> Remaining {
        let count = pieces.len();
        Remaining {
            pieces: pieces.into_iter().map(Some).collect(),
            prev: (0..count).map(|i| i.checked_sub(1)).collect(),
            next: (1..=count).map(|n| (n < count).then_some(n)).collect(),
        }
    }

    /// The range of piece `i`, `None` once it is taken out.
    fn range(&self, i: usize) -> Option<Range<usize>> {
        self.pieces.get(i)?.as_ref().map(|p| p.range.clone())
    }

    /// Takes piece `i` out, linking its neighbours to each other.
    fn remove(&mut self, i: usize) {
        let (prev, next) = (self.prev[i], self.next[i]);
        if let Some(p) = prev {
            self.next[p] = next;
        }
        if let Some(n) = next {
            self.prev[n] = prev;
        }
        self.pieces[i] = None;
    }

    /// Widens piece `i` over the neighbouring `range`; its new length, `None` when it
    /// was taken out.
    fn widen(&mut self, i: usize, range: &Range<usize>) -> Option<usize> {
        let piece = self.pieces.get_mut(i)?.as_mut()?;
        piece.range = piece.range.start.min(range.start)..piece.range.end.max(range.end);
        Some(piece.range.len())
    }
}

fn passage(
    query: &CorpusDoc,
    found: &Matches,
    piece: &Piece,
    total: usize,
    params: &Params,
) -> Passage {
    let mut reports: Vec<Occurrence> = piece
        .segments
        .iter()
        .filter_map(|&i| occurrence(found, &found.segments[i], &piece.range))
        .collect();
    let own = query.township;
    let township_of = |id: DocId| found.partners.get(&id).map(|d| d.township);
    let mut townships: HashSet<i64> = piece
        .partners
        .iter()
        .filter_map(|&id| township_of(id))
        .collect();
    let own_history = townships.contains(&own);
    townships.insert(own);
    let verified_townships = townships.len();
    let verified_others = verified_townships - 1;
    let (summary_townships, summary_reports) = summary_counts(found, piece);
    let township_count = verified_townships.max(summary_townships);
    let others = verified_others.max(summary_townships.saturating_sub(1));
    let (counties, provinces) = spread(query, found, piece);
    let holders = Holders {
        townships: township_count,
        others,
        counties,
        provinces,
    };
    let (span, text) = query.text.passage(piece.range.clone());
    let text = text.to_string();
    let kind = if formula::is_formula(&text) {
        Kind::Template
    } else {
        params.kind(holders, total)
    };
    reports.sort_by(|a, b| {
        let a_other = township_of(a.doc) != Some(own);
        let b_other = township_of(b.doc) != Some(own);
        (a_other, &a.township, &a.county, a.year, a.start).cmp(&(
            b_other,
            &b.township,
            &b.county,
            b.year,
            b.start,
        ))
    });
    let near = piece
        .segments
        .iter()
        .all(|&i| matches!(found.segments[i].matched, SegmentMatch::Near { .. }));
    Passage {
        text,
        chars: piece.range.len(),
        kind,
        also_own_history: own_history && kind != Kind::OwnHistory,
        start: span.start,
        end: span.end,
        townships: township_count,
        report_count: reports.len().max(summary_reports.saturating_sub(1)),
        estimated: summary_townships > verified_townships,
        near,
        reports,
        norm: piece.range.clone(),
    }
}

/// The counties and provinces named among the query and the reports holding the piece.
fn spread(query: &CorpusDoc, found: &Matches, piece: &Piece) -> (usize, usize) {
    let infos = std::iter::once(&query.info).chain(
        piece
            .partners
            .iter()
            .filter_map(|id| found.partners.get(id).map(|d| &d.info)),
    );
    let mut counties: HashSet<&str> = HashSet::new();
    let mut provinces: HashSet<&str> = HashSet::new();
    for info in infos {
        if !info.county.is_empty() {
            counties.insert(&info.county);
        }
        if !info.province.is_empty() {
            provinces.insert(&info.province);
        }
    }
    (counties.len(), provinces.len())
}

/// The largest counts of the common fingerprints lying inside the piece whose sampled
/// reports verifiably share it: how widespread the piece's text is beyond the sample.
fn summary_counts(found: &Matches, piece: &Piece) -> (usize, usize) {
    let first = found
        .summaries
        .partition_point(|s| s.pos < piece.range.start);
    found.summaries[first..]
        .iter()
        .take_while(|s| s.pos + KGRAM <= piece.range.end)
        .filter(|s| {
            s.samples
                .iter()
                .any(|d| piece.partners.binary_search(d).is_ok())
        })
        .fold((0, 0), |(t, r), s| {
            (t.max(s.townships as usize), r.max(s.reports as usize))
        })
}

/// Where a partner holds the piece, through `segment`, in the partner's text.
fn occurrence(found: &Matches, segment: &Segment, range: &Range<usize>) -> Option<Occurrence> {
    let doc = found.partners.get(&segment.partner)?;
    let (span, exact, similarity) = match segment.matched {
        SegmentMatch::Exact { partner_start } => {
            let start = range.start.max(segment.query.start);
            let end = range.end.min(segment.query.end).max(start);
            let from = partner_start + (start - segment.query.start);
            // Cut where another report's copy begins or ends, the stretch may begin or
            // end inside one of this report's words: its span keeps to whole words.
            let span = doc
                .text
                .passage_span(doc.text.within_words(from..from + (end - start)));
            let share = (end - start) as f64 / range.len().max(1) as f64;
            (span, start == range.start && end == range.end, share)
        }
        SegmentMatch::Near { span, similarity } => {
            // Trimmed like the query's own span: from the first wording character to
            // the last, so both sides of a reworded pair are delimited alike.
            let trimmed = doc.text.passage_span(doc.text.norm_range(span));
            (trimmed, false, similarity)
        }
    };
    Some(Occurrence {
        doc: segment.partner,
        township: doc.info.township.clone(),
        county: Some(doc.info.county.clone()).filter(|c| !c.is_empty()),
        year: doc.info.year,
        file: doc.info.file.clone(),
        start: span.start,
        end: span.end,
        exact,
        similarity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(partner: DocId, query: Range<usize>) -> Segment {
        Segment {
            partner,
            matched: SegmentMatch::Exact {
                partner_start: query.start,
            },
            query,
        }
    }

    /// Pieces as (range, partners), for comparing with expectations.
    fn shapes(segments: &[Segment]) -> Vec<(Range<usize>, Vec<DocId>)> {
        shapes_with(segments, &|_| false)
    }

    fn shapes_with(
        segments: &[Segment],
        whole: &dyn Fn(&Range<usize>) -> bool,
    ) -> Vec<(Range<usize>, Vec<DocId>)> {
        pieces(segments, whole)
            .into_iter()
            .map(|p| (p.range, p.partners))
            .collect()
    }

    fn piece(range: Range<usize>, partners: &[DocId]) -> (Range<usize>, Vec<DocId>) {
        (range, partners.to_vec())
    }

    #[test]
    fn a_copy_running_on_at_an_edge_does_not_stretch_the_passage() {
        let found = shapes(&[exact(1, 0..40), exact(2, 2..40), exact(3, 2..43)]);
        assert_eq!(found, vec![piece(2..40, &[1, 2, 3])]);
    }

    #[test]
    fn whole_clauses_at_an_edge_join_the_passage() {
        // 0..6 is a heading only report 1 holds word for word before a shared sentence.
        let heading = |r: &Range<usize>| *r == (0..6);
        let segments = [exact(1, 0..40), exact(2, 6..40)];
        let found = shapes_with(&segments, &heading);
        assert_eq!(found, vec![piece(0..40, &[1, 2])]);
        assert_eq!(shapes(&segments), vec![piece(6..40, &[1, 2])]);
    }

    #[test]
    fn a_sliver_between_pieces_joins_the_longer_neighbour() {
        // Report 1 holds 0..45; report 2 starts 4 characters after report 3 ends.
        let found = shapes(&[exact(1, 0..45), exact(3, 0..18), exact(2, 22..45)]);
        assert_eq!(found, vec![piece(0..18, &[1, 3]), piece(18..45, &[1, 2])]);
    }

    #[test]
    fn pieces_are_cut_where_the_set_of_reports_changes() {
        let found = shapes(&[exact(1, 0..30), exact(2, 10..50)]);
        assert_eq!(
            found,
            vec![
                piece(0..10, &[1]),
                piece(10..30, &[1, 2]),
                piece(30..50, &[2])
            ]
        );
    }

    #[test]
    fn separate_stretches_stay_separate() {
        let found = shapes(&[exact(1, 0..20), exact(1, 30..50)]);
        assert_eq!(found, vec![piece(0..20, &[1]), piece(30..50, &[1])]);
    }

    #[test]
    fn a_report_holding_the_next_stretch_elsewhere_starts_a_new_piece() {
        // Report 1 holds 0..30 at one place and 30..60 at another.
        let mut second = exact(1, 30..60);
        second.matched = SegmentMatch::Exact { partner_start: 500 };
        let found = shapes(&[exact(1, 0..30), second]);
        assert_eq!(found, vec![piece(0..30, &[1]), piece(30..60, &[1])]);
    }

    /// Pieces with one partner each, so none merge.
    fn alone(ranges: &[(Range<usize>, DocId)]) -> Vec<Piece> {
        let piece = |(range, partner): &(Range<usize>, DocId)| Piece {
            range: range.clone(),
            partners: vec![*partner],
            segments: vec![0],
        };
        ranges.iter().map(piece).collect()
    }

    fn absorbed(ranges: &[(Range<usize>, DocId)]) -> Vec<(Range<usize>, DocId)> {
        absorb_slivers(alone(ranges), &|_| false)
            .into_iter()
            .map(|p| (p.range, p.partners[0]))
            .collect()
    }

    #[test]
    fn the_shortest_sliver_is_absorbed_first() {
        // 23..25 goes first and joins 25..45, which is then longer than 0..20.
        let found = absorbed(&[(0..20, 1), (20..23, 2), (23..25, 3), (25..45, 4)]);
        assert_eq!(found, vec![(0..20, 1), (20..45, 4)]);
    }

    #[test]
    fn of_equally_short_slivers_the_earliest_is_absorbed_first() {
        // 20..23 joins 0..20, which then outweighs 26..40 for 23..26.
        let found = absorbed(&[(0..20, 1), (20..23, 2), (23..26, 3), (26..40, 4)]);
        assert_eq!(found, vec![(0..26, 1), (26..40, 4)]);
        let trimmed = absorbed(&[(0..4, 1), (10..30, 2), (30..33, 3)]);
        assert_eq!(trimmed, vec![(10..30, 2)]);
    }

    #[test]
    fn no_segments_no_pieces() {
        assert!(shapes(&[]).is_empty());
    }
}
