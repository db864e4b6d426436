//! Section alignment: which section of last year's report is which section of this
//! year's, one to one.
//!
//! Level-1 sections are paired first, with the statutory parts they cover weighing in;
//! then the children of every pair are paired among themselves, recursively. A section
//! whose parent found no counterpart (or that has no parent) gets a second chance
//! against all leftovers of the other report, at a stricter threshold: a subsection
//! whose part was merged away, a section promoted or demoted a level. Two leftovers
//! whose parents both paired stay apart: their parents' pairing already says where
//! their content went. Each round is greedy best-first over a score matrix: the best-scoring
//! free pair is taken first, so a renamed heading with the same content still finds
//! its counterpart wherever it moved.

use super::features::{Features, SectionFeatures};
use super::halves;
use super::similarity::{containment, count_shared, dice, jaccard};
use crate::report::{Part, Report};

/// Pairs scoring below this are not paired among siblings of a matched parent (or
/// among level-1 sections). A heading reworded beyond recognition still scores about
/// 0.65 through its content; two unrelated sections of one report score below 0.25.
pub const SIBLING_THRESHOLD: f64 = 0.3;

/// Leftovers paired across the tree need stronger evidence than siblings.
pub const FALLBACK_THRESHOLD: f64 = 0.45;

/// Weight of the title in the similarity; the rest is content.
const TITLE_WEIGHT: f64 = 0.35;

/// Weight of agreeing statutory parts for level-1 sections.
const PARTS_WEIGHT: f64 = 0.4;

/// Titles shorter than this many bigrams do not count as contained in another:
/// `工作` is in every heading.
const MIN_CONTAINED_BIGRAMS: usize = 3;

/// Similarity charged per level of difference when leftovers are paired across levels.
const LEVEL_PENALTY: f64 = 0.1;

/// Most section pairs scored in one round. Real reports have tens of sections; a text
/// with thousands of headings only has pairs near the same relative position scored.
const MAX_SCORED_PAIRS: usize = 250_000;

/// Two sections found to be the same.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SectionMatch {
    pub old: usize,
    pub new: usize,
    pub similarity: f64,
}

/// Pairs the sections of two reports.
pub fn align(old: &Report, new: &Report, features: &Features) -> Vec<SectionMatch> {
    let mut aligner = Aligner {
        old,
        new,
        features,
        old_taken: vec![false; old.sections.len()],
        new_taken: vec![false; new.sections.len()],
        matches: Vec::new(),
    };
    let roots = aligner.pair(&features.old.roots, &features.new.roots, SIBLING_THRESHOLD);
    aligner.descend(roots);
    let old_left = free(&aligner.old_taken);
    let new_left = free(&aligner.new_taken);
    let old_orphans = orphans(old, &old_left, &aligner.old_taken);
    let new_orphans = orphans(new, &new_left, &aligner.new_taken);
    let mut found = aligner.pair(&old_orphans, &new_left, FALLBACK_THRESHOLD);
    found.extend(aligner.pair(&old_left, &new_orphans, FALLBACK_THRESHOLD));
    aligner.descend(found);
    aligner.matches
}

fn free(taken: &[bool]) -> Vec<usize> {
    (0..taken.len()).filter(|&i| !taken[i]).collect()
}

/// The sections among `left` without a paired parent.
fn orphans(report: &Report, left: &[usize], taken: &[bool]) -> Vec<usize> {
    left.iter()
        .copied()
        .filter(|&i| {
            report.sections[i]
                .parent
                .is_none_or(|p| !taken.get(p).copied().unwrap_or(false))
        })
        .collect()
}

struct Aligner<'a> {
    old: &'a Report,
    new: &'a Report,
    features: &'a Features<'a>,
    old_taken: Vec<bool>,
    new_taken: Vec<bool>,
    matches: Vec<SectionMatch>,
}

impl Aligner<'_> {
    /// Pairs the children of every matched pair, and theirs, down the tree.
    fn descend(&mut self, mut queue: Vec<SectionMatch>) {
        while let Some(m) = queue.pop() {
            let old_children = &self.features.old.sections[m.old].children;
            let new_children = &self.features.new.sections[m.new].children;
            let found = self.pair(old_children, new_children, SIBLING_THRESHOLD);
            queue.extend(found);
        }
    }

    /// Greedy best-first one-to-one pairing of the free sections among the candidates;
    /// records and returns the new matches.
    fn pair(&mut self, olds: &[usize], news: &[usize], threshold: f64) -> Vec<SectionMatch> {
        let olds: Vec<usize> = olds
            .iter()
            .copied()
            .filter(|&o| !self.old_taken[o])
            .collect();
        let news: Vec<usize> = news
            .iter()
            .copied()
            .filter(|&n| !self.new_taken[n])
            .collect();
        let window = super::window(olds.len(), news.len(), MAX_SCORED_PAIRS);
        let ranges: Vec<(usize, std::ops::Range<usize>)> = olds
            .iter()
            .enumerate()
            .map(|(i, &o)| {
                let centre = i * news.len() / olds.len().max(1);
                (
                    o,
                    centre.saturating_sub(window)..(centre + window + 1).min(news.len()),
                )
            })
            .collect();
        let scored = halves::map(
            &ranges,
            |(_, range)| range.len(),
            |(o, range)| self.candidates(*o, &news[range.clone()], threshold),
        );
        let mut candidates: Vec<(SectionMatch, f64)> = scored.into_iter().flatten().collect();
        candidates.sort_by(|(a, da), (b, db)| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(da.total_cmp(db))
                .then(a.new.cmp(&b.new))
                .then(a.old.cmp(&b.old))
        });
        let mut found = Vec::new();
        for (m, _) in candidates {
            if self.old_taken[m.old] || self.new_taken[m.new] {
                continue;
            }
            self.old_taken[m.old] = true;
            self.new_taken[m.new] = true;
            self.matches.push(m);
            found.push(m);
        }
        found
    }

    /// The sections of `news` that `o` scores at least `threshold` against, with how far
    /// apart their positions are.
    fn candidates(&self, o: usize, news: &[usize], threshold: f64) -> Vec<(SectionMatch, f64)> {
        news.iter()
            .filter_map(|&n| {
                let similarity = self.similarity(o, n);
                (similarity >= threshold).then(|| {
                    let drift = (self.features.old.sections[o].position
                        - self.features.new.sections[n].position)
                        .abs();
                    let found = SectionMatch {
                        old: o,
                        new: n,
                        similarity,
                    };
                    (found, drift)
                })
            })
            .collect()
    }

    /// How alike two sections are, 0..=1: title and content, the statutory parts for
    /// two level-1 sections, less a penalty for sections at different levels.
    fn similarity(&self, o: usize, n: usize) -> f64 {
        let (os, ns) = (&self.old.sections[o], &self.new.sections[n]);
        let (of, nf) = (
            &self.features.old.sections[o],
            &self.features.new.sections[n],
        );
        let title = title_similarity(of, nf);
        let content = content_similarity(of, nf);
        let mut score = match content {
            Some(content) => TITLE_WEIGHT * title + (1.0 - TITLE_WEIGHT) * content,
            None => title,
        };
        let both_top = os.parent.is_none() && ns.parent.is_none();
        if both_top && !os.parts.is_empty() && !ns.parts.is_empty() {
            score =
                PARTS_WEIGHT * parts_jaccard(&os.parts, &ns.parts) + (1.0 - PARTS_WEIGHT) * score;
        }
        let levels = f64::from(os.level.abs_diff(ns.level));
        (score - LEVEL_PENALTY * levels).clamp(0.0, 1.0)
    }
}

/// Dice over title bigrams, or containment when one title is the other with words
/// added (`主要举措和成效` → `2023年推进法治政府建设的主要举措和成效`).
pub fn title_similarity(a: &SectionFeatures, b: &SectionFeatures) -> f64 {
    let base = dice(&a.title, &b.title);
    if a.title.len().min(b.title.len()) < MIN_CONTAINED_BIGRAMS {
        return base;
    }
    base.max(0.9 * containment(&a.title, &b.title))
}

/// The better of TF-IDF word cosine and shared sentences over the two subtrees; `None`
/// when either has no text, so that the title alone decides.
fn content_similarity(a: &SectionFeatures, b: &SectionFeatures) -> Option<f64> {
    if a.content.is_empty() || b.content.is_empty() {
        return None;
    }
    let cosine = a.content.cosine(&b.content);
    let total = a.shapes.len() + b.shapes.len();
    let shared = if total == 0 {
        0.0
    } else {
        2.0 * count_shared(&a.shapes, &b.shapes) as f64 / total as f64
    };
    Some(cosine.max(shared))
}

fn parts_jaccard(a: &[Part], b: &[Part]) -> f64 {
    jaccard(a.iter().filter(|p| b.contains(p)).count(), a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Metadata;

    fn analyze(text: &str) -> Report {
        Report::analyze(text, Metadata::default(), Vec::new())
    }

    fn paths(old: &Report, new: &Report) -> Vec<(String, String)> {
        let features = Features::build(old, new);
        let mut pairs: Vec<(String, String)> = align(old, new, &features)
            .into_iter()
            .map(|m| {
                (
                    old.sections[m.old].path.clone(),
                    new.sections[m.new].path.clone(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn titles_with_words_added_are_contained() {
        let old = analyze("一、主要举措和成效\n甲。\n");
        let new = analyze("一、2023年推进法治政府建设的主要举措和成效\n乙。\n");
        let features = Features::build(&old, &new);
        let sim = title_similarity(&features.old.sections[0], &features.new.sections[0]);
        assert!(sim >= 0.9 * 0.99, "{sim}");
        let short = analyze("一、工作\n甲。\n");
        let features = Features::build(&short, &new);
        let sim = title_similarity(&features.old.sections[0], &features.new.sections[0]);
        assert!(sim < 0.3, "{sim}");
    }

    #[test]
    fn a_subsection_whose_parent_went_finds_its_counterpart_elsewhere() {
        let old = analyze(
            "一、主要举措\n（一）加强组织领导。成立法治建设领导小组，定期研究部署。\n\
             二、其他工作\n（一）深化普法宣传。开展宪法宣传周活动，发放宣传资料。\n",
        );
        let new = analyze(
            "一、主要举措\n（一）加强组织领导。成立法治建设领导小组，定期研究部署。\n\
             （二）深化普法宣传。开展宪法宣传周活动，发放宣传资料。\n",
        );
        let pairs = paths(&old, &new);
        assert!(pairs.contains(&("1".into(), "1".into())), "{pairs:?}");
        assert!(pairs.contains(&("1.1".into(), "1.1".into())), "{pairs:?}");
        assert!(pairs.contains(&("2.1".into(), "1.2".into())), "{pairs:?}");
        assert!(!pairs.iter().any(|(o, _)| o == "2"), "{pairs:?}");
    }

    #[test]
    fn unrelated_sections_stay_apart() {
        let old = analyze("一、存在的不足\n基层执法力量薄弱，人员不足。\n");
        let new = analyze("一、下一步打算\n持续深化综合行政执法改革。\n");
        assert!(paths(&old, &new).is_empty());
    }

    #[test]
    fn scoring_window_is_bounded() {
        assert_eq!(crate::compare::window(10, 20, MAX_SCORED_PAIRS), 20);
        let w = crate::compare::window(5_000, 5_000, MAX_SCORED_PAIRS);
        assert!(5_000 * (2 * w + 1) <= 2 * MAX_SCORED_PAIRS, "{w}");
    }
}
