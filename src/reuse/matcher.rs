//! From shared fingerprints and sentence bands to verified shared segments: exact runs
//! extended to their maximal length on the actual characters, and reworded sentences
//! checked by edit similarity.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::corpus::{Corpus, CorpusDoc, DocId, Posting, SentencePosting};
use super::fingerprint::{KGRAM, fingerprints};
use super::{POSTINGS_CAP, Params, sketch};
use crate::report::Span;

/// Reports read per common (summarized) fingerprint to locate the template text.
const SAMPLE_PARTNERS: usize = 4;

/// Postings rows read per common fingerprint to collect the sample (a report may hold a
/// fingerprint at several positions).
const SAMPLE_ROWS: usize = 32;

/// Other reports read per look-up at most, those with the most anchors first. Only a
/// corpus full of text shared by hundreds of reports below the posting cap reaches it.
const MAX_PARTNERS: usize = 400;

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

/// A common fingerprint of the query: its position, the index counts, and the reports
/// sampled for it.
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

/// Finds the query's shared segments with every other indexed report.
pub fn find<C: Corpus>(
    corpus: &mut C,
    query: &CorpusDoc,
    params: &Params,
) -> Result<Matches, C::Error> {
    let mut matches = Matches::default();
    let anchors = collect_anchors(corpus, query, &mut matches.summaries)?;
    let chosen = choose_partners(anchors);
    for (partner, anchors) in chosen {
        let Some(doc) = corpus.document(partner)? else {
            continue;
        };
        extend_anchors(query, &doc, anchors, params, &mut matches.segments);
        matches.partners.insert(partner, doc);
    }
    find_near_duplicates(corpus, query, params, &mut matches)?;
    Ok(matches)
}

/// Anchor pairs `(query position, partner position)` per partner report.
type Anchors = HashMap<DocId, Vec<(u32, u32)>>;

fn collect_anchors<C: Corpus>(
    corpus: &mut C,
    query: &CorpusDoc,
    summaries: &mut Vec<Summary>,
) -> Result<Anchors, C::Error> {
    let mut by_hash: Vec<(u64, u32)> = fingerprints(query.text.chars())
        .into_iter()
        .map(|f| (f.hash, f.pos))
        .collect();
    by_hash.sort_unstable();
    let mut anchors: Anchors = HashMap::new();
    let mut postings: Vec<Posting> = Vec::new();
    for group in by_hash.chunk_by(|a, b| a.0 == b.0) {
        let hash = group[0].0;
        let Some(stats) = corpus.hash_stats(hash)? else {
            continue;
        };
        if stats.reports <= 1 {
            continue;
        }
        postings.clear();
        let common = !stats.complete || stats.reports as usize > POSTINGS_CAP;
        if common {
            corpus.hash_postings(hash, SAMPLE_ROWS, &mut postings)?;
            let samples = sample_partners(&postings, query.id);
            postings.retain(|p| samples.contains(&p.doc));
            for &(_, pos) in group {
                summaries.push(Summary {
                    pos: pos as usize,
                    townships: stats.townships,
                    reports: stats.reports,
                    samples: samples.clone(),
                });
            }
        } else {
            corpus.hash_postings(hash, usize::MAX, &mut postings)?;
        }
        for posting in postings.iter().filter(|p| p.doc != query.id) {
            let entry = anchors.entry(posting.doc).or_default();
            entry.extend(group.iter().map(|&(_, pos)| (pos, posting.pos)));
        }
    }
    summaries.sort_by_key(|s| s.pos);
    Ok(anchors)
}

fn sample_partners(postings: &[Posting], query: DocId) -> Vec<DocId> {
    let mut samples = Vec::with_capacity(SAMPLE_PARTNERS);
    for posting in postings {
        if posting.doc != query && !samples.contains(&posting.doc) {
            samples.push(posting.doc);
            if samples.len() == SAMPLE_PARTNERS {
                break;
            }
        }
    }
    samples
}

/// The partners to read, most anchors first, at most [`MAX_PARTNERS`].
fn choose_partners(anchors: Anchors) -> Vec<(DocId, Vec<(u32, u32)>)> {
    let mut partners: Vec<(DocId, Vec<(u32, u32)>)> = anchors.into_iter().collect();
    partners.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    partners.truncate(MAX_PARTNERS);
    partners.sort_by_key(|p| p.0);
    partners
}

/// Verifies each anchor on the characters and extends it to the maximal run; runs of at
/// least `min_chars` become segments. Anchors inside a run already found are skipped.
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
        let query_range = qp - back..qp + ahead;
        covered = Some((diagonal, query_range.end));
        if query_range.len() >= params.min_chars {
            out.push(Segment {
                partner: partner.id,
                query: query_range,
                matched: SegmentMatch::Exact {
                    partner_start: rp - back,
                },
            });
        }
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
    let mut candidates: Vec<SentencePosting> = Vec::new();
    let mut band_hits: Vec<SentencePosting> = Vec::new();
    for sentence in query.text.sentences() {
        let chars = &q[sentence.norm.clone()];
        if chars.len() < params.near_min_chars {
            continue;
        }
        let Some(bands) = sketch::bands(chars) else {
            continue;
        };
        candidates.clear();
        for band in bands {
            band_hits.clear();
            corpus.band_postings(band, POSTINGS_CAP + 1, &mut band_hits)?;
            if band_hits.len() > POSTINGS_CAP {
                continue;
            }
            candidates.extend(band_hits.iter().filter(|p| p.doc != query.id));
        }
        candidates.sort_unstable_by_key(|p| (p.doc, p.span.start, p.span.end));
        candidates.dedup();
        for candidate in candidates.iter().copied() {
            if covered_exactly(&matches.segments, candidate.doc, &sentence.norm) {
                continue;
            }
            let Some(partner) = partner_doc(corpus, &mut matches.partners, candidate.doc)? else {
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

fn covered_exactly(segments: &[Segment], partner: DocId, range: &Range<usize>) -> bool {
    segments.iter().any(|s| {
        s.partner == partner
            && matches!(s.matched, SegmentMatch::Exact { .. })
            && s.query.start <= range.start
            && range.end <= s.query.end
    })
}

fn partner_doc<C: Corpus>(
    corpus: &mut C,
    partners: &mut HashMap<DocId, Arc<CorpusDoc>>,
    id: DocId,
) -> Result<Option<Arc<CorpusDoc>>, C::Error> {
    if let Some(doc) = partners.get(&id) {
        return Ok(Some(Arc::clone(doc)));
    }
    if partners.len() >= MAX_PARTNERS {
        return Ok(None);
    }
    let doc = corpus.document(id)?;
    if let Some(doc) = &doc {
        partners.insert(id, Arc::clone(doc));
    }
    Ok(doc)
}
