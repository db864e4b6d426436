//! The text of a paired row or heading as tracked pieces: the comparison's own word
//! edits when they rebuild both sides exactly, else the same word diff computed over
//! the two texts, so that accepting every change gives this year's text and rejecting
//! every change last year's, character for character.

use super::{Change, Piece};
use crate::compare::edits::word_edits;
use crate::compare::{Edit, EditOp, HeadingChange};

/// Pieces turning `old` into `new`, from `edits` when they rebuild both.
pub fn pieces(old: &str, new: &str, edits: &[Edit]) -> Vec<Piece> {
    if old == new {
        return vec![piece(Change::Same, new)];
    }
    if rebuilds(edits, old, new) {
        return from_edits(edits);
    }
    from_edits(&word_edits(old, new))
}

/// Pieces of a paired heading: the marker and anything after the title compared on
/// their own, the title by the comparison's heading edits.
pub fn heading_pieces(
    old: (&str, &str, &str),
    new: (&str, &str, &str),
    change: Option<&HeadingChange>,
) -> Vec<Piece> {
    let (old_text, new_text) = (old.0, new.0);
    let split = |(text, marker, title): (&str, &str, &str)| -> Option<(String, String)> {
        let rest = text.strip_prefix(marker)?.strip_prefix(title)?;
        Some((marker.to_string(), rest.to_string()))
    };
    let edits = change.map_or(&[][..], |c| c.edits.as_slice());
    match (split(old), split(new)) {
        (Some((old_marker, old_rest)), Some((new_marker, new_rest))) => {
            let title = if old.2 == new.2 {
                vec![piece(Change::Same, new.2)]
            } else if rebuilds(edits, old.2, new.2) {
                from_edits(edits)
            } else {
                return pieces(old_text, new_text, &[]);
            };
            let mut out = pieces(&old_marker, &new_marker, &[]);
            out.extend(title);
            out.extend(pieces(&old_rest, &new_rest, &[]));
            out.retain(|p| !p.text.is_empty());
            out
        }
        _ => pieces(old_text, new_text, &[]),
    }
}

fn piece(change: Change, text: &str) -> Piece {
    Piece {
        change,
        text: text.to_string(),
    }
}

/// True when the edits' equal and delete runs give `old` and their equal and insert
/// runs give `new`.
fn rebuilds(edits: &[Edit], old: &str, new: &str) -> bool {
    if edits.is_empty() {
        return false;
    }
    let side = |skip: EditOp| -> String {
        edits
            .iter()
            .filter(|e| e.op != skip)
            .map(|e| e.text.as_str())
            .collect()
    };
    side(EditOp::Insert) == old && side(EditOp::Delete) == new
}

fn from_edits(edits: &[Edit]) -> Vec<Piece> {
    edits
        .iter()
        .filter(|e| !e.text.is_empty())
        .map(|e| {
            let change = match e.op {
                EditOp::Equal => Change::Same,
                EditOp::Delete => Change::Deleted,
                EditOp::Insert => Change::Inserted,
            };
            piece(change, &e.text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides(pieces: &[Piece]) -> (String, String) {
        let keep = |drop: Change| -> String {
            pieces
                .iter()
                .filter(|p| p.change != drop)
                .map(|p| p.text.as_str())
                .collect()
        };
        (keep(Change::Inserted), keep(Change::Deleted))
    }

    #[test]
    fn edits_that_do_not_rebuild_the_texts_are_not_trusted() {
        let stale = word_edits("全年学习12次。", "全年学习15次。");
        let got = pieces("全年开展学习12次。", "全年开展学习16次。", &stale);
        assert_eq!(
            sides(&got),
            ("全年开展学习12次。".into(), "全年开展学习16次。".into())
        );
        assert!(got.iter().any(|p| p.change == Change::Deleted));
    }

    #[test]
    fn a_heading_keeps_its_marker_apart_from_its_title() {
        let change = HeadingChange {
            kind: crate::compare::RowKind::Modified,
            edits: word_edits("自觉接受监督", "主动接受各方面监督"),
        };
        let got = heading_pieces(
            ("（四）自觉接受监督", "（四）", "自觉接受监督"),
            ("（五）主动接受各方面监督", "（五）", "主动接受各方面监督"),
            Some(&change),
        );
        assert_eq!(
            sides(&got),
            (
                "（四）自觉接受监督".into(),
                "（五）主动接受各方面监督".into()
            )
        );
        let has = |change: Change, text: &str| {
            got.iter()
                .any(|p| p.change == change && p.text.contains(text))
        };
        assert!(has(Change::Deleted, "四") && has(Change::Inserted, "五"));
        assert!(has(Change::Inserted, "各方面") && has(Change::Same, "接受"));
    }
}
