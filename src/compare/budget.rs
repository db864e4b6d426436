//! How much work a comparison may do before it settles for whole sentences. Real
//! reports stay far inside every bound, so they are compared exactly as without one;
//! a huge pair (or a huge section of one) is compared sentence by sentence instead of
//! taking time and memory without end.

/// The bounds of one comparison, counted in work done (sentences, pairs of sentences,
/// characters), never in time, so the same pair always gives the same rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Above this many sentences in the two reports together the whole pair is compared
    /// sentence by sentence.
    pub word_level_sentences: usize,
    /// A region pair with more old × new sentences than this is compared sentence by
    /// sentence, and its diff searches only between sentences found once on each side
    /// (anchors) for stretches of at most this many cells.
    pub region_cells: usize,
    /// Pairs of sentences the whole comparison may score for rewordings (twice old ×
    /// new sentences of each region, counted in document order); regions after it is
    /// spent are compared sentence by sentence.
    pub pairing_cells: usize,
    /// A reworded row whose two sides have more characters multiplied than this gets no
    /// word edits, and its region counts as compared sentence by sentence.
    pub edit_cells: usize,
}

/// Above this many sentences in the two reports together (about 5 MB of text on each
/// side) a pair is compared sentence by sentence only: looking for rewordings among
/// tens of thousands of sentences would take longer than a reviewer waits.
pub const MAX_WORD_LEVEL_SENTENCES: usize = 100_000;

impl Default for Budget {
    /// The bounds every front end uses: a report's section has tens of sentences and a
    /// sentence a few hundred characters, so only text far beyond any report reaches
    /// them.
    fn default() -> Budget {
        Budget {
            word_level_sentences: MAX_WORD_LEVEL_SENTENCES,
            region_cells: 1_000_000,
            pairing_cells: 8_000_000,
            edit_cells: 4_000_000,
        }
    }
}

/// What is left of a budget's pairing cells while a comparison runs.
#[derive(Debug)]
pub struct Spending {
    budget: Budget,
    pairing_left: usize,
}

impl Spending {
    /// A comparison about to start under `budget`.
    pub fn new(budget: Budget) -> Spending {
        Spending {
            budget,
            pairing_left: budget.pairing_cells,
        }
    }

    /// The bounds.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// Whether a region pair of `olds` × `news` sentences is compared word by word, and
    /// if so takes its share of the pairing cells.
    pub fn word_level_region(&mut self, olds: usize, news: usize) -> bool {
        let cells = olds.saturating_mul(news);
        let charge = cells.saturating_mul(2);
        if cells > self.budget.region_cells || charge > self.pairing_left {
            return false;
        }
        self.pairing_left -= charge;
        true
    }

    /// Whether word edits between texts of `old_chars` and `new_chars` characters fit.
    pub fn edits_fit(&self, old_chars: usize, new_chars: usize) -> bool {
        old_chars.saturating_mul(new_chars) <= self.budget.edit_cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_take_pairing_cells_until_they_run_out() {
        let mut spending = Spending::new(Budget {
            word_level_sentences: 100,
            region_cells: 50,
            pairing_cells: 100,
            edit_cells: 10,
        });
        assert!(!spending.word_level_region(10, 10), "over the region bound");
        assert!(spending.word_level_region(5, 5));
        assert!(spending.word_level_region(5, 5));
        assert!(!spending.word_level_region(1, 1), "spent");
        assert!(spending.edits_fit(2, 5) && !spending.edits_fit(3, 4));
    }
}
