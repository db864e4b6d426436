//! The alignment of one changed run of removed and added sentences: the order-keeping
//! set of steps with the greatest total similarity, where a step pairs one old sentence
//! with one new sentence, or (as in Gale and Church's sentence alignment) several
//! consecutive sentences of one side with one sentence of the other: a merge or a
//! split. Sentences in no step are removed or added.

use std::ops::Range;

/// One step of an alignment: consecutive old and new sentences, as positions in the
/// run; one side always holds exactly one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub olds: Range<usize>,
    pub news: Range<usize>,
}

/// How the best alignment of a prefix ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Choice {
    SkipOld,
    SkipNew,
    /// A step of this many old and new sentences.
    Take(usize, usize),
}

/// The weights of the steps of a run: `pair(i, j)` for old `i` with new `j`, and
/// `join(olds, news)` for several sentences of one side with one of the other; a weight
/// of 0 means the step is not allowed.
pub struct Weights<'a> {
    pub pair: &'a dyn Fn(usize, usize) -> f64,
    pub join: &'a dyn Fn(Range<usize>, Range<usize>) -> f64,
    /// Most sentences one side of a join may hold; 1 allows no join.
    pub max_joined: usize,
}

/// The heaviest order-keeping alignment of `olds` × `news` sentences, as steps in
/// order. Ties keep the one-to-one pairs a plain weighted common subsequence would
/// choose.
pub fn align(olds: usize, news: usize, weights: &Weights) -> Vec<Step> {
    let width = news + 1;
    let mut best = vec![0.0f64; (olds + 1) * width];
    let mut choice = vec![Choice::SkipOld; (olds + 1) * width];
    for first_row in choice.iter_mut().take(width).skip(1) {
        *first_row = Choice::SkipNew;
    }
    for i in 1..=olds {
        for j in 1..=news {
            let (up, left) = (best[(i - 1) * width + j], best[i * width + j - 1]);
            let (mut here, mut how) = if up >= left {
                (up, Choice::SkipOld)
            } else {
                (left, Choice::SkipNew)
            };
            let w = (weights.pair)(i - 1, j - 1);
            if w > 0.0 && best[(i - 1) * width + j - 1] + w >= here {
                here = best[(i - 1) * width + j - 1] + w;
                how = Choice::Take(1, 1);
            }
            for (k_old, k_new) in join_shapes(i, j, weights.max_joined) {
                let w = (weights.join)(i - k_old..i, j - k_new..j);
                let total = best[(i - k_old) * width + j - k_new] + w;
                if w > 0.0 && total > here {
                    here = total;
                    how = Choice::Take(k_old, k_new);
                }
            }
            best[i * width + j] = here;
            choice[i * width + j] = how;
        }
    }
    backtrack(&choice, width, olds, news)
}

/// The joins that can end at `(i, j)`: `k` old sentences with one new one, or one old
/// sentence with `k` new ones, for `k` from 2 to `max_joined`.
fn join_shapes(i: usize, j: usize, max_joined: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for k in 2..=max_joined {
        if k <= i {
            out.push((k, 1));
        }
        if k <= j {
            out.push((1, k));
        }
    }
    out
}

fn backtrack(choice: &[Choice], width: usize, olds: usize, news: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let (mut i, mut j) = (olds, news);
    while i > 0 || j > 0 {
        match choice[i * width + j] {
            Choice::SkipOld if i > 0 => i -= 1,
            Choice::SkipNew if j > 0 => j -= 1,
            Choice::Take(k_old, k_new) if k_old <= i && k_new <= j => {
                steps.push(Step {
                    olds: i - k_old..i,
                    news: j - k_new..j,
                });
                i -= k_old;
                j -= k_new;
            }
            _ if i > 0 => i -= 1,
            _ => j -= 1,
        }
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_join(_: Range<usize>, _: Range<usize>) -> f64 {
        0.0
    }

    #[test]
    fn one_to_one_pairs_keep_order_and_maximise_weight() {
        // Old 0 is like new 1 (0.9); old 1 like new 0 (0.6) and new 2 (0.7).
        let pair = |i: usize, j: usize| match (i, j) {
            (0, 1) => 0.9,
            (1, 0) => 0.6,
            (1, 2) => 0.7,
            _ => 0.0,
        };
        let weights = Weights {
            pair: &pair,
            join: &no_join,
            max_joined: 1,
        };
        let steps = align(2, 3, &weights);
        assert_eq!(
            steps,
            vec![
                Step {
                    olds: 0..1,
                    news: 1..2
                },
                Step {
                    olds: 1..2,
                    news: 2..3
                }
            ]
        );
    }

    #[test]
    fn a_join_wins_when_it_weighs_more() {
        let pair = |i: usize, j: usize| if (i, j) == (0, 0) { 0.8 } else { 0.0 };
        let join = |olds: Range<usize>, news: Range<usize>| {
            if olds == (0..2) && news == (0..1) {
                1.8
            } else {
                0.0
            }
        };
        let weights = Weights {
            pair: &pair,
            join: &join,
            max_joined: 3,
        };
        assert_eq!(
            align(2, 1, &weights),
            vec![Step {
                olds: 0..2,
                news: 0..1
            }]
        );
        assert!(align(0, 0, &weights).is_empty());
        assert!(align(2, 0, &weights).is_empty());
    }
}
