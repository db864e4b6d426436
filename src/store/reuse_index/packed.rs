//! The postings of one fingerprint and the sentences of one band key, each packed into
//! one blob of its row: one row per key instead of one per occurrence, so an import
//! writes a row per key and batch, and a look-up reads one row. Entries are kept in
//! report order (then position), the order a look-up with a limit reads them in.
//!
//! Layout: unsigned LEB128 varints; a posting is `report, pos, context` (context as
//! eight little-endian bytes: it is a digest, varints would only grow it), a sentence
//! `report, start, end − start`. A blob that does not decode ends the list where it
//! stops making sense rather than failing the look-up.

use crate::report::Span;
use crate::reuse::{DocId, Posting, SentencePosting};

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads bytes front to back; `None` once the blob ends or breaks off.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            value |= u64::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    fn fixed(&mut self) -> Option<u64> {
        let (head, rest) = self.bytes.split_first_chunk::<8>()?;
        self.bytes = rest;
        Some(u64::from_le_bytes(*head))
    }

    fn doc(&mut self) -> Option<DocId> {
        DocId::try_from(self.varint()?).ok()
    }
}

/// Appends postings to a packed list.
pub(super) fn put_posting(out: &mut Vec<u8>, posting: &Posting) {
    put_varint(out, u64::try_from(posting.doc).unwrap_or(0));
    put_varint(out, u64::from(posting.pos));
    out.extend_from_slice(&posting.context.to_le_bytes());
}

/// The postings of a packed list, at most `limit`, appended to `out`.
pub(super) fn read_postings(blob: &[u8], limit: usize, out: &mut Vec<Posting>) {
    let mut reader = Reader { bytes: blob };
    for _ in 0..limit {
        let posting = (|| {
            Some(Posting {
                doc: reader.doc()?,
                pos: u32::try_from(reader.varint()?).ok()?,
                context: reader.fixed()?,
            })
        })();
        let Some(posting) = posting else { break };
        out.push(posting);
    }
}

/// Appends a sentence to a packed list.
pub(super) fn put_sentence(out: &mut Vec<u8>, sentence: &SentencePosting) {
    put_varint(out, u64::try_from(sentence.doc).unwrap_or(0));
    put_varint(out, sentence.span.start as u64);
    put_varint(out, (sentence.span.end - sentence.span.start) as u64);
}

/// The sentences of a packed list, at most `limit`, appended to `out`.
pub(super) fn read_sentences(blob: &[u8], limit: usize, out: &mut Vec<SentencePosting>) {
    let mut reader = Reader { bytes: blob };
    for _ in 0..limit {
        let sentence = (|| {
            let doc = reader.doc()?;
            let start = usize::try_from(reader.varint()?).ok()?;
            let len = usize::try_from(reader.varint()?).ok()?;
            Some(SentencePosting {
                doc,
                span: Span::new(start, start.saturating_add(len)),
            })
        })();
        let Some(sentence) = sentence else { break };
        out.push(sentence);
    }
}

/// The postings of a packed list with `extra` merged in, in report then position order.
pub(super) fn merge_postings(blob: &[u8], extra: &[Posting]) -> Vec<u8> {
    let mut all = Vec::new();
    read_postings(blob, usize::MAX, &mut all);
    let appended = all.last().is_none_or(|last| {
        extra
            .first()
            .is_none_or(|first| (last.doc, last.pos) < (first.doc, first.pos))
    });
    let mut out = Vec::with_capacity(blob.len() + extra.len() * 12);
    if appended {
        out.extend_from_slice(blob);
        extra.iter().for_each(|p| put_posting(&mut out, p));
        return out;
    }
    all.extend_from_slice(extra);
    all.sort_unstable_by_key(|p| (p.doc, p.pos));
    all.dedup_by_key(|p| (p.doc, p.pos));
    all.iter().for_each(|p| put_posting(&mut out, p));
    out
}

/// The sentences of a packed list with `extra` merged in (report then start order,
/// one per report and start), and how many it holds.
pub(super) fn merge_sentences(blob: &[u8], extra: &[SentencePosting]) -> (Vec<u8>, usize) {
    let mut all = Vec::new();
    read_sentences(blob, usize::MAX, &mut all);
    all.extend_from_slice(extra);
    all.sort_by_key(|s| (s.doc, s.span.start));
    all.dedup_by_key(|s| (s.doc, s.span.start));
    let mut out = Vec::with_capacity(all.len() * 6);
    all.iter().for_each(|s| put_sentence(&mut out, s));
    (out, all.len())
}

/// A packed list without the entries of `reports`.
pub(super) fn without_postings(blob: &[u8], reports: &[DocId]) -> Vec<u8> {
    let mut all = Vec::new();
    read_postings(blob, usize::MAX, &mut all);
    let mut out = Vec::with_capacity(blob.len());
    all.iter()
        .filter(|p| !reports.contains(&p.doc))
        .for_each(|p| put_posting(&mut out, p));
    out
}

/// A packed list without the sentences of `reports`, and how many it still holds.
pub(super) fn without_sentences(blob: &[u8], reports: &[DocId]) -> (Vec<u8>, usize) {
    let mut all = Vec::new();
    read_sentences(blob, usize::MAX, &mut all);
    all.retain(|s| !reports.contains(&s.doc));
    let mut out = Vec::with_capacity(blob.len());
    all.iter().for_each(|s| put_sentence(&mut out, s));
    (out, all.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(doc: DocId, pos: u32) -> Posting {
        Posting {
            doc,
            pos,
            context: u64::MAX - u64::from(pos),
        }
    }

    #[test]
    fn postings_round_trip_in_report_order_and_stop_at_the_limit() {
        let first = [posting(3, 1), posting(3, 900_000), posting(70_000, 5)];
        let mut blob = Vec::new();
        first.iter().for_each(|p| put_posting(&mut blob, p));
        // An earlier report arriving later is merged into its place.
        let blob = merge_postings(&blob, &[posting(2, 7)]);
        let mut read = Vec::new();
        read_postings(&blob, usize::MAX, &mut read);
        assert_eq!(read, [posting(2, 7), first[0], first[1], first[2]]);
        let mut two = Vec::new();
        read_postings(&blob, 2, &mut two);
        assert_eq!(two, read[..2]);
        let mut rest = Vec::new();
        read_postings(&without_postings(&blob, &[3]), usize::MAX, &mut rest);
        assert_eq!(rest, [posting(2, 7), posting(70_000, 5)]);
        // A blob cut short yields the entries before the cut.
        let mut cut = Vec::new();
        read_postings(&blob[..blob.len() - 3], usize::MAX, &mut cut);
        assert_eq!(cut, read[..3]);
    }

    #[test]
    fn sentences_round_trip_once_per_report_and_start() {
        let s = |doc, start, end| SentencePosting {
            doc,
            span: Span::new(start, end),
        };
        let (blob, held) = merge_sentences(&[], &[s(9, 40, 80), s(1, 0, 300)]);
        assert_eq!(held, 2);
        let (blob, held) = merge_sentences(&blob, &[s(9, 40, 80), s(5, 2, 3)]);
        assert_eq!(held, 3);
        let mut read = Vec::new();
        read_sentences(&blob, usize::MAX, &mut read);
        assert_eq!(read, [s(1, 0, 300), s(5, 2, 3), s(9, 40, 80)]);
        let (left, held) = without_sentences(&blob, &[5]);
        assert_eq!(held, 2);
        let mut read = Vec::new();
        read_sentences(&left, 1, &mut read);
        assert_eq!(read, [s(1, 0, 300)]);
    }
}
