//! A pair laid out by the worker before it answers, so the interface thread does not
//! spend the time (half a second for a pair of 10 MB years) with keys unread: the
//! request to open a pair says what the layout depends on besides the pair, and the
//! interface takes the layout made for it only when that is still what it would lay
//! out — otherwise (the window resized, a pane opened meanwhile) it lays out as before.

use std::collections::HashSet;

use super::{DiffLayout, LayoutParams, WrapCache};
use crate::i18n::Lang;
use crate::review::PairData;

/// What a pair's layout depends on besides the pair, as the interface sees it when it
/// asks for the pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutAsk {
    pub params: LayoutParams,
    pub lang: Lang,
    /// Folds the reviewer opened, by section pair and first row: those of the pair on
    /// screen when the same pair is asked for again, else none.
    pub opened: HashSet<(usize, usize)>,
}

/// A pair laid out for a [`LayoutAsk`], with the sentences wrapped on the way.
#[derive(Debug, Clone)]
pub struct Prelaid {
    pub ask: LayoutAsk,
    pub layout: DiffLayout,
    pub wraps: WrapCache,
}

impl LayoutAsk {
    /// Lays `data` out as the interface would for this ask.
    pub fn lay_out(self, data: &PairData) -> Prelaid {
        let mut wraps = WrapCache::default();
        let layout = DiffLayout::build(data, self.params, &self.opened, self.lang, &mut wraps);
        Prelaid {
            ask: self,
            layout,
            wraps,
        }
    }
}

impl Prelaid {
    /// True when this is the layout the interface would make now: the same parameters,
    /// language and opened folds.
    pub fn fits(&self, params: LayoutParams, lang: Lang, opened: &HashSet<(usize, usize)>) -> bool {
        self.ask.params == params && self.ask.lang == lang && &self.ask.opened == opened
    }
}
