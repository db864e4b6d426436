//! What alignment needs to know about every sentence and section of both reports,
//! computed once per comparison: interned norms and shapes (so equality is an integer
//! compare), bigrams for Dice, word ids for cosine, and each sentence's region.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::Region;
use super::similarity::{Bigrams, SparseVector};
use crate::report::Sentence;
use crate::report::dates::{Numeral, numerals};
use crate::report::normalize::{fold_width, is_ignorable, norm, shape};
use crate::report::{Report, words};

/// Per-sentence features.
#[derive(Debug, Clone)]
pub struct SentenceFeatures {
    /// Interned `norm`: equal ids mean the same sentence.
    pub norm: u32,
    /// Interned `shape`: equal ids mean the same sentence up to its numbers.
    pub shape: u32,
    /// Bigrams of the shape, so a changed number does not lower the similarity.
    pub bigrams: Bigrams,
    /// Where the sentence's word ids (punctuation and whitespace left out) stand in
    /// its side's [`Side::word_ids`]: one array for all, not a vector per sentence.
    pub words: Range<u32>,
    /// Number-blind word ids (`12次` and `15次` are one), in order: what containment
    /// of one sentence in another is measured on.
    pub tokens: Vec<u32>,
    /// `tokens` sorted, for a cheap bound on containment.
    pub sorted_tokens: Vec<u32>,
    /// Length of the sentence text in characters, the weight of the copy ratio.
    pub chars: usize,
    /// Length of the shape in characters: very short shapes are not evidence of a move.
    pub shape_chars: usize,
    pub region: Region,
}

/// Per-section features; content features cover the whole subtree.
#[derive(Debug, Clone)]
pub struct SectionFeatures {
    /// Bigrams of the title's shape: `2021年工作回顾` and `2022年工作回顾` are one title.
    pub title: Bigrams,
    /// Word ids of the title.
    pub title_words: Vec<u32>,
    /// TF-IDF word vector of every sentence and title in the subtree.
    pub content: SparseVector,
    /// Sorted shape ids of every sentence in the subtree (a multiset).
    pub shapes: Vec<u32>,
    /// Where the section starts, as a share of the report's length.
    pub position: f64,
    /// Children, by index into the report's sections, in document order.
    pub children: Vec<usize>,
}

/// The features of one report.
#[derive(Debug, Clone)]
pub struct Side {
    pub sentences: Vec<SentenceFeatures>,
    /// The word ids of every sentence, one after the other (see
    /// [`SentenceFeatures::words`]).
    word_ids: Vec<u32>,
    pub sections: Vec<SectionFeatures>,
    /// Sections without a parent, in document order.
    pub roots: Vec<usize>,
    /// The sentences of each region that has any, in document order.
    regions: HashMap<Region, Vec<usize>>,
}

impl Side {
    /// The word ids of `sentence`, one of this side's sentences.
    pub fn words(&self, sentence: &SentenceFeatures) -> &[u32] {
        word_slice(&self.word_ids, sentence)
    }

    /// Indices of the sentences in `region`, in document order.
    pub fn sentences_in(&self, region: Region) -> &[usize] {
        self.regions.get(&region).map_or(&[], Vec::as_slice)
    }

    /// Raw word counts of a region: its sentences and, for a section, its title.
    pub fn region_words(&self, region: Region) -> SparseVector {
        let mut ids: Vec<u32> = self
            .sentences_in(region)
            .iter()
            .flat_map(|&i| self.words(&self.sentences[i]).iter().copied())
            .collect();
        if let Region::Section(i) = region
            && let Some(section) = self.sections.get(i)
        {
            ids.extend_from_slice(&section.title_words);
        }
        SparseVector::counting(ids, |_| 1.0)
    }

    /// Raw word counts of the whole report: every sentence and every title.
    pub fn report_words(&self) -> SparseVector {
        let titles = self.sections.iter().flat_map(|s| s.title_words.iter());
        SparseVector::counting(
            self.word_ids.iter().chain(titles).copied().collect(),
            |_| 1.0,
        )
    }
}

/// Features of both reports, with ids shared between them, and the reports' sentences
/// for what is read of few of them (their numerals), computed when asked.
#[derive(Debug, Clone)]
pub struct Features<'a> {
    pub old: Side,
    pub new: Side,
    old_sentences: &'a [Sentence],
    new_sentences: &'a [Sentence],
}

/// Interns strings to dense ids shared by both reports; a string of the reports is
/// borrowed, not copied.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<Cow<'a, str>, u32>,
}

impl<'a> Interner<'a> {
    fn id(&mut self, text: Cow<'a, str>) -> u32 {
        if let Some(&id) = self.ids.get(text.as_ref()) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(text, id);
        id
    }

    /// Interns the strings of `other` in the order `other` first met them, and returns
    /// each one's id here, by its id in `other`: the ids interning the same text here
    /// after what this interner has seen would give.
    fn absorb(&mut self, other: Interner<'a>) -> Vec<u32> {
        let mut strings: Vec<(Cow<'a, str>, u32)> = other.ids.into_iter().collect();
        strings.sort_unstable_by_key(|&(_, id)| id);
        strings.into_iter().map(|(text, _)| self.id(text)).collect()
    }
}

/// The interners of one comparison.
#[derive(Default)]
struct Vocabulary<'a> {
    norms: Interner<'a>,
    shapes: Interner<'a>,
    words: Interner<'a>,
    word_shapes: Interner<'a>,
    /// The word shape id of each word id met with shapes asked for (`u32::MAX` for one
    /// not met so): a word's shape depends on the word alone, so it is computed once.
    shape_of_word: Vec<u32>,
}

impl<'a> Vocabulary<'a> {
    /// Takes in the vocabulary of `sentences`, computed apart, and gives them this
    /// vocabulary's ids.
    fn absorb(&mut self, other: Vocabulary<'a>, sentences: &mut Sentences) {
        let norms = self.norms.absorb(other.norms);
        let shapes = self.shapes.absorb(other.shapes);
        let words = self.words.absorb(other.words);
        let word_shapes = self.word_shapes.absorb(other.word_shapes);
        let renumber = |ids: &mut [u32], map: &[u32]| {
            for id in ids {
                *id = map.get(*id as usize).copied().unwrap_or(*id);
            }
        };
        renumber(&mut sentences.word_ids, &words);
        for s in &mut sentences.features {
            renumber(std::slice::from_mut(&mut s.norm), &norms);
            renumber(std::slice::from_mut(&mut s.shape), &shapes);
            renumber(&mut s.tokens, &word_shapes);
            s.sorted_tokens.clone_from(&s.tokens);
            s.sorted_tokens.sort_unstable();
        }
    }

    /// Word ids of `text`, leaving out punctuation and whitespace tokens; full-width
    /// letters and digits are folded so `１２次` and `12次` are one word.
    fn words(&mut self, text: &'a str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.words_and_shapes(text, &mut ids, None);
        ids
    }

    /// Appends the word ids of `text` as [`Vocabulary::words`] gives them to `ids`
    /// and, when `shape_ids` is given, number-blind ids of the same words to it.
    fn words_and_shapes(
        &mut self,
        text: &'a str,
        ids: &mut Vec<u32>,
        mut shape_ids: Option<&mut Vec<u32>>,
    ) {
        let kept = words::tokens(text)
            .into_iter()
            .filter(|t| !t.chars().all(|c| is_ignorable(fold_width(c))));
        for t in kept {
            let id = if t.chars().all(|c| fold_width(c) == c) {
                self.words.id(Cow::Borrowed(t))
            } else {
                self.words
                    .id(Cow::Owned(t.chars().map(fold_width).collect()))
            };
            ids.push(id);
            if let Some(shape_ids) = shape_ids.as_deref_mut() {
                shape_ids.push(self.word_shape(id, t));
            }
        }
    }

    /// The number-blind id of word `t` (word id `id`); `norm` folds widths, so every
    /// spelling of one word id has the same shape.
    fn word_shape(&mut self, id: u32, t: &str) -> u32 {
        let slot = id as usize;
        if let Some(&known) = self.shape_of_word.get(slot).filter(|&&s| s != u32::MAX) {
            return known;
        }
        let shape_id = self.word_shapes.id(Cow::Owned(shape(&norm(t))));
        if self.shape_of_word.len() <= slot {
            self.shape_of_word.resize(slot + 1, u32::MAX);
        }
        self.shape_of_word[slot] = shape_id;
        shape_id
    }
}

impl<'a> Features<'a> {
    /// Computes the features of both reports, each report's sentences on a thread of
    /// its own; ids are the ones computing them one report after the other would give.
    #[cfg(test)]
    pub fn build(old: &'a Report, new: &'a Report) -> Features<'a> {
        Features::build_at(old, new, true)
    }

    /// [`Features::build`] for a pair compared word by word or, with `word_level`
    /// false, sentence by sentence only: then what only rewordings need (bigrams and
    /// number-blind words) is left empty.
    pub fn build_at(old: &'a Report, new: &'a Report, word_level: bool) -> Features<'a> {
        let ((old_sentences, mut vocab), (mut new_sentences, new_vocab)) = both(
            || sentence_features(old, word_level),
            || sentence_features(new, word_level),
        );
        vocab.absorb(new_vocab, &mut new_sentences);
        let old_titles = title_words(old, &mut vocab);
        let new_titles = title_words(new, &mut vocab);
        let idf = inverse_document_frequency(
            &[&old_sentences, &new_sentences],
            &[&old_titles, &new_titles],
            vocab.words.ids.len(),
        );
        let (old_side, new_side) = both(
            || side(old, old_sentences, old_titles, &idf),
            || side(new, new_sentences, new_titles, &idf),
        );
        Features {
            old: old_side,
            new: new_side,
            old_sentences: &old.sentences,
            new_sentences: &new.sentences,
        }
    }

    /// The runs of numerals of last year's sentence `o` and this year's sentence `n`,
    /// with the date part each writes.
    pub fn numerals(&self, o: usize, n: usize) -> (Vec<Numeral>, Vec<Numeral>) {
        let of = |sentences: &[Sentence], i: usize| {
            sentences
                .get(i)
                .map_or_else(Vec::new, |s| numerals(&s.text))
        };
        (of(self.old_sentences, o), of(self.new_sentences, n))
    }
}

/// Runs `first` on a thread of its own and `second` on this one, for the two reports of
/// a pair; a panic in `first` is raised again here.
pub fn both<A: Send, B>(first: impl FnOnce() -> A + Send, second: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let first = scope.spawn(first);
        let second = second();
        match first.join() {
            Ok(first) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The features of one report's sentences, their word ids in one array.
struct Sentences {
    features: Vec<SentenceFeatures>,
    word_ids: Vec<u32>,
}

/// The word ids of `sentence` in `word_ids`, its side's array.
fn word_slice<'w>(word_ids: &'w [u32], sentence: &SentenceFeatures) -> &'w [u32] {
    let (start, end) = (sentence.words.start as usize, sentence.words.end as usize);
    word_ids.get(start..end).unwrap_or_default()
}

/// The sentence features of one report, with the vocabulary their ids index.
fn sentence_features(report: &Report, word_level: bool) -> (Sentences, Vocabulary<'_>) {
    let mut vocab = Vocabulary::default();
    let mut word_ids = Vec::new();
    let features = report
        .sentences
        .iter()
        .map(|s| {
            let mut tokens = Vec::new();
            let start = offset(word_ids.len());
            vocab.words_and_shapes(&s.text, &mut word_ids, word_level.then_some(&mut tokens));
            let mut sorted_tokens = tokens.clone();
            sorted_tokens.sort_unstable();
            SentenceFeatures {
                norm: vocab.norms.id(Cow::Borrowed(&s.norm)),
                shape: vocab.shapes.id(Cow::Borrowed(s.shape())),
                bigrams: if word_level {
                    Bigrams::of(s.shape())
                } else {
                    Bigrams::default()
                },
                words: start..offset(word_ids.len()),
                tokens,
                sorted_tokens,
                chars: s.text.chars().count(),
                shape_chars: s.shape().chars().count(),
                region: Region::of(report, s),
            }
        })
        .collect();
    word_ids.shrink_to_fit();
    (Sentences { features, word_ids }, vocab)
}

/// A position in a side's word ids; a report has far fewer than 2^32 words (the
/// import cap keeps it under 50 MB of text).
fn offset(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

fn title_words<'a>(report: &'a Report, vocab: &mut Vocabulary<'a>) -> Vec<Vec<u32>> {
    report
        .sections
        .iter()
        .map(|s| vocab.words(&s.title))
        .collect()
}

/// Smoothed IDF per word id, with every sentence and title of both reports as a
/// document: words of the genre (`法治`, `建设`) weigh little, distinctive ones much.
fn inverse_document_frequency(
    sentences: &[&Sentences],
    titles: &[&Vec<Vec<u32>>],
    vocabulary: usize,
) -> Vec<f64> {
    let mut df = vec![0u32; vocabulary];
    let mut documents = 0usize;
    let mut seen: Vec<u32> = Vec::new();
    let word_lists = sentences
        .iter()
        .flat_map(|side| side.features.iter().map(|s| word_slice(&side.word_ids, s)))
        .chain(
            titles
                .iter()
                .flat_map(|side| side.iter().map(Vec::as_slice)),
        );
    for words in word_lists {
        documents += 1;
        seen.clear();
        seen.extend_from_slice(words);
        seen.sort_unstable();
        seen.dedup();
        for &w in &seen {
            if let Some(d) = df.get_mut(w as usize) {
                *d += 1;
            }
        }
    }
    let n = documents as f64;
    df.iter()
        .map(|&d| ((n + 1.0) / (f64::from(d) + 1.0)).ln() + 1.0)
        .collect()
}

fn side(report: &Report, sentences: Sentences, titles: Vec<Vec<u32>>, idf: &[f64]) -> Side {
    let count = report.sections.len();
    let mut shapes: Vec<Vec<u32>> = vec![Vec::new(); count];
    let weight = |w: u32| idf.get(w as usize).copied().unwrap_or(1.0);
    for s in &sentences.features {
        if let Region::Section(i) = s.region {
            for ancestor in lineage(report, i) {
                shapes[ancestor].push(s.shape);
            }
        }
    }
    let contents = subtree_vectors(report, &sentences, &titles, weight);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut roots = Vec::new();
    for (i, section) in report.sections.iter().enumerate() {
        match section.parent.filter(|&p| p < count && p != i) {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let length = report.text.chars().count().max(1) as f64;
    let sections = report
        .sections
        .iter()
        .zip(titles)
        .zip(contents.into_iter().zip(shapes).zip(children))
        .map(
            |((section, title_words), ((content, mut shapes), children))| {
                shapes.sort_unstable();
                SectionFeatures {
                    title: Bigrams::of(&shape(&norm(&section.title))),
                    title_words,
                    content,
                    shapes,
                    position: section.span.start as f64 / length,
                    children,
                }
            },
        )
        .collect();
    let mut regions: HashMap<Region, Vec<usize>> = HashMap::new();
    for (i, s) in sentences.features.iter().enumerate() {
        regions.entry(s.region).or_default().push(i);
    }
    Side {
        sentences: sentences.features,
        word_ids: sentences.word_ids,
        sections,
        roots,
        regions,
    }
}

/// The word vector of each section's subtree (its sentences and titles), from how often
/// each word stands in it: each section's own words counted once, then, sections being
/// in text order with parents before children, each section's counts merged with its
/// children's from the last section to the first — sorted `(word id, count)` vectors,
/// so a deep tree does not hold its words once per level in hash maps, and a section's
/// counts become its vector as soon as its parent has taken them in.
fn subtree_vectors(
    report: &Report,
    sentences: &Sentences,
    titles: &[Vec<u32>],
    weight: impl Fn(u32) -> f64 + Copy,
) -> Vec<SparseVector> {
    let count = report.sections.len();
    let mut own: Vec<Vec<u32>> = titles.to_vec();
    own.resize(count, Vec::new());
    for s in &sentences.features {
        if let Region::Section(i) = s.region
            && let Some(words) = own.get_mut(i)
        {
            words.extend_from_slice(word_slice(&sentences.word_ids, s));
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, section) in report.sections.iter().enumerate() {
        if let Some(p) = section.parent.filter(|&p| p < i) {
            children[p].push(i);
        }
    }
    let mut counts: Vec<Vec<(u32, u32)>> = vec![Vec::new(); count];
    let mut vectors: Vec<Option<SparseVector>> = vec![None; count];
    for (i, mut words) in own.into_iter().enumerate().rev() {
        words.sort_unstable();
        let mut all: Vec<(u32, u32)> = words
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], u32::try_from(run.len()).unwrap_or(u32::MAX)))
            .collect();
        drop(words);
        for &c in &children[i] {
            let child = std::mem::take(&mut counts[c]);
            all.extend_from_slice(&child);
            vectors[c] = Some(SparseVector::from_counts(child, weight));
        }
        all.sort_unstable_by_key(|&(id, _)| id);
        counts[i] = sum_runs(all);
    }
    vectors
        .into_iter()
        .zip(counts)
        .map(|(vector, counts)| vector.unwrap_or_else(|| SparseVector::from_counts(counts, weight)))
        .collect()
}

/// Sorted `(id, count)` pairs with the counts of equal ids added into one pair.
fn sum_runs(sorted: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(sorted.len());
    for (id, n) in sorted {
        match out.last_mut() {
            Some(last) if last.0 == id => last.1 = last.1.saturating_add(n),
            _ => out.push((id, n)),
        }
    }
    out.shrink_to_fit();
    out
}

/// The section and its ancestors, guarding against a malformed parent chain.
fn lineage(report: &Report, section: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(4);
    let mut current = Some(section);
    while let Some(i) = current {
        if i >= report.sections.len() || out.contains(&i) {
            break;
        }
        out.push(i);
        current = report.sections[i].parent;
    }
    out
}
