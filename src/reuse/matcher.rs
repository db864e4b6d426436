//! From shared fingerprints and sentence bands to verified shared segments: exact runs
//! extended to their maximal length on the actual characters, and reworded sentences
//! checked by edit similarity.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::corpus::{Corpus, CorpusDoc, DocId, HashStats, Posting, SentencePosting};
use super::fingerprint::{CONTEXT_CHARS, Fingerprint, KGRAM, context_agreement, fingerprints};
use super::{BAND_ROWS, MatchText, POSTINGS_CAP, Params, sketch};
use crate::report::Span;

/// Reports sampled per common fingerprint to locate the template text it belongs to.
const SAMPLE_PARTNERS: usize = 4;

/// Postings rows read per common fingerprint to find reports whose context agrees with
/// the query's (a report may hold a fingerprint at several positions).
const SAMPLE_ROWS: usize = 64;

/// Reports read per look-up for common text, those sampled most often first.
const SAMPLE_BUDGET: usize = 16;

/// Reports read per look-up for rarer shared text, strongest evidence first (an anchor
/// on a fingerprint held by `n` reports weighs `1 / (n − 1)`, so a copy shared by two
/// reports outweighs the edge of a passage shared by fifty). Reports left out still
/// count: their fingerprints' index counts inform the passage's township count.
const EVIDENCE_BUDGET: usize = 48;

/// Reports read per look-up only to check reworded sentences.
const NEAR_BUDGET: usize = 32;

/// Occurrences of one fingerprint paired per report, on each side. Text repeated
/// hundreds of times (a line pasted over and over) would otherwise pair every copy with
/// every copy; the runs the first pairs extend to cover the rest.
const MAX_REPEATS: usize = 16;

/// How a segment matches its partner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SegmentMatch {
    /// Character for character; `partner_start` is the partner's normalized position
    /// of the segment's first character.
    Exact { partner_start: usize },
    /// A reworded sentence: the partner's sentence span and the edit similarity.
    Near { span: Span, similarity: f64 },
}

/// A stretch of the query shared with one other report.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub partner: DocId,
    /// Normalized positions in the query.
    pub query: Range<usize>,
    pub matched: SegmentMatch,
}

/// A fingerprint of the query whose reports were not all read (common text, or reports
/// beyond the budget): its position, the index counts, and the reports that were read.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pos: usize,
    pub townships: u32,
    pub reports: u32,
    pub samples: Vec<DocId>,
}

/// Everything matching found for one query.
#[derive(Debug, Default)]
pub struct Matches {
    pub segments: Vec<Segment>,
    pub summaries: Vec<Summary>,
    pub partners: HashMap<DocId, Arc<CorpusDoc>>,
}

/// Finds the query's shared segments with the other indexed reports.
pub fn find<C: Corpus>(
    corpus: &mut C,
    query: &CorpusDoc,
    params: &Params,
) -> Result<Matches, C::Error> {
    let mut matches = Matches::default();
    let mut candidates = collect_candidates(corpus, query, params)?;
    let chosen = choose_partners(&candidates);
    matches.summaries = summaries(&candidates, &chosen);
    for partner in chosen {
        let anchors = candidates.anchors.remove(&partner).unwrap_or_default();
        let Some(doc) = corpus.document(partner)? else {
            continue;
        };
        extend_anchors(query, &doc, anchors, params, &mut matches.segments);
        matches.partners.insert(partner, doc);
    }
    find_near_duplicates(corpus, query, params, &mut matches)?;
    Ok(matches)
}

/// One of the query's fingerprints that other reports hold.
struct SharedHash {
    positions: Vec<u32>,
    stats: HashStats,
    /// Summarized in the index: only a sample of its reports was considered.
    common: bool,
    /// The reports considered for it (all of them unless common).
    partners: Vec<DocId>,
}

/// The other reports worth reading and why.
#[derive(Default)]
struct Candidates {
    /// Anchor pairs `(query position, partner position)` per report.
    anchors: HashMap<DocId, Vec<(u32, u32)>>,
    /// Evidence weight per report from rarer fingerprints.
    evidence: HashMap<DocId, f64>,
    /// Times each report was sampled for a common fingerprint.
    sampled: HashMap<DocId, usize>,
    shared: Vec<SharedHash>,
}

fn collect_candidates<C: Corpus>(
    corpus: &mut C,
    query: &CorpusDoc,
    params: &Params,
) -> Result<Candidates, C::Error> {
    let mut by_hash: Vec<Fingerprint> = fingerprints(query.text.chars());
    by_hash.sort_unstable_by_key(|f| (f.hash, f.pos));
    // A run of `min_chars` around a shared k-gram agrees on at least this many context
    // characters; fewer means the partner cannot hold a long enough passage here.
    let needed = (params.min_chars - KGRAM.min(params.min_chars)).min(CONTEXT_CHARS);
    let plausible = |q: &Fingerprint, p: &Posting| {
        let (left, right) = context_agreement(q.context, p.context);
        left + right >= needed
    };
    let mut found = Candidates::default();
    let mut postings: Vec<Posting> = Vec::new();
    for group in by_hash.chunk_by(|a, b| a.hash == b.hash) {
        let group = &group[..group.len().min(MAX_REPEATS)];
        let hash = group[0].hash;
        let Some(stats) = corpus.hash_stats(hash)? else {
            continue;
        };
        if stats.reports <= 1 {
            continue;
        }
        postings.clear();
        let common = !stats.complete || stats.reports as usize > POSTINGS_CAP;
        let limit = if common { SAMPLE_ROWS } else { usize::MAX };
        corpus.hash_postings(hash, limit, &mut postings)?;
        postings.retain(|p| p.doc != query.id && group.iter().any(|q| plausible(q, p)));
        let mut partners: Vec<DocId> = postings.iter().map(|p| p.doc).collect();
        partners.dedup();
        if common {
            partners.truncate(SAMPLE_PARTNERS);
            postings.retain(|p| partners.contains(&p.doc));
        }
        let weight = 1.0 / f64::from(stats.reports - 1);
        for &partner in &partners {
            if common {
                *found.sampled.entry(partner).or_default() += 1;
            } else {
                *found.evidence.entry(partner).or_default() += weight;
            }
        }
        let mut repeats: (DocId, usize) = (DocId::MIN, 0);
        for posting in &postings {
            repeats = if repeats.0 == posting.doc {
                (posting.doc, repeats.1 + 1)
            } else {
                (posting.doc, 1)
            };
            if repeats.1 > MAX_REPEATS {
                continue;
            }
            let entry = found.anchors.entry(posting.doc).or_default();
            entry.extend(
                group
                    .iter()
                    .filter(|q| plausible(q, posting))
                    .map(|q| (q.pos, posting.pos)),
            );
        }
        found.shared.push(SharedHash {
            positions: group.iter().map(|q| q.pos).collect(),
            stats,
            common,
            partners,
        });
    }
    Ok(found)
}

/// The reports to read: the most sampled for common text, then the strongest evidence
/// for rarer text, each within its budget.
fn choose_partners(candidates: &Candidates) -> Vec<DocId> {
    let mut sampled: Vec<(DocId, usize)> =
        candidates.sampled.iter().map(|(&d, &n)| (d, n)).collect();
    sampled.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<DocId> = sampled
        .iter()
        .take(SAMPLE_BUDGET)
        .map(|&(d, _)| d)
        .collect();
    let mut evidence: Vec<(DocId, f64)> = candidates
        .evidence
        .iter()
        .filter(|(d, _)| !chosen.contains(d))
        .map(|(&d, &w)| (d, w))
        .collect();
    evidence.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    chosen.extend(evidence.iter().take(EVIDENCE_BUDGET).map(|&(d, _)| d));
    chosen.sort_unstable();
    chosen
}

/// Index counts for the query's fingerprints whose reports were not all read (common
/// text, or reports beyond the budget), with the reports that were: how widespread a
/// passage is beyond what was verified.
fn summaries(candidates: &Candidates, chosen: &[DocId]) -> Vec<Summary> {
    let mut out = Vec::new();
    for shared in &candidates.shared {
        let read: Vec<DocId> = shared
            .partners
            .iter()
            .copied()
            .filter(|d| chosen.binary_search(d).is_ok())
            .collect();
        if !shared.common && read.len() == shared.partners.len() {
            continue;
        }
        out.extend(shared.positions.iter().map(|&pos| Summary {
            pos: pos as usize,
            townships: shared.stats.townships,
            reports: shared.stats.reports,
            samples: read.clone(),
        }));
    }
    out.sort_by_key(|s| s.pos);
    out
}

/// Verifies each anchor on the characters and extends it to the maximal run, then trims
/// its ragged edges ([`super::MatchText::passage_range`]); those of at least `min_chars`
/// become segments. Anchors inside a run already found are skipped.
fn extend_anchors(
    query: &CorpusDoc,
    partner: &CorpusDoc,
    mut anchors: Vec<(u32, u32)>,
    params: &Params,
    out: &mut Vec<Segment>,
) {
    let q = query.text.chars();
    let r = partner.text.chars();
    anchors.sort_unstable_by_key(|&(qp, rp)| (i64::from(rp) - i64::from(qp), qp));
    anchors.dedup();
    let mut covered: Option<(i64, usize)> = None;
    for (qp, rp) in anchors {
        let (qp, rp) = (qp as usize, rp as usize);
        let diagonal = rp as i64 - qp as i64;
        if covered.is_some_and(|(d, end)| d == diagonal && qp + KGRAM <= end) {
            continue;
        }
        if qp + KGRAM > q.len() || rp + KGRAM > r.len() || q[qp..qp + KGRAM] != r[rp..rp + KGRAM] {
            continue;
        }
        let back = (1..=qp.min(rp))
            .take_while(|&i| q[qp - i] == r[rp - i])
            .count();
        let ahead = (0..(q.len() - qp).min(r.len() - rp))
            .take_while(|&i| q[qp + i] == r[rp + i])
            .count();
        let run = qp - back..qp + ahead;
        covered = Some((diagonal, run.end));
        let query_range = common_passage(&query.text, &partner.text, run, rp - back);
        if query_range.len() >= params.min_chars {
            out.push(Segment {
                partner: partner.id,
                matched: SegmentMatch::Exact {
                    partner_start: rp - back + (query_range.start - (qp - back)),
                },
                query: query_range,
            });
        }
    }
}

/// The part of the shared run `run` (starting at `partner_start` in the partner) that
/// is a passage in both reports: trimmed on each side in turn until neither trims it
/// further, so its edges cut no word or number in either report.
fn common_passage(
    query: &MatchText,
    partner: &MatchText,
    run: Range<usize>,
    partner_start: usize,
) -> Range<usize> {
    let offset = |r: &Range<usize>| r.start - run.start + partner_start;
    let mut range = run.clone();
    loop {
        let trimmed = query.passage_range(range.clone());
        let from = offset(&trimmed);
        let theirs = partner.passage_range(from..from + trimmed.len());
        let back = theirs.start - from + trimmed.start..theirs.end - from + trimmed.start;
        if back == range || back.is_empty() {
            return back;
        }
        range = back;
    }
}

/// Sentences of the query that read like a sentence elsewhere with a few words changed.
fn find_near_duplicates<C: Corpus>(
    corpus: &mut C,
    query: &CorpusDoc,
    params: &Params,
    matches: &mut Matches,
) -> Result<(), C::Error> {
    let q = query.text.chars();
    let budget = matches.partners.len() + NEAR_BUDGET;
    let reused = exact_coverage(&matches.segments);
    let exact = ExactByPartner::of(&matches.segments);
    let mut candidates: Vec<SentencePosting> = Vec::new();
    let mut band_hits: Vec<SentencePosting> = Vec::new();
    for sentence in query.text.sentences() {
        let chars = &q[sentence.norm.clone()];
        // A sentence already reused word for word is reported as such; looking for
        // reworded copies of it too would double the look-ups for little news.
        if chars.len() < params.near_min_chars || covers(&reused, &sentence.norm) {
            continue;
        }
        let Some(bands) = sketch::bands(chars) else {
            continue;
        };
        candidates.clear();
        for band in bands {
            band_hits.clear();
            corpus.band_postings(band, BAND_ROWS, &mut band_hits)?;
            if band_hits.len() >= BAND_ROWS {
                continue;
            }
            candidates.extend(band_hits.iter().filter(|p| p.doc != query.id));
        }
        candidates.sort_unstable_by_key(|p| (p.doc, p.span.start, p.span.end));
        candidates.dedup();
        for candidate in candidates.iter().copied() {
            if exact.covers(candidate.doc, &sentence.norm) {
                continue;
            }
            let Some(partner) = partner_doc(corpus, &mut matches.partners, candidate.doc, budget)?
            else {
                continue;
            };
            let range = partner.text.norm_range(candidate.span);
            let other = &partner.text.chars()[range];
            if other.len() < params.near_min_chars {
                continue;
            }
            if let Some(similarity) =
                sketch::similarity_at_least(chars, other, params.near_similarity)
            {
                matches.segments.push(Segment {
                    partner: candidate.doc,
                    query: sentence.norm.clone(),
                    matched: SegmentMatch::Near {
                        span: candidate.span,
                        similarity,
                    },
                });
            }
        }
    }
    Ok(())
}

/// The union of the exact segments' query ranges, sorted and merged.
fn exact_coverage(segments: &[Segment]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = segments
        .iter()
        .filter(|s| matches!(s.matched, SegmentMatch::Exact { .. }))
        .map(|s| s.query.clone())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// True when `range` lies inside one of the merged `ranges`.
fn covers(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let after = ranges.partition_point(|r| r.start <= range.start);
    after > 0 && ranges[after - 1].end >= range.end
}

/// The exact segments of each partner, to ask in logarithmic time whether one of them
/// holds a range of the query (a scan of every segment per sentence was quadratic in a
/// long report).
struct ExactByPartner {
    /// Per partner: segment starts ascending, and the furthest end among the segments
    /// up to each.
    partners: HashMap<DocId, (Vec<usize>, Vec<usize>)>,
}

impl ExactByPartner {
    fn of(segments: &[Segment]) -> ExactByPartner {
        let mut ranges: HashMap<DocId, Vec<Range<usize>>> = HashMap::new();
        for s in segments {
            if matches!(s.matched, SegmentMatch::Exact { .. }) {
                ranges.entry(s.partner).or_default().push(s.query.clone());
            }
        }
        let partners = ranges
            .into_iter()
            .map(|(partner, mut list)| {
                list.sort_by_key(|r| r.start);
                let starts = list.iter().map(|r| r.start).collect();
                let furthest = list
                    .iter()
                    .scan(0, |end, r| {
                        *end = r.end.max(*end);
                        Some(*end)
                    })
                    .collect();
                (partner, (starts, furthest))
            })
            .collect();
        ExactByPartner { partners }
    }

    /// True when one exact segment shared with `partner` holds all of `range`.
    fn covers(&self, partner: DocId, range: &Range<usize>) -> bool {
        let Some((starts, furthest)) = self.partners.get(&partner) else {
            return false;
        };
        let before = starts.partition_point(|&start| start <= range.start);
        before > 0 && furthest[before - 1] >= range.end
    }
}

/// A partner already read, or read now while within `budget` reports in all.
fn partner_doc<C: Corpus>(
    corpus: &mut C,
    partners: &mut HashMap<DocId, Arc<CorpusDoc>>,
    id: DocId,
    budget: usize,
) -> Result<Option<Arc<CorpusDoc>>, C::Error> {
    if let Some(doc) = partners.get(&id) {
        return Ok(Some(Arc::clone(doc)));
    }
    if partners.len() >= budget {
        return Ok(None);
    }
    let doc = corpus.document(id)?;
    if let Some(doc) = &doc {
        partners.insert(id, Arc::clone(doc));
    }
    Ok(doc)
}
