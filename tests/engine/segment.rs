//! The project's segmenter against jieba-rs 0.11.0, whose segmentation it must give
//! exactly: `cut` and `tag` with and without the hidden Markov models and `has_word`, on
//! every line of the corpus and on arbitrary strings.

use jieba_rs::Jieba;
use nianbao::report::segment::Segmenter;
use proptest::prelude::*;
use std::sync::OnceLock;

use crate::common;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Every token of both segmenters, word and offsets, for one text.
fn cuts(text: &str, hmm: bool) -> (Vec<String>, Vec<String>) {
    let ours = Segmenter::embedded().cut(text, hmm);
    let theirs = jieba().cut(text, hmm);
    (
        ours.iter()
            .map(|t| row(t.word, "", [t.start, t.end, t.byte_start, t.byte_end]))
            .collect(),
        theirs
            .iter()
            .map(|t| row(t.word, "", [t.start, t.end, t.byte_start, t.byte_end]))
            .collect(),
    )
}

/// Every tagged word of both segmenters, word, tag and offsets, for one text.
fn tags(text: &str, hmm: bool) -> (Vec<String>, Vec<String>) {
    let ours = Segmenter::embedded().tag(text, hmm);
    let theirs = jieba().tag(text, hmm);
    (
        ours.iter()
            .map(|t| row(t.word, t.tag, [t.start, t.end, t.byte_start, t.byte_end]))
            .collect(),
        theirs
            .iter()
            .map(|t| row(t.word, t.tag, [t.start, t.end, t.byte_start, t.byte_end]))
            .collect(),
    )
}

fn row(word: &str, tag: &str, offsets: [usize; 4]) -> String {
    format!("{word:?}/{tag} {offsets:?}")
}

/// Checks one text every way the project segments, and `has_word` on every substring
/// of up to four characters; returns the first difference.
fn compare(text: &str) -> Result<(), String> {
    for hmm in [false, true] {
        let (ours, theirs) = cuts(text, hmm);
        if ours != theirs {
            return Err(format!("cut hmm={hmm} of {text:?}:\n{ours:?}\n{theirs:?}"));
        }
        let (ours, theirs) = tags(text, hmm);
        if ours != theirs {
            return Err(format!("tag hmm={hmm} of {text:?}:\n{ours:?}\n{theirs:?}"));
        }
    }
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    for (i, &start) in starts.iter().enumerate() {
        for len in 1..=4 {
            let end = starts.get(i + len).copied().unwrap_or(text.len());
            let word = &text[start..end];
            if Segmenter::embedded().has_word(word) != jieba().has_word(word) {
                return Err(format!("has_word({word:?})"));
            }
            if end == text.len() {
                break;
            }
        }
    }
    Ok(())
}

/// Every text of the corpus, seeds and State Council reports, with its file name.
fn corpus_texts() -> Option<&'static [(String, String)]> {
    static TEXTS: OnceLock<Option<Vec<(String, String)>>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        let corpus = common::corpus()?;
        let mut files = common::seed_files(&corpus);
        let mut reports: Vec<_> = std::fs::read_dir(corpus.join("state-council"))
            .expect("read state-council")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        reports.sort();
        files.extend(reports);
        let read = |file: &std::path::PathBuf| {
            let text = std::fs::read_to_string(file).expect("read corpus file");
            (file.display().to_string(), text)
        };
        Some(files.iter().map(read).collect())
    });
    texts.as_deref()
}

#[test]
fn every_corpus_line_is_segmented_as_jieba_does() {
    let Some(texts) = corpus_texts() else {
        return;
    };
    let mut lines = 0;
    for (file, text) in texts {
        for line in text.lines() {
            if let Err(difference) = compare(line) {
                panic!("{file}: {difference}");
            }
            lines += 1;
        }
    }
    assert!(texts.len() >= 55, "only {} corpus files", texts.len());
    assert!(lines > 1000, "only {lines} lines checked");
}

#[test]
fn odd_texts_are_segmented_as_jieba_does() {
    for text in [
        "",
        "我们中出了一个叛徒",
        "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        "他来到了网易杭研大厦",
        "abc网球拍卖会def！！？\r\n\t",
        "WES-5.4.5 版本，G260911-0711 号，50%的人，3.14，abc-，-abc",
        "讥䶯䶰䶱䶲䶳䶴䶵𦡦，龘齉龘",
        "C++和C#，AT&T，IP地址，4S店",
        "云岭县松坪乡2023年法治政府建设情况报告",
        "\r\r\n\n　 ",
    ] {
        if let Err(difference) = compare(text) {
            panic!("{difference}");
        }
    }
}

/// Characters of every kind a report may hold, and some it should not.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('\u{4E00}', '\u{9FFF}'),
        2 => prop::sample::select("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质".chars().collect::<Vec<_>>()),
        2 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        2 => prop::char::range('0', '9'),
        2 => prop::sample::select(vec!['+', '#', '&', '.', '_', '%', '-', ' ', ',', ':', '/', '(', ')']),
        2 => prop::sample::select(vec!['，', '。', '、', '；', '：', '“', '”', '（', '）', '《', '》', '…', '—', '·', '　']),
        1 => prop::char::range('\u{FF01}', '\u{FF5E}'),
        1 => prop::char::range('\u{3400}', '\u{4DBF}'),
        1 => prop::char::range('\u{20000}', '\u{2A6DF}'),
        1 => prop::char::range('\u{1F300}', '\u{1FAFF}'),
        1 => prop::sample::select(vec!['\r', '\n', '\t', '\0', '\u{7F}', '\u{200B}', '\u{FEFF}', '\u{1B}']),
        1 => any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Pieces of real text cut anywhere, as the figures code cuts clauses and windows:
    /// they start and end inside words, where a whole line never does.
    #[test]
    fn any_piece_of_the_corpus_is_segmented_as_jieba_does(
        file in any::<prop::sample::Index>(),
        start in any::<prop::sample::Index>(),
        len in 1usize..48,
    ) {
        let Some(texts) = corpus_texts() else {
            return Ok(());
        };
        let (name, text) = file.get(texts);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let from = start.index(chars.len());
        let to = chars.get(from + len).map_or(text.len(), |&(at, _)| at);
        let piece = &text[chars[from].0..to];
        if let Err(difference) = compare(piece) {
            return Err(TestCaseError::fail(format!("{name}: {difference}")));
        }
    }

    #[test]
    fn arbitrary_text_is_segmented_as_jieba_does(chars in prop::collection::vec(any_char(), 0..40)) {
        let text: String = chars.into_iter().collect();
        if let Err(difference) = compare(&text) {
            return Err(TestCaseError::fail(difference));
        }
    }
}
