//! Independent pieces of a comparison (section pairs to score, regions to align) run on
//! two threads: the pieces are cut into two runs in order of about equal work, and the
//! results are put back in order, so the output is the same as one pass gives whatever
//! the threads' timing.

use super::features::both;

/// Below this much work in all (sentences or pairs scored) one thread does it: a real
/// report's comparison is done sooner than a thread starts.
const WORTH_A_THREAD: usize = 20_000;

/// Where to cut `costs` so the two runs hold about the same work; `None` when the whole
/// is too little to be worth a second thread.
fn cut(costs: impl Iterator<Item = usize> + Clone) -> Option<usize> {
    let total: usize = costs.clone().fold(0, usize::saturating_add);
    if total < WORTH_A_THREAD {
        return None;
    }
    let mut sum = 0usize;
    costs
        .enumerate()
        .find_map(|(i, c)| {
            sum = sum.saturating_add(c);
            (sum >= total / 2).then_some(i + 1)
        })
        .filter(|&at| at > 0)
}

/// `work` of every item, in order, the items cut in two by `cost` and run on two
/// threads when there is enough to do.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    cost: impl Fn(&T) -> usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let Some(at) = cut(items.iter().map(&cost)) else {
        return items.iter().map(&work).collect();
    };
    let (first, second) = items.split_at(at);
    let work = &work;
    let (mut out, rest) = both(
        || first.iter().map(work).collect::<Vec<R>>(),
        || second.iter().map(work).collect::<Vec<R>>(),
    );
    out.extend(rest);
    out
}

/// `work` of every item, changing it in place, with its index; the results in order,
/// the items cut in two by `cost` and run on two threads when there is enough to do.
pub fn map_mut<T: Send, R: Send>(
    items: &mut [T],
    cost: impl Fn(&T) -> usize,
    work: impl Fn(usize, &mut T) -> R + Sync,
) -> Vec<R> {
    let run = |offset: usize, items: &mut [T]| -> Vec<R> {
        items
            .iter_mut()
            .enumerate()
            .map(|(i, item)| work(offset + i, item))
            .collect()
    };
    let Some(at) = cut(items.iter().map(&cost)) else {
        return run(0, items);
    };
    let (first, second) = items.split_at_mut(at);
    let run = &run;
    let (mut out, rest) = both(|| run(0, first), || run(at, second));
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_when_cut_in_two() {
        let items: Vec<usize> = (0..1000).collect();
        let out = map(&items, |_| 100, |&i| i * 2);
        assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        let mut items: Vec<usize> = (0..1000).collect();
        let seen = map_mut(
            &mut items,
            |_| 100,
            |i, item| {
                *item += 1;
                i
            },
        );
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        assert_eq!(items, (1..=1000).collect::<Vec<_>>());
    }

    #[test]
    fn the_cut_halves_the_work_and_little_work_is_not_cut() {
        assert_eq!(cut([10_000, 10_000, 10_000, 10_000].into_iter()), Some(2));
        assert_eq!(cut([30_000, 1, 1].into_iter()), Some(1));
        assert_eq!(cut([100, 100].into_iter()), None);
        assert_eq!(cut(std::iter::empty()), None);
    }
}
