//! From segments to passages: the query's shared stretches are cut wherever the set of
//! other reports holding them changes, slivers shorter than a k-gram (where two copies
//! start a character apart) join their neighbour, and each passage gets its kind.

use std::collections::HashSet;
use std::ops::Range;

use super::corpus::{CorpusDoc, DocId};
use super::fingerprint::KGRAM;
use super::matcher::{Matches, Segment, SegmentMatch};
use super::{Kind, Occurrence, Params, Passage, ReuseReport, Shares};

/// A stretch of the query with the same set of other reports throughout.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    range: Range<usize>,
    /// Sorted, without duplicates.
    partners: Vec<DocId>,
}

/// Builds the report's passages and shares from what matching found.
pub fn build(query: &CorpusDoc, found: &Matches, total: usize, params: &Params) -> ReuseReport {
    let mut passages: Vec<Passage> = pieces(&found.segments)
        .iter()
        .map(|piece| passage(query, found, piece, total, params))
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

fn pieces(segments: &[Segment]) -> Vec<Piece> {
    let elementary = elementary_pieces(segments);
    let merged = merge_equal(elementary);
    merge_equal(absorb_slivers(merged))
}

/// Cuts the covered positions at every segment boundary; each piece lists the partners
/// covering it.
fn elementary_pieces(segments: &[Segment]) -> Vec<Piece> {
    let mut bounds: Vec<usize> = segments
        .iter()
        .flat_map(|s| [s.query.start, s.query.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut order: Vec<&Segment> = segments.iter().collect();
    order.sort_by_key(|s| s.query.start);
    let mut next = 0;
    let mut active: Vec<&Segment> = Vec::new();
    let mut out = Vec::new();
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        active.retain(|s| s.query.end > start);
        while next < order.len() && order[next].query.start <= start {
            if order[next].query.end > start {
                active.push(order[next]);
            }
            next += 1;
        }
        if active.is_empty() {
            continue;
        }
        let mut partners: Vec<DocId> = active.iter().map(|s| s.partner).collect();
        partners.sort_unstable();
        partners.dedup();
        out.push(Piece {
            range: start..end,
            partners,
        });
    }
    out
}

/// Joins contiguous pieces with the same partners.
fn merge_equal(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match out.last_mut() {
            Some(last)
                if last.range.end == piece.range.start && last.partners == piece.partners =>
            {
                last.range.end = piece.range.end;
            }
            _ => out.push(piece),
        }
    }
    out
}

/// Deals with pieces shorter than a k-gram, shortest first. A sliver at the edge of a
/// shared stretch held only by reports that also hold its neighbour is trimmed: one copy
/// running on a few characters should not stretch the passage the others share. Any
/// other sliver joins its longer contiguous neighbour; one with no neighbour is dropped
/// (it cannot be a shared passage).
fn absorb_slivers(mut pieces: Vec<Piece>) -> Vec<Piece> {
    loop {
        let sliver = pieces
            .iter()
            .enumerate()
            .filter(|(_, p)| p.range.len() < KGRAM)
            .min_by_key(|(_, p)| p.range.len())
            .map(|(i, _)| i);
        let Some(i) = sliver else {
            return pieces;
        };
        let before = (i > 0 && pieces[i - 1].range.end == pieces[i].range.start).then(|| i - 1);
        let after = (i + 1 < pieces.len() && pieces[i + 1].range.start == pieces[i].range.end)
            .then_some(i + 1);
        let target = match (before, after) {
            (Some(b), Some(a)) if pieces[a].range.len() > pieces[b].range.len() => Some(a),
            (Some(b), _) => Some(b),
            (None, a) => a,
        };
        let at_edge = before.is_none() || after.is_none();
        let fringe = target.is_some_and(|t| {
            at_edge
                && pieces[i]
                    .partners
                    .iter()
                    .all(|p| pieces[t].partners.binary_search(p).is_ok())
        });
        let piece = pieces.remove(i);
        if fringe {
            continue;
        }
        if let Some(target) = target {
            let target = if target > i { target - 1 } else { target };
            let into = &mut pieces[target];
            into.range =
                into.range.start.min(piece.range.start)..into.range.end.max(piece.range.end);
            into.partners.extend(piece.partners);
            into.partners.sort_unstable();
            into.partners.dedup();
        }
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
        .partners
        .iter()
        .filter_map(|&id| occurrence(found, id, &piece.range))
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
    let kind = params.kind(township_count, others, total);
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
    let near = !found.segments.iter().any(|s| {
        matches!(s.matched, SegmentMatch::Exact { .. }) && overlap(&s.query, &piece.range) > 0
    });
    let span = query.text.clean_span(piece.range.clone());
    Passage {
        text: query.text.slice(span),
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

/// Where partner `id` holds the piece: the segment overlapping it most, mapped into
/// the partner's text.
fn occurrence(found: &Matches, id: DocId, range: &Range<usize>) -> Option<Occurrence> {
    let doc = found.partners.get(&id)?;
    let best = found
        .segments
        .iter()
        .filter(|s| s.partner == id && overlap(&s.query, range) > 0)
        .max_by_key(|s| {
            (
                overlap(&s.query, range),
                matches!(s.matched, SegmentMatch::Exact { .. }),
                std::cmp::Reverse(s.query.start),
            )
        })?;
    let (span, exact, similarity) = match best.matched {
        SegmentMatch::Exact { partner_start } => {
            let start = range.start.max(best.query.start);
            let end = range.end.min(best.query.end);
            let from = partner_start + (start - best.query.start);
            let span = doc.text.clean_span(from..from + (end - start));
            let share = (end - start) as f64 / range.len().max(1) as f64;
            (span, start == range.start && end == range.end, share)
        }
        SegmentMatch::Near { span, similarity } => {
            // Trimmed like the query's own span: from the first wording character to
            // the last, so both sides of a reworded pair are delimited alike.
            let trimmed = doc.text.clean_span(doc.text.norm_range(span));
            (trimmed, false, similarity)
        }
    };
    Some(Occurrence {
        doc: id,
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

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
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

    fn piece(range: Range<usize>, partners: &[DocId]) -> Piece {
        Piece {
            range,
            partners: partners.to_vec(),
        }
    }

    #[test]
    fn a_copy_running_on_at_an_edge_does_not_stretch_the_passage() {
        let found = pieces(&[exact(1, 0..40), exact(2, 2..40), exact(3, 2..43)]);
        assert_eq!(found, vec![piece(2..40, &[1, 2, 3])]);
    }

    #[test]
    fn a_sliver_between_pieces_joins_the_longer_neighbour() {
        // Report 1 holds 0..45; report 2 starts 4 characters after report 3 ends.
        let found = pieces(&[exact(1, 0..45), exact(3, 0..18), exact(2, 22..45)]);
        assert_eq!(found, vec![piece(0..18, &[1, 3]), piece(18..45, &[1, 2])]);
    }

    #[test]
    fn pieces_are_cut_where_the_set_of_reports_changes() {
        let found = pieces(&[exact(1, 0..30), exact(2, 10..50)]);
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
        let found = pieces(&[exact(1, 0..20), exact(1, 30..50), exact(1, 50..70)]);
        assert_eq!(found, vec![piece(0..20, &[1]), piece(30..70, &[1])]);
    }

    #[test]
    fn no_segments_no_pieces() {
        assert!(pieces(&[]).is_empty());
    }
}
