//! What a finding says, as data: which statement it makes and the words and numbers it
//! makes it about. The wording in each language is `i18n::lint_text`'s; the JSON
//! contract carries this as a finding's `detail`, so a reader in any language can word
//! it again.

use serde::Serialize;

use crate::report::Part;

/// The statement a finding makes, with its arguments. Text in the arguments is quoted
/// from the report (markers, years, names), never words of the interface.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum LintMessage {
    /// No top-level section covers this statutory part.
    MissingPart { part: Part },
    /// The report opens with `opening`, not a title.
    NoTitle { opening: String },
    /// `marker` numbers two sibling headings.
    DuplicateNumber { marker: String },
    /// The first heading of a list is `marker`, not number one.
    NumberingLateStart { marker: String },
    /// `marker` follows `previous`, skipping item number `missing`.
    NumberingGap {
        previous: String,
        marker: String,
        missing: u32,
    },
    /// `marker` follows `previous` out of order.
    NumberingOrder { previous: String, marker: String },
    /// One list numbered `first` and also `odd`.
    MixedMarkers { first: String, odd: String },
    /// The next-year plan is dated `year`, not `expected`.
    PlanYear {
        year: i32,
        report_year: i32,
        expected: i32,
    },
    /// A "this year" word (`今年`, `本年度`) bound to `year`.
    ThisYearWord {
        word: String,
        year: i32,
        report_year: i32,
    },
    /// The title says `title_year`, the body's account of work `body_year`.
    TitleAgainstBody { title_year: i32, body_year: i32 },
    /// A sentence of last year's report kept with last year's `year` in it.
    StaleLastYearText { year: i32, report_year: i32 },
    /// The main measures told as the work of `year`.
    StaleSentenceRole { year: i32, report_year: i32 },
    /// Another township, `name`, written `count` times as the one doing the work.
    ForeignAuthor {
        name: String,
        count: usize,
        own: String,
    },
    /// A slogan, `slogan`, made of another township's name.
    ForeignSlogan {
        slogan: String,
        name: String,
        own: String,
    },
    /// Debris `text` removed at import, `count` times.
    ArtifactRemoved { text: String, count: usize },
    /// Debris `text` still in the report.
    ArtifactLeft { debris: Debris, text: String },
    /// More debris than the findings list one by one.
    ArtifactsUnlisted { count: usize },
    /// Parts (`terms`) add up to `sum`, not the stated `total`, counted in `unit`.
    SumMismatch {
        terms: Vec<String>,
        sum: String,
        total: String,
        unit: String,
    },
}

/// What kind of debris is left in a report's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Debris {
    /// Word or PDF conversion debris (`[bookmark: _GoBack]`).
    Conversion,
    /// Mojibake words (`锟斤拷`).
    Mojibake,
    /// Characters that could not be decoded (U+FFFD).
    Undecodable,
    /// UTF-8 read as Latin-1 (`Ã©`).
    WrongEncoding,
    /// Digits masked with asterisks.
    MaskedDigits,
    /// A template's blank left unfilled (`XX`).
    Placeholder,
}
