//! Every user-facing string of the CLI and TUI, in Chinese (default) and English.

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise an English `LANG`/`LC_ALL` selects English.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(flag) = flag {
            return if flag.starts_with("en") {
                Lang::En
            } else {
                Lang::Zh
            };
        }
        let env = std::env::var("LC_ALL")
            .ok()
            .filter(|v| !v.is_empty())
            .or_else(|| std::env::var("LANG").ok())
            .unwrap_or_default();
        if env.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// A user-facing string. Views and commands name a message; this module words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Imported,
    Unchanged,
    Replaced,
    Failed,
    ImportSummary,
    Township,
    County,
    Province,
    Years,
    Year,
    Title,
    Source,
    NoReports,
    Sections,
    Figures,
    Lint,
    Preamble,
    Closing,
    NoFindings,
    CopyRatio,
    Cosine,
    Jaccard,
    Similarity,
    KindUnchanged,
    KindNumbersOnly,
    KindModified,
    KindMoved,
    KindAdded,
    KindRemoved,
    FoldedUnchanged,
    MovedFrom,
    SectionAdded,
    SectionRemoved,
    Section,
    File,
    Value,
    Unit,
    Qualifier,
    Surface,
    Label,
    Sentence,
    Previous,
    Current,
    Change,
    Flags,
    FlagSameSentence,
    FlagSameValue,
    FlagVanished,
    FlagNew,
    FlagJump,
    FlagOver100Percent,
    NoFigures,
    NothingToCompare,
    Parts,
}

/// The wording of `m` in `lang`.
pub fn msg(lang: Lang, m: Msg) -> &'static str {
    let (zh, en) = match m {
        Msg::Imported => ("已导入", "imported"),
        Msg::Unchanged => ("未变化", "unchanged"),
        Msg::Replaced => ("已替换", "replaced"),
        Msg::Failed => ("失败", "failed"),
        Msg::ImportSummary => ("导入完成", "import done"),
        Msg::Township => ("乡镇", "township"),
        Msg::County => ("县区", "county"),
        Msg::Province => ("省份", "province"),
        Msg::Years => ("年份", "years"),
        Msg::Year => ("年度", "year"),
        Msg::Title => ("标题", "title"),
        Msg::Source => ("来源", "source"),
        Msg::NoReports => (
            "库中还没有报告。导入：nianbao import 文件或目录；或运行 nianbao demo",
            "The store has no reports yet. Import with: nianbao import FILES, or run nianbao demo",
        ),
        Msg::Sections => ("章节", "sections"),
        Msg::Figures => ("数据", "figures"),
        Msg::Lint => ("问题", "findings"),
        Msg::Preamble => ("开头", "preamble"),
        Msg::Closing => ("落款", "closing"),
        Msg::NoFindings => ("未发现问题", "no findings"),
        Msg::CopyRatio => ("复制率", "copied"),
        Msg::Cosine => ("余弦", "cosine"),
        Msg::Jaccard => ("Jaccard", "Jaccard"),
        Msg::Similarity => ("相似度", "similarity"),
        Msg::KindUnchanged => ("未变", "unchanged"),
        Msg::KindNumbersOnly => ("仅数字变", "numbers only"),
        Msg::KindModified => ("改写", "modified"),
        Msg::KindMoved => ("移动", "moved"),
        Msg::KindAdded => ("新增", "added"),
        Msg::KindRemoved => ("删除", "removed"),
        Msg::FoldedUnchanged => ("句未变，已折叠", "unchanged sentences folded"),
        Msg::MovedFrom => ("原在", "from"),
        Msg::SectionAdded => ("新增章节", "new section"),
        Msg::SectionRemoved => ("删除章节", "removed section"),
        Msg::Section => ("章节", "section"),
        Msg::File => ("文件", "file"),
        Msg::Value => ("数值", "value"),
        Msg::Unit => ("单位", "unit"),
        Msg::Qualifier => ("修饰", "qualifier"),
        Msg::Surface => ("原文", "as written"),
        Msg::Label => ("指标", "label"),
        Msg::Sentence => ("句子", "sentence"),
        Msg::Previous => ("上年", "previous"),
        Msg::Current => ("本年", "current"),
        Msg::Change => ("变化", "change"),
        Msg::Flags => ("标记", "flags"),
        Msg::FlagSameSentence => ("同句照抄", "same sentence"),
        Msg::FlagSameValue => ("数值未变", "same value"),
        Msg::FlagVanished => ("已消失", "vanished"),
        Msg::FlagNew => ("新增", "new"),
        Msg::FlagJump => ("剧变", "jump"),
        Msg::FlagOver100Percent => ("超过100%", "over 100%"),
        Msg::NoFigures => ("没有找到数据", "no figures found"),
        Msg::NothingToCompare => (
            "需要同一乡镇至少两个年度的报告才能比较",
            "comparing needs reports of at least two years of one township",
        ),
        Msg::Parts => ("法定部分", "statutory parts"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
