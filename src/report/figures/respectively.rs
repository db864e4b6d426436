//! `A、B和C分别为12项、30项、8项`: a list of things, `分别` ("respectively"), and a list of
//! figures, one per thing. Each figure is labelled with its own thing, in order, rather
//! than with whatever stands next to the first number.

use super::label;

/// Between `分别` and the first figure at most this many characters may stand
/// (`分别为`, `分别增长`, `分别达到`).
const MAX_GAP_CHARS: usize = 4;

/// Characters that separate the figures of the list (`12项、30项和8项`).
const FIGURE_SEPARATORS: &str = "、，,和及与 \u{3000}";

/// Characters that separate the things listed before `分别`.
const ITEM_SEPARATORS: &[char] = &['、', '和', '及', '与', '，', ','];

/// Marks that end the stretch of text the things are listed in.
const LIST_ENDS: &[char] = &['。', '；', ';', '：', ':', '！', '？', '\n'];

/// A list of things longer than this is prose, not a list.
const MAX_LIST_CHARS: usize = 60;

/// For each figure (given by `(start, end)` character spans, in text order), the label
/// its `分别` list gives it, where it stands in one.
pub(super) fn labels(chars: &[char], figures: &[(usize, usize)]) -> Vec<Option<String>> {
    let mut out = vec![None; figures.len()];
    let mut i = 0;
    while i < figures.len() {
        let Some(at) = respectively_before(chars, figures[i].0) else {
            i += 1;
            continue;
        };
        let mut run = i + 1;
        while run < figures.len() && only_separators(chars, figures[run - 1].1, figures[run].0) {
            run += 1;
        }
        if let Some(items) = items_before(chars, at).filter(|items| items.len() == run - i) {
            for (slot, item) in out[i..run].iter_mut().zip(items) {
                *slot = Some(item);
            }
        }
        i = run;
    }
    out
}

/// Where `分别` stands, when it stands shortly before `start` in the same clause.
fn respectively_before(chars: &[char], start: usize) -> Option<usize> {
    let from = start.saturating_sub(MAX_GAP_CHARS + 2);
    (from..start.saturating_sub(1))
        .rev()
        .find(|&i| chars[i] == '分' && chars[i + 1] == '别')
        .filter(|&i| {
            !chars[i + 2..start]
                .iter()
                .any(|c| LIST_ENDS.contains(c) || "，,、".contains(*c))
        })
}

fn only_separators(chars: &[char], from: usize, to: usize) -> bool {
    from <= to
        && to - from <= 2
        && chars[from..to]
            .iter()
            .all(|c| FIGURE_SEPARATORS.contains(*c))
}

/// The labels of the things listed before `分别` at `at`: the stretch back to the
/// previous clause mark (one clause further when `分别` opens its clause, as in
/// `…三张清单，分别为`), split at `、`/`和`, each read as the noun phrase it ends in.
fn items_before(chars: &[char], at: usize) -> Option<Vec<String>> {
    let stop = |c: &char| LIST_ENDS.contains(c) || *c == '，' || *c == ',';
    let floor = at.saturating_sub(MAX_LIST_CHARS);
    let mut end = at;
    let mut start = (floor..end)
        .rev()
        .find(|&i| stop(&chars[i]))
        .map_or(floor, |i| i + 1);
    if start == end && start > floor && !LIST_ENDS.contains(&chars[start - 1]) {
        end = start - 1;
        start = (floor..end)
            .rev()
            .find(|&i| stop(&chars[i]))
            .map_or(floor, |i| i + 1);
    }
    let text: String = chars[start..end].iter().collect();
    let pieces: Vec<&str> = text.split(ITEM_SEPARATORS).map(str::trim).collect();
    if pieces.len() < 2 || pieces.iter().any(|p| p.is_empty()) {
        return None;
    }
    pieces
        .iter()
        .map(|piece| {
            let named = label::before(&label::tag(piece)).label;
            (!named.is_empty()).then_some(named)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(text: &str, surfaces: &[&str]) -> Vec<Option<String>> {
        let chars: Vec<char> = text.chars().collect();
        let spans: Vec<(usize, usize)> = surfaces
            .iter()
            .map(|s| {
                let at = text.find(s).map_or(0, |b| text[..b].chars().count());
                (at, at + s.chars().count())
            })
            .collect();
        labels(&chars, &spans)
    }

    #[test]
    fn each_figure_takes_its_own_item() {
        let found = labelled(
            "梳理权力清单、负面清单和服务清单分别为41项、7项、19项。",
            &["41项", "7项", "19项"],
        );
        let want = ["权力清单", "负面清单", "服务清单"].map(|l| Some(l.to_string()));
        assert_eq!(found, want);
    }

    #[test]
    fn the_list_may_stand_in_the_clause_before() {
        let found = labelled(
            "建立学法台账、执法台账，分别登记23条、9条。",
            &["23条", "9条"],
        );
        assert_eq!(
            found,
            vec![Some("学法台账".to_string()), Some("执法台账".to_string())]
        );
    }

    #[test]
    fn a_count_that_does_not_match_the_list_is_left_alone() {
        let found = labelled("刑事案件和治安案件分别下降5件。", &["5件"]);
        assert_eq!(found, vec![None]);
    }
}
